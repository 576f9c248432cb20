import type { Consent, ConsentRecord, RecordAction } from '../../types';
import type { NoticeCache } from '../notice/create-notice-cache';
import { randomId } from '../random-id';
import type { Runtime } from '../runtime';
import { sendRecord } from '../send-record';
import { VERSION } from '../version';

/** Makes the proof-of-consent records of one instance. */
export interface Recorder {
  /**
   * Builds the record of what just happened, tells `consent` subscribers and sends it to the site's
   * log. The layer the UI announced is used once.
   */
  record(consent: Consent, action?: RecordAction): void;
  /** The record of an `embed-once` ("load once" on a placeholder): this one service, this once. */
  loadOnce(serviceId: string): void;
}

/** Creates the recorder for one instance; each record carries the hash of the notice its layer showed. */
export function createRecorder({ state }: Runtime, notices: NoticeCache): Recorder {
  const record = (consent: Consent, action: RecordAction = consent.action) => {
    const layer = state.layer ?? 'api';
    state.layer = undefined;
    const current = state.inventory!;
    const entry: ConsentRecord = {
      recordId: randomId(),
      ...consent,
      action,
      layer,
      inventoryHash: current.hash,
      noticeHash: notices.notice(layer).noticeHash,
      version: VERSION,
    };
    state.emitter.emit('consent', entry);
    sendRecord(current.consent.logUrl, entry);
  };
  return {
    record,
    loadOnce(serviceId) {
      // Nothing is stored, and the decision in force stays as it was.
      record(
        {
          id: state.decision?.id ?? randomId(),
          time: new Date().toISOString(),
          revision: state.inventory!.revision,
          action: 'embed',
          categories: [],
          services: [serviceId],
          exceptions: {},
          shown: [serviceId],
          lang: state.lang,
          gpc: state.gpc,
        },
        'embed-once',
      );
    },
  };
}
