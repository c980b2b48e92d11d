#!/usr/bin/env python3
"""Checker for corpus.jsonl (batch B10)."""
import json, os, sys, collections
P = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus.jsonl")
PFX = "B10"
KEYS = {"id", "kind", "family", "format", "text", "secrets", "registered", "airflow_key_rule"}
errs = []; rows = []
with open(P, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try: o = json.loads(line)
        except Exception as e: errs.append("line %d: bad json %s" % (n, e)); continue
        rows.append(o)
        if set(o) - KEYS: errs.append("%d: unknown keys %s" % (n, set(o) - KEYS))
        if o.get("id") != "%s-%05d" % (PFX, n): errs.append("%d: id %s out of order" % (n, o.get("id")))
        if o.get("kind") not in ("secret", "harmless"): errs.append("%d: bad kind" % n)
        for k in ("family", "format", "text"):
            if not isinstance(o.get(k), str) or not o.get(k): errs.append("%d: bad %s" % (n, k))
        s = o.get("secrets")
        if not isinstance(s, list) or not all(isinstance(x, str) and x for x in s): errs.append("%d: bad secrets" % n); continue
        if o["kind"] == "secret":
            if not s: errs.append("%d: secret line without secrets" % n)
            for x in s:
                if x not in o["text"]: errs.append("%d: secret not substring: %r" % (n, x))
            for x in o.get("registered", []):
                if x not in o["text"]: errs.append("%d: registered not substring" % n)
            if o.get("airflow_key_rule"): errs.append("%d: key rule on secret line" % n)
        else:
            if s: errs.append("%d: harmless with secrets" % n)
            if "registered" in o: errs.append("%d: harmless with registered" % n)
allsec = set(x for o in rows for x in o["secrets"])
harm = [o for o in rows if o["kind"] == "harmless"]
for o in harm:
    for x in allsec:
        if x in o["text"]: errs.append("%s: harmless line contains secret %r" % (o["id"], x[:30]))
sec_rows = [o for o in rows if o["kind"] == "secret"]
nsec = sum(len(o["secrets"]) for o in sec_rows)
fmts = set(o["format"] for o in sec_rows)
vend = set(f for f in fmts if f.startswith("vendor:"))
kr = [o for o in harm if o.get("airflow_key_rule")]
plain_h = len(harm) - len(kr)
reg = sum(1 for o in sec_rows if o.get("registered"))
print("lines", len(rows), "| secret lines", len(sec_rows), "| secret strings", nsec, "| formats", len(fmts), "| vendor formats", len(vend))
print("harmless (excl key-rule)", plain_h, "| key-rule lines", len(kr), "| registered lines", reg, "(%.1f%% of secret lines)" % (100.0 * reg / max(1, len(sec_rows))))
fam = collections.Counter((o["kind"], o["family"]) for o in rows)
for (k, f), c in sorted(fam.items()): print("  %-8s %-22s %d" % (k, f, c))
for cond, msg in [(nsec >= 480, "secret strings >= 480"), (len(fmts) >= 120, "formats >= 120"), (len(vend) >= 50, "vendor formats >= 50"), (plain_h >= 480, "harmless >= 480")]:
    if not cond: errs.append("minimum not met: " + msg)
if errs:
    print("ERRORS (%d):" % len(errs)); [print("  " + e) for e in errs[:50]]; sys.exit(1)
print("OK")
