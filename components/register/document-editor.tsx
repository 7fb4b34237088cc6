'use client';

import { useCallback, useLayoutEffect, useMemo, useRef, type DragEvent, type RefObject } from 'react';
import type { Diagnostic } from '../../asyncapi/types.ts';
import { LINE_HEIGHT, countLines } from './text-lines.ts';

export type LineMarks = Map<number, Diagnostic['severity']>;

interface DocumentEditorProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  onDropFile: (file: File) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  /** Lines with diagnostics, marked in the gutter and behind the text. */
  marks: LineMarks;
  activeLine: number | null;
  disabled?: boolean;
  describedBy?: string;
}

/** A plain textarea with a line-number gutter that follows its scrolling; no wrapping, so lines stay aligned. */
export function DocumentEditor({
  id,
  value,
  onChange,
  onDropFile,
  textareaRef,
  marks,
  activeLine,
  disabled,
  describedBy,
}: DocumentEditorProps) {
  const gutterLayer = useRef<HTMLDivElement>(null);
  const bandLayer = useRef<HTMLDivElement>(null);
  const lineCount = countLines(value);
  const numbers = useMemo(() => Array.from({ length: lineCount }, (_, i) => i + 1).join('\n'), [lineCount]);

  // Moves the gutter and the marks with the text, without a React render per scroll event.
  const onScroll = useCallback((): void => {
    const transform = `translateY(${-(textareaRef.current?.scrollTop ?? 0)}px)`;
    for (const layer of [gutterLayer.current, bandLayer.current]) if (layer) layer.style.transform = transform;
  }, [textareaRef]);
  // Replacing the text (a loaded file) can change the scroll position without a scroll event.
  useLayoutEffect(onScroll, [onScroll, value]);

  function onDrop(event: DragEvent<HTMLTextAreaElement>): void {
    const file = event.dataTransfer.files[0];
    if (!file) return;
    event.preventDefault();
    onDropFile(file);
  }

  const markList = [...marks].map(([line, severity]) => ({ line, severity, top: (line - 1) * LINE_HEIGHT }));
  return (
    <div className="editor" data-disabled={disabled || undefined}>
      <div className="editor__gutter" aria-hidden="true">
        <div className="editor__layer" ref={gutterLayer}>
          {markList.map((m) => (
            <span key={m.line} className="editor__gutter-mark" data-severity={m.severity} style={{ top: m.top }} />
          ))}
          <pre className="editor__numbers">{numbers}</pre>
        </div>
      </div>
      <div className="editor__body">
        <div className="editor__layer editor__bands" aria-hidden="true" ref={bandLayer}>
          {markList.map((m) => (
            <span
              key={m.line}
              className="editor__band"
              data-severity={m.severity}
              data-active={m.line === activeLine || undefined}
              style={{ top: m.top }}
            />
          ))}
        </div>
        <textarea
          id={id}
          ref={textareaRef}
          className="editor__text"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onScroll={onScroll}
          onDrop={onDrop}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          autoComplete="off"
          readOnly={disabled}
          aria-describedby={describedBy}
          placeholder={'asyncapi: 3.0.0\ninfo:\n  title: Orders\n  version: 1.0.0\nchannels:\n  …'}
        />
      </div>
    </div>
  );
}
