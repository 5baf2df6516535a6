// Amazon S3 (and S3-compatible stores) over its REST-XML API, as much as a scan needs:
// ListBuckets, ListObjectsV2 (one page per call; the caller follows the continuation
// token) and GetObject, streamed (AWSStreamingResponse) with If-Match and Range.
// Requests are signed by SigV4Signer with S3's rules (path signed as sent, the empty-body
// hash in X-Amz-Content-Sha256) and retried by RetryPolicy (SlowDown, 5xx, dropped
// connections; for GetObject only before the first body byte). XML answers are read with
// FoundationXML's XMLParser (libxml2 underneath). Listings ask for encoding-type=url so a
// key with characters XML 1.0 cannot carry still arrives intact.
//
// Addressing: path style (ENDPOINT/BUCKET/KEY) when an endpoint was configured (a local
// emulator, MinIO, ...) or the bucket name is not a DNS label (dots break TLS for
// virtual hosts); virtual-hosted style (BUCKET.s3.REGION.amazonaws.com/KEY) otherwise.
// A bucket in another region than the client's: S3 answers 301 (or 400
// AuthorizationHeaderMalformed) naming the bucket's region; the call is made again there
// (signed for that region, and on that region's endpoint unless one was configured), and
// the bucket's region is remembered, as the SDKs do.
import Foundation
import Synchronization
#if canImport(FoundationXML)
import FoundationXML
#endif

public struct S3ObjectSummary: Sendable, Equatable {
    public var key: String
    public var size: Int64
    public var lastModified: Date?
    /// As S3 lists it, quotes included.
    public var eTag: String?
    public var storageClass: String?

    public init(key: String, size: Int64, lastModified: Date?, eTag: String?, storageClass: String?) {
        self.key = key
        self.size = size
        self.lastModified = lastModified
        self.eTag = eTag
        self.storageClass = storageClass
    }
}

public struct S3ListPage: Sendable {
    public var objects: [S3ObjectSummary]
    public var isTruncated: Bool
    public var nextContinuationToken: String?
}

public final class S3Client: Sendable {
    public let endpoint: URL
    public let region: String
    /// Always address buckets in the path (set when an endpoint was configured).
    public let forcePathStyle: Bool
    let credentials: any AWSCredentialProvider
    let http: AWSHTTPClient
    let retry: RetryPolicy
    /// Bytes of one GetObject body held unread at most (per open object).
    public let bodyBufferLimit: Int
    /// Buckets found to be in another region than `region`.
    let bucketRegions = Mutex<[String: String]>([:])

    public init(endpoint: URL, region: String, credentials: any AWSCredentialProvider, http: AWSHTTPClient,
                forcePathStyle: Bool, retry: RetryPolicy = .default, bodyBufferLimit: Int = 2 << 20) {
        self.endpoint = endpoint
        self.region = region
        self.credentials = credentials
        self.http = http
        self.forcePathStyle = forcePathStyle
        self.retry = retry
        self.bodyBufferLimit = bodyBufferLimit
    }

    /// S3 as the configuration resolves it (--endpoint-url, AWS_ENDPOINT_URL_S3,
    /// AWS_ENDPOINT_URL, the profile's endpoint_url, else the regional endpoint); with no
    /// region configured, us-east-1. A configured endpoint is addressed path style.
    public convenience init(configuration: AWSClientConfiguration, region: String? = nil,
                            credentials: any AWSCredentialProvider, http: AWSHTTPClient,
                            retry: RetryPolicy = .default) throws {
        let region = region ?? configuration.region ?? "us-east-1"
        let endpoint = try configuration.endpoint(for: .s3, region: region)
        let configured = endpoint != AWSClientConfiguration.defaultEndpoint(for: .s3, region: region)
        self.init(endpoint: endpoint, region: region, credentials: credentials, http: http,
                  forcePathStyle: configured, retry: retry)
    }

    // MARK: operations

    /// Every bucket of the caller, in S3's order (by name).
    public func listBuckets() throws -> [String] {
        let response = try call("ListBuckets", bucket: nil, query: [])
        let parsed = S3ListingParser.parse(response.body)
        return parsed.bucketNames
    }

    /// One page of ListObjectsV2 under `prefix`, from `continuationToken`.
    public func listObjects(bucket: String, prefix: String = "", continuationToken: String? = nil,
                            maxKeys: Int? = nil) throws -> S3ListPage {
        var query = [("list-type", "2"), ("encoding-type", "url")]
        if !prefix.isEmpty { query.append(("prefix", prefix)) }
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        if let maxKeys { query.append(("max-keys", String(maxKeys))) }
        let response = try call("ListObjectsV2", bucket: bucket, query: query)
        let parsed = S3ListingParser.parse(response.body)
        if !parsed.parsed {
            throw AWSServiceError(status: response.status, code: "MalformedResponse",
                                  message: "ListObjectsV2 answer for bucket \(bucket) is not XML", operation: "s3 ListObjectsV2")
        }
        let decode = parsed.urlEncoded
        let objects = parsed.objects.map { o -> S3ObjectSummary in
            var o = o
            if decode { o.key = Self.decodeListedKey(o.key) }
            return o
        }
        if parsed.isTruncated && parsed.nextContinuationToken == nil {
            throw AWSServiceError(status: response.status, code: "MalformedResponse",
                                  message: "ListObjectsV2 answer is truncated without a continuation token",
                                  operation: "s3 ListObjectsV2")
        }
        return S3ListPage(objects: objects, isTruncated: parsed.isTruncated,
                          nextContinuationToken: parsed.nextContinuationToken)
    }

    /// GetObject, its body streamed. `ifMatch` (the listed ETag) makes S3 answer 412 when
    /// the object changed since; `offset` > 0 asks for `bytes=offset-`. Error answers are
    /// thrown as AWSServiceError (after retries where they are retryable).
    public func getObject(bucket: String, key: String, ifMatch: String? = nil,
                          from offset: Int64 = 0) throws -> AWSStreamingResponse {
        try inBucketRegion(bucket) { region in
            let target = url(bucket: bucket, key: key, query: [], region: region)
            let signer = SigV4Signer(service: "s3", region: region)
            return try http.performStream(operation: "s3 GetObject", retry: retry, highWater: bodyBufferLimit) {
                var request = AWSRequest(method: "GET", url: target)
                if let ifMatch { request[header: "If-Match"] = ifMatch }
                if offset > 0 { request[header: "Range"] = "bytes=\(offset)-" }
                try sign(&request, signer)
                return request
            }
        }
    }

    // MARK: requests

    func call(_ operation: String, bucket: String?, query: [(String, String)]) throws -> AWSHTTPResponse {
        try inBucketRegion(bucket) { region in
            let target = url(bucket: bucket, key: nil, query: query, region: region)
            let signer = SigV4Signer(service: "s3", region: region)
            return try http.perform(operation: "s3 \(operation)", retry: retry) {
                var request = AWSRequest(method: "GET", url: target)
                try sign(&request, signer)
                return request
            }
        }
    }

    /// The region `bucket` is known to be in (the client's, until S3 says otherwise).
    public func region(of bucket: String?) -> String {
        guard let bucket else { return region }
        return bucketRegions.withLock { $0[bucket] } ?? region
    }

    /// Runs `body` for the bucket's region; when S3 answers that the bucket is elsewhere
    /// (a redirect naming its region), remembers that region and runs it once more there.
    func inBucketRegion<T>(_ bucket: String?, _ body: (String) throws -> T) throws -> T {
        let first = region(of: bucket)
        do {
            return try body(first)
        } catch let error as AWSServiceError {
            guard let bucket, let other = error.bucketRegion, !other.isEmpty, other != first,
                  [301, 307, 400].contains(error.status) else { throw error }
            bucketRegions.withLock { $0[bucket] = other }
            return try body(other)
        }
    }

    /// Signs with the current credentials; a provider with none sends the request
    /// anonymously (public buckets).
    func sign(_ request: inout AWSRequest, _ signer: SigV4Signer) throws {
        if let creds = try credentials.credentials() {
            // GET has no body: X-Amz-Content-Sha256 is the empty payload's hash.
            signer.sign(&request, credentials: creds, payloadHash: SigV4Signer.emptyPayloadHash)
        }
    }

    /// Whether `bucket` can be a virtual host: a DNS label (lower-case letters, digits,
    /// hyphens; no dots, which would not match the wildcard TLS certificate).
    static func isVirtualHostable(_ bucket: String) -> Bool {
        guard (3...63).contains(bucket.utf8.count), bucket.utf8.first != UInt8(ascii: "-"),
              bucket.utf8.last != UInt8(ascii: "-") else { return false }
        return bucket.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// The URL of a bucket (or the service, for nil) and key, encoded by SigV4's rules
    /// (S3 signs the path as sent, so it is encoded once, here).
    public func url(bucket: String?, key: String?, query: [(String, String)], region: String? = nil) -> URL {
        // AWS's own endpoint is per region; a configured one serves every region.
        let base = forcePathStyle || region == nil || region == self.region
            ? endpoint : AWSClientConfiguration.defaultEndpoint(for: .s3, region: region!)
        var components = URLComponents(url: base, resolvingAgainstBaseURL: false) ?? URLComponents()
        var basePath = components.percentEncodedPath
        while basePath.hasSuffix("/") { basePath.removeLast() }
        var path = basePath
        var bucketInPath = false
        if let bucket {
            if forcePathStyle || !Self.isVirtualHostable(bucket) {
                path += "/" + AWSURIEncoding.encode(bucket)
                bucketInPath = true
            } else {
                components.host = bucket + "." + (components.host ?? "")
            }
        }
        // The bucket's own operations go to /BUCKET (as the SDKs send them), the service's to /.
        if let key {
            path += "/" + AWSURIEncoding.encodePath(key)
        } else if !bucketInPath {
            path += "/"
        }
        components.percentEncodedPath = path
        components.percentEncodedQuery = query.isEmpty ? nil
            : query.map { "\(AWSURIEncoding.encode($0.0))=\(AWSURIEncoding.encode($0.1))" }.joined(separator: "&")
        return components.url ?? endpoint
    }

    /// A key as ListObjectsV2 gives it with encoding-type=url: form-encoded ('+' is a
    /// space, as botocore's unquote_plus reads it; a real '+' comes as %2B).
    static func decodeListedKey(_ key: String) -> String {
        let spaced = key.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

/// Reads ListObjectsV2 and ListBuckets answers.
final class S3ListingParser: NSObject, XMLParserDelegate {
    var objects: [S3ObjectSummary] = []
    var bucketNames: [String] = []
    var isTruncated = false
    var nextContinuationToken: String?
    var urlEncoded = false
    var parsed = false

    private var text = ""
    private var inContents = false
    private var inBucket = false
    private var current = S3ObjectSummary(key: "", size: 0, lastModified: nil, eTag: nil, storageClass: nil)

    static func parse(_ data: Data) -> S3ListingParser {
        let delegate = S3ListingParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        delegate.parsed = parser.parse()
        return delegate
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        text = ""
        switch elementName {
        case "Contents":
            inContents = true
            current = S3ObjectSummary(key: "", size: 0, lastModified: nil, eTag: nil, storageClass: nil)
        case "Bucket":
            inBucket = true
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        if inContents {
            switch elementName {
            case "Key": current.key = text
            case "Size": current.size = Int64(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            case "LastModified": current.lastModified = AWSTime.parseISO8601(text)
            case "ETag": current.eTag = text
            case "StorageClass": current.storageClass = text
            case "Contents":
                inContents = false
                objects.append(current)
            default: break
            }
        } else if inBucket {
            switch elementName {
            case "Name": bucketNames.append(text)
            case "Bucket": inBucket = false
            default: break
            }
        } else {
            switch elementName {
            case "IsTruncated": isTruncated = text.trimmingCharacters(in: .whitespacesAndNewlines) == "true"
            case "NextContinuationToken": nextContinuationToken = text
            case "EncodingType": urlEncoded = text.trimmingCharacters(in: .whitespacesAndNewlines) == "url"
            default: break
            }
        }
        text = ""
    }
}
