// Reads a page request's body into memory up to a limit, counting the bytes that actually
// arrive: a chunked body declares no length, so the header alone cannot be trusted. Once over
// the limit it keeps nothing more, so memory stays flat while the request is refused, and the
// connection is cut if the client goes on sending.
import type { IncomingMessage } from 'node:http';

export type BoundedBody =
  | { kind: 'read'; bytes: Buffer }
  | { kind: 'too_large' }
  /** The client went away before the body ended; there is no one to answer. */
  | { kind: 'aborted' };

export function readBodyWithin(incoming: IncomingMessage, limit: number): Promise<BoundedBody> {
  const declared = Number(incoming.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too_large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BoundedBody) => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onAborted);
      incoming.off('close', onClose);
      chunks.length = 0;
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        finish({ kind: 'too_large' });
        discardRest(incoming);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      const bytes = Buffer.concat(chunks, size);
      finish({ kind: 'read', bytes });
    };
    const onAborted = () => finish({ kind: 'aborted' });
    const onClose = () => {
      if (!incoming.complete) finish({ kind: 'aborted' });
    };
    incoming.on('data', onData);
    incoming.once('end', onEnd);
    incoming.once('error', onAborted);
    incoming.once('close', onClose);
  });
}

/** How long a refused body may go on arriving (and be thrown away) before the connection is cut. */
const LINGER_MS = 2000;

/**
 * Throws away what still arrives of a refused body, keeping nothing, so that the client can
 * finish sending and read the 413; one that is still sending after LINGER_MS is cut off.
 * Cutting at once would reset the connection, and the client could lose the answer.
 */
function discardRest(incoming: IncomingMessage) {
  const cut = setTimeout(() => incoming.socket?.destroy(), LINGER_MS);
  cut.unref();
  incoming.once('end', () => clearTimeout(cut));
  incoming.once('close', () => clearTimeout(cut));
  incoming.resume();
}

/**
 * What Astro's Node adapter reads the body from instead of the (already read) socket stream: it
 * takes `req.body` when that is an async iterable without own keys (a Buffer or an array would
 * be turned into JSON text).
 */
export function replayableBody(bytes: Buffer): AsyncGenerator<Buffer> {
  return (async function* () {
    if (bytes.length > 0) yield bytes;
  })();
}
