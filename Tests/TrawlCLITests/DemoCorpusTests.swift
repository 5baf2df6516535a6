// The demo corpus end to end, against its ground truth (Corpus/demo-expected.json,
// written by the generator from what it planted, independently of the scanner), and
// its findings against Security Hub's own service model (botocore, in the venv that
// `make test` creates).

import Foundation
import TrawlTestSupport
import XCTest

final class DemoCorpusTests: XCTestCase {
    nonisolated(unsafe) static var scanned: (results: String, findings: String, run: TrawlRun)?

    func scanDemo() throws -> (results: String, findings: String, run: TrawlRun) {
        if let s = Self.scanned { return s }
        let dir = try Trawl.temporaryDirectory()
        let results = dir + "/results.jsonl", findings = dir + "/findings.jsonl"
        let run = try Trawl.run(["scan", Trawl.packageRoot + "/Corpus/demo", "--results", results,
                                 "--output", findings, "--account-id", "111122223333", "--region", "eu-west-1"])
        XCTAssertEqual(run.code, 0, run.stderr)
        Self.scanned = (results, findings, run)
        return (results, findings, run)
    }

    func testEveryObjectGetsOneResultLineMatchingTheGroundTruth() throws {
        let (resultsPath, _, _) = try scanDemo()
        let results = try Trawl.jsonLines(resultsPath)
        let truthData = try Data(contentsOf: URL(fileURLWithPath: Trawl.packageRoot + "/Corpus/demo-expected.json"))
        let truth = try XCTUnwrap((try JSONSerialization.jsonObject(with: truthData) as? [String: Any])?["objects"] as? [[String: Any]])
        XCTAssertEqual(results.count, truth.count, "one result line per object")

        var byKey: [String: [String: Any]] = [:]
        for r in results { byKey[((r["bucket"] as? String) ?? "") + "/" + (r["key"] as! String)] = r }
        XCTAssertEqual(byKey.count, results.count, "no object twice")
        for t in truth {
            let name = ((t["bucket"] as? String) ?? "") + "/" + (t["key"] as! String)
            let r = try XCTUnwrap(byKey[name], "no result line for \(name)")
            let status = r["status"] as! [String: Any]
            XCTAssertEqual(status["code"] as? String, t["status"] as? String, name)
            XCTAssertEqual(status["reason"] as? String, t["reason"] as? String, name)
            var got: [String: Int] = [:]
            var lines: [String: [Int]] = [:]
            var cells: [String: [String]] = [:]
            var records: [String: [String]] = [:]
            for item in r["sensitiveData"] as! [[String: Any]] {
                for d in item["detections"] as! [[String: Any]] {
                    let type = d["type"] as! String
                    got[type] = d["count"] as? Int
                    let occ = d["occurrences"] as? [String: Any]
                    lines[type] = (occ?["lineRanges"] as? [[String: Any]] ?? []).map { $0["start"] as! Int }
                    cells[type] = (occ?["cells"] as? [[String: Any]] ?? []).map {
                        "\($0["row"] as! Int) \($0["column"] as! Int) \($0["columnName"] as! String)"
                    }
                    records[type] = (occ?["records"] as? [[String: Any]] ?? []).map {
                        "\($0["recordIndex"] as! Int) \($0["jsonPath"] as! String)"
                    }
                }
            }
            // CSV and JSON Lines objects are located by cell and record, the rest by line.
            if let expectedCells = t["cells"] as? [String: [[Any]]] {
                for (type, c) in expectedCells {
                    XCTAssertEqual(cells[type], c.map { $0.map { "\($0)" }.joined(separator: " ") }, "\(name) \(type) cells")
                }
            } else if let expectedRecords = t["records"] as? [String: [[Any]]] {
                for (type, c) in expectedRecords {
                    XCTAssertEqual(records[type], c.map { $0.map { "\($0)" }.joined(separator: " ") }, "\(name) \(type) records")
                }
            } else if let expectedLines = t["lines"] as? [String: [Int]] {
                for (type, l) in expectedLines {
                    XCTAssertEqual(lines[type], l, "\(name) \(type) lines")
                }
            }
            XCTAssertEqual(got, t["detections"] as! [String: Int], name)
        }
    }

    func testTheValueStraddlingTheChunkEdgeIsFoundOnceAtItsOffset() throws {
        let (resultsPath, _, _) = try scanDemo()
        let truthData = try Data(contentsOf: URL(fileURLWithPath: Trawl.packageRoot + "/Corpus/demo-expected.json"))
        let truth = (try JSONSerialization.jsonObject(with: truthData) as! [String: Any])["objects"] as! [[String: Any]]
        let log = try XCTUnwrap(truth.first { $0["straddle"] != nil })
        let straddle = log["straddle"] as! [String: Any]
        let r = try XCTUnwrap(try Trawl.jsonLines(resultsPath).first { $0["key"] as? String == log["key"] as? String })
        let detections = (r["sensitiveData"] as! [[String: Any]]).flatMap { $0["detections"] as! [[String: Any]] }
        let d = try XCTUnwrap(detections.first { $0["type"] as? String == straddle["type"] as? String })
        let occurrences = (d["occurrences"] as! [String: Any])["lineRanges"] as! [[String: Any]]
        let hits = occurrences.filter { $0["offset"] as? Int == straddle["byteStart"] as? Int }
        XCTAssertEqual(hits.count, 1)
        XCTAssertEqual(hits.first?["start"] as? Int, straddle["line"] as? Int)
    }

    func testFindingsValidateAgainstTheSecurityHubServiceModel() throws {
        let (resultsPath, findingsPath, _) = try scanDemo()
        guard ASFFValidator.isAvailable else { return XCTFail(ASFFValidator.missingMessage) }
        let (status, text) = try ASFFValidator.run(file: findingsPath)
        XCTAssertEqual(status, 0, text)
        let withData = try Trawl.jsonLines(resultsPath).filter { !($0["sensitiveData"] as! [Any]).isEmpty }
        let findings = try Trawl.jsonLines(findingsPath)
        XCTAssertEqual(findings.count, withData.count, "one finding per object with sensitive data")
        XCTAssertGreaterThan(findings.count, 10)
        XCTAssertTrue(text.contains("\(findings.count) findings valid"), text)
        for f in findings {
            XCTAssertEqual(f["AwsAccountId"] as? String, "111122223333")
            XCTAssertEqual(f["ProductArn"] as? String, "arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default")
        }
    }

    func testNoSensitiveValueReachesAnyOutput() throws {
        let (resultsPath, findingsPath, run) = try scanDemo()
        let text = try String(contentsOfFile: resultsPath, encoding: .utf8)
            + String(contentsOfFile: findingsPath, encoding: .utf8) + run.stdout + run.stderr
        // Shapes of the planted values: none may appear in results, findings or the summary.
        let shapes = [#"\b[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{1,4}\b"#, #"\b[0-9]{3}-[0-9]{2}-[0-9]{4}\b"#,
                      #"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z.]{2,}"#, "sk_live_", "AIza", "eyJ", "-----BEGIN",
                      #"Basic [A-Za-z0-9+/=]{8,}"#, #"\b[A-Z]{2}[0-9]{2} ?[0-9A-Z]{4} ?[0-9A-Z]{4}"#]
        for shape in shapes {
            XCTAssertNil(text.range(of: shape, options: .regularExpression), "output holds something shaped like \(shape)")
        }
    }
}
