#!/usr/bin/env python3
"""Writes the --source fixtures of tests/usage_sources.rs from one list of
sign-ins, each export in its source's documented shape with noise that
must not count (other apps, failed sign-ins, admin events, API keys), and
beside each the same activity hand-filtered as a plain CSV
(`user,timestamp,site`; `site` is read only with --region-col site).
Run it from this directory; the output is committed."""
import json

# The activity that counts: user, UTC instant, location index.
US, DE, JP = 0, 1, 2
ann = [(f"ann@acme.example", f"2026-11-{d:02d}T09:00:00Z", US)
       for d in range(7, 21) if d not in (14, 15)]
events = ann + [
    ("Bob@Acme.example", "2026-10-24T10:00:00Z", DE),
    ("bob@acme.example", "2026-11-01T10:00:00Z", DE),
    ("bob@acme.example", "2026-11-08T10:00:00Z", DE),
    ("bob@acme.example", "2026-11-19T23:30:00Z", DE),
    ("cat@acme.example", "2026-11-02T12:00:00Z", JP),
    ("dan@acme.example", "2026-10-22T08:00:00Z", US),
    ("eve@acme.example", "2026-10-01T08:00:00Z", US),
    ("gus@acme.example", "2026-11-20T07:00:00Z", DE),
]
SITES = ["na", "emea", ""]
OKTA_COUNTRY = ["United States", "Germany", "Japan"]
ENTRA_LOCATION = ["Seattle, Washington, US", "Berlin, Berlin, DE", "Tokyo, Tokyo, JP"]
GOOGLE_OU = ["/Sales/NA", "/Sales/EMEA/Paris", "/Research"]


def plain(name, rows):
    with open(name, "w", newline="") as f:
        f.write("user,timestamp,site\n")
        for user, when, loc in rows:
            f.write(f"{user},{when},{SITES[loc]}\n")


plain("plain.csv", events)

# --- Okta ---------------------------------------------------------------
def okta_event(i, user, when, loc, kind="user.authentication.sso", result="SUCCESS", app="Claude"):
    return {
        "uuid": f"e{i:04d}", "published": when.replace("Z", ".000Z"), "eventType": kind,
        "version": "0", "severity": "INFO", "displayMessage": "User single sign on to app",
        "actor": {"id": f"00u{i}", "type": "User", "alternateId": user, "displayName": user.split("@")[0]},
        "client": {"userAgent": {"rawUserAgent": "Mozilla/5.0", "os": "Mac OS X", "browser": "CHROME"},
                   "zone": "null", "device": "Computer", "ipAddress": "198.51.100.7",
                   "geographicalContext": {"city": "x", "state": "y", "country": OKTA_COUNTRY[loc],
                                           "postalCode": None, "geolocation": {"lat": 1.5, "lon": 2.5}}},
        "outcome": {"result": result, "reason": None if result == "SUCCESS" else "VERIFICATION_ERROR"},
        "target": [{"id": "0oa1", "type": "AppInstance", "alternateId": app, "displayName": app,
                    "detailEntry": {"signOnModeType": "SAML_2_0"}},
                   {"id": f"0ua{i}", "type": "AppUser", "alternateId": user, "displayName": user}],
    }

okta = [okta_event(i, *e) for i, e in enumerate(events)]
okta += [
    okta_event(90, "ann@acme.example", "2026-11-14T09:00:00Z", US, kind="user.session.start"),
    okta_event(91, "cat@acme.example", "2026-11-20T09:00:00Z", JP, result="FAILURE"),
    okta_event(92, "dan@acme.example", "2026-11-20T09:00:00Z", US, app="Slack"),
    okta_event(93, "fay@acme.example", "2026-11-19T09:00:00Z", US, kind="user.account.lock"),
]
okta.sort(key=lambda e: e["published"])
with open("okta.json", "w") as f:
    json.dump(okta, f, indent=2)
    f.write("\n")
with open("okta-pages.json", "w") as f:
    half = len(okta) // 2
    f.write(json.dumps(okta[:half]))
    f.write(json.dumps(okta[half:]))
    f.write("\n")


def csv_cell(v):
    v = "" if v is None else str(v)
    if any(c in v for c in ',"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v

with open("okta.csv", "w", newline="") as f:
    cols = ["uuid", "published", "eventType", "displayMessage", "actor.id", "actor.alternateId",
            "actor.displayName", "client.ipAddress", "client.geographicalContext.country",
            "outcome.result", "outcome.reason", "target"]
    f.write(",".join(cols) + "\r\n")
    for e in okta:
        vals = [e["uuid"], e["published"], e["eventType"], e["displayMessage"], e["actor"]["id"],
                e["actor"]["alternateId"], e["actor"]["displayName"], e["client"]["ipAddress"],
                e["client"]["geographicalContext"]["country"], e["outcome"]["result"],
                e["outcome"]["reason"], json.dumps(e["target"])]
        f.write(",".join(csv_cell(v) for v in vals) + "\r\n")

# --- Entra --------------------------------------------------------------
entra = [(when, user, "Claude", "Success", ENTRA_LOCATION[loc]) for user, when, loc in events]
# Two of the counted rows without the Z: the column is UTC.
entra[1] = (entra[1][0].rstrip("Z"),) + entra[1][1:]
entra[5] = (entra[5][0].rstrip("Z"),) + entra[5][1:]
entra += [
    ("2026-11-14T09:00:00Z", "ann@acme.example", "Microsoft Teams", "Success", ENTRA_LOCATION[US]),
    ("2026-11-20T09:00:00Z", "cat@acme.example", "Claude", "Failure", ENTRA_LOCATION[JP]),
    ("2026-11-20T09:05:00Z", "dan@acme.example", "Claude", "Interrupted", ENTRA_LOCATION[US]),
]
entra.sort()
with open("entra.csv", "w", newline="", encoding="utf-8-sig") as f:
    head = ["Date (UTC)", "Request ID", "User", "Username", "User ID", "Application",
            "Application ID", "Resource", "IP address", "Location", "Status",
            "Sign-in error code", "Failure reason", "Client app"]
    f.write(",".join(f'"{h}"' for h in head) + "\r\n")
    for i, (when, user, app, status, loc) in enumerate(entra):
        code = "0" if status == "Success" else "50126"
        reason = "" if status == "Success" else "Invalid username or password."
        vals = [when, f"r{i}", user.split("@")[0].title(), user, f"u{i}", app, "a1",
                "Windows Azure Active Directory", "203.0.113.9", loc, status, code, reason, "Browser"]
        f.write(",".join(f'"{v}"' for v in vals) + "\r\n")

# --- Google -------------------------------------------------------------
import datetime as dt
MONTH = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()

def console(when):
    t = dt.datetime.strptime(when, "%Y-%m-%dT%H:%M:%SZ") + dt.timedelta(hours=1)
    h = t.hour % 12 or 12
    half = "AM" if t.hour < 12 else "PM"
    return f"{MONTH[t.month - 1]} {t.day}, {t.year}, {h}:{t.minute:02d}:{t.second:02d} {half} GMT+01:00"

google = [("Successful login", console(when), user, GOOGLE_OU[loc], "Claude") for user, when, loc in events]
google += [
    ("Failed login", console("2026-11-20T09:00:00Z"), "cat@acme.example", GOOGLE_OU[JP], "Claude"),
    ("Successful login", console("2026-11-20T09:00:00Z"), "dan@acme.example", GOOGLE_OU[US], "Slack"),
]
with open("google.csv", "w", newline="") as f:
    f.write("Event,Date,Actor,Actor organizational unit,Application name,Initiated by,Failure type,IP address\n")
    for ev, date, user, ou, app in reversed(google):
        fail = "Failure: invalid credentials" if ev.startswith("Failed") else ""
        f.write(",".join(csv_cell(v) for v in [ev, date, user, ou, app, "Identity provider", fail, "192.0.2.4"]) + "\n")

# --- Claude audit log ---------------------------------------------------
usage = ["conversation_created", "claude_chat_created", "project_created", "file_uploaded",
         "claude_artifact_created", "claude_chat_viewed"]
audit = []
for i, (user, when, loc) in enumerate(events):
    stamp = when.replace("T", " ").replace("Z", ".250000+00:00") if i % 3 else when
    audit.append((stamp, user, usage[i % len(usage)]))
audit += [
    ("2026-11-20T09:00:00Z", "cat@acme.example", "org_user_invite_sent"),
    ("2026-11-20T09:01:00Z", "dan@acme.example", "org_user_role_updated"),
    ("2026-11-20T09:02:00Z", "fay@acme.example", "user_signed_in_sso"),
    ("2026-11-19T09:03:00Z", "fay@acme.example", "org_settings_updated"),
]
with open("claude-audit.csv", "w", newline="") as f:
    f.write("created_at,actor_info,event,event_info,entity_info,ip_address,device_id,user_agent,client_platform\r\n")
    for stamp, user, ev in audit:
        actor = json.dumps({"name": user.split("@")[0], "email_address": user, "uuid": "u-" + user[:3]})
        entity = json.dumps({"type": "chat_conversation", "uuid": "c-1", "name": None})
        f.write(",".join(csv_cell(v) for v in [stamp, actor, ev, "{}", entity, "192.0.2.8", "", "Mozilla/5.0", ""]) + "\r\n")

# --- Claude Code Analytics ----------------------------------------------
def code_record(user, day, terminal="vscode", api=False):
    actor = ({"type": "api_actor", "api_key_name": "ci-key"} if api
             else {"type": "user_actor", "email_address": user})
    return {"date": f"{day}T00:00:00Z", "actor": actor, "organization_id": "org-1",
            "customer_type": "api", "terminal_type": terminal,
            "core_metrics": {"num_sessions": 2, "lines_of_code": {"added": 40, "removed": 3},
                             "commits_by_claude_code": 1, "pull_requests_by_claude_code": 0},
            "tool_actions": {"edit_tool": {"accepted": 3, "rejected": 1}},
            "model_breakdown": [{"model": "claude-sonnet-4", "tokens": {"input": 1, "output": 2, "cache_read": 0, "cache_creation": 0},
                                 "estimated_cost": {"currency": "USD", "amount": 12}}]}

days = [(user, when[:10]) for user, when, _ in events]
records = [code_record(u, d) for u, d in days]
records.insert(3, code_record("ann@acme.example", "2026-11-09", terminal="iTerm.app"))
records.append(code_record(None, "2026-11-20", api=True))
with open("claude-code.json", "w") as f:
    for start in range(0, len(records), 10):
        page = records[start:start + 10]
        more = start + 10 < len(records)
        f.write(json.dumps({"data": page, "has_more": more,
                            "next_page": f"page_{start + 10}" if more else None}, indent=1))
        f.write("\n")
with open("claude-code.expected.csv", "w", newline="") as f:
    f.write("user,date\n")
    for u, d in days + [("ann@acme.example", "2026-11-09")]:
        f.write(f"{u},{d}\n")

# --- Members export and List Users --------------------------------------
latest = {}
for user, when, _ in events:
    u = user.lower()
    latest[u] = max(latest.get(u, ""), when[:10])
with open("claude-members.csv", "w", newline="", encoding="utf-8-sig") as f:
    f.write("Name,Email,Role,Status,Last active\r\n")
    for u, d in sorted(latest.items()):
        f.write(f"{u.split('@')[0].title()},{u},User,Active,{d}\r\n")
    f.write("Fay,fay@acme.example,User,Invited,\r\n")
with open("claude-members.expected.csv", "w", newline="") as f:
    f.write("email,last_activity_date\n")
    for u, d in sorted(latest.items()):
        f.write(f"{u},{d}\n")
    f.write("fay@acme.example,\n")

roster = ["ann", "bob", "cat", "dan", "eve", "fay"]
with open("users.json", "w") as f:
    for page in (roster[:4], roster[4:]):
        data = [{"id": f"user_{n}", "type": "user", "email": f"{n}@acme.example", "name": n.title(),
                 "role": "user", "added_at": "2026-01-05T10:00:00Z"} for n in page]
        f.write(json.dumps({"data": data, "has_more": page == roster[:4],
                            "first_id": data[0]["id"], "last_id": data[-1]["id"]}, indent=2))
        f.write("\n")
with open("users.csv", "w") as f:
    f.write("email\n" + "".join(f"{n}@acme.example\n" for n in roster))

with open("regions.csv", "w") as f:
    f.write("location,region\nUnited States,na\nGermany,emea\nUS,na\nDE,emea\n/Sales/NA,na\n/Sales/EMEA,emea\n")
