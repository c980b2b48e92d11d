package dev.airflowmcp.runtime.redaction;

import static dev.airflowmcp.runtime.redaction.RedactionProbes.keeps;
import static dev.airflowmcp.runtime.redaction.RedactionProbes.masks;

import org.junit.jupiter.api.Test;

/**
 * The round-7 families (issue 12, blind batch 9 read by mechanism after its blind score), each with
 * probes for members batch 9 does not hold: what must be masked, and the harmless neighbours that
 * must stay.
 */
class Round7MechanismsTest {
  @Test
  void positionalPasswordsAfterAPasswordWord() {
    masks("mysqladmin -h db1.internal -u admin password \"Xq7#pL2!wRz\"", "Xq7#pL2!wRz");
    masks("redis-cli -h cache01\n> AUTH Wq8!zT3#kLp9", "Wq8!zT3#kLp9");
    masks("10.0.0.5:6380> auth app_user 'n3$Kq!v8Lz-P'", "n3$Kq!v8Lz-P");
    masks(
        "rclone config create backup ftp host ftp.acme.io user etl pass \"-Hb7!qZ2^kL\"",
        "-Hb7!qZ2^kL");
    keeps("Tests pass when the password reset flow works");
    keeps("echo password reset for user bob");
    keeps("rclone config create backup ftp host ftp.acme.io user etl pass $FTP_PASS --obscure");
    keeps("pytest -k auth tests/test_hooks.py");
  }

  @Test
  void lastArgumentOfCredentialStoreCommands() {
    masks("mkstore -wrl /u01/wallet -modifyCredential prod_db scott 'Tq9#m!L2pW'", "Tq9#m!L2pW");
    masks("hdbuserstore -i SET BACKUPKEY hana01:30013 backup_op \"N7!xq#Lp2Rw\"", "N7!xq#Lp2Rw");
    masks(
        "mkstore -wrl /u01/wallet -createEntry oracle.security.client.password1 'Zr4!kq#Lm9Tw'",
        "Zr4!kq#Lm9Tw");
    keeps("hdbuserstore LIST AIRFLOWKEY");
    keeps("mkstore -wrl /u01/wallet -listCredential");
  }

  @Test
  void quotedPasswordsInConnectStrings() {
    masks(
        "expdp system/\"Zk3!pL#9wQ\"@PDB1 directory=DATA_PUMP_DIR dumpfile=full.dmp", "Zk3!pL#9wQ");
    masks("rman target sys/\"p@ss-Lq7!x\"@cdb1".replace("p@ss", "pss"), "pss-Lq7!x");
    keeps("see docs/\"quoted\"@section for details");
  }

  @Test
  void linesOfAQuotedUserAndPassword() {
    masks("\"airflow\" \"Kq7^pL#2wZ!x\"", "Kq7^pL#2wZ!x");
    masks(
        "\"svc_app\" \"SCRAM-SHA-256$4096:c2FsdA==$c3RvcmVkS2V5:c2VydmVyS2V5\"",
        "SCRAM-SHA-256$4096:c2FsdA==$c3RvcmVkS2V5:c2VydmVyS2V5");
    masks(
        "\"alice\" \"md53175bce1d3201d16594cebf9d7eb3f9d\"", "md53175bce1d3201d16594cebf9d7eb3f9d");
    keeps("\"dag_id\" \"task_id\"");
    keeps("\"owner\" \"data-eng\"");
  }

  @Test
  void optionsAndReferencesAreNotValues() {
    keeps("token = Variable.get('slack_token', deserialize_json=True)");
    keeps("pw = conn_extras.get(\"db_password\", default=None)");
    masks("spark.conf.set('fs.azure.account.key', 'Qk8#vL2!pW9zRt4x')", "Qk8#vL2!pW9zRt4x");
    keeps("Pipe the token into --password-stdin rather than using -p");
    keeps("    passwordSecret: airflow-metadata-creds");
    keeps("  tlsSecret: webserver-tls-cert");
    masks("    clientSecret: Kx9#pL2!qW7z", "Kx9#pL2!qW7z");
    masks("    sshKeySecret: Kx9pL2qW7zTr4mN8", "Kx9pL2qW7zTr4mN8");
  }

  @Test
  void jwtIoPublishedSampleStays() {
    String sample =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0"
            + "IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    keeps("The README shows a JWT such as " + sample + " in its examples");
    String other =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhaXJmbG93LXdvcmtlciIsImlhdCI6MTcwMDAwMDAwMH0"
            + ".Tq8vL2pW9zRt4xKq7mN3bV6cX1yH5jD0sF8gA2eU4iO";
    masks("The worker sent " + other + " in its examples", other);
  }
}
