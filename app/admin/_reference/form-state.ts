export type FieldOption = { value: string; label: string };

export type FieldSpec = {
  name: string;
  label: string;
  /** `checkboxes`: several of `options`, posted under one name and kept as a comma-separated value. */
  type?: "text" | "password" | "number" | "date" | "textarea" | "select" | "checkboxes" | "hidden";
  hint?: string;
  options?: FieldOption[];
  autoComplete?: string;
  /** Wider fields take a whole row on larger screens. */
  wide?: boolean;
  maxLength?: number;
  required?: boolean;
};
