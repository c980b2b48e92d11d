package dev.airflowmcp.codegen.openapi;

import dev.airflowmcp.codegen.bind.CodegenCodes;
import dev.airflowmcp.codegen.model.ParamLocation;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.diag.Diagnostics;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses Airflow REST specs with swagger-parser: OpenAPI 3.0 ({@code /api/v1}, Airflow 2) and
 * OpenAPI 3.1 ({@code /api/v2}, Airflow 3).
 *
 * <p>The Airflow major version comes from the document's shape: an Airflow 2 spec has {@code
 * servers: [{url: /api/v1}]} and relative paths ({@code /dags}), which are prefixed with {@code
 * /api/v1}; an Airflow 3 spec has no servers and absolute paths under {@code /api/v2/}. Anything
 * else, such as the simple auth manager's {@code /auth/token} spec, is not a REST API spec.
 *
 * <p>Array query parameters are sent comma-joined when the spec says {@code explode: false}, and in
 * Airflow 2 specs also when it says nothing: the {@code /api/v1} convention is {@code style: form,
 * explode: false}, declared on only some of its array parameters. Cookie parameters cannot be sent
 * by tools and are left out with a warning.
 */
public final class SpecLoader {

  private static final String V1_SERVER = AirflowMajor.AIRFLOW2.apiPrefix();
  private static final String V2_PATH_PREFIX = AirflowMajor.AIRFLOW3.apiPrefix() + "/";
  private static final int MAX_PARSER_MESSAGES = 5;

  private SpecLoader() {}

  /**
   * Parses one Airflow REST spec. Problems are reported as diagnostics located at the file name:
   * {@code SPEC_NOT_FOUND}, {@code SPEC_INVALID} (text that is not UTF-8, or any parser message,
   * such as a repeated operationId) and {@code UNKNOWN_SPEC_KIND}; a cookie parameter gives the
   * warning {@code UNSUPPORTED_PARAMETER}.
   *
   * @param file the spec file; diagnostics and the result name it by its file name only
   * @return the spec, or {@code null} when an error was reported
   * @throws IOException when the file exists but cannot be read
   */
  public static AirflowSpec load(Path file, Diagnostics diagnostics) throws IOException {
    Path fileName = file.getFileName();
    String label = fileName == null ? file.toString() : fileName.toString();
    SourceLocation at = SourceLocation.ofFile(label);
    if (!Files.isRegularFile(file)) {
      diagnostics.error(
          at,
          CodegenCodes.SPEC_NOT_FOUND,
          "Airflow REST spec not found: " + file,
          "check the spec file name and directory");
      return null;
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      diagnostics.error(at, CodegenCodes.SPEC_INVALID, label + " is not UTF-8 text");
      return null;
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setExplicitStyleAndExplode(false);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
    OpenAPI api = result.getOpenAPI();
    List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
    if (api == null || !messages.isEmpty()) {
      diagnostics.error(
          at,
          CodegenCodes.SPEC_INVALID,
          label + " is not a valid OpenAPI document: " + summarize(messages));
      return null;
    }
    AirflowMajor major = detectMajor(api);
    if (major == null) {
      diagnostics.error(
          at,
          CodegenCodes.UNKNOWN_SPEC_KIND,
          label
              + " is not an Airflow REST API spec: expected servers [/api/v1] with relative paths"
              + " (Airflow 2) or absolute paths under /api/v2/ (Airflow 3)",
          "configure only Airflow's REST API specs (the auth manager specs are not needed)");
      return null;
    }
    Map<String, SpecOperation> operations = operations(api, major, at, diagnostics);
    String infoVersion = api.getInfo() == null ? null : api.getInfo().getVersion();
    return new AirflowSpec(label, major, infoVersion, operations);
  }

  private static String summarize(List<String> messages) {
    if (messages.isEmpty()) {
      return "the parser returned no document";
    }
    List<String> shown = messages.subList(0, Math.min(MAX_PARSER_MESSAGES, messages.size()));
    String text = String.join("; ", shown);
    int more = messages.size() - shown.size();
    return more == 0 ? text : text + " (and " + more + " more)";
  }

  private static AirflowMajor detectMajor(OpenAPI api) {
    List<String> serverUrls = new ArrayList<>();
    if (api.getServers() != null) {
      for (Server s : api.getServers()) {
        String url = s.getUrl() == null ? "" : stripTrailingSlash(s.getUrl());
        // swagger-parser adds a server "/" to documents that declare none
        if (!url.isEmpty()) {
          serverUrls.add(url);
        }
      }
    }
    List<String> paths =
        api.getPaths() == null ? List.of() : new ArrayList<>(api.getPaths().keySet());
    if (paths.isEmpty()) {
      return null;
    }
    if (serverUrls.isEmpty() && paths.stream().allMatch(p -> p.startsWith(V2_PATH_PREFIX))) {
      return AirflowMajor.AIRFLOW3;
    }
    if (serverUrls.equals(List.of(V1_SERVER))
        && paths.stream().noneMatch(p -> p.startsWith("/api/"))) {
      return AirflowMajor.AIRFLOW2;
    }
    return null;
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static Map<String, SpecOperation> operations(
      OpenAPI api, AirflowMajor major, SourceLocation at, Diagnostics diagnostics) {
    SchemaFacts facts = new SchemaFacts(componentSchemas(api));
    String prefix = major == AirflowMajor.AIRFLOW2 ? V1_SERVER : "";
    Map<String, SpecOperation> operations = new LinkedHashMap<>();
    for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
      PathItem item = path.getValue();
      for (Map.Entry<PathItem.HttpMethod, Operation> e : item.readOperationsMap().entrySet()) {
        Operation op = e.getValue();
        String id = op.getOperationId();
        if (id == null) {
          continue; // cannot be bound by a tool spec, so irrelevant here
        }
        String method = e.getKey().name().toUpperCase(Locale.ROOT);
        String fullPath = prefix + path.getKey();
        List<SpecParameter> params =
            new ArrayList<>(
                parameters(
                    item.getParameters(), op.getParameters(), major, facts, at, id, diagnostics));
        params.addAll(bodyFields(op, facts));
        List<String> tags = op.getTags() == null ? List.of() : op.getTags();
        operations.put(
            id, new SpecOperation(id, method, fullPath, tags, params, op.getRequestBody() != null));
      }
    }
    return operations;
  }

  @SuppressWarnings("rawtypes") // swagger-models declares Map<String, Schema>
  private static Map<String, Schema<?>> componentSchemas(OpenAPI api) {
    Map<String, Schema<?>> result = new LinkedHashMap<>();
    if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
      for (Map.Entry<String, Schema> e : api.getComponents().getSchemas().entrySet()) {
        result.put(e.getKey(), e.getValue());
      }
    }
    return result;
  }

  private static List<SpecParameter> parameters(
      List<Parameter> pathLevel,
      List<Parameter> operationLevel,
      AirflowMajor major,
      SchemaFacts facts,
      SourceLocation at,
      String operationId,
      Diagnostics diagnostics) {
    Map<String, Parameter> merged = new LinkedHashMap<>();
    for (List<Parameter> level : Arrays.asList(pathLevel, operationLevel)) {
      if (level != null) {
        for (Parameter p : level) {
          merged.put(p.getIn() + " " + p.getName(), p);
        }
      }
    }
    List<SpecParameter> result = new ArrayList<>();
    for (Parameter p : merged.values()) {
      ParamLocation in = location(p.getIn());
      if (in == null) {
        diagnostics.warning(
            at,
            CodegenCodes.UNSUPPORTED_PARAMETER,
            "parameter '"
                + p.getName()
                + "' of operation '"
                + operationId
                + "' is in "
                + p.getIn()
                + ", which tools cannot send; it is ignored",
            null);
        continue;
      }
      SchemaFacts.Facts f = facts.of(p.getSchema());
      boolean required = in == ParamLocation.PATH || Boolean.TRUE.equals(p.getRequired());
      boolean commaSeparated =
          in == ParamLocation.QUERY
              && "array".equals(f.type())
              && (Boolean.FALSE.equals(p.getExplode())
                  || (p.getExplode() == null && major == AirflowMajor.AIRFLOW2));
      result.add(
          new SpecParameter(
              p.getName(),
              in,
              f.type(),
              f.itemType(),
              required,
              commaSeparated,
              f.enumValues(),
              f.constValue(),
              f.defaultValue(),
              f.format(),
              false,
              f.bounds()));
    }
    return result;
  }

  /**
   * The top-level fields of the operation's JSON request body, as {@link ParamLocation#BODY}
   * parameters (read-only fields left out).
   */
  private static List<SpecParameter> bodyFields(Operation op, SchemaFacts facts) {
    List<SpecParameter> result = new ArrayList<>();
    if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
      return result;
    }
    io.swagger.v3.oas.models.media.MediaType json =
        op.getRequestBody().getContent().get("application/json");
    if (json == null || json.getSchema() == null) {
      return result;
    }
    java.util.Set<String> required = new java.util.LinkedHashSet<>();
    Map<String, Schema<?>> properties = facts.properties(json.getSchema(), required);
    for (Map.Entry<String, Schema<?>> e : properties.entrySet()) {
      Schema<?> schema = e.getValue();
      if (Boolean.TRUE.equals(schema.getReadOnly())) {
        continue;
      }
      SchemaFacts.Facts f = facts.of(schema);
      result.add(
          new SpecParameter(
              e.getKey(),
              ParamLocation.BODY,
              f.type(),
              f.itemType(),
              required.contains(e.getKey()),
              false,
              f.enumValues(),
              f.constValue(),
              f.defaultValue(),
              f.format(),
              facts.nullable(schema),
              f.bounds()));
    }
    return result;
  }

  private static ParamLocation location(String in) {
    if (in == null) {
      return null;
    }
    switch (in) {
      case "path":
        return ParamLocation.PATH;
      case "query":
        return ParamLocation.QUERY;
      case "header":
        return ParamLocation.HEADER;
      default:
        return null;
    }
  }
}
