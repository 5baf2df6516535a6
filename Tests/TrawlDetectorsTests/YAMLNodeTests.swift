// YAMLNode: YAML documents loaded with libyaml, read the way YAML 1.1 reads nulls and
// integers (the YAML 1.1 type repository: https://yaml.org/type/int.html,
// https://yaml.org/type/null.html), with 1-based lines, and the errors a detector or
// configuration file must get: a duplicated key, a second document, a syntax error.
// Expected values are the spec's and worked out by hand.

import XCTest
@testable import TrawlDetectors

final class YAMLNodeTests: XCTestCase {
    private func load(_ text: String) throws -> YAMLNode {
        try XCTUnwrap(try YAMLNode.load(text))
    }

    private func value(_ key: String, in node: YAMLNode) -> YAMLNode? {
        node.mapping?.first { $0.key.string == key }?.value
    }

    func testIntegersAsYAML11ReadsThem() throws {
        let doc = try load("""
        dec: 685230
        under: 685_230
        plus: +685230
        minus: -42
        octal: 02472256
        oct: 0o14
        hex: 0x_0A_74_AE
        bin: 0b1010_0111_0100_1010_1110
        base60: 190:20:30
        zero: 0
        quoted: "12"
        word: twelve
        float: 1.5
        big: 123456789012345678
        huge: 99999999999999999999
        """)
        let expected: [(String, Int?)] = [
            ("dec", 685230), ("under", 685230), ("plus", 685230), ("minus", -42), ("octal", 685230),
            ("oct", 12), ("hex", 685230), ("bin", 685230), ("base60", 685230), ("zero", 0),
            ("quoted", nil), ("word", nil), ("float", nil),
            // Eighteen digits fit an Int; twenty overflow it.
            ("big", 123456789012345678), ("huge", nil),
        ]
        for (key, number) in expected {
            XCTAssertEqual(value(key, in: doc)?.int, number, key)
        }
    }

    func testNullsAreThePlainOnes() throws {
        let doc = try load("a: ~\nb: null\nc: NULL\nd:\ne: \"null\"\nf: ''\ng: nil\n")
        let expected = ["a": true, "b": true, "c": true, "d": true, "e": false, "f": false, "g": false]
        for (key, isNull) in expected {
            XCTAssertEqual(value(key, in: doc)?.isNull, isNull, key)
        }
        XCTAssertEqual(value("e", in: doc)?.string, "null")
    }

    func testLinesStylesListsAndAliases() throws {
        let doc = try load("""
        # a comment
        id: X
        keywords: [ssn, "social security"]
        regex: >-
          [0-9]{3}
        base: &shared
          level: HIGH
        copy: *shared

        """)
        XCTAssertEqual(doc.line, 2)
        XCTAssertEqual(value("id", in: doc)?.line, 2)
        XCTAssertEqual(value("keywords", in: doc)?.sequence?.map { $0.string }, ["ssn", "social security"])
        XCTAssertEqual(value("keywords", in: doc)?.line, 3)
        XCTAssertEqual(value("regex", in: doc)?.string, "[0-9]{3}")
        XCTAssertEqual(value("regex", in: doc)?.isPlainScalar, false)
        XCTAssertEqual(value("id", in: doc)?.isPlainScalar, true)
        let copy = try XCTUnwrap(value("copy", in: doc))
        XCTAssertEqual(value("level", in: copy)?.string, "HIGH")
        XCTAssertNil(try YAMLNode.load("# only a comment\n"))
    }

    func testErrorsSayWhatAndWhere() {
        func error(_ text: String) -> YAMLNode.LoadError? {
            do { _ = try YAMLNode.load(text); return nil } catch { return error }
        }
        // The first duplicated key (in key order) gives the line: "a" first on line 1.
        let dup = error("b: 1\na: 2\nb: 3\na: 4\n")
        XCTAssertEqual(dup?.message, "duplicated keys: a, b")
        XCTAssertEqual(dup?.line, 2)
        let nested = error("outer:\n  k: 1\n  k: 2\n")
        XCTAssertEqual(nested?.message, "duplicated keys: k")
        XCTAssertEqual(nested?.line, 2)
        let two = error("a: 1\n---\nb: 2\n")
        XCTAssertEqual(two?.message, "YAML syntax: expected a single document in the stream")
        XCTAssertEqual(two?.line, 3)
        let syntax = error("a: [1, 2\nb: 3\n")
        XCTAssertEqual(syntax?.message.hasPrefix("YAML syntax: "), true, syntax?.message ?? "")
        XCTAssertNotNil(syntax?.line)
    }

    /// Aliases of aliases ("billion laughs": 10 levels of 10, 10^9 strings if expanded)
    /// share one copy of each node; nesting past 256 levels is refused, not recursed into.
    func testAliasesAreSharedAndNestingIsBounded() throws {
        var text = "l0: &l0 [\"lol\", \"lol\"]\n"
        for level in 1...9 {
            text += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let doc = try load(text)
        let top = try XCTUnwrap(value("l9", in: doc)?.sequence)
        XCTAssertEqual(top.count, 10)
        XCTAssertEqual(top[0].sequence?[9].sequence?.count, 10)

        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        do {
            _ = try YAMLNode.load("a: " + deep + "\n")
            XCTFail("300 levels were accepted")
        } catch {
            XCTAssertEqual(error.message, "YAML nesting deeper than 256 levels")
            XCTAssertEqual(error.line, 1)
        }
        XCTAssertNotNil(try YAMLNode.load("a: " + String(repeating: "[", count: 255) + String(repeating: "]", count: 255)))
    }
}
