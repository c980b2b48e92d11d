// Official MCP TypeScript clients of two generations against the server, for RevisionClientsTest.
// Prints one JSON object on stdout: the protocol era and version negotiated, how long connecting
// took, the tool names listed, a tool call's text, a resource's text and a prompt's text.
//
//   node revision-clients.mjs --client modern|legacy --url MCP_URL --authorization VALUE
//   node revision-clients.mjs --client modern|legacy --command JAVA --jar JAR --env-json JSON
//
// modern: @modelcontextprotocol/client 2.x with version negotiation 'auto' (server/discover
//         first, 2026-07-28 when the server speaks it, else the 2025 initialize handshake).
// legacy: @modelcontextprotocol/sdk 1.x, a 2025-era client (initialize, 2025-11-25).
import { Client as ModernClient, StreamableHTTPClientTransport as ModernHttp } from '@modelcontextprotocol/client';
import { StdioClientTransport as ModernStdio } from '@modelcontextprotocol/client/stdio';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyHttp } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport as LegacyStdio } from '@modelcontextprotocol/sdk/client/stdio.js';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, value, i, all) => (i % 2 === 0 ? [...pairs, [value.replace(/^--/, ''), all[i + 1]]] : pairs), []),
);
const modern = args.client === 'modern';
const info = { name: `revision-clients-${args.client}`, version: '1.0.0' };

let transport;
if (args.url) {
  const Http = modern ? ModernHttp : LegacyHttp;
  transport = new Http(new URL(args.url), { requestInit: { headers: { Authorization: args.authorization } } });
} else {
  const Stdio = modern ? ModernStdio : LegacyStdio;
  transport = new Stdio({
    command: args.command,
    args: ['-jar', args.jar, '--transport', 'stdio'],
    env: { ...JSON.parse(args['env-json']), PATH: process.env.PATH },
    stderr: 'ignore',
  });
}
// The 1.x client hands the negotiated version to its transport; record it on every transport.
let legacyVersion = null;
const setVersion = transport.setProtocolVersion?.bind(transport);
transport.setProtocolVersion = (version) => {
  legacyVersion = version;
  setVersion?.(version);
};
const client = modern
  ? new ModernClient(info, { capabilities: {}, versionNegotiation: { mode: 'auto' } })
  : new LegacyClient(info, { capabilities: {} });

const started = performance.now();
await client.connect(transport);
const connectMs = Math.round(performance.now() - started);

const text = (content) => content.map((c) => c.text).join('');
const tools = await client.listTools();
const call = await client.callTool({ name: 'list_dags', arguments: { limit: 2 } });
const missing = await client.callTool({ name: 'get_dag_details', arguments: { dag_id: args['missing-dag'] ?? 'no_such_dag' } });
const resource = await client.readResource({ uri: 'airflow://version' });
const prompt = await client.getPrompt({ name: 'troubleshoot_failed_dag', arguments: { dag_id: 'etl' } });

const out = {
  era: modern ? client.getProtocolEra() : 'legacy',
  protocolVersion: modern ? client.getNegotiatedProtocolVersion() : legacyVersion,
  serverName: client.getServerVersion()?.name ?? null,
  connectMs,
  tools: tools.tools.map((t) => t.name),
  toolsTtlMs: tools.ttlMs ?? null,
  toolsCacheScope: tools.cacheScope ?? null,
  callIsError: call.isError === true,
  callText: text(call.content),
  missingIsError: missing.isError === true,
  missingText: text(missing.content),
  resourceText: resource.contents[0].text,
  promptText: prompt.messages[0].content.text,
};
await client.close();
console.log(JSON.stringify(out));
process.exit(0);
