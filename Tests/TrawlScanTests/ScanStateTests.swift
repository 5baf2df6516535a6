// The incremental-scan state (ScanState): a result stored is given back, marked reused,
// only for the same change token and the same detectors/config; batches are committed
// as they fill (what a killed scan leaves behind); objects not listed again are the
// deleted ones, within the scope; a state of another root, a file that is not SQLite
// and a SQLite file of another schema are refused as usage errors; an unwritable place
// is a run failure. Results and expectations are written by hand here, not produced by
// the classifier.

import Foundation
import TrawlDetectors
import TrawlFindings
import TrawlStorage
import XCTest
@testable import TrawlScan

final class ScanStateTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "trawl-state-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: dir)
    }

    func ref(_ key: String, bucket: String? = "b", token: String = "10-1-1", size: Int64 = 10) -> ObjectRef {
        ObjectRef(bucket: bucket, key: key, size: size, lastModified: 1_700_000_000, kind: .regular,
                  location: "/x/\(key)", versionToken: token)
    }

    /// A result with one card number on line 3, column 7, as a classifier would give it.
    func result(_ key: String, bucket: String? = "b", token: String = "10-1-1", card: Bool = true) -> ClassificationResult {
        let detections = card ? [SensitiveDataItem(category: .financialInformation, totalCount: 1, detections: [
            Detection(type: "CREDIT_CARD_NUMBER", count: 1,
                      occurrences: [Occurrence(location: .line(start: 3, end: 3, startColumn: 7), offset: 41)])])] : []
        return ClassificationResult(bucket: bucket, key: key, size: 10, mimeType: "text/plain", status: .complete,
                                    sizeClassified: 10, durationMs: 5, sensitiveData: detections,
                                    members: [ContainerMember(path: "inner.txt", mimeType: "text/plain")],
                                    lastModified: 1_700_000_000, versionToken: token, severity: card ? .high : nil)
    }

    func open(_ name: String = "state.db", source: String = "/data/root", fingerprint: String = "fp-1",
              batchSize: Int = 100) throws -> ScanState {
        try ScanState(path: dir + "/" + name, source: source, fingerprint: fingerprint, batchSize: batchSize,
                      batchInterval: 3600)
    }

    func testAStoredResultIsGivenBackForTheSameTokenOnly() throws {
        let state = try open()
        XCTAssertTrue(state.isNew)
        try state.record(result("a.txt"), findingId: "id-a", finding: Array("{\"Id\":\"id-a\"}".utf8))
        try state.record(result("top.txt", bucket: nil, card: false), findingId: nil, finding: nil)
        try state.commit()

        let again = try open()
        XCTAssertFalse(again.isNew)
        XCTAssertFalse(again.fingerprintChanged)
        let back = try XCTUnwrap(again.reusableResult(for: ref("a.txt")))
        XCTAssertTrue(back.reused)
        XCTAssertEqual(back.bucket, "b")
        XCTAssertEqual(back.key, "a.txt")
        XCTAssertEqual(back.mimeType, "text/plain")
        XCTAssertEqual(back.durationMs, 5)
        XCTAssertEqual(back.severity, .high)
        XCTAssertEqual(back.members, [ContainerMember(path: "inner.txt", mimeType: "text/plain")])
        XCTAssertEqual(back.sensitiveData.first?.detections.first?.occurrences,
                       [Occurrence(location: .line(start: 3, end: 3, startColumn: 7), offset: 41)])
        // A file in no bucket is stored and found as such.
        let top = try XCTUnwrap(again.reusableResult(for: ref("top.txt", bucket: nil)))
        XCTAssertNil(top.bucket)
        XCTAssertTrue(top.sensitiveData.isEmpty)
        // Another token (the file changed), another key, another bucket: nothing.
        XCTAssertNil(again.reusableResult(for: ref("a.txt", token: "11-2-1")))
        XCTAssertNil(again.reusableResult(for: ref("b.txt")))
        XCTAssertNil(again.reusableResult(for: ref("a.txt", bucket: "other")))
        XCTAssertNil(again.reusableResult(for: ref("a.txt", token: "")), "an object without a token is never reused")
    }

    func testAResultThatCouldNotReadTheObjectIsNotReused() throws {
        let state = try open()
        var denied = result("locked.txt", card: false)
        denied.status = ObjectStatus(code: .skipped, reason: .permissionDenied)
        var binary = result("image.png", card: false)
        binary.status = ObjectStatus(code: .skipped, reason: .unsupportedFileType)
        try state.record(denied, findingId: nil, finding: nil)
        try state.record(binary, findingId: nil, finding: nil)
        try state.commit()
        XCTAssertNil(state.reusableResult(for: ref("locked.txt")))
        XCTAssertEqual(state.reusableResult(for: ref("image.png"))?.status.reason, .unsupportedFileType)
    }

    func testBatchesAreCommittedAsTheyFill() throws {
        let state = try open(batchSize: 100)
        for i in 0..<250 { try state.record(result("k\(i)"), findingId: nil, finding: nil) }
        // 200 committed in two batches; 50 wait for the next batch (lost if the process dies now).
        let observer = try open()
        XCTAssertEqual(try observer.count(), 200)
        XCTAssertNotNil(observer.reusableResult(for: ref("k199")))
        XCTAssertNil(observer.reusableResult(for: ref("k200")))
        try state.commit()
        XCTAssertEqual(try observer.count(), 250)
    }

    func testAnotherFingerprintReusesNothing() throws {
        let first = try open(fingerprint: "fp-1")
        try first.record(result("a.txt"), findingId: nil, finding: nil)
        try first.commit()
        let second = try open(fingerprint: "fp-2")
        XCTAssertTrue(second.fingerprintChanged)
        XCTAssertNil(second.reusableResult(for: ref("a.txt")))
        let third = try open(fingerprint: "fp-2")
        XCTAssertFalse(third.fingerprintChanged)
    }

    func testTheFingerprintFollowsDetectorsAndConfig() throws {
        func set(_ regex: String, keywords: [String] = ["employee"]) throws -> DetectorSet {
            try DetectorSet([DetectorDefinition(id: "EMPLOYEE_ID", name: "Employee", category: .customIdentifier,
                                                regex: regex, keywords: keywords, sourceFile: "/one/place.yml")])
        }
        let base = ScanState.fingerprint(detectors: try set("EMP-[0-9]{6}"), parts: ["config: a"])
        XCTAssertEqual(base.count, 64)
        XCTAssertEqual(base, ScanState.fingerprint(detectors: try set("EMP-[0-9]{6}"), parts: ["config: a"]))
        var moved = DetectorDefinition(id: "EMPLOYEE_ID", name: "Employee", category: .customIdentifier,
                                       regex: "EMP-[0-9]{6}", keywords: ["employee"], sourceFile: "/another/place.yml")
        moved.sourceFile = "/another/place.yml"
        XCTAssertEqual(base, ScanState.fingerprint(detectors: try DetectorSet([moved]), parts: ["config: a"]),
                       "where the detector file lies does not matter")
        XCTAssertNotEqual(base, ScanState.fingerprint(detectors: try set("EMP-[0-9]{7}"), parts: ["config: a"]))
        XCTAssertNotEqual(base, ScanState.fingerprint(detectors: try set("EMP-[0-9]{6}", keywords: ["staff"]), parts: ["config: a"]))
        XCTAssertNotEqual(base, ScanState.fingerprint(detectors: try set("EMP-[0-9]{6}"), parts: ["config: b"]))
        XCTAssertNotEqual(base, ScanState.fingerprint(detectors: try set("EMP-[0-9]{6}"), parts: ["config: a", ""]))
    }

    func testObjectsNotListedAgainWithinTheScopeAreDeleted() throws {
        let first = try open()
        for key in ["keep.txt", "changed.txt", "gone.txt", "logs/gone.log"] {
            try first.record(result(key), findingId: "id-\(key)", finding: Array("{\"Id\":\"id-\(key)\"}".utf8))
        }
        try first.commit()
        try first.markPublished()

        let second = try open()
        try second.record(try XCTUnwrap(second.reusableResult(for: ref("keep.txt"))), findingId: "id-keep.txt", finding: nil)
        try second.record(result("changed.txt", token: "20-2-2", card: false), findingId: nil, finding: nil)
        var scope = ObjectScope()
        scope.exclude = ["logs/**"]
        let deleted = try second.deletedObjects(scope: scope)
        XCTAssertEqual(deleted.map(\.key), ["gone.txt"], "logs/gone.log is outside this run's scope: not counted")
        XCTAssertEqual(deleted.first.flatMap(\.publishedFinding).map { String(decoding: $0, as: UTF8.self) },
                       "{\"Id\":\"id-gone.txt\"}")
        // The changed object's published finding is still the old one until this run publishes.
        XCTAssertEqual(try second.publishedFinding(bucket: "b", key: "changed.txt")?.id, "id-changed.txt")
        try second.removeDeleted(deleted)
        try second.markPublished()
        XCTAssertEqual(try second.count(), 3)
        XCTAssertNil(try second.publishedFinding(bucket: "b", key: "changed.txt"), "clean now: nothing published")
        XCTAssertEqual(try second.publishedFinding(bucket: "b", key: "keep.txt")?.id, "id-keep.txt")
        XCTAssertEqual(try ScanState(path: dir + "/state.db", source: "/data/root", fingerprint: "fp-1")
                        .deletedObjects(scope: ObjectScope()).map(\.key).sorted(),
                       ["changed.txt", "keep.txt", "logs/gone.log"], "a third run that lists nothing")
    }

    func testAStateOfAnotherRootIsRefused() throws {
        _ = try open(source: "/data/root")
        XCTAssertThrowsError(try open(source: "/data/other")) { error in
            let e = error as! ScanStateError
            XCTAssertTrue(e.isUsage)
            XCTAssertTrue(e.description.contains(dir + "/state.db"), e.description)
            XCTAssertTrue(e.description.contains("/data/root"), e.description)
        }
    }

    func testAFileThatIsNotAStateIsRefused() throws {
        try Data("bucket,key\nb,a.txt\n".utf8).write(to: URL(fileURLWithPath: dir + "/notes.csv"))
        XCTAssertThrowsError(try open("notes.csv")) { error in
            let e = error as! ScanStateError
            XCTAssertTrue(e.isUsage)
            XCTAssertTrue(e.description.contains("notes.csv: not a SQLite database"), e.description)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/notes.csv")), Data("bucket,key\nb,a.txt\n".utf8),
                       "the file is left as it was")

        // The SQLite header, then garbage.
        try (Data("SQLite format 3\u{0}".utf8) + Data(repeating: 0xAB, count: 8192))
            .write(to: URL(fileURLWithPath: dir + "/damaged.db"))
        XCTAssertThrowsError(try open("damaged.db")) { error in
            XCTAssertTrue((error as! ScanStateError).isUsage, "\(error)")
        }

        // A SQLite database of something else (made by Python's sqlite3, not by Trawl).
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        python.arguments = ["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table invoices (n int)'); c.commit()",
                            dir + "/invoices.db"]
        try python.run()
        python.waitUntilExit()
        XCTAssertEqual(python.terminationStatus, 0)
        XCTAssertThrowsError(try open("invoices.db")) { error in
            let e = error as! ScanStateError
            XCTAssertTrue(e.isUsage)
            XCTAssertTrue(e.description.contains("not a trawl scan state"), e.description)
            XCTAssertTrue(e.description.contains("invoices"), e.description)
        }
    }

    func testAStateThatCannotBeWrittenIsARunFailure() throws {
        XCTAssertThrowsError(try open("no/such/dir/state.db")) { error in
            let e = error as! ScanStateError
            XCTAssertFalse(e.isUsage, e.description)
            XCTAssertTrue(e.description.contains("no/such/dir/state.db"), e.description)
        }
    }

    /// Lookups from many threads at once (the workers') all find their rows.
    func testConcurrentLookups() throws {
        let state = try open(batchSize: 1000)
        for i in 0..<2000 { try state.record(result("k\(i)", card: i % 2 == 0), findingId: nil, finding: nil) }
        try state.commit()
        let reader = try ScanState(path: dir + "/state.db", source: "/data/root", fingerprint: "fp-1", readers: 4)
        final class Counter: @unchecked Sendable { let lock = NSLock(); var found = 0 }
        let counter = Counter()
        let refs = (0..<2000).map { ref("k\($0)") }
        let started = Date()
        DispatchQueue.concurrentPerform(iterations: 4) { part in
            var found = 0
            for i in stride(from: part, to: 2000, by: 4) where reader.reusableResult(for: refs[i]) != nil { found += 1 }
            counter.lock.lock(); counter.found += found; counter.lock.unlock()
        }
        let seconds = Date().timeIntervalSince(started)
        XCTAssertEqual(counter.found, 2000)
        print("ScanState: 2000 lookups on 4 threads in \(String(format: "%.3f", seconds)) s "
              + "(\(Int(2000 / max(seconds, 1e-9))) lookups/s)")
    }
}
