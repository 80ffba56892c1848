// Date controls: a partial date (day, month or year, the precision chosen in a select), an
// instant (date and time as two native inputs), or either. Month and year are typed as text
// (no native control exists for them).
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { instantToLocal, precisionOf, type DatePrecision } from '../dates.js';
import type { ControlCommon, RenderContext } from './context.js';
import { plainInput } from './text-controls.js';
import { dateText } from '../date-text.js';

export function renderDate(ctx: RenderContext, kind: string, label: string, value: string, common: ControlCommon): TemplateResult {
  const { pathText, ro, required, invalid, describedBy } = common;
  // Partial dates (and dates that may carry a time) are one text field: no precision to choose.
  if (kind === 'partialDate' || kind === 'dateOrInstant') return dateTextInput(ctx, kind === 'dateOrInstant', value, common);
  const term = (key: string, ...args: unknown[]) => ctx.localize.term(key, ...args);
  const fallback: DatePrecision = kind === 'instant' ? 'time' : 'day';
  // The precision chosen by the user wins: a month being typed ("2024-0") must not switch the input.
  const precision = ctx.precisions.get(pathText) ?? (value ? precisionOf(value, fallback) : fallback);
  const options: DatePrecision[] = kind === 'partialDate' ? ['day', 'month', 'year'] : kind === 'dateOrInstant' ? ['day', 'month', 'year', 'time'] : [];
  const names: Record<DatePrecision, string> = {
    day: term('precisionDay'),
    month: term('precisionMonth'),
    year: term('precisionYear'),
    time: term('precisionTime'),
  };
  let input: TemplateResult;
  switch (precision) {
    case 'month':
      input = textDateInput(ctx, 'month', 'monthPlaceholder', 7, value, common);
      break;
    case 'year':
      input = textDateInput(ctx, 'year', 'yearPlaceholder', 4, value, common);
      break;
    case 'time': {
      // Date and time as two native inputs (Chromium's datetime-local cannot be typed into
      // reliably); the instant is written once both parts are there, the parts are kept meanwhile.
      const local = instantToLocal(value);
      const parts = ctx.instantParts.get(pathText) ?? { date: local.slice(0, 10), time: local.slice(11) };
      const timeLabel = term('timeOf', label);
      input = html`${plainInput('date', 'dt-date', parts.date, common)}<input
          part="control"
          type="time"
          class="time"
          data-path=${pathText}
          data-kind="dt-time"
          step=${parts.time.length > 5 ? '1' : '60'}
          aria-label=${timeLabel}
          .value=${live(parts.time)}
          ?readonly=${ro}
          ?required=${required}
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
        />`;
      break;
    }
    default:
      input = plainInput('date', 'date', value, common);
  }
  if (options.length === 0) return input;
  return html`<span class="date-control">
    <select class="precision" data-path=${pathText} data-kind="precision" aria-label=${term('precision', label)} ?disabled=${ro}>
      ${options.map((o) => html`<option value=${o} ?selected=${o === precision}>${names[o]}</option>`)}
    </select>
    ${input}
  </span>`;
}

function textDateInput(ctx: RenderContext, kind: string, placeholderKey: string, maxLength: number, value: string, c: ControlCommon): TemplateResult {
  // The placeholder is not read as a description: the expected format is, through aria-describedby.
  const formatId = `fmt-${c.id}`;
  const describedBy = c.describedBy === nothing ? formatId : `${formatId} ${c.describedBy}`;
  return html`<span class="visually-hidden" id=${formatId}>${ctx.localize.term('dateFormatHint', ctx.localize.term(placeholderKey))}</span><input
    part="control"
    type="text"
    inputmode="numeric"
    maxlength=${maxLength}
    placeholder=${ctx.localize.term(placeholderKey)}
    id=${c.id}
    data-path=${c.pathText}
    data-kind=${kind}
    .value=${live(value)}
    ?readonly=${c.ro}
    ?required=${c.required}
    aria-invalid=${c.invalid}
    aria-describedby=${describedBy}
  />`;
}

/** « 12/03/2026 », « 03/2026 » or « 2026 » (and « 12/03/2026 14:30 » where a time is allowed) in one text field. */
function dateTextInput(ctx: RenderContext, allowTime: boolean, value: string, c: ControlCommon): TemplateResult {
  const formatId = `fmt-${c.id}`;
  const describedBy = c.describedBy === nothing ? formatId : `${formatId} ${c.describedBy}`;
  const text = ctx.dateTexts.get(c.pathText) ?? dateText(value);
  return html`<span class="visually-hidden" id=${formatId}>${ctx.localize.term(allowTime ? 'dateTimeTextHint' : 'dateTextHint')}</span><input
    part="control"
    type="text"
    class="date-text"
    autocomplete="off"
    placeholder=${ctx.localize.term('dateTextPlaceholder')}
    id=${c.id}
    data-path=${c.pathText}
    data-kind="date-text"
    data-time=${allowTime ? 'true' : 'false'}
    .value=${live(text)}
    ?readonly=${c.ro}
    ?required=${c.required}
    aria-invalid=${c.invalid}
    aria-describedby=${describedBy}
  />`;
}
