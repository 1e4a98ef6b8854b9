import { bodyContentHash, bodyFigures, canonicalJson, freezeItem, quarterContentHash, type CodeBook, type PublishedItem } from './freeze.ts';
import { issueStateAt } from './snapshot.ts';
import { quarterEndExclusiveUtc, quarterLabel, quarterLastDay, type Quarter } from './periods.ts';
import type { NewPublicationBody, NewPublicationItem, PublicationRepo, PublicationRow, QuarterRepo } from './publication.repo.ts';
import type { Reference, Sources } from './source.repo.ts';
import type { PreviousState } from './freeze.ts';

export type PublishPhase = 'reading' | 'freezing' | 'writing';
/** Called synchronously while the work runs, so a progress bar can follow it. */
export type ProgressListener = (phase: PublishPhase, done: number, total: number) => void;

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

interface QuarterSnapshot {
  sources: Sources;
  codes: CodeBook;
  previous: PublicationRow | undefined;
  previousStates: Map<number, PreviousState>;
}

interface BuiltQuarter {
  contentHash: string;
  items: NewPublicationItem[];
  bodies: NewPublicationBody[];
}

function toRow(item: PublishedItem, ids: { organizationId: number; regionId: number; unitId: number }): NewPublicationItem {
  return {
    issueId: item.id,
    ...ids,
    category: item.category,
    language: item.language,
    title: item.title,
    text: item.text,
    status: item.status,
    resolutionPlan: item.resolutionPlan,
    dueDate: item.dueDate,
    progress: item.progress,
    overdue: item.overdue,
    raisedAt: item.raisedAt,
    updatedAt: item.updatedAt,
    publicNote: item.publicNote,
    history: item.history,
    change: item.change,
    deadlineDriftDays: item.deadlineDriftDays,
    previousStatus: item.previousStatus,
    previousDueDate: item.previousDueDate,
  };
}

/** Every problem that had a responsible body at the quarter's end, as it stood then, with its changes. */
function buildQuarter(q: Quarter, snapshot: QuarterSnapshot, onProgress?: ProgressListener): BuiltQuarter {
  const end = quarterEndExclusiveUtc(q);
  const lastDay = quarterLastDay(q);
  const { sources, codes, previousStates } = snapshot;
  const items: NewPublicationItem[] = [];
  const jsons: string[] = [];
  const byBody = new Map<number, { items: PublishedItem[]; jsons: string[] }>();
  const total = sources.issues.length;
  sources.issues.forEach((issue, i) => {
    const state = issueStateAt(issue, sources.updatesByIssue.get(issue.id) ?? [], sources.assignmentsByIssue.get(issue.id) ?? [], end);
    if (state && state.organizationId !== null) {
      const item = freezeItem(issue, state, codes, lastDay, previousStates.get(issue.id));
      const json = canonicalJson(item);
      items.push(toRow(item, { organizationId: state.organizationId, regionId: issue.regionId, unitId: issue.unitId }));
      jsons.push(json);
      const body = byBody.get(state.organizationId) ?? { items: [], jsons: [] };
      body.items.push(item);
      body.jsons.push(json);
      byBody.set(state.organizationId, body);
    }
    if (i % 1000 === 999) onProgress?.('freezing', i + 1, total);
  });
  onProgress?.('freezing', total, total);
  const bodies = [...byBody.entries()].map(([organizationId, body]): NewPublicationBody => {
    const code = codes.organization(organizationId);
    const { organizationCode: _code, ...figures } = bodyFigures(code, body.items, bodyContentHash(q.year, q.quarter, lastDay, code, body.jsons));
    return { organizationId, ...figures };
  });
  return { contentHash: quarterContentHash(q.year, q.quarter, lastDay, jsons), items, bodies };
}

/**
 * Publishes quarter `q`: reads one consistent snapshot (a read transaction), builds the frozen
 * items outside any transaction, then writes the whole quarter in one IMMEDIATE transaction. The
 * publication row exists only if everything was written. Returns the existing row untouched when
 * the quarter is already published (idempotence).
 */
export function publishQuarterNow(
  repo: PublicationRepo,
  q: Quarter,
  publishedAt: string,
  onProgress?: ProgressListener,
): { publication: PublicationRow; created: boolean } {
  const existing = repo.findPublicationRow(q);
  if (existing) return { publication: existing, created: false };
  onProgress?.('reading', 0, 1);
  const snapshot = repo.reading((r: QuarterRepo): QuarterSnapshot => {
    const previous = r.latestPublicationBefore(q);
    return {
      sources: r.loadSources(quarterEndExclusiveUtc(q)),
      codes: codeBook(r.loadReference()),
      previous,
      previousStates: previous ? r.previousStates(previous.id) : new Map(),
    };
  });
  onProgress?.('reading', 1, 1);
  const built = buildQuarter(q, snapshot, onProgress);

  return repo.atomically((w) => {
    const again = w.findPublicationRow(q);
    if (again) return { publication: again, created: false };
    if ((w.latestPublicationBefore(q)?.id ?? null) !== (snapshot.previous?.id ?? null)) {
      // Only a publisher that ignored the job lock can get here; the next run starts afresh.
      throw new Error(`the quarter before ${quarterLabel(q)} was published meanwhile; publish ${quarterLabel(q)} again`);
    }
    const publication = w.insertPublication({
      year: q.year,
      quarter: q.quarter,
      periodEnd: quarterLastDay(q),
      publishedAt,
      contentHash: built.contentHash,
      itemCount: built.items.length,
      previousPublicationId: snapshot.previous?.id ?? null,
    });
    onProgress?.('writing', 0, built.items.length);
    w.insertItems(publication.id, built.items, (written) => onProgress?.('writing', written, built.items.length));
    w.insertBodies(publication.id, built.bodies);
    return { publication, created: true };
  });
}
