import type { issueAssignments, issueContacts, issues, issueUpdates } from '../issues/issues.tables.ts';
import { newTrackingCode } from '../issues/tracking-code.ts';
import type { IssueCategory, IssueLanguage, IssueStatus, UnitKind } from '../shared/enums.ts';
import type { DemoContext, DemoUnit } from './demo-context.ts';
import type { MeetingPlan } from './demo-meetings.ts';
import { fakeIin, fakePerson, fakePhone } from './demo-people.ts';
import { COMMON_VILLAGES, placeName, STREETS, TO_CENTRAL_REASONS, toRussianLetters } from './demo-texts.ts';
import { loadDemoRouting, type Answerers } from './demo-routing.ts';
import { renderTemplate } from './demo-template.ts';
import { addMinutes, daysBetween, DEMO_END_AT, DEMO_TODAY, minIso } from './demo-time.ts';
import { buildHistory, type Hop } from './issue-history.ts';
import { hashSeed, type Rng } from './random.ts';
import type { DemoFiles, ProblemTemplate, TemplateSetting } from './seed-files.ts';

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

/** Categories people raise most often at meetings weigh more, in villages and in cities alike. */
const CATEGORY_WEIGHT: Record<UnitSetting, Partial<Record<IssueCategory, number>>> = {
  rural: { WATER_SUPPLY: 3, ROADS: 3, GAS: 2, HEATING: 2, ELECTRICITY: 2, SCHOOLS: 1.5, HEALTHCARE: 1.5 },
  urban: { HOUSING: 2.5, ROADS: 2, HEATING: 2, PUBLIC_TRANSPORT: 2, SCHOOLS: 1.5, KINDERGARTENS: 1.5, HEALTHCARE: 1.5, WATER_SUPPLY: 1.5 },
};
/** Central bodies with demo accounts are picked more often among those a topic allows, so their queues have work. */
const PREFERRED_CENTRAL = ['MIN-ENERGY', 'MIN-WATER-RESOURCES'];
/** Share of problems written in Kazakh per region (the rest in Russian): higher in the south and west. */
const KAZAKH_SHARE: Record<string, number> = {
  'KZ-10': 0.6,
  'KZ-11': 0.3,
  'KZ-15': 0.65,
  'KZ-19': 0.6,
  'KZ-23': 0.8,
  'KZ-27': 0.6,
  'KZ-31': 0.75,
  'KZ-33': 0.65,
  'KZ-35': 0.3,
  'KZ-39': 0.25,
  'KZ-43': 0.9,
  'KZ-47': 0.8,
  'KZ-55': 0.3,
  'KZ-59': 0.2,
  'KZ-61': 0.85,
  'KZ-62': 0.55,
  'KZ-63': 0.35,
  'KZ-71': 0.45,
  'KZ-75': 0.4,
  'KZ-79': 0.75,
};
/** The same complaint raised again at a later meeting in the same place: the only verbatim repeats. */
const MAX_REPEATS = 4;
const REPEAT_CHANCE = 0.05;
const CLOSING_CHANCE = 0.75;

type Template = ProblemTemplate['problems'][number];
interface Raised {
  meetingId: number;
  category: IssueCategory;
  template: Template;
  title: string;
  text: string;
}

/** Cities, their districts and towns read urban texts; villages, rural okrugs, districts and oblasts rural ones. */
export type UnitSetting = Exclude<TemplateSetting, 'any'>;
const URBAN_KINDS: readonly UnitKind[] = ['CITY_REPUBLICAN', 'CITY_DISTRICT', 'CITY_OBLAST', 'TOWN'];
export function unitSetting(unit: { kind: UnitKind }): UnitSetting {
  return URBAN_KINDS.includes(unit.kind) ? 'urban' : 'rural';
}
export function templateFits(t: { setting: TemplateSetting; regions?: string[] | undefined }, setting: UnitSetting, regionCode: string): boolean {
  return (t.setting === 'any' || t.setting === setting) && (!t.regions || t.regions.includes(regionCode));
}

/**
 * What {place} names: the city or city district itself ("Алмалы ауданы"), the village or rural
 * okrug ("Ават"), or, for a district or oblast whose villages the reference data does not list, one
 * of three common village names fixed per unit.
 */
function placeFor(unit: DemoUnit, setting: UnitSetting, language: IssueLanguage, rng: Rng): string {
  if (setting === 'urban') return unit.name[language];
  if (unit.kind === 'RURAL_OKRUG' || unit.kind === 'VILLAGE') return placeName(unit, language);
  const first = hashSeed(`villages:${unit.code}`) % COMMON_VILLAGES.length;
  const village = COMMON_VILLAGES[(first + rng.int(3) * 7) % COMMON_VILLAGES.length] as string;
  return language === 'kk' ? village : toRussianLetters(village);
}

function statusWeights(ageDays: number, central: boolean): Partial<Record<IssueStatus, number>> {
  const w: Partial<Record<IssueStatus, number>> =
    ageDays < 21
      ? { NEW: 60, ASSIGNED: 30, IN_PROGRESS: 10 }
      : ageDays < 60
        ? { NEW: 8, ASSIGNED: 30, IN_PROGRESS: 50, RESOLVED: 8, DECLINED: 4 }
        : ageDays < 180
          ? { NEW: 2, ASSIGNED: 12, IN_PROGRESS: 45, RESOLVED: 15, CLOSED: 12, REOPENED: 5, DECLINED: 7 }
          : ageDays < 365
            ? { ASSIGNED: 5, IN_PROGRESS: 33, RESOLVED: 12, CLOSED: 32, REOPENED: 7, DECLINED: 9 }
            : { ASSIGNED: 2, IN_PROGRESS: 20, RESOLVED: 8, CLOSED: 52, REOPENED: 8, DECLINED: 10 };
  if (central) {
    for (const s of ['ASSIGNED', 'IN_PROGRESS'] as const) if (w[s]) w[s] *= 1.5;
    if (w.CLOSED) w.CLOSED *= 0.5;
  }
  return w;
}

export function buildIssues(ctx: DemoContext, rng: Rng, meetings: readonly MeetingPlan[], seed: DemoFiles, first: FirstIssueIds): IssueRows {
  const out: IssueRows = { issues: [], contacts: [], assignments: [], updates: [] };
  const { problems } = seed;
  const routing = loadDemoRouting(ctx, seed.routing);
  const codes = rng.fork('tracking-codes');
  const used = new Set<string>();
  const categories = Object.keys(problems.categories) as IssueCategory[];
  let issueId = first.issues;
  let assignmentId = first.assignments;
  let updateId = first.updates;
  const raisedIn = new Map<number, Raised[]>();
  let repeats = 0;
  const texts = new Set<string>();
  const reason = (language: IssueLanguage, index: number) => {
    const list = problems.transferReasons[language];
    return list[index % list.length] as string;
  };

  const pickCentral = (candidates: readonly number[]): number | null => {
    if (candidates.length === 0) return null;
    const preferred = candidates.filter((id) => PREFERRED_CENTRAL.includes(ctx.orgCode(id)));
    return preferred.length && rng.chance(0.4) ? rng.pick(preferred) : rng.pick(candidates);
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

  const route = (language: IssueLanguage, meeting: MeetingPlan, answerers: Answerers, central: number | null): Hop[] => {
    const local = rng.chance(0.65) ? ctx.akimatFor(meeting.unit) : ctx.akimatFor(meeting.akimUnit);
    const regionAkimat = ctx.akimatFor(ctx.region(meeting.unit));
    const hops = (ids: number[], units: (DemoUnit | null)[] = []): Hop[] =>
      ids.map((id, i) => ({ organizationId: id, reason: i === 0 ? null : reasonFor(language, ids[i - 1] as number, id, units[i] ?? null) }));
    if (central !== null) {
      const roll = rng.float();
      if (roll < 0.04 && answerers.akimat) return hops([central, regionAkimat, central]);
      if (roll < 0.1) return hops([regionAkimat, central], [ctx.region(meeting.unit)]);
      const others = answerers.central.filter((id) => id !== central);
      if (roll < 0.14 && others.length) return hops([rng.pick(others), central]);
      return hops([central]);
    }
    const roll = rng.float();
    const somebody = pickCentral(answerers.central);
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

  /** A new complaint: a template that reads right in this place, filled in. */
  const compose = (meeting: MeetingPlan, regionCode: string, setting: UnitSetting): Omit<Raised, 'meetingId'> => {
    const fits = (t: Template) => templateFits(t, setting, regionCode);
    const open = categories.filter((c) => problems.categories[c]?.problems.some(fits));
    const weights = Object.fromEntries(open.map((c) => [c, CATEGORY_WEIGHT[setting][c] ?? 1])) as Record<IssueCategory, number>;
    const category = rng.weighted(weights);
    const suitable = (problems.categories[category]?.problems ?? []).filter(fits);
    const language: IssueLanguage = rng.chance(KAZAKH_SHARE[regionCode] ?? 0.6) ? 'kk' : 'ru';
    const sameLanguage = suitable.filter((p) => p.lang === language);
    const template = rng.pick(sameLanguage.length ? sameLanguage : suitable);
    const fillers = {
      place: placeFor(meeting.unit, setting, template.lang, rng),
      street: () => rng.pick(STREETS)[template.lang],
      int: rng.int,
    };
    const text = renderTemplate(template.text, fillers);
    // Most people end with what they already tried or what they ask for.
    const closing = rng.chance(CLOSING_CHANCE) ? ` ${renderTemplate(rng.pick(problems.closings[template.lang]), fillers)}` : '';
    return { category, template, title: template.title, text: `${text}${closing}` };
  };

  for (const meeting of meetings) {
    if (meeting.status !== 'HELD' || !meeting.actualStartAt || !meeting.actualEndAt) continue;
    const count =
      meeting.tier === 'TOP'
        ? Number(rng.weighted({ 0: 15, 1: 55, 2: 25, 3: 5 }))
        : meeting.tier === 'ON_DEMAND'
          ? rng.between(2, 4)
          : Number(rng.weighted({ 0: 55, 1: 35, 2: 10 }));
    const region = ctx.region(meeting.unit);
    const setting = unitSetting(meeting.unit);
    const recorder = ctx.akimatFor(meeting.akimUnit);
    const earlier = raisedIn.get(meeting.unit.id) ?? [];
    for (let n = 0; n < count; n++) {
      const before = earlier.filter((r) => r.meetingId !== meeting.id);
      const again = repeats < MAX_REPEATS && before.length > 0 && rng.chance(REPEAT_CHANCE) ? rng.pick(before) : null;
      if (again) repeats++;
      let fresh = again ? null : compose(meeting, region.code, setting);
      // Two different people do not word a complaint identically: draw again on a chance collision.
      for (let attempt = 0; fresh && texts.has(fresh.text) && attempt < 5; attempt++) fresh = compose(meeting, region.code, setting);
      const raised: Raised = { meetingId: meeting.id, ...((again ?? fresh) as Omit<Raised, 'meetingId'>) };
      texts.add(raised.text);
      earlier.push(raised);
      const { category, template } = raised;
      const lang = template.lang;
      const answerers = routing.answerers(category, template.topic, region.code);
      const central = !answerers.akimat || rng.chance(0.16) ? pickCentral(answerers.central) : null;
      const recordedAt = minIso(addMinutes(meeting.actualEndAt, rng.between(5, 90)), DEMO_END_AT);
      const age = daysBetween(meeting.actualStartAt, DEMO_TODAY);
      // The first problem of a meeting of the last two weeks is not routed yet: the akimat's routing page has work.
      const status = n === 0 && age < 14 ? 'NEW' : rng.weighted(statusWeights(age, central !== null));
      const disputes = status === 'REOPENED' ? (rng.chance(0.2) ? 2 : 1) : ['IN_PROGRESS', 'RESOLVED', 'CLOSED'].includes(status) && rng.chance(0.08) ? 1 : 0;
      const history = buildHistory(rng, {
        status,
        language: lang,
        recordedAt,
        recorder,
        route: route(lang, meeting, answerers, central),
        disputes,
        dueMonths: central !== null ? rng.between(6, 14) : rng.between(2, 8),
        notes: problems.notes,
        userFor: (id) => ctx.userFor(id),
      });
      let code = newTrackingCode(codes.int);
      while (used.has(code)) code = newTrackingCode(codes.int);
      used.add(code);
      const id = issueId++;
      out.issues.push({
        id,
        trackingCode: code,
        meetingId: meeting.id,
        unitId: meeting.unit.id,
        regionId: meeting.unit.regionId,
        category,
        language: lang,
        title: raised.title,
        text: raised.text,
        status: history.status,
        resolutionPlan: history.hasPlan ? template.plan : null,
        dueDate: history.dueDate,
        progress: history.progress,
        responsibleOrganizationId: history.responsibleOrganizationId,
        recordedByOrganizationId: recorder,
        needsCentralDecision: central !== null,
        centralDecisionProposal: central !== null ? template.proposal : null,
        transferCount: history.transferCount,
        bouncedAt: history.bouncedAt,
        disputeCount: history.disputeCount,
        raisedAt: meeting.actualStartAt,
        resolvedAt: history.resolvedAt,
        updatedAt: history.updatedAt,
        createdAt: recordedAt,
      });
      for (const a of history.assignments) out.assignments.push({ id: assignmentId++, issueId: id, ...a });
      for (const u of history.updates) out.updates.push({ id: updateId++, issueId: id, ...u });
      if (rng.chance(0.92)) {
        const person = fakePerson(rng);
        out.contacts.push({
          issueId: id,
          fullName: person.fullName,
          phone: rng.chance(0.85) ? fakePhone(rng) : null,
          iin: rng.chance(0.35) ? fakeIin(rng, person) : null,
        });
      }
    }
    raisedIn.set(meeting.unit.id, earlier);
  }
  return out;
}
