/** A titled, keyboard-scrollable block of text with a Copy button. */
import { h } from '../dom.js';

async function copyText(text: string, fallbackSource: HTMLElement): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Clipboard API refused (no permission, not focused): try the selection route below.
  }
  const selection = window.getSelection();
  if (!selection) return false;
  const range = document.createRange();
  range.selectNodeContents(fallbackSource);
  selection.removeAllRanges();
  selection.addRange(range);
  try {
    return document.execCommand('copy');
  } finally {
    selection.removeAllRanges();
  }
}

export function codeBlock(title: string, text: string, note?: string): HTMLElement {
  const code = h('code', {}, text);
  const pre = h('pre', { class: 'hl-code__text', tabindex: 0, 'aria-label': title }, code);
  const copy = h('button', { type: 'button', class: 'hl-button hl-button--secondary hl-button--small', 'aria-label': `Copy ${title}` }, 'Copy');
  const status = h('span', { class: 'hl-code__status', role: 'status' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  copy.addEventListener('click', () => {
    void copyText(text, code).then((ok) => {
      status.textContent = ok ? 'Copied' : 'Copy failed: select the text and copy it by hand';
      clearTimeout(timer);
      timer = setTimeout(() => (status.textContent = ''), 2000);
    });
  });
  return h(
    'div',
    { class: 'hl-code' },
    h('div', { class: 'hl-code__bar' }, h('h4', { class: 'hl-code__title' }, title), note ? h('span', { class: 'hl-note' }, note) : null, status, copy),
    pre,
  );
}
