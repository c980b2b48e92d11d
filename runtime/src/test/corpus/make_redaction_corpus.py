#!/usr/bin/env python3
"""Writes the redaction corpus used by RedactionCorpusTest.

Every secret is fake: random characters in the shape of the real format, from a fixed seed, so
the output is the same on every run. The templates are Airflow-shaped text: Airflow 2 log lines,
Airflow 3 structured log records, tracebacks, rendered templates, environment dumps, connection
and variable payloads, kube configs, command lines and config files.

    python3 runtime/src/test/corpus/make_redaction_corpus.py

writes runtime/src/test/resources/dev/airflowmcp/runtime/redaction/corpus/{secrets,harmless}.jsonl.

secrets.jsonl: {"family", "context", "text", "secrets": [...], "registered": [...]} per line.
  "secrets" lists each secret exactly as it appears in "text"; "registered" (optional) lists
  values registered with the redactor before the text is redacted.
harmless.jsonl: {"context", "text"} per line; the redactor must leave each text unchanged.
"""
import base64
import json
import os
import random
import string
import urllib.parse

R = random.Random(20260401)
UP = string.ascii_uppercase
LO = string.ascii_lowercase
DG = string.digits
AN = UP + LO + DG
B64 = AN + "+/"
B64URL = AN + "-_"
HEX = "0123456789abcdef"


def pick(alphabet, n):
    return "".join(R.choice(alphabet) for _ in range(n))


def mixed(alphabet, n):
    """Random string that has upper, lower and digit characters when the alphabet allows."""
    while True:
        s = pick(alphabet, n)
        if (not any(c in alphabet for c in UP) or any(c in UP for c in s)) and (
            not any(c in alphabet for c in LO) or any(c in LO for c in s)
        ) and (not any(c in alphabet for c in DG) or any(c in DG for c in s)):
            return s


def password(n=14):
    sym = "!#%^*_-+=~"
    core = mixed(AN, n - 2)
    return core[: n // 2] + R.choice(sym) + core[n // 2 :] + R.choice(DG)


def uuid():
    h = pick(HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def ts2():
    return "[2024-%02d-%02d, %02d:%02d:%02d UTC]" % (
        R.randint(1, 12), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59))


def ts3():
    return "2025-%02d-%02dT%02d:%02d:%02d.%06dZ" % (
        R.randint(1, 12), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59),
        R.randint(0, 999999))


SOURCES = ["taskinstance.py:1234", "base.py:73", "logging_mixin.py:188", "standard_task_runner.py:57",
           "http.py:152", "subprocess.py:93", "s3.py:1451", "sql.py:418", "pod_manager.py:466",
           "bash.py:185", "python.py:237", "connection.py:521", "credentials.py:1278",
           "client.py:89", "warnings.py:110", "dbt.py:301", "ssh.py:311", "crypto.py:82"]
LOGGERS = ["airflow.task", "airflow.task.hooks.airflow.providers.http.hooks.http.HttpHook",
           "airflow.task.operators.airflow.providers.standard.operators.bash.BashOperator",
           "airflow.task.hooks.airflow.providers.amazon.aws.hooks.s3.S3Hook",
           "airflow.sdk.definitions.connection", "task.stdout", "botocore.credentials",
           "airflow.task.hooks.airflow.providers.postgres.hooks.postgres.PostgresHook"]


def a2(msg, level="INFO", src=None):
    return f"{ts2()} {{{src or R.choice(SOURCES)}}} {level} - {msg}"


def a3(event, level="info", logger=None, **extra):
    rec = {"timestamp": ts3(), "level": level, "event": event, "logger": logger or R.choice(LOGGERS)}
    rec.update(extra)
    return json.dumps(rec)


def a3text(event, level="info", logger=None):
    return f"{ts3()} [{level:<9}] {event} [{logger or R.choice(LOGGERS)}]"


def pem_lines(n, first=None):
    lines = [pick(B64, 64) for _ in range(n)]
    if first:
        lines[0] = first + lines[0][len(first):]
    lines.append(pick(B64, R.randint(20, 60)) + "==")
    return lines


SECRETS = []
HARMLESS = []


def S(family, context, text, secrets, registered=None):
    for s in secrets:
        assert s in text, (family, s, text)
    e = {"family": family, "context": context, "text": text, "secrets": secrets}
    if registered:
        e["registered"] = registered
    SECRETS.append(e)


def H(context, text):
    HARMLESS.append({"context": context, "text": text})


# ---------------------------------------------------------------- generators of fake values
def aws_key_id(prefix="AKIA"):
    return prefix + pick(UP + "234567", 16)


def aws_secret():
    return mixed(B64, 40)


def aws_session_token():
    return "IQoJb3JpZ2luX2Vj" + pick(B64, 300) + "=="


def gcp_api_key():
    return "AIza" + mixed(B64URL, 35)


def gh(prefix="ghp_"):
    return prefix + mixed(AN, 36)


def slack_bot():
    return "xoxb-%s-%s-%s" % (pick(DG, 12), pick(DG, 13), mixed(AN, 24))


def jwt(claims=None):
    head = base64.urlsafe_b64encode(b'{"alg":"RS256","typ":"JWT","kid":"' + pick(HEX, 16).encode() + b'"}').decode().rstrip("=")
    body = base64.urlsafe_b64encode(json.dumps(claims or {"sub": "svc-" + pick(LO, 6), "iat": R.randint(1700000000, 1800000000), "exp": R.randint(1800000000, 1900000000), "aud": "apache-airflow"}).encode()).decode().rstrip("=")
    sig = pick(B64URL, 342)
    return f"{head}.{body}.{sig}"


def azure_key():
    return mixed(B64, 86) + "=="


def azure_client_secret():
    return pick(AN, 3) + R.choice(DG) + "Q~" + mixed(AN + "_~.-", 34)


def fernet_key():
    return base64.urlsafe_b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode()


# ============================================================== SECRETS
# --- AWS access key ids
for i in range(7):
    k = aws_key_id(R.choice(["AKIA", "AKIA", "ASIA"]))
    t = [
        a2(f"Credentials retrieved from env: access key {k}, region eu-west-1", src="credentials.py:1278"),
        f"AWS_ACCESS_KEY_ID={k}",
        a3(f"Assuming role arn:aws:iam::{pick(DG, 12)}:role/airflow-etl with access key {k}", logger="botocore.credentials"),
        "botocore.exceptions.ClientError: An error occurred (InvalidAccessKeyId) when calling the GetObject operation: "
        f"The AWS Access Key Id you provided does not exist in our records. AWSAccessKeyId={k}",
        f"aws configure set aws_access_key_id {k} --profile etl",
        a2(f"Canonical request signed: Credential={k}/20240307/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date", "DEBUG", "auth.py:418"),
        f'    "aws_access_key_id": "{k}",',
    ][i]
    S("aws-access-key-id", ["airflow2-log", "env-dump", "airflow3-log", "traceback", "cli", "airflow2-log", "connection"][i], t, [k])

# --- AWS secret access keys
for i in range(8):
    k, s = aws_key_id(), aws_secret()
    t = [
        f"export AWS_SECRET_ACCESS_KEY={s}",
        f"[default]\naws_access_key_id = {k}\naws_secret_access_key = {s}\nregion = us-east-1",
        json.dumps({"aws_access_key_id": k, "aws_secret_access_key": s, "region_name": "eu-central-1"}),
        a2(f"Creating session with Credentials(access_key='{k}', secret_key='{s}', token=None, method='explicit')", "DEBUG"),
        f"aws configure set aws_secret_access_key {s}",
        a3("Using explicit credentials", logger="airflow.task.hooks.airflow.providers.amazon.aws.hooks.base_aws.AwsGenericHook", aws_access_key_id=k, aws_secret_access_key=s),
        f"bash_command: 'AWS_ACCESS_KEY_ID={k} AWS_SECRET_ACCESS_KEY={s} aws s3 sync /data s3://acme-raw/'",
        f"spark-submit --conf spark.hadoop.fs.s3a.access.key={k} --conf spark.hadoop.fs.s3a.secret.key={s} job.py",
    ][i]
    S("aws-secret-access-key", ["env-dump", "config", "connection", "airflow2-log", "cli", "airflow3-log", "rendered-template", "cli"][i], t, [x for x in (k, s) if x in t])

# --- AWS session tokens
for i in range(6):
    k, s, tok = aws_key_id("ASIA"), aws_secret(), aws_session_token()
    t = [
        f"AWS_SESSION_TOKEN={tok}",
        json.dumps({"Credentials": {"AccessKeyId": k, "SecretAccessKey": s, "SessionToken": tok, "Expiration": "2025-04-01T12:00:00Z"}}),
        a2(f"Request headers: {{'X-Amz-Security-Token': '{tok}', 'X-Amz-Date': '20250401T101500Z'}}", "DEBUG", "endpoint.py:133"),
        "https://acme-exports.s3.eu-west-1.amazonaws.com/daily/2025-04-01.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
        f"{k}%2F20250401%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20250401T101500Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host"
        f"&X-Amz-Security-Token={urllib.parse.quote(tok, safe='')}&X-Amz-Signature={pick(HEX, 64)}",
        a3(f"Refreshed credentials, session token {tok}", logger="botocore.credentials"),
        f"Credentials(access_key='{k}', secret_key='{s}', token='{tok}')",
    ][i]
    secrets = [tok] if i != 3 else [k, urllib.parse.quote(tok, safe="")]
    if i in (1, 5):
        secrets = [k, s, tok]
    S("aws-session-token", ["env-dump", "xcom", "airflow2-log", "airflow2-log", "airflow3-log", "traceback"][i], t, secrets)
# presigned URL signature as its own secret
for i in range(3):
    k = aws_key_id()
    sig = pick(HEX, 64)
    t = ("Generated presigned URL https://acme-reports.s3.amazonaws.com/q1.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256"
         f"&X-Amz-Credential={k}%2F20250310%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20250310T090000Z"
         f"&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature={sig}")
    S("url-query-token", "airflow2-log", a2(t) if i % 2 == 0 else a3(t), [k, sig])


# --- GCP service account keys (private key inside JSON, escaped)
def sa_json(pk_lines, escaped_levels=1):
    key = "-----BEGIN PRIVATE KEY-----\n" + "\n".join(pk_lines) + "\n-----END PRIVATE KEY-----\n"
    doc = {"type": "service_account", "project_id": "acme-data-" + pick(DG, 4), "private_key_id": pick(HEX, 40),
           "private_key": key, "client_email": "airflow@acme-data.iam.gserviceaccount.com",
           "client_id": pick(DG, 21), "auth_uri": "https://accounts.google.com/o/oauth2/auth",
           "token_uri": "https://oauth2.googleapis.com/token"}
    return doc


for i in range(8):
    lines = pem_lines(R.randint(4, 8), "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")
    doc = sa_json(lines)
    if i == 0:
        t = json.dumps({"extra__google_cloud_platform__keyfile_dict": json.dumps(doc), "extra__google_cloud_platform__project": "acme-data"})
        ctx = "connection"
    elif i == 1:
        t = "GOOGLE_CREDENTIALS='" + json.dumps(doc) + "'"
        ctx = "env-dump"
    elif i == 2:
        t = a2("Loaded keyfile: " + repr(doc))
        ctx = "airflow2-log"
    elif i == 3:
        t = json.dumps({"key": "gcp_sa", "value": json.dumps(doc), "description": "service account for BigQuery loads"})
        ctx = "variable"
    elif i == 4:
        t = json.dumps({"conn_id": "google_cloud_default", "conn_type": "google_cloud_platform", "extra": json.dumps({"keyfile_dict": doc, "scope": "https://www.googleapis.com/auth/cloud-platform"})})
        ctx = "connection"
    elif i == 5:
        t = a3("Credentials file parsed", keyfile=json.dumps(doc))
        ctx = "airflow3-log"
    elif i == 6:
        t = "AIRFLOW_CONN_GOOGLE_CLOUD_DEFAULT='" + json.dumps({"conn_type": "google_cloud_platform", "extra": {"keyfile_dict": json.dumps(doc)}}) + "'"
        ctx = "env-dump"
    else:
        t = json.dumps({"return_value": json.dumps(json.dumps(doc))})
        ctx = "xcom"
    S("gcp-service-account-key", ctx, t, lines)

# --- GCP API keys
for i in range(6):
    k = gcp_api_key()
    t = [
        a2(f"Sending 'GET' to url: https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key={k}", src="http.py:152"),
        f"GOOGLE_API_KEY={k}",
        json.dumps({"api_key": k, "endpoint": "https://generativelanguage.googleapis.com"}),
        a3(f"POST https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent?key={k} 200"),
        f"    google_api_key = '{k}'  # TODO move to a connection",
        f"requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://www.googleapis.com/youtube/v3/search?part=snippet&q=airflow&key={k}",
    ][i]
    S("gcp-api-key", ["airflow2-log", "env-dump", "connection", "airflow3-log", "dag-source", "traceback"][i], t, [k])

# --- GCP OAuth client secrets and tokens
for i in range(4):
    cs = "GOCSPX-" + mixed(B64URL, 28)
    t = [
        json.dumps({"installed": {"client_id": pick(DG, 12) + "-" + pick(LO + DG, 32) + ".apps.googleusercontent.com", "client_secret": cs, "redirect_uris": ["http://localhost"]}}),
        f"GOOGLE_OAUTH_CLIENT_SECRET={cs}",
        a2(f"OAuth flow failed for client secret {cs}: invalid_grant", "ERROR"),
        f"--client-secret {cs}",
    ][i]
    S("gcp-oauth-client-secret", ["variable", "env-dump", "airflow2-log", "cli"][i], t, [cs])
for i in range(5):
    at = "ya29." + mixed(B64URL, 150)
    rt = "1//0" + mixed(B64URL, 100)
    t = [
        json.dumps({"access_token": at, "expires_in": 3599, "refresh_token": rt, "scope": "https://www.googleapis.com/auth/bigquery", "token_type": "Bearer"}),
        a2(f"Request headers: {{'Authorization': 'Bearer {at}', 'x-goog-api-client': 'gl-python/3.11'}}", "DEBUG"),
        f"refresh_token: {rt}",
        a3(f"Token refreshed: {at}", logger="google.auth.transport.requests"),
        f"curl -s -H 'Authorization: Bearer {at}' https://bigquery.googleapis.com/bigquery/v2/projects/acme/jobs",
    ][i]
    sec = [at, rt] if i == 0 else ([rt] if i == 2 else [at])
    S("gcp-oauth-token", ["xcom", "airflow2-log", "config", "airflow3-log", "cli"][i], t, sec)

# --- Azure storage account keys
for i in range(6):
    k = azure_key()
    acct = "acme" + pick(LO, 6)
    t = [
        f"DefaultEndpointsProtocol=https;AccountName={acct};AccountKey={k};EndpointSuffix=core.windows.net",
        json.dumps({"connection_string": f"DefaultEndpointsProtocol=https;AccountName={acct};AccountKey={k};EndpointSuffix=core.windows.net"}),
        f"AZURE_STORAGE_KEY={k}",
        f"az storage blob upload --account-name {acct} --account-key {k} --container-name raw --file out.parquet",
        a2(f"Connecting to blob storage with connection string DefaultEndpointsProtocol=https;AccountName={acct};AccountKey={k}"),
        json.dumps({"extra": json.dumps({"shared_access_key": k, "account_name": acct})}),
    ][i]
    S("azure-storage-account-key", ["connection", "connection", "env-dump", "cli", "airflow2-log", "connection"][i], t, [k])

# --- Azure SAS tokens
for i in range(5):
    sig = urllib.parse.quote(base64.b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode(), safe="")
    acct = "acme" + pick(LO, 5)
    url = (f"https://{acct}.blob.core.windows.net/landing/sales.csv?sv=2022-11-02&ss=b&srt=co&sp=rl"
           f"&se=2025-06-01T00:00:00Z&st=2025-05-01T00:00:00Z&spr=https&sig={sig}")
    t = [
        a2(f"Downloading {url}"),
        json.dumps({"sas_token": f"sv=2022-11-02&ss=b&srt=co&sp=rl&se=2025-06-01T00:00:00Z&spr=https&sig={sig}"}),
        f"BlobEndpoint=https://{acct}.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=sco&sp=rwdlac&se=2025-06-01T00:00:00Z&spr=https&sig={sig}",
        a3(f"azcopy copy '{url}' /tmp/sales.csv"),
        f"AZURE_SAS_URL='{url}'",
    ][i]
    S("azure-sas-token", ["airflow2-log", "connection", "connection", "airflow3-log", "env-dump"][i], t, [sig])

# --- Azure client secrets
for i in range(6):
    cs = azure_client_secret()
    t = [
        f"AZURE_CLIENT_SECRET={cs}",
        json.dumps({"client_id": uuid(), "tenant_id": uuid(), "client_secret": cs}),
        a2(f"Acquiring token for app {uuid()} using secret {cs}", "DEBUG", "msal.py:412"),
        f"az login --service-principal -u {uuid()} -p {cs} --tenant {uuid()}",
        a3("ClientSecretCredential.get_token failed", level="error", client_secret=cs),
        f"azure_client_secret: \"{cs}\"",
    ][i]
    S("azure-client-secret", ["env-dump", "connection", "airflow2-log", "cli", "airflow3-log", "config"][i], t, [cs])

# --- GitHub tokens
for i in range(8):
    tok = gh(R.choice(["ghp_", "ghp_", "gho_", "ghu_"]))
    t = [
        a2(f"Running command: git clone https://{tok}@github.com/acme/airflow-dags.git /opt/airflow/dags/repo", src="subprocess.py:93"),
        f"GITHUB_TOKEN={tok}",
        a2(f"Request headers: {{'Accept': 'application/vnd.github+json', 'Authorization': 'token {tok}'}}", "DEBUG"),
        json.dumps({"conn_type": "github", "password": tok, "host": "https://api.github.com"}),
        a3(f"git-sync: cloning https://acme-bot:{tok}@github.com/acme/dags.git"),
        f"  env:\n    - name: GIT_SYNC_PASSWORD\n      value: {tok}",
        f"gh auth login --with-token <<< {tok}",
        f"github.GithubException.BadCredentialsException: 401 {{\"message\": \"Bad credentials\"}} for token {tok}",
    ][i]
    S("github-classic-token", ["airflow2-log", "env-dump", "airflow2-log", "connection", "airflow3-log", "kubeconfig", "cli", "traceback"][i], t, [tok])
for i in range(4):
    tok = "github_pat_11" + mixed(UP + DG, 20) + "_" + mixed(AN, 59)
    t = [f"GH_TOKEN={tok}", a2(f"Authorization: Bearer {tok}", "DEBUG"),
         json.dumps({"token": tok}), a3(f"Using fine-grained token {tok} for repo acme/dags")][i]
    S("github-fine-grained-token", ["env-dump", "airflow2-log", "connection", "airflow3-log"][i], t, [tok])
for i in range(4):
    tok = gh("ghs_")
    t = [f"https://x-access-token:{tok}@github.com/acme/dbt-project.git",
         a2(f"Installation token created: {tok} (expires 2025-04-01T11:00:00Z)"),
         json.dumps({"token": tok, "expires_at": "2025-04-01T11:00:00Z", "permissions": {"contents": "read"}}),
         a3(f"git fetch https://x-access-token:{tok}@github.com/acme/dags.git main")][i]
    S("github-app-token", ["rendered-template", "airflow2-log", "xcom", "airflow3-log"][i], t, [tok])

# --- GitLab tokens
for i in range(6):
    tok = R.choice(["glpat-", "glpat-", "gldt-", "glrt-"]) + mixed(B64URL, 20)
    t = [
        a2(f"Request headers: {{'PRIVATE-TOKEN': '{tok}'}}", "DEBUG"),
        f"git clone https://oauth2:{tok}@gitlab.acme.io/data/dags.git",
        f"GITLAB_TOKEN={tok}",
        a3(f"Registered runner with token {tok}"),
        json.dumps({"conn_type": "http", "host": "gitlab.acme.io", "extra": json.dumps({"headers": {"PRIVATE-TOKEN": tok}})}),
        f"curl --header \"PRIVATE-TOKEN: {tok}\" https://gitlab.acme.io/api/v4/projects",
    ][i]
    S("gitlab-token", ["airflow2-log", "cli", "env-dump", "airflow3-log", "connection", "cli"][i], t, [tok])
tok = "GR1348941" + mixed(B64URL, 20)
S("gitlab-token", "cli", f"gitlab-runner register --url https://gitlab.acme.io --registration-token {tok}", [tok])

# --- npm / PyPI
for i in range(4):
    tok = "npm_" + mixed(AN, 36)
    t = [f"//registry.npmjs.org/:_authToken={tok}", f"NPM_TOKEN={tok}", a2(f"npm publish using token {tok}"),
         a3(f"echo //registry.npmjs.org/:_authToken={tok} > ~/.npmrc")][i]
    S("npm-token", ["config", "env-dump", "airflow2-log", "airflow3-log"][i], t, [tok])
for i in range(4):
    tok = "pypi-AgEIcHlwaS5vcmc" + mixed(B64URL, 140)
    t = [f"TWINE_PASSWORD={tok}", f"[pypi]\nusername = __token__\npassword = {tok}",
         a2(f"Running: twine upload -u __token__ -p {tok} dist/*"), a3(f"pip config set global.index-url https://__token__:{tok}@pypi.acme.io/simple")][i]
    S("pypi-token", ["env-dump", "config", "airflow2-log", "airflow3-log"][i], t, [tok])

# --- Slack
for i in range(7):
    tok = slack_bot() if i != 5 else "xoxp-" + pick(DG, 12) + "-" + pick(DG, 12) + "-" + pick(DG, 13) + "-" + pick(HEX, 32)
    t = [
        a2(f"Sending Slack message with token {tok} to #data-alerts", src="slack.py:104"),
        f"SLACK_BOT_TOKEN={tok}",
        json.dumps({"conn_type": "slack", "password": tok}),
        a3("slack_sdk.errors.SlackApiError: invalid_auth", level="error", token=tok),
        f"token: {tok}\nchannel: '#etl'",
        f"curl -X POST -H 'Authorization: Bearer {tok}' https://slack.com/api/chat.postMessage",
        a2(f"SlackAPIPostOperator(task_id='notify', token='{tok}', channel='#etl')"),
    ][i]
    S("slack-token", ["airflow2-log", "env-dump", "connection", "airflow3-log", "rendered-template", "cli", "dag-source"][i], t, [tok])
tok = "xapp-1-A" + pick(UP + DG, 10) + "-" + pick(DG, 13) + "-" + pick(HEX, 64)
S("slack-token", "env-dump", f"SLACK_APP_TOKEN={tok}", [tok])
for i in range(6):
    path = f"T{pick(UP + DG, 10)}/B{pick(UP + DG, 10)}/{mixed(AN, 24)}"
    url = f"https://hooks.slack.com/services/{path}"
    t = [
        a2(f"Posting to webhook {url}", src="slack_webhook.py:87"),
        json.dumps({"conn_type": "slackwebhook", "password": url}),
        f"SLACK_WEBHOOK_URL={url}",
        a3(f"POST {url} 200"),
        json.dumps({"webhook_url": url, "channel": "#alerts"}),
        f"on_failure_callback: send_slack_alert(webhook='{url}')",
    ][i]
    S("slack-webhook", ["airflow2-log", "connection", "env-dump", "airflow3-log", "variable", "rendered-template"][i], t, [path])

# --- Discord
for i in range(4):
    wid, wtok = pick(DG, 19), mixed(B64URL, 68)
    url = f"https://discord.com/api/webhooks/{wid}/{wtok}"
    t = [a2(f"Sending Discord alert to {url}"), f"DISCORD_WEBHOOK={url}",
         json.dumps({"webhook_endpoint": f"webhooks/{wid}/{wtok}", "host": "https://discord.com/api/"}),
         a3(f"discord webhook {url} returned 204")][i]
    S("discord-webhook", ["airflow2-log", "env-dump", "connection", "airflow3-log"][i], t, [wtok])
for i in range(3):
    tok = "M" + mixed(AN, 25) + "." + mixed(B64URL, 6) + "." + mixed(B64URL, 38)
    t = [f"DISCORD_BOT_TOKEN={tok}", a2(f"discord.py: logging in using static token, headers {{'Authorization': 'Bot {tok}'}}", "DEBUG"),
         a3(f"discord client login with token {tok}")][i]
    S("discord-bot-token", ["env-dump", "airflow2-log", "airflow3-log"][i], t, [tok])

# --- Telegram
for i in range(4):
    tok = pick(DG, 10) + ":AA" + mixed(B64URL, 33)
    t = [a2(f"Sending 'POST' to url: https://api.telegram.org/bot{tok}/sendMessage", src="http.py:152"),
         f"TELEGRAM_BOT_TOKEN={tok}", json.dumps({"conn_type": "telegram", "password": tok, "host": "-100123456789"}),
         a3(f"telegram.error.InvalidToken: bot {tok} was rejected", level="error")][i]
    S("telegram-bot-token", ["airflow2-log", "env-dump", "connection", "airflow3-log"][i], t, [tok])

# --- Stripe
for i in range(5):
    tok = R.choice(["sk_live_", "sk_live_", "rk_live_", "sk_test_"]) + mixed(AN, 99 if i == 0 else 24)
    t = [f"STRIPE_API_KEY={tok}", a2(f"stripe.api_key set from connection: {tok}"),
         json.dumps({"conn_type": "http", "host": "https://api.stripe.com", "password": tok}),
         f"curl https://api.stripe.com/v1/charges -u {tok}:", a3("Stripe export started", api_key=tok)][i]
    S("stripe-key", ["env-dump", "airflow2-log", "connection", "cli", "airflow3-log"][i], t, [tok])
tok = "whsec_" + mixed(AN, 32)
S("stripe-key", "env-dump", f"STRIPE_WEBHOOK_SECRET={tok}", [tok])

# --- SendGrid
for i in range(4):
    tok = "SG." + mixed(B64URL, 22) + "." + mixed(B64URL, 43)
    t = [f"SENDGRID_API_KEY={tok}", a2(f"Authorization: Bearer {tok}", "DEBUG"), json.dumps({"api_key": tok, "from_email": "etl@acme.io"}),
         a3(f"python_http_client.exceptions.UnauthorizedError: HTTP Error 401 for key {tok}", level="error")][i]
    S("sendgrid-api-key", ["env-dump", "airflow2-log", "connection", "airflow3-log"][i], t, [tok])

# --- Twilio
for i in range(4):
    sid = "AC" + pick(HEX, 32)
    key = "SK" + pick(HEX, 32)
    auth = pick(HEX, 32)
    t = [f"TWILIO_AUTH_TOKEN={auth}", a2(f"twilio api key {key} used for account {sid}"),
         json.dumps({"account_sid": sid, "auth_token": auth}),
         a2("Authorization: Basic " + base64.b64encode(f"{sid}:{auth}".encode()).decode(), "DEBUG", "twilio.py:55")][i]
    sec = [[auth], [key], [auth], [base64.b64encode(f"{sid}:{auth}".encode()).decode()]][i]
    S("twilio-credentials", ["env-dump", "airflow2-log", "connection", "airflow2-log"][i], t, sec)

# --- Shopify
for i in range(3):
    tok = "shpat_" + pick(HEX, 32)
    t = [a2(f"Request headers: {{'X-Shopify-Access-Token': '{tok}'}}", "DEBUG"), f"SHOPIFY_ACCESS_TOKEN={tok}",
         a3(f"GET https://acme.myshopify.com/admin/api/2024-01/orders.json with token {tok}")][i]
    S("shopify-token", ["airflow2-log", "env-dump", "airflow3-log"][i], t, [tok])

# --- Datadog
for i in range(5):
    api, app = pick(HEX, 32), pick(HEX, 40)
    t = [f"DD_API_KEY={api}", json.dumps({"api_key": api, "app_key": app, "api_host": "https://api.datadoghq.eu"}),
         a2(f"Request headers: {{'DD-API-KEY': '{api}', 'DD-APPLICATION-KEY': '{app}'}}", "DEBUG"),
         f"datadog.initialize(api_key='{api}', app_key='{app}')",
         a3("datadog metric submitted", dd_api_key=api)][i]
    sec = [[api], [api, app], [api, app], [api, app], [api]][i]
    S("datadog-api-key", ["env-dump", "connection", "airflow2-log", "dag-source", "airflow3-log"][i], t, sec)

# --- Databricks
for i in range(5):
    tok = "dapi" + pick(HEX, 32) + ("-2" if i % 2 else "")
    t = [json.dumps({"host": "adb-1234567890123456.7.azuredatabricks.net", "token": tok}), f"DATABRICKS_TOKEN={tok}",
         a2(f"Using token {tok} for https://adb-1234567890123456.7.azuredatabricks.net"),
         a3(f"Authorization: Bearer {tok}", level="debug"),
         json.dumps({"conn_id": "databricks_default", "conn_type": "databricks", "extra": json.dumps({"token": tok})})][i]
    S("databricks-token", ["connection", "env-dump", "airflow2-log", "airflow3-log", "connection"][i], t, [tok])

# --- Hugging Face
for i in range(4):
    tok = "hf_" + mixed(UP + LO, 34)
    t = [f"HF_TOKEN={tok}", a2(f"Running command: huggingface-cli login --token {tok}"),
         a3(f"Authorization: Bearer {tok}"), json.dumps({"hf_token": tok})][i]
    S("huggingface-token", ["env-dump", "airflow2-log", "airflow3-log", "variable"][i], t, [tok])

# --- OpenAI
for i in range(5):
    tok = "sk-proj-" + mixed(B64URL, 156) if i != 3 else "sk-" + mixed(AN, 20) + "T3BlbkFJ" + mixed(AN, 20)
    t = [f"OPENAI_API_KEY={tok}", a2(f"Request headers: {{'Authorization': 'Bearer {tok}', 'OpenAI-Organization': 'org-acme'}}", "DEBUG"),
         json.dumps({"conn_type": "openai", "password": tok}), a3(f"openai client configured with key {tok}"),
         f"    client = OpenAI(api_key=\"{tok}\")"][i]
    S("openai-api-key", ["env-dump", "airflow2-log", "connection", "airflow3-log", "dag-source"][i], t, [tok])

# --- Anthropic
for i in range(4):
    tok = "sk-ant-api03-" + mixed(B64URL, 93) + "AA"
    t = [f"ANTHROPIC_API_KEY={tok}", a2(f"Request headers: {{'x-api-key': '{tok}', 'anthropic-version': '2023-06-01'}}", "DEBUG"),
         json.dumps({"api_key": tok, "model": "claude-sonnet-4"}), a3(f"anthropic.AuthenticationError for key {tok}", level="error")][i]
    S("anthropic-api-key", ["env-dump", "airflow2-log", "connection", "airflow3-log"][i], t, [tok])

# --- Vault
for i in range(6):
    tok = "hvs." + mixed(B64URL, 90) if i != 5 else "s." + mixed(AN, 24)
    t = [f"VAULT_TOKEN={tok}", a2(f"Request headers: {{'X-Vault-Token': '{tok}'}}", "DEBUG", "hvac.py:201"),
         "AIRFLOW__SECRETS__BACKEND_KWARGS='" + json.dumps({"connections_path": "connections", "url": "https://vault.acme.io:8200", "token": tok}) + "'",
         a3(f"vault login succeeded, token {tok}"), f"vault kv get -address=https://vault.acme.io -token={tok} secret/airflow",
         a2(f"hvac client for https://vault.acme.io using vault token {tok}")][i]
    S("vault-token", ["env-dump", "airflow2-log", "env-dump", "airflow3-log", "cli", "airflow2-log"][i], t, [tok])

# --- DigitalOcean
for i in range(3):
    tok = "dop_v1_" + pick(HEX, 64)
    t = [f"DIGITALOCEAN_TOKEN={tok}", a2(f"Running command: doctl auth init -t {tok}"), a3(f"Authorization: Bearer {tok}")][i]
    S("digitalocean-token", ["env-dump", "airflow2-log", "airflow3-log"][i], t, [tok])

# --- JWTs
for i in range(8):
    tok = jwt()
    t = [
        json.dumps({"access_token": tok}),
        a2(f"Request headers: {{'Authorization': 'Bearer {tok}'}}", "DEBUG"),
        f"curl -H \"Authorization: Bearer {tok}\" http://airflow-api:8080/api/v2/dags",
        a3(f"GET /api/v2/dags?limit=100 Authorization=Bearer {tok}", logger="uvicorn.access"),
        a2(f"Task SDK supervisor token: {tok}"),
        f"https://airflow.acme.io/api/v2/dags/etl/dagRuns?token={tok}",
        f"AIRFLOW_API_TOKEN={tok}",
        a3("Token rejected: Signature has expired", level="warning", jwt=tok),
    ][i]
    S("jwt", ["xcom", "airflow2-log", "cli", "airflow3-log", "airflow2-log", "airflow2-log", "env-dump", "airflow3-log"][i], t, [tok])

# --- PEM private keys (real line breaks, escaped, encrypted)
for i in range(8):
    kind = ["RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY",
            "PRIVATE KEY", "DSA PRIVATE KEY", "RSA PRIVATE KEY"][i]
    lines = pem_lines(R.randint(3, 10), {"RSA PRIVATE KEY": "MIIEpAIBAAKCAQEA", "EC PRIVATE KEY": "MHcCAQEEI"}.get(kind))
    block = f"-----BEGIN {kind}-----\n" + "\n".join(lines) + f"\n-----END {kind}-----"
    if i == 0:
        t = a2("Key file contents:") + "\n" + block
        ctx = "airflow2-log"
    elif i == 1:
        t = json.dumps({"private_key": block + "\n", "key_type": "ec"})
        ctx = "connection"
    elif i == 2:
        t = "SNOWFLAKE_PRIVATE_KEY=\"" + block.replace("\n", "\\n") + "\""
        ctx = "env-dump"
    elif i == 3:
        t = json.dumps({"extra": json.dumps({"private_key_content": block, "private_key_passphrase": password()})})
        ctx = "connection"
        S("pem-private-key", ctx, t, lines)
        continue
    elif i == 4:
        t = a3("Loaded signing key", key_pem=block)
        ctx = "airflow3-log"
    elif i == 5:
        t = "  tls.key: |\n    " + block.replace("\n", "\n    ")
        ctx = "kubeconfig"
    elif i == 6:
        t = "Traceback (most recent call last):\n  File \"/opt/airflow/dags/sftp_sync.py\", line 44, in load_key\n    key = paramiko.DSSKey.from_private_key(io.StringIO(KEY))\nparamiko.ssh_exception.SSHException: not a valid DSA private key file\nKEY = '''" + block + "'''"
        ctx = "traceback"
    else:
        cut = block[: len(block) // 2]
        t = a2("Writing key: " + cut.replace("\n", "\\n"))
        lines = [l for l in lines if l in t.replace("\\n", "\n")]
        lines = [l[:40] if l not in t else l for l in lines]
        ctx = "airflow2-log"
    S("pem-private-key", ctx, t, [l for l in lines if l in t])

# --- OpenSSH private keys
for i in range(5):
    lines = pem_lines(R.randint(5, 9), "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW")
    block = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END OPENSSH PRIVATE KEY-----\n"
    t = [
        json.dumps({"conn_type": "ssh", "host": "bastion.acme.io", "login": "etl", "extra": json.dumps({"private_key": block, "no_host_key_check": "true"})}),
        a2("SSH key for sftp_default:\n" + block),
        "AIRFLOW_CONN_SFTP_DEFAULT='" + json.dumps({"conn_type": "sftp", "host": "sftp.partner.com", "extra": {"private_key": block}}) + "'",
        a3("Connecting with key", private_key=block),
        json.dumps({"key": "deploy_key", "value": block}),
    ][i]
    S("openssh-private-key", ["connection", "airflow2-log", "env-dump", "airflow3-log", "variable"][i], t, lines)

# --- Credentials in URIs and DSNs
schemes = [
    ("postgresql+psycopg2", "postgres:5432/airflow"), ("postgres", "db.acme.internal:5432/analytics"),
    ("mysql+mysqldb", "mysql:3306/airflow"), ("mysql", "10.0.3.17:3306/sales"),
    ("redis", "redis:6379/0"), ("rediss", "cache.acme.io:6380/1"), ("amqp", "rabbitmq:5672/airflow"),
    ("amqps", "mq.acme.io:5671//"), ("mongodb+srv", "cluster0.ab1cd.mongodb.net/events?retryWrites=true"),
    ("mongodb", "mongo-0.mongo:27017/admin"), ("snowflake", "acme-xy12345/ANALYTICS/PUBLIC?warehouse=ETL_WH&role=LOADER"),
    ("mssql+pyodbc", "sqlserver.acme.local:1433/dw?driver=ODBC+Driver+18+for+SQL+Server"),
    ("oracle+oracledb", "ora.acme.local:1521/?service_name=ORCLPDB1"), ("clickhouse", "ch.acme.io:8443/default"),
    ("trino", "trino.acme.io:443/hive"), ("db+postgresql", "postgres/airflow"), ("sqla+postgresql", "pg:5432/celery"),
    ("https", "nexus.acme.io/repository/pypi/simple"), ("ftp", "ftp.partner.com:21/outbound"), ("sftp", "sftp.partner.com/inbound"),
]
for i, (scheme, rest) in enumerate(schemes):
    user = R.choice(["airflow", "etl", "loader", "svc_airflow", "app"])
    pw = password(R.randint(10, 20))
    if i % 5 == 3:
        pw_text = urllib.parse.quote(pw + "@:/", safe="")
    else:
        pw_text = pw
    uri = f"{scheme}://{user}:{pw_text}@{rest}" if scheme not in ("redis", "rediss") else f"{scheme}://:{pw_text}@{rest}"
    t = [
        f"AIRFLOW__DATABASE__SQL_ALCHEMY_CONN={uri}",
        a2(f"Using connection to: {uri}"),
        f"AIRFLOW__CELERY__BROKER_URL={uri}",
        a3(f"Engine created for {uri}"),
        f"AIRFLOW_CONN_WAREHOUSE='{uri}'",
        json.dumps({"conn_id": "warehouse", "uri": uri}),
        f"sql_alchemy_conn = {uri}",
        "sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not connect to server: Connection refused\n"
        f"[SQL: SELECT 1]\n(Background on this error at: https://sqlalche.me/e/14/e3q8) url={uri}",
    ][i % 8]
    S("uri-credentials", ["env-dump", "airflow2-log", "env-dump", "airflow3-log", "env-dump", "connection", "config", "traceback"][i % 8], t, [pw_text])
# password containing '@' not encoded
pw = "Zx9@" + mixed(AN, 10)
S("uri-credentials", "airflow2-log", a2(f"Connecting to postgresql://etl:{pw}@pg.acme.io:5432/dw"), [pw])

# --- JDBC / ODBC
for i in range(7):
    pw = password(R.randint(10, 18))
    t = [
        f"jdbc:postgresql://pg.acme.io:5432/sales?user=etl&password={urllib.parse.quote(pw, safe='')}&ssl=true",
        f"jdbc:sqlserver://sql.acme.local:1433;databaseName=dw;user=etl;password={pw};encrypt=true;trustServerCertificate=false",
        f"Driver={{ODBC Driver 18 for SQL Server}};Server=tcp:sql.acme.local,1433;Database=dw;Uid=etl;Pwd={pw};Encrypt=yes;",
        a2(f"Spark JDBC read: jdbc:mysql://mysql.acme.io:3306/shop?user=reader&password={urllib.parse.quote(pw, safe='')}"),
        f"df = spark.read.format(\"jdbc\").option(\"url\", jdbc_url).option(\"user\", \"etl\").option(\"password\", \"{pw}\").load()",
        a3(f"Connecting with connection string DRIVER={{IBM DB2 ODBC DRIVER}};DATABASE=SAMPLE;HOSTNAME=db2.acme.io;PORT=50000;PROTOCOL=TCPIP;UID=etl;PWD={pw};"),
        f"jdbc:snowflake://acme-xy12345.snowflakecomputing.com/?user=LOADER&password={urllib.parse.quote(pw, safe='')}&warehouse=ETL_WH",
    ][i]
    sec = [urllib.parse.quote(pw, safe="")] if i in (0, 3, 6) else [pw]
    S("jdbc-odbc-credentials", ["connection", "connection", "connection", "airflow2-log", "dag-source", "airflow3-log", "connection"][i], t, sec)
pw = mixed(AN, 10)
S("jdbc-odbc-credentials", "cli", f"sqlplus etl/{pw}@//ora.acme.local:1521/ORCLPDB1 @load.sql", [pw])
pw = mixed(AN, 12)
S("jdbc-odbc-credentials", "connection", f"jdbc:oracle:thin:scott/{pw}@//ora.acme.local:1521/ORCL", [pw])

# --- HTTP Authorization and API-key headers
for i in range(10):
    tok = mixed(B64URL, R.randint(32, 48))
    basic = base64.b64encode(f"etl_user:{password()}".encode()).decode()
    t = [
        f"curl -H \"Authorization: Bearer {tok}\" https://api.partner.com/v2/orders",
        a2(f"send: b'GET /api/v1/dags HTTP/1.1\\r\\nHost: airflow-web:8080\\r\\nAuthorization: Basic {basic}\\r\\nAccept: */*\\r\\n\\r\\n'", "DEBUG", "http.client:1"),
        a2(f"Sending 'GET' to url: https://api.partner.com/orders with headers {{'Authorization': 'Bearer {tok}', 'Accept': 'application/json'}}", src="http.py:152"),
        a3("HTTP request", headers={"Authorization": f"Basic {basic}", "User-Agent": "python-requests/2.31.0"}),
        f"Proxy-Authorization: Basic {basic}",
        a2(f"Request headers: {{'X-API-Key': '{tok}'}}", "DEBUG"),
        f"X-Auth-Token: {tok}",
        json.dumps({"headers": {"Authorization": f"Token {tok}"}, "method": "POST"}),
        a3(f"Using Authorization: Bearer {tok}"),
        f"wget --header='Authorization: Bearer {tok}' https://files.partner.com/export.csv",
    ][i]
    sec = [basic] if i in (1, 3, 4) else [tok]
    S("http-authorization-header", ["cli", "airflow2-log", "airflow2-log", "airflow3-log", "airflow2-log", "airflow2-log", "airflow2-log", "connection", "airflow3-log", "cli"][i], t, sec)
for i in range(3):
    basic = base64.b64encode(f"admin:{password()}".encode()).decode()
    S("http-authorization-header", "airflow2-log", a2(f"Using Basic {basic} for the health check"), [basic])

# --- Tokens in URL query strings
for i in range(9):
    tok = mixed(B64URL, R.randint(24, 40))
    t = [
        a2(f"Sending 'GET' to url: https://api.partner.com/v1/export?access_token={tok}&format=csv", src="http.py:152"),
        a2(f"HTTP 429 from https://graph.facebook.com/v19.0/me/insights?access_token={tok}"),
        a3(f"GET https://api.acme.io/report?apikey={tok}&day=2025-04-01"),
        f"https://hooks.zapier.com/hooks/catch/123/abc?token={tok}",
        a2(f"requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.weather.io/v1/forecast?lat=52.5&lon=13.4&api_key={tok}", "ERROR"),
        f"https://storage.googleapis.com/acme-exports/file.csv?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=sa%40acme.iam.gserviceaccount.com%2F20250401%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20250401T000000Z&X-Goog-Expires=3600&X-Goog-SignedHeaders=host&X-Goog-Signature={pick(HEX, 256)}",
        a3(f"redirect to https://app.acme.io/callback?client_id=airflow&client_secret={tok}&grant_type=client_credentials"),
        f"https://d111111abcdef8.cloudfront.net/report.pdf?Expires=1743500000&Signature={tok}~{mixed(B64URL, 40)}&Key-Pair-Id=K2JCJMDEHXQW5F",
        a2(f"Polling https://api.partner.com/jobs/42?auth_token={tok}"),
    ][i]
    if i == 5:
        sec = [t.split("X-Goog-Signature=")[1]]
    elif i == 7:
        sec = [t.split("Signature=")[1].split("&")[0]]
    else:
        sec = [tok]
    S("url-query-token", ["airflow2-log", "airflow2-log", "airflow3-log", "rendered-template", "traceback", "xcom", "airflow3-log", "xcom", "airflow2-log"][i], t, sec)

# --- Command-line password arguments
for i in range(11):
    pw = password(R.randint(10, 16))
    t = [
        f"airflow connections add pg_warehouse --conn-type postgres --conn-host pg.acme.io --conn-login etl --conn-password '{pw}'",
        f"airflow users create --username admin --firstname Ada --lastname Admin --role Admin --email admin@acme.io --password {pw}",
        a2(f"Running command: ['bash', '-c', 'mysql -h mysql.acme.io -u loader -p{pw} sales < /tmp/load.sql']", src="subprocess.py:93"),
        f"sshpass -p '{pw}' scp /data/out.csv etl@sftp.partner.com:/inbound/",
        a3(f"Running command: redis-cli -h redis.acme.io -a {pw} --no-auth-warning ping"),
        f"docker login registry.acme.io -u ci-bot -p {pw}",
        a2(f"Running command: pg_dump \"host=pg.acme.io user=etl password={pw} dbname=dw\" -Fc -f /backups/dw.dump", src="subprocess.py:93"),
        f"kubectl create secret generic airflow-db --from-literal=password={pw} -n airflow",
        f"sqlcmd -S sql.acme.local -U sa -P '{pw}' -Q \"SELECT 1\"",
        a2(f"Running command: dbt run --profiles-dir /opt/dbt --vars '{{\"db_pass\": \"{pw}\"}}'"),
        f"openssl pkcs12 -in cert.p12 -nodes -passin pass:{pw} -out cert.pem",
    ][i]
    S("cli-password-argument", ["cli", "cli", "airflow2-log", "cli", "airflow3-log", "cli", "airflow2-log", "cli", "cli", "airflow2-log", "cli"][i], t, [pw])

# --- password= / secret: / token= assignments
for i in range(24):
    pw = password(R.randint(8, 18)) if i % 3 else mixed(AN, R.randint(10, 20))
    t = [
        f"smtp_password = {pw}",
        f"AIRFLOW__SMTP__SMTP_PASSWORD={pw}",
        f"password: {pw}",
        f"    PASSWORD = \"{pw}\"",
        a2(f"Connection extra: {{'sslmode': 'require', 'password': '{pw}'}}"),
        json.dumps({"user": "loader", "password": pw, "host": "pg.acme.io"}),
        f"db_password: \"{pw}\"",
        a3(f"connecting with password={pw}"),
        f"<password>{pw}</password>",
        f"bind_password = {pw}",
        f"POSTGRES_PASSWORD={pw}",
        f"secret: {pw}",
        f"client_secret={pw}",
        f"token = \"{pw}\"",
        a2(f"LDAP bind failed for cn=airflow,ou=svc with bind_password='{pw}'", "ERROR"),
        f"    passwd: {pw}",
        f"machine api.partner.com login etl password {pw}",
        f"pg.acme.io:5432:analytics:etl:{pw}  # ~/.pgpass",
        f"sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"LOADER\" password=\"{pw}\";",
        "{'name': 'DB_PASSWORD', 'value': '" + pw + "', 'value_from': None}",
        f"- name: MINIO_ROOT_PASSWORD\n  value: \"{pw}\"",
        json.dumps({"key": "partner_api_password", "value": pw, "description": "Partner SFTP"}),
        f"REDIS_PASSWORD='{pw}'",
        a3("conn loaded", extra=json.dumps({"auth": {"username": "svc", "password": pw}})),
    ][i]
    ctxs = ["config", "env-dump", "config", "dag-source", "airflow2-log", "connection", "config", "airflow3-log", "config",
            "config", "env-dump", "config", "env-dump", "dag-source", "airflow2-log", "config", "config", "config",
            "config", "airflow2-log", "kubeconfig", "variable", "env-dump", "airflow3-log"]
    S("password-assignment", ctxs[i], t, [pw])
# numeric password under a sensitive key
num = str(R.randint(10000000, 99999999))
S("password-assignment", "connection", '{"login": "etl", "password": ' + num + ', "port": 5432}', [num])
num = str(R.randint(10000000, 99999999))
S("password-assignment", "variable", json.dumps({"db_pin": 1, "db_password": int(num)}), [num])

# --- Airflow fernet and webserver secret keys
for i in range(6):
    k = fernet_key()
    t = [f"AIRFLOW__CORE__FERNET_KEY={k}", f"[core]\nfernet_key = {k}", f"fernetKey: {k}",
         a2(f"cryptography.fernet.InvalidToken while decrypting with fernet key {k}", "ERROR"),
         f"f = Fernet(b'{k}')", a3("Config loaded", fernet_key=k)][i]
    S("airflow-fernet-key", ["env-dump", "config", "kubeconfig", "airflow2-log", "dag-source", "airflow3-log"][i], t, [k])
for i in range(6):
    k = [pick(HEX, 32), base64.b64encode(bytes(R.getrandbits(8) for _ in range(24))).decode(), mixed(AN, 40)][i % 3]
    t = [f"AIRFLOW__WEBSERVER__SECRET_KEY={k}", f"[webserver]\nsecret_key = {k}", f"webserverSecretKey: {k}",
         f"AIRFLOW__API__SECRET_KEY='{k}'", f"AIRFLOW__API_AUTH__JWT_SECRET={k}",
         json.dumps({"section": "webserver", "option": "secret_key", "value": k})][i]
    S("airflow-webserver-secret-key", ["env-dump", "config", "kubeconfig", "env-dump", "env-dump", "config"][i], t, [k])

# --- kube configs
for i in range(5):
    ckd = base64.b64encode(("-----BEGIN RSA PRIVATE KEY-----\n" + pick(B64, 200)).encode()).decode()
    tok = jwt({"iss": "kubernetes/serviceaccount", "sub": "system:serviceaccount:airflow:worker"}) if i % 2 else mixed(B64URL, 52)
    pw = password()
    t = [
        "apiVersion: v1\nkind: Config\nusers:\n- name: airflow-worker\n  user:\n    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURCVENDQWUyZ0F3SUJBZ0lJ\n    client-key-data: " + ckd,
        "users:\n- name: airflow\n  user:\n    token: " + tok,
        "users:\n- name: admin\n  user:\n    username: admin\n    password: " + pw,
        a2("Loaded kube config: {'users': [{'name': 'sa', 'user': {'token': '" + tok + "'}}]}"),
        "users:\n- name: oidc\n  user:\n    auth-provider:\n      config:\n        client-id: airflow\n        client-secret: " + pw + "\n        id-token: " + tok + "\n      name: oidc",
    ][i]
    sec = [[ckd], [tok], [pw], [tok], [pw, tok]][i]
    S("kubeconfig", "kubeconfig" if i != 3 else "airflow2-log", t, sec)

# --- environment dumps with several secrets
for i in range(5):
    pg, rd, sm, mk = password(), password(), password(), mixed(AN, 40)
    t = ("AIRFLOW_HOME=/opt/airflow\nAIRFLOW__CORE__EXECUTOR=CeleryExecutor\n"
         f"AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=postgresql+psycopg2://airflow:{pg}@postgres/airflow\n"
         f"REDIS_PASSWORD={rd}\nAIRFLOW__SMTP__SMTP_PASSWORD={sm}\nMINIO_SECRET_KEY={mk}\n"
         "PYTHONPATH=/opt/airflow/dags\nHOSTNAME=airflow-worker-0")
    S("env-dump", "env-dump", t, [pg, rd, sm, mk])

# --- connection extras with nesting and escaping
for i in range(6):
    pw, tok = password(), mixed(B64URL, 32)
    t = [
        json.dumps({"conn_id": "partner_api", "conn_type": "http", "host": "api.partner.com", "extra": json.dumps({"auth": {"username": "svc", "password": pw}, "headers": {"X-Api-Key": tok}})}),
        json.dumps({"extra": json.dumps(json.dumps({"client_credentials": {"client_secret": pw, "api_token": tok}}))}),
        a2("Connection extra_dejson: " + repr({"oauth": {"client_secret": pw}, "session_token": tok})),
        json.dumps({"connection_id": "snowflake_default", "conn_type": "snowflake", "login": "LOADER", "password": pw, "extra": json.dumps({"account": "acme-xy12345", "private_key_passphrase": tok})}),
        json.dumps({"connections": [{"connection_id": "a", "password": pw}, {"connection_id": "b", "extra": "{\"token\": \"" + tok + "\"}"}]}),
        a3("Connection fetched", conn_id="salesforce", extra={"security_token": tok, "password": pw}),
    ][i]
    S("connection-extra", "connection" if i not in (2, 5) else ["airflow2-log", "airflow3-log"][i // 5], t, [pw, tok])

# --- variables (Airflow 2 returns values in clear)
for i in range(6):
    val = password(16) if i % 2 else mixed(B64URL, 40)
    t = [
        json.dumps({"key": "partner_api_token", "value": val, "description": None}),
        json.dumps({"variables": [{"key": "env", "value": "prod"}, {"key": "warehouse_password", "value": val}], "total_entries": 2}),
        json.dumps({"key": "partner_settings", "value": json.dumps({"endpoint": "https://api.partner.com", "api_key": val})}),
        json.dumps({"key": "sftp", "value": json.dumps({"host": "sftp.partner.com", "credentials": {"user": "etl", "passwd": val}})}),
        "AIRFLOW_VAR_PARTNER_API_KEY=" + val,
        a3("Variable.get('slack_token') -> " + val),
    ][i]
    S("variable-value", "variable" if i < 4 else ["env-dump", "airflow3-log"][i - 4], t, [val])

# --- XCom values
for i in range(5):
    tok = mixed(B64URL, 36)
    pw = password()
    t = [
        json.dumps({"key": "return_value", "value": json.dumps({"session": {"access_token": tok, "expires_in": 3600}})}),
        json.dumps({"key": "api_response", "value": "{'auth': {'token': '" + tok + "'}, 'status': 'ok'}"}),
        json.dumps({"xcom_entries": [{"key": "creds", "value": json.dumps({"password": pw})}]}),
        json.dumps({"key": "login_result", "value": json.dumps({"Authorization": "Bearer " + tok})}),
        json.dumps({"key": "db_uri", "value": f"postgresql://etl:{pw}@pg.acme.io/dw"}),
    ][i]
    S("xcom-value", "xcom", t, [tok] if i in (0, 1, 3) else [pw])

# --- other SaaS tokens
others = [
    ("mailgun", lambda: "key-" + pick(HEX, 32), "MAILGUN_API_KEY={}"),
    ("mailchimp", lambda: pick(HEX, 32) + "-us12", "mailchimp client configured with {}"),
    ("sentry", lambda: "sntrys_" + mixed(B64URL, 120), "SENTRY_AUTH_TOKEN={}"),
    ("grafana", lambda: "glsa_" + mixed(AN, 32) + "_" + pick(HEX, 8), "Authorization: Bearer {}"),
    ("new-relic", lambda: "NRAK-" + pick(UP + DG, 27), "NEW_RELIC_API_KEY={}"),
    ("docker-hub", lambda: "dckr_pat_" + mixed(B64URL, 27), "echo {} | docker login -u acmeci --password-stdin"),
    ("atlassian", lambda: "ATATT3xFfGF0" + mixed(B64URL, 170) + "=" + pick(HEX, 8).upper(), "JIRA_API_TOKEN={}"),
    ("linear", lambda: "lin_api_" + mixed(AN, 40), "linear client key {}"),
    ("notion", lambda: "ntn_" + pick(DG, 11) + mixed(AN, 35), "NOTION_TOKEN={}"),
    ("postman", lambda: "PMAK-" + pick(HEX, 24) + "-" + pick(HEX, 34), "postman api key {}"),
    ("age", lambda: "AGE-SECRET-KEY-1" + "".join(R.choice("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L") for _ in range(58)), "SOPS_AGE_KEY={}"),
    ("terraform", lambda: mixed(AN, 14) + ".atlasv1." + mixed(B64URL, 67), "TF_TOKEN_app_terraform_io={}"),
    ("pulumi", lambda: "pul-" + pick(HEX, 40), "PULUMI_ACCESS_TOKEN={}"),
    ("doppler", lambda: "dp.st.prd." + mixed(AN, 40), "DOPPLER_TOKEN={}"),
    ("heroku", lambda: "HRKU-AA" + mixed(B64URL, 58), "HEROKU_API_KEY={}"),
    ("confluent", lambda: mixed(AN, 64), "sasl.password={}"),
]
for name, gen, tmpl in others:
    for j in range(2):
        tok = gen()
        text = tmpl.format(tok)
        t = text if j == 0 else (a2(text) if name not in ("atlassian",) else a3(text))
        S("saas-token-" + name, "env-dump" if j == 0 else "airflow-log", t, [tok])

# --- registered values (no name gives them away)
for i in range(10):
    pw = password(R.randint(9, 16))
    enc = urllib.parse.quote(pw, safe="")
    t = [
        a2(f"Retrying login for etl with {pw} (attempt 2 of 3)"),
        a3(f"psql: error: connection to server failed, tried credentials etl/{pw}"),
        a2(f"Rendered template: echo {pw} | base64"),
        f"https://partner.example.com/login?u=etl&p={enc}",
        a2(f"Response: {{\"message\": \"user etl with passphrase {pw} locked\"}}"),
        json.dumps({"note": f"rotated to {pw} on Monday"}),
        a2(f"Command: mysql --defaults-extra-file=<(printf '[client]\\npw={pw}')"),
        a3("echo", event_detail=f"{pw}"),
        a2(f"escaped: {json.dumps(json.dumps(pw))}"),
        f"temporary credential {pw} issued",
    ][i]
    sec = [enc] if i == 3 else [pw]
    if i == 8:
        sec = [json.dumps(json.dumps(pw))[2:-2]]
    S("registered-value", ["airflow2-log", "airflow3-log", "rendered-template", "xcom", "airflow2-log", "variable", "airflow2-log", "airflow3-log", "airflow2-log", "airflow2-log"][i], t, sec, registered=[pw])

# --- tracebacks with secrets in locals or messages
for i in range(5):
    pw = password()
    tok = mixed(B64URL, 32)
    t = [
        "Traceback (most recent call last):\n  File \"/opt/airflow/dags/load.py\", line 31, in load\n    conn = psycopg2.connect(host=\"pg\", user=\"etl\", password=\"" + pw + "\")\npsycopg2.OperationalError: FATAL:  password authentication failed for user \"etl\"",
        "Traceback (most recent call last):\n  File \"/usr/local/lib/python3.11/site-packages/requests/models.py\", line 1021, in raise_for_status\nrequests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.partner.com/v1/items?api_key=" + tok,
        "airflow.exceptions.AirflowException: Bash command failed. The command returned a non-zero exit code 1.\n+ export API_TOKEN=" + tok + "\n+ python /opt/scripts/sync.py",
        "Traceback (most recent call last):\n  File \"/opt/airflow/dags/sftp.py\", line 12, in <module>\n    client.connect('sftp.partner.com', username='etl', password='" + pw + "')\nparamiko.ssh_exception.AuthenticationException: Authentication failed.",
        "jinja2.exceptions.UndefinedError: 'dict object' has no attribute 'host'\nRendered fields: {'bash_command': 'curl -u etl:" + pw + " https://api.partner.com/export'}",
    ][i]
    S("traceback-secret", "traceback", t, [[pw], [tok], [tok], [pw], [pw]][i])

# ============================================================== HARMLESS
u = uuid
for _ in range(3):
    H("airflow2-log", a2(f"Dependencies all met for dep_context=non-requeueable deps ti=<TaskInstance: etl_daily.extract scheduled__2024-03-0{R.randint(1,9)}T00:00:00+00:00 [queued]>", src="taskinstance.py:1157"))
    H("airflow2-log", a2(f"Starting attempt {R.randint(1,3)} of 3", src="taskinstance.py:1359"))
    H("airflow2-log", a2("Executing <Task(PythonOperator): transform> on 2024-03-07 00:00:00+00:00", src="taskinstance.py:1380"))
    H("airflow2-log", a2(f"Started process {R.randint(1000, 99999)} to run task", src="standard_task_runner.py:57"))
    H("airflow2-log", a2(f"Running: ['airflow', 'tasks', 'run', 'etl_daily', 'extract', 'scheduled__2024-03-07T00:00:00+00:00', '--job-id', '{R.randint(100, 9999)}', '--raw', '--subdir', 'DAGS_FOLDER/etl.py', '--cfg-path', '/tmp/tmp{pick(LO + DG, 8)}']", src="standard_task_runner.py:84"))
    H("airflow2-log", a2("Marking task as SUCCESS. dag_id=etl_daily, task_id=extract, execution_date=20240307T000000, start_date=20240308T000012, end_date=20240308T000415", src="taskinstance.py:1398"))
    H("airflow2-log", a2("Task exited with return code 0", src="local_task_job_runner.py:234"))
    H("airflow2-log", a2(f"Using connection ID 'postgres_default' for task execution.", src="base.py:73"))
    H("airflow2-log", a2("Done. Returned value was: None", src="python.py:237"))
    H("airflow2-log", a2(f"Pushing XCom key 'return_value' for run_id=manual__2024-03-07T10:1{R.randint(0,9)}:00+00:00", src="taskinstance.py:2591"))
    H("airflow3-log", a3("Task instance is in running state", logger="task.stdout"))
    H("airflow3-log", a3("Filling up the DagBag from /opt/airflow/dags/etl.py", logger="airflow.models.dagbag.DagBag"))
    H("airflow3-log", a3(f"Task finished", logger="supervisor", exit_code=0, duration=round(R.random() * 100, 3), final_state="success"))
    H("airflow3-log", a3("Connection Retrieved 'aws_default'", logger="airflow.hooks.base"))
    H("airflow3-log", a3(f"Found credentials in environment variables.", logger="botocore.credentials"))
    H("airflow3-log", a3(f"Pushing xcom", ti=f"RuntimeTaskInstance(id=UUID('{u()}'), task_id='load', dag_id='etl', run_id='scheduled__2025-04-01T00:00:00+00:00', try_number=1, map_index=-1)", logger="task"))
    H("airflow3-log", a3text("Executing workload", logger="airflow.sdk.execution_time.supervisor"))
    H("airflow3-log", a3text(f"Secrets backends loaded for worker count=1 backend_classes=['EnvironmentVariablesBackend']", logger="supervisor"))

harmless_lines = [
    ("airflow2-log", a2("psycopg2.OperationalError: connection to server at \"pg.acme.io\" (10.0.3.17), port 5432 failed: FATAL:  password authentication failed for user \"etl\"", "ERROR")),
    ("airflow2-log", a2("Invalid token: signature has expired", "WARNING")),
    ("airflow2-log", a2("Token has expired; requesting a new one from https://oauth2.googleapis.com/token")),
    ("airflow2-log", a2("Secret not found: airflow/connections/pg_warehouse (backend SecretsManagerBackend)", "DEBUG")),
    ("airflow2-log", a2("Unable to retrieve connection from secrets backend (SecretsManagerBackend). Checking subsequent secrets backend.", "WARNING")),
    ("airflow2-log", a2("Password must be at least 12 characters long", "ERROR")),
    ("airflow2-log", a2("password=None, login='etl', host='pg.acme.io', schema='dw', port=5432")),
    ("airflow2-log", a2("Connection(conn_id='pg', conn_type='postgres', host='pg.acme.io', login='etl', password=***, port=5432)")),
    ("airflow2-log", a2("token_type=bearer expires_in=3599 scope=https://www.googleapis.com/auth/cloud-platform")),
    ("airflow2-log", a2("Rendered bash_command: PGPASSWORD=$PG_PASS psql -h pg.acme.io -U etl -c 'select 1'")),
    ("airflow2-log", a2("template: postgresql://{{ conn.pg.login }}:{{ conn.pg.password }}@{{ conn.pg.host }}/dw")),
    ("airflow2-log", a2("Broker URL: amqp://guest:**@rabbitmq:5672//")),
    ("airflow2-log", a2("Engine(postgresql+psycopg2://airflow:***@postgres:5432/airflow)")),
    ("airflow2-log", a2("Celery result backend: db+postgresql://airflow:***@postgres/airflow")),
    ("airflow2-log", a2("Using Basic authentication for the HTTP hook")),
    ("airflow2-log", a2("Authorization header missing; falling back to anonymous access", "WARNING")),
    ("airflow2-log", a2("Bearer token expired, refreshing")),
    ("airflow2-log", a2("The API key was rotated by an administrator; update the connection.", "WARNING")),
    ("airflow2-log", a2("Invalid API key provided: sk_live_****************************a1B2", "ERROR")),
    ("airflow2-log", a2("openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-proj-********************************************4xQz.', 'type': 'invalid_request_error'}}", "ERROR")),
    ("airflow2-log", a2("Loading key file from /opt/airflow/secrets/gcp/sa.json")),
    ("airflow2-log", a2("GOOGLE_APPLICATION_CREDENTIALS=/opt/airflow/keys/sa.json")),
    ("airflow2-log", a2("ssh -i ~/.ssh/id_ed25519 -o StrictHostKeyChecking=no etl@bastion.acme.io")),
    ("airflow2-log", a2("--password-file /run/secrets/pg_password was provided")),
    ("airflow2-log", a2("min_password_length=12 password_policy=strong passwordless_login=False")),
    ("airflow2-log", a2("max_tokens=1024 total_tokens=1480 prompt_tokens=456 completion_tokens=1024")),
    ("airflow2-log", a2("tokenizer=bert-base-uncased pad_token='[PAD]' eos_token='</s>'")),
    ("airflow2-log", a2("next_page_token=CiAKGjBpNDd2Nm5kMmNvcjRfMTcwOTgxMDAwMDAwMBIHEgV0ZXN0 (page 3)")),
    ("airflow2-log", a2("Using secret_name=airflow/connections/pg_warehouse secret_arn=arn:aws:secretsmanager:eu-west-1:123456789012:secret:airflow/connections/pg_warehouse-AbCdEf")),
    ("airflow2-log", a2("KMS key_id=alias/aws/s3 kms_key_arn=arn:aws:kms:eu-west-1:123456789012:key/" + u())),
    ("airflow2-log", a2("Downloading s3://acme-raw/landing/2024/03/07/orders.parquet to /tmp/orders.parquet")),
    ("airflow2-log", a2("Uploaded file to gs://acme-exports/daily/part-00000.csv.gz (md5=5d41402abc4b2a76b9719d911017c592)")),
    ("airflow2-log", a2("Docker image pulled: registry.acme.io/etl/transform@sha256:" + pick(HEX, 64))),
    ("airflow2-log", a2("git rev-parse HEAD -> " + pick(HEX, 40))),
    ("airflow2-log", a2("dag_hash=" + pick(HEX, 32) + " fileloc=/opt/airflow/dags/etl.py")),
    ("airflow2-log", a2("Snowflake query id: 01b2c3d4-0000-" + pick(DG, 4) + "-0000-00" + pick(DG, 10))),
    ("airflow2-log", a2("BigQuery job bquxjob_" + pick(HEX, 8) + "_" + pick(HEX, 11) + " finished in 12.4s")),
    ("airflow2-log", a2("Databricks run 987654321 on cluster 0307-" + pick(DG, 6) + "-" + pick(LO + DG, 8) + " TERMINATED: SUCCESS")),
    ("airflow2-log", a2("EMR step s-" + pick(UP + DG, 13) + " COMPLETED in cluster j-" + pick(UP + DG, 13))),
    ("airflow2-log", a2("x-amz-request-id: " + pick(UP + DG, 16) + " x-amz-id-2: " + pick(B64, 76))),
    ("airflow2-log", a2("ETag: \"" + pick(HEX, 32) + "-12\"")),
    ("airflow2-log", a2("Spark application application_1709810000000_0042 finished with state SUCCEEDED")),
    ("airflow2-log", a2("Pod airflow-worker-" + pick(LO + DG, 10) + "-" + pick(LO + DG, 5) + " is Running on node ip-10-0-3-17.eu-west-1.compute.internal")),
    ("airflow2-log", a2("resourceVersion=" + pick(DG, 9) + " uid=" + u())),
    ("airflow2-log", a2("run_id=scheduled__2024-03-07T00:00:00+00:00 try_number=2 map_index=-1 job_id=" + pick(DG, 5))),
    ("airflow2-log", a2("Fetching https://api.partner.com/v1/items?page=3&per_page=100&sort=updated_at")),
    ("airflow2-log", a2("Webhook delivered: POST https://hooks.slack.com/services (status 200)")),
    ("airflow2-log", a2("Slack notification sent to #data-alerts")),
    ("airflow2-log", a2("Found 3 files matching s3://acme-raw/keys/*.json")),
    ("airflow2-log", a2("XCom key=model_path value=s3://acme-models/churn/v12/model.pkl")),
    ("airflow2-log", a2("Partition key: dt=2024-03-07/region=eu")),
    ("airflow2-log", a2("Secrets backend kwargs: {'connections_prefix': 'airflow/connections', 'variables_prefix': 'airflow/variables'}")),
    ("airflow2-log", a2("Vault path secret/data/airflow/connections/pg read in 12 ms")),
    ("airflow2-log", a2("Fernet key rotation finished: 42 connections re-encrypted")),
    ("airflow2-log", a2("Could not decrypt variable 'partner_cfg'; check the fernet_key setting", "ERROR")),
    ("airflow2-log", a2("Encrypted value: gAAAAABl" + pick(B64URL, 60) + " (stored)")),
    ("airflow2-log", a2("Certificate: -----BEGIN CERTIFICATE----- MIIDXTCCAkWgAwIBAgIJAKoK/heBjcOuMA0GCSqGSIb3DQEBBQUAMEUxCzAJBgNV")),
    ("airflow2-log", a2("Host key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + pick(B64, 43) + " bastion")),
    ("airflow2-log", a2("authorized_keys entry: ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQC" + pick(B64, 120) + " etl@acme")),
    ("airflow2-log", a2("HTTP 401 Unauthorized: authentication credentials were not provided", "ERROR")),
    ("airflow2-log", a2("Login failed for user 'etl'. Reason: Password did not match that for the login provided.", "ERROR")),
    ("airflow2-log", a2("Running command: airflow connections get pg_warehouse -o json")),
    ("airflow2-log", a2("Running command: aws s3 cp s3://acme-raw/in.csv /tmp/in.csv --profile etl")),
    ("airflow2-log", a2("Running command: kubectl get secret airflow-db -n airflow -o name")),
    ("airflow2-log", a2("Running command: dbt run --select tag:daily --target prod")),
    ("airflow2-log", a2("Running command: psql \"host=pg.acme.io user=etl dbname=dw sslmode=require\" -c 'select 1'")),
    ("airflow2-log", a2("The bypass_cache flag is set; passing through to the source")),
    ("airflow2-log", a2("Tests passed: 128, failed: 0, skipped: 4")),
    ("airflow2-log", a2("Signal received: SIGTERM; terminating subprocess", "WARNING")),
    ("airflow2-log", a2("Authentication succeeded for principal svc-airflow@ACME.IO")),
    ("airflow2-log", a2("auth_type=basic auth_backend=airflow.api.auth.backend.session")),
    ("airflow2-log", a2("Key-Pair-Id=K2JCJMDEHXQW5F region=us-east-1")),
    ("airflow2-log", a2("AWS account 123456789012 assumed role arn:aws:iam::123456789012:role/airflow-etl")),
    ("airflow2-log", a2("Access key id AKIA**************** is inactive", "WARNING")),
    ("airflow2-log", a2("aws_access_key_id ****************ABCD shared-credentials-file")),
    ("airflow2-log", a2("The access token will expire at 2024-03-07T11:00:00Z")),
    ("airflow2-log", a2("Token exchange: grant_type=urn:ietf:params:oauth:grant-type:token-exchange")),
    ("airflow2-log", a2("Received code=200 state=SUCCESS for request " + u())),
    ("airflow2-log", a2("Refreshing the secret cache in 300 seconds")),
    ("airflow2-log", a2("SecretsManagerBackend(connections_prefix='airflow/connections', profile_name=None)")),
    ("airflow2-log", a2("Environment: {'AIRFLOW_CTX_DAG_ID': 'etl_daily', 'AIRFLOW_CTX_TASK_ID': 'extract', 'AIRFLOW_CTX_TRY_NUMBER': '1'}")),
    ("airflow2-log", a2("Exporting env vars: AIRFLOW_CTX_DAG_OWNER='data-eng' AIRFLOW_CTX_DAG_ID='etl_daily' AIRFLOW_CTX_EXECUTION_DATE='2024-03-07T00:00:00+00:00'")),
    ("airflow2-log", a2("Temporary file /tmp/tmpk3y9x2/secret_names.txt removed")),
    ("airflow2-log", a2("Sensor poke: file s3://acme-raw/_SUCCESS not yet present")),
    ("airflow2-log", a2("Using proxy http://proxy.acme.io:3128 for outbound requests")),
    ("airflow2-log", a2("Connected to https://user@github.com/acme/dags.git (read-only)")),
    ("airflow2-log", a2("postgresql://airflow@postgres:5432/airflow is reachable")),
    ("airflow2-log", a2("redis://redis:6379/0 ping ok")),
    ("airflow2-log", a2("aws://@/?region_name=eu-west-1 parsed")),
    ("airflow2-log", a2("google-cloud-platform://?key_path=%2Fopt%2Fkeys%2Fsa.json&scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fcloud-platform")),
    ("airflow2-log", a2("email sent to data-alerts@acme.io (smtp.acme.io:587, starttls)")),
    ("airflow2-log", a2("sasl.mechanism=PLAIN security.protocol=SASL_SSL ssl.endpoint.identification.algorithm=https")),
    ("airflow2-log", a2("sslmode=require sslrootcert=/etc/ssl/certs/rds-ca.pem")),
    ("airflow2-log", a2("The 'password' field is deprecated; use 'extra' instead", "WARNING")),
    ("airflow2-log", a2("Reading secret: name='pg-password' namespace='airflow'")),
    ("airflow2-log", a2("Authorization: Bearer <token>")),
    ("airflow2-log", a2("headers={'Authorization': f'Bearer {token}'}")),
    ("airflow2-log", a2("curl -H \"Authorization: Bearer $API_TOKEN\" https://api.partner.com/health")),
    ("airflow2-log", a2("export AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-}")),
    ("airflow2-log", a2("password=%(password)s host=%(host)s")),
    ("airflow2-log", a2("conn_string = f\"postgresql://{user}:{password}@{host}/{db}\"")),
    ("airflow2-log", a2("secret=<hidden> token=<hidden>")),
    ("airflow2-log", a2("'password': '< hidden >', 'login': 'etl'")),
    ("airflow2-log", a2("password='', login='anonymous'")),
    ("airflow2-log", a2("token: null")),
    ("airflow2-log", a2("api_key=None api_key_id=k-" + pick(DG, 6))),
    ("airflow2-log", a2("The access key id was rotated on 2024-02-29")),
    ("airflow3-log", a3("Password authentication failed for user \"loader\"", level="error")),
    ("airflow3-log", a3("Token refresh scheduled: expires_in=3600 token_type=bearer", logger="airflow.api_fastapi.auth")),
    ("airflow3-log", a3("Connection Retrieved 'snowflake_default'", logger="airflow.hooks.base")),
    ("airflow3-log", a3("Rendered template", logger="task", bash_command="psql -h {{ conn.pg.host }} -U {{ conn.pg.login }}")),
    ("airflow3-log", a3("Variable 'api_key_name' not found; using default", level="warning")),
    ("airflow3-log", a3("Task started", logger="task", ti_id=u(), dag_id="etl", task_id="load", run_id="manual__2025-04-01T08:00:00+00:00")),
    ("airflow3-log", a3("Asset event emitted", logger="task", uri="s3://acme-lake/orders/dt=2025-04-01", extra={"rows": 1204})),
    ("airflow3-log", a3("Secrets backend: MetastoreBackend", logger="airflow.configuration")),
    ("airflow3-log", a3("HTTP 403: the token lacks the dags:read permission", level="warning")),
    ("airflow3-log", a3("JWT validated", logger="airflow.api_fastapi.auth.tokens", sub="svc-airflow", exp=1743500000, aud="apache-airflow")),
    ("airflow3-log", a3("password=*** login=etl", logger="airflow.sdk.definitions.connection")),
    ("airflow3-log", a3("Calling secretsmanager.GetSecretValue for airflow/variables/feature_flags", logger="botocore.endpoint", level="debug")),
    ("airflow3-log", a3("heartbeat", logger="supervisor", pid=R.randint(100, 9999), run_duration=12.5)),
    ("airflow3-log", a3("Starting call to 'hook.run', this is the 1st time calling it.", logger="tenacity")),
    ("airflow3-log", a3text("Connecting to https://api.partner.com/v1/orders?page=2")),
    ("airflow3-log", a3text("Auth manager: SimpleAuthManager, users=[admin:admin]")),
    ("airflow3-log", a3text("Loaded 12 DAGs from bundle dags-folder version=" + pick(HEX, 40))),
    ("traceback", "Traceback (most recent call last):\n  File \"/opt/airflow/dags/etl.py\", line 88, in extract\n    resp.raise_for_status()\nrequests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.partner.com/v1/items?page=1"),
    ("traceback", "Traceback (most recent call last):\n  File \"/usr/local/lib/python3.11/site-packages/airflow/models/connection.py\", line 536, in get_connection_from_secrets\n    raise AirflowNotFoundException(f\"The conn_id `{conn_id}` isn't defined\")\nairflow.exceptions.AirflowNotFoundException: The conn_id `pg_warehouse` isn't defined"),
    ("traceback", "KeyError: 'password'\n  File \"/opt/airflow/dags/load.py\", line 19, in <module>\n    pw = conn.extra_dejson['password']"),
    ("traceback", "jwt.exceptions.ExpiredSignatureError: Signature has expired"),
    ("traceback", "botocore.exceptions.NoCredentialsError: Unable to locate credentials"),
    ("traceback", "google.auth.exceptions.RefreshError: ('invalid_grant: Token has been expired or revoked.', {'error': 'invalid_grant', 'error_description': 'Token has been expired or revoked.'})"),
    ("traceback", "snowflake.connector.errors.DatabaseError: 250001 (08001): Failed to connect to DB: acme-xy12345.snowflakecomputing.com:443. Incorrect username or password was specified."),
    ("traceback", "sqlalchemy.exc.OperationalError: (pymysql.err.OperationalError) (1045, \"Access denied for user 'etl'@'10.0.3.17' (using password: YES)\")"),
    ("traceback", "paramiko.ssh_exception.AuthenticationException: Authentication failed.\n  File \"/usr/local/lib/python3.11/site-packages/paramiko/transport.py\", line 1709, in auth_password"),
    ("traceback", "cryptography.fernet.InvalidToken\n  File \"/usr/local/lib/python3.11/site-packages/airflow/models/crypto.py\", line 82, in decrypt"),
    ("rendered-template", "bash_command: echo \"Loading {{ ds }} for {{ params.table }}\" && python /opt/scripts/load.py --date {{ ds }}"),
    ("rendered-template", "sql: SELECT * FROM orders WHERE dt = '2024-03-07' AND status <> 'cancelled'"),
    ("rendered-template", "env: {'PGPASSWORD': '{{ conn.pg.password }}', 'PGHOST': '{{ conn.pg.host }}'}"),
    ("rendered-template", "op_kwargs: {'token': \"{{ var.value.partner_token }}\", 'endpoint': '/v1/items'}"),
    ("rendered-template", "http_conn_id: partner_api  endpoint: v1/items?updated_since=2024-03-06"),
    ("rendered-template", "python_callable: load_orders  op_args: ['s3://acme-raw/orders/', 'dt=2024-03-07']"),
    ("env-dump", "AIRFLOW__CORE__FERNET_KEY_CMD=cat /run/secrets/fernet_key"),
    ("env-dump", "AIRFLOW__SECRETS__BACKEND=airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend"),
    ("env-dump", "AIRFLOW__SECRETS__BACKEND_KWARGS={\"connections_prefix\": \"airflow/connections\", \"variables_prefix\": \"airflow/variables\"}"),
    ("env-dump", "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_SECRET=sql_alchemy_conn"),
    ("env-dump", "AIRFLOW__WEBSERVER__SECRET_KEY_CMD=cat /run/secrets/webserver_secret_key"),
    ("env-dump", "AIRFLOW__CORE__HIDE_SENSITIVE_VAR_CONN_FIELDS=True"),
    ("env-dump", "AIRFLOW__CORE__SENSITIVE_VAR_CONN_NAMES=partner_feed,hello"),
    ("env-dump", "AIRFLOW__API__AUTH_BACKENDS=airflow.api.auth.backend.basic_auth,airflow.api.auth.backend.session"),
    ("env-dump", "AWS_DEFAULT_REGION=eu-west-1"),
    ("env-dump", "AWS_PROFILE=etl"),
    ("env-dump", "GOOGLE_CLOUD_PROJECT=acme-data-1234"),
    ("env-dump", "PGHOST=pg.acme.io"),
    ("env-dump", "PWD=/opt/airflow"),
    ("env-dump", "OLDPWD=/home/airflow"),
    ("env-dump", "PIP_INDEX_URL=https://pypi.org/simple"),
    ("env-dump", "HOSTNAME=airflow-scheduler-7d9f8b6c5-" + pick(LO + DG, 5)),
    ("env-dump", "KUBERNETES_SERVICE_HOST=10.96.0.1"),
    ("env-dump", "TOKEN_EXPIRY=3600"),
    ("env-dump", "SECRET_NAME=airflow-db-credentials"),
    ("env-dump", "PASSWORD_MIN_LENGTH=12"),
    ("env-dump", "API_KEY_HEADER=X-API-Key"),
    ("env-dump", "AUTH_TYPE=oauth"),
    ("env-dump", "SLACK_CHANNEL=#data-alerts"),
    ("env-dump", "DD_SITE=datadoghq.eu"),
    ("env-dump", "VAULT_ADDR=https://vault.acme.io:8200"),
    ("env-dump", "AIRFLOW_CONN_AWS_DEFAULT=aws://@/?region_name=eu-west-1"),
    ("connection", json.dumps({"conn_id": "pg_warehouse", "conn_type": "postgres", "host": "pg.acme.io", "login": "etl", "schema": "dw", "port": 5432, "password": "***"})),
    ("connection", json.dumps({"connection_id": "aws_default", "conn_type": "aws", "extra": json.dumps({"region_name": "eu-west-1", "role_arn": "arn:aws:iam::123456789012:role/airflow"})})),
    ("connection", json.dumps({"conn_type": "google_cloud_platform", "extra": json.dumps({"key_path": "/opt/keys/sa.json", "project": "acme-data"})})),
    ("connection", json.dumps({"conn_type": "http", "host": "api.partner.com", "extra": json.dumps({"headers": {"Accept": "application/json"}, "timeout": 30})})),
    ("connection", json.dumps({"conn_type": "snowflake", "extra": json.dumps({"account": "acme-xy12345", "warehouse": "ETL_WH", "database": "ANALYTICS", "role": "LOADER", "authenticator": "snowflake"})})),
    ("connection", json.dumps({"conn_type": "ssh", "host": "bastion.acme.io", "login": "etl", "extra": json.dumps({"key_file": "/opt/airflow/keys/id_ed25519", "no_host_key_check": True})})),
    ("connection", json.dumps({"conn_type": "kubernetes", "extra": json.dumps({"in_cluster": True, "namespace": "airflow"})})),
    ("connection", json.dumps({"conn_type": "databricks", "host": "adb-1234567890123456.7.azuredatabricks.net", "extra": json.dumps({"use_azure_managed_identity": True})})),
    ("connection", json.dumps({"type": "service_account", "project_id": "acme-data", "client_email": "airflow@acme-data.iam.gserviceaccount.com", "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs"})),
    ("connection", "{'conn_type': 'postgres', 'host': 'pg.acme.io', 'password': None, 'extra': '{}'}"),
    ("variable", json.dumps({"key": "env", "value": "prod", "description": "deployment environment"})),
    ("variable", json.dumps({"key": "partner_base_url", "value": "https://api.partner.com/v1"})),
    ("variable", json.dumps({"key": "feature_flags", "value": json.dumps({"use_new_loader": True, "batch_size": 5000})})),
    ("variable", json.dumps({"variables": [{"key": "retention_days", "value": "30"}, {"key": "owners", "value": "data-eng"}], "total_entries": 2})),
    ("variable", json.dumps({"key": "db_password", "value": "***"})),
    ("variable", json.dumps({"key": "retry_delay_seconds", "value": "300"})),
    ("xcom", json.dumps({"key": "return_value", "value": json.dumps({"rows": 1204, "files": ["s3://acme-lake/orders/part-0.parquet"]})})),
    ("xcom", json.dumps({"key": "run_metadata", "value": json.dumps({"run_id": u(), "git_sha": pick(HEX, 40), "checksum": pick(HEX, 64)})})),
    ("xcom", json.dumps({"key": "row_count", "value": 1480})),
    ("xcom", json.dumps({"key": "auth_status", "value": "ok"})),
    ("kubeconfig", "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM1ekNDQWMrZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKY201bGRHVnpNQjRYRFRJeE1ERXhOREUzTlRNMU5sb1hEVE14TURFeE1qRTNOVE0xTmxvd0ZURVRNQkVHQTFVRQ==\n    server: https://10.0.0.1:6443\n  name: prod"),
    ("kubeconfig", "users:\n- name: airflow\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: aws\n      args: [\"eks\", \"get-token\", \"--cluster-name\", \"prod\"]"),
    ("kubeconfig", "env:\n- name: AIRFLOW__DATABASE__SQL_ALCHEMY_CONN\n  valueFrom:\n    secretKeyRef:\n      name: airflow-db\n      key: connection"),
    ("kubeconfig", "- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:\n      name: airflow-secrets\n      key: password"),
    ("kubeconfig", "kind: Secret\nmetadata:\n  name: airflow-webserver-secret-key\ntype: Opaque"),
    ("kubeconfig", "volumeMounts:\n- name: gcp-sa\n  mountPath: /opt/airflow/keys\n  readOnly: true"),
    ("dag-source", "from airflow.models import Variable\napi_key = Variable.get(\"partner_api_key\")"),
    ("dag-source", "hook = PostgresHook(postgres_conn_id=\"pg_warehouse\")\nconn = hook.get_connection(\"pg_warehouse\")\npassword = conn.password"),
    ("dag-source", "def connect(password=None, token=None):\n    return Client(password=password, token=token)"),
    ("dag-source", "token = os.environ[\"PARTNER_TOKEN\"]"),
    ("dag-source", "secret = get_secret(\"airflow/connections/partner\")"),
    ("dag-source", "SLACK_WEBHOOK_CONN_ID = \"slack_default\"  # the webhook URL lives in the connection"),
    ("dag-source", "with DAG(dag_id=\"rotate_keys\", schedule=\"@weekly\", tags=[\"security\", \"secrets\"]) as dag:"),
    ("dag-source", "BashOperator(task_id=\"load\", bash_command=\"psql -h $PGHOST -U $PGUSER -c 'copy ...'\", env={\"PGPASSWORD\": \"{{ conn.pg.password }}\"})"),
    ("dag-source", "password_field = models.CharField(max_length=128)"),
    ("dag-source", "if not token:\n    raise AirflowException(\"No token configured for partner_api\")"),
    ("cli", "airflow connections add pg_warehouse --conn-uri 'postgresql://etl@pg.acme.io:5432/dw'"),
    ("cli", "airflow variables set api_key_name X-Partner-Key"),
    ("cli", "airflow users create --username viewer --role Viewer --email viewer@acme.io --use-random-password"),
    ("cli", "mysql -h mysql.acme.io -u loader -p sales"),
    ("cli", "docker run -p 8080:8080 -e AIRFLOW__CORE__LOAD_EXAMPLES=False apache/airflow:2.10.5"),
    ("cli", "psql -h pg.acme.io -p 5432 -U etl dw"),
    ("cli", "ssh -p 2222 etl@sftp.partner.com"),
    ("cli", "git log --oneline -3\n" + pick(HEX, 7) + " Fix token refresh\n" + pick(HEX, 7) + " Rotate secrets monthly\n" + pick(HEX, 7) + " Add password policy"),
    ("cli", "openssl rand -base64 32 > /run/secrets/fernet_key"),
    ("cli", "kubectl create secret generic airflow-db --from-file=password=/tmp/pw.txt -n airflow"),
    ("config", "[core]\nexecutor = CeleryExecutor\nfernet_key =\nhide_sensitive_var_conn_fields = True"),
    ("config", "[webserver]\nsecret_key = {{ SECRET_KEY }}\nexpose_config = non-sensitive-only"),
    ("config", "[smtp]\nsmtp_host = smtp.acme.io\nsmtp_user = airflow\nsmtp_password =\nsmtp_port = 587"),
    ("config", "[secrets]\nbackend = airflow.providers.hashicorp.secrets.vault.VaultBackend\nbackend_kwargs = {\"connections_path\": \"connections\", \"mount_point\": \"airflow\", \"auth_type\": \"kubernetes\"}"),
    ("config", "[api]\nauth_backends = airflow.api.auth.backend.basic_auth\nmaximum_page_limit = 100"),
    ("config", "{\"section\": \"core\", \"option\": \"fernet_key\", \"value\": \"< hidden >\"}"),
    ("config", "password_hash_algorithm = pbkdf2:sha256"),
    ("config", "token_uri: https://oauth2.googleapis.com/token"),
    ("config", "auth_uri: https://accounts.google.com/o/oauth2/auth"),
    ("config", "[logging]\nmin_length_masked_secret = 5\nsecret_mask_adapter ="),
]
for ctx, text in harmless_lines:
    H(ctx, text)
# Identifiers and hashes that look random
for _ in range(12):
    H("airflow2-log", a2(f"Run {u()} finished; checksum sha256:{pick(HEX, 64)}"))
    H("airflow3-log", a3("dag version", dag_version_id=u(), bundle_version=pick(HEX, 40)))
    H("airflow2-log", a2(f"Wrote 12 objects, request id {pick(UP + DG, 16)}, version id {pick(AN, 32)}"))
# Prose about secrets
prose = [
    "Rotate the API key every 90 days; tokens older than that are rejected.",
    "Passwords are stored in the secrets backend, never in DAG files.",
    "The token endpoint returned 400: invalid_client",
    "Please enter your password:",
    "password: ********",
    "Access key: (none configured)",
    "secret: see vault path secret/airflow/pg",
    "Authorization: none",
    "The bearer of this notice is authorized to collect the parcel.",
    "Basic statistics: mean=12.4 median=11.0 p95=31.2",
    "key: dt=2024-03-07",
    "keys: ['a', 'b', 'c']",
    "sig: SIGTERM",
    "signature verified for release 2.10.5",
    "Token usage: 1480 tokens",
    "Passphrase prompt skipped (non-interactive)",
    "credentials: default chain (env, shared file, instance metadata)",
    "API key: configured",
    "password authentication is disabled for this user",
    "Reset your password at https://airflow.acme.io/reset",
    "Secret rotation complete for 12 connections",
    "tokens: 512, tokens_per_second: 42.1",
    "Set the `password` field in the connection, or pass --conn-password.",
    "The session token is cached for 12 hours.",
    "DSN parsed: host=pg.acme.io port=5432 dbname=dw",
    "Using fernet encryption for connection passwords",
    "private_key_id: " + pick(HEX, 40),
    "client_email: airflow@acme-data.iam.gserviceaccount.com",
    "OAuth scope: https://www.googleapis.com/auth/cloud-platform",
    "state=" + u() + "&code_challenge_method=S256",
]
for p in prose:
    H("airflow2-log", a2(p))
    H("airflow3-log", a3(p))


# ============================================================== BATCH 2 (hold-out)
# Written after the detectors above were tuned, in styles the first batch does not use, and run
# blind first: recall 0.882 (6 of 51 secrets leaked), 0 of 50 harmless lines altered. The
# detectors were then generalised (login(user, password) calls, "<secret name> … : value" prose,
# Teams webhooks, Vault AppRole secret_id, Azure key listings, the webhook keyword).
def _batch2():
    global R
    saved = R
    R = random.Random(777)
    S2 = []
    def pw():
        return mixed(AN, 10) + R.choice("!#%_-") + str(R.randint(0, 9))
    H = "0123456789abcdef"
    S = []
    def s(fam, text, secrets):
        S2.append((fam, text, secrets))
    k = mixed(AN + "+/", 86) + "=="
    s("azure-storage-account-key", json.dumps([{"keyName": "key1", "permissions": "FULL", "value": k}]), [k])
    p = pw(); s("uri-credentials", f"heroku config:get DATABASE_URL -> postgres://u8a9sd:{p}@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d3fa", [p])
    t = "key-" + pick(H, 32); s("mailgun", f"curl -s --user 'api:{t}' https://api.mailgun.net/v3/acme.io/messages", [t])
    t = "sk-proj-" + mixed(AN + "-_", 120); s("openai", f'export OPENAI_API_KEY="{t}"', [t])
    a, sk = "ASIA" + pick(string.ascii_uppercase + "234567", 16), mixed(AN + "+/", 40)
    s("aws", json.dumps({"AccessKeyId": a, "SecretAccessKey": sk, "Expiration": "2025-01-01T00:00:00Z"}, indent=2), [a, sk])
    t = "hvs.CAES" + mixed(AN, 80); s("vault", f"hvac.exceptions.Forbidden: permission denied, on get https://vault.acme.io/v1/secret/data/pg (token: {t})", [t])
    p = pw(); s("jdbc", f"jdbc:redshift://dw.abc123.eu-west-1.redshift.amazonaws.com:5439/dev?user=awsuser&password={p}&ssl=true", [p])
    p = pw(); s("uri", f"ldap://cn=admin,dc=acme,dc=io:{p}@ldap.acme.io:389", [p])
    a, sk = "AKIA" + pick(string.ascii_uppercase + "234567", 16), mixed(AN, 40)
    s("uri", f"s3a://{a}:{sk}@acme-lake/raw/", [a, sk])
    b = base64.b64encode(f"admin:{pw()}".encode()).decode(); s("basic", f"send: b'Authorization: Basic {b}\\r\\n'", [b])
    p = pw(); s("smtp", f"smtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted') at server.login('alerts@acme.io', '{p}')", [p])
    p = pw(); s("dsn", f'conn = psycopg2.connect("dbname=dw user=etl password={p} host=pg.acme.io")', [p])
    p = pw(); s("uri", f"client = pymongo.MongoClient('mongodb://admin:{p}@mongo-0.mongo:27017/?authSource=admin')", [p])
    p = pw(); s("snowflake", f"snowflake.connector.connect(user='LOADER', password='{p}', account='xy12345.eu-central-1')", [p])
    sig = pick(H, 64); a = "AKIA" + pick(string.ascii_uppercase + "234567", 16)
    s("aws-sig", f"Authorization: AWS4-HMAC-SHA256 Credential={a}/20250101/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature={sig}", [a, sig])
    t = pick(H, 32); s("header", f"X-Api-Key: {t}", [t])
    t = pick(H, 32); s("slack-signing", f"SLACK_SIGNING_SECRET={t}", [t])
    p = "Sup3r$ecret" + pick(AN, 4); s("env", f"DB_PASS={p}", [p])
    p = pw(); s("a3", json.dumps({"timestamp": "2025-01-01T00:00:00Z", "event": "Connection test", "conn_id": "x", "password": p}), [p])
    p = pw(); s("cred", f"Using credentials user=etl pass={p}", [p])
    p = pw(); s("helm", f"postgresql:\n  auth:\n    username: airflow\n    password: \"{p}\"\n    database: airflow", [p])
    p = pw(); s("cfg", f"[celery]\nbroker_url = redis://:{p}@redis:6379/0", [p])
    p = pw(); s("env", f"KAFKA_SASL_PASSWORD={p}", [p])
    p = pw(); s("docker", f"docker run -d -e MYSQL_ROOT_PASSWORD={p} mysql:8.0", [p])
    sk = mixed(AN + "/+", 40); s("rclone", f"[s3]\ntype = s3\naccess_key_id = AKIAXXXXXXXXXXXXXXXX\nsecret_access_key = {sk}", [sk])
    t = pick(H, 40); s("prose-token", f"Auth token generated: {t}", [t])
    p = pw(); s("prose-password", f"Your new password is: {p}", [p])
    t = "eyJhbGciOiJIUzI1NiJ9." + base64.urlsafe_b64encode(b'{"sub":"1","name":"x"}').decode().rstrip("=") + "." + pick(AN + "-_", 43)
    s("jwt", f"Bearer token: {t}", [t])
    t = mixed(AN, 32); s("cookie", f"Set-Cookie: sessionid={t}; HttpOnly; Path=/", [t])
    p = pw(); s("sqla", f"sqlalchemy.engine.Engine connect_args={{'password': '{p}', 'sslmode': 'require'}}", [p])
    sk = mixed(AN + "/+", 40); s("boto", f"botocore.hooks DEBUG - Event before-call: kwargs={{'aws_access_key_id': 'AKIA{pick(string.ascii_uppercase, 16)}', 'aws_secret_access_key': '{sk}'}}", [sk])
    u = "%08x-%04x-4%03x-a%03x-%012x" % (R.getrandbits(32), R.getrandbits(16), R.getrandbits(12), R.getrandbits(12), R.getrandbits(48))
    s("approle", f"TOKEN=$(vault write -field=token auth/approle/login role_id=db02de05-fa39-4855-059b-67221c5c2f63 secret_id={u})", [u])
    wh = f"https://acme.webhook.office.com/webhookb2/{u}@{u}/IncomingWebhook/{pick(H, 32)}/{u}"
    s("teams", f"TEAMS_WEBHOOK_URL={wh}", [wh.split("IncomingWebhook/")[1][:32]])
    t = "glpat-" + mixed(AN, 20); s("gitlab", f"[url \"https://gitlab-ci-token:{t}@gitlab.acme.io/\"]", [t])
    t = "xoxb-" + pick("0123456789", 11) + "-" + pick("0123456789", 13) + "-" + mixed(AN, 24); s("slack", f"slack_sdk.WebClient(token=\"{t}\")", [t])
    t = "ghp_" + mixed(AN, 36); s("gh", f"  - run: echo {t} | gh auth login --with-token", [t])
    p = pw(); s("pgpass", f"*:*:*:replicator:{p}", [p])
    t = "dapi" + pick(H, 32); s("databricks", f"databricks configure --token <<EOF\nhttps://adb-123.azuredatabricks.net\n{t}\nEOF", [t])
    t = mixed(AN, 24); s("api", f"requests.get(url, params={{'apiKey': '{t}', 'q': 'airflow'}})", [t])
    t = mixed(AN, 30); s("api", f"GET /v2/everything?q=airflow&apiKey={t} HTTP/1.1", [t])
    p = pw(); s("ftp", f"ftplib.error_perm: 530 Login incorrect. ftp.login(user='etl', passwd='{p}')", [p])
    p = pw(); s("ssh", f"paramiko connect(hostname='sftp.partner.com', username='etl', password='{p}', port=22)", [p])
    p = pw(); s("yaml", f"smtp:\n  host: smtp.acme.io\n  user: alerts\n  pass: {p}", [p])
    t = "AIza" + mixed(AN + "-_", 35); s("firebase", f'const firebaseConfig = {{ apiKey: "{t}", authDomain: "acme.firebaseapp.com" }};', [t])
    p = pw(); s("winrm", f"pywinrm Session('https://win01:5986/wsman', auth=('ACME\\\\svc_etl', '{p}'), transport='ntlm')", [p])
    p = pw(); s("cli", f"airflow connections add mssql --conn-uri 'mssql://sa:{p}@sql.acme.local:1433/dw'", [p])
    p = pw(); s("env", f"PGPASSWORD='{p}' psql -h pg.acme.io -U etl dw", [p])
    t = mixed(AN, 43) + "="; s("fernet", f"Fernet key for staging: {t}", [t])
    HL = [
     "Task exited with return code 1",
     "Secrets Manager returned 404 for key airflow/variables/threshold",
     "password reset email sent to ops@acme.io",
     "Running statement: UPDATE users SET password_hash = crypt($1, gen_salt('bf')) WHERE id = $2",
     "token=${TOKEN}",
     "github_token: ${{ secrets.GH_TOKEN }}",
     "key: value",
     "Using key 'dt' for partitioning",
     "Passing token_type='access_token' to the refresh call",
     "api_key_env_var=OPENAI_API_KEY",
     "secret_id=None",
     "X-Request-Id: 5b2f1c0e-8d7a-4e4b-9a51-0f3c2d1e9b7a",
     "trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7",
     "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==",
     "x-amz-checksum-sha256: n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=",
     "passed=True failed=False",
     "Tokenizing 1200 documents with tiktoken cl100k_base",
     "The secret is out: sales grew 12% in Q3",
     "Authorization failed: user etl lacks role Op",
     "Password expired for user etl; rotating via secrets backend",
     "INFO - Setting token expiry to 3600 seconds",
     "auth_method=oauth2 token_endpoint=https://login.microsoftonline.com/common/oauth2/v2.0/token",
     "Hook: S3Hook(aws_conn_id='aws_default', verify=None)",
     "client_id=7f3e8a2c-1b4d-4e6f-9a8b-0c1d2e3f4a5b tenant_id=0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f",
     "ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519 -N ''",
     "gpg --list-secret-keys --keyid-format LONG",
     "Loaded 3 keys from JWKS https://auth.acme.io/.well-known/jwks.json",
     "kid=2c3f0a1b9d8e7f6a alg=RS256 use=sig",
     "md5sum: 9e107d9d372bb6826bd81d3542a419d6  orders.csv",
     "Git commit: 3f786850e387550fdab836ed7e6dc881de23001b (HEAD -> main)",
     "image: ghcr.io/acme/etl@sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
     "Run id: manual__2025-01-01T00:00:00.123456+00:00",
     "Pool slots: default_pool=128, running=12, queued=3",
     "XCom push: key=auth_header_name value=X-Api-Key",
     "Loading variable api_base_url from secrets backend",
     "dbt: Found 12 sources with freshness, 0 errors, password-less auth enabled",
     "ssl_keyfile=/etc/ssl/private/airflow.key ssl_certfile=/etc/ssl/certs/airflow.crt",
     "KUBERNETES_SERVICE_ACCOUNT=airflow-worker",
     "service_account_name: airflow-worker",
     "Retrieving token from metadata server http://169.254.169.254/latest/api/token",
     "Assumed role session airflow-etl-1735689600 expires 2025-01-01T01:00:00Z",
     "authorization_code grant not supported; using client_credentials",
     "SELECT token, COUNT(*) FROM events GROUP BY token",
     "tokens = tokenizer(text)['input_ids']",
     "if password is None: raise ValueError('password required')",
     "connection.password = Variable.get('pg_password')",
     "PGPASSFILE=/home/airflow/.pgpass",
     "AWS_SHARED_CREDENTIALS_FILE=/home/airflow/.aws/credentials",
     "REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt",
     "secretKeyRef: {name: airflow-fernet-key, key: fernet-key}",
    ]
    R = saved
    return S2, HL


_s2, _h2 = _batch2()
FAMILY = {
    "mailgun": "saas-token-mailgun", "openai": "openai-api-key", "aws": "aws-secret-access-key",
    "vault": "vault-token", "jdbc": "jdbc-odbc-credentials", "uri": "uri-credentials",
    "basic": "http-authorization-header", "smtp": "login-call-password",
    "dsn": "jdbc-odbc-credentials", "snowflake": "password-assignment",
    "aws-sig": "http-authorization-header", "header": "http-authorization-header",
    "slack-signing": "password-assignment", "env": "password-assignment",
    "a3": "password-assignment", "cred": "password-assignment", "helm": "password-assignment",
    "cfg": "uri-credentials", "docker": "cli-password-argument", "rclone": "aws-secret-access-key",
    "prose-token": "prose-secret", "prose-password": "prose-secret", "cookie": "http-cookie",
    "sqla": "password-assignment", "boto": "aws-secret-access-key", "approle": "vault-token",
    "teams": "teams-webhook", "gitlab": "gitlab-token", "slack": "slack-token",
    "gh": "github-classic-token", "pgpass": "password-assignment", "databricks": "databricks-token",
    "api": "url-query-token", "ftp": "login-call-password", "ssh": "password-assignment",
    "yaml": "password-assignment", "firebase": "gcp-api-key", "winrm": "password-assignment",
    "cli": "uri-credentials", "fernet": "airflow-fernet-key",
}
for fam, text, secrets in _s2:
    S(FAMILY.get(fam, fam), "holdout", text, secrets)
for text in _h2:
    H("holdout", text)

# ============================================================== BATCH 3 (review, stop 10)
# A review found word-like passwords in dict and JSON literals left visible ("'password':
# 'mysecret'"): a quoted value made of letters that contains pass/secret/key/token was taken for
# a reference to another setting. In a dict or JSON literal the quoted value is the string itself.
# Fixed strings, no randomness, so the entries above keep their bytes.
S("password-assignment", "airflow2-log",
  a2("connecting with {'host': 'db.internal', 'port': 5432, 'password': 'mysecret'}", src="etl.py:41"),
  ["mysecret"])
S("password-assignment", "airflow3-log",
  a3("loaded profile {'user': 'etl', 'db_password': 'supersecretword'}", logger="task.stdout"),
  ["supersecretword"])
S("password-assignment", "dag-source",
  'client = Client(**{"login": "svc", "password": "letmeinpassword"})', ["letmeinpassword"])
H("dag-source", "password = db_password\nclient = Client(login=user, password=password)")
H("config", "{'login': 'etl', 'password': '{{ var.value.db_password }}'}")
H("airflow2-log", a2("connection pg_warehouse has {'login': 'etl', 'password': None}"))

# ---------------------------------------------------------------- write
out = os.path.join(os.path.dirname(__file__), "..", "resources", "dev", "airflowmcp", "runtime", "redaction", "corpus")
out = os.path.normpath(out)
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "secrets.jsonl"), "w") as f:
    for e in SECRETS:
        f.write(json.dumps(e, ensure_ascii=False) + "\n")
with open(os.path.join(out, "harmless.jsonl"), "w") as f:
    for e in HARMLESS:
        f.write(json.dumps(e, ensure_ascii=False) + "\n")
families = sorted({e["family"] for e in SECRETS})
print(f"{len(SECRETS)} secret entries ({sum(len(e['secrets']) for e in SECRETS)} secrets) in {len(families)} families; {len(HARMLESS)} harmless lines")
