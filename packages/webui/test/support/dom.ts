/** Installs a happy-dom window as the globals the UI code uses, for DOM unit tests. */
import { Window } from 'happy-dom';

const NAMES = ['window', 'document', 'requestAnimationFrame', 'Event', 'HTMLElement', 'HTMLInputElement'] as const;

export function installDom(): { window: Window; uninstall(): void } {
  const window = new Window({ url: 'http://127.0.0.1:4545/' });
  const globals = globalThis as Record<string, unknown>;
  const saved = new Map(NAMES.map((name) => [name, globals[name]]));
  globals.window = window;
  globals.document = window.document;
  globals.requestAnimationFrame = (callback: () => void) => setTimeout(callback, 0);
  globals.Event = window.Event;
  globals.HTMLElement = window.HTMLElement;
  globals.HTMLInputElement = window.HTMLInputElement;
  return {
    window,
    uninstall: () => {
      for (const [name, value] of saved) globals[name] = value;
      void window.happyDOM.close();
    },
  };
}

export const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** For a describe block: a fresh DOM and an attached root element per test, removed after it. */
export function useDomRoot(): { readonly root: HTMLElement } {
  let dom: ReturnType<typeof installDom> | undefined;
  let root: HTMLElement | undefined;
  beforeEach(() => {
    dom = installDom();
    root = document.createElement('div');
    document.body.appendChild(root);
  });
  afterEach(() => dom?.uninstall());
  return {
    get root(): HTMLElement {
      if (!root) throw new Error('useDomRoot: the root exists only inside a test');
      return root;
    },
  };
}
