// Up to eight byte-class masks over one buffer in one pass: each byte's class bits
// looked up in a 256-entry table, 64 bytes at a time, with AVX-512 VBMI's two-table
// byte permutes (bytes 0-127 and 128-255 in two lookups, blended on the high bit), then
// one test instruction per class gives its 64 mask bits. The engine builds six to twelve
// masks over each buffer (digits, letters and digits, the window classes): with AVX2
// each costs a pass of its own (two nibble lookups per class). Seven of them over 16 MiB
// of logs in 256 KiB chunks: 7-10 ms one by one, 2.2 ms in this pass (C microbenchmark).
// Written by hand: no library classifies bytes into several classes at once. Without
// VBMI a table loop gives the same masks (the engine then builds its masks one by one
// with the AVX2 kernel instead, which is faster there).
#include "trawl_kernels.h"

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
#endif

int trawl_fused_class_masks_fast(void) {
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx512bw");
#else
    return 0;
#endif
}

void trawl_fused_class_masks(const uint8_t *data, size_t n, const uint8_t table[256], unsigned count,
                             uint64_t *const *out) {
    if (count > 8) count = 8;
#if defined(__x86_64__)
    if (trawl_fused_class_masks_fast()) {
        fused_vbmi(data, n, table, count, out);
        return;
    }
#endif
    fused_portable(data, n, table, count, out);
}
