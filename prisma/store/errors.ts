/** The same `info.version` was registered before with different content. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError' as const;
  constructor(
    readonly slug: string,
    readonly version: string,
  ) {
    super(`Version ${version} of "${slug}" is already registered with different content. Bump info.version to register a new version.`);
  }
}

/** Another version of the document has the same precedence: it differs only in a leading v, +build metadata or leading zeros. */
export class EquivalentVersionError extends Error {
  override readonly name = 'EquivalentVersionError' as const;
  constructor(
    readonly slug: string,
    readonly version: string,
    readonly existingVersion: string,
  ) {
    super(
      `Version ${version} of "${slug}" has the same precedence as ${existingVersion}, which is already registered; nothing was stored. ` +
        'Versions that differ only in a leading v, +build metadata or leading zeros are the same version: bump info.version to register a new one.',
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

/** Another version became the latest between the governance check of a registration and its write. */
export class LatestVersionChangedError extends Error {
  override readonly name = 'LatestVersionChangedError' as const;
  constructor(
    readonly slug: string,
    readonly checkedAgainst: string | null,
    readonly latestVersion: string | null,
  ) {
    super(
      `Version ${latestVersion ?? '(none)'} of "${slug}" was registered while this one was checked against ${checkedAgainst ?? 'no version'}. Send the document again to check it against the new latest version.`,
    );
  }
}

/** A title's slug already names a document with another title: nothing was stored. */
export class SlugTakenError extends Error {
  override readonly name = 'SlugTakenError' as const;
  constructor(
    readonly slug: string,
    readonly title: string,
    readonly existingTitle: string,
  ) {
    super(
      `"${title}" has the slug "${slug}", which already belongs to the document "${existingTitle}"; nothing was stored. ` +
        `Use the title "${existingTitle}" to add a version to that document, or choose a title whose slug differs (slugs keep ASCII letters and digits, up to 80 characters).`,
    );
  }
}

/** A JSON column holds a value of another shape than the catalogue writes: the row was changed outside the portal. */
export class StoredValueError extends Error {
  override readonly name = 'StoredValueError' as const;
  constructor(
    readonly at: string,
    expected: string,
    found: string,
  ) {
    super(`The stored ${at} should be ${expected} but is ${found}; register the version again, or repair the row.`);
  }
}
