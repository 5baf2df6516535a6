// SigV4's percent-encoding: every byte except the unreserved set (A-Z a-z 0-9 - _ . ~)
// becomes %XX in upper-case hex; '/' is kept in paths. Foundation's encoders use other
// sets (they keep '$', '+', '=', ...), which would break signatures, hence this file.
import Foundation

public enum AWSURIEncoding {
    private static let hex: [UInt8] = Array("0123456789ABCDEF".utf8)

    @inline(__always)
    static func isUnreserved(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
            || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E
    }

    /// Percent-encodes `string` by SigV4's rules; `keepSlash` leaves '/' as it is (paths).
    public static func encode(_ string: String, keepSlash: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(string.utf8.count)
        for b in string.utf8 {
            if isUnreserved(b) || (keepSlash && b == 0x2F) {
                out.append(b)
            } else {
                out.append(0x25)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An S3 object key (or any REST path) as it goes on the wire: each segment encoded,
    /// '/' kept.
    public static func encodePath(_ path: String) -> String {
        encode(path, keepSlash: true)
    }

    /// An application/x-www-form-urlencoded body (the Query protocol) with SigV4's rules,
    /// in the given order.
    public static func formBody(_ parameters: [(String, String)]) -> String {
        parameters.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    /// Decodes %XX sequences; a malformed sequence is kept as it is. '+' stays '+'.
    static func decode(_ string: String) -> String {
        string.removingPercentEncoding ?? string
    }
}
