// resilint posture report: the findings filter. The table is complete without this script;
// it only shows the filter form and hides the rows that do not match.
(function () {
  "use strict";
  var form = document.getElementById("filter");
  var table = document.getElementById("findings-table");
  if (!form || !table) {
    return;
  }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows).filter(function (row) {
    return row.id;
  });
  var texts = rows.map(function (row) {
    return row.textContent.toLowerCase();
  });
  var fields = ["level", "area", "rule", "status"];
  var count = document.getElementById("filter-count");
  // Each rule's area, from the page's data block (kept out of the rows to keep them small).
  var areas = JSON.parse(document.getElementById("resilint-areas").textContent);
  // The rule is the second cell's text; a row without data-status is active.
  function value(row, name) {
    if (name === "rule") {
      return row.cells[1].textContent;
    }
    if (name === "area") {
      return areas[row.cells[1].textContent] || "";
    }
    if (name === "status") {
      return row.getAttribute("data-status") || "active";
    }
    return row.getAttribute("data-" + name);
  }

  function apply() {
    var query = document.getElementById("filter-text").value.trim().toLowerCase();
    var wanted = {};
    fields.forEach(function (name) {
      wanted[name] = document.getElementById("filter-" + name).value;
    });
    var shown = 0;
    rows.forEach(function (row, i) {
      var match = !query || texts[i].indexOf(query) !== -1;
      fields.forEach(function (name) {
        if (wanted[name] && value(row, name) !== wanted[name]) {
          match = false;
        }
      });
      row.hidden = !match;
      if (match) {
        shown += 1;
      }
    });
    count.textContent = shown + " of " + rows.length + " findings shown";
  }

  // A link to a finding (from the matrix, a table or the headline) clears a filter hiding it.
  function reveal() {
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (target && target.hidden) {
      form.reset();
      apply();
      target.scrollIntoView();
    }
  }

  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () {
    window.setTimeout(apply, 0);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  window.addEventListener("hashchange", reveal);
  apply();
})();
