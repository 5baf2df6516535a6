"""Eval samples for national identification, insurance and phone numbers (module
`personal_national`), and for the existing USA_SOCIAL_SECURITY_NUMBER, PHONE_NUMBER and
EMAIL_ADDRESS.

Every value is built here with check-digit code written from the numbers'
specifications (the helpers several modules share are in eval/common.py), independently
of Trawl's Swift validators:

- Chile RUN/RUT: weights 2..7 from the right, 11 - sum mod 11 (11 -> 0, 10 -> K).
- France NIR: key = 97 - (13 digits mod 97), 2A -> 19, 2B -> 18 (INSEE).
- Germany Personalausweis: ICAO 9303 7-3-1 check digit; serial alphabet of PAuswV.
- Italy codice fiscale: DM 23/12/1976 odd/even tables, sum mod 26.
- India Aadhaar: Verhoeff (D5 tables), first digit 2-9.
- Mexico CURP: RENAPO dictionary 0-9 A-N Ñ O-Z, weights 18..2, (10 - sum mod 10) mod 10.
- Spain DNI: TRWAGMYFPDXBNJZSQVHLCKE[n mod 23].
- UK NINO: HMRC NIM39110 prefix and suffix rules.
- Canada SIN, Argentina SUBE: Luhn.
- Spain NUSS: (province * 10^8 + number) mod 97 (10^7 when the number is below 10^7).
- Phones: the national numbering plans (NANP, Ofcom, Bundesnetzagentur, AGCOM, ARCEP,
  CNMC, ANATEL), Ofcom's drama ranges and NANP's 555-01XX excluded.
- Argentina DNI, Brazil RG, Colombia cédula, Canada PR card: length and format only.

A value that is legitimately two things is allowed for the other ID: a national phone
number valid in several countries' plans (no country code says which), a Spanish DNI
that is the person's NIF, a NIR that is also the French health insurance number, a
compact NINO that has the shape of a German ID card number.
"""

from .common import (DIGITS, DNI_LETTERS, UPPER, Sample, around, digits, filler, icao_check_digit, luhn_complete,
                     luhn_valid, negative, nir_key, pick, positive, ssn9, without_keyword)

N = 110  # positives and negatives per identifier (each at least 100)


def nz_digits(rng, n):
    """n digits, first not 0, not one digit repeated."""
    while True:
        s = rng.choice("123456789") + digits(rng, n - 1)
        if len(set(s)) > 1:
            return s


def kw(rng, words):
    """A keyword, sometimes capitalised."""
    k = rng.choice(words)
    r = rng.random()
    if r < 0.15:
        return k.upper()
    if r < 0.3:
        return k.capitalize()
    return k


def contexts(rng, keyword, value):
    """The value near its keyword in one of several layouts (plain text, JSON, CSV, logs)."""
    r = rng.randrange(10)
    if r < 6:
        return around(rng, keyword, value)
    if r == 6:
        return f'{{"{keyword}": "{value}", "status": "active"}}'
    if r == 7:
        return f"{keyword},name\n{value},Maria Lopez"
    if r == 8:
        return f"[info] {filler(rng)}: {keyword}={value}"
    return f"{keyword} ({value}) - {filler(rng)}"


def positives(rng, id, words, value, allow=()):
    """N positive samples: value(rng) near one of words (kw), in one of the contexts layouts."""
    return [positive(id, contexts(rng, kw(rng, words), value(rng)), allow=allow) for _ in range(N)]


# --- Argentina DNI ------------------------------------------------------------------

AR_KW = ["dni", "dni#", "d.n.i.", "documento nacional de identidad"]


def ar_dni(rng):
    n = nz_digits(rng, rng.choice([7, 8, 8]))
    if rng.random() < 0.5:
        return f"{int(n):,}".replace(",", ".")
    return n


def cuil(rng):
    """A valid CUIL (AFIP: weights 5,4,3,2,7,6,5,4,3,2 over type and DNI, 11 - sum mod 11)."""
    while True:
        body = rng.choice(["20", "27", "23"]) + nz_digits(rng, 8)
        r = 11 - sum(int(c) * w for c, w in zip(body, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))) % 11
        if r != 10:
            return f"{body[:2]}-{body[2:]}-{0 if r == 11 else r}"


def argentina(rng):
    ID = "ARGENTINA_DNI_NUMBER"
    out = positives(rng, ID, AR_KW, ar_dni)
    negs = []
    for i in range(N):
        r = i % 6
        if r == 0:
            negs.append(without_keyword(rng, ar_dni(rng)))
        elif r == 1:
            negs.append(around(rng, kw(rng, AR_KW), rng.choice(["99.999.999", "99999999", "00.000.000", "11.111.111"])))
        elif r == 2:
            negs.append(around(rng, kw(rng, AR_KW), nz_digits(rng, rng.choice([5, 6]))))
        elif r == 3:
            negs.append(around(rng, kw(rng, AR_KW), nz_digits(rng, rng.choice([10, 11, 12]))))
        elif r == 4:
            # A CUIL/CUIT holds the DNI between its type and check digits: not a DNI (it is
            # the taxpayer identifier, allowed).
            negs.append(around(rng, "cuil", cuil(rng)))
        else:
            negs.append(around(rng, kw(rng, AR_KW), f"{digits(rng, 2)}.{digits(rng, 3)}.{digits(rng, 3)}.{digits(rng, 3)}"))
    out += [negative(ID, t, allow=["ARGENTINA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER"] if "cuil" in t.lower() else [])
            for t in negs]
    return out


# --- Brazil RG ----------------------------------------------------------------------

BR_RG_KW = ["rg", "registro geral", "carteira de identidade"]


def sp_rg_dv(body8: str) -> str:
    s = sum(int(c) * w for c, w in zip(body8, range(2, 10)))
    r = s % 11
    return "X" if r == 10 else str(r)


def br_rg(rng):
    body = nz_digits(rng, 8)
    dv = sp_rg_dv(body)
    f = rng.randrange(4)
    if f == 0:
        return f"{body[:2]}.{body[2:5]}.{body[5:]}-{dv}"
    if f == 1:
        return f"{body}-{dv}"
    if f == 2:
        return f"{body[:2]}.{body[2:5]}.{body[5:]}"
    return body + (dv if dv != "X" else "0")


def brazil_rg(rng):
    ID = "BRAZIL_RG_NUMBER"
    out = positives(rng, ID, BR_RG_KW, br_rg)
    negs = []
    for i in range(N):
        r = i % 5
        if r == 0:
            negs.append(without_keyword(rng, br_rg(rng)))
        elif r == 1:
            negs.append(around(rng, kw(rng, BR_RG_KW), rng.choice(["11.111.111-1", "00.000.000-0", "99999999-9"])))
        elif r == 2:
            negs.append(around(rng, kw(rng, BR_RG_KW), nz_digits(rng, rng.choice([4, 5]))))
        elif r == 3:
            # A CPF (11 digits, 3-3-3-2) next to "rg": not an RG.
            d = nz_digits(rng, 11)
            negs.append(around(rng, kw(rng, BR_RG_KW), f"{d[:3]}.{d[3:6]}.{d[6:9]}-{d[9:]}"))
        else:
            negs.append(around(rng, kw(rng, BR_RG_KW), nz_digits(rng, 12)))
    out += [negative(ID, t) for t in negs]
    return out


# --- Chile RUT ------------------------------------------------------------------------

CL_KW = ["rut", "run", "rut#", "r.u.t.", "rol único tributario", "rol único nacional",
         "rol unico tributario", "número identificación", "unique tax role", "national unique role"]


def rut_dv(body: str) -> str:
    s, w = 0, 2
    for c in reversed(body):
        s += int(c) * w
        w = 2 if w == 7 else w + 1
    r = 11 - s % 11
    return "0" if r == 11 else "K" if r == 10 else str(r)


def rut_body(rng):
    return str(rng.randrange(1_000_000, 30_000_000))


def rut_format(rng, body, dv):
    f = rng.randrange(4)
    if f == 0:
        return f"{int(body):,}".replace(",", ".") + "-" + dv
    if f == 1:
        return f"{body}-{dv}"
    if f == 2:
        return f"{body}{dv}"
    return f"{int(body):,}".replace(",", ".") + "-" + dv.lower()


def chile(rng):
    ID = "CHILE_RUT_NUMBER"
    out = []
    for _ in range(N):
        b = rut_body(rng)
        out.append(positive(ID, contexts(rng, kw(rng, CL_KW), rut_format(rng, b, rut_dv(b)))))
    negs = []
    for i in range(N):
        r = i % 4
        b = rut_body(rng)
        if r == 0:
            dv = rut_dv(b)
            bad = rng.choice([d for d in "0123456789K" if d != dv])
            negs.append(around(rng, kw(rng, CL_KW), rut_format(rng, b, bad)))
        elif r == 1:
            negs.append(without_keyword(rng, rut_format(rng, b, rut_dv(b))))
        elif r == 2:
            negs.append(around(rng, kw(rng, CL_KW), rng.choice(["12.345.678-5", "11.111.111-1", "00.000.000-0", "00000000-K"])))
        else:
            b = str(rng.randrange(10_000, 99_999))
            negs.append(around(rng, kw(rng, CL_KW), f"{b}-{rut_dv(b)}"))
    out += [negative(ID, t) for t in negs]
    return out


# --- Colombia cédula -----------------------------------------------------------------

CO_KW = ["cédula de ciudadanía", "cedula de ciudadania", "documento de identificación", "c.c."]


def co_cedula(rng):
    r = rng.random()
    if r < 0.4:
        n = "1" + digits(rng, 9)
    else:
        n = nz_digits(rng, rng.choice([7, 8]))
    if rng.random() < 0.5:
        return f"{int(n):,}".replace(",", ".")
    return n


def colombia(rng):
    ID = "COLOMBIA_CITIZENSHIP_CARD_NUMBER"
    out = positives(rng, ID, CO_KW, co_cedula)
    negs = []
    for i in range(N):
        r = i % 4
        if r == 0:
            negs.append(without_keyword(rng, co_cedula(rng)))
        elif r == 1:
            negs.append(around(rng, kw(rng, CO_KW), rng.choice(["1.111.111.111", "0000000000", "99.999.999"])))
        elif r == 2:
            negs.append(around(rng, kw(rng, CO_KW), nz_digits(rng, rng.choice([3, 4, 5]))))
        else:
            negs.append(around(rng, kw(rng, CO_KW), rng.choice("23456789") + digits(rng, 9 + rng.randrange(3))))
    out += [negative(ID, t) for t in negs]
    return out


# --- France NIR ------------------------------------------------------------------------

FR_KW = ["numéro de sécurité sociale", "sécurité sociale", "insee", "social security number",
         "n° sécurité sociale", "securite sociale", "ssn", "numéro d'assurance", "assurance sociale", "nir"]


def nir_body(rng):
    sex = rng.choice("12")
    yy = digits(rng, 2)
    mm = f"{rng.randrange(1, 13):02d}"
    r = rng.random()
    if r < 0.08:
        dep, com = rng.choice(["2A", "2B"]), f"{rng.randrange(1, 400):03d}"
    elif r < 0.15:
        dep, com = "99", f"{rng.randrange(100, 500):03d}"
    else:
        dep, com = f"{rng.choice([d for d in range(1, 96) if d != 20]):02d}", f"{rng.randrange(1, 900):03d}"
    order = f"{rng.randrange(1, 1000):03d}"
    return sex + yy + mm + dep + com + order


def nir_format(rng, body, key):
    k = f"{key:02d}"
    f = rng.randrange(3)
    if f == 0:
        return body + k
    if f == 1:
        return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {k}"
    return f"{body} {k}"


CARD_PREFIXES = ("4", "51", "52", "53", "54", "55", "2221", "223", "23", "24", "25", "26", "270",
                 "271", "2720", "34", "37", "300", "301", "302", "303", "304", "305", "3095", "36",
                 "38", "39", "35", "6011", "62", "644", "645", "646", "647", "648", "649", "65")


def card_shaped(compact: str) -> bool:
    return 13 <= len(compact) <= 19 and compact.isdigit() and luhn_valid(compact) and compact.startswith(CARD_PREFIXES)


def france(rng):
    ID = "FRANCE_NATIONAL_IDENTIFICATION_NUMBER"
    allow = ["FRANCE_HEALTH_INSURANCE_NUMBER"]
    out = []
    for _ in range(N):
        b = nir_body(rng)
        v = nir_format(rng, b, nir_key(b))
        extra = ["CREDIT_CARD_NUMBER_(NO_KEYWORD)"] if card_shaped(v) else []
        out.append(positive(ID, contexts(rng, kw(rng, FR_KW), v), allow=allow + extra))
    negs = []
    for i in range(N):
        r = i % 4
        b = nir_body(rng)
        if r == 0:
            k = nir_key(b)
            v = nir_format(rng, b, (k % 97) + 1)
        elif r == 1:
            v = None
            negs.append(without_keyword(rng, nir_format(rng, b, nir_key(b))))
        elif r == 2:
            v = rng.choice(["2 55 08 14 168 025 38", "1 84 12 76 451 089 46", "255081416802538"])
        else:
            b = b[:3] + rng.choice(["00", "13", "15", "19"]) + b[5:]   # impossible month
            v = nir_format(rng, b, nir_key(b))
        if v is not None:
            negs.append(around(rng, kw(rng, FR_KW), v))
    for t in negs:
        compact = "".join(c for c in t if c.isdigit())
        out.append(negative(ID, t, allow=allow + (["CREDIT_CARD_NUMBER_(NO_KEYWORD)"] if card_shaped(compact) else [])))
    return out


# --- Germany Personalausweis -----------------------------------------------------------

DE_KW = ["ausweisnummer", "personalausweis", "personalausweisnummer", "id number", "identity number",
         "identification number", "personal id"]
DE_FIRST = "LMNPRTVWXY"
DE_ALPHA = "0123456789CFGHJKLMNPRTVWXYZ"


def de_serial(rng):
    while True:
        s = rng.choice(DE_FIRST) + pick(rng, DE_ALPHA, 8)
        if any(c.isdigit() for c in s):
            return s


def germany_id(rng):
    r = rng.random()
    if r < 0.5:
        return de_serial(rng)
    if r < 0.85:
        s = de_serial(rng)
        return s + str(icao_check_digit(s))
    s = rng.choice("123456789") + digits(rng, 8)
    return s + str(icao_check_digit(s))


def germany(rng):
    ID = "GERMANY_NATIONAL_IDENTIFICATION_NUMBER"
    out = positives(rng, ID, DE_KW, germany_id)
    negs = []
    for i in range(N):
        r = i % 5
        if r == 0:
            s = de_serial(rng)
            v = s + str((icao_check_digit(s) + 1 + rng.randrange(9)) % 10)
        elif r == 1:
            s = rng.choice("123456789") + digits(rng, 8)
            v = s + str((icao_check_digit(s) + 1 + rng.randrange(9)) % 10)
        elif r == 2:
            v = rng.choice(["T22000129", "T220001293", "L01X00T47", "L01X00T471", "LZ6311T47", "LZ6311T475", "1220001297"])
        elif r == 3:
            # vowels and B, D, Q, S never appear in a card number
            v = rng.choice(DE_FIRST) + pick(rng, "ABDEQSU0123456789", 8)
            if all(c in DE_ALPHA for c in v[1:]):
                v = v[:4] + "A" + v[5:]
        else:
            negs.append(without_keyword(rng, germany_id(rng)))
            continue
        negs.append(around(rng, kw(rng, DE_KW), v))
    out += [negative(ID, t) for t in negs]
    return out


# --- Italy codice fiscale --------------------------------------------------------------

IT_KW = ["codice fiscale", "codice fiscal", "tax code", "c.f.", "cf", "tessera sanitaria",
         "dati anagrafici", "partita i.v.a.", "p. iva", "health insurance card"]
CF_ODD = dict(zip(DIGITS + UPPER, [1, 0, 5, 7, 9, 13, 15, 17, 19, 21] +
                  [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]))
CF_MONTHS = "ABCDEHLMPRST"
CF_OMO = "LMNPQRSTUV"


def cf_check(s15: str) -> str:
    total = 0
    for i, c in enumerate(s15):
        if i % 2 == 0:
            total += CF_ODD[c]
        else:
            total += int(c) if c.isdigit() else ord(c) - 65
    return chr(65 + total % 26)


def codice_fiscale(rng):
    cons = "BCDFGHJKLMNPRSTVWXZ"
    name = "".join(rng.choice(cons if i != 1 else "AEIOU") for i in range(6))
    yy = digits(rng, 2)
    month = rng.choice(CF_MONTHS)
    day = rng.randrange(1, 29) + (40 if rng.random() < 0.5 else 0)
    place = rng.choice("ABCDEFGHILM") + f"{rng.randrange(1, 999):03d}"
    s = list(name + yy + month + f"{day:02d}" + place)
    if rng.random() < 0.1:       # omocodia: the last digit replaced by its letter
        s[14] = CF_OMO[int(s[14])]
    s15 = "".join(s)
    return s15 + cf_check(s15)


def italy(rng):
    ID = "ITALY_NATIONAL_IDENTIFICATION_NUMBER"
    out = []
    for _ in range(N):
        v = codice_fiscale(rng)
        if rng.random() < 0.1:
            v = v.lower()
        out.append(positive(ID, contexts(rng, kw(rng, IT_KW), v)))
    negs = []
    for i in range(N):
        r = i % 4
        v = codice_fiscale(rng)
        if r == 0:
            v = v[:15] + rng.choice([c for c in UPPER if c != v[15]])
        elif r == 1:
            negs.append(without_keyword(rng, v))
            continue
        elif r == 2:
            v = rng.choice(["RSSMRA85T10A562S", "RSSMRA80A01H501U"])
        else:
            v = v[:8] + rng.choice("FGIJKNOQUVWXYZ") + v[9:15]       # no such month letter
            v = v + cf_check(v)
        negs.append(around(rng, kw(rng, IT_KW), v))
    out += [negative(ID, t) for t in negs]
    return out


# --- India Aadhaar -----------------------------------------------------------------------

IN_KW = ["aadhaar", "aadhar", "adhaar", "uidai", "aadhaar no", "aadhaar number"]
V_D = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
       [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
       [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
       [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
V_P = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
       [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
       [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]
V_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def verhoeff_digit(body: str) -> str:
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = V_D[c][V_P[(i + 1) % 8][int(ch)]]
    return str(V_INV[c])


def aadhaar_fmt(rng, s):
    f = rng.randrange(3)
    if f == 0:
        return f"{s[:4]} {s[4:8]} {s[8:]}"
    if f == 1:
        return f"{s[:4]}-{s[4:8]}-{s[8:]}"
    return s


def aadhaar(rng):
    b = rng.choice("23456789") + digits(rng, 10)
    return b + verhoeff_digit(b)


def india(rng):
    ID = "INDIA_AADHAAR_NUMBER"
    out = positives(rng, ID, IN_KW, lambda rng: aadhaar_fmt(rng, aadhaar(rng)))
    negs = []
    for i in range(N):
        r = i % 5
        s = aadhaar(rng)
        if r == 0:
            s = s[:11] + str((int(s[11]) + 1 + rng.randrange(9)) % 10)
        elif r == 1:
            negs.append(without_keyword(rng, aadhaar_fmt(rng, s)))
            continue
        elif r == 2:
            b = rng.choice("01") + digits(rng, 10)
            s = b + verhoeff_digit(b)
        elif r == 3:
            s = rng.choice(["999999999999", "123412341234", "234123412346"])
        else:
            s = s[:10]
        negs.append(around(rng, kw(rng, IN_KW), aadhaar_fmt(rng, s) if len(s) == 12 else s))
    out += [negative(ID, t) for t in negs]
    return out


# --- Mexico CURP ----------------------------------------------------------------------------

MX_KW = ["curp", "clave única de registro de población", "clave unica de registro de poblacion",
         "clave única", "registro de población", "population code", "registry code", "clave personal identidad"]
MX_STATES = ["AS", "BC", "BS", "CC", "CL", "CM", "CS", "CH", "DF", "DG", "GT", "GR", "HG", "JC", "MC", "MN",
             "MS", "NT", "NL", "OC", "PL", "QT", "QR", "SP", "SL", "SR", "TC", "TS", "TL", "VZ", "YN", "ZS", "NE"]
MX_DICT = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"


def curp_digit(s17: str) -> str:
    total = sum(MX_DICT.index(c) * (18 - i) for i, c in enumerate(s17))
    return str((10 - total % 10) % 10)


def curp(rng):
    cons = "BCDFGHJKLMNPQRSTVWXYZ"
    s = (rng.choice(UPPER) + rng.choice("AEIOUX") + rng.choice(UPPER) + rng.choice(UPPER) + digits(rng, 2)
         + f"{rng.randrange(1, 13):02d}" + f"{rng.randrange(1, 29):02d}" + rng.choice("HM") + rng.choice(MX_STATES)
         + pick(rng, cons, 3) + rng.choice(DIGITS + UPPER))
    return s + curp_digit(s)


def mexico(rng):
    ID = "MEXICO_CURP_NUMBER"
    out = positives(rng, ID, MX_KW, curp)
    negs = []
    for i in range(N):
        r = i % 4
        v = curp(rng)
        if r == 0:
            v = v[:17] + str((int(v[17]) + 1 + rng.randrange(9)) % 10)
        elif r == 1:
            negs.append(without_keyword(rng, v))
            continue
        elif r == 2:
            v = rng.choice(["HEGG560427MVZRRL04", "BADD110313HCMLNS09"])
        else:
            v = v[:11] + "ZZ" + v[13:17]          # no such state
            v = v + curp_digit(v)
        negs.append(around(rng, kw(rng, MX_KW), v))
    out += [negative(ID, t) for t in negs]
    return out


# --- Spain DNI ------------------------------------------------------------------------------

ES_KW = ["dni", "dni#", "documento nacional de identidad", "national identity", "número nacional identidad",
         "personal identification number", "unique identity number", "nationalid#", "insurance number"]


def spain_dni(rng):
    n = rng.randrange(1_000_000, 99_999_999)
    s = f"{n:08d}"
    letter = DNI_LETTERS[n % 23]
    f = rng.randrange(4)
    if f == 0:
        return s + letter
    if f == 1:
        return f"{s}-{letter}"
    if f == 2:
        return f"{s[:2]}.{s[2:5]}.{s[5:]}-{letter}"
    return s + letter.lower()


def spain(rng):
    ID = "SPAIN_DNI_NUMBER"
    allow = ["SPAIN_NIF_NUMBER"]
    out = positives(rng, ID, ES_KW, spain_dni, allow=allow)
    negs = []
    for i in range(N):
        r = i % 4
        n = rng.randrange(1_000_000, 99_999_999)
        if r == 0:
            good = DNI_LETTERS[n % 23]
            v = f"{n:08d}" + rng.choice([c for c in DNI_LETTERS if c != good])
        elif r == 1:
            negs.append(without_keyword(rng, spain_dni(rng)))
            continue
        elif r == 2:
            v = rng.choice(["12345678Z", "00000000T", "99999999R", "12.345.678-Z"])
        else:
            v = f"{n % 10_000_000:07d}" + DNI_LETTERS[(n % 10_000_000) % 23]     # 7 digits
        negs.append(around(rng, kw(rng, ES_KW), v))
    out += [negative(ID, t, allow=allow) for t in negs]
    return out


# --- UK NINO -----------------------------------------------------------------------------------

UK_KW = ["national insurance number", "nino", "ni number", "insurance number", "nationalinsurancenumber",
         "insurance no.", "nin", "national insurance no"]


def nino_prefix(rng):
    while True:
        a = rng.choice([c for c in UPPER if c not in "DFIQUV"])
        b = rng.choice([c for c in UPPER if c not in "DFIOQUV"])
        if a + b not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
            return a + b


def nino_fmt(rng, p, d, s):
    if rng.random() < 0.5:
        return f"{p}{d}{s}"
    return f"{p} {d[:2]} {d[2:4]} {d[4:]} {s}"


def german_shaped(v: str) -> bool:
    return len(v) in (9, 10) and v[0] in DE_FIRST and all(c in DE_ALPHA for c in v[1:9]) and any(c.isdigit() for c in v)


def uk_nino(rng):
    ID = "UK_NATIONAL_INSURANCE_NUMBER"
    out = []
    for _ in range(N):
        v = nino_fmt(rng, nino_prefix(rng), digits(rng, 6), rng.choice("ABCD"))
        allow = ["GERMANY_NATIONAL_IDENTIFICATION_NUMBER"] if german_shaped(v) else []
        out.append(positive(ID, contexts(rng, kw(rng, UK_KW), v), allow=allow))
    negs = []
    for i in range(N):
        r = i % 5
        if r == 0:
            v = nino_fmt(rng, rng.choice("DFIQUV") + rng.choice("ABCEH"), digits(rng, 6), rng.choice("ABCD"))
        elif r == 1:
            v = nino_fmt(rng, rng.choice(["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"]), digits(rng, 6), rng.choice("ABCD"))
        elif r == 2:
            v = nino_fmt(rng, nino_prefix(rng), digits(rng, 6), rng.choice("EFGXYZ"))
        elif r == 3:
            v = rng.choice(["QQ123456C", "QQ 12 34 56 C", "AB123456C", "AB 12 34 56 C"])
        else:
            negs.append((without_keyword(rng, nino_fmt(rng, nino_prefix(rng), digits(rng, 6), rng.choice("ABCD"))), []))
            continue
        negs.append((around(rng, kw(rng, UK_KW), v), ["GERMANY_NATIONAL_IDENTIFICATION_NUMBER"] if german_shaped(v) else []))
    out += [negative(ID, t, allow=a) for t, a in negs]
    return out


# --- Canada: permanent resident card, SIN ------------------------------------------------------------

CA_PR_KW = ["permanent resident card", "permanent resident card number", "pr card number", "pr number",
            "pr no", "permanent resident number", "carte résident permanent", "numéro résident permanent"]


def canada_pr_value(rng):
    r = rng.randrange(3)
    if r == 0:
        return rng.choice(["PA", "RA", "PR", "CA"]) + nz_digits(rng, 7)
    if r == 1:
        d = nz_digits(rng, 8)
        return d if rng.random() < 0.5 else f"{d[:4]}-{d[4:]}"
    d = nz_digits(rng, 10)
    return d if rng.random() < 0.5 else f"{d[:2]}-{d[2:6]}-{d[6:]}"


def canada_pr(rng):
    ID = "CANADA_NATIONAL_IDENTIFICATION_NUMBER"
    out = positives(rng, ID, CA_PR_KW, canada_pr_value)
    negs = []
    for i in range(N):
        r = i % 4
        if r == 0:
            negs.append(without_keyword(rng, canada_pr_value(rng)))
        elif r == 1:
            negs.append(around(rng, kw(rng, CA_PR_KW), rng.choice(["PA0000000", "00000000", "11111111", "99-9999-9999"])))
        elif r == 2:
            negs.append(around(rng, kw(rng, CA_PR_KW), nz_digits(rng, rng.choice([5, 6, 9, 11]))))
        else:
            negs.append(around(rng, kw(rng, CA_PR_KW), rng.choice(UPPER) + nz_digits(rng, 6)))
    out += [negative(ID, t) for t in negs]
    return out


CA_SIN_KW = ["sin", "social insurance number", "numéro d'assurance sociale", "sin#", "canadian id", "sin no"]


def sin_value(rng):
    body = rng.choice("12345679") + digits(rng, 7)
    s = luhn_complete(body)
    f = rng.randrange(3)
    if f == 0:
        return f"{s[:3]} {s[3:6]} {s[6:]}"
    if f == 1:
        return f"{s[:3]}-{s[3:6]}-{s[6:]}"
    return s


def canada_sin(rng):
    ID = "CANADA_SOCIAL_INSURANCE_NUMBER"
    out = positives(rng, ID, CA_SIN_KW, sin_value)
    negs = []
    for i in range(N):
        r = i % 5
        if r == 0:
            s = "".join(c for c in sin_value(rng) if c.isdigit())
            v = s[:8] + str((int(s[8]) + 1 + rng.randrange(9)) % 10)
        elif r == 1:
            negs.append(without_keyword(rng, sin_value(rng)))
            continue
        elif r == 2:
            v = rng.choice(["046 454 286", "123 456 782", "000 000 000"])
        elif r == 3:
            v = luhn_complete(rng.choice("08") + digits(rng, 7))
        else:
            v = luhn_complete(rng.choice("123456") + digits(rng, 8))    # 10 digits
        negs.append(around(rng, kw(rng, CA_SIN_KW), v))
    out += [negative(ID, t) for t in negs]
    return out


# --- Spain social security (NUSS) ------------------------------------------------------------

ES_SS_KW = ["número de la seguridad social", "numero de la seguridad social", "social security number",
            "social security no.", "ssn", "seguridad social", "nuss", "número de afiliación"]


def nuss_control(prov: int, number: int) -> int:
    n = prov * 10_000_000 + number if number < 10_000_000 else prov * 100_000_000 + number
    return n % 97


def nuss(rng):
    prov = rng.randrange(1, 53)
    number = rng.randrange(1, 99_999_999)
    return prov, number, nuss_control(prov, number)


def nuss_fmt(rng, prov, number, control):
    sep = rng.choice(["", " ", "/", "-"])
    return f"{prov:02d}{sep}{number:08d}{sep}{control:02d}"


def spain_ss(rng):
    ID = "SPAIN_SOCIAL_SECURITY_NUMBER"
    out = positives(rng, ID, ES_SS_KW, lambda rng: nuss_fmt(rng, *nuss(rng)))
    negs = []
    for i in range(N):
        r = i % 4
        p, n, c = nuss(rng)
        if r == 0:
            v = nuss_fmt(rng, p, n, (c + 1 + rng.randrange(90)) % 97)
        elif r == 1:
            negs.append(without_keyword(rng, nuss_fmt(rng, p, n, c)))
            continue
        elif r == 2:
            p = rng.randrange(54, 66)
            v = nuss_fmt(rng, p, n, nuss_control(p, n))
        else:
            v = f"{p:02d}/{n % 10_000_000:07d}/{nuss_control(p, n % 10_000_000):02d}"   # old 11-digit form
        negs.append(around(rng, kw(rng, ES_SS_KW), v))
    out += [negative(ID, t) for t in negs]
    return out


# --- Argentina SUBE -----------------------------------------------------------------------------

SUBE_KW = ["sube", "tarjeta sube", "sistema único de boleto electrónico", "sistema unico de boleto electronico"]


def sube_value(rng, valid=True):
    s = luhn_complete("6061" + digits(rng, 11))
    if not valid:
        s = s[:15] + str((int(s[15]) + 1 + rng.randrange(9)) % 10)
    sep = rng.choice(["", " ", "-"])
    return sep.join([s[:4], s[4:8], s[8:12], s[12:]])


def sube(rng):
    ID = "ARGENTINA_TARJETA_SUBE"
    out = positives(rng, ID, SUBE_KW, sube_value)
    negs = []
    for i in range(N):
        r = i % 4
        if r == 0:
            v = sube_value(rng, valid=False)
        elif r == 1:
            negs.append(without_keyword(rng, sube_value(rng)))
            continue
        elif r == 2:
            v = rng.choice(["6061 1234 1234 1234", "6061-1234-1234-1234", "6061123412341234"])
            if luhn_valid(v.replace(" ", "").replace("-", "")):
                v = "6061 0000 0000 0000"
        else:
            v = luhn_complete(rng.choice(["6062", "6160", "6011"]) + digits(rng, 11))   # not 6061
            if card_shaped(v):
                v = luhn_complete("6160" + digits(rng, 11))
        negs.append(around(rng, kw(rng, SUBE_KW), v))
    out += [negative(ID, t) for t in negs]
    return out


# --- USA SSN (existing identifier) --------------------------------------------------------------

US_SSN_KW = ["ssn", "social security", "ss#", "social security number", "ssn#"]


def ssn_value(rng):
    s = ssn9(rng)
    sep = rng.choice(["-", "-", " ", ""])
    return f"{s[:3]}{sep}{s[3:5]}{sep}{s[5:]}"


def usa_ssn(rng):
    ID = "USA_SOCIAL_SECURITY_NUMBER"
    out = positives(rng, ID, US_SSN_KW, ssn_value)
    negs = []
    for i in range(N):
        r = i % 5
        if r == 0:
            v = f"{rng.choice(['000', '666', '9' + digits(rng, 2)])}-{rng.randrange(1, 100):02d}-{rng.randrange(1, 10000):04d}"
        elif r == 1:
            v = f"{rng.randrange(1, 900):03d}-{rng.choice(['00'])}-{rng.randrange(1, 10000):04d}"
        elif r == 2:
            v = rng.choice(["078-05-1120", "219-09-9999", "123-45-6789", "000-00-0000"])
        elif r == 3:
            negs.append(without_keyword(rng, ssn_value(rng)))
            continue
        else:
            v = f"{rng.randrange(100, 900):03d}-{rng.randrange(10, 100):02d}-{rng.randrange(1, 10000):04d}-{rng.randrange(1, 10)}"
        negs.append(around(rng, kw(rng, US_SSN_KW), v))
    out += [negative(ID, t) for t in negs]
    # An SSN line next to a phone line (an HR note): each is its own identifier only.
    for _ in range(20):
        v = ssn_value(rng)
        if rng.random() < 0.5:
            v = "0" + v[1:]
        national, phone = phone_national(rng, "US")
        text = f"{rng.choice(['Samuel Osei', 'Ana Ruiz'])} - social security number: {v}\n  Tel. {phone} (evenings only)"
        # A compact or spaced SSN can be a valid Spanish or Italian number too.
        compact = v.replace("-", "").replace(" ", "")
        also = [PHONE_IDS[c] for c in ("ES", "IT") if plan_valid(c, compact)] + phone_allow("US", national)
        out.append(Sample(ID, text, {ID: 1, "PHONE_NUMBER": 1}, also))
    return out


# --- Email (existing identifier) --------------------------------------------------------------------

def email_value(rng):
    first = rng.choice(["ana", "li.wei", "j.smith", "mark_o", "sofia", "rahul.k", "eva+news", "t.nakamura"])
    host = rng.choice(["northwind-mail.io", "fjordline.no", "acme-widgets.co.uk", "kyoto-sangyo.ac.jp",
                       "harbourline.com", "mail.bluepeak.de", "correo.sur.com.ar"])
    v = f"{first}{rng.randrange(1, 99) if rng.random() < 0.4 else ''}@{host}"
    return v if rng.random() < 0.85 else v.upper()


def email(rng):
    ID = "EMAIL_ADDRESS"
    out = []
    for _ in range(N):
        v = email_value(rng)
        r = rng.randrange(4)
        if r == 0:
            t = f"From: {rng.choice(['Ana Ruiz', 'Li Wei', 'Sam Osei'])} <{v}>"
        elif r == 1:
            t = f"{filler(rng)} {v} {filler(rng)}"
        elif r == 2:
            t = f'{{"email": "{v}"}}'
        else:
            t = f"<a href=\"mailto:{v}\">write</a>"
        out.append(positive(ID, t))
    negs = []
    for i in range(N):
        r = i % 6
        if r == 0:
            negs.append(f"contact {rng.choice(['alice', 'bob', 'ops'])}@{rng.choice(['example.com', 'mail.example.org', 'example.net'])}")
        elif r == 1:
            negs.append(f"qa+{rng.randrange(100)}@shop.test and x@y.invalid")
        elif r == 2:
            negs.append(f"ssh {rng.choice(['deploy', 'root', 'ci'])}@buildhost{rng.randrange(9)} now")
        elif r == 3:
            negs.append(f"git@github.com:acme/repo{rng.randrange(99)}.git")
        elif r == 4:
            negs.append(f"background: url(img/logo@{rng.choice(['2x', '3x'])}.png)")
        else:
            negs.append(f"image: registry.acme.io/app@sha256:{pick(rng, '0123456789abcdef', 64)}")
    out += [negative(ID, t) for t in negs]
    return out


# --- Phones -----------------------------------------------------------------------------------------

PHONE_KW = ["phone", "phone number", "tel", "telephone", "mobile", "cell", "fax", "contact", "telephone number"]
BR_PHONE_KW = ["telefone", "celular", "fone", "cel", "número residencial", "phone", "móvel"]
LOCAL_KW = {"FR": ["téléphone", "portable", "tél"], "DE": ["telefon", "handy", "telefonnummer"],
            "IT": ["telefono", "cellulare"], "ES": ["teléfono", "móvil", "telefono"], "UK": [], "US": [], "BR": []}
PHONE_IDS = {"US": "PHONE_NUMBER", "UK": "UK_PHONE_NUMBER", "FR": "FRANCE_PHONE_NUMBER", "DE": "GERMANY_PHONE_NUMBER",
             "IT": "ITALY_PHONE_NUMBER", "ES": "SPAIN_PHONE_NUMBER", "BR": "BRAZIL_PHONE_NUMBER"}
UK_DRAMA = {1134960, 1144960, 1154960, 1164960, 1174960, 1184960, 1214960, 1314960, 1414960, 1514960, 1614960,
            1914980, 2079460, 2920180, 2890180, 1632960, 7700900, 8081570, 9098790, 3069990}
BR_DDD = [11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45,
          46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83,
          84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99]


def plan_valid(country: str, national: str) -> bool:
    """Whether a number written without country code (digits as written) is valid in a plan."""
    d = national
    if country == "US":
        if len(d) == 11 and d[0] == "1":
            d = d[1:]
        return (len(d) == 10 and d[0] >= "2" and d[1:3] != "11" and d[3] >= "2" and d[4:6] != "11"
                and not (d[3:6] == "555" and 100 <= int(d[6:]) <= 199))
    if country == "UK":
        if not d.startswith("0"):
            return False
        n = d[1:]
        return ((len(n) == 10 or (len(n) == 9 and n[0] in "18")) and n[0] in "1235789"
                and not (len(n) == 10 and int(n) // 1000 in UK_DRAMA))
    if country == "FR":
        return len(d) == 10 and d[0] == "0" and d[1] != "0"
    if country == "DE":
        if not d.startswith("0"):
            return False
        n = d[1:]
        if not (9 <= len(n) <= 11) or n[0] == "0":
            return False
        return len(n) >= 10 if n[:2] in ("15", "16", "17") else True
    if country == "IT":
        if d.startswith("0"):
            return 8 <= len(d) <= 11 and d[1] != "0"
        return d.startswith("3") and len(d) in (9, 10)
    if country == "ES":
        return len(d) == 9 and d[0] in "6789"
    if country == "BR":
        if d.startswith("0"):
            d = d[1:]
        if len(d) not in (10, 11) or int(d[:2]) not in BR_DDD:
            return False
        return d[2] == "9" if len(d) == 11 else d[2] in "2345"
    raise ValueError(country)


def phone_national(rng, country):
    """(national digits as dialled, formatted national text)."""
    if country == "US":
        while True:
            a = rng.choice("23456789") + digits(rng, 2)
            e = rng.choice("23456789") + digits(rng, 2)
            l = digits(rng, 4)
            if a[1:] != "11" and e[1:] != "11" and e != "555":
                break
        f = rng.randrange(3)
        text = f"({a}) {e}-{l}" if f == 0 else f"{a}-{e}-{l}" if f == 1 else f"{a}.{e}.{l}"
        return a + e + l, text
    if country == "UK":
        while True:
            k = rng.randrange(3)
            if k == 0:
                n = "20" + rng.choice("378") + digits(rng, 7)
                text = f"0{n[:2]} {n[2:6]} {n[6:]}"
            elif k == 1:
                n = "7" + rng.choice("1234589") + digits(rng, 8)
                text = f"0{n[:4]} {n[4:]}" if rng.random() < 0.5 else f"0{n[:4]} {n[4:7]} {n[7:]}"
            else:
                n = "1" + rng.choice("2345689") + digits(rng, 8)
                text = f"0{n[:4]} {n[4:]}" if rng.random() < 0.5 else f"(0{n[:3]}) {n[3:6]} {n[6:]}"
            if plan_valid("UK", "0" + n):
                return "0" + n, text
    if country == "FR":
        n = rng.choice("1234567") + digits(rng, 8)
        sep = rng.choice([" ", ".", "-", ""])
        return "0" + n, sep.join(["0" + n[0]] + [n[i:i + 2] for i in range(1, 9, 2)])
    if country == "DE":
        k = rng.randrange(3)
        if k == 0:
            area, sub = rng.choice(["30", "40", "89", "69", "221"]), digits(rng, rng.choice([7, 8]))
        elif k == 1:
            area, sub = rng.choice(["151", "160", "170", "171", "176"]), digits(rng, 7)
        else:
            area, sub = rng.choice(["6221", "7531", "3381", "4321"]), digits(rng, 6)
        sub = rng.choice("123456789") + sub[1:]
        sep = rng.choice([" ", "/", " / ", "-"])
        text = f"0{area}{sep}{sub}" if rng.random() < 0.8 else f"(0{area}) {sub[:3]} {sub[3:]}"
        return "0" + area + sub, text
    if country == "IT":
        if rng.random() < 0.5:
            n = "3" + rng.choice("2345689") + digits(rng, 8)
            text = f"{n[:3]} {n[3:]}" if rng.random() < 0.5 else f"{n[:3]} {n[3:6]} {n[6:]}"
        else:
            area = rng.choice(["02", "06", "011", "055", "0471"])
            n = area + rng.choice("123456789") + digits(rng, 9 - len(area))
            text = f"{area} {n[len(area):]}" if rng.random() < 0.5 else f"{area}-{n[len(area):]}"
        return n, text
    if country == "ES":
        n = rng.choice("6789") + digits(rng, 8)
        if n[0] in "89":
            n = n[0] + rng.choice("123456789") + n[2:]
        k = rng.randrange(3)
        text = f"{n[:3]} {n[3:6]} {n[6:]}" if k == 0 else f"{n[:3]} {n[3:5]} {n[5:7]} {n[7:]}" if k == 1 else n
        return n, text
    if country == "BR":
        ddd = str(rng.choice(BR_DDD))
        if rng.random() < 0.6:
            sub = "9" + rng.choice("6789") + digits(rng, 7)
            text = f"({ddd}) {sub[:5]}-{sub[5:]}" if rng.random() < 0.6 else f"{ddd} {sub[:5]}-{sub[5:]}"
        else:
            sub = rng.choice("2345") + digits(rng, 7)
            text = f"({ddd}) {sub[:4]}-{sub[4:]}"
        return ddd + sub, text
    raise ValueError(country)


CC = {"US": "1", "UK": "44", "FR": "33", "DE": "49", "IT": "39", "ES": "34", "BR": "55"}


def phone_international(rng, country):
    national, text = phone_national(rng, country)
    cc = CC[country]
    prefix = "+" + cc if country == "US" or rng.random() < 0.8 else "00" + cc
    if country in ("UK", "FR", "DE"):
        nsn = national[1:]
        if country == "FR":
            body = " ".join([nsn[0]] + [nsn[i:i + 2] for i in range(1, 9, 2)])
        elif country == "UK":
            body = f"{nsn[:2]} {nsn[2:6]} {nsn[6:]}" if nsn[0] == "2" else f"{nsn[:4]} {nsn[4:]}"
        else:
            body = f"{nsn[:len(nsn) - 7]} {nsn[len(nsn) - 7:]}"
        if rng.random() < 0.2:
            return f"{prefix} (0){body}"
        return f"{prefix} {body}" if rng.random() < 0.8 else prefix + nsn
    if country == "US":
        return f"+1 {national[:3]} {national[3:6]} {national[6:]}" if rng.random() < 0.7 else "+1" + national
    if country == "BR":
        return f"{prefix} {national[:2]} {national[2:-4]}-{national[-4:]}"
    return f"{prefix} {text}" if rng.random() < 0.8 else prefix + national


def phone_allow(country, national):
    return [PHONE_IDS[c] for c in PHONE_IDS if c != country and plan_valid(c, national)]


def phones(rng):
    out = []
    for country, ID in PHONE_IDS.items():
        kws = (BR_PHONE_KW if country == "BR" else PHONE_KW) + LOCAL_KW[country]
        for i in range(N):
            if i % 3 == 0:
                # With its country code: no keyword needed.
                out.append(positive(ID, f"{filler(rng)} {phone_international(rng, country)} {filler(rng)}"))
            elif i % 3 == 1:
                out.append(positive(ID, contexts(rng, kw(rng, kws), phone_international(rng, country))))
            else:
                national, text = phone_national(rng, country)
                out.append(positive(ID, contexts(rng, kw(rng, kws), text), allow=phone_allow(country, national)))
        for i in range(N):
            r = i % 4
            if r == 0:
                # The national form with no keyword nearby.
                national, text = phone_national(rng, country)
                out.append(negative(ID, without_keyword(rng, text)))
            elif r == 1:
                # Too short or too long for the plan, next to a keyword.
                national, text = phone_national(rng, country)
                bad = national[:-3]
                if plan_valid(country, bad):
                    bad = national + digits(rng, 4)
                out.append(negative(ID, around(rng, kw(rng, kws), bad), allow=phone_allow(country, bad)))
            elif r == 2:
                # Reserved fictitious numbers and impossible leading digits.
                if country == "US":
                    v = f"({rng.choice(['206', '312', '425'])}) 555-01{digits(rng, 2)}"
                elif country == "UK":
                    v = rng.choice([f"020 7946 0{digits(rng, 3)}", f"07700 900{digits(rng, 3)}", f"0161 496 0{digits(rng, 3)}",
                                    f"01632 960{digits(rng, 3)}"])
                elif country == "FR":
                    v = f"00 {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)}"
                elif country == "DE":
                    v = f"0{rng.choice(['15', '16', '17'])}{digits(rng, 1)} {digits(rng, 5)}"
                elif country == "IT":
                    v = f"{rng.choice(['1', '5', '7'])}{digits(rng, 2)} {digits(rng, 3)} {digits(rng, 4)}"
                elif country == "ES":
                    v = f"{rng.choice('1235')}{digits(rng, 2)} {digits(rng, 3)} {digits(rng, 3)}"
                else:
                    v = f"({rng.choice(['10', '20', '23', '50', '70'])}) 9{digits(rng, 4)}-{digits(rng, 4)}"
                digits_only = "".join(c for c in v if c.isdigit())
                out.append(negative(ID, around(rng, kw(rng, kws), v), allow=phone_allow(country, digits_only)))
            else:
                # Another country's code: not this country's number.
                other = rng.choice([c for c in PHONE_IDS if c != country])
                out.append(negative(ID, f"{filler(rng)} {phone_international(rng, other)} {filler(rng)}",
                                    allow=[PHONE_IDS[other]]))
    return out


# --- all ----------------------------------------------------------------------------------------------

def samples(rng):
    out = []
    for group in (argentina, brazil_rg, chile, colombia, france, germany, italy, india, mexico, spain, uk_nino,
                  canada_pr, canada_sin, spain_ss, sube, usa_ssn, email, phones):
        out += group(rng)
    return out
