// Closed vocabularies of the domain. They live here, not in a domain folder, because the tables,
// the GraphQL enums, seeds and CSV formats of several domains all speak them.

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Languages a problem can be raised in (Kazakh and Russian; see docs/decree.md). */
export const ISSUE_LANGUAGES = ['kk', 'ru'] as const;
export type IssueLanguage = (typeof ISSUE_LANGUAGES)[number];

export const UNIT_KINDS = ['OBLAST', 'CITY_REPUBLICAN', 'DISTRICT', 'CITY_OBLAST', 'CITY_DISTRICT', 'TOWN', 'RURAL_OKRUG', 'VILLAGE'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const REGION_KINDS = ['OBLAST', 'CITY_REPUBLICAN'] as const satisfies readonly UnitKind[];

export const ORGANIZATION_KINDS = [
  'CENTRAL_EXECUTIVE_BODY',
  'NATIONAL_HOLDING',
  'NATIONAL_COMPANY',
  /** A republican state enterprise (RSE, e.g. Kazvodkhoz): state property run under a ministry. */
  'STATE_ENTERPRISE',
  /** A state corporation created by law (e.g. "Government for Citizens"). */
  'STATE_CORPORATION',
  /** A joint-stock company the state or a holding owns that is not a national company (e.g. Otbasy Bank, the health insurance fund). */
  'STATE_OWNED_COMPANY',
  'LOCAL_EXECUTIVE_BODY',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
/**
 * The bodies the decree obliges to publish their list every quarter: central executive bodies,
 * national holdings and national companies. Every other body's list (akimats' above all) is
 * published too, as an extra the product offers (docs/decree.md, "Who must publish").
 */
export const DECREE_PUBLISHER_KINDS = ['CENTRAL_EXECUTIVE_BODY', 'NATIONAL_HOLDING', 'NATIONAL_COMPANY'] as const satisfies readonly OrganizationKind[];
export const publishesUnderDecree = (kind: OrganizationKind): boolean => (DECREE_PUBLISHER_KINDS as readonly string[]).includes(kind);
/**
 * Bodies whose problems the Government collects on 15 Feb / 15 Aug. The decree names central
 * executive bodies, national holdings and national companies; the republican enterprises,
 * corporations and companies below them answer at the same (republican) level, so a problem routed
 * to them must not drop out of a collection round.
 */
export const CENTRAL_LEVEL_KINDS = [
  'CENTRAL_EXECUTIVE_BODY',
  'NATIONAL_HOLDING',
  'NATIONAL_COMPANY',
  'STATE_ENTERPRISE',
  'STATE_CORPORATION',
  'STATE_OWNED_COMPANY',
] as const satisfies readonly OrganizationKind[];

export const ISSUE_CATEGORIES = [
  'WATER_SUPPLY',
  'SEWERAGE',
  'ROADS',
  'GAS',
  'ELECTRICITY',
  'HEATING',
  'SCHOOLS',
  'KINDERGARTENS',
  'HEALTHCARE',
  'HOUSING',
  'PUBLIC_TRANSPORT',
  'INTERNET',
  'EMPLOYMENT',
  'STREET_LIGHTING',
  'SOCIAL_SUPPORT',
  'AGRICULTURE',
  'ENVIRONMENT',
  'SAFETY',
  'SPORTS_CULTURE',
  'LAND',
] as const;
export type IssueCategory = (typeof ISSUE_CATEGORIES)[number];

/**
 * NEW: recorded at a meeting, not yet routed. ASSIGNED: routed to a responsible body.
 * IN_PROGRESS: the body has a plan. RESOLVED: the body says it is solved. CLOSED: the citizen
 * confirmed, or the body's answer stood. REOPENED: the citizen disputed a resolution.
 * DECLINED: the body explained why it will not be done (the decree asks to explain ways and deadlines;
 * an honest "no, because" is an answer too).
 */
export const ISSUE_STATUSES = ['NEW', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REOPENED', 'DECLINED'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
/** Statuses in which nobody owes the citizen anything more: never overdue. */
export const FINISHED_STATUSES = ['RESOLVED', 'CLOSED', 'DECLINED'] as const satisfies readonly IssueStatus[];

export const ISSUE_EVENT_KINDS = [
  'RECORDED',
  'ASSIGNED',
  'TRANSFERRED',
  'PROGRESS',
  'CONFIRMED',
  'DISPUTED',
  /** The "needs a central decision" flag set, cleared or its proposal changed after assignment. */
  'CENTRAL_DECISION',
] as const;
export type IssueEventKind = (typeof ISSUE_EVENT_KINDS)[number];
export const ISSUE_ACTORS = ['ORGANIZATION', 'CITIZEN', 'SYSTEM'] as const;

export const ROLES = ['ADMIN', 'AKIMAT_STAFF', 'ORGANIZATION_STAFF', 'GOVERNMENT_STAFF'] as const;
export type Role = (typeof ROLES)[number];

export const CALENDAR_STATUSES = ['DRAFT', 'APPROVED', 'SUBMITTED_TO_GOVERNMENT', 'FORWARDED_TO_ADMINISTRATION'] as const;
export type CalendarStatus = (typeof CALENDAR_STATUSES)[number];

/** Whose akim holds a meeting; coverage rules are written per level. */
export const AKIM_LEVELS = ['REGION', 'CITY_REPUBLICAN', 'DISTRICT', 'CITY_OBLAST', 'TOWN', 'RURAL_OKRUG'] as const;
export type AkimLevel = (typeof AKIM_LEVELS)[number];

export const COVERAGE_PERIODS = ['YEAR', 'HALF_YEAR', 'QUARTER'] as const;
export type CoveragePeriod = (typeof COVERAGE_PERIODS)[number];

export const MEETING_KINDS = ['SCHEDULED', 'ON_DEMAND'] as const;
/**
 * Publicly flagged breaches of how the decree asks meetings to be held ; the
 * thresholds are in meetings/conduct.ts and docs/decree.md.
 */
export const MEETING_CONDUCT_FLAGS = ['REPORT_OVER_QUARTER', 'NO_ONLINE_BROADCAST', 'COMMENTS_CLOSED', 'NOT_ANNOUNCED', 'RESULTS_NOT_PUBLISHED'] as const;
export type MeetingConductFlag = (typeof MEETING_CONDUCT_FLAGS)[number];
export const ON_DEMAND_REASONS = ['POPULATION_DEMAND', 'NECESSITY'] as const;
export const MEETING_STATUSES = ['PLANNED', 'HELD', 'CANCELLED'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const AUDIENCE_CATEGORIES = ['MASLIKHAT_DEPUTIES', 'PARTIES', 'PUBLIC_ORGANIZATIONS', 'OPPOSITION', 'CITIZENS'] as const;
export const ANNOUNCEMENT_CHANNELS = ['MASS_MEDIA', 'OFFICIAL_WEBSITE', 'E_GOVERNMENT_PORTAL', 'OPEN_DATA_PORTAL', 'SOCIAL_MEDIA', 'PUBLIC_PLACES'] as const;

export const ISSUE_CHANGE_KINDS = ['NEW', 'STATUS_CHANGED', 'RESOLVED', 'BECAME_OVERDUE', 'DEADLINE_MOVED', 'UNCHANGED'] as const;
export type IssueChangeKind = (typeof ISSUE_CHANGE_KINDS)[number];

/** SQL CHECK text for a column restricted to a vocabulary. */
export function inList(column: string, values: readonly string[]): string {
  return `${column} in (${values.map((v) => `'${v}'`).join(', ')})`;
}
