/** The levels of the union tree, their names and ranks: plain data, no zod (the app's main package reads them). */
export const ORG_LEVELS = ['province', 'city', 'industry', 'county', 'basic'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const ORG_LEVEL_NAMES: Record<OrgLevel, string> = {
  province: '省总工会',
  city: '市总工会',
  industry: '产业工会',
  county: '县区工会',
  basic: '基层工会',
};

/**
 * How far down the tree a level sits: a union's children must sit strictly lower (province > city and
 * industry > county > basic). City and industry unions are siblings in rank: neither holds the other.
 */
export const LEVEL_RANK: Record<OrgLevel, number> = { province: 0, city: 1, industry: 1, county: 2, basic: 3 };
/** The levels a new child of a union at `parent` may have. */
export const childLevels = (parent: OrgLevel): OrgLevel[] => ORG_LEVELS.filter((l) => LEVEL_RANK[l] > LEVEL_RANK[parent]);
