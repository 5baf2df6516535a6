// Streaming must not change what is found: a value straddling two reads is found once,
// at the right line, column and offset; and scanning in chunks of any size reports
// exactly what one pass over the whole text reports.

import XCTest
import TrawlDetectors
import TrawlFindings
import TrawlFormats
@testable import TrawlScan

final class TextStreamScannerTests: XCTestCase {
    /// Two hand-written detectors: a plain one and a keyword one, so both the regex
    /// resume logic and keyword context across chunk edges are exercised.
    static let definitions = [
        DetectorDefinition(id: "TOKEN", name: "token", category: .credentials, regex: #"\btok_[a-z0-9]{12}\b"#,
                           severity: SeverityTable(one: .high, some: .high, many: .high)),
        DetectorDefinition(id: "ACCOUNT", name: "account", category: .financialInformation,
                           regex: #"\b[0-9]{8}\b"#, keywords: ["account no"], keywordRequired: true),
    ]

    func makeScanner(chunk: Int, context: Int) throws -> (TextStreamScanner, ObjectClassifier, DetectorSet) {
        let set = try DetectorSet(Self.definitions)
        return (TextStreamScanner(engine: DetectionEngine(set), chunkSize: chunk, context: context),
                ObjectClassifier(types: set.types), set)
    }

    func occurrences(_ text: String, chunk: Int, context: Int = 160) throws -> [String: [Occurrence]] {
        let (scanner, classifier, _) = try makeScanner(chunk: chunk, context: context)
        var source = MemoryByteSource(Array(text.utf8))
        let size = try scanner.scan(&source, into: classifier)
        XCTAssertEqual(size, Int64(text.utf8.count))
        var out: [String: [Occurrence]] = [:]
        for item in classifier.summarize().sensitiveData {
            for d in item.detections { out[d.type] = d.occurrences }
        }
        return out
    }

    func testValueStraddlingAChunkEdgeIsFoundOnceWithItsLineAndOffset() throws {
        // Every chunk size from 1 to 120 puts a chunk edge inside the token at some
        // point; the look-ahead (context) must only be longer than the value.
        let line1 = String(repeating: "a", count: 59) + "\n"
        let line2 = "é padding xx tok_abcdef123456 tail\n"   // 'é' is 2 bytes, 1 character
        let text = line1 + line2 + "last line\n"
        let expectedOffset = line1.utf8.count + "é padding xx ".utf8.count
        let expectedColumn = "é padding xx ".count + 1
        for chunk in Array(1...120) + [4096] {
            let found = try occurrences(text, chunk: chunk, context: 24)
            XCTAssertEqual(found["TOKEN"], [Occurrence(location: .line(start: 2, end: 2, startColumn: expectedColumn),
                                                       offset: expectedOffset)], "chunk \(chunk)")
        }
    }

    func testKeywordInThePreviousChunkStillCounts() throws {
        let text = "account no: " + String(repeating: " ", count: 10) + "12345678\n"
        for chunk in [3, 10, 16, 25, 4096] {
            let found = try occurrences(text, chunk: chunk)
            XCTAssertEqual(found["ACCOUNT"]?.count, 1, "chunk \(chunk)")
        }
        XCTAssertNil(try occurrences("no keyword here 12345678\n", chunk: 5)["ACCOUNT"])
    }

    func testColumnOnAVeryLongLineSpanningManyChunks() throws {
        // 10,000 characters (some multi-byte) before the token on one line.
        let prefix = String(repeating: "ü", count: 5_000) + String(repeating: "x", count: 4_999) + " "
        let text = "first\n" + prefix + "tok_zzzzzzzzzzzz\n"
        let found = try occurrences(text, chunk: 100, context: 40)
        XCTAssertEqual(found["TOKEN"], [Occurrence(location: .line(start: 2, end: 2, startColumn: 10_001),
                                                   offset: 6 + prefix.utf8.count)])
    }

    /// Differential: random text with planted values, chunked at many sizes, must give
    /// exactly the whole-text engine's matches.
    func testChunkedScanEqualsOnePassOverTheWholeText() throws {
        var rng = SystemRandomNumberGenerator()
        var text = ""
        let words = ["alpha", "account no", "tok_", "12345678", "9876543210", "\n", " ", "é", "—", "tok_abc123def456"]
        for _ in 0..<3_000 {
            text += words[Int.random(in: 0..<words.count, using: &rng)]
            if Int.random(in: 0..<10, using: &rng) == 0 { text += " tok_" + String((0..<12).map { _ in "abcdef0123".randomElement()! }) + " " }
            if Int.random(in: 0..<10, using: &rng) == 0 { text += " account no " + String(Int.random(in: 10_000_000...99_999_999)) + " " }
        }
        let set = try DetectorSet(Self.definitions)
        let reference = DetectionEngine(set).matches(in: text).map { ($0.typeIndex, $0.start) }
            .sorted { $0 < $1 }
        XCTAssertGreaterThan(reference.count, 100)
        for chunk in [1, 13, 64, 200, 1_000, 1 << 16] {
            let (scanner, classifier, _) = try makeScanner(chunk: chunk, context: 160)
            var source = MemoryByteSource(Array(text.utf8))
            _ = try scanner.scan(&source, into: classifier)
            var got: [(Int, Int)] = []
            for item in classifier.summarize().sensitiveData {
                for d in item.detections {
                    let t = set.types.firstIndex { $0.id == d.type }!
                    got += d.occurrences.map { (t, $0.offset) }
                }
            }
            got.sort { $0 < $1 }
            XCTAssertEqual(got.map(\.0), reference.map(\.0), "chunk \(chunk)")
            XCTAssertEqual(got.map(\.1), reference.map(\.1), "chunk \(chunk)")
        }
    }
}
