#!/usr/bin/env python3
"""Checker for the B11 corpus: schema, id order, secret containment, no secret leaks into harmless lines, minimum sizes."""
import json, os, re, sys
from collections import Counter

PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus.jsonl")
PFX = "B11"
errors = []
rows = []
with open(PATH, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            rows.append(json.loads(line))
        except Exception as e:
            errors.append("line %d: bad json %s" % (n, e))

KEYS = {"id", "kind", "family", "format", "text", "secrets"}
OPT = {"registered", "airflow_key_rule"}
for i, r in enumerate(rows, 1):
    rid = r.get("id")
    if rid != "%s-%05d" % (PFX, i): errors.append("id out of order at %d: %r" % (i, rid))
    ks = set(r)
    if not KEYS <= ks or ks - KEYS - OPT: errors.append("%s: bad keys %s" % (rid, sorted(ks)))
    if r.get("kind") not in ("secret", "harmless"): errors.append("%s: bad kind" % rid)
    for k in ("family", "format", "text"):
        if not isinstance(r.get(k), str) or not r.get(k): errors.append("%s: bad %s" % (rid, k))
    if not isinstance(r.get("secrets"), list): errors.append("%s: secrets not list" % rid); continue
    if r["kind"] == "secret":
        if not r["secrets"]: errors.append("%s: secret line without secrets" % rid)
        for s in r["secrets"]:
            if not isinstance(s, str) or not s: errors.append("%s: empty secret" % rid)
            elif s not in r["text"]: errors.append("%s: secret not in text: %r" % (rid, s[:40]))
        for s in r.get("registered", []):
            if s not in r["text"]: errors.append("%s: registered not in text" % rid)
        if r.get("airflow_key_rule"): errors.append("%s: key rule on secret line" % rid)
    else:
        if r["secrets"]: errors.append("%s: harmless line with secrets" % rid)
        if "registered" in r: errors.append("%s: harmless line with registered" % rid)
        if "airflow_key_rule" in r and r["airflow_key_rule"] is not True: errors.append("%s: key rule must be true" % rid)

all_secrets = set(s for r in rows if r.get("kind") == "secret" for s in r["secrets"])
harm = [r for r in rows if r.get("kind") == "harmless"]
# substring check: secrets inside harmless text
big = "\n\x00".join(r["text"] for r in harm)
for s in sorted(all_secrets):
    if s in big:
        for r in harm:
            if s in r["text"]: errors.append("secret %r occurs in harmless %s" % (s[:30], r["id"]))

sec_rows = [r for r in rows if r.get("kind") == "secret"]
n_secret_strings = sum(len(r["secrets"]) for r in sec_rows)
fmts = set(r["format"] for r in sec_rows)
vendor = set(f for f in fmts if f.startswith("vendor:"))
harm_plain = [r for r in harm if not r.get("airflow_key_rule")]
harm_kr = [r for r in harm if r.get("airflow_key_rule")]
reg = [r for r in sec_rows if r.get("registered")]

print("lines:", len(rows))
print("secret lines:", len(sec_rows), " secret strings:", n_secret_strings, " distinct secret strings:", len(all_secrets))
print("secret formats:", len(fmts), " vendor formats:", len(vendor))
print("harmless lines (excl key-rule):", len(harm_plain), " key-rule lines:", len(harm_kr), " harmless formats:", len(set(r["format"] for r in harm)))
print("lines with registered:", len(reg), "(%.1f%% of secret lines)" % (100.0 * len(reg) / max(1, len(sec_rows))))
print("per family:")
fam = Counter((r["kind"], r["family"]) for r in rows)
fs = Counter()
for r in sec_rows: fs[r["family"]] += len(r["secrets"])
for (k, f), c in sorted(fam.items()):
    print("  %-8s %-20s lines=%4d%s" % (k, f, c, ("  secrets=%d" % fs[f]) if k == "secret" else ""))

mins = [(n_secret_strings >= 480, "secret strings >= 480"), (len(fmts) >= 120, "formats >= 120"),
        (len(vendor) >= 50, "vendor formats >= 50"), (len(harm_plain) >= 480, "harmless (non key-rule) >= 480")]
for ok, msg in mins:
    if not ok: errors.append("minimum not met: " + msg)
if errors:
    print("ERRORS (%d):" % len(errors))
    for e in errors[:50]: print("  " + e)
    sys.exit(1)
print("OK")
