"""Drives the practice space with SignalWire's official Python SDK (signalwire-sdk) and checks
its answers and every webhook it sent (as judged by the official JS validateRequest in
receiver.js). Exits non-zero, naming each mismatch, when the practice space diverges."""

import json
import sys
import time
import urllib.request
from urllib.parse import urlparse

from signalwire.rest import RestClient, SignalWireRestError

SPACE_URL, RECEIVER = sys.argv[1], sys.argv[2]
PROJECT, TOKEN = "practice-project", "PTpractice-token"
OWNED, ANSWERS, NO_ANSWER, BUSY = "+12065550100", "+12065550175", "+12065550171", "+12065550170"
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


client = RestClient(project=PROJECT, token=TOKEN, host=urlparse(SPACE_URL).netloc)
swml = {"version": "1.0.0", "sections": {"main": [{"answer": {}}, {"play": {"url": "say:Hi"}}, {"hangup": {}}]}}
port = urlparse(RECEIVER).port
# Status URLs whose text differs from what an HTTP client requests.
status_urls = [
    f"http://127.0.0.1:{port}",
    f"http://127.0.0.1:{port}/status/a%2fb?tag=a%20b&x=%7e",
    f"http://127.0.0.1:{port}/x/../status/dots",
    f"http://127.0.0.1:{port}/status/frag?q=1#section",
    f"http://127.0.0.1:{port}/status/plain",
]
rest_events = ["created", "ringing", "answered", "ended"]
openrpc_events = ["queued", "initiated", "ringing", "answered", "ending", "ended"]

# Dial, with both documented status_events lists.
calls = []
for i, url in enumerate(status_urls):
    events = rest_events if i % 2 == 0 else openrpc_events
    call = client.calling.dial(from_=OWNED, to=ANSWERS, swml=swml, status_url=url, status_events=events)
    check(bool(call.get("id")) and call.get("direction") == "outbound-api", f"dial {i} returns a call object")
    calls.append(call["id"])

# End a ringing call with calling.end; cancel another with update; refused updates carry codes.
ringing = client.calling.dial(from_=OWNED, to=NO_ANSWER, swml=swml)["id"]
time.sleep(0.3)
ended = client.calling.end(ringing, reason="hangup")
check(ended.get("status") == "ended", "calling.end ends a ringing call")
queued = client.calling.dial(from_=OWNED, to=NO_ANSWER, swml=swml)["id"]
cancelled = client.calling.update(id=queued, status="canceled")
check(cancelled.get("status") == "ended", "update canceled cancels an unanswered call")
try:
    client.calling.update(id=queued, status="canceled")
    check(False, "updating an ended call is refused")
except SignalWireRestError as e:
    check(e.status_code == 422 and "cannot_update_completed" in json.dumps(e.body), f"updating an ended call: 422 cannot_update_completed ({e.body})")

# Errors in the documented shapes.
try:
    client.calling.dial(from_=OWNED, to=ANSWERS, swml=swml, caller_id="+13035550177")
    check(False, "a pending caller ID is refused")
except SignalWireRestError as e:
    check(e.status_code == 422 and "not_purchased_or_verified" in json.dumps(e.body), "pending caller ID: 422 not_purchased_or_verified")
try:
    client.calling.dial(from_=OWNED, to=ANSWERS, swml=swml, extras={"custom_variables": {"sw_x": "v"}})
    check(False, "a reserved custom variable is refused")
except SignalWireRestError as e:
    check(e.status_code == 422 and "reserved_custom_variable_name" in json.dumps(e.body), "reserved custom variable: 422 with its code")
try:
    RestClient(project=PROJECT, token="wrong", host=urlparse(SPACE_URL).netloc).calling.dial(from_=OWNED, to=ANSWERS, swml=swml)
    check(False, "a wrong token is refused")
except SignalWireRestError as e:
    check(e.status_code == 401, "wrong token: 401")

# Numbers, verified caller IDs (all pages, and each by id), lookup.
numbers = list(client.phone_numbers.paginate(page_size=2))
check(len(numbers) >= 3, f"phone numbers paginate ({len(numbers)})")
check(all(n.get("number_type") in ("longcode", "toll-free") for n in numbers), "number_type is longcode or toll-free")
check(client.phone_numbers.get(numbers[0]["id"])["id"] == numbers[0]["id"], "a phone number by id")
verified = list(client.verified_callers.paginate(page_size=2))
check(all(v.get("status") in ("Verified", "Awaiting Verification") for v in verified), "verified caller ID status spelling")
check(all("verified" in v and "type" in v and "extension" in v for v in verified), "verified caller IDs carry type/extension/verified")
check(client.verified_callers.get(verified[0]["id"])["id"] == verified[0]["id"], "a verified caller ID by id")
lookup = client.lookup.phone_number("+12065550175", include="carrier,cnam")
check(lookup.get("e164") == "+12065550175", "lookup answers for the number")

# Let the calls play out (20x clock: about 1.2 s each, paced 1 a simulated second).
time.sleep(4)

# Voice logs: by id, events shape, and the list paged to the end with full-URL links.
log = client.logs.voice.get(calls[0])
call_keys = {"id", "from", "to", "direction", "status", "created_at", "charge", "charge_details", "duration",
             "duration_ms", "billing_ms", "type", "parent_id", "url", "source"}
check(set(log.keys()) == call_keys, f"a voice log has the call object's fields ({sorted(log.keys())})")
events = client.logs.voice.list_events(calls[0])
check(all(set(e.keys()) == {"event_at", "level", "name", "details", "project_id", "log_id"} for e in events["data"]),
      "voice-log events have the documented shape")
listed = [l["id"] for l in client.logs.voice.paginate(page_size=2)]
check(set(calls + [ringing, queued]) <= set(listed), f"the voice-log list pages to the end ({len(listed)} logs)")
first = client.logs.voice.list(page_size=2)
check(first["links"].get("next", "").startswith(SPACE_URL), "voice-log links are full URLs")

# Every webhook, judged by SignalWire's validator against the URL the receiver got.
hits = json.load(urllib.request.urlopen(f"{RECEIVER}/results"))
check(len(hits) >= 2 * len(status_urls), f"webhooks arrived ({len(hits)})")
for hit in hits:
    check(hit["sha1Valid"] is True, f"X-SignalWire-Signature valid for {hit['url']}")
    check(hit["sha256Valid"] is True, f"X-SignalWire-SHA256-Signature valid for {hit['url']}")
states = {h["body"]["params"]["call_state"] for h in hits}
check({"ringing", "answered", "ended"} <= states, f"subscribed states were sent ({sorted(states)})")

print(f"\n{len(failures)} mismatch(es)" if failures else "\nthe practice space matches the official SDK and validator")
sys.exit(1 if failures else 0)
