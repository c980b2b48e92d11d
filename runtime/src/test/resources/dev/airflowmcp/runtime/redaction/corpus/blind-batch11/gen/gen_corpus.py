#!/usr/bin/env python3
"""Blind evaluation corpus generator, batch 11 (prefix B11, seed 1111).
Stdlib only. Every credential-like value is produced by the seeded PRNG; none is real."""
import base64, binascii, hashlib, json, os, random, string, sys, urllib.parse, zlib

SEED = 1111
PFX = "B11"
R = random.Random(SEED)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus.jsonl")

UP = string.ascii_uppercase; LO = string.ascii_lowercase; DIG = string.digits
ALNUM = UP + LO + DIG; B64 = ALNUM + "+/"; B64U = ALNUM + "-_"; HEX = "0123456789abcdef"
B32 = UP + "234567"; PUN = "!#$%&*+-.:;=?@^_~()[]{}<>,|/"

def rs(n, a=ALNUM): return "".join(R.choice(a) for _ in range(n))
def hx(n): return rs(n, HEX)
def pick(x): return R.choice(x)
def pw(n=None):
    n = n or R.randint(12, 24)
    while True:
        s = rs(n, ALNUM + PUN)
        if any(c in PUN for c in s) and any(c in DIG for c in s) and s[0] not in "-#": return s
def pwa(n=None): return rs(n or R.randint(14, 22), ALNUM)
def uid():
    h = "%032x" % R.getrandbits(128); h = h[:12] + "4" + h[13:16] + pick("89ab") + h[17:]
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])
def b64(s): return base64.b64encode(s.encode() if isinstance(s, str) else s).decode()
def b64u(b): return base64.urlsafe_b64encode(b).decode().rstrip("=")
def rb(n): return bytes(R.getrandbits(8) for _ in range(n))
def q(s): return urllib.parse.quote(s, safe="")
def jesc(s): return json.dumps(s)[1:-1]
B62 = DIG + UP + LO
def base62(n, w):
    o = ""
    while n: n, r = divmod(n, 62); o = B62[r] + o
    return o.rjust(w, "0")
def gh(prefix):
    body = rs(30); return prefix + body + base62(zlib.crc32(body.encode()) & 0xffffffff, 6)

def dt():
    return (2025, R.randint(1, 12), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59), R.randint(0, 999999))
def ts2(d=None):
    y, m, dd, H, M, S, us = d or dt(); return "%04d-%02d-%02dT%02d:%02d:%02d.%03d+0000" % (y, m, dd, H, M, S, us // 1000)
def ts2o(d=None):
    y, m, dd, H, M, S, us = d or dt(); return "%04d-%02d-%02d, %02d:%02d:%02d UTC" % (y, m, dd, H, M, S)
def ts3(d=None):
    y, m, dd, H, M, S, us = d or dt(); return "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (y, m, dd, H, M, S, us)
def tsc(d=None):
    y, m, dd, H, M, S, us = d or dt(); return "%04d-%02d-%02d %02d:%02d:%02d,%03d" % (y, m, dd, H, M, S, us // 1000)
def tsiso(d=None):
    y, m, dd, H, M, S, us = d or dt(); return "%04d-%02d-%02dT%02d:%02d:%02d.%06d+00:00" % (y, m, dd, H, M, S, us)
def day(): y, m, dd, *_ = dt(); return "%04d-%02d-%02d" % (y, m, dd)

DAGS = ["etl_orders_daily", "sync_salesforce_accounts", "dbt_run_marts", "s3_to_snowflake_events", "ml_feature_refresh",
        "export_finance_ledger", "ingest_stripe_payouts", "gcs_to_bigquery_clickstream", "refresh_looker_pdt",
        "kafka_offsets_audit", "backup_postgres_nightly", "partner_sftp_pull", "hubspot_contacts_sync", "airbyte_trigger_sync",
        "spark_sessionize", "notify_oncall_failures", "emr_cluster_weekly", "redshift_vacuum", "api_ingest_weather", "reverse_etl_braze"]
TASKS = ["extract", "load", "transform", "run_query", "upload_file", "notify_slack", "dbt_build", "check_freshness",
         "submit_spark_job", "create_cluster", "wait_for_file", "push_metrics", "call_api", "sync_table", "cleanup_tmp"]
HOSTS = ["prod-pg.cluster-c8x2kq1mz3ab.eu-west-1.rds.amazonaws.com", "10.42.7.19", "mysql-primary.data.svc.cluster.local",
         "analytics-db.internal.acme.io", "mssql01.corp.acme.local", "redis-master.airflow.svc.cluster.local",
         "mongo-0.mongo.db.svc:27017", "orders-replica.cx1t9b.us-east-1.rds.amazonaws.com"]
USERS = ["airflow", "etl_user", "svc_airflow", "loader", "dbt_prod", "reporting_ro", "app_rw", "data_eng"]
CONNS = ["postgres_default", "pg_warehouse", "mysql_orders", "snowflake_prod", "aws_default", "google_cloud_default",
         "slack_alerts", "http_partner_api", "mssql_erp", "redis_cache", "sftp_partner", "databricks_default", "smtp_default"]
WORKERS = ["airflow-worker-0", "airflow-worker-1", "airflow-worker-2"]

def podname(base="airflow-worker"):
    return "%s-%s-%s" % (base, rs(10, LO[:6] + DIG), rs(5, "bcdfghjklmnpqrstvwxz2456789"))
def runid(): return pick(["scheduled__", "manual__"]) + tsiso()
def tloc(): return pick(["{base.py:84}", "{taskinstance.py:2614}", "{logging_mixin.py:190}", "{subprocess.py:93}",
                         "{sql.py:511}", "{http.py:178}", "{standard_task_runner.py:72}", "{python.py:240}"])
def a2(msg, lvl="INFO", loc=None): return "[%s] %s %s - %s" % (ts2(), loc or tloc(), lvl, msg)
def a3(event, logger="airflow.task", level="info", **kw):
    d = {"timestamp": ts3(), "level": level, "event": event, "logger": logger}; d.update(kw)
    return json.dumps(d)
def a3txt(msg, src="task.stdout", lvl="INFO"):
    y, m, dd, H, M, S, us = dt(); return "[%04d-%02d-%02d, %02d:%02d:%02d] %s - %s source=\"%s\"" % (y, m, dd, H, M, S, lvl, msg, src)

LINES = []  # (kind, family, format, text, secrets, registered, keyrule)
def add_secret(family, fmt, text, secrets, registered=None):
    LINES.append(("secret", family, fmt, text, list(secrets), registered, False))
def add_harmless(family, fmt, text, keyrule=False):
    LINES.append(("harmless", family, fmt, text, [], None, keyrule))

# ---------------------------------------------------------------------------------------------
# VENDOR TOKENS: (name, token_fn, templates). templates use <<t>> and optional <<t2>>.
def fill(tpl, **kw):
    for k, v in kw.items(): tpl = tpl.replace("<<%s>>" % k, v)
    return tpl

def vctx():
    return dict(dag=pick(DAGS), task=pick(TASKS), uuid=uid(), run=runid(), conn=pick(CONNS))

VENDORS = [
 ("aws_access_key_pair", lambda: ("AKIA" + rs(16, B32), rs(40, B64)), [
   "export AWS_ACCESS_KEY_ID=<<t>>\nexport AWS_SECRET_ACCESS_KEY=<<t2>>\nexport AWS_DEFAULT_REGION=eu-west-1",
   "[default]\naws_access_key_id = <<t>>\naws_secret_access_key = <<t2>>\nregion = us-east-1",
   '{"connection_id": "aws_default", "conn_type": "aws", "login": "<<t>>", "password": "<<t2>>", "extra": "{\\"region_name\\": \\"eu-central-1\\"}"}',
   "      - name: AWS_ACCESS_KEY_ID\n        value: <<t>>\n      - name: AWS_SECRET_ACCESS_KEY\n        value: <<t2>>"]),
 ("aws_sts_session", lambda: ("ASIA" + rs(16, B32), rs(40, B64), "IQoJb3JpZ2luX2VjE" + rs(R.randint(300, 380), B64) + "=="), [
   "{\n    \"Credentials\": {\n        \"AccessKeyId\": \"<<t>>\",\n        \"SecretAccessKey\": \"<<t2>>\",\n        \"SessionToken\": \"<<t3>>\",\n        \"Expiration\": \"2025-09-14T11:02:44+00:00\"\n    },\n    \"AssumedRoleUser\": {\"Arn\": \"arn:aws:sts::381492650127:assumed-role/airflow-task-role/botocore-session-1726\"}\n}",
   "[<<ts2>>] {credentials.py:1075} DEBUG - Retrieved credentials from AssumeRole: {'access_key': '<<t>>', 'secret_key': '<<t2>>', 'token': '<<t3>>'}"]),
 ("github_pat_classic", lambda: gh("ghp_"), [
   "[<<ts2>>] {subprocess.py:93} INFO - fatal: could not read from 'https://x-access-token:<<t>>@github.com/acme-data/dbt-models.git/'",
   "GITHUB_TOKEN=<<t>>", 'git-sync:\n  enabled: true\n  repo: https://github.com/acme-data/airflow-dags.git\n  credentialsSecret: git-credentials\n  # temp for debugging\n  password: "<<t>>"',
   "[<<ts2>>] {http.py:178} DEBUG - Sending 'GET' to url: https://api.github.com/repos/acme-data/etl/actions/runs headers={'Authorization': 'token <<t>>', 'Accept': 'application/vnd.github+json'}"]),
 ("github_fine_grained_pat", lambda: "github_pat_11" + rs(20, UP + DIG) + "_" + rs(59), [
   "ENV GH_PAT=<<t>>", '{"key": "github_deploy", "value": "<<t>>", "description": "used by sync_repo task"}',
   "+ curl -sS -H 'Authorization: Bearer <<t>>' https://api.github.com/repos/acme-data/airflow-dags/dispatches"]),
 ("github_app_installation", lambda: gh("ghs_"), ["[<<ts2>>] {logging_mixin.py:190} INFO - installation token: <<t>> expires_at=2025-07-01T12:00:00Z",
   '{"token": "<<t>>", "expires_at": "2025-11-02T09:14:51Z", "permissions": {"contents": "read", "metadata": "read"}, "repository_selection": "selected"}']),
 ("github_oauth", lambda: gh("gho_"), ["Authorization: token <<t>>", "{\"access_token\":\"<<t>>\",\"token_type\":\"bearer\",\"scope\":\"repo,read:org\"}"]),
 ("gitlab_pat", lambda: "glpat-" + rs(20, B64U), [
   "git clone https://oauth2:<<t>>@gitlab.acme.io/data/dags.git /opt/airflow/dags/repo",
   "[<<ts2>>] {http.py:178} INFO - Calling HTTP method GET https://gitlab.acme.io/api/v4/projects/412/pipelines?private_token=<<t>>",
   "PRIVATE-TOKEN: <<t>>"]),
 ("gitlab_runner_token", lambda: "glrt-" + rs(20, B64U), ["[[runners]]\n  name = \"airflow-ci\"\n  url = \"https://gitlab.acme.io/\"\n  token = \"<<t>>\"\n  executor = \"kubernetes\"",
   "gitlab-runner register --non-interactive --url https://gitlab.acme.io --token <<t>> --executor docker"]),
 ("slack_bot_token", lambda: "xoxb-%d-%d-%s" % (R.randint(10**10, 10**12), R.randint(10**12, 10**13), rs(24)), [
   '{"connection_id": "slack_api_default", "conn_type": "slack", "password": "<<t>>", "extra": "{\\"timeout\\": 30}"}',
   "SLACK_BOT_TOKEN=<<t>>", "[<<ts2>>] {base.py:84} INFO - Using connection ID 'slack_api_default' for task execution.\n[<<ts2>>] {slack.py:117} DEBUG - WebClient init token=<<t>> base_url=https://slack.com/api/"]),
 ("slack_user_token", lambda: "xoxp-%d-%d-%d-%s" % (R.randint(10**10, 10**12), R.randint(10**10, 10**12), R.randint(10**12, 10**13), hx(32)), [
   "slack_token: <<t>>", "curl -X POST -H 'Authorization: Bearer <<t>>' -H 'Content-type: application/json' https://slack.com/api/chat.postMessage"]),
 ("slack_app_token", lambda: "xapp-1-A0%s-%d-%s" % (rs(9, UP + DIG), R.randint(10**12, 10**13), hx(64)), ["SLACK_APP_TOKEN=\"<<t>>\"", "socket_mode:\n  app_token: <<t>>"]),
 ("google_api_key", lambda: "AIza" + rs(35, B64U), [
   "[<<ts2>>] {http.py:178} INFO - Sending 'GET' to url: https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key=<<t>>",
   '{"conn_type": "http", "host": "https://www.googleapis.com", "extra": {"key": "<<t>>"}}',
   "requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://youtube.googleapis.com/youtube/v3/channels?part=statistics&id=UC_x5XG1OV2P6uZZ5FSM9Ttw&key=<<t>>"]),
 ("gcp_oauth_access_token", lambda: "ya29.a0" + rs(R.randint(150, 200), B64U), [
   "[<<ts2>>] {credentials_provider.py:353} DEBUG - Got access token: <<t>>",
   "Authorization: Bearer <<t>>", '{"access_token": "<<t>>", "expires_in": 3599, "token_type": "Bearer"}']),
 ("gcp_refresh_token", lambda: "1//0" + rs(R.randint(95, 105), B64U), [
   '{\n  "client_id": "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com",\n  "client_secret": "d-FL95Q19q7MQmFpd7hHD0Ty",\n  "refresh_token": "<<t>>",\n  "type": "authorized_user"\n}',
   "GOOGLE_ADS_REFRESH_TOKEN=<<t>>"]),
 ("stripe_live_secret", lambda: "sk_live_51" + rs(R.choice([24, 97]), ALNUM), [
   "stripe.api_key = \"<<t>>\"", "[<<ts2>>] {http.py:178} DEBUG - Request headers: {'Authorization': 'Bearer <<t>>', 'Stripe-Version': '2024-06-20'}",
   '{"key": "stripe_api_key_live", "value": "<<t>>"}']),
 ("stripe_restricted", lambda: "rk_live_51" + rs(97, ALNUM), ["STRIPE_RESTRICTED_KEY=<<t>>", "Variable.set(\"stripe_rk\", \"<<t>>\")"]),
 ("stripe_webhook_secret", lambda: "whsec_" + rs(32), ["STRIPE_WEBHOOK_SECRET=<<t>>", "endpoint_secret = '<<t>>'"]),
 ("sendgrid", lambda: "SG." + rs(22, B64U) + "." + rs(43, B64U), [
   '{"connection_id": "sendgrid_default", "conn_type": "email", "password": "<<t>>", "host": "smtp.sendgrid.net", "login": "apikey", "port": 587}',
   "AIRFLOW__SMTP__SMTP_PASSWORD=<<t>>", "[smtp]\nsmtp_host = smtp.sendgrid.net\nsmtp_user = apikey\nsmtp_password = <<t>>\nsmtp_port = 587"]),
 ("twilio_auth_token", lambda: ("AC" + hx(32), hx(32)), ["TWILIO_ACCOUNT_SID=<<t>>\nTWILIO_AUTH_TOKEN=<<t2>>",
   "client = Client(\"<<t>>\", \"<<t2>>\")"]),
 ("twilio_api_key", lambda: ("SK" + hx(32), rs(32)), ["twilio:\n  api_key_sid: <<t>>\n  api_key_secret: <<t2>>"]),
 ("mailgun", lambda: "key-" + hx(32), ["curl -s --user 'api:<<t>>' https://api.mailgun.net/v3/mg.acme.io/messages -F from='Airflow <airflow@mg.acme.io>'",
   "MAILGUN_API_KEY=<<t>>"]),
 ("openai_project_key", lambda: "sk-proj-" + rs(74, B64U) + "T3BlbkFJ" + rs(74, B64U), [
   "OPENAI_API_KEY=<<t>>", '{"conn_type": "openai", "password": "<<t>>", "extra": {"openai_client_kwargs": {"organization": "org-4f0c1a2b"}}}',
   "openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: <<t>>. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error'}}"]),
 ("openai_legacy_key", lambda: "sk-" + rs(20) + "T3BlbkFJ" + rs(20), ["export OPENAI_API_KEY='<<t>>'", "llm_api_key: <<t>>"]),
 ("anthropic_api_key", lambda: "sk-ant-api03-" + rs(93, B64U) + "AA", ["ANTHROPIC_API_KEY=<<t>>",
   "[<<ts2>>] {_base_client.py:446} DEBUG - Request options: {'method': 'post', 'url': '/v1/messages', 'headers': {'X-Api-Key': '<<t>>'}}"]),
 ("huggingface", lambda: "hf_" + rs(34, UP + LO), ["HF_TOKEN=<<t>>", "huggingface-cli login --token <<t>> --add-to-git-credential",
   "Authorization: Bearer <<t>>"]),
 ("npm_token", lambda: gh("npm_"), ["//registry.npmjs.org/:_authToken=<<t>>", "NPM_TOKEN=<<t>> npm publish --access public"]),
 ("pypi_token", lambda: "pypi-AgEIcHlwaS5vcmcCJG" + rs(R.randint(140, 170), B64U), [
   "[pypi]\n  username = __token__\n  password = <<t>>", "twine upload -u __token__ -p <<t>> dist/*",
   "UV_PUBLISH_TOKEN=<<t>>"]),
 ("dockerhub_pat", lambda: "dckr_pat_" + rs(27, B64U), ["echo <<t>> | docker login -u acmedata --password-stdin",
   "DOCKERHUB_TOKEN: <<t>>"]),
 ("databricks_pat", lambda: "dapi" + hx(32) + pick(["", "-2", "-3"]), [
   '{"connection_id": "databricks_default", "conn_type": "databricks", "host": "adb-3847261950384721.1.azuredatabricks.net", "password": "<<t>>"}',
   "[<<ts2>>] {databricks_base.py:566} DEBUG - Using token auth. headers={'Authorization': 'Bearer <<t>>', 'User-Agent': 'airflow-6.2.0'}",
   "export DATABRICKS_TOKEN=<<t>>", 'AIRFLOW_CONN_DATABRICKS_DEFAULT=\'{"conn_type": "databricks", "host": "https://dbc-7a1b2c3d-4e5f.cloud.databricks.com", "extra": {"token": "<<t>>"}}\'']),
 ("azure_storage_account_key", lambda: b64(rb(64)), [
   "DefaultEndpointsProtocol=https;AccountName=acmedatalake;AccountKey=<<t>>;EndpointSuffix=core.windows.net",
   '{"conn_type": "wasb", "login": "acmedatalake", "password": "<<t>>"}',
   "az storage blob upload --account-name acmedatalake --account-key <<t>> -c raw -f /tmp/export.parquet -n 2025/export.parquet"]),
 ("azure_sas_signature", lambda: q(b64(rb(32))), [
   "[<<ts2>>] {wasb.py:212} INFO - Uploading to https://acmedatalake.blob.core.windows.net/raw/events.json?sv=2022-11-02&ss=b&srt=co&sp=rwdlacx&se=2025-12-31T23:59:59Z&st=2025-01-01T00:00:00Z&spr=https&sig=<<t>>",
   "sas_token: \"?sv=2023-01-03&st=2025-03-01T10%3A00%3A00Z&se=2026-03-01T10%3A00%3A00Z&sr=c&sp=racwl&sig=<<t>>\""]),
 ("azure_client_secret", lambda: rs(3) + "8Q~" + rs(31, ALNUM + "~._-"), [
   '{"conn_type": "azure_data_factory", "login": "6c2f1e4d-1a7b-4a2e-9c1d-0b3e8f7a6d5c", "password": "<<t>>", "extra": {"tenantId": "3f8e2c1a-7b6d-4e5f-8a9b-0c1d2e3f4a5b", "subscriptionId": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"}}',
   "AZURE_CLIENT_SECRET=<<t>>", "az login --service-principal -u 6c2f1e4d-1a7b-4a2e-9c1d-0b3e8f7a6d5c -p '<<t>>' --tenant acme.onmicrosoft.com"]),
 ("datadog_api_key", lambda: hx(32), ["DD_API_KEY=<<t>>", '{"conn_type": "datadog", "extra": {"api_key": "<<t>>", "app_key": "<<t2x>>", "api_host": "https://api.datadoghq.eu"}}'.replace("<<t2x>>", hx(40))]),
 ("datadog_app_key", lambda: hx(40), ["DD_APP_KEY=<<t>>", "  datadog:\n    appKey: <<t>>"]),
 ("newrelic_user_key", lambda: "NRAK-" + rs(27, UP + DIG), ["NEW_RELIC_API_KEY=<<t>>", "curl -X POST https://api.newrelic.com/graphql -H 'API-Key: <<t>>' -d @query.json"]),
 ("newrelic_license", lambda: hx(36) + "NRAL", ["NEW_RELIC_LICENSE_KEY=<<t>>", "license_key: <<t>>"]),
 ("sentry_dsn", lambda: hx(32), ["[sentry]\nsentry_on = True\nsentry_dsn = https://<<t>>@o482913.ingest.sentry.io/5873214",
   "AIRFLOW__SENTRY__SENTRY_DSN=https://<<t>>@o117263.ingest.us.sentry.io/4506971"]),
 ("sentry_auth_token", lambda: "sntryu_" + hx(64), ["SENTRY_AUTH_TOKEN=<<t>>", "sentry-cli --auth-token <<t>> releases new airflow-dags@2025.09.1"]),
 ("shopify_admin", lambda: "shpat_" + hx(32), ["X-Shopify-Access-Token: <<t>>", '{"shop": "acme-store.myshopify.com", "access_token": "<<t>>"}']),
 ("atlassian_api_token", lambda: "ATATT3xFfGF0" + rs(170, B64U) + "=" + hx(8).upper(), [
   "JIRA_API_TOKEN=<<t>>", '{"conn_type": "jira", "host": "acme.atlassian.net", "login": "airflow-bot@acme.io", "password": "<<t>>"}']),
 ("linear_api_key", lambda: "lin_api_" + rs(40), ["LINEAR_API_KEY=<<t>>", "headers = {\"Authorization\": \"<<t>>\"}"]),
 ("notion_token", lambda: "ntn_" + rs(11, DIG) + rs(35), ["NOTION_TOKEN=<<t>>", "notion = Client(auth=\"<<t>>\")"]),
 ("digitalocean_pat", lambda: "dop_v1_" + hx(64), ["DIGITALOCEAN_ACCESS_TOKEN=<<t>>", "doctl auth init -t <<t>>"]),
 ("hashicorp_vault_token", lambda: "hvs." + rs(R.choice([24, 91]), B64U), [
   "VAULT_TOKEN=<<t>>", 'AIRFLOW__SECRETS__BACKEND_KWARGS=\'{"connections_path": "connections", "url": "https://vault.acme.io:8200", "auth_type": "token", "token": "<<t>>"}\'',
   "$ vault login <<t>>"]),
 ("terraform_cloud", lambda: rs(14) + ".atlasv1." + rs(67), ["credentials \"app.terraform.io\" {\n  token = \"<<t>>\"\n}", "TF_API_TOKEN=<<t>>"]),
 ("doppler_service_token", lambda: "dp.st.prd." + rs(40), ["DOPPLER_TOKEN=<<t>>", "doppler run --token <<t>> -- airflow dags list"]),
 ("pulumi_token", lambda: "pul-" + hx(40), ["PULUMI_ACCESS_TOKEN=<<t>>"]),
 ("grafana_service_account", lambda: "glsa_" + rs(32) + "_" + hx(8), ["GRAFANA_TOKEN=<<t>>", "Authorization: Bearer <<t>>"]),
 ("grafana_cloud", lambda: "glc_" + b64(json.dumps({"o": str(R.randint(100000, 999999)), "n": "airflow-metrics", "k": rs(24), "m": {"r": "prod-eu-west-2"}}, separators=(",", ":"))).rstrip("="), ["GRAFANA_CLOUD_TOKEN=<<t>>", "  basic_auth:\n    username: 812734\n    password: <<t>>"]),
 ("confluent_cloud_api", lambda: (rs(16, UP + DIG), rs(64, ALNUM + "+/")), [
   "bootstrap.servers=pkc-4nym6.us-east-1.aws.confluent.cloud:9092\nsecurity.protocol=SASL_SSL\nsasl.mechanisms=PLAIN\nsasl.username=<<t>>\nsasl.password=<<t2>>",
   '{"conn_type": "kafka", "extra": {"bootstrap.servers": "pkc-4nym6.us-east-1.aws.confluent.cloud:9092", "security.protocol": "SASL_SSL", "sasl.mechanisms": "PLAIN", "sasl.username": "<<t>>", "sasl.password": "<<t2>>"}}']),
 ("okta_api_token", lambda: "00" + rs(40, B64U), ["OKTA_API_TOKEN=<<t>>", "Authorization: SSWS <<t>>"]),
 ("buildkite_token", lambda: "bkua_" + hx(40), ["BUILDKITE_API_TOKEN=<<t>>"]),
 ("circleci_pat", lambda: "CCIPAT_" + rs(22) + "_" + hx(40), ["CIRCLE_TOKEN=<<t>>", "curl -H \"Circle-Token: <<t>>\" https://circleci.com/api/v2/me"]),
 ("discord_webhook", lambda: (str(R.randint(10**17, 10**18)), rs(68, B64U)), ["https://discord.com/api/webhooks/<<t>>/<<t2>>"]),
 ("telegram_bot", lambda: "%d:AA%s" % (R.randint(10**9, 10**10 - 1), rs(33, B64U)), [
   "[<<ts2>>] {http.py:178} INFO - Sending 'POST' to url: https://api.telegram.org/bot<<t>>/sendMessage",
   '{"conn_type": "telegram", "password": "<<t>>", "host": "-1001827364512"}']),
 ("mapbox_secret", lambda: "sk.eyJ1IjoiYWNtZWRhdGEiLCJhIjoi" + rs(20, B64U) + "In0." + rs(22, B64U), ["MAPBOX_ACCESS_TOKEN=<<t>>"]),
 ("cloudflare_api_token", lambda: rs(40, B64U), ["CLOUDFLARE_API_TOKEN=<<t>>", "curl -H 'Authorization: Bearer <<t>>' https://api.cloudflare.com/client/v4/user/tokens/verify"]),
 ("cloudflare_origin_ca", lambda: "v1.0-" + hx(24) + "-" + hx(146), ["CF_ORIGIN_CA_KEY=<<t>>"]),
 ("alibaba_access_key", lambda: ("LTAI5t" + rs(18), rs(30)), ["ALIBABA_CLOUD_ACCESS_KEY_ID=<<t>>\nALIBABA_CLOUD_ACCESS_KEY_SECRET=<<t2>>"]),
 ("tencent_secret_id", lambda: ("AKID" + rs(32), rs(32)), ["TENCENTCLOUD_SECRET_ID=<<t>>\nTENCENTCLOUD_SECRET_KEY=<<t2>>"]),
 ("ibm_cloud_api_key", lambda: rs(44, B64U), ["IBMCLOUD_API_KEY=<<t>>", "ibmcloud login --apikey <<t>> -r us-south"]),
 ("postman_api_key", lambda: "PMAK-" + hx(24) + "-" + hx(34), ["POSTMAN_API_KEY=<<t>>", "newman run collection.json --env-var \"x-api-key=<<t>>\""]),
 ("rubygems_api_key", lambda: "rubygems_" + hx(48), ["GEM_HOST_API_KEY=<<t>>"]),
 ("nuget_api_key", lambda: "oy2" + rs(43, LO + DIG), ["dotnet nuget push pkg.nupkg --api-key <<t>> --source https://api.nuget.org/v3/index.json"]),
 ("age_secret_key", lambda: "AGE-SECRET-KEY-1" + rs(58, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"), [
   "# created: 2025-04-11T09:12:44Z\n# public key: age1" + "qxz7n3c0w9k4t8m2h5v6r1p0s7d3f9g2j4l8y6e5u1a0b3c7x9z2w4q5e\n<<t>>", "SOPS_AGE_KEY=<<t>>"]),
 ("jfrog_reference_token", lambda: "cmVmdGtuOjAxOjE3" + rs(48, ALNUM), ["ARTIFACTORY_TOKEN=<<t>>", "pip install --index-url https://airflow-ci:<<t>>@acme.jfrog.io/artifactory/api/pypi/pypi-remote/simple apache-airflow-providers-acme"]),
 ("sonarqube_token", lambda: "squ_" + hx(40), ["sonar-scanner -Dsonar.host.url=https://sonar.acme.io -Dsonar.token=<<t>>", "SONAR_TOKEN=<<t>>"]),
 ("planetscale_password", lambda: "pscale_pw_" + rs(43, B64U), ["DATABASE_URL=mysql://k2j4h5g6f7d8:<<t>>@aws.connect.psdb.cloud/orders?sslaccept=strict"]),
 ("supabase_pat", lambda: "sbp_" + hx(40), ["SUPABASE_ACCESS_TOKEN=<<t>>"]),
 ("netlify_pat", lambda: "nfp_" + rs(36) + hx(4), ["NETLIFY_AUTH_TOKEN=<<t>>"]),
 ("openrouter_key", lambda: "sk-or-v1-" + hx(64), ["OPENROUTER_API_KEY=<<t>>"]),
 ("groq_key", lambda: "gsk_" + rs(52), ["GROQ_API_KEY=<<t>>", "client = Groq(api_key=\"<<t>>\")"]),
 ("replicate_token", lambda: "r8_" + rs(37), ["REPLICATE_API_TOKEN=<<t>>"]),
 ("dynatrace_token", lambda: "dt0c01." + rs(24, UP + DIG) + "." + rs(64, UP + DIG), ["DT_API_TOKEN=<<t>>", "Authorization: Api-Token <<t>>"]),
 ("azure_devops_pat", lambda: rs(52, LO + "234567"), ["AZURE_DEVOPS_EXT_PAT=<<t>>", "git clone https://build:<<t>>@dev.azure.com/acme/data/_git/airflow-dags"]),
 ("bitbucket_app_password", lambda: "ATBB" + rs(28) + hx(8).upper(), ["git remote set-url origin https://acme-ci:<<t>>@bitbucket.org/acme/airflow-dags.git", "BITBUCKET_APP_PASSWORD=<<t>>"]),
 ("asana_pat", lambda: "2/%d/%d:%s" % (R.randint(10**15, 10**16), R.randint(10**15, 10**16), hx(32)), ["ASANA_ACCESS_TOKEN=<<t>>", '{"conn_type": "asana", "password": "<<t>>"}']),
 ("airtable_pat", lambda: "pat" + rs(14) + "." + hx(64), ["AIRTABLE_API_KEY=<<t>>", "headers={\"Authorization\": \"Bearer <<t>>\"}"]),
 ("mailchimp_key", lambda: hx(32) + "-us" + str(R.randint(1, 21)), ["MAILCHIMP_API_KEY=<<t>>", "client.set_config({\"api_key\": \"<<t>>\", \"server\": \"us14\"})"]),
 ("square_access_token", lambda: "EAAA" + rs(60, B64U), ["SQUARE_ACCESS_TOKEN=<<t>>"]),
 ("braintree_access_token", lambda: "access_token$production$" + rs(16, LO + DIG) + "$" + hx(32), ["BRAINTREE_ACCESS_TOKEN=<<t>>"]),
 ("facebook_access_token", lambda: "EAAB" + rs(180), ['{"conn_type": "facebook_social", "extra": {"account_id": ["act_1029384756"], "app_id": "1438291047", "access_token": "<<t>>"}}', "[<<ts2>>] {ads.py:97} DEBUG - GET https://graph.facebook.com/v19.0/act_1029384756/insights?access_token=<<t>>&fields=spend"]),
 ("twitter_bearer", lambda: "AAAAAAAAAAAAAAAAAAAAA" + rs(30) + "%3D" + rs(50), ["TWITTER_BEARER_TOKEN=<<t>>"]),
 ("launchdarkly_sdk", lambda: "sdk-" + uid(), ["LD_SDK_KEY=<<t>>"]),
 ("fivetran_basic", lambda: (rs(16), rs(32)), ['{"conn_type": "fivetran", "login": "<<t>>", "password": "<<t2>>"}']),
 ("dbt_cloud_service_token", lambda: "dbtc_" + rs(56, B64U), ["DBT_CLOUD_API_TOKEN=<<t>>", '{"conn_type": "dbt_cloud", "login": "70403103915293", "password": "<<t>>", "host": "emea.dbt.com"}']),
 ("snowflake_pat", lambda: "eyJraWQiOiI" + rs(30, B64U) + "." + rs(160, B64U) + "." + rs(86, B64U), ["SNOWFLAKE_PAT=<<t>>"]),
 ("jwt_hs256", lambda: b64u(b'{"alg":"HS256","typ":"JWT"}') + "." + b64u(json.dumps({"sub": "svc-airflow", "iat": R.randint(1.7e9, 1.75e9), "exp": R.randint(1.75e9, 1.8e9), "scope": "ingest:write"}).encode()) + "." + b64u(rb(32)), [
   "[<<ts2>>] {http.py:178} DEBUG - headers: {'Authorization': 'Bearer <<t>>', 'Content-Type': 'application/json'}",
   '{"key": "partner_session", "value": "<<t>>", "description": null}']),
 ("airflow3_api_jwt", lambda: b64u(b'{"alg":"HS512","typ":"JWT","kid":"' + hx(16).encode() + b'"}') + "." + b64u(json.dumps({"sub": "admin", "iss": [], "aud": "apache-airflow", "nbf": R.randint(1.74e9, 1.76e9), "exp": R.randint(1.76e9, 1.77e9), "role": "ADMIN"}).encode()) + "." + b64u(rb(64)), [
   "$ curl -X POST http://localhost:8080/auth/token -H 'Content-Type: application/json' -d '{\"username\": \"admin\", \"password\": \"***\"}'\n{\"access_token\":\"<<t>>\"}",
   "curl -s http://airflow-api-server:8080/api/v2/dags -H \"Authorization: Bearer <<t>>\""]),
]

def gen_vendors():
    for name, fn, tpls in VENDORS:
        n = 4 if len(tpls) >= 2 else 3
        for i in range(n):
            v = fn(); tpl = tpls[i % len(tpls)]
            if isinstance(v, tuple):
                kw = {"t": v[0], "t2": v[1]}
                if len(v) > 2: kw["t3"] = v[2]
            else:
                kw = {"t": v}
            # only secrets that appear; access key ids and account SIDs are identifiers but paired with secrets
            text = fill(tpl, ts2=ts2(), **kw)
            secrets = []
            for k in ("t", "t2", "t3"):
                if k in kw and kw[k] in text and kw[k] not in secrets:
                    # account SIDs, webhook ids and key ids that are mere identifiers are not listed as secrets
                    if name in ("twilio_auth_token", "twilio_api_key", "discord_webhook", "confluent_cloud_api", "fivetran_basic") and k == "t": continue
                    secrets.append(kw[k])
            # embedded datadog app key in extra is also a secret
            if name == "datadog_api_key" and '"app_key"' in text:
                secrets.append(text.split('"app_key": "')[1].split('"')[0])
            if not secrets: continue
            add_secret("vendor_token", "vendor:" + name, text, secrets)

# ---------------------------------------------------------------------------------------------
def S(family, fmt, n=4):
    def deco(f):
        for _ in range(n):
            r = f()
            text, secrets = r[0], r[1]
            reg = r[2] if len(r) > 2 else None
            add_secret(family, fmt, text, secrets, reg)
        return f
    return deco

# password_punct
@S("password_punct", "conn_json_v2_hide_false")
def _():
    p = pw(); return json.dumps({"connection_id": pick(CONNS), "conn_type": "postgres", "description": None, "host": pick(HOSTS), "login": pick(USERS), "schema": "analytics", "port": 5432, "password": p, "extra": None, "team_name": None}, indent=2), [p]
@S("password_punct", "sqlalchemy_url_percent")
def _():
    p = pw(); e = q(p); return "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=postgresql+psycopg2://airflow:%s@%s:5432/airflow" % (e, pick(HOSTS)), [e]
@S("password_punct", "libpq_keyword_dsn")
def _():
    p = pw().replace("'", ""); return "[%s] {sql.py:511} INFO - Running statement: SELECT 1, dsn=\"host=%s port=5432 dbname=warehouse user=%s password='%s' sslmode=require\"" % (ts2(), pick(HOSTS), pick(USERS), p), [p]
@S("password_punct", "pgpass_line")
def _():
    p = pw().replace(":", "\\:"); return "%s:5432:*:%s:%s" % (pick(HOSTS), pick(USERS), p), [p]
@S("password_punct", "env_file_quoted")
def _():
    p = pw().replace('"', ""); return "POSTGRES_USER=airflow\nPOSTGRES_PASSWORD=\"%s\"\nPOSTGRES_DB=airflow" % p, [p]
@S("password_punct", "compose_env_mapping")
def _():
    p = pw().replace("$", "$$"); return "  postgres:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: airflow\n      POSTGRES_PASSWORD: '%s'\n      POSTGRES_DB: airflow" % p, [p]
@S("password_punct", "odbc_braced_pwd")
def _():
    p = pw().replace("}", "}}"); return "Driver={ODBC Driver 18 for SQL Server};Server=tcp:%s,1433;Database=erp;Uid=%s;Pwd={%s};Encrypt=yes;TrustServerCertificate=no;" % (pick(HOSTS), pick(USERS), p), [p]
@S("password_punct", "jdbc_url_password_param")
def _():
    p = pwa() + pick("!#%*"); return "jdbc:sqlserver://%s:1433;databaseName=erp;user=%s;password=%s;encrypt=true" % (pick(HOSTS), pick(USERS), p), [p]
@S("password_punct", "airflow_connections_get_table")
def _():
    p = pw(); c = pick(CONNS)
    return ("id | conn_id          | conn_type | description | host           | schema | login   | password           | port | is_encrypted | is_extra_encrypted | extra_dejson | get_uri\n"
            "===+==================+===========+=============+================+========+=========+====================+======+==============+====================+==============+========\n"
            "7  | %s | mysql     | None        | %s | orders | %s | %s | 3306 | True         | True               | {}           | mysql://%s:%s@%s:3306/orders" % (c, pick(HOSTS), "loader", p, "loader", q(p), pick(HOSTS))), [p, q(p)] if q(p) != p else [p]
@S("password_punct", "yaml_helm_metadata_pass")
def _():
    p = pw(); return "data:\n  metadataConnection:\n    user: airflow\n    pass: \"%s\"\n    protocol: postgresql\n    host: %s\n    port: 5432\n    db: airflow\n    sslmode: require" % (p.replace('"', ''), pick(HOSTS)), [p.replace('"', '')]
@S("password_punct", "mongo_uri_percent")
def _():
    p = pw(); e = q(p); return "MONGO_URI=mongodb+srv://etl:%s@cluster0.x7kq2.mongodb.net/events?retryWrites=true&w=majority" % e, [e]
@S("password_punct", "redis_url_password_only")
def _():
    p = pwa(32); return "AIRFLOW__CELERY__BROKER_URL=redis://:%s@redis-master.airflow.svc.cluster.local:6379/0" % p, [p]
@S("password_punct", "smtp_cfg_password")
def _():
    p = pw(); return "[smtp]\nsmtp_host = smtp.office365.com\nsmtp_starttls = True\nsmtp_ssl = False\nsmtp_user = airflow-alerts@acme.io\nsmtp_password = %s\nsmtp_port = 587\nsmtp_mail_from = airflow-alerts@acme.io" % p, [p]
@S("password_punct", "python_dict_repr_log")
def _():
    p = pw().replace("'", ""); return "[%s] {logging_mixin.py:190} INFO - conn params: {'host': '%s', 'user': '%s', 'password': '%s', 'database': 'reporting', 'port': 3306}" % (ts2(), pick(HOSTS), pick(USERS), p), [p]

# statement_command
@S("statement_command", "sql_create_user_password")
def _():
    p = pw().replace("'", ""); return "[%s] {sql.py:511} INFO - Running statement: CREATE USER %s WITH PASSWORD '%s' VALID UNTIL '2026-01-01';, parameters: None" % (ts2(), pick(USERS), p), [p]
@S("statement_command", "sql_alter_role")
def _():
    p = pw().replace("'", ""); return "ALTER ROLE reporting_ro WITH LOGIN PASSWORD '%s';" % p, [p]
@S("statement_command", "mysql_identified_by")
def _():
    p = pw().replace("'", ""); return "[%s] {sql.py:511} INFO - Running statement: CREATE USER IF NOT EXISTS 'loader'@'%%' IDENTIFIED BY '%s', parameters: None" % (ts2(), p), [p]
@S("statement_command", "snowflake_alter_user")
def _():
    p = pw().replace("'", ""); return "ALTER USER SVC_AIRFLOW SET PASSWORD = '%s' MUST_CHANGE_PASSWORD = FALSE;" % p, [p]
@S("statement_command", "mssql_create_login")
def _():
    p = pw().replace("'", ""); return "CREATE LOGIN etl_loader WITH PASSWORD = N'%s', CHECK_POLICY = OFF;" % p, [p]
@S("statement_command", "redshift_copy_credentials")
def _():
    a = "AKIA" + rs(16, B32); s = rs(40, B64)
    return "[%s] {sql.py:511} INFO - Running statement: COPY events FROM 's3://acme-raw/events/2025/' CREDENTIALS 'aws_access_key_id=%s;aws_secret_access_key=%s' FORMAT AS JSON 'auto';" % (ts2(), a, s), [a, s]
@S("statement_command", "mysql_cli_p_flag")
def _():
    p = pwa(); return "[%s] {subprocess.py:93} INFO - + mysqldump -h %s -u backup -p%s --single-transaction orders" % (ts2(), pick(HOSTS), p), [p]
@S("statement_command", "pgpassword_env_prefix")
def _():
    p = pw().replace("'", ""); return "PGPASSWORD='%s' pg_dump -h %s -U airflow -Fc airflow > /backups/airflow_%s.dump" % (p, pick(HOSTS), day()), [p]
@S("statement_command", "curl_user_flag")
def _():
    p = pwa(); return "[%s] {subprocess.py:93} INFO - + curl -fsS -u etl:%s https://nexus.acme.io/repository/raw/exports/orders.csv -o /tmp/orders.csv" % (ts2(), p), [p]
@S("statement_command", "sshpass")
def _():
    p = pw().replace("'", ""); return "sshpass -p '%s' sftp -oBatchMode=no -P 22 partner@sftp.partner-example.net" % p, [p]
@S("statement_command", "docker_login_password_flag")
def _():
    p = pwa(24); return "+ docker login registry.acme.io -u ci-bot -p %s\nWARNING! Using --password via the CLI is insecure. Use --password-stdin." % p, [p]
@S("statement_command", "redis_cli_a")
def _():
    p = pwa(32); return "redis-cli -h redis-master -a %s --no-auth-warning INFO keyspace" % p, [p]
@S("statement_command", "mongosh_password")
def _():
    p = pwa(); return "mongosh \"mongodb://mongo-0.mongo:27017/admin\" --username root --password %s --eval 'db.adminCommand({ping:1})'" % p, [p]
@S("statement_command", "sqlcmd_P")
def _():
    p = pw().replace('"', ""); return "sqlcmd -S mssql01.corp.acme.local -U sa -P \"%s\" -Q \"SELECT @@VERSION\"" % p, [p]
@S("statement_command", "kubectl_from_literal")
def _():
    p = pwa(); return "kubectl create secret generic airflow-metadata -n airflow --from-literal=connection=postgresql://airflow:%s@pg-airflow:5432/airflow" % p, [p]
@S("statement_command", "htpasswd_b")
def _():
    p = pwa(); return "htpasswd -bc /etc/nginx/.htpasswd flower %s" % p, [p]
@S("statement_command", "openssl_passin")
def _():
    p = pwa(); return "openssl pkcs12 -in client.p12 -out client.pem -nodes -passin pass:%s" % p, [p]
@S("statement_command", "keytool_storepass")
def _():
    p = pwa(); return "keytool -importcert -noprompt -alias kafka-ca -file ca.crt -keystore truststore.jks -storepass %s" % p, [p]
@S("statement_command", "ldapsearch_w")
def _():
    p = pw().replace("'", ""); return "ldapsearch -x -H ldaps://ldap.corp.acme.local -D 'cn=airflow,ou=svc,dc=acme,dc=local' -w '%s' -b 'ou=people,dc=acme,dc=local' '(memberOf=cn=airflow-admins*)'" % p, [p]
@S("statement_command", "smbclient_user_pct")
def _():
    p = pwa(); return "smbclient //fs01.corp.acme.local/exports -U 'CORP\\svc_airflow%%%s' -c 'get daily.csv /tmp/daily.csv'" % p, [p]
@S("statement_command", "airflow_cli_conn_password")
def _():
    p = pw().replace("'", ""); return "airflow connections add 'pg_warehouse' --conn-type postgres --conn-host %s --conn-login etl --conn-password '%s' --conn-port 5432" % (pick(HOSTS), p), [p]
@S("statement_command", "airflow_cli_variables_set")
def _():
    p = rs(40, B64U); return "airflow variables set partner_api_key %s" % p, [p]
@S("statement_command", "airflow_users_create")
def _():
    p = pw().replace("'", ""); return "airflow users create --username admin --firstname Ops --lastname Team --role Admin --email ops@acme.io --password '%s'" % p, [p]
@S("statement_command", "stdin_pipe_echo")
def _():
    p = pwa(24); return "echo '%s' | helm registry login registry.acme.io --username robot$airflow --password-stdin" % p, [p]
@S("statement_command", "wget_password")
def _():
    p = pwa(); return "wget --user=reports --password=%s https://reports.vendor-example.com/daily/export.zip" % p, [p]
@S("statement_command", "helm_repo_add_password")
def _():
    p = pwa(); return "helm repo add acme-charts https://charts.acme.io --username ci --password %s" % p, [p]
@S("statement_command", "bcp_P")
def _():
    p = pwa(); return "bcp dbo.orders out /tmp/orders.dat -S mssql01 -U etl -P %s -c -t," % p, [p]
@S("statement_command", "cmdkey_pass")
def _():
    p = pw().replace(" ", ""); return "cmdkey /generic:TERMSRV/ws01.corp.acme.local /user:CORP\\svc_airflow /pass:%s" % p, [p]
@S("statement_command", "net_use")
def _():
    p = pwa(); return "net use \\\\fs01\\exports %s /user:CORP\\svc_airflow /persistent:no" % p, [p]
@S("statement_command", "aws_configure_set")
def _():
    s = rs(40, B64); return "aws configure set aws_secret_access_key %s --profile airflow-prod" % s, [s]
@S("statement_command", "rabbitmqctl_add_user")
def _():
    p = pwa(); return "rabbitmqctl add_user airflow %s && rabbitmqctl set_permissions -p / airflow '.*' '.*' '.*'" % p, [p]

# encoded
@S("encoded", "basic_auth_header_b64")
def _():
    u = pick(USERS); p = pw(); e = b64("%s:%s" % (u, p))
    return "[%s] {http.py:178} DEBUG - Request headers: {'User-Agent': 'python-requests/2.32.3', 'Authorization': 'Basic %s', 'Accept': '*/*'}" % (ts2(), e), [e]
@S("encoded", "k8s_secret_data_b64")
def _():
    p = pw(); e = b64(p)
    return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: airflow-postgres\n  namespace: airflow\ntype: Opaque\ndata:\n  postgres-password: %s\n  username: %s" % (e, b64("airflow")), [e]
@S("encoded", "k8s_secret_connection_b64")
def _():
    p = pwa(); e = b64("postgresql://airflow:%s@airflow-postgresql:5432/airflow" % p)
    return "data:\n  connection: %s" % e, [e]
@S("encoded", "kubeconfig_token")
def _():
    t = "eyJhbGciOiJSUzI1NiIsImtpZCI6I" + rs(40, B64U) + "." + rs(300, B64U) + "." + rs(342, B64U)
    return "users:\n- name: airflow-sa\n  user:\n    token: %s" % t, [t]
@S("encoded", "kubeconfig_client_key_data")
def _():
    k = b64("-----BEGIN RSA PRIVATE KEY-----\n" + rs(64, B64) + "\n-----END RSA PRIVATE KEY-----\n")
    return "users:\n- name: gke_acme_europe-west1_data\n  user:\n    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n    client-key-data: %s" % k, [k]
@S("encoded", "docker_config_auth_b64")
def _():
    p = pwa(24); e = b64("ci-bot:" + p)
    return '{"auths": {"registry.acme.io": {"auth": "%s"}}}' % e, [e]
@S("encoded", "json_in_string_extra")
def _():
    p = pw().replace('"', ''); inner = json.dumps({"client_id": "airflow", "client_secret": p, "token_url": "https://login.acme.io/oauth2/token"})
    outer = json.dumps({"connection_id": "http_partner_api", "conn_type": "http", "extra": inner})
    return outer, [jesc(p)] if jesc(p) != p else [p]
@S("encoded", "json_escaped_quote_password")
def _():
    p = pwa(8) + '"' + pwa(6) + "\\" + pwa(4); inner = json.dumps({"password": p}); outer = json.dumps({"value": inner, "key": "legacy_db"})
    e1 = json.dumps(p)[1:-1]; e2 = json.dumps(e1)[1:-1]
    return outer, [e2]
@S("encoded", "double_json_in_xcom")
def _():
    t = rs(48, B64U); lvl1 = json.dumps({"auth": {"session_key": t, "ttl": 3600}}); lvl2 = json.dumps({"return_value": lvl1})
    return json.dumps({"key": "return_value", "value": lvl2, "task_id": "login", "dag_id": pick(DAGS)}), [t]
@S("encoded", "xml_escaped_password")
def _():
    p = pwa(8) + "&" + pwa(5) + "<" + pwa(4); e = p.replace("&", "&amp;").replace("<", "&lt;")
    return '<Resource name="jdbc/warehouse" auth="Container" type="javax.sql.DataSource" username="etl" password="%s" url="jdbc:postgresql://pg:5432/wh"/>' % e, [e]
@S("encoded", "shell_single_quote_escape")
def _():
    p = pwa(8) + "'" + pwa(8); e = p.replace("'", "'\\''")
    return "export SNOWFLAKE_PASSWORD='%s'" % e, [e]
@S("encoded", "unicode_escaped_json")
def _():
    p = pwa(10) + "&" + pwa(6) + "<"; e = p.replace("&", "\\u0026").replace("<", "\\u003c")
    return '{"conn":{"login":"svc","password":"%s"}}' % e, [e]
@S("encoded", "smtp_auth_plain_b64")
def _():
    p = pwa(); e = b64("\0airflow@acme.io\0" + p)
    return "send: 'AUTH PLAIN %s\\r\\n'\nreply: b'235 2.7.0 Authentication successful\\r\\n'" % e, [e]
@S("encoded", "uri_percent_in_env_conn")
def _():
    p = pw(); e = q(p)
    return "AIRFLOW_CONN_MSSQL_ERP='mssql://svc_airflow:%s@mssql01.corp.acme.local:1433/erp?driver=ODBC+Driver+18+for+SQL+Server'" % e, [e]
@S("encoded", "base64_json_sa_key")
def _():
    k = "-----BEGIN PRIVATE KEY-----\n" + rs(64, B64) + "\n-----END PRIVATE KEY-----\n"
    j = json.dumps({"type": "service_account", "project_id": "acme-data", "private_key_id": hx(40), "private_key": k, "client_email": "airflow@acme-data.iam.gserviceaccount.com"})
    e = b64(j); return "GOOGLE_CREDENTIALS_B64=%s" % e, [e]

# split_webhook
@S("split_webhook", "slack_webhook_conn_password")
def _():
    t = "/T%s/B%s/%s" % (rs(8, UP + DIG), rs(10, UP + DIG), rs(24))
    return json.dumps({"connection_id": "slack_webhook_default", "conn_type": "slackwebhook", "host": "https://hooks.slack.com/services", "password": t, "extra": None}), [t]
@S("split_webhook", "slack_webhook_string_concat")
def _():
    a, b, c = "T" + rs(8, UP + DIG), "B" + rs(10, UP + DIG), rs(24)
    return 'SLACK_BASE = "https://hooks.slack.com/services/"\nSLACK_PATH = "%s/%s/" \\\n    "%s"\nwebhook_url = SLACK_BASE + SLACK_PATH' % (a, b, c), [c]
@S("split_webhook", "slack_webhook_full_url")
def _():
    t = "T%s/B%s/%s" % (rs(8, UP + DIG), rs(10, UP + DIG), rs(24))
    return "[%s] {http.py:178} INFO - Sending 'POST' to url: https://hooks.slack.com/services/%s" % (ts2(), t), [t]
@S("split_webhook", "teams_webhook")
def _():
    g1, g2, h, g3 = uid(), uid(), hx(32), uid(); tok = "V2" + rs(41, B64U)
    url = "https://acme.webhook.office.com/webhookb2/%s@%s/IncomingWebhook/%s/%s/%s" % (g1, g2, h, g3, tok)
    return "MSTEAMS_WEBHOOK=%s" % url, [h, tok]
@S("split_webhook", "google_chat_webhook")
def _():
    k = "AIza" + rs(35, B64U); t = rs(43, B64U) + "%3D"
    return "gchat_url = \"https://chat.googleapis.com/v1/spaces/AAAA%s/messages?key=%s&token=%s\"" % (rs(7, B64U), k, t), [k, t]
@S("split_webhook", "webhook_host_plus_token_param")
def _():
    t = hx(40); return '{"conn_type": "http", "host": "https://hooks.zapier.com/hooks/catch/4829173/", "extra": {"endpoint_token": "%s"}}' % t, [t]
@S("split_webhook", "pagerduty_routing_key")
def _():
    t = hx(32); return "[%s] {pagerduty_events.py:110} INFO - Sending event to https://events.pagerduty.com/v2/enqueue routing_key=%s severity=critical" % (ts2(), t), [t]
@S("split_webhook", "opsgenie_genie_key")
def _():
    t = uid(); return "Authorization: GenieKey %s" % t, [t]

# random_purpose_name
@S("random_purpose_name", "fernet_key_env")
def _():
    k = b64u(rb(32)) + "="; return "AIRFLOW__CORE__FERNET_KEY=%s" % k, [k]
@S("random_purpose_name", "helm_fernet_webserver")
def _():
    k = b64u(rb(32)) + "="; w = hx(32); return "fernetKey: \"%s\"\nwebserverSecretKey: %s" % (k, w), [k, w]
@S("random_purpose_name", "flask_session_cookie")
def _():
    c = ".eJw" + rs(120, B64U) + "." + rs(6, B64U) + "." + rs(27, B64U)
    return "Cookie: session=%s; _ga=GA1.1.1023948576.1712345678" % c, [c]
@S("random_purpose_name", "hmac_signing_seed")
def _():
    s = hx(64); return "signing:\n  algorithm: HS256\n  seed: %s" % s, [s]
@S("random_purpose_name", "totp_seed")
def _():
    s = rs(32, B32); return "otpauth://totp/Acme:airflow-admin?seed=%s&issuer=Acme&digits=6" % s, [s]
@S("random_purpose_name", "recovery_codes")
def _():
    codes = ["%s-%s" % (rs(5, LO + DIG), rs(5, LO + DIG)) for _ in range(4)]
    return "Your backup recovery codes (store safely):\n" + "\n".join(codes), codes
@S("random_purpose_name", "wallet_mnemonic")
def _():
    W = "abandon ability able about above absent absorb abstract absurd abuse access accident account accuse achieve acid acoustic acquire across act action actor actress actual adapt add addict address adjust admit adult advance advice aerobic affair afford afraid again age agent agree ahead aim air airport aisle alarm album alcohol alert alien all alley allow almost alone alpha already also alter always amateur amazing among amount amused analyst anchor ancient anger angle angry animal ankle announce annual another answer antenna antique anxiety".split()
    m = " ".join(pick(W) for _ in range(12)); return "HOT_WALLET_MNEMONIC=\"%s\"" % m, [m]
@S("random_purpose_name", "encryption_material")
def _():
    k = b64(rb(32)); return "pii_encryption:\n  cipher: AES-256-GCM\n  material: %s" % k, [k]
@S("random_purpose_name", "azure_functions_key_header")
def _():
    k = rs(54, B64U) + "=="; return "x-functions-key: %s" % k, [k]
@S("random_purpose_name", "apim_subscription_header")
def _():
    k = hx(32); return "[%s] {http.py:178} DEBUG - headers={'Ocp-Apim-Subscription-Key': '%s', 'Content-Type': 'application/json'}" % (ts2(), k), [k]
@S("random_purpose_name", "license_code")
def _():
    k = "-".join(rs(5, UP + DIG) for _ in range(5)); return "SPARK_ENTERPRISE_LICENSE=%s" % k, [k]
@S("random_purpose_name", "celery_flower_basic_auth")
def _():
    p = pwa(); return "AIRFLOW__CELERY__FLOWER_BASIC_AUTH=admin:%s" % p, [p]
@S("random_purpose_name", "client_assertion")
def _():
    a = "eyJhbGciOiJSUzI1NiIsIng1dCI6I" + rs(30, B64U) + "." + rs(200, B64U) + "." + rs(342, B64U)
    return "grant_type=client_credentials&client_assertion_type=urn%%3Aietf%%3Aparams%%3Aoauth%%3Aclient-assertion-type%%3Ajwt-bearer&client_assertion=%s" % a, [a]
@S("random_purpose_name", "oauth_code_exchange")
def _():
    c = "4/0A" + rs(70, B64U); v = rs(43, B64U)
    return "POST /token HTTP/1.1\nHost: oauth2.googleapis.com\nContent-Type: application/x-www-form-urlencoded\n\ncode=%s&code_verifier=%s&grant_type=authorization_code&redirect_uri=http%%3A%%2F%%2Flocalhost%%3A8085" % (c, v), [c, v]
@S("random_purpose_name", "presigned_url_signature")
def _():
    a = "ASIA" + rs(16, B32); sig = hx(64); tok = q("IQoJb3JpZ2luX2Vj" + rs(200, B64))
    return "https://acme-exports.s3.eu-west-1.amazonaws.com/reports/2025-09.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=%s%%2F20250914%%2Feu-west-1%%2Fs3%%2Faws4_request&X-Amz-Date=20250914T101500Z&X-Amz-Expires=3600&X-Amz-Security-Token=%s&X-Amz-SignedHeaders=host&X-Amz-Signature=%s" % (a, tok, sig), [a, tok, sig]
@S("random_purpose_name", "one_time_code_sms")
def _():
    c = str(R.randint(10**7, 10**8 - 1)); return "[%s] {logging_mixin.py:190} INFO - MFA verification code for svc_airflow: %s (valid 5 min)" % (ts2(), c), [c]
@S("random_purpose_name", "jwt_secret_config")
def _():
    k = b64(rb(48)); return "[api_auth]\njwt_secret = %s\njwt_expiration_time = 86400" % k, [k]
@S("random_purpose_name", "x_auth_header_custom")
def _():
    k = rs(40); return "X-Partner-Auth: %s" % k, [k]

# airflow_context
@S("airflow_context", "v3_connection_hide_false")
def _():
    p = pw(); return json.dumps({"connection_id": "snowflake_prod", "conn_type": "snowflake", "description": "prod warehouse", "host": None, "login": "SVC_AIRFLOW", "schema": "RAW", "port": None, "password": p, "extra": json.dumps({"account": "acme-eu1", "warehouse": "LOAD_WH", "role": "LOADER"}), "team_name": None}), [p]
@S("airflow_context", "v1_variable_clear")
def _():
    v = rs(40, B64U); return json.dumps({"key": pick(["partner_feed_credentials", "hubspot_private_app", "weather_api", "braze_rest"]), "value": v, "description": None}), [v]
@S("airflow_context", "variable_json_value")
def _():
    t = rs(32); return json.dumps({"key": "salesforce_cfg", "value": json.dumps({"instance": "acme.my.salesforce.com", "username": "integration@acme.io", "security_token": t}), "description": "SF sync"}), [t]
@S("airflow_context", "extra_nonsensitive_key")
def _():
    t = rs(40, B64U); return json.dumps({"connection_id": "http_partner_api", "conn_type": "http", "host": "api.partner-example.com", "extra": json.dumps({"hello": t, "timeout": 30})}), [t]
@S("airflow_context", "extra_keyfile_dict_nested")
def _():
    k = "-----BEGIN PRIVATE KEY-----\n" + "\n".join(rs(64, B64) for _ in range(8)) + "\n" + rs(24, B64) + "=\n-----END PRIVATE KEY-----\n"
    d = {"type": "service_account", "project_id": "acme-data-prod", "private_key_id": hx(40), "private_key": k, "client_email": "airflow-prod@acme-data-prod.iam.gserviceaccount.com", "client_id": str(R.randint(10**20, 10**21)), "token_uri": "https://oauth2.googleapis.com/token"}
    text = json.dumps({"extra": json.dumps({"keyfile_dict": json.dumps(d), "project": "acme-data-prod"})})
    enc = jesc(jesc(jesc(k)))
    return text, [enc]
@S("airflow_context", "rendered_fields_bash_env")
def _():
    p = pwa(); return json.dumps({"rendered_fields": {"bash_command": "dbt run --profiles-dir /opt/dbt --target prod", "env": {"DBT_USER": "dbt_prod", "DBT_PASS": p}, "cwd": None}}), [p]
@S("airflow_context", "rendered_sql_with_creds")
def _():
    a, s = "AKIA" + rs(16, B32), rs(40, B64)
    return json.dumps({"rendered_fields": {"sql": "COPY INTO raw.events FROM 's3://acme-raw/events/' CREDENTIALS = (AWS_KEY_ID = '%s' AWS_SECRET_KEY = '%s') FILE_FORMAT = (TYPE = JSON)" % (a, s)}}), [a, s]
@S("airflow_context", "task_log_print_uri")
def _():
    p = pwa(); return "[%s] {base.py:84} INFO - Retrieving connection 'pg_warehouse'\n[%s] {logging_mixin.py:190} INFO - postgresql://etl:%s@%s:5432/warehouse" % (ts2(), ts2(), p, pick(HOSTS)), [p]
@S("airflow_context", "v3_structured_log_event")
def _():
    t = rs(48, B64U); return a3("Got token from auth endpoint: %s" % t, logger="task.stdout"), [t]
@S("airflow_context", "v3_log_text_headers")
def _():
    t = rs(36, B64U); return a3txt("response headers {'Set-Cookie': 'JSESSIONID=%s; Path=/; HttpOnly'}" % t), [t]
@S("airflow_context", "xcom_token_value")
def _():
    t = rs(64, B64U); return json.dumps({"key": "return_value", "timestamp": tsiso(), "logical_date": tsiso(), "map_index": -1, "task_id": "get_api_session", "dag_id": pick(DAGS), "run_id": runid(), "value": {"session": t, "expires": 3600}}), [t]
@S("airflow_context", "xcom_pushed_creds_v2")
def _():
    p = pw().replace("'", ""); return json.dumps({"key": "db_creds", "value": "{'user': 'etl', 'pwd': '%s'}" % p, "task_id": "fetch_creds", "dag_id": pick(DAGS), "execution_date": tsiso()}), [p]
@S("airflow_context", "env_airflow_conn_uri")
def _():
    p = pwa(); return "AIRFLOW_CONN_MYSQL_ORDERS=mysql://loader:%s@%s:3306/orders" % (p, pick(HOSTS)), [p]
@S("airflow_context", "env_conn_json")
def _():
    p = pw().replace("'", "").replace('"', ''); return "AIRFLOW_CONN_SFTP_PARTNER='{\"conn_type\": \"sftp\", \"host\": \"sftp.partner-example.net\", \"login\": \"acme\", \"password\": \"%s\", \"port\": 22}'" % p, [p]
@S("airflow_context", "airflow_config_list_clear")
def _():
    p = pwa(); r = pwa(); return "[database]\nsql_alchemy_conn = postgresql+psycopg2://airflow:%s@pg-airflow:5432/airflow\n\n[celery]\nresult_backend = db+postgresql://airflow:%s@pg-airflow:5432/airflow" % (p, r), [p, r]
@S("airflow_context", "config_api_v1_expose_true")
def _():
    k = b64(rb(16)); return json.dumps({"sections": [{"name": "webserver", "options": [{"key": "secret_key", "value": k}, {"key": "expose_config", "value": "True"}]}]}), [k]
@S("airflow_context", "helm_values_redis_password")
def _():
    p = pwa(); return "redis:\n  enabled: true\n  password: %s\n  persistence:\n    enabled: true" % p, [p]
@S("airflow_context", "compose_airflow_env")
def _():
    p = pwa(); return "x-airflow-common:\n  environment:\n    AIRFLOW__CORE__EXECUTOR: CeleryExecutor\n    AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: postgresql+psycopg2://airflow:%s@postgres/airflow\n    AIRFLOW__CORE__LOAD_EXAMPLES: 'false'" % p, [p]
@S("airflow_context", "snowflake_hook_debug")
def _():
    p = pw().replace("'", ""); return "[%s] {snowflake.py:326} DEBUG - conn_config: {'user': 'SVC_AIRFLOW', 'password': '%s', 'schema': 'RAW', 'database': 'ANALYTICS', 'account': 'acme-eu1', 'warehouse': 'LOAD_WH', 'role': 'LOADER', 'application': 'AIRFLOW'}" % (ts2(), p), [p]
@S("airflow_context", "http_hook_requests_exception")
def _():
    k = rs(32, ALNUM); return "[%s] {taskinstance.py:3313} ERROR - Task failed with exception\nrequests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.weather-example.com', port=443): Max retries exceeded with url: /v1/forecast?lat=52.52&lon=13.40&apikey=%s (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f3a2c1e5b50>: Failed to establish a new connection: [Errno 111] Connection refused'))" % (ts2(), k), [k]
@S("airflow_context", "sqlalchemy_error_url")
def _():
    p = pwa(); return "sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not translate host name \"pg-airflow\" to address\n[SQL: SELECT 1]\nengine url: postgresql://airflow:%s@pg-airflow:5432/airflow" % p, [p]
@S("airflow_context", "k8s_pod_env_value")
def _():
    p = pwa(); return json.dumps({"name": "base", "image": "acme/etl:2.4.1", "env": [{"name": "DB_HOST", "value": "pg"}, {"name": "DB_CREDENTIAL", "value": p}]}), [p]
@S("airflow_context", "secrets_backend_kwargs")
def _():
    a = "AKIA" + rs(16, B32); s = rs(40, B64); return "AIRFLOW__SECRETS__BACKEND=airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend\nAIRFLOW__SECRETS__BACKEND_KWARGS={\"connections_prefix\": \"airflow/connections\", \"aws_access_key_id\": \"%s\", \"aws_secret_access_key\": \"%s\"}" % (a, s), [a, s]
@S("airflow_context", "import_error_traceback_literal")
def _():
    p = pwa(); return json.dumps({"import_error_id": R.randint(1, 99), "timestamp": tsiso(), "filename": "/opt/airflow/dags/legacy_export.py", "stack_trace": "Traceback (most recent call last):\n  File \"/opt/airflow/dags/legacy_export.py\", line 14, in <module>\n    conn = pymssql.connect(server=\"mssql01\", user=\"sa\", password=\"%s\")\npymssql.OperationalError: (20009, b'DB-Lib error')" % p}), [p]
@S("airflow_context", "dag_source_hardcoded")
def _():
    t = rs(40, B64U); return "from airflow.providers.http.operators.http import HttpOperator\n\ncall_api = HttpOperator(\n    task_id=\"call_api\",\n    http_conn_id=\"partner_api\",\n    endpoint=\"/v2/orders\",\n    headers={\"X-Client-Credential\": \"%s\"},\n)" % t, [t]
@S("airflow_context", "event_log_extra_leak")
def _():
    p = pwa(); return json.dumps({"event_log_id": R.randint(1000, 99999), "when": tsiso(), "event": "connection.create", "owner": "admin", "extra": json.dumps({"conn_id": "ftp_legacy", "conn_type": "ftp", "host": "ftp.partner-example.net", "login": "acme", "password_confirm": None, "pwd": p})}), [p]
@S("airflow_context", "celery_worker_broker_leak")
def _():
    p = pwa(); return "[%s: ERROR/MainProcess] consumer: Cannot connect to amqp://airflow:%s@rabbitmq:5672//: [Errno 111] Connection refused." % (tsc(), p), [p]

# other
def pem(kind, lines=None):
    lines = lines or R.randint(6, 12)
    body = "\n".join(rs(64, B64) for _ in range(lines)) + "\n" + rs(R.randint(10, 60), B64) + "=="
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, body, kind)
@S("other", "pem_rsa_private")
def _():
    k = pem("RSA PRIVATE KEY"); return "id_rsa contents:\n" + k, [k]
@S("other", "pem_openssh")
def _():
    k = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n" + "\n".join(rs(70, B64) for _ in range(4)) + "\n-----END OPENSSH PRIVATE KEY-----"
    return k, [k]
@S("other", "pem_ec_private")
def _():
    k = pem("EC PRIVATE KEY", 3); return "tls:\n  key: |\n" + "\n".join("    " + l for l in k.split("\n")), ["\n".join("    " + l for l in k.split("\n")).lstrip()]
@S("other", "pgp_private_block")
def _():
    k = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQVYBG" + rs(58, B64) + "\n" + "\n".join(rs(64, B64) for _ in range(6)) + "\n=" + rs(4, B64) + "\n-----END PGP PRIVATE KEY BLOCK-----"
    return k, [k]
@S("other", "ssh_key_in_conn_extra_escaped")
def _():
    k = pem("RSA PRIVATE KEY", 5); e = jesc(k)
    return json.dumps({"connection_id": "sftp_partner", "conn_type": "sftp", "extra": json.dumps({"private_key": k, "no_host_key_check": True})}), [jesc(e)]
@S("other", "pkcs8_encrypted_with_pass")
def _():
    k = pem("ENCRYPTED PRIVATE KEY", 5); p = pwa(); return "private_key_content: |\n%s\nprivate_key_passphrase: %s" % (k, p), [k, p]
@S("other", "netrc")
def _():
    p = pwa(); return "machine api.partner-example.com\n  login acme-etl\n  password %s" % p, [p]
@S("other", "git_credentials_store")
def _():
    p = pwa(24); return "https://ci-bot:%s@git.acme.io" % p, [p]
@S("other", "pip_conf_index_url")
def _():
    p = pwa(); return "[global]\nindex-url = https://pypi-reader:%s@nexus.acme.io/repository/pypi-group/simple" % p, [p]
@S("other", "java_properties")
def _():
    p = pw(); return "spring.datasource.url=jdbc:postgresql://pg:5432/app\nspring.datasource.username=app\nspring.datasource.password=%s" % p, [p]
@S("other", "go_mysql_dsn")
def _():
    p = pwa(); return "dsn := \"etl:%s@tcp(mysql-primary:3306)/orders?parseTime=true\"" % p, [p]
@S("other", "node_config_js")
def _():
    p = pwa(); return "module.exports = {\n  db: { host: 'pg', user: 'app', password: process.env.DB_PW || '%s' },\n};" % p, [p]
@S("other", "terraform_tfvars")
def _():
    p = pw().replace('"', ''); return "db_master_password = \"%s\"\nenvironment = \"prod\"" % p, [p]
@S("other", "terraform_state_attr")
def _():
    p = pwa(); return '        "attributes": {\n          "engine": "postgres",\n          "master_username": "airflow",\n          "master_user_password": "%s",\n          "port": 5432' % p, [p]
@S("other", "imap_login_transcript")
def _():
    p = pwa(); return "C: a001 LOGIN reports@acme.io %s\nS: a001 OK LOGIN completed" % p, [p]
@S("other", "ftp_pass_command")
def _():
    p = pwa(); return "*cmd* 'USER acme'\n*resp* '331 Password required for acme'\n*cmd* 'PASS %s'\n*resp* '230 User acme logged in'" % p, [p]
@S("other", "http_raw_request_form")
def _():
    p = pw(); e = q(p); return "POST /oauth/token HTTP/1.1\r\nHost: login.partner-example.com\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\ngrant_type=password&username=acme-etl&password=%s&client_id=airflow" % e, [e]
@S("other", "proxy_url_creds")
def _():
    p = pwa(); return "HTTPS_PROXY=http://svc_proxy:%s@proxy.corp.acme.local:3128" % p, [p]
@S("other", "kafka_jaas")
def _():
    p = pwa(); return "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"airflow\" password=\"%s\";" % p, [p]
@S("other", "winrm_conn_uri")
def _():
    p = pw(); return "AIRFLOW_CONN_WINRM_BATCH=winrm://CORP%%5Csvc_batch:%s@ws01.corp.acme.local:5986/?transport=ntlm" % q(p), [q(p)]
@S("other", "snowsql_config")
def _():
    p = pw().replace('"', ''); return "[connections.prod]\naccountname = acme-eu1\nusername = SVC_AIRFLOW\npassword = \"%s\"\nwarehousename = LOAD_WH" % p, [p]
@S("other", "dbt_profiles_yml")
def _():
    p = pw().replace("'", ""); return "acme:\n  target: prod\n  outputs:\n    prod:\n      type: postgres\n      host: %s\n      user: dbt_prod\n      pass: '%s'\n      dbname: analytics\n      schema: marts\n      threads: 8" % (pick(HOSTS), p), [p]

# registered: bare values in free text
@S("registered", "echo_bare_value", 9)
def _():
    p = pwa(R.randint(14, 20)); return "[%s] {subprocess.py:93} INFO - %s" % (ts2(), p), [p], [p]
@S("registered", "csv_row", 9)
def _():
    p = pw().replace(",", "").replace('"', ""); return "conn_id,login,value,updated\npg_warehouse,etl,%s,%s" % (p, day()), [p], [p]
@S("registered", "debug_repr_tuple", 7)
def _():
    p = pwa(); return "[%s] {logging_mixin.py:190} INFO - ('%s', 'etl', 5432, '%s')" % (ts2(), pick(HOSTS), p), [p], [p]
@S("registered", "v3_stdout_line", 8)
def _():
    p = pw().replace('"', ""); return a3(p, logger="task.stdout"), [p], [p]
@S("registered", "error_message_echo", 6)
def _():
    p = pwa(); return "psycopg2.OperationalError: connection to server failed: FATAL: role \"%s\" does not exist" % p, [p], [p]

@S("registered", "xcom_bare_string", 6)
def _():
    p = pwa(R.randint(16, 28)); return json.dumps({"key": "return_value", "task_id": "read_secret", "dag_id": pick(DAGS), "run_id": runid(), "map_index": -1, "value": p}), [p], [p]

def gen_secrets():
    gen_vendors()

# ---------------------------------------------------------------------------------------------
# HARMLESS
def H(family, fmt, n=6, keyrule=False):
    def deco(f):
        for _ in range(n): add_harmless(family, fmt, f(), keyrule)
        return f
    return deco

def sha256(): return hx(64)
def gitsha(): return hx(40)

@H("task_log", "a2_conn_retrieved")
def _(): return a2("Using connection ID '%s' for task execution." % pick(CONNS), loc="{base.py:84}")
@H("task_log", "a2_task_start")
def _(): return a2("Executing <Task(%s): %s> on %s" % (pick(["PythonOperator", "SQLExecuteQueryOperator", "BashOperator", "S3ToSnowflakeOperator"]), pick(TASKS), tsiso()), loc="{taskinstance.py:2614}")
@H("task_log", "a2_marking_success")
def _(): return a2("Marking task as SUCCESS. dag_id=%s, task_id=%s, run_id=%s, execution_date=20250914T000000, start_date=20250914T010203, end_date=20250914T010412" % (pick(DAGS), pick(TASKS), runid()), loc="{taskinstance.py:1206}")
@H("task_log", "a2_rows_affected")
def _(): return a2("Rows affected: %d" % R.randint(0, 900000), loc="{sql.py:520}")
@H("task_log", "a2_s3_upload")
def _(): return a2("Uploading /tmp/tmp%s to s3://acme-raw/%s/dt=%s/part-%05d-%s.snappy.parquet" % (rs(8, LO + DIG), pick(DAGS), day(), R.randint(0, 99), uid()), loc="{s3.py:1015}")
@H("task_log", "a2_subprocess_exit")
def _(): return a2("Command exited with return code %d" % pick([0, 0, 1, 2]), loc="{subprocess.py:97}")
@H("task_log", "a2_dbt_output")
def _(): return a2("%s  %d of %d OK created sql table model marts.fct_orders ........ [SELECT %d in %.2fs]" % ("10:22:%02d" % R.randint(0, 59), R.randint(1, 40), 40, R.randint(100, 99999), R.random() * 30), loc="{subprocess.py:93}")
@H("task_log", "a2_pod_launcher")
def _(): return a2("Pod %s has phase Running" % podname("etl-transform"), loc="{pod_manager.py:468}")
@H("task_log", "a3_json_running")
def _(): return a3("Task instance is in running state", logger="airflow.task", ti_id=uid(), map_index=-1)
@H("task_log", "a3_json_hook")
def _(): return a3("Connection Retrieved '%s'" % pick(CONNS), logger="airflow.hooks.base")
@H("task_log", "a3_txt_done")
def _(): return a3txt("Done. Returned value was: None", src="airflow.task.operators.airflow.providers.standard.operators.python.PythonOperator")
@H("task_log", "a3_json_emr")
def _(): return a3("EMR Serverless job %s completed with state SUCCESS" % ("00f" + rs(13, LO + DIG)), logger="airflow.task.operators")
@H("task_log", "a2_bigquery_job")
def _(): return a2("Inserting job airflow_%s_%s_%s" % (pick(DAGS), pick(TASKS), hx(32)), loc="{bigquery.py:1613}")
@H("task_log", "a2_spark_submit")
def _(): return a2("Identified spark application id: application_%d_%04d" % (R.randint(1.7e12, 1.76e12), R.randint(1, 9999)), loc="{spark_submit.py:546}")
@H("task_log", "a2_http_response")
def _(): return a2("Received status code 200 from https://api.partner-example.com/v2/orders?page=%d&page_size=500 (request-id %s)" % (R.randint(1, 90), uid()), loc="{http.py:200}")
@H("task_log", "a2_tokenizer_prose")
def _(): return a2("Loaded tokenizer for bert-base-uncased; token count: %d; max_tokens=512; truncated %d docs" % (R.randint(1000, 99999), R.randint(0, 40)), loc="{logging_mixin.py:190}")
@H("task_log", "a2_password_reset_prose")
def _(): return a2("password reset email sent to %d users; %d bounced" % (R.randint(1, 400), R.randint(0, 5)), loc="{logging_mixin.py:190}")
@H("task_log", "a2_masked_output")
def _(): return a2("Connecting to postgresql://etl:***@%s:5432/warehouse" % pick(HOSTS), loc="{logging_mixin.py:190}")
@H("task_log", "a2_sensor_poke")
def _(): return a2("Poking for key : s3://acme-landing/partner/%s/_SUCCESS" % day(), loc="{s3.py:105}")

@H("scheduler_log", "sched_tasks_up")
def _(): return "[%s] {scheduler_job_runner.py:423} INFO - %d tasks up for execution:\n\t<TaskInstance: %s.%s %s [scheduled]>" % (ts2(), R.randint(1, 9), pick(DAGS), pick(TASKS), runid())
@H("scheduler_log", "sched_dagrun_done")
def _(): return "[%s] {dagrun.py:854} INFO - Marking run <DagRun %s @ %s: %s, state:running, queued_at: %s. externally triggered: False> successful" % (ts2(), pick(DAGS), tsiso(), runid(), tsiso())
@H("scheduler_log", "sched_executor_event")
def _(): return "[%s] {scheduler_job_runner.py:733} INFO - Received executor event with state success for task instance TaskInstanceKey(dag_id='%s', task_id='%s', run_id='%s', try_number=1, map_index=-1)" % (ts2(), pick(DAGS), pick(TASKS), runid())
@H("scheduler_log", "sched_heartbeat")
def _(): return "[%s] {scheduler_job_runner.py:1608} INFO - Adopting or resetting orphaned tasks for active dag runs" % ts2()
@H("scheduler_log", "sched_pool")
def _(): return "[%s] {scheduler_job_runner.py:492} INFO - Not executing <TaskInstance: %s.%s %s [scheduled]> since the number of tasks running or queued from DAG %s is >= to the DAG's max_active_tasks limit of 16" % (ts2(), pick(DAGS), pick(TASKS), runid(), pick(DAGS))
@H("scheduler_log", "dag_processor_stats")
def _(): return "File Path                                      PID  Runtime    # DAGs    # Errors  Last Runtime    Last Run\n/opt/airflow/dags/%s.py  %d  0.%02ds   1         0         1.%02ds           %s" % (pick(DAGS), R.randint(100, 9999), R.randint(0, 99), R.randint(0, 99), tsiso()[:19])
@H("scheduler_log", "triggerer_fired")
def _(): return "[%s] {triggerer_job_runner.py:626} INFO - trigger %s/%s/%s/-1/1 (ID %d) fired: TriggerEvent<{'status': 'success', 'message': 'Job completed'}>" % (ts2(), pick(DAGS), runid(), pick(TASKS), R.randint(1, 9999))
@H("scheduler_log", "a3_sched_json")
def _(): return a3("DagRun Finished", logger="airflow.models.dagrun.DagRun", dag_id=pick(DAGS), run_id=runid(), run_start_date=tsiso(), run_end_date=tsiso(), state="success", run_type="scheduled")

@H("worker_log", "celery_received")
def _(): return "[%s: INFO/MainProcess] Task airflow.providers.celery.executors.celery_executor_utils.execute_command[%s] received" % (tsc(), uid())
@H("worker_log", "celery_succeeded")
def _(): return "[%s: INFO/ForkPoolWorker-%d] Task airflow.providers.celery.executors.celery_executor_utils.execute_command[%s] succeeded in %.6fs: None" % (tsc(), R.randint(1, 16), uid(), R.random() * 90)
@H("worker_log", "celery_connected_masked")
def _(): return "[%s: INFO/MainProcess] Connected to redis://:**@redis-master.airflow.svc.cluster.local:6379/0" % tsc()
@H("worker_log", "celery_amqp_masked")
def _(): return "[%s: INFO/MainProcess] Connected to amqp://airflow:**@rabbitmq:5672//" % tsc()
@H("worker_log", "celery_ready")
def _(): return "[%s: INFO/MainProcess] celery@%s ready." % (tsc(), podname())
@H("worker_log", "a3_supervisor")
def _(): return a3("Task finished", logger="supervisor", exit_code=0, duration=R.random() * 100, final_state="success", task_instance_id=uid())
@H("worker_log", "k8s_executor_pod")
def _(): return "[%s] {kubernetes_executor_utils.py:291} INFO - Event: %s Succeeded, annotations: <omitted>" % (ts2(), podname(pick(DAGS).replace("_", "-")))
@H("worker_log", "api_server_access")
def _(): return "INFO:     10.42.%d.%d:%d - \"GET /api/v2/dags/%s/dagRuns?limit=25&order_by=-run_after HTTP/1.1\" 200 OK" % (R.randint(0, 9), R.randint(1, 254), R.randint(30000, 65000), pick(DAGS))
@H("worker_log", "gunicorn_access")
def _(): return "10.42.%d.%d - - [14/Sep/2025:10:%02d:%02d +0000] \"GET /api/v1/dags/%s/dagRuns/%s/taskInstances HTTP/1.1\" 200 %d \"-\" \"python-requests/2.32.3\"" % (R.randint(0, 9), R.randint(1, 254), R.randint(0, 59), R.randint(0, 59), pick(DAGS), q(runid()), R.randint(200, 9000))

@H("api_json", "v2_dag_run")
def _(): return json.dumps({"dag_run_id": runid(), "dag_id": pick(DAGS), "logical_date": tsiso(), "queued_at": tsiso(), "start_date": tsiso(), "end_date": tsiso(), "data_interval_start": tsiso(), "data_interval_end": tsiso(), "run_after": tsiso(), "last_scheduling_decision": tsiso(), "run_type": "scheduled", "state": "success", "triggered_by": "timetable", "conf": {}, "note": None, "dag_versions": [{"id": uid(), "version_number": R.randint(1, 30), "dag_id": pick(DAGS), "bundle_name": "dags-folder", "bundle_version": None, "created_at": tsiso()}]})
@H("api_json", "v1_task_instance")
def _(): return json.dumps({"task_id": pick(TASKS), "dag_id": pick(DAGS), "dag_run_id": runid(), "execution_date": tsiso(), "start_date": tsiso(), "end_date": tsiso(), "duration": round(R.random() * 500, 3), "state": "success", "try_number": 1, "map_index": -1, "max_tries": 2, "hostname": podname(), "unixname": "airflow", "pool": "default_pool", "pool_slots": 1, "queue": "default", "priority_weight": R.randint(1, 20), "operator": "PythonOperator", "queued_when": tsiso(), "pid": R.randint(100, 99999), "executor_config": "{}", "note": None})
@H("api_json", "v2_connection_masked")
def _(): return json.dumps({"connection_id": pick(CONNS), "conn_type": "postgres", "description": None, "host": pick(HOSTS), "login": pick(USERS), "schema": "analytics", "port": 5432, "password": "***", "extra": json.dumps({"sslmode": "require", "connect_timeout": 10}), "team_name": None})
@H("api_json", "v1_connection_list")
def _(): return json.dumps({"connections": [{"connection_id": c, "conn_type": "http", "description": None, "host": "api.partner-example.com", "login": None, "schema": None, "port": None} for c in R.sample(CONNS, 3)], "total_entries": 3})
@H("api_json", "v2_variable_plain")
def _(): return json.dumps({"key": pick(["target_schema", "batch_size", "feature_flags", "s3_landing_bucket"]), "value": pick(["marts", "5000", "{\"enable_v2\": true}", "acme-landing-eu"]), "description": None, "is_encrypted": True, "team_name": None})
@H("api_json", "xcom_entry_ids")
def _(): return json.dumps({"key": "return_value", "timestamp": tsiso(), "logical_date": tsiso(), "map_index": -1, "task_id": pick(TASKS), "dag_id": pick(DAGS), "run_id": runid(), "value": {"s3_key": "s3://acme-staging/%s/%s.parquet" % (day(), uid()), "rows": R.randint(1, 10**6), "checksum": "sha256:" + sha256()}})
@H("api_json", "import_error_syntax")
def _(): return json.dumps({"import_error_id": R.randint(1, 500), "timestamp": tsiso(), "filename": "/opt/airflow/dags/%s.py" % pick(DAGS), "bundle_name": "dags-folder", "stack_trace": "Traceback (most recent call last):\n  File \"<frozen importlib._bootstrap>\", line 488, in _call_with_frames_removed\n  File \"/opt/airflow/dags/x.py\", line 3, in <module>\n    from airflow.providers.snowflake.transfers.s3_to_snowflake import S3ToSnowflakeOperator\nModuleNotFoundError: No module named 'airflow.providers.snowflake.transfers.s3_to_snowflake'"})
@H("api_json", "event_log")
def _(): return json.dumps({"event_log_id": R.randint(1, 10**6), "when": tsiso(), "dag_id": pick(DAGS), "task_id": None, "run_id": None, "map_index": None, "try_number": None, "event": pick(["trigger", "paused", "cli_task_run", "variable.edit"]), "logical_date": None, "owner": pick(["admin", "airflow", "jdoe"]), "extra": json.dumps({"host_name": podname(), "full_command": "['airflow', 'tasks', 'run', '%s', '%s', '%s']" % (pick(DAGS), pick(TASKS), runid())})})
@H("api_json", "pools")
def _(): return json.dumps({"pools": [{"name": "default_pool", "slots": 128, "occupied_slots": R.randint(0, 128), "running_slots": R.randint(0, 40), "queued_slots": R.randint(0, 12), "scheduled_slots": 0, "deferred_slots": 0, "open_slots": R.randint(0, 100), "description": "Default pool", "include_deferred": False}], "total_entries": 1})
@H("api_json", "dag_details")
def _(): return json.dumps({"dag_id": pick(DAGS), "dag_display_name": pick(DAGS), "is_paused": False, "is_stale": False, "last_parsed_time": tsiso(), "fileloc": "/opt/airflow/dags/repo/dags/%s.py" % pick(DAGS), "file_token": b64u(json.dumps("/opt/airflow/dags/repo/dags/x.py").encode()) + "." + rs(27, B64U), "owners": ["data-eng"], "timetable_summary": pick(["0 2 * * *", "@hourly", "*/15 * * * *", "0 6 * * 1-5"]), "tags": [{"name": "etl", "dag_id": "x"}], "max_active_tasks": 16, "has_task_concurrency_limits": False, "next_dagrun_logical_date": tsiso(), "bundle_version": gitsha()})
@H("api_json", "config_masked_hidden")
def _(): return json.dumps({"sections": [{"name": "database", "options": [{"key": "sql_alchemy_conn", "value": "< hidden >"}, {"key": "sql_alchemy_pool_size", "value": "5"}]}]})
@H("api_json", "asset_event")
def _(): return json.dumps({"id": R.randint(1, 99999), "asset_id": R.randint(1, 500), "uri": "s3://acme-lake/curated/%s/" % pick(DAGS), "name": "curated_%s" % pick(TASKS), "group": "asset", "extra": {"from_rest_api": False}, "source_task_id": pick(TASKS), "source_dag_id": pick(DAGS), "source_run_id": runid(), "source_map_index": -1, "created_dagruns": [], "timestamp": tsiso()})
@H("api_json", "health_v2")
def _(): return json.dumps({"metadatabase": {"status": "healthy"}, "scheduler": {"status": "healthy", "latest_scheduler_heartbeat": tsiso()}, "triggerer": {"status": "healthy", "latest_triggerer_heartbeat": tsiso()}, "dag_processor": {"status": "healthy", "latest_dag_processor_heartbeat": tsiso()}})
@H("api_json", "log_continuation_token")
def _():
    tok = b64u(json.dumps({"end_of_log": False, "log_pos": R.randint(100, 90000)}).encode())
    return json.dumps({"content": [{"timestamp": ts3(), "event": "::group::Log message source details", "sources": ["/opt/airflow/logs/dag_id=%s/run_id=%s/task_id=%s/attempt=1.log" % (pick(DAGS), runid(), pick(TASKS))]}], "continuation_token": tok})

@H("near_miss", "docker_image_digest")
def _(): return "Successfully pulled image \"apache/airflow:%s-python3.12@sha256:%s\"" % (pick(["2.10.5", "3.0.2", "2.11.0", "3.1.0"]), sha256())
@H("near_miss", "pip_hash_lock")
def _(): return "apache-airflow-providers-amazon==9.%d.0 \\\n    --hash=sha256:%s \\\n    --hash=sha256:%s" % (R.randint(0, 9), sha256(), sha256())
@H("near_miss", "npm_integrity_sha512")
def _(): return '"node_modules/lodash": {\n  "version": "4.17.21",\n  "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz",\n  "integrity": "sha512-%s=="\n}' % rs(86, B64)
@H("near_miss", "git_sha_log")
def _(): return "commit %s\nAuthor: Data Eng Bot <data-eng@acme.io>\nDate:   Sun Sep 14 10:15:00 2025 +0000\n\n    bump dbt models (%s)" % (gitsha(), gitsha()[:7])
@H("near_miss", "git_sync_log")
def _(): return "{\"logger\":\"\",\"ts\":\"%s\",\"caller\":{\"file\":\"main.go\",\"line\":1776},\"level\":0,\"msg\":\"updated successfully\",\"ref\":\"main\",\"remote\":\"%s\",\"syncCount\":%d}" % (ts3(), gitsha(), R.randint(1, 9000))
@H("near_miss", "s3_etag")
def _(): return json.dumps({"Key": "raw/%s/part-0000.parquet" % day(), "LastModified": tsiso(), "ETag": "\"%s-%d\"" % (hx(32), R.randint(2, 40)), "Size": R.randint(1000, 10**9), "StorageClass": "STANDARD"})
@H("near_miss", "uuid_request_ids")
def _(): return "x-amzn-RequestId: %s\nx-amz-id-2: %s\nx-amz-request-id: %s" % (uid(), rs(76, B64) + "=", rs(16, UP + DIG))
@H("near_miss", "traceparent")
def _(): return "traceparent: 00-%s-%s-01" % (hx(32), hx(16))
@H("near_miss", "otel_span")
def _(): return json.dumps({"name": "task_run", "context": {"trace_id": "0x" + hx(32), "span_id": "0x" + hx(16)}, "attributes": {"airflow.dag_id": pick(DAGS), "airflow.task_id": pick(TASKS)}})
@H("near_miss", "aws_docs_example_keys")
def _(): return pick(["# example from AWS docs, do not use\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                      "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE  # placeholder in README",
                      "# See https://jwt.io: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c is the canonical sample token"])
@H("near_miss", "pod_names")
def _(): return "NAME                                   READY   STATUS    RESTARTS   AGE\n%s   1/1     Running   0          %dh\n%s   2/2     Running   1          %dd" % (podname("airflow-scheduler"), R.randint(1, 23), podname("airflow-api-server"), R.randint(1, 9))
@H("near_miss", "file_sha256sum")
def _(): return "%s  apache_airflow-%s-py3-none-any.whl" % (sha256(), pick(["2.10.5", "3.0.2", "3.1.0"]))
@H("near_miss", "sha512_checksum")
def _(): return "SHA512 (apache-airflow-3.0.2-source.tar.gz) = %s" % hx(128)
@H("near_miss", "fernet_encrypted_marker")
def _(): return "is_encrypted: True, is_extra_encrypted: True, fernet key id fingerprint %s" % hx(16)
@H("near_miss", "cron_and_versions")
def _(): return "schedule=%r, catchup=False, start_date=pendulum.datetime(2025, %d, %d, tz='UTC'), max_active_runs=1  # airflow %s, providers-google %d.%d.0" % (pick(["0 2 * * *", "*/15 * * * *", "@daily", "30 4 * * 1-5"]), R.randint(1, 12), R.randint(1, 28), pick(["2.10.5", "3.0.2"]), R.randint(10, 16), R.randint(0, 9))
@H("near_miss", "base64_payload_non_secret")
def _():
    s = b64(json.dumps({"event": "order_created", "order_id": R.randint(10**6, 10**7), "ts": tsiso()}))
    return json.dumps({"message": {"data": s, "messageId": str(R.randint(10**15, 10**16)), "publishTime": tsiso()}, "subscription": "projects/acme-data/subscriptions/orders-sub"})
@H("near_miss", "gcs_object_md5")
def _(): return json.dumps({"kind": "storage#object", "name": "exports/%s/data.csv" % day(), "bucket": "acme-exports", "generation": str(R.randint(10**15, 10**16)), "md5Hash": b64(rb(16)), "crc32c": b64(rb(4)), "etag": "CL" + rs(12, B64U) + "EAE="})
@H("near_miss", "spark_app_ids")
def _(): return "INFO Client: Application report for application_%d_%04d (state: RUNNING)\n\t tracking URL: http://emr-master:20888/proxy/application_%d_%04d/" % (R.randint(1.7e12, 1.76e12), R.randint(1, 9999), R.randint(1.7e12, 1.76e12), R.randint(1, 9999))
@H("near_miss", "databricks_run_ids")
def _(): return a2("View run status, Spark UI, and logs at https://adb-3847261950384721.1.azuredatabricks.net/?o=3847261950384721#job/%d/run/%d" % (R.randint(10**12, 10**15), R.randint(10**12, 10**15)), loc="{databricks.py:81}")
@H("near_miss", "hex_cache_keys")
def _(): return "restored cache key: airflow-deps-Linux-%s from %s" % (sha256(), "https://artifactcache.actions.githubusercontent.com/" + rs(30, B64U) + "/_apis/artifactcache/cache")
@H("near_miss", "placeholder_strings")
def _(): return pick(["password: <your-password-here>", "API_KEY=changeme", "token: xxxxxxxxxxxxxxxxxxxxxxxx", "secret_key=REPLACE_ME", "SLACK_WEBHOOK=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"]) + "  # %s" % pick(["template", "see README", "fill in locally"])
@H("near_miss", "ssh_public_key")
def _(): return "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s airflow@%s" % (rs(43, B64), podname())
@H("near_miss", "cert_public")
def _(): return "-----BEGIN CERTIFICATE-----\nMIID" + rs(60, B64) + "\n" + rs(64, B64) + "\n" + rs(30, B64) + "==\n-----END CERTIFICATE-----"
@H("near_miss", "ssh_host_fingerprint")
def _(): return "[%s] {transport.py:1944} INFO - Connected (version 2.0, client OpenSSH_9.6)\nHost key fingerprint SHA256:%s" % (ts2(), rs(43, B64))
@H("near_miss", "asset_uris")
def _(): return "Asset(uri='s3://acme-lake/curated/%s/', extra={'team': 'data-eng'}) updated by %s.%s" % (pick(DAGS), pick(DAGS), pick(TASKS))
@H("near_miss", "masked_already")
def _(): return pick(["password=***", "AIRFLOW_CONN_PG=postgres://etl:***@pg:5432/db", "Authorization: Bearer ***", "{'api_key': '***', 'region': 'eu-west-1'}", "smtp_password = < hidden >"]) + " (%s)" % ts2()

@H("key_word_nonsecret", "prose_token_words")
def _(): return pick(["Refreshing OAuth token before expiry (expires_in=3599s)", "token bucket rate limiter: 10 req/s, burst 20", "Password rotation policy enforced: 90 days", "tokenizer.json downloaded (2.1 MB)", "The secret to fast DAG parsing is keeping top-level code light.", "Secrets backend lookup miss for conn_id=%s, falling back to metastore" % pick(CONNS)]) + " [%s]" % ts2()
@H("key_word_nonsecret", "secrets_backend_debug")
def _(): return a2("Checking secrets backend airflow.secrets.environment_variables.EnvironmentVariablesBackend for conn_id '%s'" % pick(CONNS), lvl="DEBUG", loc="{base.py:70}")
@H("key_word_nonsecret", "token_metrics")
def _(): return "llm_usage prompt_tokens=%d completion_tokens=%d total_tokens=%d model=gpt-4o-mini" % (R.randint(10, 9000), R.randint(10, 900), R.randint(100, 9999))
@H("key_word_nonsecret", "auth_manager_log")
def _(): return "[%s] {simple_auth_manager.py:%d} INFO - Simple auth manager | Password for user 'admin' stored in /opt/airflow/simple_auth_manager_passwords.json.generated" % (ts2(), R.randint(100, 200))

@H("reference", "jinja_conn_var_refs")
def _(): return pick(["sql=\"SELECT * FROM t WHERE tenant = '{{ var.value.tenant_id }}'\"", "bash_command=\"psql -U {{ conn.pg_warehouse.login }} -h {{ conn.pg_warehouse.host }}\"", "env={'DB_PASS': '{{ conn.%s.password }}'}" % pick(CONNS), "api_key=\"{{ var.value.partner_api_key }}\""]) + "  # %s" % pick(TASKS)
@H("reference", "vault_paths")
def _(): return "vault kv get -field=password secret/airflow/connections/%s  # version %d" % (pick(CONNS), R.randint(1, 40))
@H("reference", "aws_secret_arn")
def _(): return "arn:aws:secretsmanager:eu-west-1:%d:secret:airflow/connections/%s-%s" % (R.randint(10**11, 10**12 - 1), pick(CONNS), rs(6))
@H("reference", "k8s_secretkeyref")
def _(): return "        - name: AIRFLOW__DATABASE__SQL_ALCHEMY_CONN\n          valueFrom:\n            secretKeyRef:\n              name: airflow-metadata\n              key: connection"
@H("reference", "env_var_refs")
def _(): return pick(["password: ${DB_PASSWORD}", "token: ${{ secrets.AIRFLOW_API_TOKEN }}", "AIRFLOW__CORE__FERNET_KEY_CMD=cat /run/secrets/fernet_key", "sql_alchemy_conn_secret = airflow/metadata-db", "- DB_PASS=$(aws secretsmanager get-secret-value --secret-id prod/db --query SecretString --output text)"])
@H("reference", "gcp_secret_manager_ref")
def _(): return "projects/%d/secrets/airflow-connections-%s/versions/latest" % (R.randint(10**11, 10**12), pick(CONNS).replace("_", "-"))

@H("config", "airflow_cfg_core")
def _(): return "[core]\ndags_folder = /opt/airflow/dags\nexecutor = %s\nparallelism = %d\nmax_active_tasks_per_dag = 16\nload_examples = False\nhide_sensitive_var_conn_fields = True" % (pick(["CeleryExecutor", "KubernetesExecutor", "LocalExecutor"]), pick([32, 64, 128]))
@H("config", "helm_values_nonsecret")
def _(): return "executor: CeleryExecutor\nimages:\n  airflow:\n    repository: apache/airflow\n    tag: %s\nworkers:\n  replicas: %d\n  resources:\n    limits:\n      memory: 4Gi\ndata:\n  metadataSecretName: airflow-metadata" % (pick(["2.10.5", "3.0.2"]), R.randint(1, 8))
@H("config", "compose_healthcheck")
def _(): return "    healthcheck:\n      test: [\"CMD\", \"curl\", \"--fail\", \"http://localhost:8080/api/v2/version\"]\n      interval: %ds\n      timeout: 10s\n      retries: 5\n      start_period: 30s" % pick([10, 30])
@H("config", "gha_ci_output")
def _(): return "Run astral-sh/setup-uv@v5\n  with:\n    version: 0.%d.%d\n    enable-cache: true\nTrying to restore uv cache from GitHub Actions cache with key: setup-uv-1-x86_64-unknown-linux-gnu-%s" % (R.randint(4, 9), R.randint(0, 20), sha256())
@H("config", "pytest_output")
def _(): return "tests/dags/test_%s.py::test_dag_loads PASSED [%d%%]\n==== %d passed, %d warnings in %.2fs ====" % (pick(DAGS), R.randint(1, 100), R.randint(10, 400), R.randint(0, 30), R.random() * 100)
@H("config", "requirements_pins")
def _(): return "apache-airflow==%s\napache-airflow-providers-postgres==6.%d.0\napache-airflow-providers-slack==9.%d.0\npsycopg2-binary==2.9.10" % (pick(["2.10.5", "3.0.2", "3.1.0"]), R.randint(0, 3), R.randint(0, 3))
@H("config", "webserver_config_py")
def _(): return "from flask_appbuilder.security.manager import AUTH_OAUTH\nAUTH_TYPE = AUTH_OAUTH\nAUTH_USER_REGISTRATION = True\nAUTH_USER_REGISTRATION_ROLE = \"Viewer\"\nOAUTH_PROVIDERS = [{\"name\": \"azure\", \"token_key\": \"access_token\", \"icon\": \"fa-windows\", \"remote_app\": {\"client_id\": os.environ[\"AZURE_CLIENT_ID\"], \"api_base_url\": \"https://login.microsoftonline.com/%s/oauth2\"}}]" % uid()
@H("config", "airflow_info")
def _(): return "Apache Airflow\nversion                | %s\nexecutor               | %s\nsql_alchemy_conn       | postgresql+psycopg2://airflow:***@pg-airflow:5432/airflow\ndags_folder            | /opt/airflow/dags\nplugins_folder         | /opt/airflow/plugins" % (pick(["2.10.5", "2.11.0"]), pick(["CeleryExecutor", "KubernetesExecutor"]))

@H("dag_source", "dag_taskflow")
def _(): return "from airflow.sdk import dag, task\nimport pendulum\n\n@dag(schedule=%r, start_date=pendulum.datetime(2025, 1, 1, tz=\"UTC\"), catchup=False, tags=[\"etl\"])\ndef %s():\n    @task\n    def extract() -> list[dict]:\n        hook = PostgresHook(postgres_conn_id=\"%s\")\n        return hook.get_records(\"SELECT id FROM orders WHERE updated_at > %%s\", parameters=[\"{{ ds }}\"])\n" % (pick(["@daily", "0 3 * * *"]), pick(DAGS), pick(CONNS))
@H("dag_source", "dag_classic_ops")
def _(): return "with DAG(dag_id=\"%s\", schedule=\"%s\", default_args={\"retries\": %d, \"retry_delay\": timedelta(minutes=5)}):\n    load = S3ToSnowflakeOperator(task_id=\"load\", snowflake_conn_id=\"snowflake_prod\", s3_keys=[\"events/{{ ds_nodash }}.json\"], stage=\"RAW.EVENTS_STAGE\", table=\"EVENTS\", file_format=\"(type = 'JSON')\")" % (pick(DAGS), pick(["@hourly", "0 2 * * *"]), R.randint(0, 3))
@H("dag_source", "dag_kpo")
def _(): return "KubernetesPodOperator(\n    task_id=\"%s\",\n    image=\"acme/etl@sha256:%s\",\n    env_vars=[k8s.V1EnvVar(name=\"DB_PASSWORD\", value_from=k8s.V1EnvVarSource(secret_key_ref=k8s.V1SecretKeySelector(name=\"etl-db\", key=\"password\")))],\n    get_logs=True,\n)" % (pick(TASKS), sha256())

# airflow_key_rule harmless: harmless values under sensitive key names
@H("key_word_nonsecret", "kr_password_masked", 8, True)
def _(): return json.dumps({"connection_id": pick(CONNS), "conn_type": "mysql", "host": pick(HOSTS), "login": pick(USERS), "password": pick(["***", None, ""]), "port": 3306})
@H("reference", "kr_api_key_template", 8, True)
def _(): return json.dumps({"rendered_fields": {"headers": {"api_key": "{{ var.value.%s }}" % pick(["partner_api_key", "weather_key"]), "Accept": "application/json"}}})
@H("config", "kr_token_url", 8, True)
def _(): return json.dumps({"extra": {"token_url": pick(["https://oauth2.googleapis.com/token", "https://login.microsoftonline.com/%s/oauth2/v2.0/token" % uid(), "https://acme.okta.com/oauth2/default/v1/token"]), "scope": "api://airflow/.default"}})
@H("key_word_nonsecret", "kr_password_policy", 6, True)
def _(): return "password_policy: min_length=%d, require_symbols=true, expiry_days=%d" % (R.randint(10, 16), R.randint(30, 180))
@H("reference", "kr_secret_name", 8, True)
def _(): return json.dumps({"secret_name": "airflow/connections/%s" % pick(CONNS), "secret_version": "AWSCURRENT", "region": "eu-west-1"})
@H("config", "kr_private_key_path", 6, True)
def _(): return json.dumps({"conn_type": "sftp", "extra": {"private_key_path": "/opt/airflow/keys/id_%s" % pick(["rsa", "ed25519"]), "private_key_passphrase": None, "no_host_key_check": False}})
@H("api_json", "kr_service_account_email", 6, True)
def _(): return json.dumps({"extra": {"impersonation_chain": None, "service_account": "airflow-%s@acme-data-prod.iam.gserviceaccount.com" % pick(["prod", "dev", "etl"]), "project": "acme-data-prod"}})
@H("config", "kr_token_expiry_int", 6, True)
def _(): return "access_token_ttl = %d\nrefresh_token_ttl = %d" % (pick([900, 3600]), pick([86400, 604800]))
@H("api_json", "kr_keyfile_dict_masked", 6, True)
def _(): return json.dumps({"connection_id": "google_cloud_default", "conn_type": "google_cloud_platform", "extra": json.dumps({"keyfile_dict": "***", "project": "acme-data-prod", "num_retries": 5})})

# ---------------------------------------------------------------------------------------------
def main():
    gen_secrets()
    order = list(range(len(LINES))); R.shuffle(order)
    out = []
    for i, idx in enumerate(order, 1):
        kind, fam, fmt, text, secrets, reg, kr = LINES[idx]
        o = {"id": "%s-%05d" % (PFX, i), "kind": kind, "family": fam, "format": fmt, "text": text, "secrets": secrets}
        if reg: o["registered"] = reg
        if kr: o["airflow_key_rule"] = True
        out.append(json.dumps(o, ensure_ascii=False))
    with open(os.path.abspath(OUT), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    print("wrote %d lines to %s" % (len(out), os.path.abspath(OUT)))

if __name__ == "__main__":
    main()
