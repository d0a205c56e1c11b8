import { useMutation } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateBatchResult, CredentialView } from '../../../shared/dto';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { useBatches, useCredentials } from '../api/queries';
import { saveFile } from '../api/save-file';
import { BatchActions } from '../components/BatchActions';
import { BatchesIcon, DownloadIcon, StoreIcon } from '../components/icons';
import { Spinner } from '../components/Spinner';
import { BatchStatusChip } from '../components/StatusChip';
import { formatDateTime } from '../formatting';
import { toast } from '../state/toast-store';

type Outcome = { ok: true; value: CreateBatchResult } | { ok: false; message: string };

function CreateBatchCard({ credential }: { credential: CredentialView }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const create = useMutation({
    mutationFn: () => call('batches.create', { credentialId: credential.id }),
    onMutate: () => setOutcome(null),
    onSuccess: (value) => setOutcome({ ok: true, value }),
    onError: (error) => setOutcome({ ok: false, message: messageOf(error) }),
  });
  return (
    <div className="batch-card" data-testid="batch-source" data-credential-id={credential.id}>
      <div className="batch-card__shop">
        <StoreIcon />
        <div>
          <div className="batch-card__name">
            {credential.displayName}
            {credential.isSandbox && <span className="badge badge--training">{t('shops.training')}</span>}
          </div>
          <div className="muted">
            {t(`channel.${credential.providerCode}`, credential.providerCode)} · {credential.externalId}
          </div>
        </div>
      </div>
      <button
        type="button"
        className="button button--primary button--large"
        data-testid="create-batch"
        onClick={() => create.mutate()}
        disabled={create.isPending}
        aria-busy={create.isPending}
      >
        {create.isPending ? <Spinner size={16} /> : <BatchesIcon width={18} height={18} />}
        <span>{t('batches.create')}</span>
      </button>
      {outcome && (
        <p
          className={outcome.ok ? 'batch-card__result is-ok' : 'batch-card__result is-error'}
          data-testid="batch-result"
          data-outcome={outcome.ok ? 'ok' : 'error'}
          role={outcome.ok ? 'status' : 'alert'}
        >
          {outcome.ok
            ? t('batches.created', {
                batchId: outcome.value.batch_id,
                count: outcome.value.order_count,
              })
            : outcome.message}
        </p>
      )}
    </div>
  );
}

function DownloadButton({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const download = useMutation({
    mutationFn: () => call('batches.download', { batchId }),
    onSuccess: saveFile,
    onError: (error) => toast.error(messageOf(error)),
  });
  return (
    <button
      type="button"
      className="button button--small"
      data-testid="download-batch"
      onClick={() => download.mutate()}
      disabled={download.isPending}
      aria-busy={download.isPending}
    >
      {download.isPending ? <Spinner size={14} /> : <DownloadIcon width={16} height={16} />}
      <span>{t('batches.download')}</span>
    </button>
  );
}

/** A long file name that may break after its underscores (store, day, sequence), never mid-word. */
function FileName({ name }: { name: string }) {
  const parts = name.split('_');
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 && (
        <>
          _<wbr />
        </>
      )}
    </Fragment>
  ));
}

export function BatchesScreen() {
  const { t } = useTranslation();
  const credentials = useCredentials();
  const batches = useBatches();
  const channels = (credentials.data ?? []).filter((c) => c.type === 'order_channel' && c.isActive);
  const storeName = (channel: string, sellerId: string) =>
    credentials.data?.find((c) => c.providerCode === channel && c.externalId === sellerId)?.displayName;

  return (
    <div className="batches">
      <h1 className="screen-title">{t('batches.title')}</h1>
      <p className="screen-lead muted">{t('batches.lead')}</p>

      <section className="batches__create" aria-label={t('batches.createSection')}>
        {credentials.isPending && <Spinner size={20} label={t('common.loading')} />}
        {credentials.isError && <p className="inline-error">{messageOf(credentials.error)}</p>}
        {credentials.isSuccess && channels.length === 0 && <p className="muted">{t('shops.none')}</p>}
        {channels.map((c) => (
          <CreateBatchCard key={c.id} credential={c} />
        ))}
      </section>

      <section className="batches__list">
        <h2 className="section-title">{t('batches.listTitle')}</h2>
        {batches.isPending && <Spinner size={20} label={t('common.loading')} />}
        {batches.isError && <p className="inline-error">{messageOf(batches.error)}</p>}
        {batches.isSuccess && batches.data.length === 0 && (
          <div className="empty" data-testid="batches-empty">
            <p>{t('batches.empty')}</p>
          </div>
        )}
        {batches.isSuccess && batches.data.length > 0 && (
          <table className="table" data-testid="batch-table">
            <thead>
              <tr>
                <th>{t('batches.col.id')}</th>
                <th>{t('batches.col.channel')}</th>
                <th>{t('batches.col.store')}</th>
                <th>{t('batches.col.status')}</th>
                <th className="num">{t('batches.col.orders')}</th>
                <th>{t('batches.col.file')}</th>
                <th>{t('batches.col.created')}</th>
                <th className="actions">
                  <span className="visually-hidden">{t('batches.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {batches.data.map((b) => {
                const name = storeName(b.channel, b.sellerId);
                return (
                  <tr key={b.batchId} data-testid="batch-row" data-batch-id={b.batchId}>
                    <td className="mono strong">{b.batchId}</td>
                    <td>{t(`channel.${b.channel}`, b.channel)}</td>
                    <td>
                      {name ?? b.sellerId}
                      {name && <span className="muted"> · {b.sellerId}</span>}
                    </td>
                    <td>
                      <BatchStatusChip status={b.status} />
                      {b.packedCount > 0 && (
                        <div className="muted" data-testid="batch-packed">
                          {t('batches.packedOf', { packed: b.packedCount, count: b.orderCount })}
                        </div>
                      )}
                      {b.printJobsOpen > 0 && (
                        <div className="muted" data-testid="batch-printing">
                          {t('batches.printing', { count: b.printJobsOpen })}
                        </div>
                      )}
                      {b.printProblem && (
                        <div className="inline-error" data-testid="batch-print-problem" role="alert">
                          {b.printProblem}
                        </div>
                      )}
                    </td>
                    <td className="num">{b.orderCount}</td>
                    <td className="mono muted batches__file" data-testid="batch-file">
                      <FileName name={b.fileName} />
                    </td>
                    <td>{formatDateTime(b.createdAt)}</td>
                    <td className="actions">
                      <DownloadButton batchId={b.batchId} />
                      <BatchActions batch={b} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
