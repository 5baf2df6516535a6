#!/usr/bin/env python3
"""A scripted S3 stand-in for the error paths moto cannot produce (SSE-C refusals, KMS
errors, SlowDown, dropped connections, a body cut short).

Usage: s3_stub.py CONFIG_JSON REQUEST_LOG PORT_FILE

CONFIG_JSON: {"responses": [{"status": N, "body": "...", "headers": {...},
                             "drop": true?, "truncate": N?}, ...]}
answered in order, the last one repeated. "drop" reads the request and closes the
connection without an answer; "truncate": N announces the full Content-Length but sends
only the first N bytes of the body, then closes ("stall": S seconds of silence first). Each request is appended to REQUEST_LOG
as a JSON line {"method", "path", "headers"}. The port it listens on (127.0.0.1, chosen by
the system) is written to PORT_FILE. Serves until killed (the test stops it by PID).
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

config = json.load(open(sys.argv[1]))
log_path = sys.argv[2]
lock = threading.Lock()
served = [0]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        with lock:
            with open(log_path, "a") as f:
                f.write(json.dumps({"method": self.command, "path": self.path,
                                    "headers": {k.lower(): v for k, v in self.headers.items()}}) + "\n")
            responses = config["responses"]
            r = responses[min(served[0], len(responses) - 1)]
            served[0] += 1
        if r.get("drop"):
            self.close_connection = True
            return
        data = r.get("body", "").encode("utf-8")
        self.send_response(r["status"])
        for k, v in r.get("headers", {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if "truncate" in r:
            self.wfile.write(data[:r["truncate"]])
            self.wfile.flush()
            time.sleep(r.get("stall", 0))
            self.close_connection = True
            return
        self.wfile.write(data)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[3], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
