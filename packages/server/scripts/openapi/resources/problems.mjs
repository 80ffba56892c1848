// Problem details shared by every operation.
import { ref, str, obj } from '../helpers.mjs';

export const tags = [];

export const schemas = {
  LocalizedText: obj({ fr: str('French text.'), en: str('English text.') }),
  ProblemIssue: obj(
    {
      path: str('Field path in the request body (e.g. `model.tumours[0].topography.code`, `ins.value`); empty for the whole body.'),
      code: str('Stable machine code (e.g. `required`, `unknown-field`, `ins.key`, `conformance`).'),
      message: ref('LocalizedText'),
      layer: str('Conformance layer (for conformance errors).'),
      location: str('XPath-like location in the CDA (for conformance errors).'),
      where: {
        ...ref('LocalizedText'),
        description: 'For model issues: where the field is, as the editors title it (section › item › field), e.g. « Programme thérapeutique › Traitement 2 › Fin ».',
      },
    },
    ['path', 'code', 'message'],
  ),
  Problem: obj(
    {
      type: str('URI reference identifying the problem type.'),
      title: str('Short summary.'),
      status: { type: 'integer', description: 'HTTP status.' },
      detail: str('Explanation (never contains health data).'),
      instance: str('Request path.'),
      requestId: str('Same as the X-Request-Id response header.'),
      errors: { type: 'array', items: ref('ProblemIssue') },
    },
    ['type', 'title', 'status', 'requestId'],
  ),
};

export const paths = {};
