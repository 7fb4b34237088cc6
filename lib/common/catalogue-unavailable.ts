/**
 * The digest of the error a page throws when the catalogue database is unreachable. Next keeps a thrown
 * error's own digest but withholds its message from the browser in production, so app/error.tsx tells
 * the outage from other failures by this.
 */
export const CATALOGUE_UNAVAILABLE_DIGEST = 'catalogue-unavailable';
