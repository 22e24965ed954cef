// The dashboard page's script (a plain browser script: no import, no framework, nothing fetched but /api/*).
// Built by `npm run build` with its own tsconfig (DOM types) into dist/src/server/client/app.js.
(() => {
  type S = Record<string, string>;
  interface Boot { lang: 'fr' | 'en'; project: string; environments: Array<string | null>; canRollback: boolean; strings: S }
  interface Probe { ok: boolean; latencyMs: number; status: number | null }
  interface Service { name: string; versioned: boolean; oneShot: boolean; version: string | null; image: string | null; state: string; health: string | null; probe: Probe | null; drift: boolean }
  interface Status { environment: string | null; project: string; version: string | null; mixed: boolean; previous: string | null; services: Service[]; lock: { user: string; host: string; since: string; command: string } | null; interrupted: { kind: string; version: string } | null }
  interface Release { id: number; kind: string; trigger: string; version: string; fromVersion: string | null; outcome: string; startedAt: string; durationSeconds: number | null; user: string; host: string; incident: string | null }
  interface Dora { windowDays: number; deployments: number; deploymentsPerWeek: number; changes: number; failedChanges: number; changeFailureRate: number | null; restores: number; timeToRestoreMedianSeconds: number | null; timeToRestoreLastSeconds: number | null; rollbackMedianSeconds: number | null }
  interface Insights { dora: Dora; rollbackTargetSeconds: { min: number; max: number }; releases: Release[]; latency: Array<{ releaseId: number; version: string; url: string; medianMs: number }> }
  interface Point { x: number; y: number; cls: string; label: string }
  interface Incident { id: number; state: string; kind: string; opened_at: string; version: string; from_version: string | null; level: number; acknowledged_by: string | null; report: string | null; postmortem_at: string | null; investigation_due: string; postmortem_due: string }

  const boot = JSON.parse(document.getElementById('boot')!.textContent ?? '{}') as Boot;
  const s = boot.strings;
  const SVG = 'http://www.w3.org/2000/svg';
  let selected: string | null = boot.environments[0] ?? null;
  const statuses = new Map<string | null, Status>();

  const fill = (text: string, p: Record<string, string | number>): string => text.replace(/\{(\w+)\}/g, (w, k: string) => (k in p ? String(p[k]) : w));
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...kids: Array<Node | string>): HTMLElementTagNameMap[K] => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    for (const k of kids) e.append(k);
    return e;
  };
  const svg = (tag: string, attrs: Record<string, string | number>, text?: string): SVGElement => {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const q = (env: string | null, extra = ''): string => `?lang=${boot.lang}${env ? `&env=${encodeURIComponent(env)}` : ''}${extra}`;
  const secs = (n: number | null): string => (n === null ? '—' : n < 120 ? `${n.toFixed(1)} ${s.seconds}` : `${(n / 60).toFixed(1)} min`);
  const time = (iso: string): string => new Date(iso).toLocaleString(boot.lang === 'fr' ? 'fr-FR' : 'en-GB');
  const kindName = (k: string): string => (k === 'deploy' ? s.deploy : k === 'rollback' ? s.rollbackKind : s.emergency);
  const outcomeName = (o: string): string => s[`o_${o}`] ?? o;
  const triggerName = (t: string): string => s[`t_${t}`] ?? t;

  async function api<T>(path: string, init?: RequestInit): Promise<T> {
    const res = await fetch(path, { credentials: 'same-origin', ...init });
    const body = (await res.json()) as T & { ok: boolean; error?: { code: string; message: string } };
    if (!res.ok || body.ok === false) throw new Error(body.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${res.status}`);
    return body;
  }

  function message(text: string, error = false): void {
    const m = document.getElementById('message')!;
    m.textContent = text;
    m.className = error ? 'error' : '';
  }

  function envCard(st: Status): HTMLElement {
    const name = st.environment ?? st.project;
    const current = st.version ?? (st.mixed ? s.mixed : s.none);
    const rows = st.services.map((x) =>
      el(
        'tr',
        { 'data-service': x.name },
        el('td', {}, x.name),
        el('td', { class: 'mono' }, x.version ?? (x.image ?? '—'), x.drift ? el('span', { class: 'warn' }, ` (${s.drift})`) : ''),
        el('td', { class: x.state === 'running' || (x.oneShot && x.state === 'exited') ? 'ok' : 'bad' }, x.state),
        el('td', { class: x.health === 'unhealthy' || (x.probe && !x.probe.ok) ? 'bad' : 'ok' }, x.health ?? (x.probe ? (x.probe.ok ? 'ok' : 'down') : '—')),
        el('td', {}, x.probe ? `${Math.round(x.probe.latencyMs)} ms` : '—'),
      ),
    );
    const card = el(
      'article',
      { class: 'card', id: `env-${name}`, 'data-env': st.environment ?? '' },
      el('h3', {}, name),
      el('div', {}, `${s.current}: `, el('span', { class: 'current-version' }, current)),
      el('div', {}, `${s.previous}: `, el('span', { class: 'previous-version mono' }, st.previous ?? s.none)),
      el('div', { class: 'lock' }, `${s.lock}: `, st.lock ? el('span', { class: 'warn' }, fill(s.lockHeld, { who: `${st.lock.user}@${st.lock.host} (${st.lock.command})`, since: time(st.lock.since) })) : s.lockFree),
      st.interrupted ? el('div', { class: 'bad interrupted' }, fill(s.interrupted, { kind: st.interrupted.kind, version: st.interrupted.version })) : '',
      el('table', {}, el('thead', {}, el('tr', {}, ...[s.service, s.version, s.state, s.health, s.latency].map((h) => el('th', {}, h)))), el('tbody', {}, ...rows)),
    );
    if (boot.canRollback) {
      const b = el('button', { type: 'button', class: 'rollback', 'data-env': st.environment ?? '' }, s.rollback);
      b.addEventListener('click', () => void openRollback(st));
      card.append(b);
    }
    return card;
  }

  async function openRollback(st: Status): Promise<void> {
    const panel = document.getElementById('rollback-panel')!;
    type Where = Record<string, { where: string; moved: boolean }>;
    const v = await api<{ versions: Array<{ version: string; complete: boolean; images?: Where }>; previous: string | null; current: string | null }>(`/api/versions${q(st.environment)}`).catch((e: Error) => {
      message(e.message, true);
      return null;
    });
    if (!v) return;
    const choices = v.versions.filter((x) => x.complete && x.version !== v.current);
    // a version whose tag moved since it ran (its recorded image runs), or pulled from its registry first
    const label = (x: { version: string; images?: Where }): string => {
      const images = Object.values(x.images ?? {});
      const notes = [images.some((i) => i.moved) ? s.tagMoved : '', images.some((i) => i.where === 'registry') ? s.inRegistry : ''].filter(Boolean);
      return notes.length ? `${x.version} (${notes.join(', ')})` : x.version;
    };
    const select = el('select', { id: 'rollback-version' }, ...choices.map((c) => el('option', c.version === v.previous ? { value: c.version, selected: '' } : { value: c.version }, label(c))));
    const reason = el('input', { id: 'rollback-reason', type: 'text', maxlength: '500' });
    const go = el('button', { type: 'button', id: 'rollback-confirm' }, s.confirm);
    const cancel = el('button', { type: 'button', id: 'rollback-cancel' }, s.cancel);
    panel.replaceChildren(el('p', {}, `${fill(s.rollbackTo, { env: st.environment ?? st.project, from: v.current ?? '—' })} `, select), el('p', {}, el('label', { for: 'rollback-reason' }, `${s.reason}: `), reason), el('p', {}, go, ' ', cancel));
    panel.hidden = false;
    cancel.addEventListener('click', () => {
      panel.hidden = true;
    });
    go.addEventListener('click', () => {
      const version = select.value;
      go.disabled = true;
      message(fill(s.rollingBack, { version }));
      api<{ version: string; durationSeconds: number }>(`/api/rollback${q(st.environment)}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version, reason: reason.value }) })
        .then((r) => message(fill(s.rollbackDone, { version: r.version, seconds: r.durationSeconds.toFixed(1) })))
        .catch((e: Error) => message(fill(s.rollbackFailed, { message: e.message }), true))
        .finally(() => {
          panel.hidden = true;
          void refresh();
        });
    });
  }

  /** A scatter chart in SVG: one circle per data point (with its label as a tooltip), optional shaded band. */
  function chart(id: string, points: Point[], opts: { band?: { min: number; max: number }; unit: string; series?: (p: Point) => string }): void {
    const fig = document.getElementById(id)!;
    fig.querySelector('svg, p.empty')?.remove();
    if (points.length === 0) {
      fig.append(el('p', { class: 'empty' }, s.noData));
      return;
    }
    const W = 480, H = 200, L = 44, R = 10, T = 10, B = 24;
    const xs = points.map((p) => p.x);
    const x0 = Math.min(...xs), x1 = Math.max(...xs);
    const yMax = Math.max(...points.map((p) => p.y), opts.band ? opts.band.max * 1.1 : 0) * 1.1 || 1;
    const X = (x: number): number => (x1 === x0 ? L + (W - L - R) / 2 : L + ((x - x0) / (x1 - x0)) * (W - L - R));
    const Y = (y: number): number => H - B - (y / yMax) * (H - T - B);
    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'data-points': points.length });
    for (let i = 0; i <= 4; i++) {
      const v = (yMax * i) / 4;
      root.append(svg('line', { class: 'grid', x1: L, x2: W - R, y1: Y(v), y2: Y(v) }), svg('text', { x: 2, y: Y(v) + 3 }, `${v < 10 ? v.toFixed(1) : Math.round(v)} ${opts.unit}`));
    }
    if (opts.band) root.append(svg('rect', { class: 'band', x: L, width: W - L - R, y: Y(opts.band.max), height: Y(opts.band.min) - Y(opts.band.max) }));
    root.append(svg('line', { class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B }), svg('line', { class: 'axis', x1: L, x2: L, y1: T, y2: H - B }));
    if (opts.series) {
      // one line per series (e.g. per health URL), in the order of the points
      const groups = new Map<string, Point[]>();
      for (const p of points) groups.set(opts.series(p), [...(groups.get(opts.series(p)) ?? []), p]);
      [...groups.values()].forEach((g, i) => {
        if (g.length > 1) root.append(svg('polyline', { class: `series s${i % 4}`, points: g.map((p) => `${X(p.x)},${Y(p.y)}`).join(' ') }));
      });
    }
    for (const p of points) {
      const c = svg('circle', { class: `point ${p.cls}`, cx: X(p.x), cy: Y(p.y), r: 4, 'data-value': p.y });
      c.append(svg('title', {}, p.label));
      root.append(c);
    }
    fig.append(root);
  }

  function renderInsights(ins: Insights): void {
    const d = ins.dora;
    document.getElementById('dora-title')!.textContent = fill(s.dora, { days: d.windowDays });
    const tile = (id: string, title: string, value: string, sub: string): HTMLElement => el('div', { class: 'tile', id }, el('div', {}, title), el('div', { class: 'value' }, value), el('div', { class: 'sub' }, sub));
    document.getElementById('dora')!.replaceChildren(
      tile('dora-deploy-frequency', s.deployFrequency, d.deploymentsPerWeek.toFixed(2), fill(s.perWeek, { n: d.deploymentsPerWeek.toFixed(2), count: d.deployments })),
      tile('dora-change-failure-rate', s.changeFailureRate, d.changeFailureRate === null ? '—' : `${Math.round(d.changeFailureRate * 100)} %`, fill(s.failedOf, { failed: d.failedChanges, total: d.changes })),
      tile('dora-time-to-restore', s.timeToRestore, secs(d.timeToRestoreMedianSeconds), fill(s.restores, { n: d.restores, last: secs(d.timeToRestoreLastSeconds) })),
      tile('dora-rollback-median', s.rollbackMedian, secs(d.rollbackMedianSeconds), s.rollbackGoal),
    );
    const label = (r: Release): string => `#${r.id} ${kindName(r.kind)} ${r.fromVersion ?? '—'} → ${r.version} (${triggerName(r.trigger)}, ${outcomeName(r.outcome)}) ${secs(r.durationSeconds)} — ${time(r.startedAt)}`;
    const timed = ins.releases.filter((r) => r.durationSeconds !== null);
    const point = (r: Release): Point => ({ x: Date.parse(r.startedAt), y: r.durationSeconds as number, cls: `p-${r.kind}${r.outcome === 'success' ? '' : ' p-failed'}`, label: label(r) });
    chart('chart-durations', timed.map(point), { unit: s.seconds });
    chart('chart-rollbacks', timed.filter((r) => r.kind !== 'deploy').map(point), { unit: s.seconds, band: ins.rollbackTargetSeconds });
    const urls = [...new Set(ins.latency.map((b) => b.url))];
    chart('chart-latency', ins.latency.map((b) => ({ x: b.releaseId, y: b.medianMs, cls: `p-s${urls.indexOf(b.url) % 4}`, label: `#${b.releaseId} ${b.version} ${b.url}: ${b.medianMs.toFixed(1)} ms` })), { unit: 'ms', series: (p) => p.cls });
    const fig = document.getElementById('chart-latency')!;
    fig.querySelector('ul.legend')?.remove();
    if (urls.length) fig.append(el('ul', { class: 'legend' }, ...urls.map((u, i) => el('li', { class: `p-s${i % 4}` }, u))));
  }

  function renderHistory(releases: Release[]): void {
    const rows = releases.map((r) =>
      el(
        'tr',
        { 'data-release': String(r.id), 'data-trigger': r.trigger, 'data-outcome': r.outcome },
        el('td', {}, String(r.id)),
        el('td', {}, time(r.startedAt)),
        el('td', {}, kindName(r.kind)),
        el('td', {}, triggerName(r.trigger)),
        el('td', { class: 'mono' }, `${r.fromVersion ?? '—'} → ${r.version}`),
        el('td', { class: r.outcome === 'success' ? 'ok' : r.outcome === 'running' ? 'warn' : 'bad' }, outcomeName(r.outcome)),
        el('td', {}, secs(r.durationSeconds)),
        el('td', {}, `${r.user}@${r.host}`),
        el('td', {}, r.incident ? el('a', { href: `/incidents/${encodeURIComponent(r.incident.split('/').pop() ?? '')}/report.md${q(selected)}` }, s.report) : ''),
      ),
    );
    document.querySelector('#history tbody')!.replaceChildren(...rows);
  }

  /** The incidents not closed yet (not resolved, or without a post-mortem): level, age, deadlines; an ack button when logged in. */
  function renderIncidents(all: Incident[]): void {
    const open = all.filter((i) => i.state !== 'resolved' || i.postmortem_at === null);
    document.getElementById('no-incident')!.hidden = open.length > 0;
    const rows = open.map((i) => {
      const minutes = Math.max(0, Math.floor((Date.now() - Date.parse(i.opened_at)) / 60_000));
      const due = [i.state !== 'resolved' ? fill(s.investigationDue, { time: time(i.investigation_due) }) : '', i.postmortem_at === null ? fill(s.postmortemDue, { time: time(i.postmortem_due) }) : ''].filter(Boolean).join(' · ');
      const action = el('td', {});
      if (i.state === 'open' && boot.canRollback) {
        const b = el('button', { type: 'button', class: 'ack', 'data-incident': String(i.id) }, s.acknowledge);
        b.addEventListener('click', () => {
          b.disabled = true;
          api<{ incident: Incident }>(`/api/incidents/ack${q(selected)}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: i.id }) })
            .then(() => message(fill(s.ackDone, { id: i.id })))
            .catch((e: Error) => message(fill(s.ackFailed, { message: e.message }), true))
            .finally(() => void refresh());
        });
        action.append(b);
      } else if (i.acknowledged_by) action.append(fill(s.acknowledgedBy, { who: i.acknowledged_by }));
      return el(
        'tr',
        { 'data-incident': String(i.id), 'data-state': i.state },
        el('td', {}, i.report ? el('a', { href: `/incidents/${encodeURIComponent(i.report.split('/').slice(-2, -1)[0] ?? '')}/report.md${q(selected)}` }, `#${i.id}`) : `#${i.id}`),
        el('td', { class: i.state === 'open' ? 'bad' : i.state === 'acknowledged' ? 'warn' : 'ok' }, s[`s_${i.state}`] ?? i.state),
        el('td', {}, i.kind),
        el('td', {}, `${time(i.opened_at)} (${fill(s.age, { minutes })})`),
        el('td', { class: 'mono' }, `${i.from_version ?? '—'} → ${i.version}`),
        el('td', { class: 'level' }, String(i.level)),
        el('td', {}, due),
        action,
      );
    });
    document.querySelector('#incidents tbody')!.replaceChildren(...rows);
  }

  function renderTabs(): void {
    const nav = document.getElementById('env-tabs')!;
    if (boot.environments.length < 2) return;
    nav.replaceChildren(
      ...boot.environments.map((e) => {
        const b = el('button', { type: 'button', 'aria-pressed': String(e === selected) }, `${s.environment}: ${e}`);
        b.addEventListener('click', () => {
          selected = e;
          renderTabs();
          void refresh();
        });
        return b;
      }),
    );
  }

  async function refresh(): Promise<void> {
    const problems: string[] = [];
    const cards = await Promise.all(
      boot.environments.map((env) =>
        api<Status>(`/api/status${q(env)}`).then(
          (st) => {
            statuses.set(env, st);
            return envCard(st);
          },
          (e: Error) => {
            problems.push(fill(s.loadFailed, { what: env ?? boot.project, message: e.message }));
            return el('article', { class: 'card bad' }, env ?? boot.project, ': ', e.message);
          },
        ),
      ),
    );
    document.getElementById('environments')!.replaceChildren(...cards);
    const [hist, ins, inc] = await Promise.all([
      api<{ releases: Release[] }>(`/api/history${q(selected, '&limit=50')}`).catch((e: Error) => (problems.push(e.message), null)),
      api<Insights>(`/api/insights${q(selected)}`).catch((e: Error) => (problems.push(e.message), null)),
      api<{ incidents: Incident[] }>(`/api/incidents${q(selected)}`).catch((e: Error) => (problems.push(e.message), null)),
    ]);
    if (hist) renderHistory(hist.releases);
    if (inc) renderIncidents(inc.incidents);
    if (ins) renderInsights(ins);
    document.getElementById('updated')!.textContent = fill(s.updated, { time: new Date().toLocaleTimeString(boot.lang === 'fr' ? 'fr-FR' : 'en-GB') });
    if (problems.length) message(problems.join(' · '), true);
    document.body.dataset.ready = 'true';
  }

  renderTabs();
  void refresh();
  setInterval(() => void refresh(), 10_000);
})();
