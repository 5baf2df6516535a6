// Where a keyword can matter in a buffer, so the keyword pass looks only there.
//
// A keyword-gated detector runs its regex only in the qualifying runs of its window
// class that reach into a region near one of its keywords: a keyword with no such run
// within reach changes nothing. Every keyword-gated window needs a digit in its run
// (`minDigits`) or a long run (`minLength`), and on prose those runs are rare (a few
// digits per KiB), while word starts, which the keyword pass visits, are one byte in
// six. So on a buffer with few digits the engine first marks the bytes from which a
// keyword could reach such a run, and the keyword pass looks only at word starts there
// (on the mixed corpus's prose, under a fifth of the text).
//
// The runs are found in the masks of a few unions of the owners' window classes: a run
// of a detector's class lies inside a run of any class holding it, with its digit or its
// length, so the marks cover every run any owner could qualify, and each owner gets the
// same regions near its qualifying runs as from a pass over every word start. Classes
// with most lower-case letters (a date's window with spaces spans a whole sentence) are
// kept apart from the others, so they do not widen the runs of the narrow ones.

import CTrawlKernels

struct KeywordZones: Sendable {
    /// A union of window classes and what makes one of its runs worth marking.
    struct Group: Sendable {
        let ranges: [ClosedRange<UInt8>]
        /// nil: the run holds a digit; else: it is at least this long (at most 64).
        let minLength: Int?
    }

    let groups: [Group]
    /// How far before a run's start, and after its end, a keyword's start may lie with
    /// its region still reaching into the run (bytes).
    let before: Int
    let after: Int

    /// Whether zones cover an owner with these run bounds. One that takes short runs
    /// without a digit could use a keyword almost anywhere in prose: its keywords are
    /// looked for everywhere (KeywordIndex's unzoned filters), and it has no zone.
    static func covers(minDigits: Int, minLength: Int) -> Bool {
        // (A bound below 8 would mark most words of prose: no gain, only the cost.)
        minDigits >= 1 || minLength >= 8
    }

    /// The zones of the keyword owners they cover (`covers`): each one's window class and
    /// run bounds, and its keyword distance in characters; `longestKeyword` in bytes. nil
    /// without such owners.
    init?(owners: [(window: [Bool], minDigits: Int, minLength: Int, distance: Int)], longestKeyword: Int) {
        guard !owners.isEmpty else { return nil }
        // Kinds, each with its union of classes and, when bound by length, the shortest
        // bound. A class with most lower-case letters has runs of words, or with a space
        // whole sentences; one without has short runs in prose. Their unions are kept
        // apart: one class of each in a union would make every sentence a run. (The
        // length bound of an upper-case passport number, 9, on a union with lower-case
        // letters would mark every long word.)
        let kinds = 5
        var unions = [[Bool]](repeating: [Bool](repeating: false, count: 256), count: kinds)
        var used = [Bool](repeating: false, count: kinds)
        var shortest = [Int](repeating: 64, count: kinds)
        var distance = 0
        for o in owners {
            precondition(Self.covers(minDigits: o.minDigits, minLength: o.minLength), "an owner zones do not cover")
            let byDigits = o.minDigits >= 1
            let letters = (UInt8(ascii: "a")...UInt8(ascii: "z")).filter { o.window[Int($0)] }.count >= 20
            let spaces = o.window[0x20] || o.window[0x09]
            let kind = byDigits ? (letters ? (spaces ? 0 : 1) : 2) : (letters ? 3 : 4)
            used[kind] = true
            for b in 0..<256 where o.window[b] { unions[kind][b] = true }
            if !byDigits { shortest[kind] = min(shortest[kind], o.minLength) }
            distance = max(distance, o.distance)
        }
        groups = (0..<kinds).filter { used[$0] }.map { kind in
            Group(ranges: ByteClass.ranges(of: unions[kind]), minLength: kind >= 3 ? shortest[kind] : nil)
        }
        // A region runs from `distance` characters before the keyword to `distance` after
        // its end, plus a byte on each side (DetectionEngine.findKeywordRegions); a
        // character is at most four bytes.
        let reach = 4 * (distance + 1) + 1
        before = longestKeyword + reach
        after = reach
    }

    /// A buffer takes zones when at most one in this many of its 64-byte words holds a
    /// digit: on logs and CSV nearly all do, and marking would only add its cost.
    static let digitWordsShare = 4

    /// Marks in `zone` every byte from which a keyword could reach a run of some group
    /// that qualifies; `masks` are the groups' masks (built here, unless the engine built
    /// them for buffer `generation` already), `digits` the buffer's
    /// (summarized here unless it is already), `scratch` room for the erosion of the
    /// length-bound groups' masks. Returns false, marking nothing, when the buffer has
    /// digits in too many words.
    func mark(_ text: UnsafeRawBufferPointer, digits: ByteClassMask, masks: [ByteClassMask],
              scratch: TriggerShape.Scratch, into zone: ByteClassMask, generation: Int? = nil) -> Bool {
        let n = text.count, words = (n + 63) / 64
        if !digits.summarized { digits.summarize() }
        if digits.memberWords * Self.digitWordsShare > words { return false }
        zone.clear(bytes: n)
        if words == 0 { return true }
        for (g, group) in groups.enumerated() {
            let mask = masks[g]
            if let generation { mask.build(over: text, generation: generation) } else { mask.build(over: text) }
            // The runs holding a set bit of `bits` (word w's), each marked once, whole.
            var runEnd = 0
            func markRuns(_ w: Int, _ bits: UInt64) {
                var bits = bits
                if runEnd > w << 6 { bits &= runEnd >= (w + 1) << 6 ? 0 : ~0 << UInt64(runEnd & 63) }
                if bits == 0 { return }
                let first = w << 6 + bits.trailingZeroBitCount, last = w << 6 + 63 - bits.leadingZeroBitCount
                let rs = mask.runStart(endingAt: first)
                runEnd = mask.nextClear(last)
                zone.setBits(max(0, rs - before), min(n, runEnd + after))
            }
            if let length = group.minLength {
                // Erosion of the whole mask to the ends of runs of `length` (TriggerShape's
                // kernel), then the words holding one.
                _ = scratch.prepare(words: words)
                trawl_shape_term(mask.words, words, UInt32(length), 0, 0, 1, scratch.erosion, scratch.acc)
                for w in 0..<words where scratch.acc[w] != 0 { markRuns(w, scratch.acc[w]) }
            } else {
                for w in 0..<words where digits.words[w] & mask.words[w] != 0 { markRuns(w, digits.words[w] & mask.words[w]) }
            }
        }
        return true
    }
}
