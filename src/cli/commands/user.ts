import { z } from 'zod';
import { roles } from '../../server/access/roles.ts';
import { systemActor } from '../../server/http/actor.ts';
import { passwordSchema, usernameSchema } from '../../server/users/users.schema.ts';
import { createUser, editUser, getUserByUsername, resetPassword } from '../../server/users/users.service.ts';
import { AppError } from '../../server/errors/app-error.ts';
import { CliError } from '../errors.ts';
import { parseFlags } from '../flags.ts';
import { openRuntime, readStdin } from '../runtime.ts';

const manager = { audit: { ...systemActor, username: 'cli' }, scope: '' };

export async function userCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { values } = parseFlags(rest, {
    username: { type: 'string' },
    role: { type: 'string' },
    jurisdiction: { type: 'string' },
    'display-name': { type: 'string' },
    data: { type: 'string' },
  });
  const username = usernameSchema.safeParse(values.username ?? '');
  if (!username.success) {
    throw new CliError('--username: 3–32 lowercase letters, digits, dots, underscores or hyphens', 2);
  }
  if (sub !== 'add' && sub !== 'reset-password' && sub !== 'disable') {
    throw new CliError('usage: saolei user add|reset-password|disable --username U ...', 2);
  }
  const role = z.enum(roles).safeParse(values.role);
  if (sub === 'add' && !role.success) {
    throw new CliError(`--role: one of ${roles.join(', ')}`, 2);
  }
  const password = sub === 'disable' ? '' : await readStdin();
  if (sub !== 'disable' && !passwordSchema.safeParse(password).success) {
    throw new CliError('password (stdin): at least 12 characters', 2);
  }
  const { db } = await openRuntime({ dataDir: values.data });
  try {
    await db.kysely.transaction().execute(async (trx) => {
      if (sub === 'add' && role.success) {
        const user = await createUser(trx, manager, {
          username: username.data,
          displayName: values['display-name'] ?? username.data,
          role: role.data,
          jurisdictionCode: values.jurisdiction ?? '141102',
          password,
        });
        process.stdout.write(`created user ${user.username} (${user.role}, ${user.jurisdictionCode})\n`);
        return;
      }
      const user = await getUserByUsername(trx, manager, username.data);
      if (sub === 'reset-password') {
        await resetPassword(trx, manager, user.id, password);
        process.stdout.write(`password of ${user.username} changed; its sessions ended\n`);
        return;
      }
      await editUser(trx, manager, user.id, { version: user.version, active: false });
      process.stdout.write(`user ${user.username} disabled; its sessions ended\n`);
    });
  } catch (error) {
    if (error instanceof AppError) {
      const detail = error.details[0];
      throw new CliError(detail?.field ? `${detail.field}: ${detail.code}` : error.localizedMessage('en'));
    }
    throw error;
  } finally {
    await db.close();
  }
}
