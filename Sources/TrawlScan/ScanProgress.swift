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
        return u == 0 ? "\(bytes) B" : fixed(v, digits: 1) + " " + units[u]
    }

    /// `v` with `digits` decimals (0 to 3), as printf's "%.Nf" writes it: rounded from the
    /// exact binary value, a true tie to even. Written out because String(format:), first
    /// called at the end of a scan, cost about 4M instructions (1 ms) in Foundation's set-up.
    public static func fixed(_ v: Double, digits: Int) -> String {
        precondition((0...3).contains(digits), "ByteFormat.fixed: 0 to 3 decimals")
        guard v.isFinite else { return v.isNaN ? "nan" : (v < 0 ? "-inf" : "inf") }
        let scale = [1, 10, 100, 1000][digits]
        let product = v.magnitude * Double(scale)
        guard product < 1e15 else { return String(format: "%.\(digits)f", v) }
        // The product is rounded; when it lands on a tie, the exact product's remainder
        // (one fused multiply-add) says which side the binary value was on.
        let remainder = (-product).addingProduct(v.magnitude, Double(scale))
        var scaled = product.rounded(.toNearestOrEven)
        if product - product.rounded(.down) == 0.5 && remainder != 0 {
            scaled = remainder > 0 ? product.rounded(.up) : product.rounded(.down)
        }
        let units = Int(scaled)
        var out = (v.sign == .minus ? "-" : "") + String(units / scale)
        if digits > 0 {
            let fraction = String(units % scale)
            out += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return out
    }
}
