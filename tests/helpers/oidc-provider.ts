// A small OpenID Connect provider on loopback for tests: discovery document, authorize (signs in
// whoever `signedIn` names, without a page), token (checks the client's secret, the redirect URI
// and the PKCE verifier) and JWKS endpoints; ID tokens signed RS256 with node:crypto. `nextToken`
// lets a test bend one ID token (another issuer, audience, key, algorithm, expiry, nonce).
import { createHash, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: Record<string, unknown>;
}

export const newSigningKey = (kid: string): SigningKey => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS: RS256 with `key`, or any header (alg none, HS256) unsigned for refusals. */
export function signJwt(header: Record<string, unknown>, claims: Record<string, unknown>, key?: KeyObject): string {
  const input = `${b64(header)}.${b64(claims)}`;
  if (!key) return `${input}.`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
}

export interface TokenBend {
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  /** Sign with this key instead of the published one (kid unchanged unless `header` says). */
  signWith?: KeyObject;
  unsigned?: boolean;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claims of whoever signs in at /authorize next. */
  signedIn: Record<string, unknown>;
  /** Bends the next ID token only. */
  nextToken?: TokenBend;
  /** The query of every /authorize request, in order. */
  authorizeRequests: URLSearchParams[];
  /** Every token-endpoint refusal, with its reason. */
  tokenRefusals: string[];
  /** Publishes a new key and signs with it from now on (the old one stays listed unless dropped). */
  rotate(dropOld?: boolean): void;
  jwksFetches: number;
  close(): Promise<void>;
}

export async function startTestProvider(clock: () => Date): Promise<TestProvider> {
  let keys = [newSigningKey('k1')];
  const codes = new Map<string, { claims: Record<string, unknown>; nonce: string; challenge: string; redirectUri: string }>();
  let serial = 0;
  const provider: TestProvider = {
    issuer: '',
    clientId: 'popsight-test',
    clientSecret: 'provider-secret-1',
    signedIn: {},
    authorizeRequests: [],
    tokenRefusals: [],
    jwksFetches: 0,
    rotate(dropOld = false) {
      const next = newSigningKey(`k${keys.length + 1}`);
      keys = dropOld ? [next] : [...keys, next];
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const json = (response: import('node:http').ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', provider.issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(response, 200, {
        issuer: provider.issuer, authorization_endpoint: `${provider.issuer}/authorize`, token_endpoint: `${provider.issuer}/token`, jwks_uri: `${provider.issuer}/jwks`,
        response_types_supported: ['code'], id_token_signing_alg_values_supported: ['RS256'], code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') {
      provider.jwksFetches += 1;
      return json(response, 200, { keys: keys.map((k) => k.publicJwk) });
    }
    if (url.pathname === '/authorize') {
      provider.authorizeRequests.push(url.searchParams);
      const code = `code-${++serial}`;
      const q = url.searchParams;
      codes.set(code, { claims: { ...provider.signedIn }, nonce: q.get('nonce') ?? '', challenge: q.get('code_challenge') ?? '', redirectUri: q.get('redirect_uri') ?? '' });
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      response.writeHead(302, { Location: back.href }).end();
      return;
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const form = new URLSearchParams(body);
        const refuse = (reason: string) => {
          provider.tokenRefusals.push(reason);
          json(response, 400, { error: 'invalid_grant', error_description: reason });
        };
        const expectedAuth = `Basic ${Buffer.from(`${provider.clientId}:${provider.clientSecret}`).toString('base64')}`;
        if (request.headers.authorization !== expectedAuth) return refuse('client authentication');
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        if (!grant) return refuse('unknown code');
        if (form.get('grant_type') !== 'authorization_code') return refuse('grant_type');
        if (form.get('redirect_uri') !== grant.redirectUri) return refuse('redirect_uri');
        if (createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url') !== grant.challenge) return refuse('code_verifier');
        const now = Math.floor(clock().getTime() / 1000);
        const bend = provider.nextToken ?? {};
        provider.nextToken = undefined;
        const key = keys.at(-1)!;
        const claims = { iss: provider.issuer, aud: provider.clientId, iat: now, exp: now + 300, nonce: grant.nonce, ...grant.claims, ...bend.claims };
        const header = { alg: 'RS256', typ: 'JWT', kid: key.kid, ...bend.header };
        const idToken = signJwt(header, claims, bend.unsigned ? undefined : bend.signWith ?? key.privateKey);
        json(response, 200, { access_token: 'unused', token_type: 'Bearer', expires_in: 300, id_token: idToken });
      });
      return;
    }
    json(response, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  provider.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return provider;
}
