package dev.airflowmcp.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every tool's Airflow requests checked against Airflow's own OpenAPI spec by Stoplight Prism
 * ({@code prism mock <spec> --errors}) standing in for Airflow: each tool is called once with only
 * its required arguments and once with every optional argument too (values generated from its input
 * schema), and Prism must report no request-validation violation (parameter type, format, location,
 * required parameters, security) for any of them.
 *
 * <p>Prism matches paths literally and ignores a spec's {@code servers} base path, and it answers
 * {@code "string"} for the version; so the spec Prism gets is a JSON copy of the real one with
 * Airflow 2's {@code /api/v1} base path moved into the paths and an example version added. Nothing
 * about requests is changed.
 */
class PrismRequestValidationTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration PRISM_START = Duration.ofSeconds(90);
  private static final Pattern SPEC_NAME = Pattern.compile("airflow-(.+)-v[12]\\.yaml");
  private static final Pattern VIOLATION = Pattern.compile("\\[VALIDATOR]\\s+✖");

  /** The tools with only an Airflow 3 binding: on Airflow 2 the server answers them itself. */
  private static final Set<String> AIRFLOW3_ONLY = Set.of("list_backfills", "list_jobs");

  /** Every shipped Airflow REST spec (the auth manager's specs are not the REST API). */
  static Stream<String> specs() throws java.io.IOException {
    try (Stream<Path> files = Files.list(specDir())) {
      List<String> names =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> SPEC_NAME.matcher(n).matches())
              .sorted()
              .toList();
      assertThat(names).as("Airflow specs in " + specDir()).isNotEmpty();
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void everyToolsRequestsSatisfyAirflowsSpec(String specName) throws Exception {
    NodeTools.require("prism");
    boolean airflow2 = specName.endsWith("-v1.yaml");
    Path work = Files.createTempDirectory("prism-");
    Path spec = work.resolve("spec.json");
    Files.writeString(
        spec, JSON.writeValueAsString(prismSpec(specDir().resolve(specName), airflow2)));
    Path log = work.resolve("prism.log");
    int port = freePort();
    Process prism =
        NodeTools.start(
            "prism",
            List.of(
                "mock",
                spec.toString(),
                "--errors",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port)),
            log);
    String airflowUrl = "http://127.0.0.1:" + port;
    try {
      awaitListening(prism, log);
      Map<String, String> env =
          airflow2
              ? ServerProcess.Settings.password(airflowUrl, "prism-user", "prism-pass")
                  .environment()
              : ServerProcess.Settings.token(airflowUrl, "prism-service-token").environment();
      // The client sends no Authorization header: the service credentials serve it.
      env = new java.util.LinkedHashMap<>(env);
      env.put("MCP_HTTP_AUTH", "service-account");
      try (ServerProcess server = ServerProcess.startHttp(env);
          McpSyncClient client =
              McpClient.sync(Deployment.httpTransport(server.baseUrl(), null))
                  .requestTimeout(Duration.ofSeconds(30))
                  .build()) {
        client.initialize();
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools).hasSize(ToolsEndToEndTest.TOOLS.size());

        List<String> violations = new ArrayList<>();
        Set<String> unsupported = new TreeSet<>();
        int calls = 0;
        for (McpSchema.Tool tool : tools) {
          for (boolean optional : new boolean[] {false, true}) {
            Map<String, Object> args = arguments(tool, optional);
            long before = Files.size(log);
            McpSchema.CallToolResult result =
                client.callTool(
                    McpSchema.CallToolRequest.builder(tool.name()).arguments(args).build());
            calls++;
            String text = ToolResults.text(result);
            // Prism answers a request it finds invalid with 422 (400/401 for some violations).
            if (Boolean.TRUE.equals(result.isError())
                && Pattern.compile("HTTP (400|401|422)\\b").matcher(text).find()) {
              violations.add(tool.name() + " " + args + ": " + text);
            }
            if (text.contains("\"error_type\":\"UnsupportedVersionError\"")) {
              // Answered by the server itself: the tool has no binding for this major.
              if (!(airflow2 && AIRFLOW3_ONLY.contains(tool.name()))) {
                violations.add(tool.name() + " " + args + ": unexpectedly unsupported: " + text);
              }
              unsupported.add(tool.name());
            } else if (!awaitLine(log, before, "Request received")) {
              violations.add(tool.name() + " " + args + ": sent Prism no request: " + text);
            }
            Thread.sleep(20);
            for (String line : newLines(log, before)) {
              if (VIOLATION.matcher(line).find()) {
                violations.add(tool.name() + " " + args + ": " + line.trim());
              }
            }
          }
        }
        // Airflow 3-only tools answer without a request on Airflow 2, and only there.
        assertThat(unsupported)
            .as("tools without a binding for %s", specName)
            .isEqualTo(airflow2 ? AIRFLOW3_ONLY : Set.of());
        assertThat(calls).isEqualTo(2 * ToolsEndToEndTest.TOOLS.size());
        assertThat(violations)
            .as(
                "Prism request-validation violations for %s; server stderr:\n%s",
                specName, server.stderr())
            .isEmpty();
        String all = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(all).as("Prism log").doesNotContain("Violation: request");
        // Every request Prism received was validated and passed, except the Airflow 3 version
        // probe of a server talking to Airflow 2 (404: not in that spec).
        long received = all.lines().filter(l -> l.contains("Request received")).count();
        long passed =
            all.lines().filter(l -> l.contains("The request passed the validation rules")).count();
        long probes =
            all.lines()
                .filter(
                    l ->
                        airflow2
                            && l.contains("get /api/v2/version")
                            && l.contains("Request received"))
                .count();
        assertThat(passed)
            .as("requests validated by Prism")
            .isGreaterThanOrEqualTo(calls)
            .isEqualTo(received - probes);
        System.out.printf(
            "Prism %s: %d tool calls, %d Airflow requests validated, 0 violations%n",
            specName, calls, passed);

        // The check can fail: a request with a wrong parameter type is reported.
        long mark = Files.size(log);
        java.net.http.HttpResponse<String> bad =
            java.net.http.HttpClient.newHttpClient()
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(
                                airflowUrl
                                    + (airflow2 ? "/api/v1" : "/api/v2")
                                    + "/dags?limit=many"))
                        .header(
                            "Authorization",
                            airflow2 ? "Basic cHJpc20tdXNlcjpwcmlzbS1wYXNz" : "Bearer t")
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(422);
        Thread.sleep(200);
        assertThat(newLines(log, mark)).anyMatch(l -> VIOLATION.matcher(l).find());
        // Every Airflow endpoint the tools call is in the spec (the Airflow 3 version probe is not
        // in Airflow 2's spec: that 404 is how the server tells the majors apart).
        assertThat(all.lines().filter(l -> l.contains("hasn't been found")))
            .as("Prism log: paths not in the spec")
            .allMatch(l -> l.contains("/api/v2/version"));
      }
    } finally {
      NodeTools.stop(prism);
      try (Stream<Path> files = Files.list(work)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(work);
    }
  }

  /** Generated arguments: the required ones, plus every optional one when {@code optional}. */
  static Map<String, Object> arguments(McpSchema.Tool tool, boolean optional) {
    Map<String, Object> out = new LinkedHashMap<>();
    JsonNode schema = JSON.valueToTree(tool.inputSchema());
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asString()));
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      if (optional || required.contains(property.getKey())) {
        out.put(property.getKey(), sample(property.getKey(), property.getValue()));
      }
    }
    return out;
  }

  /** A value valid for {@code schema}: a concrete type of an anyOf, within bounds, enum first. */
  private static Object sample(String name, JsonNode schema) {
    if (schema.has("anyOf")) {
      for (JsonNode alternative : schema.get("anyOf")) {
        if (!alternative.path("type").asString("").equals("null")) {
          return sample(name, alternative);
        }
      }
    }
    if (schema.has("enum")) {
      return JSON.treeToValue(schema.get("enum").get(0), Object.class);
    }
    String type = schema.path("type").asString("");
    switch (type) {
      case "integer" -> {
        long value =
            schema.has("default") && schema.get("default").isNumber()
                ? schema.get("default").asLong()
                : 2;
        if (schema.has("minimum")) {
          value = Math.max(value, schema.get("minimum").asLong());
        }
        if (schema.has("maximum")) {
          value = Math.min(value, schema.get("maximum").asLong());
        }
        return value;
      }
      case "number" -> {
        return 1.5;
      }
      case "boolean" -> {
        return true;
      }
      case "array" -> {
        return List.of(sample(name, schema.path("items")));
      }
      default -> {
        if (schema.has("default") && schema.get("default").isString()) {
          return schema.get("default").asString();
        }
        return switch (name) {
          case "state" -> "failed";
          case "section" -> "core";
          case "dag_run_id", "source_run_id" -> "manual__2025-01-01T00:00:00+00:00";
          default -> "example_" + name;
        };
      }
    }
  }

  /**
   * The spec Prism serves: the real one, with a {@code servers} base path moved into the paths
   * (Prism does not apply it) and an example version (Prism would answer {@code "string"}, which
   * the server cannot read a major version from).
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> prismSpec(Path file, boolean airflow2) throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(16 * 1024 * 1024);
    // Dates stay strings: the JSON copy must keep the spec's values as they are written.
    Resolver resolver =
        new Resolver() {
          @Override
          public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
            if (!Tag.TIMESTAMP.equals(tag)) {
              super.addImplicitResolver(tag, regexp, first, limit);
            }
          }
        };
    Yaml yaml =
        new Yaml(
            new SafeConstructor(options),
            new Representer(new org.yaml.snakeyaml.DumperOptions()),
            new org.yaml.snakeyaml.DumperOptions(),
            options,
            resolver);
    Map<String, Object> spec = yaml.load(Files.readString(file, StandardCharsets.UTF_8));
    if (airflow2) {
      Map<String, Object> paths = (Map<String, Object>) spec.get("paths");
      Map<String, Object> prefixed = new LinkedHashMap<>();
      paths.forEach((path, item) -> prefixed.put("/api/v1" + path, item));
      spec.put("paths", prefixed);
      spec.remove("servers");
    }
    Map<String, Object> version =
        (Map<String, Object>)
            ((Map<String, Object>)
                    ((Map<String, Object>)
                            ((Map<String, Object>)
                                    ((Map<String, Object>) spec.get("components")).get("schemas"))
                                .get("VersionInfo"))
                        .get("properties"))
                .get("version");
    // Prism answers 0 for an integer without an example; a task instance whose logs are asked for
    // has run at least once (Airflow 3.0.2 rejects try_number 0 in the log path), so say so.
    Map<String, Object> schemas =
        (Map<String, Object>) ((Map<String, Object>) spec.get("components")).get("schemas");
    for (Object schema : schemas.values()) {
      if (schema instanceof Map<?, ?> m
          && m.get("properties") instanceof Map<?, ?> props
          && props.get("try_number") instanceof Map<?, ?> tryNumber) {
        ((Map<String, Object>) tryNumber).put("example", 1);
      }
    }
    // specs() yields only names SPEC_NAME matches; the version is in the name.
    java.util.regex.Matcher name = SPEC_NAME.matcher(file.getFileName().toString());
    assertThat(name.matches()).as(file.toString()).isTrue();
    version.put("example", name.group(1));
    return spec;
  }

  private static Path specDir() {
    String configured = System.getProperty("airflow.specs.dir");
    return Path.of(configured == null || configured.isBlank() ? "../airflow-specs" : configured);
  }

  private static void awaitListening(Process prism, Path log) throws Exception {
    long deadline = System.nanoTime() + PRISM_START.toNanos();
    while (System.nanoTime() < deadline) {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      if (text.contains("Prism is listening")) {
        return;
      }
      if (!prism.isAlive()) {
        throw new IllegalStateException("prism exited with " + prism.exitValue() + ":\n" + text);
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("prism did not start within " + PRISM_START.toSeconds() + " s");
  }

  /** Whether a line containing {@code text} is written after {@code from} within two seconds. */
  private static boolean awaitLine(Path log, long from, String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    do {
      if (newLines(log, from).stream().anyMatch(l -> l.contains(text))) {
        return true;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    return false;
  }

  private static List<String> newLines(Path log, long from) throws IOException {
    byte[] all = Files.readAllBytes(log);
    if (all.length <= from) {
      return List.of();
    }
    return new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8)
        .lines()
        .toList();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
