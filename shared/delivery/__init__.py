"""Delivery of alerts and digests: signed webhooks (generic JSON, Slack) and SMTP e-mail, retried, dead-lettered."""
