#!/usr/bin/env python3
"""A fault-injecting proxy in front of moto_server, for the publishing tests.

Usage: hub_proxy.py LISTEN_PORT UPSTREAM_PORT MODE LOG

Every request is forwarded to 127.0.0.1:UPSTREAM_PORT, except that for
POST /findings/import (BatchImportFindings), in MODE "faults", the first calls get:
  1. HTTP 429 ThrottlingException
  2. HTTP 500 InternalException
  3. the connection closed without an answer
  4. forwarded with only the first half of the findings; the others are answered as
     FailedFindings with ErrorCode InternalException (a per-finding failure)
then everything is forwarded. In MODE "down" every BatchImportFindings call gets HTTP
503 ServiceUnavailable (STS still answers). In MODE "pass" nothing is injected.

Each request's SigV4 signature is recomputed with botocore (the test credentials are
AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY of this process) over the headers the request
says it signed, and one JSON line per request goes to LOG:
{"path", "action", "signature_ok", "authorization_shape_ok", "injected"}; a request whose
body never fully arrives is cut off after 3 s and logged as {"action": "incomplete"}.
Bounded: it serves until killed (the test stops it by PID).
"""
import http.client
import json
import os
import re
import socketserver
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

LISTEN, UPSTREAM, MODE, LOG = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
CREDS = Credentials(os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"],
                    os.environ.get("AWS_SESSION_TOKEN"))
AUTH_RE = re.compile(r"^AWS4-HMAC-SHA256 Credential=([A-Za-z0-9]+)/(\d{8})/([a-z0-9-]+)/([a-z0-9]+)/aws4_request, "
                     r"SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$")
lock = threading.Lock()
import_calls = 0


def verify(method, path, headers, body):
    auth = headers.get("Authorization", "")
    m = AUTH_RE.match(auth)
    if not m:
        return False, False
    _, _, region, service, signed, signature = m.groups()
    signed_names = signed.split(";")
    req = AWSRequest(method=method, url=f"http://{headers.get('Host')}{path}", data=body,
                     headers={k: v for k, v in headers.items() if k.lower() in signed_names})
    req.context["timestamp"] = headers.get("X-Amz-Date")
    signer = SigV4Auth(CREDS, service, region)
    canonical = signer.canonical_request(req)
    expected = signer.signature(signer.string_to_sign(req, canonical), req)
    return True, expected == signature


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if "__type" in payload:
            self.send_header("x-amzn-ErrorType", payload["__type"])
        self.end_headers()
        self.wfile.write(data)

    def forward(self, body):
        conn = http.client.HTTPConnection("127.0.0.1", UPSTREAM, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "content-length")}
        conn.request(self.command, self.path, body=body, headers=headers)
        r = conn.getresponse()
        data = r.read()
        conn.close()
        return r.status, dict(r.getheaders()), data

    def relay(self, status, headers, data):
        self.send_response(status)
        for k, v in headers.items():
            if k.lower() not in ("content-length", "connection", "transfer-encoding", "server", "date"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        global import_calls
        # A client that re-sends a request on a fresh connection without its body (libcurl
        # after a dropped keep-alive connection) is cut off after 3 s, as a server would.
        self.connection.settimeout(3)
        expected = int(self.headers.get("Content-Length", "0") or 0)
        try:
            body = self.rfile.read(expected)
        except OSError:
            body = b""
        if len(body) < expected:
            with lock, open(LOG, "a") as log:
                log.write(json.dumps({"time": round(time.time(), 3), "path": self.path, "action": "incomplete",
                                      "body_complete": False}) + "\n")
            self.close_connection = True
            return
        shape_ok, signature_ok = verify(self.command, self.path, dict(self.headers.items()), body)
        is_import = self.command == "POST" and self.path == "/findings/import"
        injected = None
        with lock:
            if is_import:
                import_calls += 1
            n = import_calls
        action = "BatchImportFindings" if is_import else self.path
        try:
            if is_import and MODE == "down":
                injected = "503"
                self.answer(503, {"__type": "ServiceUnavailable", "message": "injected: the hub is down"})
            elif is_import and MODE == "faults" and n == 1:
                injected = "429"
                self.answer(429, {"__type": "ThrottlingException", "message": "injected throttling"})
            elif is_import and MODE == "faults" and n == 2:
                injected = "500"
                self.answer(500, {"__type": "InternalException", "message": "injected internal error"})
            elif is_import and MODE == "faults" and n == 3:
                injected = "drop"
                self.close_connection = True
                self.connection.shutdown(2)
            elif is_import and MODE == "faults" and n == 4:
                injected = "partial"
                findings = json.loads(body)["Findings"]
                half = len(findings) // 2
                sent = json.dumps({"Findings": findings[:half]}).encode()
                status, headers, data = self.forward(sent)
                result = json.loads(data)
                result["FailedCount"] = result.get("FailedCount", 0) + len(findings) - half
                result["FailedFindings"] = result.get("FailedFindings", []) + [
                    {"Id": f["Id"], "ErrorCode": "InternalException", "ErrorMessage": "injected"} for f in findings[half:]]
                self.answer(200, result)
            else:
                self.relay(*self.forward(body))
        finally:
            with lock, open(LOG, "a") as log:
                log.write(json.dumps({"time": round(time.time(), 3), "path": self.path, "action": action,
                                      "signature_ok": signature_ok,
                                      "authorization_shape_ok": shape_ok, "injected": injected}) + "\n")

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


class Server(socketserver.ThreadingMixIn, HTTPServer):
    daemon_threads = True


if __name__ == "__main__":
    Server(("127.0.0.1", LISTEN), Proxy).serve_forever()
