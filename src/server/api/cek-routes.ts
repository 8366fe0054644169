import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  type CekAnswer,
  checkHouseholdByNik,
  type FoundHousehold,
} from '../../domain/cek/check-household-by-nik.ts';
import {
  type DesilAnswer,
  desilAnswerText,
  desilComplaintHref,
  desilDisputeHref,
} from '../../domain/cek/desil-answer.ts';
import { membershipStatusText } from '../../domain/cek/membership-status.ts';
import type { MembershipView } from '../../domain/cek/membership-view.ts';
import { type NameSearchAnswer, searchByName } from '../../domain/cek/search-by-name.ts';
import { programInSentence } from '../../i18n/abbreviations.ts';
import type { Locale } from '../../i18n/locale.ts';
import { translate } from '../../i18n/messages.ts';
import type { AppEnv } from '../env.ts';
import { readJson } from '../json-body.ts';
import { CekAnswerSchema, ChallengeSchema } from './answers.ts';
import {
  bodyErrors,
  described,
  jsonBody,
  proofOfWorkHeader,
  proofRequired,
  tooMany,
} from './openapi-parts.ts';
import { callerOf } from './proof-header.ts';
import { CekRequest, CekWilayahRequest } from './schemas.ts';

const cek = createRoute({
  method: 'post',
  path: '/cek',
  summary: 'Check a household by the NIK of any member and its KK number',
  description: 'An unknown NIK and a NIK with the wrong KK number get the same answer: `{"found":false}`.',
  request: { body: jsonBody(CekRequest) },
  parameters: [proofOfWorkHeader],
  responses: {
    200: {
      description: 'Found (masked household and memberships) or not found',
      content: { 'application/json': { schema: CekAnswerSchema } },
    },
    ...bodyErrors,
    ...proofRequired,
    429: tooMany('Too many NIK checks from this client, or of this NIK by anyone.'),
  },
});

const cekWilayah = createRoute({
  method: 'post',
  path: '/cek/wilayah',
  summary: 'Search recipients in a village by name (at least 3 letters; matched literally)',
  request: { body: jsonBody(CekWilayahRequest) },
  parameters: [proofOfWorkHeader],
  responses: {
    200: described('Masked matches, capped at 20'),
    ...bodyErrors,
    ...proofRequired,
    429: tooMany('Too many name searches from this client.'),
  },
});

const tantangan = createRoute({
  method: 'get',
  path: '/tantangan',
  summary: 'A proof-of-work challenge for the next lookup or submission',
  description:
    'Solve it and send the solution in the X-Proof-Of-Work header of one POST to /cek, /cek/wilayah, /lacak (and its actions) or a submission. Each solution is taken once and expires after 20 minutes.',
  responses: {
    200: {
      description: 'The challenge (ALTCHA v1)',
      content: { 'application/json': { schema: ChallengeSchema } },
    },
  },
});

export const cekRoutes = new OpenAPIHono<AppEnv>()
  .openapi(tantangan, (c) => c.json(c.get('deps').limits.challenge(), 200))
  .openapi(cek, async (c) => {
    const body = await readJson(c, CekRequest);
    const answer = await checkHouseholdByNik(c.get('deps'), body, callerOf(c), c.get('locale'));
    return c.json(withStatusTexts(answer, c.get('locale'), c.get('deps').now()), 200);
  })
  .openapi(cekWilayah, async (c) => {
    const body = await readJson(c, CekWilayahRequest);
    const answer = await searchByName(c.get('deps'), body, callerOf(c), { locale: c.get('locale') });
    return c.json(withProgramStatusTexts(answer, c.get('locale')), 200);
  });

// A client shows the status in the words the site uses (membership-status.ts), never its own.
// Written out field by field rather than spread (`{ ...m, status_text }`): spreading the
// household's rows cost half of this function and most of its garbage (decision 0039). The
// return types name every field, so a field added to the domain's answer must be added here too,
// and the JSON keeps the order it had.
function withStatusTexts(answer: CekAnswer, locale: Locale, today: Date) {
  if (!answer.found) return answer.outside_service_area ? answer : notRegistered(locale);
  const desil = answer.desil.value;
  const found: Omit<FoundHousehold, 'memberships' | 'desil_programs'> & {
    memberships: MembershipWithText[];
    desil_programs: DesilProgramWithText[];
  } = {
    found: true,
    person: answer.person,
    head: answer.head,
    kk: answer.kk,
    region: answer.region,
    memberships: answer.memberships.map((m) => membershipWithText(m, locale)),
    desil: answer.desil,
    desil_programs: answer.desil_programs.map((a) => desilProgramWithText(a, desil, locale, today)),
  };
  return found;
}

type MembershipWithText = MembershipView & { status_text: string };

function membershipWithText(m: MembershipView, locale: Locale): MembershipWithText {
  return {
    program: m.program,
    program_name: m.program_name,
    benefit: m.benefit,
    period: m.period,
    status: m.status,
    suspension_reason: m.suspension_reason,
    amount: m.amount,
    channel: m.channel,
    collection_point: m.collection_point,
    list_date: m.list_date,
    status_text: membershipStatusText(locale, m),
  };
}

interface DesilProgramWithText {
  program: string;
  program_name: string;
  desil_ceiling: number;
  latest_period: string | null;
  within_ceiling: boolean | null;
  desil_answer: DesilAnswer;
  desil_answer_text: string;
  complaint_href: string | null;
  dispute_href: string | null;
}

function desilProgramWithText(
  a: FoundHousehold['desil_programs'][number],
  desil: number | null,
  locale: Locale,
  today: Date,
): DesilProgramWithText {
  return {
    program: a.program,
    program_name: a.program_name,
    desil_ceiling: a.desil_ceiling,
    latest_period: a.latest_period,
    within_ceiling: a.within_ceiling,
    desil_answer: a.answer,
    desil_answer_text: desilAnswerText(
      locale,
      desil,
      {
        program: programInSentence(a.program, a.program_name),
        desil_ceiling: a.desil_ceiling,
        latest_period: a.latest_period,
        within_ceiling: a.within_ceiling,
        answer: a.answer,
        rose_from: a.rose_from,
      },
      today,
    ),
    complaint_href: desilComplaintHref(a),
    dispute_href: desilDisputeHref(a, desil),
  };
}

function withProgramStatusTexts(answer: NameSearchAnswer, locale: Locale) {
  return {
    ...answer,
    matches: answer.matches.map((m) => ({
      ...m,
      programs: m.programs.map((p) => ({ ...p, status_text: membershipStatusText(locale, p) })),
    })),
  };
}

/**
 * Answer 1 of issue 19, the same for any NIK + KK the register does not hold (an unknown NIK and a
 * known NIK with the wrong KK alike): what it means and how a household is proposed, in the words
 * of the Cek page, and the proposal form.
 */
export function notRegistered(locale: Locale) {
  const keys = [
    'cek.notFoundBody',
    'cek.notFoundWhat',
    'cek.notFoundPropose',
    'cek.notFoundRtRw',
    'cek.notFoundDtsen',
  ] as const;
  return {
    found: false as const,
    not_found_text: keys.map((k) => translate(locale, k)).join(' '),
    propose_href: '/usulan',
  };
}
