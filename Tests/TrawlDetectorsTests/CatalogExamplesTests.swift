// Every shipped detector file's own examples must be detected under its id, and its
// negative examples must not be. The examples are hand-written in the YAML files, from
// Macie's documentation and the formats' specifications, not from the engine's output.

import XCTest
@testable import TrawlDetectors

final class CatalogExamplesTests: XCTestCase {
    func testTheShippedCatalogLoads() throws {
        let defs = try DetectorLoader.load()
        let ids = Set(DetectorSet.selectableIDs(defs))
        for required in ["CREDIT_CARD_NUMBER", "CREDIT_CARD_NUMBER_(NO_KEYWORD)", "CREDIT_CARD_EXPIRATION",
                         "CREDIT_CARD_SECURITY_CODE", "USA_SOCIAL_SECURITY_NUMBER", "PHONE_NUMBER",
                         "AWS_CREDENTIALS", "GCP_API_KEY", "OPENSSH_PRIVATE_KEY", "PGP_PRIVATE_KEY", "PKCS",
                         "PUTTY_PRIVATE_KEY", "JSON_WEB_TOKEN", "HTTP_BASIC_AUTH_HEADER", "STRIPE_CREDENTIALS",
                         "GERMANY_BANK_ACCOUNT_NUMBER", "UK_BANK_ACCOUNT_NUMBER", "EMAIL_ADDRESS"] {
            XCTAssertTrue(ids.contains(required), "\(required) is missing from the catalogue")
        }
        // Macie lists 52 IBAN jurisdictions; one table drives them all.
        XCTAssertEqual(Validators.tables["iban"]?.ids.count, 52)
        for d in defs {
            XCTAssertFalse(d.examples.isEmpty, "\(d.id) has no examples")
            XCTAssertFalse(d.negativeExamples.isEmpty, "\(d.id) has no negative examples")
            // The loader leaves the shipped regexes to compile on their first match
            // (PCRE2Pattern.sharedDeferred), where one that did not would never match: each
            // must compile.
            XCTAssertNoThrow(try PCRE2Pattern(d.regex), d.id)
        }
    }

    func testEveryExampleIsDetectedAndNoNegativeExampleIs() throws {
        let defs = try DetectorLoader.load()
        let set = try DetectorSet(defs)
        let engine = DetectionEngine(set)
        for d in defs {
            // The ids this file reports: its own, or its type table's.
            let ids = Set(d.reportedIDs)
            for example in d.examples {
                let found = engine.matches(in: example).map { set.types[$0.typeIndex].id }
                XCTAssertTrue(found.contains { ids.contains($0) },
                              "\(d.id): example not detected: \(example.prefix(80)) (found \(found))")
            }
            for example in d.negativeExamples {
                let found = engine.matches(in: example).map { set.types[$0.typeIndex].id }
                XCTAssertFalse(found.contains { ids.contains($0) },
                               "\(d.id): negative example detected: \(example.prefix(80))")
            }
        }
    }

    /// PrefixSet counts a keyword-optional prefix only where it does not follow an ASCII
    /// letter or digit: sound only while no regex declaring prefixes can start a value
    /// right after one. Each example value starting with a prefix is put after a letter
    /// or a digit, and must no longer match there.
    func testNoValueWithAKeywordOptionalPrefixStartsAfterALetterOrDigit() throws {
        let defs = try DetectorLoader.load()
        let matcher = PCRE2Matcher()
        var checked = 0
        for d in defs where !d.keywordOptionalPrefixes.isEmpty {
            let pattern = try PCRE2Pattern(d.regex)
            var withPrefix = 0
            for example in d.examples {
                let text = Array(example.utf8)
                for prefix in d.keywordOptionalPrefixes.map({ Array($0.utf8) }) where !prefix.isEmpty {
                    for i in 0...(max(0, text.count - prefix.count)) where Array(text[i..<min(text.count, i + prefix.count)]) == prefix {
                        let found = text.withUnsafeBytes {
                            matcher.firstMatch(pattern, in: $0, from: i, length: text.count, startsBefore: i + 1)
                        }
                        guard case .match = found else { continue }
                        withPrefix += 1
                        for before in ["a", "Z", "7", "0"] {
                            let changed = Array(text[..<i]) + Array(before.utf8) + Array(text[i...])
                            let again = changed.withUnsafeBytes {
                                matcher.firstMatch(pattern, in: $0, from: i + 1, length: changed.count, startsBefore: i + 2)
                            }
                            XCTAssertEqual(again, .noMatch, "\(d.id): a value starting with a prefix matches after '\(before)': \(example)")
                        }
                    }
                }
            }
            XCTAssertGreaterThan(withPrefix, 0, "\(d.id): no example value starts with one of its keywordOptionalPrefixes")
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 8)
    }

    func testACardNumberIsReportedUnderExactlyOneOfTheTwoCardIds() throws {
        let set = try DetectorSet(try DetectorLoader.load())
        let engine = DetectionEngine(set)
        func ids(_ text: String) -> [String] { engine.matches(in: text).map { set.types[$0.typeIndex].id } }
        // 4556 9542 5550 3490 is Luhn-valid and made up for this test.
        XCTAssertEqual(ids("visa card number 4556954255503490"), ["CREDIT_CARD_NUMBER"])
        XCTAssertEqual(ids("order 4556954255503490 shipped"), ["CREDIT_CARD_NUMBER_(NO_KEYWORD)"])
        // The published test number is never reported, with or without a keyword.
        XCTAssertEqual(ids("visa card number 4111 1111 1111 1111"), [])
        XCTAssertEqual(ids("order 4111111111111111 shipped"), [])
    }

    func testSelection() throws {
        let defs = try DetectorLoader.load()
        let recommended = try DetectorSet(defs, selection: IdentifierSelection(managed: .recommended))
        XCTAssertTrue(recommended.types.contains { $0.id == "CREDIT_CARD_NUMBER" })
        XCTAssertFalse(recommended.types.contains { $0.id == "EMAIL_ADDRESS" })
        let one = try DetectorSet(defs, selection: IdentifierSelection(managed: .none, include: ["GERMANY_BANK_ACCOUNT_NUMBER"]))
        XCTAssertEqual(one.types.map(\.id), ["GERMANY_BANK_ACCOUNT_NUMBER"])
        // Made-up IBANs with mod-97 check digits computed by hand (Python's int arithmetic).
        let engine = DetectionEngine(one)
        XCTAssertEqual(engine.matches(in: "IBAN DE81 2107 0024 0381 7264 55").count, 1)
        XCTAssertEqual(engine.matches(in: "IBAN GB68 BARC 2000 5571 9364 82").count, 0)
        // The registry's own published example is a test value: never reported.
        XCTAssertEqual(engine.matches(in: "IBAN DE89 3704 0044 0532 0130 00").count, 0)
        let excluded = try DetectorSet(defs, selection: IdentifierSelection(exclude: ["EMAIL_ADDRESS"]))
        XCTAssertFalse(excluded.types.contains { $0.id == "EMAIL_ADDRESS" })
    }
}
