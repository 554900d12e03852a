"""Shop words of other languages written in English before reading ("ventas last month", "umsatz letzte Woche").

Merchants who write English as a second language mix in their own words for the figures and periods they ask about:
Spanish, German, French, Portuguese and Italian sales, orders, units and customers, "how many", and the common
periods ("el mes pasado", "letzte Woche", "hier"). Each is replaced by the English the reader knows; a word that is one
of the tenant's own names (a product, a channel) is kept. Only whole words and phrases of these few classes are
written out: the rest of the question is read as it is. Pure.
"""

from __future__ import annotations

from collections.abc import Callable

from shared import regex as re

#: (English, the other languages' phrases), longest phrases first within a class; articles before a period go with it.
_ARTICLE = r"(?:(?:el|la|del|de la|de|le|du|der|die|das|im|in|o|a|do|da|il|lo|nel|nella|dello)\s+)?"
_PHRASES: tuple[tuple[str, str], ...] = (
    # periods
    (
        "last month",
        _ARTICLE + r"(?:mes pasado|mes anterior|letzten monat|letzter monat|vormonat|mois dernier|"
        r"mois pr[ée]c[ée]dent|m[êe]s passado|m[êe]s anterior|mese scorso)",
    ),
    (
        "last week",
        _ARTICLE + r"(?:semana pasada|semana anterior|letzte[nr]? woche|vorwoche|semaine derni[èe]re|"
        r"semaine pr[ée]c[ée]dente|semana passada|settimana scorsa)",
    ),
    (
        "last year",
        _ARTICLE + r"(?:a[ñn]o pasado|a[ñn]o anterior|letztes jahr|letzten jahr|vorjahr|"
        r"ann[ée]e derni[èe]re|ano passado|anno scorso)",
    ),
    ("this month", r"(?:este mes|diese[nm]? monat|ce mois(?:-ci)?|este m[êe]s|questo mese)"),
    ("this week", r"(?:esta semana|diese[nr]? woche|cette semaine|questa settimana)"),
    ("this year", r"(?:este a[ñn]o|dieses jahr|diesem jahr|cette ann[ée]e|este ano|quest'anno|questo anno)"),
    ("yesterday", r"(?:ayer|gestern|hier|ontem|ieri)"),
    ("today", r"(?:hoy|heute|aujourd'hui|hoje|oggi)"),
    # breakdowns
    ("by channel", r"(?:por canal|nach kanal|par canal|per canale)"),
    ("by category", r"(?:por categor[íi]a|nach kategorie|par cat[ée]gorie|per categoria)"),
    ("by product", r"(?:por producto|por produto|nach produkt|par produit|per prodotto)"),
    # how many
    ("how many", r"(?:cu[áa]nt[oa]s|wie ?viele|combien (?:de|d')|quant[oa]s|quant[ie])"),
    # figures
    (
        "revenue",
        r"(?:chiffre d'affaires|ingresos|facturaci[óo]n|ums[äa]tze?|umsaetze|erl[öo]se?|faturamento|receita|"
        r"fatturato|ricavi)",
    ),
    ("sales", r"(?:ventas|ventes|vendas|vendite|verk[äa]ufe|verkaeufe)"),
    ("orders", r"(?:pedidos|[óo]rdenes|bestellungen|auftr[äa]ge|commandes|encomendas|ordini)"),
    ("units", r"(?:unidades|st[üu]ck|stueck|unit[ée]s|pezzi)"),
    ("customers", r"(?:clientes|kunden|clienti)"),
)
_COMPILED = tuple((english, re.compile(rf"(?<![\w'])(?:{body})(?![\w'])", re.I)) for english, body in _PHRASES)


def in_english(question: str, knows_word: Callable[[str], bool] | None = None) -> str:
    """``question`` with the other languages' shop words and periods written in English (the tenant's names kept)."""
    text = question
    for english, pattern in _COMPILED:

        def swap(m: re.Match[str], english: str = english) -> str:
            if knows_word is not None and any(knows_word(w) for w in m.group(0).split()):
                return m.group(0)
            return english

        text = pattern.sub(swap, text)
    return text
