import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TrackingView } from '../../../shared/tracking';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { formatDateTime } from '../formatting';
import { toast } from '../state/toast-store';
import { Spinner } from './Spinner';

/**
 * "Track parcel" on a label whose carrier reports the parcel's way (Sendcloud, DHL): asks the carrier
 * now, each press, and shows the status in our words beside the carrier's and every event, newest
 * first as a packer answering "where is my parcel?" reads them.
 */
export function TrackParcel({ orderId }: { orderId: number }) {
  const { t } = useTranslation();
  const track = useMutation({
    mutationFn: () => call('labels.track', { orderId }),
    onError: (error) => toast.error(messageOf(error)),
  });
  return (
    <div className="track-parcel">
      <button
        type="button"
        className="button"
        data-testid="track-parcel"
        onClick={() => track.mutate()}
        disabled={track.isPending}
      >
        {track.isPending && <Spinner size={16} />}
        <span>{track.data ? t('tracking.again') : t('tracking.button')}</span>
      </button>
      {track.data && <TrackingResult view={track.data} />}
    </div>
  );
}

function TrackingResult({ view }: { view: TrackingView }) {
  const { t } = useTranslation();
  return (
    <div className="track-parcel__result" data-testid="tracking-result" data-status={view.status}>
      <p className="track-parcel__status">
        <span className={`track-status track-status--${view.status}`} data-testid="tracking-status">
          {t(`tracking.status.${view.status}`)}
        </span>{' '}
        <span className="muted">
          {t('tracking.carrierSays', { carrier: t(`carrier.${view.carrier}`, view.carrier) })}: {view.carrierStatus}
        </span>
      </p>
      {view.events.length === 0 ? (
        <p className="muted">{t('tracking.noEvents')}</p>
      ) : (
        <ol className="track-events" data-testid="tracking-events">
          {[...view.events].reverse().map((event, i) => (
            <li key={`${event.at}-${i}`}>
              <span className="track-events__when muted">{formatDateTime(event.at)}</span>
              <span>
                {event.message}
                {event.location && <span className="muted"> · {event.location}</span>}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
