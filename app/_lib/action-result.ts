/**
 * The one result type of every server action (app/_lib/action.ts `runAction`), importable by client components.
 * Both sides declare every field, so a form reads `state.fieldErrors` or `state.values` without narrowing first.
 */

/** What the person typed, shown again after a failure (lists for checkbox groups). */
export type FormValues = Record<string, string | string[]>;

/**
 * `T` is what a success carries; `D` what a failure carries beyond messages and values, for the rare form that must
 * keep structured work across a failure (the counter's stored scans).
 */
export type ActionResult<T = undefined, D = undefined> =
  | {
      ok: true;
      value: T;
      /** Message key of the confirmation to show, when the form stays on the page. */
      done?: string;
      values?: FormValues;
      code?: undefined;
      formError?: undefined;
      fieldErrors?: undefined;
      conflict?: undefined;
      detail?: undefined;
    }
  | {
      ok: false;
      /** AppError code (VALIDATION, FORBIDDEN, CONFLICT …) or UNEXPECTED. */
      code: string;
      /** Message key for the whole form. */
      formError: string;
      /** Message keys by field name. */
      fieldErrors?: Record<string, string>;
      values?: FormValues;
      /** Someone else changed the record since the page was loaded: show the fresh state. */
      conflict?: boolean;
      detail?: D;
      value?: undefined;
      done?: undefined;
    };

/** A form's state before its first submission: nothing, or the values it starts with. */
export type ActionState<T = undefined, D = undefined> =
  | ActionResult<T, D>
  | {
      ok: null;
      values?: FormValues;
      value?: undefined;
      done?: undefined;
      code?: undefined;
      formError?: undefined;
      fieldErrors?: undefined;
      conflict?: undefined;
      detail?: undefined;
    };
