/** Under an attempt Procore would not take as is: why, and what Procore would do (core's verdict rules). */
import { verdictForAttempt, type Attempt } from '@hookline/core';
import { h } from '../dom.js';

export function verdictNote(attempt: Attempt): HTMLElement | null {
  const verdict = verdictForAttempt(attempt);
  if (!verdict || verdict.level === 'ok') return null;
  const headline = verdict.level === 'fail' ? `Procore would not accept this answer: ${verdict.message}` : `Warning: ${verdict.message}`;
  return h(
    'div',
    { class: `hl-verdict hl-verdict--${verdict.level}`, role: 'note' },
    h('p', { class: 'hl-verdict__message' }, headline),
    verdict.consequence ? h('p', { class: 'hl-verdict__consequence' }, verdict.consequence) : null,
  );
}
