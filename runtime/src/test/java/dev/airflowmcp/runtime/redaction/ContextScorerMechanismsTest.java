package dev.airflowmcp.runtime.redaction;

import static dev.airflowmcp.runtime.redaction.RedactionProbes.keeps;
import static dev.airflowmcp.runtime.redaction.RedactionProbes.masks;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The two rules of {@link ContextScorer}, tool-agnostic: a generated password by its shape
 * anywhere, and a machine-made value after a credential cue. The probes are tools and formats no
 * other rule was written for (the point of the mechanism), each beside harmless neighbours of the
 * same shape that must stay.
 */
class ContextScorerMechanismsTest {
  @Test
  void generatedPasswordsWhereverTheyStand() {
    // positional arguments, quoted literals, prompts answered on the next line, notebook output
    masks("lftp -u deploy,Qz7#kP2!xW9m sftp://files.partner.example", "Qz7#kP2!xW9m");
    masks("htpasswd -b /etc/nginx/.htpasswd admin 'vT4^nR8;qL2z'", "vT4^nR8;qL2z");
    masks("isql -v WAREHOUSE_DSN etl Hk3&pW9?zQ1m", "Hk3&pW9?zQ1m");
    masks("$ kinit etl@CORP.EXAMPLE\nPassword for etl@CORP.EXAMPLE:\nRb8~mK2#tY6p", "Rb8~mK2#tY6p");
    masks("{\"text/plain\": [\"'Lq5*vN7,rT3x'\"]}", "Lq5*vN7,rT3x");
    masks("\"svc_dbt\" \"Xw2%jH8!kP4s-Zq\"", "Xw2%jH8!kP4s-Zq");
  }

  @Test
  void harmlessShapesWithPunctuationStay() {
    keeps("regex ^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$ compiled");
    keeps("Format string: %Y-%m-%dT%H:%M:%S%z");
    keeps("Excel range Sheet1!A1:D200 read");
    keeps("at com.acme.etl.Loader$Inner.run(Loader.java:42)");
    keeps(
        "Object version list: WoIGqY6bVgVkyI4IrlqSneMYxX27SSN7, d4mWYpRCcbg2FwvaeLqsxzYshsmyFOKp");
    keeps("tracestate: dd=s:1;t.dm:-0,congo=1oIJP8WIN-TQQAkT");
    keeps("Copied gs://raw/a.json (crc32c=Ab3dEf==, md5=1B2M2Y8AsgTpgAmY7PhCfg==)");
    keeps("GET https://example.com/search?q=Pass%20Rate&page=2&sort=Desc 200");
    keeps("Accept-Language: en-US,en;q=0.9");
    keeps("Jinja: {{ var.value.get('api_key_name') }}");
  }

  @Test
  void machineMadeValuesAfterACredentialCue() {
    // a credential word before it, alone or run together (Helm's secrets.ddappkey)
    masks("--set secrets.ddappkey=b73f6ec04a07cdf3dd553c049a405049b33707e9 --wait", "b73f6ec04a07");
    masks(
        "network={\n    ssid=\"edge-site-7\"\n    psk=\"Gsav26CWG9njmeux_ZTy\"\n}", "Gsav26CWG9nj");
    masks("warehouse creds -> svc_dbt / rrHt-80FAAZ4ZJZ3D", "rrHt-80FAAZ4ZJZ3D");
    masks("rootpw PGla1-7cpspQArCSD2OS", "PGla1-7cpspQArCSD2OS");
    masks("railway variables set SESSION_SALT=" + "9f2c".repeat(16), "9f2c9f2c9f2c");
    // short password flags and switches of any command
    masks("racadm -r 10.0.4.17 -u root -p 'YKsyr2pBbgoV5agb33' getsysinfo", "YKsyr2pBbgoV5agb33");
    masks("schtasks /create /tn etl /ru CORP\\svc_etl /rp ipBABeWcKTl6FBT9Fse", "ipBABeWcKTl6F");
    masks("xfreerdp /u:etl /p:ffA6dgdr3KHaynuBiPot3 /v:win01", "ffA6dgdr3KHaynuBiPot3");
    // user NAME [using] VALUE, a login call's positional argument, a password command's echo
    masks("db2 connect to SAMPLE user db2inst1 using C9xG8ACg53fX", "C9xG8ACg53fX");
    masks("conn = pymssql.connect('sql01', 'etl', 'qRzVIpoHZtCgg4YFn', 'dw')", "qRzVIpoHZtCgg");
    masks("c = DriverManager.getConnection(url, \"etl\", \"p79OD8anM2jfhQ0\");", "p79OD8anM2jfhQ0");
    masks("restic --password-command 'echo D2wm5wotcDdO96ijLr7nMi' backup /data", "D2wm5wotcDdO9");
  }

  @Test
  void identifiersAndNamesAfterACueStay() {
    keeps("Login succeeded for user svc_ETL01 from 10.2.3.4");
    keeps("user=etl_Loader02 db=Orders_2026 app=[unknown] client=10.1.2.3");
    keeps("Using API key from secret airflow-Api-Key2 (not shown)");
    keeps("psk mode WPA2-Personal on ssid Corp-Guest5");
    keeps("pip cache key ee3b6a01edfc49cb9636334bd4b03d177e72aa77e45b884b2b9e22ad4ef0e65d");
    keeps("OAuth state=Ab3dE5fG7hJ9kL1mQ returned");
    keeps("kid=Kx7Rq2mD9pL4Zt alg=RS256");
    keeps("[Peer]\nPublicKey = MNahPuGqlGwxwFlyAZg9EONUQ2nzHvUPvDJmXO0XMdA=");
    keeps("key_id=AK1234XYZ9 created_at=2026-05-04");
    keeps("Connection(host='db01', port=5432, user='etl', dbname='Orders_2026')");
    keeps("getConnection(url, props) returned Conn@6d06d69c");
    keeps("S3 key raw/2026/05/Orders_v2.parquet uploaded");
    keeps(
        "XCom pushed: key=return_value, value=eyJyb3dzIjogODY4fQ== (base64 of the row count json)");
    keeps("ssh -p 2222 etl@bastion01");
    keeps("mkdir -p /opt/airflow/dags/Orders_2026Q1");
  }

  @Test
  void theRulesOnTheirOwn() {
    assertThat(ContextScorer.generatedPassword("Qz7#kP2!xW9m", 0, 12)).isTrue();
    assertThat(ContextScorer.generatedPassword("WoIGqY6bVgVkyI4Irl,", 0, 19)).isFalse();
    assertThat(ContextScorer.cueWord("db_password")).isPositive();
    assertThat(ContextScorer.cueWord("ddappkey")).isPositive();
    assertThat(ContextScorer.cueWord("access_key_id")).isNegative();
    assertThat(ContextScorer.cueWord("PublicKey")).isNegative();
    assertThat(ContextScorer.cueWord("request_signing_key")).isPositive();
    assertThat(ContextScorer.harmlessShapes()).isNotEmpty();
  }
}
