// panva's oidc-provider on loopback, for interop/tests/oidc_provider.rs,
// axum_service.rs and axum_load.rs.
//
//   node provider.mjs [port [alg]]   (port 0 or none: the OS chooses;
//                                     alg of the first key: RS256 (default)
//                                     or ES256)
//
// Prints the issuer (`http://127.0.0.1:<port>`) as the first line of stdout
// once it listens, then serves until stdin closes (the test holds stdin, so
// the provider dies with the test even when the test is killed) or it is
// signalled. Nothing is fetched at run time; every key is generated here.
//
// What it serves:
// - OpenID Connect discovery and the JWK Set (`jwks_uri`), as oidc-provider
//   publishes them.
// - One confidential client (CLIENT_ID / CLIENT_SECRET, client_secret_basic)
//   allowed the client_credentials grant only.
// - Resource indicators (RFC 8707): any `urn:jot:` resource is a resource
//   server whose audience is the resource itself, and client credentials
//   access tokens for it are JWTs (`typ: at+jwt`, RFC 9068) signed with the
//   provider's current signing key (`kid` set). Its scopes are `read`,
//   `write`, `orders:read` and `orders:write`: a token carries the `scope`
//   the client asked for, cut down to these (no `scope` claim when none is
//   left).
// - A test-only control endpoint, POST /__rotate?alg=ES256|RS256 (default
//   ES256): generates a new key of that algorithm, builds a NEW Provider
//   whose JWK Set lists the new key first and keeps every earlier key
//   published (tokens already issued stay verifiable, as in a real
//   rotation), makes the new key the signing key, and swaps the request
//   handler. The issuer and port do not change. It answers
//   {"kid": <new kid>, "alg": <alg>, "kids": [<published kids, newest first>]}.
//   The first key (at start) is RS256 unless the command line names ES256.
//   Kids are `<alg>-<n>` (rs256-1, es256-2, ...), n counting keys made.
// - A test-only control endpoint, POST /__ttl?seconds=N (1 to 86400): the
//   lifetime of access tokens issued from then on (300 s at start), so a
//   test can get a genuine token that expires soon. It answers {"ttl": N}.

import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';

import Provider, { errors } from 'oidc-provider';

const CLIENT_ID = 'jot-interop';
const CLIENT_SECRET = 'jot-interop-client-secret-not-a-real-secret-0123456789';
const RESOURCE_PREFIX = 'urn:jot:';

const port = Number(process.argv[2] ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`bad port: ${process.argv[2]}`);
  process.exit(2);
}
const firstAlg = process.argv[3] ?? 'RS256';

// The lifetime of access tokens issued from now on (POST /__ttl).
let accessTokenTTL = 300;

// Published keys, newest first: { jwk (private), kid, alg }.
const keys = [];
let generation = 0;

function generateKey(alg) {
  generation += 1;
  let pair;
  if (alg === 'RS256') {
    pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  } else if (alg === 'ES256') {
    pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  } else {
    throw new Error(`unsupported alg ${alg}`);
  }
  const kid = `${alg.toLowerCase()}-${generation}`;
  const jwk = { ...pair.privateKey.export({ format: 'jwk' }), kid, alg, use: 'sig' };
  return { jwk, kid, alg };
}

function buildProvider(issuer) {
  const signing = keys[0];
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        // oidc-provider checks the client's (unused) ID token algorithm
        // against its keys: the first key's stays published.
        id_token_signed_response_alg: keys[keys.length - 1].alg,
      },
    ],
    jwks: { keys: keys.map((k) => k.jwk) },
    // Client credentials tokens live as long as their resource server says.
    ttl: { ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? 300 },
    features: {
      clientCredentials: { enabled: true },
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        // No default resource: a token request names its resource.
        defaultResource: (_ctx, _client, oneOf) => oneOf,
        useGrantedResource: () => false,
        getResourceServerInfo: (_ctx, resourceIndicator) => {
          if (!resourceIndicator.startsWith(RESOURCE_PREFIX)) {
            throw new errors.InvalidTarget();
          }
          return {
            audience: resourceIndicator,
            scope: 'read write orders:read orders:write',
            accessTokenTTL,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: signing.alg, kid: signing.kid } },
          };
        },
      },
    },
  });
  return provider;
}

let handler = () => {};

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname === '/__rotate') {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    try {
      const alg = url.searchParams.get('alg') ?? 'ES256';
      keys.unshift(generateKey(alg));
      handler = buildProvider(issuer).callback();
      const body = JSON.stringify({ kid: keys[0].kid, alg, kids: keys.map((k) => k.kid) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } catch (e) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(String(e));
    }
    return;
  }
  if (url.pathname === '/__ttl') {
    const seconds = Number(url.searchParams.get('seconds'));
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
    } else if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86400) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('seconds: an integer from 1 to 86400');
    } else {
      accessTokenTTL = seconds;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ttl: seconds }));
    }
    return;
  }
  handler(req, res);
});

let issuer;
server.listen(port, '127.0.0.1', () => {
  issuer = `http://127.0.0.1:${server.address().port}`;
  keys.unshift(generateKey(firstAlg));
  handler = buildProvider(issuer).callback();
  process.stdout.write(`${issuer}\n`);
});

const stop = () => {
  server.close();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
