// What an object that cannot be opened becomes in its result line: a source's
// ObjectOpenError (S3's refusals among them) mapped onto Macie's status and reason codes,
// spelled as Macie spells them; and a read that fails part-way.

import Foundation
import TrawlDetectors
import TrawlFindings
import TrawlStorage
@testable import TrawlScan

import XCTest

/// A source whose objects fail to open with the error named by their key.
struct RefusingSource: ObjectSource {
    static let errors: [String: ObjectOpenError] = [
        "archived": .invalidObjectState, "sse-c": .invalidEncryption("InvalidRequest: SSE-C"),
        "kms": .invalidKMSKey("KMS.DisabledException: key disabled"), "changed": .versionMismatch,
        "removed": .notFound, "denied": .permissionDenied,
    ]

    func makeIterator() throws -> AnyIterator<ObjectRef> {
        var keys = Self.errors.keys.sorted()[...]
        return AnyIterator {
            guard let key = keys.popFirst() else { return nil }
            return ObjectRef(bucket: "b", key: key, size: 10, lastModified: 0, kind: .regular, location: key,
                             versionToken: "\"e\"", eTag: "\"e\"")
        }
    }

    func open(_ ref: ObjectRef) throws(ObjectOpenError) -> ObjectStream { throw Self.errors[ref.key]! }
    func open(_ ref: ObjectRef, from offset: Int64) throws(ObjectOpenError) -> ObjectStream { try open(ref) }
}

final class ObjectOpenStatusTests: XCTestCase {
    func testOpenFailuresBecomeMaciesReasonCodes() throws {
        let source = RefusingSource()
        let scanner = ObjectScanner(source: source, set: ClassifyObjects.catalogue, limits: ObjectLimits(),
                                    chunkSize: 64 << 10, parts: 1)
        var got: [String: String] = [:]
        for ref in try source.makeIterator() {
            let r = scanner.classify(ref)
            got[ref.key] = r.status.code.rawValue + " " + (r.status.reason?.rawValue ?? "-")
            XCTAssertEqual(r.sizeClassified, 0, ref.key)
        }
        XCTAssertEqual(got, [
            "archived": "SKIPPED INVALID_OBJECT_STATE",
            "sse-c": "SKIPPED INVALID_ENCRYPTION",
            "kms": "SKIPPED INVALID_KMS_KEY",
            "changed": "SKIPPED OBJECT_VERSION_MISMATCH",
            "removed": "SKIPPED OBJECT_REMOVED",
            "denied": "SKIPPED PERMISSION_DENIED",
        ])
    }
}
