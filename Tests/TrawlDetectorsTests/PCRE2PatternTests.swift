// PCRE2Pattern compiles with JIT on a pattern's first match, under a lock (a deferred
// pattern, the catalogue's, the compile itself too): the first matches on several
// threads at once must each get the match, and the pattern then runs JIT code; one made
// without JIT never does.

import Dispatch
import XCTest
@testable import TrawlDetectors

final class PCRE2PatternTests: XCTestCase {
    /// The first match of `pattern` in `text`, as byte offsets.
    static func firstMatch(_ pattern: PCRE2Pattern, _ text: String) -> Range<Int>? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { raw in
            if case let .match(r) = PCRE2Matcher().firstMatch(pattern, in: raw, from: 0, length: raw.count) { return r }
            return nil
        }
    }

    func testTheFirstMatchesOnManyThreadsAtOnceAllFindTheValue() throws {
        // By hand: "id 123-45-6789." holds the value at bytes 3..<14.
        let text = "id 123-45-6789."
        for round in 0..<20 {
            // A new pattern each round (the same source through `shared` would be cached).
            let pattern = try PCRE2Pattern("(?<![0-9])[0-9]{3}-[0-9]{2}-[0-9]{4}(?![0-9])\(String(repeating: "(?:)", count: round))")
            XCTAssertEqual(Self.firstMatchesOnSixteenThreads(pattern, text), Array(repeating: 3..<14, count: 16), "round \(round)")
            XCTAssertTrue(pattern.isJITCompiled, "round \(round)")
        }
    }

    /// The first match of `pattern` in `text` found by 16 threads at once, each its own.
    static func firstMatchesOnSixteenThreads(_ pattern: PCRE2Pattern, _ text: String) -> [Range<Int>?] {
        let found = UnsafeMutableBufferPointer<Range<Int>?>.allocate(capacity: 16)
        found.initialize(repeating: nil)
        defer { found.deallocate() }
        nonisolated(unsafe) let slots = found
        DispatchQueue.concurrentPerform(iterations: 16) { i in slots[i] = firstMatch(pattern, text) }
        return Array(found)
    }

    func testADeferredPatternCompilesOnItsFirstMatchesOnManyThreadsAtOnce() {
        // The catalogue's regexes are compiled on their first match: by hand, "card
        // 4111-1111" holds "4111-1111" at bytes 5..<14.
        let text = "card 4111-1111"
        for round in 0..<20 {
            let pattern = PCRE2Pattern(deferred: "[0-9]{4}-[0-9]{4}\(String(repeating: "(?:)", count: round))")
            XCTAssertEqual(Self.firstMatchesOnSixteenThreads(pattern, text), Array(repeating: 5..<14, count: 16), "round \(round)")
            XCTAssertTrue(pattern.isJITCompiled, "round \(round)")
        }
    }

    func testADeferredPatternThatDoesNotCompileNeverMatches() {
        // An unclosed group: PCRE2 refuses it (the eager form throws), the deferred one
        // finds nothing and does not stop the scan.
        XCTAssertThrowsError(try PCRE2Pattern("(ab"))
        let pattern = PCRE2Pattern(deferred: "(ab")
        XCTAssertNil(Self.firstMatch(pattern, "(ab ab"))
        XCTAssertFalse(pattern.isJITCompiled)
        XCTAssertFalse(pattern.hasBackreferences)
    }

    func testAPatternMadeWithoutJITMatchesWithoutIt() throws {
        let pattern = try PCRE2Pattern("b+", jit: false)
        XCTAssertEqual(Self.firstMatch(pattern, "aabbbc"), 2..<5)
        XCTAssertFalse(pattern.isJITCompiled)
    }
}
