import { builder } from '../../graphql/builder.ts';
import { LanguageEnum } from '../../graphql/common.ts';
import { RegionRef, UnitKindEnum, UnitRef } from '../geography/geography.graphql.ts';
import { COVERAGE_PERIODS } from '../shared/enums.ts';
import { planFrom } from '../shared/query-plan.ts';
import type { ComplianceReport, GapView, RegionYearOverview } from './compliance.service.ts';
import type { PeriodWindow } from './coverage.ts';
import { CalendarRef, CalendarStatusEnum, CalendarStepRef } from './calendars.graphql.ts';
import { AkimLevelEnum, MeetingConductFlagEnum } from './meetings.graphql.ts';
import { ComplianceReportRef } from './compliance.refs.ts';

const CoveragePeriodEnum = builder.enumType('CoveragePeriod', { values: COVERAGE_PERIODS });

/** A minimum-coverage rule of the decree, with the dates it is in force. */
export const CoverageRuleRef = builder.drizzleObject('coverageRules', {
  name: 'CoverageRule',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'e.g. D826-2024-DISTRICT' }),
    akimLevel: t.expose('akimLevel', { type: AkimLevelEnum }),
    visitedKinds: t.field({
      type: [UnitKindEnum],
      description: 'Kinds of unit below the akim that each need a meeting (an akim with none of them below meets in their own unit)',
      select: { columns: { visitedKinds: true } },
      resolve: (r) => r.visitedKinds,
    }),
    ownTerritory: t.boolean({
      description: 'The rule names no lower unit: the akim meets the population of their own unit',
      select: { columns: { visitedKinds: true } },
      resolve: (r) => r.visitedKinds.length === 0,
    }),
    period: t.expose('period', { type: CoveragePeriodEnum }),
    minMeetings: t.exposeInt('minMeetings', { description: 'At least this many meetings per period' }),
    effectiveFrom: t.expose('effectiveFrom', { type: 'Date' }),
    effectiveTo: t.expose('effectiveTo', { type: 'Date', nullable: true, description: 'Exclusive; null: still in force' }),
    sourceTitle: t.exposeString('sourceTitle', { nullable: true, description: 'The published copy of the act the wording was checked against' }),
    sourceUrl: t.exposeString('sourceUrl', { nullable: true, description: 'Its address' }),
    description: t.string({
      args: { lang: t.arg({ type: LanguageEnum, required: false }) },
      select: { columns: { descriptionKk: true, descriptionRu: true, descriptionEn: true } },
      resolve: (r, args, ctx) => {
        const lang = args.lang ?? ctx.language;
        return lang === 'kk' ? r.descriptionKk : lang === 'ru' ? r.descriptionRu : r.descriptionEn;
      },
    }),
  }),
});

const ConductBreachRef = builder.objectRef<ComplianceReport['conductBreaches'][number]>('MeetingConductBreachCount').implement({
  description: 'How many meetings planned in the year carry a conduct flag',
  fields: (t) => ({
    flag: t.field({ type: MeetingConductFlagEnum, resolve: (b) => b.flag }),
    meetings: t.exposeInt('meetings'),
  }),
});

const PeriodRef = builder.objectRef<PeriodWindow>('CoveragePeriodWindow').implement({
  fields: (t) => ({
    kind: t.field({ type: CoveragePeriodEnum, resolve: (p) => p.kind }),
    label: t.exposeString('label', { description: 'e.g. 2026, 2026-H1, 2023-Q3' }),
    from: t.expose('from', { type: 'Date' }),
    to: t.expose('to', { type: 'Date' }),
  }),
});

const GapRef = builder.objectRef<GapView>('CoverageGap').implement({
  description: 'An akim who lacks a required meeting in a unit for a period',
  fields: (t) => ({
    rule: t.field({ type: CoverageRuleRef, resolve: (g) => g.rule }),
    akimUnit: t.field({ type: UnitRef, resolve: (g) => g.akimUnit }),
    visitedUnit: t.field({ type: UnitRef, resolve: (g) => g.visitedUnit }),
    period: t.field({ type: PeriodRef, resolve: (g) => g.period }),
    required: t.exposeInt('required'),
    found: t.exposeInt('found', { description: 'Planned entries (plan check) or held meetings (held check) found' }),
    periodEnded: t.exposeBoolean('periodEnded', { description: 'For the held check: false while the period is still running' }),
  }),
});

const AppliedRuleRef = builder.objectRef<ComplianceReport['appliedRules'][number]>('AppliedCoverageRule').implement({
  fields: (t) => ({
    rule: t.field({ type: CoverageRuleRef, resolve: (a) => a.rule }),
    periods: t.field({ type: [PeriodRef], resolve: (a) => a.periods }),
  }),
});

ComplianceReportRef.implement({
  description: "Coverage of a region's year: each rule in force at the start of each period, for the plan and for the meetings held",
  fields: (t) => ({
    region: t.field({ type: RegionRef, resolve: (r) => r.region }),
    year: t.exposeInt('year'),
    calendar: t.field({ type: CalendarRef, nullable: true, resolve: (r) => r.calendar }),
    revision: t.exposeInt('revision', { nullable: true, description: 'The calendar revision checked' }),
    asOf: t.expose('asOf', { type: 'Date', description: 'Today in Kazakhstan when checked' }),
    appliedRules: t.field({ type: [AppliedRuleRef], resolve: (r) => r.appliedRules }),
    planGaps: t.field({ type: [GapRef], description: 'Units the calendar does not plan a meeting in', resolve: (r) => r.planGaps }),
    heldGaps: t.field({
      type: [GapRef],
      description: 'Units without a meeting held, for periods that have started',
      resolve: (r) => r.heldGaps,
    }),
    planGapCount: t.int({ resolve: (r) => r.planGaps.length }),
    heldGapCount: t.int({ description: 'Held gaps of periods that are over', resolve: (r) => r.heldGaps.filter((g) => g.periodEnded).length }),
    conductBreaches: t.field({
      type: [ConductBreachRef],
      description: 'Per conduct flag, the meetings planned in the year that carry it (every flag listed, 0 included)',
      resolve: (r) => r.conductBreaches,
    }),
  }),
});

const RegionOverviewRef = builder.objectRef<RegionYearOverview>('RegionCalendarOverview').implement({
  description: "One region's year for the Government: dated steps, coverage, report-time violations, held vs planned",
  fields: (t) => ({
    region: t.field({ type: RegionRef, resolve: (o) => o.region }),
    year: t.exposeInt('year'),
    calendar: t.field({ type: CalendarRef, nullable: true, resolve: (o) => o.calendar }),
    status: t.field({ type: CalendarStatusEnum, nullable: true, resolve: (o) => o.calendar?.status ?? null }),
    approval: t.field({ type: CalendarStepRef, resolve: (o) => o.steps[0]! }),
    submission: t.field({ type: CalendarStepRef, resolve: (o) => o.steps[1]! }),
    forwarding: t.field({ type: CalendarStepRef, resolve: (o) => o.steps[2]! }),
    planGapCount: t.int({ resolve: (o) => o.compliance.planGaps.length }),
    heldGapCount: t.int({ description: 'Of periods that are over', resolve: (o) => o.compliance.heldGaps.filter((g) => g.periodEnded).length }),
    compliance: t.field({ type: ComplianceReportRef, resolve: (o) => o.compliance }),
    reportTimeViolations: t.exposeInt('reportTimeViolations', { description: 'Meetings planned in the year whose report took over a quarter of the time' }),
    conductBreaches: t.field({
      type: [ConductBreachRef],
      description: 'Per conduct flag, the meetings planned in the year that carry it',
      resolve: (o) => o.compliance.conductBreaches,
    }),
    plannedEntries: t.exposeInt('plannedEntries', { description: 'Entries of the current calendar revision' }),
    entriesHeld: t.exposeInt('entriesHeld', { description: 'Of those, entries with a meeting held against them' }),
    meetingsHeld: t.exposeInt('meetingsHeld', { description: 'Meetings planned in the year and held, on demand included' }),
    onDemandMeetingsHeld: t.exposeInt('onDemandMeetingsHeld'),
  }),
});

builder.queryFields((t) => ({
  coverageRules: t.drizzleField({
    type: [CoverageRuleRef],
    description: 'The coverage rules of the decree; with `on`, only those in force on that date',
    args: { on: t.arg({ type: 'Date', required: false }) },
    resolve: (query, _root, args, ctx) => ctx.services.compliance.listCoverageRules(args.on, planFrom(query)),
  }),
  coverageCompliance: t.field({
    type: ComplianceReportRef,
    nullable: true,
    description: 'Coverage compliance of a region for a year (null for an unknown region)',
    args: { regionCode: t.arg.string({ required: true }), year: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.compliance.findCompliance(args.regionCode, args.year),
  }),
  governmentOverview: t.field({
    type: [RegionOverviewRef],
    description: 'Every region for a year: approved, submitted, forwarded on time or late; coverage; report-time violations; held vs planned',
    args: { year: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.compliance.governmentOverview(args.year),
  }),
}));
