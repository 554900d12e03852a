"""Place codes written in capitals ("and in DE?", "what about CA"): which country or state the data means by them.

A two-letter code is a country (ISO 3166: DE Germany, CA Canada) or a US state or Canadian province (postal: CA
California, DE Delaware); many are both. Which one a merchant means is decided by the data's own columns: the
country column holding Canada (or "CA") makes CA Canada, a state column holding California (or "CA") makes it
California. When both hold it the state is read (a state is the finer place, and a merchant naming a code beside
country names would spell the country out) and the answer says which reading it took and the other; when neither
does, the data cannot answer for the place, and the refusal names every reading of the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from shared import regex as re

#: ISO 3166-1 alpha-2 codes of the countries e-commerce exports name most, with their English names.
COUNTRY_CODES: dict[str, str] = {
    "US": "United States",
    "GB": "United Kingdom",
    "UK": "United Kingdom",
    "IE": "Ireland",
    "CA": "Canada",
    "MX": "Mexico",
    "BR": "Brazil",
    "AR": "Argentina",
    "CL": "Chile",
    "CO": "Colombia",
    "PE": "Peru",
    "FR": "France",
    "DE": "Germany",
    "ES": "Spain",
    "PT": "Portugal",
    "IT": "Italy",
    "NL": "Netherlands",
    "BE": "Belgium",
    "LU": "Luxembourg",
    "CH": "Switzerland",
    "AT": "Austria",
    "SE": "Sweden",
    "NO": "Norway",
    "DK": "Denmark",
    "FI": "Finland",
    "IS": "Iceland",
    "PL": "Poland",
    "CZ": "Czechia",
    "SK": "Slovakia",
    "HU": "Hungary",
    "RO": "Romania",
    "BG": "Bulgaria",
    "GR": "Greece",
    "CY": "Cyprus",
    "MT": "Malta",
    "SI": "Slovenia",
    "HR": "Croatia",
    "EE": "Estonia",
    "LV": "Latvia",
    "LT": "Lithuania",
    "TR": "Turkey",
    "UA": "Ukraine",
    "RU": "Russia",
    "IL": "Israel",
    "AE": "United Arab Emirates",
    "SA": "Saudi Arabia",
    "EG": "Egypt",
    "MA": "Morocco",
    "ZA": "South Africa",
    "NG": "Nigeria",
    "KE": "Kenya",
    "IN": "India",
    "PK": "Pakistan",
    "BD": "Bangladesh",
    "CN": "China",
    "HK": "Hong Kong",
    "TW": "Taiwan",
    "JP": "Japan",
    "KR": "South Korea",
    "SG": "Singapore",
    "MY": "Malaysia",
    "TH": "Thailand",
    "VN": "Vietnam",
    "PH": "Philippines",
    "ID": "Indonesia",
    "AU": "Australia",
    "NZ": "New Zealand",
}
#: US states' and Canadian provinces' postal codes, with their names.
STATE_CODES: dict[str, str] = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "DC": "District of Columbia",
    "ON": "Ontario",
    "QC": "Quebec",
    "BC": "British Columbia",
    "AB": "Alberta",
    "MB": "Manitoba",
    "SK": "Saskatchewan",
    "NS": "Nova Scotia",
    "NB": "New Brunswick",
}
#: Codes that are also everyday words or abbreviations in capitals ("IT", "OK", "ID", "ON", "OR", "ME", "IS"):
#: a place only after a word that puts sales in a place ("in", "from", "to"), never bare in a follow-up.
_WORD_LIKE = frozenset(
    {
        "IT",
        "OK",
        "ID",
        "ON",
        "OR",
        "ME",
        "IS",
        "IN",
        "AT",
        "NO",
        "HI",
        "MA",
        "PA",
        "LA",
        "AS",
        "BE",
        "TO",
        "SO",
        "AM",
        "BY",
        "GO",
        "DO",
        "MY",
    }
)
#: A code after a word that puts sales in a place ("in DE", "from CA", "shipped to NY").
_AFTER_PLACE_WORD = re.compile(r"\b(?:in|from|to|for|across|within|inside)\s+(?:the\s+)?([A-Z]{2})\b(?![-\w])")
#: A code alone in a short follow-up ("what about CA", "and DE?", "CA?").
_BARE = re.compile(r"^\s*(?:(?:and|what about|how about|same for|ok|now)[\s,]+)*([A-Z]{2})\s*[?.!]*\s*$")

Kind = Literal["country", "state"]


@dataclass(frozen=True)
class CodeReading:
    """What a place code was read as: its kind, the data's own value, and the words that say so ("" when plain)."""

    kind: Kind
    value: str
    note: str


def asked_code(question: str) -> tuple[str, tuple[int, int]] | None:
    """The place code a question names in capitals, and where; ``None`` when it names none."""
    if not re.search(r"[a-z]", question):
        return None  # a question all in capitals: its two-letter words are words
    for m in _AFTER_PLACE_WORD.finditer(question):
        if m.group(1) in COUNTRY_CODES or m.group(1) in STATE_CODES:
            return m.group(1), m.span(1)
    bare = _BARE.match(question)
    if bare and bare.group(1) not in _WORD_LIKE and (bare.group(1) in COUNTRY_CODES or bare.group(1) in STATE_CODES):
        return bare.group(1), bare.span(1)
    return None


def code_names(code: str) -> list[str]:
    """Every place ``code`` may be: "DE" -> ["Germany", "Delaware"]."""
    return [n for n in (COUNTRY_CODES.get(code), STATE_CODES.get(code)) if n]


def _held(code: str, name: str | None, values: list[str]) -> str | None:
    """The data's value ``code`` stands for among ``values``: the code itself or the place's name, any case."""
    wanted = {code.lower(), *([name.lower()] if name else [])}
    return next((v for v in values if v.strip().lower() in wanted), None)


def read_code(code: str, countries: list[str], states: list[str]) -> CodeReading | None:
    """Which of the data's places ``code`` names, decided by the columns that hold it; ``None`` when none does."""
    country = _held(code, COUNTRY_CODES.get(code), countries)
    state = _held(code, STATE_CODES.get(code), states)
    if state is not None:
        other = f", not the country {COUNTRY_CODES[code]}" if code in COUNTRY_CODES else ""
        both = " (your data also records that country)" if country is not None else ""
        name = STATE_CODES.get(code, state)
        note = f"{code} is read as the state {name} (a state your sales record{other}){both}. " if other else ""
        return CodeReading("state", state, note)
    if country is not None:
        name = COUNTRY_CODES.get(code, country)
        other = f", not the state {STATE_CODES[code]}" if code in STATE_CODES else ""
        note = f"{code} is read as the country {name} (a country your sales record{other}). " if other else ""
        return CodeReading("country", country, note)
    return None


def code_note(question: str, countries: list[str], states: list[str]) -> str:
    """The words saying which place a code was read as when it could be two ("CA is read as the state ..."), or ""."""
    asked = asked_code(question)
    read = read_code(asked[0], countries, states) if asked is not None else None
    return read.note.strip() if read is not None else ""
