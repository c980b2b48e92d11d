#!/usr/bin/env python3
"""Writes the format corpus used by RedactionCorpusTest (issue 12).

The first corpus (make_redaction_corpus.py) holds the examples the detectors were tuned on. This
one holds the *formats* that blind evaluations found leaking, each written several ways with
fresh random fakes: passwords with punctuation in config files and DSNs, password clauses of SQL
and command lines, encoded payloads (Kubernetes secrets, kubeconfig, base64 and URL-encoded
URIs), webhook paths split from their host, random values under names that do not say "secret",
and vendor token formats. The harmless half holds what must stay: references to secrets
(templating, vault paths, ARNs, secretKeyRef), values under secret-looking names that are counts,
endpoints, hints or durations, and ids, hashes, run ids, timestamps, versions and paths in
listings.

    python3 runtime/src/test/corpus/make_format_corpus.py

writes runtime/src/test/resources/dev/airflowmcp/runtime/redaction/corpus/
{format-secrets,format-harmless}.jsonl, same fields as the first corpus.
"""
import base64
import json
import os
import random
import string
import urllib.parse

R = random.Random(20261207)
UP = string.ascii_uppercase
LO = string.ascii_lowercase
DG = string.digits
AN = UP + LO + DG
HEX = "0123456789abcdef"
PUNCT = ")]}({!%#&^=:,"


def pick(alphabet, n):
    return "".join(R.choice(alphabet) for _ in range(n))


def mixed(alphabet, n):
    while True:
        s = pick(alphabet, n)
        if any(c in UP for c in s) and any(c in LO for c in s) and any(c in DG for c in s):
            return s


def punct_pw(n=14, start_punct=False):
    """A password with punctuation from the families that used to cut values short."""
    core = mixed(AN, n)
    chars = list(core)
    for _ in range(3):
        chars.insert(R.randint(1, len(chars) - 1), R.choice(PUNCT))
    s = "".join(chars)
    if start_punct:
        s = R.choice(PUNCT) + s
    return s


def word_pw():
    return R.choice(["Sunset", "Harbor", "Maple", "Quartz", "Falcon"]) + pick(DG, 3) + R.choice("!#%&")


def tok(n):
    return mixed(AN, n)


def b64(s):
    return base64.b64encode(s.encode()).decode()


def uuid():
    h = pick(HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def ts2():
    return "[2025-%02d-%02d, %02d:%02d:%02d UTC]" % (
        R.randint(1, 12), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59))


def ts3():
    return "2025-%02d-%02dT%02d:%02d:%02d.%06dZ" % (
        R.randint(1, 12), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59),
        R.randint(0, 999999))


def a2(msg, level="INFO", src="subprocess.py:93"):
    return f"{ts2()} {{{src}}} {level} - {msg}"


def a3(event, level="info", logger="airflow.task"):
    return json.dumps({"timestamp": ts3(), "level": level, "event": event, "logger": logger})


SECRETS = []
HARMLESS = []


def S(family, context, text, secrets):
    for s in secrets:
        assert s in text, (family, s, text)
    SECRETS.append({"family": family, "context": context, "text": text, "secrets": secrets})


def H(context, text):
    HARMLESS.append({"context": context, "text": text})


# ---------------------------------------------------------------- 1. passwords with punctuation
for i in range(6):
    p = punct_pw(start_punct=i % 2 == 0)
    S("ini-password", "config-file", f"[database]\nhost = db.internal\nport = 5432\npassword = {p}\nuser = etl", [p])
for i in range(4):
    p = punct_pw(start_punct=i % 2 == 1)
    S("dotenv-password", "config-file", f"DB_HOST=db.internal\nDB_PASSWORD={p}\nDB_PORT=5432", [p])
p = punct_pw()
S("dotenv-password", "config-file", f"export REDSHIFT_PASSWORD='{p}'\nexport REDSHIFT_HOST=rs.internal", [p])
p = punct_pw()
S("dotenv-password", "config-file", f'SNOWFLAKE_PASSWORD="{p}"  # rotated monthly', [p])
for i in range(3):
    p = punct_pw(start_punct=True)
    S("properties-password", "config-file", f"spring.datasource.url=jdbc:postgresql://db:5432/etl\nspring.datasource.password={p}\nspring.datasource.username=etl", [p])
for i in range(4):
    p = punct_pw(start_punct=i % 2 == 0)
    q = R.choice(["", "'", '"'])
    S("yaml-password", "config-file", f"postgres:\n  host: db.internal\n  password: {q}{p}{q}\n  port: 5432", [p])
for i in range(2):
    p = punct_pw()
    S("toml-password", "config-file", f'[connections.warehouse]\naccount = "xy12345"\npassword = "{p}"\nrole = "LOADER"', [p])
for i in range(5):
    p = punct_pw(start_punct=i % 2 == 0).replace(" ", "")
    S("libpq-dsn", "airflow2-log", a2(f"Connecting with dsn: host=db.internal port=5432 dbname=etl user=etl password={p} sslmode=require", src="postgres.py:141"), [p])
p = punct_pw().replace("'", "")
S("libpq-dsn", "airflow3-log", a3(f"psycopg2.connect(\"dbname=etl user=etl password='{p}' host=db.internal\")"), [p])
p = "ab\\'" + tok(10)
S("libpq-dsn", "config-file", f"conninfo = host=db port=5432 password='{p}' dbname=x", [p])
for i in range(4):
    p = punct_pw().replace(";", "").replace("}", "")
    S("odbc-pwd", "airflow2-log", a2(f"Connection string: Driver={{ODBC Driver 18 for SQL Server}};Server=tcp:sql.internal,1433;Database=etl;Uid=etl_user;Pwd={p};Encrypt=yes;", src="mssql.py:88"), [p])
p = tok(8) + ";" + tok(6) + "}}" + tok(4)
S("odbc-pwd", "config-file", f"DRIVER={{ODBC Driver 17 for SQL Server}};SERVER=sql;UID=u;PWD={{{p}}};TrustServerCertificate=yes", [p])
p = punct_pw().replace(";", "")
S("jdbc-password", "airflow2-log", a2(f"JDBC url jdbc:sqlserver://sql.internal:1433;databaseName=etl;user=etl;password={p};encrypt=true", src="jdbc.py:63"), [p])
p = punct_pw()
pe = urllib.parse.quote(p, safe="")
S("jdbc-password", "airflow3-log", a3(f"jdbc:postgresql://db.internal:5432/etl?user=etl&password={pe}&ssl=true"), [pe])
p = punct_pw()
pe = urllib.parse.quote(p, safe="")
S("uri-encoded-password", "connection", f"postgresql+psycopg2://etl:{pe}@db.internal:5432/etl", [pe])
p = punct_pw()
S("python-repr-password", "python-repr", f"Connection(conn_id='warehouse', conn_type='postgres', host='db', login='etl', password='{p}', port=5432)", [p])
p = "it's-" + tok(12)
S("python-repr-password", "python-repr", "{'user': 'etl', 'password': \"" + p + "\", 'host': 'db'}", [p])
p = punct_pw()
S("exception-password", "traceback", f"psycopg2.OperationalError: connection to server at \"db\" failed: FATAL:  password authentication failed for user \"etl\"\nDETAIL: connection string was 'host=db user=etl password={p} dbname=etl'", [p])
p = punct_pw()
S("kafka-jaas", "config-file", f'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="svc-etl" password="{p}";', [p])
p = punct_pw()
S("java-sysprop-password", "command-line", f"java -Djavax.net.ssl.keyStorePassword={p} -jar etl.jar", [p])
p = punct_pw()
S("xml-password", "config-file", f"<dataSource><user>etl</user><password>{p}</password></dataSource>", [p])
p = punct_pw()
S("airflow-conn-json-env", "env-dump", "AIRFLOW_CONN_WAREHOUSE='{\"conn_type\": \"postgres\", \"login\": \"etl\", \"password\": \"" + p + "\", \"host\": \"db\"}'", [p])

# ---------------------------------------------------------------- 2. SQL and command lines
sql = [
    "CREATE USER etl_loader WITH PASSWORD '{p}';",
    "ALTER USER etl_loader IDENTIFIED BY \"{p}\";",
    "ALTER ROLE analytics WITH LOGIN PASSWORD '{p}' VALID UNTIL 'infinity';",
    "CREATE ROLE reporting LOGIN ENCRYPTED PASSWORD '{p}';",
    "CREATE LOGIN etl_loader WITH PASSWORD = '{p}', CHECK_POLICY = OFF;",
    "SET PASSWORD FOR 'etl'@'%' = PASSWORD('{p}');",
    "ALTER USER 'etl'@'%' IDENTIFIED WITH mysql_native_password BY '{p}';",
    "CREATE USER loader IDENTIFIED BY {u};",
    "alter user reporting password '{p}';",
    "CREATE USER MAPPING FOR etl SERVER remote_pg OPTIONS (user 'etl', password '{p}');",
    "ALTER USER SVC_LOADER SET PASSWORD = '{p}' MUST_CHANGE_PASSWORD = FALSE;",
    "CREATE USER analyst IDENTIFIED WITH sha256_password BY '{p}'",
]
for i, t in enumerate(sql * 2):
    p = punct_pw().replace("'", "").replace('"', "")
    u = tok(14)
    text = t.format(p=p, u=u)
    secret = u if "{u}" in t else p
    wrap = [lambda x: a2(f"Running statement: {x}, parameters: None", src="sql.py:418"),
            lambda x: a3(f"Executing: {x}", logger="airflow.task.hooks.airflow.providers.postgres.hooks.postgres.PostgresHook"),
            lambda x: x][i % 3]
    S("sql-password-clause", "sql", wrap(text), [secret])
ak, sk = "AKIA" + pick(UP + DG, 16), mixed(AN + "/+", 40)
S("sql-copy-credentials", "sql", f"COPY staging.events FROM 's3://bucket/events/' ACCESS_KEY_ID '{ak}' SECRET_ACCESS_KEY '{sk}' FORMAT AS JSON 'auto';", [ak, sk])
sk = mixed(AN + "/+", 40)
S("sql-copy-credentials", "sql", f"CREATE STAGE raw_stage URL='s3://bucket/raw/' CREDENTIALS=(AWS_KEY_ID='AKIA{pick(UP + DG, 16)}' AWS_SECRET_KEY='{sk}');", [sk])

cli = [
    ("echo '{p}' | docker login registry.example.com -u ci --password-stdin", "p"),
    ("echo \"{p}\" | helm registry login ghcr.io --username ci --password-stdin", "p"),
    ("printf '%s' '{p}' | podman login quay.io -u robot --password-stdin", "p"),
    ("mysql -h db.internal -u root -p{t} -e 'select 1'", "t"),
    ("mysqldump --user=etl --password='{p}' etl > dump.sql", "p"),
    ("curl -sf -u admin:{t} https://nexus.internal/service/rest/v1/status", "t"),
    ("sshpass -p '{p}' ssh etl@bastion.internal", "p"),
    ("PGPASSWORD='{p}' psql -h db.internal -U etl -c 'select 1'", "p"),
    ("kubectl create secret generic db-creds --from-literal=username=etl --from-literal=password='{p}'", "p"),
    ("kubectl create secret generic api --from-literal=API_KEY={t}", "t"),
    ("az login --service-principal -u 0f3c2a1b-1111-2222-3333-444455556666 -p {t} --tenant 9a8b7c6d-0000-1111-2222-333344445555", "t"),
    ("aws configure set aws_secret_access_key {t}", "t"),
    ("docker run -e POSTGRES_PASSWORD={t} -d postgres:16", "t"),
    ("ldapsearch -x -H ldap://ldap.internal -D cn=admin,dc=example,dc=com -w {t} -b dc=example,dc=com", "t"),
    ("openssl pkcs12 -export -in cert.pem -inkey key.pem -out bundle.p12 -passout pass:{t}", "t"),
    ("airflow connections add warehouse --conn-type postgres --conn-login etl --conn-password '{p}' --conn-host db", "p"),
    ("airflow users create --username admin --role Admin --email a@example.com --password {t}", "t"),
    ("spark-submit --conf spark.hadoop.fs.s3a.secret.key={t} job.py", "t"),
    ("sqlcmd -S sql.internal -U sa -P '{p}' -Q 'SELECT 1'", "p"),
    ("redis-cli -h cache.internal -a {t} ping", "t"),
    ("mongosh --host mongo.internal -u admin -p {t} --authenticationDatabase admin", "t"),
    ("wget --user=ci --password={t} https://artifacts.internal/pkg.tgz", "t"),
    ("smbclient //files/share -U etl%{t}", "t"),
    ("lftp -u etl,{t} sftp://files.internal", "t"),
    ("vault kv put secret/airflow/warehouse password={t}", "t"),
    ("helm upgrade --install etl ./chart --set-string db.password={t}", "t"),
    ("gh auth login --with-token <<< {t}", "t"),
    ("rabbitmqctl add_user etl {t}", "t"),
    ("htpasswd -b -c /etc/nginx/.htpasswd admin {t}", "t"),
    ("git clone https://oauth2:{t}@gitlab.internal/data/etl.git", "t"),
]
for i, (c, which) in enumerate(cli * 2):
    p = punct_pw().replace("'", "").replace('"', "")
    t = tok(16 + i % 8)
    text = c.format(p=p, t=t)
    secret = p if which == "p" else t
    wrap = [lambda x: a2(f"Running command: ['bash', '-c', \"{x}\"]", src="subprocess.py:75"),
            lambda x: a3(f"Running command: {x}", logger="airflow.task.operators.airflow.providers.standard.operators.bash.BashOperator"),
            lambda x: "+ " + x][i % 3]
    S("cli-password", "command-line", wrap(text), [secret])

# ---------------------------------------------------------------- 3. encoded payloads
for i in range(4):
    pw = punct_pw()
    uri = f"postgresql://etl:{urllib.parse.quote(pw, safe='')}@db.internal:5432/etl"
    tokv = tok(32)
    e1, e2, e3 = b64(pw), b64(uri), b64(tokv)
    S("k8s-secret-data", "kubernetes", f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: airflow-db-{i}\n  namespace: airflow\ntype: Opaque\ndata:\n  password: {e1}\n  connection: {e2}\n  partner-token: {e3}\n", [e1, e2, e3])
pw = punct_pw()
e1 = b64(pw)
e2 = b64(tok(24))
S("k8s-secret-data", "kubernetes", json.dumps({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "etl"}, "data": {"DB_PASS": e1, "ACCESS": e2}}, indent=2), [e1, e2])
pw = punct_pw()
S("k8s-secret-stringdata", "kubernetes", f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: etl\nstringData:\n  warehouse_pass: \"{pw}\"\n  partner_ref: {tok(20)}\n", [pw])
for i in range(3):
    key = b64("-----BEGIN RSA PRIVATE KEY-----\n" + mixed(AN + "+/", 64) + "\n-----END RSA PRIVATE KEY-----\n")
    token = tok(40) if i else "eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9." + mixed(AN + "-_", 60) + "." + mixed(AN + "-_", 40)
    S("kubeconfig", "kubeconfig", f"apiVersion: v1\nkind: Config\nusers:\n- name: airflow\n  user:\n    client-certificate-data: {b64('-----BEGIN CERTIFICATE-----')}\n    client-key-data: {key}\n    token: {token}\n", [key, token])
for i in range(4):
    pw = punct_pw()
    uri = f"mysql://etl:{urllib.parse.quote(pw, safe='')}@db.internal:3306/etl"
    e = b64(uri)
    S("base64-uri", ["airflow2-log", "env-dump", "airflow3-log", "xcom"][i],
      [a2(f"Loaded connection from AIRFLOW_CONN_ETL_B64={e}"), f"AIRFLOW_CONN_ETL_B64={e}",
       a3(f"decoded secret payload {e}"), json.dumps({"conn_b64": e})][i], [e])
t = tok(30)
e = b64(b64(f"password={t}"))
S("base64-double", "xcom", f"xcom value: {e}", [e])
sa = json.dumps({"type": "service_account", "project_id": "etl", "private_key_id": pick(HEX, 40), "private_key": "-----BEGIN PRIVATE KEY-----\n" + mixed(AN + "+/", 64) + "\n-----END PRIVATE KEY-----\n", "client_email": "etl@etl.iam.gserviceaccount.com"})
e = b64(sa)
S("base64-service-account", "connection", json.dumps({"conn_type": "google_cloud_platform", "extra": {"keyfile_b64": e}}), [e[40:80]])
a = b64("ci-robot:" + tok(20))
S("docker-config-auth", "config-file", json.dumps({"auths": {"registry.example.com": {"auth": a}}}), [a])
t = tok(32)
ex = urllib.parse.quote(json.dumps({"api_token": t, "timeout": 30}))
S("url-encoded-json", "connection", f"AIRFLOW_CONN_PARTNER=http://partner.example.com/?__extra__={ex}", [t])
t = tok(28)
S("url-encoded-assignment", "airflow2-log", a2(f"POST body: grant_type%3Dpassword%26username%3Detl%26password%3D{t}%26scope%3Dread"), [t])

# ---------------------------------------------------------------- 4. webhooks split from their host
for i in range(3):
    t, b, sec = "T" + pick(UP + DG, 10), "B" + pick(UP + DG, 10), mixed(AN, 24)
    S("slack-webhook-path", "connection", json.dumps({"conn_type": "slackwebhook", "host": "https://hooks.slack.com", "extra": {"endpoint": f"services/{t}/{b}/{sec}"}}), [sec])
t, b, sec = "T" + pick(UP + DG, 10), "B" + pick(UP + DG, 10), mixed(AN, 24)
S("slack-webhook-path", "airflow2-log", a2(f"Posting to webhook path /services/{t}/{b}/{sec}", src="slack_webhook.py:88"), [sec])
t, b, sec = "T" + pick(UP + DG, 10), "B" + pick(UP + DG, 10), mixed(AN, 24)
S("slack-webhook-path", "variable", f"slack_alerts_path = {t}/{b}/{sec}", [sec])
sec = mixed(AN + "-_", 68)
S("discord-webhook-path", "variable", json.dumps({"key": "discord_alerts", "value": f"/api/webhooks/{pick(DG, 18)}/{sec}"}), [sec])
g1, g2, h = uuid(), uuid(), pick(HEX, 32)
S("teams-webhook", "connection", f"https://contoso.webhook.office.com/webhookb2/{g1}@{g2}/IncomingWebhook/{h}/{uuid()}", [h])
sec = pick(LO + DG, 26)
S("mattermost-webhook", "airflow3-log", a3(f"notify via https://chat.example.com/hooks/{sec}"), [sec])
sec = mixed(AN, 40)
S("generic-webhook", "connection", f"https://hooks.zapier.com/hooks/catch/{pick(DG, 7)}/{sec}/", [sec])
sec = mixed(AN + "-_", 43)
S("power-automate-webhook", "variable", f"https://prod-12.westeurope.logic.azure.com:443/workflows/{pick(HEX, 32)}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={sec}", [sec])
sec = mixed(AN, 43)
S("google-chat-webhook", "variable", f"https://chat.googleapis.com/v1/spaces/AAAA{mixed(AN, 7)}/messages?key=AIzaSy{mixed(AN, 33)}&token={sec}", [sec])
sec = mixed(AN, 32)
S("generic-webhook", "connection", f"https://api.example.com/webhook/{sec}", [sec])

# ---------------------------------------------------------------- 5. random values under plain names
names = ["partner_feed_ref", "vendor_handshake", "sftp_seed", "crm_ingest_code", "legacy_sync_value",
         "billing_export_hmac", "feed_signing_material", "warehouse_loader_x", "ref_material", "sync_nonce"]
for i, n in enumerate(names):
    v = mixed(AN + ("-_" if i % 2 else ""), R.randint(16, 40))
    ctx = i % 5
    if ctx == 0:
        text = f"{n}: {v}"
    elif ctx == 1:
        text = json.dumps({"key": n, "value": v, "description": None})
    elif ctx == 2:
        text = json.dumps({"region": "eu-west-1", n: v, "timeout": 30})
    elif ctx == 3:
        text = f"{n.upper()}={v}"
    else:
        text = f"| {n:<24} | {v:<42} | None |"
    S("random-under-plain-name", ["variable", "connection", "connection", "env-dump", "cli-output"][ctx], text, [v])

# ---------------------------------------------------------------- 6. vendor token formats
vendor = [
    ("bitbucket-app-password", lambda: "ATBB" + mixed(AN, 32)),
    ("airtable-pat", lambda: "pat" + mixed(AN, 14) + "." + pick(HEX, 64)),
    ("hubspot-pat", lambda: "pat-na1-" + uuid()),
    ("replicate-token", lambda: "r8_" + mixed(AN, 37)),
    ("groq-key", lambda: "gsk_" + mixed(AN, 52)),
    ("perplexity-key", lambda: "pplx-" + mixed(AN, 48)),
    ("xai-key", lambda: "xai-" + mixed(AN, 80)),
    ("deepseek-key", lambda: "sk-" + pick(HEX, 32)),
    ("langsmith-key", lambda: "lsv2_pt_" + pick(HEX, 32) + "_" + pick(HEX, 10)),
    ("pinecone-key", lambda: "pcsk_" + mixed(AN, 5) + "_" + mixed(AN, 60)),
    ("dbt-cloud-token", lambda: "dbtc_" + mixed(AN + "-_", 40)),
    ("rubygems-key", lambda: "rubygems_" + pick(HEX, 48)),
    ("netlify-token", lambda: "nfp_" + mixed(AN, 36)),
    ("render-key", lambda: "rnd_" + mixed(AN, 32)),
    ("sonar-token", lambda: "squ_" + pick(HEX, 40)),
    ("supabase-token", lambda: "sbp_" + pick(HEX, 40)),
    ("planetscale-password", lambda: "pscale_pw_" + mixed(AN + "_", 43)),
    ("neon-key", lambda: "napi_" + pick(LO + DG, 64)),
    ("prefect-key", lambda: "pnu_" + mixed(AN, 36)),
    ("contentful-pat", lambda: "CFPAT-" + mixed(AN + "_-", 43)),
    ("brevo-key", lambda: "xkeysib-" + pick(HEX, 64) + "-" + mixed(AN, 16)),
    ("dynatrace-token", lambda: "dt0c01." + pick(UP + DG, 24) + "." + pick(UP + DG, 64)),
    ("square-token", lambda: "EAAA" + mixed(AN + "-_", 60)),
    ("square-secret", lambda: "sq0csp-" + mixed(AN + "-_", 43)),
    ("figma-token", lambda: "figd_" + mixed(AN + "-_", 40)),
    ("mapbox-token", lambda: "sk.eyJ1IjoiZXRsIiwiYSI6I" + mixed(AN, 20) + "." + mixed(AN + "-_", 22)),
    ("alibaba-key-id", lambda: "LTAI" + mixed(AN, 20)),
    ("tencent-secret-id", lambda: "AKID" + mixed(AN, 32)),
    ("onepassword-token", lambda: "ops_eyJ" + mixed(AN, 80)),
    ("buildkite-token", lambda: "bkua_" + pick(HEX, 40)),
    ("circleci-token", lambda: "CCIPAT_" + mixed(AN, 22) + "_" + pick(HEX, 40)),
    ("facebook-token", lambda: "EAACEdEose0cBA" + mixed(AN, 60)),
    ("salesforce-session", lambda: "00D" + pick(AN, 12) + "!AQ" + mixed(AN + "._", 90)),
    ("dropbox-token", lambda: "sl." + mixed(AN + "-_", 130)),
    ("openai-project-key", lambda: "sk-proj-" + mixed(AN + "-_", 80)),
    ("cloudflare-origin-ca", lambda: "v1.0-" + pick(HEX, 24) + "-" + pick(HEX, 146)),
    ("duffel-token", lambda: "duffel_live_" + mixed(AN + "-_", 43)),
    ("flutterwave-key", lambda: "FLWSECK-" + pick(HEX, 32) + "-X"),
    ("typeform-token", lambda: "tfp_" + mixed(AN + "_", 44) + "_" + mixed(AN, 14)),
    ("easypost-key", lambda: "EZAK" + pick(HEX, 54)),
    ("yandex-token", lambda: "y0_" + mixed(AN + "-_", 55)),
    ("lob-key", lambda: "live_" + pick(HEX, 35)),
]
ctxs = [
    lambda v: a2(f"Using credentials {v} for the export", src="http.py:152"),
    lambda v: a3(f"client configured with {v}"),
    lambda v: f"export VENDOR_CREDENTIAL_VALUE={v}",
    lambda v: json.dumps({"conn_type": "http", "host": "api.vendor.example", "extra": {"client_ref": v}}),
    lambda v: f"Traceback (most recent call last):\n  File \"/opt/airflow/dags/sync.py\", line 41, in run\n    client = Client({v!r})\nvendor.errors.AuthError: 401 Unauthorized",
]
for i, (fam, gen) in enumerate(vendor):
    for j in range(2):
        v = gen()
        S(fam, ["airflow2-log", "airflow3-log", "env-dump", "connection", "traceback"][(i + j) % 5], ctxs[(i + j) % 5](v), [v])

# ================================================================= harmless
for t in [
    "password: {{ var.value.warehouse_password }}",
    "password = {{ conn.warehouse.password }}",
    "DB_PASSWORD=${DB_PASSWORD}",
    "export API_TOKEN=$(cat /run/secrets/api_token)",
    "secret_name: airflow/connections/warehouse",
    "vault_path: secret/data/airflow/variables/partner_token",
    "token_secret_arn: arn:aws:secretsmanager:eu-west-1:123456789012:secret:airflow/partner-token-AbC1dE",
    "        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: airflow-db\n              key: password",
    "password_secret_ref: projects/etl-prod/secrets/warehouse-password/versions/latest",
    "AIRFLOW__SECRETS__BACKEND_KWARGS={\"connections_prefix\": \"airflow/connections\", \"variables_prefix\": \"airflow/variables\"}",
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_SECRET=sql_alchemy_conn",
    "secretKeyRef: {name: airflow-webserver-secret, key: webserver-secret-key}",
    "api_key_env_var: PARTNER_API_KEY",
    "token_count: 4096",
    "max_tokens: 1024",
    "password_min_length: 12",
    "token_url: https://login.example.com/oauth2/v2.0/token",
    "token_endpoint = https://auth.example.com/oauth/token",
    "password_hint: the usual one with the year",
    "token_ttl: 3600s",
    "password_expiry_days = 90",
    "token_refresh_enabled: true",
    "secret_rotation_interval: 30d",
    "auth_type: basic",
    "password_policy: strong",
    "[2025-03-04, 10:11:12 UTC] {base.py:84} INFO - Retrieving connection 'warehouse'",
    "[2025-03-04, 10:11:12 UTC] {taskinstance.py:1234} INFO - Marking task as SUCCESS. dag_id=etl, task_id=load, run_id=scheduled__2025-03-04T00:00:00+00:00, execution_date=20250304T000000, start_date=20250304T101100, end_date=20250304T101112",
    "{\"timestamp\": \"2025-03-04T10:11:12.123456Z\", \"level\": \"info\", \"event\": \"Task instance is in running state\", \"logger\": \"airflow.task\", \"ti_id\": \"0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\"}",
    "dag_run_id: manual__2025-03-04T10:11:12.123456+00:00",
    "run_id: asset_triggered__2025-03-04T10:11:12.123456+00:00",
    "external_executor_id: 4f8c2a1e-9b7d-4c3e-8f2a-1b9c8d7e6f5a",
    "hostname: airflow-worker-7d9f8b6c5-x2xkq",
    "bundle_version: 3f9a1c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a",
    "image: registry.example.com/airflow/etl@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "checksum: 5d41402abc4b2a76b9719d911017c592",
    "job_id: 2025-03-04_02_11_12-1234567890123456789",
    "application_id: application_1709546400000_0042",
    "emr_cluster_id: j-2AXXXXXXGAPLF",
    "step_id: s-1234ABCD5678E",
    "query_id: 01b2c3d4-0000-1234-0000-00012345abcd",
    "version: 2.10.5",
    "airflow_version: 3.0.2",
    "provider: apache-airflow-providers-amazon==9.2.0",
    "fileloc: /opt/airflow/dags/etl/load_warehouse.py",
    "log_url: http://localhost:8080/dags/etl/grid?dag_run_id=manual__2025-03-04&task_id=load",
    "owner: data-platform",
    "schedule: 0 3 * * *",
    "queue: default",
    "pool: default_pool",
    "map_index: -1",
    "try_number: 2",
    "data_interval_end: 2025-03-05T00:00:00+00:00",
    "queued_by_job_id: 12345",
    "pid: 4242",
    "operator: SnowflakeSqlApiOperator",
    "conn_id: snowflake_default",
    "dag_display_name: Load the warehouse",
    "description: Loads partner files into the warehouse every night",
    "| key                      | value                                      | description |\n| partner_region           | eu-west-1                                  | None        |\n| batch_size               | 5000                                       | None        |",
    "{\"key\": \"partner_region\", \"value\": \"eu-west-1\", \"description\": null}",
    "{\"key\": \"feed_batch_id\", \"value\": \"0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\", \"description\": null}",
    "{\"region_name\": \"eu-west-1\", \"role_arn\": \"arn:aws:iam::123456789012:role/airflow-etl\", \"bucket\": \"etl-landing\"}",
    "ETAG=\"9b2cf535f27731c974343645a3985328\"",
    "x-amz-request-id: 4442587FB7D0A2F9",
    "object key: raw/partner/2025/03/04/part-00000-3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a5b-c000.snappy.parquet",
    "Uploaded file to s3://etl-landing/raw/partner/2025-03-04/events.json.gz",
    "INFO - Using connection ID 'aws_default' for task execution.",
    "INFO - Done. Returned value was: None",
    "INFO - ::group::Pre task execution logs",
    "XCom return_value: {\"rows_loaded\": 50000, \"file\": \"events.json.gz\", \"checksum\": \"sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae\"}",
    "commit: 7c9e2f1",
    "pod_name: etl-load-warehouse-8x7k2m9q",
    "celery_task_id: a6f1e9c2-3b4d-4e5f-9a8b-7c6d5e4f3a2b",
    "container_id: 3f4e5d6c7b8a",
    "trace_id: 4bf92f3577b34da6a3ce929d0e0e4736",
    "span_id: 00f067aa0ba902b7",
    "request_id: req_01HQ3Z5K7M9N1P3R5T7V9X1Z3B",
    "ulid: 01HQ3Z5K7M9N1P3R5T7V9X1Z3B",
    "gcs generation: 1709546400123456",
    "dataset_uri: s3://etl-landing/raw/partner",
    "python_callable: load_partner_files",
    "template_searchpath: /opt/airflow/include/sql",
    "CREATE TABLE staging.events (id bigint, payload jsonb, loaded_at timestamptz);",
    "ALTER USER etl_loader SET search_path TO staging, public;",
    "GRANT SELECT ON ALL TABLES IN SCHEMA staging TO reporting;",
    "CREATE USER etl_loader WITH PASSWORD %(password)s;",
    "ALTER ROLE reporting WITH LOGIN PASSWORD NULL;",
    "echo \"$REGISTRY_TOKEN\" | docker login ghcr.io -u ci --password-stdin",
    "cat /run/secrets/registry | docker login registry.example.com -u ci --password-stdin",
    "mysql -h db.internal -u etl -p -e 'select 1'",
    "psql -h db.internal -U etl -W",
    "kubectl create secret generic db-creds --from-file=password=./password.txt",
    "kubectl get secret airflow-db -o jsonpath='{.data.password}'",
    "Connecting to host=db.internal port=5432 dbname=etl user=etl sslmode=require",
    "Driver={ODBC Driver 18 for SQL Server};Server=tcp:sql.internal,1433;Database=etl;Encrypt=yes;",
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: etl-config\ndata:\n  region: eu-west-1\n  batch_size: \"5000\"\n",
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: etl\ntype: Opaque\n",
    "client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
    "certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
    "Sending notification to slack channel #data-alerts via slack_conn_id=slack_alerts",
    "https://hooks.slack.com is reachable",
    "Webhook endpoint: https://api.example.com/webhook/status",
    "Posting to /api/v2/dags/etl/dagRuns/manual__2025-03-04T10:11:12+00:00/taskInstances/load/logs/1",
    "INFO - Tokenizer loaded with 50257 tokens",
    "INFO - Password authentication is enabled for the webserver",
    "INFO - rotating secrets: 3 of 3 done",
    "WARNING - Secret 'partner_token' not found in Secrets Manager, falling back to metastore",
    "INFO - Fetched variable partner_token from the secrets backend",
    "DEBUG - Using token cache at /home/airflow/.cache/token.json",
    "INFO - Base64 payload size: 4096 bytes",
    "build: 20250304.3 (sha 9f86d08)",
    "dbt run --select tag:nightly --target prod --profiles-dir /opt/airflow/dbt",
    "spark-submit --master yarn --deploy-mode cluster --conf spark.executor.memory=4g job.py",
    "aws s3 cp s3://etl-landing/raw/ s3://etl-archive/raw/ --recursive --sse aws:kms",
    "gcloud auth activate-service-account --key-file=/opt/airflow/keys/etl.json",
    "echo 'Deploying version 2.10.5' | tee -a deploy.log",
    "sshpass -f /run/secrets/ssh_pass ssh etl@bastion.internal",
    "SELECT user, password_last_changed FROM mysql.user WHERE user = 'etl';",
    "state: success, duration: 12.345, queued_dttm: 2025-03-04T10:11:00+00:00",
    "AIRFLOW__CORE__FERNET_KEY_CMD=cat /run/secrets/fernet",
    "AIRFLOW__WEBSERVER__SECRET_KEY_SECRET=airflow/webserver-secret-key",
    "{\"dag_id\": \"etl\", \"dag_run_id\": \"scheduled__2025-03-04T00:00:00+00:00\", \"note\": \"rerun after partner fix\", \"conf\": {\"full_refresh\": false}}",
    "{\"task_id\": \"load\", \"rendered_fields\": {\"sql\": \"SELECT * FROM staging.events WHERE loaded_at > '2025-03-04'\", \"parameters\": null}}",
    "{\"event\": \"{\\\"rows\\\": 5000, \\\"status\\\": \\\"ok\\\"}\", \"level\": \"info\"}",
    "Returned value was: {'rows': 5000, 'files': ['a.csv', 'b.csv'], 'run': 'manual__2025-03-04'}",
    "sha512: cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
    "etag: W/\"5f3c2a1b\"",
    "correlation_id=7c2d4e6f-8a9b-4c1d-9e2f-3a4b5c6d7e8f",
    "airflow-scheduler-5c7d9f8b6d-k8m2p",
    "Image pulled: apache/airflow:3.0.2-python3.12",
]:
    H("reference-or-metadata", t)


def main():
    base = os.path.join(os.path.dirname(__file__), "..", "resources", "dev", "airflowmcp", "runtime",
                        "redaction", "corpus")
    with open(os.path.join(base, "format-secrets.jsonl"), "w") as f:
        for s in SECRETS:
            f.write(json.dumps(s) + "\n")
    with open(os.path.join(base, "format-harmless.jsonl"), "w") as f:
        for h in HARMLESS:
            f.write(json.dumps(h) + "\n")
    print(len(SECRETS), "secret cases,", sum(len(s["secrets"]) for s in SECRETS), "secrets,",
          len(HARMLESS), "harmless lines")


main()
