"""``ECOMINTEL_LLM_RETRY_ATTEMPTS`` is how many times a model call is tried against the (fake) Gemini API."""

from __future__ import annotations

import pytest

from shared.adapters.gemini import LanguageModelError
from shared.deps import get_deps, reset_deps
from tests.fakes.gemini_server import error, ok, running_fake_gemini


@pytest.mark.parametrize("attempts", [1, 2])
def test_a_model_call_is_tried_as_often_as_configured(monkeypatch: pytest.MonkeyPatch, attempts: int) -> None:
    with running_fake_gemini() as fake:
        monkeypatch.setenv("ECOMINTEL_GEMINI_API_KEY", "test-key")
        monkeypatch.setenv("ECOMINTEL_GEMINI_BASE_URL", fake.base_url)
        monkeypatch.setenv("ECOMINTEL_LLM_RETRY_ATTEMPTS", str(attempts))
        reset_deps()
        llm = get_deps().llm
        assert llm is not None
        fake.push(*[error(503, "overloaded")] * 3, ok("fine"))
        with pytest.raises(LanguageModelError):
            llm.generate(system="s", prompt="p", timeout_seconds=5)
        assert len(fake.requests) == attempts
