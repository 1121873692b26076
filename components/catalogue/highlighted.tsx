/** Text with the matched parts marked (<mark> is announced by screen readers as highlighted). */
export function Highlighted({ segments }: Readonly<{ segments: { text: string; match: boolean }[] }>) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.match ? (
          <mark key={index} className="rounded-sm bg-[#fff2b3] px-0.5 text-inherit">
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}
