import type { Db } from '../../db/client.ts';
import type { UnitKind } from '../shared/enums.ts';
import { asIs, type QueryPlan } from '../shared/query-plan.ts';

export function createGeographyRepo(db: Db) {
  return {
    findRegions(plan: QueryPlan = asIs) {
      return db.query.units.findMany(plan({ where: { parentId: { isNull: true } }, orderBy: { code: 'asc' as const } }));
    },
    findUnitByCode(code: string, plan: QueryPlan = asIs) {
      return db.query.units.findFirst(plan({ where: { code } }));
    },
    findUnitsByCodes(codes: string[]) {
      return db.query.units.findMany({ where: { code: { in: codes } } });
    },
    findUnitById(id: number) {
      return db.query.units.findFirst({ where: { id } });
    },
    findChildren(parentId: number, kinds?: UnitKind[]) {
      return db.query.units.findMany({
        where: kinds ? { parentId, kind: { in: kinds } } : { parentId },
        orderBy: { code: 'asc' },
      });
    },
  };
}
export type GeographyRepo = ReturnType<typeof createGeographyRepo>;
