#!/usr/bin/env python3
"""Blind evaluation corpus generator, batch 7 (prefix B7, seed 70707).

Stdlib only. Every secret is produced by the seeded PRNG below with the length and
alphabet of the real format; nothing here is a real credential.
Re-running writes a byte-identical corpus.jsonl next to this folder.
"""
import base64
import hashlib
import json
import os
import random
import urllib.parse

SEED = 70707
PFX = "B7"
R = random.Random(SEED)

UP = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LO = "abcdefghijklmnopqrstuvwxyz"
DG = "0123456789"
HEX = "0123456789abcdef"
UHEX = "0123456789ABCDEF"
AN = UP + LO + DG
B64 = AN + "+/"
B64U = AN + "-_"
B32 = UP + "234567"
PUNCT = "!#$%&()*+,-./:;<=>?@[]^_{|}~"
PUNCT_Q = PUNCT + "\"'\\"


def rs(n, a=AN):
    return "".join(R.choice(a) for _ in range(n))


def hx(n):
    return rs(n, HEX)


def uu():
    h = hx(32)
    h = h[:12] + "4" + h[13:16] + R.choice("89ab") + h[17:]
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def b64(b):
    return base64.b64encode(b).decode()


def b64raw(n):
    return b64(bytes(R.getrandbits(8) for _ in range(n)))


def b64url_raw(n):
    return base64.urlsafe_b64encode(bytes(R.getrandbits(8) for _ in range(n))).decode().rstrip("=")


def jwt(alg="RS256", sig_bytes=256, claims=None):
    h = {"alg": alg, "typ": "JWT"}
    if alg.startswith("RS"):
        h["kid"] = rs(27, B64U)
    c = {"iss": pick(["https://sso.corp.example.net/realms/data", "https://kubernetes.default.svc.cluster.local", "https://login.microsoftonline.com/%s/v2.0" % hx(8)]),
         "sub": rs(R.randint(8, 36), AN + "-"), "iat": R.randint(1760000000, 1790000000), "exp": R.randint(1790000000, 1800000000), "jti": rs(22, B64U)}
    c.update(claims or {})
    enc = lambda d: base64.urlsafe_b64encode(json.dumps(d, separators=(",", ":")).encode()).decode().rstrip("=")
    return enc(h) + "." + enc(c) + "." + b64url_raw(sig_bytes)


def pick(xs):
    return R.choice(xs)


def jesc(s, n=1):
    for _ in range(n):
        s = json.dumps(s)[1:-1]
    return s


def pq(s):
    return urllib.parse.quote(s, safe="")


def password(n=None, punct=True):
    n = n or R.randint(12, 24)
    while True:
        a = AN + ((PUNCT_Q if R.random() < 0.35 else PUNCT) if punct else "")
        p = rs(n, a)
        if (not punct or sum(c in PUNCT for c in p) >= 2) and any(c.isdigit() for c in p) and p[0] not in "-#":
            return p


def simple_pw(n=None):
    return password(n, punct=False)


def ts():
    return "2026-%02d-%02dT%02d:%02d:%02d.%06d+00:00" % (
        R.randint(1, 11), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59), R.randint(0, 999999))


def ts2():
    return "2026-%02d-%02d, %02d:%02d:%02d UTC" % (
        R.randint(1, 11), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59))


def tsz():
    return "2026-%02d-%02dT%02d:%02d:%02d.%03dZ" % (
        R.randint(1, 11), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59), R.randint(0, 999))


DAGS = ["daily_sales_etl", "ingest_clickstream", "crm_sync_hourly", "ml_feature_refresh", "finance_close_monthly",
        "s3_to_snowflake", "dbt_nightly", "partner_feed_export", "kafka_offsets_audit", "gdpr_erasure_requests",
        "marketing_attribution", "inventory_snapshot", "billing_reconcile", "warehouse_vacuum", "bq_cost_report"]
TASKS = ["extract", "load_raw", "transform", "publish", "notify_slack", "run_dbt", "upload_to_s3", "call_partner_api",
         "refresh_token", "export_csv", "check_quality", "sync_users", "submit_spark_job", "helm_deploy", "tf_apply"]
HOSTS = ["pg-analytics.prod.internal", "mysql-01.cx8hq2kz7v1a.eu-west-1.rds.amazonaws.com", "10.42.7.19",
         "warehouse.db.corp.example.net", "redis-master.cache.svc.cluster.local", "rabbitmq.messaging.svc",
         "mssql-erp01.corp.local", "mongo-0.mongo.data.svc.cluster.local", "kafka-1.confluent.internal",
         "sftp.partner-logistics.com", "smtp.office365.com", "ldap.corp.example.org"]
USERS = ["airflow", "etl_user", "svc_reporting", "loader", "analytics_rw", "deploy", "svc-airflow", "dbt_runner",
         "ingest_bot", "admin_ops"]


def dag():
    return pick(DAGS)


def task():
    return pick(TASKS)


def run_id():
    return pick(["scheduled__", "manual__", "backfill__", "dataset_triggered__"]) + ts()


def af2(msg, src=None, lvl="INFO"):
    src = src or pick(["taskinstance.py:1234", "logging_mixin.py:190", "subprocess.py:93", "base.py:84",
                       "http.py:175", "standard_task_runner.py:104", "python.py:237", "sql.py:418"])
    return "[%s] {%s} %s - %s" % (ts2(), src, lvl, msg)


def af3(msg, logger="airflow.task", lvl="info"):
    return json.dumps({"timestamp": tsz(), "level": lvl, "event": msg, "logger": logger})


def af3c(msg, logger="airflow.task.hooks"):
    return "%s [%-9s] %s [%s]" % (tsz(), pick(["info", "debug", "warning"]), msg, logger)


def tlog(msg, src=None, lvl="INFO"):
    r = R.random()
    if r < 0.5:
        return af2(msg, src, lvl)
    if r < 0.8:
        return af3(msg, lvl=lvl.lower())
    return af3c(msg)


# ---------------------------------------------------------------- vendor token shapes
def v_aws_akid():
    return "AKIA" + rs(16, B32)


def v_aws_secret():
    return rs(40, AN + "/+")


def v_aws_session():
    return "IQoJb3JpZ2luX2VjE" + rs(R.randint(300, 420), B64) + "=="


VENDORS = {
    # name: (generator, var name, header style)
    "github_pat_classic": (lambda: "ghp_" + rs(36), "GITHUB_TOKEN", "Authorization: token {t}"),
    "github_fine_grained": (lambda: "github_pat_11" + rs(20, UP + DG) + "_" + rs(59), "GH_TOKEN", "Authorization: Bearer {t}"),
    "github_app_install": (lambda: "ghs_" + rs(36), "GITHUB_APP_TOKEN", "Authorization: token {t}"),
    "github_oauth": (lambda: "gho_" + rs(36), "GITHUB_OAUTH", "Authorization: Bearer {t}"),
    "github_refresh": (lambda: "ghr_" + rs(76), "GH_REFRESH", "Authorization: Bearer {t}"),
    "gitlab_pat": (lambda: "glpat-" + rs(20, AN + "-_"), "GITLAB_TOKEN", "PRIVATE-TOKEN: {t}"),
    "gitlab_runner": (lambda: "glrt-" + rs(20, AN + "-_"), "RUNNER_TOKEN", "JOB-TOKEN: {t}"),
    "gitlab_deploy": (lambda: "gldt-" + rs(20, AN + "-_"), "CI_DEPLOY_PASSWORD", "Authorization: Basic {t}"),
    "slack_bot": (lambda: "xoxb-%d-%d-%s" % (R.randint(10 ** 10, 10 ** 12), R.randint(10 ** 12, 10 ** 13), rs(24)), "SLACK_BOT_TOKEN", "Authorization: Bearer {t}"),
    "slack_user": (lambda: "xoxp-%d-%d-%d-%s" % (R.randint(10 ** 10, 10 ** 12), R.randint(10 ** 10, 10 ** 12), R.randint(10 ** 12, 10 ** 13), hx(32)), "SLACK_USER_TOKEN", "Authorization: Bearer {t}"),
    "slack_app": (lambda: "xapp-1-A%s-%d-%s" % (rs(10, UP + DG), R.randint(10 ** 12, 10 ** 13), hx(64)), "SLACK_APP_TOKEN", "Authorization: Bearer {t}"),
    "google_api_key": (lambda: "AIza" + rs(35, B64U), "GOOGLE_API_KEY", "X-Goog-Api-Key: {t}"),
    "google_oauth_client_secret": (lambda: "GOCSPX-" + rs(28, B64U), "GOOGLE_CLIENT_SECRET", "X-Client-Secret: {t}"),
    "google_oauth_access": (lambda: "ya29.a0" + rs(R.randint(150, 200), B64U), "GOOGLE_ACCESS_TOKEN", "Authorization: Bearer {t}"),
    "google_refresh": (lambda: "1//0" + rs(R.randint(95, 100), B64U), "GOOGLE_REFRESH_TOKEN", "X-Refresh: {t}"),
    "stripe_secret": (lambda: "sk_live_51" + rs(R.randint(96, 97)), "STRIPE_SECRET_KEY", "Authorization: Bearer {t}"),
    "stripe_restricted": (lambda: "rk_live_51" + rs(97), "STRIPE_RK", "Authorization: Bearer {t}"),
    "stripe_webhook": (lambda: "whsec_" + rs(32), "STRIPE_WEBHOOK_SECRET", "Stripe-Signing: {t}"),
    "twilio_auth_token": (lambda: hx(32), "TWILIO_AUTH_TOKEN", "X-Twilio-Token: {t}"),
    "sendgrid": (lambda: "SG." + rs(22, B64U) + "." + rs(43, B64U), "SENDGRID_API_KEY", "Authorization: Bearer {t}"),
    "mailgun": (lambda: "key-" + hx(32), "MAILGUN_API_KEY", "X-Mailgun-Key: {t}"),
    "mailchimp": (lambda: hx(32) + "-us" + str(R.randint(2, 21)), "MAILCHIMP_API_KEY", "Authorization: apikey {t}"),
    "openai_project": (lambda: "sk-proj-" + rs(74, B64U) + "T3BlbkFJ" + rs(74, B64U), "OPENAI_API_KEY", "Authorization: Bearer {t}"),
    "openai_svcacct": (lambda: "sk-svcacct-" + rs(74, B64U) + "T3BlbkFJ" + rs(74, B64U), "OPENAI_API_KEY", "Authorization: Bearer {t}"),
    "anthropic": (lambda: "sk-ant-api03-" + rs(93, B64U) + "AA", "ANTHROPIC_API_KEY", "x-api-key: {t}"),
    "huggingface": (lambda: "hf_" + rs(34, UP + LO), "HF_TOKEN", "Authorization: Bearer {t}"),
    "npm": (lambda: "npm_" + rs(36), "NPM_TOKEN", "Authorization: Bearer {t}"),
    "pypi": (lambda: "pypi-AgEIcHlwaS5vcmcCJ" + rs(R.randint(140, 180), B64U), "TWINE_PASSWORD", "Authorization: Basic {t}"),
    "dockerhub_pat": (lambda: "dckr_pat_" + rs(27, B64U), "DOCKERHUB_TOKEN", "Authorization: Bearer {t}"),
    "databricks": (lambda: "dapi" + hx(32) + pick(["", "-2", "-3"]), "DATABRICKS_TOKEN", "Authorization: Bearer {t}"),
    "newrelic_user": (lambda: "NRAK-" + rs(27, UP + DG), "NEW_RELIC_API_KEY", "Api-Key: {t}"),
    "newrelic_license": (lambda: hx(36) + "NRAL", "NEW_RELIC_LICENSE_KEY", "X-License-Key: {t}"),
    "datadog_api": (lambda: hx(32), "DD_API_KEY", "DD-API-KEY: {t}"),
    "datadog_app": (lambda: hx(40), "DD_APP_KEY", "DD-APPLICATION-KEY: {t}"),
    "azure_ad_client_secret": (lambda: rs(3, AN) + "8Q~" + rs(31, AN + "_.-~"), "AZURE_CLIENT_SECRET", "X-Client-Secret: {t}"),
    "azure_storage_key": (lambda: b64raw(64), "AZURE_STORAGE_KEY", "x-ms-key: {t}"),
    "shopify_access": (lambda: "shpat_" + hx(32), "SHOPIFY_ACCESS_TOKEN", "X-Shopify-Access-Token: {t}"),
    "atlassian": (lambda: "ATATT3xFfGF0" + rs(170, B64U) + "=" + rs(8, UHEX), "JIRA_API_TOKEN", "Authorization: Bearer {t}"),
    "linear": (lambda: "lin_api_" + rs(40), "LINEAR_API_KEY", "Authorization: {t}"),
    "digitalocean": (lambda: "dop_v1_" + hx(64), "DIGITALOCEAN_TOKEN", "Authorization: Bearer {t}"),
    "vault_service": (lambda: "hvs.CAESI" + rs(R.randint(85, 100), B64U), "VAULT_TOKEN", "X-Vault-Token: {t}"),
    "vault_batch": (lambda: "hvb.AAAAAQ" + rs(R.randint(120, 140), B64U), "VAULT_TOKEN", "X-Vault-Token: {t}"),
    "terraform_cloud": (lambda: rs(14) + ".atlasv1." + rs(67), "TFE_TOKEN", "Authorization: Bearer {t}"),
    "grafana_sa": (lambda: "glsa_" + rs(32) + "_" + hx(8), "GRAFANA_TOKEN", "Authorization: Bearer {t}"),
    "grafana_cloud": (lambda: "glc_eyJvIjoi" + rs(R.randint(100, 130), B64U) + "In19", "GRAFANA_CLOUD_TOKEN", "Authorization: Bearer {t}"),
    "sentry_user": (lambda: "sntryu_" + hx(64), "SENTRY_AUTH_TOKEN", "Authorization: Bearer {t}"),
    "sentry_org": (lambda: "sntrys_eyJpYXQiOjE3" + rs(150, B64U) + "_" + rs(43, B64U), "SENTRY_AUTH_TOKEN", "Authorization: Bearer {t}"),
    "telegram_bot": (lambda: "%d:AA%s" % (R.randint(10 ** 9, 8 * 10 ** 9), rs(33, B64U)), "TELEGRAM_BOT_TOKEN", "X-Bot: {t}"),
    "jfrog_api_key": (lambda: "AKCp8" + rs(68), "ARTIFACTORY_API_KEY", "X-JFrog-Art-Api: {t}"),
    "jfrog_identity": (lambda: "cmVmdGtuOjAxOjE3" + rs(48, B64U), "JFROG_ACCESS_TOKEN", "Authorization: Bearer {t}"),
    "cloudflare_global": (lambda: hx(37), "CLOUDFLARE_API_KEY", "X-Auth-Key: {t}"),
    "cloudflare_token": (lambda: rs(40, B64U), "CLOUDFLARE_API_TOKEN", "Authorization: Bearer {t}"),
    "okta": (lambda: "00" + rs(40, B64U), "OKTA_API_TOKEN", "Authorization: SSWS {t}"),
    "postman": (lambda: "PMAK-" + hx(24) + "-" + hx(34), "POSTMAN_API_KEY", "X-Api-Key: {t}"),
    "doppler": (lambda: "dp.st.prd." + rs(43), "DOPPLER_TOKEN", "Authorization: Bearer {t}"),
    "pulumi": (lambda: "pul-" + hx(40), "PULUMI_ACCESS_TOKEN", "Authorization: token {t}"),
    "square": (lambda: "EAAA" + rs(60, B64U), "SQUARE_ACCESS_TOKEN", "Authorization: Bearer {t}"),
    "airtable": (lambda: "pat" + rs(14) + "." + hx(64), "AIRTABLE_TOKEN", "Authorization: Bearer {t}"),
    "notion": (lambda: "ntn_" + rs(11, DG) + rs(35), "NOTION_TOKEN", "Authorization: Bearer {t}"),
    "supabase": (lambda: "sbp_" + hx(40), "SUPABASE_ACCESS_TOKEN", "Authorization: Bearer {t}"),
    "planetscale": (lambda: "pscale_pw_" + rs(43, B64U), "PLANETSCALE_PASSWORD", "Authorization: {t}"),
    "bitbucket_app_pw": (lambda: "ATBB" + rs(28) + rs(8, UHEX), "BITBUCKET_APP_PASSWORD", "X-BB: {t}"),
    "circleci": (lambda: "CCIPAT_" + rs(22) + "_" + hx(40), "CIRCLE_TOKEN", "Circle-Token: {t}"),
    "buildkite": (lambda: "bkua_" + hx(40), "BUILDKITE_API_TOKEN", "Authorization: Bearer {t}"),
    "fly": (lambda: "FlyV1 fm2_lJPE" + rs(R.randint(200, 260), B64), "FLY_API_TOKEN", "Authorization: {t}"),
    "dbt_cloud": (lambda: "dbtc_" + rs(56, B64U), "DBT_CLOUD_API_TOKEN", "Authorization: Token {t}"),
    "azure_devops_pat": (lambda: rs(52, LO + "234567"), "AZURE_DEVOPS_EXT_PAT", "Authorization: Basic {t}"),
    "alibaba_secret": (lambda: rs(30), "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "X-Acs: {t}"),
    "alibaba_akid": (lambda: "LTAI5t" + rs(18), "ALIBABA_CLOUD_ACCESS_KEY_ID", "X-Acs-Id: {t}"),
    "ibm_cloud": (lambda: rs(44, B64U), "IBMCLOUD_API_KEY", "X-Ibm: {t}"),
    "rubygems": (lambda: "rubygems_" + hx(48), "GEM_HOST_API_KEY", "Authorization: {t}"),
    "nuget": (lambda: "oy2" + rs(43, LO + DG), "NUGET_API_KEY", "X-NuGet-ApiKey: {t}"),
    "dynatrace": (lambda: "dt0c01." + rs(24, UP + DG) + "." + rs(64, UP + DG), "DT_API_TOKEN", "Authorization: Api-Token {t}"),
    "prefect": (lambda: "pnu_" + rs(36), "PREFECT_API_KEY", "Authorization: Bearer {t}"),
    "wandb": (lambda: hx(40), "WANDB_API_KEY", "X-Wandb: {t}"),
    "langsmith": (lambda: "lsv2_pt_" + hx(32) + "_" + hx(10), "LANGSMITH_API_KEY", "x-api-key: {t}"),
    "groq": (lambda: "gsk_" + rs(52), "GROQ_API_KEY", "Authorization: Bearer {t}"),
    "replicate": (lambda: "r8_" + rs(37), "REPLICATE_API_TOKEN", "Authorization: Token {t}"),
    "pinecone": (lambda: "pcsk_" + rs(5) + "_" + rs(63), "PINECONE_API_KEY", "Api-Key: {t}"),
    "hubspot": (lambda: "pat-na1-" + uu(), "HUBSPOT_ACCESS_TOKEN", "Authorization: Bearer {t}"),
    "contentful": (lambda: "CFPAT-" + rs(43, B64U), "CONTENTFUL_MANAGEMENT_TOKEN", "Authorization: Bearer {t}"),
    "facebook": (lambda: "EAAG" + rs(R.randint(180, 200)), "FB_ACCESS_TOKEN", "Authorization: OAuth {t}"),
    "dropbox": (lambda: "sl.B" + rs(R.randint(135, 140), B64U), "DROPBOX_TOKEN", "Authorization: Bearer {t}"),
    "salesforce_session": (lambda: "00D" + rs(12) + "!AQ" + rs(1) + "AQ" + rs(R.randint(90, 100), AN + "._"), "SF_SESSION_ID", "Authorization: Bearer {t}"),
    "mapbox_secret": (lambda: "sk.eyJ1Ijoi" + rs(40, B64U) + "." + rs(22, B64U), "MAPBOX_SECRET_TOKEN", "X-Mapbox: {t}"),
    "snyk": (lambda: uu(), "SNYK_TOKEN", "Authorization: token {t}"),
    "confluent_secret": (lambda: rs(64, B64), "CONFLUENT_CLOUD_API_SECRET", "X-Confluent: {t}"),
    "age_secret": (lambda: "AGE-SECRET-KEY-1" + rs(58, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L".upper()), "SOPS_AGE_KEY", "X-Age: {t}"),
    "yandex_oauth": (lambda: "y0_AgAAAAA" + rs(60, B64U), "YC_TOKEN", "Authorization: OAuth {t}"),
    "tencent_secret_id": (lambda: "AKID" + rs(32), "TENCENTCLOUD_SECRET_ID", "X-TC-SecretId: {t}"),
    "aws_access_key_id": (v_aws_akid, "AWS_ACCESS_KEY_ID", "X-Amz-Key: {t}"),
    "aws_secret_access_key": (v_aws_secret, "AWS_SECRET_ACCESS_KEY", "X-Amz-Secret: {t}"),
}

# vendor contexts: each returns (text, list_of_secret_forms) given var name, token, header
def vc_env(v, t, h):
    return "export %s=%s" % (v, pick(['"%s"' % t, "'%s'" % t] + ([] if " " in t else [t]))), [t]


def vc_dotenv(v, t, h):
    return "# .env loaded by docker compose\n%s=%s\nLOG_LEVEL=info\nTZ=UTC" % (v, t), [t]


def vc_k8s(v, t, h):
    return ("    env:\n      - name: AIRFLOW__CORE__LOAD_EXAMPLES\n        value: \"False\"\n      - name: %s\n        value: \"%s\"\n"
            "      - name: POD_NAMESPACE\n        valueFrom:\n          fieldRef:\n            fieldPath: metadata.namespace") % (v, t), [t]


def vc_httpclient(v, t, h):
    host = pick(["api.github.com", "api.stripe.com", "hooks.internal", "api.partner.io", "gitlab.com", "api.datadoghq.eu"])
    return ("send: b'GET /v2/%s HTTP/1.1\\r\\nHost: %s\\r\\nUser-Agent: python-requests/2.32.3\\r\\nAccept-Encoding: gzip, deflate\\r\\n"
            "Accept: */*\\r\\nConnection: keep-alive\\r\\n%s\\r\\n\\r\\n'\nreply: 'HTTP/1.1 200 OK\\r\\n'\nheader: X-Request-Id: %s") % (
        pick(["items", "orders", "repos", "projects/42/jobs"]), host, h.format(t=t), uu()), [t]


def vc_curl_v(v, t, h):
    return ("* Connected to api.example-saas.com (104.18.%d.%d) port 443\n> POST /v1/events HTTP/2\n> Host: api.example-saas.com\n"
            "> user-agent: curl/8.5.0\n> accept: */*\n> %s\n> content-type: application/json\n>\n< HTTP/2 202\n< x-request-id: %s") % (
        R.randint(1, 254), R.randint(1, 254), h.format(t=t), hx(32)), [t]


def vc_helm(v, t, h):
    key = v.lower().replace("_", "")
    return ("[%s] {subprocess.py:93} INFO - + helm upgrade --install ingest charts/ingest --namespace data --set image.tag=1.14.2 "
            "--set secrets.%s=%s --wait --timeout 10m0s") % (ts2(), key, t), [t]


def vc_terraform(v, t, h):
    return ("  # kubernetes_secret.app_env will be created\n  + resource \"kubernetes_secret\" \"app_env\" {\n      + data = {\n"
            "          + \"%s\" = \"%s\"\n        }\n      + id   = (known after apply)\n      + type = \"Opaque\"\n    }") % (v, t), [t]


def vc_ansible(v, t, h):
    return ('ok: [worker-%02d] => {\n    "ansible_facts": {\n        "app_env": {\n            "%s": "%s",\n            "REGION": "eu-west-1"\n        }\n    },\n    "changed": false\n}') % (
        R.randint(1, 20), v, t), [t]


def vc_spring(v, t, h):
    prop = "app." + v.lower().replace("_", "-")
    return ("***************************\nAPPLICATION FAILED TO START\n***************************\n\nDescription:\n\n"
            "Failed to bind properties under '%s' to java.time.Duration:\n\n    Property: %s\n    Value: \"%s\"\n"
            "    Origin: System Environment Property \"%s\"\n    Reason: failed to convert java.lang.String to java.time.Duration") % (prop, prop, t, v), [t]


def vc_go_panic(v, t, h):
    return ("panic: dial tcp: lookup api.vendor.io: no such host\n\ngoroutine 1 [running]:\nmain.mustClient(...)\n\t/src/cmd/sync/main.go:58\n"
            "main.main()\n\t/src/cmd/sync/main.go:31 +0x1c5\nconfig: &config.Config{Endpoint:\"https://api.vendor.io\", Token:\"%s\", Timeout:30000000000, Retries:3}") % t, [t]


def vc_axios(v, t, h):
    hn, hv = h.split(": ", 1)
    return ("AxiosError: Request failed with status code 401\n    at settle (/app/node_modules/axios/dist/node/axios.cjs:2019:12)\n  config: {\n"
            "    method: 'get',\n    url: 'https://api.vendor.io/v1/me',\n    headers: Object [AxiosHeaders] {\n      Accept: 'application/json',\n"
            "      '%s': '%s',\n      'User-Agent': 'axios/1.7.2'\n    }\n  },\n  code: 'ERR_BAD_REQUEST'") % (hn, hv.format(t=t)), [t]


def vc_dag(v, t, h):
    return ("from airflow.providers.http.operators.http import HttpOperator\n\n%s = \"%s\"\n\ncall = HttpOperator(\n    task_id=\"%s\",\n"
            "    http_conn_id=\"partner_api\",\n    headers={\"%s\": f\"%s\"},\n)") % (v, t, task(), h.split(": ")[0], h.split(": ", 1)[1].replace("{t}", "{" + v + "}")), [t]


def vc_tasklog(v, t, h):
    return tlog("Environment prepared: %s=%s PATH=/home/airflow/.local/bin:/usr/local/bin" % (v, t)), [t]


def vc_xcom(v, t, h):
    return json.dumps({"key": "return_value", "timestamp": ts(), "map_index": -1, "task_id": task(), "dag_id": dag(),
                       "run_id": run_id(), "value": json.dumps({"status": "ok", "issued": v.lower(), "value": t})}), [t]


def vc_gha(v, t, h):
    return ("Run actions/checkout@v4\n  env:\n    %s: %s\n    CI: true\nSyncing repository: acme/data-pipelines") % (v, t), [t]


VCTX = [vc_env, vc_dotenv, vc_k8s, vc_httpclient, vc_curl_v, vc_helm, vc_terraform, vc_ansible, vc_spring, vc_go_panic,
        vc_axios, vc_dag, vc_tasklog, vc_xcom, vc_gha]


SECRET_LINES = []  # (family, format, text, secrets, registered)
HARMLESS_LINES = []  # (family, format, text, keyrule)


def _fix(text, s):
    for cand in (s, jesc(s), jesc(s, 2), jesc(s, 3)):
        if cand in text:
            return cand
    raise ValueError("secret not in text: %r / %r" % (s, text[:200]))


def S(family, fmt, text, secrets, registered=None):
    out = []
    for s in secrets:
        f = _fix(text, s)
        if f not in out:
            out.append(f)
    SECRET_LINES.append((family, fmt, text, out, list(registered or [])))


def H(family, fmt, text, keyrule=False):
    HARMLESS_LINES.append((family, fmt, text, keyrule))


for name in sorted(VENDORS):
    gen, var, hdr = VENDORS[name]
    ctxs = R.sample(VCTX, 3)
    for c in ctxs:
        t = gen()
        text, secs = c(var, t, hdr)
        S("vendor_token", "vendor:" + name, text, secs)

# AWS combined: credentials file, cli output, boto debug, sts json
for _ in range(4):
    ak, sk, st = "ASIA" + rs(16, B32), v_aws_secret(), v_aws_session()
    r = R.random()
    if r < 0.5:
        text = json.dumps({"Credentials": {"AccessKeyId": ak, "SecretAccessKey": sk, "SessionToken": st,
                                           "Expiration": tsz()}, "AssumedRoleUser": {"AssumedRoleId": "AROA" + rs(17, UP + DG) + ":airflow-" + dag(),
                                                                                     "Arn": "arn:aws:sts::%d:assumed-role/airflow-worker/airflow-%s" % (R.randint(10 ** 11, 10 ** 12 - 1), dag())}}, indent=4)
    else:
        text = "[profile etl]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s\nregion = eu-central-1" % (ak, sk, st)
    S("vendor_token", "vendor:aws_sts_session", text, [ak, sk, st])

# Google service account JSON (escaped private key inside extra)


def pem(kind="RSA PRIVATE KEY", nbytes=None):
    nbytes = nbytes or pick([1190, 1218, 1704])
    body = b64raw(nbytes)
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----\n" % (kind, "\n".join(lines), kind)


for _ in range(4):
    k = pem("PRIVATE KEY", 1218)
    proj = pick(["acme-data-prod", "analytics-412309", "ml-platform-dev"])
    sa = {"type": "service_account", "project_id": proj, "private_key_id": hx(40), "private_key": k,
          "client_email": "airflow@%s.iam.gserviceaccount.com" % proj, "client_id": str(R.randint(10 ** 20, 10 ** 21)),
          "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token"}
    inner = json.dumps(sa)
    extra = json.dumps({"extra__google_cloud_platform__keyfile_dict": inner, "project": proj})
    text = json.dumps({"connection_id": "google_cloud_default", "conn_type": "google_cloud_platform", "host": None,
                       "login": None, "schema": None, "port": None, "extra": extra})
    S("vendor_token", "vendor:gcp_service_account_key", text, [jesc(k, 3)])

# ---------------------------------------------------------------- password_punct
PP = "password_punct"
for _ in range(5):
    p, u, h = password(), pick(USERS), pick(HOSTS)
    S(PP, "conn_uri_postgres_percent", "AIRFLOW_CONN_WAREHOUSE='postgresql://%s:%s@%s:5432/analytics?sslmode=require'" % (u, pq(p), h), [pq(p)])
for _ in range(4):
    p = password()
    S(PP, "env_file_double_quoted", 'POSTGRES_USER=%s\nPOSTGRES_PASSWORD="%s"\nPOSTGRES_DB=airflow' % (pick(USERS), p.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")),
      [p.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")])
for _ in range(4):
    p = password()
    q = p.replace("'", "''")
    S(PP, "yaml_single_quoted", "database:\n  host: %s\n  user: %s\n  password: '%s'\n  pool_size: 10" % (pick(HOSTS), pick(USERS), q), [q])
for _ in range(4):
    p = password()
    e = p.replace("}", "}}")
    S(PP, "odbc_braced_pwd", "Driver={ODBC Driver 18 for SQL Server};Server=tcp:%s,1433;Database=erp;Uid=%s;Pwd={%s};Encrypt=yes;TrustServerCertificate=no;" % (pick(HOSTS), pick(USERS), e), [e])
for _ in range(4):
    p = password()
    S(PP, "jdbc_password_param", "jdbc:sqlserver://%s:1433;databaseName=dw;user=%s;password=%s;encrypt=true" % (pick(HOSTS), pick(USERS), p.replace(";", "{;}")) if ";" not in p else
      "jdbc:mysql://%s:3306/dw?user=%s&password=%s&useSSL=true" % (pick(HOSTS), pick(USERS), pq(p)),
      [p.replace(";", "{;}")] if ";" not in p else [pq(p)])
for _ in range(4):
    p = password()
    S(PP, "redis_url_password_only", "broker_url = redis://:%s@%s:6379/0" % (pq(p), pick(HOSTS)), [pq(p)])
for _ in range(4):
    p = password()
    S(PP, "mongodb_srv_uri", 'MONGO_URI = "mongodb+srv://%s:%s@cluster0.%s.mongodb.net/events?retryWrites=true&w=majority&appName=airflow"' % (pick(USERS), pq(p), rs(5, LO + DG)), [pq(p)])
for _ in range(4):
    p = password()
    S(PP, "json_extra_escaped_quotes", json.dumps({"conn_id": "legacy_erp", "extra": json.dumps({"auth": {"user": pick(USERS), "pass": p}, "timeout": 30})}), [jesc(p, 2)])
for _ in range(4):
    p = password()
    S(PP, "pgpass_line", "%s:5432:*:%s:%s" % (pick(HOSTS), pick(USERS), p.replace("\\", "\\\\").replace(":", "\\:")), [p.replace("\\", "\\\\").replace(":", "\\:")])
for _ in range(3):
    p = password()
    S(PP, "netrc_entry", "machine %s\n  login %s\n  password %s" % (pick(HOSTS), pick(USERS), p.replace(" ", "")), [p.replace(" ", "")])
for _ in range(4):
    p = password()
    S(PP, "java_properties_escaped", "spring.datasource.url=jdbc:postgresql://%s:5432/app\nspring.datasource.username=%s\nspring.datasource.password=%s" % (
        pick(HOSTS), pick(USERS), p.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=").replace("#", "\\#").replace("!", "\\!")),
      [p.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=").replace("#", "\\#").replace("!", "\\!")])
for _ in range(4):
    p = password()
    x = p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    S(PP, "maven_settings_xml", "<server>\n  <id>nexus-releases</id>\n  <username>%s</username>\n  <password>%s</password>\n</server>" % (pick(USERS), x), [x])
for _ in range(3):
    p = password()
    S(PP, "smtp_airflow_cfg", "[smtp]\nsmtp_host = smtp.office365.com\nsmtp_starttls = True\nsmtp_user = alerts@corp.example.org\nsmtp_password = %s\nsmtp_port = 587" % p, [p])
for _ in range(3):
    p = password()
    S(PP, "ldap_bind_password", "AUTH_LDAP_SERVER = \"ldaps://ldap.corp.example.org\"\nAUTH_LDAP_BIND_USER = \"cn=airflow,ou=svc,dc=corp\"\nAUTH_LDAP_BIND_PASSWORD = %s" % json.dumps(p), [jesc(p)])

# ---------------------------------------------------------------- statement_command
SC = "statement_command"


def sqlq(p):
    return p.replace("'", "''")


for _ in range(4):
    p = password()
    S(SC, "sql_create_user_with_password", tlog("Executing: CREATE USER %s WITH LOGIN PASSWORD '%s' VALID UNTIL '2027-01-01'" % (pick(USERS), sqlq(p)), "sql.py:511"), [sqlq(p)])
for _ in range(3):
    p = simple_pw()
    S(SC, "sql_alter_user_identified_by", "ALTER USER %s IDENTIFIED BY \"%s\" ACCOUNT UNLOCK;" % (pick(USERS).upper(), p), [p])
for _ in range(3):
    p = password()
    S(SC, "mssql_create_login", "CREATE LOGIN [svc_bi] WITH PASSWORD = N'%s', CHECK_POLICY = ON, DEFAULT_DATABASE = [dw];" % sqlq(p), [sqlq(p)])
for _ in range(3):
    p = password()
    S(SC, "snowflake_alter_user_password", af2("Running statement: ALTER USER LOADER_SVC SET PASSWORD = '%s' MUST_CHANGE_PASSWORD = FALSE, parameters: None" % sqlq(p), "sql.py:624"), [sqlq(p)])
for _ in range(3):
    p = password()
    S(SC, "mysql_set_password", "mysql> SET PASSWORD FOR 'report'@'%%' = '%s';\nQuery OK, 0 rows affected (0.01 sec)" % sqlq(p), [sqlq(p)])
for _ in range(3):
    p = simple_pw()
    S(SC, "mysql_cli_p_flag", af2("Running command: ['bash', '-c', 'mysqldump -h %s -u %s -p%s --single-transaction shop > /tmp/shop.sql']" % (pick(HOSTS), pick(USERS), p), "subprocess.py:75"), [p])
for _ in range(3):
    p = simple_pw()
    S(SC, "sshpass_p", "sshpass -p '%s' scp -o StrictHostKeyChecking=no /data/out/*.csv %s@sftp.partner-logistics.com:/inbound/" % (p, pick(USERS)), [p])
for _ in range(3):
    p = password()
    S(SC, "curl_user_flag", "curl -sS -u '%s:%s' -X POST https://jenkins.corp.example.net/job/deploy/buildWithParameters" % (pick(USERS), p.replace("'", "'\\''")), [p.replace("'", "'\\''")])
for _ in range(3):
    t = rs(20, B64U) + hx(12)
    S(SC, "docker_login_password_stdin", "echo \"%s\" | docker login registry.gitlab.com -u gitlab-ci-token --password-stdin\nWARNING! Your credentials are stored unencrypted in '/root/.docker/config.json'.\nLogin Succeeded" % t, [t])
for _ in range(3):
    p = password()
    S(SC, "kubectl_from_literal", "kubectl -n airflow create secret generic airflow-metadata --from-literal=connection=postgresql://airflow:%s@pg:5432/airflow --from-literal=password='%s'" % (pq(p), p.replace("'", "'\\''")), [pq(p), p.replace("'", "'\\''")])
for _ in range(3):
    p = simple_pw(24)
    S(SC, "vault_kv_put", "$ vault kv put -mount=secret airflow/connections/smtp_default conn_uri=smtp://alerts:%s@smtp.example.org:587\n====== Secret Path ======\nsecret/data/airflow/connections/smtp_default\n\n======= Metadata =======\nKey                Value\n---                -----\nversion            %d" % (p, R.randint(2, 30)), [p])
for _ in range(3):
    p = rs(3) + "8Q~" + rs(31, AN + "_.-~")
    S(SC, "az_login_service_principal", "az login --service-principal -u %s -p %s --tenant %s --output none" % (uu(), p, uu()), [p])
for _ in range(3):
    s = v_aws_secret()
    S(SC, "aws_configure_set", "aws configure set aws_secret_access_key %s --profile airflow-prod" % s, [s])
for _ in range(3):
    p = simple_pw()
    S(SC, "redis_cli_a", "redis-cli -h %s -p 6379 -a %s --no-auth-warning INFO keyspace" % (pick(HOSTS), p), [p])
for _ in range(3):
    p = simple_pw()
    S(SC, "openssl_passout", "openssl pkcs12 -export -in client.crt -inkey client.key -out client.p12 -name airflow -passout pass:%s" % p, [p])
for _ in range(3):
    p = simple_pw()
    S(SC, "keytool_storepass", "keytool -importcert -noprompt -alias kafka-ca -file ca.pem -keystore truststore.jks -storepass %s" % p, [p])
for _ in range(3):
    p = password()
    S(SC, "airflow_connections_add", "airflow connections add 'erp_mssql' --conn-type 'mssql' --conn-host '%s' --conn-login '%s' --conn-password '%s' --conn-port 1433" % (
        pick(HOSTS), pick(USERS), p.replace("'", "'\\''")), [p.replace("'", "'\\''")])
for _ in range(3):
    p = password()
    S(SC, "helm_set_password", "helm upgrade --install airflow apache-airflow/airflow -n airflow --set data.metadataConnection.pass='%s' --set webserverSecretKey=%s" % (
        p.replace("'", "'\\''"), hx(32)), [p.replace("'", "'\\''")] + [])
    SECRET_LINES[-1][3].append(SECRET_LINES[-1][2].rsplit("=", 1)[1])
for _ in range(3):
    p = password()
    S(SC, "terraform_var_flag", "terraform apply -auto-approve -var 'env=prod' -var 'db_password=%s'" % p.replace("'", "'\\''"), [p.replace("'", "'\\''")])
for _ in range(3):
    p = simple_pw()
    S(SC, "ansible_extra_vars", "ansible-playbook -i inventories/prod site.yml -e \"ansible_become_password=%s target=workers\"" % p, [p])
for _ in range(3):
    p = simple_pw()
    S(SC, "rabbitmqctl_add_user", "rabbitmqctl add_user celery %s\nAdding user \"celery\" ...\nDone. Don't forget to grant the user permissions to some virtual hosts!" % p, [p])
for _ in range(3):
    ak, sk = rs(20, UP + DG), rs(40)
    S(SC, "minio_mc_alias_positional", "mc alias set minio https://minio.data.svc:9000 %s %s --api S3v4\nAdded `minio` successfully." % (ak, sk), [sk])
for _ in range(3):
    p = password()
    e = p.replace("%", "%%")
    S(SC, "smbclient_user_percent", "smbclient //fileserver01/finance -U 'CORP\\svc_airflow%%%s' -c 'get close_2026_03.xlsx'" % p.replace("'", "'\\''"), [p.replace("'", "'\\''")])
for _ in range(3):
    p = simple_pw()
    S(SC, "net_use_windows", "C:\\> net use \\\\fs01.corp.local\\exports %s /user:CORP\\svc_airflow /persistent:no\nThe command completed successfully." % p, [p])
for _ in range(3):
    p = simple_pw()
    S(SC, "ldapsearch_w", "ldapsearch -x -H ldaps://ldap.corp.example.org -D \"cn=airflow,ou=svc,dc=corp,dc=example,dc=org\" -w %s -b \"ou=people,dc=corp\" \"(memberOf=cn=data)\"" % p, [p])
for _ in range(3):
    p = simple_pw()
    S(SC, "sqlcmd_P", af2("Running command: sqlcmd -S %s -U %s -P %s -d erp -Q \"EXEC dbo.close_period\"" % (pick(HOSTS), pick(USERS), p), "subprocess.py:75"), [p])
for _ in range(3):
    p = simple_pw()
    S(SC, "psql_pgpassword_env", "+ PGPASSWORD=%s psql -h %s -U %s -d analytics -c '\\copy staging.orders FROM /tmp/orders.csv CSV HEADER'" % (p, pick(HOSTS), pick(USERS)), [p])
for _ in range(3):
    p = simple_pw()
    S(SC, "docker_run_env_flag", "docker run --rm -e POSTGRES_PASSWORD=%s -e POSTGRES_USER=airflow -p 5432:5432 postgres:16.4" % p, [p])
for _ in range(3):
    p = password()
    S(SC, "mongosh_password", "mongosh \"mongodb://mongo-0.mongo.data.svc:27017/admin\" --username root --password '%s' --eval 'db.adminCommand({listDatabases:1})'" % p.replace("'", "'\\''"), [p.replace("'", "'\\''")])
for _ in range(3):
    p = simple_pw()
    S(SC, "stdin_heredoc", "$ kinit svc_airflow@CORP.EXAMPLE.ORG <<EOF\n%s\nEOF\nPassword for svc_airflow@CORP.EXAMPLE.ORG:" % p, [p])

# ---------------------------------------------------------------- encoded
EN = "encoded"
for _ in range(4):
    u, p = pick(USERS), password()
    bb = b64((u + ":" + p).encode())
    S(EN, "http_basic_auth_header", "> GET /api/v1/dags?limit=100 HTTP/1.1\n> Host: airflow.corp.example.net\n> Authorization: Basic %s\n> Accept: application/json" % bb, [bb])
for _ in range(4):
    p = simple_pw(20)
    bb = b64(p.encode())
    S(EN, "k8s_secret_data_b64", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: airflow-postgres\n  namespace: airflow\ntype: Opaque\ndata:\n  postgres-password: %s\n  username: %s" % (bb, b64(b"airflow")), [bb])
for _ in range(4):
    tok = jwt("RS256", 256, {"kubernetes.io": {"namespace": "airflow", "serviceaccount": {"name": "airflow-deployer", "uid": uu()}}})
    ckd = b64(pem("RSA PRIVATE KEY", 1190).encode())
    S(EN, "kubeconfig_user_creds", "users:\n- name: airflow-deployer\n  user:\n    client-certificate-data: %s\n    client-key-data: %s\n    token: %s" % (
        b64raw(900), ckd, tok), [ckd, tok])
for _ in range(4):
    u, p = pick(USERS), simple_pw(18)
    bb = b64((u + ":" + p).encode())
    S(EN, "docker_config_auths", json.dumps({"auths": {"%s.dkr.ecr.eu-west-1.amazonaws.com" % R.randint(10 ** 11, 10 ** 12): {"auth": bb}}, "HttpHeaders": {"User-Agent": "Docker-Client/24.0.7 (linux)"}}, indent=2), [bb])
for _ in range(4):
    p = password()
    S(EN, "json_in_string_double_escaped", json.dumps({"key": "partner_settings", "value": json.dumps(json.dumps({"endpoint": "https://api.partner.io", "client_pass": p}))}), [jesc(p, 3)])
for _ in range(4):
    p = password()
    x = p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&apos;")
    S(EN, "jenkins_credentials_xml", "<com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n  <scope>GLOBAL</scope>\n  <id>airflow-api</id>\n  <username>%s</username>\n  <password>%s</password>\n</com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>" % (pick(USERS), x), [x])
for _ in range(3):
    sa = json.dumps({"type": "service_account", "project_id": "acme-prod", "private_key_id": hx(40), "private_key": pem("PRIVATE KEY", 1218), "client_email": "tf@acme-prod.iam.gserviceaccount.com"})
    bb = b64(sa.encode())
    S(EN, "gcp_credentials_b64_env", "GOOGLE_CREDENTIALS_B64=%s" % bb, [bb])
for _ in range(4):
    p = password()
    f = urllib.parse.urlencode({"grant_type": "password", "username": pick(USERS), "password": p, "client_id": "airflow-cli"})
    S(EN, "form_urlencoded_body", "POST /realms/data/protocol/openid-connect/token HTTP/1.1\nHost: sso.corp.example.net\nContent-Type: application/x-www-form-urlencoded\n\n" + f, [urllib.parse.quote_plus(p)])
for _ in range(3):
    p = password()
    u = "".join("\\u%04x" % ord(c) if c in "@:/&<>=" else c for c in p)
    if u == p:
        u = p[:3] + "\\u0040" + p[3:]
        p = p[:3] + "@" + p[3:]
    S(EN, "json_unicode_escaped", '{"ldap":{"bind_dn":"cn=airflow","bind_pw":"%s"}}' % u.replace('"', '\\"'), [u.replace('"', '\\"')])
for _ in range(3):
    p = simple_pw(16)
    smtp = b64(("\0alerts@corp.example.org\0" + p).encode())
    S(EN, "smtp_auth_plain_b64", "send: 'ehlo airflow-worker-0\\r\\n'\nreply: b'250-AUTH LOGIN PLAIN XOAUTH2\\r\\n'\nsend: 'AUTH PLAIN %s\\r\\n'\nreply: b'235 2.7.0 Authentication successful\\r\\n'" % smtp, [smtp])
for _ in range(3):
    p = password()
    hexp = p.encode().hex()
    S(EN, "hex_encoded_password", tlog("decoded settings blob: {'db': 'dw', 'cred_hex': '%s'}" % hexp), [hexp])
for _ in range(3):
    u, p = pick(USERS), password()
    bb = b64(("%s:%s" % (u, p)).encode())
    S(EN, "helm_values_b64_and_raw", "auth:\n  username: %s\n  password: \"%s\"\nexistingSecretData: %s" % (u, jesc(p), bb), [jesc(p), bb])
for _ in range(3):
    p = password()
    S(EN, "xcom_json_in_json_in_list", json.dumps([{"task_id": "fetch_creds", "value": json.dumps({"creds": [{"svc": "erp", "secret": p}]})}]), [jesc(p, 2)])

# ---------------------------------------------------------------- split_webhook
SW = "split_webhook"
for _ in range(4):
    tpath = "T%s/B%s/%s" % (rs(10, UP + DG), rs(10, UP + DG), rs(24))
    S(SW, "slack_webhook_conn_split", json.dumps({"connection_id": "slack_alerts", "conn_type": "slackwebhook", "host": "https://hooks.slack.com/services",
                                                  "login": None, "password": "***", "extra": json.dumps({"webhook_token": tpath, "channel": "#data-alerts"})}), [tpath])
for _ in range(4):
    wid, wt = str(R.randint(10 ** 17, 10 ** 18 - 1)), rs(68, B64U)
    S(SW, "discord_webhook_id_token", "DISCORD_WEBHOOK_ID=%s\nDISCORD_WEBHOOK_TOKEN=%s" % (wid, wt), [wt])
for _ in range(4):
    url = "https://%s.webhook.office.com/webhookb2/%s@%s/IncomingWebhook/%s/%s/V2%s" % (pick(["acme", "contoso", "globex"]), uu(), uu(), hx(32), uu(), rs(43, B64U))
    cut = R.randint(60, 120)
    S(SW, "teams_webhook_wrapped", tlog("Posting card to MS Teams webhook: %s" % url, "teams.py:61"), [url[url.index("/webhookb2/") + 11:]])
for _ in range(4):
    key, tok = "AIza" + rs(35, B64U), rs(43, B64U) + "%3D"
    S(SW, "google_chat_webhook_query", "https://chat.googleapis.com/v1/spaces/AAAA%s/messages?key=%s&token=%s" % (rs(7, B64U), key, tok), [key, tok])
for _ in range(4):
    tok = rs(26, LO + DG)
    S(SW, "mattermost_hook_path", "MATTERMOST_URL=https://chat.corp.example.net\nMATTERMOST_HOOK_PATH=/hooks/%s" % tok, [tok])
for _ in range(4):
    tok = rs(32, AN)
    S(SW, "generic_webhook_query_token", tlog("POST https://hooks.zapier-like.io/catch/%d/%s/?token=%s -> 200" % (R.randint(10 ** 6, 10 ** 7), rs(6, LO + DG), tok), "http.py:175"), [tok])
for _ in range(4):
    cred = "AKIA" + rs(16, B32)
    sig = hx(64)
    stok = v_aws_session()
    S(SW, "s3_presigned_url_security_token", "https://acme-exports.s3.eu-west-1.amazonaws.com/reports/2026/03/sales.parquet?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=%s%%2F20260307%%2Feu-west-1%%2Fs3%%2Faws4_request&X-Amz-Date=20260307T142231Z&X-Amz-Expires=3600&X-Amz-Security-Token=%s&X-Amz-SignedHeaders=host&X-Amz-Signature=%s" % (cred, pq(stok), sig),
      [cred, pq(stok), sig])
for _ in range(4):
    sig = pq(b64raw(32))
    S(SW, "azure_sas_sig", "https://acmelake.blob.core.windows.net/raw/events/2026-03-07.json?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-04-01T00:00:00Z&st=2026-03-07T00:00:00Z&spr=https&sig=%s" % sig, [sig])
for _ in range(4):
    rk = hx(32)
    S(SW, "pagerduty_routing_key_split", json.dumps({"conn_id": "pagerduty_events", "conn_type": "pagerduty_events", "host": "events.pagerduty.com", "extra": {"routing_key": rk, "severity": "critical"}}), [rk])
for _ in range(4):
    a, b, c = "T" + rs(10, UP + DG), "B" + rs(10, UP + DG), rs(24)
    S(SW, "slack_webhook_env_parts", "SLACK_WEBHOOK_TEAM=%s\nSLACK_WEBHOOK_BOT=%s\nSLACK_WEBHOOK_SIG=%s" % (a, b, c), [c])

# ---------------------------------------------------------------- random_purpose_name
RP = "random_purpose_name"
RPNAMES = [
    ("fernet_key", lambda: base64.urlsafe_b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode()),
    ("session_signing_salt", lambda: rs(32, B64)),
    ("hmac_seed", lambda: hx(64)),
    ("cookie_key", lambda: b64raw(48)),
    ("csrf_seed", lambda: rs(40)),
    ("unlock_code", lambda: "-".join(rs(5, UP + DG) for _ in range(5))),
    ("encryption_key", lambda: b64raw(32)),
    ("jwt_signing_material", lambda: rs(64, B64U)),
    ("bootstrap_value", lambda: hx(48)),
    ("client_credential", lambda: rs(40, AN + "~._-")),
    ("pwd", lambda: password()),
    ("passcode", lambda: simple_pw(14)),
    ("auth_blob", lambda: b64raw(60)),
    ("sig_key", lambda: hx(40)),
    ("enc_iv_and_key", lambda: hx(32) + ":" + hx(64)),
    ("cred", lambda: rs(32)),
]
RPSHAPES = [
    lambda n, v: "%s = %s" % (n, v),
    lambda n, v: json.dumps({n: v, "rotated_at": tsz()}),
    lambda n, v: "%s: \"%s\"" % (n, v),
    lambda n, v: "%s=%s" % (n.upper(), v),
    lambda n, v: tlog("loaded %s=%s from settings module" % (n, v)),
]
for n, g in RPNAMES:
    for _ in range(3):
        v = g()
        shp = pick(RPSHAPES)
        t = shp(n, v)
        S(RP, "purpose_name:" + n, t, [v])
for _ in range(3):
    sec = rs(32, B32)
    S(RP, "otpauth_uri", "otpauth://totp/Airflow:admin@corp.example.org?secret=%s&issuer=Airflow&algorithm=SHA1&digits=6&period=30" % sec, [sec])
for _ in range(3):
    codes = ["%s-%s" % (rs(4, LO + DG), rs(4, LO + DG)) for _ in range(8)]
    S(RP, "recovery_codes_list", "Your recovery codes (store them somewhere safe):\n" + "\n".join(codes), codes)
for _ in range(3):
    words = "abandon ability able about above absent absorb abstract absurd abuse access accident account accuse achieve acid acoustic acquire across act action actor actress actual adapt add addict address adjust admit adult advance advice aerobic affair afford afraid again age agent agree ahead aim air airport aisle alarm album alcohol alert alien all alley allow almost alone alpha already also alter always amateur amazing among amount amused analyst anchor ancient anger angle angry animal ankle announce annual another answer antenna antique anxiety any apart apology appear apple approve april arch arctic area arena argue arm armed armor army around arrange arrest arrive arrow art artefact artist artwork ask aspect assault asset assist assume asthma athlete atom attack attend attitude attract auction audit august aunt author auto autumn average avocado avoid awake aware away awesome awful awkward axis".split()
    seed = " ".join(pick(words) for _ in range(pick([12, 24])))
    S(RP, "wallet_mnemonic", "WALLET_MNEMONIC=\"%s\"" % seed, [seed])
for _ in range(3):
    v = hx(64)
    S(RP, "webserver_secret_key_cfg", "[webserver]\nsecret_key = %s\nworkers = 4" % v, [v])

# ---------------------------------------------------------------- airflow_context
AC = "airflow_context"
for _ in range(4):
    p = password()
    S(AC, "rendered_bash_command", af2("Running command: ['/usr/bin/bash', '-c', 'curl -sf -H \"X-Api-Key: %s\" https://api.partner.io/v2/export?date=2026-03-07 -o /tmp/export.json']" % p.replace("'", ""), "subprocess.py:75"), [p.replace("'", "")])
for _ in range(4):
    p = password()
    S(AC, "variables_api_v1_clear", json.dumps({"key": pick(["db_password", "partner_api_secret", "sftp_pass"]), "value": p, "description": "rotated quarterly"}), [jesc(p)])
for _ in range(4):
    v = json.dumps({"client_id": uu(), "client_secret": rs(40, AN + "~_.-"), "tenant": uu()})
    cs = json.loads(v)["client_secret"]
    S(AC, "variables_api_json_value_string", json.dumps({"key": "azure_sp", "value": v, "description": None, "is_encrypted": True}), [cs])
for _ in range(4):
    k = rs(48, B64U)
    S(AC, "connection_extra_unlisted_key", json.dumps({"connection_id": "partner_feed", "conn_type": "http", "host": "feeds.partner.io", "login": "acme", "password": "***",
                                                        "extra": json.dumps({"partner_feed_credentials": k, "verify": True})}), [k])
for _ in range(4):
    p = password()
    S(AC, "connection_extra_non_json", json.dumps({"connection_id": "legacy_ftp", "conn_type": "ftp", "host": "ftp.vendor.net", "extra": "passive=true;acct_pass=%s" % p}), [jesc(p)])
for _ in range(4):
    p = password()
    S(AC, "config_api_sql_alchemy_conn", json.dumps({"sections": [{"name": "database", "options": [{"key": "sql_alchemy_conn", "value": "postgresql+psycopg2://airflow:%s@pg-meta:5432/airflow" % pq(p), "source": "env var"}, {"key": "load_default_connections", "value": "False"}]}]}), [pq(p)])
for _ in range(4):
    p = simple_pw()
    S(AC, "airflow_connections_get_table", "id | conn_id  | conn_type | description | host           | schema | login  | password           | port | is_encrypted | is_extra_encrypted | extra_dejson | get_uri\n"
      "===+==========+===========+=============+================+========+========+====================+======+==============+====================+==============+========\n"
      "12 | erp_pg   | postgres  | None        | %s | erp    | loader | %s | 5432 | True         | True               | {}           | postgres://loader:%s@%s:5432/erp" % (pick(HOSTS), p, p, pick(HOSTS)), [p])
for _ in range(4):
    p = password()
    S(AC, "airflow_connections_export_yaml", "snowflake_default:\n  conn_type: snowflake\n  description: ''\n  extra: '{\"account\": \"ab12345.eu-central-1\", \"warehouse\": \"LOAD_WH\", \"role\": \"LOADER\"}'\n  host: ''\n  login: LOADER_SVC\n  password: %s\n  port: null\n  schema: RAW" % json.dumps(p), [jesc(p)])
for _ in range(4):
    tok = rs(40, B64U)
    S(AC, "http_hook_debug_headers", tlog("Sending 'POST' to url: https://api.partner.io/v3/orders with headers {'Content-Type': 'application/json', 'X-Partner-Auth': '%s'}" % tok, "http.py:183", "DEBUG"), [tok])
for _ in range(4):
    p = simple_pw()
    S(AC, "sqlalchemy_engine_repr", tlog("Engine(mssql+pyodbc://etl:%s@erp-db:1433/ERP?driver=ODBC+Driver+18+for+SQL+Server) created by MsSqlHook" % p, "sql.py:205"), [p])
for _ in range(4):
    p = password()
    S(AC, "rendered_fields_ti_response", json.dumps({"task_id": "load_erp", "dag_id": dag(), "state": "success", "try_number": 1, "rendered_fields": {"sql": "COPY INTO raw.erp FROM @stage CREDENTIALS=(AWS_KEY_ID='%s' AWS_SECRET_KEY='%s')" % ("AKIA" + rs(16, B32), p.replace("'", "")), "parameters": None}}), [])
    t = SECRET_LINES[-1][2]
    d = json.loads(t)["rendered_fields"]["sql"]
    a = d.split("AWS_KEY_ID='")[1].split("'")[0]
    b = d.split("AWS_SECRET_KEY='")[1].split("'")[0]
    SECRET_LINES[-1] = (AC, "rendered_fields_ti_response", t, [a, jesc(b)], [])
for _ in range(4):
    p = simple_pw()
    S(AC, "kpo_pod_env_log", af2("Pod spec env: [{'name': 'DB_URL', 'value': 'postgresql://app:%s@pg:5432/app', 'value_from': None}, {'name': 'LOG_LEVEL', 'value': 'info', 'value_from': None}]" % p, "pod.py:1104"), [p])
for _ in range(4):
    t = jwt("HS256", 32, {"scope": "orders:read orders:write", "client_id": rs(20)})
    S(AC, "xcom_oauth_access_token", json.dumps({"key": "return_value", "dag_id": dag(), "task_id": "refresh_token", "run_id": run_id(), "value": {"access_token": t, "token_type": "Bearer", "expires_in": 3599}}), [t])
for _ in range(4):
    p = password()
    S(AC, "import_error_stacktrace", json.dumps({"import_error_id": R.randint(1, 900), "timestamp": ts(), "filename": "/opt/airflow/dags/%s.py" % dag(),
                                                  "stack_trace": "Traceback (most recent call last):\n  File \"/opt/airflow/dags/x.py\", line 14, in <module>\n    engine = create_engine(\"mysql://etl:%s@mysql-01:3306/shop\")\nsqlalchemy.exc.ArgumentError: Could not parse SQLAlchemy URL" % p.replace('"', "")}),
      [jesc(p.replace('"', ""))])
for _ in range(4):
    p = password()
    S(AC, "event_log_extra_params", json.dumps({"event_log_id": R.randint(1000, 99999), "when": ts(), "event": "connection.edit", "owner": "admin", "extra": str({"conn_id": "erp_pg", "password": p, "host": "pg"})}), [repr(p)[1:-1]])
for _ in range(4):
    s = rs(64, B64)
    S(AC, "provider_hook_debug_kafka", af3c("Kafka producer config: {'bootstrap.servers': 'pkc-%s.eu-west-1.aws.confluent.cloud:9092', 'security.protocol': 'SASL_SSL', 'sasl.mechanisms': 'PLAIN', 'sasl.username': '%s', 'sasl.password': '%s'}" % (rs(5, LO + DG), rs(16, UP + DG), s), "airflow.providers.apache.kafka.hooks.base"), [s])
for _ in range(4):
    p = password()
    S(AC, "env_var_conn_uri_json", "AIRFLOW_CONN_SFTP_PARTNER='%s'" % json.dumps({"conn_type": "sftp", "host": "sftp.partner-logistics.com", "login": "acme", "password": p.replace("'", "")}), [jesc(p.replace("'", ""))])
for _ in range(4):
    p = simple_pw()
    S(AC, "ssh_operator_log_echo", af2("[%s] output: DB_PASS=%s ./run_export.sh --date 2026-03-07" % ("worker-%02d" % R.randint(1, 9), p), "ssh.py:526"), [p])
for _ in range(4):
    s = rs(40)
    S(AC, "dag_source_hardcoded_conn", "with DAG(\"%s\", schedule=\"@daily\", start_date=pendulum.datetime(2026, 1, 1)) as dag:\n    load = S3ToRedshiftOperator(\n        task_id=\"load\",\n        aws_conn_id=None,\n        copy_options=[\"CREDENTIALS 'aws_access_key_id=AKIA%s;aws_secret_access_key=%s'\"],\n    )" % (dag(), rs(16, B32), s), [s])
    SECRET_LINES[-1][3].append("AKIA" + SECRET_LINES[-1][2].split("aws_access_key_id=AKIA")[1][:16])

# ---------------------------------------------------------------- other
OT = "other"
for kind in ["RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK", "DSA PRIVATE KEY"]:
    for _ in range(2):
        k = pem(kind, pick([121, 400, 1190]))
        if kind == "PGP PRIVATE KEY BLOCK":
            k = k.replace("-----\n", "-----\nVersion: GnuPG v2\n\n", 1).replace("\n-----END", "\n=" + rs(4, B64) + "\n-----END")
        wrap = pick(["raw", "json", "log"])
        if wrap == "raw":
            S(OT, "pem:" + kind.lower().replace(" ", "_"), "$ cat /opt/airflow/keys/id\n" + k, [k])
        elif wrap == "json":
            S(OT, "pem:" + kind.lower().replace(" ", "_"), json.dumps({"conn_id": "sftp_partner", "extra": {"private_key": k, "no_host_key_check": True}}), [jesc(k)])
        else:
            S(OT, "pem:" + kind.lower().replace(" ", "_"), af2("Loaded key material:\n" + k, "ssh.py:301"), [k])
for _ in range(4):
    c = rs(32, B64U)
    S(OT, "http_cookie_session", "GET /home HTTP/1.1\nHost: airflow.corp.example.net\nCookie: _ga=GA1.1.%d.%d; session=%s.%s.%s; theme=dark\nX-Request-ID: %s" % (
        R.randint(10 ** 8, 10 ** 9), R.randint(10 ** 9, 2 * 10 ** 9), "eyJfZnJlc2giOmZhbHNl" + rs(60, B64U), rs(6, B64U), rs(27, B64U), uu()), [])
    t = SECRET_LINES[-1][2]
    sess = t.split("session=")[1].split(";")[0]
    SECRET_LINES[-1] = (OT, "http_cookie_session", t, [sess], [])
for _ in range(4):
    c = rs(43, B64U)
    S(OT, "http_set_cookie", "HTTP/1.1 302 Found\nLocation: /home\nSet-Cookie: _oauth2_proxy=%s|%d|%s; Path=/; Expires=Sat, 14 Mar 2026 14:22:31 GMT; HttpOnly; Secure; SameSite=Lax\nX-Trace-Id: %s" % (c, R.randint(1700000000, 1800000000), rs(43, B64U), hx(32)), [])
    t = SECRET_LINES[-1][2]
    v = t.split("_oauth2_proxy=")[1].split(";")[0]
    SECRET_LINES[-1] = (OT, "http_set_cookie", t, [v], [])
for _ in range(4):
    u, p = pick(USERS), simple_pw()
    bb = b64((u + ":" + p).encode())
    S(OT, "proxy_authorization_header", "CONNECT storage.googleapis.com:443 HTTP/1.1\nHost: storage.googleapis.com:443\nProxy-Authorization: Basic %s\nUser-Agent: gcloud-python/3.1.0" % bb, [bb])
for _ in range(4):
    u, p = rs(16, UP + DG), rs(64, B64)
    S(OT, "kafka_jaas_config", "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%s\" password=\"%s\";" % (u, p), [p])
for _ in range(3):
    p = simple_pw()
    S(OT, "celery_result_backend_clear", "result_backend = db+postgresql://celery:%s@pg-meta.airflow.svc:5432/celery_results" % p, [p])
for _ in range(3):
    p = simple_pw()
    S(OT, "redis_monitor_auth", '1709817751.123456 [0 10.42.7.19:51234] "AUTH" "default" "%s"\n1709817751.124001 [0 10.42.7.19:51234] "PING"' % p, [p])
for _ in range(3):
    p = simple_pw()
    S(OT, "ftp_pass_command", "*cmd* 'USER acme_upload'\n*resp* '331 Password required for acme_upload'\n*cmd* 'PASS %s'\n*resp* '230 User acme_upload logged in'" % p, [p])
for _ in range(3):
    p = simple_pw()
    S(OT, "imap_login", "a001 LOGIN reports@corp.example.org \"%s\"\na001 OK [CAPABILITY IMAP4rev1] Logged in" % p, [p])
for _ in range(3):
    k = b64raw(32)
    S(OT, "wireguard_private_key", "[Interface]\nPrivateKey = %s\nAddress = 10.8.0.2/32\n\n[Peer]\nPublicKey = %s\nEndpoint = vpn.corp.example.net:51820" % (k, b64raw(32)), [k])
for _ in range(3):
    c = rs(16, LO + DG)
    S(OT, "snmp_community", "snmpwalk -v2c -c %s 10.20.0.1 1.3.6.1.2.1.2.2.1.10" % c, [c])
for _ in range(3):
    t = jwt(pick(["RS256", "RS512"]), 256, {"azp": "airflow-ui", "email": "%s@corp.example.org" % pick(USERS)})
    S(OT, "jwt_in_java_exception", "org.springframework.security.oauth2.jwt.BadJwtException: An error occurred while attempting to decode the Jwt: Signed JWT rejected: Another algorithm expected, or no matching key(s) found; token=%s\n\tat org.springframework.security.oauth2.jwt.NimbusJwtDecoder.createJwt(NimbusJwtDecoder.java:180)" % t, [t])
for _ in range(3):
    p = simple_pw()
    S(OT, "spark_submit_conf_s3a", "spark-submit --master k8s://https://10.0.0.1:443 --conf spark.hadoop.fs.s3a.access.key=AKIA%s --conf spark.hadoop.fs.s3a.secret.key=%s local:///opt/jobs/agg.py" % (rs(16, B32), v_aws_secret()), [])
    t = SECRET_LINES[-1][2]
    SECRET_LINES[-1] = (OT, "spark_submit_conf_s3a", t, ["AKIA" + t.split("access.key=AKIA")[1][:16], t.split("secret.key=")[1].split(" ")[0]], [])
for _ in range(3):
    p = simple_pw()
    S(OT, "jvm_keystore_password_flag", "exec java -Xmx2g -Djavax.net.ssl.keyStore=/etc/kafka/keystore.jks -Djavax.net.ssl.keyStorePassword=%s -jar connect-runtime.jar" % p, [p])
for _ in range(3):
    t = rs(36, B64U)
    S(OT, "npmrc_auth_token", "registry=https://registry.npmjs.org/\n@acme:registry=https://npm.pkg.github.com/\n//npm.pkg.github.com/:_authToken=%s\nalways-auth=true" % t, [t])
for _ in range(3):
    u, p = pick(USERS), simple_pw()
    S(OT, "pip_index_url_creds", "Looking in indexes: https://pypi.org/simple, https://%s:%s@nexus.corp.example.net/repository/pypi-internal/simple" % (u, p), [p])
for _ in range(3):
    t = rs(32)
    S(OT, "cargo_credentials_toml", "[registries.internal]\ntoken = \"%s\"" % t, [t])
for _ in range(3):
    t = rs(14) + ".atlasv1." + rs(67)
    S(OT, "terraformrc_credentials", "credentials \"app.terraform.io\" {\n  token = \"%s\"\n}" % t, [t])
for _ in range(3):
    p = password()
    S(OT, "nuget_config_cleartext", "<packageSourceCredentials>\n  <internal>\n    <add key=\"Username\" value=\"svc-build\" />\n    <add key=\"ClearTextPassword\" value=\"%s\" />\n  </internal>\n</packageSourceCredentials>" % p.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;"), [p.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")])
for _ in range(3):
    p = simple_pw()
    S(OT, "helm_notes_output", "NOTES:\nAirflow is starting. Log in with:\n  username: admin\n  password: %s\nThe webserver is at http://airflow.data.svc:8080" % p, [p])
for _ in range(3):
    p = password()
    S(OT, "terraform_output_sensitive_shown", "$ terraform output -json\n{\n  \"db_endpoint\": {\"sensitive\": false, \"type\": \"string\", \"value\": \"airflow.cx8hq2kz7v1a.eu-west-1.rds.amazonaws.com\"},\n  \"db_master_password\": {\"sensitive\": true, \"type\": \"string\", \"value\": %s}\n}" % json.dumps(p), [jesc(p)])
for _ in range(3):
    p = simple_pw()
    S(OT, "ansible_vvv_module_args", "<10.42.7.19> ESTABLISH SSH CONNECTION FOR USER: deploy\nok: [db01] => {\"changed\": false, \"invocation\": {\"module_args\": {\"login_host\": \"localhost\", \"login_user\": \"postgres\", \"login_password\": \"%s\", \"name\": \"airflow\"}}}" % p, [p])
for _ in range(3):
    p = simple_pw()
    S(OT, "go_dsn_in_error", "2026/03/07 14:22:31 sql: failed to connect to `host=pg user=exporter database=metrics`: dial error; dsn=\"host=pg port=5432 user=exporter password=%s dbname=metrics sslmode=disable\"" % p, [p])
for _ in range(3):
    p = simple_pw()
    S(OT, "node_config_dump", "Error: connect ECONNREFUSED 10.42.7.19:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16) {\n  errno: -111,\n  code: 'ECONNREFUSED',\n  config: { user: 'api', database: 'orders', password: '%s', host: 'pg', port: 5432 }\n}" % p, [p])
for _ in range(3):
    sec = rs(40, AN + "~_.-")
    S(OT, "oauth_client_credentials_body", "POST /oauth2/v2.0/token HTTP/1.1\nHost: login.microsoftonline.com\nContent-Type: application/x-www-form-urlencoded\n\nclient_id=%s&scope=https%%3A%%2F%%2Fgraph.microsoft.com%%2F.default&client_secret=%s&grant_type=client_credentials" % (uu(), pq(sec)), [pq(sec)])
for _ in range(3):
    code = rs(8, DG)
    S(OT, "one_time_code_sms", "Your Airflow SSO verification code is %s. It expires in 10 minutes. Do not share it." % code, [code])
for _ in range(3):
    rt = rs(R.randint(60, 90), B64U)
    S(OT, "oauth_refresh_token_json", json.dumps({"access_token": "***", "refresh_token": rt, "scope": "offline_access read", "expires_in": 3600}), [rt])
for _ in range(3):
    ak, sk = rs(20, UP + DG), rs(40, B64U)
    S(OT, "rabbitmq_uri_amqps", "CELERY_BROKER_URL=amqps://%s:%s@b-%s.mq.eu-west-1.amazonaws.com:5671/airflow" % (pick(USERS), sk, uu()), [sk])
for _ in range(3):
    p = simple_pw()
    S(OT, "gcloud_sql_users_set_password", "$ gcloud sql users set-password airflow --instance=airflow-meta --password=%s --project=acme-data-prod\nUpdating Cloud SQL user...done." % p, [p])

for _ in range(3):
    t = "ya29.c." + rs(R.randint(180, 220), B64U)
    S(OT, "gcloud_print_access_token", "$ gcloud auth print-access-token --impersonate-service-account=airflow@acme-data-prod.iam.gserviceaccount.com\nWARNING: This command is using service account impersonation.\n" + t, [t])
for _ in range(3):
    t = jwt("RS256", 256, {"aud": "https://management.azure.com/", "oid": uu(), "tid": uu()})
    S(OT, "az_get_access_token_json", json.dumps({"accessToken": t, "expiresOn": "2026-03-07 15:22:31.000000", "expires_on": R.randint(1760000000, 1790000000), "subscription": uu(), "tenant": uu(), "tokenType": "Bearer"}, indent=2), [t])
for _ in range(3):
    ak, sk = "AKIA" + rs(16, B32), v_aws_secret()
    S(OT, "sqs_broker_transport_options", "[celery_broker_transport_options]\nregion = eu-west-1\npredefined_queues = {\"default\": {\"url\": \"https://sqs.eu-west-1.amazonaws.com/%d/airflow-default\", \"access_key_id\": \"%s\", \"secret_access_key\": \"%s\"}}" % (R.randint(10 ** 11, 10 ** 12 - 1), ak, sk), [ak, sk])

# ---------------------------------------------------------------- registered (bare values)
RG = "registered"
for _ in range(10):
    p = simple_pw(R.randint(14, 22))
    S(RG, "registered:bare_stdout_line", af2(p, "subprocess.py:93"), [p], [p])
for _ in range(9):
    p = simple_pw(R.randint(12, 20))
    S(RG, "registered:csv_row", "id,service,owner,value,rotated\n17,erp,finance,%s,2026-02-01\n18,crm,sales,<rotated>,2026-02-02" % p, [p], [p])
for _ in range(6):
    p = password(16)
    S(RG, "registered:echoed_as_name", tlog("Created temporary table tmp_%s_stage" % p.translate(str.maketrans({c: "_" for c in PUNCT}))), [], [])
    t = SECRET_LINES[-1][2]
    v = p.translate(str.maketrans({c: "_" for c in PUNCT}))
    SECRET_LINES[-1] = (RG, "registered:echoed_as_name", t, [v], [v])
for _ in range(6):
    p = simple_pw(R.randint(16, 24))
    S(RG, "registered:table_cell", "+---------+---------------------------+\n| name    | value                     |\n+---------+---------------------------+\n| erp     | %-25s |\n+---------+---------------------------+" % p, [p], [p])
for _ in range(4):
    p = password()
    S(RG, "registered:url_quoted_in_path", tlog("GET https://vault-proxy.corp/kv/lookup/%s -> 404" % pq(p)), [pq(p)], [p])


# ================================================================ HARMLESS
def sha256hex():
    return hashlib.sha256(rs(20).encode()).hexdigest()


def gitsha():
    return hx(40)


def digest():
    return "sha256:" + sha256hex()


def npm_integrity():
    return "sha512-" + b64(hashlib.sha512(rs(16).encode()).digest())


def amz_id2():
    return b64raw(57)


def traceparent():
    return "00-%s-%s-01" % (hx(32), hx(16))


def pod():
    return "%s-%s-%s" % (dag().replace("_", "-"), task().replace("_", "-"), rs(8, LO + DG))


def s3ver():
    return rs(32, AN + "._")


def bq_job():
    return "job_" + rs(28, B64U)


def glue_run():
    return "jr_" + hx(64)


def emr():
    return "j-" + rs(13, UP + DG)


def kafka_cluster():
    return rs(22, B64U)


def ecs_task():
    return hx(32)


def gh_node():
    return pick(["CS_kwDO", "R_kgDO", "PR_kwDO", "MDQ6VXNl", "WFR_kwLO"]) + rs(R.randint(10, 20), B64U)


IDGENS = [uu, sha256hex, gitsha, digest, npm_integrity, amz_id2, traceparent, s3ver, bq_job, glue_run, emr, kafka_cluster, ecs_task, gh_node,
          lambda: rs(16, UHEX), lambda: hx(16) + "-" + pick(["FRA", "AMS", "IAD", "SIN"]), lambda: "req_" + hx(24), lambda: "msg_01" + rs(22),
          lambda: "ch_3" + rs(23), lambda: "pi_3" + rs(23), lambda: "evt_1" + rs(23), lambda: "CA" + hx(32), lambda: "SM" + hx(32),
          lambda: "0x8DC" + rs(12, UHEX), lambda: "01b%s-0000-%s-0000-%s" % (hx(5), hx(4), hx(12)), lambda: "amq.ctag-" + rs(22, B64U)]

# --- task_log
TL = "task_log"
for _ in range(40):
    d, t = dag(), task()
    msgs = [
        "Dependencies all met for dep_context=non-requeueable deps ti=<TaskInstance: %s.%s %s [queued]>" % (d, t, run_id()),
        "Starting attempt 1 of 3",
        "Executing <Task(PythonOperator): %s> on %s" % (t, ts()),
        "Started process %d to run task" % R.randint(100, 99999),
        "Running <TaskInstance: %s.%s %s [running]> on host %s" % (d, t, run_id(), pod()),
        "Exporting env vars: AIRFLOW_CTX_DAG_OWNER='data-eng' AIRFLOW_CTX_DAG_ID='%s' AIRFLOW_CTX_TASK_ID='%s' AIRFLOW_CTX_EXECUTION_DATE='%s' AIRFLOW_CTX_TRY_NUMBER='1' AIRFLOW_CTX_DAG_RUN_ID='%s'" % (d, t, ts(), run_id()),
        "Using connection ID 'aws_default' for task execution.",
        "Connection Retrieved 'google_cloud_default'",
        "Done. Returned value was: {'rows': %d, 'etag': '%s', 'version_id': '%s'}" % (R.randint(1, 10 ** 6), hx(32), s3ver()),
        "Marking task as SUCCESS. dag_id=%s, task_id=%s, run_id=%s, execution_date=20260307T000000, start_date=20260307T000512, end_date=20260307T000631" % (d, t, run_id()),
        "Task exited with return code 0",
        "0 downstream tasks scheduled from follow-on schedule check",
        "Inserting rows into BigQuery table: dataset=raw, job_id=%s, location=EU" % bq_job(),
        "Waiting for job %s to complete, state RUNNING, trace_id=%s" % (glue_run(), hx(32)),
        "Uploaded s3://acme-exports/%s/part-0000.parquet (ETag \"%s\", VersionId %s)" % (d, hx(32), s3ver()),
        "Submitted Dataflow job 2026-03-07_05_22_31-%d, view at https://console.cloud.google.com/dataflow/jobs/europe-west1/2026-03-07_05_22_31-%d" % (R.randint(10 ** 18, 10 ** 19), R.randint(10 ** 18, 10 ** 19)),
        "EMR step s-%s added to cluster %s" % (rs(13, UP + DG), emr()),
        "Snowflake query id: 01b%s-0000-%s-0000-%s, rows_affected=%d" % (hx(5), hx(4), hx(12), R.randint(0, 99999)),
        "Pushing xcom key=return_value value_size=%d checksum=%s" % (R.randint(10, 99999), sha256hex()),
        "Tokenizer loaded: vocab_size=50257, max token count: 512, truncation=True",
        "Password reset email sent to 1 user(s) in tenant %s" % uu(),
        "Pod %s has phase Running, uid=%s, resourceVersion=%d" % (pod(), uu(), R.randint(10 ** 6, 10 ** 8)),
        "dbt: 1 of 42 OK created sql table model analytics.fct_orders ... [SELECT 12345 in 3.21s] invocation_id=%s" % uu(),
        "Athena query %s finished: SUCCEEDED, data scanned 1.2 GB" % uu(),
        "Lambda invoked RequestId: %s Duration: 812.33 ms Billed Duration: 813 ms" % uu(),
        "Dataset event emitted for s3://acme-lake/curated/orders/ with extra {'run_uuid': '%s'}" % uu(),
        "SQS SendMessage ok MessageId=%s MD5OfMessageBody=%s" % (uu(), hx(32)),
        "Pub/Sub publish ok, message_ids=['%d', '%d']" % (R.randint(10 ** 15, 10 ** 16), R.randint(10 ** 15, 10 ** 16)),
        "ECS task arn:aws:ecs:eu-west-1:%d:task/airflow-cluster/%s is RUNNING" % (R.randint(10 ** 11, 10 ** 12 - 1), ecs_task()),
        "GitHub check suite %s concluded success for commit %s" % (gh_node(), gitsha()),
        "Stripe charge %s captured, balance_transaction txn_3%s, request %s" % ("ch_3" + rs(23), rs(23), "req_" + rs(14)),
        "Twilio message %s queued, account AC%s" % ("SM" + hx(32), hx(32)),
        "Kafka consumer group analytics-sink committed offsets {'orders-0': %d}, cluster_id=%s" % (R.randint(10 ** 5, 10 ** 9), kafka_cluster()),
        "Azure blob uploaded raw/events.json ETag=\"0x8DC%s\" x-ms-request-id=%s" % (rs(12, UHEX), uu()),
        "Databricks run %d submitted, run_page_url=https://adb-%d.7.azuredatabricks.net/?o=%d#job/%d/run/%d" % (R.randint(10 ** 5, 10 ** 7), R.randint(10 ** 15, 10 ** 16), R.randint(10 ** 15, 10 ** 16), R.randint(10 ** 5, 10 ** 6), R.randint(10 ** 5, 10 ** 7)),
        "OpenAI completion ok id=chatcmpl-%s usage={'prompt_tokens': %d, 'completion_tokens': %d} x-request-id=req_%s" % (rs(29), R.randint(10, 4000), R.randint(10, 900), hx(32)),
    ]
    H(TL, "task_log_line", tlog(pick(msgs)))
for _ in range(12):
    H(TL, "task_log_multiline", "\n".join(tlog(m) for m in [
        "::group::Pre task execution logs", "Starting attempt 1 of 1", "::endgroup::",
        "Running statement: SELECT count(*) FROM raw.events WHERE ds = '2026-03-07', parameters: None",
        "Rows affected: %d" % R.randint(0, 10 ** 6), "Query id: %s" % uu()]))
for _ in range(10):
    H(TL, "task_log_structured_v3", json.dumps({"content": [{"timestamp": tsz(), "event": "Task instance is in running state", "level": "info", "logger": "task.stdout"},
                                                            {"timestamp": tsz(), "event": "Filling up the DagBag from /opt/airflow/dags/%s.py" % dag(), "level": "info", "logger": "airflow.models.dagbag.DagBag"},
                                                            {"timestamp": tsz(), "event": "Pushed xcom", "level": "info", "logger": "airflow.sdk", "ti_id": uu(), "key": "return_value"}], "continuation_token": b64url_raw(48)}), True)
for _ in range(10):
    kr, m = pick([(False, "Connecting to postgresql://etl:***@%s:5432/analytics" % pick(HOSTS)), (True, "Using Authorization header Bearer ***"),
                  (True, "curl -H 'X-Api-Key: ***' https://api.partner.io/v2/export"), (True, "export AWS_SECRET_ACCESS_KEY=***"),
                  (True, "password=*** user=loader host=%s" % pick(HOSTS)), (False, "Connected to amqp://airflow:**@rabbitmq.messaging.svc:5672/airflow")])
    H(TL, "task_log_masked", tlog(m), kr)

# --- scheduler_log
SL = "scheduler_log"
for _ in range(40):
    d = dag()
    msgs = [
        "Setting next_dagrun for %s to %s, run_after=%s" % (d, ts(), ts()),
        "Sending TaskInstanceKey(dag_id='%s', task_id='%s', run_id='%s', try_number=1, map_index=-1) to CeleryExecutor with priority 3 and queue default" % (d, task(), run_id()),
        "Received executor event with state success for task instance TaskInstanceKey(dag_id='%s', task_id='%s', run_id='%s', try_number=1, map_index=-1)" % (d, task(), run_id()),
        "TaskInstance Finished: dag_id=%s, task_id=%s, run_id=%s, map_index=-1, run_start_date=%s, run_end_date=%s, run_duration=%.3f, state=success, executor_state=success, try_number=1, max_tries=2, job_id=%d, pool=default_pool, queue=default, priority_weight=3, operator=PythonOperator, queued_dttm=%s, queued_by_job_id=%d, pid=%d" % (d, task(), run_id(), ts(), ts(), R.random() * 900, R.randint(1000, 10 ** 6), ts(), R.randint(1, 900), R.randint(100, 99999)),
        "Marking run <DagRun %s @ %s: %s, state:running, queued_at: %s. externally triggered: False> successful" % (d, ts(), run_id(), ts()),
        "DagRun Finished: dag_id=%s, logical_date=%s, run_id=%s, run_start_date=%s, run_end_date=%s, run_duration=%.6f, state=success, run_type=scheduled, data_interval_start=%s, data_interval_end=%s, dag_hash=%s" % (d, ts(), run_id(), ts(), ts(), R.random() * 3600, ts(), ts(), hx(32)),
        "Adopting or resetting orphaned tasks for active dag runs",
        "%d tasks up for execution:\n\t<TaskInstance: %s.%s %s [scheduled]>" % (1, d, task(), run_id()),
        "Trying to enqueue tasks: [<TaskInstance: %s.%s %s [scheduled]>] for executor: CeleryExecutor(parallelism=32)" % (d, task(), run_id()),
        "Exiting gracefully upon receiving signal 15",
        "Processing file /opt/airflow/dags/%s.py for tasks to queue" % d,
        "Asset event created for uri=s3://acme-lake/curated/%s/ source_run_id=%s" % (d, run_id()),
        "Triggerer job %d: %d triggers running, ids=[%d, %d]" % (R.randint(100, 9999), R.randint(1, 40), R.randint(1, 9999), R.randint(1, 9999)),
        "Trigger <airflow.providers.amazon.aws.triggers.glue.GlueJobCompleteTrigger job_name=nightly run_id=%s> fired: TriggerEvent<{'status': 'success'}>" % glue_run(),
    ]
    src = pick(["scheduler_job_runner.py:425", "dagrun.py:854", "scheduler_job_runner.py:690", "base_executor.py:146", "triggerer_job_runner.py:608"])
    H(SL, "scheduler_log_line", "[%s] {%s} INFO - %s" % (ts2(), src, pick(msgs)) if R.random() < 0.6 else af3c(pick(msgs), "airflow.jobs.scheduler_job_runner.SchedulerJobRunner"))
for _ in range(8):
    H(SL, "dag_processor_stats", "================================================================================\nDAG File Processing Stats\n\nBundle       File Path                          PID  Current Duration      # DAGs    # Errors  Last Duration    Last Run At\n-----------  ---------------------------------  -----  ------------------  --------  ----------  ---------------  -------------------\ndags-folder  %s.py  %s  %s  1  0  %.2fs  %s" % (dag(), "", "", R.random() * 5, ts()))

# --- worker_log
WL = "worker_log"
for _ in range(30):
    msgs = [
        "[%s: INFO/MainProcess] Task airflow.providers.celery.executors.celery_executor_utils.execute_command[%s] received" % (ts(), uu()),
        "[%s: INFO/ForkPoolWorker-%d] Task airflow.providers.celery.executors.celery_executor_utils.execute_command[%s] succeeded in %.3fs: None" % (ts(), R.randint(1, 16), uu(), R.random() * 300),
        "[%s: INFO/MainProcess] Connected to amqp://airflow:**@rabbitmq.messaging.svc:5672/airflow" % ts(),
        "[%s: INFO/MainProcess] Connected to redis://:**@redis-master.cache.svc.cluster.local:6379/0" % ts(),
        "[%s: INFO/MainProcess] mingle: sync with 3 nodes" % ts(),
        "[%s: INFO/MainProcess] celery@%s ready." % (ts(), pod()),
        "[%s: INFO/ForkPoolWorker-2] [%s] Executing command in Celery: ['airflow', 'tasks', 'run', '%s', '%s', '%s', '--local', '--subdir', 'DAGS_FOLDER/%s.py']" % (ts(), uu(), dag(), task(), run_id(), dag()),
        "%s [info     ] Secrets backends loaded for worker [supervisor] count=1 backend_classes=['EnvironmentVariablesBackend']" % tsz(),
        "%s [info     ] Task finished                  [supervisor] duration=%.6f exit_code=0 final_state=success ti_id=%s" % (tsz(), R.random() * 100, uu()),
        "%s [debug    ] Sending heartbeat              [supervisor] ti_id=%s pid=%d" % (tsz(), uu(), R.randint(100, 99999)),
    ]
    H(WL, "worker_log_line", pick(msgs))
for _ in range(8):
    H(WL, "celery_banner", " -------------- celery@%s v5.4.0 (opalescent)\n--- ***** -----\n-- ******* ---- Linux-6.1.0-18-amd64-x86_64-with-glibc2.36 %s\n- *** --- * ---\n- ** ---------- [config]\n- ** ---------- .> app:         airflow.providers.celery.executors.celery_executor:0x7f%s\n- ** ---------- .> transport:   redis://:**@redis:6379/0\n- ** ---------- .> results:     postgresql://airflow:**@postgres/airflow\n- *** --- * --- .> concurrency: 16 (prefork)" % (pod(), ts(), hx(10)))

# --- api_json
AJ = "api_json"
for _ in range(12):
    H(AJ, "api_dag_runs", json.dumps({"dag_runs": [{"dag_run_id": run_id(), "dag_id": dag(), "logical_date": ts(), "queued_at": ts(), "start_date": ts(), "end_date": ts(),
                                                     "data_interval_start": ts(), "data_interval_end": ts(), "run_type": "scheduled", "state": "success", "triggered_by": "timetable", "conf": {"batch_id": uu(), "source_etag": hx(32)}, "note": None, "dag_versions": [{"id": uu(), "version_number": R.randint(1, 40), "bundle_name": "dags-folder", "bundle_version": gitsha()}]}], "total_entries": R.randint(1, 5000)}))
for _ in range(10):
    H(AJ, "api_task_instance", json.dumps({"id": uu(), "task_id": task(), "dag_id": dag(), "dag_run_id": run_id(), "map_index": -1, "logical_date": ts(), "start_date": ts(), "end_date": ts(), "duration": R.random() * 1000, "state": "success",
                                            "try_number": 1, "max_tries": 2, "task_display_name": task(), "hostname": pod(), "unixname": "airflow", "pool": "default_pool", "pool_slots": 1, "queue": "default", "priority_weight": 3,
                                            "operator": "KubernetesPodOperator", "pid": R.randint(10, 9999), "executor": None, "executor_config": "{}", "rendered_fields": {"image": "ghcr.io/acme/etl@" + digest(), "arguments": ["--date", "2026-03-07", "--trace-id", hx(32)]}, "trigger": None, "triggerer_job": None, "note": None}))
for _ in range(10):
    H(AJ, "api_xcom_entry", json.dumps({"key": pick(["return_value", "job_id", "object_meta"]), "timestamp": ts(), "logical_date": ts(), "map_index": -1, "task_id": task(), "dag_id": dag(), "run_id": run_id(),
                                         "value": pick([{"ETag": '"%s"' % hx(32), "VersionId": s3ver(), "ChecksumSHA256": b64(hashlib.sha256(rs(9).encode()).digest())}, {"job_id": bq_job(), "location": "EU"}, {"JobRunId": glue_run()}, {"ClusterId": emr(), "StepIds": ["s-" + rs(13, UP + DG)]}])}))
for _ in range(10):
    H(AJ, "api_connection_masked_v3", json.dumps({"connection_id": pick(["aws_default", "pg_dw", "slack_api", "gcp_conn"]), "conn_type": pick(["aws", "postgres", "slack", "google_cloud_platform"]), "description": "managed by terraform",
                                                   "host": pick(HOSTS), "login": pick(USERS), "schema": "public", "port": 5432, "password": "***", "extra": json.dumps({"region_name": "eu-west-1", "role_arn": "arn:aws:iam::%d:role/airflow-%s" % (R.randint(10 ** 11, 10 ** 12 - 1), rs(6, LO)), "api_key": "***"}), "team_name": None}), True)
for _ in range(10):
    H(AJ, "api_connection_list_v1", json.dumps({"connections": [{"connection_id": "c_" + rs(6, LO), "conn_type": "http", "description": None, "host": "api.partner.io", "login": None, "schema": None, "port": 443} for _ in range(3)], "total_entries": R.randint(3, 300)}))
for _ in range(10):
    H(AJ, "api_variable_harmless", json.dumps({"key": pick(["s3_bucket", "batch_size", "target_region", "dbt_target", "feature_flags", "partner_list"]), "value": pick(["acme-exports-prod", "5000", "eu-west-1", "prod", json.dumps({"new_loader": True, "shards": 16}), "acme,globex,initech"]), "description": "set by CI run %s" % uu(), "is_encrypted": True, "team_name": None}))
for _ in range(8):
    H(AJ, "api_import_errors", json.dumps({"import_errors": [{"import_error_id": R.randint(1, 999), "timestamp": ts(), "filename": "/opt/airflow/dags/%s.py" % dag(), "bundle_name": "dags-folder",
                                                              "stack_trace": "Traceback (most recent call last):\n  File \"/opt/airflow/dags/x.py\", line 7, in <module>\n    from acme.tokens import TokenBucket\nModuleNotFoundError: No module named 'acme.tokens'\n"}], "total_entries": 1}))
for _ in range(8):
    H(AJ, "api_event_logs", json.dumps({"event_logs": [{"event_log_id": R.randint(10 ** 4, 10 ** 6), "when": ts(), "dag_id": dag(), "task_id": task(), "run_id": run_id(), "map_index": -1, "try_number": 1, "event": pick(["running", "success", "trigger", "cli_task_run"]), "logical_date": ts(), "owner": "airflow",
                                                        "extra": json.dumps({"host_name": pod(), "full_command": "['airflow', 'tasks', 'run', '%s']" % dag()})}], "total_entries": R.randint(1, 99999)}))
for _ in range(6):
    H(AJ, "api_pools", json.dumps({"pools": [{"name": "default_pool", "slots": 128, "occupied_slots": R.randint(0, 128), "running_slots": R.randint(0, 50), "queued_slots": R.randint(0, 20), "scheduled_slots": 0, "open_slots": R.randint(0, 128), "deferred_slots": 0, "description": "Default pool", "include_deferred": False}], "total_entries": 1}))
for _ in range(8):
    H(AJ, "api_dags", json.dumps({"dags": [{"dag_id": dag(), "dag_display_name": dag(), "is_paused": False, "is_stale": False, "last_parsed_time": ts(), "fileloc": "/opt/airflow/dags/%s.py" % dag(), "file_token": b64url_raw(40) + "." + rs(27, B64U), "owners": ["data-eng"], "description": "Token usage report; counts tokens per model", "timetable_summary": pick(["0 3 * * *", "@hourly", "*/15 * * * *"]), "tags": [{"name": "tier-1", "dag_id": dag()}], "max_active_runs": 1, "has_import_errors": False, "next_dagrun_logical_date": ts(), "bundle_version": gitsha()}], "total_entries": R.randint(1, 500)}), True)
for _ in range(6):
    H(AJ, "api_config_hidden", json.dumps({"sections": [{"name": "database", "options": [{"key": "sql_alchemy_conn", "value": "< hidden >"}, {"key": "sql_alchemy_pool_size", "value": "5"}]}, {"name": "core", "options": [{"key": "fernet_key", "value": "< hidden >"}, {"key": "parallelism", "value": "32"}]}]}))
for _ in range(6):
    H(AJ, "api_assets", json.dumps({"assets": [{"id": R.randint(1, 9999), "name": "orders", "uri": "s3://acme-lake/curated/orders/", "group": "asset", "extra": {"checksum": sha256hex()}, "created_at": ts(), "updated_at": ts(), "consuming_tasks": [], "producing_tasks": [{"dag_id": dag(), "task_id": task()}], "aliases": []}], "total_entries": 1}))

# --- near_miss
NM = "near_miss"
NMS = [
    lambda: "Digest: %s\nStatus: Downloaded newer image for ghcr.io/acme/airflow:2.10.5-python3.11" % digest(),
    lambda: "image: apache/airflow:3.0.2@%s" % digest(),
    lambda: "\"node_modules/@aws-sdk/client-s3\": {\"version\": \"3.540.0\", \"resolved\": \"https://registry.npmjs.org/@aws-sdk/client-s3/-/client-s3-3.540.0.tgz\", \"integrity\": \"%s\"}" % npm_integrity(),
    lambda: "apache-airflow-providers-amazon==9.2.0 \\\n    --hash=sha256:%s \\\n    --hash=sha256:%s" % (sha256hex(), sha256hex()),
    lambda: "commit %s\nMerge: %s %s\nAuthor: Data Eng Bot <bot@corp.example.org>" % (gitsha(), gitsha()[:7], gitsha()[:7]),
    lambda: "x-amz-request-id: %s\nx-amz-id-2: %s\nETag: \"%s\"\nx-amz-version-id: %s" % (rs(16, UHEX), amz_id2(), hx(32), s3ver()),
    lambda: "traceparent: %s\ntracestate: dd=s:1;t.dm:-0,congo=%s" % (traceparent(), rs(16, B64U)),
    lambda: "X-Cloud-Trace-Context: %s/%d;o=1" % (hx(32), R.randint(10 ** 18, 10 ** 19)),
    lambda: "cf-ray: %s\nserver: cloudflare\nx-request-id: %s" % (hx(16) + "-FRA", uu()),
    lambda: "AWS docs example: aws configure  -> AWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE  AWS Secret Access Key [None]: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    lambda: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s deploy@ci-runner" % rs(43, B64),
    lambda: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ%s airflow@worker" % rs(500, B64),
    lambda: "The ECDSA host key fingerprint is SHA256:%s." % rs(43, B64),
    lambda: "gpg: key %s: public key \"Release Bot <release@corp.example.org>\" imported\nfpr: %s" % (rs(16, UHEX), rs(40, UHEX)),
    lambda: "-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----" % "\n".join(b64raw(48) for _ in range(6)),
    lambda: "-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----" % "\n".join(b64raw(48) for _ in range(5)),
    lambda: "age public recipient: age1%s" % rs(58, "qpzry9x8gf2tvdw0s3jn54khce6mua7l"),
    lambda: "[Peer]\nPublicKey = %s\nAllowedIPs = 10.8.0.0/24" % b64raw(32),
    lambda: "BigQuery job %s:EU.%s done, totalBytesProcessed=%d" % ("acme-data-prod", bq_job(), R.randint(10 ** 6, 10 ** 12)),
    lambda: "Glue JobRunId=%s JobRunState=SUCCEEDED" % glue_run(),
    lambda: "Snowflake QUERY_ID=01b%s-0000-%s-0000-%s SESSION_ID=%d" % (hx(5), hx(4), hx(12), R.randint(10 ** 13, 10 ** 14)),
    lambda: "run_id=manual__%s conf={'request_id': '%s', 'trace_id': '%s'}" % (ts(), uu(), hx(32)),
    lambda: "s3://acme-lake/raw/events/dt=2026-03-07/part-00000-%s-c000.snappy.parquet" % uu(),
    lambda: "gs://acme-staging/exports/%s/%s.avro#%d" % (dag(), hx(40), R.randint(10 ** 15, 10 ** 16)),
    lambda: "pod/%s condition met (uid %s)" % (pod(), uu()),
    lambda: "helm: chart airflow-1.15.0.tgz digest %s, REVISION: %d, STATUS: deployed" % (digest(), R.randint(1, 90)),
    lambda: "terraform: lineage = \"%s\" serial = %d, aws_instance.worker: id=i-0%s, sg-0%s" % (uu(), R.randint(1, 900), hx(16), hx(16)),
    lambda: "TASK [airflow : render config] ************ changed: [worker-03] => {\"checksum\": \"%s\", \"md5sum\": \"%s\", \"dest\": \"/opt/airflow/airflow.cfg\"}" % (hx(40), hx(32)),
    lambda: "Kafka cluster id: %s, topic orders partition 3 offset %d leaderEpoch %d" % (kafka_cluster(), R.randint(10 ** 5, 10 ** 10), R.randint(1, 90)),
    lambda: "basic.consume consumer_tag=%s delivery_tag=%d" % ("amq.ctag-" + rs(22, B64U), R.randint(1, 10 ** 6)),
    lambda: "Sentry event captured: %s (release %s)" % (hx(32), gitsha()[:12]),
    lambda: "GitHub node_id %s, check_run %d, head_sha %s" % (gh_node(), R.randint(10 ** 9, 10 ** 11), gitsha()),
    lambda: "Stripe: created %s for %s, idempotency key %s" % ("pi_3" + rs(23), "cus_" + rs(14), uu()),
    lambda: "Anthropic response id=%s request-id=req_011C%s stop_reason=end_turn output_tokens=%d" % ("msg_01" + rs(22), rs(22), R.randint(1, 4000)),
    lambda: "Azure x-ms-request-id: %s x-ms-version: 2023-11-03 ETag: \"0x8DC%s\" Content-MD5: %s" % (uu(), rs(12, UHEX), b64raw(16)),
    lambda: "OpenLineage event RUNNING run.runId=%s job.namespace=airflow://prod job.name=%s.%s" % (uu(), dag(), task()),
    lambda: "Step Functions execution arn:aws:states:eu-west-1:%d:execution:etl-machine:%s started" % (R.randint(10 ** 11, 10 ** 12 - 1), uu()),
    lambda: "Secret reference: arn:aws:secretsmanager:eu-west-1:%d:secret:airflow/connections/pg_dw-%s" % (R.randint(10 ** 11, 10 ** 12 - 1), rs(6)),
    lambda: "KMS encrypt ok KeyId=arn:aws:kms:eu-west-1:%d:key/%s CiphertextBlob length=%d" % (R.randint(10 ** 11, 10 ** 12 - 1), uu(), R.randint(100, 400)),
    lambda: "2026/03/07/[$LATEST]%s START RequestId: %s Version: $LATEST" % (hx(32), uu()),
    lambda: "Cloud Build %s step 2 pulled gcr.io/cloud-builders/docker@%s" % (uu(), digest()),
    lambda: "Dataproc job %s state DONE, driverOutputResourceUri gs://dataproc-staging-eu-%d-%s/google-cloud-dataproc-metainfo/%s/jobs/%s/driveroutput" % (rs(32, LO + DG), R.randint(10 ** 11, 10 ** 12), rs(8, LO + DG), uu(), rs(32, LO + DG)),
    lambda: "Java: java.lang.IllegalStateException: Expected BEGIN_OBJECT at line 1 column %d path $.data[%d].checksum (sha1 %s)\n\tat com.google.gson.stream.JsonReader.beginObject(JsonReader.java:393)" % (R.randint(1, 900), R.randint(0, 9), hx(40)),
    lambda: "goroutine %d [select]:\ngithub.com/segmentio/kafka-go.(*Reader).run(0xc000%s)\n\t/go/pkg/mod/github.com/segmentio/kafka-go@v0.4.47/reader.go:1304 +0x%s" % (R.randint(1, 999), hx(6), hx(3)),
    lambda: "    at Object.<anonymous> (/app/dist/worker.js:%d:%d) { requestId: '%s', traceId: '%s' }" % (R.randint(1, 999), R.randint(1, 80), uu(), hx(32)),
    lambda: "tokens used: %d (prompt %d, completion %d); tokenizer=cl100k_base" % (R.randint(100, 9999), R.randint(1, 999), R.randint(1, 999)),
    lambda: "file checksum MD5 (export.csv) = %s, SHA-512 = %s" % (hx(32), hx(128)),
    lambda: "Content-Security-Policy: script-src 'self' 'nonce-%s' 'sha256-%s'" % (rs(22, B64), b64raw(32)),
    lambda: "Location: https://accounts.google.com/o/oauth2/v2/auth?client_id=%d-%s.apps.googleusercontent.com&state=%s&code_challenge=%s&code_challenge_method=S256" % (R.randint(10 ** 11, 10 ** 12), rs(32, LO + DG), rs(30, B64U), rs(43, B64U)),
    lambda: "yarn.lock: \"@types/node@^20\":\n  version \"20.11.30\"\n  resolved \"https://registry.yarnpkg.com/@types/node/-/node-20.11.30.tgz#%s\"\n  integrity %s" % (hx(40), npm_integrity()),
    lambda: "poetry.lock: files = [{file = \"pendulum-3.0.0.tar.gz\", hash = \"sha256:%s\"}]" % sha256hex(),
    lambda: "uuid=%s uuid7=0190%s-%s-7%s-%s-%s" % (uu(), hx(4), hx(4), hx(3), hx(4), hx(12)),
    lambda: "Cron schedule '0 */6 * * 1-5' next run %s, interval id %s" % (ts(), hx(16)),
    lambda: "aws ecr describe-images: imageDigest %s imageTags [\"%s\"] registryId %d" % (digest(), gitsha()[:8], R.randint(10 ** 11, 10 ** 12 - 1)),
    lambda: "Object version list: %s" % ", ".join(s3ver() for _ in range(3)),
    lambda: "CloudFormation StackId arn:aws:cloudformation:eu-west-1:%d:stack/airflow-mwaa/%s UPDATE_COMPLETE" % (R.randint(10 ** 11, 10 ** 12 - 1), uu()),
    lambda: "gcloud operations describe operation-%d-%s-%s-%s --region europe-west1" % (R.randint(10 ** 12, 10 ** 13), hx(13), hx(8), hx(8)),
    lambda: "az: \"id\": \"/subscriptions/%s/resourceGroups/rg-data/providers/Microsoft.DataFactory/factories/adf-prod/pipelineruns/%s\"" % (uu(), uu()),
    lambda: "ids: " + ", ".join(g() for g in R.sample(IDGENS, 4)),
    lambda: "request ids: " + " ".join(g() for g in R.sample(IDGENS, 3)),
    lambda: "Datadog: dd.trace_id=%d dd.span_id=%d dd.service=airflow-worker dd.env=prod" % (R.randint(10 ** 18, 2 ** 63), R.randint(10 ** 18, 2 ** 63)),
]
for _ in range(200):
    H(NM, "near_miss", pick(NMS)())

# --- reference
RF = "reference"
REFS = [
    lambda: "password = {{ conn.%s.password }}" % pick(["pg_dw", "erp_mssql", "sftp_partner"]),
    lambda: "headers={'Authorization': 'Bearer {{ var.value.partner_api_token }}'}",
    lambda: "env_from=[k8s.V1EnvFromSource(secret_ref=k8s.V1SecretEnvSource(name='airflow-%s'))]" % rs(5, LO),
    lambda: "        valueFrom:\n          secretKeyRef:\n            name: airflow-metadata\n            key: connection",
    lambda: "DB_PASSWORD=${DB_PASSWORD:?must be set}",
    lambda: "token = os.environ[\"SLACK_BOT_TOKEN\"]",
    lambda: "AIRFLOW__SECRETS__BACKEND=airflow.providers.hashicorp.secrets.vault.VaultBackend\nAIRFLOW__SECRETS__BACKEND_KWARGS={\"connections_path\": \"connections\", \"variables_path\": \"variables\", \"mount_point\": \"airflow\", \"url\": \"http://vault.vault.svc:8200\", \"auth_type\": \"kubernetes\", \"kubernetes_role\": \"airflow\"}",
    lambda: "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_SECRET=airflow/config/sql_alchemy_conn",
    lambda: "Fetching secret arn:aws:secretsmanager:eu-west-1:%d:secret:airflow/variables/partner_api_key-%s (version AWSCURRENT)" % (R.randint(10 ** 11, 10 ** 12 - 1), rs(6)),
    lambda: "projects/acme-data-prod/secrets/airflow-connections-pg_dw/versions/latest",
    lambda: "vault read -field=password kv/data/airflow/connections/erp",
    lambda: "api_key: ${{ secrets.PARTNER_API_KEY }}",
    lambda: "client_secret=\"$(gcloud secrets versions access latest --secret=oauth-client)\"",
    lambda: "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"${file:/opt/secrets/kafka.properties:user}\" password=\"${file:/opt/secrets/kafka.properties:pass}\";",
    lambda: "<password>${env.NEXUS_PASSWORD}</password>",
    lambda: "password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  <see group_vars/vault.yml>",
    lambda: "spring.datasource.password=${DB_PASS}",
    lambda: "azure keyvault reference: @Microsoft.KeyVault(SecretUri=https://kv-data.vault.azure.net/secrets/pg-password/)",
    lambda: "TF_VAR_db_password is read from the environment; see terraform.tfvars.example",
    lambda: "Bearer token will be obtained from the 'partner_oauth' connection at runtime",
    lambda: "Loaded connection 'pg_dw' from secrets backend VaultBackend (path airflow/connections/pg_dw, version %d)" % R.randint(1, 40),
    lambda: "url: {{ var.value.partner_endpoint }}/v2/orders?since={{ data_interval_start | ts }}",
    lambda: "envFrom:\n  - configMapRef:\n      name: airflow-env-%s" % rs(5, LO + DG),
    lambda: "Rotate the key referenced by ${SECRET_NAME} before %s (ticket SEC-%d)" % (ts()[:10], R.randint(1000, 9999)),
]
KR_REFS = {0, 1, 3, 4, 5, 6, 7, 11, 12, 13, 14, 15, 16, 17}  # value sits under a sensitive key name
for _ in range(55):
    i = R.randrange(len(REFS))
    H(RF, "secret_reference", REFS[i](), i in KR_REFS)

# --- config
CF = "config"
CFS = [
    lambda: "[core]\ndags_folder = /opt/airflow/dags\nexecutor = CeleryExecutor\nparallelism = 32\nmax_active_tasks_per_dag = 16\nload_examples = False",
    lambda: "[logging]\nremote_logging = True\nremote_base_log_folder = s3://acme-airflow-logs/prod\nremote_log_conn_id = aws_default\nlogging_level = INFO",
    lambda: "[scheduler]\nscheduler_heartbeat_sec = 5\nparsing_processes = 4\ndag_dir_list_interval = 300",
    lambda: "executor: CeleryKubernetesExecutor\nimages:\n  airflow:\n    repository: ghcr.io/acme/airflow\n    tag: 3.0.2-%s\n    digest: %s" % (gitsha()[:7], digest()),
    lambda: "services:\n  airflow-apiserver:\n    image: apache/airflow:3.0.2\n    command: api-server\n    ports:\n      - \"8080:8080\"\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"--fail\", \"http://localhost:8080/api/v2/version\"]",
    lambda: "[celery]\nbroker_url = redis://redis:6379/0\nworker_concurrency = 16\nresult_backend = db+postgresql://postgres/airflow",
    lambda: "terraform {\n  backend \"s3\" {\n    bucket = \"acme-tfstate\"\n    key    = \"airflow/prod.tfstate\"\n    region = \"eu-west-1\"\n  }\n}",
    lambda: "[api]\nexpose_config = non-sensitive-only\nbase_url = https://airflow.corp.example.net\nworkers = 4",
    lambda: "AIRFLOW__CORE__MIN_SERIALIZED_DAG_UPDATE_INTERVAL=30\nAIRFLOW__WEBSERVER__WORKERS=4\nAIRFLOW_UID=50000",
    lambda: "log4j.appender.console.layout.ConversionPattern=%d{ISO8601} %p [%t] %c: %m%n traceId=%X{traceId}",
]
for _ in range(35):
    H(CF, "config_file", pick(CFS)())

# --- dag_source
DS = "dag_source"
DSS = [
    lambda: "from airflow.sdk import dag, task\nimport pendulum\n\n@dag(schedule=\"%s\", start_date=pendulum.datetime(2026, 1, 1, tz=\"UTC\"), catchup=False, tags=[\"tokens\"])\ndef %s():\n    @task\n    def count_tokens(texts: list[str]) -> int:\n        return sum(len(t.split()) for t in texts)\n" % (pick(["@daily", "0 3 * * *", "@hourly"]), dag()),
    lambda: "hook = PostgresHook(postgres_conn_id=\"pg_dw\")\nrows = hook.get_records(\"SELECT id, sha256 FROM files WHERE sha256 = %%s\", parameters=(\"%s\",))" % sha256hex(),
    lambda: "KubernetesPodOperator(\n    task_id=\"%s\",\n    image=\"ghcr.io/acme/jobs@%s\",\n    env_vars={\"RUN_ID\": \"{{ run_id }}\", \"TRACE_ID\": \"%s\"},\n    secrets=[Secret(\"env\", \"DB_PASSWORD\", \"airflow-db\", \"password\")],\n)" % (task(), digest(), hx(32)),
    lambda: "SlackWebhookOperator(task_id=\"notify\", slack_webhook_conn_id=\"slack_alerts\", message=\"Run {{ run_id }} done\")",
    lambda: "S3KeySensor(task_id=\"wait\", bucket_key=\"s3://acme-lake/raw/{{ ds }}/_SUCCESS\", aws_conn_id=\"aws_default\", deferrable=True)",
    lambda: "BashOperator(task_id=\"checksum\", bash_command=\"sha256sum /data/export.csv | grep %s\")" % sha256hex(),
    lambda: "orders = Asset(\"s3://acme-lake/curated/orders/\", extra={\"owner\": \"data-eng\", \"dataset_id\": \"%s\"})" % uu(),
    lambda: "SnowflakeOperator(task_id=\"merge\", snowflake_conn_id=\"snowflake_default\", sql=\"MERGE INTO dw.orders USING stage.orders s ON ...\", session_parameters={\"QUERY_TAG\": \"airflow-%s\"})" % rs(8, LO + DG),
]
for _ in range(40):
    H(DS, "dag_source", pick(DSS)())

# --- key_word_nonsecret (prose, CLI output)
KW = "key_word_nonsecret"
KWS = [
    lambda: "Password reset email sent to ops@corp.example.org (request %s)" % uu(),
    lambda: "Token bucket refilled: 512 tokens available, rate=50/s",
    lambda: "Rotating secrets is scheduled for %s; see runbook RB-%d" % (ts(), R.randint(100, 999)),
    lambda: "WARNING: the password policy requires 14 characters; %d accounts are non-compliant" % R.randint(0, 40),
    lambda: "Successfully authenticated with the token from the 'partner_oauth' connection (expires in 3599s)",
    lambda: "airflow connections list -o table\nconn_id        | conn_type | host\n===============+===========+======================\naws_default    | aws       | \npg_dw          | postgres  | %s" % pick(HOSTS),
    lambda: "$ airflow variables list\nkey\n=================\nbatch_size\ns3_bucket\npartner_api_secret\ntarget_region",
    lambda: "$ kubectl get secrets -n airflow\nNAME                        TYPE                             DATA   AGE\nairflow-fernet-key          Opaque                           1      %dd\nairflow-metadata            Opaque                           1      %dd\nairflow-webserver-secret-key   Opaque                        1      %dd" % (R.randint(1, 300), R.randint(1, 300), R.randint(1, 300)),
    lambda: "helm status airflow: secrets rendered from existingSecret airflow-metadata; no plaintext values in release %d" % R.randint(1, 90),
    lambda: "Plan: 3 to add, 1 to change, 0 to destroy.\n  ~ db_engine_version = \"16.3\" -> \"16.4\"\n  ~ parameter_group   = (sensitive value)",
    lambda: "ansible: TASK [set db password] ok: [db01] => (item=None)  censored: 'the output has been hidden due to the fact that 'no_log: true' was specified for this result'",
    lambda: "GitHub Actions: Run echo \"$API_KEY\" | wc -c\n***\n41",
    lambda: "Tokenizer 'bert-base-uncased' produced %d tokens for batch %s" % (R.randint(10, 9999), uu()),
    lambda: "Secret Manager: listed 14 secret names under prefix airflow/ (no values fetched)",
    lambda: "kombu: Connected to amqp://guest:**@rabbitmq:5672//",
    lambda: "sql_alchemy_conn = < hidden >",
]
for _ in range(40):
    H(KW, "key_word_prose", pick(KWS)())

# --- airflow_key_rule lines (harmless values under sensitive key names)
KR = [
    ("api_json", lambda: json.dumps({"key": "partner_api_key", "value": "***", "description": "masked by Airflow"})),
    ("api_json", lambda: json.dumps({"connection_id": "oauth_partner", "extra": json.dumps({"token_url": "https://auth.partner.io/oauth2/token", "token_expiry_seconds": 3600})})),
    ("config", lambda: "private_key_file: /opt/airflow/keys/rsa_key.p8"),
    ("api_json", lambda: json.dumps({"service_account": "airflow-runner@acme-data-prod.iam.gserviceaccount.com", "impersonation_chain": None})),
    ("config", lambda: "password_policy = min14-upper-lower-digit"),
    ("api_json", lambda: json.dumps({"min_password_length": 14, "access_token_expires_in": 3600})),
    ("config", lambda: "secret_name: airflow/connections/pg_dw"),
    ("api_json", lambda: json.dumps({"keyfile_dict": "***", "project": "acme-data-prod"})),
    ("api_json", lambda: json.dumps({"key": "authorization", "value": "< hidden >"})),
    ("config", lambda: "proxies: {\"https\": \"http://proxy.corp.example.net:3128\"}"),
    ("api_json", lambda: json.dumps({"dsn": "postgresql://db.internal:5432/analytics", "pool": 5})),
    ("dag_source", lambda: "api_key=\"{{ var.value.partner_api_key }}\","),
    ("dag_source", lambda: "password=\"{{ conn.pg_dw.password }}\","),
    ("config", lambda: "webhook_url: \"{{ conn.slack_alerts.host }}\""),
    ("config", lambda: "token_count: %d" % R.randint(1, 9000)),
    ("api_json", lambda: json.dumps({"secret_key_ref": {"name": "airflow-%s" % rs(5, LO), "key": "password"}})),
    ("config", lambda: "AWS_SECRET_ACCESS_KEY_FILE=/var/run/secrets/aws/secret"),
    ("api_json", lambda: json.dumps({"bearer_format": "JWT", "scheme": "bearer"})),
    ("config", lambda: "connection_string_template: Server=tcp:{host},1433;Database={db};Authentication=ActiveDirectoryMsi"),
    ("api_json", lambda: json.dumps({"passphrase_required": True, "private_key_content": None})),
    ("config", lambda: "auth_header: X-Api-Key"),
    ("api_json", lambda: json.dumps({"access_key_id_last_rotated": ts(), "token_type": "Bearer"})),
    ("config", lambda: "sensitive_var_conn_names = partner_feed_credentials,sig_key"),
    ("task_log", lambda: tlog("password=*** login=loader host=%s" % pick(HOSTS))),
    ("api_json", lambda: json.dumps({"secret": "***", "webhook_url": "***"})),
    ("config", lambda: "client_secret: ${CLIENT_SECRET}"),
    ("config", lambda: "apikey: <YOUR_API_KEY_HERE>"),
    ("api_json", lambda: json.dumps({"password_last_changed": ts(), "passwd_expiry_days": 90})),
]
for i in range(84):
    fam, f = KR[i % len(KR)]
    H(fam, "airflow_key_rule", f(), True)


# ================================================================ assemble
def main():
    rows = []
    for fam, fmt, text, secs, reg in SECRET_LINES:
        o = {"kind": "secret", "family": fam, "format": fmt, "text": text, "secrets": secs}
        if reg:
            o["registered"] = reg
        rows.append(o)
    for fam, fmt, text, kr in HARMLESS_LINES:
        o = {"kind": "harmless", "family": fam, "format": fmt, "text": text, "secrets": []}
        if kr:
            o["airflow_key_rule"] = True
        rows.append(o)
    R.shuffle(rows)
    out = []
    for i, o in enumerate(rows, 1):
        d = {"id": "%s-%05d" % (PFX, i)}
        d.update(o)
        out.append(json.dumps(d, ensure_ascii=False, sort_keys=False))
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "corpus.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out) + "\n")
    print("wrote %d lines" % len(out))


if __name__ == "__main__":
    main()
