// Progressive enhancement only: every page works without this file.
// Region picker: fill the next list in place instead of one page load per level.
(() => {
  const form = document.querySelector('[data-region-picker]');
  if (!form || !window.fetch) return;
  const selects = Array.from(form.querySelectorAll('select[data-level]'));
  const nameStep = form.querySelector('[data-name-step]');
  const village = selects[selects.length - 1];
  village.addEventListener('change', () => {
    if (nameStep) nameStep.hidden = !village.value;
  });
  selects.forEach((select, index) => {
    select.addEventListener('change', async () => {
      const later = selects.slice(index + 1);
      for (const s of later) {
        s.length = 1;
        s.disabled = true;
      }
      if (nameStep && later.length > 0) nameStep.hidden = true;
      const next = later[0];
      if (!next || !select.value) return;
      try {
        const res = await fetch(`/api/v1/regions/${encodeURIComponent(select.value)}/children`, {
          headers: { Accept: 'application/json' },
        });
        if (!res.ok) return;
        const body = await res.json();
        for (const region of body.regions) next.add(new Option(region.name, region.code));
        next.disabled = false;
        next.focus();
      } catch {
        // Offline or slow: the "Lanjut" button still loads the next level from the server.
      }
    });
  });
})();
