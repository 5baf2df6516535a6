// The bucket sensitivity score (Trawl's formula inside Macie's bands, README), against
// values computed by hand from the formula.

import XCTest
import TrawlDetectors
import TrawlFindings
@testable import TrawlScan

final class SensitivityScoreTests: XCTestCase {
    func result(_ code: StatusCode, reason: StatusReason? = nil, types: [String] = [], severity: SeverityLevel? = nil) -> ClassificationResult {
        var r = ClassificationResult(bucket: "b", key: "k", size: 10, status: ObjectStatus(code: code, reason: reason),
                                     versionToken: "v")
        if !types.isEmpty {
            r.sensitiveData = [SensitiveDataItem(category: .personalInformation, totalCount: types.count,
                                                 detections: types.map { Detection(type: $0, count: 1, occurrences: []) })]
            r.severity = severity
        }
        return r
    }

    func score(_ results: [ClassificationResult]) -> Int {
        var s = BucketStats()
        for r in results { s.add(r) }
        return s.sensitivityScore
    }

    func testBands() {
        XCTAssertEqual(score([]), 50, "nothing analysed yet")
        XCTAssertEqual(score([result(.skipped, reason: .permissionDenied), result(.skipped, reason: .internalError)]), -1)
        XCTAssertEqual(score([result(.skipped, reason: .unsupportedFileType)]), 50, "nothing analysed, but no error either")
        // Clean: 1 + 48 x (share not analysed). 10 objects, 8 analysed: 1 + 48 x 0.2 = 10.6 -> 11.
        let clean = (0..<8).map { _ in result(.complete) } + (0..<2).map { _ in result(.skipped, reason: .unsupportedFileType) }
        XCTAssertEqual(score(clean), 11)
        XCTAssertEqual(score((0..<5).map { _ in result(.complete) }), 1, "analysed in full and clean")
        // Sensitive: 4 analysed, 1 with two types at HIGH:
        // 0.5 x sqrt(1/4) + 0.3 x 1 + 0.2 x 2/5 = 0.25 + 0.3 + 0.08 = 0.63; 51 + 48 x 0.63 = 81.24 -> 81.
        let one = [result(.complete, types: ["USA_SOCIAL_SECURITY_NUMBER", "EMAIL_ADDRESS"], severity: .high)]
            + (0..<3).map { _ in result(.complete) }
        XCTAssertEqual(score(one), 81)
        // All 2 analysed with findings, LOW, one type: 0.5 + 0.1 + 0.04 = 0.64; 51 + 30.72 -> 82.
        XCTAssertEqual(score((0..<2).map { _ in result(.partial, types: ["EMAIL_ADDRESS"], severity: .low) }), 82)
    }
}
