"""The nineteenth pricing round's set (#18): brands said by a short name ("Acme" for the brand "Acme Home", "the
Kestrel range"), beside position per category, the rival undercutting us most often, our margin at the market's
price, rivals out of stock and what our price cuts did to sales, typos.

Run with ``BENCH_SET=36 .venv/bin/python bench/pricing_phrasings.py``. Written and measured on the code before the
round's fixes. Truths from the warehouse's competitor, sales and product rows; products picked by rule
(``bench/catalogue_picks.py``). A brand check wants the brand's full name in the answer's first sentence (which
brand was taken) and its products' median index, or how many of them are above the market of how many.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_10 import SHOP
from bench.pricing_phrasings_13 import list_prices, price_changes
from bench.pricing_phrasings_30 import brand_said, category_said, rivals_out
from bench.pricing_phrasings_34 import changes_between, changes_said, last_month, market_margin, undercut_top
from bench.review_phrasings import first_sentence

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def brand_taken(m: Market, first_word: str, full: str) -> Check:
    """The brand's full name in the first sentence, and its position (set 30's brand check on its products)."""
    position = brand_said(m, first_word)
    return lambda a, r: full in first_sentence(a) and position(a, r)


def nineteenth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:
    """(group, tenant, question, check) of the nineteenth round's set."""
    out, add = pricing_cases(SHOP)
    picks = market_picks(m.products, t.rv, m.window())
    x = picks.mapped.sku
    kettle = picks.solo.noun
    changes = price_changes(list_prices())
    end = m.sales["date"].max().date()
    cuts_month = changes_between(changes, m, *last_month(end), "down")
    acme = brand_taken(m, "Acme", "Acme Home")

    # 1. a brand by a short name or with a word for its range
    add("brand", "is Acme priced above or below competitors?", acme)
    add("brand", "how do Acme prices compare with the market?", acme)
    add("brand", "are we more expensive than the competition on the Acme range?", acme)
    add("brand", "acme vs competitor prices", acme)
    add("brand", "price position of the Acme line", acme)
    add("brand", "Acme Home prices vs the market", acme)
    add("brand", "is the Kestrel range overpriced against competitors?", brand_taken(m, "Kestrel", "Kestrel"))
    add("brand", "how does Trailhead stack up on price against rivals?", brand_taken(m, "Trailhead", "Trailhead"))
    add(
        "brand",
        "Brightline products: cheaper or dearer than the competition?",
        brand_taken(m, "Brightline", "Brightline"),
    )
    add("brand", "how competitive are our Fenwick prices?", brand_taken(m, "Fenwick", "Fenwick"))

    # 2. other asks a merchant makes in the same breath
    add("position", "how are we priced in Kitchen vs rivals?", category_said(m, "Kitchen"))
    add("undercut", "which rival undercuts us most often?", undercut_top(m))
    add("margin", f"our margin on the {kettle} if we charged the market price", market_margin(m, picks.solo.sku))
    add("margin", f"margin on {x} at the median competitor price", market_margin(m, x))
    add("rival stock", "which rivals are out of stock at the moment?", rivals_out(m, m.out_of_stock()))
    add("effects", "did the price cuts we made last month lift sales?", changes_said(m, cuts_month))

    # 3. typos and casual wording
    add("typos", "is acme pricd above competiters?", acme)
    add("typos", "acme rnge vs market price", acme)
    add("typos", "kestrel stuff overpriced?", brand_taken(m, "Kestrel", "Kestrel"))
    add("typos", "hw r we priced in kitchen vs rivals", category_said(m, "Kitchen"))
    return out
