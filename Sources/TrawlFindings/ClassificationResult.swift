// What Trawl concluded about one object: Macie's "sensitive data discovery result".
// Every object in scope gets exactly one of these; it feeds the results line, the
// ASFF finding (when it holds sensitive data) and the summary.

import TrawlDetectors

/// Macie's object status codes.
public enum StatusCode: String, Sendable, Codable {
    case complete = "COMPLETE"
    case partial = "PARTIAL"
    case skipped = "SKIPPED"
}

/// Why an object was PARTIAL or SKIPPED. Raw values are Macie's reason codes, except
/// where marked as Trawl's own (for cases Macie has no code for).
public enum StatusReason: String, Sendable, Codable {
    case unsupportedFileType = "UNSUPPORTED_FILE_TYPE_EXCEPTION"
    case fileExceedsSizeLimit = "FILE_EXCEEDS_SIZE_LIMIT"
    case malformedFile = "MALFORMED_FILE"
    case archiveNestingLevelOverLimit = "ARCHIVE_NESTING_LEVEL_OVER_LIMIT"
    case archiveTotalBytesExtractedOverLimit = "ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT"
    case archiveTotalDocumentsProcessedOverLimit = "ARCHIVE_TOTAL_DOCUMENTS_PROCESSED_OVER_LIMIT"
    case ooxmlUncompressedRatioExceedsLimit = "OOXML_UNCOMPRESSED_RATIO_EXCEEDS_LIMIT"
    case jsonNestingLevelOverLimit = "JSON_NESTING_LEVEL_OVER_LIMIT"
    case archiveContainsUnprocessedFiles = "ARCHIVE_CONTAINS_UNPROCESSED_FILES"
    case unableToParseFile = "UNABLE_TO_PARSE_FILE"
    case permissionDenied = "PERMISSION_DENIED"
    case timeCutOffReached = "TIME_CUT_OFF_REACHED"
    case objectVersionMismatch = "OBJECT_VERSION_MISMATCH"
    case invalidObjectState = "INVALID_OBJECT_STATE"
    case objectRemoved = "OBJECT_REMOVED"
    case invalidEncryption = "INVALID_ENCRYPTION"
    case invalidKMSKey = "INVALID_KMS_KEY"
    case internalError = "INTERNAL_ERROR"
    /// Trawl's own: a FIFO, socket, device or symbolic link; never opened.
    case notARegularFile = "NOT_A_REGULAR_FILE"
    /// Trawl's own: a file directly under the scan root, so in no bucket.
    case notInABucket = "NOT_IN_A_BUCKET"
}

public struct ObjectStatus: Sendable, Equatable, Codable {
    public var code: StatusCode
    public var reason: StatusReason?
    /// A human-readable detail (never a sensitive value).
    public var detail: String?

    public init(code: StatusCode, reason: StatusReason? = nil, detail: String? = nil) {
        self.code = code
        self.reason = reason
        self.detail = detail
    }

    public static let complete = ObjectStatus(code: .complete)
}

/// Where one occurrence sits, in the list its format uses (DESIGN.md, "Occurrences").
public enum OccurrenceLocation: Sendable, Equatable, Codable {
    /// Text: 1-based start and end line, 1-based character column of the start.
    case line(start: Int, end: Int, startColumn: Int)
    /// CSV/TSV/Excel: row 1 is the header row; column 1-based; cellReference for Excel
    /// only. The name and the reference are nil when the column's or the sheet's name
    /// holds sensitive data.
    case cell(row: Int, column: Int, columnName: String?, cellReference: String?)
    /// JSON/JSONL/Avro: 0-based record index and a JSON path with indices; the path is
    /// empty (and left out of findings) when a name on it holds sensitive data.
    case record(index: Int, jsonPath: String)
    /// PDF: 1-based page number, with the 1-based start and end line and the character
    /// column of the start within the page's text.
    case page(number: Int, start: Int, end: Int, startColumn: Int)
}

public struct Occurrence: Sendable, Equatable, Codable {
    public var location: OccurrenceLocation
    /// Byte offset of the value in the object's decoded text (result lines only, never
    /// ASFF); -1 where the format has no text to point into (Avro).
    public var offset: Int

    public init(location: OccurrenceLocation, offset: Int) {
        self.location = location
        self.offset = offset
    }
}

/// One detection type in one object: e.g. CREDIT_CARD_NUMBER, 3 occurrences.
public struct Detection: Sendable, Equatable, Codable {
    /// Macie managed data identifier ID (or the custom identifier's name).
    public var type: String
    public var count: Int
    /// At most `ClassificationLimits.occurrencesPerType`, in object order.
    public var occurrences: [Occurrence]
    /// For custom identifiers: its ARN (Trawl makes one up) and name.
    public var arn: String?
    public var name: String?

    public init(type: String, count: Int, occurrences: [Occurrence], arn: String? = nil, name: String? = nil) {
        self.type = type
        self.count = count
        self.occurrences = occurrences
        self.arn = arn
        self.name = name
    }
}

public struct SensitiveDataItem: Sendable, Equatable, Codable {
    public var category: DataCategory
    public var totalCount: Int
    public var detections: [Detection]

    public init(category: DataCategory, totalCount: Int, detections: [Detection]) {
        self.category = category
        self.totalCount = totalCount
        self.detections = detections
    }
}

/// A member of a container (the stream inside a .gz, an archive member, an attachment).
public struct ContainerMember: Sendable, Equatable, Codable {
    public var path: String
    public var mimeType: String?

    public init(path: String, mimeType: String?) {
        self.path = path
        self.mimeType = mimeType
    }
}

public enum ClassificationLimits {
    /// Occurrences kept per detection type in a result line (Macie: up to 1,000).
    public static let occurrencesPerType = 1_000
    /// Occurrences listed in one ASFF finding, over all its detections.
    public static let occurrencesPerFinding = 15
}

/// Codable (synthesized) so an incremental scan's state can keep a result and give it
/// back unchanged (TrawlScan's ScanState); the results line has its own encoder.
public struct ClassificationResult: Sendable, Codable {
    /// nil for a file directly under the scan root (in no bucket).
    public var bucket: String?
    public var key: String
    public var size: Int64
    public var mimeType: String?
    public var status: ObjectStatus
    /// Bytes of text actually classified (after decompression and decoding).
    public var sizeClassified: Int64
    public var reused: Bool
    public var durationMs: Int
    /// Managed identifiers, grouped by category (categories in a stable order).
    public var sensitiveData: [SensitiveDataItem]
    /// Custom identifiers' detections (category CUSTOM_IDENTIFIER).
    public var customDetections: [Detection]
    public var members: [ContainerMember]
    /// Members classified but not listed in `members` (ObjectLimits.maxListedMembers).
    public var membersNotListed: Int = 0
    /// Object metadata for the finding.
    public var lastModified: Double?      // seconds since 1970
    public var eTag: String?
    /// Identifies this content version: the same for an unchanged object on a re-scan.
    public var versionToken: String
    /// Highest severity over all detections, per Macie's table; nil without sensitive data.
    public var severity: SeverityLevel?

    public init(bucket: String?, key: String, size: Int64, mimeType: String? = nil,
                status: ObjectStatus, sizeClassified: Int64 = 0, reused: Bool = false,
                durationMs: Int = 0, sensitiveData: [SensitiveDataItem] = [],
                customDetections: [Detection] = [], members: [ContainerMember] = [],
                lastModified: Double? = nil, eTag: String? = nil, versionToken: String = "",
                severity: SeverityLevel? = nil) {
        self.bucket = bucket
        self.key = key
        self.size = size
        self.mimeType = mimeType
        self.status = status
        self.sizeClassified = sizeClassified
        self.reused = reused
        self.durationMs = durationMs
        self.sensitiveData = sensitiveData
        self.customDetections = customDetections
        self.members = members
        self.lastModified = lastModified
        self.eTag = eTag
        self.versionToken = versionToken
        self.severity = severity
    }

    public var hasSensitiveData: Bool { !sensitiveData.isEmpty || !customDetections.isEmpty }
}
