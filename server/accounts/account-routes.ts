// Account administration on a running server, for administrators (the command line reaches them
// with the server's runtime token while the server holds the state store): a new one-time sign-in
// link for a user (`popsight users link`), and revoking an API token (`popsight tokens revoke`),
// which takes effect from the next request. Mounted only on a server with sign-in.
import { z } from 'zod';
import { accountMessages } from '../../core/accounts/account-messages.ts';
import type { UserStore } from '../../core/accounts/account-stores.ts';
import type { ApiTokens } from '../../core/accounts/api-tokens.ts';
import { signInLinkUrl, type SignInLinks } from '../../core/accounts/sign-in-links.ts';
import { HttpError } from '../http/errors.ts';
import { errorResponse, objectResponse } from '../openapi/operation-parts.ts';
import type { RouteTable } from '../routing/route-table.ts';

const tags = ['accounts'];
const linkBody = z.object({ user: z.string().min(1).max(200) }).strict();

export interface AccountRouteDeps {
  users: UserStore;
  tokens: ApiTokens;
  links: SignInLinks;
  /** How long a link works, for the answer. */
  linkMinutes: number;
}

/** The server's own address as the caller reached it (Host was checked against the allowed names). */
const serverUrlOf = (request: { protocol: string; get(name: string): string | undefined }) => `${request.protocol}://${request.get('host')}`;

export function accountRoutes({ users, tokens, links, linkMinutes }: AccountRouteDeps): RouteTable {
  return [
    {
      method: 'post',
      path: '/accounts/sign-in-links',
      role: 'admin',
      jsonBody: { limit: '4kb' },
      operation: {
        summary: 'A new one-time sign-in link for an active user',
        operationId: 'createSignInLink',
        tags,
        description: `Body { user }. The link opens a session for that user once, within ${linkMinutes} minutes; it is not stored and is shown only in this answer.`,
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { user: { type: 'string' } }, required: ['user'] } } } },
        responses: { 201: objectResponse('{ user, url, expiresInMinutes }'), 400: errorResponse('BadRequest'), 404: errorResponse('NotFound') },
      },
      handler: async (request, response) => {
        const body = linkBody.safeParse(request.body);
        if (!body.success) throw new HttpError(400, 'invalid_body', accountMessages.badLinkBody);
        const user = await users.find(body.data.user);
        if (!user) throw new HttpError(404, 'no_such_user', accountMessages.noSuchUser(body.data.user), { user: body.data.user });
        if (user.disabled) throw new HttpError(409, 'user_disabled', accountMessages.userIsDisabled(user.name), { user: user.name });
        response.setHeader('Cache-Control', 'no-store');
        response.status(201).json({ user: user.name, url: signInLinkUrl(serverUrlOf(request), links.issue(user.name)), expiresInMinutes: linkMinutes });
      },
    },
    {
      method: 'post',
      path: '/accounts/tokens/{id}/revoke',
      role: 'admin',
      operation: {
        summary: 'Revoke an API token: refused from the next request on',
        operationId: 'revokeApiToken',
        tags,
        parameters: [{ name: 'id', in: 'path', required: true, description: 'The token id (tok_…), as popsight tokens list shows it', schema: { type: 'string' } }],
        responses: { 200: objectResponse('{ id, revoked: true }'), 404: errorResponse('NotFound') },
      },
      handler: async (request, response) => {
        const id = String(request.params.id);
        if (!(await tokens.revoke(id))) throw new HttpError(404, 'no_such_token', accountMessages.noSuchToken(id), { id });
        response.json({ id, revoked: true });
      },
    },
  ];
}
