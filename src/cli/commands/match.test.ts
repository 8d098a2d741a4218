import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hugePagesWanted } from '../../../bin/huge-pages.js';
import { mulberry32 } from '../../core/colocation/random.ts';
import { referenceMatch, type MatchRow } from '../../core/colocation/reference.ts';
import { columns, type Rows } from '../../core/colocation/test-worlds.ts';

type Visit = Rows[number];

const base = 1579910400;

/** A small seeded town: 600 visits, 4 cases, their own visits in the log too, on a 5-minute grid. */
function town(): { visits: Visit[]; cases: Visit[] } {
  const random = mulberry32(1125);
  const int = (n: number) => Math.floor(random() * n);
  const visit = (caseId: number, person: number): Visit => {
    const place = 100 + int(8);
    const start = base + int(100) * 300;
    return { caseId, person, place, cell: 10 + (place % 3), start, end: start + int(10) * 300 };
  };
  const cases = Array.from({ length: 24 }, (_, i) => visit(1 + (i % 4), 1 + (i % 4)));
  const visits = [...Array.from({ length: 600 }, () => visit(0, 1 + int(60))), ...cases.slice(0, 10)];
  return { visits, cases };
}

function run(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/saolei.js', 'match', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function readRows(path: string): { header: string; rows: MatchRow[] } {
  const [header = '', ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const rows = lines.map((line): MatchRow => {
    const [person = 0, caseId = 0, location = 0, overlap = 0] = line.split(',').map(Number);
    return [person, caseId, location, overlap];
  });
  return { header, rows };
}

// Each case spawns the CLI through tsx, which takes seconds on a busy machine.
describe('saolei match (file mode)', { timeout: 120_000 }, () => {
  let dir = '';
  const { visits, cases } = town();
  const paths = { visits: '', cases: '' };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'saolei-match-'));
    paths.visits = join(dir, 'visits.csv');
    paths.cases = join(dir, 'case-visits.csv');
    // Columns out of order, an extra quoted column with a comma, and ISO times for some rows.
    const visitLines = visits.map(
      (v, i) =>
        `"note ${i}, ok",${v.place},${v.person},${v.cell},` +
        (i % 7 === 0 ? `${new Date(v.start * 1000).toISOString()},${v.end}` : `${v.start},${v.end}`),
    );
    visitLines.splice(5, 0, 'broken,101,2,11,not-a-time,1', '"x",101,,11,1,2');
    writeFileSync(
      paths.visits,
      `note,place_id,person_id,cell_id,start_ts,end_ts\n${visitLines.join('\n')}\n`,
    );
    const caseLines = cases.map((c) => `${c.caseId},${c.person},${c.place},${c.cell},${c.start},${c.end}`);
    writeFileSync(
      paths.cases,
      `case_id,person_id,place_id,cell_id,start_ts,end_ts\n${caseLines.join('\n')}\n`,
    );
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes exactly the reference contacts, sorted, and reports the bad rows', () => {
    const out = join(dir, 'contacts.csv');
    const result = run(['contacts', '--visits', paths.visits, '--case-visits', paths.cases, '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    const { header, rows } = readRows(out);
    expect(header).toBe('person_id,case_id,place_id,overlap_seconds');
    const expected = referenceMatch(columns(cases), columns(visits), 'contacts');
    expect(expected.length).toBeGreaterThan(20);
    expect(rows).toEqual(expected);
    expect(result.stderr).toContain('2 bad rows left out');
    expect(result.stderr).toContain('line 7, start_ts: not unix seconds');
    expect(result.stderr).toMatch(/wrote \d+ rows/);
    // The readers kept only the visits overlapping a widened case visit at their place.
    const reaching = visits.filter((v) =>
      cases.some((c) => c.place === v.place && v.start < c.end + 1800 && v.end > c.start - 1800),
    ).length;
    expect(reaching).toBeLessThan(visits.length * 0.9);
    expect(result.stderr).toContain(`read ${visits.length} visits and ${cases.length} case visits`);
    expect(result.stderr).toContain(`kept the ${reaching} visits that can meet a case visit`);
    expect(result.stderr).toMatch(/; peak memory [1-9]\d* MB\n$/);
    expect(readFileSync(`${out}.errors.csv`, 'utf8')).toBe(
      'file,line,field,reason\n' +
        `${paths.visits},7,start_ts,"not unix seconds or an ISO 8601 time with offset: ""not-a-time"""\n` +
        `${paths.visits},8,person_id,empty\n`,
    );
  });

  it('applies the tolerance and the window', () => {
    const out = join(dir, 'window.csv');
    const window = { from: base + 3000, to: base + 15000 };
    const result = run([
      'contacts',
      ...['--visits', paths.visits, '--case-visits', paths.cases, '--out', out],
      ...[
        '--tolerance',
        '600',
        '--from',
        String(window.from),
        '--to',
        new Date(window.to * 1000).toISOString(),
      ],
    ]);
    expect(result.status, result.stderr).toBe(0);
    const expected = referenceMatch(columns(cases), columns(visits), 'contacts', { tolerance: 600, window });
    expect(expected.length).toBeGreaterThan(0);
    expect(readRows(out).rows).toEqual(expected);
  });

  it('writes exactly the reference companions', () => {
    const out = join(dir, 'companions.csv');
    const args = [
      '--visits',
      paths.visits,
      '--case-visits',
      paths.cases,
      '--out',
      out,
      '--min-overlap',
      '1200',
    ];
    const result = run(['companions', ...args]);
    expect(result.status, result.stderr).toBe(0);
    const { header, rows } = readRows(out);
    expect(header).toBe('person_id,case_id,cell_id,overlap_seconds');
    const expected = referenceMatch(columns(cases), columns(visits), 'companions', { minOverlap: 1200 });
    expect(expected.length).toBeGreaterThan(20);
    expect(rows).toEqual(expected);
  });

  it('quotes textual ids that need it in the output, after integers small and large', () => {
    const visitsFile = join(dir, 'text-ids.csv');
    const casesFile = join(dir, 'text-id-cases.csv');
    const at = `${base},${base + 3600}`;
    writeFileSync(
      visitsFile,
      `person_id,place_id,start_ts,end_ts\n"p,1",100,${at}\n"q""2",100,${at}\n8000000,100,${at}\n42,100,${at}\n`,
    );
    writeFileSync(casesFile, `case_id,person_id,place_id,start_ts,end_ts\n5,9,100,${at}\n`);
    const out = join(dir, 'text-ids-out.csv');
    const result = run(['contacts', '--visits', visitsFile, '--case-visits', casesFile, '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    // Integers first, numerically (42 is its own id, 8000000 is numbered: decision 012), then text; each
    // row overlaps the case's widened hour by the visit's hour.
    expect(readFileSync(out, 'utf8')).toBe(
      'person_id,case_id,place_id,overlap_seconds\n42,5,100,3600\n8000000,5,100,3600\n' +
        '"p,1",5,100,3600\n"q""2",5,100,3600\n',
    );
  });

  it('matches a visit file large enough to be read on two threads', () => {
    // About 70 MB: a million visits at 40 places over a day, padded with a note column.
    const random = mulberry32(64);
    const int = (n: number) => Math.floor(random() * n);
    const length = 1_000_000;
    const log = {
      length,
      person: new Int32Array(length),
      place: new Int32Array(length),
      start: new Float64Array(length),
      end: new Float64Array(length),
    };
    const path = join(dir, 'large-visits.csv');
    writeFileSync(path, 'person_id,place_id,start_ts,end_ts,note\n');
    const pad = 'x'.repeat(40);
    for (let from = 0; from < length; from += 100_000) {
      const lines: string[] = [];
      for (let i = from; i < from + 100_000; i++) {
        log.person[i] = int(200_000);
        log.place[i] = 100 + int(40);
        log.start[i] = base + int(86_400);
        log.end[i] = (log.start[i] ?? 0) + int(5400);
        lines.push(`${log.person[i]},${log.place[i]},${log.start[i]},${log.end[i]},${pad}`);
      }
      appendFileSync(path, `${lines.join('\n')}\n`);
    }
    expect(statSync(path).size).toBeGreaterThan(64 << 20);
    const caseRows = Array.from({ length: 20 }, (_, i) => {
      const start = base + int(86_400);
      return {
        caseId: 1 + (i % 5),
        person: 300_000 + (i % 5),
        place: 100 + int(40),
        cell: 0,
        start,
        end: start + 3600,
      };
    });
    const casesPath = join(dir, 'large-cases.csv');
    writeFileSync(
      casesPath,
      `case_id,person_id,place_id,start_ts,end_ts\n${caseRows.map((c) => `${c.caseId},${c.person},${c.place},${c.start},${c.end}`).join('\n')}\n`,
    );
    const out = join(dir, 'large-contacts.csv');
    const result = run(['contacts', '--visits', path, '--case-visits', casesPath, '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    const expected = referenceMatch(columns(caseRows), log, 'contacts');
    expect(expected.length).toBeGreaterThan(10_000);
    expect(readRows(out).rows).toEqual(expected);
    // When the second thread was still reading, the command readied its engine meanwhile.
    expect(result.stderr).toMatch(
      /visit\); (readied the engine in \d+ ms while the second thread read; )?matched in \d+ ms; wrote \d+ rows/,
    );
  });

  it('refuses bad flags and unreadable files with one line and a non-zero exit', () => {
    const out = join(dir, 'never.csv');
    const noVisits = run(['contacts', '--case-visits', paths.cases, '--out', out]);
    expect(noVisits.status).toBe(2);
    // Without --visits the command reads the imported log of an --outbreak; with neither it says so.
    expect(noVisits.stderr).toBe(
      'saolei match: give --visits and --case-visits (file mode) or --outbreak ID (the imported visit log)\n',
    );
    const missing = run([
      'contacts',
      '--visits',
      join(dir, 'nope.csv'),
      '--case-visits',
      paths.cases,
      '--out',
      out,
    ]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^saolei match: cannot read .*nope\.csv \(ENOENT\)\n$/);
    const tolerance = run([
      'contacts',
      '--visits',
      paths.visits,
      '--case-visits',
      paths.cases,
      '--out',
      out,
      '--tolerance',
      '-5',
    ]);
    expect(tolerance.status).toBe(2);
    const noCells = run(['companions', '--visits', paths.cases, '--case-visits', paths.visits, '--out', out]);
    expect(noCells.status).toBe(1);
    expect(noCells.stderr).toContain('lacks case_id');
    expect(existsSync(out)).toBe(false);
  });

  it('runs again with huge pages for malloc where they help, passing a stop signal on to the rerun', async () => {
    // Preloaded into both processes: the rerun (the process whose malloc has the tunable) waits here until
    // it is stopped, so that the test can look at it.
    const hold = join(dir, 'hold-the-rerun.mjs');
    writeFileSync(
      hold,
      "if ((process.env.GLIBC_TUNABLES ?? '').includes('glibc.malloc.hugetlb=1')) {\n" +
        '  setInterval(() => {}, 1000);\n' +
        '  await new Promise(() => {});\n' +
        '}\n',
    );
    const args = [
      'contacts',
      '--visits',
      paths.visits,
      '--case-visits',
      paths.cases,
      '--out',
      join(dir, 'held.csv'),
    ];
    const parent = spawn(process.execPath, ['bin/saolei.js', 'match', ...args], {
      env: { ...process.env, NODE_OPTIONS: `--import=${pathToFileURL(hold).href}` },
    });
    const ended = new Promise<[number | null, string | null]>((resolve) =>
      parent.once('exit', (code, signal) => resolve([code, signal])),
    );
    const pid = parent.pid ?? 0;
    if (!hugePagesWanted()) {
      // No rerun here (not Linux, transparent huge pages not in madvise mode, or glibc before 2.35).
      expect(await ended).toEqual([0, null]);
      return;
    }
    let rerun: number | undefined;
    for (let tries = 0; tries < 300 && rerun === undefined; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      rerun = childrenOf(pid)[0];
    }
    if (rerun === undefined) {
      throw new Error('the command did not run again');
    }
    const held = rerun;
    // The rerun is told apart from a later process given the same pid (the test suite starts many) by when it
    // started.
    const started = startTimeOf(held);
    expect(started).toBeDefined();
    try {
      const environment = readFileSync(`/proc/${held}/environ`, 'utf8').split('\0');
      const tunables = environment.find((entry) => entry.startsWith('GLIBC_TUNABLES='));
      expect(tunables?.split(/[=:]/)).toEqual(expect.arrayContaining(['glibc.malloc.hugetlb', '1']));
      const [, script, ...rerunArgs] = readFileSync(`/proc/${held}/cmdline`, 'utf8').split('\0');
      expect(script).toMatch(/bin\/saolei\.js$/);
      expect(rerunArgs.filter(Boolean)).toEqual(['match', ...args]);
      parent.kill('SIGTERM');
      expect(await ended).toEqual([null, 'SIGTERM']);
      for (let tries = 0; tries < 50 && startTimeOf(held) === started; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(startTimeOf(held), 'the rerun outlived the command').not.toBe(started);
    } finally {
      if (startTimeOf(held) === started) {
        process.kill(held, 'SIGKILL');
      }
    }
  });

  it('leaves malloc alone when the user set its huge-page tunable, or off Linux', () => {
    expect(hugePagesWanted({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' })).toBe(false);
    expect(hugePagesWanted({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1' })).toBe(
      false,
    );
    if (process.platform !== 'linux') {
      expect(hugePagesWanted({})).toBe(false);
    }
  });
});

/** Fields of /proc/PID/stat after the command's name, which is in parentheses and may hold spaces. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** When process `pid` started (clock ticks since boot), or undefined when there is none. */
function startTimeOf(pid: number): string | undefined {
  return statFields(pid)?.[19];
}

/** The processes whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  return (
    readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      // The parent is the fourth field, the second after the command's name.
      .filter((name) => Number(statFields(Number(name))?.[1]) === pid)
      .map(Number)
  );
}
