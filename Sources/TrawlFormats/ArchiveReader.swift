// ArchiveReader: streams the members of an archive (zip, tar, 7z, cpio, ar, iso,
// rar, cab, ..., optionally compressed: tar.gz, tar.bz2, tar.xz, tar.zst) or the one
// member of a bare compressed stream (.bz2, .xz, .zst, .lz4, .lzip, .lzma, .Z)
// from any `ByteSource`, with libarchive.
//
// Why it exists: libarchive does all the format and compression work; this file
// only drives its streaming read API the way a scanner needs it: bytes pulled from
// an upstream `ByteSource` through libarchive's read callback (one fixed 64 KiB
// buffer, no allocation per read), members handed out as `ByteSource`s so they are
// sniffed and decoded by their own format (never written to disk), the counters a
// caller needs to enforce its bounds, and damage reported as a thrown
// `ArchiveError` with a fixed, value-free description.
//
// Safety choices (deliberately narrower than libarchive's "all"):
// - Formats: every reader except mtree. An mtree file names files on the local
//   file system and libarchive's mtree reader opens them to serve their data, so a
//   hostile object could make the scanner read (and report) local files.
// - Filters: only those built into this libarchive. A filter that libarchive would
//   run as an external program (lrzip, lzop, grzip, or lz4/zstd/xz when built
//   without the library) is never enabled: hostile input must not spawn processes.
// - Symlink and hardlink members are reported as such; their targets are never
//   followed, and no member path is ever used to touch the file system.

import CArchive
import CDocumentLibraries
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How to read the upstream bytes.
public enum ArchiveMode: Sendable, Equatable {
    /// An archive of named members, possibly compressed as a whole (tar.gz).
    case archive
    /// A bare compressed stream (.bz2, .xz, .zst, .lz4, .lzip, .Z, ...) that holds
    /// one unnamed member: its decompressed bytes. Input that is not compressed is
    /// served as it is (then `filterNames` is empty).
    case compressedStream
}

/// The type of an archive member, from its header.
public enum ArchiveMemberKind: Sendable, Equatable {
    case regular
    case directory
    /// A symbolic link: its target is never followed; the member has no data.
    case symlink
    /// A hard link to an earlier member (tar, cpio): usually no data of its own.
    case hardlink
    /// Devices, FIFOs, sockets, unknown types.
    case other
}

/// One member's header.
public struct ArchiveMember: Sendable, Equatable {
    /// The path as stored in the archive (UTF-8 when the archive says so or the
    /// bytes are valid UTF-8; invalid bytes become U+FFFD). It may be absolute or
    /// hold `..`: it is a label, never used to touch the file system. Empty for the
    /// member of a `.compressedStream`.
    public let path: String
    /// The uncompressed size, when the header gives it (not for compressed streams
    /// nor for zip members whose size follows their data).
    public let size: Int64?
    public let kind: ArchiveMemberKind
    /// The member's data (or, for zip, its metadata) is encrypted: reading it
    /// throws `ArchiveError.encrypted`, since no passphrase is ever set.
    public let isEncrypted: Bool
    /// 1-based position of the member in the archive.
    public let index: Int
}

/// Why an archive could not be read (further). All descriptions are fixed texts
/// or libarchive's own messages, never bytes of the archive's content.
public enum ArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Truncated or corrupt data: the members (and bytes) returned before the
    /// error were read correctly.
    case malformed(String)
    /// A member's data is encrypted and no passphrase is available.
    case encrypted
    /// Not an archive libarchive recognises, or a compression method or variant it
    /// does not support.
    case unsupported(String)
    /// libarchive itself failed (out of memory, misuse): not the data's fault.
    case library(String)

    public var description: String {
        switch self {
        case .malformed(let detail): return "malformed archive: \(detail)"
        case .encrypted: return "encrypted archive member"
        case .unsupported(let detail): return "unsupported archive: \(detail)"
        case .library(let detail): return "libarchive failure: \(detail)"
        }
    }
}

/// Reads an archive's members in order, once, streaming.
///
/// A class: libarchive keeps a pointer to the upstream box for its read callback,
/// which must stay at one address for the life of the `struct archive`.
/// Not thread-safe: one reader belongs to one worker.
public final class ArchiveReader {
    public static var defaultBufferSize: Int { 64 * 1024 }

    public let mode: ArchiveMode
    /// Compressed bytes pulled from the upstream so far (libarchive reads ahead,
    /// so this runs up to one buffer ahead of what it has decoded).
    public var compressedBytesRead: Int64 { upstream.bytesRead }
    /// Members whose header was read so far (`nextMember` returned them).
    public private(set) var memberCount: Int = 0
    /// Data bytes delivered for the current member.
    public private(set) var currentMemberBytesRead: Int64 = 0
    /// Data bytes delivered for all members so far.
    public private(set) var totalMemberBytesRead: Int64 = 0
    /// The current member (nil before the first `nextMember` and after the end).
    public private(set) var currentMember: ArchiveMember?

    private let archive: OpaquePointer
    private let upstream: UpstreamBox
    private var entry: OpaquePointer?
    /// Set once libarchive reported a fatal state or the upstream failed: every
    /// later call throws it again.
    private var failure: (any Error)?
    private var ended = false

    /// Opens `upstream` for reading, streaming (forward only). libarchive reads
    /// the first bytes now to choose the compression filters and the format:
    /// input it does not recognise throws `ArchiveError.unsupported` here (an
    /// upstream error is rethrown as it is). 7-Zip archives keep their directory
    /// at the end and cannot be streamed: they throw `.unsupported` here or at the
    /// first member; read them with `init(bytes:)`.
    public convenience init(upstream: some ByteSource, mode: ArchiveMode = .archive,
                            bufferSize: Int = ArchiveReader.defaultBufferSize) throws {
        try self.init(input: .stream(upstream), mode: mode, bufferSize: bufferSize)
    }

    /// Opens an archive held in memory (the caller bounds its size), with random
    /// access: needed for 7-Zip, and zip is then read from its central directory.
    public convenience init(bytes: [UInt8], mode: ArchiveMode = .archive,
                            bufferSize: Int = ArchiveReader.defaultBufferSize) throws {
        try self.init(input: .memory(bytes), mode: mode, bufferSize: bufferSize)
    }

    private init(input: UpstreamBox.Input, mode: ArchiveMode, bufferSize: Int) throws {
        guard let archive = archive_read_new() else {
            // NULL when libarchive could not be loaded (format_libraries.c) or is out of memory.
            let why = String(cString: trawl_archive_library_error())
            throw ArchiveError.library(why.isEmpty ? "archive_read_new failed" : why)
        }
        self.archive = archive
        self.mode = mode
        self.upstream = UpstreamBox(input, bufferSize: max(bufferSize, 512))

        for code in Self.builtInFilterCodes {
            _ = archive_read_support_filter_by_code(archive, code)
        }
        switch mode {
        case .archive:
            // archive_read_support_format_all minus mtree (see the header comment).
            _ = archive_read_support_format_7zip(archive)
            _ = archive_read_support_format_ar(archive)
            _ = archive_read_support_format_cab(archive)
            _ = archive_read_support_format_cpio(archive)
            _ = archive_read_support_format_empty(archive)
            _ = archive_read_support_format_iso9660(archive)
            _ = archive_read_support_format_lha(archive)
            _ = archive_read_support_format_rar(archive)
            _ = archive_read_support_format_rar5(archive)
            _ = archive_read_support_format_tar(archive)
            _ = archive_read_support_format_warc(archive)
            _ = archive_read_support_format_xar(archive)
            _ = archive_read_support_format_zip(archive)
        case .compressedStream:
            _ = archive_read_support_format_raw(archive)
        }

        _ = archive_read_set_callback_data(archive, Unmanaged.passUnretained(self.upstream).toOpaque())
        _ = archive_read_set_read_callback(archive) { _, client, bufferOut in
            guard let client, let bufferOut else { return -1 }
            return Unmanaged<UpstreamBox>.fromOpaque(client).takeUnretainedValue().fill(bufferOut)
        }
        if case .memory = input {
            _ = archive_read_set_seek_callback(archive) { _, client, offset, whence in
                guard let client else { return -1 }
                return Unmanaged<UpstreamBox>.fromOpaque(client).takeUnretainedValue().seek(offset, whence: whence)
            }
            _ = archive_read_set_skip_callback(archive) { _, client, request in
                guard let client else { return -1 }
                return Unmanaged<UpstreamBox>.fromOpaque(client).takeUnretainedValue().skip(request)
            }
        }
        let rc = withUTF8Names { archive_read_open1(archive) }
        if rc != ARCHIVE_OK {
            // deinit frees the archive.
            throw self.upstream.failure ?? classify(rc)
        }
    }

    deinit {
        archive_read_free(archive)
    }

    /// The compression filters libarchive detected, outermost first (e.g. ["xz"]
    /// for a .tar.xz); empty when the input is not compressed as a whole.
    public var filterNames: [String] {
        var names: [String] = []
        let count = archive_filter_count(archive)
        for i in 0..<count {
            guard archive_filter_code(archive, i) != ARCHIVE_FILTER_NONE,
                  let name = archive_filter_name(archive, i) else { continue }
            names.append(String(cString: name))
        }
        return names
    }

    /// The archive format libarchive detected (e.g. "ZIP 2.0 (deflation)",
    /// "POSIX ustar format"), once the first header was read.
    public var formatName: String? {
        guard memberCount > 0, let name = archive_format_name(archive) else { return nil }
        return String(cString: name)
    }

    /// Advances to the next member (skipping what is left of the current one) and
    /// returns its header, or nil at the end of the archive.
    public func nextMember() throws -> ArchiveMember? {
        if let failure { throw failure }
        if ended { return nil }
        currentMember = nil
        currentMemberBytesRead = 0
        var next: OpaquePointer?
        let rc = withUTF8Names { archive_read_next_header(archive, &next) }
        switch rc {
        case ARCHIVE_OK, ARCHIVE_WARN:
            break   // WARN: e.g. a name not convertible to the locale; the header is usable
        case ARCHIVE_EOF:
            ended = true
            entry = nil
            return nil
        default:
            // ARCHIVE_RETRY (a damaged header, e.g. a bad tar checksum) and
            // ARCHIVE_FAILED leave the archive readable: a caller that wants what
            // follows may call nextMember() again. ARCHIVE_FATAL does not.
            throw fail(rc)
        }
        guard let next else { throw fail(ARCHIVE_FATAL) }
        entry = next
        memberCount += 1
        let member = ArchiveMember(
            path: mode == .compressedStream ? "" : withUTF8Names { Self.path(of: next) },
            size: archive_entry_size_is_set(next) != 0 ? archive_entry_size(next) : nil,
            kind: Self.kind(of: next),
            isEncrypted: archive_entry_is_encrypted(next) != 0,
            index: memberCount)
        currentMember = member
        return member
    }

    /// Reads the current member's data into `buffer`; returns 0 at the member's
    /// end (and before the first member, after the last, and for directories and
    /// links). Throws `ArchiveError.encrypted` for encrypted data and
    /// `.malformed` for damaged data (the bytes returned before were good).
    public func readData(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let failure { throw failure }
        guard currentMember != nil, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let n = withUTF8Names { archive_read_data(archive, base, buffer.count) }
        guard n >= 0 else { throw fail(Int32(n)) }
        currentMemberBytesRead += Int64(n)
        totalMemberBytesRead += Int64(n)
        return n
    }

    /// The current member's data as a `ByteSource`, for sniffing and decoding it
    /// (a nested archive goes to a second `ArchiveReader`). The source reads
    /// through this reader: it returns 0 once `nextMember()` has moved on.
    public func memberSource() -> ArchiveMemberSource {
        ArchiveMemberSource(reader: self, memberIndex: currentMember?.index ?? 0)
    }

    // MARK: Errors

    /// Records the error of a failed call: the upstream's own error when the read
    /// callback failed (rethrown as it is), otherwise libarchive's, classified.
    /// After ARCHIVE_FATAL every later call throws the same error.
    private func fail(_ rc: Int32) -> any Error {
        if let upstreamError = upstream.failure {
            failure = upstreamError
            return upstreamError
        }
        let error = classify(rc)
        if rc <= ARCHIVE_FATAL { failure = error }
        return error
    }

    private func classify(_ rc: Int32) -> ArchiveError {
        let message = Self.errorMessage(archive)
        let lower = message.lowercased()
        if let entry, archive_entry_is_encrypted(entry) != 0 { return .encrypted }
        if lower.contains("passphrase") || lower.contains("encrypt") || lower.contains("decrypt") {
            return .encrypted
        }
        if archive_errno(archive) == ENOMEM { return .library(message) }
        if lower.contains("seek") {
            return .unsupported("the format needs random access (7-Zip): read it from memory")
        }
        if lower.contains("unrecognized archive format") || lower.contains("unsupported")
            || lower.contains("not supported") {
            return .unsupported(message)
        }
        return .malformed(message)
    }

    /// libarchive's message for the last error: a fixed text from the library
    /// (cut to 200 bytes and stripped of control characters, in case a format
    /// reader ever quotes header bytes).
    private static func errorMessage(_ archive: OpaquePointer) -> String {
        guard let cString = archive_error_string(archive) else { return "unknown libarchive error" }
        var bytes: [UInt8] = []
        var p = UnsafeRawPointer(cString).assumingMemoryBound(to: UInt8.self)
        while p.pointee != 0 && bytes.count < 200 {
            bytes.append(p.pointee < 0x20 || p.pointee == 0x7F ? 0x20 : p.pointee)
            p += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Headers

    private static func path(of entry: OpaquePointer) -> String {
        // The UTF-8 form when libarchive can produce it, else the raw bytes.
        guard let cString = archive_entry_pathname_utf8(entry) ?? archive_entry_pathname(entry) else {
            return ""
        }
        let length = strlen(cString)
        return String(decoding: UnsafeRawBufferPointer(start: cString, count: length), as: UTF8.self)
    }

    // AE_IF* are C macros with casts, which Swift does not import.
    private static let typeMask: UInt32 = 0o170000
    private static let typeRegular: UInt32 = 0o100000
    private static let typeDirectory: UInt32 = 0o040000
    private static let typeSymlink: UInt32 = 0o120000

    private static func kind(of entry: OpaquePointer) -> ArchiveMemberKind {
        if archive_entry_hardlink(entry) != nil { return .hardlink }
        switch UInt32(archive_entry_filetype(entry)) & typeMask {
        case typeRegular: return .regular
        case typeDirectory: return .directory
        case typeSymlink: return .symlink
        default: return archive_entry_symlink(entry) != nil ? .symlink : .other
        }
    }

    // MARK: Filters

    /// The compression filters this libarchive decodes in process. Probed once: a
    /// support call returns ARCHIVE_WARN when the filter would run an external
    /// program, ARCHIVE_OK when it is built in.
    static let builtInFilterCodes: [Int32] = {
        let candidates: [Int32] = [
            ARCHIVE_FILTER_GZIP, ARCHIVE_FILTER_BZIP2, ARCHIVE_FILTER_COMPRESS,
            ARCHIVE_FILTER_LZMA, ARCHIVE_FILTER_XZ, ARCHIVE_FILTER_UU, ARCHIVE_FILTER_RPM,
            ARCHIVE_FILTER_LZIP, ARCHIVE_FILTER_LZ4, ARCHIVE_FILTER_ZSTD,
        ]
        var codes: [Int32] = []
        for code in candidates {
            guard let probe = archive_read_new() else { break }
            if archive_read_support_filter_by_code(probe, code) == ARCHIVE_OK { codes.append(code) }
            archive_read_free(probe)
        }
        return codes
    }()
}

/// The current member of an `ArchiveReader` as a `ByteSource`.
public struct ArchiveMemberSource: ByteSource {
    public let reader: ArchiveReader
    /// The member this source reads (1-based); 0 when there was none.
    public let memberIndex: Int

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard memberIndex > 0, reader.currentMember?.index == memberIndex else { return 0 }
        return try reader.readData(into: buffer)
    }
}

/// libarchive converts member names from the archive's charset (UTF-8 for
/// modern zip, pax and 7-Zip) to the current locale's, and drops a name it cannot
/// convert. The process may run in the C locale (ASCII), so every libarchive call
/// runs with a UTF-8 LC_CTYPE set for this thread only (uselocale), and names come
/// out as UTF-8 whatever the process locale is.
private struct UTF8CType: @unchecked Sendable {
    let locale: locale_t?
}

private let utf8CType = UTF8CType(locale: newlocale(LC_CTYPE_MASK, "C.UTF-8", nil))

private func withUTF8Names<T>(_ body: () throws -> T) rethrows -> T {
    guard let locale = utf8CType.locale else { return try body() }
    let previous = uselocale(locale)
    defer { uselocale(previous) }
    return try body()
}

/// The type-erased upstream and libarchive's one input buffer. libarchive calls
/// `fill` (and, for input held in memory, `seek` and `skip`) through its
/// callbacks; an upstream error is kept here and rethrown by the reader
/// (libarchive itself only sees a failed read).
private final class UpstreamBox {
    enum Input {
        case stream(any ByteSource)
        case memory([UInt8])
    }

    /// The upstream of streamed input (mutated in place through the optional).
    private var stream: (any ByteSource)?
    /// Input held in memory, with random access.
    private let memory: [UInt8]
    let buffer: UnsafeMutableRawBufferPointer
    /// Bytes handed to libarchive (and, in memory, skipped over) so far.
    var bytesRead: Int64 = 0
    var failure: (any Error)?
    /// Read position in `memory`.
    private var position = 0

    init(_ input: Input, bufferSize: Int) {
        switch input {
        case .stream(let upstream): stream = upstream; memory = []
        case .memory(let bytes): stream = nil; memory = bytes
        }
        buffer = .allocate(byteCount: bufferSize, alignment: 16)
    }

    deinit { buffer.deallocate() }

    func fill(_ out: UnsafeMutablePointer<UnsafeRawPointer?>) -> Int {
        if failure != nil { return -1 }
        out.pointee = UnsafeRawPointer(buffer.baseAddress)
        guard stream != nil else {
            // Copied into the fixed buffer: the array's storage has no address
            // that outlives a closure.
            let n = min(buffer.count, memory.count - position)
            guard n > 0 else { return 0 }
            memory.withUnsafeBytes { src in
                buffer.baseAddress!.copyMemory(from: src.baseAddress! + position, byteCount: n)
            }
            position += n
            bytesRead += Int64(n)
            return n
        }
        do {
            let n = try stream!.read(into: buffer)
            bytesRead += Int64(n)
            return n
        } catch {
            failure = error
            return -1
        }
    }

    func seek(_ offset: Int64, whence: Int32) -> Int64 {
        guard stream == nil else { return Int64(ARCHIVE_FATAL) }
        let base: Int64
        switch whence {
        case SEEK_SET: base = 0
        case SEEK_CUR: base = Int64(position)
        case SEEK_END: base = Int64(memory.count)
        default: return Int64(ARCHIVE_FATAL)
        }
        let target = base + offset
        guard target >= 0, target <= Int64(memory.count) else { return Int64(ARCHIVE_FATAL) }
        position = Int(target)
        return target
    }

    func skip(_ request: Int64) -> Int64 {
        guard stream == nil, request > 0 else { return 0 }
        let n = min(request, Int64(memory.count - position))
        position += Int(n)
        bytesRead += n
        return n
    }
}
