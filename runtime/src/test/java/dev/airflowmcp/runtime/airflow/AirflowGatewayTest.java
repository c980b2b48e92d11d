package dev.airflowmcp.runtime.airflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.runtime.airflow.AirflowCallException.Kind;
import dev.airflowmcp.runtime.auth.AirflowCredentials;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AirflowGatewayTest {
  private WireMockServer airflow;
  private AirflowGateway gateway;

  @BeforeEach
  void start() {
    airflow = new WireMockServer(options().dynamicPort());
    airflow.start();
    gateway =
        new AirflowGateway(
            new HttpAirflowTransport(
                AirflowTransportConfig.defaults("http://localhost:" + airflow.port())));
  }

  @AfterEach
  void stop() {
    airflow.stop();
  }

  /** Hands out {@code Bearer t1}, then {@code Bearer t2} after a 401, and so on. */
  private static final class RotatingCredentials implements AirflowCredentials {
    private int generation = 1;
    private final List<String> rejected = new ArrayList<>();

    @Override
    public synchronized String authorization(AirflowMajor major) {
      return "Bearer t" + generation;
    }

    @Override
    public synchronized boolean refreshAfterUnauthorized(String rejectedHeader) {
      rejected.add(rejectedHeader);
      if (rejectedHeader.equals("Bearer t" + generation)) {
        generation++;
      }
      return true;
    }

    @Override
    public String principal() {
      return "test";
    }
  }

  private static AirflowRequest latestRunSource() {
    return AirflowRequest.get("get_dag_runs", "/api/v2/dags/{dag_id}/dagRuns")
        .path("dag_id", "etl")
        .query("order_by", "-logical_date")
        .query("limit", 1)
        .build();
  }

  @Test
  void aLookupFillsAPathValueWhichIsEncodedAndPlacedInTemplateOrder() throws Exception {
    airflow.stubFor(
        get(urlEqualTo("/api/v2/dags/etl/dagRuns?order_by=-logical_date&limit=1"))
            .willReturn(
                okJson("{\"dag_run_id\": \"manual__2024-01-01T00:00:00+00:00\", \"n\": 1}")));
    airflow.stubFor(
        get(urlEqualTo(
                "/api/v2/dags/etl/dagRuns/manual__2024-01-01T00%3A00%3A00%2B00%3A00/taskInstances/t%2F1"))
            .willReturn(okJson("{\"state\": \"success\"}")));
    AirflowRequest request =
        AirflowRequest.get(
                "get_task_instance",
                "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}")
            .path("dag_id", "etl")
            .path("dag_run_id", null, latestRunSource(), "dag_run_id")
            .path("task_id", "t/1")
            .build();

    AirflowGateway.Exchange exchange =
        gateway.execute(request, new RotatingCredentials(), AirflowMajor.AIRFLOW3);

    assertThat(exchange.response().bodyText()).isEqualTo("{\"state\": \"success\"}");
    assertThat(exchange.calls()).isEqualTo(2);
    // The lookup carried the same credentials.
    airflow.verify(2, getRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer t1")));
  }

  @Test
  void aListLookupJoinsOneFieldOfEveryItemWithCommas() throws Exception {
    airflow.stubFor(
        get(urlEqualTo("/api/v1/dags?limit=100"))
            .willReturn(okJson("{\"dags\": [{\"dag_id\": \"a\"}, {\"dag_id\": \"b c\"}]}")));
    airflow.stubFor(
        get(urlEqualTo("/api/v1/dagStats?dag_ids=a%2Cb%20c")).willReturn(okJson("{\"dags\": []}")));
    AirflowRequest request =
        AirflowRequest.get("get_dag_stats", "/api/v1/dagStats")
            .query(
                "dag_ids",
                null,
                AirflowRequest.get("get_dags", "/api/v1/dags").query("limit", 100).build(),
                "dags[*].dag_id")
            .build();

    AirflowGateway.Exchange exchange = gateway.execute(request, null, AirflowMajor.AIRFLOW2);

    assertThat(exchange.response().status()).isEqualTo(200);
    assertThat(exchange.calls()).isEqualTo(2);
  }

  @Test
  void aListLookupWithoutTheListIsABadResponse() {
    airflow.stubFor(get(urlEqualTo("/api/v1/dags")).willReturn(okJson("{\"total_entries\": 0}")));
    AirflowRequest request =
        AirflowRequest.get("get_dag_stats", "/api/v1/dagStats")
            .query(
                "dag_ids",
                null,
                AirflowRequest.get("get_dags", "/api/v1/dags").build(),
                "dags[*].dag_id")
            .build();

    assertThatThrownBy(() -> gateway.execute(request, null, AirflowMajor.AIRFLOW2))
        .isInstanceOf(AirflowCallException.class)
        .hasMessage("lookup get_dags returned no 'dags' list");
  }

  @Test
  void aNumericLookupFillsAQueryValue() throws Exception {
    airflow.stubFor(
        get(urlEqualTo("/api/v2/dags/etl")).willReturn(okJson("{\"max_active_runs\": 16}")));
    airflow.stubFor(
        get(urlEqualTo("/api/v2/dags/etl/dagRuns?state=running&limit=16"))
            .willReturn(okJson("{\"dag_runs\": []}")));
    AirflowRequest request =
        AirflowRequest.get("get_dag_runs", "/api/v2/dags/{dag_id}/dagRuns")
            .path("dag_id", "etl")
            .query("state", "running")
            .query(
                "limit",
                null,
                AirflowRequest.get("get_dag", "/api/v2/dags/etl").build(),
                "max_active_runs")
            .build();

    AirflowGateway.Exchange exchange = gateway.execute(request, null, AirflowMajor.AIRFLOW3);

    assertThat(exchange.response().status()).isEqualTo(200);
    assertThat(exchange.calls()).isEqualTo(2);
    airflow.verify(getRequestedFor(anyUrl()).withoutHeader("Authorization"));
  }

  @Test
  void aLookedUpValueBelowItsMinimumFailsBeforeTheMainRequestAndAGivenValueIsNotChecked()
      throws Exception {
    airflow.stubFor(
        get(urlEqualTo("/api/v2/dags/etl/dagRuns/r1/taskInstances/load"))
            .willReturn(okJson("{\"try_number\": 0}")));
    AirflowRequest.Builder logs =
        AirflowRequest.get(
            "get_log", "/api/v2/dags/etl/dagRuns/r1/taskInstances/load/logs/{try_number}");
    AirflowRequest source =
        AirflowRequest.get("get_task_instance", "/api/v2/dags/etl/dagRuns/r1/taskInstances/load")
            .build();
    AirflowRequest notRun =
        logs.path("try_number", null, source, "try_number")
            .lookupMinimum("try_number", 1, "The task has not run yet, so it has no log.")
            .build();

    assertThatThrownBy(() -> gateway.execute(notRun, null, AirflowMajor.AIRFLOW3))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.NOT_YET);
              assertThat(e.getMessage()).isEqualTo("The task has not run yet, so it has no log.");
            });
    assertThat(airflow.findAll(anyRequestedFor(anyUrl()))).as("only the lookup").hasSize(1);

    // A value the caller gives is sent as it is: the minimum guards what a lookup finds.
    airflow.stubFor(
        get(urlEqualTo("/api/v2/dags/etl/dagRuns/r1/taskInstances/load/logs/0"))
            .willReturn(okJson("{\"content\": []}")));
    AirflowRequest given =
        AirflowRequest.get(
                "get_log", "/api/v2/dags/etl/dagRuns/r1/taskInstances/load/logs/{try_number}")
            .path("try_number", 0, source, "try_number")
            .lookupMinimum("try_number", 1, "The task has not run yet, so it has no log.")
            .build();
    assertThat(gateway.execute(given, null, AirflowMajor.AIRFLOW3).response().status())
        .isEqualTo(200);
  }

  @Test
  void aLookupWithoutItsFieldIsABadResponseAndTheMainRequestIsNotSent() {
    airflow.stubFor(
        get(urlEqualTo("/api/v2/dags/etl/dagRuns?order_by=-logical_date&limit=1"))
            .willReturn(okJson("{\"dag_run_id\": null}")));
    AirflowRequest request =
        AirflowRequest.get("get_dag_run", "/api/v2/dags/etl/dagRuns/{dag_run_id}")
            .path("dag_run_id", null, latestRunSource(), "dag_run_id")
            .build();

    assertThatThrownBy(() -> gateway.execute(request, null, AirflowMajor.AIRFLOW3))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
              assertThat(e.getMessage()).isEqualTo("lookup get_dag_runs returned no 'dag_run_id'");
            });
    assertThat(airflow.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
  }

  @Test
  void aFailedLookupRaisesItsStatus() {
    airflow.stubFor(
        get(urlEqualTo("/api/v2/dags/etl/dagRuns?order_by=-logical_date&limit=1"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"detail\": \"The DAG with dag_id: `etl` was not found\"}")));
    AirflowRequest request =
        AirflowRequest.get("get_dag_run", "/api/v2/dags/etl/dagRuns/{dag_run_id}")
            .path("dag_run_id", null, latestRunSource(), "dag_run_id")
            .build();

    assertThatThrownBy(() -> gateway.execute(request, null, AirflowMajor.AIRFLOW3))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Airflow answered HTTP 404 for GET /api/v2/dags/{dag_id}/dagRuns:"
                          + " The DAG with dag_id: `etl` was not found");
            });
  }

  @Test
  void aNonJsonLookupAnswerIsABadResponse() {
    airflow.stubFor(get(urlEqualTo("/api/v2/dags/etl")).willReturn(aResponse().withBody("<html>")));
    AirflowRequest request =
        AirflowRequest.get("get_dag_run", "/api/v2/dags/etl/dagRuns/{dag_run_id}")
            .path(
                "dag_run_id", null, AirflowRequest.get("get_dag", "/api/v2/dags/etl").build(), "x")
            .build();

    assertThatThrownBy(() -> gateway.execute(request, null, AirflowMajor.AIRFLOW3))
        .hasMessage("lookup get_dag did not return a JSON object");
  }

  @Test
  void a401IsRetriedOnceWithAFreshHeader() throws Exception {
    airflow.stubFor(
        get(urlEqualTo("/api/v2/dags"))
            .withHeader("Authorization", equalTo("Bearer t1"))
            .willReturn(aResponse().withStatus(401).withBody("{\"detail\": \"Invalid JWT\"}")));
    airflow.stubFor(
        get(urlEqualTo("/api/v2/dags"))
            .withHeader("Authorization", equalTo("Bearer t2"))
            .willReturn(okJson("{\"dags\": []}")));
    RotatingCredentials credentials = new RotatingCredentials();

    AirflowGateway.Exchange exchange =
        gateway.execute(
            AirflowRequest.get("get_dags", "/api/v2/dags").build(),
            credentials,
            AirflowMajor.AIRFLOW3);

    assertThat(exchange.response().status()).isEqualTo(200);
    assertThat(exchange.calls()).isEqualTo(2);
    assertThat(credentials.rejected).containsExactly("Bearer t1");
    List<LoggedRequest> sent = airflow.findAll(getRequestedFor(urlEqualTo("/api/v2/dags")));
    assertThat(sent)
        .extracting(r -> r.getHeader("Authorization"))
        .containsExactly("Bearer t1", "Bearer t2");
  }

  @Test
  void aSecond401IsNotRetriedAgain() {
    airflow.stubFor(
        get(urlEqualTo("/api/v2/dags"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"detail\": \"Not authenticated\"}")));
    RotatingCredentials credentials = new RotatingCredentials();

    assertThatThrownBy(
            () ->
                gateway.execute(
                    AirflowRequest.get("get_dags", "/api/v2/dags").build(),
                    credentials,
                    AirflowMajor.AIRFLOW3))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.getMessage())
                  .isEqualTo("Airflow answered HTTP 401 for GET /api/v2/dags: Not authenticated");
            });
    assertThat(airflow.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
    assertThat(credentials.rejected).containsExactly("Bearer t1");
  }

  @Test
  void a401WithoutCredentialsOrRefreshIsNotRetried() {
    airflow.stubFor(get(urlEqualTo("/api/v2/dags")).willReturn(aResponse().withStatus(401)));

    assertThatThrownBy(
            () ->
                gateway.execute(
                    AirflowRequest.get("get_dags", "/api/v2/dags").build(),
                    null,
                    AirflowMajor.AIRFLOW3))
        .hasMessage("Airflow answered HTTP 401 for GET /api/v2/dags");
    assertThat(airflow.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
  }

  @Test
  void errorMessagesUseAirflow2ProblemDetailsAndRetryAfter() {
    airflow.stubFor(
        get(urlEqualTo("/api/v1/dags/x"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody(
                        "{\"type\": \"about:blank\", \"title\": \"DAG not found\", \"status\": 404,"
                            + " \"detail\": \"The DAG with dag_id: x was not found\"}")));
    airflow.stubFor(
        get(urlEqualTo("/api/v1/pools"))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "12")
                    .withBody("{\"title\": \"Too Many Requests\", \"status\": 429}")));

    assertThatThrownBy(
            () ->
                gateway.execute(
                    AirflowRequest.get("get_dag", "/api/v1/dags/x").build(),
                    null,
                    AirflowMajor.AIRFLOW2))
        .hasMessage(
            "Airflow answered HTTP 404 for GET /api/v1/dags/x: The DAG with dag_id: x was not found");
    assertThatThrownBy(
            () ->
                gateway.execute(
                    AirflowRequest.get("get_pools", "/api/v1/pools").build(),
                    null,
                    AirflowMajor.AIRFLOW2))
        .isInstanceOfSatisfying(
            AirflowCallException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo("Airflow answered HTTP 429 for GET /api/v1/pools: Too Many Requests");
              assertThat(e.retryAfterSeconds()).isEqualTo(12);
            });
  }

  @Test
  void validationDetailsAreSummarisedAndLongDetailsCapped() {
    airflow.stubFor(
        get(urlEqualTo("/api/v2/dags?limit=x"))
            .willReturn(
                aResponse()
                    .withStatus(422)
                    .withBody(
                        "{\"detail\": [{\"type\": \"int_parsing\", \"loc\": [\"query\", \"limit\"],"
                            + " \"msg\": \"Input should be a valid integer\", \"input\": \"x\"}]}")));
    airflow.stubFor(
        get(urlEqualTo("/api/v2/dags"))
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withBody("{\"detail\": \"" + "e\\n".repeat(400) + "\"}")));

    assertThatThrownBy(
            () ->
                gateway.execute(
                    AirflowRequest.get("get_dags", "/api/v2/dags").query("limit", "x").build(),
                    null,
                    AirflowMajor.AIRFLOW3))
        .hasMessage(
            "Airflow answered HTTP 422 for GET /api/v2/dags: query.limit: Input should be a valid integer");
    assertThatThrownBy(
            () ->
                gateway.execute(
                    AirflowRequest.get("get_dags", "/api/v2/dags").build(),
                    null,
                    AirflowMajor.AIRFLOW3))
        .satisfies(
            e -> {
              String detail =
                  e.getMessage()
                      .substring("Airflow answered HTTP 500 for GET /api/v2/dags: ".length());
              assertThat(detail)
                  .hasSize(501)
                  .startsWith("e e e")
                  .endsWith("…")
                  .doesNotContain("\n");
            });
  }

  @Test
  void lookupSourcesMayNeedLookupsThemselvesUpToALimit() throws Exception {
    airflow.stubFor(get(urlEqualTo("/api/v2/config")).willReturn(okJson("{\"dag\": \"etl\"}")));
    airflow.stubFor(get(urlEqualTo("/api/v2/dags/etl")).willReturn(okJson("{\"run\": \"r1\"}")));
    airflow.stubFor(get(urlEqualTo("/api/v2/dags/etl/dagRuns/r1")).willReturn(okJson("{}")));
    AirflowRequest dag =
        AirflowRequest.get("get_dag", "/api/v2/dags/{dag_id}")
            .path("dag_id", null, AirflowRequest.get("get_config", "/api/v2/config").build(), "dag")
            .build();
    AirflowRequest run =
        AirflowRequest.get("get_dag_run", "/api/v2/dags/etl/dagRuns/{run_id}")
            .path("run_id", null, dag, "run")
            .build();

    assertThat(gateway.execute(run, null, AirflowMajor.AIRFLOW3).calls()).isEqualTo(3);

    AirflowRequest tooDeep = run;
    for (int i = 0; i < AirflowGateway.MAX_LOOKUP_DEPTH; i++) {
      tooDeep =
          AirflowRequest.get("wrapper", "/api/v2/dags/{dag_id}")
              .path("dag_id", null, tooDeep, "x")
              .build();
    }
    AirflowRequest request = tooDeep;
    assertThatThrownBy(() -> gateway.execute(request, null, AirflowMajor.AIRFLOW3))
        .isInstanceOfSatisfying(
            AirflowCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED))
        .hasMessageEndingWith("lookups are nested too deeply");
  }
}
