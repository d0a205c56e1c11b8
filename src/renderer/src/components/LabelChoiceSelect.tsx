/**
 * One select for a carrier and service together, for a shop's default (Channels) and an order's
 * own choice (order detail). The first option clears the choice, so the next rule applies. A
 * stored choice whose carrier is no longer set up stays listed, so the select never lies about it.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CARRIER_OFFERS, serviceName, type LabelChoice, type ResolvedLabelChoice } from '../../../shared/carriers';
import { CARRIER_CODES } from '../../../shared/statuses';
import { useCarriers } from '../api/queries';

const keyOf = (c: LabelChoice): string => `${c.carrier}:${c.service}`;

/** A named service of a fixed list (DHL's V01PAK), shown with its code; Sendcloud's codes are their own names. */
const listsService = (c: LabelChoice): boolean =>
  c.service !== 'standard' && CARRIER_OFFERS[c.carrier].services.some((s) => s.code === c.service);

/** "DHL Paket", or "Local delivery" for its one standard service. */
export function choiceName(t: TFunction, choice: LabelChoice): string {
  return choice.service === 'standard' ? t(`carrier.${choice.carrier}`, serviceName(choice)) : serviceName(choice);
}

/** "DHL Paket — shop default": what a label made now would be bought with, and why. */
export function describeChoice(t: TFunction, choice: ResolvedLabelChoice): string {
  return t('labelChoice.line', { name: choiceName(t, choice), source: t(`labelChoice.source.${choice.source}`) });
}

interface Props {
  value: LabelChoice | null;
  /** The words of the first option: what applies when nothing is chosen here. */
  unsetLabel: string;
  disabled?: boolean;
  testId: string;
  ariaLabel: string;
  onChange(choice: LabelChoice | null): void;
}

export function LabelChoiceSelect({ value, unsetLabel, disabled, testId, ariaLabel, onChange }: Props) {
  const { t } = useTranslation();
  const carriers = useCarriers();
  // The live offers: a Sendcloud account's services are its own shipping options.
  const offered = new Map((carriers.data?.carriers ?? []).map((c) => [c.code, c.services]));
  const choices = CARRIER_CODES.filter((code) => offered.has(code) || value?.carrier === code).flatMap((code) =>
    (offered.get(code) ?? CARRIER_OFFERS[code].services).map((s): LabelChoice => ({ carrier: code, service: s.code })),
  );
  if (value && !choices.some((c) => keyOf(c) === keyOf(value))) choices.push(value);
  return (
    <select
      className="input"
      data-testid={testId}
      aria-label={ariaLabel}
      value={value ? keyOf(value) : ''}
      disabled={disabled}
      onChange={(e) => onChange(choices.find((c) => keyOf(c) === e.target.value) ?? null)}
    >
      <option value="">{unsetLabel}</option>
      {choices.map((c) => (
        <option key={keyOf(c)} value={keyOf(c)}>
          {listsService(c) ? `${serviceName(c)} (${c.service})` : choiceName(t, c)}
        </option>
      ))}
    </select>
  );
}
