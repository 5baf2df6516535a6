// Typed, line-aware access to a YAML mapping (a YAMLNode tree), so that every problem in
// a detector or config file is reported with its file, line and field name. Unknown
// keys are errors: a misspelt field must not be silently ignored. Every scalar is a
// string; the typed accessors below read booleans and integers themselves, and each
// mapping's keys go into a Swift dictionary once.

public struct YAMLFields {
    public let file: String
    public let mapping: [(key: YAMLNode, value: YAMLNode)]
    public let line: Int?
    /// The mapping's values by key (YAMLNode.load refuses a duplicated key).
    private let fields: [String: YAMLNode]
    private var used: Set<String> = []

    /// Parse `text` and require a mapping at the top.
    public static func parse(_ text: String, file: String) throws(ConfigurationError) -> YAMLFields {
        let node: YAMLNode?
        do {
            node = try YAMLNode.load(text)
        } catch {
            throw ConfigurationError(file: file, line: error.line, message: error.message)
        }
        guard let node else { throw ConfigurationError(file: file, line: 1, message: "the file is empty") }
        return try YAMLFields(node: node, file: file, what: "the document")
    }

    public init(node: YAMLNode, file: String, what: String) throws(ConfigurationError) {
        guard let mapping = node.mapping else {
            throw ConfigurationError(file: file, line: node.line, message: "\(what) must be a mapping (key: value)")
        }
        self.file = file
        self.mapping = mapping
        self.line = node.line
        var fields: [String: YAMLNode] = [:]
        for (k, v) in mapping {
            if let name = k.string, fields[name] == nil { fields[name] = v }
        }
        self.fields = fields
    }

    public func node(_ key: String) -> YAMLNode? { fields[key] }

    public func lineOf(_ key: String) -> Int? { fields[key]?.line ?? line }

    public func error(_ key: String?, _ message: String) -> ConfigurationError {
        ConfigurationError(file: file, line: key.flatMap { lineOf($0) } ?? line, field: key, message: message)
    }

    public mutating func string(_ key: String, required: Bool = false) throws(ConfigurationError) -> String? {
        used.insert(key)
        guard let n = fields[key], !n.isNull else {
            if required { throw error(nil, "missing required field '\(key)'") }
            return nil
        }
        guard let s = n.string else { throw error(key, "must be a string") }
        return s
    }

    public mutating func requiredString(_ key: String) throws(ConfigurationError) -> String {
        guard let s = try string(key, required: true), !s.isEmpty else { throw error(key, "must not be empty") }
        return s
    }

    public mutating func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        used.insert(key)
        guard let n = fields[key], !n.isNull else { return nil }
        // YAML 1.1's booleans, unquoted (as Yams' default resolver read them).
        guard n.isPlainScalar, let text = n.string, let b = Self.booleans[text] else {
            throw error(key, "must be true or false")
        }
        return b
    }

    public mutating func int(_ key: String, in range: ClosedRange<Int>? = nil) throws(ConfigurationError) -> Int? {
        used.insert(key)
        guard let n = fields[key], !n.isNull else { return nil }
        guard let i = n.int else { throw error(key, "must be an integer") }
        if let range, !range.contains(i) {
            throw error(key, "must be between \(range.lowerBound) and \(range.upperBound), not \(i)")
        }
        return i
    }

    /// A list of strings; a single scalar is accepted as a one-element list.
    public mutating func strings(_ key: String) throws(ConfigurationError) -> [String] {
        used.insert(key)
        guard let n = fields[key], !n.isNull else { return [] }
        if let seq = n.sequence {
            var out: [String] = []
            for item in seq {
                guard let s = item.string else {
                    throw ConfigurationError(file: file, line: item.line, field: key,
                                             message: "every entry must be a string")
                }
                out.append(s)
            }
            return out
        }
        if let s = n.string { return [s] }
        throw error(key, "must be a list of strings")
    }

    /// A nested mapping, nil when absent.
    public mutating func mapping(_ key: String) throws(ConfigurationError) -> YAMLFields? {
        used.insert(key)
        guard let n = fields[key], !n.isNull else { return nil }
        return try YAMLFields(node: n, file: file, what: "'\(key)'")
    }

    /// A list of nodes (for lists of mappings).
    public mutating func sequence(_ key: String) throws(ConfigurationError) -> [YAMLNode] {
        used.insert(key)
        guard let n = fields[key], !n.isNull else { return [] }
        guard let seq = n.sequence else { throw error(key, "must be a list") }
        return seq
    }

    static let booleans: [String: Bool] = {
        var table: [String: Bool] = [:]
        for (words, value) in [(["true", "yes", "on"], true), (["false", "no", "off"], false)] {
            for w in words {
                table[w] = value
                table[w.capitalized] = value
                table[w.uppercased()] = value
            }
        }
        return table
    }()

    /// Fail on any key that was never asked for: it is a typo or an unsupported field.
    public func rejectUnknownKeys() throws(ConfigurationError) {
        for (k, _) in mapping {
            guard let name = k.string else { continue }
            if !used.contains(name) {
                throw ConfigurationError(file: file, line: k.line, field: name, message: "unknown field")
            }
        }
    }
}
