// The command-line contract (DESIGN.md): exit codes 0/1/2/3, messages that name the
// flag, file and line, outputs streamed to files, '-' and /dev/null, and a result line
// for every object whatever it is (FIFO, socket, symlink, unreadable, gzip damage).

import Foundation
import TrawlTestSupport
import XCTest

final class CommandLineTests: XCTestCase {
    var tree: String!

    override func setUpWithError() throws {
        tree = try Trawl.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: tree + "/b/dir", withIntermediateDirectories: true)
        // 4556 9542 5550 3490: a Luhn-valid number made up for these tests.
        try "card number: 4556 9542 5550 3490\n".write(toFile: tree + "/b/dir/card.txt", atomically: false, encoding: .utf8)
        try "nothing to see\n".write(toFile: tree + "/b/clean.txt", atomically: false, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: tree)
    }

    func testExitCodes() throws {
        XCTAssertEqual(try Trawl.run(["scan", tree, "--quiet"]).code, 0)
        XCTAssertEqual(try Trawl.run(["scan", tree, "--quiet", "--fail-on", "HIGH"]).code, 3)
        XCTAssertEqual(try Trawl.run(["scan", tree, "--quiet", "--fail-on", "MEDIUM"]).code, 3)
        try FileManager.default.removeItem(atPath: tree + "/b/dir/card.txt")
        XCTAssertEqual(try Trawl.run(["scan", tree, "--quiet", "--fail-on", "LOW"]).code, 0)
    }

    /// A scan without detector options takes the set built while its command line was
    /// parsed (DefaultDetectorSet); an option that changes the set, in either spelling,
    /// gets its own.
    func testDetectorOptionsInEitherSpellingChangeTheDefaultSet() throws {
        func types(_ options: [String]) throws -> Bool {
            let run = try Trawl.run(["scan", tree, "--quiet", "--output", "-"] + options)
            XCTAssertEqual(run.code, 0, "\(options): \(run.stderr)")
            return run.stdout.contains("CREDIT_CARD_NUMBER")
        }
        XCTAssertTrue(try types([]))
        XCTAssertFalse(try types(["--exclude-identifiers", "CREDIT_CARD_NUMBER"]))
        XCTAssertFalse(try types(["--exclude-identifiers=CREDIT_CARD_NUMBER"]))
        XCTAssertFalse(try types(["--managed-identifiers=NONE"]))
        XCTAssertTrue(try types(["--managed-identifiers=NONE", "--include-identifiers=CREDIT_CARD_NUMBER"]))
    }

    func testBadUsageExitsTwoWithAMessageNamingTheProblem() throws {
        let cases: [([String], String)] = [
            (["scan", tree, "--jobs", "0"], "--jobs"),
            (["scan", tree, "--fail-on", "SEVERE"], "fail-on"),
            (["scan", tree, "--no-such-flag"], "no-such-flag"),
            (["scan", tree + "/missing"], "not a directory"),
            (["scan", tree, "--account-id", "12"], "--account-id"),
            (["scan", tree, "--region", "Mars"], "--region"),
            // Not of the shape ^[a-z]{2}(-[a-z]+)+-[0-9]+$ (AWS region names).
            (["scan", tree, "--region", "us-east"], "--region"),
            (["scan", tree, "--region", "us-east-1a"], "--region"),
            (["scan", tree, "--region", "use-east-1"], "--region"),
            (["scan", tree, "--region", "us--1"], "--region"),
            (["scan", tree, "--region", "us-East-1"], "--region"),
            (["scan", tree, "--region", "us-east-"], "--region"),
            (["scan", tree, "--include-identifiers", "NOT_AN_ID"], "NOT_AN_ID"),
            (["scan", tree, "--format", "xml"], "format"),
            (["scan", tree, "--state", tree + "/b/clean.txt"], "--state \(tree!)/b/clean.txt: not a SQLite database"),
        ]
        for (args, mention) in cases {
            let run = try Trawl.run(args)
            XCTAssertEqual(run.code, 2, "\(args): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(mention), "\(args): \(run.stderr)")
        }
        for region in ["us-east-1", "us-gov-west-1", "ap-southeast-2"] {
            let run = try Trawl.run(["scan", tree, "--region", region, "--quiet"])
            XCTAssertEqual(run.code, 0, "\(region): \(run.stderr)")
        }
    }

    func testABadDetectorFileIsRejectedWithFileAndLine() throws {
        let dir = try Trawl.temporaryDirectory()
        let file = dir + "/badge.yml"
        try """
        id: EMPLOYEE_BADGE
        category: PERSONAL_INFORMATION
        regex: 'BADGE-([0-9]{6}'
        """.write(toFile: file, atomically: false, encoding: .utf8)
        let run = try Trawl.run(["scan", tree, "--detectors", dir])
        XCTAssertEqual(run.code, 2)
        XCTAssertTrue(run.stderr.contains(file + ":3: regex:"), run.stderr)
    }

    func testTheConfigFileSelectsIdentifiersAndFlagsOverrideIt() throws {
        let dir = try Trawl.temporaryDirectory()
        let config = dir + "/trawl.yml"
        try "managedDataIdentifierSelector: EXCLUDE\nmanagedDataIdentifierIds: [CREDIT_CARD_NUMBER]\n"
            .write(toFile: config, atomically: false, encoding: .utf8)
        let excluded = try Trawl.run(["scan", tree, "--config", config, "--results", "-", "--quiet"])
        XCTAssertEqual(excluded.code, 0, excluded.stderr)
        XCTAssertFalse(excluded.stdout.contains("\"CREDIT_CARD_NUMBER\""), excluded.stdout)
        // --include-identifiers adds to the file's selection.
        try "managedDataIdentifierSelector: NONE\n".write(toFile: config, atomically: false, encoding: .utf8)
        let included = try Trawl.run(["scan", tree, "--config", config, "--include-identifiers", "CREDIT_CARD_NUMBER",
                                      "--results", "-", "--quiet"])
        XCTAssertTrue(included.stdout.contains("\"CREDIT_CARD_NUMBER\""), included.stdout)
        // --managed-identifiers replaces the file's selector.
        let all = try Trawl.run(["scan", tree, "--config", config, "--managed-identifiers", "ALL", "--results", "-", "--quiet"])
        XCTAssertTrue(all.stdout.contains("\"CREDIT_CARD_NUMBER\""), all.stdout)
    }

    func testTheConfigFileSetsTheLimits() throws {
        // A zip holding a zip: with archiveNestingDepth 1 the inner one is not opened.
        let dir = try Trawl.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/tree/b", withIntermediateDirectories: true)
        let inner = try makeZip([.file("memo.txt", "employee ssn 219-48-5231\n")])
        try Data(try makeZip([.file("inner.zip", inner)])).write(to: URL(fileURLWithPath: dir + "/tree/b/outer.zip"))
        let config = dir + "/trawl.yml"
        try "limits:\n  archiveNestingDepth: 1\n".write(toFile: config, atomically: false, encoding: .utf8)
        let bounded = try Trawl.run(["scan", dir + "/tree", "--config", config, "--results", "-", "--quiet"])
        XCTAssertEqual(bounded.code, 0, bounded.stderr)
        XCTAssertTrue(bounded.stdout.contains("\"ARCHIVE_NESTING_LEVEL_OVER_LIMIT\""), bounded.stdout)
        XCTAssertFalse(bounded.stdout.contains("USA_SOCIAL_SECURITY_NUMBER"), bounded.stdout)
        let open = try Trawl.run(["scan", dir + "/tree", "--results", "-", "--quiet"])
        XCTAssertTrue(open.stdout.contains("USA_SOCIAL_SECURITY_NUMBER"), open.stdout)
    }

    func testAnArchiveIsSkippedWithTheReasonWhenLibarchiveCannotBeLoaded() throws {
        // libarchive is loaded on the first archive (format_libraries.c): a system without
        // it (here: TRAWL_ARCHIVE_LIBRARY naming a file that does not exist) still scans,
        // and the archive's result line says why it was not opened.
        let dir = try Trawl.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/tree/b", withIntermediateDirectories: true)
        try Data(try makeZip([.file("memo.txt", "employee ssn 219-48-5231\n")]))
            .write(to: URL(fileURLWithPath: dir + "/tree/b/memo.zip"))
        try "employee ssn 219-48-5231\n".write(toFile: dir + "/tree/b/memo.txt", atomically: false, encoding: .utf8)
        let missing = dir + "/no-such-libarchive.so"
        let run = try Trawl.run(["scan", dir + "/tree", "--results", "-", "--quiet"],
                                environment: ["TRAWL_ARCHIVE_LIBRARY": missing])
        XCTAssertEqual(run.code, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let zip = try XCTUnwrap(lines.first { $0["key"] as? String == "memo.zip" }, run.stdout)
        let status = try XCTUnwrap(zip["status"] as? [String: Any])
        XCTAssertEqual(status["code"] as? String, "SKIPPED")
        XCTAssertTrue((status["detail"] as? String ?? "").contains("cannot load \(missing)"), "\(status)")
        let text = try XCTUnwrap(lines.first { $0["key"] as? String == "memo.txt" }, run.stdout)
        XCTAssertEqual((text["status"] as? [String: Any])?["code"] as? String, "COMPLETE")
        XCTAssertTrue(run.stdout.contains("USA_SOCIAL_SECURITY_NUMBER"), run.stdout)
        // With the library found, the same archive is opened.
        let open = try Trawl.run(["scan", dir + "/tree", "--results", "-", "--quiet"])
        XCTAssertEqual(open.stdout.components(separatedBy: "USA_SOCIAL_SECURITY_NUMBER").count - 1, 2, open.stdout)
    }

    func testCustomIdentifiersAllowListsAndAHostileUserRegex() throws {
        let dir = try Trawl.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/tree/b", withIntermediateDirectories: true)
        try "employee EMP-123456\nemployee EMP-999999\nmail ann@corp.example\n"
            .write(toFile: dir + "/tree/b/staff.txt", atomically: false, encoding: .utf8)
        // A run of a's makes the user's regex backtrack at every start; the SSN beside it
        // is for the managed identifiers.
        try ("ssn 219-48-5231\n" + String(repeating: "a", count: 200_000) + "!\n")
            .write(toFile: dir + "/tree/b/hostile.txt", atomically: false, encoding: .utf8)
        try "EMP-999999\n".write(toFile: dir + "/allow.txt", atomically: false, encoding: .utf8)
        let config = dir + "/trawl.yml"
        try """
        customDataIdentifiers:
          - name: employee-id
            regex: 'EMP-[0-9]{6}'
            keywords: [employee]
          - name: runaway
            regex: '(a+)+$'
        allowLists:
          - {name: known, file: allow.txt}
          - {name: corp, regex: '[a-z]+@corp\\.example'}
        limits:
          customRegexSeconds: 1
        """.write(toFile: config, atomically: false, encoding: .utf8)
        let started = Date()
        let run = try Trawl.run(["scan", dir + "/tree", "--config", config, "--results", dir + "/r.jsonl",
                                 "--output", dir + "/f.jsonl", "--quiet"])
        XCTAssertEqual(run.code, 0, run.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 60)
        let results = try Trawl.jsonLines(dir + "/r.jsonl")
        let staff = try XCTUnwrap(results.first { $0["key"] as? String == "staff.txt" })
        XCTAssertEqual((staff["status"] as? [String: Any])?["code"] as? String, "COMPLETE")
        let custom = try XCTUnwrap(staff["customDataIdentifiers"] as? [String: Any])
        XCTAssertEqual(custom["totalCount"] as? Int, 1, "EMP-999999 is allowed")
        XCTAssertTrue((staff["sensitiveData"] as? [Any])?.isEmpty ?? false, "the corp address is allowed")
        let hostile = try XCTUnwrap(results.first { $0["key"] as? String == "hostile.txt" })
        let status = try XCTUnwrap(hostile["status"] as? [String: Any])
        XCTAssertEqual(status["code"] as? String, "PARTIAL")
        XCTAssertEqual(status["reason"] as? String, "TIME_CUT_OFF_REACHED")
        XCTAssertTrue("\(hostile["sensitiveData"] ?? "")".contains("USA_SOCIAL_SECURITY_NUMBER"))
        let finding = try XCTUnwrap(try Trawl.jsonLines(dir + "/f.jsonl").first { "\($0["Resources"] ?? "")".contains("staff.txt") })
        XCTAssertEqual((finding["Types"] as? [String])?.first, "Sensitive Data Identifications/PII/SensitiveData:S3Object-CustomIdentifier")
        XCTAssertTrue("\(finding)".contains("custom-data-identifier/"), "reported with an Arn")
    }

    func testShardsUnionToTheWholeScanAndSamplesRepeat() throws {
        let dir = try Trawl.temporaryDirectory()
        for i in 0..<40 {
            let path = dir + "/tree/b\(i % 2)/d\(i % 5)"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try "ssn 219-48-5231 line \(i)\n".write(toFile: path + "/f\(i).txt", atomically: false, encoding: .utf8)
        }
        func keys(_ args: [String], environment: [String: String] = [:]) throws -> [String] {
            let run = try Trawl.run(["scan", dir + "/tree", "--results", "-", "--quiet"] + args, environment: environment)
            XCTAssertEqual(run.code, 0, run.stderr)
            return try run.stdout.split(separator: "\n").map {
                let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
                return (o["bucket"] as! String) + "/" + (o["key"] as! String)
            }
        }
        let all = try keys([])
        XCTAssertEqual(all.count, 40)
        var union: [String] = []
        for i in 0..<3 { union += try keys(["--shard", "\(i)/3"]) }
        XCTAssertEqual(union.sorted(), all.sorted(), "shards partition the objects: each once")
        let auto = try keys(["--shard", "auto"], environment: ["JOB_COMPLETION_INDEX": "1", "TRAWL_SHARD_COUNT": "3"])
        XCTAssertEqual(auto, try keys(["--shard", "1/3"]))
        let sample = try keys(["--sample", "50"])
        XCTAssertEqual(try keys(["--sample", "50"]), sample, "the same sample every run")
        XCTAssertTrue(sample.count > 5 && sample.count < 35, "\(sample.count)")
        // d1 holds f1, f6, f11, ..., f36 (8 files); f6, f16, f26 and f36 end in 6.
        XCTAssertEqual(try keys(["--include", "d1/**", "--exclude", "*6.txt"]).count, 4)
        let bad = try Trawl.run(["scan", dir + "/tree", "--shard", "3/3"])
        XCTAssertEqual(bad.code, 2)
        XCTAssertTrue(bad.stderr.contains("--shard"), bad.stderr)
        let noCount = try Trawl.run(["scan", dir + "/tree", "--shard", "auto"], environment: ["JOB_COMPLETION_INDEX": "0"])
        XCTAssertEqual(noCount.code, 2)
        XCTAssertTrue(noCount.stderr.contains("TRAWL_SHARD_COUNT"), noCount.stderr)
    }

    func testABadConfigFileIsRejectedWithFileAndLine() throws {
        let dir = try Trawl.temporaryDirectory()
        let config = dir + "/trawl.yml"
        try "# selection\nmanagedDataIdentifierSelector: EXCLUDE\nmanagedDataIdentifierIds: [CREDIT_CARD_NUMBR]\n"
            .write(toFile: config, atomically: false, encoding: .utf8)
        let run = try Trawl.run(["scan", tree, "--config", config])
        XCTAssertEqual(run.code, 2)
        XCTAssertTrue(run.stderr.contains(config + ":3: managedDataIdentifierIds: unknown identifier 'CREDIT_CARD_NUMBR'"), run.stderr)
        let missing = try Trawl.run(["scan", tree, "--config", dir + "/nope.yml"])
        XCTAssertEqual(missing.code, 2)
        XCTAssertTrue(missing.stderr.contains("nope.yml"), missing.stderr)
    }

    func testOCSFOutputHasTheSameFindingsAsASFF() throws {
        let asff = try Trawl.run(["scan", tree, "--output", "-", "--quiet"])
        let ocsf = try Trawl.run(["scan", tree, "--format", "ocsf", "--output", "-", "--quiet"])
        XCTAssertEqual(ocsf.code, 0, ocsf.stderr)
        func lines(_ text: String) throws -> [[String: Any]] {
            try text.split(separator: "\n").map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        }
        let asffIds = try lines(asff.stdout).map { $0["Id"] as! String }
        let events = try lines(ocsf.stdout)
        XCTAssertFalse(events.isEmpty)
        XCTAssertTrue(events.allSatisfy { $0["class_uid"] as? Int == 2006 })
        XCTAssertEqual(events.map { ($0["finding_info"] as! [String: Any])["uid"] as! String }.sorted(), asffIds.sorted())
    }

    func testAnExtraDetectorDirectoryAddsIdentifiers() throws {
        let dir = try Trawl.temporaryDirectory()
        try """
        id: EMPLOYEE_BADGE
        category: PERSONAL_INFORMATION
        regex: 'BADGE-[0-9]{6}'
        examples: ['BADGE-123456']
        negativeExamples: ['BADGE-12']
        """.write(toFile: dir + "/badge.yml", atomically: false, encoding: .utf8)
        try "id BADGE-314159\n".write(toFile: tree + "/b/badge.txt", atomically: false, encoding: .utf8)
        let run = try Trawl.run(["scan", tree, "--detectors", dir, "--results", "-", "--quiet"])
        XCTAssertEqual(run.code, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("\"EMPLOYEE_BADGE\""), run.stdout)
    }

    func testOutputsStreamToStdoutAndDevNull() throws {
        let run = try Trawl.run(["scan", tree, "--output", "-", "--results", "/dev/null"])
        XCTAssertEqual(run.code, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, "one finding: only card.txt holds sensitive data")
        let finding = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        XCTAssertEqual(finding?["SchemaVersion"] as? String, "2018-10-08")
        XCTAssertTrue(run.stderr.contains("Scanned 2 objects"), "the summary goes to stderr when stdout carries findings")
    }

    func testAnUnwritableOutputIsARunFailure() throws {
        let run = try Trawl.run(["scan", tree, "--output", tree + "/no/such/dir/f.jsonl"])
        XCTAssertEqual(run.code, 1)
        XCTAssertTrue(run.stderr.contains("no/such/dir"), run.stderr)
    }

    func testEveryKindOfObjectGetsOneResultLine() throws {
        let b = tree + "/b"
        XCTAssertEqual(mkfifo(b + "/fifo", 0o644), 0)
        try FileManager.default.createSymbolicLink(atPath: b + "/link.txt", withDestinationPath: b + "/dir/card.txt")
        // A UNIX socket bound in the tree.
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let path = b + "/sock"
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            path.utf8CString.withUnsafeBytes { raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0.prefix(raw.count))) }
        }
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        XCTAssertEqual(bound, 0)
        defer { close(fd) }
        try "loose".write(toFile: tree + "/loose.txt", atomically: false, encoding: .utf8)
        // A binary object (PNG signature and IHDR) and UTF-16LE text with a BOM.
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
            .write(to: URL(fileURLWithPath: b + "/img.png"))
        var utf16 = Data([0xFF, 0xFE])
        for unit in "SSN 219-48-5231\n".utf16 { utf16.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        try utf16.write(to: URL(fileURLWithPath: b + "/utf16.txt"))

        let results = tree + "/../results-\(UUID().uuidString).jsonl"
        let run = try Trawl.run(["scan", tree, "--results", results, "--quiet"])
        XCTAssertEqual(run.code, 0, run.stderr)
        let lines = try Trawl.jsonLines(results)
        func status(_ key: String) -> [String: String]? {
            lines.first { $0["key"] as? String == key }?["status"] as? [String: String]
        }
        // clean.txt, dir/card.txt, fifo, sock, link.txt, img.png, utf16.txt and loose.txt.
        XCTAssertEqual(lines.count, 8)
        XCTAssertEqual(status("fifo")?["code"], "SKIPPED")
        XCTAssertEqual(status("fifo")?["reason"], "NOT_A_REGULAR_FILE")
        XCTAssertEqual(status("sock")?["reason"], "NOT_A_REGULAR_FILE")
        XCTAssertEqual(status("link.txt")?["reason"], "NOT_A_REGULAR_FILE")
        XCTAssertEqual(status("loose.txt")?["code"], "SKIPPED")
        XCTAssertNil(lines.first { $0["key"] as? String == "loose.txt" }?["bucket"])
        XCTAssertEqual(status("img.png")?["reason"], "UNSUPPORTED_FILE_TYPE_EXCEPTION")
        XCTAssertEqual(status("utf16.txt")?["code"], "COMPLETE")
        let utf16Line = try XCTUnwrap(lines.first { $0["key"] as? String == "utf16.txt" })
        XCTAssertTrue(String(describing: utf16Line["sensitiveData"]!).contains("USA_SOCIAL_SECURITY_NUMBER"))
    }

    func testGzipMultiMemberAndTruncated() throws {
        let b = tree + "/b"
        // 219-48-5231 and 219-48-5232: valid-structure SSNs made up for this test.
        try "ssn 219-48-5231\n".write(toFile: b + "/one", atomically: false, encoding: .utf8)
        try "ssn 219-48-5232\n".write(toFile: b + "/two", atomically: false, encoding: .utf8)
        for f in ["one", "two"] { try shell("gzip -n -k \(b)/\(f)") }
        try shell("cat \(b)/one.gz \(b)/two.gz > \(b)/both.txt.gz && rm \(b)/one.gz \(b)/two.gz \(b)/one \(b)/two")
        // A large text, gzipped and cut in the middle.
        var big = ""
        for i in 0..<20_000 { big += "line \(i) filler text that compresses poorly \(i * 7919 % 10007)\n" }
        big = "ssn 219-48-5233\n" + big
        try big.write(toFile: b + "/big.log", atomically: false, encoding: .utf8)
        try shell("gzip -n \(b)/big.log && head -c 20000 \(b)/big.log.gz > \(b)/cut.log.gz && rm \(b)/big.log.gz")

        let run = try Trawl.run(["scan", tree, "--results", "-", "--quiet"])
        XCTAssertEqual(run.code, 0, run.stderr)
        let lines = try run.stdout.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let both = try XCTUnwrap(lines.first { $0["key"] as? String == "both.txt.gz" })
        XCTAssertEqual((both["status"] as? [String: Any])?["code"] as? String, "COMPLETE")
        XCTAssertEqual(both["sizeClassified"] as? Int, 32)
        let detections = (both["sensitiveData"] as? [[String: Any]] ?? []).flatMap { $0["detections"] as? [[String: Any]] ?? [] }
        XCTAssertEqual(detections.first { $0["type"] as? String == "USA_SOCIAL_SECURITY_NUMBER" }?["count"] as? Int, 2,
                       "one SSN in each gzip member")
        let cut = try XCTUnwrap(lines.first { $0["key"] as? String == "cut.log.gz" })
        XCTAssertEqual((cut["status"] as? [String: Any])?["code"] as? String, "PARTIAL")
        XCTAssertEqual((cut["status"] as? [String: Any])?["reason"] as? String, "MALFORMED_FILE")
        XCTAssertTrue(String(describing: cut["sensitiveData"]!).contains("USA_SOCIAL_SECURITY_NUMBER"),
                      "what was read before the cut is still classified")
    }

    func testAnUnreadableFileIsSkippedWithPermissionDenied() throws {
        try "ssn 219-48-5231\n".write(toFile: tree + "/b/secret.txt", atomically: false, encoding: .utf8)
        XCTAssertEqual(chmod(tree + "/b/secret.txt", 0), 0)
        // Root reads everything: run as 'nobody' then, with the tree readable by all.
        let asUser = getuid() == 0 ? "65534" : nil
        if asUser != nil { try shell("chmod -R a+rX \(tree!) && chmod 0 \(tree!)/b/secret.txt && chmod a+rx \(NSTemporaryDirectory())") }
        let run = try Trawl.run(["scan", tree, "--results", "-", "--quiet"], asUser: asUser)
        XCTAssertEqual(run.code, 0, run.stderr)
        let line = try XCTUnwrap(run.stdout.split(separator: "\n").first { $0.contains("\"secret.txt\"") })
        XCTAssertTrue(line.contains("\"SKIPPED\"") && line.contains("\"PERMISSION_DENIED\""), String(line))
    }

    @discardableResult
    func shell(_ command: String) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, command)
        return p.terminationStatus
    }
}
