// The official MCP Tasks requester (@modelcontextprotocol/ext-tasks, over the 2.x client
// @modelcontextprotocol/client) calling trigger_dag_and_wait as a task, for TasksClientTest.
// Prints one JSON object on stdout: the era, whether the server offers the extension, the kind of
// execution (task or immediate), every task status seen, the final outcome and its result text.
//
//   node tasks-client.mjs --url MCP_URL --authorization VALUE --dag DAG_ID --conf JSON
//
// The 2026-07-28 tasks wire needs a host-owned raw request path (rawDispatch): this script posts
// each framed request itself, with the headers the revision and the extension require
// (MCP-Protocol-Version, Mcp-Method, Mcp-Name = the tool name or the task id) and the caller's
// Authorization.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createTaskSessionFromClient, resultFromTaskOutcome } from '@modelcontextprotocol/ext-tasks/client';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, value, i, all) => (i % 2 === 0 ? [...pairs, [value.replace(/^--/, ''), all[i + 1]]] : pairs), []),
);
const info = { name: 'tasks-client', version: '1.0.0' };
const client = new Client(info, { capabilities: {}, versionNegotiation: { mode: 'auto' } });
await client.connect(
  new StreamableHTTPClientTransport(new URL(args.url), { requestInit: { headers: { Authorization: args.authorization } } }),
);

let nextId = 1;
const sent = [];
async function rawDispatch(request) {
  const params = request.params ?? {};
  const name = request.method === 'tools/call' ? params.name : request.method.startsWith('tasks/') ? params.taskId : undefined;
  const headers = {
    'Content-Type': 'application/json',
    Accept: 'application/json, text/event-stream',
    Authorization: args.authorization,
    'MCP-Protocol-Version': params._meta?.['io.modelcontextprotocol/protocolVersion'],
    'Mcp-Method': request.method,
  };
  if (name !== undefined) headers['Mcp-Name'] = name;
  sent.push(request.method);
  const response = await fetch(args.url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, ...request }),
  });
  let body = await response.text();
  if (!body.trim().startsWith('{')) {
    body = body.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('');
  }
  const message = JSON.parse(body);
  return message.error ? { kind: 'error', error: message.error } : { kind: 'result', result: message.result };
}

const session = createTaskSessionFromClient(client, {
  endpointId: 'airflow-mcp-compat',
  rawDispatch,
  v2RequestFraming: {
    protocolVersion: client.getNegotiatedProtocolVersion(),
    clientInfo: info,
    clientCapabilities: {},
  },
});
const statuses = [];
let out;
try {
  const execution = await session.callTool('trigger_dag_and_wait', { dag_id: args.dag, conf: JSON.parse(args.conf), timeout: 60 });
  const { outcome } = await execution.settle({
    onEvent: (event) => {
      if (event.type === 'task') statuses.push(event.task.status);
    },
  });
  const result = resultFromTaskOutcome(outcome);
  out = {
    era: client.getProtocolEra(),
    extensionOffered: client.getServerCapabilities()?.extensions?.['io.modelcontextprotocol/tasks'] !== undefined,
    kind: execution.kind,
    statuses,
    outcome: outcome.status,
    isError: result.isError === true,
    text: result.content.map((c) => c.text).join(''),
    methods: sent,
  };
} finally {
  await session.close();
}
await client.close();
console.log(JSON.stringify(out));
process.exit(0);
