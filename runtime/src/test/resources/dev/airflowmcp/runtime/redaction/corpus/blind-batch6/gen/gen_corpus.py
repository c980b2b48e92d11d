#!/usr/bin/env python3
"""Blind redaction corpus generator, batch 6 (PFX b6). Stdlib only, fixed seed.
All secrets are FAKE values drawn from a seeded PRNG with realistic shape."""
import base64, hashlib, json, os, random, string, sys, urllib.parse, uuid

SEED = 6622026
PFX = "b6"
R = random.Random(SEED)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus.jsonl")

UP = string.ascii_uppercase; LO = string.ascii_lowercase; DI = string.digits
AN = UP + LO + DI; HEX = "0123456789abcdef"; B64 = AN + "+/"; B64U = AN + "-_"
B32 = UP + "234567"

def rs(n, alpha=AN): return "".join(R.choice(alpha) for _ in range(n))
def hx(n): return rs(n, HEX)
def b64(bs): return base64.b64encode(bs).decode()
def rb(n): return bytes(R.getrandbits(8) for _ in range(n))
def ruuid(): return str(uuid.UUID(int=R.getrandbits(128), version=4))
def pick(x): return R.choice(x)
def ts(): return "2026-%02d-%02dT%02d:%02d:%02d.%06d+00:00" % (R.randint(1,11), R.randint(1,28), R.randint(0,23), R.randint(0,59), R.randint(0,59), R.randint(0,999999))
def lts(): return "[2026-%02d-%02d, %02d:%02d:%02d UTC]" % (R.randint(1,11), R.randint(1,28), R.randint(0,23), R.randint(0,59), R.randint(0,59))
def lts3(): return "2026-%02d-%02dT%02d:%02d:%02d.%06dZ" % (R.randint(1,11), R.randint(1,28), R.randint(0,23), R.randint(0,59), R.randint(0,59), R.randint(0,999999))
def host(): return pick(["db-prod-01.internal", "pg.analytics.svc.cluster.local", "10.20.%d.%d" % (R.randint(0,255), R.randint(1,254)), "warehouse.corp.example.net", "mysql-replica-2.eu-west-1.rds.amazonaws.com", "redis-master.cache.svc"])
def user(): return pick(["airflow", "etl_user", "svc_loader", "reporting", "dbt_runner", "admin", "ingest", "analytics_rw", "app"]) 
def dag(): return pick(["daily_sales_etl", "s3_to_redshift", "customer_sync", "ml_feature_refresh", "billing_export", "kafka_to_bq", "dbt_nightly", "salesforce_ingest", "marketing_attribution", "hourly_metrics"])
def task(): return pick(["extract", "load_to_warehouse", "transform", "notify_slack", "run_dbt", "upload_report", "check_quality", "fetch_api", "sync_partitions", "train_model"])
def runid(): return "scheduled__2026-%02d-%02dT%02d:00:00+00:00" % (R.randint(1,11), R.randint(1,28), R.randint(0,23))

PUNCT = "!#$%&()*+,-./:;<=>?@[]^_{|}~"
def pw(n=None, punct=True):
    n = n or R.randint(12, 22)
    alpha = AN + (PUNCT if punct else "")
    while True:
        s = rs(n, alpha)
        if punct and not any(c in PUNCT for c in s):
            continue
        if sum(c.isdigit() for c in s) and sum(c.isalpha() for c in s) > 3:
            return s
def pw_safe(n=None): # no chars that need URL quoting
    return pw(n, punct=False) + pick(["-", "_", ".", "~"]) + rs(3, AN)
def q(s): return urllib.parse.quote(s, safe="")
def jesc(s): return json.dumps(s)[1:-1]

WORDS = ("abandon ability able about above absent absorb abstract absurd abuse access accident account accuse achieve acid acoustic acquire across act action actor actress actual adapt add addict address adjust admit adult advance advice aerobic affair afford afraid again age agent agree ahead aim air airport aisle alarm album alcohol alert alien all alley allow almost alone alpha already also alter always amateur amazing among amount amused analyst anchor ancient anger angle angry animal ankle announce annual another answer antenna antique anxiety any apart apology appear apple approve april arch arctic area arena argue arm armed armor army around arrange arrest arrive arrow art artefact artist artwork ask aspect assault asset assist assume asthma athlete atom attack attend attitude attract auction audit august aunt author auto autumn average avocado avoid awake aware away awesome awful awkward axis baby bachelor bacon badge bag balance balcony ball bamboo banana banner bar barely bargain barrel base basic basket battle beach bean beauty because become beef before begin behave behind believe below belt bench benefit best betray better between beyond bicycle bid bike bind biology bird birth bitter black blade blame blanket blast bleak bless blind blood blossom blouse blue blur blush board boat body boil bomb bone bonus book boost border boring borrow boss bottom bounce box boy bracket brain brand brass brave bread breeze brick bridge brief bright bring brisk broccoli broken bronze broom brother brown brush bubble buddy budget buffalo build bulb bulk bullet bundle bunker burden burger burst bus business busy butter buyer buzz cabbage cabin cable cactus cage cake call calm camera camp can canal cancel candy cannon canoe canvas canyon capable capital captain car carbon card cargo carpet carry cart case cash casino castle casual cat catalog catch category cattle caught cause caution cave ceiling celery cement census century cereal certain chair chalk champion change chaos chapter charge chase chat cheap check cheese chef cherry chest chicken chief child chimney choice choose chronic chuckle chunk churn cigar cinnamon circle citizen city civil claim clap clarify claw clay clean clerk clever click client cliff climb clinic clip clock clog close cloth cloud clown club clump cluster clutch coach coast coconut code coffee coil coin collect color column combine come comfort comic common company concert conduct confirm congress connect consider control convince cook cool copper copy coral core corn correct cost cotton couch country couple course cousin cover coyote crack cradle craft cram crane crash crater crawl crazy cream credit creek crew cricket crime crisp critic crop cross crouch crowd crucial cruel cruise crumble crunch crush cry crystal cube culture cup cupboard curious current curtain curve cushion custom cute cycle").split()

# ---------------------------------------------------------------- secret generators
# each returns (family, format, text, secrets[, registered])
S = []
def sec(fn): S.append(fn); return fn

def pem(kind="RSA PRIVATE KEY", nbytes=600):
    body = b64(rb(nbytes)); lines = [body[i:i+64] for i in range(0, len(body), 64)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, "\n".join(lines), kind)

def jwt(alg="HS256", claims=None):
    h = base64.urlsafe_b64encode(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")).encode()).decode().rstrip("=")
    c = claims or {"sub": ruuid(), "iat": R.randint(1760000000, 1790000000), "exp": R.randint(1790000000, 1800000000), "scope": "dags:read dags:write"}
    p = base64.urlsafe_b64encode(json.dumps(c, separators=(",", ":")).encode()).decode().rstrip("=")
    sig = base64.urlsafe_b64encode(rb(32 if alg.startswith("HS") else 256)).decode().rstrip("=")
    return "%s.%s.%s" % (h, p, sig)

# ---- vendor tokens
V = []
def vend(name, mk, ctx):
    V.append((name, mk, ctx))

def ctx_env(var):
    return lambda t: ("%s=%s" % (var, t), [t])
def ctx_json(key):
    return lambda t: ('{"conn_type": "http", "extra": {"%s": "%s", "timeout": 30}}' % (key, t), [t])
def ctx_log(msg):
    return lambda t: ("%s {%s} INFO - %s" % (lts(), pick(["http.py:180", "base.py:84", "logging_mixin.py:190", "taskinstance.py:441"]), msg % t), [t])
def ctx_hdr(fmt):
    return lambda t: (fmt % t, [t])

vend("aws_access_key_id", lambda: "AKIA" + rs(16, B32), ctx_env("AWS_ACCESS_KEY_ID"))
vend("aws_secret_access_key", lambda: rs(40, AN + "+/"), lambda t: ("[default]\naws_access_key_id = AKIA%s\naws_secret_access_key = %s\nregion = eu-central-1" % (rs(16, B32), t), None))
vend("aws_sts_session", lambda: "ASIA" + rs(16, B32), lambda t: ('{"Credentials": {"AccessKeyId": "%s", "SecretAccessKey": "%s", "SessionToken": "%s", "Expiration": "2026-05-01T12:00:00Z"}}' % (t, R.__dict__.setdefault("_sk", rs(40, AN+"+/")), R.__dict__.setdefault("_st", "IQoJb3JpZ2luX2VjE" + rs(300, B64))), None))
vend("github_pat_classic", lambda: "ghp_" + rs(36), ctx_hdr("Authorization: token %s"))
vend("github_fine_grained_pat", lambda: "github_pat_11" + rs(20, UP + DI) + "_" + rs(59), lambda t: ("git clone https://x-access-token:%s@github.com/acme/data-pipelines.git" % t, [t]))
vend("github_oauth", lambda: "gho_" + rs(36), ctx_json("oauth_token"))
vend("github_app_install", lambda: "ghs_" + rs(36), ctx_log("Obtained installation token %s for repo acme/dags"))
vend("github_refresh", lambda: "ghr_" + rs(76), ctx_json("refresh"))
vend("gitlab_pat", lambda: "glpat-" + rs(20, AN + "-_"), ctx_hdr("PRIVATE-TOKEN: %s"))
vend("gitlab_runner", lambda: "glrt-" + rs(20, AN + "-_"), lambda t: ('[[runners]]\n  name = "k8s-runner"\n  url = "https://gitlab.corp.net/"\n  token = "%s"\n  executor = "kubernetes"' % t, [t]))
vend("slack_bot", lambda: "xoxb-%d-%d-%s" % (R.randint(10**10, 10**11), R.randint(10**12, 10**13), rs(24)), ctx_json("slack_bot"))
vend("slack_user", lambda: "xoxp-%d-%d-%d-%s" % (R.randint(10**10, 10**11), R.randint(10**10, 10**11), R.randint(10**12, 10**13), hx(32)), ctx_log("Posting as user with %s"))
vend("slack_app_level", lambda: "xapp-1-A%s-%d-%s" % (rs(10, UP+DI), R.randint(10**12, 10**13), hx(64)), ctx_env("SLACK_APP_TOKEN"))
vend("stripe_secret_live", lambda: "sk_live_" + rs(99), ctx_hdr("curl https://api.stripe.com/v1/charges -u %s:"))
vend("stripe_restricted", lambda: "rk_live_" + rs(99), ctx_env("STRIPE_RK"))
vend("stripe_webhook_secret", lambda: "whsec_" + rs(32), lambda t: ('{"key": "payments_cfg", "value": "{\\"endpoint\\": \\"/hooks/stripe\\", \\"signing\\": \\"%s\\"}"}' % t, [t]))
vend("openai_project", lambda: "sk-proj-" + rs(74, AN + "-_") + "T3BlbkFJ" + rs(74, AN + "-_"), ctx_hdr("Authorization: Bearer %s"))
vend("anthropic", lambda: "sk-ant-api03-" + rs(93, AN + "-_") + "AA", ctx_hdr("x-api-key: %s"))
vend("google_api_key", lambda: "AIza" + rs(35, AN + "-_"), lambda t: ("GET https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key=%s HTTP/1.1\" 200" % t, [t]))
vend("google_oauth_client_secret", lambda: "GOCSPX-" + rs(28, AN + "-_"), lambda t: ('{"installed": {"client_id": "%d-%s.apps.googleusercontent.com", "client_secret": "%s", "redirect_uris": ["http://localhost"]}}' % (R.randint(10**11, 10**12), rs(32, LO+DI), t), [t]))
vend("google_refresh_token", lambda: "1//0" + rs(1, LO) + rs(98, AN + "-_"), ctx_json("refresh_token"))
vend("google_access_token", lambda: "ya29.a0" + rs(160, AN + "-_"), ctx_log("Using credentials; token=%s"))
vend("azure_storage_key", lambda: b64(rb(64)), lambda t: ("DefaultEndpointsProtocol=https;AccountName=acmedatalake;AccountKey=%s;EndpointSuffix=core.windows.net" % t, [t]))
vend("azure_sas_sig", lambda: q(b64(rb(32))), lambda t: ("https://acmedatalake.blob.core.windows.net/raw/events.parquet?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-12-31T00:00:00Z&sig=%s" % t, [t]))
vend("azure_ad_client_secret", lambda: rs(3, AN) + "8Q~" + rs(31, AN + "_.~-"), ctx_json("client_secret"))
vend("twilio_auth_token", lambda: hx(32), lambda t: ("TwilioHook: account_sid=AC%s auth_token=%s" % (hx(32), t), [t]))
vend("twilio_api_key", lambda: "SK" + hx(32), ctx_env("TWILIO_API_KEY"))
vend("sendgrid", lambda: "SG." + rs(22, AN + "-_") + "." + rs(43, AN + "-_"), ctx_json("api_key_sg"))
vend("mailgun", lambda: "key-" + hx(32), lambda t: ("curl -s --user 'api:%s' https://api.mailgun.net/v3/mg.acme.io/messages" % t, [t]))
vend("mailchimp", lambda: hx(32) + "-us" + str(R.randint(1, 21)), ctx_env("MAILCHIMP_KEY"))
vend("npm_token", lambda: "npm_" + rs(36), ctx_hdr("//registry.npmjs.org/:_authToken=%s"))
vend("pypi_token", lambda: "pypi-AgEIcHlwaS5vcmc" + rs(50, B64U) + rs(80, B64U), lambda t: ("[pypi]\n  username = __token__\n  password = %s" % t, [t]))
vend("dockerhub_pat", lambda: "dckr_pat_" + rs(27, AN + "-_"), lambda t: ("echo %s | docker login -u acmebot --password-stdin" % t, [t]))
vend("databricks_pat", lambda: "dapi" + hx(32) + pick(["", "-2", "-3"]), ctx_json("token"))
vend("datadog_api_key", lambda: hx(32), ctx_env("DD_API_KEY"))
vend("datadog_app_key", lambda: hx(40), lambda t: ("DD-APPLICATION-KEY: %s" % t, [t]))
vend("newrelic_user_key", lambda: "NRAK-" + rs(27, UP + DI), ctx_env("NEW_RELIC_API_KEY"))
vend("newrelic_license", lambda: hx(36) + "NRAL", lambda t: ("license_key: %s\napp_name: airflow-workers" % t, [t]))
vend("sentry_dsn_key", lambda: hx(32), lambda t: ("[sentry]\nsentry_on = True\nsentry_dsn = https://%s@o%d.ingest.sentry.io/%d" % (t, R.randint(100000, 999999), R.randint(1000000, 9999999)), [t]))
vend("sentry_auth_token", lambda: "sntrys_" + rs(100, B64U) , ctx_env("SENTRY_AUTH_TOKEN"))
vend("shopify_admin", lambda: "shpat_" + hx(32), ctx_hdr("X-Shopify-Access-Token: %s"))
vend("vault_service_token", lambda: "hvs." + rs(90, AN + "_-"), ctx_env("VAULT_TOKEN"))
vend("vault_batch_token", lambda: "hvb." + rs(120, AN + "_-"), lambda t: ('[secrets]\nbackend = airflow.providers.hashicorp.secrets.vault.VaultBackend\nbackend_kwargs = {"connections_path": "connections", "url": "https://vault:8200", "token": "%s"}' % t, [t]))
vend("terraform_cloud", lambda: rs(14, AN) + ".atlasv1." + rs(67, AN), lambda t: ('credentials "app.terraform.io" {\n  token = "%s"\n}' % t, [t]))
vend("digitalocean", lambda: "dop_v1_" + hx(64), ctx_env("DIGITALOCEAN_TOKEN"))
vend("linear", lambda: "lin_api_" + rs(40), ctx_hdr("Authorization: %s"))
vend("notion", lambda: "ntn_" + rs(11, DI) + rs(35, AN), ctx_json("integration"))
vend("huggingface", lambda: "hf_" + rs(34, UP + LO), lambda t: ("huggingface-cli login --token %s --add-to-git-credential" % t, [t]))
vend("atlassian_api", lambda: "ATATT3xFfGF0" + rs(170, AN + "-_=") + "=" + hx(8).upper(), ctx_json("jira_token"))
vend("discord_webhook", lambda: rs(68, AN + "-_"), lambda t: ("POST https://discord.com/api/webhooks/%d/%s" % (R.randint(10**17, 10**18), t), [t]))
vend("telegram_bot", lambda: "%d:AA%s" % (R.randint(10**9, 10**10), rs(33, AN + "-_")), lambda t: ("GET https://api.telegram.org/bot%s/sendMessage?chat_id=-1001234 200" % t, [t]))
vend("okta_api", lambda: "00" + rs(40, AN + "-_"), ctx_hdr("Authorization: SSWS %s"))
vend("jwt_hs256", lambda: jwt(), ctx_hdr("Authorization: Bearer %s"))
vend("age_secret_key", lambda: "AGE-SECRET-KEY-1" + rs(58, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"), lambda t: ("# created: 2026-03-01T10:00:00Z\n# public key: age1%s\n%s" % (rs(58, "qpzry9x8gf2tvdw0s3jn54khce6mua7l"), t), [t]))
vend("dropbox_short_lived", lambda: "sl.B" + rs(135, AN + "-_"), ctx_json("access_token_dbx"))
vend("airtable_pat", lambda: "pat" + rs(14) + "." + hx(64), ctx_env("AIRTABLE_TOKEN"))
vend("grafana_service_account", lambda: "glsa_" + rs(32) + "_" + hx(8), ctx_hdr("Authorization: Bearer %s"))
vend("grafana_cloud", lambda: "glc_" + b64(json.dumps({"o": str(R.randint(10**5, 10**6)), "n": "stack-%d-hm-read" % R.randint(100, 999), "k": rs(24)}).encode()).rstrip("="), ctx_env("GRAFANA_CLOUD_TOKEN"))
vend("confluent_cloud_secret", lambda: rs(64, AN + "+/"), lambda t: ("sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%s\" password=\"%s\";" % (rs(16, UP + DI), t), [t]))
vend("cloudflare_api_token", lambda: rs(40, AN + "-_"), lambda t: ("export CLOUDFLARE_API_TOKEN='%s'" % t, [t]))
vend("planetscale_password", lambda: "pscale_pw_" + rs(43, AN + "-_"), lambda t: ("mysql://k8w2a1b9xq:%s@aws.connect.psdb.cloud/analytics?sslaccept=strict" % t, [t]))
vend("doppler_service", lambda: "dp.st.prd." + rs(40), ctx_env("DOPPLER_TOKEN"))
vend("pulumi", lambda: "pul-" + hx(40), ctx_env("PULUMI_ACCESS_TOKEN"))
vend("postman", lambda: "PMAK-" + hx(24) + "-" + hx(34), ctx_hdr("X-Api-Key: %s"))
vend("algolia_admin", lambda: hx(32), lambda t: ('{"app_id": "%s", "admin_api_key": "%s"}' % (rs(10, UP + DI), t), [t]))
vend("mapbox_secret", lambda: "sk.eyJ1Ijoi" + rs(40, B64U) + "." + rs(22, AN + "-_"), ctx_env("MAPBOX_DOWNLOADS_TOKEN"))
vend("square_access", lambda: "EAAA" + rs(60, AN + "-_"), ctx_json("square_token"))
vend("braintree_access", lambda: "access_token$production$" + rs(16, LO + DI) + "$" + hx(32), lambda t: ("BraintreeGateway(access_token=\"%s\")" % t, [t]))
vend("circleci_pat", lambda: "CCIPAT_" + rs(22) + "_" + hx(40), ctx_hdr("Circle-Token: %s"))
vend("buildkite_agent", lambda: "bkua_" + hx(40), ctx_env("BUILDKITE_API_TOKEN"))
vend("azure_devops_pat", lambda: rs(52, "abcdefghijklmnopqrstuvwxyz234567"), lambda t: ("git -c http.extraHeader=\"Authorization: Basic %s\" clone https://dev.azure.com/acme/_git/dags" % b64((":" + t).encode()), None))
vend("alibaba_access_key", lambda: "LTAI" + rs(20), lambda t: ("oss_conn extra: {\"auth_type\": \"AK\", \"access_key_id\": \"%s\", \"access_key_secret\": \"%s\"}" % (t, R.__dict__.setdefault("_ali", rs(30))), None))
vend("ibm_cloud_api_key", lambda: rs(44, AN + "-_"), lambda t: ("ibmcloud login --apikey %s -r us-south" % t, [t]))
vend("figma", lambda: "figd_" + rs(40, AN + "-_"), ctx_hdr("X-Figma-Token: %s"))
vend("rubygems", lambda: "rubygems_" + hx(48), lambda t: ("---\n:rubygems_api_key: %s" % t, [t]))
vend("nuget", lambda: "oy2" + rs(43, LO + DI), lambda t: ("dotnet nuget push pkg.nupkg --api-key %s --source https://api.nuget.org/v3/index.json" % t, [t]))
vend("sonarqube", lambda: "squ_" + hx(40), lambda t: ("mvn sonar:sonar -Dsonar.login=%s -Dsonar.host.url=https://sonar.corp" % t, [t]))
vend("jfrog_api_key", lambda: "AKCp" + rs(69), lambda t: ("curl -H 'X-JFrog-Art-Api: %s' https://acme.jfrog.io/artifactory/api/repositories" % t, [t]))
vend("flyio", lambda: "FlyV1 fm2_" + rs(180, B64U), ctx_hdr("Authorization: %s"))
vend("supabase_pat", lambda: "sbp_" + hx(40), ctx_env("SUPABASE_ACCESS_TOKEN"))
vend("pinecone", lambda: "pcsk_" + rs(6) + "_" + rs(64), ctx_json("pinecone_key"))
vend("groq", lambda: "gsk_" + rs(52), ctx_env("GROQ_API_KEY"))
vend("replicate", lambda: "r8_" + rs(37), ctx_env("REPLICATE_API_TOKEN"))
vend("langsmith", lambda: "lsv2_pt_" + hx(32) + "_" + hx(10), ctx_env("LANGCHAIN_API_KEY"))
vend("heroku_api_key", lambda: "HRKU-AA" + rs(58, AN + "-_"), ctx_env("HEROKU_API_KEY"))
vend("snyk_token", lambda: ruuid(), lambda t: ("snyk auth %s" % t, [t]))
vend("pagerduty_routing", lambda: "R0" + rs(30, UP + DI), lambda t: ('{"routing_key": "%s", "event_action": "trigger", "payload": {"summary": "DAG failed"}}' % t, [t]))
vend("gcp_service_account_key_id", lambda: hx(40), lambda t: ('{"type": "service_account", "project_id": "acme-data", "private_key_id": "%s", "client_email": "airflow@acme-data.iam.gserviceaccount.com"}' % t, [t]))
vend("dbt_cloud", lambda: "dbtu_" + rs(40, AN + "-_"), ctx_json("dbt_token"))
vend("fivetran_secret", lambda: rs(32), lambda t: ("FivetranHook: api_key=%s api_secret=%s" % (rs(16), t), None))
vend("openai_legacy_svc", lambda: "sk-svcacct-" + rs(74, AN + "-_") + "T3BlbkFJ" + rs(74, AN + "-_"), ctx_env("OPENAI_API_KEY"))

def vendor_line(name, mk, ctx):
    t = mk()
    R.__dict__.pop("_sk", None); R.__dict__.pop("_st", None); R.__dict__.pop("_ali", None)
    text, secs = ctx(t)
    if secs is None:
        # composite contexts: recompute secrets from the text
        if name == "aws_secret_access_key":
            ak = text.split("aws_access_key_id = ")[1].split("\n")[0]
            secs = [ak, t]
        elif name == "aws_sts_session":
            d = json.loads(text)["Credentials"]; secs = [d["AccessKeyId"], d["SecretAccessKey"], d["SessionToken"]]
        elif name == "azure_devops_pat":
            secs = [text.split("Basic ")[1].split('"')[0]]
        elif name == "alibaba_access_key":
            d = json.loads(text.split("extra: ")[1]); secs = [d["access_key_id"], d["access_key_secret"]]
        elif name == "fivetran_secret":
            secs = [text.split("api_key=")[1].split(" ")[0], t]
    return ("vendor_token", "vendor:" + name, text, secs)

# ---- non-vendor secret formats: fn() -> (family, format, text, secrets, [registered])
G = []
def g(fn): G.append(fn); return fn

# password_punct
@g
def pp_pg_uri():
    p = pw(); return ("password_punct", "uri:postgres_pct", "AIRFLOW_CONN_WAREHOUSE='postgresql://%s:%s@%s:5432/analytics?sslmode=require'" % (user(), q(p), host()), [q(p)])
@g
def pp_json_pw():
    p = pw().replace('"', "'"); return ("password_punct", "json:password_field_escaped", json.dumps({"conn_id": "mssql_dwh", "login": user(), "password": p + '"\\', "port": 1433}), [jesc(p + '"\\')])
@g
def pp_yaml_quoted():
    p = pw().replace("'", "#"); return ("password_punct", "yaml:single_quoted", "connections:\n  - conn_id: oracle_fin\n    conn_type: oracle\n    login: FIN_RO\n    password: '%s'\n    host: ora-fin.corp" % p, [p])
@g
def pp_ini_spaces():
    p = pw() + " " + pw(6); return ("password_punct", "ini:password_with_space", "[client]\nuser = %s\npassword = \"%s\"\nhost = %s" % (user(), p, host()), [p])
@g
def pp_xml():
    p = "a<&" + pw(12) + ">\"z"; e = p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return ("password_punct", "xml:escaped_password", '<dataSource url="jdbc:sqlserver://%s:1433;databaseName=ods" user="%s" password="%s"/>' % (host(), user(), e), [e])
@g
def pp_shell_dq():
    p = pw().replace("'", "!"); return ("password_punct", "shell:single_quoted_pw", "export PGPASSWORD='%s'\npsql -h %s -U %s -d analytics -c 'select 1'" % (p, host(), user()), [p])
@g
def pp_unicode():
    p = pick(["Ünïcødé", "Пароль", "密码", "contraseña", "Mot2Passe€"]) + pw(10); return ("password_punct", "password:unicode", '{"login": "%s", "password": %s}' % (user(), json.dumps(p, ensure_ascii=False)), [p])
@g
def pp_pct_in_log():
    p = pw(); return ("password_punct", "log:sqlalchemy_url_pct", "%s {base.py:84} INFO - Retrieving connection 'mysql_ods'\n%s {sql.py:511} INFO - Running statement via mysql+mysqldb://%s:%s@%s:3306/ods" % (lts(), lts(), user(), q(p), host()), [q(p)])
@g
def pp_passphrase():
    p = " ".join(pick(WORDS) for _ in range(5)) + "-" + rs(3, DI); return ("password_punct", "passphrase:words", "ssh_conn extra: private_key_passphrase set from env; SSH_KEY_PASSPHRASE=\"%s\"" % p, [p])
@g
def pp_odbc():
    p = "{" + pw(14).replace("}", ")").replace("{", "(") + "}}x}"; return ("password_punct", "odbc:braced_pwd", "Driver={ODBC Driver 18 for SQL Server};Server=tcp:%s,1433;Database=dwh;Uid=%s;Pwd=%s;Encrypt=yes;" % (host(), user(), p), [p])

# statement_command
@g
def sc_alter_user():
    p = pw(); p2 = p.replace("'", "''"); return ("statement_command", "sql:alter_user_password", "[2026-03-02 01:00:13] INFO - Executing: ALTER USER %s WITH PASSWORD '%s';" % (user(), p2), [p2])
@g
def sc_create_user_ora():
    p = pw_safe(); return ("statement_command", "sql:identified_by", "CREATE USER etl_stage IDENTIFIED BY \"%s\" DEFAULT TABLESPACE users;" % p, [p])
@g
def sc_mysql_p():
    p = pw_safe(); return ("statement_command", "cli:mysql_-p", "$ mysqldump -h %s -u %s -p%s --single-transaction ods > /tmp/ods.sql" % (host(), user(), p), [p])
@g
def sc_curl_u():
    p = pw_safe(); return ("statement_command", "cli:curl_-u", "BashOperator command: curl -sf -u %s:%s https://nexus.corp.net/repository/raw/report.csv -o /tmp/r.csv" % (user(), p), [p])
@g
def sc_stdin_pipe():
    p = pw_safe(); return ("statement_command", "cli:stdin_pipe", "echo '%s' | kinit svc_airflow@CORP.NET" % p, [p])
@g
def sc_sqlcmd():
    p = pw_safe(); return ("statement_command", "cli:sqlcmd_-P", "sqlcmd -S %s -U sa -P \"%s\" -Q \"EXEC sp_refresh\"" % (host(), p), [p])
@g
def sc_snowsql():
    p = pw_safe(); return ("statement_command", "sql:create_user_snowflake", "CREATE OR REPLACE USER loader PASSWORD = '%s' DEFAULT_ROLE = LOADER MUST_CHANGE_PASSWORD = FALSE;" % p, [p])
@g
def sc_redis_cli():
    p = pw_safe(); return ("statement_command", "cli:redis_-a", "redis-cli -h redis-master.cache.svc -a %s --no-auth-warning INFO keyspace" % p, [p])
@g
def sc_airflow_cli_add():
    p = pw_safe(); return ("statement_command", "cli:airflow_connections_add", "airflow connections add 'smtp_default' --conn-type smtp --conn-host smtp.office365.com --conn-login alerts@acme.io --conn-password '%s' --conn-port 587" % p, [p])
@g
def sc_htpasswd():
    p = pw_safe(); return ("statement_command", "cli:htpasswd_-b", "htpasswd -bc /etc/nginx/.htpasswd flower %s" % p, [p])
@g
def sc_rabbitmqctl():
    p = pw_safe(); return ("statement_command", "cli:rabbitmqctl_add_user", "rabbitmqctl add_user airflow_celery %s && rabbitmqctl set_permissions -p / airflow_celery '.*' '.*' '.*'" % p, [p])
@g
def sc_mongo_eval():
    p = pw_safe(); return ("statement_command", "cli:mongosh_createUser", "mongosh --eval 'db.createUser({user: \"reporter\", pwd: \"%s\", roles: [\"read\"]})'" % p, [p])
@g
def sc_set_password_pg():
    p = pw_safe(); return ("statement_command", "sql:psql_password_meta", "postgres=# \\password etl_user  -- done via: SET password_encryption='scram-sha-256'; CREATE ROLE etl_user LOGIN PASSWORD '%s';" % p, [p])
@g
def sc_kubectl_create_secret():
    p = pw_safe(); return ("statement_command", "cli:kubectl_from_literal", "kubectl -n airflow create secret generic airflow-db --from-literal=connection=postgresql://airflow:%s@pg:5432/airflow" % p, [p])
@g
def sc_docker_run_env():
    p = pw_safe(); return ("statement_command", "cli:docker_run_-e", "docker run -d -e POSTGRES_PASSWORD=%s -p 5432:5432 postgres:16" % p, [p])

# encoded
@g
def en_basic_auth():
    p = pw(); b = b64(("%s:%s" % (user(), p)).encode()); return ("encoded", "http:basic_auth_b64", "%s {http.py:174} DEBUG - Sending 'GET' to url: https://api.vendor.io/v2/export\n> Authorization: Basic %s" % (lts(), b), [b])
@g
def en_k8s_secret():
    p = pw(); b = b64(p.encode()); b2 = b64(("postgresql://airflow:%s@pg:5432/airflow" % q(p)).encode())
    return ("encoded", "k8s:secret_data_b64", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: airflow-metadata\ntype: Opaque\ndata:\n  password: %s\n  connection: %s" % (b, b2), [b, b2])
@g
def en_kubeconfig_token():
    t = "eyJhbGciOiJSUzI1NiIsImtpZCI6Ik" + rs(20, B64U) + "." + rs(300, B64U) + "." + rs(342, B64U)
    return ("encoded", "kubeconfig:user_token", "users:\n- name: airflow-sa\n  user:\n    token: %s" % t, [t])
@g
def en_kubeconfig_keydata():
    k = b64(pem("EC PRIVATE KEY", 120).encode()); return ("encoded", "kubeconfig:client_key_data", "- name: admin\n  user:\n    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM=\n    client-key-data: %s" % k, [k])
@g
def en_docker_config():
    p = pw_safe(); a = b64(("robot$airflow:%s" % p).encode()); return ("encoded", "docker:config_auths", '{"auths": {"harbor.corp.net": {"auth": "%s"}}}' % a, [a])
@g
def en_json_in_string():
    p = pw(); inner = json.dumps({"host": host(), "user": user(), "password": p}); outer = json.dumps({"key": "dwh_creds", "value": inner, "description": None})
    return ("encoded", "json:json_in_string_variable", outer, [jesc(jesc(p))])
@g
def en_double_nested():
    p = pw_safe(); lvl1 = json.dumps({"api_secret": p}); lvl2 = json.dumps({"extra": lvl1}); lvl3 = json.dumps({"xcom": lvl2})
    return ("encoded", "json:triple_nested", lvl3, [p])
@g
def en_smtp_auth_plain():
    p = pw(); b = b64(("\0alerts@acme.io\0" + p).encode()); return ("encoded", "smtp:auth_plain_b64", "send: 'AUTH PLAIN %s\\r\\n'\nreply: b'235 2.7.0 Authentication successful\\r\\n'" % b, [b])
@g
def en_smtp_auth_login():
    p = pw(); b = b64(p.encode()); return ("encoded", "smtp:auth_login_b64", "send: 'AUTH LOGIN YWxlcnRzQGFjbWUuaW8=\\r\\n'\nreply: b'334 UGFzc3dvcmQ6\\r\\n'\nsend: '%s\\r\\n'" % b, [b])
@g
def en_url_in_query():
    p = pw(); u = "https://%s:%s@api.corp.net/v1" % (user(), q(p)); e = q(u)
    return ("encoded", "url:double_encoded_cred", "GET /redirect?next=%s HTTP/1.1" % e, [q(q(p))])
@g
def en_hex_password():
    p = pw_safe(); h = p.encode().hex(); return ("encoded", "hex:encoded_password", "wallet_unlock (hex) = 0x%s" % h, [h])
@g
def en_helm_values_b64():
    f = base64.urlsafe_b64encode(rb(32)).decode(); return ("encoded", "helm:fernet_key", "fernetKey: %s\nwebserverSecretKey: %s" % (f, R.__dict__.setdefault("_wk", hx(32))), None)
@g
def en_npmrc_auth():
    p = pw_safe(); a = b64(("ci-bot:%s" % p).encode()); return ("encoded", "npmrc:_auth_b64", "registry=https://npm.corp.net/\n_auth=%s\nalways-auth=true" % a, [a])
@g
def en_pip_index_url():
    p = pw(); return ("encoded", "pip:index_url_pct", "PIP_EXTRA_INDEX_URL=https://deploy:%s@pypi.corp.net/simple/" % q(p), [q(p)])
@g
def en_sealed_env_b64():
    t = b64(("DB_PASSWORD=%s\nAPI_KEY=%s\n" % (pw_safe(), rs(32))).encode()); return ("encoded", "b64:env_file_blob", '{"key": "env_blob", "value": "%s"}' % t, [t])

# split_webhook
@g
def sw_slack_split():
    t1 = "T" + rs(8, UP + DI); t2 = "B" + rs(10, UP + DI); t3 = rs(24)
    return ("split_webhook", "webhook:slack_url_split_fields", '{"conn_type": "slackwebhook", "host": "hooks.slack.com/services", "password": "%s/%s/%s"}' % (t1, t2, t3), ["%s/%s/%s" % (t1, t2, t3)])
@g
def sw_slack_concat():
    t3 = rs(24); return ("split_webhook", "webhook:slack_python_concat", "SLACK_URL = (\n    \"https://hooks.slack.com/services/T%s/B%s/\"\n    \"%s\"\n)" % (rs(8, UP + DI), rs(10, UP + DI), t3), [t3])
@g
def sw_teams():
    sig = rs(43, AN); return ("split_webhook", "webhook:teams_workflow_sig", "https://prod-%02d.westeurope.logic.azure.com:443/workflows/%s/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%%2Ftriggers%%2Fmanual%%2Frun&sv=1.0&sig=%s" % (R.randint(1, 99), hx(32), sig), [sig])
@g
def sw_discord_wrapped():
    t = rs(68, AN + "-_"); return ("split_webhook", "webhook:discord_line_wrapped", "%s {discord.py:120} INFO - webhook endpoint=https://discord.com/api/webhooks/%d/\n    %s" % (lts(), R.randint(10**17, 10**18), t), [t])
@g
def sw_gchat():
    k = "AIza" + rs(35, AN + "-_"); t = rs(43, AN + "-_") + "%3D"; return ("split_webhook", "webhook:google_chat", "https://chat.googleapis.com/v1/spaces/AAAA%s/messages?key=%s&token=%s" % (rs(7), k, t), [k, t])
@g
def sw_opsgenie():
    k = ruuid(); return ("split_webhook", "webhook:opsgenie_key_in_extra", '{"conn_type": "opsgenie", "host": "https://api.eu.opsgenie.com", "password": "%s"}' % k, [k])
@g
def sw_generic_hmac():
    k = hx(64); return ("split_webhook", "webhook:hmac_signing_key", "github webhook config: url=https://airflow.corp.net/api/hooks/gh content_type=json secret=%s insecure_ssl=0" % k, [k])

# random_purpose_name
for _nm, _mk in [("signing_salt", lambda: rs(32, B64U)), ("unlock_code", lambda: rs(4, UP+DI) + "-" + rs(4, UP+DI) + "-" + rs(4, UP+DI)), ("cookie_seed", lambda: hx(48)),
                 ("hmac_material", lambda: b64(rb(32))), ("enrollment_pin", lambda: rs(10, DI)), ("shared_phrase", lambda: "-".join(pick(WORDS) for _ in range(4)) + rs(2, DI)),
                 ("session_encrypt", lambda: base64.urlsafe_b64encode(rb(32)).decode()), ("license_blob", lambda: rs(5, UP+DI) + "-" + rs(5, UP+DI) + "-" + rs(5, UP+DI) + "-" + rs(5, UP+DI)),
                 ("join_code", lambda: rs(24, AN)), ("sig_seed", lambda: rs(40, AN)), ("db_cred", lambda: pw()), ("admin_pin", lambda: rs(8, DI)),
                 ("jwt_hmac", lambda: rs(64, AN)), ("master_word", lambda: pw_safe()), ("cipher_iv_key", lambda: hx(64))]:
    def _mkfn(nm=_nm, mk=_mk):
        def f():
            v = mk(); shape = pick(["env", "json", "py", "yaml"])
            if shape == "env": t = "%s=%s" % (nm.upper(), v)
            elif shape == "json": t = json.dumps({"key": "app." + nm, "value": v, "description": "used by %s" % dag()})
            elif shape == "py": t = "%s = %r  # do not change" % (nm.upper(), v)
            else: t = "app:\n  %s: \"%s\"\n  replicas: 2" % (nm, v)
            return ("random_purpose_name", "name:" + nm, t, [jesc(v) if shape == "json" else v])
        return f
    G.append(_mkfn())

# airflow_context
@g
def ac_conn_uri_env():
    p = pw_safe(); return ("airflow_context", "airflow:conn_env_uri", "AIRFLOW_CONN_SNOWFLAKE_DEFAULT=snowflake://LOADER:%s@acme-xy12345/RAW/PUBLIC?warehouse=LOAD_WH&role=LOADER" % p, [p])
@g
def ac_conn_json_env():
    p = pw(); return ("airflow_context", "airflow:conn_env_json", "AIRFLOW_CONN_MY_PG='%s'" % json.dumps({"conn_type": "postgres", "login": user(), "password": p, "host": host(), "port": 5432}).replace("'", "'\\''"), [jesc(p).replace("'", "'\\''")])
@g
def ac_extra_non_json():
    t = rs(40); return ("airflow_context", "airflow:extra_non_json_string", json.dumps({"connection_id": "legacy_api", "conn_type": "http", "host": "api.legacy.corp", "extra": "auth=%s;timeout=30" % t}), [t])
@g
def ac_extra_nested_deep():
    t = rs(48, B64U); d = {"a": {"b": {"c": {"d": {"e": {"f": {"client_cred": t}}}}}}}
    return ("airflow_context", "airflow:extra_deep_nesting", json.dumps({"connection_id": "deep", "extra": json.dumps(d)}), [t])
@g
def ac_rendered_template():
    p = pw_safe(); return ("airflow_context", "airflow:rendered_bash_command", json.dumps({"rendered_fields": {"bash_command": "sshpass -p %s rsync -az /data/out/ backup@nas01:/vol1/airflow/" % p, "env": None}}), [p])
@g
def ac_taskslog_print():
    t = rs(32, HEX); return ("airflow_context", "airflow:task_log_print", "%s {logging_mixin.py:190} INFO - Loaded config: {'endpoint': 'https://api.partner.io', 'client_id': 'airflow-prod', 'client_cred': '%s'}" % (lts(), t), [t])
@g
def ac_hook_debug():
    p = pw(); return ("airflow_context", "airflow:hook_debug_repr", "%s {connection.py:471} DEBUG - Connection(conn_id='ftp_partner', conn_type='ftp', host='ftp.partner.com', login='acme', password=%r, port=21)" % (lts(), p), [p])
@g
def ac_xcom():
    t = "eyJ" + rs(20, B64U) + "." + "eyJ" + rs(80, B64U) + "." + rs(43, B64U); return ("airflow_context", "airflow:xcom_token", json.dumps({"key": "return_value", "dag_id": dag(), "task_id": "get_auth", "value": {"access_token": t, "expires_in": 3600}}), [t])
@g
def ac_variable_api():
    p = pw(); return ("airflow_context", "airflow:variable_plain_value", json.dumps({"key": "partner_sftp_login", "value": "acme:%s" % p, "description": "partner drop"}), [jesc(p)])
@g
def ac_k8s_pod_env():
    p = pw_safe(); return ("airflow_context", "airflow:kpo_env_vars", json.dumps({"rendered_fields": {"env_vars": [{"name": "PGHOST", "value": "pg"}, {"name": "LOADER_CRED", "value": p}]}}), [p])
@g
def ac_import_error():
    k = "AKIA" + rs(16, B32); s = rs(40, AN + "+/")
    return ("airflow_context", "airflow:import_error_traceback", json.dumps({"import_error_id": R.randint(1, 400), "filename": "/opt/airflow/dags/s3_sync.py", "stack_trace": "Traceback (most recent call last):\n  File \"/opt/airflow/dags/s3_sync.py\", line 12, in <module>\n    s3 = boto3.client('s3', aws_access_key_id='%s', aws_secret_access_key='%s'\nSyntaxError: '(' was never closed" % (k, s)}), [k, s])
@g
def ac_dag_source():
    p = pw_safe(); return ("airflow_context", "airflow:dag_source_hardcoded", "with DAG('legacy_ftp', schedule='@daily') as dag:\n    t = FTPSensor(task_id='wait', ftp_conn_id='ftp')\n    up = BashOperator(task_id='upload', bash_command='lftp -u partner,%s ftp.partner.net -e \"put out.csv; bye\"')" % p, [p])
@g
def ac_config_dump():
    p = pw_safe(); return ("airflow_context", "airflow:config_sql_alchemy_conn", json.dumps({"sections": [{"name": "database", "options": [{"key": "sql_alchemy_conn", "value": "postgresql+psycopg2://airflow:%s@airflow-pg:5432/airflow" % p}]}]}), [p])
@g
def ac_celery_broker():
    p = pw_safe(); return ("airflow_context", "airflow:celery_result_backend", "AIRFLOW__CELERY__RESULT_BACKEND=db+postgresql://airflow:%s@pg-bouncer:6432/airflow" % p, [p])
@g
def ac_fernet():
    f = base64.urlsafe_b64encode(rb(32)).decode(); return ("airflow_context", "airflow:fernet_key_env", "AIRFLOW__CORE__FERNET_KEY=%s" % f, [f])
@g
def ac_secret_key_cfg():
    f = b64(rb(16)); return ("airflow_context", "airflow:api_secret_key_cfg", "[api]\nsecret_key = %s\nbase_url = https://airflow.corp.net" % f, [f])
@g
def ac_jwt_secret():
    f = rs(32, B64U); return ("airflow_context", "airflow:api_auth_jwt_secret", "AIRFLOW__API_AUTH__JWT_SECRET=%s" % f, [f])
@g
def ac_hook_exception():
    p = pw_safe(); return ("airflow_context", "airflow:driver_exception_dsn", "%s {taskinstance.py:3105} ERROR - Task failed with exception\nsqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at \"pg\" failed\n(Background on this error at: https://sqlalche.me/e/20/e3q8)\n[SQL: dsn='host=pg user=etl password=%s dbname=dwh']" % (lts(), p), [p])
@g
def ac_ssh_key_extra():
    k = pem("OPENSSH PRIVATE KEY", 400); return ("airflow_context", "airflow:ssh_extra_private_key", json.dumps({"connection_id": "ssh_bastion", "conn_type": "ssh", "extra": json.dumps({"private_key": k, "no_host_key_check": True})}), [jesc(jesc(k))])
@g
def ac_gcp_keyfile_dict():
    k = pem("PRIVATE KEY", 900); d = json.dumps({"type": "service_account", "private_key": k, "client_email": "etl@acme.iam.gserviceaccount.com"})
    return ("airflow_context", "airflow:gcp_keyfile_json_var", "AIRFLOW_VAR_GCP_SA=%s" % d, [jesc(k)])

# other
@g
def ot_pem_rsa():
    k = pem("RSA PRIVATE KEY", 1190); return ("other", "pem:rsa_private_key", "$ cat /opt/airflow/keys/sftp_id_rsa\n" + k, [k])
@g
def ot_pem_ec():
    k = pem("EC PRIVATE KEY", 121); return ("other", "pem:ec_private_key", k, [k])
@g
def ot_pgp():
    body = b64(rb(700)); lines = "\n".join(body[i:i+64] for i in range(0, len(body), 64))
    k = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n%s\n=%s\n-----END PGP PRIVATE KEY BLOCK-----" % (lines, rs(4, B64)); return ("other", "pem:pgp_private_block", k, [k])
@g
def ot_encrypted_pkcs8():
    k = pem("ENCRYPTED PRIVATE KEY", 700); return ("other", "pem:encrypted_pkcs8", k, [k])
@g
def ot_netrc():
    p = pw_safe(); return ("other", "netrc:password", "machine api.partner.io\n  login acme-airflow\n  password %s" % p, [p])
@g
def ot_pgpass():
    p = pw_safe().replace(":", "."); return ("other", "pgpass:line", "%s:5432:*:%s:%s" % (host(), user(), p), [p])
@g
def ot_totp_seed():
    s = rs(32, B32); return ("other", "otp:totp_seed_uri", "otpauth://totp/Airflow:admin@acme.io?secret=%s&issuer=Airflow&digits=6" % s, [s])
@g
def ot_recovery_codes():
    cs = ["%s-%s" % (rs(5, LO + DI), rs(5, LO + DI)) for _ in range(4)]; return ("other", "recovery:backup_codes", "GitHub recovery codes (bot account):\n" + "\n".join(cs), cs)
@g
def ot_wallet_seed():
    s = " ".join(pick(WORDS) for _ in range(12)); return ("other", "wallet:bip39_mnemonic", "MNEMONIC=\"%s\"" % s, [s])
@g
def ot_wifi_psk():
    p = pw_safe(); return ("other", "wifi:wpa_psk", 'network={\n    ssid="warehouse-iot"\n    psk="%s"\n}' % p, [p])
@g
def ot_ldap_bind():
    p = pw_safe(); return ("other", "ldap:bind_password", "AUTH_LDAP_BIND_USER = \"cn=airflow,ou=svc,dc=corp,dc=net\"\nAUTH_LDAP_BIND_PASSWORD = \"%s\"" % p, [p])
@g
def ot_jdbc_props():
    p = pw_safe(); return ("other", "java:spring_datasource", "spring.datasource.url=jdbc:postgresql://%s:5432/orders\nspring.datasource.username=%s\nspring.datasource.password=%s" % (host(), user(), p), [p])
@g
def ot_go_dsn():
    p = pw_safe(); return ("other", "go:mysql_dsn", "dsn := \"%s:%s@tcp(%s:3306)/ods?parseTime=true\"" % (user(), p, host()), [p])
@g
def ot_java_stack():
    p = pw_safe(); return ("other", "java:stacktrace_jdbc_url", "java.sql.SQLException: Access denied for user 'etl'@'10.2.3.4'\n\tat com.mysql.cj.jdbc.ConnectionImpl.<init>(ConnectionImpl.java:455)\nCaused by: url=jdbc:mysql://db:3306/ods?user=etl&password=%s&useSSL=true" % p, [p])
@g
def ot_tfvars():
    p = pw_safe(); return ("other", "terraform:tfvars", "db_master_password = \"%s\"\nregion = \"eu-west-1\"" % p, [p])
@g
def ot_compose():
    p = pw_safe(); return ("other", "compose:environment", "services:\n  postgres:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: airflow\n      POSTGRES_PASSWORD: %s" % p, [p])
@g
def ot_imap_login():
    p = pw_safe(); return ("other", "imap:login_cmd", "C: a001 LOGIN reports@acme.io \"%s\"\nS: a001 OK LOGIN completed" % p, [p])
@g
def ot_http_cookie():
    c = rs(43, B64U); return ("other", "http:session_cookie", "< Set-Cookie: session=%s; Path=/; HttpOnly; Secure; SameSite=Lax" % c, [c])
@g
def ot_oauth_code_exchange():
    c = rs(40, B64U); s = rs(48, B64U); return ("other", "oauth:token_exchange_form", "POST /oauth/token grant_type=authorization_code&code=%s&client_id=airflow&client_secret=%s&redirect_uri=https%%3A%%2F%%2Fairflow.corp%%2Fauth" % (c, s), [c, s])
@g
def ot_oauth_response():
    a = rs(64, B64U); rt = rs(64, B64U); return ("other", "oauth:token_response", json.dumps({"access_token": a, "token_type": "Bearer", "expires_in": 3599, "refresh_token": rt, "scope": "read"}), [a, rt])
@g
def ot_snmp():
    c = pw_safe(); return ("other", "snmp:community_v2c", "snmpwalk -v2c -c %s 10.0.0.1 1.3.6.1.2.1.1" % c, [c])
@g
def ot_keystore():
    p = pw_safe(); return ("other", "java:keystore_pass", "keytool -importkeystore -srckeystore kafka.p12 -srcstoretype PKCS12 -srcstorepass %s -destkeystore kafka.jks" % p, [p])
@g
def ot_kafka_ssl_props():
    p = pw_safe(); return ("other", "kafka:ssl_key_password", "ssl.keystore.location=/etc/kafka/kafka.jks\nssl.key.password=%s\nsecurity.protocol=SSL" % p, [p])
@g
def ot_windows_cmdkey():
    p = pw_safe(); return ("other", "windows:cmdkey", "cmdkey /generic:TERMSRV/sql01 /user:CORP\\svc_airflow /pass:%s" % p, [p])
@g
def ot_net_use():
    p = pw_safe(); return ("other", "windows:net_use", "net use \\\\fs01\\exports %s /user:CORP\\etl /persistent:no" % p, [p])
@g
def ot_otp_sms():
    c = rs(8, DI); return ("other", "otp:one_time_code_msg", "Your Acme SSO verification code is %s. It expires in 10 minutes." % c, [c])
@g
def ot_rclone():
    s = rs(43, B64U); return ("other", "rclone:obscured_pass", "[partner-sftp]\ntype = sftp\nhost = sftp.partner.net\nuser = acme\npass = %s" % s, [s])
@g
def ot_mongo_srv():
    p = pw(); return ("other", "uri:mongodb_srv_pct", "mongodb+srv://ingest:%s@cluster0.ab1cd.mongodb.net/events?retryWrites=true&w=majority" % q(p), [q(p)])
@g
def ot_amqp():
    p = pw_safe(); return ("other", "uri:amqp_broker", "broker_url = amqps://celery:%s@b-1234.mq.eu-west-1.amazonaws.com:5671//" % p, [p])
@g
def ot_redis_tls():
    p = pw_safe(); return ("other", "uri:rediss_no_user", "rediss://:%s@redis-master.cache.svc:6380/0" % p, [p])
@g
def ot_nodejs_config():
    p = pw_safe(); return ("other", "node:config_js", "module.exports = {\n  db: { host: 'pg', user: 'app', password: '%s' },\n};" % p, [p])

# registered (value in free text, nothing marks it)
@g
def rg_csv():
    p = pw_safe(); return ("registered", "registered:csv_row", "conn_id,login,host\n%s,%s,ftp.partner.net" % (user(), p), [p], [p])
@g
def rg_bare_stdout():
    p = pw_safe(); return ("registered", "registered:bare_stdout", "%s {subprocess.py:93} INFO - %s" % (lts(), p), [p], [p])
@g
def rg_echo_name():
    p = pw_safe(); return ("registered", "registered:echoed_as_name", "%s {subprocess.py:93} INFO - created user directory /home/%s" % (lts(), p), [p], [p])
@g
def rg_in_sentence():
    p = pw_safe(); return ("registered", "registered:in_prose", "Remote said: login rejected for value %s on attempt 3" % p, [p], [p])

@g
def rg_tsv_report():
    p = pw_safe(); return ("registered", "registered:tsv_export", "account\tstatus\tnote\npartner-ftp\tactive\t%s" % p, [p], [p])
@g
def rg_k8s_event():
    p = pw_safe(); return ("registered", "registered:k8s_event_msg", "Warning  Failed  12s  kubelet  Error: couldn't find key %s in Secret airflow/partner-creds" % p, [p], [p])

REG_EXTRA = 3  # registered generators run extra rounds to reach ~5% of secret lines

# ---------------------------------------------------------------- harmless generators
H = []
def h(fam, fmt, keyrule=False):
    def deco(fn): H.append((fam, fmt, keyrule, fn)); return fn
    return deco
def sha256(): return hashlib.sha256(rb(16)).hexdigest()
def gitsha(): return hx(40)
def sri(): return "sha512-" + b64(rb(64))
def podname(): return "%s-%s-%s" % (dag().replace("_", "-"), task().replace("_", "-"), rs(8, LO + DI))

@h("api_json", "v2:dag", True)
def _(): return json.dumps({"dag_id": dag(), "dag_display_name": dag(), "is_paused": pick([True, False]), "is_stale": False, "last_parsed_time": ts(), "fileloc": "/opt/airflow/dags/%s.py" % dag(), "bundle_name": "dags-folder", "bundle_version": gitsha(), "timetable_summary": pick(["0 2 * * *", "@hourly", "*/15 * * * *"]), "tags": [{"name": "etl", "dag_id": dag()}], "owners": ["data-eng"], "file_token": rs(60, B64U) + "." + rs(27, B64U), "max_active_runs": 16})
@h("api_json", "v2:dag_run")
def _(): return json.dumps({"dag_run_id": runid(), "dag_id": dag(), "logical_date": ts(), "queued_at": ts(), "start_date": ts(), "end_date": ts(), "state": pick(["success", "failed", "running"]), "run_type": "scheduled", "triggered_by": "timetable", "conf": {}, "note": None, "dag_versions": [{"id": ruuid(), "version_number": R.randint(1, 40), "bundle_version": gitsha()}]})
@h("api_json", "v2:task_instance")
def _(): return json.dumps({"id": ruuid(), "task_id": task(), "dag_id": dag(), "dag_run_id": runid(), "map_index": -1, "try_number": R.randint(1, 3), "state": "success", "hostname": podname(), "pid": R.randint(100, 60000), "executor_config": "{}", "queue": "default", "pool": "default_pool", "operator": pick(["PythonOperator", "BashOperator", "KubernetesPodOperator"]), "duration": round(R.random() * 300, 3)})
@h("api_json", "v1:connection_masked", True)
def _(): return json.dumps({"connection_id": "aws_default", "conn_type": "aws", "host": None, "login": "AKIA" + "*" * 4, "schema": None, "port": None, "extra": json.dumps({"region_name": "eu-west-1", "aws_secret_access_key": "***", "role_arn": "arn:aws:iam::%d:role/airflow-worker" % R.randint(10**11, 10**12)})})
@h("api_json", "v2:connection_masked", True)
def _(): return json.dumps({"connection_id": pick(["postgres_default", "dwh", "mysql_ods"]), "conn_type": "postgres", "description": None, "host": host(), "login": user(), "schema": "analytics", "port": 5432, "password": "***", "extra": "{\"sslmode\": \"require\"}", "team_name": None})
@h("api_json", "v2:variables_list")
def _(): return json.dumps({"variables": [{"key": "env", "value": "prod", "description": None, "is_encrypted": True}, {"key": "batch_size", "value": str(R.randint(100, 5000)), "description": "rows per chunk", "is_encrypted": True}, {"key": "s3_bucket", "value": "acme-raw-%s" % rs(6, LO + DI), "description": None, "is_encrypted": False}], "total_entries": 3})
@h("api_json", "v2:xcom_entry")
def _(): return json.dumps({"key": "return_value", "timestamp": ts(), "logical_date": ts(), "map_index": -1, "task_id": task(), "dag_id": dag(), "run_id": runid(), "value": {"rows": R.randint(0, 10**6), "s3_key": "s3://acme-raw/events/dt=2026-03-0%d/part-%05d-%s.snappy.parquet" % (R.randint(1, 9), R.randint(0, 200), ruuid())}})
@h("api_json", "v2:import_error")
def _(): return json.dumps({"import_error_id": R.randint(1, 900), "timestamp": ts(), "filename": "dags/%s.py" % dag(), "bundle_name": "dags-folder", "stack_trace": "Traceback (most recent call last):\n  File \"/opt/airflow/dags/%s.py\", line %d, in <module>\n    from plugins.utils import get_token\nModuleNotFoundError: No module named 'plugins.utils'" % (dag(), R.randint(1, 200))})
@h("api_json", "v2:event_log")
def _(): return json.dumps({"event_log_id": R.randint(1, 10**6), "when": ts(), "dag_id": dag(), "task_id": None, "run_id": None, "event": pick(["trigger", "paused", "clear", "cli_task_run"]), "owner": "admin", "extra": json.dumps({"host_name": podname(), "full_command": "['airflow', 'tasks', 'run', '%s', '%s', '%s']" % (dag(), task(), runid())})})
@h("api_json", "v2:pools")
def _(): return json.dumps({"pools": [{"name": "default_pool", "slots": 128, "occupied_slots": R.randint(0, 128), "running_slots": 3, "queued_slots": 1, "scheduled_slots": 0, "open_slots": 90, "deferred_slots": 0, "description": "Default pool", "include_deferred": False}], "total_entries": 1})
@h("api_json", "v1:config_hidden", True)
def _(): return json.dumps({"sections": [{"name": "database", "options": [{"key": "sql_alchemy_conn", "value": "< hidden >"}, {"key": "sql_alchemy_pool_size", "value": "5"}]}, {"name": "webserver", "options": [{"key": "secret_key", "value": "< hidden >"}]}]})
@h("api_json", "v2:assets")
def _(): return json.dumps({"assets": [{"id": R.randint(1, 500), "name": "raw_events", "uri": "s3://acme-lake/raw/events/", "group": "asset", "extra": {}, "created_at": ts(), "updated_at": ts(), "consuming_dags": [{"dag_id": dag(), "created_at": ts(), "updated_at": ts()}]}], "total_entries": 1})
@h("api_json", "v2:dag_version")
def _(): return json.dumps({"id": ruuid(), "version_number": R.randint(1, 99), "dag_id": dag(), "bundle_name": "git-dags", "bundle_version": gitsha(), "created_at": ts(), "bundle_url": "https://github.com/acme/airflow-dags/tree/%s" % gitsha()})
@h("api_json", "v2:health")
def _(): return json.dumps({"metadatabase": {"status": "healthy"}, "scheduler": {"status": "healthy", "latest_scheduler_heartbeat": ts()}, "triggerer": {"status": "healthy", "latest_triggerer_heartbeat": ts()}, "dag_processor": {"status": "healthy", "latest_dag_processor_heartbeat": ts()}})
@h("api_json", "v2:log_content", True)
def _(): return json.dumps({"content": [{"timestamp": lts3(), "event": "Task instance is in running state", "level": "info", "logger": "task"}, {"timestamp": lts3(), "event": "Done. Returned value was: %d" % R.randint(0, 1000), "level": "info", "chan": "stdout"}], "continuation_token": rs(80, B64U) + "." + rs(40, B64U)})

@h("task_log", "af2:task_start")
def _(): return "%s {taskinstance.py:2614} INFO - Executing <Task(PythonOperator): %s> on 2026-03-04 02:00:00+00:00\n%s {standard_task_runner.py:72} INFO - Started process %d to run task" % (lts(), task(), lts(), R.randint(100, 99999))
@h("task_log", "af2:conn_retrieve")
def _(): return "%s {base.py:84} INFO - Retrieving connection '%s'" % (lts(), pick(["postgres_default", "aws_default", "slack_api_default"]))
@h("task_log", "af2:s3_upload")
def _(): return "%s {s3.py:1120} INFO - Uploaded s3://acme-lake/curated/%s/dt=2026-03-04/part-0000.parquet (ETag \"%s\", %d bytes)" % (lts(), dag(), hx(32), R.randint(1000, 10**8))
@h("task_log", "af3:structured_event")
def _(): return json.dumps({"timestamp": lts3(), "level": "info", "event": "Pushing xcom", "ti": "RuntimeTaskInstance(id=UUID('%s'), task_id='%s', dag_id='%s', try_number=1)" % (ruuid(), task(), dag()), "logger": "task"})
@h("task_log", "af2:bash_output")
def _(): return "%s {subprocess.py:93} INFO - Digest: sha256:%s\n%s {subprocess.py:93} INFO - Status: Downloaded newer image for ghcr.io/acme/etl:%s" % (lts(), sha256(), lts(), gitsha()[:12])
@h("task_log", "af2:dbt_output")
def _(): return "%s {subprocess.py:93} INFO - 02:13:%02d  %d of 42 OK created sql table model analytics.fct_orders ......... [SELECT %d in %.2fs]" % (lts(), R.randint(0, 59), R.randint(1, 42), R.randint(10, 10**6), R.random() * 30)
@h("task_log", "af2:http_debug")
def _(): return "%s {http.py:188} INFO - Response: 200 OK, x-request-id: %s, x-amzn-trace-id: Root=1-%s-%s" % (lts(), ruuid(), hx(8), hx(24))
@h("task_log", "af2:kpo_pod")
def _(): return "%s {pod_manager.py:427} INFO - Pod %s has phase Running\n%s {pod_manager.py:467} INFO - [base] container image: registry.corp.net/etl@sha256:%s" % (lts(), podname(), lts(), sha256())
@h("task_log", "af2:masked_conn_uri")
def _(): return "%s {sql.py:470} INFO - Running statement: SELECT count(*) FROM staging.events, parameters: None\n%s {base.py:84} INFO - Using connection ID 'dwh' for task execution: postgresql://etl:***@%s:5432/dwh" % (lts(), lts(), host())
@h("task_log", "af2:bq_job")
def _(): return "%s {bigquery.py:1613} INFO - Inserting job airflow_%s_%s_%s" % (lts(), dag(), ts()[:19].replace("-", "_").replace(":", "_").replace("T", "T"), hx(32))
@h("task_log", "af2:spark_submit")
def _(): return "%s {spark_submit.py:521} INFO - Identified spark application id: application_%d_%04d\n%s {spark_submit.py:521} INFO - tracking URL: http://emr-master:20888/proxy/application_%d_%04d/" % (lts(), R.randint(10**12, 10**13), R.randint(1, 9999), lts(), R.randint(10**12, 10**13), R.randint(1, 9999))
@h("task_log", "af2:tokenizer_prose")
def _(): return "%s {logging_mixin.py:190} INFO - Tokenizer loaded (vocab=%d). Avg token count: %d, max tokens per batch: %d" % (lts(), R.randint(30000, 60000), R.randint(100, 900), R.choice([512, 1024, 4096]))
@h("scheduler_log", "af2:scheduler_queue")
def _(): return "%s {scheduler_job_runner.py:435} INFO - 1 tasks up for execution:\n\t<TaskInstance: %s.%s %s [scheduled]>" % (lts(), dag(), task(), runid())
@h("scheduler_log", "af2:executor_event")
def _(): return "%s {scheduler_job_runner.py:734} INFO - Received executor event with state success for task instance TaskInstanceKey(dag_id='%s', task_id='%s', run_id='%s', try_number=1, map_index=-1)" % (lts(), dag(), task(), runid())
@h("scheduler_log", "af3:scheduler_struct")
def _(): return "%s [info     ] Setting external_id for <TaskInstance: %s.%s %s [queued]> to %s [airflow.jobs.scheduler_job_runner.SchedulerJobRunner] loc=scheduler_job_runner.py:%d" % (lts3(), dag(), task(), runid(), ruuid(), R.randint(100, 2000))
@h("scheduler_log", "af2:dag_processor")
def _(): return "%s {processor.py:186} INFO - Processing file /opt/airflow/dags/%s.py for tasks to queue\n%s {dagbag.py:588} INFO - Filling up the DagBag from /opt/airflow/dags/%s.py" % (lts(), dag(), lts(), dag())
@h("scheduler_log", "triggerer:deferral")
def _(): return "%s {triggerer_job_runner.py:%d} INFO - trigger %s (ID %d) fired: TriggerEvent<{'status': 'success', 'job_id': '%s'}>" % (lts(), R.randint(500, 700), pick(["DateTimeTrigger", "S3KeyTrigger", "BigQueryInsertJobTrigger"]), R.randint(1, 9999), ruuid())
@h("worker_log", "celery:task_received")
def _(): return "[2026-03-04 02:00:%02d,%03d: INFO/MainProcess] Task airflow.providers.celery.executors.celery_executor_utils.execute_command[%s] received" % (R.randint(0, 59), R.randint(0, 999), ruuid())
@h("worker_log", "celery:broker_masked")
def _(): return "[2026-03-04 02:00:00,000: INFO/MainProcess] Connected to redis://:**@redis-master.cache.svc:6379/0\n broker_url: amqp://celery:**@rabbitmq:5672//"
@h("worker_log", "celery:succeeded")
def _(): return "[2026-03-04 02:0%d:%02d,%03d: INFO/ForkPoolWorker-%d] Task airflow.providers.celery.executors.celery_executor_utils.execute_command[%s] succeeded in %.3fs: None" % (R.randint(0, 9), R.randint(0, 59), R.randint(0, 999), R.randint(1, 16), ruuid(), R.random() * 100)
@h("worker_log", "webserver:access")
def _(): return "10.0.%d.%d - - [04/Mar/2026:02:00:%02d +0000] \"GET /api/v2/dags/%s/dagRuns?limit=25&order_by=-run_after HTTP/1.1\" 200 %d \"-\" \"Mozilla/5.0\"" % (R.randint(0, 255), R.randint(0, 255), R.randint(0, 59), dag(), R.randint(200, 90000))
@h("worker_log", "api_server:uvicorn")
def _(): return "INFO:     10.0.%d.%d:%d - \"GET /api/v2/dags/%s/dagRuns/%s/taskInstances?limit=50 HTTP/1.1\" 200 OK" % (R.randint(0, 255), R.randint(0, 255), R.randint(30000, 65000), dag(), q(runid()))

@h("near_miss", "digest:sha256")
def _(): return "%s  apache_airflow-3.0.2-py3-none-any.whl" % sha256()
@h("near_miss", "digest:sha512_sri")
def _(): return "    \"node_modules/react-dom\": {\n      \"version\": \"18.3.1\",\n      \"integrity\": \"%s\"\n    }" % sri()
@h("near_miss", "digest:pip_hash")
def _(): return "apache-airflow-providers-amazon==9.%d.0 \\\n    --hash=sha256:%s \\\n    --hash=sha256:%s" % (R.randint(0, 20), sha256(), sha256())
@h("near_miss", "git:sha")
def _(): return "commit %s\nMerge: %s %s\nAuthor: Jane Doe <jane@acme.io>\n\n    fix: retry on 503" % (gitsha(), gitsha()[:7], gitsha()[:7])
@h("near_miss", "http:etag")
def _(): return "< ETag: \"%s-%d\"\n< x-amz-request-id: %s\n< x-amz-id-2: %s" % (hx(32), R.randint(2, 40), rs(16, UP + DI), b64(rb(56)))
@h("near_miss", "docker:digest")
def _(): return "apache/airflow:3.0.2-python3.12@sha256:%s" % sha256()
@h("near_miss", "uuid:plain")
def _(): return "correlation_id=%s parent=%s" % (ruuid(), ruuid())
@h("near_miss", "trace:w3c")
def _(): return "traceparent: 00-%s-%s-01" % (hx(32), hx(16))
@h("near_miss", "k8s:pod_names")
def _(): return "NAME                                   READY   STATUS    RESTARTS   AGE\nairflow-worker-%s-%s   1/1     Running   0          3d\n%s   0/1     Completed 0          2m" % (hx(10), rs(5, LO + DI), podname())
@h("near_miss", "aws:doc_example_key", True)
def _(): return "# example from docs, not a real key\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFI/K7MDENG/bPxRfiCYEXAMPLEKEY"
@h("near_miss", "base64:public_cert")
def _(): return "-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----" % "\n".join(b64(rb(300))[i:i+64] for i in range(0, 400, 64))
@h("near_miss", "ssh:public_key")
def _(): return "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s airflow@bastion" % rs(43, B64)
@h("near_miss", "s3:object_key")
def _(): return "s3://acme-lake/raw/clickstream/year=2026/month=03/%s.json.gz (md5 %s)" % (hx(32), hx(32))
@h("near_miss", "gcs:path")
def _(): return "gs://acme-bq-exports/%s/%s/*.avro" % (dag(), ruuid())
@h("near_miss", "version:strings")
def _(): return "apache-airflow==3.0.2 apache-airflow-providers-google==16.%d.0 protobuf==5.29.%d grpcio==1.71.0 build=%s" % (R.randint(0, 9), R.randint(0, 9), gitsha()[:10])
@h("near_miss", "cron:expr")
def _(): return "schedule=\"%d %d * * %s\"  # runs weekly, next run %s" % (R.randint(0, 59), R.randint(0, 23), pick(["1-5", "0", "*"]), ts())
@h("near_miss", "base64:public_payload")
def _(): return "EventBridge detail (base64): %s" % b64(json.dumps({"bucket": "acme-raw", "key": "events/%s.json" % ruuid(), "size": R.randint(1, 10**7)}).encode())
@h("near_miss", "jwt:unsigned_public_header")
def _(): return "JOSE header only (no payload): eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9 — kid=%s" % hx(16)
@h("near_miss", "hash:md5_checksum")
def _(): return "Checksum verified: md5=%s crc32c=%s==" % (hx(32), b64(rb(4))[:6])
@h("near_miss", "lock:poetry")
def _(): return "[[package]]\nname = \"pendulum\"\nversion = \"3.0.%d\"\nfiles = [\n    {file = \"pendulum-3.0.0.tar.gz\", hash = \"sha256:%s\"},\n]" % (R.randint(0, 9), sha256())
@h("near_miss", "airflow:run_id_manual")
def _(): return "manual__%s  dataset_triggered__%s  asset_triggered__%s_%s" % (ts(), ts(), ts(), rs(8, LO + DI))
@h("near_miss", "gh:placeholder_token", True)
def _(): return "Set GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx in your shell (replace x's)"
@h("near_miss", "ids:request_ids")
def _(): return "x-request-id=%s cf-ray=%s-FRA span_id=%s" % (hx(32), hx(16), hx(16))
@h("near_miss", "bq:job_id")
def _(): return "BigQuery job %s:EU.job_%s completed" % (pick(["acme-data", "acme-prod"]), rs(28, AN + "_-"))
@h("near_miss", "arn:plain")
def _(): return "arn:aws:s3:::acme-lake-%s/raw/*  arn:aws:iam::%d:role/airflow-%s" % (rs(6, LO + DI), R.randint(10**11, 10**12), rs(6, LO))

@h("key_word_nonsecret", "prose:password_reset")
def _(): return "%s {email.py:268} INFO - Password reset email sent to %s@acme.io (template=pw_reset_v%d)" % (lts(), pick(["jdoe", "asmith", "ops"]), R.randint(1, 5))
@h("key_word_nonsecret", "prose:token_count")
def _(): return "LLM call finished: prompt tokens=%d, completion tokens=%d, total token count: %d" % (R.randint(100, 3000), R.randint(10, 900), R.randint(1000, 4000))
@h("key_word_nonsecret", "prose:secret_manager_ok")
def _(): return "%s {secrets_manager.py:%d} INFO - Secrets backend SecretsManagerBackend initialized (connections_prefix=airflow/connections)" % (lts(), R.randint(100, 300))
@h("key_word_nonsecret", "prose:key_rotation")
def _(): return "Key rotation job: rotated %d keys, %d failed; next rotation in %d days" % (R.randint(0, 40), R.randint(0, 3), R.randint(1, 90))
@h("key_word_nonsecret", "prose:password_policy")
def _(): return "Password policy: minimum length 14, require symbols, expiry %d days, history %d" % (R.randint(30, 365), R.randint(3, 24))
@h("key_word_nonsecret", "prose:token_expired_err")
def _(): return "%s {http.py:201} ERROR - HTTP 401: {\"error\": \"invalid_token\", \"error_description\": \"The access token expired\"}" % lts()
@h("key_word_nonsecret", "prose:api_key_missing")
def _(): return "ValueError: api_key must be provided either via extra or AIRFLOW_CONN_%s" % pick(["OPENAI_DEFAULT", "COHERE_DEFAULT", "PINECONE_DEFAULT"])

@h("reference", "ref:jinja_conn", True)
def _(): return "bash_command='PGPASSWORD={{ conn.%s.password }} psql -h {{ conn.%s.host }} -U {{ conn.%s.login }}'" % ((pick(["dwh", "pg_ods"]),) * 3)
@h("reference", "ref:jinja_var", True)
def _(): return "api_key=\"{{ var.value.%s }}\", endpoint=\"{{ var.json.partner_cfg.url }}\"" % pick(["partner_api_key", "slack_token", "openai_key"])
@h("reference", "ref:vault_path")
def _(): return "VaultBackend: reading secret/data/airflow/connections/%s (mount_point=secret, kv_engine_version=2)" % pick(["dwh", "smtp_default", "aws_default"])
@h("reference", "ref:secret_arn", True)
def _(): return json.dumps({"secret_arn": "arn:aws:secretsmanager:eu-west-1:%d:secret:airflow/connections/dwh-%s" % (R.randint(10**11, 10**12), rs(6))})
@h("reference", "ref:secretKeyRef")
def _(): return "env:\n  - name: AIRFLOW__DATABASE__SQL_ALCHEMY_CONN\n    valueFrom:\n      secretKeyRef:\n        name: airflow-metadata\n        key: connection"
@h("reference", "ref:shell_var", True)
def _(): return "DB_PASSWORD=${%s}\nAPI_TOKEN=$(cat /run/secrets/api_token)" % pick(["PG_PASS", "SECRET_DB_PASSWORD", "VAULT_DB_PASS"])
@h("reference", "ref:gcp_secret_name")
def _(): return "projects/%d/secrets/airflow-connections-%s/versions/latest" % (R.randint(10**11, 10**12), pick(["dwh", "slack", "sftp"]))
@h("reference", "ref:cmd_config")
def _(): return "[database]\nsql_alchemy_conn_cmd = cat /run/secrets/sql_alchemy_conn\n[core]\nfernet_key_cmd = /usr/local/bin/get-fernet.sh"
@h("reference", "ref:azure_kv_ref", True)
def _(): return "client_secret: \"@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/airflow-sp/%s)\"" % hx(32)
@h("reference", "ref:already_masked", True)
def _(): return "%s {base.py:84} INFO - extra={'api_key': '***', 'token': '***', 'region': 'us-east-1'} password=***" % lts()

@h("config", "cfg:airflow_cfg")
def _(): return "[core]\nexecutor = CeleryExecutor\nparallelism = %d\ndags_folder = /opt/airflow/dags\n[logging]\nremote_logging = True\nremote_base_log_folder = s3://acme-airflow-logs/%s" % (R.randint(16, 256), rs(6, LO))
@h("config", "cfg:helm_values")
def _(): return "executor: KubernetesExecutor\nimages:\n  airflow:\n    repository: registry.corp.net/airflow\n    tag: 3.0.2-%s\n    digest: sha256:%s\nworkers:\n  replicas: %d" % (gitsha()[:8], sha256(), R.randint(1, 20))
@h("config", "cfg:env_nonsecret")
def _(): return "AIRFLOW__CORE__LOAD_EXAMPLES=False\nAIRFLOW__WEBSERVER__BASE_URL=https://airflow.corp.net\nAIRFLOW__CELERY__WORKER_CONCURRENCY=%d\nAIRFLOW_UID=50000" % R.randint(4, 32)
@h("config", "cfg:compose_no_secret")
def _(): return "  airflow-scheduler:\n    image: apache/airflow:3.0.2\n    command: scheduler\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"--fail\", \"http://localhost:8974/health\"]\n      interval: %ds" % R.randint(10, 60)
@h("config", "cfg:terraform_plan")
def _(): return "  # aws_mwaa_environment.prod will be updated in-place\n  ~ resource \"aws_mwaa_environment\" \"prod\" {\n      ~ airflow_version = \"2.10.3\" -> \"2.11.0\"\n        id              = \"airflow-prod-%s\"\n    }" % rs(6, LO + DI)
@h("config", "cfg:secret_flags", True)
def _(): return "[core]\nhide_sensitive_var_conn_fields = True\nsensitive_var_conn_names = partner_key,ftp_pass\n[logging]\nmin_length_masked_secret = 5\nsecret_mask_adapter = "

@h("dag_source", "src:taskflow")
def _(): return "@dag(schedule=\"%s\", start_date=pendulum.datetime(2026, 1, 1, tz=\"UTC\"), catchup=False, tags=[\"etl\"])\ndef %s():\n    @task\n    def extract() -> list[dict]:\n        hook = PostgresHook(postgres_conn_id=\"dwh\")\n        return hook.get_records(\"select id from orders limit %d\")" % (pick(["@daily", "0 3 * * *"]), dag(), R.randint(10, 10000))
@h("dag_source", "src:secret_via_hook", True)
def _(): return "    conn = BaseHook.get_connection(\"partner_api\")\n    headers = {\"Authorization\": f\"Bearer {conn.password}\"}\n    resp = requests.get(conn.host + \"/export\", headers=headers, timeout=%d)" % R.randint(10, 120)
@h("dag_source", "src:kpo_secret_mount")
def _(): return "secret_env = Secret(deploy_type=\"env\", deploy_target=\"DB_PASSWORD\", secret=\"airflow-db\", key=\"password\")\nKubernetesPodOperator(task_id=\"%s\", image=\"registry.corp.net/etl:%s\", secrets=[secret_env])" % (task(), gitsha()[:12])
@h("dag_source", "src:asset_def")
def _(): return "orders = Asset(\"s3://acme-lake/curated/orders/\", extra={\"owner\": \"data-eng\"})\n@dag(schedule=[orders])\ndef %s(): ..." % dag()
@h("dag_source", "src:get_var_call", True)
def _(): return "api_token = Variable.get(\"%s\")  # pulled at runtime from Secrets Manager" % pick(["partner_api_token", "hubspot_token"])
@h("dag_source", "src:cli_list")
def _(): return "$ airflow dags list\ndag_id              | fileloc                          | owners   | is_paused\n====================+==================================+==========+==========\n%-20s| /opt/airflow/dags/%s.py | data-eng | False" % (dag(), dag())

# additional key-rule lines (harmless values under sensitive-looking names)
@h("reference", "keyrule:password_length", True)
def _(): return json.dumps({"min_password_length": R.randint(8, 20), "password_expiry_days": 90, "password_policy": "strong"})
@h("reference", "keyrule:token_url", True)
def _(): return json.dumps({"conn_type": "http", "extra": {"token_url": "https://login.microsoftonline.com/%s/oauth2/v2.0/token" % ruuid(), "token_expiry_seconds": 3600}})
@h("reference", "keyrule:keyfile_path", True)
def _(): return json.dumps({"extra": {"key_path": "/opt/airflow/secrets/sa.json", "keyfile_dict": None, "private_key_file": "/home/airflow/.ssh/id_ed25519", "project": "acme-data"}})
@h("reference", "keyrule:auth_type", True)
def _(): return json.dumps({"authorization_type": "oauth2", "use_access_token": True, "bearer_scheme": "Bearer"})
@h("reference", "keyrule:service_account_email", True)
def _(): return "service_account_name: airflow-worker\nservice_account: airflow-worker@acme-data.iam.gserviceaccount.com"
@h("reference", "keyrule:secret_name", True)
def _(): return json.dumps({"secret_name": "airflow/connections/dwh", "secret_version": "AWSCURRENT", "passphrase_required": False})
@h("reference", "keyrule:proxy_url", True)
def _(): return json.dumps({"proxies": {"https": "http://proxy.corp.net:3128"}, "proxy": "http://proxy.corp.net:3128", "webhook_url_template": "https://hooks.example.com/{channel}"})
@h("reference", "keyrule:connection_string_ref", True)
def _(): return "connection_string: \"${AZURE_STORAGE_CONNECTION_STRING}\"\napi_key_header: X-Api-Key"

# ---------------------------------------------------------------- assemble
def build():
    secret_lines = []
    for _ in range(4):
        for name, mk, ctx in V:
            fam, fmt, text, secs = vendor_line(name, mk, ctx)
            secret_lines.append({"kind": "secret", "family": fam, "format": fmt, "text": text, "secrets": secs})
    for _ in range(4):
        for fn in G:
            R.__dict__.pop("_wk", None)
            res = fn()
            if res is None:
                continue
            if len(res) == 4 and res[3] is None:  # helm fernet composite
                fam, fmt, text, _n = res
                f = text.split("fernetKey: ")[1].split("\n")[0]; w = text.split("webserverSecretKey: ")[1]
                res = (fam, fmt, text, [f, w])
            d = {"kind": "secret", "family": res[0], "format": res[1], "text": res[2], "secrets": res[3]}
            if len(res) > 4:
                d["registered"] = res[4]
            secret_lines.append(d)
    for _ in range(REG_EXTRA):
        for fn in G:
            if fn.__name__.startswith("rg_"):
                res = fn()
                secret_lines.append({"kind": "secret", "family": res[0], "format": res[1], "text": res[2], "secrets": res[3], "registered": res[4]})
    all_secrets = set(s for d in secret_lines for s in d["secrets"])
    harmless = []
    reps = 8
    for _ in range(reps):
        for fam, fmt, kr, fn in H:
            text = fn()
            if any(s in text for s in all_secrets if len(s) >= 4):
                continue
            d = {"kind": "harmless", "family": fam, "format": fmt, "text": text, "secrets": []}
            if kr:
                d["airflow_key_rule"] = True
            harmless.append(d)
    # dedupe harmless texts (fixed templates repeat)
    seen = set(); hl = []
    for d in harmless:
        if d["text"] in seen:
            continue
        seen.add(d["text"]); hl.append(d)
    lines = secret_lines + hl
    R.shuffle(lines)
    out = []
    for i, d in enumerate(lines, 1):
        o = {"id": "%s-%05d" % (PFX, i), "kind": d["kind"], "family": d["family"], "format": d["format"], "text": d["text"], "secrets": d["secrets"]}
        if "registered" in d: o["registered"] = d["registered"]
        if d.get("airflow_key_rule"): o["airflow_key_rule"] = True
        out.append(o)
    return out

if __name__ == "__main__":
    rows = build()
    with open(os.path.abspath(OUT), "w", encoding="utf-8", newline="\n") as f:
        for o in rows:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print("wrote %d lines to %s" % (len(rows), os.path.abspath(OUT)))
