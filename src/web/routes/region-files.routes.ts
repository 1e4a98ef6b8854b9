import type { Request, Response, Router } from 'express';
import { requestLanguage } from '../../modules/publication/open-data.routes.ts';
import type { AreaFigures } from '../../modules/publication/areas.repo.ts';
import { pickName, type Trilingual } from '../../modules/shared/localized.ts';
import { publicUrl } from '../../http/public-url.ts';
import type { WebDeps } from '../context.ts';
import { fileFormat, sendListFile } from '../list-export.ts';
import { listPublished } from '../published.ts';
import { chosenQuarter } from './where.routes.ts';

// The regions view and a region's page as files, exactly the tables they show (the figures of a
// published quarter, stored at publication; meetings held counted as on the page):
//   /api/regions.csv?quarter=2026-Q3&lang=ru           one row per region
//   /api/regions/KZ-19/figures.json?quarter=2026-Q3    one row per district, then per body
// Mounted at the site's root, beside /api/search.csv and /api/meetings.csv.

const FIGURES = ['total', 'open', 'overdue', 'resolved', 'disputed', 'deadlines_moved', 'drift_days'] as const;
const REGION_COLUMNS = ['quarter', 'as_of', 'region_code', 'region', ...FIGURES, 'meetings_held'] as const;
const DETAIL_COLUMNS = ['quarter', 'as_of', 'region_code', 'level', 'code', 'name', ...FIGURES] as const;

const figures = (f: AreaFigures) => ({
  total: f.total,
  open: f.open,
  overdue: f.overdue,
  resolved: f.resolved,
  disputed: f.disputed,
  deadlines_moved: f.deadlinesMoved,
  drift_days: f.driftDays,
});
const asText = <T extends Record<string, string | number>>(row: T) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]));

function missing(res: Response, message: string): void {
  res
    .status(404)
    .set('Cache-Control', 'no-store')
    .json({ error: { code: 'region/not_found', message } });
}

export function registerRegionFiles(router: Router, { services }: WebDeps): void {
  async function quarterOf(req: Request): Promise<string | null> {
    return chosenQuarter(req, await listPublished(services));
  }

  router.get(['/api/regions.csv', '/api/regions.json'], async (req, res) => {
    const format = req.path.endsWith('.csv') ? 'csv' : 'json';
    const quarter = await quarterOf(req);
    const view = quarter ? await services.areas.regionsInQuarter(quarter) : null;
    if (!view) return missing(res, 'No published quarter by that name (e.g. /api/regions.csv?quarter=2026-Q3).');
    const lang = requestLanguage(req);
    const name = (p: Trilingual) => pickName(p, lang);
    const row = (r: (typeof view.regions)[number]) => ({
      quarter: view.quarter.label,
      as_of: view.quarter.periodEnd,
      region_code: r.region.code,
      region: name(r.region),
      ...figures(r),
      meetings_held: r.meetingsHeld,
    });
    await sendListFile(res, format, {
      name: `jauap-regions-${view.quarter.label}`,
      head: { page: `${publicUrl(req)}/${lang}/regions?quarter=${view.quarter.label}`, quarter: view.quarter.label, asOf: view.quarter.periodEnd },
      columns: REGION_COLUMNS,
      items: view.regions,
      csvRecord: (r) => asText(row(r)) as Record<(typeof REGION_COLUMNS)[number], string>,
      jsonItem: row,
    });
  });

  router.get('/api/regions/:code/:file', async (req, res) => {
    const format = fileFormat(req.params.file, 'figures');
    const code = String(req.params.code ?? '').toUpperCase();
    const quarter = format ? await quarterOf(req) : null;
    const detail = quarter && format ? await services.areas.regionInQuarter(quarter, code) : null;
    if (!detail || !format) return missing(res, 'No region or published quarter at this address (e.g. /api/regions/KZ-19/figures.csv?quarter=2026-Q3).');
    const lang = requestLanguage(req);
    const base = { quarter: detail.quarter.label, as_of: detail.quarter.periodEnd, region_code: detail.region.code };
    const rows = [
      ...detail.districts.map((d) => ({ ...base, level: 'district', code: d.district.code, name: pickName(d.district, lang), ...figures(d) })),
      ...detail.bodies.map((b) => ({ ...base, level: 'body', code: b.body.code, name: pickName(b.body, lang), ...figures(b) })),
    ];
    await sendListFile(res, format, {
      name: `jauap-${detail.region.code}-${detail.quarter.label}`,
      head: {
        page: `${publicUrl(req)}/${lang}/regions/${detail.region.code}?quarter=${detail.quarter.label}`,
        quarter: detail.quarter.label,
        asOf: detail.quarter.periodEnd,
      },
      columns: DETAIL_COLUMNS,
      items: rows,
      csvRecord: (r) => asText(r) as Record<(typeof DETAIL_COLUMNS)[number], string>,
      jsonItem: (r) => r,
    });
  });
}
