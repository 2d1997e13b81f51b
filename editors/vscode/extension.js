// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The impact authors
// extension.js — starts the impact language server (`impact lsp`) for
// .impact files: diagnostics as you type, hover, completion, go to
// definition.  The server is the `impact` program found on PATH, or the one
// named by the setting impact.server.path; impact.server.maxTime bounds each
// run of a model (seconds).  Without the program, highlighting still works
// and VS Code says the server could not start.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function serverOptions(config) {
  const command = config.get('server.path') || 'impact';
  const args = ['lsp'];
  const maxTime = config.get('server.maxTime');
  if (maxTime) args.push('--max-time', String(maxTime));
  return { command, args, transport: TransportKind.stdio };
}

function activate(context) {
  const config = vscode.workspace.getConfiguration('impact');
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'impact' }],
  };
  client = new LanguageClient('impact', 'impact', serverOptions(config), clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, serverOptions };
