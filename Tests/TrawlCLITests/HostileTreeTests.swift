// The hostile tree (Corpus/generators/make_hostile_tree.py, generated here, never
// committed): a zip bomb expanding to 2 GiB, 30-level nested zips, '../' members, tar
// links, truncated and corrupt archives, a 200 MiB single line, invalid UTF-8, a
// zero-byte file, a FIFO and a symlink loop. The scan must finish with one result line
// per object carrying the status and reason the generator expects, find every valid
// value beside them, and stay under 512 MiB of peak memory with 2 jobs.

import Foundation
import TrawlTestSupport
import XCTest

final class HostileTreeTests: XCTestCase {
    func testTheScanContainsEveryHostileObject() throws {
        let dir = try Trawl.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = ["python3", Trawl.packageRoot + "/Corpus/generators/make_hostile_tree.py", dir + "/tree"]
        let expectedPipe = Pipe()
        generator.standardOutput = expectedPipe
        try generator.run()
        let expectedData = expectedPipe.fileHandleForReading.readDataToEndOfFile()
        generator.waitUntilExit()
        XCTAssertEqual(generator.terminationStatus, 0)
        let expected = try XCTUnwrap(try JSONSerialization.jsonObject(with: expectedData) as? [String: [String: Any]])

        // Peak memory of the whole process, from GNU time (the Makefile installs it).
        let results = dir + "/results.jsonl", rss = dir + "/rss"
        let run = try Trawl.run(["scan", dir + "/tree", "--jobs", "2", "--results", results, "--output", "/dev/null"],
                                wrapper: ["/usr/bin/time", "-f", "%M", "-o", rss])
        XCTAssertEqual(run.code, 0, run.stderr)
        let peakKiB = try XCTUnwrap(Int(try String(contentsOfFile: rss, encoding: .utf8)
            .split(separator: "\n").last.map(String.init) ?? ""))
        XCTAssertLessThan(peakKiB, 512 * 1024, "peak RSS \(peakKiB) KiB")

        let lines = try Trawl.jsonLines(results)
        XCTAssertEqual(lines.count, expected.count, "one result line per object")
        for r in lines {
            let name = (r["bucket"] as! String) + "/" + (r["key"] as! String)
            let want = try XCTUnwrap(expected[name], "unexpected object \(name)")
            let status = r["status"] as! [String: Any]
            let codes = (want["status"] as? [String]) ?? [want["status"] as! String]
            XCTAssertTrue(codes.contains(status["code"] as! String), "\(name): \(status)")
            XCTAssertEqual(status["reason"] as? String, want["reason"] as? String, name)
            var found: [String: Int] = [:]
            for item in r["sensitiveData"] as! [[String: Any]] {
                for d in item["detections"] as! [[String: Any]] { found[d["type"] as! String] = d["count"] as? Int }
            }
            XCTAssertEqual(found, want["found"] as? [String: Int], name)
        }
        // Nothing was written outside the tree by the '../' and absolute member names.
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/evil.txt"))
    }
}
