#!/usr/bin/env python3
"""Checker for the batch-13 blind corpus: schema, id order, secret substrings, no leaks into harmless lines, minimums."""
import json, os, sys, collections
PFX = "B13"
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus.jsonl")
KEYS = {"id", "kind", "family", "format", "text", "secrets", "registered", "airflow_key_rule"}
SEC_FAM = {"password_punct", "statement_command", "encoded", "split_webhook", "random_purpose_name", "vendor_token",
           "airflow_context", "registered", "other"}
HAR_FAM = {"api_json", "task_log", "scheduler_log", "worker_log", "near_miss", "key_word_nonsecret", "reference", "config", "dag_source"}
errs = []; rows = []
with open(path, encoding="utf-8") as fh:
    for n, line in enumerate(fh, 1):
        o = json.loads(line); rows.append(o)
        if set(o) - KEYS: errs.append(f"line {n}: unknown keys {set(o) - KEYS}")
        for k in ("id", "kind", "family", "format", "text", "secrets"):
            if k not in o: errs.append(f"line {n}: missing {k}")
        if o["id"] != f"{PFX}-{n:05d}": errs.append(f"line {n}: id {o['id']} out of order")
        if o["kind"] not in ("secret", "harmless"): errs.append(f"line {n}: bad kind")
        if not isinstance(o["text"], str) or not o["text"]: errs.append(f"line {n}: empty text")
        if o["kind"] == "secret":
            if o["family"] not in SEC_FAM: errs.append(f"line {n}: unexpected secret family {o['family']}")
            if not o["secrets"]: errs.append(f"line {n}: secret line without secrets")
            for s in o["secrets"]:
                if not isinstance(s, str) or not s or s not in o["text"]: errs.append(f"line {n}: secret not a substring: {s!r:.60}")
            for s in o.get("registered", []):
                if s not in o["text"]: errs.append(f"line {n}: registered value not in text")
            if "airflow_key_rule" in o: errs.append(f"line {n}: airflow_key_rule on a secret line")
        else:
            if o["family"] not in HAR_FAM: errs.append(f"line {n}: unexpected harmless family {o['family']}")
            if o["secrets"]: errs.append(f"line {n}: harmless line with secrets")
            if "registered" in o: errs.append(f"line {n}: registered on harmless line")
            if o.get("airflow_key_rule") not in (None, True): errs.append(f"line {n}: airflow_key_rule must be true")
allsec = sorted({s for o in rows if o["kind"] == "secret" for s in o["secrets"]}, key=len)
for o in rows:
    if o["kind"] == "harmless":
        for s in allsec:
            if s in o["text"]: errs.append(f"{o['id']}: harmless line contains a corpus secret {s!r:.40}")
sec = [o for o in rows if o["kind"] == "secret"]; har = [o for o in rows if o["kind"] == "harmless"]
kr = [o for o in har if o.get("airflow_key_rule")]; har_plain = [o for o in har if not o.get("airflow_key_rule")]
nsec = sum(len(o["secrets"]) for o in sec)
fmts = {o["format"] for o in sec}; vend = {f for f in fmts if f.startswith("vendor:")}
reg = [o for o in sec if o.get("registered")]
mins = [(nsec >= 480, f"secret strings {nsec} < 480"), (len(fmts) >= 120, f"formats {len(fmts)} < 120"),
        (len(vend) >= 50, f"vendor formats {len(vend)} < 50"), (len(har_plain) >= 480, f"harmless {len(har_plain)} < 480")]
errs += [m for ok, m in mins if not ok]
print(f"lines={len(rows)} secret_lines={len(sec)} secret_strings={nsec} formats={len(fmts)} vendor_formats={len(vend)}")
print(f"harmless_lines={len(har_plain)} key_rule_lines={len(kr)} registered_lines={len(reg)} ({100*len(reg)/len(sec):.1f}% of secret lines)")
print(f"harmless formats={len({o['format'] for o in har})}")
fam = collections.Counter((o["kind"], o["family"]) for o in rows)
famsec = collections.Counter()
for o in sec: famsec[o["family"]] += len(o["secrets"])
for (k, f), c in sorted(fam.items()):
    print(f"  {k:8s} {f:22s} lines={c:4d}" + (f" secrets={famsec[f]}" if k == "secret" else ""))
if errs:
    print(f"FAILED: {len(errs)} problems"); [print("  " + e) for e in errs[:40]]; sys.exit(1)
print("OK")
