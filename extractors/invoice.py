"""Invoices of any layout: header fields by label and type, line items by their header row, totals chosen by arithmetic."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from backoffice.document import Document, Field
from extractors.common import (
    Candidate, Conventions, choose, conventions, date_parser, labelled, money_parser, put, put_labelled,
)
from extractors.layout import Layout, Phrase
from extractors.tables import TableResult, TableSpec, cell_field, header_columns, read_table, repair_lost_decimal_points
from extractors.classify import fold
from extractors.values import CURRENCY_CODES, currency_in, find_dates, parse_identifier, parse_money

INVOICE_NUMBER = [
    (r"\b(invoice|inv|bill|document|doc|rechnungs?|factura|facture)\.?\s*(no|nr|number|num|#|nummer|n°|n)\b\.?", 1.0),
    (r"\binvoice\s*#|\brechnungsnummer\b|\brechnungs-nr\b|\bbeleg-?nr\b|\bbelegnummer\b", 1.0),
    (r"\b(invoice|rechnung)\s*(id|ref)\b", 0.9),
    (r"^\s*(no|nr|number|#)\.?\s*:?", 0.55),
]
INVOICE_DATE = [
    (r"\b(invoice|inv|rechnungs?|bill|billing)\.?\s*-?datum\b|\b(invoice|inv|bill)\.?\s*date\b|\bdate of (issue|invoice)\b"
     r"|\bissue date\b|\bdate issued\b|\bausstellungsdatum\b|\bissued( on)?\b|\bbelegdatum\b|\bdocument date\b", 1.0),
    (r"^\s*(date|datum|dated)\b", 0.75),
]
NOT_INVOICE_DATE = r"order|due|deliver|ship|liefer|bestell|fallig|faellig|period|leistung|payment|zahl|valid"
DUE_DATE = [(r"\bdue\s*date\b|\bpayment\s*due\b|\bdue( on| by)?\b|\bfallig\b|\bfaellig\b|\bzahlbar bis\b"
             r"|\bzahlungsziel\b|\bpay(able)? by\b|\bfalligkeit", 1.0)]
PO_NUMBER = [(r"\b(p\.?\s?o\.?|purchase\s*order)\s*(no|nr|number|#|ref)?\b|\byour order\b|\bcustomer order\b"
              r"|\border\s*(no|nr|number|#|ref)\b|\bbestell(nummer|-?nr|ung)\b|\bihre bestellung\b|\bauftrag(snummer|s-?nr)?\b", 1.0)]
NOT_PO = r"p\.?\s?o\.?\s*box|postfach|order date|bestelldatum"
NOT_DUE = r"amount|total|balance|betrag|summe|net \d+|days|tage"
SUBTOTAL = [(r"\bsub-?\s?total\b|\bzwischensumme\b|\bnet\s*amount\b|\bnettobetrag\b|\bnet\s*total\b|\btotal\s*net\b"
             r"|\bsumme\s*netto\b|\bnettosumme\b|\bamount before tax\b|\btotal excl|\bwarenwert\b", 1.0), (r"^\s*(netto|net)\b", 0.8)]
TAX = [(r"\b(vat|mwst|ust|sales\s*tax|tax|gst|hst|mehrwertsteuer|umsatzsteuer|iva|tva)\b", 1.0)]
NOT_TAX = r"tax\s*(id|no|number|reg)|vat\s*(id|no|number|reg)|ust-?\s*id|steuer-?\s*(nr|nummer)|\btin\b|\bincl|\bexcl|total|before tax|zzgl\.? summe|invoice|ein\b"
TOTAL = [(r"\b(total|amount|balance)\s*due\b|\bgrand\s*total\b|\binvoice\s*total\b|\btotal\s*amount\b|\bgesamtbetrag\b"
          r"|\brechnungsbetrag\b|\bendbetrag\b|\bgesamtsumme\b|\bzu zahlen\b|\btotal\s*(incl|inkl)|\bamount\s*payable\b"
          r"|\bzahlbetrag\b|\bbruttobetrag\b", 1.0),
         (r"^\s*(total|summe|gesamt|brutto)\b", 0.8)]
NOT_TOTAL = r"sub-?\s?total|total\s*(hours|hrs|qty|quantity|net|excl|tax|vat|items|units|weight)|page\s*total|seitensumme|net\s*total|netto"
VENDOR_LABELS = [(r"^\s*(from|vendor|supplier|seller|remit\s*to|pay\s*to|payee|lieferant|verkaufer|rechnungssteller)\b\s*:?", 1.0)]
RECIPIENT = r"\b(bill(ed)?\s*to|ship(ped)?\s*to|sold\s*to|deliver\s*to|invoice\s*to|customer|client|kunde|rechnungsempfanger|lieferadresse|lieferanschrift|an|to|buyer|purchaser|empfanger)\b\s*:?"
VENDOR_TAX_ID = [(r"\b(tax\s*id|tax\s*(no|number)|ein|fein|vat\s*(reg(istration)?\.?)?\s*(id|no|number|#)?|ust\.?-?\s*id\.?\s*-?(nr)?"
                  r"|umsatzsteuer-?\s*id|steuer-?\s*(nr|nummer)|st\.?-?\s*nr|tin|company\s*tax\s*id|vat)\b\.?", 1.0)]
TAX_ID_LABEL = r"\btax\s*id\b|\bust\.?-?\s*id|\bvat\s*(reg(istration)?\.?\s*)?(no|number|id)\b|\bein\b|\bsteuer-?\s*(nr|nummer)\b|\bfein\b"
TAX_ID_VALUE = re.compile(r"\b(\d{2}-\d{7}|[A-Z]{2}\s?(?:\d\s?){8,11}\d|\d{2,3}/\d{3,4}/\d{4,5}|\d{9})\b")
COMPANY_SUFFIX = re.compile(
    r"\b(inc|llc|l\.l\.c|ltd|limited|corp|corporation|co|company|gmbh|ag|kg|ohg|se|ug|plc|lp|llp|sa|s\.a|bv|nv|srl|gbr|e\.k"
    r"|pty|pte|oy|sarl|spa|group|partners|associates|services|solutions|supply|industries|holdings)\b\.?",
)
TITLE_WORDS = re.compile(r"\b(invoice|rechnung|factura|facture|statement|credit note|gutschrift|page|seite)\b|^bill\b")
SUFFIX_ONLY = re.compile(r"^(&\s*)?(co\.?|inc\.?|llc|ltd\.?|limited|gmbh|ag|kg|se|plc|llp|lp|corp\.?|gmbh\s*&\s*co\.?\s*kg|co\.?\s*kg"
                         r"|& co\.?|pty\.?\s*ltd\.?|pte\.?\s*ltd\.?|s\.?a\.?|b\.?v\.?|n\.?v\.?|oy|ab|a/s|sarl|s\.?r\.?l\.?|s\.?p\.?a\.?"
                         r"|e\.\s?k\.?|e\.\s?v\.?|ug( \(haftungsbeschrankt\))?)$")

LINE_ITEMS = TableSpec(
    columns={
        "position": r"^(pos|no|nr|#|line|item\s*(no|#)|lfd\.?\s*nr)\.?$",
        "amount": r"\bamount\b|\btotal\b|\bbetrag\b|\bgesamt(preis|betrag)?\b|\bsum\b|^net\b|\bextended\b|ext\.?\s*(price|amount)"
                  r"|\bgp\b|\bsumme\b|line\s*total|total\s*price|\bwert\b|\bnetto\b",
        "unit_price": r"unit\s*(price|cost|rate)|\bprice\b|\brate\b|einzelpreis|\bpreis\b|e-?preis|^ep$|stuckpreis|per\s*unit"
                      r"|preis\s*/\s*(einheit|stk|std)|\bsatz\b",
        "quantity": r"\bqty\b|\bquantity\b|\bmenge\b|\banzahl\b|^hours$|^hrs\.?$|\bstunden\b|^units?$|\bstk\b|^std\.?$|^h$",
        "unit": r"^(unit|uom|einheit|me|u/m)\.?$",
        "date": r"^(date|datum|service date|day|tag|leistungsdatum)$",
        "description": r"description|\bitem\b|article|artikel|beschreibung|bezeichnung|leistung|service|product|details|particulars"
                       r"|\btext\b|produkt|position(?!en)|\bware\b",
    },
    numeric={"quantity", "unit_price", "amount"},
    text_column="description",
    stop=r"\bsub-?\s?total\b|\bzwischensumme\b|^\s*total\b|\btotal\s*(due|amount|net|excl)|\bnet\s*(amount|total)\b"
         r"|\bnettobetrag\b|\bgesamtbetrag\b|\brechnungsbetrag\b|\bsumme\b|\bamount\s*due\b|\bbalance\s*due\b"
         r"|\bwarenwert\b|^\s*zzgl|^\s*(vat|mwst|ust|tax|sales tax|gst)\b",
)


def extract_invoice(doc: Document) -> None:
    layout = Layout(doc)
    conv = conventions(layout)
    dates = date_parser(conv.day_first)
    money = money_parser(conv.decimal_comma)
    table = read_table(layout, LINE_ITEMS)
    layout.table_lines = table.lines

    put(doc, "invoice_number", choose(labelled(layout, INVOICE_NUMBER, _identifier)))
    put(doc, "invoice_date", choose(labelled(layout, INVOICE_DATE, dates, exclude=NOT_INVOICE_DATE))
        or _first_date(layout, conv))
    put_labelled(doc, layout, "due_date", DUE_DATE, dates, exclude=NOT_DUE)
    put_labelled(doc, layout, "po_number", PO_NUMBER, _identifier, exclude=NOT_PO)
    put(doc, "vendor_name", _vendor_name(layout))
    put(doc, "vendor_tax_id", _vendor_tax_id(layout))
    if "vendor_tax_id" not in doc.fields and layout.labels([(TAX_ID_LABEL, 1.0)]):
        doc.evidence.setdefault("labels_without_value", []).append("vendor_tax_id")

    items = _line_items(table, conv)
    if items:
        doc.tables["line_items"] = items
    line_sum = sum((r["amount"].value for r in items if "amount" in r), Decimal(0)) if items else None
    subtotal = labelled(layout, SUBTOTAL, money)
    tax = labelled(layout, TAX, money, exclude=NOT_TAX)
    total = labelled(layout, TOTAL, money, exclude=NOT_TOTAL)
    for name, f in _totals(subtotal, tax, total, line_sum).items():
        put(doc, name, f)
    put(doc, "currency", _currency(layout, doc, [*subtotal, *tax, *total]))


def _identifier(phrase: Phrase):
    tokens = phrase.text.split()
    if not tokens:
        return None
    token = parse_identifier(tokens[0])
    if len(tokens) > 1 and tokens[0].isalpha() and len(tokens[0]) <= 4 and any(c.isdigit() for c in tokens[1]):
        token = parse_identifier(" ".join(tokens[:2]))  # 'INV 10023'
    if not any(c.isdigit() for c in token) or len(token) > 30 or find_dates(token):
        return None
    words = phrase.words[: len(token.split())]
    return token, Phrase(phrase.page, words, phrase.line), 1.0


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


_SENDER_SEPARATORS = re.compile(r"\s[·•|]\s|\s[-–]\s")


def _recipient_lines(layout: Layout, *, with_return_address: bool = True) -> set[int]:
    """Lines of bill-to, ship-to and similar blocks (names there are the customer's, not the vendor's).

    A block starts under a label ('Bill to', 'Rechnungsempfänger') or, in a window envelope letter,
    under the small return-address line ('Acme GmbH · Main St 1 · Berlin').
    """
    starts: list[tuple[int, float]] = []
    for hit in layout.labels([(RECIPIENT, 1.0)]):
        if hit.start <= 2:
            starts.append((hit.phrase.line, hit.phrase.box[0]))
    by_label = len(starts)
    for index, line in enumerate(layout.lines):
        if line.page != 1 or line.box[1] > 0.4:
            continue  # a return address stands above the window of the envelope, not in the footer
        for phrase in line.phrases:
            if len(_SENDER_SEPARATORS.findall(phrase.text)) >= 2 and re.search(r"\d{4,5}", phrase.text):
                starts.append((index, phrase.box[0]))
    taken: set[int] = set()
    for n, (first, x0) in enumerate(starts):
        if n < by_label or with_return_address:  # the vendor's own tax id may stand in its return address
            taken.add(first)
        for index in range(first + 1, min(first + 6, len(layout.lines))):
            line = layout.lines[index]
            if line.page != layout.lines[first].page:
                break
            if any(abs(p.box[0] - x0) < 0.05 for p in line.phrases):
                taken.add(index)
    return taken


_ALL_LABELS = INVOICE_NUMBER[:3] + INVOICE_DATE + DUE_DATE + PO_NUMBER + SUBTOTAL + TOTAL + TAX + VENDOR_TAX_ID
_VENDOR_DETAILS = re.compile(r"\b(iban|bic|swift|tax\s*id|vat|ust|steuer|ein|phone|tel|fax|www|e-?mail|registered|handelsregister|hrb|bank|routing)\b|@")


def _vendor_name(layout: Layout) -> Field | None:
    """The issuer: the name on page 1 that looks most like a letterhead, never one in a customer block."""
    labelled_names = labelled(layout, VENDOR_LABELS, name_value)
    if labelled_names:
        return choose(labelled_names)
    skip = _recipient_lines(layout)
    customer_text = " ".join(layout.lines[i].text.lower() for i in skip)
    candidates: list[Candidate] = []
    first_page = [i for i, line in enumerate(layout.lines) if line.page == 1]
    heights = sorted(p.height for i in first_page for p in layout.lines[i].phrases) or [0.01]
    typical = heights[len(heights) // 2]
    text_lower = layout.text.lower()
    table_top = min((layout.lines[i].box[1] for i in layout.table_lines if layout.lines[i].page == 1), default=1.0)
    for index in first_page:
        line = layout.lines[index]
        if index in skip or index in layout.table_lines:
            continue
        for phrase in line.phrases:
            if any(re.search(p, phrase.folded) for p, _ in _ALL_LABELS):
                continue
            for name, where in _name_parts(phrase):
                folded = name.lower()
                score = 0.4
                if COMPANY_SUFFIX.search(fold(name)):
                    score += 0.25
                elif len(name.split()) == 1:
                    score -= 0.15  # one word without a legal form is rarely a whole company name
                score += min(0.15, max(0.0, (where.height / typical - 1) * 0.1))
                y = line.box[1]
                score += 0.15 * max(0.0, 1 - y / 0.35) if y < table_top else -0.1
                if text_lower.count(folded) > 1 and folded not in customer_text:
                    score += 0.15  # repeated in the footer or the return address: the only way past 0.9
                if any(_VENDOR_DETAILS.search(layout.lines[j].text.lower()) and
                       any(abs(p.box[0] - where.box[0]) < 0.03 for p in layout.lines[j].phrases)
                       for j in range(index + 1, min(index + 6, len(layout.lines)))):
                    score += 0.05  # the block under it gives bank, tax or contact details
                name, where = _with_suffix_line(layout, index, where, name)
                candidates.append(Candidate(name, where, min(max(score, 0.0), 0.98) * where.confidence))
    candidates.sort(key=lambda c: -c.score)
    return choose(candidates)


def _name_parts(phrase: Phrase) -> list[tuple[str, Phrase]]:
    """A phrase as a name, or the first part of a return-address line ('Acme GmbH · Main St 1 · Berlin')."""
    parsed = name_value(phrase)
    if parsed:
        return [(parsed[0], phrase)]
    parts = _SENDER_SEPARATORS.split(phrase.text)
    if len(parts) >= 2:
        count = len(parts[0].split())
        head = Phrase(phrase.page, phrase.words[:count], phrase.line)
        parsed = name_value(head)
        if parsed:
            return [(parsed[0], head)]
    return []


def _with_suffix_line(layout: Layout, index: int, phrase: Phrase, name: str) -> tuple[str, Phrase]:
    """A name whose legal form wrapped onto the next line (a logo set in two lines): 'Acme Supply' + 'Co.'"""
    if index + 1 >= len(layout.lines) or layout.lines[index + 1].page != phrase.page:
        return name, phrase
    for below in layout.lines[index + 1].phrases:
        close = below.box[1] - phrase.box[3] < 2.0 * max(phrase.height, below.height)
        overlaps = min(below.box[2], phrase.box[2]) - max(below.box[0], phrase.box[0]) > 0
        if close and overlaps and SUFFIX_ONLY.match(below.folded.strip()):
            return f"{name} {below.text.strip()}", Phrase(phrase.page, phrase.words + below.words, phrase.line)
    return name, phrase


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


def name_value(phrase: Phrase):
    words = list(phrase.words)
    while words and not any(c.isalnum() for c in words[0].text):
        words.pop(0)  # an emblem or a speck before the name
    while words and not any(c.isalnum() for c in words[-1].text):
        words.pop()
    if not words:
        return None
    if len(words) != len(phrase.words):
        phrase = Phrase(phrase.page, words, phrase.line)
    text = clean_text(phrase.text)
    if sum(t in _SENTENCE_WORDS for t in re.findall(r"[a-zäöü]+", text.lower())) >= 2:
        return None  # a sentence ('Thank you for your business.'), not a name
    folded = phrase.folded.strip()
    if len(text) < 3 or not re.search(r"[A-Za-zÄÖÜäöüß]{2}", text) or text.islower():
        return None
    if SUFFIX_ONLY.match(folded) or sum(c.isdigit() for c in text) >= 4:
        return None  # a legal form alone is the tail of a name; numbers make it a reference
    if TITLE_WORDS.search(folded) or re.search(RECIPIENT, folded[:20]) and not COMPANY_SUFFIX.search(folded):
        return None
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
    skip = _recipient_lines(layout, with_return_address=False)

    def parse(phrase: Phrase):
        m = TAX_ID_VALUE.search(phrase.text)
        if not m:
            return None
        return re.sub(r"[\s-]", "", m.group(1)), phrase, 1.0

    found = [c for c in labelled(layout, VENDOR_TAX_ID, parse) if c.phrase.line not in skip]
    return choose(found)


def _line_items(result: TableResult, conv: Conventions) -> list[dict[str, Field]]:
    rows: list[dict[str, Field]] = []
    for raw in result.rows:
        row: dict[str, Field] = {}
        for name in ("quantity", "unit_price", "amount"):
            words = raw.cells.get(name)
            if not words:
                continue
            text = " ".join(w.text for w in words)
            money = parse_money(text, conv.decimal_comma) or parse_money(words[-1].text, conv.decimal_comma)
            if money is not None:
                row[name] = cell_field(words, money.amount, raw.page, 1.0 if money.clean else 0.8)
        words = raw.cells.get("description")
        if words:
            row["description"] = cell_field(words, clean_text(" ".join(w.text for w in words)), raw.page)
        if "amount" in row or len(row) >= 2:
            rows.append(row)
    repair_lost_decimal_points(rows, {"unit_price", "amount"})
    _check_rows(rows)
    return rows


def _check_rows(rows: list[dict[str, Field]]) -> None:
    """Rows whose quantity x price gives their amount are surely read: say so in their confidence."""
    for row in rows:
        q, p, a = row.get("quantity"), row.get("unit_price"), row.get("amount")
        if q and p and a and abs(q.value * p.value - a.value) <= Decimal("0.01"):
            for f in (q, p, a):
                f.confidence = 1 - (1 - f.confidence) * 0.3


def _totals(subtotal: list[Candidate], tax: list[Candidate], total: list[Candidate],
            line_sum: Decimal | None) -> dict[str, Field]:
    """Subtotal, tax and total, choosing among the candidates the set whose arithmetic agrees."""
    def amount(c: Candidate) -> Decimal:
        return c.value.amount

    best: tuple[float, dict[str, Candidate]] | None = None
    none = [None]
    for s, t, g in itertools.product(subtotal[:4] or none, tax[:4] or none, total[:4] or none):
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
