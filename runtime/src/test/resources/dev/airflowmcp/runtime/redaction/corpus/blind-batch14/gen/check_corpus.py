#!/usr/bin/env python3
"""Checks corpus.jsonl: schema, id order, secrets are substrings, no secret leaks into harmless lines, minimum sizes."""
import json, os, sys, collections
P = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus.jsonl")
PFX = "B14"
KEYS = {"id", "kind", "family", "format", "text", "secrets", "registered", "airflow_key_rule"}
SF = {"password_punct", "statement_command", "encoded", "split_webhook", "random_purpose_name", "vendor_token", "airflow_context", "registered", "other"}
HF = {"api_json", "task_log", "scheduler_log", "worker_log", "near_miss", "key_word_nonsecret", "reference", "config", "dag_source", "cli_output", "api_server_log"}
errs = []
rows = [json.loads(l) for l in open(P, encoding="utf-8")]
for i, r in enumerate(rows, 1):
    e = lambda m: errs.append("%s: %s" % (r.get("id"), m))
    if set(r) - KEYS: e("unknown keys %s" % (set(r) - KEYS))
    for k in ("id", "kind", "family", "format", "text", "secrets"):
        if k not in r: e("missing " + k)
    if r["id"] != "%s-%05d" % (PFX, i): e("id out of order")
    if r["kind"] not in ("secret", "harmless"): e("bad kind")
    if not isinstance(r["text"], str) or not r["text"]: e("bad text")
    if r["kind"] == "secret":
        if r["family"] not in SF: e("unknown secret family")
        if not r["secrets"]: e("secret line without secrets")
        if r.get("airflow_key_rule"): e("key rule on secret line")
        for s in r["secrets"]:
            if not isinstance(s, str) or not s or s not in r["text"]: e("secret not substring: %r" % s)
        for s in r.get("registered", []):
            if s not in r["text"]: e("registered not substring")
    else:
        if r["family"] not in HF: e("unknown harmless family")
        if r["secrets"] or r.get("registered"): e("harmless line with secrets")
        if "airflow_key_rule" in r and r["airflow_key_rule"] is not True: e("key rule must be true")
allsec = {s for r in rows if r["kind"] == "secret" for s in r["secrets"]} | {s for r in rows for s in r.get("registered", [])}
for r in rows:
    if r["kind"] == "harmless":
        for s in allsec:
            if s in r["text"]: errs.append("%s: harmless line contains secret %r" % (r["id"], s))
sec = [r for r in rows if r["kind"] == "secret"]
har = [r for r in rows if r["kind"] == "harmless"]
kr = [r for r in har if r.get("airflow_key_rule")]
nsec = sum(len(r["secrets"]) for r in sec)
fmts = {r["format"] for r in sec}
vend = {f for f in fmts if f.startswith("vendor:")}
reg = [r for r in sec if r.get("registered")]
print("lines %d | secret lines %d | secret strings %d | formats %d | vendor formats %d | harmless %d (+ %d airflow_key_rule) | registered lines %d (%.1f%%)"
      % (len(rows), len(sec), nsec, len(fmts), len(vend), len(har) - len(kr), len(kr), len(reg), 100.0 * len(reg) / len(sec)))
print("secret strings per family:")
c = collections.Counter()
for r in sec: c[r["family"]] += len(r["secrets"])
for k, v in sorted(c.items()): print("  %-22s %d" % (k, v))
print("harmless lines per family (non key-rule / key-rule):")
c1 = collections.Counter(r["family"] for r in har if not r.get("airflow_key_rule")); c2 = collections.Counter(r["family"] for r in kr)
for k in sorted(set(c1) | set(c2)): print("  %-22s %d / %d" % (k, c1[k], c2[k]))
if nsec < 480: errs.append("fewer than 480 secret strings")
if len(fmts) < 120: errs.append("fewer than 120 formats")
if len(vend) < 50: errs.append("fewer than 50 vendor formats")
if len(har) - len(kr) < 480: errs.append("fewer than 480 harmless lines")
for x in errs[:30]: print("ERROR", x)
print("OK" if not errs else "FAILED (%d errors)" % len(errs))
sys.exit(1 if errs else 0)
