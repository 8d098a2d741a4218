import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureWebBuilt } from '../../src/cli/web-build.ts';
import { browserProblem } from './browser.ts';
import './provided.ts';

/** Builds the web app once for the browser suite and checks that Chromium and a CJK font are installed. */
export default async function setup(project: TestProject): Promise<void> {
  const problem = browserProblem();
  if (problem) {
    throw new Error(problem);
  }
  const webDist = path.resolve('dist/web');
  await ensureWebBuilt(webDist);
  fs.mkdirSync('test-results', { recursive: true });
  project.provide('webDist', webDist);
}
