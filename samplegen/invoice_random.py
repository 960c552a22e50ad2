"""Invoice family G: a layout drawn per document. Label wording, where labels stand against their values, where
the header block goes, date and money formats, the item table's columns and the distractors around the fields a
clerk reads are each picked at random from wide pools, so no two invoices of this family share a template.

The values come from the shared record maker (samplegen.invoice.make_invoice) and its truth; this module only
decides how they are printed, and prints every value the truth holds exactly once in its own place (repeats such as
a remittance slip print the same value again).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Callable

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase.pdfmetrics import stringWidth

from samplegen import names
from samplegen.drawing import (ACCENTS, FONTS, GREY, LIGHT, Column, Sheet, Table, TableStyle, draw_image, fitted_size,
                               flow_table, lines_at, logo_image, wrap)
if TYPE_CHECKING:
    from samplegen.invoice import Invoice
from samplegen.values import DATE_STYLES as SHARED_DATES
from samplegen.values import (DE_NUMBERS, EN_NUMBERS, MONTHS_EN, MoneyStyle, NumberStyle, format_money, format_number,
                              format_rate, money_styles)

# Label wording by language: what vendors print, including wording no dev family uses.
POOLS = {
    "en": {
        "title": ("INVOICE", "Invoice", "TAX INVOICE", "Tax Invoice", "Sales Invoice", "Commercial Invoice", "BILL"),
        "number": ("Invoice No.", "Inv. Number", "Invoice #", "Invoice Number", "Bill No", "Bill Number",
                   "Document number", "Document No.", "Reference", "Invoice Ref.", "Invoice ID", "Inv #", "Invoice no",
                   "Our reference", "Tax invoice no."),
        "date": ("Invoice Date", "Date", "Date of issue", "Issue date", "Issued", "Invoice date", "Billing date",
                 "Document date", "Date issued", "Tax point", "Dated"),
        "due": ("Due Date", "Payment due", "Due", "Pay by", "Payable by", "Due on", "Payment due date", "Please pay by"),
        "po": ("PO", "P.O. Number", "Purchase Order", "Your order", "PO Number", "Customer PO", "PO #", "Order No.",
               "Your PO", "Purchase order no.", "Your order ref.", "Buyer's order no."),
        "order_date": ("Order Date", "Ship Date", "Delivery date", "Date shipped", "Dispatch date", "Service date",
                       "Order placed", "Date of supply"),
        "customer_no": ("Customer No.", "Account", "Customer ID", "Account No.", "Client code", "Customer number",
                        "Acct #"),
        "refs": (("Delivery note", "DN-{n5}"), ("Quote no.", "Q-{y}-{n4}"), ("Contract", "CT-{n5}"),
                 ("Project no.", "P-{n4}"), ("Job no.", "J{n5}"), ("Packing slip", "PS{n5}"), ("Cost centre", "{n4}")),
        "terms": ("Terms", "Payment terms"),
        "currency": ("Currency", "Invoice currency", "Amounts in"),
        "subtotal": ("Subtotal", "Net amount", "Sub-total", "Total net", "Net total", "Total before tax",
                     "Goods total", "Amount before tax", "Taxable amount", "Total excl. tax"),
        "total": ("Total", "Amount due", "Total due", "Invoice total", "Balance due", "Grand total", "Total amount",
                  "Amount payable", "Total payable", "Please pay", "Total incl. tax", "TOTAL"),
        "paid": ("Amount paid", "Payments/Credits", "Paid to date"),
        "balance": ("Balance due", "Amount due", "Balance"),
        "bill_to": ("Bill To", "Invoice to", "Customer", "Sold To", "Billed to", "Client", "Invoice address", "Buyer"),
        "ship_to": ("Ship To", "Deliver to", "Delivery address", "Shipped to", "Consignee", "Site address"),
        "description": ("Description", "Item", "Item / Service", "Details", "Product", "Article", "Item description",
                        "Goods / services"),
        "quantity": ("Qty", "Quantity", "Units", "Qty."),
        "hours": ("Hours", "Hrs", "Qty", "Time (h)"),
        "unit_price": ("Unit Price", "Rate", "Price", "Unit cost", "Price each", "Unit rate", "Each", "Unit amount"),
        "amount": ("Amount", "Line Total", "Total", "Ext. Price", "Net", "Extended", "Line amount", "Total price"),
        "code": ("Item code", "SKU", "Part no.", "Code"),
        "unit": ("Unit", "UoM"),
        "tax_col": ("Tax", "VAT %", "Tax rate"),
        "pos": ("#", "Line", "No."),
        "worked_on": ("Date", "Service date"),
        "quantity_total": ("Total quantity", "Total pieces", "Items shipped", "Qty total"),
        "hours_total": ("Total hours", "Hours total", "Hours billed"),
        "remit": ("REMITTANCE ADVICE - please detach and return with your payment",
                  "Please return this portion with your payment", "Payment slip"),
        "enclosed": ("Amount enclosed", "Amount paid"),
        "payable_to": ("Make cheques payable to", "Payable to", "Remit to"),
        "bank": ("Bank details", "Payment details", "Pay by bank transfer to"),
        "thanks": ("Thank you for your business.", "We appreciate your prompt payment.", "Questions? Contact us."),
        "page": ("Page {n} of {m}", "Page {n}/{m}", "{n}/{m}"),
        "continued": ("continued", "cont."),
        "attn": ("Attn:", "Attention:", "c/o"),
        "your_vat": ("Customer VAT No.:", "Your VAT ID:", "Buyer VAT reg.:"),
    },
    "de": {
        "title": ("RECHNUNG", "Rechnung", "Rechnung", "Handelsrechnung"),
        "number": ("Rechnungs-Nr.", "Rechnungsnummer", "Rechnung Nr.", "Beleg-Nr.", "Belegnummer", "Rechnungsnr.",
                   "Re.-Nr.", "Rechnung #", "Dokumentnummer"),
        "date": ("Rechnungsdatum", "Datum", "Belegdatum", "Ausstellungsdatum", "Rechnungsdatum", "Datum der Rechnung"),
        "due": ("Fällig am", "Zahlbar bis", "Fälligkeitsdatum", "Fällig", "Zahlungsziel", "Zahlbar bis spätestens"),
        "po": ("Bestellnummer", "Ihre Bestellung", "Bestell-Nr.", "Ihre Bestell-Nr.", "Ihr Auftrag", "Auftrags-Nr.",
               "Ihre Bestellnummer"),
        "order_date": ("Lieferdatum", "Bestelldatum", "Leistungsdatum", "Liefertag", "Versanddatum", "Auftragsdatum"),
        "customer_no": ("Kundennr.", "Kunden-Nr.", "Kundennummer", "Debitor", "Kd.-Nr."),
        "refs": (("Lieferschein", "LS-{n5}"), ("Angebot", "AN-{y}-{n4}"), ("Vertrag", "V-{n5}"),
                 ("Projekt", "P-{n4}"), ("Kostenstelle", "{n4}")),
        "terms": ("Zahlungsbedingungen", "Konditionen"),
        "currency": ("Währung",),
        "subtotal": ("Zwischensumme", "Nettobetrag", "Summe netto", "Warenwert netto", "Gesamt netto", "Nettosumme"),
        "total": ("Gesamtbetrag", "Rechnungsbetrag", "Endbetrag", "Gesamtsumme brutto", "Zu zahlen", "Gesamt brutto",
                  "Zahlbetrag", "Bruttobetrag"),
        "paid": ("Bereits bezahlt", "Anzahlung"),
        "balance": ("Offener Betrag", "Restbetrag"),
        "bill_to": ("Rechnungsempfänger", "Rechnungsadresse", "Kunde", "Rechnungsanschrift", "Empfänger"),
        "ship_to": ("Lieferanschrift", "Lieferadresse", "Lieferung an", "Warenempfänger"),
        "description": ("Beschreibung", "Bezeichnung", "Leistung", "Artikel", "Artikelbezeichnung", "Leistungsbeschreibung"),
        "quantity": ("Menge", "Anzahl", "Stück"),
        "hours": ("Std.", "Stunden", "Menge"),
        "unit_price": ("Einzelpreis", "E-Preis", "Preis/Einheit", "Stückpreis", "Preis"),
        "amount": ("Gesamtpreis", "Betrag", "Gesamt", "Summe", "G-Preis"),
        "code": ("Art.-Nr.", "Artikelnr.", "Nr."),
        "unit": ("Einheit", "ME"),
        "tax_col": ("USt.", "MwSt.", "USt-Satz"),
        "pos": ("Pos.", "Pos"),
        "worked_on": ("Datum", "Leistungsdatum"),
        "quantity_total": ("Gesamtmenge", "Anzahl Artikel", "Stück gesamt"),
        "hours_total": ("Stunden gesamt", "Summe Stunden"),
        "remit": ("Zahlungsabschnitt - bitte mit Ihrer Zahlung zurücksenden", "Überweisungsträger"),
        "enclosed": ("Überwiesener Betrag",),
        "payable_to": ("Zahlungsempfänger", "Empfänger der Zahlung"),
        "bank": ("Bankverbindung", "Unsere Bankverbindung", "Zahlung an"),
        "thanks": ("Vielen Dank für Ihren Auftrag.", "Wir danken für Ihr Vertrauen.", "Bei Fragen stehen wir gern zur Verfügung."),
        "page": ("Seite {n} von {m}", "Seite {n}/{m}", "{n}/{m}"),
        "continued": ("Fortsetzung",),
        "attn": ("z. Hd.", "Attn."),
        "your_vat": ("Ihre USt-IdNr.:", "USt-ID Kunde:"),
    },
}
# Labels of vendors who bill in French, Spanish, Italian or Dutch: drawn for an English record billed in euros
# (the items stay in English, as on many cross-border invoices). Keys left out print in English.
FOREIGN = {
    "fr": {
        "title": ("FACTURE", "Facture", "Facture"),
        "number": ("Facture n°", "N° de facture", "Numéro de facture", "N° facture", "Facture N°"),
        "date": ("Date de facture", "Date", "Date d'émission", "Date de facturation", "Émise le"),
        "due": ("Date d'échéance", "Échéance", "À payer avant le", "Date limite de paiement"),
        "po": ("Bon de commande", "N° de commande", "Votre commande", "Réf. commande client"),
        "order_date": ("Date de commande", "Date de livraison"),
        "customer_no": ("N° client", "Code client", "Compte client"),
        "refs": (("Bon de livraison", "BL-{n5}"), ("Devis n°", "D-{y}-{n4}"), ("Contrat", "CT-{n5}")),
        "terms": ("Conditions de paiement", "Règlement"),
        "currency": ("Devise",),
        "subtotal": ("Total HT", "Sous-total", "Montant HT", "Total hors taxes"),
        "total": ("Total TTC", "Montant TTC", "Net à payer", "Total à payer", "Montant total TTC"),
        "paid": ("Acompte versé", "Déjà réglé"),
        "balance": ("Reste à payer", "Solde dû"),
        "bill_to": ("Facturé à", "Adresse de facturation", "Client", "Destinataire"),
        "ship_to": ("Livré à", "Adresse de livraison", "Livraison"),
        "seller": ("Fournisseur", "Vendeur", "Émetteur", "Prestataire"),
        "description": ("Désignation", "Description", "Libellé"),
        "quantity": ("Qté", "Quantité"),
        "hours": ("Heures", "Qté"),
        "unit_price": ("Prix unitaire", "P.U. HT", "Prix unit."),
        "amount": ("Montant HT", "Montant"),
        "unit": ("Unité",),
        "tax_col": ("TVA", "Taux TVA"),
        "pos": ("N°", "#"),
        "quantity_total": ("Quantité totale",),
        "hours_total": ("Total heures",),
        "payable_to": ("Chèque à l'ordre de", "Bénéficiaire"),
        "bank": ("Coordonnées bancaires", "Règlement par virement sur"),
        "thanks": ("Merci de votre confiance.",),
        "page": ("Page {n} sur {m}", "Page {n}/{m}"),
        "continued": ("suite",),
        "attn": ("À l'attention de",),
        "your_vat": ("N° TVA client :",),
        "remit_to": ("Règlement à l'ordre de", "Paiement à adresser à"),
    },
    "es": {
        "title": ("FACTURA", "Factura"),
        "number": ("Factura n.º", "N.º de factura", "Número de factura", "Nº Factura", "Factura número"),
        "date": ("Fecha de factura", "Fecha", "Fecha de emisión", "Fecha factura"),
        "due": ("Fecha de vencimiento", "Vencimiento", "Fecha vto.", "Pagar antes de"),
        "po": ("N.º de pedido", "Pedido", "Su pedido", "Orden de compra"),
        "order_date": ("Fecha de pedido", "Fecha de entrega"),
        "customer_no": ("N.º cliente", "Código cliente"),
        "refs": (("Albarán", "ALB-{n5}"), ("Presupuesto", "P-{y}-{n4}"), ("Contrato", "CT-{n5}")),
        "terms": ("Forma de pago", "Condiciones de pago"),
        "currency": ("Moneda", "Divisa"),
        "subtotal": ("Base imponible", "Subtotal", "Importe neto", "Total sin IVA"),
        "total": ("Total factura", "Total a pagar", "Importe total", "TOTAL"),
        "paid": ("Pagado", "Anticipo"),
        "balance": ("Pendiente de pago", "Saldo"),
        "bill_to": ("Facturar a", "Cliente", "Datos del cliente", "Destinatario"),
        "ship_to": ("Enviar a", "Dirección de entrega", "Entregar en"),
        "seller": ("Proveedor", "Emisor", "Vendedor", "Datos del emisor"),
        "description": ("Descripción", "Concepto", "Artículo"),
        "quantity": ("Cantidad", "Cant."),
        "hours": ("Horas", "Cantidad"),
        "unit_price": ("Precio unitario", "Precio", "Precio unit."),
        "amount": ("Importe", "Total"),
        "unit": ("Unidad",),
        "tax_col": ("IVA", "% IVA"),
        "pos": ("N.º", "#"),
        "quantity_total": ("Total unidades",),
        "hours_total": ("Total horas",),
        "payable_to": ("Beneficiario",),
        "bank": ("Datos bancarios", "Transferencia a"),
        "thanks": ("Gracias por su confianza.",),
        "page": ("Página {n} de {m}",),
        "continued": ("continuación",),
        "attn": ("A la atención de",),
        "your_vat": ("NIF cliente:",),
        "remit_to": ("Remitir el pago a", "Pago a"),
    },
    "it": {
        "title": ("FATTURA", "Fattura"),
        "number": ("Fattura n.", "Numero fattura", "N. fattura", "Fattura nr.", "Numero documento"),
        "date": ("Data fattura", "Data", "Data documento", "Data di emissione"),
        "due": ("Scadenza", "Data scadenza", "Data di scadenza", "Pagamento entro il"),
        "po": ("Ordine n.", "Vs. ordine", "Rif. ordine", "N. ordine cliente"),
        "order_date": ("Data ordine", "Data consegna", "Data DDT"),
        "customer_no": ("Cod. cliente", "Codice cliente"),
        "refs": (("DDT", "DDT-{n5}"), ("Preventivo", "PR-{y}-{n4}"), ("Contratto", "CT-{n5}")),
        "terms": ("Condizioni di pagamento", "Pagamento"),
        "currency": ("Valuta",),
        "subtotal": ("Imponibile", "Totale imponibile", "Subtotale", "Totale netto"),
        "total": ("Totale fattura", "Totale documento", "Totale da pagare", "Netto a pagare", "TOTALE"),
        "paid": ("Acconto",),
        "balance": ("Saldo",),
        "bill_to": ("Spett.le", "Destinatario", "Cliente", "Intestatario"),
        "ship_to": ("Destinazione merce", "Luogo di consegna"),
        "seller": ("Fornitore", "Cedente", "Mittente"),
        "description": ("Descrizione", "Articolo", "Descrizione articolo"),
        "quantity": ("Quantità", "Q.tà"),
        "hours": ("Ore", "Q.tà"),
        "unit_price": ("Prezzo unitario", "Prezzo", "Prezzo unit."),
        "amount": ("Importo", "Totale"),
        "unit": ("U.M.",),
        "tax_col": ("IVA", "Aliquota"),
        "pos": ("N.", "#"),
        "quantity_total": ("Totale pezzi",),
        "hours_total": ("Totale ore",),
        "payable_to": ("Beneficiario",),
        "bank": ("Coordinate bancarie", "Bonifico su"),
        "thanks": ("Grazie per la preferenza.",),
        "page": ("Pagina {n} di {m}",),
        "continued": ("segue",),
        "attn": ("Alla c.a.",),
        "your_vat": ("P.IVA cliente:",),
        "remit_to": ("Pagamento a favore di",),
    },
    "nl": {
        "title": ("FACTUUR", "Factuur"),
        "number": ("Factuurnummer", "Factuurnr.", "Factuur nr."),
        "date": ("Factuurdatum", "Datum", "Datum factuur"),
        "due": ("Vervaldatum", "Te betalen voor", "Uiterste betaaldatum", "Vervaldag"),
        "po": ("Ordernummer", "Uw order", "Inkoopordernummer", "Uw bestelnummer"),
        "order_date": ("Orderdatum", "Leverdatum"),
        "customer_no": ("Klantnummer", "Debiteurnummer", "Klantnr."),
        "refs": (("Pakbon", "PB-{n5}"), ("Offerte", "OF-{y}-{n4}"), ("Contract", "CT-{n5}")),
        "terms": ("Betalingstermijn", "Betalingsvoorwaarden"),
        "currency": ("Valuta",),
        "subtotal": ("Subtotaal", "Totaal excl. BTW", "Netto bedrag", "Totaal exclusief btw"),
        "total": ("Totaal", "Te betalen", "Totaal incl. BTW", "Totaalbedrag", "Factuurbedrag"),
        "paid": ("Reeds betaald",),
        "balance": ("Openstaand",),
        "bill_to": ("Factuuradres", "Klant", "Gefactureerd aan"),
        "ship_to": ("Afleveradres", "Leveradres"),
        "seller": ("Leverancier", "Verkoper", "Afzender"),
        "description": ("Omschrijving", "Artikel", "Beschrijving"),
        "quantity": ("Aantal",),
        "hours": ("Uren", "Aantal"),
        "unit_price": ("Prijs", "Stukprijs", "Eenheidsprijs"),
        "amount": ("Bedrag", "Totaal"),
        "unit": ("Eenheid",),
        "tax_col": ("BTW", "BTW %"),
        "pos": ("Nr.", "#"),
        "quantity_total": ("Totaal aantal",),
        "hours_total": ("Totaal uren",),
        "payable_to": ("Begunstigde",),
        "bank": ("Bankgegevens", "Gelieve over te maken op"),
        "thanks": ("Bedankt voor uw opdracht.",),
        "page": ("Pagina {n} van {m}",),
        "continued": ("vervolg",),
        "attn": ("T.a.v.",),
        "your_vat": ("Uw btw-nummer:",),
        "remit_to": ("Betaling aan",),
    },
}
# Who issued the invoice, as a label over the vendor's own block beside the customer's, and where payment goes.
SELLER = {"en": ("From", "Seller", "Supplier", "Vendor", "Issued by", "Sender", "Sold by", "Billed by"),
          "de": ("Lieferant", "Verkäufer", "Rechnungssteller", "Absender", "Von", "Auftragnehmer"),
          "fr": ("Fournisseur", "Vendeur", "Émetteur"), "es": ("Vendedor", "Proveedor", "Emisor"),
          "it": ("Fornitore", "Emittente", "Cedente"), "nl": ("Leverancier", "Verkoper", "Afzender")}
# Who the bank account belongs to, in the payment details: the vendor named where the money goes.
ACCOUNT_HOLDER = {"en": ("Account holder", "Beneficiary"), "de": ("Kontoinhaber",), "fr": ("Titulaire du compte",),
                  "es": ("Titular",), "it": ("Intestato a",), "nl": ("Rekeninghouder",)}
TITLE_FROM = {"en": "from", "de": "von", "fr": "de", "es": "de", "it": "da", "nl": "van"}
COPYRIGHT = {"en": "All rights reserved.", "de": "Alle Rechte vorbehalten.", "fr": "Tous droits réservés.",
             "es": "Todos los derechos reservados.", "it": "Tutti i diritti riservati.", "nl": "Alle rechten voorbehouden."}
# The company's legal registration, printed after its name in the footer.
REGISTRATIONS = {"uk": ("{name}, registered in England and Wales No. {n8}", "{name} · Registered office: {city} · Company No. {n8}"),
                 "de": ("{name} · Sitz: {city} · Amtsgericht {city} HRB {n5}", "{name} · Registergericht {city} · HRB {n5}"),
                 "us": ("{name} · a {state} limited liability company",)}
REMIT_TO = {"en": ("Remit to", "Please remit payment to", "Send payment to", "Mail payments to"),
            "de": ("Zahlung an", "Bitte zahlen Sie an")}
TAX_LABELS = {
    ("en", "us"): ("Sales tax ({rate}%)", "Sales Tax {rate}%", "Tax ({rate}%)", "Tax @ {rate}%", "{rate}% sales tax",
                   "Sales tax", "Tax"),
    ("en", "uk"): ("VAT {rate}%", "VAT @ {rate}%", "VAT at {rate}%", "VAT ({rate}%)", "Plus VAT {rate}%", "VAT"),
    ("en", "de"): ("VAT {rate}%", "VAT ({rate}%)", "VAT @ {rate}%"),
    ("de", "de"): ("MwSt. {rate}%", "USt. {rate}%", "zzgl. {rate}% USt.", "Umsatzsteuer {rate}%", "{rate}% MwSt.",
                   "zzgl. MwSt. {rate}%", "Mehrwertsteuer {rate}%"),
    ("fr", None): ("TVA {rate}%", "TVA ({rate} %)", "TVA {rate} %", "Montant TVA"),
    ("es", None): ("IVA {rate}%", "IVA ({rate}%)", "Cuota IVA {rate}%", "IVA"),
    ("it", None): ("IVA {rate}%", "IVA", "IVA {rate} %"),
    ("nl", None): ("BTW {rate}%", "BTW", "Btw {rate}%"),
}
TAX_ID_LABELS = {
    ("en", "us"): ("EIN", "Tax ID", "Federal Tax ID", "FEIN", "Tax ID No.", "EIN #"),
    ("en", "uk"): ("VAT Reg. No.", "VAT No", "VAT Registration Number", "VAT number"),
    ("en", "de"): ("VAT ID", "VAT Reg. No.", "VAT No."),
    ("de", "de"): ("USt-IdNr.", "USt-ID", "Umsatzsteuer-ID", "USt.-IdNr."),
    ("fr", None): ("N° TVA", "TVA intracom.", "N° TVA intracommunautaire", "Identifiant TVA"),
    ("es", None): ("NIF", "CIF", "NIF-IVA", "N.º IVA"),
    ("it", None): ("P.IVA", "Partita IVA", "P. IVA"),
    ("nl", None): ("BTW-nummer", "Btw-nr.", "BTW nr.", "BTW-id"),
}
# The vendor's own papers, numbered like a purchase order and printed beside it: never the customer's PO.
OWN_REFS = {"en": ("Order confirmation", "Sales order", "Our order no.", "Delivery note no.", "Our ref.", "Dispatch no.",
                   "Shipment no."),
            "de": ("Auftragsbestätigung", "AB-Nr.", "Lieferschein-Nr.", "Unser Zeichen", "Unsere Auftragsnr.", "Versand-Nr."),
            "fr": ("Confirmation de commande", "Notre commande", "Bon de livraison n°", "Notre réf."),
            "es": ("Confirmación de pedido", "Nuestro pedido", "Albarán n.º"),
            "it": ("Conferma d'ordine", "DDT n.", "Ns. rif."),
            "nl": ("Orderbevestiging", "Pakbon nr.", "Ons kenmerk")}
# A due date or purchase order label that holds words, not a date or a number: nothing to read there, whatever
# the next row holds.
DUE_IN_WORDS = {"en": ("Upon receipt", "On receipt", "Immediately", "Due on receipt"),
                "de": ("sofort", "sofort ohne Abzug", "bei Erhalt"), "fr": ("À réception", "Comptant"),
                "es": ("Al contado", "A la recepción"), "it": ("A vista", "Rimessa diretta"), "nl": ("Direct", "Bij ontvangst")}
PO_IN_WORDS = {"en": ("verbal", "by phone", "by e-mail", "n/a", "none"), "de": ("telefonisch", "per E-Mail", "mündlich"),
               "fr": ("par téléphone", "verbale"), "es": ("telefónico", "verbal"), "it": ("telefonico", "verbale"),
               "nl": ("telefonisch", "per e-mail")}
# Payment terms instead of a due date: the due date is the invoice date plus the days they name.
TERMS = {"en": ("Net {d}", "Net {d} days", "{d} days net", "Payment within {d} days", "{d} days from invoice date",
                "2% 10 days, net {d}"),
         "de": ("{d} Tage netto", "Zahlbar innerhalb von {d} Tagen ohne Abzug", "netto {d} Tage", "Zahlungsziel {d} Tage"),
         "fr": ("Paiement à {d} jours", "{d} jours net", "À {d} jours date de facture"),
         "es": ("Pago a {d} días", "{d} días fecha factura", "{d} días"),
         "it": ("Pagamento a {d} giorni", "{d} gg d.f.", "Bonifico {d} gg data fattura"),
         "nl": ("Betaling binnen {d} dagen", "{d} dagen netto")}
# The due date said in a sentence instead of a label.
DUE_SENTENCES = {"en": ("Please pay by {d}.", "Payment is due on {d}.", "Please remit payment no later than {d}.",
                        "Kindly settle this invoice by {d}."),
                 "de": ("Bitte überweisen Sie den Betrag bis zum {d}.", "Zahlbar bis zum {d} ohne Abzug.",
                        "Der Rechnungsbetrag ist fällig am {d}."),
                 "fr": ("À régler au plus tard le {d}.", "Paiement à effectuer avant le {d}."),
                 "es": ("Fecha límite de pago: {d}.", "A pagar antes del {d}."),
                 "it": ("Da pagare entro il {d}.", "Pagamento entro il {d}."),
                 "nl": ("Gelieve te betalen voor {d}.", "Uiterlijk te voldoen op {d}.")}
# The group a vendor belongs to, printed under its name or in the footer: a company name that is not the vendor.
GROUP_LINES = {"en": ("A member of the {g}", "Part of {g}", "A {g} company", "A subsidiary of {g}"),
               "de": ("Ein Unternehmen der {g}", "Mitglied der {g}", "Teil der {g}"),
               "fr": ("Une société du groupe {g}", "Filiale de {g}"),
               "es": ("Una empresa del grupo {g}", "Filial de {g}"),
               "it": ("Società del gruppo {g}", "Controllata da {g}"),
               "nl": ("Onderdeel van {g}", "Een bedrijf van {g}")}
GROUP_NAMES = (("Meridian", "Atlas", "Northstar", "Vantage", "Halcyon", "Sterling", "Ostwind", "Castellan"),
               ("Group", "Holdings plc", "Holding AG", "Gruppe", "Group Ltd", "Industries Group", "Holding B.V."))
# A finance company the invoice was sold to: payment goes there, yet it did not issue the invoice.
FACTORS = (("Liberty", "Summit", "Crestmark", "Riverbend", "Harbor", "Kreuzberg", "Alster"),
           ("Capital LLC", "Factoring Ltd", "Funding Corp.", "Commercial Finance Inc.", "Factoring GmbH",
            "Finance Ltd"))
FACTOR_NOTES = {"en": "This invoice has been assigned to and is payable only to {f}.",
                "de": "Die Forderung wurde an die {f} abgetreten. Zahlungen mit befreiender Wirkung nur an diese."}
SLOGANS = {"en": ("Quality parts since 1987", "Your partner for clean buildings", "Engineering excellence since 1962",
                  "Reliable. Fast. Local.", "Smart solutions for business"),
           "de": ("Ihr Partner für Haustechnik", "Qualität seit 1987", "Zuverlässig und schnell",
                  "Meisterbetrieb seit 1975")}


# The shared date styles and a few more that vendors print. US slash dates are month first; nobody else prints
# slashes, as in the other families, so a numeric date is never left for the reader to guess.
MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
           "novembre", "dicembre"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
}


def _ordinal(day: int) -> str:
    return "th" if 10 < day < 14 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


DATES: dict[str, Callable[[date], str]] = {
    **SHARED_DATES,
    "us_short": lambda d: f"{d.month}/{d.day}/{d.year}",
    "mon_day": lambda d: f"{MONTHS_EN[d.month - 1][:3]} {d.day}, {d.year}",
    "short_month": lambda d: f"{d.day} {MONTHS_EN[d.month - 1][:3]} {d.year}",
    "ordinal": lambda d: f"{d.day}{_ordinal(d.day)} {MONTHS_EN[d.month - 1]} {d.year}",
    "upper_mon": lambda d: f"{d.day:02d} {MONTHS_EN[d.month - 1][:3].upper()} {d.year}",
    "mon_dot": lambda d: f"{MONTHS_EN[d.month - 1][:3]}. {d.day}, {d.year}",
    # Day first with slashes or dashes, as printed in the UK and most of Europe: 04/03/2026 is 4 March.
    "eu_slash": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    "eu_dash": lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
    "fr_long": lambda d: f"{'1er' if d.day == 1 else d.day} {MONTHS['fr'][d.month - 1]} {d.year}",
    "es_long": lambda d: f"{d.day} de {MONTHS['es'][d.month - 1]} de {d.year}",
    "it_long": lambda d: f"{d.day} {MONTHS['it'][d.month - 1]} {d.year}",
    "nl_long": lambda d: f"{d.day} {MONTHS['nl'][d.month - 1]} {d.year}",
}
DATE_STYLES = {
    ("en", "us"): ("us", "us", "us_short", "iso", "month_day", "mon_day", "dd_mon", "mon_dot"),
    ("en", "uk"): ("day_month", "short_month", "dd_mon", "iso", "de", "eu_slash", "eu_slash", "ordinal", "upper_mon"),
    ("en", "de"): ("de", "iso", "day_month", "dd_mon", "upper_mon"),
    ("de", "de"): ("de", "de", "de_long", "iso"),
    ("fr", None): ("eu_slash", "eu_slash", "fr_long", "de"),
    ("es", None): ("eu_slash", "es_long", "eu_dash", "de"),
    ("it", None): ("eu_slash", "it_long", "de"),
    ("nl", None): ("eu_dash", "nl_long", "de", "eu_slash"),
}
SPACED = NumberStyle(" ", ",")  # '1 234,56', as printed in much of Europe


@dataclass
class Style:
    """How this one invoice prints its labels, dates and amounts."""

    labels: dict[str, str]
    lang: str  # the language of the labels: the record's, or another for an English record billed in euros
    date: Callable[[date], str]
    money: MoneyStyle  # totals
    cell_money: MoneyStyle  # line item cells
    currency_at: str  # amounts | header (only the item table's column headers) | pair (a 'Currency' line) | note
    colon: str
    font: str
    bold: str
    accent: colors.Color
    size: float

    def m(self, value: Decimal) -> str:
        return format_money(value, self.money)

    def cm(self, value: Decimal) -> str:
        return format_money(value, self.cell_money)

    def q(self, value: Decimal) -> str:
        return format_number(value, self.money.number)


def _style(inv: Invoice, rng: random.Random) -> Style:
    lang = inv.language
    if lang == "en" and inv.currency == "EUR" and inv.country != "us" and rng.random() < 0.8:
        lang = rng.choice(list(FOREIGN))
    pool = label_pool(inv.language, lang)
    labels = {k: rng.choice(v) for k, v in pool.items() if k != "refs"}
    locale = (lang, inv.country) if lang in ("en", "de") else (lang, None)
    labels["tax"] = rng.choice(TAX_LABELS[locale])
    labels["tax_id"] = rng.choice(TAX_ID_LABELS[locale])
    german = lang != "en"  # decimal commas
    styles = money_styles(inv.currency, german)
    if inv.country == "de" or lang == "fr":
        styles.append(MoneyStyle(SPACED, suffix=rng.choice((" €", " EUR", ""))))
    if not german and inv.currency == "EUR":
        styles += [MoneyStyle(DE_NUMBERS, suffix=" €"), MoneyStyle(DE_NUMBERS, prefix="€ ")]
    if inv.currency == "USD":
        styles.append(MoneyStyle(EN_NUMBERS, prefix="US$"))
    money = rng.choice(styles)
    cell_money = money.plain() if rng.random() < 0.6 else money
    plain = money.prefix == money.suffix == ""
    currency_at = rng.choice(("header", "header", "pair", "note")) if plain else "amounts"
    font, bold, _ = FONTS[rng.choice(("helvetica", "helvetica", "times", "courier"))]
    return Style(labels=labels, lang=lang, date=DATES[rng.choice(DATE_STYLES[locale])], money=money,
                 cell_money=cell_money, currency_at=currency_at, colon=rng.choice((":", "", ":")), font=font, bold=bold,
                 accent=rng.choice(ACCENTS + (colors.black, colors.black)), size=rng.choice((8.5, 9, 9.5, 10)))


def label_pool(language: str, lang: str) -> dict[str, tuple]:
    """Label wording for a record in `language` printed with labels in `lang`."""
    base = dict(POOLS[language])
    base["seller"] = SELLER.get(lang, SELLER["en"])
    base["remit_to"] = REMIT_TO.get(lang, REMIT_TO["en"])
    return {**base, **FOREIGN.get(lang, {})}


def _fill(template: str, rng: random.Random, year: int) -> str:
    return template.format(n4=f"{rng.randint(1000, 9999)}", n5=f"{rng.randint(10000, 99999)}", y=year)


# ---------------------------------------------------------------------------------------------
# Label/value blocks: the same pairs drawn with labels left of, above, or in boxes around their values


def _pairs_left(c: Sheet, s: Style, pairs: list[tuple[str, str]], x: float, y: float, width: float,
                rng: random.Random) -> float:
    """Labels left of their values: right after the label, at a tab stop, or flush right."""
    mode = rng.choice(("inline", "tab", "tab", "right"))
    size = s.size
    label_font = rng.choice((s.bold, s.font))
    while size > 6.5:
        lw = max(stringWidth(label + s.colon, label_font, size) for label, _ in pairs)
        vw = max(stringWidth(value, s.font, size) for _, value in pairs)
        if lw + 14 + vw <= width:
            break
        size -= 0.5
    for label, value in pairs:
        c.setFont(label_font, size)
        c.drawString(x, y, label + s.colon)
        c.setFont(s.font, size)
        if mode == "inline":
            c.drawString(x + stringWidth(label + s.colon, label_font, size) + 5, y, value)
        elif mode == "tab":
            c.drawString(x + lw + 14, y, value)
        else:
            c.drawRightString(x + width, y, value)
        y -= size * 1.55
    return y


def _pairs_above(c: Sheet, s: Style, pairs: list[tuple[str, str]], x: float, y: float, width: float, cols: int,
                 boxed: bool, fill: colors.Color | None = None, align: str = "left") -> float:
    """Labels in small print over their values, `cols` to a row, each in a box when `boxed`; the values set at the
    left of their cell, its right or its middle (`align`), wherever that puts them under the labels."""
    cols = max(1, min(cols, len(pairs)))
    cw = width / cols
    small = s.size - 1.5
    rh = small + s.size + 12
    for start in range(0, len(pairs), cols):
        for k, (label, value) in enumerate(pairs[start:start + cols]):
            cx = x + k * cw
            if fill is not None:
                c.setFillColor(fill)
                c.rect(cx, y - rh, cw, rh, stroke=0, fill=1)
                c.setFillColor(colors.black)
            if boxed:
                c.setLineWidth(0.6)
                c.rect(cx, y - rh, cw, rh, stroke=1, fill=0)
            c.setFillColor(GREY if not boxed else s.accent)
            c.setFont(s.font, fitted_size(label, s.font, small, cw - 8))
            c.drawString(cx + 4, y - 3 - small, label)
            c.setFillColor(colors.black)
            c.setFont(s.bold, fitted_size(value, s.bold, s.size, cw - 8))
            if align == "right":
                c.drawRightString(cx + cw - 4, y - 7 - small - s.size, value)
            elif align == "centre":
                c.drawCentredString(cx + cw / 2, y - 7 - small - s.size, value)
            else:
                c.drawString(cx + 4, y - 7 - small - s.size, value)
        y -= rh + (0 if boxed else 4)
    return y


def _pairs_table(c: Sheet, s: Style, pairs: list[tuple[str, str]], x: float, y: float, width: float) -> float:
    """A key/value table: a shaded label cell and a value cell per row, ruled."""
    size = s.size
    lw = max(stringWidth(label, s.bold, size) for label, _ in pairs) + 10
    vw = max(stringWidth(value, s.font, size) for _, value in pairs) + 10
    width = max(min(width, lw + vw + 30), lw + vw)
    rh = size * 1.9
    c.setLineWidth(0.5)
    for label, value in pairs:
        c.setFillColor(LIGHT)
        c.rect(x, y - rh, lw, rh, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.rect(x, y - rh, width, rh, stroke=1, fill=0)
        c.line(x + lw, y, x + lw, y - rh)
        c.setFont(s.bold, size)
        c.drawString(x + 5, y - rh + size * 0.6, label)
        c.setFont(s.font, size)
        c.drawRightString(x + width - 5, y - rh + size * 0.6, value)
        y -= rh
    return y


def _pairs(c: Sheet, s: Style, kind: str, pairs: list[tuple[str, str]], x: float, y: float, width: float,
           rng: random.Random) -> float:
    if kind == "left":
        return _pairs_left(c, s, pairs, x, y, width, rng)
    if kind == "table":
        return _pairs_table(c, s, pairs, x, y, width)
    # (how the values sit in their cells drawn apart from the layout's own random stream)
    align = random.Random(f"align-{pairs}").choices(("left", "right", "centre"), (0.6, 0.2, 0.2))[0]
    if kind == "row":  # one ruled row of labels over values across the page, like a table of one line
        return _pairs_above(c, s, pairs, x, y, width, min(len(pairs), 6), boxed=True, fill=rng.choice((None, LIGHT)),
                            align=align)
    cols = max(1, int(width // 118))
    return _pairs_above(c, s, pairs, x, y, width, cols, boxed=kind == "grid", align=align)


# ---------------------------------------------------------------------------------------------
# The invoice's parts


@dataclass
class Parts:
    """What this invoice prints besides its items, decided once."""

    meta: list[tuple[str, str]]
    number_in_title: bool
    logo: bool
    name_as_text: bool  # False: the vendor's name exists only inside the raster logo
    tax_id_at: str  # header | footer | meta
    bank: list[str]
    vendor_at: str = "top"  # top (letterhead) | labelled (a 'From'/'Seller' block beside the customer's) | bottom
    # (name, address and details in columns at the foot of every page) | footer (only in the footer line with the bank)
    terms_note: str | None = None  # payment terms printed as a sentence instead of a due date
    group_line: str | None = None  # 'A member of the Atlas Group'
    slogan: str | None = None
    remit: list[str] | None = None  # a 'Remit to' block: the vendor's lockbox or a factoring company
    factor_note: str | None = None
    # How the letterhead sets the name: as typed, letter-spaced capitals ('N O R T H W I N D'), or its legal form on a
    # line of its own under it; and where else the vendor is named: the bank account's holder, a cheque note, the
    # registration line of the footer.
    name_style: str = "plain"
    cheques_note: str | None = None
    registration: str | None = None
    attn_first: bool = False  # the bill-to block opens with the person or department ('Attn: ...', 'Accounts Payable')
    title_from: bool = False  # the title names the issuer ('Invoice from X', 'Rechnung von X')
    copyright: str | None = None  # '© 2026 X. All rights reserved.' at the foot


def _parts(inv: Invoice, s: Style, rng: random.Random) -> Parts:
    L = s.labels
    number_in_title = rng.random() < 0.1
    meta = [] if number_in_title else [(L["number"], inv.number)]
    meta.append((L["date"], s.date(inv.invoice_date)))
    if inv.order_date:  # right next to the invoice date, before or after it
        meta.insert(len(meta) - (rng.random() < 0.4), (L["order_date"], s.date(inv.order_date)))
    terms_note = None
    if inv.due_date:
        days = (inv.due_date - inv.invoice_date).days
        terms = rng.choice(TERMS[s.lang]).format(d=days)
        chance = rng.random()
        if chance < 0.18:  # no due date printed: the terms say when
            if rng.random() < 0.6:
                meta.append((L["terms"], terms))
            else:
                terms_note = f"{L['terms']}: {terms}."
        elif chance < 0.28:  # the due date in a sentence under the totals
            terms_note = rng.choice(DUE_SENTENCES[s.lang]).format(d=s.date(inv.due_date))
        else:
            meta.append((L["due"], s.date(inv.due_date)))
            if rng.random() < 0.25:
                meta.append((L["terms"], terms))
    if inv.po_number:
        meta.append((L["po"], inv.po_number))
    if rng.random() < 0.7:
        meta.append((L["customer_no"], inv.customer_no))
    for label, template in rng.sample(label_pool(inv.language, s.lang)["refs"], rng.choice((0, 0, 1, 1, 2))):
        meta.insert(rng.randint(1, len(meta)), (label, _fill(template, rng, inv.invoice_date.year)))
    if s.currency_at == "pair":
        meta.append((L["currency"], inv.currency))
    if rng.random() < 0.25:  # header order is the vendor's choice; the number need not come first
        rng.shuffle(meta)
    logo = inv.logo_only or rng.random() < 0.25
    name_as_text = not (inv.logo_only and rng.random() < 0.4)
    tax_id_at = rng.choice(("header", "footer", "meta")) if inv.vendor_tax_id else "none"
    if tax_id_at == "meta":
        meta.append((L["tax_id"], inv.vendor_tax_id))
    if inv.country == "de":
        bank = [f"IBAN DE{rng.randint(10, 99)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} "
                f"{rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(10, 99)}",
                f"BIC {rng.choice(('COBADEFFXXX', 'DEUTDEDBXXX', 'GENODEF1XXX'))}"]
    elif inv.country == "uk":
        bank = [f"Sort code {rng.randint(10, 99)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
                f"Account {rng.randint(10000000, 99999999)}"]
    else:
        bank = [f"Routing {names.routing_number(rng)}", f"Account {names.account_number(rng)}"]
    bank = [rng.choice(names.BANKS[inv.country])] + bank
    vendor_at = rng.choices(("top", "labelled", "bottom", "footer"), (0.62, 0.14, 0.14, 0.1))[0]
    if vendor_at != "top":
        name_as_text = True
        logo = logo and rng.random() < 0.5  # the name as pixels over it, as text only lower down
    group_line = slogan = remit = factor_note = None
    if rng.random() < 0.15:
        group = f"{rng.choice(GROUP_NAMES[0])} {rng.choice(GROUP_NAMES[1])}"
        group_line = rng.choice(GROUP_LINES[s.lang]).format(g=group)
    if rng.random() < 0.15:
        slogan = rng.choice(SLOGANS["de" if s.lang == "de" else "en"])
    if rng.random() < 0.15:
        if rng.random() < 0.5:  # a factoring company
            factor = f"{rng.choice(FACTORS[0])} {rng.choice(FACTORS[1])}"
            if rng.random() < 0.6:
                factor_note = FACTOR_NOTES["de" if s.lang == "de" else "en"].format(f=factor)
        else:  # the vendor's own lockbox
            factor = inv.vendor.name
        box = {"us": f"PO Box {rng.randint(1000, 99999)}", "uk": f"PO Box {rng.randint(100, 9999)}",
               "de": f"Postfach {rng.randint(10, 999)} {rng.randint(10, 99)}"}[inv.country]
        remit = [factor, box, names.city_line(rng, inv.country)]
    # Drawn apart from the layout's own random stream, so documents drawn before these choices keep their layout.
    vr = random.Random(f"vendor-{inv.number}-{inv.vendor.name}")
    name_style = vr.choices(("plain", "spaced", "split"), (0.8, 0.1, 0.1))[0]
    if vr.random() < 0.25:
        bank.insert(1, f"{vr.choice(ACCOUNT_HOLDER.get(s.lang, ACCOUNT_HOLDER['en']))}: {inv.vendor.name}")
    cheques_note = f"Please make cheques payable to {inv.vendor.name}." if s.lang == "en" and vr.random() < 0.15 else None
    registration = None
    if vr.random() < 0.3:
        city = names.city_line(vr, inv.country).split(",")[0].split()[-1]
        registration = vr.choice(REGISTRATIONS[inv.country]).format(
            name=inv.vendor.name, city=city, n8=f"{vr.randint(1000000, 9999999):08d}", n5=vr.randint(10000, 99999),
            state=vr.choice(("Delaware", "Ohio", "Texas")))
    attn_first = vr.random() < 0.15
    title_from = s.lang in TITLE_FROM and vr.random() < 0.08 and not number_in_title
    copyright = (f"© {inv.invoice_date.year} {inv.vendor.name}. {COPYRIGHT.get(s.lang, COPYRIGHT['en'])}"
                 if vr.random() < 0.1 else None)
    _distractors(inv, s, meta, terms_note)
    return Parts(meta, number_in_title, logo, name_as_text, tax_id_at, bank, vendor_at, terms_note, group_line,
                 slogan, remit, factor_note, name_style, cheques_note, registration, attn_first, title_from, copyright)


def _distractors(inv: Invoice, s: Style, meta: list[tuple[str, str]], terms_note: str | None) -> None:
    """Rows that look like a due date or a purchase order and are not, put where they mislead most: the vendor's
    own order or delivery number beside the PO, a due date or PO label holding words above a row with a date or a
    number. Drawn from a sequence of their own, so every other choice of a document stays as it was."""
    dr = random.Random(f"distractors-{inv.number}-{inv.vendor.name}")
    lang = s.lang if s.lang in OWN_REFS else "en"
    if dr.random() < 0.3:
        number = dr.choice((f"SO-{dr.randint(10000, 99999)}", f"{dr.randint(10000, 99999)}", f"AB{dr.randint(100000, 999999)}",
                            f"45{dr.randint(10000000, 99999999)}", f"{inv.invoice_date.year}-{dr.randint(1000, 9999)}"))
        po_at = next((i for i, (label, _) in enumerate(meta) if label == s.labels["po"]), None)
        at = po_at + dr.choice((0, 1)) if po_at is not None else dr.randint(1, len(meta))
        meta.insert(at, (dr.choice(OWN_REFS[lang]), number))
    dated = [i for i, (_, value) in enumerate(meta) if any(c.isdigit() for c in value)]
    if not inv.due_date and not terms_note and dated and dr.random() < 0.5:
        meta.insert(dr.choice(dated), (s.labels["due"], dr.choice(DUE_IN_WORDS[lang])))
        dated = [i for i, (_, value) in enumerate(meta) if any(c.isdigit() for c in value)]
    if not inv.po_number and dated and dr.random() < 0.3:
        meta.insert(dr.choice(dated), (s.labels["po"], dr.choice(PO_IN_WORDS[lang])))


def _vendor_block(c: Sheet, inv: Invoice, s: Style, parts: Parts, x: float, y: float, align: str,
                  rng: random.Random, room: float = 260) -> float:
    """Logo and/or name, address, contact lines (and the tax id when it stands in the letterhead), `room` wide."""
    def at(width: float) -> float:
        return {"left": x, "right": x - width, "center": x - width / 2}[align]

    if parts.logo:
        width = min(rng.uniform(150, 215), room)
        height = width * 240 / 900
        draw_image(c, logo_image(inv.vendor.name, rng, s.accent), at(width), y - height, width)
        y -= height + 6
    if parts.vendor_at != "top":
        return y  # the name and address stand lower down (a 'From' block, the foot of the page)
    if parts.name_as_text and (not parts.logo or rng.random() < 0.5):
        name, second = inv.vendor.name, None
        words = name.split()
        if parts.name_style == "spaced":
            name = "   ".join(" ".join(word.upper()) for word in words)
        elif parts.name_style == "split" and len(words) >= 2:
            name, second = " ".join(words[:-1]), words[-1]
        size = fitted_size(name, s.bold, rng.choice((13, 15, 17)), room)
        c.setFont(s.bold, size)
        c.setFillColor(s.accent)
        text_w = stringWidth(name, s.bold, size)
        c.drawString(at(text_w), y - size, name)
        y -= size + 6
        if second:  # the legal form on a line of its own, smaller, under the name
            c.setFont(s.bold, size * 0.6)
            c.drawString(at(stringWidth(second, s.bold, size * 0.6)), y - size * 0.6 + 2, second)
            y -= size * 0.6 + 4
        c.setFillColor(colors.black)
        if parts.slogan:
            c.setFont(s.font, 8)
            c.setFillColor(GREY)
            c.drawString(at(stringWidth(parts.slogan, s.font, 8)), y - 8, parts.slogan)
            c.setFillColor(colors.black)
            y -= 12
    lines = inv.vendor.address_lines + inv.vendor.extra[: rng.randint(0, 2)]
    if rng.random() < 0.3 and stringWidth("  ·  ".join(lines[:2]), s.font, 8.5) < room:
        lines = ["  ·  ".join(lines[:2])] + lines[2:]
    if parts.tax_id_at == "header":
        lines.append(f"{s.labels['tax_id']}{s.colon} {inv.vendor_tax_id}")
    if parts.group_line and rng.random() < 0.6:
        lines.append(parts.group_line)
        parts.group_line = None  # printed: not again in the footer
    size = min(fitted_size(line, s.font, 8.5, room) for line in lines)
    return lines_at(c, x, y - size, lines, s.font, size, align=align) + 2


def _address_block(c: Sheet, inv: Invoice, s: Style, x: float, y: float, width: float, rng: random.Random,
                   seller: list[str] | None = None, attn_first: bool = False) -> float:
    """Bill-to and ship-to blocks side by side (or one under the other when narrow); a window address has no label.
    `seller`: the vendor's own block ('From', 'Supplier', 'Lieferant') among them; `attn_first`: the person or
    department the bill goes to stands over the customer's name."""
    L = s.labels
    bill = [inv.customer.name]
    attn = rng.random() < 0.3
    if attn or attn_first:  # (drawn apart from the layout's stream when only `attn_first` asks for it)
        person = f"{L['attn']} {names.person(rng if attn else random.Random(inv.number), inv.customer.country).first_last()}"
        if attn_first:
            person = random.Random(inv.number).choice((person, {"de": "Buchhaltung", "fr": "Service comptabilité",
                                                                 "es": "Contabilidad", "it": "Ufficio amministrazione",
                                                                 "nl": "Crediteurenadministratie"}.get(s.lang, "Accounts Payable")))
        bill.insert(0 if attn_first else 1, person)
    bill += inv.customer.address_lines
    if inv.country != "us" and rng.random() < 0.25:
        bill.append(f"{L['your_vat']} {inv.customer.country.upper().replace('UK', 'GB')}{rng.randint(100000000, 999999999)}")
    blocks = [(L["bill_to"], bill)]
    if inv.ship_to:
        blocks.append((L["ship_to"], [inv.ship_to.name] + inv.ship_to.address_lines))
    unlabelled = not inv.ship_to and rng.random() < 0.2
    if seller:  # the vendor's own block, labelled, before the customer's or after it
        blocks.insert(0 if rng.random() < 0.7 else len(blocks), (L["seller"], seller))
        unlabelled = False
    caps = rng.random() < 0.4
    side = width / len(blocks) >= 170 and all(stringWidth(line, s.font, s.size) < width / len(blocks) - 12
                                              for _, lines in blocks for line in lines)
    bottom = y
    for k, (label, lines) in enumerate(blocks):
        bx, by = (x + k * width / len(blocks), y) if side else (x, bottom)
        if not unlabelled:
            c.setFont(s.bold, s.size - (1 if caps else 0))
            c.setFillColor(s.accent)
            c.drawString(bx, by, (label.upper() if caps else label) + ("" if caps else s.colon))
            c.setFillColor(colors.black)
            by -= s.size + 4
        by = lines_at(c, bx, by, lines, s.font, s.size)
        bottom = min(bottom, by) - (0 if side else 8)
    return bottom


def _title(inv: Invoice, s: Style, parts: Parts) -> str:
    title = s.labels["title"]
    if parts.title_from:
        title = f"{title} {TITLE_FROM[s.lang]} {inv.vendor.name}"
    return f"{title} {inv.number}" if parts.number_in_title else title


def _item_columns(inv: Invoice, s: Style, width: float, rng: random.Random) -> list[Column]:
    """The item table's columns in one of the orders vendors use, headers worded per document."""
    L = s.labels
    numbers = ["quantity", "unit_price"]
    if rng.random() < 0.2:
        numbers.reverse()  # 'Description | Price | Qty | Amount'
    if rng.random() < 0.25:
        numbers.insert(1, "unit")
    keys = ["description"] + numbers + ["amount"]
    if inv.service and rng.random() < 0.5:
        keys.insert(0, "worked_on")
    elif rng.random() < 0.3:
        keys.insert(0, "code")
    if rng.random() < 0.3:
        keys.insert(0, "pos")
    if rng.random() < 0.15:
        keys.insert(len(keys) - 1, "tax_col")
    cur = f" ({inv.currency})" if s.currency_at == "header" else ""
    titles = {"pos": L["pos"], "code": L["code"], "worked_on": L["worked_on"], "unit": L["unit"],
              "tax_col": L["tax_col"], "description": L["description"],
              "quantity": L["hours"] if inv.service else L["quantity"],
              "unit_price": L["unit_price"] + cur, "amount": L["amount"] + cur}
    if cur and rng.random() < 0.4:
        titles["unit_price"] = L["unit_price"]  # the code in the amount column's header only
    size = s.size - 0.5
    fixed = {"pos": 26, "code": 58, "unit": 38, "tax_col": 42,
             "worked_on": max(stringWidth(s.date(date(2026, 9, 28)), s.font, size),
                              stringWidth(L["worked_on"], s.bold, size)) + 12}
    for key in ("quantity", "unit_price", "amount"):
        head = max(stringWidth(part, s.bold, size) for part in titles[key].split("\n")) + 10
        fixed[key] = max(head, {"quantity": 44, "unit_price": 70, "amount": 80}[key])
    rest = width - sum(fixed[k] for k in keys if k != "description")
    aligns = {"quantity": "right", "unit_price": "right", "amount": "right", "pos": "right", "unit": "center",
              "tax_col": "right"}
    return [Column(k, titles[k], rest if k == "description" else fixed[k], aligns.get(k, "left")) for k in keys]


def _rows(inv: Invoice, s: Style, rng: random.Random) -> list[dict[str, str]]:
    rate = format_rate(inv.tax_rate, s.money.number) + "%"
    rows = []
    for i, item in enumerate(inv.items):
        rows.append({"pos": str(i + 1), "code": f"{rng.choice('ABKMTX')}{rng.choice('ABKMTX')}-{rng.randint(100, 9999)}",
                     "description": item.description, "quantity": s.q(item.quantity), "unit": item.unit,
                     "unit_price": s.cm(item.unit_price), "amount": s.cm(item.amount), "tax_col": rate,
                     "worked_on": s.date(item.worked_on) if item.worked_on else ""})
    return rows


def _totals(c: Sheet, inv: Invoice, s: Style, right: float, y: float, width: float, left: float,
            rng: random.Random) -> float:
    """Subtotal, tax and total stacked or side by side, with what vendors print around them: a count of hours or
    pieces on the total's line, the tax base in the tax label, a paid/balance pair."""
    L = s.labels
    tax_label = L["tax"].replace("{rate}", format_rate(inv.tax_rate, s.money.number))
    if rng.random() < 0.15 and "{rate}" in L["tax"]:
        tax_label += {"de": " auf ", "fr": " sur ", "es": " sobre ", "it": " su ", "nl": " over "}.get(s.lang, " on ") \
            + s.m(inv.subtotal)
    lines = [(L["subtotal"], s.m(inv.subtotal))]
    if inv.tax_amount is not None:
        lines.append((tax_label, s.m(inv.tax_amount)))
    lines.append((L["total"], s.m(inv.total)))
    if rng.random() < 0.12 and not any(w in L["total"].lower() for w in ("due", "balance", "pay", "zahl")):
        lines += [(L["paid"], s.m(Decimal("0.00"))), (L["balance"], s.m(inv.total))]
    count_line = None
    if inv.service and inv.total_hours and rng.random() < 0.6:
        count_line = f"{L['hours_total']}{s.colon or ':'} {s.q(inv.total_hours)}"
    elif not inv.service and rng.random() < 0.3:
        count_line = f"{L['quantity_total']}{s.colon or ':'} {s.q(sum((i.quantity for i in inv.items), Decimal(0)))}"
    count_at = rng.randrange(len(lines))
    if len(lines) <= 3 and rng.random() < 0.25:  # labels over values in one row of boxes
        pairs = lines
        cw = max(max(stringWidth(label, s.font, s.size - 1.5), stringWidth(value, s.bold, s.size))
                 for label, value in pairs) + 12
        x = right - cw * len(pairs)
        if count_line:
            c.setFont(s.bold, s.size)
            c.drawString(left, y - s.size - 4, count_line)
        return _pairs_above(c, s, pairs, x, y + s.size, cw * len(pairs), len(pairs), boxed=True) - 6
    label_x = right - width
    total_index = 2 if inv.tax_amount is not None else 1
    for i, (label, value) in enumerate(lines):
        strong = i == total_index
        size = s.size + (1 if strong else 0)
        font = s.bold if strong else s.font
        if strong and rng.random() < 0.5:
            c.setLineWidth(0.8)
            c.line(label_x, y + size + 1, right, y + size + 1)
        c.setFont(font, size)
        c.drawString(label_x, y, label + (s.colon if rng.random() < 0.3 else ""))
        c.drawRightString(right, y, value)
        if count_line and i == count_at:
            c.setFont(s.bold, s.size)
            c.drawString(left, y, count_line)
        y -= size * 1.6
    return y


def _remittance(c: Sheet, inv: Invoice, s: Style, parts: Parts, x: float, y: float, width: float) -> float:
    """A slip to detach and send back with the payment: it repeats the number and the total."""
    L = s.labels
    c.setDash(3, 3)
    c.setLineWidth(0.5)
    c.line(x, y, x + width, y)
    c.setDash()
    c.setFont(s.font, 7.5)
    c.drawString(x, y - 11, L["remit"])
    y -= 18
    pairs = [(L["number"], inv.number), (L["customer_no"], inv.customer_no), (L["total"], s.m(inv.total)),
             (L["enclosed"], "")]
    y = _pairs_above(c, s, pairs, x, y, width, 4, boxed=True)
    if parts.name_as_text:
        c.setFont(s.font, 8)
        c.drawString(x, y - 11, f"{L['payable_to']}: {parts.remit[0] if parts.remit else inv.vendor.name}")
        y -= 12
    return y


def _footer_columns(inv: Invoice, parts: Parts, footer_parts: list[str], s: Style, L: dict[str, str]) -> list[list[str]]:
    """The footer's parts in the columns of a letterhead printed at the foot: the name (printed first, in bold)
    over the address, contact lines, bank details, tax id and group."""
    first = [inv.vendor.name] + inv.vendor.address_lines
    contact = [p for p in footer_parts if p in inv.vendor.extra]
    bank = [p for p in footer_parts if p in parts.bank]
    rest = [p for p in footer_parts if p not in first and p not in contact and p not in bank]
    columns = [first, [L["bank"]] + bank]
    if contact or rest:
        columns.insert(1, [""] + contact + rest)
    return columns


def _join_parts(parts: list[str], font: str, size: float, width: float) -> list[str]:
    """Parts joined with middle dots into lines no wider than `width`; a part is never split over two lines."""
    lines = [""]
    for part in parts:
        joined = f"{lines[-1]}  ·  {part}" if lines[-1] else part
        if lines[-1] and stringWidth(joined, font, size) > width:
            lines.append(part)
        else:
            lines[-1] = joined
    return lines


def pagesize(inv: Invoice, rng: random.Random) -> tuple[float, float]:
    us = inv.country == "us"
    return (LETTER if us else A4) if rng.random() < 0.85 else (A4 if us else LETTER)


def _pairs_height(s: Style, kind: str, count: int, width: float) -> float:
    if kind == "left":
        return count * s.size * 1.55
    if kind == "table":
        return count * s.size * 1.9
    if kind == "row":
        return -(-count // 6) * (2 * s.size + 10.5)
    cols = max(1, int(width // 118))
    return -(-count // cols) * (2 * s.size + 10.5)


def render_random(inv: Invoice, rng: random.Random) -> bytes:
    """Family G: every layout decision drawn for this document (see the module docstring)."""
    s = _style(inv, rng)
    parts = _parts(inv, s, rng)
    L = s.labels
    W, H = pagesize(inv, rng)
    c = Sheet((W, H))
    M = rng.choice((36, 44, 52, 60))
    arrangement = rng.choice(("left", "left", "above", "grid", "table", "sidebar", "row"))
    place = rng.choice(("header", "header", "below", "beside", "footer")) if arrangement != "sidebar" else "sidebar"
    if arrangement == "row":
        place = rng.choice(("below", "footer"))
    x0, x1 = M, W - M
    bar_w, bar_side = 150, rng.choice(("left", "right"))
    bar_x = (0 if bar_side == "left" else W - bar_w) + 12
    if place == "sidebar":
        c.setFillColor(rng.choice((colors.Color(0.93, 0.94, 0.96), LIGHT)))
        c.rect(bar_x - 12, 0, bar_w, H, stroke=0, fill=1)
        c.setFillColor(colors.black)
        x0, x1 = (bar_w + 24, x1) if bar_side == "left" else (x0, W - bar_w - 24)
    width = x1 - x0
    half = width / 2 - 10

    # Letterhead (left, right, centred or in the side bar) and the title across from it
    top = H - M
    vendor_side = "bar" if place == "sidebar" and rng.random() < 0.4 else rng.choice(("left", "right", "center"))
    meta_top = top - 40
    if vendor_side == "bar":
        meta_top = _vendor_block(c, inv, s, parts, bar_x, top, "left", rng, room=bar_w - 24) - 10
        y_vendor, y = top, top
    else:
        vx = {"left": x0, "right": x1, "center": (x0 + x1) / 2}[vendor_side]
        y_vendor = _vendor_block(c, inv, s, parts, vx, top, vendor_side, rng)
        y = y_vendor - 10 if vendor_side == "center" else top
    title_left = vendor_side == "right" or vendor_side == "center" and rng.random() < 0.5
    title_size = rng.choice((16, 20, 24))
    if parts.title_from:  # a title that names the issuer stays clear of the letterhead across from it
        title_size = fitted_size(_title(inv, s, parts), s.bold, title_size, width if vendor_side == "center" else
                                 max(width - 280, 180))
    c.setFont(s.bold, title_size)
    c.setFillColor(s.accent)
    if title_left:
        c.drawString(x0, y - title_size, _title(inv, s, parts))
    else:
        c.drawRightString(x1, y - title_size, _title(inv, s, parts))
    c.setFillColor(colors.black)
    y_title = y - title_size - 12
    y = min(y_title, y_vendor)

    # The header block (number, dates, PO and the distractors around them): under the title, in the side bar,
    # beside the addresses, under them, or at the foot of the first page
    if place == "header":
        block = min(half, 250)
        y = min(y, _pairs(c, s, arrangement, parts.meta, x0 if title_left else x1 - block, y_title - 4, block, rng))
    elif place == "sidebar":
        _pairs_above(c, s, parts.meta, bar_x, meta_top, bar_w - 24, 1, boxed=False)
    y -= 14
    seller = None
    if parts.vendor_at == "labelled":
        seller = [inv.vendor.name] + inv.vendor.address_lines
        if parts.tax_id_at == "header":
            seller.append(f"{L['tax_id']}{s.colon} {inv.vendor_tax_id}")
    if place == "beside":
        y_addr = _address_block(c, inv, s, x0, y, half, rng, seller, parts.attn_first)
        y = min(y_addr, _pairs(c, s, arrangement, parts.meta, x0 + half + 20, y + s.size, half, rng)) - 16
    else:
        y = _address_block(c, inv, s, x0, y, width, rng, seller, parts.attn_first) - 14
        if place == "below":
            y = _pairs(c, s, arrangement, parts.meta, x0, y, width if arrangement in ("above", "grid", "row") else
                       min(width, 300), rng) - 14

    # Items, over as many pages as they need, over a footer with the vendor's details
    table = Table(_item_columns(inv, s, width, rng),
                  TableStyle(font=s.font, bold=s.bold, size=s.size - 0.5, pad=rng.choice((3, 4, 5)),
                             header_fill=rng.choice((LIGHT, None, s.accent)), zebra=rng.choice((None, None, LIGHT)),
                             rules=rng.choice(("rows", "header", "grid", "none"))))
    if table.style.header_fill is s.accent:
        table.style.header_color = colors.white
    rows = _rows(inv, s, rng)
    named = parts.vendor_at in ("bottom", "footer") or parts.name_as_text and rng.random() < 0.7
    footer_parts = ([inv.vendor.name] if named else []) + inv.vendor.address_lines + inv.vendor.extra[:1]
    if parts.tax_id_at == "footer" or parts.tax_id_at == "header" and parts.vendor_at in ("bottom", "footer"):
        footer_parts.append(f"{L['tax_id']} {inv.vendor_tax_id}")
    bank_in_footer = parts.vendor_at in ("bottom", "footer") or rng.random() < 0.5
    if bank_in_footer:
        footer_parts += parts.bank
    if parts.group_line and rng.random() < 0.7:
        footer_parts.append(parts.group_line)
    if parts.registration:
        footer_parts.append(parts.registration)
    if parts.copyright:
        footer_parts.append(parts.copyright)
    if parts.vendor_at == "bottom":  # a letterhead at the foot: name and address, contact, bank, tax id in columns
        columns = _footer_columns(inv, parts, footer_parts, s, L)
        footer_lines = [""] * max(len(col) for col in columns)
    else:
        columns = None
        footer_lines = _join_parts(footer_parts, s.font, 7, x1 - x0)
    footer_top = M + 12 + 9 * len(footer_lines)
    meta_width = width if arrangement in ("above", "grid", "row") else min(width, 300)
    bottom = footer_top + (_pairs_height(s, arrangement, len(parts.meta), meta_width) + 16 if place == "footer" else 0)
    again = _title(inv, s, parts) if parts.number_in_title else f"{L['number']} {inv.number}"
    continued = f"{again} ({L['continued']})"

    def page_start(cv: Sheet, number: int, pages: int) -> float:
        cv.setFillColor(GREY)
        if columns:
            for k, col in enumerate(columns):
                cx = x0 + k * width / len(columns)
                lines_at(cv, cx, M + 4 + 9 * (len(footer_lines) - 1), col[:1], s.bold, 7.5, 9)
                lines_at(cv, cx, M + 4 + 9 * (len(footer_lines) - 2), col[1:], s.font, 7, 9)
        else:
            lines_at(cv, x0, M + 4 + 9 * (len(footer_lines) - 1), footer_lines, s.font, 7, 9)
        cv.setFillColor(colors.black)
        if pages > 1:
            cv.setFont(s.font, 7.5)
            cv.drawRightString(x1, H - M + 12, L["page"].format(n=number, m=pages))
        if number == 1:
            if place == "footer":
                _pairs(cv, s, arrangement, parts.meta, x0, bottom - 8, meta_width, rng)
            return y
        cv.setFont(s.bold, 10)
        cv.drawString(x0, H - M - 4, continued)
        return H - M - 24

    y = flow_table(c, table, rows, x0, y, bottom=bottom, later_top=H - M - 24, reserve=165, page_start=page_start)

    # Totals, notes, payment details, and a remittance slip when there is room for one
    y = _totals(c, inv, s, x1, y - 18, min(250, width * 0.55), x0, rng)
    notes = list(inv.notes)
    if s.currency_at == "note":
        notes.append({"de": "Alle Beträge in ", "fr": "Montants en ", "es": "Importes en ", "it": "Importi in ",
                      "nl": "Bedragen in "}.get(s.lang, "All amounts in ") + inv.currency + ".")
    if not bank_in_footer:
        notes.append(f"{L['bank']}: " + ", ".join(parts.bank))
    if parts.terms_note:
        notes.insert(0, parts.terms_note)
    if parts.factor_note:
        notes.append(parts.factor_note)
    if parts.cheques_note:
        notes.append(parts.cheques_note)
    if rng.random() < 0.5:
        notes.append(L["thanks"])
    y = lines_at(c, x0, y - 8, [line for note in notes for line in wrap(note, s.font, 8, width)], s.font, 8)
    if parts.remit:
        if y - footer_top > 60:
            c.setFont(s.bold, 8.5)
            c.drawString(x0, y - 10, L["remit_to"] + ":")
            y = lines_at(c, x0, y - 21, parts.remit, s.font, 8.5)
        else:
            y = lines_at(c, x0, y - 2, [f"{L['remit_to']}: " + ", ".join(parts.remit)], s.font, 8)
    if rng.random() < 0.35 and y - footer_top > 95:
        _remittance(c, inv, s, parts, x0, y - 14, width)
    return c.pdf_bytes()
