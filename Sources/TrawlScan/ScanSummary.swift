// The end-of-run summary: per bucket, objects and bytes, statuses, objects with
// findings, occurrence counts by category and findings by severity; then totals and
// throughput. Bucket-level figures live here, not in the result lines.

import Foundation
import TrawlDetectors
import TrawlFindings

public struct BucketStats: Sendable {
    public var objects = 0
    public var bytes: Int64 = 0
    public var bytesClassified: Int64 = 0
    public var complete = 0
    public var partial = 0
    public var skipped = 0
    public var withFindings = 0
    public var occurrencesByCategory: [DataCategory: Int] = [:]
    public var findingsBySeverity: [SeverityLevel: Int] = [:]

    mutating func add(_ r: ClassificationResult) {
        objects += 1
        bytes += r.size
        bytesClassified += r.sizeClassified
        switch r.status.code {
        case .complete: complete += 1
        case .partial: partial += 1
        case .skipped: skipped += 1
        }
        if r.hasSensitiveData { withFindings += 1 }
        for item in r.sensitiveData { occurrencesByCategory[item.category, default: 0] += item.totalCount }
        let custom = r.customDetections.reduce(0) { $0 + $1.count }
        if custom > 0 { occurrencesByCategory[.customIdentifier, default: 0] += custom }
        if let s = r.severity { findingsBySeverity[s, default: 0] += 1 }
    }

    mutating func merge(_ o: BucketStats) {
        objects += o.objects
        bytes += o.bytes
        bytesClassified += o.bytesClassified
        complete += o.complete
        partial += o.partial
        skipped += o.skipped
        withFindings += o.withFindings
        for (k, v) in o.occurrencesByCategory { occurrencesByCategory[k, default: 0] += v }
        for (k, v) in o.findingsBySeverity { findingsBySeverity[k, default: 0] += v }
    }
}

public struct ScanSummary: Sendable {
    /// Keyed by bucket name; "(no bucket)" for files directly under the root.
    public private(set) var buckets: [String: BucketStats] = [:]
    public private(set) var highestSeverity: SeverityLevel?
    public var elapsedSeconds: Double = 0

    public static let noBucket = "(no bucket)"

    public init() {}

    public mutating func add(_ r: ClassificationResult) {
        buckets[r.bucket ?? Self.noBucket, default: BucketStats()].add(r)
        if let s = r.severity { highestSeverity = max(highestSeverity ?? s, s) }
    }

    public var total: BucketStats {
        buckets.values.reduce(into: BucketStats()) { $0.merge($1) }
    }

    /// The table and closing lines, for a terminal.
    public func render(notes: [String]) -> String {
        let header = ["bucket", "objects", "bytes", "complete", "partial", "skipped", "with findings",
                      "credentials", "financial", "personal", "custom", "high", "medium", "low"]
        func row(_ name: String, _ s: BucketStats) -> [String] {
            [name, "\(s.objects)", ByteFormat.human(s.bytes), "\(s.complete)", "\(s.partial)", "\(s.skipped)",
             "\(s.withFindings)",
             "\(s.occurrencesByCategory[.credentials] ?? 0)", "\(s.occurrencesByCategory[.financialInformation] ?? 0)",
             "\(s.occurrencesByCategory[.personalInformation] ?? 0)", "\(s.occurrencesByCategory[.customIdentifier] ?? 0)",
             "\(s.findingsBySeverity[.high] ?? 0)", "\(s.findingsBySeverity[.medium] ?? 0)",
             "\(s.findingsBySeverity[.low] ?? 0)"]
        }
        var rows = [header]
        for name in buckets.keys.sorted() { rows.append(row(name, buckets[name]!)) }
        let t = total
        rows.append(row("TOTAL", t))
        var widths = Array(repeating: 0, count: header.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        var out = ""
        for (n, r) in rows.enumerated() {
            if n == rows.count - 1 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
            out += r.enumerated().map { i, c in
                i == 0 ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                       : String(repeating: " ", count: widths[i] - c.count) + c
            }.joined(separator: "  ") + "\n"
        }
        out += "(credentials, financial, personal, custom: occurrences; high, medium, low: objects with a finding of that severity)\n"
        let secs = max(elapsedSeconds, 0.000_001)
        out += String(format: "Scanned %d objects, %@ (%@ of text classified) in %.2f s: %.1f MB/s, %.0f objects/s.\n",
                      t.objects, ByteFormat.human(t.bytes), ByteFormat.human(t.bytesClassified), secs,
                      Double(t.bytes) / secs / 1e6, Double(t.objects) / secs)
        for note in notes { out += note + "\n" }
        return out
    }
}
