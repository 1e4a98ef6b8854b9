import type { MeetingRecord, NamedRow } from '../../../modules/meetings/akimat-desk.service.ts';
import { ISSUE_CATEGORIES, ISSUE_LANGUAGES } from '../../../modules/shared/enums.ts';
import { DICTIONARIES } from '../../i18n/index.ts';
import { flagAttr, html, type Html } from '../../html.ts';
import { fill, locale } from '../../i18n/index.ts';
import { langPath } from '../../layout.ts';
import { invalid, type Refusal } from '../akimat-form.ts';
import { csrfField, staffPage, type StaffRequest } from '../layout.ts';
import { unitName } from './akimat-common.ts';

// Recording a problem raised at a meeting, and the slip that carries its tracking code to the
// citizen. The slip is the only place the code ever appears: it is the answer to the POST itself
// (never a page one can come back to, never in a URL), and it is written in Kazakh and Russian
// whatever the console's language, because the citizen reads one of those.

export interface ProblemFormView {
  meeting: MeetingRecord;
  units: NamedRow[];
  values: Record<string, string>;
  /** A one-time value: the same form sent twice records the problem once. */
  submission: string;
  refusal?: Refusal;
}

export const PROBLEM_FIELD_LABELS = (sr: StaffRequest): Record<string, string> => ({
  unitCode: sr.w.prUnit,
  unit: sr.w.prUnit,
  category: sr.w.prCategory,
  title: sr.w.prTitle,
  text: sr.w.prText,
  language: sr.w.prLanguage,
  'contact.fullName': sr.w.prName,
  'contact.phone': sr.w.prPhone,
  'contact.iin': sr.w.prIin,
  meetingId: sr.w.prMeeting,
  meeting: sr.w.prMeeting,
});

export function problemFormPage(sr: StaffRequest, view: ProblemFormView): Html {
  const { w, locale } = sr;
  const v = view.values;
  const r = view.refusal;
  const m = view.meeting;
  const languageNames = { kk: DICTIONARIES.kk.languageName, ru: DICTIONARIES.ru.languageName };
  return staffPage(
    sr,
    { title: w.prHeading, nav: 'meetings' },
    html`<h1>${w.prHeading}</h1>
<p>${w.prMeeting}: <a href="${langPath(locale.lang, `/staff/meetings/${m.id}`)}">${unitName(sr, m.unit)}, ${locale.format.dateTime(m.actualStartAt ?? m.plannedStartAt)}</a></p>
<p>${w.prIntro}</p>
${r ? r.notice : ''}
<form method="post" action="${langPath(locale.lang, `/staff/meetings/${m.id}/problems`)}" class="staff-form narrow">
${csrfField(sr)}
<input type="hidden" name="submission" value="${view.submission}">
<div class="field"><label for="unitCode">${w.prUnit}</label><select id="unitCode" name="unitCode" required${invalid(r, 'unitCode')}>${view.units.map(
      (u) => html`<option value="${u.code}"${flagAttr('selected', u.code === (v.unitCode ?? m.unit.code))}>${unitName(sr, u)} (${u.code})</option>`,
    )}</select></div>
<div class="field"><label for="category">${w.prCategory}</label><select id="category" name="category" required${invalid(r, 'category')}>${ISSUE_CATEGORIES.map(
      (c) => html`<option value="${c}"${flagAttr('selected', v.category === c)}>${locale.labels.category(c)}</option>`,
    )}</select></div>
<div class="field"><label for="title">${w.prTitle}</label><input id="title" name="title" type="text" required maxlength="200" value="${v.title ?? ''}"${invalid(r, 'title')}></div>
<div class="field"><label for="text">${w.prText}</label><textarea id="text" name="text" rows="6" required maxlength="5000"${invalid(r, 'text')}>${v.text ?? ''}</textarea></div>
<div class="field"><label for="language">${w.prLanguage}</label><select id="language" name="language"><option value="">${w.prLanguageAuto}</option>${ISSUE_LANGUAGES.map(
      (l) => html`<option value="${l}"${flagAttr('selected', v.language === l)}>${languageNames[l]}</option>`,
    )}</select></div>
<fieldset><legend>${w.prCitizen}</legend>
<div class="field"><label for="fullName">${w.prName}</label><input id="fullName" name="fullName" type="text" required maxlength="200" autocomplete="off" value="${v.fullName ?? ''}"${invalid(r, 'contact.fullName')}></div>
<div class="field"><label for="phone">${w.prPhone}</label><p class="hint" id="phone-hint">${w.prPhoneHint}</p><input id="phone" name="phone" type="tel" required maxlength="40" autocomplete="off" aria-describedby="phone-hint" value="${v.phone ?? ''}"${invalid(r, 'contact.phone')}></div>
<div class="field"><label for="iin">${w.prIin}</label><p class="hint" id="iin-hint">${w.prIinHint}</p><input id="iin" name="iin" type="text" inputmode="numeric" maxlength="14" autocomplete="off" aria-describedby="iin-hint" value="${v.iin ?? ''}"${invalid(r, 'contact.iin')}></div>
</fieldset>
<div class="actions"><button type="submit">${w.prButton}</button></div>
</form>`,
  );
}

export interface SlipView {
  meetingId: number;
  number: number;
  trackingCode: string;
  title: string;
  language: string;
  raisedAt: string;
  unit: NamedRow;
}

/** The citizen's slip, in both languages of the problems, with the tracking page's address. */
export function slipPage(sr: StaffRequest, view: SlipView): Html {
  const { w } = sr;
  const trackKk = `${sr.baseUrl}/kk/track`;
  const trackRu = `${sr.baseUrl}/ru/track`;
  const date = (lang: 'kk' | 'ru') => locale(lang).format.date(view.raisedAt);
  return staffPage(
    sr,
    { title: fill(w.slipTitle, { number: view.number }), nav: 'meetings', scripts: ['staff'], switchPath: `/staff/meetings/${view.meetingId}` },
    html`<div class="no-print">
<h1>${fill(w.slipTitle, { number: view.number })}</h1>
<p class="notice notice-alert" role="alert">${w.slipOnce}</p>
<p class="actions"><button type="button" data-print hidden>${w.slipPrint}</button></p>
</div>
<article class="slip" aria-labelledby="slip-code-kk">
<section lang="kk">
<h2 id="slip-code-kk">Jauap · Өтінішіңізді бақылау талоны</h2>
<p>Мәселе № ${view.number}, ${date('kk')}: <span lang="${view.language}">${view.title}</span> (${view.unit.nameKk})</p>
<p>Бақылау коды:</p>
<p class="slip-code">${view.trackingCode}</p>
<p>Мәселенің қалай шешіліп жатқанын осы кодпен мына бетте қараңыз: <strong class="slip-url">${trackKk}</strong></p>
<p>Кодты ешкімге бермеңіз: ол тек сізге арналған. Біз оны қайта көрсете алмаймыз.</p>
</section>
<section lang="ru">
<h2>Jauap · Талон для отслеживания обращения</h2>
<p>Проблема № ${view.number}, ${date('ru')}: <span lang="${view.language}">${view.title}</span> (${view.unit.nameRu})</p>
<p>Код отслеживания:</p>
<p class="slip-code">${view.trackingCode}</p>
<p>Как решается проблема, смотрите по этому коду на странице: <strong class="slip-url">${trackRu}</strong></p>
<p>Никому не передавайте код: он только для вас. Повторно показать его мы не сможем.</p>
</section>
</article>
<p class="no-print"><a href="${langPath(sr.locale.lang, `/staff/meetings/${view.meetingId}/problems/new`)}">${w.slipAnother}</a> · <a href="${langPath(sr.locale.lang, `/staff/meetings/${view.meetingId}`)}">${w.slipBack}</a></p>`,
  );
}
