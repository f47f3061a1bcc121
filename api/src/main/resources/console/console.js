// kmigrate operator console: lists migrations through the REST API, polls them, and decides open
// gates. Plain JavaScript, no build step. API data only ever reaches the page as text nodes
// (textContent / append(string)), never as markup.
'use strict';

(() => {
  const POLL_MS = 1500;
  /** The most lag points a card keeps for its chart: 30 minutes of polls. */
  const HISTORY_POINTS = 1200;
  const SVG = 'http://www.w3.org/2000/svg';
  const TOKEN_KEY = 'kmigrate.console.token';
  const BY_KEY = 'kmigrate.console.by';
  // Relative to /console/, so the console works under any application context path.
  const API = new URL('../api/v1/', window.location.href);

  const $ = (id) => document.getElementById(id);
  const container = $('migrations');
  /** id -> card: the DOM of one migration, kept across polls so a comment being typed survives. */
  const cards = new Map();

  // ---- DOM helpers -------------------------------------------------------------------------

  /** Creates an element; props.text and string children become text nodes, never markup. */
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = String(value);
      else if (key === 'data') {
        for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) node.dataset[k] = String(v);
      } else node.setAttribute(key, String(value));
    }
    for (const child of children) if (child !== undefined && child !== null && child !== false) node.append(child);
    return node;
  }

  /** An SVG element; attributes set one by one, text only through textContent. */
  function svg(tag, attrs = {}, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function showMessage(node, message) {
    node.textContent = message || '';
    node.hidden = !message;
  }

  /** "2026-11-26T06:40:12.345Z" -> "2026-11-26 06:40:12Z"; anything else as it came. */
  function when(iso) {
    return typeof iso === 'string' ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
  }

  // ---- the API -----------------------------------------------------------------------------

  /** A path segment: encoded, and never one that a URL would resolve as "." or "..". */
  function segment(value) {
    const s = String(value);
    if (s === '.' || s === '..') throw new Error('not a valid id or gate name: ' + s);
    return encodeURIComponent(s);
  }

  /**
   * Calls the API with the bearer token when one is set. Resolves to the JSON body; rejects with
   * an Error whose message is the API's own ("409: gate 'x' is not open ..."), or says that the
   * API did not answer.
   */
  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = 'Bearer ' + token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(new URL(path, API), {
        method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new Error('the API did not answer: ' + e.message);
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (notJson) {
      json = null; // a proxy's error page, say: shown as text below
    }
    if (!response.ok) {
      let message = json && typeof json.message === 'string' ? json.message : (text.trim().slice(0, 300) || response.statusText);
      if (json && Array.isArray(json.problems)) {
        message += json.problems.map((p) => '\n  ' + p.field + ': ' + p.message).join('');
      }
      if (response.status === 401) message += ' (enter a token above)';
      throw new Error(response.status + ': ' + message);
    }
    return json;
  }

  // ---- what a migration's view says ----------------------------------------------------------

  const sum = (xs, f) => xs.reduce((n, x) => n + (Number(f(x)) || 0), 0);

  /**
   * The lag to show: the running wait's live heartbeat (consumer lag of a drain, or the mirror's
   * lag), else the last snapshot the workflow recorded. Null when neither has one.
   */
  function lagOf(view) {
    const live = view.liveWait && view.liveWait.last;
    if (live && Array.isArray(live.partitions) && typeof live.totalLag === 'number') {
      return { live: true, what: 'mirror lag', total: live.totalLag, partitions: live.partitions.length, groups: [] };
    }
    const snapshot = live && Array.isArray(live.partitions) ? live : view.progress && view.progress.lastLag;
    if (!snapshot || !Array.isArray(snapshot.partitions)) return null;
    // A snapshot lists only its worst partitions: the totals count the omitted ones, each group has its own.
    return {
      live: snapshot === live, what: 'consumer lag', total: sum(snapshot.partitions, (p) => p.lag) + (Number(snapshot.omittedLag) || 0),
      partitions: snapshot.partitions.length + (Number(snapshot.omittedPartitions) || 0), groups: snapshot.groups || [], at: snapshot.at,
    };
  }

  // ---- one migration's card ------------------------------------------------------------------

  function createCard(record) {
    const card = {
      id: record.id,
      root: el('details', { class: 'migration', data: { migration: record.id } }),
      status: el('span', { class: 'badge status' }),
      scheme: el('span', { class: 'badge scheme' }),
      phase: el('span', { class: 'phase muted' }),
      error: el('p', { class: 'error view-error', hidden: '' }),
      timeline: el('div', { class: 'timeline' }),
      steps: el('ol', { class: 'steps' }),
      lag: el('div', { class: 'lag' }),
      eta: el('div', { class: 'eta', hidden: '' }),
      chart: el('div', { class: 'chart', hidden: '' }),
      history: [],
      mostLag: 0,
      failure: el('p', { class: 'failure', hidden: '' }),
      storeProblem: el('p', { class: 'error store-problem', hidden: '' }),
      gateSlot: el('div', { class: 'gate-slot' }),
      decisions: el('ul', { class: 'decisions' }),
      gateKey: null,
      loadedFor: null,
    };
    card.root.append(
      el('summary', {}, el('h2', {}, el('span', { class: 'id', text: record.id }), card.scheme, card.status, card.phase)),
      card.error,
      card.storeProblem,
      el('div', { class: 'body' },
        el('div', {}, el('h3', { text: 'Steps' }), card.timeline, card.steps, card.lag, card.eta, card.chart, card.failure),
        el('div', {}, card.gateSlot, el('h3', { text: 'Decisions' }), card.decisions)));
    // A running migration opens by itself; an ended one loads its view when someone opens it.
    card.root.open = record.status === 'RUNNING';
    card.root.addEventListener('toggle', () => { if (card.root.open) poll(); });
    return card;
  }

  function setStatus(card, status) {
    card.status.textContent = status;
    card.status.dataset.status = status;
  }

  function showSummary(card, record) {
    card.record = record;
    card.scheme.textContent = record.scheme;
    if (!card.view) setStatus(card, record.status);
  }

  function showView(card, view) {
    card.view = view;
    const p = view.progress || {};
    setStatus(card, p.status || view.workflowStatus);
    card.phase.textContent = p.phase ? 'phase: ' + p.phase : '';
    card.timeline.replaceChildren(timeline(p.steps || []));
    card.steps.replaceChildren(...(p.steps || []).map(stepItem));
    showLag(card, view);
    showEta(card, view);
    showChart(card, view);
    showMessage(card.failure, p.failure ? 'Failure: ' + p.failure : '');
    // The API answers from Temporal while its store is down, without the audit log.
    showMessage(card.storeProblem, view.storeProblem ? 'Store unavailable: ' + view.storeProblem : '');
    showGate(card, p.openGate);
    card.decisions.replaceChildren(...(p.decisions || []).map(decisionItem));
    if (!card.decisions.children.length) card.decisions.append(el('li', { class: 'muted', text: 'none yet' }));
  }

  function stepItem(step) {
    const span = step.endedAt ? when(step.startedAt) + ' → ' + when(step.endedAt) : 'since ' + when(step.startedAt);
    return el('li', { class: 'step', data: { name: step.name, status: step.status } },
      el('span', { class: 'name', text: step.name }), ' ',
      el('span', { class: 'badge', data: { status: step.status }, text: step.status }),
      el('span', { class: 'when', text: span }),
      step.detail ? el('span', { class: 'detail', text: step.detail }) : null);
  }

  /**
   * The steps as a timeline: one bar per step from its start to its end (or now, while it runs),
   * on one time axis from the first step's start, so long waits stand out at a glance.
   */
  function timeline(steps) {
    const timed = steps.filter((s) => !Number.isNaN(Date.parse(s.startedAt)));
    if (!timed.length) return '';
    const now = Date.now();
    const start = Math.min(...timed.map((s) => Date.parse(s.startedAt)));
    const end = Math.max(now, ...timed.map((s) => Date.parse(s.endedAt) || now));
    const span = Math.max(1, end - start);
    const row = 16;
    const width = 600;
    const label = 150;
    const picture = svg('svg', { viewBox: `0 0 ${width} ${timed.length * row + 16}`, role: 'img', 'aria-label': 'steps over time' });
    timed.forEach((step, i) => {
      const from = Date.parse(step.startedAt);
      const to = Date.parse(step.endedAt) || now;
      const x = label + ((from - start) / span) * (width - label - 4);
      const w = Math.max(2, ((to - from) / span) * (width - label - 4));
      const bar = svg('rect', { x, y: i * row + 3, width: w, height: row - 6, rx: 2, class: 'bar', 'data-name': step.name, 'data-status': step.status });
      bar.append(svg('title', {}, step.name + ': ' + step.status + ', ' + seconds((to - from) / 1000)));
      picture.append(svg('text', { x: 0, y: i * row + row - 4, class: 'label' }, step.name), bar);
    });
    picture.append(svg('text', { x: label, y: timed.length * row + 13, class: 'axis' }, when(new Date(start).toISOString())),
      svg('text', { x: width - 4, y: timed.length * row + 13, class: 'axis', 'text-anchor': 'end' }, seconds(span / 1000) + ' later'));
    return picture;
  }

  /** 126 -> "2m 06s"; 4000 -> "1h 06m"; 12 -> "12 s". */
  function seconds(s) {
    const n = Math.round(s);
    if (n < 60) return n + ' s';
    if (n < 3600) return Math.floor(n / 60) + 'm ' + String(n % 60).padStart(2, '0') + 's';
    return Math.floor(n / 3600) + 'h ' + String(Math.floor((n % 3600) / 60)).padStart(2, '0') + 'm';
  }

  function decisionItem(d) {
    return el('li', { class: 'decision', data: { gate: d.gate, action: d.action } },
      el('strong', { text: d.gate }), ' ' + d.action + (d.by ? ' by ' + d.by : '') + ' at ' + when(d.at),
      d.comment ? el('q', { class: 'comment', text: d.comment }) : null);
  }

  function showLag(card, view) {
    const lag = lagOf(view);
    const running = (view.progress && view.progress.steps || []).filter((s) => s.status === 'running').map((s) => s.name);
    const waiting = view.liveWait ? 'Waiting' + (running.length ? ' in ' + running.join(', ') : '') : null;
    if (!lag) {
      card.lag.replaceChildren(waiting ? el('p', { class: 'muted', text: waiting + ': no lag is measured by this wait' }) : '');
      return;
    }
    const head = el('p', {},
      (lag.live ? (waiting || 'Waiting') + ', live ' : 'Last measured ') + lag.what + ': ',
      el('span', { class: 'total', text: lag.total + ' record(s)' }),
      ' over ' + lag.partitions + ' partition(s)' + (lag.at ? ' at ' + when(lag.at) : ''));
    const groups = el('ul', {}, ...lag.groups.map((g) => el('li', { class: 'group', data: { group: g.group } },
      g.group + ': lag ' + g.lag + ', ' + g.state + ', ' + g.members + ' member(s)')));
    card.lag.replaceChildren(head, lag.groups.length ? groups : '');
  }

  /**
   * A drain's progress bar and ETA, from its heartbeat (liveWait.eta): drained so far of the most
   * lag this page has seen, the rates, and when it will be done at them (the server's figures).
   */
  function showEta(card, view) {
    const eta = view.liveWait && view.liveWait.eta;
    if (!eta || typeof eta.lag !== 'number') {
      card.eta.hidden = true;
      card.mostLag = 0;
      return;
    }
    // The most lag seen: the drain's own, or the snapshot's before a rate was known.
    const seen = lagOf(view);
    card.mostLag = Math.max(card.mostLag, eta.lag, seen && seen.live ? seen.total : 0);
    const done = card.mostLag ? (card.mostLag - eta.lag) / card.mostLag : 1;
    const fill = el('div', { class: 'fill' });
    fill.style.width = (100 * done).toFixed(1) + '%';
    const doneIn = eta.etaSeconds === null || eta.etaSeconds === undefined ? 'not draining'
      : eta.etaSeconds === 0 ? 'drained' : 'drained in about ' + seconds(eta.etaSeconds);
    const rate = (n) => Math.round(Number(n) || 0).toLocaleString('en-US');
    card.eta.replaceChildren(
      el('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(100 * done) }, fill),
      el('p', { class: 'eta-text', data: { etaSeconds: eta.etaSeconds ?? '' } },
        'lag ' + rate(eta.lag) + ' · consuming ' + rate(eta.consumePerSec) + '/s · producing ' + rate(eta.producePerSec) + '/s · ',
        el('strong', { text: doneIn })));
    card.eta.hidden = false;
  }

  /**
   * Each group's lag over time, from the polls this page has made (a chart starts when the page
   * opens), drawn as plain SVG: one line per group, the most lag at the top, now at the right.
   */
  function showChart(card, view) {
    const lag = lagOf(view);
    if (!lag || !lag.live) {
      if (!view.liveWait) {
        card.history = [];
        card.chart.hidden = true;
      }
      return;
    }
    // A new wait (another step running) starts its own chart.
    const waitingIn = (view.progress && view.progress.steps || []).filter((s) => s.status === 'running').map((s) => s.name).join(',');
    if (waitingIn !== card.chartFor) {
      card.history = [];
      card.chartFor = waitingIn;
    }
    const point = { t: Date.now(), lags: {} };
    if (lag.groups.length) lag.groups.forEach((g) => { point.lags[g.group] = Number(g.lag) || 0; });
    else point.lags[lag.what] = lag.total;
    card.history.push(point);
    if (card.history.length > HISTORY_POINTS) card.history.shift();

    const series = [...new Set(card.history.flatMap((p) => Object.keys(p.lags)))].slice(0, 8);
    const width = 600;
    const height = 150;
    const left = 56;
    const first = card.history[0].t;
    const span = Math.max(1, point.t - first);
    const top = Math.max(1, ...card.history.flatMap((p) => Object.values(p.lags)));
    const picture = svg('svg', { viewBox: `0 0 ${width} ${height + 18}`, role: 'img', 'aria-label': 'lag per group over time' });
    picture.append(svg('line', { x1: left, y1: height, x2: width, y2: height, class: 'axis-line' }),
      svg('line', { x1: left, y1: 4, x2: left, y2: height, class: 'axis-line' }),
      svg('text', { x: left - 4, y: 12, class: 'axis', 'text-anchor': 'end' }, top.toLocaleString('en-US')),
      svg('text', { x: left - 4, y: height, class: 'axis', 'text-anchor': 'end' }, '0'),
      svg('text', { x: left, y: height + 14, class: 'axis' }, seconds(span / 1000) + ' ago'),
      svg('text', { x: width, y: height + 14, class: 'axis', 'text-anchor': 'end' }, 'now'));
    series.forEach((name, i) => {
      const points = card.history.filter((p) => name in p.lags)
        .map((p) => (left + ((p.t - first) / span) * (width - left)).toFixed(1) + ',' + (height - (p.lags[name] / top) * (height - 6)).toFixed(1));
      picture.append(svg('polyline', { points: points.join(' '), class: 'series s' + i, 'data-group': name, 'data-points': points.length }));
    });
    const legend = el('p', { class: 'legend' }, ...series.map((name, i) =>
      el('span', { class: 'key s' + i, data: { group: name } }, name + ' ' + (point.lags[name] ?? 0).toLocaleString('en-US'))));
    card.chart.replaceChildren(picture, legend);
    card.chart.hidden = false;
  }

  /**
   * Sends a decision: `buttons` disabled while it is on its way, then the API's record in `done`
   * ("approved by alice at ...") and a poll, or its refusal in `error` with the buttons enabled again.
   */
  async function sendDecision(buttons, error, done, path, body) {
    buttons.forEach((b) => { b.disabled = true; });
    showMessage(error, '');
    try {
      const record = await api('POST', path, body);
      showMessage(done, record.action + ' by ' + record.by + ' at ' + when(record.at));
      poll();
    } catch (e) {
      showMessage(error, e.message);
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  /** The open gate's form, rebuilt only when another gate opens, so a half-typed comment stays. */
  function showGate(card, gate) {
    const key = gate ? gate.name + '@' + gate.openedAt : null;
    if (key === card.gateKey) return;
    card.gateKey = key;
    if (!gate) {
      card.gateSlot.replaceChildren();
      return;
    }
    const comment = el('textarea', { class: 'comment', placeholder: 'comment (change ticket, reason)', 'aria-label': 'comment' });
    const approve = el('button', { type: 'button', class: 'approve', text: 'Approve' });
    const reject = el('button', { type: 'button', class: 'reject', text: 'Reject' });
    const error = el('p', { class: 'error gate-error', hidden: '' });
    const done = el('p', { class: 'muted gate-done', hidden: '' });
    const decide = (action) => sendDecision([approve, reject], error, done,
      'migrations/' + segment(card.id) + '/gates/' + segment(gate.name) + '/' + action, { by: $('by').value.trim(), comment: comment.value });
    approve.addEventListener('click', () => decide('approve'));
    reject.addEventListener('click', () => decide('reject'));
    card.gateSlot.replaceChildren(el('div', { class: 'gate', data: { gate: gate.name } },
      el('h3', { text: 'Gate open: ' + gate.name }),
      el('p', { class: 'question', text: gate.question }),
      el('p', {}, el('strong', { text: 'Approve: ' }), gate.approveMeans || ''),
      el('p', {}, el('strong', { text: 'Reject: ' }), gate.rejectMeans || ''),
      el('p', { class: 'muted', text: 'open since ' + when(gate.openedAt) }),
      comment,
      el('div', { class: 'actions' }, approve, reject),
      error, done));
  }

  // ---- polling -------------------------------------------------------------------------------

  /**
   * Keeps one card per record in `container`, in the records' order: makes new ones with
   * `create`, shows each record on its card with `show` (which returns a load to wait for, or
   * null), and removes the cards of records no longer listed.
   */
  async function syncCards(records, cardsById, into, create, show) {
    const seen = new Set();
    const loads = [];
    for (const record of records) {
      seen.add(record.id);
      let card = cardsById.get(record.id);
      if (!card) {
        card = create(record);
        cardsById.set(record.id, card);
      }
      into.append(card.root); // moves it into its place
      const loading = show(card, record);
      if (loading) loads.push(loading);
    }
    for (const [id, card] of cardsById) {
      if (!seen.has(id)) {
        card.root.remove();
        cardsById.delete(id);
      }
    }
    await Promise.all(loads);
  }

  const ORDER = (a, b) => (b.status === 'RUNNING') - (a.status === 'RUNNING') || String(b.updatedAt).localeCompare(String(a.updatedAt));

  /** Other parts of the page (campaigns.js) refreshed with each poll. */
  const pollers = [];

  async function refresh() {
    await Promise.all([refreshMigrations(), ...pollers.map((refreshPart) => refreshPart())]);
  }

  async function refreshMigrations() {
    let records;
    try {
      records = await api('GET', 'migrations');
      showMessage($('error'), '');
    } catch (e) {
      showMessage($('error'), 'Could not list migrations: ' + e.message);
      return;
    }
    records.sort(ORDER);
    await syncCards(records, cards, container, createCard, (card, record) => {
      showSummary(card, record);
      // Running ones are polled; an ended one is read again only when its record changed.
      return card.root.open && (record.status === 'RUNNING' || card.loadedFor !== record.updatedAt) ? load(card, record) : null;
    });
    const running = records.filter((r) => r.status === 'RUNNING').length;
    $('status').textContent = records.length
      ? records.length + ' migration(s), ' + running + ' running. Updated ' + new Date().toLocaleTimeString() + '.'
      : 'No migrations yet. Start one with POST /api/v1/migrations. Updated ' + new Date().toLocaleTimeString() + '.';
  }

  async function load(card, record) {
    try {
      showView(card, await api('GET', 'migrations/' + segment(card.id)));
      card.loadedFor = record.updatedAt;
      showMessage(card.error, '');
    } catch (e) {
      showMessage(card.error, e.message);
    }
  }

  let timer = null;
  let busy = false;
  let again = false;

  /** Refreshes now (or right after the refresh in flight), then every POLL_MS. */
  async function poll() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    clearTimeout(timer);
    try {
      await refresh();
    } finally {
      busy = false;
      if (again) {
        again = false;
        poll();
      } else {
        timer = setTimeout(poll, POLL_MS);
      }
    }
  }

  // ---- settings: who decides, and the token --------------------------------------------------

  function showTokenState() {
    $('token-state').textContent = sessionStorage.getItem(TOKEN_KEY) ? 'token set' : 'no token';
  }

  $('by').value = localStorage.getItem(BY_KEY) || '';
  $('by').addEventListener('change', () => localStorage.setItem(BY_KEY, $('by').value.trim()));
  $('token').value = sessionStorage.getItem(TOKEN_KEY) || '';
  $('settings').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('token').value.trim();
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
    showTokenState();
    poll();
  });
  $('token-clear').addEventListener('click', () => {
    $('token').value = '';
    sessionStorage.removeItem(TOKEN_KEY);
    showTokenState();
    poll();
  });
  showTokenState();
  // What campaigns.js builds on: the same API call, DOM helpers and "your name".
  window.kmigrateConsole = {
    api, el, segment, when, showMessage, poll, sendDecision, decisionItem, syncCards,
    by: () => $('by').value.trim(),
    addPoller: (refreshPart) => { pollers.push(refreshPart); poll(); },
  };
  poll();
})();
