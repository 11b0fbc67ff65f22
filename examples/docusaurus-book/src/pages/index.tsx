import useDocusaurusContext from "@docusaurus/useDocusaurusContext";
import Layout from "@theme/Layout";
import LecternContinueReading from "@theme/LecternContinueReading";
import styles from "./index.module.css";

export default function Home() {
  const { siteConfig } = useDocusaurusContext();
  return (
    <Layout title="Home" description={siteConfig.tagline}>
      <main className={styles.hero}>
        <h1>{siteConfig.title}</h1>
        <p className={styles.tagline}>{siteConfig.tagline}</p>
        <p>Sign up with three questions about your background, and every chapter recommends the sections written for you, with the reason why.</p>
        {/* "Start reading" for a new reader, "Continue: <chapter>: <section>" once they have read something. */}
        <LecternContinueReading startUrl="/docs/foundations/what-is-physical-ai" />
      </main>
    </Layout>
  );
}
