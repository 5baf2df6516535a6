// Macie's keyword rule for structured data: in CSV, TSV and Excel a column's name,
// and in JSON, JSON Lines and Avro any name on a value's JSON path, counts as the
// keyword of a keyword-required identifier (DESIGN.md, "Keyword proximity"): a
// `cardNumber` column needs no "card number" beside each value.
//
// A name is split into words at '_', '-', '.', whitespace and camelCase humps
// (`SSNNumber` -> ssn, number), lower-cased; a keyword (its separators removed,
// lower-cased) matches when consecutive words of the name spell it: `employee_ssn`
// holds "ssn", `cardNumber` holds "card number", `MasterCard` holds "mastercard",
// while `ssnote` holds neither "ssn" nor "note". Names are few (one per column, one
// per distinct key), so the answer is computed once per name and cached by the caller.

public struct FieldNameKeywords: Sendable {
    /// The keyword-required detectors by keyword (separators removed, lower-cased), each
    /// list ascending. (A CSV whose first row holds data names its columns with values:
    /// every object brings new names, so a name's lookups are few, not one per detector.)
    private let detectorsByKeyword: [String: [Int]]
    /// The longest of those keywords, in UTF-8 bytes: no longer run of words can spell one.
    private let longestKeyword: Int

    /// `definitions`: the set's detectors' definitions, in the set's order. (A set builds
    /// its rule once: `DetectorSet.fieldNameKeywords`.)
    init(_ definitions: [DetectorDefinition]) {
        var byKeyword: [String: [Int]] = [:]
        byKeyword.reserveCapacity(definitions.reduce(0) { $0 + ($1.keywordRequired ? $1.keywords.count : 0) })
        for d in definitions.indices where definitions[d].keywordRequired {
            for keyword in Set(definitions[d].keywords.map(Self.squeezed)) where !keyword.isEmpty {
                byKeyword[keyword, default: []].append(d)
            }
        }
        detectorsByKeyword = byKeyword
        longestKeyword = byKeyword.keys.map(\.utf8.count).max() ?? 0
    }

    /// Whether any detector's keyword could be satisfied by a name.
    public var isEmpty: Bool { detectorsByKeyword.isEmpty }

    /// The detectors (indices into `DetectorSet.detectors`, ascending) whose keyword
    /// the name holds.
    public func detectors(forName name: String) -> [Int] {
        let words = Self.words(name)
        if words.isEmpty { return [] }
        // Every run of consecutive words, concatenated, looked up, up to the longest
        // keyword's length (every run of a long name, each hashed whole, made a JSON key
        // of 100 KB take minutes).
        var found: [Int] = []
        for i in words.indices {
            var joined = ""
            for j in i..<words.count {
                joined += words[j]
                if joined.utf8.count > longestKeyword { break }
                if let detectors = detectorsByKeyword[joined] { found += detectors }
            }
        }
        return Array(Set(found)).sorted()
    }

    /// A name's words: split at separators and camelCase humps, lower-cased.
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current: [Character] = []
        func flush() {
            if !current.isEmpty { words.append(String(current).lowercased()) }
            current.removeAll()
        }
        let chars = Array(name)
        for (i, c) in chars.enumerated() {
            if Self.isSeparator(c) {
                flush()
                continue
            }
            if c.isUppercase, let last = current.last {
                let nextIsLower = i + 1 < chars.count && chars[i + 1].isLowercase
                // "cardNumber": a capital after a lower-case letter or digit starts a word;
                // "SSNNumber": the last capital of a run before a lower-case letter does.
                if last.isLowercase || last.isNumber || (last.isUppercase && nextIsLower) { flush() }
            }
            current.append(c)
        }
        flush()
        return words
    }

    /// A keyword without its separators, lower-cased ("Card-Number" -> "cardnumber").
    /// ASCII keywords, most of the catalogue's, byte by byte: through Characters, the
    /// catalogue's keywords cost each worker about 3 ms before its first object.
    static func squeezed(_ keyword: String) -> String {
        if keyword.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(keyword.utf8.count)
            for b in keyword.utf8 where !isSeparatorByte(b) {
                bytes.append(b >= 65 && b <= 90 ? b + 32 : b)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(keyword.filter { !isSeparator($0) }).lowercased()
    }

    /// '_', '-', '.' or whitespace; ASCII answered without Unicode's property tables
    /// (looking them up for each character of the catalogue's keywords was 2% of a
    /// scan's start-up).
    @inline(__always)
    static func isSeparator(_ c: Character) -> Bool {
        if let a = c.asciiValue { return isSeparatorByte(a) }
        return c.isWhitespace
    }

    @inline(__always)
    static func isSeparatorByte(_ a: UInt8) -> Bool { a == 95 || a == 45 || a == 46 || a == 32 || (a >= 9 && a <= 13) }
}
