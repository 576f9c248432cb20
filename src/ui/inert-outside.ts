/**
 * Makes every sibling of `keep` inert (unfocusable, hidden from assistive technology) while the
 * modal dialog is open, so the page behind it is out of reach (requirement K1). Siblings that were
 * inert already are left alone.
 * @param keep - the widget's host element, a child of `<body>`
 * @returns a function that restores the siblings
 */
export function inertOutside(keep: Element): () => void {
  const made = [...keep.parentElement!.children].filter((el) => el != keep && !el.hasAttribute('inert'));
  made.forEach((el) => el.setAttribute('inert', ''));
  return () => made.forEach((el) => el.removeAttribute('inert'));
}
