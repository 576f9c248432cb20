// Google tag configuration: the inline part of Google's official gtag.js snippet, as a file so that
// a strict Content-Security-Policy (no 'unsafe-inline') allows it. Gated on "google-analytics".
window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);}
gtag('js', new Date());

gtag('config', 'G-7RQ2D5KCMX');
