package dev.airflowmcp.runtime.redaction;

import static dev.airflowmcp.runtime.redaction.RedactionProbes.keeps;
import static dev.airflowmcp.runtime.redaction.RedactionProbes.masks;

import org.junit.jupiter.api.Test;

/**
 * The round-6 families (issue 12, blind batch 8 read by mechanism after its blind score), each with
 * probes for members batch 8 does not hold: what must be masked, and the harmless neighbours that
 * must stay.
 */
class Round6MechanismsTest {
  @Test
  void snmpV3PassphrasesUnderTheirFlags() {
    masks(
        "snmpget -v3 -l authPriv -u ops -a SHA-256 -A \"Zq7#pLw2!xR9\" -x AES256 -X Kd8$mN3@vT5q"
            + " core-sw 1.3.6.1.2.1.1.3.0",
        "Zq7#pLw2!xR9",
        "Kd8$mN3@vT5q");
    masks("snmpbulkwalk -v3 -u mon -l authNoPriv -a MD5 -A 'w9R!t2Lq_Z' edge1", "w9R!t2Lq_Z");
    keeps("grep -A 3 'ERROR' /var/log/airflow/scheduler.log");
    keeps("snmpwalk -v2c -On switch01 1.3.6.1.2.1.2.2.1.2");
  }

  @Test
  void literalsPipedIntoStdinAsAFile() {
    masks(
        "echo -n 'Qv7!mL2#zR8p' | kubectl create secret generic api --from-file=token=/dev/stdin",
        "Qv7!mL2#zR8p");
    masks(
        "printf %s \"Tn4@wK9xL2qZ\" | vault kv put secret/etl password=/dev/fd/0", "Tn4@wK9xL2qZ");
    keeps("cat dags/etl.py | python - < /dev/stdin");
  }

  @Test
  void hexPrivateKeysGivenToKeyConstructors() {
    String hex = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    masks("acct = w3.eth.account.privateKeyToAccount('0x" + hex + "')", hex);
    masks("sk = SigningKey(bytes.fromhex(\"" + hex + "\"))", hex);
    masks("wallet = ethers.Wallet(\"0x" + hex + "\")", hex);
    keeps("tx = w3.eth.get_transaction(\"0x" + hex + "\")");
    keeps("block_hash = '0x" + hex + "'");
  }

  @Test
  void credentialMaterialAndAbbreviatedPasswordNames() {
    masks("AUTH_MATERIAL=Lp9+qW2*zX7!", "Lp9+qW2*zX7!");
    masks("{\"signing_material\": \"Rz8_kQ3#mW5@vN\"}", "Rz8_kQ3#mW5@vN");
    masks("{\"login\": \"etl\", \"pswd\": \"a1!Zq9#Lm2@x\"}", "a1!Zq9#Lm2@x");
    keeps("raw_material: steel");
    keeps("material_count: 12");
  }

  @Test
  void uuidKeysBehindAKeyKindPrefix() {
    masks("LD_MOBILE_KEY=mob-0f4c9a2e-7b1d-4e3f-9a8b-6c5d4e3f2a1b", "0f4c9a2e-7b1d-4e3f-9a8b");
    masks(
        "[2025-08-04] INFO - using api-5b2e7c1d-3a4f-4b6c-8d9e-0f1a2b3c4d5e",
        "5b2e7c1d-3a4f-4b6c-8d9e");
    keeps("run_id: manual__2025-08-04T01:04:15+00:00 (dag-0f4c9a2e-7b1d-4e3f-9a8b-6c5d4e3f2a1b)");
    keeps("request 0f4c9a2e-7b1d-4e3f-9a8b-6c5d4e3f2a1b done");
  }

  @Test
  void rowsThatPairASecretNameWithItsValue() {
    masks(
        "INSERT INTO variable (key, val) VALUES ('crm_api_token', 'Zq8!vL3#pW9x');",
        "Zq8!vL3#pW9x");
    masks("pairs = [(\"DB_PASSWORD\", \"n7Q@w2Lk#9Zp\"), (\"DB_HOST\", \"db1\")]", "n7Q@w2Lk#9Zp");
    masks("creds = [\"partner_secret\", \"Tb4%kW8zQ1m!\"]", "Tb4%kW8zQ1m!");
    keeps("val = conf.get('secrets', 'backend_kwargs')");
    keeps("os.environ.get('DB_PASSWORD', 'changeme')");
    keeps("Variable.set('api_token_ttl', '3600')");
    keeps("cur.execute(\"SELECT key, val FROM variable WHERE key = 'partner_secret'\")");
  }

  @Test
  void publicKeyMaterialStays() {
    keeps(
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9k/2Qp+Lr7sT3uVw1xYz5aB6cD8eF0gH2iJ4kL6mN8 ops@bastion");
    keeps(
        "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBK9/xQ3rT7uV"
            + "w1xYz5aB6cD8eF0gH2iJ4kL6mN8oP0qR2sT4uV6wX8yZ0aB2cD4eF6gH8iJ0kL2mN4oP6qR8sT0uV2w= ci");
    keeps(
        "{\"keys\": [{\"kty\": \"EC\", \"crv\": \"P-256\", \"kid\": \"k1\","
            + " \"x\": \"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
            + " \"y\": \"x_FEzRu9m36HLN_tUfNQzlLxNqK_3eX2yfn2Vv9wbAU\"}]}");
    // a private JWK member stays masked
    masks(
        "{\"kty\": \"EC\", \"d\": \"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\"}",
        "jpsQnnGQmL-YBIffH1136cspYG6");
  }

  @Test
  void idsAndDerivedKeysStay() {
    keeps("OpenAI-Organization: org-Zq7mL2pWx9Rk4Tn8Vb3Hs6Jd");
    keeps("cache_key: orders_2025-4f1c2a9e8b7d6c5e4f3a2b1c0d9e8f7a");
    keeps("cache_key: dag:0a1b2c3d4e5f60718293a4b5c6d7e8f901234567");
    keeps("Example URI: mysql://root:pwd@localhost:3306/airflow");
    masks("BROKER_URL=amqp://etl:Pw9!x2Lq@rabbit:5672//", "Pw9!x2Lq");
  }
}
