// Runs a test body once per instruction-set form of the C kernels the machine has
// (AVX-512 VBMI, AVX-512BW, AVX2, portable), so a machine with AVX-512 VBMI also checks
// the forms an AVX2-only CI machine runs (trawl_limit_isa caps what the kernels pick).

import CTrawlKernels

public enum InstructionSets {
    /// The levels, widest first, with their names for failure messages.
    public static let all: [(level: Int32, name: String)] = [
        (Int32(TRAWL_ISA_VBMI), "AVX-512 VBMI"), (Int32(TRAWL_ISA_AVX512BW), "AVX-512BW"),
        (Int32(TRAWL_ISA_AVX2), "AVX2"), (Int32(TRAWL_ISA_PORTABLE), "portable"),
    ]

    /// `body(name)` under each level in turn; the widest is restored after, even when
    /// `body` throws.
    public static func forEach(_ body: (String) throws -> Void) rethrows {
        defer { trawl_limit_isa(Int32(TRAWL_ISA_VBMI)) }
        for (level, name) in all {
            trawl_limit_isa(level)
            try body(name)
        }
    }
}
