// Checksum and structure checks run on a candidate's bytes after the regex matched.
// A validator is one pure function over the matched bytes (ASCII; separators such as
// spaces and dashes may be present and are the function's to skip). Adding one is one
// file with the function plus one line in its group's registry (Registry+<Group>.swift).

public typealias ValidatorFunction = @Sendable (UnsafeRawBufferPointer) -> Bool

public struct Validator: Sendable {
    public let name: String
    public let check: ValidatorFunction

    public init(name: String, check: @escaping ValidatorFunction) {
        self.name = name
        self.check = check
    }
}

/// A table that both validates a match and says which of several identifiers it is
/// (an IBAN's country code picks GERMANY_BANK_ACCOUNT_NUMBER, FRANCE_..., ...).
public struct TypeTable: Sendable {
    public let name: String
    /// Every identifier ID this table can report, in a fixed order.
    public let ids: [String]
    /// Index into `ids` for a valid match, nil when the match is not valid.
    public let resolve: @Sendable (UnsafeRawBufferPointer) -> Int?

    public init(name: String, ids: [String], resolve: @escaping @Sendable (UnsafeRawBufferPointer) -> Int?) {
        self.name = name
        self.ids = ids
        self.resolve = resolve
    }
}

public enum Validators {
    /// Every named validator a detector file may reference.
    public static let all: [String: Validator] = {
        let list = core + financial + health + personalDocuments + personalNational + taxpayer
        return Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { first, second in
            preconditionFailure("two validators are named \(first.name)")
        })
    }()

    /// Every named type table a detector file may reference.
    public static let tables: [String: TypeTable] = {
        let list = coreTables + financialTables + healthTables + personalDocumentsTables
            + personalNationalTables + taxpayerTables
        return Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { first, second in
            preconditionFailure("two type tables are named \(first.name)")
        })
    }()

    /// Convenience for tests and tools: run a validator on a string.
    public static func check(_ name: String, _ value: String) -> Bool? {
        guard let v = all[name] else { return nil }
        var s = value
        return s.withUTF8 { v.check(UnsafeRawBufferPointer($0)) }
    }
}
