// Proof of work for the public forms (src/components/form/ProofOfWork.astro): solves the page's
// challenge in a worker (/js/pow-worker.js, SHA-256 by WebCrypto) while the resident types, and
// puts the solution in the hidden field. A press before it is done waits for it, then sends, once.
// Without Worker or WebCrypto the field stays empty and the form sends as without JavaScript.
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
  // `settled`: this challenge's solver has finished (with a solution, or failed: then the form goes
  // without one, as without JavaScript). `sent`: the form has gone; a second tap, Enter, or a press
  // while the answer loads sends nothing more (issue 22: a press before the solution could send
  // twice). `waiting`: a press is held until the solver settles; `pending` is what was pressed.
  let settled = false;
  let sent = false;
  let waiting = false;
  let pending = null;
  // A page shown again from history holds a challenge already spent: a fresh one is fetched.
  const fresh = () =>
    fetch('/api/v1/tantangan')
      .then((r) => (r.ok ? r.json() : challenge))
      .catch(() => challenge);
  const solve = (again) => {
    field.value = '';
    settled = false;
    sent = false;
    done = (again ? fresh() : Promise.resolve(challenge))
      .then(
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
      )
      .then(() => {
        settled = true;
      });
    return done;
  };
  const send = (submitter) => {
    if (status) status.textContent = '';
    if (form.requestSubmit) form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
    else {
      // form.submit() sends no button and fires no submit event: carry the button's name and
      // value (which action: track, respond, reopen) and remember that the form has gone.
      sent = true;
      if (submitter?.name) {
        const carried = document.createElement('input');
        carried.type = 'hidden';
        carried.name = submitter.name;
        carried.value = submitter.value;
        form.append(carried);
      }
      form.submit();
    }
  };
  // Held until solved, then sent once, however often it was pressed meanwhile (the last press's
  // button: its name and value say which action).
  const sendWhenSolved = (submitter) => {
    pending = submitter ?? pending;
    if (waiting) return;
    waiting = true;
    if (status) status.textContent = field.dataset.powWorking;
    done.then(() => {
      waiting = false;
      const button = pending;
      pending = null;
      send(button);
    });
  };
  solve(performance.getEntriesByType?.('navigation')[0]?.type === 'back_forward' && !field.dataset.powResend);
  form.addEventListener('submit', (event) => {
    if (sent || !settled) {
      // Stopped here, before send-form.js: a held or repeated press is no send to show.
      event.preventDefault();
      event.stopImmediatePropagation();
      if (!sent) sendWhenSolved(event.submitter);
      return;
    }
    sent = true;
  });
  // A 428 asked for this (harder) challenge: the form goes again by itself once it is solved.
  // Pressed for it: the form's send button (its name and value say which action), else its first.
  if (field.dataset.powResend) {
    sendWhenSolved(
      form.querySelector('[data-send]') ??
        form.querySelector('button[type="submit"]:not([aria-hidden="true"])'),
    );
  }
  // Back to this page from the next one: its solution was spent, solve again (and send again).
  addEventListener('pageshow', (event) => {
    if (event.persisted) solve(true);
  });
}
