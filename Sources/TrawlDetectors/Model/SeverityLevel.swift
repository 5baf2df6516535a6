// Severity labels as Security Hub spells them (Severity.Label). Macie rates a sensitive
// data finding per detection type by how many occurrences it has: 1, 2-99, 100 or more;
// the highest label over all types wins.

public enum SeverityLevel: String, Sendable, CaseIterable, Codable, Comparable {
    case low = "LOW"
    case medium = "MEDIUM"
    case high = "HIGH"

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        }
    }

    public static func < (a: SeverityLevel, b: SeverityLevel) -> Bool { a.rank < b.rank }
}

/// Macie's severity table for one managed identifier: the label for 1, 2-99 and 100+ occurrences.
public struct SeverityTable: Sendable, Equatable {
    public var one: SeverityLevel
    public var some: SeverityLevel
    public var many: SeverityLevel

    public init(one: SeverityLevel, some: SeverityLevel, many: SeverityLevel) {
        self.one = one
        self.some = some
        self.many = many
    }

    public func level(forCount count: Int) -> SeverityLevel? {
        switch count {
        case ..<1: nil
        case 1: one
        case 2...99: some
        default: many
        }
    }
}
