#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so that the same sources serve `npm start` and the tests.
import { hugePagesWanted, rerunWithHugePages } from './huge-pages.js';

// `saolei match` is one query over files of millions of rows: most of its engine's time was the kernel
// handing out fresh memory a 4 KiB page at a time, which huge pages cut (docs/decisions/017-fresh-memory.md).
if (process.argv[2] === 'match' && hugePagesWanted()) {
  await rerunWithHugePages();
}
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli/main.ts');
