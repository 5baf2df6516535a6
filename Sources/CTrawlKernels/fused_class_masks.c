// Up to eight byte-class masks over one buffer in one pass. The engine builds six to
// twelve masks over each buffer (digits, letters and digits, the window classes); one
// pass per mask loads every byte and splits it into nibbles again for each class.
// - AVX-512 VBMI: each byte's class bits looked up in a 256-entry table, 64 bytes at a
//   time, with two-table byte permutes (bytes 0-127 and 128-255 in two lookups, blended
//   on the high bit), then one test instruction per class gives its 64 mask bits. Seven
//   masks over 16 MiB of logs in 256 KiB chunks: 7-10 ms one by one with AVX2, 2.2 ms in
//   this pass (C microbenchmark, an Emerald Rapids core).
// - AVX2: the high nibble of each byte looked up once as a one-hot bit (bit h for high
//   nibble h < 8, none above), shared by all classes; per class one lookup of its low
//   nibble table (bit h set where byte h*16+l is a member), an AND with the one-hot bit,
//   and a compare and movemask: four instructions per class and 32 bytes instead of
//   nine. That holds the classes whose bytes 128-255 are all members or all not (the
//   former built as their complement); any other class gets a pass of its own. Seven
//   masks over 16 MiB of logs: 7.2-7.6 ms one by one, 3.7-3.8 ms here (an EPYC core).
// Written by hand: no library classifies bytes into several classes at once. Without
// either, a table loop gives the same masks (and the engine builds its masks one by one
// instead, ByteClassMask.fusedBuildsPay).
#include "trawl_kernels.h"
#include "isa.h"
#include <string.h>

static void fused_portable(const uint8_t *data, size_t n, const uint8_t table[256], unsigned count,
                           uint64_t *const *out) {
    size_t words = (n + 63) / 64;
    for (size_t w = 0; w < words; w++) {
        uint64_t m[8] = {0};
        size_t base = w * 64, end = base + 64 < n ? base + 64 : n;
        for (size_t i = base; i < end; i++) {
            uint8_t bits = table[data[i]];
            for (unsigned k = 0; k < count; k++) m[k] |= (uint64_t)((bits >> k) & 1) << (i - base);
        }
        for (unsigned k = 0; k < count; k++) out[k][w] = m[k];
    }
}

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx512f,avx512bw,avx512vbmi")))
static void fused_vbmi(const uint8_t *data, size_t n, const uint8_t table[256], unsigned count,
                       uint64_t *const *outs) {
    __m512i t0 = _mm512_loadu_si512(table), t1 = _mm512_loadu_si512(table + 64);
    __m512i t2 = _mm512_loadu_si512(table + 128), t3 = _mm512_loadu_si512(table + 192);
    /* The outputs in locals and each class's test unrolled with its bit a constant: with
       a loop over `out[k]` the pointers were reloaded after every store (30% slower). */
    uint64_t *out[8];
    for (unsigned k = 0; k < 8; k++) out[k] = k < count ? outs[k] : 0;
    const __m512i b0 = _mm512_set1_epi8(1), b1 = _mm512_set1_epi8(2), b2 = _mm512_set1_epi8(4),
                  b3 = _mm512_set1_epi8(8), b4 = _mm512_set1_epi8(16), b5 = _mm512_set1_epi8(32),
                  b6 = _mm512_set1_epi8(64), b7 = _mm512_set1_epi8((char)128);
    size_t full = n / 64, words = (n + 63) / 64;
    for (size_t w = 0; w < words; w++) {
        /* The last, partial word reads only its bytes (a masked load) and keeps their bits. */
        uint64_t valid = w < full ? ~0ULL : (1ULL << (n - w * 64)) - 1;
        __m512i v = w < full ? _mm512_loadu_si512(data + w * 64) : _mm512_maskz_loadu_epi8(valid, data + w * 64);
        __m512i low = _mm512_permutex2var_epi8(t0, v, t1), high = _mm512_permutex2var_epi8(t2, v, t3);
        __m512i bits = _mm512_mask_blend_epi8(_mm512_movepi8_mask(v), low, high);
#define CLASS(k, b) if (k < count) out[k][w] = _mm512_test_epi8_mask(bits, b) & valid;
        CLASS(0, b0) CLASS(1, b1) CLASS(2, b2) CLASS(3, b3) CLASS(4, b4) CLASS(5, b5) CLASS(6, b6) CLASS(7, b7)
#undef CLASS
    }
}

/* Bits per 32 bytes: the members of the class whose low-nibble table is `t`, by the
   shared low nibbles `l` and one-hot high-nibble bits `o` (members where not zero). */
#define FUSED_AVX2_CLASS32(t, l, o) \
    (~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(_mm256_shuffle_epi8(t, l), o), \
                                                       _mm256_setzero_si256())))

__attribute__((target("avx2")))
static void fused_avx2(const uint8_t *data, size_t n, const uint8_t table[256], unsigned count,
                       uint64_t *const *outs) {
    /* Per class: the low-nibble table of its members among bytes 0-127 (of its
       complement's when bytes 128-255 are all members, then flipped), or a pass of its
       own when bytes 128-255 are mixed. */
    uint8_t lo[8][16];
    uint64_t flip[8] = {0};
    uint64_t *out[8];
    unsigned slot[8], fused = 0;
    memset(lo, 0, sizeof lo);
    /* In one walk of the table, not one per class: a buffer of 4 KiB costs about as much
       as deriving eight classes' tables one by one. */
    uint8_t classes = (uint8_t)((1u << count) - 1), any = 0, all = 0xFF;
    for (int b = 128; b < 256; b++) {
        any |= table[b];
        all &= table[b];
    }
    uint8_t mixed = (uint8_t)(any & ~all & classes), complement = (uint8_t)(all & classes);
    for (unsigned k = 0; k < count; k++) {
        if ((mixed >> k) & 1) {
            uint8_t member[256];
            for (int b = 0; b < 256; b++) member[b] = (table[b] >> k) & 1;
            trawl_class_mask(data, n, member, outs[k]);
            continue;
        }
        slot[k] = fused;
        flip[fused] = (complement >> k) & 1 ? ~0ULL : 0;
        out[fused++] = outs[k];
    }
    for (int b = 0; b < 128; b++) {
        unsigned t = (unsigned)((table[b] ^ complement) & classes & ~mixed);
        while (t) {
            unsigned k = (unsigned)__builtin_ctz(t);
            t &= t - 1;
            lo[slot[k]][b & 15] |= (uint8_t)(1u << (b >> 4));
        }
    }
    if (fused == 0 || n == 0) return;
    __m256i t0 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)lo[0])),
            t1 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)lo[1])),
            t2 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)lo[2])),
            t3 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)lo[3])),
            t4 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)lo[4])),
            t5 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)lo[5])),
            t6 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)lo[6])),
            t7 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)lo[7]));
    const __m256i onehot = _mm256_setr_epi8(1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0,
                                            1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m256i nib = _mm256_set1_epi8(0x0F);
    size_t full = n / 64, words = (n + 63) / 64;
    uint8_t tail[64];
    for (size_t w = 0; w < words; w++) {
        /* The last, partial word from a zeroed copy, its bits past the data cleared. */
        const uint8_t *p = data + w * 64;
        uint64_t valid = ~0ULL;
        if (w == full) {
            size_t rest = n - full * 64;
            memcpy(tail, p, rest);
            memset(tail + rest, 0, 64 - rest);
            p = tail;
            valid = (1ULL << rest) - 1;
        }
        __m256i v0 = _mm256_loadu_si256((const __m256i *)p), v1 = _mm256_loadu_si256((const __m256i *)(p + 32));
        __m256i l0 = _mm256_and_si256(v0, nib), l1 = _mm256_and_si256(v1, nib);
        __m256i o0 = _mm256_shuffle_epi8(onehot, _mm256_and_si256(_mm256_srli_epi16(v0, 4), nib));
        __m256i o1 = _mm256_shuffle_epi8(onehot, _mm256_and_si256(_mm256_srli_epi16(v1, 4), nib));
#define CLASS(k, t) if (k < fused) out[k][w] = (((uint64_t)FUSED_AVX2_CLASS32(t, l0, o0) \
                                                 | (uint64_t)FUSED_AVX2_CLASS32(t, l1, o1) << 32) ^ flip[k]) & valid;
        CLASS(0, t0) CLASS(1, t1) CLASS(2, t2) CLASS(3, t3) CLASS(4, t4) CLASS(5, t5) CLASS(6, t6) CLASS(7, t7)
#undef CLASS
    }
}
#undef FUSED_AVX2_CLASS32
#endif

int trawl_fused_class_masks_fast(void) {
#if defined(__x86_64__)
    return isa_vbmi() || isa_avx2();
#else
    return 0;
#endif
}

void trawl_fused_class_masks(const uint8_t *data, size_t n, const uint8_t table[256], unsigned count,
                             uint64_t *const *out) {
    if (count > 8) count = 8;
#if defined(__x86_64__)
    if (isa_vbmi()) {
        fused_vbmi(data, n, table, count, out);
        return;
    }
    if (isa_avx2()) {
        fused_avx2(data, n, table, count, out);
        return;
    }
#endif
    fused_portable(data, n, table, count, out);
}
