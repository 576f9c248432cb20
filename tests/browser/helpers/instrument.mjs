// What every page of the browser suite records for the tests to read back: vendor stand-ins that
// ran, CSP violations, Crumbs' events, and which vendor snippet assigned its global first.

/** Runs in every frame before any page script: records what the tests read back. */
export function instrument() {
  window.__vendorsRan = [];
  window.__vendorRuns = {};
  window.__crumbsTestRecord = function (name) {
    window.__vendorsRan.push(name);
    window.__vendorRuns[name] = (window.__vendorRuns[name] || 0) + 1;
  };
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', function (e) {
    window.__cspViolations.push({
      directive: e.violatedDirective,
      blocked: e.blockedURI,
      source: e.sourceFile,
      line: e.lineNumber,
      sample: e.sample,
    });
  });
  window.__crumbsEvents = [];
  ['ready', 'consent', 'change', 'error'].forEach(function (name) {
    document.addEventListener('crumbs:' + name, function (e) {
      var detail;
      try {
        detail = JSON.parse(JSON.stringify(e.detail === undefined ? null : e.detail));
      } catch (error) {
        detail = String(error);
      }
      window.__crumbsEvents.push({ name: name, detail: detail });
    });
  });
  // The Vimeo player stand-in runs in its own (cross-origin) frame and reports by message.
  window.addEventListener('message', function (e) {
    if (e.data && e.data.crumbsTestVendor) window.__crumbsTestRecord(e.data.crumbsTestVendor);
  });
  if (window !== window.top) return;
  // Which vendor snippet ran, in which order: each official snippet assigns one global first
  // (gtag: dataLayer, Hotjar: _hjSettings, Meta: fbq). The executing script is recorded with it.
  window.__snippetsRan = [];
  [
    ['dataLayer', 'google-analytics'],
    ['_hjSettings', 'hotjar'],
    ['fbq', 'meta-pixel'],
  ].forEach(function (pair) {
    var value;
    Object.defineProperty(window, pair[0], {
      configurable: true,
      enumerable: true,
      get: function () {
        return value;
      },
      set: function (next) {
        var script = document.currentScript;
        window.__snippetsRan.push({ service: pair[1], src: script ? script.src || 'inline' : 'none' });
        value = next;
      },
    });
  });
}

