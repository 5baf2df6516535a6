// AVX2 helpers shared by the kernels' files (not part of the module's interface): the
// nibble-table lookup of Hyperscan's and simdjson's character classifiers, and a
// movemask of the non-zero bytes.
#ifndef TRAWL_NIBBLE_AVX2_H
#define TRAWL_NIBBLE_AVX2_H
#if defined(__x86_64__)
#include <immintrin.h>

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

#endif
#endif
