"""Eval samples for Macie's 32 driver's licence identifiers (*_DRIVERS_LICENSE, and
DRIVERS_LICENSE for the US).

Every identifier requires a keyword, from Macie's per-country table (KEYWORDS below).
Values are made up in each country's format; where a format has a published check
(DVLA's UK structure, the Spanish DNI/NIE letter, the Swedish personnummer and Finnish
HETU, the German Führerscheinnummer check digit, India's state/RTO/year structure) the
values are built with the check code in this file and eval/common.py, written from the
specifications and independent of the Swift validators.

Several countries share keywords and shapes: Australia, Canada, the UK and the US have
the same English keywords, and an 8-digit number near "driver's licence" is legitimately
an Australian, Canadian and US licence number alike; Belgium and the Netherlands share
"rijbewijs" and 10-digit numbers; Finland and Sweden share "körkort". A sample lists
in `allow` every other identifier whose keyword it contains and whose format its value
has (shape() below); samples otherwise use country-specific keywords.
"""

import random
import re

from checksums import luhn_digit

from .common import (DIGITS, DNI_LETTERS, UPPER, Sample, digits, filler, letters, luhn_valid, pick,
                     without_keyword)

# ---------------------------------------------------------------------------------------
# Keywords: Macie's table (mdis-reference-pii.html, "Driver's license identification
# number"), lower case, plus spellings the detector files add (field names, the curly
# apostrophe, Macie's truncated or misspelt entries completed).

_EN = ["dl#", "dl:", "dlno#", "driver licence", "driver licences", "driver license",
       "driver licenses", "driver permit", "drivers lic.", "drivers licence", "driver's licence",
       "drivers licences", "driver's licences", "drivers license", "driver's license",
       "drivers licenses", "driver's licenses", "drivers permit", "driver's permit",
       "drivers permit number", "driving licence", "driving license", "driving permit"]
_EN_EXTRA = ["driver’s licence", "driver’s license", "driverlicence", "driverlicense",
             "driverslicence", "driverslicense", "driver_licence", "driver_license",
             "drivers_licence", "drivers_license", "driving_licence", "driving_license"]
_DE = ["fuehrerschein", "fuehrerschein- nr", "fuehrerscheinnummer", "fuhrerschein", "führerschein",
       "fuhrerschein- nr", "führerschein- nr", "fuhrerscheinnummer", "führerscheinnummer"]

KEYWORDS = {
    "AUSTRALIA_DRIVERS_LICENSE": ["dl#", "dl:", "dlno#", "driver licence", "driver license",
                                  "driver permit", "drivers lic.", "drivers licence", "driver's licence",
                                  "drivers license", "driver's license", "drivers permit", "driver's permit",
                                  "drivers permit number", "driving licence", "driving license",
                                  "driving permit"] + _EN_EXTRA,
    "AUSTRIA_DRIVERS_LICENSE": ["führerschein", "fuhrerschein", "führerschein republik österreich",
                                "fuhrerschein republik osterreich"],
    "BELGIUM_DRIVERS_LICENSE": _DE + ["numéro permis conduire", "permis de conduire", "rijbewijs",
                                      "rijbewijsnummer"],
    "BULGARIA_DRIVERS_LICENSE": ["превозно средство", "свидетелство за управление на моторно",
                                 "свидетелство за управление на моторно превозно средство",
                                 "свидетелство за управление на мпс", "сумпс", "шофьорска книжка"],
    "CANADA_DRIVERS_LICENSE": _EN + ["permis de conduire"] + _EN_EXTRA,
    "CROATIA_DRIVERS_LICENSE": ["vozačka dozvola"],
    "CYPRUS_DRIVERS_LICENSE": ["άδεια οδήγησης"],
    "CZECHIA_DRIVERS_LICENSE": ["číslo licence", "císlo licence řidiče", "číslo řidičského průkazu",
                                "ovladače lic.", "povolení k jízdě", "povolení řidiče", "řidiči povolení",
                                "řidičský prúkaz", "řidičský průkaz"],
    "DENMARK_DRIVERS_LICENSE": ["kørekort", "kørekortnummer"],
    "DRIVERS_LICENSE": _EN + _EN_EXTRA,
    "ESTONIA_DRIVERS_LICENSE": ["juhi litsentsi number", "juhiloa number", "juhiluba", "juhiluba number"],
    "FINLAND_DRIVERS_LICENSE": ["ajokortin numero", "ajokortti", "förare lic.", "körkort", "körkort nummer",
                                "kuljettaja lic.", "permis de conduire"],
    "FRANCE_DRIVERS_LICENSE": ["permis de conduire"],
    "GERMANY_DRIVERS_LICENSE": list(_DE),
    "GREECE_DRIVERS_LICENSE": ["δεια οδήγησης", "άδεια οδήγησης", "adeia odigisis"],
    "HUNGARY_DRIVERS_LICENSE": ["illesztőprogramok lic", "jogosítvány", "jogsi", "licencszám",
                                "vezető engedély", "vezetői engedély"],
    "INDIA_DRIVERS_LICENSE": ["driver licence", "driver licences", "driver license", "driver licenses",
                              "drivers lic.", "drivers licence", "driver's licence", "drivers licences",
                              "driver's licences", "drivers license", "driver's license", "drivers licenses",
                              "driver's licenses", "driving licence", "driving license"] + _EN_EXTRA,
    "IRELAND_DRIVERS_LICENSE": ["ceadúnas tiomána"],
    "ITALY_DRIVERS_LICENSE": ["patente di guida", "patente di guida numero", "patente guida",
                              "patente guida numero"],
    "LATVIA_DRIVERS_LICENSE": ["autovadītāja apliecība", "licences numurs", "vadītāja apliecība",
                               "vadītāja apliecības numurs", "vadītāja atļauja", "vadītāja licences numurs",
                               "vadītāji lic."],
    "LITHUANIA_DRIVERS_LICENSE": ["vairuotojo pažymėjimas"],
    "LUXEMBOURG_DRIVERS_LICENSE": ["fahrerlaubnis", "führerschäin"],
    "MALTA_DRIVERS_LICENSE": ["liċenzja tas-sewqan"],
    "NETHERLANDS_DRIVERS_LICENSE": ["permis de conduire", "rijbewijs", "rijbewijsnummer"],
    "POLAND_DRIVERS_LICENSE": ["numer licencyjny", "prawo jazdy", "zezwolenie na prowadzenie", "prawa jazdy"],
    "PORTUGAL_DRIVERS_LICENSE": ["carta de condução", "carteira de habilitação", "carteira de motorist",
                                 "carteira habilitação", "carteira motorist", "licença condução",
                                 "licença de condução", "número de licença", "número licença",
                                 "permissão condução", "permissão de condução", "carteira de motorista",
                                 "carteira motorista"],
    "ROMANIA_DRIVERS_LICENSE": ["numărul permisului de conducere", "permis de conducere"],
    "SLOVAKIA_DRIVERS_LICENSE": ["číslo licencie", "číslo vodičského preukazu", "ovládače lic.",
                                 "povolenia vodičov", "povolenie jazdu", "povolenie na jazdu",
                                 "povolenie vodiča", "vodičský preukaz"],
    "SLOVENIA_DRIVERS_LICENSE": ["vozniško dovoljenje"],
    "SPAIN_DRIVERS_LICENSE": ["carnet conducer", "el carnet de conducer", "licencia conducer",
                              "licencia de manejo", "número carnet conducer", "número de carnet de conducer",
                              "número de permiso conducer", "número de permiso de conducer",
                              "número licencia conducer", "número permiso conducer", "permiso conducción",
                              "permiso conducer", "permiso de conducción",
                              "carnet conducir", "el carnet de conducir", "licencia conducir",
                              "número carnet conducir", "número de carnet de conducir",
                              "número de permiso conducir", "número de permiso de conducir",
                              "número licencia conducir", "número permiso conducir", "permiso conducir",
                              "carnet de conducir", "permiso de conducir"],
    "SWEDEN_DRIVERS_LICENSE": ["ajokortin numero", "dlno#", "ajokortti", "drivere lic.", "förare lic.",
                               "körkort", "körkort nummer", "körkortsnummer", "kuljettajat lic."],
    "UK_DRIVERS_LICENSE": _EN + _EN_EXTRA,
}

IDS = list(KEYWORDS)

# Keywords the samples use for each identifier: country-specific ones where Macie's list
# has them (so the sample belongs to one country), and the shared ones otherwise.
SAMPLE_KEYWORDS = {
    "AUSTRALIA_DRIVERS_LICENSE": ["driver licence", "driver's licence", "drivers licence", "driving licence",
                                  "dl#", "dl:", "driver licence", "drivers permit number",
                                  "driver_licence", "drivers lic."],
    "AUSTRIA_DRIVERS_LICENSE": KEYWORDS["AUSTRIA_DRIVERS_LICENSE"],
    "BELGIUM_DRIVERS_LICENSE": ["führerscheinnummer", "fuehrerschein- nr", "numéro permis conduire",
                                "rijbewijs", "rijbewijsnummer", "permis de conduire", "führerschein"],
    "BULGARIA_DRIVERS_LICENSE": ["шофьорска книжка", "сумпс"] + KEYWORDS["BULGARIA_DRIVERS_LICENSE"],
    "CANADA_DRIVERS_LICENSE": ["driver's licence", "driver's license", "drivers license", "driver licence",
                               "dlno#", "permis de conduire", "driving permit", "drivers licences"],
    "CROATIA_DRIVERS_LICENSE": KEYWORDS["CROATIA_DRIVERS_LICENSE"],
    "CYPRUS_DRIVERS_LICENSE": KEYWORDS["CYPRUS_DRIVERS_LICENSE"],
    "CZECHIA_DRIVERS_LICENSE": KEYWORDS["CZECHIA_DRIVERS_LICENSE"],
    "DENMARK_DRIVERS_LICENSE": KEYWORDS["DENMARK_DRIVERS_LICENSE"],
    "DRIVERS_LICENSE": ["driver's license", "drivers license", "driver license", "dl#", "dl:",
                        "driver license", "drivers_license", "driverlicense", "driver’s license"],
    "ESTONIA_DRIVERS_LICENSE": KEYWORDS["ESTONIA_DRIVERS_LICENSE"],
    "FINLAND_DRIVERS_LICENSE": ["ajokortti", "ajokortin numero", "kuljettaja lic.", "körkort",
                                "körkort nummer", "förare lic.", "permis de conduire"],
    "FRANCE_DRIVERS_LICENSE": ["permis de conduire"],
    "GERMANY_DRIVERS_LICENSE": _DE,
    "GREECE_DRIVERS_LICENSE": ["δεια οδήγησης", "adeia odigisis", "άδεια οδήγησης"],
    "HUNGARY_DRIVERS_LICENSE": KEYWORDS["HUNGARY_DRIVERS_LICENSE"],
    "INDIA_DRIVERS_LICENSE": ["driving licence", "driving license", "driver's licence", "drivers licence",
                              "driver license", "driving_licence"],
    "IRELAND_DRIVERS_LICENSE": KEYWORDS["IRELAND_DRIVERS_LICENSE"],
    "ITALY_DRIVERS_LICENSE": KEYWORDS["ITALY_DRIVERS_LICENSE"],
    "LATVIA_DRIVERS_LICENSE": KEYWORDS["LATVIA_DRIVERS_LICENSE"],
    "LITHUANIA_DRIVERS_LICENSE": KEYWORDS["LITHUANIA_DRIVERS_LICENSE"],
    "LUXEMBOURG_DRIVERS_LICENSE": KEYWORDS["LUXEMBOURG_DRIVERS_LICENSE"],
    "MALTA_DRIVERS_LICENSE": KEYWORDS["MALTA_DRIVERS_LICENSE"],
    "NETHERLANDS_DRIVERS_LICENSE": KEYWORDS["NETHERLANDS_DRIVERS_LICENSE"],
    "POLAND_DRIVERS_LICENSE": KEYWORDS["POLAND_DRIVERS_LICENSE"],
    "PORTUGAL_DRIVERS_LICENSE": KEYWORDS["PORTUGAL_DRIVERS_LICENSE"],
    "ROMANIA_DRIVERS_LICENSE": KEYWORDS["ROMANIA_DRIVERS_LICENSE"],
    "SLOVAKIA_DRIVERS_LICENSE": KEYWORDS["SLOVAKIA_DRIVERS_LICENSE"],
    "SLOVENIA_DRIVERS_LICENSE": KEYWORDS["SLOVENIA_DRIVERS_LICENSE"],
    "SPAIN_DRIVERS_LICENSE": KEYWORDS["SPAIN_DRIVERS_LICENSE"],
    "SWEDEN_DRIVERS_LICENSE": ["körkortsnummer", "körkort", "körkort nummer", "förare lic.",
                               "drivere lic.", "kuljettajat lic."],
    "UK_DRIVERS_LICENSE": ["driving licence", "driver's licence", "driving licence", "dl#", "dlno#",
                           "driver licence", "driving_licence", "drivers lic."],
}

# ---------------------------------------------------------------------------------------
# Check digits and structures, from the specifications.

def _days(year, month):
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _date(rng, lo=1930, hi=2006):
    y = rng.randint(lo, hi)
    m = rng.randint(1, 12)
    return y, m, rng.randint(1, _days(y, m))


# UK: DVLA driver number (surname, decade, month (+50 for women), day, year digit,
# initials, arbitrary digit, two check characters).
SURNAMES = ["HARGREAVES", "OKONJO", "LEE", "PATEL", "FITZWILLIAM", "NG", "BRANNIGAN", "COLDWELL",
            "MACINTYRE", "WOOD", "ASHWORTH", "DUNMORE", "QUAYLE", "VERITY", "YATES", "ELPHICK"]


def uk_number(rng, valid=True):
    surname = rng.choice(SURNAMES)
    if surname.startswith("MAC"):
        surname = "MC" + surname[3:]
    part = (surname[:5] + "99999")[:5]
    y, m, d = _date(rng)
    month = m + (50 if rng.random() < 0.5 else 0)
    initials = rng.choice(UPPER) + (rng.choice(UPPER) if rng.random() < 0.7 else "9")
    s = f"{part}{(y // 10) % 10}{month:02d}{d:02d}{y % 10}{initials}{rng.choice('9999999123')}{letters(rng, 2)}"
    if valid and rng.random() < 0.2:
        return f"{s[:5]} {s[5:11]} {s[11:]}"     # grouped as some forms print it
    if not valid:
        kind = rng.randrange(3)
        if kind == 0:   # month 13 / 63
            s = s[:6] + rng.choice(["13", "63", "00", "49"]) + s[8:]
        elif kind == 1:  # day 00 or 32
            s = s[:8] + rng.choice(["00", "32", "45"]) + s[10:]
        else:            # a digit in the surname's letters
            s = s[0] + "7" + s[2:]
    return s


def uk_valid(s):
    s = s.replace(" ", "")
    if not re.fullmatch(r"[A-Z]+9*[0-9]{6}[A-Z][A-Z9][0-9][A-Z0-9]{2}", s) or len(s) != 16:
        return False
    if not re.fullmatch(r"[A-Z]{1,5}9{0,4}", s[:5]):
        return False
    decade, month, day, year = int(s[5]), int(s[6:8]), int(s[8:10]), int(s[10])
    if month > 50:
        month -= 50
    if not 1 <= month <= 12 or day < 1:
        return False
    yy = decade * 10 + year
    return day <= _days(2000 + yy if yy % 4 == 0 else 1901, month)


# Spain: DNI / NIE control letter, DNI_LETTERS[number mod 23] (common.py).
def es_number(rng, valid=True, nie=None):
    if nie is None:
        nie = rng.random() < 0.3
    if nie:
        prefix = rng.choice("XYZ")
        body = digits(rng, 7)
        n = int(str("XYZ".index(prefix)) + body)
        head = prefix + body
    else:
        head = digits(rng, 8)
        n = int(head)
    letter = DNI_LETTERS[n % 23]
    if not valid:
        letter = DNI_LETTERS[(n + rng.randint(1, 22)) % 23]
    sep = rng.choice(["", "", "", "-", " "])
    return head + sep + letter


def es_valid(s):
    s = s.replace("-", "").replace(" ", "").replace(".", "").upper()
    m = re.fullmatch(r"([XYZ]?)([0-9]{7,8})([A-Z])", s)
    if not m or len(m.group(1) + m.group(2)) != 8:
        return False
    n = int((str("XYZ".index(m.group(1))) if m.group(1) else "") + m.group(2))
    return DNI_LETTERS[n % 23] == m.group(3)


# Sweden: personnummer, Luhn over YYMMDDNNNC.
def se_number(rng, valid=True):
    y, m, d = _date(rng, 1925, 2007)
    if rng.random() < 0.1:
        d += 60                          # samordningsnummer
    body = f"{y % 100:02d}{m:02d}{d:02d}{digits(rng, 3)}"
    check = luhn_digit(body)
    if not valid:
        check = str((int(check) + rng.randint(1, 9)) % 10)
    form = rng.randrange(4)
    if form == 0:
        return f"{body[:6]}-{body[6:]}{check}"
    if form == 1:
        return f"{y // 100}{body[:6]}-{body[6:]}{check}"
    if form == 2:
        return f"{y // 100}{body}{check}"
    return f"{body[:6]}-{body[6:]}{check}"


def se_valid(s):
    number = re.sub(r"[-+]", "", s)
    if not number.isdigit() or len(number) not in (10, 12):
        return False
    century = None
    if len(number) == 12:
        century = int(number[:2])
        if century not in (18, 19, 20):
            return False
        number = number[2:]
    yy, mm, dd = int(number[:2]), int(number[2:4]), int(number[4:6])
    if dd > 60:
        dd -= 60
    if not 1 <= mm <= 12 or dd < 1:
        return False
    year = century * 100 + yy if century else (2000 + yy if yy % 4 == 0 else 1901)
    if dd > _days(year, mm):
        return False
    return luhn_valid(number)


# Finland: HETU, DDMMYY C NNN Q with Q = table[DDMMYYNNN mod 31].
HETU_CONTROL = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def fi_number(rng, valid=True):
    y, m, d = _date(rng, 1925, 2012)
    sign = "-" if y < 2000 else "A"
    if y < 2000 and rng.random() < 0.2:
        sign = rng.choice("YXWVU")
    elif y >= 2000 and rng.random() < 0.3:
        sign = rng.choice("BCDEF")
    nnn = rng.randint(2, 899)
    n = int(f"{d:02d}{m:02d}{y % 100:02d}{nnn:03d}")
    q = HETU_CONTROL[n % 31]
    if not valid:
        q = HETU_CONTROL[(n + rng.randint(1, 30)) % 31]
    return f"{d:02d}{m:02d}{y % 100:02d}{sign}{nnn:03d}{q}"


def fi_valid(s):
    m = re.fullmatch(r"([0-9]{6})([-+A-FU-Y])([0-9]{3})([0-9A-Y])", s)
    if not m:
        return False
    dd, mm, yy = int(s[:2]), int(s[2:4]), int(s[4:6])
    century = {"+": 1800, "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}.get(m.group(2), 1900)
    if not 1 <= mm <= 12 or not 1 <= dd <= _days(century + yy, mm) or int(m.group(3)) < 2:
        return False
    return HETU_CONTROL[int(m.group(1) + m.group(3)) % 31] == m.group(4)


# Germany: Führerscheinnummer, weights 9..1 over the first nine characters (A = 10),
# mod 11, 10 -> X.
def _de_check(first9):
    total = sum(int(c, 36) * (9 - i) for i, c in enumerate(first9))
    r = total % 11
    return "X" if r == 10 else str(r)


def de_number(rng, valid=True):
    authority = rng.choice("ABCDEFGHIJKLMNOP") + digits(rng, 2) + rng.choice(DIGITS + "A")
    serial = pick(rng, DIGITS + UPPER, 5)
    first9 = authority + serial
    check = _de_check(first9)
    if not valid:
        check = rng.choice([c for c in "0123456789X" if c != check])
    return first9 + check + rng.choice("0123456789" * 3 + UPPER)


def de_valid(s):
    return bool(re.fullmatch(r"[A-Z0-9]{9}[0-9X][A-Z0-9]", s)) and _de_check(s[:9]) == s[9]


# India: state code, RTO code, year of issue, serial.
IN_STATES = ["AN", "AP", "AR", "AS", "BR", "CG", "CH", "DL", "GA", "GJ", "HP", "HR", "JH", "JK", "KA",
             "KL", "LA", "MH", "ML", "MN", "MP", "MZ", "NL", "OD", "PB", "PY", "RJ", "SK", "TN", "TR",
             "TS", "UK", "UP", "WB"]
IN_ALL_STATES = set(IN_STATES) | {"CT", "DD", "DN", "LD", "OR", "TG", "UA"}


def in_number(rng, valid=True):
    state = rng.choice(IN_STATES)
    rto = rng.randint(1, 99)
    year = rng.randint(1985, 2024)
    serial = rng.randint(1, 9999999)
    if not valid:
        kind = rng.randrange(3)
        if kind == 0:
            state = rng.choice(["ZZ", "QX", "XY", "IN", "EU"])
        elif kind == 1:
            rto = 0
        else:
            serial = 0
    form = rng.randrange(5)
    if form == 0:
        return f"{state}{rto:02d}{year}{serial:07d}"
    if form == 1:
        tail = f"{rto:02d}{year}{serial:07d}"
        if luhn_valid(tail):
            # A Luhn-valid 13-digit run after "SS-" is also card-shaped, and the no-keyword
            # card identifier reports it: that is the card detector's call, not this test's.
            return f"{state}{tail}"
        return f"{state}-{tail}"
    if form == 2:
        return f"{state}{rto:02d} {year}{serial:07d}"
    if form == 3:
        return f"{state}-{rto:02d}-{year}-{serial:07d}"
    return f"{state}{rto:02d}-{year}-{serial:07d}"


def in_valid(s):
    c = s.replace("-", "").replace(" ", "")
    m = re.fullmatch(r"([A-Z]{2})([0-9]{2})([0-9]{4})([0-9]{7})", c)
    return bool(m) and m.group(1) in IN_ALL_STATES and m.group(2) != "00" \
        and 1900 <= int(m.group(3)) <= 2099 and int(m.group(4)) != 0


# ---------------------------------------------------------------------------------------
# Formats without a published check: value generators, per country.

def _au(rng):
    k = rng.randrange(8)
    if k == 0:
        return digits(rng, 8)                                     # NSW, QLD
    if k == 1:
        return digits(rng, 9)                                     # QLD, VIC
    if k == 2:
        v = digits(rng, 9)
        sep = rng.choice(" -")
        return f"{v[:3]}{sep}{v[3:6]}{sep}{v[6:]}"                 # VIC printed
    if k == 3:
        return digits(rng, 7)                                     # WA
    if k == 4:
        return rng.choice(UPPER) + digits(rng, rng.choice([5, 6]))  # SA, TAS
    if k == 5:
        return letters(rng, 2) + digits(rng, 4)                   # TAS
    if k == 6:
        return digits(rng, 4) + letters(rng, 2)                   # NSW (older)
    return digits(rng, 10)                                        # ACT, NT, VIC


def _ca(rng):
    k = rng.randrange(9)
    if k == 0:                                                    # Ontario
        sep = rng.choice(["-", "", " "])
        return f"{rng.choice(UPPER)}{digits(rng, 4)}{sep}{digits(rng, 5)}{sep}{digits(rng, 5)}"
    if k == 1:                                                    # Quebec
        sep = rng.choice(["-", ""])
        return f"{rng.choice(UPPER)}{digits(rng, 4)}{sep}{digits(rng, 6)}{sep}{digits(rng, 2)}"
    if k == 2:
        return digits(rng, 7)                                     # British Columbia
    if k == 3:
        return f"{digits(rng, 6)}-{digits(rng, 3)}"                # Alberta
    if k == 4:
        return digits(rng, 8)                                     # Saskatchewan
    if k == 5:                                                    # Manitoba
        sep = rng.choice(["-", ""])
        return f"{letters(rng, 2)}{sep}{letters(rng, 2)}{sep}{letters(rng, 2)}{sep}{rng.choice(UPPER)}{digits(rng, 2)}{letters(rng, 2)}"
    if k == 6:
        return letters(rng, 5) + digits(rng, 9)                   # Nova Scotia
    if k == 7:
        return rng.choice(UPPER) + digits(rng, 9)                 # Newfoundland and Labrador
    return digits(rng, rng.choice([5, 6, 7]))                     # New Brunswick, PEI


def _us(rng):
    k = rng.randrange(16)
    L = lambda: rng.choice(UPPER)  # noqa: E731
    if k == 0:
        return L() + digits(rng, 7)                               # CA
    if k == 1:
        return L() + digits(rng, 12)                              # FL, MD, MN compact
    if k == 2:
        return f"{L()}{digits(rng, 3)}-{digits(rng, 3)}-{digits(rng, 2)}-{digits(rng, 3)}-{digits(rng, 1)}"  # FL printed
    if k == 3:
        sep = rng.choice("- ")
        return f"{L()}{digits(rng, 3)}{sep}{digits(rng, 4)}{sep}{digits(rng, 4)}"  # IL printed
    if k == 4:
        return f"{L()}{digits(rng, 3)}-{digits(rng, 4)}-{digits(rng, 4)}-{digits(rng, 2)}"  # WI printed
    if k == 5:
        sep = rng.choice("- ")
        return f"{L()}{sep}{digits(rng, 3)}{sep}{digits(rng, 3)}{sep}{digits(rng, 3)}{sep}{digits(rng, 3)}"  # MD, MI
    if k == 6:
        return f"{digits(rng, 3)} {digits(rng, 3)} {digits(rng, 3)}"  # NY printed
    if k == 7:
        return digits(rng, 8)                                     # TX, PA ...
    if k == 8:
        return digits(rng, 9)                                     # many states
    if k == 9:
        return L() + digits(rng, 8)                               # AZ, KS, MA
    if k == 10:
        return letters(rng, 2) + digits(rng, 6)                   # OH, CO
    if k == 11:
        return "WDL" + pick(rng, UPPER + DIGITS, 6) + digits(rng, 3)                       # WA
    if k == 12:
        return f"{digits(rng, 2)}{letters(rng, 3)}{digits(rng, 5)}"  # NH
    if k == 13:
        return f"{digits(rng, 3)}{letters(rng, 2)}{digits(rng, 4)}"  # IA
    if k == 14:
        return L() + digits(rng, 14)                              # NJ compact
    return digits(rng, 7) + L()                                   # ME, VT


def _mt(rng):
    k = rng.randrange(3)
    if k == 0:
        return f"{digits(rng, 7)}{rng.choice('MGAPLHBZ')}"         # ID card number
    if k == 1:
        return f"{digits(rng, 6)}{rng.choice('MGAPLHBZ')}"
    sep = rng.choice(["", " "])
    return f"{letters(rng, 2)}{sep}{digits(rng, 3)}{sep}{digits(rng, 3)}"


def _pl(rng):
    tail = digits(rng, 4) if rng.random() < 0.7 else digits(rng, 7)
    return f"{digits(rng, 5)}/{digits(rng, 2)}/{tail}"


def _pt(rng):
    sep = rng.choice([" ", ""])
    return f"{letters(rng, rng.choice([1, 2]))}-{digits(rng, 6)}{sep}{digits(rng, 1)}"


def _nz(rng, n):
    """n digits, not all the same digit, not starting 0000."""
    while True:
        v = digits(rng, n)
        if len(set(v)) > 2 and not v.startswith("0000"):
            return v


GENERATE = {
    "AUSTRALIA_DRIVERS_LICENSE": _au,
    "AUSTRIA_DRIVERS_LICENSE": lambda r: _nz(r, 8),
    "BELGIUM_DRIVERS_LICENSE": lambda r: _nz(r, 10),
    "BULGARIA_DRIVERS_LICENSE": lambda r: _nz(r, 9),
    "CANADA_DRIVERS_LICENSE": _ca,
    "CROATIA_DRIVERS_LICENSE": lambda r: _nz(r, 8),
    "CYPRUS_DRIVERS_LICENSE": lambda r: _nz(r, 12),
    "CZECHIA_DRIVERS_LICENSE": lambda r: letters(r, 2) + r.choice(["", " "]) + _nz(r, 6),
    "DENMARK_DRIVERS_LICENSE": lambda r: _nz(r, 8),
    "DRIVERS_LICENSE": _us,
    "ESTONIA_DRIVERS_LICENSE": lambda r: r.choice(["ET", "EE"] + [letters(r, 2)]) + r.choice(["", " "]) + _nz(r, 6),
    "FINLAND_DRIVERS_LICENSE": fi_number,
    "FRANCE_DRIVERS_LICENSE": lambda r: _nz(r, 12),
    "GERMANY_DRIVERS_LICENSE": de_number,
    "GREECE_DRIVERS_LICENSE": lambda r: _nz(r, 9),
    "HUNGARY_DRIVERS_LICENSE": lambda r: letters(r, 2) + r.choice(["", " "]) + _nz(r, 6),
    "INDIA_DRIVERS_LICENSE": in_number,
    "IRELAND_DRIVERS_LICENSE": lambda r: _nz(r, 6) + r.choice(["", " "]) + letters(r, 4),
    "ITALY_DRIVERS_LICENSE": lambda r: r.choice(UPPER) + r.choice(UPPER + DIGITS) + _nz(r, 7) + r.choice(UPPER),
    "LATVIA_DRIVERS_LICENSE": lambda r: letters(r, 3) + r.choice(["", " "]) + _nz(r, 6),
    "LITHUANIA_DRIVERS_LICENSE": lambda r: _nz(r, 8),
    "LUXEMBOURG_DRIVERS_LICENSE": lambda r: _nz(r, 6),
    "MALTA_DRIVERS_LICENSE": _mt,
    "NETHERLANDS_DRIVERS_LICENSE": lambda r: _nz(r, 10),
    "POLAND_DRIVERS_LICENSE": _pl,
    "PORTUGAL_DRIVERS_LICENSE": _pt,
    "ROMANIA_DRIVERS_LICENSE": lambda r: r.choice(UPPER + DIGITS) + _nz(r, 8),
    "SLOVAKIA_DRIVERS_LICENSE": lambda r: r.choice(UPPER + DIGITS) + _nz(r, 7),
    "SLOVENIA_DRIVERS_LICENSE": lambda r: _nz(r, 9),
    "SPAIN_DRIVERS_LICENSE": es_number,
    "SWEDEN_DRIVERS_LICENSE": se_number,
    "UK_DRIVERS_LICENSE": uk_number,
}

# Published example values (specimen documents, specifications, well-known examples):
# each detector file lists them in denyValues; the samples use them as negatives.
PUBLISHED = {
    "AUSTRALIA_DRIVERS_LICENSE": ["12345678", "123456789", "1234567890"],
    "AUSTRIA_DRIVERS_LICENSE": ["12345678"],
    "BELGIUM_DRIVERS_LICENSE": ["1234567890"],
    "BULGARIA_DRIVERS_LICENSE": ["123456789"],
    "CANADA_DRIVERS_LICENSE": ["1234567", "12345678", "123456789"],
    "CROATIA_DRIVERS_LICENSE": ["12345678"],
    "CYPRUS_DRIVERS_LICENSE": ["123456789012"],
    "CZECHIA_DRIVERS_LICENSE": ["EA123456", "AB123456"],
    "DENMARK_DRIVERS_LICENSE": ["12345678"],
    "DRIVERS_LICENSE": ["I1234568", "123456789", "12345678", "99 999 999", "123 456 789"],
    "ESTONIA_DRIVERS_LICENSE": ["ET123456", "AB123456"],
    "FINLAND_DRIVERS_LICENSE": ["131052-308T"],
    "FRANCE_DRIVERS_LICENSE": ["123456789012"],
    "GERMANY_DRIVERS_LICENSE": ["B072RRE2I55"],
    "GREECE_DRIVERS_LICENSE": ["123456789"],
    "HUNGARY_DRIVERS_LICENSE": ["AB123456"],
    "INDIA_DRIVERS_LICENSE": ["MH-1420110062821", "DL-0420110149646"],
    "IRELAND_DRIVERS_LICENSE": ["123456ABCD"],
    "ITALY_DRIVERS_LICENSE": ["AB1234567C", "U11234567A"],
    "LATVIA_DRIVERS_LICENSE": ["ABC123456"],
    "LITHUANIA_DRIVERS_LICENSE": ["12345678"],
    "LUXEMBOURG_DRIVERS_LICENSE": ["123456"],
    "MALTA_DRIVERS_LICENSE": ["1234567M", "0123456M"],
    "NETHERLANDS_DRIVERS_LICENSE": ["1234567890"],
    "POLAND_DRIVERS_LICENSE": ["12345/12/1234"],
    "PORTUGAL_DRIVERS_LICENSE": ["AB-123456 7"],
    "ROMANIA_DRIVERS_LICENSE": ["123456789", "A12345678"],
    "SLOVAKIA_DRIVERS_LICENSE": ["12345678", "A1234567"],
    "SLOVENIA_DRIVERS_LICENSE": ["123456789"],
    "SPAIN_DRIVERS_LICENSE": ["12345678Z", "99999999R", "X1234567L", "00000000T"],
    "SWEDEN_DRIVERS_LICENSE": ["121212-1212", "19121212-1212", "811218-9876"],
    "UK_DRIVERS_LICENSE": ["MORGA753116SM9IJ", "MORGA 753116 SM9IJ"],
}

# ---------------------------------------------------------------------------------------
# Shapes: which identifiers' formats a value has (used for `allow`, and to keep the
# negatives honest). Written from the formats above, not copied from the detectors.

_SHAPES = {
    "AUSTRALIA_DRIVERS_LICENSE": [r"[0-9]{3}([ -])[0-9]{3}\1[0-9]{3,4}", r"[0-9]([ -])[0-9]{3}\1[0-9]{3}\1[0-9]{3}",
                                  r"[0-9]{6,10}", r"[A-Z]{1,2}[0-9]{4,8}", r"[0-9]{4}[A-Z]{2}"],
    "AUSTRIA_DRIVERS_LICENSE": [r"[0-9]{8}"],
    "BELGIUM_DRIVERS_LICENSE": [r"[0-9]{10}"],
    "BULGARIA_DRIVERS_LICENSE": [r"[0-9]{9}"],
    "CANADA_DRIVERS_LICENSE": [r"[A-Z][0-9]{4}([ -]?)[0-9]{5}\1[0-9]{5}", r"[A-Z][0-9]{4}(-?)[0-9]{6}\1[0-9]{2}",
                               r"[A-Z]{2}(-?)[A-Z]{2}\1[A-Z]{2}\1[A-Z][0-9]{2}[A-Z]{2}", r"[A-Z]{5}[0-9]{9}",
                               r"[A-Z][0-9]{9}", r"[0-9]{6}-[0-9]{3}", r"[0-9]{5,9}"],
    "CROATIA_DRIVERS_LICENSE": [r"[0-9]{8}"],
    "CYPRUS_DRIVERS_LICENSE": [r"[0-9]{12}"],
    "CZECHIA_DRIVERS_LICENSE": [r"[A-Z]{2} ?[0-9]{6}"],
    "DENMARK_DRIVERS_LICENSE": [r"[0-9]{8}"],
    "DRIVERS_LICENSE": [r"[A-Z][0-9]{3}-[0-9]{3}-[0-9]{2}-[0-9]{3}-[0-9]", r"[A-Z][0-9]{3}([ -])[0-9]{4}\1[0-9]{4}(\1[0-9]{2})?",
                        r"[A-Z]([ -])[0-9]{3}\1[0-9]{3}\1[0-9]{3}\1[0-9]{3}", r"[A-Z][0-9]{4}([ -])[0-9]{5}\1[0-9]{5}",
                        r"[0-9]{3}([ -])[0-9]{3}\1[0-9]{3}", r"[0-9]{2}([ -])[0-9]{3}\1[0-9]{3}",
                        r"WDL(?=[A-Z]{0,8}[0-9])[A-Z0-9]{9}", r"[A-Z][A-Z*]{4}[A-Z][A-Z*][0-9]{3}[A-Z0-9]{2}",
                        r"[A-Z][0-9]{4,14}", r"[A-Z]{2}[0-9]{3,7}", r"[A-Z]{3}[0-9]{6}", r"[A-Z]{2}[0-9]{6}[A-Z]",
                        r"[0-9]{3}[A-Z]{2}[0-9]{4}", r"[0-9]{2}[A-Z]{3}[0-9]{5}", r"[A-Z][0-9][A-Z][0-9][A-Z]",
                        r"[0-9]{7,9}[A-Z]{1,2}", r"[0-9]{5,12}"],
    "ESTONIA_DRIVERS_LICENSE": [r"[A-Z]{2} ?[0-9]{6}"],
    "FRANCE_DRIVERS_LICENSE": [r"[0-9]{12}"],
    "GREECE_DRIVERS_LICENSE": [r"[0-9]{9}"],
    "HUNGARY_DRIVERS_LICENSE": [r"[A-Z]{2} ?[0-9]{6}"],
    "IRELAND_DRIVERS_LICENSE": [r"[0-9]{6} ?[A-Z]{4}"],
    "ITALY_DRIVERS_LICENSE": [r"[A-Z][A-Z0-9][0-9]{7}[A-Z]"],
    "LATVIA_DRIVERS_LICENSE": [r"[A-Z]{3} ?[0-9]{6}"],
    "LITHUANIA_DRIVERS_LICENSE": [r"[0-9]{8}"],
    "LUXEMBOURG_DRIVERS_LICENSE": [r"[0-9]{6}"],
    "MALTA_DRIVERS_LICENSE": [r"[A-Z0-9]{2} ?[0-9]{3} ?[0-9]{3}", r"[0-9]{4,7}[MGAPLHBZ]"],
    "NETHERLANDS_DRIVERS_LICENSE": [r"[0-9]{10}"],
    "POLAND_DRIVERS_LICENSE": [r"[0-9]{5}/[0-9]{2}/[0-9]{4}([0-9]{3})?"],
    "PORTUGAL_DRIVERS_LICENSE": [r"[A-Z]{1,2}-?[0-9]{6} ?[0-9]"],
    "ROMANIA_DRIVERS_LICENSE": [r"[A-Z0-9][0-9]{8}"],
    "SLOVAKIA_DRIVERS_LICENSE": [r"[A-Z0-9][0-9]{7}"],
    "SLOVENIA_DRIVERS_LICENSE": [r"[0-9]{9}"],
}
_CHECKED = {
    "FINLAND_DRIVERS_LICENSE": fi_valid,
    "GERMANY_DRIVERS_LICENSE": de_valid,
    "INDIA_DRIVERS_LICENSE": lambda v: bool(re.fullmatch(r"[A-Z]{2}[ -]?[0-9]{2}[ -]?(19|20)[0-9]{2}[ -]?[0-9]{7}", v)) and in_valid(v),
    "SPAIN_DRIVERS_LICENSE": lambda v: bool(re.fullmatch(r"([0-9]{8}|[XYZ]-?[0-9]{7})[- ]?[A-Z]", v)) and es_valid(v),
    "SWEDEN_DRIVERS_LICENSE": lambda v: bool(re.fullmatch(r"((18|19|20)[0-9]{6}-?|[0-9]{6}[-+]?)[0-9]{4}", v)) and se_valid(v),
    "UK_DRIVERS_LICENSE": lambda v: bool(re.fullmatch(r"[A-Z9]{5} ?[0-9]{6} ?[A-Z9]{2}[0-9][A-Z0-9]{2}", v)) and uk_valid(v),
}
_DENY = {i: {re.sub(r"[^A-Z0-9]", "", v.upper()) for v in vs} for i, vs in PUBLISHED.items()}


def shape(id, value):
    """Whether `value` has identifier `id`'s format (and passes its check)."""
    if re.sub(r"[^A-Z0-9]", "", value.upper()) in _DENY[id] or set(re.sub(r"[^A-Za-z0-9]", "", value)) <= {"0"}:
        return False
    if id in _CHECKED:
        return _CHECKED[id](value)
    return any(re.fullmatch(p, value) for p in _SHAPES[id])


def _fold(s):
    return "".join(c.lower() if ("A" <= c <= "Z" or "\u00c0" <= c <= "\u00de") and c != "\u00d7" else c for c in s)


def _has_keyword(t, k):
    """Whether folded keyword `k` occurs in folded text `t` as the matcher sees a word:
    only an ASCII letter or digit continues one."""
    start = 0
    while True:
        i = t.find(k, start)
        if i < 0:
            return False
        before = t[i - 1] if i > 0 else " "
        after = t[i + len(k)] if i + len(k) < len(t) else " "
        ok_start = not (k[0].isascii() and k[0].isalnum() and before.isascii() and before.isalnum())
        ok_end = not (k[-1].isascii() and k[-1].isalnum() and after.isascii() and after.isalnum())
        if ok_start and ok_end:
            return True
        start = i + 1


_FOLDED = {i: [_fold(k) for k in ks] for i, ks in KEYWORDS.items()}


def claimants(text, value):
    """Identifiers with a keyword in `text` whose format `value` has."""
    t = _fold(text)
    return {i for i in IDS if shape(i, value) and any(_has_keyword(t, k) for k in _FOLDED[i])}


# ---------------------------------------------------------------------------------------
# Sample text.

def _foldable(s):
    return all(ord(c) < 0x100 for c in s)


def _case(rng, keyword):
    """A case variant the matcher must accept: it folds ASCII and Latin-1 letters only."""
    if not _foldable(keyword):
        return keyword
    return rng.choice([keyword, keyword, keyword.upper(), keyword.capitalize(), keyword.title()])


def place(rng, keyword, value):
    kw = _case(rng, keyword)
    layout = rng.randrange(9)
    if layout == 0:
        return f"{kw}: {value}"
    if layout == 1:
        return f"{filler(rng)}; {kw} {value}"
    if layout == 2:
        return f"{kw}={value} ({filler(rng)})"
    if layout == 3:
        return f"{value} is the {kw}"
    if layout == 4:
        return f"{kw} - {value}"
    if layout == 5:
        return f"{filler(rng)}. {kw}: {value}. {filler(rng)}"
    if layout == 6:
        return f'{{"holder": "J. Doe", "{kw}": "{value}"}}'
    if layout == 7:
        return f"{kw} no. {value}, {filler(rng)}"
    return f"{kw}\t{value}\t{filler(rng)}"


def _positive(id, text, values):
    allow = set()
    for v in values:
        claimed = claimants(text, v)
        assert id in claimed, (id, text, v)
        allow |= claimed - {id}
    return Sample(id, text, {id: len(values)}, sorted(allow))


def _negative(id, text, value):
    claimed = claimants(text, value)
    assert id not in claimed, (id, text, value)
    return Sample(id, text, {}, sorted(claimed))


# Lookalikes with a keyword: wrong lengths or wrong characters for each format, plus
# checksum failures where the format has a check.
def _wrong(id, rng):
    n = {"AUSTRIA_DRIVERS_LICENSE": 8, "BELGIUM_DRIVERS_LICENSE": 10, "BULGARIA_DRIVERS_LICENSE": 9,
         "CROATIA_DRIVERS_LICENSE": 8, "CYPRUS_DRIVERS_LICENSE": 12, "DENMARK_DRIVERS_LICENSE": 8,
         "FRANCE_DRIVERS_LICENSE": 12, "GREECE_DRIVERS_LICENSE": 9, "LITHUANIA_DRIVERS_LICENSE": 8,
         "LUXEMBOURG_DRIVERS_LICENSE": 6, "NETHERLANDS_DRIVERS_LICENSE": 10, "SLOVENIA_DRIVERS_LICENSE": 9}.get(id)
    if n:
        k = rng.randrange(4)
        if k == 0:
            return _nz(rng, n - rng.choice([1, 2]))
        if k == 1:
            longer = n + rng.choice([1, 3])
            return _nz(rng, 21 if 13 <= longer <= 19 else longer)   # card lengths avoided
        if k == 2:
            v = _nz(rng, n)
            i = rng.randrange(1, n - 1)
            return v[:i] + rng.choice(UPPER) + v[i + 1:]
        v = _nz(rng, n)
        return f"{v[:n // 2]}.{v[n // 2:]}"
    if id == "FINLAND_DRIVERS_LICENSE":
        return fi_number(rng, valid=False) if rng.random() < 0.7 else rng.choice(
            ["310299-123" + "A", "000000-0000", "150290*1234"])
    if id == "GERMANY_DRIVERS_LICENSE":
        return de_number(rng, valid=False) if rng.random() < 0.7 else de_number(rng)[:10]
    if id == "INDIA_DRIVERS_LICENSE":
        return in_number(rng, valid=False) if rng.random() < 0.7 else in_number(rng)[:-1]
    if id == "SPAIN_DRIVERS_LICENSE":
        return es_number(rng, valid=False) if rng.random() < 0.8 else _nz(rng, 7) + "T"
    if id == "SWEDEN_DRIVERS_LICENSE":
        return se_number(rng, valid=False) if rng.random() < 0.7 else f"{_nz(rng, 6)}-{_nz(rng, 3)}"
    if id == "UK_DRIVERS_LICENSE":
        return uk_number(rng, valid=False) if rng.random() < 0.7 else uk_number(rng).replace(" ", "")[:15]
    if id in ("CZECHIA_DRIVERS_LICENSE", "ESTONIA_DRIVERS_LICENSE", "HUNGARY_DRIVERS_LICENSE"):
        return rng.choice([letters(rng, 2) + _nz(rng, 5), letters(rng, 2) + _nz(rng, 7), letters(rng, 1) + _nz(rng, 6),
                           letters(rng, 2).lower() + _nz(rng, 6)])
    if id == "LATVIA_DRIVERS_LICENSE":
        return rng.choice([letters(rng, 3) + _nz(rng, 5), letters(rng, 3) + _nz(rng, 7), letters(rng, 4) + _nz(rng, 6)])
    if id == "IRELAND_DRIVERS_LICENSE":
        return rng.choice([_nz(rng, 6) + letters(rng, 3), _nz(rng, 5) + letters(rng, 4), _nz(rng, 6) + letters(rng, 5)])
    if id == "ITALY_DRIVERS_LICENSE":
        return rng.choice([rng.choice(UPPER) + _nz(rng, 8) + rng.choice(UPPER) + "X",
                           rng.choice(UPPER) * 2 + _nz(rng, 6) + rng.choice(UPPER),
                           rng.choice(UPPER) * 2 + _nz(rng, 8)])
    if id == "MALTA_DRIVERS_LICENSE":
        return rng.choice([_nz(rng, 7) + "Q", _nz(rng, 3) + "M", letters(rng, 2) + _nz(rng, 5),
                           _nz(rng, 7) + "MM"])
    if id == "POLAND_DRIVERS_LICENSE":
        return rng.choice([f"{_nz(rng, 4)}/{digits(rng, 2)}/{digits(rng, 4)}", f"{_nz(rng, 5)}/{digits(rng, 3)}/{digits(rng, 4)}",
                           f"{_nz(rng, 5)}-{digits(rng, 2)}-{digits(rng, 4)}", f"{_nz(rng, 5)}/{digits(rng, 2)}/{digits(rng, 5)}"])
    if id == "PORTUGAL_DRIVERS_LICENSE":
        return rng.choice([f"{letters(rng, 3)}-{digits(rng, 6)} {digits(rng, 1)}",
                           f"{letters(rng, 2)}-{digits(rng, 5)} {digits(rng, 1)}",
                           f"{letters(rng, 2)}-{digits(rng, 6)} {digits(rng, 2)}"])
    if id == "ROMANIA_DRIVERS_LICENSE":
        return rng.choice([rng.choice(UPPER) + _nz(rng, 7), letters(rng, 2) + _nz(rng, 8), rng.choice(UPPER) + _nz(rng, 9)])
    if id == "SLOVAKIA_DRIVERS_LICENSE":
        return rng.choice([rng.choice(UPPER) + _nz(rng, 6), letters(rng, 2) + _nz(rng, 7), rng.choice(UPPER) + _nz(rng, 8)])
    if id == "AUSTRALIA_DRIVERS_LICENSE":
        return rng.choice([_nz(rng, 4), _nz(rng, 11) + "0", letters(rng, 3) + _nz(rng, 3), "AB-CD-12"])
    if id == "CANADA_DRIVERS_LICENSE":
        return rng.choice([_nz(rng, 4), _nz(rng, 11), f"{letters(rng, 2)}{_nz(rng, 4)}-{digits(rng, 5)}-{digits(rng, 5)}"])
    if id == "DRIVERS_LICENSE":
        return rng.choice([_nz(rng, 4), _nz(rng, 21), letters(rng, 4) + _nz(rng, 3), rng.choice(UPPER) + _nz(rng, 16)])
    raise KeyError(id)


def samples(rng: random.Random):
    out = []
    for id in IDS:
        keywords = SAMPLE_KEYWORDS[id]
        gen = GENERATE[id]
        # Positives: one value per sample, sometimes two.
        for i in range(110):
            keyword = rng.choice(keywords)
            value = gen(rng)
            if i % 11 == 10:
                second = gen(rng)
                text = f"{_case(rng, keyword)}: {value}, {second}"
                out.append(_positive(id, text, [value, second]))
            else:
                out.append(_positive(id, place(rng, keyword, value), [value]))
        # Negatives: the value without any keyword.
        for _ in range(40):
            value = gen(rng)
            out.append(_negative(id, without_keyword(rng, value), value))
        # Lookalikes with a keyword (wrong length, wrong characters, failed checks).
        for _ in range(50):
            value = _wrong(id, rng)
            out.append(_negative(id, place(rng, rng.choice(keywords), value), value))
        # Published example values and all-zero values, with a keyword.
        published = PUBLISHED[id] + [re.sub(r"[A-Za-z0-9]", "0", gen(rng))]
        for j in range(15):
            value = published[j % len(published)]
            out.append(_negative(id, place(rng, rng.choice(keywords), value), value))
    return out
