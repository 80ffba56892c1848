// A module the elements load on first need (a chunk of its own in a host's bundle), once for the
// page: the elements' lazy parts share this instead of each keeping a promise and its retry.

/** A chunk loaded once on first need; a failed load is forgotten, so the next need retries. */
export class LazyChunk<T> {
  private pending: Promise<T> | undefined;
  private loaded: T | undefined;

  constructor(private readonly importer: () => Promise<T>) {}

  /** What the chunk gave, once loaded (undefined before). */
  get value(): T | undefined {
    return this.loaded;
  }

  /** The load under way or done, if one was asked for and has not failed (undefined otherwise). */
  get loading(): Promise<T> | undefined {
    return this.pending;
  }

  /** Loads the chunk (once) and resolves to what it gives; rejects when the load fails. */
  load(): Promise<T> {
    this.pending ??= this.importer().then(
      (value) => (this.loaded = value),
      (error: unknown) => {
        this.pending = undefined;
        throw error;
      },
    );
    return this.pending;
  }
}
