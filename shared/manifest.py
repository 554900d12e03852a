"""Typed access to ``infra/functions.yaml``, the single source of truth for functions and wiring.

The manifest is package data of ``shared`` (``shared/functions.yaml``, a link to ``infra/functions.yaml``
in the repository and a real file inside a function bundle or an installed wheel), read with
``importlib.resources`` so a deployed function finds it without the repository around it. Terraform and
the launcher keep reading ``infra/functions.yaml``: one file, two ways to reach it.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

# Repository paths: valid in a checkout only (the launcher, the bundler, the tests), never in a bundle.
REPO_ROOT = Path(__file__).resolve().parent.parent
MANIFEST_PATH = REPO_ROOT / "infra" / "functions.yaml"
FUNCTIONS_DIR = REPO_ROOT / "functions"
MANIFEST_RESOURCE = "functions.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Trigger(_Strict):
    """How a function is invoked."""

    type: Literal["http", "topic", "storage"]
    auth: Literal["required", "public"] = "required"
    topic: str | None = None
    bucket: str | None = None
    event: Literal["finalize"] | None = None

    @model_validator(mode="after")
    def _check(self) -> Trigger:
        if self.type == "topic" and not self.topic:
            raise ValueError("topic trigger needs 'topic'")
        if self.type == "storage" and not self.bucket:
            raise ValueError("storage trigger needs 'bucket'")
        return self


class FunctionSpec(_Strict):
    """One deployable function."""

    name: str = ""
    description: str
    entry_point: str
    trigger: Trigger
    memory_mb: int = 256
    timeout_s: int = 60
    retry: bool = False
    max_instances: int = 10
    min_instances: int = 0
    env: dict[str, str] = Field(default_factory=dict)
    peak_rss_mb: int | None = None
    secrets: list[str] = Field(default_factory=list)

    @property
    def source(self) -> Path:
        """Path of the function's ``main.py``."""
        return FUNCTIONS_DIR / self.name / "main.py"

    @property
    def signature_type(self) -> Literal["http", "cloudevent"]:
        """functions-framework signature type."""
        return "http" if self.trigger.type == "http" else "cloudevent"


class BucketSpec(_Strict):
    """A Cloud Storage bucket (logical name; the real name is ``<prefix>-<name>``)."""

    description: str = ""
    lifecycle_delete_days: int | None = None
    notification_topic: str | None = None


class TopicSpec(_Strict):
    """A Pub/Sub topic."""

    description: str = ""
    dead_letter: bool = False


class SecretSpec(_Strict):
    """A Secret Manager secret, mounted as ``env`` on the functions that list it (value added out of band)."""

    env: str
    description: str = ""
    required: bool = True


class ScheduleSpec(_Strict):
    """A Cloud Scheduler job publishing ``payload`` to ``topic`` on ``cron`` (UTC)."""

    description: str = ""
    cron: str
    topic: str
    payload: dict[str, Any] = Field(default_factory=dict)
    time_zone: str = "Etc/UTC"


class Manifest(_Strict):
    """The whole manifest, cross-checked (every referenced topic and bucket exists)."""

    buckets: dict[str, BucketSpec]
    topics: dict[str, TopicSpec]
    schedules: dict[str, ScheduleSpec] = Field(default_factory=dict)
    secrets: dict[str, SecretSpec] = Field(default_factory=dict)
    functions: dict[str, FunctionSpec]

    @model_validator(mode="before")
    @classmethod
    def _names(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("functions"), dict):
            data = dict(data)
            data["functions"] = {k: {**v, "name": k} for k, v in data["functions"].items()}
        return data

    @model_validator(mode="after")
    def _check_refs(self) -> Manifest:
        for b in self.buckets.values():
            if b.notification_topic and b.notification_topic not in self.topics:
                raise ValueError(f"bucket notification topic {b.notification_topic!r} is not declared")
        for f in self.functions.values():
            if f.trigger.topic and f.trigger.topic not in self.topics:
                raise ValueError(f"function {f.name}: topic {f.trigger.topic!r} is not declared")
            if f.trigger.bucket and f.trigger.bucket not in self.buckets:
                raise ValueError(f"function {f.name}: bucket {f.trigger.bucket!r} is not declared")
            for secret in f.secrets:
                if secret not in self.secrets:
                    raise ValueError(f"function {f.name}: secret {secret!r} is not declared")
        for name, s in self.schedules.items():
            if s.topic not in self.topics:
                raise ValueError(f"schedule {name}: topic {s.topic!r} is not declared")
        return self

    def subscribers(self, topic: str) -> list[FunctionSpec]:
        """Functions pushed from ``topic`` (directly, or as the storage trigger behind a bucket notification)."""
        out = []
        for f in self.functions.values():
            if f.trigger.type == "topic" and f.trigger.topic == topic:
                out.append(f)
            elif f.trigger.type == "storage" and self.buckets[f.trigger.bucket or ""].notification_topic == topic:
                out.append(f)
        return out

    @staticmethod
    def subscription_name(function: str, topic: str) -> str:
        """The push subscription feeding ``function`` from ``topic``."""
        return f"{function}--{topic}"

    @staticmethod
    def dead_letter_topic(topic: str) -> str:
        """Dead-letter topic name for ``topic``."""
        return f"{topic}-dead-letter"


@lru_cache(maxsize=1)
def load_manifest(path: Path | None = None) -> Manifest:
    """Parse and validate the manifest (cached): ``path``, or the copy packaged with ``shared``."""
    text = path.read_text() if path is not None else resources.files("shared").joinpath(MANIFEST_RESOURCE).read_text()
    # libyaml's loader when the wheel has it: the pure-Python one took 30 ms of every cold start (3 ms)
    return Manifest.model_validate(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
