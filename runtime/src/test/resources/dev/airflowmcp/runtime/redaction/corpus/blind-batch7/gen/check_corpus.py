#!/usr/bin/env python3
"""Checker for the batch-7 blind corpus. Stdlib only. Exit code 1 on any problem."""
import collections
import json
import os
import sys

PFX = "B7"
KEYS = {"id", "kind", "family", "format", "text", "secrets", "registered", "airflow_key_rule"}
SECRET_FAMS = {"password_punct", "statement_command", "encoded", "split_webhook", "random_purpose_name", "vendor_token",
               "airflow_context", "registered", "other"}
HARMLESS_FAMS = {"api_json", "task_log", "scheduler_log", "worker_log", "near_miss", "key_word_nonsecret", "reference",
                 "config", "dag_source"}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus.jsonl")
    errs = []
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                rows.append(json.loads(line))
            except ValueError as e:
                errs.append("line %d: bad JSON (%s)" % (n, e))
    for i, o in enumerate(rows, 1):
        want = "%s-%05d" % (PFX, i)
        if o.get("id") != want:
            errs.append("line %d: id %r, expected %s" % (i, o.get("id"), want))
        extra = set(o) - KEYS
        if extra:
            errs.append("%s: unknown keys %s" % (want, sorted(extra)))
        for k, t in (("kind", str), ("family", str), ("format", str), ("text", str), ("secrets", list)):
            if not isinstance(o.get(k), t):
                errs.append("%s: field %s missing or not %s" % (want, k, t.__name__))
        if o.get("kind") not in ("secret", "harmless"):
            errs.append("%s: bad kind" % want)
            continue
        secs = o.get("secrets", [])
        if o["kind"] == "secret":
            if not secs:
                errs.append("%s: secret line without secrets" % want)
            if o["family"] not in SECRET_FAMS:
                errs.append("%s: unexpected secret family %s" % (want, o["family"]))
            if "airflow_key_rule" in o:
                errs.append("%s: airflow_key_rule on a secret line" % want)
        else:
            if secs:
                errs.append("%s: harmless line with secrets" % want)
            if o["family"] not in HARMLESS_FAMS:
                errs.append("%s: unexpected harmless family %s" % (want, o["family"]))
            if "registered" in o:
                errs.append("%s: registered on a harmless line" % want)
            if "airflow_key_rule" in o and o["airflow_key_rule"] is not True:
                errs.append("%s: airflow_key_rule must be true when present" % want)
        for s in secs:
            if not isinstance(s, str) or not s:
                errs.append("%s: empty/non-string secret" % want)
            elif s not in o["text"]:
                errs.append("%s: secret not a substring of text: %r" % (want, s[:60]))
            elif len(s) < 5:
                errs.append("%s: secret shorter than 5 chars: %r" % (want, s))
        for r in o.get("registered", []):
            if not isinstance(r, str) or len(r) < 5:
                errs.append("%s: bad registered value %r" % (want, r))

    all_secrets = set(s for o in rows if o.get("kind") == "secret" for s in o.get("secrets", []))
    harmless = [o for o in rows if o.get("kind") == "harmless"]
    for o in harmless:
        for s in all_secrets:
            if s in o["text"]:
                errs.append("%s: harmless text contains corpus secret %r" % (o["id"], s[:60]))

    sec_rows = [o for o in rows if o.get("kind") == "secret"]
    n_secret_strings = sum(len(o["secrets"]) for o in sec_rows)
    formats = set(o["format"] for o in sec_rows)
    vendor = set(f for f in formats if f.startswith("vendor:"))
    n_kr = sum(1 for o in harmless if o.get("airflow_key_rule"))
    n_harm = len(harmless) - n_kr
    n_reg = sum(1 for o in sec_rows if o.get("registered"))

    for cond, msg in ((n_secret_strings >= 480, "fewer than 480 secret strings"), (len(formats) >= 120, "fewer than 120 secret formats"),
                      (len(vendor) >= 50, "fewer than 50 vendor formats"), (n_harm >= 480, "fewer than 480 harmless lines (excl. key-rule)")):
        if not cond:
            errs.append("minimum not met: " + msg)

    print("lines               %d" % len(rows))
    print("secret lines        %d" % len(sec_rows))
    print("secret strings      %d" % n_secret_strings)
    print("distinct formats    %d (vendor: %d)" % (len(formats), len(vendor)))
    print("registered lines    %d (%.1f%% of secret lines)" % (n_reg, 100.0 * n_reg / max(1, len(sec_rows))))
    print("harmless lines      %d (+ %d airflow_key_rule)" % (n_harm, n_kr))
    fam = collections.Counter((o["kind"], o["family"]) for o in rows)
    fs = collections.Counter()
    for o in sec_rows:
        fs[o["family"]] += len(o["secrets"])
    print("per family (kind, family: lines / secret strings):")
    for (k, f), c in sorted(fam.items()):
        print("  %-8s %-22s %4d%s" % (k, f, c, (" / %d" % fs[f]) if k == "secret" else ""))
    if errs:
        print("\n%d PROBLEM(S):" % len(errs))
        for e in errs[:50]:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
