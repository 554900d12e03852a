"""Product equivalence: which of our SKUs a competitor listing is.

Explicit evidence first (a merchant mapping of competitor SKU to ours, then equal GTIN, then equal ASIN,
each confidence 1.0); otherwise title/brand/size similarity (rapidfuzz) gives a 0-1 confidence.
Matches below ``review_threshold`` (default 0.80), or nearly tied with a second candidate, are flagged
for review; the analysis lowers its confidence by the match confidence.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process, utils

from shared import regex as re

_SIZE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(kg|g|mg|l|ml|cl|oz|lb|lbs|gb|tb|in|inch|cm|mm|m|pack|pk|ct|x)\b", re.I)
_UNIT_SCALE = {"kg": ("g", 1000.0), "g": ("g", 1.0), "mg": ("g", 0.001), "l": ("ml", 1000.0), "ml": ("ml", 1.0),
               "cl": ("ml", 10.0), "oz": ("g", 28.3495), "lb": ("g", 453.592), "lbs": ("g", 453.592),
               "gb": ("gb", 1.0), "tb": ("gb", 1000.0), "in": ("cm", 2.54), "inch": ("cm", 2.54),
               "cm": ("cm", 1.0), "mm": ("cm", 0.1), "m": ("cm", 100.0), "pack": ("ct", 1.0), "pk": ("ct", 1.0),
               "ct": ("ct", 1.0), "x": ("ct", 1.0)}
WEIGHTS = {"title": 0.6, "brand": 0.25, "size": 0.15}
AMBIGUITY_MARGIN = 0.02


def normalise_gtin(value: object) -> str | None:
    """GTIN-8/12/13/14 as 14 digits when its check digit is valid, else ``None``."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    digits = re.sub(r"\D", "", str(value))
    if len(digits) not in (8, 12, 13, 14):
        return None
    digits = digits.zfill(14)
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(body))
    return digits if (10 - total % 10) % 10 == check else None


def parse_size(text: object) -> tuple[float, str] | None:
    """A size like ``500 ml`` or ``0.5L`` as (quantity in base unit, base unit)."""
    if not isinstance(text, str):
        return None
    m = _SIZE.search(text)
    if not m:
        return None
    unit, scale = _UNIT_SCALE[m.group(2).lower()]
    return float(m.group(1).replace(",", ".")) * scale, unit


def size_similarity(a: object, b: object) -> float | None:
    """1.0 for equal sizes (2% tolerance, unit-aware), 0.0 for different ones, None when unknown."""
    pa, pb = parse_size(a), parse_size(b)
    if pa is None or pb is None:
        if isinstance(a, str) and isinstance(b, str) and a.strip() and b.strip():
            return 1.0 if utils.default_process(a) == utils.default_process(b) else 0.0
        return None
    if pa[1] != pb[1]:
        return 0.0
    hi = max(pa[0], pb[0])
    return 1.0 if hi == 0 or abs(pa[0] - pb[0]) / hi <= 0.02 else 0.0


def _norm(value: object) -> str:
    return utils.default_process(value) if isinstance(value, str) else ""


def _explicit(listings: pd.DataFrame, products: pd.DataFrame, mappings: pd.DataFrame | None) -> pd.DataFrame:
    """The sku and method of listings matched by mapping, GTIN or ASIN (NaN where none applies)."""
    out = pd.DataFrame({"sku": pd.Series([None] * len(listings), dtype="object"),
                        "method": pd.Series([None] * len(listings), dtype="object")}, index=listings.index)
    if mappings is not None and not mappings.empty:
        keyed = mappings.drop_duplicates(["competitor", "competitor_sku"], keep="last")
        lookup = {(c, s): sku for c, s, sku in keyed[["competitor", "competitor_sku", "sku"]].itertuples(index=False)}
        hits = [lookup.get((c, s)) for c, s in zip(listings.get("competitor", pd.Series(index=listings.index)),
                                                   listings.get("competitor_sku", pd.Series(index=listings.index)),
                                                   strict=True)]
        mask = pd.Series([h is not None for h in hits], index=listings.index)
        out.loc[mask, "sku"] = [h for h in hits if h is not None]
        out.loc[mask, "method"] = "mapping"
    for key, norm in (("gtin", normalise_gtin), ("asin", lambda v: _norm(v).upper() or None)):
        if key not in listings or key not in products:
            continue
        index = {norm(v): sku for sku, v in zip(products["sku"], products[key], strict=True) if norm(v)}
        todo = out["sku"].isna()
        hits = [index.get(norm(v)) if norm(v) else None for v in listings.loc[todo, key]]
        hit_mask = pd.Series([h is not None for h in hits], index=listings.index[todo.to_numpy()])
        rows = hit_mask[hit_mask].index
        out.loc[rows, "sku"] = [h for h in hits if h is not None]
        out.loc[rows, "method"] = key
    return out


def match_listings(
    products: pd.DataFrame, listings: pd.DataFrame, *, mappings: pd.DataFrame | None = None,
    review_threshold: float = 0.80,
) -> pd.DataFrame:
    """Match each competitor listing to one of our SKUs.

    ``products``: ``sku``, ``title`` and optional ``brand``, ``size``, ``gtin``, ``asin``. ``listings``: the
    same descriptive columns plus ``competitor``/``competitor_sku``. ``mappings``: explicit
    ``competitor``, ``competitor_sku`` -> ``sku``. Returns, aligned with ``listings``: ``sku``, ``method``
    (mapping/gtin/asin/similarity/none), ``confidence`` (0-1), ``needs_review`` and ``runner_up``.
    """
    result = _explicit(listings, products, mappings)
    result["confidence"] = np.where(result["sku"].notna(), 1.0, np.nan)
    result["runner_up"] = None
    todo = result.index[result["sku"].isna()]
    if len(todo) and not products.empty:
        sub = listings.loc[todo]
        titles = [_norm(t) for t in sub.get("title", pd.Series([""] * len(sub), index=sub.index))]
        ptitles = [_norm(t) for t in products["title"]]
        title_sim = process.cdist(titles, ptitles, scorer=fuzz.token_set_ratio, dtype=np.float32) / 100.0
        num = WEIGHTS["title"] * title_sim
        den = np.full_like(num, WEIGHTS["title"])
        for field, compare in (("brand", lambda a, b: None if not (_norm(a) and _norm(b))
                                else float(_norm(a) == _norm(b))),
                               ("size", size_similarity)):
            if field not in sub or field not in products:
                continue
            mat = np.array([[compare(a, b) for b in products[field]] for a in sub[field]], dtype=object)
            known = np.vectorize(lambda v: v is not None)(mat) if mat.size else np.zeros_like(num, bool)
            vals = np.where(known, mat, 0.0).astype("float64")
            num += WEIGHTS[field] * vals
            den += WEIGHTS[field] * known
        score = num / den
        order = np.argsort(-score, axis=1)
        best = order[:, 0]
        best_score = score[np.arange(len(todo)), best]
        second = score[np.arange(len(todo)), order[:, 1]] if score.shape[1] > 1 else np.zeros(len(todo))
        skus = products["sku"].to_numpy()
        result.loc[todo, "sku"] = skus[best]
        result.loc[todo, "method"] = "similarity"
        result.loc[todo, "confidence"] = np.round(best_score, 4)
        ambiguous = (best_score - second) < AMBIGUITY_MARGIN
        if score.shape[1] > 1:
            runner = [str(skus[j]) if amb else None for j, amb in zip(order[:, 1], ambiguous, strict=True)]
            result.loc[todo, "runner_up"] = pd.Series(runner, index=todo, dtype="object")
    result["method"] = result["method"].fillna("none")
    result["confidence"] = result["confidence"].fillna(0.0)
    result["needs_review"] = (result["confidence"] < review_threshold) | result["runner_up"].notna()
    return result[["sku", "method", "confidence", "needs_review", "runner_up"]]


def listing_confidence(
    obs: pd.DataFrame, products: pd.DataFrame, listings: pd.DataFrame, *, review_threshold: float = 0.80,
) -> tuple[pd.Series, list[str]]:
    """Match confidence for each observation row, checking mapped rows against competitor listings.

    ``obs`` rows name our ``sku`` plus ``competitor``/``competitor_sku``; ``listings`` describe competitor
    items (``competitor``, ``competitor_sku``, ``title``, optional ``brand``/``size``/``gtin``/``asin``).
    A row whose listing matches its SKU by GTIN/ASIN keeps 1.0; by similarity it takes the similarity
    score; a listing that matches a different SKU better gets 0.0 and a warning. Rows without a listing
    are explicit mappings (1.0).
    """
    conf = pd.Series(1.0, index=obs.index)
    warnings: list[str] = []
    if listings.empty or products.empty or "competitor_sku" not in obs:
        return conf, warnings
    listings = listings.drop_duplicates(["competitor", "competitor_sku"], keep="last").reset_index(drop=True)
    matched = match_listings(products, listings, review_threshold=review_threshold)
    table = pd.concat([listings[["competitor", "competitor_sku"]], matched], axis=1)
    # how well each listing matches the SKU it is mapped to in obs
    pairs = obs[["sku", "competitor", "competitor_sku"]].dropna().drop_duplicates()
    pairs = pairs.merge(table, on=["competitor", "competitor_sku"], how="inner", suffixes=("", "_best"))
    if pairs.empty:
        return conf, warnings
    scored = []
    for sku, competitor, item, best, method, score in zip(
        pairs["sku"], pairs["competitor"], pairs["competitor_sku"], pairs["sku_best"], pairs["method"],
        pairs["confidence"].astype("float64").tolist(), strict=True,
    ):
        if sku == best:
            scored.append(score)
        else:
            scored.append(0.0)
            warnings.append(f"{competitor} item {item} is mapped to {sku} but looks like {best} "
                            f"({method}, {score:.2f}): check the mapping")
    pairs["score"] = scored
    key = obs[["sku", "competitor", "competitor_sku"]].merge(pairs[["sku", "competitor", "competitor_sku", "score"]],
                                                              how="left", on=["sku", "competitor", "competitor_sku"])
    conf = pd.Series(key["score"].fillna(1.0).to_numpy(), index=obs.index)
    return conf, warnings
