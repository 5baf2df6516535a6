// The --config file (trawl.yml, DESIGN.md), in Macie's API vocabulary. This version
// reads the managed identifier selection, custom data identifiers, allow lists and the
// processing limits, and the scope. Every problem names the file and line.

import Foundation

public struct ScanConfiguration: Sendable, Equatable {
    /// Macie's managedDataIdentifierSelector.
    public enum Selector: String, Sendable, CaseIterable {
        case all = "ALL", recommended = "RECOMMENDED", none = "NONE", include = "INCLUDE", exclude = "EXCLUDE"
    }

    public var file: String
    public var selector: Selector?
    /// managedDataIdentifierIds, with the line of each for error messages.
    public var identifierIds: [String]
    var identifierIdsLine: Int?

    /// The `limits:` section: bounds on what one object may cost (each nil = the default).
    public struct Limits: Sendable, Equatable {
        /// Containers nested in containers (Macie: 10).
        public var archiveNestingDepth: Int?
        /// Members extracted from one object (Macie: 1,000,000).
        public var archiveMembers: Int?
        /// Bytes extracted from one object in total (Macie: 10 GB).
        public var extractedBytes: Int?
        /// Bytes one member may expand to (Macie: 3 GB).
        public var memberBytes: Int?
        /// Extracted bytes per byte of the object (Trawl: 200, checked past 64 MiB).
        public var expansionRatio: Int?
        /// Size up to which PDF, Office, e-mail, Avro and 7-Zip objects are read whole.
        public var documentBytes: Int?
        /// JSON and Avro nesting (Macie: 256).
        public var jsonNestingDepth: Int?
        /// Seconds the custom identifiers' regexes may spend on one object (Trawl: 10).
        public var customRegexSeconds: Int?

        public init() {}
    }

    public var limits = Limits()
    /// customDataIdentifiers, in file order.
    public var customIdentifiers: [CustomIdentifierSpec] = []
    /// allowLists, in file order.
    public var allowLists: [AllowListSpec] = []

    /// The `scope:` section (the same as the scan's flags; flags add to it).
    public struct Scope: Sendable, Equatable {
        public var include: [String] = []
        public var exclude: [String] = []
        public var extensions: [String] = []
        public var minSize: Int?
        public var maxSize: Int?
        /// ISO 8601 dates or times, as written.
        public var modifiedAfter: String?
        public var modifiedBefore: String?
    }

    public var scope = Scope()

    public init(file: String = "<none>", selector: Selector? = nil, identifierIds: [String] = []) {
        self.file = file
        self.selector = selector
        self.identifierIds = identifierIds
    }

    /// Sections of trawl.yml this version does not read yet.
    static let laterSections: [String] = []

    public static func load(path: String) throws(ConfigurationError) -> ScanConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(file: path, line: nil, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: path, line: nil, message: "is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(ConfigurationError) -> ScanConfiguration {
        var fields = try YAMLFields.parse(text, file: file)
        for section in laterSections where fields.node(section) != nil {
            throw fields.error(section, "not supported by this version of trawl")
        }
        var config = ScanConfiguration(file: file)
        if let raw = try fields.string("managedDataIdentifierSelector") {
            guard let selector = Selector(rawValue: raw) else {
                throw fields.error("managedDataIdentifierSelector",
                                   "must be one of \(Selector.allCases.map(\.rawValue).joined(separator: ", ")), not '\(raw)'")
            }
            config.selector = selector
        }
        config.identifierIds = try fields.strings("managedDataIdentifierIds")
        config.identifierIdsLine = fields.lineOf("managedDataIdentifierIds")
        if var limits = try fields.mapping("limits") {
            let big = 1...(1 << 50)
            config.limits.archiveNestingDepth = try limits.int("archiveNestingDepth", in: 0...1_000)
            config.limits.archiveMembers = try limits.int("archiveMembers", in: 1...1_000_000_000)
            config.limits.extractedBytes = try limits.int("extractedBytes", in: big)
            config.limits.memberBytes = try limits.int("memberBytes", in: big)
            config.limits.expansionRatio = try limits.int("expansionRatio", in: 2...1_000_000)
            config.limits.documentBytes = try limits.int("documentBytes", in: 1...(1 << 40))
            config.limits.jsonNestingDepth = try limits.int("jsonNestingDepth", in: 1...100_000)
            config.limits.customRegexSeconds = try limits.int("customRegexSeconds", in: 1...86_400)
            try limits.rejectUnknownKeys()
        }
        if var scope = try fields.mapping("scope") {
            config.scope.include = try scope.strings("include")
            config.scope.exclude = try scope.strings("exclude")
            config.scope.extensions = try scope.strings("extensions")
            config.scope.minSize = try scope.int("minSize", in: 0...Int.max)
            config.scope.maxSize = try scope.int("maxSize", in: 0...Int.max)
            config.scope.modifiedAfter = try scope.string("modifiedAfter")
            config.scope.modifiedBefore = try scope.string("modifiedBefore")
            for key in ["modifiedAfter", "modifiedBefore"] {
                if let text = key == "modifiedAfter" ? config.scope.modifiedAfter : config.scope.modifiedBefore,
                   parseTime(text) == nil {
                    throw scope.error(key, "'\(text)' is not an ISO 8601 date (2024-01-31) or time (2024-01-31T12:00:00Z)")
                }
            }
            try scope.rejectUnknownKeys()
        }
        config.customIdentifiers = try parseCustomIdentifiers(&fields, file: file)
        config.allowLists = try parseAllowLists(&fields, file: file)
        try fields.rejectUnknownKeys()
        switch config.selector {
        case .include?, .exclude?:
            if config.identifierIds.isEmpty {
                throw fields.error("managedDataIdentifierSelector",
                                   "\(config.selector!.rawValue) needs managedDataIdentifierIds")
            }
        default:
            if !config.identifierIds.isEmpty {
                throw fields.error("managedDataIdentifierIds",
                                   "is only used with managedDataIdentifierSelector INCLUDE or EXCLUDE")
            }
        }
        return config
    }

    /// Seconds since 1970 of an ISO 8601 date (midnight UTC) or date-time.
    public static func parseTime(_ text: String) -> Double? {
        let full = ISO8601DateFormatter()
        if let d = full.date(from: text) { return d.timeIntervalSince1970 }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)?.timeIntervalSince1970
    }

    /// The selection this file asks for (ALL when it says nothing), checking every ID
    /// against the identifiers that exist.
    public func selection(knownIDs: Set<String>) throws(ConfigurationError) -> IdentifierSelection {
        for id in identifierIds where !knownIDs.contains(id) {
            throw ConfigurationError(file: file, line: identifierIdsLine, field: "managedDataIdentifierIds",
                                     message: "unknown identifier '\(id)' (see `trawl detectors list`)")
        }
        switch selector ?? .all {
        case .all: return IdentifierSelection(managed: .all)
        case .recommended: return IdentifierSelection(managed: .recommended)
        case .none: return IdentifierSelection(managed: .none)
        case .include: return IdentifierSelection(managed: .none, include: Set(identifierIds))
        case .exclude: return IdentifierSelection(managed: .all, exclude: Set(identifierIds))
        }
    }
}
