// What the form keeps about the items of repeatable lists beyond the model: stable keys for
// `repeat` (by identity, so that moving an item moves its DOM and focus), the items of long
// lists the user unfolded, and scalar items added but not typed yet (an input without a value).

export class ListItems {
  private keys = new WeakMap<object, number>();
  private nextKey = 1;
  /** Items of long lists the user opened (by identity: they keep it when moved). */
  private unfoldedItems = new WeakSet<object>();
  /** Items taken from a list's candidates, with the line they fold to (by identity). */
  private chosenItems = new WeakMap<object, string>();
  /** Scalar list items added but not typed yet, by list path. */
  private readonly pendingScalars = new Map<string, number>();

  /** The `repeat` key of an item: its identity for objects, its index for scalars. */
  readonly keyOf = (item: unknown, index: number): unknown => {
    if (item === null || typeof item !== 'object') return `i${index}`;
    let key = this.keys.get(item);
    if (key === undefined) {
      key = this.nextKey++;
      this.keys.set(item, key);
    }
    return key;
  };

  isUnfolded(item: object): boolean {
    return this.unfoldedItems.has(item);
  }
  unfold(item: object): void {
    this.unfoldedItems.add(item);
  }

  /** An item taken from the candidates: folded to `summary` until the user opens it. */
  chosen(item: object, summary: string): void {
    this.chosenItems.set(item, summary);
  }
  /** The folded line of an item taken from the candidates (undefined: any other item). */
  summaryOf(item: unknown): string | undefined {
    return item !== null && typeof item === 'object' ? this.chosenItems.get(item) : undefined;
  }

  /** Scalar items added at the end of the list at `listPath` and not typed yet. */
  pending(listPath: string): number {
    return this.pendingScalars.get(listPath) ?? 0;
  }
  setPending(listPath: string, count: number): void {
    this.pendingScalars.set(listPath, count);
  }

  /** Another model: keys start again (identities of the old one are gone), nothing pending. */
  reset(): void {
    this.keys = new WeakMap();
    this.pendingScalars.clear();
  }
}
