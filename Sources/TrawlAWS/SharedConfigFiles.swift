// The shared AWS config and credentials files (~/.aws/config, ~/.aws/credentials, or
// AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), in the SDKs' INI dialect: "[name]"
// sections in the credentials file, "[profile name]" (and "[default]") in the config file,
// "#" and ";" comments (inline ones after whitespace), indented sub-properties. Written
// by hand because Foundation has no INI parser and the dialect is small. A missing file
// is not an error; a malformed line is, naming the file and the line.
import Foundation

public struct SharedConfigError: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var reason: String
    public var description: String { "\(file):\(line): \(reason)" }
}

public struct SharedConfigFiles: Sendable {
    /// Profile name -> settings (keys lower-cased; sub-properties as "parent.key").
    /// Where both files set a key of the same profile, the credentials file wins.
    public private(set) var profiles: [String: [String: String]] = [:]
    /// Where each profile was found ("file:line"), for messages.
    public private(set) var origins: [String: String] = [:]

    public init(profiles: [String: [String: String]] = [:]) {
        self.profiles = profiles
    }

    /// Loads the files the environment names, else ~/.aws/config and ~/.aws/credentials.
    public static func load(environment: [String: String]) throws -> SharedConfigFiles {
        let home = environment["HOME"] ?? NSHomeDirectory()
        func expand(_ p: String) -> String {
            p.hasPrefix("~/") ? home + String(p.dropFirst(1)) : p
        }
        let configPath = expand(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config")
        let credentialsPath = expand(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
        var files = SharedConfigFiles()
        if let text = try readIfPresent(configPath) {
            try files.merge(parse(text, file: configPath, isConfigFile: true))
        }
        if let text = try readIfPresent(credentialsPath) {
            try files.merge(parse(text, file: credentialsPath, isConfigFile: false))
        }
        return files
    }

    static func readIfPresent(_ path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SharedConfigError(file: path, line: 0, reason: "cannot be read")
        }
        return String(decoding: data, as: UTF8.self)
    }

    mutating func merge(_ other: SharedConfigFiles) {
        for (name, settings) in other.profiles {
            profiles[name, default: [:]].merge(settings) { _, new in new }
            if origins[name] == nil { origins[name] = other.origins[name] }
        }
    }

    /// Parses one file. In the config file only "[default]" and "[profile x]" sections are
    /// profiles (others, such as "[sso-session x]" or "[services x]", are skipped); in the
    /// credentials file every "[x]" is.
    public static func parse(_ text: String, file: String, isConfigFile: Bool) throws -> SharedConfigFiles {
        var result = SharedConfigFiles()
        var current: String?          // the profile being filled, nil inside a skipped section
        var inSection = false
        var lastKey: String?          // for indented sub-properties
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = String(rawLine)
            if line.hasSuffix("\r") { line.removeLast() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            let indented = line.first == " " || line.first == "\t"

            if trimmed.hasPrefix("[") {
                guard let close = trimmed.firstIndex(of: "]") else {
                    throw SharedConfigError(file: file, line: lineNumber, reason: "section header without ']'")
                }
                let rest = stripComment(String(trimmed[trimmed.index(after: close)...])).trimmingCharacters(in: .whitespaces)
                guard rest.isEmpty else {
                    throw SharedConfigError(file: file, line: lineNumber, reason: "text after the section header")
                }
                let name = trimmed[trimmed.index(after: trimmed.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else {
                    throw SharedConfigError(file: file, line: lineNumber, reason: "empty section name")
                }
                inSection = true
                lastKey = nil
                if isConfigFile {
                    let words = name.split(whereSeparator: { $0 == " " || $0 == "\t" })
                    if name == "default" {
                        current = "default"
                    } else if words.count == 2 && words[0] == "profile" {
                        current = String(words[1])
                    } else {
                        current = nil   // sso-session, services, or an unknown kind: not a profile
                    }
                } else {
                    current = name
                }
                if let current {
                    if result.profiles[current] == nil { result.profiles[current] = [:] }
                    if result.origins[current] == nil { result.origins[current] = "\(file):\(lineNumber)" }
                }
                continue
            }

            guard inSection else {
                throw SharedConfigError(file: file, line: lineNumber, reason: "setting outside any [section]")
            }
            guard let eq = trimmed.firstIndex(of: "=") else {
                throw SharedConfigError(file: file, line: lineNumber, reason: "expected 'name = value'")
            }
            let key = trimmed[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let value = stripComment(String(trimmed[trimmed.index(after: eq)...])).trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, !key.contains(where: { $0 == " " || $0 == "\t" }) else {
                throw SharedConfigError(file: file, line: lineNumber, reason: "expected 'name = value'")
            }
            if indented, let parent = lastKey {
                if let current { result.profiles[current]![parent + "." + key] = value }
                continue
            }
            lastKey = value.isEmpty ? key : nil
            if let current { result.profiles[current]![key] = value }
        }
        return result
    }

    /// Drops an inline comment: '#' or ';' preceded by whitespace.
    static func stripComment(_ value: String) -> String {
        var prev: Character = " "
        var idx = value.startIndex
        while idx < value.endIndex {
            let c = value[idx]
            if (c == "#" || c == ";") && (prev == " " || prev == "\t") && idx != value.startIndex {
                return String(value[..<idx])
            }
            prev = c
            idx = value.index(after: idx)
        }
        return value
    }

    public func profile(_ name: String) -> [String: String]? { profiles[name] }
}
