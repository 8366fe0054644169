// Undoing a written list while it is the latest of its scope (each program in each regency it
// wrote; decision 0022): every membership it created is removed, every one it changed or removed
// gets its state before back, its endings are lifted and the endings it lifted return; heads and
// households it created go when nothing else holds them, and the ones it changed are restored
// where it was the last to write them; the desil moves it recorded are deleted. One transaction: a rollback happens whole or not at all.
import { sql } from 'kysely';
import { REGISTER_TABLES, refreshPlannerStatistics } from '../../db/engine.ts';
import { recordAudit } from '../backoffice/audit.ts';
import type { Officer } from '../backoffice/officer.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { canMove, nextPhase } from './import-lifecycle.ts';

type Deps = Pick<DomainDeps, 'db' | 'now'>;

/**
 * A later list written for the same program in a regency this one wrote: the register has moved
 * on, and undoing this one would undo part of that one. Answers its id, or null.
 */
export async function laterListOfScope(deps: Pick<Deps, 'db'>, importId: number): Promise<number | null> {
  const later = await sql<{ id: number }>`SELECT o.id FROM imports o
    WHERE o.id <> ${importId} AND o.phase IN ('applied', 'applying')
      AND (o.phase = 'applying' OR o.applied_at > (SELECT applied_at FROM imports WHERE id = ${importId})
        OR (o.applied_at = (SELECT applied_at FROM imports WHERE id = ${importId}) AND o.id > ${importId}))
      AND EXISTS (SELECT 1 FROM import_blocks ob JOIN import_blocks mb ON mb.import_id = ${importId}
        AND mb.program_code = ob.program_code AND substr(mb.village_code, 1, 5) = substr(ob.village_code, 1, 5)
        WHERE ob.import_id = o.id AND ob.included = 1 AND mb.included = 1 AND ob.village_code <> '')
    ORDER BY o.id LIMIT 1`.execute(deps.db);
  return later.rows[0] ? Number(later.rows[0].id) : null;
}

export async function canRollBack(deps: Pick<Deps, 'db'>, record: { id: number; phase: string }) {
  return (
    canMove(record.phase as 'applied', 'roll_back') && (await laterListOfScope(deps, record.id)) === null
  );
}

export interface RollbackOutcome {
  membershipsRemoved: number;
  membershipsRestored: number;
  endingsLifted: number;
  endingsRestored: number;
}

export async function rollbackImport(
  deps: Deps,
  actor: Pick<Officer, 'id' | 'role'> | null,
  importId: number,
  clientAddress: string | null,
): Promise<RollbackOutcome> {
  const record = await deps.db
    .selectFrom('imports')
    .select(['id', 'phase'])
    .where('id', '=', importId)
    .executeTakeFirst();
  if (!record) throw new AppError('not_found');
  const to = nextPhase(record.phase, 'roll_back');
  const later = await laterListOfScope(deps, importId);
  if (later !== null) throw new AppError('transition_not_allowed', { import: 'import.not_latest' });
  // A list being written holds the register: its confirmed figures must stay true until it is done.
  const writing = await deps.db
    .selectFrom('imports')
    .select('id')
    .where('phase', '=', 'applying')
    .executeTakeFirst();
  if (writing) throw new AppError('transition_not_allowed', { import: 'import.another_applying' });
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const count = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0);
    // Memberships: the ones it created go, the ones it changed or removed come back as they were.
    const removed = count(
      await sql`DELETE FROM program_memberships WHERE import_id = ${importId}
        AND id NOT IN (SELECT membership_id FROM import_undo_memberships WHERE import_id = ${importId})`.execute(
        trx,
      ),
    );
    const restored = count(
      await sql`UPDATE program_memberships SET status = u.status, suspension_reason = u.suspension_reason,
          amount = u.amount, channel = u.channel, collection_point = u.collection_point, import_id = u.written_by
        FROM import_undo_memberships u
        WHERE u.import_id = ${importId} AND u.deleted = 0 AND program_memberships.id = u.membership_id`.execute(
        trx,
      ),
    );
    const reinserted = count(
      await sql`INSERT INTO program_memberships (id, household_id, program_code, period, status, suspension_reason,
          amount, channel, collection_point, import_id)
        SELECT u.membership_id, u.household_id, u.program_code, u.period, u.status, u.suspension_reason, u.amount,
          u.channel, u.collection_point, u.written_by
        FROM import_undo_memberships u WHERE u.import_id = ${importId} AND u.deleted = 1`.execute(trx),
    );
    // Endings: the ones it recorded are lifted, the ones it lifted return.
    const lifted = count(
      await sql`DELETE FROM membership_endings WHERE import_id = ${importId}`.execute(trx),
    );
    const returned = count(
      await sql`INSERT INTO membership_endings (id, household_id, program_code, period, last_period, reason, import_id,
          ended_at)
        SELECT u.ending_id, u.household_id, u.program_code, u.period, u.last_period, u.reason, u.ended_by, u.ended_at
        FROM import_undo_endings u WHERE u.import_id = ${importId}`.execute(trx),
    );
    // Heads: names it changed come back where it wrote last; heads it added go unless a case names them.
    await sql`UPDATE household_members SET name = u.name, name_search = u.name_search, import_id = u.written_by
      FROM import_undo_members u
      WHERE u.import_id = ${importId} AND household_members.id = u.member_id
        AND household_members.import_id = ${importId}`.execute(trx);
    await sql`DELETE FROM household_members WHERE import_id = ${importId}
      AND id NOT IN (SELECT member_id FROM import_undo_members WHERE import_id = ${importId})
      AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.target_member_id = household_members.id)
      AND NOT EXISTS (SELECT 1 FROM import_rows r JOIN imports o ON o.id = r.import_id
        WHERE r.nik = household_members.nik AND o.id <> ${importId} AND o.phase = 'applied')`.execute(trx);
    // The desil moves it recorded go with it (before the households it created can go).
    await sql`DELETE FROM household_desil_changes WHERE import_id = ${importId}`.execute(trx);
    // Households: restored where it wrote last; the ones it created go when nothing holds them.
    await sql`UPDATE households SET village_code = u.village_code, address = u.address, rt = u.rt, rw = u.rw,
        desil = u.desil, import_id = u.written_by
      FROM import_undo_households u
      WHERE u.import_id = ${importId} AND households.id = u.household_id AND households.import_id = ${importId}`.execute(
      trx,
    );
    await sql`DELETE FROM households WHERE import_id = ${importId}
      AND id NOT IN (SELECT household_id FROM import_undo_households WHERE import_id = ${importId})
      AND NOT EXISTS (SELECT 1 FROM program_memberships m WHERE m.household_id = households.id)
      AND NOT EXISTS (SELECT 1 FROM membership_endings e WHERE e.household_id = households.id)
      AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.household_id = households.id)
      AND NOT EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = households.id)
      AND NOT EXISTS (SELECT 1 FROM household_desil_changes c WHERE c.household_id = households.id)`.execute(
      trx,
    );
    const result = {
      membershipsRemoved: removed,
      membershipsRestored: restored + reinserted,
      endingsLifted: lifted,
      endingsRestored: returned,
    };
    const moved = await trx
      .updateTable('imports')
      .set({ phase: to, rolled_back_at: deps.now().toISOString() })
      .where('id', '=', importId)
      .where('phase', '=', 'applied')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw new AppError('transition_not_allowed', { import: 'import.not_now_roll_back' });
    await recordAudit(
      { db: trx, now: deps.now },
      {
        actor,
        action: 'import_rollback',
        target: { type: 'import', id: importId },
        clientAddress,
        detail: {
          memberships_removed: result.membershipsRemoved,
          memberships_restored: result.membershipsRestored,
          endings_lifted: result.endingsLifted,
          endings_restored: result.endingsRestored,
        },
      },
    );
    return result;
  });
  await refreshPlannerStatistics(deps.db, REGISTER_TABLES);
  return outcome;
}
