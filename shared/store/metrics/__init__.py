"""The metrics layer: metrics and dimensions declared once, compiled to SQL for DuckDB and BigQuery."""
