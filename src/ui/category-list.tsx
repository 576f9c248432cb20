/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact';
import { serviceDetails } from './service-details';
import { switchControl } from './switch-control';
import type { Ui } from './ui';

/**
 * Every category with its purpose and services. The dialog shows it with switches and the services
 * in a disclosure whose summary counts them (C1-C3); the page's cookie declaration shows it with headings, all open.
 * @param ui - the UI state
 * @param switches - dialog mode
 */
export const categoryList = (ui: Ui, switches?: boolean) =>
  ui.ctx.inventory.categories.map((c) => {
    const name = ui.cat(c, 'name');
    const own = ui.ctx.inventory.services.filter((s) => s.category == c.id);
    const list = own.map((s) => (
      <div class="crumbs-service">
        {switches ? switchControl(ui, s.id, ui.pick(s.name), c.required) : <h4>{ui.pick(s.name)}</h4>}
        {serviceDetails(ui, s)}
      </div>
    ));
    return (
      <div class="crumbs-category">
        {switches ? switchControl(ui, c.id, name, c.required) : <h3>{name}</h3>}
        <p>{ui.cat(c, 'description')}</p>
        {switches && list[0] ? (
          <details>
            <summary>
              {ui.t('prefs.services', {
                services: '' + own.length,
                cookies: '' + own.reduce((n, s) => n + s.cookies.length, 0),
              })}
            </summary>
            {list}
          </details>
        ) : (
          list
        )}
      </div>
    );
  });
