// Checksum and structure checks run on a candidate's bytes after the regex matched.
// A validator is one pure function over the matched bytes (ASCII; separators such as
// spaces and dashes may be present and are the function's to skip). Adding one is one
// file with the function plus one line in `Validators.all`.

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
        let list: [Validator] = [
            Validator(name: "luhn", check: Luhn.isValid),
            Validator(name: "iban", check: IBAN.isValid),
            Validator(name: "ssn", check: USSocialSecurityNumber.isValid),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
    }()

    /// Every named type table a detector file may reference.
    public static let tables: [String: TypeTable] = [
        "iban": IBAN.typeTable,
    ]

    /// Convenience for tests and tools: run a validator on a string.
    public static func check(_ name: String, _ value: String) -> Bool? {
        guard let v = all[name] else { return nil }
        var s = value
        return s.withUTF8 { v.check(UnsafeRawBufferPointer($0)) }
    }
}
