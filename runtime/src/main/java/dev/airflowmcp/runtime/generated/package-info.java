/**
 * The contract between generated code and the runtime.
 *
 * <p>Code written by the generator (tool classes and the catalog) is committed in its users'
 * repositories and compiled against a runtime that is released on its own. It may use only:
 *
 * <ul>
 *   <li>this package: {@link dev.airflowmcp.runtime.generated.Contract} (the version), the base
 *       classes {@link dev.airflowmcp.runtime.generated.PlainTool} and {@link
 *       dev.airflowmcp.runtime.generated.CompositeTool}, {@link
 *       dev.airflowmcp.runtime.generated.Bindings}, {@link
 *       dev.airflowmcp.runtime.generated.ArgumentReader} (its named reads: {@code
 *       reader.integer("limit").between(1, 1000).orElse(100)}) and {@link
 *       dev.airflowmcp.runtime.generated.OrderedMaps};
 *   <li>from {@code dev.airflowmcp.runtime.tool}: {@code ToolCatalog}, {@code GeneratedTool},
 *       {@code GeneratedComposite}, {@code ToolPolicy} and its builder ({@code
 *       ToolPolicy.readOnly(...)}, {@code ToolPolicy.writes(...)}), {@code ResponseShape} and its
 *       builder ({@code ResponseShape.listOf(...)}, {@code ResponseShape.object()}), {@code
 *       CompositeStep} and its builder ({@code CompositeStep.call(...)}), {@code
 *       ResourceDescriptor}, {@code PromptDescriptor}, {@code RateLimit}, {@code
 *       InvalidArgumentsException};
 *   <li>from {@code dev.airflowmcp.runtime.airflow}: {@code AirflowRequest} and its builder;
 *   <li>from {@code dev.airflowmcp.common}: {@code AirflowMajor} and {@code LayoutSource};
 *   <li>the JDK ({@code java.*}, {@code javax.annotation.processing.Generated}).
 * </ul>
 *
 * <p><b>Version rule.</b> {@link dev.airflowmcp.runtime.generated.Contract#VERSION} names this
 * contract. The generated catalog states the version it was generated for ({@code
 * ToolCatalog.contractVersion()}), and the runtime refuses, at start and with one message, a
 * catalog of any other version: regenerate with the generator of the runtime's release. A release
 * raises the version when it changes anything listed above in a way that code generated for the
 * previous version would not compile or would behave differently; additions that old generated code
 * does not see keep it.
 */
package dev.airflowmcp.runtime.generated;
