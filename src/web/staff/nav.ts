import type { Role } from '../../modules/shared/enums.ts';
import type { StaffDictionary } from '../i18n/staff.ts';

/**
 * The staff console's navigation: one row per page, with the roles that see it. A new staff page
 * adds its row here (and its words to the staff dictionaries); `requireStaff` on its route must
 * name the same roles. Administrators see every row (the policy lets them act everywhere).
 */
export interface StaffNavItem {
  /** Marks the current page (aria-current) when a page passes it to staffPage(). */
  key: string;
  /** Below the language prefix: "/staff/queue". */
  path: string;
  label: keyof StaffDictionary;
  roles: readonly Role[];
}

const BODY_STAFF: Role[] = ['ORGANIZATION_STAFF', 'AKIMAT_STAFF'];

export const STAFF_NAV: readonly StaffNavItem[] = [
  // Whoever answers for problems: ministries, holdings, companies, and akimats for their own.
  { key: 'queue', path: '/staff/queue', label: 'navQueue', roles: BODY_STAFF },
  // The akimat's work: calendar, meetings, recording and routing problems, compliance.
  { key: 'calendar', path: '/staff/calendar', label: 'navCalendar', roles: ['AKIMAT_STAFF'] },
  { key: 'meetings', path: '/staff/meetings', label: 'navMeetings', roles: ['AKIMAT_STAFF'] },
  { key: 'routing', path: '/staff/routing', label: 'navRouting', roles: ['AKIMAT_STAFF'] },
  { key: 'compliance', path: '/staff/compliance', label: 'navCompliance', roles: ['AKIMAT_STAFF'] },
  // The Government office.
  { key: 'regions', path: '/staff/regions', label: 'navRegions', roles: ['GOVERNMENT_STAFF'] },
  { key: 'rounds', path: '/staff/rounds', label: 'navRounds', roles: ['GOVERNMENT_STAFF'] },
  { key: 'publication', path: '/staff/publication', label: 'navPublication', roles: ['GOVERNMENT_STAFF'] },
  { key: 'responsiveness', path: '/staff/responsiveness', label: 'navResponsiveness', roles: ['GOVERNMENT_STAFF'] },
  // Administration.
  { key: 'users', path: '/staff/users', label: 'navUsers', roles: ['ADMIN'] },
  // Everyone.
  { key: 'account', path: '/staff/account', label: 'navAccount', roles: ['ADMIN', 'AKIMAT_STAFF', 'ORGANIZATION_STAFF', 'GOVERNMENT_STAFF'] },
];

export const navFor = (role: Role): StaffNavItem[] => STAFF_NAV.filter((item) => role === 'ADMIN' || item.roles.includes(role));
