import { AppError } from "../errors";

/** Values a rejection message names: the real type, the limit, the allowed formats. */
export type MessageValues = Record<string, string | number>;

/**
 * A refused upload: a VALIDATION AppError whose message key (in the `files` namespace) says why, with the
 * values the message names ("the file is really an EXE, not a .pdf"). The same key is the field error of
 * `file`, so forms show it next to the upload and in the error summary.
 */
export class FileRejectedError extends AppError {
  constructor(
    messageKey: `files.errors.${string}`,
    readonly values: MessageValues = {},
  ) {
    super("VALIDATION", messageKey, { fieldErrors: { file: messageKey } });
    this.name = "FileRejectedError";
  }
}

export function isFileRejected(error: unknown): error is FileRejectedError {
  return error instanceof FileRejectedError;
}
