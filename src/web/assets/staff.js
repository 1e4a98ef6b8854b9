// The staff console's one enhancement; every page works without it. A filter box above a long
// <select> (the transfer form's list of bodies): typing hides the options that do not match.
(function () {
  for (const wrapper of document.querySelectorAll('[data-filter-for]')) {
    const select = document.getElementById(wrapper.getAttribute('data-filter-for'));
    const input = wrapper.querySelector('input');
    if (!select || !input) continue;
    wrapper.hidden = false;
    input.addEventListener('input', function () {
      const words = input.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      let first = null;
      for (const option of select.options) {
        if (!option.value) continue;
        const text = option.text.toLocaleLowerCase();
        const shown = words.every(function (w) { return text.includes(w); });
        option.hidden = !shown;
        if (shown && !first) first = option;
      }
      if (first && select.selectedOptions[0] && select.selectedOptions[0].hidden) select.value = first.value;
    });
  }
})();
