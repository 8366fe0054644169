// Resident tickets over the API: submit (JSON, or multipart with a `data` field and files),
// track, answer a correction request, reopen a complaint.
import { type Context, Hono } from 'hono';
import { answerCorrection, reopenAduan } from '../../domain/tickets/resident-actions.ts';
import { submitAduan } from '../../domain/tickets/submit-aduan.ts';
import { submitSanggahan } from '../../domain/tickets/submit-sanggahan.ts';
import type { Receipt } from '../../domain/tickets/submit-ticket.ts';
import { submitUsulan } from '../../domain/tickets/submit-usulan.ts';
import { trackTicket } from '../../domain/tickets/track-ticket.ts';
import type { AppEnv } from '../env.ts';
import { checkShape, limitBody, readJson } from '../json-body.ts';
import { CorrectionRequest, ReopenRequest, TrackRequest } from './schemas.ts';
import { readTicketBody } from './ticket-body.ts';

/** Three attachments of 5 MB and the form around them. */
export const TICKET_BODY_LIMIT = 16 * 1024 * 1024;

type Submit = typeof submitUsulan;

function submitRoute(submit: Submit) {
  return async (c: Context<AppEnv>) => {
    const body = await readTicketBody(c);
    const receipt: Receipt = await submit(c.get('deps'), body.data, {
      idempotencyKey: body.idempotencyKey,
      locale: c.get('locale'),
      attachments: body.attachments,
      clientKey: c.get('clientKey'),
    });
    return c.json(
      {
        reference: receipt.reference,
        tracking_code: receipt.tracking_code,
        status: receipt.status,
        due_date: receipt.due_date,
        ...(receipt.objection_count !== undefined ? { objection_count: receipt.objection_count } : {}),
      },
      201,
    );
  };
}

const limit = limitBody(TICKET_BODY_LIMIT);

export const ticketRoutes = new Hono<AppEnv>()
  .post('/usulan', limit, submitRoute(submitUsulan))
  .post('/sanggahan', limit, submitRoute(submitSanggahan))
  .post('/aduan', limit, submitRoute(submitAduan))
  .post('/lacak', async (c) => {
    const body = await readJson(c, TrackRequest);
    return c.json(await trackTicket(c.get('deps'), body, { clientKey: c.get('clientKey') }));
  })
  .post('/lacak/perbaikan', limit, async (c) => {
    const body = await readTicketBody(c);
    const data = checkShape(CorrectionRequest, body.data);
    const answer = await answerCorrection(
      c.get('deps'),
      { ...data, correction: data.correction },
      body.attachments,
      { clientKey: c.get('clientKey') },
    );
    return c.json(answer);
  })
  .post('/lacak/buka-kembali', async (c) => {
    const body = await readJson(c, ReopenRequest);
    return c.json(await reopenAduan(c.get('deps'), body, { clientKey: c.get('clientKey') }));
  });
