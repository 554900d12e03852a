"""The ``ecomintel`` command line."""
