// The keyword index's lookups at a word start, remembered by the word's first eight bytes.
//
// Text repeats its words: a CSV column of "phone-in" (the phone identifiers' keyword, a
// quarter of the benchmark's rows), a log's field names. Each candidate word start costs
// the index's table lookups and a whole-word compare of each keyword listed (about 210
// instructions a lookup on the benchmark's CSV, callgrind). What they find depends only
// on the eight bytes at the word start when every compare they made read inside them
// (KeywordIndex.reach: up to a keyword's first differing byte, or for a match its length
// and the character after it), the byte before the word is ASCII (the whole-word check of
// the byte before then reads that byte alone: not a letter or digit, at a word start), and
// the eight bytes are in the buffer. Such an answer (at most four keywords) is kept per
// worker in a small direct-mapped table, with the filters' flags of the word start, and
// replayed for the next word start with the same bytes and flags. The pass reads the table
// through a raw pointer (`Table`): a reference to the cache held per word start cost a
// retain and a release each, 2% of a scan of the mixed tree.

final class KeywordLookupCache {
    /// One remembered answer: up to four keywords with their lengths, in the order the
    /// lookups reported them.
    struct Entry {
        var bytes: UInt64 = 0
        var flags: UInt8 = 0
        /// How many keywords; `empty` when the slot holds no answer.
        var count: UInt8 = Entry.empty
        var lengths: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        var keywords: (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
        static let empty: UInt8 = 0xFF

        /// An answer being recorded, with no keyword yet.
        static var none: Entry {
            var e = Entry()
            e.count = 0
            return e
        }

        /// Whether the answer can be kept: at most four keywords were added.
        var isKept: Bool { count != Entry.empty }

        /// Adds keyword `k` of `length` bytes; past the room, the answer can no longer be
        /// kept.
        @inline(__always)
        mutating func add(_ k: Int, length: Int) {
            switch count {
            case 0: keywords.0 = Int32(k); lengths.0 = UInt8(truncatingIfNeeded: length)
            case 1: keywords.1 = Int32(k); lengths.1 = UInt8(truncatingIfNeeded: length)
            case 2: keywords.2 = Int32(k); lengths.2 = UInt8(truncatingIfNeeded: length)
            case 3: keywords.3 = Int32(k); lengths.3 = UInt8(truncatingIfNeeded: length)
            default:
                count = Entry.empty
                return
            }
            count += 1
        }
    }

    static let slots = 128

    /// The slots, and a count of the answers replayed (for the tests), as the pass uses
    /// them: a plain pointer, valid while the cache lives.
    struct Table {
        let entries: UnsafeMutablePointer<Entry>
        let replays: UnsafeMutablePointer<Int>

        @inline(__always)
        private static func slot(_ bytes: UInt64, _ flags: UInt8) -> Int {
            Int(truncatingIfNeeded: ((bytes ^ UInt64(flags)) &* 0x9E37_79B9_7F4A_7C15) >> 57)
        }

        /// Calls `body(keyword, start, end)` for the answer kept for these bytes and flags
        /// at `p`, in its order; false, having called nothing, when none is kept.
        @inline(__always)
        func replay(_ bytes: UInt64, _ flags: UInt8, at p: Int, _ body: (Int, Int, Int) -> Void) -> Bool {
            let e = entries[Self.slot(bytes, flags)]
            guard e.count != Entry.empty, e.bytes == bytes, e.flags == flags else { return false }
            replays.pointee += 1
            if e.count > 0 { body(Int(e.keywords.0), p, p + Int(e.lengths.0)) }
            if e.count > 1 { body(Int(e.keywords.1), p, p + Int(e.lengths.1)) }
            if e.count > 2 { body(Int(e.keywords.2), p, p + Int(e.lengths.2)) }
            if e.count > 3 { body(Int(e.keywords.3), p, p + Int(e.lengths.3)) }
            return true
        }

        /// Keeps `answer` (its keywords and lengths) for these bytes and flags.
        func keep(_ bytes: UInt64, _ flags: UInt8, _ answer: Entry) {
            var e = answer
            e.bytes = bytes
            e.flags = flags
            entries[Self.slot(bytes, flags)] = e
        }
    }

    let table: Table

    /// Answers replayed since this cache was made.
    var replays: Int { table.replays.pointee }

    init() {
        let entries = UnsafeMutablePointer<Entry>.allocate(capacity: Self.slots)
        entries.initialize(repeating: Entry(), count: Self.slots)
        let replays = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        replays.initialize(to: 0)
        table = Table(entries: entries, replays: replays)
    }

    deinit {
        table.entries.deallocate()
        table.replays.deallocate()
    }
}
