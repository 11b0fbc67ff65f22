import Link from "@docusaurus/Link";
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
        <LecternContinueReading />
        <p>Sign up with three questions about your background, and every chapter recommends the sections written for you, with the reason why.</p>
        <Link className="button button--primary button--lg" to="/docs/foundations/what-is-physical-ai">
          Start reading
        </Link>
      </main>
    </Layout>
  );
}
