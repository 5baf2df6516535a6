// Incremental scans (`trawl scan ROOT --state FILE`) as a user runs them: a re-run
// reports unchanged objects from the state ("reused": true, same counts), classifies
// changed and new ones, leaves deleted ones out and counts them; changed detectors
// rescan everything; a scan killed with SIGKILL resumes from what its state committed
// and ends with the same result lines as an uninterrupted run; the state is refused
// for another root. Expected counts come from the hand-written files below.

import Foundation
import TrawlTestSupport
import XCTest

final class IncrementalScanTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = try Trawl.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: dir)
    }

    func write(_ text: String, _ path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// key -> (reused, detection type -> count)
    func lines(_ path: String) throws -> [String: (reused: Bool, counts: [String: Int])] {
        var out: [String: (Bool, [String: Int])] = [:]
        for line in try Trawl.jsonLines(path) {
            var counts: [String: Int] = [:]
            for item in line["sensitiveData"] as? [[String: Any]] ?? [] {
                for d in item["detections"] as? [[String: Any]] ?? [] { counts[d["type"] as! String] = d["count"] as? Int }
            }
            let key = line["key"] as! String
            XCTAssertNil(out[key], "one line per object: \(key)")
            out[key] = (line["reused"] as! Bool, counts)
        }
        return out
    }

    // 4556 9542 5550 3490: a Luhn-valid number made up for these tests; the e-mail
    // domains are made up too (not the reserved example.* ones, which are never reported).
    static let card = "card number: 4556 9542 5550 3490\n"

    func testARescanReusesUnchangedObjectsAndNoticesChangedNewAndDeletedOnes() throws {
        let tree = dir + "/tree", state = dir + "/state.db"
        try write(Self.card, tree + "/b/same.txt")
        try write("nothing to see\n", tree + "/b/clean.txt")
        try write("contact: jane.doe@acme-widgets.co.uk\n", tree + "/b/docs/change.txt")
        try write(Self.card, tree + "/b/gone.txt")

        let first = try Trawl.run(["scan", tree, "--state", state, "--results", dir + "/r1.jsonl"])
        XCTAssertEqual(first.code, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("New state " + state), first.stdout)
        let r1 = try lines(dir + "/r1.jsonl")
        XCTAssertEqual(r1.count, 4)
        XCTAssertTrue(r1.values.allSatisfy { !$0.reused })
        XCTAssertEqual(r1["same.txt"]?.counts, ["CREDIT_CARD_NUMBER": 1])
        XCTAssertEqual(r1["docs/change.txt"]?.counts, ["EMAIL_ADDRESS": 1])

        try write("contact: jane.doe@acme-widgets.co.uk, cc ravi.kumar@northwind-mail.io\n", tree + "/b/docs/change.txt")
        try write(Self.card + "e-mail: rosa_m@fjordline.no\n", tree + "/b/new.txt")
        try FileManager.default.removeItem(atPath: tree + "/b/gone.txt")

        let second = try Trawl.run(["scan", tree, "--state", state, "--results", dir + "/r2.jsonl",
                                    "--output", dir + "/f2.jsonl"])
        XCTAssertEqual(second.code, 0, second.stderr)
        let r2 = try lines(dir + "/r2.jsonl")
        XCTAssertEqual(Set(r2.keys), ["same.txt", "clean.txt", "docs/change.txt", "new.txt"], "no line for the deleted object")
        XCTAssertEqual(r2["same.txt"]?.reused, true)
        XCTAssertEqual(r2["same.txt"]?.counts, ["CREDIT_CARD_NUMBER": 1])
        XCTAssertEqual(r2["clean.txt"]?.reused, true)
        XCTAssertEqual(r2["clean.txt"]?.counts, [:])
        XCTAssertEqual(r2["docs/change.txt"]?.reused, false)
        XCTAssertEqual(r2["docs/change.txt"]?.counts, ["EMAIL_ADDRESS": 2])
        XCTAssertEqual(r2["new.txt"]?.reused, false)
        XCTAssertEqual(r2["new.txt"]?.counts, ["CREDIT_CARD_NUMBER": 1, "EMAIL_ADDRESS": 1])
        XCTAssertTrue(second.stdout.contains("2 objects reused from the state"), second.stdout)
        XCTAssertTrue(second.stdout.contains("1 object deleted since the last scan"), second.stdout)
        XCTAssertTrue(second.stdout.contains("Reported 4 objects"), second.stdout)
        XCTAssertTrue(second.stdout.contains("2 reused from the state, 2 read"), second.stdout)
        // A reused object with sensitive data still has its finding in --output.
        let resources = try Trawl.jsonLines(dir + "/f2.jsonl").compactMap { f in
            ((f["Resources"] as? [[String: Any]])?.last?["Id"] as? String)
        }
        XCTAssertEqual(Set(resources), ["arn:aws:s3:::b/same.txt", "arn:aws:s3:::b/docs/change.txt", "arn:aws:s3:::b/new.txt"])

        // Nothing changed: everything reused, nothing deleted any more.
        let third = try Trawl.run(["scan", tree, "--state", state, "--results", dir + "/r3.jsonl"])
        XCTAssertEqual(third.code, 0, third.stderr)
        XCTAssertTrue(try lines(dir + "/r3.jsonl").values.allSatisfy(\.reused))
        XCTAssertTrue(third.stdout.contains("4 objects reused"), third.stdout)
        XCTAssertTrue(third.stdout.contains("0 objects deleted"), third.stdout)

        // Other detectors: nothing is reused, and the summary says why.
        let fourth = try Trawl.run(["scan", tree, "--state", state, "--results", dir + "/r4.jsonl",
                                    "--exclude-identifiers", "EMAIL_ADDRESS"])
        XCTAssertEqual(fourth.code, 0, fourth.stderr)
        let r4 = try lines(dir + "/r4.jsonl")
        XCTAssertTrue(r4.values.allSatisfy { !$0.reused })
        XCTAssertEqual(r4["new.txt"]?.counts, ["CREDIT_CARD_NUMBER": 1])
        XCTAssertEqual(r4["docs/change.txt"]?.counts, [:])
        XCTAssertTrue(fourth.stdout.contains("detectors or the configuration changed"), fourth.stdout)

        // The state belongs to this root: another root is refused, the state left as it was.
        let other = dir + "/other"
        try write("nothing\n", other + "/b/x.txt")
        let foreign = try Trawl.run(["scan", other, "--state", state])
        XCTAssertEqual(foreign.code, 2, foreign.stderr)
        XCTAssertTrue(foreign.stderr.contains(state), foreign.stderr)
        XCTAssertTrue(foreign.stderr.contains(tree), foreign.stderr)
    }

    func testAnUnusableStateIsRefused() throws {
        let tree = dir + "/tree"
        try write(Self.card, tree + "/b/a.txt")
        try write("bucket,key\n", dir + "/notes.csv")
        let notSQLite = try Trawl.run(["scan", tree, "--state", dir + "/notes.csv", "--results", dir + "/r.jsonl"])
        XCTAssertEqual(notSQLite.code, 2)
        XCTAssertTrue(notSQLite.stderr.contains("--state " + dir + "/notes.csv: not a SQLite database"), notSQLite.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/r.jsonl"), "refused before any output is written")
        let unwritable = try Trawl.run(["scan", tree, "--state", dir + "/no/such/dir/state.db"])
        XCTAssertEqual(unwritable.code, 1, unwritable.stderr)
        XCTAssertTrue(unwritable.stderr.contains("no/such/dir/state.db"), unwritable.stderr)
    }

    /// Rows in the state's objects table, read with Python's sqlite3 (not with Trawl's code).
    func stateRows(_ path: String) throws -> Int {
        let r = try runTool("/usr/bin/python3", ["-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from objects').fetchone()[0])", path])
        XCTAssertEqual(r.status, 0)
        return Int(String(decoding: r.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// A result line without what differs between runs (reused, durationMs), as canonical JSON.
    func canonical(_ path: String) throws -> [String] {
        try Trawl.jsonLines(path).map { line in
            var l = line
            l.removeValue(forKey: "reused")
            l.removeValue(forKey: "durationMs")
            return String(decoding: try JSONSerialization.data(withJSONObject: l, options: [.sortedKeys]), as: UTF8.self)
        }.sorted()
    }

    func testAScanKilledHalfWayResumesWithNothingLostNorCountedTwice() throws {
        let tree = dir + "/tree"
        let count = 2500
        let filler = String(repeating: "the quick brown fox jumps over the lazy dog 0123456789\n", count: 10)
        for i in 0..<count {
            var text = "record \(i)\n" + filler
            if i % 7 == 0 { text += Self.card }
            if i % 11 == 0 { text += "contact: person\(i)@acme-widgets.co.uk\n" }
            try write(text, tree + "/bucket\(i % 3)/part\(i % 10)/file\(i).txt")
        }
        let reference = try Trawl.run(["scan", tree, "--results", dir + "/r0.jsonl", "--jobs", "2", "--quiet"])
        XCTAssertEqual(reference.code, 0, reference.stderr)
        XCTAssertEqual(try canonical(dir + "/r0.jsonl").count, count)

        // Start a scan with a state; kill it (SIGKILL) once its state holds some rows but not all.
        let state = dir + "/state.db"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Trawl.executable)
        process.arguments = ["scan", tree, "--state", state, "--results", dir + "/r1.jsonl", "--jobs", "2", "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let watcher = """
        import os, sqlite3, sys, time
        path, pid, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                n = sqlite3.connect(path, timeout=1).execute('select count(*) from objects').fetchone()[0]
            except Exception:
                n = 0
            if 0 < n < total:
                os.kill(pid, 9)
                print(n)
                sys.exit(0)
            if n >= total:
                print('finished before the kill'); sys.exit(1)
            time.sleep(0.002)
        sys.exit(2)
        """
        let watch = try runTool("/usr/bin/python3", ["-c", watcher, state, String(process.processIdentifier), String(count)])
        process.waitUntilExit()
        XCTAssertEqual(watch.status, 0, String(decoding: watch.stdout, as: UTF8.self))
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(process.terminationStatus, SIGKILL)
        let committed = try stateRows(state)
        XCTAssertGreaterThan(committed, 0)
        XCTAssertLessThan(committed, count, "killed half-way")

        let resumed = try Trawl.run(["scan", tree, "--state", state, "--results", dir + "/r2.jsonl", "--jobs", "2"])
        XCTAssertEqual(resumed.code, 0, resumed.stderr)
        XCTAssertEqual(try canonical(dir + "/r2.jsonl"), try canonical(dir + "/r0.jsonl"))
        let reused = try Trawl.jsonLines(dir + "/r2.jsonl").filter { $0["reused"] as? Bool == true }.count
        XCTAssertEqual(reused, committed, "every committed row, and only those, is reused")
        XCTAssertTrue(resumed.stdout.contains("\(committed) objects reused"), resumed.stdout)
        XCTAssertTrue(resumed.stdout.contains("0 objects deleted"), resumed.stdout)
        XCTAssertEqual(try stateRows(state), count)
        print("Killed after \(committed) of \(count) objects were committed; the resumed scan reused them.")
    }
}
