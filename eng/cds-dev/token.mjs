// Prints a CDS Hooks client JWT for LOCAL DEVELOPMENT: ES384, signed with the committed dev key,
// whose public half local.settings.sample.json trusts as issuer "lena-local-dev". Never configure
// that issuer in Azure (the Bicep does not): anyone can read this private key.
//
//   node eng/cds-dev/token.mjs lenalidomide-order-sign [http://localhost:7071/api/cds-services]
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [serviceId, base = 'http://localhost:7071/api/cds-services'] = process.argv.slice(2);
if (!serviceId) {
  console.error('usage: node eng/cds-dev/token.mjs <serviceId> [serviceBaseUrl]');
  process.exit(2);
}

const jwk = JSON.parse(readFileSync(new URL('./dev-client.private.jwk.json', import.meta.url)));
const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const header = { alg: 'ES384', typ: 'JWT', kid: jwk.kid };
const payload = { iss: 'lena-local-dev', sub: 'local-ehr', aud: `${base}/${serviceId}`, iat: now, exp: now + 300, jti: randomUUID() };
const input = `${b64(header)}.${b64(payload)}`;
const signature = sign('sha384', Buffer.from(input), { key: createPrivateKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' });
console.log(`${input}.${signature.toString('base64url')}`);
