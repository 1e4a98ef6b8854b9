import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { graphql } from '../helpers/graphql.ts';

// The reference geography as the API shows it: every region with its districts and cities.
const app = createTestApp({ seed: 'demo' });

describe('regions and their units over GraphQL', () => {
  it('lists districts or city districts for all 20 regions', async () => {
    const res = await app.gql(graphql('{ regions { code kind establishedOn units { code kind establishedOn } } }'));
    expect(res.errors).toBeUndefined();
    const regions = res.data.regions as { code: string; kind: string; establishedOn: string | null; units: { code: string; kind: string }[] }[];
    expect(regions).toHaveLength(20);
    for (const region of regions) {
      const wanted = region.kind === 'OBLAST' ? ['DISTRICT', 'CITY_OBLAST'] : ['CITY_DISTRICT'];
      for (const kind of wanted) expect(region.units.filter((u) => u.kind === kind).length, `${region.code} ${kind}`).toBeGreaterThan(0);
      for (const unit of region.units) expect(unit.code.startsWith(`${region.code}-`)).toBe(true);
    }
    const byCode = new Map(regions.map((r) => [r.code, r]));
    expect(byCode.get('KZ-10')!.establishedOn).toBe('2022-06-08');
    expect(byCode.get('KZ-19')!.establishedOn).toBeNull();
    expect(byCode.get('KZ-71')!.units.map((u) => u.code)).toEqual([
      'KZ-71-ALMATY',
      'KZ-71-BAIKONYR',
      'KZ-71-ESIL',
      'KZ-71-NURA',
      'KZ-71-SARAISHYK',
      'KZ-71-SARYARKA',
    ]);
  });

  it('names the new units in the three languages', async () => {
    const res = await app.gql(graphql('{ unit(code: "KZ-63-ULKEN-NARYN") { code establishedOn names { kk ru en } parent { code } } }'));
    expect(res.errors).toBeUndefined();
    expect(res.data.unit).toEqual({
      code: 'KZ-63-ULKEN-NARYN',
      establishedOn: '2024-01-01',
      names: { kk: 'Үлкен Нарын ауданы', ru: 'район Үлкен Нарын', en: 'Ulken Naryn District' },
      parent: { code: 'KZ-63' },
    });
  });
});
