// The `trawl` command line (swift-argument-parser). Exit codes, as DESIGN.md sets
// them: 0 the run completed; 1 the run itself failed; 2 bad usage or configuration;
// 3 findings at or above --fail-on.

import ArgumentParser
import Foundation
import TrawlDetectors
import TrawlManagedCatalog

@main
struct Trawl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trawl",
        abstract: "Find sensitive data in object storage and report it as Macie-style ASFF findings.",
        subcommands: [ScanCommand.self, PublishCommand.self, DetectorsCommand.self])

    static func main() {
        // The shipped identifiers, compiled in when Trawl was built (not parsed at start),
        // and a scan's detector set built while its command line is parsed.
        CompiledManagedCatalog.install()
        if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "scan" {
            DefaultDetectorSet.start(for: CommandLine.arguments.dropFirst(2))
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as Failure {
            failure.exit()
        } catch {
            exit(withError: error)
        }
    }

    /// ArgumentParser exits 64 (EX_USAGE) on bad usage; Trawl's contract says 2.
    static func exit(withError error: Error) -> Never {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
            Foundation.exit(0)
        }
        if !message.isEmpty { FileHandle.standardError.write(Data(("trawl: " + message + "\n").utf8)) }
        if code.rawValue == 64 { Foundation.exit(TrawlExit.usage) }
        Foundation.exit(code.rawValue)
    }
}

enum TrawlExit {
    static let ok: Int32 = 0
    static let runFailed: Int32 = 1
    static let usage: Int32 = 2
    static let findingsAtThreshold: Int32 = 3
}

/// An error that already carries its message and exit code.
struct Failure: Error, CustomStringConvertible {
    let message: String
    let code: Int32
    var description: String { message }

    static func usage(_ message: String) -> Failure { Failure(message: message, code: TrawlExit.usage) }
    static func run(_ message: String) -> Failure { Failure(message: message, code: TrawlExit.runFailed) }
}

extension Failure {
    func exit() -> Never {
        FileHandle.standardError.write(Data(("trawl: " + message + "\n").utf8))
        Foundation.exit(code)
    }
}
