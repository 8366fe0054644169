// Proof of work for the public forms (src/components/form/ProofOfWork.astro): solves the page's
// challenge in a worker (/js/pow-worker.js, SHA-256 by WebCrypto) while the resident types, and
// puts the solution in the hidden field. A press before it is done waits for it, then sends. Without
// Worker or WebCrypto the field stays empty and the form sends as without JavaScript.
for (const field of document.querySelectorAll('input[data-pow]')) {
  const form = field.form;
  const status = form?.querySelector('[data-pow-status]');
  // A page with several forms includes this file once per form: each field is taken up once.
  if (!form || !window.Worker || !window.crypto?.subtle || field.dataset.powStarted) continue;
  field.dataset.powStarted = 'yes';
  let challenge;
  try {
    challenge = JSON.parse(field.dataset.pow);
  } catch {
    continue;
  }
  let done = null;
  let pending = null;
  // A page shown again from history holds a challenge already spent: a fresh one is fetched.
  const fresh = () =>
    fetch('/api/v1/tantangan')
      .then((r) => (r.ok ? r.json() : challenge))
      .catch(() => challenge);
  const solve = (again) => {
    field.value = '';
    done = (again ? fresh() : Promise.resolve(challenge)).then(
      (given) =>
        new Promise((resolve) => {
          challenge = given;
          const worker = new Worker('/js/pow-worker.js');
          worker.onmessage = (event) => {
            worker.terminate();
            const number = event.data;
            if (typeof number === 'number') field.value = btoa(JSON.stringify({ ...challenge, number }));
            resolve();
          };
          worker.onerror = () => resolve();
          worker.postMessage(challenge);
        }),
    );
    return done;
  };
  const send = (submitter) => {
    if (status) status.textContent = '';
    if (form.requestSubmit) form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
    else form.submit();
  };
  solve(performance.getEntriesByType?.('navigation')[0]?.type === 'back_forward' && !field.dataset.powResend);
  form.addEventListener('submit', (event) => {
    if (field.value || !done) return;
    // Not solved yet: wait for it (send-form.js sees the prevented send and stays ready).
    event.preventDefault();
    if (pending) return;
    pending = event.submitter;
    if (status) status.textContent = field.dataset.powWorking;
    done.then(() => {
      const submitter = pending;
      pending = null;
      send(submitter);
    });
  });
  // A 428 asked for this (harder) challenge: the form goes again by itself once it is solved.
  // Pressed for it: the form's send button (its name and value say which action), else its first.
  if (field.dataset.powResend) {
    if (status) status.textContent = field.dataset.powWorking;
    const button =
      form.querySelector('[data-send]') ??
      form.querySelector('button[type="submit"]:not([aria-hidden="true"])');
    done.then(() => send(button));
  }
  // Back to this page from the next one: its solution was spent, solve again.
  addEventListener('pageshow', (event) => {
    if (event.persisted) solve(true);
  });
}
