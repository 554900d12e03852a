"""Embedded adapters: SQLite documents and queue, DuckDB warehouse, a directory of blobs. No servers."""
