/** Chooses which hook the page edits; shown only when the relay has more than one. */
import type { PublicHook } from '@hookline/core';
import { h, replaceChildren, uniqueId } from './dom.js';

export function hookLabel(hook: PublicHook): string {
  const where = hook.destinationUrl ?? 'no endpoint yet';
  const disabled = hook.status === 'disabled' ? ', disabled' : '';
  return `${hook.namespace} (#${hook.id}${disabled}): ${where}`;
}

/** The hook to show: the remembered one if it still exists, else the default "hookline" hook, else the first. */
export function chooseHook(hooks: readonly PublicHook[], remembered: number | null): PublicHook | undefined {
  return hooks.find((h) => h.id === remembered) ?? hooks.find((h) => h.namespace === 'hookline') ?? hooks[0];
}

export class HookPicker {
  readonly element: HTMLElement;
  private readonly select: HTMLSelectElement;

  constructor(onPick: (hookId: number) => void) {
    const id = uniqueId('hook');
    this.select = h('select', { id, class: 'hl-select' });
    this.select.addEventListener('change', () => onPick(Number(this.select.value)));
    this.element = h('div', { class: 'hl-field hl-hook-picker', hidden: true }, h('label', { for: id, class: 'hl-label' }, 'Hook'), this.select);
  }

  render(hooks: readonly PublicHook[], selectedId: number | null): void {
    this.element.hidden = hooks.length <= 1;
    replaceChildren(
      this.select,
      ...hooks.map((hook) => {
        const option = h('option', { value: String(hook.id) }, hookLabel(hook));
        option.selected = hook.id === selectedId;
        return option;
      }),
    );
  }
}
