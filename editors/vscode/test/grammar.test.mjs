// The TextMate grammar, tokenized with vscode-textmate and vscode-oniguruma as VS Code does.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { classify } from './lexical.mjs';
import { extensionRoot, grammarPath, repositoryRoot, tokenize } from './tokenizer.mjs';

const samplePath = path.join(extensionRoot, 'test', 'sample.policy');
const snapshotPath = path.join(extensionRoot, 'test', 'sample.tokens.txt');

function policyFiles(folder) {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(policy|examples)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

const files = [
  ...policyFiles(path.join(repositoryRoot, 'policy')),
  ...policyFiles(path.join(repositoryRoot, 'tests', 'fixtures')),
  samplePath,
];

const has = (token, prefix) => token.scopes.some((scope) => scope === prefix || scope.startsWith(prefix + '.'));

/** Every character's token is what the parser reads there: a string in a string, a comment in a comment, and neither elsewhere. */
function checkLexically(file, lines) {
  const kinds = classify(lines.map((l) => l.line).join('\n'));
  const wrong = [];
  lines.forEach(({ line, tokens }, index) => {
    for (const token of tokens) {
      for (let at = token.start; at < token.end; at++) {
        const kind = kinds[index][at];
        const inString = has(token, 'string') || has(token, 'support.type.property-name');
        const inComment = has(token, 'comment');
        const ok = kind === 'string' ? inString && !inComment
          : kind === 'comment' ? inComment && !inString
          : kind === 'json' ? has(token, 'meta.claim.json') && !inComment && !inString
          : !inString && !inComment;
        if (!ok) {
          wrong.push(`${path.relative(repositoryRoot, file)}(${index + 1},${at + 1}): '${line[at]}' of ${JSON.stringify(token.text)} is ${kind || 'code'} but scoped ${token.scopes.join(' ')}`);
          break;
        }
      }
    }
  });
  return wrong;
}

test('the shipped policy, the fixtures and the sample tokenize, strings and comments where the parser sees them', async () => {
  assert.ok(files.length > 40, `expected the shipped policy and the fixtures, found ${files.length} files`);
  const wrong = [];
  let lineCount = 0;
  for (const file of files) {
    const lines = await tokenize(readFileSync(file, 'utf8'));
    lineCount += lines.length;
    for (const [index, { line, tokens }] of lines.entries()) {
      const covered = tokens.reduce((sum, t) => sum + (t.end - t.start), 0);
      assert.equal(covered, line.length, `${file}(${index + 1}): the tokens do not cover the line`);
    }
    wrong.push(...checkLexically(file, lines));
  }
  assert.deepEqual(wrong, [], `${wrong.length} wrongly scoped characters in ${lineCount} lines`);
});

test('no word of the language is a keyword inside a quote, a description or a comment', async () => {
  const lines = await tokenize([
    'clause EX-1',
    '  quote "when the clause is not in force then free, # not a comment"',
    '  when a # and or not then "free"',
    '  then paid',
  ].join('\n'));
  const quote = lines[1].tokens.filter((t) => t.text.includes('when'));
  assert.equal(quote.length, 1);
  assert.ok(has(quote[0], 'string.quoted.double'), quote[0].scopes.join(' '));
  assert.ok(!quote[0].scopes.some((s) => s.startsWith('keyword')));
  const comment = lines[2].tokens.find((t) => t.text.startsWith(' and'));
  assert.ok(comment && has(comment, 'comment.line.number-sign'), JSON.stringify(lines[2].tokens));
  assert.ok(has(lines[3].tokens.find((t) => t.text === 'then'), 'keyword.control'));
});

test('a declaration with no name of its own does not take its next word as one', async () => {
  const [line] = await tokenize('warranty from start through end active when active');
  assert.ok(has(line.tokens.find((t) => t.text === 'from'), 'keyword.other'), JSON.stringify(line.tokens));
});

test('a string that is not closed ends at the end of its line', async () => {
  const lines = await tokenize('fact a: bool "unclosed\nfact b: bool "closed"');
  const b = lines[1].tokens.find((t) => t.text === 'b');
  assert.ok(has(b, 'entity.name.variable.fact'), b.scopes.join(' '));
  assert.ok(has(lines[1].tokens.find((t) => t.text === 'fact'), 'keyword.other.declaration'));
});

test('a list continued after a comma keeps its items, and the next part ends it', async () => {
  const lines = await tokenize([
    'example "x"',
    '  claim {"a": 1}',
    '  expect paid',
    '    remedies repair,',
    '             replace',
    '    cites WD-1, EX-2.a',
    '    notes n',
  ].join('\n'));
  assert.ok(has(lines[4].tokens.find((t) => t.text === 'replace'), 'variable.other.outcome'));
  assert.ok(has(lines[5].tokens.find((t) => t.text === 'cites'), 'keyword.other'));
  assert.ok(has(lines[5].tokens.find((t) => t.text === 'EX-2.a'), 'entity.name.tag.clause-id'));
  assert.ok(has(lines[6].tokens.find((t) => t.text === 'notes'), 'keyword.other'));
});

// ---- the words of the language, read from the parser -------------------------------------------

const syntaxFolder = path.join(repositoryRoot, 'src', 'Xinji.Policy.Dsl', 'Syntax');

/** Every word the parser matches as a keyword, and the built-in types and functions the binder knows. */
function parserWords() {
  const words = new Set();
  for (const name of readdirSync(syntaxFolder).filter((n) => n.endsWith('.cs'))) {
    const source = readFileSync(path.join(syntaxFolder, name), 'utf8');
    for (const m of source.matchAll(/\b(?:Keyword|Outcome|ListEffect|Part|Chain)\("([a-z]+)"/g)) words.add(m[1]);
    for (const m of source.matchAll(/\["([a-z]+)"\]\s*=/g)) words.add(m[1]);
    const reserved = /HashSet<string> (?:Reserved|PartKeywords) = new\(\)\s*\{([^}]*)\}/g;
    for (const m of source.matchAll(reserved)) for (const w of m[1].matchAll(/"([a-z]+)"/g)) words.add(w[1]);
    // The claim's JSON literals: `word.Value is "true" or "false" or "null"`.
    for (const m of source.matchAll(/word\.Value is ((?:"[a-z]+"(?: or )?)+)/g)) for (const w of m[1].matchAll(/"([a-z]+)"/g)) words.add(w[1]);
  }
  const binder = readFileSync(path.join(repositoryRoot, 'src', 'Xinji.Policy.Dsl', 'Binding', 'PolicyBinder.cs'), 'utf8');
  for (const m of binder.matchAll(/"(bool|int|date)" => PolicyType\./g)) words.add(m[1]);
  const calls = readFileSync(path.join(repositoryRoot, 'src', 'Xinji.Policy.Dsl', 'Binding', 'PolicyBinder.Expressions.cs'), 'utf8');
  for (const m of calls.matchAll(/case "([a-z]+)":/g)) words.add(m[1]);
  return words;
}

/** The words the grammar's rules name, in alternations such as (and|or|not). */
function grammarWords() {
  const words = new Set();
  const visit = (node) => {
    if (typeof node === 'string') return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'match' || key === 'begin') && typeof value === 'string') {
        for (const group of value.matchAll(/\(((?:[a-z]+(?:\\s\+[a-z]+)?\??\|)*[a-z]+(?:\\s\+[a-z]+)?\??)\)/g)) {
          for (const alternative of group[1].split('|')) {
            for (const word of alternative.split('\\s+')) {
              const plain = word.replace(/\?$/, '');
              words.add(plain);
              if (word.endsWith('?')) words.add(plain.slice(0, -1));
            }
          }
        }
      } else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(JSON.parse(readFileSync(grammarPath, 'utf8')));
  return words;
}

test('the grammar names exactly the words the parser reads', () => {
  const parser = parserWords();
  const grammar = grammarWords();
  assert.ok(parser.size > 50, `read only ${parser.size} words from the parser`);
  assert.deepEqual([...parser].filter((w) => !grammar.has(w)).sort(), [], 'words of the parser the grammar does not highlight');
  assert.deepEqual([...grammar].filter((w) => !parser.has(w)).sort(), [], 'words of the grammar the parser does not read');
});

test('every word of the parser is highlighted as a word of the language in the sample', async () => {
  const lines = await tokenize(readFileSync(samplePath, 'utf8'));
  const highlighted = new Set(lines.flatMap(({ tokens }) => tokens)
    .filter((t) => t.scopes.some((s) => /^(keyword|constant\.language|support\.(type|function)|storage)\./.test(s)))
    .flatMap((t) => t.text.split(/\s+/)));
  const missing = [...parserWords()].filter((w) => !highlighted.has(w)).sort();
  assert.deepEqual(missing, [], 'words with no keyword token in test/sample.policy');
});

test('every operator and punctuation of the parser is highlighted', async () => {
  const symbols = new Set();
  for (const name of readdirSync(syntaxFolder).filter((n) => n.endsWith('.cs'))) {
    for (const m of readFileSync(path.join(syntaxFolder, name), 'utf8').matchAll(/Symbol\("([^"]+)"\)/g)) symbols.add(m[1]);
  }
  assert.ok(symbols.size >= 12, [...symbols].join(' '));
  const lines = await tokenize(readFileSync(samplePath, 'utf8'));
  const scoped = new Set(lines.flatMap(({ tokens }) => tokens)
    .filter((t) => t.scopes.some((s) => /^(keyword\.operator|punctuation)\./.test(s)))
    .map((t) => t.text.trim()));
  assert.deepEqual([...symbols].filter((s) => !scoped.has(s)).sort(), []);
});

// ---- the snapshot ------------------------------------------------------------------------------

function render(lines) {
  return lines.map(({ line, tokens }, index) => [
    `${index + 1}: ${line}`,
    ...tokens.filter((t) => t.text.trim() !== '' || t.scopes.length > 0)
      .map((t) => `    ${JSON.stringify(t.text)} ${t.scopes.join(' ')}`),
  ].join('\n')).join('\n') + '\n';
}

test('the sample tokenizes as its snapshot (UPDATE_SNAPSHOTS=1 writes it again)', async () => {
  const actual = render(await tokenize(readFileSync(samplePath, 'utf8')));
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    writeFileSync(snapshotPath, actual);
    return;
  }
  const expected = readFileSync(snapshotPath, 'utf8');
  assert.equal(actual, expected, 'the tokens changed: check them, then run UPDATE_SNAPSHOTS=1 npm test');
});

test('the committed grammar is what syntaxes/grammar.mjs writes', () => {
  const written = execFileSync(process.execPath, [path.join(extensionRoot, 'syntaxes', 'grammar.mjs')], { encoding: 'utf8' });
  assert.equal(readFileSync(grammarPath, 'utf8'), written, 'run: node syntaxes/grammar.mjs > syntaxes/xinji-policy.tmLanguage.json');
});
