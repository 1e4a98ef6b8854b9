import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import './common.ts';
import '../modules/accounts/accounts.graphql.ts';
import '../modules/geography/geography.graphql.ts';
import '../modules/organizations/organizations.graphql.ts';
import '../modules/meetings/meetings.graphql.ts';
import '../modules/issues/issues.graphql.ts';

export const schema: GraphQLSchema = builder.toSchema({ sortSchema: true });

/** The SDL committed as schema.graphql: sorted, so diffs show real changes only. */
export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
