import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { UnitKind } from '../shared/enums.ts';
import { asIs, type QueryPlan } from '../shared/query-plan.ts';

export function createGeographyRepo(db: Db) {
  return {
    findRegions(plan: QueryPlan = asIs) {
      return db.query.units.findMany(plan({ where: { parentId: { isNull: true } }, orderBy: { code: 'asc' as const } }));
    },
    regionTimeZones() {
      return db.all<{ id: number; timeZone: string | null }>(sql`select id, time_zone as timeZone from units where parent_id is null`);
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
    /** Whether `unitId` is `ancestorId` or lies anywhere below it. */
    isWithin(unitId: number, ancestorId: number): boolean {
      const row = db.get<{ found: number }>(sql`
        with recursive chain(id, parent_id) as (
          select id, parent_id from units where id = ${unitId}
          union all
          select u.id, u.parent_id from units u join chain c on u.id = c.parent_id
        )
        select count(*) as found from chain where id = ${ancestorId}`);
      return (row?.found ?? 0) > 0;
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
