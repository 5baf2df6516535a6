"""Eval samples for Macie's taxpayer identification identifiers (module `taxpayer`).

Macie lists 19 IDs under "Taxpayer identification or reference number"; 17 are this
group's (CHILE_RUT_NUMBER and ITALY_NATIONAL_IDENTIFICATION_NUMBER are listed under
national identification numbers too, with the same keywords, and belong to the
personal_national module). Every value is built here with check-digit code written from
the numbers' specifications (shared helpers in eval/common.py), independently of Trawl's
Swift validators:

- Australia TFN: weights 1,4,3,7,5,8,6,9,10, sum divisible by 11 (ATO).
- Brazil CPF / CNPJ: two mod-11 check digits (Receita Federal); CNPJ also in the
  alphanumeric form (IN RFB 2.229/2024: character value = ASCII code - 48).
- France numéro fiscal (SPI): last 3 digits = first 10 digits mod 511.
- Germany Steuer-ID: ISO/IEC 7064 MOD 11,10, one digit repeated 2 or 3 times in the
  first ten (never three in a row), first digit not 0.
- India PAN: AAA + holder-type letter + letter + 4 digits + letter (structure only).
- Spain NIE / NIF: mod-23 letter; CIF: Luhn-style control digit or letter J,A-I.
- UK UTR: HMRC's weights 6,7,8,9,10,5,4,3,2 mod 11 on digits 2-10 give digit 1;
  TRN: 2 digits, a letter, 5 digits.
- US ITIN: 9XX-GG-XXXX with GG in 50-65, 70-88, 90-92, 94-99 (IRS).
- Argentina CUIT/CUIL: weights 5,4,3,2,7,6,5,4,3,2, mod 11 (AFIP).
- Colombia NIT: DIAN's prime weights 3,7,13,...,71, mod 11.
- Mexico RFC: SAT's mod-11 check character over the 0-9A-N&O-Z Ñ alphabet.
"""

import re
from collections import Counter

from .common import (DIGITS, DNI_LETTERS, UPPER, around, digits, filler, luhn_valid, negative, pick, positive,
                     without_keyword)

N = 110  # positives and negatives per identifier (each at least 100)


# --- check digits, from the specifications -----------------------------------------

def tfn_valid(d: str) -> bool:
    w = (1, 4, 3, 7, 5, 8, 6, 9, 10)
    return len(d) == 9 and d.isdigit() and sum(int(c) * k for c, k in zip(d, w)) % 11 == 0


def cpf_digits(first9: str) -> str:
    out = first9
    for start in (10, 11):
        s = sum(int(c) * w for c, w in zip(out, range(start, 1, -1)))
        r = s % 11
        out += "0" if r < 2 else str(11 - r)
    return out[9:]


def cpf_valid(d: str) -> bool:
    return len(d) == 11 and d.isdigit() and len(set(d)) > 1 and cpf_digits(d[:9]) == d[9:]


def cnpj_digits(first12: str) -> str:
    w1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
    out = first12
    for weights in (w1, [6] + w1):
        s = sum((ord(c) - 48) * w for c, w in zip(out, weights))
        r = s % 11
        out += "0" if r < 2 else str(11 - r)
    return out[12:]


def cnpj_valid(v: str) -> bool:
    return (len(v) == 14 and all(c in DIGITS + UPPER for c in v[:12]) and v[12:].isdigit()
            and len(set(v)) > 1 and cnpj_digits(v[:12]) == v[12:])


def fr_valid(d: str) -> bool:
    return len(d) == 13 and d.isdigit() and d[0] in "0123" and int(d[:10]) % 511 == int(d[10:])


def de_check(first10: str) -> int:
    product = 10
    for c in first10:
        s = (int(c) + product) % 10
        product = ((s or 10) * 2) % 11
    check = 11 - product
    return 0 if check == 10 else check


def de_valid(d: str) -> bool:
    if len(d) != 11 or not d.isdigit() or d[0] == "0":
        return False
    counts = Counter(d[:10])
    repeated = [c for c, n in counts.items() if n > 1]
    if len(repeated) != 1 or counts[repeated[0]] not in (2, 3):
        return False
    if counts[repeated[0]] == 3 and repeated[0] * 3 in d[:10]:
        return False
    return de_check(d[:10]) == int(d[10])


CIF_TYPES = "ABCDEFGHJNPQRSUVW"


def cif_control(seven: str) -> int:
    total = 0
    for i, c in enumerate(seven):
        v = int(c)
        if i % 2 == 0:          # positions 1, 3, 5, 7 are doubled
            v *= 2
            v = v // 10 + v % 10
        total += v
    return (10 - total % 10) % 10


def utr_first(rest9: str) -> str:
    w = (6, 7, 8, 9, 10, 5, 4, 3, 2)
    return "21987654321"[sum(int(c) * k for c, k in zip(rest9, w)) % 11]


def utr_valid(d: str) -> bool:
    return len(d) == 10 and d.isdigit() and utr_first(d[1:]) == d[0]


ITIN_GROUPS = [g for g in range(100) if 50 <= g <= 65 or 70 <= g <= 88 or 90 <= g <= 92 or 94 <= g <= 99]


def cuit_check(first10: str):
    w = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    r = 11 - sum(int(c) * k for c, k in zip(first10, w)) % 11
    return 0 if r == 11 else (None if r == 10 else r)


def cuit_valid(d: str) -> bool:
    return len(d) == 11 and d.isdigit() and cuit_check(d[:10]) == int(d[10])


def nit_check(base: str) -> int:
    w = (3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71)
    r = sum(int(c) * w[i] for i, c in enumerate(reversed(base))) % 11
    return r if r < 2 else 11 - r


RFC_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"


def rfc_check(first: str) -> str:
    padded = " " * (12 - len(first)) + first
    r = sum(RFC_ALPHABET.index(c) * (13 - i) for i, c in enumerate(padded)) % 11
    return "0" if r == 0 else ("A" if r == 1 else str(11 - r))


# --- value generators ---------------------------------------------------------------

def tfn(rng):
    while True:
        head = digits(rng, 8)
        last = sum(int(c) * k for c, k in zip(head, (1, 4, 3, 7, 5, 8, 6, 9))) % 11
        if last < 10 and head != "00000000":
            return head + str(last)


def cpf(rng):
    while True:
        head = digits(rng, 9)
        if len(set(head)) > 1:
            return head + cpf_digits(head)


def cnpj(rng, alnum=False):
    if alnum:
        head = pick(rng, DIGITS + UPPER, 8) + pick(rng, DIGITS + UPPER, 4)
    else:
        head = digits(rng, 8) + rng.choice(["0001", "0001", "0002", digits(rng, 4)])
    return head + cnpj_digits(head)


def spi(rng):
    head = rng.choice("0123") + digits(rng, 9)
    return head + "%03d" % (int(head) % 511)


def steuer_id(rng):
    while True:
        times = rng.choice([2, 2, 2, 3])
        pool = list(DIGITS)
        rng.shuffle(pool)
        repeated, others = pool[0], pool[1:11 - times]
        ten = [repeated] * times + others
        rng.shuffle(ten)
        s = "".join(ten)
        if s[0] == "0" or (times == 3 and repeated * 3 in s):
            continue
        return s + str(de_check(s))


PAN_TYPES = "PPPPPPCCHFATBLJG"


def pan(rng):
    return (pick(rng, UPPER, 3) + rng.choice(PAN_TYPES) + rng.choice(UPPER)
            + digits(rng, 4) + rng.choice(UPPER))


def nie(rng):
    p = rng.choice("XYZ")
    body = digits(rng, 7)
    return p + body + DNI_LETTERS[int(str("XYZ".index(p)) + body) % 23]


def nif(rng, klm=False):
    if klm:
        body = digits(rng, 7)
        return rng.choice("KLM") + body + DNI_LETTERS[int(body) % 23]
    body = digits(rng, 8)
    return body + DNI_LETTERS[int(body) % 23]


def cif(rng):
    t = rng.choice(CIF_TYPES)
    body = digits(rng, 7)
    n = cif_control(body)
    if t in "NPQRSW" or body[:2] == "00":
        c = "JABCDEFGHI"[n]
    elif t in "ABEH":
        c = str(n)
    else:
        c = rng.choice(["JABCDEFGHI"[n], str(n)])
    return t + body + c


def utr(rng):
    rest = digits(rng, 9)
    return utr_first(rest) + rest


def trn(rng):
    return digits(rng, 2) + rng.choice(UPPER) + digits(rng, 5)


def itin(rng):
    return "9" + digits(rng, 2) + "%02d" % rng.choice(ITIN_GROUPS) + digits(rng, 4)


def cuit(rng, prefixes):
    while True:
        head = rng.choice(prefixes) + digits(rng, 8)
        c = cuit_check(head)
        if c is not None:
            return head + str(c)


def nit_base(rng, organization):
    if organization:
        return rng.choice("89") + digits(rng, 8)
    while True:
        n = rng.choice([6, 7, 8, 8, 8, 10, 10])
        base = rng.choice("123456789") + digits(rng, n - 1)
        if not (len(base) == 9 and base[0] in "89"):
            return base


def rfc(rng, individual):
    letters = pick(rng, UPPER, 4 if individual else 3)
    if rng.random() < 0.08:
        i = rng.randrange(len(letters))
        letters = letters[:i] + rng.choice("Ñ&") + letters[i + 1:]
    month = rng.randrange(1, 13)
    day = rng.randrange(1, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] + 1)
    head = letters + "%02d%02d%02d" % (rng.randrange(100), month, day) + pick(rng, "123456789" + UPPER, 2)
    return head + rfc_check(head)


# --- formatting -----------------------------------------------------------------------

def group(v, sizes, sep):
    out, i = [], 0
    for n in sizes:
        out.append(v[i:i + n])
        i += n
    return sep.join(out)


def change_one_digit(rng, v, valid, positions=None):
    """A lookalike with one digit changed that the specification rejects."""
    positions = positions or [i for i, c in enumerate(v) if c.isdigit()]
    while True:
        i = rng.choice(positions)
        w = v[:i] + rng.choice([d for d in DIGITS if d != v[i]]) + v[i + 1:]
        if not valid(w):
            return w


def text(rng, keywords, value, i):
    """The value near one of the keywords, in a layout that varies with i."""
    kw = keywords[i % len(keywords)]
    layout = i % 9
    if layout < 6:
        return around(rng, kw, value)
    if layout == 6:
        return f'{{"{kw}": "{value}", "status": "ok"}}'
    if layout == 7:
        return f"{filler(rng)}\n{kw.upper()}\n{value}"
    return f"Applicant {kw} #{value} ({filler(rng)})"


CARD_RUN = re.compile(r"(?<![0-9])[0-9]{13,19}(?![0-9])")


def card_shaped(t: str) -> bool:
    """A compact run of 13-19 digits that passes Luhn (a French numéro fiscal or a CNPJ
    can be one): legitimately also a CREDIT_CARD_NUMBER_(NO_KEYWORD) when its prefix is
    a card brand's, as Macie would report it."""
    return any(luhn_valid(m.group()) for m in CARD_RUN.finditer(t))


# The serial number of a German identity card (since 2010): a letter of LMNPRTVWXY and
# eight characters of 0-9 CFGHJKLMNPRTVWXYZ, with no check digit when printed alone.
ID_CARD_SERIAL = re.compile(r"(?<![0-9A-Za-z])[LMNPRTVWXY][0-9CFGHJKLMNPRTVWXYZ]{8}(?![0-9A-Za-z])")


def german_id_shaped(t: str) -> bool:
    """A Spanish NIE/NIF/CIF such as X1234567L is also a well-formed German identity card
    number; near "tax identification number" (which holds Macie's German keyword
    "identification number") it is legitimately both."""
    return "identification number" in t.lower() and any(
        any(c.isdigit() for c in m.group()) for m in ID_CARD_SERIAL.finditer(t))


def also(t: str) -> list:
    """Other identifiers a sample's value legitimately is as well."""
    out = []
    if card_shaped(t):
        out.append("CREDIT_CARD_NUMBER_(NO_KEYWORD)")
    if german_id_shaped(t):
        out.append("GERMANY_NATIONAL_IDENTIFICATION_NUMBER")
    return out


def add(out, id, pos, neg, allow=()):
    for t in pos:
        out.append(positive(id, t, allow=list(allow) + also(t)))
    for t in neg:
        out.append(negative(id, t, allow=list(allow) + also(t)))


# --- per identifier -------------------------------------------------------------------

KW_AU = ["tax file number", "tfn"]
KW_BR = ["cadastro de pessoa física", "cadastro de pessoa fisica", "cadastro de pessoas físicas",
         "cadastro de pessoas fisicas", "cadastro nacional da pessoa jurídica",
         "cadastro nacional da pessoa juridica", "cnpj", "cpf"]
KW_FR = ["numéro d'identification fiscal", "tax id", "tax identification number", "tax number", "tin",
         "tin#", "numéro fiscal"]
KW_DE = ["identifikationsnummer", "steuer id", "steueridentifikationsnummer", "steuernummer", "tax id",
         "tax identification number", "tax number", "steuer-id"]
KW_IN = ["e-pan", "pan card", "pan number", "permanent account number", "pan"]
KW_ES = ["cif", "nie", "nif", "número de contribuyente", "número de identidad de extranjero",
         "número de identificación fiscal", "número de impuesto corporativo", "personal tax number",
         "tax id", "tax identification number", "tax number", "tin", "tin#"]
KW_UK = ["paye", "tax id", "tax id no.", "tax id number", "tax identification", "tax reference",
         "tax no.", "tax number", "tax#", "taxid#", "temporary reference number", "tin", "trn",
         "unique tax reference", "unique taxpayer reference", "utr"]
KW_US = ["i.t.i.n.", "individual taxpayer identification number", "itin"]
KW_AR = ["argentina taxpayer id", "clave única de identificación tributaria", "cuil", "c.u.i.l",
         "cuit", "c.u.i.t", "número de identificación fiscal", "número de contribuyente",
         "unified labor identification code"]
KW_CO = ["nit", "nit.", "nit#", "n.i.t."]
KW_MX = ["código del registro federal de contribuyentes", "identificación de impuestos",
         "identificacion de impuestos", "registro federal de contribuyentes", "rfc", "rfc#", "r.f.c.",
         "iva", "i.v.a."]


def australia(rng, out):
    id = "AUSTRALIA_TAX_FILE_NUMBER"
    pos, neg = [], []
    for i in range(N):
        v = tfn(rng)
        pos.append(text(rng, KW_AU, group(v, (3, 3, 3), rng.choice([" ", "-", ""])), i))
    for i in range(N):
        v = tfn(rng)
        kind = i % 6
        if kind == 0:
            t = text(rng, KW_AU, group(change_one_digit(rng, v, tfn_valid), (3, 3, 3), " "), i)
        elif kind == 1:
            t = without_keyword(rng, group(v, (3, 3, 3), " "))
        elif kind == 2:
            t = text(rng, KW_AU, rng.choice(["123 456 782", "123456782"]), i)
        elif kind == 3:   # ten digits: not a TFN
            t = text(rng, KW_AU, v + rng.choice(DIGITS), i)
        elif kind == 4:   # mixed separators
            t = text(rng, KW_AU, v[:3] + " " + v[3:6] + "-" + v[6:], i)
        else:
            t = text(rng, KW_AU, group(change_one_digit(rng, v, tfn_valid), (3, 3, 3), "-"), i)
        neg.append(t)
    add(out, id, pos, neg)


def brazil(rng, out):
    id = "BRAZIL_CPF_NUMBER"
    pos, neg = [], []
    for i in range(N):
        v = cpf(rng)
        f = [group(v, (3, 3, 3, 2), ".")[:-3] + "-" + v[9:], v, v[:9] + "-" + v[9:]][i % 3]
        pos.append(text(rng, KW_BR, f, i))
    for i in range(N):
        v = cpf(rng)
        kind = i % 5
        if kind == 0:
            w = change_one_digit(rng, v, cpf_valid)
            t = text(rng, KW_BR, w[:3] + "." + w[3:6] + "." + w[6:9] + "-" + w[9:], i)
        elif kind == 1:
            t = without_keyword(rng, v[:3] + "." + v[3:6] + "." + v[6:9] + "-" + v[9:])
        elif kind == 2:
            t = text(rng, KW_BR, rng.choice(["111.444.777-35", "123.456.789-09", "11144477735"]), i)
        elif kind == 3:   # all digits the same: passes the sum, never assigned
            d = rng.choice("123456789")
            t = text(rng, KW_BR, f"{d*3}.{d*3}.{d*3}-{d*2}", i)
        else:
            t = text(rng, KW_BR, v[:10], i)
        neg.append(t)
    add(out, id, pos, neg)

    id = "BRAZIL_CNPJ_NUMBER"
    pos, neg = [], []
    for i in range(N):
        v = cnpj(rng, alnum=(i % 5 == 4))
        dotted = f"{v[:2]}.{v[2:5]}.{v[5:8]}/{v[8:12]}-{v[12:]}"
        f = [dotted, v, f"{v[:8]}/{v[8:12]}-{v[12:]}", dotted][i % 4]
        pos.append(text(rng, KW_BR, f, i))
    for i in range(N):
        v = cnpj(rng)
        kind = i % 5
        if kind == 0:
            w = change_one_digit(rng, v, cnpj_valid)
            t = text(rng, KW_BR, f"{w[:2]}.{w[2:5]}.{w[5:8]}/{w[8:12]}-{w[12:]}", i)
        elif kind == 1:
            t = without_keyword(rng, f"{v[:2]}.{v[2:5]}.{v[5:8]}/{v[8:12]}-{v[12:]}")
        elif kind == 2:
            t = text(rng, KW_BR, rng.choice(["11.222.333/0001-81", "12.ABC.345/01DE-35", "11222333000181"]), i)
        elif kind == 3:
            t = text(rng, KW_BR, f"{v[:2]}.{v[2:5]}.{v[5:8]}/{v[8:12]}-{v[12]}", i)   # 13 characters
        else:
            t = text(rng, KW_BR, "11.111.111/1111-11", i)
        neg.append(t)
    add(out, id, pos, neg)


def france(rng, out):
    id = "FRANCE_TAX_IDENTIFICATION_NUMBER"
    pos, neg = [], []
    for i in range(N):
        v = spi(rng)
        f = group(v, (2, 2, 3, 3, 3), " ") if i % 2 == 0 else v
        pos.append(text(rng, KW_FR, f, i))
    for i in range(N):
        v = spi(rng)
        kind = i % 5
        if kind == 0:
            t = text(rng, KW_FR, group(change_one_digit(rng, v, fr_valid), (2, 2, 3, 3, 3), " "), i)
        elif kind == 1:
            t = without_keyword(rng, group(v, (2, 2, 3, 3, 3), " "))
        elif kind == 2:   # first digit 4-9: not a numéro fiscal, even with matching digits
            head = rng.choice("456789") + digits(rng, 9)
            t = text(rng, KW_FR, head + "%03d" % (int(head) % 511), i)
        elif kind == 3:
            t = text(rng, KW_FR, rng.choice(["30 23 217 600 053", "3023217600053"]), i)
        else:
            t = text(rng, KW_FR, v[:12], i)
        neg.append(t)
    add(out, id, pos, neg)


def germany(rng, out):
    id = "GERMANY_TAX_IDENTIFICATION_NUMBER"
    pos, neg = [], []
    for i in range(N):
        v = steuer_id(rng)
        f = group(v, (2, 3, 3, 3), " ") if i % 2 == 0 else v
        pos.append(text(rng, KW_DE, f, i))
    for i in range(N):
        v = steuer_id(rng)
        kind = i % 6
        if kind == 0:
            t = text(rng, KW_DE, group(change_one_digit(rng, v, de_valid, [10]), (2, 3, 3, 3), " "), i)
        elif kind == 1:
            t = without_keyword(rng, group(v, (2, 3, 3, 3), " "))
        elif kind == 2:   # ten different digits: the repetition rule fails, check digit right
            ten = list(DIGITS)
            rng.shuffle(ten)
            if ten[0] == "0":
                ten[0], ten[1] = ten[1], ten[0]
            s = "".join(ten)
            t = text(rng, KW_DE, s + str(de_check(s)), i)
        elif kind == 3:
            t = text(rng, KW_DE, rng.choice(["12345678995", "36 574 261 809", "65929970489", "86095742719"]), i)
        elif kind == 4:   # leading zero
            s = "0" + v[1:10]
            t = text(rng, KW_DE, s + str(de_check(s)), i)
        else:             # one digit three times in a row
            d = rng.sample(DIGITS[1:], 8)
            s = d[0] + d[1] * 3 + "".join(d[2:8])
            t = text(rng, KW_DE, s + str(de_check(s)), i)
        neg.append(t)
    add(out, id, pos, neg)


def india(rng, out):
    id = "INDIA_PERMANENT_ACCOUNT_NUMBER"
    pos, neg = [], []
    for i in range(N):
        pos.append(text(rng, KW_IN, pan(rng), i))
    for i in range(N):
        v = pan(rng)
        kind = i % 5
        if kind == 0:     # the fourth character is not a holder type
            t = text(rng, KW_IN, v[:3] + rng.choice("DEIKMNOQRSUVWXYZ") + v[4:], i)
        elif kind == 1:
            t = without_keyword(rng, v)
        elif kind == 2:
            t = text(rng, KW_IN, rng.choice(["AAAPL1234C", "ABCPE1234F", "AAAPZ1234C"]), i)
        elif kind == 3:   # a digit where the fifth letter goes
            t = text(rng, KW_IN, v[:4] + rng.choice(DIGITS) + v[5:], i)
        else:
            t = text(rng, KW_IN, v[:9], i)
        neg.append(t)
    add(out, id, pos, neg)


def spain(rng, out):
    id = "SPAIN_NIE_NUMBER"
    pos, neg = [], []
    for i in range(N):
        v = nie(rng)
        f = [v, f"{v[0]}-{v[1:8]}-{v[8]}", v, f"{v[0]} {v[1:8]} {v[8]}"][i % 4]
        pos.append(text(rng, KW_ES, f, i))
    for i in range(N):
        v = nie(rng)
        kind = i % 5
        if kind == 0:
            t = text(rng, KW_ES, v[:8] + rng.choice([c for c in UPPER if c != v[8]]), i)
        elif kind == 1:
            t = without_keyword(rng, v)
        elif kind == 2:
            t = text(rng, KW_ES, rng.choice(["X1234567L", "Y1234567X", "Z1234567R"]), i)
        elif kind == 3:
            t = text(rng, KW_ES, rng.choice("WV") + v[1:], i)
        else:
            t = text(rng, KW_ES, v[:7] + v[8], i)
        neg.append(t)
    add(out, id, pos, neg)

    # NIF of Spanish individuals: the DNI number and its letter (also a valid
    # SPAIN_DNI_NUMBER, another module's), or K/L/M and seven digits.
    id = "SPAIN_NIF_NUMBER"
    pos, neg = [], []
    for i in range(N):
        v = nif(rng, klm=(i % 4 == 3))
        if v[0].isdigit():
            f = [v, v[:8] + "-" + v[8], f"{v[:2]}.{v[2:5]}.{v[5:8]}-{v[8]}", v][i % 4]
        else:
            f = v
        pos.append(text(rng, KW_ES, f, i))
    for i in range(N):
        v = nif(rng)
        kind = i % 5
        if kind == 0:
            t = text(rng, KW_ES, v[:8] + rng.choice([c for c in UPPER if c != v[8]]), i)
        elif kind == 1:
            t = without_keyword(rng, v)
        elif kind == 2:
            t = text(rng, KW_ES, rng.choice(["12345678Z", "00000000T", "99999999R", "11111111H"]), i)
        elif kind == 3:
            t = text(rng, KW_ES, v[1:], i)                        # seven digits
        else:
            k = nif(rng, klm=True)
            t = text(rng, KW_ES, k[:8] + rng.choice([c for c in UPPER if c != k[8]]), i)
        neg.append(t)
    add(out, id, pos, neg, allow=["SPAIN_DNI_NUMBER"])

    id = "SPAIN_TAX_IDENTIFICATION_NUMBER"
    pos, neg = [], []
    for i in range(N):
        v = cif(rng)
        f = [v, f"{v[0]}-{v[1:]}", f"{v[0]}-{v[1:8]}-{v[8]}"][i % 3]
        pos.append(text(rng, KW_ES, f, i))
    for i in range(N):
        v = cif(rng)
        kind = i % 5
        if kind == 0:
            n = cif_control(v[1:8])
            wrong = rng.choice([d for d in DIGITS if d != str(n)])
            t = text(rng, KW_ES, v[:8] + wrong, i)
        elif kind == 1:
            t = without_keyword(rng, v)
        elif kind == 2:
            t = text(rng, KW_ES, rng.choice(["A58818501", "J99216582", "B12345674"]), i)
        elif kind == 3:   # entity letters that do not exist (I, O, T)
            t = text(rng, KW_ES, rng.choice("IOT") + v[1:], i)
        else:             # an A company with a letter control
            body = v[1:8]
            t = text(rng, KW_ES, "A" + body + "JABCDEFGHI"[cif_control(body)], i)
        neg.append(t)
    add(out, id, pos, neg)


def uk(rng, out):
    id = "UK_TAX_IDENTIFICATION_NUMBER"
    pos, neg = [], []
    for i in range(N):
        kind = i % 6
        if kind == 5:
            v = trn(rng)
            f = v if i % 2 else f"{v[:2]} {v[2]} {v[3:]}"
        else:
            v = utr(rng)
            f = [v, v[:5] + " " + v[5:], v + "K", "K" + v, v][kind]
        pos.append(text(rng, KW_UK, f, i))
    for i in range(N):
        v = utr(rng)
        kind = i % 6
        if kind == 0:
            t = text(rng, KW_UK, change_one_digit(rng, v, utr_valid, [0]), i)
        elif kind == 1:
            t = without_keyword(rng, v)
        elif kind == 2:
            t = text(rng, KW_UK, rng.choice(["2234567890", "2108834503", "1097172564", "1234567890"]), i)
        elif kind == 3:
            t = text(rng, KW_UK, v[:9], i)
        elif kind == 4:
            t = text(rng, KW_UK, v + rng.choice(DIGITS), i)
        else:
            t = without_keyword(rng, trn(rng))
        neg.append(t)
    add(out, id, pos, neg)


def usa(rng, out):
    id = "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER"
    pos, neg = [], []
    for i in range(N):
        v = itin(rng)
        pos.append(text(rng, KW_US, group(v, (3, 2, 4), rng.choice(["-", "-", " ", ""])), i))
    for i in range(N):
        v = itin(rng)
        kind = i % 5
        if kind == 0:     # group outside the IRS ranges
            g = rng.choice([g for g in range(100) if g not in ITIN_GROUPS])
            t = text(rng, KW_US, f"{v[:3]}-{g:02d}-{v[5:]}", i)
        elif kind == 1:
            t = without_keyword(rng, group(v, (3, 2, 4), "-"))
        elif kind == 2:
            t = text(rng, KW_US, "999-99-9999", i)
        elif kind == 3:   # does not start with 9
            t = text(rng, KW_US, group(rng.choice("12345678") + v[1:], (3, 2, 4), "-"), i)
        else:
            t = text(rng, KW_US, f"{v[:3]}-{v[3:5]}-{v[5:8]}", i)
        neg.append(t)
    add(out, id, pos, neg)


def argentina(rng, out):
    for id, prefixes, other in (("ARGENTINA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", ["20", "23", "24", "27"], "30"),
                                ("ARGENTINA_ORGANIZATION_TAX_IDENTIFICATION_NUMBER", ["30", "33", "34"], "20")):
        pos, neg = [], []
        for i in range(N):
            v = cuit(rng, prefixes)
            pos.append(text(rng, KW_AR, group(v, (2, 8, 1), ["-", "", " ", "-"][i % 4]), i))
        for i in range(N):
            v = cuit(rng, prefixes)
            kind = i % 5
            if kind == 0:
                t = text(rng, KW_AR, group(change_one_digit(rng, v, cuit_valid, [10]), (2, 8, 1), "-"), i)
            elif kind == 1:
                t = without_keyword(rng, group(v, (2, 8, 1), "-"))
            elif kind == 2:
                t = text(rng, KW_AR, rng.choice(["20-05536168-2", "20-26756539-3"]) if other == "30"
                         else "30-50001091-2", i)
            elif kind == 3:   # prefixes no CUIT uses
                head = rng.choice(["21", "22", "28", "31", "35", "40"]) + v[2:10]
                c = cuit_check(head)
                t = text(rng, KW_AR, group(head + str(c if c is not None else 0), (2, 8, 1), "-"), i)
            else:
                t = text(rng, KW_AR, f"{v[:2]}-{v[2:9]}-{v[10]}", i)   # seven middle digits
            neg.append(t)
        add(out, id, pos, neg)


def colombia(rng, out):
    for id, organization in (("COLOMBIA_INDIVIDUAL_NIT_NUMBER", False), ("COLOMBIA_ORGANIZATION_NIT_NUMBER", True)):
        pos, neg = [], []
        for i in range(N):
            base = nit_base(rng, organization)
            dv = str(nit_check(base))
            dotted = "{:,}".format(int(base)).replace(",", ".")
            f = [f"{dotted}-{dv}", f"{base}-{dv}", base + dv, f"{dotted}-{dv}"][i % 4]
            pos.append(text(rng, KW_CO, f, i))
        for i in range(N):
            base = nit_base(rng, organization)
            dv = nit_check(base)
            dotted = "{:,}".format(int(base)).replace(",", ".")
            kind = i % 4
            if kind == 0:
                wrong = rng.choice([d for d in DIGITS if d != str(dv)])
                t = text(rng, KW_CO, f"{dotted}-{wrong}", i)
            elif kind == 1:
                t = without_keyword(rng, f"{dotted}-{dv}")
            elif kind == 2:
                t = text(rng, KW_CO, rng.choice(["213.123.432-1", "2131234351", "800.197.268-4"]), i)
            else:
                t = text(rng, KW_CO, "12345-" + str(nit_check("12345")), i)    # five-digit base
            neg.append(t)
        add(out, id, pos, neg)


def mexico(rng, out):
    for id, individual in (("MEXICO_INDIVIDUAL_RFC_NUMBER", True), ("MEXICO_ORGANIZATION_RFC_NUMBER", False)):
        n = 4 if individual else 3
        pos, neg = [], []
        for i in range(N):
            v = rfc(rng, individual)
            sep = ["", " ", "-", ""][i % 4]
            pos.append(text(rng, KW_MX, v[:n] + sep + v[n:n + 6] + sep + v[n + 6:], i))
        for i in range(N):
            v = rfc(rng, individual)
            kind = i % 5
            if kind == 0:
                wrong = rng.choice([c for c in DIGITS + "A" if c != v[-1]])
                t = text(rng, KW_MX, v[:-1] + wrong, i)
            elif kind == 1:
                t = without_keyword(rng, v)
            elif kind == 2:
                t = text(rng, KW_MX, rng.choice(["XAXX010101000", "XEXX010101000", "GODE561231GR8"]) if individual
                         else "MAB9307148T4", i)
            elif kind == 3:   # month 13
                head = v[:n + 2] + "13" + v[n + 4:-1]
                t = text(rng, KW_MX, head + rfc_check(head), i)
            else:             # without the homoclave
                t = text(rng, KW_MX, v[:n + 6], i)
            neg.append(t)
        add(out, id, pos, neg)


def samples(rng):
    out = []
    for part in (australia, brazil, france, germany, india, spain, uk, usa, argentina, colombia, mexico):
        part(rng, out)
    return out
