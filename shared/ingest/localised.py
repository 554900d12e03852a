"""Merchant exports written in another language: their column names, month names and order statuses in English.

Marketplaces and point-of-sale systems write their downloads in the seller's language: Mercado Libre's "Ventas"
report (``# de venta, Fecha de venta, Estado, Unidades, Ingresos por productos (ARS)``), Zettle's Swedish sold-items
report (``Datum, Kvittonummer, Produkt, Antal, Pris, Rabatt``), Allegro in Polish (``Numer zamówienia, Data zakupu,
Ilość, Cena jednostkowa``), bol.com in Dutch (``Bestelnummer, Besteldatum, Aantal, Stukprijs``), Kaufland and Otto in
German, Shopify, Shopware and WooCommerce in Spanish, Portuguese, French, German, Italian, Dutch, Polish or Swedish.
A header word list per language would never end; the words a sales
file's columns are made of are few, so each column name is translated word by word into the English names the aliases
already read (``shared.ingest.headers``), after the aliases themselves and the exact field names missed.

Only whole names that translate to a known alias are taken: a column that reads as no alias stays unmapped.
"""

from __future__ import annotations

import itertools
import re

from shared.ingest.header_currency import without_currency

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
    "produktu": "product",
    "produktów": "product",
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
    "descrizione": "description",
    "transazione": "transaction",
    "tipo": "type",
    "dipendente": "staff",
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
    # more Spanish and Portuguese (Shopee Brasil, Mercado Libre, Nuvemshop, Tiendanube)
    "código": "code",
    "codigo": "code",
    "referencia": "reference",
    "referência": "reference",
    "artículo": "item",
    "articulo": "item",
    "item": "item",
    "itens": "item",
    "envío": "shipping",
    "envio": "shipping",
    "frete": "shipping",
    "impuesto": "tax",
    "impuestos": "tax",
    "imposto": "tax",
    "subtotal": "subtotal",
    "creación": "created",
    "creacion": "created",
    "criação": "created",
    # French (Cdiscount's Date de création, Référence vendeur)
    "création": "created",
    "vendeur": "seller",
    # Rakuten France's Date de vente, Prix de vente, Titre
    "vente": "sale",
    "titre": "title",
    "criacao": "created",
    "compra": "purchase",
    "pedidos": "order",
    "acordado": "deal",
    "original": "original",
    "variación": "variant",
    "variação": "variant",
    "variante": "variant",
    "usuario": "user",
    "usuário": "user",
    "comprador(a)": "buyer",
    "provincia/estado": "state",
    "región": "region",
    "region": "region",
    "região": "region",
    "uf": "state",
    "devolución": "return",
    "devolucion": "return",
    "devolução": "return",
    "devuelta": "returned",
    "devolvida": "returned",
    "devueltas": "returned",
    "devolvidas": "returned",
    # more French
    "référence": "reference",
    "reference": "reference",
    "numéro": "number",
    "no": "number",
    "ht": "net",
    "ttc": "gross",
    "livraison": "shipping",
    "taxe": "tax",
    "tva": "tax",
    "unitaire": "unit",
    "achat": "purchase",
    "acheteur": "buyer",
    "nom": "name",
    "région": "region",
    "département": "state",
    "pays": "country",
    "marque": "brand",
    "boutique": "store",
    "magasin": "store",
    "retour": "return",
    "retournée": "returned",
    "remboursé": "refunded",
    # more German (Otto, Kaufland, Shopware, JTL, Zalando)
    "bestelldatum": "order date",
    "bestellt": "ordered",
    "datum/uhrzeit": "date",
    "position": "line",
    "positionen": "line",
    "artikelbezeichnung": "product title",
    "produktname": "product name",
    "name": "name",
    "titel": "title",
    "stückpreis": "unit price",
    "stueckpreis": "unit price",
    "verkaufspreis": "sale price",
    "gesamtpreis": "total price",
    "gesamtbetrag": "total amount",
    "bruttopreis": "gross price",
    "nettopreis": "net price",
    "brutto": "gross",
    "netto": "net",
    "versand": "shipping",
    "versandkosten": "shipping cost",
    "mwst": "tax",
    "steuer": "tax",
    "käufer": "buyer",
    "kaeufer": "buyer",
    "marke": "brand",
    "hersteller": "brand",
    "bundesland": "state",
    "ort": "city",
    "shop": "store",
    "filiale": "store",
    "retoure": "return",
    "retourniert": "returned",
    "storniert": "cancelled",
    "storno": "cancellation",
    "rechnung": "invoice",
    "rechnungsnummer": "invoice number",
    "bestellposition": "line",
    "positions": "line",
    "lieferadresse": "shipping",
    "rechnungsadresse": "billing",
    "zahlungsstatus": "payment status",
    "bestellstatus": "order status",
    "einheiten": "units",
    "stück": "quantity",
    "stk": "quantity",
    "ean": "ean",
    # more Italian
    "articolo": "item",
    "codice": "code",
    "titolo": "title",
    "totale": "total",
    "acquirente": "buyer",
    "spedizione": "shipping",
    "iva": "tax",
    "regione": "region",
    "paese": "country",
    "negozio": "store",
    "reso": "return",
    "venduto": "sold",
    "venduti": "sold",
    "vendita": "sale",
    "vendite": "sales",
    "ricavi": "revenue",
    "fattura": "invoice",
    "marchio": "brand",
    # Dutch (bol.com, Lightspeed, Mollie, WooCommerce in Dutch)
    "bestelling": "order",
    "bestelnummer": "order number",
    "bestelleinheit": "order unit",
    "bestelleinheit-id": "order unit id",
    "besteldatum": "order date",
    "bestel": "order",
    "aantal": "quantity",
    "hoeveelheid": "quantity",
    "prijs": "price",
    "stukprijs": "unit price",
    "eenheidsprijs": "unit price",
    "totaalprijs": "total price",
    "totaal": "total",
    "bedrag": "amount",
    "korting": "discount",
    "product": "product",
    "producttitel": "product title",
    "productnaam": "product name",
    "omschrijving": "description",
    "referentie": "reference",
    "klant": "customer",
    "koper": "buyer",
    "plaats": "city",
    "woonplaats": "city",
    "provincie": "province",
    "omzet": "revenue",
    "verzendkosten": "shipping cost",
    "btw": "tax",
    "terugbetaling": "refund",
    "geannuleerd": "cancelled",
    "winkel": "store",
    "categorie": "category",
    "merk": "brand",
    "factuur": "invoice",
    "factuurnummer": "invoice number",
    "betaalstatus": "payment status",
    "betaling": "payment",
    "naam": "name",
    "verkocht": "sold",
    "verkochte": "sold",
    # Polish (Allegro, Shoper, IdoSell, BaseLinker)
    "zamówienie": "order",
    "zamówienia": "order",
    "zamowienie": "order",
    "zamowienia": "order",
    "numer": "number",
    "nr": "number",
    "zakupu": "purchase",
    "sprzedaży": "sale",
    "sprzedazy": "sale",
    "sprzedaż": "sales",
    "ilość": "quantity",
    "ilosc": "quantity",
    "sztuk": "units",
    "cena": "price",
    "jednostkowa": "unit",
    "wartość": "amount",
    "wartosc": "amount",
    "kwota": "amount",
    "suma": "total",
    "razem": "total",
    "rabat": "discount",
    "zniżka": "discount",
    "nazwa": "name",
    "oferty": "listing",
    "oferta": "listing",
    "tytuł": "title",
    "tytul": "title",
    "sygnatura": "sku",
    "kupujący": "buyer",
    "kupujacy": "buyer",
    "kupującego": "buyer",
    "kupujacego": "buyer",
    "login": "username",
    "klient": "customer",
    "miasto": "city",
    "miejscowość": "city",
    "województwo": "state",
    "wojewodztwo": "state",
    "kraj": "country",
    "waluta": "currency",
    "stan": "status",
    "zwrot": "refund",
    "kategoria": "category",
    "marka": "brand",
    "dostawa": "shipping",
    "dostawy": "shipping",
    "faktura": "invoice",
    "płatność": "payment",
    "platnosc": "payment",
    "płatności": "payment",
    "sklep": "store",
    "sprzedane": "sold",
    "przychód": "revenue",
    "przychod": "revenue",
    # Turkish (Trendyol, Hepsiburada: "Sipariş Numarası", "Birim Fiyatı", "Teslimat İli"); head last, as in English
    "sipariş": "order",
    "siparis": "order",
    "numarası": "number",
    "numarasi": "number",
    "tarihi": "date",
    "tarih": "date",
    "statüsü": "status",
    "statusu": "status",
    "durumu": "status",
    "ürün": "product",
    "urun": "product",
    "adı": "name",
    "adi": "name",
    "adet": "quantity",
    "miktar": "quantity",
    "birim": "unit",
    "fiyatı": "price",
    "fiyati": "price",
    "fiyat": "price",
    "satış": "sales",
    "satis": "sales",
    "tutarı": "amount",
    "tutari": "amount",
    "tutar": "amount",
    "indirim": "discount",
    "alıcı": "buyer",
    "alici": "buyer",
    "müşteri": "customer",
    "musteri": "customer",
    "teslimat": "shipping",
    "ili": "city",
    "şehir": "city",
    "sehir": "city",
    "stok": "stock",
    "kodu": "code",
    "iade": "refund",
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
        # Dutch, Polish and more
        "van",
        "het",
        "een",
        "voor",
        "w",
        "z",
        "na",
        "dla",
        "im",
        "vom",
        "zum",
        "zur",
        "dei",
        "al",
        "o",
        "a",
        "em",
        "en",
    }
)


def translated(header: str) -> list[str]:
    """``header`` in English words, one reading per meaning of its words (``Estado`` -> ``status``, ``state``).

    Every word must be known or filler, else there is no reading. A word of two meanings (``|`` in ``_WORDS``: Spanish
    ``Estado`` is an order's status and a buyer's state) gives a reading for each, its first meaning first.
    """
    # Turkish capital İ lower-cases to i and a combining dot in Python: read it as i
    name = without_currency(header.strip()).replace("İ", "I").lower().replace("#", " number ")
    words = [w for w in re.split(r"[\s_/#.\-]+", name) if w and w not in _FILLER]
    if not words or any(w not in _WORDS for w in words):
        return []
    return [" ".join(combo) for combo in itertools.product(*(_WORDS[w].split("|") for w in words))]


def readings(header: str) -> list[str]:
    """The English names a foreign column name may be: as translated, with its words reversed, and with its head last.

    A Romance name puts its head first: ``Fecha de venta`` is ``sale date``, ``Precio unitario`` ``unit price``; its
    modifiers keep their order after it: ``Status da Devolução / Reembolso`` is ``return refund status``.
    """
    out: list[str] = []
    for english in translated(header):
        words = english.split()
        if len(words) > 1:
            head_last = " ".join([*words[1:], words[0]])
            out += [english, " ".join(reversed(words))] + ([head_last] if len(words) > 2 else [])
        else:
            out.append(english)
    return out


#: Statuses saying the payment failed or was declined (a card refused): no sale either, but not a cancellation, and the
#: rejects say which (SumUp's ``Fallita``, Stripe's ``Failed``, a ``Declined`` card).
FAILED_WORDS = frozenset(
    {
        "failed",
        "declined",
        "rejected",
        "fallita",
        "fallito",
        "fallida",
        "fallido",
        "falhou",
        "falhada",
        "échouée",
        "échoué",
        "echouee",
        "fehlgeschlagen",
        "mislukt",
        "nieudana",
        "odrzucona",
        "odrzucone",
        "rechazada",
        "recusado",
    }
)


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
        # Polish, Dutch, more German and Italian
        "anulowane",
        "anulowano",
        "anulowana",
        "anulowany",
        "geannuleerd",
        "geannuleerde",
        "annulliert",
        "cancellato",
        "cancellata",
        # Turkish ("İptal Edildi"; İ lower-cases to i and a combining dot)
        "iptal",
        "i\u0307ptal",
    }
) | (FAILED_WORDS - {"failed", "declined", "rejected"})  # a failed payment is no sale either (SumUp's Fallita); the
# English words are whole statuses (``CANCELLED_STATUSES``): "Rejected by buyer" is a return
#: Order statuses, in other languages, saying the goods came back or the payment was given back ("Devolución
#: finalizada", "Retourniert", Portuguese "Estornado").
RETURNED_WORDS = re.compile(
    r"^(?:devoluci|devuelt|devolvid|reembols|estorn|rembours|retourn|erstattet|rimborsat|"
    r"reso\b|returner|återbetal|geretourneerd|retour\b|terugbetaald|zwr[oó]c|zwrot|zurückgesendet|zurückerstattet|"
    r"rückerstattet|reembolsad|i\u0307?ade\b)"
)


#: Payment statuses saying the money is not taken yet, in English and other languages ("Pendente", "awaiting payment").
UNPAID_PAYMENTS = re.compile(
    r"^(?:pending|unpaid|not[ _]paid|awaiting[ _]payment|pendente|pendiente|en attente|ausstehend|"
    r"in sospeso|väntande|obetald|niezapłacon|oczekuj|openstaand|niet betaald|in afwachting|non payé|non pagato)"
)


def failed_word(status: str) -> bool:
    """Whether a status says the payment failed or was declined, by its first word (``Failed``, ``Fallita``)."""
    return re.split(r"[ _]", status, maxsplit=1)[0] in FAILED_WORDS


def cancelled_word(status: str) -> bool:
    """Whether a status says the order was cancelled by its first word (``Cancelada por el comprador``).

    A platform's code joins its words with ``_`` (Otto's ``CANCELLED_BY_MARKETPLACE``).
    """
    first = re.split(r"[ _]", status, maxsplit=1)[0]
    return first in CANCELLED_WORDS or first in ("cancelled", "canceled")


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
