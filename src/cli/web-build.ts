import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CliError } from './errors.ts';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Builds the web app with Vite when it is missing or older than its sources. */
export async function ensureWebBuilt(webDist: string, webSource = 'web'): Promise<void> {
  const index = path.join(webDist, 'index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(webSource)) {
    return;
  }
  process.stdout.write('building the web app (vite build)...\n');
  const vite = path.resolve('node_modules/vite/bin/vite.js');
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      [
        vite,
        'build',
        '--config',
        path.join(webSource, 'vite.config.ts'),
        '--outDir',
        path.resolve(webDist),
        '--emptyOutDir',
      ],
      {
        stdio: 'inherit',
      },
    );
    child.on('exit', resolve);
  });
  if (code !== 0) {
    throw new CliError('the web build failed (see above)');
  }
}
