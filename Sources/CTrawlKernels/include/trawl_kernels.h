// Hot byte-classification kernel of the detection engine (see ByteClassMasks.swift).
// It is C because Swift's SIMD types have no movemask: building one 64-bit mask per
// 64 bytes from vector compares is what makes the candidate-window pass fast.
#ifndef TRAWL_KERNELS_H
#define TRAWL_KERNELS_H
#include <stddef.h>
#include <stdint.h>

/// For each byte of data[0..n), set bit (i % 64) of out[i / 64] when the byte lies in
/// one of the `count` inclusive ranges [lo[k], hi[k]]. `out` holds (n + 63) / 64 words;
/// bits past n are zero. Uses AVX2 when the CPU has it, a portable loop otherwise.
void trawl_class_mask(const uint8_t *data, size_t n, const uint8_t *lo, const uint8_t *hi,
                      int count, uint64_t *out);

#endif
