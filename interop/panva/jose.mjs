// panva's jose, driven by jot's interop test (interop/tests/panva.rs).
//
// Reads one JSON request on stdin and writes one JSON answer on stdout:
// {"ok": ...} or {"error": "<code>: <message>"}. Keys are JWK objects given
// to jose as they are (not through importJWK), so jose applies its own
// checks of the JWK, its "alg" included. Binary data is base64url.
import * as jose from 'jose';

const b64u = (bytes) => jose.base64url.encode(bytes);
const unb64u = (text) => jose.base64url.decode(text);

const ops = {
  // JWE compact, "dir": decrypt with the JWK, accepting only `enc`.
  async decrypt({ jwk, token, enc }) {
    const { plaintext, protectedHeader } = await jose.compactDecrypt(token, jwk, {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: [enc],
    });
    return { plaintext: b64u(plaintext), header: protectedHeader };
  },

  // JWE compact, "dir": encrypt to the JWK.
  async encrypt({ jwk, enc, plaintext }) {
    const token = await new jose.CompactEncrypt(unb64u(plaintext))
      .setProtectedHeader({ alg: 'dir', enc })
      .encrypt(jwk);
    return { token };
  },

  // A signed JWT (ES256) from claims, with the JWK's kid.
  async sign_jwt({ jwk, claims }) {
    const token = await new jose.SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: jwk.kid })
      .sign(jwk);
    return { token };
  },

  // Verify a signed JWT (ES256 only) and its iss and aud.
  async verify_jwt({ jwk, token, issuer, audience }) {
    const { payload, protectedHeader } = await jose.jwtVerify(token, jwk, {
      algorithms: ['ES256'],
      issuer,
      audience,
    });
    return { payload, header: protectedHeader };
  },
};

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const op = ops[request.op];
  if (!op) throw new Error(`unknown op ${request.op}`);
  return { ok: await op(request) };
}

main()
  .then((answer) => process.stdout.write(JSON.stringify(answer) + '\n'))
  .catch((e) => process.stdout.write(JSON.stringify({ error: `${e.code ?? e.name}: ${e.message}` }) + '\n'));
