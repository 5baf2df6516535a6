// The assertion helpers the validator test classes share: run a validator by its
// registry name (failing the test when the name is not registered) or a validator
// function directly, and assert that lists of values are accepted or rejected.

import XCTest
@testable import TrawlDetectors

extension XCTestCase {
    /// The registered validator `name` on `value`; a failure (and false) when no validator
    /// has that name.
    func check(_ name: String, _ value: String, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        guard let result = Validators.check(name, value) else {
            XCTFail("validator \(name) is not registered", file: file, line: line)
            return false
        }
        return result
    }

    /// Asserts that the validator `name` accepts every value.
    func valid(_ name: String, _ values: [String], file: StaticString = #filePath, line: UInt = #line) {
        for v in values { XCTAssertTrue(check(name, v, file: file, line: line), "\(name) should accept \(v)", file: file, line: line) }
    }

    /// Asserts that the validator `name` rejects every value.
    func invalid(_ name: String, _ values: [String], file: StaticString = #filePath, line: UInt = #line) {
        for v in values { XCTAssertFalse(check(name, v, file: file, line: line), "\(name) should reject \(v)", file: file, line: line) }
    }

    /// Asserts that of the ten values `body` + 0...9, `accepts` is the only last digit
    /// `isValid` accepts; with `accepts` nil, that no last digit makes `body` valid.
    func assertOnlyLastDigit(_ accepts: Character?, after body: String, _ isValid: (String) -> Bool,
                             file: StaticString = #filePath, line: UInt = #line) {
        for d in "0123456789" {
            let value = body + String(d)
            XCTAssertEqual(isValid(value), d == accepts, value, file: file, line: line)
        }
    }

    /// A validator function on the UTF-8 bytes of `s`.
    func run(_ f: ValidatorFunction, _ s: String) -> Bool {
        var t = s
        return t.withUTF8 { f(UnsafeRawBufferPointer($0)) }
    }
}
