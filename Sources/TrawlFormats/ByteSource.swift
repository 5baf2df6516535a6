// ByteSource: the one streaming abstraction of TrawlFormats.
//
// Why it exists: every stage of the pipeline (file reader, gzip inflater, text
// transcoder, later archive and document decoders) is a pull-based stream of
// bytes written into a caller-owned buffer. A protocol this small lets the
// stages nest (Transcoding<Gzip<File>>) with bounded memory (each stage owns one
// fixed buffer) and no allocation per read. Foundation's FileHandle/InputStream
// allocate a Data per read and do not compose with zlib, so this is hand-written;
// it is a thin layer over POSIX read(2).

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pull-based stream of bytes.
///
/// `read(into:)` writes up to `buffer.count` bytes at the start of `buffer` and
/// returns how many it wrote; it returns 0 only at the end of the stream (callers
/// pass a non-empty buffer: an empty buffer also yields 0). A source may return
/// fewer bytes than asked for at any time; it never returns more.
public protocol ByteSource {
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Errors of the byte sources themselves (not of the data they carry: damaged
/// data is reported by the decoder, e.g. `GzipByteSource.damage`).
public enum ByteSourceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// read(2) failed with this errno.
    case readFailed(errno: Int32)

    public var description: String {
        switch self {
        case .readFailed(let code):
            return "read failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}

/// Reads an open file descriptor with POSIX read(2), retrying on EINTR.
/// The caller opens the descriptor and closes it; this type never closes it.
public struct FileByteSource: ByteSource {
    public let fileDescriptor: Int32
    /// Bytes read so far.
    public private(set) var bytesRead: Int = 0

    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(fileDescriptor, base, buffer.count)
            #elseif canImport(Musl)
            let n = Musl.read(fileDescriptor, base, buffer.count)
            #else
            let n = Darwin.read(fileDescriptor, base, buffer.count)
            #endif
            if n >= 0 {
                bytesRead += n
                return n
            }
            let code = errno
            if code == EINTR { continue }
            throw ByteSourceError.readFailed(errno: code)
        }
    }
}

/// Serves bytes held in memory: a small object already read, or a test input.
public struct MemoryByteSource: ByteSource {
    public let bytes: [UInt8]
    /// Index of the next byte to serve.
    public private(set) var position: Int = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - position)
        guard n > 0, let dst = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { src in
            dst.copyMemory(from: src.baseAddress! + position, byteCount: n)
        }
        position += n
        return n
    }
}

/// Reads the first bytes of a stream (for `FormatSniffer`) and then replays them
/// before the rest of the stream, so that sniffing costs no second read of the
/// object. Holds at most `prefixLength` bytes.
public struct PrefixedByteSource<Upstream: ByteSource>: ByteSource {
    /// The first bytes of the stream: `prefixLength` bytes, or fewer when the
    /// stream is shorter (then `prefixIsWholeStream` is true).
    public let prefix: [UInt8]
    public let prefixIsWholeStream: Bool
    public private(set) var upstream: Upstream
    private var replayed = 0

    /// Reads up to `prefixLength` bytes from `upstream` now (several reads if the
    /// upstream returns short counts).
    public init(upstream: Upstream, prefixLength: Int = FormatSniffer.prefixLength) throws {
        var source = upstream
        var ended = false
        // Read into the array's own storage, its count the bytes read (zeroing 8 KiB first
        // was a visible share of a small object's cost).
        let head = try [UInt8](unsafeUninitializedCapacity: max(prefixLength, 0)) { storage, filled in
            let buf = UnsafeMutableRawBufferPointer(storage)
            while filled < buf.count {
                let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buf[filled...]))
                if n == 0 { ended = true; break }
                filled += n
            }
        }
        self.prefix = head
        self.prefixIsWholeStream = ended
        self.upstream = source
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if replayed < prefix.count {
            let n = min(buffer.count, prefix.count - replayed)
            guard n > 0, let dst = buffer.baseAddress else { return 0 }
            prefix.withUnsafeBytes { src in
                dst.copyMemory(from: src.baseAddress! + replayed, byteCount: n)
            }
            replayed += n
            return n
        }
        if prefixIsWholeStream { return 0 }
        return try upstream.read(into: buffer)
    }
}

extension Array where Element == UInt8 {
    /// Appends raw bytes with one copy: `append(contentsOf:)` takes an
    /// UnsafeRawBufferPointer as a generic sequence (it offers no contiguous storage),
    /// element by element, which showed in profiles of CSV and JSON scans.
    @inline(__always)
    public mutating func appendBytes(_ raw: UnsafeRawBufferPointer) {
        guard raw.count > 0 else { return }
        append(contentsOf: raw.assumingMemoryBound(to: UInt8.self))
    }
}
