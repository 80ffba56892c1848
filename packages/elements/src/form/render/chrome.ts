// What surrounds the fields: the mode switch, the links to the sections, the draft banner,
// the error summary and the narrative preview.
import { html, nothing, type TemplateResult } from 'lit';
import type { ModelIssue } from '@dcc-kit/cda/core';
import type { LocalizeController } from '../../localize.js';
import type { DraftBanner } from '../controllers/draft-controller.js';
import type { FormLabels } from '../labels.js';
import { idFor } from './context.js';

export type PreviewState = { state: 'loading' } | { state: 'ready'; fragment: DocumentFragment } | { state: 'invalid'; count: number } | undefined;

export function renderToolbar(localize: LocalizeController, mode: 'edit' | 'preview', onClick: (event: Event) => void): TemplateResult {
  return html`<div part="toolbar" class="toolbar">
    <span class="toolbar-label" id="mode-label">${localize.term('modeLabel')}</span>
    <div role="group" aria-labelledby="mode-label" class="mode-switch">
      <button type="button" data-action="mode-edit" aria-pressed=${mode === 'edit' ? 'true' : 'false'} @click=${onClick}>${localize.term('modeEdit')}</button>
      <button type="button" data-action="mode-preview" aria-pressed=${mode === 'preview' ? 'true' : 'false'} @click=${onClick}>${localize.term('modePreview')}</button>
    </div>
    ${mode === 'preview' ? html`<button type="button" data-action="print" @click=${onClick}>${localize.term('print')}</button>` : nothing}
  </div>`;
}

/** Links to the sections (long forms): focus moves to the section heading. */
export function renderNav(localize: LocalizeController, labels: FormLabels, sections: readonly { id: string }[], onNavClick: (event: Event) => void): TemplateResult {
  return html`<nav part="nav" class="nav" aria-label=${localize.term('sectionsNav')} @click=${onNavClick}>
    <ol>
      ${sections.map((section) => html`<li><a href=${`#s-${section.id}`} data-section=${section.id}>${labels.sectionTitle(section.id)}</a></li>`)}
    </ol>
  </nav>`;
}

export function renderBanner(localize: LocalizeController, banner: DraftBanner | undefined, canUndo: boolean, onClick: (event: Event) => void): TemplateResult | typeof nothing {
  const b = banner;
  if (!b) return nothing;
  const when = (savedAt: number) => localize.dateTime(savedAt);
  if (b.kind === 'info') return html`<div part="banner" class="banner" role="status" tabindex="-1">${b.text}</div>`;
  if (b.kind === 'error') return html`<div part="banner" class="banner warning" role="alert" tabindex="-1">${b.text}</div>`;
  if (b.kind === 'restored')
    return html`<div part="banner" class="banner" role="status" tabindex="-1" @click=${onClick}>
      <p>${localize.term('draftRestored', when(b.savedAt))}</p>
      ${canUndo ? html`<button type="button" data-action="banner-undo">${localize.term('undoRestore')}</button>` : nothing}
      <button type="button" data-action="banner-discard">${localize.term('discardDraft')}</button>
    </div>`;
  return html`<div part="banner" class="banner warning" role="alert" tabindex="-1" @click=${onClick}>
    <p>${localize.term('serverNewer')}</p>
    <button type="button" data-action="banner-restore">${localize.term('restoreAnyway')}</button>
    <button type="button" data-action="banner-discard">${localize.term('discardDraft')}</button>
  </div>`;
}

export function renderSummary(localize: LocalizeController, labels: FormLabels, issues: readonly ModelIssue[], onSummaryClick: (event: Event) => void): TemplateResult {
  // Not role=alert: the block stays while the list updates after each validation and must not
  // be re-announced each time; it is announced once when shown (focus, or the live region).
  return html`<div part="summary" class="summary" role="region" tabindex="-1" aria-labelledby="summary-title">
    <h2 id="summary-title">${localize.term('errorSummaryTitle', issues.length)}</h2>
    <ul @click=${onSummaryClick}>
      ${issues.map((issue) => html`<li><a href=${`#${idFor(issue.path)}`} data-issue-path=${issue.path}>${labels.summaryLine(issue)}</a></li>`)}
    </ul>
  </div>`;
}

export function renderPreview(localize: LocalizeController, preview: PreviewState): TemplateResult {
  const p = preview;
  let body: unknown;
  if (!p || p.state === 'loading') body = html`<p role="status">${localize.term('previewLoading')}</p>`;
  else if (p.state === 'invalid') body = html`<p role="status">${localize.term('previewInvalid', p.count)}</p>`;
  else body = p.fragment.cloneNode(true);
  return html`<article part="preview" class="preview" aria-label=${localize.term('previewTitle')}>${body}</article>`;
}
