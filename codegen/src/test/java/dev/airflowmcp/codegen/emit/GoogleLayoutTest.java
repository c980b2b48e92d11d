package dev.airflowmcp.codegen.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.googlejavaformat.java.Formatter;
import com.google.googlejavaformat.java.FormatterException;
import org.junit.jupiter.api.Test;

/**
 * JavaPoet-shaped Javadoc, annotations and empty bodies come out as google-java-format has them.
 */
class GoogleLayoutTest {
  private static final String LONG =
      "The arguments of {@code list_task_instances}, after parsing and defaults, with words"
          + " enough to need more than one line of Javadoc at two-space indent.";

  @Test
  void javadocAnnotationsAndEmptyBodiesMatchGoogleJavaFormat() throws FormatterException {
    String javaPoet =
        "package p;\n"
            + "\n"
            + "/**\n"
            + " * A short one.\n"
            + " */\n"
            + "@SuppressWarnings(\n"
            + "    value = \"a-fairly-long-warning-name-number-one\",\n"
            + "    justification = \"and a second member long enough to wrap\"\n"
            + ")\n"
            + "public final class A {\n"
            + "  /**\n"
            + "   * "
            + LONG
            + "\n"
            + "   *\n"
            + "   * @param dagId "
            + LONG
            + "\n"
            + "   * @param limit Maximum number.\n"
            + "   */\n"
            + "  public record Arguments(String dagId, Long limit) {\n"
            + "  }\n"
            + "\n"
            + "  @SuppressWarnings(\n"
            + "      value = \"x\",\n"
            + "      justification = \"y\"\n"
            + "  )\n"
            + "  void run() {\n"
            + "  }\n"
            + "}\n";
    String laidOut = GoogleLayout.apply(javaPoet);

    assertThat(laidOut).isNotEqualTo(javaPoet).contains("/** A short one. */");
    assertThat(new Formatter().formatSource(laidOut)).isEqualTo(laidOut);
  }

  @Test
  void aFormattedSourceIsLeftAsItIs() throws FormatterException {
    String formatted =
        new Formatter()
            .formatSource(
                "package p; /** "
                    + LONG
                    + " */ class B { @Deprecated(since = \"1\") void f() {} }");
    assertThat(GoogleLayout.apply(formatted)).isEqualTo(formatted);
  }
}
