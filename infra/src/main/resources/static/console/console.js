'use strict';
// The approval console: plain JavaScript against the API, WebAuthn through navigator.credentials.
// Tokens live in sessionStorage (this tab only). Every passkey ceremony follows ADR identity-003.

const API = '/api/v1';
const state = { session: JSON.parse(sessionStorage.getItem('custody.session') || 'null') };

const $ = (selector) => document.querySelector(selector);
const statusLine = $('#status');

function say(text, isError) {
  statusLine.textContent = text;
  statusLine.className = isError ? 'error' : '';
}

// --- base64url, as the API's WebAuthn JSON uses it ---------------------------------------------------------
function toBytes(b64url) {
  const b64 = b64url.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((b64url.length + 3) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}
function toB64url(buffer) {
  const bytes = new Uint8Array(buffer);
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

// --- HTTP ------------------------------------------------------------------------------------------------------
async function call(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (state.session) headers['Authorization'] = 'Bearer ' + state.session.access_token;
  let response = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401 && state.session && await refresh()) {
    headers['Authorization'] = 'Bearer ' + state.session.access_token;
    response = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = json && json.error ? json.error : { reason: String(response.status), message: response.statusText };
    const failure = new Error(error.message + ' (' + error.reason + ')');
    failure.reason = error.reason;
    throw failure;
  }
  return json;
}

async function refresh() {
  const response = await fetch(API + '/sessions/refresh', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: state.session.refresh_token })
  });
  if (!response.ok) { remember(null); return false; }
  remember(await response.json());
  return true;
}

function remember(session) {
  state.session = session;
  if (session) sessionStorage.setItem('custody.session', JSON.stringify(session));
  else sessionStorage.removeItem('custody.session');
}

// --- WebAuthn: the API's JSON options to the browser's and the browser's credential back to JSON ---------------
function creationOptions(json) {
  return Object.assign({}, json, {
    challenge: toBytes(json.challenge),
    user: Object.assign({}, json.user, { id: toBytes(json.user.id) }),
    excludeCredentials: (json.excludeCredentials || []).map((c) => ({ type: c.type, id: toBytes(c.id) }))
  });
}
function requestOptions(json) {
  return Object.assign({}, json, {
    challenge: toBytes(json.challenge),
    allowCredentials: (json.allowCredentials || []).map((c) => ({ type: c.type, id: toBytes(c.id) }))
  });
}
function credentialJson(credential) {
  const r = credential.response;
  const response = { clientDataJSON: toB64url(r.clientDataJSON) };
  if (r.attestationObject) response.attestationObject = toB64url(r.attestationObject);
  if (r.authenticatorData) response.authenticatorData = toB64url(r.authenticatorData);
  if (r.signature) response.signature = toB64url(r.signature);
  if (r.userHandle) response.userHandle = toB64url(r.userHandle);
  return { id: credential.id, rawId: toB64url(credential.rawId), type: credential.type, response };
}

// --- ceremonies --------------------------------------------------------------------------------------------------
async function logIn() {
  const options = await call('POST', '/passkeys/login-options', {});
  const credential = await navigator.credentials.get({ publicKey: requestOptions(options.publicKey) });
  remember(await call('POST', '/passkeys/login', { ceremonyId: options.ceremonyId, credential: credentialJson(credential) }));
}

async function registerPasskey(name) {
  const options = await call('POST', '/passkeys/registration-options');
  const credential = await navigator.credentials.create({ publicKey: creationOptions(options.publicKey) });
  await call('POST', '/passkeys', { name, credential: credentialJson(credential) });
}

/**
 * Approves or rejects with a passkey. Before signing, the console checks that the challenge is what it shows:
 * SHA-256 of the proposal text is the digest, and SHA-256("Custody passkey approval v1" || 0 || digest || nonce)
 * is the challenge the authenticator is asked to sign.
 */
async function decide(walletId, proposalId, decision, reason) {
  const base = '/wallets/' + walletId + '/proposals/' + proposalId;
  const issued = await call('POST', base + '/passkey-challenges', { decision });
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(issued.payloadText));
  const domain = new TextEncoder().encode('Custody passkey approval v1');
  const nonce = toBytes(issued.serverNonce);
  const input = new Uint8Array(domain.length + 1 + 32 + nonce.length);
  input.set(domain, 0);
  input.set(new Uint8Array(digest), domain.length + 1);
  input.set(nonce, domain.length + 1 + 32);
  const challenge = await crypto.subtle.digest('SHA-256', input);
  if (hex(digest) !== issued.digest || toB64url(challenge) !== issued.challenge) {
    throw new Error('The challenge does not match the proposal shown; not signing.');
  }
  if (!confirm('Sign with your passkey?\n\n' + issued.payloadText)) return false;
  const credential = await navigator.credentials.get({ publicKey: requestOptions(issued.publicKey) });
  const body = { credential: credentialJson(credential) };
  if (reason) body.reason = reason;
  await call('POST', base + (decision === 'approve' ? '/passkey-approvals' : '/passkey-rejections'), body);
  return true;
}

// --- views -------------------------------------------------------------------------------------------------------
function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : text;
  if (className) td.className = className;
  return td;
}

async function showPasskeys() {
  const tbody = $('#passkeys tbody');
  tbody.replaceChildren();
  const list = await call('GET', '/passkeys');
  for (const passkey of list.passkeys) {
    const row = document.createElement('tr');
    row.append(cell(passkey.name + (passkey.revokedAt ? ' (revoked)' : '')), cell(passkey.signer, 'mono'),
      cell(passkey.lastUsedAt || 'never'));
    const actions = document.createElement('td');
    if (!passkey.revokedAt) {
      const rename = document.createElement('button');
      rename.textContent = 'Rename';
      rename.onclick = () => act(async () => {
        const name = prompt('New name', passkey.name || '');
        if (name) await call('PATCH', '/passkeys/' + passkey.credentialId, { name });
      }, 'Renamed');
      const revoke = document.createElement('button');
      revoke.textContent = 'Revoke';
      revoke.onclick = () => act(async () => {
        if (confirm('Revoke this passkey? It will no longer log in or approve.')) {
          await call('DELETE', '/passkeys/' + passkey.credentialId);
        }
      }, 'Revoked');
      actions.append(rename, revoke);
    }
    row.append(actions);
    tbody.append(row);
  }
}

async function showWallets() {
  const box = $('#wallets');
  box.replaceChildren();
  const wallets = await call('GET', '/wallets?size=100');
  for (const wallet of wallets.items) {
    const div = document.createElement('div');
    div.className = 'wallet';
    const title = document.createElement('h3');
    title.textContent = wallet.name + ' (' + wallet.chainFamily + ', ' + wallet.threshold + ' of ' + wallet.signers.length + ')';
    div.append(title);
    const proposals = await call('GET', '/wallets/' + wallet.walletId + '/proposals?status=PENDING&size=100');
    if (proposals.items.length === 0) {
      const none = document.createElement('p');
      none.textContent = 'No pending proposals.';
      div.append(none);
    }
    for (const proposal of proposals.items) {
      const p = document.createElement('div');
      p.className = 'proposal';
      p.dataset.proposalId = proposal.proposalId;
      const text = document.createElement('p');
      text.textContent = 'Send ' + proposal.amount + ' ' + proposal.token + ' to ' + proposal.to + ' (nonce '
        + proposal.nonce + ', ' + proposal.status + ', approvals needed: ' + proposal.approvalsNeeded + ')';
      const approve = document.createElement('button');
      approve.textContent = 'Approve with passkey';
      approve.onclick = () => act(() => decide(wallet.walletId, proposal.proposalId, 'approve'), 'Approved');
      const reject = document.createElement('button');
      reject.textContent = 'Reject with passkey';
      reject.onclick = () => act(() => decide(wallet.walletId, proposal.proposalId, 'reject',
        prompt('Reason (optional)') || undefined), 'Rejected');
      p.append(text, approve, reject);
      div.append(p);
    }
    box.append(div);
  }
}

async function render() {
  const signedIn = !!state.session;
  $('#signed-in').hidden = !signedIn;
  $('#signed-out').hidden = signedIn;
  if (!signedIn) { $('#who').textContent = 'Not logged in'; return; }
  const me = await call('GET', '/me');
  $('#who').textContent = me.subject + ' @ ' + me.organisation + ' (' + me.roles.join(', ') + ')';
  await showPasskeys();
  await showWallets();
}

async function act(work, done) {
  try {
    say('Working...');
    const result = await work();
    await render();
    say(result === false ? 'Cancelled' : done);
  } catch (e) {
    say(e.message || String(e), true);
    if (!state.session) await render().catch(() => {});
  }
}

// --- wiring ------------------------------------------------------------------------------------------------------
$('#login').onclick = () => act(logIn, 'Logged in');
$('#logout').onclick = () => act(async () => {
  await call('DELETE', '/sessions/current').catch(() => {});
  remember(null);
}, 'Logged out');
$('#refresh').onclick = () => act(async () => {}, 'Refreshed');
$('#register').onsubmit = (event) => {
  event.preventDefault();
  act(() => registerPasskey(new FormData(event.target).get('name')), 'Passkey registered');
};
$('#enrol').onsubmit = (event) => {
  event.preventDefault();
  const form = Object.fromEntries(new FormData(event.target));
  const body = { token: form.token.trim(), displayName: form.displayName };
  if (body.token.startsWith('boot.')) {
    body.organisation = form.organisation;
    body.organisationName = form.organisationName;
  }
  act(async () => remember(await call('POST', '/enrolment', body)), 'Enrolled; now register a passkey');
};

if (!window.PublicKeyCredential) say('This browser does not support passkeys (WebAuthn).', true);
act(async () => {}, '');
