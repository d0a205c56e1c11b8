/**
 * Correcting an order's address in its detail panel, before its label is made: the fields a
 * label needs, checked in main, with the refusal shown in words under the form.
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Address } from '../../../shared/dto';
import { call } from '../api/client';
import { toast } from '../state/toast-store';
import { FormFooter } from './FormFooter';

const FIELDS = ['name', 'company', 'line1', 'line2', 'postcode', 'city', 'state', 'country', 'phone'] as const;
type Field = (typeof FIELDS)[number];

export function AddressForm(props: { orderId: number; orderNumber: string; address: Address; onDone(): void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<Field, string>>(
    () => Object.fromEntries(FIELDS.map((f) => [f, props.address[f]])) as Record<Field, string>,
  );
  const save = useMutation({
    mutationFn: () => call('orders.correctAddress', { id: props.orderId, address: values }),
    onSuccess: () => {
      toast.success(t('address.saved', { number: props.orderNumber }));
      props.onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="address-form" data-testid="address-form" onSubmit={submit} noValidate>
      {FIELDS.map((field) => (
        <label key={field} className={`field${field === 'name' || field === 'line1' ? ' field--wide' : ''}`}>
          <span>{t(`address.${field}`)}</span>
          <input
            className="input"
            data-testid={`address-${field}`}
            value={values[field]}
            onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
          />
        </label>
      ))}
      <FormFooter
        error={save.error}
        errorTestId="address-error"
        pending={save.isPending}
        onCancel={props.onDone}
        saveTestId="address-save"
        saveLabel={t('address.save')}
      />
    </form>
  );
}
