// A real OpenID provider for the OAuth compat tests: oidc-provider (OpenID Certified), issuing
// JWT access tokens (RFC 9068) through the client_credentials grant for any resource indicator
// (RFC 8707) a client names. Started by OAuthEndToEndTest; prints "ready <issuer>" once listening.
//
//   node identity-provider.mjs --port N --issuer URL --keys FILE
//
// FILE holds the signing keys as a private JWKS, so that two providers (two issuers) can sign
// with the same keys. Clients (secret = id + "-secret"):
//   airflow-agent  tokens live 300 s
//   short-lived    tokens live 1 s (for the expired-token case)
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, value, i, all) => (i % 2 === 0 ? [...pairs, [value.replace(/^--/, ''), all[i + 1]]] : pairs), []),
);
const keys = JSON.parse(readFileSync(args.keys, 'utf8'));
const SCOPE = 'airflow.read';

const client = (id) => ({
  client_id: id,
  client_secret: `${id}-secret`,
  grant_types: ['client_credentials'],
  redirect_uris: [],
  response_types: [],
  token_endpoint_auth_method: 'client_secret_basic',
  scope: SCOPE,
});

const provider = new Provider(args.issuer, {
  clients: [client('airflow-agent'), client('short-lived')],
  jwks: keys,
  scopes: [SCOPE],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => undefined,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resourceIndicator, c) => ({
        scope: SCOPE,
        audience: resourceIndicator,
        accessTokenFormat: 'jwt',
        accessTokenTTL: c.clientId === 'short-lived' ? 1 : 300,
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
});
provider.on('server_error', (ctx, err) => console.error('server_error', err));

const server = provider.listen(Number(args.port), '127.0.0.1', () => {
  console.log(`ready ${args.issuer}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
