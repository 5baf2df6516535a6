#!/usr/bin/env python3
"""Generate Trawl's demo bucket tree (Corpus/demo) and its ground truth
(Corpus/demo-expected.json).

Every sensitive-looking value written here is SYNTHETIC: made by this script
from a fixed seed, with valid checksums (Luhn, mod-97, national check digits)
so that a scanner has to treat it as real. None belongs to a person, a card,
a bank account or a cloud account. Published test values (card-network test
numbers, AWS documentation keys, example.com addresses) appear only as
negatives.

The ground truth is derived from what this script planted, not from any
scanner. After writing the tree, the script re-reads it from disk and runs an
independent reference check (its own Luhn / mod-97 / SSN rules, its own
regexes and keyword-proximity test) that must reproduce the ground truth
exactly; it exits non-zero if it does not.

Usage: python3 Corpus/make_demo.py          (stdlib only, deterministic)
"""

import base64
import csv
import gzip
import hashlib
import hmac
import io
import json
import random
import re
import shutil
import struct
import sys
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "generators"))
from checksums import iban_check, luhn_digit  # noqa: E402

SEED = 20240311
HERE = Path(__file__).resolve().parent
OUT = HERE / "demo"
EXPECTED = HERE / "demo-expected.json"
STRADDLE = 262144          # 256 KiB: one planted value straddles this byte offset
BIG_LOG_SIZE = 300_000

rng = random.Random(SEED)

# ---------------------------------------------------------------------------
# Values the generator must never plant as positives (published or reserved).
PUBLISHED_TEST_CARDS = {
    "4111111111111111", "4242424242424242", "4012888888881881", "4222222222222",
    "4000056655665556", "4000000000000002", "4000000000009995", "5555555555554444",
    "5105105105105100", "5200828282828210", "2223003122003222", "2223000048400011",
    "378282246310005", "371449635398431", "378734493671000", "6011111111111117",
    "6011000990139424", "3056930009020004", "3566002020360505", "6200000000000005",
}
RESERVED_SSNS = {"078-05-1120", "219-09-9999", "123-45-6789"}
AWS_DOC_KEYS = {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}

# ---------------------------------------------------------------------------
# Value generators


def digits(n):
    return "".join(rng.choice("0123456789") for _ in range(n))


def card(brand):
    """A synthetic card number of the brand, Luhn-valid, never a test number."""
    while True:
        if brand == "visa":
            prefix, length = "4", 16
        elif brand == "mc":
            prefix, length = "5" + rng.choice("12345"), 16
        elif brand == "mc2":
            prefix, length = str(rng.randint(2221, 2720)), 16
        elif brand == "amex":
            prefix, length = rng.choice(["34", "37"]), 15
        else:
            raise ValueError(brand)
        body = prefix + digits(length - len(prefix) - 1)
        num = body + luhn_digit(body)
        if num in PUBLISHED_TEST_CARDS or re.search(r"(\d)\1{4}", num):
            continue
        return num


def fmt_card(num, style):
    if style == "compact":
        return num
    sep = " " if style == "space" else "-"
    if len(num) == 15:                       # Amex prints 4-6-5
        return sep.join([num[:4], num[4:10], num[10:]])
    return sep.join(num[i:i + 4] for i in range(0, len(num), 4))


def luhn_fail(num):
    """Same shape as num, last digit changed so Luhn fails."""
    return num[:-1] + str((int(num[-1]) + 3) % 10)


def ssn():
    while True:
        area = rng.randint(1, 899)
        if area == 666:
            continue
        s = f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"
        if s not in RESERVED_SSNS:
            return s


def phone(style="paren"):
    """US (NANP) number: area and exchange start 2-9, no N11, no 555."""
    def part():
        while True:
            p = str(rng.randint(2, 9)) + digits(2)
            if p[1:] != "11" and p != "555" and p[1] != "9":
                return p
    a, e, n = part(), part(), digits(4)
    return {"paren": f"({a}) {e}-{n}", "dash": f"{a}-{e}-{n}",
            "dot": f"{a}.{e}.{n}", "intl": f"+1 {a} {e} {n}"}[style]


DOMAINS = ["quillmere-mail.net", "corp.harbourline.co.uk", "fenwick-labs.io",
           "mail.brightwater-hr.org", "aldenvale-payroll.com", "ops.tidewell.dev"]


def email(first, last, domain=None):
    domain = domain or rng.choice(DOMAINS)
    return f"{first.lower()}.{last.lower()}@{domain}"


def _letters(n):
    return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(n))


def _es_dc(ten):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    d = 11 - sum(int(c) * x for c, x in zip(ten, w)) % 11
    return {11: 0, 10: 1}.get(d, d)


IT_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14,
          16, 10, 22, 25, 24, 23]


def _it_cin(s):
    total = 0
    for i, c in enumerate(s):
        v = int(c) if c.isdigit() else ord(c) - 65
        total += IT_ODD[v] if i % 2 == 0 else v
    return chr(65 + total % 26)


def _fr_key(bank, branch, account):
    return 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97)


def _bban(country):
    if country == "DE":
        return digits(8) + digits(10)
    if country == "FR":
        bank, branch, acct = str(rng.randint(10000, 99999)), digits(5), digits(11)
        return f"{bank}{branch}{acct}{_fr_key(bank, branch, acct):02d}"
    if country == "GB":
        return _letters(4) + digits(6) + digits(8)
    if country == "ES":
        bank, branch, acct = digits(4), digits(4), digits(10)
        return f"{bank}{branch}{_es_dc('00' + bank + branch)}{_es_dc(acct)}{acct}"
    if country == "NL":
        while True:                              # Dutch "elfproef" on the account
            nine = str(rng.randint(1, 9)) + digits(8)
            last = (-sum(int(c) * w for c, w in zip(nine, range(10, 1, -1)))) % 11
            if last < 10:
                return _letters(4) + nine + str(last)
    if country == "IT":
        rest = digits(5) + digits(5) + digits(12)
        return _it_cin(rest) + rest
    raise ValueError(country)


def _cardlike(text):
    """True if some run of digit groups in text (13-19 digits) passes Luhn."""
    for m in re.finditer(r"(?<![0-9])[0-9]+(?:[ -][0-9]+)*(?![0-9])", text):
        groups = re.split(r"[ -]", m.group())
        for i in range(len(groups)):
            for j in range(i, len(groups)):
                d = "".join(groups[i:j + 1])
                if 13 <= len(d) <= 19 and luhn_digit(d[:-1]) == d[-1]:
                    return True
    return False


def iban(country, spaced=False):
    while True:
        bban = _bban(country)
        value = country + iban_check(country, bban) + bban
        if spaced:
            value = " ".join(value[i:i + 4] for i in range(0, len(value), 4))
        if not _cardlike(value):
            return value


def bad_iban(country):
    good = iban(country)
    return good[:2] + f"{(int(good[2:4]) + 1) % 100:02d}" + good[4:]


B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def aws_secret():
    while True:
        s = "".join(rng.choice(B64) for _ in range(40))
        if "/" in s and "EXAMPLE" not in s:
            return s


def gcp_key():
    return "AIza" + "".join(rng.choice(ALNUM + "_-") for _ in range(35))


def stripe_live(n=24):
    return "sk_live_" + "".join(rng.choice(ALNUM) for _ in range(n))


def b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jwt(sub, name, iat):
    head = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    body = b64url(json.dumps({"sub": sub, "name": name, "iat": iat, "exp": iat + 3600},
                             separators=(",", ":")).encode())
    key = bytes(rng.getrandbits(8) for _ in range(32))
    sig = b64url(hmac.new(key, f"{head}.{body}".encode(), hashlib.sha256).digest())
    return f"{head}.{body}.{sig}"


def basic_auth(user):
    password = "".join(rng.choice(ALNUM) for _ in range(18))
    return "Authorization: Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def pem_block(label, raw, width):
    body = base64.b64encode(raw).decode()
    lines = [body[i:i + width] for i in range(0, len(body), width)]
    return [f"-----BEGIN {label}-----", *lines, f"-----END {label}-----"]


def openssh_key():
    raw = b"openssh-key-v1\x00" + struct.pack(">I", 4) + b"none" + struct.pack(">I", 4) + \
        b"none" + struct.pack(">I", 0) + struct.pack(">I", 1) + \
        bytes(rng.getrandbits(8) for _ in range(340))
    return pem_block("OPENSSH PRIVATE KEY", raw, 70)


def rsa_pkcs1_key():
    raw = bytes.fromhex("308204a40201000282010100") + bytes(rng.getrandbits(8) for _ in range(900))
    return pem_block("RSA PRIVATE KEY", raw, 64)


TOKEN_STOP = ["cc", "cv", "cid", "csc", "ssn", "ss", "tel", "exp", "pan", "mc", "card", "aws", "fax",
              "jcb", "visa", "iban", "key", "sk", "pk", "cell", "amex", "sec", "pay"]


def token(n):
    """Filler identifier: lower-case letters and digits, never 3 digits in a row."""
    while True:
        t = rng.choice("abcdefghijklmnopqrstuvwxyz") + "".join(
            rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n - 1))
        if not re.search(r"[0-9]{3}", t) and not any(k in t for k in TOKEN_STOP):
            return t


# ---------------------------------------------------------------------------
# Documents: lines plus what was planted on which line


class Doc:
    def __init__(self):
        self.lines = []
        self.plants = []     # (type, 1-based line, value)
        self.negatives = []  # (kind, 1-based line, value): must NOT be reported

    def add(self, line="", plants=(), negs=()):
        self.lines.append(line)
        n = len(self.lines)
        for t, v in plants:
            assert v in line, (t, v, line)
            self.plants.append((t, n, v))
        for k, v in negs:
            assert v in line, (k, v, line)
            self.negatives.append((k, n, v))
        return n

    def extend(self, other):
        base = len(self.lines)
        self.lines.extend(other.lines)
        self.plants += [(t, n + base, v) for t, n, v in other.plants]
        self.negatives += [(k, n + base, v) for k, n, v in other.negatives]

    def text(self, nl="\n"):
        return nl.join(self.lines) + nl


CC, CCNK = "CREDIT_CARD_NUMBER", "CREDIT_CARD_NUMBER_(NO_KEYWORD)"
EXP, CVV = "CREDIT_CARD_EXPIRATION", "CREDIT_CARD_SECURITY_CODE"
SSN, PHONE, EMAIL = "USA_SOCIAL_SECURITY_NUMBER", "PHONE_NUMBER", "EMAIL_ADDRESS"
AWS, GCP, JWT, BASIC = "AWS_CREDENTIALS", "GCP_API_KEY", "JSON_WEB_TOKEN", "HTTP_BASIC_AUTH_HEADER"
STRIPE, OPENSSH, PKCS = "STRIPE_CREDENTIALS", "OPENSSH_PRIVATE_KEY", "PKCS"
IBAN_TYPE = {"DE": "GERMANY_BANK_ACCOUNT_NUMBER", "FR": "FRANCE_BANK_ACCOUNT_NUMBER",
             "GB": "UK_BANK_ACCOUNT_NUMBER", "ES": "SPAIN_BANK_ACCOUNT_NUMBER",
             "NL": "NETHERLANDS_BANK_ACCOUNT_NUMBER", "IT": "ITALY_BANK_ACCOUNT_NUMBER"}


def ib(country, spaced=False):
    v = iban(country, spaced)
    return v, (IBAN_TYPE[country], v)


OBJECTS = []   # dicts: bucket, key, data, status, reason, plants, negatives, extra


def put(bucket, key, data, doc=None, status="COMPLETE", reason=None, **extra):
    OBJECTS.append({"bucket": bucket, "key": key, "data": data, "status": status,
                    "reason": reason, "plants": list(doc.plants) if doc else [],
                    "negatives": list(doc.negatives) if doc else [], "extra": extra})


def gz(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


PEOPLE = [("Maria", "Okafor"), ("Priya", "Raman"), ("Daniel", "Whitfield"), ("Aiko", "Tanabe"),
          ("Samuel", "Osei"), ("Lucia", "Ferreira"), ("Jonas", "Lindqvist"), ("Grace", "Mbeki"),
          ("Omar", "Haddad"), ("Hannah", "Kowalski"), ("Mateo", "Rojas"), ("Ingrid", "Halvorsen")]

# ---------------------------------------------------------------------------
# Bucket "hr"


def hr_bucket():
    # Plain text notes: SSNs with keyword, invalid SSNs with keyword, an SSN without keyword.
    d = Doc()
    d.add("HR operations - onboarding notes, March 2024 (internal)")
    d.add("")
    s1, p1, e1 = ssn(), phone("paren"), email("priya", "raman")
    d.add(f"Priya Raman starts on 2024-03-18 in Platform. SSN {s1} verified by payroll.",
          [(SSN, s1)])
    d.add(f"  Reach her before day one on her phone: {p1}", [(PHONE, p1)])
    d.add(f"  Personal mail for the welcome pack: {e1}", [(EMAIL, e1)])
    d.add("")
    s2, p2, e2 = ssn(), phone("dash"), email("samuel", "osei")
    d.add(f"Samuel Osei (Finance) - social security number: {s2}", [(SSN, s2)])
    d.add(f"  Tel. {p2} (evenings only)", [(PHONE, p2)])
    d.add(f"  Mail: {e2}", [(EMAIL, e2)])
    d.add("")
    d.add("Records cleanup - the old HRIS kept placeholders that are not real numbers:")
    d.add("  SSN 000-41-2290 (area 000 is never issued)", negs=[("SSN_BAD_AREA", "000-41-2290")])
    d.add("  SSN 666-18-4471 (area 666 is never issued)", negs=[("SSN_BAD_AREA", "666-18-4471")])
    d.add("  SSN 912-41-7731 (9xx is never issued as an SSN)",
          negs=[("SSN_BAD_AREA", "912-41-7731")])
    d.add("")
    bare = ssn()
    d.add("Locker assignments for the new floor were printed on the badge sheet.")
    d.add(f"Locker row {bare} was reprinted after the move.", negs=[("SSN_NO_KEYWORD", bare)])
    d.add("")
    d.add("Next review: 2024-04-02, agenda in the shared folder.")
    put("hr", "notes/onboarding-2024-03.txt", d.text().encode(), d)

    # CSV export: column names are the keywords (ssn, phone).
    d = Doc()
    d.add("employee_id,full_name,work_email,phone,ssn,start_date,department")
    depts = ["Platform", "Finance", "Legal", "Support", "Sales", "Design", "Security", "People"]
    for i, (first, last) in enumerate(PEOPLE[:8]):
        e, p, s = email(first, last, "corp.harbourline.co.uk"), phone(["paren", "dash"][i % 2]), ssn()
        d.add(f"E{10231 + i * 7},{first} {last},{e},{p},{s},2023-{(i % 9) + 1:02d}-{(i * 3) % 27 + 1:02d},"
              f"{depts[i]}", [(EMAIL, e), (PHONE, p), (SSN, s)])
    put("hr", "exports/employees.csv", d.text().encode(), d)

    # Gzipped CSV (CRLF, as a spreadsheet exports it): IBANs in an "iban" column.
    d = Doc()
    d.add("employee_id,name,country,iban,bic,net_pay_eur")
    bics = {"DE": "COBADEFF", "FR": "BNPAFRPP", "ES": "CAIXESBB", "IT": "UNCRITMM",
            "NL": "INGBNL2A", "GB": "BARCGB22"}
    for i, ((first, last), cc) in enumerate(zip(PEOPLE[2:10], ["DE", "FR", "ES", "IT", "NL", "GB", "DE", "FR"])):
        v, pl = ib(cc)
        d.add(f"E{10245 + i * 5},{first} {last},{cc},{v},{bics[cc]},{rng.randint(2800, 6900)}.{rng.randint(10, 99)}",
              [pl])
    put("hr", "exports/payroll-2024-02.csv.gz", gz(d.text("\r\n").encode()), d)

    # Windows-1252 letter with accented names (CRLF).
    d = Doc()
    d.add("Société Léonard & Fils — Service du personnel")
    d.add("Objet : confirmation des coordonnées bancaires")
    d.add("")
    d.add("Madame Françoise Lefèvre,")
    d.add("Nous avons bien reçu vos coordonnées ; le virement du salaire (41 500 € brut annuel) "
          "sera effectué sur :")
    v, pl = ib("FR", spaced=True)
    d.add(f"    IBAN : {v}", [pl])
    e = email("francoise", "lefevre", "quillmere-mail.net")
    d.add(f"    Courriel : {e}", [(EMAIL, e)])
    d.add("")
    d.add("Pour Mme Begoña Núñez (bureau de Séville), même procédure :")
    v, pl = ib("ES", spaced=True)
    d.add(f"    IBAN : {v}", [pl])
    d.add("Pour Herr Jürgen Weiß (Köln), l’équipe paie a noté :")
    v, pl = ib("DE")
    d.add(f"    IBAN {v}", [pl])
    p = phone("paren")
    d.add(f"    Tel. {p} (bureau de Boston)", [(PHONE, p)])
    d.add("")
    d.add("« Merci de vérifier ces informations », a écrit Zoë Brontë, déléguée du personnel.")
    d.add("Veuillez agréer, Madame, l’expression de nos salutations distinguées.")
    put("hr", "letters/coordonnees-bancaires-cp1252.txt", d.text("\r\n").encode("cp1252"), d)

    # UTF-16LE with BOM (CRLF).
    d = Doc()
    d.add("Welcome to Harbourline, Aiko!")
    d.add("")
    d.add("Your first week is booked. Before Monday please confirm the details we hold:")
    s, p, e = ssn(), phone("intl"), email("aiko", "tanabe")
    d.add(f"  Social security number (SSN): {s}", [(SSN, s)])
    d.add(f"  Mobile phone: {p}", [(PHONE, p)])
    d.add(f"  Personal e-mail: {e}", [(EMAIL, e)])
    v, pl = ib("GB")
    d.add(f"  Salary account (IBAN): {v}", [pl])
    d.add("")
    e2 = email("grace", "mbeki", "mail.brightwater-hr.org")
    d.add(f"Questions? Write to your buddy, Grace Mbeki, at {e2}.", [(EMAIL, e2)])
    put("hr", "letters/welcome-aiko-utf16.txt", b"\xff\xfe" + d.text("\r\n").encode("utf-16-le"), d)

    # Clean prose.
    d = Doc()
    for line in [
        "# Employee handbook (excerpt)",
        "",
        "## Working hours",
        "Core hours are ten to four. Outside them, plan your own day and tell your team",
        "when you will be away for more than half a day.",
        "",
        "## Leave",
        "Annual leave is requested in the HR portal at least two weeks ahead. Sick leave",
        "needs no approval for the first three days; after that, a note from a doctor.",
        "",
        "## Equipment",
        "Laptops are encrypted and managed. Do not store customer exports on them; use the",
        "shared drive, which is backed up and access-controlled.",
        "",
        "## Travel",
        "Book through the travel desk. Economy for flights under six hours, premium economy",
        "above. Receipts go into the expense tool within thirty days of your return.",
    ]:
        d.add(line)
    put("hr", "policies/handbook.md", d.text().encode(), d)

    # A small valid PNG, written chunk by chunk: binary, so SKIPPED.
    put("hr", "badges/badge-template.png", png(24, 16), status="SKIPPED",
        reason="UNSUPPORTED_FILE_TYPE_EXCEPTION")


def png(w, h):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"".join(bytes((x * 10 % 256, y * 15 % 256, 160)) for x in range(w))
                    for y in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


# ---------------------------------------------------------------------------
# Bucket "finance"


def payment_record(i, ts, person, with_cvc=False, with_phone=False):
    first, last = person
    num = card(["visa", "mc", "mc2", "amex"][i % 4])
    exp = f"{rng.randint(1, 12):02d}/{rng.randint(25, 30)}"
    e = email(first, last)
    rec = {"ts": ts, "event": "charge.succeeded", "customer": {"name": f"{first} {last}", "email": e}}
    plants = [(EMAIL, e)]
    if with_phone:
        p = phone("dash")
        rec["customer"]["phone"] = p
        plants.append((PHONE, p))
    pay = {"cardNumber": num, "expiry": exp}
    plants += [(CC, num), (EXP, exp)]
    if with_cvc:
        code = str(rng.randint(1000, 9999)) if len(num) == 15 else str(rng.randint(100, 999))
        pay["cvc"] = code
        plants.append((CVV, code))
    rec["payment"] = pay
    rec["amount_minor"] = rng.randint(10000, 99999)
    rec["currency"] = "USD"
    return json.dumps(rec), plants


def payout_record(ts, person, country):
    v, pl = ib(country)
    rec = {"ts": ts, "event": "payout.sent", "payee": f"{person[0]} {person[1]}",
           "payout": {"iban": v, "amount_minor": rng.randint(100000, 900000), "currency": "EUR"}}
    return json.dumps(rec), [pl]


def finance_bucket():
    # CSV: card_number / exp / cvv columns.
    d = Doc()
    d.add("order_id,customer_email,card_number,exp,cvv,amount,status")
    for i, person in enumerate(PEOPLE[:8]):
        brand = ["visa", "mc", "amex", "mc2", "visa", "mc", "mc2", "amex"][i]
        num = card(brand)
        shown = fmt_card(num, ["compact", "compact", "space", "compact", "dash", "compact", "space",
                               "compact"][i])
        exp = f"{rng.randint(1, 12):02d}/{rng.randint(25, 30)}"
        code = str(rng.randint(1000, 9999)) if brand == "amex" else str(rng.randint(100, 999))
        e = email(*person)
        d.add(f"ORD-{24031100 + i * 13},{e},{shown},{exp},{code},{rng.randint(10, 99)}.{rng.randint(10, 99)},"
              f"{['settled', 'settled', 'refunded', 'settled'][i % 4]}",
              [(EMAIL, e), (CC, shown), (EXP, exp), (CVV, code)])
    put("finance", "exports/card-payments-2024-03.csv", d.text().encode(), d)

    # Notes: inline keywords, and a card / date with no keyword nearby.
    d = Doc()
    d.add("Chargeback desk - working notes, week 11")
    d.add("")
    v1, v2, m1, a1 = card("visa"), card("visa"), card("mc"), card("amex")
    m2, nk = card("mc2"), card("visa")
    s = fmt_card(v1, "space")
    d.add(f"CB-17  Customer disputes a duplicate charge. Visa {s}, exp 09/27.",
          [(CC, s), (EXP, "09/27")])
    d.add("       The cardholder confirmed the CVV: 381 on the call; nothing else was read out.", [(CVV, "381")])
    s = fmt_card(m1, "dash")
    d.add(f"CB-18  Mastercard {s} - goods not received, evidence requested.", [(CC, s)])
    s = fmt_card(a1, "space")
    d.add(f"CB-19  Amex {s}, expiry 03/29, refund approved.", [(CC, s), (EXP, "03/29")])
    d.add("       The agent read the security code 7124 back to the customer.", [(CVV, "7124")])
    d.add(f"CB-20  Paid by cc {m2}; merchant descriptor unclear to the customer.", [(CC, m2)])
    d.add(f"CB-21  Credit card number {v2} flagged twice by the issuer.", [(CC, v2)])
    d.add("")
    d.add("Misc")
    d.add("----")
    d.add("The ticket export pasted a stray reference into the notes field:")
    d.add(f"  ref {nk} (origin unknown)", [(CCNK, nk)])
    d.add("")
    d.add("Team offsite is on 10/26 at the lake house; bring the projector.",
          negs=[("EXP_NO_KEYWORD", "10/26")])
    put("finance", "notes/chargebacks.txt", d.text().encode(), d)

    # JSON Lines: key names are the keywords ($.payment.cardNumber, $.payout.iban).
    d = Doc()
    t = datetime(2024, 3, 11, 9, 0, 0, tzinfo=timezone.utc)
    for i in range(10):
        t += timedelta(seconds=rng.randint(30, 900))
        ts = t.strftime("%Y-%m-%dT%H:%M:%SZ")
        person = PEOPLE[(i + 3) % len(PEOPLE)]
        if i == 6:
            nk = card("mc")
            line = json.dumps({"ts": ts, "event": "refund.issued", "ref": nk,
                               "amount_minor": rng.randint(10000, 99999), "currency": "USD"})
            d.add(line, [(CCNK, nk)])
        elif i in (3, 8):
            line, pl = payout_record(ts, person, ["NL", "IT"][i == 8])
            d.add(line, pl)
        else:
            line, pl = payment_record(i, ts, person, with_cvc=i in (1, 5), with_phone=i == 2)
            d.add(line, pl)
    put("finance", "events/payments.jsonl", d.text().encode(), d)

    # Multi-member gzip JSON Lines (three members appended, as log shippers do).
    members, whole = [], Doc()
    t = datetime(2024, 2, 1, 8, 0, 0, tzinfo=timezone.utc)
    for m, count in enumerate([5, 4, 5]):
        d = Doc()
        for i in range(count):
            t += timedelta(hours=rng.randint(1, 30))
            ts = t.strftime("%Y-%m-%dT%H:%M:%SZ")
            person = PEOPLE[(m * 5 + i) % len(PEOPLE)]
            if i == 2:
                line, pl = payout_record(ts, person, ["DE", "ES", "FR"][m])
            else:
                line, pl = payment_record(i + m, ts, person)
            d.add(line, pl)
        members.append(gz(d.text().encode()))
        whole.extend(d)
    put("finance", "archive/payments-2024-02.jsonl.gz", b"".join(members), whole, members=3)

    # Truncated gzip: cut in the middle of the deflate stream.
    put_truncated_recon()

    # Tricky negatives: published test numbers and checksum failures.
    d = Doc()
    d.add("# QA fixtures for the checkout sandbox. Published card-network test numbers and")
    d.add("# deliberately invalid values only; none of these is a real card or account.")
    d.add("")
    d.add("visa test card number: 4111 1111 1111 1111", negs=[("CARD_TEST", "4111 1111 1111 1111")])
    d.add("credit card (3DS off): 4242424242424242", negs=[("CARD_TEST", "4242424242424242")])
    d.add("mastercard test: 5555 5555 5555 4444", negs=[("CARD_TEST", "5555 5555 5555 4444")])
    d.add("amex test: 3782 822463 10005", negs=[("CARD_TEST", "3782 822463 10005")])
    bad = fmt_card(luhn_fail(card("visa")), "space")
    d.add(f"card number with a typo (fails Luhn): {bad}", negs=[("CARD_LUHN_FAIL", bad)])
    bad2 = luhn_fail(card("mc"))
    d.add(f"mastercard {bad2} -> must be rejected by the form", negs=[("CARD_LUHN_FAIL", bad2)])
    d.add("")
    bi = bad_iban("DE")
    d.add(f"IBAN with wrong check digits (fails mod-97): {bi}", negs=[("IBAN_BAD_CHECK", bi)])
    bi2 = bad_iban("NL")
    d.add(f"payout IBAN typo case: {bi2}", negs=[("IBAN_BAD_CHECK", bi2)])
    d.add("")
    d.add("sandbox key: sk_test_" + "".join(rng.choice(ALNUM) for _ in range(24)),
          negs=[("STRIPE_TEST", "sk_test_")])
    d.add("webhook target: qa-bot@example.com, cc'd to payments-qa@example.com",
          negs=[("EMAIL_EXAMPLE", "qa-bot@example.com"), ("EMAIL_EXAMPLE", "payments-qa@example.com")])
    d.add("")
    d.add("order ORD-2024-03-000731 created 1710144902 (2024-03-11T08:15:02Z)")
    d.add("order ORD-2024-03-000732 created 1710145011 (2024-03-11T08:16:51Z)")
    d.add("batch 20240311-0815-7731 closed at 2024-03-11 08:30:00 UTC")
    put("finance", "qa/test-cards.txt", d.text().encode(), d)

    # Clean config.
    d = Doc()
    for line in [
        "# billing service configuration (non-secret settings only)",
        "service:",
        "  name: billing-api",
        "  port: 8080",
        "  workers: 4",
        "currency:",
        "  default: EUR",
        "  supported: [EUR, USD, GBP]",
        "retries:",
        "  max_attempts: 5",
        "  backoff_ms: 250",
        "storage:",
        "  bucket: finance",
        "  prefix: exports/",
        "secrets:",
        "  provider: vault",
        "  path: kv/billing/prod",
        "features:",
        "  smart_retries: true",
        "  invoice_pdf: false",
    ]:
        d.add(line)
    put("finance", "config/billing.yaml", d.text().encode(), d)


def log_ts(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


PATHS = ["/v1/orders/ord_{}", "/v1/invoices/inv_{}", "/v1/users/usr_{}/prefs", "/v1/shipments/shp_{}",
         "/healthz", "/v1/catalog/items/itm_{}"]


def filler(t, component="api.http"):
    r = rng.random()
    if r < 0.08:
        return (f"{log_ts(t)} INFO  [api.db] pool stats active={rng.randint(1, 20)} idle={rng.randint(0, 30)} "
                f"waiting={rng.randint(0, 3)}")
    if r < 0.12:
        return f"{log_ts(t)} DEBUG [worker.queue] polled queue=jobs-{token(4)} got={rng.randint(0, 25)}"
    status = rng.choice([200] * 12 + [201, 204, 304, 400, 401, 404, 409, 500, 503])
    method = rng.choice(["GET"] * 5 + ["POST", "PUT", "DELETE"])
    path = rng.choice(PATHS).format(token(10))
    level = "WARN " if status >= 500 else "INFO "
    return (f"{log_ts(t)} {level} [{component}] req=r{token(11)} {method} {path} status={status} "
            f"dur={rng.randint(1, 900)}ms bytes={rng.randint(80, 48000)} ip=10.{rng.randint(0, 9)}."
            f"{rng.randint(0, 254)}.{rng.randint(1, 254)}")


def filler_exact(t, n):
    """A filler line of exactly n bytes including the newline."""
    base = f"{log_ts(t)} DEBUG [api.http] keepalive conn=c{token(8)} trace="
    pad = n - 1 - len(base)
    assert pad >= 4, n
    return base + token(pad)


def put_truncated_recon():
    part1, part2 = Doc(), Doc()
    t = datetime(2023, 12, 31, 22, 0, 0, tzinfo=timezone.utc)

    def tick():
        nonlocal t
        t += timedelta(milliseconds=rng.randint(200, 4000))
        return log_ts(t)

    part1.add(f"{tick()} INFO  [recon] starting reconciliation run for 2023-12")
    for i in range(36):
        if i == 5:
            v, pl = ib("DE")
            part1.add(f"{tick()} INFO  [recon] settlement matched iban={v} entries=14", [pl])
        elif i == 11:
            c = card("visa")
            part1.add(f"{tick()} WARN  [recon] unmatched capture, card number {c} amount=88.20", [(CC, c)])
        elif i == 19:
            v, pl = ib("IT")
            part1.add(f"{tick()} INFO  [recon] settlement matched iban={v} entries=3", [pl])
        elif i == 24:
            e = email("daniel", "whitfield")
            part1.add(f"{tick()} INFO  [recon] report mailed to {e}", [(EMAIL, e)])
        elif i == 30:
            c = card("mc")
            part1.add(f"{tick()} WARN  [recon] mastercard {c} captured twice, opening case", [(CC, c)])
        else:
            part1.add(filler(t, "recon"))
            tick()
    for i in range(300):
        part2.add(filler(t, "recon"))
        tick()
    lost = Doc()
    v, pl = ib("FR")
    lost.add(f"{tick()} INFO  [recon] settlement matched iban={v} entries=9", [pl])
    c = card("amex")
    lost.add(f"{tick()} WARN  [recon] unmatched refund, amex {c}", [(CC, c)])
    e = email("hannah", "kowalski")
    lost.add(f"{tick()} INFO  [recon] final report mailed to {e}", [(EMAIL, e)])
    lost.add(f"{tick()} INFO  [recon] run complete")
    part2.extend(lost)

    co = zlib.compressobj(9, zlib.DEFLATED, 31)
    head = co.compress(part1.text().encode()) + co.flush(zlib.Z_FULL_FLUSH)
    tail = co.compress(part2.text().encode()) + co.flush(zlib.Z_FINISH)
    cut = len(head) + len(tail) // 2
    data = (head + tail)[:cut]
    lost_lines = len(part1.lines) + len(part2.lines) - len(lost.lines) + 1
    note = (f"gzip stream cut at byte {cut} of {len(head) + len(tail)} (no trailer). Lines 1-"
            f"{len(part1.lines)} end at a full flush and are always readable; their values are counted. "
            f"The values planted on lines {lost_lines}-{lost_lines + 2} (FRANCE_BANK_ACCOUNT_NUMBER, "
            f"CREDIT_CARD_NUMBER, EMAIL_ADDRESS) lie after the cut, are lost, and are not counted; "
            f"the readable lines of part two are filler.")
    put("finance", "archive/recon-2023-12.log.gz", data, part1, status="PARTIAL", reason="MALFORMED_FILE",
        note=note, readable_min_lines=len(part1.lines))


# ---------------------------------------------------------------------------
# Bucket "engineering"


def engineering_bucket():
    d = Doc()
    d.add("# production environment for billing-api (rendered by the deploy pipeline)")
    d.add("APP_ENV=production")
    d.add("LOG_LEVEL=info")
    d.add("DB_HOST=db-primary.internal")
    d.add("DB_PORT=5432")
    d.add("AWS_REGION=eu-central-1")
    s = aws_secret()
    d.add(f"AWS_SECRET_ACCESS_KEY={s}", [(AWS, s)])
    k = stripe_live(24)
    d.add(f"STRIPE_SECRET_KEY={k}", [(STRIPE, k)])
    g = gcp_key()
    d.add(f"MAPS_API_KEY={g}", [(GCP, g)])
    d.add("FEATURE_FLAGS=new-checkout,fast-refunds")
    put("engineering", "deploy/prod.env", d.text().encode(), d)

    d = Doc()
    d.add("[default]")
    d.add("region = us-east-1")
    d.add("output = json")
    d.add("")
    d.add("[ci-deploy]")
    d.add("region = eu-central-1")
    s = aws_secret()
    d.add(f"aws_secret_access_key = {s}", [(AWS, s)])
    put("engineering", "deploy/aws-credentials.ini", d.text().encode(), d)

    d = Doc()
    block = openssh_key()
    d.add(block[0], [(OPENSSH, block[0])])
    for line in block[1:]:
        d.add(line)
    put("engineering", "secrets/id_ed25519", d.text().encode(), d)

    d = Doc()
    block = rsa_pkcs1_key()
    d.add(block[0], [(PKCS, block[0])])
    for line in block[1:]:
        d.add(line)
    put("engineering", "secrets/legacy-deploy.pem", d.text().encode(), d)

    big_api_log()
    worker_log()

    d = Doc()
    for line in [
        '"""Retry helper with exponential backoff and full jitter."""',
        "",
        "import random",
        "import time",
        "",
        "",
        "class RetryError(Exception):",
        '    """Raised when every attempt failed."""',
        "",
        "",
        "def retry(fn, attempts=5, base=0.25, cap=8.0, retry_on=(ConnectionError, TimeoutError)):",
        '    """Call fn until it succeeds or attempts run out."""',
        "    last = None",
        "    for attempt in range(attempts):",
        "        try:",
        "            return fn()",
        "        except retry_on as err:",
        "            last = err",
        "            delay = min(cap, base * (2 ** attempt))",
        "            time.sleep(random.uniform(0, delay))",
        "    raise RetryError(f\"gave up after {attempts} attempts\") from last",
        "",
        "",
        'if __name__ == "__main__":',
        "    print(retry(lambda: 42))",
    ]:
        d.add(line)
    put("engineering", "src/retry.py", d.text().encode(), d)

    # Documentation with tricky negatives.
    d = Doc()
    d.add("# Configuring the AWS CLI for the sandbox")
    d.add("")
    d.add("The AWS documentation uses these placeholder credentials; copy the shape, not the values:")
    d.add("")
    d.add("```ini")
    d.add("[sandbox]")
    d.add("aws_access_key_id = AKIAIOSFODNN7EXAMPLE", negs=[("AWS_EXAMPLE", "AKIAIOSFODNN7EXAMPLE")])
    d.add("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
          negs=[("AWS_EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")])
    d.add("region = us-west-2")
    d.add("```")
    d.add("")
    d.add("Questions go to the platform rota (platform-oncall@example.com); automated reports")
    d.add("come from noreply@example.com.")
    d.add("")
    digest = hashlib.sha256(b"trawl-demo-image").hexdigest()
    d.add(f"The sandbox runs the image `ghcr.io/harbourline/app@sha256:{digest}`.")
    d.add("Pin the digest, never a tag.")
    d.add("")
    d.add("## Release bundles")
    d.add("")
    blob = aws_secret()
    d.add("Each release bundle lists its integrity digest in the manifest. For v4.2 it was:")
    d.add("")
    d.add(f"    {blob}", negs=[("AWS_NO_KEYWORD", blob)])
    d.add("")
    d.add("Builds started at 1710144902 and finished at 1710145388 (Unix seconds).")
    put("engineering", "docs/aws-setup.md", d.text().encode(), d)


def big_api_log():
    d = Doc()
    t = datetime(2024, 3, 11, 0, 0, 0, tzinfo=timezone.utc)
    offset = 0
    straddle = None

    def nxt():
        nonlocal t
        t += timedelta(milliseconds=rng.randint(5, 90))
        return t

    def add(line, plants=()):
        nonlocal offset
        d.add(line, plants)
        offset += len(line) + 1

    def j(first, last):
        return jwt(f"usr_{token(8)}", f"{first} {last}", int(t.timestamp()))

    events = {
        60: lambda: (lambda e: (f"{log_ts(nxt())} INFO  [api.auth] signup completed email={e}", [(EMAIL, e)]))(
            email("lucia", "ferreira")),
        190: lambda: (lambda v: (f"{log_ts(nxt())} DEBUG [api.auth] inbound header Authorization: Bearer {v}",
                                 [(JWT, v)]))(j("Lucia", "Ferreira")),
        330: lambda: (lambda c: (f"{log_ts(nxt())} WARN  [api.billing] charge failed: card number {c} "
                                 f"declined (insufficient funds)", [(CC, c)]))(card("visa")),
        480: lambda: (lambda h: (f"{log_ts(nxt())} WARN  [api.http] legacy client sent {h}",
                                 [(BASIC, h)]))(basic_auth("svc-reporting")),
        610: lambda: (lambda s: (f"{log_ts(nxt())} INFO  [api.kyc] applicant ssn {s} matched", [(SSN, s)]))(ssn()),
        750: lambda: (lambda p: (f"{log_ts(nxt())} INFO  [api.sms] one-time code sent to phone {p}",
                                 [(PHONE, p)]))(phone("dot")),
        900: lambda: (lambda e: (f"{log_ts(nxt())} INFO  [api.auth] password reset requested email={e}",
                                 [(EMAIL, e)]))(email("jonas", "lindqvist")),
        1040: lambda: (lambda v: (f"{log_ts(nxt())} DEBUG [api.auth] inbound header Authorization: Bearer {v}",
                                  [(JWT, v)]))(j("Jonas", "Lindqvist")),
        1200: lambda: (lambda c: (f"{log_ts(nxt())} ERROR [api.import] row 77 rejected, unparsed field "
                                  f"value {c} left as is", [(CCNK, c)]))(card("mc2")),
        1370: lambda: (lambda v: (f"{log_ts(nxt())} INFO  [api.payouts] payout queued iban={v}",
                                  [(IBAN_TYPE['NL'], v)]))(iban("NL")),
        1520: lambda: (lambda e: (f"{log_ts(nxt())} INFO  [api.auth] signup completed email={e}",
                                  [(EMAIL, e)]))(email("omar", "haddad")),
        1950: lambda: (lambda h: (f"{log_ts(nxt())} WARN  [api.http] legacy client sent {h}",
                                  [(BASIC, h)]))(basic_auth("svc-ledger")),
        2050: lambda: (lambda v: (f"{log_ts(nxt())} DEBUG [api.auth] inbound header Authorization: Bearer {v}",
                                  [(JWT, v)]))(j("Mateo", "Rojas")),
        2100: lambda: (lambda e: (f"{log_ts(nxt())} INFO  [api.auth] email change confirmed email={e}",
                                  [(EMAIL, e)]))(email("ingrid", "halvorsen")),
    }
    while offset < BIG_LOG_SIZE or events:
        n = len(d.lines) + 1
        if straddle is None and offset + 1500 >= STRADDLE:
            c = card("mc")
            template = " ERROR [api.billing] gateway timeout, retry scheduled for card number "
            prefix_len = len(log_ts(t)) + len(template)   # timestamps have a fixed width
            start = STRADDLE - 7
            remaining = start - prefix_len - offset
            while remaining > 420:
                line = filler(nxt())
                add(line)
                remaining -= len(line) + 1
            first = remaining // 2
            add(filler_exact(nxt(), first))
            add(filler_exact(nxt(), remaining - first))
            prefix = log_ts(nxt()) + template
            assert offset + len(prefix) == start
            line = prefix + c + " (attempt 2 of 3)"
            add(line, [(CC, c)])
            straddle = {"offset": STRADDLE, "type": CC, "line": len(d.lines), "start": start,
                        "end": start + len(c)}
        elif events and n >= min(events):
            line, plants = events.pop(min(events))()
            add(line, plants)
        else:
            add(filler(nxt()))
    assert straddle and not events
    put("engineering", "logs/api-2024-03-11.log", d.text().encode(), d, straddle=straddle)


def worker_log():
    d = Doc()
    t = datetime(2024, 3, 10, 3, 0, 0, tzinfo=timezone.utc)
    for i in range(70):
        t += timedelta(milliseconds=rng.randint(50, 3000))
        if i == 4:
            k = stripe_live(32)
            d.add(f"{log_ts(t)} DEBUG [worker.billing] stripe client configured api_key={k}", [(STRIPE, k)])
        elif i == 12:
            e = email("mateo", "rojas")
            d.add(f"{log_ts(t)} INFO  [worker.mail] receipt sent to {e}", [(EMAIL, e)])
        elif i == 23:
            h = basic_auth("exporter")
            d.add(f"{log_ts(t)} DEBUG [worker.http] GET /internal/batch headers: {h}", [(BASIC, h)])
        elif i == 37:
            g = gcp_key()
            d.add(f"{log_ts(t)} DEBUG [worker.geo] geocoder ready key={g}", [(GCP, g)])
        elif i == 48:
            v = jwt(f"svc_{token(6)}", "batch worker", int(t.timestamp()))
            d.add(f"{log_ts(t)} DEBUG [worker.http] token refreshed: {v}", [(JWT, v)])
        elif i == 61:
            e = email("grace", "mbeki")
            d.add(f"{log_ts(t)} INFO  [worker.mail] digest sent to {e}", [(EMAIL, e)])
        else:
            d.add(filler(t, "worker.queue"))
    put("engineering", "logs/worker-2024-03-10.log.gz", gz(d.text().encode()), d)


# ---------------------------------------------------------------------------
# Root file (belongs to no bucket)


def root_file():
    text = ("Demo tree for Trawl. Each directory directly under this root is a bucket:\n"
            "hr, finance and engineering. This file sits at the root itself, outside any\n"
            "bucket, so a scan reports it as SKIPPED (NOT_IN_A_BUCKET).\n")
    put(None, "inventory.txt", text.encode(), status="SKIPPED", reason="NOT_IN_A_BUCKET")


# ---------------------------------------------------------------------------
# Writing


def write_tree():
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    for o in OBJECTS:
        path = OUT / o["key"] if o["bucket"] is None else OUT / o["bucket"] / o["key"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(o["data"])


def structured_locations(o):
    """Where each plant of a CSV or JSON Lines object sits, the way Macie locates it:
    {type: [[row, column, columnName], ...]} for CSV (the header is row 1) and
    {type: [[recordIndex, jsonPath], ...]} for JSON Lines, found by re-parsing the
    object's own text with Python's csv and json modules. None for other objects."""
    key = o["key"][:-3] if o["key"].endswith(".gz") else o["key"]
    if not key.endswith((".csv", ".jsonl")):
        return None
    data = gzip.decompress(o["data"]) if o["key"].endswith(".gz") else o["data"]
    text = data.decode("utf-8")
    out = {}
    if key.endswith(".csv"):
        rows = list(csv.reader(io.StringIO(text, newline="")))
        header = rows[0]
        for t, n, v in sorted(o["plants"], key=lambda p: p[1]):
            row = rows[n - 1]
            column = next(i for i, cell in enumerate(row) if v in cell) + 1
            out.setdefault(t, []).append([n, column, header[column - 1]])
        return "cells", out
    if key.endswith(".jsonl"):
        lines = text.splitlines()
        for t, n, v in sorted(o["plants"], key=lambda p: p[1]):
            out.setdefault(t, []).append([n - 1, json_path(json.loads(lines[n - 1]), v)])
        return "records", out
    return None


def json_path(value, wanted):
    """The JsonPath of the string or number holding `wanted` (iteratively, breadth first)."""
    queue = [("$", value)]
    while queue:
        path, v = queue.pop(0)
        if isinstance(v, dict):
            queue += [(f"{path}.{k}", x) for k, x in v.items()]
        elif isinstance(v, list):
            queue += [(f"{path}[{i}]", x) for i, x in enumerate(v)]
        elif not isinstance(v, bool) and v is not None and wanted in str(v):
            return path
    raise ValueError(wanted)


def ground_truth():
    rows = []
    for o in sorted(OBJECTS, key=lambda o: (o["bucket"] is not None, o["bucket"] or "", o["key"])):
        lines = {}
        for t, n, _ in sorted(o["plants"], key=lambda p: p[1]):
            lines.setdefault(t, []).append(n)
        if o["status"] == "SKIPPED":
            lines = {}
        row = {"bucket": o["bucket"], "key": o["key"], "status": o["status"], "reason": o["reason"],
               "detections": {t: len(v) for t, v in sorted(lines.items())},
               "lines": dict(sorted(lines.items()))}
        # CSV and JSON Lines are reported as cells and records: where those are.
        located = structured_locations(o) if lines else None
        if located:
            row[located[0]] = dict(sorted(located[1].items()))
        if o["extra"].get("straddle"):
            row["straddles"] = STRADDLE
            s = o["extra"]["straddle"]
            row["straddle"] = {"type": s["type"], "line": s["line"], "byteStart": s["start"],
                               "byteEnd": s["end"]}
        if o["extra"].get("note"):
            row["note"] = o["extra"]["note"]
        rows.append(row)
    out = '{"objects": [\n' + ",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in rows) + "\n]}\n"
    EXPECTED.write_text(out)
    return rows


# ---------------------------------------------------------------------------
# Independent reference check: re-read the tree from disk and re-derive every
# detection with validators and regexes written separately from the generator.


def chk_luhn(num):
    ds = [int(c) for c in reversed(num)]
    total = sum(ds[0::2]) + sum(2 * d - 9 if 2 * d > 9 else 2 * d for d in ds[1::2])
    return total % 10 == 0


def chk_mod97(iban_text):
    s = iban_text.replace(" ", "")
    moved = s[4:] + s[:4]
    return int("".join(c if c.isdigit() else str(ord(c) - 55) for c in moved)) % 97 == 1


def chk_ssn(s):
    a, g, n = s.split("-")
    return a not in ("000", "666") and not a.startswith("9") and g != "00" and n != "0000" \
        and s not in ("078-05-1120", "219-09-9999", "123-45-6789")


def chk_card_brand(num):
    return (num[0] == "4" and len(num) in (13, 16, 19)) or \
        (51 <= int(num[:2]) <= 55 and len(num) == 16) or \
        (2221 <= int(num[:4]) <= 2720 and len(num) == 16) or \
        (num[:2] in ("34", "37") and len(num) == 15) or \
        (num[:4] == "6011" or num[:2] == "65" or num[:2] in ("36", "38", "30", "35"))


TEST_CARDS = {"4111111111111111", "4242424242424242", "5555555555554444", "378282246310005",
              "4012888888881881", "5105105105105100", "371449635398431", "6011111111111117"}
IBAN_LEN = {"DE": 22, "FR": 27, "GB": 22, "ES": 24, "NL": 18, "IT": 27}

NARROW = {  # keywords the scanner is told to use (word match, separators flexible)
    CC: ["card number", "credit card", "visa", "mastercard", "amex", "cc"],
    SSN: ["ssn", "social security"],
    AWS: ["aws secret access key", "secret access key"],
    EXP: ["exp", "expiration", "expiry"],
    CVV: ["cvv", "cvc", "security code"],
    PHONE: ["phone", "tel"],
}
BROAD = {  # anything that might count as a keyword somewhere (substring match)
    CC: ["card", "credit", "debit", "visa", "master", "amex", "american express", "cc", "pan",
         "mc", "discover", "jcb", "diners", "account number", "payment"],
    SSN: ["ssn", "social", "ss#"],
    AWS: ["secret", "access key", "aws"],
    EXP: ["exp", "valid thru", "good thru", "validity"],
    CVV: ["cvv", "cvc", "cvn", "cid", "security code", "csc", "verification"],
    PHONE: ["phone", "tel", "mobile", "cell", "fax", "contact"],
}


def kw_regex(kw):
    words = kw.split()
    return re.compile(r"(?<![A-Za-z])" + r"[\s_.\-]*".join(map(re.escape, words)) + r"(?![a-z])", re.I)


NARROW_RE = {t: [kw_regex(k) for k in v] for t, v in NARROW.items()}


def name_words(names):
    out = []
    for n in names:
        n = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", n)
        out += [w.lower() for w in re.split(r"[\s_.\-]+", n) if w]
    return out


def names_have(names, typ):
    words = name_words(names)
    for kw in NARROW[typ]:
        k = kw.split()
        if any(words[i:i + len(k)] == k for i in range(len(words))):
            return True
    return False


def near(text, start, end, typ, dist):
    lo, hi = max(0, start - dist - 40), min(len(text), end + dist + 40)
    for rx in NARROW_RE[typ]:
        for m in rx.finditer(text, lo, hi):
            gap = start - m.end() if m.end() <= start else m.start() - end
            if 0 <= gap <= dist:
                return True
    return False


def broad_near(text, start, end, typ, dist=40):
    window = text[max(0, start - dist):start].lower() + " " + text[end:end + dist].lower()
    return any(k in window for k in BROAD[typ])


def card_candidates(text):
    for m in re.finditer(r"(?<![0-9])[0-9]+(?:[ -][0-9]+)*(?![0-9])", text):
        groups = [(g.start() + m.start(), g.group()) for g in re.finditer(r"[0-9]+", m.group())]
        for i in range(len(groups)):
            for k in range(i, len(groups)):
                num = "".join(g for _, g in groups[i:k + 1])
                if 13 <= len(num) <= 19 and chk_luhn(num) and chk_card_brand(num):
                    yield groups[i][0], groups[k][0] + len(groups[k][1]), num


RX = {
    "ssn": re.compile(r"(?<![0-9-])[0-9]{3}-[0-9]{2}-[0-9]{4}(?![0-9-])"),
    "phone": re.compile(r"(?<![0-9])(?:\+1[ .-]?)?(?:\([2-9][0-9]{2}\)|[2-9][0-9]{2})[ .-]?[2-9][0-9]{2}[ .-]?"
                        r"[0-9]{4}(?![0-9])"),
    "email": re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
    "iban": re.compile(r"\b[A-Z]{2}[0-9]{2}(?:[A-Z0-9]{10,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?)\b"),
    "aws": re.compile(r"(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"),
    "gcp": re.compile(r"AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"),
    "jwt": re.compile(r"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"),
    "basic": re.compile(r"Authorization:\s*Basic\s+[A-Za-z0-9+/]+=*", re.I),
    "stripe": re.compile(r"[rs]k_live_[0-9A-Za-z]{24,}"),
    "openssh": re.compile(r"-----BEGIN OPENSSH PRIVATE KEY-----"),
    "pkcs": re.compile(r"-----BEGIN (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----"),
    "exp": re.compile(r"(?<![0-9/])(?:0[1-9]|1[0-2])/(?:[0-9]{2}|20[0-9]{2})(?![0-9/])"),
    "cvv": re.compile(r"(?<![0-9.,])[0-9]{3,4}(?![0-9])"),
}


class Problems(list):
    def __call__(self, msg):
        self.append(msg)


def scan_text(text, ctx_names, problems, where):
    """Reference detection over one piece of text. ctx_names: structural names
    (CSV column, JSON path) that act as keywords for every value in text.
    Returns [(type, start)]."""
    found = []

    def kw(typ, s, e):
        if names_have(ctx_names, typ) or near(text, s, e, typ, 30):
            return True
        if broad_near(text, s, e, typ) or any(b in " ".join(ctx_names).lower() for b in BROAD[typ]):
            problems(f"{where}: {typ} candidate {text[s:e]!r} has only a loose keyword nearby")
        return False

    for s, e, num in card_candidates(text):
        if num in TEST_CARDS:
            continue
        found.append((CC if kw(CC, s, e) else CCNK, s))
    for m in RX["ssn"].finditer(text):
        if chk_ssn(m.group()) and kw(SSN, m.start(), m.end()):
            found.append((SSN, m.start()))
    for m in RX["phone"].finditer(text):
        if kw(PHONE, m.start(), m.end()):
            found.append((PHONE, m.start()))
    for m in RX["email"].finditer(text):
        if not m.group().lower().endswith("@example.com"):
            found.append((EMAIL, m.start()))
    for m in RX["iban"].finditer(text):
        v = m.group().replace(" ", "")
        if v[:2] in IBAN_LEN and len(v) == IBAN_LEN[v[:2]] and chk_mod97(v):
            found.append((IBAN_TYPE[v[:2]], m.start()))
    for m in RX["aws"].finditer(text):
        if m.group() not in AWS_DOC_KEYS and kw(AWS, m.start(), m.end()):
            found.append((AWS, m.start()))
    for m in RX["gcp"].finditer(text):
        found.append((GCP, m.start()))
    for m in RX["jwt"].finditer(text):
        head = json.loads(base64.urlsafe_b64decode(m.group().split(".")[0] + "=="))
        if head.get("typ") == "JWT":
            found.append((JWT, m.start()))
    for typ, key in ((BASIC, "basic"), (STRIPE, "stripe"), (OPENSSH, "openssh"), (PKCS, "pkcs")):
        for m in RX[key].finditer(text):
            found.append((typ, m.start()))
    for m in RX["exp"].finditer(text):
        if kw(EXP, m.start(), m.end()):
            found.append((EXP, m.start()))
    for m in RX["cvv"].finditer(text):
        if kw(CVV, m.start(), m.end()):
            found.append((CVV, m.start()))
    return found


def read_object(data):
    """Returns (text or None, status, reason) the way the reference sees it."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return None, "SKIPPED", "UNSUPPORTED_FILE_TYPE_EXCEPTION"
    status, reason = "COMPLETE", None
    if data[:2] == b"\x1f\x8b":
        out, rest = b"", data
        while rest:
            dec = zlib.decompressobj(31)
            out += dec.decompress(rest)
            if not dec.eof:
                status, reason = "PARTIAL", "MALFORMED_FILE"
                break
            rest = dec.unused_data
        data = out
    if data[:2] == b"\xff\xfe":
        text = data[2:].decode("utf-16-le")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
    return text.replace("\r\n", "\n"), status, reason


def reference_lines(key, text, problems):
    found = []   # (type, line)
    inner = key[:-3] if key.endswith(".gz") else key
    if inner.endswith(".csv"):
        rows = list(csv.reader(io.StringIO(text)))
        header = rows[0]
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                names = [header[c]] if r > 0 else []
                found += [(t, r + 1) for t, _ in scan_text(cell, names, problems, f"{key} r{r + 1}c{c + 1}")]
        # raw-text proximity across cells must not add anything the cells did not
        raw = {(t, text.count("\n", 0, s) + 1) for t, s in scan_text(text, [], Problems(), key)}
        extra = raw - set(found) - {(CCNK, n) for t, n in found if t == CC}
        extra = {(t, n) for t, n in extra if not (t == CCNK and (CC, n) in found)}
        if extra:
            problems(f"{key}: raw-text proximity finds {sorted(extra)} beyond the cell view")
    elif inner.endswith(".jsonl"):
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue
            stack = [(rec, [])]
            while stack:
                node, path = stack.pop()
                if isinstance(node, dict):
                    stack += [(v, path + [k]) for k, v in node.items()]
                elif isinstance(node, list):
                    stack += [(v, path) for v in node]
                elif isinstance(node, str):
                    found += [(t, n) for t, _ in scan_text(node, path, problems, f"{key}:{n}$.{'.'.join(path)}")]
            raw = {(t, n) for t, _ in scan_text(line, [], Problems(), key)}
            extra = {(t, m) for t, m in raw - set(found) if not (t == CCNK and (CC, m) in found)}
            if extra:
                problems(f"{key}: raw-text proximity finds {sorted(extra)} beyond the JSON view")
    else:
        found = [(t, text.count("\n", 0, s) + 1) for t, s in scan_text(text, [], problems, key)]
    lines = {}
    for t, n in sorted(found, key=lambda x: x[1]):
        lines.setdefault(t, []).append(n)
    return lines


def check(rows):
    problems = Problems()
    by_key = {(o["bucket"], o["key"]): o for o in OBJECTS}
    on_disk = sorted(str(p.relative_to(OUT)) for p in OUT.rglob("*") if p.is_file())
    listed = sorted(r["key"] if r["bucket"] is None else f"{r['bucket']}/{r['key']}" for r in rows)
    if on_disk != listed:
        problems(f"tree and ground truth differ: {set(on_disk) ^ set(listed)}")
    for r in rows:
        o = by_key[(r["bucket"], r["key"])]
        path = OUT / r["key"] if r["bucket"] is None else OUT / r["bucket"] / r["key"]
        data = path.read_bytes()
        if r["bucket"] is None:
            if (r["status"], r["reason"]) != ("SKIPPED", "NOT_IN_A_BUCKET"):
                problems(f"{r['key']}: root file must be SKIPPED/NOT_IN_A_BUCKET")
            continue
        if len(data) >= 20_000 and not r["key"].startswith("logs/api-"):
            problems(f"{r['key']}: {len(data)} bytes, over the 20 KB budget")
        text, status, reason = read_object(data)
        if (status, reason) != (r["status"], r["reason"]):
            problems(f"{r['key']}: reference reads {status}/{reason}, truth says {r['status']}/{r['reason']}")
        if text is None:
            check_png(data, problems, r["key"])
            continue
        got = reference_lines(r["key"], text, problems)
        if got != r["lines"]:
            problems(f"{r['bucket']}/{r['key']}: reference {got} != truth {r['lines']}")
        if sum(r["detections"].values()) != sum(len(v) for v in r["lines"].values()):
            problems(f"{r['key']}: detections and lines disagree")
        lines = text.split("\n")
        for t, n, v in o["plants"]:
            if v not in lines[n - 1]:
                problems(f"{r['key']}: planted {t} not on line {n}")
            check_value(t, v, problems, r["key"])
        for kind, n, v in o["negatives"]:
            if v not in lines[n - 1]:
                problems(f"{r['key']}: negative {kind} not on line {n}")
        if "straddle" in r:
            s = r["straddle"]
            if not s["byteStart"] < STRADDLE < s["byteEnd"]:
                problems("straddle does not straddle")
            value = data[s["byteStart"]:s["byteEnd"]].decode()
            if not (chk_luhn(value) and value in lines[s["line"] - 1]):
                problems("straddling value is not the planted card")
    return problems


def check_value(t, v, problems, key):
    bad = None
    if t in (CC, CCNK):
        num = re.sub(r"[ -]", "", v)
        if not (chk_luhn(num) and chk_card_brand(num)) or num in TEST_CARDS | PUBLISHED_TEST_CARDS:
            bad = "card"
    elif t == SSN:
        bad = None if chk_ssn(v) else "ssn"
    elif t in IBAN_TYPE.values():
        bad = None if chk_mod97(v) and IBAN_TYPE[v[:2]] == t else "iban"
    elif t == EMAIL:
        dom = v.split("@")[1].lower()
        if dom in ("example.com", "example.org", "example.net") or dom.endswith((".test", ".invalid", ".example")):
            bad = "email"
    elif t == PHONE:
        d = re.sub(r"\D", "", v)[-10:]
        if d[0] in "01" or d[3] in "01" or d[3:6] == "555" or d[1:3] == "11" or d[4:6] == "11":
            bad = "phone"
    elif t == AWS:
        bad = None if len(v) == 40 and "EXAMPLE" not in v else "aws"
    elif t == GCP:
        bad = None if re.fullmatch(r"AIza[0-9A-Za-z_-]{35}", v) else "gcp"
    elif t == STRIPE:
        bad = None if re.fullmatch(r"sk_live_[0-9A-Za-z]{24,}", v) else "stripe"
    elif t == JWT:
        head = json.loads(base64.urlsafe_b64decode(v.split(".")[0] + "=="))
        bad = None if head == {"alg": "HS256", "typ": "JWT"} and v.count(".") == 2 else "jwt"
    elif t == BASIC:
        user_pass = base64.b64decode(v.split()[-1]).decode()
        bad = None if ":" in user_pass else "basic"
    if bad:
        problems(f"{key}: planted {t} value fails the independent {bad} check: {v}")


def check_png(data, problems, key):
    pos, kinds = 8, []
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        (crc,) = struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])
        if zlib.crc32(kind + body) != crc:
            problems(f"{key}: bad CRC in {kind}")
        kinds.append(kind)
        if kind == b"IHDR":
            w, h = struct.unpack(">II", body[:8])
        if kind == b"IDAT" and len(zlib.decompress(body)) != h * (1 + 3 * w):
            problems(f"{key}: IDAT size wrong")
        pos += 12 + n
    if kinds != [b"IHDR", b"IDAT", b"IEND"]:
        problems(f"{key}: chunks {kinds}")


def self_test():
    """The national check-digit helpers against published examples."""
    assert _it_cin("0542811101000000123456") == "X"
    assert _es_dc("0021000418") == 4 and _es_dc("0200051332") == 5
    assert _fr_key("30006", "00001", "12345678901") == 89
    assert iban_check("DE", "370400440532013000") == "89"
    assert luhn_digit("411111111111111") == "1" and chk_luhn("4242424242424242")
    assert chk_mod97("GB29NWBK60161331926819") and not chk_mod97("GB28NWBK60161331926819")


def main():
    self_test()
    hr_bucket()
    finance_bucket()
    engineering_bucket()
    root_file()
    write_tree()
    rows = ground_truth()
    problems = check(rows)
    totals = {}
    for r in rows:
        for t, c in r["detections"].items():
            totals[t] = totals.get(t, 0) + c
    for t in sorted(totals):
        print(f"{t:34} {totals[t]:4}")
    print(f"{len(rows)} objects, {sum(totals.values())} planted detections")
    if problems:
        print("\nREFERENCE CHECK FAILED:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        sys.exit(1)
    print("reference check: OK")


if __name__ == "__main__":
    main()
