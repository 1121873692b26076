import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

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
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{title}</h1>
      <p className="mb-4">{intro}</p>
      <form method="get" action="/verify" className="flex max-w-xl flex-col gap-3">
        <label htmlFor="verify-number" className="font-semibold">
          {labels.number}
        </label>
        <Input
          id="verify-number"
          name="number"
          required
          maxLength={64}
          defaultValue={number}
          size="lg"
          className="font-mono"
          autoComplete="off"
        />
        <label htmlFor="verify-code" className="font-semibold">
          {labels.code}
        </label>
        <Input
          id="verify-code"
          name="code"
          required
          maxLength={16}
          defaultValue={code}
          size="lg"
          className="font-mono"
          autoComplete="off"
        />
        <Button type="submit" size="lg" className="self-start">
          {labels.check}
        </Button>
      </form>
    </>
  );
}
