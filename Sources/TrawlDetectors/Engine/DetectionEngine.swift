// Runs every detector of a DetectorSet over text, one worker's instance per thread.
//
// The API is chunk-oriented so streaming callers need no overlap bookkeeping of their
// own: the caller hands a buffer of decoded UTF-8 whose first byte sits at absolute
// offset `base`, says from where matches are searched (`from`; bytes before it are
// look-behind context for `\b`, look-behinds and keywords) and before where they must
// start (`until`; bytes after it are look-ahead context). Each detector remembers where
// its last match ended, so successive chunks report exactly the matches of one pass
// over the whole text: a value straddling two chunks is found once.
//
// This is the straightforward engine: each detector's PCRE2 pattern runs over the
// searched range. It is also the reference the faster prefilter engine is tested against.

public struct Match: Sendable, Equatable {
    /// Index into `DetectorSet.types`.
    public var typeIndex: Int
    /// Absolute byte offsets of the value in the object's decoded text.
    public var start: Int
    public var end: Int

    public init(typeIndex: Int, start: Int, end: Int) {
        self.typeIndex = typeIndex
        self.start = start
        self.end = end
    }
}

public final class DetectionEngine {
    public let set: DetectorSet
    private let matcher: PCRE2Matcher
    /// Absolute offset where each detector's next search may start.
    private var resume: [Int]
    /// Searches abandoned because a PCRE2 match or depth limit was hit, since `reset()`.
    public private(set) var limitHits = 0

    public init(_ set: DetectorSet, matchLimit: UInt32 = 1_000_000, depthLimit: UInt32 = 10_000) {
        self.set = set
        self.matcher = PCRE2Matcher(matchLimit: matchLimit, depthLimit: depthLimit)
        self.resume = Array(repeating: 0, count: set.detectors.count)
    }

    /// Start a new text (a new object or member).
    public func reset() {
        for i in resume.indices { resume[i] = 0 }
        limitHits = 0
    }

    /// Append to `matches` every match that starts in [from, until) (absolute offsets).
    /// Matches are appended per detector, in start order within a detector.
    public func scan(_ text: UnsafeRawBufferPointer, base: Int, from: Int, until: Int,
                     into matches: inout [Match]) {
        let untilRel = min(until - base, text.count)
        for d in set.detectors.indices {
            let detector = set.detectors[d]
            var pos = max(from, resume[d]) - base
            while pos < untilRel {
                switch matcher.firstMatch(detector.pattern, in: text, from: pos, length: text.count) {
                case .noMatch:
                    pos = untilRel
                case .limitExceeded:
                    limitHits += 1
                    pos += 1
                    while pos < untilRel && text[pos] & 0xC0 == 0x80 { pos += 1 }
                case .match(let r):
                    if r.lowerBound >= untilRel {
                        pos = untilRel
                        break
                    }
                    if let t = classify(detector, text, r.lowerBound, r.upperBound) {
                        matches.append(Match(typeIndex: t, start: base + r.lowerBound, end: base + r.upperBound))
                    }
                    pos = r.isEmpty ? r.upperBound + 1 : r.upperBound
                    resume[d] = base + pos
                }
            }
            resume[d] = max(resume[d], base + untilRel)
        }
    }

    /// The reported type of a regex match, or nil when a check drops it.
    @inline(__always)
    func classify(_ d: CompiledDetector, _ s: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int? {
        if ValueFilters.isAllZero(s, start, end) { return nil }
        if !d.denyList.isEmpty && d.denyList.contains(s, start, end) { return nil }
        if !d.ignoreWords.isEmpty && ValueFilters.containsAny(d.ignoreWords, s, start, end) { return nil }
        var type = d.typeIndex
        if let table = d.typeTable {
            let row: Int? = table.resolve(UnsafeRawBufferPointer(rebasing: s[start..<end]))
            guard let row, d.tableTypeIndices[row] >= 0 else { return nil }
            type = d.tableTypeIndices[row]
        } else if let v = d.validator {
            if !v(UnsafeRawBufferPointer(rebasing: s[start..<end])) { return nil }
        }
        if d.keywordRequired {
            let near = d.keywords.hasKeyword(in: s, valueStart: start, valueEnd: end,
                                             maxChars: d.maximumMatchDistance)
            if !near { return d.variantTypeIndex >= 0 ? d.variantTypeIndex : nil }
            if !d.reportsBase { return nil }
        }
        return type >= 0 ? type : nil
    }

    /// Convenience for tests and tools: every match in a whole text.
    public func matches(in text: String) -> [Match] {
        reset()
        var out: [Match] = []
        var t = text
        t.withUTF8 { buf in
            let raw = UnsafeRawBufferPointer(buf)
            scan(raw, base: 0, from: 0, until: raw.count, into: &out)
        }
        return out
    }
}
