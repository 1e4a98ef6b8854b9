import SchemaBuilder from '@pothos/core';
import DrizzlePlugin from '@pothos/plugin-drizzle';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.ts';
import { relations } from '../db/relations.ts';
import { NotAuthorizedError } from '../modules/shared/errors.ts';
import type { GraphQLContext } from './context.ts';

// The builder declares no types: each domain's *.graphql.ts registers its own (Pothos app layout).
export interface SchemaTypes {
  Context: GraphQLContext;
  DrizzleRelations: typeof relations;
  DefaultFieldNullability: false;
  AuthScopes: {
    signedIn: boolean;
    admin: boolean;
    akimatStaff: boolean;
    organizationStaff: boolean;
    governmentStaff: boolean;
  };
  Scalars: {
    DateTime: { Input: string; Output: string };
    Date: { Input: string; Output: string };
    ID: { Input: string; Output: string | number };
  };
}

const MISSING_MODEL = /^Model \w+\(.*\) not found$/s;

async function nullWhenMissing<T>(load: () => Promise<T> | T): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof Error && MISSING_MODEL.test(error.message)) return null;
    throw error;
  }
}

export const builder = new SchemaBuilder<SchemaTypes>({
  // Errors before scope-auth, so that a refused scope becomes a typed result on fields that list it.
  plugins: [ErrorsPlugin, ScopeAuthPlugin, RelayPlugin, DrizzlePlugin],
  defaultFieldNullability: false,
  drizzle: {
    client: (ctx) => ctx.db as Db,
    getTableConfig,
    relations,
    defaultConnectionSize: 20,
    maxConnectionSize: 100,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // A well-formed id of a row that does not exist (or no longer does) is a missing node, not a
    // server failure: the drizzle loader rejects such ids, so `node`/`nodes` answer null for them.
    nodeQueryOptions: { resolve: (_root, { id }, _ctx, _info, resolveNode) => nullWhenMissing(() => resolveNode(id)) },
    nodesQueryOptions: {
      resolve: (_root, { ids }, _ctx, _info, resolveNodes) => ids.map((id) => nullWhenMissing(async () => (await resolveNodes([id]))[0])),
    },
  },
  errors: { defaultTypes: [] },
  scopeAuth: {
    authScopes: (ctx) => ({
      signedIn: ctx.viewer !== null,
      admin: ctx.viewer?.role === 'ADMIN',
      akimatStaff: ctx.viewer?.role === 'AKIMAT_STAFF',
      organizationStaff: ctx.viewer?.role === 'ORGANIZATION_STAFF',
      governmentStaff: ctx.viewer?.role === 'GOVERNMENT_STAFF',
    }),
    unauthorizedError: (_parent, ctx) => new NotAuthorizedError(ctx.viewer ? 'auth/forbidden' : 'auth/unauthenticated'),
  },
});

builder.queryType({});
builder.mutationType({});
