// The staff console's small enhancements; every page works without this script.

// Akimat pages: a print button on the tracking slip (the browser's own print works without it),
// and a filter box above long selects of bodies (the select alone works with keyboard type-ahead).
(() => {
  document.querySelectorAll('button[data-print]').forEach((button) => {
    button.hidden = false;
    button.addEventListener('click', () => {
      window.print();
    });
  });
  document.querySelectorAll('select[data-filter-label]').forEach((select) => {
    var id = `${select.id}-filter`;
    var wrap = document.createElement('div');
    wrap.className = 'field filter-box';
    var label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = select.getAttribute('data-filter-label');
    var input = document.createElement('input');
    input.type = 'search';
    input.id = id;
    input.setAttribute('aria-controls', select.id);
    wrap.appendChild(label);
    wrap.appendChild(input);
    select.parentNode.insertBefore(wrap, select);
    input.addEventListener('input', () => {
      var words = input.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      var first = null;
      select.querySelectorAll('option').forEach((option) => {
        if (!option.value) return;
        var text = `${option.textContent} ${option.value}`.toLocaleLowerCase();
        var match = words.every((w) => text.indexOf(w) >= 0);
        option.hidden = !match;
        option.disabled = !match && !option.selected;
        if (match && !first) first = option;
      });
      select.querySelectorAll('optgroup').forEach((group) => {
        group.hidden = !group.querySelector('option:not([hidden])');
      });
      if (first && (select.selectedIndex <= 0 || select.options[select.selectedIndex].hidden)) select.value = first.value;
    });
  });
})();
