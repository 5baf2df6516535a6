// S3 for tests: moto_server (from the .venv `make venv` creates) on a free port of
// 127.0.0.1, filled by botocore (Tests/tools/s3_fixture.py) as the independent uploader;
// and a scripted stand-in (Tests/tools/s3_stub.py) for the error answers moto cannot give.
// Both are child processes stopped by their PID.

import Foundation
import XCTest

public enum S3TestEnvironment {
    public static let packageRoot = ASFFValidator.packageRoot
    public static var venvBin: String { packageRoot.appendingPathComponent(".venv/bin").path }
    public static var python: String { venvBin + "/python" }
    /// Credentials moto accepts (any value); no profile files, no instance metadata.
    public static func environment(home: String) -> [String: String] {
        ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true",
         "HOME": home, "AWS_CONFIG_FILE": home + "/config", "AWS_SHARED_CREDENTIALS_FILE": home + "/credentials",
         "AWS_REGION": "us-east-1"]
    }

    /// Runs a program with `environment` added; returns exit status, stdout and stderr.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws
        -> (status: Int32, stdout: Data, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let dir = try TempDir()
        let outPath = dir.path("stdout"), errPath = dir.path("stderr")
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try Data(contentsOf: URL(fileURLWithPath: outPath)),
                (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}

/// moto_server's S3, one per test class.
public final class MotoS3 {
    public let child: ChildProcess
    public let port: Int
    public let home: TempDir
    public var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Starts moto_server; skips the test when the venv is absent (`make venv`).
    public static func start() throws -> MotoS3 {
        let server = S3TestEnvironment.venvBin + "/moto_server"
        guard FileManager.default.isExecutableFile(atPath: server) else {
            throw XCTSkip("\(server) is absent: run `make venv`")
        }
        let port = try freeLocalPort()
        let home = try TempDir()
        let child = try ChildProcess(server, ["-H", "127.0.0.1", "-p", String(port)], log: home.url.appendingPathComponent("moto.log"))
        try child.waitUntilListening(port: port, within: 60)
        return MotoS3(child: child, port: port, home: home)
    }

    init(child: ChildProcess, port: Int, home: TempDir) {
        self.child = child
        self.port = port
        self.home = home
    }

    deinit { child.stop() }

    public var environment: [String: String] { S3TestEnvironment.environment(home: home.url.path) }

    /// Runs s3_fixture.py's operations; returns {"etags": {"B/K": ETag}, "md5": {"B/K": hex}}.
    @discardableResult
    public func apply(_ operations: [[String: Any]]) throws -> (etags: [String: String], md5: [String: String]) {
        let ops = String(decoding: try JSONSerialization.data(withJSONObject: operations), as: UTF8.self)
        let script = S3TestEnvironment.packageRoot.appendingPathComponent("Tests/tools/s3_fixture.py").path
        let r = try S3TestEnvironment.run(S3TestEnvironment.python, [script, endpoint, ops], environment: environment)
        guard r.status == 0 else { throw LocalServerError.failed("s3_fixture.py failed: \(r.stderr)") }
        let object = try JSONSerialization.jsonObject(with: r.stdout) as? [String: [String: String]]
        return (object?["etags"] ?? [:], object?["md5"] ?? [:])
    }
}

/// A scripted S3 stand-in: answers requests with `responses` in order (the last repeated).
/// Each response: {"status", "body", "headers", "drop": true (no answer), "truncate": N
/// (the body cut after N bytes)}.
public final class S3Stub {
    public let child: ChildProcess
    public let port: Int
    public let dir: TempDir
    public var endpoint: String { "http://127.0.0.1:\(port)" }

    public init(responses: [[String: Any]]) throws {
        dir = try TempDir()
        let config = dir.path("config.json"), portFile = dir.path("port")
        try JSONSerialization.data(withJSONObject: ["responses": responses]).write(to: URL(fileURLWithPath: config))
        let script = S3TestEnvironment.packageRoot.appendingPathComponent("Tests/tools/s3_stub.py").path
        guard let python = tool("python3") else { throw XCTSkip("python3 is not installed") }
        child = try ChildProcess(python, [script, config, dir.path("requests.jsonl"), portFile],
                                 log: dir.url.appendingPathComponent("stub.log"))
        let deadline = Date().addingTimeInterval(15)
        var found: Int?
        while Date() < deadline, found == nil {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let p = Int(text) { found = p; break }
            guard child.process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard let found else {
            child.stop()
            throw LocalServerError.failed("s3_stub.py did not start: \(child.output)")
        }
        port = found
    }

    deinit { child.stop() }

    /// The requests served so far: method, path, headers (lower-cased names).
    public var requests: [[String: Any]] {
        guard let text = try? String(contentsOfFile: dir.path("requests.jsonl"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// S3's error document.
    public static func errorXML(code: String, message: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>\(code)</Code><Message>\(message)</Message>"
            + "<RequestId>4442587FB7D0A2F9</RequestId></Error>"
    }
}
