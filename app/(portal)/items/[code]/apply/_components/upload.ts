"use client";

/** What the upload endpoints answer on success. */
export type UploadAnswer = {
  fileId: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
  revision?: number;
  trust: "A" | "B" | "C" | "D";
};

/** A refused upload, with the server's localized reason. */
export class UploadError extends Error {}

/**
 * Uploads one file with XMLHttpRequest (fetch cannot report upload progress), reporting 0–100. Resolves with the
 * server's answer; rejects with the server's localized message (e.g. "this is really an EXE, not a .pdf").
 */
export function uploadWithProgress(
  url: string,
  materialCode: string,
  file: File,
  onProgress: (percent: number) => void,
  fallbackMessage: string,
): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    body.set("materialCode", materialCode);
    body.set("file", file);
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      const answer = request.response as (UploadAnswer & { error?: { message?: string } }) | null;
      if (request.status === 201 && answer?.fileId) resolve(answer);
      else reject(new UploadError(answer?.error?.message || fallbackMessage));
    };
    request.onerror = () => reject(new UploadError(fallbackMessage));
    request.send(body);
  });
}
