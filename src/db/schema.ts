// Every drizzle table, gathered for drizzle-kit and for the relational query builder.
export * from '../modules/geography/geography.tables.ts';
export * from '../modules/organizations/organizations.tables.ts';
export * from '../modules/accounts/accounts.tables.ts';
export * from '../modules/meetings/meetings.tables.ts';
export * from '../modules/issues/issues.tables.ts';
export * from '../modules/publication/publication.tables.ts';
export * from '../modules/notifications/notifications.tables.ts';
export * from '../modules/groups/groups.tables.ts';
export * from '../modules/publication/areas.tables.ts';
