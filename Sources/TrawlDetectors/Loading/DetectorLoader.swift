// Reads detector files (Detectors/*.yml, and --detectors DIR) into DetectorDefinitions.
// Everything that can be checked before a scan is checked here, with file and line:
// unknown fields, bad categories and severities, unknown validators, regexes that do
// not compile (with PCRE2's error offset), dangling `variantOf` references.

import Foundation
import Synchronization
import TrawlCatalog

public enum DetectorLoader {
    /// The managed identifiers shipped inside Trawl, then any files in `extraDirectories`
    /// (a file there with the same id replaces the shipped one).
    public static func load(extraDirectories: [String] = []) throws(ConfigurationError) -> [DetectorDefinition] {
        let parsed = installed.withLock { $0 } ?? loadInParallel(ManagedCatalog.files())
        if parsed.isEmpty {
            throw ConfigurationError(file: "<trawl>", line: nil,
                                     message: "the managed detector bundle (\(ManagedCatalog.bundleName)) was not found beside the trawl executable")
        }
        var byId: [String: DetectorDefinition] = [:]
        var order: [String] = []
        for loaded in parsed {
            let d = try loaded.result.get()
            if byId[d.id] != nil {
                throw ConfigurationError(file: loaded.path, line: 1, field: "id", message: "duplicate id \(d.id)")
            }
            byId[d.id] = d
            order.append(d.id)
        }
        for dir in extraDirectories {
            for path in try yamlFiles(in: dir) {
                let d = try loadFile(path)
                if byId[d.id] == nil { order.append(d.id) }
                byId[d.id] = d
            }
        }
        let all = order.map { byId[$0]! }
        try checkReferences(all)
        return all
    }

    /// Installs the shipped catalogue compiled into the binary when it was built (the
    /// trawl executable's CompiledManagedCatalog): each file's name and definition, in
    /// name order. `load` then takes them instead of parsing the YAML files, each with
    /// the path of its file in the bundle as its source, and its regex compiled on its
    /// first match, as the shipped files' are (`parse(shipped:)`). Later calls do
    /// nothing.
    public static func installCompiledManaged(_ compiled: [(name: String, definition: DetectorDefinition)]) {
        installed.withLock { files in
            if files != nil { return }
            let directory = ManagedCatalog.directoryPath() ?? "<trawl>/managed"
            files = compiled.map { file in
                var d = file.definition
                d.sourceFile = directory + "/" + file.name
                PCRE2Pattern.sharedDeferred(d.regex)
                return (d.sourceFile, .success(d))
            }
        }
    }

    private static let installed = Mutex<[(path: String, result: Result<DetectorDefinition, ConfigurationError>)]?>(nil)

    /// Every file parsed on all cores, the results in the order of `paths`: the shipped
    /// catalogue when no compiled one is installed (the tests, the benchmarks).
    static func loadInParallel(_ paths: [String]) -> [(path: String, result: Result<DetectorDefinition, ConfigurationError>)] {
        parallelMap(paths.count) { i in
            do throws(ConfigurationError) {
                return (paths[i], .success(try loadFile(paths[i], shipped: true)))
            } catch {
                return (paths[i], .failure(error))
            }
        }
    }

    public static func yamlFiles(in dir: String) throws(ConfigurationError) -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw ConfigurationError(file: dir, line: nil, message: "not a directory of detector files")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
            .map { (dir as NSString).appendingPathComponent($0) }
    }

    /// Whether `text` holds only spaces and tabs (what `trimmingCharacters(in:
    /// .whitespaces)` empties: category Zs and U+0009), without Foundation's bridging,
    /// which cost 4% of a scan's start-up over the catalogue's keywords.
    static func isBlank(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// `shipped`: a file of the managed catalogue, whose regex is known to compile
    /// (CatalogExamplesTests compiles every one): it is compiled on its first match, not
    /// here (PCRE2Pattern.sharedDeferred).
    public static func loadFile(_ path: String, shipped: Bool = false) throws(ConfigurationError) -> DetectorDefinition {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(file: path, line: nil, message: "cannot read the file as UTF-8 text")
        }
        return try parse(text, file: path, shipped: shipped)
    }

    public static func parse(_ text: String, file: String, shipped: Bool = false) throws(ConfigurationError) -> DetectorDefinition {
        var f = try YAMLFields.parse(text, file: file)
        let id = try f.requiredString("id")
        guard id.utf8.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 95 || $0 == 40 || $0 == 41 }) else {
            throw f.error("id", "must be upper-case letters, digits, '_' and parentheses like Macie's IDs")
        }
        let name = try f.string("name") ?? id
        let categoryText = try f.requiredString("category")
        guard let category = DataCategory(rawValue: categoryText), category != .customIdentifier else {
            throw f.error("category", "'\(categoryText)' is not one of FINANCIAL_INFORMATION, PERSONAL_INFORMATION, CREDENTIALS")
        }
        let regex = try f.requiredString("regex")
        let validator = try f.string("validator")
        if let validator, Validators.all[validator] == nil {
            throw f.error("validator", "unknown validator '\(validator)' (known: \(Validators.all.keys.sorted().joined(separator: ", ")))")
        }
        let typeTable = try f.string("typeTable")
        if let typeTable, Validators.tables[typeTable] == nil {
            throw f.error("typeTable", "unknown type table '\(typeTable)' (known: \(Validators.tables.keys.sorted().joined(separator: ", ")))")
        }
        let keywords = try f.strings("keywords")
        if let empty = keywords.firstIndex(where: isBlank) {
            throw f.error("keywords", "entry \(empty + 1) is empty")
        }
        let keywordRequired = try f.bool("keywordRequired") ?? false
        if keywordRequired && keywords.isEmpty {
            throw f.error("keywordRequired", "is true but no keywords are given")
        }
        let distance = try f.int("maximumMatchDistance", in: 1...300) ?? 30
        let severityList = try f.strings("severity")
        var severity = SeverityTable(one: .medium, some: .high, many: .high)
        if !severityList.isEmpty {
            guard severityList.count == 3 else {
                throw f.error("severity", "must list 3 labels: for 1, 2-99 and 100+ occurrences")
            }
            var levels: [SeverityLevel] = []
            for s in severityList {
                guard let l = SeverityLevel(rawValue: s) else {
                    throw f.error("severity", "'\(s)' is not LOW, MEDIUM or HIGH")
                }
                levels.append(l)
            }
            severity = SeverityTable(one: levels[0], some: levels[1], many: levels[2])
        }
        let definition = DetectorDefinition(
            id: id, name: name, category: category, regex: regex, validator: validator, typeTable: typeTable,
            keywords: keywords, keywordRequired: keywordRequired,
            keywordOptionalPrefixes: try f.strings("keywordOptionalPrefixes"), maximumMatchDistance: distance,
            ignoreWords: try f.strings("ignoreWords"), denyValues: try f.strings("denyValues"),
            severity: severity, recommended: try f.bool("recommended") ?? false,
            variantOf: try f.string("variantOf"), prefilter: try prefilter(&f),
            examples: try f.strings("examples"), negativeExamples: try f.strings("negativeExamples"),
            references: try f.strings("references"), sourceFile: file)
        try f.rejectUnknownKeys()
        if shipped {
            PCRE2Pattern.sharedDeferred(regex)
            return definition
        }
        do {
            // Compiled once per process: the detector set takes this code (PCRE2Pattern.shared).
            _ = try PCRE2Pattern.shared(regex)
        } catch {
            throw f.error("regex", "does not compile: \(error)")
        }
        return definition
    }

    /// The optional `prefilter:` mapping: window, anchors, minDigits, minLength, triggers,
    /// lookaheadToEnd.
    static func prefilter(_ f: inout YAMLFields) throws(ConfigurationError) -> PrefilterSpec? {
        guard var p = try f.mapping("prefilter") else { return nil }
        let window = try p.requiredString("window")
        let spec = PrefilterSpec(window: window, anchors: try p.strings("anchors"),
                                 anchorsCaseless: try p.bool("anchorsCaseless") ?? false,
                                 minDigits: try p.int("minDigits", in: 0...1000) ?? 0,
                                 minLength: try p.int("minLength", in: 1...100_000) ?? 1,
                                 triggers: try p.strings("triggers"),
                                 lookaheadToEnd: try p.bool("lookaheadToEnd") ?? false)
        try p.rejectUnknownKeys()
        let cls: ByteClass
        do {
            cls = try ByteClass(parsing: window)
        } catch {
            throw p.error("window", error.message)
        }
        for a in spec.anchors {
            let caseless = spec.anchorsCaseless
            guard !a.isEmpty, a.utf8.allSatisfy({ b in
                cls.contains(b) && (!caseless || (cls.contains(ASCII.lower(b)) && cls.contains(ASCII.upper(b))))
            }) else {
                throw p.error("anchors", "'\(a)' must be non-empty and made of window bytes (in both cases when caseless)")
            }
        }
        if spec.minDigits > 0 && !(48...57).allSatisfy({ cls.contains(UInt8($0)) }) {
            throw p.error("minDigits", "needs the digits 0-9 in the window")
        }
        if spec.anchors.isEmpty && spec.minDigits == 0 && spec.minLength <= 1 {
            throw p.error(nil, "give anchors, minDigits or minLength: a window alone filters nothing")
        }
        if !spec.triggers.isEmpty {
            do {
                _ = try RunTrigger(spec.triggers)
            } catch {
                throw p.error("triggers", error.message)
            }
        }
        return spec
    }

    static func checkReferences(_ all: [DetectorDefinition]) throws(ConfigurationError) {
        let ids = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for d in all {
            if let base = d.variantOf {
                guard let b = ids[base] else {
                    throw ConfigurationError(file: d.sourceFile, line: nil, field: "variantOf",
                                             message: "no detector has the id '\(base)'")
                }
                guard b.keywordRequired else {
                    throw ConfigurationError(file: d.sourceFile, line: nil, field: "variantOf",
                                             message: "'\(base)' does not require a keyword, so it has no matches without one to report")
                }
            }
        }
    }
}
