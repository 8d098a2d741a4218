import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/server/demo/demo.ts';
import { createEmptyPgDatabase, createTestDb, type TestDb } from '../helpers/db.ts';

type Run = { code: number | null; stdout: string; stderr: string };

let db: TestDb;
const onPostgres = process.env.SAOLEI_TEST_DB === 'postgres';

beforeAll(async () => {
  db = await createTestDb();
  await loadDemo(db);
});
afterAll(async () => {
  await db.drop();
});

function envFor(target: { dataDir: string; url: string | null }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SAOLEI_DATA: target.dataDir, SAOLEI_LOG_LEVEL: 'silent' };
  delete env.SAOLEI_DATABASE_URL;
  if (target.url) {
    env.SAOLEI_DATABASE_URL = target.url;
  }
  return env;
}

function saolei(args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/saolei.js', ...args], { env: options.env ?? envFor(db) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

describe('saolei CLI', () => {
  it('user add reads the password from stdin; a short one is refused with a one-line reason', async () => {
    const ok = await saolei(
      ['user', 'add', '--username', 'li.si', '--role', 'tracer', '--jurisdiction', '141102006000'],
      {
        stdin: 'a-long-enough-password\n',
      },
    );
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('created user li.si');
    const row = await db.kysely
      .selectFrom('users')
      .select(['role', 'jurisdiction_code'])
      .where('username', '=', 'li.si')
      .executeTakeFirst();
    expect(row).toEqual({ role: 'tracer', jurisdiction_code: '141102006000' });

    const short = await saolei(['user', 'add', '--username', 'wang.wu', '--role', 'tracer'], {
      stdin: 'short\n',
    });
    expect(short.code).not.toBe(0);
    expect(short.stderr.trim().split('\n')).toHaveLength(1);
    expect(short.stderr).toContain('12 characters');
    const badRole = await saolei(['user', 'add', '--username', 'wang.wu', '--role', 'king'], {
      stdin: 'a-long-enough-password',
    });
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain('--role');
  });

  it('user reset-password and disable', async () => {
    const reset = await saolei(['user', 'reset-password', '--username', 'li.si'], {
      stdin: 'another-long-password\n',
    });
    expect(reset.code).toBe(0);
    const disable = await saolei(['user', 'disable', '--username', 'li.si']);
    expect(disable.code).toBe(0);
    const row = await db.kysely
      .selectFrom('users')
      .select('active')
      .where('username', '=', 'li.si')
      .executeTakeFirstOrThrow();
    expect(row.active).toBe(0);
    const unknown = await saolei(['user', 'disable', '--username', 'no.such.user']);
    expect(unknown.code).not.toBe(0);
  });

  it('a bad configuration value stops start-up with a message naming the variable', async () => {
    const run = await saolei(['migrate'], {
      env: { ...envFor(db), SAOLEI_PORT: 'abc', SAOLEI_TZ: 'Mars/Olympus' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('SAOLEI_PORT');
    expect(run.stderr).toContain('SAOLEI_TZ');
  });

  it('fails with a one-line reason and a non-zero code on a bad command line', async () => {
    for (const args of [
      ['frobnicate'],
      ['report', 'weekly'],
      ['match', 'contacts', '--visits', 'v.csv'],
      ['backup'],
    ]) {
      const run = await saolei(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr).toMatch(/^saolei/);
    }
  });

  it('audit verify passes on an intact chain and names the first altered event', async () => {
    const intact = await saolei(['audit', 'verify']);
    expect(intact.stdout).toContain('audit chain intact');
    expect(intact.code).toBe(0);
    await db.kysely.updateTable('audit_events').set({ action: 'user.delete' }).where('seq', '=', 3).execute();
    const altered = await saolei(['audit', 'verify']);
    expect(altered.code).toBe(1);
    expect(altered.stderr).toContain('event 3');
    await db.kysely.updateTable('audit_events').set({ action: 'user.create' }).where('seq', '=', 3).execute();
    expect((await saolei(['audit', 'verify'])).code).toBe(0);
    await db.kysely.deleteFrom('audit_events').where('seq', '=', 5).execute();
    const removed = await saolei(['audit', 'verify']);
    expect(removed.code).toBe(1);
    expect(removed.stderr).toContain('event 6');
  });

  it.runIf(!onPostgres)(
    'editing one audit row inside the SQLite file makes audit verify fail and name it',
    async () => {
      const fresh = await createTestDb();
      try {
        await loadDemo(fresh);
        await fresh.close();
        const file = path.join(fresh.dataDir, 'saolei.db');
        const raw = new SQLite(file);
        raw.prepare("update audit_events set changes = '{}' where seq = 4").run();
        raw.close();
        const run = await saolei(['audit', 'verify'], { env: envFor(fresh) });
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('event 4 (hash_mismatch)');
      } finally {
        fs.rmSync(fresh.dataDir, { recursive: true, force: true });
      }
    },
  );

  // A dozen CLI runs, each starting its own process: more than the project's 30 s on a busy 2-core machine.
  it('backup and restore round-trip the database and the data folder, and the audit chain still verifies', async () => {
    const source = await createTestDb();
    const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'saolei-backup-'));
    const file = path.join(backupDir, 'saolei.backup');
    const empty = onPostgres ? await createEmptyPgDatabase() : null;
    const bareTarget = onPostgres ? await createEmptyPgDatabase() : null;
    const target = { dataDir: path.join(backupDir, 'restored'), url: empty?.url ?? null };
    try {
      await loadDemo(source);
      // The data folder's files: an imported visit log (with its error report) and an attachment.
      for (const name of ['visits-demo.csv', 'visits-demo-persons.csv']) {
        fs.copyFileSync(path.join('src/server/demo', name), path.join(backupDir, name));
      }
      const imported = await saolei(
        [
          'import',
          'visits',
          path.join(backupDir, 'visits-demo.csv'),
          '--persons-ref',
          path.join(backupDir, 'visits-demo-persons.csv'),
        ],
        { env: envFor(source) },
      );
      expect(imported.code, imported.stderr).toBe(0);
      fs.mkdirSync(path.join(source.dataDir, 'attachments', '2020'), { recursive: true });
      fs.writeFileSync(
        path.join(source.dataDir, 'attachments', '2020', 'receipt.jpg'),
        Buffer.from([0xff, 0xd8]),
      );
      // A lock left by an import (its pid may be a live process's on the restored machine): left out.
      fs.writeFileSync(path.join(source.dataDir, 'visits', 'lock'), '1');
      const outbreak = await source.kysely.selectFrom('outbreaks').select('id').executeTakeFirstOrThrow();
      const match = async (env: NodeJS.ProcessEnv, out: string) => {
        const run = await saolei(['match', 'contacts', '--outbreak', String(outbreak.id), '--out', out], {
          env,
        });
        expect(run.code, run.stderr).toBe(0);
        return fs.readFileSync(out, 'utf8');
      };
      const before = await match(envFor(source), path.join(backupDir, 'before.csv'));
      expect(before.trim().split('\n').length).toBeGreaterThan(1);

      const inside = await saolei(['backup', path.join(source.dataDir, 'x.backup')], {
        env: envFor(source),
      });
      expect(inside.code).toBe(2);
      expect(inside.stderr).toMatch(/outside the data folder/);
      const backup = await saolei(['backup', file], { env: envFor(source) });
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain('attachments, visit-import-errors, visits');
      const restore = await saolei(['restore', file], { env: envFor(target) });
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);
      expect(restore.stdout).toContain('audit chain intact');
      const verify = await saolei(['audit', 'verify'], { env: envFor(target) });
      expect(verify.code).toBe(0);
      const files = (dir: string) =>
        fs
          .readdirSync(dir, { recursive: true, encoding: 'utf8' })
          .filter((name) => !name.startsWith('saolei.db') && fs.statSync(path.join(dir, name)).isFile())
          .sort()
          .map((name) => [name, fs.readFileSync(path.join(dir, name)).toString('base64')]);
      const lock = path.join('visits', 'lock');
      expect(files(target.dataDir)).toEqual(files(source.dataDir).filter(([name]) => name !== lock));
      expect(files(target.dataDir).map(([name]) => name)).toContain(
        path.join('attachments', '2020', 'receipt.jpg'),
      );
      // The restored visit store answers as the original did.
      expect(await match(envFor(target), path.join(backupDir, 'after.csv'))).toBe(before);

      const again = await saolei(['restore', file], { env: envFor(target) });
      expect(again.code).not.toBe(0);
      expect(again.stderr).toMatch(/not empty|already exists/);
      // A backup of the database alone (as backups were before they held the data folder) still restores.
      const bare = path.join(backupDir, 'database');
      await tar.extract({ file, cwd: backupDir, filter: (entry) => entry === 'database' });
      const bareRestore = await saolei(['restore', bare], {
        env: envFor({ dataDir: path.join(backupDir, 'bare'), url: bareTarget?.url ?? null }),
      });
      expect(bareRestore.code, bareRestore.stderr).toBe(0);
      expect(bareRestore.stdout).toContain('without the data folder');
      const junk = path.join(backupDir, 'junk.backup');
      fs.writeFileSync(junk, 'not a backup');
      const refused = await saolei(['restore', junk], {
        env: envFor({ dataDir: path.join(backupDir, 'junk'), url: null }),
      });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/not a saolei backup/);
    } finally {
      await source.drop();
      await empty?.drop();
      await bareTarget?.drop();
      fs.rmSync(backupDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('serve without --demo on an empty database creates no password and says how to add a user', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'saolei-serve-'));
    const empty = onPostgres ? await createEmptyPgDatabase() : null;
    try {
      const child = spawn(process.execPath, ['bin/saolei.js', 'serve', '--port', '0'], {
        env: { ...envFor({ dataDir, url: empty?.url ?? null }), SAOLEI_HOST: '127.0.0.1' },
      });
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start-up message: ${out}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('serving on')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      child.kill('SIGTERM');
      expect(out).toContain('saolei user add');
      expect(out).not.toContain('saolei-demo-2020');
    } finally {
      await empty?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
