// `trawl detectors`: what identifiers Trawl has, and what one finds in a sample text.

import ArgumentParser
import Foundation
import TrawlDetectors
import TrawlFormats

struct DetectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detectors",
        abstract: "List, show and try the data identifiers.",
        // Every command names itself: ArgumentParser would otherwise derive each name
        // from the type's name with String(describing:), 3% of a scan's start-up.
        subcommands: [List.self, Show.self, Test.self, Eval.self, DetectorsBenchCommand.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List every identifier with its category, keyword rule, validator and severity.")
        @Option(name: .customLong("detectors"), help: "A directory of extra detector files.")
        var detectorDirs: [String] = []

        func run() throws {
            let defs = try DetectorOptions.definitions(extraDirectories: detectorDirs)
            let base = Dictionary(defs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            var rows: [[String]] = [["ID", "CATEGORY", "KEYWORD", "VALIDATOR", "SEVERITY", "RECOMMENDED"]]
            var rowOfID: [String: Int] = [:]
            for d in defs {
                // A NO_KEYWORD variant runs its base's pattern and checks.
                let source = d.variantOf.flatMap { base[$0] } ?? d
                let keyword = d.variantOf != nil ? "none nearby"
                    : source.keywordRequired ? (source.keywordOptionalPrefixes.isEmpty ? "required" : "required*")
                    : source.keywords.isEmpty ? "-" : "optional"
                let check = source.typeTable.map { "table:\($0)" } ?? source.validator ?? "-"
                let severity = "\(d.severity.one.rawValue)/\(d.severity.some.rawValue)/\(d.severity.many.rawValue)"
                for id in d.reportedIDs {
                    let row = [id, d.category.rawValue, keyword, check, severity, d.recommended ? "yes" : "no"]
                    // Several detectors may report one ID (an IBAN and a national BBAN form):
                    // one row, their differing rules joined with '|'.
                    if let at = rowOfID[id] {
                        for c in 1..<row.count where !rows[at][c].split(separator: "|").contains(Substring(row[c])) {
                            rows[at][c] += "|" + row[c]
                        }
                    } else {
                        rowOfID[id] = rows.count
                        rows.append(row)
                    }
                }
            }
            let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max() ?? 0 }
            for row in rows {
                print(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            }
            let count = rows.count - 1
            print("\(count) identifiers (* keyword required unless the value carries its country code; " +
                  "severity for 1 / 2-99 / 100+ occurrences; '|' separates the rules of the detectors sharing an ID)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one identifier's definition.")
        @Argument(help: "Identifier ID.") var id: String
        @Option(name: .customLong("detectors"), help: "A directory of extra detector files.")
        var detectorDirs: [String] = []

        func run() throws {
            let defs = try DetectorOptions.definitions(extraDirectories: detectorDirs)
            guard let d = defs.first(where: { $0.id == id })
                ?? defs.first(where: { $0.reportedIDs.contains(id) })
            else { throw Failure.usage("unknown identifier '\(id)' (see `trawl detectors list`)") }
            print("id:         \(d.id)")
            print("name:       \(d.name)")
            print("category:   \(d.category.rawValue)")
            print("regex:      \(d.regex)")
            if let v = d.validator { print("validator:  \(v)") }
            if let t = d.typeTable { print("typeTable:  \(t)") }
            if let v = d.variantOf { print("variantOf:  \(v)") }
            print("keywords:   \(d.keywords.joined(separator: ", "))")
            print("keywordRequired: \(d.keywordRequired) (within \(d.maximumMatchDistance) characters)")
            print("severity:   \(d.severity.one.rawValue) / \(d.severity.some.rawValue) / \(d.severity.many.rawValue) for 1 / 2-99 / 100+")
            print("recommended: \(d.recommended)")
            print("file:       \(d.sourceFile)")
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run identifiers (managed, or custom ones from --config) on a sample text and show what each regex match became, and why (values masked).")
        @Argument(help: "Identifier ID or custom identifier name, or ALL.") var id: String
        @Argument(help: "The sample text.") var text: String
        @Option(name: .customLong("detectors"), help: "A directory of extra detector files.")
        var detectorDirs: [String] = []
        @Option(help: "A trawl.yml with customDataIdentifiers and allowLists.")
        var config: String?

        func run() throws {
            let all = try DetectorOptions.load(extraDirectories: detectorDirs, config: config, managed: nil,
                                               include: nil, exclude: nil)
            let names = Set(all.types.map(\.id))
            if id != "ALL" && !names.contains(id) {
                throw Failure.usage("unknown identifier '\(id)' (see `trawl detectors list`, or the config's customDataIdentifiers)")
            }
            let engine = DetectionEngine(all)
            // As the scanner reads every text: full-width forms as ASCII (byte ranges below
            // are in the text so read).
            let text = fullWidthNormalized(self.text)
            let bytes = Array(text.utf8)
            var lines: [String] = []
            if text != self.text { lines.append("(full-width digits, letters and spaces read as ASCII)") }
            for (d, range, verdict) in engine.explain(text) {
                let detector = all.detectors[d]
                let ids = Set(all.types.indices.filter { all.types[$0].detectorIndex == d }.map { all.types[$0].id })
                guard id == "ALL" || ids.contains(id) || detector.definition.id == id else { continue }
                let value = Masking.mask(String(decoding: bytes[range], as: UTF8.self))
                let distance = detector.definition.maximumMatchDistance
                let why: String
                switch verdict {
                case .reported(let t): why = "reported as \(all.types[t].id)"
                case .allZeros: why = "dropped: all zeros"
                case .denyValue: why = "dropped: a published test value (denyValues)"
                case .ignoreWord: why = "dropped: contains an ignore word"
                case .checkFailed: why = "dropped: fails the \(detector.definition.validator ?? detector.definition.typeTable ?? "structure") check"
                case .noKeyword:
                    why = detector.definition.keywordsBefore
                        ? "dropped: no keyword before it within \(distance) characters of its end"
                        : "dropped: no keyword within \(distance) characters"
                case .allowList: why = "dropped: on an allow list"
                case .typeNotSelected: why = "dropped: its type is not selected"
                }
                lines.append("\(detector.definition.id) at bytes \(range.lowerBound)..<\(range.upperBound): \(value): \(why)")
            }
            print(lines.isEmpty ? "no match" : lines.joined(separator: "\n"))
        }
    }
}

/// Shows the shape of a value without revealing it: the first two and last two
/// characters, the rest as '*'.
enum Masking {
    static func mask(_ value: String) -> String {
        let chars = Array(value)
        if chars.count <= 6 { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(2)) + String(repeating: "*", count: chars.count - 4) + String(chars.suffix(2))
    }
}
