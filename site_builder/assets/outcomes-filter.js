/* Golden Thread: filters for the outcomes dashboard.
 *
 * The dashboard is a complete table without this script. The script shows the filter form
 * (hidden in the HTML, so no dead controls appear without JavaScript) and hides the rows
 * that do not match. It reads only the data-rag, data-priority and data-timescale
 * attributes the site generator wrote on each row (data-timescale holds space-separated
 * tokens such as "overdue due-2021-03"), and it only ever sets text, never HTML.
 * The choices are kept in the address (#rag=red&priority=LP1) so a filtered view can be
 * bookmarked or shared.
 */
(function () {
  "use strict";

  function setUp() {
    var form = document.getElementById("gt-filters");
    var table = document.getElementById("gt-dashboard");
    if (!form || !table || form.getAttribute("data-ready")) {
      return;
    }
    form.setAttribute("data-ready", "true");
    var count = document.getElementById("gt-filter-count");
    var empty = document.getElementById("gt-filter-empty");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);

    function matches(row, select) {
      var wanted = select.value;
      if (!wanted) {
        return true;
      }
      var have = (row.getAttribute("data-" + select.getAttribute("data-filter")) || "").split(" ");
      return have.indexOf(wanted) !== -1;
    }

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = selects.every(function (select) { return matches(row, select); });
        row.hidden = !visible;
        if (visible) {
          shown += 1;
        }
      });
      var filtered = selects.some(function (select) { return select.value; });
      count.textContent = filtered
        ? "Showing " + shown + " of " + rows.length + " outcomes."
        : "Showing all " + rows.length + " outcomes.";
      empty.hidden = shown !== 0;
      var state = selects
        .filter(function (select) { return select.value; })
        .map(function (select) {
          return select.getAttribute("data-filter") + "=" + encodeURIComponent(select.value);
        })
        .join("&");
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", state ? "#" + state : window.location.pathname + window.location.search);
      }
    }

    function restore() {
      var hash = window.location.hash.replace(/^#/, "");
      hash.split("&").forEach(function (pair) {
        var parts = pair.split("=");
        var select = selects.filter(function (s) { return s.getAttribute("data-filter") === parts[0]; })[0];
        if (select && parts.length === 2) {
          var value;
          try {
            value = decodeURIComponent(parts[1]);
          } catch (error) {
            return; // a mangled address: ignore it and show everything
          }
          var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
          if (known) {
            select.value = value;
          }
        }
      });
    }

    selects.forEach(function (select) { select.addEventListener("change", apply); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    restore();
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
}());
