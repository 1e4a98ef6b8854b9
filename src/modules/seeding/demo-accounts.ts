import { hashPassword } from '../accounts/password.ts';
import type { Role } from '../shared/enums.ts';
import type { users } from '../accounts/accounts.tables.ts';

// One demo account per role. Only the demo seed creates users; the README lists these.

export interface DemoAccount {
  email: string;
  password: string;
  role: Role;
  /** The organisation the account acts for (AKIMAT_STAFF and ORGANIZATION_STAFF only). */
  organizationCode: string | null;
  displayName: string;
}

export const DEMO_PASSWORD = 'jauap-demo-2026';

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@jauap.demo', password: DEMO_PASSWORD, role: 'ADMIN', organizationCode: null, displayName: 'Данияр Омаров' },
  { email: 'akimat@jauap.demo', password: DEMO_PASSWORD, role: 'AKIMAT_STAFF', organizationCode: 'AKIMAT-KZ-19', displayName: 'Әсел Жұмабекова' },
  { email: 'energy@jauap.demo', password: DEMO_PASSWORD, role: 'ORGANIZATION_STAFF', organizationCode: 'MIN-ENERGY', displayName: 'Ерлан Тоқтаров' },
  { email: 'water@jauap.demo', password: DEMO_PASSWORD, role: 'ORGANIZATION_STAFF', organizationCode: 'MIN-WATER-RESOURCES', displayName: 'Гүлнар Исмаилова' },
  { email: 'government@jauap.demo', password: DEMO_PASSWORD, role: 'GOVERNMENT_STAFF', organizationCode: null, displayName: 'Нұрлан Бекмұханов' },
];

/** When the demo accounts were "created": the start of the demo. */
const ACCOUNTS_CREATED_AT = '2025-01-09T04:00:00.000Z';

/** scrypt takes ~0.3 s at production's cost: each distinct password is hashed once (before the transaction opens). */
export async function hashDemoPasswords(scryptN?: number, accounts: readonly DemoAccount[] = DEMO_ACCOUNTS): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const password of new Set(accounts.map((a) => a.password))) hashes.set(password, await hashPassword(password, scryptN));
  return hashes;
}

export function demoUserRows(firstId: number, orgIdByCode: ReadonlyMap<string, number>, hashes: ReadonlyMap<string, string>): (typeof users.$inferInsert)[] {
  return DEMO_ACCOUNTS.map((account, i) => {
    let organizationId: number | null = null;
    if (account.organizationCode) {
      const id = orgIdByCode.get(account.organizationCode);
      if (id === undefined) throw new Error(`demo account ${account.email}: organisation ${account.organizationCode} is not in the reference data`);
      organizationId = id;
    }
    const passwordHash = hashes.get(account.password);
    if (!passwordHash) throw new Error(`demo account ${account.email}: password not hashed`);
    return {
      id: firstId + i,
      email: account.email.toLowerCase(),
      passwordHash,
      displayName: account.displayName,
      role: account.role,
      organizationId,
      createdAt: ACCOUNTS_CREATED_AT,
    };
  });
}
