// Decodes the Japanese encodings (CP932, EUC-JP-MS, ISO-2022-JP) to UTF-8 with glibc's
// iconv(3), chunk by chunk: a multi-byte sequence cut at a chunk's end is carried over
// (EINVAL), a byte that starts no valid sequence becomes U+FFFD (EILSEQ) and is counted,
// and ISO-2022-JP's shift state lives in the conversion descriptor across chunks.
// iconv is the system's converter (no table of our own); one decoder per text stream.

#if canImport(Glibc)
import Glibc
#endif

final class IconvDecoder: @unchecked Sendable {
    private let descriptor: iconv_t
    /// Bytes of an incomplete sequence from the previous chunk.
    private var carry: [UInt8] = []
    private(set) var substitutions = 0

    init?(from name: String) {
        let cd = iconv_open("UTF-8", name)
        guard let cd, Int(bitPattern: cd) != -1 else { return nil }
        descriptor = cd
    }

    deinit { iconv_close(descriptor) }

    /// Decode `n` bytes at `src` into `out` (room for 3 bytes per input byte plus 24);
    /// returns the UTF-8 bytes written.
    func decode(_ src: UnsafePointer<UInt8>, _ n: Int, isFinal: Bool, _ out: UnsafeMutablePointer<UInt8>) -> Int {
        var input = carry
        input.append(contentsOf: UnsafeBufferPointer(start: src, count: n))
        carry.removeAll(keepingCapacity: true)
        var written = 0
        input.withUnsafeMutableBufferPointer { inBuf in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?
                .assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            let room = 3 * inBuf.count + 24
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out).assumingMemoryBound(to: CChar.self)
            var outLeft = room
            while inLeft > 0 {
                if iconv(descriptor, &inPtr, &inLeft, &outPtr, &outLeft) != -1 { break }
                let code = errno
                if code == EINVAL && !isFinal {
                    // An incomplete sequence at the end: keep it for the next chunk.
                    carry = Array(UnsafeBufferPointer(start: UnsafeRawPointer(inPtr!).assumingMemoryBound(to: UInt8.self),
                                                      count: inLeft))
                    break
                }
                // An invalid (or, at the end, incomplete) byte: U+FFFD, and go on after it.
                guard outLeft >= 3 else { break }
                for b: UInt8 in [0xEF, 0xBF, 0xBD] {
                    outPtr!.pointee = CChar(bitPattern: b)
                    outPtr! += 1
                }
                outLeft -= 3
                inPtr! += 1
                inLeft -= 1
                substitutions += 1
            }
            if isFinal {
                // Return to the initial shift state (ISO-2022-JP).
                _ = iconv(descriptor, nil, nil, &outPtr, &outLeft)
            }
            written = room - outLeft
        }
        return written
    }
}
