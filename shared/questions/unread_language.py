"""Questions written in a language the reader does not read ("上个月的销售额", "hoeveel omzet vorige maand").

The reader reads English, with the shop words and periods of Spanish, German, French, Portuguese and Italian written
in English first (:mod:`shared.questions.foreign_words`). A question in another script, or in another language
written in Latin letters, matched nothing the reader knows and fell through to the agents' overview of the whole
shop: an answer to a question nobody asked. It is said plainly instead, naming the language when it is recognised.
Pure.
"""

from __future__ import annotations

import unicodedata

from shared import regex as re

#: Unicode script names (the first word of a letter's name) and the language a question in them is most likely in.
_SCRIPTS = {
    "CJK": "Chinese or Japanese",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "HANGUL": "Korean",
    "CYRILLIC": "Russian or another Cyrillic-script language",
    "ARABIC": "Arabic",
    "HEBREW": "Hebrew",
    "GREEK": "Greek",
    "THAI": "Thai",
    "DEVANAGARI": "Hindi",
    "BENGALI": "Bengali",
    "TAMIL": "Tamil",
    "ARMENIAN": "Armenian",
    "GEORGIAN": "Georgian",
}
#: Common question and shop words of languages written in Latin letters that the reader does not read. Each is no
#: English word, nor a word of the five languages the reader writes in English.
_LATIN_WORDS = {
    "Dutch": "hoeveel omzet vorige afgelopen bestellingen verkopen verkocht klanten welke hoeveelheid deze maand "
    "jaar vorig gisteren vandaag",
    "Swedish, Danish or Norwegian": "hur mycket många förra försäljning beställningar kunder igår hvor mange "
    "salg sidste forrige ordrer måned",
    "Polish": "ile sprzedaż sprzedaży zamówień zamówienia ostatni ostatnim miesiącu klientów wczoraj",
    "Turkish": "kaç satış satışlar sipariş geçen ayki müşteri dün",
    "Indonesian or Malay": "berapa penjualan pesanan bulan lalu pelanggan kemarin",
    "Czech": "kolik tržby objednávek minulý měsíc zákazníků včera",
}
_LATIN_LOOKUP = {word: language for language, words in _LATIN_WORDS.items() for word in words.split()}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def unread_language(question: str) -> str | None:
    """The language ``question`` is written in when the reader cannot read it, else ``None``.

    Another script: when most of its letters are in one (a Latin SKU or "Amazon" among them does not matter).
    Latin letters: when two or more of its words are another language's question or shop words and they are at
    least half of its words ("hoeveel omzet vorige maand"; one such word among English ones stays English).
    """
    letters = [c for c in question if c.isalpha()]
    if not letters:
        return None
    scripts: dict[str, int] = {}
    for c in letters:
        if c.isascii():
            continue
        script = unicodedata.name(c, "").split(" ")[0]
        if script in _SCRIPTS:
            scripts[script] = scripts.get(script, 0) + 1
    if scripts:
        script, count = max(scripts.items(), key=lambda kv: kv[1])
        if count * 2 >= len(letters):
            return _SCRIPTS[script]
    words = [w.lower() for w in _WORD.findall(question)]
    foreign = [_LATIN_LOOKUP[w] for w in words if w in _LATIN_LOOKUP]
    if len(foreign) >= 2 and len(foreign) * 2 >= len(words):
        return max(set(foreign), key=foreign.count)
    return None


def unread_language_answer(language: str) -> str:
    """The plain answer to a question in ``language``: what the reader reads, and how to ask."""
    return (
        f"This question looks like {language}, which the question reader does not read, so it was not answered. "
        "Ask in English (Spanish, German, French, Portuguese and Italian words for sales, orders, units, customers "
        'and periods are understood too), for example "revenue last month" or "orders last week".'
    )
