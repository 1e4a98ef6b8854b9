import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Clock } from '../shared/clock.ts';
import { todayIn } from '../shared/clock.ts';
// The live index's "overdue" is judged against the capital's today: "now" is after March 2024,
// when every region's today is the same day.
import { NATIONAL_ZONE } from '../shared/time-zones.ts';
import { RuleViolationError } from '../shared/errors.ts';
import { SEARCH_INDEXES, SearchUnavailableError, type SearchIndex, type SearchIndexName } from './search.port.ts';
import type { SearchRepo } from './search.repo.ts';

// Keeping the indexes true. Every change goes through the outbox (search_outbox) and leaves it only
// once it reached the index that serves: if the engine is down the change waits, and the catch-up
// loop delivers it when the engine is back. Rebuilds go off to the side, record how far they got
// (so a crashed one resumes), and swap in atomically.

export interface SearchSyncOptions {
  /** How often the catch-up loop looks for undelivered work (ms); 0 disables the loop. */
  catchUpMs?: number;
  /** Sources up to this size are (re)indexed before a search answers; larger ones in the background. */
  inlineRebuildLimit?: number;
  batchSize?: number;
  onError?: (message: string, err: unknown) => void;
}

interface Deps extends SearchSyncOptions {
  engine: SearchIndex;
  repo: SearchRepo;
  clock: Clock;
  /** False once the database is closed: the loop stops instead of failing. */
  isOpen: () => boolean;
}

/** A rebuild whose heartbeat is older than this is considered crashed and may be resumed. */
const HEARTBEAT_STALE_MS = 60_000;

export class SearchRebuildBusyError extends RuleViolationError {
  constructor(index: string, heartbeatAt: string) {
    super('search/rebuild_running', `The ${index} index is being rebuilt by another process (last heartbeat ${heartbeatAt}); use --force if it crashed.`);
  }
}

export type RebuildProgress = (done: number, total: number) => void;

export interface RebuildOptions {
  /** Take over a rebuild whose process still looks alive (its heartbeat is recent). */
  force?: boolean;
  batchSize?: number;
  /** Told once the build started: whether it resumed an interrupted one, and from how many rows. */
  onStart?: (start: { resumed: boolean; done: number; total: number }) => void;
  onProgress?: RebuildProgress;
}

export function createSearchSync(deps: Deps) {
  const { engine, repo, clock } = deps;
  const batchSize = deps.batchSize ?? 1000;
  const inlineLimit = deps.inlineRebuildLimit ?? 50_000;
  const nowIso = () => clock.now().toISOString();
  const wallIso = () => new Date().toISOString();
  const report = (message: string, err: unknown) => deps.onError?.(message, err);
  /** A down engine is expected (the status says so, the outbox waits); anything else is reported. */
  const unlessUnavailable = (message: string) => (err: unknown) => {
    if (!(err instanceof SearchUnavailableError)) report(message, err);
  };
  /** Who holds a rebuild: another holder with a fresh heartbeat is still at work. */
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  let prepared: Promise<void> | null = null;
  const health = { available: true, lastError: null as string | null, lastErrorAt: null as string | null };
  let flushing: Promise<void> | null = null;
  let flushAgain = false;
  const rebuilding = new Map<SearchIndexName, Promise<void>>();
  const checkedInitial = new Set<SearchIndexName>();
  let timer: NodeJS.Timeout | null = null;

  /** Runs engine work, remembering whether the engine answered. */
  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      prepared ??= engine.prepare().catch((err) => {
        prepared = null;
        throw err;
      });
      await prepared;
      const result = await work();
      health.available = true;
      return result;
    } catch (err) {
      if (err instanceof SearchUnavailableError) {
        health.available = false;
        health.lastError = err.message;
        health.lastErrorAt = wallIso();
      }
      throw err;
    }
  }

  /** Delivers waiting changes to the live index. One drain at a time; a call during one asks for another. */
  function flush(): Promise<void> {
    if (flushing) {
      flushAgain = true;
      return flushing;
    }
    flushing = (async () => {
      do {
        flushAgain = false;
        await drain();
      } while (flushAgain);
    })().finally(() => (flushing = null));
    return flushing;
  }

  async function drain(): Promise<void> {
    let after = 0;
    for (;;) {
      const entries = repo.pending(after, 500);
      if (entries.length === 0) return;
      // While the live index is rebuilt, deliver to the serving index but keep the entries: the
      // rebuild may have read these problems before they changed, so they go again after the swap.
      const keep = repo.rebuild('live')?.startedAt != null;
      const ids = entries.map((e) => e.issueId);
      const documents = repo.liveDocuments(ids, todayIn(clock, NATIONAL_ZONE));
      const present = new Set(documents.map((d) => d.issueId));
      const gone = ids.filter((id) => !present.has(id)).map(String);
      await guarded(async () => {
        if (documents.length) await engine.upsert('live', documents);
        if (gone.length) await engine.delete('live', gone);
      });
      if (!keep) repo.acknowledge(entries);
      after = ids[ids.length - 1]!;
    }
  }

  async function runRebuild(index: SearchIndexName, options: RebuildOptions): Promise<void> {
    const { onProgress } = options;
    const size = options.batchSize ?? batchSize;
    const existing = repo.rebuild(index);
    if (existing?.startedAt && existing.heartbeatAt && existing.holder !== holder && !options.force) {
      const age = Date.now() - Date.parse(existing.heartbeatAt);
      if (age < HEARTBEAT_STALE_MS && age >= 0) throw new SearchRebuildBusyError(index, existing.heartbeatAt);
    }
    const wantResume = existing?.startedAt != null;
    repo.startRebuild(index, wallIso(), wantResume, holder);
    const build = await guarded(() => engine.startBuild(index, { resume: wantResume }));
    let cursor = build.resumed ? (existing?.cursor ?? 0) : 0;
    if (!build.resumed) repo.advanceRebuild(index, 0, wallIso());
    // Read before the source: a quarter published during the build leaves the mark behind, so the
    // next check builds again rather than believing the index complete.
    const mark = index === 'published' ? repo.publishedSourceMark() : 'built';
    const total = repo.sourceCount(index);
    let done = cursor > 0 ? repo.sourceCountUpTo(index, cursor) : 0;
    // A fresh live build reads every change already in the outbox: those entries are acknowledged
    // after the swap instead of each document being written a second time (a full regroup queues
    // most problems; delivering them again cost more than the rebuild). A resumed build does not:
    // an entry may have come after the interrupted process had read its problem.
    const coversOutbox = index === 'live' && !build.resumed;
    if (coversOutbox) repo.noteOutboxAtRebuild();
    options.onStart?.({ resumed: build.resumed, done, total });
    onProgress?.(done, total);
    for (;;) {
      const batch = repo.sourceBatch(index, cursor, size, todayIn(clock, NATIONAL_ZONE));
      if (batch.documents.length === 0) break;
      await guarded(() => build.add(batch.documents));
      cursor = batch.cursor;
      repo.advanceRebuild(index, cursor, wallIso());
      done += batch.documents.length;
      onProgress?.(done, total);
      await yieldToEventLoop();
    }
    await guarded(() => build.swap());
    repo.setBuiltMark(index, mark, nowIso());
    repo.finishRebuild(index);
    if (coversOutbox) repo.acknowledgeRebuilt();
    checkedInitial.add(index);
    if (index === 'live') await flush();
  }

  /** Rebuilds an index off to the side and swaps it in; resumes an interrupted rebuild. */
  function rebuild(index: SearchIndexName, options: RebuildOptions = {}): Promise<void> {
    const running = rebuilding.get(index);
    if (running) return running;
    const work = runRebuild(index, options).finally(() => rebuilding.delete(index));
    rebuilding.set(index, work);
    return work;
  }

  /** Why an index needs building now, if it does. */
  /** A rebuild asked for while the engine was down, or one whose process died. */
  function owed(index: SearchIndexName): string | null {
    const request = repo.rebuild(index);
    if (request && !request.startedAt) return 'requested';
    if (request?.heartbeatAt && Date.now() - Date.parse(request.heartbeatAt) >= HEARTBEAT_STALE_MS) return 'interrupted';
    return null;
  }

  async function staleness(index: SearchIndexName): Promise<string | null> {
    const due = owed(index);
    if (due) return due;
    const mark = repo.builtMark(index);
    if (index === 'published' && mark !== undefined && mark !== repo.publishedSourceMark()) return 'new quarter';
    if (checkedInitial.has(index)) return null;
    // Nothing to index yet (a database still being seeded): look again next time.
    if (repo.sourceCount(index) === 0) return null;
    if (mark === undefined) return 'never built';
    // The engine may have lost its data (a new Meilisearch server) while the database kept its mark.
    if ((await guarded(() => engine.count(index))) === 0) return 'empty';
    checkedInitial.add(index);
    return null;
  }

  /**
   * Before a search: brings the index up to date if it is behind. A small source is indexed before
   * the answer; a large one in the background while the previous index keeps answering.
   */
  async function ensureFresh(index: SearchIndexName): Promise<void> {
    // Read your writes: a change that is being delivered right now is waited for (a failed
    // delivery stays in the outbox and is not this search's error).
    if (index === 'live' && flushing) await flushing.catch(() => undefined);
    if (!(await staleness(index))) return;
    const work = rebuild(index);
    if (repo.sourceCount(index) <= inlineLimit) await work;
    else work.catch((err) => report(`rebuilding the ${index} search index failed`, err));
  }

  /**
   * One pass of the catch-up loop: rebuilds that are owed, then waiting changes. Never throws.
   * Indexes that are merely behind (never built, a new quarter) are brought up to date by the next
   * search that needs them, so an idle process does no indexing work.
   */
  async function catchUp(): Promise<void> {
    if (!deps.isOpen()) return stop();
    for (const index of SEARCH_INDEXES) {
      try {
        if (!rebuilding.has(index) && owed(index)) await rebuild(index);
      } catch (err) {
        if (!(err instanceof SearchUnavailableError || err instanceof SearchRebuildBusyError)) {
          report(`catching up the ${index} search index failed`, err);
        }
      }
    }
    if (!deps.isOpen()) return stop();
    // Nothing may be waiting, but the status should not say "down" once the engine is back.
    if (!health.available) await guarded(() => engine.count('live')).catch(unlessUnavailable('asking the search engine whether it is back failed'));
    if (repo.pendingCount() > 0) await flush().catch(unlessUnavailable('delivering changes to the search index failed'));
  }

  function start(): void {
    // Reconcile the engine's settings at start, not at the first search (a down engine retries later).
    void guarded(async () => undefined).catch(unlessUnavailable('preparing the search engine failed'));
    const every = deps.catchUpMs ?? 10_000;
    if (timer || every <= 0) return;
    timer = setInterval(() => void catchUp(), every);
    timer.unref();
  }
  function stop(): void {
    if (timer) clearInterval(timer);
    timer = null;
  }

  return {
    guarded,
    ensureFresh,
    rebuild,
    catchUp,
    start,
    stop,
    /**
     * Inside the transaction that writes problems: their outbox entries commit or roll back with the
     * write (the repository's statements run on the same connection, so they join the transaction).
     */
    issuesWritten(issueIds: number[]): void {
      if (issueIds.length > 0) repo.enqueue(issueIds, nowIso());
    },
    /** After a commit: deliver what waits in the outbox now, if the engine answers. */
    deliverChanges(): void {
      flush().catch(unlessUnavailable('delivering changes to the search index failed'));
    },
    /** After a quarter is published: rebuild the published index (later, if the engine is down). */
    quarterPublished(): Promise<void> {
      repo.requestRebuild('published', nowIso());
      return rebuild('published').catch((err) => {
        if (!(err instanceof SearchUnavailableError || err instanceof SearchRebuildBusyError)) {
          report('rebuilding the published search index failed', err);
        }
      });
    },
    flush,
    status() {
      return {
        backend: engine.backend,
        available: health.available,
        lastError: health.lastError,
        lastErrorAt: health.lastErrorAt,
        pendingChanges: repo.pendingCount(),
        rebuilding: SEARCH_INDEXES.filter((i) => rebuilding.has(i) || repo.rebuild(i) !== undefined),
      };
    },
  };
}
export type SearchSync = ReturnType<typeof createSearchSync>;
