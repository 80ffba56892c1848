// Small coding helpers the FRCP writers share: a TA_ASIP code, a coding's label, a treatment
// code with its free-text precision.
import type { XmlSink } from '../../xml/writer.js';
import type { Coding } from '../../model/common.js';
import { originalTextRef } from '../entries.js';
import { OID } from '../state.js';

export const taAsip = (code: string, displayName: string) => [code, OID.taAsip, displayName] as const;
export const label = (c: Coding) => c.displayName ?? c.code;

/** `code` of a treatment (JDV_TypeTraitement_FRCP, F-T7) with its free-text precision. */
export function codeWithText(w: XmlSink, coding: Coding, textId: string | undefined): void {
  w.start('code');
  w.attr('code', coding.code);
  w.attr('codeSystem', coding.codeSystem);
  w.attr('displayName', coding.displayName);
  if (textId !== undefined) originalTextRef(w, textId);
  w.end();
}
