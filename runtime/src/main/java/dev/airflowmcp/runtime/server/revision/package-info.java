/**
 * The seam between MCP protocol revisions: the one place that knows the server speaks two
 * generations of MCP on the same transports.
 *
 * <ul>
 *   <li><b>2025-era</b> (2024-11-05, 2025-03-26, 2025-06-18, 2025-11-25): an {@code initialize}
 *       handshake, then requests. Served by the MCP Java SDK's classic servers (the stateless
 *       Streamable HTTP transport, the stdio session), wired in {@code HttpServer} and {@code
 *       StdioServer}.
 *   <li><b>2026-07-28</b>: no handshake and no session; every request carries the protocol version,
 *       client capabilities and (optionally) client identity in {@code params._meta}; {@code
 *       server/discover}; {@code Mcp-Method}/{@code Mcp-Name} headers; {@code resultType}; cache
 *       hints. Served by the SDK's {@code io.modelcontextprotocol.modern} server (new in SDK
 *       2.2.0), fed our tools, resources and prompts by {@link ModernServer}.
 * </ul>
 *
 * <p>{@link Revisions#classify} decides per message which generation answers it (the same
 * body-first rules the official TypeScript SDK applies): an {@code initialize} without a modern
 * {@code _meta} claim is 2025-era; a request whose {@code _meta} claims a protocol version, or
 * whose {@code MCP-Protocol-Version} header names a version that is not 2025-era, is modern;
 * everything else is 2025-era. {@link DualRevisionServlet} applies it on Streamable HTTP and {@link
 * DualRevisionStdio} on stdio. Both generations call the same {@code ServerRuntime}, so a caller's
 * credentials, rate limits, redaction, budgets and audit are the same whichever revision it speaks.
 *
 * <p>The 2026 server also speaks the tasks extension ({@code io.modelcontextprotocol/tasks}):
 * {@link TasksExtension} answers {@code tasks/get}, {@code tasks/update} and {@code tasks/cancel}
 * and turns a call of a {@link dev.airflowmcp.runtime.tool.TaskTool} from a declaring client into a
 * task; {@link TaskIds} seals the task into its id, so no task state is kept. The Java SDK 2.2.0
 * has no support for the extension.
 *
 * <p>When the Java SDK serves both generations from one server itself, this package is what goes:
 * the transports then mount the SDK's server directly.
 */
package dev.airflowmcp.runtime.server.revision;
