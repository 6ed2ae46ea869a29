// What the dashboard says about signing in and out, in one catalog the browser test asserts against.
// Kept beside the sign-in page rather than in core/charts/messages.ts: those strings are shared with
// the server's report renderer, and these are the dashboard's alone.
import type { SignedOutReason } from './session.svelte.ts';

export const signInMessages = {
  title: () => 'Sign in',
  intro: () => 'This Popsight server needs you to sign in before it shows any data.',
  ended: () => 'Your session ended because it was inactive for too long. Sign in again to continue where you were.',
  signedOut: () => 'You have signed out.',
  userLabel: () => 'User name',
  passwordLabel: () => 'Password',
  submit: () => 'Sign in',
  submitting: () => 'Signing in…',
  withProvider: () => 'Sign in with your organization',
  missing: (field: 'user' | 'password') =>
    field === 'user' ? 'Enter your user name.' : 'Enter your password.',
  failed: () => 'The user name or password is wrong (or the account is disabled). Check both and try again.',
  signedInAs: (user: string, role: string) => `Signed in as ${user} (${role})`,
  signOut: () => 'Sign out',
  signOutFailed: (reason: string) => `Could not sign out: ${reason}`,
  /** The first line of the sign-in page, by why it is showing. */
  notice: (reason: SignedOutReason) =>
    reason === 'ended' ? signInMessages.ended() : reason === 'signed-out' ? signInMessages.signedOut() : signInMessages.intro(),
} as const;
