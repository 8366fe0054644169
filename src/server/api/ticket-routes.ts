// Resident tickets over the API: submit (JSON, or multipart with a `data` field and files),
// track, answer a correction request, reopen a complaint.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { dataRequestSchema, submitDataRequest } from '../../domain/privacy/data-request.ts';
import { aduanSchema } from '../../domain/tickets/forms/aduan-form.ts';
import { sanggahanSchema } from '../../domain/tickets/forms/sanggahan-form.ts';
import { desilDisputeSchema, usulanSchema } from '../../domain/tickets/forms/usulan-form.ts';
import { answerCorrection, reopenAduan } from '../../domain/tickets/resident-actions.ts';
import { submitAduan } from '../../domain/tickets/submit-aduan.ts';
import { submitSanggahan } from '../../domain/tickets/submit-sanggahan.ts';
import type { Receipt } from '../../domain/tickets/submit-ticket.ts';
import { submitUsulan } from '../../domain/tickets/submit-usulan.ts';
import { trackTicket } from '../../domain/tickets/track-ticket.ts';
import type { AppEnv } from '../env.ts';
import { checkShape, limitBody, readJson } from '../json-body.ts';
import {
  bodyErrors,
  described,
  errorResponse,
  idempotencyKey,
  jsonBody,
  proofOfWorkHeader,
  proofRequired,
  receipt,
  ticketBody,
  ticketErrors,
  trackingLimit,
} from './openapi-parts.ts';
import { callerOf } from './proof-header.ts';
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
      ...callerOf(c),
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
// The forms' rules with every district allowed: the document describes the shape, the server's
// service area is checked when a ticket arrives.
const anyDistrict = { districtExists: () => true, today: new Date() };

/** A submission route: the form's schema, its files, the receipt and every refusal. */
const submission = (path: string, summary: string, body: ReturnType<typeof ticketBody>) =>
  createRoute({
    method: 'post',
    path,
    summary,
    middleware: [limit] as const,
    parameters: [idempotencyKey, proofOfWorkHeader],
    request: { body },
    responses: { 201: receipt, ...ticketErrors, ...proofRequired },
  });

const usulan = submission(
  '/usulan',
  'Propose a household for DTKS (usulan), or dispute a listed household’s desil (`purpose: sanggah_desil`)',
  ticketBody(
    z.union([usulanSchema(anyDistrict), desilDisputeSchema(anyDistrict)]),
    'foto_ktp, foto_kk, foto_rumah (usulan); foto_1, foto_2, foto_3 (sanggah_desil)',
  ),
);
const sanggahan = submission(
  '/sanggahan',
  'Object to a listed recipient (sanggahan); `target` is the opaque id from /api/v1/cek/wilayah',
  ticketBody(sanggahanSchema, 'foto'),
);
const aduan = submission(
  '/aduan',
  'File an SLRT complaint (aduan); `problem: reaktivasi_pbi_jk` asks for a deactivated PBI-JK membership back and needs `nik`, `faskes` and the health facility’s letter as a file',
  ticketBody(
    aduanSchema(anyDistrict),
    'lampiran_1, lampiran_2, lampiran_3 (a PBI-JK reactivation: `surat`, the facility’s letter, required; at most three files in all)',
  ),
);

const permintaanData = submission(
  '/permintaan-data',
  'Ask to see (`request: akses`) or correct (`request: koreksi`) the data held about oneself (UU PDP); `nik` and `kk` must match a listed household together; answered within 72 hours',
  ticketBody(dataRequestSchema(anyDistrict), 'dokumen (optional: a photo or PDF of a supporting document)'),
);

const wrongTicket = errorResponse('Unknown reference or wrong code');

const lacak = createRoute({
  method: 'post',
  path: '/lacak',
  summary: 'Track a ticket by reference and tracking code',
  description: 'An unknown reference and a wrong code give the same 404 body.',
  request: { body: jsonBody(TrackRequest) },
  parameters: [proofOfWorkHeader],
  responses: {
    200: described('Status, office, due date and the resident-visible timeline'),
    ...bodyErrors,
    ...proofRequired,
    404: wrongTicket,
    ...trackingLimit,
  },
});

const perbaikan = createRoute({
  method: 'post',
  path: '/lacak/perbaikan',
  summary: 'Answer a request for correction (perlu_perbaikan); the case returns to the step that asked',
  middleware: [limit] as const,
  request: { body: ticketBody(CorrectionRequest, 'lampiran_perbaikan') },
  parameters: [proofOfWorkHeader],
  responses: {
    200: described('The ticket as Lacak shows it'),
    ...ticketErrors,
    ...proofRequired,
    404: wrongTicket,
    409: errorResponse('The ticket does not await a correction'),
    ...trackingLimit,
  },
});

const bukaKembali = createRoute({
  method: 'post',
  path: '/lacak/buka-kembali',
  summary: 'Reopen a finished complaint, once: back to the unit that closed it, or the SLRT desk',
  request: { body: jsonBody(ReopenRequest) },
  parameters: [proofOfWorkHeader],
  responses: {
    200: described('The ticket as Lacak shows it'),
    ...bodyErrors,
    ...proofRequired,
    404: wrongTicket,
    409: errorResponse('Not finished, or reopened already'),
    ...trackingLimit,
  },
});

export const ticketRoutes = new OpenAPIHono<AppEnv>()
  .openapi(usulan, submitRoute(submitUsulan))
  .openapi(sanggahan, submitRoute(submitSanggahan))
  .openapi(aduan, submitRoute(submitAduan))
  .openapi(permintaanData, submitRoute(submitDataRequest))
  .openapi(lacak, async (c) => {
    const body = await readJson(c, TrackRequest);
    return c.json(await trackTicket(c.get('deps'), body, callerOf(c)), 200);
  })
  .openapi(perbaikan, async (c) => {
    const body = await readTicketBody(c);
    const data = checkShape(CorrectionRequest, body.data);
    const answer = await answerCorrection(
      c.get('deps'),
      { ...data, correction: data.correction },
      body.attachments,
      callerOf(c),
    );
    return c.json(answer, 200);
  })
  .openapi(bukaKembali, async (c) => {
    const body = await readJson(c, ReopenRequest);
    return c.json(await reopenAduan(c.get('deps'), body, callerOf(c)), 200);
  });
