// Macie's structured-data keyword rule (DESIGN.md): a name holds a keyword when
// consecutive words of the name spell it. Expected splits written by hand.

import XCTest
@testable import TrawlDetectors

final class FieldNameKeywordsTests: XCTestCase {
    func testWordSplitting() {
        XCTAssertEqual(FieldNameKeywords.words("employee_ssn"), ["employee", "ssn"])
        XCTAssertEqual(FieldNameKeywords.words("cardNumber"), ["card", "number"])
        XCTAssertEqual(FieldNameKeywords.words("SSNNumber"), ["ssn", "number"])
        XCTAssertEqual(FieldNameKeywords.words("Credentials.SecretAccessKey"), ["credentials", "secret", "access", "key"])
        XCTAssertEqual(FieldNameKeywords.words("date-of birth2X"), ["date", "of", "birth2", "x"])
        XCTAssertEqual(FieldNameKeywords.words("Número de tarjeta"), ["número", "de", "tarjeta"])
        XCTAssertEqual(FieldNameKeywords.words("__"), [])
        // Whitespace of every kind separates: tab, CR LF (one Character), vertical tab,
        // no-break and ideographic spaces.
        XCTAssertEqual(FieldNameKeywords.words("card\tnumber\r\nexp\u{0B}date\u{00A0}cvv\u{3000}pin"),
                       ["card", "number", "exp", "date", "cvv", "pin"])
        XCTAssertEqual(FieldNameKeywords.squeezed("Card-Number_\u{3000}Exp.\tDate"), "cardnumberexpdate")
        XCTAssertEqual(FieldNameKeywords.squeezed("ss#"), "ss#")
    }

    func testNamesAgainstTheCatalogue() throws {
        let set = try DetectorSet(try DetectorLoader.load())
        let rule = set.fieldNameKeywords
        func ids(_ name: String) -> Set<String> {
            Set(rule.detectors(forName: name).map { set.detectors[$0].definition.id })
        }
        XCTAssertTrue(ids("employee_ssn").contains("USA_SOCIAL_SECURITY_NUMBER"))
        XCTAssertTrue(ids("SSN").contains("USA_SOCIAL_SECURITY_NUMBER"))
        XCTAssertTrue(ids("cardNumber").contains("CREDIT_CARD_NUMBER"))
        XCTAssertTrue(ids("SecretAccessKey").contains("AWS_CREDENTIALS"))
        // "ssn" inside a longer word is not the keyword.
        XCTAssertFalse(ids("ssnote").contains("USA_SOCIAL_SECURITY_NUMBER"))
        XCTAssertTrue(ids("colour").isEmpty)
    }

    /// A name of 4,000 words (a hostile JSON key, 24 KB) holds the keywords at its two
    /// ends, and nothing in between: only runs of words as long as a keyword are looked
    /// up (every run, hashed whole, took minutes on a 100 KB key).
    func testALongNameHoldsTheKeywordsAtItsEnds() throws {
        let set = try DetectorSet(try DetectorLoader.load())
        let rule = set.fieldNameKeywords
        let name = "ssn_" + String(repeating: "lorem_", count: 4_000) + "cardNumber"
        let ids = Set(rule.detectors(forName: name).map { set.detectors[$0].definition.id })
        XCTAssertTrue(ids.contains("USA_SOCIAL_SECURITY_NUMBER"))
        XCTAssertTrue(ids.contains("CREDIT_CARD_NUMBER"))
        // Exactly the keyword-required identifiers with a keyword spelt by the words at the
        // ends, read from the catalogue (no keyword holds "lorem", so no run across it can).
        let squeeze = { (k: String) in String(k.lowercased().filter { !" _-.\t".contains($0) }) }
        XCTAssertFalse(set.detectors.contains { $0.definition.keywords.contains { squeeze($0).contains("lorem") } })
        let ends: Set<String> = ["ssn", "card", "number", "cardnumber"]
        let expected = set.detectors.filter {
            $0.definition.keywordRequired && $0.definition.keywords.contains { ends.contains(squeeze($0)) }
        }
        XCTAssertEqual(ids, Set(expected.map(\.definition.id)))
    }

    /// Every keyword of every keyword-required identifier, written as a column name (as
    /// the catalogue spells it, and in snake_case), selects that identifier, and the list
    /// is ascending without repeats.
    func testEveryCatalogueKeywordAsAName() throws {
        let set = try DetectorSet(try DetectorLoader.load())
        let rule = set.fieldNameKeywords
        var checked = 0
        for d in set.detectors.indices where set.detectors[d].definition.keywordRequired {
            for keyword in set.detectors[d].definition.keywords {
                for name in [keyword, keyword.replacingOccurrences(of: " ", with: "_")] {
                    let found = rule.detectors(forName: name)
                    XCTAssertTrue(found.contains(d), "\(name) -> \(set.detectors[d].definition.id)")
                    XCTAssertEqual(found, Array(Set(found)).sorted(), name)
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 500)
    }
}
