// Drives the approval console (/console/index.html) in headless Chromium with a CDP virtual authenticator (CTAP2,
// internal transport, resident keys, user verification): enrol with an invitation token, register a passkey, log
// out, log in without a user name, and approve a proposal with the passkey. Run by ApprovalConsoleInABrowserTest,
// which talks to this script in JSON lines: this script writes {"step":...} lines to stdout and reads one line with
// {"walletId","proposalId"} from stdin once it has printed its passkey's signer id.
// Usage: node console.e2e.mjs <base URL, http://localhost:port> <enrolment token> <chromium path>
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';

const [baseUrl, enrolmentToken, executablePath] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const report = (step, fields = {}) => console.log(JSON.stringify({ step, ...fields }));

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('dialog', (dialog) => dialog.accept()); // "Sign with your passkey?" and the optional reason prompt
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
      isUserVerified: true, automaticPresenceSimulation: true,
    },
  });

  // The console writes "Working..." while a step runs, then what happened (an error has the class "error").
  async function step(click, expected) {
    await click();
    await page.waitForFunction(() => {
      const text = document.querySelector('#status').textContent;
      return text !== '' && text !== 'Working...';
    }, null, { timeout: 60_000 });
    const status = await page.locator('#status').textContent();
    if (status !== expected) throw new Error(`expected "${expected}", the console says "${status}"`);
    report(expected);
  }

  await page.goto(baseUrl + '/console/index.html');
  await page.fill('#enrol input[name=token]', enrolmentToken);
  await page.fill('#enrol input[name=displayName]', 'Robin in a browser');
  await step(() => page.click('#enrol button[type=submit]'), 'Enrolled; now register a passkey');
  await step(() => page.click('#register button[type=submit]'), 'Passkey registered');
  const signer = (await page.locator('#passkeys tbody td.mono').first().textContent()).trim();
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  report('signer', { signer, residentCredentials: credentials.filter((c) => c.isResidentCredential).length });

  const { value: line } = await lines.next();
  const { walletId, proposalId } = JSON.parse(line);

  await step(() => page.click('#logout'), 'Logged out');
  await step(() => page.click('#login'), 'Logged in'); // usernameless: no member id is sent
  report('who', { who: await page.locator('#who').textContent() });
  await step(() => page.click('#refresh'), 'Refreshed');
  const proposal = page.locator(`.wallet .proposal[data-proposal-id="${proposalId}"]`);
  await proposal.waitFor({ timeout: 30_000 });
  report('shown', { text: await proposal.locator('p').textContent(), walletId });
  await step(() => proposal.getByText('Approve with passkey').click(), 'Approved');
} finally {
  await browser.close();
}
process.exit(0);
