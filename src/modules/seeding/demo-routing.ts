import type { IssueCategory } from '../shared/enums.ts';
import type { DemoContext } from './demo-context.ts';
import type { RoutingSeed } from './seed-files.ts';

// Who answers for a demo problem, from seeds/demo/routing.json: whether the akimat does, and which
// republican bodies (limited to the regions they serve). Checked once against the reference data, so
// the table cannot name a body that does not exist or that does not take the category.

export interface Answerers {
  akimat: boolean;
  /** Organisation ids, in the table's order. */
  central: number[];
}

export interface DemoRouting {
  answerers(category: IssueCategory, topic: string, regionCode: string): Answerers;
}

export function loadDemoRouting(ctx: DemoContext, seed: RoutingSeed): DemoRouting {
  const routes = new Map(seed.routes.map((r) => [`${r.category}/${r.topic}`, r]));
  for (const r of seed.routes) {
    for (const c of r.central) {
      const id = ctx.orgId(c.body);
      if (!ctx.centralFor(r.category).includes(id)) {
        throw new Error(
          `seeds/demo/routing.json: ${c.body} answers for ${r.category} there, but seeds/reference/organizations.json does not list that category for it`,
        );
      }
    }
  }
  return {
    answerers(category, topic, regionCode) {
      const route = routes.get(`${category}/${topic}`);
      if (!route) throw new Error(`no route for ${category}/${topic}`);
      const central = route.central.filter((c) => !c.regions || c.regions.includes(regionCode)).map((c) => ctx.orgId(c.body));
      return { akimat: route.akimat, central };
    },
  };
}
