// Shared by every stand-in (prepended by the route handler): records that a vendor script ran.
// window.__vendorsRan lists runs in order; window.__vendorRuns counts them by name.
window.__crumbsTestRecord = window.__crumbsTestRecord || function (name) {
  (window.__vendorsRan = window.__vendorsRan || []).push(name);
  var runs = (window.__vendorRuns = window.__vendorRuns || {});
  runs[name] = (runs[name] || 0) + 1;
};
