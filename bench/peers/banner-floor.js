// Not a widget: the least a consent manager can do to show a first visit's banner without holding up
// the first paint, as vanilla-cookieconsent and Crumbs both do. A module script in <head> (deferred,
// as vanilla-cookieconsent's is) that draws the banner's region, heading, text and three buttons in a
// shadow root (page CSS must not reach them), with the texts written in. No inventory, no stored
// choice to read, no languages, no API, no focus handling; nothing happens on a click. Its
// "banner visible - FCP" is the floor of that metric for a banner that does not block rendering.
const host = document.createElement('div');
host.id = 'floor-banner';
const root = host.attachShadow({ mode: 'open' });
const sheet = new CSSStyleSheet();
sheet.replaceSync(
  'section{position:fixed;left:16px;right:16px;bottom:16px;max-width:40em;margin:auto;padding:16px;background:#fff;color:#1a1a1a;' +
    'border:1px solid #767676;border-radius:8px;font:16px/1.5 system-ui,sans-serif;z-index:2147483000}h2{font-size:1.2em;margin:0 0 8px}' +
    'div{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}button{font:inherit;padding:.5em 1em;border-radius:6px;border:2px solid #0b57d0;background:#0b57d0;color:#fff}',
);
root.adoptedStyleSheets = [sheet];
const region = root.appendChild(document.createElement('section'));
region.setAttribute('role', 'region');
region.setAttribute('aria-label', 'Cookie consent');
region.appendChild(document.createElement('h2')).textContent = 'We use cookies';
region.appendChild(document.createElement('p')).textContent =
  'We use cookies to measure visits and to play embedded videos. You can accept all, keep only the necessary ones, or choose.';
const actions = region.appendChild(document.createElement('div'));
for (const label of ['Accept all', 'Reject all', 'Manage preferences']) actions.appendChild(document.createElement('button')).textContent = label;
document.body.appendChild(host);
