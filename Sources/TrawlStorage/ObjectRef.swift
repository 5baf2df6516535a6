// One object in scope: the unit of work of a scan. Sources list them; the scanner
// opens them one at a time through the same source.

public enum ObjectKind: Sendable, Equatable {
    case regular
    case symbolicLink
    case fifo
    case socket
    case device
    /// A directory that could not be listed (its contents are unknown).
    case unreadableDirectory
    case other
}

public struct ObjectRef: Sendable, Equatable {
    /// The bucket; nil for a file directly under a local scan root.
    public var bucket: String?
    /// '/'-separated key below the bucket.
    public var key: String
    public var size: Int64
    /// Seconds since 1970.
    public var lastModified: Double
    public var kind: ObjectKind
    /// Where the source finds it again (a file path, or the key for S3).
    public var location: String
    /// Changes whenever the content may have changed (local: size, mtime, inode; S3: ETag).
    public var versionToken: String
    public var eTag: String?
    /// S3's storage class as listed (STANDARD, GLACIER, ...); nil for local files.
    public var storageClass: String?

    public init(bucket: String?, key: String, size: Int64, lastModified: Double, kind: ObjectKind,
                location: String, versionToken: String, eTag: String? = nil, storageClass: String? = nil) {
        self.bucket = bucket
        self.key = key
        self.size = size
        self.lastModified = lastModified
        self.kind = kind
        self.location = location
        self.versionToken = versionToken
        self.eTag = eTag
        self.storageClass = storageClass
    }
}

/// Why an object could not be opened.
public enum ObjectOpenError: Error, Equatable, Sendable {
    case permissionDenied
    case notFound
    case notARegularFile
    /// Archived (S3 Glacier Flexible Retrieval, Deep Archive) and not restored.
    case invalidObjectState
    /// Encrypted in a way the scanner cannot read (S3: a customer-provided key, SSE-C).
    case invalidEncryption(String)
    /// Its KMS key is disabled, deleted, pending deletion or not usable by the caller.
    case invalidKMSKey(String)
    /// Changed since it was listed (S3: If-Match on the listed ETag failed).
    case versionMismatch
    case io(String)
}

/// An open object's bytes, read front to back.
public protocol ObjectStream: AnyObject {
    /// Fill `buffer` from the current position; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    func close()
}

/// Lists objects and opens them.
public protocol ObjectSource: Sendable {
    /// The objects in a deterministic order (for a bucket-style tree: bucket, then key,
    /// in byte order as S3 lists them).
    func makeIterator() throws -> AnyIterator<ObjectRef>
    func open(_ ref: ObjectRef) throws(ObjectOpenError) -> ObjectStream
    /// The object's bytes from `offset` on (for splitting a large object across workers).
    func open(_ ref: ObjectRef, from offset: Int64) throws(ObjectOpenError) -> ObjectStream
}
