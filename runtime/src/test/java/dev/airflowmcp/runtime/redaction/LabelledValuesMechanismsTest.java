package dev.airflowmcp.runtime.redaction;

import static dev.airflowmcp.runtime.redaction.RedactionProbes.keeps;
import static dev.airflowmcp.runtime.redaction.RedactionProbes.masks;

import org.junit.jupiter.api.Test;

/**
 * The mechanisms of issue-12-recall (stop 26), each with secrets and harmless neighbours of the
 * same shape: labelled values in prose ({@link LabelledValues}), space-aligned and box tables
 * ({@link AlignedTables}), literal keys of crypto calls, printed secret files and stored values,
 * names paired with values by workflow commands and XML, and the false alarms dropped by {@link
 * HarmlessContexts} (placeholders, commit ids, cache keys, name patterns). The examples are other
 * tools and vendors than the blind batches and the recall probes.
 */
class LabelledValuesMechanismsTest {
  @Test
  void labelledValuesInProse() {
    masks("Sentry relay key: 7c1f0d9a4be24a6c8e3b5d7f9a1c3e5b", "7c1f0d9a4be24a6c");
    masks("Your new Kraken API secret is Zq4kP9wLx2Vb7Nc5Rt8Ym3Hd6Fj1Gs0A", "Zq4kP9wLx2Vb7Nc5");
    masks("Unseal Key 5: 3nRk9VZc1x0bqL8tPf2WyH7mJd4sKa6GuE5oTi/Bw+Q=", "3nRk9VZc1x0bqL8t");
    masks("INFO - loaded signing key 5d41402abc4b2a76b9719d911017c592aa93", "5d41402abc4b2a76");
    masks("Grafana service account token -> glc9X2kQ7pLm4Vn8Rt3Wy6Zb1Hd5Fj0S", "glc9X2kQ7pLm4Vn8");
    masks(
        "Initial admin token for tenant 42 is 8f14e45fceea167a5a36dedd4bea2543",
        "8f14e45fceea167a");
    masks("SMS login code for +44 7700 900123: 55803917", "55803917");
    masks("HSM partition PIN 40917263 accepted", "40917263");
  }

  @Test
  void labelsThatAreNotCredentialsStay() {
    keeps("DynamoDB partition key: tenant_id, sort key: event_ts");
    keeps("Idempotency key: 6f1c2a9e-3b7d-4c5e-9a8f-0d1e2f3a4b5c");
    keeps("Public key: MCowBQYDK2VwAyEA3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08");
    keeps("completion tokens: 1834, prompt tokens: 412");
    keeps("the API key is rotated every 90 days");
    keeps("kubectl describe secret airflow-smtp-creds-9f2c1");
    keeps("PIN 0000 is the factory default");
    keeps("otp verification failed for user etl (attempt 3)");
    keeps("Databricks token lifetime_seconds=7776000 comment='etl'");
    keeps("task inventory.refresh_token scheduled__2026-10-06T23:40:09.872818+00:00 queued");
  }

  @Test
  void columnsOfAlignedAndBoxTables() {
    masks(
        "   account   api_secret\n0  north     k2P9xQ7mW4vL8nR3\n1  south     z5T1yH6jB0cF4gD8",
        "z5T1yH6jB0cF4gD8");
    masks(
        "+-----+--------------------+\n|user |passphrase          |\n+-----+--------------------+\n"
            + "|etl  |Tq8-Vn3-Lp6-Zr1    |\n+-----+--------------------+",
        "Tq8-Vn3-Lp6-Zr1");
    masks(
        "LOGIN        PWD\n-----------  --------------\nREPORTER     Hy7Kw2Qz9Lm4", "Hy7Kw2Qz9Lm4");
    masks("│ host ┆ token │\n│ db1  ┆ Mx8Pq2Rz5Tw9Vb3N │", "Mx8Pq2Rz5Tw9Vb3N");
    masks("user;password;role\netl;Wq7Zx3Cv9Bn2;admin", "Wq7Zx3Cv9Bn2");
  }

  @Test
  void tablesWithoutSecretColumnsOrValuesStay() {
    keeps("   run_id              checksum\n0  r1  9e107d9d372bb6826bd81d3542a419d6");
    keeps("   user   password_changed   token_count\n0  etl    2025-02-01         120");
    keeps("   conn_id   password\n0  pg        None\n1  s3        NaN");
    keeps("NAME              SECRET_NAME\nweb               airflow-web-creds");
  }

  @Test
  void literalKeysOfCryptoCalls() {
    masks(
        "k = AES.new(binascii.unhexlify('00112233445566778899aabbccddeefa0f1e2d3c4b5a6978'), AES.MODE_EAX)",
        "00112233445566778899");
    masks("mac = HMAC(b'Zk3xV9pQ2mL7nR4tW8yB1cF6', digestmod=sha256)", "Zk3xV9pQ2mL7nR4t");
    masks("aes.Key = Convert.FromBase64String(\"Hp4Vx8Nq2Lz6Tm9Rb3Wk7Jc1\");", "Hp4Vx8Nq2Lz6Tm9R");
  }

  @Test
  void callsWithoutLiteralKeysStay() {
    keeps("h = hashlib.sha256(b'0f1e2d3c4b5a69788796a5b4c3d2e1f0').hexdigest()");
    keeps("cipher = AES.new(key, AES.MODE_CBC, iv=os.urandom(16))");
    keeps("assert digest == '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae'");
  }

  @Test
  void printedSecretFilesAndStoredValues() {
    masks("$ cat /etc/grafana/secret_key\nSW2YcwTIb9zpOOhoPsMm", "SW2YcwTIb9zpOOhoPsMm");
    masks("root@worker:/# cat ~/.pypirc.token\npypi4Kx9Lm2Qz7Vn", "pypi4Kx9Lm2Qz7Vn");
    masks(
        "$ etcdctl get /svc/ingest/api_secret\n/svc/ingest/api_secret\nQm8Vz3Xk1Lp6Tn9R",
        "Qm8Vz3Xk1Lp6Tn9R");
    keeps("$ cat /etc/hostname\nworker-7f9c2d-abc12");
    keeps("$ cat ~/.ssh/deploy_key.pub\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk2 ci");
    keeps("$ etcdctl get /svc/ingest/endpoint\n/svc/ingest/endpoint\nhttps://ingest.internal:8443");
  }

  @Test
  void namesPairedWithValuesByWorkflowCommandsAndXml() {
    masks("::add-mask::Rv7Kq2Xz9Lm4Wp1N", "Rv7Kq2Xz9Lm4Wp1N");
    masks(
        "::set-output name=sonar_token::6c3e9f0a1b2d4e5f7a8b9c0d1e2f3a4b5c6d7e8f", "6c3e9f0a1b2d");
    masks("<entry key=\"smtp.password\">Jd8Wq3Nz6Xv1Kp4T</entry>", "Jd8Wq3Nz6Xv1Kp4T");
    masks(
        "<add key=\"StorageAccountKey\" value=\"Pz5Lm8Qw2Xr7Vn4Kt1Yb6Hc3\" />", "Pz5Lm8Qw2Xr7Vn4K");
    masks("SA_PRIVATE_KEY_ID=4f0c9e2a7b1d8c3e6f5a9b0c2d4e6f8a1b3c5d7e", "4f0c9e2a7b1d8c3e");
    keeps("::set-output name=image_tag::2025.03.01-4f0c9e2");
    keeps("<entry key=\"smtp.host\">mail.corp.example</entry>");
  }

  @Test
  void falseAlarmsDropped() {
    keeps("MAILGUN_KEY=key-00000000000000000000000000000000");
    keeps("{\"sha\": \"9fceb02d0ae598e95dc970b74767f19372d61af8\", \"state\": \"success\"}");
    keeps("{\"ref\": \"main\", \"remote\": \"7d0e1c5b2a4f6e8d9c3b1a0f2e4d6c8b7a9f1e3d\"}");
    keeps("restored cache with key: gradle-wrapper-" + "3f9a1c7e5b2d4f6a".repeat(4));
    keeps("secrets_prefix: airflow/variables/*  # every Variable in the backend");
    // a credential label nearer to the hex wins over a commit word further back
    masks("commit 9fceb02 added api key: e3b0c44298fc1c149afbf4c8996fb924", "e3b0c44298fc1c14");
  }

  /**
   * The false-alarm filter judges only values a shape rule found: a value masked because its name,
   * flag or cue says it is a secret stays masked, whatever the rest of the line says (each of these
   * leaked when the filter applied to every rule).
   */
  @Test
  void credentialLabelledValuesAreNeverDropped() {
    masks("password: Pw0000000", "Pw0000000");
    masks("token=abc111111", "abc111111");
    masks("db_password: \"summer-night*\"", "summer-night*");
    masks("cache miss; db password=prod-admin-0123456789abcdef0123", "prod-admin-0123456789");
    masks("cache: api_key=sk-live-4f3a9b2c8d7e6f5a4b3c2d1e", "4f3a9b2c8d7e6f5a4b3c2d1e");
    masks(
        "wg public key set; psk 9fK2mQ7xLp4vR8sT1wZ6yB3nC5dH0jA",
        "9fK2mQ7xLp4vR8sT1wZ6yB3nC5dH0jA");
    masks(
        "public_key=abc private 9fK2mQ7xLp4vR8sT1wZ6yB3nC5dH0jA",
        "9fK2mQ7xLp4vR8sT1wZ6yB3nC5dH0jA");
    masks(
        "API token rotated, before: 5d41402abc4b2a76b9719d911017c592 after: (see vault)",
        "5d41402abc4b2a76b9719d911017c592");
    masks("key: sk-live-4f3a9b2c8d7e6f5a4b3c2d1e", "4f3a9b2c8d7e6f5a4b3c2d1e");
  }
}
