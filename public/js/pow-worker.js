// Finds n in [0, maxnumber] with hex(SHA-256(salt + n)) = challenge (ALTCHA v1), by WebCrypto off
// the page's thread. Digests are asked for in batches: one await per number costs more than the hash.
const BATCH = 64;
addEventListener('message', async (event) => {
  const { challenge, salt, maxnumber } = event.data;
  const target = new Uint8Array(32);
  for (let i = 0; i < 32; i++) target[i] = Number.parseInt(challenge.slice(2 * i, 2 * i + 2), 16);
  const encoder = new TextEncoder();
  const matches = (digest) => {
    const bytes = new Uint8Array(digest);
    for (let i = 0; i < 32; i++) if (bytes[i] !== target[i]) return false;
    return true;
  };
  for (let start = 0; start <= maxnumber; start += BATCH) {
    const end = Math.min(maxnumber, start + BATCH - 1);
    const digests = [];
    for (let n = start; n <= end; n++)
      digests.push(crypto.subtle.digest('SHA-256', encoder.encode(salt + n)));
    const found = (await Promise.all(digests)).findIndex(matches);
    if (found >= 0) return postMessage(start + found);
  }
  postMessage(null);
});
