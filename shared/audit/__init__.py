"""Audit log of data operations and security events."""
