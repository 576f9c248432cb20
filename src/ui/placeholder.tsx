/** @jsxRuntime classic */
/** @jsx element */
// Types only (the JSX namespace): the factory itself comes with `ui` (see `Ui.element`).
import type { element } from './element';
import type { Ui } from './ui';

type View = ReturnType<typeof element>;

/**
 * Stands in for a gated embed (requirement A4): names the service(s) and category from the embed's
 * `data-consent` ids and offers "Load once" and "Always allow <service>". Purely local: no
 * thumbnail, no request to the third party.
 * @param ui - the UI state
 * @param embed - the gated element
 * @param loadOnce - loads it this once, without a recorded decision
 * @param always - records "always allow" for one service (and moves focus to the embed)
 */
export function placeholder(ui: Ui, embed: Element, loadOnce: () => void, always: (serviceId: string) => void): View {
  const { element, t, pick, ctx } = ui;
  const { categories, services } = ctx.inventory;
  const ids = (embed.getAttribute('data-consent') || '').split(/\s+/);
  if (ctx.broken) {
    // No inventory to name the service by: the markup's ids and the host the embed would load from.
    let from = '';
    try {
      from = ' (' + new URL(embed.getAttribute('data-src') || '', ctx.document.baseURI).host + ')';
    } catch {
      // no usable address
    }
    return (
      <div class="crumbs-ph">
        <p>{t('placeholder.unavailable', { service: ids.join(', ') + from })}</p>
      </div>
    );
  }
  const own = services.filter((s) => ids.includes(s.id));
  const category = categories
    .filter((c) => ids.includes(c.id) || own.some((s) => s.category == c.id))
    .map((c) => ui.cat(c, 'name'))
    .join(', ');
  return (
    <div class="crumbs-ph">
      <p>{t('placeholder.text', { service: own.map((s) => pick(s.name)).join(', ') || category, category })}</p>
      {ui.button(loadOnce, t('placeholder.loadOnce'))}
      {own.map((s) => ui.button(() => always(s.id), t('placeholder.always', { service: pick(s.name) })))}
    </div>
  );
}
