// The state of incremental scans (`trawl scan ROOT --state FILE`): a SQLite database,
// through GRDB, that remembers per object its change token (ObjectRef.versionToken) and
// its last ClassificationResult, so a re-run classifies only new and changed objects and
// takes the rest from here (`"reused": true`). Why SQLite: results are committed as
// objects finish, a transaction per small batch in WAL mode, so a scan killed at any
// point resumes from what was committed, with bounded memory and no rewrite of a big
// file; and workers look objects up concurrently through the pool's readers.
//
// Schema (version 1):
//   trawl_schema_version(version)            one row: the schema this file holds
//   trawl_meta(name, value)                  'source': the scan root (or source) it belongs
//                                            to; 'fingerprint': the detectors and config of
//                                            the last run; 'run': the last run's number
//   objects(bucket, key, version_token, fingerprint, reusable, size, last_modified, run,
//           result, finding_id, finding, published_id, published)
//     bucket '' stands for "no bucket" (a file directly under a local root; S3 bucket
//     names are never empty). result is the ClassificationResult as JSON (locations and
//     counts, never a sensitive value); finding the ASFF finding of that result (as
//     --output wrote it); published the finding Security Hub last received for the
//     object, so a publishing run archives it once it is no longer true. fingerprint
//     is per row: a run with other detectors or config reuses nothing that an earlier
//     configuration classified, even after a crash half-way through a rescan.
//     run: the number of the last run that listed the object; rows in scope that this
//     run did not list are the deleted objects.
//
// Results whose status says the object could not be read (permission denied, removed
// while listed, internal error, time cut-off) are kept but never reused: the next run
// tries again.

import Crypto
import Foundation
import GRDB
import TrawlDetectors
import TrawlFindings
import TrawlStorage

/// Why a state file cannot be used; `isUsage` tells bad input (exit 2) from a run failure (exit 1).
public struct ScanStateError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let problem: String
    /// true: the file is not a state of this scan (not SQLite, another schema, another
    /// root); false: it could not be opened or written.
    public let isUsage: Bool

    public var description: String { "\(path): \(problem)" }
}

/// An object of the state that the current run did not list, within its scope.
public struct DeletedObject: Sendable {
    public var bucket: String?
    public var key: String
    /// The finding Security Hub last received for it, if any.
    public var publishedFinding: [UInt8]?
}

public final class ScanState: @unchecked Sendable {
    public static let schemaVersion = 1
    /// Raise when classification changes in a way detectors and config do not show.
    static let classifierRevision = "1"

    public let path: String
    /// The scan root or source this state belongs to.
    public let source: String
    public let fingerprint: String
    /// This run's number.
    public let run: Int64
    /// The state was made by this run.
    public let isNew: Bool
    /// The detectors or config differ from the previous run's: nothing is reused.
    public let fingerprintChanged: Bool

    private let pool: DatabasePool
    /// Results handed to `record`, not yet committed (delivery thread only).
    private var pending: [PendingRow] = []
    private var lastCommit = Date()
    let batchSize: Int
    let batchInterval: TimeInterval

    private enum PendingRow {
        case touch(bucket: String, key: String)
        case upsert(bucket: String, key: String, token: String, reusable: Bool, size: Int64, lastModified: Double?,
                    result: Data, findingId: String?, finding: Data?)
    }

    /// Opens (or creates) the state at `path` for `source`. Throws ScanStateError.
    public init(path: String, source: String, fingerprint: String, readers: Int = 4,
                batchSize: Int = 100, batchInterval: TimeInterval = 1) throws {
        self.path = path
        self.source = source
        self.fingerprint = fingerprint
        self.batchSize = max(1, batchSize)
        self.batchInterval = batchInterval
        func usage(_ problem: String) -> ScanStateError { ScanStateError(path: path, problem: problem, isUsage: true) }

        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
        if exists && isDir.boolValue { throw usage("is a directory, not a state file") }
        if exists, let handle = FileHandle(forReadingAtPath: path) {
            let head = (try? handle.read(upToCount: 16)) ?? Data()
            try? handle.close()
            if !head.isEmpty && head != Data("SQLite format 3\u{0}".utf8) {
                throw usage("not a SQLite database (not a state file made by trawl scan --state)")
            }
        }

        var config = Configuration()
        config.maximumReaderCount = max(1, readers)
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw Self.openingError(error, path: path, doing: "open the state for writing")
        }

        enum Opened { case ok(run: Int64, isNew: Bool, changed: Bool), usage(String) }
        let opened: Opened
        do {
            opened = try pool.write { db -> Opened in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                if tables.isEmpty {
                    try db.execute(sql: """
                        CREATE TABLE trawl_schema_version (version INTEGER NOT NULL);
                        CREATE TABLE trawl_meta (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                        CREATE TABLE objects (
                            bucket TEXT NOT NULL,
                            key TEXT NOT NULL,
                            version_token TEXT NOT NULL,
                            fingerprint TEXT NOT NULL,
                            reusable INTEGER NOT NULL,
                            size INTEGER NOT NULL,
                            last_modified REAL,
                            run INTEGER NOT NULL,
                            result BLOB NOT NULL,
                            finding_id TEXT,
                            finding BLOB,
                            published_id TEXT,
                            published BLOB,
                            PRIMARY KEY (bucket, key)
                        ) WITHOUT ROWID;
                        CREATE INDEX objects_by_run ON objects (run);
                        """)
                    try db.execute(sql: "INSERT INTO trawl_schema_version (version) VALUES (?)",
                                   arguments: [Self.schemaVersion])
                    try db.execute(sql: "INSERT INTO trawl_meta (name, value) VALUES ('source', ?), ('fingerprint', ?), ('run', '1')",
                                   arguments: [source, fingerprint])
                    return .ok(run: 1, isNew: true, changed: false)
                }
                guard tables.contains("trawl_schema_version"), tables.contains("trawl_meta"), tables.contains("objects"),
                      let version = try Int.fetchOne(db, sql: "SELECT version FROM trawl_schema_version") else {
                    return .usage("a SQLite database, but not a trawl scan state (tables: \(tables.sorted().joined(separator: ", ")))")
                }
                guard version == Self.schemaVersion else {
                    return .usage("a trawl state of schema version \(version); this trawl reads version \(Self.schemaVersion)")
                }
                let meta = Dictionary(try Row.fetchAll(db, sql: "SELECT name, value FROM trawl_meta").map {
                    ($0[0] as String, $0[1] as String)
                }, uniquingKeysWith: { a, _ in a })
                guard let owner = meta["source"] else { return .usage("a trawl state without its scan root") }
                guard owner == source else {
                    return .usage("this state belongs to the scan of \(owner), not of \(source); give another --state file")
                }
                let run = (meta["run"].flatMap { Int64($0) } ?? 0) + 1
                let changed = meta["fingerprint"] != fingerprint
                try db.execute(sql: "INSERT OR REPLACE INTO trawl_meta (name, value) VALUES ('run', ?), ('fingerprint', ?)",
                               arguments: [String(run), fingerprint])
                return .ok(run: run, isNew: false, changed: changed)
            }
        } catch {
            throw Self.openingError(error, path: path, doing: "write the state")
        }
        switch opened {
        case .usage(let problem): throw usage(problem)
        case let .ok(run, isNew, changed):
            self.run = run
            self.isNew = isNew
            self.fingerprintChanged = changed
        }
    }

    /// A damaged database is bad input (exit 2); anything else is a run failure (exit 1).
    static func openingError(_ error: Error, path: String, doing: String) -> ScanStateError {
        guard let error = error as? DatabaseError else {
            return ScanStateError(path: path, problem: "cannot \(doing) (\(error))", isUsage: false)
        }
        let why = error.message ?? "\(error.resultCode)"
        if error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            return ScanStateError(path: path, problem: "not a usable SQLite database (\(why))", isUsage: true)
        }
        return ScanStateError(path: path, problem: "cannot \(doing) (\(why))", isUsage: false)
    }

    // MARK: - Fingerprint

    /// SHA-256 over what decides a classification: the selected detectors' definitions
    /// (ids, patterns, keywords, validators, severities; sorted by id, not where their
    /// files lie), and `parts` (the config file's bytes, allow lists, limits).
    public static func fingerprint(detectors: DetectorSet, parts: [String]) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("trawl-state-fingerprint \(classifierRevision)\n".utf8))
        let definitions = detectors.detectors.map { compiled -> (String, String) in
            var d = compiled.definition
            d.sourceFile = ""
            return (d.id, String(reflecting: d))
        }.sorted { $0.0 < $1.0 }
        for (_, text) in definitions {
            hasher.update(data: Data("\(text.utf8.count):".utf8))
            hasher.update(data: Data(text.utf8))
        }
        for part in parts {
            hasher.update(data: Data("\(part.utf8.count):".utf8))
            hasher.update(data: Data(part.utf8))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    // MARK: - Lookups (any thread)

    /// The stored result for `ref` when it can stand for this run's: same change token,
    /// same detectors and config, readable then. Marked reused. Thread-safe: each call
    /// reads through one of the pool's reader connections with a cached statement.
    public func reusableResult(for ref: ObjectRef) -> ClassificationResult? {
        guard !ref.versionToken.isEmpty else { return nil }
        let data: Data?
        do {
            // unsafeRead: one SELECT is its own (implicit) read transaction; pool.read's
            // explicit BEGIN/COMMIT around it cost more than the lookup itself (measured).
            data = try pool.unsafeRead { db in
                let statement = try db.cachedStatement(sql: """
                    SELECT result FROM objects
                    WHERE bucket = ? AND key = ? AND version_token = ? AND fingerprint = ? AND reusable = 1
                    """)
                return try Data.fetchOne(statement, arguments: [ref.bucket ?? "", ref.key, ref.versionToken, fingerprint])
            }
        } catch {
            return nil  // an unreadable row is classified again
        }
        guard let data, var result = try? JSONDecoder().decode(ClassificationResult.self, from: data),
              result.versionToken == ref.versionToken else { return nil }
        result.reused = true
        return result
    }

    /// The finding Security Hub last received for an object (its Id and bytes), if any.
    public func publishedFinding(bucket: String?, key: String) throws -> (id: String, finding: [UInt8])? {
        try wrap {
            try pool.unsafeRead { db in
                let statement = try db.cachedStatement(sql: "SELECT published_id, published FROM objects WHERE bucket = ? AND key = ?")
                guard let row = try Row.fetchOne(statement, arguments: [bucket ?? "", key]),
                      let id = row[0] as String?, let bytes = row[1] as Data? else { return nil }
                return (id, [UInt8](bytes))
            }
        }
    }

    // MARK: - Recording (the delivery thread)

    /// Records a delivered result; committed with others, every `batchSize` results or
    /// `batchInterval` seconds. A reused result only marks its row as listed by this run.
    public func record(_ result: ClassificationResult, findingId: String?, finding: [UInt8]?) throws {
        let bucket = result.bucket ?? ""
        if result.reused {
            pending.append(.touch(bucket: bucket, key: result.key))
        } else {
            let encoded: Data
            do { encoded = try JSONEncoder().encode(result) } catch {
                throw ScanStateError(path: path, problem: "cannot encode a result (\(error))", isUsage: false)
            }
            pending.append(.upsert(bucket: bucket, key: result.key, token: result.versionToken,
                                   reusable: Self.isReusable(result), size: result.size,
                                   lastModified: result.lastModified, result: encoded, findingId: finding == nil ? nil : findingId,
                                   finding: finding.map { Data($0) }))
        }
        if pending.count >= batchSize || Date().timeIntervalSince(lastCommit) >= batchInterval {
            try commit()
        }
    }

    /// Commits what `record` holds.
    public func commit() throws {
        lastCommit = Date()
        guard !pending.isEmpty else { return }
        let rows = pending
        let run = self.run, fingerprint = self.fingerprint
        try wrap {
            try pool.write { db in
                let touch = try db.cachedStatement(sql: "UPDATE objects SET run = ? WHERE bucket = ? AND key = ?")
                let upsert = try db.cachedStatement(sql: """
                    INSERT INTO objects (bucket, key, version_token, fingerprint, reusable, size, last_modified, run,
                                         result, finding_id, finding)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (bucket, key) DO UPDATE SET
                        version_token = excluded.version_token, fingerprint = excluded.fingerprint,
                        reusable = excluded.reusable, size = excluded.size, last_modified = excluded.last_modified,
                        run = excluded.run, result = excluded.result, finding_id = excluded.finding_id,
                        finding = excluded.finding
                    """)
                for row in rows {
                    switch row {
                    case let .touch(bucket, key):
                        try touch.execute(arguments: [run, bucket, key])
                    case let .upsert(bucket, key, token, reusable, size, lastModified, result, findingId, finding):
                        try upsert.execute(arguments: [bucket, key, token, fingerprint, reusable, size, lastModified, run,
                                                       result, findingId, finding])
                    }
                }
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    static func isReusable(_ r: ClassificationResult) -> Bool {
        guard let reason = r.status.reason else { return true }
        return ![.permissionDenied, .objectRemoved, .internalError, .timeCutOffReached].contains(reason)
    }

    // MARK: - End of a run

    /// Objects of the state that this run did not list and that lie within `scope`:
    /// deleted since they were last listed. Call after the scan, before `removeDeleted`.
    public func deletedObjects(scope: ObjectScope) throws -> [DeletedObject] {
        try commit()
        let run = self.run
        return try wrap {
            try pool.read { db in
                var out: [DeletedObject] = []
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT bucket, key, size, last_modified, published FROM objects WHERE run <> ?
                    """, arguments: [run])
                while let row = try rows.next() {
                    let bucket: String = row[0]
                    let ref = ObjectRef(bucket: bucket.isEmpty ? nil : bucket, key: row[1], size: row[2],
                                        lastModified: (row[3] as Double?) ?? 0, kind: .regular, location: "",
                                        versionToken: "")
                    guard scope.isEverything || scope.contains(ref) else { continue }
                    out.append(DeletedObject(bucket: ref.bucket, key: ref.key,
                                             publishedFinding: (row[4] as Data?).map { [UInt8]($0) }))
                }
                return out
            }
        }
    }

    /// Forgets deleted objects (after their findings, if any, were archived).
    public func removeDeleted(_ objects: [DeletedObject]) throws {
        try wrap {
            for part in stride(from: 0, to: objects.count, by: 500) {
                let slice = objects[part..<min(objects.count, part + 500)]
                try pool.write { db in
                    let delete = try db.cachedStatement(sql: "DELETE FROM objects WHERE bucket = ? AND key = ?")
                    for o in slice { try delete.execute(arguments: [o.bucket ?? "", o.key]) }
                }
            }
        }
    }

    /// After a publishing run: what this run listed is what Security Hub now holds.
    public func markPublished() throws {
        try commit()
        let run = self.run
        try wrap {
            try pool.write { db in
                try db.execute(sql: "UPDATE objects SET published_id = finding_id, published = finding WHERE run = ?",
                               arguments: [run])
            }
        }
    }

    /// Rows in the state (for tests and the summary).
    public func count() throws -> Int {
        try wrap { try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM objects") ?? 0 } }
    }

    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ScanStateError { throw error } catch let error as DatabaseError {
            throw ScanStateError(path: path, problem: "cannot use the state (\(error.message ?? "\(error.resultCode)"))",
                                 isUsage: false)
        } catch {
            throw ScanStateError(path: path, problem: "cannot use the state (\(error))", isUsage: false)
        }
    }
}
