package dev.airflowmcp.runtime.redaction;

import static dev.airflowmcp.runtime.redaction.RedactionProbes.keeps;
import static dev.airflowmcp.runtime.redaction.RedactionProbes.masks;

import org.junit.jupiter.api.Test;

/**
 * The round-5 families (issue 12, blind batches 6 and 7 read by format), each with probes for
 * members no corpus holds: what must be masked, and the harmless neighbours that must stay.
 */
class Round5MechanismsTest {
  @Test
  void credentialsNamedByAQualifierAndAGeneralNoun() {
    masks("MASTER_WORD = 'brovkuGv7W46.mtr'  # do not change", "brovkuGv7W46.mtr");
    masks("SAFE_WORD=Tq8zLm2pWx", "Tq8zLm2pWx");
    masks(
        "app:\n  shared_phrase: \"cradle-accident-brief-city41\"", "cradle-accident-brief-city41");
    masks("unlock_phrase: velvet-orbit-marble-tiger", "velvet-orbit-marble-tiger");
    masks("DB_CRED = ')pI3jW_6n5qb^[7'", ")pI3jW_6n5qb^[7");
    masks("partner_creds: Wq3nZ8kLp2Xv", "Wq3nZ8kLp2Xv");
    String hex = "19e0b031a22f4537ff5182008b26c5443f375afd5bd12e67c4d0b4b7fff770d6";
    masks("cipher_iv_key: \"" + hex + "\"", hex);
    masks("AES_KEY=" + hex, hex);
    masks("sig_key: \"d6d1d20988ccc9ddfc31865386d5adad7400a3b4\"", "d6d1d20988ccc9ddfc3186538");
    keeps("stop_word = \"the\"");
    keeps("key_word: airflow");
    keeps("aes_key_length: 256");
    keeps("encryption_key_name: prod-kms");
    keeps("credit_limit = 5000");
    keeps("cache_key = \"dags/etl/abc.py\"");
  }

  @Test
  void secretsMountedByNameAreReferences() {
    keeps(
        "secret_env = Secret(deploy_type=\"env\", deploy_target=\"DB_PASSWORD\","
            + " secret=\"airflow-db\", key=\"password\")");
    keeps(
        "secret_vol = Secret(\n    deploy_type=\"volume\",\n    deploy_target=\"/etc/sql\",\n"
            + "    secret=\"airflow-secrets\",\n    key=\"sql_alchemy_conn\",\n)");
    keeps(
        "k8s.V1EnvVar(name=\"DB_PASSWORD\", value_from=k8s.V1EnvVarSource("
            + "secret_key_ref=k8s.V1SecretKeySelector(name=\"airflow-db\", key=\"password\")))");
    keeps(
        "vol = k8s.V1Volume(name=\"creds\", secret=k8s.V1SecretVolumeSource(secret_name=\"gcp-sa\"))");
    keeps("existingSecret: airflow-db");
    masks("conn = Connection(conn_id=\"x\", password=\"Xk9#mP2qLw7!zR\")", "Xk9#mP2qLw7!zR");
    masks("hook = Foo(secret=\"Xk9#mP2qLw7!zR\")", "Xk9#mP2qLw7!zR");
    masks("creds = {'user': 'svc_feed', 'secret': 'Eas9yxaCHbn4hPZ'}", "Eas9yxaCHbn4hPZ");
  }

  @Test
  void identifiersThatCarryTheirPlace() {
    keeps("x-request-id=0f5d79468e3745ac4a096b6f46b7ddf5 cf-ray=ecc29ce0fabb42f5-FRA");
    keeps("cf-ray: 7d8e3f1a2b4c5d6e-LHR");
    keeps("BigQuery job acme-prod:EU.job_Mzq1h1UKUiq7xxQ4fVL2qfrCbtDA completed");
    keeps("job acme:us-central1.bquxjob_Mzq1h1UKUiq7xxQ4fVL2qf done");
    keeps("x-vercel-id: fra1::iad1::8x7kq-1700000000000-3f2a1b0c9d8e");
    masks("token=Mzq1h1UKUiq7xxQ4fVL2qfrCbtDA-FRA", "Mzq1h1UKUiq7xxQ4fVL2qfrCbtDA");
    masks("api_key=EU.Mzq1h1UKUiq7xxQ4fVL2qfrCbtDA", "Mzq1h1UKUiq7xxQ4fVL2qfrCbtDA");
  }

  @Test
  void textPrintedAsHexIsDecoded() {
    masks("wallet_unlock (hex) = 0x4f346732486950473453637649375f347678", "4f3467324869504734");
    masks("unwrapped: 4168365a70575561487544305f4a585a", "4168365a7057556148");
    keeps("greeting 48656c6c6f20576f726c642c2068657265");
    keeps("sha=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    keeps("GCS object generation=4166714744283443 metageneration=1");
    keeps("trace 0af7651916cd43dd8448eb211c80319c");
  }

  @Test
  void listsAndNamesThatSayIdentifierOrDigest() {
    keeps(
        "Object version list: WoIGqY6bVgVkyI4IrlqSneMYxX27SSN7, d4mWYpRCcbg2FwvaeLqsxzYshsmyFOKp");
    keeps("ids: jr_4ef130ed3ceb32d8, 12BF89D22C82BA2B, z8H9mpfEGsnnaFWjVJ_.4WDNI.6z4S1c");
    keeps(
        "Uploaded s3://b/k.parquet (ETag \"ed0df563\", VersionId SkjZ9adtxyLHXvRXDU0ugoz56exPFLe9)");
    keeps(
        "traceparent: 00-ac0395ae86055ad2f67ccceddda2587c-2a6db8bf6d921723-01\n"
            + "tracestate: dd=s:1;t.dm:-0,congo=1oIJP8WIN-TQQAkT");
    keeps("SendMessage ok MD5OfMessageBody=04a6e466c1adfd7883d673327faab1c3");
    keeps("fpr: 754968F0D49559939D9EC491C81B41685C902F27");
    keeps("basic.consume consumer_tag=amq.ctag-leYoRaVJP78VUndkHKZo6R delivery_tag=716877");
    keeps("auth?client_id=x&code_challenge=_v8vTFxqPARY8BzOC5O6lBWmv76ZjZultDkPj6zI1tw&m=S256");
    keeps("script-src 'self' 'nonce-riObO8N7jeL6DM9yXnIh3H'");
    keeps(
        "[Peer]\nPublicKey = MNahPuGqlGwxwFlyAZg9EONUQ2nzHvUPvDJmXO0XMdA=\nAllowedIPs = 10.8.0.0/24");
    keeps("Twilio message SM80d75b0febc7c41dd6d866f8fee9c236 queued");
    keeps("GitHub check suite MDQ6VXNl5E9NJdOWmj73e1QFht concluded success");
    masks(
        "dest_tag=JAUmG2XjOp4fYVAm8LsfErzCTd9OqkNCHbT00w",
        "JAUmG2XjOp4fYVAm8LsfErzCTd9OqkNCHbT00w");
    masks("api keys: Zk9mQ2xLp7Wv4Rt8Yn3Bc6Hd", "Zk9mQ2xLp7Wv4Rt8Yn3Bc6Hd");
    masks("[Interface]\nPrivateKey = MNahPuGqlGwxwFlyAZg9EONUQ2nzHvUPvDJmXO0XMdA=", "MNahPuGqlGwx");
  }

  @Test
  void namespacesAndCompoundNames() {
    masks(
        "helm upgrade x --set secrets.ddappkey=b73f6ec04a07cdf3dd553c049a405049b33707e9 --wait",
        "b73f6ec04a07cdf3dd553c04");
    masks(
        "helm upgrade x --set secrets.snyktoken=fc1e756a-9176-47e0-bb81-b5f00798a6be --wait",
        "fc1e756a-9176-47e0-bb81");
    masks("CLOUDFLAREAPIKEY=08e0532063480a568f1a53bb58f52a656d787", "08e0532063480a568f1a");
    keeps("secrets_backend: airflow.providers.hashicorp.secrets.vault.VaultBackend");
    keeps("secrets_volume: airflow-secrets");
  }

  @Test
  void valuesInsideDictsHeredocsAndSettingLists() {
    masks(
        "\"db_master_password\": {\"sensitive\": true, \"type\": \"string\", \"value\": \"i1?1zz(Idu\"}",
        "i1?1zz(Idu");
    masks(
        "\"db_password\": {\"sensitive\": true, \"value\": \"6i:EOa-[{==QTg\"}", "6i:EOa-[{==QTg");
    keeps(
        "\"db_endpoint\": {\"sensitive\": false, \"value\": \"airflow.cx8hq.rds.amazonaws.com\"}");
    masks("$ kinit svc@CORP.EXAMPLE.ORG <<EOF\nE8qNC9xSCbm7k\nEOF", "E8qNC9xSCbm7k");
    masks("passwd --stdin etl <<'END'\nKq7zWm2pLx9\nEND", "Kq7zWm2pLx9");
    keeps("cat <<EOF\nhello world\nEOF");
    keeps("psql -h db <<EOF\nSELECT 1;\nEOF");
    masks(
        "jdbc:sqlserver://h:1433;user=svc;password=r,IEh9=mgC37Ue+d;encrypt=true",
        "r,IEh9=mgC37Ue+d");
    masks("Driver={ODBC 18};Uid=ops;Pwd={z=;A*FX:!XA@Ok0/*9KUM]'I};Encrypt=yes", "A*FX:!XA@Ok0");
    masks("terraform apply -var 'db_password=${NAMAU^s9EACf5E,gu0'", "NAMAU^s9EACf5E,gu0");
    keeps("db_password=${DB_PASSWORD}");
    keeps("db_password=${DB_PASSWORD:-}");
    masks("database:\n  password: '!H;Ax''Q]1^.LdJ'\n  pool_size: 10", "Q]1^.LdJ", "!H;Ax");
    keeps("database:\n  password: ''\n  pool_size: 10");
  }

  @Test
  void uriPasswordsWithHashAndAzureDevOpsTokens() {
    masks("create_engine(\"mysql://etl:wmn0@0ArxUGQ#@mysql-01:3306/shop\")", "0ArxUGQ#", "wmn0");
    masks("redis://:Ab3?x@Zq9@cache:6379/0", "Zq9", "Ab3?x");
    keeps("see https://user@host.example.org/page#section@2");
    keeps("https://host.example.org/a?x=1#frag");
    keeps("https://host.example.org:8443/a?next=a@b#x@y");
    masks(
        "{\"value\": \"3e5m6skqalvorzkfxfv63fd6ccie5kbnx3uhkv6ejjbbgwnaewyc\"}",
        "3e5m6skqalvorzkfxfv63fd6cc");
    keeps("commit 3e5b6d7c8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d");
    keeps("the quick brown fox jumps over the lazy dog and keeps running far away");
  }

  @Test
  void userPasswordPairsAsValues() {
    masks("{\"key\": \"partner_sftp_login\", \"value\": \"acme:n*Q;0d_#8#oA\"}", "n*Q;0d_#8#oA");
    masks("SFTP_LOGIN=acme:n*Q;0d_#8#oA", "n*Q;0d_#8#oA");
    masks("flower_auth: admin:Zq7!mK2#pw", "Zq7!mK2#pw");
    keeps("image: registry.corp.net/etl:Ab1$xyz9Q");
    keeps("cpu: Xeon(R)8175M");
    keeps("time=12:30:45.123");
    keeps("{\"value\": \"status:Completed\"}");
  }

  @Test
  void tokensGivenAsLoginsAndAuthArguments() {
    masks(
        "mvn sonar:sonar -Dsonar.login=squ_ec19904a0d5438efe113d30f0c7e8482699e6410 -Dx=y",
        "ec19904a0d5438efe113d30f0c7e8482699e6410");
    masks("sonar.login=ec19904a0d5438efe113d30f0c7e8482699e6410", "ec19904a0d5438efe113d30f");
    masks("snyk auth 73a9fb2b-b163-410c-bdd9-9536eb860ff7", "73a9fb2b-b163-410c-bdd9");
    masks("ngrok config add-authtoken 2AbCdEfGh1JkLmNoPqRsTuVwXyZ_3aBcDeFgHiJk", "2AbCdEfGh1JkLm");
    keeps("login: john.doe");
    keeps("docker login registry.corp.net");
    keeps("gcloud auth login user@example.com");
    keeps("gh auth login --with-token");
    keeps("az login --service-principal");
  }
}
