import type { FastifyBaseLogger } from 'fastify';

// Work the accounts module does after it has answered: looking an address up, issuing a link,
// creating a registration, sending the email. The forms that take an email address (register,
// forgot password, sign-in link, resend verification) must answer in the same time whether or not
// the address has an account, so the request itself does none of the account-specific work.

const inFlight = new Set<Promise<void>>();
let held: Promise<void> | undefined;

/**
 * Runs `work` once the current reply is on its way (it starts on a later turn of the event loop,
 * so even synchronous database drivers cannot hold the reply back). Failures are logged, never
 * thrown: the person has already been answered.
 */
export function runAfterReply(log: Pick<FastifyBaseLogger, 'error'>, what: string, work: () => Promise<void>): void {
  const task: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => held)
    .then(() => work())
    .catch((err: unknown) => log.error({ err, work: what }, 'account background work failed'))
    .finally(() => inFlight.delete(task));
  inFlight.add(task);
}

/**
 * Resolves once every piece of account work started so far (and any it started in turn) has
 * finished. The app awaits it on close, before the database goes away; tests await it before
 * reading rows the work writes.
 */
export async function settleAccountWork(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}

/**
 * For tests: keeps account work from starting until the returned function is called, so a test can
 * see exactly what a request did by itself. Release before calling settleAccountWork.
 */
export function holdAccountWork(): () => void {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const previous = held;
  held = previous ? Promise.all([previous, gate]).then(() => undefined) : gate;
  return () => {
    release();
    if (held === gate) held = undefined;
  };
}
