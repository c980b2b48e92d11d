package dev.airflowmcp.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AirflowRedactorTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode json(String text) {
    return JSON.readTree(text.replace('\'', '"'));
  }

  private static String redact(AirflowRedactor r, String jsonText) {
    return JSON.writeValueAsString(r.redact(json(jsonText), List.of()));
  }

  @Test
  void theKeyRuleMasksEveryTypeAtAnyDepthButKeepsNullEmptyAndMasks() {
    AirflowRedactor r = new AirflowRedactor();
    String deep =
        "{'a':".repeat(12)
            + "{'db_password':12345678,'api_token':true,'secret':1.5,"
            + "'private_key':['k1',{'x':2}],'password':null,'token':'','passwd':'***',"
            + "'authorization':'< hidden >','password_min_length':12}"
            + "}".repeat(12);
    String out = redact(r, deep);
    // Numbers are masked (Airflow keeps them, a known leak: apache/airflow#71275) unless the
    // name says the number is a quantity; booleans stay, as a flag cannot carry a secret.
    assertThat(out)
        .contains(
            "\"db_password\":\"***\"",
            "\"api_token\":true",
            "\"secret\":\"***\"",
            "\"private_key\":[\"***\",{\"x\":\"***\"}]",
            "\"password\":null",
            "\"token\":\"\"",
            "\"passwd\":\"***\"",
            "\"authorization\":\"< hidden >\"",
            "\"password_min_length\":12");
  }

  @Test
  void jsonInsideStringsIsMaskedInsideAndHarmlessJsonKeepsItsBytes() {
    AirflowRedactor r = new AirflowRedactor();
    JsonNode conn =
        JSON.readTree(
            "{\"extra\": \"{\\\"region_name\\\":  \\\"eu-west-1\\\", \\\"password\\\": 12345678,"
                + " \\\"nested\\\": \\\"{\\\\\\\"api_key\\\\\\\": \\\\\\\"k-123456\\\\\\\"}\\\"}\","
                + " \"plain\": \"{\\\"a\\\" :  1,\\n  \\\"b\\\": [true, null]}\"}");
    JsonNode out = r.redact(conn, List.of());
    assertThat(out.get("extra").asString())
        .isEqualTo(
            "{\"region_name\":  \"eu-west-1\", \"password\": \"***\","
                + " \"nested\": \"{\\\"api_key\\\": \\\"***\\\"}\"}");
    assertThat(out.get("plain").asString()).isEqualTo("{\"a\" :  1,\n  \"b\": [true, null]}");
  }

  @Test
  void threeLevelsOfEscapingAreParsed() {
    AirflowRedactor r = new AirflowRedactor();
    String level3 =
        JSON.writeValueAsString(
            JSON.writeValueAsString(
                JSON.writeValueAsString(java.util.Map.of("token", "t0ps3cr3t!"))));
    JsonNode node = JSON.readTree("{\"value\": " + JSON.writeValueAsString(level3) + "}");
    String out = JSON.writeValueAsString(r.redact(node, List.of()));
    assertThat(out).doesNotContain("t0ps3cr3t").contains("***");
  }

  @Test
  void inADictOrJsonLiteralAWordLikeValueUnderASecretNameIsTheSecretItself() {
    AirflowRedactor r = new AirflowRedactor();
    // The quoted value of a quoted name is the string held there, even when it reads like the
    // name of another setting.
    assertThat(r.redactText("connecting with {'host': 'db', 'password': 'mysecret'}"))
        .isEqualTo("connecting with {'host': 'db', 'password': '***'}");
    assertThat(r.redactText("Client(**{\"login\": \"svc\", \"password\": \"letmeinpassword\"})"))
        .isEqualTo("Client(**{\"login\": \"svc\", \"password\": \"***\"})");
    // Outside a literal, a word-like value still reads as a reference, and placeholders stay.
    for (String kept :
        List.of(
            "password = db_password",
            "password = 'db_password'",
            "{'login': 'etl', 'password': '{{ var.value.db_password }}'}",
            "{'login': 'etl', 'password': None}")) {
      assertThat(r.redactText(kept)).as(kept).isEqualTo(kept);
    }
  }

  @Test
  void aValueIsMaskedWhenItsKeyOrNameFieldNamesASecret() {
    AirflowRedactor r = new AirflowRedactor();
    String out =
        redact(
            r,
            "{'variables':[{'key':'env','value':'prod'},{'key':'db_password',"
                + "'value':'hunter22'},{'name':'AWS_SECRET_ACCESS_KEY','value':'abc/def+ghi'}]}");
    assertThat(out)
        .contains(
            "{\"key\":\"env\",\"value\":\"prod\"}",
            "{\"key\":\"db_password\",\"value\":\"***\"}",
            "{\"name\":\"AWS_SECRET_ACCESS_KEY\",\"value\":\"***\"}");
    String inString = r.redactText("[{\"key\": \"partner_token\", \"value\": \"abc12345\"}]");
    assertThat(inString).isEqualTo("[{\"key\": \"partner_token\", \"value\": \"***\"}]");
  }

  @Test
  void valuesTheKeyRuleMasksAreRememberedForLaterResults() {
    AirflowRedactor r = new AirflowRedactor();
    redact(r, "{'connection_id':'pg','password':'Tr0ub4dor&3'}");
    assertThat(r.redactText("psql failed for etl with Tr0ub4dor&3 and Tr0ub4dor%263"))
        .isEqualTo("psql failed for etl with *** and ***");
    // A value shown before the key rule met it, in the same result, is caught too.
    String out =
        redact(r, "{'log':'retrying with s3cr3t-V4lue','conn':{'password':'s3cr3t-V4lue'}}");
    assertThat(out).doesNotContain("s3cr3t-V4lue");
  }

  @Test
  void onlyValuesUnderNamesThatDenoteASecretAreRemembered() {
    AirflowRedactor r = new AirflowRedactor();
    String out =
        redact(
            r,
            "{'service_account_name':'airflow-worker','proxy':'http://proxy.acme:3128',"
                + "'items':[{'key':'service_account','value':'etl-runner'}],'db_password':'Tr0ub4dor&3'}");
    // Airflow's rule masks all four ...
    assertThat(out).doesNotContain("airflow-worker", "proxy.acme", "etl-runner", "Tr0ub4dor");
    // ... but only the password is remembered, so ordinary names stay readable elsewhere.
    assertThat(
            r.redactText(
                "pod airflow-worker-0 via http://proxy.acme:3128 as etl-runner, Tr0ub4dor&3"))
        .isEqualTo("pod airflow-worker-0 via http://proxy.acme:3128 as etl-runner, ***");
  }

  @Test
  void registeredValuesMatchWithTheirUrlAndJsonFormsLongestFirst() {
    SecretRegistry registry = new SecretRegistry();
    registry.addConfigured(List.of("p@ss w/rd\"x", "abcde", "abcdefghij", "abcd"));
    AirflowRedactor r = new AirflowRedactor(new SensitiveKeys(List.of()), registry);
    assertThat(r.redactText("a p@ss w/rd\"x b")).isEqualTo("a *** b");
    assertThat(r.redactText("u=p%40ss%20w%2Frd%22x&v=p%40ss+w%2Frd%22x")).isEqualTo("u=***&v=***");
    assertThat(r.redactText("q=p%40ss%20w/rd%22x")).isEqualTo("q=***");
    assertThat(r.redactText("{\"v\": \"p@ss w/rd\\\"x\"} and \\\\\\\""))
        .startsWith("{\"v\": \"***\"}");
    assertThat(r.redactText("xx abcdefghij yy abcde zz")).isEqualTo("xx *** yy *** zz");
    // Shorter than five characters: not registered, never masks ordinary text.
    assertThat(r.redactText("abcd")).isEqualTo("abcd");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password=None",
        "token_type=bearer",
        "{{ conn.my_db.password }}",
        "export PGPASSWORD=$PG_PASS",
        "psycopg2.OperationalError: FATAL:  password authentication failed for user \"airflow\"",
        "password=***",
        "'password': '< hidden >'",
        "amqp://guest:**@rabbitmq:5672//",
        "run_id=scheduled__2024-03-07T00:00:00+00:00",
        "dag_run 7c9e6679-7425-40de-944b-e07fc1f90ae7 finished",
        "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
        "sha256:5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592",
        "Invalid token: signature has expired",
        "Using connection ID 'aws_default' for task execution.",
        "password: ${DB_PASSWORD}",
        "secret_name=airflow/connections/pg",
        "max_tokens=1024",
      })
  void harmlessLookAlikesAreLeftByteForByte(String text) {
    assertThat(new AirflowRedactor().redactText(text)).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "key AKIAIOSFODNN7EXAMPLQ used|key *** used",
        "GITHUB_TOKEN=ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5|GITHUB_TOKEN=***",
        "postgresql+psycopg2://etl:Xk9#mQ2v@pg:5432/dw|postgresql+psycopg2://etl:***@pg:5432/dw",
        "redis://:s3cretRed1s@redis:6379/0|redis://:***@redis:6379/0",
        "Authorization: Bearer 4f9aKq2LmZ8xR1tV7bN3cY6|Authorization: Bearer ***",
        "https://x/y?access_token=AbC123dEf456&x=1|https://x/y?access_token=***&x=1",
        "--password=Hunter2!x --user etl|--password=*** --user etl",
        "mysql -u root -pS3cretPass db|mysql -u root -p*** db",
        "AIRFLOW__CORE__FERNET_KEY=81HqDtbqAywKSOumSha3BhWNOdQ26slT6K0YaZeZyPs=|AIRFLOW__CORE__FERNET_KEY=***",
        "secret: Zq8!pLm2xR|secret: ***",
        "{'aws_secret_access_key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYz8aQ1mN0pT'}|{'aws_secret_access_key': '***'}",
      })
  void detectorsMaskSecretsInFreeText(String in, String expected) {
    assertThat(new AirflowRedactor().redactText(in)).isEqualTo(expected);
  }

  @Test
  void privateKeyBlocksAreMaskedWithRealOrEscapedLineBreaks() {
    AirflowRedactor r = new AirflowRedactor();
    String body = "MIIEpAIBAAKCAQEAx1Yt2m3\nQ9f8sLk2p0aVb7Wq==";
    assertThat(
            r.redactText(
                "key:\n-----BEGIN RSA PRIVATE KEY-----\n"
                    + body
                    + "\n-----END RSA PRIVATE KEY-----\ndone"))
        .isEqualTo("key:\n-----BEGIN RSA PRIVATE KEY-----***-----END RSA PRIVATE KEY-----\ndone");
    String escaped =
        "{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\nkqhkiG9w0=="
            + "\\n-----END PRIVATE KEY-----\\n\", \"a\": 1}";
    assertThat(r.redactText("conn " + escaped))
        .doesNotContain("MIIEvQ")
        .doesNotContain("kqhkiG9w0");
    assertThat(r.redactText("cut -----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjE"))
        .isEqualTo("cut -----BEGIN OPENSSH PRIVATE KEY-----***");
  }

  @Test
  void extraSensitiveKeysComeFromConfiguration() {
    AirflowRedactor plain = new AirflowRedactor();
    AirflowRedactor custom =
        AirflowRedactor.forServer(
            new RedactionSettings(List.of(), List.of("Partner-Feed")), List.of());
    String doc = "{'partner_feed_credentials':'abc','hello':'world'}";
    assertThat(redact(plain, doc)).contains("\"partner_feed_credentials\":\"***\"");
    assertThat(redact(custom, "{'my_partner_feed':'abc','hello':'world'}"))
        .isEqualTo("{\"my_partner_feed\":\"***\",\"hello\":\"world\"}");
    assertThat(redact(plain, "{'my_partner_feed':'abc'}")).contains("abc");
  }

  @Test
  void theServersOwnCredentialsAreRegistered() {
    AirflowRedactor r =
        AirflowRedactor.forServer(
            RedactionSettings.NONE,
            java.util.Arrays.asList("airflow-admin-pw", null, "static-bearer-token-123"));
    assertThat(r.redactText("echo airflow-admin-pw static-bearer-token-123"))
        .isEqualTo("echo *** ***");
  }

  @Test
  void redactionIsIdempotent() {
    AirflowRedactor r = new AirflowRedactor();
    String once =
        r.redactText(
            "GITHUB_TOKEN=ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5 and "
                + "postgres://u:p4ssw0rd@h/db");
    assertThat(r.redactText(once)).isEqualTo(once);
  }

  @Test
  void keywordFloodsInOneLongLineAreHandled() {
    AirflowRedactor r = new AirflowRedactor();
    for (String seed :
        List.of(
            "password=",
            "secret ",
            "-----BEGIN PRIVATE KEY-----!",
            "eyJabcdefghij.",
            "\\\"token\\\": \\\"",
            "docker login -x ",
            "a/b@")) {
      String text = seed.repeat(200_000 / seed.length());
      String out = r.redactTextOnce(text);
      assertThat(out.length()).as(seed).isLessThanOrEqualTo(text.length());
      assertThat(r.redactTextOnce(out)).as(seed).isEqualTo(out);
    }
    // A value too long to be typed by anyone is not treated as one, and the text stays.
    String blob = "password=" + "x".repeat(Assignments.MAX_VALUE + 10);
    assertThat(r.redactTextOnce(blob)).isEqualTo(blob);
  }

  @Test
  void thereAreAtLeastFortyDetectorFamilies() {
    assertThat(AirflowRedactor.detectorFamilies())
        .doesNotHaveDuplicates()
        .hasSizeGreaterThanOrEqualTo(40);
  }

  @Test
  void aValueRepeatedAcrossAPageIsJudgedAndCountedAtEveryOccurrence() {
    AirflowRedactor r = new AirflowRedactor();
    List<String> masks = new java.util.ArrayList<>();
    r.listen(masks::add);
    String dsn = "postgresql://etl:S3cr3tPw0rd@db.internal:5432/warehouse";
    String item =
        "{'dag_id':'etl_daily','logger':'airflow.task.operators.python','conn':'"
            + dsn
            + "','note':'Xk9#mP2$vL7qR4!z','password':'Xk9#mP2$vL7qR4!z'}";
    StringBuilder page = new StringBuilder("{'items':[");
    for (int i = 0; i < 3; i++) {
      page.append(i > 0 ? "," : "").append(item);
    }
    String out = redact(r, page.append("]}").toString());
    JsonNode items = JSON.readTree(out).get("items");
    assertThat(items).hasSize(3);
    for (JsonNode shown : items) {
      assertThat(shown.get("dag_id").asString()).isEqualTo("etl_daily");
      assertThat(shown.get("logger").asString()).isEqualTo("airflow.task.operators.python");
      assertThat(shown.get("conn").asString()).doesNotContain("S3cr3tPw0rd");
      assertThat(shown.get("password").asString()).isEqualTo("***");
    }
    // Every occurrence is masked and counted as when the items come one at a time.
    AirflowRedactor single = new AirflowRedactor();
    List<String> singleMasks = new java.util.ArrayList<>();
    single.listen(singleMasks::add);
    String one = redact(single, item);
    assertThat(JSON.writeValueAsString(items.get(0))).isEqualTo(one);
    assertThat(JSON.writeValueAsString(items.get(1))).isEqualTo(one);
    assertThat(JSON.writeValueAsString(items.get(2))).isEqualTo(one);
    assertThat(masks).hasSize(3 * singleMasks.size());
  }
}
