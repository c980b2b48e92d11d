package dev.airflowmcp.codegen.bind;

import dev.airflowmcp.common.AirflowMajor;
import dev.airflowmcp.toolspec.Annotations;
import dev.airflowmcp.toolspec.Binding;
import dev.airflowmcp.toolspec.ParamSource;
import dev.airflowmcp.toolspec.ParameterDef;
import dev.airflowmcp.toolspec.ParameterType;
import dev.airflowmcp.toolspec.RateLimitDef;
import dev.airflowmcp.toolspec.RedactionDef;
import dev.airflowmcp.toolspec.ResponseDef;
import dev.airflowmcp.toolspec.ServerInfo;
import dev.airflowmcp.toolspec.SourceLocation;
import dev.airflowmcp.toolspec.ToolDef;
import dev.airflowmcp.toolspec.ToolSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny builder of tool-spec records for tests, so that they do not depend on the YAML loader.
 * Every node gets a location in {@code tools.yaml} at the line the test chooses.
 */
final class ToolSpecs {
  private ToolSpecs() {}

  static final String FILE = "tools.yaml";

  static SourceLocation at(int line) {
    return new SourceLocation(FILE, line, 5);
  }

  static ToolSpec spec(ToolDef... tools) {
    return new ToolSpec(
        new SourceLocation(FILE, 1, 1),
        ToolSpec.CURRENT_VERSION,
        new ServerInfo(at(2), "airflow-test", null),
        Arrays.asList(tools));
  }

  /** A spec whose {@code rateLimits} define {@code limits} (class, capacity, per minute, ...). */
  static ToolSpec spec(List<RateLimitDef> limits, ToolDef... tools) {
    Map<String, RateLimitDef> byClass = new LinkedHashMap<>();
    for (RateLimitDef l : limits) {
      byClass.put(l.rateLimitClass(), l);
    }
    return new ToolSpec(
        new SourceLocation(FILE, 1, 1),
        ToolSpec.CURRENT_VERSION,
        new ServerInfo(at(2), "airflow-test", null),
        Arrays.asList(tools),
        List.of(),
        List.of(),
        byClass);
  }

  static RateLimitDef limit(int line, String cls, long capacity, long perMinute) {
    return new RateLimitDef(at(line), cls, capacity, perMinute);
  }

  /** An optional argument without default. */
  static ParameterDef optional(int line, String name, ParameterType type) {
    return new ParameterDef(
        at(line), name, type, null, null, false, false, null, List.of(), null, null, false);
  }

  static ParameterDef required(int line, String name, ParameterType type) {
    return new ParameterDef(
        at(line), name, type, null, null, true, false, null, List.of(), null, null, false);
  }

  static ParameterDef withDefault(int line, String name, ParameterType type, Object value) {
    return new ParameterDef(
        at(line), name, type, null, null, false, false, value, List.of(), null, null, false);
  }

  static ParameterDef hidden(int line, String name, ParameterType type, Object value) {
    return new ParameterDef(
        at(line), name, type, null, null, false, false, value, List.of(), null, null, true);
  }

  static ParameterDef array(int line, String name, ParameterType itemType) {
    return new ParameterDef(
        at(line),
        name,
        ParameterType.ARRAY,
        itemType,
        null,
        false,
        false,
        null,
        List.of(),
        null,
        null,
        false);
  }

  static ResponseDef list(int line, String items) {
    return new ResponseDef(at(line), items, null, List.of(), List.of(), 0, null);
  }

  static Tool tool(int line, String name) {
    return new Tool(line, name);
  }

  static BindingBuilder binding(int line, AirflowMajor major, String operationId) {
    return new BindingBuilder(line, major, operationId);
  }

  static ParamSource.FromArgument arg(int line, String argument) {
    return new ParamSource.FromArgument(at(line), argument, null, null);
  }

  static ParamSource.FromArgument ifAbsent(int line, String argument, Object value) {
    return new ParamSource.FromArgument(at(line), argument, value, null);
  }

  static ParamSource.Constant constant(int line, Object value) {
    return new ParamSource.Constant(at(line), value);
  }

  /** An argument that, when absent, is looked up; {@code params} alternate name, argument. */
  static ParamSource.FromArgument lookup(
      int line, String argument, String operationId, String field, String... params) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      map.put(params[i], params[i + 1]);
    }
    return new ParamSource.FromArgument(
        at(line), argument, null, new ParamSource.Lookup(at(line + 1), operationId, map, field));
  }

  /** Builds a {@link ToolDef}. */
  static final class Tool {
    private final int line;
    private final String name;
    private final List<String> aliases = new ArrayList<>();
    private final List<ParameterDef> parameters = new ArrayList<>();
    private final Map<AirflowMajor, Binding> bindings = new LinkedHashMap<>();
    private boolean write;
    private ResponseDef response;
    private String rateLimitClass = "default";

    private Tool(int line, String name) {
      this.line = line;
      this.name = name;
      this.response = ResponseDef.passThrough(at(line));
    }

    Tool alias(String alias) {
      aliases.add(alias);
      return this;
    }

    Tool write() {
      write = true;
      return this;
    }

    Tool rateLimitClass(String cls) {
      rateLimitClass = cls;
      return this;
    }

    Tool params(ParameterDef... defs) {
      parameters.addAll(Arrays.asList(defs));
      return this;
    }

    Tool bind(BindingBuilder binding) {
      Binding b = binding.build();
      bindings.put(b.major(), b);
      return this;
    }

    Tool response(ResponseDef def) {
      response = def;
      return this;
    }

    ToolDef build() {
      return new ToolDef(
          at(line),
          name,
          aliases,
          null,
          "Test tool " + name + ".",
          write ? new Annotations(false, false, false, true) : Annotations.READ_ONLY,
          write,
          rateLimitClass,
          parameters,
          bindings,
          response,
          RedactionDef.NONE);
    }
  }

  /** Builds a {@link Binding}. */
  static final class BindingBuilder {
    private final int line;
    private final AirflowMajor major;
    private final String operationId;
    private final Map<String, ParamSource> params = new LinkedHashMap<>();
    private ResponseDef response;
    private final List<String> ignore = new ArrayList<>();

    private BindingBuilder(int line, AirflowMajor major, String operationId) {
      this.line = line;
      this.major = major;
      this.operationId = operationId;
    }

    BindingBuilder param(String airflowName, ParamSource source) {
      params.put(airflowName, source);
      return this;
    }

    BindingBuilder response(ResponseDef def) {
      response = def;
      return this;
    }

    BindingBuilder ignore(String... arguments) {
      ignore.addAll(List.of(arguments));
      return this;
    }

    Binding build() {
      return new Binding(at(line), major, operationId, params, response, ignore);
    }
  }
}
