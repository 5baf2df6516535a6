// Shared by the taxpayer validators (Registry+Taxpayer.swift): the significant characters
// of a matched value, with the separators the taxpayer patterns allow (space, '-', '.',
// '/': NationalNumbers.isSeparator) dropped, copied into a fixed buffer on the stack.
// Unlike NationalNumbers.withCompacted, letters keep their case, "Ñ" (UTF-8 C3 91, in
// Mexican RFCs) is kept as one character, 0xD1 (its Latin-1 code), and any other byte
// rejects the value. The digit helpers are NationalNumbers'. No allocation.

struct TaxpayerCharacters {
    /// The longest value any taxpayer format has (a CNPJ: 14 characters), with room.
    static let capacity = 24
    /// The character "Ñ" as stored.
    static let enye: UInt8 = 0xD1

    private var storage: (UInt64, UInt64, UInt64) = (0, 0, 0)
    private(set) var count = 0

    /// Nil when the bytes hold anything but separators, ASCII letters and digits, '&'
    /// and "Ñ", or more than `capacity` characters.
    init?(_ bytes: UnsafeRawBufferPointer) {
        var i = 0
        let n = bytes.count
        while i < n {
            var b = bytes[i]
            i += 1
            if NationalNumbers.isSeparator(b) { continue }
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "&"):
                break
            case 0xC3 where i < n && bytes[i] == 0x91:
                b = Self.enye
                i += 1
            default:
                return nil
            }
            guard count < Self.capacity else { return nil }
            let index = count
            withUnsafeMutableBytes(of: &storage) { $0[index] = b }
            count += 1
        }
    }

    subscript(_ index: Int) -> UInt8 {
        withUnsafeBytes(of: storage) { $0[index] }
    }

    /// The digit at `index` (0...9), or nil when that character is not a digit.
    @inline(__always)
    func digit(_ index: Int) -> Int? {
        let b = self[index]
        return NationalNumbers.isDigit(b) ? Int(b &- 48) : nil
    }

    /// True when characters `from..<to` are all digits.
    func allDigits(_ from: Int, _ to: Int) -> Bool {
        withUnsafeBytes(of: storage) { NationalNumbers.allDigits($0[from..<to]) }
    }

    /// True when characters `from..<to` are all upper-case ASCII letters.
    func allUpper(_ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            if !NationalNumbers.isUpper(self[i]) { return false }
            i += 1
        }
        return true
    }

    /// The decimal value of the digits `from..<to` (call only after `allDigits`).
    func number(_ from: Int, _ to: Int) -> Int {
        withUnsafeBytes(of: storage) { NationalNumbers.value($0, from, to) }
    }

    /// True when every character is the same one ("111.111.111-11").
    var isOneRepeatedCharacter: Bool {
        var i = 1
        while i < count {
            if self[i] != self[0] { return false }
            i += 1
        }
        return true
    }
}
