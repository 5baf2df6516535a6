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
// a copy of the bytes; no temporary file).

import CGMime

/// Why a message could not be read. Descriptions carry no content of the message.
public enum EmailReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not parseable as a message; `detail` is fixed text.
    case malformed(String)

    public var description: String {
        switch self {
        case .malformed(let detail): return "malformed e-mail: \(detail)"
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

    /// g_mime_init once per process (it is not safe to call concurrently).
    private static let initialized: Bool = {
        g_mime_init()
        return true
    }()

    public let maxParts: Int

    public init(maxParts: Int = 10_000) {
        self.maxParts = max(1, maxParts)
    }

    /// Parses `bytes` (a whole message) and calls `visit` with the headers, then
    /// each body part and attachment in document order.
    @discardableResult
    public func read(_ bytes: [UInt8], _ visit: (EmailItem) throws -> Void) throws -> EmailReadSummary {
        _ = Self.initialized
        let stream = bytes.withUnsafeBytes { raw in
            g_mime_stream_mem_new_with_buffer(raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count)
        }
        guard let stream else { throw EmailReadError.malformed("cannot create a memory stream") }
        defer { g_object_unref(stream) }
        guard let parser = g_mime_parser_new_with_stream(stream) else {
            throw EmailReadError.malformed("cannot create a parser")
        }
        defer { g_object_unref(parser) }
        guard let message = g_mime_parser_construct_message(parser, nil) else {
            throw EmailReadError.malformed("no RFC 5322 message found")
        }
        defer { g_object_unref(message) }

        try visit(.headers(Self.headerText(Self.object(message))))

        guard let root = g_mime_message_get_mime_part(message) else {
            return EmailReadSummary(partsVisited: 0, truncatedByPartLimit: false)
        }
        // Explicit stack, children pushed in reverse so they pop in document order.
        // Every pointer on it is borrowed from `message`, which outlives the walk.
        var stack: [(part: UnsafeMutablePointer<GMimeObject>, section: String)] = [(root, "1")]
        var visited = 0
        while let (part, section) = stack.popLast() {
            if visited == maxParts {
                return EmailReadSummary(partsVisited: visited, truncatedByPartLimit: true)
            }
            visited += 1
            if Self.isA(part, g_mime_multipart_get_type()) {
                let multipart = Self.cast(part, to: GMimeMultipart.self)
                let count = Int(g_mime_multipart_get_count(multipart))
                // The root multipart's children are sections 1...n; a nested one's are
                // "<section>.k" (IMAP numbering: a multipart has no number of its own).
                let prefix = part == root ? "" : section + "."
                var k = count - 1
                while k >= 0 {
                    if let child = g_mime_multipart_get_part(multipart, Int32(k)) {
                        stack.append((child, prefix + String(k + 1)))
                    }
                    k -= 1
                }
            } else if Self.isA(part, g_mime_message_part_get_type()) {
                let messagePart = Self.cast(part, to: GMimeMessagePart.self)
                var content: [UInt8] = []
                if let inner = g_mime_message_part_get_message(messagePart) {
                    content = Self.serialize(Self.object(inner))
                }
                try visit(.attachment(Self.attachment(part, section: section, bytes: content)))
            } else if Self.isA(part, g_mime_part_get_type()) {
                let leaf = Self.cast(part, to: GMimePart.self)
                let isText = Self.isA(part, g_mime_text_part_get_type())
                if isText && !Self.isAttachmentDisposition(part) {
                    let textPart = Self.cast(part, to: GMimeTextPart.self)
                    var text: [UInt8] = []
                    if let utf8 = g_mime_text_part_get_text(textPart) {
                        text = [UInt8](UnsafeRawBufferPointer(start: utf8, count: strlen(utf8)))
                        g_free(utf8)
                    }
                    try visit(.body(EmailTextPart(section: section, mimeType: Self.mimeType(part),
                                                  text: Self.asUTF8(text))))
                } else {
                    try visit(.attachment(Self.attachment(part, section: section, bytes: Self.decodedContent(leaf))))
                }
            }
            // Any other GMimeObject subclass carries no content of its own.
        }
        return EmailReadSummary(partsVisited: visited, truncatedByPartLimit: false)
    }

    // MARK: GObject plumbing

    private static func object<T>(_ pointer: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<GMimeObject> {
        UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: GMimeObject.self)
    }

    private static func cast<T>(_ object: UnsafeMutablePointer<GMimeObject>, to: T.Type) -> UnsafeMutablePointer<T> {
        UnsafeMutableRawPointer(object).assumingMemoryBound(to: T.self)
    }

    /// GMIME_IS_* (a C macro, not imported).
    private static func isA(_ object: UnsafeMutablePointer<GMimeObject>, _ type: GType) -> Bool {
        g_type_check_instance_is_a(UnsafeMutableRawPointer(object).assumingMemoryBound(to: GTypeInstance.self),
                                   type) != 0
    }

    private static func string(_ p: UnsafePointer<CChar>?) -> String? {
        p.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: strlen($0)), as: UTF8.self) }
    }

    // MARK: Pieces

    private static func headerText(_ object: UnsafeMutablePointer<GMimeObject>) -> [UInt8] {
        var out: [UInt8] = []
        guard let list = g_mime_object_get_header_list(object) else { return out }
        let count = Int(g_mime_header_list_get_count(list))
        for index in 0..<count {
            guard let header = g_mime_header_list_get_header_at(list, Int32(index)),
                  let name = g_mime_header_get_name(header) else { continue }
            let lower = String(cString: name).lowercased()
            if skippedHeaders.contains(lower) || lower.hasPrefix("arc-") { continue }
            out.append(contentsOf: UnsafeRawBufferPointer(start: name, count: strlen(name)))
            out.append(contentsOf: ": ".utf8)
            if let value = g_mime_header_get_value(header) {
                out.append(contentsOf: asUTF8([UInt8](UnsafeRawBufferPointer(start: value, count: strlen(value)))))
            }
            out.append(0x0A)
        }
        return out
    }

    private static func mimeType(_ object: UnsafeMutablePointer<GMimeObject>) -> String {
        guard let type = g_mime_object_get_content_type(object),
              let mime = g_mime_content_type_get_mime_type(type) else { return "application/octet-stream" }
        defer { g_free(mime) }
        return String(cString: mime).lowercased()
    }

    private static func isAttachmentDisposition(_ object: UnsafeMutablePointer<GMimeObject>) -> Bool {
        guard let disposition = g_mime_object_get_content_disposition(object) else { return false }
        return g_mime_content_disposition_is_attachment(disposition) != 0
    }

    private static func attachment(_ object: UnsafeMutablePointer<GMimeObject>, section: String,
                                   bytes: [UInt8]) -> EmailAttachment {
        // g_mime_part_get_filename does the same two look-ups for GMimePart.
        let declared = string(g_mime_object_get_content_disposition_parameter(object, "filename"))
            ?? string(g_mime_object_get_content_type_parameter(object, "name"))
        let name = declared.flatMap { $0.isEmpty ? nil : $0 }
        return EmailAttachment(section: section, filename: name ?? "part-\(section)",
                               filenameIsDeclared: name != nil, mimeType: mimeType(object),
                               charset: string(g_mime_object_get_content_type_parameter(object, "charset")),
                               bytes: bytes)
    }

    /// The part's content with its Content-Transfer-Encoding undone.
    private static func decodedContent(_ part: UnsafeMutablePointer<GMimePart>) -> [UInt8] {
        guard let wrapper = g_mime_part_get_content(part) else { return [] }
        return withMemoryStream { g_mime_data_wrapper_write_to_stream(wrapper, $0) }
    }

    /// An attached message as bytes (GMime writes back what it parsed).
    private static func serialize(_ object: UnsafeMutablePointer<GMimeObject>) -> [UInt8] {
        withMemoryStream { g_mime_object_write_to_stream(object, nil, $0) }
    }

    private static func withMemoryStream(_ write: (UnsafeMutablePointer<GMimeStream>) -> Int) -> [UInt8] {
        guard let stream = g_mime_stream_mem_new() else { return [] }
        defer { g_object_unref(stream) }
        guard write(stream) >= 0,
              let array = g_mime_stream_mem_get_byte_array(cast(object(stream), to: GMimeStreamMem.self)),
              let data = array.pointee.data else { return [] }
        return [UInt8](UnsafeBufferPointer(start: data, count: Int(array.pointee.len)))
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
