import { loadConfig } from '../config.ts';
import { createApp } from '../app.ts';
import { DomainError } from '../modules/shared/errors.ts';
import { readPassword } from './read-password.ts';
import { parseCommandLine } from './args.ts';

const USAGE =
  'usage: npm run user:create -- --email E --role ROLE [--organization CODE | --region CODE] [--name "Full Name"] (the password is read from the prompt or stdin)';

// npm run user:create -- --email E --role ROLE [--organization CODE | --region CODE] [--name N]
// The password is typed at the prompt, or piped as the first line of stdin; never an argument.
// --region CODE is a shortcut for that region's akimat (AKIMAT-<CODE>).
async function main() {
  const { values } = parseCommandLine(USAGE, {
    email: { type: 'string' },
    password: { type: 'string' },
    role: { type: 'string' },
    organization: { type: 'string' },
    region: { type: 'string' },
    name: { type: 'string' },
  });
  if (values.password !== undefined) {
    throw new Error(
      '--password is not accepted: a password on the command line stays in the process list and the shell history. Type it at the prompt, or pipe it on stdin.',
    );
  }
  if (!values.email || !values.role) {
    throw new Error(USAGE);
  }
  const password = await readPassword(`Password for ${values.email}: `);
  if (values.organization && values.region) throw new Error('give --organization or --region, not both');
  const app = createApp(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
  try {
    const organizationCode = values.region ? `AKIMAT-${values.region.trim().toUpperCase()}` : values.organization;
    const user = await app.services.accounts.createUser({
      email: values.email,
      password,
      role: values.role,
      displayName: values.name ?? values.email,
      organizationCode,
    });
    console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
  } finally {
    app.close();
  }
}

main().catch((err) => {
  console.error(err instanceof DomainError ? `${err.code}: ${err.message}` : `error: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
