#!/usr/bin/env python3
"""Whole-process figures for Trawl side by side with its peers, on the generated corpus.

Every figure is one whole process (start-up, detector loading and pattern compilation
included), timed as a child of this script and measured with /usr/bin/time -f '%e %M'
(wall seconds, peak RSS KiB). Each command runs --runs times (default 3) after the page
cache has been warmed, the commands of one corpus taking turns (Trawl, then each peer,
then the peers and Trawl in the reverse order...), so that a change in the machine's load
or clock during a corpus falls on both sides of a ratio, and neither side always runs
first in a round (the first ran 2-6% slower); the table shows medians. ripgrep with
Trawl's patterns (`rg -P`, about 20 s a run on the mixed tree) runs after those turns,
not among them: on this machine the first process after a long run on both cores ran
20-35% slower (measured: Trawl 339 ms right after 20 s of load on both cores, 247 ms
in the next run; ripgrep 466 against about 400), and in the turns that process was always
Trawl. MB/s = 10^6 bytes/s; MiB = 2^20 bytes.

  mixed       256 MiB, 16 files x 16 MiB (logs, CSV, JSON Lines, prose)
              trawl scan --jobs 2   vs  rg -c -j2 -f patterns/patterns_rg_45.txt (the team's
              fixed 45-pattern set)  and  rg -P -c -j2 -f <Trawl's own patterns>
  mixed-gzip  the same 16 files gzipped; trawl --jobs 1 vs `gzip -dc` and the zlib inflate
              rate (python's zlib, one core, in memory); MB/s counts decompressed bytes
  small       10,000 objects of 4 KiB: objects/s (trawl --jobs 2 vs rg -j2)
  huge        one 1 GiB object: MB/s and peak RSS (trawl --jobs 2 vs rg -j2)

Trawl's patterns are exported from the `regex:` fields of Detectors/managed/*.yml (one
per distinct regex). They use look-arounds, \\K, branch reset and backreferences, which
ripgrep's default engine lacks, so ripgrep runs them with -P (PCRE2); absolute
backreferences are rewritten as relative ones (\\1 -> \\g{-1}) because ripgrep joins the
patterns into one alternation, which renumbers groups. ripgrep also gets --no-config and
--no-ignore (the corpus lies under a .gitignore'd folder).

Usage: python3 Benchmarks/peer.py [--trawl PATH] [--corpus DIR] [--runs 3]
           [--parts mixed,gzip,small,huge] [--out Benchmarks/results/latest.md]
"""

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MiB = 1024 * 1024
RG = "/usr/bin/rg"
TIME = "/usr/bin/time"
RG45 = HERE / "patterns" / "patterns_rg_45.txt"
PARTS = ["mixed", "gzip", "small", "huge"]


# ---------------------------------------------------------------------------
# Trawl's patterns in ripgrep's (PCRE2) dialect

def yaml_regex(path: Path) -> str:
    """The `regex:` scalar of a detector file (single-quoted, plain or double-quoted)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("regex:"):
            continue
        v = line[len("regex:"):].strip()
        if v.startswith("'") and v.endswith("'") and len(v) >= 2:
            return v[1:-1].replace("''", "'")
        if v.startswith('"'):
            return json.loads(v)   # YAML double-quoted escapes used here are JSON's
        if v and v[0] not in "|>":
            return v
        raise SystemExit(f"{path}: a block-scalar regex is not supported by this exporter")
    raise SystemExit(f"{path}: no regex field")


def relative_backrefs(p: str) -> str:
    r"""Rewrite \N backreferences as \g{-k} (relative), honouring branch-reset groups, so
    the pattern means the same when ripgrep puts other patterns' groups before it."""
    out, i, count = [], 0, 0
    stack = []            # per open group: None, or [reset_base, max_count] for (?|
    in_class = False
    while i < len(p):
        c = p[i]
        if c == "\\":
            m = re.match(r"\\([1-9][0-9]?)", p[i:])
            if m and not in_class:
                n = int(m.group(1))
                if n > count:
                    raise SystemExit(f"backreference \\{n} to a group not yet opened in {p!r}")
                out.append(f"\\g{{-{count - n + 1}}}")
                i += len(m.group(0))
                continue
            out.append(p[i:i + 2])
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if i < len(p) and p[i] == "^":
                out.append("^")
                i += 1
            if i < len(p) and p[i] == "]":       # a leading ] is literal
                out.append("]")
                i += 1
            continue
        if c == "(":
            rest = p[i + 1:]
            if rest.startswith("?|"):
                stack.append([count, count])
            else:
                capturing = (not rest.startswith("?") or re.match(r"\?P?<[A-Za-z_]", rest)
                             or rest.startswith("?'"))
                if capturing:
                    count += 1
                stack.append(None)
        elif c == "|" and stack and stack[-1] is not None:
            stack[-1][1] = max(stack[-1][1], count)
            count = stack[-1][0]
        elif c == ")" and stack:
            top = stack.pop()
            if top is not None:
                count = max(top[1], count)
        out.append(c)
        i += 1
    return "".join(out)


def export_trawl_patterns(dest: Path):
    files = sorted((REPO / "Detectors" / "managed").glob("*.yml"))
    seen, patterns = set(), []
    for f in files:
        r = yaml_regex(f)
        if r not in seen:
            seen.add(r)
            patterns.append(relative_backrefs(r))
    dest.write_text("".join(p + "\n" for p in patterns), encoding="utf-8")
    # Which of them ripgrep's default (Rust regex) engine can take at all.
    default_ok = 0
    for p in patterns:
        r = subprocess.run([RG, "--no-config", "-c", "-e", p, "/dev/null"], capture_output=True)
        default_ok += r.returncode in (0, 1)
    return len(files), len(patterns), default_ok


# ---------------------------------------------------------------------------
# Running and timing

def warm(paths):
    for root in paths:
        for dirpath, _, names in os.walk(root):
            for n in names:
                with open(os.path.join(dirpath, n), "rb") as f:
                    while f.read(8 * MiB):
                        pass


def split_for_pcre2(patterns: Path, rg) -> list:
    """The pattern file itself when `rg -P` compiles it, else halves, recursively: files
    next to it named <stem>.partN.txt."""
    def compiles(path):
        r = subprocess.run(rg + ["-P", "-f", str(path), "/dev/null"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return r.returncode in (0, 1)

    lines = patterns.read_text().splitlines()
    groups, pending = [], [lines]
    while pending:
        group = pending.pop(0)
        probe = patterns.with_name(patterns.stem + ".probe.txt")
        probe.write_text("\n".join(group) + "\n")
        if compiles(probe):
            groups.append(group)
        elif len(group) == 1:
            raise SystemExit(f"rg -P cannot compile one of Trawl's patterns alone: {group[0][:80]}")
        else:
            pending[:0] = [group[:len(group) // 2], group[len(group) // 2:]]
        probe.unlink()
    if len(groups) == 1:
        return [patterns]
    out = []
    for i, group in enumerate(groups):
        part = patterns.with_name(f"{patterns.stem}.part{i + 1}.txt")
        part.write_text("\n".join(group) + "\n")
        out.append(part)
    return out


def timed(cmd, ok_codes=(0,), log=None):
    """One run: (wall seconds by perf_counter, wall by /usr/bin/time %e, peak RSS KiB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        full = [TIME, "-f", "%e %M", "-o", tf.name] + cmd
        t0 = time.perf_counter()
        r = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t0
        fields = tf.read().strip().splitlines()[-1].split()
    if r.returncode not in ok_codes:
        raise SystemExit(f"command failed ({r.returncode}): {shlex.join(cmd)}\n{r.stderr.decode()[-2000:]}")
    e, m = float(fields[0]), int(fields[1])
    if log:
        log.write(f"{wall:9.3f}s  %e={e:7.2f}  %M={m:8d} KiB  {shlex.join(cmd)}\n")
        log.flush()
    return wall, e, m


def summary(cmd, results, shell=False):
    return {"wall": statistics.median(r[0] for r in results),
            "e": statistics.median(r[1] for r in results),
            "rss_kib": statistics.median(r[2] for r in results),
            "runs": [round(r[0], 3) for r in results],
            "cmd": shlex.join(cmd) if not shell else cmd[-1]}


def measure_in_turns(commands, runs, log=None):
    """Run each command `runs` times, taking turns (round 1: every command once, round 2:
    every command once in the reverse order, ...). `commands`: name -> dict(cmd=...,
    ok_codes=..., shell=...), or a
    callable timed by this process (returns nothing; its result is its wall time).
    Returns name -> summary (a callable's: its list of wall times)."""
    argv = {name: ["/bin/sh", "-c", c["cmd"]] if c.get("shell") else c["cmd"]
            for name, c in commands.items() if not callable(c)}
    results = {name: [] for name in commands}
    order = list(commands.items())
    for round_ in range(runs):
        for name, c in (order if round_ % 2 == 0 else order[::-1]):
            if callable(c):
                t0 = time.perf_counter()
                c()
                results[name].append(time.perf_counter() - t0)
            else:
                results[name].append(timed(argv[name], c.get("ok_codes", (0,)), log))
    return {name: results[name] if callable(c) else summary(argv[name], results[name], c.get("shell", False))
            for name, c in commands.items()}


def zlib_inflater(files):
    """A callable inflating every file with python's zlib (one core, compressed input
    already in memory), and the number of bytes it produces."""
    blobs = [Path(f).read_bytes() for f in files]
    def inflate():
        total = 0
        for b in blobs:
            d = zlib.decompressobj(wbits=31)
            total += len(d.decompress(b)) + len(d.flush())
        return total
    return inflate, inflate()


def loadavg():
    try:
        return float(open("/proc/loadavg").read().split()[0])
    except OSError:
        return -1.0


def wait_idle(limit_s, threshold):
    """Wait (up to limit_s) until the 1-minute load average is below threshold: other
    processes on the machine skew every figure."""
    t0 = time.monotonic()
    while loadavg() >= threshold and time.monotonic() - t0 < limit_s:
        print(f"   load average {loadavg():.2f} >= {threshold}: waiting for the machine to go idle",
              file=sys.stderr)
        time.sleep(15)
    return loadavg()


def files_under(root):
    return sorted(str(p) for p in Path(root).rglob("*") if p.is_file())


# ---------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description="Trawl vs ripgrep / gzip / zlib, whole-process figures")
    ap.add_argument("--trawl", default=os.environ.get("TRAWL", str(REPO / ".build" / "release" / "trawl")))
    ap.add_argument("--trawl-label", help="what the binary is, for the report (e.g. the commit it was built from)")
    ap.add_argument("--corpus", type=Path, default=REPO / "Corpus" / "generated" / "bench")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--parts", default=",".join(PARTS))
    ap.add_argument("--out", type=Path, default=HERE / "results" / "latest.md")
    ap.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                    help="before each corpus, wait up to this long for the 1-minute load average to drop "
                         "below --idle-load (default 0: do not wait; the load is reported either way)")
    ap.add_argument("--idle-load", type=float, default=0.5)
    args = ap.parse_args()
    parts = [p for p in args.parts.split(",") if p]

    trawl = str(Path(args.trawl).resolve())
    if not os.access(trawl, os.X_OK):
        raise SystemExit(f"no trawl executable at {trawl} (build it: swift build -c release, or pass --trawl)")
    manifest_path = args.corpus / "manifest.json"
    if not manifest_path.exists():
        raise SystemExit(f"no corpus at {args.corpus}: python3 Corpus/generators/make_bench_corpus.py")
    manifest = json.loads(manifest_path.read_text())["parts"]
    missing = [p for p in parts if p not in manifest]
    if missing:
        raise SystemExit(f"corpus parts missing: {missing}: python3 Corpus/generators/make_bench_corpus.py "
                         f"--parts {','.join(missing)}")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    exported = args.out.parent / "trawl-patterns.rg.txt"
    n_files, n_patterns, n_default = export_trawl_patterns(exported)
    log = open(args.out.with_suffix(".log"), "w")
    j = str(args.jobs)
    rg = [RG, "--no-config", "--no-ignore", "-c", f"-j{j}"]

    # PCRE2 compiles ripgrep's joined alternation as one pattern and refuses it when it
    # grows too large (the whole catalogue does): then Trawl's patterns are split into
    # the fewest batches that compile, run one rg process after another on the same
    # files, and the figure is their summed wall time.
    batches = split_for_pcre2(exported, rg)
    log.write(f"Trawl's patterns for rg -P: {len(batches)} batch(es) of "
              f"{', '.join(str(len(b.read_text().splitlines())) for b in batches)} patterns\n")

    def rg_trawl_cmd(tree):
        return "; ".join(shlex.join(rg + ["-P", "-f", str(b), str(tree)]) for b in batches) + "; true"

    def trawl_cmd(tree, jobs):
        return [trawl, "scan", str(tree), "--jobs", str(jobs), "--quiet", "--output", "/dev/null",
                "--results", "/dev/null"]

    rows = []      # dicts: corpus, tool, bytes, objects, m (measure), peers
    notes = []
    loads = []    # 1-minute load average before each corpus
    scales = sorted({manifest[p]["scale"] for p in parts})

    for part in parts:
        entry = manifest[part]
        tree = args.corpus / entry["root"]
        print(f"== {part}: warming the page cache ({tree})", file=sys.stderr)
        warm([tree])
        load = wait_idle(args.wait_idle, args.idle_load)
        loads.append(f"{part} {load:.2f}")
        objects = entry["objects"]
        if part == "gzip":
            gz = files_under(tree)
            out_bytes = entry["uncompressedBytes"]
            print("   trawl --jobs 1, gzip -dc and zlib in turns", file=sys.stderr)
            inflate, total = zlib_inflater(gz)
            assert total == out_bytes, (total, out_bytes)
            got = measure_in_turns({
                "trawl": dict(cmd=trawl_cmd(tree, 1)),
                "gzip": dict(cmd=f"gzip -dc {' '.join(shlex.quote(f) for f in gz)} > /dev/null", shell=True),
                "zlib": inflate}, args.runs, log=log)
            t, g = got["trawl"], got["gzip"]
            rate = total / statistics.median(got["zlib"])
            log.write(f"zlib inflate (python, in memory): {rate / 1e6:.1f} MB/s of output\n")
            rows.append(dict(corpus="mixed-gzip", tool="trawl scan --jobs 1", bytes=out_bytes, objects=objects,
                             m=t, base={"zlib": rate, "gzip": out_bytes / g["wall"]}))
            rows.append(dict(corpus="mixed-gzip", tool="gzip -dc (1 process)", bytes=out_bytes, objects=objects,
                             m=g))
            rows.append(dict(corpus="mixed-gzip", tool="python zlib inflate, in memory", bytes=out_bytes,
                             objects=objects, no_rate=True, m={"wall": out_bytes / rate, "rss_kib": None, "cmd": "zlib.decompressobj"}))
            continue
        size = entry["bytes"]
        print(f"   trawl --jobs {j} and rg (45 patterns) in turns, then rg -P (Trawl's patterns)", file=sys.stderr)
        got = measure_in_turns({
            "trawl": dict(cmd=trawl_cmd(tree, args.jobs)),
            "rg45": dict(cmd=rg + ["-f", str(RG45), str(tree)], ok_codes=(0, 1))}, args.runs, log=log)
        got.update(measure_in_turns({"rgP": dict(cmd=rg_trawl_cmd(tree), shell=True)}, args.runs, log=log))
        t, r45, rtp = got["trawl"], got["rg45"], got["rgP"]
        name = {"mixed": "mixed", "small": "small", "huge": "huge"}[part]
        rows.append(dict(corpus=name, tool=f"trawl scan --jobs {j}", bytes=size, objects=objects, m=t,
                         base={"rg45": size / r45["wall"], "rgP": size / rtp["wall"]}))
        rows.append(dict(corpus=name, tool=f"rg -c -j{j} -f patterns_rg_45.txt", bytes=size, objects=objects, m=r45))
        batched = f" in {len(batches)} runs" if len(batches) > 1 else ""
        rows.append(dict(corpus=name, tool=f"rg -P -c -j{j} -f trawl-patterns ({n_patterns}{batched})", bytes=size,
                         objects=objects, m=rtp))

    # ---- the table
    def fmt_rss(k):
        return "" if k is None else f"{k / 1024:.0f}"

    lines = []
    lines.append("| corpus | command | bytes | objects | wall s | MB/s | objects/s | peak RSS MiB | ratio |")
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        m = r["m"]
        mbps = r["bytes"] / m["wall"] / 1e6
        ops = "" if r.get("no_rate") else f"{r['objects'] / m['wall']:,.0f}"
        ratio = ""
        if "base" in r:
            b = r["base"]
            if "rg45" in b:
                ratio = f"{r['bytes'] / m['wall'] / b['rg45']:.2f}x rg(45); {r['bytes'] / m['wall'] / b['rgP']:.2f}x rg -P(trawl)"
            else:
                ratio = (f"{r['bytes'] / m['wall'] / b['zlib'] * 100:.0f}% of zlib; "
                         f"{r['bytes'] / m['wall'] / b['gzip']:.2f}x gzip -dc")
        lines.append(f"| {r['corpus']} | `{r['tool']}` | {r['bytes']:,} | {r['objects']:,} | {m['wall']:.2f} | "
                     f"{mbps:,.1f} | {ops} | {fmt_rss(m['rss_kib'])} | {ratio} |")

    # ---- the targets of issue 3 that whole-process runs decide
    def row(corpus, prefix):
        return next((r for r in rows if r["corpus"] == corpus and r["tool"].startswith(prefix)), None)

    targets = []
    t = row("mixed", "trawl")
    if t:
        x = t["bytes"] / t["m"]["wall"] / t["base"]["rg45"]
        targets.append(("Plain text, 2 jobs: >= 2x ripgrep (45 patterns)", f"{x:.2f}x", x >= 2))
    t = row("mixed-gzip", "trawl")
    if t:
        x = t["bytes"] / t["m"]["wall"] / t["base"]["zlib"]
        targets.append(("gzip, --jobs 1: >= 80% of zlib inflate", f"{x * 100:.0f}%", x >= 0.8))
    t = row("small", "trawl")
    if t:
        x = t["objects"] / t["m"]["wall"]
        targets.append(("10,000 x 4 KiB: >= 10,000 objects/s", f"{x:,.0f}/s", x >= 10_000))
    for c in ("huge", "small"):
        t = row(c, "trawl")
        if t:
            x = t["m"]["rss_kib"] / 1024
            targets.append((f"Peak RSS <= 150 MiB, 2 jobs, {c}", f"{x:.0f} MiB", x <= 150))

    cpu = "?"
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    rev = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                         text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "Sources", "Detectors"],
                           capture_output=True, text=True).stdout.strip()
    rgv = subprocess.run([RG, "--version"], capture_output=True, text=True).stdout.splitlines()
    md = []
    md.append(f"# Trawl peer comparison ({datetime.date.today().isoformat()})\n")
    md.append(f"- Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}")
    built = datetime.datetime.fromtimestamp(os.path.getmtime(trawl)).isoformat(timespec="seconds")
    md.append(f"- Trawl: {args.trawl_label or trawl} (binary built {built}); repository HEAD {rev}"
              f"{' + uncommitted changes in Sources/Detectors' if dirty else ''}")
    md.append(f"- ripgrep: {rgv[0] if rgv else '?'} ({' '.join(rgv[1:3]).strip()})")
    md.append(f"- Corpus: {args.corpus} (scale {', '.join(str(s) for s in scales)}), "
              f"generated by Corpus/generators/make_bench_corpus.py")
    md.append(f"- Whole processes, page cache warm, median of {args.runs} runs taken in turns with the peers' (the order "
              f"reversed every other round; rg -P after those turns); MB/s = 10^6 bytes/s "
              f"(decompressed bytes for mixed-gzip); peak RSS from /usr/bin/time %M.")
    md.append(f"- Trawl's own patterns: {n_patterns} distinct regexes from {n_files} detector files, "
              f"run by ripgrep with -P (PCRE2): {n_patterns - n_default} of them use look-arounds, \\K, "
              f"branch reset or backreferences that ripgrep's default engine rejects. "
              f"Exported to {exported.relative_to(REPO) if exported.is_relative_to(REPO) else exported}.")
    md.append(f"- 1-minute load average before each corpus (other processes skew the figures when it is "
              f"well above 0): {', '.join(loads)}.")
    md.append("- Ratio: Trawl's MB/s over the peer's MB/s on the same files (higher is better for Trawl).\n")
    md.extend(lines)
    if targets:
        md.append("\n## Targets of issue 3 decided by these runs\n")
        md.append("| target | measured | met |")
        md.append("|---|---:|---|")
        for name, val, ok in targets:
            md.append(f"| {name} | {val} | {'yes' if ok else 'MISS'} |")
        md.append("\nEngine alone (>= 1 GB/s on one core) and 100 -> 200 detectors (<= 1.3x) come from "
                  "EngineBenchmark (`cd Benchmarks && swift package benchmark`).")
    md.extend(notes)
    text = "\n".join(md) + "\n"
    args.out.write_text(text)
    log.close()
    print(text)


if __name__ == "__main__":
    main()
