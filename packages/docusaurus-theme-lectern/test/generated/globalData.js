// The theme's global data as index.js's allContentLoaded sets it: each doc's chapter.
const globaldata = {
  "docusaurus-theme-lectern": { default: { chapters: { "/docs/control/tuning": "Control" } } },
};
export default globaldata;
