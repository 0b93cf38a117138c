"use client";

/** The long side a photo is shrunk to on the phone before it is queued (the server keeps 1600). */
const EDGE = 1600;

/**
 * A photo as the phone will queue it: redrawn into a JPEG at most EDGE pixels on its long side.
 * Redrawing keeps the pixels only, so the camera's metadata (GPS position, device) is gone before
 * the photo leaves the phone; the server re-encodes it again in any case.
 */
export async function shrinkPhoto(file: File): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  const scale = Math.min(1, EDGE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext("2d")!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("photo"))), "image/jpeg", 0.85));
}
