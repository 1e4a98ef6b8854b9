import type Database from 'better-sqlite3';
import { REGION_POPULATION } from './regions.ts';

// Multiplies the demo's meetings and problems (with contacts, assignments and history) in SQL:
// every copy gets ids offset by a stride, a region drawn by population, a unit of that region, and
// all its times shifted back by the same number of days, so that a copy is as coherent as the
// demo record it came from (history after raising, assignments matching the responsible body).

const WEIGHT_SCALE = 20_000;

export interface MultiplyPlan {
  problems: number;
  meetings: number;
  seed: number;
  /** Copies are shifted back by up to the days between this date and the demo's first meeting. */
  from: string;
}

export interface MultiplyStep {
  /** Copies of problems written so far, out of `total`. */
  done: number;
  total: number;
}

/** A 32-bit mix (murmur3's finaliser) of small integers: stable across runs for one seed. */
export function mix(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h = Math.imul(h ^ (v | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const MASK60 = (1n << 60n) - 1n;

/**
 * A tracking code for a copied problem: an odd multiplier is a bijection modulo 2^60, so distinct
 * ids give distinct codes; the first symbol comes from the seed. (Bench data only: real codes are
 * random, and these are guessable from the id.)
 */
export function benchTrackingCode(id: number, seed: number): string {
  let x = (BigInt(id) * 0x9e3779b97f4a7c15n + BigInt(mix(seed, 7))) & MASK60;
  let code = '';
  for (let i = 0; i < 12; i++) {
    code = ALPHABET[Number(x & 31n)] + code;
    x >>= 5n;
  }
  return ALPHABET[mix(seed, 11) % 32] + code;
}

const shiftTs = (column: string, days = 'mm.shift') => `strftime('%Y-%m-%dT%H:%M:%fZ', ${column}, '-' || ${days} || ' days')`;
const shiftDate = (column: string) => `date(${column}, '-' || mm.shift || ' days')`;

function columns(sqlite: Database.Database, table: string): string[] {
  return (sqlite.prepare(`select name from pragma_table_xinfo('${table}') where hidden = 0`).all() as { name: string }[]).map((c) => c.name);
}

/** `insert into T (cols) select <expr per col>`: columns not named in `overrides` are copied as they are. */
function copyStatement(sqlite: Database.Database, table: string, overrides: Record<string, string>, from: string): string {
  const names = columns(sqlite, table);
  const exprs = names.map((n) => overrides[n] ?? `s.\`${n}\``);
  return `insert into \`${table}\` (${names.map((n) => `\`${n}\``).join(', ')}) select ${exprs.join(', ')} ${from}`;
}

export function createMultiplier(sqlite: Database.Database, plan: MultiplyPlan) {
  const stride = (table: string) => (sqlite.prepare(`select coalesce(max(id), 0) as n from ${table}`).get() as { n: number }).n;
  const count = (table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

  const strides = {
    issues: stride('issues'),
    meetings: stride('meetings'),
    updates: stride('issue_updates'),
    assignments: stride('issue_assignments'),
    broadcasts: stride('meeting_broadcasts'),
  };
  const originalProblems = count('issues');
  const originalMeetings = count('meetings');
  const extraProblems = Math.max(0, plan.problems - originalProblems);
  const problemCopies = Math.ceil(extraProblems / strides.issues);
  const meetingCopies = extraProblems === 0 ? 0 : Math.max(1, Math.round((plan.meetings - originalMeetings) / originalMeetings));

  function prepareHelpers(): void {
    const earliestSource = (sqlite.prepare('select min(planned_start_at) as t from meetings').get() as { t: string }).t;
    const span = Math.max(1, Math.floor((Date.parse(earliestSource) - Date.parse(plan.from)) / 86_400_000));

    for (const [table, source] of Object.entries({
      src_meetings: 'meetings',
      src_issues: 'issues',
      src_updates: 'issue_updates',
      src_assignments: 'issue_assignments',
      src_contacts: 'issue_contacts',
      src_broadcasts: 'meeting_broadcasts',
      src_audience: 'meeting_audience',
    })) {
      sqlite.exec(`drop table if exists temp.${table}; create temp table ${table} as select * from ${source} order by rowid`);
    }
    sqlite.exec(`create unique index temp.src_issues_id on src_issues(id)`);

    sqlite.exec(`drop table if exists temp.copies; create temp table copies (n integer primary key)`);
    sqlite
      .prepare(`insert into copies (n) with recursive c(n) as (select 1 union all select n + 1 from c where n < ?) select n from c`)
      .run(Math.max(problemCopies, meetingCopies, 1));

    // Regions with their cumulative population range, and each region's units numbered from 0.
    const regions = sqlite.prepare(`select id, code, kind from units where parent_id is null order by id`).all() as {
      id: number;
      code: string;
      kind: string;
    }[];
    const total = regions.reduce((s, r) => s + (REGION_POPULATION[r.code] ?? 500), 0);
    sqlite.exec(`drop table if exists temp.bench_regions; create temp table bench_regions (region_id integer primary key, lo integer, hi integer, level text)`);
    const insertRegion = sqlite.prepare('insert into bench_regions values (?, ?, ?, ?)');
    let lo = 0;
    regions.forEach((r, i) => {
      const hi = i === regions.length - 1 ? WEIGHT_SCALE : lo + Math.round(((REGION_POPULATION[r.code] ?? 500) / total) * WEIGHT_SCALE);
      insertRegion.run(r.id, lo, hi, r.kind === 'OBLAST' ? 'REGION' : 'CITY_REPUBLICAN');
      lo = hi;
    });
    sqlite.exec(`
      drop table if exists temp.bench_units;
      create temp table bench_units (region_id integer, idx integer, unit_id integer, primary key (region_id, idx)) without rowid;
      insert into bench_units select coalesce(region_id, id), row_number() over (partition by coalesce(region_id, id) order by id) - 1, id from units;`);

    // Akimats follow the copy: the region's akimat stays the region's, a district's becomes the new unit's.
    const unitAkimat = new Map<number, number>();
    const regionalAkimats = new Set<number>();
    for (const o of sqlite
      .prepare(`select o.id, o.unit_id, u.parent_id from organizations o join units u on u.id = o.unit_id where o.kind = 'LOCAL_EXECUTIVE_BODY'`)
      .all() as { id: number; unit_id: number; parent_id: number | null }[]) {
      unitAkimat.set(o.unit_id, o.id);
      if (o.parent_id === null) regionalAkimats.add(o.id);
    }
    const localOrgs = new Set(unitAkimat.values());
    sqlite.function('bench_org', { deterministic: true }, (org: unknown, unitId: unknown, regionId: unknown) => {
      if (org === null || !localOrgs.has(Number(org))) return org as number | null;
      const target = regionalAkimats.has(Number(org)) ? Number(regionId) : Number(unitId);
      return unitAkimat.get(target) ?? unitAkimat.get(Number(regionId)) ?? (org as number);
    });
    sqlite.function('bench_akimat', { deterministic: true }, (regionId: unknown) => unitAkimat.get(Number(regionId)) ?? null);
    sqlite.function('bench_mix', { deterministic: true }, (a: unknown, b: unknown, c: unknown) => mix(plan.seed, Number(a), Number(b), Number(c)));
    sqlite.function('bench_code', { deterministic: true }, (id: unknown) => benchTrackingCode(Number(id), plan.seed));

    // Where and when each copied meeting happens; its problems inherit both.
    sqlite.exec(`drop table if exists temp.meeting_map; create temp table meeting_map (
      mc integer, src_id integer, new_id integer, region_id integer, unit_id integer, level text, shift integer,
      primary key (mc, src_id)) without rowid`);
    sqlite
      .prepare(`insert into meeting_map
      with placed as (
        select c.n as mc, m.id as src_id, m.id + c.n * @stride as new_id, m.unit_id = m.region_id as at_region,
          bench_mix(c.n, m.id, 1) as h, bench_mix(c.n, m.id, 2) as h2, bench_mix(c.n, m.id, 3) as h3
        from copies c cross join src_meetings m where c.n <= @copies)
      select p.mc, p.src_id, p.new_id, r.region_id,
        case when p.at_region then r.region_id
          else (select u.unit_id from bench_units u where u.region_id = r.region_id
                and u.idx = p.h2 % (select count(*) from bench_units x where x.region_id = r.region_id)) end,
        r.level, p.h3 % @span
      from placed p join bench_regions r on p.h % ${WEIGHT_SCALE} >= r.lo and p.h % ${WEIGHT_SCALE} < r.hi`)
      .run({ stride: strides.meetings, copies: meetingCopies, span });
  }

  function writeMeetings(): number {
    const from = 'from meeting_map mm join src_meetings s on s.id = mm.src_id order by mm.new_id';
    sqlite.exec(
      copyStatement(
        sqlite,
        'meetings',
        {
          id: 'mm.new_id',
          unit_id: 'mm.unit_id',
          region_id: 'mm.region_id',
          akim_unit_id: 'mm.region_id',
          akim_level: 'mm.level',
          calendar_entry_id: 'null',
          visiting: 'mm.unit_id <> mm.region_id',
          planned_start_at: shiftTs('s.planned_start_at'),
          actual_start_at: shiftTs('s.actual_start_at'),
          actual_end_at: shiftTs('s.actual_end_at'),
          announced_at: shiftTs('s.announced_at'),
          results_published_at: shiftTs('s.results_published_at'),
          created_at: shiftTs('s.created_at'),
        },
        from,
      ),
    );
    sqlite.exec(
      copyStatement(
        sqlite,
        'meeting_broadcasts',
        { id: `s.id + mm.mc * ${strides.broadcasts}`, meeting_id: 'mm.new_id' },
        'from meeting_map mm join src_broadcasts s on s.meeting_id = mm.src_id',
      ),
    );
    sqlite.exec(copyStatement(sqlite, 'meeting_audience', { meeting_id: 'mm.new_id' }, 'from meeting_map mm join src_audience s on s.meeting_id = mm.src_id'));
    return count('meetings');
  }

  // One chunk of problem copies [first, last]: the copy n of problem i gets id i + n * stride and
  // the place and time of copy ((n - 1) mod meetingCopies) + 1 of its meeting.
  const copyJoin = (alias: string, issueColumn: string) => `
    from copies c cross join ${alias} s
    join src_issues si on si.id = s.${issueColumn}
    join meeting_map mm on mm.mc = ((c.n - 1) % ${Math.max(1, meetingCopies)}) + 1 and mm.src_id = si.meeting_id
    where c.n between @first and @last and (c.n - 1) * ${strides.issues} + s.${issueColumn} <= ${extraProblems}`;
  const newIssueId = (column: string) => `s.${column} + c.n * ${strides.issues}`;

  const problemStatements = () =>
    problemCopies === 0
      ? []
      : [
          copyStatement(
            sqlite,
            'issues',
            {
              id: newIssueId('id'),
              tracking_code: `bench_code(${newIssueId('id')})`,
              meeting_id: 'mm.new_id',
              unit_id: 'mm.unit_id',
              region_id: 'mm.region_id',
              due_date: shiftDate('s.due_date'),
              responsible_organization_id: 'bench_org(s.responsible_organization_id, mm.unit_id, mm.region_id)',
              recorded_by_organization_id: 'bench_akimat(mm.region_id)',
              bounced_at: shiftTs('s.bounced_at'),
              raised_at: shiftTs('s.raised_at'),
              resolved_at: shiftTs('s.resolved_at'),
              updated_at: shiftTs('s.updated_at'),
              created_at: shiftTs('s.created_at'),
            },
            copyJoin('src_issues', 'id'),
          ),
          copyStatement(sqlite, 'issue_contacts', { issue_id: newIssueId('issue_id') }, copyJoin('src_contacts', 'issue_id')),
          copyStatement(
            sqlite,
            'issue_assignments',
            {
              id: `s.id + c.n * ${strides.assignments}`,
              issue_id: newIssueId('issue_id'),
              organization_id: 'bench_org(s.organization_id, mm.unit_id, mm.region_id)',
              from_organization_id: 'bench_org(s.from_organization_id, mm.unit_id, mm.region_id)',
              assigned_at: shiftTs('s.assigned_at'),
              ended_at: shiftTs('s.ended_at'),
            },
            copyJoin('src_assignments', 'issue_id'),
          ),
          copyStatement(
            sqlite,
            'issue_updates',
            {
              id: `s.id + c.n * ${strides.updates}`,
              issue_id: newIssueId('issue_id'),
              organization_id: 'bench_org(s.organization_id, mm.unit_id, mm.region_id)',
              due_date_before: shiftDate('s.due_date_before'),
              due_date_after: shiftDate('s.due_date_after'),
              at: shiftTs('s.at'),
            },
            copyJoin('src_updates', 'issue_id'),
          ),
        ].map((text) => sqlite.prepare(text));
  let statements: Database.Statement[] | null = null;

  return {
    problemCopies,
    meetingCopies,
    prepareHelpers,
    writeMeetings,
    /** Writes copies [first, last] of every problem with its contact, assignments and history. */
    writeProblemCopies(first: number, last: number): void {
      statements ??= problemStatements();
      const list = statements;
      sqlite.transaction(() => list.forEach((s) => s.run({ first, last })))();
    },
    dropHelpers(): void {
      for (const t of [
        'src_meetings',
        'src_issues',
        'src_updates',
        'src_assignments',
        'src_contacts',
        'src_broadcasts',
        'src_audience',
        'copies',
        'bench_regions',
        'bench_units',
        'meeting_map',
      ]) {
        sqlite.exec(`drop table if exists temp.${t}`);
      }
    },
  };
}
