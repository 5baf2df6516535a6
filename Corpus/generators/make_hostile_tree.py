#!/usr/bin/env python3
"""Writes a bucket-style tree of hostile objects for the reliability test (issue 5):
a zip bomb expanding to gigabytes, 30-level nested zips, members named with '../'
and absolute paths, tar symlink and hard-link members, truncated and corrupt
archives, a 200 MiB single-line file with a value at its end, invalid UTF-8, a
zero-byte file, a FIFO and a symlink loop, beside ordinary objects holding valid
values. Big files are generated here, never committed.

Usage: make_hostile_tree.py OUT [--small]   (--small: 20 MiB line, 256 MiB bomb)

Prints a JSON object: {"bucket/key": {"status": ..., "reason": ..., "found": {TYPE: count}}}
(status is a list where either code is right)
with what a scan must report for each object. Every expected value follows from what
is written here (Python's zipfile, tarfile and gzip modules), not from Trawl.
"""
import gzip
import io
import json
import os
import sys
import tarfile
import zipfile

SSN = "219-48-5231"          # made-up, passes the SSA's structure rules
SSN_LINE = f"employee ssn {SSN}\n"


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data,
                       compress_type=compression)
    return buf.getvalue()


def main():
    out = sys.argv[1]
    small = "--small" in sys.argv
    root = os.path.join(out, "hostile")
    os.makedirs(root, exist_ok=True)
    expect = {}

    def put(key, data, status="COMPLETE", reason=None, found=None):
        path = os.path.join(root, key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        expect["hostile/" + key] = {"status": status, "reason": reason, "found": found or {}}

    # A zip bomb: one text member of spaces expanding to gigabytes (deflate reaches
    # about 1000:1), then a member that is never reached once the bound is crossed.
    bomb_size = (256 << 20) if small else (2 << 30)
    path = os.path.join(root, "bomb.zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        info = zipfile.ZipInfo("spaces.txt", date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info._compresslevel = 9
        with z.open(info, "w", force_zip64=True) as w:
            chunk = b" " * (1 << 20)
            for _ in range(bomb_size >> 20):
                w.write(chunk)
        z.writestr("after.txt", SSN_LINE)
    expect["hostile/bomb.zip"] = {"status": "PARTIAL", "reason": "ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT",
                                  "found": {}}

    # 30 levels of zips; level 2 holds a value beside the next level, the innermost one
    # too (never reached: Macie opens 10 levels).
    inner = zip_bytes([("deepest.txt", SSN_LINE)])
    for level in range(30, 0, -1):
        members = [(f"level{level + 1}.zip", inner)]
        if level == 2:
            members.append(("level2.txt", SSN_LINE))
        inner = zip_bytes(members)
    put("nested30.zip", inner, "PARTIAL", "ARCHIVE_NESTING_LEVEL_OVER_LIMIT",
        {"USA_SOCIAL_SECURITY_NUMBER": 1})

    # Members whose names climb out of any extraction folder: read, never written.
    put("traversal.zip", zip_bytes([("../evil.txt", SSN_LINE), ("/etc/abs.txt", SSN_LINE)]),
        found={"USA_SOCIAL_SECURITY_NUMBER": 2})

    # A tar with a symlink to /etc/passwd and a hard link: neither followed.
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as t:
        data = SSN_LINE.encode()
        info = tarfile.TarInfo("real.txt")
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("passwd-link")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        t.addfile(link)
        hard = tarfile.TarInfo("hard-link")
        hard.type, hard.linkname = tarfile.LNKTYPE, "real.txt"
        t.addfile(hard)
    put("links.tar", buf.getvalue(), found={"USA_SOCIAL_SECURITY_NUMBER": 1})

    # Truncated zip (its first member, stored, is complete) and a corrupt tar.gz.
    whole = zip_bytes([("first.txt", SSN_LINE.encode() + b"x" * 4000), ("second.txt", b"y" * 40000)],
                      zipfile.ZIP_STORED)
    put("truncated.zip", whole[:len(whole) // 2], "PARTIAL", "MALFORMED_FILE",
        {"USA_SOCIAL_SECURITY_NUMBER": 1})
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as t:
        for k in range(20):
            data = (f"row {k} " * 2000).encode()
            info = tarfile.TarInfo(f"part-{k}.txt")
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    tgz = bytearray(buf.getvalue())
    for k in range(200, len(tgz) - 20, 7):
        tgz[k] ^= 0x5A
    # Whether the damage is met before or after the first bytes: PARTIAL or SKIPPED.
    put("corrupt.tar.gz", bytes(tgz), ["PARTIAL", "SKIPPED"], "MALFORMED_FILE")

    # A single line of 200 MiB with the value at its very end.
    line_size = (20 << 20) if small else (200 << 20)
    path = os.path.join(root, "one-line.log")
    with open(path, "wb") as f:
        chunk = b"lorem ipsum dolor sit amet " * 40000
        left = line_size
        while left > 0:
            f.write(chunk[:left])
            left -= len(chunk)
        f.write(b" " + SSN_LINE.encode())
    expect["hostile/one-line.log"] = {"status": "COMPLETE", "reason": None,
                                      "found": {"USA_SOCIAL_SECURITY_NUMBER": 1}}

    # Invalid UTF-8 (a lone continuation byte, a cut sequence): still text.
    put("invalid-utf8.txt", b"caf\xe9 \x80\xc3 (" + SSN_LINE.encode(), found={"USA_SOCIAL_SECURITY_NUMBER": 1})
    put("empty.txt", b"")

    # A FIFO (never opened: it would block) and a loop of symbolic links.
    fifo = os.path.join(root, "pipe")
    if not os.path.exists(fifo):
        os.mkfifo(fifo)
    expect["hostile/pipe"] = {"status": "SKIPPED", "reason": "NOT_A_REGULAR_FILE", "found": {}}
    for a, b in (("loop-a", "loop-b"), ("loop-b", "loop-a")):
        p = os.path.join(root, a)
        if not os.path.lexists(p):
            os.symlink(b, p)
        expect["hostile/" + a] = {"status": "SKIPPED", "reason": "NOT_A_REGULAR_FILE", "found": {}}

    # Ordinary objects beside them.
    put("good/people.csv", f"name,ssn\nAnn,{SSN}\n".encode(), found={"USA_SOCIAL_SECURITY_NUMBER": 1})
    put("good/notes.txt.gz", gzip.compress(SSN_LINE.encode(), mtime=0), found={"USA_SOCIAL_SECURITY_NUMBER": 1})
    json.dump(expect, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
