"""The store layer: the one place that owns warehouse statements, document paths and state machines.

Cores ask the store for frames and records; they never see SQL, a document path or a status string.
Statements are sqlglot expressions compiled per engine by the warehouse adapter (``Warehouse.run``), so a
query cannot be formatted from strings, and every statement that reads tenant data is built with the tenant
predicate by the store itself.

``shared.store.metrics`` is the analytical face of this layer: the semantic layer (metrics, dimensions,
time grains) every descriptive answer, the dashboard and the console read through.
"""
