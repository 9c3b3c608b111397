// Drives `lepton watch` from a real headless Chromium, as a student would use it:
// the page is open, the lab file is edited, and the page must show the new chart without
// a reload; then a compile error must show in the page (file and line) while the last
// good report stays. Talks to Chromium over the DevTools protocol (Node's WebSocket).
//
// Usage: node --experimental-websocket scripts/watch-browser-check.mjs URL LAB.swift OLD_TITLE NEW_TITLE
// Prints one JSON line with what it saw; exits 0 when every step passed, 1 otherwise,
// 3 when chromium is not installed.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, lab, oldTitle, newTitle] = process.argv.slice(2);
if (!newTitle) { console.error("usage: watch-browser-check.mjs URL LAB.swift OLD_TITLE NEW_TITLE"); process.exit(2); }
let browserPath;
try { browserPath = process.env.CHROMIUM || execFileSync("sh", ["-c", "command -v chromium || command -v chromium-browser"]).toString().trim(); } catch { }
if (!browserPath) { console.error("chromium is not installed (LEPTON_WITH_CHROMIUM=1 make setup)"); process.exit(3); }

const profile = mkdtempSync(join(tmpdir(), "lepton-watch-chromium-"));
const browser = spawn(browserPath, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
  "--mute-audio", `--user-data-dir=${profile}`, "--remote-debugging-port=0", "about:blank"], { stdio: "ignore", detached: true });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const result = { steps: [] };
let failed = false;
function finish(code) {
  try { process.kill(-browser.pid, "SIGKILL"); } catch { }
  try { rmSync(profile, { recursive: true, force: true }); } catch { }
  console.log(JSON.stringify(result));
  process.exit(code);
}
setTimeout(() => { result.error = "timed out"; finish(1); }, 150000);

let port;
for (let i = 0; i < 200 && !port; i++) {
  const file = join(profile, "DevToolsActivePort");
  if (existsSync(file)) port = readFileSync(file, "utf8").split("\n")[0];
  else await sleep(100);
}
if (!port) { result.error = "chromium did not open its DevTools port"; finish(1); }
const version = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
const ws = new WebSocket(version.webSocketDebuggerUrl);
await new Promise((r, j) => { ws.onopen = r; ws.onerror = j; });
let nextID = 1;
const pending = new Map();
ws.onmessage = (e) => {
  const m = JSON.parse(e.data);
  if (m.id && pending.has(m.id)) { pending.get(m.id)(m); pending.delete(m.id); }
};
function send(method, params = {}, sessionId) {
  const id = nextID++;
  ws.send(JSON.stringify({ id, method, params, sessionId }));
  return new Promise((r) => pending.set(id, r));
}
const { result: { targetId } } = await send("Target.createTarget", { url });
const { result: { sessionId } } = await send("Target.attachToTarget", { targetId, flatten: true });
async function evaluate(expression) {
  const r = await send("Runtime.evaluate", { expression, returnByValue: true }, sessionId);
  return r.result && r.result.result ? r.result.result.value : undefined;
}
// What the page shows: the report frame's text and images, the error box, a marker set
// once on the top page (gone if the page was reloaded).
const look = `(function () {
  var f = document.getElementById("report"), d = f && f.contentDocument, e = document.getElementById("error");
  var imgs = d ? [].slice.call(d.images) : [];
  return { marker: window.__leptonMarker === 1, text: d && d.body ? d.body.innerText : "",
           images: imgs.map(function (i) { return i.getAttribute("src") + "|" + (i.complete && i.naturalWidth > 0); }),
           error: e && e.style.display !== "none" ? e.textContent : "" };
})()`;
async function waitFor(label, predicate, ms = 90000) {
  const end = Date.now() + ms;
  let seen;
  while (Date.now() < end) {
    seen = await evaluate(look);
    if (seen && predicate(seen)) { result.steps.push(label); return seen; }
    await sleep(200);
  }
  result.error = `${label}: not seen; the page showed ${JSON.stringify(seen).slice(0, 600)}`;
  failed = true;
  return seen;
}
const loaded = (s) => s.images.length > 0 && s.images.every((i) => i.endsWith("|true"));

const first = await waitFor("first report", (s) => s.text.includes(oldTitle) && loaded(s));
if (failed) finish(1);
await evaluate("window.__leptonMarker = 1");
const source = readFileSync(lab, "utf8");
writeFileSync(lab, source.replaceAll(oldTitle, newTitle));
const second = await waitFor("new chart without reload", (s) => s.marker && s.text.includes(newTitle) && !s.text.includes(oldTitle)
  && loaded(s) && s.images.join() !== first.images.join());
if (failed) finish(1);
result.charts = [first.images.length, second.images.length];
const broken = source.replaceAll(oldTitle, newTitle).replace(`"${newTitle}"`, `"${newTitle}" + 1`);
writeFileSync(lab, broken);
const line = broken.split("\n").findIndex((l) => l.includes(`"${newTitle}" + 1`)) + 1;
const name = lab.split("/").pop();
await waitFor("compile error in the page", (s) => s.marker && s.error.includes(`${name}:${line}:`) && s.error.includes("error:")
  && s.text.includes(newTitle) && loaded(s));
result.errorLine = `${name}:${line}`;
finish(failed ? 1 : 0);
