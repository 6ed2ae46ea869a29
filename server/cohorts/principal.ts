// Who is asking, in one place: the key of their cohort ledger (and, with sign-in, of everything
// per user). There is no sign-in yet (issue 15), so every caller is the one local principal; sign-in
// will return the signed-in user's id here, and nothing else needs to change.
import type { Request } from 'express';
import type { Principal } from '../../core/cohorts/cohort-ledger.ts';

export const LOCAL_PRINCIPAL: Principal = 'local';

export function principalOf(_request: Request): Principal {
  return LOCAL_PRINCIPAL;
}
