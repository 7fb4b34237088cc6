/** The same `info.version` was registered before with different content. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError' as const;
  constructor(
    readonly slug: string,
    readonly version: string,
  ) {
    super(
      `Version ${version} of "${slug}" is already registered with different content. Bump info.version to register a new version.`,
    );
  }
}

/** No document, or no such version of it. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError' as const;
  constructor(what: string) {
    super(`${what} was not found in the catalogue.`);
  }
}
