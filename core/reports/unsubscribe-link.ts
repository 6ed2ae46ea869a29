// The one-click unsubscribe link of a report e-mail (RFC 8058): the report, the recipient and an
// HMAC-SHA256 of both under a secret the state store keeps, so only the recipient's own message can
// unsubscribe them and the link works without signing in. The secret comes in; nothing is stored here.
import { createHmac } from 'node:crypto';
import { sameSecret } from '../accounts/secrets.ts';

export function unsubscribeSignature(secret: string, reportId: string, recipient: string): string {
  return createHmac('sha256', secret).update(`popsight unsubscribe\n${reportId}\n${recipient.toLowerCase()}`).digest('base64url');
}

export function isUnsubscribeSignature(secret: string, reportId: string, recipient: string, signature: string): boolean {
  return sameSecret(unsubscribeSignature(secret, reportId, recipient), signature);
}

/** `<base>/api/reports/<id>/unsubscribe?recipient=…&signature=…`. */
export function unsubscribeUrl(baseUrl: string, secret: string, reportId: string, recipient: string): string {
  const url = new URL(`api/reports/${encodeURIComponent(reportId)}/unsubscribe`, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.searchParams.set('recipient', recipient.toLowerCase());
  url.searchParams.set('signature', unsubscribeSignature(secret, reportId, recipient));
  return url.toString();
}
