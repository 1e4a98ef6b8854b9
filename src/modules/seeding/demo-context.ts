import type { IssueCategory, UnitKind } from '../shared/enums.ts';
import { akimatCode } from './akimat-names.ts';
import { allOrganizationCategories, allOrganizations, allUnits, type Tx } from './seeding.repo.ts';

// What the demo builders read from the reference data: the unit tree, akimats, and the central
// bodies per category. Built once from the database, so the demo also works on a database whose
// reference data was seeded by an earlier run.

export interface DemoUnit {
  id: number;
  code: string;
  kind: UnitKind;
  regionId: number;
  parent: DemoUnit | null;
  children: DemoUnit[];
  name: { kk: string; ru: string; en: string };
}

export interface DemoContext {
  unit(code: string): DemoUnit;
  /** The 20 regions (oblasts and cities of republican significance), ordered by code. */
  regions(): DemoUnit[];
  unitById(id: number): DemoUnit;
  region(unit: DemoUnit): DemoUnit;
  /** The akimat governing `unit`: its own, or the nearest one above it (villages have none). */
  akimatFor(unit: DemoUnit): number;
  orgId(code: string): number;
  orgCode(id: number): string;
  /** Central bodies (ministries, holdings, companies) listed for a category, ordered by code. */
  centralFor(category: IssueCategory): number[];
  isCentral(orgId: number): boolean;
  /** The demo user acting for an organisation, if there is one. */
  userFor(orgId: number | null): number | null;
  userByEmail(email: string): number;
}

export function loadDemoContext(tx: Tx, userIds: ReadonlyMap<string, { id: number; organizationId: number | null }>): DemoContext {
  const rows = allUnits(tx).sort((a, b) => a.id - b.id);
  const byId = new Map<number, DemoUnit>();
  const byCode = new Map<string, DemoUnit>();
  for (const r of rows) {
    const unit: DemoUnit = {
      id: r.id,
      code: r.code,
      kind: r.kind,
      regionId: r.regionId ?? r.id,
      parent: null,
      children: [],
      name: { kk: r.nameKk, ru: r.nameRu, en: r.nameEn },
    };
    byId.set(r.id, unit);
    byCode.set(r.code, unit);
  }
  for (const r of rows) {
    if (r.parentId === null) continue;
    const unit = byId.get(r.id) as DemoUnit;
    const parent = byId.get(r.parentId);
    if (!parent) throw new Error(`unit ${r.code} points at a missing parent ${r.parentId}`);
    unit.parent = parent;
    parent.children.push(unit);
  }
  for (const u of byId.values()) u.children.sort((a, b) => (a.code < b.code ? -1 : 1));

  const orgs = allOrganizations(tx);
  const orgByCode = new Map(orgs.map((o) => [o.code, o]));
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const central = new Map<IssueCategory, number[]>();
  for (const { organizationId, category } of allOrganizationCategories(tx)) {
    const org = orgById.get(organizationId);
    if (!org || org.kind === 'LOCAL_EXECUTIVE_BODY') continue;
    central.set(category, [...(central.get(category) ?? []), organizationId]);
  }
  for (const list of central.values()) list.sort((a, b) => ((orgById.get(a)?.code ?? '') < (orgById.get(b)?.code ?? '') ? -1 : 1));
  const userByOrg = new Map<number, number>();
  for (const u of userIds.values()) if (u.organizationId !== null) userByOrg.set(u.organizationId, u.id);

  const ctx: DemoContext = {
    unit(code) {
      const u = byCode.get(code);
      if (!u) throw new Error(`demo data needs unit ${code}, which is not in seeds/reference/geography.json`);
      return u;
    },
    regions() {
      return [...byId.values()].filter((u) => u.parent === null).sort((a, b) => (a.code < b.code ? -1 : 1));
    },
    unitById(id) {
      const u = byId.get(id);
      if (!u) throw new Error(`unknown unit id ${id}`);
      return u;
    },
    region(unit) {
      return ctx.unitById(unit.regionId);
    },
    akimatFor(unit) {
      for (let u: DemoUnit | null = unit; u; u = u.parent) {
        const org = orgByCode.get(akimatCode(u.code));
        if (org) return org.id;
      }
      throw new Error(`no akimat governs unit ${unit.code}`);
    },
    orgId(code) {
      const o = orgByCode.get(code);
      if (!o) throw new Error(`demo data needs organisation ${code}, which is not in the reference data`);
      return o.id;
    },
    orgCode(id) {
      return orgById.get(id)?.code ?? `#${id}`;
    },
    centralFor(category) {
      return central.get(category) ?? [];
    },
    isCentral(orgId) {
      const kind = orgById.get(orgId)?.kind;
      return kind !== undefined && kind !== 'LOCAL_EXECUTIVE_BODY';
    },
    userFor(orgId) {
      return orgId === null ? null : (userByOrg.get(orgId) ?? null);
    },
    userByEmail(email) {
      const u = userIds.get(email);
      if (!u) throw new Error(`demo user ${email} missing`);
      return u.id;
    },
  };
  return ctx;
}
