// Stand-in for https://player.vimeo.com/api/player.js (Vimeo's player API).
window.__crumbsTestRecord('vimeo-api.js');
window.Vimeo = window.Vimeo || {
  Player: function Player(element) {
    this.element = element;
  },
};
