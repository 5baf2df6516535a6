// FieldNameCache: the JSON keys' subset ids by their bytes. Checked against a plain
// dictionary on many keys, keys that differ in one byte or only in length, the empty
// key, and the cap on distinct keys.

import XCTest
@testable import TrawlScan

final class FieldNameCacheTests: XCTestCase {
    private func lookup(_ cache: borrowing FieldNameCache, _ name: [UInt8]) -> Int32? {
        name.withUnsafeBytes { cache.lookup($0, hash: FieldNameCache.hash($0)) }
    }

    private func insert(_ cache: inout FieldNameCache, _ name: [UInt8], _ id: Int32) {
        name.withUnsafeBytes { cache.insert($0, hash: FieldNameCache.hash($0), id: id) }
    }

    func testAgreesWithADictionary() {
        var cache = FieldNameCache()
        var expected: [[UInt8]: Int32] = [:]
        // Keys that differ in one byte, in length only, and the empty key.
        var names: [[UInt8]] = [[], Array("a".utf8), Array("aa".utf8), Array("ab".utf8), Array("card_number".utf8),
                                Array("card_numbes".utf8), Array("card_number ".utf8)]
        for i in 0..<3000 { names.append(Array("field\(i)".utf8)) }
        for (i, name) in names.enumerated() where i % 2 == 0 {
            insert(&cache, name, Int32(i))
            expected[name] = Int32(i)
        }
        for name in names {
            XCTAssertEqual(lookup(cache, name), expected[name], String(decoding: name, as: UTF8.self))
        }
        XCTAssertEqual(cache.count, expected.count)
    }

    func testStopsGrowingAtTheCap() {
        var cache = FieldNameCache()
        for i in 0..<(FieldNameCache.maxNames + 10) { insert(&cache, Array("k\(i)".utf8), Int32(i % 1000)) }
        XCTAssertEqual(cache.count, FieldNameCache.maxNames)
        XCTAssertEqual(lookup(cache, Array("k5".utf8)), 5)
        XCTAssertNil(lookup(cache, Array("k\(FieldNameCache.maxNames + 5)".utf8)))
    }
}
