"""Pricing intelligence: product matching, price position, alerts, elasticity and recommendations.

Every module here is a pure core over pandas frames; ``loader`` and ``agent`` are the only ones that
touch the warehouse (through the ``Warehouse`` port).
"""
