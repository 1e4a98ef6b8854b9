import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { akimatNames, kazakhGenitive, russianGenitive } from '../../src/modules/seeding/akimat-names.ts';
import { seedDatabase, type SeedReport } from '../../src/modules/seeding/seed.service.ts';
import { all, allTableHashes, freshDatabase, one, rowCounts } from './seed-db.ts';

const SEEDS = resolve('seeds');

/** A copy of ./seeds in a temp folder, to feed the seed edited files. */
function seedsCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jauap-seeds-'));
  cpSync(SEEDS, dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('reference data', () => {
  const { db } = freshDatabase();
  let first: SeedReport;
  beforeAll(async () => {
    first = await seedDatabase(db, { demo: false });
  });

  it('loads the 20 regions as the tops of one hierarchy', () => {
    const regions = all<{ code: string; kind: string; parent_id: number | null; region_id: number; id: number }>(
      db,
      `select id, code, kind, parent_id, region_id from units where parent_id is null`,
    );
    expect(regions).toHaveLength(20);
    expect(
      regions
        .filter((r) => r.kind === 'CITY_REPUBLICAN')
        .map((r) => r.code)
        .sort(),
    ).toEqual(['KZ-71', 'KZ-75', 'KZ-79']);
    for (const r of regions) expect(r.region_id).toBe(r.id);
    // Every other unit points at a parent and at the region at the top of its branch.
    const bad = one<{ n: number }>(
      db,
      `
      with recursive up(id, top) as (
        select id, id from units where parent_id is null
        union all select u.id, up.top from units u join up on u.parent_id = up.id)
      select count(*) as n from units u join up on up.id = u.id where u.region_id is not up.top`,
    );
    expect(bad.n).toBe(0);
    expect(one<{ n: number }>(db, `select count(*) as n from units where parent_id is null and kind not in ('OBLAST', 'CITY_REPUBLICAN')`).n).toBe(0);
    expect(one<{ n: number }>(db, `select count(*) as n from units where kind = 'CITY_DISTRICT'`).n).toBeGreaterThanOrEqual(18);
  });

  it('creates one akimat per governed unit, named from the unit', () => {
    const governed = one<{ n: number }>(
      db,
      `select count(*) as n from units where kind in ('OBLAST','CITY_REPUBLICAN','DISTRICT','CITY_OBLAST','CITY_DISTRICT','TOWN','RURAL_OKRUG')`,
    ).n;
    const akimats = all<{ code: string; unit_code: string; name_kk: string; name_ru: string; name_en: string }>(
      db,
      `
      select o.code, u.code as unit_code, o.name_kk, o.name_ru, o.name_en from organizations o join units u on u.id = o.unit_id
      where o.kind = 'LOCAL_EXECUTIVE_BODY'`,
    );
    expect(akimats).toHaveLength(governed);
    for (const a of akimats) expect(a.code).toBe(`AKIMAT-${a.unit_code}`);
    expect(akimats.find((a) => a.code === 'AKIMAT-KZ-19')).toMatchObject({
      name_kk: 'Алматы облысының әкімдігі',
      name_ru: 'Акимат Алматинской области',
      name_en: 'Akimat of Almaty Region',
    });
    expect(akimats.find((a) => a.code === 'AKIMAT-KZ-19-ENBEKSHIKAZAKH-AVAT')?.name_ru).toBe('Акимат Аватского сельского округа');
    expect(
      one<{ n: number }>(db, `select count(*) as n from units u where kind = 'VILLAGE' and exists (select 1 from organizations o where o.unit_id = u.id)`).n,
    ).toBe(0);
  });

  it('loads the central bodies with their categories', () => {
    const kinds = Object.fromEntries(
      all<{ kind: string; n: number }>(db, `select kind, count(*) as n from organizations group by kind`).map((r) => [r.kind, r.n]),
    );
    const file = JSON.parse(readFileSync(join(SEEDS, 'reference/organizations.json'), 'utf8')) as { organizations: { kind: string; categories: string[] }[] };
    for (const kind of ['CENTRAL_EXECUTIVE_BODY', 'NATIONAL_HOLDING', 'NATIONAL_COMPANY', 'STATE_ENTERPRISE', 'STATE_CORPORATION', 'STATE_OWNED_COMPANY']) {
      expect(kinds[kind]).toBe(file.organizations.filter((o) => o.kind === kind).length);
      expect(kinds[kind]).toBeGreaterThan(0);
    }
    const pairs = file.organizations.reduce((s, o) => s + new Set(o.categories).size, 0);
    expect(one<{ n: number }>(db, `select count(*) as n from organization_categories`).n).toBe(pairs);
    expect(
      one<{ n: number }>(
        db,
        `select count(*) as n from organization_categories c join organizations o on o.id = c.organization_id where o.code = 'MIN-ENERGY' and c.category = 'GAS'`,
      ).n,
    ).toBe(1);
  });

  it('classifies each body as what it is, not as a national company', () => {
    const kinds = Object.fromEntries(
      all<{ code: string; kind: string }>(db, `select code, kind from organizations where code like 'CO-%'`).map((r) => [r.code, r.kind]),
    );
    expect(kinds).toMatchObject({
      'CO-KAZVODKHOZ': 'STATE_ENTERPRISE',
      'CO-GOV4C': 'STATE_CORPORATION',
      'CO-SHIF': 'STATE_OWNED_COMPANY',
      'CO-OTBASY-BANK': 'STATE_OWNED_COMPANY',
      'CO-KHC': 'STATE_OWNED_COMPANY',
      'CO-KTZ': 'NATIONAL_COMPANY',
      'CO-QAZAQGAZ': 'NATIONAL_COMPANY',
    });
  });

  it('covers all of Kazakhstan: every oblast has its districts and cities, every city its districts', () => {
    const byRegion = all<{ code: string; kind: string; n: number }>(
      db,
      `
      select r.code, u.kind, count(*) as n from units u join units r on r.id = u.parent_id
      where r.parent_id is null group by r.code, u.kind`,
    );
    const count = (region: string, kind: string) => byRegion.find((r) => r.code === region && r.kind === kind)?.n ?? 0;
    const oblasts = all<{ code: string }>(db, `select code from units where kind = 'OBLAST'`).map((r) => r.code);
    expect(oblasts).toHaveLength(17);
    for (const oblast of oblasts) {
      expect(count(oblast, 'DISTRICT'), oblast).toBeGreaterThanOrEqual(2);
      expect(count(oblast, 'CITY_OBLAST'), oblast).toBeGreaterThanOrEqual(1);
    }
    expect([count('KZ-71', 'CITY_DISTRICT'), count('KZ-75', 'CITY_DISTRICT'), count('KZ-79', 'CITY_DISTRICT')]).toEqual([6, 8, 5]);
    expect(one(db, `select name_kk, name_ru, name_en, established_on from units where code = 'KZ-71-SARAISHYK'`)).toEqual({
      name_kk: 'Сарайшық ауданы',
      name_ru: 'район Сарайшык',
      name_en: 'Saraishyk District',
      established_on: '2024-08-27',
    });
    expect(
      one<{ n: number }>(
        db,
        `select count(*) as n from units where kind in ('DISTRICT', 'CITY_OBLAST') and parent_id in (select id from units where kind = 'OBLAST')`,
      ).n,
    ).toBeGreaterThanOrEqual(200);
    // Every unit has a name in each language, and no two units of a region share a Russian name.
    expect(one<{ n: number }>(db, `select count(*) as n from units where trim(name_kk) = '' or trim(name_ru) = '' or trim(name_en) = ''`).n).toBe(0);
    expect(all(db, `select region_id, kind, name_ru from units group by region_id, kind, name_ru having count(*) > 1`)).toEqual([]);
  });

  it('keeps the codes the demo, the tests and people already use', () => {
    const codes = new Set(all<{ code: string }>(db, 'select code from units').map((r) => r.code));
    for (const code of [
      'KZ-19-TALGAR',
      'KZ-19-ENBEKSHIKAZAKH-TESKENSU',
      'KZ-19-QONAEV',
      'KZ-61-SAURAN-SHORNAK',
      'KZ-61-TURKISTAN',
      'KZ-71-NURA',
      'KZ-75-ZHETISU',
      'KZ-79-TURAN',
    ]) {
      expect(codes.has(code), code).toBe(true);
    }
  });

  it('dates the transitional facts: the decree in force, the regions of 8 June 2022', () => {
    expect(all(db, `select code, signed_on, in_force_from from legal_acts order by in_force_from`)).toEqual([
      { code: 'D826-2022', signed_on: '2022-03-03', in_force_from: '2022-03-03' },
      { code: 'D826-2023-AMENDMENT', signed_on: '2023-11-20', in_force_from: '2024-01-01' },
    ]);
    expect(all(db, `select code from units where parent_id is null and established_on = '2022-06-08' order by code`)).toEqual([
      { code: 'KZ-10' },
      { code: 'KZ-33' },
      { code: 'KZ-62' },
    ]);
    expect(one<{ n: number }>(db, `select count(*) as n from coverage_rules where source_url is null or source_title is null or act_code is null`).n).toBe(0);
  });

  it('writes the coverage rules of Decree No. 826, old and new', () => {
    const rules = all<{ code: string; akim_level: string; visited_kinds: string; period: string; effective_from: string; effective_to: string | null }>(
      db,
      `select code, akim_level, visited_kinds, period, effective_from, effective_to from coverage_rules order by code`,
    );
    expect(rules).toHaveLength(12);
    const rule = (code: string) => rules.find((r) => r.code === code);
    expect(rule('D826-2024-REGION')).toMatchObject({ period: 'YEAR', effective_from: '2024-01-01', effective_to: null });
    expect(JSON.parse(rule('D826-2024-REGION')?.visited_kinds ?? '')).toEqual(['DISTRICT', 'CITY_OBLAST']);
    expect(rule('D826-2024-DISTRICT')).toMatchObject({ period: 'HALF_YEAR' });
    expect(JSON.parse(rule('D826-2024-RURAL-OKRUG')?.visited_kinds ?? '')).toEqual(['VILLAGE']);
    expect(rule('D826-2022-CITY-OBLAST')).toMatchObject({ akim_level: 'CITY_OBLAST', period: 'QUARTER' });
    expect(rule('D826-2024-CITY-OBLAST')).toMatchObject({ akim_level: 'CITY_OBLAST', period: 'HALF_YEAR' });
    expect(rule('D826-2022-DISTRICT')).toMatchObject({ period: 'QUARTER', effective_from: '2022-03-03', effective_to: '2024-01-01' });
    expect(rule('D826-2022-CITY-REPUBLICAN')).toMatchObject({ period: 'QUARTER' });
  });

  it('reports what it inserted and that the demo was skipped', () => {
    expect(first.demoSkipped).toBe(true);
    expect(first.inserted.units).toBe(one<{ n: number }>(db, 'select count(*) as n from units').n);
    expect(first.inserted.coverage_rules).toBe(12);
    expect(first.inserted.legal_acts).toBe(2);
    expect(first.inserted.issues).toBe(0);
    expect(one<{ n: number }>(db, 'select count(*) as n from users').n).toBe(0);
  });

  it('is idempotent: a second run writes nothing and changes no row', async () => {
    const counts = rowCounts(db);
    const hashes = allTableHashes(db);
    const again = await seedDatabase(db, { demo: false });
    expect(Object.values(again.inserted).every((n) => n === 0)).toBe(true);
    expect(Object.values(again.updated).every((n) => n === 0)).toBe(true);
    expect(rowCounts(db)).toEqual(counts);
    expect(allTableHashes(db)).toEqual(hashes);
  });

  it('updates a row whose name was fixed in the file, keeping its id', async () => {
    const dir = seedsCopy();
    const file = join(dir, 'reference/geography.json');
    const geography = JSON.parse(readFileSync(file, 'utf8'));
    const before = one<{ id: number }>(db, `select id from units where code = 'KZ-10'`);
    geography.regions.find((r: { code: string }) => r.code === 'KZ-10').name.en = 'Abay Region';
    writeFileSync(file, JSON.stringify(geography));
    const report = await seedDatabase(db, { demo: false, seedsDir: dir });
    expect(report.updated.units).toBe(1);
    expect(report.updated.organizations).toBe(1);
    expect(one(db, `select id, name_en from units where code = 'KZ-10'`)).toEqual({ id: before.id, name_en: 'Abay Region' });
    expect(one(db, `select name_en from organizations where code = 'AKIMAT-KZ-10'`)).toEqual({ name_en: 'Akimat of Abay Region' });
    await seedDatabase(db, { demo: false }); // and back
    expect(one(db, `select name_en from units where code = 'KZ-10'`)).toEqual({ name_en: 'Abai Region' });
  });

  it('fails on bad data naming the file and the path, before writing anything', async () => {
    const dir = seedsCopy();
    const file = join(dir, 'reference/geography.json');
    const geography = JSON.parse(readFileSync(file, 'utf8'));
    geography.regions[3].units[0].kind = 'PROVINCE';
    geography.regions[0].name.en = 'Changed, but never written';
    writeFileSync(file, JSON.stringify(geography));
    const hashes = allTableHashes(db);
    await expect(seedDatabase(db, { demo: false, seedsDir: dir })).rejects.toThrow(/reference\/geography\.json at regions\[3\]\.units\[0\]\.kind/);
    expect(allTableHashes(db)).toEqual(hashes);

    cpSync(join(SEEDS, 'reference/geography.json'), file);
    writeFileSync(join(dir, 'reference/organizations.json'), '{ "organizations": [ ');
    await expect(seedDatabase(db, { demo: false, seedsDir: dir })).rejects.toThrow(/^Seed file \/.*reference\/organizations\.json: .*JSON/);
    expect(allTableHashes(db)).toEqual(hashes);
  });
});

describe('akimat names', () => {
  it('declines Kazakh names by the final sound and vowel harmony', () => {
    expect(kazakhGenitive('Алматы облысы')).toBe('Алматы облысының');
    expect(kazakhGenitive('Ават ауылдық округі')).toBe('Ават ауылдық округінің');
    expect(kazakhGenitive('Қазақстан')).toBe('Қазақстанның');
    expect(kazakhGenitive('Талғар')).toBe('Талғардың');
    expect(kazakhGenitive('Түркістан')).toBe('Түркістанның');
    expect(kazakhGenitive('Есік')).toBe('Есіктің');
  });

  it('declines Russian adjectives and head nouns, not the proper names after them', () => {
    expect(russianGenitive('Алматинская область')).toBe('Алматинской области');
    expect(russianGenitive('Западно-Казахстанская область')).toBe('Западно-Казахстанской области');
    expect(russianGenitive('область Абай')).toBe('области Абай');
    expect(russianGenitive('город Есик')).toBe('города Есик');
    expect(russianGenitive('Илийский район')).toBe('Илийского района');
    expect(russianGenitive('сельский округ Бабайкорган')).toBe('сельского округа Бабайкорган');
    expect(akimatNames({ kk: 'Астана қаласы', ru: 'город Астана', en: 'Astana City' })).toEqual({
      kk: 'Астана қаласының әкімдігі',
      ru: 'Акимат города Астана',
      en: 'Akimat of Astana City',
    });
  });
});
