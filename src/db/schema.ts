// Table types: one interface per table, combined into the Database that Kysely is typed with.
import type { Generated, Insertable, Selectable } from 'kysely';

export interface RegionTable {
  code: string;
  parent_code: string | null;
  level: number;
  name: string;
}

/** A program profile (migrations 001, 021, 023): data an office edits, read by every part. */
export interface ProgramTable {
  code: string;
  name: string;
  name_en: string | null;
  /** What it gives: cash, food_credit, premium, service or card (domain/program-profiles). */
  benefit: string;
  /** How its periods run: month, quarter, stage, year or once. */
  period_kind: string;
  /** The highest DTSEN desil the program takes; null: it does not take households by desil (migration 021). */
  desil_ceiling: number | null;
  channel_id: string;
  channel_en: string;
  /** JSON text: the codes of programs a household may not receive in the same period. */
  excludes: string;
  /** JSON text: other names a list's program column may use for it. */
  aliases: string;
  /** JSON text: benefit amounts per period, by component ({label_id, label_en, amount}). */
  amounts: string;
  criteria_id: string;
  criteria_en: string;
  active_from: string | null;
  active_to: string | null;
  /** Null: a national program, kept by the admin; else the regency whose Dinas Sosial keeps it. */
  region_code: string | null;
  updated_at: string | null;
}

export interface HouseholdTable {
  id: Generated<number>;
  kk: string;
  village_code: string;
  address: string;
  rt: string;
  rw: string;
  desil: number | null;
  /** The import that last wrote this row; null when no list did (migration 016). */
  import_id: number | null;
}

/**
 * One move of a household's desil by an applied list (migration 022): from none to one, or from
 * one to another. Deleted with its list's rollback.
 */
export interface HouseholdDesilChangeTable {
  id: Generated<number>;
  household_id: number;
  import_id: number;
  from_desil: number | null;
  to_desil: number | null;
  changed_at: string;
}

/** One field of a household changed on a resident's correction request (migration 034). */
export interface RegisterCorrectionTable {
  id: Generated<number>;
  household_id: number;
  member_id: number | null;
  field: string;
  before_value: string;
  after_value: string;
  ticket_id: number;
  actor_id: number;
  corrected_at: string;
}

export interface HouseholdMemberTable {
  id: Generated<number>;
  household_id: number;
  nik: string;
  name: string;
  name_search: string;
  sex: 'L' | 'P';
  birth_date: string;
  relation: string;
  pkh_component: string | null;
  import_id: number | null;
}

export interface ProgramMembershipTable {
  id: Generated<number>;
  household_id: number;
  program_code: string;
  period: string;
  status: 'active' | 'collected' | 'not_collected' | 'suspended';
  suspension_reason: string | null;
  amount: number;
  channel: string;
  collection_point: string | null;
  import_id: number | null;
}

/**
 * The program catalogue's version (migration 036): one row (`id` 1), raised by a trigger on
 * `programs` in the transaction of every change, so a process that keeps a copy of the catalogue
 * sees an edit made anywhere.
 */
export interface ProgramCatalogueVersionTable {
  id: number;
  version: number;
}

/**
 * Open cases per village, kind and state (migration 031), kept by triggers on `tickets` in the
 * transaction of each change. `area_code`: '' for none.
 */
export interface OpenTicketCountTable {
  id: Generated<number>;
  area_code: string;
  kind: 'usulan' | 'sanggahan' | 'aduan';
  status: string;
  n: number;
}

/** A list sent to the ministry, as downloaded (migration 032). */
export interface MinistryExportTable {
  id: Generated<number>;
  kind: string;
  area_code: string;
  officer_id: number;
  created_at: string;
  filename: string;
  row_count: number;
  /** Proposals the export moved to `diusulkan_ke_kemensos`. */
  moved: number;
  csv: string;
}

export interface MinistryExportTicketTable {
  export_id: number;
  ticket_id: number;
}

export interface TicketTable {
  id: Generated<number>;
  kind: 'usulan' | 'sanggahan' | 'aduan';
  status: string;
  return_to: string | null;
  responsible_role: string | null;
  responsible_unit: string | null;
  area_code: string | null;
  household_id: number | null;
  target_member_id: number | null;
  subject_nik: string | null;
  subject_kk: string | null;
  due_at: string | null;
  opened_at: string;
  updated_at: string;
  closed_at: string | null;
  /** When retention removed its personal fields and files (migration 024); null: not yet. */
  personal_data_removed_at: string | null;
  reopen_count: Generated<number>;
  /** JSON. */
  payload: string;
  /** Raised by every change; the back office's guard against lost updates. */
  version: Generated<number>;
  /** Aduan: the program complained about. */
  program: string | null;
  /** Aduan: the problem; sanggahan: the reason; usulan: its purpose (`sanggah_desil`) or null. */
  topic: string | null;
  /** The RT/RW of the household concerned, `001`-style; null when unknown. */
  rt: string | null;
  rw: string | null;
  /** When the current step turns "at risk"; null for closed cases and steps without a limit. */
  at_risk_at: string | null;
  /** The officer holding the case. */
  assignee_id: number | null;
  /** The case this one duplicates (closed as such). */
  duplicate_of: number | null;
}

export interface TicketSubmissionTable {
  id: Generated<number>;
  ticket_id: number;
  reference: string;
  tracking_code_hash: string;
  submitted_at: string;
  locale: string;
  /** JSON `{ name?, phone?, email? }`, or null when anonymous. */
  contact: string | null;
  /** JSON, what the resident typed. */
  payload: string;
  idempotency_key: string;
  request_hash: string;
  /** JSON of the 201 answer without the tracking code. */
  receipt: string;
  /** Forms: HMAC of the client's address and the request hash, to know a repeat (migration 013). */
  repeat_key: string | null;
}

export interface TicketEventTable {
  id: Generated<number>;
  ticket_id: number;
  from_status: string | null;
  to_status: string;
  actor_role: string;
  actor_id: string | null;
  at: string;
  note: string | null;
  visible_to_resident: number;
  /** JSON, e.g. the unit a complaint was forwarded to, or corrected fields. */
  data: string | null;
}

export interface TicketAttachmentTable {
  id: Generated<number>;
  ticket_id: number;
  submission_id: number | null;
  event_id: number | null;
  purpose: string;
  stored_name: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: string;
  /** The file's name as the resident's device gave it, cleaned (migration 019); null: none given. */
  original_name: string | null;
  /** The bytes as sent, before an image was re-encoded (migration 019). */
  original_size: number | null;
}

export interface OutboxTable {
  id: Generated<number>;
  /** Null for an officer's daily digest (migration 033). */
  ticket_id: number | null;
  /** A resident's update: the submission and step it announces; null for an officer's message. */
  submission_id: number | null;
  event_id: number | null;
  /**
   * `none`: the submission's contact could not be read; the message is failed, not dropped.
   * `webhook`: an officer's own signed URL (migration 033).
   */
  channel: 'sms' | 'email' | 'webhook' | 'none';
  recipient: string;
  body: string;
  created_at: string;
  sent_at: string | null;
  attempts: Generated<number>;
  status: Generated<'queued' | 'sending' | 'sent' | 'failed'>;
  next_attempt_at: string;
  /** While `sending`: the claim lapses then, and another process may take the message over. */
  claimed_until: string | null;
  claim_token: string | null;
  /** The class of the last failure (`timeout`, `rejected`, …), never the server's text. */
  last_error: string | null;
  failed_at: string | null;
  /** Migration 033: a resident's update or an officer's notice. */
  audience: Generated<'resident' | 'officer'>;
  /** The officer an officer's message is for. */
  account_id: number | null;
  /** An officer's message: `new_case` (filed at or moved to their step), `escalation` or `digest`; null for a resident's update. */
  kind: string | null;
  subject: string | null;
  /** The case's reference (an officer's message; a resident's reads its submission's). */
  reference: string | null;
  /** Unique when set: a digest or an escalation notice is queued once. */
  dedupe_key: string | null;
}

/** An officer's own notification settings (migration 033): where to, and which messages. */
export interface OfficerNotificationTable {
  account_id: number;
  email: string | null;
  webhook_url: string | null;
  webhook_secret: string | null;
  new_case: number;
  escalation: number;
  digest: number;
  updated_at: string;
}

/** One delivery attempt of an outbox message: when, and how it went. Append-only. */
export interface OutboxDeliveryTable {
  id: Generated<number>;
  outbox_id: number;
  attempt: number;
  at: string;
  channel: string;
  outcome: 'sent' | 'retry' | 'failed';
  error_class: string | null;
}

export interface RateLimitTable {
  key: string;
  points: number;
  expire: number | null;
}

export interface AttachmentBlobTable {
  /** The attachment's `stored_name` in `ticket_attachments`. */
  stored_name: string;
  bytes: Buffer;
  created_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  area_code: string | null;
  rt: string | null;
  rw: string | null;
  created_at: string;
  password_changed_at: string;
  must_change_password: Generated<number>;
  disabled_at: string | null;
}

export interface SessionTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ended_at: string | null;
}

/** The people an audited view or export showed, by the keyed hash of their NIK (migration 025). */
export interface AuditSubjectTable {
  audit_id: number;
  subject: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  client_address: string | null;
  /** JSON of ids and codes. */
  detail: string | null;
}

/** A valid file of a form that came back with errors, kept for a while under the form's token. */
export interface ProvisionalUploadTable {
  id: Generated<number>;
  form_token: string;
  /** The form field it was chosen in (`foto_ktp`, `lampiran_2`, …). */
  field: string;
  /** Its name in the attachment store, like `ticket_attachments.stored_name`. */
  stored_name: string;
  content_type: string;
  size: number;
  kept_at: string;
  /** As in `ticket_attachments` (migration 019). */
  original_name: string | null;
  original_size: number | null;
}

/** A ready answer for the moves of one kind into one state, in both languages (issue 9). */
export interface ResponseTemplateTable {
  id: Generated<number>;
  kind: 'usulan' | 'sanggahan' | 'aduan';
  /** The state the move leads to. */
  status: string;
  title: string;
  body_id: string;
  /** Empty: the Indonesian text serves English-speaking residents too. */
  body_en: Generated<string>;
  created_at: string;
  updated_at: string;
  updated_by: number | null;
  disabled_at: string | null;
  /** The regency whose Dinas Sosial keeps it; null: the whole deployment's, kept by the admin. */
  area_code: string | null;
}

/** One Musyawarah Kelurahan as its minutes record it. */
export interface MusyawarahTable {
  id: Generated<number>;
  village_code: string;
  held_on: string;
  place: string;
  attendees: string;
  recorded_by: number;
  recorded_at: string;
  /** The one-time key of the form that recorded it: a second send of that form finds this meeting. */
  form_key: string | null;
}

/** What one Musyawarah decided on one household on its list, and what became of the ticket. Append-only. */
export interface MusyawarahDecisionTable {
  id: Generated<number>;
  musyawarah_id: number;
  ticket_id: number;
  decision: 'disepakati' | 'tidak_disepakati' | 'ditunda';
  note: string | null;
  outcome: 'moved' | 'recorded' | 'refused';
  reason: string | null;
}

export interface ImportTable {
  id: Generated<number>;
  file_name: string;
  format: 'csv' | 'xlsx';
  sha256: string;
  default_program: string | null;
  default_period: string | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  source: 'cli' | 'upload';
  stored_path: string | null;
  bytes_total: Generated<number>;
  bytes_read: Generated<number>;
  rows_read: Generated<number>;
  rows_accepted: Generated<number>;
  rows_rejected: Generated<number>;
  memberships_ended: Generated<number>;
  failure: string | null;
  created_by: number | null;
  /** The uploading Dinas Sosial's regency (`35.76`); null: the command line or admin (migration 015). */
  area_code: string | null;
  /** The DTSEN snapshot the list carries (`2026-Q1`); null: it named none (migration 026). */
  dtsen_snapshot: string | null;
  /** 1: the list's header names a desil column (migration 026). */
  desil_column: Generated<number>;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** The process working the job (`host/pid`) and when it last proved alive (job-lease.ts). */
  runner: string | null;
  heartbeat_at: string | null;
  attempts: Generated<number>;
  /** Where the list is in its life (import-lifecycle.ts); `status` is the state of the job at work on it. */
  phase: Generated<ImportPhase>;
  /** The line of the file read as the header (rows above it are titles). */
  header_line: number | null;
  /** The program the list is for: the one chosen at upload, else the one most of its rows name. */
  main_program: string | null;
  /** JSON of the officer's choices (import-decision.ts). */
  decision: string | null;
  preview_fingerprint: string | null;
  /** Which written lists the preview was made against: when it is still the same, so are the figures. */
  preview_basis: string | null;
  confirmed_fingerprint: string | null;
  confirmed_by: number | null;
  confirmed_at: string | null;
  applied_at: string | null;
  rolled_back_at: string | null;
  /** How far a confirmed list has been written: the step and the last line done. */
  apply_step: number | null;
  apply_line: number | null;
}

export type ImportPhase = 'preview' | 'applying' | 'applied' | 'discarded' | 'rolled_back';

/** One accepted row of an import, as the file said it (null: the file said nothing). */
export interface ImportRowTable {
  import_id: number;
  line: number;
  nik: string;
  kk: string;
  kk_given: number;
  name: string;
  birth_date: string | null;
  sex: 'L' | 'P' | null;
  village_code: string | null;
  program_code: string;
  period: string;
  status: string;
  amount: number;
  channel: string;
  /** What the register will be given (migration 016; null on rows of older imports). */
  register_village: string | null;
  register_birth_date: string | null;
  register_sex: 'L' | 'P' | null;
  name_search: string | null;
  address: string | null;
  rt: string | null;
  rw: string | null;
  /**
   * The desil the row gives; null: the row says nothing about it; 0 (`NO_DESIL_YET`): "Belum Ada
   * Desil", in DTSEN but not ranked yet, which takes away a desil the register held.
   */
  desil: number | null;
  collection_point: string | null;
  /** 0: a row of another program than the list's, left out unless the officer takes it in. */
  included: Generated<number>;
  /** Another row of the list overrides this one, as bits (SUPERSEDED in preview.ts; migration 035). */
  superseded: Generated<number>;
}

export interface ImportRejectionTable {
  id: Generated<number>;
  import_id: number;
  line: number;
  column_name: string;
  reason: string;
  /** JSON of the row's cells. */
  cells: string;
  /** What could still be read of the row, to know whose row it was (migration 016). */
  nik_key: string | null;
  kk_key: string | null;
  name_key: string | null;
  program_code: string | null;
  period: string | null;
  village_code: string | null;
  /** The register's household the row is about, when its NIK or KK names one. */
  household_id: number | null;
}

/** What a list would do, per program, period and village: the preview's counts. */
export interface ImportBlockTable {
  import_id: number;
  program_code: string;
  period: string;
  /** Empty: rejected rows whose village could not be read. */
  village_code: string;
  other_program: Generated<number>;
  included: Generated<number>;
  rows_read: Generated<number>;
  rows_accepted: Generated<number>;
  rows_rejected: Generated<number>;
  households_new: Generated<number>;
  households_unchanged: Generated<number>;
  households_changed: Generated<number>;
  suspicious: Generated<number>;
  kept: Generated<number>;
  baseline_period: string | null;
  baseline_households: Generated<number>;
  would_end: Generated<number>;
  complete_by_default: Generated<number>;
  complete: Generated<number>;
}

/** One household a list would change, end, keep (its row was refused) or list twice. */
export interface ImportEffectTable {
  id: Generated<number>;
  import_id: number;
  kind: 'changed' | 'ending' | 'kept' | 'duplicate';
  program_code: string;
  period: string;
  village_code: string;
  household_id: number | null;
  kk: string | null;
  line: number | null;
  suspicious: Generated<number>;
  before_period: string | null;
  before_status: string | null;
  after_status: string | null;
  before_amount: number | null;
  after_amount: number | null;
  before_channel: string | null;
  after_channel: string | null;
  reason: string | null;
}

export interface ImportUndoHouseholdTable {
  import_id: number;
  household_id: number;
  village_code: string;
  address: string;
  rt: string;
  rw: string;
  desil: number | null;
  written_by: number | null;
}

export interface ImportUndoMemberTable {
  import_id: number;
  member_id: number;
  name: string;
  name_search: string;
  written_by: number | null;
}

export interface ImportUndoMembershipTable {
  import_id: number;
  membership_id: number;
  household_id: number;
  program_code: string;
  period: string;
  status: 'active' | 'collected' | 'not_collected' | 'suspended';
  suspension_reason: string | null;
  amount: number;
  channel: string;
  collection_point: string | null;
  written_by: number | null;
  deleted: number;
}

export interface ImportUndoEndingTable {
  import_id: number;
  ending_id: number;
  household_id: number;
  program_code: string;
  period: string;
  last_period: string;
  reason: string;
  ended_by: number | null;
  ended_at: string;
}

export interface MembershipEndingTable {
  id: Generated<number>;
  household_id: number;
  program_code: string;
  period: string;
  last_period: string;
  reason: string;
  import_id: number | null;
  ended_at: string;
}

export interface QualityReviewTable {
  finding_key: string;
  rule: string;
  decision: 'confirmed' | 'dismissed';
  decided_by: number | null;
  decided_at: string;
}

/** A whole-register data-quality run: computed off the request path, its findings kept. */
export interface QualityRunTable {
  id: Generated<number>;
  status: 'queued' | 'running' | 'done' | 'failed';
  steps_done: Generated<number>;
  steps_total: Generated<number>;
  findings: Generated<number>;
  failure: string | null;
  attempts: Generated<number>;
  runner: string | null;
  heartbeat_at: string | null;
  created_by: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface QualityRunFindingTable {
  run_id: number;
  seq: number;
  finding_key: string;
  rule: string;
  kind: 'defect' | 'change';
  area_code: string | null;
  lines: string;
  niks: string;
  household_ids: string;
  detail: string;
  count: number;
}

/** A date that is no working day for the office (migration 030): national holiday or cuti bersama. */
export interface HolidayTable {
  id: Generated<number>;
  /** YYYY-MM-DD, the office's (Asia/Jakarta) calendar date. */
  date: string;
  name: string;
  /** The admin who added it; null for the decreed dates the migration seeded. */
  added_by: number | null;
  added_at: string;
}

export interface Database {
  regions: RegionTable;
  programs: ProgramTable;
  program_catalogue_version: ProgramCatalogueVersionTable;
  households: HouseholdTable;
  household_desil_changes: HouseholdDesilChangeTable;
  household_members: HouseholdMemberTable;
  register_corrections: RegisterCorrectionTable;
  program_memberships: ProgramMembershipTable;
  tickets: TicketTable;
  open_ticket_counts: OpenTicketCountTable;
  ministry_exports: MinistryExportTable;
  ministry_export_tickets: MinistryExportTicketTable;
  ticket_submissions: TicketSubmissionTable;
  ticket_events: TicketEventTable;
  ticket_attachments: TicketAttachmentTable;
  outbox: OutboxTable;
  outbox_deliveries: OutboxDeliveryTable;
  officer_notifications: OfficerNotificationTable;
  rate_limits: RateLimitTable;
  attachment_blobs: AttachmentBlobTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  audit_subjects: AuditSubjectTable;
  provisional_uploads: ProvisionalUploadTable;
  musyawarah: MusyawarahTable;
  musyawarah_decisions: MusyawarahDecisionTable;
  response_templates: ResponseTemplateTable;
  imports: ImportTable;
  import_rows: ImportRowTable;
  import_rejections: ImportRejectionTable;
  import_blocks: ImportBlockTable;
  import_effects: ImportEffectTable;
  import_undo_households: ImportUndoHouseholdTable;
  import_undo_members: ImportUndoMemberTable;
  import_undo_memberships: ImportUndoMembershipTable;
  import_undo_endings: ImportUndoEndingTable;
  membership_endings: MembershipEndingTable;
  quality_reviews: QualityReviewTable;
  quality_runs: QualityRunTable;
  quality_run_findings: QualityRunFindingTable;
  holidays: HolidayTable;
}

export type Region = Selectable<RegionTable>;
export type NewHousehold = Insertable<HouseholdTable>;
export type NewHouseholdMember = Insertable<HouseholdMemberTable>;
export type NewProgramMembership = Insertable<ProgramMembershipTable>;
