// Items offered for a list, one key each: e.g. the RCP's participants for the PPS's care team.
// A group of checkboxes above the list, keyboard first: one Tab stop (roving tabindex), the
// up and down arrows move from one to the next, Space takes or leaves one; each checkbox is
// labelled by who it is, the group by where they come from. What a candidate is (its item, its
// key, its label) is the editor's knowledge; the engine only adds and removes the items.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { idFor, type RenderContext } from './context.js';

/** One item offered for a list. */
export interface ListCandidate {
  /** Identifies the candidate among the list's items (e.g. the professional's IdNat_PS). */
  readonly key: string;
  /** Who or what it is, as the checkbox reads (« Dr Camille LEFORT — Oncologie médicale »). */
  readonly label: string;
  /** The list item it adds (a copy is added). */
  readonly item: unknown;
}

/** The candidates of one list. */
export interface ListCandidates {
  /** The group's title (« Participants de la RCP »). */
  readonly title: string;
  readonly candidates: readonly ListCandidate[];
  /** The key of a list item, to tell which candidates are already in (undefined: none). */
  keyOf(item: unknown): string | undefined;
}

/** The checkbox of a candidate carries its item (read by the keyboard-fill test driver). */
export interface CandidateInput extends HTMLInputElement {
  dccCandidate?: unknown;
}

export function renderCandidates(ctx: RenderContext, pathText: string, offer: ListCandidates, items: readonly unknown[]): TemplateResult {
  if (offer.candidates.length === 0) return html`${nothing}`;
  const chosen = new Set(items.map((item) => offer.keyOf(item)).filter((k): k is string => k !== undefined));
  const id = `cand-${idFor(pathText)}`;
  return html`<fieldset part="candidates" class="candidates" aria-describedby=${`${id}-hint`}>
    <legend>${offer.title}</legend>
    <p part="hint" class="hint" id=${`${id}-hint`}>${ctx.localize.term('candidatesHint')}</p>
    ${offer.candidates.map(
      (c, i) => html`<div class="field checkbox">
        <input
          part="control"
          type="checkbox"
          id=${`${id}-${i}`}
          data-kind="candidate"
          data-path=${pathText}
          data-key=${c.key}
          tabindex=${i === 0 ? '0' : '-1'}
          .dccCandidate=${c.item}
          .checked=${live(chosen.has(c.key))}
          ?disabled=${ctx.readonly}
        />
        <label part="label" for=${`${id}-${i}`}>${c.label}</label>
      </div>`,
    )}
  </fieldset>`;
}

/**
 * Arrow keys in a roving group (the candidates' checkboxes, a list item's tools): focus moves
 * to the next or previous enabled control, which becomes the group's one Tab stop. Returns
 * true when the key was used.
 */
export function moveInRovingGroup(event: KeyboardEvent, el: HTMLElement): boolean {
  const group = el.closest<HTMLElement>('.candidates, [role="toolbar"]');
  if (!group) return false;
  const forward = event.key === 'ArrowDown' || event.key === 'ArrowRight';
  const backward = event.key === 'ArrowUp' || event.key === 'ArrowLeft';
  if (!forward && !backward && event.key !== 'Home' && event.key !== 'End') return false;
  const members = [...group.querySelectorAll<HTMLElement>('input[data-kind="candidate"], button')].filter((m) => !(m as HTMLButtonElement).disabled);
  const at = members.indexOf(el);
  if (at < 0 || members.length === 0) return false;
  const next =
    event.key === 'Home' ? 0 : event.key === 'End' ? members.length - 1 : (at + (forward ? 1 : -1) + members.length) % members.length;
  event.preventDefault();
  for (const m of members) m.tabIndex = -1;
  members[next]!.tabIndex = 0;
  members[next]!.focus();
  return true;
}
