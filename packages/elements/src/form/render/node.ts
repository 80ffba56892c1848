// Which renderer a schema node gets: a group, a list, a value-set picker, or a leaf field.
import { isInlineObject, getAt, kindOf, pathToString, type Path, type SchemaNode } from '../schema.js';
import type { RenderContext } from './context.js';
import { renderAddObject, renderObject } from './object-field.js';
import { renderArray } from './array-field.js';
import { renderPicker } from './picker-field.js';
import { renderField } from './field.js';

export function renderNode(ctx: RenderContext, schema: SchemaNode, path: Path, required: boolean, labelOverride?: string): unknown {
  const kind = kindOf(schema);
  const pathText = pathToString(path);
  const value = getAt(ctx.data, path);
  const label = labelOverride ?? ctx.labels.labelOf(path);
  switch (kind) {
    case 'object': {
      if (value === undefined && !required && !isInlineObject(schema)) return renderAddObject(ctx, path, label);
      return renderObject(ctx, schema, path, label, !required && !isInlineObject(schema));
    }
    case 'array':
      return renderArray(ctx, schema, path, label, required);
    case 'coding': {
      const valueSet = ctx.valueSetOf(schema, path);
      if (valueSet) return renderPicker(ctx, path, label, valueSet, required);
      if (value === undefined && !required) return renderAddObject(ctx, path, label);
      return renderObject(ctx, schema, path, label, !required);
    }
    case 'codedOrText': {
      if (value === undefined && !required) return renderAddObject(ctx, path, label);
      return renderObject(ctx, schema, path, label, !required);
    }
    default:
      return renderField(ctx, schema, kind, path, pathText, label, required, value);
  }
}
