"""The currency an upload states for its rows that name none (``?currency=EUR``, or in a signed-URL request).

A merchant's export often has prices without a currency column; the upload says it once, for the file. The
code is checked against ISO 4217 (a typo is refused with 400, never stored), kept in the raw object's metadata
(direct uploads) or in a document keyed by the upload id (signed uploads, whose bytes go straight to the
bucket), and applied at ingest to the sales, product and competitor-price rows whose own currency is empty.
Rows that name a currency keep it. Without one, the tenant's saved currency setting stays the fallback the
answers name (``shared.orchestration.descriptive.currency_hint``): a setting is not written into the data.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from shared.errors import InvalidInput

#: Quality flag of a row whose empty ``currency`` was taken from its upload.
CURRENCY_FROM_UPLOAD = "currency:from_upload"
#: Quality flag of a row whose empty ``currency`` was taken from its money columns' names (``Total (ARS)``).
CURRENCY_FROM_HEADER = "currency:from_header"

#: Active ISO 4217 currency codes (funds and precious metals excluded).
ISO_4217: frozenset[str] = frozenset("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF
CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL
HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL
MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON
RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS
UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL
""".split())


def upload_currency(value: object) -> str | None:
    """``value`` as an ISO 4217 code (upper-cased), ``None`` when not given; 400 for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    code = value.strip().upper() if isinstance(value, str) else ""
    if code not in ISO_4217:
        raise InvalidInput(f"currency must be an ISO 4217 code such as USD, EUR or GBP (got {str(value)[:12]!r})",
                           details={"field": "currency"})
    return code


def fill_currency(parsed: dict[str, pd.Series], index: pd.Index, currency: str | None) -> np.ndarray:
    """Set ``parsed["currency"]`` to ``currency`` where it is empty; the mask of rows filled."""
    if currency is None:
        return np.zeros(len(index), dtype=bool)
    given = parsed.get("currency")
    missing = given.isna() if given is not None else pd.Series(True, index=index)
    if not missing.any():
        return np.zeros(len(index), dtype=bool)
    base = given if given is not None else pd.Series(pd.NA, index=index, dtype=object)
    parsed["currency"] = base.astype(object).where(~missing, currency)
    return missing.to_numpy(dtype=bool)


def with_upload_flag(flags: pd.Series, rows: np.ndarray, flag: str = CURRENCY_FROM_UPLOAD) -> pd.Series:
    """``flags`` (JSON lists) with ``flag`` (by default :data:`CURRENCY_FROM_UPLOAD`) added on ``rows``."""
    if not rows.any():
        return flags
    values = flags.astype(object)
    added = {v: json.dumps([*json.loads(v), flag]) for v in pd.unique(values[rows])}
    return values.where(~rows, values.map(added)).astype(flags.dtype)
