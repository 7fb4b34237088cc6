'use client';

// The prebuilt browser bundle: the parser is already compiled for browsers (the package's main entry
// pulls in the Node build of @asyncapi/parser), and React is external so it shares the app's React 19.
import AsyncApiComponent from '@asyncapi/react-component/browser/index.js';
import type { ConfigInterface } from '@asyncapi/react-component';
import '@asyncapi/react-component/styles/default.min.css';
import './asyncapi-contrast.css';
import { hardenMarkdownSanitiser } from './markdown-sanitiser.ts';

const NOT_FETCHED = JSON.stringify({
  description: 'External reference not loaded: Event Portal does not fetch remote or local files while rendering.',
});

// Custom resolvers run before the parser's own (lower order), and the first one that answers wins,
// so these keep the browser from following $refs to other hosts or files.
const blockedResolvers = ['http', 'https', 'file'].map((schema) => ({ schema, order: 1, canRead: true, read: () => NOT_FETCHED }));

const CONFIG: Partial<ConfigInterface> = {
  show: {
    sidebar: false,
    info: true,
    servers: true,
    operations: true,
    messages: true,
    messageExamples: true,
    schemas: true,
    errors: true,
  },
  expand: { messageExamples: false },
  parserOptions: { __unstable: { resolver: { resolvers: blockedResolvers } } },
};

// The bundle's isomorphic-dompurify keeps its DOMPurify on `window.DOMPurify` and sanitises every description with it,
// so the description policy goes on that instance. Without one, descriptions would go out unsanitised: render nothing.
const sanitised = hardenMarkdownSanitiser((globalThis as { DOMPurify?: unknown }).DOMPurify);

/** The whole document rendered by @asyncapi/react-component; client-only, loaded on demand. */
export default function AsyncApiRenderer({ schema }: { schema: string }) {
  if (!sanitised) return <p className="notice">The document cannot be rendered safely here: download it to read it.</p>;
  return <AsyncApiComponent schema={schema} config={CONFIG} />;
}
