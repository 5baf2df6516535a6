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
//
// The tokeniser also tells whether each key is the one its member slot held the record
// before; trawl_json_batch_values hands the members of such a record over to
// FieldScanner's batch in one loop; through the handler's call per member
// (JSONValueHandler.member) that hand-over took about 200 instructions a member. A run
// of such records, the usual JSON Lines, is tokenised and handed over in one call
// (trawl_json_same_named_records), not one trip through the reader and the handler per
// record.
#include "trawl_kernels.h"
#include <string.h>

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

/* Whether the `length` bytes at a and b are the same, 8 at a time: both have 8 readable
   bytes past them (the read buffer's padding; a slot's cell). */
static inline int same_bytes(const uint8_t *a, const uint8_t *b, size_t length) {
    size_t i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        if (x != y) return 0;
    }
    if (i < length) {
        /* The last bytes in one masked load. */
        uint64_t x, y, mask = ~0ULL >> (64 - 8 * (length - i));
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        if ((x ^ y) & mask) return 0;
    }
    return 1;
}

/* Most tokens follow each other without a blank: the byte expected next is tested first,
   and the masks searched only when it is not there. A key is first compared with the
   key its slot held (the records of JSON Lines repeat them): when it is that key and a
   quote follows, that quote ends it, with no search. The reader used to make that check
   after the record, in a loop of its own over the members (4.6% of a JSON Lines file's
   instructions); fused, the tokeniser and the check went from about 19.5% to 14.8% of
   the samples of a scan of JSON Lines. */

enum { MEMBER_READ = 0, MEMBER_NOT_FLAT = -1, MEMBER_OTHER_KEY = -2 };

/* The member whose key's quote is at *at (a position < n is checked), into `out`, *at
   then after its value. `held` (-1: none) is the length of the key its slot holds, at
   `key`: the key is that one when those bytes and a quote follow; otherwise it is
   searched for, and *same cleared, or, with `held_only`, MEMBER_OTHER_KEY is returned.
   MEMBER_NOT_FLAT for anything a flat record's member is not (trawl_json_flat_record's
   rules). The one reading of a member for both the record-by-record tokeniser and the
   runs (trawl_json_same_named_records), inlined in each. */
__attribute__((always_inline))
static inline int read_member(const trawl_json_masks *m, size_t *at, long held, const uint8_t *key, int held_only,
                              int *same, trawl_json_member *out) {
    const uint8_t *s = m->s;
    const size_t n = m->n;
    size_t p = *at;
    if (p >= n || s[p] != '"') return MEMBER_NOT_FLAT;
    size_t ks = p + 1, ke;
    /* A slot's key is a plain name (JSONReader.isPlainName): no quote, backslash or
       newline in it, so the quote after it is the search's answer. */
    if (held >= 0 && ks + (size_t)held < n && s[ks + held] == '"' && same_bytes(s + ks, key, (size_t)held)) {
        ke = ks + (size_t)held;
    } else {
        if (held_only) return MEMBER_OTHER_KEY;
        *same = 0;
        ke = next_set(m->quote, ks);
        /* (A newline as a string's first byte ends the record in the walk.) */
        if (ke >= n || s[ke] != '"' || s[ks] == '\n') return MEMBER_NOT_FLAT;
    }
    p = ke + 1;
    if (!(p < n && s[p] == ':')) {
        p = next_set(m->nonblank, p);
        if (p >= n || s[p] != ':') return MEMBER_NOT_FLAT;
    }
    p++;
    if (p >= n) return MEMBER_NOT_FLAT;
    uint8_t b = s[p];
    if (b <= ' ') {
        /* A blank, or a byte no value starts with (then p stays). */
        p = next_set(m->nonblank, p);
        if (p >= n) return MEMBER_NOT_FLAT;
        b = s[p];
    }
    uint32_t vs, ve;
    uint8_t kind;
    if (b == '"') {
        size_t e = next_set(m->quote, p + 1);
        if (e >= n || s[e] != '"' || s[p + 1] == '\n') return MEMBER_NOT_FLAT;
        vs = (uint32_t)(p + 1);
        ve = (uint32_t)e;
        kind = TRAWL_JSON_STRING;
        p = e + 1;
    } else if (b == '-' || (b >= '0' && b <= '9')) {
        size_t e = next_set(m->nonnumber, p + 1);
        if (e >= n) return MEMBER_NOT_FLAT;
        vs = (uint32_t)p;
        ve = (uint32_t)e;
        kind = TRAWL_JSON_NUMBER;
        p = e;
    } else if (b == 't' || b == 'n' || b == 'f') {
        /* As the walk reads a literal: its first letter, then 3 or 4 more (a-z). */
        size_t end = p + (b == 'f' ? 5 : 4);
        if (end >= n) return MEMBER_NOT_FLAT;
        for (size_t q = p + 1; q < end; q++)
            if (s[q] < 'a' || s[q] > 'z') return MEMBER_NOT_FLAT;
        vs = ve = 0;
        kind = TRAWL_JSON_LITERAL;
        p = end;
    } else {
        return MEMBER_NOT_FLAT;
    }
    *out = (trawl_json_member){(uint32_t)ks, (uint32_t)ke, vs, ve, kind};
    *at = p;
    return MEMBER_READ;
}

/* After a member's value at *at: 1 when the record ends there (*at then after its '}'),
   0 when another member follows (*at at its key's quote, blanks skipped), -1 for
   anything else. */
__attribute__((always_inline))
static inline int read_separator(const trawl_json_masks *m, size_t *at) {
    const uint8_t *s = m->s;
    const size_t n = m->n;
    size_t p = *at;
    if (!(p < n && (s[p] == ',' || s[p] == '}'))) {
        p = next_set(m->nonblank, p);
        if (p >= n) return -1;
    }
    if (s[p] == '}') {
        *at = p + 1;
        return 1;
    }
    if (s[p] != ',') return -1;
    p++;
    if (!(p < n && s[p] == '"')) p = next_set(m->nonblank, p);
    *at = p;
    return 0;
}

/* The first member's key quote after a record's '{' at `start` (blanks skipped). */
__attribute__((always_inline))
static inline size_t first_member(const trawl_json_masks *m, size_t start) {
    size_t p = start + 1;
    return p < m->n && m->s[p] == '"' ? p : next_set(m->nonblank, p);
}

long trawl_json_flat_record(const trawl_json_masks *m, size_t start, trawl_json_member *out, size_t max_members,
                            size_t *count, const uint8_t *keys, size_t stride, const long *lengths, int *repeat) {
    /* Whether every key so far is its slot's. */
    int same = keys != NULL;
    *repeat = 0;
    if (start >= m->n) return -1;
    size_t p = first_member(m, start), k = 0;
    for (;;) {
        if (k >= max_members) return -1;
        if (read_member(m, &p, same ? lengths[k] : -1, same ? keys + k * stride : NULL, 0, &same, &out[k])
            != MEMBER_READ)
            return -1;
        k++;
        int end = read_separator(m, &p);
        if (end < 0) return -1;
        if (end) {
            *count = k;
            *repeat = same;
            return (long)p;
        }
    }
}

/* Copies n bytes 16 at a time: both sides have 15 bytes to spare past n (the read
   buffer's padding; the room the caller reserves), and a call to memcpy per value was a
   fifth of the loop. */
static inline void copy_spare(uint8_t *to, const uint8_t *from, size_t n) {
    for (size_t i = 0; i < n; i += 16) memcpy(to + i, from + i, 16);
}

size_t trawl_json_batch_values(const uint8_t *buf, const trawl_json_member *members, size_t k, size_t count,
                               const int32_t *subsets, const trawl_kept_path *paths, long batch,
                               uint8_t *text, size_t *text_count, size_t batch_bytes,
                               trawl_batch_field *fields, size_t *field_count, int32_t *named,
                               size_t *named_count, uint8_t kind, long record, long total) {
    size_t t = *text_count, f = *field_count, nc = *named_count;
    for (; k < count; k++) {
        const trawl_json_member m = members[k];
        if (m.kind == TRAWL_JSON_LITERAL) continue;
        if (paths[k].batch != batch) break;
        size_t length = m.value_end - m.value_start;
        if (length == 0) continue;
        copy_spare(text + t, buf + m.value_start, length);
        /* Written always, kept when the subset is not empty: no branch to mispredict. */
        named[nc] = (int32_t)f;
        nc += subsets[k] != 0;
        fields[f++] = trawl_batch_field_of(kind, t, t + length, subsets[k], record, 0, paths[k].start,
                                           paths[k].end, total + (long)m.value_start);
        t += length;
        text[t++] = '\n';
        if (t >= batch_bytes) {
            k++;
            break;
        }
    }
    *text_count = t;
    *field_count = f;
    *named_count = nc;
    return k;
}

/* The run's records one after the other while each is flat, of its slots' keys, whole in
   the read and followed by a newline and the next record's '{'. Each record is read as
   trawl_json_flat_record reads one whose keys are its slots' (read_member and
   read_separator, the same tests in the same order), and its values go to the batch as
   they are found, as trawl_json_batch_values writes them: no member tokens written and
   read back (tokenising first, then handing over, took 155 instructions a member on the
   benchmark's JSON Lines). A record is left to the reader, what it wrote dropped (the
   counts go back), when a key is not its slot's, when it is not a flat record
   (`not_flat`: the reader's tokeniser would stop at the same byte), when a value's path
   is not kept in this batch (the reader keeps it), when there is no room for a field, or
   when a value could bring the text to the batch's size: the reader then classifies the
   batch after the value that does, as it does for every record, so the batches and their
   boundaries are those of the record-by-record path. */
void trawl_json_same_named_records(trawl_json_run *r) {
    /* Everything the loop reads of `r` in locals: the batch's bytes are written through a
       byte pointer, which may alias anything, so each field of `r` was loaded again after
       every value (192 instructions a member; 'restrict' on the locals says the same). */
    const trawl_json_masks *m = r->masks;
    const uint8_t *restrict s = m->s;
    const size_t stride = r->stride, max_members = r->max_members, batch_bytes = r->batch_bytes,
                 field_room = r->field_room;
    const uint8_t *restrict keys = r->keys;
    const long *restrict lengths = r->lengths;
    const int32_t *restrict subsets = r->subsets;
    const trawl_kept_path *restrict paths = r->paths;
    const long batch = r->batch, total = r->total, first = r->record;
    const uint8_t kind = r->kind;
    uint8_t *restrict text = r->text;
    trawl_batch_field *restrict fields = r->fields;
    int32_t *restrict named = r->named;
    size_t p = r->start, t = r->text_count, f = r->field_count, nc = r->named_count, taken = 0;
    int more = 1, not_flat = 0;
    for (;;) {
        /* One record from its '{' at p. */
        const size_t t0 = t, f0 = f, nc0 = nc;
        const long record = first + (long)taken;
        size_t q = first_member(m, p), k = 0;
        int same = 1, end;
        for (;; k++) {
            trawl_json_member mb;
            int read = k < max_members ? read_member(m, &q, lengths[k], keys + k * stride, 1, &same, &mb)
                                       : MEMBER_NOT_FLAT;
            if (read != MEMBER_READ) {
                not_flat = read == MEMBER_NOT_FLAT;
                goto left;
            }
            if (mb.kind != TRAWL_JSON_LITERAL) {
                /* A string or number: its path must be kept in this batch, even when
                   empty (the reader keeps it then). */
                if (paths[k].batch != batch) goto left;
                size_t length = mb.value_end - mb.value_start;
                if (length > 0) {
                    if (t + length + 17 >= batch_bytes || f >= field_room) goto left;
                    copy_spare(text + t, s + mb.value_start, length);
                    named[nc] = (int32_t)f;
                    nc += subsets[k] != 0;
                    fields[f++] = trawl_batch_field_of(kind, t, t + length, subsets[k], record, 0, paths[k].start,
                                                       paths[k].end, total + (long)mb.value_start);
                    t += length;
                    text[t++] = '\n';
                }
            }
            end = read_separator(m, &q);
            if (end < 0) {
                not_flat = 1;
                goto left;
            }
            if (end) break;
        }
        taken++;
        if (!(q + 1 < m->n && s[q] == '\n' && s[q + 1] == '{')) {
            p = q;
            more = 0;
            break;
        }
        p = q + 1;
        continue;
    left:
        t = t0;
        f = f0;
        nc = nc0;
        break;
    }
    r->more = more;
    r->not_flat = not_flat;
    r->next = p;
    r->taken = taken;
    r->text_count = t;
    r->field_count = f;
    r->named_count = nc;
}
