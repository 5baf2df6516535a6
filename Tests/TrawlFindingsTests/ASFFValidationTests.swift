// Every finding Trawl writes must validate against Security Hub's own service model.
// The check is independent of Trawl's code: Tests/tools/validate_asff.py runs botocore's
// ParamValidator on the BatchImportFindings input plus the rules ParamValidator skips.
// It runs with <package root>/.venv/bin/python3, which `make test` creates with botocore.

import Foundation
import Testing
import TrawlDetectors
import TrawlTestSupport
@testable import TrawlFindings

@Suite struct ASFFValidationTests {
    /// Runs the validator on `lines`; returns its exit status and output.
    func validate(_ lines: [[UInt8]]) throws -> (status: Int32, output: String) {
        guard ASFFValidator.isAvailable else {
            Issue.record(Comment(rawValue: ASFFValidator.missingMessage))
            throw CancellationError()
        }
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("trawl-asff-\(UUID().uuidString).jsonl")
        var data = Data()
        for line in lines {
            data.append(contentsOf: line)
            data.append(0x0A)
        }
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        return try ASFFValidator.run(file: file.path)
    }

    static func results() -> [ClassificationResult] {
        var results: [ClassificationResult] = []
        // Cells (CSV), one category.
        results.append(Fixture.financialCSV())
        // Cells with Excel references, pages, records, line ranges, custom identifier;
        // several categories; a key with spaces and unicode.
        results.append(Fixture.multiCategory())
        // More than 15 occurrences over three types.
        var many = Fixture.clean(key: "logs/app log ü.txt")
        many.sensitiveData = [
            Fixture.item(.credentials, [Detection(type: "AWS_CREDENTIALS", count: 40, occurrences: Fixture.lines(40))]),
            Fixture.item(.personalInformation, [
                Detection(type: "EMAIL_ADDRESS", count: 1_500, occurrences: Fixture.lines(1_000, firstLine: 100)),
                Detection(type: "PHONE_NUMBER", count: 3, occurrences: Fixture.lines(3, firstLine: 5_000)),
            ]),
        ]
        many.severity = .high
        results.append(many)
        // Custom identifier only, no metadata at all, JSON Lines records.
        var custom = ClassificationResult(bucket: "data-lake", key: "events/2024/01/01.jsonl", size: 5, status: .complete,
                                          versionToken: "x")
        custom.customDetections = [Detection(type: "employee-id", count: 2, occurrences: [
            Occurrence(location: .record(index: 7, jsonPath: "$.employee.id"), offset: 10),
            Occurrence(location: .record(index: 9, jsonPath: "$.employees[2].id"), offset: 20),
        ])]
        results.append(custom)
        // PDF pages only, SKIPPED-free PARTIAL status with a reason.
        var pdf = Fixture.clean(key: "scans/Passport \"copy\".pdf")
        pdf.mimeType = "application/pdf"
        pdf.status = ObjectStatus(code: .partial, reason: .malformedFile)
        pdf.sensitiveData = [Fixture.item(.personalInformation, [
            Detection(type: "USA_PASSPORT_NUMBER", count: 2, occurrences: [
                Occurrence(location: .page(number: 1, start: 1, end: 2, startColumn: 1), offset: 0), Occurrence(location: .page(number: 4, start: 40, end: 40, startColumn: 80), offset: 9),
            ]),
        ])]
        pdf.severity = .medium
        results.append(pdf)
        return results
    }

    @Test func everyFindingValidatesAgainstTheSecurityHubModel() throws {
        let encoder = ASFFEncoder()
        let findings = Self.results().compactMap { encoder.encode($0, context: Fixture.context) }
        #expect(findings.count == 5)
        let (status, output) = try validate(findings)
        #expect(status == 0, "validator said:\n\(output)")
        #expect(output.contains("5 findings valid"), "validator said:\n\(output)")
    }

    @Test func theValidatorRejectsAnEmptyStringAndANull() throws {
        let good = try #require(ASFFEncoder().encode(Fixture.financialCSV(), context: Fixture.context))

        var emptyTitle = try JSON.object(good)
        emptyTitle["Title"] = ""
        var nullMember = try JSON.object(good)
        var severity = try #require(nullMember["Severity"] as? [String: Any])
        severity["Original"] = NSNull()
        nullMember["Severity"] = severity

        let broken = try [emptyTitle, nullMember].map {
            [UInt8](try JSONSerialization.data(withJSONObject: $0, options: []))
        }
        let (status, output) = try validate(broken)
        #expect(status == 1, "validator said:\n\(output)")
        #expect(output.contains("Title: empty string"), "validator said:\n\(output)")
        #expect(output.contains("Severity.Original: null"), "validator said:\n\(output)")
        #expect(output.contains("2 of 2 findings invalid"), "validator said:\n\(output)")
        // And the unbroken finding passes, so the failure above is the breakage's.
        #expect(try validate([good]).status == 0)
    }
}
