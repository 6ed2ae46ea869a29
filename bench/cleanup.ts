// What must be undone even when the bench fails or is interrupted: server processes, the
// PostgreSQL cluster, scratch folders. run.ts calls runCleanup() in `finally` and on SIGINT/SIGTERM.

type Cleanup = () => Promise<void> | void;
const pending = new Set<Cleanup>();

/** Registers `work`; the returned function unregisters it (once it was done normally). */
export function onCleanup(work: Cleanup): () => void {
  pending.add(work);
  return () => pending.delete(work);
}

/** Runs every registered cleanup, the newest first; a failing one does not stop the others. */
export async function runCleanup(log: (message: string) => void): Promise<void> {
  for (const work of [...pending].reverse()) {
    pending.delete(work);
    try {
      await work();
    } catch (error) {
      log(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
