"""Agent questions answered in the report's ``answer``: a current merchant and one whose export ended a year ago.

Generates two sample merchants (the second ends 365 days before the first), ingests them through the real
upload path, asks each the same agent questions (phrased unlike the tests and the demo) without ``as_of``,
and checks each answer against the generator's planted truth (stockouts, overstock, the product whose
ratings fall) or for the figures the question asks for, computed from the rows the store accepted
(``bench/truths.py``). Prints ``answered in the answer: N/M`` per set, the median
report size and the latency. Not a timed test: run by hand (``.venv/bin/python bench/agent_answers.py``).

Sets (``--sets NAME ...``, default all): ``original`` (the questions below, both merchants), ``merchant``
(``bench/agent_answers_merchant.py``: stock, forecast, what-if and complaint questions in merchants' words, asked
of the current merchant) and ``heldout`` (``bench/agent_answers_heldout.py``: written after the fixes of the
second set, never tuned on), ``answers10`` (``bench/agent_answers_10.py``: a promotion week, a holiday's stock,
this quarter against the next, the best seller's cover, the store total's confidence, complaint trends; measured
before their fixes) and ``answers11`` (``bench/agent_answers_11.py``: held out, written after those fixes).
"""

from __future__ import annotations

import logging
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shared.sample.merchant import SampleMerchant

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
for _key in ("TENANT", "KEY"):
    os.environ.setdefault(f"ECOMINTEL_RATE_LIMIT_{_key}_PER_MINUTE", "1000000")
    os.environ.setdefault(f"ECOMINTEL_RATE_LIMIT_{_key}_BURST", "1000000")
os.environ.setdefault("ECOMINTEL_HOME", tempfile.mkdtemp(prefix="bench-answers-"))
logging.getLogger().setLevel(logging.WARNING)

SKUS = int(os.environ.get("BENCH_SKUS", "40"))
DAYS = int(os.environ.get("BENCH_DAYS", "400"))

Check = Callable[[str, object], bool]


def _rows(report: object) -> list[str]:
    table = getattr(report, "table", None)
    return [str(r[0]) for r in table.rows] if table is not None else []


def _ref(truth: SampleMerchant, sku: str) -> str:
    """How an answer names ``sku``: ``(SKU)`` after its title, the SKU alone when its catalogue row was refused."""
    return f"({sku})" if sku in set(truth.products["sku"]) else sku


#: Questions left out because the data of that day cannot pose them (a product's catalogue row was refused).
skipped: list[str] = []


def questions(truth: SampleMerchant) -> list[tuple[str, Check]]:
    """(question, check(answer, report)) pairs; checks use the generator's truth where there is one."""
    stock = truth.stock_truth
    declining = truth.review_truth.declining_sku
    top = sorted(truth.sales.groupby("sku")["units"].sum().sort_values().index[-1:])[0]
    dref, tref = _ref(truth, declining), _ref(truth, top)
    return [
        ("Which items could sell out before my supplier delivers?",
         lambda a, r: set(stock.stockout) <= set(_rows(r)) and "run out" in a),
        ("Where am I holding more stock than I can sell?",
         lambda a, r: len(set(_rows(r)[:len(stock.overstock)]) & set(stock.overstock)) >= len(stock.overstock) // 2),
        ("Which rival sells below our prices most often?", lambda a, r: "below our price on" in a),
        ("Which of my listings are pricier than the competition?", lambda a, r: bool(re.match(r"\d+ of \d+ SKUs", a))),
        ("Where could I charge more?", lambda a, r: "below the median competitor" in a),
        ("Which products have been getting worse reviews?", lambda a, r: declining in a.split(";")[-1]),
        (f"What has gone wrong with {declining} lately?", lambda a, r: "in " in a and "review" in a),
        (f"Why is {declining} getting worse ratings?",
         lambda a, r: f"{dref}'s rating" in a and "fell from" in a),
        ("What do shoppers moan about most?", lambda a, r: "The top complaints about" in a and '"' in a),
        (f"How much of {top} will we sell over the next two weeks?",
         lambda a, r: f"{tref} is expected to sell" in a.split(". ")[0] and "next 14 days" in a and "interval" in a),
        (f"If I drop {top} by 15 percent, what happens to unit sales?",
         lambda a, r: "by 15%" in a and "expected demand by" in a and "elasticity" in a),
        (f"What would a 5% price increase on {top} do to demand?",
         lambda a, r: "by 5%" in a and "expected demand by" in a),
        # next month is the calendar month (its first to its last day), not the next 30 days
        ("What's the demand outlook for next month?", lambda a, r: "units over " in a and "-01 to " in a),
        *review_questions(truth),
    ]


def _numbers(answer: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"-?\d[\d,]*\.?\d*", answer)]


def _states(answer: str, value: float, tolerance: float) -> bool:
    """Whether the answer's first sentence holds ``value`` (within ``tolerance``: the ingest drops corrupt rows)."""
    first = re.split(r"(?<=[a-z0-9)%])\. (?=[A-Z])", answer)[0]
    return any(abs(n - value) <= tolerance for n in _numbers(first))


def _month_before(day: date) -> tuple[date, date]:
    end = day.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def review_questions(truth: SampleMerchant) -> list[tuple[str, Check]]:
    """Review phrasings unlike the tests' (#18), with truths from the reviews the store accepted (pandas).

    The metrics layer counts every review row (the tolerances predate the accepted rows: kept as margins); the
    sentiment agent's answers are checked for what they answer (the product, the ask) and their first words.
    """
    import pandas as pd

    rv = truth.reviews.assign(date=pd.to_datetime(truth.reviews["date"]).dt.date)
    declining = truth.review_truth.declining_sku
    titles = truth.products.set_index("sku")["title"]
    title = str(titles[declining]) if declining in titles.index else ""  # "": its catalogue row was refused
    r_end = max(rv["date"])
    lm_s, lm_e = _month_before(r_end + timedelta(days=1)) if (r_end + timedelta(days=1)).day == 1 \
        else _month_before(r_end)
    rated = rv.dropna(subset=["rating"])
    one_star = rated[rated["rating"] == 1].groupby("sku").size().sort_values(ascending=False, kind="stable")
    year = r_end.year - 1
    in_year = pd.Series([d.year == year for d in rated["date"]], index=rated.index)
    five_in_year = int(((rated["rating"] == 5) & in_year).sum())
    top_share = float((rated["rating"] >= 4).sum() / len(rated) * 100)  # of rated reviews, as the answer says
    one_last_month = int(((rated["rating"] == 1) & (rated["date"] >= lm_s) & (rated["date"] <= lm_e)).sum())
    recent = rated[rated["date"] > r_end - timedelta(days=90)]["rating"].mean()
    before = rated[(rated["date"] <= r_end - timedelta(days=90))
                   & (rated["date"] > r_end - timedelta(days=180))]["rating"].mean()
    cases: list[tuple[str, Check]] = [
        (f"What do reviewers think of the {title}?",
         lambda a, r: bool(re.match(r"\d+ reviews of .*\(" + declining + r"\)", a))
         and "priced" not in a.split(".")[0]),
        ("What are customers whinging about?", lambda a, r: a.startswith("The top complaints about")),
        (f"What's the worst thing people say about the {title}?",
         lambda a, r: a.startswith(f"The top complaints about {title} ({declining})")),
        ("Any complaints about delivery?", lambda a, r: "complain about shipping/delivery" in a.split(".")[0]),
        ("Best things customers say about us", lambda a, r: a.startswith("What customers like most")),
        ("How many 5 star reviews did we get in " + str(year) + "?",
         lambda a, r: "rated 5 stars" in a and _states(a, five_in_year, max(2.0, five_in_year * 0.01))),
        ("What share of our reviews are 4 or 5 stars?", lambda a, r: _states(a, top_share, 0.6)),
        ("1 star reviews last month", lambda a, r: "rated 1 star" in a and _states(a, one_last_month, 1.0)),
        ("Is sentiment improving?",
         lambda a, r: "last 90 days" in a and _states(a, float(recent), 0.04)  # 1%: a dropped corrupt row
         and _states(a, float(before), 0.04)),
    ]
    per_sku = rated.groupby("sku")["rating"].mean()
    neg_last_month = rated[(rated["date"] >= lm_s) & (rated["date"] <= lm_e)]["rating"]
    by_stars = rated["rating"].value_counts()
    cases += [
        (f"How do buyers rate the {title}?", lambda a, r: _states(a, float(per_sku[declining]), 0.04)),
        ("What percentage of reviews last month were 1 or 2 stars?",  # counts: the ingest drops a corrupt row or two
         lambda a, r: "negative (1-2 stars)" in a and _states(a, float((neg_last_month <= 2).sum()), 1.0)
         and _states(a, float(len(neg_last_month)), 1.0)),
        ("Star rating breakdown", lambda a, r: all(_states(a, float(by_stars.get(k, 0)), max(2.0, by_stars.get(k, 0)
                                                                                             * 0.01))
                                                   for k in (5, 4, 1))),
        ("What are folks griping about this year?", lambda a, r: a.startswith("The top complaints about")),
        ("What's the most common reason for returns in the reviews?",
         lambda a, r: a.startswith("The most common complaint in the") and "report a return or refund" in a),
        ("Which brand has the most complaints?", lambda a, r: "had the most negative reviews" in a),
        (f"What's the general feeling about the {title}?",
         lambda a, r: bool(re.match(r"\d+ reviews of .*\(" + declining + r"\)", a))),
    ]
    if len(one_star) > 1 and one_star.iloc[0] > one_star.iloc[1]:
        top_sku, top_n = str(one_star.index[0]), int(one_star.iloc[0])
        cases.append(("Which product has the most 1-star reviews?",
                      lambda a, r: _ref(truth, top_sku) in a.split(":")[0] and _states(a, top_n, 1.0)))
    if not title:  # the questions asking by the product's title cannot be asked: left out, and counted
        skipped.extend(q.replace(" the ?", " the <title>?") for q, _ in cases if q.endswith(" the ?"))
        cases = [c for c in cases if not c[0].endswith(" the ?")]
    return cases


def question_sets() -> dict[str, tuple[Callable[[SampleMerchant], list[tuple[str, Check]]], tuple[str, ...]]]:
    """Each set's questions and the tenants it is asked of."""
    from bench.agent_answers_10 import answers10_questions
    from bench.agent_answers_11 import answers11_questions
    from bench.agent_answers_heldout import heldout_questions
    from bench.agent_answers_merchant import merchant_questions

    return {"original": (questions, ("current", "stale")), "merchant": (merchant_questions, ("current",)),
            "heldout": (heldout_questions, ("current",)), "answers10": (answers10_questions, ("current",)),
            "answers11": (answers11_questions, ("current",))}


def main(argv: list[str] | None = None) -> int:
    """Generate, ingest, ask; print the figures."""
    import argparse

    from bench.truths import accepted
    from shared.deps import get_deps
    from shared.ingest.client import ingest_path
    from shared.orchestration.client import ask
    from shared.sample.merchant import generate_merchant, write_merchant

    sets = question_sets()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", choices=sorted(sets), default=list(sets))
    chosen = parser.parse_args(argv).sets
    deps = get_deps()
    # BENCH_TODAY=YYYY-MM-DD: that day's data (the truths must hold on any day's generated rows)
    today = date.fromisoformat(os.environ["BENCH_TODAY"]) if os.environ.get("BENCH_TODAY") else datetime.now(UTC).date()
    tenants = {"current": today - timedelta(days=1), "stale": today - timedelta(days=366)}
    merchants = {}
    for tenant, end in tenants.items():
        merchant = generate_merchant(seed=23, n_skus=SKUS, end=end, days=DAYS)
        for f in write_merchant(merchant, Path(os.environ["ECOMINTEL_HOME"]) / f"sample-{tenant}"):
            ingest_path(deps, f.path, tenant, f.kind.value)
        merchants[tenant] = accepted(deps.warehouse, tenant, merchant)  # the truths read what the store holds
    scores: dict[str, tuple[int, int]] = {}
    sizes: list[int] = []
    latencies: list[float] = []
    for name in chosen:
        make, asked_of = sets[name]
        ok = total = 0
        for tenant in asked_of:
            merchant = merchants[tenant]
            print(f"\n== {name}: {tenant} (data ends {tenants[tenant]}) ==")
            for question, check in make(merchant):
                started = time.perf_counter()
                resp = ask(deps, question, tenant=tenant, use_cache=False)
                latencies.append(time.perf_counter() - started)
                report = resp.report
                total += 1
                answer = report.answer if report is not None else ""
                good = (report is not None and bool(answer) and not answer.startswith("Could not")
                        and check(answer, report))
                ok += good
                sizes.append(len(report.model_dump_json()) if report is not None else 0)
                print(f"[{'ok' if good else 'MISS'}] {question}  ({latencies[-1]:.2f} s)\n       {answer[:300]}")
        scores[name] = (ok, total)
    print()
    for name, (ok, total) in scores.items():
        left_out = f" ({len(skipped)} left out: {'; '.join(skipped)})" if skipped and name == "original" else ""
        print(f"{name}: answered in the answer: {ok}/{total}{left_out}")
    print(f"median report size: {statistics.median(sizes) / 1024:.1f} KiB (max {max(sizes) / 1024:.1f} KiB)")
    print(f"latency in-process: p50 {statistics.median(latencies):.2f} s, max {max(latencies):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
