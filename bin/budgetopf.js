#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json) so that start-up skips the ES module loader; see load-cli.cjs.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { laesCli } = require('./load-cli.cjs');

const fil = join(__dirname, '..', 'dist', 'cli.cjs');
let cache = null;
try {
  cache = readFileSync(`${fil}.cache`);
} catch {
  // no cache: compile without it
}
laesCli(fil, cache).cli.run();
