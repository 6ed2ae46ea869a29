// Who is asking, in one place: the key of their cohort ledger and the principal of their audit
// records. On a server with sign-in it is the signed-in user (`user:<name>`), the API token
// (`token:<id>`) or `anonymous`; without sign-in (OPEN_ACCESS) every caller is the one local principal.
import type { Request } from 'express';
import type { Principal } from '../../core/cohorts/cohort-ledger.ts';
import { identityOf } from '../routing/request-caller.ts';

export const LOCAL_PRINCIPAL: Principal = 'local';
export const ANONYMOUS_PRINCIPAL: Principal = 'anonymous';

export function principalOf(request: Request): Principal {
  const identity = identityOf(request);
  if (!identity) return LOCAL_PRINCIPAL;
  return identity.caller?.principal ?? ANONYMOUS_PRINCIPAL;
}
