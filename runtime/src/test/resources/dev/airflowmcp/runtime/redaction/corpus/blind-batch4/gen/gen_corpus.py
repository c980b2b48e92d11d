#!/usr/bin/env python3
"""Blind evaluation corpus generator for an Airflow MCP secret redactor (batch 4).

Stdlib only, fixed seed, byte-reproducible. Every credential is FAKE: drawn from the seeded
PRNG with the length/alphabet/prefix of the real format. Usage:
    python3 gen_corpus.py [OUT_FILE]    (default: ../corpus.jsonl next to this folder)
"""
import base64, hashlib, json, os, random, sys, urllib.parse

SEED = 4402026
PFX = "b4"
R = random.Random(SEED)

UP = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LO = "abcdefghijklmnopqrstuvwxyz"
DG = "0123456789"
AN = UP + LO + DG
HEX = "0123456789abcdef"
B64 = AN + "+/"
B64U = AN + "-_"


def rs(alpha, n):
    return "".join(R.choice(alpha) for _ in range(n))


def hx(n):
    return rs(HEX, n)


def digits(n):
    return R.choice("123456789") + rs(DG, n - 1)


def uuid4():
    h = hx(32)
    h = h[:12] + "4" + h[13:16] + R.choice("89ab") + h[17:]
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def b64(s):
    return base64.b64encode(s.encode() if isinstance(s, str) else s).decode()


def b64u(s):
    return base64.urlsafe_b64encode(s.encode()).decode().rstrip("=")


def esc(s):
    """JSON string escape (one level), no quotes."""
    return json.dumps(s)[1:-1]


def q(s):
    return urllib.parse.quote(s, safe="")


def pw(n=None, punct="!@#$%^&*()-_=+[]{};:,.<>?/~|", need=2):
    n = n or R.randint(12, 22)
    while True:
        s = rs(AN + punct, n)
        if sum(c in punct for c in s) >= need and any(c in LO for c in s) and any(c in DG for c in s):
            return s


def apw(n=None):
    """alphanumeric password"""
    n = n or R.randint(14, 24)
    while True:
        s = rs(AN, n)
        if any(c in DG for c in s) and any(c in UP for c in s) and any(c in LO for c in s):
            return s


DAGS = ["etl_orders_daily", "sales_rollup", "ingest_clickstream", "dbt_nightly", "ml_feature_refresh",
        "s3_to_snowflake", "gcs_export_bq", "partner_feed_sync", "crm_hubspot_pull", "reporting_weekly",
        "kafka_offsets_audit", "backup_postgres", "spark_sessionize", "ads_spend_import", "invoice_pdf_render"]
TASKS = ["extract", "load_stage", "transform", "run_dbt", "notify_slack", "upload_s3", "check_quality",
         "spark_submit", "copy_into", "publish", "fetch_api", "wait_for_file", "cleanup", "render_report"]
CONNS = ["postgres_dwh", "mysql_crm", "snowflake_default", "aws_default", "google_cloud_default",
         "slack_api_default", "http_partner", "mssql_finance", "redis_cache", "sftp_vendor", "ssh_bastion",
         "kafka_prod", "mongo_events", "smtp_default", "azure_blob_logs"]
HOSTS = ["db-prod-01.internal", "pg.dwh.svc.cluster.local", "10.42.7.19", "mysql-crm.eu-west-1.rds.amazonaws.com",
         "sql-fin.database.windows.net", "redis-master.cache.svc", "sftp.vendor-edi.net", "bastion.ops.example.org"]
USERS = ["etl_user", "airflow", "svc_loader", "reporting_ro", "dbt_runner", "analytics", "admin_ops", "ingest"]


def ts_dt():
    return (2026, R.randint(1, 11), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59))


def ts2():
    y, mo, d, h, mi, s = ts_dt()
    return "%04d-%02d-%02d, %02d:%02d:%02d UTC" % (y, mo, d, h, mi, s)


def iso():
    y, mo, d, h, mi, s = ts_dt()
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06d+00:00" % (y, mo, d, h, mi, s, R.randint(0, 999999))


def isoz():
    y, mo, d, h, mi, s = ts_dt()
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (y, mo, d, h, mi, s, R.randint(0, 999999))


def logpfx(src=None):
    src = src or R.choice(["taskinstance.py:1234", "logging_mixin.py:190", "base.py:84", "subprocess.py:93",
                           "python.py:240", "sql.py:512", "http.py:175", "standard_task_runner.py:104"])
    return "[%s] {%s} %s - " % (ts2(), src, R.choice(["INFO", "INFO", "INFO", "WARNING", "DEBUG"]))


def runid():
    y, mo, d, h, mi, s = ts_dt()
    return R.choice(["scheduled", "manual", "backfill", "dataset_triggered"]) + "__%04d-%02d-%02dT%02d:%02d:%02d+00:00" % (y, mo, d, h, mi, s)


ROWS = []


def S(family, fmt, text, secrets, registered=None):
    for s in secrets:
        assert s and s in text, (fmt, s, text)
    r = {"kind": "secret", "family": family, "format": fmt, "text": text, "secrets": list(secrets)}
    if registered:
        r["registered"] = list(registered)
    ROWS.append(r)


def H(family, fmt, text, keyrule=False):
    r = {"kind": "harmless", "family": family, "format": fmt, "text": text, "secrets": []}
    if keyrule:
        r["airflow_key_rule"] = True
    ROWS.append(r)


# ----------------------------------------------------------------------------------------------
# Vendor token formats
# ----------------------------------------------------------------------------------------------
def jwt(alg="HS256", iss="https://auth.internal.example.net/", sig_len=43):
    hdr = b64u(json.dumps({"alg": alg, "typ": "JWT", "kid": hx(16)}, separators=(",", ":")))
    body = b64u(json.dumps({"sub": uuid4(), "iss": iss, "iat": 1760000000 + R.randint(0, 9999999),
                            "exp": 1790000000 + R.randint(0, 9999999), "scope": "dags:read"}, separators=(",", ":")))
    return hdr + "." + body + "." + rs(B64U, sig_len)


BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

VENDORS = [
    # name, generator, key name used in contexts, header style
    ("aws_access_key_id", lambda: "AKIA" + rs(UP + "234567", 16), "AWS_ACCESS_KEY_ID", None),
    ("aws_sts_access_key_id", lambda: "ASIA" + rs(UP + "234567", 16), "aws_access_key_id", None),
    ("aws_secret_access_key", lambda: rs(AN + "/+", 40), "AWS_SECRET_ACCESS_KEY", None),
    ("aws_session_token", lambda: "IQoJb3JpZ2luX2VjE" + rs(B64, 340) + "=", "AWS_SESSION_TOKEN", None),
    ("github_pat_classic", lambda: "ghp_" + rs(AN, 36), "GITHUB_TOKEN", "token"),
    ("github_pat_fine_grained", lambda: "github_pat_11" + rs(UP + DG, 20) + "_" + rs(AN, 59), "GH_PAT", "bearer"),
    ("github_oauth", lambda: "gho_" + rs(AN, 36), "github_oauth", "bearer"),
    ("github_app_installation", lambda: "ghs_" + rs(AN, 36), "GH_INSTALL", "token"),
    ("github_user_to_server", lambda: "ghu_" + rs(AN, 36), "gh_user_cred", "bearer"),
    ("github_refresh", lambda: "ghr_" + rs(AN, 76), "refresh", None),
    ("gitlab_pat", lambda: "glpat-" + rs(AN + "-_", 20), "GITLAB_PAT", "private-token"),
    ("gitlab_runner_token", lambda: "glrt-" + rs(AN + "-_", 20), "runner_registration", None),
    ("gitlab_deploy_token", lambda: "gldt-" + rs(AN + "-_", 20), "deploy_cred", None),
    ("slack_bot_token", lambda: "xoxb-" + digits(11) + "-" + digits(13) + "-" + rs(AN, 24), "SLACK_BOT", "bearer"),
    ("slack_user_token", lambda: "xoxp-" + digits(11) + "-" + digits(11) + "-" + digits(13) + "-" + hx(32), "slack_user", "bearer"),
    ("slack_app_token", lambda: "xapp-1-A" + rs(UP + DG, 10) + "-" + digits(13) + "-" + hx(64), "SLACK_APP_LEVEL", "bearer"),
    ("slack_webhook_url", lambda: "https://hooks.slack.com/services/T" + rs(UP + DG, 10) + "/B" + rs(UP + DG, 10) + "/" + rs(AN, 24), "alerts_endpoint", None),
    ("google_api_key", lambda: "AIza" + rs(AN + "-_", 35), "MAPS_KEY", "x-goog-api-key"),
    ("google_oauth_client_secret", lambda: "GOCSPX-" + rs(AN + "-_", 28), "client_secret", None),
    ("google_oauth_refresh_token", lambda: "1//0" + R.choice("49cg") + rs(AN + "-_", 98), "refresh_tok", None),
    ("google_oauth_access_token", lambda: "ya29.a0" + rs(AN + "-_", 180), "gcp_access", "bearer"),
    ("stripe_live_secret", lambda: "sk_live_51" + rs(AN, 97), "STRIPE_KEY", "bearer"),
    ("stripe_restricted", lambda: "rk_live_51" + rs(AN, 97), "stripe_rk", "bearer"),
    ("stripe_webhook_secret", lambda: "whsec_" + rs(AN, 32), "stripe_endpoint_signing", None),
    ("sendgrid", lambda: "SG." + rs(AN + "-_", 22) + "." + rs(AN + "-_", 43), "SENDGRID_API_KEY", "bearer"),
    ("twilio_auth_token", lambda: hx(32), "TWILIO_AUTH_TOKEN", None),
    ("mailgun", lambda: "key-" + hx(32), "MAILGUN_KEY", None),
    ("mailchimp", lambda: hx(32) + "-us" + str(R.randint(1, 21)), "mailchimp_api", None),
    ("openai_project_key", lambda: "sk-proj-" + rs(AN + "-_", 74) + "T3BlbkFJ" + rs(AN + "-_", 74), "OPENAI_API_KEY", "bearer"),
    ("openai_legacy_key", lambda: "sk-" + rs(AN, 20) + "T3BlbkFJ" + rs(AN, 20), "openai_key", "bearer"),
    ("openai_service_account", lambda: "sk-svcacct-" + rs(AN + "-_", 74) + "T3BlbkFJ" + rs(AN + "-_", 74), "llm_cred", "bearer"),
    ("anthropic", lambda: "sk-ant-api03-" + rs(AN + "-_", 93) + "AA", "ANTHROPIC_API_KEY", "x-api-key"),
    ("huggingface", lambda: "hf_" + rs(UP + LO, 34), "HF_TOKEN", "bearer"),
    ("npm_token", lambda: "npm_" + rs(AN, 36), "NPM_TOKEN", None),
    ("pypi_token", lambda: "pypi-AgEIcHlwaS5vcmcCJ" + rs(B64U, 140), "TWINE_PASSWORD", None),
    ("dockerhub_pat", lambda: "dckr_pat_" + rs(AN + "-_", 27), "DOCKERHUB_PAT", None),
    ("databricks_pat", lambda: "dapi" + hx(32) + R.choice(["", "-2", "-3"]), "DATABRICKS_TOKEN", "bearer"),
    ("datadog_api_key", lambda: hx(32), "DD_API_KEY", "dd-api-key"),
    ("datadog_app_key", lambda: hx(40), "DD_APP_KEY", "dd-application-key"),
    ("newrelic_user_key", lambda: "NRAK-" + rs(UP + DG, 27), "NEW_RELIC_API_KEY", "api-key"),
    ("newrelic_license_key", lambda: hx(36) + "NRAL", "NEW_RELIC_LICENSE_KEY", None),
    ("azure_storage_account_key", lambda: rs(B64, 86) + "==", "AZURE_STORAGE_KEY", None),
    ("azure_ad_client_secret", lambda: rs(AN, 3) + R.choice("78") + "Q~" + rs(AN + "-_.~", 34), "AZURE_CLIENT_SECRET", None),
    ("shopify_admin_token", lambda: "shpat_" + hx(32), "SHOPIFY_ACCESS", "x-shopify-access-token"),
    ("shopify_shared_secret", lambda: "shpss_" + hx(32), "shopify_app_ss", None),
    ("atlassian_api_token", lambda: "ATATT3xFfGF0" + rs(AN + "-_", 170) + "=" + rs(UP + DG, 8), "JIRA_API_TOKEN", None),
    ("digitalocean_pat", lambda: "dop_v1_" + hx(64), "DIGITALOCEAN_TOKEN", "bearer"),
    ("hashicorp_vault_token", lambda: "hvs.CAESI" + rs(AN + "-_", 86), "VAULT_TOKEN", "x-vault-token"),
    ("terraform_cloud_token", lambda: rs(AN, 14) + ".atlasv1." + rs(AN, 67), "TFE_TOKEN", "bearer"),
    ("linear_api_key", lambda: "lin_api_" + rs(AN, 40), "LINEAR_KEY", None),
    ("sentry_user_token", lambda: "sntryu_" + hx(64), "SENTRY_AUTH_TOKEN", "bearer"),
    ("discord_webhook_url", lambda: "https://discord.com/api/webhooks/" + digits(19) + "/" + rs(AN + "-_", 68), "discord_hook", None),
    ("discord_bot_token", lambda: b64(digits(19)).rstrip("=") + "." + rs(B64U, 6) + "." + rs(B64U, 38), "DISCORD_BOT", "bot"),
    ("telegram_bot_token", lambda: digits(10) + ":AA" + rs(AN + "-_", 33), "TELEGRAM_BOT", None),
    ("teams_incoming_webhook", lambda: "https://contoso%d.webhook.office.com/webhookb2/%s@%s/IncomingWebhook/%s/%s/V2%s" % (R.randint(1, 99), uuid4(), uuid4(), hx(32), uuid4(), rs(AN + "-_", 43)), "teams_channel", None),
    ("grafana_service_account", lambda: "glsa_" + rs(AN, 32) + "_" + hx(8), "GRAFANA_SA", "bearer"),
    ("grafana_cloud_token", lambda: "glc_" + b64(json.dumps({"o": str(R.randint(100000, 999999)), "n": "stack-" + str(R.randint(100000, 999999)) + "-hm-read", "k": rs(AN, 24), "m": {"r": "prod-eu-west-2"}}, separators=(",", ":"))), "GRAFANA_CLOUD", "bearer"),
    ("confluent_api_secret", lambda: rs(AN + "+/", 64), "CONFLUENT_SECRET", None),
    ("okta_api_token", lambda: "00" + rs(AN + "-_", 40), "OKTA_API_TOKEN", "ssws"),
    ("heroku_api_key", lambda: "HRKU-AA" + rs(AN + "-_", 58), "HEROKU_API_KEY", "bearer"),
    ("postman_api_key", lambda: "PMAK-" + hx(24) + "-" + hx(34), "POSTMAN_KEY", "x-api-key"),
    ("airtable_pat", lambda: "pat" + rs(AN, 14) + "." + hx(64), "AIRTABLE_PAT", "bearer"),
    ("notion_integration", lambda: "ntn_" + rs(DG, 11) + rs(AN, 35), "NOTION_KEY", "bearer"),
    ("notion_legacy_secret", lambda: "secret_" + rs(AN, 43), "notion_integration", "bearer"),
    ("dropbox_short_lived", lambda: "sl.u.AF" + rs(AN + "-_", 130), "DROPBOX_ACCESS", "bearer"),
    ("square_access_token", lambda: "EAAA" + rs(AN + "-_", 60), "SQUARE_TOKEN", "bearer"),
    ("square_oauth_secret", lambda: "sq0csp-" + rs(AN + "-_", 43), "square_app", None),
    ("age_secret_key", lambda: "AGE-SECRET-KEY-1" + rs(BECH.upper(), 58), "SOPS_AGE_KEY", None),
    ("doppler_service_token", lambda: "dp.st.prd." + rs(AN, 40), "DOPPLER_TOKEN", "bearer"),
    ("pulumi_access_token", lambda: "pul-" + hx(40), "PULUMI_ACCESS_TOKEN", None),
    ("planetscale_password", lambda: "pscale_pw_" + rs(AN + "_-", 43), "PLANETSCALE_DB", None),
    ("supabase_pat", lambda: "sbp_" + hx(40), "SUPABASE_ACCESS", "bearer"),
    ("cloudflare_origin_ca_key", lambda: "v1.0-" + hx(24) + "-" + hx(146), "CF_ORIGIN_CA", "x-auth-user-service-key"),
    ("rubygems_api_key", lambda: "rubygems_" + hx(48), "GEM_HOST_API_KEY", None),
    ("nuget_api_key", lambda: "oy2" + rs(LO + DG, 43), "NUGET_KEY", "x-nuget-apikey"),
    ("alibaba_access_key_id", lambda: "LTAI" + rs(AN, 20), "ALIBABA_CLOUD_ACCESS_KEY_ID", None),
    ("gcs_hmac_secret", lambda: rs(AN + "+/", 40), "gcs_hmac", None),
    ("circleci_pat", lambda: "CCIPAT_" + rs(AN, 22) + "_" + hx(40), "CIRCLE_TOKEN", "circle-token"),
    ("buildkite_token", lambda: "bkua_" + hx(40), "BUILDKITE_API", "bearer"),
    ("jfrog_api_key", lambda: "AKCp" + rs(AN, 69), "ARTIFACTORY_KEY", "x-jfrog-art-api"),
    ("jfrog_reference_token", lambda: "cmVmdGtuOjAxOjE3" + rs(AN, 48), "JFROG_REF", "bearer"),
    ("mapbox_secret_token", lambda: "sk.eyJ1IjoiZGF0YS1vcHMiLCJhIjoi" + rs(AN, 20) + "In0." + rs(B64U, 22), "MAPBOX_DOWNLOADS", None),
    ("firebase_fcm_server_key", lambda: "AAAA" + rs(AN + "-_", 7) + ":APA91b" + rs(AN + "-_", 134), "FCM_SERVER", "key="),
    ("langsmith_key", lambda: "lsv2_pt_" + hx(32) + "_" + hx(10), "LANGSMITH_API_KEY", "x-api-key"),
    ("pinecone_key", lambda: "pcsk_" + rs(AN, 6) + "_" + rs(AN, 63), "PINECONE_API_KEY", "api-key"),
    ("groq_key", lambda: "gsk_" + rs(AN, 52), "GROQ_API_KEY", "bearer"),
    ("replicate_token", lambda: "r8_" + rs(AN, 37), "REPLICATE_API_TOKEN", "bearer"),
    ("dbt_cloud_service_token", lambda: "dbtc_" + rs(AN + "-_", 50), "DBT_CLOUD_TOKEN", "token"),
    ("tailscale_auth_key", lambda: "tskey-auth-k" + rs(AN, 11) + "CNTRL-" + rs(AN, 33), "TS_AUTHKEY", None),
    ("hubspot_private_app", lambda: "pat-na1-" + uuid4(), "HUBSPOT_PAT", "bearer"),
    ("sonarqube_token", lambda: "squ_" + hx(40), "SONAR_TOKEN", None),
    ("netlify_pat", lambda: "nfp_" + rs(AN, 36), "NETLIFY_AUTH", "bearer"),
    ("flyio_token", lambda: "fo1_" + rs(AN + "-_", 43), "FLY_API", "bearer"),
    ("dynatrace_token", lambda: "dt0c01." + rs(UP + DG, 24) + "." + rs(UP + DG, 64), "DT_API_TOKEN", "api-token"),
    ("asana_pat", lambda: "2/" + digits(16) + "/" + digits(16) + ":" + hx(32), "ASANA_PAT", "bearer"),
    ("contentful_pat", lambda: "CFPAT-" + rs(AN + "-_", 43), "CONTENTFUL_MGMT", "bearer"),
    ("figma_pat", lambda: "figd_" + rs(AN + "-_", 40), "FIGMA_PAT", "x-figma-token"),
    ("jwt_bearer", lambda: jwt(), "session_bearer", "bearer"),
    ("elastic_api_key_encoded", lambda: b64(rs(AN + "-_", 20) + ":" + rs(AN + "-_", 22)), "ES_API_KEY", "apikey"),
]

API_HOSTS = ["api.partner-data.io", "api.vendor.example.com", "ingest.metrics.example.net", "rest.saas-crm.example.org"]


def vendor_context(i, name, key, style, v):
    """Return (text, fmt_ctx) placing token v in one of several realistic contexts."""
    conn = R.choice(CONNS)
    c = i % 12
    if c == 0:
        return "%s=%s" % (key, v), "env"
    if c == 1:
        extra = json.dumps({"region": "eu-west-1", key.lower(): v, "timeout": 30})
        return json.dumps({"connection_id": conn, "conn_type": "http", "description": None, "host": R.choice(API_HOSTS),
                           "login": None, "schema": "https", "port": 443, "extra": extra}), "api_conn_extra_string"
    if c == 2:
        return logpfx() + "Calling %s with credential %s (attempt %d)" % (R.choice(API_HOSTS), v, R.randint(1, 3)), "task_log_free"
    if c == 3:
        return "    %s = \"%s\"  # TODO move to Variable" % (key.lower(), v), "dag_source"
    if c == 4:
        hdr = {"bearer": "Authorization: Bearer %s", "token": "Authorization: token %s", "bot": "Authorization: Bot %s",
               "ssws": "Authorization: SSWS %s", "apikey": "Authorization: ApiKey %s", "key=": "Authorization: key=%s"}.get(style)
        if hdr is None:
            hdr = (style or "X-Api-Key") + ": %s"
        return "curl -sS -X GET 'https://%s/v2/status' -H '%s' -H 'Accept: application/json'" % (R.choice(API_HOSTS), hdr % v), "curl_header"
    if c == 5:
        return "  %s:\n    value: \"%s\"\n    rotate_days: 90" % (key.lower(), v), "yaml"
    if c == 6:
        return json.dumps({"key": "return_value", "dag_id": R.choice(DAGS), "task_id": R.choice(TASKS), "map_index": -1,
                           "value": {"status": "ok", "issued": {"id": uuid4(), "value": v}}}), "xcom_json"
    if c == 7:
        return json.dumps({"timestamp": isoz(), "level": "info", "event": "Loaded credential for %s: %s" % (conn, v),
                           "logger": "airflow.task.hooks"}), "af3_structured_log"
    if c == 8:
        return json.dumps({"key": R.choice(["partner_feed_config", "vendor_creds_blob", "integration_settings"]), "value": v,
                           "description": "rotated by platform team", "is_encrypted": True}), "api_variable_value"
    if c == 9:
        return ("Traceback (most recent call last):\n  File \"/opt/airflow/dags/%s.py\", line %d, in fetch\n    resp.raise_for_status()\n"
                "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://%s/v1/export?key=%s&page=2"
                % (R.choice(DAGS), R.randint(20, 300), R.choice(API_HOSTS), v)), "traceback_url_query"
    if c == 10:
        return "export %s='%s'" % (key, v), "shell_export"
    return "<entry key=\"%s\">%s</entry>" % (key.lower(), v), "xml_properties"


def gen_vendors():
    k = 0
    for name, g, key, style in VENDORS:
        n = 4 if name.startswith(("github_pat", "slack_bot", "aws_", "stripe_live", "openai_project", "jwt")) else 3
        for _ in range(n):
            v = g()
            text, _ctx = vendor_context(k, name, key, style, v)
            k += 1 + R.randint(0, 2)
            S("vendor_token", "vendor:" + name, text, [v])


# ----------------------------------------------------------------------------------------------
# Non-vendor secret formats
# ----------------------------------------------------------------------------------------------
WORDS = ("abandon ability able about above absent absorb abstract absurd abuse access accident account accuse achieve "
         "acid acoustic acquire across action actor actual adapt address adjust admit adult advance advice aerobic affair "
         "afford afraid again agent agree ahead airport aisle alarm album alcohol alert alien alley allow almost alone "
         "alpha already alter always amateur amazing among amount amused analyst anchor ancient anger angle angry animal "
         "ankle announce annual another answer antenna antique anxiety apart apology appear apple approve april arch arctic "
         "arena argue armed armor army around arrange arrest arrive arrow artefact artist artwork aspect assault asset "
         "assist assume asthma athlete atom attack attend attitude attract auction audit august author autumn average "
         "avocado avoid awake aware awesome awful awkward axis").split()


def pem(kind, body_bytes, line=64):
    b = b64(bytes(R.getrandbits(8) for _ in range(body_bytes)))
    lines = [b[i:i + line] for i in range(0, len(b), line)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, "\n".join(lines), kind)


def sec_formats():
    F = []  # list of (family, fmt, fn) ; fn returns (text, secrets[, registered])

    def add(family, fmt):
        def deco(fn):
            F.append((family, fmt, fn))
            return fn
        return deco

    # ---------------- password_punct ----------------
    @add("password_punct", "pwd:uri_percent_encoded")
    def _():
        p = pw(punct="@:/#?%&+ ")
        return "sql_alchemy_conn = postgresql+psycopg2://%s:%s@%s:5432/airflow" % (R.choice(USERS), q(p), R.choice(HOSTS)), [q(p)]

    @add("password_punct", "pwd:odbc_braced")
    def _():
        p = pw(punct=";={}!@#") .replace("}", "}}")
        return "Driver={ODBC Driver 18 for SQL Server};Server=tcp:%s,1433;Database=finance;Uid=%s;Pwd={%s};Encrypt=yes;TrustServerCertificate=no;" % (R.choice(HOSTS), R.choice(USERS), p), [p]

    @add("password_punct", "pwd:pgpass_line")
    def _():
        p = pw(punct="!@#$%^&*-_=+.,").replace(":", "")
        return "%s:5432:*:%s:%s" % (R.choice(HOSTS), R.choice(USERS), p), [p]

    @add("password_punct", "pwd:jdbc_param")
    def _():
        p = pw(punct="!#$*-_=.~")
        return "jdbc:sqlserver://%s:1433;databaseName=dwh;user=%s;password=%s;encrypt=true" % (R.choice(HOSTS), R.choice(USERS), p), [p]

    @add("password_punct", "pwd:yaml_single_quoted")
    def _():
        p = pw(punct="'\"#: !@%&*")
        return "postgresql:\n  auth:\n    username: %s\n    password: '%s'\n    database: airflow" % (R.choice(USERS), p.replace("'", "''")), [p.replace("'", "''")]

    @add("password_punct", "pwd:ini_with_spaces")
    def _():
        p = pw(punct=" !#$%&*;", need=3).strip() + "x9"
        return "[client]\nuser = %s\npassword = %s\nhost = %s" % (R.choice(USERS), p, R.choice(HOSTS)), [p]

    @add("password_punct", "pwd:json_escaped_quotes_backslash")
    def _():
        p = pw(punct="\"\\/!@#")
        return json.dumps({"connection_id": R.choice(CONNS), "conn_type": "postgres", "login": R.choice(USERS), "password": p, "port": 5432}), [esc(p)]

    @add("password_punct", "pwd:python_repr_dict")
    def _():
        p = pw(punct="\"!@#$%^&*")
        return logpfx() + "conn params: %r" % ({"host": R.choice(HOSTS), "user": R.choice(USERS), "passwd": p, "db": "crm"},), [repr(p)[1:-1]]

    @add("password_punct", "pwd:xml_escaped")
    def _():
        p = pw(punct="&<>\"'!#")
        e = p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;")
        return "<dataSource>\n  <url>jdbc:postgresql://%s:5432/dwh</url>\n  <username>%s</username>\n  <password>%s</password>\n</dataSource>" % (R.choice(HOSTS), R.choice(USERS), e), [e]

    @add("password_punct", "pwd:mongodb_srv_uri")
    def _():
        p = pw(punct="@:/!$")
        return "MONGO_URI=mongodb+srv://%s:%s@cluster0.%s.mongodb.net/events?retryWrites=true&w=majority" % (R.choice(USERS), q(p), rs(LO + DG, 5)), [q(p)]

    @add("password_punct", "pwd:redis_url_no_user")
    def _():
        p = pw(punct="!*-_.~")
        return "AIRFLOW__CELERY__BROKER_URL=redis://:%s@redis-master.cache.svc:6379/0" % p, [p]

    @add("password_punct", "pwd:unicode_password")
    def _():
        p = rs(AN, 6) + R.choice(["ü", "ß", "é", "ø", "ñ"]) + rs(AN, 4) + R.choice(["§", "£", "€"]) + rs(DG, 3)
        return json.dumps({"login": R.choice(USERS), "password": p, "host": R.choice(HOSTS)}, ensure_ascii=False), [p]

    @add("password_punct", "pwd:unicode_json_escaped")
    def _():
        p = rs(AN, 7) + R.choice(["ü", "ß", "é", "ø", "ñ"]) + rs(AN, 5) + R.choice(["€", "£"]) + rs(DG, 2)
        return json.dumps({"login": R.choice(USERS), "password": p}), [esc(p)]

    @add("password_punct", "pwd:dotenv_double_quoted")
    def _():
        p = pw(punct="$!#&*=' ")
        e = p.replace("$", "\\$")
        return "POSTGRES_PASSWORD=\"%s\"" % e, [e]

    @add("password_punct", "pwd:properties_colon")
    def _():
        p = pw(punct="!#:=@")
        e = p.replace(":", "\\:").replace("=", "\\=").replace("#", "\\#").replace("!", "\\!")
        return "spring.datasource.password=%s\nspring.datasource.username=%s" % (e, R.choice(USERS)), [e]

    @add("password_punct", "pwd:toml")
    def _():
        p = pw(punct="!#$%&*()+,-./:;<=>?@[]^_`{|}~")
        return "[connections.snowflake]\naccount = \"xy%s.eu-central-1\"\nuser = \"%s\"\npassword = \"%s\"" % (rs(DG, 5), R.choice(USERS).upper(), p), [p]

    @add("password_punct", "pwd:short_digits_pin_like")
    def _():
        p = rs(DG, 4) + "-" + rs(LO, 4) + "-" + rs(DG, 4)
        return "smtp_password: %s" % p, [p]

    # ---------------- statement_command ----------------
    @add("statement_command", "stmt:sql_create_user")
    def _():
        p = pw(punct="!#$%&*-_")
        return "[%s] {sql.py:511} INFO - Running statement: CREATE USER %s WITH PASSWORD '%s' VALID UNTIL '2027-01-01';, parameters: None" % (ts2(), R.choice(USERS), p), [p]

    @add("statement_command", "stmt:sql_alter_identified_by")
    def _():
        p = pw(punct="!#$%&*-_")
        return "ALTER USER '%s'@'%%' IDENTIFIED BY \"%s\";" % (R.choice(USERS), p), [p]

    @add("statement_command", "stmt:mysql_set_password")
    def _():
        p = apw()
        return "SET PASSWORD FOR 'reporting_ro'@'10.%%' = '%s';" % p, [p]

    @add("statement_command", "stmt:snowflake_alter_user")
    def _():
        p = pw(punct="!#$%*-_")
        return "ALTER USER %s SET PASSWORD = '%s' MUST_CHANGE_PASSWORD = FALSE;" % (R.choice(USERS).upper(), p), [p]

    @add("statement_command", "stmt:mysql_cli_p")
    def _():
        p = apw()
        return "+ mysql -h %s -u %s -p%s crm -e 'select count(*) from orders'" % (R.choice(HOSTS), R.choice(USERS), p), [p]

    @add("statement_command", "stmt:pgpassword_env_psql")
    def _():
        p = pw(punct="!#%*-_.")
        return "[%s] {subprocess.py:93} INFO - + PGPASSWORD='%s' psql -h %s -U %s -d dwh -c '\\copy stage.orders FROM /tmp/o.csv CSV'" % (ts2(), p, R.choice(HOSTS), R.choice(USERS)), [p]

    @add("statement_command", "stmt:docker_login_stdin")
    def _():
        p = apw(20)
        return "echo '%s' | docker login registry.gitlab.example.com -u deploy --password-stdin" % p, [p]

    @add("statement_command", "stmt:sshpass")
    def _():
        p = pw(punct="!#%*-_.")
        return "sshpass -p '%s' scp -o StrictHostKeyChecking=no /data/export.csv %s@sftp.vendor-edi.net:/inbound/" % (p, R.choice(USERS)), [p]

    @add("statement_command", "stmt:curl_user_colon")
    def _():
        p = pw(punct="!#%*-_.")
        return "curl -sf -u %s:%s https://nexus.internal.example.net/repository/raw/report.csv -o /tmp/report.csv" % (R.choice(USERS), p), [p]

    @add("statement_command", "stmt:redis_cli_a")
    def _():
        p = apw()
        return "redis-cli -h redis-master.cache.svc -p 6379 -a %s --no-auth-warning INFO keyspace" % p, [p]

    @add("statement_command", "stmt:airflow_connections_add")
    def _():
        p = pw(punct="!#%*-_.")
        return "airflow connections add '%s' --conn-type postgres --conn-host %s --conn-login %s --conn-password '%s' --conn-port 5432" % (R.choice(CONNS), R.choice(HOSTS), R.choice(USERS), p), [p]

    @add("statement_command", "stmt:airflow_users_create")
    def _():
        p = pw(punct="!#%*-_.")
        return "airflow users create --username admin --firstname Ops --lastname Team --role Admin --email ops@example.org --password %s" % p, [p]

    @add("statement_command", "stmt:kubectl_from_literal")
    def _():
        p = apw()
        return "kubectl -n airflow create secret generic airflow-db --from-literal=username=airflow --from-literal=password=%s" % p, [p]

    @add("statement_command", "stmt:az_login_sp")
    def _():
        p = rs(AN, 3) + "8Q~" + rs(AN + "-_.~", 34)
        return "az login --service-principal -u %s -p %s --tenant %s" % (uuid4(), p, uuid4()), [p]

    @add("statement_command", "stmt:openssl_passout")
    def _():
        p = apw()
        return "openssl pkcs12 -export -in client.crt -inkey client.key -out client.p12 -passout pass:%s" % p, [p]

    @add("statement_command", "stmt:keytool_storepass")
    def _():
        p = apw()
        return "keytool -importcert -alias kafka-ca -file ca.pem -keystore truststore.jks -storepass %s -noprompt" % p, [p]

    @add("statement_command", "stmt:rabbitmqctl_add_user")
    def _():
        p = apw()
        return "rabbitmqctl add_user airflow_celery %s && rabbitmqctl set_permissions -p / airflow_celery '.*' '.*' '.*'" % p, [p]

    @add("statement_command", "stmt:sqlcmd_P")
    def _():
        p = pw(punct="!#%*-_.")
        return "sqlcmd -S %s -d finance -U %s -P \"%s\" -Q \"EXEC dbo.refresh_ledger\"" % (R.choice(HOSTS), R.choice(USERS), p), [p]

    @add("statement_command", "stmt:smbclient_user_pct")
    def _():
        p = apw()
        return "smbclient //fileserver01/finance -U 'CORP\\svc_airflow%%%s' -c 'get ledger.xlsx /tmp/ledger.xlsx'" % p, [p]

    @add("statement_command", "stmt:net_use_windows")
    def _():
        p = pw(punct="!#%*-_.")
        return "C:\\> net use \\\\fs01.corp.local\\exports %s /user:CORP\\svc_etl /persistent:no" % p, [p]

    @add("statement_command", "stmt:shell_single_quote_escape")
    def _():
        a = apw(8); b = apw(8)
        p = a + "'" + b
        shown = a + "'\\''" + b
        return "+ export DB_PASS='%s'" % shown, [shown]

    @add("statement_command", "stmt:htpasswd_b")
    def _():
        p = apw()
        return "htpasswd -bB /etc/nginx/.htpasswd flower %s" % p, [p]

    @add("statement_command", "stmt:mongosh_password_flag")
    def _():
        p = apw()
        return "mongosh \"mongodb://mongo-0.mongo:27017/events\" --username ingest --password %s --authenticationDatabase admin" % p, [p]

    @add("statement_command", "stmt:lftp_user_comma")
    def _():
        p = apw()
        return "lftp -u edi_upload,%s sftp://sftp.vendor-edi.net -e 'mirror -R /data/out /inbound; bye'" % p, [p]

    @add("statement_command", "stmt:zip_P")
    def _():
        p = apw()
        return "zip -P %s -r /tmp/export_%s.zip /data/export/" % (p, rs(DG, 8)), [p]

    @add("statement_command", "stmt:git_clone_token_url")
    def _():
        t = "glpat-" + rs(AN + "-_", 20)
        return "git clone https://oauth2:%s@gitlab.example.com/data/dags.git /opt/airflow/dags/repo" % t, [t]

    @add("statement_command", "stmt:snowsql_env")
    def _():
        p = apw()
        return "SNOWSQL_PWD=%s snowsql -a xy%s.eu-central-1 -u LOADER -q 'COPY INTO raw.events FROM @stage'" % (p, rs(DG, 5)), [p]

    # ---------------- encoded ----------------
    @add("encoded", "enc:basic_auth_header")
    def _():
        u, p = R.choice(USERS), pw(punct="!#%*-_.")
        e = b64(u + ":" + p)
        return "DEBUG urllib3.connectionpool: send: b'GET /api/v1/export HTTP/1.1\\r\\nHost: %s\\r\\nAuthorization: Basic %s\\r\\n'" % (R.choice(API_HOSTS), e), [e]

    @add("encoded", "enc:k8s_secret_data")
    def _():
        p = apw(); u = R.choice(USERS)
        return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: airflow-%s\n  namespace: airflow\ntype: Opaque\ndata:\n  username: %s\n  password: %s" % (R.choice(["db", "broker", "smtp"]), b64(u), b64(p)), [b64(p)]

    @add("encoded", "enc:k8s_secret_conn_uri")
    def _():
        p = apw()
        uri = "postgresql://%s:%s@%s:5432/dwh" % (R.choice(USERS), p, R.choice(HOSTS))
        return "data:\n  AIRFLOW_CONN_POSTGRES_DWH: %s" % b64(uri), [b64(uri)]

    @add("encoded", "enc:kubeconfig_client_key_data")
    def _():
        k = b64(pem("RSA PRIVATE KEY", 300))
        return "users:\n- name: airflow-deployer\n  user:\n    client-certificate-data: %s\n    client-key-data: %s" % (b64("-----BEGIN CERTIFICATE-----\n" + rs(B64, 120) + "\n-----END CERTIFICATE-----"), k), [k]

    @add("encoded", "enc:kubeconfig_sa_token")
    def _():
        t = jwt(alg="RS256", iss="https://kubernetes.default.svc.cluster.local", sig_len=342)
        return "users:\n- name: airflow-worker\n  user:\n    token: %s" % t, [t]

    @add("encoded", "enc:docker_config_auth")
    def _():
        p = apw(); e = b64("ci-bot:" + p); g = b64("x-access-token:" + "ghp_" + rs(AN, 36))
        return json.dumps({"auths": {"registry.example.com": {"auth": e}, "ghcr.io": {"auth": g}}}), [e, g]

    @add("encoded", "enc:extra_json_in_json_string")
    def _():
        p = pw(punct="\"!#%*-_.")
        extra = json.dumps({"account": "xy" + rs(DG, 5), "warehouse": "LOAD_WH", "private_key_passphrase": p})
        return json.dumps({"connection_id": "snowflake_default", "conn_type": "snowflake", "extra": extra}), [esc(esc(p))]

    @add("encoded", "enc:triple_nested_json")
    def _():
        p = apw() + "\"" + apw(6)
        l1 = json.dumps({"db": {"password": p}})
        l2 = json.dumps({"config": l1})
        l3 = json.dumps({"key": "return_value", "value": l2})
        return l3, [esc(esc(esc(p)))]

    @add("encoded", "enc:percent_encoded_in_query")
    def _():
        p = pw(punct="+/=&%#")
        return "GET /oauth/token?grant_type=password&username=%s&password=%s HTTP/1.1" % (R.choice(USERS), q(p)), [q(p)]

    @add("encoded", "enc:form_urlencoded_body")
    def _():
        s = rs(AN + "-_~.", 40)
        return "POST /oauth2/v2.0/token body: client_id=%s&client_secret=%s&scope=https%%3A%%2F%%2Fgraph.microsoft.com%%2F.default&grant_type=client_credentials" % (uuid4(), q(s)), [q(s)]

    @add("encoded", "enc:gcp_keyfile_dict_escaped_pem")
    def _():
        k = pem("PRIVATE KEY", 600)
        kd = {"type": "service_account", "project_id": "data-prod-%d" % R.randint(100, 999), "private_key_id": hx(40),
              "private_key": k + "\n", "client_email": "airflow@data-prod.iam.gserviceaccount.com"}
        s = json.dumps({"extra__google_cloud_platform__keyfile_dict": json.dumps(kd)})
        return s, [esc(esc(k)), kd["private_key_id"]]

    @add("encoded", "enc:base64_env_blob")
    def _():
        t = "ghp_" + rs(AN, 36)
        blob = b64("GITHUB_TOKEN=%s\nREGION=eu-west-1\n" % t)
        return "ENV_FILE_B64=%s" % blob, [blob]

    @add("encoded", "enc:smtp_auth_plain")
    def _():
        p = apw(); e = b64("\0alerts@example.org\0" + p)
        return "send: 'AUTH PLAIN %s\\r\\n'\nreply: b'235 2.7.0 Authentication successful\\r\\n'" % e, [e]

    @add("encoded", "enc:smtp_auth_login_pw")
    def _():
        p = apw(); e = b64(p)
        return "send: 'AUTH LOGIN YWxlcnRzQGV4YW1wbGUub3Jn\\r\\n'\nreply: b'334 UGFzc3dvcmQ6\\r\\n'\nsend: '%s\\r\\n'" % e, [e]

    @add("encoded", "enc:url_and_raw_same_value")
    def _():
        p = pw(punct="@/:!#")
        return logpfx() + "conn uri=mysql://%s:%s@%s/crm ; login password (raw) %s" % (R.choice(USERS), q(p), R.choice(HOSTS), p), [q(p), p]

    @add("encoded", "enc:helm_values_base64")
    def _():
        f = b64(bytes(R.getrandbits(8) for _ in range(32))).replace("+", "-").replace("/", "_")
        w = hx(32)
        return "fernetKey: %s\nwebserverSecretKey: %s" % (b64(f), w), [b64(f), w]

    # ---------------- split_webhook ----------------
    @add("split_webhook", "split:slack_concat_python")
    def _():
        t, b, tok = "T" + rs(UP + DG, 10), "B" + rs(UP + DG, 10), rs(AN, 24)
        return "SLACK_HOOK = (\n    \"https://hooks.slack.com/services/\"\n    \"%s/%s/\"\n    \"%s\"\n)" % (t, b, tok), [tok]

    @add("split_webhook", "split:slack_http_conn_password")
    def _():
        tok = "/T" + rs(UP + DG, 10) + "/B" + rs(UP + DG, 10) + "/" + rs(AN, 24)
        return json.dumps({"connection_id": "slack_webhook_alerts", "conn_type": "slackwebhook", "host": "https://hooks.slack.com/services", "password": tok}), [tok]

    @add("split_webhook", "split:log_wrapped_token")
    def _():
        tok = rs(AN, 24)
        head = "https://hooks.slack.com/services/T%s/B%s/" % (rs(UP + DG, 10), rs(UP + DG, 10))
        cut = R.randint(8, 14)
        return logpfx("slack_webhook.py:88") + "Posting to " + head + tok[:cut] + "\n" + tok[cut:] + " payload_size=412", [tok[:cut], tok[cut:]]

    @add("split_webhook", "split:teams_fstring")
    def _():
        a, b = hx(32), "V2" + rs(AN + "-_", 43)
        return "base = \"https://contoso.webhook.office.com/webhookb2\"\nurl = f\"{base}/%s@%s/IncomingWebhook/%s/%s/%s\"" % (uuid4(), uuid4(), a, uuid4(), b), [a, b]

    @add("split_webhook", "split:discord_env_parts")
    def _():
        tid, tok = digits(19), rs(AN + "-_", 68)
        return "DISCORD_WEBHOOK_ID=%s\nDISCORD_WEBHOOK_TOKEN=%s" % (tid, tok), [tok]

    @add("split_webhook", "split:generic_sig_query")
    def _():
        s = hx(64)
        return "POST https://hooks.zapier.com/hooks/catch/%s/%s/?sig=%s&ts=%d" % (digits(8), rs(LO + DG, 7), s, 1760000000 + R.randint(0, 9999999)), [s]

    @add("split_webhook", "split:slack_url_json_escaped")
    def _():
        tok = rs(AN, 24)
        u = "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(UP + DG, 10), rs(UP + DG, 10), tok)
        return json.dumps({"key": "alerting", "value": json.dumps({"channel": "#data-alerts", "endpoint": u})}), [esc(u)]

    @add("split_webhook", "split:google_chat_webhook")
    def _():
        k, t = "AIza" + rs(AN + "-_", 35), rs(AN + "-_", 43) + "%3D"
        return "https://chat.googleapis.com/v1/spaces/AAAA%s/messages?key=%s&token=%s" % (rs(AN, 7), k, t), [k, t]

    # ---------------- random_purpose_name ----------------
    def rp(key, val, fmt):
        @add("random_purpose_name", "purpose:" + fmt)
        def _():
            v = val()
            c = R.randint(0, 2)
            if c == 0:
                return "%s = \"%s\"" % (key, v), [v]
            if c == 1:
                return json.dumps({key: v, "created_by": "platform", "version": R.randint(1, 9)}), [v]
            return "%s: %s" % (key, v), [v]

    rp("session_cookie_seed", lambda: rs(B64U, 43), "cookie_seed")
    rp("signing_salt", lambda: hx(32), "signing_salt")
    rp("hmac_material", lambda: b64(bytes(R.getrandbits(8) for _ in range(32))), "hmac_material")
    rp("fernet_key", lambda: b64(bytes(R.getrandbits(8) for _ in range(32))).replace("+", "-").replace("/", "_"), "fernet_key")
    rp("unlock_code", lambda: rs(UP + DG, 5) + "-" + rs(UP + DG, 5) + "-" + rs(UP + DG, 5), "unlock_code")
    rp("seed_phrase", lambda: " ".join(R.choice(WORDS) for _ in range(12)), "bip39_mnemonic_12")
    rp("mnemonic", lambda: " ".join(R.choice(WORDS) for _ in range(24)), "bip39_mnemonic_24")
    rp("totp_seed", lambda: rs("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 32), "totp_base32")
    rp("backup_codes", lambda: ", ".join(rs(DG, 4) + "-" + rs(DG, 4) for _ in range(6)), "backup_codes")
    rp("enc_material", lambda: hx(64), "aes256_hex")
    rp("license_blob", lambda: rs(UP + DG, 5) + "-" + "-".join(rs(UP + DG, 5) for _ in range(4)), "license_code")
    rp("jwt_signing_material", lambda: rs(AN, 48), "jwt_hs_material")
    rp("webhook_verifier", lambda: rs(AN, 32), "webhook_verifier")
    rp("wg_peer_priv", lambda: b64(bytes(R.getrandbits(8) for _ in range(32))), "wireguard_priv")
    rp("bootstrap_pin", lambda: rs(DG, 8), "numeric_pin8")
    rp("invite_link_code", lambda: rs(AN, 22), "invite_code")
    rp("cipher_iv_seed", lambda: hx(32), "iv_seed")
    rp("flower_basic", lambda: "admin:" + apw(), "flower_basic_auth")

    # ---------------- airflow_context ----------------
    @add("airflow_context", "af:conn_env_uri")
    def _():
        p = pw(punct="!*-_.~")
        return "AIRFLOW_CONN_%s='postgres://%s:%s@%s:5432/dwh?sslmode=require'" % (R.choice(CONNS).upper(), R.choice(USERS), p, R.choice(HOSTS)), [p]

    @add("airflow_context", "af:conn_env_json")
    def _():
        p = pw(punct="!*-_.~#")
        return "AIRFLOW_CONN_MSSQL_FINANCE='%s'" % json.dumps({"conn_type": "mssql", "login": "svc_fin", "password": p, "host": "sql-fin.database.windows.net", "port": 1433}), [p]

    @add("airflow_context", "af:connections_get_table")
    def _():
        p = apw()
        return ("id | conn_id   | conn_type | host               | schema | login   | password | port\n"
                "7  | mysql_crm | mysql     | mysql-crm.internal | crm    | crm_etl | %s | 3306\n"
                "get_uri: mysql://crm_etl:%s@mysql-crm.internal:3306/crm" % (p, p)), [p]

    @add("airflow_context", "af:variables_get_cli")
    def _():
        v = apw(28)
        return "$ airflow variables get partner_sftp_pw\n%s" % v, [v], [v]

    @add("airflow_context", "af:api_v1_variable_sensitive_clear")
    def _():
        v = pw(punct="!#*-_.")
        return json.dumps({"key": "warehouse_db_password", "value": v, "description": "loader account"}), [v]

    @add("airflow_context", "af:api_v2_connection_unmasked")
    def _():
        p = pw(punct="!#*-_.")
        return json.dumps({"connection_id": R.choice(CONNS), "conn_type": "postgres", "description": "", "host": R.choice(HOSTS), "login": R.choice(USERS),
                           "schema": "dwh", "port": 5432, "password": p, "extra": "{\"sslmode\": \"require\"}", "team_name": None}), [p]

    @add("airflow_context", "af:extra_nonsensitive_key")
    def _():
        v = rs(AN, 40)
        return json.dumps({"connection_id": "http_partner", "conn_type": "http", "host": "api.partner-data.io",
                           "extra": json.dumps({"partner_feed_credentials": v, "verify": True})}), [v]

    @add("airflow_context", "af:rendered_template_bash")
    def _():
        p = apw()
        return "[%s] {subprocess.py:75} INFO - Running command: ['/usr/bin/bash', '-c', 'pg_dump \"postgresql://backup:%s@%s/dwh\" | gzip > /backups/dwh.sql.gz']" % (ts2(), p, R.choice(HOSTS)), [p]

    @add("airflow_context", "af:rendered_fields_api")
    def _():
        a = "AKIA" + rs(UP + "234567", 16); s = rs(AN + "/+", 40)
        return json.dumps({"task_id": "copy_into", "dag_id": "s3_to_snowflake", "dag_run_id": runid(), "map_index": -1,
                           "rendered_fields": {"sql": "COPY INTO raw.orders FROM 's3://raw-bucket/orders/' CREDENTIALS=(AWS_KEY_ID='%s' AWS_SECRET_KEY='%s') FILE_FORMAT=(TYPE=PARQUET)" % (a, s)}}), [a, s]

    @add("airflow_context", "af:spark_submit_conf")
    def _():
        a = "AKIA" + rs(UP + "234567", 16); s = rs(AN + "/+", 40)
        return "[%s] {spark_submit.py:474} INFO - Spark-Submit cmd: spark-submit --master k8s://https://kubernetes.default.svc --conf spark.hadoop.fs.s3a.access.key=%s --conf spark.hadoop.fs.s3a.secret.key=%s --name sessionize local:///opt/app/job.py" % (ts2(), a, s), [a, s]

    @add("airflow_context", "af:bash_xtrace_export")
    def _():
        p = apw()
        return "[%s] {subprocess.py:93} INFO - ++ export SNOWFLAKE_PASSWORD=%s" % (ts2(), p), [p]

    @add("airflow_context", "af:kpo_env_dump")
    def _():
        p = apw()
        return "[%s] {pod.py:1021} INFO - Pod spec env: [{'name': 'DB_HOST', 'value': 'pg.dwh.svc'}, {'name': 'DB_CRED', 'value': '%s', 'value_from': None}]" % (ts2(), p), [p]

    @add("airflow_context", "af:config_dump_sql_alchemy")
    def _():
        p = apw()
        return "[database]\nsql_alchemy_conn = postgresql+psycopg2://airflow:%s@airflow-pg:5432/airflow\nsql_alchemy_pool_size = 5" % p, [p]

    @add("airflow_context", "af:config_api_json_clear")
    def _():
        f = b64(bytes(R.getrandbits(8) for _ in range(32))).replace("+", "-").replace("/", "_")
        return json.dumps({"sections": [{"name": "core", "options": [{"key": "dags_folder", "value": "/opt/airflow/dags"}, {"key": "fernet_key", "value": f}]}]}), [f]

    @add("airflow_context", "af:celery_result_backend")
    def _():
        p = apw()
        return "AIRFLOW__CELERY__RESULT_BACKEND=db+postgresql://airflow:%s@airflow-pg:5432/airflow" % p, [p]

    @add("airflow_context", "af:webserver_secret_key_env")
    def _():
        k = hx(32)
        return "AIRFLOW__WEBSERVER__SECRET_KEY=%s" % k, [k]

    @add("airflow_context", "af:api_auth_jwt_secret")
    def _():
        k = rs(B64U, 43)
        return "[api_auth]\njwt_secret = %s\njwt_expiration_time = 86400" % k, [k]

    @add("airflow_context", "af:import_error_trace")
    def _():
        p = apw()
        return json.dumps({"import_error_id": R.randint(1, 400), "timestamp": iso(), "filename": "/opt/airflow/dags/legacy_sync.py",
                           "stack_trace": "Traceback (most recent call last):\n  File \"/opt/airflow/dags/legacy_sync.py\", line 12, in <module>\n    engine = create_engine(\"mysql://root:%s@10.0.3.7/legacy\")\nsqlalchemy.exc.OperationalError: (2003, \"Can't connect to MySQL server\")" % p}), [p]

    @add("airflow_context", "af:event_log_extra")
    def _():
        p = apw()
        return json.dumps({"event_log_id": R.randint(1000, 99999), "when": iso(), "dag_id": None, "task_id": None, "event": "connection.create", "owner": "admin",
                           "extra": "{\"conn_id\": \"sftp_vendor\", \"conn_type\": \"sftp\", \"login\": \"edi\", \"psw\": \"%s\"}" % p}), [p]

    @add("airflow_context", "af:xcom_return_creds")
    def _():
        p = rs(AN + "/+", 40); a = "ASIA" + rs(UP + "234567", 16); t = "IQoJb3JpZ2luX2VjE" + rs(B64, 300)
        return json.dumps({"key": "return_value", "value": {"Credentials": {"AccessKeyId": a, "SecretAccessKey": p, "SessionToken": t, "Expiration": isoz()}}}), [a, p, t]

    @add("airflow_context", "af:hook_debug_extra")
    def _():
        k = rs(AN, 32)
        return "[%s] {base.py:84} INFO - Retrieving connection 'http_partner'\n[%s] {http.py:120} DEBUG - Sending 'GET' to url: https://api.partner-data.io/v3/items?apikey=%s" % (ts2(), ts2(), k), [k]

    @add("airflow_context", "af:smtp_conn_uri")
    def _():
        p = pw(punct="!*-_.~")
        return "AIRFLOW_CONN_SMTP_DEFAULT=smtps://alerts%%40example.org:%s@smtp.office365.com:587" % p, [p]

    @add("airflow_context", "af:secrets_backend_kwargs")
    def _():
        t = "hvs.CAESI" + rs(AN + "-_", 86)
        return "AIRFLOW__SECRETS__BACKEND_KWARGS={\"connections_path\": \"connections\", \"url\": \"https://vault.internal:8200\", \"token\": \"%s\"}" % t, [t]

    @add("airflow_context", "af:wasb_conn_string_extra")
    def _():
        k = rs(B64, 86) + "=="
        return json.dumps({"connection_id": "azure_blob_logs", "conn_type": "wasb", "extra": json.dumps({"connection_string": "DefaultEndpointsProtocol=https;AccountName=aflogs%s;AccountKey=%s;EndpointSuffix=core.windows.net" % (rs(DG, 3), k)})}), [k]

    @add("airflow_context", "af:sftp_private_key_extra")
    def _():
        k = pem("OPENSSH PRIVATE KEY", 400, 70)
        return json.dumps({"connection_id": "sftp_vendor", "extra": json.dumps({"private_key": k, "no_host_key_check": "true"})}), [esc(esc(k))]

    @add("airflow_context", "af:af3_log_ndjson_password")
    def _():
        p = apw()
        return json.dumps({"timestamp": isoz(), "level": "info", "event": "Connecting with dsn host=%s user=loader password=%s dbname=dwh" % (R.choice(HOSTS), p), "logger": "task.stdout"}), [p]

    @add("airflow_context", "af:dbt_profiles_rendered")
    def _():
        p = apw()
        return "dwh:\n  target: prod\n  outputs:\n    prod:\n      type: postgres\n      host: %s\n      user: dbt_runner\n      pass: %s\n      dbname: analytics" % (R.choice(HOSTS), p), [p]

    # ---------------- registered ----------------
    @add("registered", "reg:bare_stdout_line")
    def _():
        p = apw(18)
        return logpfx("subprocess.py:93") + p, [p], [p]

    @add("registered", "reg:csv_row")
    def _():
        p = apw(16)
        return "account;value;rotated;status\nsvc_loader;%s;2026-%02d-%02d;active" % (p, R.randint(1, 12), R.randint(1, 28)), [p], [p]

    @add("registered", "reg:echoed_as_name")
    def _():
        p = apw(16)
        return logpfx() + "Created temporary table tmp_%s with 1204 rows" % p, [p], [p]

    @add("registered", "reg:file_path_component")
    def _():
        p = apw(20)
        return logpfx() + "Uploaded /tmp/stage/%s/part-0000.parquet to s3://raw-bucket/in/" % p, [p], [p]

    @add("registered", "reg:error_message_echo")
    def _():
        p = apw(14)
        return "psycopg2.OperationalError: invalid option value \"%s\" for option ssl_min_protocol_version" % p, [p], [p]

    @add("registered", "reg:short_word_password")
    def _():
        p = R.choice(["Summer", "Winter", "Falcon", "Orange", "Monday"]) + rs(DG, 4) + R.choice("!?#")
        return logpfx() + "login attempt for crm_etl using %s rejected" % p, [p], [p]

    @add("registered", "reg:xcom_unkeyed_list")
    def _():
        p = apw(20)
        return json.dumps({"key": "return_value", "value": ["orders", R.randint(1, 9999), p, isoz()]}), [p], [p]

    @add("registered", "reg:url_path_segment")
    def _():
        p = apw(22)
        return logpfx("http.py:175") + "GET https://api.partner-data.io/v3/feeds/%s/items?page=%d -> 200" % (p, R.randint(1, 40)), [p], [p]

    @add("registered", "reg:sql_comment")
    def _():
        p = apw(16)
        return "-- generated for %s\nSELECT id, amount FROM ledger WHERE batch = 'b%d';" % (p, R.randint(100, 999)), [p], [p]

    @add("registered", "reg:kpo_args_list")
    def _():
        p = pw(punct="!#%*-_.", n=18)
        return logpfx("pod.py:550") + "Container args: ['--source', 'crm', '%s', '--since', '2026-03-01']" % p, [p], [p]

    # ---------------- other ----------------
    @add("other", "other:pem_rsa_private_key")
    def _():
        k = pem("RSA PRIVATE KEY", 900)
        return "$ cat /opt/airflow/keys/deploy.pem\n" + k, [k]

    @add("other", "other:pem_ec_private_key")
    def _():
        k = pem("EC PRIVATE KEY", 121)
        return "tls.key: |\n  " + k.replace("\n", "\n  "), [k.replace("\n", "\n  ")]

    @add("other", "other:pem_openssh_private_key")
    def _():
        k = pem("OPENSSH PRIVATE KEY", 380, 70)
        return k, [k]

    @add("other", "other:pem_encrypted_pkcs8")
    def _():
        k = pem("ENCRYPTED PRIVATE KEY", 1250)
        return "snowflake rsa key (pkcs8):\n" + k, [k]

    @add("other", "other:pgp_private_block")
    def _():
        b = b64(bytes(R.getrandbits(8) for _ in range(700)))
        k = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + "\n".join(b[i:i + 64] for i in range(0, len(b), 64)) + "\n=" + rs(B64, 4) + "\n-----END PGP PRIVATE KEY BLOCK-----"
        return k, [k]

    @add("other", "other:putty_ppk")
    def _():
        pub = b64(bytes(R.getrandbits(8) for _ in range(51)))
        priv = b64(bytes(R.getrandbits(8) for _ in range(48)))
        return "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: svc-airflow\nPublic-Lines: 2\n%s\n%s\nPrivate-Lines: 1\n%s\nPrivate-MAC: %s" % (pub[:64], pub[64:], priv, hx(64)), [priv]

    @add("other", "other:npmrc_authtoken")
    def _():
        t = "npm_" + rs(AN, 36)
        return "//registry.npmjs.org/:_authToken=%s\nalways-auth=true" % t, [t]

    @add("other", "other:pypirc_password")
    def _():
        p = apw()
        return "[internal]\nrepository = https://nexus.example.net/repository/pypi-internal/\nusername = deploy\npassword = %s" % p, [p]

    @add("other", "other:pip_index_url_token")
    def _():
        t = rs(LO + DG, 52)
        return "PIP_EXTRA_INDEX_URL=https://build:%s@pkgs.dev.azure.com/contoso/_packaging/feed/pypi/simple/" % t, [t]

    @add("other", "other:netrc")
    def _():
        p = apw()
        return "machine api.partner-data.io\n  login feeduser\n  password %s" % p, [p]

    @add("other", "other:git_credentials_store")
    def _():
        t = "ghp_" + rs(AN, 36)
        return "https://airflow-bot:%s@github.com" % t, [t]

    @add("other", "other:ldap_bind")
    def _():
        p = apw()
        return "AUTH_LDAP_BIND_USER = \"cn=svc-airflow,ou=svc,dc=corp,dc=local\"\nAUTH_LDAP_BIND_PASSWORD = \"%s\"" % p, [p]

    @add("other", "other:ftp_pass_command")
    def _():
        p = apw()
        return "*cmd* 'USER edi'\n*resp* '331 Password required for edi'\n*cmd* 'PASS %s'\n*resp* '230 User edi logged in'" % p, [p]

    @add("other", "other:imap_login")
    def _():
        p = apw()
        return "  00:01.52 > b'ABCD1 LOGIN reports@example.org \"%s\"'" % p, [p]

    @add("other", "other:redis_auth_monitor")
    def _():
        p = apw()
        return "1767110000.123456 [0 10.42.3.9:51344] \"AUTH\" \"%s\"" % p, [p]

    @add("other", "other:snmp_community")
    def _():
        c = apw(16)
        return "snmpwalk -v2c -c %s 10.20.0.1 1.3.6.1.2.1.1" % c, [c]

    @add("other", "other:otpauth_uri")
    def _():
        s = rs("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 32)
        return "otpauth://totp/Airflow:admin?secret=%s&issuer=Airflow&digits=6" % s, [s]

    @add("other", "other:recovery_codes_block")
    def _():
        codes = [rs(LO + DG, 5) + "-" + rs(LO + DG, 5) for _ in range(4)]
        return "GitHub recovery codes for airflow-bot:\n" + "\n".join(codes), codes

    @add("other", "other:wireguard_conf")
    def _():
        k = b64(bytes(R.getrandbits(8) for _ in range(32)))
        return "[Interface]\nPrivateKey = %s\nAddress = 10.9.0.2/32\n\n[Peer]\nPublicKey = %s\nEndpoint = vpn.example.org:51820" % (k, b64(bytes(R.getrandbits(8) for _ in range(32)))), [k]

    @add("other", "other:bcrypt_htpasswd_hash")
    def _():
        h = "$2y$05$" + rs(AN + "./", 53)
        return "flower:%s" % h, [h]

    @add("other", "other:set_cookie_session")
    def _():
        c = rs(B64U, 60) + "." + rs(B64U, 6) + "." + rs(B64U, 27)
        return "< Set-Cookie: session=%s; HttpOnly; Path=/; SameSite=Lax" % c, [c]

    @add("other", "other:oauth_token_response")
    def _():
        a, r = rs(AN, 40), rs(AN, 48)
        return json.dumps({"access_token": a, "token_type": "Bearer", "expires_in": 3600, "refresh_token": r, "scope": "read write"}), [a, r]

    @add("other", "other:java_stacktrace_jdbc")
    def _():
        p = apw()
        return "java.sql.SQLException: Access denied for user 'etl'@'10.0.4.2' (using password: YES)\n\tat com.mysql.cj.jdbc.ConnectionImpl.createNewIO(ConnectionImpl.java:836)\nCaused by: url=jdbc:mysql://10.0.4.2:3306/crm?user=etl&password=%s" % p, [p]

    @add("other", "other:go_dsn")
    def _():
        p = pw(punct="!#*-_.")
        return "DSN=\"%s:%s@tcp(mysql-crm:3306)/crm?parseTime=true\"" % (R.choice(USERS), p), [p]

    @add("other", "other:node_env_config")
    def _():
        p = apw()
        return "module.exports = { db: { host: 'pg', user: 'api', pass: '%s' }, port: 8080 };" % p, [p]

    @add("other", "other:terraform_tfvars")
    def _():
        p = apw()
        return "db_master_credential = \"%s\"\ninstance_class       = \"db.r6g.large\"" % p, [p]

    @add("other", "other:compose_environment")
    def _():
        p = apw()
        return "services:\n  postgres:\n    image: postgres:16\n    environment:\n      - POSTGRES_USER=airflow\n      - POSTGRES_PASSWORD=%s" % p, [p]

    @add("other", "other:kafka_sasl_jaas")
    def _():
        p = rs(AN + "+/", 64)
        return "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%s\" password=\"%s\";" % (rs(UP + DG, 16), p), [p]

    @add("other", "other:amqp_url")
    def _():
        p = apw()
        return "broker_url = amqp://airflow:%s@rabbitmq.queue.svc:5672/airflow" % p, [p]

    @add("other", "other:ssh_password_prompt_typed")
    def _():
        p = apw()
        return "expect \"password:\"\nsend \"%s\\r\"" % p, [p]

    @add("other", "other:vnc_password")
    def _():
        p = apw(8)
        return "x11vnc -display :0 -passwd %s -forever" % p, [p]

    @add("other", "other:pkcs12_base64")
    def _():
        b = b64(b"\x30\x82" + bytes(R.getrandbits(8) for _ in range(600)))
        return "client_p12_b64: %s" % b, [b]

    @add("other", "other:sig_v4_presigned_url")
    def _():
        t = "IQoJb3JpZ2luX2VjE" + rs(B64, 300)
        return "https://raw-bucket.s3.eu-west-1.amazonaws.com/exports/file.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIA%s%%2F20260301%%2Feu-west-1%%2Fs3%%2Faws4_request&X-Amz-Date=20260301T101500Z&X-Amz-Expires=3600&X-Amz-Security-Token=%s&X-Amz-SignedHeaders=host&X-Amz-Signature=%s" % (rs(UP + "234567", 16), q(t), hx(64)), [q(t)]

    @add("other", "other:azure_sas_sig")
    def _():
        sig = q(rs(B64, 43) + "=")
        return "https://aflogs.blob.core.windows.net/logs?sv=2022-11-02&ss=b&srt=sco&sp=rwl&se=2027-01-01T00:00:00Z&st=2026-01-01T00:00:00Z&spr=https&sig=%s" % sig, [sig]

    @add("other", "other:windows_credential_cmdkey")
    def _():
        p = pw(punct="!#*-_.")
        return "cmdkey /generic:TERMSRV/report-srv01 /user:CORP\\svc_rpt /pass:%s" % p, [p]

    @add("other", "other:http_dump_cookie_header")
    def _():
        c = hx(64)
        return "> GET /api/v2/dags HTTP/1.1\n> Host: airflow.example.org\n> Cookie: _token=%s; theme=dark" % c, [c]

    @add("other", "other:hex_api_secret_generic")
    def _():
        s = hx(64)
        return "partner.hmac.shared=%s" % s, [s]

    return F


def gen_secret_formats():
    F = sec_formats()
    for family, fmt, fn in F:
        n = 4
        if family == "registered":
            n = 4
        for _ in range(n):
            out = fn()
            text, secs = out[0], out[1]
            reg = out[2] if len(out) > 2 else None
            S(family, fmt, text, secs, reg)


# ----------------------------------------------------------------------------------------------
# Harmless lines
# ----------------------------------------------------------------------------------------------
def sha256():
    return hx(64)


def gitsha():
    return hx(40)


def podname(prefix):
    return "%s-%s-%s" % (prefix, rs("bcdfghjklmnpqrstvwxz2456789", 10), rs("bcdfghjklmnpqrstvwxz2456789", 5))


def harmless():
    T = []  # (family, fmt, fn, keyrule)

    def add(family, fmt, keyrule=False):
        def deco(fn):
            T.append((family, fmt, fn, keyrule))
            return fn
        return deco

    # ---- api_json ----
    @add("api_json", "api:dag_v1")
    def _():
        d = R.choice(DAGS)
        return json.dumps({"dag_id": d, "root_dag_id": None, "is_paused": R.choice([True, False]), "is_active": True, "is_subdag": False,
                           "last_parsed_time": iso(), "fileloc": "/opt/airflow/dags/%s.py" % d,
                           "owners": ["data-eng"], "description": None, "schedule_interval": {"__type": "CronExpression", "value": "0 3 * * *"},
                           "tags": [{"name": "etl"}], "max_active_runs": 1, "has_import_errors": False})

    @add("api_json", "api:dag_v2")
    def _():
        d = R.choice(DAGS)
        return json.dumps({"dag_id": d, "dag_display_name": d, "is_paused": False, "is_stale": False, "last_parsed_time": isoz(),
                           "bundle_name": "dags-folder", "bundle_version": None, "relative_fileloc": d + ".py", "fileloc": "/opt/airflow/dags/" + d + ".py",
                           "timetable_summary": R.choice(["@daily", "0 */6 * * *", "None", "Dataset"]), "max_active_tasks": 16, "owners": ["airflow"], "tags": []})

    @add("api_json", "api:dag_run")
    def _():
        return json.dumps({"dag_run_id": runid(), "dag_id": R.choice(DAGS), "logical_date": isoz(), "queued_at": isoz(), "start_date": isoz(),
                           "end_date": isoz(), "state": R.choice(["success", "failed", "running", "queued"]), "run_type": "scheduled",
                           "conf": {}, "note": None, "triggered_by": "timetable", "dag_versions": [{"id": uuid4(), "version_number": R.randint(1, 40), "bundle_version": gitsha()}]})

    @add("api_json", "api:task_instance")
    def _():
        return json.dumps({"id": uuid4(), "task_id": R.choice(TASKS), "dag_id": R.choice(DAGS), "dag_run_id": runid(), "map_index": -1,
                           "start_date": isoz(), "end_date": isoz(), "duration": round(R.random() * 900, 3), "state": "success", "try_number": R.randint(1, 3),
                           "max_tries": 2, "hostname": podname("airflow-worker"), "pool": "default_pool", "queue": "default", "priority_weight": R.randint(1, 20),
                           "operator": R.choice(["PythonOperator", "BashOperator", "SQLExecuteQueryOperator", "KubernetesPodOperator"]), "pid": R.randint(100, 99999),
                           "executor_config": "{}", "unixname": "airflow"})

    @add("api_json", "api:xcom_entry")
    def _():
        return json.dumps({"key": "return_value", "timestamp": isoz(), "logical_date": isoz(), "map_index": -1, "task_id": R.choice(TASKS), "dag_id": R.choice(DAGS),
                           "value": {"rows_loaded": R.randint(0, 2000000), "s3_key": "s3://raw-bucket/orders/dt=2026-03-%02d/part-%05d-%s.c000.snappy.parquet" % (R.randint(1, 28), R.randint(0, 99), uuid4()), "etag": "\"%s\"" % hx(32)}})

    @add("api_json", "api:variable_harmless")
    def _():
        k = R.choice(["env", "batch_size", "target_schema", "s3_landing_prefix", "retention_days", "partner_list", "feature_flags"])
        v = R.choice(["prod", str(R.randint(100, 50000)), "analytics_stage", "s3://landing-%s/in/" % rs(LO, 6), json.dumps({"enable_v2": True, "sample": 0.1})])
        return json.dumps({"key": k, "value": v, "description": None, "is_encrypted": False})

    @add("api_json", "api:connection_list_v1")
    def _():
        return json.dumps({"connections": [{"connection_id": c, "conn_type": t, "description": "", "host": R.choice(HOSTS), "login": R.choice(USERS), "schema": "", "port": p}
                                           for c, t, p in [(R.choice(CONNS), "postgres", 5432), (R.choice(CONNS), "http", 443)]], "total_entries": R.randint(2, 60)})

    @add("api_json", "api:import_error")
    def _():
        d = R.choice(DAGS)
        return json.dumps({"import_error_id": R.randint(1, 500), "timestamp": iso(), "filename": "/opt/airflow/dags/%s.py" % d,
                           "stack_trace": "Traceback (most recent call last):\n  File \"/opt/airflow/dags/%s.py\", line %d, in <module>\n    from plugins.utils import build_tasks\nModuleNotFoundError: No module named 'plugins.utils'" % (d, R.randint(1, 90))})

    @add("api_json", "api:event_log")
    def _():
        return json.dumps({"event_log_id": R.randint(1, 999999), "when": iso(), "dag_id": R.choice(DAGS), "task_id": R.choice(TASKS), "run_id": runid(),
                           "map_index": -1, "try_number": 1, "event": R.choice(["running", "success", "trigger", "paused", "cli_task_run"]), "logical_date": iso(), "owner": "airflow", "extra": None})

    @add("api_json", "api:pool")
    def _():
        return json.dumps({"name": R.choice(["default_pool", "snowflake_pool", "api_rate_limited"]), "slots": R.randint(4, 128), "occupied_slots": R.randint(0, 4),
                           "running_slots": R.randint(0, 4), "queued_slots": R.randint(0, 9), "scheduled_slots": 0, "open_slots": R.randint(0, 100), "deferred_slots": 0, "description": None, "include_deferred": False})

    @add("api_json", "api:health")
    def _():
        return json.dumps({"metadatabase": {"status": "healthy"}, "scheduler": {"status": "healthy", "latest_scheduler_heartbeat": isoz()},
                           "triggerer": {"status": "healthy", "latest_triggerer_heartbeat": isoz()}, "dag_processor": None})

    @add("api_json", "api:version")
    def _():
        return json.dumps({"version": R.choice(["2.10.5", "2.11.0", "3.0.2", "3.1.8", "3.2.0"]), "git_version": ".release:" + gitsha()})

    @add("api_json", "api:asset_event")
    def _():
        return json.dumps({"id": R.randint(1, 99999), "asset_id": R.randint(1, 300), "uri": "s3://lake-curated/orders/%s" % R.choice(["daily", "hourly"]), "name": "orders_curated",
                           "extra": {"from_rest_api": False}, "source_task_id": "publish", "source_dag_id": R.choice(DAGS), "source_run_id": runid(), "source_map_index": -1, "timestamp": isoz()})

    @add("api_json", "api:task_log_envelope")
    def _():
        return json.dumps({"content": [{"timestamp": isoz(), "event": "Task instance is in running state", "level": "info", "logger": "task"},
                                       {"timestamp": isoz(), "event": "Done. Returned value was: %d" % R.randint(0, 9999), "level": "info", "logger": "airflow.task.operators"}], "continuation_token": None})

    @add("api_json", "api:dag_stats")
    def _():
        return json.dumps({"dags": [{"dag_id": R.choice(DAGS), "stats": [{"state": s, "count": R.randint(0, 300)} for s in ["queued", "running", "success", "failed"]]}], "total_entries": 1})

    @add("api_json", "api:plugin")
    def _():
        return json.dumps({"name": "ops_plugin", "hooks": [], "executors": [], "macros": ["ds_tomorrow"], "flask_blueprints": [], "appbuilder_views": [], "source": "$PLUGINS_FOLDER/ops_plugin.py", "listeners": []})

    # ---- task_log ----
    @add("task_log", "log:task_start")
    def _():
        return "[%s] {taskinstance.py:2612} INFO - Starting attempt %d of %d\n[%s] {taskinstance.py:2635} INFO - Executing <Task(PythonOperator): %s> on %s" % (ts2(), R.randint(1, 3), 3, ts2(), R.choice(TASKS), iso())

    @add("task_log", "log:dependencies")
    def _():
        return "[%s] {taskinstance.py:1956} INFO - Dependencies all met for dep_context=requeueable deps ti=<TaskInstance: %s.%s %s [queued]>" % (ts2(), R.choice(DAGS), R.choice(TASKS), runid())

    @add("task_log", "log:sql_rows")
    def _():
        return logpfx("sql.py:470") + "Running statement: SELECT count(*) FROM %s WHERE ds = '2026-%02d-%02d', parameters: None\n%sRows affected: %d" % (R.choice(["stage.orders", "raw.events", "mart.revenue"]), R.randint(1, 12), R.randint(1, 28), logpfx("sql.py:479"), R.randint(0, 999999))

    @add("task_log", "log:s3_upload")
    def _():
        return logpfx("s3.py:1032") + "Uploading /tmp/%s.parquet to s3://raw-bucket/%s/dt=2026-%02d-%02d/%s.parquet (ETag \"%s\")" % (uuid4(), R.choice(TASKS), R.randint(1, 12), R.randint(1, 28), hx(16), hx(32))

    @add("task_log", "log:connection_retrieving")
    def _():
        return logpfx("base.py:84") + "Retrieving connection '%s'" % R.choice(CONNS)

    @add("task_log", "log:done_returned")
    def _():
        return logpfx("python.py:240") + "Done. Returned value was: {'rows': %d, 'checksum': '%s'}" % (R.randint(0, 99999), sha256())

    @add("task_log", "log:mark_success")
    def _():
        return logpfx("taskinstance.py:1206") + "Marking task as SUCCESS. dag_id=%s, task_id=%s, run_id=%s, execution_date=20260301T000000, start_date=20260301T030001, end_date=20260301T030412" % (R.choice(DAGS), R.choice(TASKS), runid())

    @add("task_log", "log:af3_structured")
    def _():
        return json.dumps({"timestamp": isoz(), "level": "info", "event": R.choice(["Filling up the DagBag from /opt/airflow/dags", "Task started", "Pushing xcom", "Task instance in success state"]),
                           "logger": "task", "ti_id": uuid4()})

    @add("task_log", "log:kpo_pod_events")
    def _():
        return logpfx("pod_manager.py:389") + "Pod %s has phase Running; container base image ghcr.io/example/etl@sha256:%s" % (podname("etl-job"), sha256())

    @add("task_log", "log:dbt_output")
    def _():
        return "[%s] {subprocess.py:93} INFO - %02d:%02d:%02d  %d of %d OK created sql table model analytics.%s .......... [SELECT %d in %.2fs]" % (ts2(), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59), R.randint(1, 40), 40, R.choice(["fct_orders", "dim_customers", "stg_events"]), R.randint(1, 999999), R.random() * 30)

    @add("task_log", "log:http_response")
    def _():
        return logpfx("http.py:175") + "HTTP 200 OK; x-request-id: %s; x-amzn-trace-id: Root=1-%s-%s; content-length: %d" % (uuid4(), hx(8), hx(24), R.randint(100, 90000))

    @add("task_log", "log:spark_app")
    def _():
        return logpfx("spark_submit.py:521") + "Identified spark application id: spark-%s ; driver pod %s" % (hx(32), podname("sessionize-driver"))

    @add("task_log", "log:pip_install")
    def _():
        return "[%s] {process_utils.py:190} INFO - Successfully installed apache-airflow-providers-amazon-9.%d.0 boto3-1.35.%d botocore-1.35.%d" % (ts2(), R.randint(0, 9), R.randint(0, 99), R.randint(0, 99))

    @add("task_log", "log:masked_already")
    def _():
        return logpfx("subprocess.py:93") + R.choice(["Connecting to postgresql://etl_user:***@pg.dwh:5432/dwh", "Using password=*** for user loader", "AWS_SECRET_ACCESS_KEY=***", "Authorization: Bearer ***", "broker: amqp://airflow:**@rabbitmq:5672//"])

    @add("task_log", "log:retry")
    def _():
        return logpfx("taskinstance.py:1225") + "Marking task as UP_FOR_RETRY. dag_id=%s, task_id=%s, run_id=%s, try_number=%d" % (R.choice(DAGS), R.choice(TASKS), runid(), R.randint(1, 3))

    # ---- scheduler_log ----
    @add("scheduler_log", "sched:queued")
    def _():
        return "[%s] {scheduler_job_runner.py:%d} INFO - Setting the following tasks to queued state:\n\t<TaskInstance: %s.%s %s [scheduled]>" % (ts2(), R.randint(400, 900), R.choice(DAGS), R.choice(TASKS), runid())

    @add("scheduler_log", "sched:executor_event")
    def _():
        return "[%s] {scheduler_job_runner.py:770} INFO - Received executor event with state success for task instance TaskInstanceKey(dag_id='%s', task_id='%s', run_id='%s', try_number=1, map_index=-1)" % (ts2(), R.choice(DAGS), R.choice(TASKS), runid())

    @add("scheduler_log", "sched:dag_processor")
    def _():
        return "DAG File Processing Stats\n\nFile Path                                 PID  Runtime    # DAGs    # Errors  Last Runtime    Last Run\n/opt/airflow/dags/%s.py           %d        0s         1           0  %.2fs           %s" % (R.choice(DAGS), R.randint(100, 99999), R.random() * 5, iso()[:19])

    @add("scheduler_log", "sched:heartbeat")
    def _():
        return "[%s] {scheduler_job_runner.py:1623} INFO - Adopting or resetting orphaned tasks for active dag runs; %d running, heartbeat ok (job_id=%d)" % (ts2(), R.randint(0, 60), R.randint(1, 99999))

    @add("scheduler_log", "sched:triggerer")
    def _():
        return "[%s] {triggerer_job_runner.py:%d} INFO - trigger %s (ID %d) fired: TriggerEvent<{'status': 'success', 'key': 'raw/%s.csv'}>" % (ts2(), R.randint(500, 700), R.choice(["S3KeyTrigger", "DateTimeTrigger", "HttpTrigger"]), R.randint(1, 9999), uuid4())

    @add("scheduler_log", "sched:af3_json")
    def _():
        return json.dumps({"timestamp": isoz(), "level": "info", "event": "DagRun Finished", "logger": "airflow.models.dagrun.DagRun", "dag_id": R.choice(DAGS),
                           "run_id": runid(), "run_start_date": isoz(), "run_duration": round(R.random() * 1000, 3), "state": "success"})

    @add("scheduler_log", "sched:api_server_access")
    def _():
        return "INFO:     10.%d.%d.%d:%d - \"GET /api/v2/dags/%s/dagRuns?limit=50&offset=0&order_by=-run_after HTTP/1.1\" 200 OK" % (R.randint(0, 255), R.randint(0, 255), R.randint(0, 255), R.randint(30000, 65000), R.choice(DAGS))

    @add("scheduler_log", "sched:webserver_access")
    def _():
        return "10.%d.%d.%d - - [07/Mar/2026:14:%02d:%02d +0000] \"GET /api/v1/dags/%s/dagRuns/%s/taskInstances HTTP/1.1\" 200 %d \"-\" \"python-requests/2.32.3\"" % (R.randint(0, 255), R.randint(0, 255), R.randint(0, 255), R.randint(0, 59), R.randint(0, 59), R.choice(DAGS), q(runid()), R.randint(300, 30000))

    # ---- worker_log ----
    @add("worker_log", "worker:celery_received")
    def _():
        return "[%s: INFO/MainProcess] Task airflow.providers.celery.executors.celery_executor_utils.execute_command[%s] received" % (iso()[:23].replace("T", " "), uuid4())

    @add("worker_log", "worker:celery_succeeded")
    def _():
        return "[%s: INFO/ForkPoolWorker-%d] Task airflow.providers.celery.executors.celery_executor_utils.execute_command[%s] succeeded in %.3fs: None" % (iso()[:23].replace("T", " "), R.randint(1, 16), uuid4(), R.random() * 300)

    @add("worker_log", "worker:celery_connected")
    def _():
        return "[%s: INFO/MainProcess] Connected to redis://redis-master.cache.svc:6379/0\n[%s: INFO/MainProcess] mingle: all alone\n[%s: INFO/MainProcess] celery@%s ready." % (iso()[:23], iso()[:23], iso()[:23], podname("airflow-worker"))

    @add("worker_log", "worker:k8s_executor")
    def _():
        return "[%s] {kubernetes_executor_utils.py:%d} INFO - Event: %s Succeeded, annotations: <omitted>" % (ts2(), R.randint(200, 400), podname(R.choice(DAGS).replace("_", "-")))

    @add("worker_log", "worker:task_runner")
    def _():
        return "[%s] {standard_task_runner.py:63} INFO - Started process %d to run task\n[%s] {standard_task_runner.py:90} INFO - Running: ['airflow', 'tasks', 'run', '%s', '%s', '%s', '--job-id', '%d', '--raw', '--subdir', 'DAGS_FOLDER/%s.py', '--cfg-path', '/tmp/tmp%s']" % (ts2(), R.randint(100, 99999), ts2(), R.choice(DAGS), R.choice(TASKS), runid(), R.randint(1, 999999), R.choice(DAGS), rs(LO + DG + "_", 8))

    @add("worker_log", "worker:supervisor_af3")
    def _():
        return json.dumps({"timestamp": isoz(), "level": "info", "event": "Task finished", "logger": "supervisor", "exit_code": 0, "duration": round(R.random() * 100, 6), "final_state": "success", "ti_id": uuid4()})

    # ---- near_miss ----
    @add("near_miss", "nm:sha256_checksum")
    def _():
        return "%s  %s_2026%02d%02d.csv.gz" % (sha256(), R.choice(["orders", "events", "ledger"]), R.randint(1, 12), R.randint(1, 28))

    @add("near_miss", "nm:npm_integrity")
    def _():
        return "    \"node_modules/%s\": {\n      \"version\": \"%d.%d.%d\",\n      \"resolved\": \"https://registry.npmjs.org/x/-/x-1.0.0.tgz\",\n      \"integrity\": \"sha512-%s==\"\n    }," % (R.choice(["lodash", "axios", "react-dom", "chalk"]), R.randint(0, 9), R.randint(0, 30), R.randint(0, 20), rs(B64, 86))

    @add("near_miss", "nm:pip_hash")
    def _():
        return "apache-airflow-providers-%s==%d.%d.%d \\\n    --hash=sha256:%s \\\n    --hash=sha256:%s" % (R.choice(["amazon", "google", "snowflake", "slack"]), R.randint(1, 12), R.randint(0, 9), R.randint(0, 5), sha256(), sha256())

    @add("near_miss", "nm:git_sha")
    def _():
        return "commit %s\nMerge: %s %s\nAuthor: Data Eng <data-eng@example.org>\n\n    bump dbt to 1.9.%d" % (gitsha(), gitsha()[:7], gitsha()[:7], R.randint(0, 9))

    @add("near_miss", "nm:docker_digest")
    def _():
        return "image: apache/airflow:%s-python3.12@sha256:%s" % (R.choice(["2.10.5", "2.11.0", "3.0.2", "3.1.8"]), sha256())

    @add("near_miss", "nm:etag_header")
    def _():
        return "< ETag: W/\"%s\"\n< x-amz-request-id: %s\n< x-amz-id-2: %s" % (hx(32), rs(UP + DG, 16), rs(B64, 76))

    @add("near_miss", "nm:uuid_list")
    def _():
        return "affected ti ids: " + ", ".join(uuid4() for _ in range(R.randint(2, 5)))

    @add("near_miss", "nm:trace_ids")
    def _():
        return "traceparent: 00-%s-%s-01 otel.span_id=%s" % (hx(32), hx(16), hx(16))

    @add("near_miss", "nm:k8s_pod_names")
    def _():
        return "NAME                                 READY   STATUS      RESTARTS   AGE\n%s   1/1     Running     0          %dm\n%s   0/1     Completed   0          %dh" % (podname("airflow-scheduler"), R.randint(1, 59), podname("etl-orders-daily-extract"), R.randint(1, 23))

    @add("near_miss", "nm:aws_doc_example_keys")
    def _():
        return R.choice(["# example from AWS docs: aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
                         "aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY --profile docs-example",
                         "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE  # placeholder from documentation, replace me"])

    @add("near_miss", "nm:placeholder_tokens")
    def _():
        return R.choice(["export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "SLACK_BOT_TOKEN=xoxb-your-bot-token-here", "OPENAI_API_KEY=sk-...your-key...",
                         "stripe.api_key = \"sk_test_<YOUR_KEY>\"", "# set HF_TOKEN=hf_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX before running", "Authorization: Bearer <token>",
                         "DATADOG_API_KEY=<DATADOG_API_KEY>", "postgres://user:password@localhost:5432/db  (template in README)"])

    @add("near_miss", "nm:s3_gcs_paths")
    def _():
        return "copied gs://data-prod-%s-exports/%s/%s.avro -> s3://lake-raw/%s/part-%s.avro" % (rs(LO + DG, 6), uuid4(), hx(24), R.choice(DAGS), hx(20))

    @add("near_miss", "nm:run_ids_cron")
    def _():
        return "run_id=%s schedule='%s' next_dagrun=%s" % (runid(), R.choice(["0 3 * * *", "*/15 * * * *", "@hourly", "30 2 * * 1-5"]), isoz())

    @add("near_miss", "nm:base64_public_data")
    def _():
        return "thumbnail_png_b64=iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAA%s" % rs(B64, 60)

    @add("near_miss", "nm:md5_file_hash")
    def _():
        return "Content-MD5: %s  size=%d  crc32c=%s" % (b64(bytes(R.getrandbits(8) for _ in range(16))), R.randint(1000, 10 ** 9), b64(bytes(R.getrandbits(8) for _ in range(4))))

    @add("near_miss", "nm:ssh_public_key")
    def _():
        return "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s airflow@bastion" % rs(B64, 43)

    @add("near_miss", "nm:host_key_fingerprint")
    def _():
        return "ED25519 key fingerprint is SHA256:%s." % rs(B64, 43)

    @add("near_miss", "nm:certificate_public")
    def _():
        b = b64(bytes(R.getrandbits(8) for _ in range(300)))
        return "-----BEGIN CERTIFICATE-----\n" + "\n".join(b[i:i + 64] for i in range(0, len(b), 64)) + "\n-----END CERTIFICATE-----"

    @add("near_miss", "nm:aws_arn_ids")
    def _():
        return "arn:aws:iam::%s:role/airflow-worker-%s assumed, RoleSessionName=botocore-session-%d, AccessKeyId prefix ASIA****" % (rs(DG, 12), rs(LO, 5), R.randint(10 ** 9, 10 ** 10))

    @add("near_miss", "nm:version_strings")
    def _():
        return "apache-airflow==%s apache-airflow-providers-cncf-kubernetes==%d.%d.%d python 3.%d.%d build %s" % (R.choice(["2.10.5", "3.0.2", "3.1.8"]), R.randint(7, 10), R.randint(0, 9), R.randint(0, 5), R.randint(9, 13), R.randint(0, 9), gitsha()[:12])

    @add("near_miss", "nm:dataset_uri")
    def _():
        return "Asset(uri='s3://lake-curated/%s/v%d', extra={'owner': 'data-eng', 'rev': '%s'})" % (R.choice(["orders", "customers", "events"]), R.randint(1, 4), gitsha()[:10])

    @add("near_miss", "nm:timestamps_epoch")
    def _():
        return "watermark=%d (%s) offset=%d lag_ms=%d" % (1760000000000 + R.randint(0, 10 ** 10), isoz(), R.randint(0, 10 ** 9), R.randint(0, 99999))

    @add("near_miss", "nm:stripe_public_ids")
    def _():
        return "charge ch_%s for cus_%s via pi_%s (request req_%s)" % (rs(AN, 24), rs(AN, 14), rs(AN, 24), rs(AN, 14))

    @add("near_miss", "nm:pub_publishable_key")
    def _():
        return "<script src=\"https://js.stripe.com/v3\"></script> publishable key loaded from config: pk_test_placeholder (frontend only)"

    @add("near_miss", "nm:gcp_sa_email_keyid_ref")
    def _():
        return "Impersonating airflow-runner@data-prod-%d.iam.gserviceaccount.com (uniqueId %s)" % (R.randint(100, 999), rs(DG, 21))

    @add("near_miss", "nm:lockfile_poetry")
    def _():
        return "[[package]]\nname = \"%s\"\nversion = \"%d.%d.%d\"\nfiles = [\n    {file = \"x-py3-none-any.whl\", hash = \"sha256:%s\"},\n]" % (R.choice(["pendulum", "croniter", "sqlalchemy"]), R.randint(0, 3), R.randint(0, 20), R.randint(0, 9), sha256())

    @add("near_miss", "nm:hex_color_and_ids")
    def _():
        return "chart palette #%s #%s; widget id %s; session replay %s" % (hx(6), hx(6), hx(24), hx(32))

    # ---- key_word_nonsecret ----
    @add("key_word_nonsecret", "kw:tokenizer_prose")
    def _():
        return logpfx() + R.choice(["Loaded tokenizer bert-base-uncased (vocab 30522)", "token count: %d, max_tokens=%d" % (R.randint(10, 4000), 4096),
                                    "Tokenizing %d documents with tiktoken cl100k_base" % R.randint(10, 90000), "prompt_tokens=%d completion_tokens=%d" % (R.randint(10, 900), R.randint(10, 900))])

    @add("key_word_nonsecret", "kw:password_reset_prose")
    def _():
        return logpfx() + R.choice(["password reset email sent to user %d" % R.randint(1, 9999), "Password policy check passed for %d accounts" % R.randint(1, 900),
                                    "Secrets backend lookup miss for conn_id=%s; falling back to metadata DB" % R.choice(CONNS), "No secret found, using defaults",
                                    "rotate_secrets task skipped: nothing expired", "Keyring unlocked via OS keychain"])

    @add("key_word_nonsecret", "kw:dag_docs")
    def _():
        return "\"\"\"### %s\nPulls partner data. The API token lives in the `http_partner` connection; never hard-code secrets here.\n\"\"\"" % R.choice(DAGS)

    @add("key_word_nonsecret", "kw:auth_manager_prose")
    def _():
        return R.choice(["[core] auth_manager = airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager",
                         "INFO - Using auth manager FabAuthManager; passwords are hashed with pbkdf2:sha256",
                         "jwt expiration time is 86400 seconds", "Access denied: token expired at %s" % isoz(), "Bearer authentication scheme enabled for /api/v2"])

    @add("key_word_nonsecret", "kw:column_names")
    def _():
        return "CREATE TABLE crm.users (id bigint, email text, password_hash_algo text, token_count int, secret_question_id int, api_key_last4 char(4));"

    @add("key_word_nonsecret", "kw:pagination_tokens")
    def _():
        return logpfx("s3.py:880") + "Listed %d objects (IsTruncated=%s, KeyCount=%d, NextContinuationToken present=%s)" % (R.randint(1, 1000), R.choice(["true", "false"]), R.randint(1, 1000), R.choice(["True", "False"]))

    # ---- reference ----
    @add("reference", "ref:jinja_templates")
    def _():
        return R.choice(["sql = \"SELECT * FROM t WHERE pw = '{{ conn.%s.password }}'\"" % R.choice(CONNS), "bash_command='curl -H \"X-Key: {{ var.value.partner_api_key }}\" https://api.partner-data.io'",
                         "env={'DB_URI': '{{ conn.postgres_dwh.get_uri() }}'}", "api_token=\"{{ var.json.partner.token }}\""])

    @add("reference", "ref:vault_paths")
    def _():
        return "Fetching secret from Vault path secret/data/airflow/connections/%s (mount_point=airflow, kv_engine_version=2)" % R.choice(CONNS)

    @add("reference", "ref:aws_secret_arn")
    def _():
        return "arn:aws:secretsmanager:eu-west-1:%s:secret:airflow/connections/%s-%s" % (rs(DG, 12), R.choice(CONNS), rs(AN, 6))

    @add("reference", "ref:k8s_secretkeyref")
    def _():
        return "        - name: AIRFLOW__DATABASE__SQL_ALCHEMY_CONN\n          valueFrom:\n            secretKeyRef:\n              name: airflow-metadata\n              key: connection"

    @add("reference", "ref:env_var_names")
    def _():
        return R.choice(["password = os.environ[\"DB_PASSWORD\"]", "token: ${GITHUB_TOKEN}", "api_key=${{ secrets.DD_API_KEY }}", "PGPASSWORD=$DB_PASS psql -h $DB_HOST", "secret_key = ${AIRFLOW_SECRET_KEY:?must be set}"])

    @add("reference", "ref:gcp_secret_manager")
    def _():
        return "projects/%d/secrets/airflow-connections-%s/versions/latest" % (R.randint(10 ** 11, 10 ** 12), R.choice(CONNS).replace("_", "-"))

    @add("reference", "ref:azure_keyvault")
    def _():
        return "https://kv-airflow-%s.vault.azure.net/secrets/airflow-variables-%s/%s" % (rs(LO, 4), R.choice(["partner-key", "smtp"]), hx(32))

    @add("reference", "ref:masked_connection_v2", True)
    def _():
        return json.dumps({"connection_id": R.choice(CONNS), "conn_type": "postgres", "description": None, "host": R.choice(HOSTS), "login": R.choice(USERS), "schema": "dwh",
                           "port": 5432, "password": "***", "extra": "{\"sslmode\": \"require\", \"api_key\": \"***\"}", "team_name": None})

    # ---- config ----
    @add("config", "cfg:airflow_cfg_core")
    def _():
        return "[core]\ndags_folder = /opt/airflow/dags\nexecutor = %s\nparallelism = %d\nload_examples = False\ndefault_timezone = utc" % (R.choice(["CeleryExecutor", "KubernetesExecutor", "LocalExecutor"]), R.choice([32, 64, 128]))

    @add("config", "cfg:hidden_config_api", True)
    def _():
        return json.dumps({"sections": [{"name": "database", "options": [{"key": "sql_alchemy_conn", "value": "< hidden >"}, {"key": "sql_alchemy_pool_size", "value": "5"}]},
                                        {"name": "core", "options": [{"key": "fernet_key", "value": "< hidden >"}]}]})

    @add("config", "cfg:helm_values")
    def _():
        return "executor: CeleryExecutor\nworkers:\n  replicas: %d\n  resources:\n    limits: {cpu: \"2\", memory: 4Gi}\nredis:\n  enabled: true\ndata:\n  metadataSecretName: airflow-metadata" % R.randint(1, 12)

    @add("config", "cfg:compose_env")
    def _():
        return "x-airflow-common:\n  environment:\n    AIRFLOW__CORE__EXECUTOR: CeleryExecutor\n    AIRFLOW__CORE__LOAD_EXAMPLES: 'false'\n    AIRFLOW__API__BASE_URL: http://localhost:8080\n    _PIP_ADDITIONAL_REQUIREMENTS: ''"

    @add("config", "cfg:logging")
    def _():
        return "[logging]\nremote_logging = True\nremote_base_log_folder = s3://airflow-logs-%s/\nremote_log_conn_id = aws_default\nmin_length_masked_secret = 5" % rs(LO + DG, 6)

    @add("config", "cfg:terraform_harmless")
    def _():
        return "resource \"aws_mwaa_environment\" \"this\" {\n  name              = \"mwaa-%s\"\n  airflow_version   = \"2.10.3\"\n  source_bucket_arn = aws_s3_bucket.dags.arn\n  execution_role_arn = aws_iam_role.mwaa.arn\n}" % rs(LO, 5)

    @add("config", "cfg:kube_deployment")
    def _():
        return "containers:\n- name: scheduler\n  image: apache/airflow:3.1.8\n  args: [\"scheduler\"]\n  resources: {requests: {cpu: 500m, memory: 1Gi}}\n  livenessProbe: {exec: {command: [\"airflow\", \"jobs\", \"check\"]}, periodSeconds: %d}" % R.choice([30, 60])

    # ---- dag_source ----
    @add("dag_source", "src:dag_decorator")
    def _():
        d = R.choice(DAGS)
        return "@dag(dag_id=\"%s\", schedule=\"%s\", start_date=pendulum.datetime(2026, 1, 1, tz=\"UTC\"), catchup=False, tags=[\"etl\"])\ndef %s():\n    @task\n    def extract() -> dict:\n        return {\"rows\": 0}" % (d, R.choice(["@daily", "0 3 * * *"]), d)

    @add("dag_source", "src:operator_use_conn")
    def _():
        return "load = SQLExecuteQueryOperator(\n    task_id=\"load_stage\",\n    conn_id=\"%s\",\n    sql=\"sql/load_stage.sql\",\n    params={\"schema\": \"stage\"},\n)" % R.choice(CONNS)

    @add("dag_source", "src:hook_usage")
    def _():
        return "hook = HttpHook(method=\"GET\", http_conn_id=\"http_partner\")\nresp = hook.run(endpoint=\"/v3/items\", data={\"page\": %d})\nresp.raise_for_status()" % R.randint(1, 9)

    @add("dag_source", "src:kpo")
    def _():
        return "KubernetesPodOperator(\n    task_id=\"transform\",\n    image=\"ghcr.io/example/etl:%s\",\n    env_from=[k8s.V1EnvFromSource(secret_ref=k8s.V1SecretEnvSource(name=\"etl-creds\"))],\n    get_logs=True,\n)" % gitsha()[:12]

    @add("dag_source", "src:variable_get")
    def _():
        return "api_key = Variable.get(\"partner_api_key\")\nheaders = {\"X-API-Key\": api_key}\nmask_secret(api_key)"

    # ---- airflow_key_rule harmless lines ----
    kr = [
        ("api_json", "kr:password_masked", lambda: json.dumps({"connection_id": R.choice(CONNS), "login": R.choice(USERS), "password": "***"})),
        ("api_json", "kr:variable_masked", lambda: json.dumps({"key": R.choice(["db_password", "partner_api_key", "slack_token", "sftp_secret"]), "value": "***", "description": None, "is_encrypted": True})),
        ("api_json", "kr:token_expiry_number", lambda: json.dumps({"token_expiry_seconds": R.choice([900, 3600, 86400]), "token_type": "Bearer"})),
        ("api_json", "kr:secret_name_ref", lambda: json.dumps({"secret_name": "airflow/connections/%s" % R.choice(CONNS), "secret_version": "AWSCURRENT"})),
        ("config", "kr:min_password_length", lambda: "password_min_length = %d\npassword_require_digits = true" % R.choice([10, 12, 14])),
        ("config", "kr:private_key_path", lambda: "private_key_file: /opt/airflow/keys/%s.pem\nprivate_key_passphrase_env: SNOWFLAKE_PK_PASS" % R.choice(["snowflake_rsa", "sftp_ed25519"])),
        ("api_json", "kr:service_account_email", lambda: json.dumps({"impersonation_chain": None, "service_account": "airflow@data-prod-%d.iam.gserviceaccount.com" % R.randint(100, 999)})),
        ("api_json", "kr:passphrase_bool", lambda: json.dumps({"passphrase_required": R.choice([True, False]), "key_type": "ed25519"})),
        ("api_json", "kr:authorization_url", lambda: json.dumps({"authorization_url": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token"})),
        ("config", "kr:access_token_url", lambda: "access_token_url = https://login.microsoftonline.com/%s/oauth2/v2.0/token" % uuid4()),
        ("api_json", "kr:keyfile_dict_masked", lambda: json.dumps({"connection_id": "google_cloud_default", "conn_type": "google_cloud_platform", "extra": json.dumps({"project": "data-prod", "keyfile_dict": "***"})})),
        ("api_json", "kr:api_key_header_name", lambda: json.dumps({"api_key_header": "X-API-Key", "api_key_in": "header"})),
        ("config", "kr:hide_sensitive_flag", lambda: "[core]\nhide_sensitive_var_conn_fields = True\nsensitive_var_conn_names = partner_feed_credentials,hmac"),
        ("api_json", "kr:connection_string_null", lambda: json.dumps({"connection_string": None, "account_name": "aflogs%d" % R.randint(100, 999)})),
        ("api_json", "kr:secret_arn", lambda: json.dumps({"db_secret_arn": "arn:aws:secretsmanager:eu-west-1:%s:secret:rds!db-%s" % (rs(DG, 12), uuid4())})),
        ("task_log", "kr:log_password_masked", lambda: logpfx() + "password=*** login=%s host=%s" % (R.choice(USERS), R.choice(HOSTS))),
        ("api_json", "kr:proxy_url_no_creds", lambda: json.dumps({"proxies": {"https": "http://proxy.corp.local:3128"}, "verify": True})),
        ("api_json", "kr:dsn_placeholder", lambda: json.dumps({"dsn": "postgresql://{user}:{password}@{host}/{db}"})),
        ("config", "kr:auth_header_name", lambda: "auth_header_name = X-Airflow-User\nbearer_format = JWT"),
        ("api_json", "kr:webhook_url_ref", lambda: json.dumps({"webhook_url": "{{ var.value.slack_alert_url }}", "channel": "#data-alerts"})),
        ("api_json", "kr:secret_template_ref", lambda: json.dumps({"client_secret": "${AZURE_CLIENT_SECRET}", "tenant_id": uuid4()})),
        ("api_json", "kr:access_key_count", lambda: json.dumps({"access_key_count": R.randint(0, 2), "access_key_last_used": isoz()})),
    ]
    for fam, fmt, fn in kr:
        T.append((fam, fmt, fn, True))
    return T


def gen_harmless():
    T = harmless()
    plain = [t for t in T if not t[3]]
    keyr = [t for t in T if t[3]]
    for fam, fmt, fn, k in plain:
        for _ in range(7):
            H(fam, fmt, fn(), k)
    for fam, fmt, fn, k in keyr:
        for _ in range(3):
            H(fam, fmt, fn(), k)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus.jsonl")
    gen_vendors()
    gen_secret_formats()
    gen_harmless()
    # dedupe identical harmless texts (fixed-choice templates repeat)
    seen, rows = set(), []
    for r in ROWS:
        if r["kind"] == "harmless":
            if r["text"] in seen:
                continue
            seen.add(r["text"])
        rows.append(r)
    R.shuffle(rows)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for i, r in enumerate(rows, 1):
            o = {"id": "%s-%05d" % (PFX, i), "kind": r["kind"], "family": r["family"], "format": r["format"], "text": r["text"], "secrets": r["secrets"]}
            if "registered" in r:
                o["registered"] = r["registered"]
            if r.get("airflow_key_rule"):
                o["airflow_key_rule"] = True
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print("wrote %d lines to %s" % (len(rows), out))


if __name__ == "__main__":
    main()
