// Who is signed in to the dashboard, as rune state: checked with GET /api/session at start, changed by
// signing in and out, and ended by any API call that answers 401. The CSRF token lives only in this
// object's memory (never in storage a script of another page could reach) and the fetch layer reads
// it from here. On a server without sign-in (OPEN_ACCESS) /api/session does not exist: nothing changes.
import type { SessionInfo } from '../../../core/api/api-types.ts';
import { connectSession, fetchSession, isApiError, signIn, signOut } from '../lib/api.ts';

/** checking: asking the server; open: no sign-in on this server; signed-out: the sign-in page shows. */
export type SessionPhase = 'checking' | 'open' | 'signed-in' | 'signed-out';
/** Why the sign-in page shows: the server requires it, the session ended (idle timeout), or the user signed out. */
export type SignedOutReason = 'required' | 'ended' | 'signed-out';

export class Session {
  phase = $state<SessionPhase>('checking');
  reason = $state<SignedOutReason>('required');
  user = $state<string | null>(null);
  role = $state<SessionInfo['role'] | null>(null);
  /** Set by a sign-in on this page, so the dashboard takes the focus when it comes back. */
  resumed = $state(false);
  #csrfToken: string | null = null;

  constructor() {
    connectSession({ csrfToken: () => this.#csrfToken, unauthorized: () => this.#unauthorized() });
  }

  /** Whether the dashboard may ask for data: signed in, or a server without sign-in. */
  get showsData(): boolean {
    return this.phase === 'open' || this.phase === 'signed-in';
  }

  async check(): Promise<void> {
    try {
      this.#signedIn(await fetchSession());
    } catch (error) {
      if (isApiError(error) && error.status === 401) this.#signedOut('required');
      // 404: a server without sign-in. Anything else (unreachable, 500): the dashboard's panels say so.
      else this.phase = 'open';
    }
  }

  /** Signs in; a refusal is thrown to the form as the ApiError. */
  async signIn(user: string, password: string): Promise<void> {
    this.#signedIn(await signIn(user, password));
    this.resumed = true;
  }

  async signOut(): Promise<void> {
    try {
      await signOut();
    } catch (error) {
      // A session that has already ended is as good as signed out.
      if (!(isApiError(error) && error.status === 401)) throw error;
    }
    this.user = null;
    this.#signedOut('signed-out');
  }

  #signedIn(info: SessionInfo): void {
    this.#csrfToken = info.csrfToken;
    this.user = info.user;
    this.role = info.role;
    this.phase = 'signed-in';
  }

  #signedOut(reason: SignedOutReason): void {
    this.#csrfToken = null;
    this.role = null;
    this.reason = reason;
    this.resumed = false;
    this.phase = 'signed-out';
  }

  /**
   * An API call answered 401. The server gives the same answer for a session that timed out as for
   * none at all; a session that was open here and is refused now ended on the server, and without
   * sign-out from this page that is the idle timeout (or the user's account was disabled).
   */
  #unauthorized(): void {
    if (this.phase === 'signed-out') return;
    this.#signedOut(this.phase === 'signed-in' ? 'ended' : 'required');
  }
}
