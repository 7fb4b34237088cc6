import type { Change } from '../../asyncapi/diff/types.ts';
import type { LifecycleStatus } from '../../asyncapi/lifecycle.ts';
import type { StoredActor } from './audit.ts';
import type { Diagnostic, JsonSchema, NormalisedParameter, PayloadFormat } from '../../asyncapi/types.ts';

/** Where a search term was found in a document. */
export interface SearchMatch {
  kind: 'title' | 'description' | 'channel' | 'message' | 'property';
  text: string;
}

export interface DocumentSummary {
  slug: string;
  title: string;
  latestVersion: string;
  latestStatus: LifecycleStatus;
  versionCount: number;
  description: string | null;
  tags: string[];
  protocols: string[];
  channelCount: number;
  asyncapiVersion: string;
  updatedAt: string;
  /** Present when the list was searched: what matched, best first. */
  matches?: SearchMatch[];
}

/** How a version was registered and where it is in its life. */
export interface VersionGovernance {
  status: LifecycleStatus;
  /** Registered with `?force=true` over breaking changes against the latest version of the time. */
  forced: boolean;
  /** Who registered it; null for versions stored before the audit log. */
  registeredBy: StoredActor | null;
}

export interface VersionSummary extends VersionGovernance {
  version: string;
  asyncapiVersion: string;
  createdAt: string;
  warningCount: number;
}

export interface MessageDetail {
  key: string;
  name: string | null;
  title: string | null;
  summary: string | null;
  contentType: string | null;
  /** The payload as JSON Schema, converted when written in another format. */
  payload: JsonSchema | null;
  /** The format it was written in and the schema as written; null for JSON Schema. */
  payloadFormat: PayloadFormat | null;
  examples: unknown[];
}

export interface OperationDetail {
  key: string;
  action: string;
  summary: string | null;
  channelKey: string;
}

export interface ChannelDetail {
  key: string;
  address: string | null;
  description: string | null;
  parameters: NormalisedParameter[];
  messages: MessageDetail[];
  operations: OperationDetail[];
}

export interface VersionDetail extends VersionGovernance {
  slug: string;
  version: string;
  asyncapiVersion: string;
  title: string;
  description: string | null;
  tags: string[];
  protocols: string[];
  format: 'yaml' | 'json';
  raw: string;
  contentHash: string;
  warnings: Diagnostic[];
  /** The breaking changes a forced registration overrode; empty unless `forced`. */
  overriddenChanges: Change[];
  createdAt: string;
  servers: { name: string; host: string; protocol: string; description: string | null }[];
  channels: ChannelDetail[];
}

export interface DocumentDetail {
  slug: string;
  title: string;
  /** Newest first. */
  versions: VersionSummary[];
  latest: VersionDetail;
}

export interface ChannelListing {
  slug: string;
  documentTitle: string;
  version: string;
  /** The lifecycle status of that (latest) version: live traffic on a deprecated or retired one deserves a flag. */
  status: LifecycleStatus;
  key: string;
  address: string | null;
  description: string | null;
  parameters: string[];
  messages: string[];
  operations: { key: string; action: string }[];
}
