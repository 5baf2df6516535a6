// What `trawl publish` and `trawl scan --publish securityhub` share: where Security Hub
// is (region, endpoint as the AWS CLI resolves them), who calls it (the SDKs'
// credential chain, --profile), the caller's account (STS GetCallerIdentity on the same
// endpoint override: Security Hub only accepts findings filed under it), the spool and
// the give-up timeout.

import ArgumentParser
import Foundation
import TrawlAWS
import TrawlHub

struct HubOptions: ParsableArguments {
    @Option(name: .customLong("endpoint-url"), help: "Security Hub (and STS) endpoint, e.g. a local emulator.")
    var endpointURL: String?

    @Option(help: "AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region).")
    var region: String?

    @Option(help: "Profile of the shared AWS files (else AWS_PROFILE, else default).")
    var profile: String?

    @Option(help: ArgumentHelp("Directory keeping findings not yet accepted (default: $XDG_STATE_HOME/trawl/spool).",
                               valueName: "dir"))
    var spool: String?

    @Option(name: .customLong("publish-timeout"), help: "Give up after this many seconds without an accepted finding.")
    var publishTimeout: Double = 60

    var settings: HubSettings {
        HubSettings(endpointURL: endpointURL, region: region, profile: profile, spool: spool,
                    publishTimeout: publishTimeout)
    }
}

/// The hub settings, from `publish`'s options or `scan`'s.
struct HubSettings {
    var endpointURL: String?
    var region: String?
    var profile: String?
    var spool: String?
    var publishTimeout: Double

    /// A connection to the hub, checked: credentials found, the caller's account known.
    struct Connection {
        let client: SecurityHubClient
        let account: String
        let region: String
        let publisher: FindingPublisher
    }

    func connect(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Connection {
        let configuration: AWSClientConfiguration
        do {
            configuration = try AWSClientConfiguration(environment: environment, profile: profile, region: region,
                                                       endpointURL: endpointURL)
        } catch {
            throw Failure.usage("\(error)")
        }
        guard let region = region ?? configuration.region else {
            throw Failure.usage("no region: give --region, AWS_REGION or AWS_DEFAULT_REGION, or set one in the profile")
        }
        let http = AWSHTTPClient(timeout: 30, caBundle: configuration.caBundle)
        let chain = CredentialChain(configuration: configuration, http: http, explicitProfile: profile != nil)
        let credentials: AWSCredentials
        do {
            guard let found = try chain.credentials() else { throw Failure.run("no AWS credentials found") }
            credentials = found
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.run("AWS credentials: \(error)")
        }
        let hubEndpoint: URL, stsEndpoint: URL
        do {
            hubEndpoint = try configuration.endpoint(for: .securityHub, region: region)
            stsEndpoint = try configuration.endpoint(for: .sts, region: region)
        } catch {
            throw Failure.usage("\(error)")
        }
        let account: String
        do {
            account = try STSClient(endpoint: stsEndpoint, region: region, http: http)
                .getCallerIdentity(credentials: credentials).account
        } catch {
            throw Failure.run("cannot tell which account the credentials belong to (STS GetCallerIdentity): \(error)")
        }
        let client = SecurityHubClient(endpoint: hubEndpoint, region: region, credentials: chain, http: http)
        let spoolDirectory = spool ?? Self.defaultSpool(environment)
        let findingSpool: FindingSpool
        do {
            findingSpool = try FindingSpool(directory: spoolDirectory)
        } catch {
            throw Failure.run("\(error)")
        }
        var options = FindingPublisher.Options()
        options.noProgressTimeout = publishTimeout
        return Connection(client: client, account: account, region: region,
                          publisher: FindingPublisher(client: client, spool: findingSpool, options: options))
    }

    static func defaultSpool(_ environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/trawl/spool" }
        return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.local/state/trawl/spool"
    }

    /// The end of a publish: what to print, and a failure when anything is left.
    static func conclude(_ report: PublishReport, spool: String) throws -> String {
        var lines = ["Published \(report.accepted) findings to Security Hub."]
        for r in report.rejected {
            lines.append("Refused by Security Hub: \(r.id): \(r.code) \(r.message)")
        }
        for id in report.tooLarge {
            lines.append("Not sent (over Security Hub's 240 KB per finding): \(id)")
        }
        if report.leftInSpool > 0 {
            throw Failure.run(lines.joined(separator: "\n") + "\n" + (report.stopped.map { "Publishing stopped: \($0).\n" } ?? "")
                + "\(report.leftInSpool) findings wait in the spool \(spool); run `trawl publish --spool \(spool)` to send them.")
        }
        if !report.rejected.isEmpty {
            throw Failure.run(lines.joined(separator: "\n") + "\n\(report.rejected.count) findings were refused.")
        }
        return lines.joined(separator: "\n")
    }
}
