import type { Db } from '../../db/client.ts';
import type { OrganizationKind } from '../shared/enums.ts';
import { asIs, type QueryPlan } from '../shared/query-plan.ts';

export function createOrganizationsRepo(db: Db) {
  return {
    findMany(kinds: OrganizationKind[] | null, plan: QueryPlan = asIs) {
      return db.query.organizations.findMany(plan({ where: kinds ? { kind: { in: kinds } } : {}, orderBy: { code: 'asc' as const } }));
    },
    findById(id: number, plan: QueryPlan = asIs) {
      return db.query.organizations.findFirst(plan({ where: { id } }));
    },
    findByCode(code: string, plan: QueryPlan = asIs) {
      return db.query.organizations.findFirst(plan({ where: { code } }));
    },
    findAkimatOfUnit(unitId: number) {
      return db.query.organizations.findFirst({ where: { unitId, kind: 'LOCAL_EXECUTIVE_BODY' } });
    },
  };
}
export type OrganizationsRepo = ReturnType<typeof createOrganizationsRepo>;
