"""Which way round an ambiguous numeric date is read: "05/10/2026" is 10 May in the US and 5 October elsewhere.

A slash date both of whose numbers could be the month is read the way the message itself shows (another of its dates
can only be day first, "15/11/2026", or only month first, "11/15/2026"), else the way the tenant's data is kept: sales
in US dollars are a US shop's (month first); sales in pounds, euros, Australian dollars and most other currencies, or
sold only to countries that write the day first, are read day first. With no sign either way the date stays month
first. The answer says which reading it used, so a merchant who meant the other can ask again. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shared import regex as re
from shared.questions.timephrase import MONTH_ABBR

#: A slash date with its year ("05/10/2026", "5/10/26") or without ("03/04"), not part of a longer code or an amount.
_SLASH_DATE = re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})(?:/((?:19|20)\d{2}|\d{2}))?(?![\w/.])")
#: What comes before a yearless "03/04" that is a date ("on 03/04", "from 3/4", "3/4-3/9"), not a ratio or a score.
_DATE_BEFORE = re.compile(
    r"(?:\b(?:on|from|since|for|between|to|thru|through|until|till|before|after|and|of|ending|"
    r"starting|beginning|vs|versus)|\d-)\s*$",
    re.I,
)
#: What follows a yearless date that starts a range ("3/4-3/9", "3/4 to 3/9").
_DATE_AFTER = re.compile(r"\s*(?:-|to|thru|through|until|till|and)\s*\d{1,2}/\d{1,2}(?![\d/])", re.I)
#: Currencies of countries that write the month first (the US and the places that use its dollar).
_MONTH_FIRST_CURRENCIES = frozenset({"USD"})
#: Currencies of countries that write the day first (the rest of the world, bar a few that write the year first).
_DAY_FIRST_CURRENCIES = frozenset(
    {
        "GBP",
        "EUR",
        "AUD",
        "NZD",
        "INR",
        "ZAR",
        "BRL",
        "MXN",
        "CHF",
        "SEK",
        "NOK",
        "DKK",
        "PLN",
        "CZK",
        "HUF",
        "RON",
        "TRY",
        "ILS",
        "SGD",
        "HKD",
        "MYR",
        "IDR",
        "THB",
        "VND",
        "ARS",
        "CLP",
        "COP",
        "PEN",
        "EGP",
        "NGN",
        "KES",
        "AED",
        "SAR",
        "IEP",
    }
)
#: Country names and codes sales lines may carry that write the month first.
_MONTH_FIRST_COUNTRIES = frozenset({"us", "usa", "united states", "united states of america", "america"})
_CURRENCY_NAMES = {
    "USD": "US dollars",
    "GBP": "pounds",
    "EUR": "euros",
    "AUD": "Australian dollars",
    "NZD": "New Zealand dollars",
    "INR": "rupees",
    "CAD": "Canadian dollars",
}


@dataclass(frozen=True)
class TenantConventions:
    """What a tenant's settings state (``tenants/<t>/settings/current``), when an admin saved them.

    ``currency``: the shop's currency as set (read only when its sales carry none: a settings document saved for its
    display name alone holds the default USD); ``time_zone``: an IANA zone ("Europe/London").
    """

    currency: str | None = None
    time_zone: str | None = None


#: Time zones of the US (month first); any other zone but UTC is read as a day-first country's. Canada and other
#: mixed countries decide nothing.
_MONTH_FIRST_ZONES = re.compile(
    r"^(?:US/|America/(?:New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Boise|"
    r"Detroit|Indiana/|Kentucky/|North_Dakota/|Juneau|Sitka|Nome|Adak|Menominee|Metlakatla|"
    r"Yakutat)|Pacific/Honolulu)"
)
_UNDECIDED_ZONES = re.compile(
    r"^(?:UTC|Etc/|GMT|Universal|Zulu|America/(?:Toronto|Vancouver|Edmonton|Winnipeg|"
    r"Halifax|St_Johns|Regina|Montreal)|Canada/)"
)


def zone_day_first(time_zone: str | None) -> tuple[bool, str] | None:
    """Whether a tenant in ``time_zone`` writes the day first, and why, or ``None`` when the zone does not say."""
    zone = (time_zone or "").strip()
    if not zone or _UNDECIDED_ZONES.match(zone):
        return None
    if _MONTH_FIRST_ZONES.match(zone):
        return False, f"your time zone is {zone}"
    return True, f"your time zone is {zone}"


def tenant_day_first(
    currency: str | None, countries: Sequence[str] = (), conventions: TenantConventions | None = None
) -> tuple[bool, str] | None:
    """Whether the tenant writes the day first, and why ("your sales are in pounds"), or ``None`` when unknown.

    The data decide first (the sales' currency, the countries sold to); then the settings an admin saved: their time
    zone, then their currency unless it is USD (the settings' default, saved with any other change: it says nothing;
    month first is what no sign gives anyway).
    """
    decided = _data_day_first(currency, countries)
    if decided is not None or conventions is None:
        return decided
    if (zoned := zone_day_first(conventions.time_zone)) is not None:
        return zoned
    if (conventions.currency or "").upper() in _MONTH_FIRST_CURRENCIES:
        return None
    stated = _data_day_first(conventions.currency, ())
    return None if stated is None else (stated[0], stated[1].replace("your sales are in", "your settings' currency is"))


def _data_day_first(currency: str | None, countries: Sequence[str]) -> tuple[bool, str] | None:
    code = (currency or "").upper()
    name = _CURRENCY_NAMES.get(code, code)
    if code in _MONTH_FIRST_CURRENCIES:
        return False, f"your sales are in {name}"
    if code in _DAY_FIRST_CURRENCIES:
        return True, f"your sales are in {name}"
    named = [c.strip().lower() for c in countries if c and c.strip()]
    if named and not any(c in _MONTH_FIRST_COUNTRIES for c in named):
        return True, "your sales go to countries that write the day first"
    return None


def _fmt(day: int, month: int, year: int | None) -> str:
    return f"{day} {MONTH_ABBR[month - 1]}" + (f" {year}" if year is not None else "")


def ambiguous_dates_read(text: str, day_first: tuple[bool, str] | None) -> tuple[str, str]:
    """``text`` with ambiguous slash dates written day first ("05.10.2026") when so read, and how each was read.

    The sentence is "" when no date was ambiguous. The text keeps its length, so every span stays where it was.
    """
    dates = [
        m
        for m in _SLASH_DATE.finditer(text)
        if m.group(3) or _DATE_BEFORE.search(text[: m.start()]) or _DATE_AFTER.match(text, m.end())
    ]
    if any(int(m.group(1)) > 12 >= int(m.group(2)) for m in dates) or any(
        int(m.group(2)) > 12 >= int(m.group(1)) for m in dates
    ):
        return text, ""  # another date of the message shows the order (timephrase reads them all that way)
    ambiguous = [
        m
        for m in dates
        if 1 <= int(m.group(1)) <= 12
        and 1 <= int(m.group(2)) <= 12
        and m.group(1).lstrip("0") != m.group(2).lstrip("0")
    ]
    if not ambiguous:
        return text, ""
    first, why = day_first if day_first is not None else (False, "no country or currency in your data says otherwise")
    said = []
    for m in ambiguous:
        a, b = int(m.group(1)), int(m.group(2))
        year = None if not m.group(3) else int(m.group(3)) if len(m.group(3)) == 4 else 2000 + int(m.group(3))
        day, month = (a, b) if first else (b, a)
        other = _fmt(b, a, year) if first else _fmt(a, b, year)
        said.append(
            f"{m.group(0)} is read {'day' if first else 'month'} first as {_fmt(day, month, year)} ({why}; "
            f"ask for {other} if you meant that)"
        )
        if first and year is not None:
            text = text[: m.start()] + m.group(0).replace("/", ".") + text[m.end() :]
        elif first:  # "03/04" of a day-first shop: written month first ("04/03"), as long, for the time reader
            text = text[: m.start()] + f"{m.group(2)}/{m.group(1)}" + text[m.end() :]
    return text, "; ".join(said) + ". "
