/**
 * Returns a function that adds a stylesheet to a shadow root as a constructable stylesheet
 * (`adoptedStyleSheets`), one sheet per distinct text and document. A strict CSP
 * (`style-src 'self'`, no `'unsafe-inline'`) allows this, unlike a `<style>` element or a style
 * attribute. Where constructable stylesheets are missing (jsdom, Safari before 16.4) it does
 * nothing: the UI stays unstyled but works, and nothing is thrown into the host page.
 * @param doc - the document the shadow roots belong to
 */
export function adoptStyles(doc: Document): (root: ShadowRoot, css: string) => void {
  const sheets: Record<string, CSSStyleSheet> = {};
  return (root, css) => {
    try {
      let sheet = sheets[css];
      if (!sheet) (sheet = sheets[css] = new doc.defaultView!.CSSStyleSheet()).replaceSync(css);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    } catch {
      // No constructable stylesheets here.
    }
  };
}
