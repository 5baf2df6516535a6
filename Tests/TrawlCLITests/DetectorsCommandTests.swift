// `trawl detectors list` and `trawl detectors eval`, run as a user runs them.

import Foundation
import XCTest

final class DetectorsCommandTests: XCTestCase {
    func testListShowsEveryIdentifierOnceWithItsRules() throws {
        let run = try Trawl.run(["detectors", "list"])
        XCTAssertEqual(run.code, 0, run.stderr)
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        XCTAssertEqual(rows.first, ["ID", "CATEGORY", "KEYWORD", "VALIDATOR", "SEVERITY", "RECOMMENDED"])
        let ids = rows.dropFirst().dropLast().map { $0[0] }
        XCTAssertEqual(ids.count, Set(ids).count, "an identifier is listed twice")
        // Macie: SSNs need a keyword; Trawl checks them with the SSA's rules; HIGH at any count.
        XCTAssertTrue(rows.contains(["USA_SOCIAL_SECURITY_NUMBER", "PERSONAL_INFORMATION", "required", "ssn", "HIGH/HIGH/HIGH", "yes"]))
        // The IBAN family is listed per country, checked by the iban table; Germany's BBAN
        // form (keyword required) shares the row.
        XCTAssertTrue(rows.contains { $0.first == "ALBANIA_BANK_ACCOUNT_NUMBER" && $0[3] == "table:iban" })
        XCTAssertTrue(rows.contains { $0.first == "GERMANY_BANK_ACCOUNT_NUMBER" && $0[3].split(separator: "|").contains("table:iban") })
        XCTAssertTrue(run.stdout.contains("\(ids.count) identifiers"))
    }

    func testEvalOnTheGeneratedCorpusMeetsTheTargetsForEveryIdentifier() throws {
        let out = NSTemporaryDirectory() + "trawl-eval-\(getpid()).jsonl"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = ["python3", Trawl.packageRoot + "/Corpus/generators/make_eval_corpus.py", "--out", out]
        try generator.run()
        generator.waitUntilExit()
        XCTAssertEqual(generator.terminationStatus, 0)
        let run = try Trawl.run(["detectors", "eval", out, "--min-precision", "0.99", "--min-recall", "0.99", "--require-all"])
        XCTAssertEqual(run.code, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("overall precision"))
    }

    func testEvalFailsWhenAnIdentifierMissesItsTarget() throws {
        let file = NSTemporaryDirectory() + "trawl-eval-miss-\(getpid()).jsonl"
        defer { try? FileManager.default.removeItem(atPath: file) }
        // 536-22-4817 has no SSN keyword nearby: a sample claiming it must be found is missed.
        try """
        {"id": "USA_SOCIAL_SECURITY_NUMBER", "text": "SSN: 536-22-4817", "expect": {"USA_SOCIAL_SECURITY_NUMBER": 1}}
        {"id": "USA_SOCIAL_SECURITY_NUMBER", "text": "order 536-22-4817 shipped", "expect": {"USA_SOCIAL_SECURITY_NUMBER": 1}}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let run = try Trawl.run(["detectors", "eval", file, "--min-recall", "0.99", "--show-errors"])
        XCTAssertEqual(run.code, 1)
        XCTAssertTrue(run.stderr.contains("USA_SOCIAL_SECURITY_NUMBER: recall 0.5000"), run.stderr)
        // The missed sample is named by its line, without its value.
        XCTAssertTrue(run.stdout.contains("\(file):2: USA_SOCIAL_SECURITY_NUMBER missed: expected 1, found 0"), run.stdout)
        XCTAssertFalse(run.stdout.contains(":1: USA_SOCIAL_SECURITY_NUMBER"), run.stdout)
        XCTAssertFalse(run.stdout.contains("536-22"), run.stdout)
    }

    func testEvalRejectsAMalformedSampleFileWithItsLine() throws {
        let file = NSTemporaryDirectory() + "trawl-eval-bad-\(getpid()).jsonl"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "{\"id\": \"X\", \"text\": \"a\", \"expect\": {}}\n{\"text\": 5}\n".write(toFile: file, atomically: true, encoding: .utf8)
        let run = try Trawl.run(["detectors", "eval", file])
        XCTAssertEqual(run.code, 2)
        XCTAssertTrue(run.stderr.contains("\(file):2:"), run.stderr)
        try "{\"id\": \"X\", \"text\": \"a\", \"expect\": {\"NO_SUCH_ID\": 1}}\n".write(toFile: file, atomically: true, encoding: .utf8)
        let unknown = try Trawl.run(["detectors", "eval", file])
        XCTAssertEqual(unknown.code, 2)
        XCTAssertTrue(unknown.stderr.contains("NO_SUCH_ID"), unknown.stderr)
    }

    func testDetectorsTestExplainsEveryMatchOfACustomIdentifier() throws {
        let dir = try Trawl.temporaryDirectory()
        let config = dir + "/trawl.yml"
        try """
        customDataIdentifiers:
          - name: employee-id
            regex: 'EMP-[0-9]{6}'
            keywords: [employee]
            maximumMatchDistance: 20
            ignoreWords: [EMP-000000]
        allowLists:
          - {name: corp, regex: 'EMP-7[0-9]{5}'}
        """.write(toFile: config, atomically: false, encoding: .utf8)
        let run = try Trawl.run(["detectors", "test", "employee-id", "--config", config,
                                 "employee EMP-123456, EMP-654321; employee EMP-000000; employee EMP-700001"])
        XCTAssertEqual(run.code, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, [
            "employee-id at bytes 9..<19: EM******56: reported as employee-id",
            "employee-id at bytes 21..<31: EM******21: dropped: no keyword before it within 20 characters of its end",
            "employee-id at bytes 42..<52: EM******00: dropped: contains an ignore word",
            "employee-id at bytes 63..<73: EM******01: dropped: on an allow list",
        ])
        XCTAssertFalse(run.stdout.contains("123456"), "values are masked")
        let unknown = try Trawl.run(["detectors", "test", "no-such-id", "x"])
        XCTAssertEqual(unknown.code, 2)
    }

    func testDetectorsTestReadsFullWidthTextAsTheScannerDoes() throws {
        // 電話番号： is 15 bytes; the 12 full-width characters of the number read as 12 ASCII
        // bytes: 15..<27. Masked: first two and last two characters shown.
        let run = try Trawl.run(["detectors", "test", "JAPAN_PHONE_NUMBER", "電話番号：０３－４８３６－３７４５"])
        XCTAssertEqual(run.code, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("read as ASCII"), run.stdout)
        XCTAssertTrue(run.stdout.contains("JAPAN_PHONE_NUMBER at bytes 15..<27: 03"), run.stdout)
        XCTAssertTrue(run.stdout.contains("reported as JAPAN_PHONE_NUMBER"), run.stdout)
        XCTAssertFalse(run.stdout.contains("4836"), "the full value is never printed")
    }

    func testDetectorsBenchReportsEachDetectorsCost() throws {
        let dir = try Trawl.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/tree/b", withIntermediateDirectories: true)
        // 1 MiB of lines, each with one EMP- value: the custom regex runs over every byte.
        let line = "employee EMP-123456 filler text for the bench\n"
        try String(repeating: line, count: (1 << 20) / line.utf8.count + 1)
            .write(toFile: dir + "/tree/b/staff.txt", atomically: false, encoding: .utf8)
        let config = dir + "/trawl.yml"
        try "customDataIdentifiers:\n  - name: employee-id\n    regex: 'EMP-[0-9]{6}'\n"
            .write(toFile: config, atomically: false, encoding: .utf8)
        let run = try Trawl.run(["detectors", "bench", dir + "/tree", "--config", config, "--top", "0"])
        XCTAssertEqual(run.code, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.hasPrefix("1 objects, 1.0 MiB of text") ?? false, run.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("detector") && $0.contains("PCRE2 calls/MiB") })
        let row = try XCTUnwrap(lines.first { $0.hasPrefix("employee-id ") }).split(separator: " ")
        // A user's regex runs over each buffer (its windows) and finds one value per line:
        // about 23,000 matches per MiB, each one PCRE2 call, plus one call per buffer.
        let calls = try XCTUnwrap(Double(row[row.count - 2]))
        XCTAssertGreaterThan(calls, 22_000)
        XCTAssertLessThan(calls, 24_500)
        XCTAssertEqual(lines.filter { $0.contains("_") || $0.hasPrefix("employee-id") }.count > 100, true,
                       "every detector has a row with --top 0")
        let missing = try Trawl.run(["detectors", "bench", dir + "/nope"])
        XCTAssertEqual(missing.code, 2)
    }
}
