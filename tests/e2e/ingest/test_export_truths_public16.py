"""public16's exports (and its held-out ones), ingested with ``ecomintel ingest`` and checked row for row against their
generators' truths: every row lands, is rejected with its reason or is skipped with a count, and each column is read as
what it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.ingest.export_checks import checks, ingest
from tests.fixtures.public.public16_heldout_shapes import PUBLIC16B
from tests.fixtures.public.public16_shapes import PUBLIC16


@pytest.mark.parametrize("name", list(PUBLIC16))
def test_every_row_of_a_public16_export_lands_as_it_means(name: str, tmp_path: Path) -> None:
    files, truth = PUBLIC16[name](300)
    docs, sums, currencies = ingest(tmp_path, files)
    verdict = {check: why for check, why in checks(docs, sums, currencies, truth).items() if why}
    assert not verdict, verdict


@pytest.mark.parametrize("name", list(PUBLIC16B))
def test_every_row_of_a_public16_held_out_export_lands_as_it_means(name: str, tmp_path: Path) -> None:
    files, truth = PUBLIC16B[name](300)
    docs, sums, currencies = ingest(tmp_path, files)
    verdict = {check: why for check, why in checks(docs, sums, currencies, truth).items() if why}
    assert not verdict, verdict
