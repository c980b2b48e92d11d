package dev.airflowmcp.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.codegen.GenerationRequest;
import dev.airflowmcp.codegen.GenerationSession;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.model.Resource;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Mojo only translates its parameters into one request; this pins the translation. */
class GenerateMojoTest {
  @TempDir Path project;

  private static void set(Object target, String field, Object value) throws Exception {
    Field f = GenerateMojo.class.getDeclaredField(field);
    f.setAccessible(true);
    f.set(target, value);
  }

  @Test
  void parametersBecomeOneImmutableRequest() throws Exception {
    GenerateMojo mojo = new GenerateMojo();
    File v1 = project.resolve("specs/airflow-2.11.1-v1.yaml").toFile();
    File v2 = project.resolve("specs/airflow-3.2.0-v2.yaml").toFile();
    set(mojo, "specs", List.of(v1, v2));
    set(mojo, "toolSpec", project.resolve("src/main/airflow-mcp/tools.yaml").toFile());
    set(mojo, "basePackage", "com.example.mcp");
    set(mojo, "allowWrites", true);

    GenerationRequest request = mojo.request(project);

    assertThat(request.specs()).containsExactly(v1.toPath(), v2.toPath());
    assertThat(request.toolSpec()).isEqualTo(project.resolve("src/main/airflow-mcp/tools.yaml"));
    assertThat(request.toolSpecName()).isEqualTo("src/main/airflow-mcp/tools.yaml");
    assertThat(request.basePackage()).isEqualTo("com.example.mcp");
    assertThat(request.allowWrites()).isTrue();
  }

  @Test
  void committedChecksWithoutAStampAndOverwriteWrites() throws Exception {
    GenerateMojo mojo = new GenerateMojo();
    set(mojo, "specs", List.of(project.resolve("a.yaml").toFile()));
    set(mojo, "basePackage", "p");
    set(mojo, "outputDirectory", project.resolve("src/generated").toFile());
    set(mojo, "docsDirectory", project.resolve("docs").toFile());
    set(mojo, "maxToolsListTokens", 1234);
    MavenProject maven = new MavenProject();
    maven.setFile(project.resolve("pom.xml").toFile());
    maven.getBuild().setDirectory(project.resolve("target").toString());
    set(mojo, "project", maven);

    GenerationSession.Request write = mojo.sessionRequest(project);
    assertThat(write.mode()).isEqualTo(GenerationSession.Mode.WRITE);
    assertThat(write.stamp()).isNotNull().startsWithRaw(project.resolve("target/airflow-mcp"));
    assertThat(write.output().name()).isEqualTo("src/generated");
    assertThat(write.output().option()).isEqualTo("outputDirectory");
    assertThat(write.docs().name()).isEqualTo("docs");
    assertThat(write.maxToolsListTokens()).isEqualTo(1234);
    assertThat(write.coverage()).isEqualTo(project.resolve("target/airflow-mcp-coverage.md"));

    set(mojo, "committed", true);
    GenerationSession.Request check = mojo.sessionRequest(project);
    assertThat(check.mode()).isEqualTo(GenerationSession.Mode.CHECK);
    assertThat(check.stamp()).as("a committed build always generates").isNull();

    set(mojo, "overwrite", true);
    GenerationSession.Request overwrite = mojo.sessionRequest(project);
    assertThat(overwrite.mode()).isEqualTo(GenerationSession.Mode.WRITE);
    assertThat(overwrite.stamp()).isNull();
  }

  @Test
  void withoutAToolSpecTheCuratedOneIsUsedAndWritesStayOff() throws Exception {
    GenerateMojo mojo = new GenerateMojo();
    set(mojo, "specs", List.of(project.resolve("a.yaml").toFile()));
    set(mojo, "basePackage", "dev.airflowmcp.server");

    GenerationRequest request = mojo.request(project);

    assertThat(request.toolSpec()).isNull();
    assertThat(request.toolSpecName()).isNull();
    assertThat(request.allowWrites()).isFalse();
  }

  @Test
  void generatedFilesJoinTheMainBuildByDefault() {
    GenerateMojo mojo = new GenerateMojo();
    MavenProject target = new MavenProject();
    Path out = project.resolve("target/generated-sources/airflow-mcp");

    mojo.addRoots(target, out);

    assertThat(target.getCompileSourceRoots()).containsExactly(out.resolve("java").toString());
    assertThat(target.getResources())
        .extracting(Resource::getDirectory)
        .containsExactly(out.resolve("resources").toString());
    assertThat(target.getTestCompileSourceRoots()).isEmpty();
    assertThat(target.getTestResources()).isEmpty();
  }

  @Test
  void withTestSourcesGeneratedFilesJoinOnlyTheTestBuild() throws Exception {
    GenerateMojo mojo = new GenerateMojo();
    set(mojo, "testSources", true);
    MavenProject target = new MavenProject();
    Path out = project.resolve("target/airflow-mcp-writes");

    mojo.addRoots(target, out);

    assertThat(target.getTestCompileSourceRoots()).containsExactly(out.resolve("java").toString());
    assertThat(target.getTestResources())
        .extracting(Resource::getDirectory)
        .containsExactly(out.resolve("resources").toString());
    assertThat(target.getCompileSourceRoots()).isEmpty();
    assertThat(target.getResources()).isEmpty();
  }

  @Test
  void aToolSpecOutsideTheProjectKeepsItsAbsolutePath(@TempDir Path elsewhere) throws Exception {
    GenerateMojo mojo = new GenerateMojo();
    set(mojo, "specs", List.of(project.resolve("a.yaml").toFile()));
    set(mojo, "toolSpec", elsewhere.resolve("tools.yaml").toFile());
    set(mojo, "basePackage", "p");

    assertThat(mojo.request(project).toolSpecName())
        .isEqualTo(elsewhere.resolve("tools.yaml").toAbsolutePath().toString().replace('\\', '/'));
  }
}
