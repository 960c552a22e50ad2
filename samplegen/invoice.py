"""Invoices: random invoice records, their ground truth, and the dev layout families (G draws its layout per document).

A record holds the values (Decimals, dates) and the presentation chosen for this one invoice (label
wording, date and money styles); a layout family decides only where things go on the page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase.pdfmetrics import stringWidth

from samplegen import names
from samplegen.drawing import (ACCENTS, FONTS, GREY, LIGHT, Carry, Column, Sheet, Table, TableStyle, draw_image,
                               flow_table, label_value, lines_at, logo_image, wrap)
from samplegen.family import Family
from samplegen.invoice_random import render_random
from samplegen.sample import Truth
from samplegen.values import (DATE_STYLES_BY_LOCALE, MoneyStyle, format_date, format_money,
                              format_number, format_rate, money, money_styles, random_date, truth_decimal)

FAULTS = {
    "total_mismatch": "invoice.total_mismatch",
    "subtotal_mismatch": "invoice.subtotal_mismatch",
    "due_before_invoice_date": "invoice.due_before_invoice_date",
}

LABELS = {
    "en": {
        "title": ("INVOICE", "Invoice", "INVOICE", "Sales Invoice"),
        "number": ("Invoice No.", "Inv. Number", "Invoice #", "Invoice Number", "Bill No", "Document number"),
        "date": ("Invoice Date", "Date", "Date of issue", "Invoice date"),
        "due": ("Due Date", "Payment due", "Due", "Pay by"),
        "po": ("PO", "Purchase Order", "Your order", "PO Number", "Customer PO"),
        "order_date": ("Order Date", "Ship Date", "Delivery date"),
        "customer_no": ("Customer No.", "Account", "Customer ID"),
        "subtotal": ("Subtotal", "Net amount", "Sub-total", "Total net"),
        "total": ("Total", "Amount due", "Total due", "Invoice total", "Balance due"),
        "bill_to": ("Bill To", "Invoice to", "Customer", "Sold To"),
        "ship_to": ("Ship To", "Deliver to", "Delivery address"),
        "description": ("Description", "Item", "Item / Service", "Details"),
        "quantity": ("Qty", "Quantity", "Units"),
        "hours": ("Hours", "Hrs", "Qty"),
        "unit_price": ("Unit Price", "Rate", "Price", "Unit cost"),
        "amount": ("Amount", "Line Total", "Total", "Ext. Price"),
        "currency": ("Currency", "Currency"),
        "total_hours": ("Total hours", "Hours total"),
        "carried": ("Carried forward", "Page total"),
        "brought": ("Brought forward", "From previous page"),
        "page": ("Page {n} of {m}", "Page {n}/{m}"),
    },
    "de": {
        "title": ("RECHNUNG", "Rechnung"),
        "number": ("Rechnungs-Nr.", "Rechnungsnummer", "Rechnung Nr.", "Beleg-Nr."),
        "date": ("Rechnungsdatum", "Datum", "Belegdatum"),
        "due": ("Fällig am", "Zahlbar bis", "Fälligkeitsdatum"),
        "po": ("Bestellnummer", "Ihre Bestellung", "Bestell-Nr."),
        "order_date": ("Lieferdatum", "Bestelldatum", "Leistungsdatum"),
        "customer_no": ("Kundennr.", "Kunden-Nr."),
        "subtotal": ("Zwischensumme", "Nettobetrag", "Summe netto", "Warenwert netto"),
        "total": ("Gesamtbetrag", "Rechnungsbetrag", "Endbetrag", "Gesamtsumme brutto"),
        "bill_to": ("Rechnungsempfänger", "Rechnungsadresse", "Kunde"),
        "ship_to": ("Lieferanschrift", "Lieferadresse"),
        "description": ("Beschreibung", "Bezeichnung", "Leistung", "Artikel"),
        "quantity": ("Menge", "Anzahl"),
        "hours": ("Std.", "Stunden", "Menge"),
        "unit_price": ("Einzelpreis", "E-Preis", "Preis/Einheit"),
        "amount": ("Gesamtpreis", "Betrag", "Gesamt"),
        "currency": ("Währung",),
        "total_hours": ("Stunden gesamt", "Summe Stunden"),
        "carried": ("Übertrag", "Zwischensumme Seite"),
        "brought": ("Übertrag", "Übertrag von Seite {p}"),
        "page": ("Seite {n} von {m}", "Seite {n}/{m}"),
    },
}
TAX_LABELS = {
    ("en", "us"): ("Sales tax ({rate}%)", "Sales Tax {rate}%", "Tax ({rate}%)", "Tax"),
    ("en", "uk"): ("VAT {rate}%", "VAT @ {rate}%", "VAT"),
    ("en", "de"): ("VAT {rate}%", "VAT ({rate}%)"),
    ("de", "de"): ("MwSt. {rate}%", "USt. {rate}%", "zzgl. {rate}% USt.", "Umsatzsteuer {rate}%"),
}
TAX_ID_LABELS = {
    ("en", "us"): ("EIN:", "Tax ID:", "Federal Tax ID:", "FEIN:"),
    ("en", "uk"): ("VAT Reg. No.:", "VAT No:"),
    ("en", "de"): ("VAT ID:", "VAT Reg. No.:"),
    ("de", "de"): ("USt-IdNr.:", "USt-ID:", "Umsatzsteuer-ID:"),
}
TAX_RATES = {"us": ("0", "6", "6.25", "7", "8.25", "8.875", "5.5"), "uk": ("20", "20", "20", "5", "0"),
             "de": ("19", "19", "19", "7", "0")}

# (description, low price, high price, unit en, unit de); hourly lines carry fractional quantities.
GOODS = {
    "en": (("A4 copy paper, 80 gsm, box of 5 reams", 18, 45), ("Toner cartridge, black, high yield", 60, 190),
           ("Ergonomic office chair, mesh back, adjustable armrests and lumbar support", 180, 520),
           ("Network cable Cat6, 3 m, blue", 3, 9), ("Stainless steel hex bolts M8 x 40 (box of 100)", 11, 30),
           ("Nitrile safety gloves, size L, box of 100", 8, 20), ("Pallet wrap stretch film 500 mm x 300 m", 12, 25),
           ("LED panel light 600 x 600, 40 W, neutral white", 35, 80),
           ("Corrugated shipping boxes 400 x 300 x 200 mm, double wall, bundle of 25", 20, 48),
           ("Label printer ribbons, wax/resin, 110 mm x 300 m", 9, 22),
           ("Hydraulic hose assembly 1/2 in, 2 m, with fittings", 40, 95),
           ("Laptop docking station USB-C with 100 W power delivery", 150, 290),
           ("Whiteboard markers, assorted colours, pack of 12", 6, 15),
           ("Replacement filter cartridge for water dispenser", 25, 60), ("Delivery and installation", 60, 350),
           ("Software licence renewal (12 months)", 240, 2400), ("Freight charge", 25, 180)),
    "de": (("Kopierpapier A4, 80 g/m², 5 x 500 Blatt", 18, 45), ("Tonerkartusche schwarz, hohe Kapazität", 60, 190),
           ("Bürodrehstuhl mit Netzrücken, Armlehnen und Lordosenstütze, verstellbar", 180, 520),
           ("Netzwerkkabel Cat6, 3 m, blau", 3, 9), ("Sechskantschrauben M8 x 40, Edelstahl (100 Stück)", 11, 30),
           ("Nitril-Schutzhandschuhe Gr. L, 100 Stück", 8, 20), ("Stretchfolie 500 mm x 300 m", 12, 25),
           ("LED-Panel 600 x 600, 40 W, neutralweiß", 35, 80),
           ("Versandkartons 400 x 300 x 200 mm, zweiwellig, Bündel à 25 Stück", 20, 48),
           ("Hydraulikschlauch 1/2 Zoll, 2 m, mit Armaturen", 40, 95), ("Fahrtkosten pauschal", 25, 90),
           ("Lieferung und Montage", 60, 350), ("Softwarelizenz Verlängerung (12 Monate)", 240, 2400),
           ("Entsorgung Altgeräte", 30, 160)),
}
SERVICES = {
    "en": (("Consulting services", 95, 220), ("Project management", 85, 160),
           ("On-site support, network migration phase 2 including documentation and handover workshop", 90, 150),
           ("Software development", 80, 175), ("Data migration and validation of legacy customer records", 90, 140),
           ("Technician call-out and repair labour", 65, 120),
           ("Training session for accounts payable team (remote)", 100, 190),
           ("Office cleaning, floors 2-4", 28, 45), ("Design review and revisions", 70, 140)),
    "de": (("Beratungsleistung", 95, 220), ("Projektleitung", 85, 160),
           ("Wartung Heizungsanlage inkl. Abgasmessung und Prüfprotokoll", 65, 110), ("Softwareentwicklung", 80, 175),
           ("Montagearbeiten vor Ort", 55, 95), ("Schulung Buchhaltungsteam (online)", 100, 190),
           ("Unterhaltsreinigung Büroetage 2-4", 28, 45),
           ("Datenmigration und Prüfung der Altdaten aus dem Vorsystem", 90, 140)),
}
UNITS = {"en": ("pcs", "ea", "box", "h"), "de": ("Stk.", "Stk.", "Pak.", "Std.")}
# Lines billed once, never by the dozen.
FLAT_FEES = {"Delivery and installation", "Software licence renewal (12 months)", "Freight charge",
             "Fahrtkosten pauschal", "Lieferung und Montage", "Softwarelizenz Verlängerung (12 Monate)",
             "Entsorgung Altgeräte"}


@dataclass
class LineItem:
    description: str
    quantity: Decimal  # its exponent is the number of decimals printed
    unit_price: Decimal
    amount: Decimal
    unit: str
    worked_on: date | None = None  # service lines: the day the work was done (a distractor date)


@dataclass
class Look:
    """Presentation chosen once per invoice: wording, date style, money styles, font, colour."""

    labels: dict[str, str]
    date_style: str
    money: MoneyStyle  # totals
    cell_money: MoneyStyle  # line item cells
    currency_in_header: bool  # amounts are plain numbers; the currency code is in column headers
    font: str
    accent: colors.Color


@dataclass
class Invoice:
    language: str
    country: str  # vendor's country: us | uk | de
    currency: str
    vendor: names.Party
    vendor_tax_id: str | None  # as printed
    customer: names.Party
    ship_to: names.Party | None
    customer_no: str
    number: str
    invoice_date: date
    due_date: date | None
    order_date: date | None
    po_number: str | None
    items: list[LineItem]
    subtotal: Decimal
    tax_rate: Decimal
    tax_amount: Decimal | None  # None: no tax line printed
    total: Decimal
    service: bool
    look: Look
    logo_only: bool = False  # the vendor name appears only inside a raster logo
    fault: str | None = None
    notes: list[str] = field(default_factory=list)

    # How values are printed on this invoice.
    def label(self, key: str) -> str:
        return self.look.labels[key]

    def d(self, value: date) -> str:
        return format_date(value, self.look.date_style)

    def m(self, value: Decimal) -> str:
        return format_money(value, self.look.money)

    def cm(self, value: Decimal) -> str:
        return format_money(value, self.look.cell_money)

    def q(self, value: Decimal) -> str:
        return format_number(value, self.look.money.number)

    def money_label(self, key: str) -> str:
        text = self.label(key)
        return f"{text} ({self.currency})" if self.look.currency_in_header else text

    @property
    def tax_label(self) -> str:
        return self.label("tax").replace("{rate}", format_rate(self.tax_rate, self.look.money.number))

    @property
    def total_hours(self) -> Decimal:
        return sum((i.quantity for i in self.items if i.worked_on), Decimal(0))

    def meta_pairs(self) -> list[tuple[str, str]]:
        """Label/value pairs of the invoice header block, distractors (order date, customer number)
        included, in a natural order."""
        pairs = [(self.label("number"), self.number), (self.label("date"), self.d(self.invoice_date))]
        if self.order_date:
            pairs.append((self.label("order_date"), self.d(self.order_date)))
        if self.due_date:
            pairs.append((self.label("due"), self.d(self.due_date)))
        if self.po_number:
            pairs.append((self.label("po"), self.po_number))
        pairs.append((self.label("customer_no"), self.customer_no))
        if self.look.money.prefix == self.look.money.suffix == "" and not self.look.currency_in_header:
            pairs.append((self.label("currency"), self.currency))
        return pairs

    def totals(self) -> list[tuple[str, str]]:
        lines = [(self.money_label("subtotal"), self.m(self.subtotal))]
        if self.tax_amount is not None:
            lines.append((self.tax_label, self.m(self.tax_amount)))
        lines.append((self.money_label("total"), self.m(self.total)))
        return lines

    def row(self, index: int) -> dict[str, str]:
        item = self.items[index]
        return {"pos": str(index + 1), "description": item.description, "quantity": self.q(item.quantity),
                "unit": item.unit, "unit_price": self.cm(item.unit_price), "amount": self.cm(item.amount),
                "worked_on": self.d(item.worked_on) if item.worked_on else ""}

    def page_label(self, n: int, m: int) -> str:
        return self.label("page").format(n=n, m=m)

    def tax_id_line(self) -> str | None:
        return f"{self.label('tax_id')} {self.vendor_tax_id}" if self.vendor_tax_id else None


def _invoice_number(rng: random.Random, country: str, year: int) -> str:
    if country == "de":
        return rng.choice((f"{year}/{rng.randint(1, 999):04d}", f"RE-{year}-{rng.randint(1, 9999):04d}",
                           f"{rng.randint(100000, 999999)}", f"R{rng.randint(10000, 99999)}"))
    return rng.choice((f"INV-{rng.randint(10000, 99999)}", f"{rng.randint(100000, 999999)}",
                       f"{rng.choice('ABCKS')}-{rng.randint(1000, 9999)}-{rng.choice('XYZ')}",
                       f"{year}/{rng.randint(1, 999):04d}", f"SI{rng.randint(100000, 999999)}"))


def _printed_tax_id(rng: random.Random, country: str) -> str:
    digits = names.ein(rng) if country == "us" else f"{rng.randint(100000000, 999999999)}"
    if country == "us":
        return f"{digits[:2]}-{digits[2:]}"
    prefix = "DE" if country == "de" else "GB"
    if rng.random() < 0.3:
        return f"{prefix} {digits[:3]} {digits[3:6]} {digits[6:]}" if country == "de" \
            else f"{prefix} {digits[:3]} {digits[3:7]} {digits[7:]}"
    return prefix + digits


def tax_id_truth(printed: str) -> str:
    """EINs are TINs: digits only. VAT ids keep their country prefix; spaces go."""
    compact = printed.replace(" ", "")
    return compact.replace("-", "") if compact[:2].isdigit() else compact


def _items(rng: random.Random, language: str, service: bool, count: int, invoice_date: date) -> list[LineItem]:
    items = []
    units = UNITS[language]
    two_decimals = rng.random() < 0.35  # print quantities as 2.00 / 7.50 rather than 2 / 7.5
    for _ in range(count):
        if service and rng.random() < 0.8:
            desc, low, high = rng.choice(SERVICES[language])
            quantity = Decimal(rng.randint(2, 48)) / 4
            # Whole-unit hourly rates keep quarter hours x rate exact at cents.
            unit_price = money(rng.randint(low, high))
            unit = units[3]
            worked_on = invoice_date - timedelta(days=rng.randint(3, 40))
        else:
            desc, low, high = rng.choice(GOODS[language])
            counts = (1,) if desc in FLAT_FEES else (1, 1, 1, 2, 3, 4, 5, 6, 10, 12, 20, 24, 50, 100)
            quantity = Decimal(rng.choice(counts))
            unit_price = money(rng.uniform(low, high))
            unit = rng.choice(units[:3])
            worked_on = None
            if rng.random() < 0.15:
                desc += f" – Ref. {rng.choice('ABCDEFGH')}{rng.randint(100, 999)}"
        if two_decimals:
            quantity = quantity.quantize(Decimal("0.01"))
        elif quantity % 1 == 0:
            quantity = quantity.quantize(Decimal(1))
        else:
            quantity = quantity.normalize()
        items.append(LineItem(desc, quantity, unit_price, money(quantity * unit_price), unit, worked_on))
    return items


def make_invoice(rng: random.Random, language: str = "en", *, country: str | None = None, fault: str | None = None,
                 item_count: int | None = None, service: bool | None = None, date_style: str | None = None,
                 logo_only: bool | None = None) -> Invoice:
    """A random invoice in `language`, arithmetically consistent unless `fault` says otherwise."""
    if language == "de":
        country = "de"
    country = country or rng.choices(("us", "uk", "de"), (0.6, 0.25, 0.15))[0]
    currency = {"us": rng.choices(("USD", "EUR"), (0.92, 0.08))[0], "uk": rng.choices(("GBP", "EUR"), (0.85, 0.15))[0],
                "de": "EUR"}[country]
    german = language == "de"
    labels = {key: rng.choice(options) for key, options in LABELS[language].items()}
    labels["tax"] = rng.choice(TAX_LABELS[(language, country)])
    labels["tax_id"] = rng.choice(TAX_ID_LABELS[(language, country)])
    money_style = rng.choice(money_styles(currency, german))
    currency_in_header = money_style.prefix == money_style.suffix == "" and rng.random() < 0.5
    look = Look(labels=labels,
                date_style=date_style or rng.choice(DATE_STYLES_BY_LOCALE["de" if german else country]),
                money=money_style, cell_money=money_style.plain() if rng.random() < 0.6 else money_style,
                currency_in_header=currency_in_header, font=rng.choice(("helvetica", "helvetica", "times")),
                accent=rng.choice(ACCENTS))

    invoice_date = random_date(rng)
    terms = rng.choice((10, 14, 14, 30, 30, 30, 45, 60))
    due_date = invoice_date + timedelta(days=terms) if rng.random() < 0.85 else None
    if fault == "due_before_invoice_date":
        due_date = invoice_date - timedelta(days=rng.randint(3, 25))
    order_date = invoice_date - timedelta(days=rng.randint(1, 20)) if rng.random() < 0.45 else None
    service = rng.random() < 0.35 if service is None else service
    count = item_count or min(25, max(1, int(rng.expovariate(1 / 6)) + 1))
    items = _items(rng, language, service, count, invoice_date)

    subtotal = sum((i.amount for i in items), Decimal("0.00"))
    if fault == "subtotal_mismatch":
        subtotal += money(rng.choice((-1, 1)) * rng.uniform(5, 120))
    tax_rate = Decimal(rng.choice(TAX_RATES[country]))
    tax_amount = money(subtotal * tax_rate / 100)
    if tax_rate == 0 and rng.random() < 0.5:
        tax_amount = None
    total = subtotal + (tax_amount or 0)
    if fault == "total_mismatch":
        total += money(rng.choice((-1, 1)) * rng.uniform(1, 90))

    vendor = names.company(rng, country)
    customer_country = country if german or rng.random() < 0.85 else rng.choice(("us", "uk", "de"))
    customer = names.company(rng, customer_country)
    ship_to = None
    if rng.random() < 0.45:
        ship_to = names.Party(customer.name if rng.random() < 0.5 else names.company_name(rng, customer_country),
                              names.street(rng, customer_country), names.city_line(rng, customer_country),
                              customer_country)
    notes = []
    if tax_rate == 0 and country != "us":
        notes.append("Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge)." if german
                     else "Reverse charge: VAT to be accounted for by the recipient.")
    return Invoice(
        language=language, country=country, currency=currency, vendor=vendor,
        vendor_tax_id=_printed_tax_id(rng, country) if rng.random() < 0.85 else None,
        customer=customer, ship_to=ship_to, customer_no=f"{rng.randint(10000, 99999)}",
        number=_invoice_number(rng, country, invoice_date.year), invoice_date=invoice_date, due_date=due_date,
        order_date=order_date,
        po_number=rng.choice((f"PO-{rng.randint(10000, 99999)}", f"45{rng.randint(10000000, 99999999)}",
                              f"B-{invoice_date.year}-{rng.randint(100, 999)}")) if rng.random() < 0.5 else None,
        items=items, subtotal=subtotal, tax_rate=tax_rate, tax_amount=tax_amount, total=total, service=service,
        look=look, logo_only=rng.random() < 0.5 if logo_only is None else logo_only, fault=fault, notes=notes)


def truth(inv: Invoice) -> Truth:
    fields: dict[str, str | bool] = {"vendor_name": inv.vendor.name}
    if inv.vendor_tax_id:
        fields["vendor_tax_id"] = tax_id_truth(inv.vendor_tax_id)
    fields["invoice_number"] = inv.number
    fields["invoice_date"] = inv.invoice_date.isoformat()
    if inv.due_date:
        fields["due_date"] = inv.due_date.isoformat()
    if inv.po_number:
        fields["po_number"] = inv.po_number
    fields["currency"] = inv.currency
    fields["subtotal"] = truth_decimal(inv.subtotal)
    if inv.tax_amount is not None:
        fields["tax_amount"] = truth_decimal(inv.tax_amount)
    fields["total_amount"] = truth_decimal(inv.total)
    rows = [{"description": " ".join(i.description.split()), "quantity": truth_decimal(i.quantity),
             "unit_price": truth_decimal(i.unit_price), "amount": truth_decimal(i.amount)} for i in inv.items]
    expect = {"status": "needs_review", "issues": [FAULTS[inv.fault]]} if inv.fault else None
    return Truth("invoice", None, fields, {"line_items": rows}, expect)


# ---------------------------------------------------------------------------------------------
# Dev layout families


def pagesize(inv: Invoice) -> tuple[float, float]:
    return LETTER if inv.country == "us" else A4


def item_columns(inv: Invoice, width: float, keys: list[str], fixed: dict[str, float]) -> list[Column]:
    """Columns for `keys`; the description column takes whatever width the fixed ones leave."""
    titles = {"pos": "Pos." if inv.language == "de" else "#", "worked_on": "Datum" if inv.language == "de" else "Date",
              "unit": "Einheit" if inv.language == "de" else "Unit",
              "quantity": inv.label("hours") if inv.service else inv.label("quantity"),
              "description": inv.label("description"), "unit_price": inv.money_label("unit_price"),
              "amount": inv.money_label("amount")}
    aligns = {"quantity": "right", "unit_price": "right", "amount": "right", "pos": "right", "unit": "center"}
    rest = width - sum(fixed.get(k, 0) for k in keys if k != "description")
    return [Column(k, titles[k], rest if k == "description" else fixed[k], aligns.get(k, "left")) for k in keys]


def _totals_block(c: Sheet, inv: Invoice, right: float, y: float, label_x: float, font: str, bold: str,
                  size: float = 9.5, rule: bool = True) -> float:
    for i, (label, value) in enumerate(inv.totals()):
        last = i == len(inv.totals()) - 1
        if last and rule:
            c.setLineWidth(0.8)
            c.line(label_x, y + size + 1, right, y + size + 1)
        label_value(c, label_x, y, label, value, label_font=bold if last else font, value_font=bold if last else font,
                    size=size + (1 if last else 0), value_right=right)
        y -= size * 1.6
    return y


def _carry_line(inv: Invoice, table: Table, x: float, font: str) -> Carry:
    """'Carried forward' / 'brought forward' lines with the running sum of line amounts."""
    def carry(c: Sheet, y: float, done: list[int], incoming: bool) -> float:
        running = sum((inv.items[i].amount for i in done), Decimal("0.00"))
        label = inv.label("brought" if incoming else "carried").replace("{p}", "1")
        h = table.style.size * 1.9
        c.setFont(font, table.style.size)
        c.drawString(x + table.style.pad, y - h + 5, label)
        c.drawRightString(x + table.width - table.style.pad, y - h + 5, inv.cm(running))
        c.setLineWidth(0.5)
        c.line(x, y - h, x + table.width, y - h)
        return y - h
    return carry


def render_classic(inv: Invoice, rng: random.Random) -> bytes:
    """Family A: letterhead top left, big title and a label/value block top right, bill-to and
    ship-to blocks, ruled item table, right-hand totals."""
    W, H = pagesize(inv)
    c = Sheet((W, H))
    font, bold, _ = FONTS[inv.look.font]
    M = rng.choice((42, 50, 56))
    y = H - M - 12
    c.setFont(bold, 15)
    c.drawString(M, y, inv.vendor.name)
    lines = inv.vendor.address_lines + inv.vendor.extra[: rng.randint(1, 2)]
    if inv.tax_id_line():
        lines.append(inv.tax_id_line())
    left_end = lines_at(c, M, y - 15, lines, font, 8.5)
    c.setFillColor(inv.look.accent)
    c.setFont(bold, 24)
    c.drawRightString(W - M, y - 6, inv.label("title"))
    c.setFillColor(colors.black)
    label_x = W - M - rng.choice((190, 210))
    my = y - 34
    colon = rng.choice((":", ""))
    for label, value in inv.meta_pairs():
        label_value(c, label_x, my, label + colon, value, label_font=bold, value_font=font, size=9,
                    value_right=W - M)
        my -= 13
    y = min(left_end, my) - 18
    blocks = [(inv.label("bill_to"), inv.customer)] + ([(inv.label("ship_to"), inv.ship_to)] if inv.ship_to else [])
    block_end = y
    for k, (label, party) in enumerate(blocks):
        bx = M + k * 230
        c.setFont(bold, 9)
        c.setFillColor(inv.look.accent)
        c.drawString(bx, y, label)
        c.setFillColor(colors.black)
        block_end = min(block_end, lines_at(c, bx, y - 13, [party.name] + party.address_lines, font, 9))
    top = block_end - 16
    keys = (["pos"] if rng.random() < 0.4 else []) + ["description", "quantity", "unit_price", "amount"]
    table = Table(item_columns(inv, W - 2 * M, keys, {"pos": 24, "quantity": 52, "unit_price": 82, "amount": 88}),
                  TableStyle(font=font, bold=bold, size=8.5, pad=rng.choice((3, 4, 5)), rules="rows"))
    rows = [inv.row(i) for i in range(len(inv.items))]

    def page_start(cv: Sheet, number: int, pages: int) -> float:
        cv.setFont(font, 7.5)
        cv.drawRightString(W - M, M - 18, inv.page_label(number, pages))
        if number == 1:
            return top
        cv.setFont(bold, 10)
        cv.drawString(M, H - M - 10, f"{inv.vendor.name} – {inv.label('title').title()} {inv.number}")
        return H - M - 30

    y = flow_table(c, table, rows, M, top, bottom=M + 10, later_top=H - M - 30, reserve=110,
                   page_start=page_start, carry=_carry_line(inv, table, M, bold), carry_height=16)
    y = _totals_block(c, inv, W - M, y - 18, W - M - 220, font, bold)
    terms = []
    if inv.due_date and inv.language == "en":
        terms.append(f"Payment terms: net {(inv.due_date - inv.invoice_date).days} days.")
    terms += inv.notes
    terms.append("Thank you for your business." if inv.language == "en" else "Vielen Dank für Ihren Auftrag.")
    lines_at(c, M, max(y - 14, M + 20), terms, font, 8)
    return c.pdf_bytes()


def render_banner(inv: Invoice, rng: random.Random) -> bytes:
    """Family B: coloured banner with a raster logo (the vendor name may exist only as pixels),
    header fields as tab-stopped label/value lines, zebra table, totals band, address footer."""
    W, H = pagesize(inv)
    c = Sheet((W, H))
    font, bold, _ = FONTS[inv.look.font]
    M = 44
    accent = inv.look.accent
    band = 92
    c.setFillColor(accent)
    c.rect(0, H - band, W, band, stroke=0, fill=1)
    c.setFillColor(colors.white)
    c.roundRect(M - 6, H - band + 14, 216, 64, 6, stroke=0, fill=1)
    draw_image(c, logo_image(inv.vendor.name, rng, accent), M, H - band + 18, 204)
    c.setFont(bold, 26)
    c.drawRightString(W - M, H - 52, inv.label("title").upper())
    c.setFont(font, 9)
    c.drawRightString(W - M, H - 70, f"{inv.label('number')} {inv.number}")
    c.setFillColor(colors.black)
    y = H - band - 30
    tab = M + max(stringWidth(label, bold, 9) for label, _ in inv.meta_pairs()) + 14
    for label, value in inv.meta_pairs():
        label_value(c, M, y, label, value, label_font=bold, value_font=font, size=9, value_x=tab)
        y -= 13.5
    bx = W / 2 + 20
    by = H - band - 30
    c.setFont(bold, 8)
    c.setFillColor(accent)
    c.drawString(bx, by, inv.label("bill_to").upper())
    c.setFillColor(colors.black)
    by = lines_at(c, bx, by - 13, [inv.customer.name] + inv.customer.address_lines, font, 9.5)
    if inv.ship_to:
        c.setFont(bold, 8)
        c.setFillColor(accent)
        c.drawString(bx, by - 6, inv.label("ship_to").upper())
        c.setFillColor(colors.black)
        by = lines_at(c, bx, by - 19, [inv.ship_to.name] + inv.ship_to.address_lines, font, 9.5)
    top = min(y, by) - 20
    keys = ["description", "quantity"] + (["unit"] if rng.random() < 0.4 else []) + ["unit_price", "amount"]
    table = Table(item_columns(inv, W - 2 * M, keys, {"quantity": 50, "unit": 40, "unit_price": 80, "amount": 86}),
                  TableStyle(font=font, bold=bold, size=9, pad=4.5, header_fill=accent, header_color=colors.white,
                             zebra=colors.Color(0.95, 0.95, 0.96), rules="header"))
    rows = [inv.row(i) for i in range(len(inv.items))]
    footer_parts = ([] if inv.logo_only else [inv.vendor.name]) + inv.vendor.address_lines + inv.vendor.extra[:1]
    if inv.tax_id_line():
        footer_parts.append(inv.tax_id_line())

    def page_start(cv: Sheet, number: int, pages: int) -> float:
        cv.setStrokeColor(accent)
        cv.setLineWidth(1)
        cv.line(M, 46, W - M, 46)
        cv.setStrokeColor(colors.black)
        cv.setFont(font, 7)
        cv.setFillColor(GREY)
        cv.drawCentredString(W / 2, 34, "  ·  ".join(footer_parts))
        cv.drawRightString(W - M, 22, inv.page_label(number, pages))
        cv.setFillColor(colors.black)
        if number == 1:
            return top
        cv.setFillColor(accent)
        cv.rect(0, H - 30, W, 30, stroke=0, fill=1)
        cv.setFillColor(colors.white)
        cv.setFont(bold, 10)
        cv.drawString(M, H - 20, f"{inv.label('title').title()} {inv.number}")
        cv.setFillColor(colors.black)
        return H - 50

    y = flow_table(c, table, rows, M, top, bottom=60, later_top=H - 50, reserve=100, page_start=page_start)
    y -= 16
    totals = inv.totals()
    for i, (label, value) in enumerate(totals):
        if i == len(totals) - 1:
            c.setFillColor(accent)
            c.rect(W - M - 240, y - 6, 240, 20, stroke=0, fill=1)
            c.setFillColor(colors.white)
            label_value(c, W - M - 232, y, label, value, label_font=bold, value_font=bold, size=10.5,
                        value_right=W - M - 6)
            c.setFillColor(colors.black)
        else:
            label_value(c, W - M - 232, y, label, value, label_font=font, value_font=font, size=9.5,
                        value_right=W - M - 6)
        y -= 17
    lines_at(c, M, y - 12, inv.notes, font, 8)
    return c.pdf_bytes()


def render_letter(inv: Invoice, rng: random.Random) -> bytes:
    """Family C: business letter (DIN 5008 style): sender line over a window address, info block
    at the right, subject line, numbered positions with units, totals under the table, three-column
    footer with bank details and registration numbers."""
    W, H = pagesize(inv)
    c = Sheet((W, H))
    font, bold, _ = FONTS[inv.look.font]
    de = inv.language == "de"
    M = 58
    c.setFont(bold, 16)
    c.setFillColor(inv.look.accent)
    c.drawRightString(W - M, H - 60, inv.vendor.name)
    c.setFillColor(colors.black)
    lines_at(c, W - M, H - 74, inv.vendor.address_lines, font, 8.5, align="right")
    sender = f"{inv.vendor.name} · {inv.vendor.street} · {inv.vendor.city_line}"
    c.setFont(font, 6.5)
    c.drawString(M, H - 140, sender)
    c.setLineWidth(0.4)
    c.line(M, H - 142, M + stringWidth(sender, font, 6.5), H - 142)
    lines_at(c, M, H - 158, [inv.customer.name] + inv.customer.address_lines, font, 10, 12.5)
    ix = W - M - 185
    iy = H - 150
    # Letters put the customer number first in the info block.
    pairs = [(inv.label("customer_no"), inv.customer_no)]
    pairs += [p for p in inv.meta_pairs() if p[0] != inv.label("customer_no")]
    for label, value in pairs:
        label_value(c, ix, iy, label + ":", value, label_font=font, value_font=font, size=8.5, value_x=ix + 92)
        iy -= 12
    if inv.ship_to:
        c.setFont(bold, 8)
        c.drawString(ix, iy - 6, inv.label("ship_to") + ":")
        iy = lines_at(c, ix, iy - 17, [inv.ship_to.name] + inv.ship_to.address_lines, font, 8, 10)
    y = min(iy, H - 230) - 26
    c.setFont(bold, 12)
    c.drawString(M, y, f"{inv.label('title').title()} {inv.number}")
    y -= 20
    intro = ("Sehr geehrte Damen und Herren,", "wir erlauben uns, Ihnen folgende Leistungen in Rechnung zu stellen:") \
        if de else ("Dear Sir or Madam,", "we are pleased to invoice the following:")
    y = lines_at(c, M, y, list(intro), font, 9.5, 13) - 6
    keys = ["pos", "description", "quantity", "unit", "unit_price", "amount"]
    widths = {"pos": 30, "quantity": 46, "unit": 40, "unit_price": 72, "amount": 78}
    table = Table(item_columns(inv, W - 2 * M, keys, widths),
                  TableStyle(font=font, bold=bold, size=8.5, pad=3.5, header_fill=None, rules="rows"))
    rows = [inv.row(i) for i in range(len(inv.items))]
    footer = _letter_footer(inv, rng)

    def page_start(cv: Sheet, number: int, pages: int) -> float:
        colw = (W - 2 * M) / 3
        cv.setLineWidth(0.4)
        cv.line(M, 78, W - M, 78)
        for k, col in enumerate(footer):
            lines_at(cv, M + k * colw, 68, col, font, 6.5, 8)
        cv.setFont(font, 8)
        cv.drawRightString(W - M, H - 40, inv.page_label(number, pages))
        if number == 1:
            return y
        cv.setFont(bold, 9)
        cv.drawString(M, H - 40, f"{inv.label('title').title()} {inv.number}")
        return H - 60

    y = flow_table(c, table, rows, M, y, bottom=95, later_top=H - 60, reserve=120, page_start=page_start,
                   carry=_carry_line(inv, table, M, bold), carry_height=16)
    y = _totals_block(c, inv, W - M, y - 16, W - M - 210, font, bold, 9)
    c.setLineWidth(0.5)
    c.line(W - M - 210, y + 9, W - M, y + 9)
    c.line(W - M - 210, y + 7, W - M, y + 7)
    closing = list(inv.notes)
    if inv.due_date:
        closing.append(f"Bitte überweisen Sie den Betrag bis zum {inv.d(inv.due_date)}." if de
                       else f"Please pay by {inv.d(inv.due_date)}.")
    closing.append("Mit freundlichen Grüßen" if de else "Kind regards")
    lines_at(c, M, max(y - 8, 110), closing, font, 9, 12)
    return c.pdf_bytes()


def _letter_footer(inv: Invoice, rng: random.Random) -> list[list[str]]:
    de = inv.language == "de"
    bank = [("Bankverbindung" if de else "Bank details"), rng.choice(names.BANKS[inv.country])]
    if inv.country == "de":
        bank += [f"IBAN DE{rng.randint(10, 99)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} "
                 f"{rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(10, 99)}",
                 f"BIC {rng.choice(('COBADEFFXXX', 'DEUTDEDBXXX', 'GENODEF1XXX'))}"]
        register = f"Amtsgericht {inv.vendor.city_line.split(' ', 1)[1]} HRB {rng.randint(10000, 99999)}"
    elif inv.country == "uk":
        bank += [f"Sort code {rng.randint(10, 99)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
                 f"Account {rng.randint(10000000, 99999999)}"]
        register = f"Registered in England No. {rng.randint(1000000, 9999999)}"
    else:
        bank += [f"Routing {names.routing_number(rng)}", f"Account {names.account_number(rng)}"]
        register = f"State registration {rng.randint(100000, 999999)}"
    boss = ("Geschäftsführer: " if de else "Director: ") + names.person(rng, inv.country).first_last()
    col3 = ([inv.tax_id_line()] if inv.tax_id_line() else []) + [register, boss]
    return [[inv.vendor.name] + inv.vendor.address_lines + inv.vendor.extra[:1], bank, col3]


def render_service(inv: Invoice, rng: random.Random) -> bytes:
    """Family D: plain service bill: name bar with rules, client block left, tabular header fields
    right, dated work lines, a 'total hours' line, page totals carried forward, remittance footer."""
    W, H = pagesize(inv)
    c = Sheet((W, H))
    font, bold, _ = FONTS[rng.choice(("helvetica", "courier", "times"))]
    M = 48
    y = H - 58
    c.setFont(bold, 14)
    c.drawString(M, y, inv.vendor.name)
    c.setFont(font, 8)
    c.drawString(M, y - 13, "  |  ".join(inv.vendor.address_lines + inv.vendor.extra[:1]))
    if inv.tax_id_line():
        c.drawRightString(W - M, y, inv.tax_id_line())
    c.setFont(bold, 11)
    c.drawRightString(W - M, y - 14, inv.label("title").upper())
    c.setLineWidth(1.2)
    c.line(M, y - 22, W - M, y - 22)
    c.setLineWidth(0.4)
    c.line(M, y - 25, W - M, y - 25)
    y -= 46
    c.setFont(bold, 9)
    c.drawString(M, y, inv.label("bill_to") + ":")
    by = lines_at(c, M, y - 13, [inv.customer.name] + inv.customer.address_lines, font, 9)
    mx = W / 2 + 30
    my = y
    for label, value in inv.meta_pairs():
        label_value(c, mx, my, label, value, label_font=font, value_font=bold, size=9, value_right=W - M)
        c.setLineWidth(0.25)
        c.setStrokeColor(LIGHT)
        c.line(mx, my - 3, W - M, my - 3)
        c.setStrokeColor(colors.black)
        my -= 14
    top = min(by, my) - 22
    rows = [inv.row(i) for i in range(len(inv.items))]
    keys = (["worked_on"] if inv.service else ["pos"]) + ["description", "quantity", "unit_price", "amount"]
    date_width = max(stringWidth(r["worked_on"], font, 8.5) for r in rows) + 16
    table = Table(item_columns(inv, W - 2 * M, keys, {"worked_on": date_width, "pos": 26, "quantity": 50,
                                                   "unit_price": 76, "amount": 84}),
                  TableStyle(font=font, bold=bold, size=8.5, pad=rng.choice((5, 6, 7)), header_fill=None, rules="rows"))

    def page_start(cv: Sheet, number: int, pages: int) -> float:
        cv.setFont(font, 7.5)
        cv.drawString(M, 30, f"{inv.label('number')} {inv.number}")
        cv.drawRightString(W - M, 30, inv.page_label(number, pages))
        if number == 1:
            return top
        cv.setFont(bold, 10)
        cv.drawString(M, H - 50, inv.vendor.name)
        return H - 66

    y = flow_table(c, table, rows, M, top, bottom=50, later_top=H - 66, reserve=120, page_start=page_start,
                   carry=_carry_line(inv, table, M, bold), carry_height=18)
    y -= 16
    if inv.service and inv.total_hours:
        c.setFont(bold, 9)
        c.drawString(M, y, f"{inv.label('total_hours')}: {inv.q(inv.total_hours)}")
    y = _totals_block(c, inv, W - M, y, W - M - 200, font, bold, 9, rule=False)
    remit = ("Please remit to: " if inv.language == "en" else "Zahlung an: ") + rng.choice(names.BANKS[inv.country])
    if inv.country == "us":
        remit += f", ABA {names.routing_number(rng)}, Acct {names.account_number(rng)}"
    lines_at(c, M, max(y - 10, 60), wrap(remit, font, 8, W - 2 * M) + inv.notes, font, 8)
    return c.pdf_bytes()


FAMILIES = [
    Family("invoice-a", "invoice", "classic letterhead, title and label/value block top right", render_classic,
           languages=("en", "de")),
    Family("invoice-b", "invoice", "colour banner with raster logo, zebra table, totals band", render_banner,
           languages=("en", "de")),
    Family("invoice-c", "invoice", "business letter with window address and info block", render_letter,
           languages=("de", "en")),
    Family("invoice-d", "invoice", "service bill with dated work lines and carried-forward totals", render_service,
           languages=("en", "de")),
    Family("invoice-g", "invoice", "randomised layout: label wording, placement, formats and distractors drawn per "
           "document", render_random, languages=("en", "de")),
]
