// Which encoding a text that is not UTF-8 is in, for the Japanese encodings DESIGN.md
// names: ISO-2022-JP is 7-bit and recognised by its escape sequences (JIS X 0208
// "ESC $ B" / "ESC $ @", JIS X 0212 "ESC $ ( D"); Shift_JIS and EUC-JP are told apart
// from Windows-1252 by uchardet (the charset detector Mozilla's universal detector
// became), on the object's first bytes. Anything else stays Windows-1252, as DESIGN.md asks.

import CUchardet
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum CharsetDetector {
    /// ISO-2022-JP's escape into a two-byte set, anywhere in the first bytes.
    static func hasISO2022JPEscape(_ b: UnsafeRawBufferPointer) -> Bool {
        guard b.count >= 3, let base = b.baseAddress else { return false }
        // ESC is rare in text: memchr to each one.
        var from = 0
        while from < b.count - 2, let hit = memchr(base + from, 0x1B, b.count - 2 - from) {
            let i = base.distance(to: UnsafeRawPointer(hit))
            let c = b[i + 2]
            if b[i + 1] == UInt8(ascii: "$") && (c == UInt8(ascii: "B") || c == UInt8(ascii: "@") || c == UInt8(ascii: "(")) {
                return true
            }
            from = i + 1
        }
        return false
    }

    /// The encoding of bytes that are not valid UTF-8.
    static func guessNonUTF8(_ b: UnsafeRawBufferPointer) -> TextEncoding {
        guard let detector = uchardet_new() else { return .windows1252 }
        defer { uchardet_delete(detector) }
        guard let base = b.baseAddress,
              uchardet_handle_data(detector, base.assumingMemoryBound(to: CChar.self), b.count) == 0 else {
            return .windows1252
        }
        uchardet_data_end(detector)
        let name = uchardet_get_charset(detector).map { String(cString: $0).uppercased() } ?? ""
        switch name {
        case "SHIFT_JIS", "SJIS", "CP932", "WINDOWS-31J": return .shiftJIS
        case "EUC-JP", "EUCJP": return .eucJP
        case "ISO-2022-JP": return .iso2022JP
        default: return .windows1252
        }
    }
}
