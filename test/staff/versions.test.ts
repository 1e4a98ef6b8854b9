import { beforeAll, describe, expect, it } from 'vitest';
import { startPublicSite, type PublicSite } from '../web/helpers.ts';
import { parse } from 'csv-parse/sync';
import { call, issueIn, signInAll, tablesHash } from '../workflows/helpers.ts';
import { asType, expectType, graphql } from '../helpers/graphql.ts';

// No lost updates, through GraphQL: every write moves a problem's version on; a write based on an
// older version is refused with issue/conflict and what happened meanwhile; the published
// open-data CSV uploaded unchanged never overwrites newer live state.
//
// The demo gives the Ministry of Energy no ASSIGNED problem, so two are made through the API
// (recorded by the akimat of Almaty oblast and assigned to the ministry) before any test runs.

let site: PublicSite;
let energy: string;
beforeAll(async () => {
  site = await startPublicSite();
  const tokens = await signInAll(site.app);
  energy = tokens.energy;
  await issueIn(site.app, tokens, 'ASSIGNED', 'Ауылда электр жарығы жиі сөнеді');
  await issueIn(site.app, tokens, 'ASSIGNED', 'Көшеде электр желісі жоқ');
});

const UPDATE = graphql(`mutation ($input: UpdateIssueProgressInput!) { updateIssueProgress(input: $input) { __typename
  ... on Error { code message }
  ... on IssueConflictError { expectedVersion currentVersion changes { version kind statusAfter progress publicNote } }
  ... on MutationUpdateIssueProgressSuccess { data { number version status progress } } } }`);
const TRANSFER = graphql(`mutation ($input: TransferIssueInput!) { transferIssue(input: $input) { __typename
  ... on Error { code } ... on IssueConflictError { currentVersion } ... on MutationTransferIssueSuccess { data { version } } } }`);
const BULK = graphql(`mutation ($csv: String!) { bulkUpdateIssues(csv: $csv) { __typename
  ... on CsvRejectedError { code rows { row column message } }
  ... on MutationBulkUpdateIssuesSuccess { data { updatedCount unchangedCount } } } }`);

const version = (id: number) => (site.app.db.$client.prepare('select version from issues where id = ?').get(id) as { version: number }).version;
const state = (id: number) => site.app.db.$client.prepare('select status, progress, version from issues where id = ?').get(id);
const energyIssue = (status: string) =>
  (
    site.app.db.$client
      .prepare(
        "select i.id from issues i join organizations o on o.id = i.responsible_organization_id where o.code = 'MIN-ENERGY' and i.status = ? order by i.id limit 1",
      )
      .get(status) as { id: number }
  ).id;

describe('versions through GraphQL', () => {
  it('moves the version on with every write and refuses a write based on an older one, changing nothing', async () => {
    const id = energyIssue('ASSIGNED');
    const v0 = version(id);
    const first = await site.app.gql(UPDATE, { input: { issueId: String(id), progress: 10, publicNote: 'Бірінші жазба', version: v0 } }, { token: energy });
    expect(first.data.updateIssueProgress).toMatchObject({ __typename: 'MutationUpdateIssueProgressSuccess', data: { version: v0 + 1, progress: 10 } });

    const before = tablesHash(site.app);
    const stale = await site.app.gql(UPDATE, { input: { issueId: String(id), progress: 20, version: v0 } }, { token: energy });
    expect(stale.data.updateIssueProgress).toEqual({
      __typename: 'IssueConflictError',
      code: 'issue/conflict',
      message: expect.stringContaining('changed since you loaded it'),
      expectedVersion: v0,
      currentVersion: v0 + 1,
      changes: [{ version: v0 + 1, kind: 'PROGRESS', statusAfter: 'ASSIGNED', progress: 10, publicNote: 'Бірінші жазба' }],
    });
    expect(tablesHash(site.app)).toBe(before);

    const staleTransfer = await site.app.gql(
      TRANSFER,
      { input: { issueId: String(id), toOrganizationCode: 'MIN-WATER-RESOURCES', reason: 'Бұл су ресурстарының ісі', version: v0 } },
      { token: energy },
    );
    expect(staleTransfer.data.transferIssue).toMatchObject({ __typename: 'IssueConflictError', code: 'issue/conflict', currentVersion: v0 + 1 });
    expect(tablesHash(site.app)).toBe(before);

    // Without a version the API writes as before (a client that does not keep versions).
    const blind = await site.app.gql(UPDATE, { input: { issueId: String(id), progress: 15 } }, { token: energy });
    expect(asType(blind.data.updateIssueProgress, 'MutationUpdateIssueProgressSuccess').data.version).toBe(v0 + 2);
  });
});

describe('the published open-data CSV uploaded again', () => {
  it('changes nothing and refuses the whole file: a problem disputed since stays REOPENED with no new history', async () => {
    // A problem RESOLVED in the published 2026-Q3 file, which its citizen then disputes (with the tracking code).
    const published = await (await site.get('/open-data/quarters/2026-Q3/bodies/MIN-ENERGY.csv')).text();
    const [header, ...rows] = parse(published, { bom: true }) as string[][];
    const cell = (row: string[], name: string) => row[header!.indexOf(name)]!;
    const id = energyIssue('RESOLVED');
    const row = rows.find((r) => Number(r[0]) === id)!;
    expect(row, `#${id} is in the published file`).toBeDefined();
    expect({ status: cell(row, 'status'), progress: cell(row, 'progress') }).toEqual({ status: 'RESOLVED', progress: '100' });
    const code = (site.app.db.$client.prepare('select tracking_code as c from issues where id = ?').get(id) as { c: string }).c;
    const disputed = await call(site.app, 'disputeResolution', { code, comment: 'Жарық әлі де сөнеді' });
    expect(disputed.typename, JSON.stringify(disputed)).toBe('MutationDisputeResolutionSuccess');
    // A dispute starts progress again from 0 (docs/workflows.md, "Reopening").
    expect(state(id)).toMatchObject({ status: 'REOPENED', progress: 0 });
    const live = state(id);

    const before = tablesHash(site.app);
    const res = await site.app.gql(BULK, { csv: published }, { token: energy });
    const outcome = res.data.bulkUpdateIssues;
    expectType(outcome, 'CsvRejectedError');
    // The row is refused for its basis (the updated_at it was published with), not applied over the dispute.
    const refused = outcome.rows.find((r) => r.message.includes(cell(row, 'updated_at')));
    expect(refused).toMatchObject({ row: rows.indexOf(row) + 2, column: 'updated_at', message: expect.stringContaining('conflict') });
    expect(tablesHash(site.app)).toBe(before);
    expect(state(id)).toEqual(live);
  });

  it('treats a row identical to the problem as a no-op (no history entry)', async () => {
    // A problem no other test here touches (the demo's resolved one was disputed above).
    const id = energyIssue('IN_PROGRESS');
    const row = site.app.db.$client.prepare('select status, progress, updated_at from issues where id = ?').get(id) as {
      status: string;
      progress: number;
      updated_at: string;
    };
    const header =
      'id,title,category,region_code,unit_code,organization_code,status,resolution_plan,due_date,progress,overdue,raised_at,updated_at,public_note,version';
    const before = tablesHash(site.app);
    // Identical, even on an old version: nothing to write, so nothing to conflict with.
    const res = await site.app.gql(BULK, { csv: `${header}\n${id},,,,,,${row.status},,,${row.progress},,,,,1\n` }, { token: energy });
    expect(res.data.bulkUpdateIssues).toEqual({ __typename: 'MutationBulkUpdateIssuesSuccess', data: { updatedCount: 0, unchangedCount: 1 } });
    expect(tablesHash(site.app)).toBe(before);
  });

  it('refuses a file based on an old version whole, even when its other rows are current', async () => {
    const a = energyIssue('ASSIGNED');
    const ids = site.app.db.$client
      .prepare(
        "select i.id from issues i join organizations o on o.id = i.responsible_organization_id where o.code = 'MIN-ENERGY' and i.status = 'ASSIGNED' order by i.id",
      )
      .all() as { id: number }[];
    const b = ids.find((r) => r.id !== a)!.id;
    const header =
      'id,title,category,region_code,unit_code,organization_code,status,resolution_plan,due_date,progress,overdue,raised_at,updated_at,public_note,version';
    const before = tablesHash(site.app);
    const csv = `${header}\n${a},,,,,,,,,33,,,,,${version(a) - 1}\n${b},,,,,,,,,44,,,,,${version(b)}\n`;
    const res = await site.app.gql(BULK, { csv }, { token: energy });
    expectType(res.data.bulkUpdateIssues, 'CsvRejectedError');
    expect(res.data.bulkUpdateIssues.rows).toEqual([{ row: 2, column: 'version', message: expect.stringContaining('conflict') }]);
    expect(tablesHash(site.app)).toBe(before);

    const noVersion = await site.app.gql(BULK, { csv: `${header}\n${b},,,,,,,,,44,,,,,\n` }, { token: energy });
    expect(asType(noVersion.data.bulkUpdateIssues, 'CsvRejectedError').rows).toEqual([{ row: 2, column: 'version', message: expect.any(String) }]);

    const current = await site.app.gql(BULK, { csv: `${header}\n${a},,,,,,,,,33,,,,,${version(a)}\n` }, { token: energy });
    expect(current.data.bulkUpdateIssues).toMatchObject({ data: { updatedCount: 1 } });
  });
});
