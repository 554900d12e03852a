"""Merchant exports written in another language: their column names, month names and order statuses in English.

Marketplaces and point-of-sale systems write their downloads in the seller's language: Mercado Libre's "Ventas"
report (``# de venta, Fecha de venta, Estado, Unidades, Ingresos por productos (ARS)``), Zettle's Swedish sold-items
report (``Datum, Kvittonummer, Produkt, Antal, Pris, Rabatt``), Shopify, Shopware and WooCommerce in Spanish,
Portuguese, French, German, Italian or Swedish. A header word list per language would never end; the words a sales
file's columns are made of are few, so each column name is translated word by word into the English names the aliases
already read (``shared.ingest.headers``), after the aliases themselves and the exact field names missed.

Only whole names that translate to a known alias are taken: a column that reads as no alias stays unmapped.
"""

from __future__ import annotations

import itertools
import re

#: Words of column names -> English (lower case, as written: accented and unaccented spellings both listed).
_WORDS: dict[str, str] = {
    # English words foreign names keep ("# de venta" is a sale's number, "SKU", "Total (ARS)")
    "number": "number",
    "id": "id",
    "sku": "sku",
    "status": "status",
    "pagamento": "payment",
    "pago": "payment",
    "paiement": "payment",
    "zahlung": "payment",
    "betalning": "payment",
    # names and what was bought or sold ("Nome do Produto", "Quantidade Comprada": a quantity sold)
    "nome": "name",
    "nombre": "name",
    "comprada": "sold",
    "comprado": "sold",
    "comprados": "sold",
    "vendida": "sold",
    "vendido": "sold",
    "vendidos": "sold",
    "vendidas": "sold",
    "vendu": "sold",
    "vendue": "sold",
    "verkauft": "sold",
    "såld": "sold",
    "sålda": "sold",
    # Spanish and Portuguese
    "fecha": "date",
    "data": "date",
    "venta": "sale",
    "ventas": "sales",
    "venda": "sale",
    "vendas": "sales",
    "pedido": "order",
    "orden": "order",
    "número": "number",
    "numero": "number",
    "nº": "number",
    "n°": "number",
    "estado": "status|state",
    "situación": "status",
    "unidades": "units",
    "cantidad": "quantity",
    "quantidade": "quantity",
    "ingresos": "revenue",
    "receita": "revenue",
    "importe": "amount",
    "monto": "amount",
    "valor": "amount|price",
    "precio": "price",
    "preço": "price",
    "unitario": "unit",
    "unitário": "unit",
    "producto": "product",
    "productos": "product",
    "produto": "product",
    "produtos": "product",
    "título": "title",
    "titulo": "title",
    "descripción": "description",
    "descrição": "description",
    "publicación": "listing",
    "publicação": "listing",
    "anuncio": "listing",
    "anúncio": "listing",
    "categoría": "category",
    "categoria": "category",
    "cliente": "customer",
    "comprador": "buyer",
    "descuento": "discount",
    "desconto": "discount",
    "reembolso": "refund",
    "reembolsos": "refund",
    "moneda": "currency",
    "moeda": "currency",
    "país": "country",
    "pais": "country",
    "ciudad": "city",
    "cidade": "city",
    "provincia": "province",
    "tienda": "store",
    "loja": "store",
    "canal": "channel",
    "marca": "brand",
    "total": "total",
    "neto": "net",
    "líquido": "net",
    "bruto": "gross",
    "recibo": "receipt",
    "ticket": "receipt",
    "factura": "invoice",
    "fatura": "invoice",
    # French
    "commande": "order",
    "date": "date",
    "quantité": "quantity",
    "prix": "price",
    "produit": "product",
    "statut": "status",
    "remise": "discount",
    "montant": "amount",
    "client": "customer",
    "devise": "currency",
    "ville": "city",
    "catégorie": "category",
    "libellé": "title",
    "article": "item",
    "remboursement": "refund",
    # German
    "bestellung": "order",
    "bestellnummer": "order number",
    "datum": "date",
    "menge": "quantity",
    "anzahl": "quantity",
    "preis": "price",
    "einzelpreis": "unit price",
    "artikel": "item",
    "produkt": "product",
    "artikelnummer": "sku",
    "rabatt": "discount",
    "summe": "total",
    "gesamt": "total",
    "betrag": "amount",
    "kunde": "customer",
    "währung": "currency",
    "stadt": "city",
    "land": "country",
    "kategorie": "category",
    "bezeichnung": "title",
    "umsatz": "revenue",
    "erstattung": "refund",
    # Italian
    "ordine": "order",
    "quantità": "quantity",
    "prezzo": "price",
    "prodotto": "product",
    "sconto": "discount",
    "importo": "amount",
    "stato": "status|state",
    "valuta": "currency",
    "città": "city",
    "rimborso": "refund",
    # Swedish
    "kvittonummer": "receipt number",
    "kvitto": "receipt",
    "antal": "quantity",
    "pris": "price",
    "totalt": "line total",
    "summa": "total",
    "kund": "customer",
    "kategori": "category",
    "beställning": "order",
    "ordernummer": "order number",
    "artikelnr": "sku",
    "stad": "city",
    "belopp": "amount",
    "återbetalning": "refund",
}
#: Words that join a name's parts and say nothing of it ("Fecha *de* venta", "Prix *du* produit").
_FILLER = frozenset(
    {
        "de",
        "del",
        "la",
        "el",
        "los",
        "las",
        "da",
        "do",
        "dos",
        "das",
        "por",
        "para",
        "du",
        "des",
        "le",
        "der",
        "die",
        "pro",
        "per",
        "och",
        "av",
        "di",
        "della",
        "je",
    }
)
#: A currency code written after a money column's name (``Ingresos por productos (ARS)``, ``Total (MXN)``).
_CURRENCY_SUFFIX = re.compile(r"\s*\(\s*[A-Za-z]{3}\s*\)\s*$")


def translated(header: str) -> list[str]:
    """``header`` in English words, one reading per meaning of its words (``Estado`` -> ``status``, ``state``).

    Every word must be known or filler, else there is no reading. A word of two meanings (``|`` in ``_WORDS``: Spanish
    ``Estado`` is an order's status and a buyer's state) gives a reading for each, its first meaning first.
    """
    name = _CURRENCY_SUFFIX.sub("", header.strip().lower()).replace("#", " number ")
    words = [w for w in re.split(r"[\s_/#.\-]+", name) if w and w not in _FILLER]
    if not words or any(w not in _WORDS for w in words):
        return []
    return [" ".join(combo) for combo in itertools.product(*(_WORDS[w].split("|") for w in words))]


def readings(header: str) -> list[str]:
    """The English names a foreign column name may be: as translated, and with its words reversed.

    A Romance name puts its head first: ``Fecha de venta`` is ``sale date``, ``Precio unitario`` ``unit price``.
    """
    out: list[str] = []
    for english in translated(header):
        words = english.split()
        out += [english, " ".join(reversed(words))] if len(words) > 1 else [english]
    return out


#: Order statuses, in other languages, whose lines are no sale (the first word of the status decides: "Cancelada por
#: el comprador").
CANCELLED_WORDS = frozenset(
    {
        "cancelada",
        "cancelado",
        "anulada",
        "anulado",
        "annulée",
        "annulé",
        "annulee",
        "annule",
        "storniert",
        "abgebrochen",
        "annullato",
        "annullata",
        "makulerad",
        "avbruten",
        "rechazada",
        "recusado",
    }
)
#: Order statuses, in other languages, saying the goods came back or the payment was given back ("Devolución
#: finalizada", "Retourniert", Portuguese "Estornado").
RETURNED_WORDS = re.compile(
    r"^(?:devoluci|devuelt|devolvid|reembols|estorn|rembours|retourn|erstattet|rimborsat|"
    r"reso\b|returner|återbetal)"
)


#: Payment statuses saying the money is not taken yet, in English and other languages ("Pendente", "awaiting payment").
UNPAID_PAYMENTS = re.compile(
    r"^(?:pending|unpaid|not paid|awaiting payment|pendente|pendiente|en attente|ausstehend|"
    r"in sospeso|väntande|obetald)"
)


def cancelled_word(status: str) -> bool:
    """Whether a status in another language says the order was cancelled (its first word)."""
    first = status.split(" ", 1)[0]
    return first in CANCELLED_WORDS


#: Month names of other languages (and their short forms), for dates written with words (``4 de julio de 2024``).
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            "enero ene janeiro janvier janv januar jänner gennaio januari",
            "febrero febr fevereiro fev février févr fevrier fevr februar febbraio februari",
            "marzo março marco mars märz mrz maerz maart",
            "abril abr avril avr aprile",
            "mayo maio mai maggio maj mei",
            "junio jun junho juin juni giugno",
            "julio jul julho juillet juil juli luglio",
            "agosto ago août aout aug augusti",
            "septiembre setiembre set setembro septembre sept settembre september",
            "octubre oct outubro out octobre oktober okt ottobre",
            "noviembre novembro novembre november",
            "diciembre dic dezembro dez décembre déc decembre dezember dicembre december",
        ),
        start=1,
    )
    for name in names.split()
}
