// The detectors of one run, compiled once and shared read-only by every worker:
// PCRE2 code, keyword matchers, deny lists, validators. Also the table of reported
// types (what a Match's typeIndex refers to): usually one per detector, several for a
// detector driven by a type table (the IBAN family reports per-country IDs).

public struct ReportedType: Sendable {
    public let id: String
    public let name: String
    public let category: DataCategory
    public let severity: SeverityTable
    /// Index of the first detector that produces it (several may: the IBAN table and the
    /// national BBAN forms both report FRANCE_BANK_ACCOUNT_NUMBER).
    public let detectorIndex: Int
}

/// Which managed identifiers run (Macie's managedDataIdentifierSelector).
public struct IdentifierSelection: Sendable {
    public enum Managed: String, Sendable, CaseIterable {
        case all = "ALL", recommended = "RECOMMENDED", none = "NONE"
    }
    public var managed: Managed
    /// Always run these (even outside RECOMMENDED or with NONE).
    public var include: Set<String>
    /// Never run these.
    public var exclude: Set<String>

    public init(managed: Managed = .all, include: Set<String> = [], exclude: Set<String> = []) {
        self.managed = managed
        self.include = include
        self.exclude = exclude
    }

    func enables(id: String, recommended: Bool) -> Bool {
        if exclude.contains(id) { return false }
        if include.contains(id) { return true }
        switch managed {
        case .all: return true
        case .recommended: return recommended
        case .none: return false
        }
    }
}

/// One detector ready to run; a class so the engine's hot loop holds one reference,
/// not a copy of every field.
public final class CompiledDetector: Sendable {
    public let definition: DetectorDefinition
    public let pattern: PCRE2Pattern
    let validator: ValidatorFunction?
    let typeTable: TypeTable?
    let keywords: LazyKeywordMatcher
    let denyList: DenyList
    let ignoreWords: [[UInt8]]
    /// Reported type for a plain detector (or the first of its table's types).
    let typeIndex: Int
    /// For a type table: the reported type index for each of the table's rows, -1 when disabled.
    let tableTypeIndices: [Int]
    /// Type reported for a match without a keyword (the NO_KEYWORD variant), -1 when none.
    let variantTypeIndex: Int
    /// Whether the base type itself is reported (false when only its variant is selected).
    let reportsBase: Bool
    let keywordRequired: Bool
    let keywordOptionalPrefixes: [[UInt8]]
    let maximumMatchDistance: Int
    /// A custom identifier: the keyword must come before the value.
    let keywordsBefore: Bool
    /// A user's regex: tighter PCRE2 limits and a time budget per object.
    let isUserRegex: Bool
    /// Candidate windows for the regex; nil: it runs over every byte.
    let prefilter: Prefilter?
    /// Only windows near a keyword can hold a reportable match: the keyword is required
    /// and no NO_KEYWORD variant takes the others.
    let gatedByKeywords: Bool
    /// The same, except that a value starting with one of `keywordOptionalPrefixes` (a
    /// phone number's country code) needs no keyword: only windows near a keyword or
    /// holding one of the prefixes can hold a reportable match.
    let gatedByKeywordsOrPrefixes: Bool

    init(definition: DetectorDefinition, pattern: PCRE2Pattern, validator: ValidatorFunction?,
         typeTable: TypeTable?, keywords: LazyKeywordMatcher, denyList: DenyList, ignoreWords: [[UInt8]],
         typeIndex: Int, tableTypeIndices: [Int], variantTypeIndex: Int, reportsBase: Bool,
         prefilter: Prefilter?) {
        self.definition = definition
        self.pattern = pattern
        self.validator = validator
        self.typeTable = typeTable
        self.keywords = keywords
        self.denyList = denyList
        self.ignoreWords = ignoreWords
        self.typeIndex = typeIndex
        self.tableTypeIndices = tableTypeIndices
        self.variantTypeIndex = variantTypeIndex
        self.reportsBase = reportsBase
        self.keywordRequired = definition.keywordRequired
        self.keywordOptionalPrefixes = definition.keywordOptionalPrefixes.map { Array($0.utf8) }
        self.maximumMatchDistance = definition.maximumMatchDistance
        self.keywordsBefore = definition.keywordsBefore
        self.isUserRegex = definition.isUserRegex
        self.prefilter = prefilter
        let needsKeyword = prefilter != nil && definition.keywordRequired && variantTypeIndex < 0 && !keywords.isEmpty
        self.gatedByKeywords = needsKeyword && definition.keywordOptionalPrefixes.isEmpty
        self.gatedByKeywordsOrPrefixes = needsKeyword && !definition.keywordOptionalPrefixes.isEmpty
    }
}

public final class DetectorSet: Sendable {
    public let detectors: [CompiledDetector]
    public let types: [ReportedType]
    /// The distinct byte classes the engine builds masks of (as byte ranges): the
    /// prefilter window classes, the digits and the triggers' classes (TriggerShape).
    let windowClasses: [[ClosedRange<UInt8>]]
    /// Index of the digit class in `windowClasses`.
    let digitClass: Int
    /// Per class: the pairs (a, b) of other classes whose members not in b are exactly
    /// its own, so its mask can be had from theirs when both are built (a trigger's
    /// `[ -]` is the card window `[0-9 -]` minus the digits).
    let differences: [[(a: Int, minus: Int)]]
    /// The keywords of every keyword-gated detector (with or without prefixes), found in
    /// one pass per buffer.
    let keywordIndex: KeywordIndex
    /// Where the keyword pass may skip word starts on a buffer with few digits (for the
    /// keywords of the owners they cover); nil when they cover none.
    let keywordZones: KeywordZones?
    /// The prefilters' literal anchors of three bytes or more, found in one pass per buffer.
    let anchorIndex: AnchorIndex
    /// Which detectors a structured field's name satisfies the keyword of (built here
    /// once, not by each worker before its first object).
    public let fieldNameKeywords: FieldNameKeywords
    /// Per window class: when two or more detectors that are not keyword-gated pick runs
    /// of it by digit count (the phone numbers), the loosest bounds among them; the
    /// engine then walks the class's runs once per buffer for all of them.
    let sharedRunBounds: [(minDigits: Int, shortest: Int)?]
    /// Per window class: the `keywordOptionalPrefixes` its detectors look for in their
    /// runs, found once per buffer for all of them (PrefixSet); and per detector, the bits
    /// of its own prefixes among its class's (all ones: not among them, it searches itself).
    let classPrefixes: [PrefixSet]
    let prefixMask: [UInt64]
    /// Per window class with shared runs: whether every detector sharing them is gated by
    /// its keywords or its prefixes (PrefixSet holding them all). The engine then finds
    /// only the runs near one of their keywords or holding a prefix, not every run.
    let sharedRunsGated: [Bool]
    /// Per window class: the detectors sharing its runs.
    let sharers: [[Int]]
    /// Per window class with shared runs: its sharers' prefilters, one per distinct
    /// (bounds, trigger), those without a trigger first. A run none of them qualifies
    /// and is triggered for is dropped when the runs are found, before each sharer
    /// looks at it: on CSV whose rows hold a phone keyword ("phone-in"), the date near
    /// every keyword has the eight digits the loosest phone detector (Italy's) asks for
    /// but not its trigger, and each of the eight sharers went over it.
    let sharedRunTakers: [[Prefilter]]
    /// Per detector: its bit among the sharers of its window class when that class's
    /// keyword regions are kept per class (`sharedRunsGated`, at most 64 sharers), else 0
    /// (then its own regions are kept too).
    let sharerBit: [UInt64]
    /// Per keyword k of `keywordIndex`, at keywordClassReach[keywordClassReachStart[k] ..<
    /// keywordClassReachStart[k + 1]] (flat: read per keyword occurrence): the classes
    /// keeping regions per class among whose sharers it has owners, each with the longest
    /// of those owners' distances and their bits. An occurrence's region grows with the distance, so the union of its owners'
    /// regions in a class is the region of that distance: the keyword pass adds it once,
    /// marked with the owners, instead of once per owner (eight phone identifiers share
    /// "phone": on CSV, eight regions per row, and the class's cover set eight times).
    /// A sharer's run is then searched when it reaches a region holding its bit; a
    /// region may reach further than the sharer's own distance, or be merged with others'
    /// (a wider gate, not a different result: a match still needs its keyword within
    /// the distance, DetectionEngine.verdict).
    let keywordClassReach: [(windowClass: Int, chars: Int, owners: UInt64)]
    let keywordClassReachStart: [Int]
    /// Per keyword k, at keywordOwnRegions[keywordOwnRegionsStart[k] ..<
    /// keywordOwnRegionsStart[k + 1]]: its owners whose regions are kept per detector (the
    /// others are in `keywordClassReach`).
    let keywordOwnRegions: [Int]
    let keywordOwnRegionsStart: [Int]

    /// Values never reported (the config's allow lists); nil when there are none.
    public let allowList: AllowList?

    /// `definitions` are the managed ones (picked by `selection`) and the custom ones
    /// (category CUSTOM_IDENTIFIER: always run).
    public init(_ definitions: [DetectorDefinition], selection: IdentifierSelection = IdentifierSelection(),
                allowList: AllowList? = nil)
        throws(ConfigurationError) {
        self.allowList = allowList.flatMap { $0.isEmpty ? nil : $0 }
        // Variants: base id -> variant definition.
        var variants: [String: DetectorDefinition] = [:]
        for d in definitions { if let base = d.variantOf { variants[base] = d } }

        var compiled: [CompiledDetector] = []
        var types: [ReportedType] = []
        var classes: [[ClosedRange<UInt8>]] = []
        func classIndex(_ ranges: [ClosedRange<UInt8>]) -> Int {
            if let i = classes.firstIndex(of: ranges) { return i }
            classes.append(ranges)
            return classes.count - 1
        }
        // One reported type per ID, however many detectors report it.
        var typeIndexByID: [String: Int] = [:]
        func reportedType(_ id: String, _ name: String, _ category: DataCategory, _ severity: SeverityTable,
                          _ detector: Int) -> Int {
            if let existing = typeIndexByID[id] { return existing }
            typeIndexByID[id] = types.count
            types.append(ReportedType(id: id, name: name, category: category, severity: severity,
                                      detectorIndex: detector))
            return types.count - 1
        }
        // Which detectors the selection enables, then their regexes (compiled by the
        // loader already, for the catalogue's).
        struct Enabled {
            let d: DetectorDefinition
            let table: TypeTable?
            let variant: DetectorDefinition?
            let variantOn: Bool, baseOn: Bool
            let tableIndices: [Int]
        }
        var enabled: [Enabled] = []
        for d in definitions where d.variantOf == nil {
            let table = d.typeTable.flatMap { Validators.tables[$0] }
            let variant = variants[d.id]
            let variantOn = variant.map { selection.enables(id: $0.id, recommended: $0.recommended) } ?? false
            let baseOn: Bool
            var tableIndices: [Int] = []
            if let table {
                tableIndices = table.ids.map { selection.enables(id: $0, recommended: d.recommended) ? 0 : -1 }
                baseOn = tableIndices.contains(0) || selection.include.contains(d.id)
                if selection.include.contains(d.id) && !selection.exclude.contains(d.id) {
                    tableIndices = tableIndices.map { _ in 0 }
                }
            } else {
                baseOn = d.category == .customIdentifier || selection.enables(id: d.id, recommended: d.recommended)
            }
            if !baseOn && !variantOn { continue }
            enabled.append(Enabled(d: d, table: table, variant: variant, variantOn: variantOn, baseOn: baseOn,
                                   tableIndices: tableIndices))
        }
        let built = Self.patterns(enabled.map(\.d))
        for (e, compiledPattern) in zip(enabled, built) {
            let d = e.d, table = e.table, variant = e.variant, variantOn = e.variantOn, baseOn = e.baseOn
            var tableIndices = e.tableIndices
            let pattern: PCRE2Pattern
            switch compiledPattern {
            case .success(let p): pattern = p
            case .failure(let error):
                throw ConfigurationError(file: d.sourceFile, line: nil, field: "regex", message: "does not compile: \(error)")
            }
            var prefilter: Prefilter?
            if let spec = d.prefilter {
                do {
                    let cls = try ByteClass(parsing: spec.window)
                    prefilter = try Prefilter(spec, window: cls, classIndex: classIndex)
                } catch {
                    throw ConfigurationError(file: d.sourceFile, line: nil, field: error.field ?? "prefilter",
                                             message: error.message)
                }
            }
            let index = compiled.count
            var typeIndex = -1
            if let table {
                for (row, id) in table.ids.enumerated() where tableIndices[row] == 0 {
                    tableIndices[row] = reportedType(id, id, d.category, d.severity, index)
                }
                typeIndex = tableIndices.first(where: { $0 >= 0 }) ?? -1
            } else if baseOn {
                typeIndex = reportedType(d.id, d.name, d.category, d.severity, index)
            }
            var variantIndex = -1
            if let variant, variantOn {
                variantIndex = reportedType(variant.id, variant.name, variant.category, variant.severity, index)
            }
            compiled.append(CompiledDetector(
                definition: d, pattern: pattern,
                validator: d.validator.flatMap { Validators.all[$0]?.check },
                typeTable: table,
                keywords: LazyKeywordMatcher(d.keywords),
                denyList: DenyList(d.denyValues + (variant?.denyValues ?? [])),
                ignoreWords: d.ignoreWords.map { Array($0.utf8) },
                typeIndex: typeIndex, tableTypeIndices: tableIndices,
                variantTypeIndex: variantIndex, reportsBase: baseOn,
                prefilter: prefilter))
        }
        self.detectors = compiled
        self.types = types
        self.digitClass = classIndex([UInt8(ascii: "0")...UInt8(ascii: "9")])
        self.windowClasses = classes
        self.differences = Self.differences(of: classes)
        var bounds = [(minDigits: Int, shortest: Int)?](repeating: nil, count: classes.count)
        var users = [Int](repeating: 0, count: classes.count)
        for d in compiled where !d.gatedByKeywords {
            guard let p = d.prefilter, p.picksRunsByDigits else { continue }
            let c = p.windowClass
            users[c] += 1
            let mine = (minDigits: p.minDigits, shortest: max(p.minLength, p.minDigits))
            bounds[c] = bounds[c].map { (min($0.minDigits, mine.minDigits), min($0.shortest, mine.shortest)) } ?? mine
        }
        self.sharedRunBounds = bounds.indices.map { users[$0] >= 2 ? bounds[$0] : nil }
        // The distinct prefixes of each class's prefix-gated detectors (at most 64 per class:
        // beyond that a detector looks for its own), and each detector's bits among them.
        var prefixes = [[[UInt8]]](repeating: [], count: classes.count)
        var masks = [UInt64](repeating: 0, count: compiled.count)
        for (d, detector) in compiled.enumerated() where detector.gatedByKeywordsOrPrefixes {
            guard let c = detector.prefilter?.windowClass else { continue }
            for p in detector.keywordOptionalPrefixes {
                // An empty prefix lets every value through: the detector checks for itself.
                if p.isEmpty { masks[d] = ~0; break }
                if !prefixes[c].contains(p) && prefixes[c].count < 64 { prefixes[c].append(p) }
                if let k = prefixes[c].firstIndex(of: p) { masks[d] |= 1 << UInt64(k) } else { masks[d] = ~0; break }
            }
        }
        self.classPrefixes = prefixes.map(PrefixSet.init)
        self.prefixMask = masks
        var sharers = [[Int]](repeating: [], count: classes.count)
        for (d, detector) in compiled.enumerated() where !detector.gatedByKeywords {
            guard let p = detector.prefilter, p.picksRunsByDigits, users[p.windowClass] >= 2 else { continue }
            sharers[p.windowClass].append(d)
        }
        self.sharers = sharers
        self.sharedRunTakers = sharers.map { list in
            var takers: [Prefilter] = []
            for p in list.compactMap({ compiled[$0].prefilter }) {
                let same = takers.contains {
                    $0.minDigits == p.minDigits && $0.minLength == p.minLength && $0.trigger == nil && p.trigger == nil
                }
                if !same { takers.append(p) }
            }
            return takers.filter { $0.trigger == nil } + takers.filter { $0.trigger != nil }
        }
        let sharedRunsGated = sharers.map { list in
            !list.isEmpty && list.allSatisfy { compiled[$0].gatedByKeywordsOrPrefixes && masks[$0] != ~0 }
        }
        self.sharedRunsGated = sharedRunsGated
        let keywordOwners = compiled.indices.filter { compiled[$0].gatedByKeywords || compiled[$0].gatedByKeywordsOrPrefixes }
        // The owners keyword zones cover; the others' keywords are looked for everywhere.
        // (Gated detectors all have a prefilter; one without could not be zoned.)
        let zoned = keywordOwners.filter { d in
            compiled[d].prefilter.map { KeywordZones.covers(minDigits: $0.minDigits, minLength: $0.minLength) } ?? false
        }
        // The keyword and anchor indexes on one core, the field-name rule on the other.
        let unzoned = Set(keywordOwners).subtracting(zoned), all = compiled
        // Two sides of about the same cost (callgrind, the catalogue: the keyword index
        // 13.8M instructions; the field-name keywords 11.7M and the anchors 3.5M).
        let (keywordIndex, (anchorIndex, fieldNameKeywords)) = concurrently({
            KeywordIndex(gates: keywordOwners.map { ($0, all[$0].definition.keywords) }, unzoned: unzoned)
        }, {
            (AnchorIndex(detectors: all.map { d in
                d.prefilter.map { (anchors: $0.anchors, caseless: $0.anchorsCaseless) }
             }),
             FieldNameKeywords(all.map(\.definition)))
        })
        self.keywordIndex = keywordIndex
        self.anchorIndex = anchorIndex
        self.fieldNameKeywords = fieldNameKeywords
        // A class with more than 64 sharers still keeps their regions' union (its cover),
        // without bits: each of them then keeps its own regions too.
        var bits = [UInt64](repeating: 0, count: compiled.count)
        var keptByClass = [Bool](repeating: false, count: compiled.count)
        for c in classes.indices where sharedRunsGated[c] {
            for (i, d) in sharers[c].enumerated() {
                keptByClass[d] = true
                if sharers[c].count <= 64 { bits[d] = 1 << UInt64(i) }
            }
        }
        self.sharerBit = bits
        var reach = [[(windowClass: Int, chars: Int, owners: UInt64)]](repeating: [], count: self.keywordIndex.owners.count)
        var own = [[Int]](repeating: [], count: self.keywordIndex.owners.count)
        for (k, owners) in self.keywordIndex.owners.enumerated() {
            for d in owners.map(Int.init) {
                if bits[d] == 0 { own[k].append(d) }
                guard keptByClass[d], let c = compiled[d].prefilter?.windowClass else { continue }
                if let i = reach[k].firstIndex(where: { $0.windowClass == c }) {
                    reach[k][i].chars = max(reach[k][i].chars, compiled[d].maximumMatchDistance)
                    reach[k][i].owners |= bits[d]
                } else {
                    reach[k].append((c, compiled[d].maximumMatchDistance, bits[d]))
                }
            }
        }
        (self.keywordClassReach, self.keywordClassReachStart) = Self.flat(reach)
        (self.keywordOwnRegions, self.keywordOwnRegionsStart) = Self.flat(own)
        self.keywordZones = KeywordZones(owners: zoned.map { d in
            let p = compiled[d].prefilter!
            return (p.window, p.minDigits, p.minLength, compiled[d].maximumMatchDistance)
        }, longestKeyword: keywordIndex.longestKeyword)
    }

    /// `lists` one after the other, and where each starts (with the end last).
    private static func flat<T>(_ lists: [[T]]) -> (items: [T], starts: [Int]) {
        (lists.flatMap { $0 }, lists.reduce(into: [0]) { $0.append($0.last! + $1.count) })
    }

    /// For each class, the pairs of other classes it is the difference of.
    static func differences(of classes: [[ClosedRange<UInt8>]]) -> [[(a: Int, minus: Int)]] {
        // Members as 256 bits, so each test is four word operations; only the classes
        // holding c are paired with a second one (about 1.2M instructions for the
        // catalogue's 51 classes). Four words of a plain struct, not SIMD4<UInt64>, whose
        // generic metadata the runtime looked up on first use (about 0.4 ms of start-up).
        struct Members: Equatable {
            var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0
            mutating func insert(_ b: UInt8) {
                let bit: UInt64 = 1 << UInt64(b & 63)
                switch b >> 6 {
                case 0: w0 |= bit
                case 1: w1 |= bit
                case 2: w2 |= bit
                default: w3 |= bit
                }
            }
            /// Members of `self` not in `other`.
            func minus(_ other: Members) -> Members {
                Members(w0: w0 & ~other.w0, w1: w1 & ~other.w1, w2: w2 & ~other.w2, w3: w3 & ~other.w3)
            }
            var isEmpty: Bool { w0 | w1 | w2 | w3 == 0 }
        }
        let bits: [Members] = classes.map { ranges in
            var v = Members()
            for r in ranges { for b in r { v.insert(b) } }
            return v
        }
        return bits.indices.map { c in
            var pairs: [(a: Int, minus: Int)] = []
            for a in bits.indices where a != c && bits[c].minus(bits[a]).isEmpty {
                for b in bits.indices where b != c && b != a && bits[a].minus(bits[b]) == bits[c] { pairs.append((a, b)) }
            }
            return pairs
        }
    }

    /// Each definition's regex, in the order of `definitions`: the loader compiled the
    /// catalogue's already (PCRE2Pattern.shared), so most are taken from its cache; the
    /// JIT compile waits for a pattern's first match, and a keyword matcher for the
    /// detector's first match that needs it (LazyKeywordMatcher).
    private static func patterns(_ definitions: [DetectorDefinition]) -> [Result<PCRE2Pattern, PCRE2CompileError>] {
        definitions.map { d in
            do throws(PCRE2CompileError) {
                return .success(try PCRE2Pattern.shared(d.regex))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Every selectable identifier ID (including each ID a type table reports).
    public static func selectableIDs(_ definitions: [DetectorDefinition]) -> [String] {
        var seen = Set<String>()
        return definitions.flatMap(\.reportedIDs).filter { seen.insert($0).inserted }
    }
}
