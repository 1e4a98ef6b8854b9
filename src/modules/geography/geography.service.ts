import type { GeographyRepo } from './geography.repo.ts';
import { NotFoundError } from '../shared/errors.ts';
import type { QueryPlan } from '../shared/query-plan.ts';

export function createGeographyService(repo: GeographyRepo) {
  return {
    listRegions: (plan?: QueryPlan) => repo.findRegions(plan),
    findUnitByCode: (code: string, plan?: QueryPlan) => repo.findUnitByCode(code.trim().toUpperCase(), plan),
    /** Unit ids for codes, in order; throws unit/not_found naming the first unknown code. */
    async requireUnitIds(codes: string[]): Promise<number[]> {
      const normalized = codes.map((c) => c.trim().toUpperCase());
      const rows = await repo.findUnitsByCodes(normalized);
      const byCode = new Map(rows.map((r) => [r.code, r.id]));
      return normalized.map((code) => {
        const id = byCode.get(code);
        if (id === undefined) throw new NotFoundError('unit', `No region or unit has the code ${code}.`);
        return id;
      });
    },
    findUnitById: (id: number) => repo.findUnitById(id),
    findChildren: repo.findChildren,
    isWithin: (unitId: number, ancestorId: number) => repo.isWithin(unitId, ancestorId),
  };
}
export type GeographyService = ReturnType<typeof createGeographyService>;
