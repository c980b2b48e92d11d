#!/usr/bin/env python3
"""Checks corpus.jsonl (batch 12): schema, id order, secret substrings, no leak into harmless lines, minimum sizes."""
import json, os, sys, collections
PFX = "B12"
P = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus.jsonl")
SECRET_FAM = {"password_punct", "statement_command", "encoded", "split_webhook", "random_purpose_name", "vendor_token", "airflow_context", "registered", "other"}
HARM_FAM = {"api_json", "task_log", "scheduler_log", "worker_log", "near_miss", "key_word_nonsecret", "reference", "config", "dag_source"}
KEYS = {"id", "kind", "family", "format", "text", "secrets", "registered", "airflow_key_rule"}
err = []
rows = [json.loads(l) for l in open(P, encoding="utf-8")]
for i, r in enumerate(rows, 1):
    rid = r.get("id")
    if rid != f"{PFX}-{i:05d}": err.append(f"line {i}: id {rid}")
    if set(r) - KEYS: err.append(f"{rid}: unknown keys {set(r) - KEYS}")
    for k in ("kind", "family", "format", "text"):
        if not isinstance(r.get(k), str) or not r[k]: err.append(f"{rid}: bad {k}")
    if not isinstance(r.get("secrets"), list) or not all(isinstance(x, str) and x for x in r["secrets"]): err.append(f"{rid}: bad secrets")
    if r["kind"] == "secret":
        if r["family"] not in SECRET_FAM: err.append(f"{rid}: family {r['family']}")
        if not r["secrets"]: err.append(f"{rid}: no secrets")
        for x in r["secrets"]:
            if x not in r["text"]: err.append(f"{rid}: secret not in text {x[:30]!r}")
        for x in r.get("registered", []):
            if x not in r["text"]: err.append(f"{rid}: registered not in text")
        if "airflow_key_rule" in r: err.append(f"{rid}: key rule on secret line")
    elif r["kind"] == "harmless":
        if r["family"] not in HARM_FAM: err.append(f"{rid}: family {r['family']}")
        if r["secrets"] or "registered" in r: err.append(f"{rid}: harmless with secrets")
        if "airflow_key_rule" in r and r["airflow_key_rule"] is not True: err.append(f"{rid}: key rule not true")
    else: err.append(f"{rid}: kind {r['kind']}")
allsec = {x for r in rows for x in r["secrets"]}
for r in rows:
    if r["kind"] == "harmless":
        for x in allsec:
            if x in r["text"]: err.append(f"{r['id']}: harmless contains secret {x[:30]!r}")
sec = [r for r in rows if r["kind"] == "secret"]
harm = [r for r in rows if r["kind"] == "harmless" and not r.get("airflow_key_rule")]
kr = [r for r in rows if r.get("airflow_key_rule")]
nsec = sum(len(r["secrets"]) for r in sec)
fmts = {r["format"] for r in sec}
vend = {f for f in fmts if f.startswith("vendor:")}
reg = sum(1 for r in sec if r.get("registered"))
for cond, msg in [(nsec >= 480, "secret strings < 480"), (len(fmts) >= 120, "formats < 120"), (len(vend) >= 50, "vendor formats < 50"), (len(harm) >= 480, "harmless < 480")]:
    if not cond: err.append(msg)
print(f"lines={len(rows)} secret_lines={len(sec)} secret_strings={nsec} distinct_secrets={len(allsec)} formats={len(fmts)} vendor_formats={len(vend)} harmless={len(harm)} key_rule={len(kr)} registered_lines={reg} ({100*reg/len(sec):.1f}%) harmless_formats={len({r['format'] for r in harm + kr})}")
fam = collections.Counter((r["kind"], r["family"]) for r in rows)
fs = collections.Counter()
for r in sec: fs[r["family"]] += len(r["secrets"])
print("per family (lines / secret strings):")
for (k, f), n in sorted(fam.items()): print(f"  {k:8s} {f:20s} {n:4d}" + (f" / {fs[f]}" if k == "secret" else ""))
grp = collections.Counter()
for r in sec: grp["vendor" if r["format"].startswith("vendor:") else "non-vendor"] += len(r["secrets"])
print("per format group (secret strings):", dict(grp))
if err:
    print(f"{len(err)} ERRORS"); [print(" ", e) for e in err[:40]]; sys.exit(1)
print("OK")
