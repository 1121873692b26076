/** The number + check code form, on /verify and above every result. */
export function VerifyForm({
  title,
  intro,
  labels,
  number = "",
  code = "",
}: Readonly<{
  title: string;
  intro: string;
  labels: { number: string; code: string; check: string };
  number?: string;
  code?: string;
}>) {
  const input = "min-h-12 rounded border-2 border-ink-muted bg-white px-3";
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{title}</h1>
      <p className="mb-4">{intro}</p>
      <form method="get" action="/verify" className="flex max-w-xl flex-col gap-3">
        <label htmlFor="verify-number" className="font-semibold">
          {labels.number}
        </label>
        <input
          id="verify-number"
          name="number"
          required
          maxLength={64}
          defaultValue={number}
          className={`${input} font-mono`}
          autoComplete="off"
        />
        <label htmlFor="verify-code" className="font-semibold">
          {labels.code}
        </label>
        <input
          id="verify-code"
          name="code"
          required
          maxLength={16}
          defaultValue={code}
          className={`${input} font-mono`}
          autoComplete="off"
        />
        <button type="submit" className="min-h-12 self-start rounded bg-brand-700 px-4 font-semibold text-white">
          {labels.check}
        </button>
      </form>
    </>
  );
}
