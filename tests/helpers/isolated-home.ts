// Runs before each test file: gives it a POPSIGHT_HOME and a POPSIGHT_SCRATCH of its own (inside
// the run's temporary folder), so servers started without an explicit state folder never open the
// repository's .popsight/state/state.duckdb (one process at a time may hold it), and a load in one
// test file never sweeps the raw folder of a killed load that another file is looking at.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.POPSIGHT_HOME = mkdtempSync(join(tmpdir(), 'popsight-home-'));
process.env.POPSIGHT_SCRATCH = mkdtempSync(join(tmpdir(), 'popsight-scratch-'));
