// Index tables: sort by any column (a button in each header, so keyboards work too) and,
// on long tables, filter rows by a text box. Runs on every page view, instant navigation too.
(function () {
  function cellValue(row, index) {
    var text = (row.cells[index] ? row.cells[index].textContent : "").trim();
    var number = Number(text.replace(/[^0-9.\-]/g, ""));
    return text !== "" && /^[\d.,\s%-]+$/.test(text) && !isNaN(number) ? number : text.toLowerCase();
  }

  function makeSortable(table) {
    var body = table.tBodies[0];
    if (!body || !table.tHead) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "atlas-sort";
      button.textContent = header.textContent;
      header.textContent = "";
      header.appendChild(button);
      header.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.setAttribute("aria-sort", "none"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function makeFilterable(table) {
    var body = table.tBodies[0];
    if (!body || body.rows.length < 10) return;
    var label = document.createElement("label");
    label.className = "atlas-filter";
    label.textContent = "Filter rows ";
    var input = document.createElement("input");
    input.type = "search";
    input.addEventListener("input", function () {
      var wanted = input.value.toLowerCase();
      Array.prototype.forEach.call(body.rows, function (row) {
        row.hidden = wanted !== "" && row.textContent.toLowerCase().indexOf(wanted) === -1;
      });
    });
    label.appendChild(input);
    var wrapper = table.closest(".md-typeset__scrollwrap") || table;
    wrapper.parentNode.insertBefore(label, wrapper);
  }

  function setUp() {
    document.querySelectorAll(".md-typeset table:not([data-atlas-table])").forEach(function (table) {
      table.setAttribute("data-atlas-table", "");
      makeSortable(table);
      makeFilterable(table);
    });
  }

  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
