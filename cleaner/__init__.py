"""cleaner: noisy scraped Chinese news text in, a clean, segmented, versioned Parquet dataset out."""

__version__ = "0.1.0"
