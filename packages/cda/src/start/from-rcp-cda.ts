// The PPS started from a Fiche RCP given as its signed CDA (e.g. fetched from the DMP or the
// backend): parsed with the package's parser, then `startPpsFromRcp`. Kept out of
// `@dcc-kit/cda/start` so that the editors' bundles do not carry the parser.
import { parseFrcp, type ParseOptions } from '../parse/index.js';
import { startPpsFromRcp, type PpsFromRcp } from './from-rcp.js';

/** Starts a PPS from the CDA of a signed Fiche RCP. Throws CdaParseError when it is not a readable FRCP. */
export function startPpsFromRcpCda(xml: string, options?: ParseOptions): PpsFromRcp {
  return startPpsFromRcp(parseFrcp(xml, options));
}
