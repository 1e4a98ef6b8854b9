import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { KAZAKHSTAN_ZONES } from '../shared/time-zones.ts';
import { z } from 'zod';
import { renderTemplate } from './demo-template.ts';
import { AKIM_LEVELS, COVERAGE_PERIODS, ISSUE_CATEGORIES, ISSUE_LANGUAGES, ORGANIZATION_KINDS, REGION_KINDS, UNIT_KINDS } from '../shared/enums.ts';

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
/** Where a template reads right: urban (cities, city districts, towns), rural (villages, rural okrugs, districts) or any. */
export const TEMPLATE_SETTINGS = ['urban', 'rural', 'any'] as const;
export type TemplateSetting = (typeof TEMPLATE_SETTINGS)[number];
const topic = z.string().regex(/^[a-z][a-z-]*$/, 'must be lower-case words joined by dashes');
const problemsSchema = z.object({
  about: text.optional(),
  categories: z.partialRecord(
    z.enum(ISSUE_CATEGORIES),
    z.object({
      name: names,
      problems: z
        .array(
          z.object({
            lang: z.enum(ISSUE_LANGUAGES),
            setting: z.enum(TEMPLATE_SETTINGS),
            /** The line of seeds/demo/routing.json that says who answers for this problem. */
            topic,
            /** Only raised in these regions (a problem of a body that works only there). */
            regions: z.array(code).min(1).optional(),
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
  /** Closing sentences a citizen adds to a complaint (templates with slots, like the texts). */
  closings: byLanguage,
  transferReasons: byLanguage,
  meetingResults: byLanguage,
});
export type ProblemsSeed = z.infer<typeof problemsSchema>;

const routingSchema = z.object({
  about: text.optional(),
  routes: z
    .array(
      z.object({
        category: z.enum(ISSUE_CATEGORIES),
        topic,
        /** The akimat answers for it (the local executive body of the place). */
        akimat: z.boolean(),
        /** Republican bodies that answer for it or decide on it; `regions` limits one to where it works. */
        central: z.array(z.object({ body: code, regions: z.array(code).min(1).optional() })),
        /** Where this line comes from: the law or the body's charter. */
        source: text,
      }),
    )
    .min(1),
});
export type RoutingSeed = z.infer<typeof routingSchema>;
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

/** The folder of seed files (config JAUAP_SEEDS): `./seeds` from the working directory (npm scripts run at the root). */
export function seedsFolder(folder = 'seeds'): string {
  return resolve(folder);
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

export interface DemoFiles {
  problems: ProblemsSeed;
  routing: RoutingSeed;
}

/** The demo's templates and routing table, checked against each other: every template's topic has a route. */
export function loadDemoFiles(dir: string = seedsFolder()): DemoFiles {
  const problemsFile = resolve(dir, 'demo/problems.json');
  const problems = readSeedFile(problemsFile, problemsSchema);
  const routingFile = resolve(dir, 'demo/routing.json');
  const routing = readSeedFile(routingFile, routingSchema);
  const routes = new Map(routing.routes.map((r) => [`${r.category}/${r.topic}`, r]));
  if (routes.size !== routing.routes.length) throw new SeedFileError(`Seed file ${shown(routingFile)}: a category and topic appear twice`);
  for (const r of routing.routes) {
    if (!r.akimat && !r.central.some((c) => !c.regions))
      throw new SeedFileError(`Seed file ${shown(routingFile)}: route ${r.category}/${r.topic} leaves some regions with nobody to answer`);
  }
  for (const [category, entry] of Object.entries(problems.categories)) {
    for (const [i, p] of (entry?.problems ?? []).entries()) {
      const at = `categories.${category}.problems[${i}]`;
      if (!routes.has(`${category}/${p.topic}`))
        throw new SeedFileError(`Seed file ${shown(problemsFile)} at ${at}: topic ${p.topic} has no route in ${shown(routingFile)}`);
      try {
        renderTemplate(p.text, { place: 'X', street: () => 'Y', int: () => 0 });
      } catch (err) {
        throw new SeedFileError(`Seed file ${shown(problemsFile)} at ${at}.text: ${(err as Error).message}`);
      }
    }
  }
  for (const lang of ['kk', 'ru'] as const) {
    for (const [i, closing] of problems.closings[lang].entries()) {
      try {
        renderTemplate(closing, { place: 'X', street: () => 'Y', int: () => 0 });
      } catch (err) {
        throw new SeedFileError(`Seed file ${shown(problemsFile)} at closings.${lang}[${i}]: ${(err as Error).message}`);
      }
    }
  }
  return { problems, routing };
}
