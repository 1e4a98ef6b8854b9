import type { issueAssignments, issueContacts, issues, issueUpdates } from '../issues/issues.tables.ts';
import { newTrackingCode } from '../issues/tracking-code.ts';
import type { IssueCategory, IssueLanguage, IssueStatus } from '../shared/enums.ts';
import type { DemoContext, DemoUnit } from './demo-context.ts';
import type { MeetingPlan } from './demo-meetings.ts';
import { fakeIin, fakePerson, fakePhone } from './demo-people.ts';
import { placeName, TO_CENTRAL_REASONS } from './demo-texts.ts';
import { addMinutes, daysBetween, DEMO_END_AT, DEMO_TODAY, minIso } from './demo-time.ts';
import { buildHistory, type Hop } from './issue-history.ts';
import type { Rng } from './random.ts';
import type { ProblemsSeed } from './seed-files.ts';

// Problems raised at the held meetings, with their contacts, routes and histories.

export interface IssueRows {
  issues: (typeof issues.$inferInsert)[];
  contacts: (typeof issueContacts.$inferInsert)[];
  assignments: (typeof issueAssignments.$inferInsert)[];
  updates: (typeof issueUpdates.$inferInsert)[];
}
export interface FirstIssueIds {
  issues: number;
  assignments: number;
  updates: number;
}

/** Categories people raise most often at rural meetings weigh more. */
const CATEGORY_WEIGHT: Partial<Record<IssueCategory, number>> = { WATER_SUPPLY: 3, ROADS: 3, GAS: 2, HEATING: 2, ELECTRICITY: 2, SCHOOLS: 1.5, HEALTHCARE: 1.5 };
/** Units where texts about "the village of {place}" would read wrong. */
const URBAN_KINDS = ['CITY_DISTRICT', 'CITY_REPUBLICAN', 'CITY_OBLAST', 'TOWN'];
/** Central bodies with demo accounts get most of their categories' problems, so the demo shows them work. */
const PREFERRED_CENTRAL = ['MIN-ENERGY', 'MIN-WATER-RESOURCES'];

function statusWeights(ageDays: number, central: boolean): Partial<Record<IssueStatus, number>> {
  const w: Partial<Record<IssueStatus, number>> =
    ageDays < 15 ? { NEW: 60, ASSIGNED: 30, IN_PROGRESS: 10 }
    : ageDays < 60 ? { NEW: 8, ASSIGNED: 30, IN_PROGRESS: 50, RESOLVED: 8, DECLINED: 4 }
    : ageDays < 180 ? { NEW: 2, ASSIGNED: 12, IN_PROGRESS: 45, RESOLVED: 15, CLOSED: 12, REOPENED: 5, DECLINED: 7 }
    : ageDays < 365 ? { ASSIGNED: 5, IN_PROGRESS: 33, RESOLVED: 12, CLOSED: 32, REOPENED: 7, DECLINED: 9 }
    : { ASSIGNED: 2, IN_PROGRESS: 20, RESOLVED: 8, CLOSED: 52, REOPENED: 8, DECLINED: 10 };
  if (central) {
    for (const s of ['ASSIGNED', 'IN_PROGRESS'] as const) if (w[s]) w[s] *= 1.5;
    if (w.CLOSED) w.CLOSED *= 0.5;
  }
  return w;
}

export function buildIssues(ctx: DemoContext, rng: Rng, meetings: readonly MeetingPlan[], problems: ProblemsSeed, first: FirstIssueIds): IssueRows {
  const out: IssueRows = { issues: [], contacts: [], assignments: [], updates: [] };
  const codes = rng.fork('tracking-codes');
  const used = new Set<string>();
  const categories = Object.keys(problems.categories) as IssueCategory[];
  const categoryWeights = Object.fromEntries(categories.map((c) => [c, CATEGORY_WEIGHT[c] ?? 1])) as Record<IssueCategory, number>;
  let issueId = first.issues;
  let assignmentId = first.assignments;
  let updateId = first.updates;
  const reason = (language: IssueLanguage, index: number) => {
    const list = problems.transferReasons[language];
    return list[index % list.length] as string;
  };

  const pickCentral = (category: IssueCategory): number | null => {
    const candidates = ctx.centralFor(category);
    if (candidates.length === 0) return null;
    const preferred = candidates.filter((id) => PREFERRED_CENTRAL.includes(ctx.orgCode(id)));
    return preferred.length && rng.chance(0.6) ? rng.pick(preferred) : rng.pick(candidates);
  };
  /** The transfer reason that fits a hop to `to` (indices of problems.json transferReasons). */
  const reasonFor = (language: IssueLanguage, from: number, to: number, toUnit: DemoUnit | null): string => {
    if (ctx.isCentral(to)) {
      const code = ctx.orgCode(to);
      if (!ctx.isCentral(from)) return TO_CENTRAL_REASONS[language][0] as string;
      if (code === 'CO-KAZAVTOZHOL') return reason(language, 3);
      if (code === 'MIN-INTERNAL-AFFAIRS') return reason(language, 8);
      return reason(language, code.startsWith('CO-') || code.startsWith('HOLD-') ? rng.pick([4, 5]) : 6);
    }
    if (ctx.isCentral(from)) return reason(language, 0);
    return toUnit && toUnit.parent === null ? reason(language, rng.pick([2, 7])) : reason(language, 1);
  };

  const route = (language: IssueLanguage, meeting: MeetingPlan, category: IssueCategory, central: number | null): Hop[] => {
    const local = rng.chance(0.65) ? ctx.akimatFor(meeting.unit) : ctx.akimatFor(meeting.akimUnit);
    const regionAkimat = ctx.akimatFor(ctx.region(meeting.unit));
    const hops = (ids: number[], units: (DemoUnit | null)[] = []): Hop[] =>
      ids.map((id, i) => ({ organizationId: id, reason: i === 0 ? null : reasonFor(language, ids[i - 1] as number, id, units[i] ?? null) }));
    if (central !== null) {
      const roll = rng.float();
      if (roll < 0.04) return hops([central, regionAkimat, central]);
      if (roll < 0.1) return hops([regionAkimat, central], [ctx.region(meeting.unit)]);
      const others = ctx.centralFor(category).filter((id) => id !== central);
      if (roll < 0.14 && others.length) return hops([rng.pick(others), central]);
      return hops([central]);
    }
    const roll = rng.float();
    const somebody = pickCentral(category);
    if (roll < 0.03 && somebody !== null) return hops([local, somebody, local]);
    if (roll < 0.09) {
      const localUnit = [meeting.unit, meeting.akimUnit].find((u) => ctx.akimatFor(u) === local) ?? meeting.unit;
      const up = localUnit.parent;
      if (up) return hops([local, ctx.akimatFor(up)], [null, up]);
      const down = meeting.unit !== localUnit && ['DISTRICT', 'CITY_DISTRICT', 'CITY_OBLAST'].includes(meeting.unit.kind) ? meeting.unit : null;
      if (down) return hops([local, ctx.akimatFor(down)], [null, down]);
    }
    return hops([local]);
  };

  for (const meeting of meetings) {
    if (meeting.status !== 'HELD' || !meeting.actualStartAt || !meeting.actualEndAt) continue;
    const count = meeting.tier === 'TOP' ? rng.between(2, 4) : meeting.tier === 'ON_DEMAND' ? rng.between(2, 5) : Number(rng.weighted({ 0: 35, 1: 35, 2: 20, 3: 10 }));
    const region = ctx.region(meeting.unit);
    const urban = URBAN_KINDS.includes(meeting.unit.kind);
    const recorder = ctx.akimatFor(meeting.akimUnit);
    for (let n = 0; n < count; n++) {
      const language: IssueLanguage = rng.chance(['KZ-71', 'KZ-75'].includes(region.code) ? 0.4 : 0.6) ? 'kk' : 'ru';
      const category = rng.weighted(categoryWeights);
      const all = problems.categories[category]?.problems ?? [];
      const suitable = all.filter((p) => !(urban && p.text.includes('{place}')));
      const sameLanguage = suitable.filter((p) => p.lang === language);
      const template = rng.pick(sameLanguage.length ? sameLanguage : suitable.length ? suitable : all);
      const lang = template.lang;
      const central = rng.chance(0.16) ? pickCentral(category) : null;
      const recordedAt = minIso(addMinutes(meeting.actualEndAt, rng.between(5, 90)), DEMO_END_AT);
      const status = rng.weighted(statusWeights(daysBetween(meeting.actualStartAt, DEMO_TODAY), central !== null));
      const disputes = status === 'REOPENED' ? (rng.chance(0.2) ? 2 : 1) : ['IN_PROGRESS', 'RESOLVED', 'CLOSED'].includes(status) && rng.chance(0.08) ? 1 : 0;
      const history = buildHistory(rng, {
        status, language: lang, recordedAt, recorder, route: route(lang, meeting, category, central), disputes,
        dueMonths: central !== null ? rng.between(6, 14) : rng.between(2, 8), notes: problems.notes, userFor: (id) => ctx.userFor(id),
      });
      let code = newTrackingCode(codes.int);
      while (used.has(code)) code = newTrackingCode(codes.int);
      used.add(code);
      const id = issueId++;
      out.issues.push({
        id, trackingCode: code, meetingId: meeting.id, unitId: meeting.unit.id, regionId: meeting.unit.regionId, category, language: lang,
        title: template.title, text: template.text.replaceAll('{place}', placeName(meeting.unit, lang)), status: history.status,
        resolutionPlan: history.hasPlan ? template.plan : null, dueDate: history.dueDate, progress: history.progress,
        responsibleOrganizationId: history.responsibleOrganizationId, recordedByOrganizationId: recorder,
        needsCentralDecision: central !== null, centralDecisionProposal: central !== null ? template.proposal : null,
        transferCount: history.transferCount, bouncedAt: history.bouncedAt, disputeCount: history.disputeCount,
        raisedAt: meeting.actualStartAt, resolvedAt: history.resolvedAt, updatedAt: history.updatedAt, createdAt: recordedAt,
      });
      for (const a of history.assignments) out.assignments.push({ id: assignmentId++, issueId: id, ...a });
      for (const u of history.updates) out.updates.push({ id: updateId++, issueId: id, ...u });
      if (rng.chance(0.92)) {
        const person = fakePerson(rng);
        out.contacts.push({ issueId: id, fullName: person.fullName, phone: rng.chance(0.85) ? fakePhone(rng) : null, iin: rng.chance(0.35) ? fakeIin(rng, person) : null });
      }
    }
  }
  return out;
}
