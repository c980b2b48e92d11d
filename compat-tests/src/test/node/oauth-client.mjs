// The official MCP TypeScript SDK as an OAuth client of the server, for OAuthEndToEndTest.
// Prints one JSON object on stdout.
//
//   node oauth-client.mjs flow --url MCP_URL --issuer ISSUER --client-id ID --client-secret SECRET
//                              --scope SCOPE
//     Connects with no token: the SDK reads the 401's WWW-Authenticate, fetches the protected
//     resource metadata and the issuer's metadata, runs the client_credentials grant (sending the
//     resource indicator and the scope its client is configured with: the SDK's
//     ClientCredentialsProvider asks for that scope, not the challenge's), then lists the tools
//     and calls list_dags with the token.
//     -> {"resourceMetadataUrl", "tools": [...], "listDags": "<result text>", "isError", "accessToken"}
//
//   node oauth-client.mjs token --issuer ISSUER --client-id ID --client-secret SECRET --resource R
//                               [--scope SCOPE]
//     A client_credentials token from the issuer's token endpoint for resource R, with scope
//     airflow.read unless another (or "none") is given.
//     -> {"accessToken"}
//
//   node oauth-client.mjs refused --url MCP_URL [--token TOKEN]
//     Connects with this bearer token (or none) and no way to get another: the SDK client must
//     fail; the raw answer to the same initialize request is reported too.
//     -> {"connected": false, "error", "status", "wwwAuthenticate", "body"}
//     (the SDK may not report a 403 as an error without an auth provider: "connected" says)
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ClientCredentialsProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import { discoverAuthorizationServerMetadata } from '@modelcontextprotocol/sdk/client/auth.js';

const [mode, ...rest] = process.argv.slice(2);
const args = {};
for (let i = 0; i < rest.length; i += 2) {
  args[rest[i].replace(/^--/, '')] = rest[i + 1];
}
const info = { name: 'airflow-mcp-oauth-compat', version: '1.0.0' };

async function flow() {
  const provider = new ClientCredentialsProvider({
    clientId: args['client-id'],
    clientSecret: args['client-secret'],
    expectedIssuer: args.issuer,
    scope: args.scope,
  });
  const transport = new StreamableHTTPClientTransport(new URL(args.url), { authProvider: provider });
  const client = new Client(info);
  await client.connect(transport);
  const tools = await client.listTools();
  const result = await client.callTool({ name: 'list_dags', arguments: { limit: 2 } });
  await client.close();
  return {
    resourceMetadataUrl: transport._resourceMetadataUrl ? String(transport._resourceMetadataUrl) : null,
    tools: tools.tools.map((t) => t.name),
    listDags: result.content[0].text,
    isError: result.isError === true,
    accessToken: provider.tokens()?.access_token,
  };
}

async function token() {
  const metadata = await discoverAuthorizationServerMetadata(args.issuer);
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: 'Basic ' + Buffer.from(`${args['client-id']}:${args['client-secret']}`).toString('base64'),
    },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      resource: args.resource,
      ...(args.scope === 'none' ? {} : { scope: args.scope ?? 'airflow.read' }),
    }),
  });
  const body = await response.json();
  if (!response.ok) {
    throw new Error(`token endpoint answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return { accessToken: body.access_token };
}

async function refused() {
  const headers = args.token ? { Authorization: `Bearer ${args.token}` } : {};
  const out = { connected: false };
  const transport = new StreamableHTTPClientTransport(new URL(args.url), { requestInit: { headers } });
  const client = new Client(info);
  try {
    await client.connect(transport);
    out.connected = true;
    await client.close();
  } catch (e) {
    out.error = String(e?.message ?? e);
  }
  const raw = await fetch(args.url, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
    body: JSON.stringify({
      jsonrpc: '2.0', id: 1, method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: info },
    }),
  });
  out.status = raw.status;
  out.wwwAuthenticate = raw.headers.get('www-authenticate');
  out.body = await raw.text();
  return out;
}

const run = { flow, token, refused }[mode];
if (!run) {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
try {
  console.log(JSON.stringify(await run()));
} catch (e) {
  console.error(e?.stack ?? String(e));
  process.exit(1);
}
