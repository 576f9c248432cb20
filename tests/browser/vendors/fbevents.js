// Stand-in for https://connect.facebook.net/en_US/fbevents.js: takes over the fbq queue of the
// official snippet, sets _fbp on the site's registrable domain, honours fbq('consent', ...), and sends
// each tracked event to https://www.facebook.com/tr/ as an image request, like the real pixel.
(function () {
  var w = window, d = document;
  w.__crumbsTestRecord('fbevents.js');
  var fbq = w.fbq;
  if (!fbq) return;
  var calls = (w.__fbqCalls = w.__fbqCalls || []);
  var pixels = [];
  var revoked = false;
  function cookieDomain() {
    var host = location.hostname;
    if (host === 'localhost' || /^[\d.]+$/.test(host)) return '';
    return '; domain=.' + host.split('.').slice(-2).join('.');
  }
  function ensureFbp() {
    if (revoked || /(?:^|;\s*)_fbp=/.test(d.cookie)) return;
    d.cookie = '_fbp=fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 2147483647) +
      '; max-age=7776000; path=/' + cookieDomain() + '; SameSite=Lax' + (location.protocol === 'https:' ? '; Secure' : '');
  }
  function send(event) {
    if (revoked) return;
    pixels.forEach(function (id) {
      new Image().src = 'https://www.facebook.com/tr/?id=' + encodeURIComponent(id) + '&ev=' + encodeURIComponent(event) +
        '&dl=' + encodeURIComponent(location.href) + '&rl=&if=false&ts=' + Date.now();
    });
  }
  fbq.callMethod = function () {
    var args = Array.prototype.slice.call(arguments);
    calls.push(args);
    if (args[0] === 'consent') revoked = args[1] === 'revoke';
    else if (args[0] === 'init') {
      pixels.push(String(args[1]));
      ensureFbp();
    } else if (args[0] === 'track' || args[0] === 'trackCustom') send(args[1]);
  };
  var queue = fbq.queue || [];
  fbq.queue = [];
  queue.forEach(function (args) {
    fbq.callMethod.apply(null, args);
  });
})();
