'use client';

import { useId } from 'react';

interface TailControlsProps {
  paused: boolean;
  held: number;
  filter: string;
  onPause: (paused: boolean) => void;
  onClear: () => void;
  onFilter: (text: string) => void;
}

/** Pause/Resume, Clear and the row filter. */
export function TailControls({ paused, held, filter, onPause, onClear, onFilter }: TailControlsProps) {
  const id = useId();
  return (
    <div className="live-controls">
      <button className={paused ? 'button button--primary' : 'button'} type="button" onClick={() => onPause(!paused)}>
        {paused ? 'Resume' : 'Pause'}
      </button>
      <button className="button" type="button" onClick={onClear}>
        Clear
      </button>
      {paused && (
        <span className="live-controls__held">
          Paused: {held} new {held === 1 ? 'message' : 'messages'} held, shown on Resume
        </span>
      )}
      <div className="live-controls__filter">
        <label htmlFor={`${id}-filter`} className="live-label">
          Filter
        </label>
        <input
          id={`${id}-filter`}
          className="input"
          type="search"
          value={filter}
          onChange={(event) => onFilter(event.target.value)}
          placeholder="Channel or payload text"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
    </div>
  );
}
