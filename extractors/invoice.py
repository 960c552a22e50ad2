"""Invoices of any layout: header fields by label and type, line items by their header row, totals chosen by arithmetic."""

from __future__ import annotations

import copy
import itertools
import math
import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from rapidfuzz import fuzz

from backoffice.document import Document, Field
from extractors.common import (
    Candidate, Conventions, Labels, choose, conventions, date_parser, labelled, money_parser, put, put_labelled,
    stands_as_caption, sub_phrase,
)
from extractors.layout import Layout, Line, Phrase, union
from extractors.tables import (
    TableResult, TableSpec, cell_field, ocr_alternatives, read_table, repair_by_arithmetic,
    repair_lost_decimal_points,
)
from extractors.classify import fold
from extractors.values import CURRENCY_CODES, currency_in, day_first_hint, find_dates, parse_identifier, parse_money

INVOICE_NUMBER = [
    (r"\b(invoice|inv|bill|document|doc|rechnungs?|re|beleg|dokument|factura|facture)\.?\s*-?\s*"
     r"(no|nr|number|num|nbr|nummer|n°|n)\b\.?|\b(invoice|inv|bill|rechnung|beleg)\s*#"
     r"|\b(rechnungs|beleg|dokument|document)nr\b|\b(dokument|document)nummer\b"
     r"|\bfactuurnummer\b|\bfactuurnr\b|\b(fattura|fatura|factuur)\s*(n[°ºo]?\.?|nr\.?|num(ero)?\.?)(?![a-z])"
     r"|\bnumero (fattura|da fatura)\b|\bn\.?\s*[o°]?\.?\s*(de\s*)?(la\s*)?(factura|facture|fattura)\b|\bnumero documento\b", 1.0),
    (r"\binvoice\s*#|\brechnungsnummer\b|\brechnungs-nr\b|\bbeleg-?nr\b|\bbelegnummer\b|\bn[°ºo]\.?\s*(de\s*)?(la\s*)?(factura|facture)\b"
     r"|\bnumero de (factura|facture)\b|\b(factura|facture)\s*(n[°ºo]|num(ero)?)\.?|\binvoice\s*ref(erence)?\b", 1.0),
    (r"\b(invoice|rechnung)\s*(id|ref)\b|\bour\s*ref(erence)?\b|\bunser(e)?\s*(zeichen|referenz)\b", 0.9),
    # A title with the number printed after it ('Tax Invoice C-6708-X', 'Rechnung 2026/0012').
    (r"^\s*(tax\s*|sales\s*|commercial\s*|handels)?(invoice|rechnung|facture|factura|bill)\s+(?=[a-z]{0,4}[-/]?\d)", 0.9),
    (r"^\s*ref(erence|erenz)?\.?\s*(no|nr|#)?\.?\s*:?\s*$", 0.7),
    (r"^\s*(no|nr|number|#)\.?\s*:?", 0.55),
]
INVOICE_DATE = [
    (r"\b(invoice|inv|rechnungs?|bill|billing)\.?\s*-?datum\b|\b(invoice|inv|bill)\.?\s*date\b|\bdate of (issue|invoice)\b"
     r"|\bissue date\b|\bdate issued\b|\bausstellungsdatum\b|\bissued( on)?\b|\bbelegdatum\b|\bdocument date\b|\btax point\b"
     r"|\bdate (de (la )?facture|d'?emission|de facturation)\b|\bfecha (de (la )?factura|de emision|de expedicion)\b"
     r"|\bfactura del\b|\bfaite? le\b|\brechnung vom\b|\bdatum der rechnung\b|\bdate of (the )?invoice\b|\bbilling date\b"
     r"|\brechnungs?(datum|tag)\b|\bdata (della )?fattura\b|\bdata (de )?emissao\b|\bdata da fatura\b|\bfactuurdatum\b"
     r"|\bemise? le\b|\bfecha factura\b|\bdatum factuur\b|\bdata (documento|di emissione)\b", 1.0),
    (r"^\s*(date|datum|dated|fecha|le)\b|^\s*data\s*:", 0.75),
    (r"^\s*(invoiced|issued|ausgestellt)( on| am)?\b", 0.75),
]
NOT_INVOICE_DATE = (r"order|due|deliver|ship|liefer|bestell|fallig|faellig|period|leistung|payment|zahl|valid|commande|livraison"
                    r"|echeance|pedido|entrega|vencimiento|envio|expir")
DUE_DATE = [(r"\bdue\s*date\b|\bpayment\s*due\b|\bdue( on| by)?\b|\bfallig\b|\bfaellig\b|\bzahlbar bis\b"
             r"|\bzahlungsziel\b|\bpay(able)?\s*by\b|\bfalligkeit|\bdate d'?echeance\b|\bech[ea]ance\b|\ba payer (avant|le)\b"
             r"|\bpayable (avant|le)\b|\bfecha de vencimiento\b|\bvencimiento\b|\bpagar antes de\b|\bpayment date\b"
             r"|\bscadenza\b|\bdata (di )?scadenza\b|\bvervaldatum\b|\bte betalen voor\b|\bdata de vencimento\b|\bvencimento\b"
             r"|\buiterste betaaldatum\b|\bvervaldag\b|\bfecha (de )?vto\b|\bpagamento entro\b|\bdate limite de paiement\b", 1.0)]
PO_NUMBER = [(r"\b(p\.?\s?o\.?|purchase\s*order)\s*(no|nr|number|#|ref)?\b|\byour order\b|\bcustomer order\b"
              r"|\border\s*(no|nr|number|#|ref)\b|\bbestell(nummer|\s?-?\s?nr|ung)\b|\bihre bestellung\b|\bauftrag(snummer|s-?nr)?\b"
              r"|\bbon de commande\b|\b(n[°ºo]|ref(erence)?)\.?\s*(de\s*)?commande\b|\bcommande\s*(n[°ºo]|client)\b|\borden de compra\b"
              r"|\b(n[°ºo]|num(ero)?)\.?\s*(de\s*)?pedido\b|\bpedido\b|\bpurchase\s*order\s*ref\b|\b(inkoop)?order\s*nummer\b"
              r"|\b(inkoop)?ordernummer\b|\buw (order|bestelling|bestelnummer)\b|\bbestelnummer\b|\bordine\b|\bvotre commande\b", 1.0)]
# (and the vendor's own order and delivery papers, never the customer's purchase order)
NOT_PO = (r"p\.?\s?o\.?\s*box|postfach|order date|bestelldatum|date de (la )?commande|fecha de(l)? pedido|orderdatum|data ordine"
          r"|sales\s*order|order\s*confirmation|auftragsbestatigung|lieferschein|delivery\s*note|packing\s*slip"
          r"|conferma d'?\s*ordine|confirmacion de(l)? pedido|confirmation de (la )?commande|orderbevestiging"
          r"|\b(ns\.?|nostro)\s*ordine"
          r"|\bour\s*(order|job|ref)|\bunser(e|er)?\s*(auftrag|zeichen)|\bnotre\s*(commande|ref)|\bnuestro\s*pedido|\bjob\s*(no|nr|number|#)")
NOT_DUE = r"amount|total|balance|betrag|summe|net \d+|days|tage"
SUBTOTAL = [(r"\bsub-?\s?total\b|\bzwischensumme\b|\bnet\s*amount\b|\bnettobetrag\b|\bnet\s*total\b|\btotal\s*net\b"
             r"|\bsumme\s*netto\b|\bnettosumme\b|\bamount before tax\b|\btotal excl|\bwarenwert\b|\bsous-?\s?total\b|\btotal\s*h\.?\s?t\b"
             r"|\bmontant\s*h\.?\s?t\b|\btotal hors tax|\bbase imponible\b|\bimporte neto\b|\bsubtotal\b|\bpre-?tax\b|\btaxable amount\b"
             r"|\bnet\s*value\b|\bgoods total\b|\bsumme positionen\b|\bgesamt\s*netto\b|\bnetto\s*gesamt\b"
             r"|\btotal\s*(before|excl\.?|excluding|without|ex\.?)\s*(tax|vat|gst|ust|mwst)\b|\bnet\s*(sum|subtotal)\b"
             r"|\bnettowarenwert\b|\bnetto\s*summe\b|\bimponibile\b|\btotale imponibile\b|\bsubtotaal\b|\btotaal excl"
             r"|\bnetto bedrag\b|\bvalor (liquido|sem iva)\b|\bbase tributavel\b|\bsubtotale\b|\btotale netto\b|\btotal sin (iva|impuestos)\b", 1.0), (r"^\s*(netto|net)\b", 0.8)]
TAX = [(r"\b(vat|mwst|ust|sales\s*tax|tax|gst|hst|pst|qst|mehrwertsteuer|umsatzsteuer|iva|tva|igv|impuesto|taxe|btw|moms)\b", 1.0)]
NOT_TAX = (r"tax\s*(id|no|number|reg)|vat\s*(id|no|number|reg)|ust\.?-?\s*id|steuer-?\s*(nr|nummer)|\btin\b|\bincl|\bexcl|total|before tax"
           r"|zzgl\.? summe|invoice|ein\b|tva intra|n[°ºo]\.?\s*tva|\bttc\b|\bhors tax|\bh\.?t\b|\bnif\b|\bcif\b|pre-?tax|taxable"
           r"|btw[-\s]*(nr|nummer|id|no)\b|p\.?\s*iva\b|partita|identifiant tva|n\.?\s*o?\.?\s*iva|sin iva")
TOTAL = [(r"\b(total|amount|balance)\s*due\b|\bgrand\s*total\b|\binvoice\s*total\b|\btotal\s*amount\b|\bgesamtbetrag\b"
          r"|\brechnungsbetrag\b|\bendbetrag\b|\bgesamtsumme\b|\bzu zahlen\b|\btotal\s*(incl|inkl)|\bamount\s*payable\b"
          r"|\bzahlbetrag\b|\bbruttobetrag\b|\btotal\s*t\.?t\.?c\b|\bmontant\s*(total|t\.?t\.?c|du)\b|\bnet a payer\b|\btotal a payer\b"
          r"|\bimporte total\b|\btotal (de la )?factura\b|\btotal a pagar\b|\btotal general\b|\bamount owing\b|\bplease pay\b"
          r"|\btotal payable\b|\btotal\s*(eur|usd|gbp|chf)\b|\bgesamt\s*brutto\b|\bbrutto\s*gesamt\b|\bsumme brutto\b"
          r"|\btotale (fattura|documento|da pagare)\b|\bnetto a pagare\b|\btotaal (bedrag|incl\.?|te betalen)\b|\bte betalen\b"
          r"|\bvalor total\b|\btotal a pagar\b|\btotal da fatura\b|\btotaalbedrag\b|\bfactuurbedrag\b|\bimporto totale\b", 1.0),
         (r"^\s*(total|summe|gesamt|brutto|totaal|totale)\b", 0.8)]
NOT_TOTAL = (r"sub-?\s?total|total\s*(hours|hrs|qty|quantity|net|excl|tax|vat|items|units|weight|before|pieces|pcs)|page\s*total"
             r"|seitensumme|net\s*total|netto(?! a pagare)|\b(hours|hrs|stunden|std|qty|quantity|pieces|pcs|menge|stuck|anzahl|items)\b")
VENDOR_LABELS = [(r"^\s*(from|vendor|supplier|seller|sold by|billed by|invoiced by|issued by|issuer|sender|service provider"
                  r"|lieferant|verkaufer|rechnungssteller|absender|von|auftragnehmer|leistungserbringer|rechnungsaussteller"
                  r"|fournisseur|emetteur|vendeur|prestataire|proveedor|emisor|vendedor|datos del emisor|fornitore|cedente|mittente"
                  r"|emittente|prestatore|fornecedor|prestador|leverancier|verkoper|afzender|leverantor|saljare|myyja|sprzedawca"
                  r"|dostawca|wystawca|dodavatel|leverand[oø]r|elado|szallito|prodavatel)\b\s*:?"
                  # a title that names the issuer: 'Invoice from Acme Ltd', 'Rechnung von ...', 'Receipt from ...'
                  r"|^\s*(tax\s*)?(invoice|bill|receipt|statement|rechnung|quittung|facture|factura|fattura|factuur)\s+"
                  r"(from|von|de|da|van)\b\s*:?", 1.0),
                 # Where the money goes: the vendor's own name most often, but a bank or a factoring company the invoice
                 # was sold to also stands there, so the label alone is weaker evidence.
                 (PAYEE := r"^\s*(remit(\s*payment)?\s*to|please remit( payment)? to|send payment to|mail payments? to|pay\s*to|payee"
                           r"|(please )?(make )?(all )?(checks|cheques) (are )?payable to|payable to|zahlungsempfanger"
                           r"|empfanger der zahlung|zahlung an|account holder|kontoinhaber|titulaire( du compte)?"
                           r"|titular( de la cuenta)?|intestat[oa] a|rekeninghouder"
                           r"|beneficiary|beneficiaire|beneficiario|begunstigde|cheque a l'ordre de|reglement a l'ordre de|paiement a adresser a"
                           r"|remitir el pago a|pago a|pagamento a favore di|betaling aan)\b\s*:?", 0.6)]
RECIPIENT = (r"\b(bill(ed)?\s*-?\s*to|ship(ped)?\s*-?\s*to|sold\s*to|deliver(ed)?\s*to|invoice\s*to|invoiced\s*to|customer|client|consignee"
             r"|attn|attention|kunde|rechnungsempfanger|rechnungsadresse|rechnungsanschrift|lieferadresse|lieferanschrift"
             r"|leistungsempfanger|empfanger|an|to|buyer|purchaser|factur(e|ee|er)\s*a|adresse de (facturation|livraison)"
             r"|livr(e|ee|er|aison)\s*a|destinataire|facturar\s*a|cliente|enviar\s*a|destinatario|direccion de (facturacion|envio)"
             r"|(invoice|billing|delivery|shipping)\s*address|adresse de livraison|datos del cliente|entregar en|klant|factuuradres|gefactureerd aan|afleveradres|leveradres|aan"
             r"|spett\.?\s*le|intestatario|destinazione( merce)?|luogo di consegna|consegna a|payer|addressee|auftraggeber"
             r"|bill-to party|sold-to party|ship-to party|warenempfanger|regulierer|nabywca|odbiorca|odberatel"
             r"|asiakas|ostaja|kopare|k[oø]ber|kunde|vevo|kupujacy|odbiratel)\b(?! der zahlung)\s*:?")
VENDOR_TAX_ID = [(r"\b(tax\s*id|tax\s*(no|number)|ein|fein|vat\s*(reg(istration)?\.?)?\s*(id|no|number|#)?|ust\.?-?\s*id\.?\s*-?(nr)?"
                  r"|umsatzsteuer-?\s*id|steuer-?\s*(nr|nummer)|st\.?-?\s*nr|tin|company\s*tax\s*id|vat|tva(\s*intracom\w*)?|n[°ºo]\.?\s*tva"
                  r"|numero de tva|nif|cif|n[°ºo]\.?\s*(nif|cif)|gst\s*(no|number|reg\w*)|abn|p\.?\s*iva|partita\s*iva"
                  r"|btw[-\s]*(nr|nummer|id|no)?|nif-?iva|n\.?\s*o?\.?\s*iva|identifiant tva)\b\.?", 1.0)]
# The customer's own VAT id, printed in or near the bill-to block for reverse charge: not the vendor's.
CUSTOMER_TAX_ID = r"\b(customer|client|kunde|kunden|your|ihre?|buyer|recipient|empfanger|purchaser|acheteur|cliente|klant|uw|votre)\b"
TAX_ID_LABEL = (r"\btax\s*id\b|\bust\.?-?\s*id|\bvat\s*(reg(istration)?\.?\s*)?(no|number|id)\b|\bein\b|\bsteuer-?\s*(nr|nummer)\b|\bfein\b"
                r"|\btva intracom|\bn[°ºo]\.?\s*tva\b|\bnif\b|\bcif\b|\bp\.?\s*iva\b|\bpartita iva\b|\bbtw[-\s]*(nr|nummer|id)\b")
TAX_ID_VALUE = re.compile(r"\b(\d{2}-\d{7}|[A-Z]{2}\s?(?:\d\s?){8,11}\d|ES\s?[A-Z0-9]\d{7}[A-Z0-9]|\d{2,3}/\d{3,4}/\d{4,5}|\d{9})\b")
COMPANY_SUFFIX = re.compile(
    r"\b(inc|llc|l\.l\.c|ltd|limited|corp|corporation|co|company|gmbh|ag|kg|ohg|se|ug|plc|lp|llp|sa|s\.a|bv|nv|srl|gbr|e\.k"
    r"|pty|pte|oy|sarl|spa|group|partners|associates|services|solutions|supply|industries|holdings)\b\.?",
)
TITLE_WORDS = re.compile(r"\b(invoice|\w*rechnung|factura|facture|statement|credit note|gutschrift|page|seite)\b|^bill\b")
SUFFIX_ONLY = re.compile(r"^(&\s*)?(co\.?|inc\.?|llc|ltd\.?|limited|gmbh|ag|kg|se|plc|llp|lp|corp\.?|gmbh\s*&\s*co\.?\s*kg|co\.?\s*kg"
                         r"|& co\.?|pty\.?\s*ltd\.?|pte\.?\s*ltd\.?|s\.?a\.?|b\.?v\.?|n\.?v\.?|oy|ab|a/s|sarl|s\.?r\.?l\.?|s\.?p\.?a\.?"
                         r"|e\.\s?k\.?|e\.\s?v\.?|ug( \(haftungsbeschrankt\))?)$")

# A column header may carry the currency ('Amount (EUR)', 'Preis EUR'): counted as part of the header, so a
# header like 'Line amount (USD)' is not cut into 'Line' (a position) and 'amount'.
def _line_adds_up(row: dict[str, Decimal]) -> bool | None:
    if not {"quantity", "unit_price", "amount"} <= row.keys():
        return None
    return abs(row["quantity"] * row["unit_price"] - row["amount"]) <= Decimal("0.01")


_IN_CURRENCY = r"(\s*\(?\s*(" + "|".join(sorted(c.lower() for c in CURRENCY_CODES)) + r"|[$€£])\s*\)?)?"

LINE_ITEMS = TableSpec(
    columns={
        "position": r"^(pos|no|nr|#|line|item\s*(no|#)|lfd\.?\s*nr)\.?$",
        # An article number, SKU or tax rate column: read so its words stay out of the description, never reported.
        "code": r"^(sku|item\s*code|part\s*(no|nr|number|#)|product\s*(code|no)|code|art\.?\s*-?\s*nr|artikel\s*-?\s*(nr|nummer)"
                r"|art\.?\s*-?\s*nummer|mat(erial)?\.?\s*-?\s*nr|materialnummer|ref(erence)?|ref\.?\s*(no|nr)|catalog(ue)?\s*(no|#))\.?$",
        "tax_rate": r"^((sales\s*)?tax|vat|gst|mwst|ust|iva|tva|btw|moms)\.?\s*-?\s*(rate|satz|%|code|pct)?\.?\s*%?$|^%$"
                    r"|^(steuer|st)\.?\s*-?\s*satz$",
        # 'Unit amount', 'Unit value' are prices: not the amount column.
        "amount": r"(\b(?<!unit )amount\b|\btotal\b|\bbetrag\b|\bgesamt(preis|betrag)?\b|\bsum\b|^net\b|\bextended\b"
                  r"|ext\.?\s*(price|amount)|\bgp\b|\bsumme\b|line\s*(total|amount)|total\s*price|\bwert\b|\bnetto\b|\bmontant\b"
                  r"|\bimporte\b|\bimporto\b|\bbedrag\b|\btotaal\b|\btotale\b|\btotal\s*h\.?t\b|\b(?<!unit )value\b|\bcharge\b|\bg-?\s?preis\b|\bendpreis\b)"
                  + _IN_CURRENCY,
        "unit_price": r"(unit\s*(price|cost|rate|amount|value)|\bprice\b|\brate\b|einzelpreis|\bpreis\b|e-?preis|^ep$|stuckpreis"
                      r"|per\s*unit|preis\s*/\s*(einheit|stk|std|stuck)|\bsatz\b|\bprix\b|\bp\.?\s?u\.?(\s*h\.?t)?$|\bprecio\b"
                      r"|\bcost\b(?!\s*(centre|center|code|unit|type))|\beach\b|\bprezzo\b|prijs\b|\bpreco\b)" + _IN_CURRENCY,
        "quantity": r"\bqty\b|\bquantity\b|\bmenge\b|\banzahl\b|^anz\.?$|^hours$|^hrs\.?$|\bstunden\b|^units$|\bstk\b|^std\.?$|^h$"
                    r"|\bqte\b|\bquantite\b|\bcantidad\b|^cant\.?$|\bqtd\b|^pcs\.?$|^pieces$|^days$|^tage$|^stuck(zahl)?$"
                    r"|^time(\s*\(?(h|hrs|hours)\)?)?$|^(hours|std|stunden)\s*\(?h?\)?$|^no\.?\s*of\s*(units|items|hours)$"
                    r"|\bquantita\b|\baantal\b|\bquantidade\b|^q\.?\s*ta\.?$|^(ore|uren|heures|horas|uds)\.?$",
        "unit": r"^(unit|units?\s*of\s*measure|uom|einheit|me|u/m|eh)\.?$",
        "date": r"^(date|datum|service date|day|tag|leistungsdatum)$",
        "description": r"description|\bitem\b|article|artikel|beschreibung|bezeichnung|leistung|service|product|details|particulars"
                       r"|\btext\b|produkt|position(?!en)|\bware\b|designation|libelle|concepto|descripcion|articulo|prestation"
                       r"|\bwork\b|\bgoods\b|descrizione|omschrijving|beschrijving|descricao|articolo",
    },
    numeric={"quantity", "unit_price", "amount"},
    text_column="description",
    unnamed_columns=True,
    stop=r"\bsub-?\s?total\b|\bzwischensumme\b|^\s*total\b|\btotal\s*(due|amount|net|excl)|\bnet\s*(amount|total)\b"
         r"|\bnettobetrag\b|\bgesamtbetrag\b|\brechnungsbetrag\b|\bsumme\b|\bamount\s*due\b|\bbalance\s*due\b"
         r"|\bwarenwert\b|^\s*zzgl|^\s*(vat|mwst|ust|tax|sales tax|gst|hst|tva|iva|igv|btw|moms)\b|"
         + SUBTOTAL[0][0] + "|" + TOTAL[0][0],
    # quantity x price = amount names the figure columns a scan left without a readable header; the quantity stands
    # left of the price (the product is the same either way round).
    relations=(_line_adds_up,),
    order=("quantity", "unit_price", "amount"),
)


def extract_invoice(doc: Document) -> None:
    layout = Layout(doc)
    conv = conventions(layout)
    dates = _date_parser(layout, conv)
    money = money_parser(conv.decimal_comma)
    table = _item_table(layout)
    layout.table_lines = _item_lines(layout, table, conv)
    named = [c for c in table.columns if c.name]  # a side bar's label on the header line heads no column of it
    last_number = max((c.x1 for c in named if c.numeric), default=None)
    if last_number is not None:  # nor does a label beside the table that reads like a header ('Reference', 'Date')
        named = [c for c in named if c.numeric or c.x0 < last_number + 0.03]
    while len(named) > 2 and not named[0].numeric and named[0].name != "description" \
            and named[1].x0 - named[0].x1 > 0.15:
        named = named[1:]  # (or in a side bar at the left, far from the next column)
    if named:
        layout.table_span = (min(c.x0 for c in named), max(c.x1 for c in named))

    put(doc, "invoice_number", choose(labelled(layout, INVOICE_NUMBER, _identifier)))
    put(doc, "invoice_date", choose(_header_dated(layout, labelled(layout, INVOICE_DATE, dates, exclude=NOT_INVOICE_DATE)))
        or _first_date(layout, conv))
    put_labelled(doc, layout, "due_date", DUE_DATE, dates, exclude=NOT_DUE)
    if "due_date" not in doc.fields:
        put(doc, "due_date", _due_in_sentence(layout, dates))
    terms = _payment_terms(layout)
    if "due_date" not in doc.fields and "invoice_date" in doc.fields:
        put(doc, "due_date", _due_by_terms(terms, doc.fields["invoice_date"]))
    _dates_against_terms(terms, doc)
    put_labelled(doc, layout, "po_number", PO_NUMBER, _identifier, exclude=NOT_PO)
    put(doc, "vendor_name", _vendor_name(layout))
    put(doc, "vendor_tax_id", _vendor_tax_id(layout))
    if "vendor_tax_id" not in doc.fields and any(
            stands_as_caption(h) and not re.search(CUSTOMER_TAX_ID, h.phrase.folded[:h.start])  # not 'Your VAT ID'
            for h in layout.labels([(TAX_ID_LABEL, 1.0)])):
        doc.evidence.setdefault("labels_without_value", []).append("vendor_tax_id")

    subtotal = labelled(layout, SUBTOTAL, money, every_place=True)
    tax = labelled(layout, TAX, money, exclude=NOT_TAX, every_place=True)
    total = labelled(layout, TOTAL, money, exclude=NOT_TOTAL, every_place=True)
    printed = _totals(subtotal, tax, total, None)
    lines_should_make = (printed["subtotal"].value if "subtotal" in printed else
                         printed["total_amount"].value - (printed["tax_amount"].value if "tax_amount" in printed else 0)
                         if "total_amount" in printed else None)
    items = _line_items(table, conv, {p.number for p in doc.pages if p.text_source == "ocr"}, lines_should_make)
    if items:
        doc.tables["line_items"] = items
    elif printed:
        # Totals but not one item row read: the item table is there in a form we could not read; a person reads it.
        doc.evidence.setdefault("labels_without_value", []).append("line_items")
    line_sum = sum((r["amount"].value for r in items if "amount" in r), Decimal(0)) if items else None
    for name, f in _totals(subtotal, tax, total, line_sum).items():
        put(doc, name, f)
    for name, labels, exclude in (("subtotal", SUBTOTAL, None), ("tax_amount", TAX, NOT_TAX), ("total_amount", TOTAL, NOT_TOTAL)):
        captions = [h for h in layout.labels(labels) if h.strength >= 1.0 and stands_as_caption(h)
                    and not (exclude and re.search(exclude, h.phrase.folded))]
        if name not in doc.fields and captions:
            doc.evidence.setdefault("labels_without_value", []).append(name)  # printed, but its amount was not read
            worked_out = _worked_out_total(doc, name, line_sum, captions[-1].phrase)
            if worked_out is not None:
                put(doc, name, worked_out)
                doc.evidence.setdefault("worked_out", []).append(name)
    if "tax_amount" not in doc.fields and (row := _unread_row_between(layout, doc, money)) is not None:
        worked_out = _worked_out_total(doc, "tax_amount", line_sum, row)
        if worked_out is not None:
            worked_out.confidence *= 0.85  # (its caption unread too)
            put(doc, "tax_amount", worked_out)
            doc.evidence.setdefault("worked_out", []).append("tax_amount")
    put(doc, "currency", _currency(layout, doc, [*subtotal, *tax, *total]))


def _unread_row_between(layout: Layout, doc: Document, money) -> Phrase | None:
    """The row between the subtotal and the total that a scan left unreadable ('SR TEN  riimane a4'), or whose one
    amount is their difference under a caption it left unreadable: the tax row of the totals block. None when a row
    there holds another amount (a charge, a discount) or when nothing stands between them."""
    sub, total = doc.fields.get("subtotal"), doc.fields.get("total_amount")
    if sub is None or total is None or sub.page != total.page or not sub.box or not total.box:
        return None
    height = sub.box[3] - sub.box[1]
    beside = [parsed for line in layout.lines if line.page == sub.page for p in line.phrases
              if abs(p.box[1] - sub.box[1]) < 0.5 * height and p.box[0] > sub.box[2] and (parsed := money(p)) is not None]
    if beside:  # the totals as a row of figures: the tax is the one right of the subtotal that makes the total
        return next((where for value, where, _ in beside[:2] if value.amount == total.value - sub.value), None)
    rows = [line for line in layout.lines if line.page == sub.page
            and sub.box[3] < (line.box[1] + line.box[3]) / 2 < total.box[1]]
    if not rows or len(rows) > 2:
        return None
    amounts = [parsed for line in rows for p in line.phrases if (parsed := money(p)) is not None]
    if not amounts:
        return rows[0].phrases[0]
    # (an amount read there under a caption not read: the tax when it is the difference)
    if len(amounts) == 1 and amounts[0][0].amount == total.value - sub.value:
        return amounts[0][1]
    return None


def _item_table(layout: Layout) -> TableResult:
    """The item table. A header block printed as a row of labels over values ('Invoice Ref. | Invoice Date | ... |
    Cost centre') can pass for the items' header, and the real one under it then goes unread: when what was read
    names neither a description nor an amount, it is read again with those lines left out."""
    table = read_table(layout, LINE_ITEMS)
    if not table.lines or any(c.name in ("amount", "description") for c in table.columns):
        return table
    masked = copy.copy(layout)
    masked.lines = [Line(line.page, line.words, []) if i in table.lines else line for i, line in enumerate(layout.lines)]
    for cached in ("phrases", "text"):
        masked.__dict__.pop(cached, None)
    again = read_table(masked, LINE_ITEMS)
    return again if any(c.name == "amount" for c in again.columns) else table


def _item_lines(layout: Layout, table: TableResult, conv: Conventions) -> set[int]:
    """The table's lines, less a totals line the table ran on through ('Invoice total' over 'Hours billed: 16.50
    1,552.00  310.40  1,862.40', read as a subtotal with rows under it) and what follows it: those hold labels and
    amounts of the totals, no items."""
    items = _line_items(table, conv, set(), None)
    item_lines = {i for i in table.lines for r in items if "amount" in r and _on_line(layout.lines[i], r["amount"])}
    stops = sorted(i for i in table.lines if i > min(item_lines, default=len(layout.lines))
                   and (re.search(LINE_ITEMS.stop, " ".join(p.folded for p in layout.lines[i].phrases))
                        or any(re.search(LINE_ITEMS.stop, mended) for p in layout.lines[i].phrases
                               for mended, _, _ in p.mendings)))  # (a scan's 'Netosumme', 'Tota! net')
    if not stops:
        return table.lines
    page = layout.lines[stops[0]].page
    return {i for i in table.lines if i < stops[0] or layout.lines[i].page != page or i in item_lines}


def _on_line(line, cell: Field) -> bool:
    middle = (cell.box[1] + cell.box[3]) / 2
    return line.page == cell.page and line.box[1] <= middle <= line.box[3]


# Where numeric dates put the day first (dd/mm/yyyy) and where the month (mm/dd/yyyy): what the page says of its
# country when no date on it proves the order (a day over 12, a dotted date).
_DAY_FIRST_CUES = re.compile(r"[£€]|\b(gbp|eur|vat|tva|iva|btw|mwst|ust|iban|gst)\b|\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b"
                             r"|\b\d{5} [a-z]{3,}")
_MONTH_FIRST_CUES = re.compile(r"\$|\busd\b|\bsales\s*tax\b|\b\d{2}-\d{7}\b|\brouting\b|\b[a-z]{2}\s+\d{5}(-\d{4})?\b")


def _date_parser(layout: Layout, conv: Conventions):
    """Dates as the document's conventions read them; a numeric date that could be read either way (04/03/2026) is
    read in the order of the country the page points to, held below sure (0.9) since a cue is no proof, and as a
    coin flip (0.6) when the page points both ways (a UK vendor billing a US customer) or nowhere. A date that can
    only be read one way (25/03/2026) proves the order, and so do payment terms the two dates agree with one way only."""
    proven = day_first_hint(layout.text)
    if proven is None:
        proven = _order_by_terms(layout)
    if proven is not None:
        return _joining_split_dates(layout, date_parser(proven))
    exact = date_parser(conv.day_first)  # (a decimal comma says day first, but a US vendor may print one)
    text = fold(layout.text)
    day_first = bool(conv.decimal_comma or _DAY_FIRST_CUES.search(text))
    month_first = bool(_MONTH_FIRST_CUES.search(text))
    guessed = date_parser(day_first) if day_first != month_first else exact

    def parse(phrase: Phrase):
        found = date_parser(None)(phrase)
        if found is None or found[2] >= 1.0:
            return exact(phrase)
        value, where, _ = guessed(phrase)
        return value, where, 0.9 if day_first != month_first else 0.6
    return _joining_split_dates(layout, parse)


def _joining_split_dates(layout: Layout, parse):
    """A date a scan spaced into phrases ('October 23,' '2025', '23.' '10.2025') read as one, with the phrases right
    after it on its line."""
    def joined(phrase: Phrase):
        found = parse(phrase)
        if found is not None or not re.search(r"\d", phrase.text):
            return found  # (a label beside a date is no part of it)
        line = layout.lines[phrase.line]
        words = list(phrase.words)
        for nxt in sorted((p for p in line.phrases if p.box[0] >= phrase.box[2] - 1e-4), key=lambda p: p.box[0])[:2]:
            if nxt.box[0] - union([w.box for w in words])[2] > 0.06:
                break
            words += nxt.words
            found = parse(Phrase(phrase.page, words, phrase.line))
            if found is not None:
                return found
        return None
    return joined


# The due date said in a sentence: 'Please remit payment no later than 11/11/2025', 'Der Rechnungsbetrag ist fällig am
# 12.11.2026', 'Bitte überweisen Sie den Betrag bis zum 16.10.2026', 'Da pagare entro il 25/10/2025'.
_DUE_SENTENCE = re.compile(
    r"\b(pay|payment|settle|remit|zahl\w*|uberweis\w*|begleichen|faellig|fallig|regler|reglement|paiement|payer"
    r"|pago|pagar|pagamento|pagare|saldare|betalen|betaling|voldoen|vence)\b"
    r".{0,40}?\b(by|before|no later than|on or before|due on|until|bis( zum| spatestens)?|am|avant( le)?|au plus tard( le)?"
    r"|le|antes del?|el|entro( il)?|il|voor|op|uiterlijk)\s*:?\s*$")


_NOT_PAYMENT = re.compile(r"deliver|liefer|livr|entrega|consegna|levering|valid|gultig|offer|angebot|ship|versand|order"
                          r"|paid|bezahlt|erhalten|received|recu|pagad|pagato|betaald")


def _due_in_sentence(layout: Layout, dates) -> Field | None:
    """No due date under a label: one a sentence about paying names, held at 0.9 of its reading (a sentence says
    it as plainly as a label, but is read with less practice)."""
    for index, line in enumerate(layout.lines):
        if index in layout.table_lines:
            continue
        for phrase in line.phrases:
            parsed = dates(phrase)
            if parsed is None:
                continue
            value, where, certainty = parsed
            start = phrase.text.find(where.words[0].text)
            before = fold(phrase.text[:start]) if start > 0 else ""
            if _DUE_SENTENCE.search(before) and not _NOT_PAYMENT.search(before):
                return where.field(value, 0.9 * certainty * where.confidence)
    return None


# Payment terms that say when the invoice falls due: 'Net 30', '30 days net', 'Zahlbar innerhalb von 14 Tagen ohne
# Abzug', 'Paiement à 30 jours', '60 días fecha factura', '30 gg d.f.', 'Betaling binnen 14 dagen'.
_DAYS = r"(days?|tage?n?|dagen|jours?|d[ií]as|giorni|gg)"
_TERMS_DAYS = re.compile(rf"\b(?:net|netto)\s*(\d{{1,3}})\b(?!\s*[%.,]\d)|\b(\d{{1,3}})\s*{_DAYS}\b")
_TERMS_WORDS = re.compile(r"\b(terms|payment|pay|net|netto|zahlungs\w*|zahlbar|zahlungsziel|konditionen|conditions?|reglement|paiement"
                          r"|condiciones|forma de pago|pago|pagamento|condizioni|betalingstermijn|betalingsvoorwaarden|betaling"
                          r"|within|innerhalb|binnen)\b")
# Terms counted from another day than the invoice's (end of month, receipt of goods) give no date by adding days.
_NOT_FROM_INVOICE_DATE = re.compile(r"end of (the )?month|\beom\b|monatsende|ende des monats|fin de mois|fin de mes|fine mese"
                                    r"|d\.?f\.?m\b|receipt of goods|wareneingang|delivery|lieferung|livraison|skonto\s*$")


def _payment_terms(layout: Layout) -> tuple[int, Phrase] | None:
    """The days explicit payment terms give from the invoice date ('Net 30', 'Zahlbar innerhalb von 14 Tagen'), and
    the phrase that says so; None when no terms are printed or they count from another day (end of month)."""
    for index, line in enumerate(layout.lines):
        folded = " ".join(p.folded for p in line.phrases)
        if index in layout.table_lines or not _TERMS_WORDS.search(folded) or _NOT_FROM_INVOICE_DATE.search(folded):
            continue
        for phrase in line.phrases:
            hits = [(m, int(m.group(1) or m.group(2))) for m in _TERMS_DAYS.finditer(phrase.folded)]
            if not hits or re.search(r"\b(hours|stunden|uren|heures|horas|ore)\b", folded):
                continue
            net = [d for m, d in hits if m.group(1) or re.match(r"\s*(net|netto)\b", phrase.folded[m.end():])]
            days = net[0] if net else max(d for _, d in hits)
            if 0 < days <= 120:
                return days, phrase
    return None


def _due_by_terms(terms: tuple[int, Phrase] | None, invoice_date: Field) -> Field | None:
    """No due date printed: the invoice date plus the days the payment terms give, when the terms are explicit. A date
    worked out, not read: held at 0.75 of the invoice date's confidence, so a person checks it."""
    if terms is None:
        return None
    days, phrase = terms
    return Field(value=invoice_date.value + timedelta(days=days), confidence=0.75 * invoice_date.confidence * phrase.confidence,
                 page=phrase.page, box=phrase.box, raw=phrase.text)


def _dates_against_terms(terms: tuple[int, Phrase] | None, doc: Document) -> None:
    """A printed due date that lies exactly the terms' days after the invoice date ('Net 30') confirms both dates:
    arithmetic agreement halves the doubt left in each. One that lies elsewhere is held for a person (one of the
    two dates, or the terms, was read from the wrong place)."""
    due, issued = doc.fields.get("due_date"), doc.fields.get("invoice_date")
    if terms is None or due is None or issued is None or due.box == terms[1].box:
        return  # (a due date worked out from the terms proves nothing about them)
    days, phrase = terms
    if (due.value - issued.value).days != days:
        due.confidence *= 0.85
        return
    for f in (due, issued):
        f.confidence = 1 - (1 - f.confidence) * 0.5 * (2 - phrase.confidence)


def _order_by_terms(layout: Layout) -> bool | None:
    """Whether the page's numeric dates put the day first, as its payment terms prove it: the invoice and due dates
    read one way lie exactly the terms' days apart ('Net 30': 02/03/2026 and 01/04/2026 are 2 March and 1 April),
    read the other way they do not. None when there are no terms or both ways agree or neither does."""
    terms = _payment_terms(layout)
    if terms is None:
        return None
    agreeing = []
    for day_first in (True, False):
        dates = _joining_split_dates(layout, date_parser(day_first))
        issued = choose(labelled(layout, INVOICE_DATE, dates, exclude=NOT_INVOICE_DATE))
        due = choose(labelled(layout, DUE_DATE, dates, exclude=NOT_DUE))
        if issued is not None and due is not None and (due.value - issued.value).days == terms[0]:
            agreeing.append(day_first)
    return agreeing[0] if len(agreeing) == 1 else None


def _header_dated(layout: Layout, found: list[Candidate]) -> list[Candidate]:
    """A bare 'Date' is the invoice's own date when it stands in the block that holds the invoice number."""
    numbers = [h.phrase for h in layout.labels(INVOICE_NUMBER[:3])]
    for c in found:
        if c.score < 0.8 and any(n.page == c.phrase.page and abs(n.line - c.phrase.line) <= 3 for n in numbers):
            c.score = min(1.0, c.score / 0.75 * 0.97)
    return sorted(found, key=lambda c: -c.score)


def _identifier(phrase: Phrase):
    if len(phrase.words) > 1 and phrase.words[0].text in ("º", "°", "ª"):
        phrase = Phrase(phrase.page, phrase.words[1:], phrase.line)  # the rest of 'n.º' after a label read up to 'n.'
    tokens = phrase.text.split()
    if not tokens:
        return None
    token = parse_identifier(tokens[0])
    if len(tokens) > 1 and tokens[0].isalpha() and len(tokens[0]) <= 4 and any(c.isdigit() for c in tokens[1]):
        token = parse_identifier(" ".join(tokens[:2]))  # 'INV 10023'
    if not any(c.isdigit() for c in token) or len(token) > 30 or find_dates(token):
        return None
    if len(tokens) > len(token.split()) and _ADDRESS.search(phrase.text):
        return None  # '70565 Stuttgart': a postcode and its town in an address block beside the label, no number
    words = phrase.words[: len(token.split())]
    certainty = 1.0
    if re.fullmatch(r"\$[-/]?[A-Z0-9][-/A-Z0-9]*", token) and re.search(r"[-/A-Z]", token[1:]) \
            and any(w.source == "ocr" for w in words):
        token, certainty = "S" + token[1:], 0.8  # '$-4821-Z': OCR read the S of 'S-4821-Z' as a dollar sign
    elif re.fullmatch(r"[A-Z0-9]+~[A-Z0-9]+", token) and any(w.source == "ocr" for w in words):
        token, certainty = token.replace("~", "-"), 0.85  # 'PO~53793': a scan's reading of the hyphen
    elif any(w.source == "ocr" for w in words) and _confusable_join(token):
        certainty = 0.85  # 'S1877346' may be 'SI877346', 'PQ-26019' may be 'PO-26019': which it is, a person sees
    return token, Phrase(phrase.page, words, phrase.line), certainty


def _confusable_join(token: str) -> bool:
    """Whether a scan may have read the glyph where an identifier's letters run into its digits as the other kind: a
    last letter that looks like a digit (I, l, O, Q, D, S, B, Z, G) or a first digit that looks like a letter (1, 0):
    'S1877346' may be 'SI877346'. A 'PQ' prefix is most often a 'PO' read badly."""
    m = re.match(r"([A-Za-z]+)(\d)", token)
    if m and (m.group(1)[-1] in "IlOQDSBZG" or m.group(2) in "10"):
        return True
    prefix = re.match(r"[A-Za-z]+", token)
    return bool(prefix and "Q" in prefix.group(0).upper() and not prefix.group(0).upper().startswith("QU"))


def _first_date(layout: Layout, conv: Conventions) -> Field | None:
    """No labelled invoice date: the first date on page 1 that no other label claims, held loosely."""
    for line in layout.lines:
        if line.page != 1:
            break
        for phrase in line.phrases:
            if re.search(NOT_INVOICE_DATE, phrase.folded):
                continue
            hits = find_dates(phrase.text, conv.day_first)
            if hits:
                return phrase.field(hits[0].value, 0.55)
    return None


# 'Customer PO', 'Kunden-Nr.', 'Client code': a field of the header block that names the customer, not a block.
_RECIPIENT_FIELD = r"\s*#|\s*-?\s*(no|nr|number|nummer|num|id|code|p\.?\s?o|ref|reference|vat|ust|tax|order|account|acct)\b"
_SENDER_SEPARATORS = re.compile(r"\s[·•|]\s|\s[-–]\s")


Blocks = dict[int, list[float]]  # line index -> left edges of the recipient blocks on that line


def in_blocks(blocks: Blocks | set[int], phrase: Phrase) -> bool:
    """Whether a phrase stands in one of the blocks (a set of line indexes stands for whole lines)."""
    if phrase.line not in blocks:
        return False
    if isinstance(blocks, set):
        return True
    return any(x0 - 0.05 < phrase.box[0] < x0 + 0.25 for x0 in blocks[phrase.line])


def _recipient_lines(layout: Layout) -> Blocks:
    """Bill-to, ship-to and similar blocks (names there are the customer's, not the vendor's), by line and left edge:
    what stands beside a block on its lines (a header block, a side bar) is no part of it.

    A block starts under a label ('Bill to', 'Rechnungsempfänger') or, in a window envelope letter,
    under the small return-address line ('Acme GmbH · Main St 1 · Berlin'); that line itself is the
    vendor's (its name and tax id). A line in letterhead print under it is the vendor's logo, not the
    customer's address.
    """
    starts: list[tuple[int, float, bool]] = []
    for hit in layout.labels([(RECIPIENT, 1.0)]):
        if hit.start <= 2 and not re.match(_RECIPIENT_FIELD, hit.phrase.folded[hit.end:]):
            starts.append((hit.phrase.line, hit.phrase.box[0], True))
    for index, line in enumerate(layout.lines):
        if line.page != 1 or line.box[1] > 0.4:
            continue  # a return address stands above the window of the envelope, not in the footer
        for phrase in line.phrases:
            if len(_SENDER_SEPARATORS.findall(phrase.text)) >= 2 and re.search(r"\d{4,5}", phrase.text):
                starts.append((index, phrase.box[0], False))
    heights = sorted(p.height for line in layout.lines if line.page == 1 for p in line.phrases) or [0.01]
    letterhead = 1.4 * heights[len(heights) // 2]
    taken: Blocks = {}
    for first, x0, by_label in starts:
        if by_label:
            taken.setdefault(first, []).append(x0)
        for index in range(first + 1, min(first + 6, len(layout.lines))):
            line = layout.lines[index]
            if line.page != layout.lines[first].page:
                break
            near = [p for p in line.phrases if abs(p.box[0] - x0) < 0.05]
            if near and (by_label or max(p.height for p in near) < letterhead):
                taken.setdefault(index, []).append(x0)
    for index, x0 in _customer_tax_id_blocks(layout):
        taken.setdefault(index, []).append(x0)
    return taken


def _customer_tax_id_blocks(layout: Layout) -> list[tuple[int, float]]:
    """The address block that ends in the customer's own tax id ('USt-ID Kunde: DE...', 'Customer VAT no.'), line
    by line upward: an EU reverse-charge invoice prints it there, so the block is the customer's even when its
    label ('Rechnungsanschrift') was printed too light for a scan to keep."""
    out: list[tuple[int, float]] = []
    for index, line in enumerate(layout.lines):
        if line.page != 1:
            continue
        for phrase in line.phrases:
            if not (re.search(TAX_ID_LABEL, phrase.folded) and re.search(CUSTOMER_TAX_ID, phrase.folded)):
                continue
            x0, below = phrase.box[0], line.box[1]
            out.append((index, x0))
            for above in range(index - 1, max(index - 6, -1), -1):
                upper = layout.lines[above]
                near = [p for p in upper.phrases if abs(p.box[0] - x0) < 0.05]
                if upper.page != line.page or not near or below - upper.box[3] > 0.03:
                    break
                out.append((above, x0))
                below = upper.box[1]
    return out


_ALL_LABELS = INVOICE_NUMBER[:3] + INVOICE_DATE + DUE_DATE + PO_NUMBER + SUBTOTAL + TOTAL + TAX + VENDOR_TAX_ID
_VENDOR_DETAILS = re.compile(r"\b(iban|bic|swift|tax\s*id|vat|ust|steuer|ein|phone|tel|fax|www|e-?mail|registered|handelsregister"
                             r"|hrb|routing|siret|siren|tva|nif|cif|rfc|abn|gst|telefon|telephone|telefono)\b|@")
_LEGAL_FORMS = re.compile(
    r"\b(inc|llc|l\.l\.c|ltd|limited|corp|corporation|co|company|gmbh|ag|kg|ohg|se|ug|plc|lp|llp|sa|s\.a|sas|sarl|bv|nv"
    r"|srl|s\.r\.l|spa|s\.p\.a|sl|s\.l|gbr|e\.\s?k|e\.\s?v|ek|ev|pty|pte|oy|oyj|ab|as|a/s|aps|asa|kgaa|mbh|kk|sro|kft|zrt"
    r"|bhd|ltda|pvt|slu|eurl|snc|sp z oo|ooo|vof|bvba|cvba|doo)\b\.?|&")
_LEGAL_PIECE = re.compile(r"^(&\s*)?(co\.?|kg|kgaa|ag|gmbh|inc\.?|ltd\.?|llc|plc|corp\.?|s\.?a\.?|e\.\s?k\.?)(\s*&?\s*(co\.?|kg))*\.?$")
_ADDRESS = re.compile(r"^\d+\w?\s+\w|\b\d{4,5}\s+[A-ZÄÖÜ][a-zäöüß]|\b[A-Z]{2}\s+\d{5}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"
                      r"|\b(street|st\.|road|rd\.|avenue|ave\.?|lane|blvd|strasse|straße|str\.|weg|platz|allee|gasse|rue|calle|avenida)\b",
                      re.IGNORECASE)
_FINANCE_NAME = re.compile(r"\b(capital|factoring|factor|funding|finance|financial|finanz\w*|credit|kredit\w*|leasing)\b")
# A notice that the invoice was sold to a factoring company ('assigned to and payable only to', 'abgetreten').
_ASSIGNED = re.compile(r"\bassigned to\b|\bpayable only to\b|\babgetreten\b|\bfactoring\b|\bcede[e]? a\b|\bsubrogat|\bcedid[ao]\b")
_BANK_NAME = re.compile(r"\b(bank|sparkasse|volksbank|raiffeisen\w*|credit union|banque|banco|caja)\b|bank\b")


def name_key(name: str) -> str:
    """A company name compared without case, accents, punctuation or legal form: 'Acme Supply Co.' ~ 'ACME SUPPLY'."""
    folded = _LEGAL_FORMS.sub(" ", _dotless(name))
    return " ".join(re.findall(r"[a-z0-9]+", folded))


def _dotless(name: str) -> str:
    """A name folded with the dots of its abbreviations dropped: 'B.V.', 'K.K.', 'Sp. z o.o.' read as bv, kk, sp z oo."""
    return fold(name).replace(".", "")


def legal_form_only(text: str) -> bool:
    """Nothing but a legal form ('ApS', 'S.R.L.', '& Co. KG', 'Sp. z o.o.'): the tail of a name set on a line or
    in a phrase of its own."""
    return bool(SUFFIX_ONLY.match(fold(text).strip())) or (has_legal_form(text) and not name_key(text))


def has_legal_form(name: str) -> bool:
    folded = fold(name)
    return bool(_LEGAL_FORMS.search(folded) or COMPANY_SUFFIX.search(folded) or _LEGAL_FORMS.search(_dotless(name)))


def _same_company(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b or fuzz.ratio(a, b) >= 90:
        return True
    short, long = sorted((a, b), key=len)
    return len(short.split()) >= 2 and (long + " ").startswith(short + " ")  # a logo that drops the last word


@dataclass
class _NameGroup:
    """Every place one company name stands, and the cues that say it is the issuer's."""

    occurrences: list[tuple[str, Phrase, int]]  # (name, phrase, line index)
    cues: dict[str, float]

    @property
    def points(self) -> float:
        return sum(self.cues.values())

    def best(self) -> tuple[str, Phrase]:
        # The fullest spelling (with its legal form) as read most surely.
        # A name in the text layer beats the same name read off a logo's pixels (OCR loses umlauts and case).
        # OCR drops accents and umlauts far more often than it invents them: a spelling with them is the printed one.
        # A full stop that another printing lacks ends the sentence it stood in ('... payable to Acme Ltd.').
        # A printing that adds a legal form to another ('Acme Services' in the letterhead, 'Acme Services LLC' in the
        # footer) is the full name, however surely each was read.
        printed = {n for n, _, _ in self.occurrences}

        def cut_short(name: str) -> bool:
            return any(other.startswith(name + " ") and legal_form_only(other[len(name) + 1:]) for other in printed)
        name, phrase, _ = max(self.occurrences, key=lambda o: (not (o[0].endswith(".") and o[0][:-1] in printed),
                                                               not cut_short(o[0]),
                                                               has_legal_form(o[0]),
                                                               all(w.source != "ocr" for w in o[1].words),
                                                               fold(o[0]) != o[0].lower(),
                                                               round(o[1].confidence, 1),
                                                               len(name_key(o[0])), o[1].height))
        return name, phrase


# A company's legal registration, printed beside its name only by the company itself ('X GmbH · Sitz Hamburg · HRB
# 12345', 'X Ltd, registered in England and Wales no. 04123456').
_REGISTRATION = re.compile(
    r"\b(registered (in|office|address|no|number)|company (no|number|reg\w*)|reg(istration)?\.? no|handelsregister"
    r"|amtsgericht|registergericht|hrb|hra|sitz|geschaftsfuhr\w*|vorstand|rcs|siren|siret|kvk|rea|registro mercantil"
    r"|capital social|share capital|stammkapital|grundkapital|vat reg\w*|ust-?\s*id\w*|copyright|all rights reserved"
    r"|alle rechte vorbehalten|tous droits reserves|todos los derechos reservados|tutti i diritti riservati"
    r"|alle rechten voorbehouden)\b")
# The cues that tie a name to the issuer rather than only place it like a letterhead (top, large, legal form).
_CORROBORATING = ("labelled", "repeated", "details", "bank_details", "domain", "registered")


def _corroborated(group, skip: Blocks | set[int]) -> bool:
    """Whether anything ties the name to the issuer. Contact or tax details under a name count only once the
    customer's block is found apart from it: a customer's block prints its phone, mail and VAT id just the same.
    With the customer's block found (by its label or under the return-address line), a name apart from it at the
    top in letterhead print counts too: the other party is accounted for."""
    if skip and group.cues.get("top", 0) > 0 and group.cues.get("size", 0) > 0:
        return True
    return any(cue in group.cues and (cue == "labelled" or group.cues[cue] > 0)
               for cue in _CORROBORATING if cue != "details" or skip)


def _web_names(layout: Layout, skip: Blocks | set[int]) -> list[str]:
    """The names in the e-mail addresses and web sites outside the customer's blocks, letters only ('northwind-trading'
    in 'billing@northwind-trading.co.uk' gives 'northwindtrading')."""
    out = []
    for line in layout.lines:
        for phrase in line.phrases:
            if in_blocks(skip, phrase):
                continue
            for m in re.finditer(r"(?:@|\bwww\.|https?://)([a-z0-9][a-z0-9.-]*)", phrase.folded):
                host = m.group(1).split(".")
                host = [h for h in host if h not in ("www", "mail", "billing", "invoices", "info")]
                if host:
                    out.append(re.sub(r"[^a-z0-9]", "", host[0]))
    return out


def _named_in_web(name: str, web: list[str]) -> bool:
    """Whether a web or mail domain spells the name's first word (four letters or more) or its words run together."""
    words = name_key(name).split()
    if not words or not web:
        return False
    first, joined = words[0], "".join(words)
    return any(len(first) >= 4 and (host.startswith(first) or first in host and len(host) <= 2 * len(joined))
               or len(joined) >= 4 and joined in host for host in web)


def issuer_name(layout: Layout, labels: Labels, value, *, skip: Blocks | set[int], strict: bool = False) -> Field | None:
    """The company that issued the page, from cues that corroborate each other.

    Each name standing outside the recipient blocks (`skip`) and tables collects cues: a label naming
    it ('From:', 'Employer'), a legal form, a place at the top, the largest print, a block of tax,
    bank or contact details under it, and above all being printed more than once (letterhead and
    footer, return-address line, 'payable to'). Confidence grows with the cues and shrinks with a
    rival that has nearly as many: one cue alone never reaches the auto-approval threshold.

    `strict`: a name only placed like a letterhead (at the top, large, with a legal form) but tied to the issuer by
    nothing (no label, no second printing, no tax, bank or contact details with it, no web or mail domain that
    spells it, no registration line) is held for a person to look at: a customer's address printed first without a
    label we know looks just the same. A name whose printings a scan spelled differently is held too.
    """
    first_page = [i for i, line in enumerate(layout.lines) if line.page == 1]
    if not first_page:
        return None
    heights = sorted(p.height for i in first_page for p in layout.lines[i].phrases) or [0.01]
    typical = heights[len(heights) // 2]
    table_top = min((layout.lines[i].box[1] for i in layout.table_lines if layout.lines[i].page == 1), default=1.0)
    groups: list[_NameGroup] = []
    assigned = bool(_ASSIGNED.search(fold(layout.text)))

    def group_of(name: str) -> _NameGroup:
        key = name_key(name)
        for g in groups:
            if any(_same_company(key, name_key(n)) for n, _, _ in g.occurrences):
                return g
        g = _NameGroup([], {})
        groups.append(g)
        return g

    issuer_labelled = {(c.phrase.line, c.phrase.box) for c in labelled(layout, labels[:1], value)} if strict else set()
    for hit in labelled(layout, labels, value):
        name, where = hit.value, hit.phrase
        if strict:  # ('Lieferant:' 'Acme GmbH & Co.' 'KG', a scan spaced apart)
            name, where = _with_suffix_line(layout, where.line, where, name)
        g = group_of(name)
        g.occurrences.append((name, where, where.line))
        g.cues["label"] = max(g.cues.get("label", 0.0), 1.6 * hit.score)
        if hit.score < 0.7:
            g.cues.setdefault("payee", 0.0)  # named only where the money goes
        if (hit.phrase.line, hit.phrase.box) in issuer_labelled:
            g.cues.setdefault("labelled", 0.0)  # under an issuer's label ('From'), however surely a scan read it
    for index, line in enumerate(layout.lines):
        for phrase in line.phrases:
            if layout.in_table(phrase) or in_blocks(skip, phrase):
                continue
            for name, where, strength in _labelled_in_runs(phrase, labels, value) if strict else ():
                g = group_of(name)
                g.occurrences.append((name, where, index))
                g.cues["label"] = max(g.cues.get("label", 0.0), 1.6 * strength * where.confidence)
                g.cues.setdefault("payee" if strength < 0.7 else "labelled", 0.0)
            for name, where in _name_parts(phrase, value):
                if any(re.search(p, where.folded) for p, _ in _ALL_LABELS):
                    continue
                name, where = _with_suffix_line(layout, index, where, name)
                g = group_of(name)
                if any(i == index for _, _, i in g.occurrences):
                    continue
                g.occurrences.append((name, where, index))
                if line.page != 1:
                    continue
                y = line.box[1]
                if y < table_top:
                    g.cues["top"] = max(g.cues.get("top", 0.0), 0.7 * max(0.0, 1 - y / 0.3))
                g.cues["size"] = max(g.cues.get("size", 0.0), min(0.7, max(0.0, where.height / typical - 1) * 0.7))
                if _details_near(layout, index, where):
                    g.cues["details"] = 0.6
                if _details_near(layout, index, where, _BANK_DETAILS):
                    g.cues["bank_details"] = 0.5  # where the money goes: a customer's block never gives a bank
                if _address_under(layout, index, where):
                    g.cues["address"] = 0.3
                if strict and _details_near(layout, index, where, _REGISTRATION):
                    g.cues["registered"] = 1.0
    if not groups:
        return None
    for g in groups:
        names = [n for n, _, _ in g.occurrences]
        if any(has_legal_form(n) for n in names):
            g.cues["legal_form"] = 1.0
        elif all(len(n.split()) == 1 for n in names):
            g.cues["one_word"] = -0.8  # one word without a legal form is rarely a whole company name
        lines = {i for _, _, i in g.occurrences}
        if len(lines) >= 2:
            g.cues["repeated"] = 1.0 + 0.3 * (len(lines) >= 3)
            if "label" not in g.cues and _two_addresses(layout, g, table_top):
                g.cues["repeated"] = 0.0
                g.cues["two_addresses"] = -0.5
        if all(layout.lines[i].page != 1 or layout.lines[i].box[1] > table_top for i in lines) and "label" not in g.cues \
                and not ({"details", "address"} <= g.cues.keys()):
            g.cues["below_table"] = -0.6  # (a letterhead printed at the foot has its address and details with it)
        if any(_BANK_NAME.search(fold(n)) for n in names):
            g.cues["bank"] = -1.2  # the vendor's bank, named in the payment details
        elif any(_FINANCE_NAME.search(fold(n)) for n in names) and (assigned or "payee" in g.cues):
            # a factoring company the invoice was sold to: paid, yet not the issuer
            g.cues["assigned"] = -2.0 if assigned else -1.0
    if strict:
        web = _web_names(layout, skip)
        for g in groups:
            if any(_named_in_web(n, web) for n, _, _ in g.occurrences):
                g.cues["domain"] = 0.6
    # (strict: a name under an issuer's label goes before one placed like a letterhead, unless far behind)
    groups.sort(key=lambda g: -g.points - (0.5 if strict and "labelled" in g.cues else 0.0))
    if skip:
        groups[0].cues["recipient_elsewhere"] = 0.3  # the other party's block is found and this name is not in it
    best = groups[0]
    points = best.points
    runner_up = groups[1].points if len(groups) > 1 else 0.0
    confidence = 1 / (1 + math.exp(-3.0 * (points - 1.5)))
    margin = points - max(runner_up, 0.0)
    confidence *= min(1.0, 0.55 + 0.45 * margin / 1.5)
    name, where = best.best()
    if re.search(r"[A-Za-z]ii[a-z]", name) or name.rstrip().endswith("&") or re.search(r"gmbh\s*&\s*co\.?$", fold(name)):
        confidence *= 0.8  # 'Biirobedarf': OCR reads an umlaut as two i; a trailing '&' lost the rest of the name
    if strict:
        if not _corroborated(best, skip):
            confidence = min(confidence, 0.8)
        spellings = {" ".join(_dotless(n).split()) for n, _, _ in best.occurrences}
        if len(spellings) > 1 and sum(" ".join(_dotless(n).split()) == " ".join(_dotless(name).split())
                                      for n, _, _ in best.occurrences) < 2 and any(w.source == "ocr" for w in where.words):
            confidence *= 0.85  # read twice, spelled two ways: which is right is a guess
        if any(w.source == "ocr" and re.search(r"\d", w.text) and re.search(r"[A-Za-z.]", w.text) for w in where.words):
            confidence *= 0.8  # 'Sp. z 0.0.', 'Te1ecom': a scan's digit among letters is more often an o or an l
        if _letter_spaced(layout, where):
            confidence *= 0.8  # 'N O R D V I K   E L E K T R O' read as 'NORDVIKELEKTRO': OCR loses the word breaks
    return Field(value=name, confidence=confidence * where.confidence, page=where.page, box=where.box, raw=where.text)


def _letter_spaced(layout: Layout, where: Phrase) -> bool:
    """Whether a scan read the name off letter-spaced print: a long word of it 1.6 times as wide per letter, for its
    height, as the page's words are."""
    def spread(w) -> float:
        return (w.box[2] - w.box[0]) / len(w.text) / max(w.box[3] - w.box[1], 1e-6)

    words = [w for w in where.words if w.source == "ocr" and len(w.text) >= 6 and w.text.isalpha()]
    if not words:
        return False
    page = sorted(spread(w) for line in layout.lines if line.page == where.page for w in line.words
                  if w.source == "ocr" and len(w.text) >= 3 and w.text.isalnum())
    return len(page) >= 10 and max(spread(w) for w in words) > 1.6 * page[len(page) // 2]


_BANK_DETAILS = re.compile(r"\b(iban|bic|swift|routing|sort\s*code|bank\s*details|bankverbindung|payment\s*details|bank\s*transfer"
                           r"|kontonummer|blz|coordonnees bancaires|datos bancarios|coordinate bancarie|bankgegevens)\b")


def _details_near(layout: Layout, index: int, where: Phrase, details: re.Pattern | None = None) -> bool:
    """Tax, bank or contact details (or only `details`) on the name's own line or in the block under it."""
    details = details or _VENDOR_DETAILS
    own = layout.lines[index]
    for p in own.phrases:
        if where.words[0] in p.words and details.search(p.folded):
            return True  # 'Acme GmbH · Main St 1 · Berlin · VAT DE123456789'
    if len(own.phrases) <= 3 and any(p.box[0] > where.box[2] and details.search(p.folded)
                                     for p in own.phrases if where.words[0] not in p.words):
        return True
    for j in range(index + 1, min(index + 6, len(layout.lines))):
        line = layout.lines[j]
        if line.page != own.page or line.box[1] - own.box[3] > 0.12:
            break
        if any(where.box[0] - 0.03 < p.box[0] < max(where.box[2], where.box[0] + 0.03) and details.search(p.folded)
               for p in line.phrases):
            return True  # (in the block under it, or in a run of parts under it: 'Main St 1 | Dresden | Tel. ...')
        if own.box[1] > 0.75 and any(-0.03 < p.box[0] - where.box[0] < 0.35 and details.search(p.folded)
                                     for p in line.phrases):
            return True  # a letterhead at the foot of the page, its details in the columns beside the address
    return False


def _address_under(layout: Layout, index: int, where: Phrase) -> bool:
    """A street or postal-code line in the two lines under the name, aligned with it."""
    for j in range(index + 1, min(index + 3, len(layout.lines))):
        line = layout.lines[j]
        if line.page != where.page:
            break
        for p in line.phrases:
            if abs(p.box[0] - where.box[0]) < 0.03 and _ADDRESS.search(p.text):
                return True
    return False


def _two_addresses(layout: Layout, group: _NameGroup, table_top: float) -> bool:
    """Whether the name heads two address blocks over the items that give different streets or towns: a customer
    billed at one address and supplied at another, whose block labels a scan lost ('KUNDE', 'LIEFERANSCHRIFT' in
    light print). A vendor's letterhead and footer give one address."""
    blocks = []
    for _, where, index in group.occurrences:
        line = layout.lines[index]
        if line.page != 1 or line.box[1] > table_top:
            continue
        blocks.append({fold(p.text) for under in layout.lines[index + 1:index + 3] if under.page == line.page
                       for p in under.phrases if abs(p.box[0] - where.box[0]) < 0.02
                       and (_ADDRESS.search(p.text) or _STREET.search(p.text))})
    return len(blocks) >= 2 and all(blocks) and len(set.union(*blocks)) > max(len(b) for b in blocks)


_STREET = re.compile(r"^[^\W\d_]{4,}\.?\s+\d{1,4}\s?[a-z]?$")  # 'Lindenallee 110', 'Mühlenweg 13a'


def _vendor_name(layout: Layout) -> Field | None:
    """The issuer: the name on the page that looks most like a letterhead, never one in a customer block."""
    return issuer_name(layout, VENDOR_LABELS, name_value, skip=_recipient_lines(layout), strict=True)


def _name_parts(phrase: Phrase, value=None) -> list[tuple[str, Phrase]]:
    """A phrase as a name, or the first part of a return-address line ('Acme GmbH · Main St 1 · Berlin') or of a
    registration line ('Acme Ltd, registered in England and Wales ...')."""
    value = value or name_value
    parsed = _before_registration(phrase, value)
    if parsed:
        return [parsed]
    parsed = value(phrase)
    if parsed:
        return [(parsed[0], phrase)]
    parts = _SENDER_SEPARATORS.split(phrase.text)
    if len(parts) < 2:
        head, _, tail = phrase.text.partition(", ")
        if tail and (_REGISTRATION.search(fold(tail)) or _ADDRESS.search(tail)):
            parts = [head, tail]
    found = []
    copyright = _COPYRIGHT.match(phrase.text)
    if copyright:  # '© 2026 Acme Ltd. All rights reserved.'
        skip, count = len(copyright.group(1).split()), len(copyright.group(2).split())
        parsed = value(Phrase(phrase.page, phrase.words[skip:skip + count], phrase.line))
        if parsed:
            return [(parsed[0], parsed[1])]
    if len(parts) >= 2:
        count = len(parts[0].split())
        head = Phrase(phrase.page, phrase.words[:count], phrase.line)
        parsed = value(head)
        if parsed:
            found.append((parsed[0], head))
    # Further on in a footer's run, the name the registration follows ('... · Tel. ... · Acme KG · Sitz: Köln · HRB ...').
    runs = _runs(phrase)
    for (text, where), (after, _) in zip(runs[1:], [*runs[2:], ("", None)]):
        parsed = _before_registration(where, value)
        if not parsed and has_legal_form(text) and _REGISTRATION.search(fold(after)):
            parsed = value(where)
            parsed = parsed and (parsed[0], where)
        if parsed:
            found.append(parsed)
    return found


def _before_registration(phrase: Phrase, value) -> tuple[str, Phrase] | None:
    """The name a registration runs on from without a separator ('Acme e.K. Registergericht Nürnberg', where a scan
    lost the dot between them)."""
    registered = _REGISTRATION.search(fold(phrase.text))
    if not registered or registered.start() == 0:
        return None
    head = Phrase(phrase.page, phrase.words[:len(fold(phrase.text)[:registered.start()].split())], phrase.line)
    parsed = value(head) if head.words and has_legal_form(head.text) else None
    return (parsed[0], parsed[1]) if parsed else None


_COPYRIGHT = re.compile(r"^((?=©|\(c\)|copyright)(?:copyright\s*)?(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?)\s*(.+?)\.?\s*"
                        r"(?:[.,|·-]\s*)?(?:(?:all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos "
                        r"reservados|tutti i diritti riservati|alle rechten voorbehouden)\b.*)?$", re.IGNORECASE)


def _runs(phrase: Phrase) -> list[tuple[str, Phrase]]:
    """The parts of a run of parts ('Acme Ltd · 1 Main St · VAT GB123'), each as its text and a phrase of its words."""
    text = phrase.text
    seps = list(_SENDER_SEPARATORS.finditer(text))
    if not seps:
        return []
    starts, pos = [], 0
    for w in phrase.words:
        starts.append(pos)
        pos += len(w.text) + 1
    out = []
    for start, end in zip([0, *(m.end() for m in seps)], [*(m.start() for m in seps), len(text)]):
        words = [w for w, at in zip(phrase.words, starts) if start <= at < end]
        if words:
            out.append((text[start:end], Phrase(phrase.page, words, phrase.line)))
    return out


def _labelled_in_runs(phrase: Phrase, labels: Labels, value) -> list[tuple[str, Phrase, float]]:
    """Names after a label inside a run of parts ('Bank: Barclays · Account holder: Acme Ltd · IBAN ...'), which
    a label search that reads whole phrases misses."""
    found = []
    for text, part in _runs(phrase):
        for pattern, strength in labels:
            m = re.match(pattern, fold(text))
            if not m:
                continue
            label_words = len(fold(text)[:m.end()].split())
            rest = Phrase(part.page, part.words[label_words:], part.line) if len(part.words) > label_words else None
            parsed = value(rest) if rest else None
            if parsed:
                found.append((parsed[0], parsed[1], strength))
            break
    return found


def _with_suffix_line(layout: Layout, index: int, phrase: Phrase, name: str) -> tuple[str, Phrase]:
    """A name whose legal form wrapped onto the next line (a logo set in two lines): 'Acme Supply' + 'Co.', or
    stands apart on the same line ('Acme GmbH &' 'Co.' 'KG' where a scan spaced the words out)."""
    line = layout.lines[index]
    before = [p for p in line.phrases if p.box[2] <= phrase.box[0] + 1e-4 and phrase.box[0] - p.box[2] < 0.1]
    if before and re.search(r"(&|\bund|\band)$", max(before, key=lambda p: p.box[2]).text.strip()):
        # 'Schröder &' 'Partner Verpackung AG': a scan set the two halves of one name apart
        phrase = Phrase(phrase.page, max(before, key=lambda p: p.box[2]).words + phrase.words, phrase.line)
        name = clean_text(phrase.text)
    above = [p for p in (layout.lines[index - 1].phrases if index > 0 else [])
             if p.page == phrase.page and abs(p.box[0] - phrase.box[0]) < 0.03
             and 0 <= phrase.box[1] - p.box[3] < 1.5 * max(phrase.height, p.height)]
    if above and re.search(r"(&|\bund|\band)$", above[0].text.strip()):
        # 'Bergmann &' over 'Söhne GmbH': a logo set the name in two lines
        phrase = Phrase(phrase.page, above[0].words + phrase.words, phrase.line)
        name = clean_text(phrase.text)
    elif above and _first_line_of_name(layout, above[0], phrase):
        # 'FJORDLINE' over 'CARGO ApS': a letterhead set the name in two lines of the same large print
        phrase = Phrase(phrase.page, above[0].words + phrase.words, phrase.line)
        name = clean_text(phrase.text)
    after = [p for p in line.phrases if p.box[0] >= phrase.box[2] - 1e-4]
    words = list(phrase.words)
    for p in sorted(after, key=lambda p: p.box[0]):
        gap = p.box[0] - union([w.box for w in words])[2]
        if gap > 0.1 or not (_LEGAL_PIECE.match(p.folded.strip()) or legal_form_only(p.text)):
            break
        words += p.words
    if len(words) > len(phrase.words):
        phrase = Phrase(phrase.page, words, phrase.line)
        name = clean_text(phrase.text)
    # (the line under it, or the one after when a line of something beside it came between)
    under = [p for j in (index + 1, index + 2) if j < len(layout.lines) and layout.lines[j].page == phrase.page
             for p in layout.lines[j].phrases]
    for below in under:
        close = below.box[1] - phrase.box[3] < 2.0 * max(phrase.height, below.height)
        overlaps = min(below.box[2], phrase.box[2]) - max(below.box[0], phrase.box[0]) > 0
        if close and overlaps and legal_form_only(below.text) and not fold(name).endswith(fold(below.text.strip())):
            return f"{name} {below.text.strip()}", Phrase(phrase.page, phrase.words + below.words, phrase.line)
    return name, phrase


def _first_line_of_name(layout: Layout, upper: Phrase, name: Phrase) -> bool:
    """Whether `upper` is the first line of a name whose legal form ends the line under it: one or two words of
    letters in the same letterhead print (as tall, taller than most of the page), right above it, no name of its own."""
    tall = min(upper.height, name.height)
    if not (len(upper.words) <= 2 and all(w.text.isalpha() for w in upper.words) and has_legal_form(name.text)
            and not has_legal_form(upper.text) and tall >= 0.85 * max(upper.height, name.height)
            and name.box[1] - upper.box[3] < 0.8 * tall and not TITLE_WORDS.search(upper.folded)
            and not any(re.search(pattern, upper.folded) for pattern, _ in _ALL_LABELS)):
        return False
    heights = sorted(p.height for line in layout.lines if line.page == name.page for p in line.phrases) or [0.01]
    return tall >= 1.3 * heights[len(heights) // 2]


def clean_text(text: str) -> str:
    """Runs of white space folded, and OCR specks ('‚', '_', '|') trimmed from both ends."""
    text = " ".join(text.split())
    start, end = 0, len(text)
    while start < end and not (text[start].isalnum() or text[start] in "(\"'“„"):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".)\"'”"):
        end -= 1
    return text[start:end].strip()


_SENTENCE_WORDS = {"the", "you", "your", "for", "and", "of", "to", "we", "our", "please", "thank", "is", "are", "will",
                   "des", "der", "die", "das", "und", "für", "fur", "von", "mit", "bitte", "vielen", "dank", "ihre", "wir"}


# 'A member of the Atlas Group', 'Ein Unternehmen der X Holding AG': the group a company belongs to, not the company.
_MEMBERSHIP = re.compile(r"^(an? )?(member|part|subsidiary|division|company) of\b|^an? .+ company$|^(ein )?unternehmen der\b"
                         r"|^(mitglied|teil|tochter\w*) (der|des|von)\b|^une? (societe|entreprise|filiale) du groupe\b|^filiale (de|du)\b"
                         r"|^una? (empresa|sociedad) del grupo\b|^filial de\b|^societa del gruppo\b|^controllata da\b"
                         r"|^onderdeel van\b|^een bedrijf van\b")
_NAME_PARTICLES = {"von", "van", "de", "der", "den", "la", "le", "di", "da", "del", "du", "des", "dos"}


def _logo_speck(text: str) -> bool:
    """A first word OCR made of a logo's mark ('O', 'all', 'rll'): a letter alone or a short word in lower case."""
    return (len(text) == 1 and not text.isdigit()) or (len(text) <= 3 and text.isalpha() and text.islower()
                                                       and text not in _NAME_PARTICLES)


def _monogram(first: str, rest: list[str]) -> bool:
    """A word made of the initials of the words after it ('NL' before 'Nordhavn Logistik'): a logo's mark."""
    letters = re.sub(r"[^A-Za-zÄÖÜ]", "", first)
    initials = "".join(w[:1] for w in rest if w[:1].isalpha())
    return 2 <= len(letters) <= 4 and letters[:1].isupper() and initials.upper().startswith(letters.upper()) \
        and len(rest) > len(letters) - 1 and not legal_form_only(first)


def name_value(phrase: Phrase):
    words = list(phrase.words)
    while words and not any(c.isalnum() for c in words[0].text):
        words.pop(0)  # an emblem or a speck before the name
    specks = next((k for k in range(min(3, len(words) - 2) + 1) if not _logo_speck(words[k].text)), 0)
    if specks and words[0].source == "ocr" and words[specks].text[:1].isupper():
        words = words[specks:]
    if len(words) >= 3 and _monogram(words[0].text, [w.text for w in words[1:]]):
        words = words[1:]  # 'NL Nordhavn Logistik ApS': the logo's mark holds the name's initials
    while words and not any(c.isalnum() for c in words[-1].text):
        words.pop()
    if not words:
        return None
    if len(words) != len(phrase.words):
        phrase = Phrase(phrase.page, words, phrase.line)
    text = clean_text(phrase.text)
    if any(w.source == "ocr" for w in phrase.words) and not re.search(r"[\"“”„‘’].+[\"“”„‘’]", text):
        text = re.sub(r"(?<![\w])[\"“”„‘’`´]+(?=\w)", "", text)  # a speck a scan read as a lone quote ('‘Corp.')
    if sum(t in _SENTENCE_WORDS for t in re.findall(r"[a-zäöü]+", text.lower())) >= 2:
        return None  # a sentence ('Thank you for your business.'), not a name
    folded = phrase.folded.strip()
    if len(text) < 3 or not re.search(r"[A-Za-zÄÖÜäöüß]{2}", text) or text.islower():
        return None
    if legal_form_only(text) or sum(c.isdigit() for c in text) >= 4:
        return None  # a legal form alone is the tail of a name; numbers make it a reference
    if TITLE_WORDS.search(folded) or re.search(RECIPIENT, folded[:20]) and not COMPANY_SUFFIX.search(folded):
        return None
    if _MEMBERSHIP.search(folded):
        return None
    if any((m := re.match(pattern, folded)) and m.end() >= len(folded.rstrip()) for pattern, _ in VENDOR_LABELS):
        return None  # a label standing alone ('BILLED BY', 'Supplier'), not the name under it
    tail = _SENDER_SEPARATORS.split(text)[1:]
    if any(_ADDRESS.search(part) or _VENDOR_DETAILS.search(fold(part)) or _REGISTRATION.search(fold(part))
           or _MEMBERSHIP.search(fold(part)) for part in tail):
        return None  # 'Acme plc - 75 Canal Side': a return-address line, whose first part is the name
    if re.search(r"@|www\.|https?:|\btel\b|\bphone\b|\bfax\b|\biban\b|\bbic\b|\bswift\b|\bpage\b|\bseite\b", folded):
        return None
    if re.match(r"^\d", text) or find_dates(text) or parse_money(text) is not None:
        return None  # street lines start with a number; dates and amounts are not names
    if re.search(r"\b(street|st\.|road|rd\.|avenue|ave|stra(ss|ß)e|str\.|suite|blvd|lane|weg|platz|gasse|allee)\b|stra(ss|ß)e\b", folded):
        return None
    if re.search(r"\s\d+\s?[a-z]?$|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|\b[A-Z]{2}\s+\d{5}(-\d{4})?\b", text):
        return None  # 'Lindenallee 5', 'Leeds LS1 4AP', 'Albany, NY 12246': an address line
    if TITLE_WORDS.search("".join(folded.split())):
        return None  # a letter-spaced title: 'R E C H N U N G'
    if ":" in text and not COMPANY_SUFFIX.search(folded) or re.search(r"\b(nr|no|nummer|number|id|ref)\b\.?\s*:?$", folded):
        return None  # a label, not a name
    return text, phrase, 1.0


def _vendor_tax_id(layout: Layout) -> Field | None:
    skip = _recipient_lines(layout)

    def parse(phrase: Phrase):
        text, certainty = phrase.text, 1.0
        m = TAX_ID_VALUE.search(text)
        if not m and any(w.source == "ocr" for w in phrase.words):
            text, certainty = _look_alike_digits(text), 0.85
            m = TAX_ID_VALUE.search(text)
        if not m:
            return None
        before = re.sub(r"\b(no|nr|number|nummer|num|id|reg(istration)?|n[°º])\b", " ", fold(text[:m.start()]))
        if re.search(r"[a-z]{2,}", before) and not re.search(VENDOR_TAX_ID[0][0], before):
            return None  # 'Routing 125730187' beside 'FEIN 46-5295933': a number under a label of its own
        return re.sub(r"[\s-]", "", m.group(1)), phrase, certainty

    found = [c for c in labelled(layout, VENDOR_TAX_ID, parse, exclude=CUSTOMER_TAX_ID) if not in_blocks(skip, c.phrase)]
    return choose(found) or _tax_id_on_lines(layout, skip)


_MISREAD_VAT_ID = re.compile(r"\b([A-Z]{2})((?:[\dOISBZ]\s?){8,11}[\dOISBZ])\b")


def _look_alike_digits(text: str) -> str:
    """A scan's reading of a VAT id with a letter for a look-alike digit after its country ('DES 14383926' for
    'DE5 14383926'): the digits it most likely shows, where at most two of them were letters."""
    def mend(m: re.Match) -> str:
        rest = m.group(2)
        if sum(c.isalpha() for c in rest) > 2:
            return m.group(0)
        return m.group(1) + rest.translate(str.maketrans("OISBZ", "01582"))
    return _MISREAD_VAT_ID.sub(mend, text)


# A VAT id with its country prefix ('DE123456789', 'GB 123 4567 89') or an EIN ('12-3456789'): shapes few other
# numbers on an invoice have (an IBAN is longer and starts with two digits after the country).
_TAX_ID_SHAPE = re.compile(r"\b([A-Z]{2}\s?(?:\d\s?){8,11}\d|\d{2}-\d{7})\b(?![\d-])")


def _tax_id_on_lines(layout: Layout, skip: Blocks) -> Field | None:
    """The vendor's tax id when no label stands right beside it: a label and its value that a scan set phrases apart
    on one line ('Tax | ID 51-9843489', 'USt-IdNr.: DE | 101 | 667 | 106'), held at 0.85; else the one value shaped
    like a tax id outside the customer's blocks and lines, whose label OCR garbled ('VAP Rez No'), held at 0.6."""
    labelled_found: list[Field] = []
    shaped: dict[str, Field] = {}
    for index, line in enumerate(layout.lines):
        whole = Phrase(line.page, line.words, index)
        folded = fold(whole.text)
        if re.search(CUSTOMER_TAX_ID, folded) or re.search(r"\biban\b", folded):
            continue
        for m in _TAX_ID_SHAPE.finditer(whole.text):
            where = sub_phrase(whole, m.start(), m.end())
            if in_blocks(skip, where) or layout.in_table(where):
                continue
            value = re.sub(r"[\s-]", "", m.group(1))
            label = re.search(VENDOR_TAX_ID[0][0], folded[:m.start()])
            if label:
                labelled_found.append(where.field(value, 0.85 * where.confidence))
            elif re.fullmatch(r"[A-Z]{2}\d{9,12}|\d{2}-\d{7}", m.group(1)):  # unlabelled: only as one unbroken id
                shaped.setdefault(value, where.field(value, 0.6 * where.confidence))
    if labelled_found:
        return labelled_found[0]
    return next(iter(shaped.values())) if len(shaped) == 1 else None


def _line_items(result: TableResult, conv: Conventions, ocr_pages: set[int],
                lines_should_make: Decimal | None) -> list[dict[str, Field]]:
    rows: list[dict[str, Field]] = []
    repaired: list[Field] = []  # misread numbers taken by arithmetic: they stay under review whatever agrees after
    last = max((c for c in result.columns if c.name), key=lambda c: c.x1, default=None)

    def beside(word) -> bool:
        """A word right of the last (numeric) column: a side bar beside the table, not the description."""
        return last is not None and last.numeric and word.box[0] > last.x1 + 0.03

    for raw in result.rows:
        if all(beside(w) for ws in raw.cells.values() for w in ws):
            continue  # a line of the side bar alone ('14 Tage')
        row: dict[str, Field] = {}
        for name in ("quantity", "unit_price", "amount"):
            words = raw.cells.get(name)
            if not words:
                continue
            text = " ".join(w.text for w in words)
            money = parse_money(text, conv.decimal_comma) or parse_money(words[-1].text, conv.decimal_comma)
            if money is not None:
                row[name] = cell_field(words, money.amount, raw.page, 1.0 if money.clean else 0.8)
        words = _without_footer([w for w in raw.cells.get("description", []) if not beside(w)]) or None
        for name, other in (("quantity", "unit_price"), ("unit_price", "quantity")):
            if name not in row and other in row and "amount" in row and words:
                moved = _number_from_description(words, row[other].value, row["amount"].value, conv,
                                                 raw.page in ocr_pages)
                if moved is not None:
                    word, value, certainty = moved
                    row[name] = cell_field([word], value, raw.page, certainty)
                    if certainty < 0.9:
                        repaired.append(row[name])
                    words = [w for w in words if w is not word] or None
        if "unit_price" not in row and "quantity" in row and "amount" in row:
            found = _price_by_arithmetic(raw, row, conv)
            if found is not None:
                row["unit_price"] = found
                words = [w for w in words or [] if w.text not in (found.raw or "").split()] or None
        if words:
            row["description"] = cell_field(words, clean_text(" ".join(w.text for w in words)), raw.page)
        if _sums_rows_above(row, rows):
            continue  # the sum of the rows so far (carried over to the next page, a totals line under captions)
        if "amount" in row or {"quantity", "unit_price"} <= row.keys():
            rows.append(row)  # (one number beside words is a footer's account or phone number, not an item)
    repair_lost_decimal_points(rows, {"unit_price", "amount"})
    _check_rows(rows)
    for f in repaired:
        f.confidence = min(f.confidence, 0.7)
    repair_by_arithmetic(rows, {"quantity", "unit_price", "amount"}, [_line_adds_up], ocr_pages,
                         {"amount": lines_should_make} if lines_should_make is not None else None)
    return rows


_FOOTER_LINE = re.compile(r"\b(iban|bic|swift|routing|sort\s*code|www|tel|phone|fax)\b|@")


def _without_footer(words: list) -> list:
    """A description's words less a line under its first that is the page's footer (bank, phone, web), which a row
    at the foot of a page can take for its own continuation."""
    if not words:
        return words
    lines: dict[float, list] = {}
    for w in words:
        key = next((k for k in lines if abs(k - w.box[1]) < 0.004), w.box[1])
        lines.setdefault(key, []).append(w)
    first = min(lines)
    footer = {k for k, ws in lines.items() if k != first and _FOOTER_LINE.search(fold(" ".join(w.text for w in ws)))}
    if not footer:
        return words
    cut = min(footer)  # the footer and all under it
    return [w for w in words if next(k for k in lines if w in lines[k]) < cut]


def _sums_rows_above(row: dict[str, Field], rows: list[dict[str, Field]]) -> bool:
    """Whether the row is a totals line: its amount alone, or any of its numbers once two items stand above it, is
    the sum of the amounts above ('Hours total: 18.00  3,125.95  277.43  3,403.38' under 'Total before tax')."""
    amounts = [r["amount"].value for r in rows if "amount" in r]
    if not amounts:
        return False
    above = sum(amounts, Decimal(0))
    numbers = [f.value for name, f in row.items() if name in ("quantity", "unit_price", "amount")]
    if set(row) <= {"amount", "description"} and "amount" in row:
        return abs(above - row["amount"].value) <= Decimal("0.01")
    return len(amounts) >= 2 and any(abs(above - n) <= Decimal("0.01") for n in numbers)


_NUMBER_JUNK = ".,;:'`´°º*_|~\"“”‚„—–-"


def _number_from_description(words: list, known: Decimal, amount: Decimal, conv: Conventions,
                             scanned: bool) -> tuple[object, Decimal, float] | None:
    """A quantity (or price) the scan printed with junk beside it or set too far left, so that it joined the
    description ('Projektleitung 10,25.'): the number word of the description with which quantity x price = amount
    holds, the rightmost if several do. On a scan the rightmost number word may also be an OCR misreading of it
    ('2.15.' for 2.75): read as the one likeliest alternative that makes the row add up, held for review."""
    def number(w) -> Decimal | None:
        text = w.text.strip(_NUMBER_JUNK)
        if not re.fullmatch(r"\d[\d.,]*", text):
            return None
        money = parse_money(text, conv.decimal_comma)
        return money.amount if money is not None and money.amount > 0 else None

    def adds_up(value: Decimal) -> bool:
        return abs(value * known - amount) <= Decimal("0.01")

    numbered = [(w, number(w)) for w in words]
    numbered = [(w, v) for w, v in numbered if v is not None]
    if not numbered or known <= 0:
        return None
    numbered.sort(key=lambda wv: wv[0].box[2])
    exact = [(w, v) for w, v in numbered if adds_up(v)]
    if exact:
        w, v = exact[-1]
        return w, v, 0.9
    if not scanned:
        return None
    w, v = numbered[-1]
    if w is not max(words, key=lambda x: x.box[2]):
        return None  # only a number standing last, where the quantity column begins, is taken for a misread one
    fits = sorted((cost, alt) for alt, cost in ocr_alternatives(v, w.text.strip(_NUMBER_JUNK)).items()
                  if alt > 0 and adds_up(alt))
    if fits and (len(fits) == 1 or fits[1][0] > fits[0][0]):
        return w, fits[0][1], 0.7
    return None


def _price_by_arithmetic(raw, row: dict[str, Field], conv: Conventions) -> Field | None:
    """A row whose price stands under no header we could read: the one number that makes quantity x price = amount."""
    q, a = row["quantity"].value, row["amount"].value
    fits = []
    for name, words in raw.cells.items():
        if name in ("quantity", "amount"):
            continue
        for w in words:
            money = parse_money(w.text, conv.decimal_comma)
            if money is not None and re.search(r"\d[.,]\d", w.text) and abs(q * money.amount - a) <= Decimal("0.01"):
                fits.append((w, money))
    if len(fits) != 1:
        return None
    w, money = fits[0]
    return cell_field([w], money.amount, raw.page, 0.9)


def _check_rows(rows: list[dict[str, Field]]) -> None:
    """Rows whose quantity x price gives their amount are surely read: say so in their confidence. A row with a
    price and an amount that differ but no quantity lost its quantity (read into the description, or under a header
    we could not name): nothing in it is sure."""
    for row in rows:
        q, p, a = row.get("quantity"), row.get("unit_price"), row.get("amount")
        if q and p and a and abs(q.value * p.value - a.value) <= Decimal("0.01"):
            for f in (q, p, a):
                f.confidence = 1 - (1 - f.confidence) * 0.3
        elif p and a and not q and p.value != a.value:
            for f in row.values():
                f.confidence = min(f.confidence, 0.6)


def _totals(subtotal: list[Candidate], tax: list[Candidate], total: list[Candidate],
            line_sum: Decimal | None) -> dict[str, Field]:
    """Subtotal, tax and total, choosing among the candidates the set whose arithmetic agrees."""
    def amount(c: Candidate) -> Decimal:
        return c.value.amount

    best: tuple[float, dict[str, Candidate]] | None = None
    none = [None]
    for s, t, g in itertools.product(subtotal[:6] or none, tax[:6] or none, total[:6] or none):
        picked = {k: v for k, v in (("subtotal", s), ("tax_amount", t), ("total_amount", g)) if v is not None}
        if not picked:
            continue
        score = sum(c.score for c in picked.values())
        if s and g and abs(amount(s) + (amount(t) if t else 0) - amount(g)) <= Decimal("0.01"):
            score += 2.0
        if s and line_sum is not None and abs(amount(s) - line_sum) <= Decimal("0.01"):
            score += 1.0
        if best is None or score > best[0]:
            best = (score, picked)
    if best is None:
        return {}
    picked = best[1]
    s, t, g = picked.get("subtotal"), picked.get("tax_amount"), picked.get("total_amount")
    agrees = bool(s and g and abs(amount(s) + (amount(t) if t else 0) - amount(g)) <= Decimal("0.01"))
    out = {}
    for name, c in picked.items():
        confidence = 1 - (1 - c.score) * 0.25 if agrees else c.score * 0.9
        out[name] = Field(value=amount(c), confidence=confidence, page=c.phrase.page, box=c.phrase.box, raw=c.phrase.text)
    if g is not None and s is None and line_sum is not None and t is not None and abs(line_sum + amount(t) - amount(g)) <= Decimal("0.01"):
        out["total_amount"].confidence = max(out["total_amount"].confidence, 0.97)
    return out


def _worked_out_total(doc: Document, name: str, line_sum: Decimal | None, caption: Phrase) -> Field | None:
    """A total whose caption is printed but whose figures a scan lost ('VAT (19%)  ANIK 17'), worked out from the
    other two (total - subtotal, subtotal + tax, total - tax) when the tax comes to at most 30 % of the subtotal.
    A value worked out, not read: held at 0.7 of the less sure of the two (lower still when the lines add up to
    another subtotal), below every threshold, so a person confirms it; it stands at its caption."""
    fields = doc.fields
    order = ["subtotal", "tax_amount", "total_amount"]
    others = [n for n in order if n != name]
    if not all(n in fields for n in others):
        return None
    # Its caption stands in the totals block, in its place: tax between subtotal and total, and so on.
    # (or in a row of figures, left to right)
    boxes = {n: fields[n].box for n in others if fields[n].page == caption.page and fields[n].box}

    def before(box) -> bool:
        if abs(box[1] - caption.box[1]) < 0.5 * (caption.box[3] - caption.box[1]):
            return box[0] < caption.box[0]
        return box[1] < caption.box[1]
    if len(boxes) < 2 or not all(before(boxes[n]) == (order.index(n) < order.index(name)) for n in boxes) \
            or max(abs(b[1] - caption.box[1]) for b in boxes.values()) > 0.15:
        return None
    sub, tax, total = (fields[n].value if n in fields else None for n in order)
    if name == "subtotal":
        value = sub = total - tax
    elif name == "tax_amount":
        value = tax = total - sub
    else:
        value = sub + tax
    if sub <= 0 or not 0 <= tax <= Decimal("0.3") * sub:
        return None
    confidence = 0.7 * min(fields[n].confidence for n in others)
    if line_sum is not None and abs(line_sum - sub) > Decimal("0.01"):
        confidence *= 0.8
    return Field(value=value, confidence=confidence, page=caption.page, box=caption.box, raw=caption.text)


def _currency(layout: Layout, doc: Document, amounts: list[Candidate]) -> Field | None:
    for c in amounts:
        if c.value.currency:
            return Field(value=c.value.currency, confidence=0.98 * c.phrase.confidence, page=c.phrase.page,
                         box=c.phrase.box, raw=c.phrase.text)
    for line in layout.lines:
        for phrase in line.phrases:
            code = currency_in(phrase.text)
            if code and (code in CURRENCY_CODES or code in ("USD", "EUR", "GBP")):
                return phrase.field(code, 0.9 * phrase.confidence)
    return None
