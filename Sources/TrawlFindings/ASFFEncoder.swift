// The ASFF finding for one object (DESIGN.md, "ASFF findings (--output)"): one JSON
// object per object that holds sensitive data, in the AWS Security Finding Format that
// Security Hub's BatchImportFindings takes. Member names and types follow the Security
// Hub service model (botocore data/securityhub/2018-10-26/service-2.json: shapes
// AwsSecurityFinding, Resource, AwsS3ObjectDetails, DataClassificationDetails,
// ClassificationResult, SensitiveDataResult, SensitiveDataDetections,
// CustomDataIdentifiersResult, CustomDataIdentifiersDetections, Occurrences, Range,
// Cell, Record, Page). Tests/tools/validate_asff.py checks every finding against it.
//
// Rules kept here:
// - absent members are omitted: no null, no empty string, no empty array or object;
// - Severity is a Label only (no Normalized/Original numbers), also under
//   FindingProviderFields with the Types;
// - at most ClassificationLimits.occurrencesPerFinding (15) occurrences per finding,
//   spread round-robin over its detections (OccurrenceSelection); byte offsets are never
//   written (no OffsetRanges);
// - Description is at most 1,024 characters (counted as UTF-8 bytes, the strictest
//   reading) and holds counts per detection type, never a value;
// - timestamps are RFC 3339 with milliseconds and Z.
//
// The finding is returned WITHOUT a trailing newline; the sink appends "\n".

import Crypto
import Foundation
import TrawlDetectors

public struct ASFFContext: Sendable {
    public let accountId: String
    public let region: String
    public let partition: String
    public var productName: String
    public var companyName: String
    public var generatorId: String
    /// UpdatedAt (and CreatedAt unless `createdAt` is given).
    public var now: Date
    /// When the finding was first created, if the caller keeps it (e.g. from scan state);
    /// nil means `now`.
    public var createdAt: Date?

    public init(accountId: String, region: String, partition: String = "aws",
                productName: String = "Trawl", companyName: String = "Trawl",
                generatorId: String, now: Date, createdAt: Date? = nil) {
        self.accountId = accountId
        self.region = region
        self.partition = partition
        self.productName = productName
        self.companyName = companyName
        self.generatorId = generatorId
        self.now = now
        self.createdAt = createdAt
        productArn = "arn:\(partition):securityhub:\(region):\(accountId):product/\(accountId)/default"
    }

    /// `arn:PARTITION:securityhub:REGION:ACCOUNT:product/ACCOUNT/default`, the ARN of an
    /// account's own (custom) integration (built once: every finding names it).
    public let productArn: String
}

public struct ASFFEncoder: Sendable {
    public static let schemaVersion = "2018-10-08"
    public static let maxDescriptionLength = 1024

    public init() {}

    /// The finding for `result`, or nil when it holds no sensitive data (or is in no
    /// bucket, which only SKIPPED results are).
    public func encode(_ result: ClassificationResult, context: ASFFContext) -> [UInt8]? {
        guard let type = FindingType(result: result), let bucket = result.bucket else { return nil }

        // Only what reports something: no empty arrays in the finding.
        let items: [SensitiveDataItem] = result.sensitiveData.compactMap { item in
            guard item.isPresent else { return nil }
            var kept = item
            kept.detections = item.detections.filter(\.isPresent)
            return kept
        }
        let custom = result.customDetections.filter(\.isPresent)
        let selection = OccurrenceSelection(items.flatMap(\.detections) + custom)
        // The label the classifier computed; Macie's default for identifiers without a
        // severity table (custom data identifiers without severityLevels) is MEDIUM.
        let severity = (result.severity ?? .medium).rawValue
        let created = (context.createdAt ?? context.now).timeIntervalSince1970
        let updated = context.now.timeIntervalSince1970

        var w = JSONWriter(capacity: 2048)
        w.beginObject()
        w.member("SchemaVersion", ASFFEncoder.schemaVersion)
        w.member("Id", FindingId.make(accountId: context.accountId, bucket: bucket,
                                      key: result.key, versionToken: result.versionToken))
        w.member("ProductArn", context.productArn)
        w.member("ProductName", ifNonEmpty: context.productName)
        w.member("CompanyName", ifNonEmpty: context.companyName)
        w.member("GeneratorId", context.generatorId)
        w.member("AwsAccountId", context.accountId)
        w.key("Types")
        w.beginArray()
        w.string(type.asffType)
        w.endArray()
        w.key("CreatedAt")
        w.timestamp(secondsSince1970: created)
        w.key("UpdatedAt")
        w.timestamp(secondsSince1970: updated)
        w.key("Severity")
        w.beginObject()
        w.member("Label", severity)
        w.endObject()
        w.member("Title", type.title)
        w.member("Description", ASFFEncoder.description(type: type, items: items, custom: custom))

        w.key("ProductFields")
        w.beginObject()
        w.member("ProductName", ifNonEmpty: context.productName)
        w.member("CompanyName", ifNonEmpty: context.companyName)
        w.member("trawl/FindingType", type.macieType)
        w.endObject()

        w.key("Resources")
        w.beginArray()
        // The bucket.
        w.beginObject()
        w.member("Type", "AwsS3Bucket")
        w.member("Id", "arn:\(context.partition):s3:::\(bucket)")
        w.member("Partition", context.partition)
        w.member("Region", context.region)
        w.endObject()
        // The object.
        w.beginObject()
        w.member("Type", "AwsS3Object")
        w.member("Id", "arn:\(context.partition):s3:::\(bucket)/\(result.key)")
        w.member("Partition", context.partition)
        w.member("Region", context.region)
        let contentType = result.mimeType.flatMap { JSONWriter.hasNonWhitespace($0) ? $0 : nil }
        let eTag = result.eTag.flatMap { JSONWriter.hasNonWhitespace($0) ? $0 : nil }
        if result.lastModified != nil || eTag != nil || contentType != nil {
            w.key("Details")
            w.beginObject()
            w.key("AwsS3Object")
            w.beginObject()
            if let lastModified = result.lastModified {
                w.key("LastModified")
                w.timestamp(secondsSince1970: lastModified)
            }
            w.member("ETag", ifPresent: eTag)
            w.member("ContentType", ifPresent: contentType)
            w.endObject()
            w.endObject()
        }
        w.key("DataClassification")
        w.beginObject()
        w.key("Result")
        w.beginObject()
        w.member("MimeType", ifPresent: contentType)
        w.member("SizeClassified", result.sizeClassified)
        w.member("AdditionalOccurrences", selection.additionalOccurrences)
        w.key("Status")
        w.beginObject()
        w.member("Code", result.status.code.rawValue)
        w.member("Reason", ifPresent: result.status.reason?.rawValue)
        w.endObject()

        var index = 0  // into selection.selected, in the same order as the detections
        if !items.isEmpty {
            w.key("SensitiveData")
            w.beginArray()
            for item in items {
                w.beginObject()
                w.member("Category", item.category.rawValue)
                w.member("TotalCount", item.totalCount)
                if !item.detections.isEmpty {
                    w.key("Detections")
                    w.beginArray()
                    for detection in item.detections {
                        w.beginObject()
                        w.member("Type", detection.type)
                        w.member("Count", detection.count)
                        ASFFEncoder.writeOccurrences(selection.selected[index], to: &w)
                        index += 1
                        w.endObject()
                    }
                    w.endArray()
                }
                w.endObject()
            }
            w.endArray()
        }
        if !custom.isEmpty {
            w.key("CustomDataIdentifiers")
            w.beginObject()
            w.member("TotalCount", custom.reduce(0) { $0 + $1.count })
            w.key("Detections")
            w.beginArray()
            for detection in custom {
                w.beginObject()
                let arn = detection.arn.flatMap { JSONWriter.hasNonWhitespace($0) ? $0 : nil }
                w.member("Arn", arn ?? ASFFEncoder.customIdentifierArn(detection.name ?? detection.type, context: context))
                w.member("Name", ifNonEmpty: detection.name ?? detection.type)
                w.member("Count", detection.count)
                ASFFEncoder.writeOccurrences(selection.selected[index], to: &w)
                index += 1
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endObject()  // Result
        w.endObject()  // DataClassification
        w.endObject()  // AwsS3Object resource
        w.endArray()   // Resources

        w.key("RecordState")
        w.string("ACTIVE")
        w.key("Workflow")
        w.beginObject()
        w.member("Status", "NEW")
        w.endObject()
        w.key("FindingProviderFields")
        w.beginObject()
        w.key("Severity")
        w.beginObject()
        w.member("Label", severity)
        w.endObject()
        w.key("Types")
        w.beginArray()
        w.string(type.asffType)
        w.endArray()
        w.endObject()
        w.endObject()
        return w.bytes
    }

    /// The ARN a custom data identifier is reported under: Macie's form, with an ID
    /// derived from the identifier's name (stable across runs, as Macie's is).
    static func customIdentifierArn(_ name: String, context: ASFFContext) -> String {
        let digest = SHA256.hash(data: Data(name.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
        return "arn:\(context.partition):macie2:\(context.region):\(context.accountId):custom-data-identifier/\(digest)"
    }

    /// Occurrences {LineRanges | Cells | Records | Pages}, each list only when non-empty,
    /// the whole member omitted when there is nothing to list.
    static func writeOccurrences(_ occurrences: ArraySlice<Occurrence>, to w: inout JSONWriter) {
        guard !occurrences.isEmpty else { return }
        w.key("Occurrences")
        w.beginObject()
        OccurrenceLists.write(occurrences, spelling: .asff, to: &w)
        w.endObject()
    }

    /// The finding type's summary, then the count per detection type, e.g.
    /// "... Occurrences by type: CREDIT_CARD_NUMBER 3, EMAIL_ADDRESS 2; custom data
    /// identifiers: employee-id 4." Never a value. Cut at a whole entry, with
    /// "and N more types", to stay within 1,024 UTF-8 bytes.
    static func description(type: FindingType, items: [SensitiveDataItem], custom: [Detection]) -> String {
        let limit = maxDescriptionLength
        var entries: [(text: String, custom: Bool)] = []
        for item in items {
            for d in item.detections { entries.append(("\(d.type) \(d.count)", false)) }
        }
        for d in custom { entries.append(("\(d.name ?? d.type) \(d.count)", true)) }

        var text = type.summary
        var written = 0
        var sawCustom = false
        for (i, entry) in entries.enumerated() {
            var piece: String
            if i == 0 {
                piece = entry.custom ? " Occurrences by custom data identifier: " : " Occurrences by type: "
            } else if entry.custom && !sawCustom {
                piece = "; by custom data identifier: "
            } else {
                piece = ", "
            }
            piece += entry.text
            let remaining = entries.count - i - 1
            // Room for this piece plus, if more follow, the longest possible tail.
            let tailReserve = remaining > 0 ? " and \(remaining) more types.".utf8.count : 1
            if text.utf8.count + piece.utf8.count + tailReserve > limit {
                break
            }
            text += piece
            written += 1
            if entry.custom { sawCustom = true }
        }
        if written < entries.count {
            let tail = " and \(entries.count - written) more types."
            if text.utf8.count + tail.utf8.count <= limit { text += tail }
        } else if written > 0 {
            text += "."
        }
        // A single entry longer than the whole budget (a huge custom identifier name).
        if text.utf8.count > limit {
            var cut = ""
            for ch in text {
                if cut.utf8.count + String(ch).utf8.count > limit { break }
                cut.append(ch)
            }
            text = cut
        }
        return text
    }
}
