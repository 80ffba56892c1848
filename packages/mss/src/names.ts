// Fixed names of the XDM package (dmp-mes.md §4.3; §8: paths with `/`).
export const XDM_ATTACHMENT_NAME = 'IHE_XDM.zip';
export const XDM_SUBSET = 'IHE_XDM/SUBSET01';
/** Paths inside the zip, always with `/` (§8). */
export const XDM_PATHS = {
  index: 'INDEX.HTM',
  readme: 'README.TXT',
  metadata: `${XDM_SUBSET}/METADATA.XML`,
  /** The document's file name relative to the subset, as the URI slot gives it. */
  documentUri: 'DOC0001.XML',
  document: `${XDM_SUBSET}/DOC0001.XML`,
} as const;

