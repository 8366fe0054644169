/** A region's official name as people write it: `KOTA MOJOKERTO` → `Kota Mojokerto`. */
export function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase());
}
