import type { Config } from '../../config.ts';
import { offlineProvider, type PaymentProvider } from './payment-provider.ts';
import { createStripeProvider } from './stripe-provider.ts';

/** The provider that takes cards, when one is configured (Stripe keys set); otherwise undefined. */
export function cardPaymentProvider(config: Config): PaymentProvider | undefined {
  return config.stripe ? createStripeProvider(config.stripe) : undefined;
}

export { offlineProvider };
