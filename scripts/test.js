// `npm test` after lint and typecheck: makes sure the machine has what the suites need, then runs every
// vitest project (unit, SQLite, PostgreSQL, browser). Missing system packages are installed when running
// as root with apt; otherwise the run stops with one line naming the command to run. Never a silent skip.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const isRoot = process.getuid?.() === 0;
const hasApt = fs.existsSync('/usr/bin/apt-get');

function hasCjkFont() {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

function hasPostgres() {
  if (process.env.SAOLEI_TEST_DATABASE_URL) {
    return true;
  }
  const base = '/usr/lib/postgresql';
  return fs.existsSync(base) && fs.readdirSync(base).some((v) => fs.existsSync(`${base}/${v}/bin/initdb`));
}

const needs = [
  { what: 'Chromium', ok: () => fs.existsSync('/usr/bin/chromium'), packages: ['chromium'] },
  { what: 'a CJK font', ok: hasCjkFont, packages: ['fonts-wqy-microhei'] },
  { what: 'PostgreSQL server binaries', ok: hasPostgres, packages: ['postgresql'] },
];

const missing = needs.filter((need) => !need.ok());
if (missing.length > 0) {
  const packages = missing.flatMap((need) => need.packages);
  if (!isRoot || !hasApt) {
    console.error(
      `npm test needs ${missing.map((m) => m.what).join(', ')}: run  sudo apt-get install -y ${packages.join(' ')}`,
    );
    process.exit(1);
  }
  console.log(`installing ${packages.join(' ')} with apt-get ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...packages],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      console.error(
        `apt-get ${args.join(' ')} failed; install by hand: apt-get install -y ${packages.join(' ')}`,
      );
      process.exit(1);
    }
  }
}

// Vitest prints its errors before its summary; a log read from the end (a CI page) then shows only the
// summary. On failure the error blocks are printed again after it, so the cause is the last thing shown.
const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], {
  stdio: ['inherit', 'inherit', 'pipe'],
});
const errors = [];
child.stderr.on('data', (chunk) => {
  process.stderr.write(chunk);
  errors.push(chunk);
});
child.on('close', (code) => {
  if (code !== 0) {
    const lines = Buffer.concat(errors).toString('utf8').split('\n');
    const first = lines.findIndex((line) => line.includes('⎯⎯'));
    const blocks = first < 0 ? lines.slice(-60) : lines.slice(first, first + 120);
    console.error(`\nnpm test failed (exit ${code}); the first errors again:\n${blocks.join('\n')}`);
  }
  process.exit(code ?? 1);
});
