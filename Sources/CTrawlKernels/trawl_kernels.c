// Byte-class bit masks: AVX2 (32 bytes per compare) with a portable fallback chosen
// once at run time, so one binary runs on any x86-64 and on other CPUs.
#include "trawl_kernels.h"
#include <string.h>

static void class_mask_portable(const uint8_t *data, size_t n, const uint8_t *lo, const uint8_t *hi,
                                int count, uint64_t *out) {
    uint8_t table[256];
    memset(table, 0, sizeof table);
    for (int k = 0; k < count; k++)
        for (int b = lo[k]; b <= hi[k]; b++) table[b] = 1;
    size_t words = (n + 63) / 64;
    for (size_t w = 0; w < words; w++) {
        uint64_t m = 0;
        size_t base = w * 64, end = base + 64 < n ? base + 64 : n;
        for (size_t i = base; i < end; i++) m |= (uint64_t)table[data[i]] << (i - base);
        out[w] = m;
    }
}

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx2")))
static inline uint32_t class32(__m256i v, const __m256i *los, const __m256i *spans, int count) {
    __m256i any = _mm256_setzero_si256();
    for (int k = 0; k < count; k++) {
        // (v - lo) <= (hi - lo), unsigned: min(v - lo, span) == v - lo.
        __m256i d = _mm256_sub_epi8(v, los[k]);
        any = _mm256_or_si256(any, _mm256_cmpeq_epi8(_mm256_min_epu8(d, spans[k]), d));
    }
    return (uint32_t)_mm256_movemask_epi8(any);
}

__attribute__((target("avx2")))
static void class_mask_avx2(const uint8_t *data, size_t n, const uint8_t *lo, const uint8_t *hi,
                            int count, uint64_t *out) {
    __m256i los[16], spans[16];
    if (count > 16) { class_mask_portable(data, n, lo, hi, count, out); return; }
    for (int k = 0; k < count; k++) {
        los[k] = _mm256_set1_epi8((char)lo[k]);
        spans[k] = _mm256_set1_epi8((char)(hi[k] - lo[k]));
    }
    size_t full = n / 64, w;
    for (w = 0; w < full; w++) {
        const uint8_t *p = data + w * 64;
        uint64_t a = class32(_mm256_loadu_si256((const __m256i *)p), los, spans, count);
        uint64_t b = class32(_mm256_loadu_si256((const __m256i *)(p + 32)), los, spans, count);
        out[w] = a | (b << 32);
    }
    if (full * 64 < n) {
        uint8_t tail[64];
        size_t rest = n - full * 64;
        memcpy(tail, data + full * 64, rest);
        memset(tail + rest, 0, 64 - rest);
        uint64_t a = class32(_mm256_loadu_si256((const __m256i *)tail), los, spans, count);
        uint64_t b = class32(_mm256_loadu_si256((const __m256i *)(tail + 32)), los, spans, count);
        uint64_t m = a | (b << 32);
        out[full] = m & ((rest == 64) ? ~0ULL : ((1ULL << rest) - 1));
    }
}
#endif

void trawl_class_mask(const uint8_t *data, size_t n, const uint8_t *lo, const uint8_t *hi,
                      int count, uint64_t *out) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2")) { class_mask_avx2(data, n, lo, hi, count, out); return; }
#endif
    class_mask_portable(data, n, lo, hi, count, out);
}
