import type { Command } from 'commander';
import { hashPassword } from '../platform/auth/passwords.ts';
import { CliError, withDatabase } from './cli-context.ts';
import { createAdmin, CreateAdminSchema } from './create-admin.service.ts';
import { readPipedSecret } from './read-secret.ts';

/** `coalition create-admin --email <e> --name <n>`: the first (or another) network admin. */
export function registerCreateAdminCommand(program: Command): void {
  program
    .command('create-admin')
    .description(
      'Create a network admin at the national office, or promote an existing person. The password comes from ' +
        'COALITION_ADMIN_PASSWORD or standard input (echo pw | coalition create-admin …); without one, the admin sets it via /forgot-password.',
    )
    .requiredOption('--email <email>', 'their email address (marked verified)')
    .option('--name <name>', 'their full name (needed when the person does not exist yet)')
    .action(async (opts: { email: string; name?: string }) => {
      // Read the secret before anything else can print: a piped password is consumed once.
      const password = process.env.COALITION_ADMIN_PASSWORD || (await readPipedSecret());
      const parsed = CreateAdminSchema.safeParse({ email: opts.email, name: opts.name, password });
      if (!parsed.success) {
        const label = (field: unknown) => (field === 'password' ? 'password (COALITION_ADMIN_PASSWORD or standard input)' : `--${String(field)}`);
        throw new CliError(parsed.error.issues.map((i) => `${label(i.path[0])}: ${i.message}`).join('\n'));
      }
      await withDatabase(
        async (database, config) => {
          const passwordHash = parsed.data.password ? await hashPassword(parsed.data.password) : null;
          const outcome = await createAdmin(database.db, { email: parsed.data.email, name: parsed.data.name, passwordHash });
          const { person, organisation } = outcome;
          if (outcome.organisationCreated) console.log(`Created the national office "${organisation.name}" (/${organisation.slug}).`);
          console.log(
            outcome.personCreated
              ? `Created ${person.name} <${person.email}> as a network admin of ${organisation.name}.`
              : outcome.roleGranted
                ? `Promoted ${person.name} <${person.email}> to network admin of ${organisation.name}.`
                : `${person.name} <${person.email}> is already a network admin of ${organisation.name}.`,
          );
          if (person.disabled_at) console.log('Note: this account is disabled; another admin must enable it before it can sign in.');
          if (outcome.passwordSet) {
            console.log(`Password set. Sign in at ${config.baseUrl}/login`);
          } else if (!person.password_hash) {
            console.log(
              `No password is set yet. Open ${config.baseUrl}/forgot-password and enter ${person.email}: a link to choose one is emailed` +
                (config.smtpUrl ? '.' : ` (no SMTP_URL is configured, so the email is written to ${config.outboxDir}).`),
            );
          }
        },
        { migrate: true },
      );
    });
}
