#!/usr/bin/env python3
"""Blind redaction corpus B10 generator. stdlib only, fixed seed, all secrets fake."""
import base64, json, os, random, string, urllib.parse, shlex, hashlib, uuid

SEED = 1010
PFX = "B10"
R = random.Random(SEED)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus.jsonl")

UP = string.ascii_uppercase; LO = string.ascii_lowercase; DG = string.digits
AN = UP + LO + DG; HEX = "0123456789abcdef"; B64 = AN + "+/"; B64U = AN + "-_"
B32 = UP + "234567"

def rs(n, al=AN): return "".join(R.choice(al) for _ in range(n))
def hx(n): return rs(n, HEX)
def b64(n): return rs(n, B64)
def b64pad(nbytes): return base64.b64encode(bytes(R.getrandbits(8) for _ in range(nbytes))).decode()
def b64u(n): return rs(n, B64U)
def digits(n): return rs(1, "123456789") + rs(n - 1, DG)
def pw(n=None, punct="!@#$%^&*()-_=+[]{}:;,.?~"):
    n = n or R.randint(12, 22)
    s = [R.choice(UP), R.choice(LO), R.choice(DG), R.choice(punct)] + [R.choice(AN + punct) for _ in range(n - 4)]
    R.shuffle(s); return "".join(s)
def hardpw(n=None): return pw(n, "@:/#%&'\"\\!$?=+ ;,")
def alnumpw(n=None): return rs(n or R.randint(14, 24))
def ts():
    return "2025-%02d-%02dT%02d:%02d:%02d.%06d+00:00" % (R.randint(1, 12), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59), R.randint(0, 999999))
def tsl():
    return "2025-%02d-%02d %02d:%02d:%02d,%03d" % (R.randint(1, 12), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59), R.randint(0, 999))
def u4(): return str(uuid.UUID(int=R.getrandbits(128), version=4))
def host(): return R.choice(["db-prod-01.internal", "10.20.%d.%d" % (R.randint(0, 255), R.randint(1, 254)), "warehouse.corp.example.com", "pg.analytics.svc.cluster.local", "mysql-replica-2.eu-west-1.rds.amazonaws.com", "broker-0.kafka.svc", "redis-master.cache"])
def user(): return R.choice(["etl_user", "airflow", "svc_loader", "analytics_ro", "dbt_runner", "reporting", "sa", "admin", "ingest", "jdoe"])
def dag(): return R.choice(["daily_sales_etl", "ingest_clickstream", "dbt_nightly", "ml_feature_refresh", "export_to_s3", "sync_salesforce", "warehouse_vacuum", "partner_sftp_pull", "kafka_to_bq", "report_mailer"])
def task(): return R.choice(["extract", "load_staging", "transform", "run_dbt", "notify_slack", "upload_file", "check_quality", "push_metrics", "call_api", "sftp_get"])
def q(s): return urllib.parse.quote(s, safe="")
def tlog(msg, src="logging_mixin.py:190", lvl="INFO"): return "[%s] {%s} %s - %s" % (tsl(), src, lvl, msg)
def jstr(s): return json.dumps(s)[1:-1]  # json-escaped content w/o quotes
def xmlesc(s): return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&apos;")

SECRETS = []   # (family, format, text, secrets, registered)
HARMLESS = []  # (family, format, text, keyrule)

def S(family, fmt, text, secrets, registered=None):
    SECRETS.append((family, fmt, text, [s for s in secrets], registered))
def H(family, fmt, text, keyrule=False):
    HARMLESS.append((family, fmt, text, keyrule))

# ---------------------------------------------------------------- vendor tokens
def crc_b62(s):
    import zlib
    n = zlib.crc32(s.encode()) & 0xffffffff
    out = ""
    while n:
        n, r_ = divmod(n, 62); out = AN[r_] + out
    return out.rjust(6, "0")
def gh(prefix):
    body = rs(30); return prefix + body + crc_b62(body)

VENDORS = {
 "github_classic_pat": ("GITHUB_TOKEN", lambda: gh("ghp_")),
 "github_oauth": ("GH_OAUTH_TOKEN", lambda: gh("gho_")),
 "github_app_installation": ("GITHUB_INSTALLATION_TOKEN", lambda: gh("ghs_")),
 "github_refresh": ("GH_REFRESH", lambda: "ghr_" + rs(76)),
 "github_fine_grained_pat": ("GH_PAT", lambda: "github_pat_11" + rs(20, UP + DG) + "_" + rs(59)),
 "gitlab_pat": ("GITLAB_TOKEN", lambda: "glpat-" + rs(20, AN + "-_")),
 "gitlab_runner": ("RUNNER_TOKEN", lambda: "glrt-" + rs(20, AN + "-_")),
 "slack_bot": ("SLACK_BOT_TOKEN", lambda: "xoxb-%s-%s-%s" % (digits(11), digits(13), rs(24))),
 "slack_user": ("SLACK_USER_TOKEN", lambda: "xoxp-%s-%s-%s-%s" % (digits(11), digits(11), digits(13), hx(32))),
 "slack_app_level": ("SLACK_APP_TOKEN", lambda: "xapp-1-A%s-%s-%s" % (rs(10, UP + DG), digits(13), hx(64))),
 "stripe_secret_live": ("STRIPE_API_KEY", lambda: "sk_live_51" + rs(97)),
 "stripe_restricted": ("STRIPE_RK", lambda: "rk_live_51" + rs(97)),
 "stripe_webhook_secret": ("STRIPE_WEBHOOK_SIGNING", lambda: "whsec_" + rs(32)),
 "aws_access_key_id": ("AWS_ACCESS_KEY_ID", lambda: "AKIA" + rs(16, B32)),
 "aws_sts_key_id": ("AWS_ACCESS_KEY_ID", lambda: "ASIA" + rs(16, B32)),
 "aws_secret_access_key": ("AWS_SECRET_ACCESS_KEY", lambda: b64(40)),
 "google_api_key": ("GOOGLE_MAPS_KEY", lambda: "AIza" + rs(35, AN + "-_")),
 "google_oauth_client_secret": ("GOOGLE_CLIENT_SECRET", lambda: "GOCSPX-" + rs(28, AN + "-_")),
 "google_oauth_refresh": ("GOOGLE_REFRESH_TOKEN", lambda: "1//0" + rs(2, UP) + rs(99, AN + "-_")),
 "google_oauth_access": ("GCP_ACCESS", lambda: "ya29.a0" + rs(150, AN + "-_")),
 "openai_project": ("OPENAI_API_KEY", lambda: "sk-proj-" + rs(74, AN + "-_") + "T3BlbkFJ" + rs(74, AN + "-_")),
 "anthropic": ("ANTHROPIC_API_KEY", lambda: "sk-ant-api03-" + rs(93, AN + "-_") + "AA"),
 "huggingface": ("HF_TOKEN", lambda: "hf_" + rs(34, UP + LO)),
 "npm_access": ("NPM_TOKEN", lambda: "npm_" + rs(36)),
 "pypi_upload": ("TWINE_PASSWORD", lambda: "pypi-AgEIcHlwaS5vcmc" + rs(R.randint(60, 160), AN + "-_")),
 "sendgrid": ("SENDGRID_API_KEY", lambda: "SG." + rs(22, AN + "-_") + "." + rs(43, AN + "-_")),
 "twilio_auth_token": ("TWILIO_AUTH_TOKEN", lambda: hx(32)),
 "twilio_api_key_sid": ("TWILIO_API_KEY", lambda: "SK" + hx(32)),
 "mailgun": ("MAILGUN_API_KEY", lambda: "key-" + hx(32)),
 "datadog_app_key": ("DD_APP_KEY", lambda: hx(40)),
 "datadog_api_key": ("DD_API_KEY", lambda: hx(32)),
 "newrelic_user_key": ("NEW_RELIC_API_KEY", lambda: "NRAK-" + rs(27, UP + DG)),
 "newrelic_license": ("NEW_RELIC_LICENSE_KEY", lambda: hx(36) + "NRAL"),
 "sentry_auth_token": ("SENTRY_AUTH_TOKEN", lambda: "sntrys_eyJpYXQiOj" + rs(120, AN + "+/") + "_" + rs(43, AN + "+/")),
 "shopify_admin": ("SHOPIFY_ACCESS_TOKEN", lambda: "shpat_" + hx(32)),
 "databricks_pat": ("DATABRICKS_TOKEN", lambda: "dapi" + hx(32) + R.choice(["", "-2", "-3"])),
 "azure_storage_key": ("AZURE_STORAGE_KEY", lambda: b64pad(64)),
 "doppler_service": ("DOPPLER_TOKEN", lambda: "dp.st.prd." + rs(43)),
 "vault_service_token": ("VAULT_TOKEN", lambda: "hvs." + rs(24)),
 "terraform_cloud": ("TFE_TOKEN", lambda: rs(14) + ".atlasv1." + rs(67)),
 "digitalocean_pat": ("DIGITALOCEAN_TOKEN", lambda: "dop_v1_" + hx(64)),
 "linear": ("LINEAR_API_KEY", lambda: "lin_api_" + rs(40)),
 "notion": ("NOTION_TOKEN", lambda: "ntn_" + digits(11) + rs(35)),
 "atlassian_api_token": ("JIRA_API_TOKEN", lambda: "ATATT3xFfGF0" + rs(171, AN + "-_=") + "=" + hx(8).upper()),
 "telegram_bot": ("TELEGRAM_BOT_TOKEN", lambda: digits(10) + ":AA" + rs(33, AN + "-_")),
 "discord_bot": ("DISCORD_BOT_TOKEN", lambda: "M" + rs(25) + "." + rs(6, AN + "-_") + "." + rs(38, AN + "-_")),
 "postman": ("POSTMAN_API_KEY", lambda: "PMAK-" + hx(24) + "-" + hx(34)),
 "grafana_service_account": ("GRAFANA_TOKEN", lambda: "glsa_" + rs(32) + "_" + hx(8)),
 "dbt_cloud": ("DBT_CLOUD_API_TOKEN", lambda: "dbtc_" + rs(56, AN + "-_")),
 "supabase": ("SUPABASE_ACCESS_TOKEN", lambda: "sbp_" + hx(40)),
 "planetscale": ("PLANETSCALE_TOKEN", lambda: "pscale_tkn_" + rs(43, AN + "-_")),
 "dockerhub_pat": ("DOCKERHUB_TOKEN", lambda: "dckr_pat_" + rs(27, AN + "-_")),
 "alibaba_access_key": ("ALIBABA_CLOUD_ACCESS_KEY_ID", lambda: "LTAI" + rs(20)),
 "age_secret_key": ("SOPS_AGE_KEY", lambda: "AGE-SECRET-KEY-1" + rs(58, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L")),
 "jfrog_api_key": ("ARTIFACTORY_API_KEY", lambda: "AKCp8" + rs(68)),
 "jfrog_identity_token": ("JF_ACCESS_TOKEN", lambda: "cmVmdGtuOjAxOjE3" + rs(48)),
 "heroku": ("HEROKU_API_KEY", lambda: "HRKU-AA" + rs(58, AN + "-_")),
 "cloudflare_api_token": ("CLOUDFLARE_API_TOKEN", lambda: rs(40, AN + "-_")),
 "cloudflare_origin_ca": ("CF_ORIGIN_CA_KEY", lambda: "v1.0-" + hx(24) + "-" + hx(146)),
 "okta_api": ("OKTA_API_TOKEN", lambda: "00" + rs(40, AN + "-_")),
 "square_access": ("SQUARE_ACCESS_TOKEN", lambda: "EAAA" + rs(60, AN + "-_")),
 "airtable_pat": ("AIRTABLE_API_KEY", lambda: "pat" + rs(14) + "." + hx(64)),
 "rubygems": ("GEM_HOST_API_KEY", lambda: "rubygems_" + hx(48)),
 "clojars": ("CLOJARS_TOKEN", lambda: "CLOJARS_" + hx(60)),
 "pulumi": ("PULUMI_ACCESS_TOKEN", lambda: "pul-" + hx(40)),
 "mapbox_secret": ("MAPBOX_SECRET_TOKEN", lambda: "sk.eyJ1Ijoi" + rs(40, AN) + "In0." + rs(22, AN + "-_")),
 "figma": ("FIGMA_TOKEN", lambda: "figd_" + rs(40, AN + "-_")),
 "buildkite_agent": ("BUILDKITE_API_TOKEN", lambda: "bkua_" + hx(40)),
 "circleci_pat": ("CIRCLE_TOKEN", lambda: "CCIPAT_" + rs(22) + "_" + hx(40)),
 "tailscale_auth": ("TS_AUTHKEY", lambda: "tskey-auth-k" + rs(11) + "CNTRL-" + rs(33)),
 "prefect_cloud": ("PREFECT_API_KEY", lambda: "pnu_" + rs(36)),
 "langsmith": ("LANGSMITH_API_KEY", lambda: "lsv2_pt_" + hx(32) + "_" + hx(10)),
 "groq": ("GROQ_API_KEY", lambda: "gsk_" + rs(52)),
 "replicate": ("REPLICATE_API_TOKEN", lambda: "r8_" + rs(37)),
 "confluent_cloud_secret": ("CONFLUENT_API_SECRET", lambda: rs(64, AN + "+/")),
 "fly_io": ("FLY_API_TOKEN", lambda: "FlyV1 fm2_lJPECAAAAAAAA" + rs(120, AN + "+/")),
 "snyk": ("SNYK_TOKEN", lambda: u4()),
 "gcp_sa_private_key_id": ("GCP_PRIVATE_KEY_ID", lambda: hx(40)),
 "azure_ad_client_secret": ("AZURE_CLIENT_SECRET", lambda: rs(3) + "8Q~" + rs(34, AN + "_~.-")),
 "mongodb_atlas_private_key": ("MONGODB_ATLAS_PRIVATE_KEY", lambda: u4()),
 "pagerduty_integration": ("PAGERDUTY_ROUTING_KEY", lambda: "R0" + rs(30, UP + DG)),
 "opsgenie": ("OPSGENIE_API_KEY", lambda: u4()),
 "segment_write_key": ("SEGMENT_WRITE_KEY", lambda: rs(32)),
}
# vendor key name that is NOT obviously secret (used to stay realistic)
def vendor_contexts(vname, key, tok):
    lk = key.lower()
    yield ("export %s=%s" % (key, tok), [tok])
    yield (tlog("Resolved env %s=%s" % (key, tok), "subprocess.py:93"), [tok])
    yield (json.dumps({"conn_id": vname.split("_")[0] + "_default", "conn_type": "http", "extra": json.dumps({lk: tok})}), [tok])
    yield ("  %s: \"%s\"" % (lk, tok), [tok])
    yield ("Out[7]: {'%s': '%s', 'region': 'us-east-1'}" % (key, tok), [tok])
    yield ("docker run --rm -e %s=%s ghcr.io/acme/etl-runner:1.14.2 python -m etl.sync" % (key, tok), [tok])
    yield ("$ curl -sS -H 'Authorization: Bearer %s' https://api.internal.example/v1/ping" % tok, [tok])
    yield ('        - name: %s\n          value: "%s"' % (key, tok), [tok])
    yield ("%s | set-output name=%s::%s" % (ts(), lk, tok), [tok])
    yield ("gh secret set %s --body \"%s\" --repo acme/data-platform" % (key, tok), [tok])
    yield ("kubectl -n airflow create secret generic %s --from-literal=%s=%s" % (vname.replace("_", "-"), lk, tok), [tok])
    yield ("os.environ: environ({'PATH': '/usr/local/bin:/usr/bin', 'HOSTNAME': 'worker-7f9c', '%s': '%s', 'LANG': 'C.UTF-8'})" % (key, tok), [tok])
    yield ("%s=%s" % (key, tok), [tok])
    yield ("ansible-playbook deploy.yml -e %s=%s -i inventories/prod" % (lk, tok), [tok])
    yield ("<entry key=\"%s\">%s</entry>" % (lk, xmlesc(tok)), [xmlesc(tok)])

for vname, (key, fn) in VENDORS.items():
    ctxs = list(vendor_contexts(vname, key, "@@"))
    picks = R.sample(range(len(ctxs)), 4)
    for p in picks:
        tok = fn()
        text, secs = list(vendor_contexts(vname, key, tok))[p]
        S("vendor_token", "vendor:" + vname, text, secs)

# Slack/Teams/Discord webhooks -> split_webhook
for i in range(4):
    t, b, tk = "T0" + rs(9, UP + DG), "B0" + rs(9, UP + DG), rs(24)
    url = "https://hooks.slack.com/services/%s/%s/%s" % (t, b, tk)
    S("split_webhook", "slack_webhook_url_plain", R.choice(["SLACK_WEBHOOK_URL=%s", tlog("Posting alert to %s", "slack_webhook.py:54"), "    slack_webhook_conn_id='x', webhook_url='%s',"]) % url, ["%s/%s/%s" % (t, b, tk)])
for i in range(4):
    t, b, tk = "T0" + rs(9, UP + DG), "B0" + rs(9, UP + DG), rs(24)
    text = 'SLACK_URL = (\n    "https://hooks.slack.com/services/"\n    "%s/%s/"\n    "%s"\n)' % (t, b, tk)
    S("split_webhook", "slack_webhook_py_concat", text, [tk])
for i in range(4):
    t, b, tk = "T0" + rs(9, UP + DG), "B0" + rs(9, UP + DG), rs(24)
    text = '{"extra": "{\\"webhook_url\\": \\"https:\\\\/\\\\/hooks.slack.com\\\\/services\\\\/%s\\\\/%s\\\\/%s\\"}"}' % (t, b, tk)
    S("split_webhook", "slack_webhook_escaped_slashes", text, [tk])
for i in range(3):
    g1, g2, h, g3 = u4(), u4(), hx(32), u4()
    url = "https://acme.webhook.office.com/webhookb2/%s@%s/IncomingWebhook/%s/%s/V2%s" % (g1, g2, h, g3, rs(43, AN + "-_"))
    sec = url.split("/IncomingWebhook/")[1]
    S("split_webhook", "teams_incoming_webhook", "msteams_webhook: %s" % url, [sec])
for i in range(3):
    wid, wt = digits(19), rs(68, AN + "-_")
    S("split_webhook", "discord_webhook", "DiscordWebhookOperator(task_id='notify', webhook_endpoint='webhooks/%s/%s')" % (wid, wt), [wt])
for i in range(3):
    sp, k, tk = rs(11, AN + "-_"), "AIzaSy" + rs(33, AN + "-_"), rs(43, AN + "-_")
    S("split_webhook", "google_chat_webhook", "https://chat.googleapis.com/v1/spaces/AAAA%s/messages?key=%s&token=%s" % (sp, k, q(tk + "=")), [k, q(tk + "=")])
for i in range(3):
    tk = rs(26, LO + DG)
    url = "https://mattermost.acme.io/hooks/" + tk
    half = url.index("/hooks/") + 7 + R.randint(10, 16)
    text = tlog("POST %s\\\n%s -> 200" % (url[:half], url[half:]), "http.py:172", "DEBUG")
    S("split_webhook", "mattermost_webhook_wrapped", text, [url[url.index("/hooks/") + 7:half], url[half:]])
for i in range(3):
    rk = rs(32, HEX)
    S("split_webhook", "generic_path_token_webhook", "curl -X POST https://events.pagerduty.com/integration/%s/enqueue -d @alert.json" % rk, [rk])

# ---------------------------------------------------------------- password_punct
for i in range(4):
    p = hardpw(); u = user(); h = host()
    S("password_punct", "postgres_uri_percent_encoded", "AIRFLOW_CONN_WAREHOUSE='postgresql://%s:%s@%s:5432/analytics?sslmode=require'" % (u, q(p), h), [q(p)])
for i in range(4):
    p = hardpw(); 
    S("password_punct", "sqlalchemy_conn_airflow_cfg", "sql_alchemy_conn = mysql+mysqldb://airflow:%s@%s:3306/airflow" % (q(p), host()), [q(p)])
for i in range(3):
    p = pw()
    S("password_punct", "mongodb_srv_uri", 'MongoClient("mongodb+srv://%s:%s@cluster0.%s.mongodb.net/?retryWrites=true&w=majority")' % (user(), q(p), rs(5, LO + DG)), [q(p)])
for i in range(3):
    p = pw()
    S("password_punct", "redis_uri_no_user", "broker_url = redis://:%s@redis-master.cache:6379/0" % q(p), [q(p)])
for i in range(3):
    p = pw()
    S("password_punct", "amqp_vhost_uri", "[%s: INFO/MainProcess] Connected to amqp://celery:%s@rabbitmq.airflow.svc:5672/airflow" % (tsl(), q(p)), [q(p)])
for i in range(3):
    p = pw(punct="!#$%^*()-_=+.?~")
    S("password_punct", "jdbc_sqlserver_props", "jdbc:sqlserver://%s:1433;databaseName=dw;user=%s;password=%s;encrypt=true;trustServerCertificate=false" % (host(), user(), p), [p])
for i in range(3):
    p = pw(punct="!#$%^*()-_+.?~")
    S("password_punct", "odbc_connection_string_braced", 'pyodbc.connect("DRIVER={ODBC Driver 18 for SQL Server};SERVER=%s;DATABASE=dw;UID=%s;PWD={%s};Encrypt=yes")' % (host(), user(), p.replace("}", "}}")), [p.replace("}", "}}")])
for i in range(3):
    p = pw(punct="!#$%^*()-_+.?~@")
    S("password_punct", "pgpass_line", "%s:5432:*:%s:%s" % (host(), user(), p.replace(":", "\\:")), [p.replace(":", "\\:")])
for i in range(3):
    p = hardpw()
    S("password_punct", "xml_escaped_maven_settings", "<server><id>nexus-releases</id><username>deploy</username><password>%s</password></server>" % xmlesc(p), [xmlesc(p)])
for i in range(3):
    p = hardpw()
    S("password_punct", "json_escaped_in_extra_string", json.dumps({"connection_id": "mssql_dw", "extra": json.dumps({"odbc_connect": "Pwd=" + "x", "password": p})}).replace("Pwd=x", "Pwd=***"), [jstr(jstr(p))])
for i in range(3):
    p = hardpw()
    S("password_punct", "shell_single_quoted", "mysql -h %s -u %s -p%s -e 'SHOW DATABASES'" % (host(), user(), shlex.quote(p)), [shlex.quote(p)])
for i in range(3):
    p = pw()
    S("password_punct", "yaml_double_quoted_dbt_profile", '      password: "%s"' % p.replace("\\", "\\\\").replace('"', '\\"'), [p.replace("\\", "\\\\").replace('"', '\\"')])
for i in range(3):
    p = "".join(R.choice(AN + "#;=") for _ in range(18))
    S("password_punct", "my_cnf_client", "[client]\nuser=%s\npassword=\"%s\"\nhost=%s" % (user(), p, host()), [p])
for i in range(3):
    p = pw(punct="!#$%^*()-_+.?~")
    S("password_punct", "netrc", "machine nexus.acme.io login deploy password %s" % p, [p])
for i in range(3):
    p = pw()
    S("password_punct", "java_properties_spring", "spring.datasource.password=%s" % p.replace(":", "\\:").replace("=", "\\="), [p.replace(":", "\\:").replace("=", "\\=")])

# ---------------------------------------------------------------- statement_command
def sc(fmt, n, mk):
    for _ in range(n):
        text, secs = mk(); S("statement_command", fmt, text, secs)
def _p(): return pw(punct="!#%^*-_+.?~@")
sc("sql_create_user_identified_by", 3, lambda: (lambda p: ("CREATE USER '%s'@'%%' IDENTIFIED BY '%s';" % (user(), p), [p]))(_p()))
sc("sql_alter_role_password", 3, lambda: (lambda p: ("ALTER ROLE %s WITH LOGIN PASSWORD '%s' VALID UNTIL '2026-01-01';" % (user(), p), [p]))(_p()))
sc("sql_snowflake_create_user", 3, lambda: (lambda p: ("create or replace user SVC_AIRFLOW password='%s' default_role=LOADER must_change_password=false;" % p, [p]))(_p()))
sc("sql_mssql_create_login", 3, lambda: (lambda p: ("CREATE LOGIN [etl_loader] WITH PASSWORD = N'%s', CHECK_POLICY = OFF;" % p, [p]))(_p()))
sc("sql_oracle_alter_user", 2, lambda: (lambda p: ('ALTER USER reporting IDENTIFIED BY "%s" ACCOUNT UNLOCK;' % p, [p]))(_p()))
sc("sql_redshift_copy_credentials", 3, lambda: (lambda a, s: ("COPY events FROM 's3://acme-raw/events/' CREDENTIALS 'aws_access_key_id=%s;aws_secret_access_key=%s' FORMAT AS JSON 'auto';" % (a, s), [a, s]))("AKIA" + rs(16, B32), b64(40)))
sc("sql_clickhouse_s3_function", 2, lambda: (lambda a, s: ("INSERT INTO t SELECT * FROM s3('https://acme.s3.amazonaws.com/x/*.parquet', '%s', '%s', 'Parquet')" % (a, s), [a, s]))("AKIA" + rs(16, B32), b64(40)))
sc("sql_duckdb_create_secret", 2, lambda: (lambda a, s: ("CREATE SECRET s3cred (TYPE S3, KEY_ID '%s', SECRET '%s', REGION 'eu-central-1');" % (a, s), [a, s]))("AKIA" + rs(16, B32), b64(40)))
sc("cli_psql_pgpassword_env", 3, lambda: (lambda p: ("PGPASSWORD='%s' psql -h %s -U %s -d analytics -c '\\copy t to stdout'" % (p, host(), user()), [p]))(_p()))
sc("cli_sshpass", 3, lambda: (lambda p: ("sshpass -p '%s' scp -o StrictHostKeyChecking=no export.csv partner@sftp.partner.com:/in/" % p, [p]))(_p()))
sc("cli_curl_user", 3, lambda: (lambda p: ("curl -fsS -u admin:%s http://localhost:8080/api/v1/dags?limit=100" % p, [p]))(alnumpw()))
sc("cli_wget_password", 2, lambda: (lambda p: ("wget --user=reports --password=%s https://files.partner.net/daily/report.zip" % p, [p]))(alnumpw()))
sc("cli_redis_cli_a", 3, lambda: (lambda p: ("redis-cli -h redis-master.cache -a %s --no-auth-warning INFO keyspace" % p, [p]))(alnumpw()))
sc("cli_rabbitmqctl_add_user", 2, lambda: (lambda p: ("rabbitmqctl add_user airflow_worker %s && rabbitmqctl set_permissions -p airflow airflow_worker '.*' '.*' '.*'" % p, [p]))(alnumpw()))
sc("cli_openssl_passout", 3, lambda: (lambda p: ("openssl pkcs12 -export -in cert.pem -inkey key.pem -out bundle.p12 -passout pass:%s" % p, [p]))(alnumpw()))
sc("cli_zip_P", 2, lambda: (lambda p: ("zip -P %s -r export_2025_06.zip out/" % p, [p]))(alnumpw()))
sc("cli_7z_p_noSpace", 2, lambda: (lambda p: ("7z a -p%s -mhe=on backup.7z /data/dump.sql" % p, [p]))(alnumpw()))
sc("cli_keytool_storepass", 3, lambda: (lambda p, k: ("keytool -importcert -alias kafka-ca -file ca.crt -keystore truststore.jks -storepass %s -keypass %s -noprompt" % (p, k), [p, k]))(alnumpw(), alnumpw()))
sc("cli_docker_login_p", 2, lambda: (lambda p: ("docker login registry.acme.io -u ci-bot -p %s" % p, [p]))(alnumpw(28)))
sc("cli_password_stdin_echo", 3, lambda: (lambda p: ("echo \"%s\" | docker login --username ci-bot --password-stdin registry.acme.io" % p, [p]))(alnumpw(32)))
sc("cli_helm_repo_add", 2, lambda: (lambda p: ("helm repo add internal https://charts.acme.io --username deploy --password %s" % p, [p]))(alnumpw()))
sc("cli_sqlcmd_P", 2, lambda: (lambda p: ("sqlcmd -S tcp:%s,1433 -U sa -P \"%s\" -Q \"SELECT @@VERSION\"" % (host(), p), [p]))(_p()))
sc("cli_bcp_P", 2, lambda: (lambda p: ("bcp dbo.Orders out orders.dat -S dw01 -U loader -P%s -c -t," % p, [p]))(alnumpw()))
sc("cli_airflow_connections_add", 3, lambda: (lambda p: ("airflow connections add 'pg_dw' --conn-type postgres --conn-host %s --conn-login %s --conn-password '%s' --conn-port 5432" % (host(), user(), p), [p]))(_p()))
sc("cli_airflow_users_create", 2, lambda: (lambda p: ("airflow users create --username admin --firstname Ada --lastname Ops --role Admin --email ops@acme.io --password %s" % p, [p]))(alnumpw()))
sc("cli_git_clone_token_url", 3, lambda: (lambda t: ("git clone https://x-access-token:%s@github.com/acme/dags.git /opt/airflow/dags/repo" % t, [t]))(gh("ghs_")))
sc("cli_smbclient_percent", 2, lambda: (lambda p: ("smbclient //fileserver/finance -U 'CORP\\svc_etl%%%s' -c 'get ledger.xlsx'" % p, [p]))(alnumpw()))
sc("cli_lftp_u", 2, lambda: (lambda p: ("lftp -u partner,%s sftp://sftp.partner.com -e 'mirror /out /data/in; bye'" % p, [p]))(alnumpw()))
sc("cli_java_D_keystore", 2, lambda: (lambda p: ("java -Djavax.net.ssl.keyStore=/etc/ssl/kafka.jks -Djavax.net.ssl.keyStorePassword=%s -jar connector.jar" % p, [p]))(alnumpw()))
sc("cli_spark_submit_conf_s3a", 3, lambda: (lambda s: ("spark-submit --master yarn --conf spark.hadoop.fs.s3a.access.key=AKIA%s --conf spark.hadoop.fs.s3a.secret.key=%s job.py" % (rs(16, B32), s), [s]))(b64(40)))
sc("cli_hadoop_azure_account_key", 2, lambda: (lambda s: ("hdfs dfs -D fs.azure.account.key.acmelake.blob.core.windows.net=%s -ls wasbs://raw@acmelake.blob.core.windows.net/" % s, [s]))(b64pad(64)))
sc("cli_beeline_p", 2, lambda: (lambda p: ("beeline -u 'jdbc:hive2://hive.acme.io:10000/default' -n etl -p %s -f load.hql" % p, [p]))(alnumpw()))
sc("cli_sqlplus_slash", 3, lambda: (lambda p: ("sqlplus -s reporting/%s@//ora-prod:1521/ORCLPDB1 @extract.sql" % p, [p]))(alnumpw()))
sc("cli_mysqldump_password_eq", 2, lambda: (lambda p: ("mysqldump --single-transaction --user=backup --password=%s shop > /backups/shop.sql" % p, [p]))(alnumpw()))
sc("cli_mongodump_p", 2, lambda: (lambda p: ("mongodump --host rs0/mongo-0:27017 --username backup --password %s --authenticationDatabase admin" % p, [p]))(alnumpw()))
sc("cli_ldapsearch_w", 2, lambda: (lambda p: ("ldapsearch -x -H ldaps://ldap.corp:636 -D 'cn=airflow,ou=svc,dc=corp' -w '%s' '(uid=jdoe)'" % p, [p]))(_p()))
sc("cli_vault_kv_put", 2, lambda: (lambda p: ("vault kv put secret/airflow/connections/pg_dw password=%s login=etl" % p, [p]))(alnumpw()))
sc("cli_gpg_passphrase", 2, lambda: (lambda p: ("gpg --batch --yes --pinentry-mode loopback --passphrase '%s' -d partner_feed.csv.gpg" % p, [p]))(pw(punct="!#%^*-_+.?~@")))
sc("cli_net_use_windows", 2, lambda: (lambda p: ("net use Z: \\\\fs01\\exports %s /user:CORP\\svc_etl /persistent:no" % p, [p]))(alnumpw()))
sc("cli_cmdkey_pass", 2, lambda: (lambda p: ("cmdkey /generic:TERMSRV/bastion01 /user:CORP\\ops /pass:%s" % p, [p]))(alnumpw()))
sc("powershell_securestring", 2, lambda: (lambda p: ("$sec = ConvertTo-SecureString \"%s\" -AsPlainText -Force" % p, [p]))(alnumpw()))
sc("cli_sqoop_password", 2, lambda: (lambda p: ("sqoop import --connect jdbc:mysql://%s/shop --username etl --password %s --table orders --target-dir /raw/orders" % (host(), p), [p]))(alnumpw()))
sc("cli_rsync_password_env", 2, lambda: (lambda p: ("RSYNC_PASSWORD=%s rsync -av rsync://backup@nas01/share/ /data/in/" % p, [p]))(alnumpw()))
sc("cli_htpasswd_b", 2, lambda: (lambda p: ("htpasswd -bB /etc/nginx/.htpasswd flower %s" % p, [p]))(alnumpw()))
sc("cli_az_login_sp", 2, lambda: (lambda p: ("az login --service-principal -u %s -p %s --tenant %s" % (u4(), p, u4()), [p]))(rs(3) + "8Q~" + rs(34, AN + "_~.-")))

# ---------------------------------------------------------------- encoded
def enc(fmt, n, mk):
    for _ in range(n):
        text, secs = mk(); S("encoded", fmt, text, secs)
def basic(u, p): return base64.b64encode(("%s:%s" % (u, p)).encode()).decode()
enc("http_basic_auth_header", 3, lambda: (lambda b: ("send: b'GET /api/v1/dags HTTP/1.1\\r\\nHost: airflow.acme.io\\r\\nAuthorization: Basic %s\\r\\n\\r\\n'" % b, [b]))(basic("admin", alnumpw())))
enc("docker_config_auths", 3, lambda: (lambda b: ('{"auths": {"registry.acme.io": {"auth": "%s"}}}' % b, [b]))(basic("ci-bot", alnumpw(30))))
enc("npmrc_auth_base64", 2, lambda: (lambda b: ("//registry.npmjs.org/:_auth=%s" % b, [b]))(basic("deploy", alnumpw())))
enc("k8s_secret_data", 3, lambda: (lambda b: ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: airflow-metadata\ntype: Opaque\ndata:\n  connection: %s" % b, [b]))(base64.b64encode(("postgresql://airflow:%s@pg:5432/airflow" % alnumpw()).encode()).decode()))
enc("k8s_secret_data_single_value", 2, lambda: (lambda b: ("  fernet-key: %s" % b, [b]))(base64.b64encode(base64.urlsafe_b64encode(bytes(R.getrandbits(8) for _ in range(32)))).decode()))
enc("kubeconfig_token", 2, lambda: (lambda t: ("users:\n- name: airflow-sa\n  user:\n    token: %s" % t, [t]))("eyJhbGciOiJSUzI1NiIsImtpZCI6I" + b64u(60) + "." + b64u(300) + "." + b64u(342)))
enc("kubeconfig_client_key_data", 2, lambda: (lambda d: ("    client-key-data: %s" % d, [d]))(base64.b64encode(("-----BEGIN EC PRIVATE KEY-----\n" + b64(64) + "\n-----END EC PRIVATE KEY-----\n").encode()).decode()))
enc("smtp_auth_plain", 3, lambda: (lambda b: ("send: 'AUTH PLAIN %s\\r\\n'\nreply: b'235 2.7.0 Authentication successful\\r\\n'" % b, [b]))(base64.b64encode(("\0alerts@acme.io\0" + alnumpw()).encode()).decode()))
enc("smtp_auth_login_steps", 2, lambda: (lambda b: ("send: 'AUTH LOGIN YWxlcnRzQGFjbWUuaW8=\\r\\n'\nreply: b'334 UGFzc3dvcmQ6\\r\\n'\nsend: '%s\\r\\n'" % b, [b]))(base64.b64encode(alnumpw().encode()).decode()))
enc("url_query_percent_encoded_token", 3, lambda: (lambda t: (tlog("HTTP GET https://api.partner.io/v2/export?format=csv&access_token=%s" % q(t), "http.py:163"), [q(t)]))(b64(40) + "="))
enc("json_in_string_in_json_variable", 3, lambda: (lambda p: (json.dumps({"key": "etl_config", "value": json.dumps({"source": {"host": host(), "db_pass": p}})}), [jstr(jstr(p))]))(hardpw()))
enc("base64_gcp_keyfile_in_extra", 2, lambda: (lambda b: (json.dumps({"extra__google_cloud_platform__keyfile_dict_b64": "x", "keyfile_b64": b}).replace('"x"', '"***"'), [b]))(base64.b64encode(json.dumps({"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\n" + b64(64) + "\n-----END PRIVATE KEY-----\n"}).encode()).decode()))
enc("rclone_obscured_pass", 2, lambda: (lambda o: ("[partner-sftp]\ntype = sftp\nhost = sftp.partner.com\nuser = acme\npass = %s" % o, [o]))(b64u(40)))
enc("aws_ecr_get_login_output", 2, lambda: (lambda t: ("Out[3]: {'authorizationData': [{'authorizationToken': '%s', 'proxyEndpoint': 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com'}]}" % t, [t]))(base64.b64encode(("AWS:eyJwYXlsb2FkIjoi" + b64(200)).encode()).decode()))
enc("helm_values_base64_yaml", 2, lambda: (lambda b: ("data:\n  metadataConnection:\n    pass: %s   # base64 of db password" % b, [b]))(base64.b64encode(alnumpw().encode()).decode()))

# ---------------------------------------------------------------- PEM / keys (other)
def pem(kind, nlines):
    body = "\n".join(b64(64) for _ in range(nlines)) + "\n" + b64(R.randint(8, 60)) + "="
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, body, kind)
for i in range(3):
    k = pem("RSA PRIVATE KEY", 12); S("other", "pem_rsa_private_key_multiline", "$ cat /opt/airflow/keys/sftp_id_rsa\n" + k, [k])
for i in range(2):
    k = pem("OPENSSH PRIVATE KEY", 6); S("other", "openssh_private_key", k + "\n", [k])
for i in range(3):
    k = pem("PRIVATE KEY", 10); ek = k.replace("\n", "\\n")
    S("other", "gcp_sa_json_escaped_private_key", '{"type": "service_account", "project_id": "acme-data", "private_key": "%s\\n", "client_email": "airflow@acme-data.iam.gserviceaccount.com"}' % ek, [ek])
for i in range(2):
    k = pem("PGP PRIVATE KEY BLOCK", 8); S("other", "pgp_private_key_block", tlog("Importing decryption key:\n" + k, "gpg.py:41"), [k])
for i in range(2):
    k = pem("ENCRYPTED PRIVATE KEY", 8); S("other", "snowflake_private_key_content_extra", json.dumps({"account": "acme-xy12345", "private_key_content": k}), [jstr(k)])
for i in range(2):
    lines = "\n".join(b64(64) for _ in range(4))
    S("other", "putty_ppk_private_lines", "PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: partner-sftp\nPrivate-Lines: 4\n" + lines + "\nPrivate-MAC: " + hx(64), [lines])
for i in range(3):
    k = base64.b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode()
    S("other", "wireguard_private_key", "[Interface]\nPrivateKey = %s\nAddress = 10.8.0.3/32" % k, [k])
for i in range(3):
    k = base64.urlsafe_b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode()
    S("other", "airflow_fernet_key_env", R.choice(["AIRFLOW__CORE__FERNET_KEY=%s", "fernet_key = %s", "  fernetKey: %s"]) % k, [k])
for i in range(3):
    k = rs(50, LO + DG + "!@#$%^&*(-_=+)")
    S("other", "django_secret_key", "SECRET_KEY = '%s'" % k, [k])
for i in range(2):
    k = hx(128); S("other", "rails_secret_key_base", "SECRET_KEY_BASE=%s bundle exec rails db:migrate" % k, [k])
for i in range(3):
    k = b64u(R.choice([32, 43, 64]))
    S("other", "airflow_api_jwt_secret", R.choice(["AIRFLOW__API_AUTH__JWT_SECRET=%s", "[api_auth]\njwt_secret = %s", "AIRFLOW__WEBSERVER__SECRET_KEY='%s'"]) % k, [k])
def jwt():
    h = base64.urlsafe_b64encode(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()).decode().rstrip("=")
    p = base64.urlsafe_b64encode(json.dumps({"sub": user(), "exp": R.randint(1750000000, 1790000000), "jti": hx(16)}).encode()).decode().rstrip("=")
    return h + "." + p + "." + b64u(43)
for i in range(3):
    t = jwt(); S("other", "airflow3_auth_token_response", '{"access_token": "%s"}' % t, [t])
for i in range(3):
    t = jwt(); S("other", "jwt_in_cookie_header", "Cookie: _ga=GA1.2.%s.%s; session=%s; theme=dark" % (digits(9), digits(10), t), [t])
for i in range(2):
    a, rtk = "ya29.a0" + rs(120, AN + "-_"), "1//0" + rs(2, UP) + rs(99, AN + "-_")
    S("other", "oauth_token_response_json", '{"access_token":"%s","expires_in":3599,"refresh_token":"%s","scope":"https://www.googleapis.com/auth/bigquery","token_type":"Bearer"}' % (a, rtk), [a, rtk])
for i in range(2):
    cs = rs(40, AN + "~._-")
    S("other", "oauth_client_credentials_form_body", "body: grant_type=client_credentials&client_id=%s&client_secret=%s&scope=api%%3A%%2F%%2Fetl%%2F.default" % (u4(), q(cs)), [q(cs)])
for i in range(3):
    s = rs(32, B32)
    S("other", "totp_otpauth_uri", "otpauth://totp/Acme%%3Aops%%40acme.io?secret=%s&issuer=Acme&digits=6" % s, [s])
for i in range(2):
    codes = ["%s-%s" % (rs(5, LO + DG), rs(5, LO + DG)) for _ in range(4)]
    S("other", "recovery_codes_list", "Your recovery codes:\n" + "\n".join("  " + c for c in codes) + "\nStore them somewhere safe.", codes)
WORDS = "abandon ability able about above absent absorb abstract absurd abuse access accident account accuse achieve acid acoustic acquire across act action actor actress actual adapt add addict address adjust admit adult advance advice aerobic affair afford afraid again age agent agree ahead aim air airport aisle alarm album alcohol alert alien all alley allow almost alone alpha already also alter always amateur amazing among amount amused analyst anchor ancient anger angle angry animal ankle announce annual another answer antenna antique anxiety any apart apology appear apple approve april arch arctic area arena argue arm armed armor army around arrange arrest arrive arrow art artefact artist artwork ask aspect assault asset assist assume asthma athlete atom attack attend attitude attract auction audit august aunt author auto autumn average avocado avoid awake aware away awesome awful awkward axis".split()
for i in range(2):
    seed = " ".join(R.choice(WORDS) for _ in range(12))
    S("other", "bip39_seed_phrase", "WALLET_MNEMONIC=\"%s\"" % seed, [seed])
for i in range(2):
    k = "0x" + hx(64); S("other", "ethereum_private_key", "web3.eth.account.from_key('%s')" % k, [k])
for i in range(3):
    c = digits(6)
    S("other", "one_time_code_sms_log", tlog("Twilio message queued: 'Your Acme verification code is %s. It expires in 10 minutes.'" % c, "sms.py:88"), [c])
for i in range(2):
    k = "-".join(rs(5, UP + DG) for _ in range(5))
    S("other", "software_license_key", "tableau_server_license: %s" % k, [k])
for i in range(2):
    p = alnumpw(); 
    S("other", "kafka_sasl_jaas_config", 'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="%s" password="%s";' % (rs(16, UP + DG), p), [p])
for i in range(2):
    p = rs(64, AN + "+/")
    S("other", "librdkafka_config_dict_repr", "Producer config: {'bootstrap.servers': 'pkc-%s.eu-west-1.aws.confluent.cloud:9092', 'security.protocol': 'SASL_SSL', 'sasl.mechanisms': 'PLAIN', 'sasl.username': '%s', 'sasl.password': '%s'}" % (rs(5, LO + DG), rs(16, UP + DG), p), [p])
for i in range(2):
    p = alnumpw()
    S("other", "fluent_bit_http_passwd", "[OUTPUT]\n    Name  es\n    Host  es.logging\n    HTTP_User elastic\n    HTTP_Passwd %s" % p, [p])
for i in range(2):
    p = alnumpw()
    S("other", "prometheus_basic_auth_yaml", "  basic_auth:\n    username: statsd\n    password: %s" % p, [p])
for i in range(2):
    p = alnumpw()
    S("other", "nuget_cleartextpassword", '<add key="ClearTextPassword" value="%s" />' % p, [p])
for i in range(2):
    t = "cio" + rs(32)
    S("other", "cargo_credentials_toml", '[registries.acme]\ntoken = "Bearer %s"' % t, [t])
for i in range(2):
    p = alnumpw()
    S("other", "poetry_http_basic_env", "POETRY_HTTP_BASIC_ACME_PASSWORD=%s poetry install --no-root" % p, [p])
for i in range(2):
    p = alnumpw()
    S("other", "pip_extra_index_url_creds", "pip install --extra-index-url https://__token__:%s@pypi.acme.io/simple acme-etl==2.4.1" % p, [p])
for i in range(2):
    p = alnumpw()
    S("other", "haproxy_stats_auth", "    stats auth admin:%s" % p, [p])
for i in range(2):
    k = rs(40, AN + "+/")
    S("other", "s3cfg_secret_key", "[default]\naccess_key = AKIA%s\nsecret_key = %s\nhost_base = s3.amazonaws.com" % (rs(16, B32), k), [k])
for i in range(2):
    k = b64pad(64)
    S("other", "azure_storage_connection_string", "DefaultEndpointsProtocol=https;AccountName=acmelake;AccountKey=%s;EndpointSuffix=core.windows.net" % k, [k])
for i in range(2):
    k = b64pad(32)
    S("other", "azure_servicebus_sas_key", "Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=%s" % k, [k])
for i in range(2):
    sig = q(b64pad(32))
    S("other", "azure_sas_url_sig", tlog("Uploading to https://acmelake.blob.core.windows.net/exports/out.parquet?sv=2022-11-02&ss=b&srt=co&sp=rwl&se=2025-12-31T00:00:00Z&sig=%s" % sig, "wasb.py:201"), [sig])
for i in range(2):
    sig = hx(64)
    S("other", "aws_presigned_url_signature_and_token", "https://acme-exports.s3.amazonaws.com/r.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIA%s%%2F20250601%%2Fus-east-1%%2Fs3%%2Faws4_request&X-Amz-Date=20250601T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=%s" % (rs(16, B32), sig), [sig])
for i in range(2):
    pre = b64(180)
    S("other", "boto_debug_session_token_header", "%s botocore.endpoint [DEBUG] Sending http request: <AWSPreparedRequest stream_output=False, method=POST, url=https://sts.amazonaws.com/, headers={'X-Amz-Security-Token': b'%s'}>" % (tsl(), pre), [pre])
for i in range(2):
    p = alnumpw()
    S("other", "go_mysql_dsn_panic", "panic: dial tcp: lookup mysql: no such host\n\tdsn=\"etl:%s@tcp(mysql:3306)/shop?parseTime=true\"" % p, [p])
for i in range(2):
    p = alnumpw()
    S("other", "java_stacktrace_jdbc_url", "Caused by: java.sql.SQLException: Cannot create PoolableConnectionFactory (jdbc:postgresql://%s/dw?user=etl&password=%s)" % (host(), p), [p])
for i in range(2):
    p = alnumpw()
    S("other", "node_mongo_error_uri", "MongoServerSelectionError: connect ECONNREFUSED at mongodb://app:%s@mongo-0:27017/app?authSource=admin" % p, [p])
for i in range(2):
    p = alnumpw()
    S("other", "wpa_supplicant_psk", 'network={\n    ssid="edge-gw"\n    psk="%s"\n}' % p, [p])
for i in range(2):
    p = alnumpw()
    S("other", "ipsec_secrets_psk", '%s %s : PSK "%s"' % ("203.0.113.%d" % R.randint(1, 254), "198.51.100.%d" % R.randint(1, 254), p), [p])
for i in range(2):
    p = alnumpw()
    S("other", "pgbouncer_userlist", '"airflow" "%s"' % p, [p])
for i in range(2):
    p = alnumpw()
    S("other", "grafana_ini_admin_password", "[security]\nadmin_user = admin\nadmin_password = %s" % p, [p])
for i in range(2):
    p = alnumpw()
    S("other", "ftp_protocol_trace", "*cmd* 'USER partner'\n*resp* '331 Password required'\n*cmd* 'PASS %s'\n*resp* '230 Login successful.'" % p, [p])
for i in range(2):
    p = alnumpw()
    S("other", "imap_login_debug", "  %s.%02d C: %s LOGIN reports@acme.io \"%s\"" % (digits(2), R.randint(0, 99), rs(4, UP), p), [p])
for i in range(2):
    p = alnumpw()
    S("other", "debezium_connector_config", '{"name": "inventory-connector", "config": {"connector.class": "io.debezium.connector.mysql.MySqlConnector", "database.hostname": "mysql", "database.user": "debezium", "database.password": "%s"}}' % p, [p])
for i in range(2):
    p = alnumpw()
    S("other", "logstash_pipeline_conf", 'output { elasticsearch { hosts => ["https://es:9200"] user => "logstash_writer" password => "%s" } }' % p, [p])
for i in range(2):
    p = alnumpw()
    S("other", "systemd_environment_line", 'Environment="AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=postgresql+psycopg2://airflow:%s@localhost/airflow"' % p, [p])
for i in range(2):
    p = alnumpw()
    S("other", "gradle_properties", "mavenCentralPassword=%s" % p, [p])
for i in range(2):
    k = rs(40, AN + "/+")
    S("other", "composer_auth_json", '{"http-basic": {"repo.packagist.com": {"username": "token", "password": "%s"}}}' % k, [k])
for i in range(2):
    p = alnumpw()
    S("other", "trino_cli_password_env", "TRINO_PASSWORD=%s trino --server https://trino.acme.io --user etl --password --execute 'select 1'" % p, [p])

# ---------------------------------------------------------------- random_purpose_name
def rp(fmt, n, mk):
    for _ in range(n):
        text, secs = mk(); S("random_purpose_name", fmt, text, secs)
rp("hmac_pepper_yaml", 3, lambda: (lambda v: ("hmac_pepper: %s" % v, [v]))(b64u(43)))
rp("signing_material_env", 3, lambda: (lambda v: ("PARTNER_SIGNING_MATERIAL=%s" % v, [v]))(hx(64)))
rp("cookie_signer_json", 2, lambda: (lambda v: ('{"cookie_signer": "%s", "cookie_name": "sid"}' % v, [v]))(b64(44)))
rp("encryption_iv_and_key_python", 2, lambda: (lambda v: ("cipher = AES.new(bytes.fromhex('%s'), AES.MODE_GCM)" % v, [v]))(hx(64)))
rp("unlock_pin_log", 2, lambda: (lambda v: (tlog("Using unlock pin %s for HSM slot 2" % v, "hsm.py:17"), [v]))(digits(8)))
rp("shared_key_ini", 2, lambda: (lambda v: ("[sync]\nshared_key = %s" % v, [v]))(rs(32)))
rp("encryption_passphrase_restic", 2, lambda: (lambda v: ("RESTIC_PASSWORD=%s restic -r s3:s3.amazonaws.com/acme-backups backup /data" % v, [v]))(alnumpw(24)))
rp("webhook_verification_string", 2, lambda: (lambda v: ('{"verify_with": "%s", "endpoint": "/hooks/github"}' % v, [v]))(hx(40)))
rp("master_key_file_content", 2, lambda: (lambda v: ("$ cat config/master.key\n%s" % v, [v]))(hx(32)))
rp("activation_code_cli", 2, lambda: (lambda v: ("./agent register --activation-code %s --region eu" % v, [v]))("-".join(rs(4, UP + DG) for _ in range(4))))
rp("dsn_sign_seed_in_dag_default_args", 2, lambda: (lambda v: ("default_args = {'owner': 'data', 'retries': 2, 'sign_seed': '%s'}" % v, [v]))(b64u(32)))
rp("vault_unseal_key_output", 2, lambda: (lambda v: ("Unseal Key 1: %s" % v, [v]))(b64pad(33)))
rp("vault_root_token_output", 2, lambda: (lambda v: ("Initial Root Token: %s" % v, [v]))("hvs." + rs(24)))
rp("kafka_connect_ssl_key_material", 2, lambda: (lambda v: ("ssl.key.password=%s" % v, [v]))(alnumpw()))
rp("celery_flower_basic_auth_cli", 2, lambda: (lambda v: ("celery flower --basic-auth=admin:%s --port=5555" % v, [v]))(alnumpw()))

# ---------------------------------------------------------------- airflow_context
def ac(fmt, n, mk):
    for _ in range(n):
        text, secs = mk(); S("airflow_context", fmt, text, secs)
ac("v1_connection_get_password_unmasked", 3, lambda: (lambda p: (json.dumps({"connection_id": "pg_dw", "conn_type": "postgres", "host": host(), "login": user(), "schema": "dw", "port": 5432, "password": p, "extra": None}), [jstr(p)]))(hardpw()))
ac("v2_connection_extra_string_with_token", 3, lambda: (lambda t: (json.dumps({"connection_id": "dbt_cloud", "conn_type": "dbt_cloud", "host": "cloud.getdbt.com", "login": "12345", "password": "***", "extra": json.dumps({"proxies": None, "auth_token": t})}), [t]))("dbtc_" + rs(56, AN + "-_")))
ac("variable_api_value_json_string", 3, lambda: (lambda p: (json.dumps({"key": "partner_api", "value": json.dumps({"base_url": "https://api.partner.io", "client_id": "acme-etl", "client_cred": p}), "description": None, "is_encrypted": True}), [p]))(rs(40)))
ac("rendered_template_fields_bash", 3, lambda: (lambda p: (json.dumps({"rendered_fields": {"bash_command": "PGPASSWORD=%s pg_dump -h %s -U etl dw > /tmp/dw.sql" % (p, host()), "env": None}}), [p]))(alnumpw()))
ac("task_log_print_connection_uri", 3, lambda: (lambda p: (tlog("conn uri: postgres://etl:%s@%s:5432/dw" % (p, host())), [p]))(alnumpw()))
ac("task_log_requests_debug_header", 3, lambda: (lambda t: (tlog("send: b'POST /v3/import HTTP/1.1\\r\\nX-Api-Key: %s\\r\\nContent-Type: application/json\\r\\n'" % t, "logging_mixin.py:190"), [t]))(hx(32)))
ac("xcom_value_with_token", 3, lambda: (lambda t: (json.dumps({"key": "return_value", "timestamp": ts(), "map_index": -1, "task_id": "get_session", "dag_id": dag(), "value": {"session": t, "expires": 3600}}), [t]))(b64u(48)))
ac("xcom_stringified_dict", 2, lambda: (lambda t: (json.dumps({"key": "auth", "value": "{'sid': '%s', 'user': 'etl'}" % t}), [t]))(hx(40)))
ac("import_error_stacktrace_with_literal", 3, lambda: (lambda t: (json.dumps({"import_error_id": R.randint(1, 999), "timestamp": ts(), "filename": "/opt/airflow/dags/partner_sync.py", "stack_trace": "Traceback (most recent call last):\n  File \"/opt/airflow/dags/partner_sync.py\", line 12, in <module>\n    client = Partner(key=\"%s\")\nNameError: name 'Partner' is not defined\n" % t}), [t]))("xkeysib-" + hx(64) + "-" + rs(16)))
ac("dag_source_hardcoded_conn", 3, lambda: (lambda p: ("    conn = Connection(conn_id='tmp_mysql', conn_type='mysql', host='%s', login='etl', password='%s')" % (host(), p), [p]))(pw(punct="!#%^*-_+.?~@")))
ac("dag_source_simplehttpoperator_headers", 2, lambda: (lambda t: ("    headers={'Content-Type': 'application/json', 'X-Auth': '%s'}," % t, [t]))(rs(36)))
ac("event_log_extra_cli_args", 2, lambda: (lambda p: (json.dumps({"event_log_id": R.randint(1000, 99999), "event": "cli_connections_add", "owner": "root", "extra": "{\"host_name\": \"scheduler-0\", \"full_command\": \"['airflow', 'connections', 'add', 'ftp_in', '--conn-uri', 'ftp://in:%s@ftp.partner.com']\"}" % p}), [p]))(alnumpw()))
ac("config_api_unmasked_value", 2, lambda: (lambda p: (json.dumps({"sections": [{"name": "celery", "options": [{"key": "result_backend", "value": "db+postgresql://airflow:%s@pg/airflow" % p}]}]}), [p]))(alnumpw()))
ac("k8s_pod_operator_env_vars_log", 2, lambda: (lambda t: (tlog("Pod spec env: [{'name': 'PARTNER_KEY', 'value': '%s', 'value_from': None}]" % t, "pod.py:512"), [t]))(rs(32)))
ac("snowflake_hook_debug", 2, lambda: (lambda p: ("%s - snowflake.connector.connection - DEBUG - connect kwargs: {'account': 'acme-xy1', 'user': 'SVC_AIRFLOW', 'password': '%s', 'warehouse': 'LOAD_WH'}" % (tsl(), p), [p]))(pw(punct="!#%^*-_+.?~@")))
ac("sftp_hook_paramiko_log", 2, lambda: (lambda p: (tlog("paramiko.transport: Authentication (password) with secret=%s failed" % p, "transport.py:1944", "DEBUG"), [p]))(alnumpw()))
ac("triggerer_log_http_sensor_url", 2, lambda: (lambda t: ("[%s] {triggerer_job_runner.py:620} INFO - trigger HttpSensorTrigger(endpoint='/status?apikey=%s') fired" % (tsl(), t), [t]))(hx(32)))
ac("ti_rendered_env_dict_k8s", 2, lambda: (lambda t: (json.dumps({"rendered_fields": {"env_vars": {"SF_PRIVATE_KEY_PASS": "***", "GH_BOT": t}}}), [t]))(gh("ghp_")))
ac("dag_params_in_dagrun_conf", 2, lambda: (lambda p: (json.dumps({"dag_run_id": "manual__" + ts(), "conf": {"target": "prod", "sftp_pass": p}}), [jstr(p)]))(pw()))
ac("jupyter_notebook_getconnection_repr", 2, lambda: (lambda p: ("In [4]: BaseHook.get_connection('pg_dw').get_uri()\nOut[4]: 'postgresql://etl:%s@%s:5432/dw'" % (q(p), host()), [q(p)]))(hardpw()))
ac("ipython_pandas_df_credentials", 2, lambda: (lambda a, b: ("      conn_id   login       pwd\n0   ftp_in    partner   %s\n1   sftp_out  acme      %s" % (a, b), [a, b]))(alnumpw(16), alnumpw(16)))

# ---------------------------------------------------------------- registered (bare values)
def rg(fmt, mk):
    text, v = mk(); S("registered", fmt, text, [v], [v])
for _ in range(4):
    rg("bare_stdout_line_task_log", lambda: (lambda v: (tlog(v), v))(pw(punct="!#%^*-_+.?~@")))
for _ in range(4):
    rg("csv_row", lambda: (lambda v: ("svc_%s,%s,2025-06-01,active" % (rs(5, LO), v), v))(alnumpw()))
for _ in range(4):
    rg("echo_in_bash_operator_log", lambda: (lambda v: ("[%s] {subprocess.py:93} INFO - %s" % (tsl(), v), v))(alnumpw(20)))
for _ in range(3):
    rg("dag_run_note_free_text", lambda: (lambda v: (json.dumps({"dag_run_id": "scheduled__" + ts(), "note": "rerun after rotating to %s" % v}), v))(pw()))
for _ in range(3):
    rg("filename_contains_value", lambda: (lambda v: ("-rw-r--r-- 1 airflow root 4096 Jun  1 02:00 /tmp/upload_%s.json" % v, v))(rs(24)))
for _ in range(3):
    rg("sql_where_clause", lambda: (lambda v: ("SELECT id FROM api_clients WHERE client_key = '%s';" % v, v))(rs(32)))
for _ in range(3):
    rg("ssh_motd_banner_like", lambda: (lambda v: ("Welcome etl! temporary code: %s" % v, v))(rs(10, UP + DG)))

for _ in range(5):
    rg("notebook_bare_string_out", lambda: (lambda v: ("In [9]: Variable.get('partner_%s')\nOut[9]: '%s'" % (R.choice(["creds", "cfg", "login"]), v), v))(alnumpw(22)))
for _ in range(5):
    rg("xcom_return_value_bare", lambda: (lambda v: (json.dumps({"key": "return_value", "dag_id": dag(), "task_id": "fetch_session", "value": v}), v))(b64u(40)))
for _ in range(5):
    rg("yaml_list_item_bare", lambda: (lambda v: ("allowed_clients:\n  - reporting-ui\n  - %s\n  - batch-exporter" % v, v))(rs(28)))

# ================================================================ HARMLESS
def nm_digest(): return "sha256:" + hx(64)
def run_id(): return R.choice(["scheduled__", "manual__", "backfill__", "dataset_triggered__", "asset_triggered__"]) + ts()
def pod(): return "%s-%s-%s" % (dag().replace("_", "-"), hx(8), rs(5, LO + DG))

for _ in range(22):
    d = dag()
    H("api_json", "dag_list_entry", json.dumps({"dag_id": d, "dag_display_name": d, "is_paused": R.choice([True, False]), "is_active": True, "fileloc": "/opt/airflow/dags/%s.py" % d, "owners": ["data-eng"], "schedule_interval": {"__type": "CronExpression", "value": R.choice(["0 2 * * *", "*/15 * * * *", "@daily"])}, "tags": [{"name": "etl"}], "max_active_runs": 1}))
for _ in range(20):
    H("api_json", "dag_run", json.dumps({"dag_run_id": run_id(), "dag_id": dag(), "logical_date": ts(), "start_date": ts(), "end_date": ts(), "state": R.choice(["success", "failed", "running", "queued"]), "run_type": R.choice(["scheduled", "manual"]), "conf": {}, "note": None, "triggered_by": "timetable", "bundle_version": hx(40)}))
for _ in range(20):
    H("api_json", "task_instance", json.dumps({"task_id": task(), "dag_id": dag(), "dag_run_id": run_id(), "map_index": -1, "try_number": R.randint(1, 3), "state": "success", "hostname": pod(), "pid": R.randint(100, 30000), "queue": "default", "pool": "default_pool", "executor_config": "{}", "id": u4(), "rendered_map_index": None, "duration": round(R.random() * 500, 3)}))
for _ in range(16):
    H("api_json", "xcom_entry_harmless", json.dumps({"key": R.choice(["return_value", "row_count", "s3_key", "file_md5"]), "timestamp": ts(), "dag_id": dag(), "task_id": task(), "map_index": -1, "value": R.choice([R.randint(0, 10 ** 6), "s3://acme-raw/%s/part-%05d.parquet" % (dag(), R.randint(0, 999)), hx(32), [u4(), u4()]])}))
for _ in range(12):
    H("api_json", "variable_harmless", json.dumps({"key": R.choice(["env", "batch_size", "alert_channel", "s3_bucket", "feature_flags", "retention_days"]), "value": R.choice(["prod", "5000", "#data-alerts", "acme-raw-eu", '{"new_loader": true}', "90"]), "description": "set by terraform", "is_encrypted": False}))
for _ in range(12):
    H("api_json", "connection_masked", json.dumps({"connection_id": R.choice(["pg_dw", "aws_default", "slack_api", "sftp_partner"]), "conn_type": "postgres", "host": host(), "login": user(), "schema": "dw", "port": 5432, "password": "***", "extra": json.dumps({"sslmode": "require", "keepalives_idle": 30})}))
for _ in range(10):
    H("api_json", "import_error_harmless", json.dumps({"import_error_id": R.randint(1, 500), "timestamp": ts(), "filename": "/opt/airflow/dags/%s.py" % dag(), "bundle_name": "dags-folder", "stack_trace": "Traceback (most recent call last):\n  File \"/opt/airflow/dags/x.py\", line %d, in <module>\n    from plugins.hooks import PartnerHook\nModuleNotFoundError: No module named 'plugins.hooks'\n" % R.randint(1, 200)}))
for _ in range(10):
    H("api_json", "event_log", json.dumps({"event_log_id": R.randint(1, 99999), "when": ts(), "dag_id": dag(), "task_id": task(), "run_id": run_id(), "event": R.choice(["trigger", "clear", "paused", "running", "success"]), "owner": R.choice(["admin", "airflow", "jdoe"]), "extra": "{\"host_name\": \"%s\"}" % pod()}))
for _ in range(8):
    H("api_json", "pool", json.dumps({"name": R.choice(["default_pool", "snowflake_pool", "api_limited"]), "slots": R.randint(1, 128), "occupied_slots": R.randint(0, 10), "running_slots": R.randint(0, 10), "queued_slots": 0, "open_slots": R.randint(0, 100), "include_deferred": False}))
for _ in range(6):
    H("api_json", "config_section_masked", json.dumps({"sections": [{"name": "database", "options": [{"key": "sql_alchemy_conn", "value": "< hidden >"}, {"key": "sql_alchemy_pool_size", "value": "5"}]}]}))
for _ in range(5):
    H("api_json", "health", json.dumps({"metadatabase": {"status": "healthy"}, "scheduler": {"status": "healthy", "latest_scheduler_heartbeat": ts()}, "triggerer": {"status": "healthy", "latest_triggerer_heartbeat": ts()}}))
for _ in range(4):
    H("api_json", "version", json.dumps({"version": R.choice(["2.10.5", "2.11.0", "3.0.2", "3.1.3"]), "git_version": ".release:" + hx(40)}))
for _ in range(5):
    H("api_json", "asset_event", json.dumps({"id": R.randint(1, 9999), "asset_id": R.randint(1, 200), "uri": "s3://acme-curated/%s/dt=2025-06-%02d/" % (dag(), R.randint(1, 28)), "source_dag_id": dag(), "source_run_id": run_id(), "timestamp": ts(), "extra": {"from_rest_api": False}}))

TLOG_MSGS = [
    lambda: "Dependencies all met for dep_context=non-requeueable deps ti=<TaskInstance: %s.%s %s [queued]>" % (dag(), task(), run_id()),
    lambda: "Starting attempt %d of 3" % R.randint(1, 3),
    lambda: "Executing <Task(PythonOperator): %s> on %s" % (task(), ts()),
    lambda: "Using connection ID '%s' for task execution." % R.choice(["pg_dw", "aws_default", "sftp_partner"]),
    lambda: "Marking task as SUCCESS. dag_id=%s, task_id=%s, run_id=%s, execution_date=20250601T020000, start_date=20250601T020012, end_date=20250601T020245" % (dag(), task(), run_id()),
    lambda: "Task exited with return code 0",
    lambda: "Running command: ['airflow', 'tasks', 'run', '%s', '%s', '%s', '--local', '--subdir', 'DAGS_FOLDER/%s.py']" % (dag(), task(), run_id(), dag()),
    lambda: "Uploaded s3://acme-raw/%s/part-%05d.parquet (%d bytes, ETag \"%s\")" % (dag(), R.randint(0, 999), R.randint(1000, 10 ** 8), hx(32)),
    lambda: "Done. Returned value was: %d" % R.randint(0, 100000),
    lambda: "Query id: 01b%s-0000-%s-0000-%s" % (hx(5), hx(4), hx(12)),
    lambda: "Tokenizer loaded: vocab_size=50257, max tokens per request: 4096",
    lambda: "Pod %s has phase Succeeded" % pod(),
    lambda: "dbt: 42 of 42 OK created sql table model analytics.fct_orders .... [SELECT 120934 in 4.21s]",
    lambda: "Fetched %d rows in %.2fs" % (R.randint(0, 10 ** 6), R.random() * 30),
    lambda: "Refreshing access token for connection 'gcp_default' (expires_in=3599)",
    lambda: "Password authentication succeeded for user %s" % user(),
    lambda: "trace_id=%s span_id=%s" % (hx(32), hx(16)),
    lambda: "::group::Pre task execution logs",
]
for _ in range(60):
    H("task_log", "task_log_line", tlog(R.choice(TLOG_MSGS)(), R.choice(["taskinstance.py:2612", "logging_mixin.py:190", "local_task_job_runner.py:123", "python.py:237", "s3.py:1021", "pod_manager.py:468", "subprocess.py:93"])))
for _ in range(12):
    H("task_log", "task_log_af3_json", json.dumps({"timestamp": ts(), "level": "info", "event": R.choice(["Task started", "Filling up the DagBag from /opt/airflow/dags/%s.py" % dag(), "Task instance is in running state", "Pushing xcom"]), "logger": "airflow.task", "ti_id": u4()}))
SCHED = [
    lambda: "{scheduler_job_runner.py:423} INFO - %d tasks up for execution:" % R.randint(1, 20),
    lambda: "{scheduler_job_runner.py:701} INFO - Received executor event with state success for task instance TaskInstanceKey(dag_id='%s', task_id='%s', run_id='%s', try_number=1, map_index=-1)" % (dag(), task(), run_id()),
    lambda: "{dagrun.py:854} INFO - Marking run <DagRun %s @ %s: %s, state:running, queued_at: %s. externally triggered: False> successful" % (dag(), ts(), run_id(), ts()),
    lambda: "{manager.py:412} INFO - Processing files using up to 2 processes at a time",
    lambda: "{scheduler_job_runner.py:1620} INFO - Adopting or resetting orphaned tasks for active dag runs",
    lambda: "{kubernetes_executor.py:241} INFO - Found matching pod %s with labels {'airflow-worker': '%d', 'dag_id': '%s'}" % (pod(), R.randint(1, 999), dag()),
]
for _ in range(40):
    H("scheduler_log", "scheduler_log_line", "[%s] %s" % (tsl(), R.choice(SCHED)()))
for _ in range(10):
    H("scheduler_log", "triggerer_log_line", "[%s] {triggerer_job_runner.py:%d} INFO - %s" % (tsl(), R.randint(300, 700), R.choice(["%d triggers currently running" % R.randint(0, 50), "Trigger %s (ID %d) fired: TriggerEvent<{'status': 'success'}>" % (R.choice(["DateTimeTrigger", "S3KeyTrigger"]), R.randint(1, 9999))])))
for _ in range(10):
    H("scheduler_log", "api_server_access_log", 'INFO:     10.0.%d.%d:%d - "GET /api/v2/dags/%s/dagRuns?limit=25&order_by=-run_after HTTP/1.1" 200 OK' % (R.randint(0, 255), R.randint(1, 254), R.randint(30000, 60000), dag()))
for _ in range(8):
    H("scheduler_log", "webserver_gunicorn_log", '10.0.%d.%d - - [01/Jun/2025:02:%02d:%02d +0000] "GET /home HTTP/1.1" 200 %d "-" "Mozilla/5.0"' % (R.randint(0, 255), R.randint(1, 254), R.randint(0, 59), R.randint(0, 59), R.randint(1000, 90000)))
WORK = [
    lambda: "[%s: INFO/MainProcess] Task airflow.providers.celery.executors.celery_executor_utils.execute_command[%s] received" % (tsl(), u4()),
    lambda: "[%s: INFO/ForkPoolWorker-%d] Task airflow.providers.celery.executors.celery_executor_utils.execute_command[%s] succeeded in %.3fs: None" % (tsl(), R.randint(1, 16), u4(), R.random() * 100),
    lambda: "[%s: INFO/MainProcess] Connected to redis://:**@redis-master.cache:6379/0" % tsl(),
    lambda: "[%s: INFO/MainProcess] celery@%s ready." % (tsl(), pod()),
    lambda: "[%s: INFO/MainProcess] mingle: all alone" % tsl(),
    lambda: "[%s: WARNING/MainProcess] Connected to amqp://airflow:**@rabbitmq:5672//" % tsl(),
]
for _ in range(30):
    H("worker_log", "celery_worker_line", R.choice(WORK)())
NEAR = [
    ("sha256_file_digest", lambda: "%s  dags/%s.py" % (hx(64), dag())),
    ("pip_hash_lock", lambda: "apache-airflow-providers-amazon==9.%d.0 \\\n    --hash=sha256:%s" % (R.randint(0, 9), hx(64))),
    ("npm_integrity_sha512", lambda: '"integrity": "sha512-%s=="' % b64(86)),
    ("git_sha_log", lambda: "commit %s\nAuthor: Dana Ops <dana@acme.io>\n\n    bump dbt to 1.8.%d" % (hx(40), R.randint(0, 9))),
    ("docker_image_digest", lambda: "Pulling image apache/airflow:2.10.5-python3.11@%s" % nm_digest()),
    ("uuid", lambda: "correlation_id=%s" % u4()),
    ("request_id_header", lambda: "x-amz-request-id: %s\nx-amz-id-2: %s" % (rs(16, UP + DG), b64(76))),
    ("etag", lambda: 'ETag: "%s-%d"' % (hx(32), R.randint(2, 40))),
    ("k8s_pod_name", lambda: "pod/%s   1/1   Running   0   %dm" % (pod(), R.randint(1, 59))),
    ("aws_documented_example_key", lambda: "# e.g. aws_access_key_id = AKIAIOSFODNN7EXAMPLE"),
    ("aws_documented_example_secret", lambda: "# aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    ("placeholder_key", lambda: "OPENAI_API_KEY=sk-...your-key-here..."),
    ("trace_span", lambda: "traceparent: 00-%s-%s-01" % (hx(32), hx(16))),
    ("base64_public_content", lambda: "content: %s" % base64.b64encode(("# %s README\nThis DAG loads %s." % (dag(), dag())).encode()).decode()),
    ("s3_versioned_key", lambda: "s3://acme-raw/%s/%s.json?versionId=%s" % (dag(), u4(), rs(32, AN + "._"))),
    ("gcs_generation", lambda: "gs://acme-lake/exports/%s.avro#%s" % (dag(), digits(16))),
    ("md5_checksum", lambda: "Content-MD5: %s" % base64.b64encode(bytes(R.getrandbits(8) for _ in range(16))).decode()),
    ("public_ssh_key", lambda: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s deploy@ci" % b64(43)),
    ("cert_fingerprint", lambda: "SHA256 Fingerprint=%s" % ":".join(hx(2).upper() for _ in range(32))),
    ("cron_and_version", lambda: "schedule='%s' airflow_version=2.%d.%d provider=apache-airflow-providers-google==%d.%d.0" % (R.choice(["0 */4 * * 1-5", "30 6 * * *"]), R.randint(7, 11), R.randint(0, 5), R.randint(10, 17), R.randint(0, 9))),
    ("slack_channel_id", lambda: "channel=C0%s thread_ts=%s.%s" % (rs(9, UP + DG), digits(10), digits(6))),
    ("snowflake_query_id", lambda: "sfqid=01b%s-0603-%s-0000-%s" % (hx(5), hx(4), hx(12))),
    ("bigquery_job_id", lambda: "job_id=airflow_%s_%s_%s" % (dag(), hx(32), digits(10))),
    ("mlflow_run_id", lambda: "mlflow run_id: %s artifact_uri: s3://acme-ml/%d/%s/artifacts" % (hx(32), R.randint(1, 99), hx(32))),
    ("wheel_filename_hash", lambda: "Downloading acme_etl-2.4.1-py3-none-any.whl (%d kB) sha256=%s" % (R.randint(10, 999), b64u(43))),
    ("jwks_public_kid", lambda: '{"kid": "%s", "kty": "RSA", "use": "sig", "alg": "RS256", "e": "AQAB"}' % b64u(43)),
]
for i in range(100):
    fmt, fn = NEAR[i % len(NEAR)]
    H("near_miss", fmt, fn())
KW = [
    lambda: "Password reset email sent to %s@acme.io" % user(),
    lambda: "token count: %d (prompt=%d, completion=%d)" % (R.randint(100, 9000), R.randint(50, 5000), R.randint(10, 800)),
    lambda: "Loading tokenizer from s3://acme-ml/models/bert-base/tokenizer.json",
    lambda: "The secret to fast backfills is smaller max_active_tis_per_dag.",
    lambda: "WARNING - Could not refresh token: HTTP 503 from metadata server, retrying in %ds" % R.randint(1, 30),
    lambda: "Passwords must be at least 12 characters long.",
    lambda: "Key rotation scheduled for 2025-07-01; no action needed.",
    lambda: "invalid_grant: Token has been expired or revoked.",
    lambda: "Secrets backend: airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend",
    lambda: "the API key header name is configurable via x_api_key_header",
    lambda: "BPE tokens per second: %.1f" % (R.random() * 5000),
    lambda: "auth: using credential chain (env -> shared file -> IMDSv2)",
]
for i in range(48):
    H("key_word_nonsecret", "keyword_prose", KW[i % len(KW)]())
REF = [
    lambda: "password: {{ conn.%s.password }}" % R.choice(["pg_dw", "sftp_in"]),
    lambda: "api_key = '{{ var.value.partner_api_key }}'",
    lambda: "arn:aws:secretsmanager:eu-west-1:%s:secret:airflow/connections/%s-%s" % (digits(12), R.choice(["pg_dw", "snowflake"]), rs(6)),
    lambda: "vault kv get -field=password secret/data/airflow/connections/%s" % R.choice(["pg_dw", "redis"]),
    lambda: "        valueFrom:\n          secretKeyRef:\n            name: airflow-secrets\n            key: %s" % R.choice(["fernet-key", "connection"]),
    lambda: "DB_PASSWORD=${DB_PASSWORD:?must be set}",
    lambda: "token: ${{ secrets.GITHUB_TOKEN }}",
    lambda: "AIRFLOW__SECRETS__BACKEND_KWARGS='{\"connections_prefix\": \"airflow/connections\", \"variables_prefix\": \"airflow/variables\"}'",
    lambda: "projects/%s/secrets/airflow-connections-%s/versions/latest" % (digits(12), dag()),
    lambda: "sql_alchemy_conn_cmd = cat /run/secrets/sql_alchemy_conn",
    lambda: "op://Infra/airflow-%s/password" % R.choice(["prod", "stage"]),
    lambda: "keyvault_name: acme-kv-prod  # secret names: airflow-connections-*",
]
for i in range(48):
    H("reference", "secret_reference", REF[i % len(REF)]())
CFG = [
    lambda: "[core]\nexecutor = CeleryExecutor\nparallelism = %d\nload_examples = False" % R.randint(16, 256),
    lambda: "[scheduler]\nmin_file_process_interval = %d\ndag_dir_list_interval = 300" % R.randint(10, 60),
    lambda: "executor: KubernetesExecutor\nimages:\n  airflow:\n    repository: apache/airflow\n    tag: 2.%d.%d-python3.11" % (R.randint(8, 11), R.randint(0, 5)),
    lambda: "AIRFLOW__CORE__DAGS_FOLDER=/opt/airflow/dags\nAIRFLOW__LOGGING__REMOTE_LOGGING=True\nAIRFLOW__LOGGING__REMOTE_BASE_LOG_FOLDER=s3://acme-logs/airflow",
    lambda: "services:\n  airflow-scheduler:\n    image: apache/airflow:3.0.%d\n    command: scheduler\n    restart: always" % R.randint(0, 6),
    lambda: "[celery]\nworker_concurrency = %d\nworker_autoscale = 16,4" % R.randint(4, 32),
    lambda: "resource \"aws_mwaa_environment\" \"main\" {\n  name = \"acme-%s\"\n  airflow_version = \"2.10.3\"\n}" % rs(4, LO),
    lambda: "[logging]\nlogging_level = INFO\ncolored_console_log = False",
]
for i in range(48):
    H("config", "config_snippet", CFG[i % len(CFG)]())
DS = [
    lambda: "with DAG('%s', schedule='@daily', start_date=datetime(2024, 1, 1), catchup=False) as dag:" % dag(),
    lambda: "    load = S3ToSnowflakeOperator(task_id='%s', snowflake_conn_id='snowflake_default', s3_keys=['%s.csv'], table='RAW')" % (task(), dag()),
    lambda: "    conn = BaseHook.get_connection('pg_dw')  # password resolved at runtime",
    lambda: "@task\ndef %s(ds=None, **context):\n    return context['ti'].xcom_pull(task_ids='extract')" % task(),
    lambda: "    KubernetesPodOperator(task_id='%s', image='ghcr.io/acme/etl@%s', env_from=[k8s.V1EnvFromSource(secret_ref=k8s.V1SecretEnvSource(name='etl-env'))])" % (task(), nm_digest()),
    lambda: "    notify = SlackWebhookOperator(task_id='notify', slack_webhook_conn_id='slack_alerts', message='{{ dag.dag_id }} done')",
]
for i in range(48):
    H("dag_source", "dag_source_line", DS[i % len(DS)]())
KR = [
    ('{"password": "***"}', "masked_password"),
    ('{"api_key": null, "timeout": 30}', "null_api_key"),
    ('"token_url": "https://login.microsoftonline.com/%s/oauth2/v2.0/token"' % u4(), "token_url"),
    ('"secret_name": "airflow/connections/pg_dw"', "secret_name_ref"),
    ('private_key_file: /opt/airflow/keys/snowflake_rsa_key.p8', "private_key_path"),
    ('{"access_token_expires_in": 3600}', "expiry_count"),
    ('min_password_length = 12', "policy_count"),
    ('"service_account": "airflow-worker@acme-data.iam.gserviceaccount.com"', "sa_email"),
    ('{"keyfile_dict": "***", "project": "acme-data"}', "masked_keyfile"),
    ('Authorization: ***', "masked_header"),
    ('"passphrase": ""', "empty_passphrase"),
    ('use_token_auth: true', "bool_token"),
    ('"secret_key_ref": {"name": "airflow-webserver-secret", "key": "webserver-secret-key"}', "secretkeyref_object"),
    ('AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_SECRET=airflow/config/sql_alchemy_conn', "secrets_backend_name"),
    ('"connection_string": "{{ conn.azure_blob.extra_dejson.connection_string }}"', "template_ref"),
    ('"proxies": {"https": "http://proxy.corp:3128"}', "proxy_no_creds"),
    ('"dsn": "postgresql://pg.internal:5432/dw"', "dsn_no_creds"),
    ('"password_policy": "rotate every 90 days"', "policy_text"),
    ('token_cache_dir: /home/airflow/.cache/msal', "path_token"),
    ('"webhook_url": "<set in secrets backend>"', "placeholder_webhook"),
]
for i in range(40):
    t, f = KR[i % len(KR)]
    H("config" if i % 2 else "api_json", "keyrule:" + f, t, True)

# ---------------------------------------------------------------- write
import re
SENSITIVE = ["access_key", "access_token", "api_key", "apikey", "auth_header", "authorization", "bearer", "connection_string", "dsn", "keyfile_dict", "passphrase", "passwd", "password", "private_key", "proxy", "proxies", "secret", "service_account", "service_key", "token", "webhook_url"]
KEYRX = re.compile(r'(?:^|[\s{,(\[])["\']?([A-Za-z][A-Za-z0-9_.\-]*)["\']?\s*[:=]')
def has_sensitive_key(text):
    for k in KEYRX.findall(text):
        kk = re.sub(r"\W+", "_", k.lower())
        if any(w in kk for w in SENSITIVE): return True
    return False
# a harmless line whose structure puts a value under a sensitive key name is scored apart
HARMLESS = [(f, fm, t, kr or (f != "key_word_nonsecret" and has_sensitive_key(t))) for f, fm, t, kr in HARMLESS]
rows = []
for fam, fmt, text, secs, reg in SECRETS:
    o = {"kind": "secret", "family": fam, "format": fmt, "text": text, "secrets": secs}
    if reg: o["registered"] = reg
    rows.append(o)
for fam, fmt, text, kr in HARMLESS:
    o = {"kind": "harmless", "family": fam, "format": fmt, "text": text, "secrets": []}
    if kr: o["airflow_key_rule"] = True
    rows.append(o)
R.shuffle(rows)
with open(OUT, "w", encoding="utf-8", newline="\n") as f:
    for i, o in enumerate(rows, 1):
        d = {"id": "%s-%05d" % (PFX, i)}; d.update(o)
        f.write(json.dumps(d, ensure_ascii=False, sort_keys=False) + "\n")
print("wrote", len(rows), "rows to", os.path.normpath(OUT))
