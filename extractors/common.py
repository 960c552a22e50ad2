"""Shared pieces of every extractor: candidates for a labelled value, choosing among them, the confidence they earn."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from backoffice.document import Document, Field
from extractors.layout import LabelHit, Layout, Phrase
from extractors.values import day_first_hint, find_dates, parse_money

Labels = list[tuple[str, float]]  # (regex over folded text, how surely it names the field)


@dataclass
class Candidate:
    value: Any
    phrase: Phrase
    score: float  # label strength x place x reading confidence x parse certainty

    def field(self, confidence: float | None = None) -> Field:
        return self.phrase.field(self.value, self.score if confidence is None else confidence)


def labelled(layout: Layout, labels: Labels, parse: Callable[[Phrase], tuple[Any, Phrase, float] | None], *,
             exclude: str | None = None, pages: set[int] | None = None, above: bool = False,
             every_place: bool = False) -> list[Candidate]:
    """Values of the given type next to or under any of the labels, best first: the likeliest place per label, or
    with `every_place` each place that holds one (for arithmetic to choose among)."""
    out: list[Candidate] = []
    for hit in layout.labels(labels, pages):
        if exclude and re.search(exclude, hit.phrase.folded):
            continue
        found = []
        for phrase, place in layout.candidates(hit, above=above):
            parsed = parse(phrase)
            if parsed is not None:
                value, where, certainty = parsed
                found.append(Candidate(value, where, hit.strength * place * certainty * where.confidence))
        if found and every_place:
            out.extend(found)
        elif found:  # the likeliest place that holds a value of the right type belongs to this label
            out.append(max(found, key=lambda c: c.score))
    return sorted(out, key=lambda c: -c.score)


def choose(candidates: list[Candidate]) -> Field | None:
    """The best candidate, less sure when a close rival says something else."""
    if not candidates:
        return None
    best = candidates[0]
    rivals = [c.score for c in candidates[1:] if c.value != best.value]
    confidence = best.score
    agreeing = sum(1 for c in candidates[1:] if c.value == best.value)
    if rivals:
        margin = best.score - max(rivals)
        confidence *= 0.75 + 0.25 * min(1.0, margin / 0.3)
    elif agreeing:
        confidence = 1 - (1 - confidence) * 0.6  # the same value found under two labels
    return best.field(confidence)


def date_parser(day_first: bool | None) -> Callable[[Phrase], tuple[Any, Phrase, float] | None]:
    def parse(phrase: Phrase):
        hits = find_dates(phrase.text, day_first)
        if not hits:
            return None
        hit = hits[0]
        certainty = 0.85 if hit.ambiguous and day_first is None else 1.0
        return hit.value, sub_phrase(phrase, hit.start, hit.end), certainty
    return parse


_BASE_WORD = re.compile(r"^(on|of|auf|von|from|base|basis|x)$", re.IGNORECASE)


def money_parser(decimal_comma: bool | None) -> Callable[[Phrase], tuple[Any, Phrase, float] | None]:
    """The last amount in a phrase (totals rows print the amount at the right), not one a rate is taken of
    ('VAT 20% on 1,234.50')."""
    def parse(phrase: Phrase):
        words = phrase.words
        for n in range(len(words), 0, -1):
            # An amount may be split from its currency ('USD 1,234.50', '1.234,56 €') or at its thousands
            # ('1 234,56 €'): the longest run of words ending here that reads as one amount.
            for k in (4, 3, 2, 1):
                start = n - k
                if start < 0:
                    continue
                text = " ".join(w.text for w in words[start:n])
                money = parse_money(text, decimal_comma)
                if money is None or not _looks_like_amount(text):
                    continue
                if decimal_comma is not True and re.search(r"\d \d", text):
                    continue  # thousands set apart by a space go with a decimal comma ('1 234,56'), nowhere else
                if start > 0 and _BASE_WORD.match(words[start - 1].text.strip(":")):
                    break  # the base a tax rate applies to, not the tax
                certainty = 1.0 if money.clean else 0.8
                if start > 0 and words[start - 1].box[2] > words[start].box[0] + 0.002:
                    # Print run into the amount ('EUR' over '123,98' read as 'EU 1 R 23,98'): digits may be lost.
                    certainty = 0.5
                return money, Phrase(phrase.page, words[start:n], phrase.line), certainty
        return None
    return parse


def _looks_like_amount(text: str) -> bool:
    # A bare integer like '2' or '2026' is a quantity or a year far more often than a total.
    return bool(re.search(r"\d[.,]\d{1,2}\b|[$€£]|\b[A-Z]{3}\b", text))


def sub_phrase(phrase: Phrase, start: int, end: int) -> Phrase:
    """The words of a phrase that hold characters start..end of its folded text."""
    pos, keep = 0, []
    for w in phrase.words:
        stop = pos + len(w.text)
        if stop > start and pos < end:
            keep.append(w)
        pos = stop + 1
    return Phrase(phrase.page, keep or phrase.words, phrase.line)


@dataclass(frozen=True)
class Conventions:
    """How this document writes numbers and dates, read off the whole text once."""

    decimal_comma: bool | None
    day_first: bool | None


def conventions(layout: Layout) -> Conventions:
    text = layout.text
    commas = len(re.findall(r"\d\.\d{3},\d{2}\b|\s\d+,\d{2}\b", text))
    points = len(re.findall(r"\d,\d{3}\.\d{2}\b|\s\d+\.\d{2}\b", text))
    decimal_comma = None if commas == points else commas > points
    day_first = day_first_hint(text)
    if day_first is None and decimal_comma:
        day_first = True  # where the comma is the decimal mark, the day comes first
    return Conventions(decimal_comma, day_first)


def put_labelled(doc: Document, layout: Layout, name: str, labels: Labels, parse, *, exclude: str | None = None,
                 label_means_value: str | None = None) -> None:
    """A labelled field; when a label that surely names it stands on the page but no value could be read
    there, say so (the document then goes to review instead of posting without it)."""
    field = choose(labelled(layout, labels, parse, exclude=exclude))
    if field is not None:
        put(doc, name, field)
        return
    sure = label_means_value or "|".join(p for p, strength in labels if strength >= 1.0)
    for hit in layout.labels([(sure, 1.0)]):
        if not (exclude and re.search(exclude, hit.phrase.folded)) and stands_as_caption(hit):
            doc.evidence.setdefault("labels_without_value", []).append(name)
            return


def stands_as_caption(hit: LabelHit) -> bool:
    """Whether a label stands as the caption of a value (beside or under it, or garbled next to it), not as a word
    of a sentence ('Vielen Dank für Ihren Auftrag.', 'Reverse charge: VAT to be accounted for by the recipient.'):
    at most two words before it in its phrase and three after it."""
    folded = hit.phrase.folded
    return len(folded[:hit.start].split()) <= 2 and len(folded[hit.end:].split()) <= 3


def put(doc: Document, name: str, field: Field | None) -> None:
    if field is not None and field.value not in (None, ""):
        doc.fields[name] = field


_FORM_WORDS = {
    "the", "a", "an", "of", "on", "in", "to", "for", "if", "see", "enter", "and", "or", "is", "are", "be", "by",
    "this", "that", "your", "you", "line", "box", "name", "number", "only", "not", "from", "above", "below", "with",
    "as", "which", "here", "page", "instructions", "print", "type", "required", "different", "must", "should",
}


def reads_as_instruction(text: str) -> bool:
    """Printed guidance on a form ('entity's name on line 2.)'), not a value someone entered."""
    tokens = re.findall(r"[a-z]+", text.lower())
    hits = sum(t in _FORM_WORDS for t in tokens)
    return hits >= 2 and hits >= 0.3 * len(tokens)
