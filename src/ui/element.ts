/** What a child of {@link element} may be: nested arrays are flattened, `false`, `null` and `undefined` skipped. */
type Child = Node | string | number | false | null | undefined | readonly Child[];

/** Props of an element: attributes, and `onClick` / `onKeyDown` style listeners. */
interface Props {
  [name: string]: unknown;
  onClick?: (event: MouseEvent & { currentTarget: HTMLElement }) => void;
  onKeyDown?: (event: KeyboardEvent & { currentTarget: HTMLElement }) => void;
}

/**
 * The JSX factory of the views drawn once and never re-rendered (banner, placeholders, the notice of
 * a broken site): it makes real DOM elements at once, so the first visit and every page with a
 * blocked embed need no Preact (about 4.5 KB gzip); only the preferences dialog and the cookie
 * declaration, which re-render as switches change, use Preact.
 *
 * Props become attributes (`true` an empty one; `false`, `null` and `undefined` none), `on*` props
 * listeners. Strings become text nodes, never markup: inventory text cannot inject HTML.
 * @param tag - element name
 * @param props - attributes and listeners
 * @param children - nodes and text
 * @example
 * ```tsx
 * /** @jsx element *\/
 * const note = <p class="crumbs-note">{text}</p>;
 * ```
 */
export function element(tag: string, props: Props | null, ...children: Child[]): HTMLElement {
  const created = document.createElement(tag);
  for (const name in props) {
    const value = props[name];
    if (name.startsWith('on')) created.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    else if (value != null && value !== false) created.setAttribute(name, value === true ? '' : String(value));
  }
  add(created, children);
  return created;
}

function add(parent: HTMLElement, children: readonly Child[]): void {
  for (const child of children)
    if (Array.isArray(child)) add(parent, child);
    else if (child != null && child !== false) parent.append(child as Node | string);
}

// The JSX types of files whose pragma is `@jsx element` (TypeScript looks them up on the factory).
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace element {
  namespace JSX {
    type Element = HTMLElement;
    interface IntrinsicElements {
      [tag: string]: Props;
    }
    interface ElementChildrenAttribute {
      children: unknown;
    }
  }
}
