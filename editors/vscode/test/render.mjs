// Renders the sample's tokens as an HTML page with VS Code's Dark+ colours for their scopes, to
// show what the highlighting looks like: `node test/render.mjs [out.html]`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { extensionRoot, tokenize } from './tokenizer.mjs';

// The Dark+ rules the grammar's scopes meet: a scope takes the colour of its longest matching
// prefix, and a token the colour of its innermost scope that has one.
const darkPlus = {
  comment: '#6A9955',
  string: '#CE9178',
  'constant.character.escape': '#D7BA7D',
  'constant.numeric': '#B5CEA8',
  'constant.language': '#569CD6',
  keyword: '#569CD6',
  'keyword.control': '#C586C0',
  'keyword.operator': '#D4D4D4',
  'keyword.operator.expression': '#569CD6',
  storage: '#569CD6',
  'support.type': '#4EC9B0',
  'support.type.property-name': '#9CDCFE',
  'support.function': '#DCDCAA',
  'entity.name.function': '#DCDCAA',
  'entity.name.type': '#4EC9B0',
  'entity.name.tag': '#569CD6',
  variable: '#9CDCFE',
  'entity.name.variable': '#9CDCFE',
  'variable.other.enummember': '#4FC1FF',
  invalid: '#F44747',
};

function colourOf(scopes) {
  for (const scope of [...scopes].reverse()) {
    const parts = scope.split('.');
    for (let n = parts.length; n > 0; n--) {
      const colour = darkPlus[parts.slice(0, n).join('.')];
      if (colour) return colour;
    }
  }
  return null;
}

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const samplePath = path.join(extensionRoot, 'test', 'sample.policy');
const out = process.argv[2] ?? path.join(extensionRoot, 'test', 'out', 'highlighting.html');
const lines = await tokenize(readFileSync(samplePath, 'utf8'));
const body = lines.map(({ tokens }, index) => {
  const code = tokens.map((t) => {
    const colour = colourOf(t.scopes);
    const title = escape(t.scopes.filter((s) => !s.startsWith('meta.')).join(' '));
    return colour ? `<span style="color:${colour}" title="${title}">${escape(t.text)}</span>` : escape(t.text);
  }).join('');
  return `<span class="n">${index + 1}</span>${code}`;
}).join('\n');

mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `<!doctype html>
<html><head><meta charset="utf-8"><title>sample.policy</title>
<style>
  body { margin: 0; background: #1E1E1E; }
  .tab { background: #252526; color: #CCCCCC; font: 13px sans-serif; padding: 8px 16px; }
  pre { margin: 0; padding: 8px 0; color: #D4D4D4; font: 14px/19px "DejaVu Sans Mono", monospace; }
  .n { display: inline-block; width: 3.5em; padding-right: 1.5em; text-align: right; color: #858585; }
</style></head>
<body><div class="tab">sample.policy</div><pre>${body}
</pre></body></html>
`);
console.log(out);
