"""The metrics compiler on its own: every table it reads is tenant-filtered, values are bound, periods."""

from __future__ import annotations

from datetime import date, timedelta
from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlglot import exp

from shared.store.metrics.api import metric_catalog
from shared.store.metrics.catalog import DIMENSIONS, METRICS
from shared.store.metrics.compile import MetricQueryError, plan_metric_query, previous_range, to_date_months
from shared.store.metrics.model import DimensionName, MetricName, MetricQuery, TimeRange

FACTS = {"sales", "reviews", "inventory", "competitor_prices", "products"}
MARKER = "zq'; DROP TABLE sales; --"


def test_catalogue_declares_exactly_the_contract_names() -> None:
    assert set(METRICS) == set(get_args(MetricName))
    assert set(DIMENSIONS) == set(get_args(DimensionName))
    doc = metric_catalog()
    assert {m.name for m in doc.metrics} == set(METRICS)
    assert all(m.label and m.unit and m.description for m in doc.metrics)


def _tenant_filtered(table: exp.Table) -> bool:
    """The table's SELECT has ``<alias or table>.tenant_id = @tenant`` in a top-level AND of its WHERE."""
    select = table.find_ancestor(exp.Select)
    where = select.args.get("where") if select else None
    if where is None:
        return False
    qualifier = table.alias_or_name
    for cond in where.this.flatten() if isinstance(where.this, exp.And) else [where.this]:
        if (isinstance(cond, exp.EQ) and isinstance(cond.this, exp.Column) and cond.this.name == "tenant_id"
                and cond.this.table in ("", qualifier) and isinstance(cond.expression, exp.Placeholder)
                and cond.expression.name == "tenant"):
            return True
    return False


queries = st.builds(
    MetricQuery,
    tenant_id=st.just("t1"),
    metrics=st.lists(st.sampled_from(sorted(METRICS)), min_size=1, max_size=4, unique=True),
    dimensions=st.lists(st.sampled_from(sorted(DIMENSIONS)), max_size=2, unique=True),
    grain=st.sampled_from([None, "day", "week", "month", "quarter", "year"]),
    time_range=st.one_of(st.none(), st.builds(
        lambda s, n: TimeRange(start=s, end=s + timedelta(days=n)),
        st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)), st.integers(0, 800))),
    filters=st.lists(st.builds(dict, dimension=st.sampled_from(["sku", "category", "channel", "brand"]),
                               op=st.sampled_from(["in", "not_in"]), values=st.just([MARKER, "x"])), max_size=2),
    share_of_total=st.booleans(),
    limit=st.one_of(st.none(), st.integers(1, 1000)),
)


@given(query=queries, compare=st.sampled_from([None, "previous_period", "previous_year"]))
def test_every_table_read_is_tenant_filtered_and_values_are_bound(query: MetricQuery, compare: str | None) -> None:
    if compare and query.time_range:
        query = query.model_copy(update={"compare": compare})
    try:
        plan = plan_metric_query(query)
    except MetricQueryError:
        return
    tables = [t for t in plan.statement.find_all(exp.Table) if t.name in FACTS]
    assert tables and all(_tenant_filtered(t) for t in tables)
    placeholders = {p.name for p in plan.statement.find_all(exp.Placeholder)}
    assert placeholders == set(plan.params)
    for dialect in ("bigquery", "duckdb"):
        sql = plan.statement.sql(dialect=dialect)
        assert "DROP TABLE" not in sql and "t1" not in sql
    assert MARKER in plan.params.values() or not query.filters


def test_a_query_without_a_tenant_cannot_be_built() -> None:
    with pytest.raises(ValueError, match="tenant_id"):
        MetricQuery(metrics=["revenue"])  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="tenant_id"):
        MetricQuery(tenant_id="", metrics=["revenue"])


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 400))
def test_previous_period_is_as_long_and_just_before(start: date, days: int) -> None:
    tr = TimeRange(start=start, end=start + timedelta(days=days))
    prev = previous_range(tr, "previous_period")
    to_date = previous_range(tr, "previous_period_to_date")
    if to_date_months(tr) is not None:  # a month (quarter, year) to date: the same days of the one before
        assert to_date.start.day == 1 and to_date.end < tr.start and to_date.end.day <= tr.end.day
    else:
        assert to_date == prev
    assert prev.end == tr.start - timedelta(days=1)
    if start.day == 1 and (tr.end + timedelta(days=1)).day == 1:  # whole months: the months just before
        assert prev.start.day == 1
    else:
        assert prev.days == tr.days
    year = previous_range(tr, "previous_year")
    assert year.start.year == tr.start.year - 1 and year.start.month == tr.start.month


@pytest.mark.parametrize(("start", "end", "prev"), [
    (date(2025, 4, 1), date(2025, 6, 30), (date(2025, 1, 1), date(2025, 3, 31))),
    (date(2025, 3, 1), date(2025, 3, 31), (date(2025, 2, 1), date(2025, 2, 28))),
    (date(2025, 1, 1), date(2025, 12, 31), (date(2024, 1, 1), date(2024, 12, 31))),
    (date(2025, 3, 10), date(2025, 3, 16), (date(2025, 3, 3), date(2025, 3, 9))),
])
def test_previous_period_examples(start: date, end: date, prev: tuple[date, date]) -> None:
    got = previous_range(TimeRange(start=start, end=end), "previous_period")
    assert (got.start, got.end) == prev


@pytest.mark.parametrize(("start", "end", "prev"), [
    (date(2026, 12, 1), date(2026, 12, 14), (date(2026, 11, 1), date(2026, 11, 14))),
    (date(2025, 3, 1), date(2025, 3, 30), (date(2025, 2, 1), date(2025, 2, 28))),  # a short month clips the end
    (date(2026, 10, 1), date(2026, 12, 4), (date(2026, 7, 1), date(2026, 9, 4))),
    (date(2026, 1, 1), date(2026, 12, 4), (date(2025, 1, 1), date(2025, 12, 4))),
    (date(2026, 3, 10), date(2026, 3, 16), (date(2026, 3, 3), date(2026, 3, 9))),  # not to date: days before
])
def test_to_date_is_compared_with_the_same_days_of_the_period_before(start: date, end: date,
                                                                     prev: tuple[date, date]) -> None:
    got = previous_range(TimeRange(start=start, end=end), "previous_period_to_date")
    assert (got.start, got.end) == prev


@pytest.mark.parametrize(("start", "end", "prev"), [
    (date(2025, 2, 1), date(2025, 2, 28), (date(2024, 2, 1), date(2024, 2, 29))),  # the whole leap February
    (date(2025, 1, 1), date(2025, 3, 31), (date(2024, 1, 1), date(2024, 3, 31))),
    (date(2029, 2, 1), date(2029, 2, 28), (date(2028, 2, 1), date(2028, 2, 29))),
    (date(2024, 2, 1), date(2024, 2, 29), (date(2023, 2, 1), date(2023, 2, 28))),
    (date(2025, 2, 10), date(2025, 2, 28), (date(2024, 2, 10), date(2024, 2, 28))),  # not whole: the same dates
])
def test_the_same_month_last_year_is_that_whole_month(start: date, end: date, prev: tuple[date, date]) -> None:
    got = previous_range(TimeRange(start=start, end=end), "previous_year")
    assert (got.start, got.end) == prev


def test_previous_year_of_a_leap_day() -> None:
    got = previous_range(TimeRange(start=date(2024, 2, 29), end=date(2024, 2, 29)), "previous_year")
    assert (got.start, got.end) == (date(2023, 2, 28), date(2023, 2, 28))


def test_a_named_baseline_is_the_period_compared() -> None:
    """"Black Friday vs last year's Black Friday": the day a year before is 27 Nov, the named one 28 Nov."""
    day = TimeRange(start=date(2026, 11, 27), end=date(2026, 11, 27), label="Black Friday 2026")
    named = TimeRange(start=date(2025, 11, 28), end=date(2025, 11, 28), label="Black Friday 2025 (28 Nov 2025)")
    plan = plan_metric_query(MetricQuery(tenant_id="acme", metrics=["revenue"], time_range=day,
                                         compare="previous_period", baseline=named))
    assert plan.previous_range is not None
    assert (plan.previous_range.start, plan.previous_range.end) == (named.start, named.end)
    with pytest.raises(ValueError, match="baseline"):
        MetricQuery(tenant_id="acme", metrics=["revenue"], time_range=day, baseline=named)
