// The text (or JSON) that `npm run compliance` prints, built from the compliance and meetings
// services' read models; compliance.ts parses the arguments and opens the database.
import type { Services } from '../services.ts';
import type { Clock } from '../modules/shared/clock.ts';
import { localMidnightUtc } from '../modules/shared/time-zones.ts';
import type { GapView, RegionYearOverview } from '../modules/meetings/compliance.service.ts';
import type { ReportTimeViolation } from '../modules/meetings/meetings.repo.ts';

export interface ComplianceRequest {
  region: string;
  year: number;
  /** YYYY-MM-DD: judged as of the last minute of that day in the region's zone (the clock is moved there). */
  asOf?: string;
  json: boolean;
}

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

function printText(o: RegionYearOverview, violations: ReportTimeViolation[]): string {
  const c = o.compliance;
  const out: string[] = [];
  out.push(`Coverage compliance of ${o.region.nameEn} (${o.region.code}) for ${o.year}, as of ${c.asOf}`);
  if (!o.calendar) out.push('Calendar: none recorded: every required meeting is missing from the plan.');
  else
    out.push(`Calendar: ${o.calendar.status}, revision ${o.calendar.currentRevision}, ${o.plannedEntries} entries, ${o.entriesHeld} held against their entry`);
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
    out.push(
      `  meeting ${v.id}  ${v.plannedStartAt}  ${v.unitCode}: report ${v.reportMinutes} of ${v.plannedMinutes} min (${Math.round((100 * v.reportMinutes) / v.plannedMinutes)} %)`,
    );
  }
  out.push(`Conduct flags: ${c.conductBreaches.map((b) => `${b.flag} ${b.meetings}`).join(', ')}`);
  return `${out.join('\n')}\n`;
}

/** The report of one region's year; `clock`: the services' clock, set to the end of `asOf` when given. */
export async function complianceReport(services: Services, request: ComplianceRequest, clock: Clock & { set(iso: string): void }): Promise<string> {
  if (request.asOf) {
    const region = await services.geography.findUnitByCode(request.region);
    if (region)
      clock.set(new Date(Date.parse(localMidnightUtc(request.asOf, services.geography.zoneOfRegion(region.regionId ?? region.id), 1)) - 60_000).toISOString());
  }
  const overview = await services.compliance.regionOverview(request.region, request.year);
  const violations = await services.meetings.reportTimeViolations(overview.region.code, request.year);
  if (request.json) return `${JSON.stringify({ ...overview, reportTimeViolationMeetings: violations }, null, 2)}\n`;
  return printText(overview, violations);
}
