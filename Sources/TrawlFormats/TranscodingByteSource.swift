// TranscodingByteSource: the ByteSource adapter the scanner reads text through;
// it turns any sniffed text encoding into UTF-8 with TextTranscoder.
//
// Why it exists: detectors read a ByteSource of UTF-8; this adapter keeps one
// fixed input buffer, allocated when first needed (and, only when the caller's
// buffer is too small to take a whole converted chunk, one fixed overflow buffer),
// so memory stays bounded whatever the object size. Valid UTF-8, the common case,
// is read into the caller's buffer and only checked. Hand-written for the reasons
// given in TextTranscoder.

/// Reads `Upstream` (text in `encoding`) and yields it as well-formed UTF-8.
public struct TranscodingByteSource<Upstream: ByteSource>: ByteSource {
    public static var defaultInputBufferSize: Int { 64 * 1024 }

    public private(set) var upstream: Upstream
    public private(set) var transcoder: TextTranscoder
    public var encoding: TextEncoding { transcoder.encoding }
    /// Bytes read from the upstream so far.
    public private(set) var bytesIn: Int = 0
    /// UTF-8 bytes returned so far.
    public private(set) var bytesOut: Int = 0

    /// Allocated on first use: valid UTF-8 never needs it.
    private var input: [UInt8] = []
    private let inputSize: Int
    /// Converted bytes not yet returned (used only for small caller buffers).
    private var pending: [UInt8] = []
    private var pendingStart = 0
    private var pendingEnd = 0
    private var finished = false

    public init(upstream: Upstream, encoding: TextEncoding,
                inputBufferSize: Int = TranscodingByteSource.defaultInputBufferSize) {
        self.upstream = upstream
        self.transcoder = TextTranscoder(encoding: encoding)
        self.inputSize = max(inputBufferSize, 1)
    }

    private mutating func allocateInput() {
        if input.isEmpty { input = [UInt8](repeating: 0, count: inputSize) }
    }

    /// UTF-8 is read straight into the caller's buffer and checked there: valid text, most
    /// of it, is its own conversion, so it is neither copied into `input` nor converted
    /// into `buffer` (a 16 MiB log: about 30M instructions fewer). Returns the bytes ready
    /// at the buffer's start, or nil when the read left nothing ready yet (a cut sequence
    /// went into the transcoder's carry, or the bytes from an invalid one on went through
    /// the transcoder into `pending`).
    private mutating func readUTF8InPlace(into buffer: UnsafeMutableRawBufferPointer) throws -> Int? {
        let dst = buffer.baseAddress!
        // No more than `input` holds: the bytes from an invalid sequence on are copied there.
        var n = try upstream.read(into: UnsafeMutableRawBufferPointer(start: dst, count: min(buffer.count, inputSize)))
        bytesIn += n
        if n == 0 {
            finished = true     // (nothing is held: no BOM's first bytes, no carry)
            return 0
        }
        let text = dst.assumingMemoryBound(to: UInt8.self)
        if transcoder.atUTF8Start {
            guard let bom = transcoder.takeUTF8ByteOrderMark(text, n) else {
                convertThroughInput(UnsafeRawBufferPointer(start: dst, count: n))
                return nil
            }
            if bom > 0 {
                // Once per text: the rest moves over the BOM.
                dst.copyMemory(from: dst + bom, byteCount: n - bom)
                n -= bom
            }
        }
        let (valid, invalid) = transcoder.acceptUTF8InPlace(text, n)
        if invalid { convertThroughInput(UnsafeRawBufferPointer(start: dst + valid, count: n - valid)) }
        if valid == 0 { return nil }
        bytesOut += valid
        return valid
    }

    /// Converts `bytes` (in the caller's buffer, which the next call overwrites) into
    /// `pending`, through `input`.
    private mutating func convertThroughInput(_ bytes: UnsafeRawBufferPointer) {
        allocateInput()
        input.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
        convertInputIntoPending(bytes.count, isFinal: false)
    }

    /// Converts the first `count` bytes of `input` into `pending`.
    private mutating func convertInputIntoPending(_ count: Int, isFinal: Bool) {
        if pending.count < TextTranscoder.maxOutputCount(forInputCount: count) {
            pending = [UInt8](repeating: 0, count: TextTranscoder.maxOutputCount(forInputCount: input.count))
        }
        pendingStart = 0
        pendingEnd = input.withUnsafeBytes { inp in
            pending.withUnsafeMutableBytes { out in
                transcoder.transcode(UnsafeRawBufferPointer(rebasing: inp[..<count]), isFinal: isFinal, into: out)
            }
        }
    }

    /// Returns UTF-8 bytes. Text is converted straight into `buffer` with no copy when
    /// it can hold a converted input chunk at worst (3 bytes per input byte): the chunk is
    /// the input buffer, or less when `buffer` is smaller (4 KiB of input at least).
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0, let dst = buffer.baseAddress else { return 0 }
        while true {
            if pendingStart < pendingEnd {
                let n = min(buffer.count, pendingEnd - pendingStart)
                pending.withUnsafeBytes { src in
                    dst.copyMemory(from: src.baseAddress! + pendingStart, byteCount: n)
                }
                pendingStart += n
                bytesOut += n
                return n
            }
            if finished { return 0 }
            if transcoder.passesUTF8InPlace && buffer.count >= 4096 {
                if let n = try readUTF8InPlace(into: buffer) { return n }
                continue
            }

            allocateInput()
            // As much input as converts straight into the caller's buffer at worst, so the
            // text is not converted into `pending` and copied again (the readers' 64 KiB
            // buffers take about 21 KiB of input at a time).
            let direct = (buffer.count - TextTranscoder.maxOutputCount(forInputCount: 0)) / 3
            let want = direct >= 4096 ? min(input.count, direct) : input.count
            let n = try input.withUnsafeMutableBytes { try upstream.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<want])) }
            bytesIn += n
            let isFinal = n == 0
            if isFinal { finished = true }
            let needed = TextTranscoder.maxOutputCount(forInputCount: n)
            if buffer.count >= needed {
                let written = input.withUnsafeBytes { inp in
                    transcoder.transcode(UnsafeRawBufferPointer(rebasing: inp[..<n]),
                                         isFinal: isFinal, into: buffer)
                }
                if written > 0 {
                    bytesOut += written
                    return written
                }
                continue
            }
            convertInputIntoPending(n, isFinal: isFinal)
        }
    }
}
