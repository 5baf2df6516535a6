// The live progress line on stderr (objects, bytes, MB/s, findings, elapsed), redrawn
// twice a second while a scan runs, only when stderr is a terminal.

import Foundation
import TrawlFindings

public final class ScanProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var objects = 0
    private var bytes: Int64 = 0
    private var findings = 0
    private let started = Date()
    private var timer: DispatchSourceTimer?

    public init() {}

    /// A progress reporter when stderr is a terminal, else nil.
    public static func forTerminal() -> ScanProgress? {
        isatty(2) != 0 ? ScanProgress() : nil
    }

    func objectDone(_ r: ClassificationResult) {
        lock.lock()
        objects += 1
        bytes += r.size
        if r.hasSensitiveData { findings += 1 }
        lock.unlock()
    }

    public func start() {
        let t = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        t.schedule(deadline: .now() + .milliseconds(500), repeating: .milliseconds(500))
        t.setEventHandler { [weak self] in self?.draw() }
        timer = t
        t.resume()
    }

    public func stop() {
        timer?.cancel()
        timer = nil
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw() {
        lock.lock()
        let (o, b, f) = (objects, bytes, findings)
        lock.unlock()
        let secs = max(Date().timeIntervalSince(started), 0.001)
        let line = String(format: "\r\u{1B}[K%d objects, %@, %.1f MB/s, %d with findings, %.0fs",
                          o, ByteFormat.human(b), Double(b) / secs / 1e6, f, secs)
        FileHandle.standardError.write(Data(line.utf8))
    }
}

public enum ByteFormat {
    public static func human(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var v = Double(bytes)
        var u = 0
        while v >= 1024 && u < units.count - 1 {
            v /= 1024
            u += 1
        }
        return u == 0 ? "\(bytes) B" : String(format: "%.1f %@", v, units[u])
    }
}
