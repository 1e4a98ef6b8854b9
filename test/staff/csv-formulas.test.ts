import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { startPublicSite, type PublicSite } from '../web/helpers.ts';
import { csrfOf, StaffClient, tablesHash } from './helpers.ts';

// A public note or plan that starts like a formula must not run in the spreadsheet the CSV is
// opened in, and the neutralised file uploaded unchanged must change nothing.
let site: PublicSite;
let energy: StaffClient;
const FORMULA = '=HYPERLINK("http://attacker.example","Жаңарту")';

beforeAll(async () => {
  site = await startPublicSite();
  energy = new StaffClient(site.base);
  await energy.signIn('energy@jauap.demo');
});

describe('CSV cells that start like formulas', () => {
  it('are exported with a leading quote and read back as they were', async () => {
    const id = site.app.db.$client
      .prepare(
        `select i.id from issues i join organizations o on o.id = i.responsible_organization_id where o.code = 'MIN-ENERGY' and i.status = 'IN_PROGRESS' order by i.id limit 1`,
      )
      .pluck()
      .get() as number;
    const saved = await energy.submit(`/en/staff/issues/${id}`, `/en/staff/issues/${id}/update`, {
      version: String(site.app.db.$client.prepare('select version from issues where id = ?').pluck().get(id)),
      status: 'IN_PROGRESS',
      resolutionPlan: '+7 бригада жұмыс істейді',
      dueDate: '2027-06-30',
      progress: '80',
      publicNote: FORMULA,
      action: 'save',
    });
    expect(saved.status).toBe(303);

    const csv = (await energy.get('/en/staff/queue.csv')).body;
    const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    const row = rows.find((r) => r.id === String(id))!;
    expect(row.public_note).toBe(`'${FORMULA}`);
    expect(row.resolution_plan).toBe("'+7 бригада жұмыс істейді");
    // No cell of the file starts a formula.
    for (const r of rows) for (const value of Object.values(r)) expect(value, JSON.stringify(r)).not.toMatch(/^[=+\-@\t\r]/);

    const before = tablesHash(site.app);
    const page = await energy.get('/en/staff/queue/upload');
    const preview = await energy.upload('/en/staff/queue/upload', { _csrf: csrfOf(page.body) }, { name: 'queue.csv', content: csv });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatch(/Will change: 0\. Unchanged: \d+\./);
    expect(tablesHash(site.app)).toBe(before);
  });
});
