"""ecomintel shared package: domain models, ports, adapters and pure cores used by every function."""
