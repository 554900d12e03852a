from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.processing.sku import SkuResolver, identifier_key, normalise_sku

sku_text = st.text(min_size=1, max_size=40)
decorated = st.builds(
    lambda prefix, core, pad: f"{pad}{prefix}{core}{pad}",
    st.sampled_from(["", "sku-", "SKU:", "Sku #", "#", "sku ", '"']),
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9\-]{0,15}", fullmatch=True),
    st.sampled_from(["", " ", "\t", "  "]),
)


@given(sku_text)
def test_idempotent(raw: str) -> None:
    once = normalise_sku(raw)
    assert normalise_sku(once) == once


@given(sku_text.filter(lambda s: s.strip() != ""))
def test_never_empty_for_non_blank_input(raw: str) -> None:
    assert normalise_sku(raw) != ""


@given(decorated)
def test_decorations_and_case_do_not_matter(raw: str) -> None:
    assert normalise_sku(raw) == normalise_sku(raw.lower()) == normalise_sku(raw.upper().strip())


@given(sku_text)
def test_no_surrounding_or_repeated_whitespace(raw: str) -> None:
    out = normalise_sku(raw)
    if out.strip():
        assert out == out.strip() and "  " not in out


@pytest.mark.parametrize(("raw", "expected"), [
    ("sku-abc-123", "ABC-123"),
    ("  SKU: abc 123 ", "ABC 123"),
    ("Sku #ab-1", "AB-1"),
    ("#ab - 12", "AB-12"),
    ("gid://shopify/ProductVariant/4455", "SHOPIFY-VARIANT-4455"),
    ("gid://shopify/Product/7", "SHOPIFY-PRODUCT-7"),
    ("SKUNK-1", "SKUNK-1"),  # a SKU that merely starts with the letters S K U is not decorated
    ("sku-", "SKU-"),  # nothing left but the decoration: keep it rather than vanish
    ("ＡＢ－１", "AB-1"),  # full-width forms
])
def test_examples(raw: str, expected: str) -> None:
    assert normalise_sku(raw) == expected


def test_identifier_keys() -> None:
    assert identifier_key("b0abcdefgh") == "B0ABCDEFGH"
    assert identifier_key("012345678905") == identifier_key("0012345678905") == "00012345678905"
    assert identifier_key("AB-1") is None


def test_resolver_maps_asin_and_gtin_to_our_sku() -> None:
    resolver = SkuResolver.from_products([
        {"sku": "sku-ab-1", "asin": "B0KETTLE01", "gtin": "012345678905"},
        {"sku": "CD-2", "asin": None, "gtin": None},
    ])
    assert resolver.resolve("b0kettle01").sku == "SKU-AB-1"  # the catalogue's SKU, prefix kept
    assert resolver.resolve("SKU: AB-1").sku == "SKU-AB-1"
    assert resolver.resolve("ab-1").sku == "SKU-AB-1"
    assert resolver.resolve("  XY-9 ").sku == "XY-9"  # unknown SKUs keep their case and prefix, tidied
    assert resolver.resolve("b0kettle01").action == "mapped_asin"
    assert resolver.resolve("12345678905").sku == "12345678905"  # 11 digits: not a GTIN
    assert resolver.resolve("0012345678905").action == "mapped_gtin"
    assert resolver.resolve("CD-2").action is None
    assert resolver.resolve("cd-2").action == "normalised"
    assert resolver.resolve("B0UNKNOWN1").sku == "B0UNKNOWN1"  # unknown ASINs are kept, not invented


def test_known_sku_wins_over_an_alias() -> None:
    resolver = SkuResolver.from_products([{"sku": "B0ABCDEFGH"}, {"sku": "X", "asin": "B0ABCDEFGH"}])
    assert resolver.resolve("B0ABCDEFGH").sku == "B0ABCDEFGH"
