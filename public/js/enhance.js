// Progressive enhancement only: every page works without this file.
// A list whose choices depend on another (a program's periods): changing the other clears it,
// so that the server answers with what exists instead of a stale choice.
for (const select of document.querySelectorAll('select[data-resets]')) {
  select.addEventListener('change', () => {
    const dependent = document.getElementById(select.dataset.resets);
    if (dependent) dependent.value = '';
  });
}

// Region picker: fill the next list in place instead of one page load per level.
(() => {
  const form = document.querySelector('[data-region-picker]');
  if (!form || !window.fetch) return;
  const selects = Array.from(form.querySelectorAll('select[data-level]'));
  const nameStep = form.querySelector('[data-name-step]');
  const village = selects[selects.length - 1];
  // The office's own area (SERVICE_AREA) comes first in each list, as the server renders it.
  const areaInfo = form.querySelector('[data-service-area]');
  const area = (areaInfo?.dataset.serviceArea ?? '').split(' ').filter(Boolean);
  const touches = (code) =>
    area.length === 0 || area.some((a) => code === a || code.startsWith(`${a}.`) || a.startsWith(`${code}.`));
  village.addEventListener('change', () => {
    if (nameStep) nameStep.hidden = !village.value;
  });
  selects.forEach((select, index) => {
    select.addEventListener('change', async () => {
      const later = selects.slice(index + 1);
      for (const s of later) {
        s.replaceChildren(s.options[0]);
        s.disabled = true;
      }
      if (nameStep && later.length > 0) nameStep.hidden = true;
      const next = later[0];
      if (!next || !select.value) return;
      // A region outside the office's area: the server answers at once where to check instead.
      if (!touches(select.value)) {
        const step = form.querySelector('[data-region-next]');
        if (step) step.click();
        else form.requestSubmit();
        return;
      }
      try {
        const res = await fetch(`/api/v1/regions/${encodeURIComponent(select.value)}/children`, {
          headers: { Accept: 'application/json' },
        });
        if (!res.ok) return;
        const body = await res.json();
        const served = body.regions.filter((r) => touches(r.code));
        const other = body.regions.filter((r) => !touches(r.code));
        const groups = served.length && other.length ? [served, other] : [body.regions];
        groups.forEach((regions, i) => {
          const parent = groups.length > 1 ? document.createElement('optgroup') : next;
          if (parent !== next) {
            parent.label = i === 0 ? areaInfo.dataset.servedLabel : areaInfo.dataset.otherLabel;
            next.append(parent);
          }
          for (const region of regions) parent.append(new Option(region.name, region.code));
        });
        next.disabled = false;
        next.focus();
      } catch {
        // Offline or slow: the "Lanjut" button still loads the next level from the server.
      }
    });
  });
})();
