// Loads dist/cli.cjs through V8's code cache (dist/cli.cjs.cache, made by the build). A cache that
// does not fit this Node (another version or flags) is rejected by V8 and the file compiles as usual.
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');
const vm = require('node:vm');

function laesCli(fil, cachedData) {
  const kilde = readFileSync(fil, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${kilde}\n})`, {
    filename: fil,
    cachedData: cachedData ?? undefined,
  });
  const modul = { exports: {} };
  script.runInThisContext()(modul.exports, createRequire(fil), modul, fil, dirname(fil));
  return { cli: modul.exports, script };
}

module.exports = { laesCli };
