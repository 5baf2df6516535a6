// Hand-made classification results and JSON helpers shared by the TrawlFindings tests.

import Foundation
import Testing
import TrawlDetectors
@testable import TrawlFindings

enum Fixture {
    static let account = "123456789012"
    static let context = ASFFContext(accountId: account, region: "eu-west-1",
                                     generatorId: "trawl-sensitive-data-discovery",
                                     now: Date(timeIntervalSince1970: 1_700_000_000.5))

    static func lines(_ count: Int, firstLine: Int = 1, offsetBase: Int = 0) -> [Occurrence] {
        (0..<count).map { i in
            Occurrence(location: .line(start: firstLine + i, end: firstLine + i, startColumn: 5), offset: offsetBase + 10 * i)
        }
    }

    static func item(_ category: DataCategory, _ detections: [Detection]) -> SensitiveDataItem {
        SensitiveDataItem(category: category, totalCount: detections.reduce(0) { $0 + $1.count }, detections: detections)
    }

    /// A CSV with card numbers (FINANCIAL only).
    static func financialCSV(key: String = "2024/q1.csv", versionToken: String = "etag-1",
                             severity: SeverityLevel? = .high) -> ClassificationResult {
        let cells = (0..<3).map { i in
            Occurrence(location: .cell(row: i + 2, column: 4, columnName: "card", cellReference: nil), offset: 1841 + 40 * i)
        }
        return ClassificationResult(
            bucket: "finance", key: key, size: 18_233, mimeType: "text/csv", status: .complete,
            sizeClassified: 70_211, durationMs: 12,
            sensitiveData: [item(.financialInformation, [Detection(type: "CREDIT_CARD_NUMBER", count: 3, occurrences: cells)])],
            lastModified: 951_782_400, eTag: "\"9b2cf535f27731c974343645a3985328\"",
            versionToken: versionToken, severity: severity)
    }

    /// Text, JSON, PDF and Excel occurrences across three categories plus a custom identifier.
    static func multiCategory() -> ClassificationResult {
        ClassificationResult(
            bucket: "hr", key: "exports/people 2024 (final) é 日本.xlsx", size: 1_000, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            status: ObjectStatus(code: .partial, reason: .fileExceedsSizeLimit, detail: "classified the first 20 MB"),
            sizeClassified: 20_000_000, durationMs: 40,
            sensitiveData: [
                item(.personalInformation, [
                    Detection(type: "USA_SOCIAL_SECURITY_NUMBER", count: 2, occurrences: [
                        Occurrence(location: .cell(row: 5, column: 3, columnName: "employee_ssn", cellReference: "Sheet1!C5"), offset: 100),
                        Occurrence(location: .cell(row: 6, column: 3, columnName: "employee_ssn", cellReference: "Sheet1!C6"), offset: 140),
                    ]),
                    Detection(type: "EMAIL_ADDRESS", count: 1, occurrences: [
                        Occurrence(location: .page(number: 3, start: 12, end: 12, startColumn: 7), offset: 5000),
                    ]),
                ]),
                item(.credentials, [
                    Detection(type: "AWS_CREDENTIALS", count: 1, occurrences: [
                        Occurrence(location: .record(index: 0, jsonPath: "$.Credentials.SecretAccessKey"), offset: 77),
                    ]),
                ]),
            ],
            customDetections: [
                Detection(type: "employee-id", count: 4, occurrences: lines(4, firstLine: 10),
                          arn: "arn:aws:macie2:eu-west-1:123456789012:custom-data-identifier/employee-id", name: "employee-id"),
            ],
            members: [ContainerMember(path: "xl/worksheets/sheet1.xml", mimeType: "application/xml")],
            lastModified: 1_700_000_000.25, eTag: "abc", versionToken: "v7", severity: .high)
    }

    static func clean(key: String = "readme.txt") -> ClassificationResult {
        ClassificationResult(bucket: "docs", key: key, size: 10, mimeType: "text/plain", status: .complete,
                             sizeClassified: 10, versionToken: "v1")
    }
}

enum JSON {
    static func object(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        return try #require(value as? [String: Any], sourceLocation: sourceLocation)
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Every path in `value` holding null, "", [] or {}.
    static func emptyPaths(_ value: Any, path: String = "$") -> [String] {
        switch value {
        case is NSNull:
            return [path + " = null"]
        case let s as String:
            return s.isEmpty ? [path + " = \"\""] : []
        case let a as [Any]:
            if a.isEmpty { return [path + " = []"] }
            return a.enumerated().flatMap { emptyPaths($1, path: "\(path)[\($0)]") }
        case let d as [String: Any]:
            if d.isEmpty { return [path + " = {}"] }
            return d.flatMap { emptyPaths($1, path: "\(path).\($0)") }
        default:
            return []
        }
    }

    /// Positions of `"name":` in the raw text, to check member order.
    static func position(of name: String, in text: String) -> Int? {
        guard let range = text.range(of: "\"\(name)\":") else { return nil }
        return text.distance(from: text.startIndex, to: range.lowerBound)
    }
}
