// Who answers for the personal data this service holds (UU PDP, Law 27/2022): the office that
// runs it, and where a resident asks to see, correct or delete their data. Shown on /privasi,
// which every public form links to.
import type { RegionDirectory } from '../regions/region-directory.ts';
import { titleCase } from '../regions/region-name.ts';
import type { ServiceArea } from '../regions/service-area.ts';

/** OFFICE_NAME and OFFICE_PRIVACY_CONTACT, as the operator set them. */
export interface OfficeSettings {
  name?: string | undefined;
  /** Where data requests go: an e-mail address, a telephone or WhatsApp number, a desk. */
  privacyContact?: string | undefined;
  /** RETENTION_DAYS: a closed ticket keeps its personal data and files this many days. */
  retentionDays?: number | undefined;
}

export interface DataController {
  name: string;
  /** Null: no contact was set, and the notice sends the resident to the office's SLRT desk. */
  contact: string | null;
}

/**
 * The office's own name when it set one; else the Dinas Sosial of the regency it serves first
 * (the one that takes complaints naming no place); else just "Dinas Sosial".
 */
export function dataController(
  office: OfficeSettings | undefined,
  area: Pick<ServiceArea, 'placelessDesk'>,
  regions: Pick<RegionDirectory, 'get'>,
): DataController {
  const desk = area.placelessDesk;
  const regency = desk ? regions.get(desk)?.name : undefined;
  return {
    name: office?.name ?? (regency ? `Dinas Sosial ${titleCase(regency)}` : 'Dinas Sosial'),
    contact: office?.privacyContact ?? null,
  };
}
