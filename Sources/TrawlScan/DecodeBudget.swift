// What the decoding of one object may still extract, against ObjectLimits, and the first
// problem met inside it. Containers (gzip, archives, compressed streams, documents)
// charge every byte they extract here; a bound crossed for the whole object (total
// bytes, expansion ratio, member count) stops all further extraction, a bound for one
// member (its size) stops that member. What was read before stays classified, and
// the object ends PARTIAL with Macie's reason for the first problem.

import TrawlFindings
import TrawlFormats

final class ByteCounter {
    var bytes: Int64 = 0
}

/// Counts the bytes read through it.
struct CountingByteSource<Upstream: ByteSource>: ByteSource {
    var upstream: Upstream
    let counter = ByteCounter()

    init(_ upstream: Upstream) { self.upstream = upstream }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try upstream.read(into: buffer)
        counter.bytes += Int64(n)
        return n
    }
}

/// Any byte source behind one concrete type: nested decoders would otherwise nest
/// generic types one level per container.
struct AnyByteSource: ByteSource {
    var base: any ByteSource

    init(_ base: some ByteSource) { self.base = base }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try base.read(into: buffer)
    }
}

final class DecodeBudget {
    let limits: ObjectLimits
    /// Bytes read from the object itself (for the expansion ratio).
    let rawBytes: ByteCounter
    /// Bytes extracted by all containers so far.
    private(set) var expanded: Int64 = 0
    /// Members extracted so far.
    var members = 0
    /// The first problem met inside the object.
    private(set) var problem: ObjectStatus?
    /// A bound of the whole object was crossed: nothing more is extracted.
    private(set) var exhausted = false

    init(limits: ObjectLimits, rawBytes: ByteCounter) {
        self.limits = limits
        self.rawBytes = rawBytes
    }

    func note(_ reason: StatusReason, _ detail: String) {
        if problem == nil { problem = ObjectStatus(code: .partial, reason: reason, detail: detail) }
    }

    /// A bound of the whole object was crossed.
    func exhaust(_ reason: StatusReason, _ detail: String) {
        note(reason, detail)
        exhausted = true
    }

    /// What happened to a member, as the container's problem: a member in a format
    /// Trawl does not read makes the archive "contain unprocessed files", as in Macie.
    func noteMember(_ path: String, _ status: ObjectStatus) {
        guard status.code != .complete else { return }
        let reason = status.reason == .unsupportedFileType ? .archiveContainsUnprocessedFiles
            : status.reason ?? .internalError
        note(reason, "\(path): \(status.detail ?? reason.rawValue)")
    }

    /// Charge `n` extracted bytes; false when a bound of the object is crossed.
    func charge(_ n: Int) -> Bool {
        expanded += Int64(n)
        if expanded > Int64(limits.maxExpandedBytes) {
            exhaust(.archiveTotalBytesExtractedOverLimit,
                    "more than \(limits.maxExpandedBytes) bytes extracted; what was extracted before was classified")
            return false
        }
        if expanded > limits.ratioFloor && expanded > limits.maxExpansionRatio * max(rawBytes.bytes, 1) {
            exhaust(.archiveTotalBytesExtractedOverLimit,
                    "expands more than \(limits.maxExpansionRatio) times its size; what was extracted before was classified")
            return false
        }
        return true
    }

    /// The object's status: the decoder's own when it was not COMPLETE, else the first
    /// problem met inside (PARTIAL, or SKIPPED when nothing could be classified).
    func status(for outcome: ObjectStatus, classified: Bool) -> ObjectStatus {
        if outcome.code != .complete { return outcome }
        guard var problem else { return outcome }
        if !classified { problem.code = .skipped }
        return problem
    }
}

/// A decompressed stream charged to the object's budget and bounded per member: past a
/// bound it ends (returns 0), so the decoder above classifies what it got.
struct ExpansionLimiter<Upstream: ByteSource>: ByteSource {
    var upstream: Upstream
    let budget: DecodeBudget
    let label: String
    private var delivered: Int64 = 0

    init(_ upstream: Upstream, budget: DecodeBudget, label: String) {
        self.upstream = upstream
        self.budget = budget
        self.label = label
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if budget.exhausted { return 0 }
        let room = budget.limits.maxMemberBytes - delivered
        if room <= 0 {
            budget.note(.fileExceedsSizeLimit,
                        "\(label) is larger than \(budget.limits.maxMemberBytes) bytes; its first bytes were classified")
            return 0
        }
        let want = Int(min(Int64(buffer.count), room))
        let n = try upstream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<want]))
        delivered += Int64(n)
        return budget.charge(n) ? n : 0
    }
}
