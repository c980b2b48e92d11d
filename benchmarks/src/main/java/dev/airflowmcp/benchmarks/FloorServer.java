package dev.airflowmcp.benchmarks;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The floor of the side-by-side benchmark: the least an MCP server in Java can do for these tools.
 * The MCP Java SDK (stateless Streamable HTTP servlet on Jetty 12, or stdio), the JDK's {@link
 * HttpClient}, and four tools that send one GET to Airflow with the caller's {@code Authorization}
 * header and return Airflow's body as the result text. No validation, shaping, redaction, rate
 * limiting or size budget: whatever our server spends above this is its own.
 *
 * <pre>
 * java -cp benchmarks.jar dev.airflowmcp.benchmarks.FloorServer --airflow-url URL \
 *     [--transport http --port N | --transport stdio]
 * </pre>
 */
public final class FloorServer {
  private static final String AUTHORIZATION = "authorization";

  private FloorServer() {}

  /** One pass-through tool: its name, input schema and the Airflow path its arguments give. */
  private record PassThrough(
      String name, Map<String, Object> schema, Function<Map<String, Object>, String> path) {}

  private static List<PassThrough> tools() {
    return List.of(
        new PassThrough(
            "list_dags",
            schema(Map.of("limit", "integer", "offset", "integer"), List.of()),
            a -> "/api/v2/dags?limit=" + num(a, "limit", 100) + "&offset=" + num(a, "offset", 0)),
        new PassThrough(
            "get_dag_details",
            schema(Map.of("dag_id", "string"), List.of("dag_id")),
            a -> "/api/v2/dags/" + seg(a, "dag_id") + "/details"),
        new PassThrough(
            "list_task_instances",
            schema(
                Map.of("dag_id", "string", "dag_run_id", "string", "limit", "integer"),
                List.of("dag_id", "dag_run_id")),
            a ->
                "/api/v2/dags/"
                    + seg(a, "dag_id")
                    + "/dagRuns/"
                    + seg(a, "dag_run_id")
                    + "/taskInstances?limit="
                    + num(a, "limit", 100)
                    + "&offset=0"),
        new PassThrough(
            "get_task_logs",
            schema(
                Map.of(
                    "dag_id",
                    "string",
                    "dag_run_id",
                    "string",
                    "task_id",
                    "string",
                    "try_number",
                    "integer"),
                List.of("dag_id", "dag_run_id", "task_id", "try_number")),
            a ->
                "/api/v2/dags/"
                    + seg(a, "dag_id")
                    + "/dagRuns/"
                    + seg(a, "dag_run_id")
                    + "/taskInstances/"
                    + seg(a, "task_id")
                    + "/logs/"
                    + num(a, "try_number", 1)
                    + "?full_content=true&map_index=-1"));
  }

  private static Map<String, Object> schema(Map<String, String> types, List<String> required) {
    Map<String, Object> properties = new java.util.TreeMap<>();
    types.forEach((k, v) -> properties.put(k, Map.of("type", v)));
    return Map.of("type", "object", "properties", properties, "required", required);
  }

  private static String seg(Map<String, Object> a, String name) {
    return URLEncoder.encode(String.valueOf(a.get(name)), StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  private static long num(Map<String, Object> a, String name, long dflt) {
    Object v = a == null ? null : a.get(name);
    return v instanceof Number n ? n.longValue() : dflt;
  }

  public static void main(String[] args) throws Exception {
    String transport = "http";
    int port = 8001;
    String airflow = "http://127.0.0.1:8080";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--transport" -> transport = args[++i];
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--airflow-url" -> airflow = args[++i];
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String base = airflow;
    if (transport.equals("stdio")) {
      String token = "Bearer " + System.getenv().getOrDefault("AIRFLOW_AUTH_TOKEN", "floor");
      List<McpServerFeatures.SyncToolSpecification> specs = new ArrayList<>();
      for (PassThrough t : tools()) {
        specs.add(
            new McpServerFeatures.SyncToolSpecification(
                McpSchema.Tool.builder(t.name(), t.schema()).description(t.name()).build(),
                (exchange, request) ->
                    get(http, base + t.path().apply(request.arguments()), token)));
      }
      // The SDK's stdio transport does not end the process when stdin closes: end it here.
      java.io.InputStream stdin =
          new java.io.FilterInputStream(System.in) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
              int n = super.read(b, off, len);
              if (n < 0) {
                Runtime.getRuntime().halt(0);
              }
              return n;
            }
          };
      StdioServerTransportProvider stdio =
          new StdioServerTransportProvider(McpJsonDefaults.getMapper(), stdin, System.out);
      McpServer.sync(stdio)
          .serverInfo("floor", "1")
          .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
          .tools(specs)
          .build();
      new CountDownLatch(1).await(); // stdin's end ends the process
      return;
    }
    HttpServletStatelessServerTransport servlet =
        HttpServletStatelessServerTransport.builder()
            .jsonMapper(McpJsonDefaults.getMapper())
            .messageEndpoint("/mcp")
            .contextExtractor(
                request -> {
                  String auth = request.getHeader("Authorization");
                  return auth == null
                      ? McpTransportContext.EMPTY
                      : McpTransportContext.create(Map.of(AUTHORIZATION, auth));
                })
            .build();
    List<McpStatelessServerFeatures.SyncToolSpecification> specs = new ArrayList<>();
    for (PassThrough t : tools()) {
      specs.add(
          new McpStatelessServerFeatures.SyncToolSpecification(
              McpSchema.Tool.builder(t.name(), t.schema()).description(t.name()).build(),
              (context, request) ->
                  get(
                      http,
                      base + t.path().apply(request.arguments()),
                      (String) context.get(AUTHORIZATION))));
    }
    McpServer.sync(servlet)
        .serverInfo("floor", "1")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .immediateExecution(true)
        .tools(specs)
        .build();
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder holder = new ServletHolder(servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/mcp");
    jetty.setHandler(context);
    jetty.start();
    System.err.println("floor ready on http://127.0.0.1:" + port + "/mcp");
    jetty.join();
  }

  private static CallToolResult get(HttpClient http, String url, String authorization) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(30))
              .header("Accept", "application/json");
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return CallToolResult.builder()
          .addTextContent(response.body())
          .isError(response.statusCode() != 200)
          .build();
    } catch (Exception e) {
      return CallToolResult.builder().addTextContent("Airflow call failed").isError(true).build();
    }
  }
}
