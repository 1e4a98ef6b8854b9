import type { OrganizationsRepo } from './organizations.repo.ts';
import type { OrganizationKind } from '../shared/enums.ts';
import type { QueryPlan } from '../shared/query-plan.ts';
import { NotFoundError } from '../shared/errors.ts';

export function createOrganizationsService(repo: OrganizationsRepo) {
  return {
    listOrganizations: (kinds: OrganizationKind[] | null, plan?: QueryPlan) => repo.findMany(kinds, plan),
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
