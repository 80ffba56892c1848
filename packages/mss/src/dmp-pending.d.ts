// TEMPORARY: the interface of @dcc-kit/dmp/ebrim as DMP-CONTRACT.md
// fixes them, so this package builds before helper META's branch is merged. Deleted by the
// merge of wip-meta (the real modules then resolve). Types only: no metadata logic here.
declare module '@dcc-kit/dmp/ebrim' {
  import type { DocumentEntry, SubmissionSet } from '@dcc-kit/dmp/metadata';
  export interface SubmissionContent {
    submissionSet: { id: string; metadata: SubmissionSet };
    documents: Array<{ id: string; entry: DocumentEntry; uri?: string }>;
  }
  export function submitObjectsRequestXml(content: SubmissionContent): string;
}
