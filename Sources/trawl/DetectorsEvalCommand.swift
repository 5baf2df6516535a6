// `trawl detectors eval`: per-identifier precision and recall on a labeled sample file
// (Corpus/generators/make_eval_corpus.py writes one; the format is in
// Corpus/generators/eval/common.py). Every identifier runs over every sample, so a value
// one identifier wrongly claims counts against that identifier's precision.

import ArgumentParser
import Foundation
import TrawlDetectors
import TrawlFormats

extension DetectorsCommand {
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Measure each identifier's precision and recall on labeled samples.")
        @Argument(help: "A JSON Lines file of labeled samples.") var samples: String
        @Option(name: .customLong("detectors"), help: "A directory of extra detector files.")
        var detectorDirs: [String] = []
        @Option(help: "Exit 1 when an identifier's precision is below this.") var minPrecision: Double?
        @Option(help: "Exit 1 when an identifier's recall is below this.") var minRecall: Double?
        @Flag(help: "Exit 1 when an identifier has no positive sample.") var requireAll = false
        @Flag(help: "List each sample an identifier missed or wrongly claimed, by file line (no values shown).")
        var showErrors = false

        struct Tally {
            var expected = 0, truePositives = 0, falsePositives = 0
            var falseNegatives: Int { expected - truePositives }
            var precision: Double? {
                let detected = truePositives + falsePositives
                return detected == 0 ? nil : Double(truePositives) / Double(detected)
            }
            var recall: Double? { expected == 0 ? nil : Double(truePositives) / Double(expected) }
        }

        func run() throws {
            let defs = try DetectorOptions.definitions(extraDirectories: detectorDirs)
            let set: DetectorSet
            do { set = try DetectorSet(defs) } catch { throw Failure.usage(error.description) }
            let engine = DetectionEngine(set)
            let ids = set.types.map(\.id)
            var tallies = Dictionary(uniqueKeysWithValues: ids.map { ($0, Tally()) })

            guard let data = FileManager.default.contents(atPath: samples) else {
                throw Failure.usage("\(samples): cannot read the sample file")
            }
            var lineNumber = 0
            var sampleCount = 0
            var errors: [String] = []
            for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNumber += 1
                if line.isEmpty { continue }
                guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                      let text = object["text"] as? String,
                      let expect = object["expect"] as? [String: Int] else {
                    throw Failure.usage("\(samples):\(lineNumber): not a sample (needs text and expect)")
                }
                let allow = Set(object["allow"] as? [String] ?? [])
                for id in expect.keys where tallies[id] == nil {
                    throw Failure.usage("\(samples):\(lineNumber): expect names unknown identifier \(id)")
                }
                sampleCount += 1
                var found: [String: Int] = [:]
                // As the scanner reads every text: full-width forms as ASCII.
                for m in engine.matches(in: fullWidthNormalized(text)) { found[set.types[m.typeIndex].id, default: 0] += 1 }
                for (id, count) in expect.sorted(by: { $0.key < $1.key }) {
                    let hits = found[id] ?? 0
                    tallies[id]!.expected += count
                    tallies[id]!.truePositives += min(count, hits)
                    tallies[id]!.falsePositives += max(0, hits - count)
                    if showErrors && hits != count {
                        errors.append("\(samples):\(lineNumber): \(id) \(hits < count ? "missed" : "over-reported"): expected \(count), found \(hits)")
                    }
                }
                for (id, hits) in found.sorted(by: { $0.key < $1.key }) where expect[id] == nil && !allow.contains(id) {
                    tallies[id]!.falsePositives += hits
                    if showErrors { errors.append("\(samples):\(lineNumber): \(id) false positive: found \(hits), expected none") }
                }
            }

            func percent(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? "-" }
            func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
            print("identifier".padding(toLength: 46, withPad: " ", startingAt: 0)
                  + "expected detected    TP    FP    FN precision recall")
            var failures: [String] = []
            var total = Tally()
            for id in ids {
                let t = tallies[id]!
                total.expected += t.expected
                total.truePositives += t.truePositives
                total.falsePositives += t.falsePositives
                let cols = [t.expected, t.truePositives + t.falsePositives, t.truePositives,
                            t.falsePositives, t.falseNegatives]
                let widths = [8, 9, 6, 6, 6]
                let numbers = zip(cols, widths).map { pad(String($0), $1) }.joined()
                print(id.padding(toLength: 46, withPad: " ", startingAt: 0) + numbers
                      + pad(percent(t.precision), 10) + pad(percent(t.recall), 7))
                if let min = minPrecision, let p = t.precision, p < min { failures.append("\(id): precision \(percent(p))") }
                if let min = minRecall, let r = t.recall, r < min { failures.append("\(id): recall \(percent(r))") }
                if requireAll && t.expected == 0 { failures.append("\(id): no positive sample") }
            }
            for e in errors { print(e) }
            print("\(sampleCount) samples, \(ids.count) identifiers; overall precision \(percent(total.precision)), recall \(percent(total.recall))")
            if !failures.isEmpty {
                FileHandle.standardError.write(Data(("trawl: below target:\n  " + failures.joined(separator: "\n  ") + "\n").utf8))
                throw ExitCode(1)
            }
        }
    }
}
