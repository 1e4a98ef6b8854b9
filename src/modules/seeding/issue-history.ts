import type { issueAssignments, issueUpdates } from '../issues/issues.tables.ts';
import type { IssueEventKind, IssueLanguage, IssueStatus } from '../shared/enums.ts';
import { AUTO_CLOSE_NOTES, CONFIRM_NOTES, DECLINE_NOTES, DISPUTE_NOTES, ASSIGN_NOTES, type ByLanguage } from './demo-texts.ts';
import { addDays, addMinutes, DEMO_END_AT, DEMO_END_DATE, DEMO_TODAY, kzDate, kzTime, monthEnd, ms } from './demo-time.ts';
import type { Rng } from './random.ts';

// The life of one demo problem, from the meeting to its final status: the history rows
// (issue_updates), the chain of responsible bodies (issue_assignments) and the fields of the issue
// row that follow from them, all consistent with each other.

type Step = 'RECORDED' | 'ASSIGNED' | 'TRANSFERRED' | 'PROGRESS' | 'DECLINE' | 'RESOLVE' | 'DISPUTE' | 'CONFIRM';

export interface Hop {
  organizationId: number;
  /** The reason given when the problem was passed to this body (empty for the first). */
  reason: string | null;
}

export interface HistoryInput {
  status: IssueStatus;
  language: IssueLanguage;
  recordedAt: string;
  recorder: number;
  /** The bodies the problem goes through, in order; the last one ends up responsible. */
  route: Hop[];
  disputes: number;
  dueMonths: number;
  notes: ByLanguage;
  userFor: (orgId: number | null) => number | null;
}

export interface HistoryOutput {
  updates: Omit<typeof issueUpdates.$inferInsert, 'id' | 'issueId'>[];
  assignments: Omit<typeof issueAssignments.$inferInsert, 'id' | 'issueId'>[];
  status: IssueStatus;
  progress: number;
  dueDate: string | null;
  hasPlan: boolean;
  responsibleOrganizationId: number | null;
  transferCount: number;
  bouncedAt: string | null;
  disputeCount: number;
  resolvedAt: string | null;
  updatedAt: string;
}

const DAY_MINUTES = 24 * 60;

function planSteps(rng: Rng, input: HistoryInput): { step: Step; gapDays: number }[] {
  const { status } = input;
  const steps: { step: Step; gapDays: number }[] = [{ step: 'RECORDED', gapDays: 0 }];
  const add = (step: Step, min: number, max: number) => steps.push({ step, gapDays: min + rng.float() * (max - min) });
  if (status === 'NEW') return steps;
  add('ASSIGNED', 0.3, 7);
  for (let i = 1; i < input.route.length; i++) add('TRANSFERRED', 3, 20);
  if (status === 'ASSIGNED') return steps;
  if (status === 'DECLINED') {
    add('DECLINE', 10, 40);
    return steps;
  }
  const work = rng.between(1, 3);
  for (let i = 0; i < work; i++) add('PROGRESS', i === 0 ? 5 : 15, i === 0 ? 25 : 70);
  if (status === 'IN_PROGRESS' && input.disputes === 0) return steps;
  add('RESOLVE', 20, 90);
  for (let d = 1; d <= input.disputes; d++) {
    add('DISPUTE', 2, 20);
    if (d === input.disputes && status === 'REOPENED') return steps;
    for (let i = rng.between(1, 2); i > 0; i--) add('PROGRESS', 10, 40);
    if (d === input.disputes && status === 'IN_PROGRESS') return steps;
    add('RESOLVE', 15, 60);
  }
  if (status === 'CLOSED') add('CONFIRM', 2, 31);
  return steps;
}

/** Times for the steps: the nominal gaps, squeezed when they would run past the demo's end. */
function stepTimes(rng: Rng, recordedAt: string, gaps: number[]): string[] {
  const total = gaps.reduce((s, g) => s + g, 0);
  const available = (ms(DEMO_END_AT) - ms(recordedAt)) / 86_400_000;
  const scale = total > available * 0.9 ? (available * 0.9) / total : 1;
  const times: string[] = [];
  let previous = recordedAt;
  gaps.forEach((gap, i) => {
    if (i === 0) {
      times.push(recordedAt);
      return;
    }
    let at = addMinutes(previous, gap * scale * DAY_MINUTES);
    if (gap * scale >= 1) at = kzTime(kzDate(at), rng.between(9, 17), rng.between(0, 59));
    if (at <= previous) at = addMinutes(previous, rng.between(10, 90));
    if (at > DEMO_END_AT) at = addMinutes(previous, 1);
    times.push(at);
    previous = at;
  });
  return times;
}

const SETBACK = /перенес|приостановлен|расторгнут|неустойк|несостоявш|продолжены после|ауыстырыл|тоқтатыл|бұзыл|айыбы|өткізілмеді|жалғасады/iu;
const PERCENT = /(\d{1,3})\s*(%|пайыз)/u;

/** Progress notes split by what they say: ordinary steps (in list order) and setbacks. */
function classifyNotes(notes: readonly string[]): { steps: string[]; setbacks: string[]; done: string[] } {
  const done = notes.slice(-3);
  const rest = notes.slice(0, -3);
  return { steps: rest.filter((n) => !SETBACK.test(n)), setbacks: rest.filter((n) => SETBACK.test(n)), done };
}

/** A note that fits the progress reached; a note naming a percentage sets the progress to it. */
function progressNote(rng: Rng, steps: readonly string[], progress: number, floor: number): { note: string | null; progress: number } {
  for (let attempt = 0; attempt < 6; attempt++) {
    const index = Math.round((progress / 100) * (steps.length - 1)) + rng.between(-3, 3);
    const note = steps[Math.min(steps.length - 1, Math.max(0, index))];
    if (!note) break;
    const percent = PERCENT.exec(note);
    if (!percent) return { note, progress };
    const stated = Number(percent[1]);
    if (Math.abs(stated - progress) <= 15 && stated >= floor && stated <= 95) return { note, progress: stated };
  }
  return { note: steps.find((n) => !PERCENT.test(n)) ?? null, progress };
}

function round5(n: number): number {
  return Math.max(5, Math.min(95, Math.round(n / 5) * 5));
}

export function buildHistory(rng: Rng, input: HistoryInput): HistoryOutput {
  const lang = input.language;
  const { steps: stepNotes, setbacks, done: doneNotes } = classifyNotes(input.notes[lang]);
  const steps = planSteps(rng, input);
  const times = stepTimes(
    rng,
    input.recordedAt,
    steps.map((s) => s.gapDays),
  );
  const out: HistoryOutput = {
    updates: [],
    assignments: [],
    status: 'NEW',
    progress: 0,
    dueDate: null,
    hasPlan: false,
    responsibleOrganizationId: null,
    transferCount: 0,
    bouncedAt: null,
    disputeCount: 0,
    resolvedAt: null,
    updatedAt: input.recordedAt,
  };
  const pastHolders = new Set<number>();
  let hop = 0;
  let stepIndex = 0;
  const later = (kind: Step) => steps.slice(stepIndex + 1).filter((s) => s.step === kind).length;

  for (; stepIndex < steps.length; stepIndex++) {
    const { step } = steps[stepIndex] as { step: Step };
    const at = times[stepIndex] as string;
    const holder = out.responsibleOrganizationId;
    const before = out.status;
    const update = (
      kind: IssueEventKind,
      actor: 'ORGANIZATION' | 'CITIZEN' | 'SYSTEM',
      organizationId: number | null,
      statusAfter: IssueStatus,
      extra: { progress?: number | null; dueDateBefore?: string | null; dueDateAfter?: string | null; publicNote?: string | null } = {},
    ) => {
      out.updates.push({
        kind,
        actor,
        organizationId,
        statusBefore: kind === 'RECORDED' ? null : before,
        statusAfter,
        progress: extra.progress ?? null,
        dueDateBefore: extra.dueDateBefore ?? null,
        dueDateAfter: extra.dueDateAfter ?? null,
        publicNote: extra.publicNote ?? null,
        at,
        byUserId: actor === 'ORGANIZATION' ? input.userFor(organizationId) : null,
      });
      out.status = statusAfter;
      out.updatedAt = at;
    };
    switch (step) {
      case 'RECORDED':
        update('RECORDED', 'ORGANIZATION', input.recorder, 'NEW', { progress: 0 });
        break;
      case 'ASSIGNED': {
        const first = input.route[0] as Hop;
        const due = monthEnd(kzDate(at), input.dueMonths);
        out.assignments.push({
          organizationId: first.organizationId,
          fromOrganizationId: first.organizationId === input.recorder ? null : input.recorder,
          reason: null,
          assignedAt: at,
          endedAt: null,
          byUserId: input.userFor(input.recorder),
        });
        update('ASSIGNED', 'ORGANIZATION', input.recorder, 'ASSIGNED', { progress: 0, dueDateAfter: due, publicNote: rng.pick(ASSIGN_NOTES[lang]) });
        out.responsibleOrganizationId = first.organizationId;
        out.dueDate = due;
        pastHolders.add(first.organizationId);
        hop = 1;
        break;
      }
      case 'TRANSFERRED': {
        const next = input.route[hop++] as Hop;
        const current = out.assignments[out.assignments.length - 1];
        if (current) current.endedAt = at;
        out.assignments.push({
          organizationId: next.organizationId,
          fromOrganizationId: holder,
          reason: next.reason,
          assignedAt: at,
          endedAt: null,
          byUserId: input.userFor(holder),
        });
        update('TRANSFERRED', 'ORGANIZATION', holder, 'ASSIGNED', { progress: 0, publicNote: next.reason });
        if (pastHolders.has(next.organizationId)) out.bouncedAt = at;
        pastHolders.add(next.organizationId);
        out.responsibleOrganizationId = next.organizationId;
        out.transferCount++;
        break;
      }
      case 'DECLINE':
        update('PROGRESS', 'ORGANIZATION', holder, 'DECLINED', { progress: 0, publicNote: rng.pick(DECLINE_NOTES[lang]) });
        out.progress = 0;
        break;
      case 'PROGRESS': {
        const left = later('PROGRESS');
        const ceiling = later('RESOLVE') > 0 ? 95 : rng.between(40, 95);
        const progress = round5(out.progress + (ceiling - out.progress) / (left + 1) + rng.between(-5, 5));
        const date = kzDate(at);
        let dueAfter: string | null = null;
        if (out.dueDate && ((out.dueDate < date && rng.chance(0.6)) || rng.chance(0.12)))
          dueAfter = monthEnd(out.dueDate < date ? date : out.dueDate, rng.between(1, 5));
        const picked = dueAfter !== null && setbacks.length ? { note: rng.pick(setbacks), progress } : progressNote(rng, stepNotes, progress, out.progress);
        const reached = Math.max(picked.progress, out.progress);
        update('PROGRESS', 'ORGANIZATION', holder, 'IN_PROGRESS', {
          progress: reached,
          dueDateBefore: dueAfter ? out.dueDate : null,
          dueDateAfter: dueAfter,
          publicNote: picked.note,
        });
        out.progress = reached;
        if (dueAfter) out.dueDate = dueAfter;
        out.hasPlan = true;
        break;
      }
      case 'RESOLVE':
        update('PROGRESS', 'ORGANIZATION', holder, 'RESOLVED', {
          progress: 100,
          publicNote: rng.pick(out.disputeCount > 0 ? doneNotes.slice(-2) : doneNotes.slice(0, 2)),
        });
        out.progress = 100;
        out.resolvedAt = at;
        out.hasPlan = true;
        break;
      case 'DISPUTE': {
        const progress = round5(rng.between(50, 80));
        update('DISPUTED', 'CITIZEN', null, 'REOPENED', { progress, publicNote: rng.pick(DISPUTE_NOTES[lang]) });
        out.progress = progress;
        out.resolvedAt = null;
        out.disputeCount++;
        break;
      }
      case 'CONFIRM': {
        const byCitizen = rng.chance(0.7);
        update('CONFIRMED', byCitizen ? 'CITIZEN' : 'SYSTEM', null, 'CLOSED', {
          progress: 100,
          publicNote: rng.pick((byCitizen ? CONFIRM_NOTES : AUTO_CLOSE_NOTES)[lang]),
        });
        break;
      }
    }
  }
  // Most bodies working on an overdue problem have set a new deadline by now; some have not.
  if (out.status === 'IN_PROGRESS' && out.dueDate !== null && out.dueDate < DEMO_TODAY && rng.chance(0.65)) {
    const holder = out.responsibleOrganizationId;
    let at = kzTime(addDays(DEMO_END_DATE, -rng.between(3, 60)), rng.between(9, 17), rng.between(0, 59));
    if (at <= out.updatedAt) at = addMinutes(out.updatedAt, rng.between(60, 600));
    if (at > DEMO_END_AT) at = addMinutes(out.updatedAt, 1);
    const dueAfter = monthEnd(DEMO_TODAY, rng.between(1, 6));
    const progress = Math.min(95, out.progress + 5);
    out.updates.push({
      kind: 'PROGRESS',
      actor: 'ORGANIZATION',
      organizationId: holder,
      statusBefore: 'IN_PROGRESS',
      statusAfter: 'IN_PROGRESS',
      progress,
      dueDateBefore: out.dueDate,
      dueDateAfter: dueAfter,
      publicNote: setbacks.length ? rng.pick(setbacks) : null,
      at,
      byUserId: input.userFor(holder),
    });
    out.progress = progress;
    out.dueDate = dueAfter;
    out.updatedAt = at;
  }
  return out;
}
