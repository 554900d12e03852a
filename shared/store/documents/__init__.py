"""Document paths and records of the operational store, one module per aggregate.

Every Firestore-shaped path (``tenants/<tenant>/<collection>/...``) and every top-level collection name is
spelled here and nowhere else; a tenant-scoped path cannot be built without a tenant id that passes
:func:`shared.store.tenant.tenant_id`. Cores import the builder (or the small read/write helper) of the
aggregate they work with; ``tests/unit/store/test_no_inline_paths.py`` keeps paths from creeping back.

Modules: ``accounts`` (tenants registry, users, invites, API keys), ``alerts``, ``audit``, ``caches``
(query and forecast caches, the data version), ``counters`` (LLM usage, rate limits), ``deliveries``
(deliveries and digests), ``ingestions``, ``jobs`` (question jobs and their parts, forecast jobs),
``retention`` (what the reports class covers), ``schedules`` (scheduled job runs, refresh state),
``sessions`` (conversation turns and preferences), ``settings`` (per-tenant settings documents), ``sync``
(connector sources and runs).
"""
