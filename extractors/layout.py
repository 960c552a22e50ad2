"""A page as a clerk sees it: lines of words, phrases (runs of words with small gaps), and labels with their values.

Everything is geometry on the reader's words, so it works the same on text layers and OCR.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from backoffice.document import Box, Document, Field, Page, Word
from extractors.classify import fold

_SEPARATORS = " :#.-–=|"


def union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


@dataclass
class Phrase:
    """Words on one line with no wide gap between them: a label, a value, a cell."""

    page: int
    words: list[Word]
    line: int  # index of its line in the layout

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @cached_property
    def mendings(self) -> list[tuple[str, list[int], float]]:
        """A scan's readings of this phrase with its slips undone (see `_mendings`); none for a text layer's."""
        return _mendings(self.folded) if any(w.source == "ocr" for w in self.words) else []

    @property
    def box(self) -> Box:
        return union([w.box for w in self.words])

    @property
    def confidence(self) -> float:
        return min(w.confidence for w in self.words) if self.words else 0.0

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    def field(self, value, confidence: float) -> Field:
        return Field(value=value, confidence=confidence, page=self.page, box=self.box, raw=self.text)

    def after(self, end: int) -> Phrase | None:
        """The words after character `end` of the folded text (a value printed right after its label)."""
        pos = 0
        rest: list[Word] = []
        for w in self.words:
            start, stop = pos, pos + len(fold(w.text))
            if start >= end:
                rest.append(w)
            elif stop > end:
                tail = w.text[end - start:].lstrip(_SEPARATORS)
                if tail:
                    frac = (end - start) / max(len(w.text), 1)
                    x0 = w.box[0] + (w.box[2] - w.box[0]) * frac
                    rest.append(Word(tail, (x0, w.box[1], w.box[2], w.box[3]), w.confidence, w.source))
            pos = stop + 1
        while rest and not rest[0].text.strip(_SEPARATORS):
            rest.pop(0)
        if rest:
            rest[0] = Word(rest[0].text.lstrip(_SEPARATORS) or rest[0].text, rest[0].box, rest[0].confidence, rest[0].source)
        return Phrase(self.page, rest, self.line) if rest else None


@dataclass
class Line:
    page: int
    words: list[Word]
    phrases: list[Phrase]

    @property
    def box(self) -> Box:
        return union([w.box for w in self.words])

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class LabelHit:
    phrase: Phrase
    start: int
    end: int
    strength: float


def _label_hit(phrase: Phrase, folded: str, patterns: list[tuple[str, float]]) -> LabelHit | None:
    for pattern, strength in patterns:
        m = re.search(pattern, folded)
        if m and folded[m.end() - 1:m.end()].isalnum() and re.match(r"[-/~]?\d", folded[m.end():]):
            continue  # 'PO-45443' is a value that starts like a label, not the label 'PO' (a scan reads '-' as '~')
        if m:
            return LabelHit(phrase, m.start(), m.end(), strength)
    return None


# OCR slips in a word of letters: a digit for a look-alike letter ('T0tal', 'Tota1', 'Tota!'), 'ln' for 'In' at a word's
# start.
_LOOK_ALIKE = {"0": "o", "1": "l", "|": "l", "!": "l"}


def _mendings(folded: str) -> list[tuple[str, list[int], float]]:
    """Folded text with a scan's slips in words undone, each with the index every character had and how surely it is
    what was printed: first look-alike digits in words turned letters, then also a word split off its last one to
    three letters joined again ('umsatzsteu er'), last long words one or two letters off a label word taken for it
    ('netosumme'). Only readings that differ from the text itself."""
    chars = list(folded)
    for i, c in enumerate(chars):
        after = folded[i + 1:i + 2]
        if c in _LOOK_ALIKE and i >= 3 and folded[i - 3:i].isalpha() and not after.isdigit() \
                or c in _LOOK_ALIKE and 0 < i and chars[i - 1].isalpha() and after.isalpha():
            chars[i] = _LOOK_ALIKE[c]
        elif c == "l" and (i == 0 or not chars[i - 1].isalnum()) and folded[i + 1:i + 2] == "n":
            chars[i] = "i"
    text = re.sub(r"\bp[0q]\b", "po", "".join(chars))  # 'Customer PQ', 'P0 number': Q and 0 for the O of 'PO'
    dropped = {m.start(1) for m in re.finditer(r"[^\W\d_]{4}( )[^\W\d_]{1,3}\b", text)}
    kept = [i for i in range(len(text)) if i not in dropped]
    readings = [(text, list(range(len(text))), 0.95)] + ([("".join(text[i] for i in kept), kept, 0.95)] if dropped else [])
    nearest, where = _nearest_words(text)
    if nearest != text:
        readings.append((nearest, where, 0.9))
    return [(mended, where, surety) for mended, where, surety in readings if mended != folded]


# Long label words of invoices and registers, and the words printed beside them that a misspelt reading must not be
# taken for: a scan's reading one or two letters off one of them ('Netosumme', 'Endbetaa') is read as that word.
LABEL_WORDS = (
    "rechnungsnummer", "rechnungsdatum", "rechnungsbetrag", "belegnummer", "belegdatum", "dokumentnummer",
    "ausstellungsdatum", "lieferdatum", "leistungsdatum", "bestelldatum", "auftragsdatum", "versanddatum",
    "falligkeitsdatum", "bestellnummer", "auftragsnummer", "kundennummer", "lieferschein", "zwischensumme",
    "nettobetrag", "nettosumme", "warenwert", "gesamtbetrag", "gesamtsumme", "endbetrag", "zahlbetrag",
    "bruttobetrag", "restbetrag", "mehrwertsteuer", "umsatzsteuer", "zahlungsziel", "zahlungsbedingungen",
    "rechnungsempfanger", "rechnungsadresse", "lieferadresse", "lieferanschrift", "warenempfanger", "einzelpreis",
    "gesamtpreis", "beschreibung", "bezeichnung", "subtotal", "invoice", "purchase", "quantity", "description",
    "customer", "reference", "delivery", "shipping", "payable", "balance", "abrechnungszeitraum", "auszahlungsbetrag",
    "personalnummer", "bruttolohn", "nettolohn", "nettoverdienst", "gesamtbrutto", "abzuge", "stundenlohn",
)


# Words one or two letters off a label word that are words of their own, no misreading: the label words' plurals and
# other endings ('Rechnungsbeträge', 'Rechnungsdaten', 'invoices'), and English words near a label word.
DECOY_WORDS = frozenset(
    {word + ending for word in LABEL_WORDS for ending in ("e", "en", "n", "s", "es", "d", "ed", "er", "ern")}
    | {word[:-2] + "en" for word in LABEL_WORDS if word.endswith("um")}
    | {"delivered", "delivering", "shopping", "shipped", "customary", "costumer", "reverence", "referenced",
       "purchased", "purchaser", "quantities", "descriptive", "invoicing", "balanced", "payables"}) - set(LABEL_WORDS)
_CANDIDATE_WORDS = tuple(LABEL_WORDS) + tuple(sorted(DECOY_WORDS))


def _nearest_words(text: str) -> tuple[str, list[int]]:
    """The text with each word of seven letters or more that is no label word but one or (from eight letters) two
    letters off exactly one of them replaced by it; each of its letters keeps the place of the word's letters."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    out, where, pos = [], [], 0
    for m in re.finditer(r"[^\W\d_]{7,}", text):
        word = m.group()
        if word in LABEL_WORDS or word in DECOY_WORDS:
            continue
        limit = 2 if len(word) >= 8 else 1
        near = process.extract(word, _CANDIDATE_WORDS, scorer=Levenshtein.distance, limit=2, score_cutoff=limit)
        if len(near) != 1 and not (len(near) == 2 and near[0][1] < near[1][1]):
            continue  # none, or two as near: no guess
        label = near[0][0]
        if label in DECOY_WORDS:
            continue  # nearest a word of its own ('Rechnungsdaten' misread is no 'Rechnungsdatum')
        out.append(text[pos:m.start()])
        where += range(pos, m.start())
        out.append(label)
        where += [m.start() + min(k, len(word) - 1) for k in range(len(label))]
        pos = m.end()
    out.append(text[pos:])
    where += range(pos, len(text))
    return "".join(out), where


def _similar_height(a: Word, b: Word) -> bool:
    ha, hb = a.box[3] - a.box[1], b.box[3] - b.box[1]
    return max(ha, hb) <= 1.6 * max(min(ha, hb), 1e-6)


def _centred_within(a: Word, b: Word) -> bool:
    """Whether the smaller of two words of different sizes has its middle well inside the larger one's height."""
    small, big = sorted((a, b), key=lambda w: w.box[3] - w.box[1])
    middle, h = (small.box[1] + small.box[3]) / 2, big.box[3] - big.box[1]
    return big.box[1] + 0.15 * h < middle < big.box[3] - 0.15 * h


def _page_lines(page: Page) -> list[list[Word]]:
    words = sorted((w for w in page.words if w.text.strip()), key=lambda w: ((w.box[1] + w.box[3]) / 2, w.box[0]))
    lines: list[list[Word]] = []
    spans: list[tuple[float, float]] = []
    for w in words:
        top, bottom = w.box[1], w.box[3]
        placed = False
        for i in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
            lt, lb = spans[i]
            # Against words of its own size when the line has some: a large title beside two lines of small print
            # must not join them into one.
            peers = [p for p in lines[i] if _similar_height(p, w)]
            if peers:
                pt, pb = min(p.box[1] for p in peers), max(p.box[3] for p in peers)
                same = min(bottom, pb) - max(top, pt) > 0.5 * min(bottom - top, pb - pt)
            else:
                same = any(_centred_within(w, p) for p in lines[i])
            if same:
                lines[i].append(w)
                spans[i] = (min(lt, top), max(lb, bottom))
                placed = True
                break
        if not placed:
            lines.append([w])
            spans.append((top, bottom))
    return [sorted(line, key=lambda w: w.box[0]) for line in lines]


def _grouped_thousands(words: list[Word], aspect: float) -> list[Word]:
    """An amount printed with spaces between its thousands ('3 449,10', '1 234 567.89') as one word, when its groups
    stand a space apart: a text layer or OCR hands them over as separate words, which a table would put in
    different columns."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        j = i
        if re.fullmatch(r"\d{1,3}", words[i].text):
            while j + 1 < len(words) and re.fullmatch(r"\d{3}", words[j + 1].text) and _space_apart(words[j], words[j + 1], aspect):
                j += 1
            if j + 1 < len(words) and re.fullmatch(r"\d{3}[.,]\d{2}", words[j + 1].text) \
                    and _space_apart(words[j], words[j + 1], aspect):
                j += 1
            else:
                j = i  # the last group carries the decimals, or this is no amount ('DE 123 456 789')
        if j > i:
            run = words[i: j + 1]
            out.append(Word(" ".join(w.text for w in run), union([w.box for w in run]), min(w.confidence for w in run),
                            run[0].source))
        else:
            out.append(words[i])
        i = j + 1
    return out


def _space_apart(a: Word, b: Word, aspect: float) -> bool:
    height = max(a.box[3] - a.box[1], b.box[3] - b.box[1]) * aspect
    return 0 <= b.box[0] - a.box[2] < 0.6 * height and a.form_field is None and b.form_field is None


def _phrases(words: list[Word], page: int, line_index: int, page_width: float, page_height: float) -> list[Phrase]:
    # Gaps are measured against the height of the two words beside them (in one unit across both
    # axes: a page is taller than wide in fractions), so a big heading and small print on one line
    # are each split at their own column gaps.
    aspect = page_height / max(page_width, 1e-6)
    groups: list[list[Word]] = [[words[0]]]
    for prev, w in zip(words, words[1:]):
        # Letter-spaced print ('N O R D H A V N   L O G I S T I K' in a letterhead) sets its words further apart
        # too: a gap is weighed against the wider of the letters' pitch and their height.
        unit = max(max(prev.box[3] - prev.box[1], w.box[3] - w.box[1]) * aspect, 1.3 * _pitch(prev, w))
        gap = w.box[0] - prev.box[2]
        if gap > 1.1 * unit or prev.form_field or w.form_field:
            groups.append([w])
        else:
            groups[-1].append(w)
    return [Phrase(page, g, line_index) for g in groups]


def _pitch(*words: Word) -> float:
    """How far apart the words' letters are set: the least width per letter among those long enough to tell (0 when
    none is)."""
    return min(((w.box[2] - w.box[0]) / len(w.text) for w in words if len(w.text) >= 4), default=0.0)


_CAPTIONED = re.compile(r"[^\W\d_][^:]*[^\W\d_][.)]?\s*:\s*\S")


def _captioned(phrase: Phrase) -> bool:
    """Whether a phrase holds a caption and its value ('Rechnungsdatum: 2026-03-20'): beside or under another label
    (whose own value is missing or in words: 'Fällig: bei Erhalt'), it is that caption's value, not the label's."""
    return bool(_CAPTIONED.match(phrase.text))


class Layout:
    """Lines and phrases of every page, in reading order, with label and neighbour searches."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.table_lines: set[int] = set()  # lines inside tables: their words are cells, not labels
        # How far across the page the table reaches: a side bar printed beside its rows is no part of it.
        self.table_span: tuple[float, float] | None = None
        self.lines: list[Line] = []
        for page in doc.pages:
            aspect = page.height / max(page.width, 1e-6)
            for words in _page_lines(page):
                words = _grouped_thousands(words, aspect)
                index = len(self.lines)
                self.lines.append(Line(page.number, words, _phrases(words, page.number, index, page.width, page.height)))

    def in_table(self, phrase: Phrase) -> bool:
        """Whether a phrase is a table cell: on a table line and within the table's width."""
        if phrase.line not in self.table_lines:
            return False
        if self.table_span is None:
            return True
        x0, x1 = self.table_span
        return phrase.box[2] > x0 - 0.01 and phrase.box[0] < x1 + 0.01

    @cached_property
    def phrases(self) -> list[Phrase]:
        return [p for line in self.lines for p in line.phrases]

    @cached_property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def labels(self, patterns: list[tuple[str, float]], pages: set[int] | None = None) -> list[LabelHit]:
        """Phrases (or phrase starts) that read as one of the labels, strongest first."""
        hits = []
        for phrase in self.phrases:
            if pages and phrase.page not in pages or self.in_table(phrase):
                continue
            hit = _label_hit(phrase, phrase.folded, patterns)
            # A scan's reading of a label: 'Umsatzsteu er', 'lnvoice', 'T0tal' (held a little below the printed)
            for mended, where, surety in phrase.mendings if hit is None else ():
                if (hit := _label_hit(phrase, mended, patterns)) is not None:
                    hit = LabelHit(phrase, where[hit.start], where[hit.end - 1] + 1, surety * hit.strength)
                    break
            if hit is not None:
                hits.append(hit)
        return sorted(hits, key=lambda h: -h.strength)

    def right_of(self, phrase: Phrase, max_gap: float = 0.45) -> list[Phrase]:
        x1, y0, y1 = phrase.box[2], phrase.box[1], phrase.box[3]
        phrases = list(self.lines[phrase.line].phrases)
        # A scan's specks can stretch a word's box over two lines of print ('Bestellnummer' 0.178-0.196 beside its
        # value at 0.184-0.192, which the line finding set on a line of its own): a phrase of a neighbouring line
        # whose middle lies inside the phrase's height stands beside it.
        for index in (phrase.line - 1, phrase.line + 1):
            if 0 <= index < len(self.lines) and self.lines[index].page == phrase.page:
                phrases += [p for p in self.lines[index].phrases if y0 < (p.box[1] + p.box[3]) / 2 < y1
                            and re.search(r"\w\w", p.text)]  # (not a speck)
        return sorted((p for p in phrases if p.box[0] >= x1 - 1e-4 and p.box[0] - x1 <= max_gap), key=lambda p: p.box[0])

    def below(self, phrase: Phrase, max_lines: int = 2) -> list[Phrase]:
        """Phrases on the next lines of the same page that sit under this one."""
        x0, y0, x1, y1 = phrase.box
        found = []
        seen_lines = 0
        for line in self.lines[phrase.line + 1:]:
            if line.page != phrase.page:
                break
            if line.box[1] - y1 > 4 * max(phrase.height, 0.008):
                break
            under = [p for p in line.phrases if min(p.box[2], x1) - max(p.box[0], x0) > 0
                     or abs(p.box[0] - x0) < 0.02]
            # The one set in line with it first (flush left or centred under it), not the one furthest left: a
            # neighbour's long value right-aligned or centred in its cell can reach under a label too.
            middle = (x0 + x1) / 2
            under.sort(key=lambda p: min(abs(p.box[0] - x0), abs((p.box[0] + p.box[2]) / 2 - middle)))
            # A phrase that reaches in from the left (a scan ran a neighbour's value into this one: 'Zahlbar innerhalb
            # von 30 Tagen  PO-21886' under 'Ihre Bestell-Nr.'): its words under the label, after it.
            for p in list(under):
                inside = [w for w in p.words if w.box[2] > x0 and w.box[0] < x1]
                if p.box[0] < x0 - 0.02 and inside and inside != p.words and inside[-1] is p.words[-1]:
                    under.insert(under.index(p) + 1, Phrase(p.page, inside, p.line))
            if under:
                found.extend(under)
                seen_lines += 1
                if seen_lines >= max_lines:
                    break
        return found

    def above(self, phrase: Phrase) -> list[Phrase]:
        """Phrases on the line just above that sit over this one (forms print captions under the entry line)."""
        x0, y0, x1, _ = phrase.box
        for line in reversed(self.lines[: phrase.line]):
            if line.page != phrase.page or y0 - line.box[3] > 3 * max(phrase.height, 0.008):
                return []
            over = [p for p in line.phrases if min(p.box[2], x1 + 0.1) - max(p.box[0], x0 - 0.02) > 0]
            if over:
                return over
        return []

    def in_grid(self, label: Phrase, value: Phrase) -> bool:
        """Whether label and value stand in a key/value grid: a line next to theirs has a phrase starting under the
        label and another starting (or ending) under the value, with nothing in between."""
        def aligned(a: Phrase, b: Phrase) -> bool:
            return abs(a.box[0] - b.box[0]) < 0.012 or abs(a.box[2] - b.box[2]) < 0.012

        for index in (label.line - 2, label.line - 1, label.line + 1, label.line + 2):
            if not 0 <= index < len(self.lines) or self.lines[index].page != label.page or index in self.table_lines:
                continue
            phrases = self.lines[index].phrases
            keys = [k for k, q in enumerate(phrases) if abs(q.box[0] - label.box[0]) < 0.012]
            if keys and any(aligned(q, value) for q in phrases[keys[0] + 1: keys[0] + 2]):
                return True
        return False

    def candidates(self, hit: LabelHit, *, above: bool = False) -> list[tuple[Phrase, float]]:
        """Where a label's value may stand, with how typical that place is: after it, right of it, under it
        (and, for form captions printed under their entry line, over it)."""
        out: list[tuple[Phrase, float]] = []
        rest = hit.phrase.after(hit.end)
        if rest is not None:
            out.append((rest, 1.0))
        for i, p in enumerate(q for q in self.right_of(hit.phrase) if not self.in_table(q) and not _captioned(q)):
            gap = p.box[0] - hit.phrase.box[2]  # far to the right is more likely another column's text
            if i == 0 and self.in_grid(hit.phrase, p):
                gap = 0.0  # labels in one column, values in the next: the distance is the layout's, not a doubt
            out.append((p, 0.97 - 0.1 * i - 0.8 * max(gap - 0.05, 0.0)))
        for i, p in enumerate(q for q in self.below(hit.phrase) if not self.in_table(q) and not _captioned(q)):
            out.append((p, 0.9 - 0.08 * i))
        if above:
            out.extend((p, 0.8) for p in self.above(hit.phrase))
        return out
