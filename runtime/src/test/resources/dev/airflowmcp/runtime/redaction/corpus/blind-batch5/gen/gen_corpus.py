#!/usr/bin/env python3
"""Blind evaluation corpus generator for the Airflow MCP secret redactor (batch 5).

Stdlib only, fixed seed, byte-identical output on every run.
Every secret is fake: drawn from the seeded PRNG with the shape of the real format.
"""
import base64
import binascii
import json
import os
import random
import string
import sys
import urllib.parse
import uuid
import zlib

SEED = 5512026
PFX = "b5"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "corpus.jsonl")

R = random.Random(SEED)

UP = string.ascii_uppercase
LO = string.ascii_lowercase
DG = string.digits
AN = UP + LO + DG
ANL = LO + DG
ANU = UP + DG
HEX = "0123456789abcdef"
B64 = AN + "+/"
B64U = AN + "-_"
B32 = UP + "234567"
PUNCT = "!#$%&*+-.:;<=>?@^_~/|{}[]()',\"\\"


def rs(alpha, n):
    return "".join(R.choice(alpha) for _ in range(n))


def hx(n):
    return rs(HEX, n)


def b64(nbytes):
    return base64.b64encode(bytes(R.getrandbits(8) for _ in range(nbytes))).decode()


def b64u(nbytes):
    return base64.urlsafe_b64encode(bytes(R.getrandbits(8) for _ in range(nbytes))).decode().rstrip("=")


def uid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def pick(seq):
    return R.choice(seq)


def num(a, b):
    return R.randint(a, b)


def pw(n=None, punct=PUNCT, must=True):
    """Password with punctuation, at least one letter, digit and punct char."""
    n = n or num(12, 24)
    alpha = AN + punct
    while True:
        s = rs(alpha, n)
        if (not must) or (any(c in punct for c in s) and any(c.isdigit() for c in s) and any(c.isalpha() for c in s)):
            return s


def pw_plain(n=None):
    n = n or num(14, 22)
    while True:
        s = rs(AN, n)
        if any(c.isdigit() for c in s) and any(c.isupper() for c in s) and any(c.islower() for c in s):
            return s


def base62(n, width):
    out = ""
    while n:
        n, d = divmod(n, 62)
        out = (DG + UP + LO)[d] + out
    return out.rjust(width, "0")


def gh_token(prefix):
    body = rs(AN, 30)
    return prefix + body + base62(zlib.crc32(body.encode()) & 0xFFFFFFFF, 6)


FIRST = ["alice", "bruno", "chen", "dana", "emeka", "farah", "gosia", "hiro", "ines", "jonas", "kavya", "lars", "mei", "nadia", "omar", "pia"]
USERS = ["etl_user", "airflow", "svc_loader", "report_ro", "dbt_runner", "ingest", "analytics", "warehouse_admin", "replicator", "sync_bot"]
HOSTS = ["pg-prod-01.internal", "db.eu-west-1.rds.amazonaws.com", "10.20.3.14", "mysql.analytics.svc.cluster.local",
         "warehouse.corp.example.net", "redis-master.cache.svc", "rabbitmq.queue.svc", "mongo-0.mongo.svc.cluster.local"]
DAGS = ["daily_sales_rollup", "ingest_clickstream", "ml_feature_refresh", "sync_crm_contacts", "billing_export",
        "dbt_nightly", "s3_to_snowflake", "partner_feed_import", "gdpr_erasure", "marketing_attribution"]
TASKS = ["extract", "load_to_stage", "transform", "notify_slack", "run_dbt", "upload_report", "validate_counts",
         "push_metrics", "fetch_api", "cleanup_tmp"]
CONNS = ["postgres_default", "aws_default", "snowflake_prod", "slack_alerts", "http_partner_api", "mysql_crm",
         "gcp_bq", "azure_blob", "sftp_vendor", "redis_cache", "mongo_events", "kafka_cluster"]
BUCKETS = ["acme-data-lake", "raw-events-prod", "ml-artifacts-eu", "analytics-exports", "airflow-logs-prod"]


def ts(a3=False):
    y = pick([2024, 2025, 2026])
    mo, d, h, mi, s = num(1, 12), num(1, 28), num(0, 23), num(0, 59), num(0, 59)
    if a3:
        return "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (y, mo, d, h, mi, s, num(0, 999999))
    return "%04d-%02d-%02d, %02d:%02d:%02d UTC" % (y, mo, d, h, mi, s)


def iso():
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06d+00:00" % (pick([2024, 2025, 2026]), num(1, 12), num(1, 28), num(0, 23), num(0, 59), num(0, 59), num(0, 999999))


def runid():
    return pick(["scheduled__", "manual__"]) + iso()


def logline(msg, src=None, lvl="INFO"):
    src = src or pick(["taskinstance.py:%d" % num(1100, 3100), "logging_mixin.py:%d" % num(150, 200),
                       "subprocess.py:%d" % num(60, 99), "base.py:%d" % num(70, 90), "python.py:%d" % num(180, 240)])
    return "[%s] {%s} %s - %s" % (ts(), src, lvl, msg)


def a3log(event, logger="airflow.task", lvl="info", **kw):
    d = {"timestamp": ts(True), "level": lvl, "event": event, "logger": logger}
    d.update(kw)
    return json.dumps(d)


# ---------------------------------------------------------------- secret templates
SECRET_T = []


def sec(family, fmt, n=4):
    def deco(fn):
        SECRET_T.append((family, fmt, fn, n))
        return fn
    return deco


# ---- vendor tokens ------------------------------------------------------------
def aws_id(p="AKIA"):
    return p + rs(B32, 16)


def aws_sec():
    return rs(B64, 40)


@sec("vendor_token", "vendor:aws_access_key_pair")
def _():
    k, s = aws_id(), aws_sec()
    t = pick(["[default]\naws_access_key_id = %s\naws_secret_access_key = %s\nregion = eu-west-1" % (k, s),
              "export AWS_ACCESS_KEY_ID=%s\nexport AWS_SECRET_ACCESS_KEY=%s" % (k, s),
              logline("boto3 session created with credentials Credentials(access_key='%s', secret_key='%s', token=None)" % (k, s), "base_aws.py:%d" % num(600, 700), "DEBUG")])
    return t, [k, s]


@sec("vendor_token", "vendor:aws_sts_session")
def _():
    k, s = aws_id("ASIA"), aws_sec()
    tok = "IQoJb3JpZ2luX2VjE" + rs(B64, num(300, 420))
    t = json.dumps({"Credentials": {"AccessKeyId": k, "SecretAccessKey": s, "SessionToken": tok,
                                    "Expiration": iso()}, "AssumedRoleUser": {"Arn": "arn:aws:sts::%d:assumed-role/airflow-worker/botocore-session-%d" % (num(10**11, 10**12 - 1), num(10**9, 10**10))}}, indent=None)
    return t, [k, s, tok]


@sec("vendor_token", "vendor:github_pat_classic")
def _():
    t = gh_token("ghp_")
    return pick(["git clone https://%s@github.com/acme/data-pipelines.git" % t,
                 "GITHUB_TOKEN=%s" % t,
                 logline("Cloning with header Authorization: token %s" % t, "git_hook.py:%d" % num(80, 140))]), [t]


@sec("vendor_token", "vendor:github_fine_grained_pat")
def _():
    t = "github_pat_" + rs(ANU, 22) + "_" + rs(AN, 59)
    return pick(['{"conn_type": "github", "password": "%s", "host": "https://api.github.com"}' % t,
                 "gh auth login --with-token <<< '%s'" % t]), [t]


@sec("vendor_token", "vendor:github_oauth_app_token", 3)
def _():
    t = gh_token(pick(["gho_", "ghu_"]))
    return "curl -s -H 'Authorization: Bearer %s' https://api.github.com/user/repos?per_page=100" % t, [t]


@sec("vendor_token", "vendor:github_app_installation_token", 3)
def _():
    t = gh_token("ghs_")
    return json.dumps({"token": t, "expires_at": iso(), "permissions": {"contents": "read", "metadata": "read"}, "repository_selection": "selected"}), [t]


@sec("vendor_token", "vendor:gitlab_pat")
def _():
    t = "glpat-" + rs(B64U, 20)
    return pick(["PRIVATE-TOKEN: %s" % t, "https://oauth2:%s@gitlab.acme.io/data/airflow-dags.git" % t]), [t]


@sec("vendor_token", "vendor:gitlab_runner_token", 3)
def _():
    t = "glrt-" + rs(B64U, 20)
    return '[[runners]]\n  name = "k8s-runner-%s"\n  url = "https://gitlab.acme.io/"\n  token = "%s"\n  executor = "kubernetes"' % (hx(5), t), [t]


@sec("vendor_token", "vendor:slack_bot_token")
def _():
    t = "xoxb-%d-%d-%s" % (num(10**10, 10**12), num(10**11, 10**13), rs(AN, 24))
    return pick([json.dumps({"conn_id": "slack_api_default", "conn_type": "slack", "password": t}),
                 logline("SlackHook init: base_url=https://www.slack.com/api/ token=%s" % t, "slack.py:%d" % num(100, 200), "DEBUG")]), [t]


@sec("vendor_token", "vendor:slack_user_token", 3)
def _():
    t = "xoxp-%d-%d-%d-%s" % (num(10**10, 10**12), num(10**10, 10**12), num(10**11, 10**13), hx(32))
    return "SLACK_USER_TOKEN='%s'" % t, [t]


@sec("vendor_token", "vendor:slack_app_token", 3)
def _():
    t = "xapp-1-A%s-%d-%s" % (rs(ANU, 10), num(10**12, 10**13), hx(64))
    return "socket_mode:\n  app_token: %s\n  enabled: true" % t, [t]


@sec("vendor_token", "vendor:google_api_key")
def _():
    t = "AIza" + rs(B64U, 35)
    return pick(["https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key=%s" % t,
                 json.dumps({"extra": json.dumps({"api_key": t, "project": "acme-analytics"})})]), [t]


@sec("vendor_token", "vendor:google_oauth_client_secret", 3)
def _():
    t = "GOCSPX-" + rs(B64U, 28)
    cid = "%d-%s.apps.googleusercontent.com" % (num(10**11, 10**12), rs(ANL, 32))
    return json.dumps({"installed": {"client_id": cid, "client_secret": t, "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token"}}), [t]


@sec("vendor_token", "vendor:google_refresh_token", 3)
def _():
    t = "1//0" + rs(B64U, num(90, 100))
    return "gcloud auth: refresh_token=%s client_id=%d-%s.apps.googleusercontent.com" % (t, num(10**11, 10**12), rs(ANL, 32)), [t]


@sec("vendor_token", "vendor:google_access_token_ya29", 3)
def _():
    t = "ya29." + rs(B64U, num(150, 200))
    return logline("Request: POST https://bigquery.googleapis.com/bigquery/v2/projects/acme/jobs headers={'Authorization': 'Bearer %s', 'x-goog-api-client': 'gl-python/3.11'}" % t, "bigquery.py:%d" % num(1500, 1700), "DEBUG"), [t]


@sec("vendor_token", "vendor:stripe_secret_live")
def _():
    t = "sk_live_" + rs(AN, pick([24, 99]))
    return pick(["STRIPE_API_KEY=%s" % t, "stripe.api_key = \"%s\"" % t, "curl https://api.stripe.com/v1/charges -u %s:" % t]), [t]


@sec("vendor_token", "vendor:stripe_restricted_key", 3)
def _():
    t = "rk_live_" + rs(AN, 99)
    return json.dumps({"key": "stripe_billing_export", "value": t, "description": "read-only key for invoices"}), [t]


@sec("vendor_token", "vendor:stripe_webhook_secret", 3)
def _():
    t = "whsec_" + rs(AN, 32)
    return "STRIPE_WEBHOOK_SIGNING=%s  # from dashboard > developers > webhooks" % t, [t]


@sec("vendor_token", "vendor:twilio_api_key", 3)
def _():
    sid = "SK" + hx(32)
    secret = rs(AN, 32)
    return "twilio api:core:messages:create --api-key %s --api-secret %s --from +15005550006" % (sid, secret), [sid, secret]


@sec("vendor_token", "vendor:twilio_auth_token", 3)
def _():
    tok = hx(32)
    return json.dumps({"conn_type": "http", "login": "AC" + hx(32), "password": tok, "host": "https://api.twilio.com"}), [tok]


@sec("vendor_token", "vendor:sendgrid_api_key")
def _():
    t = "SG." + rs(B64U, 22) + "." + rs(B64U, 43)
    return pick(["[smtp]\nsmtp_host = smtp.sendgrid.net\nsmtp_user = apikey\nsmtp_password = %s" % t,
                 "Authorization: Bearer %s" % t]), [t]


@sec("vendor_token", "vendor:mailgun_api_key", 3)
def _():
    t = "key-" + hx(32)
    return "curl -s --user 'api:%s' https://api.eu.mailgun.net/v3/mg.acme.io/messages -F to=ops@acme.io" % t, [t]


@sec("vendor_token", "vendor:mailchimp_api_key", 3)
def _():
    t = hx(32) + "-us" + str(num(1, 21))
    return "MAILCHIMP_KEY=%s" % t, [t]


@sec("vendor_token", "vendor:openai_project_key")
def _():
    t = "sk-proj-" + rs(B64U, 74) + "T3BlbkFJ" + rs(B64U, 74)
    return pick(["OPENAI_API_KEY=%s" % t, "openai.OpenAI(api_key=\"%s\")" % t]), [t]


@sec("vendor_token", "vendor:anthropic_api_key", 3)
def _():
    t = "sk-ant-api03-" + rs(B64U, 93) + "AA"
    return logline("LLM call failed: 401 invalid x-api-key %s" % t, "llm_ops.py:%d" % num(20, 90), "ERROR"), [t]


@sec("vendor_token", "vendor:huggingface_token", 3)
def _():
    t = "hf_" + rs(UP + LO, 34)
    return "huggingface-cli login --token %s --add-to-git-credential" % t, [t]


@sec("vendor_token", "vendor:npm_token", 3)
def _():
    t = "npm_" + rs(AN, 36)
    return "//registry.npmjs.org/:_authToken=%s" % t, [t]


@sec("vendor_token", "vendor:pypi_upload_token", 3)
def _():
    t = "pypi-AgEIcHlwaS5vcmc" + rs(B64U, num(140, 180))
    return "[pypi]\n  username = __token__\n  password = %s" % t, [t]


@sec("vendor_token", "vendor:dockerhub_pat", 3)
def _():
    t = "dckr_pat_" + rs(B64U, 27)
    return "echo %s | docker login -u acmebuild --password-stdin" % t, [t]


@sec("vendor_token", "vendor:databricks_pat")
def _():
    t = "dapi" + hx(32) + pick(["", "-2", "-3"])
    return pick([json.dumps({"conn_type": "databricks", "host": "https://adb-%d.%d.azuredatabricks.net" % (num(10**15, 10**16), num(1, 19)), "password": t}),
                 "DATABRICKS_TOKEN=%s" % t]), [t]


@sec("vendor_token", "vendor:azure_storage_conn_string")
def _():
    k = b64(64)
    acct = "acme" + rs(ANL, 8)
    return "DefaultEndpointsProtocol=https;AccountName=%s;AccountKey=%s;EndpointSuffix=core.windows.net" % (acct, k), [k]


@sec("vendor_token", "vendor:azure_sas_token", 3)
def _():
    sig = urllib.parse.quote(b64(32), safe="")
    return "https://acme%s.blob.core.windows.net/raw/events/2024/part-0001.parquet?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2026-12-31T23:59:59Z&st=2024-01-01T00:00:00Z&spr=https&sig=%s" % (rs(ANL, 6), sig), [sig]


@sec("vendor_token", "vendor:azure_ad_client_secret", 3)
def _():
    t = rs(AN, 3) + str(num(7, 8)) + "Q~" + rs(AN + "._~-", 34)
    return json.dumps({"conn_type": "azure_data_factory", "login": uid(), "password": t, "extra": {"tenantId": uid(), "subscriptionId": uid()}}), [t]


@sec("vendor_token", "vendor:shopify_admin_token", 3)
def _():
    t = pick(["shpat_", "shpca_", "shppa_"]) + hx(32)
    return "X-Shopify-Access-Token: %s" % t, [t]


@sec("vendor_token", "vendor:atlassian_api_token", 3)
def _():
    t = "ATATT3xFfGF0" + rs(B64U, 180) + "=" + hx(8).upper()
    return "JIRA_API_TOKEN=%s" % t, [t]


@sec("vendor_token", "vendor:datadog_api_app_keys", 3)
def _():
    a, b = hx(32), hx(40)
    return "DD-API-KEY: %s\nDD-APPLICATION-KEY: %s" % (a, b), [a, b]


@sec("vendor_token", "vendor:newrelic_user_key", 3)
def _():
    t = "NRAK-" + rs(ANU, 27)
    return "newrelic profile add --profile prod --region US --apiKey %s --accountId %d" % (t, num(10**6, 10**7)), [t]


@sec("vendor_token", "vendor:sentry_dsn", 3)
def _():
    k = hx(32)
    return "SENTRY_DSN=https://%s@o%d.ingest.us.sentry.io/%d" % (k, num(10**5, 10**6), num(10**6, 10**7)), [k]


@sec("vendor_token", "vendor:sentry_user_token", 3)
def _():
    t = "sntryu_" + hx(64)
    return "[auth]\ntoken=%s" % t, [t]


@sec("vendor_token", "vendor:digitalocean_pat", 3)
def _():
    t = "dop_v1_" + hx(64)
    return "doctl auth init --access-token %s" % t, [t]


@sec("vendor_token", "vendor:linear_api_key", 3)
def _():
    t = "lin_api_" + rs(AN, 40)
    return json.dumps({"headers": {"Authorization": t, "Content-Type": "application/json"}, "url": "https://api.linear.app/graphql"}), [t]


@sec("vendor_token", "vendor:notion_integration_token", 3)
def _():
    t = pick(["secret_" + rs(AN, 43), "ntn_" + rs(DG, 11) + rs(AN, 35)])
    return "notion = Client(auth=\"%s\")" % t, [t]


@sec("vendor_token", "vendor:airtable_pat", 3)
def _():
    t = "pat" + rs(AN, 14) + "." + hx(64)
    return "curl https://api.airtable.com/v0/app%s/Leads -H \"Authorization: Bearer %s\"" % (rs(AN, 14), t), [t]


@sec("vendor_token", "vendor:okta_api_token", 3)
def _():
    t = "00" + rs(B64U, 40)
    return "Authorization: SSWS %s" % t, [t]


@sec("vendor_token", "vendor:jfrog_api_key", 3)
def _():
    t = "AKCp8" + rs(AN, 68)
    return "pip install --index-url https://ci-bot:%s@acme.jfrog.io/artifactory/api/pypi/pypi-virtual/simple acme-etl==4.2.0" % t, [t]


@sec("vendor_token", "vendor:vault_service_token")
def _():
    t = "hvs." + rs(B64U, pick([24, 91]))
    return pick(["VAULT_TOKEN=%s vault kv get secret/airflow/connections/snowflake_prod" % t,
                 "[secrets]\nbackend = airflow.providers.hashicorp.secrets.vault.VaultBackend\nbackend_kwargs = {\"connections_path\": \"connections\", \"url\": \"https://vault.acme.io:8200\", \"token\": \"%s\"}" % t]), [t]


@sec("vendor_token", "vendor:terraform_cloud_token", 3)
def _():
    t = rs(AN, 14) + ".atlasv1." + rs(AN, 67)
    return 'credentials "app.terraform.io" {\n  token = "%s"\n}' % t, [t]


@sec("vendor_token", "vendor:confluent_cloud_api_key", 3)
def _():
    k, s = rs(ANU, 16), rs(B64, 64)
    return "sasl.mechanism=PLAIN\nsasl.username=%s\nsasl.password=%s\nbootstrap.servers=pkc-%s.eu-west-1.aws.confluent.cloud:9092" % (k, s, rs(ANL, 5)), [s]


@sec("vendor_token", "vendor:discord_webhook", 3)
def _():
    a, b = str(num(10**17, 10**18)), rs(B64U, 68)
    return "https://discord.com/api/webhooks/%s/%s" % (a, b), [b]


@sec("vendor_token", "vendor:telegram_bot_token", 3)
def _():
    t = "%d:AA%s" % (num(10**9, 8 * 10**9), rs(B64U, 33))
    return "curl -s https://api.telegram.org/bot%s/sendMessage -d chat_id=-100%d -d text='DAG failed'" % (t, num(10**9, 10**10)), [t]


@sec("vendor_token", "vendor:square_access_token", 3)
def _():
    t = "EAAA" + rs(B64U, 60)
    return "SQUARE_ACCESS_TOKEN: '%s'" % t, [t]


@sec("vendor_token", "vendor:braintree_access_token", 3)
def _():
    t = "access_token$production$%s$%s" % (rs(ANL, 16), hx(32))
    return 'gateway = braintree.BraintreeGateway(access_token="%s")' % t, [t]


@sec("vendor_token", "vendor:grafana_service_account_token", 3)
def _():
    body = rs(AN, 32)
    t = "glsa_" + body + "_" + "%08x" % (zlib.crc32(body.encode()) & 0xFFFFFFFF)
    return "GF_API_TOKEN=%s" % t, [t]


@sec("vendor_token", "vendor:grafana_cloud_token", 3)
def _():
    inner = base64.b64encode(json.dumps({"o": str(num(10**5, 10**6)), "n": "airflow-metrics", "k": rs(AN, 24), "m": {"r": "prod-eu-west-2"}}, separators=(",", ":")).encode()).decode().rstrip("=")
    t = "glc_" + inner
    return "remote_write:\n  - url: https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push\n    basic_auth:\n      username: %d\n      password: %s" % (num(10**5, 10**6), t), [t]


@sec("vendor_token", "vendor:buildkite_agent_token", 3)
def _():
    t = "bkua_" + hx(40)
    return "BUILDKITE_API_TOKEN=%s" % t, [t]


@sec("vendor_token", "vendor:doppler_service_token", 3)
def _():
    t = "dp.st.prd." + rs(AN, 40)
    return "doppler run --token %s -- airflow dags trigger billing_export" % t, [t]


@sec("vendor_token", "vendor:pulumi_access_token", 3)
def _():
    t = "pul-" + hx(40)
    return "PULUMI_ACCESS_TOKEN=%s pulumi up --stack prod --yes" % t, [t]


@sec("vendor_token", "vendor:age_secret_key", 3)
def _():
    t = "AGE-SECRET-KEY-1" + rs("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)
    return "# created: %s\n# public key: age1%s\n%s" % (iso(), rs("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58), t), [t]


@sec("vendor_token", "vendor:mapbox_secret_token", 3)
def _():
    t = "sk.eyJ1IjoiYWNtZS1nZW8iLCJhIjoi" + rs(AN, 22) + "In0." + rs(B64U, 22)
    return "MAPBOX_DOWNLOADS_TOKEN=%s" % t, [t]


@sec("vendor_token", "vendor:planetscale_password", 3)
def _():
    t = "pscale_pw_" + rs(B64U, 43)
    return "mysql://%s:%s@aws.connect.psdb.cloud/analytics?sslaccept=strict" % (rs(ANL, 12), t), [t]


@sec("vendor_token", "vendor:supabase_access_token", 3)
def _():
    t = "sbp_" + hx(40)
    return "supabase login --token %s" % t, [t]


@sec("vendor_token", "vendor:postman_api_key", 3)
def _():
    t = "PMAK-" + hx(24) + "-" + hx(34)
    return "newman run collection.json --env-var \"apiKey=%s\"" % t, [t]


@sec("vendor_token", "vendor:rubygems_api_key", 3)
def _():
    t = "rubygems_" + hx(48)
    return "---\n:rubygems_api_key: %s" % t, [t]


@sec("vendor_token", "vendor:nuget_api_key", 3)
def _():
    t = "oy2" + rs(ANL, 43)
    return "dotnet nuget push Acme.Etl.4.2.0.nupkg --api-key %s --source https://api.nuget.org/v3/index.json" % t, [t]


@sec("vendor_token", "vendor:dynatrace_token", 3)
def _():
    t = "dt0c01." + rs(ANU, 24) + "." + rs(ANU, 64)
    return "Api-Token %s" % t, [t]


@sec("vendor_token", "vendor:contentful_pat", 3)
def _():
    t = "CFPAT-" + rs(B64U, 43)
    return "contentful space export --space-id %s --management-token %s" % (rs(ANL, 12), t), [t]


@sec("vendor_token", "vendor:twitter_bearer_token", 3)
def _():
    t = "AAAAAAAAAAAAAAAAAAAAA" + rs(AN, 30) + "%3D" + rs(AN, 50)
    return json.dumps({"bearer_token": t, "conn_type": "http", "host": "https://api.x.com/2"}), [t]


@sec("vendor_token", "vendor:facebook_page_token", 3)
def _():
    t = "EAA" + rs(AN, num(160, 200))
    return "https://graph.facebook.com/v19.0/me/insights?metric=page_impressions&access_token=%s" % t, [t]


@sec("vendor_token", "vendor:cloudflare_api_token", 3)
def _():
    t = rs(B64U, 40)
    return "curl -X GET https://api.cloudflare.com/client/v4/user/tokens/verify -H \"Authorization: Bearer %s\"" % t, [t]


@sec("vendor_token", "vendor:cloudflare_global_api_key", 3)
def _():
    t = hx(37)
    return "X-Auth-Email: ops@acme.io\nX-Auth-Key: %s" % t, [t]


@sec("vendor_token", "vendor:netlify_pat", 3)
def _():
    t = "nfp_" + rs(AN, 36)
    return "NETLIFY_AUTH_TOKEN=%s" % t, [t]


@sec("vendor_token", "vendor:prefect_api_key", 3)
def _():
    t = "pnu_" + rs(AN, 36)
    return "prefect cloud login --key %s --workspace acme/prod" % t, [t]


@sec("vendor_token", "vendor:dbt_cloud_token", 3)
def _():
    t = "dbtc_" + rs(B64U, 56)
    return json.dumps({"conn_id": "dbt_cloud_default", "conn_type": "dbt_cloud", "login": str(num(1000, 99999)), "password": t}), [t]


@sec("vendor_token", "vendor:snyk_token", 3)
def _():
    t = uid()
    return "SNYK_TOKEN=%s snyk test --all-projects" % t, [t]


@sec("vendor_token", "vendor:algolia_admin_key", 3)
def _():
    t = hx(32)
    return "client = SearchClient.create('%s', '%s')  # admin key" % (rs(ANU, 10), t), [t]


@sec("vendor_token", "vendor:firebase_fcm_server_key", 3)
def _():
    t = "AAAA" + rs(B64U, 7) + ":APA91b" + rs(B64U, 134)
    return "Authorization: key=%s" % t, [t]


@sec("vendor_token", "vendor:sourcegraph_token", 3)
def _():
    t = "sgp_" + hx(16) + "_" + hx(40)
    return "SRC_ACCESS_TOKEN=%s src search 'repo:acme lang:python'" % t, [t]


@sec("vendor_token", "vendor:circleci_pat", 3)
def _():
    t = "CCIPAT_" + rs(AN, 22) + "_" + hx(40)
    return "circleci setup --token %s --host https://circleci.com --no-prompt" % t, [t]


@sec("vendor_token", "vendor:flutterwave_secret_key", 3)
def _():
    t = "FLWSECK-" + hx(32) + "-X"
    return "FLW_SECRET_KEY=%s" % t, [t]


@sec("vendor_token", "vendor:shippo_live_token", 3)
def _():
    t = "shippo_live_" + hx(40)
    return "Authorization: ShippoToken %s" % t, [t]


@sec("vendor_token", "vendor:pagerduty_routing_key", 3)
def _():
    t = rs(ANL, 32)
    return json.dumps({"routing_key": t, "event_action": "trigger", "payload": {"summary": "DAG billing_export failed", "severity": "error", "source": "airflow"}}), [t]


@sec("vendor_token", "vendor:elastic_api_key", 3)
def _():
    kid, key = rs(B64U, 20), rs(B64U, 22)
    enc = base64.b64encode(("%s:%s" % (kid, key)).encode()).decode()
    return "Authorization: ApiKey %s" % enc, [enc]


@sec("vendor_token", "vendor:mongodb_atlas_api_key", 3)
def _():
    pub, priv = rs(ANL, 8), uid()
    return "atlas config set public_api_key %s && atlas config set private_api_key %s" % (pub, priv), [priv]


# ---- password_punct -------------------------------------------------------------
@sec("password_punct", "uri:postgres_pct_encoded")
def _():
    p = pw()
    e = urllib.parse.quote(p, safe="")
    return "AIRFLOW_CONN_%s='postgresql://%s:%s@%s:5432/analytics?sslmode=require'" % (pick(CONNS).upper(), pick(USERS), e, pick(HOSTS)), [e]


@sec("password_punct", "uri:mysql_plain_punct")
def _():
    p = pw(punct="!#$%^&*-_=+~.")
    return logline("Connecting to mysql://%s:%s@%s:3306/crm" % (pick(USERS), p, pick(HOSTS)), "mysql.py:%d" % num(200, 300)), [p]


@sec("password_punct", "uri:redis_password_only")
def _():
    p = pw(punct="!*-_.~")
    return pick(["broker_url = redis://:%s@redis-master.cache.svc:6379/0" % p, "REDIS_URL=rediss://default:%s@cache.acme.io:6380/1" % p]), [p]


@sec("password_punct", "uri:amqp_broker")
def _():
    p = pw(punct="!$*-_.~")
    return "AIRFLOW__CELERY__BROKER_URL=amqp://airflow:%s@rabbitmq.queue.svc:5672/airflow_vhost" % p, [p]


@sec("password_punct", "uri:mongodb_srv")
def _():
    p = pw()
    e = urllib.parse.quote_plus(p)
    return "mongodb+srv://%s:%s@cluster0.%s.mongodb.net/events?retryWrites=true&w=majority" % (pick(USERS), e, rs(ANL, 5)), [e]


@sec("password_punct", "json:password_escaped_quotes")
def _():
    p = pw(punct='"\\!#$%&*@')
    e = json.dumps(p)[1:-1]
    return '{"conn_type": "postgres", "host": "%s", "login": "%s", "password": "%s", "port": 5432}' % (pick(HOSTS), pick(USERS), e), [e]


@sec("password_punct", "odbc:braced_pwd")
def _():
    p = pw(punct=";!#$%@=+-_")
    return "Driver={ODBC Driver 18 for SQL Server};Server=tcp:sql-%s.database.windows.net,1433;Database=dw;Uid=%s;Pwd={%s};Encrypt=yes;TrustServerCertificate=no;" % (rs(ANL, 6), pick(USERS), p), [p]


@sec("password_punct", "pgpass:escaped_colon")
def _():
    p = pw(punct="!#$%&*@-_")
    p2 = p[:5] + ":" + p[5:]
    esc = p2.replace(":", "\\:")
    return "%s:5432:*:%s:%s" % (pick(HOSTS), pick(USERS), esc), [esc]


@sec("password_punct", "netrc:machine_login_password")
def _():
    p = pw(punct="!#$%&*@-_.")
    return "machine %s\n  login %s\n  password %s" % (pick(["api.partner.io", "ftp.vendor.net", "files.acme.io"]), pick(USERS), p), [p]


@sec("password_punct", "yaml:quoted_password_hash")
def _():
    p = pw(punct="#!@%&*:-")
    return "postgresql:\n  auth:\n    username: %s\n    password: \"%s\"\n    database: airflow" % (pick(USERS), p), [p]


@sec("password_punct", "ini:password_with_semicolon", 3)
def _():
    p = pw(punct=";#=!@")
    return "[database]\nuser = %s\npassword = %s\nhost = %s" % (pick(USERS), p, pick(HOSTS)), [p]


@sec("password_punct", "jdbc:password_param", 3)
def _():
    p = pw(punct="!#$%*-_")
    return "jdbc:sqlserver://sql01.corp.local:1433;databaseName=Sales;user=%s;password=%s;encrypt=true" % (pick(USERS), p), [p]


@sec("password_punct", "uri:smtp_url_pct", 3)
def _():
    p = pw()
    e = urllib.parse.quote(p, safe="")
    return "AIRFLOW_CONN_SMTP_DEFAULT=smtps://alerts%%40acme.io:%s@smtp.office365.com:587" % e, [e]


# ---- statement_command ------------------------------------------------------------
@sec("statement_command", "sql:create_user_password")
def _():
    p = pw(punct="!#$%&*-_@")
    return pick(["CREATE USER %s WITH PASSWORD '%s';" % (pick(USERS), p),
                 "CREATE ROLE %s LOGIN ENCRYPTED PASSWORD '%s' VALID UNTIL 'infinity';" % (pick(USERS), p)]), [p]


@sec("statement_command", "sql:alter_user_identified_by")
def _():
    p = pw(punct="!#$%&*-_@")
    return pick(["ALTER USER %s IDENTIFIED BY \"%s\";" % (pick(USERS).upper(), p),
                 "ALTER USER '%s'@'%%' IDENTIFIED WITH caching_sha2_password BY '%s';" % (pick(USERS), p)]), [p]


@sec("statement_command", "sql:mssql_create_login", 3)
def _():
    p = pw(punct="!#$%&*-_@")
    return "CREATE LOGIN [%s] WITH PASSWORD = N'%s', CHECK_POLICY = ON;" % (pick(USERS), p), [p]


@sec("statement_command", "sql:snowflake_create_user", 3)
def _():
    p = pw_plain()
    return logline("Running statement: CREATE USER IF NOT EXISTS %s PASSWORD = '%s' DEFAULT_ROLE = REPORTING MUST_CHANGE_PASSWORD = FALSE, parameters: None" % (pick(USERS).upper(), p), "sql.py:%d" % num(400, 600)), [p]


@sec("statement_command", "sql:set_password_for", 3)
def _():
    p = pw(punct="!#$%&*-_@")
    return "SET PASSWORD FOR '%s'@'localhost' = '%s';" % (pick(USERS), p), [p]


@sec("statement_command", "cli:mysql_p_flag")
def _():
    p = pw(punct="!#$%&*-_@")
    return "$ mysql -h %s -u %s -p'%s' crm -e 'select count(*) from contacts'" % (pick(HOSTS), pick(USERS), p), [p]


@sec("statement_command", "cli:pgpassword_env")
def _():
    p = pw(punct="!#%*-_@")
    return logline("Running command: ['/bin/bash', '-c', 'PGPASSWORD=\"%s\" pg_dump -h %s -U %s -Fc analytics > /tmp/analytics.dump']" % (p, pick(HOSTS), pick(USERS)), "subprocess.py:%d" % num(60, 99)), [p]


@sec("statement_command", "cli:sshpass", 3)
def _():
    p = pw(punct="!#%*-_@.")
    return "sshpass -p '%s' scp -o StrictHostKeyChecking=no export.csv %s@sftp.vendor.net:/incoming/" % (p, pick(USERS)), [p]


@sec("statement_command", "cli:curl_user_colon")
def _():
    p = pw(punct="!#%*-_@.")
    return "curl -fsS -u %s:'%s' -X POST https://jenkins.acme.io/job/deploy/buildWithParameters" % (pick(USERS), p), [p]


@sec("statement_command", "cli:docker_login_p", 3)
def _():
    p = pw_plain()
    return "docker login registry.acme.io -u deploy -p %s" % p, [p]


@sec("statement_command", "cli:stdin_pipe_password", 3)
def _():
    p = pw_plain()
    return "echo '%s' | kinit svc_airflow@CORP.ACME.IO" % p, [p]


@sec("statement_command", "cli:airflow_connections_add")
def _():
    p = pw(punct="!#%*-_@")
    return "airflow connections add '%s' --conn-type postgres --conn-host %s --conn-login %s --conn-password '%s' --conn-port 5432" % (pick(CONNS), pick(HOSTS), pick(USERS), p), [p]


@sec("statement_command", "cli:airflow_variables_set", 3)
def _():
    p = rs(AN, 32)
    return "airflow variables set partner_api_key %s" % p, [p]


@sec("statement_command", "cli:openssl_passout", 3)
def _():
    p = pw_plain()
    return "openssl pkcs12 -export -in client.crt -inkey client.key -out client.p12 -passout pass:%s" % p, [p]


@sec("statement_command", "cli:keytool_storepass", 3)
def _():
    p = pw_plain()
    return "keytool -importcert -alias kafka-ca -file ca.pem -keystore truststore.jks -storepass %s -noprompt" % p, [p]


@sec("statement_command", "cli:kubectl_from_literal", 3)
def _():
    p = pw(punct="!#%*-_@")
    return "kubectl -n airflow create secret generic airflow-db --from-literal=username=%s --from-literal=password='%s'" % (pick(USERS), p), [p]


@sec("statement_command", "cli:redis_cli_a", 3)
def _():
    p = pw_plain()
    return "redis-cli -h redis-master.cache.svc -a %s --no-auth-warning INFO keyspace" % p, [p]


@sec("statement_command", "cli:ldapsearch_w", 3)
def _():
    p = pw(punct="!#%*-_@")
    return "ldapsearch -x -H ldaps://ldap.corp.acme.io -D 'cn=airflow-bind,ou=svc,dc=acme,dc=io' -w '%s' -b 'ou=people,dc=acme,dc=io' '(uid=%s)'" % (p, pick(FIRST)), [p]


@sec("statement_command", "cli:sqlcmd_P", 3)
def _():
    p = pw(punct="!#%*-_@")
    return "sqlcmd -S sql01.corp.local -U %s -P \"%s\" -Q \"EXEC dbo.refresh_marts\"" % (pick(USERS), p), [p]


@sec("statement_command", "cli:helm_set_password", 3)
def _():
    p = pw_plain()
    return "helm upgrade --install airflow apache-airflow/airflow -n airflow --set postgresql.auth.password=%s --set webserver.defaultUser.enabled=false" % p, [p]


@sec("statement_command", "cli:terraform_var", 3)
def _():
    p = pw(punct="!#%*-_@")
    return "terraform apply -auto-approve -var 'db_master_password=%s' -var env=prod" % p, [p]


@sec("statement_command", "cli:smbclient_user_pct", 3)
def _():
    p = pw_plain()
    return "smbclient //fileserver/finance -U 'CORP\\svc_airflow%%%s' -c 'get ledger.xlsx'" % p, [p]


@sec("statement_command", "cli:rabbitmqctl_add_user", 3)
def _():
    p = pw_plain()
    return "rabbitmqctl add_user airflow_celery '%s' && rabbitmqctl set_permissions -p airflow_vhost airflow_celery '.*' '.*' '.*'" % p, [p]


@sec("statement_command", "cli:git_clone_userinfo", 3)
def _():
    p = pw_plain()
    return "git clone https://deploy-bot:%s@bitbucket.org/acme/airflow-dags.git /opt/airflow/dags/repo" % p, [p]


@sec("statement_command", "cli:powershell_securestring", 3)
def _():
    p = pw(punct="!#%*-_@")
    return "$pw = ConvertTo-SecureString \"%s\" -AsPlainText -Force; $cred = New-Object System.Management.Automation.PSCredential('CORP\\svc_etl', $pw)" % p, [p]


@sec("statement_command", "cli:net_use_windows", 3)
def _():
    p = pw_plain()
    return "net use Z: \\\\fs01\\exports /user:CORP\\svc_airflow %s /persistent:no" % p, [p]


@sec("statement_command", "mail:imap_login", 3)
def _():
    p = pw_plain()
    return "C: a001 LOGIN reports@acme.io %s\nS: a001 OK LOGIN completed" % p, [p]


@sec("statement_command", "mail:smtp_auth_plain_b64", 3)
def _():
    p = pw_plain()
    e = base64.b64encode(("\0reports@acme.io\0" + p).encode()).decode()
    return "send: 'AUTH PLAIN %s\\r\\n'\nreply: b'235 2.7.0 Authentication successful\\r\\n'" % e, [e]


@sec("statement_command", "ftp:pass_command", 3)
def _():
    p = pw_plain()
    return "*cmd* 'USER vendor_drop'\n*resp* '331 Password required'\n*cmd* 'PASS %s'\n*resp* '230 Login successful.'" % p, [p]


@sec("statement_command", "redis:auth_command", 3)
def _():
    p = pw_plain()
    return "1712345678.123456 [0 10.0.4.12:51422] \"AUTH\" \"default\" \"%s\"" % p, [p]


# ---- encoded ------------------------------------------------------------------------
@sec("encoded", "b64:http_basic_auth")
def _():
    u, p = pick(USERS), pw(punct="!#%*-_@")
    e = base64.b64encode(("%s:%s" % (u, p)).encode()).decode()
    return pick(["Authorization: Basic %s" % e, logline("HTTP request headers: {'Authorization': 'Basic %s', 'Accept': 'application/json'}" % e, "http.py:%d" % num(150, 200), "DEBUG")]), [e]


@sec("encoded", "k8s:secret_data_b64")
def _():
    p = pw_plain()
    e = base64.b64encode(p.encode()).decode()
    u = base64.b64encode(pick(USERS).encode()).decode()
    return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: airflow-metadata\n  namespace: airflow\ntype: Opaque\ndata:\n  username: %s\n  password: %s" % (u, e), [e]


@sec("encoded", "k8s:kubeconfig_token_and_key", 3)
def _():
    tok = "eyJhbGciOiJSUzI1NiIsImtpZCI6Ij" + rs(B64U, 30) + "." + b64u(180) + "." + b64u(256)
    return "users:\n- name: airflow-sa\n  user:\n    token: %s" % tok, [tok]


@sec("encoded", "k8s:kubeconfig_client_key_data", 3)
def _():
    key = "-----BEGIN EC PRIVATE KEY-----\n" + b64(121) + "\n-----END EC PRIVATE KEY-----\n"
    e = base64.b64encode(key.encode()).decode()
    return "- name: admin\n  user:\n    client-certificate-data: %s\n    client-key-data: %s" % (base64.b64encode(b"-----BEGIN CERTIFICATE-----\n").decode() + "TUlJQ", e), [e]


@sec("encoded", "docker:config_auths_b64")
def _():
    p = pw_plain()
    e = base64.b64encode(("ci-bot:" + p).encode()).decode()
    return json.dumps({"auths": {"registry.acme.io": {"auth": e}, "https://index.docker.io/v1/": {"credsStore": "desktop"}}}), [e]


@sec("encoded", "json:double_escaped_extra")
def _():
    p = pw_plain()
    inner = json.dumps({"client_secret": p, "tenant": "acme.onmicrosoft.com"})
    mid = json.dumps({"extra": inner})
    outer = json.dumps({"key": "conn_payload", "value": mid})
    return outer, [p]


@sec("encoded", "json:string_in_json_key_password")
def _():
    p = pw(punct='"\\!#$%@')
    e1 = json.dumps(p)[1:-1]
    e2 = json.dumps(e1)[1:-1]
    t = json.dumps({"connection_id": pick(CONNS), "conn_type": "generic", "extra": json.dumps({"auth": {"user": pick(USERS), "password": p}})})
    # t contains p JSON-escaped twice once json.dumps'd? t is text; inner extra is escaped once inside the text
    assert e2 in t or e1 in t
    s = e2 if e2 in t else e1
    return t, [s]


@sec("encoded", "url:query_param_pct")
def _():
    p = pw()
    e = urllib.parse.quote(p, safe="")
    return "GET /oauth/token?grant_type=password&username=%s&password=%s HTTP/1.1" % (pick(USERS), e), [e]


@sec("encoded", "form:client_secret_urlencoded", 3)
def _():
    p = rs(B64U + "~.", 40)
    e = urllib.parse.quote_plus(p)
    return "POST /oauth2/v2.0/token\nContent-Type: application/x-www-form-urlencoded\n\nclient_id=%s&scope=https%%3A%%2F%%2Fgraph.microsoft.com%%2F.default&client_secret=%s&grant_type=client_credentials" % (uid(), e), [e]


@sec("encoded", "xml:maven_settings_escaped", 3)
def _():
    p = pw(punct="&<>!#%")
    e = p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "<server>\n  <id>acme-releases</id>\n  <username>deployer</username>\n  <password>%s</password>\n</server>" % e, [e]


@sec("encoded", "npmrc:_auth_b64", 3)
def _():
    p = pw_plain()
    e = base64.b64encode(("ci:" + p).encode()).decode()
    return "registry=https://npm.acme.io/\n//npm.acme.io/:_auth=%s\nalways-auth=true" % e, [e]


@sec("encoded", "shell:single_quote_escaped", 3)
def _():
    a, b = pw_plain(8), pw_plain(8)
    v = a + "'\\''" + b
    return "export DB_PASS='%s'" % v, [v]


@sec("encoded", "env:airflow_conn_json", 3)
def _():
    p = pw(punct="!#%*-_@")
    return "AIRFLOW_CONN_%s='%s'" % (pick(CONNS).upper(), json.dumps({"conn_type": "mysql", "login": pick(USERS), "password": p, "host": pick(HOSTS), "port": 3306})), [p]


@sec("encoded", "b64:whole_conn_uri", 3)
def _():
    p = pw_plain()
    uri = "postgresql://%s:%s@%s:5432/dw" % (pick(USERS), p, pick(HOSTS))
    e = base64.b64encode(uri.encode()).decode()
    return "  sql_alchemy_conn: %s   # k8s secret data" % e, [e]


@sec("encoded", "enc:same_value_two_encodings", 3)
def _():
    p = pw(punct="@:/!#%")
    e = urllib.parse.quote(p, safe="")
    return logline("Connection URI postgresql://%s:%s@%s/dw parsed, login=%s password=%s" % (pick(USERS), e, pick(HOSTS), pick(USERS), p), "connection.py:%d" % num(200, 300), "DEBUG"), [e, p]


# ---- split_webhook ------------------------------------------------------------------
@sec("split_webhook", "webhook:slack_full_url")
def _():
    path = "T%s/B%s/%s" % (rs(ANU, 8), rs(ANU, 10), rs(AN, 24))
    return pick(["SLACK_WEBHOOK_URL=https://hooks.slack.com/services/%s" % path,
                 json.dumps({"conn_type": "slackwebhook", "host": "hooks.slack.com", "password": "https://hooks.slack.com/services/" + path})]), [path]


@sec("split_webhook", "webhook:slack_split_host_token")
def _():
    tok = "T%s/B%s/%s" % (rs(ANU, 8), rs(ANU, 10), rs(AN, 24))
    return json.dumps({"connection_id": "slack_alerts", "conn_type": "slackwebhook", "host": "https://hooks.slack.com/services", "password": tok}), [tok]


@sec("split_webhook", "webhook:slack_concat_in_dag_source")
def _():
    a, b, c = "T" + rs(ANU, 8), "B" + rs(ANU, 10), rs(AN, 24)
    return 'SLACK_BASE = "https://hooks.slack.com/services/"\nWEBHOOK = SLACK_BASE + "%s/%s/" + "%s"' % (a, b, c), [c]


@sec("split_webhook", "webhook:teams_incoming")
def _():
    h = hx(32)
    url = "https://acme.webhook.office.com/webhookb2/%s@%s/IncomingWebhook/%s/%s" % (uid(), uid(), h, uid())
    return "teams_webhook: %s" % url, [url]


@sec("split_webhook", "webhook:google_chat_key_token", 3)
def _():
    k = "AIza" + rs(B64U, 35)
    t = rs(B64U, 43) + "%3D"
    return "https://chat.googleapis.com/v1/spaces/AAAA%s/messages?key=%s&token=%s" % (rs(B64U, 7), k, t), [k, t]


@sec("split_webhook", "webhook:generic_token_query", 3)
def _():
    t = rs(AN, 40)
    return logline("POST https://hooks.zapier.com/hooks/catch/%d/%s/?token=%s returned 200" % (num(10**6, 10**7), rs(ANL, 6), t), "http.py:%d" % num(150, 200)), [t]


@sec("split_webhook", "webhook:split_across_env_vars", 3)
def _():
    a, b, c = "T" + rs(ANU, 8), "B" + rs(ANU, 10), rs(AN, 24)
    return "ALERT_HOOK_HOST=hooks.slack.com\nALERT_HOOK_TEAM=%s\nALERT_HOOK_CHANNEL=%s\nALERT_HOOK_KEY=%s" % (a, b, c), [c]


@sec("split_webhook", "webhook:opsgenie_apikey", 3)
def _():
    t = uid()
    return json.dumps({"connection_id": "opsgenie_default", "conn_type": "http", "host": "https://api.eu.opsgenie.com", "password": t}), [t]


# ---- random_purpose_name ---------------------------------------------------------------
PURPOSE = [("cookie_signing_salt", lambda: rs(AN, 32)), ("hmac_seed", lambda: hx(64)), ("encryption_seed", lambda: b64(32)),
           ("license_blob", lambda: b64(48)), ("unlock_code", lambda: rs(ANU, 16)), ("otp_seed", lambda: rs(B32, 32)),
           ("csrf_salt", lambda: rs(AN, 40)), ("pepper", lambda: b64(24)), ("unseal_share_1", lambda: b64(33)),
           ("jwt_signing_value", lambda: rs(B64U, 64)), ("session_encrypt", lambda: hx(64)), ("sig_material", lambda: b64(32)),
           ("partner_credentials", lambda: rs(AN, 28)), ("bootstrap_code", lambda: rs(ANU, 20)), ("wrapping_value", lambda: hx(48))]


@sec("random_purpose_name", "kv:json_purpose_key", 6)
def _():
    k, f = pick(PURPOSE)
    v = f()
    return json.dumps({"key": k, "value": v, "description": None}), [v]


@sec("random_purpose_name", "kv:env_purpose_key", 6)
def _():
    k, f = pick(PURPOSE)
    v = f()
    return "%s=%s" % (k.upper(), v), [v]


@sec("random_purpose_name", "kv:yaml_purpose_key", 5)
def _():
    k, f = pick(PURPOSE)
    v = f()
    return "app:\n  %s: %s\n  region: eu-central-1" % (k, v), [v]


@sec("random_purpose_name", "kv:python_kwarg", 4)
def _():
    k, f = pick(PURPOSE)
    v = f()
    return "signer = Signer(%s=\"%s\", digest=\"sha256\")" % (k, v), [v]


@sec("random_purpose_name", "kv:recovery_codes", 3)
def _():
    codes = ["%s-%s" % (rs(ANL, 5), rs(ANL, 5)) for _ in range(num(4, 8))]
    return "recovery_codes:\n" + "\n".join("  - " + c for c in codes), codes


@sec("random_purpose_name", "kv:otp_code", 3)
def _():
    c = str(num(100000, 999999))
    return json.dumps({"mfa_otp_code": c, "user": pick(FIRST)}), [c]


@sec("random_purpose_name", "kv:backup_pin", 3)
def _():
    c = str(num(10**7, 10**8 - 1))
    return "hsm_admin_pin: \"%s\"" % c, [c]


# ---- airflow_context ----------------------------------------------------------------
@sec("airflow_context", "airflow:v1_variable_clear")
def _():
    v = pw_plain(24)
    return json.dumps({"key": pick(["partner_feed_credentials", "crm_login", "ftp_pw_rotation"]), "value": v, "description": "rotated %s" % iso()[:10]}), [v]


@sec("airflow_context", "airflow:variable_json_nested")
def _():
    v = rs(AN, 32)
    return json.dumps({"key": "etl_settings", "value": json.dumps({"source": {"host": pick(HOSTS), "auth": {"kind": "basic", "user": pick(USERS), "password": v}}, "batch": 500})}), [v]


@sec("airflow_context", "airflow:connections_get_json_cli")
def _():
    p = pw(punct="!#%*-_@")
    return json.dumps([{"id": str(num(1, 300)), "conn_id": pick(CONNS), "conn_type": "postgres", "description": "", "host": pick(HOSTS), "schema": "dw", "login": pick(USERS), "password": p, "port": "5432", "is_encrypted": "True", "is_extra_encrypted": "True", "extra_dejson": {}, "get_uri": "postgres://..."}]), [p]


@sec("airflow_context", "airflow:connection_get_uri_cli")
def _():
    p = pw(punct="!#%*-_@")
    e = urllib.parse.quote(p, safe="")
    return "$ airflow connections get %s -o plain\nid | conn_id | conn_type | host | get_uri\n%d | %s | postgres | %s | postgres://%s:%s@%s:5432/dw" % ("warehouse", num(1, 99), "warehouse", pick(HOSTS), pick(USERS), e, pick(HOSTS)), [e]


@sec("airflow_context", "airflow:keyfile_dict_extra")
def _():
    pem = "-----BEGIN PRIVATE KEY-----\n" + "\n".join(b64(48) for _ in range(num(6, 10))) + "\n-----END PRIVATE KEY-----\n"
    inner = json.dumps({"type": "service_account", "project_id": "acme-analytics", "private_key_id": hx(40), "private_key": pem, "client_email": "airflow@acme-analytics.iam.gserviceaccount.com"})
    extra = json.dumps({"extra__google_cloud_platform__keyfile_dict": inner, "extra__google_cloud_platform__project": "acme-analytics"})
    outer = json.dumps({"connection_id": "gcp_bq", "conn_type": "google_cloud_platform", "extra": extra})
    pem_esc2 = json.dumps(json.dumps(pem)[1:-1])[1:-1]
    pem_esc3 = json.dumps(pem_esc2)[1:-1]
    s = pem_esc3 if pem_esc3 in outer else pem_esc2
    assert s in outer
    return outer, [s]


@sec("airflow_context", "airflow:rendered_bash_command")
def _():
    p = pw_plain()
    return json.dumps({"rendered_fields": {"bash_command": "pg_dump \"postgresql://%s:%s@%s/dw\" | gzip > /tmp/dw.sql.gz" % (pick(USERS), p, pick(HOSTS)), "env": None}}), [p]


@sec("airflow_context", "airflow:task_log_print_cred")
def _():
    t = rs(AN, 40)
    return logline("Fetched auth payload {'token_type': 'bearer', 'access_token': '%s', 'expires_in': 3600}" % t, "logging_mixin.py:%d" % num(150, 200)), [t]


@sec("airflow_context", "airflow:a3_structured_log_cred")
def _():
    p = pw_plain()
    return a3log("Connecting with dsn host=%s dbname=dw user=%s password=%s sslmode=require" % (pick(HOSTS), pick(USERS), p), logger="airflow.providers.postgres.hooks.postgres"), [p]


@sec("airflow_context", "airflow:xcom_token_value")
def _():
    t = rs(B64U, 43)
    return json.dumps({"key": "return_value", "timestamp": iso(), "logical_date": iso(), "map_index": -1, "task_id": "fetch_api", "dag_id": pick(DAGS), "run_id": runid(), "value": {"session": t, "expires": 3600}}), [t]


@sec("airflow_context", "airflow:config_dump_clear")
def _():
    p = pw_plain()
    f = b64u(32) + "="
    return "[database]\nsql_alchemy_conn = postgresql+psycopg2://airflow:%s@airflow-pg:5432/airflow\n[core]\nfernet_key = %s" % (p, f), [p, f]


@sec("airflow_context", "airflow:api_config_json_clear", 3)
def _():
    k = rs(AN, 32)
    return json.dumps({"sections": [{"name": "webserver", "options": [{"key": "secret_key", "value": k}, {"key": "expose_config", "value": "True"}]}]}), [k]


@sec("airflow_context", "airflow:import_error_traceback", 3)
def _():
    p = pw_plain()
    return json.dumps({"import_error_id": num(1, 500), "timestamp": iso(), "filename": "/opt/airflow/dags/%s.py" % pick(DAGS), "stack_trace": "Traceback (most recent call last):\n  File \"/opt/airflow/dags/partner.py\", line 12, in <module>\n    client = PartnerClient(user=\"svc\", pw=\"%s\")\nTypeError: PartnerClient.__init__() got an unexpected keyword argument 'pw'\n" % p}), [p]


@sec("airflow_context", "airflow:kpo_env_log", 3)
def _():
    t = rs(AN, 36)
    return logline("Pod spec env: [{'name': 'PARTNER_TOKEN', 'value': '%s', 'value_from': None}, {'name': 'ENV', 'value': 'prod'}]" % t, "pod.py:%d" % num(500, 700), "DEBUG"), [t]


@sec("airflow_context", "airflow:celery_result_backend", 3)
def _():
    p = pw(punct="!*-_.~")
    return "result_backend = db+postgresql://airflow:%s@airflow-pg.airflow.svc:5432/airflow" % p, [p]


@sec("airflow_context", "airflow:webserver_config_ldap", 3)
def _():
    p = pw(punct="!#%*-_@")
    return "AUTH_TYPE = AUTH_LDAP\nAUTH_LDAP_SERVER = \"ldaps://ldap.corp.acme.io\"\nAUTH_LDAP_BIND_USER = \"cn=airflow,ou=svc,dc=acme,dc=io\"\nAUTH_LDAP_BIND_PASSWORD = \"%s\"" % p, [p]


@sec("airflow_context", "airflow:hook_debug_sftp", 3)
def _():
    p = pw_plain()
    return logline("SFTPHook: connecting to sftp.vendor.net:22 as vendor_drop with password %s (key_file=None)" % p, "sftp.py:%d" % num(100, 200), "DEBUG"), [p]


@sec("airflow_context", "airflow:v2_connection_unmasked", 3)
def _():
    p = pw_plain()
    return json.dumps({"connection_id": pick(CONNS), "conn_type": "snowflake", "description": None, "host": "acme.eu-west-1.snowflakecomputing.com", "login": pick(USERS), "schema": "RAW", "port": None, "password": p, "extra": json.dumps({"account": "acme", "warehouse": "ETL_WH", "role": "LOADER"}), "team_name": None}), [p]


@sec("airflow_context", "airflow:extra_http_headers", 3)
def _():
    t = rs(AN, 32)
    return json.dumps({"connection_id": "http_partner_api", "conn_type": "http", "host": "api.partner.io", "extra": json.dumps({"headers": {"X-Partner-Key": t, "Accept": "application/json"}})}), [t]


# ---- other ----------------------------------------------------------------------------
def pem(kind, lines):
    body = "\n".join(b64(48) for _ in range(lines - 1)) + "\n" + b64(num(10, 40))
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, body, kind)


@sec("other", "pem:rsa_private_key")
def _():
    k = pem("RSA PRIVATE KEY", num(10, 25))
    return "$ cat /opt/airflow/keys/id_rsa\n" + k, [k]


@sec("other", "pem:openssh_private_key", 3)
def _():
    k = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA" + b64(30) + "\n" + "\n".join(b64(51) for _ in range(num(4, 6))) + "\n-----END OPENSSH PRIVATE KEY-----"
    return k + "\n", [k]


@sec("other", "pem:ec_private_key_json_escaped", 3)
def _():
    k = pem("EC PRIVATE KEY", 3)
    e = json.dumps(k)[1:-1]
    return '{"conn_type": "ssh", "host": "bastion.acme.io", "login": "airflow", "extra": {"private_key": "%s", "no_host_key_check": true}}' % e, [e]


@sec("other", "pem:encrypted_private_key_with_pass", 3)
def _():
    k = pem("ENCRYPTED PRIVATE KEY", num(8, 14))
    p = pw_plain()
    return "snowflake private_key_file content:\n%s\nprivate_key_file_pwd: %s" % (k, p), [k, p]


@sec("other", "pgp:private_key_block", 3)
def _():
    k = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + "\n".join(b64(48) for _ in range(num(8, 14))) + "\n=" + rs(B64, 4) + "\n-----END PGP PRIVATE KEY BLOCK-----"
    return k, [k]


@sec("other", "jwt:hs256_bearer")
def _():
    h = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
    p = base64.urlsafe_b64encode(json.dumps({"sub": pick(FIRST), "iat": num(1.7e9, 1.8e9), "scope": "dags:read"}).encode()).decode().rstrip("=")
    t = "%s.%s.%s" % (h, p, b64u(32))
    return pick(["Authorization: Bearer %s" % t, json.dumps({"access_token": t, "token_type": "bearer"})]), [t]


@sec("other", "oauth:token_response_pair")
def _():
    a, rt = rs(B64U, 64), rs(B64U, 64)
    return json.dumps({"access_token": a, "refresh_token": rt, "token_type": "Bearer", "expires_in": 3599, "scope": "offline_access"}), [a, rt]


@sec("other", "oauth:authorization_code_redirect", 3)
def _():
    c = rs(B64U, 48)
    return "INFO:     10.0.1.7:51234 - \"GET /auth/oauth-authorized/azure?code=%s&state=%s&session_state=%s HTTP/1.1\" 302 Found" % (c, rs(AN, 30), uid()), [c]


@sec("other", "http:cookie_session", 3)
def _():
    s = b64u(60) + "." + rs(B64U, 6) + "." + rs(B64U, 27)
    return "Cookie: session=%s; _ga=GA1.1.%d.%d" % (s, num(10**8, 10**9), num(1.6e9, 1.8e9)), [s]


@sec("other", "http:x_api_key_header", 3)
def _():
    t = rs(AN, 40)
    return "> GET /v2/reports HTTP/2\n> Host: api.partner.io\n> X-API-Key: %s\n> User-Agent: python-requests/2.31.0" % t, [t]


@sec("other", "http:proxy_authorization", 3)
def _():
    e = base64.b64encode(("proxyuser:" + pw_plain()).encode()).decode()
    return "Proxy-Authorization: Basic %s" % e, [e]


@sec("other", "totp:otpauth_uri", 3)
def _():
    s = rs(B32, 32)
    return "otpauth://totp/Acme:%s@acme.io?secret=%s&issuer=Acme&algorithm=SHA1&digits=6&period=30" % (pick(FIRST), s), [s]


BIP = "abandon ability able about above absent absorb abstract absurd abuse access accident account accuse achieve acid acoustic acquire across act action actor actress actual adapt add addict address adjust admit adult advance advice aerobic affair afford afraid again age agent agree ahead aim air airport aisle alarm album alcohol alert alien all alley allow almost alone alpha already also alter always amateur amazing among amount amused analyst anchor ancient anger angle angry animal ankle announce annual another answer antenna antique anxiety any apart apology appear apple approve april arch arctic area arena argue arm armed armor army around arrange arrest arrive arrow art artefact artist artwork ask aspect assault asset assist assume asthma athlete atom attack attend attitude attract auction audit august aunt author auto autumn average avocado avoid awake aware away awesome awful awkward axis".split()


@sec("other", "wallet:bip39_mnemonic", 3)
def _():
    m = " ".join(pick(BIP) for _ in range(pick([12, 24])))
    return "WALLET_MNEMONIC=\"%s\"" % m, [m]


@sec("other", "wireguard:private_key", 3)
def _():
    k = b64(32)
    return "[Interface]\nPrivateKey = %s\nAddress = 10.8.0.%d/32\n\n[Peer]\nPublicKey = %s\nEndpoint = vpn.acme.io:51820" % (k, num(2, 250), b64(32)), [k]


@sec("other", "openvpn:static_key", 3)
def _():
    body = "\n".join(hx(32) for _ in range(16))
    k = "-----BEGIN OpenVPN Static key V1-----\n%s\n-----END OpenVPN Static key V1-----" % body
    return "<tls-auth>\n%s\n</tls-auth>" % k, [k]


@sec("other", "django:secret_key", 3)
def _():
    k = rs(LO + DG + "!@#$%^&*(-_=+)", 50)
    return "SECRET_KEY = '%s'" % k, [k]


@sec("other", "rails:secret_key_base", 3)
def _():
    k = hx(128)
    return "SECRET_KEY_BASE=%s" % k, [k]


@sec("other", "laravel:app_key", 3)
def _():
    k = "base64:" + b64(32)
    return "APP_KEY=%s" % k, [k]


@sec("other", "spring:datasource_password", 3)
def _():
    p = pw(punct="!#%*-_@")
    return "spring.datasource.url=jdbc:postgresql://%s:5432/app\nspring.datasource.username=%s\nspring.datasource.password=%s" % (pick(HOSTS), pick(USERS), p), [p]


@sec("other", "go:mysql_dsn_tcp", 3)
def _():
    p = pw(punct="!#%*-_")
    return "panic: dial %s:%s@tcp(%s:3306)/events?parseTime=true: i/o timeout\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/cmd/loader/main.go:42 +0x1a5" % (pick(USERS), p, pick(HOSTS)), [p]


@sec("other", "java:stacktrace_jdbc_url", 3)
def _():
    p = pw_plain()
    return "org.postgresql.util.PSQLException: Connection to jdbc:postgresql://%s:5432/dw?user=%s&password=%s refused.\n\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:342)" % (pick(HOSTS), pick(USERS), p), [p]


@sec("other", "python:traceback_locals", 3)
def _():
    p = pw_plain()
    return "  File \"/usr/local/lib/python3.11/site-packages/partner/client.py\", line 88, in login\n    resp.raise_for_status()\n    self = <partner.client.Client object at 0x7f3a2c1b9d50>\n    creds = {'user': 'svc_feed', 'secret': '%s'}" % p, [p]


@sec("other", "kafka:sasl_jaas_config", 3)
def _():
    p = pw_plain()
    return "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"airflow\" password=\"%s\";" % p, [p]


@sec("other", "hadoop:core_site_azure_key", 3)
def _():
    k = b64(64)
    return "<property>\n  <name>fs.azure.account.key.acmelake.dfs.core.windows.net</name>\n  <value>%s</value>\n</property>" % k, [k]


@sec("other", "spark:s3a_secret_conf", 3)
def _():
    s = aws_sec()
    return "spark-submit --conf spark.hadoop.fs.s3a.access.key=%s --conf spark.hadoop.fs.s3a.secret.key=%s job.py" % (aws_id(), s), [s]


@sec("other", "compose:env_password", 3)
def _():
    p = pw_plain()
    return "services:\n  postgres:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: airflow\n      POSTGRES_PASSWORD: %s\n      POSTGRES_DB: airflow" % p, [p]


@sec("other", "nuget:cleartextpassword", 3)
def _():
    p = rs(ANL + DG, 52)
    return "<packageSourceCredentials>\n  <AcmeFeed>\n    <add key=\"Username\" value=\"az\" />\n    <add key=\"ClearTextPassword\" value=\"%s\" />\n  </AcmeFeed>\n</packageSourceCredentials>" % p, [p]


@sec("other", "cargo:credentials_token", 3)
def _():
    t = "cio" + rs(AN, 32)
    return "[registry]\ntoken = \"%s\"" % t, [t]


@sec("other", "composer:auth_json", 3)
def _():
    p = rs(AN, 40)
    return json.dumps({"http-basic": {"repo.packagist.com": {"username": "token", "password": p}}}), [p]


@sec("other", "ansible:become_password", 3)
def _():
    p = pw(punct="!#%*-_@")
    return "[etl_workers:vars]\nansible_user=deploy\nansible_become_pass=%s" % p, [p]


@sec("other", "htpasswd:bcrypt_hash", 3)
def _():
    h = "$2y$05$" + rs("./" + AN, 53)
    return "%s:%s" % (pick(FIRST), h), [h]


@sec("other", "tfvars:hcl_password", 3)
def _():
    p = pw(punct="!#%*-_@")
    return "db_username = \"airflow\"\ndb_password = \"%s\"\ninstance_class = \"db.r6g.large\"" % p, [p]


# ---- registered (bare values, operator-configured) -----------------------------------
@sec("registered", "registered:csv_row", 10)
def _():
    p = pw_plain()
    return "%s,%s,%s,active" % (pick(USERS), p, iso()[:10]), [p], [p]


@sec("registered", "registered:bare_stdout", 10)
def _():
    p = pw_plain()
    return logline(p, "subprocess.py:%d" % num(60, 99)), [p], [p]


@sec("registered", "registered:echo_as_name", 9)
def _():
    p = pw_plain()
    return logline("Created temp table tmp_%s for batch" % p, "sql.py:%d" % num(400, 600)), [p], [p]


@sec("registered", "registered:url_quoted_in_prose", 7)
def _():
    p = pw(punct="@/#%!")
    e = urllib.parse.quote(p, safe="")
    return logline("Retrying request to https://files.acme.io/dl/%s (attempt 2/5)" % e, "http.py:%d" % num(150, 200), "WARNING"), [e], [p]


# ---------------------------------------------------------------- harmless templates
HARM_T = []


def harm(family, fmt, n=9, key_rule=False):
    def deco(fn):
        HARM_T.append((family, fmt, fn, n, key_rule))
        return fn
    return deco


@harm("api_json", "api:v1_dag")
def _():
    d = pick(DAGS)
    return json.dumps({"dag_id": d, "description": "Nightly %s" % d.replace("_", " "), "fileloc": "/opt/airflow/dags/%s.py" % d, "is_active": True, "is_paused": pick([True, False]), "is_subdag": False, "last_parsed_time": iso(), "max_active_runs": 1, "max_active_tasks": 16, "owners": ["data-eng"], "root_dag_id": None, "schedule_interval": {"__type": "CronExpression", "value": pick(["0 6 * * *", "*/15 * * * *", "30 2 * * 1-5"])}, "tags": [{"name": "etl"}], "timetable_description": "At 06:00"})


@harm("api_json", "api:v2_dag_run")
def _():
    return json.dumps({"dag_run_id": runid(), "dag_id": pick(DAGS), "logical_date": iso(), "queued_at": iso(), "start_date": iso(), "end_date": iso(), "data_interval_start": iso(), "data_interval_end": iso(), "run_after": iso(), "last_scheduling_decision": iso(), "run_type": pick(["scheduled", "manual", "backfill", "asset_triggered"]), "state": pick(["success", "failed", "running", "queued"]), "triggered_by": pick(["timetable", "rest_api", "ui", "cli"]), "conf": {"full_refresh": False, "batch_size": 500}, "note": None, "dag_versions": [{"id": uid(), "version_number": num(1, 40), "dag_id": pick(DAGS), "bundle_name": "dags-folder", "bundle_version": None, "created_at": iso()}], "bundle_version": None})


@harm("api_json", "api:v1_task_instance")
def _():
    return json.dumps({"task_id": pick(TASKS), "dag_id": pick(DAGS), "dag_run_id": runid(), "execution_date": iso(), "start_date": iso(), "end_date": iso(), "duration": round(R.uniform(0.5, 900), 6), "state": pick(["success", "failed", "up_for_retry", "skipped"]), "try_number": num(1, 4), "map_index": -1, "max_tries": 3, "hostname": "airflow-worker-%d.airflow-worker.airflow.svc.cluster.local" % num(0, 5), "unixname": "airflow", "pool": "default_pool", "pool_slots": 1, "queue": "default", "priority_weight": num(1, 20), "operator": pick(["PythonOperator", "BashOperator", "SQLExecuteQueryOperator", "KubernetesPodOperator"]), "queued_when": iso(), "pid": num(100, 60000), "executor_config": "{}", "sla_miss": None, "rendered_fields": {}, "trigger": None, "triggerer_job": None, "note": None})


@harm("api_json", "api:v2_xcom_entry")
def _():
    return json.dumps({"key": pick(["return_value", "row_count", "s3_key", "manifest"]), "timestamp": iso(), "logical_date": iso(), "map_index": -1, "task_id": pick(TASKS), "dag_id": pick(DAGS), "run_id": runid(), "value": pick([num(0, 10**6), "s3://%s/exports/%s/part-%05d.parquet" % (pick(BUCKETS), iso()[:10], num(0, 999)), {"rows": num(0, 10**6), "status": "ok"}])})


@harm("api_json", "api:variable_harmless")
def _():
    k, v = pick([("env", "prod"), ("batch_size", "500"), ("report_recipients", "data-team@acme.io,finance@acme.io"), ("s3_export_prefix", "s3://%s/exports/" % pick(BUCKETS)), ("feature_flags", json.dumps({"new_loader": True, "dedupe": False})), ("holiday_calendar", "DE-BE"), ("max_lookback_days", "14")])
    return json.dumps({"key": k, "value": v, "description": pick([None, "set by terraform"]), "is_encrypted": True, "team_name": None})


@harm("api_json", "api:v1_connection_list")
def _():
    return json.dumps({"connections": [{"connection_id": c, "conn_type": t, "description": "", "host": h, "login": l, "schema": s, "port": p} for c, t, h, l, s, p in [(pick(CONNS), "postgres", pick(HOSTS), pick(USERS), "dw", 5432), ("aws_default", "aws", None, None, None, None), (pick(CONNS), "http", "api.partner.io", None, None, 443)]], "total_entries": 3})


@harm("api_json", "api:import_errors")
def _():
    d = pick(DAGS)
    return json.dumps({"import_errors": [{"import_error_id": num(1, 500), "timestamp": iso(), "filename": "/opt/airflow/dags/%s.py" % d, "bundle_name": "dags-folder", "stack_trace": "Traceback (most recent call last):\n  File \"/opt/airflow/dags/%s.py\", line %d, in <module>\n    from plugins.common import load_config\nModuleNotFoundError: No module named 'plugins.common'\n" % (d, num(3, 40))}], "total_entries": 1})


@harm("api_json", "api:event_logs")
def _():
    return json.dumps({"event_logs": [{"event_log_id": num(10**4, 10**6), "when": iso(), "dag_id": pick(DAGS), "task_id": pick(TASKS), "run_id": runid(), "map_index": -1, "try_number": num(1, 3), "event": pick(["running", "success", "trigger", "clear", "paused"]), "logical_date": iso(), "owner": pick(FIRST), "extra": json.dumps({"host_name": "airflow-worker-%d" % num(0, 4), "full_command": "['airflow', 'tasks', 'run']"})}], "total_entries": 1})


@harm("api_json", "api:pools")
def _():
    return json.dumps({"pools": [{"name": "default_pool", "slots": 128, "occupied_slots": num(0, 40), "running_slots": num(0, 40), "queued_slots": num(0, 20), "scheduled_slots": 0, "open_slots": num(50, 128), "deferred_slots": 0, "description": "Default pool", "include_deferred": False}, {"name": "snowflake_pool", "slots": 8, "occupied_slots": num(0, 8), "running_slots": 2, "queued_slots": 1, "scheduled_slots": 0, "open_slots": 5, "deferred_slots": 0, "description": None, "include_deferred": False}], "total_entries": 2})


@harm("api_json", "api:config_nonsensitive_hidden")
def _():
    return json.dumps({"sections": [{"name": "database", "options": [{"key": "sql_alchemy_conn", "value": "< hidden >"}, {"key": "sql_alchemy_pool_size", "value": "5"}]}, {"name": "core", "options": [{"key": "parallelism", "value": str(pick([32, 64, 128]))}, {"key": "executor", "value": pick(["CeleryExecutor", "KubernetesExecutor", "LocalExecutor"])}]}]})


@harm("api_json", "api:v2_assets")
def _():
    return json.dumps({"assets": [{"id": num(1, 900), "name": "s3://%s/curated/orders" % pick(BUCKETS), "uri": "s3://%s/curated/orders" % pick(BUCKETS), "group": "asset", "extra": {}, "created_at": iso(), "updated_at": iso(), "scheduled_dags": [{"dag_id": pick(DAGS), "created_at": iso(), "updated_at": iso()}], "producing_tasks": [{"task_id": pick(TASKS), "dag_id": pick(DAGS)}], "aliases": []}], "total_entries": 1})


@harm("api_json", "api:health_version")
def _():
    return json.dumps({"metadatabase": {"status": "healthy"}, "scheduler": {"status": "healthy", "latest_scheduler_heartbeat": iso()}, "triggerer": {"status": "healthy", "latest_triggerer_heartbeat": iso()}, "dag_processor": {"status": "healthy", "latest_dag_processor_heartbeat": iso()}, "version": pick(["2.10.5", "3.0.2", "3.1.3"]), "git_version": ".release:" + hx(40)})


@harm("task_log", "log:a2_task_lifecycle", 12)
def _():
    d, t = pick(DAGS), pick(TASKS)
    return pick([logline("Marking task as SUCCESS. dag_id=%s, task_id=%s, run_id=%s, execution_date=%s, start_date=%s, end_date=%s" % (d, t, runid(), iso().replace("-", "").replace(":", "")[:15], iso()[:10], iso()[:10])),
                 logline("Exporting env vars: AIRFLOW_CTX_DAG_OWNER='data-eng' AIRFLOW_CTX_DAG_ID='%s' AIRFLOW_CTX_TASK_ID='%s' AIRFLOW_CTX_EXECUTION_DATE='%s' AIRFLOW_CTX_TRY_NUMBER='1' AIRFLOW_CTX_DAG_RUN_ID='%s'" % (d, t, iso(), runid())),
                 logline("Using connection ID '%s' for task execution." % pick(CONNS), "base.py:%d" % num(70, 90)),
                 logline("Dependencies all met for dep_context=non-requeueable deps ti=<TaskInstance: %s.%s %s [queued]>" % (d, t, runid())),
                 logline("Task exited with return code 0", "local_task_job_runner.py:%d" % num(200, 260)),
                 logline("Starting attempt %d of 4" % num(1, 4))])


@harm("task_log", "log:a2_task_output", 12)
def _():
    return pick([logline("Rows inserted into analytics.orders_daily: %d" % num(100, 10**6), "logging_mixin.py:%d" % num(150, 200)),
                 logline("Output:", "subprocess.py:%d" % num(60, 99)) + "\n" + logline("upload: ./out/part-0000.parquet to s3://%s/curated/%s/part-0000.parquet" % (pick(BUCKETS), iso()[:10]), "subprocess.py:%d" % num(60, 99)),
                 logline("Query job %s finished, %d bytes processed" % ("job_" + rs(B64U, 28), num(10**6, 10**11)), "bigquery.py:%d" % num(1500, 1700)),
                 logline("Snowflake query id: 01b%s-0000-%s-0000-%s" % (hx(5), hx(4), hx(12)), "snowflake.py:%d" % num(200, 400)),
                 logline("Done. Returned value was: None", "python.py:%d" % num(180, 240)),
                 logline("Pushing XCom key=row_count value=%d" % num(0, 10**5))])


@harm("task_log", "log:a3_structured", 14)
def _():
    return pick([a3log("Task instance is in running state", logger="airflow.task", chan="stdout"),
                 a3log("Connection %s retrieved from secrets backend" % pick(CONNS), logger="airflow.sdk.definitions.connection"),
                 a3log("Pushing xcom", logger="task", ti="RuntimeTaskInstance(id=UUID('%s'), task_id='%s')" % (uid(), pick(TASKS))),
                 a3log("Task finished", logger="supervisor", exit_code=0, duration=round(R.uniform(1, 600), 3), final_state="success")])


@harm("scheduler_log", "log:scheduler_lines", 20)
def _():
    d, t = pick(DAGS), pick(TASKS)
    return pick(["[%s] {scheduler_job_runner.py:%d} INFO - Setting the following tasks to queued state:\n\t<TaskInstance: %s.%s %s [scheduled]>" % (ts(), num(400, 450), d, t, runid()),
                 "[%s] {scheduler_job_runner.py:%d} INFO - Sending TaskInstanceKey(dag_id='%s', task_id='%s', run_id='%s', try_number=1, map_index=-1) to CeleryExecutor with priority %d and queue default" % (ts(), num(600, 700), d, t, runid(), num(1, 20)),
                 "[%s] {scheduler_job_runner.py:%d} INFO - Received executor event with state success for task instance TaskInstanceKey(dag_id='%s', task_id='%s', run_id='%s', try_number=1, map_index=-1)" % (ts(), num(700, 760), d, t, runid()),
                 "[%s] {dagrun.py:%d} INFO - Marking run <DagRun %s @ %s: %s, state:running, queued_at: %s. externally triggered: False> successful" % (ts(), num(800, 860), d, iso(), runid(), iso()),
                 "[%s] {manager.py:%d} INFO - DAG bundles loaded: dags-folder; processed %d files in %.2fs" % (ts(), num(100, 600), num(10, 400), R.uniform(0.5, 30)),
                 "[%s] {scheduler_job_runner.py:%d} INFO - Exiting gracefully upon receiving signal 15" % (ts(), num(250, 300)),
                 "[%s] {scheduler_job_runner.py:%d} INFO - Adopting or resetting orphaned tasks for active dag runs" % (ts(), num(1600, 1800))])


@harm("worker_log", "log:celery_worker", 16)
def _():
    u = uid()
    return pick(["[%s: INFO/MainProcess] Task airflow.providers.celery.executors.celery_executor_utils.execute_command[%s] received" % (iso()[:23].replace("T", " "), u),
                 "[%s: INFO/ForkPoolWorker-%d] Task airflow.providers.celery.executors.celery_executor_utils.execute_command[%s] succeeded in %.3fs: None" % (iso()[:23].replace("T", " "), num(1, 16), u, R.uniform(1, 900)),
                 "[%s: INFO/MainProcess] Connected to redis://redis:6379/0" % iso()[:23].replace("T", " "),
                 "[%s: INFO/MainProcess] mingle: all alone" % iso()[:23].replace("T", " "),
                 "[%s: INFO/MainProcess] celery@airflow-worker-%d ready." % (iso()[:23].replace("T", " "), num(0, 6)),
                 " -------------- celery@airflow-worker-0 v5.4.0 (opalescent)\n--- ***** -----\n-- ******* ---- Linux-6.1.0-x86_64 %s\n- *** --- * --- \n- ** ---------- [config]\n- ** ---------- .> app:         airflow.providers.celery.executors.celery_executor:0x7f%s\n- ** ---------- .> transport:   redis://redis:6379/0\n- ** ---------- .> results:     postgresql://airflow:**@postgres/airflow" % (iso()[:19], hx(10))])


@harm("worker_log", "log:k8s_executor_pods")
def _():
    d, t = pick(DAGS), pick(TASKS)
    pod = "%s-%s-%s" % (d.replace("_", "-")[:20], t.replace("_", "-"), rs(ANL, 8))
    return "[%s] {kubernetes_executor_utils.py:%d} INFO - Event: %s is %s, annotations: <omitted>" % (ts(), num(250, 300), pod, pick(["Pending", "Running", "Succeeded"]))


@harm("worker_log", "log:triggerer")
def _():
    return pick(["[%s] {triggerer_job_runner.py:%d} INFO - %d triggers currently running" % (ts(), num(400, 700), num(0, 50)),
                 "[%s] {triggerer_job_runner.py:%d} INFO - trigger %s/%s/%s/-1/1 (ID %d) starting" % (ts(), num(600, 700), pick(DAGS), runid(), pick(TASKS), num(1, 9999)),
                 "[%s] {triggerer_job_runner.py:%d} INFO - Trigger %d fired: TriggerEvent<{'status': 'success', 'message': 'Job completed'}>" % (ts(), num(600, 700), num(1, 9999))])


@harm("worker_log", "log:api_server_access", 16)
def _():
    return pick(["INFO:     10.%d.%d.%d:%d - \"GET /api/v2/dags/%s/dagRuns?limit=25&order_by=-run_after HTTP/1.1\" 200 OK" % (num(0, 255), num(0, 255), num(0, 255), num(30000, 65000), pick(DAGS)),
                 "10.0.%d.%d - - [%s] \"GET /api/v1/dags/%s/dagRuns/%s/taskInstances/%s/logs/1?full_content=false HTTP/1.1\" 200 %d \"-\" \"python-httpx/0.27.0\"" % (num(0, 255), num(0, 255), "07/Mar/2026:14:22:31 +0000", pick(DAGS), urllib.parse.quote(runid(), safe=""), pick(TASKS), num(200, 90000)),
                 "[%s] [%d] [INFO] Booting worker with pid: %d" % (iso()[:19].replace("T", " ") + " +0000", num(10, 99), num(100, 9999)),
                 "INFO:     Application startup complete.",
                 "INFO:     10.0.0.%d:%d - \"POST /auth/token HTTP/1.1\" 201 Created" % (num(2, 250), num(30000, 65000))])


@harm("near_miss", "nm:sha256_digests", 16)
def _():
    return pick(["sha256sum: %s  dags.tar.gz" % hx(64), "%s  /opt/airflow/dags/%s.py" % (hx(64), pick(DAGS)),
                 "Digest: sha256:%s\nStatus: Downloaded newer image for apache/airflow:%s" % (hx(64), pick(["2.10.5-python3.11", "3.0.2", "3.1.3-python3.12"])),
                 "image: ghcr.io/acme/airflow-custom@sha256:%s" % hx(64)])


@harm("near_miss", "nm:npm_integrity_sha512", 9)
def _():
    return '"node_modules/%s": {\n  "version": "%d.%d.%d",\n  "resolved": "https://registry.npmjs.org/%s/-/%s-%d.%d.%d.tgz",\n  "integrity": "sha512-%s"\n}' % (("lodash",) + (num(1, 5), num(0, 20), num(0, 30)) + ("lodash", "lodash") + (num(1, 5), num(0, 20), num(0, 30)) + (b64(64),))


@harm("near_miss", "nm:pip_hash_lock", 9)
def _():
    pk = pick(["apache-airflow-providers-amazon", "psycopg2-binary", "requests", "pendulum", "sqlalchemy"])
    return "%s==%d.%d.%d \\\n    --hash=sha256:%s \\\n    --hash=sha256:%s" % (pk, num(1, 9), num(0, 30), num(0, 9), hx(64), hx(64))


@harm("near_miss", "nm:go_sum_h1", 6)
def _():
    return "github.com/%s/%s v%d.%d.%d h1:%s=\ngithub.com/%s/%s v%d.%d.%d/go.mod h1:%s=" % ("aws", "aws-sdk-go-v2", 1, num(10, 30), num(0, 9), b64(32)[:-1], "aws", "aws-sdk-go-v2", 1, num(10, 30), num(0, 9), b64(32)[:-1])


@harm("near_miss", "nm:git_shas", 12)
def _():
    return pick(["commit %s\nAuthor: %s <%s@acme.io>\nDate:   Tue Mar 4 10:11:12 2026 +0000\n\n    fix: retry partner api on 429" % (hx(40), pick(FIRST).title(), pick(FIRST)),
                 "[%s] {git.py:%d} INFO - Checked out dags repo at %s (branch main)" % (ts(), num(100, 300), hx(40)),
                 "%s %s Merge pull request #%d from acme/feature/dbt-upgrade" % (hx(7), hx(7), num(100, 3000))])


@harm("near_miss", "nm:etags_request_ids", 12)
def _():
    return pick(["< ETag: \"%s\"\n< x-amz-request-id: %s\n< x-amz-id-2: %s" % (hx(32), rs(ANU, 16), b64(48)),
                 "upload complete: ETag=\"%s-%d\" VersionId=%s" % (hx(32), num(2, 40), rs(B64U, 32)),
                 "x-request-id: %s\ntraceparent: 00-%s-%s-01" % (uid(), hx(32), hx(16))])


@harm("near_miss", "nm:uuids_trace_ids", 12)
def _():
    return pick([json.dumps({"trace_id": hx(32), "span_id": hx(16), "parent_span_id": hx(16), "service.name": "airflow-worker", "name": "task_run"}),
                 "ti_id=%s dag_version_id=%s" % (uid(), uid()),
                 "Job %s submitted to EMR cluster j-%s" % (uid(), rs(ANU, 13))])


@harm("near_miss", "nm:k8s_pod_names", 6)
def _():
    return "NAME                                    READY   STATUS    RESTARTS   AGE\nairflow-scheduler-%s-%s   2/2     Running   0          3d\nairflow-worker-%d                        2/2     Running   1          3d\n%s-%s   0/1     Completed 0          12m" % (hx(10), rs(ANL, 5), num(0, 4), pick(DAGS).replace("_", "-"), rs(ANL, 8))


@harm("near_miss", "nm:documented_example_keys", 6)
def _():
    return pick(["The AWS docs use AKIAIOSFODNN7EXAMPLE as the sample key id; never paste real ones here.",
                 "# sample pair from the IAM guide: AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                 "Replace <YOUR_API_KEY> with the key from the console, e.g. sk_test_xxxxxxxxxxxxxxxxxxxxxxxx",
                 "Webhook URLs look like https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX"])


@harm("near_miss", "nm:public_material", 9)
def _():
    return pick(["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s airflow@bastion" % b64(24)[:43],
                 "-----BEGIN CERTIFICATE-----\n%s\n%s\n%s\n-----END CERTIFICATE-----" % (b64(48), b64(48), b64(24)),
                 "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE%s\n-----END PUBLIC KEY-----" % b64(48)[:52],
                 "gpg: key %s: public key \"Release Signing <release@acme.io>\" imported\nPrimary key fingerprint: %s" % (hx(16).upper(), " ".join(hx(4).upper() for _ in range(10))),
                 "publishableKey: \"pk_live_%s\"" % rs(AN, 99)])


@harm("near_miss", "nm:versions_timestamps_cron", 9)
def _():
    return pick(["apache-airflow==%s apache-airflow-providers-google==%d.%d.%d python=3.%d" % (pick(["2.10.5", "3.0.2", "3.1.3"]), num(10, 18), num(0, 9), num(0, 3), num(9, 12)),
                 "schedule='%s' catchup=False start_date=pendulum.datetime(2024, 1, 1, tz='UTC')" % pick(["0 */4 * * *", "15 3 * * 1-5", "@daily", "0 0 1 * *"]),
                 "epoch=%d logical_date=%s" % (num(1.7e9, 1.8e9), iso())])


@harm("near_miss", "nm:base64_payloads", 9)
def _():
    return pick(["data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA%s" % b64(60),
                 "log position marker %s" % base64.b64encode(json.dumps({"end_of_log": False, "log_pos": num(100, 99999)}).encode()).decode(),
                 "dag file id %s" % base64.urlsafe_b64encode(("\"/opt/airflow/dags/%s.py\"" % pick(DAGS)).encode()).decode().rstrip("=") + "." + rs(B64U, 27)])


@harm("near_miss", "nm:s3_gcs_paths", 12)
def _():
    return pick(["s3://%s/raw/events/dt=%s/hour=%02d/part-%s.snappy.parquet" % (pick(BUCKETS), iso()[:10], num(0, 23), uid()),
                 "gs://%s/staging/%s/%s.avro" % (pick(BUCKETS), hx(32), rs(ANL, 12)),
                 "abfss://raw@acmelake.dfs.core.windows.net/crm/%s/" % hx(16)])


@harm("key_word_nonsecret", "kw:prose_token_password", 26)
def _():
    return pick([logline("Tokenizer loaded: vocab size %d, model bert-base-uncased" % pick([30522, 32000, 50257]), "logging_mixin.py:%d" % num(150, 200)),
                 logline("token count: %d (prompt) + %d (completion)" % (num(10, 4000), num(10, 2000)), "logging_mixin.py:%d" % num(150, 200)),
                 logline("Password reset email sent to user id %d" % num(1000, 99999), "logging_mixin.py:%d" % num(150, 200)),
                 "Secret Santa draw scheduled for %s" % iso()[:10],
                 logline("Refreshing access token for connection %s (expires in 3599s)" % pick(CONNS), "base_google.py:%d" % num(200, 400)),
                 logline("Rotating credentials: new secret version created in Secrets Manager", "rotate.py:%d" % num(10, 99)),
                 logline("Invalid token in line %d of partner_feed.csv; skipping row" % num(2, 9999), "parser.py:%d" % num(10, 99), "WARNING"),
                 logline("PasswordPolicy check passed for %d users" % num(1, 999), "audit.py:%d" % num(10, 99)),
                 "ERROR: password authentication failed for user \"%s\"" % pick(USERS),
                 "java.sql.SQLException: Access denied for user '%s'@'10.0.3.%d' (using password: YES)" % (pick(USERS), num(2, 250)),
                 "The secret to fast backfills is to raise max_active_runs carefully."])


@harm("reference", "ref:templates_and_envnames", 16)
def _():
    return pick(["bash_command='curl -u {{ conn.%s.login }}:{{ conn.%s.password }} https://api.partner.io'" % (pick(CONNS), pick(CONNS)),
                 "sql=\"COPY INTO raw.events FROM @stage CREDENTIALS=(AWS_KEY_ID='{{ var.value.aws_key_id }}')\"",
                 "env={'DB_URL': '{{ conn.warehouse.get_uri() }}', 'MODE': 'prod'}",
                 "export PARTNER_ENDPOINT=\"${PARTNER_BASE_URL}/v2\"",
                 "arn:aws:secretsmanager:eu-west-1:%d:secret:airflow/connections/%s-%s" % (num(10**11, 10**12 - 1), pick(CONNS), rs(AN, 6)),
                 "projects/%d/secrets/airflow-connections-%s/versions/latest" % (num(10**11, 10**12 - 1), pick(CONNS)),
                 "vault kv get -mount=airflow connections/%s" % pick(CONNS),
                 "https://acme-kv.vault.azure.net/secrets/airflow-variables-%s" % pick(["env", "batch-size"])])


@harm("reference", "ref:secrets_backend_cfg", 6)
def _():
    return pick(["[secrets]\nbackend = airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend\nbackend_kwargs = {\"connections_prefix\": \"airflow/connections\", \"variables_prefix\": \"airflow/variables\", \"region_name\": \"eu-west-1\"}",
                 "[secrets]\nbackend = airflow.providers.hashicorp.secrets.vault.VaultBackend\nbackend_kwargs = {\"connections_path\": \"connections\", \"mount_point\": \"airflow\", \"url\": \"https://vault.acme.io:8200\", \"auth_type\": \"kubernetes\"}"])


@harm("reference", "ref:already_masked", 9)
def _():
    return pick([logline("Running command: psql postgresql://%s:***@%s:5432/dw -c 'select 1'" % (pick(USERS), pick(HOSTS)), "subprocess.py:%d" % num(60, 99)),
                 "[%s: INFO/MainProcess] Connected to amqp://airflow:**@rabbitmq.queue.svc:5672/airflow_vhost" % iso()[:23].replace("T", " "),
                 logline("Exporting env vars: AIRFLOW_CONN_WAREHOUSE=***", "taskinstance.py:%d" % num(1100, 3100))])


@harm("config", "cfg:airflow_cfg_plain", 14)
def _():
    return pick(["[core]\ndags_folder = /opt/airflow/dags\nparallelism = %d\nmax_active_tasks_per_dag = 16\nload_examples = False\nexecutor = %s" % (pick([32, 64]), pick(["CeleryExecutor", "KubernetesExecutor"])),
                 "[logging]\nremote_logging = True\nremote_base_log_folder = s3://%s/logs\nremote_log_conn_id = aws_default\nlogging_level = INFO" % pick(BUCKETS),
                 "[scheduler]\nmin_file_process_interval = 30\ndag_dir_list_interval = 300\nscheduler_heartbeat_sec = 5",
                 "[api]\nbase_url = https://airflow.acme.io\nexpose_config = non-sensitive-only\nworkers = 4",
                 "AIRFLOW__CORE__LOAD_EXAMPLES=False\nAIRFLOW__WEBSERVER__EXPOSE_CONFIG=False\nAIRFLOW__CELERY__WORKER_CONCURRENCY=16"])


@harm("config", "cfg:helm_compose_values", 9)
def _():
    return pick(["executor: CeleryExecutor\nimages:\n  airflow:\n    repository: apache/airflow\n    tag: %s\nworkers:\n  replicas: %d\n  resources:\n    limits:\n      cpu: \"2\"\n      memory: 4Gi" % (pick(["2.10.5", "3.0.2"]), num(1, 8)),
                 "services:\n  redis:\n    image: redis:7.2-bookworm\n    healthcheck:\n      test: [\"CMD\", \"redis-cli\", \"ping\"]\n      interval: 10s\n      retries: 50",
                 "resource \"aws_mwaa_environment\" \"prod\" {\n  airflow_version = \"2.10.3\"\n  environment_class = \"mw1.medium\"\n  max_workers = %d\n}" % num(2, 25)])


@harm("dag_source", "dag:python_snippets", 15)
def _():
    d = pick(DAGS)
    return pick(["with DAG(\n    dag_id=\"%s\",\n    schedule=\"%s\",\n    start_date=pendulum.datetime(2024, 1, 1, tz=\"UTC\"),\n    catchup=False,\n    tags=[\"etl\"],\n) as dag:\n    extract = SQLExecuteQueryOperator(task_id=\"extract\", conn_id=\"%s\", sql=\"sql/extract.sql\")" % (d, pick(["0 6 * * *", "@hourly"]), pick(CONNS)),
                 "@task\ndef load(rows: list[dict]) -> int:\n    hook = PostgresHook(postgres_conn_id=\"%s\")\n    hook.insert_rows(table=\"stage.orders\", rows=rows, commit_every=1000)\n    return len(rows)" % pick(CONNS),
                 "notify = SlackWebhookOperator(\n    task_id=\"notify_slack\",\n    slack_webhook_conn_id=\"slack_alerts\",\n    message=\"{{ dag.dag_id }} finished for {{ ds }}\",\n)",
                 "run_dbt = BashOperator(task_id=\"run_dbt\", bash_command=\"dbt run --profiles-dir /opt/dbt --target prod --select tag:daily\")",
                 "sensor = S3KeySensor(task_id=\"wait\", bucket_key=\"s3://%s/incoming/{{ ds_nodash }}/_SUCCESS\", aws_conn_id=\"aws_default\", deferrable=True)" % pick(BUCKETS)])


# ---- airflow key-rule harmless lines (scored apart) ---------------------------------------
@harm("api_json", "kr:v2_connection_masked", 8, True)
def _():
    return json.dumps({"connection_id": pick(CONNS), "conn_type": "postgres", "description": None, "host": pick(HOSTS), "login": pick(USERS), "schema": "dw", "port": 5432, "password": "***", "extra": json.dumps({"sslmode": "require", "api_key": "***"}), "team_name": None})


@harm("config", "kr:config_hidden", 8, True)
def _():
    return pick(["[webserver]\nsecret_key = < hidden >", "[smtp]\nsmtp_password = < hidden >",
                 json.dumps({"sections": [{"name": "celery", "options": [{"key": "broker_url_secret", "value": "< hidden >"}]}]}),
                 "AIRFLOW__SECRETS__BACKEND_KWARGS: < hidden >"])


@harm("reference", "kr:secret_refs_under_key", 8, True)
def _():
    return pick(["password: ${DB_PASSWORD}", "api_key: \"{{ var.value.partner_api_key }}\"",
                 json.dumps({"secret_name": "airflow/connections/%s" % pick(CONNS), "region": "eu-west-1"}),
                 "webhook_url: '{{ conn.slack_alerts.password }}'",
                 "private_key_path = /opt/airflow/keys/sftp_vendor_ed25519",
                 json.dumps({"service_account": "airflow-worker@acme-analytics.iam.gserviceaccount.com", "project_id": "acme-analytics"}),
                 "access_token_url: https://oauth2.googleapis.com/token"])


@harm("key_word_nonsecret", "kr:nonsecret_values_under_key", 8, True)
def _():
    return pick([json.dumps({"max_tokens": num(256, 4096), "temperature": 0.2, "model": "gpt-4o-mini"}),
                 "min_password_length: %d" % num(8, 16),
                 json.dumps({"use_token_auth": True, "passphrase": "", "token_ttl_seconds": 3600}),
                 "authorization_url = https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
                 json.dumps({"keyfile_dict": None, "key_path": "/var/secrets/google/key.json"}),
                 "connection_string: \"< hidden >\"", "token: null"])


@harm("near_miss", "kr:example_keys_under_key", 6, True)
def _():
    return pick(["# example from the AWS docs, do not use\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                 "# e.g. export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
                 "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX",
                 "continuation_token: %s" % base64.b64encode(json.dumps({"end_of_log": False, "log_pos": num(100, 99999)}).encode()).decode(),
                 "export API_KEY=\"${PARTNER_API_KEY}\"",
                 "valueFrom:\n  secretKeyRef:\n    name: airflow-metadata\n    key: connection",
                 "AIRFLOW__SECRETS__BACKEND=airflow.providers.google.cloud.secrets.secret_manager.CloudSecretManagerBackend",
                 logline("Fetched auth payload {'Authorization': '***'}", "http.py:%d" % num(150, 200))])


@harm("api_json", "api:v2_task_instance", 10)
def _():
    return json.dumps({"id": uid(), "task_id": pick(TASKS), "dag_id": pick(DAGS), "dag_run_id": runid(), "map_index": -1, "logical_date": iso(), "run_after": iso(), "start_date": iso(), "end_date": iso(), "duration": round(R.uniform(0.5, 900), 3), "state": pick(["success", "failed", "deferred", "up_for_reschedule"]), "try_number": num(1, 3), "max_tries": 2, "task_display_name": pick(TASKS), "dag_display_name": pick(DAGS), "hostname": "%s-%s" % (pick(DAGS).replace("_", "-")[:18], rs(ANL, 8)), "unixname": "airflow", "pool": "default_pool", "pool_slots": 1, "queue": "default", "priority_weight": 1, "operator": "PythonOperator", "operator_name": "@task", "queued_when": iso(), "scheduled_when": iso(), "pid": num(10, 9999), "executor": None, "executor_config": "{}", "note": None, "rendered_map_index": None, "rendered_fields": {"op_kwargs": {"limit": 500}, "templates_dict": None}, "trigger": None, "triggerer_job": None, "dag_version": {"id": uid(), "version_number": num(1, 30), "dag_id": pick(DAGS), "bundle_name": "dags-folder", "bundle_version": None, "created_at": iso()}})


@harm("api_json", "api:v2_task_log_content", 10)
def _():
    return json.dumps({"content": [{"timestamp": ts(True), "event": "::group::Log message source details", "sources": ["/opt/airflow/logs/dag_id=%s/run_id=%s/task_id=%s/attempt=1.log" % (pick(DAGS), runid(), pick(TASKS))]}, {"timestamp": ts(True), "level": "info", "event": "DAG bundles loaded: dags-folder", "logger": "airflow.dag_processing.bundles.manager.DagBundlesManager"}, {"timestamp": ts(True), "level": "info", "event": "Filling up the DagBag from /opt/airflow/dags/%s.py" % pick(DAGS), "logger": "airflow.models.dagbag.DagBag"}], "continuation_token": None})


@harm("task_log", "log:dbt_and_tools_output", 12)
def _():
    return pick(["%02d:%02d:%02d  %d of %d OK created sql table model analytics.%s ........ [SELECT %d in %.2fs]" % (num(0, 23), num(0, 59), num(0, 59), num(1, 40), 40, pick(["orders_daily", "dim_customer", "fct_sessions"]), num(100, 10**6), R.uniform(0.5, 90)),
                 "%02d:%02d:%02d  Finished running %d table models, %d tests in 0 hours 3 minutes and %.2f seconds." % (num(0, 23), num(0, 59), num(0, 59), num(5, 60), num(10, 200), R.uniform(0, 59)),
                 "Successfully installed apache-airflow-providers-snowflake-%d.%d.%d snowflake-connector-python-3.%d.%d" % (num(5, 6), num(0, 9), num(0, 3), num(10, 15), num(0, 5)),
                 "Transferred: %d.%d MiB / %d.%d MiB, 100%%, %d.%d MiB/s, ETA 0s" % (num(1, 999), num(0, 9), num(1, 999), num(0, 9), num(1, 90), num(0, 9))])


@harm("config", "cli:airflow_cli_output", 12)
def _():
    return pick(["dag_id                  | fileloc                              | owners   | is_paused\n========================+======================================+==========+==========\n%s | /opt/airflow/dags/%s.py | data-eng | False" % (pick(DAGS), pick(DAGS)),
                 "$ airflow connections list -o table\nid | conn_id            | conn_type | description | host\n%d  | %s | postgres  |             | %s" % (num(1, 99), pick(CONNS), pick(HOSTS)),
                 "$ airflow version\n%s" % pick(["2.10.5", "3.0.2", "3.1.3"]),
                 "$ airflow pools list\npool         | slots | description\n=============+=======+=============\ndefault_pool | 128   | Default pool"])


@harm("worker_log", "log:webserver_gunicorn", 10)
def _():
    return pick(["[%s +0000] [%d] [INFO] Listening at: http://0.0.0.0:8080 (%d)" % (iso()[:19].replace("T", " "), num(10, 99), num(10, 99)),
                 "127.0.0.1 - - [07/Mar/2026:14:%02d:%02d +0000] \"GET /health HTTP/1.1\" 200 %d \"-\" \"kube-probe/1.29\"" % (num(0, 59), num(0, 59), num(200, 400)),
                 "[%s] {override.py:%d} INFO - Inserted Role: Viewer" % (ts(), num(1400, 1600))])


# ---------------------------------------------------------------- build
def build():
    rows = []
    all_secrets = set()
    for family, fmt, fn, n in SECRET_T:
        for _ in range(n):
            res = fn()
            text, secrets = res[0], res[1]
            reg = res[2] if len(res) > 2 else None
            row = {"kind": "secret", "family": family, "format": fmt, "text": text, "secrets": list(secrets)}
            if reg:
                row["registered"] = list(reg)
            rows.append(row)
            all_secrets.update(secrets)
            if reg:
                all_secrets.update(reg)
    seen_harmless = set()
    for family, fmt, fn, n, kr in HARM_T:
        made = 0
        tries = 0
        while made < n:
            text = fn()
            tries += 1
            if any(s in text for s in all_secrets):
                if tries > 50 * n:
                    raise SystemExit("cannot generate harmless %s" % fmt)
                continue
            if text in seen_harmless and tries <= 20 * n:
                continue
            seen_harmless.add(text)
            row = {"kind": "harmless", "family": family, "format": fmt, "text": text, "secrets": []}
            if kr:
                row["airflow_key_rule"] = True
            rows.append(row)
            made += 1
    R.shuffle(rows)
    out = []
    for i, row in enumerate(rows, 1):
        o = {"id": "%s-%05d" % (PFX, i)}
        o.update(row)
        out.append(json.dumps(o, ensure_ascii=False, sort_keys=False))
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    print("wrote %d lines to %s" % (len(out), OUT))


if __name__ == "__main__":
    build()
