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

/// Limits applied to one object.
public struct ObjectLimits: Sendable {
    /// Most bytes a gzip stream may expand to (Macie: 10 GB extracted in total).
    public var maxExpandedBytes: Int = 10_000_000_000

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
        self.textScanner = TextStreamScanner(engine: engine, chunkSize: chunkSize)
        self.structuredScanner = StructuredTextScanner(engine: engine, nameKeywords: FieldNameKeywords(set))
        self.classifier = ObjectClassifier(types: set.types)
    }

    func classify(_ ref: ObjectRef) -> ClassificationResult {
        let started = DispatchTime.now().uptimeNanoseconds
        var result = ClassificationResult(bucket: ref.bucket, key: ref.key, size: ref.size, status: .complete,
                                          lastModified: ref.lastModified, eTag: ref.eTag,
                                          versionToken: ref.versionToken)
        classifier.reset()
        scanContent(ref, into: &result)
        let (data, severity) = classifier.summarize()
        result.sensitiveData = data
        result.severity = severity
        result.durationMs = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        return result
    }

    private func scanContent(_ ref: ObjectRef, into result: inout ClassificationResult) {
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

        do {
            let pre = try PrefixedByteSource(upstream: ObjectStreamByteSource(stream))
            let format = FormatSniffer.sniff(pre.prefix, key: ref.key)
            result.mimeType = format.mimeType
            switch format {
            case .text(let encoding, let mime):
                result.mimeType = mime
                // A large plain UTF-8 text without a BOM (so decoded offsets are file
                // offsets) is split across threads; structured text keeps its header and
                // path state and is read in one piece.
                if encoding == .utf8 && splitter.parts > 1 && ref.size >= splitter.threshold
                    && !pre.prefix.starts(with: TextEncoding.utf8.byteOrderMark) && !Self.isStructured(mime) {
                    result.sizeClassified = try splitter.scan(ref, first: textScanner, into: classifier)
                } else {
                    var text = TranscodingByteSource(upstream: pre, encoding: encoding)
                    try scanText(&text, mimeType: mime, into: &result)
                }
            case .gzip:
                try scanGzip(pre, key: ref.key, size: ref.size, into: &result)
            case .binary, .unsupportedContainer, .archive, .compressed, .document:
                result.status = ObjectStatus(code: .skipped, reason: .unsupportedFileType,
                                             detail: "\(format.mimeType) is not a format Trawl classifies")
            }
        } catch {
            // A read failed part-way: what was classified stays, the object is PARTIAL.
            result.status = ObjectStatus(code: result.sizeClassified > 0 || classifier.totalMatches > 0 ? .partial : .skipped,
                                         reason: .internalError, detail: "read failed: \(error)")
        }
    }

    private func scanGzip(_ compressed: PrefixedByteSource<ObjectStreamByteSource>, key: String, size: Int64,
                          into result: inout ClassificationResult) throws {
        let gzip = try GzipByteSource(upstream: compressed, maxOutputBytes: limits.maxExpandedBytes)
        // A large stream is inflated on a thread of its own while this one scans.
        if size >= Self.readAheadThreshold {
            try scanInflated(ReadAheadByteSource(upstream: gzip), gzip: gzip, key: key, into: &result)
        } else {
            try scanInflated(gzip, gzip: gzip, key: key, into: &result)
        }
    }

    /// Compressed objects at least this large inflate on their own thread.
    static let readAheadThreshold: Int64 = 1 << 20

    private func scanInflated(_ inflated: some ByteSource, gzip: GzipByteSource<PrefixedByteSource<ObjectStreamByteSource>>,
                              key: String, into result: inout ClassificationResult) throws {
        let inner = try PrefixedByteSource(upstream: inflated)
        let innerKey = Self.keyInsideGzip(key)
        let innerFormat = FormatSniffer.sniff(inner.prefix, key: innerKey)
        let memberPath = gzip.memberName ?? (innerKey as NSString).lastPathComponent
        result.members = [ContainerMember(path: memberPath, mimeType: innerFormat.mimeType)]
        switch innerFormat {
        case .text(let encoding, let mime):
            var text = TranscodingByteSource(upstream: inner, encoding: encoding)
            try scanText(&text, mimeType: mime, into: &result)
            result.mimeType = mime
        case .gzip, .binary, .unsupportedContainer, .archive, .compressed, .document:
            result.status = ObjectStatus(code: .skipped, reason: .unsupportedFileType,
                                         detail: "the gzip stream holds \(innerFormat.mimeType), which Trawl does not classify")
            return
        }
        switch gzip.damage {
        case nil:
            break
        case .truncated:
            result.status = ObjectStatus(code: gzip.totalOut > 0 ? .partial : .skipped, reason: .malformedFile,
                                         detail: "gzip stream is truncated; \(gzip.totalOut) bytes were read and classified")
        case .corrupt(let why):
            result.status = ObjectStatus(code: gzip.totalOut > 0 ? .partial : .skipped, reason: .malformedFile,
                                         detail: "gzip stream is corrupt (\(why)); \(gzip.totalOut) bytes were read and classified")
        case .outputLimitExceeded:
            result.status = ObjectStatus(code: .partial, reason: .archiveTotalBytesExtractedOverLimit,
                                         detail: "gzip stream expands beyond \(limits.maxExpandedBytes) bytes")
        }
    }

    /// Formats read field by field rather than as lines.
    static func isStructured(_ mime: String) -> Bool {
        switch mime {
        case "text/csv", "text/tab-separated-values", "application/json", "application/x-ndjson": true
        default: false
        }
    }

    /// Classify decoded UTF-8 text by its format: cells for CSV/TSV, records for JSON and
    /// JSON Lines, lines for everything else.
    private func scanText(_ text: inout some ByteSource, mimeType: String,
                          into result: inout ClassificationResult) throws {
        switch mimeType {
        case "text/csv":
            result.sizeClassified += try structuredScanner.scanDelimited(&text, delimiter: UInt8(ascii: ","), into: classifier)
        case "text/tab-separated-values":
            result.sizeClassified += try structuredScanner.scanDelimited(&text, delimiter: 0x09, into: classifier)
        case "application/json", "application/x-ndjson":
            var read: Int64 = 0
            do {
                let outcome = try structuredScanner.scanJSON(&text, lines: mimeType == "application/x-ndjson",
                                                             into: classifier, bytesRead: &read)
                result.sizeClassified += read
                if case let .malformedRecords(bad, total) = outcome {
                    result.status = ObjectStatus(code: .partial, reason: .malformedFile,
                                                 detail: "\(bad) of \(total) JSON Lines records do not parse and were skipped")
                }
            } catch let error as JSONReaderError {
                switch error {
                case .nestingTooDeep(let limit, _):
                    // Macie skips the whole file: nothing of it is reported.
                    classifier.reset()
                    result.status = ObjectStatus(code: .skipped, reason: .jsonNestingLevelOverLimit,
                                                 detail: "JSON nests deeper than \(limit) levels")
                case .malformed(let offset, let detail):
                    result.sizeClassified += Int64(offset)
                    result.status = ObjectStatus(code: offset > 0 ? .partial : .skipped, reason: .malformedFile,
                                                 detail: "JSON does not parse at byte \(offset) (\(detail)); what precedes was classified")
                }
            }
        default:
            result.sizeClassified += try textScanner.scan(&text, into: classifier)
        }
    }

    static func keyInsideGzip(_ key: String) -> String {
        for suffix in [".gz", ".gzip", ".GZ"] where key.hasSuffix(suffix) {
            return String(key.dropLast(suffix.count))
        }
        if key.hasSuffix(".tgz") { return String(key.dropLast(4)) + ".tar" }
        return key
    }

    static func status(for error: ObjectOpenError) -> ObjectStatus {
        switch error {
        case .permissionDenied:
            ObjectStatus(code: .skipped, reason: .permissionDenied, detail: "permission denied")
        case .notFound:
            ObjectStatus(code: .skipped, reason: .objectRemoved, detail: "the object was removed after it was listed")
        case .notARegularFile:
            ObjectStatus(code: .skipped, reason: .notARegularFile, detail: "not a regular file; never opened")
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
