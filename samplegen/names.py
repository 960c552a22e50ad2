"""Invented people, companies, addresses, banks and identifiers (US, UK and German flavours).

Every name here is made up from parts; any likeness to a real company or person is chance.
Characters stay within Latin-1 plus the euro sign so the standard PDF fonts can print them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from samplegen.values import aba_check_digit

FIRST_EN = ("James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "Maria",
            "Carlos", "Aisha", "Wei", "Priya", "Tyrone", "Emily", "Daniel", "Sofia", "Kevin", "Olivia",
            "Marcus", "Hannah", "Luis", "Grace", "Andre", "Jana", "Tomas", "Fatima", "Ethan", "Chloe",
            "Rajesh", "Megan", "Samuel", "Nora", "Diego", "Keisha", "Brian", "Yuki", "Owen", "Lena")
LAST_EN = ("Novak", "Johnson", "Williams", "Garcia", "Martinez", "Nguyen", "Patel", "Kim", "O'Brien",
           "Kowalski", "Okafor", "Rossi", "Larsen", "Brooks", "Reyes", "Chen", "Hughes", "Foster",
           "Dubois", "McAllister", "Ramirez", "Whitfield", "Abernathy", "Castillo", "Lindqvist",
           "Moreau", "Haddad", "Sullivan", "Park", "Delgado", "Thornton", "Iverson", "Barnes")
FIRST_DE = ("Lukas", "Anna", "Felix", "Sophie", "Jonas", "Marie", "Tobias", "Lea", "Matthias",
            "Katrin", "Jürgen", "Sabine", "Uwe", "Petra", "Özlem", "Mehmet", "Jana", "Stefan",
            "Birgit", "Henrik", "Jörg", "Ute", "Björn", "Claudia", "Timo", "Anke")
LAST_DE = ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
           "Hoffmann", "Schäfer", "Koch", "Richter", "Wolf", "Schröder", "Neumann", "Zimmermann",
           "Krüger", "Hartmann", "Lange", "Werner", "Kaya", "Novak", "Brandt", "Vogel", "Jäger")

_COMPANY_PARTS = {
    "us": (("Harlow", "Bluepeak", "Cedar Ridge", "Northgate", "Summitline", "Ironwood", "Brightline",
            "Pioneer Valley", "Redwood Bay", "Lakeshore", "Keystone", "Granite State", "Meridian",
            "Silverline", "Tristate", "Beacon Hill", "Copperfield", "Oak Harbor", "Prairie Wind"),
           ("Industrial Supply", "Analytics", "Logistics", "Office Products", "Facility Services",
            "Fabrication", "Consulting Group", "Electric", "Packaging", "Software", "Staffing",
            "Print & Mail", "Janitorial", "Engineering", "Tool & Die", "Data Systems"),
           ("Inc.", "LLC", "Corp.", "Co.", "Inc.", "LLC")),
    "uk": (("Thornbury", "Ashford", "Kingsley", "Whitmore", "Pennine", "Wexford", "Hallam",
            "Marlowe", "Fenwick", "Cotswold", "Aldridge", "Severn"),
           ("Print", "Catering", "Haulage", "Joinery", "Consulting", "IT Services", "Facilities",
            "Engineering", "Recruitment", "Office Supplies"),
           ("Ltd", "Limited", "plc", "LLP", "Ltd")),
    "de": (("Müller", "Schröder & Partner", "Nordlicht", "Rheintal", "Alpenblick", "Hansa",
            "Berger", "Kessler", "Sonnenberg", "Elbufer", "Weser", "Lindner", "Schwarzwald"),
           ("Haustechnik", "Logistik", "Druckerei", "Bürobedarf", "Metallbau", "Software",
            "Elektrotechnik", "Beratung", "Gebäudereinigung", "Medientechnik", "Verpackung"),
           ("GmbH", "GmbH & Co. KG", "AG", "KG", "e.K.", "GmbH")),
}

_STREETS_US = ("Commerce Pkwy", "Industrial Dr", "Maple Ave", "Elm Street", "Market St", "Lakeview Blvd",
               "Technology Way", "Route 9", "Harbor Rd", "Oak Lane", "Main Street", "Parkside Dr")
_CITIES_US = (("Columbus", "OH", "432"), ("Springfield", "IL", "627"), ("Austin", "TX", "787"),
              ("Tacoma", "WA", "984"), ("Raleigh", "NC", "276"), ("Madison", "WI", "537"),
              ("Boise", "ID", "837"), ("Albany", "NY", "122"), ("Tucson", "AZ", "857"),
              ("Dayton", "OH", "454"), ("Fresno", "CA", "937"), ("Omaha", "NE", "681"),
              ("Providence", "RI", "029"), ("Savannah", "GA", "314"), ("Des Moines", "IA", "503"))
_STREETS_UK = ("Wharf Road", "High Street", "Station Approach", "Mill Lane", "Victoria Street",
               "Church Road", "Kings Parade", "Canal Side", "Bridge Street")
_TOWNS_UK = (("Leeds", "LS1 4AP"), ("Bristol", "BS1 5TR"), ("Manchester", "M1 2HF"),
             ("Reading", "RG1 3EU"), ("Norwich", "NR2 4SQ"), ("Sheffield", "S1 2GH"),
             ("Cardiff", "CF10 1EP"), ("York", "YO1 7HH"))
_STREETS_DE = ("Industriestraße", "Hauptstraße", "Am Hafen", "Bahnhofstraße", "Gewerbering",
               "Lindenallee", "Mühlenweg", "Schillerstraße", "Kaiserstraße", "Auf der Höhe")
_TOWNS_DE = (("70565", "Stuttgart"), ("20457", "Hamburg"), ("80331", "München"), ("50667", "Köln"),
             ("04109", "Leipzig"), ("28195", "Bremen"), ("90402", "Nürnberg"), ("60311", "Frankfurt am Main"),
             ("01067", "Dresden"), ("30159", "Hannover"))

BANKS = {
    "us": ("Harborview Credit Union", "Cedar Valley Bank", "Pinnacle Ridge National Bank", "Cascade Federal Savings",
           "Lone Prairie Community Bank", "Great Lakes Shore Credit Union", "Summitline Trust Bank",
           "Bayfront Community Bank", "Red River Savings & Loan", "Blue Mesa Bank, N.A.",
           "Northern Pines Federal Credit Union"),
    "uk": ("Northern Counties Bank", "Severn Building Society", "Albion Commercial Bank", "Thamesway Bank plc"),
    "de": ("Rheinische Handelsbank", "Volksbank Mittelland eG", "Hanseatische Sparkasse", "Bodensee Privatbank AG"),
}

# IRS campus prefixes that real EINs start with; used so a generated EIN has a valid form.
_EIN_PREFIXES = tuple(range(1, 7)) + tuple(range(10, 17)) + tuple(range(20, 28)) + tuple(range(30, 49)) \
    + tuple(range(50, 69)) + tuple(range(71, 78)) + tuple(range(80, 89)) + tuple(range(90, 96)) + (98, 99)


_ASCII_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "'": None})


@dataclass
class Person:
    first: str
    last: str

    def first_last(self) -> str:
        return f"{self.first} {self.last}"

    def last_first(self) -> str:
        return f"{self.last}, {self.first}"


@dataclass
class Party:
    """A company or person with a postal address, as printed in a letterhead or address block."""

    name: str
    street: str
    city_line: str  # "Columbus, OH 43215" / "Leeds LS1 4AP" / "70565 Stuttgart"
    country: str  # us | uk | de
    extra: list[str] = field(default_factory=list)  # phone, e-mail, web

    @property
    def address_lines(self) -> list[str]:
        return [self.street, self.city_line]


def person(rng: random.Random, country: str = "us") -> Person:
    if country == "de":
        return Person(rng.choice(FIRST_DE), rng.choice(LAST_DE))
    return Person(rng.choice(FIRST_EN), rng.choice(LAST_EN))


def company_name(rng: random.Random, country: str) -> str:
    first, middle, suffix = (rng.choice(parts) for parts in _COMPANY_PARTS[country])
    return f"{first} {middle} {suffix}"


def street(rng: random.Random, country: str) -> str:
    if country == "us":
        line = f"{rng.randint(10, 9800)} {rng.choice(_STREETS_US)}"
        if rng.random() < 0.3:
            line += f", Suite {rng.randint(1, 9)}{rng.randint(0, 4)}0"
        return line
    if country == "uk":
        return f"{rng.randint(1, 220)} {rng.choice(_STREETS_UK)}"
    return f"{rng.choice(_STREETS_DE)} {rng.randint(1, 140)}"


def city_line(rng: random.Random, country: str) -> str:
    if country == "us":
        city, state, zip3 = rng.choice(_CITIES_US)
        return f"{city}, {state} {zip3}{rng.randint(0, 99):02d}"
    if country == "uk":
        town, postcode = rng.choice(_TOWNS_UK)
        return f"{town} {postcode}"
    postcode, town = rng.choice(_TOWNS_DE)
    return f"{postcode} {town}"


def company(rng: random.Random, country: str) -> Party:
    name = company_name(rng, country)
    slug = name.split()[0].lower().translate(_ASCII_FOLD)
    tld = {"us": "com", "uk": "co.uk", "de": "de"}[country]
    phone = {"us": f"({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(0, 9999):04d}",
             "uk": f"+44 {rng.randint(113, 199)} {rng.randint(100, 999)} {rng.randint(0, 9999):04d}",
             "de": f"+49 {rng.randint(30, 911)} {rng.randint(100000, 9999999)}"}[country]
    extra = [("Tel. " if country == "de" else "Phone ") + phone, f"info@{slug}.{tld}"]
    if rng.random() < 0.4:
        extra.append(f"www.{slug}.{tld}")
    return Party(name, street(rng, country), city_line(rng, country), country, extra)


def ein(rng: random.Random) -> str:
    """Nine digits of an employer identification number with a valid IRS prefix."""
    return f"{rng.choice(_EIN_PREFIXES):02d}{rng.randint(0, 9999999):07d}"


def ssn(rng: random.Random) -> str:
    """Nine digits with the form of a valid SSN (area not 000/666/9xx, group and serial not zero)."""
    area = rng.choice([a for a in range(1, 900) if a != 666])
    return f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"


def routing_number(rng: random.Random) -> str:
    """An ABA routing number with a Federal Reserve prefix and a correct check digit."""
    prefix = rng.choice(list(range(1, 13)) + list(range(21, 33)))
    first_eight = f"{prefix:02d}{rng.randint(0, 999999):06d}"
    return first_eight + str(aba_check_digit(first_eight))


def bad_routing_number(rng: random.Random) -> str:
    """A routing number of the right length whose check digit is wrong."""
    good = routing_number(rng)
    return good[:8] + str((int(good[8]) + rng.randint(1, 9)) % 10)


def account_number(rng: random.Random) -> str:
    length = rng.choice((6, 8, 9, 10, 10, 11, 12, 12, 13, 14, 16, 17))
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(length - 1))
