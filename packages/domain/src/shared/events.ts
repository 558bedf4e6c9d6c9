/** A fact that happened in one organization, published after its transaction commits. */
export interface DomainEvent<T extends string = string, P = unknown> {
  type: T;
  organizationId: string;
  payload: P;
  occurredAt: string;
}

export interface EventBus {
  publish(event: DomainEvent): Promise<void>;
  /** Returns the function that ends the subscription. */
  subscribe(handler: (event: DomainEvent) => void): () => void;
  close(): Promise<void>;
}
