'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { problemOf, unreachable } from './request-problem.ts';

/** Where and how a choice is saved: `subject` names it in failures ("the status" → "Saving the status failed"). */
export interface ChoiceRequest {
  url: string;
  method: 'PUT' | 'PATCH';
  body: unknown;
  subject: string;
}

export interface SavedChoice<T extends string> {
  selected: T;
  select: (value: T) => void;
  saving: boolean;
  /** Saving, or refreshing the page after: the form takes no other change. */
  busy: boolean;
  error: string | null;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}

/**
 * A select's choice that a form saves (JSON to the portal) when submitted, then refreshes the page with; the
 * failure in the answer's words. Choosing alone saves nothing: arrow keys on a closed select fire `change`.
 * @example const choice = useSavedChoice(status, (s) => ({ url, method: 'PATCH', body: { status: s }, subject: 'the status' }));
 */
export function useSavedChoice<T extends string>(initial: T, request: (value: T) => ChoiceRequest): SavedChoice<T> {
  const router = useRouter();
  const [selected, select] = useState<T>(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, startTransition] = useTransition();

  async function save(): Promise<void> {
    setSaving(true);
    setError(null);
    const problem = await sendChoice(request(selected));
    setSaving(false);
    if (problem) return setError(problem);
    startTransition(() => router.refresh());
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    void save();
  };
  return { selected, select, saving, busy: saving || refreshing, error, onSubmit };
}

async function sendChoice({ url, method, body, subject }: ChoiceRequest): Promise<string | null> {
  try {
    const response = await fetch(url, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return response.ok ? null : await problemOf(response, `Saving ${subject}`);
  } catch (error) {
    return unreachable(error, `${subject} was not saved`);
  }
}

/** The form's submit button, shown once the choice differs from what is saved. */
export function SaveChoiceButton({
  choice,
  saved,
  label,
}: {
  choice: Pick<SavedChoice<string>, 'selected' | 'saving' | 'busy'>;
  saved: string;
  label: string;
}) {
  if (choice.selected === saved) return null;
  return (
    <button className="button" type="submit" disabled={choice.busy}>
      {choice.saving ? 'Saving…' : label}
    </button>
  );
}

/** Why the last save failed, announced. */
export function SaveChoiceError({ choice }: { choice: Pick<SavedChoice<string>, 'error'> }) {
  if (!choice.error) return null;
  return (
    <p className="status-select__error" role="alert">
      {choice.error}
    </p>
  );
}
