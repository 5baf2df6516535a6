// Test fixtures: the package root and its .venv, temporary directories, a free local
// port, and child processes (moto_server, the fixture HTTP server) started on 127.0.0.1
// and stopped by PID.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import XCTest
@testable import TrawlAWS
import TrawlTestSupport

enum Fixture {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var venvPython: String { packageRoot.appendingPathComponent(".venv/bin/python").path }
    static var motoServer: String { packageRoot.appendingPathComponent(".venv/bin/moto_server").path }

    static func requireVenv(_ tool: String = venvPython) throws {
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            throw XCTSkip("\(tool) is absent: run `make venv`")
        }
    }

    static func tempDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("trawl-aws-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    /// A port no one listens on now.
    static func freePort() throws -> Int {
        do { return try freeLocalPort() } catch { throw XCTSkip("\(error)") }
    }
}

extension ChildProcess {
    /// Waits (bounded) until `url` gives any HTTP answer.
    func waitUntilAnswering(_ url: URL, within seconds: TimeInterval) throws {
        let client = AWSHTTPClient(timeout: 1)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard process.isRunning else {
                XCTFail("server exited early: \(output)")
                throw XCTSkip("server exited")
            }
            if (try? client.send(AWSRequest(method: "GET", url: url))) != nil { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTFail("server at \(url) did not answer within \(seconds)s: \(output)")
        throw XCTSkip("server not answering")
    }
}

/// The fixture HTTP server (python3's http.server), configured by a JSON file:
///   mode "imds":     IMDSv2: PUT /latest/api/token needs the TTL header and issues a token;
///                    every GET needs that token (else 401); "reject_tokens" makes every GET 401.
///   mode "ecs":      GET /creds needs Authorization == "auth_token" (else 401).
///   mode "sequence": answers with "responses" ({status, body, headers, delay}) in order,
///                    the last one repeated forever; {"drop": true} reads the request and
///                    closes the connection without answering.
/// Credentials documents expire "expires_in" seconds from the time they are served.
/// Each request is appended to requests.jsonl (method, path, headers, body).
struct FixtureServer {
    let child: ChildProcess
    let port: Int
    let dir: URL

    var baseURL: String { "http://127.0.0.1:\(port)" }

    static let script = #"""
import json, sys, os, datetime, threading, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

config = json.load(open(sys.argv[1]))
logpath = sys.argv[2]
lock = threading.Lock()
state = {"served": 0, "tokens": set()}

def creds_doc():
    exp = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=config.get("expires_in", 3600))
    state["served"] += 1
    return json.dumps({"Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": "ASIAFIXTURE%d" % state["served"],
                       "SecretAccessKey": "fixture-secret", "Token": "fixture-session-token",
                       "Expiration": exp.strftime("%Y-%m-%dT%H:%M:%SZ")})

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass

    def answer(self, status, body="", headers=None):
        data = body.encode()
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        mode = config["mode"]
        if mode == "sequence":
            with lock:
                self.log(body)
                responses = config["responses"]
                r = responses[min(state["served"], len(responses) - 1)]
                state["served"] += 1
            time.sleep(r.get("delay", 0))
            if r.get("drop"):
                self.close_connection = True  # no answer: the connection is closed
                return
            return self.answer(r["status"], r.get("body", ""), r.get("headers"))
        with lock:
            self.log(body)
            if mode == "ecs":
                if self.path != "/creds": return self.answer(404)
                if self.headers.get("Authorization") != config["auth_token"]: return self.answer(401, '{"message":"bad token"}')
                return self.answer(200, creds_doc(), {"Content-Type": "application/json"})
            if mode == "imds":
                if self.command == "PUT" and self.path == "/latest/api/token":
                    if not self.headers.get("X-aws-ec2-metadata-token-ttl-seconds"): return self.answer(400)
                    token = "imds-token-%d" % (len(state["tokens"]) + 1)
                    state["tokens"].add(token)
                    return self.answer(200, token)
                if self.command != "GET": return self.answer(405)
                token = self.headers.get("X-aws-ec2-metadata-token")
                if config.get("reject_tokens") or token not in state["tokens"]: return self.answer(401)
                if self.path == "/latest/meta-data/iam/security-credentials/": return self.answer(200, "trawl-role")
                if self.path == "/latest/meta-data/iam/security-credentials/trawl-role":
                    return self.answer(200, creds_doc())
                return self.answer(404)
            return self.answer(500)

    def log(self, body):
        with open(logpath, "a") as f:
            f.write(json.dumps({"method": self.command, "path": self.path, "body": body,
                                "headers": {k.lower(): v for k, v in self.headers.items()}}) + "\n")

    do_GET = do_PUT = do_POST = handle_any

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[3], "w") as f: f.write(str(server.server_address[1]))
server.serve_forever()
"""#

    /// Starts the server with `config` and waits (bounded) for its port.
    static func start(_ config: [String: Any]) throws -> FixtureServer {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("python3 absent") }
        let dir = try Fixture.tempDirectory()
        let scriptURL = dir.appendingPathComponent("server.py")
        let configURL = dir.appendingPathComponent("config.json")
        let portURL = dir.appendingPathComponent("port")
        try Fixture.write(script, to: scriptURL)
        try JSONSerialization.data(withJSONObject: config).write(to: configURL)
        let child = try ChildProcess("/usr/bin/python3",
                                     [scriptURL.path, configURL.path, dir.appendingPathComponent("requests.jsonl").path, portURL.path],
                                     log: dir.appendingPathComponent("server.log"))
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if let text = try? String(contentsOf: portURL, encoding: .utf8), let port = Int(text) {
                return FixtureServer(child: child, port: port, dir: dir)
            }
            if !child.process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        child.stop()
        XCTFail("fixture server did not start: \(child.output)")
        throw XCTSkip("fixture server did not start")
    }

    /// The requests served so far.
    var requests: [[String: Any]] {
        guard let text = try? String(contentsOf: dir.appendingPathComponent("requests.jsonl"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    func stop() {
        child.stop()
        try? FileManager.default.removeItem(at: dir)
    }
}
