// Progressive enhancement only: without this file a form still sends, and the note beside its
// button says to press once and wait. A form with files can take a minute on a slow line: say that
// it is being sent, and send it once. Not sent by XMLHttpRequest for a real percentage: the
// browser's own post keeps Back, reload and the receipt's one-time code as they are (decision 0026).
for (const send of document.querySelectorAll('[data-send]')) {
  const form = send.form;
  const status = form?.querySelector('[data-sending-status]');
  // Included once per send button: each button is taken up once, or a second listener would
  // find the form "sending" and stop the first one's send.
  if (!form || !status || send.dataset.sendReady) continue;
  send.dataset.sendReady = 'yes';
  let disabled = [];
  let shown = send;
  let label = send.textContent;
  const reset = () => {
    delete form.dataset.sending;
    for (const b of disabled) b.disabled = false;
    disabled = [];
    shown.textContent = label;
    status.replaceChildren();
  };
  form.addEventListener('submit', (event) => {
    // A second press, Enter, or a double tap while the first send is on its way.
    if (form.dataset.sending) {
      event.preventDefault();
      return;
    }
    form.dataset.sending = 'yes';
    // The hidden default button (Enter in a field) is not what the resident looks at.
    shown =
      event.submitter && event.submitter.getAttribute('aria-hidden') !== 'true' ? event.submitter : send;
    label = shown.textContent;
    // After the browser has read the form: a disabled button would not send its name and value.
    setTimeout(() => {
      if (event.defaultPrevented) return reset();
      disabled = Array.from(form.querySelectorAll('button')).filter((b) => !b.disabled);
      for (const b of disabled) b.disabled = true;
      shown.textContent = send.dataset.sendingLabel;
      const bar = document.createElement('progress');
      bar.setAttribute('aria-label', send.dataset.sendingLabel);
      status.replaceChildren(bar, send.dataset.sendingText);
    });
  });
  // Back to this page from the next one, restored from memory: ready to send again.
  addEventListener('pageshow', (event) => {
    if (event.persisted && form.dataset.sending) reset();
  });
}
