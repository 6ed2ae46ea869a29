// Verifying an OpenID Connect ID token (OpenID Connect Core 1.0, 3.1.3.7): a JWS signed with RS256
// by a key of the provider's JWKS, from the configured issuer, for this client, unexpired, and
// carrying the nonce this sign-in sent. Nothing else is accepted: no `alg: none`, no HMAC (whose key
// would be the client secret), no unknown key id. node:crypto only; the time comes in.
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';

/** Seconds of clock difference tolerated between this server and the provider. */
export const CLOCK_SKEW_SECONDS = 60;

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  nonce: string;
  /** The provider's keys (its jwks_uri answer's `keys`). */
  keys: readonly JsonWebKey[];
  now: Date;
}

export type IdTokenClaims = Record<string, unknown> & { iss: string; sub: string; aud: string | string[]; exp: number };

/** Why a token was refused: `unknown_key` means the provider may have rotated its keys (fetch them again). */
export class IdTokenError extends Error {
  override name = 'IdTokenError';
  constructor(
    readonly reason: 'malformed' | 'algorithm' | 'unknown_key' | 'signature' | 'issuer' | 'audience' | 'expired' | 'not_yet_valid' | 'nonce' | 'subject',
    message: string,
  ) {
    super(message);
  }
}

const decodePart = (part: string): Record<string, unknown> => {
  const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  return value as Record<string, unknown>;
};

export function verifyIdToken(token: string, expected: IdTokenExpectations): IdTokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[\w-]*$/.test(p))) throw new IdTokenError('malformed', 'The ID token is not a compact JWS (three base64url parts).');
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodePart(parts[0]!);
    claims = decodePart(parts[1]!);
  } catch {
    throw new IdTokenError('malformed', 'The ID token header or claims are not base64url JSON objects.');
  }
  if (header.alg !== 'RS256') throw new IdTokenError('algorithm', `The ID token is signed with ${String(header.alg)}; only RS256 is accepted.`);
  const candidates = expected.keys.filter((key) => key.kty === 'RSA' && (key.use === undefined || key.use === 'sig') && (header.kid === undefined || key.kid === header.kid));
  if (candidates.length === 0) throw new IdTokenError('unknown_key', `No RSA signing key ${String(header.kid ?? '')} in the provider's JWKS.`);
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`, 'utf8');
  const signature = Buffer.from(parts[2]!, 'base64url');
  const valid = candidates.some((jwk) => verify('RSA-SHA256', signed, createPublicKey({ key: jwk, format: 'jwk' }), signature));
  if (!valid) throw new IdTokenError('signature', 'The ID token signature does not match the provider\'s keys.');

  if (claims.iss !== expected.issuer) throw new IdTokenError('issuer', `The ID token is from ${String(claims.iss)}, not ${expected.issuer}.`);
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audience.includes(expected.clientId)) throw new IdTokenError('audience', 'The ID token was issued for another client.');
  // With several audiences the authorized party must be this client (Core 3.1.3.7, items 4 and 5).
  if (audience.length > 1 && claims.azp !== expected.clientId) throw new IdTokenError('audience', 'The ID token names several audiences but not this client as its authorized party.');
  const now = expected.now.getTime() / 1000;
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_SECONDS <= now) throw new IdTokenError('expired', 'The ID token has expired.');
  if (typeof claims.iat === 'number' && claims.iat - CLOCK_SKEW_SECONDS > now) throw new IdTokenError('not_yet_valid', 'The ID token was issued in the future.');
  if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_SKEW_SECONDS > now) throw new IdTokenError('not_yet_valid', 'The ID token is not valid yet.');
  if (claims.nonce !== expected.nonce) throw new IdTokenError('nonce', 'The ID token does not carry the nonce of this sign-in.');
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new IdTokenError('subject', 'The ID token has no subject.');
  return claims as IdTokenClaims;
}
