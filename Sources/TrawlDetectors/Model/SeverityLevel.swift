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
/// A custom data identifier's severity level: from `occurrences` on (Macie's
/// severityLevels: occurrencesThreshold + severity).
public struct SeverityThreshold: Sendable, Equatable {
    public var occurrences: Int
    public var level: SeverityLevel

    public init(occurrences: Int, level: SeverityLevel) {
        self.occurrences = occurrences
        self.level = level
    }
}

public struct SeverityTable: Sendable, Equatable {
    public var one: SeverityLevel
    public var some: SeverityLevel
    public var many: SeverityLevel
    /// A custom identifier's levels, ascending; they replace the managed table, and fewer
    /// occurrences than the lowest threshold give no finding (no level).
    public var thresholds: [SeverityThreshold]?

    public init(one: SeverityLevel, some: SeverityLevel, many: SeverityLevel) {
        self.one = one
        self.some = some
        self.many = many
    }

    public init(thresholds: [SeverityThreshold]) {
        self.init(one: .medium, some: .medium, many: .medium)
        self.thresholds = thresholds.sorted { $0.occurrences < $1.occurrences }
    }

    public func level(forCount count: Int) -> SeverityLevel? {
        if let thresholds {
            return thresholds.last { $0.occurrences <= count }?.level
        }
        switch count {
        case ..<1: return nil
        case 1: return one
        case 2...99: return some
        default: return many
        }
    }
}
