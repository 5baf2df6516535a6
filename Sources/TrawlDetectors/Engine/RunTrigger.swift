// A prefilter's `triggers`: short shapes of byte classes, one of which every run holding
// a match must contain, checked before the run is handed to PCRE2.
//
// A window run of a card number's class with 13 digits is mostly something else in logs
// ("62091 200 41444": a path id, a status, a size); the regex itself says a card is 13
// consecutive digits or a first group of four then a separator. Such a shape rejects a
// run in a few nanoseconds per byte, where a PCRE2 call that fails costs hundreds.
//
// Syntax, one string per alternative: a sequence of bracketed byte classes (the window
// syntax inside `[...]`, `[^...]` for the complement), each optionally repeated `{n}`
// times: `[0-9]{13}`, `[^0-9A-Za-z_][0-9]{4}[ -][0-9]`. A run [start, end) qualifies
// when one alternative occurs in it, its first class possibly matching the byte before
// the run (a look-behind's or `\b`'s neighbour; before the buffer's start, any byte).
//
// Matched with the bit-parallel shift-and algorithm over all alternatives at once (their
// total length is at most 64, one bit per position): written here, since no library
// on this machine offers a byte-class shift-and.

final class RunTrigger: @unchecked Sendable {
    /// For each byte, the positions (bits) whose class holds it. Immutable after init.
    private let table: UnsafeMutablePointer<UInt64>
    /// The first and last position of each alternative.
    private let starts: UInt64
    private let finals: UInt64
    /// Each alternative's classes (members by byte) and repeat counts, as written.
    let alternatives: [[(members: [Bool], repeats: Int)]]

    /// Parses the alternatives; the error message names the faulty one.
    init(_ alternatives: [String]) throws(ConfigurationError) {
        var classes: [[Bool]] = []
        var starts: UInt64 = 0, finals: UInt64 = 0
        var parsed: [[(members: [Bool], repeats: Int)]] = []
        for text in alternatives {
            let items = try Self.parse(text)
            guard !items.isEmpty else { throw Self.fail(text, "is empty") }
            parsed.append(items.map { (members: $0.0, repeats: $0.1) })
            let first = classes.count
            for (members, repeats) in items {
                for _ in 0..<repeats { classes.append(members) }
            }
            guard classes.count <= 64 else {
                throw Self.fail(text, "the alternatives together are longer than 64 bytes")
            }
            starts |= 1 << UInt64(first)
            finals |= 1 << UInt64(classes.count - 1)
        }
        guard !classes.isEmpty else { throw Self.fail("", "give at least one alternative") }
        table = .allocate(capacity: 256)
        for b in 0..<256 {
            var bits: UInt64 = 0
            for (i, members) in classes.enumerated() where members[b] { bits |= 1 << UInt64(i) }
            table[b] = bits
        }
        self.starts = starts
        self.finals = finals
        self.alternatives = parsed
    }

    deinit { table.deallocate() }

    /// Whether one alternative occurs in s[start..<end], its first byte possibly at
    /// `start - 1`.
    @inline(__always)
    func occurs(in s: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        // Before the buffer, the missing byte is taken to match every first class.
        var state: UInt64 = start == 0 ? starts : 0
        if state & finals != 0 { return true }
        var i = max(0, start - 1)
        while i < end {
            state = ((state << 1) | starts) & table[Int(s[i])]
            if state & finals != 0 { return true }
            i += 1
        }
        return false
    }

    private static func fail(_ text: String, _ why: String) -> ConfigurationError {
        ConfigurationError(file: "", line: nil, field: "prefilter.triggers", message: "'\(text)' \(why)")
    }

    /// `[class]{n}` items: each class's members and repeat count.
    private static func parse(_ text: String) throws(ConfigurationError) -> [([Bool], Int)] {
        let bytes = Array(text.utf8)
        var items: [([Bool], Int)] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "[") else {
                throw fail(text, "must be a sequence of bracketed classes, e.g. [0-9]{4}")
            }
            i += 1
            let negated = i < bytes.count && bytes[i] == UInt8(ascii: "^")
            if negated { i += 1 }
            // The class runs to the first ']' not escaped by a backslash.
            let open = i
            while i < bytes.count && bytes[i] != UInt8(ascii: "]") {
                i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard i < bytes.count else { throw fail(text, "has a '[' without its ']'") }
            let inner = String(decoding: bytes[open..<i], as: UTF8.self)
            i += 1
            var members: [Bool]
            do {
                members = try ByteClass(parsing: inner).members
            } catch {
                throw fail(text, "class [\(inner)] \(error.message)")
            }
            if negated { members = members.map { !$0 } }
            var repeats = 1
            if i < bytes.count && bytes[i] == UInt8(ascii: "{") {
                let digitsStart = i + 1
                var j = digitsStart
                while j < bytes.count && bytes[j] != UInt8(ascii: "}") { j += 1 }
                guard j < bytes.count, let n = Int(String(decoding: bytes[digitsStart..<j], as: UTF8.self)),
                      (1...64).contains(n) else {
                    throw fail(text, "needs a count from 1 to 64 in {n}")
                }
                repeats = n
                i = j + 1
            }
            items.append((members, repeats))
        }
        return items
    }
}
