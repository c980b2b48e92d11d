#!/usr/bin/env python3
"""Fresh probes for issue-12-general, written before tuning: secrets in tool formats the blind
batches were not checked for, and harmless near-misses. Fixed seed; every password is random."""
import json, random, string, sys
R = random.Random(1207)
UP, LO, DI = string.ascii_uppercase, string.ascii_lowercase, string.digits
def pw(style=None):
    style = style or R.choice(['strong', 'strong', 'dash', 'alnum'])
    n = R.randint(12, 22)
    if style == 'strong':
        pool = UP + LO + DI + '!#%^&*?~,;+=@.-_'
        while True:
            s = ''.join(R.choice(pool) for _ in range(n))
            if any(c in UP for c in s) and any(c in LO for c in s) and any(c in DI for c in s) and any(c in '!#%^&*?~,;' for c in s[1:-1]):
                return s
    if style == 'dash':
        pool = UP + LO + DI + '-_.'
        while True:
            s = ''.join(R.choice(pool) for _ in range(n))
            if any(c in UP for c in s) and any(c in LO for c in s) and any(c in DI for c in s) and s[0] not in '-_.':
                return s
    while True:
        s = ''.join(R.choice(UP + LO + DI) for _ in range(n))
        if any(c in UP for c in s) and any(c in LO for c in s) and any(c in DI for c in s):
            return s
def hexk(n=64): return ''.join(R.choice('0123456789abcdef') for _ in range(n))
def b64(n=44):
    s = ''.join(R.choice(UP + LO + DI + '+/') for _ in range(n - 1))
    return s + '='
SECRET_TEMPLATES = [
  "lftp -u deploy,{p} sftp://files.partner.example",
  "smbclient //fs01/finance -U 'CORP\\svc_etl%{p}' -c 'get report.xlsx'",
  "ldapsearch -x -D \"cn=admin,dc=corp,dc=example\" -w '{p}' -H ldap://ldap01:389 -b dc=corp",
  "sshpass -p '{p}' ssh etl@bastion01 'ls /data'",
  "openssl pkcs12 -export -in client.pem -inkey client.key -out client.p12 -passout pass:{p}",
  "openssl enc -aes-256-cbc -salt -in dump.sql -out dump.sql.enc -k {p}",
  "zip -P {p} exports.zip exports/*.csv",
  "7z a -p{p} -mhe=on backup.7z /data/backup",
  "keytool -importkeystore -srckeystore in.jks -srcstorepass {p} -destkeystore out.p12",
  "wget --http-user=etl --http-password={p} https://files.corp.example/data.csv",
  "docker login -u ci-bot -p {p} registry.corp.example",
  "htpasswd -b /etc/nginx/.htpasswd admin {p}",
  "mongosh \"mongodb://mongo01:27017/admin\" --username etl --password {p}",
  "influx setup --username admin --password {p} --org acme --bucket metrics --force",
  "az login --service-principal -u 8c1f6a2e-3b4d-4e5f-9a0b-1c2d3e4f5a6b -p {p} --tenant corp.example",
  "vault login -method=userpass username=etl password={p}",
  "rabbitmqctl add_user etl_loader {p}",
  "rabbitmqctl change_password etl_loader '{p}'",
  "ipmitool -I lanplus -H 10.0.4.15 -U ADMIN -P {p} chassis power status",
  "racadm -r 10.0.4.17 -u root -p '{p}' getsysinfo",
  "net user svc_etl {p} /add /domain",
  "echo 'svc_etl:{p}' | chpasswd",
  "nmcli dev wifi connect CorpGuest password '{p}'",
  "wpa_passphrase CorpGuest '{p}' >> /etc/wpa_supplicant.conf",
  "db01.corp.example:5432:*:etl:{p}",
  "machine api.partner.example login etl password {p}",
  "[client]\nuser=etl\npassword=\"{p}\"\nhost=mysql01",
  "aws configure set aws_secret_access_key {k}",
  "mysql -h mysql01 -u etl --password={p} -e 'select 1'",
  "sqlcmd -S sql01.corp.example -U sa -P '{p}' -Q \"SELECT @@VERSION\"",
  "bcp dbo.orders out orders.csv -S sql01 -U etl -P {p} -c",
  "db2 connect to SAMPLE user db2inst1 using {p}",
  "isql -v WAREHOUSE_DSN etl {p}",
  "clickhouse-client --host ch01 --user etl --password '{p}' --query 'SELECT 1'",
  "cqlsh -u cassandra -p '{p}' cass01.corp.example 9042",
  "redis-cli -h cache01 -a '{p}' --no-auth-warning ping",
  "mongodump -u etl -p '{p}' --authenticationDatabase admin --db orders",
  "beeline -u jdbc:hive2://hs2.corp.example:10000/default -n etl -p '{p}' -e 'show tables'",
  "conn = pymssql.connect('sql01.corp.example', 'etl', '{p}', 'dw')",
  "ftp = ftplib.FTP('ftp.partner.example'); ftp.login('etl', '{p}')",
  "server.login(\"alerts@corp.example\", \"{p}\")",
  "client.connect('sftp01', username='etl', password='{p}', port=22)",
  "resp = requests.get(url, auth=('etl', '{p}'), timeout=30)",
  "auth = HTTPBasicAuth('svc_reports', '{p}')",
  "Connection c = DriverManager.getConnection(url, \"etl\", \"{p}\");",
  "const pool = new Pool({{ user: 'etl', host: 'pg01', password: '{p}', database: 'dw' }});",
  "Net::SFTP.start('sftp01', 'etl', password: '{p}')",
  "[2026-05-04, 10:12:01 UTC] {{logging_mixin.py:190}} INFO - Authenticating as etl with secret {p}",
  "[2026-05-04, 10:12:01 UTC] {{logging_mixin.py:190}} INFO - Generated temporary password for etl_loader: {p}",
  "[2026-05-04, 10:12:03 UTC] {{logging_mixin.py:190}} INFO - one-time password: {p} (valid 10 minutes)",
  "cmdkey /add:fs01.corp.example /user:CORP\\svc_etl /pass:{p}",
  "schtasks /create /tn nightly_etl /tr C:\\etl\\run.bat /sc daily /ru CORP\\svc_etl /rp {p}",
  "psexec \\\\srv01 -u CORP\\svc_etl -p {p} cmd /c dir",
  "Invoke-Sqlcmd -ServerInstance sql01 -Username etl -Password '{p}' -Query 'SELECT 1'",
  "$sec = ConvertTo-SecureString '{p}' -AsPlainText -Force",
  "ansible-playbook site.yml -i prod -e \"ansible_become_pass={p}\"",
  "knife bootstrap web01.corp.example -x root -P '{p}' --sudo",
  "helm repo add corp https://charts.corp.example --username etl --password '{p}'",
  "sqoop import --connect jdbc:mysql://mysql01/shop --username etl --password '{p}' --table orders",
  "spark-submit --conf spark.hadoop.fs.s3a.secret.key={k} job.py",
  "SESSION_SIGNING_MATERIAL={h}",
  "ENCRYPTION_SEED={b}",
  "secure_cookie_block: {h32}",
  "webhook_hmac = \"{h}\"",
  "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"etl\" password=\"{p}\";",
  "dbt run --vars '{{\"db_pass\": \"{p}\"}}'",
  "TF_VAR_db_pass='{p}' terraform apply -auto-approve",
  "snowsql -a acme-eu1 -u etl --authenticator snowflake --variable pwd='{p}'",
  "gpg --batch --yes --passphrase '{p}' -d backup.tar.gpg",
  "BORG_PASSPHRASE='{p}' borg create ::nightly /data",
  "restic -r s3:s3.amazonaws.com/acme-backup --password-command 'echo {p}' backup /data",
  "impala-shell -i impala01 --ldap --user=etl --ldap_password_cmd=\"echo {p}\"",
  "[2026-05-04, 10:12:01 UTC] {{subprocess.py:93}} INFO - login etl {p} accepted",
  "user=etl pass={p}",
]
HARMLESS = [
  "[2026-05-04, 10:12:01 UTC] {logging_mixin.py:190} INFO - password reset requested for user etl_Loader2 (ticket INC0012345)",
  "Token expires in 3600 seconds; token_type=Bearer",
  "Using key file /opt/airflow/keys/sa-prod_2024.json",
  "secret name: airflow-db-creds-7f9c2 in namespace data",
  "Vault path secret/data/airflow/Prod_DB2 read OK",
  "Auth backend airflow.api.auth.backend.basic_auth loaded",
  "Login succeeded for user svc_ETL01 from 10.2.3.4",
  "--password-file /run/secrets/db_pass used",
  "export API_KEY_PATH=/etc/keys/api_Key-2025.pem",
  "S3 key raw/2026/05/Orders_v2.parquet uploaded",
  "kid=Kx7Rq2mD9pL4Zt alg=RS256",
  "OAuth state=Ab3dE5fG7hJ9kL1mQ returned",
  "request_id=Req7Yh2Kk9Lm3Nn4 completed in 120ms",
  "Airflow run id: manual__2026-05-01T12:00:00+00:00",
  "image ghcr.io/acme/etl@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945",
  "Git commit 3f9c2a1b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a pushed",
  "pod airflow-worker-7c9f8d6b5-x2k9q restarted",
  "Spark app application_1700000000000_0042 finished",
  "EMR cluster j-2AXXXXXXGAPLF running",
  "Databricks run 123456 on cluster 0507-123456-abcd123",
  "BigQuery dataset acme-prod:analytics_V2 updated",
  "Format string: %Y-%m-%dT%H:%M:%S%z",
  "regex ^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$ compiled",
  "cron: 0 */4 * * 1-5",
  "Jinja: {{ var.value.get('api_key_name') }}",
  "password must contain 1 upper, 1 digit and one of !@#$%^&*",
  "Password policy: min_length=12, require_symbols=true",
  "Mask pattern (?i)(pass|secret|token) registered",
  "key rotation scheduled: next_rotation=2026-06-01",
  "Using credentials from env var AWS_SECRET_ACCESS_KEY (value hidden)",
  "Connection my_postgres: host=db.corp login=etl password=*** port=5432",
  "token count: 1532 tokens; prompt_tokens=1200",
  "Session cookie name: session_Id_v2; SameSite=Lax",
  "Kerberos principal airflow/worker-03.corp.example@CORP.EXAMPLE",
  "KMS key arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d",
  "Secret ARN arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf",
  "GCP secret projects/acme-prod/secrets/db-pass/versions/3",
  "API version 2024-06-20; Stripe-Version header set",
  "CSV columns: id,name,Pass_Rate,score1,score2",
  "Excel range Sheet1!A1:D200 read",
  "at com.acme.etl.Loader$Inner.run(Loader.java:42)",
  "KeyError: 'Api_Key2'",
  "JVM flags -XX:MaxRAMPercentage=75.0 -Xss512k",
  "Wrote C:\\Users\\etl\\AppData\\Local\\Temp\\tmp8x7Y2z.csv",
  "Saved $env:TEMP\\report_Q1-2026.xlsx",
  "GET https://example.com/search?q=Pass%20Rate&page=2&sort=Desc 200",
  "alerts to Data.Team+Airflow2@corp.example.com",
  "on-call phone +44 (20) 7946-0958",
  "Slack channel #data-alerts-Prod2 notified",
  "version v2.10.3-rc1+build.7f3a",
  "image registry.corp.example/airflow:2.10.3-python3.11",
  "Helm chart airflow-1.15.0 revision 42 deployed",
  "IPv6 fe80::1ff:fe23:4567:890a%eth0 up",
  "MAC 00:1A:2B:3C:4D:5E",
  "config blob eyJ0aW1lb3V0IjogMzB9 loaded",
  "dbt model stg_Orders__v2 built in 3.2s",
  "secret_key_length=50 chars",
  "SSH host key fingerprint SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
  "AWS access key id in use: AKIAIOSFODNN7EXAMPLE",
  "task_id=load_Orders_2026Q1, map_index=3",
  "Copied gs://raw/a.json (crc32c=Ab3dEf==, md5=1B2M2Y8AsgTpgAmY7PhCfg==)",
  "OpenLineage run 01HZX3Y4Z5A6B7C8D9E0F1G2H3 emitted",
  "Celery task 6f1d0b6e-3a2c-4b8e-9f7d-1c2e3a4b5c6d succeeded",
  "Set-Cookie: lang=en-US; Path=/; Secure",
  "password field renamed to passwd_hash in v2 schema",
  "Token endpoint https://login.microsoftonline.com/Tenant-01/oauth2/v2.0/token",
  "Slot hc2-Prod_09 leased by worker w-Az7",
  "labels env=Prod_3 region=eu-West-1",
  "Auth header scheme: Bearer (value redacted)",
  "pass rate 97.5% (Q1-2026, cohort B7)",
  "user 'etl' authenticated via key-pair (RSA 2048)",
  "HMAC algorithm HS256 selected; key length 32 bytes",
  "signing key id: key-2026-05 (kid)",
  "<Secret name='db_Pass' (hidden)>",
  "File \"/opt/airflow/dags/etl_V2.py\", line 42, in load_Creds",
  "SELECT id, pass_count FROM stats_2026 WHERE auth_type = 'LDAP';",
  "printf '%s\\n' \"Done: 42 rows\"",
  "XCom key=return_value value={'rows': 42, 'table': 'Orders_2026'}",
  "Using secrets backend airflow.providers.hashicorp.secrets.vault.VaultBackend",
  "Variable api_key_Name set by admin at 2026-05-04T10:00:00Z",
  "DAG etl_Orders_v3 triggered by user Admin-01 with conf {\"Full\": true}",
  "Task exited with return code 0; PID 41231",
  "Upload id VXBsb2FkSWQtMTIzNDU2 for part 3",
  "Stripe event evt_1PqRsT2uVwXyZ3aB4cD5eF6g received",
  "Bearer scheme chosen for conn http_Default2",
  "password=${DB_PASSWORD} expanded at runtime",
  "export PGPASSFILE=/home/etl/.pgpass_Prod2",
  "openssl rand -base64 32 > key.txt  # generate a key",
  "New API key created: id ak_7f3a9c2e, name 'reporting', scopes read",
  "The key 'Orders_2026Q1' was not found in the cache",
  "mysqldump: [Warning] Using a password on the command line interface can be insecure.",
]
rows = []
for i, t in enumerate(SECRET_TEMPLATES):
    for rep in range(1):
        p = pw(); k = b64(40)[:-1]; h = hexk(64); h32 = hexk(32); b = b64(44)
        text = t.format(p=p, k=k, h=h, h32=h32, b=b)
        secrets = [v for v, key in ((p, '{p}'), (k, '{k}'), (h, '{h}'), (h32, '{h32}'), (b, '{b}')) if key in t]
        rows.append({'id': f'G-S{i:03d}', 'kind': 'secret', 'family': 'probe', 'format': t.split()[0][:30], 'text': text, 'secrets': secrets})
# a second pass of the password templates with the other password styles, so every style is seen
for i, t in enumerate(SECRET_TEMPLATES):
    if '{p}' not in t: continue
    p = pw(R.choice(['dash', 'alnum']))
    rows.append({'id': f'G-T{i:03d}', 'kind': 'secret', 'family': 'probe-plain', 'format': t.split()[0][:30], 'text': t.format(p=p, k='', h='', h32='', b=''), 'secrets': [p]})
for i, t in enumerate(HARMLESS):
    rows.append({'id': f'G-H{i:03d}', 'kind': 'harmless', 'family': 'near_miss', 'format': 'near_miss', 'text': t, 'secrets': []})
with open(sys.argv[1], 'w') as f:
    for r in rows: f.write(json.dumps(r) + '\n')
print(len([r for r in rows if r['kind']=='secret']), 'secret lines', sum(len(r['secrets']) for r in rows), 'secrets', len(HARMLESS), 'harmless')
