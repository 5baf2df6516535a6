// Publishing to a real Security Hub API emulator (moto_server from the venv `make test`
// creates, on 127.0.0.1, stopped by PID): findings read back with botocore (an
// independent client) carry the same Ids, once; re-publishing updates, never
// duplicates; a fault-injecting proxy (429, 500, a dropped connection, per-finding
// failures) changes nothing in what arrives; every request's SigV4 signature verifies
// with the test credentials (the proxy recomputes it with botocore); a hub that is down
// leaves every finding in the spool, exit 1, and a later publish delivers them; findings
// of another account are refused up front; findings no longer true are archived.

import Foundation
import TrawlTestSupport
import XCTest

final class PublishTests: XCTestCase {
    var dir = ""
    var servers: [ChildProcess] = []
    var motoPort = 0

    static var venv: String { Trawl.packageRoot + "/.venv/bin" }

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.venv + "/moto_server") else {
            throw XCTSkip("the venv with moto is absent: run `make venv`")
        }
        dir = try Trawl.temporaryDirectory()
        motoPort = try freeLocalPort()
        let moto = try ChildProcess(Self.venv + "/moto_server", ["-H", "127.0.0.1", "-p", String(motoPort)],
                                    log: URL(fileURLWithPath: dir + "/moto.log"))
        servers.append(moto)
        try moto.waitUntilListening(port: motoPort, within: 30)
    }

    override func tearDown() {
        for s in servers { s.stop() }
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// The test credentials and nothing from the user's own AWS set-up.
    var environment: [String: String] {
        ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
         "AWS_SHARED_CREDENTIALS_FILE": dir + "/no-credentials", "AWS_CONFIG_FILE": dir + "/no-config",
         "AWS_EC2_METADATA_DISABLED": "true", "HOME": dir]
    }

    func endpoint(_ port: Int) -> String { "http://127.0.0.1:\(port)" }

    /// A tree whose `count` objects each hold one SSN: `count` findings.
    func makeTree(_ count: Int) throws -> String {
        let tree = dir + "/tree"
        try FileManager.default.createDirectory(atPath: tree + "/hr", withIntermediateDirectories: true)
        for i in 0..<count {
            try "employee \(i) ssn 219-48-5231\n".write(toFile: tree + "/hr/e\(i).txt", atomically: false, encoding: .utf8)
        }
        return tree
    }

    func startProxy(mode: String) throws -> (port: Int, log: String) {
        let port = try freeLocalPort()
        let log = dir + "/proxy-\(mode).jsonl"
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let proxy = try ChildProcess(Self.venv + "/python", [Trawl.packageRoot + "/Tests/tools/hub_proxy.py",
                                     String(port), String(motoPort), mode, log],
                                     log: URL(fileURLWithPath: dir + "/proxy-\(mode).out"), environment: env)
        servers.append(proxy)
        try proxy.waitUntilListening(port: port, within: 30)
        return (port, log)
    }

    /// Every finding in the emulator (GetFindings through botocore, all pages): Id -> (UpdatedAt, RecordState).
    func hubFindings() throws -> [(id: String, updatedAt: String, recordState: String)] {
        let script = """
        import json, botocore.session
        c = botocore.session.get_session().create_client("securityhub", region_name="us-east-1",
            endpoint_url="\(endpoint(motoPort))", aws_access_key_id="testing", aws_secret_access_key="testing")
        out = []
        for page in c.get_paginator("get_findings").paginate():
            out += [[f["Id"], f.get("UpdatedAt", ""), f.get("RecordState", "")] for f in page["Findings"]]
        print(json.dumps(out))
        """
        let r = try runTool(Self.venv + "/python", ["-c", script])
        XCTAssertEqual(r.status, 0)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [[String]])
        return rows.map { ($0[0], $0[1], $0[2]) }
    }

    func findingIds(_ path: String) throws -> [String] {
        try Trawl.jsonLines(path).map { $0["Id"] as! String }
    }

    func scanAndPublish(_ tree: String, port: Int, extra: [String] = []) throws -> (TrawlRun, String) {
        let findings = dir + "/findings-\(UUID().uuidString).jsonl"
        let run = try Trawl.run(["scan", tree, "--output", findings, "--publish", "securityhub",
                                 "--endpoint-url", endpoint(port), "--spool", dir + "/spool", "--quiet"] + extra,
                                environment: environment)
        return (run, findings)
    }

    func testScanPublishesAndRepublishingUpdates() throws {
        let tree = try makeTree(130)
        let (run, findings) = try scanAndPublish(tree, port: motoPort)
        XCTAssertEqual(run.code, 0, run.stderr)
        let ids = try findingIds(findings)
        XCTAssertEqual(ids.count, 130)
        // The account of the findings is the credentials' own (moto: 123456789012).
        XCTAssertTrue(try Trawl.jsonLines(findings).allSatisfy { $0["AwsAccountId"] as? String == "123456789012" })
        let first = try hubFindings()
        XCTAssertEqual(first.map(\.id).sorted(), ids.sorted(), "the same Ids, each once")

        Thread.sleep(forTimeInterval: 0.01)
        let again = try Trawl.run(["publish", findings, "--endpoint-url", endpoint(motoPort), "--spool", dir + "/spool"],
                                  environment: environment)
        XCTAssertEqual(again.code, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("Published 130 findings"), again.stdout)
        let second = try hubFindings()
        XCTAssertEqual(second.count, 130, "republishing updates, it never duplicates")
        let before = Dictionary(uniqueKeysWithValues: first.map { ($0.id, $0.updatedAt) })
        for f in second { XCTAssertGreaterThan(f.updatedAt, before[f.id] ?? "", "UpdatedAt moves forward") }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/spool").filter { $0.hasPrefix("batch-") }, [])
    }

    func testFaultsChangeNothingInWhatArrivesAndEveryRequestIsSigned() throws {
        let tree = try makeTree(130)
        let (scan, findings) = try scanAndPublish(tree, port: motoPort)
        XCTAssertEqual(scan.code, 0, scan.stderr)
        let ids = try findingIds(findings)
        let proxy = try startProxy(mode: "faults")
        let run = try Trawl.run(["publish", findings, "--endpoint-url", endpoint(proxy.port), "--spool", dir + "/spool2"],
                                environment: environment)
        XCTAssertEqual(run.code, 0, run.stderr)
        XCTAssertEqual(try hubFindings().map(\.id).sorted(), ids.sorted())
        // (A request libcurl re-sends without its body after the dropped connection is cut
        // off by the proxy and logged as incomplete: it never reached the hub.)
        let log = try Trawl.jsonLines(proxy.log).filter { $0["action"] as? String != "incomplete" }
        XCTAssertEqual(Set(log.compactMap { $0["injected"] as? String }), ["429", "500", "drop", "partial"])
        XCTAssertTrue(log.allSatisfy { $0["authorization_shape_ok"] as? Bool == true }, "\(log)")
        XCTAssertTrue(log.allSatisfy { $0["signature_ok"] as? Bool == true }, "\(log)")
    }

    func testAHubThatIsDownLeavesEverythingInTheSpool() throws {
        let tree = try makeTree(5)
        let proxy = try startProxy(mode: "down")
        let (run, findings) = try scanAndPublish(tree, port: proxy.port, extra: ["--publish-timeout", "2"])
        XCTAssertEqual(run.code, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("5 findings wait in the spool"), run.stderr)
        XCTAssertEqual(try hubFindings().count, 0)
        // The findings file is complete all the same, and a later publish sends the spool.
        XCTAssertEqual(try findingIds(findings).count, 5)
        let later = try Trawl.run(["publish", "--spool", dir + "/spool", "--endpoint-url", endpoint(motoPort)],
                                  environment: environment)
        XCTAssertEqual(later.code, 0, later.stderr)
        XCTAssertEqual(try hubFindings().map(\.id).sorted(), try findingIds(findings).sorted())
    }

    func testFindingsOfAnotherAccountAreRefusedUpFront() throws {
        let tree = try makeTree(1)
        let findings = dir + "/other.jsonl"
        let scan = try Trawl.run(["scan", tree, "--output", findings, "--account-id", "111122223333", "--quiet"])
        XCTAssertEqual(scan.code, 0, scan.stderr)
        let run = try Trawl.run(["publish", findings, "--endpoint-url", endpoint(motoPort), "--spool", dir + "/spool"],
                                environment: environment)
        XCTAssertEqual(run.code, 2)
        XCTAssertTrue(run.stderr.contains("account 111122223333"), run.stderr)
        XCTAssertTrue(run.stderr.contains("123456789012"), run.stderr)
        XCTAssertEqual(try hubFindings().count, 0)
    }

    func testFindingsNoLongerTrueAreArchived() throws {
        let tree = try makeTree(3)
        let (first, findings) = try scanAndPublish(tree, port: motoPort)
        XCTAssertEqual(first.code, 0, first.stderr)
        // One object is cleaned, one deleted; one stays.
        try "employee 0: nothing sensitive\n".write(toFile: tree + "/hr/e0.txt", atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: tree + "/hr/e1.txt")
        let (second, current) = try scanAndPublish(tree, port: motoPort, extra: ["--previous-findings", findings])
        XCTAssertEqual(second.code, 0, second.stderr)
        let stillTrue = Set(try findingIds(current))
        XCTAssertEqual(stillTrue.count, 1)
        let hub = try hubFindings()
        XCTAssertEqual(hub.count, 3)
        for f in hub {
            XCTAssertEqual(f.recordState, stillTrue.contains(f.id) ? "ACTIVE" : "ARCHIVED", f.id)
        }
    }

    /// Findings of a run that did not publish (no --publish, or killed before sending) are
    /// sent by the next publishing run, though their objects are reused from the state.
    func testReusedFindingsTheHubNeverReceivedAreSent() throws {
        let tree = try makeTree(3)
        let state = dir + "/state.db"
        let local = try Trawl.run(["scan", tree, "--state", state, "--account-id", "123456789012", "--quiet"],
                                  environment: environment)
        XCTAssertEqual(local.code, 0, local.stderr)
        let (run, findings) = try scanAndPublish(tree, port: motoPort, extra: ["--state", state])
        XCTAssertEqual(run.code, 0, run.stderr)
        let ids = try findingIds(findings)
        XCTAssertEqual(ids.count, 3)
        XCTAssertEqual(try hubFindings().filter { $0.recordState == "ACTIVE" }.map(\.id).sorted(), ids.sorted())
    }

    /// With --state the previous findings come from the state itself: a deleted object's
    /// and a cleaned object's findings are archived, an unchanged one stays ACTIVE and is
    /// not sent again (its UpdatedAt does not move).
    func testWithAStateFindingsOfDeletedAndCleanedObjectsAreArchived() throws {
        let tree = try makeTree(3)
        let state = dir + "/state.db"
        let (first, findings) = try scanAndPublish(tree, port: motoPort, extra: ["--state", state])
        XCTAssertEqual(first.code, 0, first.stderr)
        let ids = try Trawl.jsonLines(findings).reduce(into: [String: String]()) { out, f in
            out[((f["Resources"] as! [[String: Any]]).last!["Id"] as! String)] = (f["Id"] as! String)
        }
        XCTAssertEqual(ids.count, 3)
        let before = Dictionary(uniqueKeysWithValues: try hubFindings().map { ($0.id, $0.updatedAt) })
        XCTAssertEqual(Set(before.keys), Set(ids.values))

        try FileManager.default.removeItem(atPath: tree + "/hr/e1.txt")
        try "employee 0: nothing sensitive\n".write(toFile: tree + "/hr/e0.txt", atomically: false, encoding: .utf8)
        Thread.sleep(forTimeInterval: 0.01)
        let (second, current) = try scanAndPublish(tree, port: motoPort, extra: ["--state", state])
        XCTAssertEqual(second.code, 0, second.stderr)
        XCTAssertEqual(try findingIds(current), [ids["arn:aws:s3:::hr/e2.txt"]!], "the unchanged object's finding, reused")
        let hub = Dictionary(uniqueKeysWithValues: try hubFindings().map { ($0.id, $0) })
        XCTAssertEqual(hub.count, 3)
        XCTAssertEqual(hub[ids["arn:aws:s3:::hr/e0.txt"]!]?.recordState, "ARCHIVED", "cleaned")
        XCTAssertEqual(hub[ids["arn:aws:s3:::hr/e1.txt"]!]?.recordState, "ARCHIVED", "deleted")
        let kept = ids["arn:aws:s3:::hr/e2.txt"]!
        XCTAssertEqual(hub[kept]?.recordState, "ACTIVE")
        XCTAssertEqual(hub[kept]?.updatedAt, before[kept], "a reused finding already in the hub is not sent again")

        // Once archived, they are not archived again: a third run sends nothing.
        let (third, _) = try scanAndPublish(tree, port: motoPort, extra: ["--state", state])
        XCTAssertEqual(third.code, 0, third.stderr)
        let after = try hubFindings()
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: after.map { ($0.id, $0.updatedAt) }),
                       hub.mapValues(\.updatedAt))
    }
}
