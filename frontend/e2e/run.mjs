// End-to-end checks of the UI in a real headless Chromium (Debian's, driven by playwright-core) against a running
// platform with demo data, signed in as its demo users the way a person would, through the sign-in page. Their
// passwords come from the file the platform's first start wrote (E2E_PASSWORDS, default ../data/initial-passwords.txt).
// Screenshots of each page go to test-output/. Prints "e2e: N passed, M failed".
//   BASE_URL=http://localhost:8000 node e2e/run.mjs
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const base = process.env.BASE_URL ?? 'http://localhost:8000';
const passwords = Object.fromEntries(
  readFileSync(process.env.E2E_PASSWORDS ?? '../data/initial-passwords.txt', 'utf8').trim().split('\n')
    .map((line) => line.split('\t')).map(([name, , password]) => [name, password]),
);
const out = process.env.E2E_OUTPUT ?? 'test-output';
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
const page = await context.newPage();
page.setDefaultTimeout(20_000);
const consoleErrors = [];
// A 401 is how the gateway says "sign in first": the browser logs it, the app answers it with the sign-in page.
const expectedRefusal = /the server responded with a status of 401/;
page.on('console', (m) => { if (m.type() === 'error' && !expectedRefusal.test(m.text())) consoleErrors.push(m.text()); });
page.on('pageerror', (e) => consoleErrors.push(e.message));

const results = [];
async function check(name, body) {
  const errorsBefore = consoleErrors.length;
  try {
    await body();
    if (consoleErrors.length > errorsBefore) throw new Error(`console errors: ${consoleErrors.slice(errorsBefore).join(' | ')}`);
    results.push({ name, ok: true });
    console.log(`  ok   ${name}`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`  FAIL ${name}: ${e.message}`);
    await page.screenshot({ path: join(out, `failed-${results.length}.png`), fullPage: true }).catch(() => {});
  }
}
const expect = (condition, message) => { if (!condition) throw new Error(message); };
const shownCount = async () => Number((await page.locator('.toolbar [aria-live]').innerText()).split(' ')[0].replace(/,/g, ''));

async function signIn(name) {
  await page.goto(base + '/');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(passwords[name]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.top .user-name', { hasText: name }).waitFor();
}

async function signOut() {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}

await check('a visitor gets the sign-in page, and a wrong password is refused', async () => {
  await page.goto(base + '/jobs');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Name').fill('analyst');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  expect((await page.getByRole('alert').innerText()).includes('Wrong name or password'), 'no refusal shown');
  await page.screenshot({ path: join(out, 'sign-in.png'), fullPage: true });
});

await check("an analyst signs in and sees their name and role in the header", async () => {
  await signIn('analyst');
  const header = await page.locator('.top .user').innerText();
  expect(header.includes('analyst') && header.includes('Analyst'), `the header says ${header}`);
  await page.reload(); // the session is a cookie: it survives a reload
  await page.locator('.top .user-name', { hasText: 'analyst' }).waitFor();
});

await check('the incidents page is home: the most money at stake first, totals by group, status tabs', async () => {
  await page.goto(base + '/');
  await page.locator('table.incidents tbody tr').first().waitFor();
  const atStake = await page.locator('table.incidents tbody tr td:first-child').allInnerTexts();
  const values = atStake.map((t) => (t === '—' ? 0 : Number(t)));
  expect(values.length > 1 && values.every((v, i) => i === 0 || values[i - 1] >= v), `not by money at stake: ${atStake.slice(0, 5)}`);
  await page.locator('.impact .bars li').first().waitFor();
  expect((await page.getByRole('tab', { name: 'Open' }).getAttribute('aria-selected')) === 'true', 'the open tab is not selected');
  await page.screenshot({ path: join(out, 'incidents.png'), fullPage: true });
});

await check('an analyst acknowledges, comments on and dismisses an incident, and a reload keeps it', async () => {
  const row = page.locator('table.incidents tbody tr').first();
  const id = await row.getAttribute('data-incident');
  await row.click();
  const panel = page.getByRole('complementary', { name: 'Incident detail' });
  await panel.getByRole('button', { name: 'Acknowledge' }).click();
  await panel.locator('.incident-status', { hasText: 'Acknowledged' }).waitFor();
  await panel.getByLabel('Comment').fill('the distributor price list is wrong');
  await panel.getByRole('button', { name: 'Add comment' }).click();
  await panel.getByText(/commented: the distributor price list is wrong/).waitFor();
  await panel.getByRole('button', { name: 'Dismiss' }).click();
  await panel.getByRole('alert').waitFor(); // a dismissal needs a note
  await panel.getByLabel('Note').fill('planned clearance sale');
  await panel.getByRole('button', { name: 'Dismiss' }).click();
  await panel.locator('.incident-status', { hasText: 'Dismissed' }).waitFor();
  await panel.locator('.recharts-surface').first().waitFor();
  await page.screenshot({ path: join(out, 'incident-detail.png'), fullPage: true });

  await page.goto(`${base}/?status=DISMISSED`);
  const kept = page.locator(`table.incidents tbody tr[data-incident="${id}"]`);
  await kept.waitFor();
  await kept.click();
  const history = await page.getByRole('complementary', { name: 'Incident detail' }).locator('.history').innerText();
  expect(['set it Acknowledged', 'commented: the distributor price list is wrong', 'set it Dismissed: planned clearance sale'].every((t) => history.includes(t)),
    `history after a reload: ${history}`);
});

await check('the anomalies page shows rows, counts by reason and severity badges', async () => {
  await page.goto(base + '/anomalies');
  await page.locator('table.anomalies tbody tr').first().waitFor();
  expect(await page.locator('table.anomalies tbody tr').count() > 0, 'no rows');
  expect(await shownCount() > 0, 'no total');
  expect(await page.locator('.cards .card-count').first().innerText() !== '…', 'reason counts did not load');
  await page.screenshot({ path: join(out, 'anomalies.png'), fullPage: true });
});

await check('a reason filter narrows the table and is kept in the URL', async () => {
  const before = await shownCount();
  await page.getByRole('button', { name: /Price spike/ }).click();
  await page.waitForURL(/reason=PRICE_SPIKE/);
  await page.waitForFunction((n) => {
    const text = document.querySelector('.toolbar [aria-live]')?.textContent ?? '';
    return text && Number(text.split(' ')[0].replace(/,/g, '')) < n;
  }, before);
  const chips = await page.locator('table.anomalies tbody tr').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
  expect(chips.length > 0 && chips.every((t) => t.includes('Price spike')), 'a row without PRICE_SPIKE');
  await page.reload();
  await page.locator('table.anomalies tbody tr').first().waitFor();
  expect(await page.getByLabel('Reason', { exact: true }).inputValue() === 'PRICE_SPIKE', 'the filter did not survive a reload');
});

await check('the detail panel explains the selected anomaly', async () => {
  await page.locator('table.anomalies tbody tr').first().click();
  const panel = page.getByRole('complementary', { name: 'Anomaly detail' });
  await panel.getByText('Why it was flagged').waitFor();
  expect((await panel.innerText()).includes('Top contributing feature'), 'no top feature');
  await page.screenshot({ path: join(out, 'anomaly-detail.png'), fullPage: true });
});

// scripts/test.sh starts the platform with a material group's LOW_MARGIN threshold overridden, e.g. TOOL02:12
const [overriddenGroup, overriddenLowMargin] = (process.env.E2E_LOW_MARGIN_OVERRIDE ?? '').split(':');
if (overriddenGroup) {
  await check("a reason is explained with its material group's threshold", async () => {
    await page.goto(`${base}/anomalies?reason=LOW_MARGIN&materialGroup=${overriddenGroup}`);
    await page.locator('table.anomalies tbody tr').first().click();
    const panel = page.getByRole('complementary', { name: 'Anomaly detail' });
    await panel.getByText('Why it was flagged').waitFor();
    const text = await panel.innerText();
    expect(text.includes(`is below ${overriddenLowMargin} %.`), `the LOW_MARGIN line does not name ${overriddenLowMargin} %: ${text}`);
  });
}

await check('the drill-down chart renders with anomaly markers', async () => {
  await page.getByRole('link', { name: /price history/ }).click();
  await page.waitForURL(/\/sku\//);
  await page.locator('.recharts-surface').first().waitFor();
  await page.locator('.anomaly-marker .recharts-symbols, .anomaly-marker path').first().waitFor();
  expect(await page.locator('table.features tbody tr').count() > 0, 'no feature rows');
  await page.screenshot({ path: join(out, 'sku.png'), fullPage: true });
});

await check('an analyst sees no recompute button on a SKU', async () => {
  await page.getByRole('heading', { level: 1 }).waitFor();
  expect(await page.getByRole('button', { name: 'Recompute this SKU' }).count() === 0, 'an analyst is offered a recompute');
});

await check('export downloads a readable workbook', async () => {
  await page.goto(base + '/anomalies?reason=NEGATIVE_MARGIN');
  await page.locator('table.anomalies tbody tr').first().waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export to Excel' }).click()]);
  const path = join(out, 'anomalies.xlsx');
  await download.saveAs(path);
  const bytes = readFileSync(path);
  expect(bytes.length > 1000 && bytes.subarray(0, 2).toString() === 'PK', 'not an xlsx (zip) file');
});

await check('an analyst sees the runs but no run buttons, and the audit log is not offered', async () => {
  await page.goto(base + '/jobs');
  await page.locator('table.job-table tbody tr.job').first().waitFor();
  expect(await page.getByRole('button', { name: /^Run / }).count() === 0, 'an analyst is offered a run');
  expect(await page.getByRole('link', { name: 'Audit log' }).count() === 0, 'an analyst is offered the audit log');
  await page.getByRole('link', { name: 'Thresholds' }).click();
  await page.locator('table.thresholds tbody tr').first().waitFor();
  expect(await page.getByRole('button', { name: /Set a group|Change/ }).count() === 0, 'an analyst is offered a threshold change');
});

await check('a viewer reads incidents but is offered no changes and no export', async () => {
  await signOut();
  await signIn('viewer');
  await page.locator('table.incidents tbody tr').first().click();
  const panel = page.getByRole('complementary', { name: 'Incident detail' });
  await panel.getByRole('heading', { name: 'History' }).waitFor();
  expect(await panel.getByRole('button', { name: /Acknowledge|Resolve|Dismiss|Reopen/ }).count() === 0, 'a viewer is offered a status change');
  expect(await page.getByRole('link', { name: 'Export to Excel' }).count() === 0, 'a viewer is offered the export');
});

await check('signing out ends the session', async () => {
  await signOut();
  await page.goto(base + '/jobs');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  const status = await page.evaluate(async () => (await fetch('/api/jobs/latest/')).status);
  expect(status === 401, `the gateway answered ${status} after sign-out`);
});

await check('a pipeline run started by a pricing manager from the jobs page finishes and shows its counts', async () => {
  await signIn('manager');
  await page.goto(base + '/jobs');
  await page.locator('table.job-table tbody tr.job').first().waitFor();
  const firstId = await page.locator('tr.job').first().getAttribute('data-job');
  await page.getByRole('button', { name: 'Run incremental' }).click();
  await page.waitForFunction((id) => document.querySelector('tr.job')?.getAttribute('data-job') !== id, firstId, { timeout: 30_000 });
  await page.locator('tr.job').first().locator('.badge.status-succeeded').waitFor({ timeout: 120_000 });
  const cells = await page.locator('tr.job').first().locator('td.num').allInnerTexts();
  expect(cells.length === 4 && cells.every((c) => /^[\d,]+$/.test(c.trim())), `counts missing: ${cells}`);
  await page.screenshot({ path: join(out, 'jobs.png'), fullPage: true });
});

if (overriddenGroup) {
  await check("a pricing manager changes a group's threshold and its recompute runs", async () => {
    await page.goto(base + '/rules');
    await page.locator(`tr[data-group="${overriddenGroup}"]`).getByRole('button', { name: 'Change' }).click();
    const form = page.getByRole('form', { name: "Set a group's thresholds" });
    await form.getByLabel('Low margin below (%)').fill('15');
    await form.getByRole('button', { name: 'Save and recompute the group' }).click();
    const saved = await form.getByRole('status').innerText();
    expect(saved.includes(`Saved for ${overriddenGroup}: run`), `no confirmation: ${saved}`);
    await page.locator(`tr[data-group="${overriddenGroup}"] td`, { hasText: '15 %' }).first().waitFor();
    await page.screenshot({ path: join(out, 'thresholds.png'), fullPage: true });
    await page.goto(base + '/jobs');
    await page.locator('tr.job').first().locator('.badge.status-succeeded').waitFor({ timeout: 120_000 });
    expect(/recompute_sku/i.test(await page.locator('tr.job').first().innerText()), 'the newest run is not the recompute');
  });
}

await check('a pricing manager subscribes a Slack webhook to alerts and its test message arrives', async () => {
  // a real receiver on loopback, as Slack's incoming webhook would be
  const posts = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => { posts.push(body); res.end('ok'); });
  });
  await new Promise((done) => receiver.listen(0, '127.0.0.1', done));
  try {
    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('button', { name: 'New subscription' }).click();
    const form = page.getByRole('form', { name: 'New subscription' });
    await form.getByLabel('Name').fill('e2e margins');
    await form.getByLabel('NEGATIVE_MARGIN').check();
    await form.getByLabel('Slack incoming-webhook URL').fill('not a url');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('alert').waitFor(); // named before anything is sent
    await form.getByLabel('Slack incoming-webhook URL').fill(`http://127.0.0.1:${receiver.address().port}/slack`);
    await form.getByRole('button', { name: 'Save' }).click();
    const row = page.locator('tr[data-subscription="e2e margins"]');
    await row.waitFor();
    expect((await row.innerText()).includes('NEGATIVE_MARGIN'), `the row does not show its reason: ${await row.innerText()}`);
    await row.getByRole('button', { name: 'Send test' }).click();
    await page.getByRole('status').filter({ hasText: 'The test message was sent.' }).waitFor();
    expect(posts.length === 1 && JSON.parse(posts[0]).text.includes('Test message'), `the receiver got ${JSON.stringify(posts)}`);
    await page.locator('table[aria-label="Deliveries"] tbody tr', { hasText: 'SENT' }).first().waitFor();
    await page.reload();
    await page.locator('tr[data-subscription="e2e margins"]').waitFor();
    await page.screenshot({ path: join(out, 'alerts.png'), fullPage: true });
  } finally {
    receiver.close();
  }
});

await check("an alert's link opens its incident", async () => {
  await page.goto(base + '/');
  const id = await page.locator('table.incidents tbody tr').first().getAttribute('data-incident');
  await page.goto(`${base}/?incident=${id}`);
  await page.getByRole('complementary', { name: 'Incident detail' }).waitFor();
  await page.getByRole('complementary', { name: 'Incident detail' }).getByRole('button', { name: 'Close detail' }).click();
  expect(!page.url().includes('incident='), `closing kept the link: ${page.url()}`);
});

await check("an admin's audit log names the manager who started that run", async () => {
  await signOut();
  await signIn('admin');
  await page.getByRole('link', { name: 'Audit log' }).click();
  const row = page.locator('table.audit-log tbody tr', { hasText: 'RUN_STARTED' }).first();
  await row.waitFor();
  expect((await row.innerText()).includes('manager'), `the newest run is not the manager's: ${await row.innerText()}`);
  await page.screenshot({ path: join(out, 'audit.png'), fullPage: true });
});

await check('the GraphQL explorer runs queries as the signed-in user', async () => {
  await page.getByRole('link', { name: 'GraphQL' }).click();
  await page.locator('#fields li').first().waitFor();
  await page.getByRole('button', { name: /^Run/ }).click();
  await page.waitForFunction(() => (document.getElementById('result')?.textContent ?? '').includes('totalCount'));
});

await check('the pages work on a narrow window', async () => {
  await page.setViewportSize({ width: 420, height: 900 });
  for (const [path, table, shot] of [['/', 'incidents', 'incidents-narrow'], ['/anomalies', 'anomalies', 'anomalies-narrow']]) {
    await page.goto(base + path);
    await page.locator(`table.${table} tbody tr`).first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow <= 1, `${path} is ${overflow}px wider than the window`);
    await page.screenshot({ path: join(out, `${shot}.png`), fullPage: true });
  }
});

await browser.close();
const failed = results.filter((r) => !r.ok).length;
console.log(`e2e: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
