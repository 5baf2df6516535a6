// The scope of a run: gitignore-like globs on keys (cases worked out by hand), extension,
// size and time bounds, a deterministic sample, and shards that partition the objects.

import XCTest
import TrawlStorage
@testable import TrawlScan

final class ObjectScopeTests: XCTestCase {
    func ref(_ key: String, bucket: String = "b", size: Int64 = 100, modified: Double = 1_700_000_000) -> ObjectRef {
        ObjectRef(bucket: bucket, key: key, size: size, lastModified: modified, kind: .regular, location: key,
                  versionToken: "v")
    }

    func testGlobs() {
        let cases: [(String, String, Bool)] = [
            ("*.csv", "q1.csv", true), ("*.csv", "2024/q1.csv", true), ("*.csv", "2024/q1.csv.gz", false),
            ("**/*.csv", "q1.csv", true), ("**/*.csv", "a/b/c/q1.csv", true),
            ("exports/**", "exports/a/b.txt", true), ("exports/**", "other/exports/a.txt", false),
            ("exports/", "exports/x.txt", true), ("/exports/*.txt", "exports/x.txt", true),
            ("exports/*.txt", "exports/a/x.txt", false), ("**/tmp/**", "a/tmp/b/c", true), ("**/tmp/**", "tmp/x", true),
            ("**/tmp/**", "a/tmpx/b", false), ("q?.csv", "q1.csv", true), ("q?.csv", "q10.csv", false),
            ("*", "anything/at/all", true), ("a*b*c", "aXXbYYc", true), ("a*b*c", "aXXbYY", false),
        ]
        for (pattern, key, expected) in cases {
            XCTAssertEqual(ObjectScope.glob(pattern, matches: key), expected, "\(pattern) ~ \(key)")
        }
    }

    func testIncludeExcludeExtensionsAndBounds() {
        var scope = ObjectScope()
        scope.include = ["**/*.csv", "exports/**"]
        scope.exclude = ["**/tmp/**"]
        XCTAssertTrue(scope.contains(ref("a/q1.csv")))
        XCTAssertTrue(scope.contains(ref("exports/notes.txt")))
        XCTAssertFalse(scope.contains(ref("a/notes.txt")))
        XCTAssertFalse(scope.contains(ref("a/tmp/q1.csv")))

        var ext = ObjectScope()
        ext.extensions = ["CSV", "json"]
        XCTAssertTrue(ext.contains(ref("x/Q1.csv")))
        XCTAssertTrue(ext.contains(ref("x/e.json")))
        XCTAssertFalse(ext.contains(ref("x/e.jsonl")))
        XCTAssertFalse(ext.contains(ref("x/README")))

        var bounds = ObjectScope()
        bounds.minSize = 10
        bounds.maxSize = 1000
        bounds.modifiedAfter = 1_600_000_000
        bounds.modifiedBefore = 1_800_000_000
        XCTAssertTrue(bounds.contains(ref("a", size: 10)))
        XCTAssertFalse(bounds.contains(ref("a", size: 9)))
        XCTAssertFalse(bounds.contains(ref("a", size: 1001)))
        XCTAssertFalse(bounds.contains(ref("a", modified: 1_500_000_000)))
        XCTAssertFalse(bounds.contains(ref("a", modified: 1_900_000_000)))
    }

    func testSamplesAreDeterministicAndProportional() {
        let refs = (0..<10_000).map { ref("k\($0)", bucket: "b\($0 % 7)") }
        var scope = ObjectScope()
        scope.samplePercent = 25
        let first = refs.filter(scope.contains).map(\.key)
        XCTAssertEqual(refs.filter(scope.contains).map(\.key), first, "the same objects every run")
        XCTAssertEqual(Double(first.count), 2500, accuracy: 200)
        scope.sampleSeed = "other"
        let second = refs.filter(scope.contains).map(\.key)
        XCTAssertNotEqual(second, first, "another seed, another sample")
        scope.samplePercent = 100
        XCTAssertEqual(refs.filter(scope.contains).count, 10_000)
    }

    func testShardsPartitionTheObjects() {
        let refs = (0..<3_000).map { ref("key-\($0)", bucket: "b\($0 % 3)") }
        var seen: [String: Int] = [:]
        var sizes: [Int] = []
        for i in 0..<4 {
            var scope = ObjectScope()
            scope.shard = (i, 4)
            let mine = refs.filter(scope.contains)
            sizes.append(mine.count)
            for r in mine { seen[r.bucket! + "/" + r.key, default: 0] += 1 }
        }
        XCTAssertEqual(seen.count, refs.count, "every object in some shard")
        XCTAssertTrue(seen.values.allSatisfy { $0 == 1 }, "no object in two shards")
        XCTAssertTrue(sizes.allSatisfy { abs($0 - 750) < 150 }, "\(sizes)")
    }
}
