// Stand-in for https://www.googletagmanager.com/gtag/js?id=G-XXXX, behaving like the real tag where
// the tests look:
// - reads the commands queued in window.dataLayer (only `arguments` objects, as gtag.js does: plain
//   arrays are ignored) and those pushed later (it replaces dataLayer.push);
// - keeps the Consent Mode state from `consent default` / `consent update` commands and records, at
//   every `config` and `event` command, the consent state it saw (window.__gtagSeen);
// - sets _ga, _ga_<container id> and _gid on the site's registrable domain (domain=.crumbs-demo.test,
//   as cookie_domain 'auto' does) only when no consent state exists or analytics_storage is granted,
//   and sets them later when an update grants it;
// - sends hits to https://region1.google-analytics.com/g/collect with the consent state (gcs).
(function () {
  var w = window, d = document;
  w.__crumbsTestRecord('gtag.js');
  var src = (d.currentScript && d.currentScript.src) || '';
  var id = decodeURIComponent((/[?&]id=([^&]+)/.exec(src) || [])[1] || 'G-UNKNOWN');
  var dl = (w.dataLayer = w.dataLayer || []);
  var seen = (w.__gtagSeen = w.__gtagSeen || []);
  var consent = null; // null: no Consent Mode command seen
  var configured = false;
  var cookiesSet = false;

  function snapshot() {
    return consent ? JSON.parse(JSON.stringify(consent)) : null;
  }
  function analyticsAllowed() {
    return !consent || consent.analytics_storage === 'granted';
  }
  function cookieDomain() {
    var host = location.hostname;
    if (host === 'localhost' || /^[\d.]+$/.test(host)) return '';
    return '; domain=.' + host.split('.').slice(-2).join('.');
  }
  function setCookie(name, value, maxAge) {
    d.cookie = name + '=' + value + '; max-age=' + maxAge + '; path=/' + cookieDomain() + '; SameSite=Lax' +
      (location.protocol === 'https:' ? '; Secure' : '');
  }
  function setCookies() {
    if (cookiesSet || !configured || !analyticsAllowed()) return;
    cookiesSet = true;
    var now = Math.floor(Date.now() / 1000);
    var clientId = Math.floor(Math.random() * 2147483647) + '.' + now;
    setCookie('_ga', 'GA1.1.' + clientId, 63072000);
    setCookie('_ga_' + id.replace(/^G-/, ''), 'GS1.1.' + now + '.1.0.' + now + '.0.0.0', 63072000);
    setCookie('_gid', 'GA1.1.' + Math.floor(Math.random() * 2147483647) + '.' + now, 86400);
  }
  function gcs() {
    if (!consent) return 'G1--';
    return 'G1' + (consent.ad_storage === 'granted' ? '1' : '0') + (consent.analytics_storage === 'granted' ? '1' : '0');
  }
  function hit(name) {
    var url = 'https://region1.google-analytics.com/g/collect?v=2&tid=' + encodeURIComponent(id) +
      '&en=' + encodeURIComponent(name) + '&gcs=' + gcs() + '&dl=' + encodeURIComponent(location.href);
    try {
      fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include' }).catch(function () {});
    } catch (e) {}
  }
  function isArguments(value) {
    return Object.prototype.toString.call(value) === '[object Arguments]';
  }
  function run(command) {
    if (!isArguments(command)) return;
    var name = command[0];
    if (name === 'consent' && command[2] && typeof command[2] === 'object') {
      consent = consent || {};
      for (var key in command[2]) if (key !== 'wait_for_update' && key !== 'region') consent[key] = command[2][key];
      seen.push({ command: 'consent ' + command[1], consent: snapshot() });
      setCookies();
    } else if (name === 'config') {
      configured = true;
      seen.push({ command: 'config', id: command[1], consent: snapshot() });
      setCookies();
      hit('page_view');
    } else if (name === 'event') {
      seen.push({ command: 'event', name: command[1], consent: snapshot() });
      hit(command[1]);
    }
  }
  for (var i = 0; i < dl.length; i++) run(dl[i]);
  var push = dl.push;
  dl.push = function () {
    var result = push.apply(dl, arguments);
    for (var j = 0; j < arguments.length; j++) run(arguments[j]);
    return result;
  };
})();
