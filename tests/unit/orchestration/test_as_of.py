"""As of the data's own date: a tenant whose export ended long ago still gets answers, with lower confidence."""

from __future__ import annotations

from datetime import date

from shared.agents.answers import answers_of
from shared.agents.asof import STALE_FLOOR, apply_staleness, resolve_as_of, staleness_factor
from shared.agents.registry import get_runner
from shared.deps import get_deps
from shared.models.agents import AgentRequest, Confidence
from shared.models.records import DataKind
from shared.orchestration.asof import kinds_for_question, question_as_of
from tests.fakes.merchant import seed_merchant

ENDED = date(2025, 6, 1)  # the seeded rows end the day before
CLOCK = date(2026, 12, 5)


def test_as_of_is_the_latest_date_of_the_data_needed() -> None:
    deps = get_deps()
    seed_merchant(deps.warehouse, "old", as_of=ENDED)
    got = resolve_as_of(deps.warehouse, "old", None, (DataKind.REVIEWS,), clock=CLOCK)
    assert (got.date, got.source, got.lag_days) == (date(2025, 5, 31), "data", (CLOCK - date(2025, 5, 31)).days)
    assert resolve_as_of(deps.warehouse, "old", date(2025, 1, 1), (DataKind.REVIEWS,)).source == "request"
    empty = resolve_as_of(deps.warehouse, "nobody", None, (DataKind.REVIEWS,), clock=CLOCK)
    assert (empty.date, empty.source) == (CLOCK, "clock")
    assert question_as_of(deps.warehouse, "old", "What are customers complaining about?") == date(2025, 5, 31)
    assert kinds_for_question("Which products will run out?") == (DataKind.SALES, DataKind.INVENTORY)


def test_stale_data_lowers_confidence_with_the_reason_but_never_below_the_floor() -> None:
    assert staleness_factor(3) == 1.0 and staleness_factor(7 + 365) == 0.5
    assert staleness_factor(5000) == STALE_FLOOR
    conf = Confidence.compute(model_certainty=0.9, data_completeness=1.0, data_freshness=1.0)
    stale = apply_staleness(conf, resolve_as_of(get_deps().warehouse, "nobody", None, (), clock=CLOCK))
    assert stale == conf  # no data: nothing to call stale
    deps = get_deps()
    seed_merchant(deps.warehouse, "old", as_of=ENDED)
    lowered = apply_staleness(conf, resolve_as_of(deps.warehouse, "old", None, (DataKind.SALES,), clock=CLOCK))
    assert lowered.score == round(90 * STALE_FLOOR) and "the data ends 2025-05-31" in lowered.explanation


def test_agents_answer_a_stale_tenant_as_of_its_own_date() -> None:
    deps = get_deps()
    seed_merchant(deps.warehouse, "old", as_of=ENDED)
    sentiment = get_runner("sentiment")(deps, AgentRequest(tenant_id="old", options={"asks": ["complaints"]}))
    assert sentiment.status == "ok" and sentiment.data["as_of"]["date"] == "2025-05-31"
    assert answers_of(sentiment)[0].answered and "24 reviews" in answers_of(sentiment)[0].text
    assert any("the data ends 2025-05-31" in w for w in sentiment.warnings)
    forecast = get_runner("forecast")(deps, AgentRequest(tenant_id="old", skus=["SKU-123"],
                                                         options={"asks": ["forecast"], "persist": False}))
    assert forecast.status in ("ok", "partial") and forecast.data["as_of"]["date"] == "2025-05-31"
    assert forecast.confidence.known and forecast.confidence.score and forecast.confidence.score > 0
    assert "the data ends" in forecast.confidence.explanation
    assert "(SKU-123) is expected to sell " in answers_of(forecast)[0].text
