import type { Random } from "./prng";

// Syllables for generated community and place names: [汉字, pinyin].
const SYLLABLES: [string, string][] = [
  ["东", "Dong"], ["西", "Xi"], ["南", "Nan"], ["北", "Bei"], ["新", "Xin"], ["华", "Hua"], ["安", "An"],
  ["平", "Ping"], ["和", "He"], ["兴", "Xing"], ["龙", "Long"], ["山", "Shan"], ["江", "Jiang"], ["桥", "Qiao"],
  ["湖", "Hu"], ["塘", "Tang"], ["泉", "Quan"], ["景", "Jing"], ["德", "De"], ["瓯", "Ou"], ["鹿", "Lu"],
  ["城", "Cheng"], ["水", "Shui"], ["府", "Fu"], ["园", "Yuan"], ["丰", "Feng"], ["广", "Guang"], ["松", "Song"],
  ["云", "Yun"], ["霞", "Xia"], ["莲", "Lian"], ["池", "Chi"], ["嘉", "Jia"], ["福", "Fu"], ["瑞", "Rui"],
  ["锦", "Jin"], ["翠", "Cui"], ["梧", "Wu"], ["田", "Tian"], ["蒲", "Pu"], ["藤", "Teng"], ["溪", "Xi"],
];

export interface PlaceName {
  zh: string;
  en: string;
}

/** A two-syllable place stem, unique within `taken`. */
export function uniqueStem(random: Random, taken: Set<string>): PlaceName {
  for (let attempt = 0; ; attempt++) {
    const a = random.pick(SYLLABLES);
    const b = random.pick(SYLLABLES);
    if (a[0] === b[0]) continue;
    const zh = a[0] + b[0];
    if (taken.has(zh) && attempt < 500) continue;
    const suffix = taken.has(zh) ? String(attempt) : "";
    taken.add(zh);
    return { zh: zh + suffix, en: a[1] + b[1].toLowerCase() + suffix };
  }
}
