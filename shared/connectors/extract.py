"""Price extraction from a product page: JSON-LD, microdata, Open Graph / meta tags, CSS selector override.

The main offer is the one describing the page's own product. Pages with several candidate prices
(carousels, "customers also viewed") are resolved only when one candidate is clearly the page's own:
a selector override, a single top-level Product, the og:price, or the one structured-data product the
page identifies as its own (its name equals the ``h1``, the ``og:title`` or a segment of ``<title>``, or
its URL equals the canonical URL / ``og:url``). Otherwise the result says ``ambiguous`` with the
candidates, rather than guessing. An ``AggregateOffer`` is a price range (``price`` = low,
``high_price`` = high), never a sale. Pages without any markup fall back to prices in the visible text:
one price (struck-through ``del``/``s`` prices are list prices) is taken, several are ``ambiguous``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

import extruct
from bs4 import BeautifulSoup
from rapidfuzz import fuzz

from shared import regex as re
from shared.money import DOLLAR_PREFIXES, MARKERS, SYMBOLS, MoneyError, parse_amount

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
    high_price: Decimal | None = None


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
    high_price: Decimal | None = None
    candidates: list[PriceCandidate] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_NUM = re.compile(r"[-+]?\d[\d.,\s\u00a0']*")


def parse_price(value: Any) -> Decimal | None:
    """The price ``value`` states (``19.99``, ``"C$1,299.00"``, ``"1.299,00 €"``, ``"Now $ 12!"``), or ``None``.

    A whole value is read by the one money grammar (``shared.money``); free text falls back to its first
    number. A negative amount is no price.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = str(value).strip()
    match = _NUM.search(text)
    for candidate in (text, match.group(0).strip() if match else None):
        if candidate is None:
            continue
        try:
            amount = parse_amount(candidate)
        except (MoneyError, InvalidOperation):
            continue
        return amount if amount >= 0 else None
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
            if low is not None:
                top = high if high is not None and high > low else None
                out.append(PriceCandidate(low, currency, f"{source}:AggregateOffer", None, in_stock, name, sku, top))
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
        if price is not None and price > 0:  # 0 is "call for price", not a price
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
        elif "mainEntity" in item:  # WebPage / ItemPage wrapping the page's product
            found += _walk_products(item["mainEntity"])
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

_WORD = re.compile(r"[^\w]+")
_TITLE_SPLIT = re.compile(r"\s+[|\u2013\u2014:-]\s+")


def _norm_text(value: Any) -> str:
    return _WORD.sub(" ", str(value or "").lower()).strip()


def _norm_url(value: Any) -> str:
    text = str(value or "").strip().lower().split("#", 1)[0].split("?", 1)[0]
    return re.sub(r"^[a-z]+://(www\.)?", "", text).rstrip("/")


def _page_identity(soup: BeautifulSoup) -> tuple[list[str], list[str]]:
    """Names (h1, og:title, ``<title>`` segments) and URLs (canonical, og:url) the page gives itself."""
    names: list[str] = []
    if (h1 := soup.find("h1")) is not None:
        names.append(h1.get_text(" ", strip=True))
    og_title = soup.find("meta", attrs={"property": "og:title"})
    if og_title is not None and og_title.get("content"):
        names.append(str(og_title.get("content")))
    if soup.title is not None and soup.title.string:
        names += _TITLE_SPLIT.split(str(soup.title.string).strip())
    urls: list[str] = []
    canonical = soup.find("link", attrs={"rel": "canonical"})
    if canonical is not None and canonical.get("href"):
        urls.append(str(canonical.get("href")))
    og_url = soup.find("meta", attrs={"property": "og:url"})
    if og_url is not None and og_url.get("content"):
        urls.append(str(og_url.get("content")))
    return [n for n in (_norm_text(x) for x in names) if n], [u for u in (_norm_url(x) for x in urls) if u]


def _own_product(products: list[dict[str, Any]], soup: BeautifulSoup) -> int | None:
    """Index of the one product the page identifies as its own, or ``None`` when none or several do.

    A URL equal to the canonical URL wins outright; otherwise names are compared (near-exact: a
    similarity ratio >= 92, so "bottle 750 ml" is not "bottle 500 ml") and the best must be unique.
    """
    names, urls = _page_identity(soup)
    if urls:
        def same_page(url: Any) -> bool:
            own = _norm_url(url)
            if str(url).startswith("/"):  # relative product URL: compare with the canonical URL's path
                return any(u.endswith(own) and own for u in urls)
            return own in urls

        by_url = [i for i, p in enumerate(products)
                  if any(same_page(u) for u in [_props(p).get("url"), *[_props(o).get("url") for o in
                         _as_list(_props(p).get("offers")) if isinstance(o, dict)]] if u)]
        if len(by_url) == 1:
            return by_url[0]
    if not names:
        return None
    scores = [max((fuzz.ratio(_norm_text(_props(p).get("name")), n) for n in names), default=0.0)
              if _props(p).get("name") else 0.0 for p in products]
    best = max(scores, default=0.0)
    winners = [i for i, sc in enumerate(scores) if sc == best]
    if best >= 92 and len(winners) == 1 and all(sc <= best - 3 for i, sc in enumerate(scores) if i != winners[0]):
        return winners[0]
    return None


#: In free text a bare ``$`` is taken as dollars and ``¥`` as yen (a page states no other convention).
_SYMBOLS = {**MARKERS, "$": "USD", "¥": "JPY"}
#: ISO codes recognised in free text (any three capitals would take "SKU 123" for a price).
_CODES = "|".join(sorted({"USD", "EUR", "GBP", "CAD", "AUD", "CHF", "SEK", "NOK", "DKK", "PLN", "JPY", "NZD",
                          *(c for c in MARKERS.values() if c)}))
_SYM = "[" + "".join(re.escape(s) for s in SYMBOLS) + "]"
_PREFIX = "|".join(re.escape(p) for p in sorted(DOLLAR_PREFIXES, key=len, reverse=True))
_AMOUNT = r"\d{1,3}(?:[.,\s\u00a0']\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_TEXT_PRICE = re.compile(
    rf"(?P<pre>\b(?:{_PREFIX})|{_SYM}|\b(?:{_CODES}))\s?(?P<a>{_AMOUNT})|(?P<b>{_AMOUNT})\s?(?P<post>{_SYM}|(?:{_CODES})\b)")
_STRUCK = ("del", "s", "strike")
_STRUCK_CLASS = re.compile(r"old-price|was-price|price-was|compare-at|price--compare|regular-price|strike")
_PRICE_CLASS = re.compile(r"price")
_SKIP = ("script", "style", "noscript", "template", "nav", "header", "footer")


def _text_prices(text: str) -> list[tuple[Decimal, str | None]]:
    out = []
    for m in _TEXT_PRICE.finditer(text):
        amount = parse_price(m.group("a") or m.group("b"))
        symbol = m.group("pre") or m.group("post") or ""
        if amount is not None and amount > 0:
            out.append((amount, _SYMBOLS.get(symbol, symbol.upper() or None)))
    return out


def _text_candidates(html: str) -> tuple[list[PriceCandidate], list[PriceCandidate], list[Decimal]]:
    """Prices with a currency in the visible text (not nav/header/footer), in three lists.

    All of them; those inside an innermost element whose class names a price; and the struck-through
    ones (``del``, ``s``, "old-price"-like classes), which are list prices, not offers.
    """
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(list(_SKIP)):
        tag.decompose()
    struck: list[Decimal] = []
    for tag in [*soup.find_all(list(_STRUCK)), *soup.find_all(class_=_STRUCK_CLASS)]:
        if tag.decomposed:
            continue
        struck += [p for p, _ in _text_prices(tag.get_text(" ", strip=True))]
        tag.decompose()
    body = soup.body or soup
    found = _text_prices(body.get_text(" ", strip=True))
    priced: list[tuple[Decimal, str | None]] = []
    for tag in body.find_all(class_=_PRICE_CLASS):
        if not tag.find(class_=_PRICE_CLASS):  # innermost price element only
            priced += _text_prices(tag.get_text(" ", strip=True))
    return ([PriceCandidate(p, c, "text") for p, c in found], [PriceCandidate(p, c, "text") for p, c in priced],
            struck)


def _finish(chosen: PriceCandidate, candidates: list[PriceCandidate], warnings: list[str]) -> Extraction:
    list_price = chosen.list_price if chosen.list_price and chosen.list_price > chosen.price else None
    high = chosen.high_price if chosen.high_price and chosen.high_price > chosen.price else None
    return Extraction(
        status="ok",
        price=chosen.price,
        currency=chosen.currency,
        list_price=list_price,
        on_sale=list_price is not None,
        in_stock=chosen.in_stock,
        source=chosen.source,
        name=chosen.name,
        high_price=high,
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
    try:
        micro_items = extruct.extract(html, base_url=base_url or None, syntaxes=["microdata"], uniform=False)[
            "microdata"
        ]
    except Exception:  # extruct raises assorted parser errors on broken markup
        micro_items = []
        warnings.append("microdata could not be parsed")
    micro_products = _walk_products(micro_items)
    per_product = {
        "json-ld": [_offer_candidates(p, "json-ld") for p in products],
        "microdata": [_offer_candidates(p, "microdata") for p in micro_products],
    }
    jsonld = [c for cs in per_product["json-ld"] for c in cs]
    microdata = [c for cs in per_product["microdata"] for c in cs]
    meta = _meta(soup)
    candidates = jsonld + microdata + meta

    for kind, group, items in (("json-ld", jsonld, products), ("microdata", microdata, micro_products)):
        distinct = {(c.price, c.currency) for c in group}
        if len(distinct) == 1:
            return _finish(group[0], candidates, warnings)
        if len(distinct) > 1:
            # Several offers: the og/product meta price names the page's own product when present.
            if meta and any(c.price == meta[0].price for c in group):
                chosen = next(c for c in group if c.price == meta[0].price)
                return _finish(chosen, candidates, warnings)
            own = _own_product(items, soup)
            if own is not None:
                mine = per_product[kind][own]
                mine_in_stock = [c for c in mine if c.in_stock] or mine
                if len({(c.price, c.currency) for c in mine_in_stock}) == 1:
                    warnings.append(f"several products; chose the page's own ({mine[0].name or 'by URL'})")
                    return _finish(mine_in_stock[0], candidates, warnings)
            in_stock = {(c.price, c.currency) for c in group if c.in_stock}
            if len(items) == 1 and len(in_stock) == 1:
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
    text, priced, struck = _text_candidates(html)
    distinct_text = {(c.price, c.currency) for c in text}
    if len(distinct_text) > 1 and len({(c.price, c.currency) for c in priced}) == 1:
        warnings.append("several prices in the text; took the only one in a price element")
        text, distinct_text = priced, {(priced[0].price, priced[0].currency)}
    if len(distinct_text) == 1:
        chosen = text[0]
        if struck and max(struck) > chosen.price:
            chosen = PriceCandidate(chosen.price, chosen.currency, "text", max(struck))
        return _finish(chosen, text, [*warnings, "no price markup; took the only price in the page text"])
    if len(distinct_text) > 1:
        return Extraction(status="ambiguous", candidates=text,
                          warnings=[*warnings, f"no price markup; {len(distinct_text)} prices in the text"])
    return Extraction(status="not_found", candidates=candidates, warnings=[*warnings, "no price found"])
