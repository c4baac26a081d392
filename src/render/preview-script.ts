/**
 * The HTML preview's behaviour, as browser JavaScript inlined into the page (no modules, no network):
 * fit on load, drag to pan, wheel and +/- to zoom around the pointer or the centre, 0 to fit, arrow keys
 * to pan, `/` to search tables, and hovering a table highlights its relations.
 */
export const PREVIEW_SCRIPT = String.raw`(function () {
  'use strict';
  var canvas = document.getElementById('s2m-canvas');
  var svg = canvas.querySelector('svg');
  var viewport = svg.querySelector('.s2m-viewport');
  var zoomLabel = document.getElementById('s2m-zoom');
  var search = document.getElementById('s2m-search');
  var box = svg.viewBox.baseVal;
  var content = { x: box.x, y: box.y, width: box.width, height: box.height };
  var MIN_ZOOM = 0.03;
  var MAX_ZOOM = 4;
  var FIT_MAX_ZOOM = 1.25;
  var GRID = 24;
  var view = { k: 1, x: 0, y: 0 };

  // The page owns the view from here on: the SVG fills the canvas and the viewport group carries the transform.
  svg.removeAttribute('viewBox');
  svg.setAttribute('width', '100%');
  svg.setAttribute('height', '100%');

  function clamp(v, lo, hi) { return Math.min(hi, Math.max(lo, v)); }
  function fixed(v) { return (Math.round(v * 1000) / 1000).toString(); }
  function size() { var r = canvas.getBoundingClientRect(); return { w: r.width, h: r.height, left: r.left, top: r.top }; }

  function apply() {
    viewport.setAttribute('transform', 'translate(' + fixed(view.x) + ' ' + fixed(view.y) + ') scale(' + fixed(view.k) + ')');
    zoomLabel.textContent = Math.round(view.k * 100) + '%';
    // The dot grid follows the view but never packs tighter than 12 px, or zoomed out it turns into grey fog.
    var grid = GRID * view.k;
    while (grid < 12) grid *= 2;
    canvas.style.backgroundSize = grid + 'px ' + grid + 'px';
    canvas.style.backgroundPosition = view.x + 'px ' + view.y + 'px';
  }
  function fit() {
    var s = size();
    if (s.w <= 0 || s.h <= 0) return;
    var k = clamp(Math.min(s.w / content.width, s.h / content.height), MIN_ZOOM, FIT_MAX_ZOOM);
    view.k = k;
    view.x = (s.w - content.width * k) / 2 - content.x * k;
    view.y = (s.h - content.height * k) / 2 - content.y * k;
    apply();
  }
  function zoomAt(factor, px, py) {
    var k = clamp(view.k * factor, MIN_ZOOM, MAX_ZOOM);
    var f = k / view.k;
    view.x = px - (px - view.x) * f;
    view.y = py - (py - view.y) * f;
    view.k = k;
    apply();
  }
  function zoomCentre(factor) { var s = size(); zoomAt(factor, s.w / 2, s.h / 2); }
  function pan(dx, dy) { view.x += dx; view.y += dy; apply(); }
  function centreOn(el) {
    var b = el.getBBox();
    var s = size();
    view.k = clamp(Math.max(view.k, 0.9), MIN_ZOOM, MAX_ZOOM);
    view.x = s.w / 2 - (b.x + b.width / 2) * view.k;
    view.y = s.h / 2 - (b.y + b.height / 2) * view.k;
    apply();
  }

  canvas.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var unit = ev.deltaMode === 1 ? 16 : ev.deltaMode === 2 ? 400 : 1;
    var s = size();
    zoomAt(Math.exp(-ev.deltaY * unit * 0.0015), ev.clientX - s.left, ev.clientY - s.top);
  }, { passive: false });

  var drag = null;
  canvas.addEventListener('pointerdown', function (ev) {
    if (ev.button !== 0) return;
    drag = { id: ev.pointerId, x: ev.clientX, y: ev.clientY, startX: ev.clientX, startY: ev.clientY, target: ev.target };
    canvas.setPointerCapture(ev.pointerId);
    canvas.classList.add('s2m-dragging');
    canvas.focus();
  });
  canvas.addEventListener('pointermove', function (ev) {
    if (drag === null || ev.pointerId !== drag.id) return;
    pan(ev.clientX - drag.x, ev.clientY - drag.y);
    drag.x = ev.clientX;
    drag.y = ev.clientY;
  });
  function endDrag(ev) {
    if (drag === null || ev.pointerId !== drag.id) return;
    var clicked = Math.abs(ev.clientX - drag.startX) + Math.abs(ev.clientY - drag.startY) < 4 ? drag.target : null;
    drag = null;
    canvas.classList.remove('s2m-dragging');
    // A click on a reference box goes to the table it stands for.
    var reference = clicked && clicked.closest ? clicked.closest('[data-reference-to]') : null;
    if (reference && ev.type === 'pointerup') {
      var target = svg.querySelector('.s2m-table[data-table-id="' + CSS.escape(reference.getAttribute('data-reference-to')) + '"]');
      if (target) centreOn(target);
    }
  }
  canvas.addEventListener('pointerup', endDrag);
  canvas.addEventListener('pointercancel', endDrag);

  document.addEventListener('keydown', function (ev) {
    if (ev.target === search) {
      if (ev.key === 'Escape') { search.value = ''; highlightMatches(''); search.blur(); }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var step = ev.shiftKey ? 320 : 80;
    switch (ev.key) {
      case '+': case '=': zoomCentre(1.25); break;
      case '-': case '_': zoomCentre(0.8); break;
      case '0': fit(); break;
      case 'ArrowLeft': pan(step, 0); break;
      case 'ArrowRight': pan(-step, 0); break;
      case 'ArrowUp': pan(0, step); break;
      case 'ArrowDown': pan(0, -step); break;
      case '/': search.focus(); break;
      default: return;
    }
    ev.preventDefault();
  });

  Array.prototype.forEach.call(document.querySelectorAll('[data-action]'), function (button) {
    button.addEventListener('click', function () {
      var action = button.getAttribute('data-action');
      if (action === 'zoom-in') zoomCentre(1.25);
      else if (action === 'zoom-out') zoomCentre(0.8);
      else fit();
    });
  });

  // Hovering a table brings its relations forward and fades the rest.
  var tables = Array.prototype.slice.call(svg.querySelectorAll('.s2m-table'));
  var connectors = Array.prototype.slice.call(svg.querySelectorAll('.s2m-connector'));
  var lit = [];
  function clearFocus() {
    lit.forEach(function (el) { el.classList.remove('s2m-hl'); });
    lit = [];
    svg.classList.remove('s2m-focus');
  }
  svg.addEventListener('pointerover', function (ev) {
    if (drag !== null) return;
    var table = ev.target.closest ? ev.target.closest('.s2m-table') : null;
    clearFocus();
    if (table === null) return;
    var id = table.getAttribute('data-table-id');
    connectors.forEach(function (c) {
      if (c.getAttribute('data-from') === id || c.getAttribute('data-to') === id) { c.classList.add('s2m-hl'); lit.push(c); }
    });
    table.classList.add('s2m-hl');
    lit.push(table);
    svg.classList.add('s2m-focus');
  });
  svg.addEventListener('pointerleave', clearFocus);

  // Search: matching tables stay bright, Enter centres the next match.
  var matches = [];
  var matchIndex = -1;
  function highlightMatches(query) {
    var q = query.trim().toLowerCase();
    matches = [];
    matchIndex = -1;
    tables.forEach(function (t) {
      var hit = q !== '' && t.getAttribute('data-table-id').toLowerCase().indexOf(q) !== -1;
      t.classList.toggle('s2m-match', hit);
      if (hit) matches.push(t);
    });
    svg.classList.toggle('s2m-searching', q !== '');
  }
  search.addEventListener('input', function () { highlightMatches(search.value); });
  search.addEventListener('keydown', function (ev) {
    if (ev.key !== 'Enter' || matches.length === 0) return;
    matchIndex = (matchIndex + 1) % matches.length;
    centreOn(matches[matchIndex]);
  });

  window.addEventListener('resize', function () { if (!canvas.hasAttribute('data-moved')) fit(); });
  canvas.addEventListener('pointerdown', function () { canvas.setAttribute('data-moved', ''); });
  fit();
})();
`;
