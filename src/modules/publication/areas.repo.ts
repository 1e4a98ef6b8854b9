import type { Db } from '../../db/client.ts';

// Sums over publication_areas (areas.tables.ts): a few thousand stored rows per quarter at most,
// read by their primary key (a quarter, a quarter's region) or by publication_areas_region_idx (a
// region over every quarter). Never publication_items.

export interface AreaFigures {
  total: number;
  open: number;
  overdue: number;
  resolved: number;
  disputed: number;
  deadlinesMoved: number;
  driftDays: number;
}

const SUMS = `sum(total) as total, sum(open) as open, sum(overdue) as overdue, sum(resolved) as resolved,
  sum(disputed) as disputed, sum(deadlines_moved) as deadlinesMoved, sum(drift_days) as driftDays`;

export function createAreasRepo(db: Db) {
  const client = db.$client;
  const byRegion = client.prepare<[number], AreaFigures & { regionId: number }>(
    `select region_id as regionId, ${SUMS} from publication_areas where publication_id = ? group by region_id`,
  );
  const byDistrict = client.prepare<[number, number], AreaFigures & { districtId: number }>(
    `select district_id as districtId, ${SUMS} from publication_areas where publication_id = ? and region_id = ? group by district_id`,
  );
  const byBody = client.prepare<[number, number], AreaFigures & { organizationId: number }>(
    `select organization_id as organizationId, ${SUMS} from publication_areas where publication_id = ? and region_id = ? group by organization_id`,
  );
  const regionByQuarter = client.prepare<[number], AreaFigures & { publicationId: number }>(
    `select a.publication_id as publicationId, ${SUMS.replace(/sum\((\w+)\)/g, 'sum(a.$1)')}
     from publication_areas a join publications p on p.id = a.publication_id and p.status = 'published'
     where a.region_id = ? group by a.publication_id`,
  );
  return {
    /** The quarter's figures per region (regions without problems are absent). */
    regionFigures: (publicationId: number) => byRegion.all(publicationId),
    /** A region's figures per district in the quarter. */
    districtFigures: (publicationId: number, regionId: number) => byDistrict.all(publicationId, regionId),
    /** A region's figures per responsible body in the quarter. */
    bodyFigures: (publicationId: number, regionId: number) => byBody.all(publicationId, regionId),
    /** A region's figures in every published quarter it has problems in. */
    regionTrend: (regionId: number) => regionByQuarter.all(regionId),
  };
}
export type AreasRepo = ReturnType<typeof createAreasRepo>;
