"""Processing: turn staged rows of one ingestion into clean, deduplicated, lineage-carrying final rows."""
