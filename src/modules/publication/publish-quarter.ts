import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { bodyHash, canonicalJson, freezeItem, quarterHash, type CodeBook, type ItemsHash, type PublishedItem } from './freeze.ts';
import { figuresTally, type FiguresTally } from './figures.ts';
import { areaTally } from './area-figures.ts';
import { issueStateAt } from './snapshot.ts';
import { boundsByRegion, quarterEndedEverywhereUtc, quarterEndExclusiveUtc, quarterLabel, quarterLastDay, type Quarter } from './periods.ts';
import type { NewPublicationBody, NewPublicationItem, PublicationRow } from './publication.repo.ts';
import type { QuarterBuildRepo } from './quarter-build.repo.ts';
import type { Reference } from './source.repo.ts';

export type PublishPhase = 'discarding' | 'building' | 'finishing';
/** Called synchronously while the work runs, so a progress bar can follow it. */
export type ProgressListener = (phase: PublishPhase, done: number, total: number) => void;

/** Problems read, frozen and written per batch when throughput is all that matters (the CLI). */
export const PUBLISH_BATCH = 2_000;
const MIN_BATCH = 50;

export interface BuildOptions {
  onProgress?: ProgressListener;
  /** Called between batches: renews the job lock; throws when the lock was lost (the build stops). */
  heartbeat?: () => void;
  /**
   * In a server: the longest a batch may hold the event loop, in milliseconds. The batch size
   * follows the time the last batch took (a loaded machine gets smaller batches), so health
   * checks and pages are answered between two batches. Absent: fixed batches of PUBLISH_BATCH.
   */
  sliceMs?: number;
}

/** The next batch size: aimed at `sliceMs` from the last batch's pace, within [MIN_BATCH, PUBLISH_BATCH]. */
function nextBatchSize(current: number, tookMs: number, sliceMs: number | undefined): number {
  if (sliceMs === undefined) return PUBLISH_BATCH;
  const aimed = tookMs > 0 ? Math.floor((current * sliceMs) / tookMs) : current * 2;
  return Math.max(MIN_BATCH, Math.min(PUBLISH_BATCH, aimed, current * 2));
}

export function codeBook(ref: Reference): CodeBook {
  return {
    organization(id) {
      const code = ref.organizationCode.get(id);
      if (code === undefined) throw new Error(`organisation ${id} has no code`);
      return code;
    },
    unit(id) {
      const code = ref.unitCode.get(id);
      if (code === undefined) throw new Error(`unit ${id} has no code`);
      return code;
    },
  };
}

function toRow(item: PublishedItem, ids: { organizationId: number; regionId: number; unitId: number }): NewPublicationItem {
  const { id: issueId, regionCode: _r, unitCode: _u, organizationCode: _o, ...fields } = item;
  return { issueId, ...ids, ...fields };
}

/** One responsible body's running hash and figures while its list is built. */
interface BodyInProgress {
  code: string;
  hash: ItemsHash;
  tally: FiguresTally;
}

/** Deletes what an interrupted build left behind, a batch at a time (the lock is renewed meanwhile). */
async function discardBuilding(repo: QuarterBuildRepo, row: PublicationRow, options: BuildOptions): Promise<void> {
  let discarded = 0;
  for (let n = repo.discardItems(row.id, PUBLISH_BATCH); n > 0; n = repo.discardItems(row.id, PUBLISH_BATCH)) {
    discarded += n;
    options.onProgress?.('discarding', discarded, discarded);
    options.heartbeat?.();
    await yieldToEventLoop();
  }
  repo.deleteBuildingRow(row.id);
}

/**
 * Publishes quarter `q` in bounded memory: walks the problems raised before its end in id order,
 * a batch at a time (each batch with only its own history and its previous-quarter states),
 * freezes them with the same pure functions as ever, writes each batch into the quarter while it
 * is 'building' (invisible to every public read) and feeds the items, in id order, to the
 * quarter's hash and to their body's hash and figures. A final short transaction stores the
 * bodies and figures and flips the quarter to 'published'. A quarter left 'building' by a crashed
 * run is discarded and built again from the start (the hashes cannot be resumed half-way).
 * Yields to the event loop between batches, so a server publishing keeps answering.
 */
export async function publishQuarterNow(
  repo: QuarterBuildRepo,
  q: Quarter,
  now: () => string,
  options: BuildOptions = {},
): Promise<{ publication: PublicationRow; created: boolean }> {
  const existing = repo.findQuarterRow(q);
  if (existing?.status === 'published') return { publication: existing, created: false };
  if (existing) await discardBuilding(repo, existing, options);

  // Read up to the quarter's end in the last zone; each problem is frozen at its own region's end.
  const end = quarterEndedEverywhereUtc(q);
  const lastDay = quarterLastDay(q);
  const previous = repo.latestPublishedBefore(q);
  const reference = repo.loadReference();
  const codes = codeBook(reference);
  const endOf = boundsByRegion(reference.regionZone, (zone) => quarterEndExclusiveUtc(q, zone));
  const row = repo.startBuilding({
    year: q.year,
    quarter: q.quarter,
    periodEnd: lastDay,
    publishedAt: now(),
    contentHash: '',
    itemCount: 0,
    previousPublicationId: previous?.id ?? null,
  });

  // Counted only for a progress bar: on a million problems the count is a scan of its own.
  const total = options.onProgress ? repo.sources.countRaisedBefore(end) : 0;
  let batchSize = options.sliceMs === undefined ? PUBLISH_BATCH : MIN_BATCH;
  const hash = quarterHash(q.year, q.quarter, lastDay);
  const quarter = figuresTally();
  const bodies = new Map<number, BodyInProgress>();
  const areas = areaTally();
  let read = 0;
  options.onProgress?.('building', 0, total);
  for (let cursor = 0; ; ) {
    const started = performance.now();
    const batch = repo.sources.batchAfter(cursor, end, batchSize);
    if (batch.issues.length === 0) break;
    cursor = batch.issues[batch.issues.length - 1]!.id;
    const previousStates = previous
      ? repo.previousStatesOf(
          previous.id,
          batch.issues.map((i) => i.id),
        )
      : new Map();
    const rows: NewPublicationItem[] = [];
    for (const issue of batch.issues) {
      const state = issueStateAt(issue, batch.updatesByIssue.get(issue.id) ?? [], batch.assignmentsByIssue.get(issue.id) ?? [], endOf(issue.regionId));
      if (!state || state.organizationId === null) continue;
      const item = freezeItem(issue, state, codes, lastDay, previousStates.get(issue.id));
      const json = canonicalJson(item);
      hash.add(json);
      quarter.add(item);
      let body = bodies.get(state.organizationId);
      if (!body) {
        body = { code: item.organizationCode, hash: bodyHash(q.year, q.quarter, lastDay, item.organizationCode), tally: figuresTally() };
        bodies.set(state.organizationId, body);
      }
      body.hash.add(json);
      body.tally.add(item);
      areas.add(item, {
        regionId: issue.regionId,
        districtId: reference.unitDistrict.get(issue.unitId) ?? issue.regionId,
        organizationId: state.organizationId,
      });
      rows.push(toRow(item, { organizationId: state.organizationId, regionId: issue.regionId, unitId: issue.unitId }));
    }
    repo.insertItems(row.id, rows);
    batchSize = nextBatchSize(batchSize, performance.now() - started, options.sliceMs);
    read += batch.issues.length;
    options.onProgress?.('building', read, total);
    options.heartbeat?.();
    await yieldToEventLoop();
  }

  options.onProgress?.('finishing', 0, 1);
  const bodyRows = [...bodies.entries()].map(([organizationId, b]): NewPublicationBody => {
    const { total: count, open, overdue, resolved, disputed, deadlinesMoved, driftDays, changes } = b.tally.figures;
    return { organizationId, contentHash: b.hash.digest(), total: count, open, overdue, resolved, disputed, deadlinesMoved, driftDays, changes };
  });
  const published = repo.finish(row.id, previous?.id ?? null, q, {
    contentHash: hash.digest(),
    itemCount: quarter.figures.total,
    figures: quarter.quarter(),
    publishedAt: now(),
    bodies: bodyRows,
    areas: areas.rows(),
  });
  if (!published) {
    // Only a publisher that ignored the job lock can get here; the next run starts afresh.
    throw new Error(`the quarter before ${quarterLabel(q)} was published meanwhile, or this build was taken over; publish ${quarterLabel(q)} again`);
  }
  repo.refreshStatistics();
  options.onProgress?.('finishing', 1, 1);
  return { publication: published, created: true };
}
