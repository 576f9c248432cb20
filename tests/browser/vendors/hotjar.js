// Stand-in for https://static.hotjar.com/c/hotjar-<site id>.js?sv=6: like the real script it probes
// the most generic cookie domain with _hjTLDTest, then sets its cookies there with the site id in
// their names, uses session storage, and loads its modules from script.hotjar.com.
(function () {
  var w = window, d = document;
  w.__crumbsTestRecord('hotjar.js');
  var siteId = (w._hjSettings && w._hjSettings.hjid) || 0;
  var secure = location.protocol === 'https:' ? '; Secure' : '';
  var labels = location.hostname.split('.');
  var domain = '';
  for (var i = labels.length - 2; i >= 0 && labels.length > 1; i--) {
    var candidate = '.' + labels.slice(i).join('.');
    d.cookie = '_hjTLDTest=1; path=/; domain=' + candidate + '; SameSite=Lax' + secure;
    if (/(?:^|;\s*)_hjTLDTest=1/.test(d.cookie)) {
      d.cookie = '_hjTLDTest=; path=/; domain=' + candidate + '; max-age=0' + secure;
      domain = '; domain=' + candidate;
      break;
    }
  }
  function set(name, value, maxAge) {
    d.cookie = name + '=' + value + (maxAge ? '; max-age=' + maxAge : '') + '; path=/' + domain + '; SameSite=Lax' + secure;
  }
  var now = Date.now();
  var user = { id: 'hj-' + Math.random().toString(16).slice(2), created: now, existing: false };
  set('_hjSessionUser_' + siteId, encodeURIComponent(btoa(JSON.stringify(user))), 31536000);
  set('_hjSession_' + siteId, encodeURIComponent(btoa(JSON.stringify({ id: 's-' + now, c: now, s: 0, r: 0, sb: 0 }))), 1800);
  set('_hjid', user.id, 31536000);
  set('_hjFirstSeen', '1', 1800);
  set('_hjAbsoluteSessionInProgress', '0', 1800);
  set('_hjIncludedInSessionSample', '1', 1800);
  try {
    sessionStorage.setItem('_hjRecordingLastActivity', String(now));
  } catch (e) {}
  var modules = d.createElement('script');
  modules.async = true;
  modules.src = 'https://script.hotjar.com/modules.4f1cb7a9a3e2d0c5b6a8.js';
  d.head.appendChild(modules);
  w.hj = w.hj || function () { (w.hj.q = w.hj.q || []).push(arguments); };
})();
