// One large UTF-8 text object scanned by several threads at once, so a huge log uses
// every core. The object is cut into ranges right after a newline; each range is
// streamed by its own scanner (engine, buffer, classifier) with the bytes before and
// after it as look-behind and look-ahead, and the results are merged in object order
// with line numbers shifted by the newlines of the ranges before. Structured formats
// keep state across the whole object and are never split; gzip streams cannot be.
// Split ranges are read as they are, so a text holding full-width characters (which
// are read as ASCII through WidthNormalizingByteSource) is handed back to be read in
// one piece: every range watches for them (FullWidthSentinel) and all stop at the first.

import Foundation
import Synchronization
import TrawlDetectors
import TrawlFindings
import TrawlFormats
import TrawlStorage

final class SplitTextScanner {
    let source: any ObjectSource
    let detectors: DetectorSet
    let chunkSize: Int
    let parts: Int
    /// Objects at least this large are split.
    var threshold: Int64 = SplitTextScanner.defaultThreshold

    static let defaultThreshold: Int64 = 32 << 20
    /// The threshold for the scan's last object (ScanRunner): the other workers have
    /// nothing left to take, so splitting it only fills idle cores. Below a few MiB the
    /// ranges' own engines and the merge would cost more than they save.
    static let lastObjectThreshold: Int64 = 4 << 20

    /// Whether a user's regex ran out of its time budget in the last `scan`.
    private(set) var timeCutOff = false
    /// Objects scanned in ranges by this scanner (for the tests).
    private(set) var splitObjects = 0

    init(source: any ObjectSource, detectors: DetectorSet, chunkSize: Int, parts: Int,
         threshold: Int64 = SplitTextScanner.defaultThreshold) {
        self.source = source
        self.detectors = detectors
        self.chunkSize = chunkSize
        self.parts = parts
        self.threshold = threshold
    }

    /// Scan `ref` (UTF-8 text) in `parts` ranges; the first range's results go into
    /// `classifier`, the others are merged into it. Returns the bytes classified.

    func scan(_ ref: ObjectRef, first: TextStreamScanner, into classifier: ObjectClassifier) throws -> Int64 {
        let cuts = try cutPoints(ref)
        splitObjects += 1
        let ranges = zip([0] + cuts, cuts + [Int(ref.size)]).map { $0..<$1 }.filter { !$0.isEmpty }
        final class Part: @unchecked Sendable {
            var classifier: ObjectClassifier?
            var coverage = TextStreamScanner.Coverage(bytes: 0, newlines: 0)
            var error: Error?
            var timeCutOff = false
        }
        let results = ranges.map { _ in Part() }
        let sawFullWidth = FullWidthFlag()
        let context = first.context
        let source = self.source, detectors = self.detectors, chunkSize = self.chunkSize
        // Used by the first range only, on one thread.
        nonisolated(unsafe) let firstScanner = first, firstClassifier = classifier
        DispatchQueue.concurrentPerform(iterations: ranges.count) { k in
            let range = ranges[k]
            let part = results[k]
            do {
                let scanner = k == 0 ? firstScanner : TextStreamScanner(engine: DetectionEngine(detectors), chunkSize: chunkSize)
                let target = k == 0 ? firstClassifier : ObjectClassifier(types: detectors.types)
                // Look-behind starts on a character boundary at most `context` bytes back.
                let lookBehind = k == 0 ? 0 : try Self.characterStart(source, ref, near: max(0, range.lowerBound - context))
                let stream = try source.open(ref, from: Int64(lookBehind))
                defer { stream.close() }
                var text = TranscodingByteSource(upstream: FullWidthSentinel(upstream: ObjectStreamByteSource(stream),
                                                                             flag: sawFullWidth),
                                                 encoding: .utf8)
                if k > 0 {
                    scanner.engine.userRegexBudget = firstScanner.engine.userRegexBudget
                    scanner.engine.startObject()
                }
                part.coverage = try scanner.scan(&text, startOffset: lookBehind, range: range, into: target)
                part.classifier = target
                part.timeCutOff = scanner.engine.timeCutOff
            } catch {
                part.error = error
            }
        }
        if sawFullWidth.isSet { throw FullWidthTextFound() }
        var bytes: Int64 = 0
        var lineShift = 0
        timeCutOff = results.contains { $0.timeCutOff }
        for (k, part) in results.enumerated() {
            if let error = part.error { throw error }
            if k > 0, let other = part.classifier { classifier.merge(other, lineShift: lineShift) }
            bytes += part.coverage.bytes
            lineShift += part.coverage.newlines
        }
        return bytes
    }

    /// Offsets right after a newline, near each k/parts of the object.
    func cutPoints(_ ref: ObjectRef) throws -> [Int] {
        var cuts: [Int] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        for k in 1..<parts {
            let target = Int(ref.size) * k / parts
            if let last = cuts.last, target <= last { continue }
            let stream = try source.open(ref, from: Int64(target))
            defer { stream.close() }
            var offset = target
            search: while true {
                let n = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
                if n == 0 { break }
                if let i = buffer[..<n].firstIndex(of: 10) {
                    cuts.append(offset + i + 1)
                    break search
                }
                offset += n
            }
        }
        return cuts.filter { $0 < Int(ref.size) }
    }

    /// The first offset at or after `offset` that starts a UTF-8 character.
    static func characterStart(_ source: any ObjectSource, _ ref: ObjectRef, near offset: Int) throws -> Int {
        let stream = try source.open(ref, from: Int64(offset))
        defer { stream.close() }
        var head = [UInt8](repeating: 0, count: 4)
        let n = try head.withUnsafeMutableBytes { try stream.read(into: $0) }
        var skip = 0
        while skip < n && head[skip] & 0xC0 == 0x80 { skip += 1 }
        return offset + skip
    }
}

/// Set by the first range of an object that sees a full-width character.
final class FullWidthFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}

/// A split text holds full-width characters: read it in one piece instead.
struct FullWidthTextFound: Error {}

/// Passes a range's bytes through and stops every range of the object (by throwing
/// `FullWidthTextFound`) once any of them holds a full-width character WidthNormalizingByteSource
/// maps. Two memchr passes per read (0xEF, 0xE3 lead bytes), so ASCII text costs
/// next to nothing.
struct FullWidthSentinel<Upstream: ByteSource>: ByteSource {
    var upstream: Upstream
    let flag: FullWidthFlag
    /// The last two bytes of the previous read (a sequence may straddle reads).
    private var tail: (UInt8, UInt8) = (0, 0)

    init(upstream: Upstream, flag: FullWidthFlag) {
        self.upstream = upstream
        self.flag = flag
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if flag.isSet { throw FullWidthTextFound() }
        let n = try upstream.read(into: buffer)
        guard n > 0, let base = buffer.baseAddress else { return n }
        let bytes = UnsafeRawBufferPointer(start: base, count: n)
        if Self.holdsMapped(bytes, tail: tail) {
            flag.set()
            throw FullWidthTextFound()
        }
        tail = (n >= 2 ? bytes[n - 2] : tail.1, bytes[n - 1])
        return n
    }

    static func holdsMapped(_ bytes: UnsafeRawBufferPointer, tail: (UInt8, UInt8)) -> Bool {
        let n = bytes.count
        func at(_ i: Int) -> UInt8 { i >= 0 ? bytes[i] : (i == -1 ? tail.1 : tail.0) }
        // A sequence that started in the previous read.
        for start in [-2, -1] where start + 2 < n {
            if WidthNormalizingByteSource<Upstream>.mapped(at(start), at(start + 1), at(start + 2)) != nil { return true }
        }
        guard let base = bytes.baseAddress else { return false }
        for lead: UInt8 in [0xEF, 0xE3] {
            var from = 0
            while from < n, let hit = memchr(base + from, Int32(lead), n - from) {
                let i = base.distance(to: UnsafeRawPointer(hit))
                if i + 2 < n, WidthNormalizingByteSource<Upstream>.mapped(lead, bytes[i + 1], bytes[i + 2]) != nil { return true }
                from = i + 1
            }
        }
        return false
    }
}
