// Loads the extension's grammar with vscode-textmate and vscode-oniguruma, the libraries VS Code
// itself tokenizes with, and tokenizes whole files line by line as an editor does.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import textmate from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
export const extensionRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repositoryRoot = path.resolve(extensionRoot, '..', '..');
export const grammarPath = path.join(extensionRoot, 'syntaxes', 'xinji-policy.tmLanguage.json');
export const scopeName = 'source.xinji-policy';

let grammarPromise;

/** The grammar, loaded once. */
export function loadGrammar() {
  grammarPromise ??= (async () => {
    const wasm = await readFile(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
        createOnigString: (text) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (name) =>
        name === scopeName ? textmate.parseRawGrammar(await readFile(grammarPath, 'utf8'), grammarPath) : null,
    });
    const grammar = await registry.loadGrammar(scopeName);
    if (!grammar) throw new Error(`the grammar ${scopeName} did not load`);
    return grammar;
  })();
  return grammarPromise;
}

/**
 * Tokenizes a text: for each line, its tokens as { text, start, end, scopes } (the root scope left
 * out). Throws when the tokenizer stops early on a line, which VS Code would show unhighlighted.
 */
export async function tokenize(text) {
  const grammar = await loadGrammar();
  const lines = text.split(/\r?\n/);
  let state = textmate.INITIAL;
  return lines.map((line, index) => {
    const result = grammar.tokenizeLine(line, state, 0);
    if (result.stoppedEarly) throw new Error(`tokenizing stopped early on line ${index + 1}`);
    state = result.ruleStack;
    const tokens = result.tokens.map((token, i) => {
      const end = i + 1 < result.tokens.length ? result.tokens[i + 1].startIndex : line.length;
      return { text: line.slice(token.startIndex, end), start: token.startIndex, end, scopes: token.scopes.slice(1) };
    }).filter((token) => token.end > token.start);
    return { line, tokens };
  });
}
