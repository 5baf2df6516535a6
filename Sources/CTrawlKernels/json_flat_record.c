// The tokeniser of JSONReader's flat records (a line of JSON Lines whose members are
// plain strings, numbers and literals). Written by hand: simdjson (libsimdjson-dev, C++)
// validates and iterates whole documents, while this path must accept exactly the records
// the reader's own byte walk reads the same way, hand their members over in place, and
// leave everything else to that walk (JSONReader.readFlatRecord; a differential test
// compares the two).
//
// It works as simdjson's first stage does: the read buffer is classified into bit masks
// (quote or backslash; not a blank; not a number byte: trawl_class_mask, built by
// FlatRecordTokens on a buffer's first flat record), and each token is then found with
// a count of trailing zeros instead of a loop over its bytes. On the benchmark's JSON
// Lines (callgrind) the same walk in Swift took about 196 instructions per member (byte
// loops for numbers and blanks, overflow checks); here about 89.
#include "trawl_kernels.h"

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
long trawl_json_flat_record(const trawl_json_masks *m, size_t start, trawl_json_member *out, size_t max_members,
                            size_t *count) {
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
