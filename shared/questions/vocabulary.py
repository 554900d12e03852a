"""The tenant's own names (SKUs, product titles, categories, brands, channels, competitors) found in a question.

Built from the tenant's data (``shared.store.vocabulary`` reads it), so a merchant can ask about "the blue
ceramic vase", "Amazon" or "Kitchen" without anyone listing those words. Matching is exact on normalised
tokens first, then fuzzy (rapidfuzz) for typos; SKUs of any shape match whole tokens, case- and
punctuation-insensitively. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from shared import regex as re
from shared.questions.place_codes import asked_code, read_code

EntityKind = Literal["sku", "product", "category", "brand", "channel", "competitor", "country", "region", "state",
                     "payment_method", "seller"]
#: The kinds of place a sales line may carry: one place, said at any level ("Texas", "the West", "US").
PLACES = frozenset({"country", "region", "state"})
#: Names that are also ranking and quantity words ("Top": a Sale Report category): a name only with its label.
_RANKING_WORDS = frozenset("top bottom best worst most least more less all total other new".split())
#: The word after a name that is also a question word and so says it is a name ("the Top category").
_LABEL_OF: dict[str, re.Pattern[str]] = {
    "category": re.compile(r"categor(?:y|ies)$"), "brand": re.compile(r"brands?$"),
    "channel": re.compile(r"channels?$"), "country": re.compile(r"countr(?:y|ies)$"),
    "region": re.compile(r"regions?$"), "state": re.compile(r"states?$")}
#: Two-letter words a question uses as words, never as a state code (Indiana's IN, Oregon's OR, Maine's ME).
#: Words that end no brand prefix ("Home" of "Home Essentials", "The" of "The Good Store"): too common to be a name.
_BRAND_GENERIC = frozenset("the home house co company inc ltd llc goods store shop brand brands living life".split())
_SHORT_WORDS = frozenset("am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we".split())
#: Other names of countries as public datasets spell them (UCI Online Retail writes Ireland as "EIRE").
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "united kingdom": ("uk", "u.k", "britain", "great britain", "england"),
    "eire": ("ireland", "republic of ireland"),
    "united states": ("usa", "u.s.a", "america", "united states of america"),
    "in": ("india",), "br": ("brazil",), "us": ("usa", "united states", "america"),
    "gb": ("uk", "united kingdom", "britain"), "rsa": ("south africa",),
}

#: The code a country is written as in capitals when its name is longer ("Texas, US" for the United States).
_CAPITAL_CODES = {"united states": "us", "united states of america": "us", "usa": "us"}

#: Other names of the usual sales channels ("in-store" sales are the point of sale's, "the website" the web's).
CHANNEL_ALIASES: dict[str, tuple[str, ...]] = {
    "pos": ("in store", "instore", "over the counter", "the till", "the tills", "tills", "shop floor", "shopfront",
            "shop front",
            "point of sale", "bricks and mortar", "brick and mortar", "physical store", "physical shop"),
    "web": ("website", "web site", "webshop", "web shop", "webstore", "online store", "online shop", "our site",
            "ecommerce site", "e commerce site"),
}
#: Channel names of sales made in person (the tills, a shop): every other channel is online.
IN_PERSON = frozenset({"pos", "point of sale", "in store", "instore", "store", "retail", "shop", "offline",
                       "retail store", "brick and mortar", "physical store", "till", "tills"})
CHANNEL_ALIASES["point of sale"] = CHANNEL_ALIASES["pos"]
CHANNEL_ALIASES["in store"] = CHANNEL_ALIASES["pos"]
CHANNEL_ALIASES["online"] = CHANNEL_ALIASES["web"]
CHANNEL_ALIASES["website"] = CHANNEL_ALIASES["web"]

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-./]*[A-Za-z0-9]|[A-Za-z0-9]")
_WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
#: A possessive ending: "the kettle's price" names the kettle, as "the kettle price" does.
_POSSESSIVE = re.compile(r"'s$")
#: Words that never name a product on their own: question words, metrics, periods, shapes.
STOP_WORDS = frozenset("""
a about above across after again all also am an and any are as at average avg be been before below best between
big biggest bottom by can compare compared day days did do does done during each earn earned ever every few for
from get give got had has have how i if in into is it its last least less list low lowest made make many me
month months more most much my net no not number of on one or order orders our over past per percent percentage
previous products product quarter quarters revenue sales sale sell sold show since so some than that the their
them then there these they this those to top total unit units up vs was we week weeks were what when where which
who why will with worst year years yesterday you your sku skus item items category categories brand brands
channel channels competitor competitors value share trend growth price prices rate ratio margin profit cost
customers customer reviews review rating ratings stock inventory returns return refunds refund discount discounts
aov basket performing performed performance selling seller sellers highest largest smallest worse better good
bad compare comparison versus against total overall ever time this next first second third fourth half q1 q2 q3
q4 ytd mtd qtd today date dates daily weekly monthly yearly quarterly annual breakdown split break down each
vs. percent pct amount amounts money income turnover gross bring brought come came generate generated
size sizes typical usual one two single pack set large small medium new old different distinct unique kind kinds type
types stuff thing things ones piece pieces much sell sells selling shop store online web running low high
going growing doing look looking trending happened happen split between
back out off away around again still just only even once twice already yet often usually really very well please
too
""".split())
_FUZZY_MIN_CHARS = 5
_FUZZY_SCORE = 90.0


def normalise(text: str) -> str:
    """Lower case, words only (``"Blue-Ceramic  Vase!"`` -> ``"blue ceramic vase"``)."""
    return " ".join(_WORD.findall(text.lower().replace("-", " ").replace("_", " ").replace("/", " ")))


def compact(code: str) -> str:
    """A SKU without case or punctuation (``"kit-0266"`` and ``"KIT 0266"`` -> ``"kit0266"``)."""
    return re.sub(r"[^a-z0-9]", "", code.lower())


class ProductName(BaseModel):
    """One catalogue entry as the vocabulary keeps it."""

    sku: str
    title: str = ""
    brand: str | None = None
    category: str | None = None
    aliases: list[str] = Field(default_factory=list, description="Marketplace ids (ASIN, GTIN) of the SKU.")


class Vocabulary(BaseModel):
    """A tenant's names at one data version (cached per tenant and version)."""

    tenant_id: str
    version: int = 0
    products: list[ProductName] = Field(default_factory=list)
    skus: list[str] = Field(default_factory=list, description="SKUs seen in any data, catalogue or not.")
    channels: list[str] = Field(default_factory=list)
    competitors: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list, description="Countries sales lines were sold to.")
    regions: list[str] = Field(default_factory=list, description="Sales regions of the sales lines.")
    states: list[str] = Field(default_factory=list, description="States or provinces sales lines shipped to.")
    payment_methods: list[str] = Field(default_factory=list, description="How sales lines' orders were paid.")
    sellers: list[str] = Field(default_factory=list, description="Dealers, sellers or salespeople of sales lines.")
    goods: list[str] = Field(default_factory=list, description="The kinds of goods the sales files' headers name "
                                                               "(Car Model: car), each meaning every product.")
    city_regions: bool = Field(default=False, description="Most sales regions came from a City (Store City, "
                                                          "Location) column: the regions are cities.")
    currency: str | None = None
    sales_columns: list[str] | None = Field(
        default=None, description="Optional sales columns with data (discount, refund, returned_units, customer_hash);"
                                  " None when unknown.")
    extents: dict[str, tuple[date, date]] = Field(
        default_factory=dict, description="Kind -> first and last date of the tenant's rows of that kind.")
    undated_reviews: int = Field(default=0, description="Reviews without a date (in no extent, in every all-time "
                                                         "figure).")
    priced_products: int = Field(default=0, description="Catalogue products with a price (their prices answer "
                                                         "\"our most expensive product\").")
    unpriced_sales: bool = Field(default=False, description="The tenant has sales lines and none carries a price or "
                                                            "a line total (units only: Favorita, M5 without prices).")
    same_titles: dict[str, list[str]] = Field(
        default_factory=dict, description="A catalogue past the products kept: its other SKUs by a kept product's "
                                          "title, so a title match reads every product of that title.")

    catalogue_brands: list[str] = Field(
        default_factory=list, description="A catalogue past the products kept: the brands of all its products, so a "
                                          "brand whose products were all left out is still one questions name.")
    catalogue_categories: list[str] = Field(default_factory=list, description="... and its categories.")

    @property
    def categories(self) -> list[str]:
        """Distinct categories of the catalogue (past the products kept too)."""
        return sorted({p.category for p in self.products if p.category} | set(self.catalogue_categories))

    @property
    def brands(self) -> list[str]:
        """Distinct brands of the catalogue (past the products kept too)."""
        return sorted({p.brand for p in self.products if p.brand} | set(self.catalogue_brands))


@dataclass(frozen=True)
class EntityMatch:
    """A name found in the question: what kind, the canonical values it stands for, and where it was."""

    kind: EntityKind
    values: tuple[str, ...]
    label: str
    span: tuple[int, int]
    score: float = 100.0


@dataclass(frozen=True)
class _Phrase:
    kind: EntityKind
    value: str
    norm: str


class VocabularyIndex:
    """Lookup structures over a :class:`Vocabulary`, built once per tenant and data version."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        """Index SKUs, aliases, names and title tokens."""
        self.vocabulary = vocabulary
        self.sku_codes: dict[str, str] = {}
        for sku in vocabulary.skus:
            self.sku_codes.setdefault(compact(sku), sku)
        for p in vocabulary.products:
            self.sku_codes[compact(p.sku)] = p.sku
            for alias in p.aliases:
                if alias and len(compact(alias)) >= 6:
                    self.sku_codes.setdefault(compact(alias), p.sku)
        self.titles = [normalise(p.title) for p in vocabulary.products]
        self.title_of = {p.sku: p.title for p in vocabulary.products}
        self.title_of |= {sku: title for title, skus in vocabulary.same_titles.items() for sku in skus}
        self.title_set = frozenset(self.titles)
        self.token_titles: dict[str, set[int]] = {}
        for i, t in enumerate(self.titles):
            for tok in t.split():
                self.token_titles.setdefault(tok, set()).add(i)
        self.phrases: dict[str, list[_Phrase]] = {}
        self.country_codes: dict[str, str] = {}
        names: list[tuple[EntityKind, list[str]]] = [
            ("category", vocabulary.categories), ("brand", vocabulary.brands),
            ("channel", vocabulary.channels), ("competitor", vocabulary.competitors),
            ("country", vocabulary.countries), ("region", vocabulary.regions), ("state", vocabulary.states),
            ("payment_method", vocabulary.payment_methods), ("seller", vocabulary.sellers)]
        for kind, values in names:
            for v in values:
                norm = normalise(v)
                if norm:
                    keys = {norm, _singular(norm), norm.replace(" ", "")}
                    if kind in PLACES:  # a country code ("IN", "US") is a common word: named by its aliases only
                        if kind == "country" and (code := _CAPITAL_CODES.get(norm, norm)) and len(code) <= 3:
                            self.country_codes[code] = v  # ... or written in capitals ("Texas, US")
                        keys = {k for k in keys if k not in STOP_WORDS and k not in _SHORT_WORDS
                                and (len(k) > 2 or kind == "state")}  # a state code ("SP", "CA") names it
                        keys |= {normalise(o) for o in COUNTRY_ALIASES.get(norm, ())} if kind == "country" else set()
                    if kind == "channel":
                        keys |= {normalise(o) for o in CHANNEL_ALIASES.get(norm, ()) if normalise(o) != norm}
                    if kind == "category" and " " not in norm and len(norm) > 3:
                        keys |= {norm + "ware", norm + "wares"}  # "homewares": the Home category's goods
                    for key in keys:
                        if key:
                            self.phrases.setdefault(key, []).append(_Phrase(kind, v, norm))
        self._add_online(vocabulary.channels)
        self._add_brand_prefixes(vocabulary.brands)
        self.max_phrase_tokens = max((len(k.split()) for k in self.phrases), default=1)

    def _add_online(self, channels: list[str]) -> None:
        """Online names every channel but the shop's tills when no channel is called so ("only online").

        A merchant selling on the web, Amazon and eBay and at a point of sale means all three by "online"; with no
        point of sale every channel is online, and the word names no filter.
        """
        if "online" in self.phrases:
            return
        online = [c for c in channels if normalise(c) not in IN_PERSON]
        if online and len(online) < len(channels):
            self.phrases["online"] = [_Phrase("channel", c, normalise(c)) for c in online]

    def _add_brand_prefixes(self, brands: list[str]) -> None:
        """A brand said by its first word(s): "Acme" for "Acme Home", "the Nordic range" for "Nordic Living Co.".

        A merchant shortens a long brand to its leading words. Such a prefix names the brand when no other name of
        the tenant (a category, channel, competitor, place) is spelled so; a prefix two brands share names both,
        and the answer then sets out each (the brand taken is always said in full). Common words ("the", "home"
        as a leading word of "Home Essentials" when Home is a category) are never a prefix.
        """
        shared: dict[str, list[str]] = {}
        for brand in brands:
            words = normalise(brand).split()
            for n in range(1, len(words)):
                key = " ".join(words[:n])
                if len(key) < 3 or key in STOP_WORDS or key in _SHORT_WORDS or words[n - 1] in _BRAND_GENERIC:
                    continue
                shared.setdefault(key, []).append(brand)
        for key, owners in shared.items():
            if key not in self.phrases:  # a name spelled so (a category, a one-word brand) keeps its meaning
                self.phrases[key] = [_Phrase("brand", b, normalise(b)) for b in dict.fromkeys(owners)]

    def knows_word(self, word: str) -> bool:
        """Whether ``word`` (or its singular) appears in any product title or name of the tenant."""
        norm = normalise(word)
        if not norm:
            return True
        return any(w in self.token_titles or w in self.phrases or w in self.sku_codes for w in {norm, *singulars(norm)})

    def closest_titles(self, name: str, limit: int = 3) -> list[str]:
        """The product titles most like ``name`` (for "did you mean"), best first."""
        from rapidfuzz import fuzz, process

        found = process.extract(normalise(name), self.titles, scorer=fuzz.token_set_ratio, limit=limit,
                                score_cutoff=70)
        titles = [p.title for p in self.vocabulary.products]
        if found:
            return [titles[i] for _, _, i in found]
        if (named := self._named_skus(name, limit)):  # a till's products named by their codes (CROISSANT)
            return named
        # "lamp shade" is like no title as a whole: the titles that hold one of its words ("... Desk Lamp")
        # ("golden toasters": the titles with a toaster, the plural asked against the singular in titles)
        words = {_singular(w) for w in normalise(name).split() if len(w) > 2}
        sharing = [t for t, n in zip(titles, self.titles, strict=True) if words & {_singular(w) for w in n.split()}]
        return list(dict.fromkeys(sharing))[:limit]

    def _named_skus(self, name: str, limit: int) -> list[str]:
        """Product codes that are names (``CROISSANT``, ``PAIN AU CHOCOLAT``) most like ``name``, best first."""
        from rapidfuzz import fuzz, process

        codes = [sku for sku in self.vocabulary.skus if _NAME_CODE.fullmatch(sku)]
        if not codes:
            return []
        asked = normalise(name)
        found = process.extract(asked, [normalise(c) for c in codes], scorer=fuzz.ratio, limit=limit, score_cutoff=75)
        return [codes[i] for _, _, i in found]

    # ---- matching ------------------------------------------------------------------------------------

    def find(self, question: str) -> list[EntityMatch]:
        """Every name in ``question``, longest first where they overlap (SKUs, then names, then titles)."""
        matches = self._skus(question)
        taken = [m.span for m in matches]
        words = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"[A-Za-z0-9][A-Za-z0-9'&.]*", question)]
        words = [(_POSSESSIVE.sub("", w.lower().rstrip(".")), s, e) for w, s, e in words]
        # a long title mention first ("Northwind Classic Throw Blanket" is a product, not the brand), then names
        matches += self._titles(words, taken, min_words=3)
        taken = [m.span for m in matches]
        matches += self._names(words, taken)
        taken = [m.span for m in matches]
        matches += self._titles(words, taken)
        matches += self._country_codes(question, [m.span for m in matches])
        matches += self._place_code(question, [m.span for m in matches])
        return sorted(_narrowed_by_codes(matches, question), key=lambda m: m.span[0])

    def _place_code(self, question: str, taken: list[tuple[int, int]]) -> list[EntityMatch]:
        """A country or state code in capitals the data holds by name or code ("and in DE?" -> Germany).

        Which place a code is (CA: California or Canada) is decided by the columns holding it
        (:mod:`shared.questions.place_codes`).
        """
        asked = asked_code(question)
        if asked is None or _overlaps(asked[1], taken):
            return []
        read = read_code(asked[0], self.vocabulary.countries, self.vocabulary.states)
        return [] if read is None else [EntityMatch(read.kind, (read.value,), read.value, asked[1])]

    def _country_codes(self, question: str, taken: list[tuple[int, int]]) -> list[EntityMatch]:
        """Country codes written in capitals ("sales in Texas, US", "UK orders") in a question not all in capitals.

        A code such as "US" or "IN" is also a word, so it is no name in lower case; in capitals among lower-case
        words it is the country.
        """
        if not self.country_codes or not re.search(r"[a-z]", question):
            return []
        return [EntityMatch("country", (value,), value, m.span())
                for m in re.finditer(r"\b[A-Z]{2,3}\b", question)
                if (value := self.country_codes.get(m.group(0).lower())) is not None and not _overlaps(m.span(), taken)]

    def _skus(self, question: str) -> list[EntityMatch]:
        out: list[EntityMatch] = []
        tokens = list(_TOKEN.finditer(question))
        i = 0
        while i < len(tokens):
            t = tokens[i]
            # "SKU 123" and "KIT 0266" as two tokens, then the token alone
            if i + 1 < len(tokens) and question[t.end():tokens[i + 1].start()] in (" ", "-", "_", "#", " #"):
                pair = compact(t.group(0) + tokens[i + 1].group(0))
                sku = self.sku_codes.get(pair)
                if sku is None and tokens[i + 1].group(0).isalpha() and t.group(0).isalpha():
                    # "cookie boxes", "sourdough loaves": a two-word product code asked in the plural
                    sku = next((s for w in singulars(pair) if (s := self.sku_codes.get(w)) is not None), None)
                if sku is not None and len(pair) >= 3:
                    out.append(EntityMatch("sku", (sku,), sku, (t.start(), tokens[i + 1].end())))
                    i += 2
                    continue
            code = compact(t.group(0))
            sku = self.sku_codes.get(code)
            if sku is None and t.group(0).isalpha() and len(code) > 4 and code not in STOP_WORDS:
                # a product named by a word in its code, asked in the plural ("croissants": CROISSANT)
                sku = next((s for w in singulars(code) if (s := self.sku_codes.get(w)) is not None), None)
            if sku is None and code.startswith("sku") and len(code) > 3:
                sku = self.sku_codes.get(code[3:])
            if sku is not None and (not code.isdigit() or len(code) >= 3) and code not in STOP_WORDS:
                out.append(EntityMatch("sku", (sku,), sku, t.span()))
            i += 1
        return out

    def _names(self, words: list[tuple[str, int, int]], taken: list[tuple[int, int]]) -> list[EntityMatch]:
        out: list[EntityMatch] = []
        used = [False] * len(words)
        for n in range(min(self.max_phrase_tokens, 6), 0, -1):
            for i in range(len(words) - n + 1):
                if any(used[i:i + n]) or _overlaps((words[i][1], words[i + n - 1][2]), taken):
                    continue
                text = " ".join(w for w, _, _ in words[i:i + n]).replace("'s", "")
                norm = normalise(text)
                phrases = self.phrases.get(norm) or self.phrases.get(_singular(norm))
                score = 100.0
                if not phrases and len(norm) >= _FUZZY_MIN_CHARS and norm not in STOP_WORDS:
                    phrases, score = self._fuzzy_phrase(norm)
                if not phrases:
                    continue
                label = words[i + 1][0] if i + 1 < len(words) else ""
                if n == 1 and norm in _RANKING_WORDS:
                    # a name that is a question word ("Top", the Sale Report's category) needs its own label: "the
                    # Top category" names it, "top state by revenue" ranks states
                    phrases = [p for p in phrases if _LABEL_OF.get(p.kind) is not None
                               and _LABEL_OF[p.kind].match(label)]
                    if not phrases:
                        continue
                span = (words[i][1], words[i + n - 1][2])
                for kind in dict.fromkeys(p.kind for p in phrases):
                    vals = tuple(dict.fromkeys(p.value for p in phrases if p.kind == kind))
                    out.append(EntityMatch(kind, vals, vals[0], span, score))
                used[i:i + n] = [True] * n
        return out

    def _fuzzy_phrase(self, norm: str) -> tuple[list[_Phrase], float]:
        from rapidfuzz import fuzz, process

        keys = [k for k in self.phrases if len(k) >= _FUZZY_MIN_CHARS]
        best = process.extractOne(norm, keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_SCORE)
        if best is None:
            return [], 0.0
        return self.phrases[best[0]], float(best[1])

    def _titles(self, words: list[tuple[str, int, int]], taken: list[tuple[int, int]],
                min_words: int = 1) -> list[EntityMatch]:
        """Product titles: the longest run of question words found contiguously in titles (or close to one)."""
        out: list[EntityMatch] = []
        if not self.titles:
            return out
        i = 0
        while i < len(words):
            best: tuple[int, list[int], float] | None = None
            for n in range(min(8, len(words) - i), min_words - 1, -1):
                span = (words[i][1], words[i + n - 1][2])
                if _overlaps(span, taken):
                    continue
                toks = [normalise(w) for w, _, _ in words[i:i + n]]
                whole = n > 1 and " ".join(toks) in self.title_set  # "... storage box large": a whole title
                if not toks[0] or not toks[-1] or toks[0] in STOP_WORDS or (toks[-1] in STOP_WORDS and not whole):
                    continue
                hits = self._containing(toks)
                if hits and (n > 1 or self._distinctive(toks[0], hits)):
                    best = (n, hits, 100.0)
                    break
                if n >= 2 and len(" ".join(toks)) >= 8:
                    fuzzy = self._fuzzy_title(" ".join(toks))
                    if fuzzy is not None:
                        best = (n, [fuzzy[0]], fuzzy[1])
                        break
            if best is None:
                i += 1
                continue
            n, hits, score = best
            skus = tuple(self.vocabulary.products[h].sku for h in hits)
            if self.vocabulary.same_titles:  # the catalogue's products of those titles past the ones kept
                titles = dict.fromkeys(self.vocabulary.products[h].title for h in hits)
                more = [sku for t in titles for sku in self.vocabulary.same_titles.get(t, [])]
                skus = tuple(dict.fromkeys([*skus, *more]))
            label = self.vocabulary.products[hits[0]].title if len(hits) == 1 else " ".join(
                w for w, _, _ in words[i:i + n])
            out.append(EntityMatch("product", skus, label, (words[i][1], words[i + n - 1][2]), score))
            i += n
        return out

    def _containing(self, toks: list[str]) -> list[int]:
        """Titles containing ``toks`` contiguously (the last word may be a plural: "kettles")."""
        variants = [toks, *(toks[:-1] + [w] for w in singulars(toks[-1]))]
        for v in variants:
            sets = [self.token_titles.get(t) for t in v]
            if any(s is None for s in sets):
                continue
            common = set.intersection(*[s for s in sets if s is not None])
            phrase = " " + " ".join(v) + " "
            hits = sorted(h for h in common if phrase in f" {self.titles[h]} ")
            if hits:
                return hits
        return []

    def _distinctive(self, token: str, hits: list[int]) -> bool:
        """A single word names products when it is not a common word and not in most titles."""
        return len(token) >= 3 and not token.isdigit() and len(hits) <= max(5, len(self.titles) // 12)

    def _fuzzy_title(self, text: str) -> tuple[int, float] | None:
        from rapidfuzz import fuzz, process

        best = process.extractOne(text, self.titles, scorer=fuzz.ratio, score_cutoff=_FUZZY_SCORE)
        return (int(best[2]), float(best[1])) if best is not None else None

    def title(self, sku: str) -> str:
        """The product title of ``sku`` (the SKU itself when it has none)."""
        return self.title_of.get(sku) or sku


#: A product code that is a name in words (a till's ``CROISSANT``, ``TRADITIONAL BAGUETTE``), not a code.
_NAME_CODE = re.compile(r"[A-Za-z][A-Za-z '&-]{2,}")


def singulars(word: str) -> list[str]:
    """The singulars a regular English plural may have (``_singular``'s, and ``loaves`` -> ``loaf``/``loafe``...).

    Candidates to look up, not one answer: ``knives`` -> ``knife``, ``loaves`` -> ``loaf``, ``gloves`` -> ``glove``;
    ``boxes`` -> ``box``, ``berries`` -> ``berry``, ``croissants`` -> ``croissant``. Empty where ``word`` is no plural.
    """
    out = [_singular(word)]
    if word.endswith("ves") and len(word) > 4:
        out += [word[:-3] + "f", word[:-3] + "fe", word[:-1]]
    if word.endswith("es") and len(word) > 4:
        out.append(word[:-1])  # "pies" -> "pie" where ``_singular`` said "py"; "shoes" -> "shoe"
    return [w for w in dict.fromkeys(out) if w != word]


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


#: What may stand between a product noun and the SKU code that narrows it: "the toaster KIT-0046", "toaster (KIT-0046)".
_BESIDE = re.compile(r"[\s(),:#-]*(?:'s|’s)?[\s(),:#-]*")


def _narrowed_by_codes(matches: list[EntityMatch], question: str) -> list[EntityMatch]:
    """``matches`` without a product noun that a SKU code right beside it narrows ("the toaster KIT-0046's price").

    The noun names several products ("toaster": three), the code one of them: the code is the product asked about.
    """
    codes = [m for m in matches if m.kind == "sku"]

    def narrowed(noun: EntityMatch) -> bool:
        if noun.kind != "product" or len(noun.values) < 2:
            return False
        for code in codes:
            if code.values[0] not in noun.values:
                continue
            lo, hi = sorted((noun.span, code.span))
            if _BESIDE.fullmatch(question[lo[1]:hi[0]]):
                return True
        return False

    return [m for m in matches if not narrowed(m)]


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)
