// Documents that their libraries read whole: PDF (poppler: text per page, occurrences as
// Pages), e-mail (GMime: header fields and text bodies as lines, attachments as nested
// members), Avro object containers (avro-c: values as Records with JsonPath) and Office
// packages (OOXML). The object, or member, is read into memory up to
// ObjectLimits.maxDocumentBytes; a larger one is FILE_EXCEEDS_SIZE_LIMIT.

import Foundation
import TrawlDetectors
import TrawlFindings
import TrawlFormats

extension ObjectScanner {
    /// `kind` is nil for e-mail (sniffed as text by its header fields).
    func decodeDocument(_ source: PrefixedByteSource<AnyByteSource>, kind: DocumentKind?, mimeType: String,
                        name: String, path: String, depth: Int, size: Int64?, budget: DecodeBudget,
                        into result: inout ClassificationResult) -> DecodeOutcome {
        let limit = limits.maxDocumentBytes
        let tooLarge = ObjectStatus(code: .skipped, reason: .fileExceedsSizeLimit,
                                    detail: "\(mimeType) documents are read whole, up to \(limit) bytes")
        if let size, size > Int64(limit) { return DecodeOutcome(mimeType, tooLarge) }
        var input = source
        let bytes: [UInt8]
        do {
            guard let whole = try Self.readWhole(&input, limit: limit) else { return DecodeOutcome(mimeType, tooLarge) }
            bytes = whole
        } catch {
            return DecodeOutcome(mimeType, readFailure(error, classified: false))
        }
        switch kind {
        case .pdf?: return DecodeOutcome(mimeType, decodePDF(bytes, into: &result))
        case .avro?: return DecodeOutcome(mimeType, decodeAvro(bytes, into: &result))
        case .ooxml?: return decodeOOXML(bytes, mimeType: mimeType, name: name, path: path, depth: depth,
                                         budget: budget, into: &result)
        case nil: return DecodeOutcome(mimeType, decodeEmail(bytes, path: path, depth: depth, budget: budget,
                                                             into: &result))
        }
    }

    /// The whole stream, or nil when it is longer than `limit`.
    static func readWhole(_ source: inout some ByteSource, limit: Int) throws -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: 64 * 1024)
        var filled = 0
        while true {
            if filled == out.count {
                if out.count > limit { return nil }
                out.append(contentsOf: repeatElement(0, count: out.count))
            }
            let n = try out.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
            if n == 0 { break }
            filled += n
        }
        if filled > limit { return nil }
        out.removeSubrange(filled...)
        return out
    }

    /// Text in memory, scanned as lines (or as the current PDF page), full-width forms
    /// read as ASCII like any other text (WidthNormalizingByteSource.swift).
    private func scanBytes(_ text: [UInt8], into result: inout ClassificationResult) throws {
        var source = WidthNormalizingByteSource(upstream: MemoryByteSource(text))
        classifier.offsetMap = source.offsetMap
        defer { classifier.offsetMap = nil }
        result.sizeClassified += try textScanner.scan(&source, into: classifier) + Int64(2 * source.mappedCount)
    }

    // MARK: PDF

    private func decodePDF(_ bytes: [UInt8], into result: inout ClassificationResult) -> ObjectStatus {
        defer { classifier.page = nil }
        var pagesRead = 0
        do {
            let reader = try PDFTextReader(bytes: bytes)
            try reader.forEachPage { number, text in
                classifier.page = number
                try scanBytes(text, into: &result)
                pagesRead += 1
            }
            return .complete
        } catch PDFTextError.encrypted {
            return ObjectStatus(code: .skipped, reason: .unableToParseFile,
                                detail: "the PDF is encrypted and needs a password to be read")
        } catch PDFTextError.libraryUnavailable(let reason) {
            // Not the object's fault: this installation cannot read PDFs.
            return ObjectStatus(code: .skipped, reason: .internalError,
                                detail: "\(PDFTextError.libraryUnavailable(reason))")
        } catch {
            return ObjectStatus(code: pagesRead > 0 ? .partial : .skipped, reason: .malformedFile,
                                detail: "\(error); \(pagesRead) pages were classified")
        }
    }

    // MARK: E-mail

    private func decodeEmail(_ bytes: [UInt8], path: String, depth: Int, budget: DecodeBudget,
                             into result: inout ClassificationResult) -> ObjectStatus {
        do {
            let summary = try EmailReader().read(bytes) { item in
                switch item {
                case .headers(let text):
                    try scanBytes(text, into: &result)
                case .body(let part):
                    try scanBytes(part.text, into: &result)
                case .attachment(let attachment):
                    let listed = Self.joined(path, attachment.filename)
                    budget.members += 1
                    guard !budget.exhausted, budget.charge(attachment.bytes.count) else { return }
                    if budget.members > limits.maxMembers {
                        budget.exhaust(.archiveTotalDocumentsProcessedOverLimit,
                                       "more than \(limits.maxMembers) members and attachments")
                        return
                    }
                    guard depth < limits.maxNestingDepth else {
                        addMember(listed, mimeType: attachment.mimeType, to: &result)
                        budget.note(.archiveNestingLevelOverLimit,
                                    "\(listed) is nested more than \(limits.maxNestingDepth) levels deep")
                        return
                    }
                    let pre = try PrefixedByteSource(upstream: AnyByteSource(MemoryByteSource(attachment.bytes)))
                    let format = FormatSniffer.sniff(pre.prefix, key: attachment.filename)
                    let outcome = decode(pre, format: format, name: attachment.filename, path: listed,
                                         depth: depth + 1, size: Int64(attachment.bytes.count), budget: budget,
                                         into: &result)
                    addMember(listed, mimeType: outcome.mimeType, to: &result)
                    budget.noteMember(listed, outcome.status)
                }
            }
            if summary.truncatedByPartLimit {
                budget.note(.archiveTotalDocumentsProcessedOverLimit,
                            "the message has more than the part limit; the first \(summary.partsVisited) parts were classified")
            }
            return .complete
        } catch EmailReadError.libraryUnavailable(let reason) {
            // Not the object's fault: this installation cannot read e-mail.
            return ObjectStatus(code: .skipped, reason: .internalError,
                                detail: "\(EmailReadError.libraryUnavailable(reason))")
        } catch {
            return ObjectStatus(code: result.sizeClassified > 0 ? .partial : .skipped, reason: .malformedFile,
                                detail: "\(error)")
        }
    }

    // MARK: Avro

    private func decodeAvro(_ bytes: [UInt8], into result: inout ClassificationResult) -> ObjectStatus {
        let fields = structuredScanner.fields
        fields.beginTable(sheetName: nil)
        let mark = classifier.mark()
        var classified: Int64 = 0
        do {
            let summary = try AvroReader(maxNesting: limits.maxJSONDepth).read(bytes) { leaf in
                var subset: Int32 = 0
                for name in leaf.fieldNames { subset = fields.union(subset, fields.subset(forName: name)) }
                var path = leaf.jsonPath
                let value = fullWidthNormalized(leaf.value) ?? leaf.value
                path.withUTF8 { p in
                    value.withUnsafeBytes { v in
                        fields.addRecordValue(record: leaf.recordIndex, path: UnsafeRawBufferPointer(p), value: v,
                                              offset: -1, subset: subset, into: classifier)
                    }
                }
                classified += Int64(leaf.value.count)
            }
            fields.flush(into: classifier)
            result.sizeClassified += classified
            // bytes/fixed values that are not UTF-8 (hashes, UUIDs) hold no text to classify.
            _ = summary
            return .complete
        } catch AvroReadError.nestingTooDeep(let limit) {
            classifier.rollback(to: mark)
            return ObjectStatus(code: .skipped, reason: .jsonNestingLevelOverLimit,
                                detail: "Avro values nest deeper than \(limit) levels")
        } catch {
            fields.flush(into: classifier)
            result.sizeClassified += classified
            return ObjectStatus(code: classified > 0 ? .partial : .skipped, reason: .malformedFile, detail: "\(error)")
        }
    }

    // MARK: Office packages

    private func decodeOOXML(_ bytes: [UInt8], mimeType: String, name: String, path: String, depth: Int,
                             budget: DecodeBudget, into result: inout ClassificationResult) -> DecodeOutcome {
        let reader: OOXMLReader
        do {
            reader = try OOXMLReader(package: bytes)
        } catch {
            // A zip named like a document but without a document's parts: read it as the
            // zip it is.
            if case .malformed? = error as? OOXMLError {
                _ = decodeArchive(.bytes(bytes), mode: .archive, name: name, path: path, depth: depth,
                                  budget: budget, into: &result)
                return DecodeOutcome("application/zip")
            }
            return DecodeOutcome(mimeType, ooxmlStatus(error, classified: false))
        }
        let mime = switch reader.kind {
        case .wordprocessing: FormatSniffer.ooxmlWord
        case .spreadsheet: FormatSniffer.ooxmlSheet
        case .presentation: FormatSniffer.ooxmlSlides
        }
        defer { _ = budget.charge(Int(reader.uncompressedBytesRead)) }
        if reader.kind != .spreadsheet {
            do {
                let text = try reader.readText()
                try scanBytes(text.text, into: &result)
                if let damage = text.damage { return DecodeOutcome(mime, ooxmlStatus(damage, classified: true)) }
                return DecodeOutcome(mime)
            } catch {
                return DecodeOutcome(mime, ooxmlStatus(error, classified: result.sizeClassified > 0))
            }
        }
        // Cells: row 1 of each sheet names its columns (and is classified too).
        let fields = structuredScanner.fields
        var sheet = -1
        var classified: Int64 = 0
        defer {
            fields.flush(into: classifier)
            fields.beginTable(sheetName: nil)
            result.sizeClassified += classified
        }
        do {
            try reader.forEachCell { cell in
                if cell.sheetIndex != sheet {
                    fields.flush(into: classifier)
                    sheet = cell.sheetIndex
                    fields.beginTable(sheetName: cell.sheetName)
                }
                if cell.row == 1 { fields.nameColumn(cell.column, cell.text) }
                let subset = cell.row > 1 ? fields.subset(ofColumn: cell.column) : 0
                var text = fullWidthNormalized(cell.text)
                text.withUTF8 { value in
                    fields.addCell(row: cell.row, column: cell.column, value: UnsafeRawBufferPointer(value), offset: -1,
                                   subset: subset, into: classifier)
                }
                classified += Int64(text.utf8.count)
            }
            return DecodeOutcome(mime)
        } catch {
            return DecodeOutcome(mime, ooxmlStatus(error, classified: classified > 0))
        }
    }

    private func ooxmlStatus(_ error: any Error, classified: Bool) -> ObjectStatus {
        let code: StatusCode = classified ? .partial : .skipped
        switch error as? OOXMLError {
        case .ratioExceeded?:
            return ObjectStatus(code: code, reason: .ooxmlUncompressedRatioExceedsLimit, detail: "\(error)")
        case .totalBytesExceeded?:
            return ObjectStatus(code: code, reason: .archiveTotalBytesExtractedOverLimit, detail: "\(error)")
        case .archive(let inner)?:
            return readFailure(inner, classified: classified)
        case .malformed?, nil:
            return ObjectStatus(code: code, reason: .malformedFile, detail: "\(error)")
        }
    }
}
