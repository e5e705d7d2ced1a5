#!/usr/bin/env node
// The `sourcelens` command-line tool. It runs the same lib/ code as the extension, through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lib/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
