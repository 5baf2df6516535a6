// `trawl scan s3://...` end to end against moto_server's S3: the demo corpus uploaded by
// botocore (Tests/tools/s3_fixture.py; its buckets renamed demo-engineering, demo-finance,
// demo-hr, since S3 bucket names have 3 characters at least) must give the result lines
// and findings the local scan of Corpus/demo gives, and the ground truth
// (Corpus/demo-expected.json) holds for it too; prefixes, AWS_ENDPOINT_URL_S3, archived
// objects, and the failures of the run itself (exit 1) and of its usage (exit 2).

import Foundation
import TrawlTestSupport
import XCTest

final class S3ScanTests: XCTestCase {
    nonisolated(unsafe) static var moto: MotoS3?

    static func sharedMoto() throws -> MotoS3 {
        if let moto { return moto }
        let m = try MotoS3.start()
        try m.apply([["op": "tree", "root": Trawl.packageRoot + "/Corpus/demo", "bucket_prefix": "demo-"]])
        moto = m
        return m
    }

    override class func tearDown() {
        moto = nil
        super.tearDown()
    }

    /// Result lines without what differs between two scans of the same bytes (duration) or
    /// between sources (none of the others is written for both), the bucket renamed back.
    static func comparable(_ line: [String: Any]) -> NSDictionary {
        var l = line
        l.removeValue(forKey: "durationMs")
        if let b = l["bucket"] as? String, b.hasPrefix("demo-") { l["bucket"] = String(b.dropFirst(5)) }
        return l as NSDictionary
    }

    func testTheDemoCorpusInS3GivesTheLocalScansResultsAndFindings() throws {
        let moto = try Self.sharedMoto()
        let dir = try Trawl.temporaryDirectory()
        let common = ["--account-id", "111122223333", "--region", "eu-west-1", "--quiet"]
        let local = try Trawl.run(["scan", Trawl.packageRoot + "/Corpus/demo", "--results", dir + "/local.jsonl",
                                   "--output", dir + "/local-findings.jsonl"] + common)
        XCTAssertEqual(local.code, 0, local.stderr)
        let s3 = try Trawl.run(["scan", "s3://", "--endpoint-url", moto.endpoint, "--results", dir + "/s3.jsonl",
                                "--output", dir + "/s3-findings.jsonl"] + common, environment: moto.environment)
        XCTAssertEqual(s3.code, 0, s3.stderr)

        // Every object in a bucket, in the same order, with the same lines.
        let localLines = try Trawl.jsonLines(dir + "/local.jsonl").filter { $0["bucket"] != nil }
        // (Other tests of this class may have added buckets of their own.)
        let s3Lines = try Trawl.jsonLines(dir + "/s3.jsonl").filter { ($0["bucket"] as? String)?.hasPrefix("demo-") == true }
        XCTAssertEqual(s3Lines.count, localLines.count)
        XCTAssertEqual(s3Lines.count, 22)
        for (a, b) in zip(localLines, s3Lines) {
            XCTAssertEqual(Self.comparable(a), Self.comparable(b), "\(a["bucket"] ?? "")/\(a["key"] ?? "")")
        }

        // The ground truth, written by the corpus generator, holds for S3 too.
        let truthData = try Data(contentsOf: URL(fileURLWithPath: Trawl.packageRoot + "/Corpus/demo-expected.json"))
        let truth = try XCTUnwrap((try JSONSerialization.jsonObject(with: truthData) as? [String: Any])?["objects"] as? [[String: Any]])
        var byName: [String: [String: Any]] = [:]
        for r in s3Lines { byName[(r["bucket"] as! String) + "/" + (r["key"] as! String)] = r }
        var checked = 0
        for t in truth {
            guard let bucket = t["bucket"] as? String else { continue }
            let name = "demo-" + bucket + "/" + (t["key"] as! String)
            let r = try XCTUnwrap(byName[name], "no result line for \(name)")
            let status = r["status"] as! [String: Any]
            XCTAssertEqual(status["code"] as? String, t["status"] as? String, name)
            XCTAssertEqual(status["reason"] as? String, t["reason"] as? String, name)
            var got: [String: Int] = [:]
            for item in r["sensitiveData"] as! [[String: Any]] {
                for d in item["detections"] as! [[String: Any]] { got[d["type"] as! String] = d["count"] as? Int }
            }
            XCTAssertEqual(got, t["detections"] as! [String: Int], name)
            checked += 1
        }
        XCTAssertEqual(checked, 22)

        // Findings: one per object with sensitive data, the same resources, types and severities.
        func summary(_ path: String) throws -> [String] {
            try Trawl.jsonLines(path).compactMap { f in
                let resources = f["Resources"] as! [[String: Any]]
                let object = resources.last!["Id"] as! String
                if object.hasPrefix("arn:aws:s3:::") && !object.contains(":::demo-") && path.hasSuffix("s3-findings.jsonl") { return nil }
                let severity = (f["Severity"] as! [String: Any])["Label"] as! String
                return object.replacingOccurrences(of: ":::demo-", with: ":::") + " "
                    + (f["Types"] as! [String]).joined(separator: ",") + " " + severity
            }
        }
        let localFindings = try summary(dir + "/local-findings.jsonl")
        XCTAssertGreaterThan(localFindings.count, 10)
        XCTAssertEqual(try summary(dir + "/s3-findings.jsonl"), localFindings)
    }

    func testAPrefixWithTheEndpointFromTheEnvironment() throws {
        let moto = try Self.sharedMoto()
        let dir = try Trawl.temporaryDirectory()
        var env = moto.environment
        env["AWS_ENDPOINT_URL_S3"] = moto.endpoint
        let run = try Trawl.run(["scan", "s3://demo-hr/exports/", "--results", dir + "/r.jsonl", "--quiet"], environment: env)
        XCTAssertEqual(run.code, 0, run.stderr)
        let lines = try Trawl.jsonLines(dir + "/r.jsonl")
        XCTAssertEqual(lines.map { $0["key"] as! String }, ["exports/employees.csv", "exports/payroll-2024-02.csv.gz"])
        XCTAssertTrue(lines.allSatisfy { $0["bucket"] as? String == "demo-hr" })
        // AWS_ENDPOINT_URL works too (AWS_ENDPOINT_URL_S3 wins over it).
        env["AWS_ENDPOINT_URL_S3"] = nil
        env["AWS_ENDPOINT_URL"] = moto.endpoint
        let again = try Trawl.run(["scan", "s3://demo-hr/exports/", "--results", dir + "/r2.jsonl", "--quiet"], environment: env)
        XCTAssertEqual(again.code, 0, again.stderr)
        XCTAssertEqual(try Trawl.jsonLines(dir + "/r2.jsonl").count, 2)
    }

    func testArchivedObjectsAreSkippedWithInvalidObjectState() throws {
        let moto = try Self.sharedMoto()
        let card = "Customer card number: 4539 1488 0343 6467, expires 09/27.\n"
        try moto.apply([["op": "bucket", "bucket": "cold-bucket"],
                        ["op": "put", "bucket": "cold-bucket", "key": "archive/cards.txt", "text": card, "storage_class": "GLACIER"],
                        ["op": "put", "bucket": "cold-bucket", "key": "deep/cards.txt", "text": card, "storage_class": "DEEP_ARCHIVE"],
                        ["op": "put", "bucket": "cold-bucket", "key": "hot/cards.txt", "text": card],
                        ["op": "put", "bucket": "cold-bucket", "key": "ir/cards.txt", "text": card, "storage_class": "GLACIER_IR"]])
        let dir = try Trawl.temporaryDirectory()
        let run = try Trawl.run(["scan", "s3://cold-bucket", "--endpoint-url", moto.endpoint, "--results", dir + "/r.jsonl",
                                 "--quiet"], environment: moto.environment)
        XCTAssertEqual(run.code, 0, run.stderr)
        var status: [String: String] = [:]
        var cards: [String: Int] = [:]
        for line in try Trawl.jsonLines(dir + "/r.jsonl") {
            let s = line["status"] as! [String: Any]
            let key = line["key"] as! String
            status[key] = (s["code"] as! String) + " " + ((s["reason"] as? String) ?? "-")
            cards[key] = (line["sensitiveData"] as! [[String: Any]]).flatMap { $0["detections"] as! [[String: Any]] }
                .first { $0["type"] as? String == "CREDIT_CARD_NUMBER" }?["count"] as? Int ?? 0
        }
        XCTAssertEqual(status, ["archive/cards.txt": "SKIPPED INVALID_OBJECT_STATE", "deep/cards.txt": "SKIPPED INVALID_OBJECT_STATE",
                                "hot/cards.txt": "COMPLETE -", "ir/cards.txt": "COMPLETE -"])
        // The readable copies hold the card (Glacier Instant Retrieval is readable at once).
        XCTAssertGreaterThan(cards["hot/cards.txt"] ?? 0, 0)
        XCTAssertEqual(cards["ir/cards.txt"], cards["hot/cards.txt"])
        XCTAssertEqual(cards["archive/cards.txt"], 0)
        XCTAssertEqual(cards["deep/cards.txt"], 0)
    }

    func testALargeTextObjectSplitAcrossWorkersByRangeRequests() throws {
        // Over the 32 MiB split threshold: the parts are read with Range requests, each
        // part's stream through its own GetObject.
        let moto = try Self.sharedMoto()
        let tree = try Trawl.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: tree + "/large-bucket", withIntermediateDirectories: true)
        var text: [UInt8] = []
        text.reserveCapacity(34 << 20)
        var planted = 0
        var i = 0
        while text.count < 34 << 20 {
            if i % 40_000 == 17 {
                text += Array("2024-03-11 paid with card number 4539 1488 0343 6467 (order \(i))\n".utf8)
                planted += 1
            } else {
                text += Array("2024-03-11T10:00:00Z INFO request \(i) served in \(i % 997) ms path=/api/items/\(i * 7919 % 100_003)\n".utf8)
            }
            i += 1
        }
        try Data(text).write(to: URL(fileURLWithPath: tree + "/large-bucket/app.log"))
        try moto.apply([["op": "tree", "root": tree]])
        let local = try Trawl.run(["scan", tree, "--results", tree + "/local.jsonl", "--quiet", "--jobs", "4"])
        XCTAssertEqual(local.code, 0, local.stderr)
        let s3 = try Trawl.run(["scan", "s3://large-bucket", "--endpoint-url", moto.endpoint, "--results", tree + "/s3.jsonl",
                                "--quiet", "--jobs", "4"], environment: moto.environment)
        XCTAssertEqual(s3.code, 0, s3.stderr)
        let a = try XCTUnwrap(try Trawl.jsonLines(tree + "/local.jsonl").first)
        let b = try XCTUnwrap(try Trawl.jsonLines(tree + "/s3.jsonl").first)
        XCTAssertEqual(Self.comparable(a), Self.comparable(b))
        XCTAssertEqual(b["sizeClassified"] as? Int, text.count)
        let cards = (b["sensitiveData"] as! [[String: Any]]).flatMap { $0["detections"] as! [[String: Any]] }
            .first { $0["type"] as? String == "CREDIT_CARD_NUMBER" }?["count"] as? Int
        XCTAssertEqual(cards, planted)
        try? FileManager.default.removeItem(atPath: tree)
    }

    func testAProfilesCredentialsAndPublishingFromAnS3Scan() throws {
        let moto = try Self.sharedMoto()
        let home = try Trawl.temporaryDirectory()
        try "[audit]\naws_access_key_id = AKIDAUDIT\naws_secret_access_key = audit-secret\n"
            .write(toFile: home + "/credentials", atomically: false, encoding: .utf8)
        var env = S3TestEnvironment.environment(home: home)
        env["AWS_ACCESS_KEY_ID"] = ""
        env["AWS_SECRET_ACCESS_KEY"] = ""
        // Without --profile there are no credentials; with it, the profile's are used.
        let none = try Trawl.run(["scan", "s3://demo-hr", "--endpoint-url", moto.endpoint, "--quiet"], environment: env)
        XCTAssertEqual(none.code, 1, none.stderr)
        let results = home + "/r.jsonl"
        // moto serves S3, STS and Security Hub on one endpoint: --endpoint-url names them all.
        let run = try Trawl.run(["scan", "s3://demo-hr", "--profile", "audit", "--endpoint-url", moto.endpoint,
                                 "--results", results, "--publish", "securityhub", "--spool", home + "/spool"],
                                environment: env)
        XCTAssertEqual(run.code, 0, run.stderr)
        let lines = try Trawl.jsonLines(results)
        let truthData = try Data(contentsOf: URL(fileURLWithPath: Trawl.packageRoot + "/Corpus/demo-expected.json"))
        let truth = try XCTUnwrap((try JSONSerialization.jsonObject(with: truthData) as? [String: Any])?["objects"] as? [[String: Any]])
        XCTAssertEqual(lines.count, truth.filter { $0["bucket"] as? String == "hr" }.count)
        let withData = lines.filter { !($0["sensitiveData"] as! [Any]).isEmpty }.count
        XCTAssertGreaterThan(withData, 0)
        XCTAssertTrue(run.stdout.contains("Published \(withData) findings to Security Hub."), run.stdout)
    }

    func testRunFailuresExitOneAndBadURLsExitTwo() throws {
        let moto = try Self.sharedMoto()
        for bad in ["s3:///key", "s3://bad bucket/x", "s3://x"] {
            let run = try Trawl.run(["scan", bad, "--endpoint-url", moto.endpoint, "--quiet"], environment: moto.environment)
            XCTAssertEqual(run.code, 2, "\(bad): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("bucket"), run.stderr)
        }
        let missing = try Trawl.run(["scan", "s3://no-such-bucket", "--endpoint-url", moto.endpoint, "--quiet"],
                                    environment: moto.environment)
        XCTAssertEqual(missing.code, 1, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("NoSuchBucket"), missing.stderr)

        var noCredentials = moto.environment
        for k in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                  "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                  "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN"] {
            noCredentials[k] = ""
        }
        let dir = try Trawl.temporaryDirectory()
        let none = try Trawl.run(["scan", "s3://demo-hr", "--endpoint-url", moto.endpoint, "--results", dir + "/r.jsonl"],
                                 environment: noCredentials)
        XCTAssertEqual(none.code, 1, none.stderr)
        XCTAssertTrue(none.stderr.lowercased().contains("credentials"), none.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/r.jsonl"), "nothing written before the credentials are known")

        // An unreachable endpoint: listing fails after its retries, exit 1.
        let port = try freeLocalPort()
        let down = try Trawl.run(["scan", "s3://demo-hr", "--endpoint-url", "http://127.0.0.1:\(port)", "--quiet"],
                                 environment: moto.environment)
        XCTAssertEqual(down.code, 1, down.stderr)
    }
}
