"""Documents of no supported type (a cover letter, a till receipt, a blank page): the pipeline has
to say 'unknown' and hand them to an operator."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4, LETTER

from samplegen import names
from samplegen.drawing import Sheet, fitted_size, lines_at, wrap
from samplegen.family import Family
from samplegen.sample import Truth
from samplegen.values import DATE_STYLES_BY_LOCALE, format_date, format_money, money, money_styles, random_date

LETTERS = {
    "en": (("Change of office address",
            "We are writing to let you know that from next month our office will move to a new address. All other "
            "contact details remain unchanged. Please update your records accordingly; post sent to the old address "
            "will be forwarded for six months.",
            "We look forward to continuing our work together and thank you for your understanding."),
           ("Invitation: annual supplier meeting",
            "We would like to invite you to our annual supplier meeting, which will take place at our head office. "
            "The agenda covers quality targets, delivery schedules for the coming year and our new sustainability "
            "guidelines.",
            "Please confirm your attendance by e-mail. Lunch will be provided.")),
    "de": (("Änderung unserer Geschäftsadresse",
            "hiermit teilen wir Ihnen mit, dass unser Büro ab dem kommenden Monat unter einer neuen Anschrift zu "
            "erreichen ist. Alle übrigen Kontaktdaten bleiben unverändert. Bitte passen Sie Ihre Unterlagen an.",
            "Wir freuen uns auf die weitere Zusammenarbeit."),
           ("Einladung zum Lieferantentag",
            "gerne laden wir Sie zu unserem jährlichen Lieferantentag ein. Auf der Tagesordnung stehen Qualitätsziele, "
            "Liefertermine für das kommende Jahr und unsere neuen Nachhaltigkeitsrichtlinien.",
            "Bitte bestätigen Sie Ihre Teilnahme per E-Mail.")),
}
SHOP_ITEMS = (("Coffee, large", 3.2, 4.9), ("Sandwich", 4.5, 8.9), ("Printer paper", 5.0, 9.0),
              ("Batteries AA x4", 4.0, 7.5), ("Parking", 2.0, 12.0), ("Notebook", 1.5, 4.0), ("Water 0.5 l", 0.9, 2.2))


@dataclass
class Note:
    """What an unsupported document needs: a sender, a recipient, a date and a language."""

    language: str
    sender: names.Party
    recipient: names.Party
    signer: names.Person
    day: date
    date_style: str


def make_note(rng: random.Random, language: str = "en") -> Note:
    country = "de" if language == "de" else rng.choice(("us", "uk"))
    return Note(language, names.company(rng, country), names.company(rng, country), names.person(rng, country),
                random_date(rng), rng.choice(DATE_STYLES_BY_LOCALE[country]))


def truth(_: Note) -> Truth:
    return Truth("unknown", None, {}, {}, {"status": "needs_review", "issues": ["doc.unknown_type"]})


def render_letter(note: Note, rng: random.Random) -> bytes:
    """A one-page business letter with nothing to extract."""
    W, H = A4 if note.language == "de" else LETTER
    c = Sheet((W, H))
    M = 64
    c.setFont("Helvetica-Bold", 14)
    c.drawString(M, H - 64, note.sender.name)
    lines_at(c, M, H - 78, note.sender.address_lines + note.sender.extra[:1], "Helvetica", 8.5)
    y = lines_at(c, M, H - 160, [note.recipient.name] + note.recipient.address_lines, "Times-Roman", 11, 14)
    c.setFont("Times-Roman", 11)
    c.drawRightString(W - M, y - 10, format_date(note.day, note.date_style))
    subject, *paragraphs = rng.choice(LETTERS[note.language])
    c.setFont("Times-Bold", 11)
    c.drawString(M, y - 40, subject)
    salutation = "Sehr geehrte Damen und Herren," if note.language == "de" else "Dear Sir or Madam,"
    y = lines_at(c, M, y - 66, [salutation], "Times-Roman", 11) - 6
    for paragraph in paragraphs:
        y = lines_at(c, M, y, wrap(paragraph, "Times-Roman", 11, W - 2 * M), "Times-Roman", 11, 14.5) - 8
    closing = "Mit freundlichen Grüßen" if note.language == "de" else "Yours faithfully"
    lines_at(c, M, y - 10, [closing, "", "", note.signer.first_last()], "Times-Roman", 11, 14)
    return c.pdf_bytes()


def render_receipt(note: Note, rng: random.Random) -> bytes:
    """A narrow till receipt: a total, but no invoice number, no vendor tax block, no due date."""
    lines = [(name, money(rng.uniform(low, high))) for name, low, high in rng.sample(SHOP_ITEMS, rng.randint(2, 5))]
    currency = "EUR" if note.language == "de" else "USD"
    style = money_styles(currency, note.language == "de")[3]
    height = 260 + 14 * len(lines)
    c = Sheet((226, height))  # 80 mm paper roll
    y = height - 30
    c.setFont("Courier-Bold", fitted_size(note.sender.name, "Courier-Bold", 10, 200))
    c.drawCentredString(113, y, note.sender.name)
    y = lines_at(c, 113, y - 12, note.sender.address_lines, "Courier", 7.5, 9, align="center") - 8
    c.setFont("Courier", 8)
    for name, amount in lines:
        c.drawString(14, y, name)
        c.drawRightString(212, y, format_money(amount, style))
        y -= 14
    c.line(14, y + 6, 212, y + 6)
    c.setFont("Courier-Bold", 9)
    c.drawString(14, y - 6, "SUMME" if note.language == "de" else "TOTAL")
    c.drawRightString(212, y - 6, format_money(sum((a for _, a in lines), Decimal("0.00")), style))
    c.setFont("Courier", 7.5)
    paid = "BAR" if note.language == "de" else "CASH"
    stamp = f"{format_date(note.day, note.date_style)}  {rng.randint(8, 19):02d}:{rng.randint(0, 59):02d}"
    y = lines_at(c, 14, y - 26, [paid, stamp, f"#{rng.randint(1000, 9999)}"], "Courier", 7.5, 10)
    c.drawCentredString(113, max(y - 10, 20), "Vielen Dank!" if note.language == "de" else "Thank you!")
    return c.pdf_bytes()


def render_blank(note: Note, rng: random.Random) -> bytes:
    """An empty page, as when a separator sheet or the back of a page is scanned."""
    c = Sheet(A4 if note.language == "de" else LETTER)
    c.showPage()
    return c.pdf_bytes()


FAMILIES = [
    Family("unknown-letter", "unknown", "business letter without fields", render_letter, languages=("en", "de")),
    Family("unknown-receipt", "unknown", "till receipt", render_receipt, languages=("en", "de")),
    Family("unknown-blank", "unknown", "blank page", render_blank, languages=("en", "de")),
]
