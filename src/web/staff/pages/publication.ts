import type { GovernmentService } from '../../../modules/government/government.service.ts';
import type { PublicationJob } from '../../../modules/government/publication-jobs.ts';
import { html, type Html } from '../../html.ts';
import { fill } from '../../i18n/index.ts';
import { langPath } from '../../layout.ts';
import { time } from '../../components.ts';
import { csrfField, notice, staffPage, type StaffRequest } from '../layout.ts';

// The Government office's writing pages: the quarterly publication and the collection rounds.
// Each shows what is due with a one-button form (POST, CSRF), or when the next one will be due.

export type Notice = { kind: 'status' | 'alert'; text: string; details?: string[] };
type PublicationOverview = Awaited<ReturnType<GovernmentService['publicationOverview']>>;
type RoundsOverview = Awaited<ReturnType<GovernmentService['roundsOverview']>>;

function jobState(sr: StaffRequest, job: PublicationJob): Html {
  const { w, locale } = sr;
  const at = (iso: string) => locale.format.dateTime(iso);
  if (job.state === 'running') {
    const phase = job.current ? { discarding: w.phaseDiscarding, building: w.phaseBuilding, finishing: w.phaseFinishing }[job.current.phase] : null;
    return html`<div class="notice" role="status"><p>${fill(w.jobRunning, { quarter: job.quarter, time: at(job.startedAt), who: job.startedBy })}</p>
${
  job.current && phase
    ? html`<p>${fill(w.jobProgress, { quarter: job.current.label, phase, done: locale.format.number(job.current.done), total: locale.format.number(job.current.total) })}</p>
<progress max="${job.current.total}" value="${job.current.done}" aria-label="${job.current.label}">${job.current.done}</progress>`
    : ''
}
<p><a href="${langPath(locale.lang, '/staff/publication')}">${w.reloadStatus}</a></p></div>`;
  }
  if (job.state === 'failed') {
    return notice('alert', fill(w.jobFailed, { quarter: job.quarter, time: at(job.finishedAt!), message: job.error?.message ?? '' }));
  }
  return notice(
    'status',
    job.published.length
      ? fill(w.jobDone, { time: at(job.finishedAt!), quarters: job.published.join(', ') })
      : fill(w.jobDoneNothing, { time: at(job.finishedAt!) }),
  );
}

/** The email outbox's backlog: counts only, never an address. */
function outboxSection(sr: StaffRequest, o: NonNullable<PublicationOverview['emailOutbox']>): Html {
  const { w, locale } = sr;
  return html`<h2>${w.outboxHeading}</h2>
<p class="hint">${w.outboxIntro}</p>
<dl class="facts">
<div><dt>${w.outboxWaiting}</dt><dd data-outbox="waiting">${locale.format.number(o.waiting)}</dd></div>
<div><dt>${w.outboxSent}</dt><dd data-outbox="sent">${locale.format.number(o.SENT)}</dd></div>
<div><dt>${w.outboxDead}</dt><dd data-outbox="dead">${locale.format.number(o.DEAD)}</dd></div>
<div><dt>${w.outboxOldest}</dt><dd>${o.oldestWaitingAt ? time(locale, o.oldestWaitingAt) : w.outboxNoSmtp}</dd></div>
</dl>`;
}

export function publicationPage(sr: StaffRequest, overview: PublicationOverview, shown?: Notice): Html {
  const { w, locale } = sr;
  const { plan, published, job, lock } = overview;
  const target = plan.due.at(-1);
  const busy = job?.state === 'running' || lock !== null;
  const due = target
    ? html`<p>${fill(w.publicationDue, { quarters: plan.due.join(', ') })}</p>
${plan.due.length > 1 ? html`<p class="hint">${w.publishEarlierToo}</p>` : ''}
${
  busy
    ? ''
    : html`<form method="post" action="${langPath(locale.lang, '/staff/publication/publish')}">
${csrfField(sr)}<input type="hidden" name="quarter" value="${target}">
<button type="submit" class="primary">${fill(w.publishNow, { quarter: target })}</button>
</form>`
}`
    : html`<p>${fill(w.nothingDue, { quarter: plan.upcoming.label, date: locale.format.dateTime(plan.upcoming.from) })}</p>`;
  const rows = published.map(
    (p) => html`<tr><th scope="row"><a href="${langPath(locale.lang, `/quarters/${p.year}-Q${p.quarter}`)}">${p.year}-Q${p.quarter}</a></th>
<td>${locale.format.date(p.periodEnd)}</td><td>${time(locale, p.publishedAt)}</td><td class="num">${locale.format.number(p.itemCount)}</td>
<td><a href="/open-data/quarters/${p.year}-Q${p.quarter}.csv">CSV</a> · <a href="/open-data/quarters/${p.year}-Q${p.quarter}.json">JSON</a></td>
<td><code class="hash">${p.contentHash.slice(0, 12)}</code></td></tr>`,
  );
  return staffPage(
    sr,
    { title: w.publicationHeading, nav: 'publication', switchPath: '/staff/publication' },
    html`<h1>${w.publicationHeading}</h1>
<p>${w.publicationIntro}</p>
${shown ? notice(shown.kind, shown.text, shown.details) : ''}
${job ? jobState(sr, job) : ''}
${lock ? html`<p class="warning">${fill(w.lockHeld, { holder: lock.holder, time: locale.format.dateTime(lock.acquiredAt) })}</p>` : ''}
<h2>${plan.due.at(-1) ?? plan.upcoming.label}</h2>
${due}
${overview.emailOutbox ? outboxSection(sr, overview.emailOutbox) : ''}
<h2>${w.publishedHeading}</h2>
${
  published.length
    ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="published-caption"><table class="staff-table">
<caption id="published-caption" class="visually-hidden">${w.publishedHeading}</caption>
<thead><tr><th scope="col">${w.colQuarter}</th><th scope="col">${w.colPeriodEnd}</th><th scope="col">${w.colPublishedAt}</th><th scope="col">${w.colProblems}</th><th scope="col">${w.colDownload}</th><th scope="col">${w.colContentHash}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
    : html`<p>${w.noPublications}</p>`
}`,
  );
}

export function roundsPage(sr: StaffRequest, overview: RoundsOverview, shown?: Notice): Html {
  const { w, locale } = sr;
  const { plan, rounds } = overview;
  const cutoff = (label: string) => `${label.slice(0, 4)}-${label.endsWith('H1') ? '02' : '08'}-15`;
  const due = plan.due.length
    ? plan.due.map(
        (label) => html`<p>${fill(w.roundDue, { round: label, date: locale.format.date(cutoff(label)) })}</p>
<form method="post" action="${langPath(locale.lang, '/staff/rounds/run')}">${csrfField(sr)}<input type="hidden" name="round" value="${label}">
<button type="submit" class="primary">${fill(w.runRound, { round: label })}</button></form>`,
      )
    : html`<p>${fill(w.nothingDueRounds, { round: plan.upcoming.label, date: locale.format.dateTime(plan.upcoming.from) })}</p>`;
  const after = plan.due.length
    ? html`<p class="hint">${fill(w.roundNext, { round: plan.upcoming.label, date: locale.format.dateTime(plan.upcoming.from) })}</p>`
    : '';
  const rows = rounds.map((r) => {
    const label = `${r.year}-H${r.half}`;
    return html`<tr><th scope="row">${label}</th><td>${locale.format.date(r.cutoffDate)}</td><td>${time(locale, r.collectedAt)}</td>
<td class="num">${locale.format.number(r.itemCount)}</td>
<td><a href="/open-data/rounds/${label}.csv">CSV</a> · <a href="/open-data/rounds/${label}.json">JSON</a></td>
<td><code class="hash">${r.contentHash.slice(0, 12)}</code></td></tr>`;
  });
  return staffPage(
    sr,
    { title: w.roundsHeading, nav: 'rounds', switchPath: '/staff/rounds' },
    html`<h1>${w.roundsHeading}</h1>
<p>${w.roundsIntro}</p>
${shown ? notice(shown.kind, shown.text, shown.details) : ''}
${due}
${after}
<h2>${w.roundsPast}</h2>
${
  rounds.length
    ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="rounds-caption"><table class="staff-table">
<caption id="rounds-caption" class="visually-hidden">${w.roundsPast}</caption>
<thead><tr><th scope="col">${w.colRound}</th><th scope="col">${w.colCutoff}</th><th scope="col">${w.colCollectedAt}</th><th scope="col">${w.colProblems}</th><th scope="col">${w.colDownload}</th><th scope="col">${w.colContentHash}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
    : html`<p>${w.noRounds}</p>`
}`,
  );
}
