// Progressive: "Pakai templat" puts the chosen template's text into the move's answer in place.
// Without JavaScript the same button posts the form and the server shows it again with the text.
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[name="use_template"]') : null;
  if (!button?.form) return;
  const select = button.form.querySelector('select[data-fills]');
  const option = select ? select.selectedOptions[0] : null;
  const target = select ? document.getElementById(select.dataset.fills) : null;
  // Nothing chosen: the server says so, with the form kept.
  if (!option?.dataset.text || !target) return;
  event.preventDefault();
  target.value = option.dataset.text;
  target.focus();
});
