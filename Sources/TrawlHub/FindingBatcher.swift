// Groups findings into BatchImportFindings requests within the API's limits: at most
// 100 findings per request, and no finding over 240 KB (Security Hub rejects it; it is
// reported by Id and never sent). A request body stays under a few MiB as a result.

public struct FindingBatcher: Sendable {
    /// Security Hub: "BatchImportFindings accepts up to 100 findings per request".
    public static let maxFindingsPerRequest = 100
    /// Security Hub: "the maximum allowed size for a finding is 240 KB".
    public static let maxFindingBytes = 240 * 1024

    public let maxFindings: Int
    private var pending: [[UInt8]] = []

    public init(maxFindings: Int = FindingBatcher.maxFindingsPerRequest) {
        self.maxFindings = min(max(1, maxFindings), Self.maxFindingsPerRequest)
        pending.reserveCapacity(self.maxFindings)
    }

    public enum Added: Sendable {
        /// Kept for the next batch.
        case queued
        /// The batch is full: send these.
        case batch([[UInt8]])
        /// Over the per-finding limit: never sent.
        case tooLarge
    }

    public mutating func add(_ finding: [UInt8]) -> Added {
        if finding.count > Self.maxFindingBytes { return .tooLarge }
        pending.append(finding)
        guard pending.count >= maxFindings else { return .queued }
        defer { pending.removeAll(keepingCapacity: true) }
        return .batch(pending)
    }

    /// What is left (nil when nothing).
    public mutating func flush() -> [[UInt8]]? {
        guard !pending.isEmpty else { return nil }
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }
}
