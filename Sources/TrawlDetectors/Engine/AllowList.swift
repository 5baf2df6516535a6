// Allow lists (Macie's CreateAllowList): values that are never reported, by any managed
// or custom identifier. A text list matches a detected value exactly, whole and
// case-insensitively; a regex list matches when the regex matches the whole value.
// Checked only for a value that every other rule already kept, so it costs nothing on
// text without detections.

public final class AllowList: Sendable {
    /// The text lists' entries, lower-cased, by the FNV-1a hash of their bytes: an ASCII
    /// value is looked up without an allocation.
    private let exact: [UInt64: [[UInt8]]]
    /// The longest entry in bytes: a longer value cannot be on a text list.
    private let longest: Int
    /// The regex lists, anchored at both ends of the value.
    private let patterns: [PCRE2Pattern]

    public var isEmpty: Bool { exact.isEmpty && patterns.isEmpty }

    @inline(__always)
    private static func lowerASCII(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b | 0x20 : b }

    private static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0100_0000_01b3 }
        return h
    }

    public init(_ specs: [ScanConfiguration.AllowListSpec]) throws(PCRE2CompileError) {
        var exact: [UInt64: [[UInt8]]] = [:]
        var longest = 0
        var patterns: [PCRE2Pattern] = []
        for spec in specs {
            for v in spec.values ?? [] {
                let folded = Array(v.lowercased().utf8)
                exact[Self.hash(folded), default: []].append(folded)
                longest = max(longest, folded.count)
            }
            if let regex = spec.regex { patterns.append(try PCRE2Pattern("\\A(?:" + regex + ")\\z")) }
        }
        self.exact = exact
        self.longest = longest
        self.patterns = patterns
    }

    /// Whether `value` is allowed (so not reported).
    func allows(_ value: UnsafeRawBufferPointer, matcher: PCRE2Matcher) -> Bool {
        if !exact.isEmpty && value.count <= longest {
            if value.allSatisfy({ $0 < 0x80 }) {
                // ASCII: fold while hashing and comparing, no allocation.
                let folded = value.lazy.map(Self.lowerASCII)
                if let bucket = exact[Self.hash(folded)], bucket.contains(where: { $0.elementsEqual(folded) }) {
                    return true
                }
            } else {
                let folded = Array(String(decoding: value, as: UTF8.self).lowercased().utf8)
                if exact[Self.hash(folded)]?.contains(folded) == true { return true }
            }
        }
        for p in patterns {
            if case .match = matcher.firstMatch(p, in: value, from: 0, length: value.count) { return true }
        }
        return false
    }
}
