// The checksum of GitHub's and npm's prefixed tokens.
//
// GitHub, "Behind GitHub's new authentication token formats" (2021-04-05,
// https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/):
// a token is a prefix naming its kind (ghp_ personal access token, gho_ OAuth access
// token, ghu_ GitHub App user-to-server token, ghs_ GitHub App server-to-server token,
// ghr_ refresh token) and 36 base62 characters, "the last 6 of which are a 32-bit
// checksum" of the 30 random ones: their CRC-32 (ISO-HDLC, the CRC of zlib and
// Ethernet) written in base62 (digits 0-9, A-Z, a-z, most significant first) and
// left-padded with '0' to 6 characters. npm adopted the same format for its tokens
// ("Announcing npm's new access token format", 2021-09-23,
// https://github.blog/2021-09-23-announcing-npms-new-access-token-format/): npm_ and
// 36 characters, 30 random and the same 6-character checksum.
//
// Fine-grained personal access tokens (github_pat_, 22 characters, '_', 59 characters)
// have no published checksum: they pass on their structure alone, which the regex
// already checks.

public enum GitHubToken {
    /// The CRC-32 table (reflected polynomial 0xEDB88320).
    static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 (ISO-HDLC) of `bytes[from..<to]`.
    static func crc32(_ bytes: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        var i = from
        while i < to {
            crc = crcTable[Int((crc ^ UInt32(bytes[i])) & 0xFF)] ^ (crc >> 8)
            i += 1
        }
        return crc ^ 0xFFFF_FFFF
    }

    /// The base62 value of a digit 0-9, A-Z, a-z; nil for any other byte.
    @inline(__always)
    static func base62(_ b: UInt8) -> UInt64? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(b - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt64(b - UInt8(ascii: "A")) + 10
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return UInt64(b - UInt8(ascii: "a")) + 36
        default: return nil
        }
    }

    /// True when the last 36 bytes are 30 base62 characters and the base62 CRC-32 of them.
    static func checksumHolds(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let n = bytes.count
        guard n >= 36 else { return false }
        let start = n - 36
        for i in start..<n where base62(bytes[i]) == nil { return false }
        var stated: UInt64 = 0
        for i in (n - 6)..<n { stated = stated * 62 + base62(bytes[i])! }
        return stated == UInt64(crc32(bytes, start, n - 6))
    }

    static func hasPrefix(_ bytes: UnsafeRawBufferPointer, _ prefix: StaticString) -> Bool {
        let p = UnsafeRawBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        guard bytes.count >= p.count else { return false }
        for i in 0..<p.count where bytes[i] != p[i] { return false }
        return true
    }

    /// A GitHub token: gh[pousr]_ and 36 characters with a valid checksum, or a
    /// fine-grained personal access token (github_pat_ ...), on its structure.
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if hasPrefix(bytes, "github_pat_") {
            // 11 + 22 + 1 + 59 characters, the '_' after the first 22.
            guard bytes.count == 93, bytes[33] == UInt8(ascii: "_") else { return false }
            for i in 11..<93 where i != 33 && base62(bytes[i]) == nil { return false }
            return true
        }
        guard bytes.count == 40, bytes[0] == UInt8(ascii: "g"), bytes[1] == UInt8(ascii: "h"),
              "pousr".utf8.contains(bytes[2]), bytes[3] == UInt8(ascii: "_") else { return false }
        return checksumHolds(bytes)
    }

    /// An npm access token: npm_ and 36 characters with a valid checksum.
    @Sendable
    public static func isValidNPM(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count == 40 && hasPrefix(bytes, "npm_") && checksumHolds(bytes)
    }
}
