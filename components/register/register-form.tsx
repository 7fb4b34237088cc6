'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MAX_DOCUMENT_BYTES } from '../../asyncapi/limits.ts';
import { DocumentEditor, type LineMarks } from './document-editor.tsx';
import { FilePicker } from './file-picker.tsx';
import { formatBytes, readDocumentFile } from './read-document-file.ts';
import { RegisterOutcome } from './register-outcome.tsx';
import { submitDocument, type SubmitOutcome } from './submit-document.ts';
import { revealLine } from './text-lines.ts';
import './register.css';

type Phase = 'editing' | 'submitting' | 'opening';
const SEVERITY_RANK = { error: 0, warning: 1, info: 2, hint: 3 } as const;

interface RegisterFormProps {
  /** Starts the editor with a draft, such as one made from an undocumented channel. */
  initialText?: string;
  /** Why the visitor may not register despite breaking changes (only admins may); the override is then disabled. */
  forceDenied?: string;
}

/** Paste or upload an AsyncAPI document, register it, and open it; or show why it was refused. */
export function RegisterForm({ initialText = '', forceDenied }: RegisterFormProps) {
  const router = useRouter();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(initialText);
  const [phase, setPhase] = useState<Phase>('editing');
  const [outcome, setOutcome] = useState<SubmitOutcome | null>(null);
  const [active, setActive] = useState<{ index: number; line: number } | null>(null);
  // The text the outcome is about: its line marks are hidden once the text is edited.
  const [submitted, setSubmitted] = useState('');
  const [loadedFile, setLoadedFile] = useState<string | null>(null);
  // The override applies only to the very text whose breaking changes were shown.
  const [force, setForce] = useState(false);
  const canForce = outcome?.kind === 'breaking' && text === submitted;
  const marks = useMemo<LineMarks>(() => (text === submitted ? lineMarks(outcome) : new Map<number, never>()), [outcome, text, submitted]);
  const busy = phase !== 'editing';
  // State updates land after a render; this stops a second Ctrl+Enter from sending the text twice.
  const sending = useRef(false);

  async function register(): Promise<void> {
    if (busy || sending.current) return;
    const problem = checkBeforeSending(text);
    if (problem) return setOutcome({ kind: 'failed', error: problem });
    sending.current = true;
    setPhase('submitting');
    const result = await submitDocument(text, { force: canForce && force });
    sending.current = false;
    setForce(false);
    setOutcome(result);
    setSubmitted(text);
    setActive(null);
    if (result.kind !== 'registered') return setPhase('editing');
    setPhase('opening');
    router.push(`/documents/${encodeURIComponent(result.slug)}?version=${encodeURIComponent(result.version)}`);
  }

  async function loadFile(file: File): Promise<void> {
    if (busy) return;
    const read = await readDocumentFile(file);
    if ('error' in read) return setOutcome({ kind: 'failed', error: read.error });
    setText(read.text);
    setOutcome(null);
    setLoadedFile(`${file.name} (${formatBytes(file.size)})`);
  }

  function selectDiagnostic(index: number, line: number): void {
    setActive({ index, line });
    if (textareaRef.current) revealLine(textareaRef.current, line);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void register();
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    void register();
  }

  return (
    <form className="register" onSubmit={onSubmit} onKeyDown={onKeyDown} aria-busy={busy}>
      <div className="register__toolbar">
        <label htmlFor="document-text" className="register__label">
          AsyncAPI document
        </label>
        <span id="document-hint" className="muted register__hint">
          {loadedFile ? `Loaded ${loadedFile}` : 'YAML or JSON, up to 5 MB: paste it, drop a file on the editor, or upload one.'}
        </span>
        <FilePicker onFile={(file) => void loadFile(file)} disabled={busy} />
      </div>
      <div className="register__body">
        {/* Register follows the editor, on screen and in tab order: Tab out of the text lands on it. */}
        <div className="register__main">
          <DocumentEditor
            id="document-text"
            value={text}
            onChange={setText}
            onDropFile={(file) => void loadFile(file)}
            textareaRef={textareaRef}
            marks={marks}
            activeLine={active?.line ?? null}
            disabled={busy}
            describedBy="document-hint"
          />
          <div className="register__actions">
            <button className="button button--primary register__submit" type="submit" disabled={busy}>
              {phase === 'submitting' ? 'Registering…' : phase === 'opening' ? 'Opening…' : 'Register'}
            </button>
          </div>
        </div>
        <aside className="register__panel" aria-label="Registration result" data-empty={outcome === null || undefined}>
          <RegisterOutcome
            outcome={outcome}
            activeIndex={active?.index ?? null}
            onSelect={selectDiagnostic}
            force={canForce && force}
            onForceChange={setForce}
            {...(forceDenied ? { forceDenied } : {})}
          />
        </aside>
      </div>
    </form>
  );
}

/** What can be said without asking the server. */
function checkBeforeSending(text: string): string | null {
  if (text.trim() === '') return 'The editor is empty: paste an AsyncAPI document or upload a file first.';
  const bytes = new TextEncoder().encode(text).byteLength;
  if (bytes > MAX_DOCUMENT_BYTES) return `The document is ${formatBytes(bytes)}; the limit is 5 MB. Split it or remove unused components.`;
  return null;
}

/** The most severe diagnostic of each line of a refused document. */
function lineMarks(outcome: SubmitOutcome | null): LineMarks {
  const marks: LineMarks = new Map();
  if (outcome?.kind !== 'invalid') return marks;
  for (const { line, severity } of outcome.diagnostics) {
    if (line === null) continue;
    const existing = marks.get(line);
    if (!existing || SEVERITY_RANK[severity] < SEVERITY_RANK[existing]) marks.set(line, severity);
  }
  return marks;
}
