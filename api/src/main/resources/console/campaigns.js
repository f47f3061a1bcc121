// kmigrate operator console, campaigns: one card per campaign with a row per unit (its wave,
// scheme, status, phase and open gate), and the open wave's gate: approve it (skipping the units
// ticked), or stop the campaign there; abort a running campaign. Built on console.js's helpers;
// API data reaches the page as text only.
'use strict';

(() => {
  const { api, el, segment, when, showMessage, poll, sendDecision, decisionItem, syncCards, by } = window.kmigrateConsole;
  const section = document.getElementById('campaigns');
  const list = document.getElementById('campaign-list');
  const listError = document.getElementById('campaign-error');
  /** id -> card, kept across polls so a comment being typed or a ticked box survives. */
  const cards = new Map();
  const LIVE = new Set(['RUNNING', 'WAITING_FOR_APPROVAL']);

  function createCard(record) {
    const card = {
      id: record.id,
      root: el('details', { class: 'campaign', data: { campaign: record.id } }),
      status: el('span', { class: 'badge status' }),
      shape: el('span', { class: 'muted' }),
      error: el('p', { class: 'error view-error', hidden: '' }),
      units: el('tbody'),
      gateSlot: el('div', { class: 'gate-slot' }),
      abortSlot: el('div', { class: 'abort-slot' }),
      decisions: el('ul', { class: 'decisions' }),
      gateKey: null,
      loadedFor: null,
    };
    const table = el('table', { class: 'units' },
      el('thead', {}, el('tr', {}, ...['wave', 'unit', 'scheme', 'status', 'phase', 'open gate', 'detail'].map((h) => el('th', { text: h })))),
      card.units);
    card.root.append(
      el('summary', {}, el('h2', {}, el('span', { class: 'id', text: record.id }), card.status, card.shape)),
      card.error,
      el('div', { class: 'body' },
        el('div', {}, el('h3', { text: 'Units' }), table),
        el('div', {}, card.gateSlot, card.abortSlot, el('h3', { text: 'Wave decisions' }), card.decisions)));
    card.root.open = LIVE.has(record.status);
    card.root.addEventListener('toggle', () => { if (card.root.open) poll(); });
    return card;
  }

  function setStatus(card, status) {
    card.status.textContent = status || 'unknown';
    card.status.dataset.status = status || '';
  }

  function showView(card, view) {
    const p = view.progress || {};
    setStatus(card, p.status || view.workflowStatus);
    const now = view.units || {};
    const rows = [];
    (p.waves || []).forEach((wave, w) => wave.forEach((u) => {
      const running = now[u.unit] || {};
      rows.push(el('tr', { data: { unit: u.unit, status: u.status } },
        el('td', { text: w + 1 }),
        el('td', {}, el('a', { href: '#', class: 'unit-link', text: u.unit })),
        el('td', { text: u.scheme }),
        el('td', {}, el('span', { class: 'badge', data: { status: u.status }, text: u.status })),
        el('td', { text: running.phase || '' }),
        el('td', { class: 'open-gate', text: running.openGate || '' }),
        el('td', { class: 'muted', text: u.detail || '' })));
    }));
    card.units.replaceChildren(...rows);
    for (const link of card.units.querySelectorAll('.unit-link')) link.addEventListener('click', openMigration);
    showWaveGate(card, p);
    showAbort(card, p);
    card.decisions.replaceChildren(...(p.decisions || []).map(decisionItem));
    if (!card.decisions.children.length) card.decisions.append(el('li', { class: 'muted', text: 'none yet' }));
  }

  /** A unit's name opens its migration's card below, where its own gates are decided. */
  function openMigration(event) {
    event.preventDefault();
    const id = event.currentTarget.textContent;
    const migration = [...document.querySelectorAll('details.migration')].find((d) => d.dataset.migration === id);
    if (migration) {
      migration.open = true;
      migration.scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
  }

  /** The open wave's gate, rebuilt only when another wave opens, so a comment and ticked boxes stay. */
  function showWaveGate(card, p) {
    const wave = Number.isInteger(p.openWave) ? p.openWave : null;
    const key = wave === null ? null : wave + '@' + p.waveOpenedAt;
    if (key === card.gateKey) return;
    card.gateKey = key;
    if (wave === null) {
      card.gateSlot.replaceChildren();
      return;
    }
    const units = (p.waves[wave - 1] || []).map((u) => u.unit);
    const skips = units.map((u) => el('input', { type: 'checkbox', class: 'skip', value: u, 'aria-label': 'skip ' + u }));
    const comment = el('textarea', { class: 'comment', placeholder: 'comment (change ticket, reason)', 'aria-label': 'comment' });
    const approve = el('button', { type: 'button', class: 'approve', text: 'Approve wave ' + wave });
    const stop = el('button', { type: 'button', class: 'reject', text: 'Stop the campaign here' });
    const error = el('p', { class: 'error gate-error', hidden: '' });
    const done = el('p', { class: 'muted gate-done', hidden: '' });
    const decide = (action) => {
      const body = { by: by(), comment: comment.value };
      if (action === 'approve') body.skip = skips.filter((box) => box.checked).map((box) => box.value);
      return sendDecision([approve, stop], error, done, 'campaigns/' + segment(card.id) + '/waves/' + wave + '/' + action, body);
    };
    approve.addEventListener('click', () => decide('approve'));
    stop.addEventListener('click', () => decide('stop'));
    card.gateSlot.replaceChildren(el('div', { class: 'gate wave-gate', data: { wave } },
      el('h3', { text: 'Wave ' + wave + ' of ' + p.waves.length + ' waits for approval' }),
      el('p', {}, el('strong', { text: 'Approve: ' }), 'starts the wave\'s units (each a migration with its own gates), but those ticked below.'),
      el('p', {}, el('strong', { text: 'Stop: ' }), 'ends the campaign here: this wave and the ones after it never start.'),
      el('ul', { class: 'skips' }, ...units.map((u, i) => el('li', {}, el('label', {}, skips[i], ' skip ' + u)))),
      el('p', { class: 'muted', text: 'open since ' + when(p.waveOpenedAt) }),
      comment,
      el('div', { class: 'actions' }, approve, stop),
      error, done));
  }

  /** While the campaign runs: abort it, with a reason; its running units are aborted and roll back. */
  function showAbort(card, p) {
    const live = LIVE.has(p.status);
    if (live === Boolean(card.abortSlot.firstChild)) return;
    if (!live) {
      card.abortSlot.replaceChildren();
      return;
    }
    const reason = el('input', { type: 'text', class: 'reason', placeholder: 'why (required)', 'aria-label': 'abort reason', size: 28 });
    const abort = el('button', { type: 'button', class: 'reject abort', text: 'Abort campaign' });
    const error = el('p', { class: 'error abort-error', hidden: '' });
    abort.addEventListener('click', async () => {
      if (!window.confirm('Abort campaign ' + card.id + '? Its running units are aborted and roll back; no further wave starts.')) return;
      abort.disabled = true;
      showMessage(error, '');
      try {
        await api('POST', 'campaigns/' + segment(card.id) + '/abort', { by: by(), reason: reason.value });
        poll();
      } catch (e) {
        showMessage(error, e.message);
        abort.disabled = false;
      }
    });
    card.abortSlot.replaceChildren(el('div', { class: 'abort-box' }, reason, ' ', abort, error));
  }

  async function load(card, record) {
    try {
      showView(card, await api('GET', 'campaigns/' + segment(card.id)));
      card.loadedFor = record.status;
      showMessage(card.error, '');
    } catch (e) {
      showMessage(card.error, e.message);
    }
  }

  async function refreshCampaigns() {
    let records;
    try {
      records = await api('GET', 'campaigns');
    } catch (e) {
      // The cards stay as they were (a comment being typed too) until the list answers again.
      section.hidden = false;
      showMessage(listError, 'Could not list campaigns: ' + e.message);
      return;
    }
    showMessage(listError, '');
    section.hidden = records.length === 0;
    // Newest first, as listed.
    await syncCards(records, cards, list, createCard, (card, record) => {
      card.shape.textContent = record.units + ' unit(s) in ' + record.waves + ' wave(s), on failure ' + record.onFailure
        + ', started by ' + record.startedBy + ' at ' + when(record.createdAt);
      if (!card.status.textContent) setStatus(card, record.status);
      // Live ones are polled; an ended one is read again only when its status changed.
      return card.root.open && (LIVE.has(record.status) || card.loadedFor !== record.status) ? load(card, record) : null;
    });
  }

  window.kmigrateConsole.addPoller(refreshCampaigns);
})();
