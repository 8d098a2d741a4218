import { Descriptions, Table, Typography } from 'antd';
import type { DocBlock, ReportDocument } from '../../../../src/core/report/types.ts';

function Block({ block }: { block: DocBlock }) {
  switch (block.type) {
    case 'paragraph':
      return (
        <Typography.Paragraph>
          {block.label ? <Typography.Text strong>{`${block.label}：`}</Typography.Text> : null}
          {block.text}
        </Typography.Paragraph>
      );
    case 'fields':
      return (
        <Descriptions
          size="small"
          bordered
          column={2}
          style={{ marginBottom: 12 }}
          items={block.rows.map((row, index) => ({ key: index, label: row.label, children: row.value }))}
        />
      );
    case 'table':
      return (
        <Table
          size="small"
          bordered
          pagination={false}
          style={{ marginBottom: 12 }}
          title={block.caption ? () => block.caption : undefined}
          rowKey={(_, index) => String(index)}
          dataSource={block.rows.map((cells) => ({ cells }))}
          columns={block.columns.map((title, index) => ({
            title,
            key: String(index),
            render: (_: unknown, row: { cells: string[] }) => row.cells[index],
          }))}
          scroll={{ x: 'max-content' }}
        />
      );
    case 'list':
      return (
        // The composed items carry their own numbers (1. 2. …), as the .docx prints them.
        <div className="report-list">
          {block.items.map((item, index) => (
            <Typography.Paragraph key={index}>{item}</Typography.Paragraph>
          ))}
        </div>
      );
  }
}

/** The 流调报告 document model on screen: the same blocks the .docx is drawn from. */
export function ReportPreview({ document }: { document: ReportDocument }) {
  return (
    <div className="report-preview" data-testid="report-preview">
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {document.title}
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }} type="secondary">
        {document.subtitle}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 16 }}
        items={document.header.map((row, index) => ({ key: index, label: row.label, children: row.value }))}
      />
      {document.sections.map((section) => (
        <section key={section.key}>
          <Typography.Title level={5}>{section.title}</Typography.Title>
          {section.blocks.map((block, index) => (
            <Block key={index} block={block} />
          ))}
        </section>
      ))}
      <Descriptions
        size="small"
        column={3}
        style={{ marginTop: 16 }}
        items={document.signOff.map((row, index) => ({ key: index, label: row.label, children: row.value }))}
      />
    </div>
  );
}
