// The extension's manifest and what the client reads from it agree, and the files it names exist.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { extensionRoot, scopeName } from './tokenizer.mjs';

const manifest = JSON.parse(readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
const client = readFileSync(path.join(extensionRoot, 'src', 'extension.js'), 'utf8');

test('the language covers .policy and .examples, with its grammar and configuration', () => {
  const [language] = manifest.contributes.languages;
  assert.deepEqual(language.extensions, ['.policy', '.examples']);
  const [grammar] = manifest.contributes.grammars;
  assert.equal(grammar.language, language.id);
  assert.equal(grammar.scopeName, scopeName);
  assert.ok(existsSync(path.join(extensionRoot, grammar.path)), grammar.path);
  const configuration = JSON.parse(readFileSync(path.join(extensionRoot, language.configuration), 'utf8'));
  assert.equal(configuration.comments.lineComment, '#');
  assert.ok(configuration.autoClosingPairs.some((pair) => pair.open === '"' && pair.notIn.includes('string')));
  assert.ok(client.includes(`language: '${language.id}'`), 'the client selects the documents of the language');
  assert.ok(existsSync(path.join(extensionRoot, manifest.main)), manifest.main);
});

test('every setting and command the client reads is contributed', () => {
  const settings = Object.keys(manifest.contributes.configuration.properties);
  const read = [...client.matchAll(/settings\.get\('([^']+)'/g)].map((m) => `xinjiPolicy.${m[1]}`);
  assert.ok(read.length >= 2);
  for (const setting of read) assert.ok(settings.includes(setting), setting);
  const commands = manifest.contributes.commands.map((c) => c.command);
  for (const m of client.matchAll(/registerCommand\('([^']+)'/g)) assert.ok(commands.includes(m[1]), m[1]);
  // vscode-languageclient reads '<client id>.trace.server' for its protocol log.
  assert.ok(client.includes("new LanguageClient(\n    'xinjiPolicy'"));
  assert.ok(settings.includes('xinjiPolicy.trace.server'));
});
