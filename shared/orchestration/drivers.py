"""Why? after a figure: what moved most, by channel, category and product, besides the period before.

"Revenue in November was $625,534, down 1.0% from $632,108 in October" answers how much it changed, not why; a
merchant asking "why?" wants where the change came from. The same comparison is run again split by channel,
category and product (a dimension the figure is already one value of is skipped, and so is one whose every line
is one value: a product's own category), and the value whose measure moved most either way is named in each, with
its change and both periods' figures. After a breakdown ("revenue by channel" -> "why?") the splits are of its total.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.questions.answer_refs import additive
from shared.questions.compose import fmt_value, metric_unit
from shared.store.metrics.catalog import Unit
from shared.store.metrics.model import DimensionName, MetricQuery

if TYPE_CHECKING:
    from shared.ports import Warehouse

_SPLITS: tuple[tuple[DimensionName, str], ...] = (("channel", "channel"), ("category", "category"), ("sku", "product"))


def what_moved(warehouse: Warehouse, query: MetricQuery, titles: dict[str, str], currency: str | None) -> str:
    """The sentence naming the channel, category and product that moved most; "" when the figure has no comparison.

    ``query`` is the answered comparison (one value against the period before); ``titles`` names SKUs.
    """
    from shared.store.metrics.run import run_metric_query

    metric = query.metrics[0]
    if query.compare is None or query.dimensions[:1] == ["date"] or not additive(metric):
        return ""
    unit = metric_unit(metric)
    parts = []
    for dim, word in _SPLITS:
        if any(f.dimension == dim and f.op == "in" and len(f.values) == 1 for f in query.filters):
            continue  # "revenue on amazon": amazon is the figure, not one of its movers
        # a breakdown ("revenue by channel" -> "why?") is split again over its whole total: its own dimension names
        # the row that moved most, the others where inside the total the change came from
        split = query.model_copy(
            update={
                "dimensions": [dim],
                "order_by": None,
                "order_by_change": False,
                "limit": None,
                "share_of_total": False,
            }
        )
        rows = run_metric_query(warehouse, split).rows
        moved = [
            (str(r[dim]), float(r.get(metric) or 0), float(r.get(f"{metric}_previous") or 0))
            for r in rows
            if r.get(dim) not in (None, "")
        ]
        if len(moved) < 2:
            continue  # one value holds the whole figure (a product's own category): it moved with it, not in it
        name, now, before = max(moved, key=lambda m: abs(m[1] - m[2]))
        if now == before:
            continue
        sign = "+" if now > before else "-"
        called = titles.get(name, name) if dim == "sku" else name
        parts.append(
            f"by {word}, {called} ({sign}{fmt_value(abs(now - before), unit, currency, metric)}: "
            f"{fmt_value(now, unit, currency, metric)} against {fmt_value(before, unit, currency, metric)})"
        )
    if not parts:
        return ""
    return f"{_total_moved(warehouse, query, unit, currency)}What moved most: {'; '.join(parts)}."


def _total_moved(warehouse: Warehouse, query: MetricQuery, unit: Unit, currency: str | None) -> str:
    """A breakdown's total in both periods ("In total, $625,534.18 against $632,108.71 (-1.0%). "); "" for a value.

    The breakdown's rows say how each moved; "why?" is about the whole, so its change is said before its movers.
    """
    from shared.store.metrics.run import run_metric_query

    if not query.dimensions:
        return ""
    whole = query.model_copy(
        update={"dimensions": [], "order_by": None, "order_by_change": False, "limit": None, "share_of_total": False}
    )
    metric = query.metrics[0]
    row = next(iter(run_metric_query(warehouse, whole).rows), None)
    if row is None or row.get(metric) is None or not row.get(f"{metric}_previous"):
        return ""
    now, before = float(row[metric]), float(row[f"{metric}_previous"])
    return (
        f"In total, {fmt_value(now, unit, currency, metric)} against {fmt_value(before, unit, currency, metric)} "
        f"in the period before ({(now / before - 1) * 100:+.1f}%). "
    )
