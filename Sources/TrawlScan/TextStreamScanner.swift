// Streams one object's decoded UTF-8 text through the detection engine in fixed-size
// chunks, with bounded memory (one buffer of chunk + 2 x context bytes per worker).
//
// Each round reads up to a full buffer, lets the engine report matches that start
// before `until` (the buffer end less `context` bytes of look-ahead, or the end of the
// text), then keeps `context` bytes before `until` as look-behind for the next round.
// The engine resumes each detector where its last match ended, so a value that
// straddles two reads is found once. Line numbers and character columns for the
// occurrences are tracked incrementally, so long lines cost nothing extra.

import TrawlDetectors
import TrawlFindings
import TrawlFormats

final class TextStreamScanner {
    let engine: DetectionEngine
    let chunkSize: Int
    /// Look-behind and look-ahead kept around each chunk (keywords up to 300 characters
    /// away, `\b`, look-arounds).
    let context: Int
    private let buffer: UnsafeMutableRawBufferPointer
    private var matches: [Match] = []
    /// Where the newlines are in the current buffer (one vector pass per round, or a
    /// share of the engine's pass that builds its masks together).
    private let newlines = ByteClassMask(ranges: [(10, 10)])

    init(engine: DetectionEngine, chunkSize: Int = 256 * 1024, context: Int = 4 * 1024) {
        self.engine = engine
        self.chunkSize = chunkSize
        self.context = context
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize + 2 * context, alignment: 64)
        matches.reserveCapacity(1024)
        engine.adoptWholeBufferMask(newlines)
    }

    deinit { buffer.deallocate() }

    /// What one scan covered.
    struct Coverage {
        /// Text bytes classified.
        var bytes: Int64
        /// Newlines in the classified range (the next range's first line is this + 1).
        var newlines: Int
    }

    /// Scan the whole of `source`; returns the number of text bytes classified.
    func scan(_ source: inout some ByteSource, into classifier: ObjectClassifier) throws -> Int64 {
        try scan(&source, startOffset: 0, range: nil, into: classifier).bytes
    }

    /// Scan part of a text: `source` yields the text from absolute offset `startOffset`;
    /// matches are reported when they start in `range` (all of the text when nil). Bytes
    /// before the range are look-behind, bytes after it look-ahead. Line numbers count
    /// from 1 at the range's start, which must be the start of a line.
    func scan(_ source: inout some ByteSource, startOffset: Int, range: Range<Int>?,
              into classifier: ObjectClassifier) throws -> Coverage {
        engine.reset()
        var lines = LineTracker(startingAt: range?.lowerBound ?? startOffset)
        var bufStart = startOffset  // absolute offset of buffer[0]
        var filled = 0              // valid bytes in buffer
        var searched = range?.lowerBound ?? startOffset  // matches starting before this were reported
        let limit = range?.upperBound ?? Int.max
        var atEnd = false
        while true {
            while filled < buffer.count && !atEnd {
                let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                if n == 0 { atEnd = true } else { filled += n }
            }
            // Past the range's end plus the look-ahead, nothing more is needed.
            if bufStart + filled - context >= limit { atEnd = true }
            let text = UnsafeRawBufferPointer(rebasing: buffer[..<filled])
            var untilRel = min(atEnd ? filled : filled - context, limit - bufStart)
            // Never split a UTF-8 sequence between rounds (moving forward keeps progress).
            while untilRel < filled && text[untilRel] & 0xC0 == 0x80 { untilRel += 1 }
            let until = bufStart + untilRel

            matches.removeAll(keepingCapacity: true)
            engine.scan(text, base: bufStart, from: searched, until: until, into: &matches)
            engine.buildOverScanned(newlines, text)
            lines.newlines = newlines
            if !matches.isEmpty {
                matches.sort { ($0.start, $0.typeIndex) < ($1.start, $1.typeIndex) }
                for m in matches {
                    lines.advance(to: m.start, in: text, base: bufStart)
                    let endLine = lines.line + newlines.population(m.start - bufStart,
                                                                    min(m.end, bufStart + filled) - bufStart)
                    classifier.record(typeIndex: m.typeIndex,
                                      location: .line(start: lines.line, end: endLine,
                                                      startColumn: lines.column(at: m.start, in: text, base: bufStart)),
                                      offset: m.start)
                }
            }
            lines.advance(to: until, in: text, base: bufStart)
            searched = until
            if atEnd || until >= limit {
                let first = range?.lowerBound ?? startOffset
                return Coverage(bytes: Int64(until - first), newlines: lines.line - 1)
            }

            // Keep [until - context, filled) for the next round.
            let keepFrom = max(0, untilRel - context)
            lines.willDiscard(upTo: bufStart + keepFrom, in: text, base: bufStart)
            let kept = filled - keepFrom
            if keepFrom > 0, let dst = buffer.baseAddress {
                dst.copyMemory(from: dst + keepFrom, byteCount: kept)
            }
            bufStart += keepFrom
            filled = kept
        }
    }
}

/// Line and column bookkeeping over a text seen in successive buffers.
struct LineTracker {
    /// 1-based line number at `position`.
    private(set) var line = 1
    /// Absolute offset up to which newlines are counted.
    private(set) var position: Int
    /// Absolute offset where the current line starts.
    private var lineStart: Int
    /// Characters between `lineStart` and `carriedUpTo` that are no longer in the buffer.
    private var carriedChars = 0
    private var carriedUpTo: Int

    /// Line 1 starts at absolute offset `start`.
    init(startingAt start: Int) {
        position = start
        lineStart = start
        carriedUpTo = start
    }

    /// The newline mask of the current buffer.
    var newlines: ByteClassMask?

    mutating func advance(to target: Int, in text: UnsafeRawBufferPointer, base: Int) {
        guard target > position, let newlines else { return }
        let count = newlines.population(position - base, target - base)
        if count > 0 {
            line += count
            lineStart = base + newlines.lastSet(before: target - base) + 1
            carriedChars = 0
            carriedUpTo = lineStart
        }
        position = target
    }

    /// 1-based character column of absolute offset `at` (which must be >= position's line start).
    func column(at offset: Int, in text: UnsafeRawBufferPointer, base: Int) -> Int {
        let from = max(carriedUpTo, base) - base
        return carriedChars + UTF8Count.characters(text, from, offset - base) + 1
    }

    /// The buffer is about to drop bytes before absolute `upTo`: remember the characters
    /// of the current line that lie there.
    mutating func willDiscard(upTo: Int, in text: UnsafeRawBufferPointer, base: Int) {
        let from = max(carriedUpTo, base)
        guard upTo > from, upTo <= position else { return }
        carriedChars += UTF8Count.characters(text, from - base, upTo - base)
        carriedUpTo = upTo
    }
}
