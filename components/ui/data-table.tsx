import { ScrollRegion } from "./scroll-region";

/** A plain accessible table: caption, column headers with scope, horizontal scroll on phones. */
export function DataTable({
  caption,
  columns,
  rows,
}: Readonly<{ caption: string; columns: string[]; rows: React.ReactNode[][] }>) {
  return (
    <ScrollRegion label={caption}>
      <table className="w-full min-w-[36rem] border-collapse text-sm">
        <caption className="mb-2 text-left font-semibold">{caption}</caption>
        <thead>
          <tr className="bg-surface">
            {columns.map((column) => (
              <th key={column} scope="col" className="border border-line px-2 py-2 text-left">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((cell, cellIndex) => (
                <td key={cellIndex} className="border border-line px-2 py-2 align-top">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
