import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { compliance, createCalendar, MUTATION_ERROR, mutate, signIn } from './helpers.ts';
import { graphql } from '../helpers/graphql.ts';

// Coverage rules are data with effective dates (seeds/reference/coverage-rules.json): the 2022
// wording until 31 December 2023, the amended rules from 1 January 2024. Each check evaluates the
// rule in force at the start of each period, and only for units that existed on that day.

const app = createTestApp({ seed: 'demo' });
const TEST_CLOCK = '2026-11-27T06:00:00.000Z';

const RULES_2022 = ['D826-2022-CITY-OBLAST', 'D826-2022-CITY-REPUBLICAN', 'D826-2022-DISTRICT', 'D826-2022-REGION', 'D826-2022-RURAL-OKRUG', 'D826-2022-TOWN'];
const RULES_2024 = RULES_2022.map((c) => c.replace('2022', '2024'));

const countBy = (gaps: any[], key: (g: any) => string) => {
  const counts: Record<string, number> = {};
  for (const g of gaps) counts[key(g)] = (counts[key(g)] ?? 0) + 1;
  return counts;
};

describe('the rules in force on a date', () => {
  it('switches from the 2022 wording to the 2024 rules at midnight on 1 January 2024', async () => {
    const res = await app.gql(
      graphql(`{
      before: coverageRules(on: "2022-03-02") { code }
      first: coverageRules(on: "2022-03-03") { code }
      last: coverageRules(on: "2023-12-31") { code effectiveTo }
      next: coverageRules(on: "2024-01-01") { code effectiveTo period }
      all: coverageRules { code }
      district: coverageRules(on: "2026-05-01") { code akimLevel visitedKinds ownTerritory minMeetings en: description(lang: en) sourceTitle sourceUrl }
      city2022: coverageRules(on: "2023-06-01") { code akimLevel visitedKinds period sourceUrl }
    }`),
    );
    expect(res.errors).toBeUndefined();
    const codes = (list: any[]) => list.map((r) => r.code).sort();
    expect(res.data.before).toEqual([]);
    expect(codes(res.data.first)).toEqual(RULES_2022);
    expect(codes(res.data.last)).toEqual(RULES_2022);
    expect(res.data.last.every((r: any) => r.effectiveTo === '2024-01-01')).toBe(true);
    expect(codes(res.data.next)).toEqual(RULES_2024);
    expect(res.data.next.every((r: any) => r.effectiveTo === null)).toBe(true);
    expect(res.data.all).toHaveLength(12);
    // The audit's two defects: the capital and the cities of republican significance visited each
    // city district every quarter before 2024, and the cities of oblast significance had no rule.
    const city2022 = (code: string) => res.data.city2022.find((r: any) => r.code === code);
    expect(city2022('D826-2022-CITY-REPUBLICAN')).toMatchObject({ period: 'QUARTER', visitedKinds: ['CITY_DISTRICT'] });
    expect(city2022('D826-2022-CITY-OBLAST')).toMatchObject({
      akimLevel: 'CITY_OBLAST',
      period: 'QUARTER',
      visitedKinds: ['CITY_DISTRICT', 'TOWN', 'VILLAGE', 'RURAL_OKRUG'],
    });
    expect(res.data.district.find((r: any) => r.code === 'D826-2024-CITY-OBLAST')).toMatchObject({ akimLevel: 'CITY_OBLAST', ownTerritory: false });
    // Every rule cites the published copy its wording was checked against.
    for (const rule of [...res.data.district, ...res.data.city2022]) expect(rule.sourceUrl).toMatch(/^https?:\/\//);
    expect(res.data.district.find((r: any) => r.code === 'D826-2024-DISTRICT')).toMatchObject({
      akimLevel: 'DISTRICT',
      visitedKinds: ['VILLAGE', 'TOWN', 'RURAL_OKRUG'],
      ownTerritory: false,
      minMeetings: 1,
    });
    expect(res.data.district.find((r: any) => r.code === 'D826-2024-RURAL-OKRUG')).toMatchObject({ visitedKinds: ['VILLAGE'], ownTerritory: false });
  });
});

describe('each rule under each effective date (a region without a calendar: everything is a plan gap)', () => {
  // Almaty Region: 2 cities (Alatau only from 9 January 2024) and 9 districts under the region; 35
  // towns and rural okrugs under its two detailed districts (2 towns, 33 rural okrugs). An akim with
  // no unit of the named kinds in the reference data (7 districts, Qonaev, the towns, the okrugs
  // without villages) is held to meetings in their own unit. Astana: 5 city districts until
  // Saraishyk (27 August 2024); Nura from 1 December 2022.
  it('2023: the 2022 rules, half-yearly for the region akim and quarterly below', async () => {
    const kz19 = await compliance(app, 'KZ-19', 2023);
    expect(kz19.revision).toBeNull();
    expect(kz19.appliedRules.map((a: any) => [a.rule.code, a.periods.map((p: any) => p.label).join(',')]).sort()).toEqual([
      ['D826-2022-CITY-OBLAST', '2023-Q1,2023-Q2,2023-Q3,2023-Q4'],
      ['D826-2022-DISTRICT', '2023-Q1,2023-Q2,2023-Q3,2023-Q4'],
      ['D826-2022-REGION', '2023-H1,2023-H2'],
      ['D826-2022-RURAL-OKRUG', '2023-Q1,2023-Q2,2023-Q3,2023-Q4'],
      ['D826-2022-TOWN', '2023-Q1,2023-Q2,2023-Q3,2023-Q4'],
    ]);
    expect(countBy(kz19.planGaps, (g) => g.rule.code)).toEqual({
      'D826-2022-REGION': 10 * 2,
      'D826-2022-CITY-OBLAST': 1 * 4,
      'D826-2022-DISTRICT': (35 + 7) * 4,
      'D826-2022-TOWN': 2 * 4,
      'D826-2022-RURAL-OKRUG': 33 * 4,
    });
    expect(kz19.planGaps.some((g: any) => g.visitedUnit.code === 'KZ-19-ALATAU' || g.akimUnit.code === 'KZ-19-ALATAU')).toBe(false);
    expect(
      countBy(
        kz19.planGaps.filter((g: any) => g.akimUnit.code === 'KZ-19-QONAEV'),
        (g) => g.visitedUnit.code,
      ),
    ).toEqual({ 'KZ-19-QONAEV': 4 });
    const kz71 = await compliance(app, 'KZ-71', 2023);
    expect(kz71.appliedRules.map((a: any) => a.rule.code)).toEqual(['D826-2022-CITY-REPUBLICAN']);
    expect(countBy(kz71.planGaps, (g) => g.period.label)).toEqual({ '2023-Q1': 5, '2023-Q2': 5, '2023-Q3': 5, '2023-Q4': 5 });
  });

  it('2024: the amended rules, yearly for the region and city akims and half-yearly below', async () => {
    const kz19 = await compliance(app, 'KZ-19', 2024);
    expect(kz19.appliedRules.map((a: any) => [a.rule.code, a.periods.map((p: any) => p.label).join(',')]).sort()).toEqual([
      ['D826-2024-CITY-OBLAST', '2024-H1,2024-H2'],
      ['D826-2024-DISTRICT', '2024-H1,2024-H2'],
      ['D826-2024-REGION', '2024'],
      ['D826-2024-RURAL-OKRUG', '2024-H1,2024-H2'],
      ['D826-2024-TOWN', '2024-H1,2024-H2'],
    ]);
    // Alatau (from 9 January 2024) owes and is owed the periods that began after: 2024-H2 only.
    expect(countBy(kz19.planGaps, (g) => g.rule.code)).toEqual({
      'D826-2024-REGION': 10,
      'D826-2024-CITY-OBLAST': 2 + 1,
      'D826-2024-DISTRICT': (35 + 7) * 2,
      'D826-2024-TOWN': 2 * 2,
      'D826-2024-RURAL-OKRUG': 33 * 2,
    });
    const kz71 = await compliance(app, 'KZ-71', 2024);
    expect(kz71.appliedRules.map((a: any) => a.rule.code)).toEqual(['D826-2024-CITY-REPUBLICAN']);
    expect(kz71.planGaps.map((g: any) => `${g.visitedUnit.code}@${g.period.label}`).sort()).toEqual(
      ['KZ-71-ALMATY', 'KZ-71-BAIKONYR', 'KZ-71-ESIL', 'KZ-71-NURA', 'KZ-71-SARYARKA'].map((c) => `${c}@2024`),
    );
    const kz71in2027 = await compliance(app, 'KZ-71', 2027);
    expect(kz71in2027.planGaps.map((g: any) => g.visitedUnit.code)).toContain('KZ-71-SARAISHYK');
  });

  it('2022-2023: Almaty city owes a visiting meeting in each of its 8 districts every quarter', async () => {
    const kz75 = await compliance(app, 'KZ-75', 2022);
    expect(kz75.appliedRules.map((a: any) => [a.rule.code, a.periods.map((p: any) => p.label).join(',')])).toEqual([
      ['D826-2022-CITY-REPUBLICAN', '2022-Q2,2022-Q3,2022-Q4'],
    ]);
    expect(countBy(kz75.heldGaps, (g) => g.period.label)).toEqual({ '2022-Q2': 8, '2022-Q3': 8, '2022-Q4': 8 });
    expect(kz75.heldGapCount).toBe(24);
  });

  it('a region created on 8 June 2022 owes nothing for the periods that began before', async () => {
    for (const region of ['KZ-10', 'KZ-33', 'KZ-62']) {
      const report = await compliance(app, region, 2022);
      const labels = new Set([...report.planGaps, ...report.heldGaps].map((g: any) => g.period.label));
      expect([...labels].sort(), region).toEqual(['2022-H2', '2022-Q3', '2022-Q4']);
    }
    const abai2023 = await compliance(app, 'KZ-10', 2023);
    expect(
      countBy(
        abai2023.planGaps.filter((g: any) => g.rule.code === 'D826-2022-REGION'),
        (g) => g.period.label,
      ),
    ).toEqual({
      // 8 districts and 2 cities; Makanshy and Zhanasemey exist from 1 January 2024.
      '2023-H1': 10,
      '2023-H2': 10,
    });
  });

  it('2022: only the periods that start after the decree (3 March 2022) are checked', async () => {
    const kz71 = await compliance(app, 'KZ-71', 2022);
    expect(kz71.appliedRules).toEqual([
      {
        rule: { code: 'D826-2022-CITY-REPUBLICAN', akimLevel: 'CITY_REPUBLICAN', period: 'QUARTER' },
        periods: [
          { label: '2022-Q2', from: '2022-04-01', to: '2022-06-30' },
          { label: '2022-Q3', from: '2022-07-01', to: '2022-09-30' },
          { label: '2022-Q4', from: '2022-10-01', to: '2022-12-31' },
        ],
      },
    ]);
    // Nura district exists from 1 December 2022: not owed a visit in 2022-Q4.
    expect(countBy(kz71.planGaps, (g) => g.period.label)).toEqual({ '2022-Q2': 4, '2022-Q3': 4, '2022-Q4': 4 });
    const kz19 = await compliance(app, 'KZ-19', 2022);
    expect(kz19.appliedRules.find((a: any) => a.rule.code === 'D826-2022-DISTRICT')!.periods.map((p: any) => p.label)).toEqual([
      '2022-Q2',
      '2022-Q3',
      '2022-Q4',
    ]);
  });

  it('answers null for an unknown region or a year before the decree', async () => {
    const res = await app.gql(
      graphql('{ a: coverageCompliance(regionCode: "KZ-00", year: 2026) { year } b: coverageCompliance(regionCode: "KZ-19", year: 2021) { year } }'),
    );
    expect(res.data).toEqual({ a: null, b: null });
  });
});

describe('a calendar crossing the 2024 rule change', () => {
  let admin: string;
  // The same plan in 2023 and 2024: the region akim visits every district and city once in March;
  // the Talgar district akim every town and okrug once in February; each Talgar town and okrug
  // akim meets their people once in February, Nura's in a window across the middle of the year.
  const plan = (year: number) => [
    ...['QONAEV', 'ALATAU', 'BALKHASH', 'ENBEKSHIKAZAKH', 'ILE', 'KARASAY', 'KEGEN', 'RAIYMBEK', 'TALGAR', 'UIGHUR', 'ZHAMBYL'].map((u) => ({
      akimUnitCode: 'KZ-19',
      visitedUnitCode: `KZ-19-${u}`,
      plannedFrom: `${year}-03-02`,
      plannedTo: `${year}-03-20`,
    })),
    ...['TALGAR', 'ALATAU', 'BELBULAK', 'BESAGASH', 'BESKAINAR', 'GULDALA', 'KAINAR', 'KENDALA', 'NURA', 'PANFILOV', 'TUZDYBASTAU'].flatMap((u) => [
      { akimUnitCode: 'KZ-19-TALGAR', visitedUnitCode: `KZ-19-TALGAR-${u}`, plannedFrom: `${year}-02-10` },
      u === 'NURA'
        ? { akimUnitCode: 'KZ-19-TALGAR-NURA', visitedUnitCode: 'KZ-19-TALGAR-NURA', plannedFrom: `${year}-06-25`, plannedTo: `${year}-07-05` }
        : { akimUnitCode: `KZ-19-TALGAR-${u}`, visitedUnitCode: `KZ-19-TALGAR-${u}`, plannedFrom: `${year}-02-12` },
    ]),
  ];

  beforeAll(async () => {
    app.clock.set(TEST_CLOCK);
    admin = await signIn(app, 'admin@jauap.demo');
    for (const year of [2023, 2024]) expect((await createCalendar(app, admin, 'KZ-19', year, plan(year))).data.status).toBe('DRAFT');
  });

  it('judges the 2023 calendar by the 2022 rules', async () => {
    const { planGaps, revision } = await compliance(app, 'KZ-19', 2023);
    expect(revision).toBe(1);
    const of = (akim: string) => planGaps.filter((g: any) => g.akimUnit.code === akim);
    expect(countBy(of('KZ-19'), (g) => `${g.rule.code} ${g.period.label}`)).toEqual({ 'D826-2022-REGION 2023-H2': 10 });
    expect(countBy(of('KZ-19-TALGAR'), (g) => g.period.label)).toEqual({ '2023-Q2': 11, '2023-Q3': 11, '2023-Q4': 11 });
    expect(of('KZ-19-ENBEKSHIKAZAKH')).toHaveLength(24 * 4);
    // An own-territory entry across June and July covers Q2 and Q3, not Q1 or Q4.
    expect(of('KZ-19-TALGAR-NURA').map((g: any) => g.period.label)).toEqual(['2023-Q1', '2023-Q4']);
    expect(of('KZ-19-TALGAR-TALGAR').map((g: any) => `${g.rule.code} ${g.period.label}`)).toEqual([
      'D826-2022-TOWN 2023-Q2',
      'D826-2022-TOWN 2023-Q3',
      'D826-2022-TOWN 2023-Q4',
    ]);
  });

  it('judges the same plan for 2024 by the 2024 rules', async () => {
    const { planGaps } = await compliance(app, 'KZ-19', 2024);
    const of = (akim: string) => planGaps.filter((g: any) => g.akimUnit.code === akim);
    expect(of('KZ-19')).toEqual([]);
    expect(countBy(of('KZ-19-TALGAR'), (g) => `${g.rule.code} ${g.period.label}`)).toEqual({ 'D826-2024-DISTRICT 2024-H2': 11 });
    expect(of('KZ-19-ENBEKSHIKAZAKH')).toHaveLength(24 * 2);
    expect(of('KZ-19-TALGAR-NURA')).toEqual([]);
    expect(of('KZ-19-TALGAR-TALGAR').map((g: any) => `${g.rule.code} ${g.period.label}`)).toEqual(['D826-2024-TOWN 2024-H2']);
  });
});

describe('the held check', () => {
  it('counts visiting meetings held in each period, final once the period is over', async () => {
    app.clock.set('2024-06-01T05:00:00.000Z');
    const admin = await signIn(app, 'admin@jauap.demo');
    const recorded = await mutate(
      app,
      admin,
      graphql(
        `mutation ($input: RecordMeetingInput!) { result: recordMeeting(input: $input) {
          __typename ...MutationError ... on MutationRecordMeetingSuccess { data { id status visiting kind } } } }`,
        [MUTATION_ERROR],
      ),
      {
        input: {
          unitCode: 'KZ-71-ESIL',
          akimUnitCode: 'KZ-71',
          startAt: '2024-05-10T05:00:00.000Z',
          durationMinutes: 120,
          kind: 'ON_DEMAND',
          onDemandReason: 'POPULATION_DEMAND',
        },
      },
    );
    expect(recorded.data).toMatchObject({ status: 'HELD', visiting: true, kind: 'ON_DEMAND' });
    const running = await compliance(app, 'KZ-71', 2024);
    expect(running.asOf).toBe('2024-06-01');
    expect(running.heldGaps.map((g: any) => [g.visitedUnit.code, g.periodEnded])).toEqual([
      ['KZ-71-ALMATY', false],
      ['KZ-71-BAIKONYR', false],
      ['KZ-71-NURA', false],
      ['KZ-71-SARYARKA', false],
    ]);
    expect(running.heldGapCount).toBe(0);
    app.clock.set('2025-01-10T05:00:00.000Z');
    const over = await compliance(app, 'KZ-71', 2024);
    expect(over.heldGapCount).toBe(4);
    expect(over.heldGaps.every((g: any) => g.periodEnded && g.found === 0 && g.required === 1)).toBe(true);
    app.clock.set(TEST_CLOCK);
  });
});
