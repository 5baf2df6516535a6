// An S3 bucket (or every bucket of the caller) as an object source, on TrawlAWS's
// S3Client (SigV4, retries, streamed GetObject on AsyncHTTPClient). Listing follows
// ListObjectsV2's continuation tokens lazily, two pages in memory at most, in S3's order
// (bucket by name, then key bytes), the next page fetched in the background while the
// workers take objects from this one; folder markers (keys ending in '/' of size 0) are not
// objects. Opening sends If-Match with the listed ETag, so an object replaced since the
// listing is reported as OBJECT_VERSION_MISMATCH rather than read as another version;
// objects in archived storage classes are never requested. S3's refusals are mapped onto
// ObjectOpenError and so onto Macie's reason codes (ObjectScanner.status(for:)).
import Foundation
import Synchronization
import TrawlAWS

/// `s3://BUCKET[/PREFIX]`, or `s3://` for every bucket.
public struct S3Location: Sendable, Equatable {
    public var bucket: String?
    public var prefix: String

    public init(bucket: String?, prefix: String = "") {
        self.bucket = bucket
        self.prefix = prefix
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func parse(_ text: String) throws -> S3Location {
        guard text.hasPrefix("s3://") else {
            throw ParseError(description: "\(text): not an s3:// URL (s3://BUCKET[/PREFIX])")
        }
        let rest = text.dropFirst(5)
        if rest.isEmpty { return S3Location(bucket: nil) }
        let bucket: Substring, prefix: Substring
        if let slash = rest.firstIndex(of: "/") {
            bucket = rest[..<slash]
            prefix = rest[rest.index(after: slash)...]
        } else {
            bucket = rest
            prefix = ""
        }
        // S3's rules, with the legacy names (upper case, '_') some old buckets still have.
        let valid = (3...255).contains(bucket.utf8.count) && bucket.utf8.allSatisfy {
            ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39)
                || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F
        }
        guard valid else {
            throw ParseError(description: "\(text): '\(bucket)' is not a bucket name (s3://BUCKET[/PREFIX])")
        }
        return S3Location(bucket: String(bucket), prefix: String(prefix))
    }
}

public struct S3BucketSource: ObjectSource {
    public let client: S3Client
    public let location: S3Location
    /// Keys per ListObjectsV2 page (nil: S3's default, 1,000).
    public let pageSize: Int?
    private let failures = ListingFailures()

    public init(client: S3Client, location: S3Location, pageSize: Int? = nil) {
        self.client = client
        self.location = location
        self.pageSize = pageSize
    }

    /// Storage classes whose objects must be restored before they can be read.
    static let archivedClasses: Set<String> = ["GLACIER", "DEEP_ARCHIVE"]

    /// Listing failures after the first page (the iterator cannot throw): the scan covers
    /// what was listed, and the caller reports these and fails the run.
    public var listingErrors: [String] { failures.all }

    /// Lists the bucket(s): ListBuckets (for `s3://`) and the first page are fetched here,
    /// so a missing bucket or unusable credentials fail at once; the rest lazily.
    public func makeIterator() throws -> AnyIterator<ObjectRef> {
        let buckets: [String]
        if let bucket = location.bucket {
            buckets = [bucket]
        } else {
            buckets = try client.listBuckets().sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        let client = self.client, prefix = location.prefix, pageSize = self.pageSize, failures = self.failures
        var bucketIndex = 0
        var page: [S3ObjectSummary] = []
        var pageIndex = 0
        /// The next page of the current bucket, on its way.
        var next: PageFetch?
        func fetch(_ bucket: String, from continuation: String?) -> PageFetch {
            PageFetch {
                try client.listObjects(bucket: bucket, prefix: prefix, continuationToken: continuation, maxKeys: pageSize)
            }
        }
        /// Takes a page (waiting for it) and sends for the one after it.
        func load(_ bucket: String, _ fetched: PageFetch) throws {
            page = []
            pageIndex = 0
            next = nil
            let result = try fetched.wait()
            page = result.objects
            if result.isTruncated, let token = result.nextContinuationToken {
                next = fetch(bucket, from: token)
            }
        }
        /// Loads a page; a failure is recorded and ends this bucket's listing.
        func loadOrRecord(_ bucket: String, _ fetched: PageFetch) {
            do { try load(bucket, fetched) } catch { failures.add("bucket \(bucket): \(error)") }
        }
        if let first = buckets.first {
            // One named bucket: its listing failing is the run failing, at once. Every
            // bucket: the others are still scanned and this one is reported.
            let fetched = fetch(first, from: nil)
            if location.bucket != nil { try load(first, fetched) } else { loadOrRecord(first, fetched) }
        }
        return AnyIterator {
            while bucketIndex < buckets.count {
                let bucket = buckets[bucketIndex]
                if pageIndex < page.count {
                    let o = page[pageIndex]
                    pageIndex += 1
                    if o.size == 0 && o.key.hasSuffix("/") { continue }  // a folder marker
                    return ObjectRef(bucket: bucket, key: o.key, size: o.size,
                                     lastModified: o.lastModified?.timeIntervalSince1970 ?? 0, kind: .regular,
                                     location: o.key, versionToken: o.eTag ?? "", eTag: o.eTag,
                                     storageClass: o.storageClass)
                }
                if let fetched = next {
                    loadOrRecord(bucket, fetched)
                    continue
                }
                bucketIndex += 1
                if bucketIndex < buckets.count {
                    loadOrRecord(buckets[bucketIndex], fetch(buckets[bucketIndex], from: nil))
                }
            }
            return nil
        }
    }

    public func open(_ ref: ObjectRef) throws(ObjectOpenError) -> ObjectStream {
        try open(ref, from: 0)
    }

    public func open(_ ref: ObjectRef, from offset: Int64) throws(ObjectOpenError) -> ObjectStream {
        guard ref.kind == .regular else { throw .notARegularFile }
        guard let bucket = ref.bucket else { throw .notFound }
        if let storageClass = ref.storageClass, Self.archivedClasses.contains(storageClass) {
            throw .invalidObjectState
        }
        do {
            let response = try client.getObject(bucket: bucket, key: ref.location, ifMatch: ref.eTag, from: offset)
            // A server that ignores Range answers 200 with the whole object: skip to `offset`.
            let skip = offset > 0 && response.status != 206 ? offset : 0
            return S3ObjectStream(response, skip: skip)
        } catch let error as AWSServiceError {
            // Asking from the end of the object (or past it): nothing to read.
            if error.status == 416 && offset > 0 { return EmptyObjectStream() }
            throw Self.openError(error)
        } catch {
            throw .io("\(error)")
        }
    }

    /// S3's refusal of a GetObject as the scanner's reason.
    static func openError(_ error: AWSServiceError) -> ObjectOpenError {
        let code = error.code ?? ""
        let message = error.message ?? ""
        let detail = error.code.map { "\($0): \(message)" } ?? "HTTP \(error.status)"
        if code.hasPrefix("KMS.") || (code == "AccessDenied" && message.range(of: "kms", options: .caseInsensitive) != nil) {
            return .invalidKMSKey(detail)
        }
        switch (error.status, code) {
        case (_, "InvalidObjectState"):
            return .invalidObjectState
        case (412, _), (_, "PreconditionFailed"):
            return .versionMismatch
        case (404, _):
            // NoSuchKey (or the bucket itself is gone): removed since the listing.
            return .notFound
        case (403, _):
            return .permissionDenied
        case (400, "InvalidRequest"), (400, "InvalidArgument"):
            let lower = message.lowercased()
            if lower.contains("encrypt") || lower.contains("customer") || lower.contains("sse") {
                return .invalidEncryption(detail)
            }
            return .io(error.description)
        default:
            return .io(error.description)
        }
    }
}

/// One ListObjectsV2 page fetched on another thread; `wait` gives it (once) or its error.
final class PageFetch: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written before `done` is signalled, read after it is waited for.
    private var result: Result<S3ListPage, Error>?

    init(_ work: @escaping @Sendable () throws -> S3ListPage) {
        DispatchQueue.global().async {
            self.result = Result { try work() }
            self.done.signal()
        }
    }

    func wait() throws -> S3ListPage {
        done.wait()
        return try result!.get()
    }
}

/// Listing failures, shared by the copies of a source (it is a value, its iterator a closure).
final class ListingFailures: Sendable {
    private let errors = Mutex<[String]>([])
    func add(_ message: String) { errors.withLock { $0.append(message) } }
    var all: [String] { errors.withLock { $0 } }
}

/// A GetObject body as an ObjectStream: bytes handed over as they download.
final class S3ObjectStream: ObjectStream {
    let response: AWSStreamingResponse
    private var skip: Int64

    init(_ response: AWSStreamingResponse, skip: Int64) {
        self.response = response
        self.skip = skip
    }

    deinit { response.close() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while skip > 0 {
            let n = try response.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(buffer.count, Int(min(skip, Int64(Int.max))))]))
            if n == 0 { return 0 }
            skip -= Int64(n)
        }
        do {
            return try response.read(into: buffer)
        } catch {
            // The body broke off: the scanner keeps what it classified (PARTIAL).
            throw ObjectOpenError.io("download interrupted: \(error)")
        }
    }

    func close() { response.close() }
}

final class EmptyObjectStream: ObjectStream {
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { 0 }
    func close() {}
}
