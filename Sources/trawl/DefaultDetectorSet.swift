// The detector set of a scan whose options leave the detectors as they are (the shipped
// catalogue, Trawl's default selection (ALL), no configuration file), started on other
// threads while the command line is parsed: the argument parser and the set's build were
// the two halves of a scan's start-up, one after the other on the main thread. A scan
// whose options change the set builds its own (DetectorOptions.load), and this one is
// not started when the command line names such an option.

import Dispatch
import Synchronization
import TrawlDetectors

final class DefaultDetectorSet: @unchecked Sendable {
    // `result` is written once, before `ready` is signalled, and only read after it.
    private var result: Result<DetectorSet, any Error>?
    private let ready = DispatchSemaphore(value: 0)

    private static let started = Mutex<DefaultDetectorSet?>(nil)

    /// The options after which a scan's set may differ from the default one.
    static let options = ["--config", "--managed-identifiers", "--include-identifiers", "--exclude-identifiers",
                          "--detectors"]

    /// Starts building the default set when a scan's `arguments` (after `scan`) name none
    /// of `options`. Later calls do nothing.
    static func start(for arguments: ArraySlice<String>) {
        guard !arguments.contains(where: { arg in
            options.contains { arg == $0 || arg.hasPrefix($0 + "=") }
        }) else { return }
        started.withLock { state in
            guard state == nil else { return }
            let building = DefaultDetectorSet()
            DispatchQueue.global().async {
                building.result = Result {
                    try DetectorOptions.build(extraDirectories: [], config: nil, managed: nil, include: nil,
                                              exclude: nil)
                }
                building.ready.signal()
            }
            state = building
        }
    }

    /// The default set, once built (its error, if building it failed); nil when it was
    /// not started.
    static func take() throws -> DetectorSet? {
        guard let building = started.withLock({ $0 }) else { return nil }
        building.ready.wait()
        building.ready.signal()
        return try building.result!.get()
    }
}
