"""Runtime settings, read once from the environment (prefix ``ECOMINTEL_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Backend = Literal["local", "emulator", "gcp"]

#: Shortest signing key accepted (bytes of entropy an HS256 key needs; RFC 7518 section 3.2).
MIN_SIGNING_KEY_LENGTH = 32


class Settings(BaseSettings):
    """Everything a function or the CLI needs to know about where it runs.

    Secrets are ``SecretStr`` so they never appear in reprs or logs.
    """

    model_config = SettingsConfigDict(env_prefix="ECOMINTEL_", extra="ignore")

    backend: Backend = "local"
    home: Path = Field(default=Path(".ecomintel"), description="Embedded backend state directory.")
    project_id: str = "ecomintel-local"
    region: str = "europe-west1"
    dataset: str = "ecomintel"
    bucket_prefix: str = "ecomintel"
    #: How long a process waits for another one to let the embedded home go (one writer per home).
    home_wait_seconds: float = Field(default=600.0, ge=0)

    # Ingestion
    ingest_chunk_rows: int = 50_000
    #: Processing merges a larger sales/competitor-price/inventory ingestion in parts of whole SKUs this big.
    process_part_rows: int = Field(default=50_000, ge=1)
    #: How long a staging or processing claim holds an ingestion before another delivery may take it over.
    ingest_lease_seconds: int = 900
    #: A raw file whose decompressed bytes exceed this is refused while it streams (a gzip bomb).
    ingest_max_expanded_bytes: int = 4 * 1024 * 1024 * 1024
    #: A workbook sheet whose XML expands past this is refused before it is read: the spreadsheet reader holds a
    #: whole sheet, about twice its XML in memory (Online Retail's 541,909 x 8 sheet: ~185 MiB of XML, ~350 MiB
    #: read), and the ingest function has 512 MiB. A CSV streams in bounded memory at any size.
    ingest_max_sheet_bytes: int = 224 * 1024 * 1024
    #: A line longer than this is refused as a row (a reject), its bytes skipped, never held whole.
    ingest_max_line_bytes: int = 1024 * 1024
    max_upload_bytes: int = 512 * 1024 * 1024
    #: The embedded warehouse's (DuckDB's) memory cap; past it the engine spills to ``warehouse.duckdb.tmp``. Its own
    #: default is 80% of the machine's RAM, which lets the buffer cache of a large home grow with the data
    #: (a 731,000-row Retail Store Inventory file: about 150 MiB more than a tenth of it).
    warehouse_memory_limit: str = Field(default="1GB", pattern=r"^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$")
    #: A file larger than this goes up through a signed URL instead of the upload function's body (clients of
    #: the deployed functions; capped by Cloud Run's 32 MiB request limit).
    signed_url_threshold_bytes: int = 32 * 1024 * 1024

    # Message delivery (local bus mirrors Pub/Sub defaults)
    max_delivery_attempts: int = 5

    # LLM
    gemini_api_key: SecretStr | None = None
    gemini_base_url: str | None = None
    gemini_model: str = "gemini-2.5-flash"
    llm_timeout_seconds: float = 20.0
    #: Attempts per model call (the client's own retry of transient errors).
    llm_retry_attempts: int = Field(default=3, ge=1, le=10)

    # Orchestration
    query_budget_seconds: float = Field(default=8.0, gt=0, description="Quick mode: wall time for all agents.")
    job_deadline_seconds: float = Field(default=300.0, gt=0, description="Deep mode: assemble what is in after.")
    llm_token_budget: int = Field(default=2_000_000, ge=0, description="LLM tokens per tenant per month.")
    llm_budget_warning_ratio: float = Field(default=0.8, gt=0, le=1)
    freshness_prices_seconds: int = 3600
    freshness_reviews_seconds: int = 24 * 3600
    freshness_forecasts_seconds: int = 12 * 3600
    #: Horizons (days) the forecast warm-up fits on each sales update (JSON list); unset: every fit bucket of
    #: ``shared/forecast/fit_reuse.py`` on the ``gcp`` backend and none on ``local``/``emulator`` (there the
    #: ingesting command itself would wait for the fits); ``[]`` turns the warm-up off.
    forecast_warmup_days: list[int] | None = Field(default=None, max_length=8)

    # Delivery of alerts and digests
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_from: str = "ecomintel <alerts@ecomintel.invalid>"
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    webhook_timeout_seconds: float = 10.0

    # Security
    jwt_signing_key: SecretStr | None = None
    public_base_url: str = "http://127.0.0.1:8080"
    cors_allowed_origins: list[str] = Field(
        default_factory=list, description="Origins allowed by CORS (JSON list; '*' allows any, without credentials)."
    )
    rate_limit_tenant_per_minute: int = 600
    rate_limit_tenant_burst: int = 120
    rate_limit_key_per_minute: int = 300
    rate_limit_key_burst: int = 60
    rate_limit_public_per_minute: int = 30
    rate_limit_public_burst: int = 10
    api_key_prefix: str = "eik"
    trusted_proxy_hops: int = Field(default=0, ge=0, le=5,
                                    description="Proxies in front of functions (X-Forwarded-For entries to trust).")
    login_attempts_per_minute: int = 10
    #: Sign-up proves the e-mail address first (and never says whether it has an account); default: on
    #: wherever an SMTP server is configured.
    signup_email_verification: bool | None = None
    bcrypt_rounds: int = Field(default=12, ge=4, le=16, description="bcrypt cost; tests lower it.")

    @field_validator("jwt_signing_key")
    @classmethod
    def _signing_key_long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        """Refuse a short or empty key at start-up: every token would be forgeable with it."""
        if value is not None and len(value.get_secret_value().strip()) < MIN_SIGNING_KEY_LENGTH:
            raise ValueError(f"ECOMINTEL_JWT_SIGNING_KEY must be at least {MIN_SIGNING_KEY_LENGTH} characters "
                             "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(48))')")
        return value

    def bucket_name(self, logical: str) -> str:
        """Real bucket name of a manifest bucket (``raw`` -> ``<prefix>-raw``)."""
        return f"{self.bucket_prefix}-{logical}"

    @property
    def state_dir(self) -> Path:
        """Absolute path of the embedded backend's state directory."""
        return self.home.expanduser().resolve()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings for this process, cached; tests clear it with ``get_settings.cache_clear()``."""
    return Settings()
