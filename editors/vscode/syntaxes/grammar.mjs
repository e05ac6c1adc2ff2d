// Writes syntaxes/xinji-policy.tmLanguage.json: `node syntaxes/grammar.mjs > syntaxes/xinji-policy.tmLanguage.json`.
// The words and patterns are written once here; test/grammar.test.mjs checks the JSON is this output.
const DECL = 'policy|enum|fact|define|remedy|requirement|note|warranty|reject|section|clause|recital|example';
const DECL_END = `^(?=(?:${DECL})(?![A-Za-z0-9_]))`;
const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const ID = '[A-Za-z0-9][A-Za-z0-9._-]*';
// A list of items separated by commas ends after an item not followed by a comma: at the end of
// the line or a comment, or before the next word; a line starting in column 1 always ends it.
const LIST_END = '(?<=[^,\\s])(?=\\s*(?:#|$)|\\s+[^\\s,])|^(?=\\S)';
const S = '.xinji-policy';
const kw = (scope) => ({ name: scope + S });

const decl = (keyword, nameScope, patterns, nameRe = NAME) => ({
  name: `meta.declaration.${keyword.split('|')[0]}${S}`,
  begin: nameScope ? `^(${keyword})\\b(?:\\s+(${nameRe}))?` : `^(${keyword})\\b`,
  beginCaptures: { 1: kw('keyword.other.declaration'), ...(nameScope ? { 2: kw(nameScope) } : {}) },
  end: DECL_END,
  patterns,
});

const list = (keywords, itemScope, itemRe, extra = []) => ({
  name: `meta.list${S}`,
  begin: `\\b(${keywords})\\b(?:\\s+(at)\\s+(least)\\b)?(?:\\s+(none)\\b|\\s+(${itemRe}))?`,
  beginCaptures: {
    1: kw('keyword.other'), 2: kw('keyword.other'), 3: kw('keyword.other'),
    4: kw('constant.language.none'), 5: kw(itemScope),
  },
  end: LIST_END,
  patterns: [
    // A comment after a comma takes the line's end with it, so the list goes on on the next line.
    { name: `comment.line.number-sign${S}`, match: '(#).*\\n?', captures: { 1: kw('punctuation.definition.comment') } },
    { match: ',', name: kw('punctuation.separator.comma').name },
    ...extra,
    { match: itemRe, name: itemScope + S },
  ],
});

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Xinji Policy',
  scopeName: 'source.xinji-policy',
  fileTypes: ['policy', 'examples'],
  patterns: [
    { include: '#comment' },
    { include: '#policy' }, { include: '#enum' }, { include: '#fact' }, { include: '#define' },
    { include: '#outcome' }, { include: '#warranty' }, { include: '#reject' }, { include: '#section' },
    { include: '#clause' }, { include: '#recital' }, { include: '#example' },
    { include: '#string' },
  ],
  repository: {
    comment: { name: `comment.line.number-sign${S}`, match: '(#).*$', captures: { 1: kw('punctuation.definition.comment') } },
    string: {
      name: `string.quoted.double${S}`,
      begin: '"', beginCaptures: { 0: kw('punctuation.definition.string.begin') },
      end: '(")|$', endCaptures: { 1: kw('punctuation.definition.string.end') },
      patterns: [
        { match: '\\\\[\\\\"]', name: `constant.character.escape${S}` },
        { match: '\\\\.?', name: `invalid.illegal.escape${S}` },
      ],
    },
    policy: decl('policy', 'entity.name.type.policy', [
      { include: '#comment' }, { include: '#string' },
      { match: '\\b(implements|source)\\b', name: `keyword.other${S}` },
    ]),
    enum: decl('enum', 'entity.name.type.enum', [
      { include: '#comment' }, { include: '#string' },
      { match: '=', name: `keyword.operator.assignment${S}` },
      { match: '\\|', name: `punctuation.separator.enum-member${S}` },
      { match: `\\b${NAME}\\b`, name: `variable.other.enummember${S}` },
    ]),
    fact: decl('fact', 'entity.name.variable.fact', [
      { include: '#comment' }, { include: '#string' },
      {
        match: `(:)\\s*(?:\\b(optional)\\s+)?(?:\\b(bool|int|date)\\b|\\b(${NAME})\\b)`,
        captures: {
          1: kw('punctuation.separator.type'), 2: kw('storage.modifier.optional'),
          3: kw('support.type.builtin'), 4: kw('entity.name.type'),
        },
      },
      { match: '\\b(provable)\\b', name: `storage.modifier.provable${S}` },
      { include: '#expression' },
    ]),
    define: decl('define', 'entity.name.function.definition', [
      { include: '#comment' }, { include: '#quote' }, { include: '#expression' },
    ]),
    outcome: decl('remedy|requirement|note', 'entity.name.constant.outcome', [
      { include: '#comment' }, { include: '#string' },
    ]),
    warranty: decl('warranty', null, [
      { include: '#comment' },
      { match: '\\b(from|through|active)\\b', name: `keyword.other${S}` },
      { include: '#expression' },
    ]),
    reject: decl('reject', 'variable.other.field', [
      { include: '#comment' }, { include: '#expression' },
    ]),
    section: decl('section', null, [
      { include: '#comment' }, { include: '#string' },
    ]),
    clause: decl('clause|recital', 'entity.name.tag.clause-id', [
      { include: '#comment' },
      { include: '#quote' },
      list('exception\\s+to', 'entity.name.tag.clause-id', ID),
      list('remedy|require|note', 'variable.other.outcome', NAME),
      { match: '\\b(because)\\b', name: `keyword.other${S}` },
      { include: '#expression' },
    ], ID),
    recital: { patterns: [] },
    example: decl('example', null, [
      { include: '#comment' }, { include: '#string' },
      { match: '\\b(claim|expect)\\b', name: `keyword.other${S}` },
      { include: '#claim-object' },
      {
        match: `\\b(invalid)\\b(?:\\s+(${NAME}))?`,
        captures: { 1: kw('keyword.other'), 2: kw('variable.other.field') },
      },
      list('cites', 'entity.name.tag.clause-id', ID),
      list('remedies|requirements|notes', 'variable.other.outcome', NAME),
      { include: '#what-ifs' },
      { match: '\\b(warranty|from|through|active|established)\\b', name: `keyword.other${S}` },
      { match: '\\b(not)\\b', name: `keyword.operator.expression.logical${S}` },
      { match: '\\b(free|paid)\\b', name: `constant.language.coverage${S}` },
      { include: '#date' },
    ]),
    // The last part of an expectation: what-ifs to the end of the example, one a line, such as
    // `free if boughtOn from 2024-01-15 through 2026-01-14 and seal is intact (B-1; no longer B-2)`.
    'what-ifs': {
      name: `meta.what-ifs${S}`,
      begin: '\\b(what)(-ifs)(?![A-Za-z0-9_-])',
      beginCaptures: { 1: kw('keyword.other'), 2: kw('keyword.other') },
      end: DECL_END,
      patterns: [
        { include: '#comment' },
        { match: '\\b(none)\\b', name: `constant.language.none${S}` },
        { match: '\\b(free|paid)\\b', name: `constant.language.coverage${S}` },
        { match: '\\b(if)\\b', name: `keyword.control.conditional${S}` },
        { match: '\\b(and|not)\\b', name: `keyword.operator.expression.logical${S}` },
        { match: '\\b(is|known)\\b', name: `keyword.operator.expression.word${S}` },
        { match: '\\b(from|through)\\b', name: `keyword.other${S}` },
        { match: '\\b(true|false)\\b', name: `constant.language.boolean${S}` },
        { include: '#date' },
        { match: '-?\\b\\d+\\b', name: `constant.numeric.integer${S}` },
        {
          name: `meta.what-if.clauses${S}`,
          begin: '\\(', beginCaptures: { 0: kw('punctuation.parenthesis.begin') },
          end: '(\\))|$', endCaptures: { 1: kw('punctuation.parenthesis.end') },
          patterns: [
            { match: '\\b(no\\s+longer)\\b', name: `keyword.other${S}` },
            { match: ',', name: `punctuation.separator.comma${S}` },
            { match: ';', name: `punctuation.separator.semicolon${S}` },
            { match: ID, name: `entity.name.tag.clause-id${S}` },
          ],
        },
        { match: `\\b${NAME}\\b`, name: `variable.other${S}` },
      ],
    },
    quote: {
      patterns: [
        { match: '\\b(quote)\\b', name: `keyword.other.quote${S}` },
        { include: '#string' },
      ],
    },
    date: { match: '\\b\\d{4}-\\d{2}-\\d{2}\\b', name: `constant.numeric.date${S}` },
    expression: {
      patterns: [
        { include: '#comment' },
        { include: '#string' },
        { include: '#date' },
        { match: '\\b\\d+\\b', name: `constant.numeric.integer${S}` },
        { match: '\\b(and|or|not)\\b', name: `keyword.operator.expression.logical${S}` },
        { match: '\\b(is|in|known)\\b', name: `keyword.operator.expression.word${S}` },
        { match: '\\b(if|then|else|when|always)\\b', name: `keyword.control.conditional${S}` },
        { match: '\\b(true|false)\\b', name: `constant.language.boolean${S}` },
        { match: '\\b(free|paid)\\b', name: `constant.language.coverage${S}` },
        { match: '\\b(days?|months?|years?)\\b', name: `keyword.other.unit${S}` },
        { match: `\\b(earliest|latest)\\b(?=\\s*\\()`, name: `support.function.builtin${S}` },
        { match: `\\b(${NAME})\\b(?=\\s*\\()`, name: `entity.name.function.call${S}` },
        { match: '<=|>=|<|>', name: `keyword.operator.comparison${S}` },
        { match: '[+-]', name: `keyword.operator.arithmetic${S}` },
        { match: '=', name: `keyword.operator.assignment${S}` },
        { match: '\\{', name: `punctuation.definition.set.begin${S}` },
        { match: '\\}', name: `punctuation.definition.set.end${S}` },
        { match: '\\(', name: `punctuation.parenthesis.begin${S}` },
        { match: '\\)', name: `punctuation.parenthesis.end${S}` },
        { match: ',', name: `punctuation.separator.comma${S}` },
        { match: `\\b${NAME}\\b`, name: `variable.other${S}` },
      ],
    },
    'claim-object': {
      name: `meta.claim.json${S}`,
      begin: '\\{', beginCaptures: { 0: kw('punctuation.definition.dictionary.begin.json') },
      end: '\\}', endCaptures: { 0: kw('punctuation.definition.dictionary.end.json') },
      patterns: [{ include: '#json-member' }, { include: '#json-value' }],
    },
    'claim-array': {
      name: `meta.structure.array.json${S}`,
      begin: '\\[', beginCaptures: { 0: kw('punctuation.definition.array.begin.json') },
      end: '\\]', endCaptures: { 0: kw('punctuation.definition.array.end.json') },
      patterns: [{ include: '#json-value' }],
    },
    'json-member': {
      // A key is a string followed by a colon.
      name: `support.type.property-name.json${S}`,
      begin: '"(?=(?:[^"\\\\]|\\\\.)*"\\s*:)', beginCaptures: { 0: kw('punctuation.definition.string.begin.json') },
      end: '(")|$', endCaptures: { 1: kw('punctuation.definition.string.end.json') },
      patterns: [{ include: '#json-escape' }],
    },
    'json-value': {
      patterns: [
        {
          name: `string.quoted.double.json${S}`,
          begin: '"', beginCaptures: { 0: kw('punctuation.definition.string.begin.json') },
          end: '(")|$', endCaptures: { 1: kw('punctuation.definition.string.end.json') },
          patterns: [{ include: '#json-escape' }],
        },
        { match: '-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?', name: `constant.numeric.json${S}` },
        { match: '\\b(true|false|null)\\b', name: `constant.language.json${S}` },
        { match: ':', name: `punctuation.separator.dictionary.key-value.json${S}` },
        { match: ',', name: `punctuation.separator.json${S}` },
        { include: '#claim-object' },
        { include: '#claim-array' },
        // JSON has no comments: a '#' inside a claim is an error the parser reports.
        { match: '#.*$', name: `invalid.illegal.comment-in-json${S}` },
      ],
    },
    'json-escape': {
      patterns: [
        { match: '\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4})', name: `constant.character.escape.json${S}` },
        { match: '\\\\.?', name: `invalid.illegal.escape.json${S}` },
      ],
    },
  },
};
delete grammar.repository.recital;
grammar.patterns = grammar.patterns.filter((p) => p.include !== '#recital');
process.stdout.write(JSON.stringify(grammar, null, 2) + '\n');
