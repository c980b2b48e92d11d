#!/usr/bin/env python3
"""Checker for the batch-6 blind redaction corpus. Stdlib only."""
import collections, json, os, sys

PFX = "b6"
PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus.jsonl")
KEYS = {"id", "kind", "family", "format", "text", "secrets", "registered", "airflow_key_rule"}
SECRET_FAMS = {"password_punct", "statement_command", "encoded", "split_webhook", "random_purpose_name", "vendor_token", "airflow_context", "registered", "other"}
HARMLESS_FAMS = {"api_json", "task_log", "scheduler_log", "worker_log", "near_miss", "key_word_nonsecret", "reference", "config", "dag_source"}
errs = []
rows = [json.loads(l) for l in open(PATH, encoding="utf-8")]
for i, r in enumerate(rows, 1):
    if set(r) - KEYS or not {"id", "kind", "family", "format", "text", "secrets"} <= set(r):
        errs.append("%d: bad keys %s" % (i, sorted(r)))
    if r["id"] != "%s-%05d" % (PFX, i):
        errs.append("%d: id %s out of order" % (i, r["id"]))
    if r["kind"] == "secret":
        if r["family"] not in SECRET_FAMS: errs.append("%s: family %s" % (r["id"], r["family"]))
        if not r["secrets"]: errs.append("%s: no secrets" % r["id"])
        if r.get("airflow_key_rule"): errs.append("%s: key rule on secret" % r["id"])
        for s in r["secrets"] + r.get("registered", []):
            if not s or s not in r["text"]: errs.append("%s: secret not in text: %r" % (r["id"], s[:40]))
    elif r["kind"] == "harmless":
        if r["family"] not in HARMLESS_FAMS: errs.append("%s: family %s" % (r["id"], r["family"]))
        if r["secrets"] or r.get("registered"): errs.append("%s: harmless with secrets" % r["id"])
    else:
        errs.append("%s: kind %s" % (r["id"], r["kind"]))
allsec = set(s for r in rows for s in r["secrets"])
harm = [r for r in rows if r["kind"] == "harmless"]
for r in harm:
    for s in allsec:
        if s in r["text"]:
            errs.append("%s: harmless contains secret %r" % (r["id"], s[:30]))
sec_rows = [r for r in rows if r["kind"] == "secret"]
nsec = sum(len(r["secrets"]) for r in sec_rows)
fmts = set(r["format"] for r in sec_rows)
vfmts = set(f for f in fmts if f.startswith("vendor:"))
kr = sum(1 for r in harm if r.get("airflow_key_rule"))
nh = len(harm) - kr
nreg = sum(1 for r in sec_rows if r.get("registered"))
print("lines=%d secret_lines=%d secret_strings=%d formats=%d vendor_formats=%d harmless=%d key_rule=%d registered_lines=%d (%.1f%%)" % (
    len(rows), len(sec_rows), nsec, len(fmts), len(vfmts), nh, kr, nreg, 100.0 * nreg / max(1, len(sec_rows))))
print("unique secret strings=%d" % len(allsec))
for kind in ("secret", "harmless"):
    c = collections.Counter(r["family"] for r in rows if r["kind"] == kind)
    print(kind, "families:", dict(sorted(c.items())))
hf = collections.Counter(r["format"].split(":")[0] for r in harm)
print("harmless format groups:", dict(sorted(hf.items())))
sg = collections.Counter(r["format"].split(":")[0] for r in sec_rows)
print("secret format groups (lines):", dict(sorted(sg.items())))
if nsec < 480: errs.append("too few secret strings")
if len(fmts) < 120: errs.append("too few formats")
if len(vfmts) < 50: errs.append("too few vendor formats")
if nh < 480: errs.append("too few harmless lines")
for e in errs[:50]: print("ERROR", e)
print("FAIL %d errors" % len(errs) if errs else "OK")
sys.exit(1 if errs else 0)
