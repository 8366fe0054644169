// What the officer decides about a previewed list, and the thresholds the defaults come from
// (decision 0022). Kept as JSON on the import; every part is checked when read, so a forged or
// stale form can only choose among the list's own programs and blocks.
import { z } from 'zod';

export interface ImportSettings {
  /**
   * A village's block is complete by default when the list still holds at least this share of
   * the households the village had in the period it is compared with.
   */
  completeShare: number;
  /** Endings of more than this share of a village's households need the number typed again. */
  largeEndingShare: number;
  /** An amount this many times larger or smaller than before is listed first, as suspicious. */
  suspiciousFactor: number;
}

export const DEFAULT_IMPORT_SETTINGS: ImportSettings = {
  completeShare: 0.5,
  largeEndingShare: 0.2,
  suspiciousFactor: 5,
};

export interface ImportDecision {
  /** Programs other than the list's own whose rows the officer takes in. */
  includePrograms: string[];
  /** Blocks (`blockKey`) the officer declares complete though they are not by default. */
  complete: string[];
  /** Blocks complete by default that the officer declares partial: nothing ends there. */
  partial: string[];
}

export const NO_DECISION: ImportDecision = { includePrograms: [], complete: [], partial: [] };

const DecisionSchema = z.object({
  includePrograms: z.array(z.string().max(10)).max(50),
  complete: z.array(z.string().max(40)).max(100_000),
  partial: z.array(z.string().max(40)).max(100_000),
});

export function readDecision(json: string | null): ImportDecision {
  if (json === null) return NO_DECISION;
  try {
    const parsed = DecisionSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : NO_DECISION;
  } catch {
    return NO_DECISION;
  }
}

/** One program, period and village of a list: `BPNT|2021-02|35.76.02.1010`. */
export function blockKey(block: { program_code: string; period: string; village_code: string }): string {
  return `${block.program_code}|${block.period}|${block.village_code}`;
}
