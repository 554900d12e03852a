"""Identity: tokens, principals, roles."""
