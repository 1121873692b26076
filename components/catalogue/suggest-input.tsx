type Props = Readonly<{
  id: string;
  name: string;
  defaultValue: string;
  placeholder: string;
  maxLength: number;
  className: string;
}>;

/**
 * The search field with suggestions while typing, offered through a native <datalist> (keyboard and screen
 * reader support come from the browser), which public/enhance.js fills. Without JavaScript it is a plain search
 * field. No client component: the catalogue pages carry no React runtime for anonymous visitors.
 */
export function SuggestInput({ id, name, defaultValue, placeholder, maxLength, className }: Props) {
  const listId = `${id}-suggestions`;
  return (
    <>
      <input
        id={id}
        name={name}
        type="search"
        defaultValue={defaultValue}
        maxLength={maxLength}
        placeholder={placeholder}
        list={listId}
        autoComplete="off"
        data-suggest=""
        className={className}
      />
      <datalist id={listId} />
    </>
  );
}
