"""Scheduled jobs: fan-out per tenant, period keys, and the run-schedule entry point."""
