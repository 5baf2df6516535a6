// PDFTextReader: the text of a PDF, page by page (DESIGN.md: PDF occurrences are
// reported by 1-based PageNumber).
//
// Why poppler-glib: PDF text extraction means parsing the object graph, xref
// streams, object streams, filters (Flate, LZW, ASCII85, ...), fonts with their
// ToUnicode maps and encodings, and the standard security handler; poppler is the
// well-kept library that does all of it (it is what pdftotext and Evince use). Its
// GLib binding is the stable C API (the C++ core has no ABI promise).
//
// Memory: the document is opened from memory (poppler_document_new_from_bytes on a
// GBytes that holds one copy of the object; no temporary file). A caller holds one
// page's text at a time through `forEachPage` or `text(ofPage:)`; poppler keeps its
// parsed objects (not page text) until the reader is released.
//
// Loading: poppler-glib is opened with dlopen on the first PDF (CDocumentLibraries, which
// makes the GLib calls), not at every start; without it a PDF fails with
// `.libraryUnavailable`.
//
// Threads: a reader is not Sendable (a PopplerDocument must not be used from two
// threads at once); separate readers on separate threads are fine (poppler guards
// its global state itself).

import CDocumentLibraries
#if canImport(Glibc)
import Glibc
#endif

/// Why a PDF could not be read. Descriptions carry no content of the document.
public enum PDFTextError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The PDF needs a password to be read (POPPLER_ERROR_ENCRYPTED); the scanner
    /// reports the object SKIPPED. A PDF encrypted with only an owner password
    /// (the empty user password opens it) is not this case: it is read.
    case encrypted
    /// Damaged or not a PDF; `detail` is poppler's message (fixed text, no data).
    case malformed(String)
    /// `text(ofPage:)` was asked for a page outside 1...pageCount.
    case pageOutOfRange(page: Int, pageCount: Int)
    /// poppler-glib could not be loaded; `reason` is the loader's message.
    case libraryUnavailable(String)

    public var description: String {
        switch self {
        case .encrypted: return "the PDF is encrypted with a user password"
        case .malformed(let detail): return "malformed PDF: \(detail)"
        case .pageOutOfRange(let page, let count): return "page \(page) is outside 1...\(count)"
        case .libraryUnavailable(let reason): return "PDF support is unavailable: \(reason)"
        }
    }
}

/// A PDF opened from memory; its pages' text as UTF-8, one page at a time.
public final class PDFTextReader {
    private let document: OpaquePointer
    /// Number of pages (0 is possible for a damaged but openable document).
    public let pageCount: Int

    /// Opens the PDF in `bytes` (the whole object; poppler gets its own copy, so
    /// the caller may drop `bytes` afterwards).
    public init(bytes: [UInt8]) throws(PDFTextError) {
        var opened: OpaquePointer?
        var message = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBytes { raw in
            trawl_pdf_open(raw.baseAddress, raw.count, &opened, &message, message.count)
        }
        guard status == TRAWL_DOC_OK, let opened else {
            switch status {
            case TRAWL_DOC_ENCRYPTED: throw .encrypted
            case TRAWL_DOC_UNAVAILABLE: throw .libraryUnavailable(String(cString: trawl_pdf_library_error()))
            default: throw .malformed(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                                             as: UTF8.self))
            }
        }
        document = opened
        pageCount = Int(max(0, trawl_pdf_page_count(opened)))
    }

    deinit {
        trawl_pdf_close(document)
    }

    /// The text of page `number` (1-based) as UTF-8 bytes, in poppler's reading
    /// order (lines separated by "\n"); empty for a page without text.
    public func text(ofPage number: Int) throws(PDFTextError) -> [UInt8] {
        guard number >= 1, number <= pageCount else {
            throw .pageOutOfRange(page: number, pageCount: pageCount)
        }
        var text: UnsafeMutablePointer<CChar>?
        guard trawl_pdf_page_text(document, Int32(number - 1), &text) != 0 else {
            throw .malformed("page \(number) cannot be loaded")
        }
        guard let text else { return [] }
        defer { trawl_document_free(text) }
        let length = strlen(text)
        return [UInt8](UnsafeRawBufferPointer(start: text, count: length))
    }

    /// Calls `body` with each page's number (1-based) and text, in page order,
    /// holding one page's text at a time.
    public func forEachPage(_ body: (_ pageNumber: Int, _ text: [UInt8]) throws -> Void) throws {
        var number = 1
        while number <= pageCount {
            try body(number, try text(ofPage: number))
            number += 1
        }
    }
}
