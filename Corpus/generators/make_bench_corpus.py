#!/usr/bin/env python3
"""Generate Trawl's benchmark corpus under Corpus/generated/bench (gitignored).

Every sensitive-looking value written here is SYNTHETIC, made by this script from
a fixed seed: card numbers are a brand prefix, random digits and a computed Luhn
digit; SSNs have area 001-899 (not 666); IBANs get computed ISO 7064 mod-97 check
digits; e-mail domains are made-up names (never example.*, .test, .invalid); AWS
secret keys are random 40-character base64 strings; JWTs are HS256 tokens signed
with a random key; phone numbers are NANP with no N11 and no 555 exchange.
Published test values (card-network test numbers, AWS documentation keys) are
never written. Never commit the generated data.

Each directory directly under a tree's root is a bucket, as `trawl scan` expects:

  mixed/bench-plain/<kind>/part-NN.<ext>      16 files x 16 MiB = 256 MiB of logs,
                                              CSV, JSON Lines and prose (4 of each)
  mixed-gzip/bench-gzip/<kind>/part-NN.<ext>.gz   the same 16 files, gzip -6
  small/bench-small/batch-NN/obj-NNNNN.<ext>  10,000 objects of exactly 4 KiB
  huge/bench-huge/app.log                     one 1 GiB log

About one sensitive value per 4 KiB (the gap is drawn uniformly from 2-6 KiB):
cards with and without a keyword, SSNs next to "ssn", IBANs, e-mail addresses,
AWS secret keys next to aws_secret_access_key, JWTs and phone numbers.

Speed: unique text is generated once per format into a pool of 64 KiB blocks
(8 MiB per format at --scale 1) and the files are assembled from randomly drawn
blocks, so 256 MiB takes seconds, not minutes. gzip runs on every core.

--scale F multiplies the file sizes of mixed, mixed-gzip and huge and the object
count of small (objects stay 4 KiB) for quick runs. The output is byte-for-byte
the same for the same --seed and --scale, whichever parts are generated together.
manifest.json records what each part holds (bytes, objects, planted values).

Usage: python3 Corpus/generators/make_bench_corpus.py [--parts mixed,gzip,small,huge]
           [--scale 1.0] [--out DIR] [--seed N] [--if-missing]
"""

import argparse
import base64
import gzip
import hashlib
import hmac
import json
import multiprocessing
import os
import random
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from checksums import iban_check, luhn_digit

SEED = 20240611
KiB = 1024
MiB = 1024 * KiB
BLOCK = 64 * KiB
POOL_PER_FORMAT = 8 * MiB           # unique text per format at --scale 1
MIXED_FILES = 16
MIXED_FILE_SIZE = 16 * MiB
SMALL_OBJECTS = 10_000
SMALL_SIZE = 4 * KiB
HUGE_SIZE = 1024 * MiB
GAP_MIN, GAP_MAX = 2 * KiB, 6 * KiB  # bytes between planted values (mean 4 KiB)

FORMATS = ["log", "csv", "jsonl", "txt"]
KIND_DIR = {"log": "logs", "csv": "csv", "jsonl": "events", "txt": "docs"}
CSV_HEADER = b"id,created_at,customer,city,amount,currency,status,channel,note\n"
PARTS = ["mixed", "gzip", "small", "huge"]
HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parent / "generated" / "bench"

# Never planted (published test numbers and documentation keys).
PUBLISHED = {
    "4111111111111111", "4242424242424242", "4012888888881881", "5555555555554444",
    "5105105105105100", "378282246310005", "371449635398431", "6011111111111117",
    "6011000990139424", "4000056655665556", "2223003122003222",
}
RESERVED_SSNS = {"078-05-1120", "219-09-9999", "123-45-6789"}

# ---------------------------------------------------------------------------
# Words and names (made up or common nouns; no real people).
WORDS = ("the a an of to in for on with by from at as is was are be been will can may "
         "should report quarterly revenue customer account system service request policy "
         "review update process team project release deploy build pipeline storage bucket "
         "object region cluster node latency throughput error warning retry backoff queue "
         "worker shard index table column record field value schema version migration "
         "contract invoice payment refund order shipment warehouse supplier vendor "
         "meeting agenda action item owner deadline budget forecast estimate risk "
         "compliance audit control evidence finding remediation ticket incident outage "
         "postmortem timeline summary detail analysis metric dashboard alert threshold "
         "capacity planning hiring onboarding training document handbook guideline "
         "approval manager director engineer analyst operator support escalation "
         "network firewall gateway proxy endpoint certificate rotation backup restore "
         "snapshot archive retention deletion request portal login session browser mobile "
         "application feature flag experiment cohort segment campaign newsletter "
         "subscription renewal discount promotion catalog product inventory pricing").split()
FIRST = ("ada alan grace linus barbara ken dennis margaret edsger donald frances john "
         "radia leslie tony niklaus bjarne guido james yukihiro anders rob brian sophie "
         "maren tomas ines kofi aiko ravi lena oskar zora milan elif jonas nadia").split()
LAST = ("lovelace turing hopper torvalds liskov thompson ritchie hamilton dijkstra knuth "
        "allen backus perlman lamport hoare wirth stroustrup rossum gosling matsumoto "
        "hejlsberg pike kernighan varga nilsen okafor tanaka rao berg lindqvist moreau "
        "novak demir weber haddad costa").split()
CITIES = ("Lisbon Porto Oslo Bergen Tallinn Riga Vilnius Krakow Brno Graz Lyon Ghent "
          "Utrecht Aarhus Tampere Cork Leeds Bristol Austin Denver Portland Raleigh "
          "Madison Boise Tucson Omaha Halifax Calgary").split()
SYLL = ("qor van tis mel dra bex lum fen sor tal vir nok pra zel hul mar dex ori kal "
        "ven tru sil bra gon").split()
TLDS = ["com", "net", "io", "org", "co", "dev"]
COMPONENTS = ["api", "auth", "billing", "checkout", "search", "ingest", "scheduler",
              "mailer", "ledger", "gateway"]
PATHS = ["/api/v1/orders", "/api/v1/users", "/api/v2/search", "/health", "/api/v1/invoices",
         "/static/app.js", "/api/v1/payments", "/login", "/api/v1/reports", "/metrics"]
METHODS = ["GET", "GET", "GET", "POST", "PUT", "DELETE"]
STATUSES = [200, 200, 200, 200, 201, 204, 301, 304, 400, 401, 404, 500, 503]
LEVELS = ["INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"]
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
HEX = "0123456789abcdef"
JWT_HEADER = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').rstrip(b"=").decode()

# Kinds of planted values, with weights.
KINDS = ["card_kw", "card_nokw", "ssn", "iban", "email", "aws_secret", "jwt", "phone"]
KIND_WEIGHTS = [3, 1, 2, 2, 3, 1, 1, 2]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Values:
    """Synthetic sensitive values, from one RNG."""

    def __init__(self, rng: random.Random):
        self.r = rng

    def digits(self, n):
        return "".join(self.r.choices("0123456789", k=n))

    def card_digits(self):
        r = self.r
        brand = r.choice(["visa", "visa", "mc", "mc2", "amex", "disc"])
        if brand == "visa":
            prefix, n = "4", 16
        elif brand == "mc":
            prefix, n = str(r.randint(51, 55)), 16
        elif brand == "mc2":
            prefix, n = str(r.randint(2221, 2720)), 16
        elif brand == "amex":
            prefix, n = r.choice(["34", "37"]), 15
        else:
            prefix, n = "6011", 16
        while True:
            body = prefix + self.digits(n - len(prefix) - 1)
            num = body + luhn_digit(body)
            if num not in PUBLISHED and len(set(num[1:])) > 2:
                return num

    def card(self):
        num = self.card_digits()
        style = self.r.random()
        if style < 0.5:
            return num
        sep = " " if style < 0.8 else "-"
        if len(num) == 15:
            return sep.join([num[:4], num[4:10], num[10:]])
        return sep.join(num[i:i + 4] for i in range(0, 16, 4))

    def ssn(self):
        r = self.r
        while True:
            area = r.randint(1, 899)
            if area == 666:
                continue
            s = f"{area:03d}-{r.randint(1, 99):02d}-{r.randint(1, 9999):04d}"
            if s not in RESERVED_SSNS:
                return s

    def iban(self):
        r = self.r
        country = r.choice(["DE", "GB", "FR", "NL", "ES"])
        if country == "DE":
            bban = self.digits(18)
        elif country == "GB":
            bban = "".join(r.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZ", k=4)) + self.digits(14)
        elif country == "FR":
            bban = self.digits(23)
        elif country == "NL":
            bban = "".join(r.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZ", k=4)) + self.digits(10)
        else:
            bban = self.digits(20)
        iban = f"{country}{iban_check(country, bban)}{bban}"
        if r.random() < 0.5:
            return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
        return iban

    def email(self):
        r = self.r
        local = r.choice([f"{r.choice(FIRST)}.{r.choice(LAST)}", f"{r.choice(FIRST)}{r.randint(1, 99)}",
                          f"{r.choice(FIRST)[0]}{r.choice(LAST)}"])
        domain = "".join(r.choices(SYLL, k=r.randint(2, 3)))
        if r.random() < 0.3:
            domain = "mail." + domain
        return f"{local}@{domain}.{r.choice(TLDS)}"

    def aws_secret(self):
        r = self.r
        while True:
            s = "".join(r.choices(B64, k=40))
            if (any(c.isupper() for c in s) and any(c.islower() for c in s)
                    and any(c.isdigit() or c in "+/" for c in s)):
                return s

    def jwt(self):
        r = self.r
        payload = {"sub": f"u{r.randint(10000, 99999)}", "iat": 1710000000 + r.randint(0, 9_000_000),
                   "scope": r.choice(["read", "read write", "admin"])}
        body = f"{JWT_HEADER}.{b64url(json.dumps(payload, separators=(',', ':')).encode())}"
        key = bytes(r.getrandbits(8) for _ in range(32))
        sig = hmac.new(key, body.encode(), hashlib.sha256).digest()
        return f"{body}.{b64url(sig)}"

    def phone(self):
        r = self.r
        while True:
            area = f"{r.randint(2, 9)}{r.randint(0, 8)}{r.randint(0, 9)}"
            exch = f"{r.randint(2, 9)}{r.randint(0, 9)}{r.randint(0, 9)}"
            if area[1:] == "11" or exch[1:] == "11" or exch == "555":
                continue
            line = self.digits(4)
            style = r.random()
            if style < 0.4:
                return f"({area}) {exch}-{line}"
            if style < 0.8:
                return f"{area}-{exch}-{line}"
            return f"+1 {area} {exch} {line}"

    def snippet(self, kind):
        """A planted value with its context, as free text."""
        r = self.r
        if kind == "card_kw":
            return f"{r.choice(['card number', 'visa', 'credit card', 'mastercard', 'amex'])}: {self.card()}"
        if kind == "card_nokw":
            return f"txn ref {self.card()} settled"
        if kind == "ssn":
            return f"{r.choice(['ssn', 'SSN', 'ssn#'])} {self.ssn()}"
        if kind == "iban":
            return f"payout to IBAN {self.iban()}"
        if kind == "email":
            return f"notify {self.email()}"
        if kind == "aws_secret":
            return f"aws_secret_access_key = {self.aws_secret()}"
        if kind == "jwt":
            return f"Authorization: Bearer {self.jwt()}"
        return f"{r.choice(['phone', 'tel', 'mobile'])}: {self.phone()}"

    def json_field(self, kind):
        """A planted value as a JSON member (its name is the keyword where one is needed)."""
        if kind == "card_kw":
            return "card_number", self.card()
        if kind == "card_nokw":
            return "ref", self.card()
        if kind == "ssn":
            return "ssn", self.ssn()
        if kind == "iban":
            return "iban", self.iban()
        if kind == "email":
            return "email", self.email()
        if kind == "aws_secret":
            return "aws_secret_access_key", self.aws_secret()
        if kind == "jwt":
            return "id_token", self.jwt()
        return "phone", self.phone()


# ---------------------------------------------------------------------------
# Line generators, one per format. Each returns (line, planted kind or None).

class TextGen:
    def __init__(self, fmt, rng):
        self.fmt = fmt
        self.r = rng
        self.v = Values(rng)
        self.t = 1710115200_000 + rng.randint(0, 86_400_000)   # ms since the epoch
        self.sec = -1
        self.prefix = ""
        self.row = rng.randint(1, 900_000)
        self.gap = rng.randint(GAP_MIN, GAP_MAX)

    def ts(self):
        self.t += self.r.randint(1, 40)
        s = self.t // 1000
        if s != self.sec:
            self.sec = s
            self.prefix = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(s))
        return f"{self.prefix}.{self.t % 1000:03d}Z"

    def ip(self):
        r = self.r
        return f"10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"

    def hexid(self, n):
        return "".join(self.r.choices(HEX, k=n))

    def kind(self):
        return self.r.choices(KINDS, weights=KIND_WEIGHTS)[0]

    def line(self, plant):
        return getattr(self, "line_" + self.fmt)(plant)

    def line_log(self, plant):
        r = self.r
        head = f"{self.ts()} {r.choice(LEVELS):5s} [worker-{r.randint(0, 15)}] {r.choice(COMPONENTS)}"
        if plant:
            k = self.kind()
            return f"{head} req={self.hexid(12)} {self.v.snippet(k)}\n", k
        x = r.random()
        if x < 0.7:
            return (f"{head} req={self.hexid(12)} {r.choice(METHODS)} {r.choice(PATHS)}/{r.randint(1, 99999)} "
                    f"{r.choice(STATUSES)} {r.randint(120, 99999)}B {r.randint(1, 2500)}ms ip={self.ip()}\n"), None
        if x < 0.85:
            return (f"{head} gc pause {r.randint(1, 90)}ms heap={r.randint(100, 2000)}MB/{2048}MB "
                    f"objects={r.randint(10000, 9999999)} gen={r.randint(0, 2)}\n"), None
        return (f"{head} session {self.hexid(8)}-{self.hexid(4)}-{self.hexid(4)}-{self.hexid(4)}-"
                f"{self.hexid(12)} user=u{r.randint(10000, 99999)} from {self.ip()} "
                f"took {r.random() * 3:.3f}s\n"), None

    def line_csv(self, plant):
        r = self.r
        self.row += 1
        note, k = r.choice(["", "", "renewal", "first order", "gift", "priority"]), None
        if plant:
            k = self.kind()
            note = '"' + self.v.snippet(k).replace('"', '""') + '"'
        return (f"{self.row},{self.ts()},{r.choice(FIRST).title()} {r.choice(LAST).title()},"
                f"{r.choice(CITIES)},{r.randint(1, 99999) / 100:.2f},{r.choice(['EUR', 'USD', 'GBP'])},"
                f"{r.choice(['paid', 'pending', 'refunded', 'failed'])},"
                f"{r.choice(['web', 'app', 'store', 'phone-in'])},{note}\n"), k

    def line_jsonl(self, plant):
        r = self.r
        rec = {"ts": self.ts(), "level": r.choice(["info", "info", "debug", "warn"]),
               "svc": r.choice(COMPONENTS), "event": r.choice(["order.created", "order.paid", "cart.updated",
                                                               "user.login", "invoice.sent"]),
               "order_id": r.randint(10000, 9999999), "amount": r.randint(1, 99999) / 100,
               "items": r.randint(1, 9), "session": self.hexid(16)}
        k = None
        if plant:
            k = self.kind()
            name, value = self.v.json_field(k)
            rec["customer"] = {name: value}
        return json.dumps(rec, separators=(",", ":")) + "\n", k

    def sentence(self):
        r = self.r
        words = r.choices(WORDS, k=r.randint(8, 22))
        return " ".join(words).capitalize() + "."

    def line_txt(self, plant):
        r = self.r
        k = None
        sentences = [self.sentence() for _ in range(r.randint(2, 6))]
        if plant:
            k = self.kind()
            sentences.insert(r.randint(0, len(sentences)), f"Please note the {self.v.snippet(k)} for the record.")
        text = " ".join(sentences) + "\n"
        if r.random() < 0.3:
            text += "\n"
        return text, k


def pad_line(fmt, n):
    """A filler line of exactly n bytes (n >= 16), newline included."""
    if fmt == "jsonl":
        return ('{"pad":"' + "x" * (n - 11) + '"}\n').encode()
    if fmt == "csv":
        return ("0,,,,,,,," + "x" * (n - 10) + "\n").encode()
    return ("#" + "-" * (n - 2) + "\n").encode()


def make_pool(fmt, seed, scale):
    """Unique text for one format: a list of (block bytes, [(offset, kind), ...])."""
    rng = random.Random(f"{seed}:pool:{fmt}:{scale}")
    g = TextGen(fmt, rng)
    count = max(4, int(POOL_PER_FORMAT * scale) // BLOCK)
    blocks = []
    for _ in range(count):
        parts, planted, size = [], [], 0
        while size < BLOCK:
            plant = g.gap <= 0
            line, k = g.line(plant)
            if k is not None:
                planted.append((size, k))
                g.gap = rng.randint(GAP_MIN, GAP_MAX)
            b = line.encode()
            parts.append(b)
            size += len(b)
            g.gap -= len(b)
        blocks.append((b"".join(parts), planted))
    return blocks


_POOLS = {}


def pools(seed, scale):
    key = (seed, scale)
    if key not in _POOLS:
        _POOLS[key] = {fmt: make_pool(fmt, seed, scale) for fmt in FORMATS}
    return _POOLS[key]


def assemble(fmt, size, pool, rng, header=b""):
    """Draw pool blocks until `size` bytes; cut at a line boundary and pad to exactly `size`.
    Returns (list of byte chunks, planted kind counts)."""
    chunks, counts, total = [header], {}, len(header)
    while total < size:
        block, planted = pool[rng.randrange(len(pool))]
        room = size - total
        if len(block) <= room - 16 or len(block) == room:
            chunks.append(block)
            total += len(block)
            for _, k in planted:
                counts[k] = counts.get(k, 0) + 1
            continue
        # Last block: keep whole lines, leave at least 16 bytes for the filler line.
        cut = block.rfind(b"\n", 0, room - 16 + 1) + 1 if room >= 16 else 0
        chunks.append(block[:cut])
        for off, k in planted:
            if off < cut:
                counts[k] = counts.get(k, 0) + 1
        total += cut
        chunks.append(pad_line(fmt, size - total))
        total = size
    return chunks, counts


def mixed_objects(seed, scale):
    """(key, fmt, size) of the 16 mixed files."""
    size = max(64 * KiB, int(MIXED_FILE_SIZE * scale))
    return [(f"{KIND_DIR[FORMATS[i % 4]]}/part-{i:02d}.{FORMATS[i % 4]}", FORMATS[i % 4], size)
            for i in range(MIXED_FILES)]


def mixed_file(seed, scale, i):
    key, fmt, size = mixed_objects(seed, scale)[i]
    rng = random.Random(f"{seed}:mixed:{i}:{scale}")
    chunks, counts = assemble(fmt, size, pools(seed, scale)[fmt], rng,
                              CSV_HEADER if fmt == "csv" else b"")
    return key, chunks, counts


def _gzip_one(args):
    seed, scale, i, dest = args
    key, chunks, _ = mixed_file(seed, scale, i)
    data = b"".join(chunks)
    path = Path(dest) / (key + ".gz")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        # mtime 0 and no file name: the same bytes on every run.
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=6, mtime=0) as z:
            z.write(data)
    return len(data), path.stat().st_size


def add_counts(total, counts):
    for k, v in counts.items():
        total[k] = total.get(k, 0) + v


def gen_mixed(out, seed, scale):
    dest = out / "mixed" / "bench-plain"
    shutil.rmtree(out / "mixed", ignore_errors=True)
    total, planted = 0, {}
    for i in range(MIXED_FILES):
        key, chunks, counts = mixed_file(seed, scale, i)
        path = dest / key
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            f.writelines(chunks)
        total += sum(len(c) for c in chunks)
        add_counts(planted, counts)
    return {"root": "mixed", "bucket": "bench-plain", "objects": MIXED_FILES, "bytes": total,
            "planted": dict(sorted(planted.items()))}


def gen_gzip(out, seed, scale):
    dest = out / "mixed-gzip" / "bench-gzip"
    shutil.rmtree(out / "mixed-gzip", ignore_errors=True)
    pools(seed, scale)   # built once here, inherited by forked workers
    jobs = [(seed, scale, i, str(dest)) for i in range(MIXED_FILES)]
    # fork: the workers inherit the pools instead of rebuilding them.
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2,
                             mp_context=multiprocessing.get_context("fork")) as ex:
        sizes = list(ex.map(_gzip_one, jobs))
    planted = {}
    for i in range(MIXED_FILES):
        add_counts(planted, mixed_file_counts(seed, scale, i))
    return {"root": "mixed-gzip", "bucket": "bench-gzip", "objects": MIXED_FILES,
            "bytes": sum(s[1] for s in sizes), "uncompressedBytes": sum(s[0] for s in sizes),
            "planted": dict(sorted(planted.items()))}


def mixed_file_counts(seed, scale, i):
    return mixed_file(seed, scale, i)[2]


def gen_small(out, seed, scale):
    dest = out / "small" / "bench-small"
    shutil.rmtree(out / "small", ignore_errors=True)
    rng = random.Random(f"{seed}:small:{scale}")
    pool = pools(seed, scale)
    n = max(10, int(round(SMALL_OBJECTS * scale)))
    planted = {}
    for i in range(n):
        fmt = FORMATS[i % 4]
        header = CSV_HEADER if fmt == "csv" else b""
        block, marks = pool[fmt][rng.randrange(len(pool[fmt]))]
        # Start at a line start inside the block, so each object differs.
        start = rng.randrange(0, len(block) - 2 * SMALL_SIZE)
        start = block.rfind(b"\n", 0, start) + 1
        room = SMALL_SIZE - len(header)
        cut = max(start, block.rfind(b"\n", start, start + room - 16 + 1) + 1)
        body = block[start:cut]
        for off, k in marks:
            if start <= off < cut:
                planted[k] = planted.get(k, 0) + 1
        data = header + body + pad_line(fmt, room - len(body))
        assert len(data) == SMALL_SIZE
        path = dest / f"batch-{i // 1000:02d}" / f"obj-{i:05d}.{fmt}"
        if i % 1000 == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    return {"root": "small", "bucket": "bench-small", "objects": n, "bytes": n * SMALL_SIZE,
            "planted": dict(sorted(planted.items()))}


def gen_huge(out, seed, scale):
    dest = out / "huge" / "bench-huge"
    shutil.rmtree(out / "huge", ignore_errors=True)
    dest.mkdir(parents=True)
    size = max(1 * MiB, int(HUGE_SIZE * scale))
    rng = random.Random(f"{seed}:huge:{scale}")
    chunks, counts = assemble("log", size, pools(seed, scale)["log"], rng)
    with open(dest / "app.log", "wb") as f:
        f.writelines(chunks)   # the chunks share the pool's block objects: no copy
    return {"root": "huge", "bucket": "bench-huge", "objects": 1, "bytes": size,
            "planted": dict(sorted(counts.items()))}


GENERATORS = {"mixed": gen_mixed, "gzip": gen_gzip, "small": gen_small, "huge": gen_huge}


def part_present(out, entry):
    root = out / entry["root"]
    if not root.is_dir():
        return False
    files = [p for p in root.rglob("*") if p.is_file()]
    return len(files) == entry["objects"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parts", default=",".join(PARTS),
                    help="comma-separated: mixed, gzip, small, huge (default: all)")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="size factor for quick runs (default 1.0: 256 MiB mixed, 10,000 small, 1 GiB huge)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--if-missing", action="store_true",
                    help="skip a part the manifest already lists with the same seed and scale")
    args = ap.parse_args()
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    bad = [p for p in parts if p not in GENERATORS]
    if bad or not parts or args.scale <= 0:
        ap.error(f"unknown part(s) {bad}; choose from {PARTS}" if bad else "nothing to do / bad --scale")

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {"parts": {}}
    for part in parts:
        old = manifest["parts"].get(part)
        if (args.if_missing and old and old.get("seed") == args.seed and old.get("scale") == args.scale
                and part_present(out, old)):
            print(f"{part}: present (seed {args.seed}, scale {args.scale}), kept")
            continue
        t0 = time.monotonic()
        entry = GENERATORS[part](out, args.seed, args.scale)
        entry.update(seed=args.seed, scale=args.scale)
        manifest["parts"][part] = entry
        manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        planted = sum(entry["planted"].values())
        print(f"{part}: {entry['objects']} objects, {entry['bytes'] / MiB:.1f} MiB, "
              f"{planted} planted values, {time.monotonic() - t0:.1f} s -> {out / entry['root']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
