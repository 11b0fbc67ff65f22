import MDXComponents from "@theme-init/MDXComponents";
import ForLevel from "@theme/ForLevel";

/** `<ForLevel>` in every MDX doc without an import. */
const mdxComponents = { ...MDXComponents, ForLevel };
export default mdxComponents;
