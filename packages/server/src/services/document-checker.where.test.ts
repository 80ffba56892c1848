// The API names a model problem as the editors do: `where` (fr/en) beside the field path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { draftIssues } from './document-checker.js';

test('a draft of the wrong shape is refused with its path and where the field is, as the editors title it', () => {
  const issues = draftIssues('pps', { tumours: [{ topography: 'C50' }] });
  const issue = issues.find((i) => i.path === 'model.tumours[0].topography');
  assert.ok(issue, JSON.stringify(issues));
  assert.equal(issue.code, 'type');
  assert.deepEqual(issue.where, { fr: 'Diagnostic › Tumeur 1 › Topographie (CIM-10)', en: 'Diagnosis › Tumour 1 › Topography (ICD-10)' });
  assert.doesNotMatch(issue.message.fr, /tumours/);
});
