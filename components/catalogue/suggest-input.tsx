"use client";

import { useEffect, useId, useState } from "react";

type Props = Readonly<{ id: string; name: string; defaultValue: string; placeholder: string; maxLength: number; className: string }>;

/**
 * The search field with suggestions while typing, offered through a native <datalist> (keyboard and screen
 * reader support come from the browser). Without JavaScript it is a plain search field.
 */
export function SuggestInput({ id, name, defaultValue, placeholder, maxLength, className }: Props) {
  const listId = useId();
  const [value, setValue] = useState(defaultValue);
  const [suggestions, setSuggestions] = useState<string[]>([]);

  useEffect(() => {
    const text = value.trim();
    if (!text) return;
    const controller = new AbortController();
    // A short pause so a fast typist sends one request, not one per key.
    const timer = setTimeout(() => {
      fetch(`/api/v1/suggest?q=${encodeURIComponent(text)}`, { signal: controller.signal })
        .then((response) => (response.ok ? response.json() : { suggestions: [] }))
        .then((body: { suggestions?: string[] }) => setSuggestions(body.suggestions ?? []))
        .catch(() => undefined);
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value]);

  return (
    <>
      <input
        id={id}
        name={name}
        type="search"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        maxLength={maxLength}
        placeholder={placeholder}
        list={listId}
        autoComplete="off"
        className={className}
      />
      <datalist id={listId}>
        {value.trim() !== "" && suggestions.map((suggestion) => <option key={suggestion} value={suggestion} />)}
      </datalist>
    </>
  );
}
