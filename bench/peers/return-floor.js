// Not a widget: the least a consent manager can do on a returning page view of the bench's page,
// written by hand for this page alone, as the floor of "returning: own script time". It does the
// duties Crumbs does there, and nothing else: it reads the inventory (the same inline JSON) and the
// stored choice; once the page is parsed and its first contentful paint is in, it deletes the declared cookies
// of the services not granted, draws a settings button, and puts a placeholder naming the service
// and category, with "Load once" and "Always allow", in place of the blocked embed. Both in shadow
// roots, as a widget must (page CSS must not reach them); no validation, no API, no languages, no
// Consent Mode, no SVG icon. No real widget can do less and still do its job on this page.
(function () {
  var inventory = JSON.parse(document.getElementById('crumbs-inventory').textContent);
  // The cookies as Crumbs reads them where no Google tag needs them before the first paint: through
  // the Cookie Store API, which does not block (the first document.cookie read of a page does).
  var store = window.cookieStore;
  var fromDocument = function () {
    return document.cookie.split('; ').map(function (pair) {
      return { name: pair.split('=')[0], value: pair.slice(pair.indexOf('=') + 1) };
    });
  };
  var listed = store && store.getAll ? store.getAll().catch(fromDocument) : Promise.resolve(fromDocument());
  var parsed = new Promise(function (resolve) {
    document.addEventListener('DOMContentLoaded', resolve);
  });
  // Its work waits for the first contentful paint, as Crumbs' engine does: nothing it draws is needed
  // for that paint, so its first-paint figure is what its synchronous part costs.
  var painted = new Promise(function (resolve) {
    new PerformanceObserver(function (list) {
      if (list.getEntriesByName('first-contentful-paint').length) resolve();
    }).observe({ type: 'paint', buffered: true });
  });
  var granted = [];
  var isGranted = function (service) {
    return service.category === 'necessary' || granted.indexOf(service.category) >= 0;
  };
  var shadow = function (host, css) {
    var root = host.attachShadow({ mode: 'open' });
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return root;
  };
  var button = function (parent, text, onClick) {
    var b = parent.appendChild(document.createElement('button'));
    b.textContent = text;
    b.onclick = onClick;
    return b;
  };
  Promise.all([listed, parsed, painted]).then(function (results) {
    var names = results[0].map(function (cookie) {
      if (cookie.name === 'floor_consent') granted = decodeURIComponent(cookie.value).split(',');
      return cookie.name;
    });
    inventory.services.forEach(function (service) {
      if (isGranted(service)) return;
      (service.cookies || []).forEach(function (cookie) {
        var pattern = new RegExp('^' + cookie.name.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\{[^}]*\}/g, '.+') + '$');
        names.forEach(function (name) {
          if (pattern.test(name)) document.cookie = name + '=; max-age=0; path=/';
        });
      });
    });
    var host = document.body.appendChild(document.createElement('div'));
    var settings = button(shadow(host, 'button{position:fixed;bottom:16px;left:16px;z-index:2147483000;width:44px;height:44px;border-radius:50%;border:2px solid #fff;background:#1f4fd1;color:#fff}'), 'C', function () {});
    settings.setAttribute('aria-label', 'Cookie settings');
    var byId = {};
    inventory.services.forEach(function (service) {
      byId[service.id] = service;
    });
    document.querySelectorAll('iframe[data-consent][data-src]').forEach(function (embed) {
      var service = byId[embed.getAttribute('data-consent')];
      if (!service || isGranted(service)) return;
      var holder = document.createElement('div');
      holder.style.setProperty('aspect-ratio', embed.getAttribute('width') + ' / ' + embed.getAttribute('height'));
      var root = shadow(holder, ':host{display:flex;align-items:center;justify-content:center;background:#eee;font:16px system-ui}div{text-align:center}');
      var box = root.appendChild(document.createElement('div'));
      box.appendChild(document.createElement('p')).textContent = service.name + ' (' + service.category + ') is blocked until you allow it.';
      button(box, 'Load once', function () {
        embed.style.removeProperty('display');
        embed.src = embed.getAttribute('data-src');
        holder.remove();
      });
      button(box, 'Always allow ' + service.name, function () {});
      embed.style.setProperty('display', 'none', 'important');
      embed.before(holder);
    });
  });
})();
