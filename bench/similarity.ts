// npm run bench:similarity [-- --stems FILE] [--caps 100,300,1000,Infinity] [--thresholds 0.40,0.45,0.50]
// How well the grouping's measure (src/modules/groups/groups.similarity.ts) tells the same problem
// from a different one, and whether that holds as the corpus grows: for each rarity cap and
// threshold, precision and recall on
//   (1) the demo: every pair of its problems of one category, "the same" when both come from one
//       template (same title), with the demo's stem counts;
//   (2) the hand-labelled pairs of test/groups/pairs.test.ts with the demo's stem counts;
//   (3) the labelled pairs with the stem counts of a large corpus: the demo's counts × 1,500 with
//       N = 1,000,000 (what the generated million is, and what the test uses), and, with --stems,
//       the counts in FILE (the demo's pairs are scored with them too).
// FILE is a JSON array of { stem, problems } as `sqlite3 -json DB "select stem, problems from
// issue_group_stems"` writes it (the empty stem holds N), so a grouped database is only read.
// The cap in use is RARITY_CAP; Infinity is the uncapped idf, ln(1 + N / df).
// The demo is seeded into a temporary file. Writes bench/results/bench-similarity.json and prints
// a table.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { RARITY_CAP, similarity, type ComparedProblem, type StemStatistics } from '../src/modules/groups/groups.similarity.ts';
import { problemTerms } from '../src/modules/groups/groups.text.ts';
import { seedDatabase } from '../src/modules/seeding/seed.service.ts';
import type { IssueCategory, OrganizationKind } from '../src/modules/shared/enums.ts';
import { LABELLED_PAIRS } from '../test/groups/labelled-pairs.ts';
import { RESULTS_DIR, log, parseFlags, stringFlag } from './national/options.ts';

const USAGE = 'usage: npm run bench:similarity [-- --stems FILE] [--caps 100,300,1000,Infinity] [--thresholds 0.40,0.45,0.50]';
const flags = parseFlags(process.argv.slice(2), { stems: 'value', caps: 'value', thresholds: 'value' }, USAGE);

function numbers(name: string, fallback: string, valid: (n: number) => boolean): number[] {
  const list = stringFlag(flags, name, fallback).split(',').map(Number);
  if (!list.length || !list.every(valid)) throw new Error(`--${name} must be a comma-separated list of numbers (${USAGE})`);
  return list;
}
const caps = numbers('caps', `100,${RARITY_CAP},1000,Infinity`, (n) => n >= 1);
const thresholds = numbers('thresholds', '0.40,0.45,0.50', (n) => n > 0 && n <= 1);

/** Stem counts as the grouping keeps them (issue_group_stems): the empty stem counts all problems. */
type Counts = Map<string, number>;
const statsOf = (counts: Counts): StemStatistics => ({ problems: counts.get('') ?? 0, documentFrequency: (stem) => counts.get(stem) ?? 1 });

function readStems(file: string): Counts {
  const rows = JSON.parse(readFileSync(file, 'utf8')) as { stem: string; problems: number }[];
  const counts = new Map(rows.map((r) => [r.stem, r.problems]));
  if (!counts.get('')) throw new Error(`${file}: no row for the empty stem (the number of problems)`);
  return counts;
}

const dir = mkdtempSync(join(tmpdir(), 'jauap-bench-similarity-'));
const app = createApp(loadConfig({ DATABASE_PATH: join(dir, 'demo.db'), LOG_LEVEL: 'silent', SEED_DEMO: 'false', SEARCH_CATCH_UP_MS: '0' }), {
  logger: pino({ level: 'silent' }),
});
app.services.search.stopCatchUp();
log('seeding the demo into a temporary database');
await seedDatabase(app.db, { demo: true, progress: false });
const db = app.db.$client;
const rows = db
  .prepare(
    `select i.category, i.language, i.title, i.text, o.kind as bodyKind
     from issues i left join organizations o on o.id = i.responsible_organization_id order by i.id`,
  )
  .all() as { category: IssueCategory; language: 'kk' | 'ru'; title: string; text: string; bodyKind: OrganizationKind | null }[];
const demoCounts: Counts = new Map(
  (db.prepare('select stem, problems from issue_group_stems').all() as { stem: string; problems: number }[]).map((r) => [r.stem, r.problems]),
);
app.close();
rmSync(dir, { recursive: true, force: true });

const SCALE = 1_500;
const scaledCounts: Counts = new Map([...demoCounts].map(([stem, n]) => [stem, n * SCALE]));
scaledCounts.set('', 1_000_000);
const corpora: { name: string; counts: Counts }[] = [
  { name: `demo (${demoCounts.get('')} problems)`, counts: demoCounts },
  { name: `demo counts × ${SCALE}, N = 1,000,000`, counts: scaledCounts },
];
const stemsFile = stringFlag(flags, 'stems', '');
if (stemsFile) corpora.push({ name: `${stemsFile} (${readStems(stemsFile).get('')} problems)`, counts: readStems(stemsFile) });

const problems: (ComparedProblem & { title: string })[] = rows.map((r) => ({
  category: r.category,
  bodyKind: r.bodyKind,
  title: r.title,
  terms: problemTerms(r),
}));
const demoPairs: { a: ComparedProblem; b: ComparedProblem; same: boolean }[] = [];
for (let i = 0; i < problems.length; i++)
  for (let j = i + 1; j < problems.length; j++)
    if (problems[i]!.category === problems[j]!.category) demoPairs.push({ a: problems[i]!, b: problems[j]!, same: problems[i]!.title === problems[j]!.title });
// As groups.service compare() scores them: no bodies.
const labelled = LABELLED_PAIRS.map((p) => {
  const category = p.category as IssueCategory;
  return { a: { category, bodyKind: null, terms: problemTerms(p.a) }, b: { category, bodyKind: null, terms: problemTerms(p.b) }, same: p.same };
});

function score(pairs: typeof demoPairs, counts: Counts, cap: number) {
  const stats = statsOf(counts);
  const scored = pairs.map((p) => ({ score: similarity(p.a, p.b, stats, cap), same: p.same }));
  const at = thresholds.map((threshold) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const { score, same } of scored) {
      if (score >= threshold && same) tp++;
      else if (score >= threshold) fp++;
      else if (same) fn++;
    }
    const round = (x: number) => Number(x.toFixed(3));
    return { threshold, precision: round(tp + fp ? tp / (tp + fp) : 1), recall: round(tp / (tp + fn)), falsePositives: fp };
  });
  const highestDifferent = Math.max(0, ...scored.filter((s) => !s.same).map((s) => s.score));
  return { pairs: pairs.length, same: pairs.filter((p) => p.same).length, highestDifferent: Number(highestDifferent.toFixed(3)), at };
}

log(`scoring ${demoPairs.length} demo pairs and ${labelled.length} labelled pairs`);
const results = caps.map((cap) => ({
  cap: Number.isFinite(cap) ? cap : 'Infinity (uncapped)',
  demo: score(demoPairs, demoCounts, cap),
  labelled: corpora.map((c) => ({ corpus: c.name, ...score(labelled, c.counts, cap) })),
  demoWithOtherCounts: corpora.slice(2).map((c) => ({ corpus: c.name, ...score(demoPairs, c.counts, cap) })),
}));

const result = { benchmark: 'similarity', at: new Date().toISOString(), rarityCapInUse: RARITY_CAP, corpora: corpora.map((c) => c.name), results };
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, 'bench-similarity.json'), `${JSON.stringify(result, null, 2)}\n`);

// One line per cap and threshold: precision/recall on (1) the demo, then the labelled pairs with each corpus's counts.
const pr = (s: { precision: number; recall: number }) => `${s.precision.toFixed(3)} / ${s.recall.toFixed(3)}`;
const header = ['cap', 'threshold', 'demo pairs', ...corpora.map((c) => `labelled, ${c.name}`), ...corpora.slice(2).map((c) => `demo pairs, ${c.name}`)];
const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`];
for (const r of results)
  thresholds.forEach((threshold, t) => {
    const cells = [
      String(r.cap),
      threshold.toFixed(2),
      pr(r.demo.at[t]!),
      ...r.labelled.map((l) => pr(l.at[t]!)),
      ...r.demoWithOtherCounts.map((d) => pr(d.at[t]!)),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  });
process.stdout.write(`${lines.join('\n')}\n`);
