"""The query plan: which intents a question has, which agents answer it, and with which entities."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from shared.agents.answers import ASK_AGENT, AskKind
from shared.models.agents import AgentName

Intent = Literal["pricing", "sentiment", "forecast", "inventory", "overview", "what_if"]
INTENTS: tuple[Intent, ...] = ("pricing", "sentiment", "forecast", "inventory", "overview", "what_if")
AGENTS: tuple[AgentName, ...] = ("pricing", "sentiment", "forecast")

INTENT_AGENTS: dict[Intent, tuple[AgentName, ...]] = {
    "pricing": ("pricing",),
    "sentiment": ("sentiment",),
    "forecast": ("forecast",),
    "inventory": ("forecast",),
    "overview": ("pricing", "sentiment", "forecast"),
    "what_if": ("pricing", "forecast"),
}

SKU_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,127}$"


class Entities(BaseModel):
    """What the question is about."""

    skus: list[str] = Field(default_factory=list, max_length=200)
    categories: list[str] = Field(default_factory=list, max_length=50)
    brands: list[str] = Field(default_factory=list, max_length=20,
                              description="The brands asked about; ``skus`` are their products (said in answers).")
    competitors: list[str] = Field(default_factory=list, max_length=50)
    horizon_days: int | None = Field(default=None, ge=1, le=730)
    start_date: date | None = None
    end_date: date | None = None
    price_change_pct: float | None = Field(default=None, ge=-90, le=500)
    price_target: float | None = Field(
        default=None, gt=0, le=1_000_000,
        description="A price the what-if asks for (\"drop the vase to $24\"): the change is worked out from our price.")
    price_delta: float | None = Field(
        default=None, ge=-1_000_000, le=1_000_000,
        description="A change in money the what-if asks for (\"knock $5 off X\" -> -5): the change in percent is "
                    "worked out from our price.")
    aspect: str | None = Field(default=None, max_length=60,
                               description="What a review question is about (\"shipping\", \"the battery\").")
    review_stars: list[int] = Field(default_factory=list, max_length=5,
                                    description="Star ratings (1-5) a review question narrows the reviews to.")
    review_listing: Literal["negative", "positive", "latest", "negative_latest", "positive_latest"] | None = Field(
        default=None, description="Reviews shown one by one: the most negative / positive, or the latest.")
    review_count: int | None = Field(default=None, ge=1, le=20, description="How many reviews a listing shows.")
    review_trend: bool = Field(default=False, description="A review theme asked to be moving (\"is the shipping "
                                                          "complaint getting worse?\"): its recent window first.")
    review_ranked: bool = Field(default=False, description="The products asked ranked by one aspect's complaints "
                                                           "(\"which product has the most delivery complaints?\").")
    review_baseline_start: date | None = Field(
        default=None, description="The first day of the period a complaints question sets against its own (\"this "
                                  "month vs last month\": last month).")
    review_baseline_end: date | None = Field(default=None, description="The last day of that period.")
    review_length: Literal["below", "above", "median", "longest", "by_rating", "by_stars", "mean"] | None = Field(
        default=None, description="A review-length figure beyond the mean (reviews under N words, the median ...).")
    review_length_words: int | None = Field(default=None, ge=1, le=10000,
                                            description="The word count a review-length band names.")
    review_channels: list[str] = Field(default_factory=list, max_length=20,
                                       description="Sales channels whose reviews a review question reads.")
    top_sellers: int | None = Field(default=None, ge=1, le=200,
                                    description="The N best sellers a price ask (by revenue in the period) or a "
                                                "forecast (by units over the last 90 days) is about.")
    gap_over_pct: float | None = Field(
        default=None, ge=0, le=500, description="A price gap a market question names (\"more than 10% above the "
                                                "market\"): the over/underpriced threshold in percent.")
    gap_negated: bool = Field(default=False, description="The over/underpriced ask negated (\"NOT priced above the "
                                                         "market\"): the products that are not.")
    gap_over_money: float | None = Field(
        default=None, ge=0, le=1_000_000, description="A price gap in money a market question names (\"$5 or more "
                                                       "above the cheapest competitor\").")
    gap_reference: Literal["median", "lowest"] | None = Field(
        default=None, description="A gap asked in money, measured to the median or the cheapest competitor.")
    landed: bool = Field(default=False, description="Prices compared with the competitors' shipping added.")
    moves_order: Literal["up", "down"] | None = Field(
        default=None, description="Competitors' price moves ranked: up (who raised prices the most) or down; "
                                  "for markups, up ranks the highest first.")
    price_effect: bool = Field(default=False, description="What our last price change on a product did to its "
                                                          "sales: its units a day before against after.")
    measure: Literal["units", "revenue"] | None = Field(
        default=None, description="What a forecast is asked in: revenue for money (\"how much revenue next month\").")
    cover_over_days: int | None = Field(
        default=None, ge=1, le=3650, description="Days of cover a stock question names (\"more than six months\").")
    by_category: bool = Field(default=False, description="A forecast asked per category (\"next quarter by "
                                                         "category\", \"each category's forecast\").")
    by_week: bool = Field(default=False, description="A forecast asked week by week (\"by week for the next 6 "
                                                     "weeks\", \"weekly forecast for next month\").")
    by_product: bool = Field(default=False, description="A week-by-week forecast asked for each product (\"weekly "
                                                        "revenue forecast per product\"): a product-by-week table.")
    band: Literal["low", "high", "range"] | None = Field(
        default=None, description="An end of a forecast's interval asked for (\"what's the worst case\": low, "
                                  "\"best case\": high, \"what's the range\": both), said first.")
    explain: bool = Field(default=False, description="The question asks how sure the answer is or how it was reached "
                                                     "(\"how confident are you\", \"which model did you use\").")
    to_date_start: date | None = Field(
        default=None, description="A running month the forecast completes (\"what will December sales look like\" "
                                  "on 4 Dec): its first day; the actuals from it to the as-of date are added.")
    window_start: date | None = Field(
        default=None, description="A calendar period the forecast is asked for that starts after tomorrow (\"how many "
                                  "units will we sell in January\" on 5 Dec): its first day; the horizon ends on its "
                                  "last, and only its days are summed.")
    against_start: date | None = Field(
        default=None, description="A past period the forecast is set against (\"will we sell more next month than "
                                  "last month\"): its first day; its actuals are said beside the forecast.")
    against_end: date | None = Field(default=None, description="The last day of ``against_start``'s period.")
    milestone: float | None = Field(
        default=None, gt=0, description="An amount of revenue (of units sold when the measure is not revenue) the "
                                        "running period is to reach (\"when will we hit $1M this year\", \"sell our "
                                        "10,000th unit\"): the forecast answer says the day it is reached.")
    channels: list[str] = Field(default_factory=list, max_length=20,
                                description="Sales channels a forecast is for (\"forecast Amazon sales next month\"), "
                                            "as the tenant's sales spell them.")


class Plan(BaseModel):
    """A validated plan. The LLM planner must return exactly this shape (structured output)."""

    intents: list[Intent] = Field(min_length=1)
    entities: Entities = Field(default_factory=Entities)
    rationale: str = Field(default="", max_length=500)
    sku_scope: dict[AgentName, list[str]] = Field(
        default_factory=dict,
        description="Per-agent SKU override: [] means the whole catalogue (e.g. 'which of my products ...').")
    asks: list[AskKind] = Field(
        default_factory=list, max_length=8,
        description="What exactly is asked, in the order the question asks it; each agent answers its own.")

    def asks_for(self, agent: AgentName) -> list[AskKind]:
        """The asks ``agent`` answers."""
        return [a for a in self.asks if ASK_AGENT[a] == agent]

    def skus_for(self, agent: AgentName) -> list[str]:
        """The SKUs ``agent`` should analyse."""
        return self.sku_scope.get(agent, self.entities.skus)

    @property
    def agents(self) -> list[AgentName]:
        """Agents needed, in a stable order."""
        needed = {a for i in self.intents for a in INTENT_AGENTS[i]} | {ASK_AGENT[a] for a in self.asks}
        return [a for a in AGENTS if a in needed]


class LlmPlan(BaseModel):
    """The structured-output schema sent to the model (flat and simple: models follow it reliably)."""

    intents: list[Intent]
    skus: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    competitors: list[str] = Field(default_factory=list)
    horizon_days: int | None = None
    start_date: str | None = None
    end_date: str | None = None
    price_change_pct: float | None = None
    asks: list[AskKind] = Field(default_factory=list)
    rationale: str = ""

    def to_plan(self) -> Plan:
        """Validate into a :class:`Plan` (raises ``ValidationError`` on out-of-range values)."""
        import re

        for sku in self.skus:
            if not re.match(SKU_PATTERN, sku):
                raise ValueError(f"planner returned an invalid SKU {sku!r}")
        return Plan.model_validate({
            "intents": list(dict.fromkeys(self.intents)),
            "entities": {
                "skus": self.skus, "categories": self.categories, "competitors": self.competitors,
                "horizon_days": self.horizon_days, "start_date": self.start_date, "end_date": self.end_date,
                "price_change_pct": self.price_change_pct,
            },
            "rationale": self.rationale[:500],
            "asks": list(dict.fromkeys(self.asks))[:8],
        })
