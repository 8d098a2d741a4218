import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Select, Space, Table, Typography } from 'antd';
import { useState, type ClipboardEvent } from 'react';
import { rowOf } from '../../../../src/server/contacts/contact-columns.ts';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useMe } from '../auth/queries.ts';
import { gridColumns, isBlank, pasteIntoGrid, type GridField, type GridRow } from './grid-paste.ts';
import { contactLabel, useContactOptions } from './labels.ts';
import { useBulkAddContacts } from './mutations.ts';
import './contacts.css';

type CellErrors = Map<number, Partial<Record<string, string>>>;

const widths: Record<GridField, number> = {
  name: 110,
  documentNumber: 190,
  phone: 130,
  currentAddress: 190,
  divisionCode: 140,
  kind: 150,
  setting: 110,
  firstExposureAt: 160,
  lastExposureAt: 160,
  proximity: 120,
  durationMinutes: 90,
  place: 150,
};

/** Row keys only need to be unique within the page. */
let lastKey = 0;
const newKey = () => ++lastKey;

const blankRows = (newKey: () => number, n: number): GridRow[] =>
  Array.from({ length: n }, () => ({ key: newKey(), cells: {} }));

/**
 * The "add contacts" grid: type, or paste a block from Excel (with or without its header row) into any
 * cell. Submitting sends every non-empty row to the bulk endpoint, which writes all or nothing; its
 * per-row, per-field messages are shown on the cells.
 */
export function ContactGrid({ caseId, onDone }: { caseId: number; onDone: (created: number) => void }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const me = useMe();
  const options = useContactOptions();
  const [rows, setRows] = useState<GridRow[]>(() => blankRows(newKey, 5));
  const [errors, setErrors] = useState<CellErrors>(new Map());
  const [general, setGeneral] = useState<string[]>([]);
  const bulk = useBulkAddContacts(caseId);

  const setCell = (key: number, field: GridField, value: string) => {
    setRows((current) =>
      current.map((r) => (r.key === key ? { ...r, cells: { ...r.cells, [field]: value } } : r)),
    );
    setErrors((current) => {
      const rowErrors = current.get(key);
      if (!rowErrors?.[field]) {
        return current;
      }
      const next = new Map(current);
      next.set(key, { ...rowErrors, [field]: undefined });
      return next;
    });
  };

  const onPaste = (event: ClipboardEvent, rowIndex: number, column: number) => {
    const text = event.clipboardData.getData('text/plain');
    if (!text.includes('\t') && !text.includes('\n')) {
      return;
    }
    event.preventDefault();
    setRows((current) => pasteIntoGrid(current, text, { row: rowIndex, column }, newKey));
    setErrors(new Map());
  };

  const submit = (confirmRows: ReadonlySet<number> = new Set()) => {
    const filled = rows.filter((r) => !isBlank(r));
    if (filled.length === 0) {
      void message.warning(t('grid.empty'));
      return;
    }
    const zone = me.data?.timeZone ?? 'Asia/Shanghai';
    const body = filled.map((r) => ({
      ...rowOf(r.cells, zone),
      classification: 'close',
      ...(confirmRows.has(r.key) ? { confirmOutsideWindow: true } : {}),
    }));
    bulk.mutate(body, {
      onSuccess: (result) => {
        setRows(blankRows(newKey, 5));
        setErrors(new Map());
        setGeneral([]);
        void message.success(t('grid.saved', { created: result.created, added: result.exposuresAdded }));
        onDone(result.created);
      },
      onError: (error) => {
        if (!(error instanceof ApiError)) {
          setGeneral([error.message]);
          return;
        }
        const next: CellErrors = new Map();
        const other: string[] = [];
        const outside = new Set<number>();
        for (const detail of error.details) {
          const match = /^rows\.(\d+)\.(?:person\.)?(\w+)/.exec(detail.field ?? '');
          const row = match ? filled[Number(match[1])] : undefined;
          const text = detail.message ?? detail.code;
          if (!match || !row) {
            other.push(text);
            continue;
          }
          const field = match[2] ?? '';
          if (detail.code === 'outside_lookback') {
            outside.add(row.key);
          }
          const known = gridColumns.some((c) => c === field);
          next.set(row.key, { ...next.get(row.key), [known ? field : '_row']: text });
        }
        if (error.details.length === 0) {
          other.push(error.message);
        }
        setErrors(next);
        setGeneral(other);
        const onlyOutside = error.details.every((d) => d.code === 'outside_lookback');
        if (outside.size > 0 && onlyOutside) {
          modal.confirm({
            title: t('exposure2.outsideTitle'),
            content: t('grid.outsideRows', { n: outside.size }),
            okText: t('exposure2.outsideConfirm'),
            onOk: () => submit(new Set([...confirmRows, ...outside])),
          });
        }
      },
    });
  };

  const errorCount = [...errors.values()].reduce(
    (n, e) => n + Object.values(e).filter((v) => v !== undefined).length,
    0,
  );

  const cell = (field: GridField, column: number) => (_: unknown, row: GridRow, rowIndex: number) => {
    const error = errors.get(row.key)?.[field];
    const value = row.cells[field] ?? '';
    const common = {
      status: error ? ('error' as const) : undefined,
      'data-testid': `grid-${rowIndex}-${field}`,
    };
    const input =
      field === 'kind' || field === 'proximity' ? (
        <Select
          {...common}
          size="small"
          allowClear
          style={{ width: '100%' }}
          value={value === '' ? undefined : value}
          options={field === 'kind' ? options.kind : options.proximity}
          popupMatchSelectWidth={false}
          onChange={(v?: string) => setCell(row.key, field, v ?? '')}
        />
      ) : (
        <Input
          {...common}
          size="small"
          value={value}
          placeholder={field.endsWith('ExposureAt') ? 'YYYY-MM-DD HH:mm' : undefined}
          onChange={(e) => setCell(row.key, field, e.target.value)}
          onPaste={(e) => onPaste(e, rowIndex, column)}
        />
      );
    return (
      <>
        {input}
        {error ? (
          <Typography.Text
            type="danger"
            className="grid-cell-error"
            data-testid={`grid-error-${rowIndex}-${field}`}
          >
            {error}
          </Typography.Text>
        ) : null}
        {field === 'name' && errors.get(row.key)?._row ? (
          <Typography.Text type="danger" className="grid-cell-error">
            {errors.get(row.key)?._row}
          </Typography.Text>
        ) : null}
      </>
    );
  };

  return (
    <div data-testid="contact-grid">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('grid.pasteHint')} />
      <Table<GridRow>
        rowKey="key"
        size="small"
        bordered
        pagination={false}
        dataSource={rows}
        scroll={{ x: 1900 }}
        className="contact-grid"
        columns={[
          { title: '#', key: 'n', width: 44, fixed: 'left', render: (_, __, i) => i + 1 },
          ...gridColumns.map((field, column) => ({
            title: t(contactLabel('grid', field)),
            key: field,
            width: widths[field],
            render: cell(field, column),
          })),
          {
            title: '',
            key: 'actions',
            width: 48,
            fixed: 'right' as const,
            render: (_: unknown, row: GridRow) => (
              <Button
                size="small"
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('grid.removeRow')}
                onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
              />
            ),
          },
        ]}
      />
      {general.length > 0 ? (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={general.join('；')} />
      ) : null}
      {errorCount > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="grid-errors"
          title={t('grid.hasErrors', { n: errorCount })}
        />
      ) : null}
      <Space style={{ marginTop: 12 }}>
        <Button
          icon={<PlusOutlined />}
          onClick={() => setRows((current) => [...current, ...blankRows(newKey, 5)])}
        >
          {t('grid.addRows')}
        </Button>
        <Button
          onClick={() => {
            setRows(blankRows(newKey, 5));
            setErrors(new Map());
          }}
        >
          {t('grid.clear')}
        </Button>
        <Button type="primary" loading={bulk.isPending} onClick={() => submit()} data-testid="grid-submit">
          {t('grid.submit', { n: rows.filter((r) => !isBlank(r)).length })}
        </Button>
      </Space>
    </div>
  );
}
