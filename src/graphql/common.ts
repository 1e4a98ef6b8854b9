import { GraphQLError } from 'graphql';
import { builder } from './builder.ts';
import { LANGUAGES } from '../modules/shared/enums.ts';
import type { Trilingual } from '../modules/shared/localized.ts';
import { DomainError, InvalidInputError } from '../modules/shared/errors.ts';

// Shared GraphQL vocabulary: scalars, the language enum, localized names and the error types that
// every mutation may return.

builder.scalarType('DateTime', {
  description: 'An instant in ISO-8601 UTC, e.g. 2026-03-01T05:00:00.000Z',
  serialize: (v) => v,
  parseValue: (v) => {
    if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw new GraphQLError('DateTime must be an ISO-8601 string', { extensions: { code: 'input/invalid' } });
    return new Date(v).toISOString();
  },
});

builder.scalarType('Date', {
  description: 'A calendar date, YYYY-MM-DD',
  serialize: (v) => v,
  parseValue: (v) => {
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
      throw new GraphQLError('Date must be a valid YYYY-MM-DD date', { extensions: { code: 'input/invalid' } });
    }
    return v;
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
