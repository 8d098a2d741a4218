#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so that the same sources serve `npm start` and the tests.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
