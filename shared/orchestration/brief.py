"""Brief replies to turns that ask nothing of the data (:mod:`shared.questions.acknowledge`).

"thanks!" is answered in a sentence and, unlike a question, not recorded as the session's last turn: the follow-up
after it ("and on amazon?") still continues the question before it. "is it good?" with no earlier answer asks what
it refers to. Neither runs the agents or the metrics layer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.models.agents import Confidence
from shared.orchestration.context import positioned_sku
from shared.orchestration.plan import Plan
from shared.orchestration.report import Mode, Report
from shared.questions.acknowledge import is_acknowledgement, only_points_back
from shared.questions.answer_refs import reference_to_answer
from shared.questions.currency_ask import asked_currency, currency_reply

_EXAMPLES = '"revenue last month", "which products are overpriced?" or "how are our reviews?"'


def _amount_asked(question: str, asked: str, previous: dict[str, Any] | None,
                  currency: Callable[[], str | None]) -> bool:
    """Whether "in dollars" asks for the amount of money behind the answer before, not for a conversion.

    It does after a metric turn when dollars are what the data records (or it records no currency): "what share of
    revenue came from Amazon?" -> "and in dollars?" is Amazon's revenue, not "the figures are already in USD"; and
    after one product placed against the market in percent, whatever the currency: its gap in money.
    """
    if previous is None or reference_to_answer(question) != "money":
        return False
    if positioned_sku(previous) is not None:
        return True  # "is the kettle competitive? >> how many dollars is that?": its gap to the market in money
    if not previous.get("reading"):
        return False
    recorded = currency()
    return recorded is None or recorded.upper() == asked


def brief_report(question: str, previous: dict[str, Any] | None, *, mode: Mode, data_version: int,
                 currency: Callable[[], str | None] = lambda: None) -> Report | None:
    """The brief reply to an acknowledgement, a bare "is it good?" or "in euros"; ``None`` for a question of its own.

    ``previous`` is the session's last turn (``None`` outside a session or at its start); ``currency`` gives the
    currency the tenant's data records (asked only for "in euros").
    """
    if (asked := asked_currency(question)) is not None and _amount_asked(question, asked, previous, currency):
        return None  # "and in dollars?" after a share or a count: the money behind it, read as a follow-up
    if asked is not None:
        answer = currency_reply(asked, currency())
        why = "a currency the figures are asked in: stated, not converted"
    elif is_acknowledgement(question):
        if previous is not None:
            quoted = str(previous.get("question", ""))[:120]
            answer = (f'You\'re welcome. A follow-up such as "and last year?" or "by channel" continues from '
                      f'"{quoted}".')
        else:
            answer = ("You're welcome. Ask about your sales, products, reviews, stock or competitor prices: "
                      f"{_EXAMPLES}.")
        why = "an acknowledgement: no question to answer"
    elif only_points_back(question) and previous is None:
        answer = ("Which figure do you mean? There is no earlier answer in this conversation to judge; ask about one "
                  f"first ({_EXAMPLES}), then whether it is good.")
        why = "a question about an earlier answer, with none before it"
    else:
        return None
    return Report(question=question, answer=answer, answer_kind="unanswerable", mode=mode,
                  plan=Plan(intents=["overview"], rationale=f"brief reply: {why}"), executive_summary=answer,
                  confidence=Confidence(explanation=why), data_version=data_version)
