#!/usr/bin/env python3
"""Blind evaluation corpus generator, batch 13 (PFX B13). Stdlib only, fixed seed.
All secrets are FAKE: drawn from a seeded PRNG with the shape of the real format."""
import base64, json, os, random, string, urllib.parse, hashlib

SEED = 131307
PFX = "B13"
R = random.Random(SEED)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus.jsonl")

LO = string.ascii_lowercase; UP = string.ascii_uppercase; DG = string.digits
AN = LO + UP + DG; HEX = "0123456789abcdef"; UPD = UP + DG
B64 = AN + "+/"; B64U = AN + "-_"; B32 = UP + "234567"

def rs(n, a=AN): return "".join(R.choice(a) for _ in range(n))
def hx(n): return rs(n, HEX)
def dg(n): return str(R.randint(1, 9)) + rs(n - 1, DG)
def uuid(): h = hx(32); return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:]}"
def jesc(s): return json.dumps(s, ensure_ascii=False)[1:-1]
def b64(s): return base64.b64encode(s.encode()).decode()
def b64u(s): return base64.urlsafe_b64encode(s.encode()).decode().rstrip("=")
def pick(x): return R.choice(x)
def ts(): return f"2026-{R.randint(1,11):02d}-{R.randint(1,28):02d}T{R.randint(0,23):02d}:{R.randint(0,59):02d}:{R.randint(0,59):02d}.{R.randint(0,999999):06d}Z"
def ts2(): t = ts(); return f"[{t[:10]}, {t[11:19]} UTC]"
def ts_plain(): t = ts(); return f"{t[:10]} {t[11:19]},{R.randint(100,999)}"
def pw(n=None, punct="!@#$%^&*()-_=+[]{};:,.<>?/|~"):
    n = n or R.randint(12, 22)
    while True:
        s = [R.choice(AN) for _ in range(n)]
        for i in R.sample(range(n), R.randint(2, 4)): s[i] = R.choice(punct)
        s = "".join(s)
        if any(c in LO for c in s) and any(c in DG for c in s): return s
def plainpw(n=None): return rs(n or R.randint(14, 24))

DAGS = ["etl_orders_daily", "sales_reporting", "ml_feature_refresh", "crm_sync_hourly", "dbt_transform_nightly",
        "s3_to_snowflake", "kafka_ingest_events", "gcs_export_marketing", "finance_close_monthly", "customer_360",
        "clickstream_rollup", "inventory_snapshot", "partner_feed_delivery", "dq_checks_core", "billing_invoices"]
TASKS = ["extract", "load_stage", "transform", "run_dbt", "notify_slack", "upload_report", "check_quality",
         "fetch_api", "merge_upsert", "export_csv", "trigger_job", "wait_for_file", "compute_features"]
HOSTS = ["db-prod-01.internal", "warehouse.corp.example.com", "10.42.7.19", "pg-analytics.svc.cluster.local",
         "mysql-replica-2.internal", "redis-cache.prod.svc", "kafka-0.kafka-headless.data.svc", "sftp.partner-hub.net",
         "orders-db.c1x2y3z4.eu-west-1.rds.amazonaws.com", "bastion.ops.example.org"]
USERS = ["airflow", "etl_user", "svc_reporting", "loader", "analytics_rw", "dbt_runner", "partner_ftp", "admin", "ingest"]
def dag(): return pick(DAGS)
def task(): return pick(TASKS)
def runid(): t = ts(); return pick(["scheduled__", "manual__", "backfill__", "asset_triggered__"]) + t[:19] + "+00:00"
def host(): return pick(HOSTS)
def user(): return pick(USERS)

SECRETS = []   # (family, format, text, secrets, registered)
HARMLESS = []  # (family, format, text, keyrule)

def S(family, fmt, text, secrets, registered=None):
    for s in secrets: assert s in text, (fmt, s, text)
    SECRETS.append((family, fmt, text, list(secrets), registered))
def H(family, fmt, text, keyrule=False): HARMLESS.append((family, fmt, text, keyrule))

def a3log(level, event, logger, **kw):
    d = {"timestamp": ts(), "level": level, "event": event, "logger": logger}; d.update(kw)
    return json.dumps(d, ensure_ascii=False)

# ------------------------------------------------------------------ vendor tokens
BC32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
def jwt_like():
    hdr = b64u(json.dumps({"alg": "HS512", "kid": hx(16), "typ": "JWT"}, separators=(",", ":")))
    pl = b64u(json.dumps({"sub": user(), "iss": [], "aud": "apache-airflow", "nbf": R.randint(1.7e9, 1.8e9),
                          "exp": R.randint(1.8e9, 1.9e9), "jti": hx(32)}, separators=(",", ":")))
    return f"{hdr}.{pl}.{rs(86, B64U)}"
VENDORS = [
 ("aws_access_key_id", lambda: "AKIA" + rs(16, UPD), "AWS_ACCESS_KEY_ID", "aws"),
 ("aws_sts_key_id", lambda: "ASIA" + rs(16, UPD), "AWS_ACCESS_KEY_ID", "aws"),
 ("aws_secret_access_key", lambda: rs(40, AN + "/+"), "AWS_SECRET_ACCESS_KEY", "aws"),
 ("aws_session_token", lambda: "IQoJb3JpZ2luX2VjE" + rs(280, B64) + "==", "AWS_SESSION_TOKEN", "aws"),
 ("github_pat_classic", lambda: "ghp_" + rs(36), "GITHUB_TOKEN", "github"),
 ("github_oauth", lambda: "gho_" + rs(36), "GH_TOKEN", "github"),
 ("github_app_installation", lambda: "ghs_" + rs(36), "GITHUB_TOKEN", "github"),
 ("github_fine_grained_pat", lambda: "github_pat_11" + rs(20, UPD) + "_" + rs(59), "GH_PAT", "github"),
 ("gitlab_pat", lambda: "glpat-" + rs(20, B64U), "GITLAB_TOKEN", "gitlab"),
 ("gitlab_runner_token", lambda: "glrt-" + rs(20, B64U), "CI_RUNNER_TOKEN", "gitlab"),
 ("slack_bot_token", lambda: f"xoxb-{dg(11)}-{dg(13)}-{rs(24)}", "SLACK_BOT_TOKEN", "slack"),
 ("slack_user_token", lambda: f"xoxp-{dg(11)}-{dg(11)}-{dg(13)}-{hx(32)}", "SLACK_USER_TOKEN", "slack"),
 ("slack_app_token", lambda: f"xapp-1-A{rs(10, UPD)}-{dg(13)}-{hx(64)}", "SLACK_APP_TOKEN", "slack"),
 ("stripe_live_secret", lambda: "sk_live_51" + rs(97), "STRIPE_SECRET_KEY", "stripe"),
 ("stripe_restricted_key", lambda: "rk_live_51" + rs(97), "STRIPE_API_KEY", "stripe"),
 ("stripe_webhook_secret", lambda: "whsec_" + rs(32), "STRIPE_WEBHOOK_SIGNING", "stripe"),
 ("google_api_key", lambda: "AIza" + rs(35, B64U), "GOOGLE_MAPS_KEY", "google"),
 ("google_oauth_client_secret", lambda: "GOCSPX-" + rs(28, B64U), "GOOGLE_CLIENT_SECRET", "google"),
 ("google_oauth_access_token", lambda: "ya29.a0" + rs(160, B64U), "GCP_ACCESS_TOKEN", "google"),
 ("openai_project_key", lambda: "sk-proj-" + rs(74, B64U) + "T3BlbkFJ" + rs(74, B64U), "OPENAI_API_KEY", "openai"),
 ("anthropic_api_key", lambda: "sk-ant-api03-" + rs(93, B64U) + "AA", "ANTHROPIC_API_KEY", "anthropic"),
 ("huggingface_token", lambda: "hf_" + rs(34, LO + UP), "HF_TOKEN", "huggingface"),
 ("npm_token", lambda: "npm_" + rs(36), "NPM_TOKEN", "npm"),
 ("pypi_token", lambda: "pypi-AgEIcHlwaS5vcmc" + rs(150, B64U), "TWINE_PASSWORD", "pypi"),
 ("twilio_api_key_sid", lambda: "SK" + hx(32), "TWILIO_API_KEY", "twilio"),
 ("sendgrid_api_key", lambda: "SG." + rs(22, B64U) + "." + rs(43, B64U), "SENDGRID_API_KEY", "sendgrid"),
 ("mailgun_api_key", lambda: "key-" + hx(32), "MAILGUN_KEY", "mailgun"),
 ("databricks_pat", lambda: "dapi" + hx(32) + pick(["", "-2", "-3"]), "DATABRICKS_TOKEN", "databricks"),
 ("dbt_cloud_service_token", lambda: "dbtc_" + rs(56, B64U), "DBT_CLOUD_API_TOKEN", "dbtcloud"),
 ("azure_storage_account_key", lambda: rs(86, B64) + "==", "AZURE_STORAGE_KEY", "azure"),
 ("azure_ad_client_secret", lambda: rs(3) + "8Q~" + rs(34, AN + "-_.~"), "AZURE_CLIENT_SECRET", "azure"),
 ("digitalocean_pat", lambda: "dop_v1_" + hx(64), "DIGITALOCEAN_TOKEN", "do"),
 ("heroku_api_key", lambda: "HRKU-AA" + rs(58, B64U), "HEROKU_API_KEY", "heroku"),
 ("shopify_admin_token", lambda: "shpat_" + hx(32), "SHOPIFY_ADMIN_TOKEN", "shopify"),
 ("atlassian_api_token", lambda: "ATATT3xFfGF0" + rs(168, B64U) + "=" + hx(8).upper(), "JIRA_API_TOKEN", "atlassian"),
 ("linear_api_key", lambda: "lin_api_" + rs(40), "LINEAR_API_KEY", "linear"),
 ("notion_integration", lambda: "ntn_" + dg(11) + rs(35), "NOTION_TOKEN", "notion"),
 ("telegram_bot_token", lambda: dg(10) + ":AA" + rs(33, B64U), "TELEGRAM_BOT_TOKEN", "telegram"),
 ("sentry_user_token", lambda: "sntryu_" + hx(64), "SENTRY_AUTH_TOKEN", "sentry"),
 ("newrelic_user_key", lambda: "NRAK-" + rs(27, UPD), "NEW_RELIC_API_KEY", "newrelic"),
 ("doppler_service_token", lambda: "dp.st.prd." + rs(43), "DOPPLER_TOKEN", "doppler"),
 ("vault_service_token", lambda: "hvs." + rs(24), "VAULT_TOKEN", "vault"),
 ("pulumi_access_token", lambda: "pul-" + hx(40), "PULUMI_ACCESS_TOKEN", "pulumi"),
 ("terraform_cloud_token", lambda: rs(14) + ".atlasv1." + rs(67), "TFE_TOKEN", "terraform"),
 ("docker_hub_pat", lambda: "dckr_pat_" + rs(27, B64U), "DOCKERHUB_TOKEN", "docker"),
 ("grafana_service_account", lambda: "glsa_" + rs(32) + "_" + hx(8), "GRAFANA_SA_TOKEN", "grafana"),
 ("postman_api_key", lambda: "PMAK-" + hx(24) + "-" + hx(34), "POSTMAN_API_KEY", "postman"),
 ("square_access_token", lambda: "EAAA" + rs(60, B64U), "SQUARE_ACCESS_TOKEN", "square"),
 ("age_secret_key", lambda: "AGE-SECRET-KEY-1" + rs(58, BC32.upper()), "SOPS_AGE_KEY", "age"),
 ("figma_pat", lambda: "figd_" + rs(40, B64U), "FIGMA_TOKEN", "figma"),
 ("airtable_pat", lambda: "pat" + rs(14) + "." + hx(64), "AIRTABLE_TOKEN", "airtable"),
 ("supabase_access_token", lambda: "sbp_" + hx(40), "SUPABASE_ACCESS_TOKEN", "supabase"),
 ("planetscale_token", lambda: "pscale_tkn_" + rs(43, AN + "_"), "PLANETSCALE_TOKEN", "planetscale"),
 ("tailscale_auth_key", lambda: "tskey-auth-k" + rs(11) + "CNTRL-" + rs(33), "TS_AUTHKEY", "tailscale"),
 ("buildkite_user_token", lambda: "bkua_" + hx(40), "BUILDKITE_API_TOKEN", "buildkite"),
 ("rubygems_api_key", lambda: "rubygems_" + hx(48), "GEM_HOST_API_KEY", "rubygems"),
 ("nuget_api_key", lambda: "oy2" + rs(43, LO + DG), "NUGET_API_KEY", "nuget"),
 ("jfrog_api_key", lambda: "AKCp8" + rs(68), "ARTIFACTORY_API_KEY", "jfrog"),
 ("replicate_token", lambda: "r8_" + rs(37), "REPLICATE_API_TOKEN", "replicate"),
 ("groq_api_key", lambda: "gsk_" + rs(52), "GROQ_API_KEY", "groq"),
 ("alibaba_access_key_id", lambda: "LTAI5t" + rs(18), "ALIBABA_CLOUD_ACCESS_KEY_ID", "alibaba"),
 ("tencent_secret_id", lambda: "AKID" + rs(32), "TENCENTCLOUD_SECRET_ID", "tencent"),
 ("prefect_api_key", lambda: "pnu_" + rs(36), "PREFECT_API_KEY", "prefect"),
 ("flyio_token", lambda: "fo1_" + rs(43, B64U), "FLY_API_TOKEN", "fly"),
 ("contentful_pat", lambda: "CFPAT-" + rs(43, B64U), "CONTENTFUL_MANAGEMENT_TOKEN", "contentful"),
 ("circleci_pat", lambda: "CCIPAT_" + rs(22) + "_" + hx(40), "CIRCLE_TOKEN", "circleci"),
 ("sourcegraph_token", lambda: "sgp_" + hx(16) + "_" + hx(40), "SRC_ACCESS_TOKEN", "sourcegraph"),
 ("brevo_api_key", lambda: "xkeysib-" + hx(64) + "-" + rs(16), "BREVO_API_KEY", "brevo"),
 ("mailchimp_api_key", lambda: hx(32) + "-us" + str(R.randint(2, 21)), "MAILCHIMP_API_KEY", "mailchimp"),
 ("shippo_live_token", lambda: "shippo_live_" + hx(40), "SHIPPO_TOKEN", "shippo"),
 ("cloudflare_origin_ca_key", lambda: "v1.0-" + hx(24) + "-" + hx(146), "CF_ORIGIN_CA_KEY", "cloudflare"),
 ("bitbucket_app_password", lambda: "ATBB" + rs(28) + hx(8).upper(), "BITBUCKET_APP_PASSWORD", "bitbucket"),
 ("resend_api_key", lambda: "re_" + rs(8) + "_" + rs(24), "RESEND_API_KEY", "resend"),
 ("perplexity_api_key", lambda: "pplx-" + rs(48), "PPLX_API_KEY", "perplexity"),
 ("dropbox_short_lived", lambda: "sl.B" + rs(135, B64U), "DROPBOX_TOKEN", "dropbox"),
 ("airflow_jwt_access_token", jwt_like, "AIRFLOW_API_TOKEN", "airflow"),
 ("sentry_dsn_key", lambda: hx(32), "SENTRY_DSN", "sentry"),
 ("datadog_api_key", lambda: hx(32), "DD_API_KEY", "datadog"),
 ("confluent_cloud_api_secret", lambda: rs(64, B64), "CONFLUENT_API_SECRET", "confluent"),
]
API_HOSTS = {"aws": "sts.amazonaws.com", "github": "api.github.com", "gitlab": "gitlab.com", "slack": "slack.com",
             "stripe": "api.stripe.com", "google": "www.googleapis.com", "openai": "api.openai.com",
             "anthropic": "api.anthropic.com", "huggingface": "huggingface.co", "npm": "registry.npmjs.org",
             "pypi": "upload.pypi.org", "twilio": "api.twilio.com", "sendgrid": "api.sendgrid.com",
             "mailgun": "api.eu.mailgun.net", "databricks": "adb-4419208813321270.10.azuredatabricks.net",
             "dbtcloud": "cloud.getdbt.com", "azure": "login.microsoftonline.com", "airflow": "airflow.example.internal:8080"}
NONEN = [
 ("de", "{ts} {{logging_mixin.py:190}} INFO - Verbindung wird mit Schlüssel {tok} aufgebaut (Versuch 1/3)"),
 ("ja", "{ts} {{logging_mixin.py:190}} INFO - トークン {tok} を使用して API に接続します"),
 ("zh", "{ts} {{logging_mixin.py:190}} WARNING - 使用访问令牌 {tok} 调用接口失败，正在重试"),
 ("ru", "{ts} {{logging_mixin.py:190}} INFO - Используется токен доступа {tok} для выгрузки отчёта"),
 ("es", "{ts} {{logging_mixin.py:190}} INFO - Usando la clave {tok} para autenticar la petición"),
 ("fr", "{ts} {{logging_mixin.py:190}} ERROR - Échec d'authentification avec le jeton {tok} : 401"),
 ("pt", "{ts} {{logging_mixin.py:190}} INFO - Chave de acesso carregada: {tok} (origem: variável)"),
 ("ko", "{ts} {{logging_mixin.py:190}} INFO - 인증 토큰 {tok} 으로 요청을 보냅니다"),
]
def vctx(i, name, tok, env, grp):
    h = API_HOSTS.get(grp, f"api.{grp}.com"); lname = env.lower()
    c = i % 14
    if name == "sentry_dsn_key":
        return f"{env}=https://{tok}@o{dg(6)}.ingest.us.sentry.io/{dg(7)}"
    if c == 0: return f"export {env}=\"{tok}\""
    if c == 1: return (f"*   Trying 203.0.113.{R.randint(2,250)}:443...\n* Connected to {h} port 443\n> GET /v1/{pick(['me','user','account','projects'])} HTTP/2\n"
                      f"> Host: {h}\n> User-Agent: curl/8.5.0\n> Accept: */*\n> Authorization: Bearer {tok}\n>\n< HTTP/2 200")
    if c == 2: return a3log("debug", f"Request headers: {{'Content-Type': 'application/json', 'Authorization': 'Bearer {tok}'}}",
                            "airflow.providers.http.hooks.http.HttpHook", filename="http.py", lineno=R.randint(150, 260))
    if c == 3:
        extra = json.dumps({"auth_type": "header", "headers": {"X-Api-Key": tok}, "timeout": 30})
        return json.dumps({"connection_id": f"{grp}_default", "conn_type": "http", "description": None, "host": h,
                           "login": None, "schema": "https", "port": 443, "password": "***", "extra": extra})
    if c == 4:
        return json.dumps({"dag_id": dag(), "task_id": task(), "run_id": runid(), "map_index": -1,
                           "rendered_fields": {"bash_command": f"curl -sf -H \"Authorization: token {tok}\" https://{h}/v2/export?since={{{{ ds }}}} -o /tmp/out.json",
                                               "env": {"PYTHONUNBUFFERED": "1"}}}, ensure_ascii=False)
    if c == 5:
        return json.dumps({"key": "return_value", "timestamp": ts(), "map_index": -1, "task_id": task(), "dag_id": dag(),
                           "run_id": runid(), "value": f"{{'status': 'ok', 'session': {{'auth': '{tok}', 'expires_in': 3600}}}}"})
    if c == 6: return (f"requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://{h}/v2/items?limit=100&api_key={tok}")
    if c == 7:
        lang, t = NONEN[i % len(NONEN)]; return t.format(ts=ts2(), tok=tok)
    if c == 8: return f"# values-prod.yaml\nworkers:\n  env:\n    - name: {env}\n      value: \"{tok}\"\n    - name: LOG_LEVEL\n      value: INFO"
    if c == 9: return f"{ts2()} {{http.py:{R.randint(150,260)}}} DEBUG - Sending 'POST' to url: https://{h}/v1/events headers={{'Authorization': 'Bearer {tok}', 'Accept': 'application/json'}}"
    if c == 10: return json.dumps({"key": lname, "value": tok, "description": f"{grp} credential for {dag()}"})
    if c == 11: return f"docker run --rm -e {env}={tok} -e TZ=UTC ghcr.io/acme/{grp}-sync:1.{R.randint(0,9)}.{R.randint(0,20)} --since yesterday"
    if c == 12: return f"{lname} = \"{tok}\"  # TODO move to a connection\nwith DAG(\"{dag()}\", schedule=\"@daily\") as dag:"
    return f"2026/0{R.randint(1,9)}/1{R.randint(0,9)} 0{R.randint(0,9)}:1{R.randint(0,9)}:22 config loaded: map[endpoint:https://{h} {lname}:{tok} retries:3]"

SPECIFIC = {
 "npm_token": lambda t: f"//registry.npmjs.org/:_authToken={t}\n@acme:registry=https://npm.pkg.github.com",
 "pypi_token": lambda t: f"[pypi]\n  username = __token__\n  password = {t}",
 "aws_secret_access_key": None,
 "databricks_pat": lambda t: a3log("debug", f"Using token auth. Headers: {{'Authorization': 'Bearer {t}', 'User-Agent': 'airflow-{R.randint(3,3)}.{R.randint(0,2)}.0 operator/DatabricksRunNowOperator'}}", "airflow.providers.databricks.hooks.databricks.DatabricksHook"),
 "dbt_cloud_service_token": lambda t: f"{ts2()} {{dbt.py:{R.randint(200,400)}}} DEBUG - GET https://cloud.getdbt.com/api/v2/accounts/{dg(5)}/runs/{dg(9)}/ headers={{'Content-Type': 'application/json', 'Authorization': 'Token {t}'}}",
 "slack_bot_token": lambda t: f"slack_sdk.web.base_client DEBUG Sending a request - url: https://slack.com/api/chat.postMessage, query_params: {{}}, json_body: {{'channel': '#data-alerts', 'text': 'DAG failed'}}, files: {{}}, data: {{}}, headers: {{'Content-Type': 'application/json;charset=utf-8', 'Authorization': '(redacted)'}} token={t}",
 "github_pat_classic": lambda t: f"$ git clone https://oauth2:{t}@github.com/acme/airflow-dags.git\nCloning into 'airflow-dags'...\nremote: Enumerating objects: 1832, done.",
 "docker_hub_pat": lambda t: f"$ echo \"{t}\" | docker login -u acmebot --password-stdin\nWARNING! Your password will be stored unencrypted in /home/airflow/.docker/config.json.\nLogin Succeeded",
 "airflow_jwt_access_token": lambda t: f"< HTTP/1.1 201 Created\n< content-type: application/json\n<\n{{\"access_token\":\"{t}\"}}",
 "vault_service_token": lambda t: f"$ vault login {t}\nSuccess! You are now authenticated.",
 "confluent_cloud_api_secret": lambda t: a3log("info", f"KafkaProducer config: {{'bootstrap.servers': 'pkc-{rs(5, LO+DG)}.eu-west-1.aws.confluent.cloud:9092', 'security.protocol': 'SASL_SSL', 'sasl.mechanisms': 'PLAIN', 'sasl.username': '{rs(16, UPD)}', 'sasl.password': '{t}'}}", "airflow.providers.apache.kafka.hooks.base.KafkaBaseHook"),
 "datadog_api_key": lambda t: f"DD_API_KEY={t}\nDD_SITE=datadoghq.eu\nDD_ENV=prod",
}
vi = 0
for name, gen, env, grp in VENDORS:
    k = 4 if grp in ("aws", "github", "slack", "google", "databricks", "dbtcloud", "airflow", "openai") else 3
    for j in range(k):
        tok = gen()
        extra = []
        if j == 0 and name == "aws_secret_access_key":
            kid = "AKIA" + rs(16, UPD); extra = [kid]
            text = f"[profile data-eng]\naws_access_key_id = {kid}\naws_secret_access_key = {tok}\nregion = eu-central-1"
        elif j == 0 and name in SPECIFIC: text = SPECIFIC[name](tok)
        else: text = vctx(vi, name, tok, env, grp); vi += 1
        S("vendor_token", "vendor:" + name, text, extra + [tok])

# ------------------------------------------------------------------ password_punct
for i in range(48):
    p = pw(); u = user(); h = host(); c = i % 16
    if c == 0:
        q = urllib.parse.quote(p, safe=""); S("password_punct", "conn_uri_percent_encoded",
          f"AIRFLOW_CONN_{pick(['WAREHOUSE','ORDERS_DB','REPORTING'])}='postgresql://{u}:{q}@{h}:5432/analytics?sslmode=require'", [q])
    elif c == 1:
        pp = p.replace("}", "}}"); S("password_punct", "odbc_pwd_braced",
          f"DRIVER={{ODBC Driver 18 for SQL Server}};SERVER=tcp:{h},1433;DATABASE=dw;UID={u};PWD={{{pp}}};Encrypt=yes;TrustServerCertificate=no", [pp])
    elif c == 2:
        S("password_punct", "json_escaped_in_api", json.dumps({"connection_id": "mssql_dw", "conn_type": "mssql", "host": h, "login": u, "schema": "dw", "port": 1433, "password": p + '"\\', "extra": None}), [jesc(p + '"\\')])
    elif c == 3:
        S("password_punct", "yaml_single_quoted", f"airflow:\n  connections:\n    - id: mysql_ops\n      type: mysql\n      host: {h}\n      login: {u}\n      password: '{p.replace(chr(39), chr(39)*2)}'\n      port: 3306", [p.replace("'", "''")])
    elif c == 4:
        S("password_punct", "jdbc_url_param", f"jdbc:sqlserver://{h}:1433;databaseName=reporting;user={u};password={{{p}}};encrypt=true", [p] if "}" not in p else [p])
    elif c == 5:
        S("password_punct", "pgpass_line", f"{h}:5432:*:{u}:{p.replace(':', chr(92)+':')}", [p.replace(":", "\\:")])
    elif c == 6:
        S("password_punct", "mysql_option_file", f"[client]\nuser={u}\npassword=\"{p.replace(chr(34), chr(92)+chr(34))}\"\nhost={h}", [p.replace('"', '\\"')])
    elif c == 7:
        S("password_punct", "netrc", f"machine {h} login {u} password {p.replace(' ', '')}", [p.replace(" ", "")])
    elif c == 8:
        q = urllib.parse.quote_plus(p); S("password_punct", "sqlalchemy_url_quote_plus",
          a3log("info", f"Creating engine mysql+pymysql://{u}:{q}@{h}:3306/ops?charset=utf8mb4", "airflow.providers.mysql.hooks.mysql.MySqlHook"), [q])
    elif c == 9:
        S("password_punct", "env_double_quoted", f"PGPASSWORD=\"{p.replace(chr(34), chr(92)+chr(34)).replace('$', chr(92)+'$')}\" psql -h {h} -U {u} -d analytics -c '\\dt'", [p.replace('"', '\\"').replace("$", "\\$")])
    elif c == 10:
        x = p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        S("password_punct", "xml_escaped", f"<dataSource id=\"warehouse\">\n  <property name=\"user\" value=\"{u}\"/>\n  <property name=\"password\" value=\"{x}\"/>\n</dataSource>", [x])
    elif c == 11:
        S("password_punct", "ini_config", f"[smtp]\nsmtp_host = smtp.office365.com\nsmtp_user = alerts@acme-corp.com\nsmtp_password = {p}\nsmtp_port = 587", [p])
    elif c == 12:
        d = json.dumps({"user": u, "password": p}); S("password_punct", "json_in_json_string",
          json.dumps({"key": "warehouse_creds", "value": d, "description": None}), [jesc(jesc(p))])
    elif c == 13:
        S("password_punct", "java_properties", f"spring.datasource.url=jdbc:postgresql://{h}:5432/app\nspring.datasource.username={u}\nspring.datasource.password={p.replace(':', chr(92)+':').replace('=', chr(92)+'=')}", [p.replace(":", "\\:").replace("=", "\\=")])
    elif c == 14:
        S("password_punct", "python_repr_log", f"{ts2()} {{base.py:84}} INFO - Connection details: {{'host': '{h}', 'login': '{u}', 'password': {repr(p)}, 'port': 5432}}", [repr(p)[1:-1]])
    else:
        q = urllib.parse.quote(p, safe=""); S("password_punct", "redis_url_percent", f"broker_url = redis://:{q}@{h}:6379/0", [q])

# ------------------------------------------------------------------ statement_command
SC = [
 ("sql_alter_user_postgres", lambda p, u, h: f"ALTER USER {u} WITH PASSWORD '{p}';"),
 ("sql_create_user_mysql", lambda p, u, h: f"CREATE USER '{u}'@'%' IDENTIFIED BY '{p}';"),
 ("sql_snowflake_alter_user", lambda p, u, h: f"ALTER USER {u.upper()} SET PASSWORD = '{p}' MUST_CHANGE_PASSWORD = FALSE;"),
 ("sql_mssql_create_login", lambda p, u, h: f"CREATE LOGIN [{u}] WITH PASSWORD = N'{p}', CHECK_POLICY = OFF;"),
 ("sql_oracle_identified", lambda p, u, h: f"SQL> ALTER USER {u.upper()} IDENTIFIED BY \"{p}\" ACCOUNT UNLOCK;"),
 ("sql_set_password_for", lambda p, u, h: f"mysql> SET PASSWORD FOR '{u}'@'localhost' = '{p}';\nQuery OK, 0 rows affected (0.01 sec)"),
 ("cli_mysql_p_flag", lambda p, u, h: f"$ mysql -h {h} -u {u} -p{p} -e 'SHOW DATABASES;'\nmysql: [Warning] Using a password on the command line interface can be insecure."),
 ("cli_redis_cli_a", lambda p, u, h: f"$ redis-cli -h {h} -p 6379 -a {p} --no-auth-warning PING\nPONG"),
 ("cli_sshpass", lambda p, u, h: f"sshpass -p {p} sftp -oBatchMode=no {u}@{h}:/outbound/"),
 ("cli_curl_user", lambda p, u, h: f"curl -v -u {u}:{p} https://{h}/api/v1/dags?limit=10"),
 ("cli_airflow_connections_add", lambda p, u, h: f"airflow connections add 'postgres_dw' --conn-type postgres --conn-host {h} --conn-login {u} --conn-password {p} --conn-port 5432"),
 ("cli_kubectl_from_literal", lambda p, u, h: f"kubectl -n airflow create secret generic airflow-db --from-literal=username={u} --from-literal=password={p}"),
 ("cli_openssl_passout", lambda p, u, h: f"openssl pkcs12 -export -in client.crt -inkey client.key -out client.p12 -passout pass:{p}"),
 ("cli_mongosh_password", lambda p, u, h: f"mongosh \"mongodb://{h}:27017/admin\" --username {u} --password {p} --authenticationDatabase admin"),
 ("cli_sqlcmd_P", lambda p, u, h: f"sqlcmd -S {h},1433 -U {u} -P {p} -d reporting -Q \"SELECT @@VERSION\""),
 ("cli_ldapsearch_w", lambda p, u, h: f"ldapsearch -x -H ldaps://ldap.corp.example.com -D \"cn={u},ou=svc,dc=corp,dc=example,dc=com\" -w {p} -b \"dc=corp,dc=example,dc=com\""),
 ("cli_keytool_storepass", lambda p, u, h: f"keytool -importcert -alias kafka-ca -file ca.pem -keystore truststore.jks -storepass {p} -noprompt"),
 ("cli_rabbitmqctl_add_user", lambda p, u, h: f"rabbitmqctl add_user {u} {p}\nAdding user \"{u}\" ..."),
 ("cli_htpasswd_b", lambda p, u, h: f"htpasswd -bB /etc/nginx/.htpasswd {u} {p}"),
 ("cli_az_login_sp", lambda p, u, h: f"az login --service-principal -u {uuid()} -p {p} --tenant {uuid()}"),
 ("stdin_pipe_docker", lambda p, u, h: f"echo '{p}' | docker login registry.gitlab.com -u {u} --password-stdin"),
 ("stdin_heredoc_psql", lambda p, u, h: f"psql -h {h} -U postgres <<'SQL'\nCREATE ROLE {u} LOGIN PASSWORD '{p}';\nGRANT CONNECT ON DATABASE analytics TO {u};\nSQL"),
 ("cli_snowsql_env", lambda p, u, h: f"SNOWSQL_PWD='{p}' snowsql -a xy12345.eu-central-1 -u {u.upper()} -w LOAD_WH -q 'select current_version()'"),
 ("cli_net_use", lambda p, u, h: f"C:\\> net use Z: \\\\fileserver01\\exports {p} /user:CORP\\{u} /persistent:no\nThe command completed successfully."),
 ("cli_psql_uri", lambda p, u, h: f"$ psql \"postgresql://{u}:{p}@{h}:5432/analytics?sslmode=verify-full\"\npsql (16.2)\nSSL connection (protocol: TLSv1.3)"),
 ("cli_git_clone_basic", lambda p, u, h: f"git clone https://{u}:{p}@bitbucket.org/acme/dags.git /opt/airflow/dags/repo"),
]
for i in range(52):
    fmt, f = SC[i % len(SC)]
    p = pw(punct="!#%^*-_=+.,~@") if "sql" in fmt or "psql" in fmt else plainpw() + pick(["!", "#", "%", "_", "-", "9"]) + rs(3)
    if fmt in ("cli_psql_uri", "cli_git_clone_basic"): p = plainpw()
    S("statement_command", fmt, f(p, user(), host()), [p])

# ------------------------------------------------------------------ encoded
for i in range(40):
    u = user(); p = plainpw() + pick(["!", "$", "#", "%"]); c = i % 10
    if c == 0:
        e = b64(f"{u}:{p}"); S("encoded", "basic_auth_base64_curl", f"> GET /api/v1/dags/{dag()}/dagRuns HTTP/1.1\n> Host: airflow.internal:8080\n> Authorization: Basic {e}\n> User-Agent: python-requests/2.32.3", [e])
    elif c == 1:
        e = b64(p); S("encoded", "k8s_secret_data_base64", f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: airflow-metadata\n  namespace: airflow\ntype: Opaque\ndata:\n  connection: {b64('postgresql://' + u + '@' + host() + ':5432/airflow')}\n  password: {e}", [e])
    elif c == 2:
        e = b64(f"{u}:{p}"); S("encoded", "docker_config_auth", json.dumps({"auths": {"ghcr.io": {"auth": e}, "index.docker.io/v1/": {}}}, indent=2), [e])
    elif c == 3:
        t = jwt_like(); S("encoded", "kubeconfig_user_token", f"users:\n- name: airflow-worker\n  user:\n    token: {t}", [t])
    elif c == 4:
        d = json.dumps({"login": u, "password": p}); d2 = json.dumps(d); txt = json.dumps({"key": "return_value", "value": d2})
        s = jesc(jesc(p)); S("encoded", "json_in_json_in_json", txt, [s])
    elif c == 5:
        q = urllib.parse.quote(p, safe=""); S("encoded", "url_query_password", f"{ts2()} {{http.py:201}} INFO - GET https://legacy-erp.acme.local/export.cgi?user={u}&pass={q}&fmt=csv -> 200", [q])
    elif c == 6:
        k = "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(rs(64, B64) for _ in range(10)) + "\n" + rs(28, B64) + "==\n-----END RSA PRIVATE KEY-----"
        e = base64.b64encode(k.encode()).decode(); S("encoded", "kubeconfig_client_key_data", f"users:\n- name: gke-admin\n  user:\n    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM=\n    client-key-data: {e}", [e])
    elif c == 7:
        dc = json.dumps({"auths": {"registry.acme.io": {"username": u, "password": p, "auth": b64(u + ':' + p)}}}); e = b64(dc)
        S("encoded", "dockerconfigjson_base64", f"kind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {e}", [e])
    elif c == 8:
        e = b64(f"\x00{u}@acme-corp.com\x00{p}"); S("encoded", "smtp_auth_plain", f"send: 'ehlo worker-{rs(5, LO+DG)}\\r\\n'\nreply: b'250-AUTH LOGIN PLAIN'\nsend: 'AUTH PLAIN {e}\\r\\n'\nreply: b'235 2.7.0 Authentication successful'", [e])
    else:
        e = b64(p); S("encoded", "smtp_auth_login_base64", f"C: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: {b64(u + '@acme-corp.com')}\nS: 334 UGFzc3dvcmQ6\nC: {e}\nS: 235 Authentication succeeded", [e])

# ------------------------------------------------------------------ split_webhook
for i in range(24):
    c = i % 6
    if c == 0:
        t = rs(24); S("split_webhook", "slack_webhook_conn_split", json.dumps({"connection_id": "slack_alerts", "conn_type": "slackwebhook", "host": "https://hooks.slack.com/services", "password": f"T{rs(8,UPD)}/B{rs(10,UPD)}/{t}", "extra": "{}"}), [t])
    elif c == 1:
        t = rs(24); S("split_webhook", "slack_webhook_url", f"{ts2()} {{slack_webhook.py:91}} DEBUG - POST https://hooks.slack.com/services/T{rs(8,UPD)}/B{rs(10,UPD)}/{t} payload={{\"text\": \":red_circle: {dag()} failed\"}}", [t])
    elif c == 2:
        t = rs(68, B64U); S("split_webhook", "discord_webhook", f"DISCORD_WEBHOOK=https://discord.com/api/webhooks/{dg(19)}/{t}", [t])
    elif c == 3:
        sig = rs(43, B64U); S("split_webhook", "teams_workflow_sig", f"teams_url: \"https://prod-{R.randint(10,99)}.westeurope.logic.azure.com:443/workflows/{hx(32)}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={sig}\"", [sig])
    elif c == 4:
        a, b = rs(12), rs(12); S("split_webhook", "webhook_split_across_lines", f"# webhook assembled from two variables\nWEBHOOK_BASE=https://hooks.slack.com/services/T{rs(8,UPD)}/B{rs(10,UPD)}/\nWEBHOOK_TAIL_1={a}\nWEBHOOK_TAIL_2={b}", [a, b])
    else:
        k = hx(64); S("split_webhook", "dingtalk_webhook_token", f"{ts2()} {{logging_mixin.py:190}} INFO - 发送钉钉告警: https://oapi.dingtalk.com/robot/send?access_token={k}", [k])

# ------------------------------------------------------------------ random_purpose_name
RP = [("signing_salt", lambda: rs(32)), ("hmac_material", lambda: hx(64)), ("cookie_sig", lambda: rs(43, B64U)),
      ("fernet_key", lambda: rs(43, B64U) + "="), ("session_seed", lambda: rs(40, B64)), ("unlock_code", lambda: rs(20, UPD)),
      ("verify_hash_input", lambda: rs(36)), ("handshake_blob", lambda: rs(64, B64) + "=="), ("license_blob", lambda: rs(48, UPD)),
      ("partner_feed_credentials", lambda: rs(30)), ("otp_seed", lambda: rs(32, B32)), ("enc_material", lambda: hx(48)),
      ("jwt_signing_material", lambda: rs(64, B64U)), ("cipher_iv_and_k", lambda: hx(64)), ("sftp_pw", lambda: pw())]
for i in range(30):
    n, g = RP[i % len(RP)]; v = g(); c = i % 3
    if c == 0: S("random_purpose_name", "purpose:" + n, json.dumps({"key": n, "value": v, "description": "used by " + dag()}), [v])
    elif c == 1: S("random_purpose_name", "purpose:" + n, json.dumps({"conn_type": "generic", "extra": json.dumps({n: v, "region": "eu-west-1"})}), [jesc(v)])
    else: S("random_purpose_name", "purpose:" + n, f"{n.upper()}={v}", [v])

# ------------------------------------------------------------------ airflow_context (hook debug, API answers)
def pem(kind="PRIVATE KEY", lines=25):
    return f"-----BEGIN {kind}-----\n" + "\n".join(rs(64, B64) for _ in range(lines)) + "\n" + rs(40, B64) + "=\n" + f"-----END {kind}-----"
AC = []
def ac(fmt):
    def d(f): AC.append((fmt, f)); return f
    return d
@ac("api_v2_connection_password_clear")
def _():
    p = pw(); return json.dumps({"connection_id": "postgres_dw", "conn_type": "postgres", "description": "hide_sensitive_var_conn_fields=False", "host": host(), "login": user(), "schema": "dw", "port": 5432, "password": p, "extra": "{\"sslmode\": \"require\"}", "team_name": None}), [jesc(p)]
@ac("api_v1_variable_unmasked")
def _():
    p = plainpw(); return json.dumps({"key": "snowflake_password", "value": p, "description": None}), [p]
@ac("extra_keyfile_dict_pem_escaped")
def _():
    k = pem(); sa = json.dumps({"type": "service_account", "project_id": "acme-data-prod", "private_key_id": hx(40), "private_key": k, "client_email": "airflow@acme-data-prod.iam.gserviceaccount.com"})
    extra = json.dumps({"keyfile_dict": sa, "project": "acme-data-prod"}); t = json.dumps({"connection_id": "google_cloud_default", "conn_type": "google_cloud_platform", "extra": extra})
    return t, [jesc(jesc(jesc(k)))]
@ac("sqlalchemy_engine_log_postgres")
def _():
    p = plainpw(); return f"{ts2()} {{sql.py:{R.randint(150,300)}}} DEBUG - Creating SQLAlchemy engine for postgresql+psycopg2://{user()}:{p}@{host()}:5432/analytics", [p]
@ac("snowflake_connector_debug")
def _():
    p = pw(punct="!#%-_.~"); return f"{ts_plain()} - snowflake.connector.connection - DEBUG - __config: {{'account': 'xy12345.eu-central-1', 'user': 'AIRFLOW_SVC', 'password': '{p}', 'warehouse': 'LOAD_WH', 'role': 'TRANSFORMER', 'application': 'AIRFLOW'}}", [p]
@ac("bigquery_hook_sa_json_log")
def _():
    k = pem(lines=20); j = json.dumps({"type": "service_account", "private_key": k}); return a3log("debug", f"Getting credentials from keyfile_dict: {j}", "airflow.providers.google.common.hooks.base_google"), [jesc(jesc(k))]
@ac("s3_presigned_url_credential")
def _():
    a = "ASIA" + rs(16, UPD); st = rs(200, B64); stq = urllib.parse.quote(st, safe=""); sig = hx(64)
    return f"{ts2()} {{s3.py:{R.randint(800,1200)}}} INFO - Generated presigned URL: https://acme-exports.s3.eu-west-1.amazonaws.com/reports/2026/q3.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={a}%2F20260912%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20260912T101500Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Security-Token={stq}&X-Amz-Signature={sig}", [a, stq, sig]
@ac("botocore_debug_credentials")
def _():
    a = "AKIA" + rs(16, UPD); s = rs(40, AN + "/+"); return f"{ts_plain()} botocore.credentials [DEBUG] Found credentials in environment variables.\n{ts_plain()} botocore.endpoint [DEBUG] Making request for OperationModel(name=ListObjectsV2) with params: {{'headers': {{'Authorization': 'AWS4-HMAC-SHA256 Credential={a}/20260912/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature={hx(64)}'}}}}\n# leaked by a debugging print: aws_secret={s}", [a, s]
@ac("sftp_hook_password_log")
def _():
    p = pw(); return a3log("warning", f"paramiko auth fallback: trying password '{p}' for partner_ftp@sftp.partner-hub.net:22", "airflow.providers.sftp.hooks.sftp.SFTPHook"), [jesc(p)]
@ac("ssh_extra_private_key")
def _():
    k = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(rs(70, B64) for _ in range(6)) + "\n-----END OPENSSH PRIVATE KEY-----"
    return json.dumps({"connection_id": "ssh_bastion", "conn_type": "ssh", "host": "bastion.ops.example.org", "login": "deploy", "extra": json.dumps({"private_key": k, "no_host_key_check": True})}), [jesc(jesc(k))]
@ac("kafka_sasl_jaas_config")
def _():
    p = plainpw(); return f"sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"{rs(16, UPD)}\" password=\"{p}\";", [p]
@ac("redis_hook_url_log")
def _():
    p = plainpw(); return a3log("info", f"Initializing redis object for conn_id 'redis_default' on redis://default:{p}@{host()}:6379/2", "airflow.providers.redis.hooks.redis.RedisHook"), [p]
@ac("http_hook_basic_auth_tuple")
def _():
    p = pw(); return f"{ts2()} {{http.py:140}} DEBUG - auth=('svc_api', {repr(p)}) base_url=https://erp.acme.local/api", [repr(p)[1:-1]]
@ac("rendered_template_conn_password")
def _():
    p = plainpw(); return json.dumps({"rendered_fields": {"sql": "SELECT 1", "bash_command": f"PGPASSWORD={p} pg_dump -h {host()} -U {user()} analytics > /tmp/dump.sql"}, "task_id": "backup_db"}), [p]
@ac("task_log_print_conn_uri")
def _():
    p = plainpw(); return a3log("info", f"conn.get_uri() -> mysql://{user()}:{p}@{host()}:3306/ops", "task.stdout"), [p]
@ac("airflow_cfg_sql_alchemy_conn")
def _():
    p = plainpw(); return f"[database]\nsql_alchemy_conn = postgresql+psycopg2://airflow:{p}@pg-meta.airflow.svc:5432/airflow\nsql_alchemy_pool_size = 10", [p]
@ac("airflow_cfg_fernet_secret_key")
def _():
    f = rs(43, B64U) + "="; s = rs(32, B64U); return f"AIRFLOW__CORE__FERNET_KEY={f}\nAIRFLOW__API__SECRET_KEY={s}\nAIRFLOW__CORE__LOAD_EXAMPLES=False", [f, s]
@ac("celery_broker_url_env")
def _():
    p = plainpw(); return f"AIRFLOW__CELERY__BROKER_URL=amqp://airflow:{p}@rabbitmq.airflow.svc:5672/airflow", [p]
@ac("import_error_traceback_with_secret")
def _():
    p = plainpw(); st = f"Traceback (most recent call last):\n  File \"/opt/airflow/dags/{dag()}.py\", line 14, in <module>\n    engine = create_engine(\"mssql+pyodbc://sa:{p}@{host()}/dw?driver=ODBC+Driver+18\")\nsqlalchemy.exc.ArgumentError: Could not parse rfc1738 URL"
    return json.dumps({"import_errors": [{"import_error_id": R.randint(1, 500), "timestamp": ts(), "filename": f"/opt/airflow/dags/{dag()}.py", "bundle_name": "dags-folder", "stack_trace": st}], "total_entries": 1}), [p]
@ac("event_log_extra_with_conf")
def _():
    t = "ghp_" + rs(36); ex = json.dumps({"conf": {"gh_token": t, "branch": "main"}, "dag_id": dag()})
    return json.dumps({"event_log_id": R.randint(1000, 99999), "when": ts(), "dag_id": dag(), "event": "trigger_dag_run", "owner": "admin", "extra": ex}), [t]
@ac("xcom_value_connection_dict")
def _():
    p = plainpw(); return json.dumps({"key": "db_conn", "value": {"host": host(), "login": user(), "pwd": p, "port": 5432}, "map_index": -1}), [p]
@ac("mysql_client_debug")
def _():
    p = plainpw(); return f"{ts2()} {{mysql.py:{R.randint(190,260)}}} DEBUG - MySQLdb.connect kwargs: {{'host': '{host()}', 'user': '{user()}', 'passwd': '{p}', 'db': 'ops', 'charset': 'utf8'}}", [p]
@ac("snowflake_private_key_passphrase_extra")
def _():
    p = plainpw(); k = pem("ENCRYPTED PRIVATE KEY", 16); extra = json.dumps({"account": "xy12345", "private_key_content": k, "private_key_passphrase": p})
    return json.dumps({"connection_id": "snowflake_default", "conn_type": "snowflake", "extra": extra}), [jesc(jesc(k)), p]
@ac("databricks_conn_extra_token")
def _():
    t = "dapi" + hx(32); return json.dumps({"connection_id": "databricks_default", "conn_type": "databricks", "host": "adb-1234567890123456.7.azuredatabricks.net", "extra": json.dumps({"token": t, "http_path": "/sql/1.0/warehouses/" + hx(16)})}), [t]
@ac("task_log_v3_ndjson_env_dump")
def _():
    p = plainpw(); return a3log("info", f"Environment: {{'AIRFLOW_CTX_DAG_ID': '{dag()}', 'PGPASSWORD': '{p}', 'HOME': '/home/airflow'}}", "task.stdout", chan="stdout"), [p]
@ac("smtp_conn_log")
def _():
    p = pw(); return f"{ts2()} {{email.py:{R.randint(260,290)}}} INFO - Email alerting: attempt 1; smtp.login('alerts@acme-corp.com', {repr(p)})", [repr(p)[1:-1]]
@ac("mongo_uri_srv")
def _():
    p = plainpw(); return a3log("debug", f"MongoClient(mongodb+srv://etl:{p}@cluster0.ab1cd.mongodb.net/?retryWrites=true&w=majority)", "airflow.providers.mongo.hooks.mongo.MongoHook"), [p]
@ac("wasb_connection_string")
def _():
    k = rs(86, B64) + "=="; return json.dumps({"key": "azure_blob_cs", "value": f"DefaultEndpointsProtocol=https;AccountName=acmedatalake;AccountKey={k};EndpointSuffix=core.windows.net"}), [k]
NONEN_PW = ["{ts} {{logging_mixin.py:190}} INFO - Verbindung zu {h} als {u} mit Passwort {p} hergestellt",
            "{ts} {{logging_mixin.py:190}} DEBUG - 接続情報: ホスト={h} ユーザー={u} パスワード={p}",
            "{ts} {{logging_mixin.py:190}} WARNING - 数据库连接失败，用户 {u}，密码 {p}，正在重试",
            "{ts} {{logging_mixin.py:190}} INFO - Подключение к {h}: пользователь {u}, пароль {p}",
            "{ts} {{logging_mixin.py:190}} INFO - Conectando a {h} con usuario {u} y contraseña {p}",
            "{ts} {{logging_mixin.py:190}} ERROR - Échec de connexion ({u} / mot de passe : {p})"]
@ac("task_log_nonenglish_password")
def _():
    p = pw(punct="!#%-_.@"); return pick(NONEN_PW).format(ts=ts2(), h=host(), u=user(), p=p), [p]
@ac("airflow3_error_detail_dsn")
def _():
    p = plainpw(); return a3log("error", "Task failed with exception", "task", error_detail=[{"exc_type": "OperationalError", "exc_value": f"(psycopg2.OperationalError) could not translate host name \"{host()}\"\n[SQL: dsn=postgresql://{user()}:{p}@{host()}:5432/analytics]", "syntax_error": None, "is_cause": False, "frames": [{"filename": "/opt/airflow/dags/etl.py", "lineno": R.randint(10, 90), "name": "load"}]}]), [p]
@ac("airflow_connections_export_cli")
def _():
    p = plainpw(); q = pw(punct="!#%-_.@"); return "$ airflow connections export - --file-format json\n" + json.dumps({"pg_dw": {"conn_type": "postgres", "host": host(), "login": user(), "password": p, "schema": "dw", "port": 5432, "extra": ""}, "ftp_partner": {"conn_type": "ftp", "host": "ftp.partner-hub.net", "login": "partner_ftp", "password": q, "port": 21}}, indent=4), [p, q]
@ac("airflow_connections_get_cli_table")
def _():
    p = plainpw(); return f"$ airflow connections get mysql_ops -o plain\nid  conn_id    conn_type  description  host              schema  login   password              port  is_encrypted  is_extra_encrypted  extra_dejson  get_uri\n{R.randint(1,99)}  mysql_ops  mysql      None         {host()}  ops     loader  {p}  3306  True          True                {{}}            mysql://loader:{p}@{host()}:3306/ops", [p]
@ac("ti_rendered_op_kwargs_nonsensitive_key")
def _():
    v = rs(40, B64U); return json.dumps({"task_id": "call_partner", "dag_id": dag(), "dag_run_id": runid(), "rendered_fields": {"op_kwargs": {"endpoint": "https://api.partner.io/v2/feed", "partner_feed_credentials": v, "batch": R.randint(10, 900)}}, "rendered_map_index": None}), [v]
@ac("variable_json_value_v3_nested")
def _():
    t = "xoxb-" + dg(11) + "-" + dg(13) + "-" + rs(24); v = json.dumps({"channel": "#etl-alerts", "auth": {"bot": t}}); return json.dumps({"key": "slack_cfg", "value": v, "description": None, "is_encrypted": True, "team_name": None}), [t]
for i in range(78):
    fmt, f = AC[i % len(AC)]; t, s = f(); S("airflow_context", fmt, t, s)

# ------------------------------------------------------------------ registered (bare values)
for i in range(30):
    v = plainpw(R.randint(12, 20)); c = i % 6
    if c == 0: t = f"{ts2()} {{logging_mixin.py:190}} INFO - {v}"
    elif c == 1: t = f"id,username,display,created\n{R.randint(1,999)},{user()},{v},2026-03-0{R.randint(1,9)}"
    elif c == 2: t = a3log("info", v, "task.stdout", chan="stdout")
    elif c == 3: t = f"$ cat /run/secrets/db\n{v}\n$"
    elif c == 4: t = f"| {user():<12} | {v} | active |"
    else: t = json.dumps({"key": "return_value", "value": [user(), v, 5432]})
    S("registered", "registered:bare_value", t, [v], [v])

# ------------------------------------------------------------------ other
def mnemonic(n=12):
    W = "abandon ability able about above absent absorb abstract absurd abuse access accident account accuse achieve acid acoustic acquire across act action actor actress actual adapt add addict address adjust admit adult advance advice aerobic affair afford afraid again age agent agree ahead aim air airport aisle alarm album alcohol alert alien all alley allow almost alone alpha already also alter always amateur amazing among amount amused analyst anchor ancient anger angle angry animal ankle announce annual another answer antenna antique anxiety".split()
    return " ".join(R.choice(W) for _ in range(n))
OT = [
 ("totp_base32_seed", lambda: (lambda s: (f"otpauth://totp/Acme:svc-airflow?secret={s}&issuer=Acme&digits=6", [s]))(rs(32, B32))),
 ("backup_codes", lambda: (lambda c: ("Your GitHub recovery codes:\n" + "\n".join(c) + "\nKeep them somewhere safe.", c))([f"{hx(5)}-{hx(5)}" for _ in range(4)])),
 ("wallet_seed_phrase", lambda: (lambda m: (f"{ts2()} {{logging_mixin.py:190}} INFO - restored wallet from mnemonic: \"{m}\"", [m]))(mnemonic(R.choice([12, 24])))),
 ("pgp_private_block", lambda: (lambda k: (f"gpg --import <<'EOF'\n{k}\nEOF", [k]))(pem("PGP PRIVATE KEY BLOCK", 12).replace("-----\n", "-----\n\n", 1))),
 ("ec_private_key_pem", lambda: (lambda k: (k, [k]))(pem("EC PRIVATE KEY", 3))),
 ("wireguard_private_key", lambda: (lambda k: (f"[Interface]\nPrivateKey = {k}\nAddress = 10.8.0.2/32\n\n[Peer]\nPublicKey = {rs(43, B64)}=\nEndpoint = vpn.acme.io:51820", [k]))(rs(43, B64) + "=")),
 ("eth_private_key_hex", lambda: (lambda k: (f"DEPLOYER_PK=0x{k}", [k]))(hx(64))),
 ("one_time_code_sms", lambda: (lambda c: (f"{ts2()} {{sms.py:44}} INFO - SMS to +49151******21 delivered: \"Ihr Bestätigungscode lautet {c}. Gültig 10 Minuten.\"", [c]))(dg(6))),
 ("imap_login_cmd", lambda: (lambda p: (f"* OK IMAP4rev1 ready\na001 LOGIN reports@acme-corp.com \"{p}\"\na001 OK LOGIN completed", [p]))(plainpw())),
 ("ftp_pass_cmd", lambda: (lambda p: (f"220 ProFTPD Server ready\nUSER partner_ftp\n331 Password required\nPASS {p}\n230 User partner_ftp logged in", [p]))(plainpw())),
 ("putty_ppk_private_lines", lambda: (lambda b: (f"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy@airflow\nPublic-Lines: 2\n{rs(64, B64)}\n{rs(4, B64)}\nPrivate-Lines: 1\n{b}\nPrivate-MAC: {hx(64)}", [b]))(rs(44, B64))),
 ("jks_password_java_opts", lambda: (lambda p: (f"JAVA_OPTS=-Djavax.net.ssl.trustStore=/etc/kafka/truststore.jks -Djavax.net.ssl.trustStorePassword={p} -Xmx2g", [p]))(plainpw())),
 ("kerberos_keytab_b64", lambda: (lambda k: (f"kind: Secret\ndata:\n  airflow.keytab: {k}", [k]))("BQIAAA" + rs(120, B64) + "==")),
 ("oauth_refresh_token_response", lambda: (lambda a, r: (json.dumps({"access_token": a, "expires_in": 3599, "refresh_token": r, "scope": "openid offline_access", "token_type": "Bearer"}), [a, r]))(rs(40, B64U), rs(64, B64U))),
 ("oauth_code_in_redirect", lambda: (lambda c: (f"127.0.0.1 - - [12/Sep/2026:10:15:00 +0000] \"GET /auth/oauth-authorized/azure?code={c}&state={hx(16)} HTTP/1.1\" 302 0", [c]))("0.A" + rs(120, B64U))),
 ("htaccess_cookie_session", lambda: (lambda c: (f"< set-cookie: session={c}; HttpOnly; Path=/; SameSite=Lax", [c]))("." + rs(160, B64U) + "." + rs(6, B64U) + "." + rs(27, B64U))),
]
for i in range(34):
    fmt, f = OT[i % len(OT)]; t, s = f(); S("other", fmt, t, s)

# ================================================================== HARMLESS
def sha256(): return hashlib.sha256(R.randbytes(32)).hexdigest()
def gitsha(): return hx(40)
def podname(): return f"{dag().replace('_','-')}-{task().replace('_','-')}-{rs(8, LO+DG)}"
HT = []
def ht(fam, fmt, kr=False):
    def d(f): HT.append((fam, fmt, kr, f)); return f
    return d
@ht("task_log", "airflow2_task_start")
def _(): return f"{ts2()} {{taskinstance.py:{R.randint(1100,2400)}}} INFO - Starting attempt {R.randint(1,3)} of {R.randint(3,4)}"
@ht("task_log", "airflow2_retrieving_connection")
def _(): return f"{ts2()} {{base.py:84}} INFO - Retrieving connection '{pick(['postgres_default','snowflake_default','aws_default','slack_api_default'])}'"
@ht("task_log", "airflow3_structured_start")
def _(): return a3log("info", "Task instance is in running state", "task", ti_id=uuid(), try_number=R.randint(1, 3))
@ht("task_log", "airflow3_structured_sql")
def _(): return a3log("info", f"Running statement: SELECT count(*) FROM staging.orders WHERE ds = '{ts()[:10]}', parameters: None", "airflow.task.hooks.airflow.providers.postgres.hooks.postgres.PostgresHook")
@ht("task_log", "airflow3_rows_affected")
def _(): return a3log("info", f"Rows affected: {R.randint(0, 900000)}", "airflow.task.hooks.airflow.providers.common.sql.hooks.sql.DbApiHook")
@ht("task_log", "airflow3_masked_conn")
def _(): return a3log("info", f"Connection conn_id='{pick(['mysql_ops','pg_dw'])}' host='{host()}' login='{user()}' password='***'", "task.stdout")
@ht("task_log", "task_log_token_prose")
def _(): return f"{ts2()} {{logging_mixin.py:190}} INFO - tokenizer loaded: vocab_size={R.randint(30000, 128000)}, max token count: {pick([512,1024,4096,8192])}, truncated {R.randint(0,50)} documents"
@ht("task_log", "task_log_llm_usage")
def _(): return a3log("info", f"LLM call finished: prompt_tokens={R.randint(100,9000)} completion_tokens={R.randint(10,2000)} total_tokens={R.randint(9000,12000)} model=gpt-4o-mini", "task.stdout")
@ht("task_log", "task_log_password_reset_prose")
def _(): return f"{ts2()} {{logging_mixin.py:190}} INFO - password reset email sent to {R.randint(1,300)} users; {R.randint(0,9)} bounced"
@ht("task_log", "task_log_s3_upload")
def _(): return f"{ts2()} {{s3.py:{R.randint(1100,1300)}}} INFO - Uploading /tmp/{dag()}/{ts()[:10]}.parquet to s3://acme-datalake-prod/raw/{dag()}/dt={ts()[:10]}/part-00000-{uuid()}.snappy.parquet"
@ht("task_log", "task_log_dbt_output")
def _(): return f"{ts2()} {{subprocess.py:93}} INFO - {R.randint(10,23)}:{R.randint(10,59)}:{R.randint(10,59)}  {R.randint(1,90)} of 97 OK created sql table model analytics.fct_orders ........ [SELECT {R.randint(100,99999)} in {R.randint(1,60)}.{R.randint(10,99)}s]"
@ht("task_log", "task_log_nonenglish")
def _(): return pick([f"{ts2()} {{logging_mixin.py:190}} INFO - Datei erfolgreich hochgeladen: {R.randint(1,999)} Zeilen, Prüfsumme {sha256()[:16]}",
                      f"{ts2()} {{logging_mixin.py:190}} INFO - 処理が完了しました。件数: {R.randint(1,9999)}",
                      f"{ts2()} {{logging_mixin.py:190}} WARNING - 连接超时，{R.randint(2,30)} 秒后重试 (第 {R.randint(1,5)} 次)",
                      f"{ts2()} {{logging_mixin.py:190}} INFO - Загружено {R.randint(1,9999)} строк в таблицу staging.orders",
                      f"{ts2()} {{logging_mixin.py:190}} INFO - Le mot de passe n'a pas été modifié ; aucun changement détecté",
                      f"{ts2()} {{logging_mixin.py:190}} INFO - Token de sesión renovado correctamente (expira en 3600 s)"])
@ht("task_log", "task_log_kpo_pod")
def _(): return f"{ts2()} {{pod_manager.py:{R.randint(400,600)}}} INFO - Pod {podname()} has phase Running"
@ht("task_log", "task_log_databricks_run")
def _(): return f"{ts2()} {{databricks.py:{R.randint(100,200)}}} INFO - View run status, Spark UI, and logs at https://adb-{dg(16)}.{R.randint(1,19)}.azuredatabricks.net/?o={dg(16)}#job/{dg(12)}/run/{dg(14)}"
@ht("task_log", "task_log_dbt_cloud_run")
def _(): return a3log("info", f"Job run {dg(9)} has completed successfully. Run URL: https://cloud.getdbt.com/#/accounts/{dg(5)}/projects/{dg(6)}/runs/{dg(9)}/", "airflow.task.operators.airflow.providers.dbt.cloud.operators.dbt.DbtCloudRunJobOperator")
@ht("task_log", "task_log_kafka_offsets")
def _(): return a3log("info", f"Committed offsets for topic orders.v1 partition {R.randint(0,11)}: {R.randint(1000,9999999)} (consumer group airflow-{dag()})", "airflow.task.hooks.airflow.providers.apache.kafka.hooks.consume.KafkaConsumerHook")
@ht("task_log", "task_log_slack_ok")
def _(): return f"{ts2()} {{slack.py:{R.randint(60,120)}}} INFO - Slack API response: ok=True channel=C{rs(10,UPD)} ts={R.randint(1.7e9,1.8e9)}.{dg(6)}"
@ht("task_log", "task_log_sftp_list")
def _(): return a3log("info", f"[chan 0] Opened sftp connection (server version 3); listing /outbound: {R.randint(0,40)} files", "paramiko.transport.sftp")
@ht("task_log", "task_log_redis_ping")
def _(): return f"{ts2()} {{redis.py:{R.randint(70,90)}}} INFO - Initializing redis object for conn_id \"redis_default\" on {host()}:6379:{R.randint(0,15)}"
@ht("scheduler_log", "scheduler_queued")
def _(): return f"[{ts_plain()}] {{scheduler_job_runner.py:{R.randint(400,900)}}} INFO - Sending TaskInstanceKey(dag_id='{dag()}', task_id='{task()}', run_id='{runid()}', try_number=1, map_index=-1) to CeleryExecutor with priority {R.randint(1,20)} and queue default"
@ht("scheduler_log", "scheduler_dagrun_success")
def _(): return f"[{ts_plain()}] {{dagrun.py:{R.randint(800,900)}}} INFO - Marking run <DagRun {dag()} @ {ts()}: {runid()}, state:running, queued_at: {ts()}. run_type: scheduled> successful"
@ht("scheduler_log", "scheduler_v3_structured")
def _(): return a3log("info", f"DAG {dag()} is at (or above) max_active_runs ({R.randint(1,16)}), not creating any more runs", "airflow.jobs.scheduler_job_runner.SchedulerJobRunner")
@ht("scheduler_log", "dag_processor_stats")
def _(): return f"/opt/airflow/dags/{dag()}.py                 {R.randint(1000,99999):>6}  {R.randint(0,3)}.{R.randint(10,99)}s  {R.randint(1,5)}        {R.randint(0,1)}   {ts()[:19]}"
@ht("scheduler_log", "triggerer_log")
def _(): return a3log("info", f"trigger {R.randint(1,9999)} (ID {R.randint(1,9999)}) fired: TriggerEvent<{{'status': 'success', 'message': 'Job run {dg(9)} completed'}}>", "airflow.jobs.triggerer_job_runner")
@ht("worker_log", "celery_worker_received")
def _(): return f"[{ts_plain()}: INFO/MainProcess] Task execute_command[{uuid()}] received"
@ht("worker_log", "celery_worker_succeeded")
def _(): return f"[{ts_plain()}: INFO/ForkPoolWorker-{R.randint(1,16)}] Task execute_command[{uuid()}] succeeded in {R.randint(1,500)}.{dg(5)}s: None"
@ht("worker_log", "celery_broker_masked")
def _(): return f"[{ts_plain()}: INFO/MainProcess] Connected to amqp://airflow:**@rabbitmq.airflow.svc:5672/airflow"
@ht("worker_log", "api_server_access")
def _(): return f"INFO:     10.{R.randint(0,255)}.{R.randint(0,255)}.{R.randint(1,254)}:{R.randint(30000,65000)} - \"GET /api/v2/dags/{dag()}/dagRuns?limit=50&offset=0 HTTP/1.1\" 200 OK"
@ht("worker_log", "webserver_gunicorn")
def _(): return f"[{ts_plain()}] [{R.randint(10,99999)}] [INFO] Booting worker with pid: {R.randint(100,99999)}"
@ht("worker_log", "k8s_executor_pod")
def _(): return f"[{ts_plain()}] {{kubernetes_executor_utils.py:{R.randint(200,300)}}} INFO - Event: {podname()} Succeeded, annotations: <omitted>"
@ht("api_json", "api_dag")
def _(): return json.dumps({"dag_id": dag(), "dag_display_name": dag(), "is_paused": R.random() < .3, "is_stale": False, "last_parsed_time": ts(), "fileloc": f"/opt/airflow/dags/{dag()}.py", "owners": ["data-eng"], "tags": [{"name": "prod", "dag_id": dag()}], "timetable_summary": pick(["0 3 * * *", "@hourly", "*/15 * * * *", None]), "max_active_runs": 16, "has_import_errors": False})
@ht("api_json", "api_dag_run")
def _(): return json.dumps({"dag_run_id": runid(), "dag_id": dag(), "logical_date": ts(), "queued_at": ts(), "start_date": ts(), "end_date": ts(), "run_after": ts(), "state": pick(["success", "failed", "running"]), "run_type": "scheduled", "triggered_by": "timetable", "conf": {}, "note": None, "bundle_version": gitsha()})
@ht("api_json", "api_task_instance")
def _(): return json.dumps({"id": uuid(), "task_id": task(), "dag_id": dag(), "dag_run_id": runid(), "map_index": -1, "try_number": R.randint(1, 3), "state": "success", "hostname": podname(), "pool": "default_pool", "queue": "default", "executor_config": "{}", "pid": R.randint(100, 99999), "operator": pick(["PythonOperator", "BashOperator", "SQLExecuteQueryOperator"])})
@ht("api_json", "api_xcom_harmless")
def _(): return json.dumps({"key": "return_value", "timestamp": ts(), "map_index": -1, "task_id": task(), "dag_id": dag(), "run_id": runid(), "value": json.dumps({"rows": R.randint(1, 10**6), "s3_key": f"s3://acme-datalake-prod/curated/{dag()}/{uuid()}.parquet", "md5": hx(32)})})
@ht("api_json", "api_event_log")
def _(): return json.dumps({"event_log_id": R.randint(1, 10**6), "when": ts(), "dag_id": dag(), "task_id": task(), "run_id": runid(), "map_index": -1, "try_number": 1, "event": pick(["cli_task_run", "running", "success", "trigger_dag_run"]), "logical_date": ts(), "owner": pick(["airflow", "admin", "jsmith"]), "extra": json.dumps({"host_name": podname(), "full_command": f"['airflow', 'tasks', 'run', '{dag()}', '{task()}', '{runid()}', '--local']"})})
@ht("api_json", "api_import_error")
def _(): return json.dumps({"import_error_id": R.randint(1, 500), "timestamp": ts(), "filename": f"/opt/airflow/dags/{dag()}.py", "bundle_name": "dags-folder", "stack_trace": f"Traceback (most recent call last):\n  File \"/opt/airflow/dags/{dag()}.py\", line {R.randint(3,200)}, in <module>\n    from airflow.providers.{pick(['snowflake','slack','databricks'])}.operators import Missing\nModuleNotFoundError: No module named 'airflow.providers.{pick(['snowflake','slack','databricks'])}'"})
@ht("api_json", "api_pool")
def _(): return json.dumps({"name": pick(["default_pool", "snowflake_pool", "api_rate_limited"]), "slots": R.randint(1, 128), "occupied_slots": R.randint(0, 10), "running_slots": R.randint(0, 10), "queued_slots": R.randint(0, 10), "open_slots": R.randint(0, 100), "deferred_slots": 0, "description": None, "include_deferred": False})
@ht("api_json", "api_connection_masked_list")
def _(): return json.dumps({"connections": [{"connection_id": "pg_dw", "conn_type": "postgres", "description": None, "host": host(), "login": user(), "schema": "dw", "port": 5432}], "total_entries": 1})
@ht("api_json", "api_asset")
def _(): return json.dumps({"id": R.randint(1, 900), "name": f"s3://acme-datalake-prod/curated/{dag()}", "uri": f"s3://acme-datalake-prod/curated/{dag()}", "group": "asset", "extra": {"owner": "data-eng"}, "created_at": ts(), "updated_at": ts(), "consuming_dags": [], "producing_tasks": [{"task_id": task(), "dag_id": dag()}]})
@ht("api_json", "api_health")
def _(): return json.dumps({"metadatabase": {"status": "healthy"}, "scheduler": {"status": "healthy", "latest_scheduler_heartbeat": ts()}, "triggerer": {"status": "healthy", "latest_triggerer_heartbeat": ts()}, "dag_processor": {"status": "healthy", "latest_dag_processor_heartbeat": ts()}})
@ht("api_json", "api_version")
def _(): return json.dumps({"version": pick(["2.10.5", "2.11.0", "3.0.2", "3.1.8", "3.2.0"]), "git_version": f".release:{gitsha()}"})
@ht("api_json", "kr_api_task_log_v3_continuation_token", True)
def _(): return json.dumps({"content": [{"timestamp": ts(), "event": "::group::Log message source details", "sources": [f"/opt/airflow/logs/dag_id={dag()}/run_id={runid()}/task_id={task()}/attempt=1.log"]}, {"timestamp": ts(), "level": "info", "event": "Done. Returned value was: None", "logger": "airflow.task.operators"}], "continuation_token": rs(40, B64U)})
@ht("api_json", "kr_api_task_log_v1_continuation_token", True)
def _(): return json.dumps({"continuation_token": rs(48, B64U) + ".", "content": f"{host()}\n*** Found local files:\n***   * /opt/airflow/logs/dag_id={dag()}/run_id={runid()}/task_id={task()}/attempt=1.log\n{ts2()} {{local_task_job_runner.py:123}} INFO - ::group::Pre task execution logs"})
@ht("api_json", "api_config_hidden")
def _(): return json.dumps({"sections": [{"name": "database", "options": [{"key": "sql_alchemy_conn", "value": "< hidden >"}, {"key": "sql_alchemy_pool_size", "value": "5"}]}]})
@ht("near_miss", "sha256_digest")
def _(): return f"{pick(['sha256sum','Checksum','digest'])}: {sha256()}  {pick(['dags.tar.gz','constraints-3.11.txt','report.parquet'])}"
@ht("near_miss", "pip_hash_line")
def _(): return f"apache-airflow-providers-{pick(['amazon','google','snowflake','databricks'])}=={R.randint(8,19)}.{R.randint(0,9)}.{R.randint(0,9)} \\\n    --hash=sha256:{sha256()} \\\n    --hash=sha256:{sha256()}"
@ht("near_miss", "npm_integrity")
def _(): return f"\"node_modules/{pick(['lodash','axios','react'])}\": {{\"version\": \"{R.randint(1,18)}.{R.randint(0,20)}.{R.randint(0,9)}\", \"resolved\": \"https://registry.npmjs.org/x/-/x-1.0.0.tgz\", \"integrity\": \"sha512-{base64.b64encode(R.randbytes(64)).decode()}\"}}"
@ht("near_miss", "docker_image_digest")
def _(): return f"Pulling image apache/airflow:{pick(['2.10.5','3.0.2','3.2.0'])}-python3.12@sha256:{sha256()}"
@ht("near_miss", "git_sha_log")
def _(): return f"commit {gitsha()}\nAuthor: Data Eng Bot <dataeng@acme-corp.com>\nDate:   Tue Sep 8 10:12:33 2026 +0000\n\n    Bump dbt to 1.{R.randint(5,9)}.{R.randint(0,9)} (token bucket limiter)"
@ht("near_miss", "etag_header")
def _(): return f"< ETag: \"{hx(32)}\"\n< x-amz-request-id: {rs(16, UPD)}\n< x-amz-id-2: {base64.b64encode(R.randbytes(56)).decode()}"
@ht("near_miss", "uuid_ids")
def _(): return f"request_id={uuid()} trace_id={hx(32)} span_id={hx(16)} ti_id={uuid()}"
@ht("near_miss", "k8s_pod_names")
def _(): return f"{podname()}   0/1     Completed   0          {R.randint(1,59)}m\nairflow-worker-{R.randint(0,9)}   1/1   Running   {R.randint(0,3)}   {R.randint(1,30)}d\nairflow-scheduler-{rs(10, LO+DG)}-{rs(5, LO+DG)}   2/2   Running   0   3d"
@ht("near_miss", "cron_and_versions")
def _(): return f"schedule={pick(['0 */4 * * 1-5','30 2 * * *','@daily'])} airflow=={pick(['2.10.5','3.0.2','3.2.0'])} python=3.{R.randint(9,12)}.{R.randint(0,12)} build={ts()[:10].replace('-','')}.{R.randint(1,9)}"
@ht("near_miss", "aws_doc_example_key")
def _(): return pick(["# AWS docs example, not a real key: AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                      "See https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html — sample ID AKIAIOSFODNN7EXAMPLE is a placeholder",
                      f"{ts2()} {{logging_mixin.py:190}} INFO - skipped placeholder credentials (AKIAIOSFODNN7EXAMPLE) in test fixture"])
@ht("near_miss", "base64_payload_nonsecret")
def _(): return f"{ts2()} {{logging_mixin.py:190}} INFO - decoded message attribute: {b64(json.dumps({'event': 'order_created', 'order_id': R.randint(1, 10**8)}))}"
@ht("near_miss", "s3_gcs_paths")
def _(): return f"gs://acme-exports-{rs(6, LO+DG)}/landing/{ts()[:10]}/{hx(12)}-{R.randint(0,99):05d}.avro  s3://acme-datalake-prod/_delta_log/{R.randint(0,99999):020d}.json"
@ht("near_miss", "arn_and_ids")
def _(): return f"arn:aws:iam::{dg(12)}:role/airflow-worker-{rs(6, LO)}  sg-{hx(17)}  vpc-{hx(17)}  i-{hx(17)}"
@ht("near_miss", "masked_values")
def _(): return pick([f"{ts2()} {{base.py:84}} INFO - Using connection ID 'snowflake_default' for task execution. password=***",
                      "postgresql://etl_user:***@db-prod-01.internal:5432/analytics",
                      f"{ts2()} {{subprocess.py:93}} INFO - export API_KEY=***",
                      a3log("info", "Sending headers {'Authorization': '***'}", "airflow.task.hooks.airflow.providers.http.hooks.http.HttpHook")])
@ht("near_miss", "dataset_uri_events")
def _(): return json.dumps({"id": R.randint(1, 99999), "asset_id": R.randint(1, 400), "uri": f"postgres://warehouse/analytics/public/{task()}", "extra": {"from_rest_api": True}, "source_task_id": task(), "source_dag_id": dag(), "source_run_id": runid(), "source_map_index": -1, "created_dagruns": [], "timestamp": ts()})
@ht("near_miss", "session_and_fernet_rotated_msg")
def _(): return f"{ts2()} {{crypto.py:{R.randint(50,90)}}} INFO - Fernet key rotation finished: {R.randint(0,900)} connections, {R.randint(0,300)} variables re-encrypted"
@ht("key_word_nonsecret", "prose_tokens")
def _(): return pick(["Rotate the Slack token every 90 days; see runbook RB-112 for the procedure.",
                      "The secret manager backend is configured via [secrets] backend in airflow.cfg.",
                      f"{ts2()} {{logging_mixin.py:190}} INFO - token bucket refilled: {R.randint(1,100)}/100 requests available",
                      "password must contain at least 12 characters, one digit and one symbol",
                      f"Generated {R.randint(1,9)} API keys report: 0 expired, {R.randint(0,9)} expiring within 30 days",
                      "ERROR - Invalid credentials for connection 'mysql_ops' (check login/password in the UI)",
                      "SSH host key verification failed for sftp.partner-hub.net; add it to known_hosts",
                      "secret_key rotation is scheduled for the next maintenance window"])
@ht("key_word_nonsecret", "cli_airflow_help")
def _(): return pick(["  --conn-password CONN_PASSWORD\n                        Connection password, required to add a connection without conn_uri",
                      "usage: airflow variables set [-h] [--description DESCRIPTION] [-j] [-v] key VALUE",
                      "Usage: snowsql [OPTIONS]\n  -p, --password TEXT  Password (prefer SNOWSQL_PWD env var)",
                      "mysql: [Warning] Using a password on the command line interface can be insecure."])
@ht("reference", "jinja_references")
def _(): return pick(["bash_command='curl -H \"Authorization: Bearer {{ var.value.partner_api_token }}\" https://api.partner.io/v1/feed'",
                      "sql=\"COPY INTO raw.events FROM @stage CREDENTIALS=(AWS_KEY_ID='{{ conn.aws_default.login }}' AWS_SECRET_KEY='{{ conn.aws_default.password }}')\"",
                      "env={'PGHOST': '{{ conn.postgres_dw.host }}', 'PGPASSFILE': '/home/airflow/.pgpass'}",
                      "headers={'X-Api-Key': '{{ var.json.partner_cfg.key_ref }}'}"])
@ht("reference", "secret_backend_refs")
def _(): return pick(["AIRFLOW__SECRETS__BACKEND=airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend",
                      f"arn:aws:secretsmanager:eu-west-1:{dg(12)}:secret:airflow/connections/pg_dw-{rs(6)}",
                      "vault kv get -mount=airflow connections/snowflake_default",
                      "projects/acme-data-prod/secrets/airflow-variables-slack_channel/versions/latest",
                      "https://acme-kv.vault.azure.net/secrets/airflow-connections-mssql-dw",
                      "${{ secrets.AIRFLOW_API_TOKEN }}", "SecretId: !Sub 'airflow/variables/${Env}-slack-channel'"])
@ht("reference", "k8s_secret_ref")
def _(): return "env:\n  - name: AIRFLOW__DATABASE__SQL_ALCHEMY_CONN\n    valueFrom:\n      secretKeyRef:\n        name: airflow-metadata\n        key: connection\n  - name: AIRFLOW__CORE__FERNET_KEY\n    valueFrom:\n      secretKeyRef:\n        name: airflow-fernet-key\n        key: fernet-key"
@ht("config", "airflow_cfg_harmless")
def _(): return f"[core]\nexecutor = {pick(['CeleryExecutor','KubernetesExecutor','LocalExecutor'])}\nparallelism = {R.randint(16,512)}\nmax_active_tasks_per_dag = {R.randint(8,64)}\ndags_are_paused_at_creation = True\nload_examples = False"
@ht("config", "helm_values_harmless")
def _(): return f"images:\n  airflow:\n    repository: apache/airflow\n    tag: {pick(['2.10.5','3.0.2','3.2.0'])}-python3.12\nworkers:\n  replicas: {R.randint(1,12)}\n  resources:\n    limits: {{cpu: '{R.randint(1,8)}', memory: {R.randint(2,32)}Gi}}"
@ht("config", "compose_harmless")
def _(): return f"services:\n  airflow-apiserver:\n    image: apache/airflow:3.{R.randint(0,2)}.0\n    command: api-server\n    ports:\n      - \"8080:8080\"\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"--fail\", \"http://localhost:8080/api/v2/version\"]\n      interval: 30s"
@ht("config", "terraform_harmless")
def _(): return f"resource \"aws_mwaa_environment\" \"this\" {{\n  name               = \"acme-{rs(4, LO)}\"\n  airflow_version    = \"2.10.3\"\n  environment_class  = \"mw1.medium\"\n  source_bucket_arn  = \"arn:aws:s3:::acme-mwaa-{rs(6, LO+DG)}\"\n}}"
@ht("dag_source", "dag_source_harmless")
def _(): return f"from airflow.sdk import DAG, task\nfrom airflow.providers.postgres.hooks.postgres import PostgresHook\n\nwith DAG(\"{dag()}\", schedule=\"{pick(['@daily','0 5 * * *'])}\", catchup=False, tags=[\"prod\"]) as dag:\n    @task\n    def count_rows():\n        hook = PostgresHook(postgres_conn_id=\"pg_dw\")\n        return hook.get_first(\"select count(*) from orders\")[0]"
@ht("dag_source", "dag_source_secret_via_conn")
def _(): return f"def _call_api(**ctx):\n    conn = BaseHook.get_connection(\"partner_api\")\n    token = conn.password  # resolved at runtime, never logged\n    r = requests.get(conn.host + \"/v1/orders\", headers={{\"Authorization\": f\"Bearer {{token}}\"}}, timeout={R.randint(10,60)})\n    r.raise_for_status()"
@ht("worker_log", "shell_harmless_session")
def _(): return pick([f"$ docker login ghcr.io -u acmebot --password-stdin < /run/secrets/ghcr\nLogin Succeeded",
                      f"$ git clone git@github.com:acme/airflow-dags.git\nCloning into 'airflow-dags'...\nReceiving objects: 100% ({R.randint(100,5000)}/{R.randint(5000,6000)}), done.",
                      f"$ psql -h {host()} -U {user()} -d analytics\nPassword for user {user()}:\npsql (16.{R.randint(0,4)})\nanalytics=>",
                      f"$ redis-cli -h {host()} INFO keyspace\n# Keyspace\ndb0:keys={R.randint(1,99999)},expires={R.randint(0,999)},avg_ttl={R.randint(0,9999999)}",
                      f"$ curl -sI https://airflow.example.internal/api/v2/monitor/health\nHTTP/2 200\ncontent-type: application/json\nx-request-id: {uuid()}"])
@ht("task_log", "airflow3_exception_structured")
def _(): return a3log("error", "Task failed with exception", "task", error_detail=[{"exc_type": "OperationalError", "exc_value": f"connection to server at \"{host()}\" ({'10.0.%d.%d' % (R.randint(0,255), R.randint(1,254))}), port 5432 failed: FATAL:  password authentication failed for user \"{user()}\"", "syntax_error": None, "is_cause": False, "frames": [{"filename": "/home/airflow/.local/lib/python3.12/site-packages/psycopg2/__init__.py", "lineno": 122, "name": "connect"}]}])
# ---- key-rule harmless
@ht("api_json", "kr_connection_password_masked", True)
def _(): return json.dumps({"connection_id": pick(["pg_dw", "mysql_ops", "snowflake_default"]), "conn_type": "postgres", "description": None, "host": host(), "login": user(), "schema": "dw", "port": 5432, "password": "***", "extra": json.dumps({"sslmode": "require", "api_key": "***"}), "team_name": None})
@ht("api_json", "kr_dag_file_token", True)
def _(): return json.dumps({"dag_id": dag(), "is_paused": False, "fileloc": f"/opt/airflow/dags/{dag()}.py", "file_token": rs(60, B64U) + "." + rs(27, B64U), "owners": ["airflow"], "schedule_interval": {"__type": "CronExpression", "value": "0 3 * * *"}})
@ht("api_json", "kr_variable_masked", True)
def _(): return json.dumps({"key": pick(["slack_token", "partner_api_key", "db_password", "gcp_service_account"]), "value": "***", "description": "rotated quarterly", "is_encrypted": True, "team_name": None})
@ht("config", "kr_placeholder_and_refs", True)
def _(): return pick(["password: ${DB_PASSWORD}", "api_key: {{ var.value.partner_api_key }}", "private_key_file: /opt/airflow/keys/id_ed25519",
                      "token_url: https://oauth2.googleapis.com/token", "secret_name: airflow/connections/pg_dw", "access_token_ttl: 3600",
                      "password_min_length: 12", "auth_header: X-Api-Key", "passphrase: null", "key_path / keyfile_dict: < hidden >",
                      "service_account: airflow-worker@acme-data-prod.iam.gserviceaccount.com", "webhook_url: https://hooks.slack.com/services/***",
                      "token_count: 4096", "secret_key_ref: airflow-api-secret-key", "connection_string: \"\"", "proxy: http://proxy.corp.example.com:3128"])
@ht("api_json", "kr_config_hidden", True)
def _(): return json.dumps({"sections": [{"name": pick(["api", "webserver", "core"]), "options": [{"key": pick(["secret_key", "fernet_key", "jwt_secret"]), "value": "< hidden >"}]}]})
@ht("api_json", "kr_rendered_masked", True)
def _(): return json.dumps({"rendered_fields": {"op_kwargs": {"api_token": "***", "password": "***", "batch_size": R.randint(100, 5000)}}, "task_id": task()})
@ht("task_log", "kr_token_bool", True)
def _(): return a3log("info", f"Options: {{'use_token': True, 'token_expiry_s': {R.randint(300,7200)}, 'password_auth': False}}", "task.stdout")

base = [x for x in HT if not x[2]]; kr = [x for x in HT if x[2]]
for i in range(600):
    fam, fmt, _, f = base[i % len(base)]; H(fam, fmt, f())
for i in range(81):
    fam, fmt, _, f = kr[i % len(kr)]; H(fam, fmt, f(), True)

# ------------------------------------------------------------------ assemble
rows = []
for fam, fmt, text, secs, reg in SECRETS:
    d = {"kind": "secret", "family": fam, "format": fmt, "text": text, "secrets": secs}
    if reg: d["registered"] = reg
    rows.append(d)
for fam, fmt, text, kr_ in HARMLESS:
    d = {"kind": "harmless", "family": fam, "format": fmt, "text": text, "secrets": []}
    if kr_: d["airflow_key_rule"] = True
    rows.append(d)
R.shuffle(rows)
with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
    for i, d in enumerate(rows, 1):
        o = {"id": f"{PFX}-{i:05d}"}; o.update(d)
        fh.write(json.dumps(o, ensure_ascii=False) + "\n")
print(f"wrote {len(rows)} lines to {os.path.normpath(OUT)}")
