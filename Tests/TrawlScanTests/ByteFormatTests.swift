// ByteFormat's number formatting against the C library's printf (String(format:)), the
// formatter it replaces in the summary line, and hand-written sizes.

import Foundation
import XCTest
import TrawlTestSupport
@testable import TrawlScan

final class ByteFormatTests: XCTestCase {
    func testFixedMatchesPrintf() {
        var rng = SplitMix64(seed: 3)
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375, 2.675, 1.005, 99.95, 999.9999, 1e-9, -1.5, -0.004,
                                123_456_789.987, 1e14]
        for magnitude in [1.0, 100, 10_000, 1e9] {
            for _ in 0..<2_500 { values.append(Double(rng.next() % 1_000_000_007) / 1_000_000_007 * magnitude) }
        }
        for v in values {
            for digits in 0...3 {
                XCTAssertEqual(ByteFormat.fixed(v, digits: digits), String(format: "%.\(digits)f", v), "\(v) \(digits)")
            }
        }
        XCTAssertEqual(ByteFormat.fixed(.infinity, digits: 1), "inf")
        XCTAssertEqual(ByteFormat.fixed(.nan, digits: 2), "nan")
    }

    func testHumanSizes() {
        XCTAssertEqual(ByteFormat.human(1023), "1023 B")
        XCTAssertEqual(ByteFormat.human(1024), "1.0 KiB")
        XCTAssertEqual(ByteFormat.human(256 << 20), "256.0 MiB")
        XCTAssertEqual(ByteFormat.human(1_610_612_736), "1.5 GiB")
        XCTAssertEqual(ByteFormat.human(1_153_433), "1.1 MiB")      // 1.09999... MiB
    }
}
