// By hand, not in ctest: imports an export with catapult's own importer
// (tr.importer.Import, the chrome://tracing one) inside a page that
// catapult's trace2html made, in a headless Chromium started with
// --remote-debugging-port=PORT and showing that page, over the DevTools
// protocol; prints the import warnings ("flow_slice_start_error: ... does
// not start at an actual slice" and the like), the flows it bound, the global
// instants and, per thread, its slices and those with never_ended.
// docs/export.md says how to get trace2html and run this.
// Usage: node --experimental-websocket catapult_import.mjs PORT EXPORT.json
import fs from 'node:fs';

const [port, jsonPath] = process.argv.slice(2);
const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
const page = targets.find((t) => t.type === 'page');
const ws = new WebSocket(page.webSocketDebuggerUrl);
await new Promise((r) => ws.addEventListener('open', r));
let next = 0;
const pending = new Map();
ws.addEventListener('message', (m) => {
  const msg = JSON.parse(m.data);
  if (msg.id && pending.has(msg.id)) {
    pending.get(msg.id)(msg);
    pending.delete(msg.id);
  }
});
const send = (method, params) => new Promise((resolve) => {
  const id = ++next;
  pending.set(id, resolve);
  ws.send(JSON.stringify({id, method, params}));
});

const text = fs.readFileSync(jsonPath, 'utf8');
const expression = `(() => {
  const m = new tr.Model();
  new tr.importer.Import(m).importTraces([${JSON.stringify(text)}]);
  const threads = [];
  for (const p of Object.values(m.processes)) {
    for (const t of Object.values(p.threads)) {
      const slices = t.sliceGroup.slices;
      threads.push({name: t.name, slices: slices.length,
                    never_ended: slices.filter((s) => s.args && s.args.never_ended).length});
    }
  }
  return JSON.stringify({warnings: m.importWarnings.map((w) => w.type + ': ' + w.message),
                         flows: m.flowEvents.length,
                         instants: m.instantEvents.map((e) => e.title + ' at ' + e.start + ' ms'),
                         threads});
})()`;
const reply = await send('Runtime.evaluate', {expression, returnByValue: true});
const result = reply.result && reply.result.result;
if (!result || result.type !== 'string') {
  console.log(JSON.stringify(reply));
  process.exit(1);
}
const out = JSON.parse(result.value);
console.log(`${out.warnings.length} import warnings`);
for (const w of out.warnings) console.log('  ' + w);
console.log(`${out.flows} flows bound`);
for (const i of out.instants) console.log('instant: ' + i);
for (const t of out.threads) console.log(`  ${t.name}: ${t.slices} slices, ${t.never_ended} never ended`);
ws.close();
process.exit(out.warnings.length ? 1 : 0);
