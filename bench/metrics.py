"""Metrics layer latency on the demo merchant: compile and run (p50/p95) next to hand-written SQL.

Needs ``make demo`` first (tenant ``demo`` in ``$ECOMINTEL_HOME``, by default ``.ecomintel`` in the checkout).
Each typical metric question is timed three ways in this process: compiling the ``MetricQuery`` to SQL
(``plan_metric_query`` + rendering), running it end to end (``run_metric_query``: compile, execute on DuckDB,
rows to Python), and a hand-written DuckDB/BigQuery SQL string for the same question run through
``Warehouse.query`` (the baseline). Goal: a metric question p95 <= 100 ms in-process.
"""

from __future__ import annotations

import logging
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ECOMINTEL_HOME", str(ROOT / ".ecomintel"))
logging.getLogger().setLevel(logging.WARNING)

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
TENANT = os.environ.get("BENCH_TENANT", "demo")


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) in milliseconds."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))] * 1000


def _month(as_of: date, back: int) -> tuple[date, date]:
    first = as_of.replace(day=1)
    for _ in range(back):
        first = (first - timedelta(days=1)).replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    return first, nxt - timedelta(days=1)


def cases(as_of: date) -> list[tuple[str, dict[str, Any], str, dict[str, Any]]]:
    """(name, MetricQuery fields, hand-written BigQuery SQL, its params) for typical questions."""
    m_start, m_end = _month(as_of, 1)
    q_start = _month(as_of, 3)[0]
    tr = {"start": m_start, "end": m_end}
    rng = {"t": TENANT, "s": m_start, "e": m_end}
    return [
        ("revenue last month", {"metrics": ["revenue"], "time_range": tr},
         "SELECT SUM(COALESCE(revenue, units * unit_price)) AS revenue FROM sales "
         "WHERE tenant_id = @t AND date BETWEEN @s AND @e", rng),
        ("top 5 products by revenue", {"metrics": ["revenue"], "dimensions": ["product"], "time_range": tr,
                                       "order_by": "revenue", "limit": 5},
         "SELECT p.title AS product, SUM(COALESCE(s.revenue, s.units * s.unit_price)) AS revenue FROM sales s "
         "LEFT JOIN products p ON p.tenant_id = s.tenant_id AND p.sku = s.sku WHERE s.tenant_id = @t "
         "AND s.date BETWEEN @s AND @e GROUP BY 1 ORDER BY 2 DESC LIMIT 5", rng),
        ("revenue by category vs previous month", {"metrics": ["revenue", "orders"], "dimensions": ["category"],
                                                   "time_range": tr, "compare": "previous_period",
                                                   "share_of_total": True, "order_by": "revenue"},
         "SELECT p.category, SUM(COALESCE(s.revenue, s.units * s.unit_price)) AS revenue, "
         "COUNT(DISTINCT s.order_id) AS orders FROM sales s LEFT JOIN products p ON p.tenant_id = s.tenant_id "
         "AND p.sku = s.sku WHERE s.tenant_id = @t AND s.date BETWEEN @s AND @e GROUP BY 1 ORDER BY 2 DESC", rng),
        ("aov, weekly trend over 3 months", {"metrics": ["aov"], "dimensions": ["date"], "grain": "week",
                                             "time_range": {"start": q_start, "end": m_end}},
         "SELECT DATE_TRUNC(date, WEEK(MONDAY)) AS week, SUM(COALESCE(revenue, units * unit_price)) / "
         "COUNT(DISTINCT order_id) AS aov FROM sales WHERE tenant_id = @t AND date BETWEEN @s AND @e "
         "GROUP BY 1 ORDER BY 1", {**rng, "s": q_start}),
        ("channel share of revenue", {"metrics": ["revenue"], "dimensions": ["channel"], "time_range": tr,
                                      "share_of_total": True},
         "SELECT channel, SUM(COALESCE(revenue, units * unit_price)) / SUM(SUM(COALESCE(revenue, "
         "units * unit_price))) OVER () AS share FROM sales WHERE tenant_id = @t AND date BETWEEN @s AND @e "
         "GROUP BY 1", rng),
        ("price index by competitor", {"metrics": ["price_index"], "dimensions": ["competitor"], "time_range": tr},
         "SELECT c.competitor, AVG(100 * p.price / c.price) AS price_index FROM competitor_prices c "
         "JOIN products p ON p.tenant_id = c.tenant_id AND p.sku = c.sku WHERE c.tenant_id = @t "
         "AND c.date BETWEEN @s AND @e GROUP BY 1", rng),
        ("lowest rated 5 SKUs", {"metrics": ["avg_rating", "review_count"], "dimensions": ["sku"],
                                 "order_by": "avg_rating", "descending": False, "limit": 5},
         "SELECT sku, AVG(rating) AS avg_rating, COUNT(*) AS n FROM reviews WHERE tenant_id = @t GROUP BY 1 "
         "ORDER BY 2 LIMIT 5", {"t": TENANT}),
        ("stock and days of cover, top 10", {"metrics": ["stock_on_hand", "days_of_cover"], "dimensions": ["sku"],
                                             "time_range": tr, "order_by": "stock_on_hand", "limit": 10},
         "SELECT sku, SUM(on_hand) AS stock FROM inventory i WHERE tenant_id = @t AND date = (SELECT MAX(date) "
         "FROM inventory WHERE tenant_id = @t AND date <= @e) GROUP BY 1 ORDER BY 2 DESC LIMIT 10",
         {"t": TENANT, "e": m_end}),
    ]


def timed(call: Callable[..., Any], rounds: int) -> list[float]:
    """Wall times of ``rounds`` calls after one warm-up."""
    call()
    out = []
    for _ in range(rounds):
        t = time.perf_counter()
        call()
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    """Time every case and print compile, run and baseline latency."""
    t0 = time.perf_counter()
    from shared.store.metrics.compile import plan_metric_query
    from shared.store.metrics.model import MetricQuery
    from shared.store.metrics.run import run_metric_query
    import_ms = (time.perf_counter() - t0) * 1000

    from shared.deps import get_deps
    from shared.models.records import DataKind
    from shared.store.extent import as_of_date

    deps = get_deps()
    wh = deps.warehouse
    as_of = as_of_date(wh, TENANT, (DataKind.SALES,))
    if as_of is None:
        raise SystemExit(f"no sales for tenant {TENANT!r} in {os.environ['ECOMINTEL_HOME']}: run `make demo` first")
    print(f"metrics bench: tenant {TENANT}, as of {as_of}, {ROUNDS} rounds; metrics layer import {import_ms:.0f} ms")
    print(f"{'case':<40}{'compile p50':>12}{'p95':>8}{'run p50':>10}{'p95':>8}{'SQL p50':>10}{'p95':>8}  rows")
    all_compile, all_run, all_base = [], [], []
    for name, fields, sql, params in cases(as_of):
        query = MetricQuery(tenant_id=TENANT, **fields)
        compile_t = timed(lambda q=query: wh.render(plan_metric_query(q).statement), ROUNDS)
        run_t = timed(lambda q=query: run_metric_query(wh, q), ROUNDS)
        base_t = timed(lambda s=sql, p=params: wh.query(s, p), ROUNDS)
        rows = len(run_metric_query(wh, query).rows)
        all_compile += compile_t
        all_run += run_t
        all_base += base_t
        print(f"{name:<40}{pct(compile_t, .5):>12.1f}{pct(compile_t, .95):>8.1f}{pct(run_t, .5):>10.1f}"
              f"{pct(run_t, .95):>8.1f}{pct(base_t, .5):>10.1f}{pct(base_t, .95):>8.1f}  {rows}")
    print(f"{'all':<40}{pct(all_compile, .5):>12.1f}{pct(all_compile, .95):>8.1f}{pct(all_run, .5):>10.1f}"
          f"{pct(all_run, .95):>8.1f}{pct(all_base, .5):>10.1f}{pct(all_base, .95):>8.1f}")
    print(f"run / hand-written SQL, p50: {pct(all_run, .5) / pct(all_base, .5):.2f}x; "
          f"mean run {statistics.mean(all_run) * 1000:.1f} ms")
    print(f"goal metric question p95 <= 100 ms in-process: {'met' if pct(all_run, .95) <= 100 else 'MISSED'}")


if __name__ == "__main__":
    main()
