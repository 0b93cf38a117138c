declare module "@mapbox/shp-write/src/write" {
  const write: (rows: object[], type: string, geometries: unknown[], callback: (error: unknown, files: { shp: DataView; shx: DataView }) => void) => void;
  export default write;
}
