"""What a market question is told when the tenant never ingested a competitor price (#18).

Without any competitor price, "which products are priced above the market?" or "who undercuts us?" have no answer;
the first sentence says so, and what to upload, instead of "no SKU could be compared" (which reads as if prices were
there but did not line up). A scoped question whose filter leaves no rows is a different case (prices exist) and
keeps its own answer. The elasticity and the what-if read our own sales only and still answer. Pure: no I/O.
"""

from __future__ import annotations

from shared.agents.answers import AgentAnswer, AskKind

#: Asks that compare us with competitors: nothing to answer without competitor prices.
NEEDS_COMPETITORS: frozenset[str] = frozenset({
    "overpriced", "underpriced", "undercut", "price_position", "cheapest_competitor", "dearest_competitor",
    "versus_competitor", "competitor_stock", "competitor_prices", "category_position",
    "map_violations", "ours_cheapest", "ours_dearest", "competitor_coverage", "competitor_promotions"})
_WHAT: dict[str, str] = {
    "overpriced": "which products are priced above the market",
    "competitor_promotions": "whether a competitor ran a promotion",
    "underpriced": "which products are priced below the market",
    "undercut": "which competitors undercut us",
    "price_position": "how our prices compare with the market",
    "cheapest_competitor": "which competitor is cheapest",
    "dearest_competitor": "which competitor is dearest",
    "versus_competitor": "how our prices compare with that competitor's",
    "competitor_stock": "which competitors are out of stock",
    "competitor_prices": "how competitors' prices moved",
    "category_position": "which categories are priced above or below the market",
    "map_violations": "which competitors advertise below your minimum advertised prices",
    "ours_cheapest": "on how many products we are the cheapest",
    "ours_dearest": "on how many products we are the dearest seller",
    "competitor_coverage": "how many competitors carry each product and where you are the only seller",
}
UPLOAD = "upload a competitor_prices file (sku, competitor, date, price; optionally in_stock) to compare"


def no_competitor_prices(ask: AskKind, named: str = "") -> AgentAnswer:
    """The refusal of ``ask``: no competitor prices were ingested, so it cannot be answered, and what would.

    ``named``: the product(s) the question is about, as the answers name them ("Toaster (KIT-0046)"): a price
    position of one product says which ("how Toaster (KIT-0046)'s price compares with the market").
    """
    what = _WHAT.get(ask, "how our prices compare with the market")
    if named and ask == "price_position":
        what = f"how {named}'s price compares with the market"
    return AgentAnswer(ask=ask, answered=False, method="no competitor_prices rows for this tenant",
                       text=f"No competitor prices have been ingested for this account, so {what} cannot be said: "
                            f"{UPLOAD}.")
