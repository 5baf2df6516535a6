// Candidate windows: where a detector's regex can match at all, found without PCRE2.
//
// A detector file may declare `prefilter:` with a `window` byte class that every byte
// of every match belongs to, and necessary conditions on the maximal run of window
// bytes holding a match: an `anchors` literal it contains, at least `minDigits`
// digits, at least `minLength` bytes, one of the `triggers` shapes (RunTrigger). Every
// run this type hands out (window runs, anchored runs) meets all of them, the trigger
// included; a run shared by a window class meets the class's bounds, and each detector
// checks its own (`qualifies(length:digits:)`, then `triggered`). The engine then
// runs PCRE2 only inside those runs, giving PCRE2 the whole buffer (so look-behinds and
// `\b` see the real neighbours) with the subject ending `lookaheadMargin` bytes past the
// run (or, with `lookaheadToEnd`, at the buffer's end: a PEM header's look-ahead reads
// the lines after it, however long). The reported matches are exactly those of the
// plain pass when the declaration holds; the differential tests check that on the
// catalogue examples and the corpora.

#if canImport(Glibc)
import CTrawlKernels
import Glibc
#endif

public struct PrefilterSpec: Sendable, Equatable {
    /// The window class as written, e.g. `0-9 -`.
    public var window: String
    public var anchors: [String]
    /// Anchors match in any ASCII case (for (?i) patterns).
    public var anchorsCaseless: Bool
    public var minDigits: Int
    public var minLength: Int
    /// Shapes one of which a run must contain (RunTrigger); empty: no such condition.
    public var triggers: [String]
    /// The regex's look-aheads may read past the run to the buffer's end, not only
    /// `Prefilter.lookaheadMargin` bytes.
    public var lookaheadToEnd: Bool

    public init(window: String, anchors: [String] = [], anchorsCaseless: Bool = false,
                minDigits: Int = 0, minLength: Int = 1, triggers: [String] = [], lookaheadToEnd: Bool = false) {
        self.window = window
        self.anchors = anchors
        self.anchorsCaseless = anchorsCaseless
        self.minDigits = minDigits
        self.minLength = minLength
        self.triggers = triggers
        self.lookaheadToEnd = lookaheadToEnd
    }
}

/// A set of bytes, parsed from class syntax without brackets: single characters,
/// ranges `a-z`, escapes `\-` `\\` `\]` `\t` `\n` `\r` and `\xHH`. A '-' first or last
/// is literal.
public struct ByteClass: Sendable, Equatable {
    public private(set) var members = [Bool](repeating: false, count: 256)

    public init(parsing text: String) throws(ConfigurationError) {
        let bytes = Array(text.utf8)
        var items: [UInt8] = []          // resolved single bytes, with range markers
        var isRangeDash: [Bool] = []
        var i = 0
        func fail(_ why: String) -> ConfigurationError {
            ConfigurationError(file: "", line: nil, field: "prefilter.window", message: why)
        }
        while i < bytes.count {
            var b = bytes[i]
            var literal = false
            if b == UInt8(ascii: "\\") {
                guard i + 1 < bytes.count else { throw fail("ends with a lone backslash") }
                i += 1
                literal = true
                switch bytes[i] {
                case UInt8(ascii: "t"): b = 9
                case UInt8(ascii: "n"): b = 10
                case UInt8(ascii: "r"): b = 13
                case UInt8(ascii: "x"):
                    guard i + 2 < bytes.count, let v = UInt8(String(decoding: bytes[i + 1...i + 2], as: UTF8.self), radix: 16)
                    else { throw fail("\\x needs two hex digits") }
                    b = v
                    i += 2
                default: b = bytes[i]
                }
            }
            if b >= 0x80 && !literal { throw fail("write bytes above 0x7F as \\xHH") }
            items.append(b)
            isRangeDash.append(!literal && b == UInt8(ascii: "-"))
            i += 1
        }
        var j = 0
        while j < items.count {
            if j + 2 < items.count && isRangeDash[j + 1] && !isRangeDash[j] {
                let lo = items[j], hi = items[j + 2]
                guard lo <= hi else { throw fail("range \(lo)-\(hi) is reversed") }
                for v in lo...hi { members[Int(v)] = true }
                j += 3
            } else {
                members[Int(items[j])] = true
                j += 1
            }
        }
        guard members.contains(true) else { throw fail("is empty") }
    }

    public func contains(_ b: UInt8) -> Bool { members[Int(b)] }

    /// The class as inclusive byte ranges.
    public var ranges: [ClosedRange<UInt8>] { Self.ranges(of: members) }

    /// A set of bytes (256 flags) as inclusive byte ranges.
    static func ranges(of members: [Bool]) -> [ClosedRange<UInt8>] {
        var out: [ClosedRange<UInt8>] = []
        var b = 0
        while b < 256 {
            guard members[b] else { b += 1; continue }
            var e = b
            while e + 1 < 256 && members[e + 1] { e += 1 }
            out.append(UInt8(b)...UInt8(e))
            b = e + 1
        }
        return out
    }
}

/// A compiled prefilter: the window class (as an index into the set's shared classes,
/// so detectors with the same window share one mask per chunk) and the run conditions.
final class Prefilter: Sendable {
    /// Bytes a lookahead after a match may still inspect past the run.
    static let lookaheadMargin = 16

    let window: [Bool]
    /// Index of the window class in DetectorSet.windowClasses.
    let windowClass: Int
    let anchors: [[UInt8]]
    let anchorsCaseless: Bool
    let minDigits: Int
    let minLength: Int
    /// Shapes one of which a run must contain before PCRE2 sees it; nil: none declared.
    let trigger: RunTrigger?
    /// The trigger as masks (TriggerShape), when its shape allows and runs are walked.
    let shape: TriggerShape?
    let lookaheadToEnd: Bool

    /// `cls` is `spec.window` parsed; `classIndex` gives (adding it when new) a class's
    /// index among the set's mask classes: the window's, and a trigger's.
    init(_ spec: PrefilterSpec, window cls: ByteClass,
         classIndex: ([ClosedRange<UInt8>]) -> Int) throws(ConfigurationError) {
        window = cls.members
        windowClass = classIndex(cls.ranges)
        anchorsCaseless = spec.anchorsCaseless
        anchors = spec.anchors.map { Array($0.utf8).map { spec.anchorsCaseless ? ASCII.lower($0) : $0 } }
        minDigits = spec.minDigits
        minLength = spec.minLength
        trigger = spec.triggers.isEmpty ? nil : try RunTrigger(spec.triggers)
        // (Runs around anchors are grown byte by byte, never walked: no shape for them.)
        shape = spec.anchors.isEmpty
            ? trigger.flatMap { TriggerShape($0, window: cls.members, classIndex: classIndex) } : nil
        lookaheadToEnd = spec.lookaheadToEnd
    }

    /// The runs around each anchor in `s` at or after `from`, the anchors searched here
    /// (memchr on their first byte): for anchors the AnchorIndex does not hold (shorter
    /// than three bytes).
    func forEachSearchedAnchorRun(in s: UnsafeRawBufferPointer, from: Int, until: Int, _ body: (Int, Int) -> Void) {
        window.withUnsafeBufferPointer { win in
            scanAnchors(s, win, from: from, until: until, body)
        }
    }

    /// The runs around anchors the set's AnchorIndex found: `hits`
    /// are their positions in `s`, in order. The same runs as the memchr search: those
    /// around each anchor at or after `from`.
    @inline(__always)
    func forEachAnchoredRun(in s: UnsafeRawBufferPointer, hits: [Int], from: Int, until: Int,
                            _ body: (Int, Int) -> Void) {
        var lo = 0, hi = hits.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if hits[mid] < from { lo = mid + 1 } else { hi = mid }
        }
        var k = lo
        window.withUnsafeBufferPointer { win in
            anchorRuns(s, win, from: from, until: until, nextHit: { pos in
                while k < hits.count && hits[k] < pos { k += 1 }
                return k < hits.count ? hits[k] : -1
            }, body)
        }
    }

    private func qualifies(_ s: UnsafeRawBufferPointer, _ rs: Int, _ re: Int) -> Bool {
        if re - rs < minLength { return false }
        var digits = 0
        var i = rs
        while i < re && digits < minDigits {
            if s[i] &- 48 < 10 { digits += 1 }
            i += 1
        }
        return digits >= minDigits && triggered(s, rs, re)
    }

    /// Whether s[rs..<re] holds the trigger (true without one).
    @inline(__always)
    func triggered(_ s: UnsafeRawBufferPointer, _ rs: Int, _ re: Int) -> Bool {
        trigger?.occurs(in: s, rs, re) ?? true
    }

    /// The shortest range whose run ends `walkDigitRuns` finds all at once.
    static let wholeRangeEnds = 2048

    /// Whether this prefilter picks runs by length and digit count only (no anchors):
    /// the kind whose runs detectors sharing a window class can share.
    var picksRunsByDigits: Bool { anchors.isEmpty && minDigits > 0 }

    /// Whether a run found by `walkDigitRuns` with looser bounds meets this prefilter's
    /// length and digit count (its trigger is `triggered`).
    @inline(__always)
    func qualifies(length: Int, digits: Int) -> Bool {
        length >= max(minLength, minDigits) && digits >= minDigits
    }

    /// Calls `body(runStart, runEnd)` for each qualifying run that overlaps
    /// [from, until), in order, for a prefilter without anchors. Runs may extend before
    /// `from` and past `until`. `mask` is this prefilter's window class over `text`,
    /// `digits` the digit class. A run without the prefilter's trigger is dropped inside
    /// the walk: on logs most digit runs are, and the check costs less than the call to
    /// `body`.
    /// `triggerChecks` counts the runs whose bytes were read for the trigger; `runEnds` is
    /// room for the walk's run ends over a long range (`walkDigitRuns`).
    func forEachWindowRun(in text: UnsafeRawBufferPointer, mask: ByteClassMask, digits: ByteClassMask,
                          from: Int, until: Int, triggerChecks: UnsafeMutablePointer<Int>? = nil,
                          runEnds: TriggerShape.Scratch? = nil, _ body: (Int, Int) -> Void) {
        if minDigits > 0 {
            Prefilter.walkDigitRuns(mask, digits, from: from, until: until, minDigits: minDigits,
                                    shortest: max(minLength, minDigits), trigger: trigger, in: text,
                                    triggerChecks: triggerChecks, runEnds: runEnds) { rs, re, _ in
                body(rs, re)
            }
            return
        }
        var i = mask.nextSet(from)
        while i < until {
            // A run that began before `from` counts from its true start.
            let rs = i == from ? mask.runStart(endingAt: i) : i
            let re = mask.nextClear(i)
            if re - rs >= minLength {
                triggerChecks?.pointee += 1
                if triggered(text, rs, re) { body(rs, re) }
            }
            i = mask.nextSet(re)
        }
    }

    /// Calls `body(runStart, runEnd, digitCount)` for each run of `mask` overlapping
    /// [from, until) that is at least `shortest` long, holds at least `minDigits` digits
    /// and, given a `trigger`, holds it in `text` (checked before the call: a closure
    /// call retains what the closure holds). `triggerChecks` counts the runs whose bytes
    /// were read for the trigger. `runEnds`: room for the run ends of a long range where
    /// digits are dense, found for the whole range at once (see below).
    static func walkDigitRuns(_ mask: ByteClassMask, _ digits: ByteClassMask, from: Int, until: Int,
                              minDigits: Int, shortest: Int, trigger: RunTrigger? = nil,
                              in text: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0),
                              triggerChecks: UnsafeMutablePointer<Int>? = nil, runEnds: TriggerShape.Scratch? = nil,
                              within cover: ByteClassMask? = nil, _ body: (Int, Int, Int) -> Void) {
        /// Whether the run holds the trigger, counted.
        @inline(__always) func holdsTrigger(_ rs: Int, _ re: Int) -> Bool {
            guard let trigger else { return true }
            triggerChecks?.pointee += 1
            return trigger.occurs(in: text, rs, re)
        }
        // One range, or each run of `cover`'s set bits within [from, until) in turn (the
        // regions near keywords: one call for all of them, not one each).
        @inline(__always) func walk(_ from: Int, _ until: Int) {
            // Where digits are sparse (prose: about one per 400 bytes), visiting each digit's
            // run beats testing every word; where they are dense (logs, CSV: 15-25 per 64
            // bytes), the shifted masks skip the many short runs. Both find the same runs.
            // (With a summary, the whole buffer's density decides: counting the range would
            // read every word of it again, for each detector.)
            let sparse = until - from < 64 || (digits.summarized ? digits.memberCount * 32 < digits.count
                : digits.population(from, min(until, digits.count)) * 32 < until - from)
            if shortest >= 2 && shortest <= 64 && !sparse {
                // Only runs of at least `shortest` window bytes can qualify: find their ends
                // with shifted masks instead of visiting every digit run. A run starting
                // before `until` has its first end by `until + shortest - 2`: no word after
                // that one is read (the walk went on to the next long run, on CSV often the
                // buffer's end, for each region near a keyword of a bank account's detector).
                // Over a long range (a whole buffer) the ends of all its words come at once,
                // by the C kernel's passes over the mask (a few instructions a word, where a
                // word's own shifts take about 60), from the word before the range's first
                // (an end in the first reads bytes of it).
                let firstWord = from >> 6, lastWord = min((mask.count - 1) >> 6, (until + shortest - 2) >> 6)
                var ends: UnsafeMutablePointer<UInt64>?
                if let runEnds, until - from >= Self.wholeRangeEnds {
                    let start = max(0, firstWord - 1)
                    let out = runEnds.prepare(words: lastWord + 1 - start)
                    trawl_shape_term(mask.words + start, lastWord + 1 - start, UInt32(shortest), 0, 0, 1,
                                     runEnds.erosion, out)
                    ends = out - start
                }
                func visit(_ rs: Int, _ re: Int) -> Bool {
                    if rs >= until { return false }
                    let count = digits.population(rs, re)
                    if count >= minDigits && holdsTrigger(rs, re) { body(rs, re, count) }
                    return true
                }
                if let ends {
                    mask.forEachRun(holdingBitsOf: ends, from: from, toWord: lastWord, visit)
                } else {
                    mask.forEachRun(holdingBitsFrom: from, toWord: lastWord,
                                    { mask.runEnds(word: $0, atLeast: shortest) }, visit)
                }
                return
            }
            // Walk the digits rather than the window: runs without a digit (spaces between
            // words, letter runs) are never visited.
            // A run that starts before `until` may hold its digits past it: look as far as the
            // end of the run that `until` falls in.
            let limit = until < mask.count ? mask.nextClear(until) : until
            let summarized = digits.summarized
            @inline(__always) func nextDigit(_ p: Int) -> Int {
                summarized ? digits.nextSetSummarized(p, before: limit) : digits.nextSet(p, before: limit)
            }
            var p = nextDigit(from)
            while p < limit {
                let rs = mask.runStart(endingAt: p)
                if rs >= until { return }
                let re = mask.nextClear(p)
                if re - rs >= shortest {
                    let count = digits.population(rs, re)
                    if count >= minDigits && holdsTrigger(rs, re) { body(rs, re, count) }
                }
                p = nextDigit(re)
            }
        }
        guard let cover else { return walk(from, until) }
        var lo = cover.nextSet(from)
        while lo < until {
            let hi = min(until, cover.nextClear(lo))
            walk(lo, hi)
            lo = cover.nextSet(hi)
        }
    }

    private func scanAnchors(_ s: UnsafeRawBufferPointer, _ win: UnsafeBufferPointer<Bool>, from: Int, until: Int,
                             _ body: (Int, Int) -> Void) {
        // Next known position of each anchor at or after `pos` (-2: not searched yet).
        var next = [Int](repeating: -2, count: anchors.count)
        anchorRuns(s, win, from: from, until: until, nextHit: { pos in
            // The nearest anchor at or after pos (a run starting before `until` may hold
            // its anchor after `until`, so search to the buffer's end).
            var hit = -1
            for (k, a) in anchors.enumerated() {
                if next[k] == -2 || (next[k] >= 0 && next[k] < pos) {
                    next[k] = anchorsCaseless ? Prefilter.findCaseless(a, in: s, from: pos)
                                              : Prefilter.find(a, in: s, from: pos)
                }
                if next[k] >= 0 && (hit < 0 || next[k] < hit) { hit = next[k] }
            }
            return hit
        }, body)
    }

    /// The qualifying runs of the window around each anchor occurrence; `nextHit(pos)` is
    /// the first occurrence at or after `pos` (-1: none).
    @inline(__always)
    private func anchorRuns(_ s: UnsafeRawBufferPointer, _ win: UnsafeBufferPointer<Bool>, from: Int, until: Int,
                            nextHit: (Int) -> Int, _ body: (Int, Int) -> Void) {
        let n = s.count
        var lastRunEnd = -1
        var pos = from
        while pos < until {
            let hit = nextHit(pos)
            if hit < 0 { return }
            var rs = hit
            while rs > 0 && win[Int(s[rs - 1])] { rs -= 1 }
            var re = hit
            while re < n && win[Int(s[re])] { re += 1 }
            if rs >= until { return }
            if re > lastRunEnd && re > from && qualifies(s, rs, re) {
                body(rs, re)
                lastRunEnd = re
            }
            pos = max(re, hit + 1)
        }
    }

    /// First position of `needle` in `s` at or after `from`, or -1 (memchr on its first byte).
    static func find(_ needle: [UInt8], in s: UnsafeRawBufferPointer, from: Int, limit: Int? = nil,
                     caseless: Bool = false) -> Int {
        guard let base = s.baseAddress, let first = needle.first else { return -1 }
        var pos = from
        let n = s.count
        let end = min(limit ?? Int.max, n - needle.count + 1)
        while pos < end {
            guard let hit = memchr(base + pos, Int32(first), end - pos) else { return -1 }
            let at = base.distance(to: UnsafeRawPointer(hit))
            var j = 1
            while j < needle.count && (caseless ? ASCII.lower(s[at + j]) : s[at + j]) == needle[j] { j += 1 }
            if j == needle.count { return at }
            pos = at + 1
        }
        return -1
    }

    /// First position of `byte` in s[from..<limit], or -1.
    @inline(__always)
    static func findByte(_ byte: UInt8, in s: UnsafeRawBufferPointer, from: Int, limit: Int) -> Int {
        guard let base = s.baseAddress, from < limit,
              let hit = memchr(base + from, Int32(byte), limit - from) else { return -1 }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    /// `find` in any ASCII case; `needle` is lower-case. Searches the first byte's two
    /// cases with memchr.
    static func findCaseless(_ needle: [UInt8], in s: UnsafeRawBufferPointer, from: Int) -> Int {
        guard let first = needle.first else { return -1 }
        let upper = first >= 97 && first <= 122 ? first - 32 : first
        if upper == first { return find(needle, in: s, from: from, caseless: true) }
        var pos = from
        let n = s.count
        while pos + needle.count <= n {
            let a = findByte(first, in: s, from: pos, limit: n - needle.count + 1)
            let b = findByte(upper, in: s, from: pos, limit: a < 0 ? n - needle.count + 1 : a)
            let at = b >= 0 ? b : a
            if at < 0 { return -1 }
            var j = 1
            while j < needle.count && ASCII.lower(s[at + j]) == needle[j] { j += 1 }
            if j == needle.count { return at }
            pos = at + 1
        }
        return -1
    }
}

extension UnsafeRawBufferPointer {
    /// Whether `bytes` occur at `at` (wholly inside the buffer).
    @inline(__always)
    func holds(_ bytes: [UInt8], at: Int) -> Bool {
        guard at >= 0, at + bytes.count <= count else { return false }
        var j = 0
        while j < bytes.count && self[at + j] == bytes[j] { j += 1 }
        return j == bytes.count
    }
}
