// Stand-in for https://www.googletagmanager.com/gtm.js?id=GTM-XXXX (Google Tag Manager), reading
// window.dataLayer the way GTM does where the tests look:
// - processes the messages already queued, then those pushed later (it replaces dataLayer.push);
// - `arguments` objects are gtag commands: `consent default` / `consent update` change its Consent
//   Mode state (plain arrays are not gtag commands and are ignored, as gtag.js does);
// - plain objects are merged into its data layer model (what a Data Layer Variable reads); one with an
//   `event` key fires that Custom Event, recorded with the model's crumbs_categories/crumbs_services
//   and the consent state at that moment.
// Everything it sees goes to window.__gtmSeen, in order, each entry saying whether it was already
// queued when GTM started ('queued') or pushed afterwards ('pushed').
(function () {
  var w = window, d = document;
  w.__crumbsTestRecord('gtm.js');
  var src = (d.currentScript && d.currentScript.src) || '';
  var containerId = decodeURIComponent((/[?&]id=([^&]+)/.exec(src) || [])[1] || 'GTM-UNKNOWN');
  var dl = (w.dataLayer = w.dataLayer || []);
  var seen = (w.__gtmSeen = w.__gtmSeen || []);
  w.__gtmContainer = containerId;
  var consent = null;
  var model = {};

  function copy(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  }
  function isArguments(value) {
    return Object.prototype.toString.call(value) === '[object Arguments]';
  }
  function process(message, phase) {
    if (isArguments(message)) {
      if (message[0] === 'consent' && message[2] && typeof message[2] === 'object') {
        consent = consent || {};
        for (var key in message[2]) if (key !== 'wait_for_update' && key !== 'region') consent[key] = message[2][key];
        seen.push({ type: 'consent', command: message[1], args: copy(message[2]), consent: copy(consent), phase: phase });
      } else if (message[0] === 'set') {
        seen.push({ type: 'set', key: message[1], value: copy(message[2]), phase: phase });
      }
      return;
    }
    if (!message || typeof message !== 'object' || Array.isArray(message)) return;
    for (var name in message) if (name !== 'event') model[name] = copy(message[name]);
    if (typeof message.event === 'string') {
      seen.push({
        type: 'event',
        event: message.event,
        crumbs_categories: copy(model.crumbs_categories),
        crumbs_services: copy(model.crumbs_services),
        consent: copy(consent),
        phase: phase,
      });
    }
  }
  for (var i = 0; i < dl.length; i++) process(dl[i], 'queued');
  var push = dl.push;
  dl.push = function () {
    var result = push.apply(dl, arguments);
    for (var j = 0; j < arguments.length; j++) process(arguments[j], 'pushed');
    return result;
  };
})();
