"""Check digits for the synthetic values the corpus generators plant (stdlib only).

Shared by Corpus/make_demo.py and Corpus/generators/make_bench_corpus.py. The demo
generator re-checks every planted value with its own independent verifier.
"""


def luhn_digit(body: str) -> str:
    """The check digit that makes body + digit pass Luhn."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = ord(ch) - 48
        if i % 2 == 0:          # doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def iban_check(country: str, bban: str) -> str:
    """ISO 13616 check digits (MOD 97-10) for an IBAN of `country` with `bban`."""
    moved = bban + country + "00"
    num = int("".join(str(int(c, 36)) for c in moved))
    return f"{98 - num % 97:02d}"
