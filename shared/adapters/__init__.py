"""Adapters implementing ``shared.ports``: ``local`` (embedded engines) and ``gcp`` (official clients)."""
