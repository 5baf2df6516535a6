// A local bucket-style tree as an object source: each directory directly under the
// root is a bucket and the path below it is the key. Listing is lazy (one directory
// in memory at a time per level) and ordered like S3's ListObjectsV2: by key bytes,
// which means sorting a directory's entries with a trailing '/' on sub-directories.
// Symbolic links are listed, never followed; FIFOs, sockets and devices are listed and
// never opened.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct LocalBucketSource: ObjectSource {
    public let root: String

    public init(root: String) {
        var r = root
        while r.count > 1 && r.hasSuffix("/") { r.removeLast() }
        self.root = r
    }

    public enum ListingError: Error, CustomStringConvertible {
        case rootUnreadable(String, Int32)
        public var description: String {
            switch self {
            case let .rootUnreadable(path, err): "cannot list \(path): \(String(cString: strerror(err)))"
            }
        }
    }

    public func makeIterator() throws -> AnyIterator<ObjectRef> {
        guard let rootEntries = Self.listDirectory(root) else {
            throw ListingError.rootUnreadable(root, errno)
        }
        // Stack of pending entry lists (reversed so popLast gives the next in order).
        // Each frame: (bucket, keyPrefix, directory path, remaining entries).
        struct Frame {
            var bucket: String?
            var prefix: String
            var dir: String
            var entries: [Entry]
        }
        var stack: [Frame] = [Frame(bucket: nil, prefix: "", dir: root, entries: rootEntries.reversed())]
        let rootPath = root
        return AnyIterator {
            while !stack.isEmpty {
                guard let entry = stack[stack.count - 1].entries.popLast() else {
                    stack.removeLast()
                    continue
                }
                let frame = stack[stack.count - 1]
                let path = frame.dir + "/" + entry.name
                let atRoot = frame.dir == rootPath && frame.bucket == nil
                if entry.kind == .directory {
                    let bucket = atRoot ? entry.name : frame.bucket
                    let prefix = atRoot ? "" : frame.prefix + entry.name + "/"
                    if let children = Self.listDirectory(path) {
                        stack.append(Frame(bucket: bucket, prefix: prefix, dir: path, entries: children.reversed()))
                        continue
                    }
                    // Unlistable directory: one SKIPPED line for it.
                    let key = atRoot ? "" : frame.prefix + entry.name + "/"
                    return ObjectRef(bucket: bucket, key: key, size: 0, lastModified: entry.mtime,
                                     kind: .unreadableDirectory, location: path, versionToken: "")
                }
                let key = atRoot ? entry.name : frame.prefix + entry.name
                return ObjectRef(bucket: atRoot ? nil : frame.bucket, key: key, size: entry.size,
                                 lastModified: entry.mtime, kind: entry.objectKind, location: path,
                                 versionToken: "\(entry.size)-\(entry.mtimeNanos)-\(entry.inode)")
            }
            return nil
        }
    }

    public func open(_ ref: ObjectRef, from offset: Int64) throws(ObjectOpenError) -> ObjectStream {
        let stream = try open(ref)
        if offset > 0 {
            guard let file = stream as? FileObjectStream, file.seek(to: offset) else {
                stream.close()
                throw .io("cannot seek to \(offset)")
            }
        }
        return stream
    }

    /// Files larger than this are read with POSIX_FADV_SEQUENTIAL.
    static let sequentialAdviceSize = 128 * 1024

    public func open(_ ref: ObjectRef) throws(ObjectOpenError) -> ObjectStream {
        guard ref.kind == .regular else { throw .notARegularFile }
        // O_NOFOLLOW: a file swapped for a symlink after listing is not followed;
        // O_NONBLOCK: a file swapped for a FIFO does not block the open.
        let fd = Glibc.open(ref.location, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            switch errno {
            case EACCES, EPERM: throw .permissionDenied
            case ENOENT: throw .notFound
            case ELOOP: throw .notARegularFile
            default: throw .io(String(cString: strerror(errno)))
            }
        }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            Glibc.close(fd)
            throw .notARegularFile
        }
        // Back to blocking reads. F_SETFL sets only the status flags (O_APPEND, O_ASYNC,
        // O_DIRECT, O_NOATIME, O_NONBLOCK), none of which the open set but O_NONBLOCK, so
        // no F_GETFL first; and the read-ahead advice only where the kernel's default
        // read-ahead window (128 KiB) does not already hold the whole file. Of the nine
        // system calls a 4 KiB object took, these were two.
        _ = fcntl(fd, F_SETFL, 0)
        if st.st_size > Self.sequentialAdviceSize { _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL) }
        return FileObjectStream(fd: fd)
    }

    // MARK: listing

    struct Entry {
        enum Kind { case directory, file }
        var name: String
        var kind: Kind
        var objectKind: ObjectKind
        var size: Int64
        var mtime: Double
        var mtimeNanos: Int64
        var inode: UInt64
        /// The sort key: the name, with '/' appended for directories (S3 key order).
        var sortKey: [UInt8]
    }

    /// The entries of `dir`, lstat'ed and sorted; nil when it cannot be listed.
    static func listDirectory(_ dir: String) -> [Entry]? {
        guard let d = opendir(dir) else { return nil }
        defer { closedir(d) }
        var out: [Entry] = []
        // Each entry is stat'ed relative to the open directory: lstat of the whole path
        // walked every component of it again, for every entry.
        let fd = dirfd(d)
        while let ent = readdir(d) {
            let name = withUnsafePointer(to: ent.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var st = stat()
            guard fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            let mode = st.st_mode & S_IFMT
            let isDir = mode == S_IFDIR
            let kind: ObjectKind
            switch mode {
            case S_IFREG: kind = .regular
            case S_IFLNK: kind = .symbolicLink
            case S_IFIFO: kind = .fifo
            case S_IFSOCK: kind = .socket
            case S_IFCHR, S_IFBLK: kind = .device
            default: kind = .other
            }
            let nanos = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
            var sortKey = Array(name.utf8)
            if isDir { sortKey.append(UInt8(ascii: "/")) }
            out.append(Entry(name: name, kind: isDir ? .directory : .file, objectKind: kind,
                             size: kind == .regular ? Int64(st.st_size) : 0,
                             mtime: Double(nanos) / 1e9, mtimeNanos: nanos, inode: UInt64(st.st_ino),
                             sortKey: sortKey))
        }
        out.sort { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
        return out
    }
}

final class FileObjectStream: ObjectStream {
    private var fd: Int32

    init(fd: Int32) { self.fd = fd }

    deinit { close() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard fd >= 0, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Glibc.read(fd, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw ObjectOpenError.io(String(cString: strerror(errno)))
        }
    }

    func seek(to offset: Int64) -> Bool {
        fd >= 0 && lseek(fd, off_t(offset), SEEK_SET) == off_t(offset)
    }

    func close() {
        if fd >= 0 {
            Glibc.close(fd)
            fd = -1
        }
    }
}
