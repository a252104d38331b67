/**
 * Notification Endpoint and Authorization Header with "Save Endpoint". The relay validates (core owns the
 * rules) and the banner shows its verdict. The Authorization value is a secret: it is hidden unless the person
 * reveals it, never logged, cleared after saving, and the relay only ever sends it back masked.
 */
import type { PublicHook, RequestMap } from '@hookline/core';
import type { Banner } from '../banner.js';
import { h, uniqueId } from '../dom.js';
import { toCodedError } from '../errors.js';

type EndpointParams = RequestMap['endpoint.set']['params'];
type EndpointResult = RequestMap['endpoint.set']['result'];

export interface EndpointFormDeps {
  save(params: EndpointParams): Promise<EndpointResult>;
  banner: Banner;
  onSaved(hook: PublicHook): void;
}

const AUTH_PLACEHOLDER = 'Optional, e.g. Bearer 3f9c…';

export class EndpointForm {
  readonly element: HTMLFormElement;
  private readonly url: HTMLInputElement;
  private readonly auth: HTMLInputElement;
  private readonly reveal: HTMLButtonElement;
  private readonly remove: HTMLButtonElement;
  private readonly saveButton: HTMLButtonElement;
  private readonly authNote: HTMLElement;
  private hook: PublicHook | undefined;
  private lastShownUrl = '';
  private removeAuthorization = false;
  private busy = false;
  private enabled = true;

  constructor(private readonly deps: EndpointFormDeps) {
    const urlId = uniqueId('endpoint');
    const authId = uniqueId('authorization');
    const urlHelp = uniqueId('endpoint-help');
    const authHelp = uniqueId('authorization-help');
    this.url = h('input', {
      id: urlId, type: 'text', inputmode: 'url', class: 'hl-input', autocomplete: 'off', spellcheck: false,
      placeholder: 'https://example.com/procore/webhooks', 'aria-describedby': urlHelp,
    });
    this.auth = h('input', {
      id: authId, type: 'password', class: 'hl-input hl-input--secret', autocomplete: 'new-password', spellcheck: false,
      placeholder: AUTH_PLACEHOLDER, 'aria-describedby': authHelp,
    });
    this.reveal = h('button', { type: 'button', class: 'hl-button hl-button--secondary', 'aria-pressed': 'false', 'aria-controls': authId, 'aria-label': 'Show the Authorization Header' }, 'Show');
    this.remove = h('button', { type: 'button', class: 'hl-button hl-button--secondary', hidden: true }, 'Remove saved header');
    this.saveButton = h('button', { type: 'submit', class: 'hl-button' }, 'Save Endpoint');
    this.authNote = h('span', { class: 'hl-note' });

    this.element = h(
      'form',
      { class: 'hl-endpoint', novalidate: true },
      h('div', { class: 'hl-field' },
        h('label', { for: urlId, class: 'hl-label' }, 'Notification Endpoint'),
        this.url,
        h('p', { id: urlHelp, class: 'hl-hint' }, 'The URL of the endpoint on your web server that handles the POST requests.'),
      ),
      h('div', { class: 'hl-field' },
        h('label', { for: authId, class: 'hl-label' }, 'Authorization Header'),
        h('div', { class: 'hl-inline' }, this.auth, this.reveal, this.remove),
        h('p', { id: authHelp, class: 'hl-hint' }, 'Optional. Sent verbatim in the Authorization header of every POST, e.g. "Basic c3a2…" or "Bearer …". ', this.authNote),
      ),
      h('div', { class: 'hl-actions' }, this.saveButton),
    );

    this.reveal.addEventListener('click', () => this.toggleReveal());
    this.remove.addEventListener('click', () => {
      this.removeAuthorization = !this.removeAuthorization;
      this.auth.value = '';
      this.renderAuthorization();
    });
    this.url.addEventListener('input', () => this.url.setAttribute('aria-invalid', 'false'));
    this.auth.addEventListener('input', () => {
      this.auth.setAttribute('aria-invalid', 'false');
      if (this.auth.value !== '' && this.removeAuthorization) {
        this.removeAuthorization = false;
        this.renderAuthorization();
      }
    });
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
  }

  /** Shows a hook; a URL the person is editing is left alone unless the hook itself changed. */
  setHook(hook: PublicHook | undefined): void {
    const switched = hook?.id !== this.hook?.id;
    this.hook = hook;
    const savedUrl = hook?.destinationUrl ?? '';
    if (switched || this.url.value === this.lastShownUrl) this.url.value = savedUrl;
    this.lastShownUrl = savedUrl;
    if (switched) {
      this.auth.value = '';
      this.removeAuthorization = false;
      this.setInvalid(null);
    }
    this.renderAuthorization();
    this.renderEnabled();
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.renderEnabled();
  }

  private async submit(): Promise<void> {
    const hook = this.hook;
    if (!hook || this.busy) return;
    const params: EndpointParams = { hookId: hook.id, destinationUrl: this.url.value };
    if (this.auth.value !== '') params.authorization = this.auth.value;
    else if (this.removeAuthorization) params.authorization = null;
    this.busy = true;
    this.renderEnabled();
    try {
      const result = await this.deps.save(params);
      this.setInvalid(null);
      this.auth.value = '';
      this.removeAuthorization = false;
      this.lastShownUrl = '';
      this.setHook(result.hook);
      this.deps.onSaved(result.hook);
      this.deps.banner.show({
        kind: 'success',
        title: result.warnings.length > 0 ? 'Endpoint saved, with warnings:' : 'Endpoint saved.',
        messages: result.warnings.length > 0 ? result.warnings.map((w) => w.message) : [`Deliveries go to ${result.hook.destinationUrl ?? ''}.`],
      });
    } catch (error) {
      const coded = toCodedError(error);
      this.setInvalid(coded.field ?? null);
      this.deps.banner.show({ kind: 'warning', title: 'The endpoint was not saved.', messages: [coded.message] });
    } finally {
      this.busy = false;
      this.renderEnabled();
    }
  }

  private toggleReveal(): void {
    const revealing = this.auth.type === 'password';
    this.auth.type = revealing ? 'text' : 'password';
    this.reveal.textContent = revealing ? 'Hide' : 'Show';
    this.reveal.setAttribute('aria-pressed', String(revealing));
    this.reveal.setAttribute('aria-label', revealing ? 'Hide the Authorization Header' : 'Show the Authorization Header');
  }

  private renderAuthorization(): void {
    const masked = this.hook?.authorization ?? null;
    this.remove.hidden = masked === null;
    this.remove.setAttribute('aria-pressed', String(this.removeAuthorization));
    this.remove.textContent = this.removeAuthorization ? 'Keep saved header' : 'Remove saved header';
    this.auth.placeholder = this.removeAuthorization ? 'Will be removed when you save' : masked ?? AUTH_PLACEHOLDER;
    this.authNote.textContent =
      masked === null ? '' : this.removeAuthorization ? 'Save to remove the saved header.' : `A header is saved (${masked}); leave the field empty to keep it.`;
  }

  private renderEnabled(): void {
    const usable = this.enabled && this.hook !== undefined;
    this.saveButton.disabled = !usable || this.busy;
    this.saveButton.setAttribute('aria-busy', String(this.busy));
    this.saveButton.textContent = this.busy ? 'Saving…' : 'Save Endpoint';
    this.url.disabled = !usable;
    this.auth.disabled = !usable;
  }

  private setInvalid(field: string | null): void {
    const urlInvalid = field !== null && field !== 'authorization';
    const authInvalid = field === 'authorization';
    this.url.setAttribute('aria-invalid', String(urlInvalid));
    this.auth.setAttribute('aria-invalid', String(authInvalid));
    if (urlInvalid) this.url.focus();
    if (authInvalid) this.auth.focus();
  }
}
