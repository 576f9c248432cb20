// A tiny client-side router, standing in for an SPA framework: each route's content is built with DOM
// calls after the page has loaded, including a gated Vimeo embed and Vimeo's gated player API script.
// The page does not call Crumbs: Crumbs notices the new elements itself and gates them like the rest.
(function () {
  'use strict';

  var EVENTS = [
    { date: '2025-03-08', title: 'Seed swap and potting morning', text: 'Bring spare seed, take home seedlings.' },
    { date: '2025-04-12', title: 'Fruit tree pruning workshop', text: 'Hands-on, with the orchard team. Gloves provided.' },
    { date: '2025-06-21', title: 'Midsummer open day', text: 'Garden tours, the tool library and cake.' },
  ];

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.append(child);
    });
    return node;
  }

  function upcoming() {
    return [
      el('h2', {}, ['Upcoming events']),
      el(
        'ul',
        { class: 'cards' },
        EVENTS.map(function (event) {
          return el('li', { class: 'card' }, [
            el('h3', {}, [event.title]),
            el('p', {}, [el('time', { datetime: event.date }, [new Date(event.date + 'T12:00:00Z').toDateString()])]),
            el('p', {}, [event.text]),
          ]);
        }),
      ),
    ];
  }

  function openDay() {
    // Written as a site would: data-src and type="text/plain" instead of src and a live script.
    var player = el('iframe', {
      'data-consent': 'vimeo',
      'data-src': 'https://player.vimeo.com/video/76979871',
      width: '640',
      height: '360',
      title: 'Video: open day 2024, the composting talk (Vimeo)',
      allow: 'autoplay; fullscreen; picture-in-picture',
    });
    var api = el('script', {
      type: 'text/plain',
      'data-consent': 'vimeo',
      src: 'https://player.vimeo.com/api/player.js',
    });
    return [
      el('h2', {}, ['Open day 2024: the recording']),
      el('p', {}, ['Our head gardener on hot composting, recorded at the open day in June.']),
      el('figure', { class: 'video' }, [player, el('figcaption', {}, ['Recording of the composting talk (hosted on Vimeo).'])]),
      api,
    ];
  }

  var routes = { '/': upcoming, '/open-day': openDay };

  function render() {
    var app = document.getElementById('app');
    var path = location.hash.replace(/^#/, '') || '/';
    var view = (routes[path] || upcoming)();
    app.replaceChildren.apply(app, view);
    document.querySelectorAll('.subnav a').forEach(function (link) {
      if (link.getAttribute('href') == '#' + path) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    });
  }

  window.addEventListener('hashchange', render);
  // Rendered a moment after load, as a framework would after fetching data.
  window.addEventListener('load', function () {
    setTimeout(render, 50);
  });
})();
