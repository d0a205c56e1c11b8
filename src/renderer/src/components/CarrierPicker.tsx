/**
 * Carrier and service for the bulk bar's "Generate labels", from carriers.list. Left on "As set
 * per order", each order goes with its own choice or its shop's default; a carrier picked here
 * beats both for this run. The pick is kept in the UI store for the session; one that is no longer
 * offered (DHL switched off) falls back to "as set per order" instead of sending a carrier main
 * would refuse.
 */
import { useTranslation } from 'react-i18next';
import type { CarrierList, LabelChoice } from '../../../shared/carriers';
import { useCarriers } from '../api/queries';
import { useUi } from '../state/ui-store';

/** The stored pick while it is still offered, else none. */
export function effectiveChoice(list: CarrierList | undefined, stored: LabelChoice | null): LabelChoice | null {
  if (!stored) return null;
  if (!list) return stored.carrier === 'local' ? stored : null;
  const offer = list.carriers.find((c) => c.code === stored.carrier);
  return offer?.services.some((s) => s.code === stored.service) ? stored : null;
}

export function useLabelChoice(): LabelChoice | null {
  const carriers = useCarriers();
  const stored = useUi((s) => s.labelChoice);
  return effectiveChoice(carriers.data, stored);
}

export function CarrierPicker({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const carriers = useCarriers();
  const setChoice = useUi((s) => s.setLabelChoice);
  const choice = useLabelChoice();
  const offers = carriers.data?.carriers ?? [];
  const offer = offers.find((c) => c.code === choice?.carrier);

  return (
    <span className="carrier-picker">
      <select
        className="input"
        data-testid="label-carrier"
        aria-label={t('bulk.carrier')}
        value={choice?.carrier ?? ''}
        disabled={disabled}
        onChange={(e) => {
          const next = offers.find((c) => c.code === e.target.value);
          setChoice(next ? { carrier: next.code, service: next.defaultService } : null);
        }}
      >
        <option value="">{t('bulk.perOrder')}</option>
        {offers.map((c) => (
          <option key={c.code} value={c.code}>
            {t(`carrier.${c.code}`, c.name)}
          </option>
        ))}
      </select>
      {choice && (
        <select
          className="input"
          data-testid="label-service"
          aria-label={t('bulk.service')}
          value={choice.service}
          disabled={disabled || (offer?.services.length ?? 0) < 2}
          onChange={(e) => setChoice({ carrier: choice.carrier, service: e.target.value })}
        >
          {(offer?.services ?? []).map((s) => (
            <option key={s.code} value={s.code}>
              {s.code === 'standard' ? t('bulk.standard') : s.name === s.code ? s.code : `${s.name} (${s.code})`}
            </option>
          ))}
        </select>
      )}
    </span>
  );
}
