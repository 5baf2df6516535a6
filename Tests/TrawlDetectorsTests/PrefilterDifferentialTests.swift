// The windowed engine must report exactly what the plain pass reports (every regex
// over every byte): on the demo corpus, on every catalogue example, and on generated
// text dense with near-misses. A wrong `prefilter:` declaration fails here.

import Foundation
import XCTest
import TrawlTestSupport
@testable import TrawlDetectors

final class PrefilterDifferentialTests: XCTestCase {
    /// All identifiers; and without the NO_KEYWORD variant, which makes card numbers
    /// keyword-gated too.
    static let everyIdentifier = [IdentifierSelection(), IdentifierSelection(exclude: ["CREDIT_CARD_NUMBER_(NO_KEYWORD)"])]

    func compare(_ text: String, _ what: String, selections: [IdentifierSelection] = everyIdentifier,
                 file: StaticString = #filePath, line: UInt = #line) throws {
        // The windowed pass walks the runs of a detector with a trigger, or finds them by
        // the trigger's shape (TriggerShape) when its walks read many runs: both ways, and
        // under each instruction-set form of the C kernels (the plain pass uses none).
        for selection in selections {
          let set = try DetectorSet(try DetectorLoader.load(), selection: selection)
          let reference = DetectionEngine(set, usePrefilters: false).matches(in: text)
          for shapeThreshold in [Int.max, 0] {
           try InstructionSets.forEach { isa in
            let engine = DetectionEngine(set, usePrefilters: true)
            engine.triggerShapeThreshold = shapeThreshold
            let fast = engine.matches(in: text)
            let what = (shapeThreshold == 0 ? what + " (trigger shapes)" : what) + ", " + isa
            XCTAssertEqual(fast.count, reference.count, "\(what): match count", file: file, line: line)
            if fast != reference {
                // Name the first differences with their identifier and surrounding text.
                let bytes = Array(text.utf8)
                func describe(_ m: Match) -> String {
                    let lo = max(0, m.start - 60), hi = min(bytes.count, m.end + 20)
                    return "\(set.types[m.typeIndex].id) \(m.start)..<\(m.end) in \(String(decoding: bytes[lo..<hi], as: UTF8.self).debugDescription)"
                }
                let missing = Set(reference.map { "\($0.typeIndex):\($0.start)" }).subtracting(fast.map { "\($0.typeIndex):\($0.start)" })
                let extra = Set(fast.map { "\($0.typeIndex):\($0.start)" }).subtracting(reference.map { "\($0.typeIndex):\($0.start)" })
                let missed = reference.filter { missing.contains("\($0.typeIndex):\($0.start)") }.prefix(5).map(describe)
                let added = fast.filter { extra.contains("\($0.typeIndex):\($0.start)") }.prefix(5).map(describe)
                XCTFail("\(what): windowed pass misses \(missing.count): \(missed); adds \(extra.count): \(added)", file: file, line: line)
            }
           }
          }
        }
    }

    func testSomeDetectorsDeclareAPrefilter() throws {
        XCTAssertGreaterThanOrEqual(try DetectorLoader.load().filter { $0.prefilter != nil }.count, 5)
    }

    func testCatalogueExamples() throws {
        let defs = try DetectorLoader.load()
        let all = defs.flatMap { $0.examples + $0.negativeExamples }
        try compare(all.joined(separator: "\n"), "examples, one per line")
        try compare(all.joined(separator: " "), "examples, one line")
        try compare(all.joined(separator: ""), "examples, run together")
    }

    func testDemoCorpusPlainFiles() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Corpus/demo")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { !$0.hasDirectoryPath && $0.pathExtension != "gz" && $0.pathExtension != "png" }
        XCTAssertGreaterThan(files.count, 10)
        for f in files {
            let text = String(decoding: try Data(contentsOf: f), as: UTF8.self)
            try compare(text, f.lastPathComponent)
        }
    }

    func testEvalCorpusAsOneText() throws {
        // Every labeled eval sample (Corpus/generators/make_eval_corpus.py), run together
        // as one text: keyword regions of neighbouring samples overlap and interleave.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let out = NSTemporaryDirectory() + "trawl-eval-diff-\(getpid()).jsonl"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = ["python3", root.path + "/Corpus/generators/make_eval_corpus.py", "--out", out]
        generator.standardOutput = FileHandle.nullDevice
        try generator.run()
        generator.waitUntilExit()
        XCTAssertEqual(generator.terminationStatus, 0)
        var texts: [String] = []
        for line in try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            texts.append(object?["text"] as? String ?? "")
        }
        XCTAssertGreaterThan(texts.count, 1000)
        try compare(texts.joined(separator: "\n"), "eval samples, one per line")
        // And each sample alone, as a short object is scanned: its keyword regions are
        // clipped at the text's edges, and most are shorter than one 64-byte mask word.
        let set = try DetectorSet(try DetectorLoader.load())
        let fast = DetectionEngine(set, usePrefilters: true), reference = DetectionEngine(set, usePrefilters: false)
        var differing: [String] = []
        for text in texts where fast.matches(in: text) != reference.matches(in: text) { differing.append(text) }
        XCTAssertEqual(differing.count, 0, "samples the windowed pass reads otherwise: \(differing.prefix(3))")
    }

    func testRunWhoseDigitsLieBeyondAKeywordRegion() throws {
        // The second licence number starts within 30 characters of the keyword, but its
        // digits lie past the keyword's region: its run must still be searched.
        try compare("permis de conduire: B0267 27782 16019, CH-DQ-WA-R68GB", "digits past the region")
    }

    func testRunsReachingFarPastAKeywordRegion() throws {
        // A keyword-gated detector's runs are found with masks of the region's runs
        // alone, unless they reach far beyond it (then with the whole buffer's mask):
        // runs a little and very far past the region on either side, and runs starting
        // at the text's first byte and ending at its last.
        // With the catalogue, another detector of the class builds the whole buffer's
        // mask first and the region's own masks are not used: keyword-gated detectors
        // alone too.
        let gated = IdentifierSelection(managed: .none, include: ["CREDIT_CARD_NUMBER", "USA_SOCIAL_SECURITY_NUMBER"])
        let both = Self.everyIdentifier + [gated]
        func digits(_ n: Int) -> String { String((0..<n).map { i in Array("0123456789 -")[(i * 7) % 12] }) }
        for n in [20, 300, 5_000] {
            try compare("ssn 219-48-5231 \(digits(n))", "run \(n) bytes past the value", selections: both)
            try compare("\(digits(n)) 219-48-5231 is the ssn", "run \(n) bytes before the value", selections: both)
            try compare("social security number: \(digits(n)) 219 48 5231 \(digits(n))", "run \(n) on both sides",
                        selections: both)
        }
        try compare("219-48-5231 ssn", "a run from the first byte", selections: both)
        // A card number (19 bytes, more than the look-ahead margin past a run) at every
        // distance from its keyword, after it and before it: at the region's edges the
        // card's run reaches out of the region, and must be found whole. The cases are
        // kept apart by letters, which no card or SSN window holds.
        var edges: [String] = []
        for gap in 0...60 {
            let filler = String(repeating: "q", count: gap)
            // Separators of the card's window widen its run on one side.
            edges.append("card number \(filler) 4556 9542 5550 3490 - - - - - - - -")
            edges.append("- - - - - - - - 4556 9542 5550 3490 \(filler) card number")
        }
        try compare(edges.joined(separator: "\n" + String(repeating: "z", count: 200) + "\n"), "cards at every gap",
                    selections: [gated])
    }

    func testGeneratedNearMisses() throws {
        // Deterministic pieces that sit on the edges of the windows: separators, digit
        // runs of every length, base64 runs around 40, addresses, IBAN-like groups.
        var rng = SplitMix64(seed: 42)
        let pieces = ["4556 9542 5550 3490", "4556-9542-5550-3490", "4556954255503490", "45569542555034901",
                      "card number", "ssn", "exp", "expiry ", "09/27", "Sep 2027", "12-2029", "219-48-5231", "219 48 5231", "219485231", "cvv", "381", "2019",
                      "aws_secret_access_key=", "@", "a.b@mail.co", "x@y", "first.last@corp-mail.io",
                      "DE81 2107 0024 0381 7264 55", "DE81210700240381726455", "GB68 BARC 2000 5571 9364 82",
                      "Authorization: Basic ", "AuThOrIzAtIoN: bAsIc ", "basic", "BASIC", "==", "-", " ", "\n", "/", "+", ".", "é", "0", "00", "000-00-0000", "ABCD", "abcd"]
        var text = ""
        for _ in 0..<20_000 {
            let r = Int(rng.next() % 100)
            if r < 70 {
                text += pieces[Int(rng.next() % UInt64(pieces.count))]
            } else if r < 85 {
                let n = Int(rng.next() % 45) + 1
                let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+")
                text += String((0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            } else {
                let n = Int(rng.next() % 20) + 1
                text += String((0..<n).map { _ in Character(String(rng.next() % 10)) })
            }
        }
        try compare(text, "generated")
    }

    func testGeneratedPhoneNumbersAroundKeywordsAndCountryCodes() throws {
        // Phone numbers need a keyword within 30 characters unless they carry their country
        // code: the engine searches only runs near a keyword (measured in characters, so
        // multi-byte text sits at the edge) or holding a country code. Numbers here sit at
        // every distance from keywords, with and without country codes, among look-alikes
        // (IP addresses, dates, sizes).
        var rng = SplitMix64(seed: 7)
        let pieces = ["phone", "Phone: ", "tel. ", "contact", "telefono ", "cellulare", "fax", "mobile",
                      "206 734 0143", "(206) 734-0143", "425.388.0178", "+1 206 734 0199", "1-800-642-0111",
                      "+12067340122", "1 206 734 0143", "347 512 8830", "06 1234 5678", "+39 347 123 4567",
                      "0039 06 1234 5678", "+44 20 7946 0018", "+33 1 42 68 53 00", "+49 30 901820",
                      "10.39.222.191", "2024-03-11", "191 took", "404 93732B", "1.", "1-", "+", "00",
                      " ", " ", "\n", ",", "é", "日本", "ü", "x", "ordine"]
        var text = ""
        for _ in 0..<30_000 {
            text += pieces[Int(rng.next() % UInt64(pieces.count))]
            if rng.next() % 3 == 0 { text += " " }
        }
        try compare(text, "phone numbers")
        // The text exercises both ways in: numbers found by keyword and by country code.
        let set = try DetectorSet(try DetectorLoader.load())
        let found = DetectionEngine(set, usePrefilters: true).matches(in: text)
        let bytes = Array(text.utf8)
        for id in ["PHONE_NUMBER", "ITALY_PHONE_NUMBER"] {
            let values = found.filter { set.types[$0.typeIndex].id == id }.map { Array(bytes[$0.start..<$0.end]) }
            let countryCodes: [[UInt8]] = ["+", "00", "1 ", "1-", "1."].map { Array($0.utf8) }
            let withCode = values.filter { v in countryCodes.contains { v.starts(with: $0) } }
            XCTAssertGreaterThan(withCode.count, 20, "\(id) with a country code")
            XCTAssertGreaterThan(values.count - withCode.count, 20, "\(id) by keyword")
        }
    }

    /// Fails when the windowed pass over `text` does not report exactly what the plain
    /// pass (every regex over every byte) reports, with a custom set.
    func assertWindowedAgrees(_ set: DetectorSet, _ text: String, _ what: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        let fast = DetectionEngine(set, usePrefilters: true).matches(in: text)
        let reference = DetectionEngine(set, usePrefilters: false).matches(in: text)
        let missed = reference.filter { !fast.contains($0) }, added = fast.filter { !reference.contains($0) }
        XCTAssertTrue(missed.isEmpty && added.isEmpty,
                      "\(what): \(reference.count) matches; windowed misses \(missed.count) (first \(missed.prefix(3))), adds \(added.count)",
                      file: file, line: line)
    }

    func testSharersWithDifferentDistancesShareOneCover() throws {
        // Two detectors share the runs of one window class, each gated by its keyword or
        // its prefix, at distances 40 and 5. The keyword pass adds each occurrence's
        // region once to the class's cover, at the longest distance of that keyword's
        // owners there; a later keyword with the longer distance reaches back past the
        // start of an earlier one's region, which must then widen, not stay.
        func detector(_ id: String, keyword: String, prefix: String, distance: Int) -> DetectorDefinition {
            DetectorDefinition(id: id, name: id, category: .personalInformation,
                               regex: "(?<![0-9A-Za-z+])(?:\\\(prefix) ?)?[0-9]{4} ?[0-9]{4}(?![0-9])",
                               keywords: [keyword], keywordRequired: true, keywordOptionalPrefixes: [prefix],
                               maximumMatchDistance: distance,
                               prefilter: PrefilterSpec(window: "0-9 +", minDigits: 8), sourceFile: "\(id).yml")
        }
        let set = try DetectorSet([detector("FAR", keyword: "alpha", prefix: "+7", distance: 40),
                                   detector("NEAR", keyword: "beta", prefix: "+8", distance: 5)])
        let c = try XCTUnwrap(set.detectors[0].prefilter?.windowClass)
        XCTAssertTrue(set.sharedRunsGated[c], "the two detectors share gated runs")
        // By hand: a number, 10 characters on "beta" (beyond NEAR's 5), then 16 on
        // "alpha" (30 characters after the number: within FAR's 40). Its run lies before
        // the region of "beta" and inside the one of "alpha".
        let hand = "#1234 5678" + String(repeating: ".", count: 10) + "beta" + String(repeating: ".", count: 16) + "alpha"
        var rng = SplitMix64(seed: 11)
        let pieces = ["alpha", "beta", "1234 5678", "12345678", "+7 1234 5678", "+8 87654321", "qqqq", "q", " ",
                      "\n", "é", "2024 03 11", "+", "7"]
        var generated = ""
        for _ in 0..<20_000 { generated += pieces[Int(rng.next() % UInt64(pieces.count))] }
        assertWindowedAgrees(set, hand, "by hand")
        assertWindowedAgrees(set, generated, "generated")
        let found = DetectionEngine(set, usePrefilters: false).matches(in: hand).map { set.types[$0.typeIndex].id }
        XCTAssertEqual(found, ["FAR"], "the hand-made number is FAR's")
    }

    func testASharedRunNoSharerCouldTakeIsDropped() throws {
        // Two detectors share one window class: LONG needs ten digits, SHORT eight with
        // five in a row (its trigger), as the phone identifiers do (Italy's eight and a
        // trigger, the others nine or ten). A date near a keyword, "2024-03-11", has eight
        // digits but no five in a row: neither could take it, so it is not kept as a
        // shared run (on CSV rows with "phone-in" each sharer went over it). Counts by
        // hand: the text below has 3 dates, 1 run of SHORT's ("12345-678") and 1 of
        // LONG's ("1234-567-890"), each near a keyword.
        func detector(_ id: String, keyword: String, prefix: String, regex: String, minDigits: Int,
                      triggers: [String]) -> DetectorDefinition {
            DetectorDefinition(id: id, name: id, category: .personalInformation, regex: regex,
                               keywords: [keyword], keywordRequired: true, keywordOptionalPrefixes: [prefix],
                               maximumMatchDistance: 30,
                               prefilter: PrefilterSpec(window: "0-9 -", minDigits: minDigits, triggers: triggers),
                               sourceFile: "\(id).yml")
        }
        let set = try DetectorSet([
            detector("LONG", keyword: "tel", prefix: "+9", regex: "(?<![0-9])[0-9]{4}-[0-9]{3}-[0-9]{3}(?![0-9])",
                     minDigits: 10, triggers: []),
            detector("SHORT", keyword: "tel", prefix: "+8", regex: "(?<![0-9])[0-9]{5}-[0-9]{3}(?![0-9])",
                     minDigits: 8, triggers: ["[0-9]{5}"]),
        ])
        let c = try XCTUnwrap(set.detectors[0].prefilter?.windowClass)
        XCTAssertTrue(set.sharedRunsGated[c], "the two detectors share gated runs")
        let text = "tel\n2024-03-11\nx\ntel\n2024-03-11\ny\ntel 12345-678\nz\ntel 2024-03-11\ntel 1234-567-890\n"
        let engine = DetectionEngine(set, usePrefilters: true)
        engine.stats = DetectionEngine.Stats(detectors: set.detectors.count)
        let found = engine.matches(in: text).map { set.types[$0.typeIndex].id }
        XCTAssertEqual(found.sorted(), ["LONG", "SHORT"])
        XCTAssertEqual(engine.stats?.sharedRuns, 2, "the dates are not kept, the two numbers are")
        assertWindowedAgrees(set, text, "by hand")
        var rng = SplitMix64(seed: 17)
        let pieces = ["tel", "2024-03-11", "12345-678", "1234-567-890", "12345678", "+8 12345-678", "\n", " ", "-",
                      "x", "é", "+9 1234-567-890"]
        var generated = ""
        for _ in 0..<20_000 { generated += pieces[Int(rng.next() % UInt64(pieces.count))] }
        assertWindowedAgrees(set, generated, "generated")
    }

    func testAClassOfMoreThanSixtyFourSharers() throws {
        // Seventy detectors share one window class and one country code, each with a
        // keyword of its own: past 64 sharers their keyword regions carry no bits, so
        // each keeps its own regions while the class keeps their union for its cover.
        let definitions = (0..<70).map { i in
            DetectorDefinition(id: "S\(i)", name: "s\(i)", category: .personalInformation,
                               regex: "(?<![0-9A-Za-z+])(?:\\+7 ?)?\(i % 10)[0-9]{3} ?[0-9]{4}(?![0-9])",
                               keywords: ["kw\(i)"], keywordRequired: true, keywordOptionalPrefixes: ["+7"],
                               maximumMatchDistance: 20,
                               prefilter: PrefilterSpec(window: "0-9 +", minDigits: 8), sourceFile: "s\(i).yml")
        }
        let set = try DetectorSet(definitions)
        let c = try XCTUnwrap(set.detectors[0].prefilter?.windowClass)
        XCTAssertTrue(set.sharedRunsGated[c], "the seventy share gated runs")
        XCTAssertEqual(set.sharers[c].count, 70)
        var rng = SplitMix64(seed: 5)
        var text = ""
        for _ in 0..<4_000 {
            let i = Int(rng.next() % 70)
            switch rng.next() % 4 {
            case 0: text += "kw\(i) "
            case 1: text += "\(i % 10)234 5678 "
            case 2: text += "+7 \(i % 10)234 5678 "
            default: text += String(repeating: ".", count: Int(rng.next() % 30)) + " "
            }
        }
        assertWindowedAgrees(set, text, "seventy sharers")
        let reference = DetectionEngine(set, usePrefilters: false).matches(in: text)
        let byKeyword = reference.filter { m in
            !text.utf8.dropFirst(m.start).starts(with: "+7".utf8)
        }
        XCTAssertGreaterThan(byKeyword.count, 50, "matches found by keyword, not by country code")
    }
}
