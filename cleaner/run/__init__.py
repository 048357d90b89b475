"""Run a build: engines, duplicate detection across documents, explain, learn."""
