// GzipMemberHeader: the header of one gzip member (RFC 1952, 2.3), read from input
// that may arrive in pieces of any size.
//
// Written by hand: ISA-L (which inflates the members, GzipByteSource.swift) can parse
// the header itself, but 2.30 reads past the input it is given while skipping FNAME
// when the header comes in pieces: with 1-7 byte reads it took deflate data for the
// name, differently from run to run, and its `isal_read_gzip_header` dropped name
// bytes. So the header is read here and ISA-L gets the raw deflate data and checks
// the trailer. Checked as zlib does: magic, method 8, reserved flags clear, FHCRC.

import CIsal

struct GzipMemberHeader {
    /// Longest FNAME kept (longer names are cut).
    static let maxNameLength = 1024

    enum Progress: Equatable {
        /// All input given so far was header; more is needed.
        case needsInput
        /// The header ended; the input now points at the deflate data.
        case complete
        /// Not a valid gzip member header (the string says why).
        case invalid(String)
    }

    private enum Stage { case fixed, extraLength, extra, name, comment, headerCRC, done }
    private static let fixedLength = 10
    private static let flagHeaderCRC: UInt8 = 2, flagExtra: UInt8 = 4, flagName: UInt8 = 8, flagComment: UInt8 = 16

    private var stage = Stage.fixed
    /// The 10 fixed bytes, then XLEN's two.
    private var small: [UInt8] = []
    private var storedCRC: [UInt8] = []
    /// Whether header bytes still count towards the CRC (until the FHCRC field).
    private var crcOpen = true
    private var flags: UInt8 = 0
    private var extraLeft = 0
    private var crc: UInt32 = 0
    private let keepsName: Bool
    private var nameBytes: [UInt8] = []
    /// FNAME, once read (members read with `keepsName`); nil when the member has none.
    private(set) var name: String?

    init(keepsName: Bool) {
        self.keepsName = keepsName
        small.reserveCapacity(14)
    }

    /// Reads header bytes from `next`/`available`, advancing past those it used.
    mutating func consume(_ next: inout UnsafeMutablePointer<UInt8>, _ available: inout UInt32) -> Progress {
        let first = next
        let progress = read(&next, &available, first)
        // Every header byte before the stored CRC counts towards FHCRC.
        if crcOpen { crc = crc32_gzip_refl(crc, first, UInt64(next - first)) }
        return progress
    }

    private mutating func read(_ next: inout UnsafeMutablePointer<UInt8>, _ available: inout UInt32,
                               _ first: UnsafeMutablePointer<UInt8>) -> Progress {
        while available > 0 && stage != .done {
            let b = next.pointee
            switch stage {
            case .fixed:
                small.append(b)
                advance(&next, &available)
                // Judged byte by byte, so a few bytes of trailing garbage are called so
                // at once, not taken for a member cut short.
                switch small.count {
                case 1, 2:
                    guard b == (small.count == 1 ? 0x1F : 0x8B) else { return .invalid("incorrect header check") }
                case 3:
                    guard b == 8 else { return .invalid("unknown compression method") }
                case 4:
                    flags = b
                    guard flags & 0xE0 == 0 else { return .invalid("unknown header flags set") }
                case Self.fixedLength:
                    stage = flags & Self.flagExtra != 0 ? .extraLength : afterExtra
                default:
                    break
                }
            case .extraLength:
                small.append(b)
                advance(&next, &available)
                guard small.count == Self.fixedLength + 2 else { continue }
                extraLeft = Int(small[10]) | Int(small[11]) << 8
                stage = extraLeft > 0 ? .extra : afterExtra
            case .extra:
                let n = min(extraLeft, Int(available))
                next += n
                available -= UInt32(n)
                extraLeft -= n
                if extraLeft == 0 { stage = afterExtra }
            case .name:
                advance(&next, &available)
                if b == 0 {
                    if keepsName { name = Self.decode(nameBytes) }
                    stage = afterName
                } else if keepsName && nameBytes.count < Self.maxNameLength {
                    nameBytes.append(b)
                }
            case .comment:
                advance(&next, &available)
                if b == 0 { stage = afterComment }
            case .headerCRC:
                if crcOpen {
                    // The header ends here: fold in this call's bytes before the field.
                    crc = crc32_gzip_refl(crc, first, UInt64(next - first))
                    crcOpen = false
                }
                storedCRC.append(b)
                advance(&next, &available)
                guard storedCRC.count == 2 else { continue }
                guard crc & 0xFFFF == UInt32(storedCRC[0]) | UInt32(storedCRC[1]) << 8 else {
                    return .invalid("header crc mismatch")
                }
                stage = .done
            case .done:
                break
            }
        }
        return stage == .done ? .complete : .needsInput
    }

    private var afterExtra: Stage { flags & Self.flagName != 0 ? .name : afterName }
    private var afterName: Stage { flags & Self.flagComment != 0 ? .comment : afterComment }
    private var afterComment: Stage { flags & Self.flagHeaderCRC != 0 ? .headerCRC : .done }

    @inline(__always)
    private func advance(_ next: inout UnsafeMutablePointer<UInt8>, _ available: inout UInt32) {
        next += 1
        available -= 1
    }

    /// RFC 1952 says ISO-8859-1, but gzip(1) stores the file name's bytes as they are,
    /// which today is UTF-8: take UTF-8 when valid, else Latin-1.
    private static func decode(_ bytes: [UInt8]) -> String {
        if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
        return String(decoding: bytes.map { UInt16($0) }, as: UTF16.self)
    }
}
