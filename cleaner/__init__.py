"""cleaner: noisy scraped Chinese news text in, a clean, segmented, versioned Parquet dataset out."""

__version__ = "0.1.0"

from . import compiled  # noqa: E402,F401  (first: decides whether the hot modules run compiled)
