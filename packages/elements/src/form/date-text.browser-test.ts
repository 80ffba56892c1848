// One text field per date: what a clinician types, read into the model's representation
// (precision from what was typed), impossible dates refused, and the text a model date shows.
import '../testing/mocha-globals.js';
import { assert } from '../testing/assert.js';
import { dateText, readDateText } from './date-text.js';

const now = new Date('2026-12-06T08:00:00Z');
const read = (text: string, allowTime = false) => readDateText(text, { allowTime, now });

describe('date typed as text', () => {
  it('reads day, month or year precision from what was typed', () => {
    assert.deepEqual(read('12/03/2026'), { value: '2026-03-12' });
    assert.deepEqual(read('1/3/2026'), { value: '2026-03-01' });
    assert.deepEqual(read('12.03.2026'), { value: '2026-03-12' });
    assert.deepEqual(read('12032026'), { value: '2026-03-12' });
    assert.deepEqual(read('12/03/26'), { value: '2026-03-12' });
    assert.deepEqual(read('05/06/68'), { value: '1968-06-05' }, 'two-digit years up to next year are this century');
    assert.deepEqual(read('03/2026'), { value: '2026-03' });
    assert.deepEqual(read('2026'), { value: '2026' });
    assert.deepEqual(read('2026-03'), { value: '2026-03' }, 'the model notation is accepted');
    assert.deepEqual(read('2026-03-12'), { value: '2026-03-12' });
    assert.equal(read('  '), undefined);
  });

  it('refuses impossible dates instead of moving them', () => {
    assert.deepEqual(read('31/02/2026'), { problem: 'impossible' });
    assert.deepEqual(read('29/02/2026'), { problem: 'impossible' });
    assert.deepEqual(read('29/02/2024'), { value: '2024-02-29' }, 'leap year');
    assert.deepEqual(read('13/2026'), { problem: 'impossible' });
    assert.deepEqual(read('2026-13'), { problem: 'impossible' });
    assert.deepEqual(read('12/3'), { problem: 'format' });
    assert.deepEqual(read('hier'), { problem: 'format' });
  });

  it('reads a time (Paris, with the offset of that date) where the field allows one', () => {
    assert.deepEqual(read('12/03/2026 14:30', true), { value: '2026-03-12T14:30+01:00' });
    assert.deepEqual(read('12/07/2026 14h30', true), { value: '2026-07-12T14:30+02:00' });
    assert.deepEqual(read('12/03/2026 14:30'), { problem: 'format' }, 'no time in a partial date');
    assert.deepEqual(read('12/03/2026 25:00', true), { problem: 'impossible' });
  });

  it('shows a model date as a clinician writes it', () => {
    assert.equal(dateText('2026-03-12'), '12/03/2026');
    assert.equal(dateText('2026-03'), '03/2026');
    assert.equal(dateText('2026'), '2026');
    assert.equal(dateText('2026-03-12T14:30:00+01:00'), '12/03/2026 14:30');
    assert.equal(dateText(undefined), '');
    for (const value of ['2026-03-12', '2026-03', '2026']) assert.deepEqual(read(dateText(value)), { value }, `${value} round trip`);
  });
});
