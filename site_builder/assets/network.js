/* Golden Thread network view: draws the JSON embedded in the page with the vendored vis-network.
 *
 * Plan text arrives as JSON (never HTML); vis-network shows string tooltips as text, and this
 * script only ever sets textContent and attributes, never innerHTML.
 * The layout is seeded, settles once, then physics is switched off so nothing keeps moving, and
 * the whole view is fitted into its box (never a zoomed crop).
 * A click (or Enter on the keyboard-selected item) opens the item's page in the whole window,
 * through a real link with target="_top": unlike window.top.location.assign, that is allowed
 * from a frame opened from disk (file://), where every file is an origin of its own.
 * Pointing at an item (or selecting it with the keyboard) picks out its neighbours; an address
 * ending in #<item ID> picks out that item's thread (up to the vision, out to the plans and
 * leads). The key ticks show or hide kinds and RAG ratings; a button switches between the
 * radial layout and a top-down one (both computed when the site is built).
 * For tests and for the curious: window.gtNetwork is the vis Network, and
 * <html data-gt-network="ready"> is set once the layout has settled.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("gt-network-data").textContent);
  var container = document.getElementById("gt-network");
  var status = document.getElementById("gt-network-status");
  var counts = document.getElementById("gt-network-counts");
  var openLine = document.getElementById("gt-network-open");
  var openLink = document.getElementById("gt-network-open-link");
  var layoutButton = document.getElementById("gt-layout-toggle");
  var legend = document.getElementById("gt-legend");
  var filters = document.getElementById("gt-filters");
  var framed = window.top !== window;

  var byId = Object.create(null);
  data.nodes.forEach(function (node) { byId[node.id] = node; });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.gtNetwork = network;
  var order = data.nodes.map(function (node) { return node.id; });
  var selected = -1;
  var radial = null;     // positions of the radial layout once settled
  var topDown = false;
  var resting = null;    // what stays picked out when the pointer leaves an item

  // Full size: the site's header and the title show; in a frame: "Open full size" shows instead.
  document.querySelectorAll(framed ? "[data-gt-full-only]" : "[data-gt-framed-only]").forEach(function (el) {
    if (el.tagName === "H1") { el.className += " gt-visually-hidden"; } else { el.hidden = true; }
  });
  // A phone keeps the diagram's height for the diagram: the key starts folded.
  if (legend && window.matchMedia && window.matchMedia("(max-width: 600px)").matches) { legend.open = false; }

  // -- opening an item in the whole window ---------------------------------------------------
  function open(id) {
    var node = byId[id];
    if (!node || !node.href) { return; }
    var link = document.createElement("a");
    link.href = node.href;
    link.target = "_top";
    link.rel = "noopener";
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // -- neighbours and threads ----------------------------------------------------------------
  var outgoing = Object.create(null), incoming = Object.create(null);
  data.edges.forEach(function (edge) {
    (outgoing[edge.from] = outgoing[edge.from] || []).push(edge.to);
    (incoming[edge.to] = incoming[edge.to] || []).push(edge.from);
  });
  function neighbours(id) {
    var found = Object.create(null);
    found[id] = true;
    (outgoing[id] || []).concat(incoming[id] || []).forEach(function (other) { found[other] = true; });
    return found;
  }
  // An item's thread: everything above it (edges point up: "is part of", "serves", "is led by"),
  // what is directly part of it, and the operational plans serving the thread with their leads.
  function thread(id) {
    var found = neighbours(id), seen = Object.create(null), queue = [id];
    seen[id] = true;
    while (queue.length) {
      (outgoing[queue.shift()] || []).forEach(function (up) {
        if (!seen[up]) { seen[up] = true; found[up] = true; queue.push(up); }
      });
    }
    Object.keys(found).forEach(function (node) {
      (incoming[node] || []).forEach(function (source) {
        if (byId[source] && byId[source].kind === "operational_plan") {
          found[source] = true;
          (outgoing[source] || []).forEach(function (lead) { found[lead] = true; });
        }
      });
    });
    return found;
  }
  function pickOut(set) {
    nodes.update(data.nodes.map(function (node) {
      return { id: node.id, opacity: !set || set[node.id] ? 1 : 0.18 };
    }));
    edges.update(data.edges.map(function (edge) {
      var lit = !set || (set[edge.from] && set[edge.to]);
      var color = edge.color.color;
      return { id: edge.id, color: { color: color, highlight: color, hover: color, opacity: lit ? 1 : 0.12 } };
    }));
  }

  // -- filters -------------------------------------------------------------------------------
  function applyFilters() {
    if (!filters) { return; }
    var off = Object.create(null);
    filters.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      if (!box.checked) { off[box.name + ":" + box.value] = true; }
    });
    var shown = 0;
    nodes.update(data.nodes.map(function (node) {
      var rag = node.rag === undefined ? null : (node.rag || "none");
      var hidden = Boolean(off["kind:" + node.kind] || (rag !== null && off["rag:" + rag]));
      if (!hidden) { shown += 1; }
      return { id: node.id, hidden: hidden };
    }));
    counts.textContent = shown === data.nodes.length
      ? data.nodes.length + " items, " + data.edges.length + " links"
      : shown + " of " + data.nodes.length + " items shown";
  }
  if (filters) {
    filters.addEventListener("change", applyFilters);
    filters.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  // -- layouts -------------------------------------------------------------------------------
  function fit() { network.fit({ animation: false, maxZoomLevel: 1 }); }
  function setLayout(wantTopDown) {
    if (!radial) { return; }
    topDown = wantTopDown;
    data.nodes.forEach(function (node) {
      var at = topDown ? { x: node.tx, y: node.ty } : radial[node.id];
      if (at) { network.moveNode(node.id, at.x, at.y); }
    });
    layoutButton.textContent = topDown ? "Radial layout" : "Top-down layout";
    layoutButton.setAttribute("aria-pressed", topDown ? "true" : "false");
    fit();
  }

  // -- settling ------------------------------------------------------------------------------
  function focusFromAddress() {
    var id = null;
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (error) { id = null; }
    if (!id || !byId[id]) { return; }
    resting = thread(id);
    pickOut(resting);
    network.selectNodes([id]);
    selected = order.indexOf(id);
    describe(byId[id], selected);
  }
  function settled() {
    network.setOptions({ physics: { enabled: false } });
    radial = network.getPositions();
    fit();
    status.textContent = "No item selected.";
    focusFromAddress();
    document.documentElement.setAttribute("data-gt-network", "ready");
  }
  if (data.nodes.length === 0) {
    settled();
  } else {
    network.once("stabilizationIterationsDone", settled);
  }
  window.addEventListener("hashchange", focusFromAddress);

  // -- words for the status line, and a real link to the selected item ------------------------
  function describe(node, position) {
    var text = node.kindLabel + " " + node.id + ": " + node.name;
    if (node.rag !== undefined) { text += " (RAG: " + (node.rag || "no rating") + ")"; }
    text += ". Item " + (position + 1) + " of " + order.length + ".";
    text += node.href ? " Press Enter to open its page." : " It has no page of its own.";
    status.textContent = text;
    if (node.href) {
      openLink.href = node.href;
      openLink.textContent = "Open: " + node.name;
      openLine.hidden = false;
    } else {
      openLine.hidden = true;
    }
  }

  function select(index) {
    selected = (index + order.length) % order.length;
    var node = byId[order[selected]];
    network.selectNodes([node.id]);
    network.focus(node.id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    resting = neighbours(node.id);
    pickOut(resting);
    describe(node, selected);
  }

  network.on("click", function (params) {
    if (params.nodes.length === 1) { open(params.nodes[0]); }
  });
  network.on("hoverNode", function (params) {
    container.style.cursor = byId[params.node] && byId[params.node].href ? "pointer" : "default";
    pickOut(neighbours(params.node));
  });
  network.on("blurNode", function () {
    container.style.cursor = "default";
    pickOut(resting);
  });

  function zoom(factor) {
    network.moveTo({ scale: network.getScale() * factor, animation: false });
  }

  container.addEventListener("keydown", function (event) {
    if (order.length === 0) { return; }
    var handled = true;
    switch (event.key) {
      case "ArrowRight": case "ArrowDown": select(selected + 1); break;
      case "ArrowLeft": case "ArrowUp": select(selected < 0 ? -1 : selected - 1); break;
      case "Home": select(0); break;
      case "End": select(order.length - 1); break;
      case "Enter": if (selected >= 0) { open(order[selected]); } break;
      case "+": case "=": zoom(1.25); break;
      case "-": case "_": zoom(0.8); break;
      case "0": fit(); break;
      case "Escape":
        network.unselectAll(); selected = -1; resting = null; pickOut(null); openLine.hidden = true;
        status.textContent = "No item selected."; break;
      default: handled = false;
    }
    if (handled) { event.preventDefault(); }
  });

  document.querySelectorAll("[data-gt-action]").forEach(function (button) {
    button.addEventListener("click", function () {
      var action = button.getAttribute("data-gt-action");
      if (action === "zoom-in") { zoom(1.25); }
      if (action === "zoom-out") { zoom(0.8); }
      if (action === "fit") { fit(); }
      if (action === "layout") { setLayout(!topDown); }
    });
  });
})();
