// A prefilter's triggers (RunTrigger): shapes of byte classes that a run must contain.
// Checked against hand-placed shapes, against a plain search over random text, and for
// the errors a detector author sees.

import XCTest
import TrawlTestSupport
@testable import TrawlDetectors

final class RunTriggerTests: XCTestCase {
    private func occurs(_ trigger: RunTrigger, _ text: String, _ range: Range<Int>? = nil) -> Bool {
        let bytes = Array(text.utf8)
        let r = range ?? 0..<bytes.count
        return bytes.withUnsafeBytes { trigger.occurs(in: $0, r.lowerBound, r.upperBound) }
    }

    func testCardNumberShapes() throws {
        let card = try RunTrigger(["[0-9]{13}", "[^0-9A-Za-z_][0-9]{4}[ -][0-9]"])
        XCTAssertTrue(occurs(card, "x 4556954255503490 y"))
        XCTAssertTrue(occurs(card, "no. 4556 9542 5550 3490"))
        XCTAssertTrue(occurs(card, "4556-9542-5550-3490"))          // at the buffer's start
        XCTAssertFalse(occurs(card, "62091 200 41444"))              // a path id, a status, a size
        XCTAssertFalse(occurs(card, "x455695425550"))                // 12 digits in a row
        XCTAssertFalse(occurs(card, "a_4556 9"))                     // no word boundary before the group
        XCTAssertFalse(occurs(card, "a 4556 x"))                     // no digit after the separator
        // The class before the first group may be the byte before the run, not one inside.
        let text = "id=4556 9542"
        XCTAssertTrue(occurs(card, text, 3..<text.utf8.count))
        XCTAssertFalse(occurs(card, "id4556 9542", 2..<11))
    }

    func testAgreesWithAPlainSearchOnRandomText() throws {
        let alternatives = ["[0-9]{3}[ -][0-9]", "[^0-9][A-C]{2}[0-9]"]
        let trigger = try RunTrigger(alternatives)
        // The same shapes as plain byte predicates.
        let shapes: [[(UInt8) -> Bool]] = [
            Array(repeating: { $0 >= 48 && $0 <= 57 }, count: 3) + [{ $0 == 32 || $0 == 45 }, { $0 >= 48 && $0 <= 57 }],
            [{ !($0 >= 48 && $0 <= 57) }, { $0 >= 65 && $0 <= 67 }, { $0 >= 65 && $0 <= 67 }, { $0 >= 48 && $0 <= 57 }],
        ]
        var rng = SplitMix64(seed: 7)
        let alphabet = Array("0123 -ABCx".utf8)
        for _ in 0..<300 {
            let text = (0..<Int(rng.next() % 80)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let a = Int(rng.next() % UInt64(text.count + 1)), b = Int(rng.next() % UInt64(text.count + 1))
            let (start, end) = (min(a, b), max(a, b))
            // A shape occurs when all its bytes lie in [start - 1, end); at the buffer's
            // start the missing byte before it matches any first class.
            var expected = false
            for shape in shapes {
                for at in (start - 1)..<end where at + shape.count <= end {
                    if at < -1 || (at == -1 && start != 0) { continue }
                    if shape.indices.allSatisfy({ k in at + k < 0 ? true : shape[k](text[at + k]) }) { expected = true }
                }
            }
            let got = text.withUnsafeBytes { trigger.occurs(in: $0, start, end) }
            XCTAssertEqual(got, expected, "\(String(decoding: text, as: UTF8.self)) [\(start), \(end))")
        }
    }

    func testBadTriggersAreRefusedWithTheirText() {
        func message(_ alternatives: [String]) -> String? {
            do {
                _ = try RunTrigger(alternatives)
                return nil
            } catch {
                return error.message
            }
        }
        XCTAssertEqual(message(["0-9"]), "'0-9' must be a sequence of bracketed classes, e.g. [0-9]{4}")
        XCTAssertEqual(message(["[0-9"]), "'[0-9' has a '[' without its ']'")
        XCTAssertEqual(message(["[0-9]{0}"]), "'[0-9]{0}' needs a count from 1 to 64 in {n}")
        XCTAssertEqual(message(["[0-9]{x}"]), "'[0-9]{x}' needs a count from 1 to 64 in {n}")
        XCTAssertEqual(message(["[0-9]{40}", "[a-z]{30}"]), "'[a-z]{30}' the alternatives together are longer than 64 bytes")
        XCTAssertEqual(message(["[9-0]"]), "'[9-0]' class [9-0] range 57-48 is reversed")
        XCTAssertEqual(message([""]), "'' is empty")
    }

    func testALoaderErrorNamesTheField() throws {
        let file = """
        id: TEST_CARD
        name: Test
        category: FINANCIAL_INFORMATION
        regex: '[0-9]{16}'
        prefilter:
          window: '0-9'
          minDigits: 16
          triggers: ['[0-9]{16']
        severity: [LOW, MEDIUM, HIGH]
        examples: ['4556954255503490']
        negativeExamples: ['455695425550']
        """
        XCTAssertThrowsError(try DetectorLoader.parse(file, file: "card.yml")) { error in
            let e = error as? ConfigurationError
            XCTAssertEqual(e?.file, "card.yml")
            XCTAssertEqual(e?.field, "triggers")
            XCTAssertEqual(e?.message, "'[0-9]{16' needs a count from 1 to 64 in {n}")
        }
    }
}
