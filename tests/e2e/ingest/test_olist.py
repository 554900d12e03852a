"""The Olist dataset as published, file by file, in any order, through the real upload path and the CLI.

Items carry no date (their order has it) and reviews name orders, not products: each file is joined to the
others whichever arrives first, rows that wait are held and released, canceled and unavailable orders are
rejected with their reason, every row of every file is accounted for, and a second upload counts nothing
twice. Then a merchant's questions are answered from the joined data, the answer in the first sentence.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from shared.cli.main import main
from shared.ingest.kinds import dataset_part, detect_kind
from shared.ingest.parts import PartRole
from shared.orchestration.report import Report
from shared.store.documents.ingestions import IngestionRecords
from tests.e2e.ingest.cli_helpers import lift_rate_limits
from tests.e2e.ingest.conftest import Harness

OLIST = Path(__file__).parents[2] / "fixtures" / "public" / "olist"
ORDERS, ITEMS, REVIEWS = "olist_orders_dataset.csv", "olist_order_items_dataset.csv", "olist_order_reviews_dataset.csv"
PRODUCTS, NAMES = "olist_products_dataset.csv", "product_category_name_translation.csv"
CUSTOMERS = "olist_customers_dataset.csv"
O1, O2, O3, O4 = ("c172783ca2e74ba3938b15d942a7fb2e", "2157d2aab6b9ca61197f24b3b1a03974",
                  "385572293c7a18771e6d04696fe9feb1", "fe870ab79d668a429396399afc1f229f")
O5, O6 = "7bd0ec5cb9f98fa03499bf8dd8c00752", "9eea20d1a7086fa66bd8c58ee6528c2c"
P1, P2, P3, P4 = ("e664eb5ac077b2aaa531efa1c61faec4", "374b0189c532dc21fde4322f35d9d21d",
                  "d24c0bc4191e3ea31beadb3f4ae286ce", "f2bf1ece39e87b7420549db740a55417")
#: The sales the fixture holds: (order, product) -> (units, revenue, day); o3 is canceled, o4 unavailable.
SALES = {(O1, P1): (2, 117.80, "2018-07-03"), (O1, P2): (1, 239.90, "2018-07-03"), (O2, P3): (1, 199.00, "2018-07-24"),
         (O5, P2): (1, 239.90, "2018-08-15"), (O6, P3): (1, 199.00, "2018-08-20"), (O6, P4): (1, 12.99, "2018-08-20")}
#: Each product's reviews: a review reaches every product of its order (r4 was published on two orders).
RATINGS = {P1: [1, 5], P2: [4, 5], P3: [1, 4], P4: [4]}


def _ingest(harness: Harness, name: str, *, as_name: str | None = None) -> dict[str, Any]:
    return harness.ingest((OLIST / name).read_bytes(), filename=as_name or name, content_type="text/csv")


def _doc(harness: Harness, ingestion_id: str) -> dict[str, Any]:
    doc = IngestionRecords(harness.deps.documents, "acme").get(ingestion_id)
    assert doc is not None
    return doc


def _accounted(doc: dict[str, Any]) -> None:
    """Every row read is accepted, rejected, a duplicate, held or (a file with nothing to store) acknowledged."""
    assert doc["status"] == "processed", doc
    assert doc["rows_read"] == (doc["accepted"] + doc["rejected"] + doc["duplicates"] + doc.get("held", 0)
                                + doc.get("skipped", 0)), doc


def _sales(harness: Harness) -> dict[tuple[str, str], tuple[int, float, str]]:
    rows = harness.rows("SELECT order_id, sku, units, revenue, currency, channel, date FROM sales "
                        "WHERE tenant_id = 'acme'")
    assert {(r["currency"], r["channel"]) for r in rows} <= {("BRL", "olist")}
    return {(r["order_id"], r["sku"].lower()): (int(r["units"]), round(float(r["revenue"]), 2), str(r["date"])[:10])
            for r in rows}


def _held(harness: Harness) -> int:
    return harness.count("held_rows")


@pytest.mark.parametrize("name", sorted(p.name for p in OLIST.glob("*.csv")))
def test_every_published_file_is_recognised(name: str) -> None:
    header = next(iter((OLIST / name).read_text(encoding="utf-8-sig").splitlines()))
    headers = [h.strip('"') for h in header.split(",")]
    part = dataset_part(headers)
    assert part is not None and f"{part.name}.csv" == name
    assert detect_kind(headers) is part.kind


@pytest.mark.parametrize("first", [ITEMS, ORDERS])
def test_items_land_with_their_orders_date_whichever_file_comes_first(harness: Harness, first: str) -> None:
    second = ORDERS if first == ITEMS else ITEMS
    one, two = _ingest(harness, first), _ingest(harness, second)
    for doc in (one, two):
        _accounted(doc)
    items = one if first == ITEMS else two
    assert (items["rows_read"], items["rejected"]) == (9, 0)
    if first == ITEMS:  # nothing to join them to yet: all held, nothing lost, then released by the orders
        assert (items["accepted"], items["held"], items["derived"]) == (0, 9, [])
    else:
        assert (items["accepted"], items["held"]) == (9, 0)
    (joined_id,) = two["derived"]
    joined = _doc(harness, joined_id)
    _accounted(joined)
    # one line per order and product (o1 sold two units of p1 as two rows); canceled and unavailable refused
    assert (joined["rows_read"], joined["accepted"], joined["rejected"]) == (8, 6, 2)
    reasons = sorted(r["reason"] for r in harness.rows(
        "SELECT reason FROM rejects WHERE tenant_id = 'acme' AND ingestion_id = @i", i=joined_id))
    assert reasons == ["status: order status 'canceled': a cancelled order line is not a sale (got 'canceled')",
                       "status: order status 'unavailable': a cancelled order line is not a sale (got 'unavailable')"]
    assert _sales(harness) == SALES and _held(harness) == 0
    # the same files again (as another download would name them): nothing counted twice
    again_items = _ingest(harness, ITEMS, as_name="items-again.csv")
    again_orders = _ingest(harness, ORDERS, as_name="orders-again.csv")
    _accounted(again_items)
    _accounted(again_orders)
    assert again_orders["derived"] == []
    (rejoined,) = again_items["derived"]
    assert (_doc(harness, rejoined)["accepted"], _doc(harness, rejoined)["duplicates"]) == (0, 6)
    assert _sales(harness) == SALES and _held(harness) == 0


def test_items_uploaded_twice_before_their_orders_are_released_once(harness: Harness) -> None:
    assert _ingest(harness, ITEMS)["held"] == 9
    assert _ingest(harness, ITEMS, as_name="items-again.csv")["held"] == 9
    orders = _ingest(harness, ORDERS)
    (joined,) = orders["derived"]
    assert _doc(harness, joined)["rows_read"] == 8
    assert _sales(harness) == SALES and _held(harness) == 0


def _ratings(harness: Harness) -> dict[str, list[int]]:
    rows = harness.rows("SELECT review_id, sku, rating, text FROM reviews WHERE tenant_id = 'acme'")
    assert len({r["review_id"] for r in rows}) == len(rows)
    out: dict[str, list[int]] = {}
    for r in rows:
        out.setdefault(r["sku"].lower(), []).append(int(r["rating"]))
    return {k: sorted(v) for k, v in out.items()}


@pytest.mark.parametrize("reviews_first", [True, False])
def test_reviews_reach_the_products_of_their_order(harness: Harness, reviews_first: bool) -> None:
    if reviews_first:
        early = _ingest(harness, REVIEWS)
        _accounted(early)
        assert (early["rows_read"], early["held"], early["accepted"]) == (5, 5, 0)  # a multi-line comment is one row
    items = _ingest(harness, ITEMS)  # the orders are not needed: the items name each order's products
    _accounted(items)
    if not reviews_first:
        late = _ingest(harness, REVIEWS)
        _accounted(late)
        assert (late["accepted"], late["held"]) == (5, 0)
    else:
        assert len(items["derived"]) == 1  # the held reviews, released: the items themselves wait for orders
    assert _ratings(harness) == RATINGS and _held(harness) == 9  # only the items, waiting for their orders
    texts = {r["text"] for r in harness.rows("SELECT text FROM reviews WHERE tenant_id = 'acme'")}
    assert "Pedido cancelado sem aviso\r\nnão recomendo a loja" in texts and "" in texts  # empty comments kept
    _ingest(harness, REVIEWS, as_name="reviews-again.csv")
    assert _ratings(harness) == RATINGS


@pytest.mark.parametrize("names_first", [True, False])
def test_products_are_named_by_id_and_their_category_in_english(harness: Harness, names_first: bool) -> None:
    for name in ([NAMES, PRODUCTS] if names_first else [PRODUCTS, NAMES]):
        _accounted(_ingest(harness, name))
    products = {r["sku"].lower(): (r["title"], r["category"] if isinstance(r["category"], str) else None)
                for r in harness.rows(
        "SELECT sku, title, category FROM products WHERE tenant_id = 'acme'")}
    assert products == {P1: ("product e664eb5a", "bed bath table"), P2: ("product 374b0189", "furniture decor"),
                        P3: ("product d24c0bc4", "computers accessories"), P4: ("product f2bf1ece", None)}


@pytest.mark.parametrize("name", ["olist_sellers_dataset.csv", "olist_geolocation_dataset.csv",
                                  "olist_order_payments_dataset.csv"])
def test_files_with_nothing_to_store_are_acknowledged(harness: Harness, name: str) -> None:
    doc = _ingest(harness, name)
    _accounted(doc)
    rows = len((OLIST / name).read_text().splitlines()) - 1
    assert (doc["rows_read"], doc["skipped"], doc["accepted"], doc["rejected"]) == (rows, rows, 0, 0)
    assert "nothing ecomintel stores" in doc["note"]
    assert dataset_part(list(doc["column_mapping"])).role is PartRole.UNUSED  # type: ignore[union-attr]


@pytest.mark.parametrize("customers_first", [True, False])
def test_sales_lines_name_the_person_behind_each_orders_customer_id(harness: Harness, customers_first: bool) -> None:
    """Olist's customer_id is one per order; customer_unique_id (the customers file) is the person who bought."""
    files = [CUSTOMERS, ORDERS, ITEMS] if customers_first else [ORDERS, ITEMS, CUSTOMERS]
    docs = [_ingest(harness, name) for name in files]
    for doc in docs:
        _accounted(doc)
    rows = harness.rows("SELECT order_id, sku, customer_hash, state FROM sales WHERE tenant_id = 'acme'")
    people = {(r["order_id"], r["sku"].lower()): r["customer_hash"] for r in rows}
    # and where each order went (customer_state): o6's customer is in Rio de Janeiro, the others in Sao Paulo
    assert {(r["order_id"], r["state"]) for r in rows} == {(O1, "SP"), (O2, "SP"), (O5, "SP"), (O6, "RJ")}
    assert set(people) == set(SALES)
    assert people[(O1, P1)] == people[(O1, P2)] == people[(O5, P2)]  # u1 bought o1 and, as another id, o5
    assert len(set(people.values())) == 3 and all(isinstance(h, str) and len(h) == 64 for h in people.values())
    if not customers_first:  # the lines stored before the customers were known, stated again with them
        (restated,) = docs[-1]["derived"]
        assert (_doc(harness, restated)["accepted"], _doc(harness, restated)["rows_read"]) == (6, 6)
    clear = "a857fbd34cc5d2d6a5684c603957c700"  # c1's customer_id: never stored as it is
    for table in ("sales", "join_refs"):
        cells = harness.rows(f"SELECT * FROM {table} WHERE tenant_id = 'acme'")
        assert not any(clear in str(v) for row in cells for v in row.values())


def test_a_bad_order_row_is_rejected_with_its_reason_and_its_items_stay_held(harness: Harness) -> None:
    lines = (OLIST / ORDERS).read_text().splitlines()
    broken = lines[1].replace("2018-07-03 10:56:33", "2018-13-03 10:56:33")  # o1 without a readable date
    doc = harness.ingest(("\n".join([lines[0], broken, *lines[2:]]) + "\n").encode(), filename=ORDERS,
                         content_type="text/csv")
    _accounted(doc)
    assert (doc["accepted"], doc["rejected"]) == (5, 1)
    (reject,) = harness.rows("SELECT row_number, reason FROM rejects WHERE tenant_id = 'acme'")
    assert reject["row_number"] == 1 and reject["reason"].startswith("order_purchase_timestamp: ")
    items = _ingest(harness, ITEMS)
    assert (items["accepted"], items["held"]) == (6, 3)  # o1's three units wait for a readable order
    assert {k: v for k, v in SALES.items() if k[0] != O1} == _sales(harness)


def _ask(question: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["ask", question, "--tenant", "acme", "--json", "--no-cache"]) == 0
    answer = Report.model_validate(json.loads(capsys.readouterr().out)).answer
    # the first sentence (a ranking's numbered list belongs to it: "...: 1. a (..); 2. b (..).")
    return re.split(r"(?<=[a-z)%])\. ", answer)[0]


def test_a_merchant_loads_the_download_and_asks(harness: Harness, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    lift_rate_limits(monkeypatch)
    for path in sorted(OLIST.glob("*.csv")):  # `for f in *.csv` over the unzipped download, through the CLI
        assert main(["ingest", str(path), "--tenant", "acme"]) == 0
    out = capsys.readouterr().out
    assert "held 9 (waiting for the file that completes them)" in out  # items came before their orders
    assert "recognised: Olist geolocation (coordinates of postcodes): nothing ecomintel stores" in out
    assert _sales(harness) == SALES and _held(harness) == 0 and _ratings(harness) == RATINGS
    july = _ask("What did we make in July 2018?", capsys)
    assert "556.70 BRL" in july and "July 2018" in july  # 357.70 + 199.00; the unavailable order is not a sale
    category = _ask("Which category made the most revenue?", capsys)
    assert category.startswith("Furniture decor had the most revenue") and "479.80" in category
    # a category of three words is the category, not the products whose titles would hold it
    assert _ask("How much revenue did bed bath table make?", capsys).startswith(
        "Revenue in the bed bath table category")
    worst = _ask("Which products have the worst reviews?", capsys)
    assert worst.index("d24c0bc4") < worst.index("e664eb5a") and "2.50" in worst
    # r4 given to each product of its two orders is one review in three places, not three copy-pasted ones
    repeat = _ask("What share of our customers are repeat customers?", capsys)
    assert "were 3" in repeat and "33.3%" in repeat  # u1 bought twice (o1, o5) under two customer ids
    saying = _ask("What are customers saying about our products?", capsys)
    assert saying.startswith("7 reviews of 4 products") and "3.43" in saying and "spam" not in saying



def test_the_download_as_published_a_zip_of_the_nine_files(harness: Harness, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """``ecomintel ingest brazilian-ecommerce.zip``: each CSV in it, as if unzipped; other members skipped."""
    import zipfile

    archive = tmp_path / "brazilian-ecommerce.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(OLIST.glob("*.csv")):
            zf.write(path, path.name)
        zf.writestr("__MACOSX/._olist_orders_dataset.csv", b"\x00\x05\x16\x07")
        zf.writestr("README.md", "Brazilian E-Commerce Public Dataset by Olist")
    assert main(["ingest", str(archive), "--tenant", "acme"]) == 0
    out = capsys.readouterr().out
    assert out.count(f"{archive}:") == 9 and f"{archive}:olist_orders_dataset.csv: sales ingestion" in out
    assert _sales(harness) == SALES and _held(harness) == 0 and _ratings(harness) == RATINGS
    # a member that cannot be read is reported, and the others still go in (exit 2)
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("a_binary.csv", b"\x00\x01\x02" * 100)
        zf.write(OLIST / "olist_sellers_dataset.csv", "olist_sellers_dataset.csv")
    assert main(["ingest", str(broken), "--tenant", "acme"]) == 2
    captured = capsys.readouterr()
    assert f"{broken}:a_binary.csv: " in captured.err and f"{broken}:olist_sellers_dataset.csv" in captured.out


def test_a_merged_file_carrying_the_orders_columns_is_its_own_orders_file(harness: Harness) -> None:
    """Analysts share Olist joined into one CSV, often with payments too (an item repeated per payment)."""
    import pandas as pd

    orders = pd.read_csv(OLIST / ORDERS, dtype=str)
    items = pd.read_csv(OLIST / ITEMS, dtype=str)
    payments = pd.DataFrame({"order_id": [O1, O1], "payment_sequential": ["1", "2"],
                             "payment_type": ["credit_card", "voucher"], "payment_value": ["300.00", "104.21"]})
    merged = orders.merge(items, on="order_id").merge(payments, on="order_id", how="left")
    assert len(merged) == 12  # o1's three items, once per payment
    doc = harness.ingest(merged.to_csv(index=False).encode(), filename="olist_merged.csv", content_type="text/csv")
    _accounted(doc)
    assert (doc["accepted"], doc["held"]) == (12, 0)
    assert _sales(harness) == SALES  # each item counted once, dated by its own row
