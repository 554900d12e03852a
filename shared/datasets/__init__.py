"""What a tenant has loaded: ingestions, their rejects, and per-kind counts (read models for the console)."""
