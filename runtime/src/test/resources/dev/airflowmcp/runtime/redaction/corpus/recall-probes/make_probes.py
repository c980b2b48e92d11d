#!/usr/bin/env python3
"""Probes of issue-12-recall (stop 26), written before any change, from knowledge of real tools and
NOT from the blind batches: other vendors, other table shapes (Spark show(), polars, R, SQL*Plus,
tabulate), other languages' crypto calls, other labelled prose. Secrets are random; run once,
output kept in probes.jsonl."""
import json, random, string, uuid
R = random.Random(2612)
def hexs(n): return ''.join(R.choice('0123456789abcdef') for _ in range(n))
def HEX(n): return hexs(n).upper()
def alnum(n): return ''.join(R.choice(string.ascii_letters + string.digits) for _ in range(n))
def b64(n): return ''.join(R.choice(string.ascii_letters + string.digits + '+/') for _ in range(n))
def b64url(n): return ''.join(R.choice(string.ascii_letters + string.digits + '-_') for _ in range(n))
def digits(n): return str(R.randint(1, 9)) + ''.join(R.choice(string.digits) for _ in range(n - 1))
def uid(): return str(uuid.UUID(int=R.getrandbits(128), version=4))
def lower(n): return ''.join(R.choice(string.ascii_lowercase + string.digits) for _ in range(n))
TS = lambda: f"[2025-0{R.randint(1,9)}-1{R.randint(0,9)}T0{R.randint(0,9)}:1{R.randint(0,9)}:2{R.randint(0,9)}.{R.randint(100,999)}+0000]"

S = []  # (format, text template producing (text, [secrets]))
def sec(fmt, f): S.append((fmt, f))
# --- labelled values in prose (label ends in a credential phrase, value machine-made)
sec('algolia-admin-key-prose', lambda v=hexs(32): (f"{TS()} {{algolia.py:41}} INFO - Algolia admin API key: {v}", [v]))
sec('mixpanel-secret-prose', lambda v=hexs(32): (f"Mixpanel project secret is {v}", [v]))
sec('segment-write-key', lambda v=alnum(32): (f"{TS()} {{segment.py:12}} INFO - segment write key {v} loaded", [v]))
sec('bugsnag-api-key', lambda v=hexs(32): (f"Bugsnag API key: {v}", [v]))
sec('rollbar-token', lambda v=hexs(32): (f"rollbar access token -> {v}", [v]))
sec('honeycomb-key', lambda v=alnum(22): (f"INFO honeycomb api key {v} (env prod)", [v]))
sec('newrelic-license', lambda v=hexs(40): (f"New Relic license key: {v}", [v]))
sec('opsgenie-uuid', lambda v=uid(): (f"Opsgenie API key is {v}", [v]))
sec('zendesk-token', lambda v=alnum(40): (f"zendesk api token: {v}", [v]))
sec('trello-token', lambda v=hexs(64): (f"{TS()} {{trello.py:8}} DEBUG - trello token={v[:0]}{v}", [v]))
sec('pusher-secret', lambda v=hexs(20): (f"Pusher app secret: {v}", [v]))
sec('cloudinary-secret', lambda v=b64url(27): (f"Cloudinary API secret: {v}", [v]))
sec('box-client-secret', lambda v=alnum(32): (f"Box client secret is {v}", [v]))
sec('okta-api-token', lambda v='00' + alnum(40): (f"Okta API token: {v}", [v]))
sec('vault-recovery-key', lambda v=b64(44): (f"Recovery Key 2: {v}", [v]))
sec('vault-recovery-key-4', lambda v=b64(44): (f"Recovery Key 4: {v}", [v]))
sec('fernet-key-prose', lambda v=b64url(43) + '=': (f"The Fernet key for this deployment is {v}", [v]))
sec('hex-encryption-key', lambda v=hexs(64): (f"Encryption key (hex): {v}", [v]))
sec('session-secret-arrow', lambda v=hexs(48): (f"session secret => {v}", [v]))
sec('radius-shared-secret', lambda v=alnum(20): (f"Shared secret for RADIUS client 10.0.4.5 is {v}", [v]))
sec('otp-6', lambda v=digits(6): (f"{TS()} {{auth.py:77}} INFO - Your login OTP is {v}", [v]))
sec('passcode-8', lambda v=digits(8): (f"one-time passcode: {v} (expires in 10 minutes)", [v]))
sec('pin-sim', lambda v=digits(8): (f"SIM PUK code {v} for ICCID 8944", [v]))
sec('2fa-code', lambda v=digits(6): (f"2FA code for etl@acme.io: {v}", [v]))
sec('master-password', lambda v=alnum(18): (f"master password is {v}", [v]))
sec('api-secret-partner', lambda v=b64(32): (f"API secret for partner acme: {v}", [v]))
sec('signing-key-log', lambda v=hexs(64): (f"{TS()} {{webhooks.py:30}} INFO - using signing key {v}", [v]))
sec('auth-token-twilio-like', lambda v=hexs(32): (f"Plivo auth token: {v}", [v]))
sec('access-key-secret-aliyun', lambda v=alnum(30): (f"AccessKey Secret: {v}", [v]))
sec('mailjet-secret', lambda v=hexs(32): (f"Mailjet secret key is {v}", [v]))
# --- column-aware tables in other shapes
def spark():
    a, b = alnum(16), alnum(18)
    return (f"+--------+------------------+\n|username|password          |\n+--------+------------------+\n|etl     |{a}  |\n|loader  |{b}|\n+--------+------------------+", [a, b])
sec('spark-show', spark)
def polars():
    a, b = hexs(32), hexs(32)
    return (f"shape: (2, 2)\n┌─────────┬──────────────────────────────────┐\n│ service ┆ api_key                          │\n│ ---     ┆ ---                              │\n│ str     ┆ str                              │\n╞═════════╪══════════════════════════════════╡\n│ stripe  ┆ {a} │\n│ mailgun ┆ {b} │\n└─────────┴──────────────────────────────────┘", [a, b])
sec('polars-repr', polars)
def rframe():
    a, b = alnum(20), alnum(20)
    return (f"  user        token\n1 etl         {a}\n2 reporting   {b}", [a, b])
sec('r-data-frame', rframe)
def sqlplus():
    a, b = alnum(14), alnum(14)
    return (f"USERNAME             PASSWORD\n-------------------- ----------------\nETL_USER             {a}\nREPORT_RO            {b}", [a, b])
sec('sqlplus-columns', sqlplus)
def tabulate_simple():
    a, b = b64(24), b64(24)
    return (f"name      secret                    env\n--------  ------------------------  -----\npartner   {a}  prod\nbilling   {b}  prod", [a, b])
sec('tabulate-simple', tabulate_simple)
def pandas_token():
    a, b, c = alnum(24), alnum(24), alnum(24)
    return (f"   tenant                access_token  active\n0    acme  {a}    True\n1  globex  {b}   False\n2  initech  {c}    True", [a, b, c])
sec('pandas-access-token', pandas_token)
def kubectl_cols():
    a = b64(40)
    return (f"NAME            TOKEN\nci-deployer     {a}", [a])
sec('kubectl-custom-columns', kubectl_cols)
def mysql_vertical():
    a = alnum(16)
    return (f"*************************** 1. row ***************************\n    User: etl\n    Host: %\nPassword: {a}", [a])
sec('mysql-vertical', mysql_vertical)
def csv_semicolon():
    a, b = alnum(16), alnum(16)
    return (f"login;passwd;role\netl;{a};admin\nbi;{b};reader", [a, b])
sec('csv-semicolon', csv_semicolon)
def markdown_table():
    a, b = hexs(32), hexs(32)
    return (f"| Service | Client Secret |\n|---------|---------------|\n| sso | {a} |\n| crm | {b} |", [a, b])
sec('markdown-table', markdown_table)
# --- files whose content is a secret, printed by a command
sec('cat-vault-token', lambda v='hvs.' + alnum(24): (f"$ cat ~/.vault-token\n{v}", [v]))
sec('cat-api-key-file', lambda v=hexs(40): (f"$ cat /etc/acme/api.key\n{v}", [v]))
sec('get-content-secret', lambda v=b64(44): (f"PS C:\\> Get-Content .\\keys\\app.secret\n{v}", [v]))
sec('cat-run-secrets', lambda v=alnum(20): (f"bash-5.1$ cat /run/secrets/db_password\n{v}", [v]))
sec('type-master-key', lambda v=hexs(32): (f"C:\\app> type config\\credentials.key\n{v}", [v]))
# --- crypto calls with literal keys
sec('fernet-bytes', lambda v=b64url(43) + '=': (f"f = Fernet(b'{v}')", [v]))
sec('hmac-new-hex', lambda v=hexs(64): (f"sig = hmac.new(bytes.fromhex(\"{v}\"), body, hashlib.sha256).hexdigest()", [v]))
sec('java-secretkeyspec', lambda v=hexs(32): (f"SecretKeySpec key = new SecretKeySpec(Hex.decodeHex(\"{v}\"), \"AES\");", [v]))
sec('node-createcipheriv', lambda v=hexs(64): (f"const c = crypto.createCipheriv('aes-256-cbc', Buffer.from('{v}', 'hex'), iv);", [v]))
sec('pyjwt-encode', lambda v=alnum(32): (f"token = jwt.encode(payload, '{v}', algorithm='HS256')", [v]))
sec('cryptography-aes', lambda v=hexs(64): (f"cipher = Cipher(algorithms.AES(bytes.fromhex('{v}')), modes.CBC(iv))", [v]))
sec('go-aes', lambda v=hexs(32): (f"block, _ := aes.NewCipher([]byte(\"{v}\"))", [v]))
# --- name/value in other structures
sec('gha-add-mask', lambda v=alnum(28): (f"::add-mask::{v}", [v]))
sec('gha-github-output', lambda v=hexs(40): (f"echo \"sentry_auth_token={v}\" >> $GITHUB_OUTPUT", [v]))
sec('plist-key-string', lambda v=alnum(32): (f"<key>ApiSecret</key>\n<string>{v}</string>", [v]))
sec('dotnet-appsettings-add', lambda v=b64(40): (f"<add key=\"PartnerApiSecret\" value=\"{v}\" />", [v]))
sec('redis-cli-get', lambda v=alnum(32): (f"127.0.0.1:6379> GET partner:api_key\n\"{v}\"", [v]))
sec('etcdctl-get', lambda v=alnum(24): (f"$ etcdctl get /apps/billing/db_password\n/apps/billing/db_password\n{v}", [v]))
sec('consul-kv-get', lambda v=hexs(40): (f"$ consul kv get service/reporting/api_token\n{v}", [v]))
sec('ssm-get-parameter-text', lambda v=alnum(24): (f"$ aws ssm get-parameter --name /prod/etl/db_password --with-decryption --query Parameter.Value --output text\n{v}", [v]))
sec('toml-inline-table', lambda v=alnum(24): (f"partner = {{ host = \"api.partner.io\", client_secret = \"{v}\" }}", [v]))
sec('hcl-var-default', lambda v=alnum(24): (f"variable \"datadog_app_key\" {{\n  default = \"{v}\"\n}}", [v]))

H = []
def harm(fmt, f): H.append((fmt, f))
# --- source-control ids, digests
harm('git-head', lambda: f"HEAD is now at {hexs(7)} Merge pull request #412 from acme/fix-sensor")
harm('git-commit-line', lambda: f"commit {hexs(40)}\nAuthor: Jane Doe <jane@acme.io>")
harm('git-merge', lambda: f"Merge: {hexs(7)} {hexs(7)}")
harm('git-checkout', lambda: f"{TS()} {{git.py:55}} INFO - Checking out revision {hexs(40)}")
harm('git-upstream-json', lambda: f'{{"branch": "main", "upstream": "{hexs(40)}", "ahead": 0, "behind": 2}}')
harm('git-rev-parse', lambda: f"$ git rev-parse HEAD\n{hexs(40)}")
harm('git-ls-remote', lambda: f"{hexs(40)}\trefs/heads/main\n{hexs(40)}\trefs/tags/v2.3.1")
harm('argo-revision', lambda: f"Sync Revision: {hexs(40)}")
harm('image-digest', lambda: f"Digest: sha256:{hexs(64)}")
harm('pip-hash', lambda: f"apache-airflow==2.10.4 --hash=sha256:{hexs(64)}")
harm('dbt-manifest-checksum', lambda: f'"checksum": {{"name": "sha256", "checksum": "{hexs(64)}"}}')
harm('etag-log', lambda: f"{TS()} {{s3.py:90}} INFO - uploaded raw/orders.parquet etag \"{hexs(32)}\"")
harm('request-id', lambda: f"x-amz-request-id: {HEX(16)}  x-amz-id-2: {b64(56)}")
harm('gpg-key-id', lambda: f"gpg: key {HEX(16)}: public key \"Release Bot <release@acme.io>\" imported")
harm('ssh-fingerprint', lambda: f"ED25519 key fingerprint is SHA256:{b64(43)}.")
harm('ssh-public-key', lambda: f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{b64(43)} deploy@ci")
harm('public-key-hex', lambda: f"Public key (hex): {hexs(64)}")
harm('eth-address', lambda: f"wallet address: 0x{hexs(40)}")
harm('trace-id', lambda: f"{TS()} {{otel.py:19}} DEBUG - trace_id={hexs(32)} span_id={hexs(16)}")
harm('helm-history', lambda: f"REVISION\tUPDATED                 \tSTATUS    \tCHART          \n3       \tMon Mar  3 10:00:00 2025\tdeployed  \tairflow-1.15.0")
harm('terraform-id', lambda: f"aws_s3_bucket.logs: Refreshing state... [id=acme-logs-{lower(8)}]")
harm('cache-key-restore', lambda: f"Cache restored from key: Linux-pip-{hexs(64)}")
harm('cache-key-save', lambda: f"Cache saved with key: node-modules-{hexs(40)}")
harm('build-id-gcb', lambda: f"Created build {uid()} for trigger deploy-dags")
# --- placeholders
harm('placeholder-x', lambda: "DATADOG_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
harm('placeholder-zeros', lambda: "secret: 00000000000000000000000000000000")
harm('placeholder-star', lambda: "password: ****************")
harm('placeholder-angle', lambda: "api_token = <your-api-token>")
harm('placeholder-sk-test', lambda: "STRIPE_KEY=sk_test_XXXXXXXXXXXXXXXXXXXXXXXX")
harm('placeholder-discord', lambda: "https://discord.com/api/webhooks/000000000000000000/XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")
harm('placeholder-teams', lambda: "webhook: https://outlook.office.com/webhook/00000000-0000-0000-0000-000000000000@00000000-0000-0000-0000-000000000000/IncomingWebhook/XXXXXXXXXXXXXXXX/00000000-0000-0000-0000-000000000000")
harm('placeholder-aaaa', lambda: "client_secret: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
harm('placeholder-ghp', lambda: "GITHUB_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")
harm('placeholder-redacted', lambda: "token: [REDACTED]")
# --- labels with key/token/secret that are not credentials
harm('partition-key', lambda: "partition key: customer_id, sort key: created_at")
harm('object-key', lambda: f"{TS()} {{s3.py:44}} INFO - S3 object key: raw/2025/03/orders_{hexs(8)}.parquet")
harm('routing-key', lambda: "AMQP routing key: orders.created.v2")
harm('idempotency-key', lambda: f"Idempotency-Key: {uid()}")
harm('token-count', lambda: "prompt tokens: 1834, completion tokens: 412, total tokens: 2246")
harm('token-ttl', lambda: "the token is valid for 3600 seconds")
harm('secret-ref-prose', lambda: "Your API key is stored in Secrets Manager under acme/prod/partner-api")
harm('secret-name-prose', lambda: "Use the secret named airflow-db-creds in namespace airflow")
harm('pin-prose', lambda: "PIN entry failed 3 times; card locked")
harm('verification-sent', lambda: "verification code sent to +1 *** *** 0142")
harm('key-id-prose', lambda: f"KMS key id: {uid()}")
harm('access-key-id-prose', lambda: "access key id: AKIAIOSFODNN7EXAMPLE (documentation example)")
harm('secret-glob-comment', lambda: "secrets_backend_kwargs: {\"connections_prefix\": \"airflow/connections\"}  # matches airflow/connections/*")
harm('key-rotation-date', lambda: "API key last rotated: 2025-03-14T09:12:00Z")
harm('token-expiry', lambda: "access token expires at 2025-06-01 12:00:00 UTC")
harm('secret-version', lambda: "secret version: 7 (enabled)")
harm('public-key-label', lambda: f"Public key: {b64(44)}")
harm('checksum-label', lambda: f"Checksum (md5): {hexs(32)}")
# --- tables whose credential-ish columns hold no secrets, or random columns that are not secret
def tbl1():
    return f"   dag_id             run_hash                          state\n0  etl_orders  {hexs(32)}  success\n1  etl_users   {hexs(32)}  failed"
harm('pandas-hash-column', tbl1)
def tbl2():
    return "   user      password_last_changed  token_count\n0  etl       2025-03-01             1834\n1  reporting 2025-02-11             99"
harm('pandas-password-date', tbl2)
def tbl3():
    return "+--------+----------+\n|conn_id |password  |\n+--------+----------+\n|etl_pg  |null      |\n|etl_s3  |null      |\n+--------+----------+"
harm('spark-null-password', tbl3)
def tbl4():
    return "secret_name               last_accessed\n------------------------  -------------\nairflow-db-creds          2025-03-01\nairflow-smtp              2025-02-28"
harm('tabulate-secret-names', tbl4)
def tbl5():
    return f"  key_id                            created     status\n1 {hexs(20)}          2025-01-02  Active\n2 {hexs(20)}          2025-02-03  Inactive"
harm('r-key-id', tbl5)
def tbl6():
    return "   conn_id   login   password\n0  pg_main   etl     ***\n1  s3_raw    None    NaN"
harm('pandas-masked-password', tbl6)
def tbl7():
    return f"NAME            TYPE                                  DATA   AGE\nairflow-db      Opaque                                2      41d\nci-token-{lower(5)}  kubernetes.io/service-account-token   3      12d"
harm('kubectl-get-secrets', tbl7)
def tbl8():
    return f"commit   author  sha\n-------  ------  ----------------------------------------\n{hexs(7)}  jane    {hexs(40)}"
harm('table-sha-column', tbl8)
# --- crypto calls without literal secrets
harm('aes-new-var', lambda: "cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)")
harm('hashlib-literal', lambda: "digest = hashlib.sha256(b'airflow-task-heartbeat').hexdigest()")
harm('fernet-env', lambda: "f = Fernet(os.environ['FERNET_KEY'].encode())")
harm('hmac-compare', lambda: "if not hmac.compare_digest(expected, received): raise PermissionError")
harm('sha-literal-compare', lambda: f"assert sha256(data) == '{hexs(64)}'")
# --- file printing of non-secret files
harm('cat-pubkey', lambda: f"$ cat ~/.ssh/id_ed25519.pub\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{b64(43)} etl@worker")
harm('cat-version', lambda: f"$ cat /opt/airflow/REVISION\n{hexs(40)}")
harm('cat-checksum', lambda: f"$ cat airflow.tar.gz.sha512\n{hexs(128)}  airflow.tar.gz")
harm('redis-get-counter', lambda: "127.0.0.1:6379> GET etl:last_run_id\n\"scheduled__2025-03-01T00:00:00+00:00\"")
harm('etcd-get-endpoint', lambda: "$ etcdctl get /apps/billing/db_host\n/apps/billing/db_host\npg-billing.internal:5432")
harm('gha-set-output-sha', lambda: f"echo \"sha={hexs(40)}\" >> $GITHUB_OUTPUT")
harm('gha-group', lambda: "::group::Run dbt build --select tag:daily")
harm('gha-run-action', lambda: f"Run actions/cache@v4\n  with:\n    key: Linux-uv-{hexs(64)}\n    path: ~/.cache/uv")

rows = []
for i, (fmt, f) in enumerate(S):
    t, s = f()
    rows.append({'id': f'RP-s{i:03d}', 'kind': 'secret', 'family': 'recall-probe', 'format': fmt, 'text': t, 'secrets': s})
for i, (fmt, f) in enumerate(H):
    rows.append({'id': f'RP-h{i:03d}', 'kind': 'harmless', 'family': 'recall-probe', 'format': fmt, 'text': f()})
with open('probes.jsonl', 'w') as o:
    for r in rows: o.write(json.dumps(r, ensure_ascii=False) + '\n')
print(len(S), 'secret probes,', sum(len(r.get('secrets', [])) for r in rows), 'secrets,', len(H), 'harmless')
