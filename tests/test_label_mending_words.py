"""A scan's label word one or two letters off is read as the label ('Netosumme', 'Endbetaa'); a word of its own that
is as near one (a plural, another ending, an English word) is left as printed, or it would become a label: a
'Rechnungsdaten' heading over an order date gave that date as the invoice date."""

from __future__ import annotations

import pytest

from extractors.layout import _nearest_words


@pytest.mark.parametrize("misread, label", [("netosumme", "nettosumme"), ("endbetaa", "endbetrag"),
                                            ("belecdatum", "belegdatum"), ("lnvoice", "invoice")])
def test_a_label_word_a_scan_misspelt_reads_as_the_label(misread, label):
    assert _nearest_words(misread)[0] == label


@pytest.mark.parametrize("word", ["rechnungsdaten", "lieferdaten", "nettobetrage", "gesamtbetrage", "zwischensummen",
                                  "warenwerte", "invoices", "invoiced", "delivered", "shopping", "customary",
                                  "reverence"])
def test_a_word_of_its_own_near_a_label_word_stays_as_printed(word):
    assert _nearest_words(word)[0] == word
