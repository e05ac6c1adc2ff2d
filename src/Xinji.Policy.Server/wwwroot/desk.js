// The service desk page: the form is built from GET /v1/policy, so it fits any policy; a claim is sent to
// POST /v1/decisions (the decision, logged) and POST /v1/explanations (why, and what would change it).
// A service started with --api-key-file answers 401 until the clerk enters a key, kept for this tab only.
'use strict';

const state = { policy: null, documentInfo: null, cited: new Set(), resume: null };
const keyItem = 'xinji-policy.api-key';

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function describe(list, name) {
  const found = (list ?? []).find((item) => item.name === name);
  return found?.description || name;
}

/** The key the clerk entered in this tab: sessionStorage only, so it is gone when the tab closes. */
function storedKey() {
  try { return sessionStorage.getItem(keyItem); } catch { return null; }
}

function withKey(headers) {
  const key = storedKey();
  return key ? { ...headers, authorization: 'Bearer ' + key } : headers;
}

/** A 401: the service wants a key, or did not accept the one sent. */
class KeyNeeded extends Error {
  constructor(detail) {
    super(detail);
    this.hadKey = storedKey() !== null;
  }
}

async function getJson(url) {
  const response = await fetch(url, { headers: withKey({ accept: 'application/json' }) });
  if (response.status === 401) throw new KeyNeeded(await detailOf(response));
  if (!response.ok) throw new Error(`${url}: the service answered ${response.status}`);
  return response.json();
}

async function detailOf(response) {
  try { return (await response.json())?.detail ?? ''; } catch { return ''; }
}

/** Shows the key field with why it is asked for; once a key is entered, `resume` runs again with it. */
function askForKey(needed, resume) {
  if (needed.hadKey) {
    try { sessionStorage.removeItem(keyItem); } catch { /* storage refused: the key was never kept */ }
  }
  state.resume = resume;
  const message = document.getElementById('key-message');
  message.textContent = needed.hadKey
    ? 'The service did not accept this key. Check it and enter it again.'
    : 'This service asks for an API key. Enter the key you were given.';
  if (needed.message) message.append(` (The service says: ${needed.message}.)`);
  const section = document.getElementById('key');
  section.hidden = false;
  const input = document.getElementById('api-key');
  input.value = '';
  input.focus();
}

function useKey(event) {
  event.preventDefault();
  const input = document.getElementById('api-key');
  const key = input.value.trim();
  const message = document.getElementById('key-message');
  if (key === '') {
    message.textContent = 'Enter the key first.';
    input.focus();
    return;
  }
  try {
    sessionStorage.setItem(keyItem, key);
  } catch {
    message.textContent = 'This browser does not let the page keep the key, so it cannot be sent.';
    return;
  }
  document.getElementById('key').hidden = true;
  input.value = '';
  const resume = state.resume ?? loadPolicy;
  state.resume = null;
  resume();
}

async function loadPolicy() {
  const line = document.getElementById('policy-line');
  try {
    state.policy = await getJson('/v1/policy');
  } catch (failure) {
    if (failure instanceof KeyNeeded) {
      line.textContent = 'The service shows its policy only to callers with an API key.';
      document.getElementById('document-text').textContent = 'The document is shown once the service accepts a key.';
      askForKey(failure, loadPolicy);
    } else {
      line.textContent = 'The policy could not be read: ' + failure.message;
    }
    return;
  }
  const policy = state.policy;
  line.textContent = `Policy ${policy.name}, from “${policy.document}”, version ${policy.hash}`;
  buildForm(policy);
  try {
    state.documentInfo = await getJson('/v1/policy/document');
  } catch {
    state.documentInfo = null;
  }
  renderDocument();
}

function start() {
  document.getElementById('key-form').addEventListener('submit', useKey);
  document.getElementById('claim-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (state.policy) decide();
  });
  loadPolicy();
}

function buildForm(policy) {
  const fields = document.getElementById('fields');
  fields.replaceChildren();
  for (const fact of policy.facts) {
    const id = 'fact-' + fact.name;
    const errorId = id + '-error';
    const caption = [fact.description || fact.name, fact.required ? el('span', { class: 'req-word', text: ' (required)' }) : null,
      el('span', { class: 'name', text: fact.name })];
    let field;
    if (fact.type === 'bool') {
      const box = el('input', { type: 'checkbox', id, name: fact.name, 'aria-describedby': errorId });
      box.checked = fact.default === true;
      field = el('div', { class: 'field check' }, el('label', { for: id }, box, el('span', {}, caption)));
    } else if (Array.isArray(fact.values)) {
      const select = el('select', { id, name: fact.name, 'aria-describedby': errorId, required: fact.required });
      if (fact.default === null || fact.default === undefined) {
        select.append(el('option', { value: '', text: fact.required ? '— choose —' : '— not known —' }));
      }
      for (const value of fact.values) {
        select.append(el('option', { value, text: value, selected: value === fact.default }));
      }
      field = el('div', { class: 'field' }, el('label', { for: id }, caption), select);
    } else {
      // A date input gives its value as YYYY-MM-DD whatever order the browser shows; a date it cannot
      // give (30 February typed segment by segment) is caught in claimFromForm, never sent as empty.
      const hintId = id + '-hint';
      const date = fact.type === 'date';
      const input = el('input', {
        type: date ? 'date' : 'text', id, name: fact.name, autocomplete: 'off', required: fact.required,
        inputmode: fact.type === 'int' ? 'numeric' : null,
        'data-type': fact.type, 'aria-describedby': `${hintId} ${errorId}`,
        value: fact.default ?? null,
      });
      field = el('div', { class: 'field' }, el('label', { for: id }, caption), input,
        el('span', { class: 'name', id: hintId, text: date ? 'A date: type it or pick it' : 'A ' + fact.type }));
    }
    field.append(el('span', { class: 'error', id: errorId, hidden: true }));
    field.dataset.fact = fact.name;
    fields.append(field);
  }
}

/** The claim the form holds, and the fields the browser already knows are wrong (the claim is then not sent). */
function claimFromForm() {
  const claim = {};
  const refused = [];
  for (const fact of state.policy.facts) {
    const input = document.getElementById('fact-' + fact.name);
    if (fact.type === 'bool') {
      claim[fact.name] = input.checked;
    } else if (input.validity.badInput) {
      // What was typed is not a date the browser can give (its value is then empty): saying so here
      // keeps it from reaching the service as a date left out.
      refused.push({ field: fact.name, message: 'this is not a date in the calendar, or it is not complete: check the day, the month and the year' });
    } else if (input.value.trim() !== '') {
      const text = input.value.trim();
      claim[fact.name] = fact.type === 'int' && /^-?\d+$/.test(text) ? Number(text) : text;
    }
  }
  return { claim, refused };
}

function clearErrors() {
  for (const input of document.querySelectorAll('#fields [aria-invalid]')) input.removeAttribute('aria-invalid');
  for (const message of document.querySelectorAll('#fields .error')) { message.textContent = ''; message.hidden = true; }
  const summary = document.getElementById('form-error');
  summary.hidden = true;
  summary.textContent = '';
}

/** Marks each error on its field, in words ("Error: …") as well as the red border; the rest go to the summary. */
function markErrors(errors, opening) {
  const summary = document.getElementById('form-error');
  const unplaced = [];
  let first = null;
  for (const error of errors) {
    const input = error.field ? document.getElementById('fact-' + error.field) : null;
    if (!input) { unplaced.push(error.field ? `${error.field}: ${error.message}` : error.message); continue; }
    input.setAttribute('aria-invalid', 'true');
    const message = document.getElementById('fact-' + error.field + '-error');
    message.replaceChildren(el('strong', { text: 'Error: ' }), error.message);
    message.hidden = false;
    first ??= input;
  }
  summary.textContent = `${opening}${first ? ': see the marked fields' : ''}.` + (unplaced.length ? ' ' + unplaced.join(' ') : '');
  summary.hidden = false;
  (first ?? summary).focus?.();
}

function serviceErrors(problem) {
  return problem.errors?.length ? problem.errors : [{ field: problem.field, message: problem.detail }];
}

async function post(url, claim) {
  const response = await fetch(url, {
    method: 'POST', headers: withKey({ 'content-type': 'application/json', accept: 'application/json' }), body: JSON.stringify(claim),
  });
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  return { status: response.status, body };
}

/** Replaces the last decision with a line saying where things stand, so an old verdict is never read as this claim's. */
function noDecision(line) {
  document.getElementById('result-body').replaceChildren(el('p', { class: 'hint', text: line }));
  if (state.cited.size) {
    state.cited = new Set();
    renderDocument();
  }
}

async function decide() {
  clearErrors();
  const { claim, refused } = claimFromForm();
  if (refused.length) {
    noDecision('No decision: the claim has errors to correct first.');
    markErrors(refused, 'The claim was not sent');
    return;
  }
  noDecision('Deciding the claim…');
  const button = document.getElementById('decide');
  button.disabled = true;
  try {
    const [decision, explanation] = await Promise.all([post('/v1/decisions', claim), post('/v1/explanations', claim)]);
    const unauthorized = [decision, explanation].find((answer) => answer.status === 401);
    if (unauthorized) {
      noDecision('No decision: the service asks for an API key.');
      askForKey(new KeyNeeded(unauthorized.body?.detail ?? ''), decide);
      return;
    }
    if (decision.status === 400 || explanation.status === 400) {
      noDecision('No decision: the service did not accept the claim.');
      const problem = (decision.status === 400 ? decision : explanation).body ?? { detail: 'The claim was rejected.' };
      markErrors(serviceErrors(problem), 'The service did not accept the claim');
      return;
    }
    if (decision.status !== 200) {
      noDecision('No decision: the service could not decide the claim.');
      const summary = document.getElementById('form-error');
      summary.textContent = `The service could not decide the claim (${decision.status}): ${decision.body?.detail ?? 'no detail'}`;
      summary.hidden = false;
      return;
    }
    renderResult(decision.body, explanation.status === 200 ? explanation.body : null);
  } catch (failure) {
    noDecision('No decision: the service could not be reached.');
    const summary = document.getElementById('form-error');
    summary.textContent = 'The service could not be reached: ' + failure.message;
    summary.hidden = false;
  } finally {
    button.disabled = false;
  }
}

function list(items, empty) {
  return items.length ? el('ul', {}, items.map((item) => el('li', {}, item))) : el('p', { text: empty });
}

/** The facts a reason rests on, in the clerk's words: "The customer has the warranty card: no". */
function factsOf(because, out = new Map()) {
  for (const item of because ?? []) {
    if (item.kind === 'fact') {
      const value = item.value === null ? 'not known' : item.value === true ? 'yes' : item.value === false ? 'no' : String(item.value);
      out.set(item.name, `${describe(state.policy.facts, item.name).replace(/\.$/, '')}: ${value}`);
    }
    factsOf(item.derivedFrom, out);
  }
  return out;
}

function reasons(explanation) {
  const why = explanation?.why;
  if (!why) return null;
  const section = el('section', { 'aria-labelledby': 'why-heading' }, el('h3', { id: 'why-heading', text: why.question ?? 'Why' }));
  if (why.warrantyNotEstablished?.text) section.append(el('p', { text: why.warrantyNotEstablished.text }));
  for (const clause of why.decidedBy ?? []) {
    const facts = [...factsOf(clause.because).values()];
    section.append(el('p', {}, `Clause ${clause.id} decides it: “${clause.text}”`, facts.length ? ` This is because: ${facts.join('; ')}.` : ''));
  }
  for (const clause of why.otherWayNot ?? []) {
    const facts = [...factsOf(clause.because).values()];
    section.append(el('p', {}, `Clause ${clause.id} would decide the other way, but does not apply: “${clause.text}”`, facts.length ? ` It needs other facts than: ${facts.join('; ')}.` : ''));
  }
  return section;
}

function whatIfs(explanation) {
  const items = explanation?.whatIfs ?? [];
  const section = el('section', { 'aria-labelledby': 'whatif-heading' }, el('h3', { id: 'whatif-heading', text: 'What would change the decision' }));
  if (!items.length) {
    section.append(el('p', { text: 'No change the customer could bring about or prove would change this decision.' }));
    return section;
  }
  section.append(el('ul', { class: 'whatifs' }, items.map((whatIf) => el('li', {},
    el('strong', { text: whatIf.text }),
    el('br'),
    `Then: ${whatIf.coverage === 'free' ? 'free of charge' : whatIf.coverage}` +
      (whatIf.remedies?.length ? ', ' + whatIf.remedies.map((r) => describe(state.policy.remedies, r).replace(/\.$/, '')).join('; ') : '') + '.'))));
  return section;
}

function renderResult(decision, explanation) {
  const policy = state.policy;
  const free = decision.coverage === 'free';
  const body = document.getElementById('result-body');
  const warranty = decision.warranty ?? {};
  const period = warranty.start
    ? `From ${warranty.start} to ${warranty.end} (${warranty.active ? 'the claim is within it' : 'the claim is outside it'}).`
    : 'No warranty period was established.';
  state.cited = new Set((decision.clauses ?? []).map((c) => c.id));
  body.replaceChildren(...[
    el('div', { class: 'verdict ' + (free ? 'free' : 'paid'), id: 'verdict' },
      el('p', { class: 'word', text: free ? '✓ Free of charge' : '✗ Paid service' }),
      el('p', { text: free ? 'The warranty covers this claim: the customer pays nothing.' : 'The warranty does not cover this claim: the customer pays for the service.' })),
    el('h3', { text: 'What XINJI offers' }),
    list((decision.remedies ?? []).map((r) => describe(policy.remedies, r)), 'No remedy is offered.'),
    el('h3', { text: 'What the customer must bring or do' }),
    list((decision.requirements ?? []).map((r) => describe(policy.requirements, r)), 'Nothing to bring or do.'),
    el('h3', { text: 'Notes' }),
    list((decision.notes ?? []).map((n) => describe(policy.notes, n)), 'No notes.'),
    el('h3', { text: 'Warranty period' }),
    el('p', { id: 'warranty', text: period }),
    free ? null : reasons(explanation),
    whatIfs(explanation),
    el('h3', { text: 'Cited clauses' }),
    el('ul', { class: 'clauses' }, (decision.clauses ?? []).map((clause) => el('li', { id: 'clause-' + clause.id },
      el('span', { class: 'tag', text: clause.id }), ` ${clause.section} `,
      el('blockquote', { text: clause.text }),
      el('a', { href: '#doc-' + clause.id, text: `Show ${clause.id} in the document` })))),
    el('h3', { text: 'Decision' }),
    el('dl', { class: 'ids' },
      el('dt', { text: 'Decision id' }), el('dd', { id: 'decision-id', text: decision.decisionId ?? '—' }),
      el('dt', { text: 'Policy version' }), el('dd', { id: 'policy-version', text: `${decision.policy?.name} ${decision.policy?.hash}` }),
      el('dt', { text: 'Decided at' }), el('dd', { text: decision.decidedAt ?? '—' })),
  ].filter((part) => part !== null));
  renderDocument();
  const result = document.getElementById('result');
  result.focus();
}

function pattern(quote) {
  const words = quote.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(words.join('\\s+'));
}

function renderDocument() {
  const target = document.getElementById('document-text');
  const info = state.documentInfo;
  const clauseList = document.getElementById('clause-list');
  if (!info || !info.text) {
    target.textContent = info ? `The policy names “${info.document}” but the service has no copy of its text.` : 'The document could not be read.';
    return;
  }
  clauseList.replaceChildren(...info.clauses.map((clause) => el('li', { id: 'policy-clause-' + clause.id },
    el('span', { class: 'tag', text: clause.id }), ` ${clause.section}: `, clause.quotes.join(' '))));
  const ranges = [];
  for (const clause of info.clauses) {
    let first = true;
    for (const quote of clause.quotes) {
      const found = pattern(quote).exec(info.text);
      if (!found) continue;
      ranges.push({ start: found.index, end: found.index + found[0].length, clause: clause.id, first });
      first = false;
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const range of ranges) {
    if (range.start < at) continue;
    parts.push(info.text.slice(at, range.start));
    const cited = state.cited.has(range.clause);
    const link = el('a', {
      class: 'sentence', href: cited ? '#clause-' + range.clause : '#policy-clause-' + range.clause,
      id: range.first ? 'doc-' + range.clause : null,
      title: `Clause ${range.clause}`,
    }, info.text.slice(range.start, range.end), ' ', el('span', { class: 'tag', text: `[${range.clause}]` }));
    if (cited) {
      link.addEventListener('click', () => { document.getElementById('all-clauses').open = true; });
      parts.push(el('mark', { 'data-clause': range.clause }, el('span', { class: 'marker', text: '[cited] ' }), link));
    } else {
      link.addEventListener('click', () => { document.getElementById('all-clauses').open = true; });
      parts.push(link);
    }
    at = range.end;
  }
  parts.push(info.text.slice(at));
  target.replaceChildren(...parts);
}

start();
