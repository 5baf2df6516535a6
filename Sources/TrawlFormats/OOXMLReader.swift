// OOXMLReader: the text of Office Open XML documents (docx, xlsx, pptx, and
// their macro-enabled and template variants) from the whole package held in
// memory (the caller bounds its size).
//
// Why it exists: an OOXML package is a zip of XML parts; no library on Linux
// turns one into text with locations (cells for Excel). libarchive reads the zip
// (ArchiveReader, streaming; the package is in memory, so a part that comes
// later in zip order than it is needed is read in another pass), libxml2 through
// FoundationXML parses each part incrementally (OOXMLPartParser), and this file
// only knows which parts hold text and in what order. The per-kind walks are in
// OOXMLText.swift (docx, pptx) and OOXMLSpreadsheet.swift (xlsx).
//
// Limits: every part is read through a byte counter that stops a part whose
// uncompressed size exceeds `maxCompressionRatio` times its compressed size
// (from the zip's central directory) and a package whose parts exceed
// `maxTotalUncompressedBytes` in all, before the bytes reach the XML parser.

/// What an OOXML package holds, from its main part's content type.
public enum OOXMLKind: Sendable, Equatable {
    /// Word: docx, docm, dotx, dotm.
    case wordprocessing
    /// Excel: xlsx, xlsm, xltx, xltm.
    case spreadsheet
    /// PowerPoint: pptx, pptm, potx, ppsx, ...
    case presentation
}

/// Bounds on what reading a package may cost; the defaults suit a scanner.
public struct OOXMLLimits: Sendable, Equatable {
    /// A part whose uncompressed size is more than this many times its
    /// compressed size fails with `.ratioExceeded` (Macie:
    /// OOXML_UNCOMPRESSED_RATIO_EXCEEDS_LIMIT).
    public var maxCompressionRatio: Int64 = 100
    /// The ratio is checked once a part has produced this many bytes: deflate
    /// reaches ratios over 100 on small runs of repeated XML that are no bomb.
    /// 0 checks every part from its first byte.
    public var ratioCheckMinimumBytes: Int64 = 1 << 20
    /// All parts read, in all passes, may produce at most this many bytes in
    /// all (`.totalBytesExceeded`).
    public var maxTotalUncompressedBytes: Int64 = 1 << 30

    public init(maxCompressionRatio: Int64 = 100, ratioCheckMinimumBytes: Int64 = 1 << 20,
                maxTotalUncompressedBytes: Int64 = 1 << 30) {
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioCheckMinimumBytes = ratioCheckMinimumBytes
        self.maxTotalUncompressedBytes = maxTotalUncompressedBytes
    }
}

/// Why a package could not be read (further). Descriptions name parts and XML
/// positions, never content.
public enum OOXMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A part's uncompressed/compressed ratio exceeds the limit.
    case ratioExceeded(part: String)
    /// The parts' total uncompressed size exceeds the limit.
    case totalBytesExceeded
    /// XML that is not well-formed, a missing main part, a dangling reference.
    case malformed(String)
    /// The zip itself is damaged, encrypted or not a zip.
    case archive(ArchiveError)

    public var description: String {
        switch self {
        case .ratioExceeded(let part): return "OOXML part \(part): uncompressed/compressed ratio over the limit"
        case .totalBytesExceeded: return "OOXML package: total uncompressed size over the limit"
        case .malformed(let detail): return "malformed OOXML package: \(detail)"
        case .archive(let error): return "OOXML package: \(error)"
        }
    }
}

/// Reads one OOXML package. Not thread-safe: one reader belongs to one worker.
public final class OOXMLReader {
    public let kind: OOXMLKind
    /// The main part (`word/document.xml`, `xl/workbook.xml`, `ppt/presentation.xml`
    /// or what [Content_Types].xml names).
    public let mainPart: String
    public let limits: OOXMLLimits
    /// Uncompressed bytes of all parts read so far (all passes).
    public private(set) var uncompressedBytesRead: Int64 = 0
    /// Passes over the zip so far (each one a new libarchive reader over the
    /// bytes in memory).
    public private(set) var passes = 0

    let package: [UInt8]
    private let sizes: ZipDirectorySizes
    /// Every member name seen in the first pass, as stored.
    let partNames: [String]

    /// Reads [Content_Types].xml (one pass over the zip's member headers) to tell
    /// the kind. Throws `.malformed` when no main part of a known kind exists,
    /// `.archive` when the zip cannot be read at all.
    public init(package: [UInt8], limits: OOXMLLimits = OOXMLLimits()) throws {
        self.package = package
        self.limits = limits
        sizes = ZipDirectorySizes(package)

        var names: [String] = []
        let contentTypes = ContentTypesHandler()
        var sawContentTypes = false
        // Not `walk`: self is not fully initialised yet.
        let reader = try Self.openArchive(package)
        do {
            while let member = try reader.nextMember() {
                names.append(member.path)
                if member.path == "[Content_Types].xml" && member.kind == .regular && !sawContentTypes {
                    sawContentTypes = true
                    let source = LimitedPartSource(member: reader.memberSource(), part: member.path,
                                                   compressedSize: sizes.compressedSize(of: member.path) ?? Int64(package.count),
                                                   limits: limits, totalSoFar: 0)
                    try OOXMLPartParser.parse(source, part: member.path, with: contentTypes)
                    uncompressedBytesRead += reader.currentMemberBytesRead
                }
            }
        } catch let error as ArchiveError {
            // A damaged zip after its content types: the kind is known, what can
            // be read is read later (and the damage thrown again then).
            if !sawContentTypes { throw OOXMLError.archive(error) }
        }
        partNames = names
        passes = 1

        let lowerNames = Set(names.map { $0.lowercased() })
        if let (kind, part) = contentTypes.mainPart, lowerNames.contains(part.lowercased()) {
            self.kind = kind
            mainPart = part
        } else if let (kind, part) = Self.defaultMainParts.first(where: { lowerNames.contains($0.1) }) {
            self.kind = kind
            mainPart = part
        } else {
            throw OOXMLError.malformed("no main part (word/document.xml, xl/workbook.xml or ppt/presentation.xml)")
        }
    }

    private static let defaultMainParts: [(OOXMLKind, String)] = [
        (.wordprocessing, "word/document.xml"),
        (.spreadsheet, "xl/workbook.xml"),
        (.presentation, "ppt/presentation.xml"),
    ]

    private static func openArchive(_ package: [UInt8]) throws -> ArchiveReader {
        do {
            return try ArchiveReader(upstream: MemoryByteSource(package))
        } catch let error as ArchiveError {
            throw OOXMLError.archive(error)
        }
    }

    /// One pass over the zip: `visit` is called for each regular member with its
    /// name and a limited source of its bytes, and returns false to end the pass.
    func walk(_ visit: (_ name: String, _ source: LimitedPartSource) throws -> Bool) throws {
        passes += 1
        let reader = try Self.openArchive(package)
        do {
            while let member = try reader.nextMember() {
                guard member.kind == .regular else { continue }
                let source = LimitedPartSource(member: reader.memberSource(), part: member.path,
                                               compressedSize: sizes.compressedSize(of: member.path) ?? Int64(package.count),
                                               limits: limits, totalSoFar: uncompressedBytesRead)
                let more = try visit(member.path, source)
                uncompressedBytesRead += reader.currentMemberBytesRead
                if !more { return }
            }
        } catch let error as ArchiveError {
            throw OOXMLError.archive(error)
        }
    }

    /// The directory of the main part, with its slash ("word/").
    var mainDirectory: String {
        guard let slash = mainPart.lastIndex(of: "/") else { return "" }
        return String(mainPart[...slash])
    }
}

/// A part's bytes with the package limits applied as they are read.
struct LimitedPartSource: ByteSource {
    var member: ArchiveMemberSource
    let part: String
    let compressedSize: Int64
    let limits: OOXMLLimits
    /// Bytes of earlier parts (this part's are added as they come).
    let totalSoFar: Int64
    private(set) var produced: Int64 = 0

    init(member: ArchiveMemberSource, part: String, compressedSize: Int64, limits: OOXMLLimits, totalSoFar: Int64) {
        self.member = member
        self.part = part
        self.compressedSize = max(compressedSize, 1)
        self.limits = limits
        self.totalSoFar = totalSoFar
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try member.read(into: buffer)
        produced += Int64(n)
        if totalSoFar + produced > limits.maxTotalUncompressedBytes { throw OOXMLError.totalBytesExceeded }
        if produced >= limits.ratioCheckMinimumBytes,
           produced > compressedSize.multipliedReportingOverflow(by: limits.maxCompressionRatio).partialValue {
            throw OOXMLError.ratioExceeded(part: part)
        }
        return n
    }
}

/// [Content_Types].xml: the Override whose content type is a known main part.
private final class ContentTypesHandler: OOXMLPartHandler {
    var mainPart: (OOXMLKind, String)?

    override func start(_ name: String, _ attributes: [String: String]) throws {
        guard mainPart == nil, name == "Override",
              let type = attribute(attributes, "ContentType"),
              let partName = attribute(attributes, "PartName"),
              let kind = Self.kind(ofContentType: type) else { return }
        mainPart = (kind, partName.hasPrefix("/") ? String(partName.dropFirst()) : partName)
    }

    /// The main parts' content types (ECMA-376 and Office's macro-enabled and
    /// template variants): `...wordprocessingml.document.main+xml`,
    /// `application/vnd.ms-excel.sheet.macroEnabled.main+xml`, ...
    static func kind(ofContentType type: String) -> OOXMLKind? {
        guard type.hasSuffix(".main+xml") else { return nil }
        if type.contains("wordprocessingml.") || type.contains("ms-word.") { return .wordprocessing }
        if type.contains("spreadsheetml.") || type.contains("ms-excel.") { return .spreadsheet }
        if type.contains("presentationml.") || type.contains("ms-powerpoint.") { return .presentation }
        return nil
    }
}

/// Resolves a relationship target against the directory of its source part
/// (`worksheets/sheet1.xml` from `xl/` is `xl/worksheets/sheet1.xml`; an absolute
/// `/xl/...` is taken from the package root; `..` goes up).
func resolvePartName(_ target: String, from directory: String) -> String {
    let joined = target.hasPrefix("/") ? String(target.dropFirst()) : directory + target
    var segments: [Substring] = []
    for segment in joined.split(separator: "/", omittingEmptySubsequences: true) {
        if segment == "." { continue }
        if segment == ".." {
            if !segments.isEmpty { segments.removeLast() }
            continue
        }
        segments.append(segment)
    }
    return segments.joined(separator: "/")
}

/// The number in a part name such as `slide12.xml` or `header3.xml` (nil when
/// the name is not `prefix` + digits + `.xml`).
func partNumber(_ name: String, prefix: String) -> Int? {
    let lower = name.lowercased()
    guard lower.hasPrefix(prefix), lower.hasSuffix(".xml") else { return nil }
    let digits = lower.dropFirst(prefix.count).dropLast(4)
    guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return Int(digits)
}
