#!/usr/bin/env python3
"""Blind evaluation corpus generator, batch 12 (PFX B12). stdlib only, fixed seed.
Every secret value is FAKE: produced by the seeded PRNG with the shape of the real format."""
import base64, json, os, random, string, urllib.parse, zlib, hashlib, sys

SEED = 120612
PFX = "B12"
R = random.Random(SEED)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus.jsonl")

UP = string.ascii_uppercase; LO = string.ascii_lowercase; DG = string.digits
AN = UP + LO + DG; HEXL = "0123456789abcdef"; B32 = UP + "234567"
B64 = AN + "+/"; B64U = AN + "-_"

def rs(n, a=AN): return "".join(R.choice(a) for _ in range(n))
def hx(n): return rs(n, HEXL)
def b64s(n): return rs(n, B64)
def uuid(): h = hx(32); return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:]}"
def pick(*a): return R.choice(a)
def b62(n):
    s = ""
    while n: n, r = divmod(n, 62); s = (DG + UP + LO)[r] + s
    return s.rjust(6, "0")
def ts(): return f"2026-{R.randint(1,12):02d}-{R.randint(1,28):02d}T{R.randint(0,23):02d}:{R.randint(0,59):02d}:{R.randint(0,59):02d}.{R.randint(0,999999):06d}+00:00"
def tsl(): return f"[2026-{R.randint(1,12):02d}-{R.randint(1,28):02d}, {R.randint(0,23):02d}:{R.randint(0,59):02d}:{R.randint(0,59):02d} UTC]"
def tss(): return f"2026-{R.randint(1,12):02d}-{R.randint(1,28):02d} {R.randint(0,23):02d}:{R.randint(0,59):02d}:{R.randint(0,59):02d},{R.randint(0,999):03d}"
WORDS = "orders billing ledger events clicks users invoices payments shipments crm marketing finance inventory churn sessions fx_rates".split()
def dag(): return R.choice(WORDS) + "_" + pick("daily", "hourly", "etl", "sync", "export", "ingest", "backfill", "dbt")
def task(): return pick("extract", "load", "transform", "upload_to_s3", "run_dbt", "notify", "check_quality", "spark_submit", "copy_into", "publish")
def host(): return pick("db", "pg", "mysql", "warehouse", "redis", "kafka", "mq", "mongo") + "-" + pick("prod", "stg", "01", "02", "eu1", "us-east") + "." + pick("internal", "corp.example.com", "svc.cluster.local", "acme.io")
def user(): return pick("airflow", "etl_user", "svc_loader", "analytics", "dbt_runner", "reporting", "ingest_bot", "admin_ro")
def pw_punct(n=None):
    n = n or R.randint(12, 22)
    s = [R.choice(AN) for _ in range(n)]
    for _ in range(R.randint(2, 4)): s[R.randrange(n)] = R.choice("!#$%&*+-=?@^_~.,;:()[]{}")
    return "".join(s)
def pw_plain(n=None): return rs(n or R.randint(14, 24))
def runid(): return pick("scheduled__", "manual__", "backfill__") + ts()
def jq(s): return json.dumps(s)[1:-1]
def pct(s): return urllib.parse.quote(s, safe="")

SECRET = []   # (family, format, fn)
HARMLESS = [] # (family, format, fn, keyrule)
def sec(family, fmt):
    def d(f): SECRET.append((family, fmt, f)); return f
    return d
def harm(family, fmt, keyrule=False):
    def d(f): HARMLESS.append((family, fmt, f, keyrule)); return f
    return d

# ---------------- vendor token generators ----------------
def gh(prefix):
    body = rs(30); return prefix + body + b62(zlib.crc32(body.encode()) & 0xffffffff)
def aws_akid(p="AKIA"): return p + rs(16, B32)
def aws_sk(): return b64s(40)
def aws_sess(): return "IQoJb3JpZ2luX2VjE" + b64s(R.randint(300, 380)) + "=="
def slack(p): return f"{p}-{R.randint(10**10,10**11-1)}-{R.randint(10**11,10**12-1)}-{rs(24)}"
def jwt(claims):
    e = lambda d: base64.urlsafe_b64encode(json.dumps(d, separators=(",", ":")).encode()).decode().rstrip("=")
    return e({"alg": pick("RS256", "HS256"), "typ": "JWT"}) + "." + e(claims) + "." + rs(R.choice([43, 86, 342]), B64U)
def pem(kind="RSA PRIVATE KEY", lines=None):
    lines = lines or R.randint(8, 14)
    body = "\n".join(b64s(64) for _ in range(lines)) + "\n" + b64s(R.randint(10, 60)) + "="
    return f"-----BEGIN {kind}-----\n{body}\n-----END {kind}-----"

VENDOR = {
 "aws_access_key_id": lambda: aws_akid(),
 "aws_secret_access_key": aws_sk,
 "aws_session_token": aws_sess,
 "github_pat_classic": lambda: gh("ghp_"),
 "github_oauth": lambda: gh("gho_"),
 "github_app_installation": lambda: gh("ghs_"),
 "github_fine_grained": lambda: "github_pat_11" + rs(20, UP + DG) + "_" + rs(59),
 "gitlab_pat": lambda: "glpat-" + rs(20, AN + "-_"),
 "gitlab_runner": lambda: "glrt-" + rs(20, AN + "-_"),
 "slack_bot": lambda: slack("xoxb"),
 "slack_user": lambda: slack("xoxp"),
 "slack_app": lambda: f"xapp-1-A{rs(10, UP+DG)}-{R.randint(10**12,10**13-1)}-{hx(64)}",
 "stripe_live_secret": lambda: "sk_live_51" + rs(97),
 "stripe_restricted": lambda: "rk_live_51" + rs(97),
 "stripe_webhook_secret": lambda: "whsec_" + rs(32),
 "twilio_api_key_secret": lambda: rs(32),
 "twilio_auth_token": lambda: hx(32),
 "sendgrid": lambda: "SG." + rs(22, B64U) + "." + rs(43, B64U),
 "mailgun": lambda: "key-" + hx(32),
 "openai_project": lambda: "sk-proj-" + rs(156, B64U),
 "anthropic": lambda: "sk-ant-api03-" + rs(93, B64U) + "AA",
 "google_api_key": lambda: "AIza" + rs(35, B64U),
 "google_oauth_client_secret": lambda: "GOCSPX-" + rs(28, B64U),
 "google_oauth_access": lambda: "ya29.a0" + rs(R.randint(180, 220), B64U),
 "google_refresh": lambda: "1//0" + rs(2, AN) + "-" + rs(R.randint(90, 100), B64U),
 "azure_storage_key": lambda: b64s(86) + "==",
 "azure_ad_client_secret": lambda: rs(3, AN) + "8Q~" + rs(34, AN + "~._-"),
 "azure_devops_pat": lambda: rs(84, AN),
 "databricks": lambda: "dapi" + hx(32) + pick("", "-2", "-3"),
 "npm": lambda: "npm_" + rs(36),
 "pypi": lambda: "pypi-AgEIcHlwaS5vcmc" + rs(R.randint(150, 180), B64U),
 "dockerhub_pat": lambda: "dckr_pat_" + rs(27, B64U),
 "vault_service": lambda: "hvs." + rs(24) if R.random() < .5 else "hvs.CAESI" + rs(86, B64U),
 "terraform_cloud": lambda: rs(14) + ".atlasv1." + rs(67),
 "datadog_api_key": lambda: hx(32),
 "datadog_app_key": lambda: hx(40),
 "newrelic_user": lambda: "NRAK-" + rs(27, UP + DG),
 "sentry_user_token": lambda: "sntryu_" + hx(64),
 "pagerduty_routing": lambda: "R0" + rs(30, UP + DG) if False else hx(32),
 "shopify_admin": lambda: "shpat_" + hx(32),
 "atlassian_api": lambda: "ATATT3xFfGF0" + rs(170, B64U) + "=" + hx(8).upper(),
 "digitalocean": lambda: "dop_v1_" + hx(64),
 "heroku": lambda: "HRKU-AA" + rs(58, B64U),
 "linear": lambda: "lin_api_" + rs(40),
 "notion": lambda: "ntn_" + rs(46),
 "airtable": lambda: "pat" + rs(14) + "." + hx(64),
 "huggingface": lambda: "hf_" + rs(34, UP + LO),
 "doppler": lambda: "dp.st.prd." + rs(43),
 "pulumi": lambda: "pul-" + hx(40),
 "grafana_sa": lambda: "glsa_" + rs(32) + "_" + hx(8),
 "telegram_bot": lambda: f"{R.randint(10**9, 8*10**9)}:AA{rs(33, B64U)}",
 "okta": lambda: "00" + rs(40, B64U),
 "age_secret": lambda: "AGE-SECRET-KEY-1" + rs(58, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"),
 "alibaba_akid": lambda: "LTAI5t" + rs(18),
 "cloudflare_api_token": lambda: rs(40, B64U),
 "cloudflare_origin_ca": lambda: "v1.0-" + hx(24) + "-" + hx(146),
 "postman": lambda: "PMAK-" + hx(24) + "-" + hx(34),
 "rubygems": lambda: "rubygems_" + hx(48),
 "jfrog_api_key": lambda: "AKCp8" + rs(68),
 "planetscale": lambda: "pscale_pw_" + rs(43, B64U),
 "supabase": lambda: "sbp_" + hx(40),
 "buildkite": lambda: "bkua_" + hx(40),
 "figma": lambda: "figd_" + rs(40, B64U),
 "mapbox_secret": lambda: "sk.eyJ1Ijoi" + rs(40, B64U) + "." + rs(22, B64U),
 "square": lambda: "EAAA" + rs(60, B64U),
 "braintree": lambda: f"access_token$production${rs(16, LO+DG)}${hx(32)}",
 "dynatrace": lambda: "dt0c01." + rs(24, UP + DG) + "." + rs(64, UP + DG),
 "teams_webhook": None,
 "sonarqube": lambda: "squ_" + hx(40),
 "bitbucket_app_pw": lambda: "ATBB" + rs(28) + hx(8).upper(),
 "mailchimp": lambda: hx(32) + "-us" + str(R.randint(1, 21)),
 "groq": lambda: "gsk_" + rs(52),
 "replicate": lambda: "r8_" + rs(37),
 "langsmith": lambda: "lsv2_pt_" + hx(32) + "_" + hx(10),
 "tailscale": lambda: "tskey-auth-k" + rs(10) + "CNTRL-" + rs(33),
 "prefect": lambda: "pnu_" + rs(36),
 "wandb": lambda: hx(40),
 "confluent_secret": lambda: rs(64, B64),
 "snowflake_pat": None,
 "salesforce": lambda: "00D" + rs(12) + "!AQ" + rs(90, AN + "._"),
 "circleci": lambda: "CCIPAT_" + rs(22) + "_" + hx(40),
 "elastic_api_key": lambda: base64.b64encode((rs(20, B64U) + ":" + rs(22, B64U)).encode()).decode(),
 "algolia_admin": lambda: hx(32),
 "launchdarkly": lambda: "api-" + uuid(),
 "fivetran_secret": lambda: rs(32),
 "asana": lambda: f"2/{R.randint(10**15, 10**16-1)}/{R.randint(10**15, 10**16-1)}:{hx(32)}",
 "discord_bot": lambda: rs(24, B64U) + "." + rs(6, B64U) + "." + rs(38, B64U),
}
VENDOR.pop("teams_webhook"); VENDOR.pop("snowflake_pat")
# names under which each vendor value naturally appears (purposely a mix of obvious and not)
VNAME = {
 "aws_access_key_id": ["AWS_ACCESS_KEY_ID", "aws_access_key_id", "AccessKeyId", "fs.s3a.access.key"],
 "aws_secret_access_key": ["AWS_SECRET_ACCESS_KEY", "aws_secret_access_key", "SecretAccessKey"],
 "aws_session_token": ["AWS_SESSION_TOKEN", "SessionToken", "aws_session_token"],
 "twilio_auth_token": ["TWILIO_AUTH_TOKEN"], "twilio_api_key_secret": ["TWILIO_API_SECRET"],
 "datadog_api_key": ["DD_API_KEY", "datadog.apiKey"], "datadog_app_key": ["DD_APP_KEY", "DATADOG_APPLICATION_KEY"],
 "pagerduty_routing": ["routing_key", "PAGERDUTY_INTEGRATION_KEY"],
 "algolia_admin": ["ALGOLIA_ADMIN_API_KEY"], "wandb": ["WANDB_API_KEY"], "cloudflare_api_token": ["CLOUDFLARE_API_TOKEN", "CF_API_TOKEN"],
 "confluent_secret": ["sasl.password", "CONFLUENT_CLOUD_API_SECRET"], "fivetran_secret": ["FIVETRAN_API_SECRET", "api_secret"],
 "azure_storage_key": ["AZURE_STORAGE_KEY", "account_key"], "mailchimp": ["MAILCHIMP_API_KEY"],
 "google_refresh": ["refresh_token", "GOOGLE_REFRESH_TOKEN"], "google_oauth_access": ["GOOGLE_OAUTH_ACCESS_TOKEN", "bq_bearer"],
 "google_oauth_client_secret": ["client_secret", "GOOGLE_CLIENT_SECRET"], "azure_ad_client_secret": ["AZURE_CLIENT_SECRET", "client_secret"],
 "slack_bot": ["SLACK_BOT_TOKEN", "slack_token"], "slack_user": ["SLACK_USER_TOKEN"], "slack_app": ["SLACK_APP_TOKEN"],
 "github_pat_classic": ["GITHUB_TOKEN", "GH_TOKEN"], "github_fine_grained": ["GITHUB_TOKEN", "dags_repo_token"],
 "age_secret": ["SOPS_AGE_KEY"], "telegram_bot": ["TELEGRAM_BOT_TOKEN"], "braintree": ["BRAINTREE_ACCESS_TOKEN"],
 "elastic_api_key": ["ELASTIC_API_KEY", "es_api_key"], "discord_bot": ["DISCORD_BOT_TOKEN"], "okta": ["OKTA_API_TOKEN"],
}
def vname(fmt):
    if fmt in VNAME: return R.choice(VNAME[fmt])
    return fmt.upper().split("_")[0] + pick("_TOKEN", "_API_KEY", "_KEY", "_SECRET")

def vendor_ctx(fmt, v):
    n = vname(fmt); c = R.randrange(12)
    if c == 0: return f"export {n}={v}"
    if c == 1: return f'{tsl()} {{taskinstance.py:{R.randint(100,900)}}} INFO - env: {n}={v}'
    if c == 2: return json.dumps({"key": n.lower(), "value": v, "description": None, "is_encrypted": False}, separators=(", ", ": "))
    if c == 3: return f"  - name: {n}\n    value: \"{v}\""
    if c == 4: return f"[{tss()}] {{subprocess.py:93}} INFO - curl -sS -H 'Authorization: Bearer {v}' https://api.{fmt.split('_')[0]}.com/v1/ping"
    if c == 5: return f"Out[{R.randint(3,40)}]:\n{{'{n.lower()}': '{v}', 'region': 'eu-west-1', 'timeout': 30}}"
    if c == 6: return f'{n} = "{v}"  # TODO move to secrets backend'
    if c == 7: return f"    {n.lower()}: {v}"
    if c == 8: return f"[{tss()}] {{logging_mixin.py:190}} INFO - Using credentials {{'{n.lower()}': '{v}'}}"
    if c == 9: return f'docker run --rm -e {n}="{v}" ghcr.io/acme/loader:1.{R.randint(0,9)}.{R.randint(0,20)}'
    if c == 10: return f'"env": [{{"name": "{n}", "value": "{v}"}}, {{"name": "LOG_LEVEL", "value": "INFO"}}]'
    return f"{n}={v}"

for _fmt in list(VENDOR):
    def _mk(fmt):
        def f():
            v = VENDOR[fmt](); return vendor_ctx(fmt, v), [v]
        return f
    SECRET.append(("vendor_token", "vendor:" + _fmt, _mk(_fmt)))

@sec("vendor_token", "vendor:slack_webhook")
def _():
    v = f"https://hooks.slack.com/services/T{rs(10, UP+DG)}/B{rs(10, UP+DG)}/{rs(24)}"
    return pick(f"SLACK_WEBHOOK_URL={v}", f'{tsl()} {{http.py:180}} INFO - Calling HTTP method POST {v}', json.dumps({"conn_type": "slackwebhook", "password": v})), [v]
@sec("vendor_token", "vendor:teams_webhook")
def _():
    v = f"https://{pick('acme','contoso','datateam')}.webhook.office.com/webhookb2/{uuid()}@{uuid()}/IncomingWebhook/{hx(32)}/{uuid()}/V2{rs(43, B64U)}"
    return pick(f'teams_hook = "{v}"', f"{tsl()} {{msteams.py:44}} INFO - posting card to {v}"), [v]
@sec("vendor_token", "vendor:discord_webhook")
def _():
    v = f"https://discord.com/api/webhooks/{R.randint(10**17, 10**18-1)}/{rs(68, B64U)}"
    return f"DISCORD_ALERTS={v}", [v]
@sec("vendor_token", "vendor:sentry_dsn")
def _():
    k = hx(32); v = f"https://{k}@o{R.randint(10**5,10**6)}.ingest.{pick('','us.','de.')}sentry.io/{R.randint(10**6,10**7)}"
    return pick(f"[sentry]\nsentry_on = True\nsentry_dsn = {v}", f"AIRFLOW__SENTRY__SENTRY_DSN={v}"), [k]
@sec("vendor_token", "vendor:gcp_service_account_json")
def _():
    p = pem("PRIVATE KEY", 16); kid = hx(40)
    d = {"type": "service_account", "project_id": "acme-data-prod", "private_key_id": kid, "private_key": p,
         "client_email": "airflow@acme-data-prod.iam.gserviceaccount.com", "client_id": str(R.randint(10**20, 10**21))}
    t = json.dumps({"extra": json.dumps({"keyfile_dict": json.dumps(d)})}) if R.random() < .4 else json.dumps(d, indent=2)
    # find escaped forms
    sp = json.dumps(p)[1:-1]
    if sp in t: return t, [sp, kid] if kid in t else [sp]
    sp2 = json.dumps(json.dumps(p)[1:-1])[1:-1]
    if sp2 in t: return t, [sp2, kid]
    sp3 = json.dumps(json.dumps(json.dumps(p)[1:-1])[1:-1])[1:-1]
    return t, [sp3, kid]
@sec("vendor_token", "vendor:snowflake_pat")
def _():
    v = jwt({"p": f"{R.randint(10**8,10**9)}:{R.randint(10**8,10**9)}", "iss": "SF:1001", "exp": 1800000000 + R.randint(0, 10**7)})
    return pick(f'snowflake_conn = {{"account": "xy12345.eu-central-1", "user": "LOADER", "password": "{v}"}}', f"SNOWSQL_PWD='{v}' snowsql -a xy12345 -u LOADER"), [v]
@sec("vendor_token", "vendor:azure_sas")
def _():
    sig = b64s(43) + "="; s = pct(sig)
    return f"https://acmelake.blob.core.windows.net/raw/exports?sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2026-12-31T23:59:59Z&st=2026-01-01T00:00:00Z&spr=https&sig={s}", [s]

# ---------------- non-vendor secret formats ----------------
@sec("password_punct", "uri_password_pct")
def _():
    p = pw_punct(); e = pct(p); u = f"postgresql://{user()}:{e}@{host()}:5432/{pick('analytics','dwh','airflow')}"
    return pick(f"AIRFLOW_CONN_PG_DWH='{u}'", f"sql_alchemy_conn = {u}", f"{tsl()} {{base.py:84}} INFO - Retrieving connection 'pg_dwh' {u}"), [e]
@sec("password_punct", "mysql_dsn_raw_punct")
def _():
    p = pw_punct().replace("@", "#").replace("/", "+").replace(":", "!")
    return f"mysql+pymysql://{user()}:{p}@{host()}:3306/reporting?charset=utf8mb4", [p]
@sec("password_punct", "yaml_password_quoted")
def _():
    p = pw_punct().replace("'", "")
    return f"default:\n  target: prod\n  outputs:\n    prod:\n      type: postgres\n      host: {host()}\n      user: {user()}\n      password: '{p}'\n      port: 5432\n      dbname: analytics\n      schema: marts\n      threads: 8", [p]
@sec("password_punct", "pandas_repr_password_col")
def _():
    ps = [pw_punct(R.randint(12, 16)) for _ in range(2)]
    t = "Out[12]:\n      conn_id        login          password  port\n" + "\n".join(f"{i}  {pick('pg_prod','mysql_crm','mssql_erp')}  {user():>12}  {p:>16}  {pick(5432,3306,1433)}" for i, p in enumerate(ps))
    return t, ps
@sec("password_punct", "odbc_connstr_pwd")
def _():
    p = pw_punct().replace(";", "!").replace("{", "(").replace("}", ")")
    return f"Driver={{ODBC Driver 18 for SQL Server}};Server=tcp:{host()},1433;Database=erp;Uid={user()};Pwd={{{p}}};Encrypt=yes;TrustServerCertificate=no;", [p]
@sec("password_punct", "jdbc_password_param")
def _():
    p = pw_punct().replace("&", "*").replace(";", ",")
    return f"{tss()} INFO DriverManager: connecting jdbc:sqlserver://{host()}:1433;databaseName=erp;user={user()};password={p};encrypt=true", [p]
@sec("password_punct", "ansible_vvv_password")
def _():
    p = pw_punct()
    return f'TASK [postgres : create replication user] ***\nchanged: [db01] => {{"changed": true, "invocation": {{"module_args": {{"name": "replicator", "password": "{jq(p)}", "role_attr_flags": "REPLICATION"}}}}}}', [jq(p)]
@sec("password_punct", "helm_values_password")
def _():
    p = pw_punct(); fk = base64.urlsafe_b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode(); wk = hx(32)
    return f"# values-prod.yaml\nfernetKey: {fk}\nwebserverSecretKey: {wk}\npostgresql:\n  enabled: true\n  auth:\n    username: airflow\n    password: \"{jq(p)}\"\n", [fk, wk, jq(p)]
@sec("password_punct", "terraform_state_password")
def _():
    p = pw_punct()
    return json.dumps({"mode": "managed", "type": "aws_db_instance", "name": "airflow_meta", "instances": [{"schema_version": 2, "attributes": {"identifier": "airflow-meta", "username": "airflow", "password": p, "engine": "postgres"}}]}, indent=2), [jq(p)]
@sec("password_punct", "terraform_plan_unmarked")
def _():
    p = pw_punct().replace('"', "")
    return f'  # module.mwaa.aws_redshift_cluster.dwh will be created\n  + resource "aws_redshift_cluster" "dwh" {{\n      + cluster_identifier = "acme-dwh"\n      + master_username    = "awsuser"\n      + master_password    = "{p}"\n      + node_type          = "ra3.xlplus"\n    }}', [p]
@sec("password_punct", "chef_template_diff")
def _():
    p = pw_punct()
    return f"  * template[/etc/odbc.ini] action create\n    - update content in file /etc/odbc.ini from 4f1c2a to 9b7e0d\n    --- /etc/odbc.ini\t2026-03-02 10:11:12\n    +++ /etc/.chef-odbc20260302.ini\n    @@ -4,3 +4,3 @@\n    -Password=\n    +Password={p}", [p]
@sec("password_punct", "ini_password_percent_escaped")
def _():
    p = pw_punct().replace("%", "")  + "%" + rs(3); e = p.replace("%", "%%")
    return f"[database]\nsql_alchemy_conn = postgresql+psycopg2://airflow@{host()}/airflow\n[smtp]\nsmtp_user = alerts@acme.io\nsmtp_password = {e}", [e]

@sec("statement_command", "sql_create_user")
def _():
    p = pw_punct().replace("'", ""); u = user()
    return pick(f"{tsl()} {{sql.py:{R.randint(400,600)}}} INFO - Running statement: CREATE USER {u} WITH PASSWORD '{p}' VALID UNTIL 'infinity';, parameters: None",
                f"ALTER ROLE {u} WITH LOGIN PASSWORD '{p}';"), [p]
@sec("statement_command", "sql_identified_by")
def _():
    p = pw_punct().replace("'", "")
    return f"CREATE USER 'reporting'@'%' IDENTIFIED BY '{p}';\nGRANT SELECT ON analytics.* TO 'reporting'@'%';", [p]
@sec("statement_command", "snowflake_alter_user")
def _():
    p = pw_punct().replace("'", "")
    return f"[{tss()}] {{cursor.py:1156}} INFO - query: [ALTER USER LOADER SET PASSWORD = '{p}' MUST_CHANGE_PASSWORD = FALSE]", [p]
@sec("statement_command", "cli_password_flag")
def _():
    p = pw_plain()
    return pick(f"$ airflow connections add pg_dwh --conn-type postgres --conn-host {host()} --conn-login {user()} --conn-password '{p}'",
                f"+ mysql -h {host()} -u {user()} -p{p} -e 'select 1'",
                f"+ sqlcmd -S {host()} -U sa -P {p} -Q \"SELECT @@VERSION\""), [p]
@sec("statement_command", "stdin_pipe_login")
def _():
    p = pick(pw_plain(32), aws_sk())
    return pick(f"echo '{p}' | docker login registry.acme.io -u ci-bot --password-stdin", f"printf %s \"{p}\" | helm registry login ghcr.io --username ci --password-stdin"), [p]
@sec("statement_command", "kubectl_create_secret_literal")
def _():
    p = pw_plain()
    return f"kubectl -n airflow create secret generic airflow-metadata --from-literal=connection=postgresql://airflow:{p}@{host()}:5432/airflow --from-literal=password={p}", [p]
@sec("statement_command", "spark_submit_conf")
def _():
    k = aws_sk(); a = aws_akid()
    return f"[{tss()}] {{spark_submit.py:{R.randint(400,500)}}} INFO - Spark-Submit cmd: spark-submit --master k8s://https://10.0.0.1:443 --conf spark.hadoop.fs.s3a.access.key={a} --conf spark.hadoop.fs.s3a.secret.key={k} --name arrow-spark local:///opt/app/job.py", [a, k]
@sec("statement_command", "dbt_vars_cli")
def _():
    v = rs(40); h = "pat-na1-" + uuid()
    return f"[{tss()}] {{subprocess.py:93}} INFO - Running command: ['dbt', 'run', '--select', 'tag:hourly', '--vars', '{{\"hubspot_private_app_token\": \"{h}\", \"export_signing_key\": \"{v}\"}}']", [h, v]
@sec("statement_command", "curl_user_flag")
def _():
    p = pw_punct().replace("'", "")
    return f"curl -u admin:'{p}' -X POST https://airflow.acme.io/api/v2/dags/{dag()}/dagRuns -d '{{}}'", [p]
@sec("statement_command", "psql_pgpassword_env")
def _():
    p = pw_plain()
    return f"{tsl()} {{subprocess.py:75}} INFO - Running command: ['/bin/bash', '-c', 'PGPASSWORD={p} pg_dump -h {host()} -U {user()} -Fc analytics > /tmp/dump.bin']", [p]
@sec("statement_command", "redis_cli_auth")
def _():
    p = pw_plain(32)
    return pick(f"redis-cli -h {host()} -p 6379 -a {p} --no-auth-warning PING", f"127.0.0.1:6379> AUTH default {p}\nOK"), [p]

@sec("encoded", "basic_auth_header")
def _():
    cred = f"{user()}:{pw_punct()}"; e = base64.b64encode(cred.encode()).decode()
    return pick(f"> GET /api/v1/dags HTTP/1.1\n> Host: airflow.acme.io\n> Authorization: Basic {e}\n> User-Agent: curl/8.5.0", f"{tsl()} {{http.py:160}} DEBUG - Sending 'GET' to url: https://vendor.example.net/api/export headers={{'Authorization': 'Basic {e}'}}"), [e]
@sec("encoded", "k8s_secret_data")
def _():
    p = pw_punct(); u = f"postgresql://airflow:{pct(p)}@{host()}:5432/airflow"
    e1 = base64.b64encode(p.encode()).decode(); e2 = base64.b64encode(u.encode()).decode()
    return f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: airflow-metadata\n  namespace: airflow\ntype: Opaque\ndata:\n  connection: {e2}\n  password: {e1}", [e2, e1]
@sec("encoded", "dockerconfigjson")
def _():
    p = pw_plain(36); auth = base64.b64encode(f"robot$ci:{p}".encode()).decode()
    inner = json.dumps({"auths": {"registry.acme.io": {"username": "robot$ci", "password": p, "auth": auth}}})
    outer = base64.b64encode(inner.encode()).decode()
    if R.random() < .5: return f"kind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {outer}", [outer]
    return inner, [p, auth]
@sec("encoded", "kubeconfig_token_and_cert")
def _():
    t = jwt({"iss": "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": "airflow", "sub": "system:serviceaccount:airflow:airflow-worker"})
    k = base64.b64encode(pem("EC PRIVATE KEY", 3).encode()).decode()
    return f"apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://10.20.0.1:6443\n  name: prod\nusers:\n- name: airflow\n  user:\n    token: {t}\n    client-key-data: {k}", [t, k]
@sec("encoded", "json_in_string_extra")
def _():
    s = pw_punct(); x = json.dumps({"client_id": uuid(), "client_secret": s, "tenant_id": uuid()})
    t = json.dumps({"connection_id": "azure_data_lake", "conn_type": "azure_data_lake", "extra": x})
    return t, [json.dumps(jq(s))[1:-1] if '"' in s or "\\" in s else s]
@sec("encoded", "xml_escaped_password")
def _():
    p = pw_punct(); e = p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<connectionStrings>\n  <add name="Dwh" connectionString="Server={host()};Database=dwh;User Id={user()};Password={e};" providerName="System.Data.SqlClient" />\n</connectionStrings>', [e]
@sec("encoded", "secretsmanager_secretstring")
def _():
    p = pw_punct(); s = json.dumps({"username": "airflow", "password": p, "engine": "postgres", "host": host(), "port": 5432})
    d = {"ARN": f"arn:aws:secretsmanager:eu-west-1:{R.randint(10**11,10**12-1)}:secret:airflow/connections/pg_dwh-{rs(6)}", "Name": "airflow/connections/pg_dwh", "VersionId": uuid(), "SecretString": s, "VersionStages": ["AWSCURRENT"], "CreatedDate": "2026-03-04T10:12:33.120000+00:00"}
    return "$ aws secretsmanager get-secret-value --secret-id airflow/connections/pg_dwh\n" + json.dumps(d, indent=4), [json.dumps(jq(p))[1:-1]]
@sec("encoded", "url_in_query_param")
def _():
    t = rs(40, B64U)
    return f"{tsl()} {{http.py:180}} INFO - GET https://api.vendor.example.net/v2/export?format=csv&access_token={t}&since=2026-01-01", [t]
@sec("encoded", "base64_env_blob")
def _():
    p = pw_punct(); blob = base64.b64encode(f"DB_PASSWORD={p}\nDB_HOST={host()}\n".encode()).decode()
    return f"ENV_FILE_B64={blob}", [blob]
@sec("encoded", "pgpass_line")
def _():
    p = pw_punct().replace(":", "\\:")
    return f"$ cat ~/.pgpass\n{host()}:5432:analytics:{user()}:{p}", [p]

@sec("split_webhook", "slack_webhook_split_conn")
def _():
    tk = f"T{rs(10, UP+DG)}/B{rs(10, UP+DG)}/{rs(24)}"
    return json.dumps({"connection_id": "slack_alerts", "conn_type": "slackwebhook", "host": "https://hooks.slack.com/services", "login": None, "schema": None, "port": None, "extra": None, "password": tk}), [tk]
@sec("split_webhook", "webhook_path_in_http_conn")
def _():
    tail = rs(24)
    return f"AIRFLOW_CONN_SLACK_DEFAULT='http://:{tail}@hooks.slack.com/services/T{rs(10,UP+DG)}/B{rs(10,UP+DG)}/'", [tail]
@sec("split_webhook", "teams_webhook_split")
def _():
    k = hx(32)
    return f"host=https://acme.webhook.office.com webhook_path=/webhookb2/{uuid()}@{uuid()}/IncomingWebhook/{k}/{uuid()}", [k]
@sec("split_webhook", "generic_signed_url_sig")
def _():
    sig = hx(64)
    return f"https://storage.googleapis.com/acme-exports/report.csv?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=airflow%40acme.iam.gserviceaccount.com%2F20260302%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20260302T101500Z&X-Goog-Expires=3600&X-Goog-SignedHeaders=host&X-Goog-Signature={sig}", [sig]
@sec("split_webhook", "s3_presigned_sig")
def _():
    sig = hx(64); a = aws_akid("ASIA"); st = pct(aws_sess())
    return f"https://acme-raw.s3.eu-west-1.amazonaws.com/exports/part-0000.parquet?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={a}%2F20260302%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20260302T101500Z&X-Amz-Expires=900&X-Amz-Security-Token={st}&X-Amz-SignedHeaders=host&X-Amz-Signature={sig}", [a, st, sig]

@sec("random_purpose_name", "hmac_signing_key")
def _():
    v = pick(hx(64), rs(44, B64) + "=")
    n = pick("WEBHOOK_SIGNING_KEY", "hmac_key", "signing_salt", "cookie_key", "jwt_signing_material")
    return pick(f"{n}={v}", f'"{n}": "{v}"', f"    {n}: {v}"), [v]
@sec("random_purpose_name", "encryption_key")
def _():
    v = base64.urlsafe_b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode()
    n = pick("AIRFLOW__CORE__FERNET_KEY", "fernet_key", "PII_ENCRYPTION_KEY", "data_key", "aes_key_material")
    return pick(f"{n}={v}", f"[core]\n{n.lower().split('__')[-1]} = {v}", f'Variable.set("{n.lower()}", "{v}")'), [v]
@sec("random_purpose_name", "recovery_codes")
def _():
    cs = [f"{rs(5, LO+DG)}-{rs(5, LO+DG)}" for _ in range(4)]
    return "GitHub recovery codes for ci-bot (store safely):\n" + "\n".join(cs), cs
@sec("random_purpose_name", "totp_seed")
def _():
    s = rs(32, B32)
    return pick(f"otpauth://totp/Acme:airflow-admin?secret={s}&issuer=Acme&algorithm=SHA1&digits=6&period=30", f"mfa_seed: {s}"), [s]
@sec("random_purpose_name", "wallet_seed_phrase")
def _():
    ws = "abandon ability able about above absent absorb abstract absurd abuse access accident account accuse achieve acid acoustic acquire across act action actor actress actual adapt add addict address adjust admit adult advance advice aerobic affair afford afraid again age agent agree ahead aim air airport aisle alarm album alcohol alert alien".split()
    p = " ".join(R.choice(ws) for _ in range(12))
    return f'mnemonic = "{p}"', [p]
@sec("random_purpose_name", "one_time_code")
def _():
    c = str(R.randint(100000, 999999)); lk = rs(40, B64U)
    return f"Subject: Your sign-in link\nUse code {c} or open https://app.acme.io/login/magic?key={lk}", [c, lk]
@sec("random_purpose_name", "session_cookie")
def _():
    v = rs(R.randint(32, 48), B64U)
    return pick(f"< Set-Cookie: session={v}; Path=/; HttpOnly; Secure; SameSite=Lax", f"Cookie: _oauth2_proxy={v}; _ga=GA1.2.{R.randint(10**8,10**9)}.{R.randint(10**9,2*10**9)}"), [v]
@sec("random_purpose_name", "kafka_sasl_jaas")
def _():
    p = pw_plain(32)
    return f'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="{rs(16, UP+DG)}" password="{p}";', [p]
@sec("random_purpose_name", "redis_requirepass")
def _():
    p = pw_plain(32)
    return pick(f"requirepass {p}", f"masterauth {p}"), [p]
@sec("random_purpose_name", "api_client_credential")
def _():
    v = rs(40)
    n = pick("partner_credential", "vendor_auth", "license", "ingest_credential", "upload_code")
    return f'{n} = "{v}"', [v]

@sec("airflow_context", "conn_uri_extra_secret")
def _():
    k = hx(32); a = hx(40)
    return f"AIRFLOW_CONN_DATADOG_DEFAULT='datadog://?api_key={k}&app_key={a}&host=api.datadoghq.eu'", [k, a]
@sec("airflow_context", "connections_export_json")
def _():
    p = pw_punct()
    return json.dumps({"pg_dwh": {"conn_type": "postgres", "description": "", "login": user(), "password": p, "host": host(), "port": 5432, "schema": "dwh", "extra": ""}}, indent=4), [jq(p)]
@sec("airflow_context", "variable_json_value")
def _():
    t = gh("ghp_"); v = json.dumps({"repo": "acme/dbt-project", "branch": "main", "deploy_token": t})
    return json.dumps({"key": "dbt_git_config", "value": v, "description": "dbt repo access", "is_encrypted": True}), [t]
@sec("airflow_context", "rendered_template_field")
def _():
    p = pw_plain()
    return json.dumps({"rendered_fields": {"bash_command": f"export PGPASSWORD={p} && psql -h {host()} -c 'vacuum analyze'", "env": None}, "dag_id": dag(), "task_id": task()}), [p]
@sec("airflow_context", "task_log_print_creds")
def _():
    p = pw_punct()
    return f"{tsl()} {{logging_mixin.py:190}} INFO - conn: host={host()} login={user()} password={p} port=5432", [p]
@sec("airflow_context", "hook_debug_boto")
def _():
    a = aws_akid("ASIA"); k = aws_sk()
    return f"[{tss()}] {{base_aws.py:{R.randint(150,700)}}} DEBUG - Credentials retrieved: aws_access_key_id={a}, aws_secret_access_key={k}, region_name=eu-west-1", [a, k]
@sec("airflow_context", "xcom_return_value_token")
def _():
    t = jwt({"sub": "svc-airflow", "aud": "https://api.acme.io", "exp": 1800000000 + R.randint(0, 10**7), "scope": "read write"})
    return json.dumps({"key": "return_value", "dag_id": dag(), "run_id": runid(), "task_id": "get_token", "map_index": -1, "value": {"access_token": t, "token_type": "Bearer", "expires_in": 3600}}), [t]
@sec("airflow_context", "import_error_traceback")
def _():
    p = pw_plain()
    return json.dumps({"import_error_id": R.randint(1, 300), "timestamp": ts(), "filename": f"/opt/airflow/dags/{dag()}.py", "bundle_name": "dags-folder", "stack_trace": f"Traceback (most recent call last):\n  File \"/opt/airflow/dags/x.py\", line 12, in <module>\n    engine = create_engine(\"mssql+pyodbc://sa:{p}@{host()}/erp?driver=ODBC+Driver+18\")\nsqlalchemy.exc.ArgumentError: Could not parse URL"}), [p]
@sec("airflow_context", "dag_source_hardcoded")
def _():
    k = VENDOR["sendgrid"]()
    return f'from airflow.sdk import dag, task\nimport requests\n\nSENDGRID = "{k}"\n\n@task\ndef notify():\n    requests.post("https://api.sendgrid.com/v3/mail/send", headers={{"Authorization": f"Bearer {{SENDGRID}}"}}, json={{}})', [k]
@sec("airflow_context", "kpo_env_vars_log")
def _():
    p = pw_plain()
    return f"[{tss()}] {{pod_manager.py:{R.randint(400,500)}}} INFO - [base] env: [{{'name': 'DB_URL', 'value': 'postgresql://loader:{p}@{host()}/raw', 'value_from': None}}]", [p]
@sec("airflow_context", "kubectl_describe_pod_env")
def _():
    p = pw_plain()
    return f"Containers:\n  base:\n    Image:  apache/airflow:3.0.2-python3.12\n    Environment:\n      AIRFLOW__DATABASE__SQL_ALCHEMY_CONN:  postgresql://airflow:{p}@{host()}:5432/airflow\n      AIRFLOW__CORE__EXECUTOR:              KubernetesExecutor\n      AIRFLOW_CONN_S3_LOGS:                 <set to the key 'uri' in secret 'airflow-s3-logs'>  Optional: false", [p]
@sec("airflow_context", "celery_broker_url_log")
def _():
    p = pw_plain()
    return f"[{tss()}: INFO/MainProcess] Connected to redis://:{p}@{host()}:6379/0", [p]
@sec("airflow_context", "openlineage_transport_config")
def _():
    k = rs(43, B64U)
    return f'[openlineage]\ntransport = {{"type": "http", "url": "https://marquez.acme.io", "endpoint": "api/v1/lineage", "auth": {{"type": "api_key", "apiKey": "{k}"}}}}', [k]
@sec("airflow_context", "great_expectations_datasource")
def _():
    p = pw_punct(); e = pct(p)
    return f"datasources:\n  dwh:\n    class_name: Datasource\n    execution_engine:\n      class_name: SqlAlchemyExecutionEngine\n      connection_string: postgresql+psycopg2://ge_reader:{e}@{host()}:5432/dwh", [e]
@sec("airflow_context", "spark_driver_conf_dump")
def _():
    k = b64s(86) + "=="
    return f"{tss()[2:]} INFO SparkContext: Spark configuration:\nspark.app.name=ingest_events\nspark.hadoop.fs.azure.account.key.acmelake.dfs.core.windows.net={k}\nspark.master=yarn\nspark.submit.deployMode=cluster", [k]
@sec("airflow_context", "dbt_profiles_databricks_token")
def _():
    t = VENDOR["databricks"]()
    return f"acme:\n  target: prod\n  outputs:\n    prod:\n      type: databricks\n      catalog: main\n      schema: marts\n      host: adb-{R.randint(10**15,10**16)}.{R.randint(1,19)}.azuredatabricks.net\n      http_path: /sql/1.0/warehouses/{hx(16)}\n      token: {t}", [t]
@sec("airflow_context", "gcloud_print_access_token")
def _():
    t = VENDOR["google_oauth_access"]()
    return f"{tsl()} {{subprocess.py:93}} INFO - + gcloud auth print-access-token\n{tsl()} {{subprocess.py:93}} INFO - {t}", [t]
@sec("airflow_context", "aws_sts_assume_role_out")
def _():
    a = aws_akid("ASIA"); k = aws_sk(); s = aws_sess()
    return json.dumps({"Credentials": {"AccessKeyId": a, "SecretAccessKey": k, "SessionToken": s, "Expiration": "2026-03-02T11:15:00+00:00"}, "AssumedRoleUser": {"AssumedRoleId": f"AROA{rs(17, UP+DG)}:airflow", "Arn": "arn:aws:sts::123456789012:assumed-role/airflow-exec/airflow"}}, indent=4), [a, k, s]
@sec("airflow_context", "az_sp_create_for_rbac")
def _():
    p = VENDOR["azure_ad_client_secret"]()
    return json.dumps({"appId": uuid(), "displayName": "airflow-adf", "password": p, "tenant": uuid()}, indent=2), [p]
@sec("airflow_context", "az_storage_keys_list")
def _():
    k1 = b64s(86) + "=="; k2 = b64s(86) + "=="
    return json.dumps([{"creationTime": ts(), "keyName": "key1", "permissions": "FULL", "value": k1}, {"creationTime": ts(), "keyName": "key2", "permissions": "FULL", "value": k2}], indent=2), [k1, k2]
@sec("airflow_context", "vault_kv_get_table")
def _():
    p = pw_punct()
    return f"====== Data ======\nKey         Value\n---         -----\nconn_uri    postgres://airflow:{pct(p)}@{host()}:5432/airflow\nlogin       airflow\npassword    {p}", [pct(p), p]
@sec("airflow_context", "op_read_stdout")
def _():
    p = pw_plain(24)
    return f"$ op read \"op://Data Platform/snowflake-loader/password\"\n{p}", [p]
@sec("airflow_context", "az_keyvault_secret_show")
def _():
    p = pw_punct()
    return json.dumps({"attributes": {"enabled": True, "recoveryLevel": "Recoverable+Purgeable"}, "id": f"https://kv-acme-data.vault.azure.net/secrets/airflow-connections-mssql/{hx(32)}", "name": "airflow-connections-mssql", "value": f"mssql://sa:{pct(p)}@{host()}:1433/erp"}, indent=2), [pct(p)]
@sec("airflow_context", "jupyter_env_dump")
def _():
    k = VENDOR["openai_project"]()
    return f"In [4]: import os; {{k: v for k, v in os.environ.items() if k.startswith('OPENAI')}}\nOut[4]: {{'OPENAI_API_KEY': '{k}', 'OPENAI_ORG': 'org-{rs(24)}'}}", [k]
@sec("airflow_context", "ssh_private_key_extra")
def _():
    p = pem("OPENSSH PRIVATE KEY", 7)
    t = json.dumps({"connection_id": "sftp_partner", "conn_type": "sftp", "host": "sftp.partner.example.net", "login": "acme", "extra": json.dumps({"private_key": p, "no_host_key_check": "false"})})
    return t, [json.dumps(json.dumps(p)[1:-1])[1:-1]]
@sec("airflow_context", "smtp_log_auth")
def _():
    p = pw_plain(16); e = base64.b64encode(f"\0alerts@acme.io\0{p}".encode()).decode()
    return f"send: 'ehlo airflow-worker-0\\r\\n'\nreply: b'250-AUTH PLAIN LOGIN\\r\\n'\nsend: 'AUTH PLAIN {e}\\r\\n'\nreply: b'235 2.7.0 Authentication successful\\r\\n'", [e]

@sec("registered", "registered_bare_stdout")
def _():
    p = pw_plain(R.randint(16, 28))
    return f"{tsl()} {{subprocess.py:93}} INFO - {p}", [p]
@sec("registered", "registered_csv_row")
def _():
    p = pw_plain(18)
    return f"conn_id,host,login,secret_ref\nmssql_erp,{host()},{user()},{p}", [p]
@sec("registered", "registered_echo_name")
def _():
    p = pw_plain(20)
    return f"{tsl()} {{bash.py:210}} INFO - Output:\n{tsl()} {{bash.py:221}} INFO - loaded credential {p} for partner sftp", [p]
@sec("registered", "registered_gcloud_secrets_access")
def _():
    p = pw_plain(32)
    return f"$ gcloud secrets versions access latest --secret=airflow-connections-bq_export\n{p}", [p]

@sec("registered", "registered_jupyter_print")
def _():
    p = pw_punct(R.randint(14, 20))
    return f"In [6]: conn = BaseHook.get_connection('mssql_erp')\n        print(conn.host, conn.login, conn.get_password())\n{host()} {user()} {p}", [p]
@sec("registered", "registered_ansible_debug_msg")
def _():
    p = pw_plain(22)
    return f'TASK [snowflake : debug] ****\nok: [localhost] => {{\n    "msg": "loader bootstrap complete for LOADER / {p}"\n}}', [p]
@sec("registered", "registered_spark_app_args")
def _():
    p = pw_plain(24)
    return f"{tss()[2:]} INFO ApplicationMaster: Final app args: --source jdbc --table erp.orders --cred {p} --target s3a://acme-raw/erp/", [p]
@sec("other", "pem_rsa_in_log")
def _():
    p = pem(); return f"{tsl()} {{logging_mixin.py:190}} INFO - key material:\n{p}", [p]
@sec("other", "pgp_private_block")
def _():
    p = pem("PGP PRIVATE KEY BLOCK", 10).replace("-----\n", "-----\n\n", 1); return p, [p]
@sec("other", "htpasswd_bcrypt")
def _():
    h = "$2y$10$" + rs(53, AN + "./"); return f"airflow-admin:{h}", [h]
@sec("other", "oauth_token_response")
def _():
    a = rs(R.randint(40, 64), B64U); r = rs(R.randint(40, 64), B64U)
    return f"< HTTP/1.1 200 OK\n< Content-Type: application/json\n{{\"access_token\":\"{a}\",\"token_type\":\"bearer\",\"expires_in\":7199,\"refresh_token\":\"{r}\",\"scope\":\"read\"}}", [a, r]
@sec("other", "windows_runas_net_use")
def _():
    p = pw_punct().replace('"', "")
    return f'C:\\> net use \\\\fileserver01\\exports /user:ACME\\svc_airflow "{p}" /persistent:no', [p]
@sec("other", "imap_login_trace")
def _():
    p = pw_plain(16)
    return f"C: a001 LOGIN reports@acme.io {p}\nS: a001 OK LOGIN completed", [p]
@sec("other", "java_stacktrace_jdbc_url")
def _():
    p = pw_plain()
    return f"java.sql.SQLException: Access denied for url jdbc:postgresql://{host()}:5432/dwh?user=spark&password={p}\n\tat org.postgresql.Driver.connect(Driver.java:285)\n\tat org.apache.spark.sql.execution.datasources.jdbc.JdbcUtils$.createConnectionFactory", [p]
@sec("other", "go_config_struct_dump")
def _():
    p = pw_plain()
    return f"config loaded: &{{Addr:{host()}:5432 User:{user()} Password:{p} SSLMode:require MaxConns:10}}", [p]
@sec("other", "node_npmrc")
def _():
    t = VENDOR["npm"]()
    return f"//registry.npmjs.org/:_authToken={t}\n@acme:registry=https://npm.pkg.github.com", [t]
@sec("other", "pip_conf_index_url")
def _():
    t = rs(40, B64U)
    return f"[global]\nindex-url = https://__token__:{t}@pkgs.acme.io/simple/\ntimeout = 60", [t]
@sec("other", "git_credential_url")
def _():
    t = gh("ghs_")
    return f"[{tss()}] {{subprocess.py:93}} INFO - Cloning into '/opt/airflow/dags/repo'... remote: https://x-access-token:{t}@github.com/acme/airflow-dags.git", [t]
@sec("other", "docker_compose_env")
def _():
    p = pw_plain(); k = hx(64)
    return f"services:\n  postgres:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: airflow\n      POSTGRES_PASSWORD: {p}\n  airflow-apiserver:\n    environment:\n      AIRFLOW__API__SECRET_KEY: '{k}'", [p, k]
@sec("other", "env_file_multi")
def _():
    p = pw_punct().replace(" ", ""); k = VENDOR["stripe_live_secret"]()
    return f"# .env.production\nDJANGO_DEBUG=false\nDATABASE_PASSWORD=\"{p}\"\nSTRIPE_KEY={k}\nSENTRY_ENVIRONMENT=production", [p, k]
@sec("other", "ldap_bind_password")
def _():
    p = pw_punct()
    return f"AUTH_LDAP_SERVER = \"ldaps://ldap.acme.io\"\nAUTH_LDAP_BIND_USER = \"cn=airflow,ou=svc,dc=acme,dc=io\"\nAUTH_LDAP_BIND_PASSWORD = \"{jq(p)}\"", [jq(p)]
@sec("other", "snmp_community_ipmi")
def _():
    p = pw_plain(16)
    return f"ipmitool -I lanplus -H 10.1.2.{R.randint(2,250)} -U ADMIN -P {p} chassis power status", [p]
@sec("other", "jks_storepass")
def _():
    p = pw_plain(18)
    return f"keytool -importkeystore -srckeystore kafka.p12 -srcstoretype PKCS12 -srcstorepass {p} -destkeystore kafka.jks -deststorepass {p}", [p]
@sec("other", "terraform_output_sensitive_json")
def _():
    t = VENDOR["terraform_cloud"]()
    return json.dumps({"tfc_token": {"sensitive": True, "type": "string", "value": t}, "bucket": {"sensitive": False, "type": "string", "value": "acme-airflow-logs"}}, indent=2), [t]

# ---------------- harmless ----------------
def sha256(): return hx(64)
@harm("task_log", "task_log_start")
def _(): return f"{tsl()} {{taskinstance.py:{R.randint(1100,2400)}}} INFO - Starting attempt {R.randint(1,3)} of {R.randint(3,5)}"
@harm("task_log", "task_log_exec")
def _(): return f"{tsl()} {{taskinstance.py:{R.randint(1100,2400)}}} INFO - Executing <Task(PythonOperator): {task()}> on {ts()}"
@harm("task_log", "task_log_success")
def _(): return f"{tsl()} {{taskinstance.py:352}} INFO - Marking task as SUCCESS. dag_id={dag()}, task_id={task()}, run_id={runid()}, execution_date=20260302T000000, start_date=20260302T001502, end_date=20260302T001544"
@harm("task_log", "task_log_sdk_json")
def _(): return json.dumps({"timestamp": ts(), "level": "info", "event": "Task instance is in running state", "logger": "task.stdout", "ti_id": uuid()})
@harm("task_log", "task_log_s3_upload")
def _(): return f"[{tss()}] {{s3.py:{R.randint(1000,1400)}}} INFO - Uploaded s3://acme-raw/{R.choice(WORDS)}/dt=2026-03-02/part-{R.randint(0,999):05d}-{uuid()}.c000.snappy.parquet (ETag \"{hx(32)}\")"
@harm("task_log", "task_log_multipart_etag")
def _(): return f"[{tss()}] {{s3.py:900}} INFO - CompleteMultipartUpload ETag=\"{hx(32)}-{R.randint(2,40)}\" VersionId={rs(32, AN+'._')}"
@harm("task_log", "task_log_bq_job")
def _(): return f"[{tss()}] {{bigquery.py:{R.randint(1500,1700)}}} INFO - Inserting job airflow_{dag()}_{task()}_{datetime_tag()}_{hx(32)}"
def datetime_tag(): return f"2026_03_{R.randint(1,28):02d}T00_00_00_00_00"
@harm("task_log", "task_log_masked_conn")
def _(): return f"{tsl()} {{base.py:84}} INFO - Retrieving connection '{pick('pg_dwh','aws_default','snowflake_default')}'\n{tsl()} {{sql.py:511}} INFO - Running statement: SELECT count(*) FROM staging.{R.choice(WORDS)}, parameters: None\n{tsl()} {{sql.py:520}} INFO - Rows affected: {R.randint(0,10**6)}"
@harm("task_log", "task_log_already_masked")
def _(): return f"{tsl()} {{subprocess.py:93}} INFO - connecting with postgresql://{user()}:***@{host()}:5432/dwh"
@harm("task_log", "task_log_tokenizer_prose")
def _(): return f"{tsl()} {{logging_mixin.py:190}} INFO - batch {R.randint(1,90)}: encoded {R.randint(10,500)} documents into {R.randint(1000,90000)} tokens with the cl100k_base tokenizer"
@harm("task_log", "keyrule_task_log_tokenizer", True)
def _(): return f"{tsl()} {{logging_mixin.py:190}} INFO - tokenizer=cl100k_base batch={R.randint(1,90)} token count: {R.randint(100,8192)} prompt_tokens={R.randint(100,4000)} completion_tokens={R.randint(10,900)}"
@harm("task_log", "task_log_dbt_run")
def _(): return f"[{tss()}] {{subprocess.py:93}} INFO - {R.randint(10,23)}:{R.randint(10,59)}:{R.randint(10,59)}  {R.randint(1,80)} of {R.randint(80,120)} OK created sql table model marts.fct_{R.choice(WORDS)} ......... [SELECT {R.randint(1,10**6)} in {R.random()*40:.2f}s]"
@harm("task_log", "dbt_invocation")
def _(): return f"{tss()[11:19]}  Running with dbt=1.{R.randint(7,9)}.{R.randint(0,6)}\n{tss()[11:19]}  Registered adapter: snowflake=1.8.{R.randint(0,4)}\n{tss()[11:19]}  Found {R.randint(40,400)} models, {R.randint(100,900)} data tests, {R.randint(5,40)} sources, 0 exposures, {R.randint(300,900)} macros\ninvocation_id: {uuid()}"
@harm("task_log", "dbt_manifest_checksum")
def _(): return json.dumps({"unique_id": f"model.acme.stg_{R.choice(WORDS)}", "checksum": {"name": "sha256", "checksum": sha256()}, "config": {"materialized": "view"}})
@harm("task_log", "spark_driver_startup")
def _(): return f"{tss()[2:]} INFO SparkContext: Running Spark version 3.5.{R.randint(0,5)}\n{tss()[2:]} INFO ResourceUtils: No custom resources configured for spark.driver.\n{tss()[2:]} INFO Client: Submitted application application_{R.randint(10**12,10**13)}_{R.randint(1,9999):04d}"
@harm("task_log", "spark_blockmanager")
def _(): return f"{tss()[2:]} INFO BlockManagerMasterEndpoint: Registering block manager 10.0.{R.randint(0,255)}.{R.randint(0,255)}:{R.randint(30000,60000)} with 2004.6 MiB RAM, BlockManagerId(driver, 10.0.3.4, 40123, None)"
@harm("task_log", "spark_conf_nonsecret")
def _(): return f"spark.hadoop.fs.s3a.aws.credentials.provider=com.amazonaws.auth.WebIdentityTokenCredentialsProvider\nspark.kubernetes.driver.pod.name=spark-{hx(16)}-driver\nspark.app.id=spark-{hx(32)}"
@harm("task_log", "ansible_ok")
def _(): return f"TASK [airflow : render airflow.cfg] ****\nchanged: [worker0{R.randint(1,9)}] => {{\"changed\": true, \"checksum\": \"{hx(40)}\", \"dest\": \"/etc/airflow/airflow.cfg\", \"md5sum\": \"{hx(32)}\", \"mode\": \"0640\"}}"
@harm("task_log", "ansible_recap")
def _(): return f"PLAY RECAP *********\nworker01 : ok={R.randint(10,60)} changed={R.randint(0,9)} unreachable=0 failed=0 skipped={R.randint(0,20)} rescued=0 ignored=0"
@harm("task_log", "chef_checksum")
def _(): return f"  * remote_file[/opt/airflow/wheels/apache_airflow-3.0.2-py3-none-any.whl] action create\n    - update content in file from none to {hx(6)}\n    (checksum {sha256()})"
@harm("task_log", "ge_validation_result")
def _(): return json.dumps({"success": True, "statistics": {"evaluated_expectations": R.randint(5,50), "successful_expectations": R.randint(5,50)}, "meta": {"run_id": {"run_name": f"{dag()}-{R.randint(1,999)}", "run_time": ts()}, "expectation_suite_name": f"{R.choice(WORDS)}.warning", "validation_id": uuid(), "checkpoint_id": uuid()}})
@harm("task_log", "openlineage_event")
def _(): return json.dumps({"eventType": "COMPLETE", "eventTime": ts(), "run": {"runId": uuid(), "facets": {"airflow": {"dag": {"dag_id": dag()}}}}, "job": {"namespace": "airflow-prod", "name": f"{dag()}.{task()}"}, "inputs": [{"namespace": f"postgres://{host()}:5432", "name": f"dwh.public.{R.choice(WORDS)}"}], "producer": "https://github.com/apache/airflow/tree/providers-openlineage/2.3.0", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"})
@harm("task_log", "jupyter_pandas_head")
def _(): return "Out[8]:\n" + "            order_id  customer_id    amount                        sha1\n" + "\n".join(f"{i}  {R.randint(10**8,10**9)}  {R.randint(1000,99999)}  {R.random()*900:8.2f}  {hx(40)}" for i in range(3))
@harm("task_log", "jupyter_df_info")
def _(): return f"<class 'pandas.core.frame.DataFrame'>\nRangeIndex: {R.randint(1000,10**6)} entries, 0 to N\nData columns (total 4 columns):\n #   Column        Non-Null Count  Dtype\n---  ------        --------------  -----\n 0   event_id      {R.randint(1000,9999)} non-null  object\n 1   word_count    {R.randint(1000,9999)} non-null  int64\n 2   session_hash  {R.randint(1000,9999)} non-null  object\n 3   ts            {R.randint(1000,9999)} non-null  datetime64[ns, UTC]\nmemory usage: {R.randint(1,900)}.{R.randint(0,9)} KB"
@harm("task_log", "papermill_output")
def _(): return f"[{tss()}] {{papermill.py:{R.randint(50,90)}}} INFO - Executing notebook with kernel: python3\nExecuting:  {R.randint(1,100)}%|{'#'*R.randint(1,10)}| {R.randint(1,30)}/30 [00:{R.randint(10,59)}<00:00, 1.2cell/s]\nOutput notebook: s3://acme-notebooks/out/{dag()}/{runid()}.ipynb"
@harm("task_log", "kpo_pod_log")
def _(): return f"[{tss()}] {{pod_manager.py:{R.randint(400,600)}}} INFO - Pod {task().replace('_','-')}-{rs(8, LO+DG)} has phase Running\n[{tss()}] {{pod.py:1080}} INFO - Deleting pod: {task().replace('_','-')}-{rs(8, LO+DG)}"

@harm("scheduler_log", "scheduler_queued")
def _(): return f"[{tss()}] {{scheduler_job_runner.py:{R.randint(400,900)}}} INFO - {R.randint(1,8)} tasks up for execution:\n\t<TaskInstance: {dag()}.{task()} {runid()} [scheduled]>"
@harm("scheduler_log", "scheduler_dagrun_done")
def _(): return f"[{tss()}] {{dagrun.py:{R.randint(800,900)}}} INFO - Marking run <DagRun {dag()} @ {ts()}: {runid()}, state:running, queued_at: {ts()}. run_type: scheduled> successful"
@harm("scheduler_log", "scheduler_executor_event")
def _(): return f"[{tss()}] {{scheduler_job_runner.py:{R.randint(700,800)}}} INFO - Received executor event with state success for task instance TaskInstanceKey(dag_id='{dag()}', task_id='{task()}', run_id='{runid()}', try_number=1, map_index=-1)"
@harm("scheduler_log", "scheduler_dag_processor")
def _(): return f"[{tss()}] {{manager.py:{R.randint(200,900)}}} INFO - DAG bundle dags-folder version {hx(40)} refreshed; {R.randint(10,200)} files, {R.randint(0,3)} import errors"
@harm("scheduler_log", "triggerer_log")
def _(): return f"[{tss()}] {{triggerer_job_runner.py:{R.randint(500,700)}}} INFO - trigger {dag()}/{runid()}/{task()}/-1/1 (ID {R.randint(1,9999)}) fired: TriggerEvent<{{'status': 'success', 'job_id': '{uuid()}'}}>"
@harm("scheduler_log", "apiserver_access")
def _(): return f"INFO:     10.0.{R.randint(0,255)}.{R.randint(0,255)}:{R.randint(30000,60000)} - \"GET /api/v2/dags/{dag()}/dagRuns?limit=25&order_by=-run_after HTTP/1.1\" 200 OK"
@harm("scheduler_log", "webserver_gunicorn")
def _(): return f"[{tss()}] [{R.randint(10,99)}] [INFO] Booting worker with pid: {R.randint(100,9999)}\n10.0.0.{R.randint(2,250)} - - [02/Mar/2026:10:{R.randint(10,59)}:11 +0000] \"GET /static/dist/main.{hx(20)}.js HTTP/1.1\" 200 {R.randint(1000,90000)}"
@harm("scheduler_log", "scheduler_pool")
def _(): return f"[{tss()}] {{scheduler_job_runner.py:500}} INFO - Not executing <TaskInstance: {dag()}.{task()} {runid()} [scheduled]> since the number of tasks running or queued from DAG {dag()} is >= to the DAG's max_active_tasks limit of 16"
@harm("worker_log", "celery_task_received")
def _(): return f"[{tss()}: INFO/MainProcess] Task execute_workload[{uuid()}] received"
@harm("worker_log", "celery_task_success")
def _(): return f"[{tss()}: INFO/ForkPoolWorker-{R.randint(1,16)}] Task execute_workload[{uuid()}] succeeded in {R.random()*90:.6f}s: None"
@harm("worker_log", "celery_broker_masked")
def _(): return f"[{tss()}: INFO/MainProcess] Connected to amqp://airflow:**@{host()}:5672//"
@harm("worker_log", "worker_hostname")
def _(): return f"celery@airflow-worker-{R.randint(0,9)} ready. hostname=airflow-worker-{rs(10, LO+DG)}-{rs(5, LO+DG)}"
@harm("worker_log", "k8s_executor_pod")
def _(): return f"[{tss()}] {{kubernetes_executor_utils.py:{R.randint(200,500)}}} INFO - Event: {dag().replace('_','-')}-{task().replace('_','-')}-{rs(8, LO+DG)} Succeeded, annotations: <omitted>"
@harm("worker_log", "kubectl_describe_pod_harmless")
def _(): return f"Name:         airflow-worker-{rs(10, LO+DG)}-{rs(5, LO+DG)}\nNamespace:    airflow\nContainers:\n  worker:\n    Image:         apache/airflow:3.0.{R.randint(0,6)}\n    Image ID:      docker.io/apache/airflow@sha256:{sha256()}\n    Environment:\n      AIRFLOW__DATABASE__SQL_ALCHEMY_CONN:  <set to the key 'connection' in secret 'airflow-metadata'>  Optional: false\n      AIRFLOW__CORE__FERNET_KEY:            <set to the key 'fernet-key' in secret 'airflow-fernet-key'>  Optional: false"
@harm("worker_log", "kubectl_describe_secret")
def _(): return f"Name:         airflow-metadata\nNamespace:    airflow\nType:  Opaque\n\nData\n====\nconnection:  {R.randint(60,120)} bytes\nusername:  7 bytes"
@harm("worker_log", "kubectl_events")
def _(): return f"  Normal  Pulled     {R.randint(2,59)}s   kubelet  Container image \"ghcr.io/acme/etl@sha256:{sha256()}\" already present on machine\n  Normal  Created    {R.randint(2,59)}s   kubelet  Created container base"

@harm("api_json", "api_dag")
def _(): return json.dumps({"dag_id": dag(), "dag_display_name": dag(), "is_paused": R.random() < .3, "is_stale": False, "last_parsed_time": ts(), "fileloc": f"/opt/airflow/dags/{dag()}.py", "bundle_name": "dags-folder", "bundle_version": hx(40), "owners": ["data-eng"], "tags": [{"name": "tier1", "dag_id": "x"}], "timetable_summary": pick("0 3 * * *", "@hourly", "*/15 * * * *", "0 0 * * MON")})
@harm("api_json", "api_dagrun")
def _(): return json.dumps({"dag_run_id": runid(), "dag_id": dag(), "logical_date": ts(), "queued_at": ts(), "start_date": ts(), "end_date": ts(), "run_after": ts(), "state": pick("success", "failed", "running"), "run_type": "scheduled", "triggered_by": "timetable", "conf": {}, "note": None, "dag_versions": [{"id": uuid(), "version_number": R.randint(1,40), "bundle_version": hx(40)}]})
@harm("api_json", "api_task_instance")
def _(): return json.dumps({"id": uuid(), "task_id": task(), "dag_id": dag(), "dag_run_id": runid(), "map_index": -1, "state": "success", "try_number": 1, "hostname": f"airflow-worker-{rs(10,LO+DG)}-{rs(5,LO+DG)}", "pid": R.randint(10,9999), "pool": "default_pool", "queue": "default", "executor_config": "{}", "rendered_map_index": None})
@harm("api_json", "api_xcom_harmless")
def _(): return json.dumps({"key": "return_value", "timestamp": ts(), "logical_date": ts(), "map_index": -1, "task_id": task(), "dag_id": dag(), "run_id": runid(), "value": {"rows": R.randint(0,10**6), "s3_key": f"s3://acme-raw/{R.choice(WORDS)}/{uuid()}.parquet", "md5": hx(32)}})
@harm("api_json", "api_variable")
def _(): return json.dumps({"key": pick("slack_channel", "target_schema", "s3_bucket", "batch_size", "sla_minutes"), "value": pick("#data-alerts", "marts", "acme-raw", str(R.randint(100, 10000)), "45"), "description": None, "is_encrypted": False})
@harm("api_json", "api_connection_v1")
def _(): return json.dumps({"connection_id": pick("aws_default", "google_cloud_default", "pg_dwh"), "conn_type": pick("aws", "google_cloud_platform", "postgres"), "description": "", "host": host(), "login": user(), "schema": "dwh", "port": 5432, "extra": json.dumps({"region_name": "eu-west-1", "role_arn": f"arn:aws:iam::{R.randint(10**11,10**12-1)}:role/airflow-exec"})})
@harm("api_json", "api_import_error")
def _(): return json.dumps({"import_error_id": R.randint(1,300), "timestamp": ts(), "filename": f"/opt/airflow/dags/{dag()}.py", "bundle_name": "dags-folder", "stack_trace": f"Traceback (most recent call last):\n  File \"/opt/airflow/dags/{dag()}.py\", line {R.randint(1,200)}, in <module>\n    from airflow.providers.snowflake.operators.snowflake import SnowflakeOperator\nModuleNotFoundError: No module named 'airflow.providers.snowflake'"})
@harm("api_json", "api_event_log")
def _(): return json.dumps({"event_log_id": R.randint(1,10**6), "when": ts(), "dag_id": dag(), "task_id": None, "run_id": None, "event": pick("trigger", "paused", "variable.edit", "connection.edit"), "owner": "admin", "extra": json.dumps({"dag_id": "x", "origin": "/dags"})})
@harm("api_json", "api_pool")
def _(): return json.dumps({"name": pick("default_pool", "snowflake_pool", "api_rate_limited"), "slots": R.randint(1,128), "occupied_slots": R.randint(0,10), "running_slots": R.randint(0,5), "queued_slots": 0, "open_slots": R.randint(0,100), "description": "token bucket for vendor API", "include_deferred": False})
@harm("api_json", "api_config_hidden")
def _(): return json.dumps({"sections": [{"name": "database", "options": [{"key": "sql_alchemy_conn", "value": "< hidden >"}, {"key": "sql_alchemy_pool_size", "value": "5"}]}]})
@harm("api_json", "api_version")
def _(): return json.dumps({"version": f"3.0.{R.randint(0,6)}", "git_version": f".release:{hx(40)}"})
@harm("api_json", "api_asset")
def _(): return json.dumps({"id": R.randint(1,900), "name": f"{R.choice(WORDS)}_daily", "uri": f"s3://acme-curated/{R.choice(WORDS)}/v{R.randint(1,5)}/", "group": "asset", "extra": {}, "created_at": ts(), "consuming_dags": [{"dag_id": dag(), "created_at": ts()}]})
@harm("api_json", "api_dag_stats_health")
def _(): return json.dumps({"metadatabase": {"status": "healthy"}, "scheduler": {"status": "healthy", "latest_scheduler_heartbeat": ts()}, "triggerer": {"status": "healthy", "latest_triggerer_heartbeat": ts()}, "dag_processor": {"status": "healthy", "latest_dag_processor_heartbeat": ts()}})
@harm("api_json", "api_login_error")
def _(): return json.dumps({"detail": pick("Not authenticated", "Invalid credentials", "Token expired, please log in again"), "status": 401, "title": "Unauthorized", "type": "about:blank"})
@harm("api_json", "api_dag_version")
def _(): return json.dumps({"id": uuid(), "version_number": R.randint(1,50), "dag_id": dag(), "bundle_name": "git-dags", "bundle_version": hx(40), "created_at": ts(), "bundle_url": f"https://github.com/acme/airflow-dags/tree/{hx(40)}"})

@harm("near_miss", "aws_cli_caller_identity")
def _(): return json.dumps({"UserId": f"AROA{rs(17, UP+DG)}:botocore-session-{R.randint(10**9,10**10)}", "Account": str(R.randint(10**11, 10**12-1)), "Arn": f"arn:aws:sts::{R.randint(10**11,10**12-1)}:assumed-role/airflow-exec/botocore-session-{R.randint(10**9,10**10)}"}, indent=4)
@harm("near_miss", "aws_s3api_head_object")
def _(): return json.dumps({"AcceptRanges": "bytes", "LastModified": "2026-03-02T10:15:00+00:00", "ContentLength": R.randint(1000,10**9), "ETag": f"\"{hx(32)}\"", "ChecksumSHA256": base64.b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode(), "VersionId": rs(32, AN+"._"), "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": f"arn:aws:kms:eu-west-1:{R.randint(10**11,10**12-1)}:key/{uuid()}"}, indent=4)
@harm("near_miss", "aws_secretsmanager_describe")
def _(): return json.dumps({"ARN": f"arn:aws:secretsmanager:eu-west-1:{R.randint(10**11,10**12-1)}:secret:airflow/connections/{pick('pg_dwh','snowflake')}-{rs(6)}", "Name": "airflow/connections/pg_dwh", "RotationEnabled": True, "RotationLambdaARN": f"arn:aws:lambda:eu-west-1:{R.randint(10**11,10**12-1)}:function:rotate-pg", "VersionIdsToStages": {uuid(): ["AWSCURRENT"], uuid(): ["AWSPREVIOUS"]}}, indent=4)
@harm("near_miss", "gcloud_secrets_list")
def _(): return "NAME                                 CREATED              REPLICATION_POLICY  LOCATIONS\n" + "\n".join(f"airflow-{pick('connections','variables')}-{R.choice(WORDS)}  2026-0{R.randint(1,9)}-1{R.randint(0,9)}T10:11:12  automatic           -" for _ in range(3))
@harm("near_miss", "gcloud_config_list")
def _(): return f"[core]\naccount = airflow@acme-data-prod.iam.gserviceaccount.com\ndisable_usage_reporting = True\nproject = acme-data-prod\n[compute]\nregion = europe-west1"
@harm("near_miss", "az_account_show")
def _(): return json.dumps({"environmentName": "AzureCloud", "id": uuid(), "isDefault": True, "name": "acme-data-prod", "state": "Enabled", "tenantId": uuid(), "user": {"name": uuid(), "type": "servicePrincipal"}}, indent=2)
@harm("near_miss", "vault_kv_metadata")
def _(): return f"===== Metadata Path =====\nsecret/metadata/airflow/connections/pg_dwh\n\n========== Metadata ==========\nKey                     Value\n---                     -----\ncas_required            false\ncreated_time            {ts()}\ncurrent_version         {R.randint(1,20)}\nmax_versions            0"
@harm("near_miss", "docker_image_digest")
def _(): return f"{pick('apache/airflow:3.0.2-python3.12','ghcr.io/acme/etl:1.4.2','bitnami/postgresql:16.4.0')}@sha256:{sha256()}"
@harm("near_miss", "git_sha_ci_env")
def _(): return f"GITHUB_SHA={hx(40)}\nGITHUB_RUN_ID={R.randint(10**9,10**10)}\nGIT_COMMIT_SHORT={hx(7)}\nBUILD_NUMBER={R.randint(1,9999)}"
@harm("near_miss", "gha_pinned_actions")
def _(): return f"    steps:\n      - uses: actions/checkout@v4\n      - uses: aws-actions/configure-aws-credentials@{hx(40)} # v4.0.2\n        with:\n          role-to-assume: arn:aws:iam::{R.randint(10**11,10**12-1)}:role/gha-deploy\n          aws-region: eu-west-1\n      - uses: docker/build-push-action@v6"
@harm("near_miss", "pip_hashes")
def _(): return f"apache-airflow-providers-amazon=={R.randint(8,9)}.{R.randint(0,30)}.0 \\\n    --hash=sha256:{sha256()} \\\n    --hash=sha256:{sha256()}"
@harm("near_miss", "npm_integrity")
def _(): return f"    \"node_modules/{pick('axios','lodash','react','esbuild')}\": {{\n      \"version\": \"{R.randint(1,18)}.{R.randint(0,20)}.{R.randint(0,9)}\",\n      \"resolved\": \"https://registry.npmjs.org/x/-/x-1.0.0.tgz\",\n      \"integrity\": \"sha512-{b64s(86)}==\"\n    }}"
@harm("near_miss", "uv_lock_entry")
def _(): return f'[[package]]\nname = "{pick("pendulum","sqlalchemy","boto3")}"\nversion = "{R.randint(1,3)}.{R.randint(0,40)}.{R.randint(0,9)}"\nsource = {{ registry = "https://pypi.org/simple" }}\nsdist = {{ url = "https://files.pythonhosted.org/packages/{hx(2)}/{hx(2)}/{hx(60)}/x.tar.gz", hash = "sha256:{sha256()}", size = {R.randint(10**4,10**7)} }}'
@harm("near_miss", "trace_ids")
def _(): return f"traceparent: 00-{hx(32)}-{hx(16)}-01\nx-request-id: {uuid()}\nx-amzn-RequestId: {uuid()}\nx-amz-id-2: {b64s(76)}"
@harm("near_miss", "terraform_plan_harmless")
def _(): return f"  # aws_s3_bucket.logs will be updated in-place\n  ~ resource \"aws_s3_bucket\" \"logs\" {{\n        id     = \"acme-airflow-logs\"\n      ~ tags   = {{\n          ~ \"git_sha\" = \"{hx(40)}\" -> \"{hx(40)}\"\n        }}\n    }}\n\nPlan: 0 to add, 1 to change, 0 to destroy."
@harm("near_miss", "terraform_state_lineage")
def _(): return json.dumps({"version": 4, "terraform_version": f"1.{R.randint(5,9)}.{R.randint(0,5)}", "serial": R.randint(1,900), "lineage": uuid(), "outputs": {"bucket_arn": {"value": "arn:aws:s3:::acme-airflow-logs", "type": "string"}}}, indent=2)
@harm("near_miss", "terraform_lock_hcl")
def _(): return f'provider "registry.terraform.io/hashicorp/aws" {{\n  version     = "5.{R.randint(10,90)}.0"\n  constraints = "~> 5.0"\n  hashes = [\n    "h1:{b64s(43)}=",\n    "zh:{sha256()}",\n  ]\n}}'
@harm("near_miss", "documented_example_prose")
def _(): return pick("AKIAIOSFODNN7EXAMPLE is the documented sample key id; replace it with your own.", "The AWS docs use wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY as the sample secret in every CLI example.", "Sample Slack token in the provider docs: xoxb-1234-5678-abcdefghijkl (invalid by design)", "see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html")
@harm("near_miss", "keyrule_documented_example_keys", True)
def _(): return pick("# example from AWS docs\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                    "export SLACK_BOT_TOKEN=xoxb-your-bot-token-here",
                    "stripe listen --api-key sk_test_YOUR_TEST_KEY  # see docs",
                    "OPENAI_API_KEY=<your-api-key>")
@harm("near_miss", "helm_values_harmless")
def _(): return f"images:\n  airflow:\n    repository: apache/airflow\n    tag: 3.0.{R.randint(0,6)}\n    digest: sha256:{sha256()}\nexecutor: CeleryExecutor\nworkers:\n  replicas: {R.randint(2,12)}\n  persistence:\n    size: 50Gi\nlogs:\n  persistence:\n    enabled: false"
@harm("near_miss", "kubectl_get_pods")
def _(): return "NAME                                 READY   STATUS    RESTARTS   AGE\n" + "\n".join(f"airflow-{pick('scheduler','worker','triggerer','api-server')}-{rs(10,LO+DG)}-{rs(5,LO+DG)}   1/1     Running   {R.randint(0,3)}          {R.randint(1,40)}d" for _ in range(3))
@harm("near_miss", "uuid_list")
def _(): return "\n".join(f"{uuid()}  {pick('queued','running','success')}" for _ in range(4))
@harm("near_miss", "jupyter_hash_output")
def _(): return f"In [3]: hashlib.sha256(open('export.csv','rb').read()).hexdigest()\nOut[3]: '{sha256()}'"
@harm("near_miss", "md5_manifest")
def _(): return "\n".join(f"{hx(32)}  part-{i:05d}.csv.gz" for i in range(R.randint(2,4)))
@harm("near_miss", "base64_public_payload")
def _():
    p = base64.b64encode(json.dumps({"dag_id": dag(), "rows": R.randint(1,999)}).encode()).decode()
    return f"pubsub message data={p} message_id={R.randint(10**15,10**16)} publish_time={ts()}"
@harm("near_miss", "ssh_public_key")
def _(): return f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{b64s(43)} airflow@worker\nSHA256:{b64s(43)} airflow@worker (ED25519)"
@harm("near_miss", "cert_fingerprint")
def _(): return f"SHA256 Fingerprint={':'.join(hx(2).upper() for _ in range(32))}\nSerial Number: {':'.join(hx(2) for _ in range(16))}"
@harm("near_miss", "gcs_paths_generation")
def _(): return f"gs://acme-composer-{R.randint(10**5,10**6)}-bucket/dags/{dag()}.py#{R.randint(10**15,10**16)}  metageneration=1  crc32c={b64s(6)}==  md5Hash={b64s(22)}=="
@harm("near_miss", "openlineage_harmless_ns")
def _(): return json.dumps({"eventType": "START", "run": {"runId": uuid()}, "job": {"namespace": "airflow-prod", "name": dag(), "facets": {"sourceCodeLocation": {"type": "git", "url": "https://github.com/acme/airflow-dags", "version": hx(40)}}}, "outputs": [{"namespace": "s3://acme-curated", "name": f"{R.choice(WORDS)}/v2"}]})
@harm("near_miss", "az_storage_blob_show")
def _(): return json.dumps({"name": f"raw/{uuid()}.json", "properties": {"contentSettings": {"contentMd5": b64s(22) + "=="}, "etag": f"\"0x8DC{hx(12).upper()}\"", "lastModified": ts()}, "versionId": ts()}, indent=2)
@harm("near_miss", "java_stacktrace_harmless")
def _(): return f"Exception in thread \"main\" org.apache.spark.SparkException: Job aborted due to stage failure: Task {R.randint(0,300)} in stage {R.randint(1,40)}.0 failed 4 times\n\tat org.apache.spark.scheduler.DAGScheduler.failJobAndIndependentStages(DAGScheduler.scala:2898)\nCaused by: java.io.FileNotFoundException: s3a://acme-raw/events/_temporary/0/task_{R.randint(10**12,10**13)}_0001_m_{R.randint(0,999):06d}"

@harm("key_word_nonsecret", "prose_password_reset")
def _(): return f"{tsl()} {{email.py:{R.randint(200,300)}}} INFO - Password reset email sent to user id {R.randint(1,9999)}; token expiry set to 30 minutes"
@harm("key_word_nonsecret", "prose_secret_rotation")
def _(): return f"{tsl()} {{logging_mixin.py:190}} INFO - secret rotation for airflow/connections/pg_dwh completed in {R.random()*5:.2f}s (version {R.randint(2,90)})"
@harm("key_word_nonsecret", "prose_token_bucket")
def _(): return f"rate limiter: {R.randint(1,60)} tokens/s, bucket size {R.randint(60,600)}, tokens remaining {R.randint(0,60)}"
@harm("key_word_nonsecret", "prose_auth_ok")
def _(): return f"{tsl()} {{base_aws.py:{R.randint(600,700)}}} INFO - Authenticated via web identity token file /var/run/secrets/eks.amazonaws.com/serviceaccount/token"
@harm("key_word_nonsecret", "prose_key_error")
def _(): return f"KeyError: 'api_key' not found in Variable '{R.choice(WORDS)}_config'; falling back to connection extra"
@harm("key_word_nonsecret", "dag_doc_md")
def _(): return f'doc_md = """\n## {dag()}\nLoads vendor exports. Credentials come from the `{R.choice(WORDS)}_api` connection;\nrotate the API key every 90 days (ticket DATA-{R.randint(100,9999)}).\n"""'

@harm("reference", "jinja_conn_ref")
def _(): return f"bash_command=\"psql postgresql://{{{{ conn.pg_dwh.login }}}}@{{{{ conn.pg_dwh.host }}}}/dwh -c '\\\\copy {R.choice(WORDS)} to stdout'\""
@harm("reference", "env_configmap_ref")
def _(): return f"envFrom:\n  - configMapRef:\n      name: airflow-{R.choice(WORDS)}-env\nenv:\n  - name: DB_HOST\n    valueFrom:\n      configMapKeyRef:\n        name: etl-config\n        key: db_host"
@harm("reference", "keyrule_env_secret_ref", True)
def _(): return f"env_from:\n  - secretRef:\n      name: airflow-{R.choice(WORDS)}-env\nenv:\n  - name: DB_HOST\n    valueFrom:\n      configMapKeyRef:\n        name: etl-config\n        key: db_host"
@harm("reference", "tf_var_ref")
def _(): return f"resource \"aws_db_instance\" \"meta\" {{\n  username = var.db_username\n  db_name  = var.db_name\n  kms_key_id = aws_kms_key.rds.arn\n}}"
@harm("reference", "vault_path_ref")
def _(): return f"[secrets]\nbackend = airflow.providers.hashicorp.secrets.vault.VaultBackend\nbackend_kwargs = {{\"connections_path\": \"connections\", \"variables_path\": \"variables\", \"mount_point\": \"airflow\", \"url\": \"https://vault.acme.io:8200\", \"auth_type\": \"kubernetes\", \"kubernetes_role\": \"airflow\"}}"
@harm("reference", "gha_secret_ref")
def _(): return "      - name: Deploy DAGs\n        env:\n          AWS_REGION: eu-west-1\n          DBT_PROFILES_DIR: ./profiles\n          DEPLOY_ROLE: ${{{{ secrets.DEPLOY_ROLE_ARN }}}}\n        run: aws s3 sync dags/ s3://acme-composer/dags/ --delete --exclude '*.pyc'"
@harm("reference", "dollar_brace_ref")
def _(): return f"sqlalchemy_url=postgresql://${{DB_USER}}@${{DB_HOST}}:${{DB_PORT:-5432}}/${{DB_NAME}}"
@harm("reference", "aws_secret_arn")
def _(): return f"Fetching arn:aws:secretsmanager:eu-west-1:{R.randint(10**11,10**12-1)}:secret:airflow/variables/{R.choice(WORDS)}-{rs(6)} via SecretsManagerBackend"
@harm("reference", "gcp_secret_resource")
def _(): return f"projects/{R.randint(10**11,10**12)}/secrets/airflow-connections-{R.choice(WORDS)}/versions/{R.randint(1,20)}"
@harm("reference", "azure_kv_ref")
def _(): return f"@Microsoft.KeyVault(SecretUri=https://kv-acme-data.vault.azure.net/secrets/{R.choice(WORDS)}-conn/)"
@harm("reference", "op_uri_ref")
def _(): return f"op://Data Platform/{R.choice(WORDS)}-loader/credential  (resolved at runtime by op run)"

@harm("config", "airflow_cfg_core")
def _(): return f"[core]\ndags_folder = /opt/airflow/dags\nexecutor = {pick('CeleryExecutor','KubernetesExecutor','LocalExecutor')}\nparallelism = {R.randint(16,256)}\nmax_active_tasks_per_dag = {R.randint(8,64)}\nload_examples = False\n[scheduler]\ndag_dir_list_interval = {R.randint(30,300)}"
@harm("config", "airflow_cfg_logging")
def _(): return f"[logging]\nremote_logging = True\nremote_base_log_folder = s3://acme-airflow-logs/{pick('prod','stg')}\nremote_log_conn_id = aws_logs\ndelete_local_logs = True\nlogging_level = INFO"
@harm("config", "dbt_project_yml")
def _(): return f"name: acme\nversion: '1.{R.randint(0,9)}.0'\nprofile: acme\nmodels:\n  acme:\n    staging:\n      +materialized: view\n    marts:\n      +materialized: table\n      +tags: ['daily']"
@harm("config", "dbt_profiles_env_ref")
def _(): return "acme:\n  outputs:\n    prod:\n      type: snowflake\n      account: xy12345.eu-central-1\n      user: \"{{ env_var('DBT_USER') }}\"\n      authenticator: externalbrowser\n      role: TRANSFORMER\n      warehouse: TRANSFORM_WH"
@harm("config", "docker_compose_harmless")
def _(): return f"x-airflow-common:\n  image: apache/airflow:3.0.{R.randint(0,6)}\n  environment:\n    AIRFLOW__CORE__EXECUTOR: CeleryExecutor\n    AIRFLOW__CORE__LOAD_EXAMPLES: 'false'\n    AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK: 'true'\n  healthcheck:\n    interval: 30s"
@harm("config", "spark_defaults")
def _(): return f"spark.executor.memory {R.randint(2,16)}g\nspark.sql.shuffle.partitions {R.randint(50,800)}\nspark.eventLog.dir s3a://acme-spark-logs/\nspark.serializer org.apache.spark.serializer.KryoSerializer"
@harm("config", "kafka_client_props")
def _(): return f"bootstrap.servers={host()}:9092\nsecurity.protocol=SASL_SSL\nsasl.mechanism=OAUTHBEARER\nclient.id=airflow-{rs(6,LO+DG)}\nacks=all"
@harm("config", "ge_checkpoint")
def _(): return f"name: {R.choice(WORDS)}_checkpoint\nconfig_version: 1.0\nclass_name: Checkpoint\nrun_name_template: \"%Y%m%d-%H%M%S-{R.choice(WORDS)}\"\nvalidations:\n  - batch_request:\n      datasource_name: dwh\n      data_asset_name: public.{R.choice(WORDS)}\n    expectation_suite_name: {R.choice(WORDS)}.critical"

@harm("dag_source", "dag_taskflow")
def _(): return f"from airflow.sdk import dag, task, Variable\nimport pendulum\n\n@dag(schedule=\"{pick('0 3 * * *','@daily','*/30 * * * *')}\", start_date=pendulum.datetime(2026, 1, 1, tz=\"UTC\"), catchup=False, tags=[\"{R.choice(WORDS)}\"])\ndef {dag()}():\n    @task\n    def extract():\n        return Variable.get(\"target_schema\")\n    extract()"
@harm("dag_source", "dag_conn_lookup")
def _(): return f"from airflow.sdk.bases.hook import BaseHook\n\ndef get_engine():\n    conn = BaseHook.get_connection(\"{pick('pg_dwh','mssql_erp')}\")\n    return create_engine(conn.get_uri(), pool_pre_ping=True)"
@harm("dag_source", "keyrule_dag_kpo_secret", True)
def _(): return f"from airflow.providers.cncf.kubernetes.secret import Secret\n\ndb_secret = Secret(deploy_type=\"env\", deploy_target=\"DB_URL\", secret=\"airflow-{R.choice(WORDS)}\", key=\"uri\")\nKubernetesPodOperator(task_id=\"{task()}\", image=\"ghcr.io/acme/etl:{R.randint(1,9)}.{R.randint(0,9)}\", secrets=[db_secret])"
@harm("dag_source", "dag_bash_template")
def _(): return f"BashOperator(task_id=\"{task()}\", bash_command=\"dbt build --target prod --select {{{{ params.selector }}}} --vars '{{run_date: {{{{ ds }}}}}}'\", env={{\"DBT_PROFILES_DIR\": \"/opt/dbt\"}}, append_env=True)"
@harm("dag_source", "dag_asset")
def _(): return f"from airflow.sdk import Asset\n{R.choice(WORDS)} = Asset(\"s3://acme-curated/{R.choice(WORDS)}/\", extra={{\"owner\": \"data-eng\"}})\n\n@dag(schedule=[{R.choice(WORDS)}])"
@harm("dag_source", "dag_emr_config")
def _(): return f"JOB_FLOW_OVERRIDES = {{\n    \"Name\": \"{dag()}\",\n    \"ReleaseLabel\": \"emr-7.{R.randint(0,6)}.0\",\n    \"Applications\": [{{\"Name\": \"Spark\"}}],\n    \"JobFlowRole\": \"EMR_EC2_DefaultRole\",\n    \"ServiceRole\": \"EMR_DefaultRole\",\n}}"

# ---- airflow_key_rule harmless (sensitive key NAME, harmless value) ----
@harm("api_json", "keyrule_masked_extra", True)
def _(): return json.dumps({"connection_id": pick("snowflake_default", "http_vendor"), "conn_type": "snowflake", "host": None, "login": "LOADER", "extra": json.dumps({"account": "xy12345", "private_key_content": "***", "password": "***"})})
@harm("task_log", "keyrule_ansible_no_log", True)
def _(): return f'ok: [worker0{R.randint(1,9)}] => {{"changed": false, "invocation": {{"module_args": {{"login_user": "postgres", "password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER", "db": "airflow"}}}}}}'
@harm("near_miss", "keyrule_tf_plan_sensitive", True)
def _(): return f"      + master_password        = (sensitive value)\n      + db_password_secret_arn = (known after apply)"
@harm("config", "keyrule_token_count", True)
def _(): return json.dumps({"model": "gpt-4o-mini", "max_tokens": R.randint(256, 4096), "token_count": R.randint(10, 9000), "prompt_token_budget": R.randint(100, 900)})
@harm("reference", "keyrule_secret_ref", True)
def _(): return pick("password: \"{{ conn.pg_dwh.password }}\"", "api_key: ${DATADOG_API_KEY}", "    secret_name: airflow/connections/pg_dwh", "aws_secret_access_key: !vault secret/data/aws#secret_access_key",
                     f"token: {{{{ var.value.{R.choice(WORDS)}_token }}}}")
@harm("config", "keyrule_secret_key_ref", True)
def _(): return "- name: AIRFLOW__DATABASE__SQL_ALCHEMY_CONN\n  valueFrom:\n    secretKeyRef:\n      name: airflow-metadata\n      key: connection"
@harm("config", "keyrule_service_account_email", True)
def _(): return f"service_account: airflow-worker@acme-data-{pick('prod','stg')}.iam.gserviceaccount.com\nkeyfile_dict: null"
@harm("config", "keyrule_password_policy", True)
def _(): return f"min_password_length = {R.randint(8,16)}\npassword_expiry_days = {R.randint(30,365)}\nauth_token_ttl_seconds = {R.randint(300,86400)}"
@harm("api_json", "keyrule_variable_masked", True)
def _(): return json.dumps({"key": f"{R.choice(WORDS)}_api_key", "value": "***", "description": "vendor key", "is_encrypted": True})
@harm("config", "keyrule_cfg_hidden", True)
def _(): return f"[{pick('api','webserver')}]\n{pick('secret_key','jwt_secret','smtp_password')} = < hidden >\nbase_url = https://airflow.acme.io"
@harm("config", "keyrule_passphrase_path", True)
def _(): return f"private_key_file: /opt/airflow/keys/snowflake_rsa_key.p8\nprivate_key_passphrase_secret: snowflake-key-passphrase\nauthorization_url: https://login.acme.io/oauth2/authorize"
@harm("config", "keyrule_helm_secret_name", True)
def _(): return "webserverSecretKeySecretName: airflow-api-secret-key\nfernetKeySecretName: airflow-fernet-key\nsecret:\n  - envName: SNOWFLAKE_PASSWORD\n    secretName: snowflake-creds\n    secretKey: password"
@harm("task_log", "keyrule_bool_flags", True)
def _(): return f"{tsl()} {{logging_mixin.py:190}} INFO - {{'use_password_auth': False, 'token_refresh_enabled': True, 'access_token_expires_in': {R.randint(300,3600)}}}"
@harm("api_json", "keyrule_sensitive_url_nocreds", True)
def _(): return json.dumps({"proxy": "http://proxy.corp.acme.io:3128", "webhook_url": "https://hooks.slack.com/services/***", "auth_header": "Authorization"})

# ---------------- build ----------------
def main():
    secret_rows, harmless_rows, keyrule_rows = [], [], []
    # secret lines: cycle through formats until >= 520 secret strings and each format >= 3 lines
    rounds = 0
    while True:
        for fam, fmt, fn in SECRET:
            t, s = fn()
            s = [x for x in dict.fromkeys(s or []) if x]
            if not s: raise SystemExit("format without secrets: " + fmt)
            for x in s:
                if x not in t: raise SystemExit(f"secret not in text for {fmt}: {x!r}")
            row = {"kind": "secret", "family": fam, "format": fmt, "text": t, "secrets": s}
            if fam == "registered" or fmt in ("op_read_stdout", "gcloud_print_access_token"): row["registered"] = list(s)
            secret_rows.append(row)
        rounds += 1
        if rounds >= 3 and sum(len(r["secrets"]) for r in secret_rows) >= 540: break
    all_secrets = set(x for r in secret_rows for x in r["secrets"])
    def clean(t): return not any(x in t for x in all_secrets)
    for fam, fmt, fn, kr in HARMLESS:
        n = 4 if kr else 6
        for _ in range(n):
            for _try in range(20):
                t = fn()
                if clean(t): break
            else: continue
            row = {"kind": "harmless", "family": fam, "format": fmt, "text": t, "secrets": []}
            if kr: row["airflow_key_rule"] = True; keyrule_rows.append(row)
            else: harmless_rows.append(row)
    rows = secret_rows + harmless_rows + keyrule_rows
    R.shuffle(rows)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for i, r in enumerate(rows, 1):
            o = {"id": f"{PFX}-{i:05d}"}; o.update(r)
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} lines: {len(secret_rows)} secret lines, {sum(len(r['secrets']) for r in secret_rows)} secret strings, {len(harmless_rows)} harmless, {len(keyrule_rows)} key-rule")

if __name__ == "__main__":
    main()
