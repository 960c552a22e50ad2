"""A W-9's tax classification where a form lists other choices than the IRS's: a kind of entity the IRS form files
under 'Other' ('Government entity', 'Tax-exempt organization'), one 'Corporation' box with no C or S as older forms
print it (read as a C corporation for a person to confirm), and a ticked box of a question of its own under the choices
('3b If on line 3a you checked Partnership ... foreign partners'), which names no classification. Forms drawn here."""

from __future__ import annotations

import pytest

from tests.conftest import extract_drawn
from tests.test_w9_tin import finish, form

CAPTION = "Check appropriate box for federal tax classification (required):"


def choices(options: list[tuple[str, bool]], foreign_partners: bool = False) -> bytes:
    pen, c, p = form()
    p.options(pen, CAPTION, options, {})
    if foreign_partners:
        p.options(pen, "3b If on line 3a you checked Partnership or Trust/estate, or checked LLC and entered P as its tax "
                  "classification, check this box if you have any foreign partners, owners, or beneficiaries.",
                  [("", True)], {})
    p.fields(pen, [("Employer identification number", "27-4119386", True)])
    return finish(pen, c, p)


FORMS = {
    "government.pdf": lambda: choices([("Sole proprietor", False), ("C Corp", False), ("S Corp", False),
                                       ("Partnership", False), ("LLC", False), ("Government entity", True),
                                       ("Tax-exempt organization", False)]),
    "tax_exempt.pdf": lambda: choices([("Individual", False), ("Corporation - C", False), ("Corporation - S", False),
                                       ("Tax-exempt organization", True), ("Partnership", False)]),
    "old_corporation.pdf": lambda: choices([("Individual/Sole proprietor", False), ("Corporation", True),
                                            ("Partnership", False), ("Other (see instructions)", False)]),
    "foreign_partners.pdf": lambda: choices([("Individual/sole proprietor", False), ("C corporation", False),
                                             ("S corporation", False), ("Partnership", True), ("Trust/estate", False),
                                             ("LLC. Enter the tax classification (C, S or P)", False)], foreign_partners=True),
}


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    return extract_drawn(tmp_path_factory.mktemp("w9_class_kinds"), FORMS)


@pytest.mark.parametrize("name, value", [("government.pdf", "other"), ("tax_exempt.pdf", "other"),
                                         ("old_corporation.pdf", "c_corporation"), ("foreign_partners.pdf", "partnership")])
def test_the_ticked_kind_is_read_as_the_irs_classification_it_stands_for(read: dict, name: str, value: str):
    assert read[name]["fields"]["tax_classification"]["value"] == value


def test_a_corporation_box_with_no_c_or_s_goes_to_a_person(read: dict):
    assert read["old_corporation.pdf"]["fields"]["tax_classification"]["confidence"] < 1.0
