// Transparent huge pages for glibc's malloc in a one-query process (docs/decisions/017-fresh-memory.md).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';

const tunable = 'glibc.malloc.hugetlb';

/**
 * Whether asking glibc's malloc for huge pages changes anything here: on Linux with transparent huge pages
 * in `madvise` mode (with `always` every process has them already; with `never` none can), glibc 2.35 or
 * later (older ones ignore the tunable), and no `glibc.malloc.hugetlb` set by the user, who may also turn
 * it off with `GLIBC_TUNABLES=glibc.malloc.hugetlb=0`.
 */
export function hugePagesWanted(env = process.env) {
  if (process.platform !== 'linux' || (env.GLIBC_TUNABLES ?? '').includes(tunable)) {
    return false;
  }
  let mode = '';
  try {
    mode = readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8');
  } catch {
    return false;
  }
  if (!mode.includes('[madvise]')) {
    return false;
  }
  process.report.excludeNetwork = true;
  const [major = 0, minor = 0] = String(process.report.getReport().header.glibcVersionRuntime ?? '')
    .split('.')
    .map(Number);
  return major > 2 || (major === 2 && minor >= 35);
}

/**
 * Runs this command again in a child process whose malloc uses huge pages, passing the standard streams
 * through and the signals that stop a command (Ctrl-C, kill) on to it, and ends this process the way the
 * child ended. glibc reads its tunables when a process starts, so a running process cannot turn them on
 * for itself.
 */
export async function rerunWithHugePages() {
  const tunables = [process.env.GLIBC_TUNABLES, `${tunable}=1`].filter(Boolean).join(':');
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, GLIBC_TUNABLES: tunables },
  });
  const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of forwarded) {
    process.on(signal, () => child.kill(signal));
  }
  const [code, signal] = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (...ended) => resolve(ended));
  });
  if (signal) {
    // Ends this process by the same signal, as a shell expects of a command stopped by one.
    for (const name of forwarded) {
      process.removeAllListeners(name);
    }
    process.kill(process.pid, signal);
  }
  process.exit(code ?? 128 + (constants.signals[signal] ?? 15));
}
