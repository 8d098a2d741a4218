import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const BROWSER_PACKAGES = ['chromium', 'fonts-wqy-microhei'];

function hasCjkFont(): boolean {
  try {
    const out = execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
    return out.trim().length > 0;
  } catch {
    return false;
  }
}

/** Null when the browser suite can run; otherwise one line naming the command that fixes it. */
export function browserProblem(): string | null {
  const missing: string[] = [];
  if (!fs.existsSync(CHROMIUM)) {
    missing.push('chromium');
  }
  if (!hasCjkFont()) {
    missing.push('a CJK font');
  }
  if (missing.length === 0) {
    return null;
  }
  return `browser tests need ${missing.join(' and ')}: run  sudo apt-get install -y ${BROWSER_PACKAGES.join(' ')}`;
}
