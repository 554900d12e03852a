"""An export's stored sales checked against its generator's truth (``ExportTruth``): what ``bench/export_truths.py``
prints and the e2e tests assert.

The files are ingested with ``ecomintel ingest`` in this process (the embedded home under the folder given), the
stored sales summed and compared: the kind, that the rows add up (read = accepted + rejected + duplicates + skipped +
held), the accepted and rejected counts, units, revenue before discounts (a line stored after its discount,
``discount_included``, has it added back), discounts, refunds, returned units, the orders, the products, the first and
last day and the currencies. A line the export refunded where it stands may be stored as a sale and its refund or as a
return: both pass.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path
from typing import Any

from shared.cli.main import main as cli
from shared.deps import get_deps, reset_deps
from tests.fixtures.public.export_truth import ExportTruth

SUMS = """
SELECT count(*) AS n, coalesce(sum(units), 0) AS units,
       coalesce(sum(revenue + CASE WHEN discount_included THEN coalesce(discount, 0) ELSE 0 END), 0) AS revenue,
       coalesce(sum(discount), 0) AS discount, coalesce(sum(refund), 0) AS refund,
       coalesce(sum(returned_units), 0) AS returned_units,
       count(DISTINCT CASE WHEN units > 0 THEN order_id END) AS orders, count(DISTINCT sku) AS products,
       min(date) AS first, max(date) AS last
FROM sales WHERE tenant_id = @t
"""
CURRENCIES = "SELECT DISTINCT currency FROM sales WHERE tenant_id = @t AND currency IS NOT NULL"


def _money(stored: float, *wanted: float) -> bool:
    return any(abs(stored - w) <= 0.01 + 1e-6 * abs(w) for w in wanted)


def ingest(folder: Path, files: dict[str, str]) -> tuple[list[dict[str, Any]], dict[str, Any], set[str]]:
    """Each file's ``--json`` record (a refused file's: its error), the stored sums and currencies."""
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["ECOMINTEL_HOME"] = str(folder / "home")
    reset_deps()
    docs: list[dict[str, Any]] = []
    for name, text in files.items():
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli(["ingest", str(path), "--tenant", "acme", "--json"])
        docs.append(json.loads(out.getvalue()) if code == 0 else {"refused": err.getvalue().strip()[-300:]})
    warehouse = get_deps().warehouse
    sums = {str(k): v for k, v in warehouse.query(SUMS, {"t": "acme"}).to_dict("records")[0].items()}
    currencies = {str(c) for c in warehouse.query(CURRENCIES, {"t": "acme"})["currency"]}
    reset_deps()
    return docs, sums, currencies


def checks(docs: list[dict[str, Any]], sums: dict[str, Any], currencies: set[str], t: ExportTruth) -> dict[str, str]:
    """Each check's verdict: '' when right, else what was stored against what was written."""
    doc = docs[0]
    out: dict[str, str] = {}
    if "refused" in doc:
        return {"kind": f"refused: {doc['refused']}"}

    def say(name: str, ok: bool, got: object, want: object) -> None:
        out[name] = "" if ok else f"{got} != {want}"

    say("kind", doc["kind"] == "sales", doc["kind"], "sales")
    parts = doc["accepted"] + doc["rejected"] + doc["duplicates"] + doc["skipped"] + doc.get("held", 0)
    say("adds up", parts == doc["rows_read"] == t.rows, f"{parts} of {doc['rows_read']}", t.rows)
    if not t.loose_rows:
        say("accepted", doc["accepted"] == t.accepted, doc["accepted"], t.accepted)
    say("rejected", doc["rejected"] == t.rejected, doc["rejected"], t.rejected)
    kept = (t.units, t.units + t.refunded_units)  # a line refunded where it stands: a return, or a sale refunded
    say("units", int(sums["units"]) in kept, sums["units"], kept)
    say(
        "revenue",
        _money(float(sums["revenue"]), t.revenue, t.revenue + t.refunded_revenue),
        round(sums["revenue"], 2),
        (round(t.revenue, 2), round(t.revenue + t.refunded_revenue, 2)),
    )
    say(
        "discount",
        _money(float(sums["discount"]), t.discount, t.discount + t.refunded_discount),
        round(sums["discount"], 2),
        round(t.discount, 2),
    )
    say("refund", _money(float(sums["refund"]), t.refund), round(sums["refund"], 2), round(t.refund, 2))
    returned = (t.returned_units, t.returned_units + t.refunded_units)
    say("returned units", int(sums["returned_units"]) in returned, sums["returned_units"], returned)
    orders = (len(t.orders), len(t.orders | t.refunded_orders))
    say("orders", int(sums["orders"]) in orders, sums["orders"], orders)
    say("products", int(sums["products"]) == len(t.products), sums["products"], len(t.products))
    first, last = (str(sums["first"])[:10], str(sums["last"])[:10])
    say("days", (first, last) == (str(min(t.days)), str(max(t.days))), (first, last), (min(t.days), max(t.days)))
    if t.currencies:
        say("currency", currencies == t.currencies, sorted(currencies), sorted(t.currencies))
    return out
