// A vector pre-filter of the keyword pass's word starts (trawl_keyword_candidates, with
// AVX-512 VBMI): the word-start filters' loads and bit tests cost about as much per word
// start as this filter costs per 64 bytes, and on logs and CSV it leaves about one word
// start in five for them (a simulation over the benchmark's text: 18% of the logs',
// 24% of the CSV's). Logs, one job: the keyword pass's scan went from 14.6% of the
// samples to 9.6% (5.96% the filters, 3.64% this one).
//
// Each byte is read as a 4-bit code: the 26 letters in 13 pairs of a frequent and a rare
// one (either case), the digits, bytes from 0x80, and everything else (spaces, '_', '-'
// and punctuation: KeywordFolding's separators and the keywords' '#', ':' and '/'). The
// keywords are split into 8 buckets by the code of their first byte; a bucket holds,
// for places (0, 1), (1, 2) and (2, 3), the pairs of codes its keywords have there. A
// word start passes when the bucket of its first code holds all three of its pairs. A
// keyword shorter than four bytes that ends with a letter or digit is followed by a
// byte that is not one (the whole-word rule: a space, punctuation, or a byte from 0x80);
// past that, any code. Folding never changes a code (a letter's cases share it, every
// separator is code 0, every byte of a two-byte character is 15), so every occurrence
// of a keyword passes. The table is laid out as trawl_kernels.h describes.

final class KeywordPairFilter {
    /// The 960-byte table the kernel reads.
    let table: UnsafeMutableBufferPointer<UInt8>

    /// Letters sharing a code: a frequent letter with a rare one, so each code's pairs
    /// stay few (chosen by hand from English letter frequencies).
    static let letterPairs = ["ez", "tq", "ax", "oj", "ik", "nv", "sy", "rw", "hf", "lg", "dp", "cb", "um"]
    static let digitCode: UInt8 = 14, highCode: UInt8 = 15, otherCode: UInt8 = 0

    /// The code of each ASCII byte.
    static let codes: [UInt8] = {
        var codes = [UInt8](repeating: otherCode, count: 128)
        for (i, pair) in letterPairs.enumerated() {
            for c in pair.utf8 {
                codes[Int(c)] = UInt8(i + 1)
                codes[Int(c) - 32] = UInt8(i + 1)
            }
        }
        for d in UInt8(ascii: "0")...UInt8(ascii: "9") { codes[Int(d)] = digitCode }
        return codes
    }()

    static func code(_ b: UInt8) -> UInt8 { b >= 0x80 ? highCode : codes[Int(b)] }

    /// `keywords`: the folded keywords that start with an ASCII letter or digit.
    init(keywords: [[UInt8]]) {
        table = .allocate(capacity: 960)
        table.initialize(repeating: 0)
        for (b, c) in Self.codes.enumerated() { table[b] = c }
        // Buckets by first code, the busiest codes first, each to the emptiest bucket.
        var perCode = [Int](repeating: 0, count: 16)
        for k in keywords { perCode[Int(Self.code(k[0]))] += 1 }
        var load = [Int](repeating: 0, count: 8)
        var bucket = [Int](repeating: 0, count: 16)
        for c in (0..<16).sorted(by: { (perCode[$0], $1) > (perCode[$1], $0) }) where perCode[c] > 0 {
            let b = load.indices.min { load[$0] < load[$1] }!
            bucket[c] = b
            load[b] += perCode[c]
            table[128 + c] = 1 << UInt8(b)
        }
        let any = Array(UInt8(0)..<16)
        for k in keywords {
            // The codes each of the first four places may hold.
            var places: [[UInt8]] = k.prefix(4).map { [Self.code($0)] }
            if places.count < 4 {
                let last = k[k.count - 1]
                places.append(last < 0x80 && ASCII.isAlnum(last) ? [Self.otherCode, Self.highCode] : any)
            }
            while places.count < 4 { places.append(any) }
            let bit = UInt8(1) << UInt8(bucket[Int(Self.code(k[0]))])
            for j in 0..<3 {
                for a in places[j] {
                    for b in places[j + 1] { table[192 + 256 * j + Int(a << 4 | b)] |= bit }
                }
            }
        }
    }

    deinit { table.deallocate() }
}
