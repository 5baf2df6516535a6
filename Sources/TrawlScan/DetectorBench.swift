// `trawl detectors bench`: what each detector costs on the user's own data. Every
// object of a tree is classified as a scan would (one thread, so times add up), with the
// engine counting per detector its candidate windows, its PCRE2 calls and its time.

import Foundation
import TrawlDetectors
import TrawlStorage

public enum DetectorBench {
    public struct Report: Sendable {
        public var stats: DetectionEngine.Stats
        public var objects: Int
        /// Text bytes classified.
        public var bytes: Int64
        public var seconds: Double
    }

    public static func run(source: any ObjectSource, detectors: DetectorSet, limits: ObjectLimits = ObjectLimits()) throws -> Report {
        let scanner = ObjectScanner(source: source, set: detectors, limits: limits, chunkSize: 256 << 10, parts: 1)
        let stats = DetectionEngine.Stats(detectors: detectors.detectors.count)
        scanner.textScanner.engine.stats = stats
        let started = Date()
        var objects = 0
        var bytes: Int64 = 0
        for ref in try source.makeIterator() {
            let result = scanner.classify(ref)
            objects += 1
            bytes += result.sizeClassified
        }
        return Report(stats: stats, objects: objects, bytes: bytes, seconds: Date().timeIntervalSince(started))
    }
}
