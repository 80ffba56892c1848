#!/usr/bin/env node
// The `dcc` command. The implementation is compiled TypeScript in ../dist (built by `npm install`).
import { main } from '../dist/index.js';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
