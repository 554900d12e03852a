"""Where an answer's currency comes from when the sales lines name none: the catalogue, the settings, or nowhere."""

from __future__ import annotations

from pathlib import Path

from shared.adapters.local.documents import SqliteDocumentStore
from shared.orchestration.descriptive import currency_hint
from shared.questions.vocabulary import Vocabulary, VocabularyIndex
from shared.security.api_models import TenantSettings
from shared.security.tenant_settings import put_tenant_settings


def _index(currency: str | None, sales_columns: list[str] | None) -> VocabularyIndex:
    return VocabularyIndex(Vocabulary(tenant_id="t1", currency=currency, sales_columns=sales_columns))


def test_no_currency_anywhere_is_no_currency_even_with_the_settings_default(tmp_path: Path) -> None:
    docs = SqliteDocumentStore(tmp_path / "d.sqlite")
    hint = currency_hint(docs, _index(None, ["discount"]))
    assert (hint.sales_have_currency, hint.fallback) == (False, None)  # the settings' USD default is not a fact


def test_the_catalogue_then_the_settings_an_admin_saved(tmp_path: Path) -> None:
    docs = SqliteDocumentStore(tmp_path / "d.sqlite")
    assert currency_hint(docs, _index("EUR", [])).fallback == "EUR"
    assert currency_hint(docs, _index("EUR", [])).source == "your catalogue"
    put_tenant_settings(docs, "t1", TenantSettings(currency="GBP"))
    saved = currency_hint(docs, _index(None, []))
    assert (saved.fallback, saved.source) == ("GBP", "your settings")
    assert currency_hint(docs, _index(None, [])).sales_have_currency is False
    put_tenant_settings(docs, "t2", TenantSettings(currency="JPY"))  # another tenant's settings are not read
    assert currency_hint(docs, VocabularyIndex(Vocabulary(tenant_id="t3", sales_columns=[]))).fallback is None


def test_sales_that_name_a_currency_are_never_given_another(tmp_path: Path) -> None:
    docs = SqliteDocumentStore(tmp_path / "d.sqlite")
    hint = currency_hint(docs, _index("USD", ["currency"]))
    assert hint.sales_have_currency and hint.fallback is None
