"""Conversation context (follow-ups resolve against the session's previous question) and user preferences.

Documents: ``tenants/{t}/sessions/{sha256(user, session_id)}`` (``{"turns": [{"question", "plan", "at"}], "user"}``) and
``tenants/{t}/preferences/{user}`` (:class:`Preferences`).
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

from pydantic import BaseModel, Field

from shared import regex as re
from shared.orchestration.plan import Entities, Plan
from shared.ports import DocumentStore, Warehouse
from shared.questions.answer_refs import turn_leaned_on
from shared.store.catalogue import skus_described_as
from shared.store.documents.sessions import preferences_collection, sessions_collection

_MAX_TURNS = 20
_FOLLOW_UP = re.compile(
    r"^\s*(?:and|what about|how about|same for|and what about|also)\b|\b(?:it|its|that one|this one|those|them|"
    r"the same)\b|\bthe \w+ one\b|\bthen\s*[?.!]*\s*$", re.I)
_DESCRIPTOR = re.compile(r"\bthe ([a-z][\w-]*) one\b", re.I)


class Preferences(BaseModel):
    """What a user wants to see first and optimise for."""

    model_config = {"extra": "forbid", "strict": True}

    kpis: list[str] = Field(default_factory=list, max_length=20)
    marketplaces: list[str] = Field(default_factory=list, max_length=20)
    goals: list[str] = Field(default_factory=list, max_length=20)


def get_preferences(documents: DocumentStore, tenant_id: str, user: str) -> Preferences:
    """The user's stored preferences (defaults when none)."""
    doc = documents.get(preferences_collection(tenant_id), user)
    return Preferences.model_validate({k: v for k, v in (doc or {}).items() if not k.startswith("_")})


def set_preferences(documents: DocumentStore, tenant_id: str, user: str, prefs: Preferences) -> None:
    """Store the user's preferences."""
    documents.set(preferences_collection(tenant_id), user, prefs.model_dump())


def _session_doc(user: str, session_id: str) -> str:
    """Sessions are per user: another user of the tenant cannot continue (or read) someone else's session."""
    return hashlib.sha256(f"{user}\x1f{session_id}".encode()).hexdigest()[:40]


def previous_turn(documents: DocumentStore, tenant_id: str, user: str, session_id: str,
                  question: str = "") -> dict[str, Any] | None:
    """The turn ``question`` leans on: the last, the first ("go back to the first question") or the one before.

    "the question before that" leans on the turn before the last (the last when there is none before it).
    """
    doc = documents.get(sessions_collection(tenant_id), _session_doc(user, session_id))
    turns = (doc or {}).get("turns") or []
    if not turns:
        return None
    at = turn_leaned_on(question)
    return turns[at] if -len(turns) <= at < len(turns) else turns[-1]


def turn_context(previous: dict[str, Any] | None) -> str:
    """What a cached answer in a session depends on: the previous turn's reading (or plan), not its words.

    Any question in a session may lean on the turn before ("and units?", "just the Kitchen category", "by
    week"), and what it means depends on what that turn was read as, which its words alone do not say ("and
    for Amazon?" after two different first questions): two sessions share an answer only when both read alike.
    """
    if previous is None:
        return ""
    read = previous.get("reading") or previous.get("plan") or previous.get("question")
    return json.dumps([read, previous["carried"]] if previous.get("carried") else read, sort_keys=True)


def carried_reading(previous: dict[str, Any] | None, plan: Plan) -> dict[str, Any] | None:
    """The product's metric reading an agent turn about it carries on, so its sales can be asked again after it.

    "units of the kettle sold last month" -> "how many will we sell next month?" -> "is it priced above
    competitors?" -> "and revenue last quarter?": the agents' turns are about the kettle, and the last question
    is the kettle's revenue, which only the first turn's reading (its product filter) says. An agent turn about
    the one product the reading before it was about keeps that reading (``None`` otherwise).
    """
    if previous is None or len(plan.entities.skus) != 1:
        return None
    reading = previous.get("reading") or previous.get("carried")
    if not isinstance(reading, dict):
        return None
    filters = (reading.get("query") or {}).get("filters") or []
    skus = [v for f in filters if f.get("dimension") == "sku" and f.get("op", "in") == "in"
            for v in f.get("values", [])]
    return reading if skus == plan.entities.skus else None


#: The pricing asks that place one product against the market in percent ("is the kettle competitive?").
_POSITION_ASKS = frozenset({"price_position", "overpriced", "underpriced"})


def positioned_sku(previous: dict[str, Any] | None) -> str | None:
    """The one product the previous turn placed against the market, else ``None``.

    "Is the kettle competitive? >> how many dollars is that?": the gap just given in percent, asked in money.
    """
    plan = (previous or {}).get("plan") or {}
    skus = (plan.get("entities") or {}).get("skus") or []
    # the one product's overview opens with its position too ("is the kettle competitive?" runs every agent)
    intents = set(plan.get("intents") or [])
    if (previous or {}).get("reading") or len(skus) != 1 or not {"pricing", "overview"} & intents:
        return None
    asks = set(plan.get("asks") or [])
    return str(skus[0]) if not asks or asks & _POSITION_ASKS else None


def record_turn(documents: DocumentStore, tenant_id: str, session_id: str, user: str, question: str,
                plan: Plan, reading: dict[str, Any] | None = None, carried: dict[str, Any] | None = None) -> None:
    """Append a turn to the session (bounded history).

    ``reading`` is a metric question's typed reading, ``carried`` an agent turn's product reading
    (:func:`carried_reading`).
    """

    def update(doc: dict[str, Any] | None) -> None:
        assert doc is not None  # the store passes {} for a new document
        turns = list(doc.get("turns", []))
        turn: dict[str, Any] = {"question": question, "plan": plan.model_dump(mode="json"), "at": time.time()}
        if reading is not None:
            turn["reading"] = reading
        if carried is not None:
            turn["carried"] = carried
        turns.append(turn)
        doc.update({"turns": turns[-_MAX_TURNS:], "user": user, "session_id": session_id})

    documents.transact(sessions_collection(tenant_id), _session_doc(user, session_id), update)


def is_follow_up(question: str, plan: Plan, explicit_intents: bool) -> bool:
    """A question that leans on the previous one: a follow-up phrase, or no intent and no entity of its own."""
    e = plan.entities
    has_entities = bool(e.skus or e.categories or e.competitors)
    return bool(_FOLLOW_UP.search(question)) or (not explicit_intents and not has_entities)


def find_skus_by_descriptor(warehouse: Warehouse, tenant_id: str, descriptor: str,
                            candidates: list[str], categories: list[str]) -> list[str]:
    """SKUs among the previous turn's SKUs/categories whose title mentions ``descriptor`` ("blue")."""
    return skus_described_as(warehouse, tenant_id, descriptor, skus=candidates, categories=categories)


def resolve_follow_up(question: str, plan: Plan, previous: dict[str, Any], *, explicit_intents: bool,
                      warehouse: Warehouse | None = None, tenant_id: str = "") -> tuple[Plan, str | None]:
    """Merge the previous turn into ``plan``; returns the plan and a note describing the resolution."""
    prev = Plan.model_validate(previous["plan"])
    intents = plan.intents if explicit_intents else prev.intents
    e, p = plan.entities, prev.entities
    merged = Entities(
        skus=e.skus or p.skus, categories=e.categories or p.categories, competitors=e.competitors or p.competitors,
        horizon_days=e.horizon_days or p.horizon_days, start_date=e.start_date or p.start_date,
        end_date=e.end_date or p.end_date,
        price_change_pct=e.price_change_pct if e.price_change_pct is not None else p.price_change_pct,
        aspect=e.aspect or p.aspect,
    )
    quoted = str(previous["question"])
    note = f"follow-up of: {(quoted[:120] + '...') if len(quoted) > 120 else quoted!r}"
    if (m := _DESCRIPTOR.search(question)) and warehouse is not None and not e.skus:
        skus = find_skus_by_descriptor(warehouse, tenant_id, m.group(1), p.skus, p.categories)
        if skus:
            merged.skus = skus
            note += f"; 'the {m.group(1)} one' resolved to {', '.join(skus)}"
        else:
            note += f"; no product matching {m.group(1)!r} among the previous question's products"
    asks = plan.asks if explicit_intents and plan.asks else (plan.asks or prev.asks)  # "and for the blue one?"
    return Plan(intents=intents, entities=merged, asks=asks,
                rationale=(plan.rationale + "; " + note).strip("; ")[:500]), note
