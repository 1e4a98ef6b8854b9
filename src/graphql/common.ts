import { GraphQLError } from 'graphql';
import { builder } from './builder.ts';
import { LANGUAGES } from '../modules/shared/enums.ts';
import type { Trilingual } from '../modules/shared/localized.ts';
import {
  type CodeEntry,
  type CodeTable,
  type DomainError,
  InvalidInputError,
  NOT_AUTHORIZED,
  NOT_FOUND,
  NotAuthorizedError,
  NotFoundError,
  type RuleFamilyError,
} from '../modules/shared/errors.ts';
import { parseIsoDate, parseIsoDateTime } from '../modules/shared/iso-time.ts';

// Shared GraphQL vocabulary: scalars, the language enum, localized names, the Error interface and
// the error types many mutations return.

const invalidScalar = (message: string) => new GraphQLError(message, { extensions: { code: 'input/invalid' } });

builder.scalarType('DateTime', {
  description: 'An instant in ISO-8601 with an explicit offset, e.g. 2026-03-01T10:00:00+05:00 or 2026-03-01T05:00:00.000Z; answered in UTC',
  serialize: (v) => v,
  parseValue: (v) => {
    const instant = typeof v === 'string' ? parseIsoDateTime(v) : null;
    if (instant === null) throw invalidScalar('DateTime must be an ISO-8601 instant with a real date and time and an offset (Z or ±HH:MM)');
    return instant;
  },
});

builder.scalarType('Date', {
  description: 'A calendar date, YYYY-MM-DD',
  serialize: (v) => v,
  parseValue: (v) => {
    const date = typeof v === 'string' ? parseIsoDate(v) : null;
    if (date === null) throw invalidScalar('Date must be a valid YYYY-MM-DD calendar date');
    return date;
  },
});

export const LanguageEnum = builder.enumType('Language', {
  description: 'kk: Kazakh, ru: Russian, en: English',
  values: LANGUAGES,
});

export const LocalizedNamesRef = builder.objectRef<Trilingual>('LocalizedNames').implement({
  description: 'A name in each of the three public languages',
  fields: (t) => ({
    kk: t.exposeString('nameKk'),
    ru: t.exposeString('nameRu'),
    en: t.exposeString('nameEn'),
  }),
});

export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  description:
    'An expected failure: nothing was written. `code` is stable ("domain/reason", the same string the REST routes and the CLI print); ' +
    'each error type documents its codes, and a family of rules (CalendarError, MeetingError, ...) also names its reason as an enum',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'e.g. issue/not_found, input/invalid, calendar/invalid_status' }),
    message: t.exposeString('message', { description: 'For people, in English; clients switch on the code or the enum' }),
  }),
});

/**
 * A family's code table as a GraphQL enum: each reason in upper case, described by when it
 * happens and its code. The table is the only place the family's codes are written.
 */
export function reasonEnum(name: string, description: string, table: CodeTable) {
  const values: Record<string, { value: string; description: string }> = {};
  for (const [reason, { code, when }] of Object.entries(table)) values[reason.toUpperCase()] = { value: reason, description: `${when} (code ${code})` };
  return builder.enumType(name, { description, values });
}

/**
 * The GraphQL type of a family of rule violations: the Error fields and the reason, under a name
 * of its own (two enums behind one field name could not be selected side by side in a query).
 */
export function ruleErrorType<T extends Record<keyof T, CodeEntry>>(
  family: new (reason: keyof T & string, message: string) => RuleFamilyError<T>,
  options: { name: string; description: string; reasonField: string; reasonEnum: ReturnType<typeof reasonEnum> },
) {
  builder.objectType(family, {
    name: options.name,
    description: options.description,
    interfaces: [ErrorInterface],
    isTypeOf: (v) => v instanceof family,
    fields: (t) => ({ [options.reasonField]: t.field({ type: options.reasonEnum, resolve: (e) => e.reason }) }),
  });
}

const FieldProblemRef = builder.objectRef<{ path: string; message: string }>('FieldProblem').implement({
  fields: (t) => ({ path: t.exposeString('path'), message: t.exposeString('message') }),
});

builder.objectType(InvalidInputError, {
  name: 'InvalidInputError',
  description: 'Bad input (code input/invalid): nothing was written. Each problem names the field at fault.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof InvalidInputError,
  fields: (t) => ({
    problems: t.field({ type: [FieldProblemRef], resolve: (e) => e.problems }),
  }),
});

const NotAuthorizedReasonEnum = reasonEnum('NotAuthorizedReason', 'Why the caller may not do this', NOT_AUTHORIZED);

builder.objectType(NotAuthorizedError, {
  name: 'NotAuthorizedError',
  description: 'The caller is not signed in (auth/unauthenticated) or may not do this (auth/forbidden)',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof NotAuthorizedError,
  fields: (t) => ({ reason: t.field({ type: NotAuthorizedReasonEnum, resolve: (e) => e.reason }) }),
});

const NotFoundEntityEnum = reasonEnum('NotFoundEntity', 'What the caller named that does not exist or is not visible to them', NOT_FOUND);

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'Something the caller named does not exist, or is not visible to them: the same answer for both (code <entity>/not_found)',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof NotFoundError,
  fields: (t) => ({ entity: t.field({ type: NotFoundEntityEnum, resolve: (e) => e.entity }) }),
});

/** What nearly every mutation can answer: bad input, and a caller who may not do it. */
export const INPUT_AND_AUTH_ERRORS = [InvalidInputError, NotAuthorizedError];
