import { builder } from '../../graphql/builder.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { OrganizationRef } from '../organizations/organizations.graphql.ts';
import type { ResponsivenessRow } from './issues.repo.ts';

// How well each body answers for its problems, for the public: a field on Organization and a
// query by code. Computed in SQL; the bodies asked for in one request are computed in one statement.

type OrganizationRow = NonNullable<Awaited<ReturnType<GraphQLContext['services']['organizations']['findOrganization']>>>;

export const ResponsivenessRef = builder.objectRef<ResponsivenessRow & { organization?: OrganizationRow }>('OrganizationResponsiveness').implement({
  description: 'How a body answers for the problems assigned to it (problems it currently holds, unless said otherwise)',
  fields: (t) => ({
    open: t.exposeInt('open', { description: 'ASSIGNED, IN_PROGRESS or REOPENED' }),
    overdue: t.exposeInt('overdue', { description: 'Past the deadline (Kazakhstan time) and not resolved, closed or declined' }),
    resolved: t.exposeInt('resolved', { description: 'RESOLVED or CLOSED' }),
    declined: t.exposeInt('declined'),
    disputed: t.exposeInt('disputed', { description: 'Citizens’ disputes of this body’s resolutions, ever' }),
    medianDaysToResolution: t.exposeFloat('medianDaysToResolution', {
      nullable: true,
      description: 'From the assignment to this body to the resolution; null without resolved problems',
    }),
    shareUpdatedThisQuarter: t.exposeFloat('shareUpdatedThisQuarter', {
      nullable: true,
      description: 'Share (0-1) of the open problems this body updated since the quarter began; null without open problems',
    }),
  }),
});

const QueryResponsivenessRef = builder.objectRef<ResponsivenessRow & { organization: OrganizationRow }>('BodyResponsiveness').implement({
  description: 'A body and its responsiveness',
  fields: (t) => ({
    organization: t.field({ type: OrganizationRef, resolve: (r) => r.organization }),
    responsiveness: t.field({ type: ResponsivenessRef, resolve: (r) => r }),
  }),
});

/** Per request: the ids asked for in one tick go to the database together. */
const loaders = new WeakMap<object, (organizationId: number) => Promise<ResponsivenessRow | undefined>>();
function responsivenessOf(ctx: GraphQLContext, organizationId: number): Promise<ResponsivenessRow | undefined> {
  let load = loaders.get(ctx);
  if (!load) {
    const cache = new Map<number, Promise<ResponsivenessRow | undefined>>();
    let queue: { id: number; resolve: (row: ResponsivenessRow | undefined) => void; reject: (err: unknown) => void }[] = [];
    load = (id) => {
      let pending = cache.get(id);
      if (!pending) {
        pending = new Promise((resolve, reject) => {
          queue.push({ id, resolve, reject });
          if (queue.length > 1) return;
          queueMicrotask(() => {
            const batch = queue;
            queue = [];
            try {
              const rows = ctx.services.issues.responsiveness(batch.map((b) => b.id));
              for (const b of batch) b.resolve(rows.get(b.id));
            } catch (err) {
              for (const b of batch) b.reject(err);
            }
          });
        });
        cache.set(id, pending);
      }
      return pending;
    };
    loaders.set(ctx, load);
  }
  return load(organizationId);
}

builder.objectField(OrganizationRef, 'responsiveness', (t) =>
  t.field({
    type: ResponsivenessRef,
    description: 'How this body answers for the problems assigned to it',
    resolve: async (org, _args, ctx) => {
      const row = await responsivenessOf(ctx, org.id);
      // A body is always in the answer; the fallback only satisfies the type.
      return (
        row ?? {
          organizationId: org.id,
          open: 0,
          overdue: 0,
          resolved: 0,
          declined: 0,
          disputed: 0,
          medianDaysToResolution: null,
          shareUpdatedThisQuarter: null,
        }
      );
    },
  }),
);

builder.queryFields((t) => ({
  responsiveness: t.field({
    type: QueryResponsivenessRef,
    nullable: true,
    description: 'One body’s responsiveness by its code (e.g. MIN-ENERGY); null for an unknown code. For many bodies use organizations { responsiveness }.',
    args: { organizationCode: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.issues.responsivenessByCode(args.organizationCode),
  }),
}));
