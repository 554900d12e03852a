"""Price extraction from a product page: JSON-LD, microdata, Open Graph / meta tags, CSS selector override.

The main offer is the one describing the page's own product. Pages with several candidate prices
(carousels, "customers also viewed") are resolved only when one candidate is clearly the page's own
(a single top-level Product, the og:price, a selector override); otherwise the result says
``ambiguous`` with the candidates, rather than guessing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

import extruct
from bs4 import BeautifulSoup

from shared.money import MoneyError, normalise_amount

Status = Literal["ok", "ambiguous", "not_found"]

_AVAILABILITY_IN = ("instock", "instoreonly", "limitedavailability", "onlineonly", "presale", "preorder")
_AVAILABILITY_OUT = ("outofstock", "soldout", "discontinued")


@dataclass(frozen=True)
class PriceCandidate:
    """One price found on the page and where it came from."""

    price: Decimal
    currency: str | None
    source: str
    list_price: Decimal | None = None
    in_stock: bool | None = None
    name: str | None = None
    sku: str | None = None


@dataclass
class Extraction:
    """The outcome for one page."""

    status: Status
    price: Decimal | None = None
    currency: str | None = None
    list_price: Decimal | None = None
    on_sale: bool = False
    in_stock: bool | None = None
    source: str | None = None
    name: str | None = None
    candidates: list[PriceCandidate] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_NUM = re.compile(r"[-+]?\d[\d.,\s\u00a0']*")


def parse_price(value: Any) -> Decimal | None:
    """The first amount in ``value`` (``19.99``, ``"1,299.00"``, ``"1.299,00 €"``, ``"Now $ 12!"``), or ``None``."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    match = _NUM.search(str(value))
    if not match:
        return None
    try:
        return Decimal(normalise_amount(match.group(0).strip()))
    except (MoneyError, InvalidOperation):
        return None


def _availability(value: Any) -> bool | None:
    if not value:
        return None
    text = str(value).lower().rsplit("/", 1)[-1].replace("_", "").replace(" ", "")
    if any(t in text for t in _AVAILABILITY_OUT):
        return False
    if any(t in text for t in _AVAILABILITY_IN):
        return True
    return None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(item: dict[str, Any]) -> set[str]:
    return {str(t).rsplit("/", 1)[-1].lower() for t in _as_list(item.get("@type") or item.get("type"))}


def _props(item: dict[str, Any]) -> dict[str, Any]:
    """Microdata items keep fields under ``properties``; JSON-LD at top level."""
    props = item.get("properties")
    return props if isinstance(props, dict) else item


def _offer_candidates(product: dict[str, Any], source: str) -> list[PriceCandidate]:
    props = _props(product)
    name = props.get("name")
    sku = props.get("sku")
    out: list[PriceCandidate] = []
    for offer in _as_list(props.get("offers")):
        if not isinstance(offer, dict):
            continue
        o = _props(offer)
        kinds = _types(offer)
        in_stock = _availability(o.get("availability"))
        currency = o.get("priceCurrency")
        if "aggregateoffer" in kinds:
            low = parse_price(o.get("lowPrice"))
            high = parse_price(o.get("highPrice"))
            if low is not None and (high is None or high == low):
                out.append(PriceCandidate(low, currency, f"{source}:AggregateOffer", None, in_stock, name, sku))
            elif low is not None:
                out.append(PriceCandidate(low, currency, f"{source}:AggregateOffer(range)", high, in_stock, name, sku))
            continue
        price = parse_price(o.get("price"))
        list_price = None
        for spec in _as_list(o.get("priceSpecification")):
            if not isinstance(spec, dict):
                continue
            sp = _props(spec)
            value = parse_price(sp.get("price"))
            ptype = str(sp.get("priceType") or "").lower()
            if value is None:
                continue
            if "listprice" in ptype or "strikethrough" in ptype or "msrp" in ptype:
                list_price = value
            elif price is None:
                price = value
                currency = currency or sp.get("priceCurrency")
        if price is not None:
            out.append(PriceCandidate(price, currency, source, list_price, in_stock, name, sku))
    return out


def _walk_products(node: Any) -> list[dict[str, Any]]:
    """Top-level Product items (with @graph unwrapped); nested related products are not top-level."""
    found: list[dict[str, Any]] = []
    for item in _as_list(node):
        if not isinstance(item, dict):
            continue
        if "@graph" in item:
            found += _walk_products(item["@graph"])
        elif _types(item) & {"product", "productgroup", "individualproduct"}:
            found.append(item)
    return found


def _jsonld_products(html: str, warnings: list[str]) -> list[dict[str, Any]]:
    soup = BeautifulSoup(html, "html.parser")
    items: list[dict[str, Any]] = []
    for tag in soup.find_all("script", attrs={"type": "application/ld+json"}):
        text = tag.string or tag.get_text() or ""
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            warnings.append("broken JSON-LD block ignored")
            continue
        items += _walk_products(data)
    return items


def _meta(soup: BeautifulSoup) -> list[PriceCandidate]:
    def content(*names: str) -> str | None:
        for n in names:
            tag = soup.find("meta", attrs={"property": n}) or soup.find("meta", attrs={"name": n})
            if tag is not None and tag.get("content"):
                return str(tag.get("content"))
        return None

    price = parse_price(content("product:price:amount", "og:price:amount", "twitter:data1"))
    if price is None:
        return []
    currency = content("product:price:currency", "og:price:currency")
    return [
        PriceCandidate(price, currency, "meta", None, _availability(content("product:availability", "og:availability")))
    ]


def _selector(soup: BeautifulSoup, selectors: dict[str, str]) -> PriceCandidate | None:
    node = soup.select_one(selectors["price"])
    if node is None:
        return None
    price = parse_price(node.get("content") or node.get_text(" ", strip=True))
    if price is None:
        return None
    list_price = None
    if selectors.get("list_price") and (lp := soup.select_one(selectors["list_price"])) is not None:
        list_price = parse_price(lp.get("content") or lp.get_text(" ", strip=True))
    in_stock = None
    if selectors.get("stock") and (st := soup.select_one(selectors["stock"])) is not None:
        in_stock = _availability(st.get("content") or st.get_text(" ", strip=True))
    return PriceCandidate(price, selectors.get("currency"), "selector", list_price, in_stock)


def _finish(chosen: PriceCandidate, candidates: list[PriceCandidate], warnings: list[str]) -> Extraction:
    list_price = chosen.list_price if chosen.list_price and chosen.list_price > chosen.price else None
    return Extraction(
        status="ok",
        price=chosen.price,
        currency=chosen.currency,
        list_price=list_price,
        on_sale=list_price is not None,
        in_stock=chosen.in_stock,
        source=chosen.source,
        name=chosen.name,
        candidates=candidates,
        warnings=warnings,
    )


def extract_price(html: str, *, selectors: dict[str, str] | None = None, base_url: str = "") -> Extraction:
    """Extract the main offer of a product page (see module docstring for the precedence)."""
    warnings: list[str] = []
    soup = BeautifulSoup(html, "html.parser")
    if selectors and selectors.get("price"):
        chosen = _selector(soup, selectors)
        if chosen is not None:
            return _finish(chosen, [chosen], warnings)
        warnings.append("selector override matched nothing; falling back to structured data")

    products = _jsonld_products(html, warnings)
    jsonld = [c for p in products for c in _offer_candidates(p, "json-ld")]
    try:
        micro_items = extruct.extract(html, base_url=base_url or None, syntaxes=["microdata"], uniform=False)[
            "microdata"
        ]
    except Exception:  # extruct raises assorted parser errors on broken markup
        micro_items = []
        warnings.append("microdata could not be parsed")
    microdata = [c for p in _walk_products(micro_items) for c in _offer_candidates(p, "microdata")]
    meta = _meta(soup)
    candidates = jsonld + microdata + meta

    for group in (jsonld, microdata):
        distinct = {(c.price, c.currency) for c in group}
        if len(distinct) == 1:
            return _finish(group[0], candidates, warnings)
        if len(distinct) > 1:
            # Several offers: the og/product meta price names the page's own product when present.
            if meta and any(c.price == meta[0].price for c in group):
                chosen = next(c for c in group if c.price == meta[0].price)
                return _finish(chosen, candidates, warnings)
            in_stock = {(c.price, c.currency) for c in group if c.in_stock}
            if len(products) == 1 and len(in_stock) == 1:
                chosen = next(c for c in group if c.in_stock)
                warnings.append("several offers; chose the only one in stock")
                return _finish(chosen, candidates, warnings)
            return Extraction(
                status="ambiguous",
                candidates=candidates,
                warnings=[*warnings, f"{len(distinct)} different prices in {group[0].source}"],
            )
    if meta:
        return _finish(meta[0], candidates, warnings)
    return Extraction(status="not_found", candidates=candidates, warnings=[*warnings, "no price found"])
