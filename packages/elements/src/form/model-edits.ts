// Edits of the model by path that keep the form's rules: an emptied item of a list of scalars
// keeps its line, a required block created on the way gets its yes/no defaults, an inline
// optional object (a period) goes when its last field is emptied; list items are added,
// removed and moved with their pending scalar lines. Pure data work: the form re-renders.
import type { ListItems } from './controllers/list-items.js';
import { ensureRequiredBooleans, getAt, initialValue, isEmptyValue, isInlineObject, isRequired, pathToString, schemaAt, setAt, type Path, type SchemaNode } from './schema.js';

type Model = Record<string, unknown>;

/**
 * Writes `value` at `path` (undefined removes it). Returns whether the structure changed
 * (the whole form re-renders) or only a value the focused input already shows.
 */
export function writeAt(root: SchemaNode, data: Model, lists: ListItems, path: Path, value: unknown): boolean {
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    // Items of a list of scalars: an emptied item stays on screen (pending) instead of vanishing.
    const arrayPath = path.slice(0, -1);
    const key = pathToString(arrayPath);
    const list = getAt(data, arrayPath) as unknown[] | undefined;
    const length = list?.length ?? 0;
    const pending = lists.pending(key);
    if (value === undefined) {
      // The emptied line keeps its place ("" until typed again or removed): splicing it would
      // move the next line into the focused input. The value leaves such items out.
      if (list && last < length) list[last] = '';
      return false;
    }
    if (last >= length) {
      lists.setPending(key, Math.max(0, pending - 1));
      setAt(data, [...arrayPath, length], value);
      return true;
    }
  }
  const previous = getAt(data, path);
  setAt(data, path, value);
  // Typing in a field that already had a value changes no structure: the input already shows
  // it, so the whole form is not re-rendered for each keystroke (errors refresh after validation).
  const structural = previous === undefined || value === undefined || typeof value === 'object' || typeof previous === 'object';
  // A required block created on the way may hold required yes/no fields or be allowed empty.
  if (structural) ensureRequiredBooleans(root, data);
  // An inline optional object (a period) disappears when its last field is emptied.
  for (let depth = path.length - 1; depth > 0; depth--) {
    const parentPath = path.slice(0, depth);
    const parentKey = parentPath[parentPath.length - 1];
    const schema = schemaAt(root, parentPath);
    const owner = schemaAt(root, parentPath.slice(0, -1));
    if (!schema || typeof parentKey !== 'string' || !owner || isRequired(owner, parentKey) || !isInlineObject(schema)) break;
    if (isEmptyValue(getAt(data, parentPath))) setAt(data, parentPath, undefined);
  }
  return structural;
}

/** Adds an item at the end of a list; returns its index. */
export function addItem(root: SchemaNode, data: Model, lists: ListItems, arrayPath: Path): number {
  const schema = schemaAt(root, arrayPath);
  const key = pathToString(arrayPath);
  const list = (getAt(data, arrayPath) as unknown[] | undefined) ?? [];
  const index = list.length + lists.pending(key);
  const fresh = schema?.items ? initialValue(schema.items) : undefined;
  if (fresh === undefined) {
    // Scalar items start empty on screen but never as "" in the model.
    lists.setPending(key, lists.pending(key) + 1);
  } else {
    setAt(data, [...arrayPath, index], fresh);
    if (fresh !== null && typeof fresh === 'object') lists.unfold(fresh);
  }
  return index;
}

/** Removes an item (or a pending scalar line); an optional list left empty goes. Returns how many items remain. */
export function removeItem(root: SchemaNode, data: Model, lists: ListItems, itemPath: Path): number {
  const arrayPath = itemPath.slice(0, -1);
  const index = itemPath[itemPath.length - 1] as number;
  const list = getAt(data, arrayPath) as unknown[] | undefined;
  const arrayText = pathToString(arrayPath);
  if (list && index < list.length) list.splice(index, 1);
  else {
    const pending = lists.pending(arrayText);
    if (pending > 0) lists.setPending(arrayText, pending - 1);
  }
  const owner = schemaAt(root, arrayPath.slice(0, -1));
  const key = arrayPath[arrayPath.length - 1];
  if (list && list.length === 0 && owner && typeof key === 'string' && !isRequired(owner, key)) setAt(data, arrayPath, undefined);
  return ((getAt(data, arrayPath) as unknown[] | undefined)?.length ?? 0) + lists.pending(arrayText);
}

/** Moves an item one place up or down; returns its new index, or undefined when it cannot move. */
export function moveItem(data: Model, itemPath: Path, delta: -1 | 1): number | undefined {
  const arrayPath = itemPath.slice(0, -1);
  const index = itemPath[itemPath.length - 1] as number;
  const list = getAt(data, arrayPath) as unknown[] | undefined;
  const target = index + delta;
  if (!list || target < 0 || target >= list.length) return undefined;
  const [item] = list.splice(index, 1);
  list.splice(target, 0, item);
  return target;
}

/** Creates an optional object with its initial value. */
export function addObject(root: SchemaNode, data: Model, path: Path): void {
  const schema = schemaAt(root, path);
  setAt(data, path, schema ? initialValue(schema) ?? {} : {});
}
