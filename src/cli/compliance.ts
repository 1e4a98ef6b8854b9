// npm run compliance -- --region KZ-19 --year 2026 [--as-of 2026-11-27] [--json]
// Prints a region's year as the decree sees it: the calendar's dated steps (late ones with their
// delay), its revisions, every coverage gap of the plan and of the meetings held, and the meetings
// whose report took more than a quarter of the planned time, and how many meetings carry each
// conduct flag. Exit 0 when printed (gaps are
// findings, not failures), 1 on bad arguments or an unknown region.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { createApp } from '../app.ts';
import { fixedClock, systemClock } from '../modules/shared/clock.ts';
import { localMidnightUtc } from '../modules/shared/time-zones.ts';
import { DomainError } from '../modules/shared/errors.ts';
import type { GapView, RegionYearOverview } from '../modules/meetings/compliance.service.ts';
import type { QueryPlan } from '../modules/shared/query-plan.ts';

const USAGE = 'usage: npm run compliance -- --region CODE --year YYYY [--as-of YYYY-MM-DD] [--json]';

function formatMinutes(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d} d` : '', h ? `${h} h` : '', m || (!d && !h) ? `${m} min` : ''].filter(Boolean).join(' ');
}

function gapLine(g: GapView, held: boolean): string {
  const running = held && !g.periodEnded ? '  (period still running)' : '';
  return `  ${g.period.label.padEnd(8)} ${g.rule.code.padEnd(26)} akim ${g.akimUnit.code} -> ${g.visitedUnit.code}: ${held ? 'held' : 'planned'} ${g.found} of ${g.required}${running}`;
}

function printText(o: RegionYearOverview, violations: { id: number; unitCode: string; plannedStartAt: string; reportMinutes: number; planned: number }[]) {
  const c = o.compliance;
  const out: string[] = [];
  out.push(`Coverage compliance of ${o.region.nameEn} (${o.region.code}) for ${o.year}, as of ${c.asOf}`);
  if (!o.calendar) out.push('Calendar: none recorded: every required meeting is missing from the plan.');
  else out.push(`Calendar: ${o.calendar.status}, revision ${o.calendar.currentRevision}, ${o.plannedEntries} entries, ${o.entriesHeld} held against their entry`);
  out.push('Steps:');
  for (const s of o.steps) {
    const delay = s.state === 'LATE' || s.state === 'OVERDUE' ? ` by ${formatMinutes(s.lateByMinutes)}` : '';
    const due = s.dueAt ? `due ${s.dueAt}` : 'no legal date (before the decree or the region)';
    out.push(`  ${s.step.padEnd(28)} ${due}  ${s.state}${delay}${s.doneAt ? `  (done ${s.doneAt})` : ''}`);
  }
  if (o.revisions.length) {
    out.push('Revisions:');
    for (const r of o.revisions) {
      out.push(`  ${r.number}  ${r.createdAt.slice(0, 10)}  maslikhat ${r.maslikhatNotifiedOn ?? '-'}  ${r.reason ?? '(approved calendar)'}`);
    }
  }
  out.push('Rules applied:');
  for (const a of c.appliedRules) {
    out.push(`  ${a.rule.code.padEnd(26)} ${a.rule.akimLevel.padEnd(15)} ${a.rule.period.padEnd(9)} ${a.periods.map((p) => p.label).join(', ')}`);
  }
  out.push(`Plan gaps: ${c.planGaps.length}`);
  for (const g of c.planGaps) out.push(gapLine(g, false));
  const final = c.heldGaps.filter((g) => g.periodEnded).length;
  out.push(`Held gaps: ${c.heldGaps.length} (${final} final, ${c.heldGaps.length - final} in periods still running)`);
  for (const g of c.heldGaps) out.push(gapLine(g, true));
  out.push(`Meetings held: ${o.meetingsHeld} (${o.onDemandMeetingsHeld} on demand)`);
  out.push(`Report-time violations: ${o.reportTimeViolations}`);
  for (const v of violations) {
    out.push(`  meeting ${v.id}  ${v.plannedStartAt}  ${v.unitCode}: report ${v.reportMinutes} of ${v.planned} min (${Math.round((100 * v.reportMinutes) / v.planned)} %)`);
  }
  out.push(`Conduct flags: ${c.conductBreaches.map((b) => `${b.flag} ${b.meetings}`).join(', ')}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      region: { type: 'string' },
      year: { type: 'string' },
      'as-of': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const year = Number(values.year);
  if (!values.region || !values.year || !Number.isInteger(year)) throw new Error(USAGE);
  const asOf = values['as-of'];
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`--as-of must be YYYY-MM-DD (${USAGE})`);
  const pinned = asOf ? fixedClock(`${asOf}T00:00:00Z`) : null;
  const app = createApp(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), { clock: pinned ?? systemClock });
  try {
    // "As of" a day: the last minute of that day in the region's zone.
    const region = asOf ? await app.services.geography.findUnitByCode(values.region) : undefined;
    if (asOf && region && pinned) {
      pinned.set(new Date(Date.parse(localMidnightUtc(asOf, app.services.geography.zoneOfRegion(region.regionId ?? region.id), 1)) - 60_000).toISOString());
    }
    const overview = await app.services.compliance.regionOverview(values.region, year);
    const withUnit: QueryPlan = (options) => ({ ...(options as object), with: { unit: { columns: { code: true } } } }) as typeof options;
    const rows = (await app.services.meetings.listMeetings(
      { regionCodes: [overview.region.code], from: `${year}-01-01`, to: `${year}-12-31`, reportTimeViolation: true },
      withUnit,
    )) as unknown as { id: number; plannedStartAt: string; reportMinutes: number; plannedDurationMinutes: number; unit: { code: string } }[];
    const violations = rows
      .map((m) => ({ id: m.id, unitCode: m.unit.code, plannedStartAt: m.plannedStartAt, reportMinutes: m.reportMinutes, planned: m.plannedDurationMinutes }))
      .sort((a, b) => a.plannedStartAt.localeCompare(b.plannedStartAt));
    if (values.json) process.stdout.write(`${JSON.stringify({ ...overview, reportTimeViolationMeetings: violations }, null, 2)}\n`);
    else printText(overview, violations);
  } finally {
    app.close();
  }
}

main().catch((err) => {
  console.error(err instanceof DomainError ? `${err.code}: ${err.message}` : `error: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
