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
    /** Routing a problem (assignIssue): the akimats whose territory it lies in, and admins. */
    routesIssue(viewer: Viewer, issue: { unitId: number }): boolean {
      if (viewer.role === 'ADMIN') return true;
      return viewer.role === 'AKIMAT_STAFF' && viewer.unitId !== null && geography.isWithin(issue.unitId, viewer.unitId);
    },
    /**
     * Answering for a problem (progress, transfer, bulk CSV): the staff of the body it is currently
     * assigned to (a ministry, holding, company or an akimat), and admins.
     */
    answersForIssue(viewer: Viewer, issue: { responsibleOrganizationId: number | null }): boolean {
      if (viewer.role === 'ADMIN') return true;
      if (viewer.role !== 'ORGANIZATION_STAFF' && viewer.role !== 'AKIMAT_STAFF') return false;
      return issue.responsibleOrganizationId !== null && viewer.organizationId === issue.responsibleOrganizationId;
    },
    /**
     * Setting or clearing "needs a central decision" after assignment: the body answering for the
     * problem, the akimat that recorded it, and admins.
     */
    flagsCentralDecision(viewer: Viewer, issue: { responsibleOrganizationId: number | null; recordedByOrganizationId: number }): boolean {
      if (viewer.role === 'ADMIN') return true;
      if (viewer.role === 'AKIMAT_STAFF' && viewer.organizationId === issue.recordedByOrganizationId) return true;
      if (viewer.role !== 'ORGANIZATION_STAFF' && viewer.role !== 'AKIMAT_STAFF') return false;
      return issue.responsibleOrganizationId !== null && viewer.organizationId === issue.responsibleOrganizationId;
    },
    /**
     * The citizen's contact details: only the akimat that recorded the problem, the body currently
     * responsible for it, and admins. Everybody else, the public included, gets nothing.
     */
    seesContact(viewer: Viewer | null, issue: { recordedByOrganizationId: number; responsibleOrganizationId: number | null }): boolean {
      if (!viewer) return false;
      if (viewer.role === 'ADMIN') return true;
      if (viewer.organizationId === null) return false;
      if (viewer.role === 'AKIMAT_STAFF' && viewer.organizationId === issue.recordedByOrganizationId) return true;
      return (viewer.role === 'ORGANIZATION_STAFF' || viewer.role === 'AKIMAT_STAFF') && viewer.organizationId === issue.responsibleOrganizationId;
    },
  };
}
export type Policy = ReturnType<typeof createPolicy>;
