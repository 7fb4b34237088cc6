'use client';

import type { ChangeEvent } from 'react';
import { ACCEPTED_FILES } from './read-document-file.ts';

/** A button-styled file input labelled "Upload a file"; hands the picked file to `onFile`. */
export function FilePicker({ onFile, disabled }: { onFile: (file: File) => void; disabled?: boolean }) {
  function onChange(event: ChangeEvent<HTMLInputElement>): void {
    const file = event.target.files?.[0];
    // Cleared so that picking the same file again (after editing) loads it again.
    event.target.value = '';
    if (file) onFile(file);
  }

  return (
    <label className="button file-picker" aria-disabled={disabled}>
      <input className="visually-hidden" type="file" accept={ACCEPTED_FILES} onChange={onChange} disabled={disabled} />
      Upload a file
    </label>
  );
}
