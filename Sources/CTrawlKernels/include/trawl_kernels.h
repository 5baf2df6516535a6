// Hot kernels of the detection engine and the readers. The byte-class masks (see
// ByteClassMasks.swift) are C because Swift's SIMD types have no movemask or byte
// shuffle: building one 64-bit mask per 64 bytes from vector lookups is what makes the
// candidate pass fast. The two-byte search needs movemask too; the CSV copy is a loop
// the C compiler vectorises; the keyword scan takes about half the instructions of the
// same loop in Swift (callgrind).
#ifndef TRAWL_KERNELS_H
#define TRAWL_KERNELS_H
#include <stddef.h>
#include <stdint.h>

/// For each byte of data[0..n), set bit (i % 64) of out[i / 64] when member[data[i]]
/// is non-zero. `out` holds (n + 63) / 64 words; bits past n are zero. With AVX2, a
/// class whose bytes use at most 8 distinct high nibbles (any set of ASCII letters,
/// digits and punctuation), or whose complement does ([^0-9A-Za-z_]), is classified 32
/// bytes at a time by two nibble-table lookups; other classes and other CPUs take a
/// table loop.
void trawl_class_mask(const uint8_t *data, size_t n, const uint8_t member[256], uint64_t *out);

/// Instruction-set levels for trawl_limit_isa.
enum { TRAWL_ISA_PORTABLE = 0, TRAWL_ISA_AVX2 = 1, TRAWL_ISA_AVX512BW = 2, TRAWL_ISA_VBMI = 3 };

/// Caps the instruction sets the kernels pick from (what the CPU has, up to `level`) for
/// the calls that follow, so tests can run every form on one machine. The default is
/// TRAWL_ISA_VBMI (everything the CPU has). (Functions compiled as clones for several
/// targets, which hold the same C code, keep the clone chosen at load time.)
void trawl_limit_isa(int level);

/// Up to eight class masks in one pass (fused_class_masks.c): bit k of table[b] set when
/// byte b is in class k; out[k] receives class k's mask as trawl_class_mask gives it
/// ((n + 63) / 64 words, bits past n zero). Fast with AVX-512 VBMI or AVX2, which
/// trawl_fused_class_masks_fast() reports; elsewhere a table loop.
void trawl_fused_class_masks(const uint8_t *data, size_t n, const uint8_t table[256], unsigned count,
                             uint64_t *const *out);
int trawl_fused_class_masks_fast(void);

/// The index of the first byte of data[0..n) equal to `a` or `b`, or n. The caller
/// guarantees that data[0 .. n + 31] is readable (a padded buffer): blocks of 32 bytes
/// are compared even past n, so short runs (JSON strings) take one vector compare.
size_t trawl_find_either_padded(const uint8_t *data, size_t n, uint8_t a, uint8_t b);

/// The index of the first byte of data[0..n) that BinaryHeuristic counts against text
/// (NUL, DEL, or a C0 control other than \b \t \n \f \r and ESC), or n.
size_t trawl_first_suspicious(const uint8_t *data, size_t n);

/// BinaryHeuristic's counts over data[0..n): NULs at even and at odd positions, then the
/// other bytes trawl_first_suspicious finds at even and at odd positions. The bytes
/// before the first such byte are skipped 32 at a time (most text holds none).
void trawl_suspicious_counts(const uint8_t *data, size_t n, size_t counts[4]);

/// The count of bytes below 0x80 at the start of data[0..n).
size_t trawl_ascii_prefix(const uint8_t *data, size_t n);

/// Copies src[0..n) to dst, writing `to` where src holds `from` (a CSV record into the
/// scanner's batch, its delimiters turned into the newlines that separate fields there).
/// The two ranges must not overlap.
void trawl_copy_replacing(const uint8_t *src, size_t n, uint8_t from, uint8_t to, uint8_t *dst);

/// Candidate flags of trawl_keyword_candidates.
enum {
    TRAWL_KW_QUAD = 1,    /// the gram filter holds the word's first four folded bytes
    TRAWL_KW_TRI = 2,     /// ... its first three
    TRAWL_KW_SHORT = 4,   /// the pair filter holds its first two
    TRAWL_KW_OTHER = 8    /// a first byte of the keywords that start otherwise
};

/// The keyword pass's scan of word starts (KeywordIndex.swift): from mask word `*word`,
/// each word start (an `alnum` bit whose previous byte is not alphanumeric; not a digit
/// when `digits` is given) is kept when one of the filters passes (`gram`: 2^17 bits by
/// the 32-bit hash of the first four or three bytes ORed with 0x20; `pairs`: 2^16 bits
/// by the first two; a key length is tested only where the text holds that many bytes,
/// and a word start on the last byte passes the pair filter), and each `other` bit is
/// kept as it is, in position order, into pos/flags; with `zone`, a word start outside it
/// only through `gram_out`/`pairs_out` (the keywords looked for everywhere; none when
/// NULL), and an `other` bit outside it only with `others_everywhere` (KeywordZones.swift).
/// With `pair_filter` (not NULL) and AVX-512 VBMI, a word start at i with i + 3 < n is
/// first tested on the pair filter (KeywordPairFilter.swift): with code(b) = pair_filter[b]
/// for b < 0x80 and 15 for the others, and c0 ... c3 the codes of s[i ... i+3], it passes
/// when pair_filter[128 + c0] & pair_filter[192 + (c0 << 4 | c1)] & pair_filter[448 + (c1
/// << 4 | c2)] & pair_filter[704 + (c2 << 4 | c3)] is not zero (960 bytes in all); the
/// table must let every keyword's start through. With `zone` and `gram_out`, a word start
/// outside the zone is tested on `pair_filter_out` instead (the same layout, built from the
/// keywords looked for everywhere) when it is not NULL. Reads no byte past `n`. Stops
/// before a mask word that could overflow `cap` (at least 64) or at the end; updates
/// `*word` and `*carry` (the last alnum bit) and returns the count.
size_t trawl_keyword_candidates(const uint8_t *s, size_t n, const uint64_t *alnum, const uint64_t *digits,
                                const uint64_t *other, const uint64_t *zone, int others_everywhere,
                                const uint64_t *gram, const uint64_t *pairs, const uint64_t *gram_out,
                                const uint64_t *pairs_out, const uint8_t *pair_filter,
                                const uint8_t *pair_filter_out, size_t *word, uint64_t *carry, uint32_t *pos,
                                uint8_t *flags, size_t cap);

/// PrefixSet.markStarts's scan: sets bit (i % 64) of out[i / 64] where the byte before i
/// is not in `alnum` (before the buffer counts as not) and the pair (s[i], s[i + 1]), the
/// second byte 0 past the end, has its bit in `pairs` (2^16 bits, index first << 8 |
/// second). The pairs are first narrowed 32 positions at a time (AVX2; a table loop
/// elsewhere) by 8 buckets of nibble tables, as the anchor candidates are: position i
/// passes when, for one bucket k, tables[s[i] & 15] & tables[16 + (s[i] >> 4)] &
/// tables[32 + (s[i+1] & 15)] & tables[48 + (s[i+1] >> 4)] has bit k; the tables must
/// let every pair of `pairs` through. `out` holds (n + 63) / 64 words. Reads no byte
/// past n.
void trawl_prefix_starts(const uint8_t *s, size_t n, const uint8_t tables[64], const uint64_t *alnum,
                         const uint64_t *pairs, uint64_t *out);

/// Words in each of the anchor index's three 65,536-bit hash sets (AnchorIndex.bits).
#define TRAWL_ANCHOR_SET_WORDS 1024

/// The anchor index's candidates (AnchorIndex.swift), found as Hyperscan's Teddy finds
/// literals, then sieved by hash. First, position i passes when, for one of 8 buckets,
/// bytes i, i+1, i+2 and, where i + 3 < n, i+3 are each in that bucket's class for their
/// place, where byte b is in the class of bucket k at place j when tables[32j + (b & 15)]
/// & tables[32j + 16 + (b >> 4)] has bit k. With `exact` (not NULL) and AVX-512 VBMI, the
/// positions done with vectors take 16 buckets with exact classes instead: b < 0x80 is in
/// the class of bucket 8g + k at place j when exact[128 (4g + j) + b] has bit k, b >= 0x80
/// when exact[1024 + 4g + j] has it. (Either way every position where a bucket's trigram
/// and one of its fourth bytes occur passes.) Then a position is kept when the anchor
/// index's hash sets let it through (`bits`: TRAWL_ANCHOR_SET_WORDS words each of the
/// trigrams, the trigrams of three-byte anchors, then the first four bytes): the trigram
/// at i (trawl_trigram_hash) is in the first set and, unless it is in the second, i + 3 <
/// n and the four bytes at i (trawl_quad_hash) are in the third. Sets bit (i % 64) of
/// out[i / 64] for each kept position; `out` holds (n + 63) / 64 words; the last two
/// positions are never kept. Reads no byte past n.
void trawl_anchor_candidates(const uint8_t *data, size_t n, const uint8_t tables[128], const uint8_t *exact,
                             const uint64_t *bits, uint64_t *out);

/// One class of a trigger's alternative (TriggerShape.swift), over the words [0, words)
/// of a buffer's masks: `mask` eroded to the ends of runs of `length` (1 to 64) bytes,
/// shifted up by `offset` (0 to 63) positions, ANDed into `acc` (stored when `first`).
/// With `opens`, the position before the buffer counts as a member (the byte before
/// the buffer matches an alternative's first class). `scratch` holds 2 * words.
void trawl_shape_term(const uint64_t *mask, size_t words, unsigned length, unsigned offset, int opens,
                      int first, uint64_t *scratch, uint64_t *acc);

/// A read buffer s[0..n) and its JSON masks (json_flat_record.c), one bit per byte, 64
/// bytes per word: a quote or backslash; not a blank (space, tab, CR); not a number byte
/// (0-9 . e E + -). Each mask holds (n + 63) / 64 words, bits past n zero, then a word
/// of ones (the searches stop there without a bounds test).
typedef struct {
    const uint8_t *s;
    size_t n;
    const uint64_t *quote, *nonblank, *nonnumber;
} trawl_json_masks;

enum { TRAWL_JSON_STRING = 0, TRAWL_JSON_NUMBER = 1, TRAWL_JSON_LITERAL = 2 };

/// A member of a flat record: its key between its quotes, and its value (a string between
/// its quotes, or a number as written; a literal has none), as offsets in the buffer.
typedef struct {
    uint32_t key_start, key_end, value_start, value_end;
    uint8_t kind;
} trawl_json_member;

/// Reads the flat record whose '{' is at `start`, by JSONReader.readFlatRecord's rules:
/// blanks (space, tab, CR) around its tokens; members whose key is a string and whose
/// value a string, a number (from '-' or a digit, the number bytes that follow) or a
/// literal ('t' or 'n' and 3 letters a-z, 'f' and 4); strings without a backslash that do
/// not start with a newline; at most `max_members`; every token before n. Writes the
/// members to `out` and their count to `*count` and returns the position after the '}';
/// -1 for anything else. With `keys` (else NULL), `*repeat` tells whether each member's
/// key is byte for byte the key held for its slot: member k's at keys + k * stride (8
/// readable bytes past it; a plain name: no quote, backslash or newline), lengths[k]
/// bytes long (-1: none); `m->s` has 8 readable bytes past its n.
long trawl_json_flat_record(const trawl_json_masks *m, size_t start, trawl_json_member *out, size_t max_members,
                            size_t *count, const uint8_t *keys, size_t stride, const long *lengths, int *repeat);

/// A field of FieldScanner's batch (TrawlScan, FieldScanner.Field; `long` is Swift's
/// Int): its value's bytes [start, end) in the batch text, its keyword subset and kind,
/// two numbers whose meaning the kind gives (row and column, record index, line), its
/// JSON path in the batch's paths, the value's offset in the object's text, and where in
/// the value a match may start. A C struct because the kernels that hand records over to
/// the batch (trawl_json_batch_values, trawl_csv_batch_rows) write them too.
typedef struct {
    int32_t start, end, subset;
    uint8_t kind;
    long a, b;
    int32_t pathStart, pathEnd;
    long offset;
    int32_t reportFrom, reportUntil;
} trawl_batch_field;

/// A batch field whose matches may start anywhere in its value: the one constructor of
/// FieldScanner's fields, in Swift and in the kernels.
static inline trawl_batch_field trawl_batch_field_of(uint8_t kind, size_t start, size_t end, int32_t subset, long a,
                                                     long b, int32_t path_start, int32_t path_end, long offset) {
    trawl_batch_field field = {(int32_t)start, (int32_t)end, subset, kind, a, b, path_start, path_end, offset,
                               0, INT32_MAX};
    return field;
}

/// A path kept in FieldScanner's batch (FieldScanner.KeptPath): [start, end) of its
/// paths, valid while the batch's number is `batch`.
typedef struct {
    int32_t start, end;
    long batch;
} trawl_kept_path;

/// Appends to a FieldScanner batch the values of members [k, count) of a flat record
/// whose keys are each the one its slot held the record before (JSONReader checked):
/// member i's keyword subset is subsets[i] and its path paths[i]. Each string or number
/// value that is not empty goes to text[*text_count...], followed by a newline, with a
/// field of kind `kind` (record index `record`, offset `total` + its start in `buf`) at
/// fields[*field_count], and the index of each such field with a keyword subset (not 0)
/// at named[*named_count]; literals add nothing. Stops before a member whose path is not of
/// batch `batch` (the caller keeps it and adds that member), and after the value that
/// brings the text to `batch_bytes`. Returns where it stopped (count when done). The
/// caller has room for all of them: the record's bytes and a newline per member, a field
/// and a name index per member, and 16 bytes to spare after them (`buf` too: a padded
/// read buffer).
size_t trawl_json_batch_values(const uint8_t *buf, const trawl_json_member *members, size_t k, size_t count,
                               const int32_t *subsets, const trawl_kept_path *paths, long batch,
                               uint8_t *text, size_t *text_count, size_t batch_bytes,
                               trawl_batch_field *fields, size_t *field_count, int32_t *named,
                               size_t *named_count, uint8_t kind, long record, long total);

/// A run of flat JSON Lines records whose keys are each the one its slot holds
/// (trawl_json_same_named_records): the records, from the '{' at `start` of the read
/// `masks` (whose text `total` is the offset of), the first being record `record`, of at
/// most `max_members` members, and the slots' keys as trawl_json_flat_record takes them; the FieldScanner batch they go to, as
/// trawl_json_batch_values takes it (`field_room`: the fields' capacity); and what was
/// taken: `taken` records; `next`, the '{' of the first record not taken when `more`,
/// else the position after the last one's '}', which is not followed by a newline and
/// a '{'; `not_flat`: the record not taken is not a flat record whole in the read
/// (trawl_json_flat_record found none there).
typedef struct {
    const trawl_json_masks *masks;
    size_t start;
    size_t max_members;
    const uint8_t *keys;
    size_t stride;
    const long *lengths;
    long record, total;
    const int32_t *subsets;
    const trawl_kept_path *paths;
    long batch;
    uint8_t *text;
    size_t text_count, batch_bytes;
    trawl_batch_field *fields;
    size_t field_count, field_room;
    int32_t *named;
    size_t named_count;
    uint8_t kind;
    size_t taken, next;
    int more, not_flat;
} trawl_json_run;

/// Hands the records of `run` over to its batch, each as trawl_json_batch_values hands
/// over all the members of one, until a record is not flat, not of its slots' keys, has a
/// path not kept in the batch, has no room, could bring the text to `batch_bytes`, or is
/// not followed by a newline and another '{'. Room: `batch_bytes` + 16 bytes of text,
/// `field_room` fields and as many name indexes.
void trawl_json_same_named_records(trawl_json_run *run);

/// Appends to a FieldScanner batch the CSV/TSV records of buf[i..<n) (n + 31 bytes
/// readable) that hold no quote and end with a LF before n, from row `row`: each
/// record's bytes without its LF (and the CR of a CRLF), delimiters turned into
/// newlines, go to text[*text_count...] followed by a newline, with a field of kind
/// `kind` (row, offset `total` + its start) at fields[*field_count]; an empty record
/// only counts. Stops before a record that holds a quote, that does not end before n,
/// or that has no room (text_room bytes, field_room fields in all), and after the record
/// that brings the text to `batch_bytes`. Returns where it stopped; *records: how many
/// records it took.
size_t trawl_csv_batch_rows(const uint8_t *buf, size_t i, size_t n, uint8_t delimiter, uint8_t *text,
                            size_t *text_count, size_t text_room, size_t batch_bytes, trawl_batch_field *fields,
                            size_t *field_count, size_t field_room, uint8_t kind, long row, long total,
                            long *records);

/// The anchor index's hash of a little-endian word of three or four bytes: times a
/// Fibonacci constant, top 16 of 32 bits.
static inline uint32_t trawl_anchor_hash(uint32_t w) { return (w * 0x9E3779B1u) >> 16; }

/// The trigram hash of the anchor index (AnchorIndex.swift): bytes b0 b1 b2 as a
/// little-endian 24-bit value, hashed.
static inline uint32_t trawl_trigram_hash(uint8_t b0, uint8_t b1, uint8_t b2) {
    return trawl_anchor_hash((uint32_t)b0 | ((uint32_t)b1 << 8) | ((uint32_t)b2 << 16));
}

/// The anchor index's hash of four bytes b0..b3: their little-endian 32-bit value, hashed.
static inline uint32_t trawl_quad_hash(uint8_t b0, uint8_t b1, uint8_t b2, uint8_t b3) {
    return trawl_anchor_hash((uint32_t)b0 | ((uint32_t)b1 << 8) | ((uint32_t)b2 << 16) | ((uint32_t)b3 << 24));
}

#endif
