// The service desk page in a real browser: Debian's chromium, driven headless by playwright-core, against a
// `xinji-policy serve` started here on a free loopback port over a temporary copy of the shipped policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const screenshots = path.join(repo, 'artifacts', 'screenshots');
const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The CLI: XINJI_POLICY_DLL, else the CLI built in Release, else in Debug. */
function cliDll() {
  const built = ['Release', 'Debug']
    .map((c) => path.join(repo, 'src', 'Xinji.Policy.Cli', 'bin', c, 'net10.0', 'xinji-policy.dll'));
  const dll = process.env.XINJI_POLICY_DLL ?? built.find((f) => fs.existsSync(f));
  if (!dll) throw new Error('Build the CLI first: dotnet build src/Xinji.Policy.Cli -c Release');
  return dll;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

let server;
let browser;
let base;
let work;
let serverOutput = '';

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'xinji-desk-'));
  fs.cpSync(path.join(repo, 'policy'), path.join(work, 'policy'), { recursive: true });
  fs.mkdirSync(screenshots, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn('dotnet', [cliDll(), 'serve', '--urls', base], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  const listening = new Promise((resolve, reject) => {
    const watch = (chunk) => {
      serverOutput += chunk;
      if (serverOutput.includes('listening on')) resolve();
    };
    server.stdout.on('data', watch);
    server.stderr.on('data', watch);
    server.on('exit', (code) => reject(new Error(`xinji-policy serve exited with ${code}:\n${serverOutput}`)));
  });
  await listening;
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** A fresh page at the desk, its form built from the policy; offline requests other than the service fail the test. */
async function openDesk(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const foreign = [];
  page.on('request', (request) => { if (!request.url().startsWith(base)) foreign.push(request.url()); });
  await page.goto(base + '/');
  await page.locator('#fact-claimDate').waitFor();
  await page.locator('#document-text a.sentence').first().waitFor();
  return { page, context, foreign };
}

/** Fills the form the way a clerk does: the label each fact's description gives it. */
async function fill(page, claim) {
  for (const [name, value] of Object.entries(claim)) {
    const input = page.locator('#fact-' + name);
    const kind = await input.evaluate((node) => (node.tagName === 'SELECT' ? 'select' : node.type));
    if (kind === 'select') await input.selectOption(String(value));
    else if (kind === 'checkbox') await input.setChecked(value);
    else await input.fill(String(value));
  }
}

async function decide(page) {
  await page.getByRole('button', { name: 'Decide the claim' }).click();
  await page.locator('#verdict, #form-error:not([hidden])').first().waitFor();
}

const text = (page, selector) => page.locator(selector).innerText();

test('the form comes from the policy: labels from descriptions, enums as selects, bools as checkboxes, defaults filled', async () => {
  const { page, context, foreign } = await openDesk();
  assert.equal(await page.getByLabel('The kind of product the customer brings in.').evaluate((n) => n.tagName), 'SELECT');
  assert.equal(await page.locator('#fact-warrantySticker').inputValue(), 'intact');
  assert.equal(await page.locator('#fact-hasProofOfPurchase').isChecked(), true);
  assert.equal(await page.locator('#fact-rooted').isChecked(), false);
  assert.equal(await page.locator('#fact-invoiceDate').inputValue(), '');
  assert.deepEqual(foreign, []);
  await context.close();
});

test('a free claim: verdict in words, replacement, the box and invoice, WP-2 quoted and marked in the document', async () => {
  const { page, context } = await openDesk();
  await fill(page, { product: 'smartWatch', claimDate: '2025-03-10', activationDate: '2024-06-02', invoiceDate: '2024-06-01', cause: 'manufacturingDefect' });
  await decide(page);
  const result = await text(page, '#result');
  assert.match(await text(page, '#verdict'), /Free of charge/);
  assert.match(result, /Replacement of the product\./);
  assert.match(result, /Bring the original box pack to the service centre\./);
  assert.match(result, /Present a valid proof of purchase: the invoice\./);
  assert.match(result, /From 2024-06-01 to 2025-05-31/);
  assert.doesNotMatch(result, /null|undefined/);
  assert.match(await text(page, '#clause-WP-2'), /in case of functional failure during normal use, XINJI will provide free maintenance or replacement/);
  assert.match(await text(page, '#decision-id'), /^[0-9a-f-]{36}$/);
  assert.match(await text(page, '#policy-version'), /^Warranty sha256:[0-9a-f]{64}$/);
  const cited = page.locator('#document-text mark[data-clause="WP-2"]');
  assert.match(await cited.innerText(), /^\[cited\] During the warranty period, in case of functional failure/);
  assert.equal(await cited.locator('a').getAttribute('href'), '#clause-WP-2');
  assert.equal(await page.locator('#document-text mark[data-clause="EX-3"]').count(), 0, 'an uncited sentence is not marked');
  await page.screenshot({ path: path.join(screenshots, 'free-claim.png'), fullPage: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(repo, 'docs', 'images', 'service-desk.png') });
  await context.close();
});

test('water damage with a missing sticker: paid, EX-3 and EX-9 cited, why in sentences', async () => {
  const { page, context } = await openDesk();
  await fill(page, { product: 'smartWatch', claimDate: '2025-02-01', invoiceDate: '2024-11-11', cause: 'water', warrantySticker: 'missing' });
  await decide(page);
  assert.match(await text(page, '#verdict'), /Paid service/);
  assert.match(await text(page, '#clause-EX-3'), /Warranty sticker is missing\/misplaced or altered\./);
  assert.ok(await page.locator('#clause-EX-9').count(), 'EX-9 is cited');
  const why = await text(page, '#result section[aria-labelledby=why-heading]');
  assert.match(why, /Why paid, not free\?/);
  assert.match(why, /Clause EX-3 decides it/);
  assert.match(why, /The state of the warranty sticker: missing/);
  assert.equal(await page.locator('#document-text mark[data-clause="EX-3"]').count(), 1);
  await page.screenshot({ path: path.join(screenshots, 'water-damage-sticker-missing.png'), fullPage: true });
  await context.close();
});

test('no proof of purchase: paid, and the what-if that makes it free', async () => {
  const { page, context } = await openDesk();
  await fill(page, {
    product: 'smartWatch', claimDate: '2025-03-10', invoiceDate: '2024-06-01', cause: 'manufacturingDefect',
    hasProofOfPurchase: false, hasWarrantyCard: false,
  });
  await decide(page);
  assert.match(await text(page, '#verdict'), /Paid service/);
  const whatIfs = await text(page, '#result section[aria-labelledby=whatif-heading]');
  assert.match(whatIfs, /Would be free if the customer has a valid proof of purchase/);
  assert.match(whatIfs, /Would be free if the customer has the warranty card/);
  assert.match(whatIfs, /Then: free of charge, Replacement of the product\./);
  await page.screenshot({ path: path.join(screenshots, 'no-proof-of-purchase.png'), fullPage: true });
  await context.close();
});

test('an impossible date is marked on its field with the service\'s message', async () => {
  const { page, context } = await openDesk();
  await fill(page, { product: 'smartWatch', claimDate: '2025-02-30', cause: 'water' });
  await decide(page);
  const field = page.locator('#fact-claimDate');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.match(await text(page, '#fact-claimDate-error'), /"2025-02-30" is not a date: February 2025 has 28 days/);
  assert.equal(await page.locator('#fact-cause').getAttribute('aria-invalid'), null);
  assert.equal(await page.locator('#fact-cause-error').isVisible(), false, 'a field the service accepted shows no error');
  assert.equal(await page.locator('#verdict').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'fact-claimDate');
  await page.screenshot({ path: path.join(screenshots, 'impossible-date.png'), fullPage: true });
  // Corrected, the mark goes.
  await fill(page, { claimDate: '2025-02-28' });
  await decide(page);
  assert.equal(await field.getAttribute('aria-invalid'), null);
  assert.equal(await page.locator('#fact-claimDate-error').isVisible(), false);
  await context.close();
});

test('keyboard only: tab to each field, type, and submit with Enter', async () => {
  const { page, context } = await openDesk();
  const focusOn = async (id) => {
    for (let i = 0; i < 60; i++) {
      if (await page.evaluate(() => document.activeElement?.id) === id) return;
      await page.keyboard.press('Tab');
    }
    assert.fail('Tab never reached #' + id);
  };
  await focusOn('fact-product');
  await page.keyboard.press('ArrowDown'); // — choose — to smartWatch
  await focusOn('fact-claimDate');
  await page.keyboard.type('2025-03-10');
  await focusOn('fact-invoiceDate');
  await page.keyboard.type('2024-06-01');
  await focusOn('fact-cause');
  await page.keyboard.press('ArrowDown'); // manufacturingDefect
  assert.equal(await page.locator('#fact-product').inputValue(), 'smartWatch');
  assert.equal(await page.locator('#fact-cause').inputValue(), 'manufacturingDefect');
  await focusOn('decide');
  await page.keyboard.press('Enter');
  await page.locator('#verdict').waitFor();
  assert.match(await text(page, '#verdict'), /Free of charge/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'result', 'focus moves to the decision');
  await context.close();
});

test('at 360 px wide nothing scrolls sideways and the decision is readable', async () => {
  const { page, context } = await openDesk({ width: 360, height: 740 });
  await fill(page, { product: 'smartWatch', claimDate: '2025-02-01', invoiceDate: '2024-11-11', cause: 'water', warrantySticker: 'missing' });
  await decide(page);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(widths.scroll <= widths.client, `page is ${widths.scroll} px wide in a ${widths.client} px window`);
  const box = await page.locator('#verdict').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 360, 'the verdict fits the screen');
  await page.screenshot({ path: path.join(screenshots, 'phone-360.png'), fullPage: true });
  await context.close();
});
