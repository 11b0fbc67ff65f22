const siteMetadata = { docusaurusVersion: "3.10.2", siteVersion: undefined, pluginVersions: {} };
export default siteMetadata;
