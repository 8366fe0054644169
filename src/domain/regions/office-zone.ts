// The office's clock (issue 20 item 8): every time an officer sees, and every working day a due
// date counts, is read in the zone of the office's province — WIB, WITA or WIT. Indonesia keeps
// no daylight saving, so a zone is a fixed offset; the IANA name is for Intl's formatters.
import type { ServiceArea } from './service-area.ts';

export const OFFICE_ZONE_IDS = ['WIB', 'WITA', 'WIT'] as const;
export type OfficeZoneId = (typeof OFFICE_ZONE_IDS)[number];

export interface OfficeZone {
  /** The label said after every time: `WIB`, `WITA`, `WIT`. */
  id: OfficeZoneId;
  /** For `Intl.DateTimeFormat`. */
  timeZone: string;
  /** Hours ahead of UTC, all year. */
  offsetHours: number;
}

export const OFFICE_ZONES: Record<OfficeZoneId, OfficeZone> = {
  WIB: { id: 'WIB', timeZone: 'Asia/Jakarta', offsetHours: 7 },
  WITA: { id: 'WITA', timeZone: 'Asia/Makassar', offsetHours: 8 },
  WIT: { id: 'WIT', timeZone: 'Asia/Jayapura', offsetHours: 9 },
};

/** The zone of an office that says nothing: the demo's (East Java) and most offices'. */
export const DEFAULT_OFFICE_ZONE: OfficeZone = OFFICE_ZONES.WIB;

export const isOfficeZoneId = (value: unknown): value is OfficeZoneId =>
  typeof value === 'string' && (OFFICE_ZONE_IDS as readonly string[]).includes(value);

/**
 * The zone of a province by its Kemendagri code (the first two digits of any region code):
 * WITA for Bali, Nusa Tenggara, South, East and North Kalimantan and Sulawesi; WIT for Maluku
 * and Papua; WIB for Sumatra, Java, West and Central Kalimantan. Undefined for an unknown code.
 */
export function zoneOfProvince(code: string): OfficeZone | undefined {
  const province = Number(/^(\d\d)(?:\.|$)/.exec(code)?.[1]);
  if (!Number.isInteger(province)) return undefined;
  if ((province >= 11 && province <= 21) || (province >= 31 && province <= 36)) return OFFICE_ZONES.WIB;
  if (province === 61 || province === 62) return OFFICE_ZONES.WIB;
  if (province >= 51 && province <= 53) return OFFICE_ZONES.WITA;
  if (province >= 63 && province <= 65) return OFFICE_ZONES.WITA;
  if (province >= 71 && province <= 76) return OFFICE_ZONES.WITA;
  if (province === 81 || province === 82) return OFFICE_ZONES.WIT;
  if (province >= 91 && province <= 96) return OFFICE_ZONES.WIT;
  return undefined;
}

/**
 * The office's zone: `OFFICE_TIME_ZONE` when set, else the zone of the service area's first
 * region (the office lists its own regency first, decision 0023), else WIB. An area spanning two
 * zones (a province-wide deployment never does; a national one would) reads its first region's.
 */
export function officeZoneOf(area: Pick<ServiceArea, 'roots'>, override?: OfficeZoneId): OfficeZone {
  if (override) return OFFICE_ZONES[override];
  const first = area.roots[0];
  return (first && zoneOfProvince(first.code)) ?? DEFAULT_OFFICE_ZONE;
}

/**
 * The zone a script reads without the region tree: OFFICE_TIME_ZONE, else the first SERVICE_AREA
 * code's province, else WIB (a server also derives it from its households' regencies).
 */
export function officeZoneOfSettings(
  override: OfficeZone | undefined,
  serviceArea: readonly string[] | undefined,
): OfficeZone {
  return override ?? (serviceArea?.[0] ? zoneOfProvince(serviceArea[0]) : undefined) ?? DEFAULT_OFFICE_ZONE;
}

/** The zone as an ISO offset (`+08:00`), for the start of an office's calendar day. */
export const isoOffsetOf = (zone: OfficeZone = DEFAULT_OFFICE_ZONE): string =>
  `+${String(zone.offsetHours).padStart(2, '0')}:00`;
