// Search as you type: an enhancement of the search form, which works without it. As the user
// types (after a pause) or ticks a filter, the live part of the page (#search-live: filters,
// count, results, pages, feed link) is fetched from the form's data-live address with the same
// query and swapped in; the address bar follows, so the URL stays shareable. Any failure leaves
// the page as it is, and the form's button still submits normally.
(() => {
  var form = document.getElementById('search-form');
  var live = document.getElementById('search-live');
  if (!form || !live || !window.fetch || !window.URLSearchParams || !window.FormData) return;
  var endpoint = form.getAttribute('data-live');
  var announce = document.getElementById('search-announce');
  var timer = null;
  var controller = null;
  var shown = currentQuery();

  function currentQuery() {
    var params = new URLSearchParams();
    new FormData(form).forEach((value, key) => {
      if (typeof value !== 'string' || value === '') return;
      if (key === 'sort' && value === 'relevance') return;
      if (key === 'per_page' && value === '20') return;
      params.append(key, value);
    });
    return params.toString();
  }

  function update() {
    var query = currentQuery();
    if (query === shown) return;
    shown = query;
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    live.setAttribute('aria-busy', 'true');
    fetch(endpoint + (query ? `?${query}` : ''), { signal: controller ? controller.signal : undefined, headers: { Accept: 'text/html' } })
      .then((response) => {
        if (!response.ok) throw new Error(`search answered ${response.status}`);
        return response.text();
      })
      .then((markup) => {
        var active = document.activeElement;
        var focusedId = active && live.contains(active) ? active.id : null;
        // The filters a phone user opened stay open while they tick.
        var filters = document.getElementById('search-filters');
        var filtersOpen = filters?.open;
        live.innerHTML = markup;
        if (filtersOpen) document.getElementById('search-filters').open = true;
        live.removeAttribute('aria-busy');
        history.replaceState(null, '', form.getAttribute('action') + (query ? `?${query}` : ''));
        var count = document.getElementById('result-count');
        if (announce && count) announce.textContent = count.textContent;
        if (focusedId) {
          const again = document.getElementById(focusedId);
          if (again) again.focus();
        }
      })
      .catch((error) => {
        if (error && error.name === 'AbortError') return;
        live.removeAttribute('aria-busy');
        shown = null;
      });
  }

  form.addEventListener('input', (event) => {
    if (event.target?.id !== 'q') return;
    clearTimeout(timer);
    timer = setTimeout(update, 300);
  });
  form.addEventListener('change', (event) => {
    if (event.target && event.target.id !== 'q') update();
  });
  form.setAttribute('data-enhanced', 'true');
})();
