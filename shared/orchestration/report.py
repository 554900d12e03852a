"""The report a merchant gets back, and the request/response shapes of ``POST /v1/query``."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from shared.models.agents import Action, AgentName, Confidence, Finding, Severity
from shared.orchestration.plan import Plan
from shared.store.metrics.model import TimeRange

Mode = Literal["quick", "deep"]


class KeyMetric(BaseModel):
    """A headline number with its trend when the agent reported one."""

    agent: AgentName
    name: str
    value: float | int | str | None
    trend: float | int | str | None = None


class ReportFinding(Finding):
    """A finding, labelled with the agent that produced it."""

    agent: AgentName


class Risk(BaseModel):
    """A finding that needs attention, by severity."""

    agent: AgentName
    title: str
    severity: Severity
    finding_id: str
    sku: str | None = None


class RankedAction(Action):
    """An action with its rank score (impact x urgency weight) and source agent."""

    agent: AgentName
    rank: int = 0
    score: float = 0.0


class MissingPart(BaseModel):
    """An agent whose result is not (fully) in the report, and why."""

    agent: AgentName
    reason: str
    status: Literal["failed", "timed_out", "insufficient_data", "partial", "not_run"]


#: Rows an answer's table carries at most (the full result stays with the agent output / ``--full``).
MAX_TABLE_ROWS = 50
#: Supporting findings a report carries at most, ranked by relevance to the question.
MAX_FINDINGS = 5

AnswerKind = Literal["metric", "agent", "unanswerable", "mixed"]


#: What a column's values are, so a reader formats them without guessing from the name: ``percent`` is already in
#: percent (12.5 is 12.5%), ``share`` a fraction (0.125 is 12.5%), ``date`` an ISO day, ``rating`` stars of 5.
ColumnUnit = Literal["text", "count", "number", "money", "percent", "share", "date", "days", "rating"]


class TableColumn(BaseModel):
    """One column of an answer's table as a person reads it: its header, its unit, whether it is a detail."""

    name: str
    label: str
    unit: ColumnUnit = "text"
    detail: bool = Field(default=False, description="A supporting column (model name, source row id) a reader may "
                                                     "fold away; the answer's own figures are never details.")


class TableBand(BaseModel):
    """The columns that hold an estimate and its interval, and the column that orders them in time (if any)."""

    estimate: str
    lower: str
    upper: str
    level: float = Field(default=0.9, gt=0, lt=1, description="The interval's coverage (0.9: a 90% interval).")
    period_start: str | None = Field(default=None, description="The column with each row's first day (ISO), "
                                                               "when the rows are periods in order.")


class AnswerTable(BaseModel):
    """The rows behind the answer (at most :data:`MAX_TABLE_ROWS`), column names first."""

    columns: list[str]
    rows: list[list[Any]] = Field(default_factory=list, max_length=MAX_TABLE_ROWS)
    total_rows: int = Field(default=0, description="Rows the full result had before the cut.")
    column_info: list[TableColumn] = Field(default_factory=list,
                                           description="Each column's header and unit, in ``columns``' order "
                                                       "(empty when not described).")
    currency: str | None = Field(default=None, description="The ISO 4217 code of the money columns, when the data "
                                                           "states one.")
    band: TableBand | None = Field(default=None, description="An estimate with its interval, when the table has one.")


class AnswerEvidence(BaseModel):
    """How the answer was obtained: the compiled SQL with its parameters, or the agent and its method."""

    kind: Literal["sql", "agent_method"]
    description: str = ""
    sql: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    dialect: str | None = None
    agent: AgentName | None = None
    method: str | None = None


class Report(BaseModel):
    """An evidence-backed answer to one question: the answer first, then what supports it."""

    question: str
    answer: str = Field(default="", description="One to three sentences that answer exactly what was asked.")
    answer_kind: AnswerKind = "agent"
    period: TimeRange | None = Field(default=None, description="The period the answer used, as stated in it.")
    as_of: date | None = Field(default=None, description="The date relative phrases were resolved against.")
    table: AnswerTable | None = None
    chart: dict[str, Any] | None = Field(default=None, description="A Vega-Lite v5 spec with inline data.")
    evidence: list[AnswerEvidence] = Field(default_factory=list)
    mode: Mode = "quick"
    plan: Plan
    planner: Literal["router", "llm"] = "router"
    narrative_source: Literal["deterministic", "llm"] = "deterministic"
    executive_summary: str
    key_metrics: list[KeyMetric] = Field(default_factory=list)
    findings: list[ReportFinding] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)
    actions: list[RankedAction] = Field(default_factory=list)
    confidence: Confidence = Field(default_factory=Confidence)
    limitations: list[str] = Field(default_factory=list)
    missing: list[MissingPart] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    agents: dict[str, str] = Field(default_factory=dict, description="Agent -> result status.")
    data_version: int = 0
    job_id: str | None = None
    generated_at: datetime = Field(default_factory=lambda: datetime.now(UTC))


class QueryRequest(BaseModel):
    """Body of ``POST /v1/query``. There is deliberately no tenant field: it comes from the token."""

    # strict: JSON types must match (no 0 accepted as a date, no "yes" as a boolean)
    model_config = {"extra": "forbid", "strict": True}

    question: str = Field(min_length=3, max_length=2000)
    mode: Mode = "quick"
    session_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,64}$")
    use_cache: bool = True
    full: bool = Field(default=False, description="Keep every finding, risk and action (the full agent output).")
    as_of: date | None = Field(default=None, description="Treat this date as today (backfills, tests).")


class QueryResponse(BaseModel):
    """Quick mode: the report. Deep mode: the job id to poll."""

    mode: Mode
    status: Literal["done", "running"]
    cached: bool = False
    job_id: str | None = None
    report: Report | None = None
    warnings: list[str] = Field(default_factory=list)
