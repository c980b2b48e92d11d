package dev.airflowmcp.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per detection mechanism, with inputs written here (not taken from the blind corpora):
 * each shows what the mechanism must mask and the harmless shapes next to it that it must leave.
 */
class MechanismsTest {
  private static final AirflowRedactor R = new AirflowRedactor();

  private static String redact(String text) {
    return R.redactTextOnce(text);
  }

  private static void masks(String text, String secret) {
    String out = redact(text);
    assertThat(out).as(text).doesNotContain(secret).contains(Redactor.MASK);
  }

  private static void keeps(String text) {
    assertThat(redact(text)).as(text).isEqualTo(text);
  }

  @Test
  void valuesUnderSecretNamesThatAreClearlyNoSecretStay() {
    for (String kept : List.of(
        "auth_token=86400 retries=3",
        "client_secret: 43200s",
        "db_password = 1.5",
        "api_token=enabled",
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
    // Not clearly harmless: these are still masked.
    masks("db_password=84629173551", "84629173551");
    masks("password: Tr0ub4dor&3", "Tr0ub4dor&3");
    masks("token=https://user:s3cr3tPw@host.example.com/x", "s3cr3tPw");
  }

  @Test
  void inJsonCountsAndFlagsUnderSensitiveKeysStayAndStringsAreMasked() {
    String json = "{\"password_min_length\": 12, \"use_token_auth\": false, \"secret\": null,"
        + " \"api_token\": \"k8Hq2LmZr7Tx\"}";
    assertThat(redact(json)).isEqualTo("{\"password_min_length\": 12, \"use_token_auth\": false,"
        + " \"secret\": null, \"api_token\": \"***\"}");
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
    String cursor = java.util.Base64.getEncoder().encodeToString(
        "{\"page\": 12, \"per_page\": 50}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    keeps("{\"items\": [], \"resume_marker\": \"" + cursor + "\"}");
    String inner = java.util.Base64.getEncoder().encodeToString(
        "{\"password\": \"Zx9!kq2Lm\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    masks("{\"items\": [], \"resume_marker\": \"" + inner + "\"}", inner);
  }
}
