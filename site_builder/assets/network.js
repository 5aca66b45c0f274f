/* Golden Thread network view: draws the JSON embedded in the page with the vendored vis-network.
 *
 * Plan text arrives as JSON (never HTML) and vis-network shows string tooltips as text.
 * The layout is seeded, settles once, then physics is switched off so nothing keeps moving.
 * A click (or Enter on the keyboard-selected item) opens the item's page in the top window.
 * A view too crowded to read at full size starts zoomed in on its root item (data.root).
 * For tests and for the curious: window.gtNetwork is the vis Network, and
 * <html data-gt-network="ready"> is set once the layout has settled.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("gt-network-data").textContent);
  var container = document.getElementById("gt-network");
  var status = document.getElementById("gt-network-status");
  var nodes = data.nodes;
  var byId = {};
  nodes.forEach(function (node) { byId[node.id] = node; });
  var network = new vis.Network(container, { nodes: nodes, edges: data.edges }, data.options);
  window.gtNetwork = network;
  var selected = -1;

  // "Open full size" only makes sense inside the page that embeds the view.
  if (window.top === window) {
    document.querySelectorAll("[data-gt-framed-only]").forEach(function (el) { el.hidden = true; });
  }

  // Below this zoom even the big labels of a crowded view cannot be read (the bundled plan's whole
  // view fits at about 0.19; a group of 200 priorities at about 0.1): such a view starts on its
  // root instead ("Show all" or 0 still shows the whole of it).
  var READABLE_SCALE = 0.17;

  function settled() {
    network.setOptions({ physics: { enabled: false } });
    network.fit({ animation: false, maxZoomLevel: 1 });
    if (data.root && byId[data.root] && network.getScale() < READABLE_SCALE) {
      network.focus(data.root, { scale: 0.6, animation: false });
    }
    status.textContent = "No item selected.";
    document.documentElement.setAttribute("data-gt-network", "ready");
  }
  if (nodes.length === 0) {
    settled();
  } else {
    network.once("stabilizationIterationsDone", settled);
  }

  function open(id) {
    var node = byId[id];
    if (!node || !node.href) { return; }
    var url = new URL(node.href, document.baseURI).href;
    try {
      window.top.location.assign(url);
    } catch (error) {  // a top window we may not steer (e.g. another origin): open it here instead
      window.location.assign(url);
    }
  }

  function describe(node, position) {
    var text = node.kindLabel + " " + node.id + ": " + node.name;
    if (node.rag !== undefined) { text += " (RAG: " + (node.rag || "no rating") + ")"; }
    text += ". Item " + (position + 1) + " of " + nodes.length + ".";
    text += node.href ? " Press Enter to open its page." : " It has no page of its own.";
    return text;
  }

  function select(index) {
    selected = (index + nodes.length) % nodes.length;
    var node = nodes[selected];
    network.selectNodes([node.id]);
    network.focus(node.id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    status.textContent = describe(node, selected);
  }

  network.on("click", function (params) {
    if (params.nodes.length === 1) { open(params.nodes[0]); }
  });
  network.on("hoverNode", function (params) {
    container.style.cursor = byId[params.node] && byId[params.node].href ? "pointer" : "default";
  });
  network.on("blurNode", function () { container.style.cursor = "default"; });

  function zoom(factor) {
    network.moveTo({ scale: network.getScale() * factor, animation: false });
  }

  container.addEventListener("keydown", function (event) {
    if (nodes.length === 0) { return; }
    var handled = true;
    switch (event.key) {
      case "ArrowRight": case "ArrowDown": select(selected + 1); break;
      case "ArrowLeft": case "ArrowUp": select(selected < 0 ? -1 : selected - 1); break;
      case "Home": select(0); break;
      case "End": select(nodes.length - 1); break;
      case "Enter": if (selected >= 0) { open(nodes[selected].id); } break;
      case "+": case "=": zoom(1.25); break;
      case "-": case "_": zoom(0.8); break;
      case "0": network.fit({ animation: false, maxZoomLevel: 1 }); break;
      case "Escape":
        network.unselectAll(); selected = -1; status.textContent = "No item selected."; break;
      default: handled = false;
    }
    if (handled) { event.preventDefault(); }
  });

  document.querySelectorAll("[data-gt-action]").forEach(function (button) {
    button.addEventListener("click", function () {
      var action = button.getAttribute("data-gt-action");
      if (action === "zoom-in") { zoom(1.25); }
      if (action === "zoom-out") { zoom(0.8); }
      if (action === "fit") { network.fit({ animation: false, maxZoomLevel: 1 }); }
    });
  });
})();
