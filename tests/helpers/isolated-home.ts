// Runs before each test file: gives it a POPSIGHT_HOME of its own (inside the run's temporary
// folder), so servers started without an explicit state folder never open the repository's
// .popsight/state/state.duckdb, which one process at a time may hold.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.POPSIGHT_HOME = mkdtempSync(join(tmpdir(), 'popsight-home-'));
