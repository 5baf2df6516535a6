// Writes objects into one bucket of a temporary tree and classifies each with the
// whole managed catalogue, as a scan would: the shared set-up of the format tests.

import Foundation
import TrawlDetectors
import TrawlFindings
import TrawlStorage
@testable import TrawlScan

enum ClassifyObjects {
    static let catalogue: DetectorSet = try! DetectorSet(try! DetectorLoader.load())

    /// `configure`: set up the scanner before the objects are classified.
    static func classify(_ objects: [String: [UInt8]], limits: ObjectLimits = ObjectLimits(),
                         configure: (ObjectScanner) -> Void = { _ in })
        throws -> [String: ClassificationResult] {
        let root = NSTemporaryDirectory() + "trawl-objects-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/b", withIntermediateDirectories: true)
        for (key, content) in objects { try Data(content).write(to: URL(fileURLWithPath: root + "/b/" + key)) }
        let source = LocalBucketSource(root: root)
        let scanner = ObjectScanner(source: source, set: catalogue, limits: limits, chunkSize: 64 << 10, parts: 1)
        configure(scanner)
        var out: [String: ClassificationResult] = [:]
        for ref in try source.makeIterator() { out[ref.key] = scanner.classify(ref) }
        return out
    }
}
