// The transport against real servers on 127.0.0.1: HTTPS with a private CA given as the
// CA bundle (AWS_CA_BUNDLE), made here with the openssl command line and served by python3's
// http.server wrapped in ssl; and a server that drops the connection without answering,
// which `perform` must retry with the request's body, well within the timeout.
import Foundation
import XCTest
@testable import TrawlAWS
import TrawlTestSupport

final class TransportTests: XCTestCase {
    var children: [ChildProcess] = []
    var fixtures: [FixtureServer] = []

    override func tearDown() {
        children.forEach { $0.stop() }
        children = []
        fixtures.forEach { $0.stop() }
        fixtures = []
    }

    /// A throwaway CA, a server certificate for 127.0.0.1 (IP SAN only) signed by it, and one
    /// signed by it for another name only.
    struct PKI {
        let caFile: String
        let certFile: String
        let keyFile: String
        let otherNameCertFile: String
    }

    func makePKI(in dir: URL) throws -> PKI {
        let openssl = try requireTool("openssl")
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
        func run(_ arguments: [String]) throws {
            let result = try runTool(openssl, arguments, currentDirectory: dir.path)
            guard result.status == 0 else {
                throw XCTSkip("openssl \(arguments.first ?? "") failed with status \(result.status)")
            }
        }
        try run(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                 "-keyout", path("ca.key"), "-out", path("ca.pem"), "-days", "2", "-subj", "/CN=Trawl test CA",
                 "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        try run(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                 "-keyout", path("server.key"), "-out", path("server.csr"), "-subj", "/CN=trawl test server"])
        for (name, san) in [("server", "IP:127.0.0.1"), ("other-name", "DNS:elsewhere.invalid")] {
            try Fixture.write("""
                basicConstraints = critical, CA:FALSE
                keyUsage = critical, digitalSignature, keyEncipherment
                extendedKeyUsage = serverAuth
                subjectAltName = \(san)

                """, to: dir.appendingPathComponent("\(name).ext"))
            try run(["x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
                     "-CAcreateserial", "-out", path("\(name).pem"), "-days", "2", "-extfile", path("\(name).ext")])
        }
        return PKI(caFile: path("ca.pem"), certFile: path("server.pem"), keyFile: path("server.key"),
                   otherNameCertFile: path("other-name.pem"))
    }

    static let httpsServer = #"""
import sys, ssl
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass
    def do_GET(self):
        body = b"hello over tls"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(sys.argv[2], sys.argv[3])
# The handshake happens in the connection's thread, so a client that gives up cannot stall accept().
server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
server.serve_forever()
"""#

    /// Starts an HTTPS server with `certFile` (and the PKI's key); returns its port.
    func startHTTPSServer(_ pki: PKI, certFile: String, dir: URL) throws -> Int {
        let python = try requireTool("python3")
        let script = dir.appendingPathComponent("https_server.py")
        try Fixture.write(Self.httpsServer, to: script)
        let port = try Fixture.freePort()
        let child = try ChildProcess(python, [script.path, String(port), certFile, pki.keyFile],
                                     log: dir.appendingPathComponent("https_server-\(port).log"))
        children.append(child)
        try child.waitUntilListening(port: port, within: 15)
        return port
    }

    func testCABundleIsTheTrustRoot() throws {
        let dir = try Fixture.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pki = try makePKI(in: dir)
        let port = try startHTTPSServer(pki, certFile: pki.certFile, dir: dir)
        let url = URL(string: "https://127.0.0.1:\(port)/probe")!

        // Trusted through the bundle: the answer comes back.
        let trusting = AWSHTTPClient(timeout: 10, caBundle: pki.caFile)
        let response = try trusting.send(AWSRequest(method: "GET", url: url))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "hello over tls")
        // A second call on the same client (a kept-alive connection or a new one) works too.
        XCTAssertEqual(try trusting.send(AWSRequest(method: "GET", url: url)).status, 200)

        // The system's roots do not know the private CA: a TLS failure, not retried.
        XCTAssertThrowsError(try AWSHTTPClient(timeout: 10).send(AWSRequest(method: "GET", url: url))) { error in
            let e = error as? AWSTransportError
            XCTAssertEqual(e?.kind, .tls, "\(error)")
            XCTAssertFalse(RetryPolicy.isRetryable(error))
            XCTAssertTrue("\(error)".contains("AWS_CA_BUNDLE"), "the message says how to trust a private CA: \(error)")
        }

        // The bundle makes the chain trusted, never the name: a certificate from the same CA
        // for another name only is refused.
        let otherPort = try startHTTPSServer(pki, certFile: pki.otherNameCertFile, dir: dir)
        let otherURL = URL(string: "https://127.0.0.1:\(otherPort)/probe")!
        XCTAssertThrowsError(try trusting.send(AWSRequest(method: "GET", url: otherURL))) { error in
            XCTAssertEqual((error as? AWSTransportError)?.kind, .tls, "\(error)")
        }
    }

    func testUnusableCABundleIsAConfigurationError() throws {
        let dir = try Fixture.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("no-such-ca.pem").path
        // Nothing needs to listen: the bundle is refused before any connection is made.
        let url = URL(string: "https://127.0.0.1:\(try Fixture.freePort())/")!
        XCTAssertThrowsError(try AWSHTTPClient(timeout: 2, caBundle: missing).send(AWSRequest(method: "GET", url: url))) { error in
            XCTAssertTrue(error is AWSConfigurationError, "\(type(of: error)): \(error)")
            let text = "\(error)"
            XCTAssertTrue(text.contains("AWS_CA_BUNDLE") && text.contains(missing) && text.contains("no such file"), text)
        }
        // perform does not retry it.
        var attempts = 0
        XCTAssertThrowsError(try AWSHTTPClient(timeout: 2, caBundle: missing).perform(operation: "x", retry: .default) {
            attempts += 1
            return AWSRequest(method: "GET", url: url)
        }) { XCTAssertTrue($0 is AWSConfigurationError, "\($0)") }
        XCTAssertEqual(attempts, 1)

        // A file that holds no certificate.
        let junk = dir.appendingPathComponent("junk.pem")
        try Fixture.write("not a certificate\n", to: junk)
        XCTAssertThrowsError(try AWSHTTPClient(timeout: 2, caBundle: junk.path).send(AWSRequest(method: "GET", url: url))) { error in
            XCTAssertTrue(error is AWSConfigurationError, "\(error)")
            XCTAssertTrue("\(error)".contains(junk.path), "\(error)")
        }
    }

    /// The server reads each request and, on the first and third, closes the connection
    /// without a word (the third time on a kept-alive connection, after a 200). Each
    /// `perform` retries and gets its 200, with the body sent again, long before the timeout.
    func testDroppedConnectionIsRetriedWithItsBody() throws {
        let s = try FixtureServer.start(["mode": "sequence", "responses": [
            ["drop": true],
            ["status": 200, "body": #"{"FailedCount":0}"#],
            ["drop": true],
            ["status": 200, "body": #"{"FailedCount":0}"#],
        ]])
        fixtures.append(s)
        let client = AWSHTTPClient(timeout: 30)
        let policy = RetryPolicy(base: 0.05, cap: 0.2, maxAttempts: 4, noProgressDeadline: 20)
        let url = URL(string: s.baseURL + "/findings/import")!
        for call in 1...2 {
            let body = #"{"Findings":[{"Id":"call-\#(call)"}]}"#
            let start = Date()
            var attempts = 0
            let response = try client.perform(operation: "securityhub BatchImportFindings", retry: policy) {
                attempts += 1
                return AWSRequest(method: "POST", url: url, headers: [AWSHeader("Content-Type", "application/json")],
                                  body: Data(body.utf8))
            }
            XCTAssertEqual(response.status, 200)
            XCTAssertEqual(attempts, 2, "call \(call): the dropped attempt and its retry")
            XCTAssertLessThan(Date().timeIntervalSince(start), 5, "call \(call) waited for a timeout")
        }
        let logged = s.requests
        XCTAssertEqual(logged.count, 4)
        XCTAssertEqual(logged.map { $0["body"] as? String }, [
            #"{"Findings":[{"Id":"call-1"}]}"#, #"{"Findings":[{"Id":"call-1"}]}"#,
            #"{"Findings":[{"Id":"call-2"}]}"#, #"{"Findings":[{"Id":"call-2"}]}"#,
        ], "every attempt, the retries included, carried the body")

        // One attempt alone (send) reports the drop as a lost connection, retryable.
        let s2 = try FixtureServer.start(["mode": "sequence", "responses": [["drop": true]]])
        fixtures.append(s2)
        let start = Date()
        XCTAssertThrowsError(try client.send(AWSRequest(method: "POST", url: URL(string: s2.baseURL + "/")!,
                                                        body: Data("{}".utf8)))) { error in
            XCTAssertEqual((error as? AWSTransportError)?.kind, .connectionLost, "\(error)")
            XCTAssertTrue(RetryPolicy.isRetryable(error))
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertEqual(s2.requests.count, 1, "the transport does not re-send on its own")
    }
}
