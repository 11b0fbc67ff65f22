import BrowserOnly from "@docusaurus/BrowserOnly";
import type { WrapperProps } from "@docusaurus/types";
import { useLecternThemeConfig, usePersonalizedVersion } from "@lectern/theme";
import Content from "@theme-init/DocItem/Content";
import type ContentType from "@theme/DocItem/Content";
import LecternAdaptsNotice from "@theme/LecternAdaptsNotice";
import LecternForYouEntry from "@theme/LecternForYouEntry";

type Props = WrapperProps<typeof ContentType>;

/** Above the doc: "the book now adapts" once after signing up, and on phones a way down to "For you". */
export default function ContentWrapper(props: Props) {
  const { forYou } = useLecternThemeConfig();
  const version = usePersonalizedVersion();
  return (
    <>
      <BrowserOnly>{() => <LecternAdaptsNotice />}</BrowserOnly>
      {forYou && version.personalized && <LecternForYouEntry placement="top" />}
      <Content {...props} />
    </>
  );
}
