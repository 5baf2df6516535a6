"""Eval samples for Macie's 12 PHI identifiers (module `health`).

Every value is built here from its specification, with check digits computed by the
functions below (written from the specifications, not from Trawl's Swift validators):
DEA registration numbers (DEA check digit), Medicare HICNs (SSN + beneficiary
identification code, and Railroad Retirement Board forms), Canadian health numbers
(BC PHN MOD 11, Ontario Luhn, Quebec NAM structure), European Health Insurance Card
numbers (ISO/IEC 7812-1 "80" + ISO 3166 numeric country code; Finland 80246), French
NIR (97 complement key, Corsica 2A/2B), UK NHS numbers (MOD 11), Medicare Beneficiary
Identifiers (CMS position rules), HCPCS Level I/II codes, National Drug Codes (10-digit
label forms and the 11-digit 5-4-2 billing form), NPIs (Luhn with the 80840 prefix) and
medical device UDIs (GS1 with the GTIN check digit, HIBCC with its MOD 43 check
character, ISBT 128 DINs with the ISO 7064 MOD 37-2 check character).

Negatives: one-digit-changed lookalikes that fail the check, wrong lengths, the value
without its required keyword, and published example values.
"""

from checksums import luhn_digit

from .common import (DIGITS, UPPER, around, digits, letters, luhn_complete, luhn_valid, negative,
                     nir_key, pick, positive, ssn9, without_keyword)

N = 110


def other_digit(rng, d):
    return rng.choice([c for c in DIGITS if c != d])


def change_last(rng, value):
    """The value with its last digit replaced by another digit."""
    i = max(k for k, c in enumerate(value) if c.isdigit())
    return value[:i] + other_digit(rng, value[i]) + value[i + 1:]


# --- DEA registration number ---------------------------------------------------------

DEA_TYPES = "ABCDEFGHJKLMNPRSTUX"
DEA_KEYWORDS = ["dea number", "dea registration", "DEA #", "dea no", "DEA registration number", "dea"]
DEA_PUBLISHED = ["AB1234563", "AS1234563", "BJ6125341", "F91234563", "AP5836727"]


def dea_check(six):
    d = [int(c) for c in six]
    return str((d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10)


def dea(rng):
    while True:
        body = digits(rng, 6)
        if body != "123456":
            break
    return rng.choice(DEA_TYPES) + rng.choice(UPPER + "9") + body + dea_check(body)


# --- Health Insurance Claim Number ---------------------------------------------------

HICN_KEYWORDS = ["health insurance claim number", "hic no", "hic number", "hic#", "hicn", "HICN#", "hicno#"]
BIC_LETTERS = "ABCDEFGHJKMTW"
RRB_PREFIXES = ["A", "MA", "WA", "WD", "CA", "JA", "PA", "PD", "JD", "H", "MH", "WH", "WCA", "WCD", "WCH"]


def bic(rng):
    first = rng.choice(BIC_LETTERS)
    second = rng.choice(["", "", rng.choice("123456789"), rng.choice("ABCDEFGH")])
    return first + second


def hicn(rng):
    if rng.random() < 0.2:
        prefix = rng.choice(RRB_PREFIXES)
        body = digits(rng, 6) if rng.random() < 0.5 else ssn9(rng)
        if set(body) == {"0"}:
            body = "1" + body[1:]
        return prefix + rng.choice(["", "", " "]) + body
    s = ssn9(rng)
    code = bic(rng)
    form = rng.randrange(4)
    if form == 0:
        return s + code
    if form == 1:
        return f"{s[:3]}-{s[3:5]}-{s[5:]}{code}"
    if form == 2:
        return f"{s[:3]}-{s[3:5]}-{s[5:]}-{code}"
    return f"{s[:3]} {s[3:5]} {s[5:]} {code}"


# --- Canada health number ------------------------------------------------------------

CA_KEYWORDS = ["canada healthcare number", "msp number", "personal healthcare number", "phn",
               "soins de santé", "personal health number", "OHIP number", "health card number", "RAMQ"]


def bc_phn_check(eight):
    weights = (2, 4, 8, 5, 10, 9, 7, 3)
    total = sum((w * int(c)) % 11 for w, c in zip(weights, eight))
    check = (11 - total % 11) % 11
    return None if check == 10 else str(check)


def bc_phn(rng):
    while True:
        eight = digits(rng, 8)
        c = bc_phn_check(eight)
        if c is not None:
            return "9" + eight + c


def ontario(rng):
    return luhn_complete(rng.choice("12345678") + digits(rng, 8))


def quebec(rng):
    month = rng.randrange(1, 13) + rng.choice([0, 50])
    return (letters(rng, 4) + f"{rng.randrange(100):02d}{month:02d}{rng.randrange(1, 29):02d}"
            + digits(rng, 2))


def canada_bad(rng):
    """A BC or Ontario number with its last digit changed so that neither check passes
    (a changed BC PHN may happen to pass Luhn, which makes it an Ontario number)."""
    while True:
        n = change_last(rng, bc_phn(rng) if rng.random() < 0.5 else ontario(rng))
        if not luhn_valid(n) and not (n[0] == "9" and bc_phn_check(n[1:9]) == n[9]):
            return n


def ten_grouped(rng, n):
    sep = rng.choice(["", " ", "-", " "])
    return f"{n[:4]}{sep}{n[4:7]}{sep}{n[7:]}"


def canada(rng):
    kind = rng.randrange(3)
    if kind == 0:
        return ten_grouped(rng, bc_phn(rng))
    if kind == 1:
        value = ten_grouped(rng, ontario(rng))
        version = rng.choice(["", "", " " + letters(rng, 2), letters(rng, 2), "-" + letters(rng, 1)])
        return value + version
    q = quebec(rng)
    sep = rng.choice(["", " ", " "])
    return f"{q[:4]}{sep}{q[4:8]}{sep}{q[8:]}"


# --- European Health Insurance Card --------------------------------------------------

# ISO 3166-1 numeric codes of the EU/EEA states, Switzerland and the UK (EHIC issuers).
EHIC_COUNTRIES = [40, 56, 100, 191, 196, 203, 208, 233, 250, 276, 300, 348, 352, 372, 380, 428,
                  438, 440, 442, 470, 528, 578, 616, 620, 642, 703, 705, 724, 752, 756, 826]
EU_KEYWORDS = ["ehic", "ehic#", "european health insurance card", "gesundheitskarte",
               "krankenversicherungskarte", "tessera sanitaria assicurazione numero", "ceam",
               "carte européenne d'assurance maladie", "número de tarjeta de seguro", "health card number",
               "versicherungsnummer", "insurance card number", "tarjeta de salud"]
FI_KEYWORDS = ["finlandehicnumber#", "sairaanhoitokortin", "sairausvakuutuskortti", "ehic",
               "suomi ehic-numero", "hälsokort", "terveyskortti", "finland health insurance card",
               "sjukförsäkringskort"]


def ehic_digits(rng, country):
    while True:
        serial = digits(rng, 15)
        if set(serial) != {"0"}:
            return f"80{country:03d}{serial}"


def ehic_format(rng, n):
    form = rng.randrange(4)
    if form == 0:
        return n
    if form == 1:
        return n[:10] + rng.choice([" ", "-"]) + n[10:]
    sep = rng.choice([" ", "-"])
    size = 5 if form == 2 else 4
    return sep.join(n[i:i + size] for i in range(0, 20, size))


# --- France NIR ----------------------------------------------------------------------

FR_KEYWORDS = ["carte vitale", "carte d'assuré social", "insurance card", "Carte Vitale", "carte d’assuré social"]


def nir(rng):
    sex = rng.choice("1212127")
    yy = f"{rng.randrange(100):02d}"
    mm = f"{rng.randrange(1, 13):02d}"
    dept = rng.choice([f"{rng.randrange(1, 96):02d}"] * 8 + ["2A", "2B"])
    if dept == "20":
        dept = "21"
    commune = f"{rng.randrange(1, 990):03d}"
    order = f"{rng.randrange(1, 1000):03d}"
    body = sex + yy + mm + dept + commune + order
    return body, f"{nir_key(body):02d}"


def nir_format(rng, body, key):
    form = rng.randrange(4)
    if form == 0:
        return body + key
    if form == 1:
        return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key}"
    if form == 2:
        return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]}-{key}"
    return f"{body[0]}.{body[1:3]}.{body[3:5]}.{body[5:7]}.{body[7:10]}.{body[10:13]}.{key}"


# --- UK NHS number -------------------------------------------------------------------

NHS_KEYWORDS = ["nhs", "NHS number", "national health service", "nhs no", "NHS#"]


def nhs_check(nine):
    total = sum(int(c) * (10 - i) for i, c in enumerate(nine))
    check = 11 - total % 11
    if check == 11:
        return "0"
    return None if check == 10 else str(check)


def nhs(rng):
    while True:
        nine = rng.choice("4678") + digits(rng, 8)
        c = nhs_check(nine)
        if c is not None:
            return nine + c


def nhs_format(rng, n):
    sep = rng.choice(["", " ", " ", "-"])
    return f"{n[:3]}{sep}{n[3:6]}{sep}{n[6:]}"


# --- Medicare Beneficiary Identifier -------------------------------------------------

MBI_LETTERS = "ACDEFGHJKMNPQRTUVWXY"   # A-Z without S, L, O, I, B, Z
MBI_KEYWORDS = ["mbi", "medicare beneficiary", "MBI#", "medicare beneficiary identifier", "Medicare Beneficiary ID"]


def mbi(rng):
    an = MBI_LETTERS + DIGITS
    c = [rng.choice("123456789"), rng.choice(MBI_LETTERS), rng.choice(an), rng.choice(DIGITS),
         rng.choice(MBI_LETTERS), rng.choice(an), rng.choice(DIGITS), rng.choice(MBI_LETTERS),
         rng.choice(MBI_LETTERS), rng.choice(DIGITS), rng.choice(DIGITS)]
    return "".join(c)


def mbi_format(rng, m):
    sep = rng.choice(["", "", "-"])
    return f"{m[:4]}{sep}{m[4:7]}{sep}{m[7:]}"


# --- HCPCS ---------------------------------------------------------------------------

HCPCS_KEYWORDS = ["hcpcs", "HCPCS code", "current procedural terminology", "healthcare common procedure coding system",
                  "cpt"]
LEVEL2 = "ABCDEGHJKLMPQRSTV"


def hcpcs(rng):
    kind = rng.randrange(5)
    if kind == 0:
        return f"{rng.choice([rng.randrange(100, 2000), rng.randrange(10004, 99608)]):05d}"
    if kind == 1:
        return f"{rng.randrange(10004, 99608):05d}"
    if kind == 2:
        return rng.choice(LEVEL2) + f"{rng.randrange(1, 10000):04d}"
    if kind == 3:
        return f"{rng.randrange(1, 10000):04d}F"
    return f"0{rng.randrange(1, 1000):03d}" + rng.choice("TU")


# --- National Drug Code --------------------------------------------------------------

NDC_KEYWORDS = ["ndc", "NDC", "national drug code", "NDC#", "ndc code"]


def nonzero(rng, n):
    while True:
        s = digits(rng, n)
        if set(s) != {"0"}:
            return s


def ndc(rng):
    form = rng.randrange(5)
    if form == 0:
        return f"{nonzero(rng, 4)}-{digits(rng, 4)}-{digits(rng, 2)}"
    if form == 1:
        return f"{nonzero(rng, 5)}-{digits(rng, 3)}-{digits(rng, 2)}"
    if form == 2:
        return f"{nonzero(rng, 5)}-{digits(rng, 4)}-{digits(rng, 1)}"
    # 11-digit billing form of one of the three: one segment padded with a zero.
    src = rng.randrange(3)
    if src == 0:
        parts = ("0" + nonzero(rng, 4), digits(rng, 4), digits(rng, 2))
    elif src == 1:
        parts = (nonzero(rng, 5), "0" + digits(rng, 3), digits(rng, 2))
    else:
        parts = (nonzero(rng, 5), digits(rng, 4), "0" + digits(rng, 1))
    return "-".join(parts) if form == 3 else "".join(parts)


def ndc_bad11(rng):
    """An 11-digit 5-4-2 code with no padded segment: no NDC converts to it."""
    return (rng.choice("123456789") + digits(rng, 4) + "-" + rng.choice("123456789") + digits(rng, 3)
            + "-" + rng.choice("123456789") + digits(rng, 1))


# --- NPI -----------------------------------------------------------------------------

NPI_KEYWORDS = ["npi", "NPI", "national provider", "n.p.i", "National Provider Identifier", "hipaa"]


def npi(rng):
    while True:
        nine = rng.choice("12") + digits(rng, 8)
        n = nine + luhn_digit("80840" + nine)
        if n != "1234567893":
            return n


# --- Medical device UDI --------------------------------------------------------------

UDI_KEYWORDS = ["udi", "UDI", "device identifier", "unique device identifier", "gs1", "hibcc", "iccbba",
                "device id", "blood bag", "unique device id"]
HIBC_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%"
MOD37 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"


def gtin_check(thirteen):
    total = 0
    for i, ch in enumerate(reversed(thirteen)):
        total += int(ch) * (3 if i % 2 == 0 else 1)
    return str((10 - total % 10) % 10)


def gtin14(rng):
    while True:
        body = rng.choice("0013") + digits(rng, 12)
        if body[1:4] not in ("952", "950"):
            return body + gtin_check(body)


def yymmdd(rng):
    return f"{rng.randrange(15, 35):02d}{rng.randrange(1, 13):02d}{rng.randrange(0, 29):02d}"


def hibc_check(s):
    return HIBC_CHARS[sum(HIBC_CHARS.index(c) for c in s) % 43]


def mod37_2(s):
    p = 0
    for ch in s:
        p = ((p + MOD37.index(ch)) * 2) % 37
    return MOD37[(38 - p) % 37]


def gs1_udi(rng):
    s = "(01)" + gtin14(rng)
    sp = rng.choice(["", "", " "])
    if rng.random() < 0.7:
        s += sp + "(17)" + yymmdd(rng)
    if rng.random() < 0.6:
        s += sp + "(10)" + letters(rng, rng.randrange(1, 4)) + digits(rng, rng.randrange(2, 7))
    if rng.random() < 0.4:
        s += sp + "(21)" + digits(rng, rng.randrange(4, 12))
    return s


def hibc_udi(rng):
    lic = rng.choice(UPPER) + pick(rng, UPPER + DIGITS, 3)
    pcn = pick(rng, UPPER + DIGITS, rng.randrange(2, 12))
    data = "+" + lic + pcn + rng.choice(DIGITS)
    if rng.random() < 0.4:
        data += "/$$" + f"{rng.randrange(1, 13):02d}{rng.randrange(24, 35):02d}" + letters(rng, 2) + digits(rng, 4)
    while True:
        c = hibc_check(data)
        if c not in " .":
            return data + c
        data = data[:-1] + rng.choice(DIGITS)


def isbt_udi(rng):
    fin = rng.choice("ABCDEFGHIJKLMNPQRSTUVWXYZ") + digits(rng, 4)
    din = fin + f"{rng.randrange(15, 30):02d}" + digits(rng, 6)
    if rng.random() < 0.4:
        return "=" + din + rng.choice(["", "00"])
    flags = rng.choice(["", " 00", " 01"])
    return f"{din[:5]} {din[5:7]} {din[7:]}{flags} {mod37_2(din)}"


def udi(rng):
    kind = rng.randrange(5)
    if kind <= 1:
        return gs1_udi(rng)
    if kind <= 3:
        return hibc_udi(rng)
    return isbt_udi(rng)


def bad_udi(rng):
    kind = rng.randrange(3)
    if kind == 0:
        g = gtin14(rng)
        g = g[:-1] + other_digit(rng, g[-1])
        return "(01)" + g + "(17)" + yymmdd(rng)
    if kind == 1:
        h = hibc_udi(rng)
        c = rng.choice([x for x in UPPER + DIGITS if x != h[-1]])
        return h[:-1] + c
    fin = rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") + digits(rng, 4)
    din = fin + f"{rng.randrange(15, 30):02d}" + digits(rng, 6)
    good = mod37_2(din)
    bad = rng.choice([x for x in "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ" if x != good])
    return f"{din[:5]} {din[5:7]} {din[7:]} {bad}"


# --- samples -------------------------------------------------------------------------

def kw(rng, words):
    return rng.choice(words)


def samples(rng):
    out = []

    def pos(id_, words, value, allow=()):
        out.append(positive(id_, around(rng, kw(rng, words), value), allow=allow))

    def neg(id_, words, value):
        out.append(negative(id_, around(rng, kw(rng, words), value)))

    def bare(id_, value):
        out.append(negative(id_, without_keyword(rng, value)))

    # US_DRUG_ENFORCEMENT_AGENCY_NUMBER
    ID = "US_DRUG_ENFORCEMENT_AGENCY_NUMBER"
    for _ in range(N):
        pos(ID, DEA_KEYWORDS, dea(rng))
    for i in range(N):
        k = i % 5
        if k == 0:
            neg(ID, DEA_KEYWORDS, change_last(rng, dea(rng)))
        elif k == 1:
            bare(ID, dea(rng))
        elif k == 2:
            neg(ID, DEA_KEYWORDS, rng.choice(DEA_PUBLISHED))
        elif k == 3:
            d = dea(rng)
            neg(ID, DEA_KEYWORDS, d + rng.choice(DIGITS))             # ten characters
        else:
            d = dea(rng)
            neg(ID, DEA_KEYWORDS, rng.choice("IOQVWYZ") + d[1:])        # no such registrant type

    # USA_HEALTH_INSURANCE_CLAIM_NUMBER
    ID = "USA_HEALTH_INSURANCE_CLAIM_NUMBER"
    for _ in range(N):
        pos(ID, HICN_KEYWORDS, hicn(rng), allow=["USA_SOCIAL_SECURITY_NUMBER"])
    for i in range(N):
        k = i % 5
        s = ssn9(rng)
        if k == 0:
            neg(ID, HICN_KEYWORDS, "666" + s[3:] + rng.choice(BIC_LETTERS))
        elif k == 1:
            bare(ID, s + rng.choice(BIC_LETTERS))
        elif k == 2:
            neg(ID, HICN_KEYWORDS, rng.choice(["123456789A", "078-05-1120A", "219-09-9999-A"]))
        elif k == 3:
            neg(ID, HICN_KEYWORDS, s[:3] + "00" + s[5:] + rng.choice(BIC_LETTERS))
        else:
            neg(ID, HICN_KEYWORDS, s + rng.choice("NPQRSUVXYZ"))             # no such BIC

    # CANADA_HEALTH_NUMBER
    ID = "CANADA_HEALTH_NUMBER"
    for _ in range(N):
        pos(ID, CA_KEYWORDS, canada(rng))
    for i in range(N):
        k = i % 5
        if k == 0:
            neg(ID, CA_KEYWORDS, ten_grouped(rng, canada_bad(rng)))
        elif k == 1:
            bare(ID, ten_grouped(rng, rng.choice([bc_phn, ontario])(rng)))
        elif k == 2:
            neg(ID, CA_KEYWORDS, rng.choice(["9698 658 215", "9698658215"]))
        elif k == 3:
            o = ontario(rng)
            neg(ID, CA_KEYWORDS, o[:9] + " " + digits(rng, 3))                  # 9 + 3 digits
        else:
            q = quebec(rng)
            neg(ID, CA_KEYWORDS, q[:6] + "13" + q[8:])                        # month 13

    # EUROPEAN_HEALTH_INSURANCE_CARD_NUMBER and FINLAND_EUROPEAN_HEALTH_INSURANCE_NUMBER
    ID = "EUROPEAN_HEALTH_INSURANCE_CARD_NUMBER"
    for _ in range(N):
        pos(ID, EU_KEYWORDS, ehic_format(rng, ehic_digits(rng, rng.choice(EHIC_COUNTRIES))))
    for i in range(N):
        k = i % 4
        if k == 0:
            neg(ID, EU_KEYWORDS, ehic_format(rng, "80" + rng.choice(["001", "124", "840", "392", "999"]) + digits(rng, 15)))
        elif k == 1:
            bare(ID, ehic_format(rng, ehic_digits(rng, rng.choice(EHIC_COUNTRIES))))
        elif k == 2:
            neg(ID, EU_KEYWORDS, ehic_digits(rng, rng.choice(EHIC_COUNTRIES))[:19])   # 19 digits
        else:
            neg(ID, EU_KEYWORDS, "81" + ehic_digits(rng, 276)[2:])
    ID = "FINLAND_EUROPEAN_HEALTH_INSURANCE_NUMBER"
    for i in range(N):
        n = "8024680246" + nonzero(rng, 10) if i % 2 else ehic_digits(rng, 246)
        pos(ID, FI_KEYWORDS, ehic_format(rng, n))
    for i in range(N):
        k = i % 3
        if k == 0:
            bare(ID, ehic_format(rng, "8024680246" + nonzero(rng, 10)))
        elif k == 1:
            neg(ID, FI_KEYWORDS, "8024680246" + digits(rng, 9))
        else:
            neg(ID, FI_KEYWORDS, "8024680246 " + digits(rng, 11))

    # FRANCE_HEALTH_INSURANCE_NUMBER
    ID = "FRANCE_HEALTH_INSURANCE_NUMBER"
    for _ in range(N):
        body, key = nir(rng)
        pos(ID, FR_KEYWORDS, nir_format(rng, body, key), allow=["FRANCE_NATIONAL_IDENTIFICATION_NUMBER"])
    for i in range(N):
        k = i % 5
        body, key = nir(rng)
        if k == 0:
            bad = f"{(int(key) % 97) + 1:02d}"
            neg(ID, FR_KEYWORDS, nir_format(rng, body, bad))
        elif k == 1:
            bare(ID, nir_format(rng, body, key))
        elif k == 2:
            neg(ID, FR_KEYWORDS, rng.choice(["2 06 12 75 111 005 64", "206127511100564", "2 55 08 14 168 025 38",
                                             "1 85 05 78 006 084 91", "269054958815780"]))
        elif k == 3:
            b = "5" + body[1:]
            neg(ID, FR_KEYWORDS, b + f"{nir_key(b):02d}")                       # no such sex digit
        else:
            b = body[:3] + "13" + body[5:]
            neg(ID, FR_KEYWORDS, b + f"{nir_key(b):02d}")                       # month 13

    # UK_NHS_NUMBER
    ID = "UK_NHS_NUMBER"
    for _ in range(N):
        pos(ID, NHS_KEYWORDS, nhs_format(rng, nhs(rng)))
    for i in range(N):
        k = i % 5
        if k == 0:
            neg(ID, NHS_KEYWORDS, nhs_format(rng, change_last(rng, nhs(rng))))
        elif k == 1:
            bare(ID, nhs_format(rng, nhs(rng)))
        elif k == 2:
            neg(ID, NHS_KEYWORDS, rng.choice(["943 476 5919", "9434765919", "943-476-5919"]))
        elif k == 3:
            while True:
                nine = "999" + digits(rng, 6)
                c = nhs_check(nine)
                if c is not None:
                    break
            neg(ID, NHS_KEYWORDS, nhs_format(rng, nine + c))                   # test range
        else:
            neg(ID, NHS_KEYWORDS, nhs(rng)[:9])                                   # nine digits

    # USA_MEDICARE_BENEFICIARY_IDENTIFIER
    ID = "USA_MEDICARE_BENEFICIARY_IDENTIFIER"
    for _ in range(N):
        pos(ID, MBI_KEYWORDS, mbi_format(rng, mbi(rng)))
    for i in range(N):
        k = i % 5
        m = mbi(rng)
        if k == 0:
            neg(ID, MBI_KEYWORDS, mbi_format(rng, "0" + m[1:]))                    # first digit 0
        elif k == 1:
            bare(ID, mbi_format(rng, m))
        elif k == 2:
            neg(ID, MBI_KEYWORDS, rng.choice(["1EG4-TE5-MK73", "1EG4TE5MK73"]))
        elif k == 3:
            neg(ID, MBI_KEYWORDS, m[:4] + rng.choice("SLOIBZ") + m[5:])           # excluded letter
        else:
            neg(ID, MBI_KEYWORDS, m[:10])                                          # ten characters

    # USA_HEALTHCARE_PROCEDURE_CODE
    ID = "USA_HEALTHCARE_PROCEDURE_CODE"
    for _ in range(N):
        pos(ID, HCPCS_KEYWORDS, hcpcs(rng))
    for i in range(N):
        k = i % 5
        if k == 0:
            bare(ID, hcpcs(rng))
        elif k == 1:
            neg(ID, HCPCS_KEYWORDS, f"{rng.randrange(2000, 10000):05d}")           # unused CPT range
        elif k == 2:
            neg(ID, HCPCS_KEYWORDS, rng.choice("FINOWXYZ") + digits(rng, 4))       # no such Level II letter
        elif k == 3:
            neg(ID, HCPCS_KEYWORDS, digits(rng, 6))                                 # six digits
        else:
            neg(ID, HCPCS_KEYWORDS, f"{rng.randrange(1, 10):d}{digits(rng, 3)}" + rng.choice("TU"))

    # USA_NATIONAL_DRUG_CODE
    ID = "USA_NATIONAL_DRUG_CODE"
    for _ in range(N):
        pos(ID, NDC_KEYWORDS, ndc(rng))
    for i in range(N):
        k = i % 5
        if k == 0:
            bare(ID, ndc(rng))
        elif k == 1:
            neg(ID, NDC_KEYWORDS, ndc_bad11(rng))
        elif k == 2:
            neg(ID, NDC_KEYWORDS, f"{digits(rng, 3)}-{digits(rng, 4)}-{digits(rng, 2)}")     # 3-4-2
        elif k == 3:
            neg(ID, NDC_KEYWORDS, f"{digits(rng, 6)}-{digits(rng, 4)}-{digits(rng, 2)}")     # 6-4-2
        else:
            neg(ID, NDC_KEYWORDS, "0000-" + digits(rng, 4) + "-" + digits(rng, 2))           # no labeler

    # USA_NATIONAL_PROVIDER_IDENTIFIER
    ID = "USA_NATIONAL_PROVIDER_IDENTIFIER"
    for _ in range(N):
        pos(ID, NPI_KEYWORDS, npi(rng))
    for i in range(N):
        k = i % 5
        if k == 0:
            neg(ID, NPI_KEYWORDS, change_last(rng, npi(rng)))
        elif k == 1:
            bare(ID, npi(rng))
        elif k == 2:
            neg(ID, NPI_KEYWORDS, "1234567893")
        elif k == 3:
            nine = rng.choice("3456789") + digits(rng, 8)
            neg(ID, NPI_KEYWORDS, nine + luhn_digit("80840" + nine))             # first digit not 1 or 2
        else:
            neg(ID, NPI_KEYWORDS, npi(rng) + rng.choice(DIGITS))                  # eleven digits

    # MEDICAL_DEVICE_UDI
    ID = "MEDICAL_DEVICE_UDI"
    for _ in range(N):
        pos(ID, UDI_KEYWORDS, udi(rng))
    for i in range(N):
        k = i % 4
        if k <= 1:
            neg(ID, UDI_KEYWORDS, bad_udi(rng))
        elif k == 2:
            bare(ID, udi(rng))
        else:
            neg(ID, UDI_KEYWORDS, rng.choice(["(01)09506000134352(17)141120(10)AB-123",
                                              "(01)09521234543213", "(01)09506000134352"]))
    return out
