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


#: Read wrong today: Cooltix's per-ticket Discount, the same on each ticket of an order, is read as the order's discount
#: repeated on every row (public14's ``order_columns_on_every_row``) and counted once per order; a repeated equal
#: discount cannot be told from an order's by its values alone (left for its own issue)
HELD_OUT_WRONG_TODAY = frozenset({"cooltix"})


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.xfail(strict=True)) if n in HELD_OUT_WRONG_TODAY else n for n in PUBLIC15B],
)
def test_every_row_of_a_public15_held_out_export_lands_as_it_means(name: str, tmp_path: Path) -> None:
    files, truth = PUBLIC15B[name](300)
    docs, sums, currencies = ingest(tmp_path, files)
    verdict = {check: why for check, why in checks(docs, sums, currencies, truth).items() if why}
    assert not verdict, verdict
