// An officer's own notification settings (issue 20, decision 0034): an e-mail address and/or a
// webhook URL, and three switches: a new case at their step in their area, a case escalated to
// their office, a daily digest of their area's at-risk and late cases. Each officer reads and
// changes only their own; a change is audited with the switches only (no address in the log).
import { randomBytes } from 'node:crypto';
import { recordAudit } from '../backoffice/audit.ts';
import type { Officer } from '../backoffice/officer.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';

export const EMAIL_MAX = 254;
export const WEBHOOK_URL_MAX = 500;

export interface OfficerPreferences {
  email: string | null;
  webhookUrl: string | null;
  /** The key the officer's receiver checks signatures with; set with the first webhook URL. */
  webhookSecret: string | null;
  newCase: boolean;
  escalation: boolean;
  digest: boolean;
}

export const NO_PREFERENCES: OfficerPreferences = {
  email: null,
  webhookUrl: null,
  webhookSecret: null,
  newCase: false,
  escalation: false,
  digest: false,
};

/** What the form may send: text fields, and a switch is on when its box was ticked. */
export interface PreferencesInput {
  email?: unknown;
  webhook_url?: unknown;
  new_case?: unknown;
  escalation?: unknown;
  digest?: unknown;
}

type Deps = Pick<DomainDeps, 'db' | 'now'>;

// One address, no spaces, no angle brackets or quotes (header injection), a dot in the domain.
const EMAIL = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/u;
// Control and format characters (a newline would be a second mail header).
const CONTROL = /[\p{Cc}\p{Cf}]/u;

const text = (value: unknown): string | null => (typeof value === 'string' ? value.trim() : null);
const ticked = (value: unknown): boolean => value === '1' || value === 'on' || value === true;

/** What the officer typed, judged whole: every problem at once, by field. */
export function validatePreferences(raw: unknown): Omit<OfficerPreferences, 'webhookSecret'> {
  const input = (raw && typeof raw === 'object' ? raw : {}) as PreferencesInput;
  const errors: Record<string, string> = {};
  const email = text(input.email);
  if (input.email !== undefined && email === null) errors.email = 'notify.email_invalid';
  else if (email && (email.length > EMAIL_MAX || CONTROL.test(email) || !EMAIL.test(email)))
    errors.email = email.length > EMAIL_MAX ? 'notify.email_too_long' : 'notify.email_invalid';
  const url = text(input.webhook_url);
  if (input.webhook_url !== undefined && url === null) errors.webhook_url = 'notify.webhook_invalid';
  else if (url) {
    const problem = webhookProblem(url);
    if (problem) errors.webhook_url = problem;
  }
  const chosen = {
    newCase: ticked(input.new_case),
    escalation: ticked(input.escalation),
    digest: ticked(input.digest),
  };
  if (
    (chosen.newCase || chosen.escalation || chosen.digest) &&
    !email &&
    !url &&
    !errors.email &&
    !errors.webhook_url
  )
    errors.email = 'notify.destination_required';
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', errors);
  return { email: email || null, webhookUrl: url || null, ...chosen };
}

/**
 * A webhook goes to an https address with a host, no user name or password in it (they would sit
 * in the database and the admin's view) and no fragment. The call itself refuses redirects.
 */
function webhookProblem(url: string): string | null {
  if (url.length > WEBHOOK_URL_MAX) return 'notify.webhook_too_long';
  if (CONTROL.test(url) || /\s/.test(url)) return 'notify.webhook_invalid';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'notify.webhook_invalid';
  }
  if (parsed.protocol !== 'https:') return 'notify.webhook_https';
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '' || parsed.hash !== '')
    return 'notify.webhook_invalid';
  return null;
}

export async function readPreferences(
  deps: Pick<Deps, 'db'>,
  accountId: number,
): Promise<OfficerPreferences> {
  const row = await deps.db
    .selectFrom('officer_notifications')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!row) return NO_PREFERENCES;
  return {
    email: row.email,
    webhookUrl: row.webhook_url,
    webhookSecret: row.webhook_secret,
    newCase: row.new_case === 1,
    escalation: row.escalation === 1,
    digest: row.digest === 1,
  };
}

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

/**
 * Saves the officer's own settings (nobody else's: the account is the signed-in officer's).
 * The webhook key stays while the URL does; a new URL gets a new key.
 */
export async function savePreferences(
  deps: Deps,
  officer: Pick<Officer, 'id' | 'role'>,
  raw: unknown,
  clientAddress: string | null,
): Promise<OfficerPreferences> {
  const chosen = validatePreferences(raw);
  const before = await readPreferences(deps, officer.id);
  const webhookSecret = !chosen.webhookUrl
    ? null
    : chosen.webhookUrl === before.webhookUrl && before.webhookSecret
      ? before.webhookSecret
      : newSecret();
  const values = {
    email: chosen.email,
    webhook_url: chosen.webhookUrl,
    webhook_secret: webhookSecret,
    new_case: chosen.newCase ? 1 : 0,
    escalation: chosen.escalation ? 1 : 0,
    digest: chosen.digest ? 1 : 0,
    updated_at: deps.now().toISOString(),
  };
  await deps.db
    .insertInto('officer_notifications')
    .values({ account_id: officer.id, ...values })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
    .execute();
  await recordAudit(deps, {
    actor: officer,
    action: 'notification_settings',
    target: { type: 'user', id: officer.id },
    clientAddress,
    // Which ways and which messages; never the address or the URL themselves.
    detail: {
      email: chosen.email !== null,
      webhook: chosen.webhookUrl !== null,
      new_case: chosen.newCase,
      escalation: chosen.escalation,
      digest: chosen.digest,
    },
  });
  return { ...chosen, webhookSecret };
}
