// Shapes of the public API the console reads (infra/openapi.yaml; the report: shared/orchestration/report.py).
import type { Role } from "../auth/session";

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
}
export interface SignupResponse extends TokenResponse {
  user_id: string;
  tenant_id: string;
  role: Role;
}
/**
 * A sign-up's answer, the same for a new and a taken address: "verification_sent" (the e-mail finishes it) or,
 * where the server sends no e-mail, "sign_in" (a new address has its account: sign in with what was typed).
 */
export interface SignupAccepted {
  status: "verification_sent" | "sign_in";
  message: string;
}
export interface Me {
  subject: string;
  tenant_id: string;
  role: Role;
  via: string;
  email?: string | null;
}
export interface TenantSettings {
  display_name?: string | null;
  currency: string;
  timezone: string;
  llm_monthly_budget_usd: number;
}
export interface TimeRange {
  start: string;
  end: string;
  label: string;
}
export interface Confidence {
  score: number | null;
  known: boolean;
  model_certainty: number | null;
  data_completeness: number | null;
  data_freshness: number | null;
  explanation: string;
}
/** What a column's values are: `percent` is already in percent (12.5), `share` a fraction (0.125). */
export type ColumnUnit = "text" | "count" | "number" | "money" | "percent" | "share" | "date" | "days" | "rating";
export interface TableColumn {
  name: string;
  label: string;
  unit: ColumnUnit;
  /** A supporting column (model name, source row id), folded away until asked for. */
  detail: boolean;
}
/** The columns holding an estimate and its interval (and each row's first day, when the rows are periods). */
export interface TableBand {
  estimate: string;
  lower: string;
  upper: string;
  level: number;
  period_start?: string | null;
}
export interface AnswerTable {
  columns: string[];
  rows: unknown[][];
  total_rows: number;
  /** Each column's header and unit in `columns`' order; empty (or absent) on reports that do not describe them. */
  column_info?: TableColumn[];
  currency?: string | null;
  band?: TableBand | null;
}
export interface AnswerEvidence {
  kind: "sql" | "agent_method";
  description: string;
  sql?: string | null;
  params: Record<string, unknown>;
  dialect?: string | null;
  agent?: string | null;
  method?: string | null;
}
export interface ReportFinding {
  id: string;
  agent: string;
  title: string;
  detail: string;
  sku?: string | null;
  severity: string;
}
export interface RankedAction {
  title: string;
  detail: string;
  sku?: string | null;
  agent: string;
  rank: number;
}
export interface Report {
  question: string;
  answer: string;
  answer_kind: string;
  period: TimeRange | null;
  as_of: string | null;
  table: AnswerTable | null;
  chart: Record<string, unknown> | null;
  evidence: AnswerEvidence[];
  mode: "quick" | "deep";
  executive_summary: string;
  findings: ReportFinding[];
  actions: RankedAction[];
  confidence: Confidence;
  limitations: string[];
  warnings: string[];
  missing: { agent: string; reason: string; status: string }[];
  job_id?: string | null;
  generated_at: string;
}
export interface QueryResponse {
  mode: "quick" | "deep";
  status: "done" | "running";
  cached: boolean;
  job_id: string | null;
  report: Report | null;
  warnings: string[];
}
export interface JobView {
  job_id: string;
  status: "running" | "done";
  agents: string[];
  parts_done: string[];
  deadline_at: number;
  report: Report | null;
}
export interface UploadAccepted {
  upload_id: string;
  bucket: string;
  object: string;
  size: number;
  kind: string;
  generation: string;
  /** The currency the upload stated (ISO 4217), when it stated one. */
  currency?: string | null;
}
export interface SignedUrl {
  url: string;
  method: string;
  object: string;
  bucket: string;
  content_type: string;
  expires_at: string;
  currency?: string | null;
}
export interface Ingestion {
  ingestion_id: string;
  kind: string | null;
  status: "staging" | "staged" | "processed" | "failed";
  source: string;
  original_filename?: string | null;
  upload_id?: string | null;
  rows_read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  error?: string | null;
  started_at?: string | null;
  finished_at?: string | null;
  /** The currency the upload stated for its rows that name none (ISO 4217); null when it stated none. */
  currency?: string | null;
  /** The workbook sheet this file was written from (each sheet of an .xlsx/.xls is ingested as one CSV). */
  sheet?: string | null;
  /** What the file was recognised as; for a workbook, what became of each sheet. */
  note?: string | null;
  /** The ingestions written for this one (a workbook's sheets). */
  derived?: string[];
}
export interface IngestionPage {
  items: Ingestion[];
}
export interface RejectRow {
  row_number: number | null;
  column: string | null;
  reason: string;
  raw?: string | null;
}
export interface RejectPage {
  ingestion_id: string;
  items: RejectRow[];
  total: number;
}
export interface KindSummary {
  kind: string;
  rows: number;
  first: string | null;
  last: string | null;
  /** Rows without a date (reviews only): in all-time figures, in no period. */
  undated?: number;
  last_ingestion: Ingestion | null;
}
export interface SyncView {
  source: string;
  enabled: boolean;
  last_status: string | null;
  consecutive_failures: number;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_rows: number;
  last_errors: string[];
}
export interface DatasetSummary {
  kinds: KindSummary[];
  syncs: SyncView[];
}
export interface Alert {
  alert_id: string;
  rule: string;
  sku?: string | null;
  severity: string;
  title: string;
  reason: string;
  status: "open" | "acknowledged" | "resolved";
  created_at: string;
  acknowledged_by?: string | null;
}
export interface AlertPage {
  items: Alert[];
}
export interface ApiKeyInfo {
  id: string;
  name: string;
  role: string;
  created_at: string;
  created_by: string;
  revoked_at?: string | null;
}
export interface ApiKeyCreated extends ApiKeyInfo {
  key: string;
}
export interface InviteCreated {
  invite_code: string;
  role: string;
  expires_at: string;
}
/** POST /v1/metrics:query (the metrics layer's MetricQuery without tenant_id). */
export interface MetricQueryBody {
  metrics: string[];
  dimensions?: string[];
  grain?: "day" | "week" | "month" | "quarter" | "year";
  time_range?: { start: string; end: string };
  compare?: "previous_period" | "previous_year";
}
export interface MetricResult {
  columns: string[];
  rows: Record<string, number | string | null>[];
  currency?: string | null;
}
export interface WebhookView {
  id: string;
  url: string;
  kind: "json" | "slack";
  events: string[];
  secret_hint: string;
}
export interface NotificationSettingsView {
  webhooks: WebhookView[];
  emails: string[];
  email_events: string[];
  digest_frequency: "daily" | "weekly" | "off";
}
export interface NotificationSettingsSaved {
  webhooks: (Omit<WebhookView, "secret_hint"> & { secret: string })[];
  emails: string[];
  email_events: string[];
  digest_frequency: "daily" | "weekly" | "off";
}
export interface TenantUsage {
  days: number;
  since: string;
  ingestions: {
    files: number;
    failed: number;
    rows_read: number;
    accepted: number;
    rejected: number;
    by_day: { date: string; files: number; failed: number; rows_read: number; accepted: number; rejected: number }[];
    last_failure: string | null;
  };
  questions: {
    deep_jobs: number;
    completed: number;
    latency_p50_s: number | null;
    latency_p95_s: number | null;
    agent_outcomes: Record<string, Record<string, number>>;
  };
  llm: { period: string; used: number; budget: number; state: string; used_ratio: number };
}
export interface AlertRules {
  enabled: string[];
  undercut_pct: number;
  price_move_pct: number;
  hysteresis_ratio: number;
  default_lead_time_days: number;
  overstock_days: number;
  sales_window_days: number;
  sentiment_drop_stars: number;
  sentiment_min_reviews: number;
  fake_review_score: number;
  fake_spike_min: number;
  fake_spike_ratio: number;
  ingestion_failures: number;
  forecast_drift_pct: number;
  daily_cap_per_rule: number;
}
export interface RetentionPolicy {
  raw_days: number;
  processed_days: number;
  reports_days: number;
  legal_hold: boolean;
  legal_hold_classes: string[];
}
