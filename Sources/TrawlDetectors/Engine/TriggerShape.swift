// A prefilter's trigger (RunTrigger) found a 64-bit word at a time on byte-class
// masks, not byte by byte inside each run.
//
// On logs nearly every line holds a run of the card number's window class with 13
// digits or more ("/64279 404 93732": a path id, a status, a size) and the IBAN's class
// runs of 18 bytes ("62091 200 41444B 1769"); walking those runs and reading their
// bytes for the trigger was most of the two detectors' time, a sixth of a log's scan.
// The positions where an alternative of the trigger ends are the AND of its classes'
// masks, each shifted by its distance from the alternative's end (a repeated class
// first eroded to runs of its count, as ByteClassMask.runEnds does), so only the runs
// holding one are visited (callgrind, a 16 MiB log, the scan without start-up: 470M ->
// 428M instructions). Those passes cost the same on any text, so the engine uses a
// shape only while the detector's walk reads many runs (DetectionEngine's
// `triggerShapeThreshold`).
//
// A run holds the trigger (RunTrigger.occurs) exactly when it holds such an end
// position, provided every byte of an alternative but its first lies in the window
// class: then those bytes lie in the run holding the end, and the first is inside it
// or the byte before it, as `occurs` allows; before the buffer's start the missing byte
// matches any first class (bit 63 of the word before the first). Triggers of another
// shape (a one-byte alternative, a later class outside the window) keep the byte loop.

import CTrawlKernels

struct TriggerShape: Sendable {
    /// One class of an alternative: for an end position e, bytes e - offset - length + 1
    /// ... e - offset are in class `cls` (an index into DetectorSet.windowClasses).
    /// `opens`: the class holds the alternative's first byte, which may lie before the
    /// buffer.
    struct Term: Sendable {
        let cls: Int
        let length: Int
        let offset: Int
        let opens: Bool
    }

    struct Alternative: Sendable {
        /// The classes read on masks, the last first (offset 0: its pass stores its
        /// eroded words unshifted, the others shift theirs and AND them in). A first
        /// byte of a class outside the window (the neighbour before a value,
        /// [^0-9A-Za-z_]) is a term too, of one byte: testing it on the text at each end
        /// position the other terms left was a third of the window scan's time on logs
        /// (those ends are many there), while its mask is one more class of the pass
        /// that builds a buffer's masks together (ByteClassMasks).
        let terms: [Term]
        /// The alternative's length in bytes.
        let length: Int
    }

    let alternatives: [Alternative]

    /// The shape of `trigger` for a prefilter whose window class is `window`, or nil
    /// when a run may hold the trigger without holding an end position of it.
    /// `classIndex` gives a class's index among the set's mask classes, adding it.
    init?(_ trigger: RunTrigger, window: [Bool], classIndex: ([ClosedRange<UInt8>]) -> Int) {
        var alternatives: [Alternative] = []
        for items in trigger.alternatives {
            let total = items.reduce(0) { $0 + $1.repeats }
            guard total >= 2 else { return nil }
            var terms: [Term] = []
            var start = 0
            for (k, item) in items.enumerated() {
                // Every byte but the alternative's first must be a window byte.
                let inWindow = (0..<256).allSatisfy { !item.members[$0] || window[$0] }
                if !inWindow && (k > 0 || item.repeats > 1) { return nil }
                terms.append(Term(cls: classIndex(ByteClass.ranges(of: item.members)), length: item.repeats,
                                  offset: total - start - item.repeats, opens: k == 0))
                start += item.repeats
            }
            alternatives.append(Alternative(terms: terms.reversed(), length: total))
        }
        self.alternatives = alternatives
    }

    /// Calls `body(runStart, runEnd)` for each run of `window` overlapping [from, until)
    /// that holds the trigger, is at least `shortest` long and holds at least `minDigits`
    /// digits (by `digits`), in order: the runs `Prefilter.forEachWindowRun` gives with
    /// the trigger. `mask(c)` is class c's mask over the same buffer; `scratch` is the
    /// worker's room for the end positions.
    func forEachRun(window: ByteClassMask, digits: ByteClassMask,
                    mask: (Int) -> ByteClassMask, scratch: TriggerShape.Scratch, minDigits: Int, shortest: Int,
                    from: Int, until: Int, _ body: (Int, Int) -> Void) {
        let count = window.count
        guard from < until, from < count else { return }
        // Hits anywhere in a run overlapping [from, until) count: from the start of the
        // run holding `from` to the end of the run holding `until - 1`.
        let lo = window.runStart(endingAt: from)
        let hi = min(count, window.nextClear(min(until, count)))
        let words = (hi + 63) >> 6
        let hits = scratch.prepare(words: words)
        for (a, alternative) in alternatives.enumerated() {
            // The first alternative's ends go straight into `hits`, the others into `acc`.
            let acc = a == 0 ? hits : scratch.acc
            for (i, t) in alternative.terms.enumerated() {
                trawl_shape_term(mask(t.cls).words, words, UInt32(t.length), UInt32(t.offset), t.opens ? 1 : 0,
                                 i == 0 ? 1 : 0, scratch.erosion, acc)
            }
            if a > 0 { for w in 0..<words { hits[w] |= acc[w] } }
        }
        let firstWord = lo >> 6, lastWord = (hi - 1) >> 6
        window.forEachRun(holdingBitsFrom: lo, toWord: lastWord, { w in
            var bits = hits[w]
            if w == firstWord { bits &= ~0 << UInt64(lo & 63) }
            if w == lastWord && hi & 63 != 0 { bits &= (1 << UInt64(hi & 63)) - 1 }
            return bits
        }) { rs, re in
            if rs >= until { return false }
            if re > from && re - rs >= shortest && (minDigits == 0 || digits.population(rs, re) >= minDigits) {
                body(rs, re)
            }
            return true
        }
    }

    /// A worker's room for the end positions of one buffer, grown as needed.
    final class Scratch {
        private(set) var hits: UnsafeMutablePointer<UInt64>
        private(set) var acc: UnsafeMutablePointer<UInt64>
        /// Two buffers the erosion passes alternate between.
        private(set) var erosion: UnsafeMutablePointer<UInt64>
        private var capacity = 0

        init() {
            hits = .allocate(capacity: 1)
            acc = .allocate(capacity: 1)
            erosion = .allocate(capacity: 2)
        }

        deinit {
            hits.deallocate()
            acc.deallocate()
            erosion.deallocate()
        }

        /// `hits`, with room for `words` words everywhere.
        func prepare(words: Int) -> UnsafeMutablePointer<UInt64> {
            if words > capacity {
                capacity = max(words, 2 * capacity)
                hits.deallocate()
                acc.deallocate()
                erosion.deallocate()
                hits = .allocate(capacity: capacity)
                acc = .allocate(capacity: capacity)
                erosion = .allocate(capacity: 2 * capacity)
            }
            return hits
        }
    }
}
