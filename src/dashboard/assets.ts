/**
 * The dashboard's only stylesheet and script, served by the Worker itself from
 * /dashboard/assets/* so the page works offline and the CSP can forbid inline code and
 * every other origin. Both are small enough to keep as strings.
 */

export const APP_CSS = `
:root {
  color-scheme: light dark;
  --bg: #f7f7f8; --fg: #1b1d21; --muted: #5a606b; --card: #fff; --line: #d9dce1;
  --accent: #1f5fd1; --accent-fg: #fff; --danger: #b3261e; --danger-fg: #fff;
  --ok-bg: #e3f4e8; --ok-fg: #135c2b; --warn-bg: #fdf1d8; --warn-fg: #6b4b00;
  --bad-bg: #fbe3e1; --bad-fg: #8a1c14; --code-bg: #eef0f3; --focus: #f5a524;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 16px; line-height: 1.5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14161a; --fg: #e7e9ed; --muted: #a2a8b3; --card: #1d2026; --line: #343841;
    --accent: #7aa7ff; --accent-fg: #0b1020; --danger: #ff8a80; --danger-fg: #2a0b08;
    --ok-bg: #173d25; --ok-fg: #b7ebc6; --warn-bg: #3f3210; --warn-fg: #f6dc9b;
    --bad-bg: #4a1a17; --bad-fg: #ffc9c3; --code-bg: #262a31;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); }
a { color: var(--accent); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--card); padding: .5rem 1rem; }
.skip:focus { left: .5rem; z-index: 10; }
header.top { background: var(--card); border-bottom: 1px solid var(--line); }
header.top .bar { max-width: 72rem; margin: 0 auto; padding: .6rem 1rem; display: flex; flex-wrap: wrap;
  gap: .5rem 1.25rem; align-items: center; }
header.top .brand { font-weight: 700; color: var(--fg); text-decoration: none; margin-right: auto; }
header.top nav ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; }
header.top .who { color: var(--muted); font-size: .9rem; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; line-height: 1.25; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .75rem; }
p.lead { color: var(--muted); margin-top: -.5rem; }
.crumbs { font-size: .9rem; color: var(--muted); margin: .25rem 0 0; }
.crumbs ol { list-style: none; display: flex; flex-wrap: wrap; gap: .35rem; margin: 0; padding: 0; }
.crumbs li + li::before { content: "/"; margin-right: .35rem; color: var(--muted); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: 1rem 1.25rem; margin: 1rem 0; }
.table-wrap { overflow-x: auto; background: var(--card); border: 1px solid var(--line); border-radius: .5rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
caption { text-align: left; padding: .6rem; font-weight: 600; }
th, td { text-align: left; padding: .5rem .6rem; border-top: 1px solid var(--line); vertical-align: top; }
thead th { border-top: 0; font-size: .85rem; color: var(--muted); font-weight: 600; white-space: nowrap; }
td code { overflow-wrap: normal; }
td time { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.empty { color: var(--muted); padding: 1rem .75rem; margin: 0; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .8rem; font-weight: 600; white-space: nowrap; }
.badge.live, .badge.ok { background: var(--ok-bg); color: var(--ok-fg); }
.badge.expired, .badge.rate_limited { background: var(--warn-bg); color: var(--warn-fg); }
.badge.revoked, .badge.error, .badge.denied { background: var(--bad-bg); color: var(--bad-fg); }
.chips { display: flex; flex-wrap: wrap; gap: .25rem; margin: 0; padding: 0; list-style: none; }
.chips li { background: var(--code-bg); border-radius: .25rem; padding: 0 .4rem; font-size: .85rem; }
form.stack { display: grid; gap: 1rem; max-width: 40rem; }
label, legend { font-weight: 600; }
.hint { display: block; font-weight: 400; color: var(--muted); font-size: .875rem; }
input[type=text], input[type=password], input[type=datetime-local], select, textarea {
  display: block; width: 100%; margin-top: .25rem; padding: .55rem .65rem; font: inherit; color: var(--fg);
  background: var(--bg); border: 1px solid var(--muted); border-radius: .375rem; }
fieldset { border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem 1rem; margin: 0; }
.checks { display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: .35rem 1rem; margin-top: .5rem; }
.checks label, label.check { font-weight: 400; display: flex; gap: .5rem; align-items: center; }
input[type=checkbox] { width: 1.15rem; height: 1.15rem; accent-color: var(--accent); flex: none; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
button, .button { font: inherit; font-weight: 600; padding: .55rem 1rem; border-radius: .375rem; cursor: pointer;
  border: 1px solid var(--accent); background: var(--accent); color: var(--accent-fg); text-decoration: none;
  display: inline-block; line-height: 1.3; }
button.secondary, .button.secondary { background: transparent; color: var(--accent); }
button.danger, .button.danger { background: var(--danger); border-color: var(--danger); color: var(--danger-fg); }
button.link { background: none; border: 0; color: var(--accent); padding: 0; font-weight: 400; text-decoration: underline; }
form.inline { display: inline; }
form.filter { margin: 0 0 1rem; }
form.filter select { display: inline-block; width: auto; max-width: 100%; margin: 0; }
.count { font-size: 1.05rem; padding: .6rem .8rem; background: var(--code-bg); border-radius: .375rem; }
.count strong { font-weight: 700; }
.notice { border-left: 4px solid var(--accent); background: var(--card); padding: .75rem 1rem; margin: 1rem 0; border-radius: .25rem; }
.notice > :first-child { margin-top: 0; }
.notice > :last-child { margin-bottom: 0; }
.notice.error { border-color: var(--danger); }
.notice.success { border-color: var(--ok-fg); }
.notice.warning { border-color: var(--warn-fg); }
.secret { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-start; }
h3 { font-size: 1rem; margin: 1.25rem 0 .4rem; }
fieldset .checks + div, .sub { margin-top: 1rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .875rem; }
code { background: var(--code-bg); padding: .05rem .3rem; border-radius: .25rem; overflow-wrap: anywhere; }
pre { background: var(--code-bg); padding: .75rem; border-radius: .375rem; overflow-x: auto; margin: .5rem 0; }
pre code { background: none; padding: 0; }
.secret pre { flex: 1 1 20rem; margin: 0; white-space: pre-wrap; word-break: break-all; }
details summary { cursor: pointer; color: var(--accent); }
details.tool-list { margin-top: -.5rem; }
details.tool-list .chips { margin-top: .5rem; }
details pre { max-width: 28rem; white-space: pre-wrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: var(--muted); font-size: .85rem; }
@media (max-width: 40rem) {
  h1 { font-size: 1.35rem; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: .4rem; }
  th, td { padding: .45rem .5rem; }
  /* Narrow screens: cells keep their text on one line and the table scrolls sideways in its
     own focusable region, instead of breaking ids and dates into unreadable columns. */
  .table-wrap th, .table-wrap td { white-space: nowrap; }
  .table-wrap caption { position: sticky; left: 0; }
}
.table-wrap:focus-visible { outline: 3px solid var(--focus); }
`;

/**
 * Progressive enhancement only; every page works without it.
 * - `button[data-copy]` copies the text of the element whose id it names.
 * - `form[data-tool-count-url]` asks the server how many tools the current choice exposes
 *   (the server runs the same filter the MCP endpoint uses, so the number cannot drift).
 * - `form[data-submit-once]` (mint, rotate, revoke) sends once: a second submit while the first
 *   is on its way is dropped, and the buttons are disabled. The server refuses a second POST of a
 *   mint or rotate form anyway (one-time form ids); this only spares the user that page.
 */
export const APP_JS = `
'use strict';
(function () {
  function announce(el, text) { if (el) { el.textContent = ''; setTimeout(function () { el.textContent = text; }, 30); } }
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var source = document.getElementById(button.getAttribute('data-copy'));
      var status = document.getElementById(button.getAttribute('data-copy-status'));
      if (!source) return;
      var text = source.textContent || '';
      var done = function () { announce(status, 'Copied.'); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { announce(status, 'Copy failed: select the text and copy it.'); });
      } else {
        var range = document.createRange(); range.selectNodeContents(source);
        var sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
        try { document.execCommand('copy'); done(); } catch (e) { announce(status, 'Press Ctrl+C to copy.'); }
      }
    });
  });
  // Buttons are disabled just AFTER the submit event: the browser reads the form after the event,
  // and a disabled clicked button would drop its name=value (intent=preview would become a mint).
  var submitButtons = function (f) { return f.querySelectorAll('button[type="submit"], button:not([type])'); };
  document.querySelectorAll('form[data-submit-once]').forEach(function (f) {
    f.addEventListener('submit', function (e) {
      if (f.getAttribute('data-submitting') === '1') { e.preventDefault(); return; }
      f.setAttribute('data-submitting', '1');
      setTimeout(function () { submitButtons(f).forEach(function (b) { b.disabled = true; }); }, 0);
    });
  });
  // A page restored from the back/forward cache gets usable buttons back.
  window.addEventListener('pageshow', function (e) {
    if (!e.persisted) return;
    document.querySelectorAll('form[data-submit-once]').forEach(function (f) {
      f.removeAttribute('data-submitting');
      submitButtons(f).forEach(function (b) { b.disabled = false; });
    });
  });
  var form = document.querySelector('form[data-tool-count-url]');
  if (form) {
    var out = document.getElementById('tool-count');
    var pending = 0;
    var update = function () {
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        if (key === 'methods' || key === 'tags' || key === 'tool_names') params.append(key, String(value));
      });
      var mine = ++pending;
      fetch(form.getAttribute('data-tool-count-url') + '?' + params.toString(), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (body) {
          if (!body || mine !== pending || !out) return;
          out.textContent = String(body.count);
          var note = document.getElementById('tool-count-note');
          if (note) note.textContent = body.note || '';
          var list = document.getElementById('tool-list');
          if (list && Array.isArray(body.tools)) {
            list.replaceChildren.apply(list, body.tools.map(function (name) {
              var li = document.createElement('li'); li.textContent = String(name); return li;
            }));
          }
        })
        .catch(function () {});
    };
    form.addEventListener('change', update);
    var typing = 0;
    form.addEventListener('input', function (e) {
      if (!e.target || e.target.name !== 'tool_names') return;
      clearTimeout(typing);
      typing = setTimeout(update, 300);
    });
  }
})();
`;

/** The tab icon: a speech bubble in the accent colour (so the browser stops asking for /favicon.ico). */
export const APP_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f5fd1"/><path d="M8 9h16a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-9l-5 4v-4H8a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2z" fill="#fff"/></svg>`;
