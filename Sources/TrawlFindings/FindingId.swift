// The finding Id: deterministic, so a re-scan of an unchanged object re-imports the same
// Id (Security Hub then updates the finding instead of adding one), and a changed object
// (new content version) gets a new Id while the old finding is archived by the publisher.
//
//   Id = "trawl/sensitive-data/" + hex(SHA-256(F(accountId) F(bucket) F(key) F(versionToken)))
//   F(s) = decimal UTF-8 byte length of s, ":", the UTF-8 bytes of s
//
// The length prefixes make the encoding unambiguous (bucket "ab" + key "c" differs from
// bucket "a" + key "bc"). 21 + 64 = 85 characters, well under ASFF's 512.

import Crypto

public enum FindingId {
    public static let prefix = "trawl/sensitive-data/"

    public static func make(accountId: String, bucket: String, key: String, versionToken: String) -> String {
        var input: [UInt8] = []
        input.reserveCapacity(accountId.utf8.count + bucket.utf8.count + key.utf8.count + versionToken.utf8.count + 32)
        for field in [accountId, bucket, key, versionToken] {
            input.append(contentsOf: String(field.utf8.count).utf8)
            input.append(UInt8(ascii: ":"))
            input.append(contentsOf: field.utf8)
        }
        let digest = SHA256.hash(data: input)
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = Array(prefix.utf8)
        out.reserveCapacity(prefix.utf8.count + 64)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
