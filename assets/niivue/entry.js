// What the report's viewer uses of NiiVue, as the global `niivue` (a classic script: file:// pages cannot load ES modules).
export { Niivue, NVImage, SLICE_TYPE } from '@niivue/niivue';
