import type { OrganizationKind, Role } from '../shared/enums.ts';

/** Who is calling, resolved once per request from the bearer token. */
export interface Viewer {
  userId: number;
  email: string;
  /** Shown in the staff console's header; absent where a viewer is built by hand. */
  displayName?: string;
  role: Role;
  organizationId: number | null;
  organizationKind: OrganizationKind | null;
  /** For akimat staff: the unit their akimat governs, and its region. */
  unitId: number | null;
  regionId: number | null;
}
