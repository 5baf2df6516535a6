// The tokeniser of JSONReader's flat records (a line of JSON Lines whose members are
// plain strings, numbers and literals). Written by hand: simdjson (libsimdjson-dev, C++)
// validates and iterates whole documents, while this path must accept exactly the records
// the reader's own byte walk reads the same way, hand their members over in place, and
// leave everything else to that walk (JSONReader.readFlatRecord; a differential test
// compares the two).
//
// It works as simdjson's first stage does: the read buffer is classified into bit masks
// (quote or backslash; not a blank; not a number byte), 64 bytes per word, and each
// token is then found with a count of trailing zeros instead of a loop over its bytes.
// The masks of a buffer are built on its first flat record, so a buffer that holds none
// costs nothing. On the benchmark's JSON Lines (callgrind) the same walk in Swift took
// about 196 instructions per member (byte loops for numbers and blanks, overflow checks);
// here about 89, and the masks about one instruction per byte.
#include "trawl_kernels.h"
#include <string.h>
#if defined(__x86_64__)
#include "nibble_avx2.h"
#endif

/* The classes, as bits of one nibble-table lookup: a number byte (0-9 . e E + -) in
   bits 0-2, a blank (space, tab, CR) in bits 3-4, a quote or backslash in bits 5-6. */
enum { NUMBER_BITS = 0x07, BLANK_BITS = 0x18, QUOTE_BITS = 0x60 };

static uint8_t byte_bits(uint8_t b) {
    uint8_t bits = 0;
    if ((b >= '0' && b <= '9') || b == '.' || b == 'e' || b == 'E' || b == '+' || b == '-') bits |= 0x01;
    if (b == ' ' || b == '\t' || b == '\r') bits |= 0x08;
    if (b == '"' || b == '\\') bits |= 0x20;
    return bits;
}

static void classify_portable(const uint8_t *s, size_t n, size_t w, uint64_t *quote, uint64_t *nonblank,
                              uint64_t *nonnumber) {
    uint64_t q = 0, b = 0, num = 0;
    size_t base = w * 64, end = base + 64 < n ? base + 64 : n;
    for (size_t i = base; i < end; i++) {
        uint8_t bits = byte_bits(s[i]);
        q |= (uint64_t)((bits & QUOTE_BITS) != 0) << (i - base);
        b |= (uint64_t)((bits & BLANK_BITS) != 0) << (i - base);
        num |= (uint64_t)((bits & NUMBER_BITS) != 0) << (i - base);
    }
    /* Past n: no quote, no blank, no number byte (a walk reaching there fails). */
    uint64_t valid = end - base == 64 ? ~0ULL : (1ULL << (end - base)) - 1;
    quote[w] = q;
    nonblank[w] = ~b & valid;
    nonnumber[w] = ~num & valid;
}

#if defined(__x86_64__)
/* One bit per byte of r that is zero. */
__attribute__((target("avx2")))
static inline uint32_t zero32(__m256i r) {
    return (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(r, _mm256_setzero_si256()));
}

__attribute__((target("avx2")))
static void classify_avx2(const uint8_t *s, size_t n, size_t from, size_t to, uint64_t *quote,
                          uint64_t *nonblank, uint64_t *nonnumber) {
    /* Buckets (high nibble x low nibbles): 2 x {B D E} and 3 x {0-9} and {4 6} x {5} are the
       number bytes; 2 x {0} and 0 x {9 D} the blanks; 2 x {2} and 5 x {C} the quote and
       the backslash. */
    static const uint8_t lo_t[16] = {0x0A, 0x02, 0x22, 0x02, 0x02, 0x06, 0x02, 0x02,
                                     0x02, 0x12, 0x00, 0x01, 0x40, 0x11, 0x01, 0x00};
    static const uint8_t hi_t[16] = {0x10, 0x00, 0x29, 0x02, 0x04, 0x40, 0x04, 0x00,
                                     0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    __m256i lo = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)lo_t));
    __m256i hi = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)hi_t));
    __m256i nib = _mm256_set1_epi8(0x0F);
    __m256i qbits = _mm256_set1_epi8(QUOTE_BITS), bbits = _mm256_set1_epi8(BLANK_BITS),
            nbits = _mm256_set1_epi8(NUMBER_BITS);
    for (size_t w = from; w < to; w++) {
        size_t base = w * 64;
        if (base + 64 > n) {
            classify_portable(s, n, w, quote, nonblank, nonnumber);
            continue;
        }
        __m256i a = nibble_lookup(_mm256_loadu_si256((const __m256i *)(s + base)), lo, hi, nib);
        __m256i b = nibble_lookup(_mm256_loadu_si256((const __m256i *)(s + base + 32)), lo, hi, nib);
        quote[w] = (uint64_t)nonzero32(_mm256_and_si256(a, qbits))
            | (uint64_t)nonzero32(_mm256_and_si256(b, qbits)) << 32;
        nonblank[w] = (uint64_t)zero32(_mm256_and_si256(a, bbits)) | (uint64_t)zero32(_mm256_and_si256(b, bbits)) << 32;
        nonnumber[w] = (uint64_t)zero32(_mm256_and_si256(a, nbits)) | (uint64_t)zero32(_mm256_and_si256(b, nbits)) << 32;
    }
}
#endif

void trawl_json_masks_reset(trawl_json_masks *m, const uint8_t *s, size_t n) {
    m->s = s;
    m->n = n;
    m->words_done = 0;
}

/* All the words of the buffer, and after them a word of ones in each mask: the search
   below then stops there without a bounds test (at a position >= n, which the walk
   takes as the end). */
void trawl_json_classify_all(trawl_json_masks *m) {
    size_t words = (m->n + 63) / 64;
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2")) {
        classify_avx2(m->s, m->n, 0, words, m->quote, m->nonblank, m->nonnumber);
    } else
#endif
    {
        for (size_t w = 0; w < words; w++) classify_portable(m->s, m->n, w, m->quote, m->nonblank, m->nonnumber);
    }
    m->quote[words] = m->nonblank[words] = m->nonnumber[words] = ~0ULL;
    m->words_done = words + 1;
}

/* The first set bit after word w, which holds none at or after the position searched
   from (the word of ones after the buffer ends the loop). */
__attribute__((noinline))
static size_t next_set_after(const uint64_t *mask, size_t w) {
    for (w++; !mask[w]; w++) {}
    return w * 64 + (size_t)__builtin_ctzll(mask[w]);
}

/* The first position at or after p (at most n) whose bit is set in `mask`; a position
   >= n when there is none. */
__attribute__((always_inline))
static inline size_t next_set(const uint64_t *mask, size_t p) {
    uint64_t bits = mask[p >> 6] >> (p & 63);
    return bits ? p + (size_t)__builtin_ctzll(bits) : next_set_after(mask, p >> 6);
}

/* Most tokens follow each other without a blank: the byte expected next is tested first,
   and the masks searched only when it is not there. */
long trawl_json_flat_record(trawl_json_masks *m, size_t start, trawl_json_member *out, size_t max_members,
                            size_t *count) {
    if (m->words_done == 0) trawl_json_classify_all(m);
    const uint8_t *s = m->s;
    const uint64_t *quote = m->quote, *nonblank = m->nonblank, *nonnumber = m->nonnumber;
    size_t n = m->n, k = 0;
    if (start >= n) return -1;
    size_t p = start + 1;
    if (!(p < n && s[p] == '"')) p = next_set(nonblank, p);
    for (;;) {
        /* The key: from its quote to the next quote, with no backslash between. */
        if (p >= n || s[p] != '"' || k >= max_members) return -1;
        size_t ks = p + 1, ke = next_set(quote, ks);
        /* (A newline as a string's first byte ends the record in the walk.) */
        if (ke >= n || s[ke] != '"' || s[ks] == '\n') return -1;
        p = ke + 1;
        if (!(p < n && s[p] == ':')) {
            p = next_set(nonblank, p);
            if (p >= n || s[p] != ':') return -1;
        }
        p++;
        if (p >= n) return -1;
        uint8_t b = s[p];
        if (b <= ' ') {
            /* A blank, or a byte no value starts with (then p stays). */
            p = next_set(nonblank, p);
            if (p >= n) return -1;
            b = s[p];
        }
        uint32_t vs, ve;
        uint8_t kind;
        if (b == '"') {
            size_t e = next_set(quote, p + 1);
            if (e >= n || s[e] != '"' || s[p + 1] == '\n') return -1;
            vs = (uint32_t)(p + 1);
            ve = (uint32_t)e;
            kind = TRAWL_JSON_STRING;
            p = e + 1;
        } else if (b == '-' || (b >= '0' && b <= '9')) {
            size_t e = next_set(nonnumber, p + 1);
            if (e >= n) return -1;
            vs = (uint32_t)p;
            ve = (uint32_t)e;
            kind = TRAWL_JSON_NUMBER;
            p = e;
        } else if (b == 't' || b == 'n' || b == 'f') {
            /* As the walk reads a literal: its first letter, then 3 or 4 more (a-z). */
            size_t end = p + (b == 'f' ? 5 : 4);
            if (end >= n) return -1;
            for (size_t q = p + 1; q < end; q++)
                if (s[q] < 'a' || s[q] > 'z') return -1;
            vs = ve = 0;
            kind = TRAWL_JSON_LITERAL;
            p = end;
        } else {
            return -1;
        }
        out[k] = (trawl_json_member){(uint32_t)ks, (uint32_t)ke, vs, ve, kind};
        k++;
        if (!(p < n && (s[p] == ',' || s[p] == '}'))) {
            p = next_set(nonblank, p);
            if (p >= n) return -1;
        }
        if (s[p] == '}') {
            *count = k;
            return (long)(p + 1);
        }
        if (s[p] != ',') return -1;
        p++;
        if (!(p < n && s[p] == '"')) p = next_set(nonblank, p);
    }
}
