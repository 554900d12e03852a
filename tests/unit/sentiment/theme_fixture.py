"""Hand-labelled complaint phrases (theme -> paraphrases) and a generated review set built from them."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

#: Written for these tests: each theme's phrases say the same thing in different words.
LABELLED: dict[str, list[str]] = {
    "battery": ["battery died", "won't hold a charge", "drains overnight", "battery life is terrible",
                "needs charging every few hours", "the battery drains fast", "stopped charging after a month"],
    "strap": ["strap broke", "the strap snapped after a week", "buckle came off", "band tore at the clasp"],
    "delivery": ["arrived late", "took three weeks to ship", "delivery was slow", "package arrived two weeks late",
                 "shipping took forever"],
    "size": ["runs small", "too tight around the waist", "size is way off", "had to order a size up",
             "fits too small"],
    "service": ["customer service never replied", "support ignored my emails", "seller was rude",
                "no response from the seller"],
    "noise": ["too loud", "makes a lot of noise", "rattles when running", "the fan is noisy"],
    "zipper": ["zipper broke", "the zip got stuck", "zipper split open"],
    "smell": ["smells like chemicals", "strong plastic odor", "stinks out of the box"],
    "screen": ["screen cracked", "display went black", "touchscreen is unresponsive"],
}
PRAISE = ["Love the colour", "Really comfortable", "Great value for money", "Easy to set up"]
AS_OF = date(2026, 11, 1)


def theme_reviews() -> pd.DataFrame:
    """Two-star reviews each raising one labelled complaint (twice per phrase), on two products.

    Battery complaints are all recent (a rising theme); the others are spread over 60 days.
    """
    rows = []
    n = 0
    for theme, phrases in LABELLED.items():
        for k, phrase in enumerate(phrases):
            for copy in range(2):
                recent = theme == "battery" or (k + copy) % 2 == 0
                day = AS_OF - timedelta(days=(n % 25) if recent else 35 + n % 20)
                rows.append({"review_id": f"T{n:03d}", "sku": "SKU-A" if copy == 0 else "SKU-B", "date": day,
                             "rating": 2, "title": None,
                             "text": f"{phrase[0].upper()}{phrase[1:]}. {PRAISE[n % len(PRAISE)]} though.",
                             "spam_score": 0.0, "spam_reasons": "[]", "truth": theme})
                n += 1
    return pd.DataFrame(rows)

#: Written after the concept table and the thresholds were fixed, and not used to change them (held out).
HELD_OUT: dict[str, list[str]] = {
    "battery": ["the charge lasts barely an hour", "had to recharge it twice a day", "battery swelled up",
                "dies after 20 minutes"],
    "delivery": ["courier lost it for a week", "came ten days after the promised date", "tracking never updated"],
    "size": ["way too big for me", "the medium is more like a small", "sleeves are too short"],
    "service": ["the seller refused to help", "emailed support three times", "rep hung up on me"],
    "leaks": ["leaks from the bottom", "water drips out of the lid", "not waterproof at all"],
    "setup": ["instructions are impossible to follow", "assembly took hours", "the manual is missing pages"],
    "colour": ["colour faded after one wash", "looks nothing like the picture",
               "the color is much darker than pictured"],
}
