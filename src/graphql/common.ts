import { GraphQLError } from 'graphql';
import { builder } from './builder.ts';
import { LANGUAGES } from '../modules/shared/enums.ts';
import type { Trilingual } from '../modules/shared/localized.ts';
import { DomainError, InvalidInputError } from '../modules/shared/errors.ts';
import { parseIsoDate, parseIsoDateTime } from '../modules/shared/iso-time.ts';

// Shared GraphQL vocabulary: scalars, the language enum, localized names and the error types that
// every mutation may return.

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
  description: 'An expected failure with a stable code, e.g. issue/not_found or input/invalid',
  fields: (t) => ({
    code: t.exposeString('code'),
    message: t.exposeString('message'),
  }),
});

builder.objectType(DomainError, {
  name: 'DomainError',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof DomainError && !(v instanceof InvalidInputError),
});

const FieldProblemRef = builder.objectRef<{ path: string; message: string }>('FieldProblem').implement({
  fields: (t) => ({ path: t.exposeString('path'), message: t.exposeString('message') }),
});

builder.objectType(InvalidInputError, {
  name: 'InvalidInputError',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof InvalidInputError,
  fields: (t) => ({
    problems: t.field({ type: [FieldProblemRef], resolve: (e) => e.problems }),
  }),
});

/** The error types every mutation lists: the domain's own, and bad input. */
export const MUTATION_ERRORS = [InvalidInputError, DomainError];
