// One managed data identifier as its Detectors/*.yml file describes it (see DESIGN.md,
// "Detector files"). Field names are Macie's API vocabulary.

public struct DetectorDefinition: Sendable, Equatable {
    /// Macie managed data identifier ID, e.g. CREDIT_CARD_NUMBER.
    public var id: String
    public var name: String
    public var category: DataCategory
    /// PCRE2 pattern; the whole match is the sensitive value.
    public var regex: String
    /// Named checksum or structure check (see `Validators`), applied to the matched bytes.
    public var validator: String?
    /// Named table that maps one match to one of several reported IDs (the IBAN family).
    public var typeTable: String?
    public var keywords: [String]
    public var keywordRequired: Bool
    /// A value starting with one of these needs no keyword (Macie: a phone number with
    /// its country code is reported without one).
    public var keywordOptionalPrefixes: [String]
    /// Characters between keyword and value (Macie: 30 for managed identifiers).
    public var maximumMatchDistance: Int
    /// A match containing one of these (case-sensitive) is dropped.
    public var ignoreWords: [String]
    /// Published test values: never reported. Compared on letters and digits only.
    public var denyValues: [String]
    public var severity: SeverityTable
    /// In Macie's RECOMMENDED set.
    public var recommended: Bool
    /// This identifier reports the matches of another one that have no keyword nearby
    /// (CREDIT_CARD_NUMBER_(NO_KEYWORD) is the variant of CREDIT_CARD_NUMBER): it takes
    /// that identifier's pattern, validator, keywords and deny values.
    public var variantOf: String?
    /// Where the regex can match at all (see Prefilter.swift); nil: everywhere.
    public var prefilter: PrefilterSpec?
    public var examples: [String]
    public var negativeExamples: [String]
    public var references: [String]
    /// Where it was loaded from, for error messages.
    public var sourceFile: String
    /// A custom data identifier: its keyword must precede the match, and the distance runs
    /// from the keyword's end to the match's end (Macie's rule for custom identifiers).
    public var keywordsBefore = false
    /// A user's regex: it runs under tighter PCRE2 limits and a time budget per object.
    public var isUserRegex = false

    public init(id: String, name: String, category: DataCategory, regex: String,
                validator: String? = nil, typeTable: String? = nil,
                keywords: [String] = [], keywordRequired: Bool = false, keywordOptionalPrefixes: [String] = [],
                maximumMatchDistance: Int = 30, ignoreWords: [String] = [],
                denyValues: [String] = [],
                severity: SeverityTable = SeverityTable(one: .medium, some: .high, many: .high),
                recommended: Bool = true, variantOf: String? = nil, prefilter: PrefilterSpec? = nil,
                examples: [String] = [], negativeExamples: [String] = [],
                references: [String] = [], sourceFile: String = "<memory>") {
        self.id = id
        self.name = name
        self.category = category
        self.regex = regex
        self.validator = validator
        self.typeTable = typeTable
        self.keywords = keywords
        self.keywordRequired = keywordRequired
        self.keywordOptionalPrefixes = keywordOptionalPrefixes
        self.maximumMatchDistance = maximumMatchDistance
        self.ignoreWords = ignoreWords
        self.denyValues = denyValues
        self.severity = severity
        self.recommended = recommended
        self.variantOf = variantOf
        self.prefilter = prefilter
        self.examples = examples
        self.negativeExamples = negativeExamples
        self.references = references
        self.sourceFile = sourceFile
    }
}

extension DetectorDefinition {
    /// The IDs this file reports: its own, or each of its type table's.
    public var reportedIDs: [String] {
        typeTable.flatMap { Validators.tables[$0]?.ids } ?? [id]
    }
}
