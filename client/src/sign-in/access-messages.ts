// What the dashboard says when sign-in refuses a request (403 no_data_access, outside_restriction,
// a role too low, 429, a CSRF refusal), on every page, instead of a generic error: a heading that
// names the kind of refusal, then the server's words (which name the role, filter or rule) and what
// to do. The 401 of a session ended by the idle timeout shows the sign-in page (session.svelte.ts).

export const accessMessages = {
  noDataAccess: {
    heading: 'No access to patient data yet.',
    detail: () =>
      'Your account may not read any patient rows until an administrator grants them (popsight users restrict <your name> --restrict …). The Measure library works without them.',
  },
  outsideRestriction: {
    heading: 'Outside the rows you may read.',
    detail: (server: string) => `${server} Choose a value you may read, or clear that filter.`,
  },
  roleTooLow: {
    heading: 'Your role does not allow this.',
    detail: (server: string) => `${server} Ask an administrator if you need it.`,
  },
  rateLimited: {
    heading: 'Too many requests.',
    detail: (server: string) => server,
  },
  csrf: {
    heading: 'This page is out of step with your session.',
    detail: () => 'Reload the page and try again.',
  },
  adminOnly: (role: string) => `The audit trail is for administrators; you are signed in as ${role}.`,
} as const;

const HEADINGS = [accessMessages.noDataAccess, accessMessages.outsideRestriction, accessMessages.roleTooLow, accessMessages.rateLimited, accessMessages.csrf].map((m) => m.heading);

/** The dashboard's message for a refused request, by its stable code; undefined for any other error. */
export function accessMessage(status: number, code: string | undefined, server: string): string | undefined {
  if (status === 403 && code === 'no_data_access') return `${accessMessages.noDataAccess.heading} ${accessMessages.noDataAccess.detail()}`;
  if (status === 403 && code === 'outside_restriction') return `${accessMessages.outsideRestriction.heading} ${accessMessages.outsideRestriction.detail(server)}`;
  if (status === 403 && code === 'forbidden') return `${accessMessages.roleTooLow.heading} ${accessMessages.roleTooLow.detail(server)}`;
  if (status === 403 && code === 'csrf_token_missing') return `${accessMessages.csrf.heading} ${accessMessages.csrf.detail()}`;
  if (status === 429) return `${accessMessages.rateLimited.heading} ${accessMessages.rateLimited.detail(server)}`;
  return undefined;
}

/** Splits a message made by accessMessage into its heading and the rest; undefined for other messages. */
export function refusalParts(message: string): { heading: string; detail: string } | undefined {
  const heading = HEADINGS.find((h) => message.startsWith(`${h} `));
  return heading === undefined ? undefined : { heading, detail: message.slice(heading.length + 1) };
}
