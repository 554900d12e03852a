"""What an agent's prepare loaded is frozen out of the collector's full passes (``registry._settle_loaded``).

The sentiment agent's word tables and lexicons are ~180k objects that live as long as the process: every full
collection walked them again, 0.27-0.30 s once per overview answer. After the first prepare they are frozen.
"""

from __future__ import annotations

import gc

from shared.agents import registry


def test_the_first_prepare_freezes_what_it_loaded() -> None:
    registry._settle_loaded.cache_clear()
    gc.unfreeze()
    try:
        registry.prepare_runner("sentiment")
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # the lexicon and word tables, not a handful of objects
        registry.prepare_runner("sentiment")  # later questions: nothing collected or frozen again
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
        registry._settle_loaded.cache_clear()
