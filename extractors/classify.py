"""Which kind of document this is, from the words a clerk would look for; `unknown` when nothing fits well."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import Levenshtein

from backoffice.document import Document

# (doc_type, form_type) -> weighted cue phrases, folded to lower case without accents. A type needs at
# least one of its identity cues (the first in each list): a receipt has totals and prices, but is no invoice.
_IDENTITY: dict[tuple[str, str | None], str] = {
    # German compounds end in their kind ('Handelsrechnung', 'Schlussrechnung'); a 'Lohnabrechnung' is payroll.
    ("invoice", None): r"\b(invoice|rechnung|factura|facture|fattura|factuur|fatura|faktura|nota fiscal|bill|tax invoice"
                       r"|rechnungs-?\s?(nr|nummer|datum))\b"
                       r"|\binv\.?\s*(no|nr|number|num|#)|\w(?<!ab)rechnung\b|\brechnungsbetrag\b",
    # 'ayroll': a scan that loses the P of a 'Payroll Register' title; gross and net pay name a register's columns.
    ("payroll", None): r"\b(payroll|pay\s*roll|lohn\s*journal|lohnabrechnung|gehaltsabrechnung|lohnliste|entgelt\w*|pay\s*register|pay\s*period|earnings register)\b"
                       r"|\b(gehaltsliste|lohn-?\s*und\s*gehalt\w*|wage\s*(register|journal|summary)|abrechnungsliste\s*lohn|lohnzeitraum)\b"
                       r"|ayroll\b|\bgross\s*pay\b|\bnet\s*pay\b"
                       # French, Spanish, Italian and Dutch registers
                       r"|\b(journal|livre|registre|etat|bulletins?)\s*de\s*(la\s*)?paie\b|\bperiode\s*de\s*paie\b"
                       r"|\b(registro|libro|planilla|resumen)\s*de\s*(nominas?|salarios|sueldos)\b|\bnominas?\b"
                       r"|\b(libro|registro)\s*(unico\s*del\s*lavoro|paghe|stipendi)\b|\bcedolini\b|\bloonstaat\b|\bloonjournaal\b",
    ("form", "w9"): r"\bw-?9\b|taxpayer identification number",
    ("form", "direct_deposit"): r"\bdirect\s*deposit\b|\bdeposit authori[sz]ation\b|\bpayroll deposit\b|\bach\b",
}
_CUES: dict[tuple[str, str | None], list[tuple[str, float]]] = {
    ("invoice", None): [
        (r"\binvoice\b|\brechnung\b|\w(?<!ab)rechnung\b|\bfactura\b|\bfacture\b|\bfattura\b|\bfactuur\b|\bfatura\b"
         r"|\bfaktura\b", 3),
        (r"rechnungs-?\s?(nr|nummer|datum)|invoice\s*(no|number|date|#)|\bbill\s*(no|number|to)\b", 2),
        (r"\bsub-?\s?total\b|\bzwischensumme\b|\bnet\s*(amount|total)\b|\bnettobetrag\b|\bsumme netto\b|\btotal net\b|\btotal h\.?t\b"
         r"|\bmontant h\.?t\b|\bbase imponible\b|\bimponibile\b|\bsubtotaal\b|\bnetto bedrag\b", 2),
        (r"\b(vat|mwst|ust|sales tax|tax|gst|umsatzsteuer|tva|iva|btw|moms)\b", 1),
        (r"\b(amount|total|balance) due\b|\bgesamtbetrag\b|\brechnungsbetrag\b|\bendbetrag\b|\btotal t\.?t\.?c\b|\bnet a payer\b"
         r"|\btotal (de la )?factura\b|\btotal a pagar\b|\bimporte total\b|\btotale (fattura|documento|da pagare)\b"
         r"|\btotaal (bedrag|te betalen)\b|\bte betalen\b|\bvalor total\b", 2),
        (r"\bunit\s*(price|cost)\b|\beinzelpreis\b|\bpreis\b|\bprice\b|\bprix\b|\bprecio\b|\bprezzo\b|\bprijs\b|\bpreco\b", 1.5),
        (r"\b(qty|quantity|menge|anzahl|units?|qte|quantite|cantidad|quantita|aantal|quantidade)\b", 1),
        (r"\bdue\s*date\b|\bfallig\b|\bpayment\s*(due|terms)\b|\bzahlbar\b|\bzahlungsziel\b|\bech[ea]ance\b|\bvencimiento\b", 1),
        (r"\bbill to\b|\bship to\b|\bcustomer\b|\bkunde|\bkundennr|\bfacturer a\b|\bclient\b|\bcliente\b", 1),
        (r"\bpurchase order\b|\bbestellnummer\b|\bpo\b|\bbon de commande\b|\bpedido\b", 0.5),
        (r"\b(iban|bic|swift|bankverbindung|bank details|remit|rib)\b", 1),
    ],
    ("payroll", None): [
        (r"\bpayroll\b|\blohnabrechnung\b|\blohnjournal\b|\bgehaltsabrechnung\b|\blohnliste\b|\bentgelt\w*|\bgehaltsliste\b"
         r"|\bpaie\b|\bnominas?\b|\bpaghe\b|\bstipendi\b|\bloonstaat\b|\bloonjournaal\b"
         r"|\bpay\s*register\b|\bwage\s*(register|journal|summary)\b|\bearnings\s*register\b", 3),
        (r"\bperiode\b|\bperiodo\b|\bdate de paiement\b|\bfecha de pago\b|\bdata (di )?pagamento\b", 2),
        (r"\bsalaire brut\b|\bbrut\b|\bbruto\b|\blordo\b|\bnet a payer\b|\bneto\b", 1.5),
        (r"\bretenues\b|\bcotisations\b|\bdeducciones\b|\btrattenute\b|\binhoudingen\b", 1.5),
        (r"\bheures\b|\bhoras\b|\bore\b|\buren\b", 1), (r"\bsalaries?\b|\bmatricule\b|\bempleados?\b|\bdipendenti\b", 1),
        (r"\bpay period\b|\babrechnungszeitraum\b|\bzeitraum\b|\bperiod\b|\blohnzeitraum\b|\babrechnungsmonat\b|\blohnmonat\b"
         r"|\babrechnungsperiode\b", 2.5),
        (r"\bpay date\b|\bzahltag\b|\bauszahlung|\bcheck date\b|\bpay day\b|\bzahlungsdatum\b|\bpayment date\b|\bvaluta\b"
         r"|\bwertstellung\b|\bdate paid\b|\bdeposit date\b", 2),
        (r"\bgross\b|\bbrutto", 1.5), (r"\bnet pay\b|\bnetto\w*|\bnet\b", 1),
        (r"\bdeductions?\b|\babzuge\b", 1.5), (r"\bhours\b|\bhrs\b|\bstunden\b|\bstd\b", 1), (r"\bemployees?\b|\bmitarbeiter\b|\bpers", 1),
        (r"\bovertime\b|\bot\b|\bustd\b|uberstunden", 1), (r"\bregister\b|\bjournal\b", 1),
    ],
    ("form", "w9"): [
        (r"\bw-?9\b", 3), (r"taxpayer identification number", 3), (r"\bcertif(y|ied|ication)\b", 1),
        (r"\btax\s*classification\b", 2), (r"\bpenalties of perjury\b", 1),
        (r"\bsocial security number\b", 1.5), (r"\bemployer identification number\b", 1.5),
        (r"\bsole proprietor\b", 1.5), (r"\bc corporation\b|\bs corporation\b", 1.5), (r"\bbackup withholding\b", 1.5),
        (r"\brequester\b", 1), (r"\bfatca\b|\bexempt payee\b", 1),
        # A requester's own short substitute asks for the same things in its own words: the number by a short name,
        # the entity's kind among the usual choices, the payee by whose form it is.
        (r"\btin\b|\bssn\b|\bf?ein\b|\btax\s*(payer\s*)?id\b|\bfederal\s*(tax\s*)?id\b", 1.5),
        (r"\bpartnership\b|\blimited liability\b|\bllc\b|\btrust\s*/\s*estate\b|\bestate\s*(or|/)\s*trust\b", 1),
        (r"\b(entity|business|company)\s*(type|structure|classification)\b|\btype of (entity|business|organi[sz]ation)\b", 1),
        (r"\bpayee\b|\bvendor\b|\bsupplier\b|\bcontractor\b", 0.5),
    ],
    ("form", "direct_deposit"): [
        (r"\bdirect\s*deposit\b", 3), (r"\brouting\b|\baba\b|\btransit\b", 2), (r"\baccount\s*(number|no)\b|\baccount #", 1.5),
        (r"\bchecking\b", 1.5), (r"\bsavings\b", 1.5), (r"\bauthori[sz]ation\b|\bauthori[sz]e\b|\benrollment\b", 1.5),
        (r"\bbank name\b|\bfinancial institution\b|\bbank\b", 1), (r"\bemployee\b", 0.5), (r"\bvoided? (check|cheque)\b", 1),
    ],
}
# A scan can lose an invoice's title (large, light or in a coloured band): the parts of an invoice around its table
# stand in for it when at least three of them are there. A till receipt or a letter has one at most.
_INVOICE_BODY = [
    r"\binv\.?\s*(no|nr|number|num|#)|\b(document|beleg)\s*-?\s*(no|nr|number|nummer|#)",
    r"\b(vat|mwst|ust|sales tax|gst|umsatzsteuer|tva|iva)\b",
    r"\b(sold|bill|ship|invoice)\s*to\b|\bdelivery address\b|\bcustomer\s*(no|nr|id|number|#)|\bkunden-?\s*(nr|nummer)",
    r"\bunit\s*(price|rate|cost)\b|\bext\.?\s*(price|amount)\b|\beinzelpreis\b|\bqty\b|\bquantity\b|\bmenge\b",
    r"\bdue\b|\bpay\s*by\b|\bpayment\s*terms\b|\bfallig|\bzahlbar\b",
    r"\bgesamtbetrag\b|\bsumme\s*netto\b|\brechnungsbetrag\b|\b(amount|total|balance)\s*due\b|\bgrand\s*total\b"
    r"|\bnettobetrag\b|\bendbetrag\b|\bsub-?\s?total\b|\bzwischensumme\b",
]
# A requester's own substitute W-9 may never print "W-9": four of the parts every W-9 has stand in for its title.
_W9_BODY = [
    r"\btax\s*classification\b", r"\bsole\s*proprietor", r"\b(c|s)[\s-]*corp(oration)?\b", r"\bpartnership\b",
    r"\bsocial\s*security\s*(number|no\b|#)|\bssn\b", r"\bemployer\s*identification|\bein\b",
    r"\btaxpayer\s*(id|identification)|\btin\b|\btax\s*id\b|\bfederal\s*(tax\s*)?id\b", r"\bpenalties\s*of\s*perjury\b", r"\bu\.?\s*s\.?\s*person\b",
    r"\bbackup\s*withholding\b", r"\bexempt\s*payee\b",
]
# Where the identity cue is missing, how many of a kind's parts stand in for its title.
_BODY_FOR_TITLE: dict[tuple[str, str | None], tuple[list[str], int]] = {
    ("invoice", None): (_INVOICE_BODY, 3),
    ("form", "w9"): (_W9_BODY, 4),
}
_MIN_SCORE = 5.0  # below this no type has enough evidence: unknown, to review


def fold(text: str) -> str:
    """Lower case without accents, so that "Fällig" and an OCRed "Fallig" match the same cue."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def squeezed(folded: str) -> str:
    """Words a title's letter spacing or OCR split apart joined again ('r e c h n u n g', 'rech n ung', 'rechnun g'
    -> 'rechnung'): a run of single letters is one word, and a lone letter joins the words beside it. Only for
    finding cues, never for values."""
    text = re.sub(r"\b[a-z](?: [a-z]\b)+", lambda m: m.group(0).replace(" ", ""), folded)
    text = re.sub(r"\b([a-z]{2,}) ([a-z]) ([a-z]{2,})\b", r"\1\2\3", text)
    return re.sub(r"\b([a-z]{2,}) ([a-z])\b", r"\1\2", text)


# Title words a scan may misread by one letter ('Direet Deposit', 'Handelsrechnun'): six letters or more, so that
# one letter off is still no other word.
_TITLE_WORDS = ("invoice", "rechnung", "factura", "facture", "fattura", "factuur", "payroll", "lohnjournal", "direct",
                "deposit")


def repaired_titles(folded: str) -> str:
    """The text with words one letter off a title word (or ending in one: 'handelsrechnun') spelt as that word."""
    def repair(m: re.Match) -> str:
        word = m.group(0)
        if any(key in word for key in _TITLE_WORDS):
            return word
        for key in _TITLE_WORDS:
            for n in (len(key), len(key) - 1, len(key) + 1):
                if len(word) >= n and Levenshtein.distance(word[-n:], key, score_cutoff=1) <= 1:
                    return word[:-n] + key
        return word
    return re.sub(r"[a-z]{5,}", repair, folded)


def type_scores(text: str) -> dict[tuple[str, str | None], float]:
    folded = fold(text)
    for variant in (squeezed(folded), repaired_titles(folded)):
        if variant != folded:
            folded = f"{folded}\n{variant}"
    scores = {}
    for kind, cues in _CUES.items():
        # A cue counts once however often it appears: a long invoice is not more of an invoice.
        has_identity = re.search(_IDENTITY[kind], folded) is not None
        if not has_identity and kind in _BODY_FOR_TITLE:
            parts, needed = _BODY_FOR_TITLE[kind]
            has_identity = sum(re.search(part, folded) is not None for part in parts) >= needed
        scores[kind] = sum(weight for pattern, weight in cues if re.search(pattern, folded)) if has_identity else 0.0
    return scores


def classify(doc: Document) -> Document:
    # The first page says what a document is; later pages add table rows, not identity.
    text = " ".join(p.text for p in doc.pages[:2])
    scores = type_scores(text)
    (doc_type, form_type), best = max(scores.items(), key=lambda kv: kv[1])
    runner_up = max((s for k, s in scores.items() if k != (doc_type, form_type)), default=0.0)
    if best < _MIN_SCORE:
        doc.doc_type, doc.form_type, doc.type_confidence = "unknown", None, 0.0
        return doc
    doc.doc_type, doc.form_type = doc_type, form_type  # type: ignore[assignment]
    doc.type_confidence = min(1.0, (best - runner_up) / best + 0.3)
    return doc
