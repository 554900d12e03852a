"""Ingestion: raw merchant files -> validated staging rows, rejects and an ingestion record."""
