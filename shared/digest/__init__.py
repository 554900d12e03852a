"""Daily / weekly digests: top actions with evidence and confidence, with server-rendered charts."""
