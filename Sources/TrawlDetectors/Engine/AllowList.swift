// Allow lists (Macie's CreateAllowList): values that are never reported, by any managed
// or custom identifier. A text list matches a detected value exactly, whole and
// case-insensitively; a regex list matches when the regex matches the whole value.
// Checked only for a value that every other rule already kept, so it costs nothing on
// text without detections.

public final class AllowList: Sendable {
    /// The text lists' entries, lower-cased.
    private let exact: Set<[UInt8]>
    /// The regex lists, anchored at both ends of the value.
    private let patterns: [PCRE2Pattern]

    public var isEmpty: Bool { exact.isEmpty && patterns.isEmpty }

    public init(_ specs: [ScanConfiguration.AllowListSpec]) throws(PCRE2CompileError) {
        var exact = Set<[UInt8]>()
        var patterns: [PCRE2Pattern] = []
        for spec in specs {
            for v in spec.values ?? [] { exact.insert(Array(v.lowercased().utf8)) }
            if let regex = spec.regex { patterns.append(try PCRE2Pattern("\\A(?:" + regex + ")\\z")) }
        }
        self.exact = exact
        self.patterns = patterns
    }

    /// Whether `value` is allowed (so not reported).
    func allows(_ value: UnsafeRawBufferPointer, matcher: PCRE2Matcher) -> Bool {
        if !exact.isEmpty && exact.contains(Array(String(decoding: value, as: UTF8.self).lowercased().utf8)) {
            return true
        }
        for p in patterns {
            if case .match = matcher.firstMatch(p, in: value, from: 0, length: value.count) { return true }
        }
        return false
    }
}
