import type { WrapperProps } from "@docusaurus/types";
import { LecternRoot } from "@lectern/theme";
import Provider from "@theme-init/Layout/Provider";
import type ProviderType from "@theme/Layout/Provider";

type Props = WrapperProps<typeof ProviderType>;

/**
 * Every page's layout, for sites whose own `src/theme/Root` replaces the theme's: Lectern's state
 * is set up here then (and nothing is added when the theme's Root already did it).
 */
export default function LayoutProviderWrapper(props: Props) {
  return (
    <LecternRoot>
      <Provider {...props} />
    </LecternRoot>
  );
}
