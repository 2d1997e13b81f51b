// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The impact authors
// extension_test.js — the VS Code extension (editors/vscode/extension.js)
// starts the language server: loaded with stand-ins for the `vscode` and
// `vscode-languageclient` modules (which only VS Code provides), its
// activate() must build a client for .impact files whose server command,
// run for real, answers `initialize` as a language server.  Also checks that
// package.json declares what the extension needs.
//
// usage: node extension_test.js IMPACT
'use strict';
const assert = require('assert');
const path = require('path');
const Module = require('module');
const { spawn } = require('child_process');

const ROOT = path.join(__dirname, '../..');
const IMPACT = path.resolve(process.argv[2]);
const pkg = require(path.join(ROOT, 'editors/vscode/package.json'));

assert.strictEqual(pkg.main, './extension.js');
assert.ok(pkg.activationEvents.includes('onLanguage:impact'), 'activationEvents: onLanguage:impact');
assert.ok(pkg.dependencies['vscode-languageclient'], 'vscode-languageclient is a dependency');
assert.ok(pkg.contributes.configuration.properties['impact.server.path'], 'impact.server.path');

let made = null;
const settings = { 'server.path': IMPACT, 'server.maxTime': 2 }; // 2 s: given, passed on
const stand_ins = {
  vscode: { workspace: { getConfiguration: (section) => {
    assert.strictEqual(section, 'impact');
    return { get: (key) => settings[key] };
  } } },
  'vscode-languageclient/node': {
    TransportKind: { stdio: 0 },
    LanguageClient: class {
      constructor(id, name, server, client) {
        made = { id, server, client };
      }
      start() { return Promise.resolve(); }
      stop() { return Promise.resolve(); }
    },
  },
};
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request in stand_ins) return stand_ins[request];
  return load.call(this, request, parent, isMain);
};
const extension = require(path.join(ROOT, 'editors/vscode/extension.js'));
const subscriptions = [];

function frame(message) {
  const body = Buffer.from(JSON.stringify(message));
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
}

extension.activate({ subscriptions }).then(() => {
  assert.ok(made, 'activate() made a language client');
  assert.deepStrictEqual(made.client.documentSelector, [{ scheme: 'file', language: 'impact' }]);
  assert.strictEqual(made.server.command, IMPACT);
  assert.deepStrictEqual(made.server.args, ['lsp', '--max-time', '2']);
  // the command the client would start, started: it speaks the protocol
  const server = spawn(made.server.command, made.server.args, { stdio: ['pipe', 'pipe', 'ignore'] });
  let out = Buffer.alloc(0);
  server.stdout.on('data', (d) => { out = Buffer.concat([out, d]); });
  server.on('exit', (code) => {
    const text = out.toString();
    const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4, text.indexOf('Content-Length', 1)));
    assert.strictEqual(body.result.capabilities.hoverProvider, true);
    assert.strictEqual(code, 0);
    console.log('extension_test: the extension starts impact lsp, which answers initialize');
  });
  server.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { capabilities: {} } }));
  server.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
  server.stdin.end(frame({ jsonrpc: '2.0', method: 'exit' }));
}).catch((e) => { console.error(e); process.exit(1); });
