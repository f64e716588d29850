// Spend held in memory when the process stops while the database is away is written to a local file
// (one per shutdown, under the data directory) and written to the database at the next start. A starting
// process claims a file by renaming it first, so two instances sharing the directory never both replay it.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SPEND_TOTAL_KINDS, SpendTotals, type SpendRecord, type SpendTotalKind } from '@quarry/db';
import type { HeldSpend } from './spend-buffer';

const SPILL_PREFIX = 'spend-spill-';
const SPILL_SUFFIX = '.json';

interface SpillFileContent {
  rows: (Omit<SpendRecord, 'startTime'> & { startTime: string })[];
  /** Files from before a kind existed lack it. */
  totals: Partial<Record<SpendTotalKind, [string, number][]>>;
}

/** Writes held spend to a new file in the directory and returns its path. */
export async function spillHeldSpend(directory: string, held: HeldSpend): Promise<string> {
  await mkdir(directory, { recursive: true });
  const content: SpillFileContent = {
    rows: held.rows.map((row) => ({ ...row, startTime: row.startTime.toISOString() })),
    totals: Object.fromEntries(SPEND_TOTAL_KINDS.map((kind) => [kind, [...held.totals[kind]]])),
  };
  const file = path.join(directory, `${SPILL_PREFIX}${Date.now()}-${process.pid}${SPILL_SUFFIX}`);
  // Written under a temporary name and renamed: a file that exists under its real name is complete.
  await writeFile(`${file}.partial`, JSON.stringify(content));
  await rename(`${file}.partial`, file);
  return file;
}

export interface ClaimedSpill {
  held: HeldSpend;
  /** Deletes the claimed files (once their spend is back in a buffer). */
  release(): Promise<void>;
}

/** Claims every spill file in the directory and reads them; undefined when there is none. */
export async function claimSpilledSpend(directory: string): Promise<ClaimedSpill | undefined> {
  const names = await readdir(directory).catch(() => [] as string[]);
  const claimed: string[] = [];
  const held: HeldSpend = { rows: [], totals: new SpendTotals() };
  for (const name of names) {
    if (!name.startsWith(SPILL_PREFIX) || !name.endsWith(SPILL_SUFFIX)) continue;
    const claimedPath = path.join(directory, `${name}.replaying-${process.pid}`);
    try {
      await rename(path.join(directory, name), claimedPath);
    } catch {
      continue; // another instance claimed it first
    }
    claimed.push(claimedPath);
    const content = JSON.parse(await readFile(claimedPath, 'utf8')) as SpillFileContent;
    for (const row of content.rows) held.rows.push({ ...row, startTime: new Date(row.startTime) });
    for (const kind of SPEND_TOTAL_KINDS)
      for (const [id, cost] of content.totals[kind] ?? []) held.totals.addTo(kind, id, cost);
  }
  if (claimed.length === 0) return undefined;
  return {
    held,
    release: () => Promise.all(claimed.map((file) => rm(file, { force: true }))).then(() => undefined),
  };
}
