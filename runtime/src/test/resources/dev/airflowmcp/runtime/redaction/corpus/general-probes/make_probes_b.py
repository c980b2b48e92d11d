#!/usr/bin/env python3
"""Second fresh probe set (B) for issue-12-general, written after v4 and scored once before any
change for it. Same generator of passwords as set A, another seed, other tools."""
import json, random, sys
sys.path.insert(0, '/tmp/gen/probes')
import importlib.util
spec = importlib.util.spec_from_file_location('a', '/tmp/gen/probes/make_probes.py')
SECRET = [
  "ssh-keygen -p -P '{p}' -N '{q}' -f ~/.ssh/id_ed25519",
  "mosquitto_pub -h mqtt01 -u sensor -P '{p}' -t plant/line1 -m 42",
  "nats sub --user etl --password '{p}' orders.>",
  "kcadm.sh config credentials --server http://kc:8080 --realm master --user admin --password '{p}'",
  "RSYNC_PASSWORD='{p}' rsync -av /data rsync://etl@backup01/data",
  "svn checkout --username etl --password '{p}' https://svn.corp.example/repo/trunk",
  "ncftp -u etl -p {p} ftp.partner.example",
  "pscp -pw {p} report.csv etl@files01:/tmp",
  "plink -ssh etl@host01 -pw {p} uptime",
  "xfreerdp /u:etl /p:{p} /v:win01.corp.example",
  "rdesktop -u etl -p {p} win02",
  "ldappasswd -x -D cn=admin,dc=corp -w {p} -s {q} uid=etl,ou=people,dc=corp",
  "rootpw {p}",
  "[smtp.corp.example]:587 relay_user:{p}",
  "poll mail.corp.example protocol imap user \"etl\" password \"{p}\"",
  "nuget sources add -Name corp -Source https://nuget.corp.example/v3/index.json -Username etl -Password {p}",
  "dotnet nuget add source https://nuget.corp.example/v3/index.json -n corp -u etl -p {p} --store-password-in-clear-text",
  "composer config http-basic.repo.corp.example etl {p}",
  "poetry config http-basic.corp etl {p}",
  "twine upload -u etl -p {p} dist/*",
  "helm registry login reg.corp.example -u etl -p {p}",
  "crane auth login reg.corp.example -u etl -p {p}",
  "skopeo copy --src-creds etl:{p} docker://reg1/img docker://reg2/img",
  "podman login --username etl --password {p} reg.corp.example",
  "argocd login argocd.corp.example --username admin --password {p} --grpc-web",
  "oc login https://api.ocp.corp:6443 -u admin -p {p}",
  "heroku config:set API_SECRET={p} -a etl-app",
  "fly secrets set DB_PASSWORD={p}",
  "doppler secrets set SIGNING_SALT={p}",
  "railway variables set SESSION_SALT={h}",
  "netlify env:set WEBHOOK_HMAC {h}",
  "[2026-05-04, 10:12:01 UTC] {{hooks.py:88}} WARNING - Retrying with fallback credential {p}",
  "[2026-05-04, 10:12:01 UTC] {{admin.py:12}} INFO - Reset password for etl to {p}",
  "[2026-05-04, 10:12:01 UTC] {{gpg.py:40}} INFO - passphrase accepted: {p}",
  "sudo -S <<< '{p}' systemctl restart airflow-scheduler",
  "echo '{p}' | sudo -S systemctl restart airflow-worker",
  "sftp = pysftp.Connection('files01', username='etl', password='{p}')",
  "smbclient.register_session(\"fs01\", username=\"etl\", password=\"{p}\")",
  "conn = ldap3.Connection(server, 'cn=etl,dc=corp', '{p}', auto_bind=True)",
  "imaplib.IMAP4_SSL('imap.corp.example').login('etl@corp.example', '{p}')",
  "creds = pika.PlainCredentials('etl', '{p}')",
  "r = redis.Redis(host='cache01', port=6379, password='{p}')",
  "ctx = snowflake.connector.connect(user='etl', password='{p}', account='acme-eu1')",
  "df = spark.read.format('jdbc').option('user', 'etl').option('password', '{p}').load()",
  "props.setProperty(\"password\", \"{p}\");",
  "cfg := mysql.Config{{User: \"etl\", Passwd: \"{p}\", Net: \"tcp\"}}",
  "let opts = PgConnectOptions::new().username(\"etl\").password(\"{p}\");",
  "$pdo = new PDO($dsn, 'etl', '{p}');",
  "var cred = new NetworkCredential(\"etl\", \"{p}\");",
  "kubectl config set-credentials etl --token={k}",
  "mongocli config set private_api_key {u}",
  "gem sources -a https://etl:{p}@gems.corp.example/",
  "hg clone https://etl:{p}@hg.corp.example/repo",
  "winscp.com /command \"open sftp://etl:{p}@files01/\" \"get *.csv\" \"exit\"",
  "msmtp: password {p}",
  "export SNOWFLAKE_PRIVATE_KEY_PASSPHRASE='{p}'",
  "api_signing_secret: {h}",
  "session_encryption = {b}",
]
HARMLESS = [
  "256 SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s etl@host01 (ED25519)",
  "mosquitto_sub -t sensors/+/Temp1 -v",
  "--secret-name airflow-Prod-Db2",
  "xfreerdp /v:host01 /size:1920x1080 /bpp:32",
  "plink -ssh etl@host01 -batch -P 2222",
  "oc login --token-file=/var/run/secrets/kubernetes.io/token",
  "kubectl get secret airflow-fernet-key-7d9f -o yaml",
  "Reset password link sent to user etl_Loader_2",
  "twine upload -r testpypi dist/pkg-1.2.3-py3-none-any.whl",
  "helm registry login reg.corp.example --username etl --password-stdin",
  "Using PIN entry program /usr/bin/pinentry-curses",
  "Token bucket refilled: 120/min, burst 60",
  "signing in as etl_Admin01 via SSO",
  "SALT_ROUNDS=12",
  "HMAC-SHA256 signature verified for webhook evt_9Xk2Lm4Np6Qr8St",
  "connect timeout=10s to db01.corp:5432",
  "Connection(host='db01', port=5432, user='etl', dbname='Orders_2026')",
  "using index idx_Orders_CustomerId2 on orders",
  "user etl_Loader02 has role Viewer",
  "echo \"Build 2026.05.04-rc2 done\"",
  "pin: numpy==1.26.4",
  "private_network_id=vpc-0a1b2c3d4e5f6a7b8",
  "auth provider: LDAP (dc=corp,dc=example)",
  "Credential helper: osxkeychain",
  "key_id=AK1234XYZ9 created_at=2026-05-04",
  "signer: CN=Acme Code Signing CA 2, O=Acme",
  "login shell /bin/bash for etl",
  "WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"",
  "tokenizer_config.json loaded from hf://bert-base-Uncased",
  "psk mode WPA2-Personal on ssid Corp-Guest5",
  "passphrase prompt suppressed (batch mode)",
  "secret rotation job rotate_Secrets_v2 succeeded in 4.2s",
  "keytab path /etc/security/keytabs/airflow.service.keytab",
  "pool = connect('warehouse', retries=3)",
  "getConnection(url, props) returned Conn@6d06d69c",
  "login('etl') failed: account locked",
  "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36",
  "Accept-Language: en-US,en;q=0.9",
  "X-Request-ID: 7f3a9c2e-1b4d-4e5f-8a9b-0c1d2e3f4a5b",
  "Airflow 3 token TTL 3600s, refresh at 3300s",
  "Snowflake query id 01b2c3d4-0000-1234-0000-00050a1b2c3d",
  "Kafka consumer group etl-Consumer-v2 lag 0",
  "Athena QueryExecutionId=5f3c2a1b-9d8e-4f7a-b6c5-d4e3f2a1b0c9",
  "Lambda RequestId: 1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d Duration: 12.3 ms",
  "CloudWatch log stream 2026/05/04/[$LATEST]abcdef0123456789abcdef0123456789",
  "Azure correlation id: 9e8d7c6b-5a4f-3e2d-1c0b-a9f8e7d6c5b4",
  "GCS generation 1714824000123456 metageneration 1",
  "spark.sql.shuffle.partitions=200 spark.executor.memory=4g",
  "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12  data.csv",
  "Windows SID S-1-5-21-3623811015-3361044348-30300820-1013",
  "Password last changed: 2026-04-01; expires in 90 days",
  "Passwords do not match (attempt 2 of 3)",
  "--token-ttl=1h --auth-mode=oidc",
  "Secrets: 3 synced, 0 failed (namespace data-Prod2)",
  "encryption key version 7 (kms alias alias/airflow-Prod)",
  "Using signing algorithm RS256 with key kid=2026-05-Q2",
  "login as: etl_Deploy01",
  "sudo: 3 incorrect password attempts",
  "user=etl_Loader02 db=Orders_2026 app=[unknown] client=10.1.2.3",
  "Signed URL generated for gs://exports/Orders_2026Q1.csv (expires 15m)",
  "auth_type=Kerberos principal=etl/Worker02@CORP.EXAMPLE",
  "connect(host='cache01', port=6379, db=2)",
  "Password for 'https://etl@git.corp.example':",
  "Using API key from secret airflow-Api-Key2 (not shown)",
  "token_uri: https://oauth2.googleapis.com/token",
  "private_key_id: 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b",
]
R = random.Random(5309)
UP, LO, DI = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz', '0123456789'
def pw(style):
    n = R.randint(12, 22)
    pool = {'strong': UP + LO + DI + '!#%^&*?~,;+=@.-_', 'dash': UP + LO + DI + '-_.', 'alnum': UP + LO + DI}[style]
    while True:
        s = ''.join(R.choice(pool) for _ in range(n))
        if any(c in UP for c in s) and any(c in LO for c in s) and any(c in DI for c in s) and s[0] not in '-_.' \
           and (style != 'strong' or any(c in '!#%^&*?~,;' for c in s[1:-1])):
            return s
rows = []
for style in ('strong', 'dash', 'alnum'):
    for i, t in enumerate(SECRET):
        p, q = pw(style), pw(style)
        h = ''.join(R.choice('0123456789abcdef') for _ in range(64))
        k = ''.join(R.choice(UP + LO + DI) for _ in range(40))
        u = '%08x-%04x-4%03x-a%03x-%012x' % (R.getrandbits(32), R.getrandbits(16), R.getrandbits(12), R.getrandbits(12), R.getrandbits(48))
        b = ''.join(R.choice(UP + LO + DI + '+/') for _ in range(43)) + '='
        vals = {'p': p, 'q': q, 'h': h, 'k': k, 'u': u, 'b': b}
        used = [v for key, v in vals.items() if '{' + key + '}' in t]
        if style != 'strong' and not any('{' + key + '}' in t for key in 'pq'):
            continue
        rows.append({'id': f'GB-{style[0]}{i:03d}', 'kind': 'secret', 'family': 'probeB-' + style, 'format': t.split()[0][:30], 'text': t.format(**vals), 'secrets': used})
for i, t in enumerate(HARMLESS):
    rows.append({'id': f'GB-H{i:03d}', 'kind': 'harmless', 'family': 'near_miss', 'format': 'near_miss', 'text': t, 'secrets': []})
with open(sys.argv[1], 'w') as f:
    for r in rows: f.write(json.dumps(r) + '\n')
print(len([r for r in rows if r['kind'] == 'secret']), 'secret lines', sum(len(r['secrets']) for r in rows), 'secrets', len(HARMLESS), 'harmless')
