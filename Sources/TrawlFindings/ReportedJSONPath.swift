// Macie's limits on a record occurrence's JSON path (macie2 `Record.jsonPath`): a name
// on the path longer than 240 characters loses characters from its beginning, and a
// path still longer than 250 characters loses elements from its beginning until it
// fits. Macie does not say how a shortened path is written; here the dropped elements
// are shown by JSONPath's descendant step, `$..b.c` being `c` in `b` somewhere below
// the root, which stays a true statement about where the value is. Characters are
// counted as Unicode scalars.
//
// The paths are those JSONReader and AvroReader write: `$`, then elements `.name`,
// `[3]` or `['name']` (with `\'` and `\\` escaped inside the quotes). Written by hand:
// it is a few lines over that grammar, which no JSONPath library on this machine shares.

public enum ReportedJSONPath {
    public static let maxNameCharacters = 240, maxPathCharacters = 250

    /// `path` within Macie's limits (unchanged when it already is).
    public static func reported(_ path: String) -> String {
        // No name can be longer than 240 characters in a path of at most 242 bytes.
        if path.utf8.count <= maxNameCharacters + 2 { return path }
        guard var elements = parse(Array(path.utf8)), !elements.isEmpty else { return path }
        for k in elements.indices {
            if case .name(let name) = elements[k], name.count > maxNameCharacters {
                elements[k] = .name(Array(name.suffix(maxNameCharacters)))
            }
        }
        var rendered = elements.map(render)
        var total = 1 + rendered.reduce(0) { $0 + characters($1) }
        // Elements dropped from the front; `$..` then stands for them (a dotted name's own
        // dot is the step's second dot).
        var dropped = false
        func fits() -> Bool {
            total + (dropped ? (rendered[0].hasPrefix(".") ? 1 : 2) : 0) <= maxPathCharacters
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
            elements[0] = .name(Array(name.dropFirst()))
            rendered[0] = render(elements[0])
            total += characters(rendered[0])
        }
        if !dropped { return "$" + rendered.joined() }
        return (rendered[0].hasPrefix(".") ? "$." : "$..") + rendered.joined()
    }

    enum Element: Equatable {
        /// A name, as its Unicode scalars.
        case name([Unicode.Scalar])
        /// An array index, as written.
        case index(String)
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
                elements.append(.name(Array(String(decoding: bytes[(i + 1)..<j], as: UTF8.self).unicodeScalars)))
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
                elements.append(.name(Array(String(decoding: name, as: UTF8.self).unicodeScalars)))
                i = j + 2
            case UInt8(ascii: "["):
                var j = i + 1
                while j < bytes.count && bytes[j] >= UInt8(ascii: "0") && bytes[j] <= UInt8(ascii: "9") { j += 1 }
                guard j > i + 1, j < bytes.count, bytes[j] == UInt8(ascii: "]") else { return nil }
                elements.append(.index(String(decoding: bytes[(i + 1)..<j], as: UTF8.self)))
                i = j + 1
            default:
                return nil
            }
        }
        return elements
    }

    /// An element as the readers write it: `.name` when the name is plain (not starting
    /// with a digit; ASCII letters, digits and '_', or any non-ASCII), else `['name']`.
    static func render(_ element: Element) -> String {
        switch element {
        case .index(let digits):
            return "[" + digits + "]"
        case .name(let scalars):
            var name = String.UnicodeScalarView()
            name.append(contentsOf: scalars)
            let plain = !scalars.isEmpty && !("0"..."9").contains(scalars[0]) && scalars.allSatisfy {
                !$0.isASCII || ("0"..."9").contains($0) || ("A"..."Z").contains($0) || ("a"..."z").contains($0)
                    || $0 == "_"
            }
            if plain { return "." + String(name) }
            var quoted = "['"
            for s in scalars {
                if s == "'" || s == "\\" { quoted.unicodeScalars.append("\\") }
                quoted.unicodeScalars.append(s)
            }
            return quoted + "']"
        }
    }

    static func characters(_ s: String) -> Int { s.unicodeScalars.count }
}
