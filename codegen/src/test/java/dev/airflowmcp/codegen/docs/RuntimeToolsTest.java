package dev.airflowmcp.codegen.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.runtime.tool.CustomTool;
import dev.airflowmcp.runtime.tool.ToolDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The facts the docs state about the runtime's hand-written tools are the runtime's. */
class RuntimeToolsTest {

  @Test
  void eachToolIsTheRuntimeClassItNames() throws Exception {
    for (RuntimeTools.Tool fact : RuntimeTools.shipped()) {
      CustomTool tool = (CustomTool) Class.forName(fact.className()).getConstructor().newInstance();
      ToolDescriptor d = tool.descriptor();

      assertThat(d.name()).isEqualTo(fact.name());
      assertThat(d.readOnly()).as("readOnlyHint of %s", fact.name()).isEqualTo(!fact.write());
      @SuppressWarnings("unchecked")
      Map<String, Object> properties = (Map<String, Object>) d.inputSchema().get("properties");
      assertThat(new ArrayList<>(properties.keySet())).containsExactlyElementsOf(fact.arguments());
      String sentence = fact.summary().substring(0, fact.summary().length() - 1);
      assertThat(d.description()).startsWith(sentence);
    }
  }

  @Test
  void registeredByDefaultMeansListedInTheRuntimesServiceFile() {
    List<String> registered =
        ServiceLoader.load(CustomTool.class).stream().map(p -> p.type().getName()).toList();

    for (RuntimeTools.Tool fact : RuntimeTools.shipped()) {
      assertThat(registered.contains(fact.className()))
          .as("%s registered by the runtime", fact.className())
          .isEqualTo(fact.registeredByDefault());
    }
  }
}
