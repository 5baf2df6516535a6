// GzipByteSource: streaming gunzip of an object (`.gz`, `.csv.gz`, ...).
//
// Why it exists: zlib does the inflating; this file only drives zlib's streaming
// API the way a scanner needs it, which no Swift package does on Linux:
// multi-member files (`cat a.gz b.gz`), trailing zero padding, the first member's
// FNAME, a bound on the output (decompression bombs), and damage (truncated or
// corrupt data) reported as a value after returning everything that could be
// inflated, instead of a thrown error that would lose the text already read.
// Memory is bounded: one fixed input buffer plus zlib's 32 KiB window.

import CZlib

/// What went wrong in a gzip stream. Recorded in `GzipByteSource.damage`; the
/// bytes inflated before the damage were all returned.
public enum GzipDamage: Equatable, Sendable {
    /// The input ended inside a member (header, deflate data or trailer), or the
    /// input was empty.
    case truncated
    /// zlib rejected the data (bad header, invalid deflate data, CRC or length
    /// mismatch, ...); the string is zlib's message.
    case corrupt(String)
    /// More than `maxOutputBytes` would have been produced; output stopped there.
    case outputLimitExceeded
}

/// Errors that are not about the data (those go to `damage`): zlib could not
/// allocate its state, or reported a misuse.
public enum GzipError: Error, Equatable, Sendable {
    case zlib(code: Int32, message: String)
}

/// Inflates a gzip stream read from `Upstream`.
///
/// A class, not a struct: zlib keeps a pointer to its `z_stream` (and to the
/// `gz_header`) and checks it on every call, so both must stay at one address
/// for the life of the stream and must never be copied.
public final class GzipByteSource<Upstream: ByteSource>: ByteSource {
    public static var defaultMaxOutputBytes: Int { 10_000_000_000 }
    public static var defaultInputBufferSize: Int { 64 * 1024 }
    /// Longest FNAME kept (longer names are cut).
    static var maxNameLength: Int { 1024 }

    public private(set) var upstream: Upstream
    public let maxOutputBytes: Int

    /// Set once the stream has ended badly; nil while reading and after a clean end.
    public private(set) var damage: GzipDamage?
    /// FNAME of the first member (the original file name), if it has one.
    public private(set) var memberName: String?
    /// Compressed bytes read from the upstream so far.
    public private(set) var compressedBytesRead: Int = 0
    /// Decompressed bytes returned so far (all members).
    public private(set) var totalOut: Int = 0
    /// Members that ended with a valid trailer.
    public private(set) var membersCompleted: Int = 0
    /// True once `read` has returned 0 (or will: damage recorded or clean end).
    public private(set) var isFinished = false

    private let stream: UnsafeMutablePointer<z_stream>
    private let header: UnsafeMutablePointer<gz_header>
    private let nameBuffer: UnsafeMutablePointer<UInt8>
    private let input: UnsafeMutableRawBufferPointer
    private var upstreamEnded = false
    /// Between the end of one member and the start of the next (or the end).
    private var betweenMembers = false
    private var headerCaptured = false
    /// Sink for the one byte inflated to test whether output goes past the limit.
    private var probeByte: UInt8 = 0

    /// - Parameters:
    ///   - upstream: the compressed bytes.
    ///   - maxOutputBytes: output stops after this many bytes, with
    ///     `damage == .outputLimitExceeded` if the stream holds more.
    ///   - inputBufferSize: size of the one compressed-input buffer.
    public init(upstream: Upstream,
                maxOutputBytes: Int = GzipByteSource.defaultMaxOutputBytes,
                inputBufferSize: Int = GzipByteSource.defaultInputBufferSize) throws {
        self.upstream = upstream
        self.maxOutputBytes = max(0, maxOutputBytes)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        header = .allocate(capacity: 1)
        header.initialize(to: gz_header())
        nameBuffer = .allocate(capacity: Self.maxNameLength + 1)
        nameBuffer.initialize(repeating: 0, count: Self.maxNameLength + 1)
        input = .allocate(byteCount: max(inputBufferSize, 16), alignment: 16)

        // windowBits 15 + 16: gzip wrapper only (the sniffer has seen 1f 8b), so a
        // zlib or raw stream is reported as corrupt rather than guessed at.
        let rc = inflateInit2_(stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else {
            let message = Self.message(stream, rc)
            stream.deallocate(); header.deallocate(); nameBuffer.deallocate(); input.deallocate()
            throw GzipError.zlib(code: rc, message: message)
        }
        requestHeader()
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        header.deallocate()
        nameBuffer.deallocate()
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !isFinished, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let remaining = maxOutputBytes - totalOut
        if remaining <= 0 {
            // At the limit: inflate one more byte into a probe to learn whether the
            // stream holds more (then it exceeds the limit) or ends here.
            let n = try withUnsafeMutablePointer(to: &probeByte) { try inflate(into: $0, capacity: 1) }
            if n > 0 { finish(.outputLimitExceeded) }
            return 0
        }
        let capacity = min(buffer.count, remaining, Int(UInt32.max))
        let n = try inflate(into: base, capacity: capacity)
        totalOut += n
        return n
    }

    /// Inflates into `out` until it is full, the stream ends, or (once some output
    /// exists) more input would have to be read. Returns the bytes produced.
    private func inflate(into out: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        var produced = 0
        while produced < capacity && !isFinished {
            if betweenMembers {
                skipZeroPadding()
                if stream.pointee.avail_in == 0 {
                    if upstreamEnded { finish(nil); break }
                    if produced > 0 { break }
                    try refill()
                    continue
                }
                // More non-zero input follows: it must be another member.
                let rc = inflateReset(stream)
                guard rc == Z_OK else { throw GzipError.zlib(code: rc, message: Self.message(stream, rc)) }
                betweenMembers = false
            }
            if stream.pointee.avail_in == 0 && !upstreamEnded {
                if produced > 0 { break }   // hand back what we have before blocking
                try refill()
                // Fall through even at the end of input: zlib may still hold output.
            }
            stream.pointee.next_out = (out + produced).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(capacity - produced)
            let rc = CZlib.inflate(stream, Z_NO_FLUSH)
            produced = capacity - Int(stream.pointee.avail_out)
            captureHeaderIfDone()
            switch rc {
            case Z_OK:
                continue
            case Z_STREAM_END:
                membersCompleted += 1
                betweenMembers = true
            case Z_BUF_ERROR:
                // No progress possible: zlib needs input (output space is never 0 here).
                guard stream.pointee.avail_in == 0 else {
                    throw GzipError.zlib(code: rc, message: "inflate made no progress with input available")
                }
                if upstreamEnded { finish(.truncated) }
            case Z_DATA_ERROR:
                finish(.corrupt(Self.message(stream, rc)))
            case Z_NEED_DICT:
                finish(.corrupt("deflate stream needs a preset dictionary"))
            default:
                // Z_MEM_ERROR or Z_STREAM_ERROR: not the data's fault.
                throw GzipError.zlib(code: rc, message: Self.message(stream, rc))
            }
        }
        return produced
    }

    private func refill() throws {
        let n = try upstream.read(into: input)
        if n == 0 {
            upstreamEnded = true
            stream.pointee.avail_in = 0
        } else {
            compressedBytesRead += n
            stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_in = UInt32(n)
        }
    }

    /// After a member: zero bytes (tape/block padding, as gzip(1) accepts) are skipped.
    private func skipZeroPadding() {
        guard var p = stream.pointee.next_in else { return }
        var left = stream.pointee.avail_in
        while left > 0 && p.pointee == 0 {
            p += 1
            left -= 1
        }
        stream.pointee.next_in = p
        stream.pointee.avail_in = left
    }

    private func finish(_ damage: GzipDamage?) {
        if self.damage == nil { self.damage = damage }
        isFinished = true
    }

    private func requestHeader() {
        header.pointee.name = nameBuffer
        header.pointee.name_max = UInt32(Self.maxNameLength)
        header.pointee.extra = nil
        header.pointee.comment = nil
        let rc = inflateGetHeader(stream, header)
        precondition(rc == Z_OK, "inflateGetHeader failed right after inflateInit2")
    }

    /// zlib fills `header` while it parses the first member's header and sets
    /// `done` to 1 at its end (inflateReset drops the request for later members).
    private func captureHeaderIfDone() {
        guard !headerCaptured, header.pointee.done == 1 else { return }
        headerCaptured = true
        guard header.pointee.name != nil else { return }   // zlib sets name to nil when FNAME is absent
        var length = 0
        while length < Self.maxNameLength && nameBuffer[length] != 0 { length += 1 }
        let bytes = UnsafeBufferPointer(start: nameBuffer, count: length)
        // RFC 1952 says ISO-8859-1, but gzip(1) stores the file name's bytes as
        // they are, which today is UTF-8: take UTF-8 when valid, else Latin-1.
        if let utf8 = String(validating: bytes, as: UTF8.self) {
            memberName = utf8
        } else {
            memberName = String(decoding: bytes.map { UInt16($0) }, as: UTF16.self)
        }
    }

    private static func message(_ stream: UnsafeMutablePointer<z_stream>, _ rc: Int32) -> String {
        if let msg = stream.pointee.msg { return String(cString: msg) }
        if let text = zError(rc) { return String(cString: text) }
        return "zlib error \(rc)"
    }
}
