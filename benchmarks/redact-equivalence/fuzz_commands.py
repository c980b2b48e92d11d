#!/usr/bin/env python3
"""Seeded random command lines for comparing two redactor builds (compare.sh, beside this file).

Builds lines from the detector rules' own parts: tool and anchor words (snmpwalk, docker login,
redis-cli, secret stores, here-strings, mongo, ldap, net use, kinit, ...), flags (-A, -X, -p, -a,
--value, --password, <<<, <<, |), quotes, separators (spaces, tabs, =, :, ,, ;, |) and value
shapes (generated passwords, words, quoted strings, unclosed quotes, $VARS, placeholders, long
runs), in random order and numbers, so that windows, chains and overlapping anchors are
exercised. Writes one JSON object per line ({"id": n, "text": "..."}), the input of
`redact --jsonl`.

    python3 benchmarks/redact-equivalence/fuzz_commands.py --seed 12 --lines 20000 > fuzz.jsonl
"""
import argparse
import json
import random

ANCHORS = [
    "snmpwalk", "snmpget", "snmpbulkwalk", "snmp", "snmpset -v3", "SNMPwalk", "xsnmpwalk",
    "docker login", "docker  login", "docker login -u admin", "redis-cli", "redis-cli -h h",
    "secrets set", "secret set", "secrets create", "Secrets Put", "secret add", "versions add",
    "secret-tool store", "kinit", "passwd", "chpasswd", "vault kv put", "vault write",
    "vault login", "keyring set", "--data-file=-", "--data-file -", "-stdin", "--password-stdin",
    "--with-token", "put-parameter", "put-secret-value", "create-secret", "gh secret set",
    "az keyvault secret set", "aws ssm put-parameter", "mongo", "mongosh", "ldapsearch",
    "ldapwhoami", "smbclient", "lftp", "net use", "az login", "mc alias set", "rabbitmqctl add_user",
    "htpasswd -b", "echo", "printf '%s'", "curl", "mysql", "sqlcmd", "sshpass", "password",
    "pass", "auth", "--pass", "--password", "--token", "-secret", "--db-pwd", "--api-token-file",
]
FLAGS = [
    "-A", "-X", "-a", "-p", "-P", "-w", "-c", "-u", "-U", "--value", "--VALUE", "--secret-string",
    "--secret-value", "--password", "--pass", "/user:", "<<<", "<<", "<< EOF", "|", "-l", "-v3",
    "-h", "-n", "-k", "=", ":", "--value=", "-a=",
]
VALUES = [
    "Ab1#xY9!qZ", "x", "hunter2", "S3cr3t!Pass", "'pa ss'", '"p w d"', "'unclosed", '"unclosed',
    "$PASS", "${SECRET}", "<password>", "***", "-", "--", "'x'", '"x"', "\\'esc\\'", "u%Ab1#xY9",
    "u,Ab1#x", "u:Ab1#x", "Qz7#kP2!xW9m", "authPass123", "privPass456", "abc|def", "a;b", "`x`",
    "md5" + "0123456789abcdef" * 2, "SCRAM-SHA-256$4096:abc", "host.example.com", "/tmp/x",
    "cGFzc3dvcmQ=", "tok_" + "A1b2" * 5, "-Ab1#xY9!q",
]
SEPS = [" ", " ", " ", "  ", "\t", " \t ", "=", ",", ";", " | ", " && ", "'", '"', ""]


def piece(r):
    k = r.random()
    if k < 0.25:
        return r.choice(ANCHORS)
    if k < 0.55:
        return r.choice(FLAGS)
    if k < 0.9:
        return r.choice(VALUES)
    if k < 0.95:
        return " " * r.randint(10, 320)
    return r.choice("abcdefgh") * r.randint(1, 60)


def line(r):
    n = r.randint(1, 40)
    parts = []
    for _ in range(n):
        parts.append(piece(r))
        parts.append(r.choice(SEPS))
    text = "".join(parts)
    if r.random() < 0.15:
        # several lines in one text
        text += "\n" + line(r)
    if r.random() < 0.1:
        # repeat a unit many times (anchors far from their flags)
        unit = r.choice(ANCHORS) + r.choice(SEPS)
        text = unit * r.randint(20, 120) + text
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--lines", type=int, default=20000)
    a = ap.parse_args()
    r = random.Random(a.seed)
    for i in range(a.lines):
        print(json.dumps({"id": i, "text": line(r)}))


if __name__ == "__main__":
    main()
