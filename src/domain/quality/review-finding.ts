// An officer's decision on a finding: confirmed, or "not a problem" (dismissed). Kept by the
// finding's key, so the next run of the report shows it decided; audited.
import { recordAudit } from '../backoffice/audit.ts';
import type { Officer } from '../backoffice/officer.ts';
import { canReviewFinding } from '../backoffice/permissions.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { QUALITY_RULES, type QualityRule } from './quality-report.ts';

type Deps = Pick<DomainDeps, 'db' | 'now'>;

export type ReviewDecision = 'confirmed' | 'dismissed';

export async function reviewFinding(
  deps: Deps,
  officer: Pick<Officer, 'id' | 'role'>,
  input: { key: string; decision: string },
  clientAddress: string | null,
): Promise<void> {
  if (!canReviewFinding(officer)) throw new AppError('forbidden');
  const rule = input.key.split(':', 1)[0] as QualityRule;
  if (!QUALITY_RULES.includes(rule) || input.key.length > 200)
    throw new AppError('validation_failed', { finding: 'quality.finding_not_found' });
  if (input.decision !== 'confirmed' && input.decision !== 'dismissed')
    throw new AppError('validation_failed', { decision: 'quality.decision_invalid' });
  const decision: ReviewDecision = input.decision;
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('quality_reviews')
      .values({ finding_key: input.key, rule, decision, decided_by: officer.id, decided_at: at })
      .onConflict((oc) =>
        oc.column('finding_key').doUpdateSet({ decision, decided_by: officer.id, decided_at: at }),
      )
      .execute();
    await recordAudit(
      { db: trx, now: deps.now },
      {
        actor: officer,
        action: 'quality_review',
        // The key can hold a NIK; the audit keeps the rule and decision only, and a hash-free
        // reference would need a table of its own, so the finding is named by rule here.
        target: { type: 'finding', id: rule },
        clientAddress,
        detail: { rule, decision },
      },
    );
  });
}
