// Some proxy browsers strip `Origin` (and `Referer`) from form posts. Against the built server:
// such a post is accepted when a same-site Referer or the form's own proof shows it comes from
// our page; otherwise the resident gets the same form back, in their language, with what they
// typed and a fresh proof, and sending it again works. A post naming another site is refused.
// Then: Back after a receipt and the same complaint sent again (a new form token, the typed
// values restored) shows the first receipt instead of making a second ticket.
import http from 'node:http';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../src/db/database.ts';
import { type BuiltServer, builtServerAvailable, startBuiltServer } from '../support/built-server.ts';

const available = builtServerAvailable();
let server: BuiltServer;

beforeAll(async () => {
  if (!available) return;
  // Behind a proxy, so each test can be its own client (X-Forwarded-For) and no limit is shared.
  server = await startBuiltServer({ TRUST_PROXY: '1' });
});
afterAll(async () => {
  await server?.stop();
});

interface Answer {
  status: number;
  type: string;
  body: string;
}

function send(
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  form?: Record<string, string>,
): Promise<Answer> {
  const payload = form ? Buffer.from(new URLSearchParams(form).toString()) : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}${path}`, {
      method,
      headers: {
        ...headers,
        ...(payload
          ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(payload.length) }
          : {}),
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }),
      );
    });
    req.on('error', reject);
    req.end(payload);
  });
}

let clients = 0;
/** A new client address for each test: proofs and limits are per client. */
const newClient = () => ({ 'x-forwarded-for': `203.0.113.${++clients}` });

const complaint = (description: string) => ({
  program: 'BPNT',
  problem: 'kks_terblokir',
  description,
  'contact.anonymous': 'ya',
  consent: 'ya',
});

const hidden = (body: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]+)"`).exec(body)?.[1] ?? '';
const referenceIn = (body: string) => /class="reference"[^>]*>([^<]+)</.exec(body)?.[1] ?? '';

function ticketCount(): number {
  const db = new SQLite(databaseFile(server.dataDir), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe.skipIf(!available)('a form posted without Origin', () => {
  it('comes back as the same page in Indonesian, with what was typed and a way to send it again', async () => {
    const client = newClient();
    const before = ticketCount();
    const description = 'Kartu KKS terblokir sejak Oktober <b>tanpa</b> Origin.';
    const refused = await send('POST', '/aduan', client, complaint(description));
    expect(refused.status).toBe(403);
    expect(refused.type).toContain('text/html');
    expect(refused.body).toContain('<html lang="id"');
    expect(refused.body).toContain('Formulir belum terkirim');
    // Escaped as typed, in the textarea, the choices still made.
    expect(refused.body).toContain('Kartu KKS terblokir sejak Oktober &lt;b&gt;tanpa&lt;/b&gt; Origin.');
    expect(refused.body).toMatch(/<option[^>]*value="BPNT"[^>]*selected/);
    expect(ticketCount()).toBe(before);

    // The page came with a fresh proof: sent again from the same (Origin-less) browser, it counts.
    const proof = hidden(refused.body, 'form_proof');
    expect(proof).not.toBe('');
    const sent = await send('POST', '/aduan', client, {
      ...complaint(description),
      form_token: hidden(refused.body, 'form_token'),
      form_proof: proof,
    });
    expect(sent.status).toBe(200);
    expect(referenceIn(sent.body)).toMatch(/^ADU-/);
    expect(ticketCount()).toBe(before + 1);
  });

  it('answers in English for a resident who chose English', async () => {
    const refused = await send(
      'POST',
      '/cek',
      { ...newClient(), cookie: 'lang=en' },
      { nik: '3576014107860001' },
    );
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('<html lang="en"');
    expect(refused.body).toContain('The form was not sent');
    expect(refused.body).toContain('value="3576014107860001"');
  });

  it('is accepted with a same-site Referer', async () => {
    const client = newClient();
    const sent = await send(
      'POST',
      '/aduan',
      { ...client, referer: `${server.url}/aduan` },
      complaint('Kartu KKS terblokir, dikirim dengan Referer dari situs ini.'),
    );
    expect(sent.status).toBe(200);
    expect(referenceIn(sent.body)).toMatch(/^ADU-/);
  });

  it('is not accepted with a proof made for another client, nor with a Referer from another site', async () => {
    const page = await send('GET', '/aduan', newClient());
    const proof = hidden(page.body, 'form_proof');
    expect(proof).not.toBe('');
    const before = ticketCount();
    const otherClient = await send('POST', '/aduan', newClient(), {
      ...complaint('Bukti formulir milik alamat lain.'),
      form_proof: proof,
    });
    expect(otherClient.status).toBe(403);
    expect(otherClient.body).toContain('Formulir belum terkirim');
    const foreignReferer = await send(
      'POST',
      '/aduan',
      { ...newClient(), referer: 'https://situs-lain.example/aduan' },
      complaint('Referer dari situs lain.'),
    );
    expect(foreignReferer.status).toBe(403);
    expect(foreignReferer.body).toContain('Formulir belum terkirim');
    expect(ticketCount()).toBe(before);
  });

  it('is still refused when it names another site as its Origin', async () => {
    const before = ticketCount();
    const forged = await send(
      'POST',
      '/aduan',
      { ...newClient(), origin: 'https://situs-lain.example' },
      complaint('Dikirim dari situs lain.'),
    );
    expect(forged.status).toBe(403);
    expect(ticketCount()).toBe(before);
  });
});

describe.skipIf(!available)('the same complaint sent again after Back', () => {
  it('shows the first receipt instead of making a second ticket', async () => {
    const client = { ...newClient(), origin: server.url };
    const description = 'Dana PKH tahap tiga belum masuk, dikirim dua kali lewat tombol Kembali.';
    const firstPage = await send('GET', '/aduan', client);
    const first = await send('POST', '/aduan', client, {
      ...complaint(description),
      form_token: hidden(firstPage.body, 'form_token'),
    });
    expect(first.status).toBe(200);
    const reference = referenceIn(first.body);
    expect(reference).toMatch(/^ADU-/);
    const code = /class="tracking-code"[^>]*>([^<]+)</.exec(first.body)?.[1];
    const before = ticketCount();

    // Back re-renders the form with a new token; the browser restores what was typed.
    const again = await send('GET', '/aduan', client);
    const newToken = hidden(again.body, 'form_token');
    expect(newToken).not.toBe(hidden(firstPage.body, 'form_token'));
    const second = await send('POST', '/aduan', client, { ...complaint(description), form_token: newToken });
    expect(second.status).toBe(200);
    expect(referenceIn(second.body)).toBe(reference);
    expect(/class="tracking-code"[^>]*>([^<]+)</.exec(second.body)?.[1]).toBe(code);
    expect(ticketCount()).toBe(before);

    // Not the same complaint, or not the same client: a new ticket each.
    const changed = await send('POST', '/aduan', client, {
      ...complaint(`${description} Ditambah satu kalimat.`),
      form_token: hidden((await send('GET', '/aduan', client)).body, 'form_token'),
    });
    expect(referenceIn(changed.body)).not.toBe(reference);
    const otherClient = { ...newClient(), origin: server.url };
    const elsewhere = await send('POST', '/aduan', otherClient, {
      ...complaint(description),
      form_token: hidden((await send('GET', '/aduan', otherClient)).body, 'form_token'),
    });
    expect(referenceIn(elsewhere.body)).toMatch(/^ADU-/);
    expect(referenceIn(elsewhere.body)).not.toBe(reference);
    expect(ticketCount()).toBe(before + 2);

    // Nothing personal in clear: the repeat key is a 64-hex HMAC, not the address.
    const db = new SQLite(databaseFile(server.dataDir), { readonly: true });
    try {
      const row = db
        .prepare('SELECT repeat_key FROM ticket_submissions WHERE reference = ?')
        .get(reference) as {
        repeat_key: string;
      };
      expect(row.repeat_key).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      db.close();
    }
  });
});
