// Byte-class bit masks: AVX2 nibble-table lookups (the technique of Hyperscan's and
// simdjson's character classifiers) with a portable table loop, chosen at run time,
// so one binary runs on any x86-64 and on other CPUs. And a two-byte search for the
// JSON reader's strings, in the same shape; the copy that turns CSV delimiters into the
// batch's field separators; the keyword pass's scan of word starts through its
// filters (KeywordIndex.swift), about half the instructions of the same loop in Swift;
// and the anchor index's candidates, three byte positions by buckets (Teddy's way).
// The Teddy-shaped kernels (anchor candidates, country-code prefix starts) also have
// AVX-512BW forms, 64 positions a step, chosen at run time like the AVX2 ones.
#include "trawl_kernels.h"
#include "isa.h"
#include <string.h>

_Atomic int trawl_isa_limit = TRAWL_ISA_VBMI;

void trawl_limit_isa(int level) { atomic_store_explicit(&trawl_isa_limit, level, memory_order_relaxed); }

static void class_mask_portable(const uint8_t *data, size_t n, const uint8_t member[256], uint64_t *out) {
    size_t words = (n + 63) / 64;
    for (size_t w = 0; w < words; w++) {
        uint64_t m = 0;
        size_t base = w * 64, end = base + 64 < n ? base + 64 : n;
        for (size_t i = base; i < end; i++) m |= (uint64_t)(member[data[i]] != 0) << (i - base);
        out[w] = m;
    }
}

#if defined(__x86_64__)
#include <immintrin.h>

// Nibble tables: byte b is a member iff lo[b & 15] & hi[b >> 4] != 0, where each
// distinct high nibble of the class owns one of 8 bits.
static int nibble_tables(const uint8_t member[256], uint8_t lo[16], uint8_t hi[16]) {
    int buckets = 0;
    memset(lo, 0, 16);
    memset(hi, 0, 16);
    for (int h = 0; h < 16; h++) {
        int any = 0;
        for (int l = 0; l < 16; l++) any |= member[h * 16 + l];
        if (!any) continue;
        if (buckets == 8) return 0;
        uint8_t bit = (uint8_t)(1u << buckets++);
        hi[h] = bit;
        for (int l = 0; l < 16; l++) if (member[h * 16 + l]) lo[l] |= bit;
    }
    return 1;
}

/* Per byte of v: lo[v & 15] & hi[v >> 4], the bits of the classes (or buckets) it is in. */
__attribute__((target("avx2")))
static inline __m256i nibble_lookup(__m256i v, __m256i lo, __m256i hi, __m256i nib) {
    return _mm256_and_si256(_mm256_shuffle_epi8(lo, _mm256_and_si256(v, nib)),
                            _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(v, 4), nib)));
}

/* One bit per byte of r that is not zero. */
__attribute__((target("avx2")))
static inline uint32_t nonzero32(__m256i r) {
    return ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(r, _mm256_setzero_si256()));
}

/* One kernel for both table shapes (`banks` is constant where it is inlined): one bank
   of nibble tables (lo[b & 15] & hi[b >> 4], at most 8 distinct high nibbles), or two,
   high nibbles 0-7 owning the bits of the first and 8-15 those of the second (a union of
   word characters, spaces and a few UTF-8 bytes spans more than 8 high nibbles, for
   itself and for its complement). `invert`: the tables are the complement's. */
__attribute__((target("avx2"), always_inline))
static inline void class_mask_tables(const uint8_t *data, size_t n, const uint8_t lot[2][16],
                                     const uint8_t hit[2][16], int banks, int invert, uint64_t *out) {
    uint64_t flip = invert ? ~0ULL : 0;
    __m256i lo0 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)lot[0]));
    __m256i hi0 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)hit[0]));
    __m256i lo1 = banks == 2 ? _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)lot[1])) : lo0;
    __m256i hi1 = banks == 2 ? _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)hit[1])) : hi0;
    __m256i nib = _mm256_set1_epi8(0x0F);
/* The 32 positions at v: bits of the members. */
#define CLASS32(v) nonzero32(banks == 2 ? _mm256_or_si256(nibble_lookup(v, lo0, hi0, nib), \
                                                          nibble_lookup(v, lo1, hi1, nib)) \
                                        : nibble_lookup(v, lo0, hi0, nib))
    size_t full = n / 64, w;
    for (w = 0; w < full; w++) {
        const uint8_t *p = data + w * 64;
        uint64_t a = CLASS32(_mm256_loadu_si256((const __m256i *)p));
        uint64_t b = CLASS32(_mm256_loadu_si256((const __m256i *)(p + 32)));
        out[w] = (a | (b << 32)) ^ flip;
    }
    if (full * 64 < n) {
        uint8_t tail[64];
        size_t rest = n - full * 64;
        memcpy(tail, data + full * 64, rest);
        memset(tail + rest, 0, 64 - rest);
        uint64_t a = CLASS32(_mm256_loadu_si256((const __m256i *)tail));
        uint64_t b = CLASS32(_mm256_loadu_si256((const __m256i *)(tail + 32)));
        out[full] = ((a | (b << 32)) ^ flip) & ((1ULL << rest) - 1);
    }
#undef CLASS32
}

__attribute__((target("avx2")))
static void class_mask_avx2(const uint8_t *data, size_t n, const uint8_t lot[16], const uint8_t hit[16],
                            int invert, uint64_t *out) {
    uint8_t lo[2][16], hi[2][16];
    memcpy(lo[0], lot, 16);
    memcpy(hi[0], hit, 16);
    class_mask_tables(data, n, (const uint8_t (*)[16])lo, (const uint8_t (*)[16])hi, 1, invert, out);
}

/* Any class: two banks of tables. */
__attribute__((target("avx2")))
static void class_mask_avx2_banks(const uint8_t *data, size_t n, const uint8_t member[256], uint64_t *out) {
    uint8_t lot[2][16] = {{0}}, hit[2][16] = {{0}};
    for (int h = 0; h < 16; h++) {
        hit[h >> 3][h] = (uint8_t)(1u << (h & 7));
        for (int l = 0; l < 16; l++) if (member[h * 16 + l]) lot[h >> 3][l] |= (uint8_t)(1u << (h & 7));
    }
    class_mask_tables(data, n, (const uint8_t (*)[16])lot, (const uint8_t (*)[16])hit, 2, 0, out);
}
#endif

void trawl_class_mask(const uint8_t *data, size_t n, const uint8_t member[256], uint64_t *out) {
#if defined(__x86_64__)
    uint8_t lo[16], hi[16];
    if (isa_avx2()) {
        if (nibble_tables(member, lo, hi)) {
            class_mask_avx2(data, n, lo, hi, 0, out);
            return;
        }
        uint8_t complement[256];
        for (int b = 0; b < 256; b++) complement[b] = !member[b];
        if (nibble_tables(complement, lo, hi)) {
            class_mask_avx2(data, n, lo, hi, 1, out);
            return;
        }
        class_mask_avx2_banks(data, n, member, out);
        return;
    }
#endif
    class_mask_portable(data, n, member, out);
}

#if defined(__x86_64__)
__attribute__((target("avx2")))
static size_t find_either_avx2(const uint8_t *data, size_t n, uint8_t a, uint8_t b) {
    __m256i va = _mm256_set1_epi8((char)a), vb = _mm256_set1_epi8((char)b);
    for (size_t i = 0; i < n; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(data + i));
        uint32_t m = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(_mm256_cmpeq_epi8(v, va), _mm256_cmpeq_epi8(v, vb)));
        if (m != 0) {
            size_t at = i + (size_t)__builtin_ctz(m);
            return at < n ? at : n;
        }
    }
    return n;
}
#endif

size_t trawl_find_either_padded(const uint8_t *data, size_t n, uint8_t a, uint8_t b) {
#if defined(__x86_64__)
    if (isa_avx2()) return find_either_avx2(data, n, a, b);
#endif
    size_t i = 0;
    while (i < n && data[i] != a && data[i] != b) i++;
    return i;
}

#if defined(__x86_64__)
__attribute__((target("avx2")))
static size_t ascii_prefix_avx2(const uint8_t *data, size_t n) {
    size_t i = 0;
    for (; i + 64 <= n; i += 64) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(data + i));
        __m256i b = _mm256_loadu_si256((const __m256i *)(data + i + 32));
        if (_mm256_movemask_epi8(_mm256_or_si256(a, b)) != 0) break;
    }
    for (; i + 32 <= n; i += 32) {
        uint32_t high = (uint32_t)_mm256_movemask_epi8(_mm256_loadu_si256((const __m256i *)(data + i)));
        if (high != 0) return i + (size_t)__builtin_ctz(high);
    }
    while (i < n && data[i] < 0x80) i++;
    return i;
}
#endif

static inline int suspicious_byte(uint8_t b) {
    if (b == 0x7F) return 1;
    if (b >= 0x20) return 0;
    return !(b == 0x08 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D || b == 0x1B);
}

#if defined(__x86_64__)
__attribute__((target("avx2")))
static size_t first_suspicious_avx2(const uint8_t *data, size_t n) {
    const __m256i top = _mm256_set1_epi8(0x1F), del = _mm256_set1_epi8(0x7F);
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(data + i));
        __m256i control = _mm256_cmpeq_epi8(_mm256_min_epu8(v, top), v);     /* v <= 0x1F */
        __m256i allowed = _mm256_or_si256(
            _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x08)), _mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x09))),
            _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x0A)), _mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x0C))),
                            _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x0D)), _mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x1B)))));
        __m256i bad = _mm256_or_si256(_mm256_andnot_si256(allowed, control), _mm256_cmpeq_epi8(v, del));
        uint32_t m = (uint32_t)_mm256_movemask_epi8(bad);
        if (m != 0) return i + (size_t)__builtin_ctz(m);
    }
    while (i < n && !suspicious_byte(data[i])) i++;
    return i;
}
#endif

size_t trawl_first_suspicious(const uint8_t *data, size_t n) {
#if defined(__x86_64__)
    if (isa_avx2()) return first_suspicious_avx2(data, n);
#endif
    size_t i = 0;
    while (i < n && !suspicious_byte(data[i])) i++;
    return i;
}

void trawl_suspicious_counts(const uint8_t *data, size_t n, size_t counts[4]) {
    counts[0] = counts[1] = counts[2] = counts[3] = 0;
    for (size_t i = trawl_first_suspicious(data, n); i < n; i++)
        if (suspicious_byte(data[i])) counts[(data[i] != 0) * 2 + (i & 1)]++;
}

size_t trawl_ascii_prefix(const uint8_t *data, size_t n) {
#if defined(__x86_64__)
    if (isa_avx2()) return ascii_prefix_avx2(data, n);
#endif
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, data + i, 8);
        if (w & 0x8080808080808080ULL) break;
    }
    while (i < n && data[i] < 0x80) i++;
    return i;
}

static void copy_replacing_portable(const uint8_t *src, size_t n, uint8_t from, uint8_t to, uint8_t *dst) {
    // A plain loop: the compiler vectorises the compare and select.
    for (size_t i = 0; i < n; i++) dst[i] = src[i] == from ? to : src[i];
}

#if defined(__x86_64__)
/* Records are short (a CSV row is 50-150 bytes): the compiler's loop spent most of its
   time in its 8-byte and 1-byte tails. Here a tail is one more vector that overlaps the
   previous one (it rewrites a few bytes with the same values: src and dst never overlap),
   and records under 32 bytes take two overlapping 16- or 8-byte pieces. */
__attribute__((target("avx2")))
static void copy_replacing_avx2(const uint8_t *src, size_t n, uint8_t from, uint8_t to, uint8_t *dst) {
    if (n >= 32) {
        __m256i f = _mm256_set1_epi8((char)from), t = _mm256_set1_epi8((char)to);
        size_t i = 0;
        for (;; i += 32) {
            if (i + 32 > n) i = n - 32;
            __m256i v = _mm256_loadu_si256((const __m256i *)(src + i));
            _mm256_storeu_si256((__m256i *)(dst + i), _mm256_blendv_epi8(v, t, _mm256_cmpeq_epi8(v, f)));
            if (i + 32 == n) return;
        }
    }
    if (n >= 8) {
        /* Two pieces of 16 bytes, or of 8 (the low halves of 128-bit vectors). */
        __m128i f = _mm_set1_epi8((char)from), t = _mm_set1_epi8((char)to);
        size_t piece = n >= 16 ? 16 : 8;
        const uint8_t *ends[2] = {src, src + n - piece};
        for (int k = 0; k < 2; k++) {
            __m128i v = piece == 16 ? _mm_loadu_si128((const __m128i *)ends[k]) : _mm_loadl_epi64((const __m128i *)ends[k]);
            __m128i r = _mm_blendv_epi8(v, t, _mm_cmpeq_epi8(v, f));
            uint8_t *out = dst + (ends[k] - src);
            if (piece == 16) _mm_storeu_si128((__m128i *)out, r); else _mm_storel_epi64((__m128i *)out, r);
        }
        return;
    }
    copy_replacing_portable(src, n, from, to, dst);
}
#endif

void trawl_copy_replacing(const uint8_t *src, size_t n, uint8_t from, uint8_t to, uint8_t *dst) {
#if defined(__x86_64__)
    if (isa_avx2()) {
        copy_replacing_avx2(src, n, from, to, dst);
        return;
    }
#endif
    copy_replacing_portable(src, n, from, to, dst);
}

static inline uint32_t gram_hash(uint32_t folded) { return (uint32_t)(folded * 0x9E3779B1u) >> 15; }

static inline int bit_set(const uint64_t *bits, uint32_t i) { return (int)((bits[i >> 6] >> (i & 63)) & 1); }

/* How many of a buffer's first 64-byte words can be read `ahead` bytes past their last
   position: the words w with w * 64 + 63 + ahead < n, which the vector loops take whole. */
static inline size_t words_reading_ahead(size_t n, size_t ahead) {
    return n >= 64 + ahead ? (n - 64 - ahead) / 64 + 1 : 0;
}

/* Which filters a word start passes: `raw` holds its first bytes (zero past `left`).
   Case folded only: the filters also hold each keyword with its separators as the text
   may write them ('-' or '_', ORed with 0x20). A key length counts only where the text
   holds that many bytes; a word start on the last byte passes the pair filter. Without
   branches: which filters pass is as good as random, and a mispredicted branch per word
   start cost more than the lookups. */
__attribute__((always_inline))
static inline unsigned filter_flags(uint64_t raw, size_t left, const uint64_t *gram, const uint64_t *pairs) {
    uint64_t head = raw | 0x2020202020202020ULL;
    return (unsigned)((left >= 4) & bit_set(gram, gram_hash((uint32_t)head))) * TRAWL_KW_QUAD
        | (unsigned)((left >= 3) & bit_set(gram, gram_hash((uint32_t)head & 0xFFFFFF))) * TRAWL_KW_TRI
        | (unsigned)((left == 1) | bit_set(pairs, (uint32_t)(head & 0xFFFF))) * TRAWL_KW_SHORT;
}

/* The scan, with `split` constant where it is inlined: whether word starts outside the
   zone go through their own filters (a select per candidate, which costs the scans
   without that split about 1%). Words whose every position has 4 bytes left (all but
   the last two) take a loop without a branch per candidate: an `other` bit goes through
   the filters too and its result is then replaced, one 4-byte load serves all three
   filters, and no position can lie past `n`. That loop took 58 instructions per
   candidate in the general one's shape and 44 in this one (callgrind, logs). */
__attribute__((always_inline))
static inline size_t keyword_candidates(const uint8_t *s, size_t n, const uint64_t *alnum, const uint64_t *digits,
                                        const uint64_t *other, const uint64_t *zone, int others_everywhere,
                                        const uint64_t *gram, const uint64_t *pairs, const uint64_t *gram_out,
                                        const uint64_t *pairs_out, int split, const uint64_t *kept,
                                        size_t kept_from, size_t until, size_t *word, uint64_t *carry,
                                        uint32_t *pos, uint8_t *flags, size_t cap) {
    size_t words = (n + 63) / 64, w = *word, count = 0;
    size_t whole = words_reading_ahead(n, 3);
    if (until < words) words = until;
    uint64_t c = *carry;
    for (; w < words && count + 64 <= cap; w++) {
        uint64_t a = alnum[w];
        uint64_t starts = a & ~((a << 1) | c);
        if (digits) starts &= ~digits[w];
        /* The pair filter's word (keyword_pair_masks), where it was made. */
        if (kept && w < whole) starts &= kept[w - kept_from];
        uint64_t inside = zone ? zone[w] : ~0ULL;
        /* Outside the zone, only the filters of the keywords looked for everywhere. */
        if (!split) starts &= inside;
        c = a >> 63;
        uint64_t others = other ? other[w] : 0;
        if (!others_everywhere) others &= inside;
        uint64_t candidates = starts | others;
        if (w < whole) {
            const uint8_t *at = s + w * 64;
            while (candidates) {
                unsigned t = (unsigned)__builtin_ctzll(candidates);
                candidates &= candidates - 1;
                const uint64_t *g = gram, *pp = pairs;
                if (split && !((inside >> t) & 1)) { g = gram_out; pp = pairs_out; }
                uint32_t raw;
                memcpy(&raw, at + t, 4);
                unsigned f = filter_flags(raw, 4, g, pp);
                f = (starts >> t) & 1 ? f : TRAWL_KW_OTHER;
                /* Written whatever f is, kept only when a filter passed (cap leaves room). */
                pos[count] = (uint32_t)(w * 64 + t);
                flags[count] = (uint8_t)f;
                count += f != 0;
            }
            continue;
        }
        while (candidates) {
            size_t p = w * 64 + (size_t)__builtin_ctzll(candidates);
            uint64_t bit = candidates & (0 - candidates);
            candidates &= candidates - 1;
            if (p >= n) break;
            if (!(starts & bit)) { pos[count] = (uint32_t)p; flags[count++] = TRAWL_KW_OTHER; continue; }
            const uint64_t *g = gram, *pp = pairs;
            if (split && !(inside & bit)) { g = gram_out; pp = pairs_out; }
            /* One fixed-size load (a variable size calls memcpy), except in the last 7
               bytes, where the length tests of filter_flags are not constant. */
            size_t left = n - p;
            uint64_t raw = 0;
            unsigned f;
            if (left >= 8) {
                memcpy(&raw, s + p, 8);
                f = filter_flags(raw, 8, g, pp);
            } else {
                memcpy(&raw, s + p, left);
                f = filter_flags(raw, left, g, pp);
            }
            pos[count] = (uint32_t)p;
            flags[count] = (uint8_t)f;
            count += f != 0;
        }
    }
    *word = w;
    *carry = c;
    return count;
}

/* The scan of words [*word, until), `kept` (from word kept_from) the pair filter's words
   or NULL. A clone for x86-64-v3 machines (BMI1/2: shifts by a register without CL,
   ANDN, TZCNT), chosen at load time: 16 MiB in 256 KiB buffers, best of 5, logs 5.4 ->
   5.1 ms, prose 8.7 -> 8.2, CSV 6.1 -> 5.7-6.0 (C microbenchmark, an AVX-512 EPYC). */
#if defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v3", "default")))
#endif
static size_t keyword_scan(const uint8_t *s, size_t n, const uint64_t *alnum, const uint64_t *digits,
                           const uint64_t *other, const uint64_t *zone, int others_everywhere, const uint64_t *gram,
                           const uint64_t *pairs, const uint64_t *gram_out, const uint64_t *pairs_out,
                           const uint64_t *kept, size_t kept_from, size_t until, size_t *word, uint64_t *carry,
                           uint32_t *pos, uint8_t *flags, size_t cap) {
    if (zone && gram_out)
        return keyword_candidates(s, n, alnum, digits, other, zone, others_everywhere, gram, pairs, gram_out,
                                  pairs_out, 1, kept, kept_from, until, word, carry, pos, flags, cap);
    return keyword_candidates(s, n, alnum, digits, other, zone, others_everywhere, gram, pairs, NULL, NULL, 0,
                              kept, kept_from, until, word, carry, pos, flags, cap);
}

/* Teddy's bucket bits of bytes a then b at places 0 and 1 of nibble tables laid out as
   trawl_anchor_candidates's (per place the low, then the high nibble table): the whole
   filter of the prefix starts, the first two places of the anchors'. */
static inline uint8_t bucket_pair(const uint8_t *t, uint8_t a, uint8_t b) {
    return t[a & 15] & t[16 + (a >> 4)] & t[32 + (b & 15)] & t[48 + (b >> 4)];
}

#if defined(__x86_64__)
/* The same for the 32 positions at q (reads q[0 ... 32]). */
__attribute__((target("avx2")))
static inline __m256i bucket_pair32(const uint8_t *q, const __m256i *tab, __m256i nib) {
    return _mm256_and_si256(nibble_lookup(_mm256_loadu_si256((const __m256i *)q), tab[0], tab[1], nib),
                            nibble_lookup(_mm256_loadu_si256((const __m256i *)(q + 1)), tab[2], tab[3], nib));
}

/* The nibble tables of `places` places, each broadcast to both lanes. */
__attribute__((target("avx2")))
static inline void load_bucket_tables(__m256i *tab, const uint8_t *t, int places) {
    for (int j = 0; j < 2 * places; j++) tab[j] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(t + 16 * j)));
}

/* The same three with AVX-512BW, 64 positions at a time: a test instruction gives the
   64 position bits the AVX2 forms assemble from two compares and movemasks. The
   prefix and anchor passes took 6-7% of a log's samples with AVX2. */
__attribute__((target("avx512f,avx512bw")))
static inline __m512i nibble_lookup64(__m512i v, __m512i lo, __m512i hi, __m512i nib) {
    return _mm512_and_si512(_mm512_shuffle_epi8(lo, _mm512_and_si512(v, nib)),
                            _mm512_shuffle_epi8(hi, _mm512_and_si512(_mm512_srli_epi16(v, 4), nib)));
}

__attribute__((target("avx512f,avx512bw")))
static inline __m512i bucket_pair64(const uint8_t *q, const __m512i *tab, __m512i nib) {
    return _mm512_and_si512(nibble_lookup64(_mm512_loadu_si512(q), tab[0], tab[1], nib),
                            nibble_lookup64(_mm512_loadu_si512(q + 1), tab[2], tab[3], nib));
}

__attribute__((target("avx512f,avx512bw")))
static inline void load_bucket_tables64(__m512i *tab, const uint8_t *t, int places) {
    for (int j = 0; j < 2 * places; j++) tab[j] = _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)(t + 16 * j)));
}

/* One bit per byte of r that is not zero. */
__attribute__((target("avx512f,avx512bw")))
static inline uint64_t nonzero64(__m512i r) { return _mm512_test_epi8_mask(r, r); }

#endif

/* The positions of a 64-byte word whose byte and the next fit a bucket; s[63 + 1] is
   read, so the caller keeps it in the data. */
static uint64_t pair_word_portable(const uint8_t *p, const uint8_t t[64]) {
    uint64_t m = 0;
    for (unsigned i = 0; i < 64; i++) m |= (uint64_t)(bucket_pair(t, p[i], p[i + 1]) != 0) << i;
    return m;
}

/* The starts among a word's candidates `m` (token starts that fit a bucket): those
   whose pair is one of the prefixes'. */
static inline uint64_t exact_pairs(const uint8_t *at, uint64_t m, const uint64_t *pairs) {
    uint64_t kept = 0;
    while (m) {
        unsigned t = (unsigned)__builtin_ctzll(m);
        m &= m - 1;
        uint16_t two;
        memcpy(&two, at + t, 2);
        unsigned pair = __builtin_bswap16(two);    /* first << 8 | second */
        kept |= (uint64_t)bit_set(pairs, pair) << t;
    }
    return kept;
}

/* The last words, where the byte after a position may be past n (then 0). */
static uint64_t prefix_tail_word(const uint8_t *s, size_t n, size_t w, uint64_t token, const uint8_t t[64],
                                 const uint64_t *pairs) {
    uint64_t kept = 0;
    for (size_t p = w * 64; p < n && p < w * 64 + 64; p++) {
        uint8_t second = p + 1 < n ? s[p + 1] : 0;
        unsigned i = (unsigned)(p - w * 64);
        if (((token >> i) & 1) && bucket_pair(t, s[p], second))
            kept |= (uint64_t)bit_set(pairs, (unsigned)s[p] << 8 | second) << i;
    }
    return kept;
}

/* The loop over a buffer's words, with `CANDIDATES(at)` the bucket filter of the word at
   `at` (whose next byte is in the data). */
#define PREFIX_STARTS_LOOP(CANDIDATES)                                                        \
    size_t words = (n + 63) / 64;                                                             \
    size_t whole = words_reading_ahead(n, 1);                                                 \
    uint64_t carry = 0;                                                                       \
    for (size_t w = 0; w < words; w++) {                                                      \
        uint64_t a = alnum[w], token = ~(a << 1 | carry);                                     \
        carry = a >> 63;                                                                      \
        const uint8_t *at = s + w * 64;                                                       \
        out[w] = w < whole ? exact_pairs(at, (CANDIDATES(at)) & token, pairs)                 \
                           : prefix_tail_word(s, n, w, token, tables, pairs);                 \
    }

#if defined(__x86_64__)
__attribute__((target("avx2")))
static void prefix_starts_avx2(const uint8_t *s, size_t n, const uint8_t tables[64], const uint64_t *alnum,
                               const uint64_t *pairs, uint64_t *out) {
    __m256i tab[4], nib = _mm256_set1_epi8(0x0F);
    load_bucket_tables(tab, tables, 2);
#define PAIR64_AVX2(at) ((uint64_t)nonzero32(bucket_pair32(at, tab, nib)) \
                         | (uint64_t)nonzero32(bucket_pair32((at) + 32, tab, nib)) << 32)
    PREFIX_STARTS_LOOP(PAIR64_AVX2)
#undef PAIR64_AVX2
}

__attribute__((target("avx512f,avx512bw")))
static void prefix_starts_avx512(const uint8_t *s, size_t n, const uint8_t tables[64], const uint64_t *alnum,
                                 const uint64_t *pairs, uint64_t *out) {
    __m512i tab[4], nib = _mm512_set1_epi8(0x0F);
    load_bucket_tables64(tab, tables, 2);
#define PAIR64_AVX512(at) nonzero64(bucket_pair64(at, tab, nib))
    PREFIX_STARTS_LOOP(PAIR64_AVX512)
#undef PAIR64_AVX512
}
#endif

void trawl_prefix_starts(const uint8_t *s, size_t n, const uint8_t tables[64], const uint64_t *alnum,
                         const uint64_t *pairs, uint64_t *out) {
#if defined(__x86_64__)
    if (isa_avx512bw()) {
        prefix_starts_avx512(s, n, tables, alnum, pairs, out);
        return;
    }
    if (isa_avx2()) {
        prefix_starts_avx2(s, n, tables, alnum, pairs, out);
        return;
    }
#endif
#define PAIR64_PORTABLE(at) pair_word_portable(at, tables)
    PREFIX_STARTS_LOOP(PAIR64_PORTABLE)
#undef PAIR64_PORTABLE
}
#undef PREFIX_STARTS_LOOP

/* The hash checks of word k's candidates `m`, in C rather than in the Swift loop that
   then looks up the few left: most candidates fail the first bit test, and there the
   Swift loop's overflow checks and spilled registers cost about as much as the test.
   Where four bytes are left (all but the last position a candidate can have), one load
   gives the trigram and the quad (trawl_anchor_hash of the little-endian word, as
   trawl_trigram_hash and trawl_quad_hash), without three byte loads and their shifts per
   candidate. Done on each word as its candidates are found, while its bytes are in L1,
   and skipped on the words without one, instead of in a pass of its own over every word
   of the buffer. */
static inline uint64_t sieve_word(const uint8_t *data, size_t n, const uint64_t *bits, size_t k, uint64_t m) {
    const uint64_t *trigrams = bits, *three = bits + TRAWL_ANCHOR_SET_WORDS, *quads = bits + 2 * TRAWL_ANCHOR_SET_WORDS;
    uint64_t keep = 0;
    while (m) {
        uint64_t bit = m & (0 - m);
        size_t at = k * 64 + (size_t)__builtin_ctzll(m);
        m &= m - 1;
        uint32_t w = 0;
        int whole = at + 4 <= n;
        /* (Two constant sizes: a variable one calls memcpy.) */
        if (whole) memcpy(&w, data + at, 4); else memcpy(&w, data + at, 3);
        uint32_t h = trawl_anchor_hash(w & 0xFFFFFF);
        if (!bit_set(trigrams, h)) continue;
        if (!bit_set(three, h) && (!whole || !bit_set(quads, trawl_anchor_hash(w)))) continue;
        keep |= bit;
    }
    return keep;
}

/* Anchor candidates: bucket bits of bytes i, i+1, i+2 and (where it is in the data) i+3
   ANDed, one word of positions. */
static uint64_t anchor_word(const uint8_t *d, size_t n, const uint8_t *t, size_t w) {
    uint64_t m = 0;
    size_t base = w * 64;
    for (size_t i = base; i < base + 64 && i + 2 < n; i++) {
        uint8_t b0 = d[i], b1 = d[i + 1], b2 = d[i + 2];
        uint8_t k = bucket_pair(t, b0, b1) & t[64 + (b2 & 15)] & t[80 + (b2 >> 4)];
        if (i + 3 < n) k &= t[96 + (d[i + 3] & 15)] & t[112 + (d[i + 3] >> 4)];
        m |= (uint64_t)(k != 0) << (i - base);
    }
    return m;
}

#if defined(__x86_64__)
__attribute__((target("avx2")))
static inline uint32_t anchor32(const uint8_t *q, const __m256i *tab, __m256i nib) {
    __m256i third = nibble_lookup(_mm256_loadu_si256((const __m256i *)(q + 2)), tab[4], tab[5], nib);
    __m256i fourth = nibble_lookup(_mm256_loadu_si256((const __m256i *)(q + 3)), tab[6], tab[7], nib);
    return nonzero32(_mm256_and_si256(bucket_pair32(q, tab, nib), _mm256_and_si256(third, fourth)));
}

/* The loop over a buffer's words, `WORD(p)` the candidates of the 64 positions at p: a
   word is done with vectors when its last position's fourth byte, w * 64 + 66, is in the
   data; the last ones take the table loop. */
#define ANCHOR_CANDIDATES_LOOP(WORD)                                                    \
    size_t full = words_reading_ahead(n, 3), words = (n + 63) / 64, w;                  \
    for (w = 0; w < full; w++) {                                                        \
        uint64_t m = WORD(data + w * 64);                                               \
        out[w] = m ? sieve_word(data, n, bits, w, m) : 0;                               \
    }                                                                                   \
    for (; w < words; w++) out[w] = sieve_word(data, n, bits, w, anchor_word(data, n, t, w));

__attribute__((target("avx2")))
static void anchor_candidates_avx2(const uint8_t *data, size_t n, const uint8_t *t, const uint64_t *bits,
                                   uint64_t *out) {
    __m256i tab[8];
    load_bucket_tables(tab, t, 4);
    __m256i nib = _mm256_set1_epi8(0x0F);
#define ANCHOR64_AVX2(p) ((uint64_t)anchor32(p, tab, nib) | (uint64_t)anchor32((p) + 32, tab, nib) << 32)
    ANCHOR_CANDIDATES_LOOP(ANCHOR64_AVX2)
#undef ANCHOR64_AVX2
}

__attribute__((target("avx512f,avx512bw")))
static void anchor_candidates_avx512(const uint8_t *data, size_t n, const uint8_t *t, const uint64_t *bits,
                                     uint64_t *out) {
    __m512i tab[8];
    load_bucket_tables64(tab, t, 4);
    __m512i nib = _mm512_set1_epi8(0x0F);
#define ANCHOR64_AVX512(p)                                                                          \
    nonzero64(_mm512_and_si512(                                                                     \
        bucket_pair64(p, tab, nib),                                                                 \
        _mm512_and_si512(nibble_lookup64(_mm512_loadu_si512((p) + 2), tab[4], tab[5], nib),         \
                         nibble_lookup64(_mm512_loadu_si512((p) + 3), tab[6], tab[7], nib))))
    ANCHOR_CANDIDATES_LOOP(ANCHOR64_AVX512)
#undef ANCHOR64_AVX512
}

/* The 64 positions at p with exact classes: at each place, the bucket bits of bytes
   below 0x80 from the place's 128-byte table (two registers, one permute), those of the
   others from its `high` byte, for two groups of 8 buckets. The nibble tables' classes
   are unions of nibbles (a bucket of "pos", "red" and "key" also takes "ped", "kos",
   "rey", "bey", ...), and on prose most of their candidates failed the sieve; exact
   tables of 16 buckets let through a sixth of what 8 did (a simulation over the
   benchmark's prose: 887 positions per MB, those where an anchor's first four bytes
   are, against 5,903). */
/* Each byte of v looked up in a 128-entry table (lo: entries 0-63, hi: 64-127) when it is
   below 0x80 (`upper`: the bytes from 0x80), `high` for the others. */
__attribute__((target("avx512f,avx512bw,avx512vbmi")))
static inline __m512i lookup128(__m512i v, __mmask64 upper, __m512i lo, __m512i hi, __m512i high) {
    return _mm512_mask_blend_epi8(upper, _mm512_permutex2var_epi8(lo, v, hi), high);
}

__attribute__((target("avx512f,avx512bw,avx512vbmi")))
static inline uint64_t exact_word64(const uint8_t *p, const __m512i *lo, const __m512i *hi, const __m512i *high) {
    __m512i a = _mm512_set1_epi8(-1), b = a;
    for (int j = 0; j < 4; j++) {
        __m512i v = _mm512_loadu_si512(p + j);
        __mmask64 upper = _mm512_movepi8_mask(v);
        a = _mm512_and_si512(a, lookup128(v, upper, lo[j], hi[j], high[j]));
        b = _mm512_and_si512(b, lookup128(v, upper, lo[4 + j], hi[4 + j], high[4 + j]));
    }
    return nonzero64(_mm512_or_si512(a, b));
}

__attribute__((target("avx512f,avx512bw,avx512vbmi")))
static void anchor_candidates_vbmi(const uint8_t *data, size_t n, const uint8_t *t, const uint8_t *exact,
                                   const uint64_t *bits, uint64_t *out) {
    __m512i lo[8], hi[8], high[8];
    for (int j = 0; j < 8; j++) {
        lo[j] = _mm512_loadu_si512(exact + 128 * j);
        hi[j] = _mm512_loadu_si512(exact + 128 * j + 64);
        high[j] = _mm512_set1_epi8((char)exact[1024 + j]);
    }
#define ANCHOR64_VBMI(p) exact_word64(p, lo, hi, high)
    ANCHOR_CANDIDATES_LOOP(ANCHOR64_VBMI)
#undef ANCHOR64_VBMI
}

#undef ANCHOR_CANDIDATES_LOOP

/* The keyword pass's pair filter (KeywordPairFilter.swift; layout in trawl_kernels.h):
   each byte's 4-bit code by a permute, then per position the code of its first byte's
   bucket ANDed with the pair tables' buckets of (code 0, code 1), (1, 2) and (2, 3),
   64 positions at a time. On the benchmark's logs and CSV about one word start in five
   is left for the filters' loads and bit tests, which cost about as much per word start
   as this does per 64-byte word. Words whose word starts (the carry not known: bit 0
   counted) are all outside the zone, where the zone decides, are skipped. */
__attribute__((target("avx512f,avx512bw,avx512vbmi")))
static inline __m512i pair_codes64(const uint8_t *q, __m512i lo, __m512i hi, __m512i high) {
    __m512i v = _mm512_loadu_si512(q);
    return lookup128(v, _mm512_movepi8_mask(v), lo, hi, high);
}

__attribute__((target("avx512f,avx512bw,avx512vbmi")))
static inline __m512i pair_buckets64(__m512i first, __m512i second, const __m512i *t) {
    __m512i index = _mm512_or_si512(_mm512_slli_epi16(first, 4), second);
    return _mm512_mask_blend_epi8(_mm512_movepi8_mask(index), _mm512_permutex2var_epi8(t[0], index, t[1]),
                                  _mm512_permutex2var_epi8(t[2], index, t[3]));
}

/* The positions of 64 whose codes c0 ... c3 pass one filter's buckets and pair tables. */
__attribute__((target("avx512f,avx512bw,avx512vbmi")))
static inline uint64_t pair_filter_bits(__m512i c0, __m512i c1, __m512i c2, __m512i c3, __m512i buckets,
                                        const __m512i *t) {
    __m512i b = _mm512_and_si512(_mm512_permutexvar_epi8(c0, buckets), pair_buckets64(c0, c1, t));
    b = _mm512_and_si512(b, _mm512_and_si512(pair_buckets64(c1, c2, t + 4), pair_buckets64(c2, c3, t + 8)));
    return nonzero64(b);
}

/* `zone` (or NULL): without `table_out`, the words whose word starts are all outside it
   are skipped; with it, the positions outside it take `table_out`'s filter, that of the
   keywords looked for outside the zone too. Through the filter of every keyword, one
   unzoned owner made nearly every word start outside the zone a candidate of the scalar
   scan (the engine benchmark's 200 detectors, five of them unzoned: 883k candidates per
   64 MiB pass that way, 607k through their own filter; the catalogue alone 543k). */
__attribute__((target("avx512f,avx512bw,avx512vbmi")))
static void keyword_pair_masks(const uint8_t *s, size_t from, size_t until, const uint64_t *alnum,
                               const uint64_t *zone, const uint8_t *table, const uint8_t *table_out,
                               uint64_t *kept) {
    /* (The byte codes are the same in both filters: KeywordPairFilter.codes.) */
    __m512i lo = _mm512_loadu_si512(table), hi = _mm512_loadu_si512(table + 64), high = _mm512_set1_epi8(15);
    __m512i buckets = _mm512_loadu_si512(table + 128), t[12], buckets_out = buckets, u[12];
    for (int j = 0; j < 12; j++) t[j] = _mm512_loadu_si512(table + 192 + 64 * j);
    if (table_out) {
        buckets_out = _mm512_loadu_si512(table_out + 128);
        for (int j = 0; j < 12; j++) u[j] = _mm512_loadu_si512(table_out + 192 + 64 * j);
    }
    for (size_t w = from; w < until; w++) {
        uint64_t a = alnum[w], starts = a & ~(a << 1);
        if (zone && !table_out) starts &= zone[w] | 1;
        if (!starts) {
            kept[w - from] = 0;
            continue;
        }
        const uint8_t *q = s + w * 64;
        __m512i c0 = pair_codes64(q, lo, hi, high), c1 = pair_codes64(q + 1, lo, hi, high);
        __m512i c2 = pair_codes64(q + 2, lo, hi, high), c3 = pair_codes64(q + 3, lo, hi, high);
        if (!table_out) {
            kept[w - from] = pair_filter_bits(c0, c1, c2, c3, buckets, t);
            continue;
        }
        uint64_t inside = zone[w], k = 0;
        if (inside) k = pair_filter_bits(c0, c1, c2, c3, buckets, t) & inside;
        if (~inside) k |= pair_filter_bits(c0, c1, c2, c3, buckets_out, u) & ~inside;
        kept[w - from] = k;
    }
}
#endif

/* Chunks of 64 words: the pair filter's masks of a chunk's whole words, then the scan. */
size_t trawl_keyword_candidates(const uint8_t *s, size_t n, const uint64_t *alnum, const uint64_t *digits,
                                const uint64_t *other, const uint64_t *zone, int others_everywhere,
                                const uint64_t *gram, const uint64_t *pairs, const uint64_t *gram_out,
                                const uint64_t *pairs_out, const uint8_t *pair_filter,
                                const uint8_t *pair_filter_out, size_t *word, uint64_t *carry, uint32_t *pos,
                                uint8_t *flags, size_t cap) {
    size_t words = (n + 63) / 64;
#if defined(__x86_64__)
    if (pair_filter && isa_vbmi()) {
        size_t whole = words_reading_ahead(n, 3), count = 0;
        uint64_t kept[64];
        /* Outside the zone, word starts go through the unzoned filters when there are some,
           and first through their own pair filter when it is given. */
        const uint8_t *pair_out = zone && gram_out ? pair_filter_out : NULL;
        const uint64_t *pair_zone = zone && (!gram_out || pair_out) ? zone : NULL;
        while (*word < words && count + 64 <= cap) {
            size_t from = *word, until = from + 64 < words ? from + 64 : words;
            if (from < whole) keyword_pair_masks(s, from, until < whole ? until : whole, alnum, pair_zone, pair_filter,
                                                  pair_out, kept);
            count += keyword_scan(s, n, alnum, digits, other, zone, others_everywhere, gram, pairs, gram_out,
                                  pairs_out, kept, from, until, word, carry, pos + count, flags + count, cap - count);
        }
        return count;
    }
#endif
    (void)pair_filter;
    (void)pair_filter_out;
    return keyword_scan(s, n, alnum, digits, other, zone, others_everywhere, gram, pairs, gram_out, pairs_out, NULL,
                        0, words, word, carry, pos, flags, cap);
}

void trawl_anchor_candidates(const uint8_t *data, size_t n, const uint8_t tables[128], const uint8_t *exact,
                             const uint64_t *bits, uint64_t *out) {
#if defined(__x86_64__)
    if (exact && isa_vbmi()) {
        anchor_candidates_vbmi(data, n, tables, exact, bits, out);
        return;
    }
    if (isa_avx512bw()) {
        anchor_candidates_avx512(data, n, tables, bits, out);
        return;
    }
    if (isa_avx2()) {
        anchor_candidates_avx2(data, n, tables, bits, out);
        return;
    }
#endif
    for (size_t w = 0; w < (n + 63) / 64; w++) out[w] = sieve_word(data, n, bits, w, anchor_word(data, n, tables, w));
}

/* Plain loops over whole mask arrays, which the compiler vectorises (on x86-64 an
   AVX-512 clone, eight words an instruction, or an AVX2 one, four, chosen at load time):
   a buffer's masks are a few thousand words, so each pass stays in L1. */
#if defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#endif
void trawl_shape_term(const uint64_t *mask, size_t words, unsigned length, unsigned offset, int opens,
                      int first, uint64_t *scratch, uint64_t *acc) {
    if (words == 0) return;
    const uint64_t *src = mask;
    /* The word before the buffer: only its last position (the byte at -1) can count. */
    uint64_t before = opens ? 1ULL << 63 : 0;
    uint64_t *buf[2] = {scratch, scratch + words};
    int which = 0;
    /* Erosion by doubling: after eroding by k, a bit stays where the k bytes before it
       were members too (runs of 1, 2, 4, ... then the rest). */
    unsigned have = 1;
    while (have < length) {
        unsigned k = have * 2 <= length ? have : length - have;
        uint64_t *dst = buf[which];
        dst[0] = src[0] & (src[0] << k | before >> (64 - k));
        for (size_t w = 1; w < words; w++) dst[w] = src[w] & (src[w] << k | src[w - 1] >> (64 - k));
        before &= before << k;
        src = dst;
        which ^= 1;
        have += k;
    }
    if (offset == 0) {
        if (first) { for (size_t w = 0; w < words; w++) acc[w] = src[w]; }
        else { for (size_t w = 0; w < words; w++) acc[w] &= src[w]; }
        return;
    }
    uint64_t head = src[0] << offset | before >> (64 - offset);
    if (first) {
        acc[0] = head;
        for (size_t w = 1; w < words; w++) acc[w] = src[w] << offset | src[w - 1] >> (64 - offset);
    } else {
        acc[0] &= head;
        for (size_t w = 1; w < words; w++) acc[w] &= src[w] << offset | src[w - 1] >> (64 - offset);
    }
}
