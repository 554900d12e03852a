"""Whether one product's stock cover argues for a discount: said first when "should we discount X?" is asked.

The price recommendation looks at the market only; a merchant deciding a markdown also weighs the stock. With the
product's cover (the forecast agent's ``overstock`` row: on hand, days of cover at its recent daily units, lead time)
the answer leads with the stock's verdict: nothing on hand, or cover shorter than the lead time, argues against a
discount (it would sell out before more stock arrives); cover of :data:`LONG_COVER_DAYS` days or more, or at least
:data:`LONG_COVER_LEADS` lead times, argues for one; in between, the stock gives no reason either way. Pure.
"""

from __future__ import annotations

from typing import Any

from shared.agents.answers import AgentAnswer, fmt_num

#: Cover from which stock argues for a discount: a quarter's sales or more ...
LONG_COVER_DAYS = 90.0
#: ... or this many lead times (a long-lead product needs more cover before it is too much).
LONG_COVER_LEADS = 3.0


def _row(answer: AgentAnswer, sku: str) -> dict[str, Any] | None:
    rows = [dict(zip(answer.columns, r, strict=False)) for r in answer.rows]
    return next((r for r in rows if str(r.get("sku")) == sku), None)


def discount_verdict(parts: list[AgentAnswer]) -> str | None:
    """The stock's verdict on discounting the one product a ``reprice`` answer is about, or ``None``."""
    reprice = next((a for a in parts if a.ask == "reprice" and a.answered), None)
    stock = next((a for a in parts if a.ask == "overstock" and a.answered), None)
    if reprice is None or stock is None or len(reprice.skus) != 1:
        return None
    sku = reprice.skus[0]
    row = _row(stock, sku)
    if row is None or row.get("on_hand") is None:
        return None
    on_hand, days, rate = float(row["on_hand"]), row.get("days_of_cover"), row.get("daily_units")
    lead = float(row.get("lead_time_days") or 0)
    if on_hand <= 0:
        return f"Don't discount {sku}: none is on hand, so a lower price would sell nothing more until stock arrives."
    if days is None or rate is None:  # no sales in a year: the stock only moves if something changes
        return f"A discount suits {sku}: its {fmt_num(on_hand, 0)} on hand have not sold in a year."
    cover = f"its {fmt_num(on_hand, 0)} on hand cover {fmt_num(float(days), 0)} days at {fmt_num(float(rate), 2)} a day"
    if float(days) < lead:
        return (
            f"Don't discount {sku}: {cover}, less than its {fmt_num(lead, 0)}-day lead time, so it would sell "
            f"out before more stock arrives."
        )
    if float(days) >= LONG_COVER_DAYS or (lead > 0 and float(days) >= LONG_COVER_LEADS * lead):
        return (
            f"A discount suits {sku}: {cover}, {float(days) / lead:.0f} times its {fmt_num(lead, 0)}-day lead time."
            if lead > 0
            else f"A discount suits {sku}: {cover}."
        )
    return f"Stock gives no reason to discount {sku} either way: {cover}, against a {fmt_num(lead, 0)}-day lead time."
