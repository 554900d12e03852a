"""Build tooling for the deployable function bundles (never shipped inside a bundle).

``closure`` finds what a function's ``main.py`` imports, ``requirements`` pins those distributions to the
lock, ``archive`` writes the deterministic zip Terraform uploads, ``venvs`` installs an unpacked bundle
into its own virtualenv the way Cloud Functions' build does.
"""
