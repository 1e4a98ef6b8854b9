import type { IssueCategory, UnitKind } from '../shared/enums.ts';
import { akimatCode, akimatNames } from './akimat-names.ts';
import type { SeedFiles, UnitSeed } from './seed-files.ts';
import {
  allCoverageRules,
  allLegalActs,
  allOrganizationCategories,
  allOrganizations,
  allUnits,
  setUnitRegion,
  syncOrganizationCategories,
  upsertCoverageRule,
  upsertLegalAct,
  upsertOrganization,
  upsertUnit,
  type Tx,
} from './seeding.repo.ts';

// Reference data: the administrative units, the akimats generated from them, the central bodies and
// the coverage rules. Idempotent: rows are keyed by `code`; a row whose content is already what the
// files say is not written at all, a changed one is upserted, a new one inserted.

/** Unit kinds whose akim heads an akimat of their own (villages are governed by their okrug). */
export const AKIMAT_UNIT_KINDS: readonly UnitKind[] = ['OBLAST', 'CITY_REPUBLICAN', 'DISTRICT', 'CITY_OBLAST', 'CITY_DISTRICT', 'TOWN', 'RURAL_OKRUG'];

export const REFERENCE_TABLES = ['units', 'organizations', 'organization_categories', 'legal_acts', 'coverage_rules'] as const;
export type ReferenceTable = (typeof REFERENCE_TABLES)[number];
export interface ReferenceCounts {
  inserted: Record<ReferenceTable, number>;
  updated: Record<ReferenceTable, number>;
}

function sameContent(existing: object | undefined, row: object): boolean {
  if (!existing) return false;
  const current = existing as Record<string, unknown>;
  return Object.entries(row).every(([key, value]) => JSON.stringify(current[key] ?? null) === JSON.stringify(value ?? null));
}

function zero(): Record<ReferenceTable, number> {
  return { units: 0, organizations: 0, organization_categories: 0, legal_acts: 0, coverage_rules: 0 };
}

export function seedReference(tx: Tx, files: SeedFiles): ReferenceCounts {
  const counts: ReferenceCounts = { inserted: zero(), updated: zero() };
  const track = (table: ReferenceTable, existed: boolean) => counts[existed ? 'updated' : 'inserted'][table]++;

  // Units, top-down so that every parent id is known before its children.
  const unitsByCode = new Map(allUnits(tx).map((u) => [u.code, u]));
  const akimatUnits: { id: number; code: string; name: UnitSeed['name'] }[] = [];
  const visit = (unit: UnitSeed & { timeZone?: string }, parentId: number | null, regionId: number | null): void => {
    const existing = unitsByCode.get(unit.code);
    const row = {
      code: unit.code,
      kind: unit.kind,
      parentId,
      regionId: regionId ?? existing?.id ?? null,
      nameKk: unit.name.kk,
      nameRu: unit.name.ru,
      nameEn: unit.name.en,
      establishedOn: unit.establishedOn ?? null,
      timeZone: unit.timeZone ?? null,
    };
    let id: number;
    if (existing && sameContent(existing, row)) {
      id = existing.id;
    } else {
      id = upsertUnit(tx, row);
      track('units', existing !== undefined);
    }
    if (regionId === null && row.regionId !== id) setUnitRegion(tx, id, id);
    if (AKIMAT_UNIT_KINDS.includes(unit.kind)) akimatUnits.push({ id, code: unit.code, name: unit.name });
    for (const child of unit.units) visit(child, id, regionId ?? id);
  };
  for (const region of files.geography.regions) visit(region, null, null);

  // Organisations: one akimat per governed unit, then the central bodies with their categories.
  const orgsByCode = new Map(allOrganizations(tx).map((o) => [o.code, o]));
  const upsertOrg = (row: Parameters<typeof upsertOrganization>[1]): number => {
    const existing = orgsByCode.get(row.code);
    if (existing && sameContent(existing, row)) return existing.id;
    track('organizations', existing !== undefined);
    return upsertOrganization(tx, row);
  };
  for (const unit of akimatUnits) {
    const name = akimatNames(unit.name);
    upsertOrg({
      code: akimatCode(unit.code),
      kind: 'LOCAL_EXECUTIVE_BODY',
      unitId: unit.id,
      nameKk: name.kk,
      nameRu: name.ru,
      nameEn: name.en,
      shortNameKk: null,
      shortNameRu: null,
      shortNameEn: null,
      website: null,
    });
  }
  const categoriesByOrg = new Map<number, IssueCategory[]>();
  for (const { organizationId, category } of allOrganizationCategories(tx)) {
    categoriesByOrg.set(organizationId, [...(categoriesByOrg.get(organizationId) ?? []), category]);
  }
  for (const org of files.organizations.organizations) {
    const id = upsertOrg({
      code: org.code,
      kind: org.kind,
      unitId: null,
      nameKk: org.name.kk,
      nameRu: org.name.ru,
      nameEn: org.name.en,
      shortNameKk: org.shortName?.kk ?? null,
      shortNameRu: org.shortName?.ru ?? null,
      shortNameEn: org.shortName?.en ?? null,
      website: org.website ?? null,
    });
    const wanted = [...new Set(org.categories)];
    const synced = syncOrganizationCategories(tx, id, wanted, categoriesByOrg.get(id) ?? []);
    counts.inserted.organization_categories += synced.inserted;
    counts.updated.organization_categories += synced.deleted;
  }

  // The decree and its amendments, then the coverage rules that cite them.
  const actsByCode = new Map(allLegalActs(tx).map((a) => [a.code, a]));
  for (const act of files.coverageRules.acts) {
    const row = {
      code: act.code,
      titleKk: act.title.kk,
      titleRu: act.title.ru,
      titleEn: act.title.en,
      signedOn: act.signedOn,
      inForceFrom: act.inForceFrom,
      sourceTitle: act.source.title,
      sourceUrl: act.source.url,
    };
    const existing = actsByCode.get(act.code);
    if (existing && sameContent(existing, row)) continue;
    track('legal_acts', existing !== undefined);
    upsertLegalAct(tx, row);
  }
  const rulesByCode = new Map(allCoverageRules(tx).map((r) => [r.code, r]));
  for (const rule of files.coverageRules.rules) {
    const row = {
      code: rule.code,
      akimLevel: rule.akimLevel,
      visitedKinds: rule.visitedKinds,
      period: rule.period,
      minMeetings: rule.minMeetings,
      effectiveFrom: rule.effectiveFrom,
      effectiveTo: rule.effectiveTo,
      descriptionKk: rule.description.kk,
      descriptionRu: rule.description.ru,
      descriptionEn: rule.description.en,
      actCode: rule.act,
      sourceTitle: rule.source.title,
      sourceUrl: rule.source.url,
    };
    const existing = rulesByCode.get(rule.code);
    if (existing && sameContent(existing, row)) continue;
    track('coverage_rules', existing !== undefined);
    upsertCoverageRule(tx, row);
  }
  return counts;
}
