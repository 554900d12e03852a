"""Scheduled ingestion from where merchants' data lives: marketplaces, competitor pages, S3 exports.

Each source is a plugin named in ``shared.connectors.sources``; every run feeds the same raw bucket -> ingest ->
process path as uploads, so connectors never write to the warehouse themselves.
"""
