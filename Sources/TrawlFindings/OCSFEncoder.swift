// The same finding in the Open Cybersecurity Schema Framework, for hubs that take OCSF
// (`trawl scan --format ocsf`): a Data Security Finding (class 2006, category Findings),
// schema 1.6.0 (the version Security Hub reads), with the Cloud and Data Classification
// profiles. One event per object that holds sensitive data, as for ASFF:
//
//   finding_info   uid (the ASFF Id), title, desc, types, created/modified time
//   cloud          provider AWS, region, account {uid, type AWS Account}
//   databucket     the bucket (type S3); file: the object (name, path, size, mime_type)
//   resources      the object's and the bucket's ARNs
//   data_classifications  one per category (Personal, Financial, Security for
//                  credentials): total, size classified, status (Complete/Partial), and
//                  discovery_details {type = the Macie identifier ID, count, occurrences
//                  {start_line, end_line, column_number | row_number, column_number,
//                  column_name, cell_name | record_index_in_array, json_path | page_number}}
//
// Like ASFF, it carries no sensitive value (discovery_details.value is never written),
// at most 15 occurrences in all, and no empty string or array.

import TrawlDetectors

public struct OCSFEncoder: Sendable {
    public static let schemaVersion = "1.6.0"

    public init() {}

    public func encode(_ result: ClassificationResult, context: ASFFContext) -> [UInt8]? {
        guard let type = FindingType(result: result), let bucket = result.bucket else { return nil }
        let items = result.sensitiveData.filter(\.isPresent)
        let selection = OccurrenceSelection(items.flatMap { $0.detections.filter(\.isPresent) })
        let severity = result.severity ?? .medium
        let created = Int64(((context.createdAt ?? context.now).timeIntervalSince1970 * 1000).rounded())
        let updated = Int64((context.now.timeIntervalSince1970 * 1000).rounded())
        let id = FindingId.make(accountId: context.accountId, bucket: bucket, key: result.key,
                                versionToken: result.versionToken)
        let objectArn = "arn:\(context.partition):s3:::\(bucket)/\(result.key)"

        var w = JSONWriter(capacity: 2048)
        w.beginObject()
        w.member("activity_id", 1)
        w.member("activity_name", "Create")
        w.member("category_uid", 2)
        w.member("category_name", "Findings")
        w.member("class_uid", 2006)
        w.member("class_name", "Data Security Finding")
        w.member("type_uid", 200601)
        w.member("type_name", "Data Security Finding: Create")
        let (severityId, severityName) = Self.severity(severity)
        w.member("severity_id", severityId)
        w.member("severity", severityName)
        w.member("status_id", 1)
        w.member("status", "New")
        w.member("time", updated)
        w.member("message", type.title)

        w.key("metadata")
        w.beginObject()
        w.member("version", Self.schemaVersion)
        w.key("product")
        w.beginObject()
        w.member("name", context.productName.isEmpty ? "Trawl" : context.productName)
        w.member("vendor_name", context.companyName.isEmpty ? "Trawl" : context.companyName)
        w.endObject()
        w.key("profiles")
        w.beginArray()
        w.string("cloud")
        w.string("data_classification")
        w.endArray()
        w.endObject()

        w.key("finding_info")
        w.beginObject()
        w.member("uid", id)
        w.member("title", type.title)
        w.member("desc", ASFFEncoder.description(type: type, items: items, custom: []))
        w.key("types")
        w.beginArray()
        w.string(type.asffType)
        w.endArray()
        w.member("created_time", created)
        w.member("modified_time", updated)
        w.endObject()

        w.key("cloud")
        w.beginObject()
        w.member("provider", "AWS")
        w.member("region", context.region)
        w.key("account")
        w.beginObject()
        w.member("uid", context.accountId)
        w.member("type", "AWS Account")
        w.member("type_id", 10)
        w.endObject()
        w.endObject()

        w.key("databucket")
        w.beginObject()
        w.member("name", bucket)
        w.member("uid", "arn:\(context.partition):s3:::\(bucket)")
        w.member("type", "S3")
        w.member("type_id", 1)
        w.endObject()

        w.key("file")
        w.beginObject()
        w.member("name", String(result.key.split(separator: "/").last ?? Substring(result.key)))
        w.member("path", result.key)
        w.member("type", "Regular File")
        w.member("type_id", 1)
        w.member("size", result.size)
        w.member("mime_type", ifNonEmpty: result.mimeType)
        w.endObject()

        w.key("resources")
        w.beginArray()
        for (uid, kind) in [(objectArn, "AwsS3Object"), ("arn:\(context.partition):s3:::\(bucket)", "AwsS3Bucket")] {
            w.beginObject()
            w.member("uid", uid)
            w.member("type", kind)
            w.member("region", context.region)
            w.member("cloud_partition", context.partition)
            w.endObject()
        }
        w.endArray()

        w.key("data_classifications")
        w.beginArray()
        var index = 0
        for item in items {
            w.beginObject()
            let (categoryId, categoryName) = Self.category(item.category)
            w.member("category_id", categoryId)
            w.member("category", categoryName)
            let partial = result.status.code != .complete
            w.member("status_id", partial ? 2 : 1)
            w.member("status", partial ? "Partial" : "Complete")
            w.member("status_details", ifPresent: result.status.reason?.rawValue)
            w.member("total", item.totalCount)
            w.member("size", result.sizeClassified)
            w.key("discovery_details")
            w.beginArray()
            for detection in item.detections where detection.isPresent {
                w.beginObject()
                w.member("type", detection.type)
                w.member("count", detection.count)
                let occurrences = selection.selected[index]
                index += 1
                if !occurrences.isEmpty {
                    w.key("occurrences")
                    w.beginArray()
                    for o in occurrences { Self.write(o.location, to: &w) }
                    w.endArray()
                }
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.bytes
    }

    static func severity(_ level: SeverityLevel) -> (Int, String) {
        switch level {
        case .low: (2, "Low")
        case .medium: (3, "Medium")
        case .high: (4, "High")
        }
    }

    /// OCSF's data classification categories: Personal 1, Financial 3, Security 6, Other 99.
    static func category(_ category: DataCategory) -> (Int, String) {
        switch category {
        case .personalInformation: (1, "Personal")
        case .financialInformation: (3, "Financial")
        case .credentials: (6, "Security")
        case .customIdentifier: (99, "Other")
        }
    }

    static func write(_ location: OccurrenceLocation, to w: inout JSONWriter) {
        w.beginObject()
        switch location {
        case let .line(start, end, column):
            w.member("start_line", start)
            w.member("end_line", end)
            w.member("column_number", column)
        case let .cell(row, column, name, reference):
            w.member("row_number", row)
            w.member("column_number", column)
            w.member("column_name", ifNonEmpty: name)
            w.member("cell_name", ifNonEmpty: reference)
        case let .record(index, path):
            w.member("record_index_in_array", index)
            w.member("json_path", ifNonEmpty: path)
        case let .page(number, start, end, _):
            w.member("page_number", number)
            w.member("start_line", start)
            w.member("end_line", end)
        }
        w.endObject()
    }
}
