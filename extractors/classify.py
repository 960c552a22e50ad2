"""Which kind of document this is, from the words a clerk would look for; `unknown` when nothing fits well."""

from __future__ import annotations

import re
import unicodedata

from backoffice.document import Document

# (doc_type, form_type) -> weighted cue phrases, folded to lower case without accents.
_CUES: dict[tuple[str, str | None], list[tuple[str, float]]] = {
    ("invoice", None): [
        (r"\binvoice\b", 3), (r"\brechnung\b", 3), (r"\bfactura\b", 3), (r"\bfacture\b", 3), (r"\bbill\b", 1),
        (r"\bsubtotal\b|\bzwischensumme\b|\bnet amount\b|\bnettobetrag\b", 2),
        (r"\b(vat|mwst|ust|sales tax|tax)\b", 1), (r"\b(amount|total) due\b|\bgesamtbetrag\b|\brechnungsbetrag\b", 2),
        (r"\bunit price\b|\beinzelpreis\b|\bqty\b|\bquantity\b|\bmenge\b", 1.5), (r"\bdue date\b|\bfallig\b", 1),
        (r"\bbill to\b|\bship to\b", 1), (r"\bpurchase order\b|\bpo\b", 0.5),
    ],
    ("payroll", None): [
        (r"\bpayroll\b|\blohnabrechnung\b|\blohnjournal\b|\bgehaltsabrechnung\b", 3),
        (r"\bpay period\b|\babrechnungszeitraum\b", 2.5), (r"\bpay date\b|\bzahltag\b|\bauszahlung", 2),
        (r"\bgross\b|\bbrutto\b", 1.5), (r"\bnet pay\b|\bnetto\b|\bnet\b", 1),
        (r"\bdeductions?\b|\babzuge\b", 1.5), (r"\bhours\b|\bhrs\b|\bstunden\b", 1), (r"\bemployees?\b|\bmitarbeiter\b", 1),
        (r"\bovertime\b|\bot\b", 1), (r"\bregister\b", 1),
    ],
    ("form", "w9"): [
        (r"\bw-?9\b", 3), (r"taxpayer identification number", 3), (r"\bcertification\b", 1),
        (r"\bsocial security number\b", 1.5), (r"\bemployer identification number\b", 1.5),
        (r"\bsole proprietor\b", 1.5), (r"\bc corporation\b|\bs corporation\b", 1.5), (r"\bbackup withholding\b", 1.5),
        (r"\brequester\b", 1), (r"\bfatca\b|\bexempt payee\b", 1),
    ],
    ("form", "direct_deposit"): [
        (r"\bdirect deposit\b", 3), (r"\brouting\b|\baba\b|\btransit\b", 2), (r"\baccount (number|no)\b|\baccount #", 1.5),
        (r"\bchecking\b", 1.5), (r"\bsavings\b", 1.5), (r"\bauthori[sz]ation\b|\bauthori[sz]e\b", 1.5),
        (r"\bbank name\b|\bfinancial institution\b|\bbank\b", 1), (r"\bemployee\b", 0.5), (r"\bvoided? (check|cheque)\b", 1),
    ],
}
_MIN_SCORE = 5.0  # below this no type has enough evidence: unknown, to review


def fold(text: str) -> str:
    """Lower case without accents, so that "Fällig" and an OCRed "Fallig" match the same cue."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def type_scores(text: str) -> dict[tuple[str, str | None], float]:
    folded = fold(text)
    scores = {}
    for kind, cues in _CUES.items():
        # A cue counts once however often it appears: a long invoice is not more of an invoice.
        scores[kind] = sum(weight for pattern, weight in cues if re.search(pattern, folded))
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
