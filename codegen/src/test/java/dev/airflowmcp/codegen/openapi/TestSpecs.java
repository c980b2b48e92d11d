package dev.airflowmcp.codegen.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.toolspec.diag.Diagnostic;
import dev.airflowmcp.toolspec.diag.Diagnostics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Specs for tests, each parsed once per test run: the real Airflow specs (from the directory in the
 * {@code airflow.specs.dir} system property, which surefire sets) and the small synthetic specs
 * under {@code src/test/resources/openapi}.
 */
public final class TestSpecs {
  private TestSpecs() {}

  private static final Map<Path, Loaded> CACHE = new ConcurrentHashMap<>();

  /** A spec and what loading it reported. */
  public record Loaded(AirflowSpec spec, List<Diagnostic> diagnostics) {}

  /** The directory of the real Airflow specs. */
  public static Path realDir() {
    return Path.of(System.getProperty("airflow.specs.dir", "../airflow-specs"));
  }

  /** A real Airflow spec by file name, which must load without any diagnostic. */
  public static AirflowSpec real(String fileName) {
    return clean(load(realDir().resolve(fileName)));
  }

  /** A synthetic spec from {@code src/test/resources/openapi}, which must load without errors. */
  public static AirflowSpec synthetic(String fileName) {
    Loaded loaded = load(resource(fileName));
    assertThat(loaded.spec()).as("synthetic spec %s", fileName).isNotNull();
    return loaded.spec();
  }

  /** The path of a synthetic spec. */
  public static Path resource(String fileName) {
    URL url = TestSpecs.class.getResource("/openapi/" + fileName);
    assertThat(url).as("test resource openapi/%s", fileName).isNotNull();
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Loads (once) any spec file. */
  public static Loaded load(Path file) {
    return CACHE.computeIfAbsent(file.toAbsolutePath().normalize(), TestSpecs::parse);
  }

  private static Loaded parse(Path file) {
    Diagnostics diagnostics = new Diagnostics();
    try {
      AirflowSpec spec = SpecLoader.load(file, diagnostics);
      return new Loaded(spec, diagnostics.sorted());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static AirflowSpec clean(Loaded loaded) {
    assertThat(loaded.diagnostics()).isEmpty();
    assertThat(loaded.spec()).isNotNull();
    return loaded.spec();
  }
}
