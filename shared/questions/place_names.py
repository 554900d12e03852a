"""Well-known place names a merchant may ask about ("sales in Texas last month", "orders from Germany").

When the tenant's sales carry no place the vocabulary could match, such a name is not a product: answering for the
whole store would answer another question, so the reader refuses it as sales by region, naming what is needed.
Only names that are rarely anything else (no "Jersey", "Georgia", "Washington", "Jordan", "Chad").
"""

from __future__ import annotations

from shared import regex as re

_US_STATES = ("alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|hawaii|idaho|"
              "illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|"
              "mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york state|"
              "north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|"
              "south dakota|tennessee|texas|utah|vermont|virginia|west virginia|wisconsin|wyoming")
_PROVINCES = "ontario|quebec|british columbia|alberta|manitoba|saskatchewan|nova scotia|new brunswick"
_COUNTRIES = ("united states|usa|canada|mexico|brazil|argentina|chile|colombia|peru|united kingdom|england|scotland|"
              "wales|northern ireland|ireland|france|germany|spain|portugal|italy|netherlands|belgium|switzerland|"
              "austria|sweden|norway|denmark|finland|poland|czechia|czech republic|hungary|romania|greece|turkey|"
              "russia|ukraine|china|japan|south korea|korea|india|pakistan|bangladesh|indonesia|malaysia|singapore|"
              "thailand|vietnam|philippines|australia|new zealand|south africa|nigeria|kenya|egypt|morocco|"
              "saudi arabia|united arab emirates|uae|israel|europe|asia|africa|north america|south america|"
              "latin america|scandinavia|the eu|the us|the uk")
_CITIES = ("london|paris|berlin|madrid|rome|tokyo|new york city|los angeles|chicago|houston|toronto|sydney|"
           "melbourne|dublin|amsterdam|munich|manchester|birmingham|glasgow|edinburgh")
#: Cities a sales file may name as its place (the Retail Transactions Dataset's City, stored as the line's region):
#: the well-known ones above and the largest US cities.
_MORE_CITIES = ("new york|san francisco|seattle|boston|dallas|miami|atlanta|phoenix|philadelphia|san diego|"
                "san antonio|san jose|austin|denver|detroit|portland|las vegas|nashville|baltimore|"
                "washington d\\.?c\\.?|minneapolis|new orleans|cleveland|pittsburgh|st\\.? louis|orlando|tampa|"
                "charlotte|columbus|"
                "indianapolis|milwaukee|sacramento|kansas city|salt lake city|vancouver|montreal|calgary|ottawa|"
                "barcelona|milan|vienna|zurich|stockholm|copenhagen|oslo|lisbon|brussels|prague|warsaw|mumbai|delhi|"
                "new delhi|bangalore|bengaluru|chennai|kolkata|hyderabad|karachi|lahore|dubai|singapore|hong kong|"
                "shanghai|beijing|seoul|osaka|bangkok|jakarta|manila|sao paulo|rio de janeiro|mexico city|"
                "buenos aires|lagos|nairobi|cairo|cape town|johannesburg|auckland|brisbane|perth|leeds|liverpool|"
                "bristol")
_CITY = re.compile(rf"^(?:{_CITIES}|{_MORE_CITIES})$", re.I)


def are_cities(names: list[str]) -> bool:
    """Whether most of ``names`` (a tenant's sales regions) are cities: a file's City stored as the line's region.

    "Which city had the most revenue?" is then answered by region; regions like Superstore's West or EMEA are not
    cities, so there the question is still refused for want of a city column.
    """
    return bool(names) and 2 * sum(1 for n in names if _CITY.match(n.strip())) >= len(names)


#: A place name after a word that puts sales in it ("in", "from", "to", "for", "across").
PLACE = re.compile(rf"\b(?:in|from|to|for|across|within|inside|throughout)\s+(?P<place>{_US_STATES}|{_PROVINCES}|"
                   rf"{_COUNTRIES}|{_CITIES})\b", re.I)


def named_place(question: str) -> tuple[str, tuple[int, int]] | None:
    """The first well-known place the question puts its sales in, and where it is, or ``None``."""
    m = PLACE.search(question)
    return (m.group("place"), m.span("place")) if m else None
