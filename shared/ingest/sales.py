"""Sales lines as merchants' exports write them -> sale records: returns, discounts, order-level fields.

The rules (also in ``docs/ingest.md``), applied to a chunk's parsed columns before validation:

1. **Order-level cells are filled down within an order.** Exports such as Shopify's write order fields
   (date, currency, channel, status, e-mail) on an order's first line only; a blank cell on a later line of
   the same order (consecutive rows with the same ``order_id``) takes the first line's value.
2. **Cancelled lines are not sales**: a status of cancelled/canceled/voided/failed/declined/unavailable is rejected
   with that reason, and so is a line a yes/no void column marks voided (Toast's ``Void?``); a status saying the goods
   came back (``returned``, ``... returned to seller``, ``... rejected by buyer``) makes the line a return (rule 3).
3. **A negative line is a return** (but one at a unit price of 0 with no money or refund is a stock adjustment,
   rejected with that reason), kept apart from sales: when units, revenue or unit price is negative,
   the line's ``returned_units`` is ``|units|`` (unless a returns column says otherwise), its ``refund`` is
   ``|revenue|`` (else ``|units| x |unit_price|``, unless a refund column says otherwise), and its ``units``
   and ``revenue`` are 0. Units are never stored negative.
4. **Discounts, refunds and returned units are amounts**: their sign is dropped (``-5.00`` off is 5.00).
5. **A line's discount** is its discount column; else ``revenue - line_net`` where the export gives the
   line's total after discounts (WooCommerce's ``item_total``). **A line's cost** is its cost column; else
   ``revenue - line_profit`` where the export gives the line's profit (Superstore's ``Profit``). **A discount
   given as a rate** ``d`` (``shared.ingest.discount``; revenue already after it) is the amount
   ``revenue x d / (1 - d)``; the line keeps the export's revenue and is marked ``discount_included``, so net
   revenue does not take the discount off twice and "sales" is the export's own figure. On a line with no revenue
   (units x unit price only) the rate is off that value: ``units x unit_price x d``, not yet taken off.
6. **Order-level discount and refund amounts are spread over the order's lines by value** (revenue, else
   units x unit price; equally when the order has no value), net of what the lines already carry: a line
   gets its own amount plus its share of ``max(order amount - sum of line amounts, 0)``, in cents that add
   up exactly. The order amount is read once per order (the first non-empty cell), so exports that repeat
   it on every line count it once. An order's refund gives its items at most what was paid for them (their
   value less discounts): the rest of a refunded total is shipping, tax or fees (``items_paid``).
7. **A customer e-mail or id is hashed** (``shared.ingest.customers``) into ``customer_hash``.
8. **In an event log only purchases are sales** (an ``event_type`` column: REES46's view/cart/remove_from_cart/
   purchase): a shopper's browsing events (views, cart additions and removals) are not sales and are counted
   as skipped, by type; an event of another type is rejected with that reason, and so is a purchase at a
   negative price (an event log has no returns). A purchase without a session is its customer's order of the day, and so
   is each line of a file with no order column that names its customers.
9. **Discounts already taken off revenue** (``loyalty_discount``, ``coupon_match_discount``: dunnhumby's
   loyalty-card and coupon-match discounts, given by the retailer, with ``sales_value`` after them) are summed into
   the line's discount, marked ``discount_included`` as a rate's amount is (rule 5).
9b. **Promotional support and a regular price** (``promo_feature``, ``promo_display``, ``promo_price_cut``: 1 or
   0; ``base_price``): the line is on promotion when any support is 1; with a regular price above the price paid
   the discount is ``(base_price - unit_price) x units``, already taken off revenue (``discount_included``).
10. **A metered quantity is no count of items** (profiles with ``metered_units``: dunnhumby's fuel lines, sold in
    thousandths of a gallon): a line of more than ``METERED_MIN_UNITS`` units at under a cent each keeps its
    revenue and counts as one unit, one sale of the measured good (``metered``).

``align_orders`` re-cuts a file's chunks so that an order's consecutive lines are never split between two
chunks (rules 1 and 6 need the whole order).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from shared import regex as re
from shared.ingest.customers import hash_customers
from shared.ingest.discount import gross_rate_amounts, rate_amounts
from shared.ingest.localised import RETURNED_WORDS, UNPAID_PAYMENTS, cancelled_word, failed_word
from shared.ingest.reader import Chunk

#: Fields exports write on an order's first line only (filled down within the order).
#: Where the order shipped is the order's too (Squarespace writes the billing and shipping blocks on its first line).
ORDER_LEVEL_FIELDS = ("date", "currency", "channel", "status", "payment_status", "customer_email", "customer_id",
                      "country", "region", "state", "payment_method", "time_of_day", "utc_offset")
#: Order statuses whose lines are not sales.
#: Olist's "unavailable" is an order the seller could not fill: not a sale either.
CANCELLED_STATUSES = frozenset({"cancelled", "canceled", "voided", "void", "failed", "declined", "unavailable",
                                "rejected", "cancel"})
#: Order statuses of lines never sold, other than a cancellation, and why: the seller refused the order (a Mirakl
#: marketplace's Refused), the shopper never finished the checkout (Shift4Shop's Not Completed, an abandoned cart), the
#: parcel never reached the buyer and came back (Jumia's Delivery Failed), the item was swapped for another whose own
#: line is the sale (a ticket exchanged for another performance: BookTix's exchanged).
NEVER_SOLD: dict[str, str] = {
    "refused": "the seller refused the order",
    "not completed": "the checkout was never completed",
    "incomplete": "the checkout was never completed",
    "abandoned": "the checkout was never completed",
    "delivery failed": "the parcel was never delivered (it came back)",
    "failed delivery": "the parcel was never delivered (it came back)",
    "undelivered": "the parcel was never delivered (it came back)",
    "exchanged": "the item was exchanged for another, whose own line is the sale",
    # a ticket or attendee removed from the event (Eventbrite's Deleted), a backer's pledge dropped when its card could
    # not be charged (Kickstarter's dropped)
    "deleted": "the ticket or order was deleted",
    "dropped": "the pledge was dropped: its payment was never collected",
}
#: A parcel returned to its origin before it reached the buyer (Meesho's ``RTO_COMPLETE``, ``RTO_LOCKED``, India's
#: couriers' "RTO"): never sold, whatever followed the code.
_RETURNED_TO_ORIGIN = re.compile(r"^(?:rto\b|rto_|return(?:ed)? to origin)")
_RTO_REASON = "the parcel was returned to its origin before it reached the buyer"
#: An order held as (suspected) fraud (DataCo's ``SUSPECTED_FRAUD``, a shop's ``Fraud``, ``fraud_review``): not sold
_FRAUD = re.compile(r"^(?:(?:suspected|possible|potential|likely)[ _])?fraud(?:[ _](?:suspected|hold|held|review))?$")
_FRAUD_REASON = "the order was held as (suspected) fraud"
#: Order statuses saying the order is not placed or not paid yet: an invoice or quote still a draft (Xero's and Zoho
#: Inventory's ``DRAFT``), a quotation (Odoo's), an order awaiting its payment (ShipStation's, BigCommerce's "Awaiting
#: Payment", WooCommerce's "Pending payment"). No sale yet, rejected with the reason, as an unpaid payment status is.
NOT_YET_STATUSES = frozenset({"draft", "quotation", "quotation sent", "quote", "estimate", "awaiting payment",
                              "awaiting_payment", "pending payment", "pending_payment", "unpaid", "not paid",
                              "payment pending", "payment_pending",
                              # an invoice sent to the buyer and not paid yet (Discogs' Invoice Sent)
                              "invoice sent"})
#: An order waiting for its payment or for the seller to take it (a Mirakl marketplace's ``Waiting for debit``,
#: ``WAITING_DEBIT_PAYMENT``, ``Waiting for acceptance``): no sale yet. (Waiting for its shipment or fulfilment, as
#: ShipStation's ``Awaiting Shipment``, it is sold.)
_WAITING = re.compile(r"^(?:waiting|awaiting)[ _](?:for[ _])?(?:payment|debit|acceptance|approval|confirmation)")
#: Status words only a payment's state uses (Shopify's Financial Status, Sellfy's and Lemon Squeezy's Status): a status
#: column writing any of them states the order's payment, so its bare ``Pending`` is a payment not taken yet, no sale
#: yet, as a pending payment beside an order status is (``pending_payments``).
PAYMENT_STATES = frozenset({"paid", "refunded", "partially refunded", "partially_refunded", "partially paid",
                            "partially_paid", "authorized", "authorised", "unpaid", "not paid"})
#: The record-key part that keeps a return line apart from the sale line of the same order line.
RETURN_LINE = "return"


#: Events of an event log that are sales.
SALE_EVENTS = frozenset({"purchase", "purchased", "order", "sale", "transaction"})
#: Events of an event log that are a shopper's browsing, not sales: counted as skipped, never stored as sales.
BROWSING_EVENTS = frozenset({"view", "cart", "remove_from_cart", "add_to_cart", "addtocart", "removefromcart",
                             "remove_from_wishlist", "add_to_wishlist", "wishlist", "click", "search"})


@dataclass
class SalesOutcome:
    """Per-row rejects found by the sales rules (``None`` where the row is fine), and rows that are no sale."""

    errors: pd.Series
    error_field: pd.Series
    #: rows that are not sales and not errors (an event log's views and cart events): counted, not stored
    skipped: np.ndarray | None = None
    skipped_events: dict[str, int] | None = None  # event type -> rows skipped
    metered: int = 0  # lines whose quantity was a measure (rule 10): stored as one unit


def _events(event: pd.Series, price: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rule 8: an event log's browsing rows (skipped), rows of other events, and purchases at a negative price."""
    lowered = event.astype(object).where(event.notna(), "").map(lambda v: str(v).strip().lower())
    browsing = np.asarray(lowered.isin(BROWSING_EVENTS).to_numpy(), dtype=bool)
    sale = np.asarray(lowered.isin(SALE_EVENTS).to_numpy(), dtype=bool)
    with np.errstate(invalid="ignore"):
        negative = sale & (price < 0)
    return browsing, ~browsing & ~sale, negative


def order_runs(order_id: pd.Series) -> np.ndarray:
    """An id per run of consecutive rows with the same order id (a row without one is its own run)."""
    codes, _ = pd.factorize(np.asarray(order_id.astype(object).where(order_id.notna(), None)),
                            use_na_sentinel=True)
    new = np.ones(len(codes), dtype=bool)
    if len(codes) > 1:
        new[1:] = (codes[1:] != codes[:-1]) | (codes[1:] == -1)
    return np.cumsum(new)


def _order_groups(order_id: pd.Series) -> np.ndarray:
    """An id per order (rows without an order id are each their own order)."""
    codes, _ = pd.factorize(np.asarray(order_id.astype(object).where(order_id.notna(), None)),
                            use_na_sentinel=True)
    alone = codes == -1
    codes = codes.astype(np.int64)
    codes[alone] = -1 - np.flatnonzero(alone)
    return codes


def order_columns_on_first_rows(columns: dict[str, Any], order_id: pd.Series) -> None:
    """A total or discount column written on each order's first row only is the order's, not that line's.

    Store exports that list an order's products a row each often write the order's own money once, on its first row
    (Nuvemshop's ``Total`` and ``Desconto``): read as the first line's revenue, the order's shipping and other lines
    were that line's sale, and its discount was taken off that line alone. Where the values prove it (every order of
    several rows has the cell on its first row and on no other), the total is dropped (the lines are valued at units x
    unit price) and the discount is the order's, spread over its lines by value.
    """
    runs = order_runs(order_id)
    first = np.ones(len(runs), dtype=bool)
    first[1:] = runs[1:] != runs[:-1]
    sizes = np.bincount(runs)[runs]
    several, later = (sizes > 1) & first, ~first
    if not later.any():
        return
    for name in ("revenue", "discount"):
        col = columns.get(name)
        if col is None or col.notna()[later].any() or not col.notna()[several].all():
            continue
        if name == "revenue" and "units" in columns and "unit_price" in columns:
            columns.pop("revenue")
        elif name == "discount" and "order_discount" not in columns:
            columns["order_discount"] = columns.pop("discount")


#: Orders of several rows that must show an order's column repeated before it is read as the order's (one such order
#: may repeat a line's value by chance: two lines of one price and one discount)
_REPEATED_ORDERS = 2


def order_columns_on_every_row(columns: dict[str, Any], order_id: pd.Series, proven: set[str] | None = None, *,
                               units_given: bool = True) -> None:
    """A total or discount repeated on every row of each order is the order's, not each line's.

    Exports that list an order's items a row each often repeat the order's own money on every row (Xero's and Zoho
    Inventory's invoice ``Total``, Square Online's ``Discount``): read as each line's, every line was sold at the
    order's total (shipping and tax in) and the order's discount was taken once per line. Where the values prove it
    (on every order of several rows the cell is the same on each row, and on at least two such orders whose lines
    differ in value it is not each line's units x unit price or is a discount above 0), the total is dropped (the lines
    are valued at units x unit price) and the discount is the order's, spread over its lines by value. ``proven`` (the
    file's, carried from chunk to chunk) holds the columns an earlier chunk proved: a last chunk of one order is read
    as the file is. ``units_given``: the file has a quantity column (else each row is one unit, its discount its own).
    """
    proven = set() if proven is None else proven
    if "unit_price" not in columns:
        return
    runs = order_runs(order_id)
    sizes = np.bincount(runs)[runs]
    several = sizes > 1
    index = order_id.index
    # a row with no quantity column is one unit (Discogs' copy of a record a row, its order's total on each)
    units = _num(columns["units"], index) if "units" in columns else np.ones(len(index))
    value = np.round(units * _num(columns["unit_price"], index), 2)
    lines_differ = _per_run(runs, value, np.ptp) > 0.005
    for name in ("revenue", "discount"):
        col = columns.get(name)
        if col is None or (name == "discount" and ("order_discount" in columns or not units_given)):
            # a unit a row (no quantity column: Cooltix's ticket, an order item) carries its own discount as it carries
            # its own price: an equal discount on each ticket of an order is each ticket's (a total that is no row's
            # own value is still the order's)
            continue
        cells = _num(col, index)
        if name not in proven:
            if np.isnan(cells[several]).any() or (_per_run(runs, cells, np.ptp)[several] > 0.005).any():
                continue
            proof = several & lines_differ & ((np.abs(cells - value) > 0.005) if name == "revenue" else (cells > 0))
            if len(np.unique(runs[proof])) < _REPEATED_ORDERS:
                continue
            proven.add(name)
        if name == "revenue":
            columns.pop("revenue")
        else:
            columns["order_discount"] = columns.pop("discount")


def _per_run(runs: np.ndarray, values: np.ndarray, how: Callable[..., Any]) -> np.ndarray:
    """``how`` (``np.ptp``: the spread) of ``values`` within each row's run, on every row of it."""
    frame = pd.DataFrame({"run": runs, "v": values})
    return np.asarray(frame.groupby("run")["v"].transform(lambda v: how(v.to_numpy())).to_numpy(), dtype="float64")


def payment_decides(columns: dict[str, Any], index: pd.Index) -> np.ndarray:
    """An order's status with its payment's beside it: the payment's decides where it says cancelled or returned.

    Returns the lines whose payment is not taken yet (no sale yet).

    An order "Fechado" (closed) whose payment was "Estornado" (given back) is a return, not a sale; an order whose
    payment failed is no sale, and one whose payment is pending ("Pendente", "awaiting payment") no sale yet, whatever
    its order status. Without an order status the payment's is the status, and a pending payment is no sale yet all
    the same: WooCommerce's Analytics leave "Pending payment" orders out by default, Magento's sales reports count
    invoiced orders, BigCommerce's "Awaiting Payment" is no sale and Ecwid's reports count paid orders. (Shopify's
    reports count an order when placed, whatever its payment: its profile maps its Financial Status as the order's
    status, not as a payment's, so a Shopify "pending" stays a sale.)
    """
    payment = columns.pop("payment_status", None)
    if payment is None:
        return np.zeros(len(index), dtype=bool)
    words = _status_words(payment)
    unpaid = np.asarray(words.map(lambda v: bool(UNPAID_PAYMENTS.search(v))).to_numpy(), dtype=bool)
    status = columns.get("status")
    if status is None:
        # a payment given back is a return (Ecwid's REFUNDED); an order status "refunded" alone is Shopify's order
        # with its Refunded Amount beside it: a sale and its refund, as before
        refunded = words.isin(("refunded", "fully refunded", "fully_refunded"))
        columns["status"] = payment.astype(object).where(~refunded, "returned")
        return unpaid
    decisive = _cancelled(payment, index) | _returned(payment, index) | unpaid
    columns["status"] = status.where(~pd.Series(decisive, index=index), payment)
    return unpaid


#: A line's return status saying the return or refund went through (``Refund Approved``, ``Return accepted``,
#: ``Refunded``); one saying it was asked, refused or withdrawn (``Requested``, ``Rejected``, ``Cancelled``) is not.
_GRANTED = re.compile(r"approved|accepted|completed|complete|refunded|returned|received|done|success|granted|closed|"
                      r"aprovad|aprobad|approuv|approvat|accettat|genehmigt|erstattet|conclu|complet|reembolsad|"
                      r"rembours|rimborsat|terugbetaald|goedgekeurd|zatwierdzon|zwr[oó]con")
_NOT_GRANTED = re.compile(r"reject|denied|declin|cancel|withdraw|dispute|pending|request|processing|in progress|not |"
                          r"rejeitad|rechazad|refus|abgelehnt|rifiutat|afgewezen|odrzucon|solicitad|pendente|pendiente|"
                          r"em andamento|en curso|nicht |não |no |non ")


def return_granted(return_status: pd.Series | None, index: pd.Index) -> np.ndarray:
    """Lines whose return status says the return or refund went through: returns, whatever the order's status."""
    if return_status is None:
        return np.zeros(len(index), dtype=bool)
    words = _status_words(return_status)
    granted = words.map(lambda v: bool(_GRANTED.search(v)) and not _NOT_GRANTED.search(v))
    return np.asarray(granted.to_numpy(), dtype=bool)


#: Cells of a yes/no column that say yes (English and the languages of ``shared.ingest.localised``).
_YES = frozenset({"true", "yes", "y", "1", "x", "t", "voided", "void", "sí", "si", "sim", "oui", "ja", "wahr", "tak",
                  "vero"})


def voided_lines(voided: pd.Series | None, index: pd.Index) -> np.ndarray:
    """Lines a yes/no void column marks voided (``Void?`` true): no sale, rejected with that reason."""
    if voided is None:
        return np.zeros(len(index), dtype=bool)
    return np.asarray(_status_words(voided).isin(_YES).to_numpy(), dtype=bool)


def fill_order_fields(columns: dict[str, pd.Series], order_id: pd.Series) -> None:
    """Fill blank order-level cells down from the order's earlier lines (in place)."""
    runs = pd.Series(order_runs(order_id), index=order_id.index)
    for name in ORDER_LEVEL_FIELDS:
        col = columns.get(name)
        if col is not None and col.isna().any():
            columns[name] = col.groupby(runs, sort=False).ffill().astype(col.dtype)


def _num(col: pd.Series | None, index: pd.Index) -> np.ndarray:
    if col is None:
        return np.full(len(index), np.nan)
    return np.asarray(col.astype("Float64").to_numpy(dtype="float64", na_value=np.nan), dtype="float64")


#: Statuses that say the goods went back (Amazon India's Sale Report: ``Shipped - Returned to Seller``).
RETURNED_STATUSES = re.compile(r"^returned$|returned to seller|returning to seller|rejected by buyer|"
                               # a return that went through (Mercari's Return Completed)
                               r"^return(?:ed)? (?:completed?|accepted|received|approved|refunded)$|"
                               # a transaction that is a refund or return (Token of Trust's Transaction Type: Sale or
                               # Refund, a row each); "refunded" alone stays an order's state (a sale and its refund)
                               r"^refund$|^return$")


def _status_words(status: pd.Series) -> pd.Series:
    """Each status as a bare lower-case word: WooCommerce's stored slug loses its ``wc-`` prefix (``wc-cancelled``)."""
    return status.astype(object).where(status.notna(), "").map(lambda v: str(v).strip().lower().removeprefix("wc-"))


def _returned(status: pd.Series | None, index: pd.Index) -> np.ndarray:
    if status is None:
        return np.zeros(len(index), dtype=bool)
    lowered = _status_words(status)
    back = lowered.map(lambda v: bool(RETURNED_STATUSES.search(v) or RETURNED_WORDS.search(v)))
    return np.asarray(back.to_numpy(), dtype=bool)


#: An order's status saying its money was given back in full.
REFUNDED_STATES = frozenset({"refunded", "fully refunded", "fully_refunded", "refund complete", "refund completed",
                             # the seller sent the buyer's money back (Discogs' Refund Sent)
                             "refund sent", "refund issued"})


#: Cells of a yes/no column (``Yes``, ``No``; ``true``/``false``): words, so a refund of 0 or 1 is no flag.
_YES_WORDS, _NO_WORDS = frozenset({"yes", "y", "true", "t"}), frozenset({"no", "n", "false", "f"})


def refund_flags_as_status(raw: pd.DataFrame) -> pd.DataFrame:
    """A refund column of yes/no words says whether the order was refunded, not how much: its status then.

    Payhip's ``Refunded`` ``Yes``/``No`` was read as an amount and every row rejected ("not a number"). A ``Yes`` row
    takes the status ``refunded`` (a sale refunded what was paid: ``_refunded_unstated``) unless its own status says
    it was cancelled; the column is no refund amount.
    """
    if "refund" not in raw:
        return raw
    cells = raw["refund"].astype(object).where(raw["refund"].notna(), "").map(lambda v: str(v).strip().lower())
    given = cells[cells != ""]
    if given.empty or not given.isin(_YES_WORDS | _NO_WORDS | {"0", "1"}).all() \
            or not given.isin(_YES_WORDS | _NO_WORDS).any():
        return raw
    yes = cells.isin(_YES_WORDS | {"1"})
    status = raw["status"] if "status" in raw else pd.Series(None, index=raw.index, dtype=object)
    kept = ~yes | pd.Series(_cancelled(status, raw.index), index=raw.index)
    return raw.drop(columns="refund").assign(status=status.astype(object).where(kept, "refunded"))


#: A yes/no cell written as a number (``1.0``/``0.0``, ``1``/``0``): a flag where the column proves to be one.
_FLAG_NUMBERS = frozenset({"0", "1", "0.0", "1.0"})


def return_flags_as_status(raw: pd.DataFrame) -> pd.DataFrame:
    """A returns column that says whether the line came back, not how many units: a ``returned`` status then.

    Kaggle's E-commerce Customer Behavior writes ``Returns`` ``1.0``/``0.0`` beside a ``Quantity`` of up to 5: read as
    a count, its flagged purchases stayed sales with one unit back. A column of yes/no words, or of 0/1 where a line
    flagged 1 sold more than one unit (no count: it flags the line), is a flag: a flagged line came back whole (the
    status ``returned``: a return of what was paid), unless its own status says it was cancelled; the column is no
    count. A 0/1 column whose flagged lines all sold one unit reads the same either way and stays a count.
    """
    if "returned_units" not in raw:
        return raw
    cells = raw["returned_units"].astype(object).where(raw["returned_units"].notna(), "")
    cells = cells.map(lambda v: str(v).strip().lower())
    given = cells[cells != ""]
    if given.empty or not given.isin(_YES_WORDS | _NO_WORDS | _FLAG_NUMBERS).all():
        return raw
    yes = cells.isin(_YES_WORDS | {"1", "1.0"})
    words = given.isin(_YES_WORDS | _NO_WORDS).any()
    units = pd.to_numeric(raw["units"], errors="coerce") if "units" in raw else pd.Series(np.nan, index=raw.index)
    if not words and not bool((yes & (units > 1)).any()):
        return raw
    status = raw["status"] if "status" in raw else pd.Series(None, index=raw.index, dtype=object)
    kept = ~yes | pd.Series(_cancelled(status, raw.index), index=raw.index)
    return raw.drop(columns="returned_units").assign(status=status.astype(object).where(kept, "returned"))


def _refunded_unstated(status: pd.Series | None, columns: dict[str, Any], index: pd.Index) -> np.ndarray:
    """Lines whose order status says refunded in a file that states no refunded amount: refunded what was paid.

    Shopify's ``refunded`` order is a sale with its ``Refunded Amount`` beside it; a course platform's or a digital
    shop's export (Teachable's, Lemon Squeezy's) says ``refunded`` and nothing more, so the sale was stored with no
    refund and the money given back was lost. The line stays a sale (as ``refunded`` alone always was) and is refunded
    its value less its discount.
    """
    if status is None or "refund" in columns or "order_refund" in columns:
        return np.zeros(len(index), dtype=bool)
    return np.asarray(_status_words(status).isin(REFUNDED_STATES).to_numpy(), dtype=bool)


def _as_return(columns: dict[str, Any], back: np.ndarray, index: pd.Index) -> None:
    """Lines whose status says the goods came back read as negative lines: ``split_returns`` makes them returns.

    A line's own discount is not given on a sale that was undone: its refund is what the buyer paid (the line's
    value less the discount, unless a refund column says otherwise) and it carries no discount.
    """
    mask = pd.Series(back, index=index)
    discount, line_net = columns.get("discount"), columns.get("line_net")
    if discount is not None or line_net is not None:
        # what was paid: the line's value less its discount, or its total after discounts where the export gives it
        off = np.nan_to_num(_num(discount, index), nan=0.0)
        value = np.round(np.clip(np.abs(line_values(columns, index)) - np.abs(off), 0, None), 2)
        net = np.abs(_num(line_net, index))
        paid = pd.Series(np.where(np.isnan(net) | (discount is not None), value, net), index=index)
        given = columns.get("refund")
        # a refund column stating 0 for a line returned in full (Gumroad's Partial Refund beside Fully Refunded?)
        # states no refund: what was paid is
        if given is None:
            refund = paid.where(mask, np.nan)
        else:
            stated = given.notna() & (_num(given, index) != 0)
            refund = given.where(~mask | stated, paid)
        columns["refund"] = refund.astype("float64")
        if discount is not None:
            columns["discount"] = discount.where(~mask, np.nan)
    for name in ("units", "revenue", "unit_price"):
        col = columns.get(name)
        if col is not None:
            columns[name] = col.where(~pd.Series(back, index=col.index), -col.abs())


def _stock_adjustments(columns: dict[str, Any], index: pd.Index) -> np.ndarray:
    """Negative lines with a unit price of 0, no money and no refund: stock write-offs, not customers' returns.

    UCI Online Retail writes damaged, lost and recounted stock as such lines on ordinary invoices (its returns
    are ``C`` invoices at the goods' price).
    """
    units, price = _num(columns.get("units"), index), _num(columns.get("unit_price"), index)
    revenue, refund = _num(columns.get("revenue"), index), _num(columns.get("refund"), index)
    with np.errstate(invalid="ignore"):
        return np.asarray((units < 0) & (price == 0) & (np.isnan(revenue) | (revenue == 0)) & np.isnan(refund),
                          dtype=bool)


def pending_payments(status: pd.Series | None, seen: set[str] | None, own: np.ndarray) -> np.ndarray:
    """Lines whose bare ``Pending`` status is a payment not taken yet: the file's status column states payments.

    A bare ``Pending`` is no sale yet on most platforms (Magento's, Squarespace's, PayPal's, Lemon Squeezy's, Sellfy's:
    placed, not paid) and a sale on Shopify's (its reports count an order when placed: its profile says so, ``sale``).
    The column tells them apart where it writes a payment's states (``paid``, ``refunded``; ``seen``: the ones the
    file wrote so far, carried across chunks); where it writes an order's progress (Amazon's ``Shipped``,
    ``Completed``) a ``Pending`` order stays a sale, as before.
    """
    if status is None:
        return np.zeros(len(own), dtype=bool)
    words = _status_words(status)
    seen = set() if seen is None else seen
    seen.update(set(words.unique()) & PAYMENT_STATES)
    if not seen:
        return np.zeros(len(own), dtype=bool)
    return np.asarray(words.eq("pending").to_numpy(), dtype=bool) & (own != "sale")


def _own_statuses(status: pd.Series | None, statuses: dict[str, str] | None, index: pd.Index) -> np.ndarray:
    """Per row, what an export's own status word means (``cancelled``, ``returned``), '' for the rest."""
    if status is None or not statuses:
        return np.full(len(index), "", dtype=object)
    lowered = _status_words(status)
    return np.asarray(lowered.map(lambda v: statuses.get(v, "")).to_numpy(), dtype=object)


def cancelled_reason(status: str) -> str:
    """Why a line of ``status`` is no sale: its payment failed (``Fallita``, ``Declined``), else it was cancelled."""
    if failed_word(status.strip().lower().removeprefix("wc-")):
        return f"order status {status!r}: the payment failed, and a failed payment is not a sale"
    return f"order status {status!r}: a cancelled order line is not a sale"


def _cancelled(status: pd.Series | None, index: pd.Index) -> np.ndarray:
    if status is None:
        return np.zeros(len(index), dtype=bool)
    lowered = _status_words(status)
    return np.asarray((lowered.isin(CANCELLED_STATUSES) | lowered.map(cancelled_word)).to_numpy(), dtype=bool)


def _never_sold(status: pd.Series | None, index: pd.Index) -> np.ndarray:
    """Lines whose status says they were never sold, other than a cancellation (``NEVER_SOLD``)."""
    if status is None:
        return np.zeros(len(index), dtype=bool)
    words = _status_words(status)
    return np.asarray((words.isin(NEVER_SOLD.keys()) | words.str.match(_RETURNED_TO_ORIGIN)
                       | words.str.match(_FRAUD)).to_numpy(), dtype=bool)


def _never_sold_reason(word: str) -> str:
    return NEVER_SOLD.get(word) or (_FRAUD_REASON if _FRAUD.match(word) else _RTO_REASON)


def split_returns(columns: dict[str, pd.Series], index: pd.Index) -> np.ndarray:
    """Turn negative lines into returns (rule 3) and drop the sign of amounts (rule 4); mask of returns."""
    units = _num(columns.get("units"), index)
    revenue = _num(columns.get("revenue"), index)
    price = _num(columns.get("unit_price"), index)
    with np.errstate(invalid="ignore"):
        is_return = (units < 0) | (revenue < 0) | (price < 0)
    for name in ("discount", "refund", "returned_units"):
        col = columns.get(name)
        if col is not None:
            columns[name] = col.abs()
    if not is_return.any():
        return is_return
    mask = pd.Series(is_return, index=index)
    returned = columns.get("returned_units")
    from_units = pd.Series(np.abs(units), index=index).round().astype("Int64")
    returned = from_units.where(mask & from_units.notna(), pd.NA) if returned is None else \
        returned.where(~mask | returned.notna(), from_units)
    columns["returned_units"] = returned.astype("Int64")
    refund = columns.get("refund")
    amount = np.where(np.isnan(revenue), np.abs(units) * np.abs(price), np.abs(revenue))
    # a return line's own discount went back with it (Square's Refund line: Gross Sales -$4.50, Discounts $0.50):
    # what was refunded is the value less that discount, and the line gives no discount
    discount = columns.get("discount")
    if discount is not None:
        off = np.nan_to_num(_num(discount, index), nan=0.0)
        amount = np.where(is_return, np.clip(amount - np.abs(off), 0, None), amount)
        columns["discount"] = discount.where(~mask, np.nan)
    amount_series = pd.Series(np.round(amount, 2), index=index)
    refund = amount_series.where(mask, np.nan) if refund is None else \
        refund.where(~mask | refund.notna(), amount_series)
    columns["refund"] = refund.astype("float64")
    if "units" in columns:
        columns["units"] = columns["units"].where(~mask | columns["units"].isna(), 0).astype("Int64")
    revenue_col = columns.get("revenue")
    zero = pd.Series(np.where(is_return, 0.0, np.nan), index=index)
    columns["revenue"] = zero if revenue_col is None else revenue_col.where(~mask, 0.0)
    if "unit_price" in columns:
        columns["unit_price"] = columns["unit_price"].abs()
    return is_return


def line_values(columns: dict[str, pd.Series], index: pd.Index) -> np.ndarray:
    """Each line's gross value: revenue, else units x unit price, else 0."""
    revenue = _num(columns.get("revenue"), index)
    derived = _num(columns.get("units"), index) * _num(columns.get("unit_price"), index)
    value = np.where(np.isnan(revenue), derived, revenue)
    return np.nan_to_num(value, nan=0.0)


def total_less_charges(columns: dict[str, Any], index: pd.Index) -> None:
    """An order's total as paid (``grand_total``) less the tax, tip and shipping in it: what the goods sold for.

    Clover's orders export gives an Order Total with the tax and tip in it and the discount already off: the sale is
    the total less its charges (its line's net; the discount is added back by ``revenue_before_discount``). Only where
    no revenue or net column is given.
    """
    total = columns.pop("grand_total", None)
    charges = [columns.pop(f, None) for f in ("tax_amount", "tip_amount", "shipping_amount", "buyer_fee")]
    if total is None or "revenue" in columns or "line_net" in columns:
        return
    net = _num(total, index) - sum((np.nan_to_num(_num(c, index), nan=0.0) for c in charges if c is not None),
                                   np.zeros(len(index)))
    columns["line_net"] = pd.Series(np.round(net, 2), index=index)
    if "discount" not in columns:  # no discount column: the net is the revenue
        columns["revenue"] = columns.pop("line_net")


def _total_beside(columns: dict[str, Any], index: pd.Index, field: str,
                  sign: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """A total proved to be units x unit price plus (``sign`` 1) or less (-1) the line's ``field`` amount.

    Proved where on every priced line with the amount the total is so and on none the bare value. Returns the total,
    units x unit price and the amount, or None where the file gives no such columns or the values do not prove it.
    """
    given = [columns.get(f) for f in ("revenue", "units", "unit_price", field)]
    if any(c is None for c in given) or "line_net" in columns:
        return None
    revenue, units, price, amount = (_num(c, index) for c in given)
    gross, extra = np.round(units * price, 2), np.abs(np.nan_to_num(amount, nan=0.0))
    with np.errstate(invalid="ignore"):
        priced = ~np.isnan(revenue) & ~np.isnan(gross) & (extra > 0.005)
        proved = np.abs(revenue - (gross + sign * extra)) <= 0.011
        bare = np.abs(revenue - gross) <= 0.011
    if not priced.any() or not proved[priced].all() or bare[priced].any():
        return None
    return revenue, gross, extra


def total_with_shipping(columns: dict[str, Any], index: pd.Index) -> None:
    """A line's total that has its shipping in it, read as units x unit price (the shipping is no product's).

    A marketplace's order lines (a Mirakl operator's ``Unit price``, ``Shipping price``, ``Total price``) give a total
    with the line's shipping charge added: read as revenue, every line's shipping was sold and refunded as goods. Where
    the values prove it (on every priced line with shipping the total is units x price plus it, on none the bare value),
    revenue is units x unit price. The shipping column is left for ``total_less_charges``.
    """
    found = _total_beside(columns, index, "shipping_amount", 1)
    if found is not None:
        revenue, gross, shipping = found
        columns["revenue"] = pd.Series(np.where(np.isnan(gross), revenue - shipping, gross), index=index)


def total_after_discount(columns: dict[str, Any], index: pd.Index) -> None:
    """A total column that is the line after its discount (units x unit price less the discount) read as such.

    Point-of-sale reports give a line's units, unit price, discount and a total (Zettle's ``Antal, Pris, Rabatt,
    Totalt``); the total read as revenue counted every discount off revenue as well. Where the values prove it (on
    every priced line with a discount the total is units x price less it, on none the undiscounted value), the total is
    the line's net and revenue its units x unit price.
    """
    found = _total_beside(columns, index, "discount", -1)
    if found is not None:
        revenue, gross, _ = found
        columns["line_net"] = columns["revenue"]
        columns["revenue"] = pd.Series(np.where(np.isnan(gross), revenue, gross), index=index)


def total_below_value(columns: dict[str, Any], index: pd.Index) -> None:
    """A line's total below its units x unit price on some lines, where no column names a discount: its net.

    Marketplaces write an item's price before its discount and the line's total after it with no discount column
    (Tokopedia's ``Harga Awal``, ``Jumlah Produk Dibeli`` and ``Total Penjualan``; Kaggle's Bike Sales ``Revenue``
    below ``Order_Quantity`` x ``Unit_Price`` on a price cut): read as revenue alone, the discount was lost. Where the
    values prove it (on every priced line the total is at most units x price, on some exactly that and on some below),
    the difference is the line's discount, already taken off (``discount_included``, as a regular price above the
    price paid is, rule 9b): the export's own total stays its revenue, so "sales" is the merchant's figure. A total
    below on every line is no discount (a price with its tax in beside a total without), and a total above on any
    (shipping in) neither.
    """
    if any(f in columns for f in ("discount", "discount_rate", "line_net", "order_discount")):
        return
    given = [columns.get(f) for f in ("revenue", "units", "unit_price")]
    if any(c is None for c in given):
        return
    revenue, units, price = (_num(c, index) for c in given)
    gross = np.round(units * price, 2)
    priced = ~np.isnan(revenue) & ~np.isnan(gross) & (gross > 0)
    if not priced.any():
        return
    with np.errstate(invalid="ignore"):
        below, whole = revenue < gross - 0.005, np.abs(revenue - gross) <= 0.005
    if (below | whole)[priced].all() and below[priced].any() and whole[priced].any():
        off = np.where(priced, np.round(np.clip(gross - revenue, 0, None), 2), np.nan)
        columns["discount"] = pd.Series(off, index=index)
        included = pd.array(priced, dtype="boolean")
        included[~priced] = pd.NA
        columns["discount_included"] = pd.Series(included, index=index)


def unit_net_price(columns: dict[str, Any], index: pd.Index) -> None:
    """An item's price after its discount beside its price before (Meesho's Supplier Discounted Price): the line's net.

    Units x the price after is what the line was paid (``line_net``: its discount is units x unit price less it); a
    row with no quantity column is one unit.
    """
    after = columns.pop("unit_net", None)
    if after is None or "line_net" in columns or "unit_price" not in columns:
        return
    units = _num(columns.get("units"), index) if "units" in columns else np.ones(len(index))
    columns["line_net"] = pd.Series(np.round(units * _num(after, index), 2), index=index)


def revenue_before_discount(columns: dict[str, Any], index: pd.Index) -> None:
    """A line's revenue where the export gives its total after the discount and the discount, not its value.

    Lightspeed X-Series (Vend) writes a sale line's ``Subtotal`` after its ``Discount``: revenue (the value before
    discounts) is the two added, so net revenue is the subtotal and "discounts given" the discounts (rule 5 the
    other way round). Only where no revenue column is given.
    """
    line_net, discount = columns.get("line_net"), columns.get("discount")
    if line_net is None or discount is None or columns.get("revenue") is not None:
        return
    net = _num(line_net, index)
    off = np.nan_to_num(_num(discount, index), nan=0.0)
    columns["revenue"] = pd.Series(np.round(net + np.sign(net) * np.abs(off), 2), index=index)
    columns.pop("line_net")


def items_paid(columns: dict[str, Any], index: pd.Index, value: np.ndarray,
               groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per line, what was paid for it and what its order's buyer paid for the order's items.

    The second is the most an order refund gives the products; the first weighs an order refund's spread (a return
    line's value is 0 by then).

    An order's refunded amount may include its shipping and tax (WooCommerce's Order Refund Amount, Squarespace's
    Amount Refunded: the order's total when refunded in full); that part is no product's refund, so net revenue
    does not go below what the items sold for. Sold lines count their value less their discounts, return lines what
    they refunded, less the order's own discount (given on the items). An order whose lines show no value is not
    capped (NaN: the stated refund is kept whole).
    """
    off = np.nan_to_num(np.abs(_num(columns.get("discount"), index)), nan=0.0)
    back = np.nan_to_num(np.abs(_num(columns.get("refund"), index)), nan=0.0)
    sold = _num(columns.get("units"), index)
    returned = (np.nan_to_num(sold, nan=0.0) == 0) & (back > 0)
    line = np.where(returned, back, np.clip(value - off, 0, None))
    order_off = np.abs(_num(columns.get("order_discount"), index))
    frame = pd.DataFrame({"g": groups, "line": line, "off": order_off})
    by = frame.groupby("g", sort=False)
    paid = (by["line"].transform("sum") - by["off"].transform("first").fillna(0.0)).clip(lower=0).to_numpy()
    return line, np.where(by["line"].transform("sum").to_numpy() > 0, np.round(paid, 2), np.nan)


def refund_at_most_paid(columns: dict[str, Any], index: pd.Index, value: np.ndarray, line_paid: np.ndarray) -> None:
    """A sold line's stated refund gives it at most what was paid for it: the rest is fees, shipping or tax.

    An order of one line refunded in full states what its buyer paid back, the booking fee or shipping in it (Ticket
    Tailor's ``Refunded amount`` beside its ``Booking fee``): read as the line's, net revenue went below what the goods
    sold for. As an order's refund is (``items_paid``), the line's is capped at its value less its discount; a partial
    refund below that is kept whole, and a return line (no units sold) keeps what it states.
    """
    refund = _num(columns.get("refund"), index)
    sold = np.nan_to_num(_num(columns.get("units"), index), nan=0.0) > 0
    over = sold & (value > 0) & ~np.isnan(refund) & (np.abs(refund) > line_paid + 0.005)
    if over.any():
        columns["refund"] = pd.Series(np.where(over, np.round(line_paid, 2), refund), index=index)


def _refunded_less_discount(columns: dict[str, Any], order_discount: pd.Series, back: np.ndarray,
                            line_paid: np.ndarray, groups: np.ndarray, index: pd.Index) -> None:
    """A sale undone by its status, no refunded amount stated: each line's refund less its share of the discount.

    Wix's Refunded order: the buyer was paid back what they paid, not the items' list value.
    """
    off = np.abs(_num(order_discount, index))
    share = spread_by_value(np.where(back, off, np.nan), np.full(len(index), np.nan), line_paid, groups)
    refund = _num(columns.get("refund"), index)
    less = np.where(back & ~np.isnan(share) & ~np.isnan(refund), np.clip(refund - np.nan_to_num(share), 0, None),
                    refund)
    columns["refund"] = pd.Series(np.round(less, 2), index=index)


def spread_by_value(order_amount: np.ndarray, line_amount: np.ndarray, value: np.ndarray,
                    groups: np.ndarray) -> np.ndarray:
    """Each line's amount plus its value share of what its order's amount adds (rule 6), in exact cents.

    ``order_amount`` is read from each order's first non-missing cell; lines of an order without one keep
    ``line_amount`` (missing stays missing).
    """
    frame = pd.DataFrame({"g": groups, "order": order_amount, "line": line_amount, "value": value})
    by = frame.groupby("g", sort=False)
    total = by["order"].transform("first").to_numpy()
    already = by["line"].transform("sum").to_numpy()
    extra_cents = np.round(np.clip(np.nan_to_num(total - already, nan=0.0), 0, None) * 100)
    weight_total = by["value"].transform("sum").to_numpy()
    count = by["value"].transform("size").to_numpy()
    weight = np.where(weight_total > 0, frame["value"].to_numpy(), 1.0)
    weight_sum = np.where(weight_total > 0, weight_total, count)
    cum = pd.Series(weight).groupby(groups, sort=False).cumsum().to_numpy()
    upto = pd.Series(np.round(extra_cents * cum / weight_sum))
    before = upto.groupby(groups, sort=False).shift(1).fillna(0.0).to_numpy()
    share = (upto.to_numpy() - before) / 100
    has_total = ~np.isnan(total)
    out = np.where(has_total, np.nan_to_num(line_amount, nan=0.0) + share, line_amount)
    return np.round(out, 2)


#: Source fields of discounts the retailer gave that the line's revenue is already after (rule 9).
DISCOUNTS_TAKEN = ("loyalty_discount", "coupon_match_discount")
#: Rule 10: a metered line has more units than this, each at under ``METERED_MAX_UNIT_VALUE``.
METERED_MIN_UNITS = 10
METERED_MAX_UNIT_VALUE = 0.01


def discounts_taken(columns: dict[str, Any], index: pd.Index) -> None:
    """Rule 9: sum the discounts already taken off revenue into ``discount``, marked ``discount_included``."""
    given = [columns.pop(name) for name in DISCOUNTS_TAKEN if name in columns]
    if not given:
        return
    amounts = np.column_stack([np.abs(_num(col, index)) for col in given])
    known = ~np.isnan(amounts).all(axis=1)
    total = np.where(known, np.round(np.nansum(amounts, axis=1), 2), np.nan)
    line = columns.get("discount")
    columns["discount"] = pd.Series(total, index=index) if line is None else \
        line.where(line.notna(), pd.Series(total, index=index))
    included = pd.array(known, dtype="boolean")
    included[~known] = pd.NA
    columns["discount_included"] = pd.Series(included, index=index)


#: Source fields of a line's promotional support, 1 or 0 (rule 9b).
PROMO_SUPPORT = ("promo_feature", "promo_display", "promo_price_cut")


def promotion_and_base_price(columns: dict[str, Any], index: pd.Index) -> None:
    """Rule 9b: ``promo`` from the promotional support columns; the discount from a regular price."""
    support = [columns.pop(name) for name in PROMO_SUPPORT if name in columns]
    if support and "promo" not in columns:
        flags = np.column_stack([_num(col, index) for col in support])
        known = ~np.isnan(flags).all(axis=1)
        promo = pd.array(np.nan_to_num(flags, nan=0.0).max(axis=1) > 0, dtype="boolean")
        promo[~known] = pd.NA
        columns["promo"] = pd.Series(promo, index=index)
    base = columns.pop("base_price", None)
    if base is None or "discount" in columns:
        return
    off = (_num(base, index) - _num(columns.get("unit_price"), index)) * _num(columns.get("units"), index)
    known = ~np.isnan(off)
    columns["discount"] = pd.Series(np.where(known, np.round(np.clip(off, 0, None), 2), np.nan), index=index)
    included = pd.array(known, dtype="boolean")
    included[~known] = pd.NA
    columns["discount_included"] = pd.Series(included, index=index)


def metered(columns: dict[str, Any], index: pd.Index) -> int:
    """Rule 10: lines whose quantity is a measure, not a count, keep their revenue and count one unit; how many.

    The Complete Journey sells fuel in thousandths of a gallon (10,601 for $25.00: 10.6 gallons at $2.36): summed
    with items, one fill-up would outweigh a year of milk. One unit (not none) keeps a basket of fuel alone an
    order, and the line a sale of its product, as it was on the receipt.
    """
    units, revenue = _num(columns.get("units"), index), _num(columns.get("revenue"), index)
    with np.errstate(invalid="ignore", divide="ignore"):
        measured = (units > METERED_MIN_UNITS) & (revenue >= 0) & (revenue / units < METERED_MAX_UNIT_VALUE)
    if measured.any():
        col = columns["units"]
        columns["units"] = col.where(~pd.Series(measured, index=col.index), 1).astype(col.dtype)
    return int(measured.sum())


def units_from_money(columns: dict[str, Any], index: pd.Index) -> None:
    """A line's missing quantity is its money over its unit price, where that is a whole number.

    The dirty Cafe Sales' ``ERROR`` quantity beside its Total Spent and Price Per Unit: the count the till rang up.
    """
    units = columns.get("units")
    if units is None or "revenue" not in columns or "unit_price" not in columns:
        return
    missing = units.isna().to_numpy()
    if not missing.any():
        return
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = _num(columns["revenue"], index) / _num(columns["unit_price"], index)
        whole = missing & np.isfinite(ratio) & (ratio >= 1) & (np.abs(ratio - np.round(ratio)) < 1e-6)
    if whole.any():
        columns["units"] = units.astype("Int64").where(~whole, pd.Series(np.round(np.where(whole, ratio, 0)),
                                                                          index=index).astype("Int64"))


def derive_sales(columns: dict[str, Any], index: pd.Index, *, defaults: dict[str, str] | None = None,
                 customer_key: Callable[[], bytes] | None = None,
                 statuses: dict[str, str] | None = None, metered_units: bool = False,
                 order_money: set[str] | None = None, payment_states: set[str] | None = None,
                 units_given: bool = True) -> SalesOutcome:
    """Apply the sales rules to a chunk's parsed columns (record and source fields), in place.

    ``statuses`` are an export's own status words read as ``cancelled``, ``returned`` (Pakistan's Magento export:
    ``refund``, ``order_refunded``) or ``unpaid`` (placed, not yet invoiced: rejected, not a sale yet) besides the
    common ones. On return ``columns`` holds record fields only; source
    fields are consumed. ``metered_units``: the export's quantities may be measures (rule 10). ``order_money``: the
    file's columns proven to repeat an order's money on each row (``order_columns_on_every_row``), kept across chunks.
    ``units_given``: the file has a quantity column (without one each row is one unit, its discount its own).
    """
    errors = pd.Series(None, index=index, dtype=object)
    error_field = pd.Series(None, index=index, dtype=object)
    units_from_money(columns, index)
    order_id = columns.get("order_id")
    if order_id is not None:
        order_columns_on_first_rows(columns, order_id)
        order_columns_on_every_row(columns, order_id, order_money, units_given=units_given)
        fill_order_fields(columns, order_id)
    payment_pending = payment_decides(columns, index)
    skipped: np.ndarray | None = None
    skipped_events: dict[str, int] | None = None
    event = columns.pop("event_type", None)
    if event is not None:
        price = np.fmin(_num(columns.get("unit_price"), index), _num(columns.get("revenue"), index))
        skipped, other, negative = _events(event, price)
        shown = event.astype(object).where(event.notna(), "")
        errors[other] = [f"event {str(v).strip().lower()!r} is not a purchase: only purchase events are sales"
                         for v in shown[other]]
        error_field[other] = "event_type"
        errors[negative] = "a purchase at a negative price is not a sale (an event log records no returns)"
        error_field[negative] = "unit_price" if "unit_price" in columns else "revenue"
        if skipped.any():
            kinds = event[skipped].astype(str).str.strip().str.lower().value_counts()
            skipped_events = {str(k): int(v) for k, v in kinds.items()}
    # a refund the lines state themselves; else a returned line's refund is derived (what was paid) and an order's
    # stated refund replaces it: the order's amount is what was refunded
    line_refunds_given = columns.get("refund") is not None
    status = columns.pop("status", None)
    own = _own_statuses(status, statuses, index)
    cancelled = _cancelled(status, index) | (own == "cancelled")
    if cancelled.any():
        assert status is not None
        shown = status.astype(object).where(status.notna(), "")
        errors[cancelled] = [cancelled_reason(str(v)) for v in shown[cancelled]]
        error_field[cancelled] = "status"
    never = _never_sold(status, index) & ~cancelled
    if never.any():
        assert status is not None
        errors[never] = [f"order status {str(v).strip()!r}: {_never_sold_reason(w)}: not a sale"
                         for v, w in zip(status[never], _status_words(status)[never], strict=True)]
        error_field[never] = "status"
        cancelled |= never
    columns.pop("order_item_id", None)  # read by ``derive_missing`` (a unit a row): no field of the record
    voided = voided_lines(columns.pop("voided", None), index) & errors.isna().to_numpy()
    if voided.any():  # a yes/no column (Toast's Void?), not a status: the line was rung up, then voided
        errors[voided] = "the line is marked voided: a voided line is not a sale"
        error_field[voided] = "voided"
    cancelled |= voided
    not_yet = (_status_words(status).isin(NOT_YET_STATUSES) | _status_words(status).str.match(_WAITING)).to_numpy(
        dtype=bool) if status is not None else False
    not_yet = not_yet | pending_payments(status, payment_states, own)
    unpaid = ((own == "unpaid") | payment_pending | not_yet) & ~cancelled
    if unpaid.any():  # placed, not yet invoiced (Magento's Pending): no payment taken, no sale yet
        assert status is not None
        errors[unpaid] = [f"order status {str(v).strip()!r}: placed but not yet invoiced (no payment taken), not a "
                          "sale yet" for v in status[unpaid]]
        error_field[unpaid] = "status"
    adjusted = _stock_adjustments(columns, index) & ~cancelled
    if adjusted.any():
        errors[adjusted] = ("a negative quantity at a price of 0 is a stock adjustment (goods damaged, lost or "
                            "recounted), not a sale or a return")
        error_field[adjusted] = "units"
    unit_net_price(columns, index)
    total_with_shipping(columns, index)
    total_less_charges(columns, index)
    total_after_discount(columns, index)
    total_below_value(columns, index)
    revenue_before_discount(columns, index)
    granted = return_granted(columns.pop("return_status", None), index)
    refunded_whole = _refunded_unstated(status, columns, index) & ~cancelled
    back = (_returned(status, index) | (own == "returned") | granted) & ~cancelled
    if back.any():
        _as_return(columns, back, index)
    returns = split_returns(columns, index)
    line_net = columns.pop("line_net", None)
    if line_net is not None:
        revenue = _num(columns.get("revenue"), index)
        # no revenue column: the line's units x unit price (Gumroad's Quantity at Item Price, Subtotal after the code)
        priced = _num(columns.get("units"), index) * _num(columns.get("unit_price"), index)
        revenue = np.where(np.isnan(revenue), priced, revenue)
        # a return line carries no discount (its revenue is 0 by now: its negative net is no discount of 0 - net)
        off = np.where(returns, 0.0, np.clip(revenue - _num(line_net, index), 0, None))
        derived = pd.Series(np.round(off, 2), index=index)
        given = columns.get("discount")
        columns["discount"] = derived if given is None else given.where(given.notna(), derived)
    line_profit = columns.pop("line_profit", None)
    if line_profit is not None:  # cost of goods = what the line sold for less its profit (never below 0)
        revenue = _num(columns.get("revenue"), index)
        with np.errstate(invalid="ignore"):
            cost = np.where(revenue > 0, np.round(np.clip(revenue - _num(line_profit, index), 0, None), 4), np.nan)
        given = columns.get("line_cost")
        derived = pd.Series(cost, index=index)
        columns["line_cost"] = derived if given is None else given.where(given.notna(), derived)
    rate = columns.pop("discount_rate", None)
    if rate is not None:  # revenue is after the discount: the amount off, marked as already taken off
        revenue = _num(columns.get("revenue"), index)
        gross = _num(columns.get("units"), index) * _num(columns.get("unit_price"), index)
        # a line without revenue is valued at units x unit price, the rate off that value and not yet taken off
        # where units x unit price is known the rate is off it, as the export worked it out (from the net total, the
        # amount is a cent off on some lines: Zoho Inventory's 10.00% beside its Item Total)
        amount = np.where(np.isnan(gross), rate_amounts(rate, revenue), gross_rate_amounts(rate, gross))
        given, derived = columns.get("discount"), pd.Series(amount, index=index)
        columns["discount"] = derived if given is None else given.where(given.notna(), derived)
        # the export's revenue stays what it states ("sales" on Superstore is its Sales column)
        included = pd.array(~np.isnan(amount) & ~np.isnan(revenue), dtype="boolean")
        included[np.isnan(amount)] = pd.NA
        columns["discount_included"] = pd.Series(included, index=index)
    discounts_taken(columns, index)
    promotion_and_base_price(columns, index)
    measured = metered(columns, index) if metered_units and "units" in columns else 0
    groups = _order_groups(order_id) if order_id is not None else np.arange(len(index))
    value = line_values(columns, index)
    line_paid, paid = items_paid(columns, index, value, groups)
    if line_refunds_given:
        refund_at_most_paid(columns, index, value, line_paid)
    if refunded_whole.any():  # a sale and its refund: what was paid for the line went back
        stated = columns.get("refund")
        given = stated if stated is not None else pd.Series(np.nan, index=index, dtype="Float64")
        columns["refund"] = given.where(~pd.Series(refunded_whole, index=index), np.round(line_paid, 2))
    for source, target in (("order_discount", "discount"), ("order_refund", "refund")):
        order_amount = columns.pop(source, None)
        if order_amount is None:
            continue
        if source == "order_refund":  # what an order refund adds beyond its items is shipping, tax or fees
            stated = np.abs(_num(order_amount, index))
            order_amount = pd.Series(np.where(np.isnan(paid), stated, np.minimum(stated, paid)), index=index)
        if source == "order_discount" and back.any():  # no discount is given on a sale undone (``_as_return``)
            if "order_refund" not in columns:  # nor refunded: its lines were paid their value less their share
                _refunded_less_discount(columns, order_amount, back, line_paid, groups, index)
            order_amount = order_amount.where(pd.Series(~back, index=order_amount.index))
        order_states_it = source == "order_refund" and not line_refunds_given
        line: np.ndarray = np.full(len(index), np.nan) if order_states_it else _num(columns.get(target), index)
        # by value; a return line's value is 0 by then: weighed by what it refunded (else the shares were equal)
        weights = np.where(value > 0, value, line_paid) if source == "order_refund" else value
        columns[target] = pd.Series(spread_by_value(np.abs(_num(order_amount, index)), line, weights, groups),
                                    index=index)
    for name, value_default in (defaults or {}).items():
        col = columns.get(name)
        if col is None and name == "units":  # an export without quantities: each line is one unit
            columns[name] = _default_units(int(value_default), returns, columns, index)
        elif col is None:
            columns[name] = pd.Series(value_default, index=index, dtype=object)
        elif col.isna().any():
            columns[name] = col.astype(object).where(col.notna(), value_default)
    promo_count = columns.pop("promo_count", None)
    if promo_count is not None:  # items on promotion: the line is on promotion when any is
        counts = _num(promo_count, index)
        flag = pd.array(np.nan_to_num(counts, nan=0.0) > 0, dtype="boolean")
        flag[np.isnan(counts)] = pd.NA
        given = columns.get("promo")
        derived = pd.Series(flag, index=index)
        columns["promo"] = derived if given is None else given.where(given.notna(), derived)
    emails, ids = columns.pop("customer_email", None), columns.pop("customer_id", None)
    if (emails is not None or ids is not None) and customer_key is not None:
        columns["customer_hash"] = hash_customers(emails, ids, customer_key())
    if event is not None or order_id is None:
        _sessionless_orders(columns, index)
    return SalesOutcome(errors, error_field, skipped, skipped_events, measured)


def _default_units(units: int, returns: np.ndarray, columns: dict[str, Any], index: pd.Index) -> pd.Series:
    """``units`` on every line of an export without quantities; on a return line (a Refunded payment) they came back.

    A return sells nothing: its units are 0 and the default is its returned units where no column gave them (it was
    a sale of one more unit, at no revenue, beside its refund).
    """
    each = pd.Series(units, index=index, dtype="Int64")
    if not returns.any():
        return each
    back = pd.Series(returns, index=index)
    given = columns.get("returned_units")
    columns["returned_units"] = each.where(back, pd.NA) if given is None else given.where(~back | given.notna(), units)
    return each.where(~back, 0)


def _sessionless_orders(columns: dict[str, Any], index: pd.Index) -> None:
    """Rule 8: a purchase without a session (order), or a line of a file without orders, is its customer's day's.

    A file with no order column that names its customers (H&M's transactions: a customer, an article and a day a
    row) is read the same way. Without an order id, two customers' purchases of one product on one day would share
    a record key and the later would replace the earlier; the id is the customer's keyed hash (never the clear id)
    and the date.
    """
    order_id, customer, day = columns.get("order_id"), columns.get("customer_hash"), columns.get("date")
    if customer is None or day is None:
        return
    missing = pd.Series(True, index=index) if order_id is None else order_id.isna() | \
        (order_id.astype(object).fillna("").astype(str).str.strip() == "")
    missing &= customer.notna() & day.notna()
    if not missing.any():
        return
    made = "customer-" + customer[missing].astype(str).str[:16] + "-" + \
        pd.to_datetime(day[missing]).dt.strftime("%Y-%m-%d")
    base = pd.Series(None, index=index, dtype=object) if order_id is None else order_id.astype(object)
    columns["order_id"] = base.where(~missing, made)


def line_kind(units: pd.Series, returned_units: pd.Series | None, refund: pd.Series | None) -> pd.Series:
    """``"return"`` for a return line (no units sold; units returned or money refunded), else missing.

    Part of a sales record key, so a return never replaces the sale line of the same order line.
    """
    index = units.index
    sold = _num(units, index)
    returned = np.nan_to_num(_num(returned_units, index), nan=0.0)
    refunded = np.nan_to_num(_num(refund, index), nan=0.0)
    is_return = (np.nan_to_num(sold, nan=0.0) == 0) & ((returned > 0) | (refunded > 0))
    kinds: list[str | None] = [RETURN_LINE if r else None for r in is_return]
    return pd.Series(kinds, index=index, dtype=object)


def align_orders(chunks: Iterable[Chunk], order_column: str, max_carry: int) -> Iterator[Chunk]:
    """The same rows, re-cut so that consecutive lines of one order stay in one chunk.

    Each chunk's trailing order is held back and put in front of the next chunk. An order longer than
    ``max_carry`` rows is let through split (bounded memory against a file whose order column is constant).
    """
    carry: Chunk | None = None
    for chunk in chunks:
        if carry is not None:
            chunk = Chunk(pd.concat([carry.frame, chunk.frame], ignore_index=True),
                          np.concatenate([carry.row_numbers, chunk.row_numbers]), carry.bad_rows + chunk.bad_rows)
        carry = None
        frame = chunk.frame
        if len(frame) == 0:
            yield chunk
            continue
        text = frame[order_column].fillna("").astype(str).str.strip()
        runs = order_runs(text.where(text != "", None))
        tail = int(np.argmax(runs == runs[-1]))
        if len(frame) - tail > max_carry:
            yield chunk
        elif tail == 0:
            carry = chunk  # one order so far: wait for its end
        else:
            carry = Chunk(frame.iloc[tail:].reset_index(drop=True), chunk.row_numbers[tail:], [])
            yield Chunk(frame.iloc[:tail].reset_index(drop=True), chunk.row_numbers[:tail], chunk.bad_rows)
    if carry is not None:
        yield carry


def metered_note(lines: int) -> str:
    """The ingestion's note on the lines rule 10 read as measures."""
    return (f"{lines:,} lines sold by measure, not by the item (fuel in thousandths of a gallon: more than "
            f"{METERED_MIN_UNITS} units at under a cent each): their revenue counts, and each counts as one unit sold "
            "(one fill-up), not its quantity")
