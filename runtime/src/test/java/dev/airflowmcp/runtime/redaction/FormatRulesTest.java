package dev.airflowmcp.runtime.redaction;

import static dev.airflowmcp.runtime.redaction.RedactionProbes.keeps;
import static dev.airflowmcp.runtime.redaction.RedactionProbes.masks;

import org.junit.jupiter.api.Test;

/**
 * The round-4 families ({@link FormatRules} and the small hooks beside it), with probes written
 * here for the members of each family that no corpus holds: each shows what must be masked and the
 * harmless lines next to it that must stay.
 */
class FormatRulesTest {
  @Test
  void userColonPasswordFlagsWithTheirQuoting() {
    masks("curl -sS -u deploy:'Vq7#pL2!xR' https://ci.example.org/job", "Vq7#pL2!xR");
    masks("curl --user ops:\"Zk4 9$ mm!Q\" https://x.example.org", "Zk4 9$ mm!Q");
    masks("curl --user 'ops:pa ss w0rd!' https://x.example.org", "pa ss w0rd!");
    masks("curl -U proxyuser:'Hq3!rT8@zz' --proxy http://p:3128 https://x", "Hq3!rT8@zz");
    masks("http --auth analyst:'b7Y!m2Qz#w' GET https://api.example.org", "b7Y!m2Qz#w");
    keeps("curl -u admin:$ADMIN_PASSWORD https://x.example.org");
    keeps("curl -u \"$USER:$TOKEN\" https://x.example.org");
  }

  @Test
  void powershellDotnetAndWindowsAccountCommands() {
    masks("$s = ConvertTo-SecureString \"Rf7!kQ2@pw\" -AsPlainText -Force", "Rf7!kQ2@pw");
    masks("$p = ConvertTo-SecureString -String 'Lm3#vX9qz' -AsPlainText -Force", "Lm3#vX9qz");
    masks("var c = new NetworkCredential(\"svc_etl\", \"Wq8!zLp3#d\");", "Wq8!zLp3#d");
    masks("net user svc_backup Tg5!mQ8zr /add /domain", "Tg5!mQ8zr");
    masks("cmdkey /add:fileserver01 /user:CORP\\svc /pass:Hy6#kW2pq", "Hy6#kW2pq");
    masks("schtasks /Create /TN nightly /RU CORP\\svc /RP Jd4!nB7xv /SC DAILY", "Jd4!nB7xv");
    keeps("$s = ConvertTo-SecureString $env:SVC_PASSWORD -AsPlainText -Force");
    keeps("net user svc_backup * /add");
    keeps("net user svc_backup /active:no");
  }

  @Test
  void literalsPipedIntoToolsThatReadSecretsOnStdin() {
    masks("echo 'Qw7!zTm3pL' | kinit svc_airflow@CORP.EXAMPLE.ORG", "Qw7!zTm3pL");
    masks("echo \"svc:Nb4#xK8qa\" | sudo chpasswd", "Nb4#xK8qa");
    masks("echo 'Ys3!hG7wq' | sudo -S systemctl restart airflow-worker", "Ys3!hG7wq");
    masks("printf '%s' 'Pz5@nF2kr' | docker secret create pg_password -", "Pz5@nF2kr");
    masks("echo -n 'Ux2!bV9md' | gh secret set DB_PASSWORD --repo acme/etl", "Ux2!bV9md");
    masks("echo Kc8mZq4TrW2x | passwd --stdin svc_etl", "Kc8mZq4TrW2x");
    keeps("echo \"$KRB_PASSWORD\" | kinit svc_airflow@CORP.EXAMPLE.ORG");
    masks("gcloud secrets create pg --data-file=- <<< 'Tz8!qM4xkp'", "Tz8!qM4xkp");
    masks("secret-tool store --label=pg service pg user etl <<< 'Bq6!zM3kxp'", "Bq6!zM3kxp");
    masks("kinit svc@CORP.EXAMPLE.ORG <<< \"Wm2!qZ7kxp\"", "Wm2!qZ7kxp");
    masks("az keyvault secret set --vault-name kv --name pg --value 'Wz6!qM3kxp'", "Wz6!qM3kxp");
    masks(
        "aws ssm put-parameter --name /etl/pg --type SecureString --value Hq3!mZ8kxp",
        "Hq3!mZ8kxp");
    masks("keyring.set_password(\"pg\", \"etl\", \"Vq8!mZ4kxp\")", "Vq8!mZ4kxp");
    keeps("aws ssm put-parameter --name /etl/pg --type String --value /opt/airflow/etl");
    keeps("az keyvault secret set --vault-name kv --name pg --value \"$PG_PASSWORD\"");
    keeps("cat <<< 'hello world'");
    keeps("echo 'starting kinit' | tee -a /var/log/airflow/kinit.log");
  }

  @Test
  void goDriverDsnAndClientConstructors() {
    masks("dial etl:Zr8!qM2x@tcp(db.internal:3306)/events?parseTime=true", "Zr8!qM2x");
    masks("dsn := \"app:W3b@Ck#9@unix(/var/run/mysqld.sock)/crm\"", "W3b@Ck#9");
    masks(
        "client = SearchClient.create('Q1W2E3R4T5', '9f3b2c1d4e5f60718293a4b5c6d7e8f9')",
        "9f3b2c1d4e5f60718293a4b5c6d7e8f9");
    masks(
        "index = algoliasearch(\"Q1W2E3R4T5\", \"Kq8Zr2Lm5Np7Tx3Vb9Wc\")", "Kq8Zr2Lm5Np7Tx3Vb9Wc");
    masks("c = PusherClient(app_id='1234567', key='a1b2c3d4e5f6a7b8c9d0')", "a1b2c3d4e5f6a7b8c9d0");
    keeps("dial tcp 10.0.0.4:3306: connect: connection refused");
    keeps("client = StorageClient('my-project', 'europe-west1-regional-bucket')");
    keeps("client = bigquery.Client('analytics-prod', 'EU')");
  }

  @Test
  void vendorPrefixesByTheirDocumentedShape() {
    masks("prefect cloud login --key pnu_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7c", "pnu_Ab3dEf6hIj9k");
    masks("PREFECT_API_KEY=pnb_Zy9xWv8uTs7rQp6oNm5lKj4iHg3fEd2cBa1z", "pnb_Zy9xWv8uTs7r");
    masks("DBT_CLOUD_TOKEN: dbtc_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zA", "dbtc_Ab3dEf6hIj9k");
    masks(
        "Calling with credential 1/1204345678901234:0a1b2c3d4e5f60718293a4b5c6d7e8f9 now",
        "0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    masks(
        "asana:\n  token:\n    value: \"2/1204345678901234/1209876543210987:"
            + "0a1b2c3d4e5f60718293a4b5c6d7e8f9\"",
        "0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    keeps("pnu_short is not a key, nor is dbtc_x");
  }

  @Test
  void webhookPathsSplitOverLiteralsOrWrappedLines() {
    String secret = "Gh7Kq2Lm9Np4Rs6Tv8Wx3Yz5";
    masks(
        "BASE = \"https://hooks.slack.com/services/\"\nURL = BASE + \"T0ABCDE12/B0FGHIJ34/\" + \""
            + secret
            + "\"",
        secret);
    masks(
        "HOOK = (\n  \"https://hooks.slack.com/services/\"\n  \"T0ABCDE12/B0FGHIJ34/\"\n  \""
            + secret
            + "\"\n)",
        secret);
    masks(
        "HOOK = 'https://hooks.slack.com/services/T0ABCDE12/' + 'B0FGHIJ34/' + '" + secret + "'",
        secret);
    masks(
        "INFO - Posting to https://hooks.slack.com/services/T0ABCDE12/B0FGHIJ34/Gh7Kq2Lm9\n"
            + "Np4Rs6Tv8Wx3Yz5 payload_size=412",
        "Gh7Kq2Lm9",
        "Np4Rs6Tv8Wx3Yz5");
    keeps(
        "Webhook URLs look like https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/"
            + "XXXXXXXXXXXXXXXXXXXXXXXX");
    keeps("Posted to hooks.slack.com in 212 ms\nNext task: notify_done payload_size=412");
  }

  @Test
  void netrcEntriesOverSeveralLines() {
    masks("machine ftp.vendor.example\n  login etl\n  password Qz7.mK@x2pL\n", "Qz7.mK@x2pL");
    masks(
        "machine a.example\nlogin u\npassword Aa1.bb2@cc3\nmachine b.example\nlogin v\n"
            + "password Dd4!ee5#ff6\n",
        "Aa1.bb2@cc3",
        "Dd4!ee5#ff6");
    keeps("machine learning pipeline started\npassword rotation is handled by Vault");
  }

  @Test
  void armouredSharedKeysPasswordsOfFilesAndBasicPairs() {
    String body = "0b1ea9a599eeedd51714f144c5749b0e\nd2cfa134cd18b3ee28f891e843777f0b\n";
    masks(
        "-----BEGIN OpenVPN Static key V1-----\n" + body + "-----END OpenVPN Static key V1-----",
        "0b1ea9a599eeedd51714f144c5749b0e");
    keeps(
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----");
    masks("private_key_file_pwd: Tq8nLz3wXk", "Tq8nLz3wXk");
    masks("ssl_keystore_file_password = Hw5#kPq9z", "Hw5#kPq9z");
    keeps("private_key_file: /opt/airflow/keys/rsa_key.p8");
    keeps("max_password_length: 64");
    masks("flower_basic: admin:Rq8Kz3Lm7Tx2Vb9", "Rq8Kz3Lm7Tx2Vb9");
  }

  @Test
  void environmentVariablesSetInCodeAndAuthObjects() {
    masks("$env:PGPASSWORD = \"Zq8!mLp3xR\"", "Zq8!mLp3xR");
    masks("os.environ[\"DB_PASSWORD\"] = \"Tz5!mQ2xkp\"", "Tz5!mQ2xkp");
    masks("process.env.API_TOKEN = 'Kq8Zr2Lm5Np7Tx3Vb9Wc';", "Kq8Zr2Lm5Np7Tx3Vb9Wc");
    masks("setx DB_PASSWORD \"Qm8!zK3xpv\"", "Qm8!zK3xpv");
    masks("System.setProperty(\"db.password\", \"Hn4!qZ7mxp\");", "Hn4!qZ7mxp");
    masks("auth = HTTPBasicAuth('etl', 'Vn3!qZ8mx')", "Vn3!qZ8mx");
    masks("session.auth = aiohttp.BasicAuth(\"etl\", \"Vk2!mQ9zxp\")", "Vk2!mQ9zxp");
    masks("creds = pika.PlainCredentials('etl', 'Jm7!qZ3xkp')", "Jm7!qZ3xkp");
    keeps("os.environ[\"DB_PASSWORD\"] = os.getenv(\"PG_PASS\", \"\")");
    keeps("os.environ[\"DB_PASSWORD\"] = db_password");
    keeps("$env:PGPASSWORD = $secret.Password");
    keeps("os.environ[\"AIRFLOW_HOME\"] = \"/opt/airflow\"");
    keeps("auth = HTTPBasicAuth(user, password)");
    keeps("auth=get_auth()");
    masks("sftp etl@files.example.org  # pw: Hq8!mZ2pxk", "Hq8!mZ2pxk");
    masks("{\"host\": \"files.example.org\", \"pw\": \"Hq8!mZ2pxk\"}", "Hq8!mZ2pxk");
    keeps("pw: 3 retries left");
    keeps("os.environ[\"AIRFLOW__CORE__FERNET_KEY_CMD\"] = \"cat /run/secrets/fernet\"");
    keeps("process.env.API_TOKEN_URL = \"https://auth.example.org/token\";");
  }

  @Test
  void theSamePasswordRawAndPercentEncoded() {
    masks(
        "conn uri=mysql://etl:%40%3AQz7mK2xLp9@db.internal/crm ; password (raw) @:Qz7mK2xLp9",
        "Qz7mK2xLp9");
  }

  @Test
  void nestedOptionListsAndPublishableKeysStay() {
    keeps("sql=\"COPY INTO raw.events FROM @stage CREDENTIALS=(AWS_KEY_ID='{{ var.value.k }}')\"");
    masks(
        "COPY INTO t FROM @s CREDENTIALS=(AWS_KEY_ID='AKIAIOSFODNN7ABCDEFG' "
            + "AWS_SECRET_KEY='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')",
        "wJalrXUtnFEMI/K7MDENG");
    keeps(
        "publishableKey: \"pk_live_51Hq8Kz3Lm7Tx2Vb9Wc4Yd6Ze1Af5Bg8Ch2Di7Ej3Fk9Gl4Hm6In1Jo5Kp8Lq2"
            + "Mr7Ns3Ot9Pu4Qv6Rw1Sx5Ty8Uz2Va7Wb3Xc9Yd4Ze6\"");
  }
}
