// Meta Pixel Code (official snippet), as a file so that a strict Content-Security-Policy
// (no 'unsafe-inline') allows it. Gated on the "meta-pixel" service. The snippet's <noscript> image
// is left out: it carries a style attribute, and without JavaScript there is no consent either.
!function(f,b,e,v,n,t,s)
{if(f.fbq)return;n=f.fbq=function(){n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)};
if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';
n.queue=[];t=b.createElement(e);t.async=!0;
t.src=v;s=b.getElementsByTagName(e)[0];
s.parentNode.insertBefore(t,s)}(window, document,'script',
'https://connect.facebook.net/en_US/fbevents.js');
fbq('init', '918273645546372');
fbq('track', 'PageView');
