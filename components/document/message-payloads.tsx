import type { ChannelDetail, MessageDetail } from '../../prisma/store/types.ts';
import { schemaFormatLabel } from './schema-format-label.ts';
import './message-payloads.css';

/**
 * Each message's payload schema as the portal checks it (JSON Schema) and, when written in another format,
 * the schema as written, so an Avro or OpenAPI author sees both. Collapsed by default.
 * @example <MessagePayloads channels={version.channels} />
 */
export function MessagePayloads({ channels }: { channels: ChannelDetail[] }) {
  const messages = channels.flatMap((channel) => channel.messages.map((message) => ({ channelKey: channel.key, message })));
  if (messages.length === 0) return null;
  return (
    <details className="section doc-payloads">
      <summary className="section__title">Message payloads ({messages.length})</summary>
      <ul className="doc-payloads__list">
        {messages.map(({ channelKey, message }) => (
          <li key={`${channelKey}\n${message.key}`}>
            <MessagePayload channelKey={channelKey} message={message} />
          </li>
        ))}
      </ul>
    </details>
  );
}

function MessagePayload({ channelKey, message }: { channelKey: string; message: MessageDetail }) {
  const format = message.payloadFormat;
  return (
    <details className="doc-payload" data-testid="message-payload">
      <summary>
        <span className="mono">{message.name ?? message.key}</span> <span className="muted">on {channelKey}</span>{' '}
        {format && !format.supported && <span className="badge badge--warning">unchecked: format {format.schemaFormat}</span>}
        {format?.supported && <span className="badge badge--info">{schemaFormatLabel(format.schemaFormat)}</span>}
      </summary>
      <div className="doc-payload__blocks">
        {message.payload === null ? (
          <p className="muted">{format ? 'The portal does not read this format: its payloads are not checked.' : 'No payload schema.'}</p>
        ) : (
          <SchemaBlock title="JSON Schema, as payloads are checked" text={JSON.stringify(message.payload, null, 2)} />
        )}
        {format && (
          <SchemaBlock
            title={`As written, ${schemaFormatLabel(format.schemaFormat)}`}
            text={originalText(format.original) ?? 'Over 256 KiB, so not kept here: see the document below.'}
          />
        )}
      </div>
    </details>
  );
}

function SchemaBlock({ title, text }: { title: string; text: string }) {
  return (
    <figure className="doc-payload__block">
      <figcaption className="muted">{title}</figcaption>
      <pre className="doc-payload__schema">{text}</pre>
    </figure>
  );
}

// A Protobuf or RAML schema is text as written; an Avro or OpenAPI one is JSON.
function originalText(original: unknown): string | null {
  if (original === null) return null;
  return typeof original === 'string' ? original : JSON.stringify(original, null, 2);
}
