import type { Request } from 'express';
import type { Language } from '../../modules/shared/enums.ts';
import { DomainError, InvalidInputError, NotAuthorizedError, NotFoundError } from '../../modules/shared/errors.ts';
import { parseIsoDate } from '../../modules/shared/iso-time.ts';
import { localDateTime, NATIONAL_ZONE, zonedTimeToUtc } from '../../modules/shared/time-zones.ts';
import { html, type Html } from '../html.ts';
import { fill } from '../i18n/index.ts';
import type { StaffDictionary } from '../i18n/staff.ts';
import { formField } from './csrf.ts';
import { notice } from './layout.ts';

// Reading the akimat's forms into service inputs, and explaining a service's refusal in the
// page's language. The services validate; these helpers only convert what a browser sends
// (strings) into the shapes the services take, leaving anything odd for the service to refuse.

/** A field's text, or undefined when left empty (an optional field not filled in). */
export const optionalText = (req: Request, name: string): string | undefined => {
  const value = formField(req, name).trim();
  return value === '' ? undefined : value;
};

/** A whole number as typed; NaN for anything else, which the service refuses as not a number. */
export const optionalNumber = (req: Request, name: string): number | undefined => {
  const value = formField(req, name).trim();
  if (value === '') return undefined;
  return /^-?\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
};

export const checkbox = (req: Request, name: string): boolean => formField(req, name) === 'on';

/** Every value of a repeated field (checkboxes of one name). */
export function fieldValues(req: Request, name: string): string[] {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string');
}

/**
 * A `datetime-local` value ("2026-11-25T10:00") as an instant in the region's zone, with the offset
 * that zone had then (UTC+6 in Astana before March 2024); anything that is not such a value is
 * passed on for the service to refuse.
 */
export function zonedInstant(local: string | undefined, zone: string): string | undefined {
  if (local === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(local);
  return m && parseIsoDate(m[1]!) ? zonedTimeToUtc(m[1]!, `${m[2]}:00`, zone) : local;
}

/** An instant shown back in a `datetime-local` field, in the region's zone. */
export function localValue(iso: string | null | undefined, zone: string = NATIONAL_ZONE): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return localDateTime(ms, zone).slice(0, 16);
}

// The services speak English; the most frequent reasons, said in Kazakh and Russian.
const MESSAGES: Record<string, { kk: string; ru: string }> = {
  'must not be empty': { kk: 'бос болмауы керек', ru: 'не должно быть пустым' },
  'must be a Kazakhstan phone number such as +7 701 123 45 67': {
    kk: '+7 701 123 45 67 сияқты қазақстандық телефон нөмірі болуы керек',
    ru: 'должен быть казахстанским номером, например +7 701 123 45 67',
  },
  'must be 12 digits': { kk: '12 цифрдан тұруы керек', ru: 'должен состоять из 12 цифр' },
  'is not a valid IIN (its check digit does not match)': {
    kk: 'жарамды ЖСН емес (бақылау цифры сәйкес келмейді)',
    ru: 'недействительный ИИН (не сходится контрольная цифра)',
  },
  'must not be in the future': { kk: 'болашақта болмауы керек', ru: 'не может быть в будущем' },
  'must be before the meeting starts': { kk: 'кездесу басталғанға дейін болуы керек', ru: 'должно быть до начала встречи' },
  'the meeting has not started yet': { kk: 'кездесу әлі басталған жоқ', ru: 'встреча ещё не началась' },
  'the meeting was cancelled': { kk: 'кездесу болдырылмады', ru: 'встреча отменена' },
  'must be an ISO-8601 instant': { kk: 'күні мен уақыты дұрыс емес', ru: 'неверные дата и время' },
  'must not exceed the meeting duration': { kk: 'кездесу ұзақтығынан аспауы керек', ru: 'не может превышать продолжительность встречи' },
  'must not be before actualStartAt': { kk: 'басталу уақытынан бұрын болмауы керек', ru: 'не может быть раньше начала' },
  'must not be before the start': { kk: 'басталу уақытынан бұрын болмауы керек', ru: 'не может быть раньше начала' },
  'name at least one channel': { kk: 'кемінде бір арнаны көрсетіңіз', ru: 'укажите хотя бы один канал' },
  'must be an http(s) link': { kk: 'http(s) сілтемесі болуы керек', ru: 'должна быть ссылкой http(s)' },
  'is required for an ON_DEMAND meeting and only for one': {
    kk: 'тек талап бойынша кездесу үшін міндетті',
    ru: 'обязательно только для встречи по требованию',
  },
  'is required when the problem needs a central-level decision': {
    kk: 'орталық деңгейдегі шешім қажет болса, міндетті',
    ru: 'обязательно, если нужно решение на центральном уровне',
  },
  'is only given when the problem needs a central-level decision': {
    kk: 'тек орталық деңгейдегі шешім қажет болса беріледі',
    ru: 'указывается только если нужно решение на центральном уровне',
  },
  'a problem that needs a central-level decision goes to a ministry, holding or national company': {
    kk: 'орталық деңгейдегі шешімді қажет ететін мәселе министрлікке, холдингке немесе ұлттық компанияға жіберіледі',
    ru: 'проблема, требующая центрального решения, направляется министерству, холдингу или национальной компании',
  },
  'must lie within the territory of the akim who held the meeting': {
    kk: 'кездесуді өткізген әкімнің аумағында болуы керек',
    ru: 'должно находиться на территории акима, проводившего встречу',
  },
  "must lie within the akim's territory": { kk: 'әкімнің аумағында болуы керек', ru: 'должно находиться на территории акима' },
};

function say(lang: Language, message: string): string {
  if (lang === 'en') return message;
  const known = MESSAGES[message];
  if (known) return known[lang];
  if (/expected number/i.test(message)) return lang === 'kk' ? 'бүтін сан болуы керек' : 'должно быть целым числом';
  if (message.startsWith('must not be in the past')) return lang === 'kk' ? 'өткен күн болмауы керек' : 'не может быть в прошлом';
  return message;
}

export interface Refusal {
  status: number;
  notice: Html;
  /** Form field names at fault (for aria-invalid). */
  fields: Set<string>;
}

/**
 * A service's expected failure as a notice in words: each field at fault under its label, or the
 * rule that forbade the step. `labels` maps the service's field paths (first segments) to the
 * form's labels; anything unexpected is rethrown.
 */
export function refusal(lang: Language, w: StaffDictionary, err: unknown, labels: Record<string, string>): Refusal {
  if (err instanceof InvalidInputError) {
    const fields = new Set<string>();
    const details = err.problems.map((p) => {
      const key = Object.keys(labels)
        .filter((k) => p.path === k || p.path.startsWith(`${k}.`))
        .sort((a, b) => b.length - a.length)[0];
      if (key) fields.add(key);
      return `${key ? labels[key] : p.path}: ${say(lang, p.message)}`;
    });
    return { status: 400, notice: notice('alert', w.fixErrors, details), fields };
  }
  if (err instanceof NotAuthorizedError) return { status: 403, notice: notice('alert', w.akOutsideTerritory), fields: new Set() };
  if (err instanceof NotFoundError) {
    const what = err.code.split('/')[0] ?? '';
    const field = Object.keys(labels).find((k) => k.toLowerCase().startsWith(what.replace(/_/g, '')));
    return { status: 400, notice: notice('alert', fill(w.akNotFound, { what: field ? labels[field]! : what })), fields: new Set(field ? [field] : []) };
  }
  if (err instanceof DomainError) return { status: 409, notice: notice('alert', err.message), fields: new Set() };
  throw err;
}

export const invalid = (r: Refusal | undefined, field: string): Html => (r?.fields.has(field) ? html` aria-invalid="true"` : html``);

/** A checkbox's value as sent back into a re-rendered form. */
export const checkboxValue = (value: string | undefined): boolean => value === 'on';
