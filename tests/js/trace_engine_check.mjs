// Loads a `locklab export` with Chrome DevTools' trace engine
// (@paulirish/trace_engine: the Performance panel's own parser, which nobody
// here wrote) and checks what it made of it:
//   - it parses, with no error or warning printed and none in its Warnings;
//   - every thread the export shows is a named thread of its model;
//   - every wake arrow of the file was bound by its Flows handler;
// and with `deadlock`:
//   - the verdict instant is on the model (cat "verdict", a deadlock, at
//     metadata.verdict_at_us);
//   - the operations and waits that never ended are there, each ending at
//     the verdict, as many as the export says;
// with `arrows`: the file has wake arrows (so the binding was tried).
// Usage: node trace_engine_check.mjs EXPORT.json deadlock|arrows
//        (exit 0 pass, 1 fail)
import fs from 'node:fs';
import zlib from 'node:zlib';

import {polyfillDOMRect} from '@paulirish/trace_engine/analyze-trace.mjs';
import * as Trace from '@paulirish/trace_engine/models/trace/trace.js';

const file = process.argv[2];
const expect = process.argv[3];
if (expect !== 'deadlock' && expect !== 'arrows') {
  process.stderr.write('usage: node trace_engine_check.mjs EXPORT.json deadlock|arrows\n');
  process.exit(2);
}
const bytes = fs.readFileSync(file);
const text = (bytes[0] === 0x1f && bytes[1] === 0x8b) ? zlib.gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
const doc = JSON.parse(text);
const meta = doc.metadata;

// Anything the engine prints while parsing is a finding.
const printed = [];
const saved = {error: console.error, warn: console.warn};
console.error = (...a) => printed.push('error: ' + a.join(' '));
console.warn = (...a) => printed.push('warn: ' + a.join(' '));
polyfillDOMRect();
const model = Trace.TraceModel.Model.createWithAllHandlers();
let parseError = null;
try {
  await model.parse(doc.traceEvents);
} catch (e) {
  parseError = e;
}
console.error = saved.error;
console.warn = saved.warn;

const failures = [];
const fail = (what) => failures.push(what);
const log = (what) => process.stdout.write(what + '\n');

if (parseError) fail('parse threw: ' + (parseError.stack || parseError));
for (const p of printed) fail('printed while parsing: ' + p);
const parsed = model.parsedTrace();
if (!parsed) fail('no parsed trace');
const data = parsed ? parsed.data : {};
const warnings = data.Warnings ? [...data.Warnings.perWarning.keys()] : [];
if (warnings.length) fail('warnings: ' + warnings.join(', '));
log(`parsed ${doc.traceEvents.length} events: ${printed.length} messages, ${warnings.length} warnings`);

// The threads, as the engine's model has them.
const entries = [];
const names = new Map();
for (const [, process_] of data.Renderer ? data.Renderer.processes : []) {
  for (const [tid, thread] of process_.threads) {
    names.set(tid, thread.name);
    for (const e of thread.entries) entries.push({tid, e});
  }
}
if (!Array.isArray(meta.threads)) fail("the export's metadata lists no threads");
for (const label of meta.threads || []) {
  if (![...names.values()].includes(label)) fail(`thread '${label}' is not a named thread of the model`);
}
log(`threads: ${[...names.values()].join(', ')}`);

// Wake arrows: the engine binds a flow end to a slice with its ts and cat.
const fileFlows = doc.traceEvents.filter((e) => e.ph === 's').length;
const boundFlows = data.Flows ? data.Flows.flows.length : 0;
log(`wake arrows: ${fileFlows} in the file, ${boundFlows} bound by the engine`);
if (boundFlows !== fileFlows) fail(`${fileFlows - boundFlows} wake arrows not bound to slices`);
if (expect === 'arrows' && fileFlows === 0) fail('the export has no wake arrow');

// The verdict instant.
if (expect === 'deadlock') {
const verdicts = entries.filter(({e}) => e.cat === 'verdict');
if (verdicts.length !== 1) fail(`expected one verdict instant, the model has ${verdicts.length}`);
for (const {e} of verdicts) {
  log(`verdict instant at ${e.ts} µs: ${e.name}`);
  if (e.ph !== 'I') fail(`verdict has ph ${e.ph}`);
  if (!e.name.startsWith('deadlock')) fail(`verdict is not a deadlock: ${e.name}`);
  if (Math.abs(e.ts - meta.verdict_at_us) > 1e-3) fail(`verdict at ${e.ts}, metadata says ${meta.verdict_at_us}`);
}

// What never ended.
const unfinished = entries.filter(({e}) => e.args && e.args.never_ended === true);
const ops = unfinished.filter(({e}) => e.cat === 'op');
const waits = unfinished.filter(({e}) => e.cat === 'state');
for (const {tid, e} of unfinished) {
  log(`never ended: ${names.get(tid)}: ${e.name} (${e.cat}) from ${e.ts} µs for ${e.dur} µs`);
  if (Math.abs(e.ts + e.dur - meta.verdict_at_us) > 1e-3) fail(`${e.name} on ${names.get(tid)} does not end at the verdict`);
}
if (ops.length === 0) fail('no unfinished operation in the model');
if (waits.length === 0) fail('no unfinished wait in the model');
if (unfinished.length !== meta.never_ended) fail(`the model has ${unfinished.length} unfinished slices, the export says ${meta.never_ended}`);
}

if (failures.length) {
  for (const f of failures) log('FAIL: ' + f);
  process.exit(1);
}
log(`PASS: DevTools trace engine read ${file} (${expect})`);
