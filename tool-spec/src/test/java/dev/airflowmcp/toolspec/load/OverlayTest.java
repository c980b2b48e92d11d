package dev.airflowmcp.toolspec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.airflowmcp.toolspec.ToolDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overlays: a spec that extends another adds, replaces and removes tools. */
class OverlayTest {
  @TempDir Path dir;

  private static final String BASE =
      """
      version: 1
      server: {name: Base}
      tools:
        - name: a
          description: A.
          bindings: {airflow3: {operationId: get_version}}
        - name: b
          description: B.
          bindings: {airflow3: {operationId: get_version}}
        - name: c
          description: C.
          bindings: {airflow3: {operationId: get_version}}
      """;

  private LoadResult load(String overlay) throws IOException {
    Files.writeString(dir.resolve("base.yaml"), BASE);
    Path file = dir.resolve("vendor/tools.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, overlay);
    return ToolSpecLoader.load(file, "vendor/tools.yaml");
  }

  @Test
  void anOverlayReplacesInPlaceAddsAtTheEndAndRemoves() throws IOException {
    LoadResult r =
        load(
            """
            version: 1
            extends: ../base.yaml
            remove: [c]
            tools:
              - name: d
                description: D.
                bindings: {airflow3: {operationId: get_version}}
              - name: a
                description: Our own words for A.
                bindings: {airflow3: {operationId: get_version}}
            """);
    assertThat(Specs.lines(r)).isEmpty();
    assertThat(r.spec().server().name()).isEqualTo("Base");
    assertThat(r.spec().tools()).extracting(ToolDef::name).containsExactly("a", "b", "d");
    assertThat(r.spec().tools().get(0).description()).isEqualTo("Our own words for A.");
    assertThat(r.spec().tools().get(0).location().file()).isEqualTo("vendor/tools.yaml");
    assertThat(r.spec().tools().get(1).location().file()).isEqualTo("vendor/../base.yaml");
  }

  @Test
  void removingAnUnknownToolAndAMissingBaseAreReported() throws IOException {
    assertThat(Specs.lines(load("version: 1\nextends: ../base.yaml\nremove: [x, bb]\n")))
        .containsExactly(
            "vendor/tools.yaml:3:10: error [UNKNOWN_TOOL]: remove names 'x', which the extended"
                + " spec does not have",
            "vendor/tools.yaml:3:13: error [UNKNOWN_TOOL]: remove names 'bb', which the extended"
                + " spec does not have");
    assertThat(Specs.lines(load("version: 1\nextends: nope.yaml\n")))
        .containsExactly(
            "vendor/tools.yaml:2:10: error [UNRESOLVED_EXTENDS]: extends 'nope.yaml', which is not"
                + " found");
  }

  @Test
  void specsThatExtendEachOtherInACircleAreStopped() throws IOException {
    Files.writeString(dir.resolve("x.yaml"), "version: 1\nextends: y.yaml\n");
    Files.writeString(dir.resolve("y.yaml"), "version: 1\nextends: x.yaml\n");
    LoadResult r = ToolSpecLoader.load(dir.resolve("x.yaml"), "x.yaml");
    assertThat(r.spec()).isNull();
    assertThat(Specs.lines(r))
        .anySatisfy(line -> assertThat(line).contains("[UNRESOLVED_EXTENDS]").contains("circle"));
  }

  @Test
  void theCuratedSpecCanBeExtendedByName() {
    LoadResult r =
        ToolSpecLoader.parse(
            "tools.yaml",
            "version: 1\nextends: curated\nserver: {name: Vendor MCP}\nremove: [get_dag_source]\n");
    assertThat(Specs.lines(r)).isEmpty();
    assertThat(r.spec().server().name()).isEqualTo("Vendor MCP");
    assertThat(r.spec().tools())
        .extracting(ToolDef::name)
        .contains("list_dags")
        .doesNotContain("get_dag_source");
  }

  private static final String BASE_WITH_SETTINGS =
      """
      version: 1
      server: {name: Base, instructions: Base instructions.}
      defaults: {rateLimitClass: read}
      rateLimits:
        read: {capacity: 60, refillPerMinute: 240}
        logs: {capacity: 10, refillPerMinute: 20, maxConcurrent: 4}
      tools:
        - name: a
          description: A.
          bindings: {airflow3: {operationId: get_version}}
        - name: b
          description: B.
          rateLimitClass: logs
          bindings: {airflow3: {operationId: get_version}}
      """;

  private LoadResult loadOverSettings(String overlay) throws IOException {
    Files.writeString(dir.resolve("settings.yaml"), BASE_WITH_SETTINGS);
    Path file = dir.resolve("overlay.yaml");
    Files.writeString(file, overlay);
    return ToolSpecLoader.load(file, "overlay.yaml");
  }

  @Test
  void anOverlayInheritsServerDefaultClassAndRateLimitClasses() throws IOException {
    LoadResult r =
        loadOverSettings(
            """
        version: 1
        extends: settings.yaml
        tools:
          - name: new_tool
            description: New.
            bindings: {airflow3: {operationId: get_version}}
        """);
    assertThat(Specs.lines(r)).isEmpty();
    assertThat(r.spec().server().name()).isEqualTo("Base");
    assertThat(r.spec().server().instructions()).isEqualTo("Base instructions.");
    assertThat(r.spec().defaultRateLimitClass()).isEqualTo("read");
    assertThat(r.spec().tools())
        .extracting(ToolDef::name, ToolDef::rateLimitClass)
        .containsExactly(tuple("a", "read"), tuple("b", "logs"), tuple("new_tool", "read"));
    assertThat(r.spec().rateLimits()).containsOnlyKeys("read", "logs");
    assertThat(r.spec().rateLimits().get("logs").maxConcurrent()).isEqualTo(4);
  }

  @Test
  void whatAnOverlaySetsItselfWinsAndTheRestIsInherited() throws IOException {
    LoadResult r =
        loadOverSettings(
            """
        version: 1
        extends: settings.yaml
        server: {name: Vendor}
        defaults: {rateLimitClass: vendor}
        rateLimits:
          vendor: {capacity: 5, refillPerMinute: 5}
          read: {capacity: 6, refillPerMinute: 7}
        tools:
          - name: own_default
            description: Own default.
            bindings: {airflow3: {operationId: get_version}}
          - name: own_class
            description: Own class.
            rateLimitClass: logs
            bindings: {airflow3: {operationId: get_version}}
        """);
    assertThat(Specs.lines(r)).isEmpty();
    assertThat(r.spec().server().name()).isEqualTo("Vendor");
    assertThat(r.spec().server().instructions()).isEqualTo("Base instructions.");
    assertThat(r.spec().defaultRateLimitClass()).isEqualTo("vendor");
    assertThat(r.spec().tools())
        .extracting(ToolDef::name, ToolDef::rateLimitClass)
        .containsExactly(
            tuple("a", "read"),
            tuple("b", "logs"),
            tuple("own_default", "vendor"),
            tuple("own_class", "logs"));
    assertThat(r.spec().rateLimits()).containsOnlyKeys("read", "logs", "vendor");
    assertThat(r.spec().rateLimits().get("read").capacity()).isEqualTo(6);
  }

  @Test
  void anOverlayOfAnOverlayInheritsThroughTheChain() throws IOException {
    Files.writeString(dir.resolve("settings.yaml"), BASE_WITH_SETTINGS);
    Files.writeString(
        dir.resolve("middle.yaml"),
        "version: 1\nextends: settings.yaml\nserver: {instructions: Middle.}\n");
    Files.writeString(
        dir.resolve("top.yaml"),
        """
        version: 1
        extends: middle.yaml
        tools:
          - name: top_tool
            description: Top.
            bindings: {airflow3: {operationId: get_version}}
        """);
    LoadResult r = ToolSpecLoader.load(dir.resolve("top.yaml"), "top.yaml");
    assertThat(Specs.lines(r)).isEmpty();
    assertThat(r.spec().server().name()).isEqualTo("Base");
    assertThat(r.spec().server().instructions()).isEqualTo("Middle.");
    assertThat(r.spec().tools().get(2).rateLimitClass()).isEqualTo("read");
  }

  @Test
  void renameKeepsThePlaceAndTheOldNameAsAHiddenAlias() throws IOException {
    LoadResult r =
        load(
            """
        version: 1
        extends: ../base.yaml
        rename:
          a: acme_a
        override:
          - name: acme_a
            description: Acme's words for A.
        """);
    assertThat(Specs.lines(r)).isEmpty();
    assertThat(r.spec().tools()).extracting(ToolDef::name).containsExactly("acme_a", "b", "c");
    assertThat(r.spec().tools().get(0).aliases()).containsExactly("a");
    assertThat(r.spec().tools().get(0).description()).isEqualTo("Acme's words for A.");
  }

  @Test
  void overrideChangesOnlyTheFieldsItNames() {
    LoadResult r =
        ToolSpecLoader.parse(
            "tools.yaml",
            """
        version: 1
        extends: curated
        rename:
          list_dags: acme_list_pipelines
        override:
          - name: acme_list_pipelines
            title: List pipelines
            parameters:
              limit:
                default: 25
                maximum: 200
                description: How many pipelines to return.
          - name: get_dag_details
            rateLimitClass: heavy
        """);
    assertThat(Specs.lines(r)).isEmpty();
    ToolDef base = ToolSpecLoader.loadCurated().spec().tools().get(0);
    ToolDef t = r.spec().tools().get(0);
    assertThat(t.name()).isEqualTo("acme_list_pipelines");
    assertThat(t.aliases()).containsExactly("list_dags");
    assertThat(t.title()).isEqualTo("List pipelines");
    assertThat(t.description()).isEqualTo(base.description());
    assertThat(t.parameter("limit").defaultValue()).isEqualTo(25L);
    assertThat(t.parameter("limit").maximum()).isEqualTo(200L);
    assertThat(t.parameter("limit").minimum()).isEqualTo(base.parameter("limit").minimum());
    assertThat(t.parameter("offset")).isEqualTo(base.parameter("offset"));
    assertThat(t.bindings()).isEqualTo(base.bindings());
    assertThat(r.spec().tools())
        .filteredOn(x -> x.name().equals("get_dag_details"))
        .singleElement()
        .extracting(ToolDef::rateLimitClass)
        .isEqualTo("heavy");
    // composite steps that called list_dags now call the new name
    assertThat(r.spec().tools())
        .flatExtracting(ToolDef::steps)
        .extracting(st -> st.tool())
        .doesNotContain("list_dags");
  }

  @Test
  void renameAndOverrideProblemsAreReported() throws IOException {
    assertThat(
            Specs.lines(
                load(
                    """
        version: 1
        extends: ../base.yaml
        rename:
          x: y
          a: b
        override:
          - name: zz
          - name: c
            parameters:
              nope: {description: N.}
        """)))
        .containsExactly(
            "vendor/tools.yaml:4:3: error [UNKNOWN_TOOL]: rename names 'x', which the extended"
                + " spec does not have",
            "vendor/tools.yaml:5:3: error [INVALID_VALUE]: rename of 'a' to 'b' clashes with the"
                + " tool 'b' of the extended spec",
            "vendor/tools.yaml:7:5: error [UNKNOWN_TOOL]: override names 'zz', which the extended"
                + " spec does not have",
            "vendor/tools.yaml:10:7: error [UNKNOWN_ARGUMENT]: override of tool 'c' names the"
                + " argument 'nope', which the tool does not have");
    assertThat(
            Specs.lines(
                ToolSpecLoader.parse(
                    "t.yaml", "version: 1\nserver: {name: S}\nrename: {a: b}\ntools: []\n")))
        .contains(
            "t.yaml:3:1: error [INVALID_VALUE]: 'rename' at the top level only applies to a"
                + " spec that extends another");
  }

  @Test
  void overriddenArgumentsFollowTheLoaderRules() {
    LoadResult r =
        ToolSpecLoader.parse(
            "tools.yaml",
            """
        version: 1
        extends: curated
        override:
          - name: list_dags
            parameters:
              limit: {default: 5000}
              offset: {default: many, hidden: true}
        """);
    assertThat(Specs.lines(r))
        .containsExactly(
            "tools.yaml:6:7: error [INVALID_VALUE]: argument 'limit' of tool 'list_dags': the default"
                + " 5000 is above the maximum 1000",
            "tools.yaml:7:7: error [WRONG_TYPE]: argument 'offset' of tool 'list_dags': the default"
                + " many is not of type integer");
  }
}
