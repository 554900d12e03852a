"""Tokenisation shared by the lexicon, the scorer and the miners: lower-case words and clause marks."""

from __future__ import annotations

from shared import regex as re

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_TOKEN = re.compile(
    r"[a-z0-9]+(?:['\-+][a-z0-9]+)*\+?"  # words, contractions, hyphenated words, "a+"
    r"|[:;=]-?[()dp/](?![/\w])|<3"  # emoticons (rated in VADER's lexicon)
    r"|[\U0001F300-\U0001FAFF\u2600-\u27BF]"  # emoji (rated in the domain layer)
    r"|[.!?;,]|\$"
)

#: Tokens that end a clause (sentence punctuation and commas).
CLAUSE_PUNCT: frozenset[str] = frozenset({".", "!", "?", ";", ","})
#: Tokens that end a sentence.
SENTENCE_PUNCT: frozenset[str] = frozenset({".", "!", "?", ";"})


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens (contractions and hyphenated words kept whole) plus ``. ! ? ; , $``."""
    return _TOKEN.findall(text.lower().translate(_APOSTROPHES))
