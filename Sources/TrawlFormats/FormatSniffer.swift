// FormatSniffer: what an object is, from its first bytes (magic numbers first)
// and then its key (extension second), as DESIGN.md's "Text, binary, encodings"
// asks: gzip to inflate, archives and compressed streams to unpack, documents
// (PDF, OOXML, Avro) to decode, text to scan (with its encoding and MIME type),
// containers Trawl cannot decode, and binary to skip.
//
// Why hand-written: libmagic (file(1)) is the obvious library, but its answers
// are free-text descriptions or generic MIME types (no decodable encoding, no
// Windows-1252 fallback, text/plain for CSV), it loads a 7 MB database per
// process and its text/binary rule differs from DESIGN.md's. The table below is
// a fixed list of published magic numbers (file formats' own specifications).

#if canImport(Glibc)
import Glibc
#endif

/// The sniffed kind of an object (or of a decompressed stream).
public enum SniffedFormat: Equatable, Sendable {
    /// A gzip stream (1f 8b): inflate it and sniff the result again.
    case gzip
    /// Text in the given encoding; the MIME type comes from the key's extension.
    case text(TextEncoding, mimeType: String)
    /// A known binary format (or binary by the NUL/control-byte heuristic, then
    /// application/octet-stream): SKIPPED, UNSUPPORTED_FILE_TYPE_EXCEPTION.
    case binary(mimeType: String)
    /// An archive of members (zip, tar, 7z, cpio, ar, rar, ...), read with libarchive.
    case archive(mimeType: String)
    /// A compressed stream holding one unnamed member (bzip2, xz, zstd, lz4, lzip,
    /// compress), read with libarchive's raw format.
    case compressed(mimeType: String)
    /// A document decoded whole by its own library.
    case document(DocumentKind, mimeType: String)
    /// A container Trawl cannot decode (OLE compound files: .doc, .xls, .msg).
    case unsupportedContainer(mimeType: String)

    /// The MIME type to report for the object.
    public var mimeType: String {
        switch self {
        case .gzip: return "application/gzip"
        case .text(_, let mime), .binary(let mime), .unsupportedContainer(let mime), .archive(let mime),
             .compressed(let mime), .document(_, let mime):
            return mime
        }
    }
}

/// Documents read whole (the caller bounds their size).
public enum DocumentKind: Sendable, Equatable {
    case pdf
    /// docx, xlsx or pptx: a zip package whose first part is [Content_Types].xml, or a
    /// zip named so.
    case ooxml
    case avro
}

public enum FormatSniffer {
    /// How many leading bytes `sniff` looks at (it accepts fewer).
    public static let prefixLength = 8 * 1024

    /// Sniffs an object from its first bytes (`prefix`, up to `prefixLength`;
    /// the whole object when shorter) and its key. For the stream inside a
    /// `.gz`, pass the object key (`.gz` is stripped) or the gzip member name.
    public static func sniff(_ prefix: UnsafeRawBufferPointer, key: String) -> SniffedFormat {
        let bytes = prefix.count > prefixLength
            ? UnsafeRawBufferPointer(rebasing: prefix[..<prefixLength]) : prefix
        if let format = magic(bytes) {
            if case .archive("application/zip") = format, let ooxml = ooxmlType(bytes, key: key) { return ooxml }
            return format
        }
        switch BinaryHeuristic.classify(bytes) {
        case .binary: return .binary(mimeType: "application/octet-stream")
        case .text(let encoding):
            var mime = textMimeType(forKey: key)
            // JSON by its name must also look like JSON: the detected type is reported.
            if (mime == "application/json" || mime == "application/x-ndjson") && !looksLikeJSON(bytes, encoding) {
                mime = "text/plain"
            }
            if mime == "text/plain" && looksLikeEmail(bytes) { mime = "message/rfc822" }
            return .text(encoding, mimeType: mime)
        }
    }

    public static func sniff(_ prefix: [UInt8], key: String) -> SniffedFormat {
        prefix.withUnsafeBytes { sniff($0, key: key) }
    }

    // MARK: Magic numbers

    /// ECMA-376 Part 2 packages: a zip whose first part is "[Content_Types].xml" (how
    /// Office writes them), or a zip named .docx/.xlsx/.pptx (and their macro forms).
    static func ooxmlType(_ b: UnsafeRawBufferPointer, key: String) -> SniffedFormat? {
        let byName = ooxmlMimeType(forKey: key)
        if let byName { return .document(.ooxml, mimeType: byName) }
        // Local file header: name length at 26, the name at 30.
        guard b.count >= 30 + 19 else { return nil }
        let nameLength = Int(b[26]) | Int(b[27]) << 8
        guard nameLength == 19, has(b, "[Content_Types].xml", at: 30) else { return nil }
        // Which kind: the first main-part directory named in the first bytes.
        for (dir, mime) in [("word/", ooxmlWord), ("xl/", ooxmlSheet), ("ppt/", ooxmlSlides)] {
            let needle = Array(dir.utf8)
            if b.count >= needle.count {
                for k in 0...(b.count - needle.count) where has(b, needle, at: k) {
                    return .document(.ooxml, mimeType: mime)
                }
            }
        }
        return .document(.ooxml, mimeType: "application/zip")
    }

    public static let ooxmlWord = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    public static let ooxmlSheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    public static let ooxmlSlides = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

    static func ooxmlMimeType(forKey key: String) -> String? {
        let lower = key.lowercased()
        for (ext, mime) in [(".docx", ooxmlWord), (".docm", ooxmlWord), (".xlsx", ooxmlSheet), (".xlsm", ooxmlSheet),
                            (".pptx", ooxmlSlides), (".pptm", ooxmlSlides)] where lower.hasSuffix(ext) {
            return mime
        }
        return nil
    }

    private struct Magic {
        let offset: Int
        let bytes: [UInt8]
        let format: SniffedFormat
        init(_ offset: Int, _ bytes: [UInt8], _ format: SniffedFormat) {
            self.offset = offset; self.bytes = bytes; self.format = format
        }
        init(_ offset: Int, _ ascii: String, _ format: SniffedFormat) {
            self.init(offset, Array(ascii.utf8), format)
        }
    }

    private static func container(_ mime: String) -> SniffedFormat { .unsupportedContainer(mimeType: mime) }
    private static func archive(_ mime: String) -> SniffedFormat { .archive(mimeType: mime) }
    private static func compressed(_ mime: String) -> SniffedFormat { .compressed(mimeType: mime) }
    private static func binary(_ mime: String) -> SniffedFormat { .binary(mimeType: mime) }

    /// Fixed magic numbers, checked in order; formats needing more than a
    /// byte comparison are in `magic(_:)`.
    private static let table: [Magic] = [
        Magic(0, [0x1F, 0x8B], .gzip),
        // Archives and compressed streams (libarchive).
        Magic(0, [0x50, 0x4B, 0x03, 0x04], archive("application/zip")),   // docx, xlsx, ...: see magic(_:key:)
        Magic(0, [0x50, 0x4B, 0x05, 0x06], archive("application/zip")),   // empty zip
        Magic(0, [0x50, 0x4B, 0x07, 0x08], archive("application/zip")),   // spanned zip
        Magic(0, "%PDF-", .document(.pdf, mimeType: "application/pdf")),
        Magic(0, [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], archive("application/x-7z-compressed")),
        Magic(0, [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], compressed("application/x-xz")),
        Magic(0, [0x28, 0xB5, 0x2F, 0xFD], compressed("application/zstd")),
        Magic(0, [0x4C, 0x5A, 0x49, 0x50, 0x01], compressed("application/x-lzip")),
        Magic(0, [0x04, 0x22, 0x4D, 0x18], compressed("application/x-lz4")),
        Magic(0, [0x1F, 0x9D], compressed("application/x-compress")),
        Magic(0, [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x00], archive("application/vnd.rar")),       // RAR 4
        Magic(0, [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x01, 0x00], archive("application/vnd.rar")), // RAR 5
        Magic(257, "ustar", archive("application/x-tar")),  // POSIX "ustar\0" and GNU "ustar  \0"
        Magic(0, "070701", archive("application/x-cpio")),   // cpio "newc"
        Magic(0, "070702", archive("application/x-cpio")),   // cpio "newc" with CRC
        Magic(0, "070707", archive("application/x-cpio")),   // cpio "odc"
        Magic(0, [0xC7, 0x71], archive("application/x-cpio")), // cpio binary, little-endian
        Magic(0, "MSCF\0\0\0\0", archive("application/vnd.ms-cab-compressed")),
        Magic(0, "!<arch>\n", archive("application/x-archive")),
        Magic(0, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], container("application/x-ole-storage")), // .doc .xls .msg
        Magic(0, [0x4F, 0x62, 0x6A, 0x01], .document(.avro, mimeType: "application/avro")),  // "Obj" 1
        // Binary formats.
        Magic(0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], binary("image/png")),
        Magic(0, [0xFF, 0xD8, 0xFF], binary("image/jpeg")),
        Magic(0, "GIF87a", binary("image/gif")),
        Magic(0, "GIF89a", binary("image/gif")),
        Magic(0, [0x49, 0x49, 0x2A, 0x00], binary("image/tiff")),
        Magic(0, [0x4D, 0x4D, 0x00, 0x2A], binary("image/tiff")),
        Magic(0, [0x00, 0x00, 0x01, 0x00], binary("image/vnd.microsoft.icon")),
        Magic(0, "8BPS", binary("image/vnd.adobe.photoshop")),
        Magic(0, [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A], binary("image/jp2")),
        Magic(0, [0x7F, 0x45, 0x4C, 0x46], binary("application/x-executable")),        // ELF
        Magic(0, [0xFE, 0xED, 0xFA, 0xCE], binary("application/x-mach-binary")),
        Magic(0, [0xFE, 0xED, 0xFA, 0xCF], binary("application/x-mach-binary")),
        Magic(0, [0xCE, 0xFA, 0xED, 0xFE], binary("application/x-mach-binary")),
        Magic(0, [0xCF, 0xFA, 0xED, 0xFE], binary("application/x-mach-binary")),
        Magic(0, "dex\n", binary("application/vnd.android.dex")),
        Magic(0, [0x00, 0x61, 0x73, 0x6D], binary("application/wasm")),
        Magic(0, "SQLite format 3\0", binary("application/vnd.sqlite3")),
        Magic(0, "PAR1", binary("application/vnd.apache.parquet")),
        Magic(0, "ARROW1", binary("application/vnd.apache.arrow.file")),
        Magic(0, [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A], binary("application/x-hdf5")),
        Magic(0, [0xAC, 0xED, 0x00, 0x05], binary("application/x-java-serialized-object")),
        Magic(0, "OggS", binary("audio/ogg")),
        Magic(0, "fLaC", binary("audio/flac")),
        Magic(0, "ID3", binary("audio/mpeg")),
        Magic(0, [0xFF, 0xFB], binary("audio/mpeg")),   // MPEG-1 Layer III frame sync
        Magic(0, [0xFF, 0xF3], binary("audio/mpeg")),   // MPEG-2 Layer III
        Magic(0, [0xFF, 0xF2], binary("audio/mpeg")),
        Magic(0, "MThd", binary("audio/midi")),
        Magic(0, [0x46, 0x4C, 0x56, 0x01], binary("video/x-flv")),
        Magic(0, "wOFF", binary("font/woff")),
        Magic(0, "wOF2", binary("font/woff2")),
        Magic(0, "OTTO", binary("font/otf")),
        Magic(0, [0x00, 0x01, 0x00, 0x00, 0x00], binary("font/ttf")),
    ]

    private static func has(_ b: UnsafeRawBufferPointer, _ magic: [UInt8], at offset: Int) -> Bool {
        guard b.count >= offset + magic.count else { return false }
        for k in 0..<magic.count where b[offset + k] != magic[k] { return false }
        return true
    }

    private static func has(_ b: UnsafeRawBufferPointer, _ ascii: StaticString, at offset: Int) -> Bool {
        let count = ascii.utf8CodeUnitCount
        guard b.count >= offset + count else { return false }
        let p = ascii.utf8Start
        for k in 0..<count where b[offset + k] != p[k] { return false }
        return true
    }

    private static func uint32BE(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    private static func uint32LE(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(b[at + 3]) << 24 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 1]) << 8 | UInt32(b[at])
    }

    static func magic(_ b: UnsafeRawBufferPointer) -> SniffedFormat? {
        for m in table where has(b, m.bytes, at: m.offset) { return m.format }

        // bzip2: "BZh" + block size '1'...'9' + the block magic (pi) or the
        // end-of-stream magic (sqrt(pi)) of an empty stream.
        if b.count >= 10, has(b, "BZh", at: 0), (0x31...0x39).contains(b[3]),
           has(b, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59], at: 4) || has(b, [0x17, 0x72, 0x45, 0x38, 0x50, 0x90], at: 4) {
            return compressed("application/x-bzip2")
        }
        // 0xCAFEBABE: a Java class (then minor, major >= 45 follow) or a
        // universal Mach-O (then a small architecture count); file(1) splits
        // them the same way.
        if b.count >= 8, has(b, [0xCA, 0xFE, 0xBA, 0xBE], at: 0) {
            let next = uint32BE(b, 4)
            return next > 0 && next < 20 ? binary("application/x-mach-binary") : binary("application/java-vm")
        }
        // PE: "MZ" and, at the offset stored at 0x3C, "PE\0\0". A bare "MZ" is
        // left to the heuristic (text may start with "MZ"; DOS programs are
        // full of NULs anyway).
        if b.count >= 0x40, has(b, "MZ", at: 0) {
            let peOffset = Int(uint32LE(b, 0x3C))
            if peOffset <= b.count - 4, has(b, [0x50, 0x45, 0x00, 0x00], at: peOffset) {
                return binary("application/vnd.microsoft.portable-executable")
            }
        }
        // BMP: "BM", file size, then 4 reserved bytes that are zero.
        if b.count >= 14, has(b, "BM", at: 0), has(b, [0, 0, 0, 0], at: 6) {
            return binary("image/bmp")
        }
        // RIFF containers: the form type at offset 8.
        if b.count >= 12, has(b, "RIFF", at: 0) {
            if has(b, "WEBP", at: 8) { return binary("image/webp") }
            if has(b, "WAVE", at: 8) { return binary("audio/wav") }
            if has(b, "AVI ", at: 8) { return binary("video/x-msvideo") }
            return binary("application/octet-stream")
        }
        // EBML (Matroska / WebM): the DocType names which.
        if b.count >= 4, has(b, [0x1A, 0x45, 0xDF, 0xA3], at: 0) {
            let head = UnsafeRawBufferPointer(rebasing: b[..<min(b.count, 64)])
            for k in 0..<max(0, head.count - 3) where has(head, "webm", at: k) { return binary("video/webm") }
            return binary("video/x-matroska")
        }
        // ISO base media (MP4, QuickTime, HEIF, AVIF, 3GP): "ftyp" + major brand.
        if b.count >= 12, has(b, "ftyp", at: 4) {
            let brand = uint32BE(b, 8)
            func fourCC(_ s: StaticString) -> UInt32 {
                let p = s.utf8Start
                return UInt32(p[0]) << 24 | UInt32(p[1]) << 16 | UInt32(p[2]) << 8 | UInt32(p[3])
            }
            switch brand {
            case fourCC("qt  "): return binary("video/quicktime")
            case fourCC("M4A "), fourCC("M4B "): return binary("audio/mp4")
            case fourCC("heic"), fourCC("heix"), fourCC("heim"), fourCC("heis"),
                 fourCC("hevc"), fourCC("hevx"), fourCC("mif1"), fourCC("msf1"):
                return binary("image/heic")
            case fourCC("avif"), fourCC("avis"): return binary("image/avif")
            default:
                if brand >> 8 == fourCC("3gp ") >> 8 { return binary("video/3gpp") }
                return binary("video/mp4")
            }
        }
        return nil
    }

    /// Whether the first non-blank character (after a UTF-8 BOM) opens a JSON value
    /// that can hold data: an object or an array. Other encodings are trusted by name.
    static func looksLikeJSON(_ b: UnsafeRawBufferPointer, _ encoding: TextEncoding) -> Bool {
        guard encoding == .utf8 || encoding == .windows1252 else { return true }
        var i = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < b.count && (b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09) { i += 1 }
        return i == b.count || b[i] == UInt8(ascii: "{") || b[i] == UInt8(ascii: "[")
    }

    /// An RFC 5322 message: the text opens with header fields ("Name: value", folded
    /// lines allowed), at least two of them among the ones every mail carries, before
    /// the first blank line. A text whose first 20 fields hold none of them is not mail
    /// (a log's "2024-03-11T08:15:22Z ..." lines read as fields).
    static func looksLikeEmail(_ b: UnsafeRawBufferPointer) -> Bool {
        var hits = 0, i = 0, lines = 0
        while i < b.count && lines < 200 {
            if hits == 0 && lines >= 20 { return false }
            // (memchr: on a text that is no mail, 20 whole lines are read before the answer.)
            let end = memchr(b.baseAddress! + i, 0x0A, b.count - i).map { b.baseAddress!.distance(to: UnsafeRawPointer($0)) } ?? b.count
            var line = UnsafeRawBufferPointer(rebasing: b[i..<end])
            if line.last == 0x0D { line = UnsafeRawBufferPointer(rebasing: line[..<(line.count - 1)]) }
            if line.isEmpty { break }                                 // end of the header
            if line[0] == 0x20 || line[0] == 0x09 {                   // a folded continuation
                if lines == 0 { return false }
            } else {
                guard let hit = memchr(line.baseAddress!, 0x3A, line.count) else { return false }
                let colon = line.baseAddress!.distance(to: UnsafeRawPointer(hit))
                guard colon > 0 else { return false }
                // Field names are printable ASCII without spaces (RFC 5322 section 3.6.8).
                for k in 0..<colon where line[k] <= 0x20 || line[k] >= 0x7F { return false }
                if isKnownMailField(UnsafeRawBufferPointer(rebasing: line[..<colon])) { hits += 1 }
            }
            lines += 1
            i = end + 1
        }
        return hits >= 2
    }

    /// Header fields every mail carries, lower-case.
    private static let knownMailFields: [[UInt8]] = ["from", "to", "subject", "date", "message-id", "mime-version",
                                                      "received", "return-path", "delivered-to", "content-type",
                                                      "reply-to", "cc"].map { Array($0.utf8) }

    private static func isKnownMailField(_ name: UnsafeRawBufferPointer) -> Bool {
        known: for field in knownMailFields where field.count == name.count {
            for k in 0..<field.count where name[k] | 0x20 != field[k] { continue known }
            return true
        }
        return false
    }

    // MARK: Text MIME type from the key

    /// MIME type of a text object from its key's extension (case-insensitive);
    /// for a key ending in `.gz` the name without `.gz` counts (`q1.csv.gz` is
    /// text/csv). Unknown extensions are text/plain.
    public static func textMimeType(forKey key: String) -> String {
        var name = Substring(key.lowercased())
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        if name.hasSuffix(".gz") { name = name.dropLast(3) }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "text/plain" }
        switch name[name.index(after: dot)...] {
        case "csv": return "text/csv"
        case "tsv", "tab": return "text/tab-separated-values"
        case "json": return "application/json"
        case "jsonl", "ndjson": return "application/x-ndjson"
        case "xml": return "application/xml"
        case "html", "htm": return "text/html"
        case "eml": return "message/rfc822"
        default: return "text/plain"
        }
    }
}
