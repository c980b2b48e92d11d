#!/usr/bin/env python3
"""Checks corpus.jsonl: schema, id order, secrets are substrings, no secret leaks into a harmless
line, minimum sizes. Prints counts. Exit status 1 on any failure."""
import collections
import json
import os
import sys

PFX = "b5"
PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "corpus.jsonl")
SECRET_FAMS = {"password_punct", "statement_command", "encoded", "split_webhook", "random_purpose_name",
               "vendor_token", "airflow_context", "registered", "other"}
HARM_FAMS = {"api_json", "task_log", "scheduler_log", "worker_log", "near_miss", "key_word_nonsecret",
             "reference", "config", "dag_source"}
KEYS = {"id", "kind", "family", "format", "text", "secrets", "registered", "airflow_key_rule"}
errors = []


def err(m):
    errors.append(m)


rows = []
with open(PATH, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            rows.append(json.loads(line))
        except ValueError as e:
            err("line %d: bad JSON: %s" % (n, e))

secret_strings = []
for i, r in enumerate(rows, 1):
    rid = r.get("id")
    if rid != "%s-%05d" % (PFX, i):
        err("line %d: id %r out of order" % (i, rid))
    extra = set(r) - KEYS
    if extra:
        err("%s: unknown keys %s" % (rid, sorted(extra)))
    for k, t in (("kind", str), ("family", str), ("format", str), ("text", str), ("secrets", list)):
        if not isinstance(r.get(k), t):
            err("%s: %s missing or wrong type" % (rid, k))
    kind = r.get("kind")
    secs = r.get("secrets") or []
    if kind == "secret":
        if r.get("family") not in SECRET_FAMS:
            err("%s: secret family %r" % (rid, r.get("family")))
        if not secs:
            err("%s: secret line without secrets" % rid)
        if "airflow_key_rule" in r:
            err("%s: airflow_key_rule on secret line" % rid)
        for s in secs:
            if not isinstance(s, str) or not s:
                err("%s: empty/non-string secret" % rid)
            elif s not in r["text"]:
                err("%s: secret not in text: %r" % (rid, s[:40]))
            else:
                secret_strings.append((rid, r["format"], s))
        for s in r.get("registered", []):
            if not isinstance(s, str) or len(s) < 5:
                err("%s: bad registered value" % rid)
    elif kind == "harmless":
        if r.get("family") not in HARM_FAMS:
            err("%s: harmless family %r" % (rid, r.get("family")))
        if secs:
            err("%s: harmless line with secrets" % rid)
        if "registered" in r:
            err("%s: registered on harmless line" % rid)
        if "airflow_key_rule" in r and r["airflow_key_rule"] is not True:
            err("%s: airflow_key_rule must be true" % rid)
    else:
        err("%s: kind %r" % (rid, kind))

all_secrets = set(s for _, _, s in secret_strings)
for r in rows:
    if r.get("kind") == "registered" or r.get("kind") == "secret":
        all_secrets.update(r.get("registered", []))
for r in rows:
    if r.get("kind") == "harmless":
        for s in all_secrets:
            if s in r["text"]:
                err("%s: harmless line contains secret %r" % (r["id"], s[:40]))

sec_lines = [r for r in rows if r.get("kind") == "secret"]
harm = [r for r in rows if r.get("kind") == "harmless" and not r.get("airflow_key_rule")]
kr = [r for r in rows if r.get("kind") == "harmless" and r.get("airflow_key_rule")]
formats = set(r["format"] for r in sec_lines)
vendor = set(f for f in formats if f.startswith("vendor:"))
reg = [r for r in sec_lines if r.get("registered")]

print("lines            %d" % len(rows))
print("secret lines     %d" % len(sec_lines))
print("secret strings   %d (distinct %d)" % (len(secret_strings), len(all_secrets)))
print("secret formats   %d (vendor %d)" % (len(formats), len(vendor)))
print("registered lines %d (%.1f%% of secret lines)" % (len(reg), 100.0 * len(reg) / max(1, len(sec_lines))))
print("harmless lines   %d (+ %d airflow_key_rule lines)" % (len(harm), len(kr)))
print("harmless formats %d" % len(set(r["format"] for r in harm + kr)))
print("\nper family (lines / secret strings):")
fam = collections.OrderedDict()
for r in rows:
    key = (r["kind"], r["family"] + (" [key_rule]" if r.get("airflow_key_rule") else ""))
    a = fam.setdefault(key, [0, 0])
    a[0] += 1
    a[1] += len(r.get("secrets", []))
for (k, f), (n, s) in sorted(fam.items()):
    print("  %-8s %-32s %4d %4d" % (k, f, n, s))
print("\nper format group (secret strings):")
grp = collections.Counter()
for _, fmt, _ in secret_strings:
    grp[fmt.split(":")[0]] += 1
for g, n in sorted(grp.items()):
    print("  %-14s %4d" % (g, n))

if len(secret_strings) < 480:
    err("fewer than 480 secret strings")
if len(formats) < 120:
    err("fewer than 120 secret formats")
if len(vendor) < 50:
    err("fewer than 50 vendor formats")
if len(harm) < 480:
    err("fewer than 480 harmless lines")
if errors:
    print("\nFAILED (%d):" % len(errors))
    for e in errors[:50]:
        print("  " + e)
    sys.exit(1)
print("\nOK")
