// The spool: findings not yet accepted by the hub, kept on disk as JSON lines so that a
// failed or interrupted publish loses nothing and a later `trawl publish --spool DIR`
// sends what is left. One file per batch, written (to a temporary name, synced, then
// renamed) before the batch is sent, and removed or rewritten with only the findings
// still refused once the hub answered: a crash at any point leaves every unaccepted
// finding in a complete file, and an accepted one is never sent again from the spool
// (re-sending would be harmless anyway: the same Id updates, never duplicates).

import Foundation
#if canImport(Glibc)
import Glibc
#endif

public struct SpoolBatch: Sendable, Hashable, Comparable {
    /// The file's name inside the spool directory.
    public let name: String

    public static func < (a: SpoolBatch, b: SpoolBatch) -> Bool { a.name < b.name }
}

public final class FindingSpool: @unchecked Sendable {
    public let directory: String
    private let lock = NSLock()
    private var sequence = 0
    private let runID: String

    public enum SpoolError: Error, CustomStringConvertible {
        case io(String, String)
        public var description: String {
            switch self {
            case let .io(path, why): "spool \(path): \(why)"
            }
        }
    }

    public init(directory: String) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SpoolError.io(directory, "cannot create the directory (\(error.localizedDescription))")
        }
        // Names sort by creation: time, then this run's sequence.
        let millis = Int64(Date().timeIntervalSince1970 * 1000)
        runID = String(format: "%013lld-%08x", millis, UInt32.random(in: 0...UInt32.max))
    }

    /// Store a batch before it is sent.
    public func store(_ findings: [[UInt8]]) throws -> SpoolBatch {
        let name: String = lock.withLock {
            sequence += 1
            return "batch-\(runID)-\(String(format: "%06d", sequence)).jsonl"
        }
        try write(findings, to: name)
        return SpoolBatch(name: name)
    }

    /// The hub answered for `batch`: keep only `remaining` (nothing: the file goes).
    public func settle(_ batch: SpoolBatch, keeping remaining: [[UInt8]]) throws {
        if remaining.isEmpty {
            if unlink(path(batch.name)) != 0 && errno != ENOENT {
                throw SpoolError.io(path(batch.name), String(cString: strerror(errno)))
            }
        } else {
            try write(remaining, to: batch.name)
        }
    }

    /// The batches left by earlier runs (or this one), oldest first.
    public func pending() throws -> [SpoolBatch] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw SpoolError.io(directory, "cannot list (\(error.localizedDescription))")
        }
        return names.filter { $0.hasPrefix("batch-") && $0.hasSuffix(".jsonl") }.sorted().map(SpoolBatch.init)
    }

    /// The findings of a stored batch, one JSON document each.
    public func load(_ batch: SpoolBatch) throws -> [[UInt8]] {
        guard let data = FileManager.default.contents(atPath: path(batch.name)) else {
            throw SpoolError.io(path(batch.name), "cannot read")
        }
        return data.split(separator: 0x0A).map { [UInt8]($0) }.filter { !$0.isEmpty }
    }

    /// Findings waiting in the spool.
    public func count() throws -> Int {
        try pending().reduce(0) { $0 + (try load($1).count) }
    }

    private func path(_ name: String) -> String { directory + "/" + name }

    private func write(_ findings: [[UInt8]], to name: String) throws {
        let final = path(name), temporary = path("." + name + ".tmp")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(findings.reduce(0) { $0 + $1.count + 1 })
        for f in findings {
            bytes += f
            bytes.append(0x0A)
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw SpoolError.io(temporary, String(cString: strerror(errno))) }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let why = String(cString: strerror(errno))
                close(fd)
                throw SpoolError.io(temporary, why)
            }
            written += n
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard synced, rename(temporary, final) == 0 else {
            throw SpoolError.io(final, String(cString: strerror(errno)))
        }
    }
}
