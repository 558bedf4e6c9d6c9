/**
 * A use case owns its transaction: it asks for one and receives the repositories bound to it,
 * so the change, its audit row and its outbox/event rows commit or roll back together.
 */
export interface Transactional<Repos> {
  transaction<T>(work: (repos: Repos) => Promise<T>): Promise<T>;
}
