// trawl.yml's customDataIdentifiers and allowLists, with Macie's semantics and limits
// (CreateCustomDataIdentifier, CreateAllowList): a regex of at most 512 characters
// without backreferences or recursion, up to 50 keywords of 3-90 characters, a maximum
// match distance of 1-300 (default 50), up to 10 ignore words of 4-90 characters, up to
// 3 severity levels with distinct thresholds; allow lists of exact values (a text file,
// one entry of 1-90 characters per line, at most 100,000) or a regex (full match). Every
// problem names the file, the line and the field.

import Foundation

extension ScanConfiguration {
    public struct CustomIdentifierSpec: Sendable, Equatable {
        public var name: String
        public var regex: String
        public var keywords: [String]
        public var maximumMatchDistance: Int
        public var ignoreWords: [String]
        public var severityLevels: [SeverityThreshold]
        public var line: Int?

        /// As a detector definition (its reported ID is its name).
        public func definition(file: String) -> DetectorDefinition {
            var d = DetectorDefinition(id: name, name: name, category: .customIdentifier, regex: regex,
                                       keywords: keywords, keywordRequired: !keywords.isEmpty,
                                       maximumMatchDistance: maximumMatchDistance, ignoreWords: ignoreWords,
                                       severity: SeverityTable(thresholds: severityLevels), recommended: false,
                                       sourceFile: file)
            d.keywordsBefore = true
            d.isUserRegex = true
            return d
        }
    }

    public struct AllowListSpec: Sendable, Equatable {
        public var name: String
        /// Exact values (from the list's file), or nil for a regex list.
        public var values: [String]?
        public var regex: String?
    }

    static let maxRegexLength = 512

    static func parseCustomIdentifiers(_ fields: inout YAMLFields, file: String) throws(ConfigurationError) -> [CustomIdentifierSpec] {
        var out: [CustomIdentifierSpec] = []
        var names = Set<String>()
        for node in try fields.sequence("customDataIdentifiers") {
            var f = try YAMLFields(node: node, file: file, what: "a custom data identifier")
            let name = try f.requiredString("name")
            guard (1...128).contains(name.count) else { throw f.error("name", "must be 1-128 characters") }
            guard names.insert(name).inserted else { throw f.error("name", "'\(name)' is defined twice") }
            let regex = try f.requiredString("regex")
            try validateUserRegex(regex, field: "regex", in: f)
            let keywords = try f.strings("keywords")
            guard keywords.count <= 50 else { throw f.error("keywords", "at most 50 keywords, not \(keywords.count)") }
            for k in keywords where !(3...90).contains(k.count) {
                throw f.error("keywords", "'\(k)' must be 3-90 characters")
            }
            let distance = try f.int("maximumMatchDistance", in: 1...300) ?? 50
            let ignoreWords = try f.strings("ignoreWords")
            guard ignoreWords.count <= 10 else { throw f.error("ignoreWords", "at most 10 ignore words, not \(ignoreWords.count)") }
            for w in ignoreWords where !(4...90).contains(w.count) {
                throw f.error("ignoreWords", "'\(w)' must be 4-90 characters")
            }
            var levels: [SeverityThreshold] = []
            let levelNodes = try f.sequence("severityLevels")
            guard levelNodes.count <= 3 else { throw f.error("severityLevels", "at most 3 levels, not \(levelNodes.count)") }
            for levelNode in levelNodes {
                var lf = try YAMLFields(node: levelNode, file: file, what: "a severity level")
                guard let threshold = try lf.int("occurrencesThreshold", in: 1...1_000_000_000) else {
                    throw lf.error("occurrencesThreshold", "is required")
                }
                let raw = try lf.requiredString("severity")
                guard let level = SeverityLevel(rawValue: raw) else {
                    throw lf.error("severity", "must be LOW, MEDIUM or HIGH, not '\(raw)'")
                }
                try lf.rejectUnknownKeys()
                if levels.contains(where: { $0.occurrences == threshold }) {
                    throw lf.error("occurrencesThreshold", "\(threshold) is given twice")
                }
                if levels.contains(where: { $0.level == level }) {
                    throw lf.error("severity", "\(raw) is given twice")
                }
                levels.append(SeverityThreshold(occurrences: threshold, level: level))
            }
            // Macie's default: MEDIUM from the first occurrence.
            if levels.isEmpty { levels = [SeverityThreshold(occurrences: 1, level: .medium)] }
            try f.rejectUnknownKeys()
            out.append(CustomIdentifierSpec(name: name, regex: regex, keywords: keywords, maximumMatchDistance: distance,
                                            ignoreWords: ignoreWords, severityLevels: levels, line: f.line))
        }
        return out
    }

    /// Macie's rules for a user's regex, and that PCRE2 compiles it.
    static func validateUserRegex(_ regex: String, field: String, in f: YAMLFields) throws(ConfigurationError) {
        guard !regex.isEmpty, regex.count <= maxRegexLength else {
            throw f.error(field, "must be 1-\(maxRegexLength) characters, not \(regex.count)")
        }
        let pattern: PCRE2Pattern
        do {
            pattern = try PCRE2Pattern(regex, jit: false)
        } catch {
            throw f.error(field, "does not compile: \(error)")
        }
        if pattern.hasBackreferences {
            throw f.error(field, "backreferences are not supported (as in Macie)")
        }
        for construct in ["(?R", "(?&", "(?P>", "(?+", "(?-1", "(?0", "(?1", "(?2", "(?3", "(?4", "(?5", "(?6", "(?7",
                          "(?8", "(?9", "\\g<", "\\g'"] where regex.contains(construct) {
            throw f.error(field, "recursion and subroutine calls (\(construct)) are not supported")
        }
    }

    static func parseAllowLists(_ fields: inout YAMLFields, file: String) throws(ConfigurationError) -> [AllowListSpec] {
        var out: [AllowListSpec] = []
        let directory = (file as NSString).deletingLastPathComponent
        for node in try fields.sequence("allowLists") {
            var f = try YAMLFields(node: node, file: file, what: "an allow list")
            let name = try f.requiredString("name")
            let listFile = try f.string("file")
            let regex = try f.string("regex")
            try f.rejectUnknownKeys()
            switch (listFile, regex) {
            case let (path?, nil):
                let full = path.hasPrefix("/") ? path : (directory.isEmpty ? path : directory + "/" + path)
                out.append(AllowListSpec(name: name, values: try readAllowList(full, field: "file", in: f), regex: nil))
            case let (nil, regex?):
                try validateUserRegex(regex, field: "regex", in: f)
                out.append(AllowListSpec(name: name, values: nil, regex: regex))
            default:
                throw f.error(nil, "allow list '\(name)' needs exactly one of file or regex")
            }
        }
        return out
    }

    /// One entry per line, 1-90 characters, at most 100,000; blank lines are skipped.
    static func readAllowList(_ path: String, field: String, in f: YAMLFields) throws(ConfigurationError) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw f.error(field, "cannot read the allow list \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: path, line: nil, message: "is not UTF-8 text")
        }
        var values: [String] = []
        // "\r\n" is one Character in Swift: split on either form of a line end.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (n, raw) in lines.enumerated() {
            let entry = String(raw)
            if DetectorLoader.isBlank(entry) { continue }
            guard entry.count <= 90 else {
                throw ConfigurationError(file: path, line: n + 1, message: "an allow list entry is 1-90 characters, not \(entry.count)")
            }
            values.append(entry)
            if values.count > 100_000 {
                throw ConfigurationError(file: path, line: n + 1, message: "an allow list holds at most 100,000 entries")
            }
        }
        return values
    }
}
