import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import './common.ts';
import '../modules/accounts/accounts.graphql.ts';
import '../modules/accounts/accounts.admin.graphql.ts';
import '../modules/geography/geography.graphql.ts';
import '../modules/organizations/organizations.graphql.ts';
import '../modules/meetings/meetings.graphql.ts';
import '../modules/meetings/calendars.graphql.ts';
import '../modules/meetings/compliance.graphql.ts';
import '../modules/issues/issues.graphql.ts';
import '../modules/issues/issues.write.graphql.ts';
import '../modules/issues/issues.tracking.graphql.ts';
import '../modules/issues/issues.responsiveness.graphql.ts';
import '../modules/meetings/meetings.write.graphql.ts';
import '../modules/publication/publication.graphql.ts';
import '../modules/search/search.graphql.ts';
import '../modules/groups/groups.graphql.ts';

export const schema: GraphQLSchema = builder.toSchema({ sortSchema: true });

/** The SDL committed as schema.graphql: sorted, so diffs show real changes only. */
export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
