// Classifies one object end to end, on one worker: open it through its source, sniff
// the format from the first bytes, unwrap gzip (and sniff again: a .csv.gz is a CSV),
// transcode the text to UTF-8 and stream it through the detectors. Every outcome,
// including an object that cannot be opened or read, becomes a ClassificationResult
// with Macie's status and reason: nothing here throws past the object.

import Foundation
import TrawlDetectors
import TrawlFindings
import TrawlFormats
import TrawlStorage

/// Limits applied to one object and everything nested in it. Macie's values are the
/// defaults where Macie has one; the others bound Trawl's memory and time.
public struct ObjectLimits: Sendable {
    /// Bytes all containers of one object may extract in total (Macie: 10 GB).
    public var maxExpandedBytes: Int = 10_000_000_000
    /// Bytes one member may expand to (Macie: 3 GB).
    public var maxMemberBytes: Int64 = 3_000_000_000
    /// Containers nested in containers (Macie: 10 levels).
    public var maxNestingDepth = 10
    /// Members extracted from one object (Macie: 1,000,000).
    public var maxMembers = 1_000_000
    /// Extracted bytes per byte of the object, checked once `ratioFloor` bytes were
    /// extracted: a zip bomb (deflate reaches ~1000:1) stops early instead of after 10 GB;
    /// text, even repetitive logs, stays well under 200:1.
    public var maxExpansionRatio: Int64 = 200
    public var ratioFloor: Int64 = 64 << 20
    /// Documents decoded whole (PDF, OOXML packages, e-mail, Avro) up to this size.
    public var maxDocumentBytes: Int = 128 << 20
    /// JSON nesting (Macie: 256 levels).
    public var maxJSONDepth = 256
    /// Members listed in a result line (all are classified and counted).
    public var maxListedMembers = 1_000
    /// Seconds the custom identifiers' regexes may spend on one object; past it they stop
    /// there and the object is PARTIAL, TIME_CUT_OFF_REACHED.
    public var customRegexSeconds: Double = 10

    public init() {}
}

final class ObjectScanner {
    let source: any ObjectSource
    let limits: ObjectLimits
    let textScanner: TextStreamScanner
    /// CSV, TSV, JSON and JSON Lines.
    let structuredScanner: StructuredTextScanner
    let classifier: ObjectClassifier
    /// Splits a large text object across threads.
    let splitter: SplitTextScanner

    init(source: any ObjectSource, set: DetectorSet, limits: ObjectLimits, chunkSize: Int, parts: Int,
         splitThreshold: Int64 = SplitTextScanner.defaultThreshold) {
        self.source = source
        self.limits = limits
        self.splitter = SplitTextScanner(source: source, detectors: set, chunkSize: chunkSize, parts: parts,
                                         threshold: splitThreshold)
        let engine = DetectionEngine(set)
        engine.userRegexBudget = limits.customRegexSeconds
        self.textScanner = TextStreamScanner(engine: engine, chunkSize: chunkSize)
        self.structuredScanner = StructuredTextScanner(engine: engine, nameKeywords: set.fieldNameKeywords,
                                                       maxJSONDepth: limits.maxJSONDepth)
        self.classifier = ObjectClassifier(types: set.types)
    }

    /// `last`: no object follows this one in the scan, so the other workers are idle or
    /// about to be: a text is split from `SplitTextScanner.lastObjectThreshold` on.
    func classify(_ ref: ObjectRef, last: Bool = false) -> ClassificationResult {
        let started = DispatchTime.now().uptimeNanoseconds
        var result = ClassificationResult(bucket: ref.bucket, key: ref.key, size: ref.size, status: .complete,
                                          lastModified: ref.lastModified, eTag: ref.eTag,
                                          versionToken: ref.versionToken)
        classifier.reset()
        textScanner.engine.startObject()
        scanContent(ref, splitFrom: last ? min(splitter.threshold, SplitTextScanner.lastObjectThreshold) : splitter.threshold,
                    into: &result)
        let (data, custom, severity) = classifier.summarize()
        result.sensitiveData = data
        result.customDetections = custom
        result.severity = severity
        // A user's regex that ran out of its time budget left the rest of the object to
        // the managed identifiers only.
        if textScanner.engine.timeCutOff || splitter.timeCutOff, result.status.code == .complete {
            result.status = ObjectStatus(code: .partial, reason: .timeCutOffReached,
                                         detail: "a custom data identifier's regex ran out of its time budget")
        }
        result.durationMs = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        return result
    }

    private func scanContent(_ ref: ObjectRef, splitFrom threshold: Int64, into result: inout ClassificationResult) {
        switch ref.kind {
        case .regular:
            break
        case .unreadableDirectory:
            result.status = ObjectStatus(code: .skipped, reason: .permissionDenied, detail: "directory cannot be listed")
            return
        default:
            result.status = ObjectStatus(code: .skipped, reason: .notARegularFile,
                                         detail: "not a regular file (\(ref.kind)); never opened")
            return
        }
        if ref.bucket == nil {
            result.status = ObjectStatus(code: .skipped, reason: .notInABucket,
                                         detail: "file directly under the scan root belongs to no bucket")
            return
        }
        let stream: ObjectStream
        do {
            stream = try source.open(ref)
        } catch {
            result.status = Self.status(for: error)
            return
        }
        defer { stream.close() }

        let raw = CountingByteSource(ObjectStreamByteSource(stream))
        let budget = DecodeBudget(limits: limits, rawBytes: raw.counter)
        do {
            let pre = try PrefixedByteSource(upstream: AnyByteSource(raw))
            let format = FormatSniffer.sniff(pre.prefix, key: ref.key)
            // A large plain UTF-8 text without a BOM (so decoded offsets are file offsets)
            // is split across threads; structured text keeps its header and path state
            // and is read in one piece. The split parts are not width-normalised (their
            // offsets are file offsets), so a text holding a full-width character (seen
            // in the sniffed prefix, or by any part) is read in one piece too, through
            // the normalising decoder.
            if case .text(.utf8, let mime) = format, splitter.parts > 1, ref.size >= threshold,
               !pre.prefix.starts(with: TextEncoding.utf8.byteOrderMark), !Self.isStructured(mime),
               !WidthNormalizingByteSource<AnyByteSource>.containsMappedCharacter(pre.prefix) {
                do {
                    result.mimeType = mime
                    result.sizeClassified = try splitter.scan(ref, first: textScanner, into: classifier)
                    return
                } catch is FullWidthTextFound {
                    classifier.reset()
                    textScanner.engine.startObject()
                    result.sizeClassified = 0
                }
            }
            let outcome = decode(pre, format: format, name: ref.key, path: "", depth: 0, size: ref.size,
                                 budget: budget, into: &result)
            result.mimeType = outcome.mimeType
            result.status = budget.status(for: outcome.status, classified: result.sizeClassified > 0)
        } catch {
            // A read failed part-way: what was classified stays, the object is PARTIAL.
            result.status = ObjectStatus(code: result.sizeClassified > 0 || classifier.totalMatches > 0 ? .partial : .skipped,
                                         reason: .internalError, detail: "read failed: \(error)")
        }
    }

    static func status(for error: ObjectOpenError) -> ObjectStatus {
        switch error {
        case .permissionDenied:
            ObjectStatus(code: .skipped, reason: .permissionDenied, detail: "permission denied")
        case .notFound:
            ObjectStatus(code: .skipped, reason: .objectRemoved, detail: "the object was removed after it was listed")
        case .notARegularFile:
            ObjectStatus(code: .skipped, reason: .notARegularFile, detail: "not a regular file; never opened")
        case .invalidObjectState:
            ObjectStatus(code: .skipped, reason: .invalidObjectState,
                         detail: "archived storage class (Glacier Flexible Retrieval or Deep Archive), not restored")
        case .invalidEncryption(let why):
            ObjectStatus(code: .skipped, reason: .invalidEncryption, detail: why)
        case .invalidKMSKey(let why):
            ObjectStatus(code: .skipped, reason: .invalidKMSKey, detail: why)
        case .versionMismatch:
            ObjectStatus(code: .skipped, reason: .objectVersionMismatch, detail: "the object changed after it was listed")
        case .io(let why):
            ObjectStatus(code: .skipped, reason: .internalError, detail: "cannot open: \(why)")
        }
    }
}

/// An open object as a ByteSource.
struct ObjectStreamByteSource: ByteSource {
    let stream: ObjectStream

    init(_ stream: ObjectStream) { self.stream = stream }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try stream.read(into: buffer)
    }
}
