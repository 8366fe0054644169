// The life of a recipient list, in one place: read into a preview (nothing in the register
// changes), then confirmed and written, or discarded; once written, undone while it is the latest
// list of its program in its regency. `imports.phase` holds where a list is; `imports.status` is
// the state of the background job at work on it (reading the file, or writing the register).
import type { ImportPhase } from '../../db/schema.ts';
import { AppError } from '../errors.ts';

export type ImportMove = 'confirm' | 'discard' | 'finish' | 'roll_back';

/** From which phase each move leads where; anything else is refused. */
const MOVES: Record<ImportMove, { from: readonly ImportPhase[]; to: ImportPhase }> = {
  /** The officer accepts the preview: the register is written in the background. */
  confirm: { from: ['preview'], to: 'applying' },
  /** Every step written. */
  finish: { from: ['applying'], to: 'applied' },
  discard: { from: ['preview'], to: 'discarded' },
  roll_back: { from: ['applied'], to: 'rolled_back' },
};

export function canMove(phase: ImportPhase, move: ImportMove): boolean {
  return MOVES[move].from.includes(phase);
}

/** The phase a move leads to, or a refusal naming why (a list already written cannot be discarded). */
export function nextPhase(phase: ImportPhase, move: ImportMove): ImportPhase {
  if (!canMove(phase, move))
    throw new AppError('transition_not_allowed', { import: `import.not_now_${move}` });
  return MOVES[move].to;
}

/** The moves an officer may offer on a list in `phase` whose reading job is over (`readDone`). */
export function officerMoves(phase: ImportPhase, readDone: boolean): ImportMove[] {
  if (!readDone) return [];
  return (['confirm', 'discard', 'roll_back'] as const).filter((move) => canMove(phase, move));
}
