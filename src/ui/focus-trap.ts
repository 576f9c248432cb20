/**
 * Keeps Tab and Shift+Tab inside `box` by wrapping from its last control to its first and back
 * (APG modal dialog pattern, requirement K1). Call it from the dialog's keydown handler.
 * Everything behind the dialog is also made inert, so this only has to handle the two edges.
 * @param event - the keydown event; ignored unless it is Tab
 * @param box - the dialog element
 */
export function trapFocus(event: KeyboardEvent, box: HTMLElement): void {
  if (event.key != 'Tab') return;
  // '*' then matches(): document order for sure (jsdom's selector lists do not keep it).
  const all = [...box.querySelectorAll<HTMLElement>('*')].filter((el) => el.matches('button,[href],input:not(:disabled),summary'));
  const first = all[0];
  const last = all[all.length - 1];
  // Inside a shadow root, document.activeElement is the host; the root knows the real one.
  const active = (box.getRootNode() as ShadowRoot).activeElement;
  // Focus may also rest on something before the first control (the title, where the dialog
  // puts it when it opens): Shift+Tab from there wraps too.
  const atStart = !active || active == first || (first && active.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (event.shiftKey ? atStart : active == last) {
    event.preventDefault();
    (event.shiftKey ? last : first)?.focus();
  }
}
