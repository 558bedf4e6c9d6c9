import { type PaymentProviderConfigs, type PaymentProviderName, paymentProviders } from "../payments/model";
import { type Channel, type ChannelConfigs, channels } from "./channel";

/** What the `/integrations` endpoints connect: the messaging channels and the payment providers. */
export const integrationKinds = [...channels, ...paymentProviders] as const;
export type IntegrationKind = Channel | PaymentProviderName;

export type IntegrationConfigs = ChannelConfigs & PaymentProviderConfigs;

export const isIntegrationKind = (value: string): value is IntegrationKind =>
  (integrationKinds as readonly string[]).includes(value);
