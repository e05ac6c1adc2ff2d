// A terminal session with the server: `node demo.mjs` opens a copy of the shipped policy, makes the
// edit the end-to-end tests make, and prints what the server answers to each feature's request.
// docs/editors.md shows its output.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dll = process.env.XINJI_POLICY_DLL
  ?? ['Release', 'Debug'].map((c) => path.join(repo, 'src/Xinji.Policy.Cli/bin', c, 'net10.0/xinji-policy.dll')).find((f) => fs.existsSync(f));
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'xinji-lsp-demo-'));
fs.cpSync(path.join(repo, 'policy'), folder, { recursive: true });
const child = spawn('dotnet', [dll, 'lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const uri = (name) => pathToFileURL(path.join(folder, name)).href;
const shown = (value) => JSON.stringify(value, null, 2)
  .replaceAll(pathToFileURL(folder).href, 'file:///work/policy')
  .replaceAll(pathToFileURL(repo).href, 'file:///path/to/Xinji.Policy')
  .replace(/\{\s+"line": (\d+),\s+"character": (\d+)\s+\}/g, '{ "line": $1, "character": $2 }')
  .replace(/\{\s+"start": (\{[^}]*\}),\s+"end": (\{[^}]*\})\s+\}/g, '{ "start": $1, "end": $2 }');
let onPublish = () => {};
connection.onNotification('textDocument/publishDiagnostics', (p) => onPublish(p));
connection.listen();

const texts = {};
await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(folder).href, capabilities: {} });
await connection.sendNotification('initialized', {});
for (const name of fs.readdirSync(folder).filter((n) => /\.(policy|examples)$/.test(n))) {
  texts[name] = fs.readFileSync(path.join(folder, name), 'utf8');
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(name), languageId: 'xinji-policy', version: 1, text: texts[name] } });
}

const at = (name, needle, delta = 0, after = '') => {
  const text = texts[name];
  const offset = text.indexOf(needle, text.indexOf(after)) + delta;
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
};
const ex = '04-warranty-exclusions.policy';
const line = at(ex, '  exception to WP-2', 0, 'clause EX-3').line;
const published = new Promise((resolve) => { onPublish = (p) => { if (p.uri === uri(ex) && p.diagnostics.length) resolve(p); }; });
await connection.sendNotification('textDocument/didChange', {
  textDocument: { uri: uri(ex), version: 2 },
  contentChanges: [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }],
});
texts[ex] = texts[ex].split('\n').filter((_, i) => i !== line).join('\n');
const show = (title, value) => console.log(`\n### ${title}\n\n${shown(value)}`);
show(`textDocument/publishDiagnostics after removing 'exception to WP-2' from EX-3`, await published);
show('textDocument/hover on the fact warrantySticker', await connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(ex) }, position: at(ex, 'warrantySticker is not', 3) }));
show('textDocument/hover on the clause WP-2', await connection.sendRequest('textDocument/hover', { textDocument: { uri: uri('02-warranty-policy.policy') }, position: at('02-warranty-policy.policy', 'clause WP-2', 8) }));
show("textDocument/definition of WP-2 in 'exception to WP-2'", await connection.sendRequest('textDocument/definition', { textDocument: { uri: uri(ex) }, position: at(ex, 'exception to WP-2', 14) }));
const completion = await connection.sendRequest('textDocument/completion', { textDocument: { uri: uri(ex) }, position: at(ex, 'cause is ', 9) });
show("textDocument/completion after 'cause is ' (labels)", completion.items.map((i) => i.label));
const actions = await connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(ex) }, range: { start: at(ex, 'EX-3'), end: at(ex, 'EX-3', 4) }, context: { diagnostics: [] } });
show('textDocument/codeAction on EX-3 (titles)', actions.map((a) => a.title));
show('the edit of "Make EX-3 an exception to WP-2"', actions[0].edit);
const example = actions.find((a) => a.title === 'Add the witness as an example').edit;
console.log('\n### the text "Add the witness as an example" appends to 04-warranty-exclusions.examples\n');
console.log(Object.values(example.changes)[0][0].newText.trimEnd());
const refused = await connection.sendRequest('textDocument/rename', { textDocument: { uri: uri(ex) }, position: at(ex, 'EX-3', 1), newName: 'EX-4' }).catch((e) => ({ code: e.code, message: e.message }));
show("textDocument/rename of EX-3 to EX-4", refused);
const symbols = await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: uri('02-warranty-policy.policy') } });
show('textDocument/documentSymbol of 02-warranty-policy.policy (names)', symbols.map((s) => ({ name: s.name, detail: s.detail, children: s.children?.map((c) => c.name) })));
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
child.on('exit', (code) => {
  console.log(`\nserver exited with code ${code}`);
  fs.rmSync(folder, { recursive: true, force: true });
});
