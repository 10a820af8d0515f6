// Sorts a table by the column whose header is clicked: numbers by value (cells carry data-value), text alphabetically;
// a second click reverses the order. Missing values sort last either way.
(function () {
  function key(cell) {
    if (!cell) return null;
    const raw = cell.getAttribute('data-value');
    if (raw !== null) return raw === '' ? null : Number(raw);
    const text = cell.textContent.trim();
    return text === '' ? null : text.toLowerCase();
  }
  function sortBy(table, column, header) {
    const body = table.tBodies[0];
    const ascending = header.getAttribute('aria-sort') !== 'ascending';
    for (const th of table.tHead.rows[0].cells) th.removeAttribute('aria-sort');
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    const rows = Array.from(body.rows);
    rows.sort(function (a, b) {
      const x = key(a.cells[column]), y = key(b.cells[column]);
      if (x === null) return y === null ? 0 : 1;
      if (y === null) return -1;
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return ascending ? order : -order;
    });
    for (const row of rows) body.appendChild(row);
  }
  for (const table of document.querySelectorAll('table.sortable')) {
    const headers = table.tHead.rows[0].cells;
    for (let i = 0; i < headers.length; i++) {
      const header = headers[i];
      header.classList.add('sortable');
      header.addEventListener('click', function () { sortBy(table, i, header); });
    }
  }
})();
