// EmailReader: the text of an RFC 5322 / MIME message (.eml) and its attachments.
//
// Why GMime 3: a MIME message needs the RFC 5322 header grammar with folding,
// RFC 2047 encoded words (with the real-world breakage mail clients tolerate),
// RFC 2231 parameters, multipart boundaries, quoted-printable and base64, and
// charset conversion to UTF-8; GMime is the well-kept C library that does all of
// it (Evolution, notmuch and others build on it).
//
// What comes out, in order, through a callback (one item at a time):
//  1. `.headers`: the top-level header fields as "Name: value\n" lines, unfolded,
//     RFC 2047 words decoded, in message order. Trace and signature fields
//     (Received, DKIM-Signature, ARC-*, ...) are left out: machine-written,
//     long base64 that only feeds false positives.
//  2. `.body` for each text part that is not an attachment (text/plain,
//     text/html, ...), decoded from its transfer encoding and converted from its
//     charset to UTF-8 by g_mime_text_part_get_text; a body that is still not
//     UTF-8 (no or an unknown charset) is decoded as Windows-1252 (DESIGN.md).
//     HTML is kept as it is, tags included: a value in an attribute (mailto:,
//     hidden fields, URLs with tokens) is content too, stripping tags would need
//     an HTML parser of its own, and the detectors read markup without trouble.
//  3. `.attachment` for each part with Content-Disposition: attachment, each
//     non-text leaf part, and each message/rfc822 part: a nested object (its file
//     name or "part-<section>", its declared MIME type, its decoded bytes) for the
//     caller to sniff and decode like any object. An attached message is not
//     descended into here: it comes out as its bytes (an .eml), so the caller's
//     nesting limit bounds it.
// Parts are numbered like IMAP sections ("1", "2.1", ...).
//
// The MIME tree is walked with an explicit stack (no recursion of ours), and the
// number of parts visited is capped; `EmailReadSummary.truncatedByPartLimit` says
// when the cap cut the walk. Input is parsed from memory (a GMimeStreamMem holding
// a copy of the bytes; no temporary file). GMime is opened with dlopen on the first
// message (CDocumentLibraries, which makes the GObject calls), not at every start.

import CDocumentLibraries
#if canImport(Glibc)
import Glibc
#endif

/// Why a message could not be read. Descriptions carry no content of the message.
public enum EmailReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not parseable as a message; `detail` is fixed text.
    case malformed(String)
    /// GMime could not be loaded; `reason` is the loader's message.
    case libraryUnavailable(String)

    public var description: String {
        switch self {
        case .malformed(let detail): return "malformed e-mail: \(detail)"
        case .libraryUnavailable(let reason): return "e-mail support is unavailable: \(reason)"
        }
    }
}

/// A text part of the message body, as UTF-8.
public struct EmailTextPart: Sendable, Equatable {
    /// IMAP-style section number ("1", "1.2").
    public let section: String
    /// The declared MIME type, lower case ("text/plain", "text/html").
    public let mimeType: String
    public let text: [UInt8]
}

/// An attachment: a nested object for the caller to decode.
public struct EmailAttachment: Sendable, Equatable {
    public let section: String
    /// The declared file name (RFC 2231/2047 decoded), or "part-<section>".
    public let filename: String
    /// Whether `filename` came from the message (false: generated).
    public let filenameIsDeclared: Bool
    /// The declared MIME type, lower case ("application/pdf", "message/rfc822").
    public let mimeType: String
    /// The declared charset of a text attachment, if any.
    public let charset: String?
    /// The content, decoded from base64 / quoted-printable; for message/rfc822 the
    /// attached message itself.
    public let bytes: [UInt8]
}

public enum EmailItem: Sendable, Equatable {
    /// The top-level header fields ("Name: value\n" lines, UTF-8).
    case headers([UInt8])
    case body(EmailTextPart)
    case attachment(EmailAttachment)
}

public struct EmailReadSummary: Sendable, Equatable {
    /// MIME entities visited (multiparts included).
    public let partsVisited: Int
    /// True when `maxParts` stopped the walk before the end of the tree.
    public let truncatedByPartLimit: Bool
}

public struct EmailReader: Sendable {
    /// Header fields left out of `.headers` (lower case; "arc-" is a prefix).
    static let skippedHeaders: Set<String> = [
        "received", "dkim-signature", "x-google-dkim-signature", "domainkey-signature",
        "authentication-results", "received-spf", "x-received",
    ]

    public let maxParts: Int

    public init(maxParts: Int = 10_000) {
        self.maxParts = max(1, maxParts)
    }

    /// Parses `bytes` (a whole message) and calls `visit` with the headers, then
    /// each body part and attachment in document order.
    @discardableResult
    public func read(_ bytes: [UInt8], _ visit: (EmailItem) throws -> Void) throws -> EmailReadSummary {
        var parsed: OpaquePointer?
        let status = bytes.withUnsafeBytes { trawl_mime_parse($0.baseAddress, $0.count, &parsed) }
        guard status == TRAWL_DOC_OK, let message = parsed else {
            if status == TRAWL_DOC_UNAVAILABLE {
                throw EmailReadError.libraryUnavailable(String(cString: trawl_mime_library_error()))
            }
            throw EmailReadError.malformed("no RFC 5322 message found")
        }
        defer { trawl_mime_close(message) }

        try visit(.headers(Self.headerText(trawl_mime_message_object(message))))

        guard let root = trawl_mime_message_body(message) else {
            return EmailReadSummary(partsVisited: 0, truncatedByPartLimit: false)
        }
        // Explicit stack, children pushed in reverse so they pop in document order.
        // Every pointer on it is borrowed from `message`, which outlives the walk.
        var stack: [(part: OpaquePointer, section: String)] = [(root, "1")]
        var visited = 0
        while let (part, section) = stack.popLast() {
            if visited == maxParts {
                return EmailReadSummary(partsVisited: visited, truncatedByPartLimit: true)
            }
            visited += 1
            switch trawl_mime_kind_of(part) {
            case TRAWL_MIME_MULTIPART:
                let count = Int(trawl_mime_child_count(part))
                // The root multipart's children are sections 1...n; a nested one's are
                // "<section>.k" (IMAP numbering: a multipart has no number of its own).
                let prefix = part == root ? "" : section + "."
                var k = count - 1
                while k >= 0 {
                    if let child = trawl_mime_child(part, Int32(k)) {
                        stack.append((child, prefix + String(k + 1)))
                    }
                    k -= 1
                }
            case TRAWL_MIME_TEXT_PART where trawl_mime_is_attachment(part) == 0:
                var text: [UInt8] = []
                if let utf8 = trawl_mime_text(part) {
                    text = [UInt8](UnsafeRawBufferPointer(start: utf8, count: strlen(utf8)))
                    trawl_document_free(utf8)
                }
                try visit(.body(EmailTextPart(section: section, mimeType: Self.mimeType(part),
                                              text: Self.asUTF8(text))))
            case TRAWL_MIME_MESSAGE_PART, TRAWL_MIME_PART, TRAWL_MIME_TEXT_PART:
                // An attached message comes out as its bytes, a leaf part as its content
                // with the transfer encoding undone.
                try visit(.attachment(Self.attachment(part, section: section, bytes: Self.content(part))))
            default:
                break   // any other entity carries no content of its own
            }
        }
        return EmailReadSummary(partsVisited: visited, truncatedByPartLimit: false)
    }

    // MARK: Pieces

    private static func string(_ p: UnsafePointer<CChar>?) -> String? {
        p.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: strlen($0)), as: UTF8.self) }
    }

    private static func headerText(_ object: OpaquePointer) -> [UInt8] {
        var out: [UInt8] = []
        let count = Int(trawl_mime_header_count(object))
        for index in 0..<count {
            var name: UnsafePointer<CChar>?, value: UnsafePointer<CChar>?
            guard trawl_mime_header(object, Int32(index), &name, &value) != 0, let name else { continue }
            let lower = String(cString: name).lowercased()
            if skippedHeaders.contains(lower) || lower.hasPrefix("arc-") { continue }
            out.append(contentsOf: UnsafeRawBufferPointer(start: name, count: strlen(name)))
            out.append(contentsOf: ": ".utf8)
            if let value {
                out.append(contentsOf: asUTF8([UInt8](UnsafeRawBufferPointer(start: value, count: strlen(value)))))
            }
            out.append(0x0A)
        }
        return out
    }

    private static func mimeType(_ object: OpaquePointer) -> String {
        guard let mime = trawl_mime_type(object) else { return "application/octet-stream" }
        defer { trawl_document_free(mime) }
        return String(cString: mime).lowercased()
    }

    private static func attachment(_ object: OpaquePointer, section: String, bytes: [UInt8]) -> EmailAttachment {
        // g_mime_part_get_filename does the same two look-ups for GMimePart.
        let declared = string(trawl_mime_disposition_parameter(object, "filename"))
            ?? string(trawl_mime_type_parameter(object, "name"))
        let name = declared.flatMap { $0.isEmpty ? nil : $0 }
        return EmailAttachment(section: section, filename: name ?? "part-\(section)",
                               filenameIsDeclared: name != nil, mimeType: mimeType(object),
                               charset: string(trawl_mime_type_parameter(object, "charset")),
                               bytes: bytes)
    }

    /// A leaf part's decoded content, or an attached message's bytes (empty on failure).
    private static func content(_ object: OpaquePointer) -> [UInt8] {
        var data: UnsafeMutablePointer<UInt8>?
        var count = 0
        guard trawl_mime_content(object, &data, &count) != 0, let data else { return [] }
        defer { trawl_document_free(data) }
        return [UInt8](UnsafeBufferPointer(start: data, count: count))
    }

    /// UTF-8 as is; anything else decoded as Windows-1252 (DESIGN.md).
    private static func asUTF8(_ bytes: [UInt8]) -> [UInt8] {
        if String(validating: bytes, as: UTF8.self) != nil { return bytes }
        var transcoder = TextTranscoder(encoding: .windows1252)
        var out: [UInt8] = []
        bytes.withUnsafeBytes { transcoder.transcode($0, isFinal: true, into: &out) }
        return out
    }
}
