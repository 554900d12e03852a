"""Retention: raw files, processed rows and reports deleted by per-tenant policy, with legal holds and audit."""
