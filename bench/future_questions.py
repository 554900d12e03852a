"""Questions about the future and about stock (batches ``future`` and ``future2``), with truths from the forecast
agent called directly.

A merchant asks how many units a product will sell, when it runs out, what to reorder, what a price cut does, what
revenue to expect over a named period. Each truth is computed here without the answer text: the forecast agent run
directly (not through the orchestrator) on that product or scope and horizon, with the quick-mode model options
the orchestrator uses and no fit wait, its structured output read (a SKU's ``forecast:`` finding, its per-day
forecast, its answer rows); the run-out date from the SKU's on-hand stock in the generated rows and that per-day
forecast (past the horizon: the last 28 days' rate); a horizon's exact dates from the data's last day. "How long
will X last" and "days of cover for X" are the metrics layer's days of cover (on hand over the last 30 days' mean
daily units, from the rows), named by code or title. A case counts when the answer's FIRST sentence holds the
figure and names the period or basis (``Case.first``): a 5% tolerance on forecast figures, which a fit made in
another order can move by a unit or two, 2 days on a run-out.

    BENCH_ONLY=future BENCH_HOME=/tmp/fcqhome BENCH_CLI_RUNS=0 .venv/bin/python bench/questions.py
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from bench.question_data import BenchTenant
from bench.questions import Case, Truth, batch_cases
from bench.truths import Tied

if TYPE_CHECKING:
    import pandas as pd

    from shared.deps import Deps

#: The forecast agent's options as the orchestrator's quick mode passes them, without its fit wait: the fits the
#: direct call makes are the ones the orchestrated question then reads from the cache.
DIRECT_OPTIONS: dict[str, Any] = {"prophet": "never", "max_skus": 30, "persist": False}
#: The demand classes whose per-day forecast (a median) is raised to their recent mean for a sum of units (the
#: forecast agent's ``expected_demand``).
SKEWED_CLASSES = frozenset({"intermittent", "lumpy", "erratic"})
#: Relative tolerance on a forecast figure.
FORECAST_TOL = 0.05


def reached_on(cumulative: pd.Series, target: float) -> date:
    """The first day a cumulative daily series (indexed by day) reaches ``target``."""
    return min(date.fromisoformat(str(day)[:10]) for day, v in cumulative.items() if v >= target)


def forecast_crossing(
    end: date, so_far: float, target: float, horizon: int, total: Callable[[int], float]
) -> date | None:
    """The day after ``end`` when ``so_far`` plus the forecast's total over that many days (``total``) reaches
    ``target``; None when not within ``horizon`` days."""
    lo, hi = 1, horizon
    if so_far + total(hi) < target:
        return None
    while lo < hi:  # the fewest days whose forecast reaches the rest
        mid = (lo + hi) // 2
        if so_far + total(mid) >= target:
            hi = mid
        else:
            lo = mid + 1
    return end + timedelta(days=lo)


class Direct:
    """The forecast agent run directly for one merchant, and the truths read off its structured output."""

    def __init__(self, deps: Deps, t: BenchTenant, catalogue: set[str]) -> None:
        self.deps, self.t, self.end = deps, t, t.end
        self.tr = Truth(t, catalogue)
        inv = self.tr.inventory.sort_values("date", kind="stable")
        latest = inv.groupby(["sku", "location"]).tail(1)
        self.on_hand = latest.groupby("sku")["on_hand"].sum()
        recent = self.tr.window(self.end - timedelta(days=27), self.end)
        self.rate = recent.groupby("sku")["units"].sum() / 28.0
        products = t.merchant.products[t.merchant.products["sku"].isin(catalogue)].drop_duplicates("sku")
        self.titles = products[~products["title"].duplicated(keep=False)].set_index("sku")["title"]
        # Every set picks its products from these: days of cover at the recent rate, the titled SKUs fastest
        # first, and the busy ones (over one a day, 30-400 days of cover) whose what-ifs and run-outs are clear.
        self.cover = self.on_hand.reindex(self.rate.index) / self.rate
        self.titled = [str(s) for s in self.rate.sort_values(ascending=False).index if s in self.titles.index]
        self.busy = [s for s in self.titled if self.rate[s] > 1.0 and 30 < self.cover.get(s, 0) < 400]

    def run(self, horizon: int, asks: list[str], skus: list[str] | None = None, **options: Any) -> Any:
        from shared.forecast import agent
        from shared.models.agents import AgentRequest

        return agent.run(
            self.deps,
            AgentRequest(
                tenant_id=self.t.tenant,
                skus=skus or [],
                categories=options.pop("categories", None) or [],
                horizon_days=horizon,
                price_change_pct=options.pop("price_change_pct", None),
                options={**DIRECT_OPTIONS, "asks": asks, **options},
            ),
        )

    def sku_total(self, sku: str, horizon: int) -> float:
        """The SKU's expected units over the next ``horizon`` days (its ``forecast:`` finding)."""
        r = self.run(horizon, ["forecast"], [sku])
        return float(next(f.metrics["forecast_total"] for f in r.findings if f.id == f"forecast:{sku}"))

    def run_out(self, sku: str, horizon: int = 30) -> date:
        """The day the SKU's on-hand stock runs out: its expected daily demand summed until it exceeds the stock,
        past the horizon the last 28 days' rate.

        Expected demand is the per-day forecast, for a skewed SKU (intermittent, lumpy, erratic) raised to the last
        28 days' mean: its per-day forecast is a median, and a median day of a SKU that sells 2 units every third
        day is 0 (summing medians ran one such SKU's 5 units out weeks after a 0.79-a-day rate does; the fifth
        round's correction of this truth)."""
        r = self.run(horizon, ["forecast"], [sku])
        days = next(f for f in r.data["forecasts"] if f["series_id"] == sku)
        floor = float(self.rate.get(sku, 0.0)) if days.get("demand_class") in SKEWED_CLASSES else 0.0
        stock, used = float(self.on_hand.get(sku, 0.0)), 0.0
        for i, v in enumerate(max(float(x), floor) for x in days["forecast"]):
            if used + v >= stock:
                return self.end + timedelta(days=i + (stock - used) / v if v else i)
            used += v
        return self.end + timedelta(days=round(stock / float(self.rate[sku])))

    def scope_total(
        self,
        horizon: int,
        *,
        revenue: bool = False,
        window_start: date | None = None,
        skus: list[str] | None = None,
        **options: Any,
    ) -> float:
        """The store's (or the SKUs') total over the horizon as the agent's forecast answer states it (the first
        figure of the direct call's own answer: the store's daily total as one series has no finding of its own)."""
        opts: dict[str, Any] = {**({"measure": "revenue"} if revenue else {}), **options}
        if window_start is not None:
            opts["window_start"] = window_start.isoformat()
        r = self.run(horizon, ["forecast"], skus, **opts)
        text = r.data["answers"][0]["text"]
        rx = (
            r"(?:revenue (?:from [^.:]*? )?of|bring in) about \D?([\d,]+\.\d\d)"
            if revenue
            else r"(?:sell|selling) ([\d,]+) units"
        )
        m = re.search(rx, text)
        if m is None:
            raise AssertionError(f"no total in the direct answer: {text}")
        return float(m.group(1).replace(",", ""))

    def ask_rows(self, horizon: int, ask: str, **options: Any) -> int:
        """How many SKUs the direct call's ``ask`` answer lists (``total_rows``)."""
        r = self.run(horizon, [ask], **options)
        return int(next(a["total_rows"] for a in r.data["answers"] if a["ask"] == ask))

    def whatif_units(self, sku: str, pct: float, horizon: int = 30) -> float:
        """The what-if's change in expected units over the horizon: the SKU's ``forecast:`` total with the price
        change against the one without."""
        r = self.run(horizon, ["forecast"], [sku], price_change_pct=pct)
        changed = float(next(f.metrics["forecast_total"] for f in r.findings if f.id == f"forecast:{sku}"))
        return changed - self.sku_total(sku, horizon)

    def picks(self) -> tuple[str, str, str | None]:
        """A top seller with weeks of cover, a fast seller under 10 days of cover, a product noun naming one SKU."""
        titled = [s for s in self.rate.sort_values(ascending=False).index if s in self.titles.index]
        cover = self.on_hand.reindex(self.rate.index) / self.rate
        top = next(s for s in titled if 45 < cover.get(s, 0) < 400)
        short = next(s for s in titled if 1 < cover.get(s, 0) < 10 and self.rate[s] > 1)
        from shared.sample.catalogue import CATEGORIES

        nouns = []
        for cat in CATEGORIES:
            for noun, _ in cat.nouns:
                hits = [str(s) for s, t in self.titles.items() if f" {noun.lower()} " in f" {str(t).lower()} "]
                if len(hits) == 1 and self.rate.get(hits[0], 0) > 0.5 and 20 < cover.get(hits[0], 0) < 400:
                    nouns.append((noun.lower(), hits[0]))
        return str(top), str(short), (nouns[0][0] + "|" + nouns[0][1]) if nouns else None


def around(day: date, slack: int = 2) -> list[str]:
    """The ways an answer may write a run-out within ``slack`` days of ``day``."""
    out = []
    for d in (day + timedelta(days=k) for k in range(-slack, slack + 1)):
        out += [d.isoformat(), f"{d.day} {d:%b %Y}"]
    return out


def fc(value: float) -> float:
    """The absolute tolerance of a forecast figure."""
    return max(1.0, abs(value) * FORECAST_TOL)


def quarter_after(end: date) -> tuple[date, date]:
    months = end.year * 12 + (end.month - 1) // 3 * 3 + 3
    s = date(months // 12, months % 12 + 1, 1)
    e = (date(s.year + (s.month + 3 > 12), (s.month + 2) % 12 + 1, 1)) - timedelta(days=1)
    return s, e


def month_bounds(d: date) -> tuple[date, date]:
    s = d.replace(day=1)
    return s, (s + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def future_cases(t: BenchTenant, catalogue: set[str], deps: Deps) -> list[Case]:  # noqa: PLR0915 - one per phrasing
    """The development set (batch ``future``): measured before the fixes."""
    d = Direct(deps, t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("future")
    top, short, noun_pick = d.picks()
    top_title, short_title = str(d.titles[top]), str(d.titles[short])

    # a product's units over a rolling horizon, and its run-out
    n30 = d.sku_total(top, 30)
    add(
        Case(
            tenant,
            f"how many units of the {top_title} will we sell in the next 30 days, and when do we run out?",
            [n30],
            [top, "next 30 days"],
            one_of=around(d.run_out(top)),
            tolerance=fc(n30),
        )
    )
    add(Case(tenant, f"whats the forecast for {top} next 30 days", [n30], [top, "next 30 days"], tolerance=fc(n30)))
    n14 = d.sku_total(top, 14)
    add(
        Case(
            tenant,
            f"how many {top_title.lower()}s r we gonna sell over the next 2 weeks",
            [n14],
            [top, "14 days"],
            tolerance=fc(n14),
        )
    )
    # run-out dates
    add(Case(tenant, f"when do we run out of the {short_title}", names=[short], one_of=around(d.run_out(short))))
    add(Case(tenant, f"when will {short} sell out?", names=[short], one_of=around(d.run_out(short))))
    # "how long will X last": its days of cover, the metrics layer's (on hand over the last 30 days' mean daily units)
    last30 = d.tr.window(end - timedelta(days=29), end).groupby("sku")["units"].sum() / 30.0
    add(
        Case(
            tenant,
            f"how long will the {top_title} last",
            [float(d.on_hand[top] / last30[top])],
            [Tied([top, top_title])],
            tolerance=1.0,
        )
    )
    if noun_pick:
        noun, sku = noun_pick.split("|")
        add(Case(tenant, f"when will the {noun} sell out", names=[sku], one_of=around(d.run_out(sku))))
        n = d.sku_total(sku, 30)
        add(Case(tenant, f"how many {noun}s will we sell in the next month", [n], [sku], tolerance=fc(n)))
    # days of cover: on hand over the last 30 days' mean daily units (the metrics layer's measure)
    add(
        Case(
            tenant,
            f"days of cover for {top}",
            [float(d.on_hand[top] / last30[top])],
            [Tied([top, top_title])],
            tolerance=1.0,
        )
    )
    # the catalogue's stock asks: as many SKUs as the direct call lists
    add(Case(tenant, "what should I reorder this week", [float(d.ask_rows(30, "reorder"))], ["reorder"]))
    add(
        Case(
            tenant,
            "which items will stock out before the restock arrives",
            [float(d.ask_rows(30, "stockout"))],
            ["run out"],
        )
    )
    add(
        Case(
            tenant,
            "which products will run out in the next 2 weeks",
            [float(d.ask_rows(14, "stockout", horizon_stated=True))],
            ["14 days"],
        )
    )
    # the store over named periods ahead
    xmas = date(end.year, 12, 25)
    h = (xmas - end).days
    units = d.scope_total(h)
    add(Case(tenant, "how much stock do I need for Christmas", [units], [xmas.isoformat()], tolerance=fc(units)))
    qs, qe = quarter_after(end)
    money = d.scope_total((qe - end).days, revenue=True, window_start=qs)
    add(
        Case(
            tenant, "projected revenue for next quarter", [money], [qs.isoformat(), qe.isoformat()], tolerance=fc(money)
        )
    )
    ye = date(end.year, 12, 31)
    money = d.scope_total((ye - end).days, revenue=True)
    add(
        Case(
            tenant, "how much will we make through the end of the year", [money], [ye.isoformat()], tolerance=fc(money)
        )
    )
    q1_end = date(end.year + 1, 3, 31)
    units = d.scope_total((q1_end - end).days)
    add(
        Case(
            tenant,
            "units forecast through end of Q1",
            [units],
            [(end + timedelta(days=1)).isoformat(), q1_end.isoformat()],
            tolerance=fc(units),
        )
    )
    jan15 = date(end.year + 1, 1, 15)
    n = d.sku_total(top, (jan15 - end).days)
    add(Case(tenant, f"how many {top_title} will we sell by Jan 15?", [n], [top, jan15.isoformat()], tolerance=fc(n)))
    units = d.scope_total(42)
    week1 = d.scope_total(7)
    add(Case(tenant, "forecast for the next 6 weeks by week", [units, week1], ["42 days"], tolerance=fc(week1)))
    money = d.scope_total(30, revenue=True)
    add(Case(tenant, "projected revenue next 30 days", [money], ["next 30 days"], tolerance=fc(money)))
    # this month against last month: last month's revenue said beside this month's expected total
    ls, le = month_bounds(end.replace(day=1) - timedelta(days=1))
    add(Case(tenant, "will we beat last month", [d.tr.revenue(ls, le)], [f"{ls:%B %Y}", "comes to"]))
    # a price what-if: the change in units over 30 days
    change = d.whatif_units(top, -10.0)
    add(
        Case(
            tenant,
            f"what if I cut the price of the {top_title} by 10%",
            [change],
            [top, "30 days"],
            tolerance=fc(change),
        )
    )
    for c in cases:
        c.first = True
    return cases


def future2_cases(t: BenchTenant, catalogue: set[str], deps: Deps) -> list[Case]:  # noqa: PLR0915 - one per phrasing
    """The held-out set (batch ``future2``, style "held out"): written after the fixes of ``future``, measured once."""
    d = Direct(deps, t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("future2", "held out")
    top, short, noun_pick = d.picks()
    # other products than the first set's: the next seller with weeks of cover, the next one running short
    cover, titled = d.cover, d.titled
    second = next(s for s in titled if s != top and 45 < cover.get(s, 0) < 400)
    short2 = next((s for s in titled if s != short and 1 < cover.get(s, 0) < 10 and d.rate[s] > 1), short)
    title2, short2_title = str(d.titles[second]), str(d.titles[short2])

    n21 = d.sku_total(second, 21)
    add(
        Case(
            tenant,
            f"expected sales of {second} over the next three weeks",
            [n21],
            [second, "21 days"],
            tolerance=fc(n21),
        )
    )
    jan31 = date(end.year + 1, 1, 31)
    n = d.sku_total(second, (jan31 - end).days)
    add(
        Case(
            tenant,
            f"how many {title2} do we expect to move between now and Jan 31?",
            [n],
            [second, jan31.isoformat()],
            tolerance=fc(n),
        )
    )
    add(Case(tenant, f"when are we gonna be out of {short2_title}?", names=[short2], one_of=around(d.run_out(short2))))
    add(Case(tenant, f"{short} - when does it sell out", names=[short], one_of=around(d.run_out(short))))
    add(Case(tenant, "what do i need to restock", [float(d.ask_rows(30, "reorder"))], ["reorder"]))
    add(
        Case(
            tenant,
            "anything going to stock out before we can get more in?",
            [float(d.ask_rows(30, "stockout"))],
            ["run out"],
        )
    )
    add(
        Case(
            tenant,
            "which skus will run out within 10 days",
            [float(d.ask_rows(10, "stockout", horizon_stated=True))],
            ["10 days"],
        )
    )
    feb = date(end.year + 1, 3, 1) - timedelta(days=1)
    money = d.scope_total((feb - end).days, revenue=True)
    add(Case(tenant, "revenue projection through end of February", [money], [feb.isoformat()], tolerance=fc(money)))
    jan1 = date(end.year + 1, 1, 1)
    units = d.scope_total((jan1 - end).days)
    add(
        Case(
            tenant,
            "how many units should we expect to sell till new year's day",
            [units],
            [jan1.isoformat()],
            tolerance=fc(units),
        )
    )
    money = d.scope_total(90, revenue=True)
    add(Case(tenant, "what's the sales outlook for the next 90 days", [money], ["next 90 days"], tolerance=fc(money)))
    units = d.scope_total((jan31 - end).days)
    add(
        Case(
            tenant,
            "how much inventory will we need to get through January",
            [units],
            [jan31.isoformat()],
            tolerance=fc(units),
        )
    )
    ls, le = month_bounds(end.replace(day=1) - timedelta(days=1))
    add(Case(tenant, "are we going to beat last month's revenue?", [d.tr.revenue(ls, le)], [f"{ls:%B %Y}", "comes to"]))
    change = d.whatif_units(second, 5.0)
    add(
        Case(
            tenant,
            f"if we raise {title2} price by 5% what happens to units",
            [change],
            [second, "30 days"],
            tolerance=fc(change),
        )
    )
    if noun_pick:
        noun, sku = noun_pick.split("|")
        n = d.sku_total(sku, 14)
        add(
            Case(
                tenant,
                f"how much of the {noun} will sell in the next fortnight",
                [n],
                [sku, "14 days"],
                tolerance=fc(n),
            )
        )
    for c in cases:
        c.first = True
    return cases


def _band(text: str, money: bool) -> tuple[float, float, float]:
    """The total and its 90% interval as a forecast answer states them (its first figure, then "interval A-B")."""
    num = r"\D?([\d,]+(?:\.\d\d)?)"
    total = re.search(
        r"revenue (?:from [^.:]*? )?of about " + num if money else r"(?:sell|selling) ([\d,]+) units", text
    )
    band = re.search(r"interval " + num + "-" + num, text)
    if total is None or band is None:
        raise AssertionError(f"no total and interval in the direct answer: {text}")
    return tuple(float(g.replace(",", "")) for g in (total.group(1), band.group(1), band.group(2)))  # type: ignore[return-value]


def beat_truth(d: Direct, *, revenue: bool) -> tuple[float, float, float, str]:
    """This month so far, its expected whole (so far + the forecast of its rest), last month's actuals, the verdict.

    The verdict from the forecast's interval of the rest (added to the actuals so far): "Probably yes" when even its
    low end beats last month, "Probably not" when even its high end falls short, "Too close to call" otherwise.
    """
    end = d.end
    ms, me = month_bounds(end)
    ls, le = month_bounds(ms - timedelta(days=1))
    so_far = d.tr.revenue(ms, end) if revenue else d.tr.units(ms, end)
    past = d.tr.revenue(ls, le) if revenue else d.tr.units(ls, le)
    measure: dict[str, Any] = {"measure": "revenue"} if revenue else {}
    r = d.run((me - end).days, ["forecast"], **measure)
    rest, lo, hi = _band(r.data["answers"][0]["text"], revenue)
    verdict = "Probably yes" if so_far + lo > past else "Probably not" if so_far + hi < past else "Too close to call"
    return so_far, past, so_far + rest, verdict


def weeks_truth(d: Direct, horizon: int, first: date | None = None, *, revenue: bool = False) -> list[float]:
    """Each 7-day block's forecast from ``first`` (the day after the data ends when ``None``) to the horizon's end,
    from the same fit as the whole: the window's total from each block on, less the one from the next block on."""
    start = first or d.end + timedelta(days=1)
    froms = [start + timedelta(days=7 * k) for k in range((d.end + timedelta(days=horizon) - start).days // 7 + 1)]
    froms = [f for f in froms if f <= d.end + timedelta(days=horizon)]
    tails = [
        d.scope_total(horizon, revenue=revenue, window_start=f if f > d.end + timedelta(days=1) else None)
        for f in froms
    ] + [0.0]
    return [tails[k] - tails[k + 1] for k in range(len(froms))]


def future3_cases(t: BenchTenant, catalogue: set[str], deps: Deps) -> list[Case]:  # noqa: PLR0915 - one per phrasing
    """The third development set (batch ``future3``): this month against last, week by week, stock in weeks, moving
    and running out, reordering how much, a what-if's units. Measured before the fixes of its round."""
    d = Direct(deps, t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("future3")
    top, short, _ = d.picks()
    cover, titled = d.cover, d.titled
    third = [s for s in titled if s != top and 45 < cover.get(s, 0) < 400][1]
    short3 = next((s for s in titled[::-1] if s != short and 1 < cover.get(s, 0) < 10 and d.rate[s] > 0.5), short)
    top_title, third_title, short3_title = str(d.titles[top]), str(d.titles[third]), str(d.titles[short3])
    ms, _ = month_bounds(end)
    ls, _ = month_bounds(ms - timedelta(days=1))

    # this month so far and the forecast of its rest, against last month: the verdict first
    so_far, past, whole, verdict = beat_truth(d, revenue=True)
    for q in (
        "will we beat last month?",
        f"are we on track to beat {ls:%B}?",
        "will this month be better than last",
        f"is {end:%B} going to beat {ls:%B}?",
    ):
        add(Case(tenant, q, [so_far, past, whole], [verdict, f"{ls:%B %Y}"], tolerance=fc(whole)))
    u_so_far, u_past, u_whole, u_verdict = beat_truth(d, revenue=False)
    add(
        Case(
            tenant,
            "will we sell more units this month than last month?",
            [u_so_far, u_past, u_whole],
            [u_verdict, f"{ls:%B %Y}"],
            tolerance=fc(u_whole),
        )
    )
    # week by week: the total first, then each week
    weeks = weeks_truth(d, 42)
    add(
        Case(
            tenant,
            "forecast by week for the next 6 weeks",
            [sum(weeks), *weeks[:2]],
            ["42 days"],
            tolerance=fc(weeks[0]),
        )
    )
    ns, ne = month_bounds(month_bounds(end)[1] + timedelta(days=1))
    weeks = weeks_truth(d, (ne - end).days, ns)
    add(
        Case(
            tenant,
            "weekly forecast for next month",
            [sum(weeks), *weeks[:2]],
            [ns.isoformat(), ne.isoformat()],
            tolerance=fc(weeks[0]),
        )
    )
    weeks = weeks_truth(d, 28)
    add(
        Case(
            tenant,
            "what do the next 4 weeks look like week by week?",
            [sum(weeks), weeks[0]],
            ["28 days"],
            tolerance=fc(weeks[0]),
        )
    )
    weeks = weeks_truth(d, 28, revenue=True)
    add(
        Case(
            tenant,
            "weekly revenue forecast for the next 4 weeks",
            [sum(weeks), weeks[0]],
            ["28 days"],
            tolerance=fc(weeks[0]),
        )
    )
    # "move" is sell; "be out of", "run out of" are the run-out
    n = d.sku_total(third, 30)
    add(
        Case(
            tenant,
            f"how many {third_title} do we expect to move in the next 30 days?",
            [n],
            [third, "next 30 days"],
            tolerance=fc(n),
        )
    )
    n = d.sku_total(top, 14)
    add(
        Case(
            tenant,
            f"how many units of {top} will we move over the next 2 weeks",
            [n],
            [top, "14 days"],
            tolerance=fc(n),
        )
    )
    add(Case(tenant, f"when will we be out of {short3_title}?", names=[short3], one_of=around(d.run_out(short3))))
    add(Case(tenant, f"are we going to run out of {short} soon?", names=[short], one_of=around(d.run_out(short))))
    add(Case(tenant, f"how long until the {short3_title} sells out", names=[short3], one_of=around(d.run_out(short3))))
    # stock left in weeks: the metrics layer's days of cover (on hand over the last 30 days' mean daily units) / 7
    last30 = d.tr.window(end - timedelta(days=29), end).groupby("sku")["units"].sum() / 30.0
    add(
        Case(
            tenant,
            f"how many weeks of stock do we have left of the {top_title}?",
            [float(d.on_hand[top] / last30[top] / 7)],
            [Tied([top, top_title]), "weeks"],
            tolerance=0.2,
        )
    )
    add(
        Case(
            tenant,
            f"how many weeks of {third} stock have we got",
            [float(d.on_hand[third] / last30[third] / 7)],
            [Tied([third, third_title]), "weeks"],
            tolerance=0.2,
        )
    )
    # what to reorder, and how much: as many SKUs and units as the direct call's reorder answer
    r = d.run(30, ["reorder"])
    text = next(a["text"] for a in r.data["answers"] if a["ask"] == "reorder")
    m = re.search(r"Reorder (\d+) SKUs? now, ([\d,]+) units in all", text)
    if m is not None:
        add(
            Case(
                tenant,
                "what should I reorder and how much?",
                [float(m.group(1)), float(m.group(2).replace(",", ""))],
                ["reorder"],
            )
        )
    # a price what-if's change in units over 30 days: the forecast agent's
    change = d.whatif_units(third, -10.0)
    add(
        Case(
            tenant,
            f"what happens to units if we drop the {third_title} price by 10%?",
            [change],
            [third, "30 days"],
            tolerance=fc(change),
        )
    )
    for c in cases:
        c.first = True
    return cases


def future4_cases(t: BenchTenant, catalogue: set[str], deps: Deps) -> list[Case]:  # noqa: PLR0915 - one per phrasing
    """The held-out set of the third round (batch ``future4``, style "held out"): written after the fixes of
    ``future3``, measured once."""
    d = Direct(deps, t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("future4", "held out")
    top, short, _ = d.picks()
    cover, titled = d.cover, d.titled
    longs = [s for s in titled if s != top and 45 < cover.get(s, 0) < 400]
    fourth, fifth = longs[2], longs[3]
    shorts = [s for s in titled if 1 < cover.get(s, 0) < 10 and d.rate[s] > 0.5]
    short4 = shorts[len(shorts) // 2]
    fourth_title, fifth_title, short4_title = str(d.titles[fourth]), str(d.titles[fifth]), str(d.titles[short4])
    ms, _ = month_bounds(end)
    ls, _ = month_bounds(ms - timedelta(days=1))

    so_far, past, whole, verdict = beat_truth(d, revenue=True)
    for q in (
        "are we gonna beat last month's sales?",
        f"will {end:%B} end up higher than {ls:%B}?",
        "is this month on pace to top last month?",
    ):
        add(Case(tenant, q, [so_far, past, whole], [verdict, f"{ls:%B %Y}"], tolerance=fc(whole)))
    u_so_far, u_past, u_whole, u_verdict = beat_truth(d, revenue=False)
    add(
        Case(
            tenant,
            "will we sell more items this month than we did last month",
            [u_so_far, u_past, u_whole],
            [u_verdict, f"{ls:%B %Y}"],
            tolerance=fc(u_whole),
        )
    )
    weeks = weeks_truth(d, 21)
    add(
        Case(
            tenant,
            "can you give me a week-by-week forecast for the next 3 weeks",
            [sum(weeks), weeks[0]],
            ["21 days"],
            tolerance=fc(weeks[0]),
        )
    )
    ns, ne = month_bounds(month_bounds(end)[1] + timedelta(days=1))
    weeks = weeks_truth(d, (ne - end).days, ns)
    add(
        Case(
            tenant,
            "break down next month's forecast by week",
            [sum(weeks), weeks[0]],
            [ns.isoformat(), ne.isoformat()],
            tolerance=fc(weeks[0]),
        )
    )
    weeks = weeks_truth(d, 56, revenue=True)
    add(
        Case(
            tenant,
            "weekly sales forecast for the next 8 weeks",
            [sum(weeks), weeks[0]],
            ["56 days"],
            tolerance=fc(weeks[0]),
        )
    )
    n = d.sku_total(fourth, 21)
    add(
        Case(
            tenant,
            f"how many {fourth_title} will we shift in the next 3 weeks",
            [n],
            [fourth, "21 days"],
            tolerance=fc(n),
        )
    )
    jan31 = date(end.year + 1, 1, 31)
    n = d.sku_total(fifth, (jan31 - end).days)
    add(
        Case(
            tenant,
            f"how much {fifth} are we likely to move through end of January",
            [n],
            [fifth, jan31.isoformat()],
            tolerance=fc(n),
        )
    )
    add(Case(tenant, f"how soon will we be out of {short4_title}", names=[short4], one_of=around(d.run_out(short4))))
    last30 = d.tr.window(end - timedelta(days=29), end).groupby("sku")["units"].sum() / 30.0
    add(
        Case(
            tenant,
            f"how many weeks of stock are left for {fourth_title}",
            [float(d.on_hand[fourth] / last30[fourth] / 7)],
            [Tied([fourth, fourth_title]), "weeks"],
            tolerance=0.2,
        )
    )
    r = d.run(30, ["reorder"])
    text = next(a["text"] for a in r.data["answers"] if a["ask"] == "reorder")
    m = re.search(r"Reorder (\d+) SKUs? now, ([\d,]+) units in all", text)
    if m is not None:
        add(
            Case(
                tenant,
                "reorder list with quantities please",
                [float(m.group(1)), float(m.group(2).replace(",", ""))],
                ["reorder"],
            )
        )
    change = d.whatif_units(fifth, 10.0)
    add(
        Case(
            tenant,
            f"if we put the {fifth_title} price up by 10%, how many fewer units will we sell?",
            [change],
            [fifth, "30 days"],
            tolerance=fc(change),
        )
    )
    for c in cases:
        c.first = True
    return cases


class Direct5(Direct):
    """The direct calls of the fifth round: what-ifs by price, amount and category, run-outs by expected demand."""

    def pricing_pct(self, sku: str, *, target: float | None = None, delta: float | None = None) -> float:
        """The change (%) the pricing agent works out from our price for a new price or an amount off (its own
        what-if row: "drop X to $20", "$5 off X" are that change in %)."""
        from shared.models.agents import AgentRequest
        from shared.pricing import agent as pricing

        options: dict[str, Any] = {"asks": ["what_if"]}
        if target is not None:
            options["price_target"] = target
        if delta is not None:
            options["price_delta"] = delta
        r = pricing.run(self.deps, AgentRequest(tenant_id=self.t.tenant, skus=[sku], horizon_days=30, options=options))
        a = next(a for a in r.data["answers"] if a["ask"] == "what_if")
        return float(a["rows"][0][a["columns"].index("price_change_pct")])

    def stock_position(self, sku: str) -> float:
        """On hand and on order at the latest count of each location (what an order to last N days tops up)."""
        inv = self.tr.inventory.sort_values("date", kind="stable")
        latest = inv[inv["sku"] == sku].groupby("location").tail(1)
        ordered = float(latest["on_order"].sum()) if "on_order" in latest else 0.0
        return float(self.on_hand.get(sku, 0.0)) + ordered

    def our_price(self, sku: str) -> float:
        """The SKU's latest selling price in the generated rows."""
        rows = self.tr.sales[(self.tr.sales["sku"] == sku) & (self.tr.sales["units"] > 0)].sort_values("date")
        return float(rows["revenue"].iloc[-1] / rows["units"].iloc[-1])

    def whatif_total(self, sku: str, pct: float, horizon: int) -> float:
        """The SKU's expected units over the horizon with the price change applied (its ``forecast:`` total)."""
        r = self.run(horizon, ["forecast"], [sku], price_change_pct=pct)
        return float(next(f.metrics["forecast_total"] for f in r.findings if f.id == f"forecast:{sku}"))

    def category_whatif_units(self, skus: list[str], pct: float, horizon: int = 30) -> float:
        """A category's change in expected units: each of its SKUs' ``forecast:`` totals with the change, less
        without (every SKU fitted: no cap on their number)."""
        totals = []
        for change in (pct, None):
            r = self.run(horizon, ["forecast"], skus, price_change_pct=change, max_skus=len(skus) + 1)
            totals.append(sum(float(f.metrics["forecast_total"]) for f in r.findings if f.id.startswith("forecast:")))
        return totals[0] - totals[1]

    def cross_day(self, target: float, year_end: date) -> date | None:
        """The day this year's revenue reaches ``target``: the actuals to date, then the store's daily revenue
        forecast (None: not reached by the year's end)."""
        ys = date(self.end.year, 1, 1)
        so_far = self.tr.revenue(ys, self.end)
        if so_far >= target:
            return reached_on(self.tr.window(ys, self.end).groupby("date")["revenue"].sum().cumsum(), target)
        return forecast_crossing(
            self.end, so_far, target, (year_end - self.end).days, lambda days: self.scope_total(days, revenue=True)
        )


def smallest_category(d: Direct, catalogue: set[str], rank: int) -> tuple[str, list[str]]:
    """The category with the ``rank``-th fewest SKUs sold (0: the fewest) and its catalogue SKUs."""
    cats = d.tr.sales.dropna(subset=["category"]).groupby("category")["sku"].unique()
    cat = str(cats.map(len).sort_values().index[rank])
    return cat, sorted(str(s) for s in cats[cat] if s in catalogue)


def promo_case(d: Direct5, question: str, sku: str, pct: float, days: int) -> Case:
    """A promotion over the next ``days``: the SKU's units over those days with the price change applied."""
    n = d.whatif_total(sku, pct, days)
    return Case(d.t.tenant, question, [n], [sku, f"{days} days"], tolerance=fc(n))


def order_to_last_case(d: Direct5, question: str, sku: str, days: int) -> Case:
    """An order to last ``days``: the units expected over those days less the stock on hand and on order."""
    need = max(0.0, math.ceil(d.sku_total(sku, days) - d.stock_position(sku)))
    return Case(d.t.tenant, question, [need], [sku, f"{days} days"], tolerance=fc(need))


def future5_cases(t: BenchTenant, catalogue: set[str], deps: Deps) -> list[Case]:  # noqa: PLR0915 - one per phrasing
    """The development set of the fifth round (batch ``future5``): every phrasing of a price change (up, down, a new
    price, an amount off; a product and a category), a promotion's units, a reorder to last N days, a revenue
    milestone, run-outs of skewed SKUs, a category's weekly revenue. Measured before the fixes of its round."""
    d = Direct5(deps, t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("future5")
    cover, titled, busy = d.cover, d.titled, d.busy
    a, b, c = busy[4], busy[6], busy[8]
    a_title, b_title, c_title = str(d.titles[a]), str(d.titles[b]), str(d.titles[c])

    # a price change in every direction and phrasing: units over 30 days on the demand forecast's baseline
    for q, sku, pct in (
        (f"what if we put the price of {a_title} up by 10%?", a, 10.0),
        (f"raise {b}'s price 5%", b, 5.0),
        (f"what happens to sales of {c_title} if we bump the price up 8 percent", c, 8.0),
        (f"how many more {a_title} would we sell if we lowered the price by 15 percent?", a, -15.0),
        (f"what if we hiked {c} by 12%", c, 12.0),
    ):
        change = d.whatif_units(sku, pct)
        add(Case(tenant, q, [change], [sku, "30 days"], tolerance=fc(change)))
    price_b, price_c = d.our_price(b), d.our_price(c)
    target = float(round(price_b * 0.8))
    pct = d.pricing_pct(b, target=target)
    change = d.whatif_units(b, pct)
    add(Case(tenant, f"drop the price of {b} to ${target:.0f}", [change], [b, "30 days"], tolerance=fc(change)))
    up = float(round(price_c * 1.15))
    pct = d.pricing_pct(c, target=up)
    change = d.whatif_units(c, pct)
    add(Case(tenant, f"what if we put {c_title} up to ${up:.0f}?", [change], [c, "30 days"], tolerance=fc(change)))
    off = max(1.0, float(round(price_b * 0.1)))
    pct = d.pricing_pct(b, delta=-off)
    change = d.whatif_units(b, pct)
    add(Case(tenant, f"what if we take ${off:.0f} off the {b_title}?", [change], [b, "30 days"], tolerance=fc(change)))
    # a category's price change: the sum of its SKUs' changes
    cat, cat_skus = smallest_category(d, catalogue, 0)
    change = d.category_whatif_units(cat_skus, 10.0)
    add(Case(tenant, f"what if we raise {cat} prices by 10%?", [change], [cat, "30 days"], tolerance=fc(change)))
    # a promotion over a named period: the units sold with the price change over those days
    add(promo_case(d, f"if we run a 20% promo on {a_title} next week how many will we sell?", a, -20.0, 7))
    add(promo_case(d, f"if we discount {b} by 15% for the next 2 weeks, how many units will we sell?", b, -15.0, 14))
    # a reorder to last N days: the expected units of those days less the stock on hand and on order
    add(order_to_last_case(d, f"how much should we reorder of {a} to last 60 days?", a, 60))
    add(order_to_last_case(d, f"how many {c_title} do we need to order to cover the next 90 days?", c, 90))
    # a revenue milestone this year: the day the year's actuals, then its forecast, reach it
    ys = date(end.year, 1, 1)
    so_far = d.tr.revenue(ys, end)
    day = d.cross_day(1_000_000.0, date(end.year, 12, 31))
    if day is not None:
        add(Case(tenant, "when will we hit $1M this year?", one_of=around(day, 1)))
    rest = d.scope_total((date(end.year, 12, 31) - end).days, revenue=True)
    goal = round((so_far + rest * 0.5) / 10_000) * 10_000
    day = d.cross_day(goal, date(end.year, 12, 31))
    if day is not None:
        add(Case(tenant, f"when will we reach ${goal:,.0f} in revenue this year?", one_of=around(day, 2)))
    # run-outs of slow, skewed SKUs: stock runs down by the expected (mean) demand, not the median day
    slow = [s for s in titled if 0.3 < d.rate[s] < 1.2 and 2 < cover.get(s, 0) < 25][:2]
    for q, sku in zip(("when will {} run out?", "how long before we're out of {}?"), slow, strict=False):
        add(Case(tenant, q.format(sku), names=[sku], one_of=around(d.run_out(sku))))
    # a category's weekly revenue (a forecast made SKU by SKU): the total and its first week
    weeks = [d.scope_total(28, revenue=True, categories=[cat.lower()])]
    weeks.append(
        weeks[0] - d.scope_total(28, revenue=True, categories=[cat.lower()], window_start=end + timedelta(days=8))
    )
    add(
        Case(
            tenant,
            f"weekly revenue forecast for {cat} for the next 4 weeks",
            weeks,
            ["28 days"],
            tolerance=fc(weeks[1]),
        )
    )
    for case in cases:
        case.first = True
    return cases


def future6_cases(t: BenchTenant, catalogue: set[str], deps: Deps) -> list[Case]:  # noqa: PLR0915 - one per phrasing
    """The held-out set of the fifth round (batch ``future6``, style "held out"): written after the fixes of
    ``future5``, measured once."""
    d = Direct5(deps, t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("future6", "held out")
    cover, titled, busy = d.cover, d.titled, d.busy
    a, b, c = busy[5], busy[7], busy[9]
    a_title, b_title, c_title = str(d.titles[a]), str(d.titles[b]), str(d.titles[c])

    for q, sku, pct in (
        (f"what would happen if we increased the price of {a_title} by 7%?", a, 7.0),
        (f"if we mark {b} down 20 percent what happens to units", b, -20.0),
    ):
        change = d.whatif_units(sku, pct)
        add(Case(tenant, q, [change], [sku, "30 days"], tolerance=fc(change)))
    target = float(round(d.our_price(c) * 0.85))
    change = d.whatif_units(c, d.pricing_pct(c, target=target))
    add(Case(tenant, f"what if {c_title} cost ${target:.0f}?", [change], [c, "30 days"], tolerance=fc(change)))
    off = max(1.0, float(round(d.our_price(a) * 0.15)))
    change = d.whatif_units(a, d.pricing_pct(a, delta=-off))
    add(
        Case(
            tenant,
            f"knock ${off:.0f} off {a} - how many more would we sell?",
            [change],
            [a, "30 days"],
            tolerance=fc(change),
        )
    )
    cat, cat_skus = smallest_category(d, catalogue, 1)
    change = d.category_whatif_units(cat_skus, -5.0)
    add(Case(tenant, f"what if we lower all {cat} prices by 5%?", [change], [cat, "30 days"], tolerance=fc(change)))
    add(
        promo_case(
            d,
            f"if we put {b_title} on a 25% off sale for the next 10 days, how many units would we sell?",
            b,
            -25.0,
            10,
        )
    )
    add(promo_case(d, f"how many units of {c} will we sell next week if we drop the price 10%?", c, -10.0, 7))
    add(order_to_last_case(d, f"how many {b} should I order so stock lasts 45 days?", b, 45))
    add(order_to_last_case(d, f"how much {a_title} do we need to buy to cover the next 6 weeks", a, 42))
    slow = [s for s in titled if 0.3 < d.rate[s] < 1.2 and 2 < cover.get(s, 0) < 25]
    if len(slow) > 2:
        add(Case(tenant, f"when does {slow[2]} sell out?", names=[slow[2]], one_of=around(d.run_out(slow[2]))))
    pair = [a, c]
    total = d.scope_total(21, revenue=True, skus=pair)
    first_week = total - d.scope_total(21, revenue=True, skus=pair, window_start=end + timedelta(days=8))
    add(
        Case(
            tenant,
            f"weekly revenue forecast for {a} and {c} over the next 3 weeks",
            [total, first_week],
            ["21 days"],
            tolerance=fc(first_week),
        )
    )
    ys = date(end.year, 1, 1)
    rest = d.scope_total((date(end.year, 12, 31) - end).days, revenue=True)
    goal = round((d.tr.revenue(ys, end) + rest * 0.6) / 10_000) * 10_000
    day = d.cross_day(goal, date(end.year, 12, 31))
    if day is not None:
        add(Case(tenant, f"when will we pass ${goal:,.0f} in sales this year?", one_of=around(day, 2)))
    for case in cases:
        case.first = True
    return cases


class Direct7(Direct5):
    """The direct calls of the seventh round: several products at once, a category's promotion, a forecast's band."""

    def band(
        self, horizon: int, *, revenue: bool = False, skus: list[str] | None = None, **options: Any
    ) -> tuple[float, float, float]:
        """The total and its 90% interval as the direct call's forecast answer states them."""
        opts: dict[str, Any] = {**({"measure": "revenue"} if revenue else {}), **options}
        r = self.run(horizon, ["forecast"], skus, **opts)
        return _band(r.data["answers"][0]["text"], revenue)

    def sku_band(self, sku: str, horizon: int) -> tuple[float, float, float]:
        """The SKU's expected units over the horizon and their interval (its ``forecast:`` finding)."""
        r = self.run(horizon, ["forecast"], [sku])
        m = next(f.metrics for f in r.findings if f.id == f"forecast:{sku}")
        return float(m["forecast_total"]), float(m["lower"]), float(m["upper"])

    def category_whatif_total(self, skus: list[str], pct: float, horizon: int) -> float:
        """A category's expected units over the horizon with the price change on every SKU (their totals summed)."""
        r = self.run(horizon, ["forecast"], skus, price_change_pct=pct, max_skus=len(skus) + 1)
        return sum(float(f.metrics["forecast_total"]) for f in r.findings if f.id.startswith("forecast:"))


def week_of(day: date) -> tuple[date, date]:
    """The Monday-Sunday week holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def window_total(d: Direct, first: date, last: date, *, revenue: bool = False, **options: Any) -> float:
    """The store's (or a scope's) forecast of the days ``first`` to ``last``, all after the data's end."""
    start = None if first == d.end + timedelta(days=1) else first
    return d.scope_total((last - d.end).days, revenue=revenue, window_start=start, **options)


def future7_cases(t: BenchTenant, catalogue: set[str], deps: Deps) -> list[Case]:  # noqa: PLR0915 - one per phrasing
    """The development set of the seventh round (batch ``future7``): run-outs and reorders of several products at
    once, what runs out before Christmas, stock for a holiday week, a promotion on a category or a product, a
    category's next quarter, next month against last month, the worst (best) case and the range, a revenue
    milestone. Measured before the fixes of its round."""
    d = Direct7(deps, t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("future7")
    cover, titled, busy = d.cover, d.titled, d.busy
    shorts = [s for s in titled if 2 < cover.get(s, 0) < 25 and d.rate[s] > 0.5]
    a, b, c = busy[10], busy[11], busy[12]
    a_title, b_title = str(d.titles[a]), str(d.titles[b])
    s1, s2, s3 = shorts[0], shorts[1], shorts[2]

    # several products' run-outs and orders at once: each product with its own figure
    several = [s1, s2, s3]
    add(
        Case(
            tenant,
            f"when will {s1}, {s2} and {s3} run out?",
            names=[*several, *(Tied(around(d.run_out(s))) for s in several)],
        )
    )
    add(
        Case(
            tenant,
            f"run-out dates for {d.titles[s1]} and {d.titles[s2]}",
            names=[Tied(around(d.run_out(s))) for s in (s1, s2)],
        )
    )
    needs = [max(0.0, math.ceil(d.sku_total(s, 60) - d.stock_position(s))) for s in (a, b, c)]
    add(
        Case(
            tenant,
            f"how much should we reorder of {a}, {b} and {c} to last 60 days?",
            needs,
            [a, b, c],
            tolerance=max(fc(n) for n in needs),
        )
    )
    # what runs out before Christmas: the run-out ask over the days up to Christmas Eve
    eve = date(end.year, 12, 24)
    before_xmas = float(d.ask_rows((eve - end).days, "stockout", horizon_stated=True))
    add(Case(tenant, "which products will run out before Christmas?", [before_xmas]))
    add(Case(tenant, "what's going to sell out before xmas", [before_xmas]))
    # stock for a holiday week: the forecast of that Monday-Sunday week's units
    from bench.questions import _black_friday

    bf_first, bf_last = week_of(_black_friday(end.year + (end >= _black_friday(end.year))))
    units = window_total(d, bf_first, bf_last)
    add(
        Case(
            tenant,
            "how much stock do we need for Black Friday week?",
            [units],
            [bf_first.isoformat(), bf_last.isoformat()],
            tolerance=fc(units),
        )
    )
    xw_first, xw_last = week_of(date(end.year, 12, 25))
    units = window_total(d, xw_first, xw_last)
    add(
        Case(
            tenant,
            "how many units will we need for christmas week",
            [units],
            [xw_first.isoformat(), xw_last.isoformat()],
            tolerance=fc(units),
        )
    )
    # a promotion: a category's or a product's units over the days named with the price change
    cat, cat_skus = smallest_category(d, catalogue, 0)
    n = d.category_whatif_total(cat_skus, -20.0, 7)
    add(
        Case(
            tenant,
            f"if we run a 20% off promo on {cat} next week, how many units will we sell?",
            [n],
            [cat, "7 days"],
            tolerance=fc(n),
        )
    )
    add(promo_case(d, f"if we run a 20% off promo on {a_title} next week", a, -20.0, 7))
    change = d.whatif_total(b, -15.0, 14) - d.sku_total(b, 14)
    add(
        Case(
            tenant,
            f"what happens to sales if we do 15% off the {b_title} for 2 weeks?",
            [change],
            [b, "14 days"],
            tolerance=fc(change),
        )
    )
    # a category's next quarter, in units and in money
    qs, qe = quarter_after(end)
    cat2, _ = smallest_category(d, catalogue, 1)
    units = window_total(d, qs, qe, categories=[cat.lower()])
    add(
        Case(tenant, f"forecast for {cat} next quarter", [units], [qs.isoformat(), qe.isoformat()], tolerance=fc(units))
    )
    money = window_total(d, qs, qe, revenue=True, categories=[cat2.lower()])
    add(
        Case(
            tenant,
            f"projected {cat2} revenue next quarter",
            [money],
            [qs.isoformat(), qe.isoformat()],
            tolerance=fc(money),
        )
    )
    # next month (a forecast) against last month (actuals)
    ns, ne = month_bounds(month_bounds(end)[1] + timedelta(days=1))
    ls, le = month_bounds(end.replace(day=1) - timedelta(days=1))
    money = window_total(d, ns, ne, revenue=True)
    add(
        Case(
            tenant,
            "will next month beat last month?",
            [money, d.tr.revenue(ls, le)],
            [f"{ls:%B %Y}"],
            tolerance=fc(money),
        )
    )
    units = window_total(d, ns, ne)
    add(
        Case(
            tenant,
            "will we sell more units next month than last month?",
            [units, d.tr.units(ls, le)],
            [f"{ls:%B %Y}"],
            tolerance=fc(units),
        )
    )
    # the worst (best) case and the range: the forecast's 90% interval
    _, low, _ = d.band((ne - end).days, revenue=True, window_start=ns.isoformat())
    add(Case(tenant, "what's the worst case for revenue next month?", [low], [ns.isoformat()], tolerance=fc(low)))
    _, low, _ = d.sku_band(a, 30)
    add(
        Case(
            tenant,
            f"worst case, how many {a_title} will we sell in the next 30 days?",
            [low],
            [a, "30 days"],
            tolerance=fc(low),
        )
    )
    _, low, high = d.band((qe - end).days, revenue=True, window_start=qs.isoformat())
    add(
        Case(
            tenant,
            "what's the range on next quarter's revenue forecast?",
            [low, high],
            [qs.isoformat()],
            tolerance=fc(low),
        )
    )
    _, _, high = d.band(14)
    add(Case(tenant, "best case units over the next 2 weeks", [high], ["14 days"], tolerance=fc(high)))
    # a revenue milestone this year
    ys, ye = date(end.year, 1, 1), date(end.year, 12, 31)
    rest = d.scope_total((ye - end).days, revenue=True)
    goal = round((d.tr.revenue(ys, end) + rest * 0.4) / 10_000) * 10_000
    day = d.cross_day(goal, ye)
    if day is not None:
        add(Case(tenant, f"what date will we cross ${goal:,.0f} in revenue this year?", one_of=around(day, 2)))
    for case in cases:
        case.first = not case.question.startswith(("when will", "run-out dates", "how much should we reorder of"))
    return cases


def future8_cases(t: BenchTenant, catalogue: set[str], deps: Deps) -> list[Case]:  # noqa: PLR0915 - one per phrasing
    """The held-out set of the seventh round (batch ``future8``, style "held out"): written after the fixes of
    ``future7``, measured once."""
    d = Direct7(deps, t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("future8", "held out")
    cover, titled, busy = d.cover, d.titled, d.busy
    shorts = [s for s in titled if 2 < cover.get(s, 0) < 25 and d.rate[s] > 0.5]
    a, b = busy[13], busy[14]
    a_title = str(d.titles[a])
    s4, s5 = shorts[3 % len(shorts)], shorts[4 % len(shorts)]

    ys, ye = date(end.year, 1, 1), date(end.year, 12, 31)
    rest = d.scope_total((ye - end).days, revenue=True)
    goal = round((d.tr.revenue(ys, end) + rest * 0.7) / 10_000) * 10_000
    day = d.cross_day(goal, ye)
    if day is not None:
        add(Case(tenant, f"when will we go over ${goal:,.0f} in sales this year", one_of=around(day, 2)))
    money = [d.scope_total(21, revenue=True, skus=[s]) for s in (a, b)]
    add(
        Case(
            tenant,
            f"weekly revenue forecast per product for {a} and {b} over the next 3 weeks",
            money,
            [a, b],
            tolerance=max(fc(m) for m in money),
        )
    )
    nye = date(end.year, 12, 31)
    add(
        Case(
            tenant,
            "which items will sell out before new year's?",
            [float(d.ask_rows((nye - end).days, "stockout", horizon_stated=True))],
        )
    )
    add(
        Case(
            tenant,
            f"when do {s4} and {s5} run out",
            names=[s4, s5, *(Tied(around(d.run_out(s))) for s in (s4, s5))],
        )
    )
    cat, cat_skus = smallest_category(d, catalogue, 2)
    n = d.category_whatif_total(cat_skus, -10.0, 10)
    add(
        Case(
            tenant,
            f"if we put {cat} on 10% off for the next 10 days, how many units will we sell?",
            [n],
            [cat, "10 days"],
            tolerance=fc(n),
        )
    )
    _, low, _ = d.band(30)
    add(Case(tenant, "worst case units for the next 30 days?", [low], ["30 days"], tolerance=fc(low)))
    qs, qe = quarter_after(end)
    _, _, high = d.band((qe - end).days, revenue=True, window_start=qs.isoformat())
    add(Case(tenant, "best case revenue next quarter", [high], [qs.isoformat()], tolerance=fc(high)))
    needs = [max(0.0, math.ceil(d.sku_total(s, 45) - d.stock_position(s))) for s in (a, b)]
    add(
        Case(
            tenant,
            f"how much should I reorder of {a_title} and {b} to cover 45 days",
            needs,
            [a, b],
            tolerance=max(fc(x) for x in needs),
        )
    )
    ns, ne = month_bounds(month_bounds(end)[1] + timedelta(days=1))
    ls, le = month_bounds(end.replace(day=1) - timedelta(days=1))
    money1 = window_total(d, ns, ne, revenue=True)
    add(
        Case(
            tenant,
            "is next month going to be better than last month?",
            [money1, d.tr.revenue(ls, le)],
            [f"{ls:%B %Y}"],
            tolerance=fc(money1),
        )
    )
    from shared.questions.timephrase import holiday

    cm = holiday("cyber monday", end.year)
    cm = cm if cm > end else holiday("cyber monday", end.year + 1)
    cw_first, cw_last = week_of(cm)
    units = window_total(d, cw_first, cw_last)
    add(
        Case(
            tenant,
            "how many units do we need for cyber monday week",
            [units],
            [cw_first.isoformat(), cw_last.isoformat()],
            tolerance=fc(units),
        )
    )
    cat2, _ = smallest_category(d, catalogue, 3)
    _, low, high = d.band((qe - end).days, revenue=True, window_start=qs.isoformat(), categories=[cat2.lower()])
    add(
        Case(
            tenant,
            f"what range should we expect for {cat2} revenue next quarter?",
            [low, high],
            [qs.isoformat()],
            tolerance=fc(low),
        )
    )
    for case in cases:
        case.first = not case.question.startswith(("when do", "weekly revenue forecast per product", "how much should"))
    return cases


def cross_units(d: Direct7, target: float, first: date, last: date, sku: str | None = None) -> date | None:
    """The day the units sold from ``first`` (the store's, or ``sku``'s) reach ``target``: the actuals to date,
    then the forecast as the agent's forecast answer states it (None: not reached by ``last``)."""
    sales = d.tr.window(first, d.end)
    if sku is not None:
        sales = sales[sales["sku"].astype(str) == sku]
    daily = sales.groupby("date")["units"].sum().cumsum()
    if len(daily) and float(daily.iloc[-1]) >= target:
        return reached_on(daily, target)
    so_far = float(daily.iloc[-1]) if len(daily) else 0.0
    skus = [sku] if sku is not None else None
    return forecast_crossing(d.end, so_far, target, (last - d.end).days, lambda days: d.scope_total(days, skus=skus))


def units_so_far(d: Direct7, first: date, sku: str | None = None) -> float:
    """Units sold from ``first`` to the data's end (the store's, or ``sku``'s)."""
    sales = d.tr.window(first, d.end)
    if sku is not None:
        sales = sales[sales["sku"].astype(str) == sku]
    return float(sales["units"].sum())


def future9_cases(t: BenchTenant, catalogue: set[str], deps: Deps) -> list[Case]:
    """The development set of the eighth round (batch ``future9``): milestones in units sold (the store's this
    year, this month, one product's), passed, ahead or not reached, and a holiday week of next year. Measured
    before the fixes of its round."""
    d = Direct7(deps, t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("future9")
    ys, ye = date(end.year, 1, 1), date(end.year, 12, 31)
    ms, me = month_bounds(end)
    busy = d.busy
    a, b, c = busy[3], busy[4], busy[5]
    so_far, rest = units_so_far(d, ys), d.scope_total((ye - end).days)

    def goal(share: float, base: float, more: float, step: int) -> int:
        return int(round((base + more * share) / step) * step)

    for question, share in (
        ("when will we sell our {n:,}th unit this year?", 0.4),
        ("when will we pass {n:,} units sold?", 0.7),
        ("what date will we cross {n:,} units this year", 0.25),
    ):
        n = goal(share, so_far, rest, 10)
        if (day := cross_units(d, n, ys, ye)) is not None:
            add(Case(tenant, question.format(n=n), one_of=around(day, 2)))
    n = goal(0.5, units_so_far(d, ms), d.scope_total((me - end).days), 10)
    if (day := cross_units(d, n, ms, me)) is not None:
        add(Case(tenant, f"when will we hit {n:,} units this month?", one_of=around(day, 2)))
    n = int(round(so_far * 0.6 / 10) * 10)
    if (day := cross_units(d, n, ys, ye)) is not None:
        add(Case(tenant, f"when did we pass {n:,} units this year?", one_of=around(day, 0)))
    n = int(round((so_far + rest * 3) / 100) * 100)
    add(Case(tenant, f"when will we sell {n:,} units this year?", [so_far], one_of=["not reach"], tolerance=2.0))
    for sku, share in ((a, 0.5), (b, 0.8)):
        title = str(d.titles.get(sku, sku))
        own = units_so_far(d, ys, sku)
        n = goal(share, own, d.scope_total((ye - end).days, skus=[sku]), 1)
        if (day := cross_units(d, n, ys, ye, sku)) is not None:
            add(Case(tenant, f"when will we have sold {n:,} of the {title.lower()}?", one_of=around(day, 2)))
    own = units_so_far(d, ys, c)
    n = max(1, int(own * 0.5))
    if (day := cross_units(d, n, ys, ye, c)) is not None:
        add(Case(tenant, f"when did we sell {n:,} units of {c} this year", one_of=around(day, 0)))
    # a holiday week of next year: the forecast of that Monday-Sunday week's units
    from shared.questions.timephrase import holiday

    for name, question in (
        ("cyber monday", "how many units do we need for cyber monday week next year"),
        ("black friday", "how much stock will we need for black friday week next year?"),
    ):
        w_first, w_last = week_of(holiday(name, end.year + 1))
        units = window_total(d, w_first, w_last)
        add(Case(tenant, question, [units], [w_first.isoformat(), w_last.isoformat()], tolerance=fc(units)))
    for case in cases:
        case.first = True
    return cases


def future10_cases(t: BenchTenant, catalogue: set[str], deps: Deps) -> list[Case]:
    """The held-out set of the eighth round (batch ``future10``, style "held out"): written after the fixes of
    ``future9``, measured once."""
    d = Direct7(deps, t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("future10", "held out")
    ys, ye = date(end.year, 1, 1), date(end.year, 12, 31)
    busy = d.busy
    so_far, rest = units_so_far(d, ys), d.scope_total((ye - end).days)
    n = int(round((so_far + rest * 0.55) / 10) * 10)
    if (day := cross_units(d, n, ys, ye)) is not None:
        add(Case(tenant, f"by when will we have shipped {n:,} items this year", one_of=around(day, 2)))
    n = int(round((so_far + rest * 0.3) / 100) * 100)
    if (day := cross_units(d, n, ys, ye)) is not None:
        add(Case(tenant, f"how soon will units sold get past {n:,}?", one_of=around(day, 2)))
    n = int(round((so_far + rest * 2.5) / 1000) * 1000)
    add(Case(tenant, f"what day do we sell unit number {n:,} this year", [so_far], one_of=["not reach"], tolerance=2.0))
    sku = busy[6]
    own = units_so_far(d, ys, sku)
    n = int(round(own + d.scope_total((ye - end).days, skus=[sku]) * 0.6))
    if (day := cross_units(d, n, ys, ye, sku)) is not None:
        add(Case(tenant, f"when will we reach {n:,} units of {sku} sold this year?", one_of=around(day, 2)))
    sku = busy[7]
    n = max(1, int(units_so_far(d, ys, sku) * 0.3))
    if (day := cross_units(d, n, ys, ye, sku)) is not None:
        title = str(d.titles.get(sku, sku)).lower()
        add(Case(tenant, f"when did we hit {n:,} sales of the {title}?", one_of=around(day, 0)))
    from shared.questions.timephrase import holiday

    w_first, w_last = week_of(holiday("christmas", end.year + 1))
    units = window_total(d, w_first, w_last)
    add(
        Case(
            tenant,
            "units needed for next year's christmas week?",
            [units],
            [w_first.isoformat(), w_last.isoformat()],
            tolerance=fc(units),
        )
    )
    for case in cases:
        case.first = True
    return cases


def cross_revenue(d: Direct7, target: float, first: date, last: date, sku: str | None = None) -> date | None:
    """The day the revenue from ``first`` (the store's, or ``sku``'s) reaches ``target``: the actuals to date, then
    the forecast as the agent's revenue forecast answer states it (None: not reached by ``last``)."""
    sales = d.tr.window(first, d.end)
    if sku is not None:
        sales = sales[sales["sku"].astype(str) == sku]
    daily = sales.groupby("date")["revenue"].sum().cumsum()
    if len(daily) and float(daily.iloc[-1]) >= target:
        return reached_on(daily, target)
    so_far = float(daily.iloc[-1]) if len(daily) else 0.0
    skus = [sku] if sku is not None else None
    return forecast_crossing(
        d.end, so_far, target, (last - d.end).days, lambda days: d.scope_total(days, revenue=True, skus=skus)
    )


def revenue_so_far(d: Direct7, first: date, sku: str | None = None) -> float:
    """Revenue from ``first`` to the data's end (the store's, or ``sku``'s)."""
    sales = d.tr.window(first, d.end)
    if sku is not None:
        sales = sales[sales["sku"].astype(str) == sku]
    return float(sales["revenue"].sum())


def next_week_of(d: Direct7, name: str) -> tuple[date, date]:
    """The Monday-Sunday week of the next ``name`` (a holiday) whose week starts after the data's end."""
    from shared.questions.timephrase import holiday

    first, last = week_of(holiday(name, d.end.year))
    return (first, last) if first > d.end else week_of(holiday(name, d.end.year + 1))


def future11_cases(t: BenchTenant, catalogue: set[str], deps: Deps) -> list[Case]:
    """The development set of the ninth round (batch ``future11``): one product's milestones in units ("N sales of
    the X" is a count) and in money, past and ahead, the store's in money and this month's units, and the units a
    holiday week needs (this year's still to come, or next year's when this year's has begun)."""
    d = Direct7(deps, t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("future11")
    ys, ye = date(end.year, 1, 1), date(end.year, 12, 31)
    ms, me = month_bounds(end)
    busy = d.busy

    def title(sku: str) -> str:
        return str(d.titles.get(sku, sku)).lower()

    sku = busy[8]
    n = max(1, int(units_so_far(d, ys, sku) * 0.4))
    if (day := cross_units(d, n, ys, ye, sku)) is not None:
        add(Case(tenant, f"when did we hit {n:,} sales of the {title(sku)}?", one_of=around(day, 0)))
    sku = busy[9]
    n = int(round(units_so_far(d, ys, sku) + d.scope_total((ye - end).days, skus=[sku]) * 0.6))
    if (day := cross_units(d, n, ys, ye, sku)) is not None:
        add(Case(tenant, f"when will we have sold {n:,} of the {title(sku)}?", one_of=around(day, 2)))
    sku = busy[10]
    x = int(round((revenue_so_far(d, ys, sku) + d.scope_total((ye - end).days, revenue=True, skus=[sku]) * 0.5) / 10))
    x *= 10
    if (day := cross_revenue(d, x, ys, ye, sku)) is not None:
        add(Case(tenant, f"when will the {title(sku)} pass ${x:,} in sales?", one_of=around(day, 2)))
    sku = busy[11]
    x = int(round(revenue_so_far(d, ys, sku) * 0.5 / 10)) * 10
    if (day := cross_revenue(d, x, ys, ye, sku)) is not None:
        add(Case(tenant, f"when did the {title(sku)} reach ${x:,} in revenue this year?", one_of=around(day, 0)))
    sku = busy[12]
    n = int(round(units_so_far(d, ys, sku) + d.scope_total((ye - end).days, skus=[sku]) * 0.7))
    if (day := cross_units(d, n, ys, ye, sku)) is not None:
        add(Case(tenant, f"when will {sku} hit {n:,} sales this year", one_of=around(day, 2)))
    sku = busy[13]
    n = int(round(units_so_far(d, ys, sku) + d.scope_total((ye - end).days, skus=[sku]) * 0.35))
    if (day := cross_units(d, n, ys, ye, sku)) is not None:
        add(Case(tenant, f"when will the {title(sku)} reach {n:,} units?", one_of=around(day, 2)))
    goal = round((revenue_so_far(d, ys) + d.scope_total((ye - end).days, revenue=True) * 0.45) / 1000) * 1000
    if (day := cross_revenue(d, goal, ys, ye)) is not None:
        add(Case(tenant, f"when will we cross ${goal:,.0f} in sales this year?", one_of=around(day, 2)))
    n = max(1, int(units_so_far(d, ms) * 0.5))
    if (day := cross_units(d, n, ms, me)) is not None:
        add(Case(tenant, f"what date did we reach {n:,} units sold this month?", one_of=around(day, 0)))
    from shared.questions.timephrase import holiday

    weeks = (
        ("how many units do we need for black friday week", next_week_of(d, "black friday")),
        ("how much stock will we need for christmas week?", next_week_of(d, "christmas")),
        ("how many units do we need for thanksgiving week next year", week_of(holiday("thanksgiving", end.year + 1))),
    )
    for question, (w_first, w_last) in weeks:
        units = window_total(d, w_first, w_last)
        add(Case(tenant, question, [units], [w_first.isoformat(), w_last.isoformat()], tolerance=fc(units)))
    # added after the first measurement: what to order for a named week (its units less today's stock left then)
    store_stock = sum(d.stock_position(str(s)) for s in d.on_hand.index)
    w_first, w_last = next_week_of(d, "cyber monday")
    need = week_order(d, w_first, w_last, store_stock)
    add(
        Case(
            tenant,
            "how many units do we need to order for cyber monday week",
            [need],
            [w_first.isoformat(), w_last.isoformat()],
            tolerance=fc(need),
        )
    )
    sku = busy[18]
    w_first, w_last = next_week_of(d, "christmas")
    need = week_order(d, w_first, w_last, d.stock_position(sku), sku)
    add(
        Case(
            tenant,
            f"how many units of {sku} do we need to buy for christmas week?",
            [need],
            [w_first.isoformat(), w_last.isoformat()],
            tolerance=fc(need),
        )
    )
    for case in cases:
        case.first = True
    return cases


def week_order(d: Direct7, first: date, last: date, stock: float, sku: str | None = None) -> float:
    """Units to order for the days ``first`` to ``last``: their forecast less today's stock (on hand and on order)
    still left when they start (the forecast of the days before them sold from it first)."""
    skus = [sku] if sku is not None else None
    week = window_total(d, first, last, skus=skus)
    before = (
        window_total(d, d.end + timedelta(days=1), first - timedelta(days=1), skus=skus)
        if first > d.end + timedelta(days=1)
        else 0.0
    )
    return float(max(0, math.ceil(week - max(0.0, stock - before))))


def future12_cases(t: BenchTenant, catalogue: set[str], deps: Deps) -> list[Case]:
    """The held-out set of the ninth round (batch ``future12``, style "held out"): written before ``future11`` was
    measured, measured once at the end."""
    d = Direct7(deps, t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("future12", "held out")
    ys, ye = date(end.year, 1, 1), date(end.year, 12, 31)
    busy = d.busy

    def title(sku: str) -> str:
        return str(d.titles.get(sku, sku)).lower()

    sku = busy[14]
    n = max(1, int(units_so_far(d, ys, sku) * 0.65))
    if (day := cross_units(d, n, ys, ye, sku)) is not None:
        add(Case(tenant, f"what day did {sku} pass {n:,} sales", one_of=around(day, 0)))
    sku = busy[15]
    x = int(round((revenue_so_far(d, ys, sku) + d.scope_total((ye - end).days, revenue=True, skus=[sku]) * 0.4) / 10))
    x *= 10
    if (day := cross_revenue(d, x, ys, ye, sku)) is not None:
        add(Case(tenant, f"by when will revenue from the {title(sku)} top ${x:,}?", one_of=around(day, 2)))
    sku = busy[16]
    n = int(round(units_so_far(d, ys, sku) + d.scope_total((ye - end).days, skus=[sku]) * 0.5))
    if (day := cross_units(d, n, ys, ye, sku)) is not None:
        add(Case(tenant, f"how soon will the {title(sku)} make it to {n:,} units sold?", one_of=around(day, 2)))
    sku = busy[17]
    x = int(round(revenue_so_far(d, ys, sku) * 0.3 / 10)) * 10
    if (day := cross_revenue(d, x, ys, ye, sku)) is not None:
        add(Case(tenant, f"when did {title(sku)} sales pass ${x:,}?", one_of=around(day, 0)))
    from shared.questions.timephrase import holiday

    weeks = (
        ("how many units should we stock for cyber monday week?", next_week_of(d, "cyber monday")),
        ("units we'll need for memorial day week next year", week_of(holiday("memorial day", end.year + 1))),
    )
    for question, (w_first, w_last) in weeks:
        units = window_total(d, w_first, w_last)
        add(Case(tenant, question, [units], [w_first.isoformat(), w_last.isoformat()], tolerance=fc(units)))
    for case in cases:
        case.first = True
    return cases
