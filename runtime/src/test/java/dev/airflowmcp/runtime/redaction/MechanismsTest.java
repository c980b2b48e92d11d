package dev.airflowmcp.runtime.redaction;

import static dev.airflowmcp.runtime.redaction.RedactionProbes.keeps;
import static dev.airflowmcp.runtime.redaction.RedactionProbes.masks;
import static dev.airflowmcp.runtime.redaction.RedactionProbes.redact;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per detection mechanism, with inputs written here (not taken from the blind corpora):
 * each shows what the mechanism must mask and the harmless shapes next to it that it must leave.
 */
class MechanismsTest {
  @Test
  void valuesUnderSecretNamesThatAreClearlyNoSecretStay() {
    for (String kept :
        List.of(
            "client_secret: 43200s",
            "api_token=enabled",
            "db_password: 2025-03-01T10:00:00+00:00",
            "webhook_secret = https://hooks.internal.example.com/notify",
            "vault_token: vault:secret/data/airflow#token",
            "db_password=${DB_PASSWORD}",
            "password: arn:aws:secretsmanager:eu-west-1:123456789012:secret:pg-AbCdEf",
            "secret = projects/etl-prod/secrets/pg-password/versions/latest",
            "token_endpoint: https://login.example.com/oauth2/v2.0/token",
            "secret_host=vault.internal.example.net:8200",
            "Skipping password check: auth_backend=airflow.api.auth.backend.session")) {
      keeps(kept);
    }
    // Not clearly harmless: these are still masked (a number can be a PIN or a password).
    masks("db_password=84629173551", "84629173551");
    masks("auth_token=86400 retries=3", "86400");
    masks("password: Tr0ub4dor&3", "Tr0ub4dor&3");
    masks("token=https://user:s3cr3tPw@host.example.com/x", "s3cr3tPw");
  }

  @Test
  void inJsonQuantitiesAndFlagsUnderSensitiveKeysStayAndOtherNumbersAndStringsAreMasked() {
    String json =
        "{\"password_min_length\": 12, \"use_token_auth\": false, \"secret\": null,"
            + " \"api_token\": \"k8Hq2LmZr7Tx\", \"db_password\": 46359933, \"token_ttl\": 3600,"
            + " \"max_token_retries\": 5, \"secret_count\": 0, \"pin_secret\": 4821}";
    assertThat(redact(json))
        .isEqualTo(
            "{\"password_min_length\": 12, \"use_token_auth\": false,"
                + " \"secret\": null, \"api_token\": \"***\", \"db_password\": \"***\", \"token_ttl\": 3600,"
                + " \"max_token_retries\": 5, \"secret_count\": 0, \"pin_secret\": \"***\"}");
  }

  @Test
  void dottedPasswordsAreValuesNotAttributePaths() {
    masks("conn params: login=etl, password=Qx.7bLK9juqZ3LY, schema=dw", "Qx.7bLK9juqZ3LY");
    masks("DRIVER={ODBC};SERVER=db;UID=etl;PWD=mN3.Zq8PkW.t1;Encrypt=yes", "mN3.Zq8PkW.t1");
    keeps("password = settings.DB_PASSWORD");
    keeps("token = self.client.getToken");
  }

  @Test
  void longBase64UnderASecretNameIsNotTakenForTheNextSetting() {
    String body = "QUJD".repeat(300) + "ZGVm";
    masks("client-key-data: " + body + "=", body);
    keeps("password_file=");
  }

  @Test
  void base64OfADocumentUnderAnyNameIsReadNotMaskedByShape() {
    String cursor =
        java.util.Base64.getEncoder()
            .encodeToString(
                "{\"page\": 12, \"per_page\": 50}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    keeps("{\"items\": [], \"resume_marker\": \"" + cursor + "\"}");
    String inner =
        java.util.Base64.getEncoder()
            .encodeToString(
                "{\"password\": \"Zx9!kq2Lm\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    masks("{\"items\": [], \"resume_marker\": \"" + inner + "\"}", inner);
  }

  /** A fake token: {@code prefix} then {@code n} characters of {@code alphabet}, seeded. */
  private static String fake(String prefix, String alphabet, int n, long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    StringBuilder b = new StringBuilder(prefix);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String HEX = "0123456789abcdef";

  @Test
  void vendorPrefixesAreFoundUnderAnyNameAndAlone() {
    String uuid = "3f2a9c1e-7b4d-4e8f-a1c2-9d0e5f6a7b8c";
    List<String> tokens =
        List.of(
            fake("figd_", ALNUM + "_-", 40, 1),
            "pat-eu1-" + uuid,
            fake("sbp_", HEX, 40, 2),
            fake("pscale_pw_", ALNUM, 43, 3),
            fake("tskey-auth-", ALNUM, 12, 4) + "-" + fake("", ALNUM, 30, 5),
            fake("dose", HEX, 32, 6),
            fake("EAAA", ALNUM, 60, 7),
            fake("sq0csp-", ALNUM, 43, 8),
            "access_token$production$"
                + fake("", "abcdefghijklmnopqrstuvwxyz0123456789", 16, 9)
                + "$"
                + fake("", HEX, 32, 10),
            fake("xkeysib-", HEX, 64, 11) + "-" + fake("", ALNUM, 16, 12),
            fake("dt0c01.", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 24, 13)
                + "."
                + fake("", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 64, 14),
            fake("bkua_", HEX, 40, 15),
            fake("CCIPAT_", ALNUM, 22, 16) + "_" + fake("", HEX, 40, 17),
            fake("AKCp", ALNUM, 69, 18),
            fake("rnd_", ALNUM, 32, 19),
            fake("nfp_", ALNUM, 40, 20),
            fake("gsk_", ALNUM, 52, 21),
            fake("r8_", ALNUM, 37, 22),
            fake("pplx-", ALNUM, 48, 23),
            fake("lsv2_pt_", HEX, 32, 24) + "_" + fake("", HEX, 10, 25),
            fake("nvapi-", ALNUM, 64, 26),
            fake("sk-", ALNUM, 32, 27),
            fake("sk-or-v1-", HEX, 64, 28),
            fake("ATBB", ALNUM, 32, 29),
            fake("CFPAT-", ALNUM, 43, 30),
            fake("phx_", ALNUM, 47, 31));
    for (String t : tokens) {
      masks("deploy finished; handle " + t + " (rotated)", t);
      masks("{\"partner_ref\": \"" + t + "\"}", t);
      masks("SHIPPING_OPTION=" + t, t);
    }
    // Near misses: the prefixes inside words, and bodies of the wrong length or alphabet.
    keeps("the dosage dose 12 ml was logged; sk-learn 1.5.0; gsk_small; r8_x; figd_short");
    keeps("access_token$production$ is the Braintree format");
  }

  @Test
  void namesThatSayCredentialWithoutASecretWord() {
    String key = fake("", ALNUM, 36, 40);
    masks("{\"headers\": {\"X-Partner-Key\": \"" + key + "\"}}", key);
    masks("X-Acme-Token: " + key, key);
    // A vendor's KEY holds one when its value is random; an object or cache key stays.
    masks("ACME_KEY=" + key, key);
    keeps("S3_KEY=raw/2025/06/01/events.parquet");
    keeps("cache_key: dag_processor.parse.etl_daily");
    // A user name of API key shape (Confluent, AWS key ids) is a credential id.
    masks("sasl.jaas.config=... username=\"QX7RTB4KZP2MWN9H\" password=\"x\";", "QX7RTB4KZP2MWN9H");
    masks("{\"sasl.username\": \"QX7RTB4KZP2MWN9H\"}", "QX7RTB4KZP2MWN9H");
    keeps("{\"sasl.username\": \"airflow-etl\", \"login\": \"SVC_AIRFLOW_ETL\"}");
    keeps("{\"username\": \"01J9ZK3M5N7P8Q9R2S3T4V5W6X\"}"); // a ULID
  }

  @Test
  void arrowsAndDoubleColonsSeparateANameFromItsValue() {
    masks("DEBUG - db_password -> Kq8.Zr2Lm9Tx (from env)", "Kq8.Zr2Lm9Tx");
    masks(
        "DEBUG - Variable.get('partner_drop_code') -> 'hT4kQ9mZ2xLp7RwB3n'", "hT4kQ9mZ2xLp7RwB3n");
    masks("conn params -> login=etl, Password::Vq%&HTZ3Z2k, schema=dw", "Vq%&HTZ3Z2k");
    keeps("DEBUG - Variable.get('env') -> 'production'");
    keeps("Password::Policy applied to 3 users; token::refresh scheduled");
  }

  @Test
  void anAwsSecretKeyNextToItsKeyIdIsMaskedWithoutTheWordSecret() {
    String secret = fake("", ALNUM + "/+", 40, 41);
    masks(
        "Found credentials in environment variables. (AKIAZ5PWBA7DHSYF2DX3 / " + secret + ")",
        secret);
    keeps("sha1 of release notes: 3f1e0c9a7b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f");
  }

  @Test
  void generatedPasswordsWithPunctuationUnderPurposeNamesInListings() {
    String pw = "Qm7#rT2&vX9*kL4!pZ";
    masks("{\"key\": \"vendor_gate\", \"value\": \"" + pw + "\"}", pw);
    masks("{\"extra\": {\"portal_code\": \"" + pw + "\"}}", pw);
    masks("AIRFLOW_VAR_DROP_CODE=" + pw, pw);
    masks("sftp_drop_pin: " + pw, pw);
    masks("DEBUG - Variable.get('drop_code') -> '" + pw + "'", pw);
    // Punctuation that belongs to harmless shapes stays.
    for (String kept :
        List.of(
            "callback_query: ?dag_id=etl&run_id=manual__2025-06-01T00:00:00+00:00",
            "log_format: %(asctime)s %(levelname)s",
            "run_ref: manual__2025-06-01T10:00:00+00:00",
            "AIRFLOW_VAR_FILTER=status=Active&region=EU2&tier=Gold",
            "target: {{ ds }}/Part-01",
            "landing_uri=s3://Bucket-01/raw/Q1?versionId=Ab3",
            "owner_email: Data.Team01@example.com",
            "request_id: Req-2025#A1b2C3d4 (see dashboard)",
            "{'Accept-Language': 'en-US,en;q=0.9', 'Accept-Charset': 'UTF-8;q=0.9'}")) {
      keeps(kept);
    }
    assertThat(Shapes.passwordLike(pw, 0, pw.length())).isTrue();
    assertThat(Shapes.passwordLike("Version-2.10.3_Build", 0, 20)).isFalse();
  }

  @Test
  void publicKeyMaterialUnderAnyNameStays() {
    byte[] ssh = new byte[64];
    ssh[3] = 7; // SSH wire format: a 4-byte length, then "ssh-rsa" and the key
    for (int i = 4; i < 64; i++) {
      ssh[i] = (byte) (i * 37);
    }
    String b64 = java.util.Base64.getEncoder().encodeToString(ssh);
    keeps("{\"deploy_host_key\": \"" + b64 + "\"}");
    keeps("{\"public_key\": \"" + fake("", ALNUM, 40, 50) + "\"}");
  }

  @Test
  void aUuidUnderAKeyNameIsAKeyAndUnderAnIdNameAnId() {
    String uuid = "6b1f0c2e-94d3-4a7b-b5e8-1c2d3e4f5a6b";
    masks("OPSGENIE_INTEGRATION=" + uuid, uuid);
    masks("{\"routing_key\": \"" + uuid + "\"}", uuid);
    keeps("integration_id: " + uuid);
    keeps("{\"idempotency_key\": \"" + uuid + "\", \"dag_run_uuid\": \"" + uuid + "\"}");
    keeps("run " + uuid + " finished");
  }

  @Test
  void aSeedIsASecretNameButANumericSeedStays() {
    masks("client_seed: d623c618f7f06663aa2", "d623c618f7f06663aa2");
    keeps("random_seed: 42");
    keeps("training seed 1234 fixed for reproducibility");
  }

  @Test
  void csvAndTsvColumnsUnderASecretHeaderAreMasked() {
    masks(
        "user,password,role\netl_svc,Tq8#xLm2!pZ,admin\n\"bi\",\"Zx9!kLm2q\",\"read\"\n",
        "Tq8#xLm2!pZ");
    masks(
        "user,password,role\netl_svc,Tq8#xLm2!pZ,admin\n\"bi\",\"Zx9!kLm2q\",\"read\"\n",
        "Zx9!kLm2q");
    masks("name\ttoken\tcreated\nci\tq8Lm2Zx9Kp\t2025-01-01\n", "q8Lm2Zx9Kp");
    keeps("dag_id,state,password_rotated\netl,success,2025-01-01\n");
    keeps("Checked: user, password, role\nfound: 3, 4, 5\n");
  }

  @Test
  void gcsHmacKeysAreMaskedAsAPair() {
    String id = "GOOG1E" + fake("", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 55, 60);
    String secret = fake("", ALNUM + "/+", 40, 61);
    masks("HMAC key: " + id + " " + secret, id);
    masks("HMAC key: " + id + " " + secret, secret);
  }

  @Test
  void schedulerMadeNamesAndDigestFingerprintsAreHarmlessShapes() {
    keeps("INFO - Pod etl-daily-run-7f9c8b6d5-x2k9p has phase Running");
    keeps("INFO - Dataproc job spark-etl-20250301-7f3a9c1e-b2k4 submitted");
    keeps("INFO - Host key fingerprint SHA256:Xk29LmQp8rT4vWy7AbCdEf1Gh3Ij5Kl7Mn9Op1Qr3St");
    // Still masked: random mixed case, and a secret after a word that merely ends in "md5".
    masks(
        "INFO - handle Xk29LmQp8rT4vWy7AbCdEf1Gh3Ij5Kl7Mn9 issued",
        "Xk29LmQp8rT4vWy7AbCdEf1Gh3Ij5Kl7Mn9");
    masks(
        "INFO - notmd5:Xk29LmQp8rT4vWy7AbCdEf1Gh3Ij5Kl7Mn9", "Xk29LmQp8rT4vWy7AbCdEf1Gh3Ij5Kl7Mn9");
  }

  @Test
  void shortPasswordFlagsOfAnyCommandAreMaskedWhenTheValueCanOnlyBeAPassword() {
    masks("7z a -pK8#mQz2!xLw9 backup.7z /data", "K8#mQz2!xLw9");
    masks("unzip -P 'Xk2#pLm9qR' archive.zip", "Xk2#pLm9qR");
    masks("openssl enc -aes-256-cbc -k 'Tq8#xLm2!pZw' -in f -out g", "Tq8#xLm2!pZw");
    masks("ldapsearch -x -D cn=admin,dc=corp -w 'Kq8!mZ2xLp' -b dc=corp", "Kq8!mZ2xLp");
    masks("cqlsh cassandra -u etl -p 'Ab3#xY9!qLm2'", "Ab3#xY9!qLm2");
    masks("ssh-keygen -t rsa -b 4096 -N Kq8!mZ2xLp -f /tmp/k", "Kq8!mZ2xLp");
    masks(
        "keytool -importkeystore -srcstorepass Xk29#LmQp8 -deststorepass 'Pq7!zLm2Kw'",
        "Pq7!zLm2Kw");
    masks("mc alias set minio http://minio:9000 minioadmin Ab3xY9qLm2Zk", "Ab3xY9qLm2Zk");
    masks("net use Z: \\\\fs\\share /user:CORP\\etl Ab3#xY9!qLm2", "Ab3#xY9!qLm2");
    masks("trino --server https://trino --user etl --password <<< 'Ab3#xY9!qLm2'", "Ab3#xY9!qLm2");
    masks("echo 'Ab3#xY9!qLm2' | gpg --batch --passphrase-fd 0 -d s.gpg", "Ab3#xY9!qLm2");
    // The same letters as ports, paths, modes and formats stay.
    keeps("docker run -p 8080:8080 -e AIRFLOW__CORE__LOAD_EXAMPLES=False apache/airflow:2.10.5");
    keeps("mkdir -p /opt/airflow/logs/scheduler/2025-03-01");
    keeps("curl -k -w '%{http_code}' https://airflow.internal/health");
    keeps("ssh -N -L 5432:db:5432 bastion");
    keeps("mvn -P release-profile -pl runtime -am install");
    keeps("pytest -k 'test_password and not slow' -p no:cacheprovider");
    keeps("gcc -Wall -O2 -pthread -o app main.c");
    keeps("psql -h db -p 5432 -U etl -d app");
  }

  @Test
  void valuesAfterASecretNameAndWhiteSpaceAreMaskedWhenMachineMade() {
    masks("Using login etl password Zx9kLm2qW7 for sftp", "Zx9kLm2qW7");
    masks("Secret key is Zx9kLm2qW7pRt4Vb", "Zx9kLm2qW7pRt4Vb");
    masks("API key: Zx9kLm2qW7pRt4Vb", "Zx9kLm2qW7pRt4Vb");
    masks(
        "Private key: 0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
        "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    masks(
        "Key                Value\n---                -----\npassword           A1a-Zx9kLm2qW7pR\n",
        "A1a-Zx9kLm2qW7pR");
    masks(
        "rclone config create s3 s3 secret_access_key Ab3xY9qLm2Zk/Zx9kLm2qW7pRt4VbXy1+AbCdEf",
        "Ab3xY9qLm2Zk/Zx9kLm2qW7pRt4VbXy1+AbCdEf");
    keeps("WARNING - password authentication failed for user \"etl\"");
    keeps("INFO - password reset link sent to etl@corp.example.com");
    keeps("Authenticating with password from connection pg_default");
    keeps("Primary key: dag_id");
    keeps("token                hvs.CAESIJ");
  }

  @Test
  void outputOfACommandThatReadsASecretIsMasked() {
    masks("$ vault kv get -field=password secret/airflow/pg\nZx9!kLm2qW", "Zx9!kLm2qW");
    masks(
        "$ kubectl get secret pg -o jsonpath='{.data.password}' | base64 -d\nhunter2hunter",
        "hunter2hunter");
    masks(
        "$ gcloud secrets versions access latest --secret=pg-pass\nhunter2hunter", "hunter2hunter");
    masks(
        "reply: b'334 UGFzc3dvcmQ6\\r\\n'\nsend: 'aHVudGVyMmh1bnRlcg==\\r\\n'",
        "aHVudGVyMmh1bnRlcg==");
    masks("AUTH PLAIN AGV0bEBjb3JwLmNvbQBaeDkha0xtMnFX", "AGV0bEBjb3JwLmNvbQBaeDkha0xtMnFX");
    masks("C: a001 LOGIN etl@corp.com hunter2hunter", "hunter2hunter");
    masks("PASS Zx9kLm2qW7", "Zx9kLm2qW7");
    keeps("$ echo $HOME | base64 -d\n/root");
    keeps("$ kubectl get secret airflow-postgresql -o yaml | grep -c data\n3");
    keeps("INFO - Login with user admin succeeded");
    keeps("Pass the butter");
  }

  @Test
  void credentialsNamedByPurposeListsAndElementTextAreMasked() {
    masks("backup_codes: [\"2e3qf-ti3ir\", \"4ooux-avacp\"]", "4ooux-avacp");
    masks("recovery_codes:\n  - 8f3k2-9xq7m\n  - 2j4l1-m8x0q", "2j4l1-m8x0q");
    masks("Your recovery codes: 4f8k2-9xq7m 2j4l1-m8x0q", "2j4l1-m8x0q");
    masks("2FA backup code: 8462-9173", "8462-9173");
    masks("license activation_code=8346I-34MJZ-EKP2S", "8346I-34MJZ-EKP2S");
    masks("sftp_passcode: zVFZZhkcvvulMDvs", "zVFZZhkcvvulMDvs");
    masks(
        "seed_phrase: abandon ability able about above absent absorb abstract absurd abuse",
        "absorb abstract");
    masks("SYNC_AUTH=nroShOqAItEkhMWB0mxO3dnKlR6Ti2Oxskqd", "nroShOqAItEkhMWB0mxO3dnKlR6Ti2Oxskqd");
    masks("<password>V#!%MNCDU6&amp;s7&amp;q</password>", "&amp;s7&amp;q");
    masks("spring.datasource.password=$B6CX1rdGoVPjf3", "B6CX1rdGoVPjf3");
    keeps("backup_codes_remaining: 7");
    keeps("recovery_code_count=3");
    keeps("random_seed=1234");
    keeps("INFO - Task exited with return code 0");
    keeps("ERROR - status_code=503 error_code=ServiceUnavailable");
    keeps("<password_policy>strict</password_policy>");
    keeps("db_password=${DB_PASSWORD} other=$PG_PASS");
  }

  @Test
  void identifiersDigestsAndDocumentedExampleKeysStay() {
    keeps("INFO - BigQuery job_JA1pfBX9LNIF3F6tGkrVzOqaOvGR completed");
    keeps("INFO - BigQuery job bqjob_r1a2b3c4d5e6f7_0000018e8f9a2b3c_1 done");
    keeps("INFO - request req_8f3KzLm2Qw9xYt4TzQ completed in 120ms");
    keeps(
        "\"integrity\": \"sha512-l2sCXYvRdKyBh1okRDjocQvvMJxJnNTIn66mlIyDOJ8bWMQTZI3UmfyTyVeuiGZj"
            + "+oTjpj2YiWo7nS5vuUN8nQ==\"");
    keeps("# AWS docs: aws_access_key_id = AKIAIOSFODNN7EXAMPLE");
    keeps("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    // Still masked: the same shapes without the identifier noun or the example marker.
    masks("INFO - handle JA1pfBX9LNIF3F6tGkrVzOqaOvGR issued", "JA1pfBX9LNIF3F6tGkrVzOqaOvGR");
    masks("aws_access_key_id = AKIAZ5PWBA7DHSYF2DX3", "AKIAZ5PWBA7DHSYF2DX3");
  }

  @Test
  void formatsOfTheFourthBatchByMechanismWithLinesWrittenHere() {
    // Codes on the lines after a heading, and comma lists under a code name.
    masks("Slack recovery codes for etl-bot:\nq8x2m-4kd9z\n7hq2p-x0m3k\n", "7hq2p-x0m3k");
    masks("recovery_codes: 4821-9930, 1177-0432, 5529-8813", "5529-8813");
    // An API key in a query string, a shell's '\'' inside single quotes.
    masks(
        "GET https://maps.example.com/api?key=Zx9kLm2qW7pRt4VbXy1A&q=berlin",
        "Zx9kLm2qW7pRt4VbXy1A");
    masks("+ export API_PASS='Kq8m'\\''Z2xLp'", "Z2xLp");
    // Properties XML, expect scripts, PuTTY keys, protocol logins, hashes, licence keys.
    masks("<entry key=\"stripe_secret\">Zx9kLm2qW7pRt4VbXy1A</entry>", "Zx9kLm2qW7pRt4VbXy1A");
    masks("expect \"Password:\"\nsend \"Kq8mZ2xLp77\\r\"", "Kq8mZ2xLp77");
    masks(
        "Private-Lines: 1\nAAAAIBk3Zx9kLm2qW7pRt4VbXy1AQm3Lp8Xk2",
        "AAAAIBk3Zx9kLm2qW7pRt4VbXy1AQm3Lp8Xk2");
    masks("  00:00.10 > b'XYZ3 LOGIN etl@corp.example \"Kq8mZ2xLp77\"'", "Kq8mZ2xLp77");
    masks("1767000000.1 [0 10.0.0.1:5000] \"AUTH\" \"Kq8mZ2xLp77\"", "Kq8mZ2xLp77");
    masks("snmpget -v2c -c Kq8mZ2xLp77 10.0.0.1 sysName.0", "Kq8mZ2xLp77");
    masks("C:\\> net use \\\\fs\\share Kq8!mZ2xLp /user:CORP\\etl", "Kq8!mZ2xLp");
    masks(
        "admin:$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
        "R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW");
    masks("product_serial: 7QX2K-M4PZ9-B8WN3-R5TJ6", "7QX2K-M4PZ9-B8WN3-R5TJ6");
    masks("INFO - conn password (decoded) Kq8!mZ2xLp77", "Kq8!mZ2xLp77");
    masks(
        "CONFIG_B64="
            + java.util.Base64.getEncoder()
                .encodeToString(
                    "API_TOKEN=ghp_Zx9kLm2qW7pRt4VbXy1AQm3Lp8Xk2Zx9kLm2\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        "CONFIG_B64=R");
    // Harmless: public files in base64, object ids, fill-in placeholders, references.
    keeps("avatar_jpeg_b64=/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U");
    keeps("refund re_3Nq8Zx9kLm2qW7pR for charge ch_3Nq8Zx9kLm2qW7pRt4Vb");
    keeps("INFO - application id: spark-4f1c9e0b8a7d6c5b4a39281706f5e4d3 started");
    keeps("export GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx");
    keeps("api_key: \"<YOUR_API_KEY>\"");
    keeps("DATADOG_API_KEY=your-datadog-api-key-here");
    keeps("MYSQL_PWD=$DB_PASSWORD mysql -h $DB_HOST app");
    keeps("INFO - request id: 1a2b-3c4d-5e6f-7a8b finished");
  }
}
