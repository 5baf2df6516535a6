// Macie's limits on a record occurrence's JSON path (macie2 `Record.jsonPath`): a name
// on the path longer than 240 characters loses characters from its beginning, and a
// path still longer than 250 characters loses elements from its beginning until it
// fits. Macie does not say how a shortened path is written; here the dropped elements
// are shown by JSONPath's descendant step, `$..b.c` being `c` in `b` somewhere below
// the root, which stays a true statement about where the value is. Characters are
// counted as Unicode scalars.
//
// The paths are those JSONReader and AvroReader write: `$`, then elements `.name`,
// `[3]` or `['name']` (with `\'` and `\\` escaped inside the quotes); a shortened name
// is written back the way JSONReader writes a member's (`isPlainName`,
// `appendQuotedSegment`). Written by hand: it is a few lines over that grammar, which no
// JSONPath library on this machine shares.
//
// The other half of Macie's rule, a path omitted when a name on it holds sensitive
// data, takes the detectors: FieldScanner checks the names `appendNames` lists.

public enum ReportedJSONPath {
    public static let maxNameCharacters = 240, maxPathCharacters = 250

    /// `path` within Macie's limits (unchanged when it already is).
    public static func reported(_ path: String) -> String {
        // No name can be longer than 240 characters in a path of at most 242 bytes.
        if path.utf8.count <= maxNameCharacters + 2 { return path }
        guard var elements = parse(Array(path.utf8)), !elements.isEmpty else { return path }
        for k in elements.indices {
            if case .name(let name) = elements[k], characters(name) > maxNameCharacters {
                elements[k] = .name(lastCharacters(name, maxNameCharacters))
            }
        }
        var rendered = elements.map(render)
        var total = 1 + rendered.reduce(0) { $0 + characters($1) }
        // Elements dropped from the front; `$..` then stands for them (a dotted name's own
        // dot is the step's second dot).
        var dropped = false
        func fits() -> Bool {
            total + (dropped ? (rendered[0].first == UInt8(ascii: ".") ? 1 : 2) : 0) <= maxPathCharacters
        }
        while !fits() && rendered.count > 1 {
            total -= characters(rendered.removeFirst())
            elements.removeFirst()
            dropped = true
        }
        // One element left and still too long (a name of quotes and backslashes, each
        // written with its escape): it loses more of its beginning.
        while !fits(), case .name(let name) = elements[0], !name.isEmpty {
            total -= characters(rendered[0])
            elements[0] = .name(lastCharacters(name, characters(name) - 1))
            rendered[0] = render(elements[0])
            total += characters(rendered[0])
        }
        let head = !dropped ? "$" : rendered[0].first == UInt8(ascii: ".") ? "$." : "$.."
        return head + String(decoding: rendered.joined(), as: UTF8.self)
    }

    /// The names on `path`, unescaped, each followed by a newline (array indices left
    /// out), appended to `out`: the text the detectors check before a path is reported
    /// (Macie omits `jsonPath` when a name on it holds sensitive data). False, and
    /// nothing appended, when `path` is not in the readers' grammar.
    public static func appendNames(of path: UnsafeRawBufferPointer, to out: inout PlainBuffer<UInt8>) -> Bool {
        guard let elements = parse(Array(path)) else { return false }
        for case .name(let name) in elements {
            name.withUnsafeBytes { out.append(contentsOf: $0) }
            out.append(0x0A)
        }
        return true
    }

    enum Element: Equatable {
        /// A name, unescaped (UTF-8).
        case name([UInt8])
        /// An array index, as written.
        case index([UInt8])
    }

    /// The elements of a path in the readers' grammar; nil for anything else.
    static func parse(_ bytes: [UInt8]) -> [Element]? {
        guard bytes.first == UInt8(ascii: "$") else { return nil }
        var elements: [Element] = []
        var i = 1
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "."):
                var j = i + 1
                while j < bytes.count && bytes[j] != UInt8(ascii: ".") && bytes[j] != UInt8(ascii: "[") { j += 1 }
                elements.append(.name(Array(bytes[(i + 1)..<j])))
                i = j
            case UInt8(ascii: "[") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "'"):
                var name: [UInt8] = []
                var j = i + 2
                while j < bytes.count && bytes[j] != UInt8(ascii: "'") {
                    if bytes[j] == UInt8(ascii: "\\") { j += 1 }
                    if j < bytes.count { name.append(bytes[j]) }
                    j += 1
                }
                guard j + 1 < bytes.count, bytes[j + 1] == UInt8(ascii: "]") else { return nil }
                elements.append(.name(name))
                i = j + 2
            case UInt8(ascii: "["):
                var j = i + 1
                while j < bytes.count && bytes[j] >= UInt8(ascii: "0") && bytes[j] <= UInt8(ascii: "9") { j += 1 }
                guard j > i + 1, j < bytes.count, bytes[j] == UInt8(ascii: "]") else { return nil }
                elements.append(.index(Array(bytes[(i + 1)..<j])))
                i = j + 1
            default:
                return nil
            }
        }
        return elements
    }

    /// An element as JSONReader writes it.
    static func render(_ element: Element) -> [UInt8] {
        switch element {
        case .index(let digits):
            return [UInt8(ascii: "[")] + digits + [UInt8(ascii: "]")]
        case .name(let name):
            return name.withUnsafeBytes { bytes in
                if JSONReader.isPlainName(bytes) { return [UInt8(ascii: ".")] + name }
                var quoted = PlainBuffer<UInt8>(capacity: name.count + 8)
                JSONReader.appendQuotedSegment(bytes, to: &quoted)
                return Array(quoted.bytes)
            }
        }
    }

    /// The characters of UTF-8 text: its bytes that do not continue a character.
    static func characters(_ utf8: [UInt8]) -> Int { utf8.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }

    /// The last `count` characters of `utf8`.
    static func lastCharacters(_ utf8: [UInt8], _ count: Int) -> [UInt8] {
        var start = utf8.count, kept = 0
        while start > 0 && kept < count {
            start -= 1
            if utf8[start] & 0xC0 != 0x80 { kept += 1 }
        }
        return Array(utf8[start...])
    }
}
