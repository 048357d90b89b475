"""Rows, schema, Parquet, dataset card, Croissant, diff and push of a version."""
