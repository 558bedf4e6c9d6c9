import type { ContactsTransactionRepos } from "./ports";

/** Thrown to roll a preview's writes back, carrying what was read before they are undone. */
export class Undone<T> extends Error {
  constructor(readonly value: T) {
    super("A preview's writes are undone");
  }
}

/** Runs `work` in a savepoint that is always rolled back, and answers what it answered. */
export async function undoing<T>(repos: ContactsTransactionRepos, work: () => Promise<T>): Promise<T> {
  try {
    await repos.savepoint(async () => {
      throw new Undone(await work());
    });
  } catch (thrown) {
    if (thrown instanceof Undone) return thrown.value as T;
    throw thrown;
  }
  throw new Error("unreachable: the savepoint always throws");
}
