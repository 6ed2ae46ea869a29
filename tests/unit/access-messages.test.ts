// The dashboard's words for requests that sign-in refuses: each refusal code gets its own heading,
// keeps the server's words (which name the role, filter or allowed values) and says what to do; any
// other error is left as it was, and StatusMessage splits only these into heading and detail.
import { describe, expect, it } from 'vitest';
import { accessMessage, accessMessages, refusalParts } from '../../client/src/sign-in/access-messages.ts';

describe('access messages', () => {
  it('names each refusal by its code, keeping the server\'s words', () => {
    const role = 'This needs the role analyst; you are signed in as viewer.';
    const outside = 'county=Essex County is outside the rows you may read (only county Hudson County).';
    const cases: [number, string, string, string][] = [
      [403, 'forbidden', role, `Your role does not allow this. ${role} Ask an administrator if you need it.`],
      [403, 'outside_restriction', outside, `Outside the rows you may read. ${outside} Choose a value you may read, or clear that filter.`],
      [403, 'no_data_access', 'server words', `${accessMessages.noDataAccess.heading} ${accessMessages.noDataAccess.detail()}`],
      [403, 'csrf_token_missing', 'x', 'This page is out of step with your session. Reload the page and try again.'],
      [429, 'rate_limited', 'Wait 3 s.', 'Too many requests. Wait 3 s.'],
    ];
    for (const [status, code, server, shown] of cases) {
      expect(accessMessage(status, code, server), code).toBe(shown);
      const parts = refusalParts(shown);
      expect(parts!.heading + ' ' + parts!.detail, code).toBe(shown);
    }
  });

  it('leaves every other error alone', () => {
    expect(accessMessage(400, 'invalid_parameter', 'bad by')).toBeUndefined();
    expect(accessMessage(404, 'unknown_measure', 'no such measure')).toBeUndefined();
    expect(accessMessage(500, undefined, 'Internal error (id 1)')).toBeUndefined();
    expect(refusalParts('Internal error (id 1)')).toBeUndefined();
  });
});
