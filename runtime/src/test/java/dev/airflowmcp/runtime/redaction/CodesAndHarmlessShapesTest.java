package dev.airflowmcp.runtime.redaction;

import static dev.airflowmcp.runtime.redaction.RedactionProbes.keeps;
import static dev.airflowmcp.runtime.redaction.RedactionProbes.masks;
import static dev.airflowmcp.runtime.redaction.RedactionProbes.redact;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Codes under purpose names ({@link Codes}) and shapes that are public by what they declare ({@link
 * HarmlessShapes}). Inputs are written here, each made up for the shape it probes.
 */
class CodesAndHarmlessShapesTest {
  private static final AirflowRedactor R = new AirflowRedactor();

  private static String b64(byte[] raw) {
    return Base64.getEncoder().encodeToString(raw);
  }

  private static byte[] digest(String alg, String input) throws Exception {
    return MessageDigest.getInstance(alg).digest(input.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void declaredDigestsOfTheRightLengthStay() throws Exception {
    String sha512 = b64(digest("SHA-512", "left-pad@9.9.9"));
    String sha384 = b64(digest("SHA-384", "widget.js"));
    String sha256 = b64(digest("SHA-256", "go.mod of x/y"));
    keeps("\"integrity\": \"sha512-" + sha512 + "\"");
    keeps("resolution: \"npm:1.2.3\", checksum: sha384-" + sha384);
    keeps("<script src=\"w.js\" integrity=\"sha384-" + sha384 + "\" crossorigin></script>");
    keeps("example.net/mod v1.4.0 h1:" + sha256);
    keeps("example.net/mod v1.4.0/go.mod h1:" + sha256);
    keeps(
        "requests==2.99.0 --hash=sha256:"
            + HexFormat.of().formatHex(digest("SHA-256", "requests wheel")));
    // The label declares the length: a longer or shorter body after it is no such digest.
    assertThat(HarmlessShapes.digest("sha512-" + sha384, 0, 7 + sha384.length())).isFalse();
    assertThat(HarmlessShapes.digest("sha256-" + sha512, 0, 7 + sha512.length())).isFalse();
    assertThat(HarmlessShapes.digest("sha512-" + sha512, 0, 7 + sha512.length())).isTrue();
    assertThat(HarmlessShapes.digest("sha256:" + sha256, 0, 7 + sha256.length())).isTrue();
  }

  @Test
  void identifiersByTheirFirstWordAndPublicPaymentIdsStay() {
    keeps("BigQuery job_Qx7TmR2vLp9KwZ4nB8sYcD1fGh3J finished in 4.2s");
    keeps("spark application spark-0f3c9a7e51d24b68a9c0e7f1d2b3a4c5 is RUNNING");
    keeps("trace request-7Hk2mQ9xLw4pR8tZ3vB6nC1d accepted");
    keeps("refund for ch_3Qa8LmZx7RtY2wPk9vBn4sDf on pi_9Tg2XcVb7NmQ4wLp1zKr8yHs");
    keeps("checkout uses publishable key pk_live_51HqQxAbCdEfGh7JkLmNoP2qRsTuVwXyZ0123456789");
    // A payment API's secrets keep being masked.
    masks(
        "stripe secret sk_live_51HqQxAbCdEfGh7JkLmNoP2qRsTuVw",
        "sk_live_51HqQxAbCdEfGh7JkLmNoP2qRsTuVw");
    assertThat(HarmlessShapes.publicId("pi_3Mt7Qp2eZvKYlo2C0x_secret_Yr8KjUKr", 0, 35)).isFalse();
    // A client secret is the object's id, _secret_ and the secret: not an id by its first word.
    masks(
        "Confirming payment with pi_3NbRt2KxQ81bVz0a1Xy9PqLm_secret_Vb7pQ2mRk8TzW4nYc1LsE9dHj",
        "Vb7pQ2mRk8TzW4nYc1LsE9dHj");
    masks(
        "stripe.confirmCardSetup(\"seti_1PqR7sTuV2wXyZ3aB4cD5eF6_secret_Qm8Rt2Lx9Kp4Wz7Nb3Vc\")",
        "Qm8Rt2Lx9Kp4Wz7Nb3Vc");
    assertThat(HarmlessShapes.publicId("session_Qx7TmR2vLp9KwZ4nB8sYcD1f", 0, 32)).isFalse();
  }

  @Test
  void placeholdersAndDocumentedExamplesStay() {
    for (String kept :
        List.of(
            "export GH_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
            "SLACK_APP_TOKEN=xapp-your-app-level-token-here",
            "openai.api_key = \"sk-<paste your key>\"",
            "api_key: \"sk_live_<SECRET_KEY>\"",
            "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "DB_PASSWORD=changeme",
            "token: %GITHUB_TOKEN%",
            "SMTP_PASSWORD=replace-with-your-password",
            "token: YOUR_API_TOKEN_HERE",
            "PGPASSWORD=$PG_PASS pg_dump -h $PG_HOST -U etl warehouse")) {
      keeps(kept);
    }
    // Near misses: real values that happen to contain a marker stay masked.
    masks("DB_PASSWORD=Your9Kx2!mQ7#pLz", "Your9Kx2!mQ7#pLz");
    masks(
        "token=gho_8Kq2xLm9ZrT4wVb7NcY1sPd6HjF3aQe5Ug0i",
        "gho_8Kq2xLm9ZrT4wVb7NcY1sPd6HjF3aQe5Ug0i");
    masks(
        "hook https://chat.example.org/hooks/9hx3kqpzt7yw1mbe5rc8dn2fua",
        "9hx3kqpzt7yw1mbe5rc8dn2fua");
    masks("PGPASSWORD=Pq7$xLm2Zr9 psql -h db", "Pq7$xLm2Zr9");
  }

  @Test
  void base64OfPublicFilesStaysAndOfRandomBytesUnderANameIsStillMasked() {
    byte[] png = new byte[72];
    byte[] sig = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    System.arraycopy(sig, 0, png, 0, sig.length);
    Random r = new Random(7);
    for (int i = 16; i < png.length; i++) {
      png[i] = (byte) r.nextInt(256);
    }
    keeps("avatar_png_b64=" + b64(png));
    byte[] pdf = ("%PDF-1.7\n" + "x".repeat(40)).getBytes(StandardCharsets.US_ASCII);
    for (int i = 9; i < pdf.length; i++) {
      pdf[i] = (byte) r.nextInt(256);
    }
    keeps("report_b64: " + b64(pdf));
    byte[] random = new byte[48];
    r.nextBytes(random);
    random[0] = 0x42;
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    masks("partner_signing_material=" + key, key);
  }

  @Test
  void codesUnderPurposeNamesAreMasked() {
    masks("backup_codes: 4821-0937, 6610-2285, 3094-7716, 5528-1403", "4821-0937", "5528-1403");
    masks(
        "recovery_codes = [\"k4m9q-x2w7z\", \"pzq0r-7hnvt\", \"vbwqk-dmrtz\"]",
        "k4m9q-x2w7z",
        "vbwqk-dmrtz");
    masks("{\"scratch_codes\": \"77310482 19283746 56473829\"}", "77310482", "56473829");
    masks(
        "[2026-02-03 10:00:01] INFO - seat activated, activation_code=7QX2M-K9PZ4-WR3TN-B8VYC",
        "7QX2M-K9PZ4-WR3TN-B8VYC");
    masks("vendor_unlock_code: H8KQ2-MZ7RX-4PWTN", "H8KQ2-MZ7RX-4PWTN");
    masks("license_string = \"ZK3QX-8MRT2-PW9VN-4HYBC-7LQDS\"", "ZK3QX-8MRT2-PW9VN-4HYBC-7LQDS");
    masks("{\"door_pin\": 48213597, \"floor\": 3}", "48213597");
    masks("{\"kiosk_passcode\": \"tQmWzRbXkPvLnHsY\"}", "tQmWzRbXkPvLnHsY");
    masks("SMS_OTP=904417 sent", "904417");
    masks("nas_pin: 2957", "2957");
    // Prose and query forms: "<purpose> code is …", "PIN: …", "otp=…&…".
    masks("Your sign-in verification code is 730194. It expires soon.", "730194");
    masks("MFA backup codes: 2210 9843 5567 0192", "2210", "0192");
    masks("Enter PIN: 6093", "6093");
    assertThat(redact("otp=550372&user=etl")).isEqualTo("otp=***&user=etl");
    // Lists in JSON text: every item of a list of codes, numbers too; words stay.
    assertThat(redact("{\"backup_codes\": [\"k4m9q-x2w7z\", \"vbwqk-dmrtz\"], \"n\": 2}"))
        .isEqualTo("{\"backup_codes\": [\"***\", \"***\"], \"n\": 2}");
    assertThat(redact("{\"gate_pins\": [48213597, 7731], \"otp_channels\": [\"sms\", \"email\"]}"))
        .isEqualTo("{\"gate_pins\": [\"***\", \"***\"], \"otp_channels\": [\"sms\", \"email\"]}");
    // The same in structured data (the key walk).
    tools.jackson.databind.JsonNode tree =
        new tools.jackson.databind.ObjectMapper()
            .readTree(
                "{\"recovery_codes\": [\"93kd7-qpl2m\", \"mnbvc-lkjhg\"], \"door_pin\": 4821}");
    assertThat(R.redact(tree, List.of()).toString())
        .doesNotContain("93kd7")
        .doesNotContain("mnbvc")
        .doesNotContain("4821");
  }

  @Test
  void wordsAndMetadataUnderPurposeNamesStay() {
    for (String kept :
        List.of(
            "otp_method: sms",
            "pin_length: 6",
            "backup_bucket: s3://etl-backups/2026-01",
            "license: Apache-2.0",
            "license_type: enterprise",
            "activation_date: 2026-03-01",
            "mfa: required",
            "recovery_codes_remaining: 7",
            "The verification code is required for login",
            "zip code: 94107",
            "error_code: 4001",
            "activation: relu",
            "Task exited with return code 0",
            "{\"otp_enabled\": true, \"otp_digits\": 6, \"otp_issuer\": \"Airflow\"}",
            "unlock_code: <code from the vendor portal>",
            "[2026-01-01 00:00:00] INFO - exit code 0; return codes collected: 0, 0, 1")) {
      keeps(kept);
    }
  }

  @Test
  void aCodesBlockUnderAHeadingIsMasked() {
    String block =
        "Two-factor backup codes for svc-airflow (keep them safe):\n"
            + "  1. 93kd7-qpl2m\n"
            + "  2. xw8rz-t4bvn\n"
            + "  3. mnbvc-lkjhg\n"
            + "  4. 5tgb6-yhn7u\n"
            + "Generated 2026-04-01";
    String out = redact(block);
    for (String code : List.of("93kd7-qpl2m", "xw8rz-t4bvn", "mnbvc-lkjhg", "5tgb6-yhn7u")) {
      assertThat(out).doesNotContain(code);
    }
    assertThat(out)
        .contains("Two-factor backup codes for svc-airflow")
        .contains("Generated 2026-04-01");
    // A heading that names codes, followed by prose, masks nothing.
    keeps("Exit codes of the last runs:\nall tasks succeeded\n");
  }

  @Test
  void seedPhrasesFromTheBip39ListAreMasked() {
    assertThat(Codes.wordListSize()).isEqualTo(2048);
    assertThat(Codes.bip39("abandon")).isTrue();
    assertThat(Codes.bip39("zoo")).isTrue();
    assertThat(Codes.bip39("the")).isFalse();
    String twelve =
        "hedgehog lunar pistol fragile orbit velvet canal zebra tuition sketch bronze dwarf";
    masks("seed_phrase = \"" + twelve + "\"", "hedgehog lunar", "bronze dwarf");
    masks("{\"wallet_mnemonic\": \"" + twelve + " " + twelve + "\"}", "pistol fragile");
    masks("wallet restored from:\n" + twelve + "\n", "orbit velvet canal");
    // Eleven listed words, or prose with words outside the list, are not a phrase by themselves;
    // under a name that says it holds a seed phrase the value is masked whatever its length.
    String eleven = "hedgehog lunar pistol fragile orbit velvet canal zebra tuition sketch bronze";
    keeps("wallet restored from:\n" + eleven + "\n");
    masks("seed_phrase: " + eleven, "hedgehog lunar", "sketch bronze");
    keeps("wallet sync: the seed of the job was reset and the phrase index rebuilt for all users");
  }
}
