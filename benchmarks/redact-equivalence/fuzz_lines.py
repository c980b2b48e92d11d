#!/usr/bin/env python3
"""Random `redact --jsonl` request lines for old-vs-new equivalence checks.

Usage: fuzz_lines.py [COUNT] [SEED] > fuzz.jsonl

Each line is {"id": N, "text": "...", ["registered": [...]]}. The texts mix command lines,
key=value / JSON / YAML / INI fragments, URLs and DSNs, base64 and hex runs, quotes and escapes,
credential words and flags, log prefixes, placeholders and secret-manager references, and a little
non-ASCII, in random combinations, so that every reader of the free-text engine sees both its
usual inputs and odd mixtures of them. Deterministic for a given seed. The fake secrets are
random characters, never real credentials.
"""
import json
import random
import string
import sys

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 20261207
R = random.Random(SEED)

ALNUM = string.ascii_letters + string.digits
PUNCT = "!#$%&()*+,-./:;<=>?@[]^_{|}~=\\'\"`"
WORDS = [
    "password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "access_key", "auth",
    "client_secret", "private_key", "credentials", "login", "user", "username", "host", "port",
    "schema", "extra", "conn", "connection", "bearer", "Authorization", "key", "sas", "signature",
    "session", "cookie", "jwt", "webhook", "dsn", "uri", "url", "PGPASSWORD", "MYSQL_PWD",
    "AWS_SECRET_ACCESS_KEY", "aws_access_key_id", "SLACK_TOKEN", "GITHUB_TOKEN", "hint", "count",
    "timeout", "expires", "ttl", "length", "max_tokens", "token_count", "secret_name", "path",
    "dag_id", "task_id", "run_id", "owner", "version", "sha", "hash", "id", "name", "value",
    "IDENTIFIED", "BY", "WITH", "PASSWORD", "CREATE", "USER", "ALTER", "ROLE", "Pwd", "Uid",
    "Server", "Database", "key_data", "client-key-data", "token:", "data:", "stringData:",
]
FLAGS = [
    "-p", "-P", "-u", "--password", "--password-stdin", "--token", "--api-key", "-H", "--user",
    "--header", "-e", "--secret", "--auth", "-k", "--key", "--pass", "-U", "-W", "--login",
    "--conn-password", "--client-secret", "-d", "--data", "--env", "-o", "--set",
]
COMMANDS = [
    "curl", "psql", "mysql", "docker login", "docker run", "airflow connections add", "kubectl",
    "aws", "gcloud", "az", "sshpass", "lftp", "redis-cli", "mongo", "pg_dump", "helm install",
    "git clone", "wget", "openssl", "echo", "export", "set", "sqlcmd", "snowsql", "bq",
]
HOSTS = ["db.internal", "example.com", "10.0.3.17", "redis.svc.cluster.local", "localhost",
         "api.example.org", "s3.amazonaws.com", "hooks.slack.com", "bucket.example.net"]
PREFIXES = ["sk_live_", "ghp_", "xoxb-", "AKIA", "glpat-", "AIza", "eyJ", "dckr_pat_", "npm_",
            "hf_", "SG.", "xapp-1-", "pk_test_", "ya29.", "github_pat_", "shpat_", "rk_live_", ""]
NONASCII = ["é", "ü", "→", "—", "日本", "ß", "€", "Ω", "\u00a0", "\u200b"]
PLACEHOLDERS = ["<SECRET>", "***", "xxxx", "${PASSWORD}", "{{ var.value.db_pass }}", "changeme",
                "$(cat /run/secrets/x)", "<your-token-here>", "REDACTED", "None", "null", "''"]
LOG_PREFIX = [
    "[2025-01-02, 03:04:05 UTC] {taskinstance.py:1157} INFO - ",
    "[2026-03-01T12:00:00.123+0000] {subprocess.py:93} INFO - ",
    "2025-05-05 10:10:10,111 WARNING ",
    "INFO: ", "DEBUG ", "", "", "> ", "+ ", "  ",
]


def rand(chars, lo, hi):
    return "".join(R.choice(chars) for _ in range(R.randint(lo, hi)))


def secretish():
    k = R.randrange(12)
    if k == 0:
        return rand(ALNUM, 8, 48)
    if k == 1:
        return rand(ALNUM + PUNCT, 6, 30)
    if k == 2:
        return R.choice(PREFIXES) + rand(ALNUM + "_-", 10, 50)
    if k == 3:
        return rand("0123456789abcdef", 8, 64)
    if k == 4:
        return rand(ALNUM + "+/", 8, 80) + R.choice(["", "=", "=="])
    if k == 5:
        return rand(ALNUM, 3, 8) + R.choice("!@#%^&*()=:,;") + rand(ALNUM, 3, 10)
    if k == 6:
        return R.choice(PLACEHOLDERS)
    if k == 7:
        return rand(string.ascii_lowercase, 3, 12)
    if k == 8:
        return "%s-%s-%s" % (rand("0123456789abcdef", 8, 8), rand("0123456789abcdef", 4, 4),
                            rand("0123456789abcdef", 12, 12))
    if k == 9:
        return str(R.randint(0, 10 ** R.randint(1, 12)))
    if k == 10:
        return "/".join(rand(string.ascii_lowercase, 2, 8) for _ in range(R.randint(1, 4)))
    return rand(ALNUM + PUNCT + " ", 1, 20)


def quote(v):
    k = R.randrange(8)
    if k == 0:
        return "'" + v.replace("'", "\\'") + "'"
    if k == 1:
        return '"' + v.replace('"', '\\"') + '"'
    if k == 2:
        return "'" + v
    if k == 3:
        return '"' + v
    if k == 4:
        return "`" + v + "`"
    return v


def name():
    w = R.choice(WORDS)
    k = R.randrange(6)
    if k == 0:
        w = w.upper()
    elif k == 1:
        w = rand(string.ascii_lowercase, 2, 6) + "_" + w
    elif k == 2:
        w = w + "_" + rand(string.ascii_lowercase, 2, 6)
    return w


def url():
    scheme = R.choice(["postgresql", "mysql", "redis", "https", "http", "mongodb+srv", "amqp",
                       "sftp", "s3", "jdbc:postgresql"])
    cred = ""
    if R.random() < 0.6:
        cred = rand(ALNUM, 2, 10) + (":" + quote(secretish()) if R.random() < 0.8 else "") + "@"
    path = "/" + rand(ALNUM + "/_-.", 0, 40)
    query = ""
    if R.random() < 0.4:
        query = "?" + "&".join(name() + "=" + secretish() for _ in range(R.randint(1, 3)))
    return "%s://%s%s%s%s" % (scheme, cred, R.choice(HOSTS),
                              (":%d" % R.randint(1, 65535)) if R.random() < 0.5 else "",
                              path + query)


def fragment():
    k = R.randrange(14)
    if k == 0:  # command line
        parts = [R.choice(COMMANDS)]
        for _ in range(R.randint(1, 6)):
            f = R.choice(FLAGS)
            sep = R.choice([" ", "=", " ", ""])
            parts.append(f + sep + quote(secretish()))
        if R.random() < 0.3:
            parts.append(url())
        return " ".join(parts)
    if k == 1:  # key=value listing
        sep = R.choice(["=", " = ", ": ", ":", "=>", " "])
        join = R.choice([" ", "; ", ", ", "&", "\n", ";"])
        return join.join(name() + sep + quote(secretish()) for _ in range(R.randint(1, 5)))
    if k == 2:  # JSON
        obj = {name(): secretish() for _ in range(R.randint(1, 5))}
        if R.random() < 0.3:
            obj["extra"] = json.dumps({name(): secretish() for _ in range(R.randint(1, 3))})
        return json.dumps(obj)
    if k == 3:  # YAML
        ind = R.choice(["", "  ", "    "])
        return "\n".join(ind + name() + ": " + quote(secretish())
                         for _ in range(R.randint(1, 5)))
    if k == 4:
        return url()
    if k == 5:  # base64 / hex runs
        return R.choice(["data: ", "", "key_data=", "token: ", "b64 "]) + rand(
            ALNUM + "+/", 16, 200) + R.choice(["", "=", "=="])
    if k == 6:
        return rand("0123456789abcdef", 16, 128)
    if k == 7:  # SQL
        return R.choice([
            "CREATE USER %s WITH PASSWORD %s;", "ALTER USER %s IDENTIFIED BY %s",
            "ALTER ROLE %s PASSWORD %s", "GRANT ALL ON %s TO %s",
            "SELECT * FROM %s WHERE token = %s"]) % (rand(string.ascii_lowercase, 3, 9),
                                                     quote(secretish()))
    if k == 8:  # ODBC / libpq
        return ";".join(R.choice(["Driver={ODBC}", "Server=" + R.choice(HOSTS), "Uid=etl",
                                  "Pwd=" + secretish(), "Database=dw", "password=" + secretish(),
                                  "host=" + R.choice(HOSTS), "sslmode=require"])
                        for _ in range(R.randint(2, 6)))
    if k == 9:  # prose
        return " ".join(R.choice(WORDS + ["the", "is", "was", "for", "of", "not", "set",
                                          "failed", "retrying", "Task", "exited", "with"])
                        for _ in range(R.randint(3, 14)))
    if k == 10:  # header
        return R.choice(["Authorization: Bearer ", "X-Api-Key: ", "Cookie: session=",
                         "Authorization: Basic ", "-H 'Authorization: token "]) + secretish()
    if k == 11:  # Python repr / exception
        return "%s(%s=%r, %s=%r)" % (R.choice(["Connection", "Secret", "dict", "Variable"]),
                                     name(), secretish(), name(), secretish())
    if k == 12:  # escapes and odd characters
        return secretish() + R.choice(["\\n", "\\t", "\\\\", "\\\"", "\\u0041", "%40", "%3D"]) + \
            secretish() + R.choice(NONASCII)
    return R.choice(PLACEHOLDERS) + " " + name() + "=" + secretish()


def line():
    text = R.choice(LOG_PREFIX) + fragment()
    for _ in range(R.choice([0, 0, 0, 1, 1, 2, 3])):
        text += R.choice([" ", "\n", "; ", " | ", ", ", "\t", " && "]) + fragment()
    if R.random() < 0.05:
        text = text * R.randint(2, 4)
    return text


for i in range(COUNT):
    text = line()
    row = {"id": i, "text": text}
    if R.random() < 0.1:
        words = [w for w in text.replace("'", " ").replace('"', " ").split() if len(w) >= 6]
        if words:
            row["registered"] = [R.choice(words)]
        elif R.random() < 0.5:
            row["registered"] = [rand(ALNUM, 8, 20)]
    sys.stdout.write(json.dumps(row, ensure_ascii=R.random() < 0.5) + "\n")
