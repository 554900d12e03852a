"""Adapters on the official Google Cloud clients, used against GCP and against the emulators.

They are wired by the composition root (``shared.deps``); nothing here imports it.
"""
