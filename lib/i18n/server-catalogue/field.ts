import type { CatalogueEntries } from "./entry";

/** Grid workers in the field: positions, photos, changed buildings. */
export const FIELD_MESSAGES = {
  "position.outside_district": {
    en: "the position is outside the district; check the phone's location, or tap the place on the map",
    zh: "这个位置不在本区范围内：请检查手机定位，或在地图上点选地点",
  },
  "position.outside_cells": {
    en: "the position is outside your grid cells; tap a place inside them, or ask your street office to record it",
    zh: "该位置不在您负责的网格内：请点选网格内的地点，或请街道录入",
  },
  "photo.too_large": {
    en: "the photo is larger than {mb} MB; take it again at a lower resolution",
    zh: "照片超过 {mb} MB：请降低分辨率后重拍",
  },
  "photo.not_image": {
    en: "the photo is not a JPEG, PNG or WebP image",
    zh: "照片不是 JPEG、PNG 或 WebP 格式的图片",
  },
  "photo.not_found": { en: "event {id} has no photo", zh: "事件 {id} 没有照片" },
  "photo.exists": { en: "event {id} has a photo from someone else already; it is kept as it is", zh: "事件 {id} 已有他人上传的照片，原照片保留不变" },
  "check.building_changed": {
    en: "building {code} was changed after you opened it (your version {yours}, now {current}); compare the two and send the check again",
    zh: "房屋 {code} 在您打开后已被他人修改：请对照两个版本后决定是否重新提交",
  },
} as const satisfies CatalogueEntries;
