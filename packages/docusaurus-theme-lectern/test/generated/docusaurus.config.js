// What a Docusaurus build generates as @generated/docusaurus.config, for the component tests.
const docusaurusConfig = {
  title: "A test book",
  url: "http://book.test",
  baseUrl: "/",
  trailingSlash: undefined,
  future: { experimental_router: "browser" },
  themeConfig: {
    lectern: {
      lecternUrl: "http://lectern.test",
      credentials: "cookie",
      timeoutMs: 1000,
      readAfterSeconds: 15,
      navbarItem: true,
      forYou: true,
      feedback: true,
      askPlaceholder: "e.g. comptime",
    },
  },
};
export default docusaurusConfig;
