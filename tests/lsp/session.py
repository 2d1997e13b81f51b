#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""make check-lsp: a scripted editor session with `impact lsp`.

Frames JSON-RPC messages (Content-Length) as an editor does and checks each
answer against values worked out by hand (the comments say how): the
diagnostic of an unknown name at its place in UTF-16 units, its
disappearance once fixed, hover texts, completion items, go to definition
across `use`, then malformed input the server must answer without dying, a
document that never ends, a huge document, and the exit statuses.

usage: session.py IMPACT
"""
import json
import os
import subprocess
import sys
import time

IMPACT = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.join(HERE, "project")
URI = "file://" + os.path.join(PROJECT, "model.impact")
LIB_URI = "file://" + os.path.join(PROJECT, "lib.impact")
failures = []


def check(what, got, expected):
    if got != expected:
        failures.append(what)
        print(f"FAIL {what}\n  expected: {expected!r}\n  got:      {got!r}")
    else:
        print(f"ok   {what}")


class Server:
    def __init__(self, *args, lang="C.UTF-8"):
        env = dict(os.environ, LANG=lang, LANGUAGE="", LC_ALL="", LC_MESSAGES="")
        self.p = subprocess.Popen([IMPACT, "lsp", *args], stdin=subprocess.PIPE, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 0

    def raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def receive(self):
        length = None
        while True:
            line = self.p.stdout.readline()
            if line == b"":
                raise EOFError("the server closed its output")
            if line == b"\r\n":
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.p.stdout.read(length))

    def request(self, method, params=None):
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        answer = self.receive()
        assert answer.get("id") == self.next_id, answer
        return answer

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def at(self, method, line, character, uri=URI):
        return self.request(method, {"textDocument": {"uri": uri},
                                     "position": {"line": line, "character": character}})

    def open(self, text, uri=URI):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "impact", "version": 1, "text": text}})
        return self.receive()["params"]["diagnostics"]

    def change(self, text, uri=URI):
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                               "contentChanges": [{"text": text}]})
        return self.receive()["params"]["diagnostics"]

    def finish(self):
        self.request("shutdown")
        self.notify("exit", None)
        return self.p.wait(timeout=10)


MODEL = """use "lib" as lib
let people = 40
let coût = 1_500 EUR * 12
let coût_total = coût * peple
let T = csv("people.csv")
model m "Test" {
  stakeholder p "People"
  input grant "Grant" = 10_000 EUR
  outcome jobs "Jobs" for p {
    quantity = people
    proxy = lib.wage.amount
    deadweight = 25%
  }
}
"""
FIXED = MODEL.replace("* peple", "* people")


def labels(answer):
    return {item["label"] for item in answer["result"]}


def session():
    s = Server()
    # Before initialize a request is refused with the LSP code -32002.
    check("request before initialize", s.request("textDocument/hover", {})["error"]["code"],
          -32002)
    caps = s.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    caps = caps["result"]["capabilities"]
    check("capabilities", (caps["textDocumentSync"], caps["hoverProvider"],
                           caps["definitionProvider"], "completionProvider" in caps),
          (1, True, True, True))
    s.notify("initialized", {})

    # `peple` on line 4 (0-based 3): "let coût_total = coût * " is 24 UTF-16
    # units (each û is 2 bytes but 1 unit), so the name covers 24 to 29.
    diags = s.open(MODEL)
    check("one diagnostic", len(diags), 1)
    check("diagnostic range", diags[0]["range"],
          {"start": {"line": 3, "character": 24}, "end": {"line": 3, "character": 29}})
    check("diagnostic says the name", "'peple'" in diags[0]["message"], True)
    check("diagnostic is an error", diags[0]["severity"], 1)

    # three problems, each at its place: the unknown name (as above), the
    # deadweight of 150% on line 12 ("    deadweight" starts at 4, 10 letters),
    # the "(" never closed on line 15 ("let z = " is 8 characters)
    diags = s.change(MODEL.replace("deadweight = 25%", "deadweight = 150%") + "let z = (1 +\n")
    check("every problem of the file", [(d["range"]["start"]["line"], d["range"]["start"]["character"],
                                         d["range"]["end"]["character"]) for d in diags],
          [(3, 24, 29), (11, 4, 14), (14, 8, 9)])

    check("fixed: no diagnostic", s.change(FIXED), [])

    # coût = 1 500 EUR × 12 = 18 000 EUR
    hover = s.at("textDocument/hover", 2, 5)["result"]
    check("hover on a name: value and unit", hover["contents"]["value"],
          "```impact\ncoût = 18000 EUR\n```")
    check("hover range (UTF-16)", hover["range"],
          {"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 8}})
    # jobs: 40 × 1000 EUR × (1 − 25%) = 30 000 EUR in year 1, one year
    # (the default duration) discounted at the default 3.5%:
    # 30000 / 1.035 = 28985.5 EUR.
    hover = s.at("textDocument/hover", 8, 11)["result"]["contents"]["value"]
    check("hover on an outcome", hover,
          "```impact\nm.jobs = {…}\n```\n\nJobs\n\nImpact in its first year: 30000 EUR"
          "\n\nPresent value: 28985.5 EUR")
    # the model: SROI = 28985.5 / 10000 = 2.89855
    hover = s.at("textDocument/hover", 5, 6)["result"]["contents"]["value"]
    check("hover on a model", hover,
          "```impact\nm = <model>\n```\n\nSROI ratio: 2.89855\n\nPresent value: 28985.5 EUR")
    # `wage` in `proxy = lib.wage.amount` (line 10): a proxy with its source
    hover = s.at("textDocument/hover", 10, 17)["result"]["contents"]["value"]
    check("hover on a proxy: its source", hover,
          "```impact\nlib.wage = {…}\n```\n\nMonthly wage\n\nAmount: 1000 EUR\n\n"
          "Source: A made-up source for the test\n\n<https://example.org/wage>")

    # go to definition: `wage` is bound on line 3 (0-based 2) of lib.impact,
    # `let wage`: characters 4 to 8; `people` on line 2 of the model.
    check("definition across use", s.at("textDocument/definition", 10, 17)["result"],
          {"uri": LIB_URI, "range": {"start": {"line": 2, "character": 4},
                                     "end": {"line": 2, "character": 8}}})
    check("definition in the file", s.at("textDocument/definition", 9, 16)["result"],
          {"uri": URI, "range": {"start": {"line": 1, "character": 4},
                                 "end": {"line": 1, "character": 10}}})
    check("definition of the used file", s.at("textDocument/definition", 0, 6)["result"]["uri"],
          LIB_URI)

    # a proxy of the library shipped with impact: RSA, 527 EUR a month ×
    # 12 = 6324 EUR a year, read from DREES (std/proxies_fr.impact)
    s.change('use "std/proxies_fr" as fr\nlet p = fr.rsa.amount\n')
    hover = s.at("textDocument/hover", 1, 12)["result"]["contents"]["value"].split("\n\n")
    check("hover on a shipped proxy", (hover[0], hover[2], hover[3][:14]),
          ("```impact\nfr.rsa = {…}\n```", "Amount: 6324 EUR", "Source: DREES,"))

    # an error inside lib.add_year (1 EUR + 1 year) is shown where the
    # document calls it: "let bad = lib.add_year" is 22 characters, the call's
    # place is its "(", and the message says where in lib.impact (line 8,
    # column 20: the "+")
    diags = s.change(FIXED + "let bad = lib.add_year(1 EUR)\n")
    check("error in a module: at the call", [d["range"]["start"] for d in diags],
          [{"line": 14, "character": 22}])
    check("error in a module: its place there", "lib.impact:8:20: cannot add EUR and year"
          in diags[0]["message"] if diags else None, True)
    s.change(FIXED)

    completion(s)
    check("exit after shutdown: status 0", s.finish(), 0)


def completion(s):
    # inside the outcome block (line 11 "    deadweight = 25%"): the fields
    items = labels(s.at("textDocument/completion", 11, 4))
    check("outcome fields", {"quantity", "proxy", "deadweight", "attribution", "dropoff",
                             "duration"} <= items, True)
    # names in scope, built-ins, keywords, and the column titles of
    # people.csv (its first line: age,commune)
    check("names, built-ins, columns", {"people", "coût", "lib", "m", "csv", "let", "age",
                                        "commune"} <= items, True)
    # after `lib.`: the names lib.impact binds
    text = FIXED + "let w = lib.\n"
    s.change(text)
    check("names of a module", labels(s.at("textDocument/completion", 14, 12)) >= {"rate", "wage"},
          True)
    # after `use "std/`: the modules of stdlib/std
    s.change('use "std/\n')
    items = s.at("textDocument/completion", 0, 9)["result"]
    check("std/ modules", {"std/proxies_fr", "std/wellbeing"} <= {i["label"] for i in items}, True)
    check("module item replaces the typed path", items[0]["textEdit"]["range"],
          {"start": {"line": 0, "character": 5}, "end": {"line": 0, "character": 9}})
    s.change('use "\n')
    check("use: std/, models/ and the folder's modules",
          {"std/", "models/", "lib"} <= labels(s.at("textDocument/completion", 0, 5)), True)


def malformed():
    # a limit of 1 s (the default is 10 s: interp_tool_max_time)
    s = Server("--max-time", "1")
    s.request("initialize", {"capabilities": {}})
    s.raw(b"Content-Length: 9\r\n\r\n{not json")
    answer = s.receive()
    check("malformed JSON: parse error", (answer["id"], answer["error"]["code"]), (None, -32700))
    s.send([1, 2])
    check("not a request: invalid request", s.receive()["error"]["code"], -32600)
    s.raw(b"Content-Type: x\r\n\r\n")
    check("no Content-Length: invalid request", s.receive()["error"]["code"], -32600)
    s.notify("$/unknownNotification", {})  # ignored: no answer
    check("unknown method", s.request("workspace/unknown", {})["error"]["code"], -32601)
    check("hover without a position", s.request("textDocument/hover", {})["error"]["code"], -32602)
    check("hover on a document never opened",
          s.at("textDocument/hover", 0, 0, uri="file:///nowhere.impact")["result"], None)
    # a text that is not UTF-8, with a NUL byte: located, not a crash
    diags = s.open("let a = \u0000 1\n")
    check("NUL byte: one error", len(diags), 1)
    # a position past the end of the text
    check("hover past the end", s.at("textDocument/hover", 1000, 1000)["result"], None)
    # a document whose run never ends: stopped by the time limit, the
    # server then answers at once
    started = time.monotonic()
    diags = s.change("fn w(n) = if n == 0 then 0 else w(n - 1) + w(n - 1)\nlet z = w(60)\n")
    # the error is where the clock ran out: inside w, on line 1 (0-based 0)
    check("endless run: one diagnostic, in w", [d["range"]["start"]["line"] for d in diags], [0])
    check("endless run: the time limit says so", "--max-time" in diags[0]["message"], True)
    check("endless run: stopped by the time limit", time.monotonic() - started < 8, True)
    # the server writes no file, even where the model may
    # (min_cell: 1 lets out its one row: the run would write it)
    diags = s.change('let t = csv("people.csv", min_cell: 1)\nwrite_csv(t, "written.csv")\n')
    check("a write is refused, located", [(d["range"]["start"]["line"], d["severity"]) for d in diags],
          [(1, 1)])
    check("a write is refused: why", bool(diags) and "without writing files" in diags[0]["message"], True)
    check("no file written", os.path.exists(os.path.join(PROJECT, "written.csv")), False)
    check("answers after it", s.request("shutdown")["result"], None)
    check("a request after shutdown", s.request("textDocument/hover", {})["error"]["code"], -32600)
    s.notify("exit", None)
    check("exit after shutdown: 0", s.p.wait(timeout=10), 0)

    s = Server()
    s.request("initialize", {"capabilities": {}})
    # a huge document (5 MB, 500 000 lines): diagnostics (whatever the time
    # limit lets the run do), then answers; then a syntax error at its end
    big = "let a = 1\n" * 500000
    diags = s.open(big)
    check("huge document: diagnostics", isinstance(diags, list), True)
    hover = s.at("textDocument/hover", 499999, 4)["result"]
    check("huge document: hover", hover and hover["contents"]["value"], "```impact\na = 1\n```")
    diags = s.change(big + "let b = a +\n")
    check("huge document: the syntax error at its end",
          [d["range"]["start"]["line"] for d in diags], [500000])
    s.notify("exit", None)
    check("exit without shutdown: status 1", s.p.wait(timeout=30), 1)

    s = Server()
    s.p.stdin.close()
    check("end of input: status 1", s.p.wait(timeout=10), 1)


def builtin_help():
    # a built-in's hover and completion item carry its one line of help from
    # its .def list (stdlib/core/core.def: round), in the editor's language
    # (LANG); the French is the one written in po/fr.po by hand
    english = "rounds to digits decimals (default 0) in the unit x is shown in"
    french = "arrondit à digits décimales (0 par défaut), dans l'unité où x est affiché"
    for lang, help in (("C.UTF-8", english), ("fr_FR.UTF-8", french)):
        s = Server(lang=lang)
        s.request("initialize", {"capabilities": {}})
        s.open("let r = round(2.5)\n")
        hover = s.at("textDocument/hover", 0, 10)["result"]["contents"]["value"]
        check(f"hover on a built-in ({lang}): its help", hover,
              "```impact\nround = <builtin round(x, digits)>\n```\n\n" + help)
        items = s.at("textDocument/completion", 1, 0)["result"]
        item = next((i for i in items if i["label"] == "round"), {})
        check(f"completion of a built-in ({lang}): signature and help",
              (item.get("detail"), item.get("documentation")), ("round(x, digits)", help))
        check(f"exit ({lang})", s.finish(), 0)


session()
builtin_help()
malformed()
if failures:
    print(f"check-lsp: {len(failures)} check(s) failed")
    sys.exit(1)
print("check-lsp: the scripted session passed")
