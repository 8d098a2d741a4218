import { DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';

type Name = string | number | (string | number)[];

/** A date field whose form value stays the API's `YYYY-MM-DD` string. */
export function DateItem({ name, label, required }: { name: Name; label?: ReactNode; required?: boolean }) {
  return (
    <Form.Item
      name={name}
      label={label}
      rules={required ? [{ required: true }] : []}
      getValueProps={(value: unknown) => ({ value: typeof value === 'string' ? dayjs(value) : null })}
      normalize={(value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : undefined)}
    >
      <DatePicker style={{ width: 150 }} />
    </Form.Item>
  );
}

/** A date-and-time field whose form value stays the API's ISO instant string. */
export function InstantItem({
  name,
  label,
  required,
}: {
  name: Name;
  label?: ReactNode;
  required?: boolean;
}) {
  return (
    <Form.Item
      name={name}
      label={label}
      rules={required ? [{ required: true }] : []}
      getValueProps={(value: unknown) => ({ value: typeof value === 'string' ? dayjs(value) : null })}
      normalize={(value: Dayjs | null) => (value ? value.toISOString() : undefined)}
    >
      <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 180 }} />
    </Form.Item>
  );
}

/** Drops blanks (undefined, null, '', empty rows and sections) so a draft sends only what was filled in. */
export function compact(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(compact).filter((item) => item !== undefined);
  }
  if (value !== null && typeof value === 'object' && !dayjs.isDayjs(value)) {
    const entries = Object.entries(value)
      .map(([key, item]) => [key, compact(item)] as const)
      .filter(([, item]) => item !== undefined);
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  }
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
    return undefined;
  }
  return value;
}
