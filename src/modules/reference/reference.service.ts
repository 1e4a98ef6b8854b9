import type { OrganizationRow, ReferenceRepo, UnitRow } from './reference.repo.ts';

/** Administrative units and organisations by id, as they are at the start of a request. */
export interface ReferenceData {
  unit(id: number): UnitRow;
  organization(id: number): OrganizationRow;
  /** Every organisation, by code. */
  organizations(): readonly OrganizationRow[];
}

interface Loaded {
  version: number;
  units: Map<number, UnitRow>;
  organizations: Map<number, OrganizationRow>;
  organizationsByCode: OrganizationRow[];
}

/**
 * The reference data in memory. A list of 50 problems names 50 regions, units and bodies out of a
 * few hundred rows that change a few times a year; joining them into every list query (one JSON
 * subquery per row and relation) cost more than the list itself at a million problems. The rows
 * are read again whenever `reference_version` moved, which triggers make it do on every change to
 * either table, by this process or another: a renamed body shows under its new name on the next
 * request, as it would with a join.
 */
export function createReferenceService(repo: ReferenceRepo) {
  const load = (version: number): Loaded => {
    const organizations = repo.organizations();
    return {
      version,
      units: new Map(repo.units().map((u) => [u.id, u])),
      organizations: new Map(organizations.map((o) => [o.id, o])),
      organizationsByCode: organizations.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
    };
  };
  // Read at start, so that a request's statement count does not depend on being the first.
  let loaded: Loaded = load(repo.version());
  const fresh = (): Loaded => {
    const version = repo.version();
    if (loaded.version !== version) loaded = load(version);
    return loaded;
  };
  /** A row by id; a miss reads the tables again once (a row added in this very request), then fails loudly. */
  function find<Row>(pick: (l: Loaded) => Map<number, Row>, what: string, id: number, at: Loaded): Row {
    const row = pick(at).get(id) ?? pick(fresh()).get(id);
    if (row === undefined) throw new Error(`No ${what} has the id ${id}, which a foreign key promised.`);
    return row;
  }
  return {
    /** One version check (a microsecond); the tables are read only when they changed. */
    current(): ReferenceData {
      const at = fresh();
      return {
        unit: (id) => find((l) => l.units, 'administrative unit', id, at),
        organization: (id) => find((l) => l.organizations, 'organisation', id, at),
        organizations: () => at.organizationsByCode,
      };
    },
  };
}
export type ReferenceService = ReturnType<typeof createReferenceService>;
