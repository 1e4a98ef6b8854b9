import type { Viewer } from './viewer.ts';
import type { GeographyService } from '../geography/geography.service.ts';
import { NotAuthorizedError } from '../shared/errors.ts';
import type { Role } from '../shared/enums.ts';

/**
 * Who may act where. Services call these before they write; resolvers never decide.
 * A refusal is a NotAuthorizedError (auth/unauthenticated or auth/forbidden).
 */
export function createPolicy(geography: GeographyService) {
  function requireViewer(viewer: Viewer | null): Viewer {
    if (!viewer) throw new NotAuthorizedError('auth/unauthenticated');
    return viewer;
  }
  return {
    requireViewer,
    requireRole(viewer: Viewer | null, roles: Role[]): Viewer {
      const v = requireViewer(viewer);
      if (v.role !== 'ADMIN' && !roles.includes(v.role)) throw new NotAuthorizedError('auth/forbidden');
      return v;
    },
    /** Admins act everywhere; akimat staff within their akimat's unit and everything below it. */
    actsForTerritory(viewer: Viewer, unitId: number): boolean {
      if (viewer.role === 'ADMIN') return true;
      if (viewer.role !== 'AKIMAT_STAFF' || viewer.unitId === null) return false;
      return geography.isWithin(unitId, viewer.unitId);
    },
    /** Admins act for every body; organisation and akimat staff only for their own. */
    actsForOrganization(viewer: Viewer, organizationId: number | null): boolean {
      if (viewer.role === 'ADMIN') return true;
      return organizationId !== null && viewer.organizationId === organizationId;
    },
  };
}
export type Policy = ReturnType<typeof createPolicy>;
