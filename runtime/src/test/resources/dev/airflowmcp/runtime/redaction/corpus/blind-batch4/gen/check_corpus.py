#!/usr/bin/env python3
"""Checker for the batch-4 blind redaction corpus. Usage: python3 check_corpus.py [corpus.jsonl]

Checks: schema, ids PFX-00001.. in file order, secrets are exact substrings of text, harmless
lines have no secrets, registered values are substrings, no secret string of the corpus occurs
inside any harmless line, and the minimum sizes of the brief. Prints counts; exit 1 on failure.
"""
import collections, json, os, re, sys

PFX = "b4"
SECRET_FAMILIES = {"password_punct", "statement_command", "encoded", "split_webhook", "random_purpose_name",
                   "vendor_token", "airflow_context", "registered", "other"}
HARMLESS_FAMILIES = {"api_json", "task_log", "scheduler_log", "worker_log", "near_miss", "key_word_nonsecret",
                     "reference", "config", "dag_source"}
KEYS = {"id", "kind", "family", "format", "text", "secrets", "registered", "airflow_key_rule"}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus.jsonl")
    errs = []
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                rows.append(json.loads(line))
            except ValueError as e:
                errs.append("line %d: bad JSON (%s)" % (n, e))
    for i, r in enumerate(rows, 1):
        rid = r.get("id")
        if rid != "%s-%05d" % (PFX, i):
            errs.append("line %d: id %r out of order" % (i, rid))
        extra = set(r) - KEYS
        if extra:
            errs.append("%s: unknown keys %s" % (rid, sorted(extra)))
        for k, t in (("kind", str), ("family", str), ("format", str), ("text", str), ("secrets", list)):
            if not isinstance(r.get(k), t):
                errs.append("%s: field %s missing or not %s" % (rid, k, t.__name__))
        if errs and len(errs) > 50:
            break
        kind = r.get("kind")
        if kind not in ("secret", "harmless"):
            errs.append("%s: bad kind %r" % (rid, kind))
            continue
        text = r.get("text", "")
        secs = r.get("secrets", [])
        if kind == "secret":
            if r["family"] not in SECRET_FAMILIES:
                errs.append("%s: unknown secret family %s" % (rid, r["family"]))
            if not secs:
                errs.append("%s: secret line without secrets" % rid)
            if r.get("airflow_key_rule"):
                errs.append("%s: airflow_key_rule on a secret line" % rid)
        else:
            if r["family"] not in HARMLESS_FAMILIES:
                errs.append("%s: unknown harmless family %s" % (rid, r["family"]))
            if secs:
                errs.append("%s: harmless line with secrets" % rid)
            if r.get("registered"):
                errs.append("%s: harmless line with registered values" % rid)
        for s in secs:
            if not isinstance(s, str) or not s:
                errs.append("%s: empty/non-string secret" % rid)
            elif s not in text:
                errs.append("%s: secret not a substring: %r" % (rid, s[:60]))
        for s in r.get("registered", []) or []:
            if not isinstance(s, str) or s not in text:
                errs.append("%s: registered value not in text" % rid)
        if "airflow_key_rule" in r and r["airflow_key_rule"] is not True:
            errs.append("%s: airflow_key_rule must be true when present" % rid)

    sec = [r for r in rows if r.get("kind") == "secret"]
    har = [r for r in rows if r.get("kind") == "harmless"]
    allsec = sorted({s for r in sec for s in r["secrets"]}, key=len)
    # secret strings inside harmless lines (Aho-Corasick would be faster; corpus is small)
    for r in har:
        t = r["text"]
        for s in allsec:
            if s in t:
                errs.append("%s: harmless line contains corpus secret %r" % (r["id"], s[:60]))

    n_secret_strings = sum(len(r["secrets"]) for r in sec)
    fmts = collections.Counter(r["format"] for r in sec)
    vendor = [f for f in fmts if f.startswith("vendor:")]
    kr = [r for r in har if r.get("airflow_key_rule")]
    plain_h = len(har) - len(kr)
    reg = [r for r in sec if r.get("registered")]
    for cond, msg in ((n_secret_strings >= 480, "need >= 480 secret strings"), (len(fmts) >= 120, "need >= 120 formats"),
                      (len(vendor) >= 50, "need >= 50 vendor formats"), (plain_h >= 480, "need >= 480 harmless (non key-rule) lines")):
        if not cond:
            errs.append("minimum not met: " + msg)

    print("file: %s" % path)
    print("lines: %d  secret lines: %d  secret strings: %d  distinct secret values: %d" % (len(rows), len(sec), n_secret_strings, len(allsec)))
    print("secret formats: %d  vendor formats: %d" % (len(fmts), len(vendor)))
    print("harmless lines: %d (plain %d, airflow_key_rule %d)  registered lines: %d (%.1f%% of secret lines)" % (len(har), plain_h, len(kr), len(reg), 100.0 * len(reg) / max(1, len(sec))))
    print("per family (lines / secret strings):")
    fam_l = collections.Counter(r["family"] for r in rows)
    fam_s = collections.Counter()
    for r in sec:
        fam_s[r["family"]] += len(r["secrets"])
    for fam in sorted(fam_l):
        print("  %-20s %4d  %4d" % (fam, fam_l[fam], fam_s[fam]))
    print("per format group (kind: lines / distinct formats):")
    grp = collections.defaultdict(lambda: [0, set()])
    for r in rows:
        g = (r["kind"], r["format"].split(":", 1)[0])
        grp[g][0] += 1
        grp[g][1].add(r["format"])
    for g in sorted(grp):
        print("  %-8s %-8s %4d  %3d" % (g[0], g[1], grp[g][0], len(grp[g][1])))
    if errs:
        print("\nFAILED: %d problem(s)" % len(errs))
        for e in errs[:40]:
            print("  " + e)
        sys.exit(1)
    print("\nOK")


if __name__ == "__main__":
    main()
