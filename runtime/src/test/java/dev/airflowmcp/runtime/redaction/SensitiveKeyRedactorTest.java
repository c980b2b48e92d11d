package dev.airflowmcp.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SensitiveKeyRedactorTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final SensitiveKeyRedactor redactor = new SensitiveKeyRedactor();

  private static JsonNode json(String text) {
    return JSON.readTree(text.replace('\'', '"'));
  }

  private String redact(String text, List<String> extra) {
    return JSON.writeValueAsString(redactor.redact(json(text), extra));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password",
        "Password",
        "PASSWORD",
        "db.password",
        "db-password",
        "AWS-Secret-Access-Key",
        "aws secret access key",
        "my_api_key_v2",
        "x.api.key",
        "Api Key",
        "google_keyfile_dict",
        "min_password_length",
        "auth_token",
        "Authorization",
        "proxy_url",
        "dsn",
        "webhook_url",
        "service-account",
        "private_key_id",
        "apikey"
      })
  void airflowsKeyRuleMatchesNormalisedSubstrings(String key) {
    assertThat(redactor.isSensitive(key, List.of())).as(key).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dag_id",
        "description",
        "owner",
        "host",
        "login",
        "conn_type",
        "key",
        "total_entries"
      })
  void ordinaryKeysAreNotSensitive(String key) {
    assertThat(redactor.isSensitive(key, List.of())).as(key).isFalse();
  }

  @Test
  void bothKeyRulesShareOneNormaliserAndAgreeOnCamelCase() {
    SensitiveKeys keys = new SensitiveKeys(List.of("partnerPin"));
    SensitiveKeyRedactor alone = new SensitiveKeyRedactor(List.of("partnerPin"));
    for (String key :
        List.of(
            "accessKey",
            "SecretAccessKey",
            "x-Api-Key",
            "clientSecretValue",
            "apiToken",
            "partner_pin",
            "PartnerPIN",
            "dagId",
            "hostName",
            "tokenizerPath")) {
      assertThat(alone.isSensitive(key, List.of())).as(key).isEqualTo(keys.isSensitive(key));
    }
    assertThat(alone.isSensitive("accessKey", List.of())).isTrue();
    assertThat(alone.isSensitive("dagId", List.of())).isFalse();
    assertThat(SensitiveKeys.words("X-Vendor-Key")).containsExactly("x", "vendor", "key");
    assertThat(SensitiveKeys.words("clientSecretValue"))
        .containsExactly("client", "secret", "value");
    assertThat(SensitiveKeys.words("__AWS--SecretKEY_id"))
        .containsExactly("aws", "secret", "key", "id");
  }

  @Test
  void normaliseLowersAndCollapsesNonWordRuns() {
    assertThat(SensitiveKeys.normalise("AWS--Secret . Access/Key"))
        .isEqualTo("aws_secret_access_key");
  }

  @Test
  void normaliseIsTheRegexRuleWithoutTheRegex() {
    java.util.regex.Pattern nonWord = java.util.regex.Pattern.compile("[^a-z0-9]+");
    for (String key :
        List.of(
            "",
            "_",
            "__x__",
            "a..b",
            "dag_id",
            "API-Key",
            "ÄPI key",
            "\u0130d",
            "x\u00e9y",
            "  token  ",
            "conn.extra.PASSWORD",
            "k\u212Aey",
            "a\tb\nc",
            "ŞİFRE",
            "9lives")) {
      assertThat(SensitiveKeys.normalise(key))
          .as(key)
          .isEqualTo(nonWord.matcher(key.toLowerCase(java.util.Locale.ROOT)).replaceAll("_"));
    }
  }

  @Test
  void everyValueTypeUnderASensitiveKeyIsMaskedAtAnyDepth() {
    String out =
        redact(
            "{'a':{'b':{'c':{'d':{'e':{'f':{'password':12345678,'token':true,'secret':1.5,"
                + "'api_key':{'nested':'x','n':2},'private_key':['k1',{'deep':'k2'},3]}}}}}}}",
            List.of());
    assertThat(out)
        .isEqualTo(
            "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"password\":\"***\",\"token\":\"***\","
                + "\"secret\":\"***\",\"api_key\":{\"nested\":\"***\",\"n\":\"***\"},"
                + "\"private_key\":[\"***\",{\"deep\":\"***\"},\"***\"]}}}}}}}");
  }

  @Test
  void harmlessValuesAreKeptUnderSensitiveKeysIncludingInsideArrays() {
    String out =
        redact(
            "{'password':null,'token':'','secret':'***','passwd':'< hidden >',"
                + "'api_key':{'a':null,'b':'','c':'***'},'private_key':[null,'','***','< hidden >','v']}",
            List.of());
    assertThat(out)
        .isEqualTo(
            "{\"password\":null,\"token\":\"\",\"secret\":\"***\",\"passwd\":\"< hidden >\","
                + "\"api_key\":{\"a\":null,\"b\":\"\",\"c\":\"***\"},"
                + "\"private_key\":[null,\"\",\"***\",\"< hidden >\",\"***\"]}");
  }

  @Test
  void nonSensitiveFieldsAreUntouchedByteForByte() {
    String input =
        "{\"dag_id\":\"etl\",\"n\":1.25,\"big\":12345678901234567890,\"flag\":false,\"none\":null,"
            + "\"unicode\":\"\u00e9\u2014\\n\",\"items\":[{\"host\":\"h\",\"password\":\"p\","
            + "\"port\":5432}],\"empty\":{},\"list\":[1,\"a\",null]}";
    String before = JSON.writeValueAsString(JSON.readTree(input));
    String after = JSON.writeValueAsString(redactor.redact(JSON.readTree(input), List.of()));
    assertThat(after)
        .isEqualTo(before.replace("\"password\":\"p\"", "\"password\":\"***\""))
        .isNotEqualTo(before)
        .contains("\"big\":12345678901234567890", "\"unicode\":\"\u00e9\u2014\\n\"");
  }

  @Test
  void keyOrderIsPreservedWhenValuesAreMasked() {
    String out = redact("{'a':1,'password':'p','z':2}", List.of());
    assertThat(out).isEqualTo("{\"a\":1,\"password\":\"***\",\"z\":2}");
  }

  @Test
  void extraKeysFromTheConstructorAndPerCallAreNormalisedToo() {
    SensitiveKeyRedactor custom = new SensitiveKeyRedactor(List.of("Partner-Feed"));
    assertThat(custom.isSensitive("partner_feed_credentials", List.of())).isTrue();
    assertThat(redactor.isSensitive("partner_feed_credentials", List.of())).isFalse();

    String out =
        redact(
            "{'hello':'world','Conn.Extra':{'x':1},'other':'o'}", List.of("conn extra", "HELLO"));
    assertThat(out).isEqualTo("{\"hello\":\"***\",\"Conn.Extra\":{\"x\":\"***\"},\"other\":\"o\"}");
  }

  @Test
  void arraysOfObjectsAreWalked() {
    String out = redact("[{'login':'u','password':'p'},{'login':'v','token':'t'}]", List.of());
    assertThat(out)
        .isEqualTo("[{\"login\":\"u\",\"password\":\"***\"},{\"login\":\"v\",\"token\":\"***\"}]");
  }

  @Test
  void scalarsAndNullNodesPassThrough() {
    assertThat(redactor.redact(json("'password'"), List.of()).asString()).isEqualTo("password");
    assertThat(redactor.redact(json("null"), List.of()).isNull()).isTrue();
  }
}
