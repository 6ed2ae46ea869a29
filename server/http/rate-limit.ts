// Rate limits per principal (issue 15, a server that holds up): a token bucket for each signed-in
// user, API token, and anonymous client address, refilled at a steady rate up to a burst. A request
// that finds the bucket empty answers 429 with Retry-After (RFC 6585 §4) before anything else is
// done for it; it is still audited. The clock comes in, so tests move time instead of waiting.
import type { Request, RequestHandler } from 'express';
import { HttpError } from './errors.ts';
import { httpMessages } from './messages.ts';

export interface RateLimitOptions {
  /** Requests a principal may make at once, after a pause. */
  burst: number;
  /** Requests per second a principal may keep up. */
  perSecond: number;
  clock?: () => Date;
}

/** With sign-in on: a dashboard's overview is ~20 requests at once; a script is held to 10 a second. */
export const DEFAULT_RATE_LIMIT: Readonly<RateLimitOptions> = { burst: 300, perSecond: 10 };

/** Beyond this many buckets, full ones (principals idle long enough to be back at the burst) are dropped. */
const MAX_BUCKETS = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  readonly #buckets = new Map<string, Bucket>();

  constructor(private readonly options: RateLimitOptions) {}

  /** Takes one token from `key`'s bucket: 0 when it had one, else the seconds until it will. */
  take(key: string, now: number): number {
    const { burst, perSecond } = this.options;
    const bucket = this.#buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    if (!this.#buckets.has(key)) this.#prune(now).set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / perSecond;
  }

  #prune(now: number): Map<string, Bucket> {
    if (this.#buckets.size < MAX_BUCKETS) return this.#buckets;
    const { burst, perSecond } = this.options;
    for (const [key, bucket] of this.#buckets) if (bucket.tokens + ((now - bucket.at) / 1000) * perSecond >= burst) this.#buckets.delete(key);
    return this.#buckets;
  }
}

/** The middleware: `principalOf` names who is asking (anonymous callers are told apart by address). */
export function rateLimit(options: RateLimitOptions, principalOf: (request: Request) => string): RequestHandler {
  const buckets = new TokenBuckets(options);
  const clock = options.clock ?? (() => new Date());
  return (request, response, next) => {
    const principal = principalOf(request);
    const key = principal === 'anonymous' ? `anonymous@${request.ip ?? ''}` : principal;
    const wait = buckets.take(key, clock().getTime());
    if (wait === 0) return next();
    const seconds = Math.max(1, Math.ceil(wait));
    response.setHeader('Retry-After', String(seconds));
    throw new HttpError(429, 'rate_limited', httpMessages.rateLimited(options.burst, options.perSecond, seconds), { retryAfterSeconds: seconds });
  };
}
