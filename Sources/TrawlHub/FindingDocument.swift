// What the publisher needs to know or change in one ASFF finding (a JSON object, as
// the scan wrote it): its Id, to match the hub's FailedFindings; its UpdatedAt, set to
// the time of publishing so that re-importing the same Id updates the finding; its
// RecordState, ARCHIVED for a finding that is no longer true. Parsed with Foundation's
// JSONSerialization: findings are small and this is not the scanning hot path.

import Foundation

public enum FindingDocument {
    public enum DocumentError: Error, CustomStringConvertible {
        case notAFinding(String)
        public var description: String {
            switch self {
            case .notAFinding(let why): "not an ASFF finding: \(why)"
            }
        }
    }

    static func object(_ finding: [UInt8]) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(finding)) as? [String: Any] else {
            throw DocumentError.notAFinding("not a JSON object")
        }
        guard object["Id"] is String, object["ProductArn"] is String, object["AwsAccountId"] is String else {
            throw DocumentError.notAFinding("Id, ProductArn or AwsAccountId is missing")
        }
        return object
    }

    /// The finding's Id, ProductArn and AwsAccountId.
    public static func identity(_ finding: [UInt8]) throws -> (id: String, productArn: String, accountId: String) {
        let o = try object(finding)
        return (o["Id"] as! String, o["ProductArn"] as! String, o["AwsAccountId"] as! String)
    }

    /// The finding with UpdatedAt (and, when given, RecordState) replaced.
    public static func updated(_ finding: [UInt8], updatedAt: String, recordState: String? = nil) throws -> [UInt8] {
        var o = try object(finding)
        o["UpdatedAt"] = updatedAt
        if let recordState { o["RecordState"] = recordState }
        return [UInt8](try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    /// ASFF's timestamp format (RFC 3339 with milliseconds, UTC).
    public static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }
}
