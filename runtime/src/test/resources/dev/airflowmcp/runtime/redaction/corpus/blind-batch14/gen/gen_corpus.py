#!/usr/bin/env python3
"""Blind redactor evaluation corpus, batch 14 (PFX B14, SEED 141208). stdlib only, deterministic."""
import base64, json, os, random, string, urllib.parse, hashlib

SEED = 141208
PFX = "B14"
R = random.Random(SEED)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus.jsonl")

UP = string.ascii_uppercase; LO = string.ascii_lowercase; DG = string.digits
AN = UP + LO + DG; HEX = "0123456789abcdef"; B64 = AN + "+/"; B64U = AN + "-_"
B32 = UP + "234567"

def rs(alpha, n): return "".join(R.choice(alpha) for _ in range(n))
def hx(n): return rs(HEX, n)
def pick(seq): return R.choice(seq)
def uuid4():
    h = hx(32); return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], pick("89ab"), h[17:20], h[20:32])
def b64(s): return base64.b64encode(s.encode()).decode()
def b64url_nopad(b): return base64.urlsafe_b64encode(b).decode().rstrip("=")
def rbytes(n): return bytes(R.randrange(256) for _ in range(n))
def ts2():
    return "%d-%02d-%02d, %02d:%02d:%02d UTC" % (pick([2024, 2025, 2026]), R.randint(1, 12), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59))
def iso():
    return "%d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (pick([2024, 2025, 2026]), R.randint(1, 12), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59), R.randint(0, 999999))
def isoz():
    return "%d-%02d-%02dT%02d:%02d:%02d+00:00" % (pick([2024, 2025, 2026]), R.randint(1, 12), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59))
def day():
    return "%d-%02d-%02d" % (pick([2024, 2025, 2026]), R.randint(1, 12), R.randint(1, 28))

DAGS = ["etl_orders", "sync_crm_contacts", "daily_revenue_rollup", "ml_feature_refresh", "s3_to_snowflake", "dbt_nightly",
        "ingest_clickstream", "export_finance_ledger", "gcs_partition_cleanup", "kafka_offsets_audit", "hubspot_pull", "bq_cost_report",
        "vendor_invoices_ocr", "postgres_vacuum", "retrain_churn_model", "marketing_attribution"]
TASKS = ["extract", "load_staging", "transform", "run_dbt", "notify_slack", "upload_report", "check_freshness", "push_metrics",
         "call_partner_api", "create_cluster", "spark_submit", "publish_dataset", "wait_for_file", "validate_schema"]
HOSTS = ["pg-prod.internal", "db01.corp.example.net", "10.20.4.17", "analytics-db.c9xk2.eu-west-1.rds.amazonaws.com",
         "mysql-replica-2.data.svc.cluster.local", "warehouse.acme.io", "redis-master.cache.svc", "mq1.prod.lan", "192.168.40.12"]
USERS = ["airflow", "etl_user", "svc_loader", "analytics", "reporting_ro", "dbt_runner", "ingest", "admin_ops", "app"]
WORDS = ["orbit", "maple", "falcon", "quartz", "delta", "nimbus", "cobalt", "harbor", "ember", "willow", "zephyr", "lynx", "tundra", "onyx", "saffron", "breeze"]

def dag(): return pick(DAGS)
def task(): return pick(TASKS)
def host(): return pick(HOSTS)
def user(): return pick(USERS)
def runid(): return pick(["scheduled__", "manual__", "backfill__", "dataset_triggered__", "asset_triggered__"]) + isoz()
def a2log(msg, src=None):
    src = src or pick(["taskinstance.py:%d" % R.randint(1100, 2900), "logging_mixin.py:%d" % R.randint(150, 200), "base.py:%d" % R.randint(80, 90),
                       "subprocess.py:%d" % R.randint(70, 100), "http.py:%d" % R.randint(150, 210), "pod_manager.py:%d" % R.randint(400, 480)])
    return "[%s] {%s} %s - %s" % (ts2(), src, pick(["INFO", "INFO", "INFO", "WARNING", "ERROR", "DEBUG"]), msg)
def a3log(msg, logger=None):
    return json.dumps({"timestamp": iso(), "level": pick(["info", "info", "warning", "error", "debug"]), "event": msg,
                       "logger": logger or pick(["airflow.task", "task.stdout", "task.stderr", "airflow.providers.http.hooks.http", "airflow.task.hooks"])})
def anylog(msg):
    return a2log(msg) if R.random() < 0.55 else a3log(msg)
def logs_api(lines):
    return json.dumps({"content": "\n".join(lines), "continuation_token": None if R.random() < 0.5 else "eyJlbmRfb2ZfbG9nIjp0cnVlLCJsb2dfcG9zIjo" + rs(B64U, 6) + "." + rs(B64U, 27)})

# ------------------------------------------------------------------ password generators
PUN = "!#$%&*+,-./:;<=>?@[]^_{|}~"
def pw(n=None, punct=PUN, minp=2):
    n = n or R.randint(12, 24)
    while True:
        s = rs(AN + punct, n)
        if sum(c in punct for c in s) >= minp and any(c in DG for c in s) and any(c in LO for c in s) and s[0] not in "-#;":
            return s
def jesc(s, n):
    for _ in range(n): s = json.dumps(s)[1:-1]
    return s
def inform(s, text):
    for n in range(5):
        if jesc(s, n) in text: return jesc(s, n)
    raise AssertionError((s, text))
def plainpw(n=None): return rs(AN, n or R.randint(14, 22))

records = []
def add(kind, family, fmt, text, secrets=(), registered=None, keyrule=False):
    d = {"kind": kind, "family": family, "format": fmt, "text": text, "secrets": list(secrets)}
    if registered: d["registered"] = list(registered)
    if keyrule: d["airflow_key_rule"] = True
    for s in d["secrets"]:
        assert s and s in text, (fmt, s, text)
    records.append(d)
def S(family, fmt, text, secrets, registered=None): add("secret", family, fmt, text, secrets, registered)
def H(family, fmt, text, keyrule=False): add("harmless", family, fmt, text, (), None, keyrule)

# ------------------------------------------------------------------ vendor tokens
def slack_tok(p): return "%s-%s-%s-%s" % (p, rs(DG, pick([11, 12, 13])), rs(DG, pick([12, 13])), rs(AN, 24))
def luhnish(): return rs(DG, 10)
VENDORS = [
 ("aws_access_key_id", "AWS_ACCESS_KEY_ID", lambda: "AKIA" + rs(B32, 16)),
 ("aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", lambda: rs(B64, 40)),
 ("aws_sts_access_key_id", "AWS_ACCESS_KEY_ID", lambda: "ASIA" + rs(B32, 16)),
 ("aws_session_token", "AWS_SESSION_TOKEN", lambda: "IQoJb3JpZ2luX2VjE" + rs(B64, 300) + "=="),
 ("github_pat_classic", "GITHUB_TOKEN", lambda: "ghp_" + rs(AN, 36)),
 ("github_fine_grained_pat", "GH_TOKEN", lambda: "github_pat_11" + rs(UP + DG, 20) + "_" + rs(AN, 59)),
 ("github_oauth", "GITHUB_OAUTH_TOKEN", lambda: "gho_" + rs(AN, 36)),
 ("github_app_installation", "GITHUB_APP_TOKEN", lambda: "ghs_" + rs(AN, 36)),
 ("gitlab_pat", "GITLAB_TOKEN", lambda: "glpat-" + rs(AN + "-_", 20)),
 ("gitlab_runner", "RUNNER_TOKEN", lambda: "glrt-" + rs(AN + "-_", 20)),
 ("slack_bot_token", "SLACK_BOT_TOKEN", lambda: slack_tok("xoxb")),
 ("slack_user_token", "SLACK_USER_TOKEN", lambda: slack_tok("xoxp")),
 ("slack_app_token", "SLACK_APP_TOKEN", lambda: "xapp-1-A" + rs(UP + DG, 10) + "-" + rs(DG, 13) + "-" + hx(64)),
 ("google_api_key", "GOOGLE_API_KEY", lambda: "AIza" + rs(B64U, 35)),
 ("google_oauth_client_secret", "GOOGLE_CLIENT_SECRET", lambda: "GOCSPX-" + rs(B64U, 28)),
 ("google_oauth_access_token", "GCP_ACCESS_TOKEN", lambda: "ya29.a0" + rs(B64U, 150)),
 ("google_refresh_token", "GOOGLE_REFRESH_TOKEN", lambda: "1//0" + rs(B64U, 99)),
 ("stripe_live_secret", "STRIPE_SECRET_KEY", lambda: "sk_live_51" + rs(AN, 97)),
 ("stripe_restricted", "STRIPE_RESTRICTED_KEY", lambda: "rk_live_51" + rs(AN, 97)),
 ("stripe_webhook_secret", "STRIPE_WEBHOOK_SECRET", lambda: "whsec_" + rs(AN, 32)),
 ("openai_project_key", "OPENAI_API_KEY", lambda: "sk-proj-" + rs(B64U, 74) + "T3BlbkFJ" + rs(B64U, 74)),
 ("anthropic_api_key", "ANTHROPIC_API_KEY", lambda: "sk-ant-api03-" + rs(B64U, 93) + "AA"),
 ("huggingface_token", "HF_TOKEN", lambda: "hf_" + rs(UP + LO, 34)),
 ("twilio_auth_token", "TWILIO_AUTH_TOKEN", lambda: hx(32)),
 ("twilio_api_key_sid", "TWILIO_API_KEY", lambda: "SK" + hx(32)),
 ("sendgrid_api_key", "SENDGRID_API_KEY", lambda: "SG." + rs(B64U, 22) + "." + rs(B64U, 43)),
 ("mailgun_api_key", "MAILGUN_API_KEY", lambda: "key-" + hx(32)),
 ("mailchimp_api_key", "MAILCHIMP_API_KEY", lambda: hx(32) + "-us" + str(R.randint(1, 21))),
 ("datadog_api_key", "DD_API_KEY", lambda: hx(32)),
 ("datadog_app_key", "DD_APP_KEY", lambda: hx(40)),
 ("newrelic_user_key", "NEW_RELIC_API_KEY", lambda: "NRAK-" + rs(UP + DG, 27)),
 ("newrelic_license_key", "NEW_RELIC_LICENSE_KEY", lambda: hx(36) + "NRAL"),
 ("pagerduty_routing_key", "PAGERDUTY_ROUTING_KEY", lambda: "R0" + rs(AN, 30)),
 ("npm_token", "NPM_TOKEN", lambda: "npm_" + rs(AN, 36)),
 ("pypi_token", "TWINE_PASSWORD", lambda: "pypi-AgEIcHlwaS5vcmc" + rs(B64U, 140)),
 ("dockerhub_pat", "DOCKERHUB_TOKEN", lambda: "dckr_pat_" + rs(B64U, 27)),
 ("azure_storage_account_key", "AZURE_STORAGE_KEY", lambda: rs(B64, 86) + "=="),
 ("azure_ad_client_secret", "AZURE_CLIENT_SECRET", lambda: rs(AN, 3) + str(R.randint(0, 9)) + "Q~" + rs(AN + "_.~-", 34)),
 ("databricks_pat", "DATABRICKS_TOKEN", lambda: "dapi" + hx(32) + pick(["", "-2", "-3"])),
 ("shopify_admin_token", "SHOPIFY_ACCESS_TOKEN", lambda: "shpat_" + hx(32)),
 ("atlassian_api_token", "JIRA_API_TOKEN", lambda: "ATATT3xFfGF0" + rs(B64U, 170) + "=" + hx(8).upper()),
 ("digitalocean_pat", "DIGITALOCEAN_TOKEN", lambda: "dop_v1_" + hx(64)),
 ("hashicorp_vault_token", "VAULT_TOKEN", lambda: "hvs." + rs(AN + "_-", 90)),
 ("terraform_cloud_token", "TFE_TOKEN", lambda: rs(AN, 14) + ".atlasv1." + rs(AN, 67)),
 ("linear_api_key", "LINEAR_API_KEY", lambda: "lin_api_" + rs(AN, 40)),
 ("notion_token", "NOTION_TOKEN", lambda: "ntn_" + rs(DG, 11) + rs(AN, 35)),
 ("telegram_bot_token", "TELEGRAM_BOT_TOKEN", lambda: str(R.randint(100000000, 7999999999)) + ":AA" + rs(B64U, 33)),
 ("square_access_token", "SQUARE_ACCESS_TOKEN", lambda: "EAAA" + rs(B64U, 60)),
 ("braintree_access_token", "BRAINTREE_ACCESS_TOKEN", lambda: "access_token$production$" + rs(LO + DG, 16) + "$" + hx(32)),
 ("okta_api_token", "OKTA_API_TOKEN", lambda: "00" + rs(B64U, 40)),
 ("circleci_pat", "CIRCLECI_TOKEN", lambda: "CCIPAT_" + rs(AN, 22) + "_" + hx(40)),
 ("sentry_auth_token", "SENTRY_AUTH_TOKEN", lambda: "sntrys_eyJpYXQiOjE3" + rs(B64U, 120) + "_" + rs(B64U, 43)),
 ("grafana_service_account", "GRAFANA_TOKEN", lambda: "glsa_" + rs(AN, 32) + "_" + hx(8)),
 ("grafana_cloud_token", "GRAFANA_CLOUD_TOKEN", lambda: "glc_eyJvIjoi" + rs(B64U, 100) + "fQ=="),
 ("postman_api_key", "POSTMAN_API_KEY", lambda: "PMAK-" + hx(24) + "-" + hx(34)),
 ("dropbox_short_lived", "DROPBOX_ACCESS_TOKEN", lambda: "sl." + rs(B64U, 135)),
 ("heroku_api_key", "HEROKU_API_KEY", lambda: "HRKU-AA" + rs(B64U, 58)),
 ("cloudflare_api_token", "CLOUDFLARE_API_TOKEN", lambda: rs(B64U, 40)),
 ("alibaba_access_key_id", "ALIBABA_CLOUD_ACCESS_KEY_ID", lambda: "LTAI5t" + rs(AN, 18)),
 ("tencent_secret_id", "TENCENTCLOUD_SECRET_ID", lambda: "AKID" + rs(AN, 32)),
 ("jfrog_api_key", "ARTIFACTORY_API_KEY", lambda: "AKCp8" + rs(AN, 68)),
 ("confluent_cloud_secret", "CONFLUENT_CLOUD_API_SECRET", lambda: rs(B64, 64)),
 ("airtable_pat", "AIRTABLE_TOKEN", lambda: "pat" + rs(AN, 14) + "." + hx(64)),
 ("figma_pat", "FIGMA_TOKEN", lambda: "figd_" + rs(B64U, 40)),
 ("doppler_service_token", "DOPPLER_TOKEN", lambda: "dp.st.prd." + rs(AN, 40)),
 ("pulumi_access_token", "PULUMI_ACCESS_TOKEN", lambda: "pul-" + hx(40)),
 ("age_secret_key", "SOPS_AGE_KEY", lambda: "AGE-SECRET-KEY-1" + rs("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)),
 ("supabase_access_token", "SUPABASE_ACCESS_TOKEN", lambda: "sbp_" + hx(40)),
 ("planetscale_password", "PLANETSCALE_PASSWORD", lambda: "pscale_pw_" + rs(B64U, 43)),
 ("rubygems_api_key", "GEM_HOST_API_KEY", lambda: "rubygems_" + hx(48)),
 ("fastly_api_token", "FASTLY_API_TOKEN", lambda: rs(B64U, 32)),
 ("mapbox_secret_token", "MAPBOX_SECRET_TOKEN", lambda: "sk.eyJ1Ijoi" + rs(B64U, 60) + "." + rs(B64U, 22)),
 ("facebook_page_token", "FB_PAGE_ACCESS_TOKEN", lambda: "EAAG" + rs(AN, 180)),
 ("snyk_token", "SNYK_TOKEN", lambda: uuid4()),
 ("dbt_cloud_service_token", "DBT_CLOUD_API_TOKEN", lambda: "dbtc_" + rs(B64U, 56)),
 ("astronomer_api_token", "ASTRO_API_TOKEN", lambda: "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9." + b64url_nopad(json.dumps({"sub": "clx" + rs(LO + DG, 21), "iat": R.randint(1700000000, 1760000000), "iss": "https://api.astronomer.io"}).encode()) + "." + rs(B64U, 342)),
]
assert len(set(v[0] for v in VENDORS)) == len(VENDORS)
API_HOSTS = ["api.partner-feed.com", "api.vendor.io", "hooks.internal.example.org", "ingest.metrics.example.com", "api.crm-cloud.net"]

def vendor_line(name, env, v):
    low = env.lower(); camel = "".join(w.capitalize() if i else w for i, w in enumerate(low.split("_")))
    c = R.randrange(15)
    if c == 0: return "export %s=%s" % (env, pick(['"%s"' % v, "'%s'" % v, v])), "env_export"
    if c == 1: return a2log("Loaded credentials for %s: %s=%s" % (name.split("_")[0], env, v)), "task_log"
    if c == 2: return a3log("Resolved %s from env: %s" % (env, v), "task.stdout"), "task_log_json"
    if c == 3:
        extra = json.dumps({low: v, "timeout": R.randint(10, 120)})
        return json.dumps({"connection_id": name.split("_")[0] + "_default", "conn_type": "http", "description": None, "host": pick(API_HOSTS),
                           "login": None, "schema": "https", "port": None, "extra": extra}), "conn_extra_json_string"
    if c == 4: return json.dumps({"key": low, "value": v, "description": "rotated %s" % day()}), "variable_api_v1"
    if c == 5:
        return "send: b'POST /v1/events HTTP/1.1\\r\\nHost: %s\\r\\nUser-Agent: python-requests/2.32.3\\r\\nAuthorization: Bearer %s\\r\\nContent-Type: application/json\\r\\n\\r\\n'" % (pick(API_HOSTS), v), "http_debug_dump"
    if c == 6: return "%s:\n  %s: \"%s\"\n  region: eu-west-1" % (pick(["secrets", "integrations", "env"]), camel, v), "helm_values_yaml"
    if c == 7: return "client = %sClient(api_key=\"%s\", timeout=30)  # TODO move to Variable" % (name.split("_")[0].capitalize(), v), "dag_source_literal"
    if c == 8: return "    environment:\n      - %s=%s\n      - AIRFLOW__CORE__LOAD_EXAMPLES=False" % (env, v), "compose_env"
    if c == 9: return a2log("Building pod with env: [{'name': '%s', 'value': '%s', 'value_from': None}]" % (env, v), "pod_manager.py:%d" % R.randint(100, 200)), "kpo_env_log"
    if c == 10: return "$ curl -sS -X POST -H 'X-Api-Key: %s' https://%s/v2/push" % (v, pick(API_HOSTS)), "curl_header"
    if c == 11: return 'variable "%s" {\n  default = "%s"\n}' % (low, v), "terraform_var"
    if c == 12: return "%s = %s" % (low, v), "ini_line"
    if c == 13: return json.dumps({"dag_id": dag(), "task_id": task(), "map_index": -1, "key": "return_value", "value": {"status": "ok", "auth": {"token": v}}}), "xcom_entry"
    return "%s=%s" % (env, v), "dotenv"

def gen_vendor():
    for name, env, fn in VENDORS:
        for _ in range(3):
            v = fn()
            text, ctx = vendor_line(name, env, v)
            reg = None
            S("vendor_token", "vendor:" + name, text, [v], reg)
    # multi-value vendor contexts
    for _ in range(4):
        k = "AKIA" + rs(B32, 16); s = rs(B64, 40)
        S("vendor_token", "vendor:aws_credentials_file", "[%s]\naws_access_key_id = %s\naws_secret_access_key = %s\nregion = us-east-1" % (pick(["default", "etl", "prod-readonly"]), k, s), [k, s])
    for _ in range(4):
        sid = "AC" + hx(32); tok = hx(32)
        S("vendor_token", "vendor:twilio_basic_auth_url", a2log("POST https://%s:%s@api.twilio.com/2010-04-01/Accounts/%s/Messages.json" % (sid, tok, sid)), [tok])
    for _ in range(4):
        tid = "T" + rs(UP + DG, 10); bid = "B" + rs(UP + DG, 10); sec = rs(AN, 24)
        S("vendor_token", "vendor:slack_incoming_webhook", pick([
            "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/%s/%s/%s" % (tid, bid, sec),
            a2log("Posting alert to https://hooks.slack.com/services/%s/%s/%s" % (tid, bid, sec)),
            json.dumps({"connection_id": "slack_alerts", "conn_type": "slackwebhook", "host": "https://hooks.slack.com/services", "extra": json.dumps({"webhook_token": "%s/%s/%s" % (tid, bid, sec)})})]), [sec])
    for _ in range(4):
        wid = rs(DG, 19); sec = rs(B64U, 68)
        S("vendor_token", "vendor:discord_webhook", "notify_url: https://discord.com/api/webhooks/%s/%s" % (wid, sec), [sec])
    for _ in range(3):
        g = uuid4(); t = uuid4(); sec = hx(32); o = uuid4(); sig = "V2" + rs(B64U, 43)
        S("vendor_token", "vendor:teams_incoming_webhook", a2log("MS Teams webhook: https://acme.webhook.office.com/webhookb2/%s@%s/IncomingWebhook/%s/%s/%s" % (g, t, sec, o, sig)), [sec, sig])

# ------------------------------------------------------------------ password_punct
def gen_password_punct():
    for i in range(60):
        c = i % 12; u = user(); h = host()
        if c == 0:
            p = pw(punct="!#$%&*+-.<=>?@^_~[]")
            S("password_punct", "dotenv_single_quoted_pw", "DB_PASSWORD='%s'" % p, [p])
        elif c == 1:
            p = pw(punct="!#$%&*+-.<=>?@^_~:;,/")
            t = json.dumps({"connection_id": "pg_warehouse", "conn_type": "postgres", "host": h, "login": u, "schema": "dwh", "port": 5432, "password": p, "extra": None})
            S("password_punct", "conn_api_v2_unmasked_password", t, [p])
        elif c == 2:
            p = pw(punct="!#$%&*+-.<=>?@^_~/") ; 
            S("password_punct", "pgpass_line", "%s:5432:*:%s:%s" % (h, u, p), [p])
        elif c == 3:
            p = pw(punct="!#$%&*+-.<=>?@^_~/:,")
            S("password_punct", "ini_password", "[client]\nuser = %s\npassword = %s\nhost = %s" % (u, p, h), [p])
        elif c == 4:
            p = pw(punct="!#$%&*+-.<=>?@^_~/:,()")
            S("password_punct", "java_properties_password", "spring.datasource.url=jdbc:postgresql://%s:5432/app\nspring.datasource.username=%s\nspring.datasource.password=%s" % (h, u, p), [p])
        elif c == 5:
            p = pw(punct="!#$%&*+-.<=>?@^_~/:,")
            S("password_punct", "python_dict_repr_log", a2log("Connection params: {'host': '%s', 'user': '%s', 'password': '%s', 'port': 3306}" % (h, u, p)), [p])
        elif c == 6:
            p = pw(punct="!#$%&*+-.<=>?@^_~/:,[]")
            S("password_punct", "yaml_double_quoted_password", "database:\n  username: %s\n  password: \"%s\"\n  sslmode: require" % (u, p), [p])
        elif c == 7:
            p = pw(punct="!#$%&*+-.<=>?@^_~/:,[]")
            S("password_punct", "odbc_pwd_braced", "Driver={ODBC Driver 18 for SQL Server};Server=tcp:%s,1433;Database=sales;Uid=%s;Pwd={%s};Encrypt=yes;" % (h, u, p), [p])
        elif c == 8:
            p = pw(punct="!#$%&*+-.<=>?^_~/,[]")
            S("password_punct", "sqlalchemy_url_raw_in_traceback", "sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at \"%s\" failed\n(Background on this error at: https://sqlalche.me/e/20/e3q8)\n  engine = create_engine(\"postgresql+psycopg2://%s:%s@%s/analytics\")" % (h, u, p, h), [p])
        elif c == 9:
            p = pw(punct="!#$%&*+-.<=>?@^_~/:,")
            S("password_punct", "redis_conf_requirepass", "bind 0.0.0.0\nprotected-mode yes\nrequirepass %s\nmaxmemory 2gb" % p, [p])
        elif c == 10:
            p = pw(punct="!#$%*+-.=?@^_~")
            S("password_punct", "windows_net_use", "C:\\> net use Z: \\\\fileserver01\\exports /user:CORP\\%s %s /persistent:no" % (u, p), [p])
        else:
            p = pw(punct="!#$%&*+-.<=>?@^_~/:,")
            S("password_punct", "xml_config_password", "<dataSource>\n  <user>%s</user>\n  <password>%s</password>\n</dataSource>" % (u, p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")), [p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")])

# ------------------------------------------------------------------ statement_command
def gen_statement():
    fns = []
    def sql_create(): p = pw(punct="!#$%&*+-.?@^_~"); return "sql_create_user_password", "CREATE USER %s WITH PASSWORD '%s';" % (user(), p), [p]
    def sql_alter(): p = pw(punct="!#$%&*+-.?@^_~"); return "sql_alter_role_password", a2log("Executing: ALTER ROLE %s WITH LOGIN PASSWORD '%s' VALID UNTIL '2026-12-31'" % (user(), p), "sql.py:%d" % R.randint(400, 560)), [p]
    def mysql_ident(): p = pw(punct="!#$%&*+-.?@^_~"); return "mysql_identified_by", "ALTER USER '%s'@'%%' IDENTIFIED BY '%s';" % (user(), p), [p]
    def snow_alter(): p = pw(punct="!#$%*+-.?@^_~"); return "snowflake_alter_user_password", "alter user %s set password = '%s' must_change_password = false;" % (user().upper(), p), [p]
    def mssql_login(): p = pw(punct="!#$%*+-.?@^_~"); return "mssql_create_login", "CREATE LOGIN [%s] WITH PASSWORD = N'%s', CHECK_POLICY = OFF;" % (user(), p), [p]
    def mysql_cli(): p = plainpw(); return "mysql_cli_p_flag", a2log("Running command: ['bash', '-c', 'mysqldump -h %s -u %s -p%s --single-transaction sales > /tmp/sales.sql']" % (host(), user(), p), "subprocess.py:75"), [p]
    def pgpassword(): p = pw(punct="!#%*+-.?@^_~"); return "pgpassword_env_inline", "PGPASSWORD='%s' psql -h %s -U %s -d dwh -c 'select 1'" % (p, host(), user()), [p]
    def docker_login(): p = "dckr_pat_" + rs(B64U, 27); return "docker_login_password_flag", "+ docker login -u ci-bot -p %s registry.example.com\nWARNING! Using --password via the CLI is insecure. Use --password-stdin." % p, [p]
    def stdin_pipe(): p = plainpw(20); return "echo_pipe_password_stdin", "$ echo '%s' | docker login ghcr.io -u acme-ci --password-stdin\nLogin Succeeded" % p, [p]
    def sshpass(): p = pw(punct="!#%*+-.?@^_~"); return "sshpass_p_flag", "sshpass -p '%s' scp -o StrictHostKeyChecking=no report.csv %s@%s:/data/in/" % (p, user(), host()), [p]
    def curl_u(): p = pw(punct="!#%*+-.?@^_~"); return "curl_user_colon_password", "curl -fsS -u %s:'%s' https://nexus.corp.example.net/service/rest/v1/status" % (user(), p), [p]
    def redis_cli(): p = plainpw(32); return "redis_cli_a_flag", "redis-cli -h %s -p 6379 -a %s --no-auth-warning INFO keyspace" % (host(), p), [p]
    def mongosh(): p = pw(punct="!#%*+-.?^_~"); return "mongosh_password_flag", "mongosh \"mongodb://%s:27017/admin\" --username root --password '%s' --eval 'db.stats()'" % (host(), p), [p]
    def kubectl_secret(): p = plainpw(24); return "kubectl_from_literal", "kubectl -n airflow create secret generic pg-creds --from-literal=username=%s --from-literal=password=%s" % (user(), p), [p]
    def az_login(): p = rs(AN, 3) + "8Q~" + rs(AN + "_.~-", 34); return "az_login_sp_password", "az login --service-principal -u %s -p %s --tenant %s" % (uuid4(), p, uuid4()), [p]
    def openssl(): p = plainpw(); return "openssl_passout", "openssl pkcs12 -export -in client.crt -inkey client.key -out client.p12 -passout pass:%s" % p, [p]
    def keytool(): p = plainpw(); return "keytool_storepass", "keytool -importcert -alias kafka-ca -file ca.pem -keystore truststore.jks -storepass %s -noprompt" % p, [p]
    def sqlcmd(): p = pw(punct="!#%*+-.?@^_~"); return "sqlcmd_P_flag", "sqlcmd -S %s -U sa -P \"%s\" -Q \"SELECT @@VERSION\"" % (host(), p), [p]
    def airflow_users(): p = plainpw(16); return "airflow_users_create_password", "airflow users create --username ops --firstname Ops --lastname Team --role Admin --email ops@example.com --password %s" % p, [p]
    def htpasswd(): p = plainpw(16); return "htpasswd_b_flag", "htpasswd -bBc /etc/nginx/.htpasswd flower %s" % p, [p]
    def rabbitmqctl(): p = plainpw(20); return "rabbitmqctl_add_user", "rabbitmqctl add_user airflow_celery %s && rabbitmqctl set_permissions -p / airflow_celery '.*' '.*' '.*'" % p, [p]
    def bash_op(): p = pw(punct="!#%*+-.?@^_~"); return "bash_operator_rendered_cmd", a2log("Running command: ['/usr/bin/bash', '-c', \"sftp_upload.sh --host %s --user %s --password '%s'\"]" % (host(), user(), p), "subprocess.py:%d" % R.randint(70, 99)), [p]
    def hdbsql(): p = plainpw(); return "lftp_open_u", "lftp -e 'mirror -R /out /in; bye' -u %s,%s sftp://%s" % (user(), p, host()), [p]
    def vault_write(): p = plainpw(22); return "vault_kv_put_password", "vault kv put secret/airflow/connections/pg_dwh login=%s password=%s" % (user(), p), [p]
    fns = [sql_create, sql_alter, mysql_ident, snow_alter, mssql_login, mysql_cli, pgpassword, docker_login, stdin_pipe, sshpass, curl_u, redis_cli,
           mongosh, kubectl_secret, az_login, openssl, keytool, sqlcmd, airflow_users, htpasswd, rabbitmqctl, bash_op, hdbsql, vault_write]
    for f in fns:
        for _ in range(4):
            fmt, t, s = f(); S("statement_command", fmt, t, s)

# ------------------------------------------------------------------ encoded
def gen_encoded():
    for i in range(4):
        u = user(); p = pw(punct="!#$%&*+-.?@^_~/:"); q = urllib.parse.quote(p, safe="")
        S("encoded", "airflow_conn_uri_percent_encoded", "AIRFLOW_CONN_WAREHOUSE='postgres://%s:%s@%s:5432/dwh?sslmode=require'" % (u, q, host()), [q])
        p = pw(punct="!$&*+-.?@^_~/:"); q = urllib.parse.quote_plus(p)
        S("encoded", "form_urlencoded_password", "send: b'grant_type=password&username=%s&password=%s&client_id=airflow'" % (u, q), [q])
        creds = "%s:%s" % (u, pw(punct="!#$%*+-.?@^_~")); e = b64(creds)
        S("encoded", "basic_auth_header_b64", a2log("Request headers: {'Accept': 'application/json', 'Authorization': 'Basic %s'}" % e), [e])
        p = pw(punct="!#$%&*+-.?@^_~/\\\""); jp = json.dumps(p)[1:-1]
        t = json.dumps({"key": "etl_config", "value": json.dumps({"db": {"user": u, "password": p}})}); S("encoded", "json_escaped_password", t, [inform(p, t)])
        p = plainpw(20); e = b64(p)
        S("encoded", "k8s_secret_data_b64", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: airflow-metadata\ntype: Opaque\ndata:\n  username: %s\n  password: %s" % (b64(u), e), [e])
        key_pem = "-----BEGIN EC PRIVATE KEY-----\n" + base64.b64encode(rbytes(121)).decode() + "\n-----END EC PRIVATE KEY-----\n"
        e = b64(key_pem)
        S("encoded", "kubeconfig_client_key_data", "users:\n- name: airflow-deployer\n  user:\n    client-certificate-data: %s\n    client-key-data: %s" % (base64.b64encode(rbytes(90)).decode(), e), [e])
        p = plainpw(18); e = b64("%s:%s" % ("ci-bot", p))
        S("encoded", "docker_config_json_auths", json.dumps({"auths": {"registry.example.com": {"auth": e}}}), [e])
        p = plainpw(20); e = b64(p)
        S("encoded", "npmrc_password_b64", "//npm.pkg.example.com/:username=ci\n//npm.pkg.example.com/:_password=%s\n//npm.pkg.example.com/:email=ci@example.com" % e, [e])
        p = pw(punct="!#$%*+-.?@^_~"); inner = json.dumps({"password": p, "host": host()}); dbl = json.dumps(json.dumps(inner))
        esc = json.dumps(json.dumps(p)[1:-1])[1:-1]
        esc2 = json.dumps(json.dumps(esc)[1:-1])[1:-1]
        t = json.dumps({"dag_id": dag(), "key": "cfg", "value": json.dumps({"payload": inner})})
        S("encoded", "json_in_json_in_json", t, [inform(p, t)])
        p = pw(punct="!#$%*+-.?@^_~&<>"); x = p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        S("encoded", "xml_escaped_password_maven", "<server>\n  <id>releases</id>\n  <username>deploy</username>\n  <password>%s</password>\n</server>" % x, [x])
        p = pw(punct="!#$%*+-.?@^_~/:"); q = urllib.parse.quote(p, safe="")
        S("encoded", "jdbc_url_password_param", a2log("JDBC url: jdbc:sqlserver://%s:1433;databaseName=erp;user=%s;password=%s;encrypt=true" % (host(), u, p), "jdbc.py:%d" % R.randint(60, 90)) if "%" not in p else "jdbc:mysql://%s:3306/erp?user=%s&password=%s&useSSL=true" % (host(), u, q), [p if "%" not in p else q])
        p = plainpw(16); e = b64("\0%s\0%s" % ("alerts@example.com", p))
        S("encoded", "smtp_auth_plain_b64", "send: 'ehlo [10.0.3.7]\\r\\n'\nsend: 'AUTH PLAIN %s\\r\\n'\nreply: b'235 2.7.0 Authentication successful\\r\\n'" % e, [e])
        p = plainpw(18); q = urllib.parse.quote(pw(punct="@:/#?"), safe="")
        S("encoded", "amqp_broker_url_percent", "AIRFLOW__CELERY__BROKER_URL=amqp://airflow:%s@rabbitmq.airflow.svc:5672/airflow" % q, [q])
        p = pw(punct="!#%*+-.?@^_~"); p2 = plainpw(9); sh = "'" + p + "'\\''" + p2 + "'"
        S("encoded", "shell_quoted_embedded_quote", "export SNOWFLAKE_PASSWORD=%s" % sh, [p, p2])
        p = plainpw(22); e = base64.b64encode(json.dumps({"username": u, "password": p}).encode()).decode()
        S("encoded", "b64_json_blob_variable", json.dumps({"key": "partner_sftp_blob", "value": e, "description": "base64 json"}), [e])

# ------------------------------------------------------------------ split_webhook
def gen_split():
    for _ in range(4):
        tid = "T" + rs(UP + DG, 10); bid = "B" + rs(UP + DG, 10); sec = rs(AN, 24)
        t = json.dumps({"connection_id": "slack_default", "conn_type": "http", "host": "https://hooks.slack.com/services", "login": None, "password": "/%s/%s/%s" % (tid, bid, sec), "extra": None})
        S("split_webhook", "slack_webhook_in_password_field", t, [sec])
        sec = rs(AN, 24)
        S("split_webhook", "slack_webhook_split_vars", "SLACK_HOST=hooks.slack.com\nSLACK_PATH=/services/%s/%s\nSLACK_KEY=%s" % (tid, bid, sec), [sec])
        sec = rs(AN, 24)
        S("split_webhook", "slack_webhook_split_log_lines", a2log("webhook base: https://hooks.slack.com/services/%s/%s/" % (tid, bid)) + "\n" + a2log("webhook suffix: %s" % sec), [sec])
        sec = hx(32)
        S("split_webhook", "teams_webhook_extra", json.dumps({"webhook_host": "acme.webhook.office.com", "webhook_path": "/webhookb2/%s@%s/IncomingWebhook/%s/%s" % (uuid4(), uuid4(), sec, uuid4())}), [sec])
        k = rs(B64U, 43); key = "AAAA" + rs(B64U, 7); gk = "AIzaSy" + rs(B64U, 33)
        S("split_webhook", "google_chat_webhook_key_token", "chat_webhook = \"https://chat.googleapis.com/v1/spaces/%s/messages?key=%s&token=%s\"" % (key, gk, k), [gk, k])
        sec = rs(B64U, 68)
        S("split_webhook", "discord_webhook_dict", "{'webhook_id': '%s', 'webhook_token': '%s'}" % (rs(DG, 19), sec), [sec])
        sec = hx(64)
        S("split_webhook", "dingtalk_access_token_query", a2log("POST https://oapi.dingtalk.com/robot/send?access_token=%s" % sec), [sec])
        sec = uuid4()
        S("split_webhook", "feishu_hook_uuid", "FEISHU_WEBHOOK=https://open.feishu.cn/open-apis/bot/v2/hook/%s" % sec, [sec])
    # fix google chat line to list both key + token
    for r in records:
        if r["format"] == "split_webhook:x": pass

# ------------------------------------------------------------------ random_purpose_name
def gen_random_purpose():
    def fernet(): return base64.urlsafe_b64encode(rbytes(32)).decode()
    items = [
        ("fernet_key_env", lambda: (lambda v: ("AIRFLOW__CORE__FERNET_KEY=%s" % v, v))(fernet())),
        ("flask_secret_key_cfg", lambda: (lambda v: ("[webserver]\nsecret_key = %s" % v, v))(b64url_nopad(rbytes(24)))),
        ("jwt_signing_secret", lambda: (lambda v: ("jwt_signing: %s" % v, v))(hx(64))),
        ("hmac_salt", lambda: (lambda v: ("HMAC_SALT=%s" % v, v))(rs(AN, 32))),
        ("encryption_seed", lambda: (lambda v: ("{\"cipher_seed\": \"%s\", \"mode\": \"GCM\"}" % v, v))(base64.b64encode(rbytes(32)).decode())),
        ("cookie_signing", lambda: (lambda v: ("SESSION_COOKIE_SIGNER = \"%s\"" % v, v))(rs(AN + "!@#%^*-_", 50))),
        ("unlock_code", lambda: (lambda v: ("vault_unseal_share_1: %s" % v, v))(base64.b64encode(rbytes(33)).decode())),
        ("webhook_signing", lambda: (lambda v: ("GITHUB_WEBHOOK_SIG_KEY=%s" % v, v))(hx(40))),
        ("django_key", lambda: (lambda v: ("DJANGO_KEY = '%s'" % v, v))("django-insecure-" + rs(LO + DG + "!@#$%^&*(-_=+)", 50))),
        ("rails_master", lambda: (lambda v: ("RAILS_MASTER_KEY=%s" % v, v))(hx(32))),
        ("erlang_cookie", lambda: (lambda v: ("RABBITMQ_ERLANG_COOKIE=%s" % v, v))(rs(UP, 20))),
        ("pepper", lambda: (lambda v: ("auth:\n  pepper: %s" % v, v))(rs(AN, 40))),
        ("nextauth", lambda: (lambda v: ("NEXTAUTH_SIGNING=%s" % v, v))(base64.b64encode(rbytes(32)).decode())),
        ("celery_result_signing", lambda: (lambda v: (a2log("security_key loaded for celery signing: %s" % v), v))(hx(48))),
        ("lock_pin", lambda: (lambda v: ("door_lock_pin_admin=%s" % v, v))(rs(DG, 8))),
        ("kafka_sasl_jaas", lambda: (lambda v: ("sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%s\" password=\"%s\";" % (rs(UP + DG, 16), v), v))(rs(B64, 64))),
        ("minio_root", lambda: (lambda v: ("MINIO_ROOT_USER=minioadmin\nMINIO_ROOT_PASS=%s" % v, v))(rs(AN, 32))),
        ("signing_nonce_xcom", lambda: (lambda v: (json.dumps({"key": "upload_sig", "value": {"sig_key": v, "expires": 3600}}), v))(b64url_nopad(rbytes(32)))),
        ("license_unlock", lambda: (lambda v: ("LICENSE_UNLOCK=%s" % v, v))("-".join(rs(UP + DG, 5) for _ in range(5)))),
        ("init_vector_and_key", lambda: (lambda v: ("aes:\n  iv: 00000000000000000000000000000000\n  k: %s" % v, v))(hx(64))),
    ]
    for fmt, f in items:
        for _ in range(4):
            t, v = f(); S("random_purpose_name", fmt, t, [v])

# ------------------------------------------------------------------ airflow_context
def gen_airflow():
    for _ in range(4):
        u = user(); p = plainpw(18)
        S("airflow_context", "airflow_connections_get_cli", "$ airflow connections get pg_dwh -o yaml\npg_dwh:\n  conn_type: postgres\n  host: %s\n  login: %s\n  password: %s\n  port: 5432\n  schema: dwh" % (host(), u, p), [p])
        p = plainpw(20)
        S("airflow_context", "airflow_connections_export_json", json.dumps({"mysql_erp": {"conn_type": "mysql", "host": host(), "login": u, "password": p, "port": 3306, "extra": ""}}, indent=2), [p])
        p = plainpw(20); t = "$ airflow connections add sftp_partner --conn-uri 'sftp://%s:%s@sftp.partner.example:22/?key_file=%%2Fopt%%2Fkey'" % (u, p)
        S("airflow_context", "airflow_connections_add_uri", t, [p])
        v = rs(AN, 32)
        S("airflow_context", "variable_json_value_v2_unmasked", json.dumps({"key": "partner_feed_credentials", "value": json.dumps({"client_id": "feed-%d" % R.randint(100, 999), "client_secret": v}), "description": None, "is_encrypted": True}), [v])
        v = hx(40)
        S("airflow_context", "variable_non_sensitive_key", json.dumps({"key": "hello", "value": v, "description": "dont ask"}), [v])
        p = plainpw(16)
        S("airflow_context", "rendered_template_fields", json.dumps({"rendered_fields": {"bash_command": "PGPASSWORD=%s pg_dump -h %s dwh > /tmp/dwh.sql" % (p, host()), "env": None}}), [p])
        tok = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + b64url_nopad(json.dumps({"sub": u, "exp": R.randint(1.7e9, 1.8e9)}).encode()) + "." + b64url_nopad(rbytes(32))
        S("airflow_context", "http_hook_debug_headers", a2log("Sending 'POST' to url: https://%s/v1/jobs with headers {'Authorization': 'Bearer %s'}" % (pick(API_HOSTS), tok), "http.py:%d" % R.randint(180, 200)), [tok])
        p = plainpw(18)
        S("airflow_context", "sql_alchemy_conn_env", "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=postgresql+psycopg2://airflow:%s@airflow-pg:5432/airflow" % p, [p])
        p = plainpw(18)
        S("airflow_context", "celery_result_backend_cfg", "[celery]\nresult_backend = db+postgresql://airflow:%s@airflow-pg/airflow\nworker_concurrency = 16" % p, [p])
        p = plainpw(20)
        S("airflow_context", "kpo_env_from_xcom_log", a3log("Pod env: DB_URL=mysql://%s:%s@%s/erp" % (u, p, host()), "airflow.providers.cncf.kubernetes.utils.pod_manager"), [p])
        sa = {"type": "service_account", "project_id": "acme-data-%d" % R.randint(100, 999), "private_key_id": hx(40),
              "private_key": "-----BEGIN PRIVATE KEY-----\n" + "\n".join(base64.b64encode(rbytes(48)).decode() for _ in range(5)) + "\n-----END PRIVATE KEY-----\n",
              "client_email": "airflow@acme.iam.gserviceaccount.com", "client_id": rs(DG, 21)}
        extra = json.dumps({"keyfile_dict_raw": json.dumps(sa), "project": sa["project_id"]})
        pk_esc = json.dumps(json.dumps(sa["private_key"])[1:-1])[1:-1]
        t = json.dumps({"connection_id": "google_cloud_default", "conn_type": "google_cloud_platform", "extra": extra})
        S("airflow_context", "gcp_keyfile_json_in_extra", t, [inform(sa["private_key"], t), sa["private_key_id"]])
        p = plainpw(16)
        S("airflow_context", "task_log_print_password", a2log("DEBUG creds -> user=%s pass=%s" % (u, p), "logging_mixin.py:190"), [p], registered=[p])
        p = plainpw(20)
        S("airflow_context", "import_error_stacktrace", json.dumps({"import_error_id": R.randint(1, 90), "timestamp": isoz(), "filename": "/opt/airflow/dags/%s.py" % dag(),
               "stack_trace": "Traceback (most recent call last):\n  File \"/opt/airflow/dags/x.py\", line 12, in <module>\n    conn = psycopg2.connect(host='%s', password='%s')\npsycopg2.OperationalError: timeout" % (host(), p)}), [p])
        p = plainpw(20)
        S("airflow_context", "secrets_backend_kwargs", "AIRFLOW__SECRETS__BACKEND_KWARGS={\"connections_path\": \"airflow/connections\", \"url\": \"https://vault:8200\", \"auth_type\": \"approle\", \"role_id\": \"%s\", \"secret_id\": \"%s\"}" % (uuid4(), p), [p])
        p = plainpw(18)
        S("airflow_context", "event_log_extra_cli", json.dumps({"event_log_id": R.randint(1000, 99999), "when": isoz(), "event": "cli_connections_add", "owner": "airflow", "extra": "{\"host_name\": \"scheduler-0\", \"full_command\": \"['airflow', 'connections', 'add', 'ftp_x', '--conn-password', '%s']\"}" % p}), [p])
        p = plainpw(18)
        S("airflow_context", "smtp_config_password", "[smtp]\nsmtp_host = smtp.sendgrid.net\nsmtp_user = apikey\nsmtp_password = %s\nsmtp_port = 587" % p, [p])

# ------------------------------------------------------------------ registered
def gen_registered():
    for i in range(35):
        c = i % 7; p = plainpw(R.randint(12, 20))
        if c == 0: t = "id,host,login,secret_value_plain\n%d,%s,%s,%s" % (R.randint(1, 99), host(), user(), p); f = "csv_row_bare"
        elif c == 1: t = a2log(p, "logging_mixin.py:190"); f = "bare_stdout_line"
        elif c == 2: t = a3log("Fetched value for pg_dwh -> %s (cached)" % p, "task.stdout"); f = "echoed_in_prose"
        elif c == 3: t = json.dumps({"dag_id": dag(), "task_id": task(), "key": "return_value", "value": [user(), p, host()]}); f = "xcom_list_value"
        elif c == 4: t = "+ echo %s\n%s" % (p, p); f = "shell_xtrace_echo"
        elif c == 5: t = "| %s | %s | %s |" % (user(), host(), p); f = "markdown_table_cell"
        else: t = a2log("Retrying login with %s after 3 failures" % p); f = "prose_retry"
        S("registered", "registered:" + f, t, [p], registered=[p])

# ------------------------------------------------------------------ other
def pem(kind, nlines):
    body = "\n".join(base64.b64encode(rbytes(48)).decode() for _ in range(nlines)) + "\n" + base64.b64encode(rbytes(R.randint(10, 40))).decode()
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, body, kind)
BIP = ["abandon", "ability", "absorb", "acid", "across", "actor", "adapt", "agent", "alarm", "album", "alpha", "amount", "anchor", "apple", "arena", "armor",
       "bacon", "badge", "banana", "barrel", "beach", "bench", "blanket", "bridge", "cabin", "cactus", "canal", "carbon", "cereal", "chalk", "crane", "dawn"]
def gen_other():
    items = []
    for _ in range(4):
        k = pem("RSA PRIVATE KEY", 8); S("other", "pem_rsa_private_key", "ssh_private_key: |\n  " + k.replace("\n", "\n  "), [k.replace("\n", "\n  ")])
        k = pem("OPENSSH PRIVATE KEY", 6); S("other", "pem_openssh_private_key", json.dumps({"connection_id": "ssh_bastion", "conn_type": "ssh", "extra": json.dumps({"private_key": k, "no_host_key_check": True})}), [jesc(k, 2)])
        k = pem("ENCRYPTED PRIVATE KEY", 7); pp = plainpw(14)
        S("other", "snowflake_p8_key_and_passphrase", "private_key_content = \"\"\"%s\"\"\"\nprivate_key_passphrase = \"%s\"" % (k, pp), [k, pp])
        k = pem("PGP PRIVATE KEY BLOCK", 9); S("other", "pgp_private_key_block", a2log("Importing signing key:\n" + k), [k])
        k = pem("EC PRIVATE KEY", 3); S("other", "pem_ec_private_key_json_escaped", json.dumps({"tls_key": k}), [json.dumps(k)[1:-1]])
        codes = ["%s-%s" % (rs(LO + DG, 5), rs(LO + DG, 5)) for _ in range(4)]
        S("other", "recovery_codes", "GitHub recovery codes for svc-airflow (keep safe):\n" + "\n".join(codes), codes)
        otp = rs(DG, 6); S("other", "one_time_code_sms", "Your Okta verification code is %s. It expires in 5 minutes." % otp, [otp])
        sec = rs(B32, 32); S("other", "totp_otpauth_uri", "otpauth://totp/Acme:airflow-admin?secret=%s&issuer=Acme&digits=6" % sec, [sec])
        seed = " ".join(pick(BIP) for _ in range(12)); S("other", "wallet_seed_phrase", "WALLET_MNEMONIC=\"%s\"" % seed, [seed])
        jwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ." + b64url_nopad(json.dumps({"sub": "svc-etl", "aud": "airflow", "exp": 1790000000 + R.randint(0, 9999999)}).encode()) + "." + rs(B64U, 342)
        S("other", "jwt_in_cookie_header", "Cookie: _ga=GA1.2.%d.%d; session_jwt=%s; theme=dark" % (R.randint(1e8, 9e8), R.randint(1e9, 1.7e9), jwt), [jwt])
        sess = rs(B64U, 22) + "." + rs(B64U, 6) + "." + rs(B64U, 27)
        S("other", "flask_session_set_cookie", "< HTTP/1.1 302 FOUND\n< Set-Cookie: session=.%s; HttpOnly; Path=/; SameSite=Lax" % sess, ["." + sess])
        p = plainpw(16); S("other", "imap_login_cmd", "C: a001 LOGIN reports@example.com %s\nS: a001 OK LOGIN completed" % p, [p])
        p = plainpw(18); S("other", "ftp_pass_transcript", "*cmd* 'USER partner_drop'\n*resp* '331 Please specify the password.'\n*cmd* 'PASS %s'\n*resp* '230 Login successful.'" % p, [p])
        p = plainpw(16); S("other", "wifi_psk", "network={\n    ssid=\"warehouse-iot\"\n    psk=\"%s\"\n}" % p, [p])
        p = plainpw(20); S("other", "java_stacktrace_with_password", "java.sql.SQLException: Access denied for user 'etl'@'10.0.0.4' (using password: YES)\n\tat com.mysql.cj.jdbc.ConnectionImpl.createNewIO(ConnectionImpl.java:836)\nCaused by: url=jdbc:mysql://%s/erp?user=etl&password=%s" % (host(), p), [p])
        p = plainpw(16); S("other", "go_dsn_in_panic", "panic: dial tcp: lookup failed\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:42 +0x1a5\nDSN=%s:%s@tcp(%s:3306)/events?parseTime=true" % (user(), p, host()), [p])
        p = plainpw(20); S("other", "node_connection_string_mongodb_srv", "MongoServerError: bad auth : authentication failed\n    at Connection.onMessage (/app/node_modules/mongodb/lib/cmap/connection.js:207:30)\n  uri: 'mongodb+srv://%s:%s@cluster0.ab1cd.mongodb.net/?retryWrites=true'" % (user(), p), [p])
        k = "AccountKey=" ; v = rs(B64, 86) + "=="
        S("other", "azure_storage_connection_string", "DefaultEndpointsProtocol=https;AccountName=acmedatalake;AccountKey=%s;EndpointSuffix=core.windows.net" % v, [v])
        sig = urllib.parse.quote(base64.b64encode(rbytes(32)).decode(), safe="")
        S("other", "azure_sas_sig_param", "https://acmedatalake.blob.core.windows.net/raw/events.parquet?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-01-01T00:00:00Z&spr=https&sig=%s" % sig, [sig])
        sig = hx(64); S("other", "s3_presigned_url_signature", a2log("Presigned: https://acme-exports.s3.amazonaws.com/r.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=%s%%2F20250301%%2Fus-east-1%%2Fs3%%2Faws4_request&X-Amz-Date=20250301T101010Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=%s" % ("AKIA" + "Q" * 0 + rs(B32, 16), sig)), [sig])
        p = rs(AN, 30); S("other", "oauth_token_response", json.dumps({"access_token": p, "token_type": "Bearer", "expires_in": 3599, "refresh_token": None, "scope": "read write"}), [p])
        cs = rs(AN + "-_.~", 40); S("other", "oauth_client_credentials_body", "POST /oauth2/token HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\ngrant_type=client_credentials&client_id=etl-%d&client_secret=%s" % (R.randint(100, 999), cs), [cs])
        p = plainpw(20); S("other", "ldap_bind_password", "AUTH_LDAP_BIND_DN = \"cn=airflow,ou=svc,dc=corp,dc=example\"\nAUTH_LDAP_BIND_PASSWORD = \"%s\"" % p, [p])
        p = plainpw(14); S("other", "snmp_community_string", "snmp-server community %s RO 10" % p, [p])
    # fix S3 presign AKIA also secret: list it
    for r in records:
        if r["format"] == "s3_presigned_url_signature":
            import re
            m = re.search(r"X-Amz-Credential=(AKIA[A-Z2-7]{16})", r["text"])
            if m and m.group(1) not in r["secrets"]: r["secrets"].append(m.group(1))

# ------------------------------------------------------------------ harmless
def sha256(): return hx(64)
def gitsha(): return hx(40)
def pod(): return "%s-%s-%s" % (dag().replace("_", "-")[:20], task().replace("_", "-"), rs(LO + DG, 8))
def b64d(n): return base64.b64encode(rbytes(n)).decode()

HC = 0
N_H = {"cli_output": 44, "api_server_log": 44, "reference": 78, "near_miss": 86}
def gen_harmless():
    # api_json
    def api():
        global HC; c = HC = R.randrange(12)
        if c == 0: return json.dumps({"dag_id": dag(), "is_paused": pick([True, False]), "is_active": True, "fileloc": "/opt/airflow/dags/%s.py" % dag(), "file_token": "Ii9vcHQvYWlyZmxvdy9kYWdzL" + rs(B64U, 20) + "." + rs(B64U, 27), "owners": ["data-eng"], "timetable_description": "At 02:00", "tags": [{"name": "etl"}]})
        if c == 1: return json.dumps({"dag_run_id": runid(), "dag_id": dag(), "logical_date": isoz(), "state": pick(["success", "failed", "running", "queued"]), "run_type": pick(["scheduled", "manual"]), "conf": {}, "note": None})
        if c == 2: return json.dumps({"task_id": task(), "dag_id": dag(), "dag_run_id": runid(), "map_index": -1, "try_number": R.randint(1, 3), "state": "success", "hostname": pod(), "pid": R.randint(100, 40000), "executor_config": "{}", "id": uuid4(), "pool": "default_pool"})
        if c == 3: return json.dumps({"connection_id": pick(["aws_default", "pg_dwh", "slack_alerts"]), "conn_type": pick(["aws", "postgres", "http"]), "description": "managed by terraform", "host": host(), "login": user(), "schema": "dwh", "port": 5432, "password": "***", "extra": json.dumps({"region_name": "eu-west-1", "sslmode": "require"})})
        if c == 4: return json.dumps({"pools": [{"name": "default_pool", "slots": 128, "occupied_slots": R.randint(0, 20), "running_slots": R.randint(0, 20), "queued_slots": R.randint(0, 9), "open_slots": R.randint(90, 128), "description": "Default pool"}], "total_entries": 1})
        if c == 5: return json.dumps({"import_errors": [{"import_error_id": R.randint(1, 99), "timestamp": isoz(), "filename": "/opt/airflow/dags/%s.py" % dag(), "stack_trace": "ModuleNotFoundError: No module named 'pandas_gbq'"}], "total_entries": 1})
        if c == 6: return json.dumps({"dag_id": dag(), "task_id": task(), "run_id": runid(), "key": "return_value", "value": {"rows": R.randint(0, 99999), "s3_key": "s3://acme-raw/%s/part-%05d.parquet" % (day(), R.randint(0, 999)), "md5": hx(32)}, "timestamp": isoz()})
        if c == 7: return json.dumps({"event_log_id": R.randint(1, 99999), "when": isoz(), "dag_id": dag(), "task_id": task(), "event": pick(["trigger", "clear", "paused", "success"]), "owner": pick(["admin", "jdoe"]), "extra": "{\"host_name\": \"%s\"}" % pod()})
        if c == 8: return json.dumps({"key": pick(["env", "retention_days", "s3_bucket", "batch_size"]), "value": pick(["prod", "30", "acme-exports-eu", "5000"]), "description": None, "is_encrypted": False})
        if c == 9: return json.dumps({"version": pick(["2.10.5", "2.11.0", "3.0.2", "3.1.3"]), "git_version": ".release:" + gitsha()})
        if c == 10: return json.dumps({"metadatabase": {"status": "healthy"}, "scheduler": {"status": "healthy", "latest_scheduler_heartbeat": isoz()}, "triggerer": {"status": "healthy", "latest_triggerer_heartbeat": isoz()}})
        return json.dumps({"asset_events": [{"id": R.randint(1, 9999), "asset_id": R.randint(1, 99), "uri": "s3://acme-lake/curated/%s/" % dag(), "extra": {"from_rest_api": False}, "source_dag_id": dag(), "source_run_id": runid(), "timestamp": iso()}]})
    def tlog():
        global HC; c = HC = R.randrange(12)
        m = [lambda: "Dependencies all met for dep_context=non-requeueable deps ti=<TaskInstance: %s.%s %s [queued]>" % (dag(), task(), runid()),
             lambda: "Exporting env vars: AIRFLOW_CTX_DAG_OWNER='data-eng' AIRFLOW_CTX_DAG_ID='%s' AIRFLOW_CTX_TASK_ID='%s' AIRFLOW_CTX_TRY_NUMBER='1' AIRFLOW_CTX_DAG_RUN_ID='%s'" % (dag(), task(), runid()),
             lambda: "Using connection ID 'pg_dwh' for task execution.",
             lambda: "Marking task as SUCCESS. dag_id=%s, task_id=%s, run_id=%s, execution_date=%s, start_date=%s, end_date=%s" % (dag(), task(), runid(), day().replace("-", "") + "T000000", day().replace("-", "") + "T020011", day().replace("-", "") + "T020215"),
             lambda: "Uploaded s3://acme-exports/%s/report_%s.csv (%d bytes, ETag \"%s\")" % (dag(), day(), R.randint(1000, 9999999), hx(32)),
             lambda: "Task exited with return code 0",
             lambda: "Output: Rows affected: %d" % R.randint(0, 999999),
             lambda: "Connection password = *** user=%s host=%s" % (user(), host()),
             lambda: "Started process %d to run task" % R.randint(100, 99999),
             lambda: "Pod %s has phase Succeeded" % pod(),
             lambda: "Running statement: SELECT count(*) FROM staging.orders WHERE load_date = '%s', parameters: None" % day(),
             lambda: "Job %s completed in %.2fs, bytes processed %d" % (uuid4(), R.random() * 300, R.randint(1, 10**10))]
        return anylog(m[c]())
    def slog():
        global HC; c = HC = R.randrange(10)
        m = [lambda: "[%s] {scheduler_job_runner.py:%d} INFO - %d tasks up for execution:\n\t<TaskInstance: %s.%s %s [scheduled]>" % (ts2(), R.randint(400, 900), R.randint(1, 9), dag(), task(), runid()),
             lambda: "[%s] {scheduler_job_runner.py:%d} INFO - Setting the following tasks to queued state:" % (ts2(), R.randint(400, 900)),
             lambda: "[%s] {dagrun.py:%d} INFO - Marking run <DagRun %s @ %s: %s, state:running, queued_at: %s. externally triggered: False> successful" % (ts2(), R.randint(700, 900), dag(), isoz(), runid(), isoz()),
             lambda: "[%s] {manager.py:%d} INFO - DAG File Processing Stats: %d files, runtime %.3fs" % (ts2(), R.randint(100, 999), R.randint(10, 300), R.random() * 9),
             lambda: json.dumps({"timestamp": iso(), "level": "info", "event": "Exiting gracefully upon receiving signal 15", "logger": "airflow.jobs.scheduler_job_runner.SchedulerJobRunner"}),
             lambda: "[%s] {scheduler_job_runner.py:%d} INFO - Sending TaskInstanceKey(dag_id='%s', task_id='%s', run_id='%s', try_number=1, map_index=-1) to CeleryExecutor with priority 1 and queue default" % (ts2(), R.randint(400, 900), dag(), task(), runid()),
             lambda: "[%s] {triggerer_job_runner.py:%d} INFO - %d triggers currently running" % (ts2(), R.randint(300, 800), R.randint(0, 40)),
             lambda: "[%s] {scheduler_job_runner.py:%d} INFO - Adopting or resetting orphaned tasks for active dag runs" % (ts2(), R.randint(1500, 2100)),
             lambda: json.dumps({"timestamp": iso(), "level": "info", "event": "Trigger fired event", "name": "%s/%s/%s/-1/1 (ID %d)" % (dag(), runid(), task(), R.randint(1, 9999)), "result": "TriggerEvent<{'status': 'success'}>", "logger": "airflow.jobs.triggerer_job_runner"}),
             lambda: "[%s] {base_executor.py:%d} INFO - Executor reports execution of %s.%s run_id=%s exited with status success for try_number 1" % (ts2(), R.randint(200, 300), dag(), task(), runid())]
        return m[c]()
    def wlog():
        global HC; c = HC = R.randrange(9)
        m = [lambda: "[%s: INFO/MainProcess] Task airflow.providers.celery.executors.celery_executor_utils.execute_command[%s] received" % (ts2()[:-4], uuid4()),
             lambda: "[%s: INFO/ForkPoolWorker-%d] Task airflow.providers.celery.executors.celery_executor_utils.execute_command[%s] succeeded in %.6fs: None" % (ts2()[:-4], R.randint(1, 16), uuid4(), R.random() * 50),
             lambda: "[%s: INFO/MainProcess] Connected to redis://:**@airflow-redis:6379/0" % ts2()[:-4],
             lambda: "[%s: INFO/MainProcess] Connected to amqp://airflow:**@rabbitmq:5672//" % ts2()[:-4],
             lambda: " -------------- celery@%s v5.4.0 (opalescent)\n--- ***** -----\n-- ******* ---- Linux-5.15.0-1064-aws-x86_64-with-glibc2.36 %s" % (pod(), day()),
             lambda: "[%s: INFO/ForkPoolWorker-%d] [%s] Executing command in Celery: ['airflow', 'tasks', 'run', '%s', '%s', '%s', '--local', '--subdir', 'DAGS_FOLDER/%s.py']" % (ts2()[:-4], R.randint(1, 16), uuid4(), dag(), task(), runid(), dag()),
             lambda: json.dumps({"timestamp": iso(), "level": "info", "event": "Task finished", "ti_id": uuid4(), "exit_code": 0, "duration": round(R.random() * 600, 3), "final_state": "success", "logger": "supervisor"}),
             lambda: "[%s: WARNING/MainProcess] Substantial drift from celery@%s may mean clocks are out of sync.  Current drift is %d seconds." % (ts2()[:-4], pod(), R.randint(10, 400)),
             lambda: "[%s] {local_task_job_runner.py:%d} INFO - ::endgroup::" % (ts2(), R.randint(100, 300))]
        return m[c]()
    def nm():
        global HC; c = HC = R.randrange(22)
        m = [lambda: "sha256sum: %s  dist/acme_dags-1.%d.%d.tar.gz" % (sha256(), R.randint(0, 20), R.randint(0, 20)),
             lambda: '"node_modules/lodash": {"version": "4.17.21", "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz", "integrity": "sha512-%s"}' % b64d(64),
             lambda: "apache-airflow-providers-amazon==9.%d.0 \\\n    --hash=sha256:%s" % (R.randint(0, 9), sha256()),
             lambda: "commit %s\nAuthor: Data Eng Bot <bot@example.com>\nDate:   %s\n\n    bump dbt to 1.8.%d" % (gitsha(), day(), R.randint(0, 9)),
             lambda: "image: apache/airflow:2.10.5-python3.11@sha256:%s" % sha256(),
             lambda: 'ETag: "%s"' % hx(32),
             lambda: "traceparent: 00-%s-%s-01" % (hx(32), hx(16)),
             lambda: "X-Request-Id: %s" % uuid4(),
             lambda: "x-amz-request-id: %s\nx-amz-id-2: %s" % (rs(UP + DG, 16), b64d(56)),
             lambda: "Example only (AWS docs): AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
             lambda: "pod/%s   0/1   Completed   0   %dm" % (pod(), R.randint(1, 59)),
             lambda: "dataset_uri=s3://acme-lake/raw/events/dt=%s/hour=%02d/ checksum_crc32c=%s" % (day(), R.randint(0, 23), b64d(4)),
             lambda: "gs://acme-composer-%s/dags/%s.py generation=%d md5Hash=%s" % (hx(8), dag(), R.randint(10**15, 10**16), b64d(16)),
             lambda: "Downloading https://files.pythonhosted.org/packages/%s/%s/%s/pandas-2.2.3-cp311-cp311-manylinux_2_17_x86_64.whl" % (hx(2), hx(2), hx(60)),
             lambda: "continuation_token: eyJlbmRfb2ZfbG9nIjpmYWxzZSwibG9nX3BvcyI6%s" % rs(B64U, 8),
             lambda: "Build %s finished: digest sha256:%s size: %d" % (uuid4(), sha256(), R.randint(1000, 9999)),
             lambda: "spark.app.id=spark-%s  applicationId=application_%d_%04d" % (hx(32), R.randint(10**12, 10**13), R.randint(1, 9999)),
             lambda: "dbt manifest hash: %s  (sha1 %s)" % (hashlib.sha256(rbytes(8)).hexdigest(), hashlib.sha1(rbytes(8)).hexdigest()),
             lambda: "subresource integrity: sha384-%s" % b64d(48),
             lambda: "cron: '%d %d * * %s'   next_dagrun=%s" % (R.randint(0, 59), R.randint(0, 23), pick(["*", "1-5", "0"]), isoz()),
             lambda: "Placeholder for docs: SLACK_BOT_TOKEN=xoxb-your-bot-token-here, STRIPE_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx",
             lambda: "otel span_id=%s trace_id=%s service.name=airflow-worker" % (hx(16), hx(32))]
        return m[c]()
    def kw():
        global HC; c = HC = R.randrange(14)
        m = [lambda: anylog("Loaded tokenizer bert-base-uncased (vocab size 30522), max tokens 512"),
             lambda: anylog("token count: %d prompt, %d completion" % (R.randint(10, 4000), R.randint(10, 900))),
             lambda: anylog("Password reset email sent to user id %d" % R.randint(1, 9999)),
             lambda: anylog("Rotating secret for connection pg_dwh completed; new version staged in Secrets Manager"),
             lambda: "def get_api_key_from_vault(path: str) -> str:\n    \"\"\"Return the API key stored at path.\"\"\"",
             lambda: anylog("Authorization failed: 403 Forbidden for user %s (missing role Op)" % user()),
             lambda: "from airflow.providers.amazon.aws.hooks.secrets_manager import SecretsManagerHook",
             lambda: anylog("passwordless sudo is not configured for user airflow"),
             lambda: "# Never commit passwords; use a secrets backend instead.",
             lambda: anylog("OAuth token expired, refreshing (attempt %d/3)" % R.randint(1, 3)),
             lambda: "Private key auth enabled for Snowflake connection snowflake_default",
             lambda: anylog("The secret lies in the order of partitions; secret sauce = sorting by %s" % pick(["ts", "id", "region"])),
             lambda: "llm_settings: model=gpt-4o-mini max_completion_tokens=%d temperature=0.2" % R.randint(100, 4000),
             lambda: anylog("keyring backend: keyring.backends.fail.Keyring (no credential store)")]
        return m[c]()
    def ref():
        global HC; c = HC = R.randrange(13)
        m = [lambda: "bash_command='PGPASSWORD={{ conn.pg_dwh.password }} psql -h {{ conn.pg_dwh.host }} -f /sql/%s.sql'" % task(),
             lambda: "api_key_template = \"{{ var.value.partner_api_key }}\"".replace("api_key_template", "header_tmpl"),
             lambda: "arn:aws:secretsmanager:eu-west-1:%d:secret:airflow/connections/%s-%s" % (R.randint(10**11, 10**12 - 1), pick(["pg_dwh", "slack"]), rs(AN, 6)),
             lambda: "          valueFrom:\n            secretKeyRef:\n              name: airflow-%s\n              key: connection" % pick(["metadata", "broker-url", "fernet"]),
             lambda: "env_from = ${%s}" % pick(["DB_PASS_REF", "PARTNER_CREDENTIALS_PATH"]),
             lambda: "vault read -field=value secret/data/airflow/variables/%s" % pick(["partner_api", "smtp"]),
             lambda: "projects/acme-data-%d/secrets/airflow-connections-bigquery/versions/latest" % R.randint(100, 999),
             lambda: "https://acme-kv.vault.azure.net/secrets/airflow-connections-mssql/%s" % hx(32),
             lambda: "headers = {\"Authorization\": f\"Bearer {os.environ['PARTNER_TOKEN']}\"}",
             lambda: "AIRFLOW__SECRETS__BACKEND=airflow.providers.hashicorp.secrets.vault.VaultBackend",
             lambda: "conn = BaseHook.get_connection('%s')  # creds come from the backend" % pick(["pg_dwh", "mysql_erp"]),
             lambda: "ssm parameter: /airflow/variables/%s (SecureString, version %d)" % (pick(["hubspot", "stripe"]), R.randint(1, 30)),
             lambda: "sql_alchemy_conn_cmd = cat /run/secrets/airflow_db_uri"]
        return m[c]()
    def cfg():
        global HC; c = HC = R.randrange(12)
        m = [lambda: "[core]\nexecutor = %s\nparallelism = %d\nmax_active_tasks_per_dag = %d" % (pick(["CeleryExecutor", "KubernetesExecutor", "LocalExecutor"]), R.randint(16, 256), R.randint(4, 64)),
             lambda: "[scheduler]\ndag_dir_list_interval = %d\nparsing_processes = %d" % (R.randint(30, 600), R.randint(1, 8)),
             lambda: "[logging]\nremote_logging = True\nremote_base_log_folder = s3://acme-airflow-logs/%s\nremote_log_conn_id = aws_default" % pick(["prod", "stage"]),
             lambda: json.dumps({"sections": [{"name": "core", "options": [{"key": "fernet_key", "value": "< hidden >"}, {"key": "dags_folder", "value": "/opt/airflow/dags"}]}]}),
             lambda: "executor: CeleryExecutor\nworkers:\n  replicas: %d\n  resources:\n    limits: {cpu: '2', memory: 4Gi}" % R.randint(1, 12),
             lambda: "FROM apache/airflow:%s\nRUN pip install --no-cache-dir apache-airflow-providers-snowflake==%d.%d.0" % (pick(["2.10.5", "3.0.2"]), R.randint(5, 6), R.randint(0, 9)),
             lambda: "AIRFLOW__CORE__LOAD_EXAMPLES=False\nAIRFLOW__API__EXPOSE_CONFIG=non-sensitive-only",
             lambda: "[webserver]\nbase_url = https://airflow.%s.example.com\nworkers = %d" % (pick(["prod", "stage"]), R.randint(2, 8)),
             lambda: "resource \"aws_mwaa_environment\" \"main\" {\n  airflow_version = \"2.10.3\"\n  environment_class = \"mw1.%s\"\n}" % pick(["small", "medium"]),
             lambda: "[celery]\nworker_concurrency = %d\nbroker_url = redis://airflow-redis:6379/0" % R.randint(4, 32),
             lambda: "logging:\n  level: INFO\n  handlers: [console, file]\n  file: /var/log/airflow/%s.log" % pick(["scheduler", "api-server"]),
             lambda: "$ airflow config get-value core dags_folder\n/opt/airflow/dags"]
        return m[c]()
    def src():
        global HC; c = HC = R.randrange(10)
        m = [lambda: "with DAG(\n    dag_id=\"%s\",\n    schedule=\"%d %d * * *\",\n    start_date=pendulum.datetime(2024, 1, 1, tz=\"UTC\"),\n    catchup=False,\n) as dag:" % (dag(), R.randint(0, 59), R.randint(0, 23)),
             lambda: "%s = SQLExecuteQueryOperator(task_id=\"%s\", conn_id=\"pg_dwh\", sql=\"sql/%s.sql\")" % (task(), task(), task()),
             lambda: "@task(retries=%d)\ndef %s(ds=None, **context):\n    return {\"ds\": ds, \"rows\": 0}" % (R.randint(0, 5), task()),
             lambda: "upload = LocalFilesystemToS3Operator(task_id=\"upload\", filename=\"/tmp/out.csv\", dest_key=\"s3://acme-exports/{{ ds }}/out.csv\", aws_conn_id=\"aws_default\")",
             lambda: "orders = Asset(\"s3://acme-lake/curated/orders/\")\n\n@dag(schedule=[orders], tags=[\"asset\"])",
             lambda: "KubernetesPodOperator(task_id=\"%s\", image=\"ghcr.io/acme/etl:%s\", env_vars={\"LOG_LEVEL\": \"INFO\"}, get_logs=True)" % (task(), gitsha()[:12]),
             lambda: "extract >> transform >> [load_staging, notify_slack]",
             lambda: "default_args = {\"owner\": \"data-eng\", \"retries\": %d, \"retry_delay\": timedelta(minutes=%d), \"email_on_failure\": False}" % (R.randint(0, 5), R.randint(1, 30)),
             lambda: "HttpOperator(task_id=\"call_partner_api\", http_conn_id=\"partner_api\", endpoint=\"/v2/orders\", method=\"GET\", response_check=lambda r: r.status_code == 200)",
             lambda: "sensor = S3KeySensor(task_id=\"wait_for_file\", bucket_key=\"s3://acme-raw/%s/_SUCCESS\", poke_interval=%d, mode=\"reschedule\")" % (dag(), R.randint(30, 600))]
        return m[c]()
    def cli():
        global HC; c = HC = R.randrange(8)
        m = [lambda: "dag_id%s | fileloc%s | owners | is_paused\n%s | /opt/airflow/dags/%s.py | data-eng | %s" % (" " * 12, " " * 20, dag(), dag(), pick(["True", "False"])),
             lambda: "$ airflow tasks states-for-dag-run %s %s\ndag_id | execution_date | task_id | state | start_date\n%s | %s | %s | success | %s" % (dag(), runid(), dag(), isoz(), task(), isoz()),
             lambda: "$ airflow providers list\npackage_name                          | description | version\napache-airflow-providers-amazon        | Amazon integration | 9.%d.0\napache-airflow-providers-cncf-kubernetes | Kubernetes | 10.%d.0" % (R.randint(0, 9), R.randint(0, 9)),
             lambda: "$ airflow connections list -o plain\n%s  postgres  %s  %s" % (pick(["pg_dwh", "pg_replica"]), host(), user()),
             lambda: "$ airflow variables list\nkey\n===========\nretention_days\ns3_bucket\n%s" % pick(["batch_size", "env"]),
             lambda: "$ kubectl get pods -n airflow\nNAME                              READY   STATUS    RESTARTS   AGE\nairflow-scheduler-%s-%s   2/2     Running   0          %dd\nairflow-worker-%d                  2/2     Running   %d          %dh" % (hx(10), rs(LO + DG, 5), R.randint(1, 60), R.randint(0, 9), R.randint(0, 4), R.randint(1, 23)),
             lambda: "$ airflow dags trigger %s\nCreated <DagRun %s @ %s: %s, state:queued, queued_at: %s. externally triggered: True>" % (dag(), dag(), isoz(), "manual__" + isoz(), isoz()),
             lambda: "$ helm upgrade --install airflow apache-airflow/airflow -n airflow -f values.yaml --version 1.%d.0\nRelease \"airflow\" has been upgraded. Happy Helming!\nREVISION: %d" % (R.randint(10, 18), R.randint(2, 90))]
        return m[c]()
    def apis():
        global HC; c = HC = R.randrange(6)
        m = [lambda: "INFO:     10.%d.%d.%d:%d - \"GET /api/v2/dags/%s/dagRuns?limit=50&order_by=-run_after HTTP/1.1\" 200 OK" % (R.randint(0, 255), R.randint(0, 255), R.randint(0, 255), R.randint(30000, 60000), dag()),
             lambda: "%s - - [%s] \"GET /api/v1/dags/%s/dagRuns/%s/taskInstances/%s/logs/1?full_content=false HTTP/1.1\" 200 %d \"-\" \"python-httpx/0.27.0\"" % ("10.0.%d.%d" % (R.randint(0, 255), R.randint(0, 255)), ts2(), dag(), urllib.parse.quote(runid(), safe=""), task(), R.randint(100, 99999)),
             lambda: "[%s] {override.py:%d} INFO - Inserted Role: Viewer" % (ts2(), R.randint(1000, 2000)),
             lambda: json.dumps({"timestamp": iso(), "level": "info", "event": "Request finished", "method": "PATCH", "path": "/execution/task-instances/%s/state" % uuid4(), "status_code": 204, "duration_ms": R.randint(2, 400), "logger": "airflow.api_fastapi.execution_api"}),
             lambda: "[%s] [%d] [INFO] Booting worker with pid: %d" % (ts2(), R.randint(10, 99), R.randint(100, 9999)),
             lambda: "INFO:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)\nINFO:     Started server process [%d]" % R.randint(10, 999)]
        return m[c]()
    fams = [("cli_output", cli), ("api_server_log", apis), ("api_json", api), ("task_log", tlog), ("scheduler_log", slog), ("worker_log", wlog), ("near_miss", nm), ("key_word_nonsecret", kw),
            ("reference", ref), ("config", cfg), ("dag_source", src)]
    for fam, fn in fams:
        for _ in range(N_H.get(fam, 70)):
            t = fn(); H(fam, "%s:t%02d" % (fam, HC), t)
    # airflow_key_rule lines
    kr = [lambda: json.dumps({"key": "db_password", "value": "***", "description": None}),
          lambda: json.dumps({"connection_id": "pg_dwh", "conn_type": "postgres", "host": host(), "login": user(), "password": None, "extra": "{}"}),
          lambda: "api_key: \"{{ var.value.partner_api_key }}\"",
          lambda: json.dumps({"key": "secret_key", "value": "< hidden >"}),
          lambda: "token_expiry_seconds = %d" % pick([900, 3600, 86400]),
          lambda: "min_password_length: %d" % R.randint(8, 16),
          lambda: json.dumps({"access_token_url": "https://oauth2.googleapis.com/token", "scope": "bigquery"}),
          lambda: json.dumps({"extra": {"keyfile_dict": "***", "project": "acme-data-%d" % R.randint(100, 999)}}),
          lambda: "private_key_file: /opt/airflow/keys/rsa_key_%s.p8" % pick(["etl", "dbt"]),
          lambda: json.dumps({"service_account": "airflow-etl@acme-data.iam.gserviceaccount.com"}),
          lambda: "passphrase = ",
          lambda: "AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}",
          lambda: json.dumps({"authorization": "***"}),
          lambda: "password_policy = strong",
          lambda: json.dumps({"connection_string": "***", "timeout": 30}),
          lambda: "webhook_url: \"{{ conn.slack_alerts.host }}\"",
          lambda: json.dumps({"use_token_cache": True, "proxy": None}),
          lambda: "dsn_source = /etc/odbc.ini"]
    for i in range(54):
        H(pick(["api_json", "config", "dag_source", "reference"]), "airflow_key_rule", kr[i % len(kr)](), keyrule=True)

import re
SENS = ["access_key", "access_token", "api_key", "apikey", "auth_header", "authorization", "bearer", "connection_string", "dsn", "keyfile_dict",
        "passphrase", "passwd", "password", "private_key", "proxy", "proxy_password", "proxies", "secret", "service_account", "service_key", "token", "webhook_url"]
KEYRX = re.compile(r"([A-Za-z0-9_.-]+)[\"']?\s*[:=]")
def key_rule(text):
    for m in KEYRX.finditer(text):
        k = re.sub(r"\W+", "_", m.group(1).lower())
        if any(w in k for w in SENS): return True
    return False

def main():
    gen_vendor(); gen_password_punct(); gen_statement(); gen_encoded(); gen_split(); gen_random_purpose(); gen_airflow(); gen_registered(); gen_other(); gen_harmless()
    for r in records:
        if r["kind"] == "harmless" and not r.get("airflow_key_rule") and key_rule(r["text"]):
            r["airflow_key_rule"] = True
    R.shuffle(records)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for i, r in enumerate(records, 1):
            o = {"id": "%s-%05d" % (PFX, i)}; o.update(r)
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print("wrote", len(records), "records to", os.path.normpath(OUT))

if __name__ == "__main__":
    main()
