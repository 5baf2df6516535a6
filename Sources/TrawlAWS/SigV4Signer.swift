// AWS Signature Version 4 (docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html):
// canonical request -> string to sign -> HMAC-SHA256 key chain -> Authorization header.
// Written here because every call Trawl makes (S3, STS, Security Hub) must be signed and
// no synchronous Swift signer exists; HMAC and SHA-256 come from swift-crypto.
//
// Path rules: for every service but S3 the path as it goes on the wire is normalized
// (dot segments and empty segments removed) and encoded once more ("double encoding");
// S3 signs the wire path exactly as sent. The query is decoded, re-encoded with SigV4's
// rules and sorted by name then value. Header names are lower-cased and sorted, values
// trimmed with inner runs of spaces collapsed, repeated headers joined with ','.
import Crypto
import Foundation

public struct SigV4Signer: Sendable {
    public var service: String
    public var region: String
    /// Encode the wire path once more (every service but S3).
    public var doubleEncodePath: Bool
    /// Remove dot segments and empty segments from the path (every service but S3).
    public var normalizePath: Bool
    /// Add and sign X-Amz-Content-Sha256 (S3 requires it).
    public var addContentSHA256Header: Bool

    /// Headers never signed: hop-by-hop headers, and those proxies and HTTP stacks add or
    /// rewrite (the list botocore uses), plus Authorization itself.
    static let unsignedHeaders: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    /// S3 gets its rules (no double encoding, no normalization, X-Amz-Content-Sha256).
    public init(service: String, region: String) {
        let isS3 = service == "s3"
        self.init(service: service, region: region, doubleEncodePath: !isS3, normalizePath: !isS3,
                  addContentSHA256Header: isS3)
    }

    public init(service: String, region: String, doubleEncodePath: Bool, normalizePath: Bool,
                addContentSHA256Header: Bool) {
        self.service = service
        self.region = region
        self.doubleEncodePath = doubleEncodePath
        self.normalizePath = normalizePath
        self.addContentSHA256Header = addContentSHA256Header
    }

    /// The parts of one signature, exposed so tests can compare each step with published
    /// vectors.
    public struct Signature: Sendable {
        public var canonicalRequest: String
        public var stringToSign: String
        public var signedHeaders: String
        public var signature: String
        public var authorization: String
    }

    /// Signs `request` in place: sets X-Amz-Date, X-Amz-Security-Token (when the
    /// credentials have one), X-Amz-Content-Sha256 (when asked) and Authorization.
    /// `payloadHash` overrides the body's SHA-256 (e.g. UNSIGNED-PAYLOAD).
    @discardableResult
    public func sign(_ request: inout AWSRequest, credentials: AWSCredentials, date: Date = Date(),
                     payloadHash: String? = nil) -> Signature {
        let amzDate = AWSTime.amzDate(date)
        request[header: "Authorization"] = nil
        request[header: "X-Amz-Date"] = amzDate
        if let token = credentials.sessionToken, !token.isEmpty {
            request[header: "X-Amz-Security-Token"] = token
        }
        let hash = payloadHash ?? Self.hexSHA256(request.body)
        if addContentSHA256Header {
            request[header: "X-Amz-Content-Sha256"] = hash
        }
        let sig = signature(for: request, credentials: credentials, amzDate: amzDate, payloadHash: hash)
        request[header: "Authorization"] = sig.authorization
        return sig
    }

    /// Computes the signature of `request` as it stands (its headers are not changed):
    /// the caller has set X-Amz-Date (and any token header) already.
    public func signature(for request: AWSRequest, credentials: AWSCredentials, amzDate: String,
                          payloadHash: String) -> Signature {
        let (canonical, signedHeaders) = canonicalRequest(for: request, payloadHash: payloadHash)
        let day = String(amzDate.prefix(8))
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(Self.hexSHA256(Data(canonical.utf8)))"
        let key = Self.signingKey(secretAccessKey: credentials.secretAccessKey, day: day, region: region,
                                  service: service)
        let mac = HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key)
        let signature = Self.hex(mac)
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        return Signature(canonicalRequest: canonical, stringToSign: stringToSign, signedHeaders: signedHeaders,
                         signature: signature, authorization: authorization)
    }

    /// The canonical request and the signed-headers list. A Host header is taken from the
    /// URL when the request has none.
    public func canonicalRequest(for request: AWSRequest, payloadHash: String) -> (String, String) {
        var grouped: [String: [String]] = [:]
        for h in request.headers {
            let name = h.name.lowercased()
            if Self.unsignedHeaders.contains(name) { continue }
            grouped[name, default: []].append(Self.canonicalHeaderValue(h.value))
        }
        if grouped["host"] == nil { grouped["host"] = [request.hostHeader] }
        let names = grouped.keys.sorted()
        let headerLines = names.map { "\($0):\(grouped[$0]!.joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let canonical = [
            request.method.uppercased(),
            canonicalURI(wirePath: request.url.path(percentEncoded: true)),
            Self.canonicalQuery(request.url.query(percentEncoded: true)),
            headerLines,
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        return (canonical, signedHeaders)
    }

    /// The canonical URI of a path as it goes on the wire.
    public func canonicalURI(wirePath: String) -> String {
        var path = wirePath.isEmpty ? "/" : wirePath
        if normalizePath { path = Self.removeDotSegments(path) }
        if doubleEncodePath { path = AWSURIEncoding.encode(path, keepSlash: true) }
        return path
    }

    /// RFC 3986 dot-segment removal, as the SDKs do it: empty segments go too, a trailing
    /// slash stays.
    static func removeDotSegments(_ path: String) -> String {
        var out: [Substring] = []
        for seg in path.split(separator: "/", omittingEmptySubsequences: true) {
            if seg == "." { continue }
            if seg == ".." { _ = out.popLast(); continue }
            out.append(seg)
        }
        var result = "/" + out.joined(separator: "/")
        if path.hasSuffix("/") && !result.hasSuffix("/") { result += "/" }
        return result
    }

    /// The canonical query string: each name and value decoded, re-encoded with SigV4's
    /// rules, sorted by name then value.
    public static func canonicalQuery(_ query: String?) -> String {
        guard let query, !query.isEmpty else { return "" }
        var pairs: [(String, String)] = []
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = AWSURIEncoding.encode(AWSURIEncoding.decode(String(parts[0])))
            let value = parts.count > 1 ? AWSURIEncoding.encode(AWSURIEncoding.decode(String(parts[1]))) : ""
            pairs.append((name, value))
        }
        pairs.sort { $0.0 == $1.0 ? $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) : $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        return pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// Trimmed, with every run of whitespace inside collapsed to one space.
    static func canonicalHeaderValue(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .joined(separator: " ")
    }

    /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request").
    public static func signingKey(secretAccessKey: String, day: String, region: String,
                                  service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data(("AWS4" + secretAccessKey).utf8))
        for part in [day, region, service, "aws4_request"] {
            let mac = HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)
            key = SymmetricKey(data: Data(mac))
        }
        return key
    }

    public static func hexSHA256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
