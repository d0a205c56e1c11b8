import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterView, PrintJobView } from '../../../shared/dto';
import {
  PRINTER_DRIVERS,
  PRINTER_LANGUAGES,
  PRINTER_MEDIA,
  type PrinterDriverKind,
  type PrinterLanguage,
  type PrinterMedia,
} from '../../../shared/printing';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { useDiscoveredPrinters, usePrinters, usePrintJobs, usePrintSettings } from '../api/print-queries';
import { PrinterIcon } from '../components/icons';
import { Spinner } from '../components/Spinner';
import { formatDateTime } from '../formatting';
import { toast } from '../state/toast-store';

function PrinterCard({ printer }: { printer: PrinterView }) {
  const { t } = useTranslation();
  const mediaName = t(`printers.mediaName.${printer.media}`);
  const test = useMutation({
    mutationFn: () => call('printers.test', { id: printer.id }),
    onSuccess: () => toast.success(t('printers.testQueued', { name: printer.name })),
    onError: (error) => toast.error(messageOf(error)),
  });
  const makeDefault = useMutation({
    mutationFn: () => call('printers.update', { ...pick(printer), id: printer.id, isDefault: true }),
    onError: (error) => toast.error(messageOf(error)),
  });
  const remove = useMutation({
    mutationFn: () => call('printers.remove', { id: printer.id }),
    onSuccess: () => toast.success(t('printers.removed', { name: printer.name })),
    onError: (error) => toast.error(messageOf(error)),
  });
  return (
    <article
      className={`printer-card is-${printer.status.state}`}
      data-testid="printer-card"
      data-printer-state={printer.status.state}
    >
      <div className="printer-card__head">
        <PrinterIcon />
        <div className="printer-card__title">
          <strong>{printer.name}</strong>
          {printer.isDefault && <span className="badge">{t('printers.default')}</span>}
        </div>
        <span className={`printer-state printer-state--${printer.status.state}`} data-testid="printer-state">
          {t(`printers.state.${printer.status.state}`)}
        </span>
      </div>
      {printer.status.state !== 'ready' && (
        <p className="printer-card__message" data-testid="printer-message">
          {printer.status.message}
        </p>
      )}
      <dl className="printer-card__facts">
        <dt>{t('printers.driver')}</dt>
        <dd>
          {t(`printers.driverName.${printer.driver}`)} · <span className="mono">{printer.target}</span>
        </dd>
        <dt>{t('printers.media')}</dt>
        <dd>
          {mediaName} · {t(`printers.languageName.${printer.language}`)}
        </dd>
      </dl>
      {printer.pendingJobs > 0 && (
        <p className="printer-card__pending" data-testid="printer-pending">
          {t('printers.pending', { count: printer.pendingJobs })}
        </p>
      )}
      <div className="printer-card__actions">
        <button type="button" className="button button--small" onClick={() => test.mutate()} disabled={test.isPending}>
          {test.isPending && <Spinner size={14} />}
          <span>{t('printers.test')}</span>
        </button>
        {!printer.isDefault && (
          <button
            type="button"
            className="button button--small"
            onClick={() => makeDefault.mutate()}
            disabled={makeDefault.isPending}
          >
            {t('printers.setDefault')}
          </button>
        )}
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={() => remove.mutate()}
          disabled={remove.isPending}
        >
          {t('printers.remove')}
        </button>
      </div>
    </article>
  );
}

function pick(p: PrinterView) {
  return { name: p.name, driver: p.driver, target: p.target, media: p.media, language: p.language };
}

function AddPrinterForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const discovered = useDiscoveredPrinters();
  const [name, setName] = useState('');
  const [driver, setDriver] = useState<PrinterDriverKind>('tcp');
  const [target, setTarget] = useState('');
  const [media, setMedia] = useState<PrinterMedia>('4x6');
  const [language, setLanguage] = useState<PrinterLanguage>('zpl');
  const [isDefault, setIsDefault] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () => call('printers.add', { name, driver, target, media, language, isDefault }),
    onMutate: () => setError(null),
    onSuccess: (printer) => {
      toast.success(t('printers.added', { name: printer.name }));
      onDone();
    },
    onError: (e) => setError(messageOf(e)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const known = (discovered.data ?? []).filter((d) => d.driver === driver);
  return (
    <form className="printer-form" onSubmit={submit} data-testid="add-printer-form" aria-label={t('printers.addTitle')}>
      <h2 className="section-title">{t('printers.addTitle')}</h2>
      <label className="field">
        <span>{t('printers.name')}</span>
        <input
          className="input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('printers.namePlaceholder')}
          data-testid="printer-name"
        />
      </label>
      <label className="field">
        <span>{t('printers.driver')}</span>
        <select
          className="input"
          value={driver}
          onChange={(e) => {
            const next = e.target.value as PrinterDriverKind;
            setDriver(next);
            if (next === 'system') setLanguage('pdf');
          }}
          data-testid="printer-driver"
        >
          {PRINTER_DRIVERS.map((d) => (
            <option key={d} value={d}>
              {t(`printers.driverName.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--wide">
        <span>{t('printers.target')}</span>
        <input
          className="input mono"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          placeholder={t(`printers.targetHint.${driver}`)}
          list="known-printers"
          data-testid="printer-target"
        />
        <datalist id="known-printers">
          {known.map((d) => (
            <option key={d.target} value={d.target}>
              {d.description}
            </option>
          ))}
        </datalist>
      </label>
      <label className="field">
        <span>{t('printers.media')}</span>
        <select
          className="input"
          value={media}
          onChange={(e) => {
            const next = e.target.value as PrinterMedia;
            setMedia(next);
            setLanguage(next === 'A4' || driver === 'system' ? 'pdf' : 'zpl');
          }}
          data-testid="printer-media"
        >
          {PRINTER_MEDIA.map((m) => (
            <option key={m} value={m}>
              {t(`printers.mediaName.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('printers.language')}</span>
        <select
          className="input"
          value={language}
          onChange={(e) => setLanguage(e.target.value as PrinterLanguage)}
          data-testid="printer-language"
        >
          {PRINTER_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`printers.languageName.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="check field--wide">
        <input
          type="checkbox"
          checked={isDefault}
          onChange={(e) => setIsDefault(e.target.checked)}
          data-testid="printer-default"
        />
        <span>{t('printers.makeDefault', { media: t(`printers.mediaName.${media}`) })}</span>
      </label>
      {error && (
        <p className="inline-error field--wide" role="alert" data-testid="add-printer-error">
          {error}
        </p>
      )}
      <div className="printer-form__actions field--wide">
        <button type="submit" className="button button--primary" disabled={add.isPending} data-testid="save-printer">
          {add.isPending && <Spinner size={16} />}
          <span>{t('printers.save')}</span>
        </button>
        <button type="button" className="button button--ghost" onClick={onDone}>
          {t('common.close')}
        </button>
      </div>
    </form>
  );
}

function JobActions({ job }: { job: PrintJobView }) {
  const { t } = useTranslation();
  const retry = useMutation({
    mutationFn: () => call('print.retry', { jobId: job.id }),
    onError: (error) => toast.error(messageOf(error)),
  });
  const cancel = useMutation({
    mutationFn: () => call('print.cancel', { jobId: job.id }),
    onError: (error) => toast.error(messageOf(error)),
  });
  const finished = job.state === 'printed' || job.state === 'cancelled';
  return (
    <>
      {job.state !== 'queued' && job.state !== 'printing' && (
        <button
          type="button"
          className="button button--small"
          data-testid={finished ? 'job-reprint' : 'job-retry'}
          onClick={() => retry.mutate()}
          disabled={retry.isPending}
        >
          {finished ? t('printers.reprint') : t('printers.retry')}
        </button>
      )}
      {(job.state === 'queued' || job.state === 'waiting' || job.state === 'failed') && (
        <button
          type="button"
          className="button button--small button--ghost"
          data-testid="job-cancel"
          onClick={() => cancel.mutate()}
          disabled={cancel.isPending}
        >
          {t('printers.cancel')}
        </button>
      )}
    </>
  );
}

function JobsTable() {
  const { t } = useTranslation();
  const jobs = usePrintJobs();
  if (jobs.isPending) return <Spinner size={20} label={t('common.loading')} />;
  if (jobs.isError) return <p className="inline-error">{messageOf(jobs.error)}</p>;
  if (jobs.data.length === 0) return <div className="empty">{t('printers.jobsEmpty')}</div>;
  return (
    <table className="table" data-testid="print-jobs">
      <thead>
        <tr>
          <th>{t('printers.col.document')}</th>
          <th>{t('printers.col.printer')}</th>
          <th>{t('printers.col.state')}</th>
          <th className="num">{t('printers.col.tries')}</th>
          <th>{t('printers.col.note')}</th>
          <th>{t('printers.col.created')}</th>
          <th className="actions">
            <span className="visually-hidden">{t('printers.col.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {jobs.data.map((job) => (
          <tr key={job.id} data-testid="print-job" data-job-state={job.state}>
            <td>
              <span className="tag tag--plain">{t(`printers.kind.${job.kind}`)}</span> {job.title}
            </td>
            <td>{job.printerName}</td>
            <td>
              <span className={`job-state job-state--${job.state}`}>{t(`printJob.${job.state}`)}</span>
            </td>
            <td className="num">{job.attempts}</td>
            <td>
              <div className="job-note">
                {/* A cancelled job's last error is history, not something to fix. */}
                {job.lastError && (job.state === 'waiting' || job.state === 'failed') && (
                  <span className="job-note__error">{job.lastError}</span>
                )}
                {job.nextAttemptAt && (
                  <span className="muted">{t('printers.nextTry', { time: formatDateTime(job.nextAttemptAt) })}</span>
                )}
              </div>
            </td>
            <td>{formatDateTime(job.createdAt)}</td>
            <td className="actions">
              <JobActions job={job} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AutoPrintSwitch() {
  const { t } = useTranslation();
  const settings = usePrintSettings();
  // The click shows at once: the save answers only once the printers have been asked again.
  const [wanted, setWanted] = useState<boolean | null>(null);
  const save = useMutation({
    mutationFn: (on: boolean) => call('print.saveSettings', { printLabelsWhenBought: on }),
    onError: (error) => toast.error(messageOf(error)),
    onSettled: () => setWanted(null),
  });
  return (
    <label className="check auto-print">
      <input
        type="checkbox"
        data-testid="auto-print"
        checked={wanted ?? settings.data?.printLabelsWhenBought ?? false}
        disabled={!settings.isSuccess || save.isPending}
        onChange={(e) => {
          setWanted(e.target.checked);
          save.mutate(e.target.checked);
        }}
      />
      <span>
        {t('printers.autoPrint')} <span className="muted">{t('printers.autoPrintHint')}</span>
      </span>
    </label>
  );
}

export function PrintersScreen() {
  const { t } = useTranslation();
  const printers = usePrinters();
  const [adding, setAdding] = useState(false);
  return (
    <div className="printers" data-testid="printers-screen">
      <div className="printers__head">
        <div>
          <h1 className="screen-title">{t('printers.title')}</h1>
          <p className="screen-lead muted">{t('printers.lead')}</p>
        </div>
        {!adding && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => setAdding(true)}
            data-testid="add-printer"
          >
            <PrinterIcon width={18} height={18} />
            <span>{t('printers.add')}</span>
          </button>
        )}
      </div>
      <AutoPrintSwitch />
      {adding && <AddPrinterForm onDone={() => setAdding(false)} />}
      <section className="printers__list" aria-label={t('printers.title')}>
        {printers.isPending && <Spinner size={20} label={t('common.loading')} />}
        {printers.isError && <p className="inline-error">{messageOf(printers.error)}</p>}
        {printers.isSuccess && printers.data.length === 0 && (
          <div className="empty" data-testid="printers-empty">
            {t('printers.none')}
          </div>
        )}
        {printers.data?.map((p) => (
          <PrinterCard key={p.id} printer={p} />
        ))}
      </section>
      <section className="printers__jobs">
        <h2 className="section-title">{t('printers.jobsTitle')}</h2>
        <JobsTable />
      </section>
    </div>
  );
}
