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
// A detector whose file declares a `prefilter` runs PCRE2 only inside the runs of its
// window class that meet the declared conditions (Prefilter.swift), and, when it needs
// a keyword and has no NO_KEYWORD variant, only near its keywords, or (phone numbers)
// near its keywords or where one of its country codes starts (PrefixSet). The others, and all
// of them with `usePrefilters: false`, run their pattern over the whole searched range:
// that plain pass is the reference the differential tests compare the windows against.

import Dispatch

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
    @exclusivity(unchecked) private var resume: [Int]
    /// Searches abandoned because a PCRE2 match or depth limit was hit, since `reset()`.
    @exclusivity(unchecked) public private(set) var limitHits = 0
    /// Whether detectors with a prefilter run PCRE2 only in their candidate windows.
    /// Off, every regex runs over every byte: the reference the tests compare against.
    public let usesPrefilters: Bool
    /// One mask per window class of the set, built at most once per scanned buffer.
    private let masks: [ByteClassMask]
    /// The same classes' masks (and the digits') over one keyword region at a time.
    private let regionMasks: [ByteClassMask]
    private let regionDigits = ByteClassMask(ranges: [(48, 57)])
    @exclusivity(unchecked) private var maskBuilt: [Bool]
    /// Masks for the shared keyword pass: ASCII letters and digits (word starts), and the
    /// first bytes of keywords that start otherwise.
    private let alnumMask = ByteClassMask(ranges: [(48, 57), (65, 90), (97, 122)])
    private let otherKeywordMask: ByteClassMask?
    /// The keyword zones' group masks, and the zones of this buffer (KeywordZones).
    private let zoneMasks: [ByteClassMask]
    /// Every mask this engine builds over a whole buffer (the classes', the keyword
    /// pass's, the zones'). Where one pass can build several (ByteClassMask.fusedBuildsPay),
    /// those a buffer asked for are built together at the start of the next: the texts a
    /// worker scans in a row tend to be alike.
    @exclusivity(unchecked) private var wholeBufferMasks: [ByteClassMask]
    /// The buffers `scan` has taken (the masks' generation stamps).
    @exclusivity(unchecked) private var generation = 0
    /// Room for the masks of one such pass (reused, no allocation per buffer).
    @exclusivity(unchecked) private var foreseen = ArraySlice<ByteClassMask>()
    private let zone = ByteClassMask(ranges: [])
    /// Whether the keyword pass may look only inside keyword zones. Off, it looks at
    /// every word start: the reference the tests compare the zones against.
    public var usesKeywordZones = true
    /// Buffers whose keyword pass looked only inside zones, since this engine was made.
    public private(set) var zonedBuffers = 0
    /// This worker's remembered keyword lookups (KeywordLookupCache; KeywordIndexTests
    /// compare the pass with and without one).
    private let keywordLookups = KeywordLookupCache()
    /// Per keyword-gated detector: the [start, end) regions of this buffer within reach of
    /// one of its keywords, merged, in order (buffer-relative).
    private let regions: KeywordRegions
    /// Per window class with shared run bounds: its qualifying runs in this buffer
    /// (start, end, digits), walked once on first use.
    /// Per run also which of the class's prefixes (DetectorSet.classPrefixes) start in it.
    @exclusivity(unchecked) private var sharedRuns: [[(start: Int, end: Int, digits: Int, prefixes: UInt64)]]
    @exclusivity(unchecked) private var sharedRunsBuilt: [Bool]
    /// Per window class whose sharers' keyword regions are kept per class
    /// (DetectorSet.keywordClassReach): their union in this buffer, merged, in order,
    /// with the owners' bits; and the same as one bit per byte.
    private let classRegions: KeywordRegions
    private let regionCover = ByteClassMask(ranges: [])
    /// Per window class with prefixes: where a prefix may start in this buffer.
    @exclusivity(unchecked) private var prefixStarts: [[UInt64]]
    /// Per detector whose anchors the AnchorIndex searches: their positions in this
    /// buffer, in order; and which detectors have any.
    @exclusivity(unchecked) private var anchorHits: [[Int]]
    @exclusivity(unchecked) private var anchorTouched: [Int] = []
    /// Room for the end positions of prefilters' triggers (TriggerShape).
    private let shapeScratch = TriggerShape.Scratch()
    /// Room for the run ends of a walk over a whole buffer (Prefilter.walkDigitRuns).
    private let runEndsScratch = TriggerShape.Scratch()
    /// A trigger's shape costs a few passes over each buffer's masks whatever the text;
    /// reading each long run's bytes for the trigger costs per run. On logs the shape
    /// wins (the card's and the IBAN's walks read 250-400 runs per 64 KiB: a long run of
    /// their classes on nearly every line), on prose and CSV fields the walk does (it
    /// reads none there). So a detector uses its shape for the next 15 buffers when its
    /// walk read more than `triggerShapeThreshold` runs per 64 KiB, then walks one
    /// buffer again to look. 0: always the shape (the tests of that path).
    public var triggerShapeThreshold = 128
    /// Per detector: buffers left to take with its shape (kept from object to object:
    /// a worker's texts tend to be alike).
    @exclusivity(unchecked) private var shapeBuffers: [Int]
    /// Where the AnchorIndex's anchors may start in this buffer.
    private let anchorCandidates: ByteClassMask
    /// Per detector: whether a buffer without one of its keywords (a keyword-gated
    /// detector's), or without one of its indexed anchors, holds nothing for it.
    private let skipsWithoutKeyword: [Bool]
    private let skipsWithoutAnchor: [Bool]
    /// Per detector: its keyword distance in characters (read per keyword occurrence).
    private let matchDistance: [Int]

    /// Users' regexes (custom identifiers) run under tighter PCRE2 limits and share a time
    /// budget per object: past it they stop for that object (`timeCutOff`), the managed
    /// detectors go on.
    private let userMatcher = PCRE2Matcher(matchLimit: 100_000, depthLimit: 1_000)
    public var userRegexBudget: Double = 10
    @exclusivity(unchecked) private var userRegexSpent: UInt64 = 0
    /// Whether a user's regex ran out of its time budget since `startObject()`.
    @exclusivity(unchecked) public private(set) var timeCutOff = false

    public init(_ set: DetectorSet, usePrefilters: Bool = true,
                matchLimit: UInt32 = 1_000_000, depthLimit: UInt32 = 10_000) {
        self.set = set
        self.usesPrefilters = usePrefilters
        self.masks = set.windowClasses.map { ByteClassMask(ranges: $0.map { ($0.lowerBound, $0.upperBound) }) }
        self.regionMasks = set.windowClasses.map { ByteClassMask(ranges: $0.map { ($0.lowerBound, $0.upperBound) }) }
        self.maskBuilt = Array(repeating: false, count: set.windowClasses.count)
        self.otherKeywordMask = set.keywordIndex.otherFirstBytes.isEmpty
            ? nil : ByteClassMask(ranges: set.keywordIndex.otherFirstBytes)
        self.zoneMasks = (set.keywordZones?.groups ?? []).map {
            ByteClassMask(ranges: $0.ranges.map { ($0.lowerBound, $0.upperBound) })
        }
        self.wholeBufferMasks = masks + [alnumMask] + (otherKeywordMask.map { [$0] } ?? []) + zoneMasks
        self.regions = KeywordRegions(lists: set.detectors.count)
        self.classRegions = KeywordRegions(lists: set.windowClasses.count)
        self.sharedRuns = Array(repeating: [], count: set.windowClasses.count)
        self.sharedRunsBuilt = Array(repeating: false, count: set.windowClasses.count)
        self.matcher = PCRE2Matcher(matchLimit: matchLimit, depthLimit: depthLimit)
        self.resume = Array(repeating: 0, count: set.detectors.count)
        self.anchorHits = Array(repeating: [], count: set.detectors.count)
        self.anchorCandidates = set.anchorIndex.makeCandidateMask()
        self.prefixStarts = Array(repeating: [], count: set.classPrefixes.count)
        // (Both imply a prefilter; users' regexes never take the windowed pass.)
        self.skipsWithoutKeyword = set.detectors.map { $0.gatedByKeywords && !$0.isUserRegex }
        self.skipsWithoutAnchor = set.detectors.indices.map { set.anchorIndex.indexed[$0] && !set.detectors[$0].isUserRegex }
        self.matchDistance = set.detectors.map(\.maximumMatchDistance)
        self.shapeBuffers = Array(repeating: 0, count: set.detectors.count)
    }

    /// Start a new text (a new object or member).
    public func reset() {
        for i in resume.indices { resume[i] = 0 }
        limitHits = 0
    }

    /// Start a new object: the users' regexes get their whole time budget again (`reset`
    /// starts a new text, which may be one member of the same object).
    public func startObject() {
        reset()
        userRegexSpent = 0
        timeCutOff = false
    }

    /// What each detector cost, collected only when set (`trawl detectors bench`): its
    /// candidate windows, its PCRE2 calls and its time; the rest of the engine's time is
    /// the passes the detectors share (masks, keywords).
    public final class Stats: @unchecked Sendable {
        public var windows: [Int]
        public var calls: [Int]
        public var nanoseconds: [UInt64]
        public var sharedNanoseconds: UInt64 = 0
        public var bytes: Int64 = 0
        /// Runs kept for the detectors sharing a window class's runs.
        public var sharedRuns = 0

        public init(detectors: Int) {
            windows = Array(repeating: 0, count: detectors)
            calls = Array(repeating: 0, count: detectors)
            nanoseconds = Array(repeating: 0, count: detectors)
        }
    }

    @exclusivity(unchecked) public var stats: Stats?

    /// Append to `matches` every match that starts in [from, until) (absolute offsets).
    /// Matches are appended per detector, in start order within a detector.
    public func scan(_ text: UnsafeRawBufferPointer, base: Int, from: Int, until: Int,
                     into matches: inout [Match]) {
        let untilRel = min(until - base, text.count)
        var clock = stats == nil ? 0 : DispatchTime.now().uptimeNanoseconds
        for i in maskBuilt.indices { maskBuilt[i] = false }
        for i in sharedRunsBuilt.indices { sharedRunsBuilt[i] = false }
        generation += 1
        if ByteClassMask.fusedBuildsPay && usesPrefilters { buildForeseenMasks(text) }
        if usesPrefilters {
            findKeywordRegions(text)
            findAnchors(text)
        }
        if let stats {
            let now = DispatchTime.now().uptimeNanoseconds
            stats.sharedNanoseconds += now - clock
            stats.bytes += Int64(max(0, untilRel - (from - base)))
            clock = now
        }
        for d in set.detectors.indices {
            // Most detectors have nothing to look at in a given buffer (no keyword, no
            // anchor): skip them before touching the detector itself.
            if usesPrefilters && (skipsWithoutKeyword[d] && regions.isEmpty(d)
                                  || skipsWithoutAnchor[d] && anchorHits[d].isEmpty) {
                resume[d] = max(resume[d], base + untilRel)
                continue
            }
            defer {
                if let stats {
                    let now = DispatchTime.now().uptimeNanoseconds
                    stats.nanoseconds[d] += now - clock
                    clock = now
                }
            }
            // (Not retained: the set holds its detectors for the engine's life, and both
            // workers retaining the same detector for each buffer made its count's cache
            // line travel between the cores.)
            unowned(unsafe) let detector = set.detectors[d]
            if detector.isUserRegex {
                if !timeCutOff { scanUserRegex(detector, d, text, base: base, from: from, untilRel: untilRel, into: &matches) }
            } else if usesPrefilters, detector.prefilter != nil {
                unowned(unsafe) let prefilter = detector.prefilter!
                scanWindows(detector, d, prefilter, text, base: base, from: from, untilRel: untilRel, into: &matches)
            } else {
                scanAll(detector, d, text, base: base, from: from, untilRel: untilRel, into: &matches)
            }
            resume[d] = max(resume[d], base + untilRel)
        }
    }

    /// Append every match, starting in [from, until), of the given detectors, with their
    /// keyword taken as present: the range is one structured field whose name holds the
    /// keyword (FieldNameKeywords). Each detector's regex sees the field alone (the
    /// subject ends at `until`, so no match runs into the next field); the streaming
    /// state of `scan` is left untouched.
    public func scanField(_ text: UnsafeRawBufferPointer, base: Int, from: Int, until: Int, detectors: [Int],
                          into matches: inout [Match]) {
        let untilRel = min(until - base, text.count)
        for d in detectors {
            unowned(unsafe) let detector = set.detectors[d]   // (as in `scan`)
            var pos = from - base
            while pos < untilRel {
                switch (detector.isUserRegex ? userMatcher : matcher).firstMatch(detector.pattern, in: text, from: pos,
                                                                                  length: untilRel) {
                case .noMatch:
                    pos = untilRel
                case .limitExceeded:
                    limitHits += 1
                    pos = untilRel
                case .match(let r):
                    if r.lowerBound >= untilRel { pos = untilRel; break }
                    if let t = classify(detector, text, r.lowerBound, r.upperBound, keywordPresent: true) {
                        matches.append(Match(typeIndex: t, start: base + r.lowerBound, end: base + r.upperBound))
                    }
                    pos = r.isEmpty ? r.upperBound + 1 : r.upperBound
                }
            }
        }
    }

    /// A user's regex over every byte, under its own PCRE2 limits and the time budget.
    private func scanUserRegex(_ detector: CompiledDetector, _ d: Int, _ text: UnsafeRawBufferPointer,
                               base: Int, from: Int, untilRel: Int, into matches: inout [Match]) {
        let budget = UInt64(userRegexBudget * 1e9)
        stats?.windows[d] += 1
        var pos = max(from, resume[d]) - base
        var clock = DispatchTime.now().uptimeNanoseconds
        while pos < untilRel {
            pos = step(detector, d, text, base: base, at: pos, length: text.count, runEnd: untilRel,
                       untilRel: untilRel, into: &matches, matcher: userMatcher)
            let now = DispatchTime.now().uptimeNanoseconds
            userRegexSpent += now - clock
            clock = now
            if userRegexSpent > budget {
                timeCutOff = true
                return
            }
        }
    }

    /// The plain pass: the regex over every byte of the searched range.
    private func scanAll(_ detector: CompiledDetector, _ d: Int, _ text: UnsafeRawBufferPointer,
                         base: Int, from: Int, untilRel: Int, into matches: inout [Match]) {
        stats?.windows[d] += 1
        var pos = max(from, resume[d]) - base
        while pos < untilRel {
            pos = step(detector, d, text, base: base, at: pos, length: text.count, runEnd: untilRel,
                       untilRel: untilRel, into: &matches)
        }
    }

    /// The windowed pass: the regex only inside the prefilter's qualifying runs.
    private func scanWindows(_ detector: CompiledDetector, _ d: Int, _ prefilter: Prefilter,
                             _ text: UnsafeRawBufferPointer, base: Int, from: Int, untilRel: Int,
                             into matches: inout [Match]) {
        let start = max(from, resume[d]) - base
        guard start < untilRel else { return }
        // (scan() has skipped the keyword-gated ones without a keyword in this buffer and
        // the indexed ones without an anchor.)
        let anchored = set.anchorIndex.indexed[d]
        // The window and digit masks, built (once per buffer and class) only for the
        // prefilters that pick runs from them: an anchor's run is grown byte by byte.
        func windowMasks() -> (window: ByteClassMask, digits: ByteClassMask) {
            let window = mask(prefilter.windowClass, text)
            return (window, prefilter.minDigits > 0 ? mask(set.digitClass, text) : window)
        }
        func runs(from: Int, until: Int, _ body: (Int, Int) -> Void) {
            if anchored {
                prefilter.forEachAnchoredRun(in: text, hits: anchorHits[d], from: from, until: until, body)
            } else if !prefilter.anchors.isEmpty {
                prefilter.forEachSearchedAnchorRun(in: text, from: from, until: until, body)
            } else {
                let m = windowMasks()
                windowRuns(d, prefilter, text, window: m.window, digits: m.digits, from: from, until: until, body)
            }
        }
        // (The prefilter's runs hold its trigger already; a shared run is checked for it
        // in `consider`, after the gate.)
        func visit(_ runStart: Int, _ runEnd: Int) {
            self.stats?.windows[d] += 1
            var pos = max(runStart, self.resume[d] - base)
            let length = prefilter.lookaheadToEnd ? text.count : min(text.count, runEnd + Prefilter.lookaheadMargin)
            let end = min(runEnd, untilRel)
            while pos < end {
                pos = self.step(detector, d, text, base: base, at: pos, length: length, runEnd: end,
                                untilRel: untilRel, into: &matches)
            }
        }
        // Gated by keywords (or prefixes): a run is searched when it reaches into a region
        // near a keyword, or, with prefixes, when one of them starts inside it (a match
        // starts inside its run, and one without a keyword starts with a prefix). Runs
        // come in order, so the region cursor only moves forward.
        let prefixGated = detector.gatedByKeywordsOrPrefixes
        let gated = prefixGated || detector.gatedByKeywords
        // A sharer whose regions its class keeps (`bit` != 0) looks for a region of the
        // class's holding its bit among those the run reaches.
        let bit = set.sharerBit[d]
        let near = bit == 0 ? regions.regions(d) : classRegions.regions(prefilter.windowClass)
        var region = 0
        let ownPrefixes = set.prefixMask[d]
        func nearKeyword(_ runStart: Int, _ runEnd: Int) -> Bool {
            while region < near.count && near[region].hi <= runStart { region += 1 }
            if bit == 0 { return region < near.count && near[region].lo < runEnd }
            var r = region
            while r < near.count && near[r].lo < runEnd {
                if near[r].owners & bit != 0 { return true }
                r += 1
            }
            return false
        }
        // `known`: which of the class's prefixes start in the run (PrefixSet), when the
        // run is a shared one; otherwise the detector looks for its own.
        func startsPrefix(_ runStart: Int, _ runEnd: Int, _ known: UInt64?) -> Bool {
            if let known, ownPrefixes != ~0 { return known & ownPrefixes != 0 }
            return Self.holdsPrefix(detector.keywordOptionalPrefixes, text, runStart, runEnd)
        }
        /// `known` is given for a run shared by the window class, which was found without
        /// this detector's trigger.
        func consider(_ runStart: Int, _ runEnd: Int, _ known: UInt64? = nil) {
            if gated && !nearKeyword(runStart, runEnd) && !(prefixGated && startsPrefix(runStart, runEnd, known)) {
                return
            }
            if known != nil && !prefilter.triggered(text, runStart, runEnd) { return }
            visit(runStart, runEnd)
        }
        // Keyword-gated runs of the window class: only the regions near keywords are
        // walked (a run overlapping one is found from inside it). An anchor's run is found
        // from its anchor, which may lie before the region it reaches into (a value
        // before its keyword), so anchored runs are all taken and filtered instead.
        if detector.gatedByKeywords && !anchored && prefilter.anchors.isEmpty {
            var lastRunEnd = -1
            func report(_ runStart: Int, _ runEnd: Int) {
                if runEnd <= lastRunEnd { return }
                lastRunEnd = runEnd
                visit(runStart, runEnd)
            }
            // The masks taken once for all the regions that need them (`runs` took them
            // per region: a retain and a release of each, per region, 0.4% of a scan of
            // the mixed tree).
            var m: (window: ByteClassMask, digits: ByteClassMask)?
            for r in near {
                let lo = max(start, r.lo), hi = min(untilRel, r.hi)
                if lo >= hi { continue }
                if maskBuilt[prefilter.windowClass] || !regionRuns(prefilter, text, from: lo, until: hi, report) {
                    if m == nil { m = windowMasks() }
                    windowRuns(d, prefilter, text, window: m!.window, digits: m!.digits, from: lo, until: hi, report)
                }
            }
            return
        }
        let c = prefilter.windowClass
        if prefilter.picksRunsByDigits && !detector.gatedByKeywords, let bounds = set.sharedRunBounds[c] {
            // Runs shared with the other detectors of this window class.
            if !sharedRunsBuilt[c] {
                let (window, digits) = windowMasks()
                buildSharedRuns(c, text, window: window, digits: digits, bounds: bounds)
                sharedRunsBuilt[c] = true
            }
            for (rs, re, count, prefixes) in sharedRuns[c] {
                if re <= start { continue }
                if rs >= untilRel { break }
                if prefilter.qualifies(length: re - rs, digits: count) { consider(rs, re, prefixes) }
            }
            return
        }
        runs(from: start, until: untilRel) { consider($0, $1) }
    }

    /// The qualifying runs of an unanchored prefilter's window overlapping [from, until):
    /// walked, or found by its trigger's shape while its walks read many runs
    /// (`triggerShapeThreshold`).
    private func windowRuns(_ d: Int, _ prefilter: Prefilter, _ text: UnsafeRawBufferPointer,
                            window: ByteClassMask, digits: ByteClassMask, from: Int, until: Int,
                            _ body: (Int, Int) -> Void) {
        if let shape = prefilter.shape, shapeBuffers[d] > 0 || triggerShapeThreshold == 0 {
            if shapeBuffers[d] > 0 { shapeBuffers[d] -= 1 }
            shape.forEachRun(window: window, digits: digits, mask: { mask($0, text) },
                             scratch: shapeScratch, minDigits: prefilter.minDigits,
                             shortest: max(prefilter.minLength, prefilter.minDigits), from: from, until: until, body)
            return
        }
        var checks = 0
        prefilter.forEachWindowRun(in: text, mask: window, digits: digits, from: from, until: until,
                                   triggerChecks: &checks, runEnds: runEndsScratch, body)
        if prefilter.shape != nil && checks * 65536 / max(1, until - from) > triggerShapeThreshold {
            shapeBuffers[d] = 15
        }
    }

    /// The window runs of `prefilter` overlapping [lo, hi), one region near a keyword,
    /// found with masks of that region's runs alone: on most buffers the regions are a
    /// small part of the text, and masks of the whole buffer, built only for them, were
    /// more than half of the mask building on the mixed corpus (976 of 1,697 MiB). The
    /// slice starts one byte before the first run, so a trigger still sees the byte
    /// before it. Returns false, having found nothing, when the runs reach far beyond
    /// the region (a class most bytes belong to): then the whole buffer's mask is used.
    private func regionRuns(_ prefilter: Prefilter, _ text: UnsafeRawBufferPointer, from lo: Int, until hi: Int,
                            _ body: (Int, Int) -> Void) -> Bool {
        let reach = 4 * (hi - lo) + 256
        var a = lo, b = hi
        let found = prefilter.window.withUnsafeBufferPointer { window -> Bool in
            while a > 0 && window[Int(text[a - 1])] {
                a -= 1
                if lo - a > reach { return false }
            }
            while b < text.count && window[Int(text[b])] {
                b += 1
                if b - hi > reach { return false }
            }
            return true
        }
        guard found else { return false }
        let c = max(0, a - 1)
        let slice = UnsafeRawBufferPointer(rebasing: text[c..<b])
        let window = regionMasks[prefilter.windowClass]
        window.build(over: slice)
        let digits: ByteClassMask
        if prefilter.minDigits > 0 {
            regionDigits.build(over: slice)
            digits = regionDigits
        } else {
            digits = window
        }
        prefilter.forEachWindowRun(in: slice, mask: window, digits: digits, from: lo - c, until: hi - c) { rs, re in
            body(rs + c, re + c)
        }
        return true
    }

    /// The qualifying runs of window class `c` in `text`, for the detectors sharing them,
    /// with the class's prefixes starting in each. When all of them are gated by keywords
    /// or prefixes, only the runs near one of their keywords or around a prefix are
    /// found; otherwise every run of the buffer.
    private func buildSharedRuns(_ c: Int, _ text: UnsafeRawBufferPointer, window: ByteClassMask,
                                 digits: ByteClassMask, bounds: (minDigits: Int, shortest: Int)) {
        sharedRuns[c].removeAll(keepingCapacity: true)
        let prefixes = set.classPrefixes[c]
        if !prefixes.isEmpty {
            if set.keywordIndex.isEmpty { alnumMask.build(over: text, generation: generation) }   // (else the keyword pass built it)
            prefixes.markStarts(text, alnum: alnumMask, into: &prefixStarts[c])
        }
        let takers = set.sharedRunTakers[c]
        func add(_ rs: Int, _ re: Int, _ count: Int) {
            guard takers.contains(where: { $0.qualifies(length: re - rs, digits: count) && $0.triggered(text, rs, re) })
            else { return }
            let found = prefixes.isEmpty ? 0 : prefixes.startingIn(text, rs, re, starts: prefixStarts[c])
            sharedRuns[c].append((rs, re, count, found))
            stats?.sharedRuns += 1
        }
        guard set.sharedRunsGated[c] else {
            Prefilter.walkDigitRuns(window, digits, from: 0, until: text.count, minDigits: bounds.minDigits,
                                    shortest: bounds.shortest, runEnds: runEndsScratch, add)
            return
        }
        // The runs holding a prefix start...
        var lastEnd = 0
        PrefixSet.forEachStart(prefixStarts[c]) { p in
            if p < lastEnd || p >= window.count || window.words[p >> 6] & (1 << UInt64(p & 63)) == 0
                || prefixes.startingAt(p, in: text) == 0 { return }
            let rs = window.runStart(endingAt: p), re = window.nextClear(p)
            lastEnd = re
            if re - rs < bounds.shortest { return }
            let count = digits.population(rs, re)
            if count >= bounds.minDigits { add(rs, re, count) }
        }
        // ... and those reaching into a region near one of the sharers' keywords: the
        // regions' union (kept by the keyword pass, `classRegions`) marked in a bitmap,
        // then walked region by region (on CSV the phone identifiers share a keyword on
        // most rows: thousands of regions per buffer, cheaper to mark than to sort).
        guard !classRegions.isEmpty(c) else { return }
        regionCover.clear(bytes: text.count)
        for r in classRegions.regions(c) where r.lo < r.hi { regionCover.setBits(r.lo, r.hi) }
        Prefilter.walkDigitRuns(window, digits, from: 0, until: text.count, minDigits: bounds.minDigits,
                                shortest: bounds.shortest, runEnds: runEndsScratch, within: regionCover, add)
        // In start order, each run once (a run may reach into two regions, or hold a prefix).
        sharedRuns[c].sort { $0.start < $1.start }
        var kept = 0
        for i in sharedRuns[c].indices where kept == 0 || sharedRuns[c][i].start != sharedRuns[c][kept - 1].start {
            sharedRuns[c][kept] = sharedRuns[c][i]
            kept += 1
        }
        sharedRuns[c].removeLast(sharedRuns[c].count - kept)
    }

    /// The shared anchor pass: every indexed detector's anchor positions in this buffer.
    private func findAnchors(_ text: UnsafeRawBufferPointer) {
        let index = set.anchorIndex
        if index.isEmpty { return }
        for d in anchorTouched { anchorHits[d].removeAll(keepingCapacity: true) }
        anchorTouched.removeAll(keepingCapacity: true)
        index.forEachHit(in: text, candidates: anchorCandidates) { d, at in
            if anchorHits[d].isEmpty { anchorTouched.append(d) }
            anchorHits[d].append(at)
        }
    }

    /// The shared keyword pass: every keyword-gated detector's regions near its keywords.
    private func findKeywordRegions(_ text: UnsafeRawBufferPointer) {
        let index = set.keywordIndex
        if index.isEmpty { return }
        regions.removeAll()
        classRegions.removeAll()
        alnumMask.build(over: text, generation: generation)
        otherKeywordMask?.build(over: text, generation: generation)
        let owners = set.keywordOwnRegions, ownerStart = set.keywordOwnRegionsStart
        let reach = set.keywordClassReach, reachStart = set.keywordClassReachStart
        let digits = mask(set.digitClass, text)
        var zoned: ByteClassMask?
        if usesKeywordZones, let zones = set.keywordZones,
           zones.mark(text, digits: digits, masks: zoneMasks, scratch: shapeScratch, into: zone, generation: generation) {
            zoned = zone
            zonedBuffers += 1
        }
        index.forEachOccurrence(in: text, alnum: alnumMask, digits: digits, other: otherKeywordMask,
                                zone: zoned, cache: keywordLookups) { k, kwStart, kwEnd in
            // Reach measured in characters, as the keyword check does: the region is the
            // bytes a value within `maximumMatchDistance` characters can touch. Owners
            // mostly share a distance, so it is walked once per distinct one.
            var walked = -1, lo = 0, hi = 0
            for o in ownerStart[k]..<ownerStart[k + 1] {
                let d = owners[o]
                let chars = matchDistance[d]
                if chars != walked {
                    walked = chars
                    lo = max(0, Self.back(chars, from: kwStart, in: text) - 1)
                    hi = min(text.count, Self.forward(chars, from: kwEnd, in: text) + 1)
                }
                // Occurrences come in start order, so a region only ever extends the last.
                regions.add(d, lo, hi)
            }
            for r in reachStart[k]..<reachStart[k + 1] {
                let (c, chars, bits) = reach[r]
                if chars != walked {
                    walked = chars
                    lo = max(0, Self.back(chars, from: kwStart, in: text) - 1)
                    hi = min(text.count, Self.forward(chars, from: kwEnd, in: text) + 1)
                }
                classRegions.add(c, lo, hi, owners: bits)
            }
        }
    }

    /// The position `chars` characters before `p` (UTF-8: continuation bytes are not
    /// counted), or 0.
    @inline(__always)
    static func back(_ chars: Int, from p: Int, in s: UnsafeRawBufferPointer) -> Int {
        if p >= chars && isASCII(s, p - chars, p) { return p - chars }   // one byte per character
        var i = p, n = 0
        while i > 0 && n < chars {
            i -= 1
            if s[i] & 0xC0 != 0x80 { n += 1 }
        }
        return i
    }

    /// The start of the character `chars` characters after the one at `p`, or the end.
    @inline(__always)
    static func forward(_ chars: Int, from p: Int, in s: UnsafeRawBufferPointer) -> Int {
        if p + chars < s.count && isASCII(s, p, p + chars + 1) { return p + chars }
        var i = p, n = 0
        while i < s.count {
            if s[i] & 0xC0 != 0x80 {
                if n == chars { break }
                n += 1
            }
            i += 1
        }
        return i
    }

    /// Whether s[from..<to] is all ASCII, eight bytes at a time (the last eight overlap).
    @inline(__always)
    static func isASCII(_ s: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080
        if to - from < 8 {
            var i = from
            while i < to { if s[i] >= 0x80 { return false }; i += 1 }
            return true
        }
        var i = from, any: UInt64 = 0
        while i + 8 <= to {
            any |= s.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        if i < to { any |= s.loadUnaligned(fromByteOffset: to - 8, as: UInt64.self) }
        return any & high == 0
    }

    /// The mask of window class `index` over `text`, built on first use in this buffer:
    /// from two masks already built when the class is their difference, else from the
    /// bytes.
    @inline(__always)
    private func mask(_ index: Int, _ text: UnsafeRawBufferPointer) -> ByteClassMask {
        if !maskBuilt[index] {
            if masks[index].builtFor != generation,
               let pair = set.differences[index].first(where: { maskBuilt[$0.a] && maskBuilt[$0.minus] }) {
                masks[index].build(masks[pair.a], minus: masks[pair.minus])
            } else {
                // (Nothing to build when it was built with the others at the buffer's start.)
                masks[index].build(over: text, generation: generation)
            }
            if index == set.digitClass { masks[index].summarize() }
            maskBuilt[index] = true
        }
        return masks[index]
    }

    /// Takes a mask its caller builds over each buffer it scans (a text scanner's
    /// newlines) among those built together: the caller then builds it with
    /// `buildOverScanned(_:_:)`, after `scan`, over the same text.
    public func adoptWholeBufferMask(_ mask: ByteClassMask) {
        if !wholeBufferMasks.contains(where: { $0 === mask }) { wholeBufferMasks.append(mask) }
    }

    /// Builds an adopted mask over `text`, the buffer `scan` last took (nothing to do
    /// when it was built with the others at that buffer's start).
    public func buildOverScanned(_ mask: ByteClassMask, _ text: UnsafeRawBufferPointer) {
        mask.build(over: text, generation: generation)
    }

    /// Builds the whole-buffer masks the last buffer asked for, eight a pass (one alone
    /// is left to be built when asked for).
    private func buildForeseenMasks(_ text: UnsafeRawBufferPointer) {
        foreseen.removeAll(keepingCapacity: true)
        for m in wholeBufferMasks where m.usedIn == generation - 1 {
            foreseen.append(m)
            if foreseen.count == 8 {
                ByteClassMask.build(foreseen, over: text, generation: generation)
                foreseen.removeAll(keepingCapacity: true)
            }
        }
        if foreseen.count >= 2 { ByteClassMask.build(foreseen, over: text, generation: generation) }
        foreseen.removeAll(keepingCapacity: true)
    }

    /// One PCRE2 search from `pos`; a match starting at or after `runEnd` is left for
    /// later. Returns where the next search starts (`runEnd` when nothing more is here).
    @inline(__always)
    private func step(_ detector: CompiledDetector, _ d: Int, _ text: UnsafeRawBufferPointer, base: Int,
                      at pos: Int, length: Int, runEnd: Int, untilRel: Int, into matches: inout [Match],
                      matcher: PCRE2Matcher? = nil) -> Int {
        stats?.calls[d] += 1
        // Each matcher called where it is held, not through `matcher ?? self.matcher`,
        // whose result was retained and released around every window's PCRE2 call.
        let outcome = matcher == nil
            ? self.matcher.firstMatch(detector.pattern, in: text, from: pos, length: length, startsBefore: runEnd)
            : matcher.unsafelyUnwrapped.firstMatch(detector.pattern, in: text, from: pos, length: length,
                                                   startsBefore: runEnd)
        switch outcome {
        case .noMatch:
            return runEnd
        case .limitExceeded:
            limitHits += 1
            var next = pos + 1
            while next < untilRel && text[next] & 0xC0 == 0x80 { next += 1 }
            return next
        case .match(let r):
            if r.lowerBound >= runEnd { return runEnd }
            if let t = classify(detector, text, r.lowerBound, r.upperBound) {
                matches.append(Match(typeIndex: t, start: base + r.lowerBound, end: base + r.upperBound))
            }
            let next = r.isEmpty ? r.upperBound + 1 : r.upperBound
            resume[d] = base + next
            return next
        }
    }

    /// What the checks after the regex decide about one match.
    public enum Verdict: Equatable, Sendable {
        case reported(typeIndex: Int)
        case allZeros, denyValue, ignoreWord, checkFailed, noKeyword, allowList, typeNotSelected
    }

    /// The reported type of a regex match, or nil when a check drops it.
    @inline(__always)
    func classify(_ d: CompiledDetector, _ s: UnsafeRawBufferPointer, _ start: Int, _ end: Int,
                  keywordPresent: Bool = false) -> Int? {
        if case let .reported(t) = verdict(d, s, start, end, keywordPresent: keywordPresent) { return t }
        return nil
    }

    @inline(__always)
    func verdict(_ d: CompiledDetector, _ s: UnsafeRawBufferPointer, _ start: Int, _ end: Int,
                 keywordPresent: Bool = false) -> Verdict {
        if ValueFilters.isAllZero(s, start, end) { return .allZeros }
        if !d.denyList.isEmpty && d.denyList.contains(s, start, end) { return .denyValue }
        if !d.ignoreWords.isEmpty && ValueFilters.containsAny(d.ignoreWords, s, start, end) { return .ignoreWord }
        var type = d.typeIndex
        if let table = d.typeTable {
            let row: Int? = table.resolve(UnsafeRawBufferPointer(rebasing: s[start..<end]))
            guard let row else { return .checkFailed }
            guard d.tableTypeIndices[row] >= 0 else { return .typeNotSelected }
            type = d.tableTypeIndices[row]
        } else if let v = d.validator {
            if !v(UnsafeRawBufferPointer(rebasing: s[start..<end])) { return .checkFailed }
        }
        if d.keywordRequired {
            let near = keywordPresent || (d.keywordsBefore
                ? d.keywords.matcher.pointee.hasKeywordBefore(in: s, valueStart: start, valueEnd: end,
                                                              maxChars: d.maximumMatchDistance)
                : d.keywords.matcher.pointee.hasKeyword(in: s, valueStart: start, valueEnd: end,
                                                        maxChars: d.maximumMatchDistance))
            if !near && !Self.hasPrefix(d.keywordOptionalPrefixes, s, start, end) {
                type = d.variantTypeIndex
                if type < 0 { return .noKeyword }
            } else if !d.reportsBase {
                return .typeNotSelected
            }
        }
        guard type >= 0 else { return .typeNotSelected }
        if let allow = set.allowList, allow.allows(UnsafeRawBufferPointer(rebasing: s[start..<end]), matcher: matcher) {
            return .allowList
        }
        return .reported(typeIndex: type)
    }

    /// For `trawl detectors test`: every match of every detector's regex in `text` (over
    /// every byte), with what the checks decided about it.
    public func explain(_ text: String) -> [(detector: Int, range: Range<Int>, verdict: Verdict)] {
        var out: [(Int, Range<Int>, Verdict)] = []
        var t = text
        t.withUTF8 { buf in
            let raw = UnsafeRawBufferPointer(buf)
            for (d, detector) in set.detectors.enumerated() {
                var pos = 0
                while pos <= raw.count {
                    guard case let .match(r) = (detector.isUserRegex ? userMatcher : matcher)
                        .firstMatch(detector.pattern, in: raw, from: pos, length: raw.count) else { break }
                    out.append((d, r, verdict(detector, raw, r.lowerBound, r.upperBound)))
                    pos = r.isEmpty ? r.upperBound + 1 : r.upperBound
                }
            }
        }
        return out
    }

    /// Whether one of `prefixes` starts in [start, end) of `s` (it may run past `end`).
    @inline(__always)
    static func holdsPrefix(_ prefixes: [[UInt8]], _ s: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        prefixes.contains { $0.isEmpty || Prefilter.find($0, in: s, from: start, limit: end) >= 0 }
    }

    @inline(__always)
    static func hasPrefix(_ prefixes: [[UInt8]], _ s: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        prefixes.contains { $0.count <= end - start && s.holds($0, at: start) }
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
