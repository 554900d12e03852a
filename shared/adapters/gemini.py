"""Gemini through the official ``google-genai`` client: structured output, a timeout, bounded retries.

Implements the ``LanguageModel`` port. Another provider is another adapter with the same ``generate``.
Errors surface as :class:`LanguageModelError` (the cores fall back to deterministic paths on any error).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from shared.config import Settings
from shared.errors import TransientError
from shared.ports import LLMResponse


class LanguageModelError(TransientError):
    """The model failed, timed out, or answered something that does not match the schema."""

    code = "llm_unavailable"


class GeminiModel:
    """A Gemini model; the client is built on first use (never at import time)."""

    def __init__(self, settings: Settings, *, retry_attempts: int = 3, retry_initial_delay: float = 0.25) -> None:
        if settings.gemini_api_key is None:
            raise ValueError("GeminiModel needs ECOMINTEL_GEMINI_API_KEY")
        self._settings = settings
        self._retry_attempts = retry_attempts
        self._retry_initial_delay = retry_initial_delay
        self._client: Any = None
        self.model = settings.gemini_model

    def _get_client(self) -> Any:
        if self._client is None:
            from google import genai
            from google.genai import types

            assert self._settings.gemini_api_key is not None
            self._client = genai.Client(
                api_key=self._settings.gemini_api_key.get_secret_value(),
                http_options=types.HttpOptions(
                    base_url=self._settings.gemini_base_url,
                    api_version="v1beta",
                    timeout=int(self._settings.llm_timeout_seconds * 1000),
                    retry_options=types.HttpRetryOptions(
                        attempts=self._retry_attempts, initial_delay=self._retry_initial_delay, max_delay=4.0,
                        http_status_codes=[408, 429, 502, 503, 504],
                    ),
                ),
            )
        return self._client

    def generate(
        self,
        *,
        system: str,
        prompt: str,
        schema: type[BaseModel] | None = None,
        timeout_seconds: float | None = None,
    ) -> LLMResponse:
        """Generate; with ``schema`` the answer is JSON validated into it (``parsed``)."""
        from google.genai import errors, types

        timeout = timeout_seconds if timeout_seconds is not None else self._settings.llm_timeout_seconds
        config = types.GenerateContentConfig(
            system_instruction=system,
            temperature=0.0,
            http_options=types.HttpOptions(timeout=max(1, int(timeout * 1000))),
        )
        if schema is not None:
            config.response_mime_type = "application/json"
            config.response_json_schema = schema.model_json_schema()
        try:
            response = self._get_client().models.generate_content(model=self.model, contents=prompt, config=config)
        except errors.APIError as exc:
            raise LanguageModelError(f"Gemini returned HTTP {exc.code}", details={"status": exc.code}) from exc
        except Exception as exc:  # transport: timeouts, connection errors
            raise LanguageModelError(f"Gemini request failed: {type(exc).__name__}") from exc
        text = response.text or ""
        usage = response.usage_metadata
        input_tokens = int(getattr(usage, "prompt_token_count", 0) or 0)
        output_tokens = int(getattr(usage, "candidates_token_count", 0) or 0)
        parsed: Any = None
        if schema is not None:
            try:
                parsed = schema.model_validate_json(text)
            except ValidationError as exc:  # tokens were still spent: report them for budget accounting
                raise LanguageModelError("Gemini answer does not match the response schema",
                                         details={"errors": exc.error_count(), "input_tokens": input_tokens,
                                                  "output_tokens": output_tokens}) from exc
        return LLMResponse(
            text=text, parsed=parsed,
            input_tokens=input_tokens, output_tokens=output_tokens,
            model=str(getattr(response, "model_version", None) or self.model),
        )
