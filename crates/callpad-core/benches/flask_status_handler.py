"""The Python side of `cargo bench -p callpad-core --bench webhooks`.

The status-webhook handler SignalWire's Python guides show: a Flask route that verifies the
X-SignalWire-Signature (lowercase hex HMAC-SHA1 of the URL as posted followed by the raw body,
compared with hmac.compare_digest), reads the JSON and keeps each call's latest state in a dict.
It is served by Flask's own development server with threaded=True, as the guides run it.

The only change from a guide: the per-request access log is switched off, so the comparison is
not about printing a line per request (which would make Flask slower still).

Reads SIGNING_KEY and STATUS_TOKEN from the environment, picks a free loopback port, prints
`port N` on stdout and serves until killed. GET /calls answers how many calls the dict holds.
Exits 3 when Flask is not installed.

Usage: SIGNING_KEY=… STATUS_TOKEN=… python3 flask_status_handler.py
"""

import hashlib
import hmac
import logging
import os
import socket
import sys

try:
    from flask import Flask, abort, jsonify, request
except ImportError:
    sys.exit(3)

SIGNING_KEY = os.environ["SIGNING_KEY"].encode()
STATUS_TOKEN = os.environ["STATUS_TOKEN"]

app = Flask(__name__)
calls = {}


@app.post("/status/<token>")
def call_status(token):
    if not hmac.compare_digest(token, STATUS_TOKEN):
        abort(404)
    given = request.headers.get("X-SignalWire-Signature", "")
    expected = hmac.new(
        SIGNING_KEY, request.url.encode() + request.get_data(), hashlib.sha1
    ).hexdigest()
    if not hmac.compare_digest(expected, given.lower()):
        abort(403)
    event = request.get_json(silent=True)
    if not isinstance(event, dict):
        return "not JSON\n", 400
    params = event.get("params") if isinstance(event.get("params"), dict) else event
    call_id = params.get("call_id")
    state = params.get("call_state")
    if not call_id or not state:
        return "not a call state webhook\n", 400
    calls[call_id] = {
        "state": state,
        "end_reason": params.get("end_reason"),
        "timestamp": event.get("timestamp"),
    }
    return "", 204


@app.get("/calls")
def call_count():
    return jsonify(calls=len(calls))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


if __name__ == "__main__":
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    port = free_port()
    print(f"port {port}", flush=True)
    app.run(host="127.0.0.1", port=port, threaded=True)
