"""A unit of measure printed beside each quantity under a header the table's vocabulary does not name ('U.M.',
'Einheit') is no part of the item's description (reportlab pages). It was appended to every description ('Design
review and revisions h') at full confidence, and the invoice posted so."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.test_invoice_unseen_headers import _draw, _read

ROWS = [("On-site support, network migration phase 2", "12,00", "h", "100,00", "1.200,00"),
        ("Design review and revisions", "0,50", "h", "77,00", "38,50"),
        ("Nitril-Schutzhandschuhe Gr. L", "3", "pz", "12,50", "37,50")]


@pytest.mark.parametrize("header", [("Descrizione", "Q.tà", "U.M.", "Prezzo unitario", "Totale"),
                                    ("Bezeichnung", "Menge", "ME", "Einzelpreis", "Betrag")])
def test_units_beside_quantities_stay_out_of_the_descriptions(tmp_path: Path, header):
    xs = (50, 290, 335, 400, 490)
    lines = [(50, 50, "Sonnenberg Software GmbH"), (400, 50, "FATTURA"), (400, 80, "N. fattura"), (480, 80, "964350"),
             (400, 94, "Data fattura"), (480, 94, "04.04.2026")]
    lines += [(x, 220, text) for x, text in zip(xs, header)]
    for k, row in enumerate(ROWS):
        lines += [(x, 236 + 16 * k, text) for x, text in zip(xs, row)]
    lines += [(380, 300, "Totale imponibile"), (490, 300, "1.276,00"), (380, 316, "Totale"), (490, 316, "1.276,00")]
    path = tmp_path / "units.pdf"
    _draw(path, lines)
    doc = _read(path)
    items = doc.tables["line_items"]
    assert [r["description"].value for r in items] == [r[0] for r in ROWS]
    assert [r["quantity"].value for r in items] == [Decimal("12.00"), Decimal("0.50"), Decimal("3")]
