// What each character of a policy file is, as the parser reads it (src/Xinji.Policy.Dsl/Syntax/
// Lexical.cs and ClaimJsonGrammar.cs): inside a string, a comment, or neither. Written apart from
// the grammar, so the tests can hold the grammar's scopes against it.
const DECLARATION = /^(policy|enum|fact|define|remedy|requirement|note|warranty|reject|section|clause|recital|example)(?![A-Za-z0-9_])/;

/** For each line, an array with 'string', 'comment', 'json' (inside a claim) or '' for each character. */
export function classify(text) {
  const lines = text.split(/\r?\n/);
  let inExample = false;
  let claimDepth = 0;
  return lines.map((line) => {
    const declaration = DECLARATION.exec(line);
    if (declaration) {
      inExample = declaration[1] === 'example';
      claimDepth = 0;
    }
    const kinds = new Array(line.length).fill('');
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '"') {
        // A string runs to its closing quote or to the end of the line (an unclosed string).
        let j = i + 1;
        while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
        const end = Math.min(j + 1, line.length);
        kinds.fill('string', i, end);
        i = end - 1;
      } else if (c === '#' && claimDepth === 0) {
        kinds.fill('comment', i, line.length);
        break;
      } else if (inExample && (c === '{' || c === '[')) {
        claimDepth++;
        kinds[i] = 'json';
      } else if (inExample && claimDepth > 0 && (c === '}' || c === ']')) {
        claimDepth--;
        kinds[i] = 'json';
      } else if (claimDepth > 0) {
        kinds[i] = 'json';
      }
    }
    return kinds;
  });
}
