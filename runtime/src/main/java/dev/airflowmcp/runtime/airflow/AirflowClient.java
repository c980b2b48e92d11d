package dev.airflowmcp.runtime.airflow;

import dev.airflowmcp.runtime.airflow.AirflowCallException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP client for Airflow's REST API: one shared {@link HttpClient} (HTTP/1.1, redirects never
 * followed), safe for concurrent use.
 *
 * <p>Before anything is sent, every request passes a guard (defence in depth behind the
 * generator's own checks): only {@code GET} unless writes are allowed, only paths under {@code
 * /api/v1/} or {@code /api/v2/}, never {@code /auth/login} or {@code /auth/logout}, no unresolved
 * lookups, every placeholder filled. Path and query values are percent-encoded so that no value can
 * change the path ({@code /}, {@code ..}, {@code ?}, {@code #} are all encoded).
 *
 * <p>Answers are read up to {@link AirflowClientConfig#maxResponseBytes()}; the whole call, body,
 * retries and the wait for a bulkhead slot included, is bounded by {@link
 * AirflowClientConfig#requestTimeout()}. At most {@link Resilience#maxConcurrentCalls()} requests
 * are in flight at once; a request that finds no free slot within {@link Resilience#queueWait()}
 * fails with {@link Kind#BUSY} without being sent. A {@code GET} that fails to connect, or gets
 * HTTP 502, 503 or 504, is sent again after a jittered backoff (honouring {@code Retry-After}), up
 * to {@link Resilience#maxAttempts()} attempts and never past the deadline; no other status, and
 * no other method, is ever retried. Request and response bodies and headers are never logged.
 */
public final class AirflowClient implements AirflowHttp {

  static final String USER_AGENT = "airflow-mcp";

  private static final Logger LOG = LoggerFactory.getLogger(AirflowClient.class);
  private static final Set<String> READ_METHODS = Set.of("GET");
  private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
  private static final List<String> API_PREFIXES = List.of("/api/v1/", "/api/v2/");
  private static final Pattern TEMPLATE_CHARS = Pattern.compile("[A-Za-z0-9\\-._~/:@!$&'()*+,;={}]*");
  private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final AirflowClientConfig config;
  private final Clock clock;
  /** Built on the first request: building it sets up TLS, which a start does not need. */
  private final HttpClient.Builder httpBuilder;
  private volatile HttpClient http;
  private final String base;
  private final Semaphore permits;

  /** A client with the system clock (used for {@code Retry-After} dates). */
  public AirflowClient(AirflowClientConfig config) {
    this(config, Clock.systemUTC());
  }

  /**
   * A client.
   *
   * @param clock the clock {@code Retry-After} HTTP dates are measured against
   * @throws IllegalArgumentException when the CA certificate file cannot be read
   */
  public AirflowClient(AirflowClientConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.base = config.baseUrl().toString();
    this.permits = new Semaphore(config.resilience().maxConcurrentCalls(), true);
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(config.connectTimeout())
            // Run the client's follow-up steps on the thread that completes them (its selector,
            // or the caller) instead of a pool: every step is non-blocking (the body is copied
            // as it arrives, see CappedBody), and two thread switches per request less cut
            // ~60 µs of latency and CPU (see benchmarks/README.md).
            .executor(Runnable::run);
    SSLContext ssl = sslContext(config);
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    if (!config.verifyTls()) {
      LOG.warn(
          "TLS verification is OFF for Airflow at {}: any certificate and host name is accepted."
              + " Use this only for development.",
          base);
    }
    this.httpBuilder = builder;
  }

  /**
   * The shared HTTP client, built on first use: building it loads and initialises the JDK's TLS
   * stack (about a fifth of the server's start-up), which neither a start nor {@code tools/list}
   * needs. A configured CA certificate is still read at construction, so a bad one fails the start.
   */
  private HttpClient http() {
    HttpClient h = http;
    if (h == null) {
      synchronized (httpBuilder) {
        h = http;
        if (h == null) {
          h = httpBuilder.build();
          http = h;
        }
      }
    }
    return h;
  }

  /** The configuration this client was built with. */
  public AirflowClientConfig config() {
    return config;
  }

  @Override
  public URI baseUrl() {
    return config.baseUrl();
  }

  @Override
  public void check(AirflowRequest request) throws AirflowCallException {
    // Lookups are resolved only when the request is sent: checking comes before them.
    guardMethodAndPath(Objects.requireNonNull(request, "request"));
  }

  @Override
  public AirflowResponse send(AirflowRequest request, String authorization)
      throws AirflowCallException {
    Objects.requireNonNull(request, "request");
    guard(request);
    String path = expandPath(request);
    if (isLoginOrLogout(path)) {
      throw refused("login and logout endpoints are never called", request);
    }
    URI uri = URI.create(base + path + queryString(request.query()));
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .method(request.method(), bodyOf(request));
    if (sendsBody(request)) {
      builder.header("Content-Type", "application/json");
    }
    boolean hasAccept = false;
    for (AirflowRequest.Param header : request.headers()) {
      String name = header.name();
      if (name.equalsIgnoreCase("Authorization")) {
        throw refused("a request must not carry its own Authorization header", request);
      }
      hasAccept |= name.equalsIgnoreCase("Accept");
      addHeader(builder, name, header.value(), request, false);
    }
    if (!hasAccept) {
      builder.header("Accept", "application/json");
    }
    builder.setHeader("User-Agent", USER_AGENT);
    if (authorization != null) {
      addHeader(builder, "Authorization", authorization, request, true);
    }
    return exchange(builder.build(), request.describe());
  }

  @Override
  public AirflowResponse postJson(String absolutePath, String jsonBody) throws AirflowCallException {
    Objects.requireNonNull(jsonBody, "jsonBody");
    if (!TOKEN_PATH.equals(absolutePath)) {
      throw new AirflowCallException(
          Kind.REFUSED, "refused POST " + absolutePath + ": only " + TOKEN_PATH + " may be posted to");
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + TOKEN_PATH))
            .timeout(config.requestTimeout())
            .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .setHeader("User-Agent", USER_AGENT)
            .build();
    return exchange(request, "POST " + TOKEN_PATH);
  }

  // ---------------------------------------------------------------------------------------------
  // Guard and URL building

  private void guard(AirflowRequest request) throws AirflowCallException {
    guardMethodAndPath(request);
    if (!request.lookups().isEmpty()) {
      throw refused("lookups must be resolved before sending", request);
    }
  }

  /** Refuses a method or path this client never sends (writes in read-only mode included). */
  private void guardMethodAndPath(AirflowRequest request) throws AirflowCallException {
    String method = request.method();
    if (WRITE_METHODS.contains(method)) {
      if (!config.allowWrites()) {
        throw readOnly(request, "the server is in read-only mode, so only reads are sent to Airflow");
      }
    } else if (!READ_METHODS.contains(method)) {
      throw refused("unsupported HTTP method", request);
    }
    String template = request.pathTemplate();
    if (API_PREFIXES.stream().noneMatch(template::startsWith)) {
      throw refused("only /api/v1/ and /api/v2/ paths may be called", request);
    }
    if (isLoginOrLogout(template)) {
      throw refused("login and logout endpoints are never called", request);
    }
    if (!TEMPLATE_CHARS.matcher(template).matches()) {
      throw refused("the path template contains characters that are not allowed", request);
    }
    for (String segment : template.substring(1).split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw refused("the path template has an empty, '.' or '..' segment", request);
      }
    }
  }

  private static boolean isLoginOrLogout(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    int end = p.length();
    while (end > 0 && p.charAt(end - 1) == '/') {
      end--;
    }
    p = p.substring(0, end);
    return p.endsWith("/auth/login") || p.endsWith("/auth/logout");
  }

  private static String expandPath(AirflowRequest request) throws AirflowCallException {
    String template = request.pathTemplate();
    StringBuilder out = new StringBuilder(template.length() + 32);
    Set<String> used = new HashSet<>();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '{') {
        int close = template.indexOf('}', i);
        if (close < 0) {
          throw refused("the path template has an unclosed placeholder", request);
        }
        String name = template.substring(i + 1, close);
        String value = pathValue(request.pathParams(), name);
        if (value == null) {
          throw refused("no value for path parameter '" + name + "'", request);
        }
        if (value.isEmpty()) {
          throw refused("empty value for path parameter '" + name + "'", request);
        }
        out.append(encodePathValue(value));
        used.add(name);
        i = close + 1;
      } else if (c == '}') {
        throw refused("the path template has an unopened placeholder", request);
      } else {
        out.append(c);
        i++;
      }
    }
    for (AirflowRequest.Param p : request.pathParams()) {
      if (!used.contains(p.name())) {
        throw refused("path parameter '" + p.name() + "' is not in the path template", request);
      }
    }
    return out.toString();
  }

  private static String pathValue(List<AirflowRequest.Param> params, String name) {
    for (AirflowRequest.Param p : params) {
      if (p.name().equals(name)) {
        return p.value();
      }
    }
    return null;
  }

  private static String encodePathValue(String value) {
    if (value.equals(".")) {
      return "%2E";
    }
    if (value.equals("..")) {
      return "%2E%2E";
    }
    return encode(value);
  }

  private static String queryString(Collection<AirflowRequest.Param> query) {
    if (query.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    char sep = '?';
    for (AirflowRequest.Param p : query) {
      out.append(sep).append(encode(p.name())).append('=').append(encode(p.value()));
      sep = '&';
    }
    return out.toString();
  }

  /** Percent-encodes (UTF-8, upper-case hex) everything outside RFC 3986 unreserved characters. */
  static String encode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  private static void addHeader(
      HttpRequest.Builder builder,
      String name,
      String value,
      AirflowRequest request,
      boolean isAuthorization)
      throws AirflowCallException {
    try {
      builder.header(name, value);
    } catch (IllegalArgumentException e) {
      // The JDK's message may quote the value; never pass it on.
      throw refused(
          isAuthorization
              ? "the Authorization header value is not valid"
              : "header '" + name + "' cannot be sent",
          request);
    }
  }

  /**
   * The exception for a write that is not allowed: {@code "'PATCH dags/my_dag' refused: <why>"},
   * naming the method and the percent-encoded path after the API prefix (as the caller gave the
   * values), or the path template when the path cannot be filled.
   */
  public static AirflowCallException readOnly(AirflowRequest request, String why) {
    String path;
    try {
      path = expandPath(request);
    } catch (AirflowCallException unfilled) {
      path = request.pathTemplate();
    }
    for (String prefix : API_PREFIXES) {
      if (path.startsWith(prefix)) {
        path = path.substring(prefix.length());
        break;
      }
    }
    return new AirflowCallException(
        Kind.READ_ONLY, "'" + request.method() + " " + path + "' refused: " + why);
  }

  private static AirflowCallException refused(String why, AirflowRequest request) {
    return new AirflowCallException(Kind.REFUSED, "refused " + request.describe() + ": " + why);
  }

  // ---------------------------------------------------------------------------------------------
  // Exchange

  private AirflowResponse exchange(HttpRequest request, String describe)
      throws AirflowCallException {
    Resilience policy = config.resilience();
    boolean retryable = request.method().equals("GET");
    long deadline = System.nanoTime() + config.requestTimeout().toNanos();
    for (int attempt = 1; ; attempt++) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw timeout(null);
      }
      HttpRequest current =
          attempt == 1
              ? request
              : HttpRequest.newBuilder(request, (name, value) -> true)
                  .timeout(Duration.ofNanos(remaining))
                  .build();
      AirflowResponse response;
      try {
        response = attempt(current, describe, remaining);
      } catch (AttemptFailure f) {
        if (!retryable || !f.connectionFailure || attempt >= policy.maxAttempts()) {
          throw attempts(f.exception, attempt);
        }
        long wait = policy.backoffNanos(attempt, ThreadLocalRandom.current().nextDouble());
        if (!timeForAnotherAttempt(wait, deadline)) {
          throw attempts(f.exception, attempt);
        }
        LOG.info(
            "{} failed to connect ({}); retry {} of {} in {} ms",
            describe,
            f.exception.kind(),
            attempt,
            policy.maxAttempts() - 1,
            TimeUnit.NANOSECONDS.toMillis(wait));
        pause(wait);
        continue;
      }
      int status = response.status();
      if (!retryable || !RETRIED_STATUSES.contains(status) || attempt >= policy.maxAttempts()) {
        return response;
      }
      long wait = policy.backoffNanos(attempt, ThreadLocalRandom.current().nextDouble());
      if (response.retryAfterSeconds() >= 0) {
        wait = Math.max(wait, TimeUnit.SECONDS.toNanos(response.retryAfterSeconds()));
      }
      if (!timeForAnotherAttempt(wait, deadline)) {
        return response; // no time left to wait for: the caller sees this answer
      }
      LOG.info(
          "{} -> HTTP {}; retry {} of {} in {} ms",
          describe,
          status,
          attempt,
          policy.maxAttempts() - 1,
          TimeUnit.NANOSECONDS.toMillis(wait));
      pause(wait);
    }
  }

  /**
   * Whether, after waiting {@code waitNanos}, enough of the deadline is left for an attempt that
   * can succeed: a quarter of the call's timeout, at most 1 s. A retry that could only time out
   * would replace Airflow's real answer with a timeout.
   */
  private boolean timeForAnotherAttempt(long waitNanos, long deadline) {
    long minimum = Math.min(TimeUnit.SECONDS.toNanos(1), config.requestTimeout().toNanos() / 4);
    return deadline - (System.nanoTime() + waitNanos) >= minimum;
  }

  /** Statuses after which a GET is tried again: the gateway or proxy in front of Airflow failed. */
  private static final Set<Integer> RETRIED_STATUSES = Set.of(502, 503, 504);

  /** One failed attempt, and whether it failed before any answer arrived (safe to repeat). */
  private static final class AttemptFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final transient AirflowCallException exception;
    final boolean connectionFailure;

    AttemptFailure(AirflowCallException exception, boolean connectionFailure) {
      super(null, null, false, false);
      this.exception = exception;
      this.connectionFailure = connectionFailure;
    }
  }

  /** One request, inside the bulkhead, bounded by {@code budgetNanos}. */
  private AirflowResponse attempt(HttpRequest request, String describe, long budgetNanos)
      throws AirflowCallException, AttemptFailure {
    long started = System.nanoTime();
    long queueWait = Math.min(config.resilience().queueWait().toNanos(), budgetNanos);
    try {
      if (!permits.tryAcquire(queueWait, TimeUnit.NANOSECONDS)) {
        throw new AirflowCallException(
            Kind.BUSY,
            "this server already has "
                + config.resilience().maxConcurrentCalls()
                + " calls to Airflow in flight, its limit; "
                + describe
                + " was not sent");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AirflowCallException(Kind.TIMEOUT, "interrupted while waiting for Airflow", e);
    }
    try {
      long left = budgetNanos - (System.nanoTime() - started);
      if (left <= 0) {
        throw timeout(null);
      }
      CappedBodyHandler handler = new CappedBodyHandler(config.maxResponseBytes());
      CompletableFuture<HttpResponse<byte[]>> future = http().sendAsync(request, handler);
      HttpResponse<byte[]> response;
      try {
        response = future.get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        future.cancel(true);
        throw timeout(e);
      } catch (InterruptedException e) {
        future.cancel(true);
        Thread.currentThread().interrupt();
        throw new AirflowCallException(Kind.TIMEOUT, "interrupted while waiting for Airflow", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        AirflowCallException failure = failure(cause, handler.headersReceived, describe);
        throw new AttemptFailure(
            failure, isConnectionFailure(cause, handler.headersReceived, failure));
      }
      HttpHeaders headers = response.headers();
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{} -> HTTP {} ({} bytes, {} ms)",
            describe,
            response.statusCode(),
            response.body().length,
            (System.nanoTime() - started) / 1_000_000);
      }
      return new AirflowResponse(
          response.statusCode(),
          headers.firstValue("Content-Type").orElse(null),
          response.body(),
          retryAfterSeconds(headers.firstValue("Retry-After").orElse(null), clock.instant()));
    } finally {
      permits.release();
    }
  }

  /**
   * Whether a failure happened before Airflow sent any answer, so that the request cannot have
   * been processed and a GET may be repeated: connection refused or timed out, or the connection
   * closed before a status line. Unknown hosts and TLS failures are configuration problems that a
   * retry does not fix; timeouts and broken bodies are never repeated.
   */
  private static boolean isConnectionFailure(
      Throwable cause, boolean headersReceived, AirflowCallException failure) {
    if (headersReceived || find(cause, SSLException.class) != null) {
      return false;
    }
    if (find(cause, UnresolvedAddressException.class) != null
        || find(cause, UnknownHostException.class) != null) {
      return false;
    }
    if (failure.kind() == Kind.CONNECT) {
      return true;
    }
    return failure.kind() == Kind.BAD_RESPONSE
        && find(cause, java.net.ProtocolException.class) == null
        && find(cause, IOException.class) != null;
  }

  /** The final failure, saying how many attempts were made when there were several. */
  private static AirflowCallException attempts(AirflowCallException e, int attempts) {
    if (attempts == 1) {
      return e;
    }
    return new AirflowCallException(
        e.kind(),
        e.status(),
        e.retryAfterSeconds(),
        e.getMessage() + " (" + attempts + " attempts)",
        e.getCause());
  }

  private static void pause(long nanos) throws AirflowCallException {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AirflowCallException(Kind.TIMEOUT, "interrupted while waiting to retry", e);
    }
  }

  /** Requests to Airflow in flight now (for tests and monitoring). */
  public int inFlight() {
    return config.resilience().maxConcurrentCalls() - permits.availablePermits();
  }

  private AirflowCallException failure(Throwable cause, boolean headersReceived, String describe) {
    if (find(cause, BodyTooLarge.class) != null) {
      return new AirflowCallException(
          Kind.BODY_TOO_LARGE,
          "Airflow's answer to "
              + describe
              + " is larger than the "
              + formatBytes(config.maxResponseBytes())
              + " cap");
    }
    if (find(cause, HttpConnectTimeoutException.class) != null) {
      // The connect timeout, or the call's deadline when less of it was left.
      return connectFailure("connection timed out", cause);
    }
    HttpTimeoutException timeout = find(cause, HttpTimeoutException.class);
    if (timeout != null) {
      return timeout(timeout);
    }
    if (!headersReceived) {
      if (find(cause, UnresolvedAddressException.class) != null
          || find(cause, UnknownHostException.class) != null) {
        return connectFailure("unknown host " + config.baseUrl().getHost(), cause);
      }
      SSLException ssl = find(cause, SSLException.class);
      if (ssl != null) {
        return connectFailure("TLS handshake failed (" + shortReason(ssl) + ")", cause);
      }
      ConnectException connect = find(cause, ConnectException.class);
      if (connect != null) {
        return connectFailure(
            connect.getMessage() == null ? "connection refused" : shortReason(connect), cause);
      }
      return new AirflowCallException(
          Kind.BAD_RESPONSE,
          "no valid HTTP answer from Airflow to " + describe + " (" + shortReason(cause) + ")",
          cause);
    }
    return new AirflowCallException(
        Kind.BAD_RESPONSE,
        "the answer to " + describe + " could not be read completely (" + shortReason(cause) + ")",
        cause);
  }

  private AirflowCallException connectFailure(String reason, Throwable cause) {
    return new AirflowCallException(
        Kind.CONNECT, "could not connect to Airflow at " + base + ": " + reason, cause);
  }

  private AirflowCallException timeout(Throwable cause) {
    return new AirflowCallException(
        Kind.TIMEOUT,
        "Airflow did not respond within " + formatDuration(config.requestTimeout()),
        cause);
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    Set<Throwable> seen = new HashSet<>();
    for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static String shortReason(Throwable t) {
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      return t.getClass().getSimpleName();
    }
    String line = message.strip().lines().findFirst().orElse("");
    return line.length() <= 160 ? line : line.substring(0, 160) + "…";
  }

  static String formatDuration(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
  }

  static String formatBytes(int bytes) {
    if (bytes % (1024 * 1024) == 0) {
      return (bytes / (1024 * 1024)) + " MiB";
    }
    if (bytes % 1024 == 0) {
      return (bytes / 1024) + " KiB";
    }
    return bytes + " bytes";
  }

  /** {@code Retry-After} as delay-seconds or an HTTP-date, in seconds from {@code now}; else -1. */
  static long retryAfterSeconds(String value, Instant now) {
    if (value == null) {
      return -1;
    }
    String v = value.strip();
    if (DIGITS.matcher(v).matches()) {
      return Long.parseLong(v);
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      long millis = Duration.between(now, at).toMillis();
      return millis <= 0 ? 0 : (millis + 999) / 1000;
    } catch (DateTimeParseException e) {
      return -1;
    }
  }

  /** Signals that the body exceeded the cap; never leaves this class. */
  private static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge() {
      super("body larger than the cap", null);
    }
  }

  /** Reads a body into memory, failing fast once it exceeds the cap. */
  private static final class CappedBodyHandler implements HttpResponse.BodyHandler<byte[]> {
    private final int max;
    private volatile boolean headersReceived;

    CappedBodyHandler(int max) {
      this.max = max;
    }

    @Override
    public BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
      headersReceived = true;
      long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      return new CappedBody(max, declared);
    }
  }

  private static final class CappedBody implements BodySubscriber<byte[]> {
    private final int max;
    private final long declared;
    private final Buffer out;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    CappedBody(int max, long declared) {
      this.max = max;
      this.declared = declared;
      // Sized to the declared length (within the cap), so a large page is not copied as it grows.
      this.out = new Buffer(declared >= 0 && declared <= max ? (int) declared : 8192);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (declared > max) {
        s.cancel();
        result.completeExceptionally(new BodyTooLarge());
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer buffer : items) {
        int n = buffer.remaining();
        if ((long) out.size() + n > max) {
          subscription.cancel();
          result.completeExceptionally(new BodyTooLarge());
          return;
        }
        if (buffer.hasArray()) {
          out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), n);
          buffer.position(buffer.position() + n);
        } else {
          byte[] chunk = new byte[n];
          buffer.get(chunk);
          out.write(chunk, 0, n);
        }
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(out.bytes());
    }
  }

  /** A byte buffer that hands over its array when it is exactly full (no final copy). */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer(int size) {
      super(size);
    }

    byte[] bytes() {
      return count == buf.length ? buf : Arrays.copyOf(buf, count);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // TLS

  private static SSLContext sslContext(AirflowClientConfig config) {
    try {
      if (!config.verifyTls()) {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, null);
        return context;
      }
      if (config.caCertificate() == null) {
        return null;
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int n = 0;
      for (Certificate certificate : readCertificates(config.caCertificate())) {
        trust.setCertificateEntry("ca-" + n++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "cannot set up TLS"
              + (config.caCertificate() == null ? "" : " with CA certificate " + config.caCertificate())
              + ": "
              + shortReason(e),
          e);
    }
  }

  private static Collection<? extends Certificate> readCertificates(Path pem)
      throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(pem)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    if (certificates.isEmpty()) {
      throw new GeneralSecurityException("no X.509 certificate in the file");
    }
    return certificates;
  }

  /** Accepts every certificate and, being an extended trust manager, skips host name checks. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /**
   * Whether the request carries a JSON body: always for POST, PUT and PATCH ({@code {}} when it has
   * no fields, as Airflow's write endpoints require a body), never for GET and DELETE.
   */
  private static boolean sendsBody(AirflowRequest request) {
    return BODY_METHODS.contains(request.method()) || !request.body().isEmpty();
  }

  /** The request's JSON body, or none. Values are JSON-serialised by Jackson; never logged. */
  private static HttpRequest.BodyPublisher bodyOf(AirflowRequest request) {
    if (!sendsBody(request)) {
      return HttpRequest.BodyPublishers.noBody();
    }
    return HttpRequest.BodyPublishers.ofString(
        BODY_JSON.writeValueAsString(request.body()), StandardCharsets.UTF_8);
  }

  private static final tools.jackson.databind.json.JsonMapper BODY_JSON =
      tools.jackson.databind.json.JsonMapper.builder().build();
}
