"""Reading a merchant's question: time phrases, the tenant's own vocabulary, and a typed reading.

Pure cores (no I/O): :mod:`timephrase` resolves dates against the as-of date, :mod:`vocabulary` matches the
tenant's names, :mod:`reading` turns a question into a ``MetricQuery``, an agent plan or an "unanswerable",
and :mod:`compose` writes the answer first. Store reads live in ``shared.store.vocabulary``.
"""
