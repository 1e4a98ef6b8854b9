import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { KAZAKHSTAN_ZONES } from '../shared/time-zones.ts';
import { z } from 'zod';
import {
  AKIM_LEVELS,
  COVERAGE_PERIODS,
  ISSUE_CATEGORIES,
  ISSUE_LANGUAGES,
  ORGANIZATION_KINDS,
  REGION_KINDS,
  UNIT_KINDS,
} from '../shared/enums.ts';

// The JSON files the seed reads, checked with zod so that a typo in a data file fails with the file
// and the path of the bad value instead of a constraint error deep in an insert.

export class SeedFileError extends Error {
  override name = 'SeedFileError';
}

const text = z.string().trim().min(1);
const names = z.object({ kk: text, ru: text, en: text });
const code = z.string().regex(/^[A-Z0-9][A-Z0-9-]*$/, 'must be upper-case letters, digits and dashes');
const isoDate = z.iso.date();

export interface UnitSeed {
  code: string;
  kind: (typeof UNIT_KINDS)[number];
  name: { kk: string; ru: string; en: string };
  /** Set for a unit created after the decree took effect: no obligations before that day. */
  establishedOn?: string | undefined;
  units: UnitSeed[];
}
const unitSchema: z.ZodType<UnitSeed, unknown> = z.lazy(() =>
  z.object({
    code,
    kind: z.enum(UNIT_KINDS).refine((k) => !(REGION_KINDS as readonly string[]).includes(k), 'a region cannot sit below another unit'),
    name: names,
    establishedOn: isoDate.optional(),
    units: z.array(unitSchema).default([]),
  }),
);

const geographySchema = z.object({
  regions: z
    .array(
      z.object({
        code,
        kind: z.enum(REGION_KINDS),
        capital: z.string().optional(),
        name: names,
        establishedOn: isoDate.optional(),
        /** The tz database zone of the region (docs/decree.md, "Time zones"). */
        timeZone: z.enum(KAZAKHSTAN_ZONES),
        units: z.array(unitSchema).default([]),
      }),
    )
    .min(1),
});
export type GeographySeed = z.infer<typeof geographySchema>;

const organizationsSchema = z.object({
  organizations: z.array(
    z.object({
      code,
      kind: z.enum(ORGANIZATION_KINDS).refine((k) => k !== 'LOCAL_EXECUTIVE_BODY', 'akimats are generated from the geography, not listed here'),
      name: names,
      shortName: names.optional(),
      website: z.url().nullish(),
      categories: z.array(z.enum(ISSUE_CATEGORIES)).default([]),
    }),
  ),
});
export type OrganizationsSeed = z.infer<typeof organizationsSchema>;

/** Where a rule's wording was checked: a published copy of the act, by title and address. */
const source = z.object({ title: text, url: z.url() });

const coverageRulesSchema = z.object({
  acts: z
    .array(
      z.object({
        code,
        title: names,
        signedOn: isoDate,
        inForceFrom: isoDate,
        source,
      }),
    )
    .min(1),
  rules: z
    .array(
      z
        .object({
          code,
          akimLevel: z.enum(AKIM_LEVELS),
          visitedKinds: z.array(z.enum(UNIT_KINDS)),
          period: z.enum(COVERAGE_PERIODS),
          minMeetings: z.int().min(1).default(1),
          effectiveFrom: isoDate,
          effectiveTo: isoDate.nullable().default(null),
          description: names,
          act: code,
          source,
        })
        .refine((r) => r.effectiveTo === null || r.effectiveTo > r.effectiveFrom, {
          message: 'effectiveTo must be after effectiveFrom',
          path: ['effectiveTo'],
        }),
    )
    .min(1),
});
export type CoverageRulesSeed = z.infer<typeof coverageRulesSchema>;

const byLanguage = z.object({ kk: z.array(text).min(1), ru: z.array(text).min(1) });
const problemsSchema = z.object({
  categories: z.partialRecord(
    z.enum(ISSUE_CATEGORIES),
    z.object({
      name: names,
      problems: z
        .array(
          z.object({
            lang: z.enum(ISSUE_LANGUAGES),
            title: text.max(200),
            text: text.max(4500),
            plan: text,
            proposal: text,
          }),
        )
        .min(1),
    }),
  ),
  notes: byLanguage,
  transferReasons: byLanguage,
  meetingResults: byLanguage,
});
export type ProblemsSeed = z.infer<typeof problemsSchema>;
export type ProblemTemplate = ProblemsSeed['categories'][keyof ProblemsSeed['categories']] & {};

/** `regions[3].units[0].name.kk` from a zod issue path. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(root)';
}

function duplicates(codes: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const c of codes) (seen.has(c) ? dup : seen).add(c);
  return [...dup];
}

/** The file as the person running the seed knows it: relative when under the working directory. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

function readSeedFile<T>(file: string, schema: z.ZodType<T, unknown>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    throw new SeedFileError(`Seed file ${shown(file)}: ${reason}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    throw new SeedFileError(`Seed file ${shown(file)} at ${formatPath(first?.path ?? [])}: ${first?.message ?? 'invalid'}${more}`);
  }
  return parsed.data;
}

export interface SeedFiles {
  geography: GeographySeed;
  organizations: OrganizationsSeed;
  coverageRules: CoverageRulesSeed;
}

/** The default folder of seed files: `./seeds` from the working directory (npm scripts run at the root). */
export function seedsFolder(): string {
  return resolve(process.env.JAUAP_SEEDS ?? 'seeds');
}

export function loadReferenceFiles(dir: string = seedsFolder()): SeedFiles {
  const geographyFile = resolve(dir, 'reference/geography.json');
  const geography = readSeedFile(geographyFile, geographySchema);
  const unitCodes: string[] = [];
  const walk = (u: { code: string; units: UnitSeed[] }): void => {
    unitCodes.push(u.code);
    u.units.forEach(walk);
  };
  geography.regions.forEach(walk);
  const dupUnits = duplicates(unitCodes);
  if (dupUnits.length) throw new SeedFileError(`Seed file ${shown(geographyFile)}: duplicate unit codes ${dupUnits.join(', ')}`);

  const organizationsFile = resolve(dir, 'reference/organizations.json');
  const organizations = readSeedFile(organizationsFile, organizationsSchema);
  const dupOrgs = duplicates(organizations.organizations.map((o) => o.code));
  if (dupOrgs.length) throw new SeedFileError(`Seed file ${shown(organizationsFile)}: duplicate organisation codes ${dupOrgs.join(', ')}`);

  const coverageFile = resolve(dir, 'reference/coverage-rules.json');
  const coverageRules = readSeedFile(coverageFile, coverageRulesSchema);
  const dupRules = duplicates(coverageRules.rules.map((r) => r.code));
  if (dupRules.length) throw new SeedFileError(`Seed file ${shown(coverageFile)}: duplicate rule codes ${dupRules.join(', ')}`);
  const actCodes = new Set(coverageRules.acts.map((a) => a.code));
  const unknownAct = coverageRules.rules.find((r) => !actCodes.has(r.act));
  if (unknownAct) throw new SeedFileError(`Seed file ${shown(coverageFile)}: rule ${unknownAct.code} names an unknown act ${unknownAct.act}`);
  return { geography, organizations, coverageRules };
}

export function loadProblemsFile(dir: string = seedsFolder()): ProblemsSeed {
  return readSeedFile(resolve(dir, 'demo/problems.json'), problemsSchema);
}
