// The self-assessment's autosave island: each benchmark's rating form saves itself as the team works.
// Choosing a level saves at once; typing a comment saves after a pause. Each save is a JSON PUT to
// the assessment API with the revision the form holds, which comes back one higher; a 409 means a
// colleague saved this benchmark meanwhile, so the form stops saving and says whose answer is there
// (nothing is overwritten). The plain Save button stays and works without this script, and is the
// way out whenever a save fails. Strings come from data-* attributes rendered in the reader's
// language; the Content-Security-Policy allows no inline script.

/** How long typing must pause before a comment is saved (ms). */
const TYPING_PAUSE = 1500;

const strings = document.getElementById('assessment-autosave')?.dataset ?? {};

const clock = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { hour: '2-digit', minute: '2-digit' });

function setUp(wrapper) {
  const url = wrapper.dataset.autosaveUrl;
  const form = wrapper.querySelector('form');
  const status = wrapper.querySelector('[data-autosave-status]');
  const revision = form?.querySelector('input[name="revision"]');
  const comment = form?.querySelector('textarea[name="comment"]');
  if (!url || !form || !status || !revision) return;

  let timer = null;
  let inFlight = false;
  let again = false;
  // After a conflict this form never saves by itself again: the colleague's answer must be seen first.
  let stopped = false;
  // The Save button pressed while a save is on its way: post the form once that save has returned,
  // with the revision it brought back (posting the old one would look like a colleague's conflict).
  let submitAfter = false;

  const say = (message) => {
    status.textContent = message ?? '';
  };

  const level = () => form.querySelector('input[name="level_key"]:checked')?.value;

  async function save() {
    if (stopped) return;
    if (inFlight) {
      // One save at a time, so each carries the revision the previous one returned.
      again = true;
      return;
    }
    const levelKey = level();
    if (!levelKey) {
      say(strings.msgNoLevel);
      return;
    }
    inFlight = true;
    say(strings.msgSaving);
    try {
      const res = await fetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ level_key: levelKey, comment: comment?.value ?? '', revision: Number(revision.value) }),
      });
      if (res.ok) {
        const saved = await res.json();
        revision.value = String(saved.revision);
        say((strings.msgSaved ?? '').replace('{time}', clock.format(new Date())));
      } else if (res.status === 409) {
        const body = await res.json().catch(() => ({}));
        const current = body.current;
        if (current) {
          stopped = true;
          const answer = [current.level_name, current.comment].filter(Boolean).join(' — ');
          say((strings.msgConflict ?? '').replace('{answer}', answer));
        } else {
          // The cycle was submitted meanwhile: the Save button will say so.
          stopped = true;
          say(strings.msgFailed);
        }
      } else {
        say(strings.msgFailed);
      }
    } catch {
      say(strings.msgFailed);
    } finally {
      inFlight = false;
    }
    if (submitAfter) {
      form.submit();
      return;
    }
    if (again && !stopped) {
      again = false;
      void save();
    }
  }

  form.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.name === 'level_key') {
      if (timer !== null) window.clearTimeout(timer);
      timer = null;
      void save();
    }
  });

  form.addEventListener('submit', (event) => {
    if (timer !== null) window.clearTimeout(timer);
    timer = null;
    if (inFlight) {
      event.preventDefault();
      submitAfter = true;
    }
  });

  comment?.addEventListener('input', () => {
    if (timer !== null) window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      timer = null;
      void save();
    }, TYPING_PAUSE);
  });
}

for (const wrapper of document.querySelectorAll('[data-autosave-url]')) setUp(wrapper);
