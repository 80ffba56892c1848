#!/usr/bin/env node
// The `dcc` command. The implementation is compiled TypeScript in ../dist (built by `npm install`).
// A short `dcc validate` first sets V8 flags for a process that ends in a second (see
// src/one-shot-v8-flags.ts): before the command is imported, so before any WebAssembly module
// is compiled or any worker thread started.
import { applyOneShotV8Flags } from '../dist/one-shot-v8-flags.js';

const argv = process.argv.slice(2);
applyOneShotV8Flags(argv);
const { main } = await import('../dist/index.js');
process.exitCode = await main(argv, { stdout: process.stdout, stderr: process.stderr });
