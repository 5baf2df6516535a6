// `trawl publish [FILE] [--spool DIR]`: sends an ASFF findings file (one finding per
// line, as `trawl scan --output` writes it) to Security Hub, then anything an earlier
// run left in the spool. The file is never modified. Findings filed under another
// account than the caller's are refused before anything is sent.

import ArgumentParser
import Foundation
import TrawlHub

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Send ASFF findings to AWS Security Hub (BatchImportFindings), with retries and a spool.")

    @Argument(help: "A findings file (JSON lines); without it, only the spool is sent.")
    var file: String?

    @OptionGroup var hub: HubOptions

    func run() throws {
        var findings: [[UInt8]] = []
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw Failure.usage("\(file): cannot read the findings file")
            }
            for (n, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
                do {
                    _ = try FindingDocument.identity([UInt8](line))
                } catch {
                    throw Failure.usage("\(file):\(n + 1): \(error)")
                }
                findings.append([UInt8](line))
            }
        }
        let connection = try hub.settings.connect()
        for (n, f) in findings.enumerated() {
            let identity = try FindingDocument.identity(f)
            let productPrefix = "arn:aws:securityhub:\(connection.region):\(connection.account):product/"
            guard identity.accountId == connection.account, identity.productArn.hasPrefix(productPrefix) else {
                throw Failure.usage("""
                    \(file ?? "-"):\(n + 1): the finding is filed under account \(identity.accountId) \
                    (\(identity.productArn)), but the credentials are account \(connection.account) in \
                    \(connection.region); Security Hub only accepts the caller's own findings \
                    (scan again with --account-id \(connection.account) --region \(connection.region))
                    """)
            }
        }
        var report = connection.publisher.publishSpool()
        if report.stopped == nil {
            let sent = connection.publisher.publish(findings)
            report.add(sent)
            report.leftInSpool = sent.leftInSpool
        }
        print(try HubSettings.conclude(report, spool: connection.publisher.spool.directory))
    }
}
