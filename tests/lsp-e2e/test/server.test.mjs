// End-to-end: `xinji-policy lsp` driven over stdio by the vscode-languageserver-protocol client
// connection (the one VS Code's own client is built on), on a temporary copy of the shipped policy.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const LATENCY_BUDGET_MS = 300;

/** The server command: XINJI_POLICY_DLL, else the CLI built in Release, else in Debug. */
function serverCommand() {
  const built = ['Release', 'Debug']
    .map((c) => path.join(repo, 'src', 'Xinji.Policy.Cli', 'bin', c, 'net10.0', 'xinji-policy.dll'));
  const dll = process.env.XINJI_POLICY_DLL ?? built.find((f) => fs.existsSync(f));
  if (!dll) throw new Error('Build the CLI first: dotnet build src/Xinji.Policy.Cli -c Release');
  return ['dotnet', [dll, 'lsp', '--stdio']];
}

/** A server process with a client connection, and every diagnostics notification it publishes. */
function startServer() {
  const [command, args] = serverCommand();
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map();
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.set(params.uri, { diagnostics: params.diagnostics, at: performance.now() });
    for (const waiter of [...waiters]) waiter();
  });
  connection.listen();
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  /** Resolves once `predicate(published)` holds, checked on each notification. */
  const until = (predicate, what, timeoutMs = 20000) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${stderr}`)), timeoutMs);
    const check = () => {
      const value = predicate(published);
      if (value) {
        clearTimeout(timer);
        waiters.splice(waiters.indexOf(check), 1);
        resolve(value);
      }
    };
    waiters.push(check);
    check();
  });
  return { child, connection, published, until, exited, stderr: () => stderr };
}

/** Applies LSP text edits to a text, last first so earlier offsets stay right. */
function applyEdits(text, edits) {
  const offset = (p) => {
    const lines = text.split('\n');
    let at = 0;
    for (let i = 0; i < p.line; i++) at += lines[i].length + 1;
    return at + p.character;
  };
  return [...edits]
    .map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}

function positionOf(text, needle, delta = 0, from = 0) {
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, `'${needle}' is in the text`);
  const before = text.slice(0, at + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('xinji-policy lsp on the shipped policy', () => {
  let server;
  let folder;
  const texts = new Map();
  const versions = new Map();
  const uri = (name) => pathToFileURL(path.join(folder, name)).href;
  const doc = (name) => ({ uri: uri(name) });
  const exclusions = '04-warranty-exclusions.policy';

  async function change(name, contentChanges) {
    versions.set(name, versions.get(name) + 1);
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri(name), version: versions.get(name) }, contentChanges,
    });
  }

  async function applyWorkspaceEdit(edit) {
    for (const [target, edits] of Object.entries(edit.changes ?? {})) {
      const name = path.basename(fileURLToPath(target));
      const text = applyEdits(texts.get(name), edits);
      texts.set(name, text);
      await change(name, [{ text }]);
    }
  }

  const allClean = (published) => [...texts.keys()].every((n) => published.get(uri(n))?.diagnostics.length === 0);

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'xinji-lsp-'));
    fs.cpSync(path.join(repo, 'policy'), folder, { recursive: true });
    server = startServer();
    const init = await server.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: pathToFileURL(folder).href, capabilities: {}, workspaceFolders: null,
    });
    assert.equal(init.capabilities.textDocumentSync.change, 2);
    await server.connection.sendNotification('initialized', {});
  });

  after(async () => {
    server?.child.kill();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('opening the policy folder publishes no diagnostics', async () => {
    for (const name of fs.readdirSync(folder).filter((n) => /\.(policy|examples)$/.test(n)).sort()) {
      const text = fs.readFileSync(path.join(folder, name), 'utf8');
      texts.set(name, text);
      versions.set(name, 1);
      await server.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: uri(name), languageId: 'xinji-policy', version: 1, text },
      });
    }

    await server.until(allClean, 'an empty diagnostics list for every file');
  });

  test(`removing 'exception to WP-2' from EX-3 reports XP2001 on EX-3 within ${LATENCY_BUDGET_MS} ms`, async () => {
    // Three edits, each a text the server has not seen (the comment differs), so each is analysed
    // afresh; between them the line comes back, which the driver's cache answers at once.
    const original = texts.get(exclusions);
    const line = positionOf(original, '  exception to WP-2', 0, original.indexOf('clause EX-3')).line;
    const latencies = [];
    let conflict;
    for (let sample = 1; sample <= 3; sample++) {
      const lines = original.split('\n');
      texts.set(exclusions, [...lines.slice(0, line), `  # edit ${sample}`, ...lines.slice(line + 1)].join('\n'));
      const sent = performance.now();
      await change(exclusions, [{ range: { start: { line, character: 0 }, end: { line, character: lines[line].length } }, text: `  # edit ${sample}` }]);
      conflict = await server.until((p) => p.get(uri(exclusions))?.diagnostics.find((d) => d.code === 'XP2001'), 'XP2001');
      latencies.push(server.published.get(uri(exclusions)).at - sent);
      if (sample < 3) {
        texts.set(exclusions, original);
        await change(exclusions, [{ text: original }]);
        await server.until(allClean, 'the conflict gone with the line back');
      }
    }

    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`diagnostic latency: ${latencies.map((l) => l.toFixed(0)).join(', ')} ms from the edit to XP2001 (debounce included); median ${sorted[1].toFixed(0)} ms`);
    const id = positionOf(texts.get(exclusions), 'EX-3', 0, texts.get(exclusions).indexOf('clause EX-3'));
    assert.deepEqual(conflict.range, { start: id, end: { line: id.line, character: id.character + 4 } });
    assert.equal(conflict.severity, 1);
    assert.match(conflict.message, /'WP-2' \(free\) and 'EX-3' \(paid\)/);
    assert.match(conflict.message, /for example \{.*"warrantySticker":"(missing|misplaced|altered)"/, 'the witness claim is in the message');
    assert.equal(conflict.relatedInformation[0].location.uri, uri('02-warranty-policy.policy'));
    // The budget is for this machine as CI has it; on a machine shared with other builds (a load
    // far above its cores) the figure is printed but not held to it.
    const load = os.loadavg()[0];
    if (load > os.cpus().length * 2) {
      console.log(`machine busy (load ${load.toFixed(0)} on ${os.cpus().length} cores): latency reported, not asserted`);
    } else {
      assert.ok(sorted[1] < LATENCY_BUDGET_MS, `the median edit published ${sorted[1].toFixed(0)} ms after it`);
    }
  });

  test('hover shows a fact, a definition and a clause', async () => {
    const text = texts.get(exclusions);
    const fact = await server.connection.sendRequest('textDocument/hover', {
      textDocument: doc(exclusions), position: positionOf(text, 'warrantySticker is not intact', 3),
    });
    assert.match(fact.contents.value, /\*\*fact\*\* `warrantySticker`: `StickerState` = `intact`/);

    const policy = texts.get('02-warranty-policy.policy');
    const definition = await server.connection.sendRequest('textDocument/hover', {
      textDocument: doc('02-warranty-policy.policy'), position: positionOf(policy, 'warrantyActive and', 2),
    });
    assert.match(definition.contents.value, /\*\*define\*\* `warrantyActive`: `bool`/);
    assert.match(definition.contents.value, /```xinji-policy\n.+\n```/s, 'the formula');

    const clause = await server.connection.sendRequest('textDocument/hover', {
      textDocument: doc('02-warranty-policy.policy'), position: positionOf(policy, 'clause WP-2', 8),
    });
    assert.match(clause.contents.value, /\*\*clause\*\* `WP-2` in section \*Warranty Policy\*/);
    assert.match(clause.contents.value, /> During the warranty period/);
    assert.match(clause.contents.value, /Overridden by `WD-9`, .*`EX-14`/);
  });

  test("go to definition of a clause id in 'exception to'", async () => {
    const text = texts.get(exclusions);
    const location = await server.connection.sendRequest('textDocument/definition', {
      textDocument: doc(exclusions), position: positionOf(text, 'exception to WP-2', 'exception to '.length + 1),
    });
    const target = positionOf(texts.get('02-warranty-policy.policy'), 'WP-2', 0, texts.get('02-warranty-policy.policy').indexOf('clause WP-2'));
    assert.equal(location.uri, uri('02-warranty-policy.policy'));
    assert.deepEqual(location.range.start, target);
  });

  test("completion after 'cause is ' offers the Cause values", async () => {
    const text = texts.get(exclusions);
    const list = await server.connection.sendRequest('textDocument/completion', {
      textDocument: doc(exclusions), position: positionOf(text, 'cause is ', 'cause is '.length),
    });
    const labels = list.items.map((i) => i.label);
    for (const value of ['manufacturingDefect', 'fall', 'water', 'naturalWear']) assert.ok(labels.includes(value), value);
    assert.ok(!labels.includes('intact'), 'no value of another enum');
  });

  test("the 'add exception' code action clears the conflict", async () => {
    const conflict = server.published.get(uri(exclusions)).diagnostics.find((d) => d.code === 'XP2001');
    const actions = await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: doc(exclusions), range: conflict.range, context: { diagnostics: [conflict] },
    });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Make WP-2 an exception to EX-3'), titles.join('; '));
    assert.ok(titles.includes('Add the witness as an example'), titles.join('; '));
    await applyWorkspaceEdit(actions.find((a) => a.title === 'Make EX-3 an exception to WP-2').edit);
    assert.match(texts.get(exclusions), /clause EX-3\n {2}quote "[^"]+"\n {2}exception to WP-2\n/);
    await server.until(allClean, 'every file clean again');
  });

  test('rename a clause id across a .policy and an .examples file', async () => {
    const policy = texts.get('02-warranty-policy.policy');
    const edit = await server.connection.sendRequest('textDocument/rename', {
      textDocument: doc('02-warranty-policy.policy'), position: positionOf(policy, 'clause WP-2', 8), newName: 'WP-02',
    });
    assert.ok(edit.changes[uri('02-warranty-policy.policy')], 'the declaration');
    assert.ok(edit.changes[uri('02-warranty-policy.examples')], 'the examples that cite it');
    assert.ok(edit.changes[uri(exclusions)], "the clauses that name it in 'exception to'");
    await applyWorkspaceEdit(edit);
    assert.ok(!Object.values(Object.fromEntries(texts)).some((t) => /\bWP-2\b/.test(t)), 'no WP-2 is left');
    await server.until(allClean, 'every file clean after the rename');

    await assert.rejects(
      server.connection.sendRequest('textDocument/rename', {
        textDocument: doc('02-warranty-policy.policy'), position: positionOf(texts.get('02-warranty-policy.policy'), 'clause WP-02', 8), newName: 'EX-3',
      }),
      (e) => e.code === -32803 && /taken/.test(e.message),
      'a name that collides is refused');
  });

  test('format a badly indented file', async () => {
    const vocabulary = '00-vocabulary.policy';
    const formatted = texts.get(vocabulary);
    const bad = formatted.replace(/\n {2}(?=\S)/g, '\n      ');
    assert.notEqual(bad, formatted);
    texts.set(vocabulary, bad);
    await change(vocabulary, [{ text: bad }]);
    const edits = await server.connection.sendRequest('textDocument/formatting', {
      textDocument: doc(vocabulary), options: { tabSize: 2, insertSpaces: true },
    });
    assert.ok(edits.length > 0);
    assert.equal(applyEdits(bad, edits), formatted);
  });

  test('bad requests get LSP errors and the server goes on', async () => {
    await assert.rejects(server.connection.sendRequest('xinji/noSuchMethod', {}), (e) => e.code === -32601);
    await assert.rejects(server.connection.sendRequest('textDocument/hover', { position: { line: 0, character: 0 } }), (e) => e.code === -32602);
    await change(exclusions, [{ text: 'clause (((( "\u0000 quote when then\n\tfact : = = =' }]);
    const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: doc(exclusions), position: { line: 99, character: 99 } });
    assert.equal(hover, null);
    await server.until((p) => p.get(uri(exclusions))?.diagnostics.some((d) => d.code === 'XP0001'), 'a syntax error');
  });

  test('shutdown then exit ends the process with code 0', async () => {
    assert.equal(await server.connection.sendRequest('shutdown'), null);
    await server.connection.sendNotification('exit');
    assert.equal(await server.exited, 0);
  });
});

test('the server exits when its client goes away', async () => {
  const server = startServer();
  await server.connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
  server.child.stdin.end();
  assert.equal(await server.exited, 1, 'exit without shutdown is code 1, as the specification says');
});
