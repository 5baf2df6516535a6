// Decodes one object's content by its sniffed format, containers within containers:
// a gzip stream, an archive's members, a compressed stream and a document's parts are
// sniffed again and decoded by their own format (the .csv.gz is a CSV, the zip inside
// a tar is opened in turn), up to ObjectLimits.maxNestingDepth. Everything found in
// the members counts for the object: one result line, one finding, the members listed.
// Every byte a container extracts is charged to the object's DecodeBudget.
//
// Recursion here follows container nesting, which the depth limit bounds (10 levels);
// the parsers themselves iterate.

import Foundation
import TrawlDetectors
import TrawlFindings
import TrawlFormats

/// What decoding one (nested) object gave: its detected type and status.
struct DecodeOutcome {
    var mimeType: String
    var status: ObjectStatus

    init(_ mimeType: String, _ status: ObjectStatus = .complete) {
        self.mimeType = mimeType
        self.status = status
    }
}

extension ObjectScanner {
    /// Decode `source` (already sniffed as `format`) found under `name` (an object key
    /// or member path); `path` is its listed path inside the object ("" for the object
    /// itself), `depth` the number of containers around it.
    func decode(_ source: PrefixedByteSource<AnyByteSource>, format: SniffedFormat, name: String, path: String,
                depth: Int, size: Int64?, budget: DecodeBudget, into result: inout ClassificationResult) -> DecodeOutcome {
        do {
            switch format {
            case .text(_, "message/rfc822"):
                // MIME parts carry their own transfer encodings and charsets.
                return decodeDocument(source, kind: nil, mimeType: "message/rfc822", name: name, path: path,
                                      depth: depth, size: size, budget: budget, into: &result)
            case .text(let encoding, let mime):
                // Full-width digits, letters and the ideographic space read as ASCII
                // (WidthNormalizingByteSource.swift): one character per character.
                var text = WidthNormalizingByteSource(upstream: TranscodingByteSource(upstream: source, encoding: encoding))
                classifier.offsetMap = text.offsetMap
                defer { classifier.offsetMap = nil }
                let status = try scanText(&text, mimeType: mime, into: &result)
                // Classified bytes are decoded-text bytes: three per mapped character.
                result.sizeClassified += Int64(2 * text.mappedCount)
                return DecodeOutcome(Self.reportedMimeType(mime, encoding), status)
            case .gzip:
                guard depth < limits.maxNestingDepth else { return nestedTooDeep(format) }
                return try decodeGzip(source, name: name, path: path, depth: depth, size: size, budget: budget,
                                      into: &result)
            case .archive(let mime):
                guard depth < limits.maxNestingDepth else { return nestedTooDeep(format) }
                let input: ArchiveInput
                if mime == "application/x-7z-compressed" {
                    // 7-Zip keeps its directory at the end: it is read from memory.
                    var whole = source
                    guard let bytes = try Self.readWhole(&whole, limit: limits.maxDocumentBytes) else {
                        return DecodeOutcome(mime, ObjectStatus(code: .skipped, reason: .fileExceedsSizeLimit,
                            detail: "7-Zip archives are read whole, up to \(limits.maxDocumentBytes) bytes"))
                    }
                    input = .bytes(bytes)
                } else {
                    input = .stream(AnyByteSource(source))
                }
                _ = decodeArchive(input, mode: .archive, name: name, path: path, depth: depth,
                                  budget: budget, into: &result)
                return DecodeOutcome(mime)
            case .compressed(let mime):
                guard depth < limits.maxNestingDepth else { return nestedTooDeep(format) }
                // Like gzip, the object's type is the stream's (a .csv.xz is a CSV).
                let inner = decodeArchive(.stream(AnyByteSource(source)), mode: .compressedStream, name: name, path: path,
                                          depth: depth, budget: budget, into: &result)
                return DecodeOutcome(inner ?? mime)
            case .document(let kind, let mime):
                return decodeDocument(source, kind: kind, mimeType: mime, name: name, path: path, depth: depth,
                                      size: size, budget: budget, into: &result)
            case .binary(let mime), .unsupportedContainer(let mime):
                return DecodeOutcome(mime, ObjectStatus(code: .skipped, reason: .unsupportedFileType,
                                                        detail: "\(mime) is not a format Trawl classifies"))
            }
        } catch {
            return DecodeOutcome(format.mimeType, readFailure(error, classified: result.sizeClassified > 0))
        }
    }

    /// A read that failed part-way: damaged data inside a container is MALFORMED_FILE,
    /// a failing object store or disk is an internal error.
    func readFailure(_ error: any Error, classified: Bool) -> ObjectStatus {
        let code: StatusCode = classified || classifier.totalMatches > 0 ? .partial : .skipped
        switch error {
        case let e as ArchiveError:
            switch e {
            case .encrypted: return ObjectStatus(code: code, reason: .unableToParseFile, detail: "\(e)")
            case .unsupported: return ObjectStatus(code: code, reason: .unsupportedFileType, detail: "\(e)")
            default: return ObjectStatus(code: code, reason: .malformedFile, detail: "\(e)")
            }
        case let e as GzipError:
            return ObjectStatus(code: code, reason: .malformedFile, detail: "\(e)")
        default:
            return ObjectStatus(code: code, reason: .internalError, detail: "read failed: \(error)")
        }
    }

    private func nestedTooDeep(_ format: SniffedFormat) -> DecodeOutcome {
        DecodeOutcome(format.mimeType, ObjectStatus(
            code: .skipped, reason: .archiveNestingLevelOverLimit,
            detail: "a container nested more than \(limits.maxNestingDepth) levels deep was not opened"))
    }

    func addMember(_ path: String, mimeType: String?, to result: inout ClassificationResult) {
        if result.members.count < limits.maxListedMembers {
            result.members.append(ContainerMember(path: path, mimeType: mimeType))
        } else {
            result.membersNotListed += 1
        }
    }

    /// The MIME type reported for text: with its charset when it was not UTF-8 (nor the
    /// Windows-1252 fallback), so the result says which encoding was read.
    static func reportedMimeType(_ mime: String, _ encoding: TextEncoding) -> String {
        switch encoding {
        case .utf8, .windows1252: mime
        case .utf16LE, .utf16BE, .shiftJIS, .eucJP, .iso2022JP: mime + "; charset=" + encoding.rawValue
        }
    }

    /// Formats that hold members of their own.
    static func isContainer(_ format: SniffedFormat) -> Bool {
        switch format {
        case .gzip, .archive, .compressed: true
        default: false
        }
    }

    static func joined(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : path + "/" + name
    }

    // MARK: gzip (ISA-L directly: the fast path for the most common compressed object)

    /// Compressed objects at least this large inflate on their own thread.
    static let readAheadThreshold: Int64 = 1 << 20

    private func decodeGzip(_ source: PrefixedByteSource<AnyByteSource>, name: String, path: String, depth: Int,
                            size: Int64?, budget: DecodeBudget, into result: inout ClassificationResult) throws -> DecodeOutcome {
        let gzip = try GzipByteSource(upstream: source, maxOutputBytes: limits.maxExpandedBytes)
        let innerName = Self.nameInsideCompressed(name)
        let memberPath = Self.joined(path, gzip.memberName ?? (innerName as NSString).lastPathComponent)
        // A large object's stream is inflated on a thread of its own while this one scans.
        let inflated = depth == 0 && (size ?? 0) >= Self.readAheadThreshold
            ? AnyByteSource(ReadAheadByteSource(upstream: gzip)) : AnyByteSource(gzip)
        let inner = try PrefixedByteSource(upstream: AnyByteSource(ExpansionLimiter(inflated, budget: budget,
                                                                                     label: memberPath)))
        let innerFormat = FormatSniffer.sniff(inner.prefix, key: innerName)
        // A compressed archive (.tar.gz) lists the archive's members; a compressed
        // document (.csv.gz) lists the document.
        let transparent = Self.isContainer(innerFormat)
        if !transparent { addMember(memberPath, mimeType: innerFormat.mimeType, to: &result) }
        let outcome = decode(inner, format: innerFormat, name: innerName, path: transparent ? path : memberPath,
                             depth: depth + 1, size: nil, budget: budget, into: &result)
        switch gzip.damage {
        case nil, .outputLimitExceeded?:
            break
        case .truncated?:
            budget.note(.malformedFile, "gzip stream is truncated; \(gzip.totalOut) bytes were read and classified")
        case .corrupt(let why)?:
            budget.note(.malformedFile, "gzip stream is corrupt (\(why)); \(gzip.totalOut) bytes were read and classified")
        }
        if gzip.damage == .outputLimitExceeded {
            budget.exhaust(.archiveTotalBytesExtractedOverLimit, "gzip stream expands beyond \(limits.maxExpandedBytes) bytes")
        }
        // The object is its stream: a .csv.gz is a CSV, with the CSV's status.
        return outcome
    }

    // MARK: Archives and compressed streams (libarchive)

    /// Classify every member of an archive (or the one stream inside a compressed
    /// stream). Returns the type of the last member (the stream's, for a compressed stream).
    enum ArchiveInput {
        case stream(AnyByteSource)
        case bytes([UInt8])
    }

    func decodeArchive(_ input: ArchiveInput, mode: ArchiveMode, name: String, path: String, depth: Int,
                               budget: DecodeBudget, into result: inout ClassificationResult) -> String? {
        let label = path.isEmpty ? "the archive" : path
        let reader: ArchiveReader
        do {
            switch input {
            case .stream(let source): reader = try ArchiveReader(upstream: source, mode: mode)
            case .bytes(let bytes): reader = try ArchiveReader(bytes: bytes, mode: mode)
            }
        } catch {
            budget.note(readFailure(error, classified: false).reason ?? .malformedFile, "\(label) cannot be opened: \(error)")
            return nil
        }
        var lastType: String?
        while !budget.exhausted {
            let member: ArchiveMember?
            do {
                member = try reader.nextMember()
            } catch {
                budget.note(readFailure(error, classified: false).reason ?? .malformedFile,
                            "\(label) is damaged after \(reader.memberCount) members: \(error)")
                break
            }
            guard let member else { break }
            // Directories hold nothing; links are never followed.
            guard member.kind == .regular else { continue }
            budget.members += 1
            if budget.members > limits.maxMembers {
                budget.exhaust(.archiveTotalDocumentsProcessedOverLimit,
                               "more than \(limits.maxMembers) members; the first \(limits.maxMembers) were classified")
                break
            }
            let memberName = mode == .compressedStream ? Self.nameInsideCompressed(name) : member.path
            let listed = Self.joined(path, mode == .compressedStream ? (memberName as NSString).lastPathComponent : memberName)
            if member.isEncrypted {
                addMember(listed, mimeType: nil, to: &result)
                budget.note(.archiveContainsUnprocessedFiles, "\(listed) is encrypted")
                continue
            }
            if let size = member.size, size > limits.maxMemberBytes {
                addMember(listed, mimeType: nil, to: &result)
                budget.note(.fileExceedsSizeLimit, "\(listed) is \(size) bytes, over the \(limits.maxMemberBytes)-byte member limit")
                continue
            }
            let data = ExpansionLimiter(reader.memberSource(), budget: budget, label: listed)
            let outcome: DecodeOutcome
            do {
                let pre = try PrefixedByteSource(upstream: AnyByteSource(data))
                let format = FormatSniffer.sniff(pre.prefix, key: memberName)
                // Listed before its own members: containers come before what they hold. The
                // stream of a compressed archive (.tar.xz) is not listed, its members are.
                let transparent = mode == .compressedStream && Self.isContainer(format)
                if !transparent { addMember(listed, mimeType: format.mimeType, to: &result) }
                outcome = decode(pre, format: format, name: memberName, path: transparent ? path : listed,
                                 depth: depth + 1, size: member.size, budget: budget, into: &result)
            } catch {
                addMember(listed, mimeType: nil, to: &result)
                outcome = DecodeOutcome("application/octet-stream", readFailure(error, classified: false))
            }
            budget.noteMember(listed, outcome.status)
            lastType = outcome.mimeType
        }
        return lastType
    }

    /// The name of what a compressed file holds: `q1.csv.gz` holds `q1.csv`, `x.tgz` a tar.
    static func nameInsideCompressed(_ name: String) -> String {
        let lower = name.lowercased()
        for (suffix, replacement) in [(".tgz", ".tar"), (".tbz2", ".tar"), (".tbz", ".tar"), (".txz", ".tar"),
                                      (".tzst", ".tar")] where lower.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count)) + replacement
        }
        for suffix in [".gz", ".gzip", ".bz2", ".xz", ".zst", ".zstd", ".lz4", ".lz", ".lzma", ".z"]
            where lower.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    // MARK: Text

    /// Formats read field by field rather than as lines.
    static func isStructured(_ mime: String) -> Bool {
        switch mime {
        case "text/csv", "text/tab-separated-values", "application/json", "application/x-ndjson": true
        default: false
        }
    }

    /// Classify decoded UTF-8 text by its format: cells for CSV/TSV, records for JSON and
    /// JSON Lines, lines for everything else. Returns the text's status.
    func scanText(_ text: inout some ByteSource, mimeType: String,
                  into result: inout ClassificationResult) throws -> ObjectStatus {
        switch mimeType {
        case "text/csv":
            result.sizeClassified += try structuredScanner.scanDelimited(&text, delimiter: UInt8(ascii: ","), into: classifier)
        case "text/tab-separated-values":
            result.sizeClassified += try structuredScanner.scanDelimited(&text, delimiter: 0x09, into: classifier)
        case "application/json", "application/x-ndjson":
            var read: Int64 = 0
            let mark = classifier.mark()
            do {
                let outcome = try structuredScanner.scanJSON(&text, lines: mimeType == "application/x-ndjson",
                                                             into: classifier, bytesRead: &read)
                result.sizeClassified += read
                if case let .malformedRecords(bad, total) = outcome {
                    return ObjectStatus(code: .partial, reason: .malformedFile,
                                        detail: "\(bad) of \(total) JSON Lines records do not parse and were skipped")
                }
            } catch let error as JSONReaderError {
                switch error {
                case .nestingTooDeep(let limit, _):
                    // Macie skips the whole file: nothing of it is reported.
                    classifier.rollback(to: mark)
                    return ObjectStatus(code: .skipped, reason: .jsonNestingLevelOverLimit,
                                        detail: "JSON nests deeper than \(limit) levels")
                case .malformed(let offset, let detail):
                    result.sizeClassified += Int64(offset)
                    return ObjectStatus(code: offset > 0 ? .partial : .skipped, reason: .malformedFile,
                                        detail: "JSON does not parse at byte \(offset) (\(detail)); what precedes was classified")
                }
            }
        default:
            result.sizeClassified += try textScanner.scan(&text, into: classifier)
        }
        return .complete
    }
}

