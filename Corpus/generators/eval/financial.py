"""Eval samples for the FINANCIAL identifiers: payment cards (CREDIT_CARD_NUMBER and its
NO_KEYWORD variant, CREDIT_CARD_EXPIRATION, CREDIT_CARD_SECURITY_CODE,
CREDIT_CARD_MAGNETIC_STRIPE), US/Canadian bank accounts (BANK_ACCOUNT_NUMBER), the
national BBAN forms of France, Germany, Italy, Spain and the UK, and the IBANs of the 52
jurisdictions Macie reports (<COUNTRY>_BANK_ACCOUNT_NUMBER).

Every check digit here is computed by the generators' own Python code (this module;
Luhn in eval/common.py and the IBAN check digits in ../checksums.py), written from the
specifications (Luhn: ISO/IEC 7812-1 annex B; IBAN: ISO 13616 / ISO 7064 MOD 97-10;
RIB key: CFONB; CIN: ABI; CCC: the Spanish banking standard), independently of the Swift
validators. A positive value that is legitimately also another identifier (a bank
account number that happens to be a Luhn-valid card number with a card prefix; the card
number inside a magnetic track 2) lists that identifier in `allow`.
"""

import random

from checksums import iban_check

from .common import (DIGITS, UPPER, around, digits, filler, letters, luhn_complete, luhn_valid,
                     negative, positive, without_keyword)

CARD = "CREDIT_CARD_NUMBER"
CARD_NK = "CREDIT_CARD_NUMBER_(NO_KEYWORD)"
EXPIRATION = "CREDIT_CARD_EXPIRATION"
CVV = "CREDIT_CARD_SECURITY_CODE"
STRIPE = "CREDIT_CARD_MAGNETIC_STRIPE"
BANK = "BANK_ACCOUNT_NUMBER"
FR = "FRANCE_BANK_ACCOUNT_NUMBER"
DE = "GERMANY_BANK_ACCOUNT_NUMBER"
IT = "ITALY_BANK_ACCOUNT_NUMBER"
ES = "SPAIN_BANK_ACCOUNT_NUMBER"
UK = "UK_BANK_ACCOUNT_NUMBER"
CARD_IDS = [CARD, CARD_NK]


# ---------------------------------------------------------------------------------------
# Check digits, from the specifications.

def mod97(text: str) -> int:
    """Remainder mod 97 of an alphanumeric string with letters as 10..35 (ISO 7064)."""
    r = 0
    for ch in text:
        v = int(ch, 36)
        r = (r * (100 if v > 9 else 10) + v) % 97
    return r


def iban(country: str, bban: str) -> str:
    return f"{country}{iban_check(country, bban)}{bban}"


def iban_valid(value: str) -> bool:
    v = value.replace(" ", "").replace("-", "")
    return mod97(v[4:] + v[:4]) == 1


def rib_key(bank: str, branch: str, account: str) -> str:
    """Clé RIB: letters of the account become digits (A-I 1-9, J-R 1-9, S-Z 2-9)."""
    conv = ""
    for ch in account:
        if ch.isdigit():
            conv += ch
        else:
            i = ord(ch) - 65
            conv += str(i + 1 if i < 9 else i - 8 if i < 18 else i - 16)
    return f"{97 - (89 * int(bank) + 15 * int(branch) + 3 * int(conv)) % 97:02d}"


CIN_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]


def cin(abi_cab_account: str) -> str:
    total = 0
    for i, ch in enumerate(abi_cab_account):
        v = int(ch) if ch.isdigit() else ord(ch) - 65
        total += CIN_ODD[v] if i % 2 == 0 else v
    return chr(65 + total % 26)


CCC_WEIGHTS = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]


def ccc_digit(ten: str) -> str:
    d = 11 - sum(int(c) * w for c, w in zip(ten, CCC_WEIGHTS)) % 11
    return str({11: 0, 10: 1}.get(d, d))


def ccc(entidad: str, oficina: str, cuenta: str) -> str:
    return entidad + oficina + ccc_digit("00" + entidad + oficina) + ccc_digit(cuenta) + cuenta


# ---------------------------------------------------------------------------------------
# Payment cards.

# (prefixes, lengths) per brand Macie lists.
BRANDS = {
    "visa": (["4"], [16, 16, 16, 13, 19]),
    "mastercard": (["51", "52", "53", "54", "55", "2221", "2300", "2499", "2600", "2720", "2710"], [16]),
    "amex": (["34", "37"], [15]),
    "discover": (["6011", "644", "647", "649", "65"], [16, 19]),
    "jcb": (["3528", "3530", "3566", "3589"], [16]),
    "diners": (["300", "303", "305", "36"], [14, 14, 16]),
    "diners_intl": (["3095", "38", "39"], [16]),
    "unionpay": (["62"], [16, 17, 18, 19]),
    "maestro": (["5018", "5020", "5038", "5893", "6304", "6759", "6761", "6763"], [16, 19]),
    "dankort": (["5019"], [16]),
}
BRAND_KEYWORD = {
    "visa": ["visa", "visa card", "card number"], "mastercard": ["mastercard", "mc", "credit card"],
    "amex": ["amex", "american express"], "discover": ["discover", "card"],
    "jcb": ["jcb", "japanese card bureau"], "diners": ["diners club", "credit card"],
    "diners_intl": ["diners club", "card number"],
    "unionpay": ["union pay", "unionpay"], "maestro": ["maestro", "debit card"],
    "dankort": ["dankort", "debit card"],
}
CARD_KEYWORDS = ["card number", "credit card", "cc#", "ccn", "card", "debit card", "payment card number",
                 "pan", "cc", "credit card number", "cardnumber", "creditcard", "check card", "bank card"]

# Published test numbers (Macie's list and processors' documentation).
TEST_CARDS = ["4111111111111111", "4012888888881881", "5555555555554444", "5105105105105100",
              "378282246310005", "371449635398431", "6011111111111117", "6011000990139424",
              "3530111333300000", "3566002020360505", "30569309025904", "36148900647913",
              "4222222222222", "4242424242424242", "2223003122003222", "6759649826438453",
              "4917610000000000003", "5454545454545454", "4444333322221111", "38520000023237"]

# A regex-independent statement of "looks like a card": a brand prefix Macie lists, at a
# length that brand issues (the networks' IIN tables), Luhn-valid. Used to mark the
# overlaps a positive legitimately has.
CARD_RANGES = [
    # (prefix low, prefix high, lengths)
    ("4", "4", (13, 16, 19)),
    ("51", "55", (16,)), ("2221", "2720", (16,)),
    ("34", "34", (15,)), ("37", "37", (15,)),
    ("300", "305", range(14, 20)), ("36", "36", range(14, 20)),
    ("3095", "3095", range(16, 20)), ("38", "39", range(16, 20)), ("3528", "3589", range(16, 20)),
    ("6011", "6011", range(16, 20)), ("644", "649", range(16, 20)), ("65", "65", range(16, 20)),
    ("62", "62", range(16, 20)),
    ("5018", "5020", range(13, 20)), ("5038", "5038", range(13, 20)), ("5893", "5893", range(13, 20)),
    ("6304", "6304", range(13, 20)), ("6759", "6759", range(13, 20)), ("6761", "6763", range(13, 20)),
]


def card_like(number: str) -> bool:
    if not (number.isdigit() and 13 <= len(number) <= 19 and luhn_valid(number)):
        return False
    for low, high, lengths in CARD_RANGES:
        head = number[:len(low)]
        if low <= head <= high and len(number) in lengths:
            return True
    return False


def card_number(rng: random.Random, brand: str) -> str:
    prefixes, lengths = BRANDS[brand]
    while True:
        prefix = rng.choice(prefixes)
        n = rng.choice(lengths)
        value = luhn_complete(prefix + digits(rng, n - 1 - len(prefix)))
        if value not in TEST_CARDS:
            return value


def group_card(rng: random.Random, number: str, brand: str) -> str:
    """Compact, or the grouping cards are printed with (one kind of separator)."""
    sep = rng.choice([" ", " ", "-"])
    n = len(number)
    if rng.random() < 0.3 or n in (17, 18, 19):
        return number
    if n == 16:
        return fours(number, sep)
    if n == 15 and brand == "amex":
        return sep.join([number[:4], number[4:10], number[10:]])
    if n == 14:
        return sep.join([number[:4], number[4:10], number[10:]])
    if n == 13:
        return sep.join([number[:4], number[4:7], number[7:10], number[10:]])
    return number


def luhn_broken(number: str) -> str:
    """The number with its check digit changed: only one check digit passes Luhn."""
    return number[:-1] + str((int(number[-1]) + 5) % 10)


def card_samples(rng: random.Random) -> list:
    out = []
    brands = list(BRANDS)
    for i in range(130):
        brand = brands[i % len(brands)]
        number = card_number(rng, brand)
        shown = group_card(rng, number, brand)
        kw = rng.choice(BRAND_KEYWORD[brand] + CARD_KEYWORDS)
        layout = i % 5
        if layout == 4:
            text = f'{{"{kw.replace(" ", "_")}": "{shown}", "status": "ok"}}'
            if kw.replace(" ", "_") != kw:
                text = f'{{"name": "{kw}", "value": "{shown}"}}'
        else:
            text = around(rng, kw, shown)
        out.append(positive(CARD, text))
    for i in range(130):
        brand = brands[i % len(brands)]
        number = card_number(rng, brand)
        shown = group_card(rng, number, brand)
        layout = i % 5
        if layout == 0:
            text = f"txn {digits(rng, 5)} ref {shown} status=settled"
        elif layout == 1:
            text = f"{shown},2027-0{rng.randrange(1, 10)},{letters(rng, 5)} {letters(rng, 6)}"
        elif layout == 2:
            text = f"order={digits(rng, 3)} pay={shown} ok"
        elif layout == 3:
            text = shown
        else:
            text = without_keyword(rng, shown)
        out.append(positive(CARD_NK, text))
    # Negatives, with and without a keyword: Luhn failures, test numbers, no brand
    # prefix, too long, more groups than a card has, cut out of a longer run.
    for i in range(260):
        owner = CARD if i % 2 == 0 else CARD_NK
        brand = brands[i % len(brands)]
        kind = (i // 2) % 8
        number = card_number(rng, brand)
        if kind == 0:
            value = group_card(rng, luhn_broken(number), brand)
        elif kind == 1:
            value = group_card(rng, rng.choice(TEST_CARDS), "visa")
        elif kind == 2:
            value = luhn_complete(rng.choice("1789") + digits(rng, 14))
            value = fours(value, " ") if rng.random() < 0.5 else value
        elif kind == 3:
            value = luhn_complete(number[:2] + digits(rng, rng.randrange(17, 20)))   # 20-22 digits
        elif kind == 4:
            n16 = card_number(rng, "visa")
            if len(n16) != 16:
                n16 = luhn_complete("4" + digits(rng, 14))
            value = fours(n16, " ") + " " + digits(rng, 4)
        elif kind == 5:
            value = f"{digits(rng, 3)}-{number}"
        elif kind == 6:
            value = f"{number}{rng.choice(UPPER)}{digits(rng, 2)}"
            if i % 4 == 0:
                # A brand's prefix at a length the brand does not issue.
                value = rng.choice([luhn_complete(rng.choice(["51", "55", "2720"]) + digits(rng, 12)),
                                    luhn_complete(rng.choice(["34", "37"]) + digits(rng, 13)),
                                    luhn_complete("4" + digits(rng, 13))])
        else:
            value = luhn_broken(number)
        if owner == CARD:
            text = around(rng, rng.choice(CARD_KEYWORDS), value)
        else:
            text = without_keyword(rng, value)
        out.append(negative(owner, text))
    return out


# ---------------------------------------------------------------------------------------
# Card expiration dates and security codes.

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
EXP_KEYWORDS = ["exp", "expiry", "expiration", "expires", "exp date", "expiry date", "expiration date",
                "valid thru", "good thru", "valid through", "expdate"]


def expiration_samples(rng: random.Random) -> list:
    out = []
    for i in range(130):
        m = rng.randrange(1, 13)
        y = rng.randrange(24, 36)
        form = i % 10
        if form == 0:
            value = f"{m:02d}/{y:02d}"
        elif form == 1:
            value = f"{m:02d}/20{y:02d}"
        elif form == 2:
            value = f"{m}/{y:02d}"
        elif form == 3:
            value = f"{m:02d}-{y:02d}"
        elif form == 4:
            value = f"20{y:02d}-{m:02d}"
        elif form == 5:
            value = f"{MONTHS[m - 1]} 20{y:02d}"
        elif form == 6:
            value = f"{MONTH_NAMES[m - 1]} {y:02d}"
        elif form == 7:
            value = f"{y:02d}-{MONTHS[m - 1]}"
        elif form == 8:
            out.append(positive(EXPIRATION, rng.choice([f"expY=20{y:02d}, expM={m:02d}",
                                                         f"exp_month={m}&exp_year=20{y:02d}",
                                                         f"expm={m:02d}; expy={y:02d}"])))
            continue
        else:
            value = f"{MONTHS[m - 1].upper()}/{y:02d}"
        out.append(positive(EXPIRATION, around(rng, rng.choice(EXP_KEYWORDS), value)))
    for i in range(130):
        m = rng.randrange(1, 13)
        y = rng.randrange(24, 36)
        kind = i % 8
        if kind == 0:
            text = without_keyword(rng, f"{m:02d}/{y:02d}")
        elif kind == 1:
            text = around(rng, rng.choice(EXP_KEYWORDS), f"{rng.choice([0, 13, 14, 19, 20, 31])}/{y:02d}")
        elif kind == 2:
            text = around(rng, rng.choice(EXP_KEYWORDS), f"{m:02d}/{rng.randrange(1, 29):02d}/20{y:02d}")
        elif kind == 3:
            text = around(rng, rng.choice(EXP_KEYWORDS), f"20{y:02d}-{m:02d}-{rng.randrange(1, 29):02d}")
        elif kind == 4:
            text = f"expires {MONTHS[m - 1]} {rng.randrange(10, 29)}th"
        elif kind == 5:
            text = around(rng, rng.choice(EXP_KEYWORDS), f"{m:02d}/{y:02d}{rng.randrange(0, 10)}")
        elif kind == 6:
            text = f"shipped {MONTHS[m - 1]} 20{y:02d}, {filler(rng)}"
        else:
            text = f"expY=20{y:02d}, expM={rng.choice([0, 13, 15, 20])}"
        out.append(negative(EXPIRATION, text))
    return out


CVV_KEYWORDS = ["cvv", "cvc", "cvv2", "cvc2", "card security code", "card verification value",
                "card validation code", "security code", "csc", "card identification number",
                "card verification data", "card validation number"]


def security_code_samples(rng: random.Random) -> list:
    out = []
    for i in range(130):
        code = digits(rng, 4 if i % 4 == 0 else 3)
        if set(code) == {"0"}:
            code = "7" + code[1:]       # all-zero values are never reported
        kw = rng.choice(CVV_KEYWORDS)
        layout = i % 4
        if layout == 0:
            text = f"{kw.upper()}: {code}"
        elif layout == 1:
            text = f"{kw}={code}, zip={digits(rng, 5)}"
        elif layout == 2:
            text = f"{filler(rng)}; {kw} {code}"
        else:
            text = f"{code} ({kw})"
        out.append(positive(CVV, text))
    for i in range(130):
        kind = i % 6
        kw = rng.choice(CVV_KEYWORDS)
        if kind == 0:
            text = f"{kw}: {digits(rng, 2)}"
        elif kind == 1:
            text = f"{kw} {rng.randrange(1, 10)}{digits(rng, 4)}"
        elif kind == 2:
            text = f"room {digits(rng, 3)}, {filler(rng)}"
        elif kind == 3:
            text = f"{kw} ratio 0.{digits(rng, 3)}"
        elif kind == 4:
            text = f"{kw}: {rng.randrange(1, 13)}/{digits(rng, 3)}"
        else:
            text = without_keyword(rng, digits(rng, 3))
        out.append(negative(CVV, text))
    return out


# ---------------------------------------------------------------------------------------
# Magnetic stripe tracks (ISO/IEC 7813).

STRIPE_KEYWORDS = ["card data", "iso7813", "mag", "magstripe", "stripe", "swipe", "track data",
                   "track 1", "track 2", "magnetic stripe", "mag stripe", "swiped"]
SURNAMES = ["GOMES", "LEE", "DUPONT", "MUELLER", "ROSSI", "GARCIA", "SMITH", "NOWAK", "TANAKA", "OKAFOR"]
GIVEN = ["ANA", "MIN JUN", "MARIE", "JONAS", "LUCA", "SOFIA", "JOHN A", "EWA", "YUKI", "CHIDI"]


def service_code(rng: random.Random) -> str:
    return rng.choice("125679") + rng.choice("024") + rng.choice("01234567")


def track(rng: random.Random, number: str, which: int, sentinels: bool, expiry=None, service=None) -> str:
    expiry = expiry or f"{rng.randrange(25, 36):02d}{rng.randrange(1, 13):02d}"
    service = service or service_code(rng)
    if which == 1:
        name = f"{rng.choice(SURNAMES)}/{rng.choice(GIVEN)}"
        if rng.random() < 0.3:
            name += "." + rng.choice(["MR", "MS", "DR"])
        disc = digits(rng, rng.randrange(0, 20))
        body = f"B{number}^{name}^{expiry}{service}{disc}"
        return f"%{body}?" if sentinels else body
    disc = digits(rng, rng.randrange(0, 39 - 2 - len(number) - 1 - 7))
    body = f"{number}={expiry}{service}{disc}"
    return f";{body}?" if sentinels else body


def stripe_samples(rng: random.Random) -> list:
    out = []
    brands = list(BRANDS)
    for i in range(130):
        number = card_number(rng, brands[i % len(brands)])
        which = 1 if i % 2 == 0 else 2
        value = track(rng, number, which, sentinels=i % 3 != 0)
        # Track 2 starts with the card number itself: a card number too.
        allow = CARD_IDS if which == 2 else []
        if i % 14 == 0:
            # Both tracks as a reader writes them out: the keyword reaches the first.
            value = track(rng, number, 1, True) + track(rng, number, 2, True)
            out.append(positive(STRIPE, f"{rng.choice(STRIPE_KEYWORDS)}: {value}", 1, allow=CARD_IDS))
            continue
        if i % 14 == 7:
            # Both tracks, each labelled.
            text = f"track 1: {track(rng, number, 1, True)} track 2: {track(rng, number, 2, True)}"
            out.append(positive(STRIPE, text, 2, allow=CARD_IDS))
            continue
        out.append(positive(STRIPE, around(rng, rng.choice(STRIPE_KEYWORDS), value), allow=allow))
    for i in range(130):
        number = card_number(rng, brands[i % len(brands)])
        which = 1 if i % 2 == 0 else 2
        kind = i % 6
        kw = rng.choice(STRIPE_KEYWORDS)
        if kind == 0:
            text = around(rng, kw, track(rng, luhn_broken(number), which, True))
        elif kind == 1:
            test = rng.choice(TEST_CARDS)
            text = around(rng, kw, track(rng, test, which, True))
        elif kind == 2:
            text = without_keyword(rng, track(rng, number, which, True))
        elif kind == 3:
            text = around(rng, kw, track(rng, number, which, True, expiry=f"{rng.randrange(25, 36)}{rng.choice([0, 13, 14, 20])}".ljust(4, "0")[:4]))
        elif kind == 4:
            text = around(rng, kw, track(rng, number, which, True, service=rng.choice("0348") + "01"))
        else:
            text = around(rng, kw, track(rng, number[:11], which, True))
        # The card number of a track 2 (and of a track without its keyword) is still a card.
        out.append(negative(STRIPE, text, allow=CARD_IDS))
    return out


# ---------------------------------------------------------------------------------------
# US and Canadian bank account numbers.

BANK_KEYWORDS = ["bank account", "bank acct", "checking account", "checking acct", "deposit account",
                 "deposit acct", "savings account", "savings acct", "chequing account", "chequing acct"]
BANK_DENY = {"000123456789", "000111111116", "000111111113", "000222222227", "000333333335",
             "000444444440", "000999999991", "123456789", "1234567890", "0123456789", "987654321",
             "12345678901", "123456789012", "1234567890123", "12345678901234567"}


def bank_account(rng: random.Random, n: int) -> str:
    while True:
        value = str(rng.randrange(1, 10)) + digits(rng, n - 1)
        if value not in BANK_DENY:
            return value


def not_card(rng: random.Random, make) -> str:
    while True:
        value = make()
        if not card_like(value):
            return value


def bank_samples(rng: random.Random) -> list:
    out = []
    for i in range(130):
        value = bank_account(rng, rng.randrange(9, 18))
        kw = rng.choice(BANK_KEYWORDS)
        layout = i % 5
        if layout == 0:
            text = f'{{"{kw.replace(" ", "_")}": "{value}"}}'
        elif layout == 1:
            text = f"Direct deposit to {kw} {value}, {filler(rng)}"
        else:
            text = around(rng, kw, value)
        out.append(positive(BANK, text, allow=CARD_IDS if card_like(value) else []))
    for i in range(130):
        kind = i % 7
        kw = rng.choice(BANK_KEYWORDS)
        if kind == 0:
            text = without_keyword(rng, not_card(rng, lambda: bank_account(rng, rng.randrange(9, 18))))
        elif kind == 1:
            text = around(rng, kw, bank_account(rng, rng.randrange(5, 9)))
        elif kind == 2:
            text = around(rng, kw, not_card(rng, lambda: "9" + digits(rng, rng.randrange(17, 22))))
        elif kind == 3:
            text = around(rng, kw, rng.choice(sorted(BANK_DENY)))
        elif kind == 4:
            v = bank_account(rng, 12)
            text = around(rng, kw, f"{v[:4]} {v[4:8]} {v[8:]}")
        elif kind == 5:
            text = f"{kw} rate {bank_account(rng, 10)}.{digits(rng, 2)}"
        else:
            text = around(rng, kw, f"{letters(rng, 2)}{bank_account(rng, 10)}")
        out.append(negative(BANK, text))
    return out


# ---------------------------------------------------------------------------------------
# National BBAN forms.

FR_KEYWORDS = ["compte bancaire", "numéro de compte", "rib", "code bancaire", "bban", "account number",
               "coordonnées bancaires", "iban", "customer account number", "accountno#"]
DE_KEYWORDS = ["kontonummer", "konto", "bankverbindung", "bankleitzahl", "bban", "account number",
               "blz", "kto", "sepa", "customer account id"]
IT_KEYWORDS = ["conto corrente", "numero di conto", "conto bancario", "coordinate bancarie", "bban",
               "codice bancario", "account code", "iban", "c/c"]
ES_KEYWORDS = ["número de cuenta", "cuenta bancaria", "ccc", "código cuenta cliente", "bban",
               "número cuenta cliente", "account number", "cuenta cliente id", "iban"]
UK_KEYWORDS = ["sort code", "account number", "bban", "customer account number", "account no",
               "bank details", "accountnumber#", "iban", "sortcode"]


def fr_bban(rng: random.Random) -> str:
    bank, branch = digits(rng, 5), digits(rng, 5)
    account = digits(rng, 11)
    if rng.random() < 0.3:
        j = rng.randrange(0, 11)
        account = account[:j] + rng.choice(UPPER) + account[j + 1:]
    return bank + branch + account + rib_key(bank, branch, account)


def de_bban(rng: random.Random) -> str:
    return str(rng.randrange(1, 9)) + digits(rng, 7) + digits(rng, 9) + str(rng.randrange(1, 10))


def it_bban(rng: random.Random) -> str:
    rest = digits(rng, 10) + digits(rng, 12)
    return cin(rest) + rest


def es_bban(rng: random.Random) -> str:
    return ccc(digits(rng, 4), digits(rng, 4), digits(rng, 10))


def uk_bban(rng: random.Random) -> str:
    return letters(rng, 4) + digits(rng, 14)


def fours(value: str, sep: str) -> str:
    return sep.join(value[i:i + 4] for i in range(0, len(value), 4))


def bban_forms(country: str, value: str, rng: random.Random) -> str:
    sep = rng.choice([" ", " ", "-"])
    form = rng.randrange(3)
    if form == 0:
        return value
    if form == 1 or country == "UK":
        if country == "UK" and form == 2:
            sort = value[4:10]
            s = rng.choice(["-", " ", ""])
            joiner = rng.choice([" ", ", ", " / ", "  "])
            return f"{sort[:2]}{s}{sort[2:4]}{s}{sort[4:]}{joiner}{value[10:]}"
        return fours(value, sep)
    if country == "FR":
        return sep.join([value[:5], value[5:10], value[10:21], value[21:]])
    if country == "DE":
        return rng.choice([f"{value[:8]}{sep}{value[8:]}", f"{value[:3]} {value[3:6]} {value[6:8]} {value[8:]}"])
    if country == "IT":
        return sep.join([value[0], value[1:6], value[6:11], value[11:]])
    return sep.join([value[:4], value[4:8], value[8:10], value[10:]])


def broken_bban(country: str, value: str, rng: random.Random) -> str:
    """The value with its national check broken (or, for the UK, its structure)."""
    if country == "FR":
        return value[:21] + f"{(int(value[21:]) + rng.randrange(1, 90)) % 97 + 1:02d}"
    if country == "IT":
        return chr(65 + (ord(value[0]) - 65 + rng.randrange(1, 26)) % 26) + value[1:]
    if country == "ES":
        return value[:8] + f"{(int(value[8:10]) + rng.randrange(1, 99)) % 100:02d}" + value[10:]
    if country == "DE":
        return rng.choice("09") + value[1:]
    return value[:4] + value[4:] + digits(rng, 1)        # UK: 15 digits


BBAN_TABLE = {
    "FR": (FR, FR_KEYWORDS, fr_bban, ["20041010050500013M02606", "30002005500000157841Z25",
                                      "30006000011234567890189"]),
    "DE": (DE, DE_KEYWORDS, de_bban, ["370400440532013000", "123456781234567890"]),
    "IT": (IT, IT_KEYWORDS, it_bban, ["X0542811101000000123456"]),
    "ES": (ES, ES_KEYWORDS, es_bban, ["21000418450200051332", "20770024003102575766"]),
    "UK": (UK, UK_KEYWORDS, uk_bban, ["NWBK60161331926819", "WEST12345698765432"]),
}


def bban_samples(rng: random.Random) -> list:
    out = []
    for country, (ident, keywords, make, published) in BBAN_TABLE.items():
        for i in range(120):
            value = make(rng)
            shown = bban_forms(country, value, rng)
            kw = rng.choice(keywords)
            text = around(rng, kw, shown) if i % 4 else f"{filler(rng)}; {kw}: {shown}"
            compact = shown.replace(" ", "").replace("-", "")
            allow = CARD_IDS if card_like(compact) and compact == shown else []
            out.append(positive(ident, text, allow=allow))
        for i in range(120):
            kind = i % 6
            kw = rng.choice(keywords)
            value = make(rng)
            if kind == 0:
                text = around(rng, kw, bban_forms(country, broken_bban(country, value, rng), rng))
            elif kind == 1:
                text = without_keyword(rng, bban_forms(country, value, rng))
            elif kind == 2:
                text = around(rng, kw, bban_forms(country, rng.choice(published), rng))
            elif kind == 3:
                text = around(rng, kw, value[:-1])                      # one character short
            elif kind == 4:
                text = around(rng, kw, value + digits(rng, 1))          # one character long
            else:
                # Lower-case letters, or (all-digit forms) a bad grouping.
                if any(c.isalpha() for c in value):
                    text = around(rng, kw, value.lower())
                else:
                    text = around(rng, kw, f"{value[:6]} {value[6:]}")
            if not_card_text(text):
                out.append(negative(ident, text))
            else:
                out.append(negative(ident, text, allow=CARD_IDS))
    return out


def not_card_text(text: str) -> bool:
    """No compact 13-19 digit run in the text that is a card number candidate."""
    run = ""
    for ch in text + " ":
        if ch.isdigit():
            run += ch
            continue
        if card_like(run):
            return False
        run = ""
    return True


# ---------------------------------------------------------------------------------------
# IBANs of the 52 jurisdictions (SWIFT IBAN Registry: length and BBAN structure).

IBAN_COUNTRIES = [
    # code, length, BBAN structure, Macie ID
    ("AL", 28, "8n16c", "ALBANIA_BANK_ACCOUNT_NUMBER"),
    ("AD", 24, "4n4n12c", "ANDORRA_BANK_ACCOUNT_NUMBER"),
    ("BA", 20, "3n3n8n2n", "BOSNIA_AND_HERZEGOVINA_BANK_ACCOUNT_NUMBER"),
    ("BR", 29, "8n5n10n1a1c", "BRAZIL_BANK_ACCOUNT_NUMBER"),
    ("BG", 22, "4a4n2n8c", "BULGARIA_BANK_ACCOUNT_NUMBER"),
    ("CR", 22, "4n14n", "COSTA_RICA_BANK_ACCOUNT_NUMBER"),
    ("HR", 21, "7n10n", "CROATIA_BANK_ACCOUNT_NUMBER"),
    ("CY", 28, "3n5n16c", "CYPRUS_BANK_ACCOUNT_NUMBER"),
    ("CZ", 24, "4n6n10n", "CZECH_REPUBLIC_BANK_ACCOUNT_NUMBER"),
    ("DK", 18, "4n9n1n", "DENMARK_BANK_ACCOUNT_NUMBER"),
    ("DO", 28, "4c20n", "DOMINICAN_REPUBLIC_BANK_ACCOUNT_NUMBER"),
    ("EG", 29, "4n4n17n", "EGYPT_BANK_ACCOUNT_NUMBER"),
    ("EE", 20, "2n2n11n1n", "ESTONIA_BANK_ACCOUNT_NUMBER"),
    ("FO", 18, "4n9n1n", "FAROE_ISLANDS_BANK_ACCOUNT_NUMBER"),
    ("FI", 18, "3n11n", "FINLAND_BANK_ACCOUNT_NUMBER"),
    ("FR", 27, "5n5n11c2n", "FRANCE_BANK_ACCOUNT_NUMBER"),
    ("GE", 22, "2a16n", "GEORGIA_BANK_ACCOUNT_NUMBER"),
    ("DE", 22, "8n10n", "GERMANY_BANK_ACCOUNT_NUMBER"),
    ("GR", 27, "3n4n16c", "GREECE_BANK_ACCOUNT_NUMBER"),
    ("GL", 18, "4n9n1n", "GREENLAND_BANK_ACCOUNT_NUMBER"),
    ("HU", 28, "3n4n1n15n1n", "HUNGARY_BANK_ACCOUNT_NUMBER"),
    ("IS", 26, "4n2n6n10n", "ICELAND_BANK_ACCOUNT_NUMBER"),
    ("IE", 22, "4a6n8n", "IRELAND_BANK_ACCOUNT_NUMBER"),
    ("IT", 27, "1a5n5n12c", "ITALY_BANK_ACCOUNT_NUMBER"),
    ("JO", 30, "4a4n18c", "JORDAN_BANK_ACCOUNT_NUMBER"),
    ("XK", 20, "4n10n2n", "KOSOVO_BANK_ACCOUNT_NUMBER"),
    ("LI", 21, "5n12c", "LIECHTENSTEIN_BANK_ACCOUNT_NUMBER"),
    ("LT", 20, "5n11n", "LITHUANIA_BANK_ACCOUNT_NUMBER"),
    ("MT", 31, "4a5n18c", "MALTA_BANK_ACCOUNT_NUMBER"),
    ("MR", 27, "5n5n11n2n", "MAURITANIA_BANK_ACCOUNT_NUMBER"),
    ("MU", 30, "4a2n2n12n3n3a", "MAURITIUS_BANK_ACCOUNT_NUMBER"),
    ("MC", 27, "5n5n11c2n", "MONACO_BANK_ACCOUNT_NUMBER"),
    ("ME", 22, "3n13n2n", "MONTENEGRO_BANK_ACCOUNT_NUMBER"),
    ("NL", 18, "4a10n", "NETHERLANDS_BANK_ACCOUNT_NUMBER"),
    ("MK", 19, "3n10c2n", "NORTH_MACEDONIA_BANK_ACCOUNT_NUMBER"),
    ("PL", 28, "8n16n", "POLAND_BANK_ACCOUNT_NUMBER"),
    ("PT", 25, "4n4n11n2n", "PORTUGAL_BANK_ACCOUNT_NUMBER"),
    ("SM", 27, "1a5n5n12c", "SAN_MARINO_BANK_ACCOUNT_NUMBER"),
    ("SN", 28, "1a23n", "SENEGAL_BANK_ACCOUNT_NUMBER"),
    ("RS", 22, "3n13n2n", "SERBIA_BANK_ACCOUNT_NUMBER"),
    ("SK", 24, "4n6n10n", "SLOVAKIA_BANK_ACCOUNT_NUMBER"),
    ("SI", 19, "5n8n2n", "SLOVENIA_BANK_ACCOUNT_NUMBER"),
    ("ES", 24, "4n4n1n1n10n", "SPAIN_BANK_ACCOUNT_NUMBER"),
    ("SE", 24, "3n16n1n", "SWEDEN_BANK_ACCOUNT_NUMBER"),
    ("CH", 21, "5n12c", "SWITZERLAND_BANK_ACCOUNT_NUMBER"),
    ("TL", 23, "3n14n2n", "TIMOR_LESTE_BANK_ACCOUNT_NUMBER"),
    ("TN", 24, "2n3n13n2n", "TUNISIA_BANK_ACCOUNT_NUMBER"),
    ("TR", 26, "5n1n16c", "TURKIYE_BANK_ACCOUNT_NUMBER"),
    ("GB", 22, "4a6n8n", "UK_BANK_ACCOUNT_NUMBER"),
    ("UA", 29, "6n19c", "UKRAINE_BANK_ACCOUNT_NUMBER"),
    ("AE", 23, "3n16n", "UNITED_ARAB_EMIRATES_BANK_ACCOUNT_NUMBER"),
    ("VG", 24, "4a16n", "VIRGIN_ISLANDS_BANK_ACCOUNT_NUMBER"),
]

# The registry's example IBANs: published, never reported.
IBAN_EXAMPLES = {
    "AL": "AL47212110090000000235698741", "AD": "AD1200012030200359100100", "BA": "BA391290079401028494",
    "BR": "BR1800360305000010009795493C1", "BG": "BG80BNBG96611020345678", "CR": "CR05015202001026284066",
    "HR": "HR1210010051863000160", "CY": "CY17002001280000001200527600", "CZ": "CZ6508000000192000145399",
    "DK": "DK5000400440116243", "DO": "DO28BAGR00000001212453611324", "EG": "EG380019000500000000263180002",
    "EE": "EE382200221020145685", "FO": "FO6264600001631634", "FI": "FI2112345600000785",
    "FR": "FR1420041010050500013M02606", "GE": "GE29NB0000000101904917", "DE": "DE89370400440532013000",
    "GR": "GR1601101250000000012300695", "GL": "GL8964710001000206", "HU": "HU42117730161111101800000000",
    "IS": "IS140159260076545510730339", "IE": "IE29AIBK93115212345678", "IT": "IT60X0542811101000000123456",
    "JO": "JO94CBJO0010000000000131000302", "XK": "XK051212012345678906", "LI": "LI21088100002324013AA",
    "LT": "LT121000011101001000", "MT": "MT84MALT011000012345MTLCAST001S", "MR": "MR1300020001010000123456753",
    "MU": "MU17BOMM0101101030300200000MUR", "MC": "MC5811222000010123456789030", "ME": "ME25505000012345678951",
    "NL": "NL91ABNA0417164300", "MK": "MK07250120000058984", "PL": "PL61109010140000071219812874",
    "PT": "PT50000201231234567890154", "SM": "SM86U0322509800000000270100", "SN": "SN08SN0100152000048500003035",
    "RS": "RS35260005601001611379", "SK": "SK3112000000198742637541", "SI": "SI56263300012039086",
    "ES": "ES9121000418450200051332", "SE": "SE4550000000058398257466", "CH": "CH9300762011623852957",
    "TL": "TL380080012345678910157", "TN": "TN5910006035183598478831", "TR": "TR330006100519786457841326",
    "GB": "GB29NWBK60161331926819", "UA": "UA213223130000026007233566001", "AE": "AE070331234567890123456",
    "VG": "VG96VPVG0000012345678901",
}

IBAN_KEYWORDS = ["iban", "IBAN", "beneficiary iban", "pay to", "sepa", "account", "Bankverbindung",
                 "compte", "cuenta", "conto"]
# Countries outside Macie's list (valid IBANs that must not be reported): code, BBAN structure.
OTHER_IBANS = [("AT", "5n11n"), ("BE", "3n7n2n"), ("LU", "3n13c"), ("NO", "4n6n1n"), ("LV", "4a13c"),
               ("SA", "2n18c"), ("QA", "4a21c"), ("KW", "4a22c")]


def structured(rng: random.Random, structure: str) -> str:
    out = ""
    num = ""
    for ch in structure:
        if ch.isdigit():
            num += ch
            continue
        n = int(num)
        num = ""
        if ch == "n":
            out += digits(rng, n)
        elif ch == "a":
            out += letters(rng, n)
        else:   # c: alphanumeric, mostly digits as real account numbers are
            out += "".join(rng.choice(UPPER) if rng.random() < 0.15 else rng.choice(DIGITS) for _ in range(n))
    return out


def iban_bban(rng: random.Random, code: str, structure: str) -> str:
    """A BBAN of the country's structure; national checks applied where they exist."""
    if code in ("FR", "MC"):
        return fr_bban(rng)
    if code in ("IT", "SM"):
        return it_bban(rng)
    if code == "ES":
        return es_bban(rng)
    if code == "DE":
        return de_bban(rng)
    return structured(rng, structure)


def printed(value: str, rng: random.Random) -> str:
    form = rng.randrange(4)
    if form == 0:
        return value
    return fours(value, "-" if form == 3 else " ")


def mutate(value: str, rng: random.Random) -> str:
    """One character of the BBAN changed (same class), so MOD 97 fails."""
    while True:
        i = rng.randrange(4, len(value))
        ch = value[i]
        pool = DIGITS if ch.isdigit() else UPPER
        new = value[:i] + rng.choice(pool.replace(ch, "")) + value[i + 1:]
        if not iban_valid(new):
            return new


def iban_samples(rng: random.Random) -> list:
    out = []
    for code, length, structure, ident in IBAN_COUNTRIES:
        assert len(iban_bban(rng, code, structure)) == length - 4, code
        for i in range(25):
            value = iban(code, iban_bban(rng, code, structure))
            shown = printed(value, rng)
            layout = i % 4
            if layout == 0:
                text = without_keyword(rng, shown)
            elif layout == 1:
                text = shown
            else:
                text = around(rng, rng.choice(IBAN_KEYWORDS), shown)
            out.append(positive(ident, text))
        for i in range(25):
            value = iban(code, iban_bban(rng, code, structure))
            kind = i % 6
            if kind == 0:
                shown = printed(mutate(value, rng), rng)
            elif kind == 1:
                # Check digits swapped (or another value when they read the same).
                swapped = value[:2] + value[3] + value[2] + value[4:]
                shown = printed(swapped if not iban_valid(swapped) else mutate(value, rng), rng)
            elif kind == 2:
                shown = printed(value[:-1], rng)
            elif kind == 3:
                shown = printed(value + rng.choice(DIGITS), rng)
            elif kind == 4:
                shown = printed(value, rng).lower()
            else:
                shown = printed(IBAN_EXAMPLES[code], rng)
            text = around(rng, rng.choice(IBAN_KEYWORDS), shown) if i % 2 else without_keyword(rng, shown)
            out.append(negative(ident, text))
    # Valid IBANs of jurisdictions Macie does not list.
    for i in range(40):
        code, structure = OTHER_IBANS[i % len(OTHER_IBANS)]
        shown = printed(iban(code, structured(rng, structure)), rng)
        out.append(negative("IBAN_BANK_ACCOUNT_NUMBER", around(rng, "iban", shown)))
    return out


def samples(rng: random.Random) -> list:
    out = []
    out += card_samples(rng)
    out += expiration_samples(rng)
    out += security_code_samples(rng)
    out += stripe_samples(rng)
    out += bank_samples(rng)
    out += bban_samples(rng)
    out += iban_samples(rng)
    return out
