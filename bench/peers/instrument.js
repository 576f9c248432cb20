// Injected before any page script (Playwright addInitScript), top frame only. Records into
// window.__bench: first-contentful-paint, long tasks, layout shifts, the first frame in which the
// widget's banner is visible, and the first trusted click. `__BANNER__` is replaced by a function
// expression that returns the banner element or null.
(() => {
  if (window !== window.top) return;
  const findBanner = __BANNER__;
  const bench = (window.__bench = { fcp: null, longTasks: [], shifts: [], banner: null, click: null, frames: 0 });
  const observe = (type, onEntry) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({ type, buffered: true });
    } catch {}
  };
  observe('paint', (e) => {
    if (e.name === 'first-contentful-paint') bench.fcp = e.startTime;
  });
  observe('longtask', (e) =>
    bench.longTasks.push({ start: e.startTime, duration: e.duration, attribution: (e.attribution || []).map((a) => a.containerSrc || a.name) }),
  );
  observe('layout-shift', (e) =>
    bench.shifts.push({ start: e.startTime, value: e.value, hadRecentInput: e.hadRecentInput }),
  );
  addEventListener('click', (e) => {
    if (e.isTrusted && bench.click == null) bench.click = e.timeStamp;
  }, true);

  // The banner's first visible frame: checked in every animation frame from the start until it is
  // visible: a box of non-zero size inside the viewport, and neither it nor an ancestor invisible or
  // at opacity 0 (checkVisibility). The time kept is the callback's own (performance.now()), which
  // the frame's paint follows; not the frame's timestamp, which is when the frame was begun: on a
  // busy main thread, as at 4x CPU, the callback runs up to ~80 ms later, and the banner would have
  // counted as visible before the script that drew it had run (measured: 2026-12-06, bench/README).
  // The same loop runs on every page, the control and returning visits included (where it finds
  // nothing), so that its own cost is the same everywhere.
  const visible = (el) => {
    if (!el || !el.isConnected) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) return false;
    return el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true });
  };
  const frame = (t) => {
    bench.frames++;
    if (bench.banner == null && visible(findBanner())) {
      bench.banner = performance.now();
      // Told through the console, so that the runner need not poll the page: Playwright's
      // waitForFunction injects its script into the page (a 50-100 ms task at 4x CPU) in the very
      // window between the first paint and the banner that is measured.
      console.debug('__bench:banner');
    }
    if (bench.banner == null && t < 20000) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
