package dev.airflowmcp.runtime.airflow;

import dev.airflowmcp.runtime.airflow.AirflowCallException.Kind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP client for Airflow's REST API: one shared {@link HttpClient} (HTTP/1.1, redirects never
 * followed), safe for concurrent use.
 *
 * <p>Before anything is sent, every request passes the {@link RequestGuard}; {@link AirflowUrls}
 * fills and percent-encodes the path and query.
 *
 * <p>Answers are read up to {@link AirflowTransportConfig#maxResponseBytes()} ({@link
 * CappedBodyHandler}); the whole call, body, retries and the wait for a {@link Bulkhead} slot
 * included, is bounded by {@link AirflowTransportConfig#requestTimeout()}. Failures become {@link
 * AirflowCallException}s in {@link TransportFailures}; TLS is set up by {@link TlsContexts}. A
 * {@code GET} that fails to connect, or gets HTTP 502, 503 or 504, is sent again after a jittered
 * backoff (honouring {@code Retry-After}), up to {@link Resilience#maxAttempts()} attempts and
 * never past the deadline; no other status, and no other method, is ever retried. Request and
 * response bodies and headers are never logged.
 */
public final class HttpAirflowTransport implements AirflowTransport {

  static final String USER_AGENT = "airflow-mcp";

  private static final Logger LOG = LoggerFactory.getLogger(HttpAirflowTransport.class);
  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

  private final AirflowTransportConfig config;
  private final Clock clock;

  /** Built on the first request: building it sets up TLS, which a start does not need. */
  private final HttpClient.Builder httpBuilder;

  private volatile HttpClient http;
  private final String base;
  private final Bulkhead bulkhead;
  private final TransportFailures failures;

  /** A client with the system clock (used for {@code Retry-After} dates). */
  public HttpAirflowTransport(AirflowTransportConfig config) {
    this(config, Clock.systemUTC());
  }

  /**
   * A client.
   *
   * @param clock the clock {@code Retry-After} HTTP dates are measured against
   * @throws IllegalArgumentException when the CA certificate file cannot be read
   */
  public HttpAirflowTransport(AirflowTransportConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.base = config.baseUrl().toString();
    this.bulkhead = new Bulkhead(config.resilience());
    this.failures = new TransportFailures(config);
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
    SSLContext ssl = TlsContexts.sslContext(config);
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
  public AirflowTransportConfig config() {
    return config;
  }

  @Override
  public URI baseUrl() {
    return config.baseUrl();
  }

  @Override
  public void check(AirflowRequest request) throws AirflowCallException {
    // Lookups are resolved only when the request is sent: checking comes before them.
    RequestGuard.guardMethodAndPath(
        Objects.requireNonNull(request, "request"), config.allowWrites());
  }

  @Override
  public AirflowResponse send(AirflowRequest request, String authorization)
      throws AirflowCallException {
    Objects.requireNonNull(request, "request");
    RequestGuard.guard(request, config.allowWrites());
    String path = AirflowUrls.expandPath(request);
    if (RequestGuard.isLoginOrLogout(path)) {
      throw RequestGuard.refused("login and logout endpoints are never called", request);
    }
    URI uri = URI.create(base + path + AirflowUrls.queryString(request.query()));
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
        throw RequestGuard.refused(
            "a request must not carry its own Authorization header", request);
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
  public AirflowResponse postJson(String absolutePath, String jsonBody)
      throws AirflowCallException {
    Objects.requireNonNull(jsonBody, "jsonBody");
    if (!TOKEN_PATH.equals(absolutePath)) {
      throw new AirflowCallException(
          Kind.REFUSED,
          "refused POST " + absolutePath + ": only " + TOKEN_PATH + " may be posted to");
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
      throw RequestGuard.refused(
          isAuthorization
              ? "the Authorization header value is not valid"
              : "header '" + name + "' cannot be sent",
          request);
    }
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
        throw failures.timeout(null);
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
          throw TransportFailures.attempts(f.exception, attempt);
        }
        long wait = policy.backoffNanos(attempt, ThreadLocalRandom.current().nextDouble());
        if (!timeForAnotherAttempt(wait, deadline)) {
          throw TransportFailures.attempts(f.exception, attempt);
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
    bulkhead.enter(describe, budgetNanos);
    try {
      long left = budgetNanos - (System.nanoTime() - started);
      if (left <= 0) {
        throw failures.timeout(null);
      }
      CappedBodyHandler handler = new CappedBodyHandler(config.maxResponseBytes());
      CompletableFuture<HttpResponse<byte[]>> future = http().sendAsync(request, handler);
      HttpResponse<byte[]> response;
      try {
        response = future.get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        future.cancel(true);
        throw failures.timeout(e);
      } catch (InterruptedException e) {
        future.cancel(true);
        Thread.currentThread().interrupt();
        throw new AirflowCallException(Kind.TIMEOUT, "interrupted while waiting for Airflow", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        AirflowCallException failure = failures.failure(cause, handler.headersReceived(), describe);
        throw new AttemptFailure(
            failure,
            TransportFailures.isConnectionFailure(cause, handler.headersReceived(), failure));
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
          RetryAfter.seconds(headers.firstValue("Retry-After").orElse(null), clock.instant()));
    } finally {
      bulkhead.leave();
    }
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
    return bulkhead.inFlight();
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
