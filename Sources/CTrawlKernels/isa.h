// Which instruction sets the kernels' dispatchers may pick: what the CPU has, capped by
// trawl_limit_isa (tests run the AVX2, AVX-512BW and portable forms on a machine that
// has AVX-512 VBMI, so every form is checked against the same naive references).
#ifndef TRAWL_ISA_H
#define TRAWL_ISA_H

#include <stdatomic.h>

extern _Atomic int trawl_isa_limit;

static inline int isa_allows(int level) {
    return atomic_load_explicit(&trawl_isa_limit, memory_order_relaxed) >= level;
}

#if defined(__x86_64__)
static inline int isa_avx2(void) { return isa_allows(TRAWL_ISA_AVX2) && __builtin_cpu_supports("avx2"); }
static inline int isa_avx512bw(void) {
    return isa_allows(TRAWL_ISA_AVX512BW) && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
}
static inline int isa_vbmi(void) {
    return isa_allows(TRAWL_ISA_VBMI) && isa_avx512bw() && __builtin_cpu_supports("avx512vbmi");
}
#endif

#endif
