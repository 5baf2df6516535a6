// The classification results line (DESIGN.md, "Classification results (--results)"):
// one JSON object per object in scope, camelCase like Macie's sensitive data discovery
// results, members in the documented order:
//
//   bucket (omitted when nil), key, size, mimeType (omitted when nil),
//   status {code, reason?, detail?}, sizeClassified, reused, durationMs,
//   sensitiveData [{category, totalCount, detections [{type, count, occurrences}]}],
//   customDataIdentifiers {totalCount, detections [{arn?, name, count, occurrences}]},
//   members [{path, mimeType?}], membersNotListed (only when some were not listed)
//
// occurrences is an object holding only the non-empty lists among
//   lineRanges [{start, end, startColumn, offset}], cells [{row, column, columnName?,
//   cellReference?, offset}], records [{recordIndex, jsonPath?, offset}],
//   pages [{pageNumber, lineRange {start, end, startColumn}, offset}]
// sensitiveData, customDataIdentifiers.detections and members are always present (an
// empty array when there is nothing), as in DESIGN.md's example; `{}` is written for a
// detection whose occurrences were not located.
//
// The encoder returns the line WITHOUT a trailing newline; the sink appends "\n".
// It is written with `JSONWriter` (hand-written, see its header for why not JSONEncoder).

public struct ResultLineEncoder: Sendable {
    public init() {}

    /// One results line, without a trailing newline.
    public func encode(_ result: ClassificationResult) -> [UInt8] {
        var writer = JSONWriter(capacity: 512)
        write(result, to: &writer)
        return writer.bytes
    }

    /// Appends one results line (no newline) to `buffer`, for sinks that batch lines.
    public func encode(_ result: ClassificationResult, appendingTo buffer: inout [UInt8]) {
        var writer = JSONWriter(appendingTo: buffer)
        buffer = []  // hand the storage to the writer: no copy on append
        write(result, to: &writer)
        buffer = writer.bytes
    }

    func write(_ r: ClassificationResult, to w: inout JSONWriter) {
        w.beginObject()
        w.member("bucket", ifPresent: r.bucket)
        w.member("key", r.key)
        w.member("size", r.size)
        w.member("mimeType", ifPresent: r.mimeType)

        w.key("status")
        w.beginObject()
        w.member("code", r.status.code.rawValue)
        w.member("reason", ifPresent: r.status.reason?.rawValue)
        w.member("detail", ifPresent: r.status.detail)
        w.endObject()

        w.member("sizeClassified", r.sizeClassified)
        w.member("reused", r.reused)
        w.member("durationMs", r.durationMs)

        w.key("sensitiveData")
        w.beginArray()
        for item in r.sensitiveData {
            w.beginObject()
            w.member("category", item.category.rawValue)
            w.member("totalCount", item.totalCount)
            w.key("detections")
            w.beginArray()
            for detection in item.detections {
                w.beginObject()
                w.member("type", detection.type)
                w.member("count", detection.count)
                writeOccurrences(detection.occurrences, to: &w)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()

        w.key("customDataIdentifiers")
        w.beginObject()
        w.member("totalCount", r.customDetections.reduce(0) { $0 + $1.count })
        w.key("detections")
        w.beginArray()
        for detection in r.customDetections {
            w.beginObject()
            w.member("arn", ifPresent: detection.arn)
            w.member("name", detection.name ?? detection.type)
            w.member("count", detection.count)
            writeOccurrences(detection.occurrences, to: &w)
            w.endObject()
        }
        w.endArray()
        w.endObject()

        w.key("members")
        w.beginArray()
        for member in r.members {
            w.beginObject()
            w.member("path", member.path)
            w.member("mimeType", ifPresent: member.mimeType)
            w.endObject()
        }
        w.endArray()
        if r.membersNotListed > 0 { w.member("membersNotListed", r.membersNotListed) }
        w.endObject()
    }

    private func writeOccurrences(_ occurrences: [Occurrence], to w: inout JSONWriter) {
        w.key("occurrences")
        w.beginObject()
        OccurrenceLists.write(occurrences[...], spelling: .resultLine, to: &w)
        w.endObject()
    }
}
