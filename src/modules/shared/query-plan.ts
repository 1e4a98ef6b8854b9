/**
 * How a GraphQL selection reaches a repository without the repository knowing GraphQL: the
 * Pothos drizzle plugin hands resolvers a function that merges the fields a client selected
 * (columns and nested relations) into drizzle query options. Repositories build their own
 * `where` and `orderBy` and pass them through the plan; callers outside GraphQL use `asIs`.
 */
export type QueryPlan = <T>(options: T) => T;

export const asIs: QueryPlan = (options) => options;

/** Pothos's `query` argument, typed as a QueryPlan at the resolver boundary. */
export function planFrom(query: unknown): QueryPlan {
  return query as QueryPlan;
}
