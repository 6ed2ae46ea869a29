// The port through which a warehouse generation's cohort work is kept between server processes
// (server/state/cohort-cache-folder.ts keeps it under the state folder). Entries are named by what
// they hold (a leaf's SQL and bound values, a definition's counts); their bytes hold row numbers,
// record keys and true counts only, never a person id or pseudonym (docs/disclosure.md). A store
// answers only what it wrote for that generation, intact, else undefined: the reader computes it.
export interface GenerationStore {
  /** The bytes written under `entry` for `generation`, or undefined when none were or they are damaged. */
  read(generation: string, entry: string): Promise<Uint8Array | undefined>;
  /** Keeps `bytes` under `entry`; the first write of a generation removes every other generation's entries. */
  write(generation: string, entry: string, bytes: Uint8Array): Promise<void>;
}
