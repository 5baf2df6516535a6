// Writes JSON lines to a file as the scan goes (streamed in place, so `-` for stdout
// and /dev/null work), through stdio's buffer. A failed write is an error of the run.

#if canImport(Glibc)
import Glibc
#endif

public final class LineWriter {
    public let path: String
    private let file: UnsafeMutablePointer<FILE>

    public struct WriteError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Open `path` for writing ("-" is standard output).
    public init(path: String) throws {
        self.path = path
        if path == "-" {
            // A FILE of its own on a copy of fd 1, so its buffer is not shared with print().
            guard let f = fdopen(dup(1), "w") else {
                throw WriteError(path: path, reason: String(cString: strerror(errno)))
            }
            file = f
        } else {
            guard let f = fopen(path, "w") else {
                throw WriteError(path: path, reason: String(cString: strerror(errno)))
            }
            file = f
        }
    }

    public func writeLine(_ bytes: [UInt8]) throws {
        let ok = bytes.withUnsafeBytes { buf in
            fwrite(buf.baseAddress, 1, buf.count, file) == buf.count
        } && fputc(10, file) != EOF
        if !ok { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    }

    public func close() throws {
        let ok = fclose(file) == 0
        if !ok { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    }
}
