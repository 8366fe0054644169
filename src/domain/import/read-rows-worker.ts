// The worker thread of read-source.ts: reads a list with readRows and posts each message to the
// importing thread, at most two batches ahead of what it has written, so memory stays bounded
// however fast the file reads.
import { parentPort, workerData } from 'node:worker_threads';
import { RegionDirectory, type RegionNode } from '../regions/region-directory.ts';
import type { RowDefaults } from './normalise-row.ts';
import type { ProgramNames } from './program-names.ts';
import { readRows } from './read-rows.ts';

const data = workerData as {
  file: string;
  defaults: RowDefaults;
  programs: ProgramNames;
  nodes: RegionNode[];
  today: string;
};
const AHEAD = 2;
let credit = AHEAD;
let wake: (() => void) | undefined;
parentPort?.on('message', () => {
  credit++;
  wake?.();
});

for await (const message of readRows({
  file: data.file,
  defaults: data.defaults,
  programs: data.programs,
  regions: new RegionDirectory(data.nodes),
  today: new Date(data.today),
})) {
  if (message.kind === 'batch') {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
  }
  parentPort?.postMessage(message);
}
parentPort?.postMessage({ kind: 'done' });
