"""Shared pieces for the eval sample modules: the Sample record and filler text.

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


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def letters(rng: random.Random, n: int, alphabet: str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ") -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


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
