// Full-width digits and the ideographic space in Japanese text (マイナンバー：５１８３　７２６４
// ０９１９) are read as ASCII by the detectors, whatever the text's encoding, and the
// occurrence points at the original characters: the same line and character column in
// UTF-8, Shift_JIS (CP932) and EUC-JP (EUC-JP-MS). The encoded fixtures are made by
// iconv(1) from the UTF-8 text written here.
//
// Values (made up): My Number 518372640919 (weights 6,5,4,3,2,7,6,5,4,3,2 over
// 51837264091: 30+5+32+9+14+14+36+20+0+27+2 = 189, 189 mod 11 = 2, check 11 - 2 = 9);
// phone 03-4836-3745 (Tokyo: 0 + 9 digits).
//
// Expected occurrences, counted by hand: line 3 is "マイナンバー：" (7 characters) and the
// value, so the value starts at column 8; line 4 is "電話番号：" (5 characters), the phone
// number starts at column 6.

import Foundation
import XCTest
import TrawlTestSupport
import TrawlDetectors
import TrawlFindings
import TrawlStorage
@testable import TrawlScan

final class FullWidthTextTests: XCTestCase {
    let text = """
    株式会社サンプル 人事部 社員台帳
    氏名：山田太郎（ヤマダタロウ）
    マイナンバー：５１８３　７２６４　０９１９
    電話番号：０３－４８３６－３７４５
    住所：東京都千代田区丸の内一丁目

    """

    func detection(_ r: ClassificationResult?, _ type: String) -> Detection? {
        r?.sensitiveData.flatMap(\.detections).first { $0.type == type }
    }

    func testFullWidthValuesAreFoundInEveryJapaneseEncoding() throws {
        let iconv = try requireTool("iconv")
        var objects: [String: [UInt8]] = ["utf8.txt": Array(text.utf8)]
        for (key, charset) in [("sjis.txt", "CP932"), ("eucjp.txt", "EUC-JP-MS")] {
            let r = try runTool(iconv, ["-f", "UTF-8", "-t", charset], stdin: Array(text.utf8))
            XCTAssertEqual(r.status, 0, "iconv to \(charset)")
            objects[key] = r.stdout
        }
        let results = try ClassifyObjects.classify(objects)
        for key in ["utf8.txt", "sjis.txt", "eucjp.txt"] {
            let r = try XCTUnwrap(results[key], key)
            XCTAssertEqual(r.status, .complete, key)
            let myNumber = try XCTUnwrap(detection(r, "JAPAN_MY_NUMBER"), key)
            XCTAssertEqual(myNumber.count, 1, key)
            XCTAssertEqual(myNumber.occurrences.map(\.location), [.line(start: 3, end: 3, startColumn: 8)], key)
            let phone = try XCTUnwrap(detection(r, "JAPAN_PHONE_NUMBER"), key)
            XCTAssertEqual(phone.count, 1, key)
            XCTAssertEqual(phone.occurrences.map(\.location), [.line(start: 4, end: 4, startColumn: 6)], key)
            // Byte offsets into the decoded UTF-8 text, counted by hand: lines 1 and 2 hold
            // 48 and 46 bytes, "マイナンバー：" 21, so the value is at 115; line 3 holds 64
            // bytes (21 characters of 3 bytes and the newline), "電話番号：" 15: 173.
            XCTAssertEqual(myNumber.occurrences.map(\.offset), [115], key)
            XCTAssertEqual(phone.occurrences.map(\.offset), [173], key)
        }
        XCTAssertTrue(results["sjis.txt"]?.mimeType?.lowercased().contains("shift_jis") ?? false,
                      "\(results["sjis.txt"]?.mimeType ?? "nil")")
    }

    func testCSVKeepsItsStructureAndFindsFullWidthValues() throws {
        // The full-width comma in the third cell is not a delimiter (it is not mapped): the
        // row keeps three cells, and the phone number (090: 11 digits) is row 2, column 2,
        // under the header 電話番号 (the keyword).
        let csv = "氏名,電話番号,メモ\n山田太郎,０９０－４８２９－１７３５,東京，大阪\n"
        let r = try XCTUnwrap(try ClassifyObjects.classify(["people.csv": Array(csv.utf8)])["people.csv"])
        XCTAssertEqual(r.mimeType, "text/csv")
        let phone = try XCTUnwrap(detection(r, "JAPAN_PHONE_NUMBER"))
        XCTAssertEqual(phone.occurrences.map(\.location),
                       [.cell(row: 2, column: 2, columnName: "電話番号", cellReference: nil)])
        // The header row is 27 bytes, "山田太郎," 13: the cell starts at byte 40.
        XCTAssertEqual(phone.occurrences.map(\.offset), [40])
    }

    /// A log of ASCII lines (over 1.2 MB, the split threshold here being 1 MiB) after
    /// `head`, then the full-width My Number line, then `tail`; classified with 2 parts.
    /// Returns the result, the My Number's line and its byte offset in the file.
    func classifyLargeLog(head: String, tail: String) throws -> (ClassificationResult, line: Int, offset: Int) {
        let root = NSTemporaryDirectory() + "trawl-fullwidth-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/b", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var big = head
        var lines = head.filter { $0 == "\n" }.count
        let filler = "2024-03-11T08:15:22Z INFO request served in 12 ms, nothing to report here\n"
        while big.utf8.count < 1_200_000 {
            big += filler
            lines += 1
        }
        // "マイナンバー：" is 21 bytes.
        let valueOffset = big.utf8.count + 21
        big += "マイナンバー：５１８３　７２６４　０９１９\n" + tail
        try big.write(toFile: root + "/b/big.log", atomically: false, encoding: .utf8)
        let source = LocalBucketSource(root: root)
        let ref = try XCTUnwrap(Array(try source.makeIterator()).first)
        let set = try DetectorSet(try DetectorLoader.load())
        let r = ObjectScanner(source: source, set: set, limits: ObjectLimits(), chunkSize: 64 << 10, parts: 2,
                              splitThreshold: 1 << 20).classify(ref)
        XCTAssertEqual(r.status, .complete)
        XCTAssertEqual(r.sizeClassified, Int64(big.utf8.count))
        return (r, lines + 1, valueOffset)
    }

    func testALargeUTF8TextWithFullWidthCharactersIsNotSplitAndIsNormalised() throws {
        // A full-width character in the first 8 KiB: read in one piece through the
        // normalising decoder, so the value on the last line is found at its column.
        let (r, line, offset) = try classifyLargeLog(head: "社員番号：１００１\n", tail: "")
        let myNumber = try XCTUnwrap(detection(r, "JAPAN_MY_NUMBER"))
        XCTAssertEqual(myNumber.occurrences.map(\.location), [.line(start: line, end: line, startColumn: 8)])
        XCTAssertEqual(myNumber.occurrences.map(\.offset), [offset])
    }

    func testALargeUTF8TextWithFullWidthCharactersOnlyFarInIsReadInOnePiece() throws {
        // The first 8 KiB are ASCII, so the text is split; the part holding the full-width
        // My Number sees it, every part stops, and the object is read again in one piece
        // through the normalising decoder: found once, at its line, column and offset.
        let (r, line, offset) = try classifyLargeLog(head: "", tail: "2024-03-11T08:15:23Z INFO done\n")
        let myNumber = try XCTUnwrap(detection(r, "JAPAN_MY_NUMBER"))
        XCTAssertEqual(myNumber.count, 1)
        XCTAssertEqual(myNumber.occurrences.map(\.location), [.line(start: line, end: line, startColumn: 8)])
        XCTAssertEqual(myNumber.occurrences.map(\.offset), [offset])
    }
}
