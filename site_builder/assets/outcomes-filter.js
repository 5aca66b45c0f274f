/* Golden Thread: filters, sorting and CSV download for the outcomes dashboard.
 *
 * The dashboard is a complete table without this script. The script shows the filter form
 * (hidden in the HTML, so no dead controls appear without JavaScript) and hides the rows
 * that do not match. It reads only the data-* attributes the site generator wrote on each
 * row (data-rag, data-priority, data-action; data-plan and data-lead hold space-separated
 * IDs; data-timescale space-separated tokens such as "overdue due-2021-03"), and it only
 * ever sets text, never HTML. The choices are kept in the address
 * (#rag=red&priority=LP1) so a filtered view can be bookmarked or shared.
 *
 * Column headers become buttons that sort the rows (again for a descending order), and
 * "Download these rows" saves the rows shown as CSV, every cell that starts with = + - @
 * (or a tab or carriage return) prefixed with ' so a spreadsheet reads it as text, as the
 * site's traceability.csv does.
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

    function cellText(cell) {
      // the cell's words, without its "Trace <id>" link (the ID has its own column in the CSV)
      var text = "";
      Array.prototype.forEach.call(cell.childNodes, function (node) {
        if (!(node.classList && node.classList.contains("gt-trace-link"))) {
          text += node.textContent;
        }
      });
      // runs of spacing as one space; a zero-width no-break space (U+FEFF, which JavaScript counts as
      // spacing) is plan text and stays
      return text.replace(/[^\S\ufeff]+/g, " ").replace(/^ | $/g, "");
    }

    function sortKey(row, header, index) {
      var how = header.getAttribute("data-sort");
      if (how === "rag") {
        return ("00" + row.getAttribute("data-rank")).slice(-3);
      }
      if (how === "due") {
        return (row.getAttribute("data-due") || "9999-99") + cellText(row.cells[index]).toLowerCase();
      }
      return cellText(row.cells[index]).toLowerCase();
    }

    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (header, index) {
      if (!header.getAttribute("data-sort")) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "gt-sort";
      button.textContent = header.textContent;
      header.textContent = "";
      header.appendChild(button);
      button.addEventListener("click", function () {
        var descending = header.getAttribute("aria-sort") === "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var keyed = rows.map(function (row, position) {
          return { row: row, key: sortKey(row, header, index), position: position };
        });
        keyed.sort(function (a, b) {
          if (a.key === b.key) {
            return a.position - b.position;
          }
          return (a.key < b.key ? -1 : 1) * (descending ? -1 : 1);
        });
        var body = table.tBodies[0];
        keyed.forEach(function (item) { body.appendChild(item.row); });
        rows = keyed.map(function (item) { return item.row; });
      });
    });

    function csvCell(value) {
      var text = value === undefined || value === null ? "" : String(value);
      if (/^[=+\-@\t\r]/.test(text)) {
        text = "'" + text;
      }
      return /[",\n\r]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
    }

    function csvText() {
      var lines = [["outcome_id", "outcome", "priority", "operational_plans", "leads", "timescale", "rag"]];
      rows.forEach(function (row) {
        if (row.hidden) {
          return;
        }
        lines.push([row.id, cellText(row.cells[1]), cellText(row.cells[2]), cellText(row.cells[3]),
                    cellText(row.cells[4]), cellText(row.cells[5]), cellText(row.cells[0])]);
      });
      return lines.map(function (line) { return line.map(csvCell).join(","); }).join("\n") + "\n";
    }
    window.goldenThreadDashboardCsv = csvText; // for tests and for anyone who wants the text itself

    var download = document.getElementById("gt-download-csv");
    if (download) {
      download.addEventListener("click", function () {
        var blob = new Blob(["\ufeff" + csvText()], { type: "text/csv;charset=utf-8" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = "outcomes.csv";
        document.body.appendChild(link);
        link.click();
        window.setTimeout(function () {
          URL.revokeObjectURL(link.href);
          link.remove();
        }, 0);
      });
    }

    selects.forEach(function (select) { select.addEventListener("change", apply); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    restore();
    apply();
  }

  /* The trace index: a box that hides the rows not containing what is typed (any column). */
  function setUpTextFilter() {
    var form = document.getElementById("gt-text-filter");
    var table = form && document.getElementById(form.getAttribute("data-table"));
    if (!form || !table || form.getAttribute("data-ready")) {
      return;
    }
    form.setAttribute("data-ready", "true");
    var input = document.getElementById("gt-text-filter-input");
    var count = document.getElementById("gt-text-filter-count");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return row.textContent.replace(/\s+/g, " ").toLowerCase(); });
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var visible = words.every(function (word) { return texts[i].indexOf(word) !== -1; });
        row.hidden = !visible;
        shown += visible ? 1 : 0;
      });
      count.textContent = words.length ? "Showing " + shown + " of " + rows.length + " outcomes." : "";
    }
    input.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
  }

  /* Trace pages: a button that copies the page's address, for an audit trail or an e-mail. */
  function setUpCopyLink() {
    var button = document.querySelector("[data-copy-link]");
    if (!button || button.getAttribute("data-ready")) {
      return;
    }
    button.setAttribute("data-ready", "true");
    var status = document.getElementById("gt-copy-status");
    function said(text) {
      if (status) {
        status.textContent = text;
      }
    }
    function fallback(address) {
      var box = document.createElement("textarea");
      box.value = address;
      box.setAttribute("readonly", "");
      box.style.position = "absolute";
      box.style.left = "-9999px";
      document.body.appendChild(box);
      box.select();
      var done = false;
      try {
        done = document.execCommand("copy");
      } catch (error) {
        done = false;
      }
      box.remove();
      said(done ? "Link copied." : "Copy this address: " + address);
    }
    button.addEventListener("click", function () {
      var address = window.location.href.split("#")[0];
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(address).then(function () { said("Link copied."); },
                                                    function () { fallback(address); });
      } else {
        fallback(address);
      }
    });
    button.hidden = false;
  }

  function setUpAll() {
    setUp();
    setUpTextFilter();
    setUpCopyLink();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
}());
