// Typed, line-aware access to a YAML mapping (Yams node tree), so that every problem in
// a detector or config file is reported with its file, line and field name. Unknown
// keys are errors: a misspelt field must not be silently ignored.
//
// Start-up cost: the catalogue is ~150 files read at every start. Yams' default
// resolver runs NSRegularExpression over every scalar to guess its tag, and looking a
// key up in a Node.Mapping resolves tags again; that was two fifths of a scan's
// start-up. Documents are composed with the basic resolver (every scalar is a string;
// the typed accessors below read booleans and integers themselves) and each mapping's
// keys go into a Swift dictionary once; the encoding is given (Yams reads it from the
// environment, rebuilt as a dictionary, at every parse otherwise).

import Yams

public struct YAMLFields {
    public let file: String
    public let mapping: Node.Mapping
    public let line: Int?
    /// The mapping's values by key (the first of a duplicated key: Yams refuses those).
    private let fields: [String: Node]
    private var used: Set<String> = []

    /// Parse `text` and require a mapping at the top.
    public static func parse(_ text: String, file: String) throws(ConfigurationError) -> YAMLFields {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw YAMLFields.locate(error, file: file)
        } catch {
            throw ConfigurationError(file: file, line: nil, message: "cannot parse YAML: \(error)")
        }
        guard let node else { throw ConfigurationError(file: file, line: 1, message: "the file is empty") }
        return try YAMLFields(node: node, file: file, what: "the document")
    }

    public init(node: Node, file: String, what: String) throws(ConfigurationError) {
        guard let mapping = node.mapping else {
            throw ConfigurationError(file: file, line: node.mark?.line, message: "\(what) must be a mapping (key: value)")
        }
        self.file = file
        self.mapping = mapping
        self.line = node.mark?.line ?? mapping.mark?.line
        var fields: [String: Node] = [:]
        for (k, v) in mapping {
            if let name = k.scalar?.string, fields[name] == nil { fields[name] = v }
        }
        self.fields = fields
    }

    static func locate(_ error: YamlError, file: String) -> ConfigurationError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ConfigurationError(file: file, line: mark.line, message: "YAML syntax: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return ConfigurationError(file: file, line: context.mark.line,
                                      message: "duplicated keys: \(duplicates.joined(separator: ", "))")
        default:
            return ConfigurationError(file: file, line: nil, message: "YAML: \(error)")
        }
    }

    public func node(_ key: String) -> Node? { fields[key] }

    public func lineOf(_ key: String) -> Int? { fields[key]?.mark?.line ?? line }

    public func error(_ key: String?, _ message: String) -> ConfigurationError {
        ConfigurationError(file: file, line: key.flatMap { lineOf($0) } ?? line, field: key, message: message)
    }

    public mutating func string(_ key: String, required: Bool = false) throws(ConfigurationError) -> String? {
        used.insert(key)
        guard let n = fields[key], n.null == nil else {
            if required { throw error(nil, "missing required field '\(key)'") }
            return nil
        }
        guard n.scalar != nil, let s = n.string else { throw error(key, "must be a string") }
        return s
    }

    public mutating func requiredString(_ key: String) throws(ConfigurationError) -> String {
        guard let s = try string(key, required: true), !s.isEmpty else { throw error(key, "must not be empty") }
        return s
    }

    public mutating func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        used.insert(key)
        guard let n = fields[key], n.null == nil else { return nil }
        // YAML 1.1's booleans, unquoted (as Yams' default resolver reads them).
        guard let scalar = n.scalar, scalar.style == .plain || scalar.style == .any,
              let b = Self.booleans[scalar.string] else { throw error(key, "must be true or false") }
        return b
    }

    public mutating func int(_ key: String, in range: ClosedRange<Int>? = nil) throws(ConfigurationError) -> Int? {
        used.insert(key)
        guard let n = fields[key], n.null == nil else { return nil }
        guard let i = n.int else { throw error(key, "must be an integer") }
        if let range, !range.contains(i) {
            throw error(key, "must be between \(range.lowerBound) and \(range.upperBound), not \(i)")
        }
        return i
    }

    /// A list of strings; a single scalar is accepted as a one-element list.
    public mutating func strings(_ key: String) throws(ConfigurationError) -> [String] {
        used.insert(key)
        guard let n = fields[key], n.null == nil else { return [] }
        if let seq = n.sequence {
            var out: [String] = []
            for item in seq {
                guard item.scalar != nil, let s = item.string else {
                    throw ConfigurationError(file: file, line: item.mark?.line ?? lineOf(key), field: key,
                                             message: "every entry must be a string")
                }
                out.append(s)
            }
            return out
        }
        if n.scalar != nil, let s = n.string { return [s] }
        throw error(key, "must be a list of strings")
    }

    /// A nested mapping, nil when absent.
    public mutating func mapping(_ key: String) throws(ConfigurationError) -> YAMLFields? {
        used.insert(key)
        guard let n = fields[key], n.null == nil else { return nil }
        return try YAMLFields(node: n, file: file, what: "'\(key)'")
    }

    /// A list of nodes (for lists of mappings).
    public mutating func sequence(_ key: String) throws(ConfigurationError) -> [Node] {
        used.insert(key)
        guard let n = fields[key], n.null == nil else { return [] }
        guard let seq = n.sequence else { throw error(key, "must be a list") }
        return Array(seq)
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
                throw ConfigurationError(file: file, line: k.mark?.line, field: name, message: "unknown field")
            }
        }
    }
}
