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
    /// Objects that could not be read at all (permission, I/O, removed while listed).
    public var errors = 0
    /// The detection types found in the bucket.
    public var types: Set<String> = []

    public init() {}

    mutating func add(_ r: ClassificationResult) {
        objects += 1
        if r.status.code == .skipped,
           [.permissionDenied, .internalError, .objectRemoved].contains(r.status.reason) { errors += 1 }
        for item in r.sensitiveData { for d in item.detections { types.insert(d.type) } }
        for d in r.customDetections { types.insert(d.name ?? d.type) }
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
        errors += o.errors
        types.formUnion(o.types)
    }

    /// Objects whose content was classified, in whole or in part.
    public var analysed: Int { complete + partial }

    /// The bucket's sensitivity score, in Macie's bands (Macie publishes no formula; this
    /// is Trawl's, documented in the README):
    /// - -1: every object failed to be read (errors only);
    /// - 50: nothing analysed yet;
    /// - 1-49, no sensitive data: 1 + 48 x (share of objects not analysed), so a bucket
    ///   analysed in full and clean scores 1;
    /// - 51-99, sensitive data: 51 + 48 x (0.5 x sqrt(share of analysed objects with
    ///   findings) + 0.3 x highest severity (LOW 1/3, MEDIUM 2/3, HIGH 1) + 0.2 x
    ///   min(1, distinct types / 5)).
    public var sensitivityScore: Int {
        if objects == 0 { return 50 }
        if analysed == 0 { return errors == objects ? -1 : 50 }
        if withFindings == 0 {
            return 1 + Int((48 * (1 - Double(analysed) / Double(objects))).rounded())
        }
        let share = (Double(withFindings) / Double(analysed)).squareRoot()
        let severity: Double = findingsBySeverity[.high, default: 0] > 0 ? 1
            : findingsBySeverity[.medium, default: 0] > 0 ? 2.0 / 3 : findingsBySeverity[.low, default: 0] > 0 ? 1.0 / 3 : 0
        let variety = min(1, Double(types.count) / 5)
        let weight = min(1, 0.5 * share + 0.3 * severity + 0.2 * variety)
        return 51 + Int((48 * weight).rounded())
    }
}

public struct ScanSummary: Sendable {
    /// Keyed by bucket name; "(no bucket)" for files directly under the root.
    public private(set) var buckets: [String: BucketStats] = [:]
    public private(set) var highestSeverity: SeverityLevel?
    public var elapsedSeconds: Double = 0
    /// Objects an incremental scan took from its state (--state) without reading them, and their bytes.
    public private(set) var reused = 0
    public private(set) var reusedBytes: Int64 = 0

    public static let noBucket = "(no bucket)"

    public init() {}

    public mutating func add(_ r: ClassificationResult) {
        buckets[r.bucket ?? Self.noBucket, default: BucketStats()].add(r)
        if r.reused {
            reused += 1
            reusedBytes += r.size
        }
        if let s = r.severity { highestSeverity = max(highestSeverity ?? s, s) }
    }

    public var total: BucketStats {
        buckets.values.reduce(into: BucketStats()) { $0.merge($1) }
    }

    /// The table and closing lines, for a terminal.
    public func render(notes: [String]) -> String {
        let header = ["bucket", "score", "objects", "bytes", "complete", "partial", "skipped", "with findings",
                      "credentials", "financial", "personal", "custom", "high", "medium", "low"]
        func row(_ name: String, _ s: BucketStats, score: Bool = true) -> [String] {
            [name, score ? "\(s.sensitivityScore)" : "", "\(s.objects)", ByteFormat.human(s.bytes), "\(s.complete)",
             "\(s.partial)", "\(s.skipped)",
             "\(s.withFindings)",
             "\(s.occurrencesByCategory[.credentials] ?? 0)", "\(s.occurrencesByCategory[.financialInformation] ?? 0)",
             "\(s.occurrencesByCategory[.personalInformation] ?? 0)", "\(s.occurrencesByCategory[.customIdentifier] ?? 0)",
             "\(s.findingsBySeverity[.high] ?? 0)", "\(s.findingsBySeverity[.medium] ?? 0)",
             "\(s.findingsBySeverity[.low] ?? 0)"]
        }
        var rows = [header]
        for name in buckets.keys.sorted() { rows.append(row(name, buckets[name]!)) }
        let t = total
        rows.append(row("TOTAL", t, score: false))
        var widths = Array(repeating: 0, count: header.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        var out = ""
        for (n, r) in rows.enumerated() {
            if n == rows.count - 1 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
            out += r.enumerated().map { i, c in
                // (Not NSString's padding: its bridging and the runtime's first lookups of
                // its conformances were about 0.6 ms at the end of every scan.)
                i == 0 ? c + String(repeating: " ", count: widths[i] - c.count)
                       : String(repeating: " ", count: widths[i] - c.count) + c
            }.joined(separator: "  ") + "\n"
        }
        out += "(score: the bucket's sensitivity, -1 errors only, 1-49 not sensitive, 50 not analysed, 51-99 sensitive; "
            + "credentials, financial, personal, custom: occurrences; high, medium, low: objects with a finding of that severity)\n"
        let secs = max(elapsedSeconds, 0.000_001)
        if reused == 0 {
            out += "Scanned \(t.objects) objects, \(ByteFormat.human(t.bytes)) (\(ByteFormat.human(t.bytesClassified)) "
                + "of text classified) in \(ByteFormat.fixed(secs, digits: 2)) s: "
                + "\(ByteFormat.fixed(Double(t.bytes) / secs / 1e6, digits: 1)) MB/s, "
                + "\(ByteFormat.fixed(Double(t.objects) / secs, digits: 0)) objects/s.\n"
        } else {
            // Throughput counts only what was read: reused objects cost a lookup, not a read.
            let read = t.objects - reused, readBytes = t.bytes - reusedBytes
            out += "Reported \(t.objects) objects, \(ByteFormat.human(t.bytes)), in \(ByteFormat.fixed(secs, digits: 2)) s: "
                + "\(reused) reused from the state, \(read) read (\(ByteFormat.human(readBytes)): "
                + "\(ByteFormat.fixed(Double(readBytes) / secs / 1e6, digits: 1)) MB/s, "
                + "\(ByteFormat.fixed(Double(read) / secs, digits: 0)) objects/s).\n"
        }
        for note in notes { out += note + "\n" }
        return out
    }

    /// The same figures as JSON (--summary-json), one entry per bucket.
    public func json() -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        w.key("buckets")
        w.beginArray()
        for name in buckets.keys.sorted() {
            let b = buckets[name]!
            w.beginObject()
            w.member("bucket", name)
            w.member("sensitivityScore", b.sensitivityScore)
            w.member("objects", b.objects)
            w.member("objectsAnalysed", b.analysed)
            w.member("objectsWithFindings", b.withFindings)
            w.member("objectsWithErrors", b.errors)
            w.member("bytes", b.bytes)
            w.member("bytesClassified", b.bytesClassified)
            w.key("occurrencesByCategory")
            w.beginObject()
            for c in DataCategory.allCases { w.key(c.rawValue); w.int(b.occurrencesByCategory[c] ?? 0) }
            w.endObject()
            w.key("objectsBySeverity")
            w.beginObject()
            for l in SeverityLevel.allCases { w.key(l.rawValue); w.int(b.findingsBySeverity[l] ?? 0) }
            w.endObject()
            w.key("types")
            w.beginArray()
            for t in b.types.sorted() { w.string(t) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.member("objectsReused", reused)
        w.member("elapsedMilliseconds", Int((elapsedSeconds * 1000).rounded()))
        w.endObject()
        return w.bytes
    }
}
