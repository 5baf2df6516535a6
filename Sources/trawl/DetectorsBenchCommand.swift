// `trawl detectors bench ROOT`: detector throughput on the user's own data, so a slow
// custom regex is found before it ships: overall MB/s, and per detector its candidate
// windows and PCRE2 calls per MiB of text and its share of the scan time (one thread).

import ArgumentParser
import Foundation
import TrawlDetectors
import TrawlScan
import TrawlStorage

struct DetectorsBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure each detector's cost on a bucket-style tree (windows, PCRE2 calls, time).")

    @Argument(help: "A bucket-style tree (as for `trawl scan`).") var root: String
    @Option(help: "A trawl.yml (custom identifiers, allow lists, selection).") var config: String?
    @Option(name: .customLong("detectors"), help: "A directory of extra detector files.") var detectorDirs: [String] = []
    @Option(help: "Show this many of the most expensive detectors (0: all).") var top: Int = 20

    func run() throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else {
            throw Failure.usage("\(root): not a directory (a bucket-style tree)")
        }
        let set = try DetectorOptions.load(extraDirectories: detectorDirs, config: config, managed: nil,
                                           include: nil, exclude: nil)
        let report: DetectorBench.Report
        do {
            report = try DetectorBench.run(source: LocalBucketSource(root: root), detectors: set,
                                           limits: try DetectorOptions.objectLimits(config: config))
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.run("\(error)")
        }
        let stats = report.stats
        let mib = max(Double(report.bytes) / 1_048_576, 1e-9)
        let engineNanos = stats.nanoseconds.reduce(stats.sharedNanoseconds, +)
        print(String(format: "%d objects, %.1f MiB of text in %.2f s: %.1f MB/s (one thread)",
                     report.objects, Double(report.bytes) / 1_048_576, report.seconds,
                     Double(report.bytes) / 1e6 / max(report.seconds, 1e-9)))
        print(String(format: "shared passes (byte classes, keywords): %.1f%% of detection time",
                     100 * Double(stats.sharedNanoseconds) / Double(max(engineNanos, 1))))
        var rows = set.detectors.indices.map { d in
            (id: set.detectors[d].definition.id, windows: Double(stats.windows[d]) / mib,
             calls: Double(stats.calls[d]) / mib, share: 100 * Double(stats.nanoseconds[d]) / Double(max(engineNanos, 1)))
        }
        rows.sort { $0.share > $1.share }
        if top > 0 { rows = Array(rows.prefix(top)) }
        let width = max(10, rows.map(\.id.count).max() ?? 10)
        print("detector".padding(toLength: width, withPad: " ", startingAt: 0) + "  windows/MiB  PCRE2 calls/MiB  time %")
        for r in rows {
            print(r.id.padding(toLength: width, withPad: " ", startingAt: 0)
                  + String(format: "  %11.1f  %15.1f  %6.1f", r.windows, r.calls, r.share))
        }
    }
}
