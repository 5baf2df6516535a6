"""Shared pieces for the eval sample modules: the Sample record, filler text, random
strings, and the check digits and values more than one module needs.

A Sample is one short text (a line or two, with its context) and what Trawl must
find in it:
- expect: {ID: count} identifiers that must be detected, with their number of values;
- allow:  IDs that may also be detected without counting as false positives (a value
          that is legitimately two things, e.g. a 9-digit number near "passport" that
          is a valid US and UK passport number alike).
Every other detection in the text is a false positive of its identifier.

Each module returns, per identifier it owns, at least 100 positive samples (varied
formats, separators, keyword placement and case) and at least 100 negative samples
(checksum-failing lookalikes, wrong lengths, the value without its required keyword,
published test values), with expect={} for the negatives.
"""

import random
from dataclasses import dataclass, field

from checksums import luhn_digit  # Corpus/generators, on sys.path (make_eval_corpus.py)


@dataclass
class Sample:
    id: str                      # the identifier this sample was written for
    text: str
    expect: dict = field(default_factory=dict)
    allow: list = field(default_factory=list)

    def record(self) -> dict:
        return {"id": self.id, "text": self.text, "expect": self.expect, "allow": self.allow}


def positive(id: str, text: str, count: int = 1, allow=()) -> Sample:
    return Sample(id, text, {id: count}, list(allow))


def negative(id: str, text: str, allow=()) -> Sample:
    return Sample(id, text, {}, list(allow))


# Neutral words and sentences with no identifier-looking content: padding around samples
# so keywords sit at varied distances.
FILLER = [
    "the quarterly report was filed", "see attached", "status: pending review",
    "updated by the night batch", "ok", "please confirm by friday", "record created",
    "as discussed in the meeting", "no further action", "forwarded to the team",
    "values below", "ticket reopened", "customer called back", "migration step done",
]


def filler(rng: random.Random) -> str:
    return rng.choice(FILLER)


DIGITS = "0123456789"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def pick(rng: random.Random, alphabet: str, n: int) -> str:
    """n characters drawn from alphabet (one rng.choice each)."""
    return "".join(rng.choice(alphabet) for _ in range(n))


def digits(rng: random.Random, n: int) -> str:
    return pick(rng, DIGITS, n)


def letters(rng: random.Random, n: int, alphabet: str = UPPER) -> str:
    return pick(rng, alphabet, n)


def around(rng: random.Random, keyword: str, value: str) -> str:
    """The value with its keyword close by, in one of several common layouts."""
    layout = rng.randrange(6)
    if layout == 0:
        return f"{keyword}: {value}"
    if layout == 1:
        return f"{filler(rng)}; {keyword} {value}"
    if layout == 2:
        return f"{keyword.upper()}={value} ({filler(rng)})"
    if layout == 3:
        return f"{value} is the {keyword}"
    if layout == 4:
        return f"{keyword.title()} - {value}"
    return f"{filler(rng)}. {keyword}: {value}. {filler(rng)}"


def without_keyword(rng: random.Random, value: str) -> str:
    """The value in neutral text, far from any keyword."""
    return f"{filler(rng)} {value} {filler(rng)}"


# ---------------------------------------------------------------------------------------
# Check digits and values used by more than one module, from the specifications.

def luhn_valid(number: str) -> bool:
    """ISO/IEC 7812-1 annex B: the last digit is the Luhn check digit of the others."""
    return luhn_digit(number[:-1]) == number[-1]


def luhn_complete(body: str) -> str:
    """body with its Luhn check digit appended."""
    return body + luhn_digit(body)


def icao_check_digit(s: str) -> int:
    """ICAO 9303 Part 3, 4.9: values 0-9, A-Z = 10-35, '<' = 0; weights 7, 3, 1."""
    total = 0
    for i, c in enumerate(s):
        if c == "<":
            v = 0
        elif c.isdigit():
            v = int(c)
        else:
            v = ord(c) - ord("A") + 10
        total += v * (7, 3, 1)[i % 3]
    return total % 10


def nir_key(body13: str) -> int:
    """France's NIR key (INSEE): 97 - the 13-character number mod 97, 2A = 19, 2B = 18."""
    return 97 - int(body13.replace("2A", "19").replace("2B", "18")) % 97


def ssn9(rng: random.Random) -> str:
    """A 9-digit US SSN the SSA could assign (area not 000, 666 or 9xx; group and serial
    not zero), never one of its published examples."""
    while True:
        area = rng.randrange(1, 900)
        if area == 666:
            continue
        value = f"{area:03d}{rng.randrange(1, 100):02d}{rng.randrange(1, 10000):04d}"
        if value not in ("078051120", "219099999", "123456789"):
            return value


# Spain's DNI / NIE / NIF control letter (Ministerio del Interior): DNI_LETTERS[number % 23].
DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
