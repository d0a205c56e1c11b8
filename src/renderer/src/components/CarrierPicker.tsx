/**
 * Carrier and service for the bulk bar's "Generate labels", from carriers.list. The choice is kept
 * in the UI store for the session; one that is no longer offered (DHL switched off) falls back to
 * the default instead of sending a carrier main would refuse.
 */
import { useTranslation } from 'react-i18next';
import type { CarrierList } from '../../../shared/carriers';
import { useCarriers } from '../api/queries';
import { useUi, type LabelChoice } from '../state/ui-store';

const LOCAL: LabelChoice = { carrier: 'local', service: 'standard' };

/** The stored choice while it is still offered, else the list's default carrier with its default service. */
export function effectiveChoice(list: CarrierList | undefined, stored: LabelChoice | null): LabelChoice {
  if (!list) return stored?.carrier === 'local' ? stored : LOCAL;
  const offer = list.carriers.find((c) => c.code === stored?.carrier);
  if (stored && offer?.services.some((s) => s.code === stored.service)) return stored;
  const fallback = list.carriers.find((c) => c.code === list.defaultCarrier) ?? list.carriers[0];
  return fallback ? { carrier: fallback.code, service: fallback.defaultService } : LOCAL;
}

export function useLabelChoice(): LabelChoice {
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
  const offer = offers.find((c) => c.code === choice.carrier);

  return (
    <span className="carrier-picker">
      <select
        className="input"
        data-testid="label-carrier"
        aria-label={t('bulk.carrier')}
        value={choice.carrier}
        disabled={disabled}
        onChange={(e) => {
          const next = offers.find((c) => c.code === e.target.value);
          if (next) setChoice({ carrier: next.code, service: next.defaultService });
        }}
      >
        {offers.map((c) => (
          <option key={c.code} value={c.code}>
            {t(`carrier.${c.code}`, c.name)}
          </option>
        ))}
      </select>
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
    </span>
  );
}
