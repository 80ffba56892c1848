// The value set a model field is bound to, read from the model itself (`bound()` in
// model/common.ts): the checker names the field it checks, never the value set again.
import type { TSchema } from '@sinclair/typebox';
import { BOUND_VALUE_SET } from '../model/common.js';
import type { ValueSet } from '../value-set.js';

/** The value set bound to `field`; throws when the model does not bind one (a programming error). */
export function valueSetOf(field: TSchema): ValueSet {
  const get = (field as { [BOUND_VALUE_SET]?: () => ValueSet })[BOUND_VALUE_SET];
  if (get === undefined) throw new Error(`valueSetOf: the model binds no value set to this field (${field.description ?? field.title ?? '?'})`);
  return get();
}
