import type { OrganizationsRepo } from './organizations.repo.ts';
import type { OrganizationKind } from '../shared/enums.ts';
import type { QueryPlan } from '../shared/query-plan.ts';
import { NotFoundError } from '../shared/errors.ts';
import type { ReferenceService } from '../reference/reference.service.ts';

export function createOrganizationsService(repo: OrganizationsRepo, reference: ReferenceService) {
  return {
    /**
     * Bodies of the given kinds (all for null), by code. Without a GraphQL plan (pages, services)
     * they come from the reference data in memory; a plan may ask for relations, so it queries.
     */
    listOrganizations: async (kinds: OrganizationKind[] | null, plan?: QueryPlan) => {
      if (plan) return repo.findMany(kinds, plan);
      const all = reference.current().organizations();
      return kinds ? all.filter((o) => kinds.includes(o.kind)) : [...all];
    },
    findOrganization: (id: number, plan?: QueryPlan) => repo.findById(id, plan),
    findOrganizationByCode: (code: string, plan?: QueryPlan) => repo.findByCode(code.trim().toUpperCase(), plan),
    async requireOrganizationByCode(code: string) {
      const org = await repo.findByCode(code.trim().toUpperCase());
      if (!org) throw new NotFoundError('organization', `No organisation has the code ${code}.`);
      return org;
    },
    findAkimatOfUnit: (unitId: number) => repo.findAkimatOfUnit(unitId),
  };
}
export type OrganizationsService = ReturnType<typeof createOrganizationsService>;
