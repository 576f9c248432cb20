// Stand-in for https://script.hotjar.com/modules.<hash>.js, loaded by the Hotjar script.
window.__crumbsTestRecord('hotjar-modules.js');
