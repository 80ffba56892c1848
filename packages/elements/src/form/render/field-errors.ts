// The error block of a control: the model check's issues the user should see there, or the
// field's own schema check when the model check stopped before reaching it.
import { html, nothing } from 'lit';
import type { ModelIssue } from '@dcc-kit/cda/core';
import type { ValidationController } from '../controllers/validation-controller.js';
import type { FormLabels } from '../labels.js';
import { patternOf, type Path, type SchemaNode } from '../schema.js';
import { idFor, type FieldErrors, type LeafCheck } from './context.js';

/** A field's own check from its schema: missing required value, or a value not matching the pattern. */
export function localIssue(path: string, schema: SchemaNode, required: boolean, value: unknown): ModelIssue | undefined {
  if (value === undefined) {
    return required
      ? { path, code: 'required', message: { fr: 'Ce champ est obligatoire.', en: 'This field is required.' } }
      : undefined;
  }
  if (typeof value === 'string' && patternOf(schema)?.test(value) === false)
    return { path, code: 'pattern', message: { fr: 'Format invalide.', en: 'Invalid format.' } };
  return undefined;
}

export function fieldErrors(validation: ValidationController, labels: FormLabels, pathText: string, exact: boolean, path: Path, leaf?: LeafCheck): FieldErrors {
  const issues = validation.visibleIssues(pathText, exact);
  // The model check stops after 200 issues (an empty form has more): a left field still gets
  // its own required/format message from its schema when the model check did not reach it.
  if (leaf && issues.length === 0 && validation.validated && (validation.showAll || validation.isTouched(pathText))) {
    const local = localIssue(pathText, leaf.schema, leaf.required, leaf.value);
    if (local) issues.push(local);
  }
  if (issues.length === 0) return { ids: '', template: nothing };
  const id = `e-${idFor(pathText)}`;
  return {
    ids: id,
    template: html`<div part="error" class="error" id=${id}>${issues.map((i) => html`<p>${labels.issueMessage(i, path)}</p>`)}</div>`,
  };
}
