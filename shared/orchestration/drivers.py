"""Why? after a figure: what moved most, by channel, category and product, besides the period before.

"Revenue in November was $625,534, down 1.0% from $632,108 in October" answers how much it changed, not why; a
merchant asking "why?" wants where the change came from. The same comparison is run again split by channel,
category and product (a dimension the figure is already one value of is skipped), and the value whose measure
moved most either way is named in each, with its change and both periods' figures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.questions.answer_refs import additive
from shared.questions.compose import fmt_value, metric_unit
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
    if query.compare is None or query.dimensions or not additive(metric):
        return ""
    unit = metric_unit(metric)
    parts = []
    for dim, word in _SPLITS:
        if any(f.dimension == dim and f.op == "in" and len(f.values) == 1 for f in query.filters):
            continue  # "revenue on amazon": amazon is the figure, not one of its movers
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
        if not moved:
            continue
        name, now, before = max(moved, key=lambda m: abs(m[1] - m[2]))
        if now == before:
            continue
        sign = "+" if now > before else "-"
        called = titles.get(name, name) if dim == "sku" else name
        parts.append(
            f"by {word}, {called} ({sign}{fmt_value(abs(now - before), unit, currency, metric)}: "
            f"{fmt_value(now, unit, currency, metric)} against {fmt_value(before, unit, currency, metric)})"
        )
    return f"What moved most: {'; '.join(parts)}." if parts else ""
