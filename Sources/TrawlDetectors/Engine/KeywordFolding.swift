// Case folding and the whole-word rule for keywords, shared by KeywordMatcher (is a
// keyword near this value?) and KeywordIndex (where are all keywords in this buffer?).
//
// Macie matches keywords case-insensitively and as words. Folding covers ASCII and
// every character encoded in two UTF-8 bytes (U+0080-U+07FF: Latin-1, Latin
// Extended-A and -B, Greek, Cyrillic, Armenian, ...) whose lower case is one character
// of that same range, so both cases have the same byte length and a keyword compares
// position by position. The table is built from the Unicode data in Swift's standard
// library (`lowercaseMapping`), with final sigma folded to sigma. Characters of three
// or more bytes (CJK has no case) compare exactly.
//
// Word separators: a space, '_' and '-' inside a keyword are one and the same, so
// "date of birth" finds "date_of_birth" and "DATE-OF-BIRTH" (field names, as Macie
// matches a keyword word by word), and "aws_secret_access_key" finds its spaced form.
//
// Whole words: a keyword that starts (ends) with a letter or digit must not be preceded
// (followed) by one. Letters and digits here are ASCII's and the alphabetic or numeric
// two-byte characters; CJK text has no spaces between words, so it never blocks a match.

enum KeywordFolding {
    /// Folded code point of each U+0080..<U+0800, at index cp - 0x80.
    static let foldTable: [UInt16] = (0x80..<0x800).map { cp in
        guard let scalar = Unicode.Scalar(UInt32(cp)) else { return UInt16(cp) }
        if cp == 0x3C2 { return 0x3C3 }                       // final sigma
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        guard lower.count == 1, let only = lower.first, only.value >= 0x80, only.value < 0x800 else { return UInt16(cp) }
        return UInt16(only.value)
    }

    /// Whether each U+0080..<U+0800 is a letter or digit (for the whole-word rule).
    static let isWordCharacter: [Bool] = (0x80..<0x800).map { cp in
        guard let scalar = Unicode.Scalar(UInt32(cp)) else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Every two-byte code point that folds to a given one (itself included).
    static let variants: [UInt16: [UInt16]] = {
        var out: [UInt16: [UInt16]] = [:]
        for (i, folded) in foldTable.enumerated() { out[folded, default: []].append(UInt16(i + 0x80)) }
        return out
    }()

    @inline(__always) static func isLead2(_ b: UInt8) -> Bool { b >= 0xC2 && b <= 0xDF }
    /// Space, '_' and '-': one separator between a keyword's words.
    @inline(__always) static func isWordSeparator(_ b: UInt8) -> Bool { b == 0x20 || b == 0x5F || b == 0x2D }
    @inline(__always) static func isContinuation(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }
    @inline(__always) static func decode2(_ lead: UInt8, _ next: UInt8) -> Int { Int(lead & 0x1F) << 6 | Int(next & 0x3F) }
    @inline(__always) static func encode2(_ cp: UInt16) -> (UInt8, UInt8) {
        (0xC0 | UInt8(cp >> 6), 0x80 | UInt8(cp & 0x3F))
    }

    /// A keyword's bytes, folded: ASCII lower case, two-byte characters through the table.
    static func lowered(_ word: String) -> [UInt8] {
        // Most of the catalogue's keywords are ASCII: folded over the string's own bytes,
        // without decoding scalars (through the scalars, with an array per two-byte
        // character, folding the keywords was 6M instructions of start-up's 213M).
        let ascii = word.utf8.withContiguousStorageIfAvailable { bytes -> [UInt8]? in
            var any: UInt8 = 0
            for b in bytes { any |= b }
            guard any < 0x80 else { return nil }
            return [UInt8](unsafeUninitializedCapacity: bytes.count) { out, count in
                for i in 0..<bytes.count { out[i] = isWordSeparator(bytes[i]) ? 0x20 : ASCII.lower(bytes[i]) }
                count = bytes.count
            }
        }
        // (nil: the string's bytes are not contiguous, or not all ASCII.)
        if let ascii = ascii ?? nil { return ascii }
        var out: [UInt8] = []
        out.reserveCapacity(word.utf8.count)
        for scalar in word.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(isWordSeparator(UInt8(v)) ? 0x20 : ASCII.lower(UInt8(v)))
            } else if v < 0x800 {
                let (a, b) = encode2(foldTable[Int(v) - 0x80])
                out.append(a)
                out.append(b)
            } else {
                out.append(contentsOf: String(scalar).utf8)
            }
        }
        return out
    }

    /// The bytes a text occurrence of keyword `k` (folded) can start with, before ASCII
    /// lower-casing: its own first byte, or the lead bytes of every case of its first
    /// two-byte character (Greek and Cyrillic capitals have other lead bytes).
    static func firstBytes(of k: [UInt8]) -> [UInt8] {
        guard k.count >= 2, isLead2(k[0]) else { return [k[0]] }
        let cp = UInt16(decode2(k[0], k[1]))
        return Array(Set((variants[cp] ?? [cp]).map { encode2($0).0 })).sorted()
    }

    /// The (first, second) byte pairs a text occurrence of `k` can start with.
    static func leadingBytePairs(of k: [UInt8]) -> [(UInt8, UInt8)] {
        if k.count == 1 { return (0...255).map { (k[0], UInt8($0)) } }
        if k[1] == 0x20 { return [(k[0], 0x20), (k[0], 0x5F), (k[0], 0x2D)] }
        if isLead2(k[0]) {
            let cp = UInt16(decode2(k[0], k[1]))
            return (variants[cp] ?? [cp]).map { encode2($0) }
        }
        if k.count >= 3 && isLead2(k[1]) {
            let cp = UInt16(decode2(k[1], k[2]))
            return (variants[cp] ?? [cp]).map { (k[0], encode2($0).0) }
        }
        return [(k[0], k[1])]
    }

    /// Whether the character ending just before `p` is a letter or digit.
    @inline(__always)
    static func wordCharacterEnds(before p: Int, in s: UnsafeRawBufferPointer) -> Bool {
        if p == 0 { return false }
        let b = s[p - 1]
        if b < 0x80 { return ASCII.isAlnum(b) }
        guard isContinuation(b), p >= 2, isLead2(s[p - 2]) else { return false }
        return isWordCharacter[decode2(s[p - 2], b) - 0x80]
    }

    /// Whether the character starting at `p` is a letter or digit.
    @inline(__always)
    static func wordCharacterStarts(at p: Int, in s: UnsafeRawBufferPointer) -> Bool {
        if p >= s.count { return false }
        let b = s[p]
        if b < 0x80 { return ASCII.isAlnum(b) }
        guard isLead2(b), p + 1 < s.count, isContinuation(s[p + 1]) else { return false }
        return isWordCharacter[decode2(b, s[p + 1]) - 0x80]
    }

    /// The end of keyword `k` (folded) when it occurs at `p` as a whole word and ends at
    /// or before `limit`; nil otherwise.
    @inline(__always)
    static func wholeWordEnd(of k: UnsafeBufferPointer<UInt8>, at p: Int, in s: UnsafeRawBufferPointer,
                             limit: Int) -> Int? {
        let end = p + k.count
        if end > limit || k.isEmpty { return nil }
        do {
            var i = 0
            while i < k.count {
                let kb = k[i]
                if kb < 0x80 {
                    let t = s[p + i]
                    if kb == 0x20 ? !isWordSeparator(t) : ASCII.lower(t) != kb { return nil }
                    i += 1
                } else if isLead2(kb) && i + 1 < k.count {
                    let t0 = s[p + i], t1 = s[p + i + 1]
                    guard isLead2(t0), isContinuation(t1),
                          Int(foldTable[decode2(t0, t1) - 0x80]) == decode2(kb, k[i + 1]) else { return nil }
                    i += 2
                } else {
                    if s[p + i] != kb { return nil }
                    i += 1
                }
            }
            // Whole word: only a keyword edge that is a letter or digit is checked.
            let first = k[0]
            let startsWord = first < 0x80 ? ASCII.isAlnum(first)
                : (isLead2(first) && k.count > 1 && isWordCharacter[decode2(first, k[1]) - 0x80])
            if startsWord && wordCharacterEnds(before: p, in: s) { return nil }
            let last = k[k.count - 1]
            let endsWord = last < 0x80 ? ASCII.isAlnum(last)
                : (k.count >= 2 && isContinuation(last) && isLead2(k[k.count - 2])
                   && isWordCharacter[decode2(k[k.count - 2], last) - 0x80])
            if endsWord && wordCharacterStarts(at: end, in: s) { return nil }
            return end
        }
    }
}
