// `trawl scan ROOT|s3://BUCKET[/PREFIX]`: classify every object of a bucket-style tree or
// of S3 (or an S3-compatible store), write ASFF findings and result lines as it goes,
// print the summary.

import ArgumentParser
import Foundation
import TrawlAWS
import TrawlDetectors
import TrawlFindings
import TrawlHub
import TrawlScan
import TrawlStorage

// Each enum gives its value strings itself, not through ArgumentParser's generic default:
// the parser asks for them 32 times a run, and unspecialised each answer cost about 80k
// instructions (2.7M of a scan's start-up).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// AWS Security Finding Format (Security Hub's BatchImportFindings input).
    case asff
    /// OCSF Data Security Finding (class 2006), schema 1.6.0.
    case ocsf

    static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

enum PublishTarget: String, ExpressibleByArgument, CaseIterable {
    case securityhub

    static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension SeverityLevel: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
extension IdentifierSelection.Managed: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Classify every object under ROOT (a bucket-style tree: each directory directly under it is a bucket) or in S3.")

    @Argument(help: ArgumentHelp("The scan root: a directory whose sub-directories are buckets, or s3://BUCKET[/PREFIX] "
                                 + "(s3:// alone: every bucket of the caller).", valueName: "root|s3://bucket[/prefix]"))
    var root: String

    @Option(help: ArgumentHelp("Write ASFF findings here, one JSON object per line ('-' for stdout).", valueName: "file"))
    var output: String?

    @Option(help: "Findings format for --output: asff (Security Hub) or ocsf (OCSF Data Security Finding). --publish always sends ASFF.")
    var format: OutputFormat = .asff

    @Option(help: ArgumentHelp("Write one classification result line per object here ('-' for stdout).", valueName: "file"))
    var results: String?

    @Option(help: "Worker threads (default: the number of cores).")
    var jobs: Int?

    @Flag(help: "Print no summary and no progress line.")
    var quiet = false

    @Option(name: .customLong("fail-on"), help: "Exit 3 when any finding has this severity or higher (LOW, MEDIUM, HIGH).")
    var failOn: SeverityLevel?

    @Option(name: .customLong("account-id"), help: "AWS account for findings (default: AWS_ACCOUNT_ID, else 000000000000).")
    var accountId: String?

    @Option(help: "AWS region for findings and S3 (default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1).")
    var region: String?

    @Option(name: .customLong("managed-identifiers"),
            help: "Which managed identifiers run: ALL (default), RECOMMENDED or NONE; overrides the config file's selector.")
    var managedIdentifiers: IdentifierSelection.Managed?

    @Option(help: ArgumentHelp("A trawl.yml configuration file (managedDataIdentifierSelector, managedDataIdentifierIds).",
                               valueName: "file"))
    var config: String?

    @Option(name: .customLong("include-identifiers"), help: "Comma-separated identifier IDs to run in addition.")
    var includeIdentifiers: String?

    @Option(name: .customLong("exclude-identifiers"), help: "Comma-separated identifier IDs not to run.")
    var excludeIdentifiers: String?

    @Option(name: .customLong("detectors"), help: ArgumentHelp("A directory of extra detector files (same id replaces a shipped one).", valueName: "dir"))
    var detectorDirs: [String] = []

    @Option(help: ArgumentHelp("Only keys matching this glob (repeatable; gitignore-like: *, ?, **).", valueName: "glob"))
    var include: [String] = []

    @Option(help: ArgumentHelp("Not keys matching this glob (repeatable).", valueName: "glob"))
    var exclude: [String] = []

    @Option(help: "Only these extensions, comma-separated (csv,json,...).")
    var extensions: String?

    @Option(name: .customLong("min-size"), help: "Only objects of at least this many bytes.")
    var minSize: Int64?

    @Option(name: .customLong("max-size"), help: "Only objects of at most this many bytes.")
    var maxSize: Int64?

    @Option(name: .customLong("modified-after"), help: "Only objects modified after this ISO 8601 date or time.")
    var modifiedAfter: String?

    @Option(name: .customLong("modified-before"), help: "Only objects modified before this ISO 8601 date or time.")
    var modifiedBefore: String?

    @Option(help: "Classify this percentage of the objects, picked by a hash of bucket and key (deterministic).")
    var sample: Double?

    @Option(name: .customLong("sample-seed"), help: "Another seed picks another sample.")
    var sampleSeed: String = ""

    @Option(help: ArgumentHelp("Classify shard I of N (0-based), or 'auto' (JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX, and TRAWL_SHARD_COUNT). "
                               + "In --output, --results, --state, --spool and --summary-json, {shard} stands for I.",
                               valueName: "I/N|auto"))
    var shard: String?

    @Option(name: .customLong("summary-json"), help: ArgumentHelp("Write the summary (per bucket, with its sensitivity score) as JSON here.", valueName: "file"))
    var summaryJSON: String?

    @Option(help: "Publish findings as the scan goes (the account is the credentials' own).")
    var publish: PublishTarget?

    @Option(name: .customLong("endpoint-url"),
            help: "Endpoint of S3 for s3:// roots (path-style addressing) and of Security Hub (and STS) for --publish.")
    var endpointURL: String?

    @Option(help: "Profile of the shared AWS files for s3:// roots and --publish (else AWS_PROFILE, else default).")
    var profile: String?

    @Option(help: ArgumentHelp("Directory keeping findings not yet accepted (--publish).", valueName: "dir"))
    var spool: String?

    @Option(name: .customLong("publish-timeout"), help: "Give up publishing after this many seconds without progress.")
    var publishTimeout: Double = 60

    @Option(name: .customLong("previous-findings"),
            help: ArgumentHelp("Findings of an earlier scan: those no longer true are archived in Security Hub (--publish).",
                               valueName: "file"))
    var previousFindings: String?

    @Option(help: ArgumentHelp("Incremental scans: a SQLite file keeping each object's change token and result; "
                               + "unchanged objects are reported from it (\"reused\": true), deleted ones counted.",
                               valueName: "file"))
    var state: String?

    func validate() throws {
        if let jobs, jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must be between 1 and 1024, not \(jobs)") }
    }

    func run() throws {
        // `{shard}` in a file option is the shard index (ShardPlaceholder.swift).
        let shardIndex = try shard.map { try Self.parseShard($0, environment: ProcessInfo.processInfo.environment) }
        let output = try ShardPlaceholder.expand(self.output, option: "--output", shard: shardIndex)
        let results = try ShardPlaceholder.expand(self.results, option: "--results", shard: shardIndex)
        let summaryJSON = try ShardPlaceholder.expand(self.summaryJSON, option: "--summary-json", shard: shardIndex)
        let spool = try ShardPlaceholder.expand(self.spool, option: "--spool", shard: shardIndex)
        let statePath = try ShardPlaceholder.expand(self.state, option: "--state", shard: shardIndex)
        let source = try makeSource()
        var identity = try FindingIdentity.resolve(accountId: accountId, region: region)
        var connection: HubSettings.Connection?
        if publish == .securityhub {
            let hub = try HubSettings(endpointURL: endpointURL, region: region, profile: profile, spool: spool,
                                      publishTimeout: publishTimeout).connect()
            if let accountId, accountId != hub.account {
                throw Failure.usage("--account-id \(accountId) is not the account of the credentials (\(hub.account)); "
                                    + "Security Hub only accepts findings filed under the caller's account")
            }
            identity = FindingIdentity(accountId: hub.account, region: hub.region, notes: [])
            connection = hub
        } else if previousFindings != nil {
            throw Failure.usage("--previous-findings archives findings in Security Hub: it needs --publish securityhub")
        }
        let previous = try previousFindings.map(Self.readFindings) ?? []
        let streaming = connection.map { StreamingPublisher(publisher: $0.publisher) }
        var publishedIds = Set<String>()
        var outOfScope = 0
        var stateArchived = 0
        let detectors = try DetectorOptions.load(extraDirectories: detectorDirs, config: config, managed: managedIdentifiers,
                                                 include: includeIdentifiers, exclude: excludeIdentifiers)

        let scanState = try openState(statePath, detectors: detectors)

        let resultsWriter: LineWriter?
        let findingsWriter: LineWriter?
        do {
            resultsWriter = try results.map { try LineWriter(path: $0) }
            findingsWriter = try output.map { try LineWriter(path: $0) }
        } catch {
            throw Failure.run("\(error)")
        }
        let context = ASFFContext(accountId: identity.accountId, region: identity.region,
                                  generatorId: "trawl/sensitive-data-discovery", now: Date())
        let asff = ASFFEncoder()
        let ocsf = OCSFEncoder()
        let lines = ResultLineEncoder()
        var summary = ScanSummary()
        var writeError: Error?
        // Each result's line and finding are encoded on the worker that produced it
        // (ScanRunner's `prepare`); the ordered delivery only writes and publishes them.
        let writesLines = resultsWriter != nil, outputFormat = format
        let encode: @Sendable (ClassificationResult) -> EncodedResult = { result in
            var line: [UInt8] = []
            if writesLines { lines.encode(result, appendingTo: &line) }
            return EncodedResult(line: line, finding: asff.encode(result, context: context),
                                 event: outputFormat == .ocsf ? ocsf.encode(result, context: context) : nil)
        }
        var settings = ScanSettings(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                    limits: try DetectorOptions.objectLimits(config: config))
        settings.scope = try scanScope(shard: shardIndex)
        let progress = quiet ? nil : ScanProgress.forTerminal()
        progress?.start()
        let started = Date()
        do {
            outOfScope = try ScanRunner.run(source: source, detectors: detectors,
                                            settings: settings, progress: progress,
                                            reuse: scanState.map { s in { @Sendable ref in s.reusableResult(for: ref) } },
                                            prepare: encode) { result, encoded in
                summary.add(result)
                guard writeError == nil else { return }
                do {
                    if let resultsWriter { try resultsWriter.writeLine(encoded.line) }
                    if let findingsWriter, let event = encoded.event { try findingsWriter.writeLine(event) }
                    let finding = encoded.finding
                    if let finding {
                        if format == .asff { try findingsWriter?.writeLine(finding) }
                    }
                    guard let scanState else {
                        if let finding, let streaming {
                            streaming.submit(finding)
                            if let id = try? FindingDocument.identity(finding).id { publishedIds.insert(id) }
                        }
                        return
                    }
                    // Incremental: a reused finding Security Hub already holds is not sent
                    // again (it stays current); one it no longer holds true is archived.
                    let findingId = finding.map { _ in
                        FindingId.make(accountId: identity.accountId, bucket: result.bucket ?? "", key: result.key,
                                       versionToken: result.versionToken)
                    }
                    if let streaming {
                        let sent = try scanState.publishedFinding(bucket: result.bucket, key: result.key)
                        if let finding, let findingId {
                            publishedIds.insert(findingId)
                            if !result.reused || sent?.id != findingId { streaming.submit(finding) }
                        }
                        if let sent, sent.id != findingId,
                           let archived = try? FindingDocument.updated(sent.finding, updatedAt: FindingDocument.timestamp(Date()),
                                                                       recordState: "ARCHIVED") {
                            streaming.submit(archived)
                            stateArchived += 1
                        }
                    }
                    try scanState.record(result, findingId: findingId, finding: finding)
                } catch {
                    writeError = error
                }
            }
        } catch {
            progress?.stop()
            throw Failure.run("\(error)")
        }
        progress?.stop()
        summary.elapsedSeconds = Date().timeIntervalSince(started)
        var deleted: [DeletedObject] = []
        if let scanState, writeError == nil {
            do { deleted = try scanState.deletedObjects(scope: settings.scope) } catch { writeError = error }
            if let streaming {
                let stamp = FindingDocument.timestamp(Date())
                for d in deleted {
                    guard let sent = d.publishedFinding,
                          let archived = try? FindingDocument.updated(sent, updatedAt: stamp, recordState: "ARCHIVED") else { continue }
                    streaming.submit(archived)
                    stateArchived += 1
                }
            }
        }
        do {
            try resultsWriter?.close()
            try findingsWriter?.close()
        } catch {
            writeError = writeError ?? error
        }
        if let writeError { throw Failure.run("\(writeError)") }

        if let summaryJSON {
            do {
                let writer = try LineWriter(path: summaryJSON)
                try writer.writeLine(summary.json())
                try writer.close()
            } catch {
                throw Failure.run("\(error)")
            }
        }

        var publishText: String?
        if let streaming, let connection {
            var report = streaming.finish()
            // What an earlier scan found and this one did not (clean, changed or deleted
            // objects) is no longer true: archived, so Security Hub shows only what is.
            let stale = previous.filter { !publishedIds.contains((try? FindingDocument.identity($0).id) ?? "") }
            let stamp = FindingDocument.timestamp(Date())
            let archived = stale.compactMap { try? FindingDocument.updated($0, updatedAt: stamp, recordState: "ARCHIVED") }
            if !archived.isEmpty && report.stopped == nil {
                let sent = connection.publisher.publish(archived)
                report.add(sent)
                report.leftInSpool = sent.leftInSpool
            }
            do {
                publishText = try HubSettings.conclude(report, spool: connection.publisher.spool.directory)
                    + (archived.isEmpty ? "" : "\nArchived \(archived.count) findings of the previous scan.")
                    + (stateArchived == 0 ? "" : "\nArchived \(stateArchived) findings of objects changed, cleaned or deleted since the last scan.")
                do { try scanState?.markPublished() } catch { throw Failure.run("--state \(error)") }
            } catch let failure as Failure {
                if !quiet { FileHandle.standardError.write(Data(summary.render(notes: identity.notes).utf8)) }
                throw failure
            }
        }

        do { try scanState?.removeDeleted(deleted) } catch { throw Failure.run("--state \(error)") }

        if !quiet {
            var notes = identity.notes
            if let scanState {
                if scanState.isNew {
                    notes.append("New state \(scanState.path): every object was classified.")
                } else if scanState.fingerprintChanged {
                    notes.append("The detectors or the configuration changed since the last scan: every object was classified again.")
                }
                func objects(_ n: Int) -> String { n == 1 ? "1 object" : "\(n) objects" }
                notes.append("\(objects(summary.reused)) reused from the state (unchanged since the last scan).")
                notes.append("\(objects(deleted.count)) deleted since the last scan.")
            }
            notes.append("\(detectors.types.count) identifier types in \(detectors.detectors.count) detectors, \(settings.jobs) jobs.")
            if outOfScope > 0 { notes.append("\(outOfScope) objects outside the scope (--include/--exclude, size, time, --sample, --shard) were not classified.") }
            if let publishText { notes.append(publishText) }
            let text = summary.render(notes: notes)
            if output == "-" || results == "-" {
                FileHandle.standardError.write(Data(text.utf8))
            } else {
                print(text, terminator: "")
            }
        }
        if let s3 = source as? S3BucketSource, !s3.listingErrors.isEmpty {
            throw Failure.run("S3 listing failed part-way; what it listed was scanned, the rest was not: "
                              + s3.listingErrors.joined(separator: "; "))
        }
        if let failOn, let highest = summary.highestSeverity, highest >= failOn {
            throw Failure(message: "findings at or above \(failOn.rawValue) (highest: \(highest.rawValue))",
                          code: TrawlExit.findingsAtThreshold)
        }
    }
}

extension ScanCommand {
    /// The source ROOT names: a local bucket-style tree, or S3 for s3://BUCKET[/PREFIX] (the
    /// SDKs' credential chain and --profile; --region; the endpoint from --endpoint-url,
    /// AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL or the profile). Credentials are resolved
    /// here, so their absence fails the run before anything is written.
    func makeSource(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any ObjectSource {
        guard root.hasPrefix("s3://") else {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else {
                throw Failure.usage("\(root): not a directory (the scan root must be a bucket-style tree)")
            }
            return LocalBucketSource(root: root)
        }
        let location: S3Location
        let configuration: AWSClientConfiguration
        do {
            location = try S3Location.parse(root)
            configuration = try AWSClientConfiguration(environment: environment, profile: profile, region: region,
                                                       endpointURL: endpointURL)
        } catch {
            throw Failure.usage("\(error)")
        }
        let http = AWSHTTPClient(timeout: 30, caBundle: configuration.caBundle)
        let chain = CredentialChain(configuration: configuration, http: http, explicitProfile: profile != nil)
        do {
            guard try chain.credentials() != nil else { throw Failure.run("no AWS credentials found for \(root)") }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.run("AWS credentials for \(root): \(error)")
        }
        do {
            let client = try S3Client(configuration: configuration, region: region, credentials: chain, http: http)
            return S3BucketSource(client: client, location: location)
        } catch {
            throw Failure.usage("\(error)")
        }
    }

    /// The scope: the config file's `scope:` with the flags added (bounds: the flags win).
    /// `shard` is --shard parsed (parseShard).
    func scanScope(shard: (index: Int, count: Int)?) throws -> ObjectScope {
        var scope = ObjectScope()
        var after = modifiedAfter, before = modifiedBefore
        if let config {
            let fileScope: ScanConfiguration.Scope
            do { fileScope = try ScanConfiguration.load(path: config).scope } catch { throw Failure.usage(error.description) }
            scope.include = fileScope.include
            scope.exclude = fileScope.exclude
            scope.extensions = fileScope.extensions
            scope.minSize = fileScope.minSize.map(Int64.init)
            scope.maxSize = fileScope.maxSize.map(Int64.init)
            after = after ?? fileScope.modifiedAfter
            before = before ?? fileScope.modifiedBefore
        }
        scope.include += include
        scope.exclude += exclude
        if let extensions {
            scope.extensions += extensions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }.filter { !$0.isEmpty }
        }
        if let minSize { scope.minSize = minSize }
        if let maxSize { scope.maxSize = maxSize }
        for (flag, text) in [("--modified-after", after), ("--modified-before", before)] {
            guard let text else { continue }
            guard let t = ScanConfiguration.parseTime(text) else {
                throw Failure.usage("\(flag): '\(text)' is not an ISO 8601 date (2024-01-31) or time (2024-01-31T12:00:00Z)")
            }
            if flag == "--modified-after" { scope.modifiedAfter = t } else { scope.modifiedBefore = t }
        }
        if let sample {
            guard sample > 0 && sample <= 100 else { throw Failure.usage("--sample: \(sample) is not a percentage in (0, 100]") }
            scope.samplePercent = sample
            scope.sampleSeed = sampleSeed
        }
        scope.shard = shard
        return scope
    }

    /// The --state database, checked against this root, with the fingerprint of what
    /// decides a classification (detectors, the config file's bytes, allow lists, limits).
    func openState(_ state: String?, detectors: DetectorSet) throws -> ScanState? {
        guard let state else { return nil }
        var parts = ["limits: " + String(reflecting: try DetectorOptions.objectLimits(config: config))]
        if let config {
            parts.append("config: " + String(decoding: FileManager.default.contents(atPath: config) ?? Data(), as: UTF8.self))
            if let loaded = try? ScanConfiguration.load(path: config) { parts.append("allow lists: " + String(reflecting: loaded.allowLists)) }
        }
        // The identity the state belongs to: the URL of an S3 source, a local root's real path.
        let source = root.hasPrefix("s3://") ? root
            : URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
        do {
            return try ScanState(path: state, source: source, fingerprint: ScanState.fingerprint(detectors: detectors, parts: parts),
                                 readers: max(2, jobs ?? ProcessInfo.processInfo.activeProcessorCount))
        } catch let error as ScanStateError {
            throw error.isUsage ? Failure.usage("--state \(error)") : Failure.run("--state \(error)")
        }
    }

    /// "I/N" or "auto" (the batch engine's index, TRAWL_SHARD_COUNT for N).
    static func parseShard(_ text: String, environment: [String: String]) throws -> (index: Int, count: Int) {
        let index: Int, count: Int
        if text == "auto" {
            guard let i = (environment["JOB_COMPLETION_INDEX"] ?? environment["AWS_BATCH_JOB_ARRAY_INDEX"]).flatMap({ Int($0) }) else {
                throw Failure.usage("--shard auto: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs) nor AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array jobs) is set")
            }
            guard let n = environment["TRAWL_SHARD_COUNT"].flatMap({ Int($0) }) else {
                throw Failure.usage("--shard auto: TRAWL_SHARD_COUNT (the number of shards) is not set")
            }
            index = i
            count = n
        } else {
            let parts = text.split(separator: "/")
            guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
                throw Failure.usage("--shard: '\(text)' is not I/N (e.g. 0/4) or auto")
            }
            index = i
            count = n
        }
        guard count >= 1, index >= 0, index < count else {
            throw Failure.usage("--shard: index \(index) is not in 0..<\(count)")
        }
        return (index, count)
    }

    /// The findings of an earlier scan (ASFF JSON lines).
    static func readFindings(_ path: String) throws -> [[UInt8]] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure.usage("\(path): cannot read the previous findings")
        }
        var out: [[UInt8]] = []
        for (n, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            guard (try? FindingDocument.identity([UInt8](line))) != nil else {
                throw Failure.usage("\(path):\(n + 1): not an ASFF finding")
            }
            out.append([UInt8](line))
        }
        return out
    }
}

/// The account and region the findings are filed under.
struct FindingIdentity {
    var accountId: String
    var region: String
    /// What the summary says about where they came from.
    var notes: [String]

    static func resolve(accountId: String?, region: String?,
                        environment: [String: String] = ProcessInfo.processInfo.environment) throws -> FindingIdentity {
        var notes: [String] = []
        let account: String
        if let a = accountId { account = a }
        else if let a = environment["AWS_ACCOUNT_ID"], !a.isEmpty { account = a }
        else {
            account = "000000000000"
            notes.append("Account 000000000000 (default: give --account-id or AWS_ACCOUNT_ID).")
        }
        guard account.count == 12, account.allSatisfy(\.isASCII), account.allSatisfy(\.isNumber) else {
            throw Failure.usage("--account-id: '\(account)' is not a 12-digit AWS account ID")
        }
        let reg: String
        if let r = region { reg = r }
        else if let r = environment["AWS_REGION"], !r.isEmpty { reg = r }
        else if let r = environment["AWS_DEFAULT_REGION"], !r.isEmpty { reg = r }
        else {
            reg = "us-east-1"
            notes.append("Region us-east-1 (default: give --region, AWS_REGION or AWS_DEFAULT_REGION).")
        }
        guard Self.isRegionName(reg) else { throw Failure.usage("--region: '\(reg)' is not an AWS region name like us-east-1") }
        return FindingIdentity(accountId: account, region: reg, notes: notes)
    }

    /// `^[a-z]{2}(-[a-z]+)+-[0-9]+$` (us-east-1, us-gov-west-1), checked by hand: an
    /// NSRegularExpression's first use loads ICU's tables, 2% of a scan's start-up.
    static func isRegionName(_ name: String) -> Bool {
        let parts = name.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0].count == 2 else { return false }
        let letters = { (part: String.UTF8View.SubSequence) in !part.isEmpty && part.allSatisfy { $0 >= 97 && $0 <= 122 } }
        return parts.dropLast().allSatisfy(letters)
            && !parts[parts.count - 1].isEmpty && parts[parts.count - 1].allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}

/// Loading and selecting detectors, shared by `scan` and `detectors`.
enum DetectorOptions {
    static func definitions(extraDirectories: [String]) throws -> [DetectorDefinition] {
        do {
            return try DetectorLoader.load(extraDirectories: extraDirectories)
        } catch {
            throw Failure.usage(error.description)
        }
    }

    /// The per-object limits: Macie's defaults, with the config file's `limits:` applied.
    static func objectLimits(config path: String?) throws -> ObjectLimits {
        var limits = ObjectLimits()
        guard let path else { return limits }
        let given: ScanConfiguration.Limits
        do {
            given = try ScanConfiguration.load(path: path).limits
        } catch {
            throw Failure.usage(error.description)
        }
        if let v = given.archiveNestingDepth { limits.maxNestingDepth = v }
        if let v = given.archiveMembers { limits.maxMembers = v }
        if let v = given.extractedBytes { limits.maxExpandedBytes = v }
        if let v = given.memberBytes { limits.maxMemberBytes = Int64(v) }
        if let v = given.expansionRatio { limits.maxExpansionRatio = Int64(v) }
        if let v = given.documentBytes { limits.maxDocumentBytes = v }
        if let v = given.jsonNestingDepth { limits.maxJSONDepth = v }
        if let v = given.customRegexSeconds { limits.customRegexSeconds = Double(v) }
        return limits
    }

    /// The detector set the options give: the one built while the command line was
    /// parsed (DefaultDetectorSet) when they change nothing, else `build`'s.
    static func load(extraDirectories: [String], config path: String?, managed: IdentifierSelection.Managed?,
                     include: String?, exclude: String?) throws -> DetectorSet {
        if extraDirectories.isEmpty && path == nil && managed == nil && include == nil && exclude == nil,
           let set = try DefaultDetectorSet.take() {
            return set
        }
        return try build(extraDirectories: extraDirectories, config: path, managed: managed, include: include,
                         exclude: exclude)
    }

    /// The detectors a scan runs: the config file's selection (ALL without one), its
    /// selector replaced by --managed-identifiers when given, plus the flags' ID lists.
    static func build(extraDirectories: [String], config path: String?, managed: IdentifierSelection.Managed?,
                      include: String?, exclude: String?) throws -> DetectorSet {
        var defs = try definitions(extraDirectories: extraDirectories)
        let known = Set(DetectorSet.selectableIDs(defs) + defs.map(\.id))
        var selection = IdentifierSelection()
        var allowList: AllowList?
        if let path {
            do {
                let config = try ScanConfiguration.load(path: path)
                selection = try config.selection(knownIDs: known)
                for custom in config.customIdentifiers {
                    if known.contains(custom.name) {
                        throw ConfigurationError(file: path, line: custom.line, field: "name",
                                                 message: "'\(custom.name)' is the ID of a managed identifier")
                    }
                    defs.append(custom.definition(file: path))
                }
                allowList = try AllowList(config.allowLists)
            } catch let error as ConfigurationError {
                throw Failure.usage(error.description)
            } catch {
                throw Failure.usage("\(path): \(error)")
            }
        }
        func ids(_ list: String?, _ flag: String) throws -> Set<String> {
            let items = (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            for id in items where !known.contains(id) {
                throw Failure.usage("\(flag): unknown identifier '\(id)' (see `trawl detectors list`)")
            }
            return Set(items)
        }
        if let managed { selection.managed = managed }
        selection.include.formUnion(try ids(include, "--include-identifiers"))
        selection.exclude.formUnion(try ids(exclude, "--exclude-identifiers"))
        do {
            return try DetectorSet(defs, selection: selection, allowList: allowList)
        } catch {
            throw Failure.usage(error.description)
        }
    }
}

/// One result's result line, ASFF finding and (with `--format ocsf`) OCSF event, encoded
/// on the worker.
struct EncodedResult: Sendable {
    var line: [UInt8]
    var finding: [UInt8]?
    var event: [UInt8]?
}
