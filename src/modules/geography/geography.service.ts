import type { GeographyRepo } from './geography.repo.ts';
import { NotFoundError } from '../shared/errors.ts';
import type { QueryPlan } from '../shared/query-plan.ts';
import { isKazakhstanZone, NATIONAL_ZONE, type KazakhstanZone, type Zoned } from '../shared/time-zones.ts';

export function createGeographyService(repo: GeographyRepo) {
  // Regions and their zones change only with the reference data: read once, again on an unknown id.
  const loadZones = (): Map<number, KazakhstanZone> =>
    new Map(repo.regionTimeZones().map((r) => [r.id, r.timeZone && isKazakhstanZone(r.timeZone) ? r.timeZone : NATIONAL_ZONE] as const));
  // Read at start, so that a request's statement count does not depend on being the first.
  let zones: Map<number, KazakhstanZone> | null = loadZones();
  const zoneOfRegion = (regionId: number): KazakhstanZone => {
    const known = zones?.has(regionId) ? zones : (zones = loadZones());
    return known.get(regionId) ?? NATIONAL_ZONE;
  };
  return {
    /** The IANA zone a region keeps its dates in (docs/decree.md, "Time zones"). */
    zoneOfRegion,
    /**
     * `compute` for every zone in use, grouped by region: `value` is the national zone's, `except`
     * lists the regions (among `regionIds`, or all) where it differs.
     */
    zoned<T>(compute: (zone: KazakhstanZone) => T, regionIds?: number[]): Zoned<T> {
      const known = zones && zones.size > 0 ? zones : (zones = loadZones());
      const value = compute(NATIONAL_ZONE);
      const byValue = new Map<T, number[]>();
      const perZone = new Map<KazakhstanZone, T>();
      for (const [regionId, zone] of known) {
        if (regionIds && !regionIds.includes(regionId)) continue;
        if (!perZone.has(zone)) perZone.set(zone, compute(zone));
        const v = perZone.get(zone)!;
        if (v === value) continue;
        byValue.set(v, [...(byValue.get(v) ?? []), regionId]);
      }
      return { value, except: [...byValue].map(([v, ids]) => ({ regionIds: ids, value: v })) };
    },
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
