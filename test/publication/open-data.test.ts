import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPEN_DATA_CSV_COLUMNS } from '../../src/modules/issues/issues.csv.ts';
import { createTestApp } from '../helpers/app.ts';
import { clearPublications, serveHttp } from './helpers.ts';
import { graphql } from '../helpers/graphql.ts';

const app = createTestApp({ seed: 'demo' });
const http = await serveHttp(app);

/** The documented hash, computed independently: sha256 of JSON with keys sorted at every level. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
const hashOf = (value: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(sortedKeys(value)))
    .digest('hex');

const atom = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link'].includes(name) });

let labels: string[];

beforeAll(async () => {
  clearPublications(app);
  const done = await app.services.publication.publishDue({ delayHours: 0 });
  expect(done.skipped).toBeNull();
  labels = (await app.gql(graphql('{ publications { label } }'))).data.publications.map((p: any) => p.label);
  expect(labels[0]).toBe('2026-Q3');
});

describe('open data downloads', () => {
  it('lists every publication and round with stable URLs', async () => {
    const res = await http.get('/open-data/index.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const index = await res.json();
    expect(index.publications.map((p: any) => p.label)).toEqual(labels);
    expect(index.publications[0].csv).toBe(`${http.base}/open-data/quarters/2026-Q3.csv`);
    expect(index.collectionRounds.map((r: any) => r.label)).toEqual(['2026-H2', '2026-H1', '2025-H2', '2025-H1']);
  });

  it('serves a quarter as RFC 4180 CSV in UTF-8 with a BOM and the bulk-update header, parsed back by csv-parse', async () => {
    const res = await http.get('/open-data/quarters/2026-Q3.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="jauap-2026-Q3.csv"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${[...OPEN_DATA_CSV_COLUMNS, 'group_id'].join(',')}`);
    // Records end with CRLF (line breaks inside quoted fields are data).
    const outsideQuotes = text.replace(/"(?:[^"]|"")*"/g, '');
    expect(outsideQuotes.endsWith('\r\n')).toBe(true);
    expect(/[^\r]\n/.test(outsideQuotes)).toBe(false);

    const records = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    const json = await (await http.get('/open-data/quarters/2026-Q3.json')).json();
    expect(records.length).toBe(json.itemCount);
    expect(Object.keys(records[0]!)).toEqual([...OPEN_DATA_CSV_COLUMNS, 'group_id']);
    records.forEach((row, i) => {
      const item = json.items[i];
      expect(row).toEqual({
        id: String(item.id),
        title: item.title,
        category: item.category,
        region_code: item.regionCode,
        unit_code: item.unitCode,
        organization_code: item.organizationCode,
        status: item.status,
        resolution_plan: item.resolutionPlan ?? '',
        due_date: item.dueDate ?? '',
        progress: String(item.progress),
        overdue: String(item.overdue),
        raised_at: item.raisedAt,
        updated_at: item.updatedAt,
        public_note: item.publicNote ?? '',
        group_id: item.groupId === null ? '' : String(item.groupId),
      });
    });
    // Kazakh letters and quoted commas survive the round trip.
    expect(records.some((r) => /[әғқңөұүһі]/.test(r.title!))).toBe(true);
    expect(records.some((r) => r.resolution_plan!.includes(','))).toBe(true);
  });

  it('serves the quarter as JSON whose hash anyone can recompute, with immutable caching by that hash', async () => {
    const res = await http.get('/open-data/quarters/2026-Q3.json');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const doc = await res.json();
    expect(res.headers.get('etag')).toBe(`"${doc.contentHash}"`);
    const gql = (await app.gql(graphql('{ publication(year: 2026, quarter: 3) { contentHash itemCount previous { label } bodies { total } } }'))).data
      .publication;
    expect(doc).toMatchObject({ label: '2026-Q3', periodEnd: '2026-09-30', previous: '2026-Q2', contentHash: gql!.contentHash, itemCount: gql!.itemCount });
    expect(hashOf({ year: doc.year, quarter: doc.quarter, periodEnd: doc.periodEnd, items: doc.items })).toBe(doc.contentHash);
    expect(doc.bodies.reduce((s: number, b: any) => s + b.total, 0)).toBe(doc.itemCount);

    for (const path of ['/open-data/quarters/2026-Q3.json', '/open-data/quarters/2026-Q3.csv']) {
      // A conditional GET (max-age=0 keeps fetch from adding "no-cache", which would force a 200).
      const again = await http.get(path, { 'if-none-match': `"${doc.contentHash}"`, 'cache-control': 'max-age=0' });
      expect(again.status).toBe(304);
    }
  });

  it('streams every download byte for byte as the whole-document implementation served it', async () => {
    // sha256 of each response body and of the bodies' stored figures. They were first recorded from
    // the implementation that built whole documents in memory, and the streamed, batched build
    // reproduced them byte for byte; when the reference data (more districts) and later the demo itself
    // (all 20 regions) changed, they were recorded again from the streamed build; and again when each
    // published problem gained its group (groupId, the CSV's group_id). A change of any byte fails here.
    const before: Record<string, string> = {
      '2026-Q3.csv': 'f0c3b774c95021923ccade7555ec9d6825369e4ff62616efc92824e16df6ea91',
      '2026-Q3.json': 'c12608102ffc6693918798294f1f91d9b3cf40d7a4654058aa6f977449f249ca',
      '2026-Q2.csv': '6cb63fa7875cf032115412a7128bd037bef9e78dfc1e081da6a718b8fe3078cc',
      '2026-Q2.json': 'd2a81e1efdd876ab95737a7a4d80eadc4ce0c3f001a63b8984a4045a6f425697',
      '2025-Q1.csv': '93e218c0db48fc6c6ab7929e1321ec9efcb84aa1b31ce0baaf422e0d800cd2aa',
      '2025-Q1.json': '52b2cf0eed473298b88cdffe43acf564af7ca056e54b84fecf2e86a336c463cd',
      '2026-Q3/bodies/AKIMAT-KZ-19.csv': 'c443233302db25a0be78ea747a435daf147e50bbc57877ff3e6d20d3769feb46',
      '2026-Q3/bodies/AKIMAT-KZ-19.json': '7d22d36300a4cd1ef9d1371e60f8475187b5f9e760dd25fefbec23181debf5ea',
    };
    const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
    const served: Record<string, string> = {};
    for (const file of Object.keys(before)) {
      const res = await http.get(`/open-data/quarters/${file}`);
      expect(res.status, file).toBe(200);
      served[file] = sha(Buffer.from(await res.arrayBuffer()));
    }
    expect(served).toEqual(before);
    const bodies = app.db.$client
      .prepare(
        `select p.year, p.quarter, o.code, b.content_hash, b.total, b.open, b.overdue, b.resolved, b.disputed, b.deadlines_moved, b.drift_days, b.changes
         from publication_bodies b join publications p on p.id = b.publication_id join organizations o on o.id = b.organization_id order by 1, 2, 3`,
      )
      .all();
    const hashes = (await app.gql(graphql('{ publications { label contentHash } }'))).data.publications;
    expect({
      bodies: sha(JSON.stringify(bodies)),
      '2026-Q3': hashes.find((p: any) => p.label === '2026-Q3')!.contentHash,
      '2025-Q4': hashes.find((p: any) => p.label === '2025-Q4')!.contentHash,
    }).toEqual({
      bodies: '9bcdcf3d7d317fb5f7f5553b1a30ea654c0389148645d378ecae2ae5dba92d3f',
      '2026-Q3': 'cf7cc6610898b6ad945d290ad4516b7c26ce10760e6416e31db40dc301c462ca',
      '2025-Q4': '51415bea58958d8a6d02464f07a8bc2033223d77808120088b92227848a8d6bc',
    });
  });

  it("answers 304 to a body's file whose hash the client has, before streaming anything", async () => {
    const first = await http.get('/open-data/quarters/2026-Q3/bodies/AKIMAT-KZ-19.csv');
    const etag = first.headers.get('etag')!;
    await first.arrayBuffer();
    const again = await http.get('/open-data/quarters/2026-Q3/bodies/AKIMAT-KZ-19.csv', { 'if-none-match': etag, 'cache-control': 'max-age=0' });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const stale = await http.get('/open-data/quarters/2026-Q3/bodies/AKIMAT-KZ-19.csv', { 'if-none-match': '"0000"', 'cache-control': 'max-age=0' });
    expect(stale.status).toBe(200);
  });

  it("serves each body's list, with its own hash and figures", async () => {
    const quarter = await (await http.get('/open-data/quarters/2026-Q3.json')).json();
    const energy = quarter.bodies.find((b: any) => b.organizationCode === 'MIN-ENERGY');
    const res = await http.get('/open-data/quarters/2026-Q3/bodies/MIN-ENERGY.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(res.headers.get('etag')).toBe(`"${energy.contentHash}"`);
    expect(doc.contentHash).toBe(energy.contentHash);
    expect(doc.items).toEqual(quarter.items.filter((i: any) => i.organizationCode === 'MIN-ENERGY'));
    expect(doc.figures.total).toBe(doc.items.length);
    expect(hashOf({ year: 2026, quarter: 3, periodEnd: '2026-09-30', organizationCode: 'MIN-ENERGY', items: doc.items })).toBe(doc.contentHash);
    const csv = parse(Buffer.from(await (await http.get('/open-data/quarters/2026-Q3/bodies/min-energy.csv')).arrayBuffer()), { bom: true, columns: true });
    expect(csv.map((r: any) => Number(r.id))).toEqual(doc.items.map((i: any) => i.id));
  });

  it('answers 404 for what was not published', async () => {
    for (const path of [
      '/open-data/quarters/2026-Q4.csv',
      '/open-data/quarters/2026-Q9.json',
      '/open-data/quarters/2026-Q3.xlsx',
      '/open-data/quarters/2026-Q3/bodies/NO-SUCH-BODY.json',
      '/open-data/quarters/2026-Q4/bodies/MIN-ENERGY.json',
      '/open-data/rounds/2027-H1.csv',
      '/feeds/bodies/NO-SUCH-BODY.atom',
    ]) {
      const res = await http.get(path);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toMatch(/not_found$/);
    }
  });

  it('serves each collection round as CSV and JSON', async () => {
    const doc = await (await http.get('/open-data/rounds/2026-H2.json')).json();
    expect(doc).toMatchObject({ label: '2026-H2', cutoffDate: '2026-08-15' });
    expect(doc.items.length).toBe(doc.itemCount);
    expect(hashOf({ year: 2026, half: 2, cutoffDate: '2026-08-15', items: doc.items })).toBe(doc.contentHash);
    const rows = parse(Buffer.from(await (await http.get('/open-data/rounds/2026-H2.csv')).arrayBuffer()), { bom: true, columns: true }) as any[];
    expect(Object.keys(rows[0])).toEqual([
      'id',
      'title',
      'text',
      'category',
      'region_code',
      'unit_code',
      'organization_code',
      'status',
      'due_date',
      'resolution_plan',
      'proposal',
      'raised_at',
    ]);
    expect(rows.map((r) => Number(r.id))).toEqual(doc.items.map((i: any) => i.id));
    expect(rows.every((r) => r.proposal.length > 0)).toBe(true);
  });
});

describe('Atom feeds', () => {
  it('publishes one entry per published quarter, newest first (RFC 4287, parsed back)', async () => {
    const res = await http.get('/feeds/publications.atom?lang=ru');
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed } = atom.parse(xml);
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('urn:jauap:feeds:publications');
    expect(feed.title).toBe('Jauap: квартальные публикации');
    expect(feed.author.name).toBe('Jauap');
    expect(feed.link.find((l: any) => l['@rel'] === 'self')['@href']).toBe(`${http.base}/feeds/publications.atom`);
    const publications = (await app.gql(graphql('{ publications { label publishedAt itemCount } }'))).data.publications;
    expect(feed.updated).toBe(publications[0]!.publishedAt);
    expect(feed.entry.map((e: any) => e.id)).toEqual(publications.map((p: any) => `urn:jauap:publication:${p.label}`));
    feed.entry.forEach((e: any, i: number) => {
      expect(e.updated).toBe(publications[i]!.publishedAt);
      expect(e.title['#text']).toContain(`${publications[i]!.label}: Проблемы ${publications[i]!.itemCount}`);
      expect(e.link[0]['@href']).toBe(`${http.base}/open-data/quarters/${publications[i]!.label}.json`);
      expect(e.content['@type']).toBe('html');
      expect(e.content['#text']).toContain(`/open-data/quarters/${publications[i]!.label}.csv`);
    });
  });

  it('publishes a feed per body with its figures and its changed problems', async () => {
    const xml = await (await http.get('/feeds/bodies/MIN-ENERGY.atom?lang=en')).text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed } = atom.parse(xml);
    expect(feed.id).toBe('urn:jauap:feeds:bodies:MIN-ENERGY');
    expect(feed.title).toBe('Jauap: Ministry of Energy of the Republic of Kazakhstan');
    const figures = (await app.gql(graphql('{ publishedBodyFigures(organizationCode: "MIN-ENERGY") { publication { label } total overdue } }'))).data
      .publishedBodyFigures;
    expect(feed.entry.length).toBe(figures.length);
    feed.entry.forEach((e: any, i: number) => {
      expect(e.id).toBe(`urn:jauap:publication:${figures[i]!.publication.label}:body:MIN-ENERGY`);
      expect(e.title['#text']).toBe(`${figures[i]!.publication.label}: Problems ${figures[i]!.total}, Overdue ${figures[i]!.overdue}`);
    });
    // The first quarter of a body lists its problems as new.
    expect(feed.entry.at(-1).content['#text']).toMatch(/New/);
  });
});
