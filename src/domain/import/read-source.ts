// Where an import's rows come from: a worker thread reading the file beside the importing thread
// (the bundled command line and server, where the worker's own bundle stands beside theirs), or
// the importing thread itself (tests, and pages, whose bundle has no worker file). Parsing and
// checking a row costs about as much as writing it; in a worker the two overlap.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ReadMessage, type ReadRequest, readRows } from './read-rows.ts';

export interface ReadSource {
  messages: AsyncIterable<ReadMessage>;
  /** A batch has been written: the reader may go on. */
  written(): void;
  close(): Promise<void>;
}

/** The bundled worker beside this module's bundle, when there is one. */
function workerFile(): string | undefined {
  try {
    const file = fileURLToPath(new URL('./read-rows-worker.mjs', import.meta.url));
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every cell of a list is a short-lived string: with V8's default young generation the reading
 * worker spent a sixth of its time collecting them (1.7 s of 9.4 s for 200,000 rows).
 */
const YOUNG_GENERATION_MB = 64;

export function readSource(request: ReadRequest): ReadSource {
  const file = workerFile();
  if (file === undefined) return { messages: readRows(request), written: () => {}, close: async () => {} };
  const worker = new Worker(file, {
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    workerData: {
      file: request.file,
      defaults: request.defaults,
      programs: request.programs,
      nodes: request.regions.nodes(),
      today: request.today.toISOString(),
    },
  });
  const queue: (ReadMessage | { kind: 'done' })[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (message: ReadMessage | { kind: 'done' }) => {
    queue.push(message);
    notify();
  });
  worker.on('error', (error) => {
    failure = error;
    notify();
  });
  worker.on('exit', (code) => {
    if (code !== 0 && !failure) failure = new Error(`the reading worker exited with ${code}`);
    notify();
  });
  async function* messages(): AsyncGenerator<ReadMessage> {
    for (;;) {
      const next = queue.shift();
      if (next === undefined) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      if (next.kind === 'done') return;
      yield next;
    }
  }
  return {
    messages: messages(),
    written: () => worker.postMessage('more'),
    close: async () => {
      await worker.terminate();
    },
  };
}
