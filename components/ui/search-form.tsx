import Form from 'next/form';

/**
 * A GET search form: navigates client-side with JavaScript, is a plain form without it, submits with
 * Enter, and keeps the term in the URL.
 */
export function SearchForm({ action, label, placeholder, term }: { action: string; label: string; placeholder: string; term?: string }) {
  return (
    <Form className="search-form" action={action} role="search">
      <input
        key={term ?? ''}
        className="input"
        type="search"
        name="q"
        aria-label={label}
        placeholder={placeholder}
        defaultValue={term}
        maxLength={200}
        autoComplete="off"
        spellCheck={false}
      />
      <button className="button" type="submit">
        Search
      </button>
    </Form>
  );
}
