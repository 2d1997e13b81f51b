// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The impact authors
// grammar_test.js — the TextMate grammar of editors/vscode, tokenised as VS
// Code does (vscode-textmate on the Oniguruma engine), checked two ways:
//
// 1. Hand-written lines whose scopes are known (keywords, units, percentages,
//    strings, comments, model and outcome names).
// 2. Every .impact file of the repository and every ```impact block of
//    SPEC.md and docs/: each comment, string and keyword found by a small
//    scanner written here from the lexer's rules (lang/lexer.l: `#` to the end
//    of the line outside a string, strings between double quotes on one
//    line, the reserved words) must carry the matching scope.
//
// Prints "N passed, M failed"; exits 1 when anything failed.
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const ROOT = path.resolve(__dirname, '../..');
const GRAMMAR = path.join(ROOT, 'editors/vscode/syntaxes/impact.tmLanguage.json');
const KEYWORDS = ['let', 'fn', 'print', 'use', 'as', 'unit', 'model', 'if', 'then', 'else',
  'and', 'or', 'not', 'in', 'to', 'where', 'by', 'with', 'for', 'assume'];

let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) { passed++; return; }
  failed++;
  console.log('FAIL ' + what);
}

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR),
  });
  return registry.loadGrammar('source.impact');
}

// [{text, scopes}] for each token of each line.
function tokenise(grammar, text) {
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ start: t.startIndex, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

function scopeAt(tokens, col) {
  const t = tokens.find((x) => col >= x.start && col < x.start + x.text.length);
  return t ? t.scopes.join(' ') : '';
}

// The lexer's view of one line: comment start, string spans, keyword columns.
function scan(line) {
  const out = { comment: -1, strings: [], keywords: [] };
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      out.strings.push([i, Math.min(j, line.length - 1)]);
      i = j + 1;
    } else if (c === '#') {
      out.comment = i;
      break;
    } else if (/[\p{L}_]/u.test(c)) {
      let j = i;
      while (j < line.length && /[\p{L}\p{N}_]/u.test(line[j])) j++;
      const word = line.slice(i, j);
      const prev = i > 0 ? line[i - 1] : ' ';
      if (KEYWORDS.includes(word) && prev !== '.') out.keywords.push([i, word]);
      i = j;
    } else if (/[0-9]/.test(c)) {
      while (i < line.length && /[0-9_.eE]/.test(line[i])) i++;
    } else i++;
  }
  return out;
}

function expectScope(grammar, line, fragment, scope, nth = 0) {
  const tokens = tokenise(grammar, line)[0];
  let col = -1;
  for (let k = 0; k <= nth; k++) col = line.indexOf(fragment, col + 1);
  const got = scopeAt(tokens, col);
  check(col >= 0 && got.includes(scope), `'${fragment}' in «${line}»: expected ${scope}, got ${got}`);
}

function knownLines(grammar) {
  expectScope(grammar, 'let grant = 80_000 EUR   # per year', 'let', 'keyword.declaration.impact');
  expectScope(grammar, 'let grant = 80_000 EUR   # per year', '80_000', 'constant.numeric.impact');
  expectScope(grammar, 'let grant = 80_000 EUR   # per year', 'EUR', 'keyword.other.unit.impact');
  expectScope(grammar, 'let grant = 80_000 EUR   # per year', '# per year', 'comment.line.number-sign.impact');
  expectScope(grammar, '  duration = 3 year', 'year', 'keyword.other.unit.impact');
  expectScope(grammar, '  duration = 3 year', 'duration', 'variable.other.property.impact');
  expectScope(grammar, '  deadweight = 25%', '25', 'constant.numeric.impact');
  expectScope(grammar, '  deadweight = 25%', '%', 'keyword.other.unit.percent.impact');
  expectScope(grammar, 'unit MGBP = 1_000_000 GBP', 'MGBP', 'keyword.other.unit.impact');
  expectScope(grammar, 'print "a # is not a comment here"', '#', 'string.quoted.double.impact');
  expectScope(grammar, 'print "a # is not a comment here"', 'print', 'keyword.other.impact');
  expectScope(grammar, 'model coop "CAE — SROI 2024" {', 'coop', 'entity.name.type.model.impact');
  expectScope(grammar, '  outcome income "Revenu" for entrepreneurs {', 'income', 'entity.name.impact');
  expectScope(grammar, '  outcome income "Revenu" for entrepreneurs {', 'for', 'keyword.control.impact');
  expectScope(grammar, 'let w = t where age > 30 and sex == "F"', 'where', 'keyword.operator.word.impact');
  expectScope(grammar, 'if x then 3 else 4', 'else', 'keyword.control.impact');
  expectScope(grammar, 'let ok = true', 'true', 'constant.language.boolean.impact');
  expectScope(grammar, 'let d = pert(45%, 55%, 70%)', '55', 'constant.numeric.impact');
  expectScope(grammar, '  assume dw "Deadweight" = 50% {', 'assume', 'keyword.declaration.impact');
  expectScope(grammar, '  assume dw "Deadweight" = 50% {', 'dw', 'entity.name.impact');
  expectScope(grammar, 'model m "M" { assume dw = 50% }', 'assume', 'keyword.other.impact');
  expectScope(grammar, '    range = 40% to 60%', 'range', 'variable.other.property.impact');
}

function impactSources() {
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (['node_modules', 'build', '.git'].includes(e.name) || e.name.startsWith('build')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.impact')) files.push([p, fs.readFileSync(p, 'utf8')]);
    }
  };
  for (const d of ['examples', 'models', 'stdlib', 'tests/golden', 'bench']) {
    if (fs.existsSync(path.join(ROOT, d))) walk(path.join(ROOT, d));
  }
  const docs = ['SPEC.md'].concat(fs.existsSync(path.join(ROOT, 'docs'))
    ? fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => 'docs/' + f) : []);
  for (const d of docs) {
    const text = fs.readFileSync(path.join(ROOT, d), 'utf8');
    const re = /```impact\n([\s\S]*?)```/g;
    let m, k = 0;
    while ((m = re.exec(text))) files.push([`${d} block ${++k}`, m[1]]);
  }
  return files;
}

function everySource(grammar) {
  let lines = 0;
  for (const [name, text] of impactSources()) {
    const toks = tokenise(grammar, text);
    text.split('\n').forEach((line, n) => {
      lines++;
      const s = scan(line);
      const where = `${path.relative(ROOT, name)}:${n + 1}`;
      if (s.comment >= 0) {
        check(scopeAt(toks[n], s.comment).includes('comment.line'), `${where}: '#' should open a comment`);
      }
      for (const [a] of s.strings) {
        check(scopeAt(toks[n], a).includes('string.quoted'), `${where}:${a + 1}: a string should start here`);
      }
      for (const [col, word] of s.keywords) {
        const got = scopeAt(toks[n], col);
        check(/keyword|storage/.test(got), `${where}:${col + 1}: '${word}' should be a keyword, got ${got}`);
      }
    });
  }
  return lines;
}

(async () => {
  const grammar = await loadGrammar();
  knownLines(grammar);
  const lines = everySource(grammar);
  console.log(`grammar: ${lines} lines of impact tokenised`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.log('FAIL ' + e.stack); console.log(`${passed} passed, ${failed + 1} failed`); process.exit(1); });
