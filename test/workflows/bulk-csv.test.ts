import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { OPEN_DATA_CSV_COLUMNS } from '../../src/modules/issues/issues.csv.ts';
import { M, call, expectConsistent, issueIn, signInAll, tablesHash, type Fixture, type Tokens } from './helpers.ts';
import { asType, graphql } from '../helpers/graphql.ts';

const app = createTestApp({ seed: 'demo' });
let tokens: Tokens;
beforeAll(async () => {
  tokens = await signInAll(app);
});

const HEADER = 'id,title,category,region_code,unit_code,organization_code,status,resolution_plan,due_date,progress,overdue,raised_at,updated_at,public_note';

type Row = Partial<Record<(typeof OPEN_DATA_CSV_COLUMNS)[number], string | number>>;
const quote = (v: string | number | undefined) => {
  const s = v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
/** A file as the open-data export writes it: every column, in order; ignored columns filled with noise. */
function csv(rows: Row[]): string {
  const filled = rows.map((r) => ({ title: 'ignored', category: 'WATER_SUPPLY', region_code: 'KZ-19', overdue: 'false', raised_at: 'whenever', ...r }));
  return `${[HEADER, ...filled.map((r) => OPEN_DATA_CSV_COLUMNS.map((c) => quote(r[c])).join(','))].join('\r\n')}\r\n`;
}
const bulk = (file: string, token: string | undefined) => call(app, 'bulkUpdateIssues', { csv: file }, token);
const history = (f: Fixture) => (app.db.$client.prepare('select count(*) as n from issue_updates where issue_id = ?').get(f.number) as { n: number }).n;

describe('bulk update by CSV', () => {
  it('uses exactly the open-data columns', () => {
    expect(OPEN_DATA_CSV_COLUMNS.join(',')).toBe(HEADER);
  });

  it('applies every row in one go, with a history entry for each changed problem', async () => {
    const [a, b, c] = [await issueIn(app, tokens, 'ASSIGNED'), await issueIn(app, tokens, 'IN_PROGRESS'), await issueIn(app, tokens, 'IN_PROGRESS')];
    const [ha, hb, hc] = [history(a), history(b), history(c)];
    const plan = 'Бірінші кезең: жобалау, 2027 жылғы "көктем"\nЕкінші кезең: құрылыс, жаз';
    const r = await bulk(
      csv([
        { id: a.number, status: 'IN_PROGRESS', resolution_plan: plan, due_date: '2027-05-31', progress: 5, public_note: 'Басталды' },
        { id: b.number, progress: 60 },
        // Unchanged: the row says what the problem already is.
        { id: c.number, status: 'IN_PROGRESS', progress: 10 },
      ]),
      tokens.energy,
    );
    expect(r.typename, JSON.stringify(r)).toBe('MutationBulkUpdateIssuesSuccess');
    expect(r.data).toMatchObject({ updatedCount: 2, unchangedCount: 1 });
    const issue = await app.gql(graphql(`query ($id: ID!) { issue(id: $id) { status resolutionPlan dueDate progress updates(last: 1) { publicNote } } }`), {
      id: a.id,
    });
    expect(issue.data.issue).toEqual({
      status: 'IN_PROGRESS',
      resolutionPlan: plan,
      dueDate: '2027-05-31',
      progress: 5,
      updates: [{ publicNote: 'Басталды' }],
    });
    const other = await app.gql(graphql(`query ($id: ID!) { issue(id: $id) { status resolutionPlan progress } }`), { id: b.id });
    expect(other.data.issue).toEqual({ status: 'IN_PROGRESS', resolutionPlan: 'Жаңа құбыр тартылады', progress: 60 });
    expect([history(a) - ha, history(b) - hb, history(c) - hc]).toEqual([1, 1, 0]);
    expectConsistent(app);
  });

  it('writes nothing when any row is wrong, and reports every problem with its row and column', async () => {
    const mine = await issueIn(app, tokens, 'ASSIGNED');
    const resolved = await issueIn(app, tokens, 'RESOLVED');
    const started = await issueIn(app, tokens, 'IN_PROGRESS');
    const theirs = await issueIn(app, tokens, 'ASSIGNED');
    await call(
      app,
      'transferIssue',
      { input: { issueId: theirs.id, toOrganizationCode: 'MIN-WATER-RESOURCES', reason: 'Су ресурстары министрлігінің ісі' } },
      tokens.energy,
    );
    const before = tablesHash(app);
    const r = await bulk(
      csv([
        { id: mine.number, status: 'IN_PROGRESS', resolution_plan: 'Жоспар', due_date: '2027-02-30' }, // row 2: no such date
        { id: resolved.number, status: 'IN_PROGRESS' }, // row 3: RESOLVED -> IN_PROGRESS is not the body's to make
        { id: theirs.number, progress: 20 }, // row 4: another body's problem
        { id: 99999999, progress: 20 }, // row 5: no such problem
        { id: started.number, progress: 101, status: 'FINISHED' }, // row 6: two bad cells
        { id: started.number, progress: 30 }, // row 7: the same problem twice
        { id: mine.number, status: 'IN_PROGRESS' }, // row 8: twice, and would lack a plan anyway
      ]),
      tokens.energy,
    );
    expect(r.typename).toBe('CsvRejectedError');
    expect(r.code).toBe('csv/invalid');
    expect(r.rows?.map((p) => [p.row, p.column])).toEqual([
      [2, 'due_date'],
      [3, 'status'],
      [4, 'id'],
      [5, 'id'],
      [6, 'status'],
      [6, 'progress'],
      [7, 'id'],
      [8, 'id'],
    ]);
    // Another body's problem reads exactly like a missing one.
    expect(r.rows?.[2]?.message).toBe(r.rows?.[3]?.message);
    expect(tablesHash(app)).toBe(before);
  });

  it('reports state-machine problems found only against the stored problem, and still writes nothing', async () => {
    const a = await issueIn(app, tokens, 'ASSIGNED');
    const b = await issueIn(app, tokens, 'IN_PROGRESS');
    const before = tablesHash(app);
    const r = await bulk(
      csv([
        { id: b.number, progress: 80 },
        { id: a.number, status: 'RESOLVED' },
      ]),
      tokens.energy,
    );
    expect(r.rows).toEqual([{ row: 3, column: 'status', message: expect.stringMatching(/ASSIGNED cannot go to RESOLVED/) }]);
    expect(tablesHash(app)).toBe(before);
    const declined = await bulk(csv([{ id: a.number, status: 'DECLINED' }]), tokens.energy);
    expect(declined.rows).toEqual([{ row: 2, column: 'public_note', message: expect.any(String) }]);
  });

  it('refuses a file whose header is not exactly the open-data one', async () => {
    const a = await issueIn(app, tokens, 'IN_PROGRESS');
    for (const header of ['id,status,progress', HEADER.replace('progress', 'percent'), HEADER.split(',').reverse().join(',')]) {
      const r = await bulk(`${header}\n${a.number},IN_PROGRESS,50\n`, tokens.energy);
      expect(r.rows?.[0]).toMatchObject({ row: 1, message: expect.stringContaining('header') });
    }
    for (const file of ['', HEADER, `${HEADER}\n"unclosed,quote`, `${HEADER}\n1,2,3`]) {
      const r = await bulk(file, tokens.energy);
      expect(r.typename, file).toBe('CsvRejectedError');
    }
  });

  it('changes nothing when the same file is uploaded again', async () => {
    const a = await issueIn(app, tokens, 'IN_PROGRESS');
    const file = csv([{ id: a.number, progress: 70, public_note: 'Жұмыстың 70 пайызы орындалды' }]);
    expect((await bulk(file, tokens.energy)).data.updatedCount).toBe(1);
    const before = tablesHash(app);
    const again = await bulk(file, tokens.energy);
    expect(again.data).toMatchObject({ updatedCount: 0, unchangedCount: 1 });
    expect(tablesHash(app)).toBe(before);
  });

  it('is for the responsible body: other roles are refused and nothing changes', async () => {
    const a = await issueIn(app, tokens, 'IN_PROGRESS');
    const file = csv([{ id: a.number, progress: 90 }]);
    const before = tablesHash(app);
    expect((await bulk(file, undefined)).code).toBe('auth/unauthenticated');
    expect((await bulk(file, tokens.government)).code).toBe('auth/forbidden');
    expect((await bulk(file, tokens.water)).rows?.[0]).toMatchObject({ row: 2, column: 'id', message: 'No such problem.' });
    expect((await bulk(file, tokens.akimat)).rows?.[0]).toMatchObject({ row: 2, column: 'id' });
    expect(tablesHash(app)).toBe(before);
    expect((await bulk(file, tokens.admin)).data.updatedCount).toBe(1);
  });

  it('the tracking view shows a bulk update like any other', async () => {
    const a = await issueIn(app, tokens, 'IN_PROGRESS');
    await bulk(csv([{ id: a.number, progress: 45, public_note: 'Құбырдың жартысы тартылды' }]), tokens.energy);
    const view = asType((await app.gql(M.trackIssue, { code: a.trackingCode })).data.trackIssue, 'QueryTrackIssueSuccess').data;
    expect(view.history.at(-1)).toMatchObject({ kind: 'PROGRESS', progress: 45, publicNote: 'Құбырдың жартысы тартылды' });
  });
});
