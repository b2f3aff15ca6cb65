/**
 * The page's script (inline; the Content-Security-Policy allows exactly this text by its sha256).
 * Vanilla JavaScript over the embedded dashboard.json: sort (header buttons, aria-sort), filter
 * (words, and a state), pages of PAGE_SIZE rows so 10,000 repositories stay fast, the state in the
 * URL hash (`#sort=installed&dir=desc&q=acme&show=failing&page=2`, so a link shares a view), and a
 * row's findings on demand. Report text only ever becomes text nodes (textContent), never markup.
 * Pure (a constant). It is a String.raw: backslashes stay as written, and it holds no backtick and
 * no placeholder but PAGE_SIZE.
 */
export const PAGE_SIZE = 100;

export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var PAGE_SIZE = ${PAGE_SIZE};
  var $ = function (id) { return document.getElementById(id); };
  var data = JSON.parse($('dashboard-data').textContent);
  var rows = data.rows;
  var SUPPORT_ORDER = { unsupported: 0, unknown: 1, supported: 2 };
  var COLUMNS = {
    repository: { dir: 'asc', text: true, value: function (r) { return r.repository + '\u0000' + (r.workflow || '') + '\u0000' + (r.job || ''); } },
    goline: { dir: 'asc', ranked: true, value: function (r) { return r.goLineRank; } },
    installed: { dir: 'asc', ranked: true, value: function (r) { return r.installedRank; } },
    support: { dir: 'asc', value: function (r) { return SUPPORT_ORDER[r.support]; } },
    vulns: { dir: 'desc', value: function (r) { return r.vulnerabilities.count; } },
    errors: { dir: 'desc', value: function (r) { return r.errorCount + (r.stopped ? 1 : 0); } },
    drift: { dir: 'desc', value: function (r) { return r.driftCount; } },
    age: { dir: 'desc', value: function (r) { return r.ageSeconds; } }
  };
  var SHOW = {
    failing: function (r) { return r.failing; },
    drifting: function (r) { return r.drifting; },
    vulnerable: function (r) { return r.vulnerabilities.count > 0; },
    unsupported: function (r) { return r.support === 'unsupported'; },
    behind: function (r) { return r.patch === 'behind'; },
    healthy: function (r) { return !r.failing && !r.drifting && r.vulnerabilities.count === 0 && r.support !== 'unsupported' && r.patch !== 'behind'; }
  };
  var hay = rows.map(function (r) {
    return [r.repository, r.workflow, r.job, r.ref, r.installed, r.goLines.map(function (g) { return g.version; }).join(' '),
      r.support, r.failing ? 'failing' : '', r.drifting ? 'drifting' : '', r.vulnerabilities.count > 0 ? 'vulnerable' : '',
      r.patch === 'behind' ? 'behind' : ''].filter(Boolean).join(' ').toLowerCase();
  });
  var state = { sort: 'repository', dir: 'asc', q: '', show: '', page: 1 };
  var open = new Set();
  var sortedFor = '';
  var order = [];

  function num(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
  function age(s) {
    if (s < 60) return Math.max(0, Math.floor(s)) + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min';
    if (s < 86400) return Math.floor(s / 3600) + ' h';
    return Math.floor(s / 86400) + ' d';
  }
  function where(p) {
    if (!p || p.file === undefined) return '';
    return p.line !== undefined ? p.file + ':' + p.line : p.file;
  }
  function safeUrl(u) { return typeof u === 'string' && /^https?:\/\//i.test(u) ? u : null; }
  function node(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function tag(text, cls) { return node('span', 'tag ' + cls, text); }

  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ''));
    var sort = p.get('sort');
    state.sort = sort && Object.prototype.hasOwnProperty.call(COLUMNS, sort) ? sort : 'repository';
    var dir = p.get('dir');
    state.dir = dir === 'asc' || dir === 'desc' ? dir : COLUMNS[state.sort].dir;
    state.q = p.get('q') || '';
    var show = p.get('show') || '';
    state.show = Object.prototype.hasOwnProperty.call(SHOW, show) ? show : '';
    var page = parseInt(p.get('page') || '1', 10);
    state.page = page > 0 ? page : 1;
    $('filter').value = state.q;
    $('show').value = state.show;
  }
  function writeHash() {
    var p = new URLSearchParams();
    if (state.sort !== 'repository') p.set('sort', state.sort);
    if (state.dir !== COLUMNS[state.sort].dir) p.set('dir', state.dir);
    if (state.q) p.set('q', state.q);
    if (state.show) p.set('show', state.show);
    if (state.page > 1) p.set('page', String(state.page));
    var h = p.toString();
    var url = location.href.replace(/#.*$/, '') + (h ? '#' + h : '');
    try { history.replaceState(null, '', url); } catch (e) { /* some file:// settings refuse: the view still works */ }
  }

  function sortOrder() {
    var key = state.sort + ':' + state.dir;
    if (key === sortedFor) return order;
    var col = COLUMNS[state.sort];
    var sign = state.dir === 'asc' ? 1 : -1;
    var vals = rows.map(col.value);
    var byName = rows.map(COLUMNS.repository.value);
    order = rows.map(function (_, i) { return i; });
    order.sort(function (a, b) {
      var x = vals[a], y = vals[b];
      // no version (rank -1) goes last in either direction
      if (col.ranked && (x < 0) !== (y < 0)) return x < 0 ? 1 : -1;
      if (x !== y) return (x < y ? -1 : 1) * sign;
      if (byName[a] !== byName[b]) return byName[a] < byName[b] ? -1 : 1;
      return a - b;
    });
    sortedFor = key;
    return order;
  }
  function view() {
    var terms = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    var show = state.show ? SHOW[state.show] : null;
    return sortOrder().filter(function (i) {
      if (show && !show(rows[i])) return false;
      for (var t = 0; t < terms.length; t++) if (hay[i].indexOf(terms[t]) < 0) return false;
      return true;
    });
  }

  function countCell(td, n, place, what) {
    td.appendChild(document.createTextNode(num(n)));
    if (n > 0 && place) td.appendChild(node('span', 'place', place));
    td.setAttribute('data-label', what);
  }
  function rowEl(i) {
    var r = rows[i];
    var tr = node('tr', 'row');
    tr.setAttribute('data-row', String(i));
    var td = node('td', 'repo');
    var b = node('button', 'expand', r.repository);
    b.type = 'button';
    b.setAttribute('aria-expanded', open.has(i) ? 'true' : 'false');
    b.setAttribute('aria-controls', 'detail-' + i);
    b.addEventListener('click', function () { if (open.has(i)) open.delete(i); else open.add(i); render(); focusToggle(i); });
    td.appendChild(b);
    var job = [r.workflow, r.job].filter(Boolean).join(' / ');
    if (job) td.appendChild(node('span', 'sub', job));
    tr.appendChild(td);

    td = node('td', 'golines');
    td.textContent = r.goLines.length ? r.goLines.map(function (g) { return g.version + (g.defaulted ? ' (default)' : ''); }).join(', ') : '—';
    if (r.goLines.length) td.title = r.goLines.map(function (g) { return g.version + ': ' + g.first + (g.files > 1 ? ' and ' + (g.files - 1) + ' more' : ''); }).join('\n');
    tr.appendChild(td);

    td = node('td', 'installed', r.installed || '—');
    if (r.patch === 'behind') { td.appendChild(document.createTextNode(' ')); td.appendChild(tag('behind', 'warn')); }
    tr.appendChild(td);

    td = node('td', 'support');
    td.appendChild(tag(r.support, r.support === 'supported' ? 'ok' : r.support === 'unsupported' ? 'bad' : 'unknown'));
    tr.appendChild(td);

    td = node('td', 'vulns', num(r.vulnerabilities.count));
    if (r.vulnerabilities.status !== 'checked') td.appendChild(node('span', 'place', r.vulnerabilities.status === 'absent' ? 'not checked' : r.vulnerabilities.status));
    tr.appendChild(td);

    td = node('td', 'errors');
    if (r.stopped) { td.appendChild(tag('stopped', 'bad')); var wp = where(r.stopped); td.appendChild(node('span', 'place', wp || r.stopped.message)); }
    else countCell(td, r.errorCount, where(r.firstError), 'errors');
    tr.appendChild(td);

    td = node('td', 'drift');
    countCell(td, r.driftCount, where(r.firstDrift), 'drift');
    tr.appendChild(td);

    td = node('td', 'age', age(r.ageSeconds));
    td.title = r.generatedAt;
    tr.appendChild(td);

    td = node('td', 'run');
    var u = safeUrl(r.runUrl);
    if (u) { var a = node('a', '', 'run'); a.href = u; a.rel = 'noopener noreferrer'; td.appendChild(a); } else td.textContent = '—';
    tr.appendChild(td);
    return tr;
  }
  function detailEl(i) {
    var r = rows[i];
    var tr = node('tr', 'detail');
    tr.id = 'detail-' + i;
    var td = node('td');
    td.colSpan = 9;
    var dl = node('dl');
    function fact(k, v) { if (v === null || v === undefined || v === '') return; dl.appendChild(node('dt', '', k)); dl.appendChild(node('dd', '', v)); }
    fact('report', r.file);
    fact('written', r.generatedAt);
    fact('ref', r.ref);
    fact('commit', r.sha);
    fact('event', r.event);
    fact('setup-go-enforced', r.actionVersion);
    fact('mode', r.mode);
    fact('supported-release', r.supportCheck + (r.supportMessage ? ': ' + r.supportMessage : ''));
    fact('latest-patch', r.patchCheck + (r.patchMessage ? ': ' + r.patchMessage : ''));
    fact('vulnerabilities', r.vulnerabilities.ids.join(', '));
    fact('go lines', r.goLines.map(function (g) { return g.version + (g.defaulted ? ' (no go line: Go assumes it)' : '') + ' in ' + g.first + (g.files > 1 ? ' and ' + (g.files - 1) + ' more' : ''); }).join('; '));
    if (r.superseded) fact('older reports', num(r.superseded) + ' replaced by this one');
    if (r.stopped) fact('stopped', (where(r.stopped) ? where(r.stopped) + ': ' : '') + r.stopped.message);
    td.appendChild(dl);
    if (r.findings.length === 0) td.appendChild(node('p', 'muted', 'No findings.'));
    else {
      var t = node('table', 'findings');
      var cap = node('caption', 'visually-hidden', 'Findings of ' + r.repository);
      t.appendChild(cap);
      var head = node('tr');
      ['Check', 'Kind', 'Severity', 'Where', 'Message'].forEach(function (h) { var th = node('th', '', h); th.scope = 'col'; head.appendChild(th); });
      var thead = node('thead'); thead.appendChild(head); t.appendChild(thead);
      var tb = node('tbody');
      r.findings.forEach(function (f) {
        var fr = node('tr');
        [f.check, f.kind, f.severity, where(f) || '—', f.message].forEach(function (v) { fr.appendChild(node('td', '', v)); });
        tb.appendChild(fr);
      });
      t.appendChild(tb);
      td.appendChild(t);
      if (r.findingsTotal > r.findings.length) td.appendChild(node('p', 'muted', 'and ' + num(r.findingsTotal - r.findings.length) + ' more findings in the report'));
    }
    tr.appendChild(td);
    return tr;
  }
  function focusToggle(i) {
    var b = document.querySelector('tr[data-row="' + i + '"] .expand');
    if (b) b.focus();
  }

  function render() {
    var v = view();
    var pages = Math.max(1, Math.ceil(v.length / PAGE_SIZE));
    if (state.page > pages) state.page = pages;
    var start = (state.page - 1) * PAGE_SIZE;
    var frag = document.createDocumentFragment();
    v.slice(start, start + PAGE_SIZE).forEach(function (i) {
      frag.appendChild(rowEl(i));
      if (open.has(i)) frag.appendChild(detailEl(i));
    });
    $('rows-body').replaceChildren(frag);
    $('count').textContent = num(v.length) + ' of ' + num(rows.length) + ' rows' +
      (v.length > PAGE_SIZE ? ', showing ' + num(start + 1) + '–' + num(Math.min(v.length, start + PAGE_SIZE)) : '');
    $('page-label').textContent = 'page ' + state.page + ' of ' + pages;
    $('prev').disabled = state.page <= 1;
    $('next').disabled = state.page >= pages;
    document.querySelectorAll('th[data-sort]').forEach(function (th) {
      var k = th.getAttribute('data-sort');
      th.setAttribute('aria-sort', k === state.sort ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none');
    });
    writeHash();
  }

  document.querySelectorAll('th[data-sort] button').forEach(function (b) {
    b.addEventListener('click', function () {
      var k = b.parentNode.getAttribute('data-sort');
      if (state.sort === k) state.dir = state.dir === 'asc' ? 'desc' : 'asc';
      else { state.sort = k; state.dir = COLUMNS[k].dir; }
      state.page = 1;
      render();
    });
  });
  $('filter').addEventListener('input', function (e) { state.q = e.target.value; state.page = 1; render(); });
  $('show').addEventListener('change', function (e) { state.show = e.target.value; state.page = 1; render(); });
  $('prev').addEventListener('click', function () { if (state.page > 1) { state.page--; render(); } });
  $('next').addEventListener('click', function () { state.page++; render(); });
  window.addEventListener('hashchange', function () { readHash(); render(); });

  readHash();
  $('table-ui').hidden = false;
  render();
  document.documentElement.setAttribute('data-ready', 'true');
})();
`;
