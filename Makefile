# Trawl's two entry points: `make demo` and `make test`. Each does all set-up on a
# fresh Debian machine that has only the Swift toolchain: missing system packages
# are installed with apt-get, the Python venv the tests use is created, then the
# build runs. Nothing else is needed.

SWIFT       ?= swift
APT_PACKAGES = libpcre2-dev zlib1g-dev libisal-dev libarchive-dev libpoppler-glib-dev libgmime-3.0-dev libavro-dev libuchardet-dev libyaml-dev libsqlite3-dev pkg-config python3 python3-venv ripgrep time \
               libarchive-tools zip xz-utils bzip2 zstd lz4 qpdf python3-avro
VENV         = .venv
PYTHON_PKGS  = botocore==1.43.11 'moto[server]==5.2.5'
OUT          = out
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test eval bench bench-corpus deps venv build release clean

demo: deps release
	@mkdir -p $(OUT)
	.build/release/trawl scan Corpus/demo --output $(OUT)/demo-findings.asff.jsonl \
	    --results $(OUT)/demo-results.jsonl
	@echo "Findings (ASFF): $(OUT)/demo-findings.asff.jsonl; result lines: $(OUT)/demo-results.jsonl"

test: deps venv
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build 2>&1

# Per-identifier precision and recall on the labeled eval corpus (generated, not in
# git), with the catalogue's targets; prints the table the README quotes.
EVAL_SAMPLES ?= Corpus/generated/eval/samples.jsonl

eval: release
	python3 Corpus/generators/make_eval_corpus.py --out $(EVAL_SAMPLES)
	.build/release/trawl detectors eval $(EVAL_SAMPLES) --min-precision 0.99 --min-recall 0.99 --require-all

# Throughput: generate the benchmark corpus when missing (Corpus/generated/, not in
# git), run the engine benchmarks (a package of their own, Benchmarks/) and the
# whole-process comparison with ripgrep, gzip and zlib; tables go to Benchmarks/results/.
BENCH_SCALE  ?= 1
BENCH_CORPUS ?= Corpus/generated/bench
PEER_FLAGS   ?=

bench: release bench-corpus
	@mkdir -p Benchmarks/results
	cd Benchmarks && TRAWL_BENCH_CORPUS=$(abspath $(BENCH_CORPUS)) \
	    $(SWIFT) package benchmark --no-progress --format markdown > results/engine.md; \
	    status=$$?; cat results/engine.md; exit $$status
	python3 Benchmarks/peer.py --trawl .build/release/trawl --corpus $(BENCH_CORPUS) \
	    --trawl-label "$$(git rev-parse --short HEAD)" $(PEER_FLAGS)

bench-corpus:
	python3 Corpus/generators/make_bench_corpus.py --out $(BENCH_CORPUS) --scale $(BENCH_SCALE) --if-missing

# The executable links Swift's runtime and Foundation statically: start-up (loading and
# binding the shared Swift libraries) went from 0.14 s to 0.10 s, a tenth of a 256 MiB
# scan. Plain `swift build -c release` gives the same program, dynamically linked.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product trawl

build: deps
	$(SWIFT) build

# System packages: install only what is missing (dpkg -s), so a prepared machine
# does no apt work at all.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	    dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	    echo "Installing system packages:$$missing"; \
	    $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The Python venv holds botocore: the Security Hub service model the ASFF
# validation test checks findings against (an independent source), and the SigV4
# signer TrawlAWS's tests compare with; moto's server stands in for STS in those tests.
# The stamp depends on this Makefile, so a changed package list is installed.
venv: $(VENV)/.done

$(VENV)/.done: Makefile
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check $(PYTHON_PKGS)
	@touch $@

clean:
	rm -rf .build $(OUT)
