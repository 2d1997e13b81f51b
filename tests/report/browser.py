# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
"""One headless Chromium for every page of make check-report.

Chromium's start costs more than drawing a report, so one browser opens
every page, each in a tab of its own, driven through the DevTools protocol
on a pipe (--remote-debugging-pipe: JSON messages ended by a NUL byte, the
browser reading fd 3 and writing fd 4).

Every host is unreachable (--host-resolver-rules): a page that asks for
anything outside its file gets an error, and the error is a console message.
Console messages are all the browser reports: the console API
(Runtime.consoleAPICalled), uncaught exceptions (Runtime.exceptionThrown)
and the browser's own messages (Log.entryAdded: Content-Security-Policy
violations, failed requests).
"""
import base64, fcntl, json, os, select, shutil, subprocess, tempfile, time

TIMEOUT = 120  # seconds for one answer of the browser, as a loaded machine needs


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="impact-chromium-")
        to_browser, self.commands = os.pipe()
        self.answers, from_browser = os.pipe()

        def pipes_as_3_and_4():
            # moved above 10 first, as a pipe may itself be fd 3 or 4
            reads = fcntl.fcntl(to_browser, fcntl.F_DUPFD, 10)
            writes = fcntl.fcntl(from_browser, fcntl.F_DUPFD, 10)
            os.dup2(reads, 3)
            os.dup2(writes, 4)

        self.process = subprocess.Popen(
            ["chromium-headless-shell", "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--no-first-run", f"--user-data-dir={self.profile}",
             "--host-resolver-rules=MAP * ~NOTFOUND", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=pipes_as_3_and_4)
        os.close(to_browser)
        os.close(from_browser)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            self.process.kill()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.commands)
        os.close(self.answers)
        shutil.rmtree(self.profile, ignore_errors=True)

    def _message(self, deadline):
        """The next message of the browser (a dict)."""
        while b"\0" not in self.buffer:
            left = deadline - time.time()
            if left <= 0 or not select.select([self.answers], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer within %d s" % TIMEOUT)
            chunk = os.read(self.answers, 1 << 20)
            if not chunk:
                raise EOFError("Chromium ended")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method, session=None, **params):
        """Sends a command and returns its result; events that arrive
        meanwhile are kept in self.events."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        deadline = time.time() + TIMEOUT
        while True:
            m = self._message(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, session):
        deadline = time.time() + TIMEOUT
        while True:
            for i, m in enumerate(self.events):
                if m.get("method") == method and m.get("sessionId") == session:
                    del self.events[i]
                    return m
            self.events.append(self._message(deadline))

    def open(self, url, width=1200, height=2400, screenshot=None):
        """Loads url in a new tab of width x height pixels; returns (the DOM
        as HTML once loaded, the console messages); writes a PNG of the tab
        to `screenshot` when given."""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(domain + ".enable", session)
        self.send("Emulation.setDeviceMetricsOverride", session, width=width, height=height,
                  deviceScaleFactor=1, mobile=False)
        self.events = [m for m in self.events if m.get("sessionId") != session]
        self.send("Page.navigate", session, url=url)
        self.wait_event("Page.loadEventFired", session)
        dom = self.send("Runtime.evaluate", session, expression="document.documentElement.outerHTML",
                        returnByValue=True)["result"]["value"]
        if screenshot:
            png = self.send("Page.captureScreenshot", session, format="png")["data"]
            with open(screenshot, "wb") as f:
                f.write(base64.b64decode(png))
        self.send("Target.closeTarget", targetId=target)
        console = [_console_line(m) for m in self.events if m.get("sessionId") == session
                   and m.get("method") in ("Runtime.consoleAPICalled", "Runtime.exceptionThrown",
                                           "Log.entryAdded")]
        self.events = [m for m in self.events if m.get("sessionId") != session]
        return dom, console


def _console_line(m):
    """One line for a console event, as the browser's log would print it."""
    p = m["params"]
    if m["method"] == "Log.entryAdded":
        e = p["entry"]
        return f"{e.get('level')} ({e.get('source')}): {e.get('text')} {e.get('url', '')}".strip()
    if m["method"] == "Runtime.exceptionThrown":
        d = p["exceptionDetails"]
        return f"exception: {d.get('text')} {d.get('exception', {}).get('description', '')}".strip()
    return f"console.{p.get('type')}: " + " ".join(
        str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
