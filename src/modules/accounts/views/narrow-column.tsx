import type { ComponentChildren } from 'preact';

/** The single readable column the sign-in and sign-up pages sit in. */
export function NarrowColumn({ children }: { children: ComponentChildren }) {
  return (
    <div class="grid-row">
      <div class="grid-col-12 tablet:grid-col-8 desktop:grid-col-6">{children}</div>
    </div>
  );
}

/** A hidden field carrying an emailed link's token from its page to the form post. */
export function TokenField({ token }: { token: string }) {
  return <input type="hidden" name="token" value={token} />;
}
