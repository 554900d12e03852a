"""public15's exports (and its held-out ones), ingested with ``ecomintel ingest`` and checked row for row against their
generators' truths: every row lands, is rejected with its reason or is skipped with a count, and each column is read as
what it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.ingest.export_checks import checks, ingest
from tests.fixtures.public.public15_heldout_shapes import PUBLIC15B
from tests.fixtures.public.public15_shapes import PUBLIC15


@pytest.mark.parametrize("name", list(PUBLIC15))
def test_every_row_of_a_public15_export_lands_as_it_means(name: str, tmp_path: Path) -> None:
    files, truth = PUBLIC15[name](300)
    docs, sums, currencies = ingest(tmp_path, files)
    verdict = {check: why for check, why in checks(docs, sums, currencies, truth).items() if why}
    assert not verdict, verdict


@pytest.mark.parametrize("name", list(PUBLIC15B))
def test_every_row_of_a_public15_held_out_export_lands_as_it_means(name: str, tmp_path: Path) -> None:
    """Cooltix's equal per-ticket Discount was read as the order's (public16: a unit a row keeps its own discount)."""
    files, truth = PUBLIC15B[name](300)
    docs, sums, currencies = ingest(tmp_path, files)
    verdict = {check: why for check, why in checks(docs, sums, currencies, truth).items() if why}
    assert not verdict, verdict
